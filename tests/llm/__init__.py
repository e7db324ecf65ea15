"""Tests of retrieval/llm: prompts, guard, streaming answers, follow-ups and the Assistant with an LLM."""
