"""Is a curated quote still the documents' words? The quote must occur verbatim in the document as the library
loads it (line breaks and spaces aside: the page layout is not part of the words), and be found in the live index
to be cited."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from retrieval.curated import messages as msg
from retrieval.ingest import DOCUMENT_SUFFIXES, KnowledgeError, chunk_article, read_document, split_articles
from retrieval.models import Chunk, Document
from retrieval.user_input import is_valid_doc_id

_SPACE = re.compile(r"\s+")


class CurationRejected(KnowledgeError):
    """A curated entry that cannot be stored or served as given; the message says what to fix."""


class QuoteRejected(CurationRejected):
    """A quote that is not (or no longer) verbatim in its document; the message says which."""


@dataclass(frozen=True)
class QuoteSite:
    """Where a verified quote stands: the document's title, and the article and section of its passage."""

    doc_title: str
    article: str
    section: str


def squeezed(text: str) -> str:
    """Text without white space, for comparing a quote with the document it comes from."""
    return _SPACE.sub("", text)


def verify_quote(documents_dir: Path, doc_id: str, quote: str) -> QuoteSite:
    """The quote's site in the document as on disk now; QuoteRejected when it is not there verbatim."""
    return site_of(quote, *load_passages(documents_dir, doc_id))


def load_passages(documents_dir: Path, doc_id: str) -> tuple[Document, list[Chunk]]:
    """A document as the library loads it, with its passages; QuoteRejected when there is none to quote."""
    if not is_valid_doc_id(doc_id):  # never a path: the id rule first
        raise QuoteRejected(msg.NO_DOCUMENT.format(doc_id=doc_id[:80]))
    path = next((p for p in (documents_dir / f"{doc_id}{s}" for s in DOCUMENT_SUFFIXES) if p.is_file()), None)
    if path is None:
        raise QuoteRejected(msg.NO_DOCUMENT.format(doc_id=doc_id))
    try:
        document = read_document(path)
    except KnowledgeError as exc:
        raise QuoteRejected(msg.BROKEN_DOCUMENT.format(doc_id=doc_id, error=exc)) from exc
    return document, [c for a in split_articles(document) for c in chunk_article(a)]


def site_of(quote: str, document: Document, chunks: list[Chunk]) -> QuoteSite:
    """Where the quote stands in a loaded document; QuoteRejected when it is not there verbatim."""
    wanted = squeezed(quote)
    if not wanted:
        raise QuoteRejected(msg.QUOTE_EMPTY)
    in_passage = any(wanted in squeezed(c.text) for c in chunks)  # e.g. a table row as the library reads it
    if not in_passage and wanted not in squeezed(document.text):
        raise QuoteRejected(msg.QUOTE_MISSING.format(doc_id=document.doc_id))
    chunk = passage_of(quote, chunks)
    return QuoteSite(document.title, chunk.article_title if chunk else document.title, chunk.section if chunk else "")


def passage_of(quote: str, chunks: list[Chunk]) -> Chunk | None:
    """The chunk a quote is cited by: one that holds the whole quote, else the first the quote holds whole
    (a quote of several sentences); text before metadata lines."""
    wanted = squeezed(quote)
    ordered = sorted(chunks, key=lambda c: c.kind == "meta")
    return (next((c for c in ordered if wanted in squeezed(c.text)), None)
            or next((c for c in ordered if squeezed(c.text) and squeezed(c.text) in wanted), None))
