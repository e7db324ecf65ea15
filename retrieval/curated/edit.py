"""Curated entries made from what an admin gives (chat, HTTP or shell), checked before anything is written."""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from retrieval.curated import messages as msg
from retrieval.curated.check import CurationRejected, verify_quote
from retrieval.curated.store import CuratedEntry
from retrieval.user_input import MAX_QUESTION_CHARS, clean_text


def passage_entry(documents_dir: Path, question: str, doc_id: str, quote: str, who: str) -> CuratedEntry:
    """A question linked to a quote that occurs verbatim in the document now; CurationRejected says why not."""
    question = checked_question(question)
    quote = quote.strip()
    site = verify_quote(documents_dir, doc_id.strip(), quote)
    return CuratedEntry(id="", question=question, doc_id=doc_id.strip(), quote=quote, article=site.article,
                        section=site.section, who=who, when=now())


def none_entry(question: str, note: str, who: str) -> CuratedEntry:
    """A question the documents do not answer, with an optional note users see."""
    return CuratedEntry(id="", question=checked_question(question), none=True, note=checked_note(note), who=who,
                        when=now())


def checked_question(question: str) -> str:
    """The question cleaned; CurationRejected when empty or too long."""
    text = clean_text(question)
    if not text or len(text) > MAX_QUESTION_CHARS:
        raise CurationRejected(msg.BAD_QUESTION.format(limit=MAX_QUESTION_CHARS))
    return text


def checked_note(note: str) -> str:
    """The admin note cleaned and cut to the question length limit."""
    return clean_text(note)[:MAX_QUESTION_CHARS]


def now() -> str:
    """When, as stored in the file (UTC, seconds)."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
