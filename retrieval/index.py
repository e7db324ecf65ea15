"""The Chroma index: build a new collection from the knowledge documents, switch to it atomically, open it."""
from __future__ import annotations

import json
import logging
import os
import sys
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from retrieval.embedders import _LockedEmbeddings
from retrieval.glossary import build_glossary, save_glossary
from retrieval.ingest import chunk_article, load_documents, split_articles
from retrieval.models import Article, Chunk, Document
from retrieval.settings import CoreSettings

log = logging.getLogger(__name__)

POINTER_FILE = "index.json"
BATCH = 64


class IndexProblem(RuntimeError):
    """The index is missing or was built differently; the message says what to do."""


class IndexMissing(IndexProblem):
    """No index has been built yet."""


class EmbedderMismatch(IndexProblem):
    """The index was built with another embedder."""


@dataclass(frozen=True)
class IndexInfo:
    """What the live pointer records about the index in use."""

    collection: str
    embedder: str
    built_at: str
    documents: dict[str, str]  # doc_id -> content hash
    previous: str | None = None


def chroma_client(settings: CoreSettings):
    """A Chroma client: an HTTP client when CHROMA_HOST is set, else a PersistentClient under BOT_DATA_DIR."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if settings.chroma_host:
        return chromadb.HttpClient(host=settings.chroma_host, port=settings.chroma_port or 8000,
                                   settings=chroma_settings)
    settings.chroma_dir.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(settings.chroma_dir), settings=chroma_settings)


def read_pointer(settings: CoreSettings) -> IndexInfo | None:
    """The live index pointer, or None when no index was ever built."""
    path = settings.data_dir / POINTER_FILE
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return IndexInfo(**data)


def write_pointer(settings: CoreSettings, info: IndexInfo) -> None:
    """Replace the live pointer atomically (write, fsync, rename)."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    path = settings.data_dir / POINTER_FILE
    tmp = path.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(info.__dict__, f, ensure_ascii=False, indent=1)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def glossary_path(settings: CoreSettings, collection: str) -> Path:
    """Where the English glossary of one collection is kept."""
    return settings.data_dir / "glossary" / f"{collection}.json"


def embedding_text(chunk: Chunk) -> str:
    """What the embedder sees for a chunk: the sentence under its article title."""
    return f"{chunk.article_title}：{chunk.text}"


def corpus(settings: CoreSettings) -> tuple[list[Document], list[Article], list[Chunk]]:
    """Documents, their articles and chunks, read fresh from the knowledge folder."""
    documents = load_documents(settings.documents_dir)
    articles = [a for d in documents for a in split_articles(d)]
    chunks = [c for a in articles for c in chunk_article(a)]
    return documents, articles, chunks


def build_index(settings: CoreSettings, embedder: _LockedEmbeddings, *, progress: bool = False) -> IndexInfo:
    """Embed every chunk into a new collection, then make it live; unchanged documents reuse old vectors."""
    documents, _, chunks = corpus(settings)
    if not chunks:
        raise IndexProblem("知识库中没有可索引的文本")
    hashes = {d.doc_id: d.content_hash for d in documents}
    doc_meta = {d.doc_id: {"doc_title": d.title, "publisher": d.publisher, "doc_hash": d.content_hash}
                for d in documents}
    client = chroma_client(settings)
    old = read_pointer(settings)
    reused = _reusable_vectors(client, old, embedder.name, hashes)
    name = f"chunks_{datetime.now(timezone.utc).strftime('%Y%m%d%H%M%S%f')}"
    collection = client.create_collection(name, metadata={"hnsw:space": "cosine", "embedder": embedder.name})
    todo = [c for c in chunks if c.chunk_id not in reused]
    started = time.monotonic()
    bar = _progress(len(chunks), progress)
    bar.update(len(chunks) - len(todo))
    vectors = dict(reused)
    for i in range(0, len(todo), BATCH):
        batch = todo[i:i + BATCH]
        for c, v in zip(batch, embedder.embed_documents([embedding_text(c) for c in batch])):
            vectors[c.chunk_id] = v
        bar.update(len(batch))
    bar.close()
    for i in range(0, len(chunks), 1000):
        batch = chunks[i:i + 1000]
        collection.add(
            ids=[c.chunk_id for c in batch],
            embeddings=[vectors[c.chunk_id] for c in batch],
            documents=[c.text for c in batch],
            metadatas=[{**c.metadata(), **doc_meta[c.doc_id]} for c in batch],
        )
    glossary_path(settings, name).parent.mkdir(parents=True, exist_ok=True)
    save_glossary(glossary_path(settings, name),
                  build_glossary("".join(f"{c.article_title}{c.text}" for c in chunks)))
    info = IndexInfo(collection=name, embedder=embedder.name,
                     built_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
                     documents=hashes, previous=old.collection if old else None)
    write_pointer(settings, info)
    _drop_stale(client, keep={info.collection, info.previous})
    log.info("index %s built: %d chunks (%d embedded, %d reused) in %.1fs", name, len(chunks), len(todo),
             len(reused), time.monotonic() - started)
    return info


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


def _drop_stale(client, keep: set[str | None]) -> None:
    for col in client.list_collections():
        name = col if isinstance(col, str) else col.name
        if name.startswith("chunks_") and name not in keep:
            client.delete_collection(name)


def _progress(total: int, enabled: bool):
    from tqdm import tqdm

    return tqdm(total=total, desc="嵌入文本块", unit="块", file=sys.stderr, disable=not enabled)


def open_collection(settings: CoreSettings, embedder_name: str):
    """The live collection and its pointer; raises IndexMissing or EmbedderMismatch with advice."""
    info = read_pointer(settings)
    if info is None:
        raise IndexMissing("索引尚未建立：请运行 python -m retrieval build")
    if info.embedder != embedder_name:
        raise EmbedderMismatch(
            f"索引由 {info.embedder} 建立，当前设置为 EMBEDDER={embedder_name}："
            "请运行 python -m retrieval build 重建索引，或改回原来的 EMBEDDER")
    client = chroma_client(settings)
    try:
        return client.get_collection(info.collection), info
    except Exception as exc:
        raise IndexMissing(f"索引集合 {info.collection} 不存在：请运行 python -m retrieval build（{exc}）") from exc
