"""Hybrid search: dense (Chroma) and lexical (BM25) rankings fused by reciprocal rank."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from retrieval.embedders import _LockedEmbeddings
from retrieval.index import embedding_text
from retrieval.lexical import BM25, TOKENIZERS
from retrieval.models import Chunk

RRF_K = 60


@dataclass(frozen=True)
class Hit:
    """A chunk with its fused score and the evidence from each side."""

    chunk: Chunk
    score: float
    dense: float  # cosine similarity, 0 when the dense side did not return it
    lexical: float  # BM25 score, 0 when no token matched


class HybridSearch:
    """Searches one index's chunks: dense through Chroma, lexical in memory, fused with RRF."""

    def __init__(self, collection, chunks: list[Chunk], embedder: _LockedEmbeddings, *,
                 tokenizer: str = "bigram", use_dense: bool = True, use_lexical: bool = True,
                 vectors: np.ndarray | None = None) -> None:
        self.collection = collection
        # Unit-length chunk vectors in memory: one product scores every chunk (exact, and cheap at this size).
        self.vectors = _unit_rows(vectors) if vectors is not None and len(vectors) == len(chunks) else None
        self.chunks = chunks
        self.by_id = {c.chunk_id: i for i, c in enumerate(chunks)}
        self.embedder = embedder
        self.tokenize = TOKENIZERS[tokenizer]
        self.use_dense, self.use_lexical = use_dense, use_lexical
        self.bm25 = BM25([self.tokenize(embedding_text(c)) for c in chunks])

    def similarities(self, question: str) -> np.ndarray:
        """Cosine similarity of the question to every chunk, in chunk order."""
        vector = np.asarray(self.embedder.embed_query(question), dtype=np.float32)
        vector /= np.linalg.norm(vector) or 1.0
        if self.vectors is None:
            got = self.dense(question, k=len(self.chunks))
            out = np.zeros(len(self.chunks), dtype=np.float32)
            out[list(got)] = list(got.values())
            return out
        # einsum rather than `@`: from ~1,000 chunks up, BLAS wakes its threads for this product, and while they
        # spin they halve the speed of the next question's embedding on a two-core machine.
        return np.einsum("ij,j->i", self.vectors, vector)

    def dense(self, question: str, *, k: int, article_id: str | None = None) -> dict[int, float]:
        """Chunk index -> cosine similarity for the k nearest chunks."""
        if self.vectors is not None:
            sims = self.similarities(question)
            allowed = [i for i, c in enumerate(self.chunks) if not article_id or c.article_id == article_id]
            best = sorted(allowed, key=lambda i: -sims[i])[:k]
            return {i: float(sims[i]) for i in best}
        vector = self.embedder.embed_query(question)
        where = {"article_id": article_id} if article_id else None
        got = self.collection.query(query_embeddings=[vector], n_results=min(k, len(self.chunks)),
                                    where=where, include=["distances"])
        return {self.by_id[i]: 1.0 - d for i, d in zip(got["ids"][0], got["distances"][0]) if i in self.by_id}

    def lexical(self, question: str, *, article_id: str | None = None) -> dict[int, float]:
        """Chunk index -> BM25 score."""
        scores = self.bm25.scores(self.tokenize(question))
        if article_id:
            scores = {i: s for i, s in scores.items() if self.chunks[i].article_id == article_id}
        return scores

    def search(self, question: str, *, k: int = 10, article_id: str | None = None,
               lexical_text: str = "") -> list[Hit]:
        """The k best chunks, best first; `lexical_text` replaces the question on the lexical side."""
        dense = self.dense(question, k=max(3 * k, 30), article_id=article_id) if self.use_dense else {}
        lexical = self.lexical(lexical_text or question, article_id=article_id) if self.use_lexical else {}
        fused: dict[int, float] = {}
        for ranking in (dense, lexical):
            for rank, i in enumerate(sorted(ranking, key=ranking.get, reverse=True)):
                fused[i] = fused.get(i, 0.0) + 1.0 / (RRF_K + rank + 1)
        best = sorted(fused, key=fused.get, reverse=True)[:k]
        return [Hit(self.chunks[i], fused[i], dense.get(i, 0.0), lexical.get(i, 0.0)) for i in best]


def _unit_rows(vectors) -> np.ndarray:
    matrix = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1.0, norms)
