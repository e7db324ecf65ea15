"""Shared fixtures: one Assistant per session, a fake Telegram server per test, and the real bot on it."""
from __future__ import annotations

import shutil
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
