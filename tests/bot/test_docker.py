"""The image's install and start steps are one script, which the Dockerfile calls and CI runs."""
from __future__ import annotations

import os
import re
import socket
import subprocess
import sys

import pytest

from retrieval.settings import PROJECT_ROOT

DOCKERFILE = (PROJECT_ROOT / "Dockerfile").read_text(encoding="utf-8")
SCRIPT = "scripts/docker-setup.sh"


def instructions(name: str) -> list[str]:
    """The Dockerfile's instructions of one kind (continuation lines joined)."""
    joined = re.sub(r"\\\n\s*", " ", DOCKERFILE)
    return [line.split(None, 1)[1] for line in joined.splitlines() if line.upper().startswith(name + " ")]


def test_dockerfile_uses_the_setup_script_for_install_index_and_health() -> None:
    runs = " ".join(instructions("RUN"))
    assert f"{SCRIPT} install" in runs and f"{SCRIPT} index" in runs
    assert SCRIPT in instructions("HEALTHCHECK")[0] and "healthcheck" in instructions("HEALTHCHECK")[0]
    assert instructions("FROM")[0].startswith("python:3.11-slim")
    assert instructions("CMD") == ['["python", "-m", "bot"]']
    user = instructions("USER")
    assert user and user[-1] not in ("root", "0")
    assert "/data" in instructions("VOLUME")[0] and "BOT_DATA_DIR=/data" in DOCKERFILE
    # The index is built as the runtime user, before the volume is declared.
    assert DOCKERFILE.index(f"{SCRIPT} index") < DOCKERFILE.index("VOLUME")
    assert DOCKERFILE.index("USER bot") < DOCKERFILE.index(f"{SCRIPT} index")


def test_the_bots_user_owns_the_knowledge_folder_admins_write_to() -> None:
    """Uploads, curated answers and deadlines are written into KNOWLEDGE_DIR by the running (non-root) bot."""
    assert "KNOWLEDGE_DIR=/app/knowledge" in DOCKERFILE
    chown = [run for run in instructions("RUN") if "chown" in run]
    assert chown and "/app/knowledge" in chown[0] and "bot:bot" in chown[0]
    assert "/app/knowledge" in instructions("VOLUME")[0]


@pytest.mark.slow
def test_setup_script_smoke_step_passes() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "PYTHON": sys.executable, "SMOKE_PORT": str(port)}
    done = subprocess.run(["bash", SCRIPT, "smoke"], cwd=PROJECT_ROOT, env=env, capture_output=True,
                          text=True, timeout=240)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "smoke ok" in done.stdout
