"""The LLM answerer: compose a fluent answer from retrieved passages, or fall back to the extractive one."""
from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from langchain_core.messages import BaseMessage

from retrieval.llm.client import describe, make_chat_model
from retrieval.llm.guard import NOT_FOUND, SENTENCE_END, clean, guard, verified_prefix
from retrieval.llm.prompts import Prompts
from retrieval.llm.reply import compose, declined, today_for
from retrieval.llm.rewrite import standalone
from retrieval.models import Answer, Passage
from retrieval.settings import CoreSettings

log = logging.getLogger(__name__)


class LLMAnswerer:
    """Answers with an OpenAI-compatible chat model; never raises, falls back to the extractive answer."""

    def __init__(self, settings: CoreSettings, *, prompts_dir: Path | None = None) -> None:
        self.settings = settings
        self.prompts = Prompts.load(prompts_dir)
        # Made now, at startup: importing langchain-openai takes seconds the first user should not wait.
        self.chat = make_chat_model(settings)
        url = urlsplit(str(settings.llm_base_url))
        where = url._replace(netloc=url.netloc.rpartition("@")[2]).geturl()  # never a user:password
        if url.scheme not in ("http", "https"):
            log.error("LLM_BASE_URL is not an http(s) address (%s): every answer will be extractive", where)
        log.info("LLM answers on: model %s at %s, timeout %.0f s", settings.llm_model, where, settings.llm_timeout_s)

    def answer(self, question: str, passages: list[Passage], fallback: Answer, *, today: date | None = None) -> Answer:
        """Sync. On timeout, API error or a failed faithfulness check returns `fallback` (and logs why)."""
        if not passages:
            return fallback
        started = time.perf_counter()
        try:
            reply = self.chat.invoke(self.prompts.answer_messages(question, passages))
        except Exception as exc:  # noqa: BLE001 - any failure of the endpoint means the extractive answer
            log.warning("LLM answer failed after %.0f ms, using the extractive answer: %s",
                        _ms(started), describe(exc, self.settings.llm_api_key))
            return fallback
        return self._finish(_text(reply), passages, fallback, today, started)

    async def astream(self, question: str, passages: list[Passage], fallback: Answer, *,
                      today: date | None = None) -> AsyncIterator[str | Answer]:
        """Yields the growing, already verified answer text as it streams, then one final Answer."""
        if not passages:
            yield fallback
            return
        started = time.perf_counter()
        deadline = asyncio.get_running_loop().time() + self.settings.llm_timeout_s
        stream = self.chat.astream(self.prompts.answer_messages(question, passages)).__aiter__()
        text, shown = "", ""
        try:
            while True:
                try:
                    # The deadline wraps only the read, never the consumer's work between yields.
                    async with asyncio.timeout_at(deadline):
                        chunk = await anext(stream)
                except StopAsyncIteration:
                    break
                except Exception as exc:  # noqa: BLE001 - timeout or endpoint failure: extractive answer
                    log.warning("LLM stream failed after %.0f ms, using the extractive answer: %s",
                                _ms(started), describe(exc, self.settings.llm_api_key))
                    yield fallback
                    return
                delta = _text(chunk)
                text += delta
                if not any(ch in SENTENCE_END for ch in delta):
                    continue  # only a finished sentence can change what may be shown
                visible, reason = verified_prefix(text, passages)
                if NOT_FOUND in clean(text):
                    log.info("LLM says the passages do not answer the question")
                    yield declined(fallback)
                    return
                if reason:
                    log.warning("LLM answer rejected while streaming (%s), using the extractive answer", reason)
                    log.debug("rejected LLM text: %r", text)
                    yield fallback
                    return
                if len(visible) > len(shown):
                    shown = visible
                    yield shown
        finally:
            await stream.aclose()
        yield self._finish(text, passages, fallback, today, started)

    def rewrite_followup(self, history: list[tuple[str, str]], question: str) -> str:
        """Standalone version of an elliptical follow-up from the last turns; the question itself on failure."""
        if not history or not question.strip():
            return question
        started = time.perf_counter()
        try:
            reply = self.chat.invoke(self.prompts.rewrite_messages(history, question))
        except Exception as exc:  # noqa: BLE001 - retrieval goes on with the question as asked
            log.warning("follow-up rewrite failed after %.0f ms, keeping the question: %s",
                        _ms(started), describe(exc, self.settings.llm_api_key))
            return question
        rewritten = standalone(_text(reply), question)
        log.info("follow-up %r rewritten as %r", question, rewritten)
        return rewritten

    def _finish(self, text: str, passages: list[Passage], fallback: Answer, today: date | None,
                started: float) -> Answer:
        if NOT_FOUND in clean(text):
            log.info("LLM says the passages do not answer the question (%.0f ms)", _ms(started))
            return declined(fallback)
        reason = guard(text, passages)
        if reason:
            log.warning("LLM answer rejected (%s), using the extractive answer", reason)
            log.debug("rejected LLM text: %r", text)
            return fallback
        log.info("LLM answer accepted in %.0f ms", _ms(started))
        return compose(clean(text), passages, fallback, today or today_for(fallback, self.settings.timezone))


def _text(message: BaseMessage) -> str:
    """The text of a chat message or stream chunk."""
    content = message.content
    if isinstance(content, str):
        return content
    return "".join(part.get("text", "") if isinstance(part, dict) else str(part) for part in content)


def _ms(started: float) -> float:
    return (time.perf_counter() - started) * 1000
