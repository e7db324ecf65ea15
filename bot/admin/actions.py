"""What admins can do, shared by the chat commands and the HTTP API; every action goes to the audit log."""
from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from bot.admin.access import REFUSED, AuditLog
from bot.admin.curation import curated_status
from bot.admin.index_manager import IndexFailed, IndexManager, Outcome, Progress
from bot.deps import Deps
from bot.reminders.job import KEY as REMINDERS_KEY

if TYPE_CHECKING:
    from retrieval.library import Metadata

log = logging.getLogger(__name__)
KEY = "admin"


class AdminActions:
    """Index changes through the IndexManager, document library changes, and the status views."""

    def __init__(self, deps: Deps, manager: IndexManager, audit: AuditLog) -> None:
        self.deps = deps
        self.manager = manager
        self.audit = audit

    def refuse(self, actor: str, action: str) -> None:
        """Log and audit an attempt by someone who is not an admin."""
        log.warning("refused admin action %s by %s", action, actor)
        self.audit.record(actor, action, ok=False, result=REFUSED)

    async def reindex(self, actor: str, on_progress: Progress | None = None) -> Outcome:
        """Rebuild (or join the running rebuild); IndexFailed leaves the live index as it was."""
        try:
            outcome = await self.manager.reindex(on_progress)
        except IndexFailed as exc:
            self.audit.record(actor, "reindex", ok=False, result=str(exc))
            raise
        r = outcome.report
        self.audit.record(actor, "reindex", ok=True, detail="joined" if outcome.joined else "",
                          result=f"{r.info.collection}: {r.documents} documents, {r.chunks} chunks, "
                                 f"{r.embedded} embedded, {r.reused} reused, {r.seconds:.1f}s")
        return outcome

    async def rollback(self, actor: str) -> dict[str, Any]:
        """Back to the previous index; returns the new live stats."""
        try:
            assistant = await self.manager.rollback()
        except IndexFailed as exc:
            self.audit.record(actor, "rollback", ok=False, result=str(exc))
            raise
        stats = assistant.stats()
        self.audit.record(actor, "rollback", ok=True, result=f"live: {stats['collection']}")
        return stats

    async def add_document(self, actor: str, filename: str, data: bytes, meta: "Metadata",
                           doc_id: str | None = None) -> tuple[str, int]:
        """Store an upload in the library (live after the next reindex); UploadRejected changes nothing."""
        from retrieval.ingest import KnowledgeError
        from retrieval.library import add_document

        detail = f"{filename} ({len(data)} bytes) title={meta.title!r} published={meta.published!r}"
        try:
            doc_id, articles = await asyncio.to_thread(add_document, self.deps.settings.documents_dir, filename,
                                                       data, meta, doc_id=doc_id,
                                                       max_mb=self.deps.settings.max_document_mb)
        except KnowledgeError as exc:
            self.audit.record(actor, "add_document", ok=False, detail=detail, result=str(exc))
            raise
        self.audit.record(actor, "add_document", ok=True, detail=detail, result=f"{doc_id}: {articles} articles")
        return doc_id, articles

    async def remove_document(self, actor: str, doc_id: str) -> None:
        """Move a document out of the library (live after the next reindex)."""
        from retrieval.ingest import KnowledgeError
        from retrieval.library import remove_document

        try:
            moved = await asyncio.to_thread(remove_document, self.deps.settings.documents_dir, doc_id)
        except KnowledgeError as exc:
            self.audit.record(actor, "remove_document", ok=False, detail=doc_id, result=str(exc))
            raise
        self.audit.record(actor, "remove_document", ok=True, detail=doc_id, result=f"moved to {moved}")

    def library(self) -> dict[str, Any]:
        """Documents on disk (with `live`: indexed as they are now; a broken file has `error` instead of a title)
        and ids only the live index still has."""
        from retrieval.library import list_documents

        live = self.deps.assistant.info.documents
        documents = list_documents(self.deps.settings.documents_dir, max_mb=self.deps.settings.max_document_mb)
        for d in documents:
            content_hash = d.pop("hash", None)  # None for a broken file
            d["live"] = content_hash is not None and live.get(d["doc_id"]) == content_hash
        on_disk = {d["doc_id"] for d in documents}
        return {"documents": documents, "removed_but_live": sorted(set(live) - on_disk)}

    def viewed(self, actor: str, what: str) -> None:
        """Audit a read-only admin view (status, document list, feedback)."""
        self.audit.record(actor, what, ok=True)

    def status(self) -> dict[str, Any]:
        """The live index, pending library changes, subscribers, feedback counts and recent failures."""
        stats = self.deps.assistant.stats()
        out: dict[str, Any] = {k: stats[k] for k in ("documents", "articles", "chunks", "embedder", "built_at",
                                                      "collection")}
        out["rollback_available"] = bool(self.deps.assistant.info.previous)
        out["rebuilding"] = self.manager.rebuilding
        try:
            library = self.library()
            out["pending_changes"] = (sum(not d["live"] for d in library["documents"])
                                      + len(library["removed_but_live"]))
            out["broken_documents"] = [d["error"] for d in library["documents"] if "error" in d]
        except Exception as exc:  # noqa: BLE001 - a broken file must not hide the rest of the status
            out["pending_changes"] = None
            out["library_error"] = str(exc)
        out["curated"] = curated_status(self.deps.assistant)
        out["subscribers"] = self._subscribers()
        out["feedback"] = self._feedback_counts()
        out["last_errors"] = [{"at": _iso(e.at), "actor": e.actor, "action": e.action, "result": e.result}
                              for e in self.audit.recent(3, failed_only=True)]
        return out

    def negative_feedback(self, limit: int = 10) -> tuple[int, list[dict[str, Any]]]:
        """How many 👎 there are, and the latest `limit` with their questions and reasons."""
        rows = [r for r in self.deps.storage.feedback(limit=10_000) if r.vote < 0]
        return len(rows), [{"question": r.question, "reason": r.reason, "chat_id": r.chat_id} for r in rows[:limit]]

    def _feedback_counts(self) -> dict[str, int]:
        row = self.deps.storage.execute(
            "SELECT COALESCE(SUM(vote > 0), 0) AS up, COALESCE(SUM(vote < 0), 0) AS down,"
            " COALESCE(SUM(vote < 0 AND reason IS NOT NULL AND reason != ''), 0) AS reasons FROM feedback"
        ).fetchone()
        return {"up": int(row["up"]), "down": int(row["down"]), "reasons": int(row["reasons"])}

    def _subscribers(self) -> int | None:
        """Chats with an active reminder subscription; None when reminders are not running."""
        reminders = self.deps.extra.get(REMINDERS_KEY)
        store = getattr(reminders, "store", None)
        if store is None or not hasattr(store, "active_subscriptions"):
            return None
        return len({chat for chat, _ in store.active_subscriptions()})


def _iso(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, timezone.utc).isoformat(timespec="seconds")
