"""The data that flows through the core: documents, articles, chunks and answers."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path


@dataclass(frozen=True)
class Document:
    """One source file in knowledge/documents with its metadata."""

    doc_id: str
    title: str
    publisher: str
    published: date
    origin: str
    text: str
    path: Path
    content_hash: str
    layout: str = ""  # "official": always read as an official document (front matter `layout: official`)


@dataclass(frozen=True)
class Article:
    """One article of a document (a page carries several); bylines are metadata, not text."""

    article_id: str
    doc_id: str
    title: str
    published: date
    publisher: str
    paragraphs: tuple[str, ...]
    section: str = ""
    byline: str = ""
    units: tuple = ()  # official documents: parsed Units (retrieval.official); news articles: empty
    metadata_lines: tuple[tuple[str, str], ...] = ()  # (label, verbatim line): bylines, credits, datelines
    paragraph_sections: tuple[str, ...] = ()  # news: the intertitle each paragraph stands under ("" before any)


@dataclass(frozen=True)
class Chunk:
    """One sentence of an article, the unit that is indexed and quoted."""

    chunk_id: str
    doc_id: str
    article_id: str
    article_title: str
    published: str  # YYYY-MM-DD
    paragraph: int
    sentence: int
    text: str
    section: str = ""  # heading path inside the document, e.g. "二、重点任务 （一）打造融合发展载体"
    lead: str = ""  # the lead-in sentence an item or table row completes
    kind: str = "text"  # text | item | row | duty | meta
    label: str = ""  # for meta chunks: 文号 发文机关 主送 成文日期 附件 记者 作者 电头
    group: str = ""  # items of one list share a group

    def metadata(self) -> dict[str, str | int]:
        """Chroma metadata for this chunk."""
        data = asdict(self)
        data.pop("text")
        return data


@dataclass(frozen=True)
class Source:
    """A quoted sentence and where it comes from."""

    title: str
    published: str
    quote: str
    article_id: str = ""
    chunk_id: str = ""
    paragraph: int = 0
    section: str = ""

    def public(self) -> dict[str, str]:
        """The fields of the CLI contract."""
        out = {"title": self.title, "published": self.published, "quote": self.quote}
        if self.section:
            out["section"] = self.section
        return out

    def citation(self) -> str:
        """《title》 section, as the user reads it."""
        return f"《{self.title}》" + (f" {self.section}" if self.section else "")


@dataclass(frozen=True)
class DeadlineNote:
    """A dated duty found in an answer, resolved to an absolute date."""

    expression: str  # as written, e.g. "7月18日前"
    due: date
    end_of_month: bool
    days_left: int  # negative when passed

    @property
    def passed(self) -> bool:
        """True when the deadline is before today."""
        return self.days_left < 0


@dataclass
class Answer:
    """What the user gets: found or not, the plain text, and the quoted sources."""

    found: bool
    answer: str
    sources: list[Source] = field(default_factory=list)
    took_ms: float = 0.0
    article_id: str = ""
    deadlines: list[DeadlineNote] = field(default_factory=list)
    rewritten_question: str = ""
    by_llm: bool = False
    related: list[Source] = field(default_factory=list)  # found=False: what the documents do say nearby
    suggestions: list[str] = field(default_factory=list)  # found=False: questions the documents do answer
    confidence: float = 0.0
    leads: list[Source] = field(default_factory=list)  # found=False: passages an LLM may still answer from
    curated_id: str = ""  # answered from this curated entry (knowledge/curated.yaml), not by the core

    def to_json(self) -> dict:
        """The JSON object of the `ask --json` contract."""
        out = {
            "found": self.found,
            "answer": self.answer,
            "sources": [s.public() for s in self.sources],
            "took_ms": round(self.took_ms, 1),
        }
        if not self.found:
            out["related"] = [s.public() for s in self.related]
            out["suggestions"] = list(self.suggestions)
        return out


@dataclass(frozen=True)
class Passage:
    """A retrieved paragraph handed to an answerer (extractive or LLM), with its provenance."""

    title: str
    published: str
    text: str
    article_id: str
    chunk_id: str
    score: float = 0.0
