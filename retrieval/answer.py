"""The extractive answerer: pick the sentences that answer, verbatim, from one article, and cite it."""
from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from retrieval import messages
from retrieval.lexical import STOPWORDS, bigram_tokens, normalize
from retrieval.models import Answer, Chunk, DeadlineNote, Passage, Source
from retrieval.search import Hit, HybridSearch

MAX_QUESTION_CHARS = 500
MAX_QUOTE_CHARS = 160
# Evidence thresholds, calibrated on the development questions (see README, "Refusals").
MIN_DENSE = 0.80
MIN_COVERAGE = 0.34
STRONG_DENSE = 0.86
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_ELLIPTICAL = re.compile(r"^(那|那么|还有|另外|以及|和|而且|then|and|what about)")


def clean_question(text: str) -> str:
    """Drop control characters and collapse white space."""
    text = _CONTROL.sub(" ", unicodedata.normalize("NFKC", text or ""))
    return re.sub(r"\s+", " ", text).strip()


class Answerer:
    """Turns search hits into a short quoted answer, or an honest refusal."""

    def __init__(self, search: HybridSearch, by_article: dict[str, list[Chunk]], *, timezone: str,
                 knowledge_dir: Path) -> None:
        self.search = search
        self.by_article = by_article
        self.tz = ZoneInfo(timezone)
        self.knowledge_dir = knowledge_dir

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
        article = context_article if context_article in self.by_article and self.is_follow_up(question) else None
        hits = self.search.search(question, k=12, article_id=article)
        if not hits or not self.enough_evidence(question, hits[0]):
            return Answer(found=False, answer=messages.NOT_FOUND)
        chosen = self.select(question, hits)
        return self.compose(chosen, today or self.today())

    def is_follow_up(self, question: str) -> bool:
        """Short or elliptical questions lean on the previous turn's article."""
        topic = [t for t in bigram_tokens(question) if len(t) == 2 and self.search.bm25.known(t)]
        return bool(_ELLIPTICAL.match(normalize(question))) or len(question) <= 12 or len(topic) <= 2

    def coverage(self, question: str, chunk: Chunk) -> float:
        """Share of the question's known content bigrams that the chunk's article title or text contains."""
        text = normalize(f"{chunk.article_title}{chunk.text}")
        grams = {t for t in bigram_tokens(question) if len(t) == 2 and not set(t) & set("吗呢什么哪些多少怎么")}
        if not grams:
            return 0.0
        return sum(g in text for g in grams) / len(grams)

    def enough_evidence(self, question: str, top: Hit) -> bool:
        """Strong dense similarity, or decent similarity with real word overlap."""
        if top.dense >= STRONG_DENSE:
            return True
        return top.dense >= MIN_DENSE and self.coverage(question, top.chunk) >= MIN_COVERAGE

    def select(self, question: str, hits: list[Hit]) -> list[Chunk]:
        """The best sentence, plus up to two neighbours from the same paragraph that also matched."""
        usable = [h for h in hits if not h.chunk.text.endswith(("？", "?"))] or hits
        best = usable[0].chunk
        matched = {h.chunk.chunk_id for h in usable[:6]}
        chosen = [best]
        for h in usable[1:6]:
            c = h.chunk
            if (c.article_id == best.article_id and c.paragraph == best.paragraph and c.chunk_id in matched
                    and len(chosen) < 3 and sum(len(x.text) for x in chosen) + len(c.text) <= MAX_QUOTE_CHARS):
                chosen.append(c)
        return sorted(chosen, key=lambda c: c.sentence)

    def compose(self, chosen: list[Chunk], today: date) -> Answer:
        """Quote, deadline status and source line, as the user reads them."""
        first = chosen[0]
        quote = "".join(c.text for c in chosen)
        published = date.fromisoformat(first.published)
        notes = deadline_notes(quote, published, today)
        lines = [quote]
        for note in notes:
            lines.append(_deadline_line(note))
        lines.append(messages.SOURCE_LINE.format(title=first.article_title, publisher="",
                                                 published=first.published))
        source = Source(title=first.article_title, published=first.published, quote=quote,
                        article_id=first.article_id, chunk_id=first.chunk_id, paragraph=first.paragraph)
        return Answer(found=True, answer="\n".join(lines), sources=[source], article_id=first.article_id,
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


def deadline_notes(quote: str, published: date, today: date) -> list[DeadlineNote]:
    """Dated deadlines in a quote, resolved against the article's date, with days left (negative: passed)."""
    from retrieval.dates import find_dates

    notes = []
    for m in find_dates(quote, published):
        if m.is_deadline and m.due is not None:
            notes.append(DeadlineNote(expression=m.expression, due=m.due,
                                      end_of_month=m.precision == "month_end", days_left=(m.due - today).days))
    return notes


def _deadline_line(note: DeadlineNote) -> str:
    due = f"{note.due.year}年{note.due.month}月{note.due.day}日"
    if note.days_left < 0:
        return messages.DEADLINE_PASSED.format(expression=note.expression, due=due, days=-note.days_left)
    if note.days_left == 0:
        return messages.DEADLINE_TODAY.format(expression=note.expression, due=due)
    return messages.DEADLINE_LEFT.format(expression=note.expression, due=due, days=note.days_left)
