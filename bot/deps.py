"""What every handler needs, stored once in application.bot_data."""
from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from telegram.ext import Application, ContextTypes

from bot.chat import AnswerCache, FloodGate
from bot.settings import BotSettings
from bot.storage import Storage

if TYPE_CHECKING:
    from retrieval.service import Assistant

log = logging.getLogger(__name__)
KEY = "deps"


@dataclass
class Deps:
    """Settings, the core, storage, flood control and the clock, shared by all handlers."""

    settings: BotSettings
    assistant: "Assistant"
    storage: Storage
    flood: FloodGate
    clock: Callable[[], float] = time.monotonic
    started_at: float = field(default_factory=time.monotonic)
    # (command, description) for setMyCommands; features append theirs when they register.
    commands: list[tuple[str, str]] = field(default_factory=list)
    blocked_chats: set[int] = field(default_factory=set)
    answers: "AnswerCache | None" = None
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.answers is None:
            self.answers = AnswerCache(lambda: self.assistant, timezone=self.settings.timezone)


def deps_of(context: ContextTypes.DEFAULT_TYPE | Application) -> Deps:
    """The Deps of the running application."""
    app = context if isinstance(context, Application) else context.application
    return app.bot_data[KEY]
