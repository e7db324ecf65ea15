"""What a question is about: its content words and the names it mentions (jieba), for evidence checks."""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field

from pathlib import Path

import yaml

from retrieval.lexical import STOPWORDS, normalize

_NAME_FLAGS = ("ns", "nr", "nrt", "nt")
_CJK_OR_WORD = re.compile(r"[\u3400-\u9fff]|[a-z0-9]")
_QUESTION_WORDS = frozenset("多久 多长 几个 几年 几天 哪个 哪艘 哪家 哪位 哪年 哪月 哪天 什么样 怎么样 为啥 干嘛 能否 可否 "
                            "是否 会不会 能不能 可不可以 有何 有无".split())
_lock = threading.Lock()


@dataclass(frozen=True)
class QuestionTerms:
    """Content words of a question and, among them, place/person/organisation names."""

    words: tuple[str, ...]
    names: tuple[str, ...]
    forms: dict[str, tuple[str, ...]] = field(default_factory=dict)  # word -> how the documents may write it
    crosslingual: bool = False

    def found_in(self, text: str) -> list[str]:
        """The question's words that the (normalised) text contains, in any of their forms."""
        return [w for w in self.words if any(mentions(text, f) for f in self.forms.get(w, (w,)))]

    def search_text(self) -> str:
        """Text for lexical search: every word in all its forms."""
        return " ".join(f for w in self.words for f in self.forms.get(w, (w,)))


def _posseg():
    import jieba
    import jieba.posseg

    jieba.setLogLevel(60)
    with _lock:  # jieba initialises its dictionary lazily and not thread-safely
        jieba.initialize()
    return jieba.posseg


def warm_up() -> None:
    """Load jieba's dictionaries now (about a second) instead of at the first question."""
    list(_posseg().cut("试点城市需要具备哪些条件"))


def english_terms(question: str, glossary: dict[str, list[str]]) -> QuestionTerms:
    """Content words of an English question, each with the corpus's Chinese words that translate it."""
    from retrieval.glossary import english_words

    words = tuple(english_words(question))
    return QuestionTerms(words, (), {w: tuple(glossary.get(w, ())) for w in words}, crosslingual=True)


def question_terms(question: str, synonyms: dict[str, list[str]] | None = None) -> QuestionTerms:
    """Content words (no stopwords or question words), proper names, and the documents' synonyms of words."""
    synonyms = synonyms or {}
    words, names = [], []
    for token in _posseg().cut(normalize(question)):
        word = token.word.strip()
        if not word or word in STOPWORDS or word in _QUESTION_WORDS or not _CJK_OR_WORD.search(word):
            continue
        if len(word) == 1 and token.flag in ("m", "q", "u", "y", "r", "p", "c", "d", "uj", "ul", "x"):
            continue
        if word not in words:
            words.append(word)
        if token.flag in _NAME_FLAGS and word not in names:
            names.append(word)
    forms = {w: (w, *synonyms[w]) for w in words if w in synonyms}
    return QuestionTerms(tuple(words), tuple(names), forms)


def load_synonyms(path: Path) -> dict[str, list[str]]:
    """The admin-curated synonym list (knowledge/synonyms.yaml); missing file means none."""
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path.name}：必须是「词: [文件中的说法, ...]」的形式")
    out = {}
    for key, values in data.items():
        values = values if isinstance(values, list) else [values]
        out[normalize(str(key))] = [normalize(str(v)) for v in values if str(v).strip()]
    return out


def mentions(text: str, word: str) -> bool:
    """True when the text contains the word, or both halves of a long compound word."""
    if word in text:
        return True
    if len(word) >= 4:
        half = len(word) // 2
        return word[:half] in text and word[half:] in text
    return False
