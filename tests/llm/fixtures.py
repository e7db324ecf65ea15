"""Shared pieces of the LLM stories: the fake endpoint, settings pointing at it, passages of the seed page."""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest

from retrieval import messages
from retrieval.ingest import read_document, split_articles
from retrieval.models import Answer, Passage, Source
from retrieval.settings import PROJECT_ROOT, CoreSettings
from tests.fakes.openai import FakeOpenAI

SEED = PROJECT_ROOT / "knowledge" / "documents" / "xinhua-2025-06-04.txt"
API_KEY = "sk-test-not-a-secret"


@pytest.fixture
def fake_llm() -> Iterator[FakeOpenAI]:
    """A running fake OpenAI-compatible endpoint."""
    with FakeOpenAI() as server:
        yield server


def llm_settings(server: FakeOpenAI, timeout_s: float = 5.0, **extra: object) -> CoreSettings:
    """Core settings with the LLM pointed at the fake endpoint."""
    return CoreSettings(
        _env_file=None,
        LLM_BASE_URL=server.base_url, LLM_API_KEY=API_KEY, LLM_MODEL=server.model, LLM_TIMEOUT_S=timeout_s, **extra
    )


def seed_passages(article: int = 0, paragraphs: tuple[int, ...] = (0, 2, 4, 12)) -> list[Passage]:
    """Paragraphs of one article of the seed page, as retrieval hands them over."""
    found = split_articles(read_document(SEED))[article]
    return [
        Passage(found.title, found.published.isoformat(), found.paragraphs[p], found.article_id,
                f"{found.article_id}p{p}s0")
        for p in paragraphs
    ]


def extractive(passage: Passage) -> Answer:
    """An extractive answer quoting the first sentence of a passage, as the core would give it."""
    quote = passage.text.split("。")[0] + "。"
    line = messages.SOURCE_LINE.format(title=passage.title, publisher="", published=passage.published)
    source = Source(passage.title, passage.published, quote, passage.article_id, passage.chunk_id)
    return Answer(found=True, answer=f"{quote}\n{line}", sources=[source], article_id=passage.article_id)


def citing(fact: str, sentence: str) -> Callable[[dict], str]:
    """A reply computed from the prompt: `sentence` citing the passage that contains `fact`."""

    def respond(body: dict) -> str:
        user = next(m["content"] for m in body["messages"] if m["role"] == "user")
        for block in user.split("\n\n"):
            found = re.search(r"(?m)^\[(\d+)\]《", block)
            if found and fact in block:
                return f"{sentence}[{found.group(1)}]。"
        return "资料中没有相关内容"

    return respond


@pytest.fixture
def passages() -> list[Passage]:
    """The seed interview's paragraphs, as retrieval would hand them over."""
    return seed_passages()


@pytest.fixture
def fallback(passages: list[Passage]) -> Answer:
    """The extractive answer the LLM answer falls back to."""
    return extractive(passages[0])
