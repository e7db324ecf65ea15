"""The core's one entry point: open the index once, then answer questions about the documents."""
from __future__ import annotations

import logging
import time
from collections import defaultdict
from dataclasses import fields
from datetime import date

import numpy as np

from retrieval.answer import Answerer
from retrieval.curated.answers import CuratedAnswers
from retrieval.curated.candidates import candidate_passages
from retrieval.curated.match import ParaphraseMatcher, elliptical, names_reader
from retrieval.curated.store import curated_file
from retrieval.decision import load_model
from retrieval.deadlines import DeadlineFileError, load_deadlines
from retrieval.embedders import make_embedder
from retrieval.glossary import load_glossary
from retrieval.index import IndexInfo, IndexMissing, glossary_path, open_collection, vocabulary_path
from retrieval.rebuild import build_index
from retrieval.models import Answer, Chunk, Passage
from retrieval.search import HybridSearch
from retrieval.terms import QuestionReader, load_synonyms
from retrieval.settings import CoreSettings, get_settings

log = logging.getLogger(__name__)
_CHUNK_FIELDS = {f.name for f in fields(Chunk)}


class Assistant:
    """Answers questions from the live index; cheap to call from many threads."""

    def __init__(self, settings: CoreSettings, embedder, collection, info, chunks: list[Chunk],
                 doc_meta: dict[str, dict], reader: QuestionReader, vectors=None) -> None:
        self.settings = settings
        self.embedder = embedder
        self.info = info
        self.chunks = chunks
        self.doc_meta = doc_meta
        self.search = HybridSearch(collection, chunks, embedder, vectors=vectors)
        self.by_article: dict[str, list[Chunk]] = defaultdict(list)
        for c in chunks:
            self.by_article[c.article_id].append(c)
        self.answerer = Answerer(self.search, self.by_article, timezone=settings.timezone,
                                 glossary=load_glossary(glossary_path(settings, info.collection)),
                                 reader=reader,
                                 deadlines=_registry(settings),
                                 model=load_model(settings.knowledge_dir, embedder.name), documents=doc_meta)
        self.curated = CuratedAnswers(curated_file(settings), settings.documents_dir, chunks,
                                      ParaphraseMatcher(embedder, settings.curated_match_floor,
                                                        names=names_reader(self.answerer)),
                                      deadlines=self.answerer.deadlines)
        self.curated.reload()
        self.llm = None
        if settings.llm_enabled:
            from retrieval.llm import LLMAnswerer

            self.llm = LLMAnswerer(settings)

    @classmethod
    def open(cls, settings: CoreSettings | None = None, *, build_if_missing: bool = True,
             progress: bool = False, info: IndexInfo | None = None) -> "Assistant":
        """Load the embedder and the live index (or the one `info` names), building the index first when there is
        none."""
        settings = settings or get_settings()
        embedder = make_embedder(settings.embedder)
        try:
            collection, info = open_collection(settings, embedder.name, info)
        except IndexMissing:
            if not build_if_missing:
                raise
            log.info("no index yet: building it")
            build_index(settings, embedder, progress=progress)
            collection, info = open_collection(settings, embedder.name)
        embedder.warm_up()
        reader = QuestionReader(vocabulary_path(settings, info.collection),
                                load_synonyms(settings.knowledge_dir / "synonyms.yaml"))
        reader.warm_up()
        got = collection.get(include=["documents", "metadatas", "embeddings"])
        rows, doc_meta = [], {}
        for text, meta, vector in zip(got["documents"], got["metadatas"], got["embeddings"]):
            rows.append((Chunk(text=text, **{k: v for k, v in meta.items() if k in _CHUNK_FIELDS}), vector))
            doc_meta[meta["doc_id"]] = {k: meta.get(k, "") for k in ("doc_title", "publisher", "published")}
        rows.sort(key=lambda r: (r[0].doc_id, _article_no(r[0].article_id), r[0].paragraph, r[0].sentence))
        chunks = [c for c, _ in rows]
        vectors = np.asarray([v for _, v in rows], dtype=np.float32) if rows else None
        return cls(settings, embedder, collection, info, chunks, doc_meta, reader, vectors=vectors)

    def answer(self, question: str, *, context_article: str | None = None, today: date | None = None,
               history: list[tuple[str, str]] | None = None) -> Answer:
        """A short quoted answer with its sources, or found=False with a helpful reply."""
        started = time.perf_counter()
        result = self.retrieve(question, context_article=context_article, today=today, history=history)
        if self.llm is not None and (result.found or result.leads) and not result.curated_id:
            asked = result.rewritten_question or question
            result = self.llm.answer(asked, self.passages_for(result), result, today=today)
            result.rewritten_question = "" if asked == question else asked
        result.took_ms = (time.perf_counter() - started) * 1000
        return result

    def retrieve(self, question: str, *, context_article: str | None = None, today: date | None = None,
                 history: list[tuple[str, str]] | None = None) -> Answer:
        """The curated answer when the question matches a curated one, else the extractive answer; with an LLM, an
        elliptical follow-up is first rewritten from the history."""
        curated = self.curated.answer(question, today=today or self.answerer.today(),
                                      exact_only=bool(context_article or history) and elliptical(question))
        if curated is not None:
            return curated
        rewritten = self.llm.rewrite_followup(history, question) if self.llm is not None and history else question
        result = self.answerer.answer(rewritten, context_article=context_article, today=today)
        result.rewritten_question = "" if rewritten == question else rewritten
        return result

    def candidates(self, question: str, limit: int = 5) -> list[Chunk]:
        """The passages an admin may link a question to (the core's best candidates), best first."""
        return candidate_passages(self.answerer, question, limit=limit)

    def passages_for(self, answer: Answer, limit: int = 5) -> list[Passage]:
        """The paragraphs an LLM may use: those of the answer's article first, then other top hits."""
        return self.answerer.passages(answer, limit=limit)

    def chunk(self, chunk_id: str) -> Chunk | None:
        """A chunk of this index by its id (None when the index no longer holds it)."""
        index = self.search.by_id.get(chunk_id)
        return None if index is None else self.chunks[index]

    def context(self, chunk_id: str) -> dict | None:
        """The paragraph holding a chunk, with its neighbours, for 「查看原文」."""
        chunk = self.chunk(chunk_id)
        if chunk is None:
            return None
        paragraphs = self.paragraphs(chunk.article_id)
        lo, hi = max(0, chunk.paragraph - 1), chunk.paragraph + 2
        return {"title": chunk.article_title, "published": chunk.published,
                "paragraphs": [paragraphs[p] for p in sorted(paragraphs) if lo <= p < hi],
                "paragraph": chunk.paragraph}

    def paragraphs(self, article_id: str) -> dict[int, str]:
        """Paragraph number -> text of one article."""
        out: dict[int, str] = defaultdict(str)
        for c in self.by_article.get(article_id, []):
            out[c.paragraph] += c.text
        return dict(out)

    def article_passages(self, article_id: str) -> list[Passage]:
        """Every paragraph of an article as a Passage."""
        chunks = self.by_article.get(article_id, [])
        if not chunks:
            return []
        first = {c.paragraph: c for c in reversed(chunks)}
        return [Passage(title=first[p].article_title, published=first[p].published, text=text,
                        article_id=article_id, chunk_id=first[p].chunk_id)
                for p, text in sorted(self.paragraphs(article_id).items())]

    def documents(self) -> list[dict]:
        """The indexed documents with their dates and article titles."""
        out = []
        for doc_id, meta in sorted(self.doc_meta.items()):
            titles = list(dict.fromkeys(c.article_title for c in self.chunks if c.doc_id == doc_id))
            out.append({"doc_id": doc_id, "title": meta["doc_title"], "publisher": meta["publisher"],
                        "published": meta["published"], "articles": titles})
        return out

    def stats(self) -> dict:
        """Counts and provenance of the live index."""
        return {"documents": len(self.doc_meta), "articles": len(self.by_article), "chunks": len(self.chunks),
                "embedder": self.info.embedder, "built_at": self.info.built_at, "collection": self.info.collection}


def _registry(settings: CoreSettings) -> list:
    """The curated deadlines; a broken file only costs the registry's dates (answers still resolve dates)."""
    path = settings.knowledge_dir / "deadlines.yaml"
    if not path.exists():
        return []
    try:
        return load_deadlines(path)
    except DeadlineFileError as exc:
        log.error("deadlines registry not used: %s", exc)
        return []


def _article_no(article_id: str) -> int:
    tail = article_id.rsplit("#a", 1)[-1]
    return int(tail) if tail.isdigit() else 0
