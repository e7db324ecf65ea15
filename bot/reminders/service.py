"""One reminder run: resolve crashed claims, notice registry edits, plan what is due, fan it out.

Used by the bot's JobQueue job and by `python -m bot remind --due`, so both share one delivery log.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from html import escape
from pathlib import Path

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.reminders import messages as msg
from bot.reminders.changes import notice_for, sync_registry
from bot.reminders.delivery import (TELEGRAM_MESSAGES_PER_SECOND, FanOut, FanoutReport, Outgoing, SendFn, pacer_for,
                                    utc_now)
from bot.reminders.schedule import DueReminder, due_reminder, in_scope, next_wakeup
from bot.reminders.store import ALL, CHANGE_OFFSET, DeliveryKey, ReminderStore
from retrieval.deadlines import Deadline, DeadlineFileError, days_left, load_deadlines

log = logging.getLogger("bot.reminders")

SOURCE_CALLBACK = "dl:src:"


@dataclass
class RunResult:
    """What one run planned and what the fan-out did."""

    planned: list[Outgoing] = field(default_factory=list)
    report: FanoutReport = field(default_factory=FanoutReport)
    uncertain_resolved: int = 0
    registry_error: str = ""


def source_markup(deadline_id: str) -> InlineKeyboardMarkup:
    """The 「查看原文」 button under a reminder or a /deadlines item."""
    return InlineKeyboardMarkup([[InlineKeyboardButton(msg.BUTTON_SOURCE,
                                                       callback_data=f"{SOURCE_CALLBACK}{deadline_id}")]])


def reminder_text(deadline: Deadline, now: datetime) -> str:
    """The reminder a subscriber reads: what is due, by whom, when, with the quoted source."""
    return msg.REMINDER.format(
        status=msg.status_text(days_left(deadline, now)), title=escape(deadline.title),
        due=msg.due_text(deadline.due, deadline.precision, deadline.expression),
        actors=escape(deadline.actors_text), quote=escape(deadline.quote),
        article_title=escape(deadline.article_title), published=f" {deadline.published}" if deadline.published else "")


class Reminders:
    """The reminder feature over one store and one registry file."""

    def __init__(self, store: ReminderStore, registry_path: Path, offsets: tuple[int, ...], hour: int,
                 max_per_second: float = TELEGRAM_MESSAGES_PER_SECOND) -> None:
        self.store, self.registry_path = store, Path(registry_path)
        self.offsets, self.hour = tuple(offsets), hour
        self.max_per_second = max_per_second
        self._last_good: list[Deadline] = []

    def deadlines(self) -> list[Deadline]:
        """The registry as it is on disk now; a broken file keeps the last good one (and is logged)."""
        try:
            self._last_good = load_deadlines(self.registry_path)
        except DeadlineFileError as exc:
            log.error("deadlines file unusable, keeping the last good registry: %s", exc)
            if not self._last_good:
                raise
        return self._last_good

    def deadlines_or_none(self) -> list[Deadline] | None:
        """The registry, or None when the file is unusable and there is no earlier good copy (logged)."""
        try:
            return self.deadlines()
        except DeadlineFileError:
            return None

    def plan(self, now: datetime, deadlines: list[Deadline]) -> list[Outgoing]:
        """Change notices and reminders due at `now` that the log does not have yet."""
        planned = self._plan_changes()
        due = [r for r in (due_reminder(d, self.offsets, self.hour, now) for d in deadlines) if r]
        if not due:
            return planned
        scopes: dict[int, set[str]] = {}
        for chat_id, scope in self.store.active_subscriptions():
            scopes.setdefault(chat_id, set()).add(scope)
        for reminder in due:
            planned.extend(self._plan_reminder(reminder, scopes, now))
        return planned

    def _plan_reminder(self, reminder: DueReminder, scopes: dict[int, set[str]], now: datetime) -> list[Outgoing]:
        d = reminder.deadline
        done = self.store.logged_chats("reminder", d.id, reminder.offset_days, d.due.isoformat())
        text, markup = reminder_text(d, now), source_markup(d.id)
        return [Outgoing(DeliveryKey("reminder", chat, d.id, reminder.offset_days, d.due.isoformat()), text, markup)
                for chat, chat_scopes in sorted(scopes.items())
                if chat not in done and in_scope(d.id, chat_scopes)]

    def _plan_changes(self) -> list[Outgoing]:
        planned = []
        for change_id, lines, chat_id in self.store.pending_changes():
            text = notice_for(lines, set(self.store.scopes(chat_id)))
            if text:
                planned.append(Outgoing(DeliveryKey("change", chat_id, change_id, CHANGE_OFFSET, ""), text))
        return planned

    async def run_due(self, send: SendFn, now: datetime, *, dry_run: bool = False,
                      fanout: Callable[[SendFn], FanOut] | None = None) -> RunResult:
        """Send (or with dry_run only list) everything due at `now`, each message at most once."""
        result = RunResult()
        if not dry_run:
            stale = self.store.resolve_stale_claims(utc_now())
            result.uncertain_resolved = len(stale)
            for key in stale:
                log.warning("claim of a crashed run resolved as delivered (uncertain, not resent): %s", key)
        try:
            deadlines = self.deadlines()
        except DeadlineFileError as exc:
            result.registry_error = str(exc)
            return result
        if not dry_run:
            for line in sync_registry(self.store, deadlines, utc_now()):
                log.info("deadline registry changed: %s", line.deadline_id)
        result.planned = self.plan(now, deadlines)
        if dry_run or not result.planned:
            return result
        runner = fanout(send) if fanout else FanOut(self.store, send, pacer=pacer_for(self.max_per_second))
        result.report = await runner.run(result.planned)
        log.info("reminder run at %s: %s", now.isoformat(), result.report.summary())
        return result

    def next_wakeup(self, now: datetime) -> datetime | None:
        """The next moment a reminder becomes due."""
        try:
            return next_wakeup(self.deadlines(), self.offsets, self.hour, now)
        except DeadlineFileError:
            return None

    def subscribe(self, chat_id: int, scope: str, now: datetime, user_id: int | None = None) -> bool:
        """Subscribe; reminders already due now are logged as covered (the reply shows the status)."""
        added = self.store.subscribe(chat_id, scope, now, user_id)
        if added:
            for d in self.deadlines_or_none() or []:
                reminder = due_reminder(d, self.offsets, self.hour, now)
                if reminder and in_scope(d.id, {scope}):
                    key = DeliveryKey("reminder", chat_id, d.id, reminder.offset_days, d.due.isoformat())
                    self.store.record_skipped(key, "covered by the subscription reply", utc_now())
        return added

    def scope_label(self, scope: str) -> str:
        """How a subscription scope reads in chat."""
        if scope == ALL:
            return msg.SCOPE_ALL
        found = next((d for d in self._last_good or self.deadlines_or_none() or [] if d.id == scope), None)
        return msg.SCOPE_ONE.format(title=escape(found.title)) if found else msg.SCOPE_GONE.format(id=escape(scope))
