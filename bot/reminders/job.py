"""The bot's reminder job: runs after start-up (sending what was missed) and again at each next due moment."""
from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from telegram.constants import ParseMode
from telegram.ext import Application, ContextTypes

from bot.deps import Deps, deps_of
from bot.reminders.schedule import TZ
from bot.reminders.service import Reminders
from bot.reminders.store import ReminderStore

log = logging.getLogger("bot.reminders")

KEY = "reminders"
NOW_KEY = "reminders_now"  # a callable returning an aware datetime; tests put an injected clock here
JOB_NAME = "reminders"
# Also wake this often to pick up registry edits (change notices) and new subscriptions.
RECHECK = timedelta(minutes=15)


def reminders_of(context: ContextTypes.DEFAULT_TYPE | Application) -> Reminders:
    """The running bot's Reminders."""
    return deps_of(context).extra[KEY]


def wall_now(context: ContextTypes.DEFAULT_TYPE | Application) -> datetime:
    """Now, from the injected clock when there is one."""
    now: Callable[[], datetime] = deps_of(context).extra.get(NOW_KEY) or (lambda: datetime.now(TZ))
    return now()


def schedule_reminder_job(app: Application, deps: Deps) -> None:
    """Open the reminder store and queue the first run for right after start-up."""
    store = ReminderStore.open(deps.settings.data_dir)
    deps.extra[KEY] = Reminders(store, deps.settings.knowledge_dir / "deadlines.yaml",
                                deps.settings.reminder_offsets_days, deps.settings.reminder_hour,
                                deps.settings.telegram_max_messages_per_second)
    if app.job_queue is None:
        log.warning("no JobQueue (python-telegram-bot[job-queue] missing): reminders only via `python -m bot remind`")
        return
    app.job_queue.run_once(reminder_job, when=0, name=JOB_NAME)


def next_delay(reminders: Reminders, now: datetime) -> timedelta:
    """How long to sleep: until the next due moment, at most RECHECK."""
    upcoming = reminders.next_wakeup(now)
    if upcoming is None:
        return RECHECK
    return max(min(upcoming - now, RECHECK), timedelta(seconds=1))


async def reminder_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Send everything due (once), then schedule the next wake-up."""
    reminders = reminders_of(context)

    async def send(chat_id: int, text: str, markup: object) -> int:
        message = await context.bot.send_message(chat_id, text, parse_mode=ParseMode.HTML, reply_markup=markup)
        return message.message_id

    try:
        result = await reminders.run_due(send, wall_now(context))
        if result.registry_error:
            log.error("reminders skipped: %s", result.registry_error)
    except Exception:  # noqa: BLE001 - the job must keep rescheduling itself whatever happened
        log.exception("reminder run failed")
    finally:
        if context.job_queue is not None:
            context.job_queue.run_once(reminder_job, when=next_delay(reminders, wall_now(context)), name=JOB_NAME)
