#!/usr/bin/env bash
# One entry point for newcomers and CI: sets up .venv from pyproject.toml, then runs what you ask for.
#   ./dev.sh run [args]   start the bot (terminal chat when TELEGRAM_BOT_TOKEN is unset)
#   ./dev.sh test [args]  run the test suite (pytest)
#   ./dev.sh bench        run the benchmarks and update bench/RESULTS.md
#   ./dev.sh setup        only install
set -euo pipefail
cd "$(dirname "$0")"

PYTHON=${PYTHON:-python3}
VENV=.venv

setup() {
    if [ ! -x "$VENV/bin/python" ]; then
        "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
            || { echo "需要 Python 3.11 或更高版本 (found $("$PYTHON" --version))" >&2; exit 1; }
        "$PYTHON" -m venv "$VENV"
    fi
    # Reinstall only when the dependency list changed since the last install.
    local stamp="$VENV/.installed-$(sha256sum pyproject.toml | cut -c1-16)"
    if [ ! -f "$stamp" ]; then
        "$VENV/bin/python" -m pip install --quiet --upgrade pip
        "$VENV/bin/python" -m pip install --quiet -e ".[st,test]"
        rm -f "$VENV"/.installed-* && touch "$stamp"
    fi
}

cmd=${1:-run}
[ $# -gt 0 ] && shift
case "$cmd" in
    setup) setup ;;
    run) setup; exec "$VENV/bin/python" -m bot "$@" ;;
    test) setup; exec "$VENV/bin/python" -m pytest "$@" ;;
    bench) setup; exec "$VENV/bin/python" bench/run_all.py "$@" ;;
    *) echo "用法: ./dev.sh run|test|bench|setup" >&2; exit 2 ;;
esac
