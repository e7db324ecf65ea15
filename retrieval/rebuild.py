"""Rebuilding the index safely: one writer at a time, a new collection checked before it goes live, rollback."""
from __future__ import annotations

import contextlib
import fcntl
import logging
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone

from retrieval.asking import places_in
from retrieval.embedders import _LockedEmbeddings
from retrieval.glossary import build_glossary, save_glossary, with_english_synonyms
from retrieval.index import (IndexInfo, IndexProblem, chroma_client, collection_files, corpus, embedding_text,
                             glossary_path, open_collection, read_pointer, remove_orphan_segments, vocabulary_path,
                             write_pointer)
from retrieval.lexical import normalize
from retrieval.models import Chunk
from retrieval.terms import build_vocabulary, load_synonyms
from retrieval.settings import CoreSettings

log = logging.getLogger(__name__)

BATCH = 64
LOCK_FILE = "index.lock"
KEEP_NEWEST = 3
Progress = Callable[[int, int], None]
Accept = Callable[[IndexInfo], object]  # opens the new index before it goes live; raises to keep the old one


class IndexBusy(IndexProblem):
    """Another rebuild holds the writer lock."""


class BuildRejected(IndexProblem):
    """The new collection failed its checks; the old index stays live."""


@dataclass(frozen=True)
class BuildReport:
    """What a rebuild did."""

    info: IndexInfo
    documents: int
    chunks: int
    embedded: int
    reused: int
    seconds: float
    opened: object = None  # what `accept` returned, e.g. the bot's Assistant on the new index


@contextmanager
def writer_lock(settings: CoreSettings, *, wait: bool = True) -> Iterator[None]:
    """Exclusive across processes (flock on BOT_DATA_DIR/index.lock); released even if the holder is killed."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    with open(settings.data_dir / LOCK_FILE, "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError as exc:
            raise IndexBusy("另一个重建索引任务正在进行，请稍后再试") from exc
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def rebuild_index(settings: CoreSettings, embedder: _LockedEmbeddings, *, progress: bool = False,
                  on_progress: Progress | None = None, wait: bool = True, accept: Accept | None = None) -> BuildReport:
    """Embed every chunk into a new collection, check it, open it (`accept`, else `reopen_check`), and only then
    make it live; unchanged documents reuse vectors. Any failure leaves the old index live and no new files."""
    with writer_lock(settings, wait=wait):
        return _rebuild(settings, embedder, progress=progress, on_progress=on_progress,
                        accept=accept or (lambda info: reopen_check(settings, info, embedder)))


def build_index(settings: CoreSettings, embedder: _LockedEmbeddings, *, progress: bool = False) -> IndexInfo:
    """Rebuild and return the new live pointer."""
    return rebuild_index(settings, embedder, progress=progress).info


def _rebuild(settings: CoreSettings, embedder: _LockedEmbeddings, *, progress: bool,
             on_progress: Progress | None, accept: Accept) -> BuildReport:
    started = time.monotonic()
    documents, _, chunks = corpus(settings)
    if not chunks:
        raise IndexProblem("知识库中没有可索引的文本")
    hashes = {d.doc_id: d.content_hash for d in documents}
    doc_meta = {d.doc_id: {"doc_title": d.title, "publisher": d.publisher, "doc_hash": d.content_hash}
                for d in documents}
    client = chroma_client(settings)
    old = read_pointer(settings)
    reused = _reusable_vectors(client, old, embedder.name, hashes)
    todo = [c for c in chunks if c.chunk_id not in reused]
    vectors = dict(reused) | _embed(embedder, todo, total=len(chunks), progress=progress, on_progress=on_progress)
    name = f"chunks_{datetime.now(timezone.utc).strftime('%Y%m%d%H%M%S%f')}"
    collection = client.create_collection(name, metadata={"hnsw:space": "cosine", "embedder": embedder.name})
    info = IndexInfo(collection=name, embedder=embedder.name,
                     built_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
                     documents=hashes, previous=old.collection if old else None)
    try:
        log.info("writing %d chunks into the new collection %s", len(chunks), name)
        for i in range(0, len(chunks), 1000):
            batch = chunks[i:i + 1000]
            collection.add(ids=[c.chunk_id for c in batch], embeddings=[vectors[c.chunk_id] for c in batch],
                           documents=[c.text for c in batch],
                           metadatas=[{**c.metadata(), **doc_meta[c.doc_id]} for c in batch])
        check_collection(collection, embedder, chunks, set(hashes))
        path = glossary_path(settings, name)
        path.parent.mkdir(parents=True, exist_ok=True)
        text = "".join(f"{c.article_title}\n{c.section}\n{c.text}\n" for c in chunks)
        names = {p for c in chunks for p in places_in(normalize(f"{c.article_title} {c.text}"), {})}
        synonyms = load_synonyms(settings.knowledge_dir / "synonyms.yaml")
        save_glossary(path, with_english_synonyms(build_glossary(text, sorted(names)), synonyms, text))
        chinese = {k: v for k, v in synonyms.items() if not k.isascii()}  # English keys are the glossary's
        build_vocabulary(text, chinese, vocabulary_path(settings, name))
        opened = accept(info)
    except Exception:
        _drop(client, settings, name)
        remove_orphan_segments(settings)
        raise
    log.info("index %s opened and checked; moving the live pointer to it", name)
    write_pointer(settings, info)
    _drop_stale(client, settings, keep={info.collection, info.previous})
    report = BuildReport(info, len(documents), len(chunks), len(todo), len(reused), time.monotonic() - started,
                         opened)
    log.info("index %s live: %d documents, %d chunks (%d embedded, %d reused) in %.1fs", name, report.documents,
             report.chunks, report.embedded, report.reused, report.seconds)
    return report


def _embed(embedder: _LockedEmbeddings, chunks: list[Chunk], *, total: int, progress: bool,
           on_progress: Progress | None) -> dict[str, list[float]]:
    from tqdm import tqdm

    vectors: dict[str, list[float]] = {}
    done = total - len(chunks)
    started = time.monotonic()
    with tqdm(total=total, initial=done, desc="嵌入文本块", unit="块", file=sys.stderr, disable=not progress) as bar:
        for i in range(0, len(chunks), BATCH):
            batch = chunks[i:i + BATCH]
            for c, v in zip(batch, embedder.embed_documents([embedding_text(c) for c in batch])):
                vectors[c.chunk_id] = v
            done += len(batch)
            bar.update(len(batch))
            if i == 0 and len(chunks) > BATCH:
                left = (time.monotonic() - started) / len(batch) * (len(chunks) - len(batch))
                log.info("embedding %d new chunks; about %.0f s left", len(chunks), left)
            if on_progress:
                on_progress(done, total)
    return vectors


def _probes(chunks: list[Chunk], among: int = 10) -> dict[str, Chunk]:
    """Each document's probe sentence: the longest of its first running-text chunks (metadata lines repeat
    across documents, and a short cover title such as 「关于印发《…》的通知」 is near every chunk under that title)."""
    probes: dict[str, Chunk] = {}
    running: dict[str, list[Chunk]] = {}
    for c in chunks:
        probes.setdefault(c.doc_id, c)
        if c.kind != "meta":
            running.setdefault(c.doc_id, []).append(c)
    for doc_id, texts in running.items():
        probes[doc_id] = max(texts[:among], key=lambda c: len(c.text))
    return probes


def check_collection(collection, embedder: _LockedEmbeddings, chunks: list[Chunk], doc_ids: set[str]) -> None:
    """Every document is in, and each document's probe sentence, asked as a question, finds itself."""
    if collection.count() != len(chunks):
        raise BuildRejected(f"新索引只有 {collection.count()} 个文本块，应为 {len(chunks)} 个")
    probes = _probes(chunks)
    missing = doc_ids - set(probes)
    if missing:
        raise BuildRejected(f"这些文件没有可索引的正文：{', '.join(sorted(missing))}")
    # Exact search over the stored vectors, as readers do: Chroma's approximate (HNSW) query can miss a chunk
    # among many near-identical ones (ten provinces' copies of one notice) and would reject a sound index.
    import numpy as np

    stored = collection.get(include=["embeddings"])
    matrix = np.asarray(stored["embeddings"], dtype=np.float32)
    matrix /= np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-12)
    for c in probes.values():
        nearest = np.argsort(-(matrix @ np.asarray(embedder.embed_query(c.text), dtype=np.float32)))[:5]
        if c.chunk_id not in {stored["ids"][i] for i in nearest}:
            raise BuildRejected(f"新索引自检失败：用《{c.article_title}》的原句提问找不到它")


def reopen_check(settings: CoreSettings, info: IndexInfo, embedder: _LockedEmbeddings) -> None:
    """Open the new collection as a reader would (its own client, the vocabulary, the glossary) before it is live."""
    from retrieval.glossary import load_glossary
    from retrieval.terms import QuestionReader

    collection, _ = open_collection(settings, embedder.name, info=info)
    if collection.count() == 0:
        raise BuildRejected(f"新索引 {info.collection} 打开后是空的")
    load_glossary(glossary_path(settings, info.collection))
    QuestionReader(vocabulary_path(settings, info.collection),
                   load_synonyms(settings.knowledge_dir / "synonyms.yaml")).terms("试点城市")


def rollback_index(settings: CoreSettings) -> IndexInfo:
    """Make the previous collection live again (and the current one the previous)."""
    with writer_lock(settings):
        info = read_pointer(settings)
        if info is None or not info.previous:
            raise IndexProblem("没有可以回退的上一版索引")
        client = chroma_client(settings)
        try:
            previous = client.get_collection(info.previous)
        except Exception as exc:
            raise IndexProblem(f"上一版索引 {info.previous} 已不存在，无法回退") from exc
        got = previous.get(include=["metadatas"])
        documents = {m["doc_id"]: m.get("doc_hash", "") for m in got["metadatas"]}
        embedder = (previous.metadata or {}).get("embedder", info.embedder)
        back = IndexInfo(collection=info.previous, embedder=embedder,
                         built_at=datetime.now(timezone.utc).isoformat(timespec="seconds"), documents=documents,
                         previous=info.collection)
        write_pointer(settings, back)
        log.info("rolled back from %s to %s", info.collection, info.previous)
        return back


def _reusable_vectors(client, old: IndexInfo | None, embedder: str, hashes: dict[str, str]) -> dict:
    if old is None or old.embedder != embedder:
        return {}
    unchanged = [d for d, h in hashes.items() if old.documents.get(d) == h]
    if not unchanged:
        return {}
    try:
        got = client.get_collection(old.collection).get(
            where={"doc_id": {"$in": unchanged}}, include=["embeddings", "metadatas"])
    except Exception as exc:  # a missing or broken old collection only costs re-embedding
        log.warning("cannot reuse vectors of %s: %s", old.collection, exc)
        return {}
    return {i: list(v) for i, v, m in zip(got["ids"], got["embeddings"], got["metadatas"])
            if m.get("doc_hash") == hashes.get(m.get("doc_id"))}


def _drop_stale(client, settings: CoreSettings, keep: set[str | None]) -> None:
    """Delete old collections (and their glossaries), e.g. of killed builds; the live one, the rollback target
    and the few newest stay, so a running bot that has not yet switched keeps answering from its own."""
    names = sorted(n for n in (c if isinstance(c, str) else c.name for c in client.list_collections())
                   if n.startswith("chunks_"))
    keep = keep | set(names[-KEEP_NEWEST:])
    for name in names:
        if name not in keep:
            _drop(client, settings, name)
    remove_orphan_segments(settings)


def _drop(client, settings: CoreSettings, name: str) -> None:
    """Delete one collection and the files kept beside it."""
    with contextlib.suppress(Exception):  # already gone (e.g. a half-created collection of a killed build)
        client.delete_collection(name)
    for path in collection_files(settings, name):
        path.unlink(missing_ok=True)
