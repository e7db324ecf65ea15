"""`python -m bot` as a process: bad settings, the terminal chat over stdin, polling and SIGTERM."""
from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from pathlib import Path

import pytest

from bot import messages as msg
from retrieval.settings import PROJECT_ROOT
from tests.bot.test_runtime import free_port, wait_healthy
from tests.fakes.telegram import TOKEN, FakeTelegram, buttons

pytestmark = pytest.mark.slow
USER = 601


def bot_env(data_dir: Path, **env: str) -> dict[str, str]:
    """A clean environment for the child: only what the test sets (plus PATH and the like)."""
    keep = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "TMPDIR", "HF_HOME")}
    return {**keep, "BOT_DATA_DIR": str(data_dir), "PYTHONUNBUFFERED": "1", **env}


async def run_bot(env: dict[str, str], stdin: bytes | None = None, timeout: float = 60) -> tuple[int, str, str]:
    """Run `python -m bot` to completion; returns (exit code, stdout, stderr)."""
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", cwd=PROJECT_ROOT, env=env, stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    out, err = await asyncio.wait_for(proc.communicate(stdin), timeout)
    return proc.returncode, out.decode(), err.decode()


@pytest.mark.parametrize(("name", "value"), [
    ("TELEGRAM_BOT_TOKEN", "not-a-token"), ("HTTP_PORT", "eighty"), ("HTTP_PORT", "70000"),
    ("ADMIN_IDS", "12,abc"), ("WEBHOOK_URL", "http://insecure.example.org/hook"),
])
async def test_bad_setting_names_the_variable_and_exits_non_zero(tmp_path: Path, name: str, value: str) -> None:
    env = bot_env(tmp_path, **{name: value})
    if name == "WEBHOOK_URL":
        env.update(TELEGRAM_BOT_TOKEN=TOKEN, WEBHOOK_SECRET="abc")
    code, out, err = await run_bot(env)
    assert code != 0
    assert name in err and "配置有误" in err and "Invalid configuration" in err
    assert value not in err or name != "TELEGRAM_BOT_TOKEN"


async def test_unreachable_bot_api_is_reported_without_the_token(data_dir: Path) -> None:
    port = free_port()  # nothing listens there
    env = bot_env(data_dir, TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_BASE_URL=f"http://127.0.0.1:{port}/bot",
                  HTTP_PORT="0")
    code, out, err = await run_bot(env)
    assert code == 1
    assert "无法连接 Telegram Bot API" in err and f"127.0.0.1:{port}" in err
    assert TOKEN.split(":")[1] not in out + err


async def test_rejected_token_is_reported(data_dir: Path) -> None:
    tg = FakeTelegram()
    tg.token = "987654321:another-token-the-server-knows-xyz"
    await tg.start()
    try:
        env = bot_env(data_dir, TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_BASE_URL=tg.base_url, HTTP_PORT="0")
        code, out, err = await run_bot(env)
    finally:
        await tg.stop()
    assert code == 1 and "TELEGRAM_BOT_TOKEN" in err and "@BotFather" in err
    assert TOKEN.split(":")[1] not in out + err


async def test_terminal_chat_over_piped_stdin(data_dir: Path) -> None:
    script = "/start\n1\n试点城市要具备什么条件？\n1\n2\n/sources\n"
    code, out, err = await run_bot(bot_env(data_dir, HTTP_PORT="0"), stdin=script.encode())
    assert code == 0, err
    assert msg.TERMINAL_BANNER in out
    assert "[1] 试点条件" in out and "[5] 订阅提醒" in out  # buttons as numbered choices
    assert out.count("地级及以上城市") >= 2  # the 试点条件 button and the typed question
    assert "[1] 查看原文  [2] 👍  [3] 👎" in out
    assert f"（{msg.FEEDBACK_THANKS}）" in out
    assert "篇文章" in out  # /sources
    assert out.rstrip().endswith(msg.TERMINAL_BYE)


async def test_polling_process_answers_and_stops_on_sigterm(data_dir: Path) -> None:
    tg = FakeTelegram()
    await tg.start()
    port = free_port()
    env = bot_env(data_dir, TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_BASE_URL=tg.base_url, HTTP_PORT=str(port))
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", cwd=PROJECT_ROOT, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    try:
        health = await wait_healthy(port, timeout=60)
        assert health["mode"] == "polling"
        assert buttons(await tg.ask(USER, "试点城市要具备什么条件？"))
        started = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        out, err = await asyncio.wait_for(proc.communicate(), 10)
        assert time.monotonic() - started < 5
        assert proc.returncode == 0
        logs = (out + err).decode()
        assert "long polling started" in logs
        assert TOKEN not in logs and TOKEN.split(":")[1] not in logs
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
        await tg.stop()
