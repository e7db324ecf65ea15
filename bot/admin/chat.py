"""Admin chat commands: /reindex (progress in one edited message), /rollback, /status, /docs, /deldoc,
/feedback, /review (bot/admin/review.py), and documents sent as files. Everyone else gets a plain refusal."""
from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from html import escape

from telegram import Message, Update
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import Application, CommandHandler, ContextTypes, MessageHandler, filters

from bot.admin import messages as msg
from bot.admin.access import chat_actor, is_admin
from bot.admin.actions import AdminActions
from bot.admin import review as review_flow
from bot.admin.hooks import install
from bot.admin.index_manager import IndexFailed
from bot.admin.views import docs_html, feedback_html, parse_caption, status_html
from bot.chat import split_message
from bot.deps import Deps, deps_of

log = logging.getLogger(__name__)
EDIT_EVERY_S = 2.0  # Telegram throttles edits of one message; progress needs no more than this
Handler = Callable[[Update, ContextTypes.DEFAULT_TYPE, AdminActions], Awaitable[None]]


def actions_of(context: ContextTypes.DEFAULT_TYPE | Application) -> AdminActions:
    """The running bot's AdminActions."""
    return deps_of(context).extra["admin"]


def admin_only(action: str, handler: Handler) -> Callable[[Update, ContextTypes.DEFAULT_TYPE], Awaitable[None]]:
    """Run `handler` for admins; refuse (log and audit with the user id) everyone else."""
    async def guarded(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        actions = actions_of(context)
        user_id = update.effective_user.id if update.effective_user else None
        if not is_admin(actions.deps.settings.admin_ids, user_id):
            actions.refuse(chat_actor(user_id), action)
            await update.effective_message.reply_text(msg.REFUSED)
            return
        await handler(update, context, actions)
    return guarded


class ProgressMessage:
    """One status message edited as a rebuild advances, at most every EDIT_EVERY_S seconds."""

    def __init__(self, message: Message, clock: Callable[[], float] = time.monotonic) -> None:
        self.message = message
        self.text = message.text or ""
        self.clock = clock
        self._changed = asyncio.Event()
        self._latest: tuple[int, int] | None = None
        self._first: tuple[float, int] | None = None

    def update(self, done: int, total: int) -> None:
        """Progress callback (on the event loop)."""
        self._first = self._first or (self.clock(), done)
        self._latest = (done, total)
        self._changed.set()

    def progress_text(self, done: int, total: int) -> str:
        """「已嵌入 done/total」 and, when more than a minute is left, how long embedding will still take."""
        text = msg.REINDEX_PROGRESS.format(done=done, total=total, percent=done * 100 // max(total, 1))
        started, first_done = self._first or (self.clock(), done)
        elapsed = self.clock() - started
        if done > first_done and elapsed > 0:
            left = (total - done) * elapsed / (done - first_done)
            if left >= 60:
                text += msg.REINDEX_ETA.format(minutes=round(left / 60))
        return text

    async def follow(self, task: asyncio.Task) -> None:
        """Show progress until the task ends."""
        while not task.done():
            changed = asyncio.create_task(self._changed.wait())
            await asyncio.wait({task, changed}, return_when=asyncio.FIRST_COMPLETED)
            changed.cancel()
            if task.done() or self._latest is None:
                break
            self._changed.clear()
            done, total = self._latest
            await self.show(self.progress_text(done, total))
            await asyncio.wait({task}, timeout=EDIT_EVERY_S)

    async def show(self, text: str, *, final: bool = False) -> None:
        """Edit the message (a new message if the final edit fails)."""
        if text == self.text:
            return
        try:
            await self.message.edit_text(text)
            self.text = text
        except TelegramError as exc:
            log.debug("progress edit failed: %s", exc)
            if final:
                await self.message.reply_text(text)


async def admin_help(update: Update, context: ContextTypes.DEFAULT_TYPE, actions: AdminActions) -> None:
    """/admin: the admin commands."""
    await update.effective_message.reply_text(msg.HELP, parse_mode=ParseMode.HTML)


async def reindex(update: Update, context: ContextTypes.DEFAULT_TYPE, actions: AdminActions) -> None:
    """/reindex."""
    started = msg.REINDEX_JOINED if actions.manager.rebuilding else msg.REINDEX_STARTED
    display = ProgressMessage(await update.effective_message.reply_text(started))
    task = asyncio.create_task(actions.reindex(chat_actor(update.effective_user.id), display.update))
    await display.follow(task)
    try:
        r = (await task).report
    except IndexFailed as exc:
        await display.show(msg.REINDEX_FAILED.format(reason=exc), final=True)
        return
    await display.show(msg.REINDEX_DONE.format(documents=r.documents, chunks=r.chunks, embedded=r.embedded,
                                               reused=r.reused, seconds=r.seconds), final=True)


async def rollback(update: Update, context: ContextTypes.DEFAULT_TYPE, actions: AdminActions) -> None:
    """/rollback."""
    try:
        stats = await actions.rollback(chat_actor(update.effective_user.id))
    except IndexFailed as exc:
        await update.effective_message.reply_text(msg.ROLLBACK_FAILED.format(reason=exc))
        return
    await update.effective_message.reply_text(msg.ROLLBACK_DONE.format(**stats))


async def status(update: Update, context: ContextTypes.DEFAULT_TYPE, actions: AdminActions) -> None:
    """/status."""
    html = status_html(await asyncio.to_thread(actions.status))
    actions.viewed(chat_actor(update.effective_user.id), "status")
    await _reply_html(update.effective_message, html)


async def docs(update: Update, context: ContextTypes.DEFAULT_TYPE, actions: AdminActions) -> None:
    """/docs."""
    from retrieval.ingest import KnowledgeError

    try:
        library = await asyncio.to_thread(actions.library)
    except KnowledgeError as exc:
        await update.effective_message.reply_text(str(exc))
        return
    actions.viewed(chat_actor(update.effective_user.id), "docs")
    await _reply_html(update.effective_message, docs_html(library))


async def deldoc(update: Update, context: ContextTypes.DEFAULT_TYPE, actions: AdminActions) -> None:
    """/deldoc <id>."""
    from retrieval.ingest import KnowledgeError

    if len(context.args or []) != 1:
        await update.effective_message.reply_text(msg.DELDOC_USAGE, parse_mode=ParseMode.HTML)
        return
    doc_id = context.args[0]
    try:
        await actions.remove_document(chat_actor(update.effective_user.id), doc_id)
    except KnowledgeError as exc:
        await update.effective_message.reply_text(msg.DELDOC_FAILED.format(reason=exc))
        return
    await update.effective_message.reply_text(msg.DELDOC_DONE.format(doc_id=escape(doc_id)),
                                              parse_mode=ParseMode.HTML)


async def feedback(update: Update, context: ContextTypes.DEFAULT_TYPE, actions: AdminActions) -> None:
    """/feedback: recent 👎 with reasons and questions."""
    count, rows = await asyncio.to_thread(actions.negative_feedback)
    actions.viewed(chat_actor(update.effective_user.id), "feedback")
    await _reply_html(update.effective_message, feedback_html(count, rows))


async def upload(update: Update, context: ContextTypes.DEFAULT_TYPE, actions: AdminActions) -> None:
    """A file from an admin: add it to the library (live after /reindex)."""
    from retrieval.ingest import KnowledgeError
    from retrieval.library import MAX_UPLOAD_BYTES

    message = update.effective_message
    document = message.document
    actor = chat_actor(update.effective_user.id)
    name = document.file_name or ""
    if document.file_size and document.file_size > MAX_UPLOAD_BYTES:
        reason = msg.UPLOAD_TOO_BIG.format(mb=document.file_size / 1024 / 1024)
        actions.audit.record(actor, "add_document", ok=False, detail=name, result=reason)
        await message.reply_text(msg.UPLOAD_FAILED.format(reason=reason, hint=msg.UPLOAD_HINT))
        return
    try:
        data = bytes(await (await document.get_file()).download_as_bytearray())
    except TelegramError as exc:
        log.warning("download of %r failed: %s", name, exc)
        actions.audit.record(actor, "add_document", ok=False, detail=name, result=str(exc))
        await message.reply_text(msg.UPLOAD_FAILED.format(reason=msg.UPLOAD_DOWNLOAD_FAILED, hint=msg.UPLOAD_HINT))
        return
    try:
        doc_id, articles = await actions.add_document(actor, name, data, parse_caption(message.caption))
    except KnowledgeError as exc:
        await message.reply_text(msg.UPLOAD_FAILED.format(reason=exc, hint=msg.UPLOAD_HINT))
        return
    await message.reply_text(msg.UPLOAD_DONE.format(doc_id=escape(doc_id), articles=articles),
                             parse_mode=ParseMode.HTML)


async def _reply_html(message: Message, html: str) -> None:
    for part in split_message(html):
        await message.reply_text(part, parse_mode=ParseMode.HTML)


COMMANDS: dict[str, Handler] = {"admin": admin_help, "reindex": reindex, "rollback": rollback, "status": status, "docs": docs,
                                "deldoc": deldoc, "feedback": feedback, "review": review_flow.review}


def register(app: Application, deps: Deps) -> None:
    """Create the admin services and add the commands and the upload handler."""
    install(app, deps)
    review_flow.register(app, deps)
    for name, handler in COMMANDS.items():
        app.add_handler(CommandHandler(name, admin_only(name, handler)))
    admins = sorted(deps.settings.admin_ids)
    if admins:  # others' files get the chat fallbacks' "I read text questions"
        app.add_handler(MessageHandler(filters.Document.ALL & filters.User(user_id=admins),
                                       admin_only("add_document", upload)))
    log.info("admin commands registered for %d admin(s)", len(admins))
