"""Teaching the bot, shared by chat and HTTP: the review queue of questions it refused or that got 👎, the passages
an admin may link one to, and curated answers added or removed (audited, and live at once)."""
from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, TypeVar

from bot.admin.access import AuditLog
from bot.deps import Deps
from retrieval.curated.edit import checked_note, none_entry, passage_entry
from retrieval.curated.match import question_key
from retrieval.curated.store import CuratedEntry, CuratedFile, curated_file

if TYPE_CHECKING:
    from retrieval.curated.answers import Checked, CuratedAnswers
    from retrieval.models import Chunk
    from retrieval.service import Assistant

log = logging.getLogger(__name__)
KEY = "curation"
SCHEMA = "CREATE TABLE IF NOT EXISTS review_skips (key TEXT PRIMARY KEY, at REAL NOT NULL);"
SCANNED = 2000  # the latest refusals and 👎 the queue is made from
T = TypeVar("T")


@dataclass(frozen=True)
class QueueItem:
    """One question (all its wordings grouped by normalised text) that was refused or got 👎, newest first."""

    key: str
    question: str  # the latest wording
    refused: int
    downvotes: int
    reasons: tuple[str, ...]
    last_at: float

    def public(self) -> dict[str, Any]:
        """The item as the HTTP API returns it."""
        return {"question": self.question, "refused": self.refused, "downvotes": self.downvotes,
                "reasons": list(self.reasons),
                "last_at": datetime.fromtimestamp(self.last_at, timezone.utc).isoformat(timespec="seconds")}


class Curation:
    """The review queue and curated-answer changes; every change reloads the live Assistant's curated answers."""

    def __init__(self, deps: Deps, audit: AuditLog) -> None:
        self.deps = deps
        self.audit = audit
        deps.storage.executescript(SCHEMA)
        self.known_broken = {c.entry.id for c in self.broken()}

    @property
    def file(self) -> CuratedFile:
        """knowledge/curated.yaml of the running bot."""
        return curated_file(self.deps.settings)

    # the review queue --------------------------------------------------------------------------------------

    def queue(self, limit: int = 20) -> tuple[int, list[QueueItem]]:
        """How many questions wait, and the newest `limit`: refused or 👎, not skipped since, not answered by a
        curated entry now."""
        rows = self.deps.storage.execute(
            "SELECT question, created_at AS at, 1 AS refused, NULL AS reason FROM"
            " (SELECT question, created_at FROM answers WHERE found = 0 ORDER BY id DESC LIMIT ?)"
            " UNION ALL SELECT a.question, f.created_at, 0, COALESCE(f.reason, '') FROM feedback f"
            " JOIN answers a ON a.id = f.answer_id WHERE f.vote < 0 AND f.id IN"
            " (SELECT id FROM feedback WHERE vote < 0 ORDER BY id DESC LIMIT ?)", (SCANNED, SCANNED)).fetchall()
        skipped = dict(self.deps.storage.execute("SELECT key, at FROM review_skips").fetchall())
        grouped: dict[str, list] = {}
        for row in rows:
            key = question_key(row["question"])
            if key:
                grouped.setdefault(key, []).append(row)
        items = [_item(key, group) for key, group in grouped.items()]
        curated = self._curated()
        waiting = [i for i in items if skipped.get(i.key, -1.0) < i.last_at
                   and (curated is None or curated.matching(i.question) is None)]
        waiting.sort(key=lambda i: i.last_at, reverse=True)
        return len(waiting), waiting[:limit]

    def skip(self, actor: str, item: QueueItem) -> None:
        """Leave a question out of the queue until it is refused or voted down again."""
        self.deps.storage.execute("INSERT INTO review_skips (key, at) VALUES (?, ?) ON CONFLICT(key) DO UPDATE"
                                  " SET at = excluded.at", (item.key, max(time.time(), item.last_at)))
        self.audit.record(actor, "review_skip", ok=True, detail=item.question)

    def candidates(self, question: str) -> list["Chunk"]:
        """Up to five passages the core finds best for the question."""
        return self.deps.assistant.candidates(question)

    # curated answers -----------------------------------------------------------------------------------------

    def add_passage(self, actor: str, question: str, doc_id: str, quote: str) -> CuratedEntry:
        """Link a question to a verbatim quote; CurationRejected (audited) when the quote is not in the document."""
        from retrieval.curated.check import CurationRejected

        detail = f"question={question!r} doc={doc_id!r} quote={quote[:200]!r}"
        try:
            entry = self.file.add(passage_entry(self.deps.settings.documents_dir, question, doc_id, quote, actor))
        except CurationRejected as exc:
            self.audit.record(actor, "curated_add", ok=False, detail=detail, result=str(exc))
            raise
        self.audit.record(actor, "curated_add", ok=True, detail=detail, result=entry.id)
        return entry

    def add_none(self, actor: str, question: str, note: str = "") -> CuratedEntry:
        """Confirm the documents do not answer the question (with an optional note users see)."""
        from retrieval.curated.check import CurationRejected

        detail = f"question={question!r} none note={note!r}"
        try:
            entry = self.file.add(none_entry(question, note, actor))
        except CurationRejected as exc:
            self.audit.record(actor, "curated_add", ok=False, detail=detail, result=str(exc))
            raise
        self.audit.record(actor, "curated_add", ok=True, detail=detail, result=entry.id)
        return entry

    def set_note(self, actor: str, entry_id: str, note: str) -> CuratedEntry:
        """Replace the admin note of an entry."""
        entry = self.file.set_note(entry_id, checked_note(note))
        self.audit.record(actor, "curated_note", ok=True, detail=entry_id, result=entry.note)
        return entry

    def remove(self, actor: str, entry_id: str) -> CuratedEntry:
        """Delete an entry; KeyError (audited) when there is none with this id."""
        try:
            entry = self.file.remove(entry_id)
        except KeyError as exc:
            self.audit.record(actor, "curated_remove", ok=False, detail=entry_id, result=exc.args[0])
            raise
        self.audit.record(actor, "curated_remove", ok=True, detail=entry_id, result=entry.question)
        return entry

    def entries(self) -> dict[str, Any]:
        """Every entry with whether it is served and, if not, why; plus a file that cannot be read at all."""
        curated = self.deps.assistant.curated
        return {"entries": [{**c.entry.public(), "served": c.served, "problem": c.problem} for c in curated.checked],
                "error": curated.error}

    def broken(self) -> list["Checked"]:
        """Entries that are not served (quote no longer in its document, document gone, written wrongly)."""
        curated = self._curated()
        return [c for c in curated.checked if not c.served] if curated is not None else []

    def _curated(self) -> "CuratedAnswers | None":
        """The live Assistant's curated answers (None in a bot started without the core, e.g. reminder tests)."""
        return getattr(self.deps.assistant, "curated", None)

    # applying changes ----------------------------------------------------------------------------------------

    async def apply(self, change: Callable[[], T]) -> T:
        """Run a change of the file off the event loop, then make it live: reload the curated answers and forget
        answers computed before it."""
        result = await asyncio.to_thread(change)
        await self.reloaded(lambda: self.deps.assistant.curated.reload() is not None)
        return result

    async def follow_file(self) -> bool:
        """Reload when the file changed outside the bot (by hand or `python -m retrieval curated`)."""
        curated = self._curated()
        return curated is not None and await self.reloaded(curated.reload_if_changed)

    async def reloaded(self, reload: Callable[[], bool]) -> bool:
        """Run a reload off the loop; when it changed anything, drop cached answers and note what is broken."""
        if not await asyncio.to_thread(reload):
            return False
        if self.deps.answers is not None:
            self.deps.answers.clear()
        self.known_broken = {c.entry.id for c in self.broken()}
        return True

    def newly_broken(self, fresh: "Assistant") -> list["Checked"]:
        """Entries a new index no longer serves that were served before it (to tell admins once)."""
        broken = [c for c in fresh.curated.checked if not c.served]
        new = [c for c in broken if c.entry.id not in self.known_broken]
        self.known_broken = {c.entry.id for c in broken}
        return new


def curated_status(assistant: "Assistant") -> dict[str, Any]:
    """Counts and the entries not served, for /status and GET /admin/status."""
    checked = assistant.curated.checked
    return {"entries": len(checked), "served": sum(c.served for c in checked),
            "broken": [{"id": c.entry.id, "question": c.entry.question, "problem": c.problem}
                       for c in checked if not c.served], "error": assistant.curated.error}


def _item(key: str, rows: list) -> QueueItem:
    latest = max(rows, key=lambda r: r["at"])
    reasons = tuple(dict.fromkeys(r["reason"] for r in sorted(rows, key=lambda r: -r["at"]) if r["reason"]))
    return QueueItem(key=key, question=latest["question"], refused=sum(r["refused"] for r in rows),
                     downvotes=sum(1 - r["refused"] for r in rows), reasons=reasons, last_at=float(latest["at"]))
