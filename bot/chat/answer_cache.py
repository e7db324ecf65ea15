"""Asking the core off the event loop, once per distinct question: identical questions asked at the
same time share one computation, and recent answers are remembered for the rest of the day."""
from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from retrieval.models import Answer

if TYPE_CHECKING:
    from retrieval.service import Assistant

Key = tuple[str, str, str, date, int]


class AnswerCache:
    """A small LRU of answers keyed by question, context article, index version and today's date."""

    def __init__(self, assistant: Callable[[], "Assistant"], *, size: int = 512, timezone: str = "Asia/Shanghai",
                 today: Callable[[], date] | None = None) -> None:
        self._assistant = assistant  # a getter: an admin re-index may swap the Assistant
        self.size = size
        self._zone = ZoneInfo(timezone)
        self._today = today or (lambda: datetime.now(self._zone).date())
        self._done: OrderedDict[Key, Answer] = OrderedDict()
        self._running: dict[Key, asyncio.Future[Answer]] = {}

    def _key(self, question: str, context_article: str | None) -> Key:
        # The index version (built_at) and the assistant object change when an admin re-indexes;
        # today's date changes deadline statuses ("已截止N天").
        assistant = self._assistant()
        built_at = str(assistant.stats().get("built_at", ""))
        return (" ".join(question.split()), context_article or "", built_at, self._today(), id(assistant))

    def clear(self) -> None:
        """Forget every remembered answer (after an admin swapped the index)."""
        self._done.clear()

    def known(self, question: str, *, context_article: str | None = None) -> Answer | None:
        """The remembered answer, if any (no work to do, so no "typing" needed)."""
        return self._done.get(self._key(question, context_article))

    async def answer(self, question: str, *, context_article: str | None = None) -> Answer:
        """The core's answer, computed in a worker thread unless already known or being computed."""
        key = self._key(question, context_article)
        if key in self._done:
            self._done.move_to_end(key)
            return self._done[key]
        if key in self._running:
            return await asyncio.shield(self._running[key])
        future: asyncio.Future[Answer] = asyncio.get_running_loop().create_future()
        self._running[key] = future
        try:
            answer = await asyncio.to_thread(self._assistant().answer, question, context_article=context_article)
        except asyncio.CancelledError:
            future.cancel()
            raise
        except Exception as exc:
            future.set_exception(exc)
            future.exception()  # retrieved: waiters re-raise it, nobody else should warn
            raise
        finally:
            self._running.pop(key, None)
        future.set_result(answer)
        self._done[key] = answer
        while len(self._done) > self.size:
            self._done.popitem(last=False)
        return answer
