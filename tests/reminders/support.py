"""Helpers for the reminder stories: virtual time, a registry copy, and the real PTB Bot on the fake server."""
from __future__ import annotations

import asyncio
import shutil
from contextlib import asynccontextmanager
from pathlib import Path

from telegram import Bot
from telegram.constants import ParseMode

from bot.reminders.delivery import FanOut, Pacer
from bot.reminders.service import Reminders
from bot.reminders.store import ReminderStore
from retrieval.settings import PROJECT_ROOT
from tests.fakes.telegram import TOKEN, FakeTelegram

SEED_REGISTRY = PROJECT_ROOT / "knowledge" / "deadlines.yaml"


class VirtualTime:
    """A monotonic clock whose sleeps return at once but move time forward (no waiting on wall-clock time)."""

    def __init__(self) -> None:
        self.now = 0.0
        self.slept = 0.0

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        target = self.now + max(seconds, 0.0)
        self.slept += max(seconds, 0.0)
        await asyncio.sleep(0)
        self.now = max(self.now, target)


def copy_registry(tmp_path: Path) -> Path:
    """A registry the test may edit."""
    target = tmp_path / "deadlines.yaml"
    shutil.copy(SEED_REGISTRY, target)
    return target


def make_reminders(tmp_path: Path, registry: Path, offsets=(30, 7, 1, 0), hour: int = 9) -> Reminders:
    """The reminder service on a fresh store in tmp_path."""
    return Reminders(ReminderStore(tmp_path / "reminders.sqlite3"), registry, tuple(offsets), hour)


@asynccontextmanager
async def telegram_sender(tg: FakeTelegram):
    """send(chat_id, text, markup) through the real PTB Bot talking HTTP to the fake server."""
    bot = Bot(TOKEN, base_url=tg.base_url)
    async with bot:
        async def send(chat_id: int, text: str, markup: object) -> int:
            message = await bot.send_message(chat_id, text, parse_mode=ParseMode.HTML, reply_markup=markup)
            return message.message_id
        yield send


def fanout_factory(store: ReminderStore, clock: VirtualTime, **kwargs):
    """FanOut builder for Reminders.run_due with virtual-time pacing and backoff."""
    return lambda send: FanOut(store, send, pacer=Pacer(clock=clock, sleep=clock.sleep), **kwargs)
