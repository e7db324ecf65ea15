"""The faithfulness guard: an LLM answer may only say what its cited passages say."""
from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from functools import lru_cache

from retrieval.llm.facts import Date, Facts, extract, squeeze
from retrieval.models import Passage

NOT_FOUND = "资料中没有相关内容"
CITATION = re.compile(r"[\[【［]\s*(\d+(?:\s*[,，、]\s*\d+)*)\s*[\]】］]")
THINKING = re.compile(r"<think>.*?(?:</think>|$)", re.DOTALL)


def clean(answer_text: str) -> str:
    """The answer without a reasoning model's <think> block and surrounding blank space."""
    return THINKING.sub("", answer_text).strip()


def citations(answer_text: str) -> list[int]:
    """Passage numbers cited as [1], [1,2], 【1】, in order of first appearance."""
    seen: list[int] = []
    for match in CITATION.finditer(answer_text):
        for number in re.split(r"\s*[,，、]\s*", match.group(1)):
            if int(number) not in seen:
                seen.append(int(number))
    return seen


def guard(answer_text: str, passages: list[Passage]) -> str | None:
    """None when the answer is faithful to the passages it cites, else the reason (for the log)."""
    text = clean(answer_text)
    if not text:
        return "empty answer"
    if NOT_FOUND in text:
        return "the model said the passages do not answer the question"
    cited = citations(text)
    if not cited:
        return "no citation"
    return check(text, passages, cited)


def check(text: str, passages: list[Passage], cited: list[int], facts_from: Iterable[int] | None = None) -> str | None:
    """None when every citation exists and every fact of `text` occurs in the cited (or `facts_from`) passages."""
    for number in cited:
        if not 1 <= number <= len(passages):
            return f"citation [{number}] does not match any of the {len(passages)} passages"
    numbers = list(cited if facts_from is None else facts_from)
    claimed = extract(CITATION.sub(" ", text))
    return _unsupported(claimed, [passages[n - 1] for n in numbers], numbers)


def _unsupported(claimed: Facts, sources: list[Passage], cited: list[int]) -> str | None:
    """The first claimed fact the sources do not support, described for the log."""
    where = "passages " + "".join(f"[{n}]" for n in cited)
    known = _source_facts(tuple(sources))
    numbers = {round(value, 6) for value, _ in known.numbers}
    for value, written in claimed.numbers:
        if round(value, 6) not in numbers:
            return f"number {written!r} is not in the {where}"
    percents = {round(value, 6) for value, _ in known.percents}
    for value, written in claimed.percents:
        if round(value, 6) not in percents:
            return f"percentage {written!r} is not in the {where}"
    for claimed_date in claimed.dates:
        if not any(_same_date(claimed_date, known_date) for known_date in known.dates):
            return f"date {claimed_date} is not in the {where}"
    haystack = squeeze("".join(f"{p.title}{p.text}" for p in sources))
    for quote in claimed.quotes:
        if squeeze(quote) not in haystack:
            return f"quoted name {quote!r} is not in the {where}"
    return None


@lru_cache(maxsize=64)  # a streaming answer is checked again at every sentence against the same passages
def _source_facts(sources: tuple[Passage, ...]) -> Facts:
    """Facts of the passages, with their publication dates; digits inside dates also count as numbers."""
    facts = Facts()
    for passage in sources:
        found = extract(f"{passage.title}\n{passage.text}", mask_dates=False)
        published = _published(passage)
        facts.numbers += found.numbers
        facts.percents += found.percents
        if published:
            year = published.year
            facts.dates.append(Date(year, published.month, published.day))
            facts.numbers += [(float(part), "") for part in (year, published.month, published.day)]
            # A passage's "7月18日" is in its publication year.
            found.dates = [Date(d.year or year, d.month, d.day) for d in found.dates]
        facts.dates += found.dates
    return facts


def _published(passage: Passage) -> date | None:
    try:
        return date.fromisoformat(passage.published)
    except ValueError:
        return None


def _same_date(claimed: Date, known: Date) -> bool:
    """A claimed date matches when every part it states equals the known date's part."""
    if claimed.month != known.month:
        return False
    if claimed.day is not None and claimed.day != known.day:
        return False
    return claimed.year is None or claimed.year == known.year


SENTENCE_END = "。！？!?；;\n"


def verified_prefix(answer_text: str, passages: list[Passage]) -> tuple[str, str | None]:
    """The part of a streaming answer that may be shown now: its complete sentences, if they pass.

    Citations may still be missing mid-stream, so the facts of a partial answer are checked against all
    the given passages; the full answer is checked strictly by `guard` when the stream ends. Returns the
    text to show and, when the partial answer already fails, the reason.
    """
    text = clean(answer_text)
    if NOT_FOUND in text:
        return "", "the model said the passages do not answer the question"
    end = max(text.rfind(ch) for ch in SENTENCE_END)
    prefix = text[: end + 1].strip()
    if not prefix:
        return "", None
    reason = check(prefix, passages, citations(prefix), facts_from=range(1, len(passages) + 1))
    return ("", reason) if reason else (prefix, None)
