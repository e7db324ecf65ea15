"""The buttons under an answer: 查看原文, 👍 and 👎."""
from __future__ import annotations

import asyncio
import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.ext import Application, CallbackQueryHandler, ContextTypes

from bot import messages as msg
from bot.chat.render import context_html, split_message
from bot.deps import Deps, deps_of

log = logging.getLogger(__name__)


async def on_context(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """查看原文: the quoted paragraph with its neighbours."""
    query = update.callback_query
    deps = deps_of(context)
    stored = deps.storage.answer(int(query.data.split(":")[1]))
    if stored is None or not stored.chunk_id:
        await query.answer(msg.BUTTON_EXPIRED, show_alert=True)
        return
    passage = await asyncio.to_thread(deps.assistant.context, stored.chunk_id)
    await query.answer()
    if passage is None:
        await query.message.reply_text(msg.CONTEXT_GONE)
        return
    focus = min(1, int(passage.get("paragraph", 1)))
    for part in split_message(context_html(passage, focus)):
        await query.message.reply_text(part, parse_mode=ParseMode.HTML)


async def on_vote(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """👍/👎: store the vote once per user and answer; a 👎 asks for a reason."""
    query = update.callback_query
    deps = deps_of(context)
    _, vote, answer_id = query.data.split(":")
    stored = deps.storage.answer(int(answer_id))
    if stored is None:
        await query.answer(msg.BUTTON_EXPIRED, show_alert=True)
        return
    feedback_id = deps.storage.add_feedback(stored.id, query.message.chat.id, query.from_user.id,
                                            1 if vote == "u" else -1)
    if feedback_id is None:
        await query.answer(msg.FEEDBACK_ALREADY)
        return
    log.info("feedback answer=%s vote=%s", stored.id, vote)
    await query.answer(msg.FEEDBACK_THANKS)
    # Keep 查看原文, drop the vote row: the answer shows it was rated.
    await query.edit_message_reply_markup(InlineKeyboardMarkup(
        [[InlineKeyboardButton(msg.BUTTON_CONTEXT, callback_data=f"ctx:{stored.id}")]]))
    if vote == "d":
        deps.storage.set_pending_feedback(query.message.chat.id, feedback_id)
        await query.message.reply_text(msg.FEEDBACK_ASK_REASON)


def register(app: Application, deps: Deps) -> None:
    """Add the answer buttons' handlers."""
    app.add_handler(CallbackQueryHandler(on_context, pattern=r"^ctx:\d+$"))
    app.add_handler(CallbackQueryHandler(on_vote, pattern=r"^fb:[ud]:\d+$"))
