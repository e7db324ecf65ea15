"""Operators run the bot: /healthz, webhook mode behind our own aiohttp server, clean shutdown."""
from __future__ import annotations

import asyncio
import socket
from pathlib import Path

import aiohttp
import pytest

from bot.runner import run
from tests.conftest import USER, make_settings
from tests.fakes.telegram import FakeTelegram, buttons

SECRET = "s3cret-webhook_token"


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def wait_healthy(port: int, timeout: float = 20.0) -> dict:
    """Poll /healthz until the index is loaded; returns its JSON."""
    async with aiohttp.ClientSession() as http:
        for _ in range(int(timeout / 0.05)):
            try:
                async with http.get(f"http://127.0.0.1:{port}/healthz") as resp:
                    if resp.status == 200:
                        return await resp.json()
            except aiohttp.ClientConnectionError:
                pass
            await asyncio.sleep(0.05)
    raise AssertionError("bot never became healthy")


@pytest.fixture
async def running(tg: FakeTelegram, tmp_path: Path, assistant):
    """Run the whole bot (`bot.runner.run`) in this process; yields (start, port)."""
    stop = asyncio.Event()
    tasks: list[asyncio.Task] = []
    port = free_port()

    async def start(**env) -> int:
        settings = make_settings(tmp_path, TELEGRAM_API_BASE_URL=tg.base_url, HTTP_PORT=port, **env)
        tasks.append(asyncio.create_task(run(settings, stop=stop, assistant=assistant)))
        await wait_healthy(port)
        return port

    yield start
    stop.set()
    for task in tasks:
        assert await asyncio.wait_for(task, 5) == 0


async def test_healthz_reports_index_documents_chunks_and_uptime(running, assistant) -> None:
    port = await running()
    health = await wait_healthy(port)
    stats = assistant.stats()
    assert health["status"] == "ok" and health["index_loaded"] is True and health["mode"] == "polling"
    assert health["bot_running"] is True
    assert health["documents"] == stats["documents"] and health["chunks"] == stats["chunks"]
    assert health["uptime_s"] >= 0


async def test_polling_mode_answers(tg: FakeTelegram, running) -> None:
    await running()
    assert buttons(await tg.ask(USER, "试点城市要具备什么条件？"))


async def test_webhook_mode_checks_the_secret_and_answers(tg: FakeTelegram, running) -> None:
    port = await running(WEBHOOK_URL="https://bot.example.org/tg/hook", WEBHOOK_SECRET=SECRET)
    assert tg.webhook["url"] == "https://bot.example.org/tg/hook"
    assert tg.webhook["secret_token"] == SECRET
    assert not tg.calls_of("getUpdates")
    message = tg.new_message(USER, text="试点城市要具备什么条件？")
    update = {"update_id": 1, "message": message}
    url = f"http://127.0.0.1:{port}/tg/hook"
    async with aiohttp.ClientSession() as http:
        async with http.post(url, json=update) as resp:
            assert resp.status == 403
        async with http.post(url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "wrong"}) as resp:
            assert resp.status == 403
        assert not tg.calls_of("sendMessage", USER)
        since = len(tg.calls)
        async with http.post(url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": SECRET}) as resp:
            assert resp.status == 200
        async with http.post(url, data=b"not json", headers={"X-Telegram-Bot-Api-Secret-Token": SECRET}) as resp:
            assert resp.status == 400
    assert buttons(await tg.reply(USER, since=since))
    assert "callback_query" in tg.webhook["allowed_updates"]
