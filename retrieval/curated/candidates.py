"""The passages an admin may link a question to: the core's best candidates for it, best first."""
from __future__ import annotations

import numpy as np

from retrieval.answer import Answerer, clean_question
from retrieval.models import Chunk


def candidate_passages(answerer: Answerer, question: str, *, limit: int = 5) -> list[Chunk]:
    """Up to `limit` quotable passages as the core ranks them (plain search when the question is out of scope)."""
    exam = answerer.examine(clean_question(question))
    ranked = [answerer.chunks[exam.indices[k]] for k in np.argsort(-exam.probabilities)] if exam.indices else []
    if not ranked:
        ranked = [hit.chunk for hit in answerer.search.search(question, k=3 * limit)]
    out: list[Chunk] = []
    for chunk in ranked:
        if chunk.kind == "meta" or chunk.text.endswith(("？", "?")) or chunk in out:
            continue
        out.append(chunk)
        if len(out) == limit:
            break
    return out
