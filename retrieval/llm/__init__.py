"""Optional LLM answers over an OpenAI-compatible API, kept faithful by a guard (see README)."""
from retrieval.llm.answerer import LLMAnswerer
from retrieval.llm.guard import guard

__all__ = ["LLMAnswerer", "guard"]
