"""/start with its starting-point buttons, /help and /sources."""
from __future__ import annotations

import asyncio
from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes

from bot import messages as msg
from bot.chat.answering import ask
from bot.chat.render import split_message
from bot.deps import Deps, deps_of


def start_keyboard() -> InlineKeyboardMarkup:
    """试点条件 / 支持政策 / 时间节点 / 相关简讯 / 订阅提醒."""
    topics = [InlineKeyboardButton(label, callback_data=f"go:t{i}") for i, (label, _) in enumerate(msg.START_TOPICS)]
    return InlineKeyboardMarkup([
        topics,
        [InlineKeyboardButton(msg.START_NEWS, callback_data="go:news"),
         InlineKeyboardButton(msg.START_SUBSCRIBE, callback_data="go:subscribe")],
    ])


async def on_start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Who the bot is for, what it answers, where to start."""
    await update.effective_message.reply_text(msg.START, parse_mode=ParseMode.HTML, reply_markup=start_keyboard())


def help_html(commands: list[tuple[str, str]]) -> str:
    """Usage, every registered command (so the list is always true) and examples."""
    lines = [msg.HELP_INTRO]
    seen: set[str] = set()
    for command, description in commands:
        if command not in seen:
            seen.add(command)
            lines.append(msg.HELP_COMMAND.format(command=command, description=escape(description)))
    return "\n".join(lines) + "\n\n" + msg.HELP_EXAMPLES


async def on_help(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Commands and examples."""
    await update.effective_message.reply_text(help_html(deps_of(context).commands), parse_mode=ParseMode.HTML)


def sources_html(documents: list[dict]) -> str:
    """The documents in the index with dates and article counts."""
    if not documents:
        return msg.SOURCES_EMPTY
    lines = [msg.SOURCES_HEADER.format(count=len(documents))]
    for doc in documents:
        lines.append(msg.SOURCES_ITEM.format(
            title=escape(str(doc.get("title", ""))), publisher=escape(str(doc.get("publisher", ""))),
            published=escape(str(doc.get("published", ""))), articles=len(doc.get("articles", []))))
    return "\n".join(lines)


async def on_sources(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/sources."""
    documents = await asyncio.to_thread(deps_of(context).assistant.documents)
    for part in split_message(sources_html(documents)):
        await update.effective_message.reply_text(part, parse_mode=ParseMode.HTML)


def news_html(documents: list[dict]) -> str:
    """The page's other articles, as starting points for questions."""
    titles = [t for doc in documents for t in doc.get("articles", [])[1:]]
    return msg.NEWS_HEADER + "\n".join(f"• {escape(str(t))}" for t in titles)


async def on_start_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A starting point: ask its question for the user, list the news, or point to reminders."""
    query = update.callback_query
    await query.answer()
    choice = query.data.removeprefix("go:")
    if choice == "news":
        documents = await asyncio.to_thread(deps_of(context).assistant.documents)
        for part in split_message(news_html(documents)):
            await query.message.reply_text(part, parse_mode=ParseMode.HTML)
    elif choice == "subscribe":
        await query.message.reply_text(msg.SUBSCRIBE_HINT)
    elif choice.startswith("t") and choice[1:].isdigit() and int(choice[1:]) < len(msg.START_TOPICS):
        question = msg.START_TOPICS[int(choice[1:])][1]
        await ask(context, query.message, question, user_id=query.from_user.id)
    else:
        await query.message.reply_text(msg.BUTTON_EXPIRED)


def register(app: Application, deps: Deps) -> None:
    """Add /start, /help, /sources and the starting-point buttons."""
    deps.commands.extend(msg.COMMANDS)
    app.add_handler(CommandHandler("start", on_start))
    app.add_handler(CommandHandler("help", on_help))
    app.add_handler(CommandHandler("sources", on_sources))
    app.add_handler(CallbackQueryHandler(on_start_button, pattern=r"^go:"))
