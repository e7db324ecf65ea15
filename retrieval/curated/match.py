"""Matching a question to the curated questions: the same normalised text, else an e5 query–query similarity above
the calibrated floor between questions that ask for the same kind of thing (a date, an amount, who, why…)."""
from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from retrieval.asking import hard_kinds, places_in, read_question, strip_politeness
from retrieval.lexical import normalize
from retrieval.user_input import clean_text

if TYPE_CHECKING:
    from retrieval.answer import Answerer

# Question words a paraphrase must share besides the hard kind (date, amount, period…): asking "who" is not
# asking "why". Lists and yes/no are left out: 「有哪些」 and 「支持吗」 often ask the same thing.
_WH_KINDS = frozenset({"person", "organisation", "place", "reason", "purpose", "method"})
_NOT_WORD = re.compile(r"[\W_]+")
_CJK_GAP = re.compile(r"(?<=[\u3400-\u9fff]) | (?=[\u3400-\u9fff])")
Signature = tuple[tuple[str, ...], frozenset[str], frozenset[str]]
Names = Callable[[str], frozenset[str]]


def question_key(text: str) -> str:
    """A question reduced for comparison: simplified Chinese, lower case, no politeness, no punctuation."""
    text = strip_politeness(normalize(unicodedata.normalize("NFKC", clean_text(text))))
    return _CJK_GAP.sub("", _NOT_WORD.sub(" ", text).strip())


def names_reader(answerer: "Answerer") -> Names:
    """The places and proper names a keyed question mentions, as the core reads them (江临市 and 江临 alike)."""
    def names(key: str) -> frozenset[str]:
        found = set(answerer.reader.terms(key).names) | set(places_in(key, answerer.known_places))
        return frozenset(n[:-1] if len(n) >= 3 and n.endswith(("省", "市", "县")) else n for n in found)
    return names


@dataclass(frozen=True)
class Phrasebook:
    """Curated questions prepared for matching: their keys, what each asks, and unit query vectors."""

    keys: tuple[str, ...]
    signatures: tuple[Signature, ...]
    vectors: np.ndarray  # (len(keys), dim), unit rows; empty when nothing is curated


class ParaphraseMatcher:
    """Scores a question against a phrasebook; vectors of curated questions are kept across reloads."""

    def __init__(self, embedder, floor: float, *, names: Names | None = None) -> None:
        self.embedder = embedder
        self.floor = floor
        self.names = names
        self._vectors: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()

    def signature(self, key: str) -> Signature:
        """What a keyed question asks for (hard answer kind, question words) and about whom (names, places):
        a paraphrase must agree on all three."""
        asked = read_question(key)
        names = self.names(key) if self.names is not None else frozenset()
        return tuple(hard_kinds(asked)), frozenset(k for k in asked.kinds if k in _WH_KINDS), names

    def vector(self, key: str, *, remember: bool = False) -> np.ndarray:
        """The unit e5 query vector of a keyed question (kept for the process when `remember`)."""
        if key in self._vectors:
            return self._vectors[key]
        vector = np.asarray(self.embedder.embed_query(key), dtype=np.float32)
        vector /= np.linalg.norm(vector) or 1.0
        if remember:
            with self._lock:
                self._vectors[key] = vector
        return vector

    def phrasebook(self, questions: list[str]) -> Phrasebook:
        """Prepare curated questions (each embedded once per process)."""
        keys = tuple(question_key(q) for q in questions)
        rows = [self.vector(k, remember=True) for k in keys]
        vectors = np.stack(rows) if rows else np.zeros((0, 0), dtype=np.float32)
        return Phrasebook(keys, tuple(self.signature(k) for k in keys), vectors)

    def scores(self, question: str, book: Phrasebook, *, remember: bool = False) -> np.ndarray:
        """Per curated question: 1.0 for the same text, the cosine when it asks the same kind of thing about the
        same names, else -1."""
        key = question_key(question)
        exact = np.array([k == key for k in book.keys], dtype=bool)
        if exact.any() or not book.keys:
            return np.where(exact, 1.0, -1.0)
        asks = self.signature(key)
        same_kind = np.array([s == asks for s in book.signatures], dtype=bool)
        if not same_kind.any():
            return np.full(len(book.keys), -1.0)
        cosine = book.vectors @ self.vector(key, remember=remember)
        return np.where(same_kind, np.minimum(cosine, 1.0), -1.0)

    def match(self, question: str, book: Phrasebook, *, exact_only: bool = False,
              remember: bool = False) -> tuple[int, float] | None:
        """(position in the phrasebook, score) of the best curated question at or above the floor, or None;
        `remember` keeps the question's vector (questions asked again and again, e.g. the review queue's)."""
        key = question_key(question)
        if not book.keys or not key:
            return None
        if exact_only:
            return next(((i, 1.0) for i, k in enumerate(book.keys) if k == key), None)
        scores = self.scores(question, book, remember=remember)
        best = int(np.argmax(scores))
        return (best, float(scores[best])) if scores[best] >= self.floor else None


_ELLIPTICAL = re.compile(r"^(那|那么|还有|另外|以及|而且|then |and |what about )")


def elliptical(question: str) -> bool:
    """A follow-up that leans on the previous answer (「那截止时间呢」): only its exact words may match."""
    return bool(_ELLIPTICAL.match(question_key(question) + " "))
