"""Non-text messages, stale buttons and the application's error handler."""
from __future__ import annotations

import logging

from telegram import Update
from telegram.error import Forbidden, TelegramError
from telegram.ext import Application, CallbackQueryHandler, ContextTypes, MessageHandler, filters

from bot import messages as msg
from bot.deps import Deps, deps_of

log = logging.getLogger(__name__)

NON_TEXT = (filters.Sticker.ALL | filters.PHOTO | filters.VOICE | filters.AUDIO | filters.VIDEO
            | filters.VIDEO_NOTE | filters.ANIMATION | filters.Document.ALL | filters.LOCATION
            | filters.CONTACT | filters.POLL | filters.Dice.ALL)


async def on_non_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Stickers, photos, voice, files: say the bot reads text questions."""
    await update.effective_message.reply_text(msg.TEXT_ONLY)


async def on_unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A command no feature knows."""
    await update.effective_message.reply_text(msg.UNKNOWN_COMMAND)


async def on_stale_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A button whose data no handler knows (e.g. from an older version)."""
    await update.callback_query.answer(msg.BUTTON_EXPIRED, show_alert=True)


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the traceback and tell the user something went wrong, without internals."""
    deps = deps_of(context)
    chat = update.effective_chat if isinstance(update, Update) else None
    if isinstance(context.error, Forbidden):
        if chat is None or chat.id not in deps.blocked_chats:
            log.warning("chat %s blocked the bot or is unreachable: %s", chat.id if chat else "?", context.error)
            if chat is not None:
                deps.blocked_chats.add(chat.id)
        return
    log.error("error while handling an update", exc_info=context.error)
    if chat is None:
        return
    try:
        await context.bot.send_message(chat.id, msg.ERROR)
    except TelegramError as exc:
        log.warning("could not tell chat %s about the error: %s", chat.id, exc)


def register(app: Application, deps: Deps) -> None:
    """Add the fallbacks (registered after every feature so they only catch what none handles): the non-text reply (admins' documents are left to the admin feature) and the error handler."""
    not_admin_document = ~(filters.Document.ALL & filters.User(user_id=sorted(deps.settings.admin_ids)))
    app.add_handler(MessageHandler(NON_TEXT & filters.ChatType.PRIVATE & not_admin_document, on_non_text))
    app.add_handler(MessageHandler(filters.COMMAND & filters.ChatType.PRIVATE, on_unknown_command))
    app.add_handler(CallbackQueryHandler(on_stale_button))
    app.add_error_handler(on_error)
