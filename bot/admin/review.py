"""/review in chat: the questions the bot refused or that got 👎, one at a time, each fixed in two taps: link it to
one of the core's best passages, confirm 「资料中确实没有」 (then an optional admin note), or skip it."""
from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import (Application, ApplicationHandlerStop, CallbackQueryHandler, ContextTypes, MessageHandler,
                          filters)

from bot.admin import messages as msg
from bot.admin.access import chat_actor, is_admin
from bot.admin.actions import AdminActions
from bot.admin.curation import KEY, Curation, QueueItem
from bot.admin.views import button_label, citation_of, review_html
from bot.deps import Deps, deps_of
from bot.storage import Storage
from retrieval.models import Chunk

log = logging.getLogger(__name__)
OFFERS_KEPT = 200  # review messages whose buttons still work
NOTE_GROUP = -1  # before the question handler: an admin's reply may be the note the bot asked for


@dataclass(frozen=True)
class Offer:
    """One review message: the question shown and the passages its buttons stand for."""

    item: QueueItem
    passages: tuple[Chunk, ...]


OFFERS_SCHEMA = """
CREATE TABLE IF NOT EXISTS review_offers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    item TEXT NOT NULL,
    chunk_ids TEXT NOT NULL,
    created_at REAL NOT NULL
);
"""


class ReviewState:
    """Review messages by id (for the buttons), kept in SQLite so their buttons work after a restart, and the
    notes admins were asked for, per chat and admin."""

    def __init__(self, storage: Storage) -> None:
        self.storage = storage
        storage.executescript(OFFERS_SCHEMA)
        self.notes: dict[tuple[int, int], str] = {}  # (chat, admin) -> curated entry id waiting for a note

    def offer(self, item: QueueItem, passages: list[Chunk]) -> int:
        """Remember a review message; returns the id its buttons carry."""
        offer_id = self.storage.execute(
            "INSERT INTO review_offers (item, chunk_ids, created_at) VALUES (?, ?, ?)",
            (json.dumps(asdict(item), ensure_ascii=False), json.dumps([c.chunk_id for c in passages]), time.time()),
        ).lastrowid
        self.storage.execute("DELETE FROM review_offers WHERE id <= ?", (offer_id - OFFERS_KEPT,))
        return offer_id

    def take(self, offer_id: int, live: Callable[[str], Chunk | None]) -> Offer | None:
        """A review message's offer, once (two admins pressing at once: one wins), with its passages from the live
        index; None when unknown, already used, or a passage has left the index since."""
        row = self.storage.execute("DELETE FROM review_offers WHERE id = ? RETURNING item, chunk_ids",
                                   (offer_id,)).fetchone()
        if row is None:
            return None
        passages = [live(i) for i in json.loads(row["chunk_ids"])]
        if any(p is None for p in passages):
            return None
        item = json.loads(row["item"])
        return Offer(QueueItem(**{**item, "reasons": tuple(item["reasons"])}), tuple(passages))


def curation_of(context: ContextTypes.DEFAULT_TYPE) -> Curation:
    """The running bot's Curation."""
    return deps_of(context).extra[KEY]


def state_of(deps: Deps) -> ReviewState:
    """The review state of the running bot."""
    if "review" not in deps.extra:
        deps.extra["review"] = ReviewState(deps.storage)
    return deps.extra["review"]


async def review(update: Update, context: ContextTypes.DEFAULT_TYPE, actions: AdminActions) -> None:
    """/review: the newest question waiting, with its candidate passages as buttons."""
    actions.viewed(chat_actor(update.effective_user.id), "review")
    await show_next(context, update.effective_message)


async def show_next(context: ContextTypes.DEFAULT_TYPE, message: Message) -> None:
    """Send the newest waiting question (or say there is none)."""
    curation = curation_of(context)
    waiting, items = await asyncio.to_thread(curation.queue, 1)
    if not items:
        await message.reply_text(msg.REVIEW_EMPTY)
        return
    item = items[0]
    passages = await asyncio.to_thread(curation.candidates, item.question)
    offer_id = state_of(curation.deps).offer(item, passages)
    rows = [[InlineKeyboardButton(button_label(n, c.text), callback_data=f"rv:{offer_id}:{n - 1}")]
            for n, c in enumerate(passages, 1)]
    rows.append([InlineKeyboardButton(msg.BUTTON_NONE, callback_data=f"rv:{offer_id}:n"),
                 InlineKeyboardButton(msg.BUTTON_SKIP, callback_data=f"rv:{offer_id}:s")])
    await message.reply_text(review_html(waiting, item, passages), parse_mode=ParseMode.HTML,
                             reply_markup=InlineKeyboardMarkup(rows))


async def on_choice(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A button of a review message: link to a passage, confirm not in the documents, or skip."""
    query = update.callback_query
    curation = curation_of(context)
    user_id = query.from_user.id
    if not is_admin(curation.deps.settings.admin_ids, user_id):
        curation.deps.extra["admin"].refuse(chat_actor(user_id), "review")
        await query.answer(msg.REFUSED, show_alert=True)
        return
    _, offer_id, choice = query.data.split(":")
    offer = await asyncio.to_thread(state_of(curation.deps).take, int(offer_id), curation.deps.assistant.chunk)
    if offer is None or (choice.isdigit() and int(choice) >= len(offer.passages)):
        await query.answer(msg.REVIEW_EXPIRED, show_alert=True)
        return
    await query.answer()
    await _drop_buttons(query.message)
    if choice == "n":
        await _confirm_none(query.message, curation, user_id, offer)  # the next question follows the note
        return
    if choice == "s":
        await asyncio.to_thread(curation.skip, chat_actor(user_id), offer.item)
        await query.message.reply_text(msg.REVIEW_SKIPPED)
    elif not await _link(query.message, curation, user_id, offer, offer.passages[int(choice)]):
        return
    await show_next(context, query.message)


async def _link(message: Message, curation: Curation, user_id: int, offer: Offer, passage: Chunk) -> bool:
    from retrieval.curated.check import CurationRejected

    try:
        entry = await curation.apply(lambda: curation.add_passage(chat_actor(user_id), offer.item.question,
                                                                  passage.doc_id, passage.text))
    except CurationRejected as exc:
        await message.reply_text(msg.REVIEW_FAILED.format(reason=exc))
        return False
    await message.reply_text(msg.REVIEW_LINKED.format(id=entry.id, quote=passage.text, citation=citation_of(passage)))
    return True


async def _confirm_none(message: Message, curation: Curation, user_id: int, offer: Offer) -> None:
    from retrieval.curated.check import CurationRejected

    try:
        entry = await curation.apply(lambda: curation.add_none(chat_actor(user_id), offer.item.question))
    except CurationRejected as exc:
        await message.reply_text(msg.REVIEW_FAILED.format(reason=exc))
        return
    state_of(curation.deps).notes[(message.chat.id, user_id)] = entry.id
    await message.reply_text(msg.REVIEW_NONE_SAVED.format(id=entry.id))


async def on_note(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """An admin's next message after 「资料中确实没有」: the note users see (/skip: none); then the next question."""
    message = update.effective_message
    deps = deps_of(context)
    pending = state_of(deps).notes.pop((message.chat.id, update.effective_user.id), None)
    if pending is None:
        return
    text = (message.text or "").strip()
    if text.endswith(("?", "？")) or (text.startswith("/") and text.split()[0].split("@")[0] != "/skip"):
        return  # a question or another command: no note, and it is handled as usual
    curation = curation_of(context)
    if text.startswith("/"):
        await message.reply_text(msg.REVIEW_NOTE_SKIPPED)
    else:
        entry = await curation.apply(lambda: curation.set_note(chat_actor(update.effective_user.id), pending, text))
        await message.reply_text(msg.REVIEW_NOTE_SAVED.format(note=entry.note))
    await show_next(context, message)
    raise ApplicationHandlerStop


async def _drop_buttons(message: Message) -> None:
    try:
        await message.edit_reply_markup(None)
    except TelegramError as exc:  # already edited, or too old: the choice is stored either way
        log.debug("review buttons not removed: %s", exc)


def register(app: Application, deps: Deps) -> None:
    """Add the review buttons and the note handler (the /review command is registered with the admin commands)."""
    app.add_handler(CallbackQueryHandler(on_choice, pattern=r"^rv:\d+:(\d|n|s)$"))
    admins = sorted(deps.settings.admin_ids)
    if admins:
        app.add_handler(MessageHandler(filters.TEXT & filters.User(user_id=admins), on_note), group=NOTE_GROUP)
