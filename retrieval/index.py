"""The Chroma index: where it lives, the live pointer that names the collection in use, and opening it."""
from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import sqlite3
import uuid
from dataclasses import dataclass
from pathlib import Path

from retrieval.ingest import chunk_article, load_documents, split_articles
from retrieval.models import Article, Chunk, Document
from retrieval.settings import CoreSettings

log = logging.getLogger(__name__)

POINTER_FILE = "index.json"


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


def vocabulary_path(settings: CoreSettings, collection: str) -> Path:
    """Where the question-segmentation vocabulary of one collection is kept (jieba's cache of it sits beside it,
    see `retrieval.terms.QuestionReader`)."""
    return settings.data_dir / "glossary" / f"{collection}.dict"


def collection_files(settings: CoreSettings, collection: str) -> list[Path]:
    """Every file kept beside one collection: its glossary, its vocabulary and jieba's cache of the vocabulary."""
    vocabulary = vocabulary_path(settings, collection)
    return [glossary_path(settings, collection), vocabulary, vocabulary.with_suffix(".cache")]


def remove_orphan_segments(settings: CoreSettings) -> int:
    """Delete the segment folders Chroma leaves on disk after `delete_collection`; returns how many went.

    Only folders named by a UUID that no segment in chroma.sqlite3 names any more are removed; call it while
    holding the writer lock (no collection is being created meanwhile). Nothing to do for a Chroma server."""
    database = settings.chroma_dir / "chroma.sqlite3"
    if settings.chroma_host or not database.exists():
        return 0
    with contextlib.closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as db:
        alive = {row[0] for row in db.execute("SELECT id FROM segments")}
    removed = 0
    for folder in settings.chroma_dir.iterdir():
        if folder.is_dir() and _is_uuid(folder.name) and folder.name not in alive:
            shutil.rmtree(folder, ignore_errors=True)
            removed += 1
    return removed


def _is_uuid(name: str) -> bool:
    try:
        return str(uuid.UUID(name)) == name
    except ValueError:
        return False


def embedding_text(chunk: Chunk) -> str:
    """What the embedder sees for a chunk: the text under its title, section (or metadata label) and lead-in."""
    if chunk.kind == "meta":
        return f"{chunk.article_title} {chunk.label}：{chunk.text}"
    where = f"{chunk.article_title} {chunk.section}".strip()
    return f"{where}：{chunk.lead}{chunk.text}"


def corpus(settings: CoreSettings) -> tuple[list[Document], list[Article], list[Chunk]]:
    """Documents, their articles and chunks, read fresh from the knowledge folder; KnowledgeError names a bad
    or oversized file."""
    from retrieval.library import check_size

    documents = load_documents(settings.documents_dir)
    for document in documents:
        check_size(document, settings.max_document_mb)
    articles = [a for d in documents for a in split_articles(d)]
    chunks = [c for a in articles for c in chunk_article(a)]
    return documents, articles, chunks


def open_collection(settings: CoreSettings, embedder_name: str, info: IndexInfo | None = None):
    """The live collection (or the one `info` names, before it goes live) and its pointer; raises IndexMissing
    or EmbedderMismatch with advice."""
    info = info or read_pointer(settings)
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
