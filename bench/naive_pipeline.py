"""The naive LangChain baseline the core is measured against: split, embed into Chroma, return the top chunk.

    python bench/naive_pipeline.py build DIR
    python bench/naive_pipeline.py ask DIR "问题"      (one JSON object, same fields as `retrieval ask --json`)
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from retrieval.embedders import make_embedder  # noqa: E402
from retrieval.ingest import load_documents  # noqa: E402
from retrieval.settings import PROJECT_ROOT  # noqa: E402

COLLECTION = "naive"


def build(directory: Path, embedder_name: str = "e5"):
    """Split every document with RecursiveCharacterTextSplitter and store it with langchain-chroma."""
    from langchain_chroma import Chroma
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    splitter = RecursiveCharacterTextSplitter(chunk_size=200, chunk_overlap=40,
                                              separators=["\n\n", "\n", "。", "，", ""])
    texts, metas = [], []
    for doc in load_documents(PROJECT_ROOT / "knowledge" / "documents"):
        for piece in splitter.split_text(doc.text):
            texts.append(piece)
            metas.append({"title": doc.title, "published": doc.published.isoformat()})
    return Chroma.from_texts(texts, make_embedder(embedder_name), metadatas=metas, collection_name=COLLECTION,
                             persist_directory=str(directory))


def open_store(directory: Path, embedder_name: str = "e5"):
    """The persisted naive store."""
    from langchain_chroma import Chroma

    return Chroma(collection_name=COLLECTION, embedding_function=make_embedder(embedder_name),
                  persist_directory=str(directory))


def ask(store, question: str) -> dict:
    """Top chunk as the answer; the naive pipeline never refuses."""
    started = time.perf_counter()
    [doc] = store.similarity_search(question, k=1)
    return {"found": True, "answer": doc.page_content,
            "sources": [{"title": doc.metadata["title"], "published": doc.metadata["published"],
                         "quote": doc.page_content}],
            "took_ms": (time.perf_counter() - started) * 1000}


if __name__ == "__main__":
    command, folder = sys.argv[1], Path(sys.argv[2])
    if command == "build":
        build(folder)
    else:
        print(json.dumps(ask(open_store(folder), sys.argv[3]), ensure_ascii=False))
