"""Asking the core a question off the event loop while the chat shows "typing", and sending the reply."""
from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

from telegram import Bot, InlineKeyboardMarkup, Message
from telegram.constants import ChatAction, ParseMode
from telegram.error import Forbidden, TelegramError
from telegram.ext import ContextTypes

from bot.chat.render import answer_html, answer_keyboard, split_message, suggestions_keyboard
from bot.chat.streaming import llm_answer_stream, remember_turn, replace_preview, stream_preview, throttle_for
from bot.chat.suggestion_store import offer
from bot.deps import Deps, deps_of
from retrieval.models import Answer

log = logging.getLogger(__name__)
TYPING_EVERY_S = 4.0  # Telegram shows "typing" for about 5 s


@contextlib.asynccontextmanager
async def typing(bot: Bot, chat_id: int) -> AsyncIterator[None]:
    """Show "typing" in the chat until the block ends."""
    async def keep_typing() -> None:
        while True:
            await asyncio.sleep(TYPING_EVERY_S)
            await show_typing(bot, chat_id)

    await show_typing(bot, chat_id)
    repeat = asyncio.create_task(keep_typing())
    try:
        yield
    finally:
        repeat.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await repeat


async def show_typing(bot: Bot, chat_id: int) -> None:
    """Best effort: a failed "typing" (429, network) never stops the answer; a blocked chat (403) does."""
    try:
        await bot.send_chat_action(chat_id, ChatAction.TYPING)
    except Forbidden:
        raise
    except TelegramError as exc:
        log.debug("typing not shown in chat %s: %s", chat_id, exc)


async def ask(context: ContextTypes.DEFAULT_TYPE, message: Message, question: str, *,
              user_id: int | None = None) -> None:
    """Answer `question` in the message's chat, reading a follow-up in the light of the last answer."""
    deps = deps_of(context)
    chat = message.chat
    previous = deps.storage.last_article(chat.id)
    in_group = chat.type != "private"
    preview, throttle = None, throttle_for(deps)
    answer = deps.answers.known(question, context_article=previous)
    if answer is None:
        async with typing(context.bot, chat.id):
            if getattr(deps.assistant, "llm", None) is not None:  # an LLM is configured: stream its answer
                stream = llm_answer_stream(deps, chat.id, question, context_article=previous)
                answer, preview = await stream_preview(message, stream, throttle, quote=in_group)
                remember_turn(deps, chat.id, question, answer)
            else:
                answer = await deps.answers.answer(question, context_article=previous)
    top = answer.sources[0] if answer.sources else None
    answer_id = deps.storage.add_answer(
        chat.id, user_id, question, answer.article_id, top.chunk_id if top else "", answer.found
    )
    if answer.found and answer.article_id:
        deps.storage.set_last_article(chat.id, answer.article_id)
    log.info("answered chat=%s found=%s took_ms=%.0f", chat.id, answer.found, answer.took_ms)
    parts, keyboard = reply_of(deps, answer, answer_id)
    if preview is not None:
        await replace_preview(preview, parts, keyboard, throttle)
        return
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        await message.reply_text(
            part,
            parse_mode=ParseMode.HTML,
            reply_markup=keyboard if last else None,
            do_quote=in_group and i == 0,
        )


def reply_of(deps: Deps, answer: Answer, answer_id: int) -> tuple[list[str], InlineKeyboardMarkup | None]:
    """The reply's HTML parts and the buttons under the last: 查看原文/👍/👎, or a refusal's 您可能想问."""
    if answer.found:
        return split_message(answer_html(answer)), answer_keyboard(answer_id)
    offered = offer(deps, answer_id, answer)
    return split_message(answer_html(answer, suggesting=bool(offered))), suggestions_keyboard(answer_id, offered)
