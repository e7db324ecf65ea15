"""Streaming an LLM answer into the chat: one reply edited at most once a second, then the final text and buttons."""
from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable

from telegram import InlineKeyboardMarkup, Message
from telegram.constants import ParseMode
from telegram.error import Forbidden, TelegramError

from bot.deps import Deps
from retrieval.models import Answer

log = logging.getLogger(__name__)
EDIT_EVERY_S = 1.0  # Telegram tolerates about one edit per second per chat
PREVIEW_LIMIT = 4000  # a preview is plain text; the final answer is split by the caller
STILL_WRITING = " …"
HISTORY_TURNS = 3
SLEEP_KEY = "sleep"  # Deps.extra: the sleep that goes with Deps.clock (tests inject a fake pair)


class Throttle:
    """Allows one action per `every_s` on an injected clock; `wait` sleeps until the next is allowed."""

    def __init__(self, every_s: float = EDIT_EVERY_S, *, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], Awaitable[object]] = asyncio.sleep) -> None:
        self.every_s = every_s
        self.clock = clock
        self.sleep = sleep
        self.last: float | None = None

    def due(self) -> bool:
        """True when an action is allowed now."""
        return self.last is None or self.clock() - self.last >= self.every_s

    def mark(self) -> None:
        """Record that an action happened now."""
        self.last = self.clock()

    async def wait(self) -> None:
        """Sleep until an action is allowed."""
        if self.last is not None:
            left = self.every_s - (self.clock() - self.last)
            if left > 0:
                await self.sleep(left)


def throttle_for(deps: Deps) -> Throttle:
    """A throttle on the bot's clock."""
    return Throttle(clock=deps.clock, sleep=deps.extra.get(SLEEP_KEY, asyncio.sleep))


def remember_turn(deps: Deps, chat_id: int, question: str, answer: Answer) -> None:
    """Keep the chat's last turns for rewriting follow-ups (memory only, a few per chat)."""
    turns = deps.extra.setdefault("llm_history", {}).setdefault(chat_id, deque(maxlen=HISTORY_TURNS))
    turns.append((question, answer.answer))


def history_of(deps: Deps, chat_id: int) -> list[tuple[str, str]]:
    """The chat's last turns, oldest first."""
    return list(deps.extra.get("llm_history", {}).get(chat_id, ()))


async def llm_answer_stream(deps: Deps, chat_id: int, question: str, *,
                            context_article: str | None) -> AsyncIterator[str | Answer]:
    """Retrieval off the loop (with the follow-up rewritten), then the LLM's verified text, then the Answer."""
    assistant, llm = deps.assistant, deps.assistant.llm
    started = time.perf_counter()
    extractive = await asyncio.to_thread(assistant.retrieve, question, context_article=context_article,
                                         history=history_of(deps, chat_id))
    rewritten = extractive.rewritten_question or question
    if (not extractive.found and not extractive.leads) or extractive.curated_id:  # curated: quoted as linked
        extractive.took_ms = (time.perf_counter() - started) * 1000
        yield extractive
        return
    async for item in llm.astream(rewritten, assistant.passages_for(extractive), extractive):
        if isinstance(item, Answer):
            item.took_ms = (time.perf_counter() - started) * 1000
        yield item


async def stream_preview(message: Message, updates: AsyncIterator[str | Answer], throttle: Throttle, *,
                         quote: bool = False) -> tuple[Answer, Message | None]:
    """Show the growing text as one reply, edited when the throttle allows; the final Answer and that reply."""
    preview: Message | None = None
    shown = ""
    async for item in updates:
        if isinstance(item, Answer):
            return item, preview
        if item == shown or not throttle.due():
            continue
        text = item[:PREVIEW_LIMIT] + STILL_WRITING
        try:
            if preview is None:
                preview = await message.reply_text(text, do_quote=quote)
            else:
                await preview.edit_text(text)
        except Forbidden:  # the user blocked the bot: stop here, as every other reply does
            raise
        except TelegramError as exc:  # a lost preview edit is harmless: the final edit replaces it
            log.info("preview edit failed: %s", exc)
        throttle.mark()
        shown = item
    raise RuntimeError("the answer stream ended without an Answer")


async def replace_preview(preview: Message, parts: list[str], keyboard: InlineKeyboardMarkup | None,
                          throttle: Throttle) -> None:
    """Turn the preview into the final answer (HTML parts), the buttons under the last part."""
    await throttle.wait()
    for i, part in enumerate(parts):
        markup = keyboard if i == len(parts) - 1 else None
        if i == 0:
            try:
                await preview.edit_text(part, parse_mode=ParseMode.HTML, reply_markup=markup)
                throttle.mark()
                continue
            except TelegramError as exc:
                log.warning("final edit failed, sending the answer as a new message: %s", exc)
        await preview.reply_text(part, parse_mode=ParseMode.HTML, reply_markup=markup, do_quote=False)
