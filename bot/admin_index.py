"""The bot's index manager: rebuilds and rollbacks run in a worker thread while questions are answered
from the old Assistant; the new one is swapped in only after success. One writer: a second request joins
the running rebuild."""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot import admin_messages as msg
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
        self._running: asyncio.Future[BuildReport] | None = None
        self._listeners: list[Progress] = []
        self._writer = asyncio.Lock()  # rebuilds and rollbacks from this process, one at a time

    @property
    def rebuilding(self) -> bool:
        """True while a rebuild runs."""
        return self._running is not None

    async def reindex(self, on_progress: Progress | None = None) -> Outcome:
        """Rebuild (or join the running rebuild); swap the Assistant after success, else raise IndexFailed."""
        if on_progress is not None:
            self._listeners.append(on_progress)
        try:
            if self._running is not None:
                return Outcome(await asyncio.shield(self._running), joined=True)
            self._running = asyncio.get_running_loop().create_future()
            running = self._running
            try:
                report = await self._rebuild()
            except asyncio.CancelledError:
                running.cancel()
                raise
            except Exception as exc:
                running.set_exception(exc)
                running.exception()  # retrieved: joiners re-raise it, nobody else should warn
                raise
            else:
                running.set_result(report)
            finally:
                self._running = None
                self._listeners.clear()
            return Outcome(report, joined=False)
        finally:
            if on_progress in self._listeners:
                self._listeners.remove(on_progress)

    async def _rebuild(self) -> "BuildReport":
        from retrieval.rebuild import rebuild_index
        from retrieval.service import Assistant

        loop = asyncio.get_running_loop()

        def progress(done: int, total: int) -> None:  # called from the building thread
            loop.call_soon_threadsafe(self._notify, done, total)

        async with self._writer:
            settings, embedder = self.deps.settings, self.deps.assistant.embedder
            try:
                report = await asyncio.to_thread(rebuild_index, settings, embedder, on_progress=progress)
                fresh = await asyncio.to_thread(Assistant.open, settings, build_if_missing=False)
            except Exception as exc:
                log.warning("rebuild failed, the old index stays live: %s", exc,
                            exc_info=reason_of(exc) == msg.INTERNAL_ERROR)
                raise IndexFailed(reason_of(exc)) from exc
            await self._swap(fresh)
        return report

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
