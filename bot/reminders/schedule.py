"""When reminders are due: offsets before each deadline at REMINDER_HOUR, Asia/Shanghai, with an injected clock."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from retrieval.deadlines import Deadline

TZ = ZoneInfo("Asia/Shanghai")


@dataclass(frozen=True)
class DueReminder:
    """One deadline's reminder that is due now: which offset, and the moment it became due."""

    deadline: Deadline
    offset_days: int
    moment: datetime


def reminder_moment(deadline: Deadline, offset_days: int, hour: int) -> datetime:
    """The moment the `offset_days` reminder of a deadline becomes due (aware, Asia/Shanghai)."""
    day = deadline.due - timedelta(days=offset_days)
    return datetime.combine(day, time(hour), tzinfo=TZ)


def deadline_end(deadline: Deadline) -> datetime:
    """The first instant after the deadline's last day, Asia/Shanghai: from then on it has passed."""
    return datetime.combine(deadline.due + timedelta(days=1), time(0), tzinfo=TZ)


def due_reminder(deadline: Deadline, offsets: tuple[int, ...], hour: int, now: datetime) -> DueReminder | None:
    """The most recent reminder of a deadline that is due at `now`, or None.

    Only the latest due offset counts: after downtime a subscriber gets one reminder with the current
    days left, not a burst of stale ones (and none at all when a later one is due later the same day);
    a passed deadline produces nothing.
    """
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    if now >= deadline_end(deadline):
        return None
    due = [(reminder_moment(deadline, k, hour), k) for k in offsets if reminder_moment(deadline, k, hour) <= now]
    if not due:
        return None
    moment, offset = max(due)
    today = now.astimezone(TZ).date()
    if any(reminder_moment(deadline, k, hour).date() == today for k in offsets if k < offset):
        return None  # a later reminder is due later today: it supersedes this missed one
    return DueReminder(deadline, offset, moment)


def next_wakeup(deadlines: list[Deadline], offsets: tuple[int, ...], hour: int, now: datetime) -> datetime | None:
    """The earliest reminder moment after `now` among deadlines that will not have passed by then."""
    moments = [reminder_moment(d, k, hour) for d in deadlines for k in offsets]
    future = [m for m, d in zip(moments, [d for d in deadlines for _ in offsets])
              if m > now and m < deadline_end(d)]
    return min(future, default=None)


def in_scope(deadline_id: str, scopes: set[str]) -> bool:
    """True when a chat with these subscription scopes wants reminders of this deadline."""
    return "*" in scopes or deadline_id in scopes


def parse_at(text: str) -> datetime:
    """`--at "YYYY-MM-DD HH:MM"` as an aware datetime in Asia/Shanghai (an explicit offset is honoured)."""
    value = datetime.fromisoformat(text.strip())
    return value.replace(tzinfo=TZ) if value.tzinfo is None else value
