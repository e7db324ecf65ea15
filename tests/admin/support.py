"""Helpers for the admin stories: a fake Bot API that also serves uploaded files, and a bot with its own
knowledge folder and index copy so that tests may change both."""
from __future__ import annotations

import asyncio
import io
import shutil
from collections.abc import AsyncIterator
from datetime import timedelta
from itertools import count
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from telegram import Update
from telegram.ext import Application

from bot.admin.actions import AdminActions
from bot.app import announce_commands, build_application
from bot.settings import BotSettings
from retrieval.service import Assistant
from retrieval.settings import PROJECT_ROOT
from tests.conftest import make_settings, stop_bot
from tests.core.support import NEWER, docx_bytes  # noqa: F401  (re-exported for the admin tests)
from tests.fakes.telegram import FakeTelegram

ADMIN = 9001
OTHER_ADMIN = 9002
STRANGER = 501



class FilesTelegram(FakeTelegram):
    """The fake Bot API plus getFile and /file/bot<token>/<path>, so users can send documents."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.files: dict[str, bytes] = {}
        self._ids = count(1)
        self.methods["getFile"] = self._get_file

    def web_app(self) -> web.Application:
        app = super().web_app()
        app.router.add_get("/file/bot{token}/{path:.*}", self._download)
        return app

    def document(self, name: str, data: bytes, *, size: int | None = None) -> dict:
        """A Document object for a file the user is about to send (size as Telegram reports it)."""
        file_id = f"doc{next(self._ids)}"
        self.files[file_id] = data
        return {"file_id": file_id, "file_unique_id": f"u{file_id}", "file_name": name,
                "file_size": len(data) if size is None else size}

    def upload(self, chat_id: int, name: str, data: bytes, caption: str | None = None, **kw: Any) -> dict:
        """A user sends a file with an optional caption."""
        extra: dict[str, Any] = {"document": self.document(name, data, **kw)}
        if caption is not None:
            extra["caption"] = caption
        return self.send(chat_id, **extra)

    async def upload_and_wait(self, chat_id: int, name: str, data: bytes, caption: str | None = None, **kw: Any):
        """Send a file and wait for the bot's reply."""
        since = len(self.calls)
        self.upload(chat_id, name, data, caption, **kw)
        return await self.reply(chat_id, since=since, timeout=30)

    def _get_file(self, params: dict) -> dict:
        file_id = params.get("file_id", "")
        if file_id not in self.files:
            from bot.local.peer import TelegramError

            raise TelegramError(400, "Bad Request: invalid file_id")
        return {"file_id": file_id, "file_unique_id": f"u{file_id}", "file_size": len(self.files[file_id]),
                "file_path": f"documents/{file_id}"}

    async def _download(self, request: web.Request) -> web.Response:
        file_id = request.match_info["path"].rsplit("/", 1)[-1]
        if request.match_info["token"] != self.token or file_id not in self.files:
            return web.Response(status=404)
        return web.Response(body=self.files[file_id])


@pytest.fixture
async def tg() -> AsyncIterator[FilesTelegram]:
    """Overrides conftest's fake server with one that serves files."""
    server = FilesTelegram()
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
def knowledge(tmp_path: Path) -> Path:
    """A private copy of the knowledge folder that the test may change."""
    target = tmp_path / "knowledge"
    shutil.copytree(PROJECT_ROOT / "knowledge", target, ignore=shutil.ignore_patterns("removed"))
    return target


def admin_settings(data_dir: Path, knowledge: Path, base_url: str, **env: Any) -> BotSettings:
    """Bot settings with two admins, a private knowledge folder and a private index."""
    return make_settings(data_dir, KNOWLEDGE_DIR=knowledge, TELEGRAM_API_BASE_URL=base_url,
                         ADMIN_IDS=f"{ADMIN},{OTHER_ADMIN}", **env)


@pytest.fixture
def bot_env() -> dict[str, str]:
    """Extra environment for admin_bot (override or parametrize it in a test module)."""
    return {}


@pytest.fixture
async def admin_bot(tg: FilesTelegram, data_dir: Path, knowledge: Path,
                    bot_env: dict[str, str]) -> AsyncIterator[Application]:
    """The real bot over its own copy of the index and knowledge, with ADMIN and OTHER_ADMIN as admins."""
    app = await start_admin_bot(tg, data_dir, knowledge, **bot_env)
    yield app
    await stop_bot(app)


async def start_admin_bot(tg: FilesTelegram, data_dir: Path, knowledge: Path, **env: Any) -> Application:
    """Start the real bot (again, after a restart) over this data and knowledge folder, polling the fake API."""
    settings = admin_settings(data_dir, knowledge, tg.base_url, **env)
    assistant = await asyncio.to_thread(Assistant.open, settings)
    app = build_application(settings, assistant)
    await app.initialize()
    await announce_commands(app)
    await app.start()
    await app.updater.start_polling(allowed_updates=Update.ALL_TYPES, timeout=timedelta(seconds=1))
    return app


def actions_of(app: Application) -> AdminActions:
    """The bot's admin services (audit log, index manager)."""
    return app.bot_data["deps"].extra["admin"]




def pdf_bytes(text: str | None) -> bytes:
    """A PDF with one page showing `text` (ASCII only: the standard fonts), or a blank page (no text layer)."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(width=300, height=200)
    if text is not None:
        font = DictionaryObject({NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
                                 NameObject("/BaseFont"): NameObject("/Helvetica")})
        page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): DictionaryObject(
            {NameObject("/F1"): writer._add_object(font)})})
        stream = DecodedStreamObject()
        stream.set_data(f"BT /F1 12 Tf 20 100 Td ({text}) Tj ET".encode())
        page[NameObject("/Contents")] = writer._add_object(stream)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


API_TOKEN = "adm1n-T0ken_for-tests-0123456789"
API_AUTH = {"Authorization": f"Bearer {API_TOKEN}"}


@pytest.fixture
async def admin_api(admin_bot: Application) -> AsyncIterator[tuple[Any, str]]:
    """The bot's aiohttp server (healthz and the admin API) and an HTTP client; set ADMIN_API_TOKEN=API_TOKEN
    in `bot_env`."""
    import aiohttp

    from bot.app import ROUTES
    from bot.web import Runtime, build_web_app, start_web

    runner, port = await start_web(build_web_app(Runtime(mode="polling", application=admin_bot,
                                                         assistant=admin_bot.bot_data["deps"].assistant), ROUTES),
                                   "127.0.0.1", 0)
    async with aiohttp.ClientSession() as http:
        yield http, f"http://127.0.0.1:{port}"
    await runner.cleanup()
