"""/deadlines, /subscribe, /unsubscribe, /mysubs and their buttons; in groups only admins (un)subscribe."""
from __future__ import annotations

import asyncio
import logging
from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatMemberStatus, ChatType, ParseMode
from telegram.error import TelegramError
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes

from bot.chat import context_html, split_message
from bot.deps import Deps, deps_of
from bot.reminders import messages as msg
from bot.reminders.job import reminders_of, schedule_reminder_job, wall_now
from bot.reminders.service import SOURCE_CALLBACK, Reminders
from bot.reminders.store import ALL
from retrieval.deadlines import Deadline, days_left, source_context

log = logging.getLogger(__name__)

COMMANDS = [("deadlines", "试点时间节点和剩余天数"), ("subscribe", "订阅截止日期提醒"),
            ("unsubscribe", "退订提醒"), ("mysubs", "本聊天的订阅")]
SUBSCRIBE_CALLBACK = "dl:sub:"
UNSUBSCRIBE_CALLBACK = "dl:unsub:"
UNSUBSCRIBE_ALL = "!all"
ADMIN_STATUSES = {ChatMemberStatus.OWNER, ChatMemberStatus.ADMINISTRATOR}


def _deadlines(reminders: Reminders) -> list[Deadline] | None:
    return reminders.deadlines_or_none()


def _short(title: str, limit: int = 14) -> str:
    return title if len(title) <= limit else title[: limit - 1] + "…"


def deadlines_html(deadlines: list[Deadline],
                   context: ContextTypes.DEFAULT_TYPE) -> tuple[str, InlineKeyboardMarkup | None]:
    """Upcoming first (soonest first), then passed (most recent first), each with a 查看原文 button."""
    reminders, now = reminders_of(context), wall_now(context)
    today = now.date()
    upcoming = sorted((d for d in deadlines if days_left(d, now) >= 0), key=lambda d: d.due)
    passed = sorted((d for d in deadlines if days_left(d, now) < 0), key=lambda d: d.due, reverse=True)
    lines = [msg.DEADLINES_HEADER.format(today=today.isoformat())]
    rows, n = [], 0
    for header, group in ((msg.DEADLINES_UPCOMING, upcoming), (msg.DEADLINES_PASSED, passed)):
        if not group:
            continue
        lines.append(header)
        for d in group:
            n += 1
            lines.append(msg.DEADLINES_ITEM.format(
                n=n, title=escape(d.title), due=msg.due_text(d.due, d.precision, d.expression),
                status=msg.status_text(days_left(d, now)), actors=escape(d.actors_text)))
            rows.append([InlineKeyboardButton(f"{n}. {msg.BUTTON_SOURCE}：{_short(d.title)}",
                                              callback_data=f"{SOURCE_CALLBACK}{d.id}")])
    if not deadlines:
        lines.append(msg.DEADLINES_EMPTY)
    lines.append(msg.DEADLINES_FOOTER.format(offsets=msg.offsets_text(reminders.offsets), hour=reminders.hour))
    return "\n".join(lines), InlineKeyboardMarkup(rows) if rows else None


async def on_deadlines(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/deadlines."""
    deadlines = _deadlines(reminders_of(context))
    if deadlines is None:
        await update.effective_message.reply_text(msg.DEADLINES_UNAVAILABLE)
        return
    text, markup = deadlines_html(deadlines, context)
    await update.effective_message.reply_text(text, parse_mode=ParseMode.HTML, reply_markup=markup)


async def on_source(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """查看原文 under a reminder or /deadlines: the quoted paragraph with its neighbours."""
    query = update.callback_query
    deps = deps_of(context)
    deadline_id = query.data.removeprefix(SOURCE_CALLBACK)
    deadlines = _deadlines(reminders_of(context)) or []
    found = next((d for d in deadlines if d.id == deadline_id), None)
    passage = await asyncio.to_thread(source_context, found, deps.settings.documents_dir) if found else None
    await query.answer()
    if passage is None:
        await query.message.reply_text(msg.SOURCE_MISSING)
        return
    for part in split_message(context_html(passage, focus=1)):
        await query.message.reply_text(part, parse_mode=ParseMode.HTML)


async def may_manage(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """Private chats always; in groups only administrators (anonymous admins included)."""
    chat, user, message = update.effective_chat, update.effective_user, update.effective_message
    if chat is None or chat.type == ChatType.PRIVATE:
        return True
    if message is not None and message.sender_chat is not None and message.sender_chat.id == chat.id:
        return True  # an anonymous group admin speaks as the group itself
    if user is None:
        return False
    try:
        member = await context.bot.get_chat_member(chat.id, user.id)
    except TelegramError as exc:
        log.warning("cannot check admin rights in chat %s: %s", chat.id, exc)
        return False
    return member.status in ADMIN_STATUSES


async def _refuse(update: Update) -> None:
    if update.callback_query:
        await update.callback_query.answer(msg.GROUP_ADMINS_ONLY, show_alert=True)
    else:
        await update.effective_message.reply_text(msg.GROUP_ADMINS_ONLY)


def subscribe_keyboard(deadlines: list[Deadline], context: ContextTypes.DEFAULT_TYPE) -> InlineKeyboardMarkup:
    """全部时间节点, then one button per deadline that has not passed."""
    now = wall_now(context)
    rows = [[InlineKeyboardButton(msg.BUTTON_ALL, callback_data=f"{SUBSCRIBE_CALLBACK}{ALL}")]]
    rows += [[InlineKeyboardButton(_short(d.title, 24), callback_data=f"{SUBSCRIBE_CALLBACK}{d.id}")]
             for d in sorted(deadlines, key=lambda d: d.due) if days_left(d, now) >= 0]
    return InlineKeyboardMarkup(rows)


async def on_subscribe(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/subscribe: choose all deadlines or one (when there is a choice), else subscribe to all."""
    if not await may_manage(update, context):
        await _refuse(update)
        return
    reminders = reminders_of(context)
    deadlines = _deadlines(reminders) or []
    keyboard = subscribe_keyboard(deadlines, context)
    if len(keyboard.inline_keyboard) > 2:
        await update.effective_message.reply_text(
            msg.SUBSCRIBE_CHOOSE.format(offsets=msg.offsets_text(reminders.offsets), hour=reminders.hour),
            reply_markup=keyboard)
        return
    await update.effective_message.reply_text(**_subscribe(update, context, ALL, deadlines))


def _subscribe(update: Update, context: ContextTypes.DEFAULT_TYPE, scope: str, deadlines: list[Deadline]) -> dict:
    reminders = reminders_of(context)
    now = wall_now(context)
    user = update.effective_user
    added = reminders.subscribe(update.effective_chat.id, scope, now, user.id if user else None)
    what = reminders.scope_label(scope)
    if not added:
        return {"text": msg.SUBSCRIBED_ALREADY.format(what=what), "parse_mode": ParseMode.HTML}
    followed = [d for d in deadlines if (scope == ALL or d.id == scope) and days_left(d, now) >= 0]
    if followed:
        nearest = min(followed, key=lambda d: d.due)
        status = msg.SUBSCRIBED_NEXT.format(title=escape(nearest.title),
                                            due=msg.due_text(nearest.due, nearest.precision),
                                            status=msg.status_text(days_left(nearest, now)))
    else:
        status = msg.SUBSCRIBED_ALL_PASSED
    log.info("chat %s subscribed to %s", update.effective_chat.id, scope)
    text = msg.SUBSCRIBED.format(what=what, offsets=msg.offsets_text(reminders.offsets), hour=reminders.hour,
                                 status=status)
    return {"text": text, "parse_mode": ParseMode.HTML}


async def on_subscribe_choice(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A /subscribe button."""
    query = update.callback_query
    if not await may_manage(update, context):
        await _refuse(update)
        return
    scope = query.data.removeprefix(SUBSCRIBE_CALLBACK)
    deadlines = _deadlines(reminders_of(context)) or []
    if scope != ALL and scope not in {d.id for d in deadlines}:
        await query.answer(msg.UNKNOWN_CHOICE, show_alert=True)
        return
    await query.answer()
    await query.edit_message_text(**_subscribe(update, context, scope, deadlines))


async def on_unsubscribe(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/unsubscribe: directly when there is one subscription, else choose (or 全部退订)."""
    if not await may_manage(update, context):
        await _refuse(update)
        return
    reminders = reminders_of(context)
    chat_id = update.effective_chat.id
    scopes = reminders.store.scopes(chat_id)
    if not scopes:
        await update.effective_message.reply_text(msg.NOT_SUBSCRIBED)
        return
    if len(scopes) == 1:
        reminders.store.unsubscribe(chat_id, wall_now(context))
        await update.effective_message.reply_text(msg.UNSUBSCRIBED_ALL)
        return
    rows = [[InlineKeyboardButton(_short(reminders.scope_label(s), 24), callback_data=f"{UNSUBSCRIBE_CALLBACK}{s}")]
            for s in scopes]
    rows.append([InlineKeyboardButton(msg.BUTTON_UNSUBSCRIBE_ALL,
                                      callback_data=f"{UNSUBSCRIBE_CALLBACK}{UNSUBSCRIBE_ALL}")])
    await update.effective_message.reply_text(msg.UNSUBSCRIBE_CHOOSE, reply_markup=InlineKeyboardMarkup(rows))


async def on_unsubscribe_choice(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """An /unsubscribe button."""
    query = update.callback_query
    if not await may_manage(update, context):
        await _refuse(update)
        return
    reminders = reminders_of(context)
    scope = query.data.removeprefix(UNSUBSCRIBE_CALLBACK)
    chat_id = update.effective_chat.id
    await query.answer()
    if scope == UNSUBSCRIBE_ALL:
        reminders.store.unsubscribe(chat_id, wall_now(context))
        await query.edit_message_text(msg.UNSUBSCRIBED_ALL)
    elif reminders.store.unsubscribe(chat_id, wall_now(context), scope):
        await query.edit_message_text(msg.UNSUBSCRIBED.format(what=reminders.scope_label(scope)),
                                      parse_mode=ParseMode.HTML)
    else:
        await query.edit_message_text(msg.NOT_SUBSCRIBED)


async def on_mysubs(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/mysubs."""
    reminders = reminders_of(context)
    scopes = reminders.store.scopes(update.effective_chat.id)
    if not scopes:
        await update.effective_message.reply_text(msg.NOT_SUBSCRIBED)
        return
    lines = "\n".join(msg.MYSUBS_LINE.format(what=reminders.scope_label(s)) for s in scopes)
    await update.effective_message.reply_text(
        msg.MYSUBS.format(lines=lines, offsets=msg.offsets_text(reminders.offsets), hour=reminders.hour),
        parse_mode=ParseMode.HTML)


def register(app: Application, deps: Deps) -> None:
    """Add the reminder commands and buttons, and the JobQueue job that sends reminders."""
    deps.commands.extend(COMMANDS)
    app.add_handler(CommandHandler("deadlines", on_deadlines))
    app.add_handler(CommandHandler("subscribe", on_subscribe))
    app.add_handler(CommandHandler("unsubscribe", on_unsubscribe))
    app.add_handler(CommandHandler("mysubs", on_mysubs))
    app.add_handler(CallbackQueryHandler(on_source, pattern=f"^{SOURCE_CALLBACK}"))
    app.add_handler(CallbackQueryHandler(on_subscribe_choice, pattern=f"^{SUBSCRIBE_CALLBACK}"))
    app.add_handler(CallbackQueryHandler(on_unsubscribe_choice, pattern=f"^{UNSUBSCRIBE_CALLBACK}"))
    schedule_reminder_job(app, deps)
