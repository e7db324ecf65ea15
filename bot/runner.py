"""Running the bot: web server first, then the index, then polling, webhook or the terminal chat."""
from __future__ import annotations

import asyncio
import logging
import signal
import sys
from typing import TYPE_CHECKING
from urllib.parse import urlparse

from telegram import Bot, Update
from telegram.error import InvalidToken, NetworkError
from telegram.ext import Application

from bot import messages as msg
from bot.app import ROUTES, announce_commands, build_application
from bot.local import LocalBotApi, terminal
from bot.settings import BotSettings
from bot.storage import Storage
from bot.web import Runtime, add_webhook, build_web_app, start_web

if TYPE_CHECKING:
    from retrieval.service import Assistant

log = logging.getLogger(__name__)


def mode_of(settings: BotSettings) -> str:
    """polling, webhook or terminal."""
    if not settings.telegram_bot_token:
        return "terminal"
    return "webhook" if settings.webhook_url else "polling"


SIGNALS = (signal.SIGTERM, signal.SIGINT)


def install_signal_handlers(stop: asyncio.Event) -> None:
    """SIGTERM and SIGINT ask for a clean shutdown."""
    loop = asyncio.get_running_loop()
    for sig in SIGNALS:
        try:
            loop.add_signal_handler(sig, stop.set)
        except (NotImplementedError, RuntimeError):  # not the main thread / platform
            pass


def remove_signal_handlers() -> None:
    """Give the signals back (the loop may outlive the bot, e.g. in tests)."""
    loop = asyncio.get_running_loop()
    for sig in SIGNALS:
        try:
            loop.remove_signal_handler(sig)
        except (NotImplementedError, RuntimeError):
            pass


async def run(settings: BotSettings, *, stop: asyncio.Event | None = None,
              assistant: "Assistant | None" = None) -> int:
    """Run until a signal (or EOF in the terminal chat); returns the process exit code.

    `assistant` skips opening the index (tests share one across runs).
    """
    stop = stop or asyncio.Event()
    install_signal_handlers(stop)
    try:
        return await _serve(settings, stop, assistant)
    finally:
        remove_signal_handlers()


async def _serve(settings: BotSettings, stop: asyncio.Event, assistant: "Assistant | None") -> int:
    runtime = Runtime(mode=mode_of(settings))
    web_app = build_web_app(runtime, ROUTES)
    if runtime.mode == "webhook":
        add_webhook(web_app, settings.webhook_path, settings.webhook_secret or "")
    try:
        web_runner, port = await start_web(web_app, settings.http_host, settings.http_port)
        log.info("HTTP server on %s:%s (/healthz)", settings.http_host, port)
    except OSError as exc:
        if runtime.mode != "terminal":
            print(msg.STARTUP_PORT_BUSY.format(host=settings.http_host, port=settings.http_port, error=exc),
                  file=sys.stderr, flush=True)
            return 1
        log.warning("HTTP server not started (%s); the terminal chat works without it", exc)
        web_runner = None
    try:
        return await _run_bot(settings, runtime, stop, assistant)
    finally:
        if web_runner is not None:
            await web_runner.cleanup()


async def _run_bot(settings: BotSettings, runtime: Runtime, stop: asyncio.Event,
                   assistant: "Assistant | None") -> int:
    from retrieval.service import Assistant

    if runtime.mode != "terminal" and not await _bot_api_reachable(settings):
        return 1  # before the slow index load: a wrong token or URL is reported at once
    if runtime.mode == "terminal" and assistant is None:
        print(msg.TERMINAL_LOADING, file=sys.stderr, flush=True)
    try:
        runtime.assistant = assistant or await asyncio.to_thread(Assistant.open, settings)
    except Exception as exc:  # noqa: BLE001 - any failure to load is reported the same way
        log.exception("index failed to load")
        print(msg.STARTUP_INDEX_FAILED.format(error=exc), file=sys.stderr, flush=True)
        return 1
    storage = Storage.open(settings.data_dir)
    try:
        if runtime.mode == "terminal":
            await _terminal(settings, runtime, storage, stop)
        else:
            await _telegram(settings, runtime, storage, stop)
    finally:
        storage.close()
    return 0


async def _bot_api_reachable(settings: BotSettings) -> bool:
    """getMe once; a rejected token or an unreachable server is explained (without the token)."""
    try:
        async with Bot(settings.telegram_bot_token or "", base_url=settings.telegram_api_base_url) as bot:
            log.info("connected as @%s", bot.username)
        return True
    except InvalidToken:
        print(msg.STARTUP_TOKEN_REJECTED, file=sys.stderr, flush=True)
    except NetworkError as exc:
        log.error("cannot reach the Bot API: %s", exc)
        host = urlparse(settings.telegram_api_base_url).netloc
        print(msg.STARTUP_API_UNREACHABLE.format(host=host), file=sys.stderr, flush=True)
    return False


async def _telegram(settings: BotSettings, runtime: Runtime, storage: Storage, stop: asyncio.Event) -> None:
    app = build_application(settings, runtime.assistant, storage=storage,
                            with_updater=runtime.mode == "polling")
    async with app:
        await announce_commands(app)
        await app.start()
        if runtime.mode == "webhook":
            await app.bot.set_webhook(settings.webhook_url, secret_token=settings.webhook_secret,
                                      allowed_updates=Update.ALL_TYPES)
            runtime.application = app
            log.info("webhook mode: Telegram posts to %s", settings.webhook_path)
        else:
            await app.updater.start_polling(allowed_updates=Update.ALL_TYPES, timeout=10)
            runtime.application = app
            log.info("long polling started")
        await stop.wait()
        log.info("shutting down")
        if app.updater and app.updater.running:
            await app.updater.stop()
        await app.stop()


async def _terminal(settings: BotSettings, runtime: Runtime, storage: Storage, stop: asyncio.Event) -> None:
    peer = LocalBotApi(token=terminal.TOKEN)
    base_url = await peer.start()
    user_id = min(settings.admin_ids) if settings.admin_ids else 1001
    chat = terminal.TerminalChat(peer, user_id, sys.stdout)
    app: Application = build_application(settings, runtime.assistant, storage=storage,
                                          token=terminal.TOKEN, base_url=base_url, with_updater=False)
    try:
        async with app:
            await announce_commands(app)
            await app.start()
            runtime.application = app
            await terminal.chat_loop(app, chat, stop)
            await app.stop()
    finally:
        await peer.stop()
