"""Fan-out: claim → send → confirm each message, paced under Telegram's limits, with per-error handling.

- At most 29 sends in any second, never two within 1/30 s (Telegram allows ~30/s): no 429 in normal operation.
- 429: everyone pauses for retry_after, then the same message is sent again (nothing lost).
- 403: the chat blocked the bot or removed it; its subscriptions are deactivated.
- A read timeout may mean Telegram got the message: it is logged "uncertain" (never re-sent), like a crash.
- Other errors (network, 5xx, connect timeout) retry with exponential backoff, then stay "failed" for a
  later run; a 400 is permanent for this run.
"""
from __future__ import annotations

import asyncio
import logging
import math
import time
import warnings
from collections import Counter, deque
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

import httpx
from telegram.error import BadRequest, ChatMigrated, Forbidden, RetryAfter, TelegramError, TimedOut

from bot.reminders.store import DeliveryKey, ReminderStore

log = logging.getLogger("bot.reminders")

TELEGRAM_MESSAGES_PER_SECOND = 30
# At most 29 sends in any second (one under the limit) so arrival jitter never puts a 31st message into
# Telegram's second; and never two sends closer than 1/30 s, so there are no bursts either.
MESSAGES_PER_WINDOW = TELEGRAM_MESSAGES_PER_SECOND - 1
MIN_MESSAGES_PER_WINDOW = 20  # each 429 lowers the budget by one, down to this
FANOUT_CONCURRENCY = 8  # sends in flight at once: enough to keep the pace with ~250 ms round trips
MAX_RATE_LIMIT_WAITS = 20  # 429s tolerated for one message before it is left "failed"

SendFn = Callable[[int, str, Any], Awaitable[int | None]]


def utc_now() -> datetime:
    """Wall-clock time for log stamps (deadline arithmetic uses the injected clock instead)."""
    return datetime.now(timezone.utc)


class Pacer:
    """Paces actual send instants: ≥ 1/rate s apart and ≤ per_window in any second; a 429 pauses everyone.

    Senders take turns (`async with pacer.turn(): ...` then send at once); a turn is timed when it ends,
    so a slow step inside it (the durable claim) delays the following sends instead of bunching them.
    """

    def __init__(self, rate: float = TELEGRAM_MESSAGES_PER_SECOND, *, per_window: int = MESSAGES_PER_WINDOW,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], Awaitable[None]] = asyncio.sleep) -> None:
        if rate <= 0 or per_window < 1:
            raise ValueError("rate and per_window must be positive")
        self.interval = 1.0 / rate
        self.clock, self.sleep = clock, sleep
        self._sent: deque[float] = deque(maxlen=per_window)
        self._last = float("-inf")
        self._paused_until = float("-inf")
        self._lead = 0.0  # how long the work inside a turn usually takes
        self._lock = asyncio.Lock()

    def _earliest(self) -> float:
        full = self._sent[0] + 1.0 if len(self._sent) == self._sent.maxlen else float("-inf")
        return max(self._last + self.interval, full, self._paused_until)

    @asynccontextmanager
    async def turn(self) -> AsyncIterator[None]:
        """The block runs just before the next send instant (started early by its usual duration, so it
        does not slow the pace), then waits for that instant; the caller sends right after."""
        async with self._lock:
            # Start twice the usual duration early: a slower claim than usual then still sends on time.
            while (wait := self._earliest() - min(self.interval, 2 * self._lead) - self.clock()) > 0:
                await self.sleep(wait)
            began = self.clock()
            try:
                yield
            finally:
                self._lead = 0.8 * self._lead + 0.2 * (self.clock() - began)
                while (wait := self._earliest() - self.clock()) > 0:
                    await self.sleep(wait)
                self._last = self.clock()
                self._sent.append(self._last)

    async def slot(self) -> None:
        """A turn with nothing to do inside it."""
        async with self.turn():
            pass

    def pause(self, seconds: float) -> None:
        """Stop all sending for `seconds` (Telegram's retry_after), then go on one message per second slower:
        a 429 in normal operation means the jitter on this path is larger than our margin."""
        self._paused_until = max(self._paused_until, self.clock() + seconds)
        if self._sent.maxlen > MIN_MESSAGES_PER_WINDOW:
            self._sent = deque(self._sent, maxlen=self._sent.maxlen - 1)


def pacer_for(max_per_second: float) -> Pacer:
    """The pacing for a configured limit (TELEGRAM_MAX_MESSAGES_PER_SECOND); 0 means unlimited."""
    if max_per_second <= 0:
        return Pacer(rate=1e9, per_window=10**9)
    return Pacer(rate=max_per_second, per_window=max(1, math.ceil(max_per_second) - 1))


@dataclass(frozen=True)
class Outgoing:
    """One message to deliver exactly once."""

    key: DeliveryKey
    text: str
    markup: Any = None


@dataclass
class FanoutReport:
    """What a fan-out did, for the log and the CLI."""

    sent: int = 0
    blocked: int = 0
    failed: int = 0
    uncertain: int = 0
    already_taken: int = 0
    migrated: int = 0
    rate_limited: int = 0  # 429 responses received
    retries: int = 0
    errors: Counter = field(default_factory=Counter)
    elapsed_s: float = 0.0

    def add(self, other: "FanoutReport") -> None:
        """Fold another report into this one."""
        for name in ("sent", "blocked", "failed", "uncertain", "already_taken", "migrated", "rate_limited",
                     "retries"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors.update(other.errors)
        self.elapsed_s += other.elapsed_s

    def summary(self) -> str:
        """One log line of counts."""
        errors = ", ".join(f"{k}={v}" for k, v in sorted(self.errors.items())) or "none"
        return (f"sent={self.sent} blocked={self.blocked} failed={self.failed} uncertain={self.uncertain}"
                f" already_taken={self.already_taken} migrated={self.migrated} http429={self.rate_limited}"
                f" retries={self.retries} errors[{errors}] in {self.elapsed_s:.1f}s")


def retry_after_seconds(exc: RetryAfter) -> float:
    """Seconds to wait from a 429, whether PTB gives an int or a timedelta."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = exc.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def maybe_delivered(exc: TimedOut) -> bool:
    """A timeout after the request was written may have delivered it; connect/pool timeouts did not."""
    return not isinstance(exc.__cause__, (httpx.ConnectTimeout, httpx.PoolTimeout))


class FanOut:
    """Sends a batch of Outgoing messages through `send`, logging each in the store exactly once."""

    def __init__(self, store: ReminderStore, send: SendFn, *, pacer: Pacer | None = None,
                 concurrency: int = FANOUT_CONCURRENCY, max_retries: int = 3, backoff_s: float = 1.0,
                 wall: Callable[[], datetime] = utc_now) -> None:
        self.store, self.send = store, send
        self.pacer = pacer or Pacer()
        self.concurrency, self.max_retries, self.backoff_s = concurrency, max_retries, backoff_s
        self.wall = wall

    async def run(self, messages: Iterable[Outgoing]) -> FanoutReport:
        """Deliver every message not already logged; returns the counts."""
        report = FanoutReport()
        started = self.pacer.clock()
        queue = iter(messages)

        async def worker() -> None:
            for message in queue:
                await self._deliver(message, report)

        await asyncio.gather(*(worker() for _ in range(self.concurrency)))
        report.elapsed_s = self.pacer.clock() - started
        return report

    async def _deliver(self, message: Outgoing, report: FanoutReport) -> None:
        key = message.key
        # Claim inside our turn, right before sending: a crash then leaves at most the in-flight messages
        # claimed, not a queue of claimed-but-unsent ones that the crash rule would count as delivered.
        async with self.pacer.turn():
            claimed = await asyncio.to_thread(self.store.claim, key, self.wall())
        if not claimed:
            report.already_taken += 1
            return
        tries = Counter()
        while True:
            try:
                message_id = await self.send(key.chat_id, message.text, message.markup)
            except TelegramError as exc:
                if not await self._again(exc, key, report, tries):
                    return
                await self.pacer.slot()
                continue
            except Exception as exc:  # noqa: BLE001 - one bad message must not stop the fan-out
                log.exception("unexpected error sending to chat %s", key.chat_id)
                report.errors[type(exc).__name__] += 1
                await self._fail(key, report, type(exc).__name__, str(exc))
                return
            await asyncio.to_thread(self.store.confirm, key, message_id, self.wall())
            report.sent += 1
            return

    async def _again(self, exc: TelegramError, key: DeliveryKey, report: FanoutReport, tries: Counter) -> bool:
        """Log what a Telegram error means for this message; True when it should be sent again."""
        if isinstance(exc, RetryAfter):
            report.rate_limited += 1
            tries["429"] += 1
            seconds = retry_after_seconds(exc)
            log.warning("429 from Telegram: pausing all sends for %.1fs", seconds)
            self.pacer.pause(seconds)
            if tries["429"] <= MAX_RATE_LIMIT_WAITS:
                return True
            report.errors["RetryAfter"] += 1
            await self._fail(key, report, "RetryAfter", f"still rate limited after {tries['429']} waits")
            return False
        if isinstance(exc, Forbidden):
            report.blocked += 1
            report.errors["Forbidden"] += 1
            await asyncio.to_thread(self.store.record_blocked, key, str(exc), self.wall())
            await asyncio.to_thread(self.store.deactivate_chat, key.chat_id, "blocked", self.wall())
            log.info("chat %s refused messages (403): subscriptions deactivated", key.chat_id)
            return False
        if isinstance(exc, ChatMigrated):
            report.migrated += 1
            await asyncio.to_thread(self.store.migrate_chat, key.chat_id, exc.new_chat_id, self.wall())
            await asyncio.to_thread(self.store.record_blocked, key, f"migrated to {exc.new_chat_id}", self.wall())
            log.info("chat %s moved to %s: subscriptions follow it", key.chat_id, exc.new_chat_id)
            return False
        if isinstance(exc, BadRequest):
            report.errors["BadRequest"] += 1
            await self._fail(key, report, "BadRequest", str(exc))
            return False
        if isinstance(exc, TimedOut) and maybe_delivered(exc):
            report.uncertain += 1
            report.errors["TimedOut"] += 1
            await asyncio.to_thread(self.store.record_uncertain, key, "read timeout", self.wall())
            log.warning("send to chat %s timed out after the request left: logged uncertain, not resent", key.chat_id)
            return False
        retried = await self._backoff(key, report, exc, tries["retries"])
        tries["retries"] += 1
        return retried

    async def _backoff(self, key: DeliveryKey, report: FanoutReport, exc: Exception, retries: int) -> bool:
        """Wait before another try; False (and logged failed) when retries are used up."""
        report.errors[type(exc).__name__] += 1
        if retries >= self.max_retries:
            await self._fail(key, report, type(exc).__name__, str(exc))
            return False
        report.retries += 1
        delay = self.backoff_s * (2 ** retries)
        log.warning("send to chat %s failed (%s): retry %d in %.1fs", key.chat_id, type(exc).__name__,
                    retries + 1, delay)
        await self.pacer.sleep(delay)
        return True

    async def _fail(self, key: DeliveryKey, report: FanoutReport, kind: str, error: str) -> None:
        report.failed += 1
        await asyncio.to_thread(self.store.record_failed, key, f"{kind}: {error}"[:500], self.wall())
        log.warning("giving up on chat %s for now (%s): %s", key.chat_id, kind, error[:200])
