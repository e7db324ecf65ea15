"""Shared fixtures: one Assistant per session, a fake Telegram server per test, and the real bot on it.

The suite's temporary files go to .test-tmp/ in the project (TMPDIR is set before anything asks for the temp
folder, and subprocesses inherit it), so the system temp folder is left as it was. At the end, anything in
.test-tmp/ besides pytest's own folders is litter a test or the code left behind, and fails the run."""
from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from telegram import Update
from telegram.ext import Application

from bot.app import announce_commands, build_application
from bot.settings import BotSettings
from retrieval.service import Assistant
from tests.fakes.telegram import TOKEN, FakeTelegram

USER = 501  # a private chat: chat id == user id
TEST_TMP = Path(__file__).resolve().parent.parent / ".test-tmp"
TEST_TMP.mkdir(exist_ok=True)
os.environ["TMPDIR"] = str(TEST_TMP)
tempfile.tempdir = None  # forget a temp folder looked up before this point
# torch (only on the optional EMBEDDER=st path) makes its empty compile-cache folder on import; name it here.
TORCH_CACHE = "torchinductor"
os.environ.setdefault("TORCHINDUCTOR_CACHE_DIR", str(TEST_TMP / TORCH_CACHE))


def litter(folder: Path = TEST_TMP) -> list[str]:
    """Entries of the test temp folder that pytest did not make (pytest keeps its own last few runs)."""
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("pytest-of-") and p.name != TORCH_CACHE)


def pytest_sessionstart(session: pytest.Session) -> None:
    for name in litter():  # left by an interrupted earlier run
        path = TEST_TMP / name
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    left = litter()
    if left:
        print(f"\nthe tests left files in the temp folder {TEST_TMP}: {left[:10]}")
        session.exitstatus = 1


class FakeClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        """Let time pass."""
        self.now += seconds


def make_settings(data_dir: Path, **env: Any) -> BotSettings:
    """Settings as the environment would give them, with BOT_DATA_DIR in a temporary folder."""
    values = {"BOT_DATA_DIR": str(data_dir), "TELEGRAM_BOT_TOKEN": TOKEN, "HTTP_PORT": "0"}
    values.update({k: str(v) for k, v in env.items()})
    return BotSettings(_env_file=None, **values)


@pytest.fixture(scope="session")
def index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """BOT_DATA_DIR holding the session's index (built once)."""
    return tmp_path_factory.mktemp("index")


@pytest.fixture(scope="session")
def assistant(index_dir: Path) -> Assistant:
    """The real core, opened once per session and warmed up."""
    opened = Assistant.open(make_settings(index_dir))
    opened.answer("试点城市要具备什么条件？")
    return opened


@pytest.fixture
def data_dir(tmp_path: Path, index_dir: Path, assistant: Assistant) -> Path:
    """A per-test BOT_DATA_DIR with a copy of the session's index (for runs that open their own)."""
    target = tmp_path / "data"
    shutil.copytree(index_dir, target, ignore=shutil.ignore_patterns("bot.sqlite3*"))
    return target


@pytest.fixture
async def tg() -> AsyncIterator[FakeTelegram]:
    """The fake Telegram Bot API server on a free port."""
    server = FakeTelegram()
    await server.start()
    yield server
    await server.stop()


StartBot = Callable[..., Awaitable[Application]]


@pytest.fixture
async def start_bot(tg: FakeTelegram, tmp_path: Path, assistant: Assistant) -> AsyncIterator[StartBot]:
    """Start the real Application (long polling the fake server); stopped after the test."""
    running: list[Application] = []

    async def start(clock: Callable[[], float] | None = None, data_dir: Path | None = None,
                    **env: Any) -> Application:
        data_dir = data_dir or tmp_path / f"bot{len(running)}"
        settings = make_settings(data_dir, TELEGRAM_API_BASE_URL=tg.base_url, **env)
        app = build_application(settings, assistant, clock=clock)
        await app.initialize()
        await announce_commands(app)
        await app.start()
        await app.updater.start_polling(allowed_updates=Update.ALL_TYPES, timeout=timedelta(seconds=1))
        running.append(app)
        return app

    yield start
    for app in running:
        if app.running:
            await stop_bot(app)


async def stop_bot(app: Application) -> None:
    """Stop polling and shut the application down."""
    if app.updater.running:
        await app.updater.stop()
    if app.running:
        await app.stop()
    await app.shutdown()


@pytest.fixture
async def bot(start_bot: StartBot) -> Application:
    """The bot with default settings."""
    return await start_bot()
