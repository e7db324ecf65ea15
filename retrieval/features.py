"""Evidence features of one (question, candidate chunk) pair: what the learned decision ranks and gates on.

BM25 finds candidates but is not a feature: with it the cross-validated decision was worse (bench/RESULTS.md)."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np

from retrieval.asking import CHUNK_EVIDENCE, Asked, band_holds, valued_numbers
from retrieval.lexical import chinese_count, normalize
from retrieval.models import Chunk
from retrieval.official import CREDIT_ROLES
from retrieval.terms import QuestionTerms, mentions

FEATURES = (
    "dense", "dense_gap", "dense_rank",
    "cover_context", "cover_own", "missing_rare", "bigram_cover", "title_cover",
    "kind_hint", "meta_match", "meta_unasked", "question_sentence", "length",
    "place_about", "local_no_place", "english", "english_dense", "is_item",
    "numbers_missing", "missing_known", "unknown_share", "focus_cover", "hard_kind_met",
)
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
# A number and what it counts or dates (「9月底」「第四季度」「第二次」): 9 in 「增加9家」 is not the 9月 asked about.
_QUALIFIED = re.compile(r"(?<![\d.])(\d+|[一二三四五六七八九十]{1,3}|首)(个月|月|季度|次|场|批|期|届|年|号|日)")
_SAME_UNIT = {"号": "日", "个月": "月"}
_SOFT_KINDS = ("person", "organisation", "place", "reason", "purpose", "consequence")
_HEADED_KINDS = ("reason", "purpose", "consequence")  # kinds a heading can name for the passages under it
# How officials ask for a document's metadata lines (vocabulary of official documents, not of one document).
META_WORDS = {"成文日期": "印发日期 发文日期 发布日期 签发日期 落款日期", "主送": "主送单位 发给 发送 下发 印发给",
              "抄送": "抄送单位 抄报", "发文机关": "发文单位 印发 发布 签发 联合发文 编印 编发", "文号": "发文字号 编号",
              "报送": "报送单位 报给 呈报 上报", "期号": "第几期 期数", "联系人": "联系电话 联系方式 咨询",
              "记者": "作者 撰稿 署名", "讲话人": "讲话 发言 致辞 主讲", "编辑": "责任编辑 责编", "作者": "绘图 摄影", "电头": "发稿日期 电讯", "发布日期": "发布时间 公布日期 公开日期",
              "时间地点": "召开 举行 开会 会议时间 会议地点 地点 时间", "签发人": "签发 签批 签字",
              "审核": "审核人 审签 终审 审定 把关", "校对": "校对人 校稿"}
_META_FOR_KIND = {"person": ("记者", "作者", "联系人", "编辑", "讲话人", "签发人", "审核", "校对"),
                  "name": ("记者", "作者", "联系人", "编辑", "讲话人", "签发人", "审核", "校对"),
                  "date": ("成文日期", "电头", "发布日期", "时间地点"), "organisation": ("发文机关", "主送", "报送"),
                  "year": ("成文日期",), "ordinal": ("期号",), "phone": ("联系人",), "email": ("联系人",),
                  "address": ("联系人", "时间地点"), "place": ("时间地点",)}


_NEWS_SOURCE = ("电头", "作者", "记者")
_DATELINE = re.compile(r"\d{1,2}日电")


def meta_labels(chunk: Chunk) -> set[str]:
    """What a metadata line is: its label, and a dateline too when a byline carries one
    (「新华社北京6月4日电（记者 王优玲）」 says when the story was filed as well as who wrote it); a credit line names
    each role it lists (「编辑：王敏　审核：李立」)."""
    labels = {chunk.label} | ({"电头"} if chunk.label == "记者" and _DATELINE.search(chunk.text) else set())
    if chunk.label in CREDIT_ROLES.values():
        labels |= {role for word, role in CREDIT_ROLES.items() if word in chunk.text}
    return labels


@dataclass(frozen=True)
class ChunkTexts:
    """A chunk's normalised texts: its own words (with lead-in) and its whole context (title, section)."""

    own: str
    context: str
    heading: str


def chunk_texts(chunk: Chunk, opener: str = "") -> ChunkTexts:
    """The texts features look in (opener: the clauses of its sentence before it, for a clause after a 「；」)."""
    own = normalize(f"{chunk.lead}{chunk.text}")
    heading = normalize(f"{chunk.article_title} {chunk.section} {chunk.label} {META_WORDS.get(chunk.label, '')}")
    return ChunkTexts(own, f"{heading} {normalize(opener)} {own}", heading)


class WordWeights:
    """IDF of question words over the index's chunk contexts (unknown words weigh most)."""

    def __init__(self, texts: list[ChunkTexts]) -> None:
        self.contexts = [t.context for t in texts]
        self.size = len(texts)
        self._cache: dict[tuple[str, ...], float] = {}

    def idf(self, forms: tuple[str, ...]) -> float:
        """log((N+1)/(df+0.5)) for a word in any of its forms."""
        got = self._cache.get(forms)
        if got is None:
            df = sum(1 for t in self.contexts if any(mentions(t, f) for f in forms))
            got = self._cache[forms] = math.log((self.size + 1) / (df + 0.5))
            if len(self._cache) > 50_000:
                self._cache.clear()
        return got

    @property
    def ceiling(self) -> float:
        """The weight of a word the documents never use."""
        return math.log((self.size + 1) / 0.5)


def question_words(terms: QuestionTerms) -> list[tuple[str, tuple[str, ...]]]:
    """(word, forms) pairs of a question's content words."""
    return [(w, tuple(terms.forms.get(w, (w,)))) for w in terms.words]


def _cover(words, weights: list[float], text: str) -> tuple[float, float]:
    """IDF-weighted share of the words found in text, and the largest weight of a word not found."""
    total = sum(weights) or 1.0
    found, missing = 0.0, 0.0
    for (_, forms), w in zip(words, weights):
        if forms and any(mentions(text, f) for f in forms):
            found += w
        else:
            missing = max(missing, w)
    return found / total, missing


def dated_numbers(text: str) -> set[tuple[int, str]]:
    """The (value, unit) of the dated or counted numbers of a text, Chinese numerals as figures."""
    out = set()
    for m in _QUALIFIED.finditer(text):
        number, unit = m.groups()
        ordinal = text[m.start() - 1:m.start()] == "第"
        if not ordinal and ((number == "一" and unit in ("年", "次", "个月", "日"))
                            or (number == "首" and unit in ("年", "个月", "月", "日"))):
            continue  # 「一年能拿多少」「一次性」「首月」: a span or a once, not the year or time named
        value = 1 if number == "首" else int(number) if number.isdigit() else chinese_count(number)
        if value > 0:
            out.add((value, _SAME_UNIT.get(unit, unit)))
    return out


def _bigrams(words) -> set[str]:
    out = set()
    for word, _ in words:
        if re.fullmatch(r"[\u3400-\u9fff]+", word):
            out.update(word[i:i + 2] for i in range(len(word) - 1)) if len(word) > 1 else out.add(word)
        else:
            out.add(word)
    return out


def pair_features(asked: Asked, terms: QuestionTerms, words, weights: list[float], ceiling: float,
                  chunk: Chunk, texts: ChunkTexts, *, dense: float, top_dense: float, dense_rank: int,
                  question_places: list[str], doc_places: list[str], hard_kind_met: bool = False) -> list[float]:
    """The feature vector of one candidate, in FEATURES order."""
    cover_context, missing = _cover(words, weights, texts.context)
    cover_own, _ = _cover(words, weights, texts.own)
    title_cover, _ = _cover(words, weights, texts.heading)
    grams = _bigrams(words)
    bigram_cover = sum(1 for g in grams if g in texts.context) / len(grams) if grams else 0.0
    soft = [k for k in _SOFT_KINDS if k in asked.kinds]
    # the heading a passage stands under may say what it is (「一、评估目的」 over 「通过评估，全面掌握…」)
    heading = chunk.section.split(" ")[-1] if chunk.kind != "meta" else ""
    kind_hint = (sum(1 for k in soft if CHUNK_EVIDENCE[k].search(chunk.text)
                     or (k in _HEADED_KINDS and CHUNK_EVIDENCE[k].search(heading))) / len(soft) - 0.5) if soft else 0.0
    is_meta = chunk.kind == "meta"
    labels = {label for k in asked.kinds for label in _META_FOR_KIND.get(k, ())}
    if "metadata" in asked.kinds and "organisation" in asked.kinds:
        labels |= set(_NEWS_SOURCE)  # 「这张图是哪家发的」: 「新华社发　王斌　作」
    # A metadata question (「那份通知是哪天印发的」) wants the line of the kind asked, any line when it names none.
    meta_match = is_meta and (bool(meta_labels(chunk) & labels) or ("metadata" in asked.kinds and not labels))
    english = 1.0 if terms.crosslingual else 0.0
    qualified = dated_numbers(asked.text)
    numbers = set(_NUMBER.findall(_QUALIFIED.sub(" ", asked.text)))
    banded = {n for n, value, unit in valued_numbers(asked.text) if band_holds(value, unit, texts.own)}
    # whole numbers: 10亿元 is not in 「1000万元」; 85分 is in 「80分以上、不足90分」
    missing_numbers = sum(1 for n in numbers if n not in banded
                          and not re.search(rf"(?<![\d.]){re.escape(n)}(?![\d.])", texts.context))
    missing_numbers += len(qualified - dated_numbers(texts.context))
    numbers_missing = missing_numbers / (len(numbers) + len(qualified)) if numbers or qualified else 0.0
    known = [(wf, w) for wf, w in zip(words, weights) if w < ceiling - 1e-9]
    missing_known = max((w for (_, forms), w in known if not any(mentions(texts.context, f) for f in forms)),
                        default=0.0)
    unknown_share = (len(words) - len(known)) / len(words) if words else 0.0
    focus = [f for f in terms.focus if f]
    focus_cover = (sum(1 for f in focus if any(mentions(texts.context, x) for x in terms.forms.get(f, (f,))))
                   / len(focus) - 0.5) if focus else 0.0
    return [
        dense, dense - top_dense, 1.0 / (1 + dense_rank),
        cover_context, cover_own, missing / ceiling if ceiling else 0.0, bigram_cover, title_cover,
        kind_hint, float(meta_match), float(is_meta and not meta_match),
        float(chunk.text.endswith(("？", "?"))), math.log(1 + len(chunk.text)) / 6,
        float(bool(question_places) and any(p in doc_places for p in question_places)),
        float(not question_places and bool(doc_places)), english, english * dense,
        float(chunk.kind in ("item", "row")),
        numbers_missing, missing_known / ceiling if ceiling else 0.0, unknown_share, focus_cover,
        float(hard_kind_met),
    ]


def as_matrix(rows: list[list[float]]) -> np.ndarray:
    """Rows of features as a float matrix (0 × len(FEATURES) when empty)."""
    return np.asarray(rows, dtype=np.float64).reshape(-1, len(FEATURES))
