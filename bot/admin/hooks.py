"""Wiring the admin feature into a running bot: audit log, index manager, and what follows an index swap."""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import Application

from bot.admin.access import AuditLog
from bot.admin.actions import KEY, AdminActions
from bot.admin.curation import KEY as CURATION_KEY
from bot.admin.curation import Curation
from bot.admin.index_manager import IndexManager
from bot.deps import Deps
from bot.reminders.job import JOB_NAME
from bot.reminders.job import KEY as REMINDERS_KEY
from bot.reminders.job import reminder_job

if TYPE_CHECKING:
    from retrieval.service import Assistant

log = logging.getLogger(__name__)
FOLLOW_EVERY_S = 30  # how soon a build, rollback or curated change from the shell reaches the running bot


def install(app: Application, deps: Deps) -> AdminActions:
    """Create AdminActions (kept in deps.extra["admin"]) and Curation (deps.extra["curation"]) with the post-swap
    hooks and the jobs that follow changes made from the shell."""
    manager = IndexManager(deps)
    audit = AuditLog(deps.storage)
    actions = AdminActions(deps, manager, audit)
    curation = Curation(deps, audit)
    manager.swap_hooks.append(lambda _: notify_deadline_changes(app))
    manager.swap_hooks.append(lambda fresh: notify_broken_curated(app, curation, fresh))
    deps.extra[KEY] = actions
    deps.extra[CURATION_KEY] = curation
    if app.job_queue is not None:
        app.job_queue.run_repeating(lambda _: manager.follow_pointer(), interval=FOLLOW_EVERY_S,
                                    first=FOLLOW_EVERY_S, name="admin-follow-index")
        app.job_queue.run_repeating(lambda _: curation.follow_file(), interval=FOLLOW_EVERY_S,
                                    first=FOLLOW_EVERY_S, name="admin-follow-curated")
    return actions


async def notify_broken_curated(app: Application, curation: Curation, fresh: "Assistant") -> int:
    """After a reindex or rollback, send every admin one message naming the curated answers it broke; returns
    how many admins got it."""
    from bot.admin.views import broken_curated_html

    broken = curation.newly_broken(fresh)
    if not broken:
        return 0
    log.warning("the new index breaks curated answers: %s", ", ".join(c.entry.id for c in broken))
    sent = 0
    for admin in sorted(curation.deps.settings.admin_ids):
        try:
            await app.bot.send_message(admin, broken_curated_html(broken), parse_mode=ParseMode.HTML)
            sent += 1
        except TelegramError as exc:  # an admin who never opened a chat with the bot
            log.warning("could not tell admin %s about broken curated answers: %s", admin, exc)
    return sent


def notify_deadline_changes(app: Application) -> bool:
    """After a successful reindex or rollback, run the reminders job now so that subscribers hear about changed
    deadlines (the job sends each change notice once). Returns False when reminders are not running."""
    deps: Deps = app.bot_data["deps"]
    if app.job_queue is None or REMINDERS_KEY not in deps.extra:
        log.info("reminders not running: no deadline change notices to send")
        return False
    for job in app.job_queue.get_jobs_by_name(JOB_NAME):  # the job reschedules itself: keep one chain
        job.schedule_removal()
    app.job_queue.run_once(reminder_job, when=0, name=JOB_NAME)
    return True
