"""Text questions: private messages, and in groups only mentions of the bot and replies to it."""
from __future__ import annotations

import logging

from telegram import Message, MessageEntity, Update
from telegram.ext import Application, CommandHandler, ContextTypes, MessageHandler, filters

from bot import messages as msg
from bot.chat.answering import ask
from bot.deps import Deps, deps_of
from retrieval.user_input import MAX_QUESTION_CHARS, clean_text, question_too_long

log = logging.getLogger(__name__)


class AddressedToBot(filters.MessageFilter):
    """Private chats always; in groups only @mentions of the bot and replies to its messages."""

    def filter(self, message: Message) -> bool:
        if message.chat.type == "private":
            return True
        bot = message.get_bot()
        reply = message.reply_to_message
        if reply is not None and reply.from_user is not None and reply.from_user.id == bot.id:
            return True
        mention = f"@{bot.username}".lower()
        return any(text.lower() == mention
                   for text in message.parse_entities([MessageEntity.MENTION]).values())


def question_text(message: Message) -> str:
    """The message's text without the bot's @mention, cleaned (valid Unicode, no control characters)."""
    text = message.text or ""
    username = message.get_bot().username
    if username:
        text = text.replace(f"@{username}", " ")
    return clean_text(text)


async def on_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A question (or the reason for a 👎 the bot asked for)."""
    deps = deps_of(context)
    message = update.effective_message
    user_id = update.effective_user.id if update.effective_user else message.chat.id
    text = question_text(message)
    if await _took_as_reason(deps, message, text, user_id):
        return
    if not text:
        await message.reply_text(msg.EMPTY_QUESTION)
        return
    if question_too_long(text):
        await message.reply_text(msg.TOO_LONG.format(limit=MAX_QUESTION_CHARS))
        return
    if not deps.flood.allow(user_id):
        log.info("flood limit hit user=%s", user_id)
        await message.reply_text(msg.RATE_LIMITED.format(limit=deps.flood.limit))
        return
    await ask(context, message, text, user_id=user_id)


async def _took_as_reason(deps: Deps, message: Message, text: str, user_id: int) -> bool:
    """Store the message as the user's pending 👎 reason; a new question (ends with ?) cancels the wait."""
    pending = deps.storage.pending_feedback(message.chat.id, user_id)
    if pending is None:
        return False
    deps.storage.set_pending_feedback(message.chat.id, None)
    if not text or text.endswith(("?", "？")):
        return False
    deps.storage.set_feedback_reason(pending, text[:MAX_QUESTION_CHARS])
    await message.reply_text(msg.FEEDBACK_REASON_SAVED)
    return True


async def on_skip(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/skip: no reason for the 👎."""
    storage = deps_of(context).storage
    user_id = update.effective_user.id if update.effective_user else None
    if storage.pending_feedback(update.effective_chat.id, user_id) is not None:
        storage.set_pending_feedback(update.effective_chat.id, None)
    await update.effective_message.reply_text(msg.FEEDBACK_REASON_SKIPPED)


def register(app: Application, deps: Deps) -> None:
    """Add the question handler and /skip."""
    app.add_handler(CommandHandler("skip", on_skip))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND & AddressedToBot(), on_text))
