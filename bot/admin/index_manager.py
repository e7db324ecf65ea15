"""The bot's index manager: rebuilds and rollbacks run in a worker thread while questions are answered
from the old Assistant; the new one is swapped in only after success. One writer: a second request joins
the running rebuild."""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.admin import messages as msg
from bot.deps import Deps

if TYPE_CHECKING:
    from retrieval.rebuild import BuildReport
    from retrieval.service import Assistant

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
SwapHook = Callable[["Assistant"], Awaitable[None] | None]


class IndexFailed(Exception):
    """A rebuild or rollback that did not happen; the message (Chinese) says why. The live index is unchanged."""


@dataclass(frozen=True)
class Outcome:
    """What a reindex request got: the report, and whether it joined a rebuild someone else started."""

    report: "BuildReport"
    joined: bool


def reason_of(exc: BaseException) -> str:
    """The user-facing reason for a failure: our own errors say what to fix; anything else is internal."""
    from retrieval.embedders import EmbedderUnavailable
    from retrieval.index import IndexProblem
    from retrieval.ingest import KnowledgeError

    if isinstance(exc, (KnowledgeError, IndexProblem, EmbedderUnavailable)):
        return str(exc)
    return msg.INTERNAL_ERROR


class IndexManager:
    """Owns the live Assistant reference in Deps and every change to the index made from the bot."""

    def __init__(self, deps: Deps) -> None:
        self.deps = deps
        self.swap_hooks: list[SwapHook] = []
        self._running: asyncio.Task[BuildReport] | None = None
        self._listeners: list[Progress] = []
        self._writer = asyncio.Lock()  # rebuilds and rollbacks from this process, one at a time
        self._embedder = None  # the rebuild's own model: questions never wait for its batches

    @property
    def rebuilding(self) -> bool:
        """True while a rebuild runs."""
        return self._running is not None

    async def reindex(self, on_progress: Progress | None = None) -> Outcome:
        """Rebuild (or join the running rebuild); swap the Assistant after success, else raise IndexFailed.

        The rebuild runs in its own task: a requester that goes away (a closed HTTP connection) neither stops
        it nor leaves the new index live without the swap."""
        joined = self._running is not None
        if not joined:
            self._running = asyncio.create_task(self._rebuild())
            self._running.add_done_callback(self._finished)
        if on_progress is not None:
            self._listeners.append(on_progress)
        try:
            return Outcome(await asyncio.shield(self._running), joined=joined)
        finally:
            if on_progress in self._listeners:
                self._listeners.remove(on_progress)

    def _finished(self, task: asyncio.Task) -> None:
        self._running = None
        if not task.cancelled():
            task.exception()  # retrieved: requesters re-raise it; nobody else should warn

    async def _rebuild(self) -> "BuildReport":
        from retrieval.rebuild import rebuild_index
        from retrieval.service import Assistant

        loop = asyncio.get_running_loop()

        def progress(done: int, total: int) -> None:  # called from the building thread
            loop.call_soon_threadsafe(self._notify, done, total)

        async with self._writer:
            settings = self.deps.settings
            try:
                embedder = await asyncio.to_thread(self._rebuild_embedder)
                # The new index is opened here, before the pointer moves: if it cannot be, the old one stays live.
                report = await asyncio.to_thread(
                    rebuild_index, settings, embedder, on_progress=progress,
                    accept=lambda info: Assistant.open(settings, build_if_missing=False, info=info))
                fresh = report.opened
            except Exception as exc:
                log.warning("rebuild failed, the old index stays live: %s", exc,
                            exc_info=reason_of(exc) == msg.INTERNAL_ERROR)
                raise IndexFailed(reason_of(exc)) from exc
            await self._swap(fresh)
        return report

    def _rebuild_embedder(self):
        """A second instance of the live embedder (same model, own lock), loaded on the first rebuild."""
        from retrieval.embedders import make_embedder

        if self._embedder is None:
            self._embedder = make_embedder(self.deps.settings.embedder)
            self._embedder.warm_up()
        return self._embedder

    async def rollback(self) -> "Assistant":
        """Make the previous index live and swap to it; IndexFailed says why not."""
        from retrieval.rebuild import rollback_index
        from retrieval.service import Assistant

        async with self._writer:
            try:
                await asyncio.to_thread(rollback_index, self.deps.settings)
                fresh = await asyncio.to_thread(Assistant.open, self.deps.settings, build_if_missing=False)
            except Exception as exc:
                log.warning("rollback failed: %s", exc, exc_info=reason_of(exc) == msg.INTERNAL_ERROR)
                raise IndexFailed(reason_of(exc)) from exc
            await self._swap(fresh)
        return fresh

    async def follow_pointer(self) -> bool:
        """Swap to the live index when someone else (`python -m retrieval build|rollback`) changed it."""
        from retrieval.index import read_pointer
        from retrieval.service import Assistant

        if self._running is not None or self._writer.locked():
            return False
        info = await asyncio.to_thread(read_pointer, self.deps.settings)
        if info is None or info.collection == self.deps.assistant.info.collection:
            return False
        async with self._writer:
            try:
                fresh = await asyncio.to_thread(Assistant.open, self.deps.settings, build_if_missing=False)
            except Exception:  # noqa: BLE001 - keep answering from the index we have
                log.exception("cannot open the index %s made outside the bot", info.collection)
                return False
            log.info("index changed outside the bot (%s)", info.collection)
            await self._swap(fresh)
        return True

    def _notify(self, done: int, total: int) -> None:
        for listener in list(self._listeners):
            try:
                listener(done, total)
            except Exception:  # noqa: BLE001 - a broken progress display never stops a rebuild
                log.exception("progress listener failed")

    async def _swap(self, fresh: "Assistant") -> None:
        """Point every handler at the new Assistant and forget answers computed from the old one."""
        self.deps.assistant = fresh
        if self.deps.answers is not None:
            self.deps.answers.clear()
        log.info("assistant swapped to index %s", fresh.info.collection)
        for hook in self.swap_hooks:
            try:
                result = hook(fresh)
                if asyncio.iscoroutine(result):
                    await result
            except Exception:  # noqa: BLE001 - hooks (e.g. change notices) must not undo a good swap
                log.exception("index swap hook failed")
