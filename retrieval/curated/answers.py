"""Answering from curated entries before the core decides: the entry's passage quoted and cited like any answer,
or the admins' word that the documents do not answer (with their note)."""
from __future__ import annotations

import logging
import threading
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from retrieval.answer import deadline_line, deadline_notes
from retrieval.compose import compose_answer, quote_of
from retrieval.curated import messages as msg
from retrieval.curated.check import QuoteRejected, load_passages, passage_of, site_of, squeezed
from retrieval.curated.match import ParaphraseMatcher, Phrasebook, question_key
from retrieval.curated.store import CuratedEntry, CuratedFile, CuratedFileError
from retrieval.models import Answer, Chunk

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Checked:
    """A curated entry with the live passage that cites it, or why it is not served."""

    entry: CuratedEntry
    chunk: Chunk | None = None
    problem: str = ""

    @property
    def served(self) -> bool:
        """True when paraphrases of its question are answered from it."""
        return not self.problem


@dataclass(frozen=True)
class Snapshot:
    """What one reading of the file gave: every entry checked, the served ones and their phrasebook."""

    checked: tuple[Checked, ...] = ()
    served: tuple[Checked, ...] = ()
    book: Phrasebook = field(default_factory=lambda: Phrasebook((), (), None))
    signature: object = None
    error: str = ""  # the file could not be read at all
    matched: dict = field(default_factory=dict)  # question key -> entry, for `matching` (admin views)


class CuratedAnswers:
    """The curated entries of one live index; `reload` re-reads the file, questions see the new entries at once."""

    def __init__(self, file: CuratedFile, documents_dir: Path, chunks: list[Chunk], matcher: ParaphraseMatcher, *,
                 deadlines: list = ()) -> None:
        self.file = file
        self.documents_dir = documents_dir
        self.matcher = matcher
        self.deadlines = list(deadlines)
        self.by_doc: dict[str, list[Chunk]] = defaultdict(list)
        for c in chunks:
            self.by_doc[c.doc_id].append(c)
        self._snapshot = Snapshot()
        self._lock = threading.Lock()

    @property
    def checked(self) -> tuple[Checked, ...]:
        """Every entry of the file as last read, with its problem if it is not served."""
        return self._snapshot.checked

    @property
    def error(self) -> str:
        """Why the file could not be read at all, or ""."""
        return self._snapshot.error

    def reload(self) -> Snapshot:
        """Read the file, check every entry against its document and the live index, and serve the good ones."""
        with self._lock:
            signature = self.file.signature()
            try:
                entries, error = self.file.read(), ""
            except CuratedFileError as exc:
                log.error("curated answers not used: %s", exc)
                entries, error = [], str(exc)
            documents: dict[str, object] = {}
            checked = tuple(self._check(e, documents) for e in entries)
            served = tuple(c for c in checked if c.served)
            book = self.matcher.phrasebook([c.entry.question for c in served])
            self._snapshot = Snapshot(checked, served, book, signature, error)
        broken = len(checked) - len(served)
        log.info("curated answers: %d served, %d not served", len(served), broken)
        return self._snapshot

    def reload_if_changed(self) -> bool:
        """Reload when the file changed since it was last read (an edit by hand or from the shell)."""
        if self.file.signature() == self._snapshot.signature:
            return False
        self.reload()
        return True

    def _check(self, entry: CuratedEntry, documents: dict[str, object]) -> Checked:
        if entry.problem or entry.none:
            return Checked(entry, problem=entry.problem)
        if entry.doc_id not in documents:
            try:
                documents[entry.doc_id] = load_passages(self.documents_dir, entry.doc_id)
            except QuoteRejected as exc:
                documents[entry.doc_id] = exc
        loaded = documents[entry.doc_id]
        try:
            if isinstance(loaded, QuoteRejected):
                raise loaded
            site_of(entry.quote, *loaded)
        except QuoteRejected as exc:
            return Checked(entry, problem=str(exc))
        chunk = passage_of(entry.quote, self.by_doc.get(entry.doc_id, []))
        if chunk is None:
            return Checked(entry, problem=msg.NOT_INDEXED.format(doc_id=entry.doc_id))
        return Checked(entry, chunk)

    def answer(self, question: str, *, today: date, exact_only: bool = False) -> Answer | None:
        """The curated answer when the question matches a served entry, else None (the core decides)."""
        hit = self._match(self._snapshot, question, exact_only=exact_only)
        return self._compose(hit, today) if hit is not None else None

    def matching(self, question: str) -> CuratedEntry | None:
        """The served entry a question would be answered from, if any (remembered until the next reload)."""
        snapshot = self._snapshot
        key = question_key(question)
        if key not in snapshot.matched:
            hit = self._match(snapshot, question, remember=True)
            snapshot.matched[key] = hit.entry if hit is not None else None
        return snapshot.matched[key]

    def _match(self, snapshot: Snapshot, question: str, *, exact_only: bool = False,
               remember: bool = False) -> Checked | None:
        if not snapshot.served:
            return None
        found = self.matcher.match(question, snapshot.book, exact_only=exact_only, remember=remember)
        if found is None:
            return None
        log.info("curated entry %s matched (score %.3f)", snapshot.served[found[0]].entry.id, found[1])
        return snapshot.served[found[0]]

    def _compose(self, hit: Checked, today: date) -> Answer:
        entry, chunk = hit.entry, hit.chunk
        if entry.none or chunk is None:
            text = msg.NOT_IN_DOCUMENTS + (("\n" + msg.ADMIN_NOTE.format(note=entry.note)) if entry.note else "")
            return Answer(found=False, answer=text, curated_id=entry.id)
        # The passage reads as the core would quote it (an item with its lead-in) unless the admin chose more.
        quote = quote_of(chunk, [], None) if squeezed(entry.quote) == squeezed(chunk.text) else entry.quote
        notes = deadline_notes(quote, date.fromisoformat(chunk.published), today, self.deadlines)
        result = compose_answer(chunk, quote, [deadline_line(n) for n in notes], older=None, notes=notes)
        result.confidence = 1.0
        result.curated_id = entry.id
        return result
