"""Building the PTB Application: one place that wires settings, the core, storage and every feature."""
from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from telegram import BotCommand
from telegram.ext import Application, ApplicationBuilder

from bot.admin import api as admin_api
from bot.admin import chat as admin_chat
from bot.chat import FloodGate, fallbacks, feedback, questions, start, suggestions
from bot.concurrency import PerChatUpdateProcessor
from bot.deps import KEY, Deps
from bot.ratelimit import MessageRateLimiter
from bot.reminders import handlers as reminders
from bot.settings import BotSettings
from bot.storage import Storage
from bot.web import RouteFeature

if TYPE_CHECKING:
    from retrieval.service import Assistant

log = logging.getLogger(__name__)

Feature = Callable[[Application, Deps], None]
# One module per feature; each `register(app, deps)` adds its handlers (and commands to deps.commands).
# Add new features here; the chat fallbacks are always registered last.
FEATURES: list[Feature] = [
    start.register,
    reminders.register,
    questions.register,
    feedback.register,
    suggestions.register,
    admin_chat.register,
]
# Features that serve HTTP; each `register(web_app, runtime)` adds its routes next to /healthz.
ROUTES: list[RouteFeature] = [
    admin_api.register,
]
RETRIES_ON_429 = 3


def file_url(base_url: str) -> str:
    """The file download URL that goes with a Bot API base URL (…/bot → …/file/bot)."""
    if base_url.endswith("/bot"):
        return base_url[: -len("bot")] + "file/bot"
    return base_url


def build_application(
    settings: BotSettings,
    assistant: "Assistant",
    *,
    clock: Callable[[], float] | None = None,
    storage: Storage | None = None,
    token: str | None = None,
    base_url: str | None = None,
    with_updater: bool = True,
    features: list[Feature] | None = None,
) -> Application:
    """The bot: PTB Application with rate limiting, per-chat ordering and every feature's handlers."""
    token = token or settings.telegram_bot_token
    if not token:
        raise ValueError("a bot token is needed to build the application")
    base_url = base_url or settings.telegram_api_base_url
    builder = (
        ApplicationBuilder()
        .token(token)
        .base_url(base_url)
        .base_file_url(file_url(base_url))
        .rate_limiter(MessageRateLimiter(overall_max_rate=settings.telegram_max_messages_per_second,
                                         max_retries=RETRIES_ON_429))
        .concurrent_updates(PerChatUpdateProcessor(256))
    )
    if not with_updater:
        builder = builder.updater(None)
    app = builder.build()
    clock = clock or time.monotonic
    deps = Deps(
        settings=settings,
        assistant=assistant,
        storage=storage or Storage.open(settings.data_dir),
        flood=FloodGate(settings.rate_limit_per_minute, clock=clock),
        clock=clock,
    )
    app.bot_data[KEY] = deps
    for register in FEATURES if features is None else features:
        register(app, deps)
    fallbacks.register(app, deps)
    return app


async def announce_commands(app: Application) -> None:
    """Set the command menu (setMyCommands) from what the features registered."""
    deps: Deps = app.bot_data[KEY]
    seen: dict[str, str] = {}
    for command, description in deps.commands:
        seen.setdefault(command, description)
    await app.bot.set_my_commands([BotCommand(c, d) for c, d in seen.items()])
