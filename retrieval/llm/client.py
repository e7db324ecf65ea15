"""The chat model: LangChain's ChatOpenAI pointed at any OpenAI-compatible endpoint."""
from __future__ import annotations

from typing import TYPE_CHECKING

from retrieval.settings import CoreSettings

if TYPE_CHECKING:
    from langchain_openai import ChatOpenAI

# vLLM and Ollama accept any key; the OpenAI client refuses to start without one.
NO_KEY = "not-needed"


def make_chat_model(settings: CoreSettings) -> ChatOpenAI:
    """A client with no retries (a failed call falls back at once) and the configured timeout."""
    from langchain_openai import ChatOpenAI  # imported here: it takes seconds and most runs never need it

    return ChatOpenAI(
        base_url=settings.llm_base_url,
        api_key=settings.llm_api_key or NO_KEY,
        model=settings.llm_model,
        timeout=settings.llm_timeout_s,
        max_retries=0,
        temperature=0,
    )


def describe(exc: BaseException, secret: str | None = None) -> str:
    """An exception for the log: its type and first line, with the API key blanked should a server echo it."""
    first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    if secret:
        first_line = first_line.replace(secret, "***")
    return f"{type(exc).__name__}: {first_line[:200]}" if first_line else type(exc).__name__
