"""「您可能想问」: pressing a suggestion under a refusal asks that question for the user."""
from __future__ import annotations

import logging
import re

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, ContextTypes

from bot import messages as msg
from bot.chat.answering import ask
from bot.chat.suggestion_store import KEY, SuggestionStore
from bot.deps import Deps, deps_of

log = logging.getLogger(__name__)
DATA = re.compile(r"sg:(\d{1,18}):(\d{1,2})")  # sg:{answer id}:{position}, as render.suggestions_keyboard makes it


def suggested_question(deps: Deps, data: str, chat_id: int) -> str | None:
    """The question a button's data points at in this chat, or None (malformed, unknown or gone)."""
    found = DATA.fullmatch(data or "")
    store: SuggestionStore | None = deps.extra.get(KEY)
    if found is None or store is None:
        return None
    return store.question(int(found.group(1)), int(found.group(2)), chat_id=chat_id)


async def on_suggestion(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Ask the suggested question as if the user had typed it; a stale button says to type the question."""
    query = update.callback_query
    await query.answer()
    deps = deps_of(context)
    question = suggested_question(deps, query.data, query.message.chat.id)
    if question is None:
        log.info("stale suggestion button %r", query.data)
        await query.message.reply_text(msg.SUGGESTION_EXPIRED)
        return
    if not deps.flood.allow(query.from_user.id):
        await query.message.reply_text(msg.RATE_LIMITED.format(limit=deps.flood.limit))
        return
    await ask(context, query.message, question, user_id=query.from_user.id)


def register(app: Application, deps: Deps) -> None:
    """Keep suggestions in their table (so refusals offer them) and answer their buttons."""
    deps.extra[KEY] = SuggestionStore(deps.storage)
    app.add_handler(CallbackQueryHandler(on_suggestion, pattern=r"^sg:"))
