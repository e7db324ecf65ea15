"""Lexical side of search: Chinese tokenisation and a small BM25 over an inverted index."""
from __future__ import annotations

import math
import re
from collections import Counter, defaultdict

import numpy as np
import zhconv

_CJK = re.compile(r"[\u3400-\u9fff]+")
_WORD = re.compile(r"[a-z0-9]+(?:\.[0-9]+)?%?|[\u3400-\u9fff]+")
_CHAT_DAY = re.compile(r"(\d{1,2}月\d{1,2})号")

# Function words and question words that carry no topic; they would make every sentence match.
STOPWORDS = frozenset(
    "的 了 是 在 和 与 及 或 等 也 都 就 还 将 要 会 能 可 可以 吗 呢 吧 啊 么 什么 哪些 哪个 哪 哪里 怎么 怎样 如何 "
    "多少 几 谁 为什么 为何 有 有没有 没有 是否 是不是 请问 我们 你们 他们 我 你 他 她 它 这 那 这个 那个 这些 那些 "
    "一下 一些 之前 时候 情况 具体 主要 相关 问题 方面 大概 大约 左右 需要 需 应该 应当 给 对 把 被 从 向 "
    "上 中 下 内 其 之 所 以 为 而 并 又 则 但 如果 请 告诉 介绍 说说 一 个 些 该 本 今天 "
    # chat's particles and pronouns: 「评审里得了多少分」「有意见的话」「咱们这边」
    "里 里面 里头 的话 您 咱 咱们 俺 这边 那边 呗 嘛 哈 啦 哦 嗯 "
    # chat's light verbs and asides: 「这次打算选多少个城市来搞试点」「到底咋弄」
    "这次 这回 打算 准备 搞 弄 整 打 咋 啥 到底 究竟 "
    # how a process ended (「最后打了多少分」「最终定了几个城市」): the documents state the outcome without the word
    "最后 最终 "
    # spans and hedges of chat: 「一年之内」「大概多少」
    "之内 以来 大体 一共 总共 "
    # how a chat points at the text itself: 「文中说……属于哪一类」「原文怎么写」
    "文中 原文 文章 说 写 提到 "
    # a chat's degree words (「城市要是太多了」): how much, not what about; 「这事」 points back, names nothing
    "太多 太少 太久 要是 事 这事 这件事 此事 事儿 这事儿 这个事儿".split()
)


_CHINESE_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"两": 2}


def chinese_count(numeral: str) -> int:
    """The value of a small Chinese numeral (三 -> 3, 十二 -> 12, 二十 -> 20, 两 -> 2); 0 when it is not one."""
    head, ten, tail = numeral.partition("十")
    if not ten:
        return _CHINESE_DIGITS.get(numeral, 0) if len(numeral) == 1 else 0
    if len(head) > 1 or len(tail) > 1:
        return 0
    return _CHINESE_DIGITS.get(head, 1) * 10 + _CHINESE_DIGITS.get(tail, 0)


def normalize(text: str) -> str:
    """Simplified Chinese, lower case, full-width ASCII folded, chat's 7月18号 written as the documents' 7月18日."""
    text = "".join(chr(ord(ch) - 0xFEE0) if "\uff01" <= ch <= "\uff5e" else ch for ch in text)
    return _CHAT_DAY.sub(r"\1日", zhconv.convert(text, "zh-cn").lower())


def bigram_tokens(text: str) -> list[str]:
    """Character unigrams and bigrams of CJK runs, plus ASCII words and numbers."""
    tokens: list[str] = []
    for word in _WORD.findall(normalize(text)):
        if _CJK.fullmatch(word):
            tokens.extend(ch for ch in word if ch not in STOPWORDS)
            tokens.extend(word[i:i + 2] for i in range(len(word) - 1))
        else:
            tokens.append(word)
    return tokens


def jieba_tokens(text: str) -> list[str]:
    """jieba search-mode words without stopwords."""
    import jieba

    jieba.setLogLevel(60)
    return [w for w in jieba.lcut_for_search(normalize(text))
            if w.strip() and w not in STOPWORDS and _WORD.fullmatch(w)]


TOKENIZERS = {"bigram": bigram_tokens, "jieba": jieba_tokens}


class BM25:
    """Okapi BM25 with an inverted index, so scoring touches only documents sharing a token; each token's
    postings are arrays (documents, term frequencies, length norms) scored in one numpy step per token."""

    def __init__(self, documents: list[list[str]], *, k1: float = 1.2, b: float = 0.75) -> None:
        self.k1, self.b = k1, b
        self.size = len(documents)
        self.lengths = [len(d) for d in documents]
        self.avg_len = (sum(self.lengths) / self.size) if self.size else 1.0
        postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for i, doc in enumerate(documents):
            for token, tf in Counter(doc).items():
                postings[token].append((i, tf))
        self.idf = {t: math.log(1 + (self.size - len(p) + 0.5) / (len(p) + 0.5)) for t, p in postings.items()}
        self.postings = {t: self._arrays(p) for t, p in postings.items()}

    def _arrays(self, posting: list[tuple[int, int]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(document indices, term frequencies, length-normalised denominators) of one token."""
        indices = [i for i, _ in posting]
        docs = np.array(indices, dtype=np.int64)
        tfs = np.array([tf for _, tf in posting], dtype=np.float64)
        norms = tfs + self.k1 * (1 - self.b + self.b * np.array([self.lengths[i] for i in indices]) / self.avg_len)
        return docs, tfs, norms

    def scores(self, query: list[str]) -> dict[int, float]:
        """Document index -> BM25 score, for documents that share at least one query token."""
        total = np.zeros(self.size, dtype=np.float64)
        hit = np.zeros(self.size, dtype=bool)
        for token in set(query):
            idf = self.idf.get(token)
            if idf is None:
                continue
            docs, tfs, norms = self.postings[token]
            total[docs] += idf * tfs * (self.k1 + 1) / norms
            hit[docs] = True
        found = np.flatnonzero(hit)
        return dict(zip(found.tolist(), total[found].tolist()))

    def known(self, token: str) -> bool:
        """True when the token occurs anywhere in the corpus."""
        return token in self.postings

    def passages_with(self, token: str) -> int:
        """In how many passages the token occurs."""
        return len(self.postings[token][0]) if token in self.postings else 0
