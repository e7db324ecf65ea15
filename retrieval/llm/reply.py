"""Turn a guarded LLM text into the Answer a user reads: the text, then the cited sources."""
from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from retrieval import messages
from retrieval.answer import deadline_line, deadline_notes
from retrieval.llm.guard import citations
from retrieval.models import Answer, DeadlineNote, Passage, Source


def compose(text: str, passages: list[Passage], fallback: Answer, today: date) -> Answer:
    """The LLM text followed by each cited passage: [n] quote, deadline status, source line."""
    lines = [text, ""]
    sources: list[Source] = []
    notes: list[DeadlineNote] = []
    for number in citations(text):
        passage = passages[number - 1]
        sources.append(Source(passage.title, passage.published, passage.text, passage.article_id, passage.chunk_id))
        lines.append(f"[{number}] {passage.text}")
        for note in _notes(passage, today):
            lines.append(deadline_line(note))
            notes.append(note)
        lines.append(messages.SOURCE_LINE.format(title=passage.title, publisher="", published=passage.published))
    return Answer(
        found=True,
        answer="\n".join(lines),
        sources=sources,
        took_ms=fallback.took_ms,
        article_id=sources[0].article_id,
        deadlines=notes,
        rewritten_question=fallback.rewritten_question,
        by_llm=True,
    )


def declined(fallback: Answer) -> Answer:
    """The model said the passages do not answer: found=False, keeping what the extractive answer quoted as related."""
    if not fallback.found:
        return fallback
    return Answer(found=False, answer=messages.NOT_FOUND, related=fallback.sources[:1], took_ms=fallback.took_ms,
                  rewritten_question=fallback.rewritten_question, by_llm=True)


def _notes(passage: Passage, today: date) -> list[DeadlineNote]:
    try:
        published = date.fromisoformat(passage.published)
    except ValueError:
        return []
    return deadline_notes(passage.text, published, today)


def today_for(fallback: Answer, timezone: str) -> date:
    """The extractive answer's notion of today (it honours `--today`), else today in the deadlines' zone."""
    if fallback.deadlines:
        note = fallback.deadlines[0]
        return note.due - timedelta(days=note.days_left)
    return datetime.now(ZoneInfo(timezone)).date()
