"""The extractive answerer: pick the sentences that answer, verbatim, from one article, and cite it."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from retrieval import messages
from retrieval.lexical import bigram_tokens, normalize
from retrieval.models import Answer, Chunk, DeadlineNote, Passage, Source
from retrieval.search import Hit, HybridSearch
from retrieval.dates import find_dates
from retrieval.deadlines import Deadline, deadlines_in_text
from retrieval.glossary import is_english
from retrieval.terms import QuestionReader, QuestionTerms, english_terms
from retrieval.user_input import MAX_QUESTION_CHARS  # the bot applies the same limit

MAX_QUOTE_CHARS = 160
# Evidence thresholds, calibrated on the development questions (see README, "Refusals").
CROSSLINGUAL_SHARE = 0.5
MIN_SHARE = 0.5
TYPE_WEIGHT = 0.25
DENSE_WEIGHT = 5.0
RRF_WEIGHT = 10.0
NEIGHBOUR_MARGIN = 0.15
SUPERSEDE_POOL = 6  # candidates from other documents considered as newer answers
SUPERSEDE_MARGIN = 0.35
_ANSWER_TYPES = [
    (re.compile(r"多少|几|多大|比例|比重|how many|how much"), re.compile(r"\d+(?:\.\d+)?(?![\d月日时])|[一二三四五六七八九十百千万]+[个家年天人户项]|%")),
    (re.compile(r"什么时候|何时|哪天|截止|期限|时间|日期|when|deadline"), re.compile(r"\d+月|\d+日|月底|年底|时")),
    (re.compile(r"多久|多长时间|持续|周期|how long"), re.compile(r"\d+年|年左右|为期|个月")),
]
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_ELLIPTICAL = re.compile(r"^(那|那么|还有|另外|以及|和|而且|then|and|what about)")


def clean_question(text: str) -> str:
    """Drop control characters and collapse white space."""
    text = _CONTROL.sub(" ", unicodedata.normalize("NFKC", text or ""))
    return re.sub(r"\s+", " ", text).strip()


@dataclass(frozen=True)
class Choice:
    """The sentences chosen to answer, and an older document's sentence they supersede, if any."""

    chunks: list[Chunk]
    older: Chunk | None = None


class Answerer:
    """Turns search hits into a short quoted answer, or an honest refusal."""

    def __init__(self, search: HybridSearch, by_article: dict[str, list[Chunk]], *, timezone: str,
                 glossary: dict[str, list[str]], reader: QuestionReader, min_dense: float | None = None,
                 deadlines: list[Deadline] = ()) -> None:
        self.search = search
        self.deadlines = list(deadlines)
        # Normalised texts, computed once: matching runs for every candidate of every question.
        self._chunk_text = {c.chunk_id: normalize(f"{c.article_title} {c.text}")
                            for chunks in by_article.values() for c in chunks}
        self._article_text = {a: (normalize("".join(c.text for c in chunks)), normalize(chunks[0].article_title))
                              for a, chunks in by_article.items() if chunks}
        self.glossary = glossary
        self.reader = reader
        self.min_dense = search.embedder.min_dense if min_dense is None else min_dense
        self.min_dense_crosslingual = min(self.min_dense, search.embedder.min_dense_crosslingual)
        self.by_article = by_article
        self.tz = ZoneInfo(timezone)

    def today(self) -> date:
        """Today in the deadlines' time zone."""
        return datetime.now(self.tz).date()

    def answer(self, question: str, *, context_article: str | None = None, today: date | None = None) -> Answer:
        """Answer one question; `context_article` is the previous turn's article for elliptical follow-ups."""
        question = clean_question(question)
        if not question:
            return Answer(found=False, answer=messages.EMPTY_QUESTION)
        if len(question) > MAX_QUESTION_CHARS:
            return Answer(found=False, answer=messages.QUESTION_TOO_LONG.format(limit=MAX_QUESTION_CHARS))
        choice = None
        if context_article in self.by_article and self.is_follow_up(question):
            choice = self.attempt(question, article_id=context_article)
        choice = choice or self.attempt(question)
        if choice is None:
            return Answer(found=False, answer=messages.NOT_FOUND)
        return self.compose(choice, today or self.today())

    def attempt(self, question: str, *, article_id: str | None = None) -> Choice | None:
        """The sentences that answer, searching one article or all; None when the evidence is too weak."""
        if is_english(question):
            terms = english_terms(question, self.glossary)
            hits = self.search.search(question, k=12, article_id=article_id, lexical_text=terms.search_text())
        else:
            terms = self.reader.terms(question)
            hits = self.search.search(question, k=12, article_id=article_id,
                                      lexical_text=f"{question} {terms.search_text()}" if terms.forms else "")
        ranked = self.rank(question, hits, terms) if hits else []
        follow_up = bool(article_id)
        good = [r for r in ranked[:SUPERSEDE_POOL] if r[0] >= ranked[0][0] - SUPERSEDE_MARGIN
                and self.enough_evidence(terms, r[1], r[2], follow_up=follow_up)] if ranked else []
        if not good or good[0] is not ranked[0]:
            return None
        # Where documents of different dates both answer, the newest one wins and the answer says so.
        newest = max(good, key=lambda r: r[1].chunk.published)
        older = next((r[1].chunk for r in good if r[1].chunk.doc_id != newest[1].chunk.doc_id
                      and r[1].chunk.published < newest[1].chunk.published), None)
        return Choice(self.select(newest[1], [r for r in ranked if r[1].chunk.doc_id == newest[1].chunk.doc_id]),
                      older)

    def is_follow_up(self, question: str) -> bool:
        """Short or elliptical questions lean on the previous turn's article."""
        topic = [t for t in bigram_tokens(question) if len(t) == 2 and self.search.bm25.known(t)]
        return bool(_ELLIPTICAL.match(normalize(question))) or len(question) <= 12 or len(topic) <= 2

    def rank(self, question: str, hits: list[Hit], terms: QuestionTerms) -> list[tuple[float, Hit, list[str]]]:
        """Re-rank hits by how many of the question's words they contain, the expected answer type and
        dense similarity; question sentences (the interview's own sub-headings) never answer."""
        wanted = [rx for cue, rx in _ANSWER_TYPES if cue.search(question)]
        top_dense = max(h.dense for h in hits)
        ranked = []
        for h in hits:
            if h.chunk.text.endswith(("？", "?")):
                continue
            text = self._chunk_text[h.chunk.chunk_id]
            matched = terms.found_in(text)
            ratio = len(matched) / len(terms.words) if terms.words else 0.0
            typed = sum(1 for rx in wanted if rx.search(h.chunk.text)) / len(wanted) if wanted else 0.0
            score = ratio + TYPE_WEIGHT * typed + DENSE_WEIGHT * (h.dense - top_dense) + RRF_WEIGHT * h.score
            ranked.append((score, h, matched))
        ranked.sort(key=lambda r: r[0], reverse=True)
        return ranked

    def enough_evidence(self, terms: QuestionTerms, hit: Hit, matched: list[str], *, follow_up: bool = False) -> bool:
        """Names the article never mentions mean no; otherwise require real word overlap and similarity
        (in a follow-up the previous turn already fixed the topic, so one matching word is enough)."""
        article, title = self._article_text[hit.chunk.article_id]
        if any(name not in article and name not in title for name in terms.names):
            return False
        if terms.crosslingual:
            return (hit.dense >= self.min_dense_crosslingual and len(matched) >= 2
                    and len(matched) >= CROSSLINGUAL_SHARE * len(terms.words))
        if not terms.words or hit.dense < self.min_dense:
            return False
        if follow_up or len(matched) == len(terms.words):
            return bool(matched)
        return len(matched) >= MIN_SHARE * len(terms.words) and (len(matched) >= 2 or bool(terms.found_in(title)))

    def select(self, best: Hit, ranked: list[tuple[float, Hit, list[str]]]) -> list[Chunk]:
        """The best sentence, plus up to two close runners-up that are its neighbours in the paragraph."""
        chosen = [best.chunk]
        runner_up = ranked[0][0] - NEIGHBOUR_MARGIN
        for score, h, _ in ranked[1:6]:
            c = h.chunk
            if (score >= runner_up and c.article_id == best.chunk.article_id and c.paragraph == best.chunk.paragraph
                    and abs(c.sentence - best.chunk.sentence) == 1 and len(chosen) < 3
                    and sum(len(x.text) for x in chosen) + len(c.text) <= MAX_QUOTE_CHARS):
                chosen.append(c)
        return sorted(chosen, key=lambda c: c.sentence)

    def compose(self, choice: Choice, today: date) -> Answer:
        """Quote, deadline status, source line and any superseded older source, as the user reads them."""
        chosen = choice.chunks
        first = chosen[0]
        quote = "".join(c.text for c in chosen)
        published = date.fromisoformat(first.published)
        notes = deadline_notes(quote, published, today, self.deadlines)
        lines = [quote]
        for note in notes:
            lines.append(deadline_line(note))
        lines.append(messages.SOURCE_LINE.format(title=first.article_title,
                                                 published=first.published))
        sources = [Source(title=first.article_title, published=first.published, quote=quote,
                          article_id=first.article_id, chunk_id=first.chunk_id, paragraph=first.paragraph)]
        if choice.older is not None:
            old = choice.older
            lines.append(messages.SUPERSEDES.format(title=old.article_title, published=old.published))
            sources.append(Source(title=old.article_title, published=old.published, quote=old.text,
                                  article_id=old.article_id, chunk_id=old.chunk_id, paragraph=old.paragraph))
        return Answer(found=True, answer="\n".join(lines), sources=sources, article_id=first.article_id,
                      deadlines=notes)

    def passages(self, answer: Answer, *, limit: int) -> list[Passage]:
        """Paragraphs around the answer, for an LLM to compose from."""
        if not answer.sources:
            return []
        top = answer.sources[0]
        chunks = self.by_article.get(top.article_id, [])
        paragraphs: dict[int, list[Chunk]] = {}
        for c in chunks:
            paragraphs.setdefault(c.paragraph, []).append(c)
        order = sorted(paragraphs, key=lambda p: abs(p - top.paragraph))[:limit]
        return [Passage(title=top.title, published=top.published, text="".join(c.text for c in paragraphs[p]),
                        article_id=top.article_id, chunk_id=paragraphs[p][0].chunk_id) for p in sorted(order)]


def deadline_notes(quote: str, published: date, today: date, registry: list[Deadline] = ()) -> list[DeadlineNote]:
    """Deadlines in a quote with days left (negative: passed): the curated registry's dates first, then any
    other dated duty resolved against the article's publication date."""
    notes = [DeadlineNote(expression=d.expression or d.title, due=d.due, end_of_month=d.precision == "month_end",
                          days_left=(d.due - today).days) for d in deadlines_in_text(quote, list(registry))]
    covered = {n.expression for n in notes}
    for m in find_dates(quote, published):
        if m.is_deadline and m.due is not None and m.expression not in covered:
            notes.append(DeadlineNote(expression=m.expression, due=m.due,
                                      end_of_month=m.precision == "month_end", days_left=(m.due - today).days))
    return notes


def deadline_line(note: DeadlineNote) -> str:
    """The status line of a deadline: its absolute date and 已截止/今天截止/还剩N天."""
    due = f"{note.due.year}年{note.due.month}月{note.due.day}日"
    if note.days_left < 0:
        return messages.DEADLINE_PASSED.format(expression=note.expression, due=due, days=-note.days_left)
    if note.days_left == 0:
        return messages.DEADLINE_TODAY.format(expression=note.expression, due=due)
    return messages.DEADLINE_LEFT.format(expression=note.expression, due=due, days=note.days_left)
