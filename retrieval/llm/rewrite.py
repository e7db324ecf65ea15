"""Check the model's rewrite of a follow-up question before retrieval uses it."""
from __future__ import annotations

import re

from retrieval.llm.guard import clean

MAX_REWRITE_CHARS = 200
_PREFIX = re.compile(r"^(?:改写后的独立问题|独立问题|问题|改写)[:：]\s*")
_QUOTES = "\"'“”‘’「」『』"


def standalone(reply: str, question: str) -> str:
    """The rewritten question, or the original when the reply is empty, too long or not a question."""
    lines = [line.strip() for line in clean(reply).splitlines() if line.strip()]
    if not lines:
        return question
    rewritten = _PREFIX.sub("", lines[0]).strip().strip(_QUOTES).strip()
    if not rewritten or len(rewritten) > max(MAX_REWRITE_CHARS, 4 * len(question)):
        return question
    return rewritten
