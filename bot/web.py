"""The aiohttp server: /healthz, the webhook in webhook mode, and any routes features add."""
from __future__ import annotations

import asyncio
import hmac
import json
import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from aiohttp import web
from telegram import Update
from telegram.ext import Application

if TYPE_CHECKING:
    from retrieval.service import Assistant

log = logging.getLogger(__name__)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


@dataclass
class Runtime:
    """What the web server reports on and hands updates to; filled in as start-up proceeds."""

    mode: str
    started_at: float = field(default_factory=time.monotonic)
    assistant: "Assistant | None" = None
    application: Application | None = None
    extra: dict[str, Any] = field(default_factory=dict)


RUNTIME = web.AppKey("runtime", Runtime)
# A feature that serves HTTP (e.g. the admin API); the wiring (bot.app.ROUTES) passes them to build_web_app.
RouteFeature = Callable[[web.Application, Runtime], None]


async def healthz(request: web.Request) -> web.Response:
    """Index loaded, documents, chunks, uptime; 503 until the index is loaded and the bot is running."""
    runtime = request.app[RUNTIME]
    running = runtime.application is not None and runtime.application.running
    body: dict[str, Any] = {"status": "starting", "mode": runtime.mode, "index_loaded": False,
                            "bot_running": running, "uptime_s": round(time.monotonic() - runtime.started_at, 1)}
    if runtime.application is not None and "deps" in runtime.application.bot_data:
        runtime.assistant = runtime.application.bot_data["deps"].assistant  # an admin may have swapped it
    if runtime.assistant is not None:
        stats = await asyncio.to_thread(runtime.assistant.stats)
        body.update(index_loaded=True, **{k: _plain(v) for k, v in stats.items()})
    ok = body["index_loaded"] and running
    if ok:
        body["status"] = "ok"
    return web.json_response(body, status=200 if ok else 503,
                             dumps=lambda o: json.dumps(o, ensure_ascii=False))


def _plain(value: object) -> object:
    return value if isinstance(value, (int, float, str, bool, type(None), list, dict)) else str(value)


def build_web_app(runtime: Runtime, routes: Iterable[RouteFeature] = ()) -> web.Application:
    """The aiohttp application with /healthz and the features' routes."""
    app = web.Application()
    app[RUNTIME] = runtime
    app.router.add_get("/healthz", healthz)
    for register in routes:
        register(app, runtime)
    return app


def add_webhook(app: web.Application, path: str, secret: str) -> None:
    """Serve Telegram's webhook at `path`, accepting only requests with our secret-token header."""
    async def webhook(request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), secret.encode()):
            log.warning("webhook request without a valid secret from %s", request.remote)
            return web.Response(status=403, text="forbidden")
        application = request.app[RUNTIME].application
        if application is None:
            return web.Response(status=503, text="starting")
        try:
            update = Update.de_json(await request.json(), application.bot)
        except (ValueError, KeyError, TypeError):
            return web.Response(status=400, text="bad update")
        await application.update_queue.put(update)
        return web.Response(text="ok")

    app.router.add_post(path, webhook)


async def start_web(app: web.Application, host: str, port: int) -> tuple[web.AppRunner, int]:
    """Start serving; returns the runner and the bound port."""
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, host, port)
    await site.start()
    return runner, site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
