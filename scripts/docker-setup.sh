#!/usr/bin/env bash
# The container's install and start steps, in one place: the Dockerfile runs them, and CI runs
# `smoke` (through tests/bot/test_docker.py) so they keep working without a Docker engine.
#   scripts/docker-setup.sh install      pip-install the project and its dependencies (pyproject.toml)
#   scripts/docker-setup.sh index        build the knowledge index into $BOT_DATA_DIR
#   scripts/docker-setup.sh start        run the bot (exec python -m bot)
#   scripts/docker-setup.sh healthcheck  exit 0 when the running bot's /healthz says ok
#   scripts/docker-setup.sh smoke        index into a temporary BOT_DATA_DIR, start the bot, check
#                                        /healthz, stop it with SIGTERM, then ask in the terminal chat
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python}

install() {
    "$PYTHON" -m pip install --no-cache-dir --upgrade pip
    "$PYTHON" -m pip install --no-cache-dir .
}

index() {
    : "${BOT_DATA_DIR:?BOT_DATA_DIR must be set}"
    mkdir -p "$BOT_DATA_DIR"
    "$PYTHON" -m retrieval build
}

start() {
    exec "$PYTHON" -m bot
}

healthcheck() {
    "$PYTHON" - <<'PY'
import json, os, sys, urllib.request
url = f"http://127.0.0.1:{os.environ.get('HTTP_PORT', '8080')}/healthz"
try:
    with urllib.request.urlopen(url, timeout=4) as resp:
        sys.exit(0 if json.load(resp).get("status") == "ok" else 1)
except Exception as exc:  # noqa: BLE001
    print(f"unhealthy: {exc}", file=sys.stderr)
    sys.exit(1)
PY
}

smoke() {
    local dir pid
    dir=$(mktemp -d)
    trap 'rm -rf "$dir"' RETURN
    export BOT_DATA_DIR="$dir/data" HTTP_HOST=127.0.0.1
    export HTTP_PORT=${SMOKE_PORT:-18080}
    unset TELEGRAM_BOT_TOKEN WEBHOOK_URL WEBHOOK_SECRET
    index 2>/dev/null
    # No token: the terminal chat. Keep its stdin open so it runs until SIGTERM.
    mkfifo "$dir/stdin"
    "$PYTHON" -m bot <"$dir/stdin" >"$dir/out" 2>&1 &
    pid=$!
    exec 3>"$dir/stdin"
    for _ in $(seq 1 120); do
        if healthcheck 2>/dev/null; then break; fi
        sleep 0.5
    done
    healthcheck
    kill -TERM "$pid"
    wait "$pid"
    exec 3>&-
    echo "试点城市要具备什么条件？" | "$PYTHON" -m bot >"$dir/answer" 2>&1
    grep -q "地级及以上城市" "$dir/answer" || { cat "$dir/answer" >&2; echo "smoke: no answer" >&2; return 1; }
    echo "smoke ok: healthy, stopped on SIGTERM, answered in the terminal chat"
}

case "${1:-}" in
    install|index|start|healthcheck|smoke) "$1" ;;
    *) echo "usage: $0 install|index|start|healthcheck|smoke" >&2; exit 2 ;;
esac
