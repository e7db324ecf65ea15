"""Wiring the admin feature into a running bot: audit log, index manager, and what follows an index swap."""
from __future__ import annotations

import logging

from telegram.ext import Application

from bot.admin.access import AuditLog
from bot.admin.actions import KEY, AdminActions
from bot.admin.index_manager import IndexManager
from bot.deps import Deps
from bot.reminders.job import JOB_NAME
from bot.reminders.job import KEY as REMINDERS_KEY
from bot.reminders.job import reminder_job

log = logging.getLogger(__name__)
FOLLOW_EVERY_S = 30  # how soon a build or rollback from the shell reaches the running bot


def install(app: Application, deps: Deps) -> AdminActions:
    """Create AdminActions (kept in deps.extra["admin"]) with the post-swap hooks."""
    manager = IndexManager(deps)
    actions = AdminActions(deps, manager, AuditLog(deps.storage))
    manager.swap_hooks.append(lambda _: notify_deadline_changes(app))
    deps.extra[KEY] = actions
    if app.job_queue is not None:
        app.job_queue.run_repeating(lambda _: manager.follow_pointer(), interval=FOLLOW_EVERY_S,
                                    first=FOLLOW_EVERY_S, name="admin-follow-index")
    return actions


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
