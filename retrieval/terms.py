"""What a question is about: its content words and the names it mentions, for evidence checks.

Questions are segmented with jieba, using a compact dictionary built with each index (jieba's common words, the
corpus's own words and the synonym keys) so a one-shot `ask` does not pay for loading jieba's full dictionary.
"""
from __future__ import annotations

import contextlib
import marshal
import os
import re
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from retrieval.lexical import STOPWORDS, chinese_count, normalize

COMMON_WORD_FREQ = 300  # jieba dictionary words at least this frequent go into every index's vocabulary
_NAME_FLAGS = ("ns", "nr", "nrt", "nt", "nrfg")
# Tagged as names in jieba's dictionary but generic in questions.
_GENERIC_NAMES = frozenset("城市 全国 中央 国家 地方 政府 省级 市级 县级 部门".split())
_FUNCTION_CHARS = frozenset("个只次位件份张篇封种类年月日天号点时分这那哪谁啥么吗呢吧啊呀的地得了着过和与及或在从向把被给对为以而且但由来去将要会能可应该是有做让使向跟同于比等就都也还再又到")
_GENERIC_CHARS = frozenset("省市县区各全本该")
_ASKED_NUMBER = re.compile(r"发文字号|文号")  # asks for a 〔2026〕41号, which no passage calls so
# 「会不会」「要不要」「需不需要」「符不符合」 ask yes or no as 是否 does; segmented 会 / 不会 they would leave 「不会」
# as a topic
A_NOT_A = re.compile(r"([\u4e00-\u9fff])不\1(?:(?<=需不需)要|(?<=愿不愿)意|(?<=允不允)许|(?<=可不可)以|(?<=应不应)该|"
                     r"(?<=同不同)意|(?<=符不符)合|(?<=属不属)于)?")
_DIGITS = re.compile(r"\d+(?:\.\d+)?")
_CJK_OR_WORD = re.compile(r"[\u3400-\u9fff]|[a-z0-9]")
# 哪/几 + a measure word (哪个 哪家 哪艘 几年…) and 多 + an adjective (多久 多长…) are question words too.
_MEASURED_QUESTION = re.compile(r"^(?:[哪几][\u4e00-\u9fff]|多(?:久|长|大|少|高|远|重))$")
_HOW_MUCH = frozenset({"多长", "多少", "多久"})
_MEASURES = frozenset("个只次位件份张篇种类项家批级条所届期块笔座栋处台辆片间款场")
_WHICH = frozenset({"哪个", "哪", "什么", "啥", "哪一"})
_SPAN_WORDS = frozenset({"时间", "时间段", "时段", "段", "段时间"})
_SHARE_WORDS = frozenset({"比重", "比例", "占比", "份额"})
_ONE_MEASURE = re.compile(r"^一[个只次位件份张篇种类项家批级条所届期天年方面]{1,2}$")
_QUESTION_WORDS = frozenset("什么样 怎么样 为啥 干嘛 能否 可否 "
                            "是否 会不会 能不能 可不可以 有何 有无 一共 总共 共计 总计 到底 究竟 目前 现在 已经 叫 名字 "
                            "行不行 不行 行 成不成".split())
# Question words that mark where the asked thing sits, and vague words that are never the focus.
_ASKING = frozenset("谁 哪 哪些 哪个 哪位 哪家 哪里 哪儿 哪天 哪年 什么 啥 多少 几 几个 多久 多长 多大 怎么 怎样 如何 为什么 为何 "
                    "为啥 何时 是否 能否 吗 么".split())
_VAGUE = frozenset("具体 大概 大约 一共 总共 最多 最少 主要 一般 通常 现在 目前 到底 究竟 可以 能 要 需要 应该 "
                    "达到 满足 符合".split())
_lock = threading.Lock()
_NAMES: frozenset[str] | None = None
_PLACES: frozenset[str] | None = None
_PLAIN_PLACES: frozenset[str] | None = None


@dataclass(frozen=True)
class QuestionTerms:
    """Content words of a question and, among them, place/person/organisation names."""

    words: tuple[str, ...]
    names: tuple[str, ...]
    forms: dict[str, tuple[str, ...]] = field(default_factory=dict)  # word -> how the documents may write it
    crosslingual: bool = False
    focus: tuple[str, ...] = ()  # the content words next to the question word (组长 in 「组长是谁」)

    def found_in(self, text: str) -> list[str]:
        """The question's words that the (normalised) text contains, in any of their forms."""
        return [w for w in self.words if any(mentions(text, f) for f in self.forms.get(w, (w,)))]

    def search_text(self) -> str:
        """Text for lexical search: every word in all its forms."""
        return " ".join(f for w in self.words for f in self.forms.get(w, (w,)))


class CommonWords:
    """Membership in a reader's dictionary (`in`), looked up lazily."""

    def __init__(self, reader: "QuestionReader") -> None:
        self.reader = reader

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self.reader.is_common_word(word)


class QuestionReader:
    """Segments questions (jieba with the index's vocabulary) and finds their content words and names."""

    def __init__(self, vocabulary: Path | None = None, synonyms: dict[str, list[str]] | None = None) -> None:
        import jieba

        jieba.setLogLevel(60)
        has_vocabulary = vocabulary is not None and vocabulary.exists()
        self.tokenizer = jieba.Tokenizer(str(vocabulary)) if has_vocabulary else jieba.Tokenizer()
        self.cache_dir = vocabulary.parent if vocabulary is not None else None
        if has_vocabulary:  # jieba's cache lives (and is deleted) with the index, not in the system temp folder
            self.tokenizer.cache_file = str(vocabulary.with_suffix(".cache"))
        self.tokenizer.tmp_dir = str(self.cache_dir) if self.cache_dir else None
        self.synonyms = synonyms or {}
        self._ready = False

    def warm_up(self) -> None:
        """Load the dictionaries now instead of at the first question."""
        with _lock:  # jieba initialises lazily and not thread-safely
            if not self._ready:
                self.tokenizer.initialize()
                self._ready = True
        proper_names(self.cache_dir)

    def is_common_word(self, word: str) -> bool:
        """True for a word of the segmenter's dictionary (支持 is one; a place it does not know, 江临, is not)."""
        self.warm_up()
        return self.tokenizer.FREQ.get(word, 0) > 0

    @property
    def vocabulary(self) -> "CommonWords":
        """The segmenter's dictionary as a container: `word in reader.vocabulary`."""
        return CommonWords(self)

    def add_word(self, word: str) -> None:
        """Teach the segmenter a word of the documents (a place name jieba does not know)."""
        self.warm_up()
        with _lock:
            self.tokenizer.add_word(word)

    def _tokens(self, text: str) -> list[str]:
        """Segmented text, HMM glue undone."""
        return [piece for token in self.tokenizer.lcut(text)
                for piece in _unglued(token, self.is_common_word(token))]

    def terms(self, question: str) -> QuestionTerms:
        """Content words (no stopwords or question words), proper names, and the documents' synonyms of words."""
        self.warm_up()
        names_known = proper_names(self.cache_dir)
        words, names, sequence = [], [], []
        previous = ""
        for token in self._tokens(A_NOT_A.sub(" 是否 ", _ASKED_NUMBER.sub(" ", normalize(question)))):
            before, previous = previous, token
            if ((before == "哪" and (_ONE_MEASURE.match(token) or token in _MEASURES))
                    or (before in _HOW_MUCH and token == "时间")):
                continue  # 「哪一类」「哪块钱」「多长时间」 are segmented 哪 + 一类, 哪 + 块, 多长 + 时间: the second word asks too
            if before in ("最后", "倒数") and token in ("一名", "一位", "一个", "一"):
                continue  # 「排名最后一名」 asks for the last place, not for 「第1名」
            if token == "占" or (before in _HOW_MUCH and token in _SHARE_WORDS):
                continue  # 「占多少比重」 asks for a share, which 「约40%是制造业企业」 gives without the words
            if (before in _WHICH or before in _SPAN_WORDS) and token in _SPAN_WORDS:
                previous = "时间"
                continue  # 「哪个时间段」「什么时段」 ask for dates, as 「什么时候」 does
            if token in _ASKING:
                sequence.append(None)
            piece = token.strip()
            word = piece if self.is_common_word(piece) else _trim(piece)
            if (not word or word in STOPWORDS or word in _QUESTION_WORDS or _MEASURED_QUESTION.match(word)
                    or not _CJK_OR_WORD.search(word)):
                continue
            if (len(word) == 1 and word in _GENERIC_CHARS) or all(ch in _FUNCTION_CHARS for ch in word):
                continue  # 「是从」「对吧」: function words glued together carry no topic
            sequence.append(word)
            if word not in words:
                words.append(word)
            if word in names_known and word not in _GENERIC_NAMES and word not in names:
                names.append(word)
        forms = {w: (w, *self.synonyms[w]) for w in words if w in self.synonyms}
        for w in words:  # 「三年」 is written 「3年」 in the documents
            digits = _in_digits(w)
            if digits:
                forms[w] = (*forms.get(w, (w,)), *digits)
        return QuestionTerms(tuple(words), tuple(names), forms, focus=_focus(sequence))


_ORDINAL = re.compile(r"^第([一二两三四五六七八九十]{1,3})(名|位|批|期|届|次|轮|条|项|章|节|款)?$")
_ORDINAL_MEASURES = ("名", "位", "批", "期", "届", "次", "轮")
_COUNTED = re.compile(r"^([一二两三四五六七八九十]{1,3})(多|来|余)?"
                     r"(个月|年|个|月|天|日|家|项|名|人|批|次|条|类|种|所|位|期|届|周|倍|岁|级|轮|档)$")


def _in_digits(word: str) -> tuple[str, ...]:
    """A counted word with its Chinese numeral in digits (三年 -> 3年, 十二个 -> 12个; 六十来家 -> 60多家, 60余家…), an
    ordinal as the documents number places and batches (第一 -> 第1名, 第1批…); () when it has none."""
    ordinal = _ORDINAL.match(word)
    place = chinese_count(ordinal.group(1)) if ordinal else 0
    if place > 0:  # 「排名第一」 is the line 「第1名」, not 「第10名」
        return tuple(f"第{place}{measure}" for measure in ((ordinal.group(2),) if ordinal.group(2) else _ORDINAL_MEASURES))
    m = _COUNTED.match(word)
    value = chinese_count(m.group(1)) if m else 0
    if value <= 0:
        return ()
    if m.group(2):  # 「六十来家」 is how a chat says 「60多家」
        return tuple(f"{value}{about}{m.group(3)}" for about in ("多", "余", "来"))
    return (f"{value}{m.group(3)}",)


def _unglued(token: str, known: bool) -> list[str]:
    """jieba's HMM glues a word's last character to a function word (试点期到 -> 试点 / 期到): an unknown
    two-character token holding a function character is split back into characters."""
    if len(token) == 2 and not known and any(ch in _FUNCTION_CHARS for ch in token):
        return list(token)
    return [token]


def _focus(sequence: list[str | None]) -> tuple[str, ...]:
    """The content words right before and after the first question word."""
    if None not in sequence:
        return ()
    k = sequence.index(None)
    before = next((w for w in reversed(sequence[:k]) if w is not None), None)
    after = next((w for w in sequence[k + 1:] if w is not None), None)
    return tuple(w for w in (before, after) if w and w not in _VAGUE)


def build_vocabulary(corpus_text: str, synonyms: dict[str, list[str]], path: Path) -> int:
    """Write the jieba dictionary for one index: common words, the corpus's words and synonym keys."""
    import jieba

    jieba.setLogLevel(60)
    full = jieba.Tokenizer()
    full.tmp_dir = str(path.parent)  # jieba's cache of its own dictionary: beside the index, not in /tmp
    full.initialize()
    keep: dict[str, int] = {w: f for w, f in full.FREQ.items() if f >= COMMON_WORD_FREQ}
    for word in full.lcut_for_search(corpus_text):
        if len(word) > 1 and full.FREQ.get(word):
            keep[word] = max(full.FREQ[word], keep.get(word, 0))
    for word in [*synonyms, *(v for values in synonyms.values() for v in values)]:
        keep.setdefault(word, COMMON_WORD_FREQ)
    tmp = path.with_suffix(".tmp")
    tmp.write_text("".join(f"{w} {f}\n" for w, f in keep.items() if " " not in w), encoding="utf-8")
    tmp.replace(path)
    return len(keep)


def proper_names(cache_dir: Path | None = None) -> frozenset[str]:
    """Place, person and organisation names from jieba's dictionary (tags ns/nr/nt), cached on disk in
    `cache_dir` (the index's folder; the system temp folder only when there is none)."""
    global _NAMES
    if _NAMES is None:
        with _lock:
            if _NAMES is None:
                _NAMES = _load_names(cache_dir or Path(tempfile.gettempdir()))
    return _NAMES


def place_names(cache_dir: Path | None = None) -> frozenset[str]:
    """Place names (tag ns) from jieba's dictionary, cached like proper_names."""
    global _PLACES
    if _PLACES is None:
        with _lock:
            if _PLACES is None:
                _PLACES = _load_names(cache_dir or Path(tempfile.gettempdir()), flags=("ns",), proper_only=True)
    return _PLACES


def unambiguous_place_names(cache_dir: Path | None = None) -> frozenset[str]:
    """Place names that are no ordinary word in any sense (江苏, but not 新建 「newly built」, also a county)."""
    global _PLAIN_PLACES
    if _PLAIN_PLACES is None:
        with _lock:
            if _PLAIN_PLACES is None:
                _PLAIN_PLACES = _load_names(cache_dir or Path(tempfile.gettempdir()), flags=("ns",),
                                            proper_only=True, strict=True)
    return _PLAIN_PLACES


def _load_names(cache_dir: Path, flags: tuple[str, ...] = _NAME_FLAGS, *, proper_only: bool = False,
                strict: bool = False) -> frozenset[str]:
    """Words of jieba's dictionary tagged with one of `flags`; with `proper_only`, without those CC-CEDICT knows
    only as ordinary words (jieba tags 东西 「thing」 and 江湖 as places); `strict`: nor any it knows as one."""
    import jieba

    source = Path(jieba.__file__).with_name("dict.txt")
    kind = "-".join(flags) + ("-proper" if proper_only else "") + ("-strict" if strict else "")
    cache = cache_dir / f"hr-pilot-names-{kind}-{int(source.stat().st_mtime)}.marshal"
    try:
        return frozenset(marshal.loads(cache.read_bytes()))
    except (OSError, ValueError, EOFError, TypeError):
        pass
    names = []
    with open(source, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) == 3 and parts[2] in flags and len(parts[0]) >= 2:
                names.append(parts[0])
    if proper_only:
        from retrieval.glossary import ordinary_words

        ordinary = ordinary_words(with_names=strict)
        names = [n for n in names if n not in ordinary]
    with contextlib.suppress(OSError):
        tmp = cache.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(marshal.dumps(names))
        os.replace(tmp, cache)
    return frozenset(names)


def english_terms(question: str, glossary: dict[str, list[str]],
                  synonyms: dict[str, list[str]] | None = None) -> QuestionTerms:
    """Content words of an English question, each with the corpus's Chinese words that translate it (and the
    admins' synonyms of English abbreviations: HR, AI)."""
    from retrieval.glossary import english_spans, english_words, translations

    synonyms = synonyms or {}
    words = tuple(english_words(question))
    forms = {w: tuple(dict.fromkeys([*translations(w, glossary), *synonyms.get(w, ())])) for w in words}
    spans = tuple(english_spans(question))  # 「the first four months」 as the documents write it: 前4个月
    words, forms = words + spans, {**forms, **{w: (w,) for w in spans}}
    # Chinese names quoted in an English question (the “雁归榆陵” action) are words the documents use as written
    quoted = tuple(dict.fromkeys(w for w in re.findall(r"[\u3400-\u9fff]{2,}", question) if w not in forms))
    return QuestionTerms(words + quoted, (), {**forms, **{w: (w,) for w in quoted}}, crosslingual=True)


def _trim(word: str) -> str:
    """Drop function characters that jieba's HMM glued onto an unknown word (金民锡是 -> 金民锡)."""
    while len(word) >= 3 and word[-1] in _FUNCTION_CHARS | STOPWORDS:
        word = word[:-1]
    while len(word) >= 3 and word[0] in _FUNCTION_CHARS | STOPWORDS:
        word = word[1:]
    return word


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


_LATIN_END = re.compile(r"^[A-Za-z0-9]|[A-Za-z0-9]$")


def mentions(text: str, word: str) -> bool:
    """True when the text contains the word, or both halves of a long compound word; a number only whole (the 1
    of 「包1」 is not in 「2023年」)."""
    if _DIGITS.fullmatch(word):
        return bool(re.search(rf"(?<![\d.]){re.escape(word)}(?![\d.])", text))
    if _LATIN_END.search(word):  # 「AA级」 is not in 「AAA级」
        before = r"(?<![A-Za-z0-9])" if word[0].isascii() and word[0].isalnum() else ""
        after = r"(?![A-Za-z0-9])" if word[-1].isascii() and word[-1].isalnum() else ""
        return bool(re.search(f"{before}{re.escape(word)}{after}", text))
    if word in text:
        return True
    if len(word) >= 4:
        half = len(word) // 2
        return word[:half] in text and word[half:] in text
    return False
