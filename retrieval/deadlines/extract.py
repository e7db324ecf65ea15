"""Propose deadline candidates from the documents, for an admin to confirm into the registry."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from retrieval.deadlines.dates import DateMention, find_dates, sentence_at
from retrieval.deadlines.registry import Deadline, deadline_for_sentence
from retrieval.models import Article


@dataclass(frozen=True)
class Candidate:
    """A date expression found in an article, with its sentence and registry status."""

    doc_id: str
    article_id: str
    article_title: str
    published: date
    mention: DateMention
    sentence: str
    registered: str = ""  # id of the registry deadline quoting this sentence, if any

    def to_json(self) -> dict:
        """A JSON-friendly view for `--extract --json`."""
        m = self.mention
        return {
            "doc_id": self.doc_id, "article_id": self.article_id, "article_title": self.article_title,
            "published": self.published.isoformat(), "expression": m.expression,
            "due": m.due.isoformat() if m.due else None, "precision": m.precision,
            "is_deadline": m.is_deadline, "duration": m.duration, "sentence": self.sentence,
            "registered": self.registered or None,
        }


def article_candidates(article: Article, registry: list[Deadline]) -> list[Candidate]:
    """Every date expression of one article, resolved against its publication date."""
    text = "\n".join(article.paragraphs)
    out = []
    for mention in find_dates(text, article.published):
        sentence = sentence_at(text, mention.start, mention.end)
        known = deadline_for_sentence(sentence, registry) if mention.is_deadline else None
        out.append(Candidate(article.doc_id, article.article_id, article.title, article.published,
                             mention, sentence, known.id if known else ""))
    return out


def propose_entry(candidate: Candidate) -> dict:
    """A registry entry skeleton for a deadline candidate; the admin fills in id, title and actors."""
    m = candidate.mention
    return {
        "id": "TODO", "title": "TODO", "expression": m.expression, "due": m.due.isoformat() if m.due else None,
        "precision": m.precision, "actors": ["TODO"], "doc_id": candidate.doc_id,
        "published": candidate.published.isoformat(),
        "article_title": candidate.article_title, "quote": candidate.sentence,
    }
