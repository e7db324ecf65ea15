"""The extractive answerer: find candidates in scope, rank them with the learned decision, and quote the
answer verbatim with its source, or refuse honestly (with what the documents do say nearby)."""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Container
from dataclasses import dataclass, field, replace
from functools import cached_property
from datetime import date, datetime
from zoneinfo import ZoneInfo

import numpy as np

from retrieval import messages
from retrieval.asking import (CHUNK_EVIDENCE, EXACT_DAY, HARD_KINDS, NAMED_DAY, SPEECH_ASKED, Asked, band_holds, bounds_duration, counted_head,
                              counted_phrase, document_places, durations_stated,
                              injected, hard_kinds, holds_kind, kind_value, asks_rate, money_kinds, names_person, only_targets, person_names,
                              places_in, NOT_PLACE_START, NOT_IN_PLACE, GENERIC_PLACE,
                              part_of_total, post_asked, read_question, states_only_bounds, strip_politeness, sub_questions,
                              valued_numbers, years_in)
from retrieval.comparing import compared_column, compared_quote, comparison, rows_meeting, sole_figure_column
from retrieval.compose import (column_quote, compose_answer, concerning_clause, digest_quote, list_members, narrowed,
                               numbered_part, quote_of, row_cells, section_digest, source_of, trimmed_lines)
from retrieval.deadlines import Deadline, deadlines_in_text, find_dates
from retrieval.decision import DecisionModel, default_model, gate_vector
from retrieval.features import (FEATURES, WordWeights, as_matrix, chunk_texts, dated_numbers, meta_labels,
                                pair_features, question_words)
from retrieval.glossary import capitalised_words, is_english
from retrieval.lexical import bigram_tokens, normalize
from retrieval.models import Answer, Chunk, DeadlineNote, Passage, Source
from retrieval.official import CONTACT_LABEL, DOCUMENT_KINDS, TOTAL_WORDS
from retrieval.search import HybridSearch
from retrieval.spelling import Speller
from retrieval.terms import (QuestionReader, QuestionTerms, english_terms, mentions, place_names,
                             unambiguous_place_names)
from retrieval.user_input import MAX_QUESTION_CHARS  # the bot applies the same limit

POOL = 15  # candidates from each ranking (dense, lexical)
KIND_POOL = 8  # plus the most similar chunks holding the asked kind, found among the KIND_SCAN most similar
KIND_SCAN = 400
SECTION_LEADS = 3  # the most similar chunks whose sections are searched for the asked kind
SUPERSEDE_MARGIN = 0.15
SUPERSEDE_COVER = 0.15  # a newer rival states the same fact only if it holds about as many of the question's words
MAX_TWO_SENTENCES = 160  # a two-sentence quote (a sentence and the next) stays this short
LLM_LEADS = 3  # candidates whose paragraphs an LLM sees when the extractive gate refused
SUGGESTION_TRIES = 6  # topics checked (each one examination) for a refusal's suggestions
MAX_SUGGESTION_CHARS = 40
FOLLOW_UP_FLOOR = 0.1  # an elliptical follow-up inside the previous article needs only a fair ranking
CONTACT_SPAN = 12  # lines: how far below the sentence about it a contact line may sit
SECTION_FLOOR = 0.2  # 「哪些」 naming a section of the best candidate: the ranking it needs
ARTICLE_SHARE = 0.5  # the weighted share of its words a question about an article's title needs in that article
OTHER_SCOPES = 2  # besides the best answer, quotes from documents of other scopes
MIN_ASKED_CELL = 3  # characters: a cell the question quotes (持续推进, 已完成), not a 是 or a 2
OCCASION_TITLE_COVER = 0.5  # the question is about the speech or meeting of the title (推进会), not any event
OTHER_SCOPE_MARGIN = 0.15
# A clause about the asker before the question (「我是1969年10月出生的，」「我们厂2019年成立，」)
_ASKER_CLAUSE = re.compile(r"(?:^|(?<=[，,。；;]))\s*我们?[^，,。；;？?]*[，,。；;](?=.*[\u4e00-\u9fff])")
_ITEM_LABEL = re.compile(r"^(?:\d{1,2}[.、．]\s*|[（(][一二三四五六七八九十\d]{1,3}[）)]\s*)?([^：:，。；]{2,10})[：:]")
SIBLING_MARGIN = 0.05  # rows of one list this close in the ranking are told apart by the words they name
QUOTED_MARGIN = 0.15  # how far below the best a candidate holding the name a question quotes may rank
EVERY_KIND_MARGIN = 0.6  # how far below the best a candidate holding every kind a message asks may rank
DURATION_MARGIN = 0.3  # how far below the best a candidate stating a duration condition may rank and still answer
PLACE_ROW_MARGIN = 0.4  # a table row keyed by the asked place, in the column asked, is strong evidence
SATURATED, SATURATED_TIE = 0.98, 0.015  # candidates this sure and this close are tied
_TIME_WORD = re.compile(r"\d|月底|月初|月末|年底|年初|年末|旬")
# a label naming a field of a record (「答复单位」「报名时间」「联系电话」), not a topic (「国家试点城市」)
_ASKS_LAST = re.compile(r"最后一[名位个]?|倒数第一|末位|垫底|排(?:在)?最后|最末")
_RANK = re.compile(r"^第(\d{1,3})名")
_WHO_TO_CONTACT = re.compile(r"联系人|找谁|是谁|哪位")
_CONTACT_NAME_LINE = re.compile(r"^(?:会务|业务|咨询|受理)?联系人[：:]")
_FIELD_LABEL = re.compile(r"(?:单位|部门|机构|机关|人|时间|日期|时限|地点|地址|电话|邮箱|方式|金额|标准|期限|名称|对象|条件)$")
MESSAGE_MATCH = 0.9  # a resident's message this sure to be the question asked: its reply answers
LABEL_MARGIN = 0.1  # a line labelled with the question's words this close to the best goes first
COVER_SHARE = 0.6  # of the question words' weight the best holds, the share that passage must hold too
COVER_MARGIN = 0.05  # a passage this close to the best holding more of the question's words goes first
HEADING_MARGIN = 0.1  # how far below the best a passage under a heading naming what is asked may rank
ASKED_HEADING_COVER = 0.8  # how much of a question a heading that asks it must hold (IDF-weighted)
ELIGIBILITY_FLOOR = 0.2  # an eligibility question whose best candidate states the condition it concerns
_SPEECH_TAG = re.compile(r"[^，。；：“”]{0,12}(说|表示|指出|介绍|强调|告诉记者)[。．.]?|"
                         r"[^，。；：“”]{0,40}(在(?:发言|讲话|致辞|采访)中|在会上|接受采访时)(说|表示|指出|介绍|强调)[。．.]?")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_VALUED_KINDS = ("amount", "date", "period", "year")  # kinds whose figure two passages may state alike
_TITLE_YEAR = re.compile(r"20\d{2}\s*年")
_YEAR_SPAN = re.compile(r"\d{4}\s*年?\s*(?:至|到|—+|-|－|～|~)\s*\d{4}\s*年")
_SPAN_ASKED = re.compile(r"至|到|以来|累计|一共|总共|共计|合计|期间|这几年|那几年|—|-|～|~")
_ELLIPTICAL = re.compile(r"^(那|那么|还有|另外|以及|和|而且|then|and|what about)")
# A question that names a national body asks about the national documents, not a province's or city's.
_NATIONAL_BODY = re.compile(r"人社部|人力资源和?社会保障部|国务院|党中央|国家层面|国家级|国家部署|全国")
_SENT_TO = re.compile(r"(?:报|交|送|给|至|到|向|往)$")  # 「报到人社部」: the body is where a thing goes
_HEADING_NUMBER = re.compile(r"^(?:第[一二三四五六七八九十百]+[章条节]\u3000?|[（(]?[一二三四五六七八九十\d]+[）)、.．]?)")
_FOREIGN_GENERIC = frozenset("中国 全国 中央 国家 地方 政府 国务院 城市 省级 市级 县级 部门 地区 各地 全省 全市".split())
# 东北, 华东, 西部…: a region of the country, not a place a document could be about.
_REGION = re.compile(r"华?[东南西北中]{1,2}(部|方|地区)?")


def clean_question(text: str) -> str:
    """Drop control characters and collapse white space."""
    text = _CONTROL.sub(" ", unicodedata.normalize("NFKC", text or ""))
    return re.sub(r"\s+", " ", text).strip()


@dataclass
class Examination:
    """Everything the decision looks at for one question: candidates in scope and their features."""

    question: str
    asked: Asked
    terms: QuestionTerms
    places: list[str]
    unknown_place: str = ""
    indices: list[int] = field(default_factory=list)
    rows: list[list[float]] = field(default_factory=list)
    probabilities: np.ndarray = field(default_factory=lambda: np.zeros(0))
    eligible: list[bool] = field(default_factory=list)


class Answerer:
    """Turns a question into a short quoted answer, or an honest refusal."""

    def __init__(self, search: HybridSearch, by_article: dict[str, list[Chunk]], *, timezone: str,
                 glossary: dict[str, list[str]], reader: QuestionReader,
                 deadlines: list[Deadline] = (), model: DecisionModel | None = None,
                 documents: dict[str, dict] | None = None) -> None:
        self.search = search
        self.chunks = search.chunks
        self.deadlines = list(deadlines)
        self.glossary = glossary
        self.reader = reader
        self.by_article = by_article
        self.tz = ZoneInfo(timezone)
        self.model = model or default_model(search.embedder.name)
        self.openers = _openers(self.chunks)
        self._position = {c.chunk_id: i for i, c in enumerate(self.chunks)}
        self.texts = [chunk_texts(c, self.openers.get(i, "")) for i, c in enumerate(self.chunks)]
        self.weights = WordWeights(self.texts)
        documents = documents or {}
        self.doc_places = {d: document_places(m.get("doc_title", ""), m.get("publisher", ""))
                           for d, m in documents.items()}
        for c in self.chunks:
            self.doc_places.setdefault(c.doc_id, document_places(c.article_title))
        for c in self.chunks:  # a Word file added without a publisher still prints its issuer (「珩西省…厅」)
            if c.kind == "meta" and c.label == "发文机关":
                known = self.doc_places[c.doc_id]
                known += [p for p in document_places(c.text) if p not in known]
        self.known_places = self._gazetteer()
        self.speller = Speller(self.search.bm25.postings, reader.is_common_word, self.search.bm25.passages_with)
        self.speller.warm_up()  # its readings and dictionary loaded now, not at the first question
        self.plain_place_words = unambiguous_place_names(reader.cache_dir)  # loaded now, not at the first question
        for short, place in self.known_places.items():  # segment 江临市 as one word, not 江临 / 市
            reader.add_word(place)
            reader.add_word(short)
        # Datelines and bylines (新华社北京6月4日电) name where a story was filed, not what it is about.
        self._raw_article_text = {a: normalize(cs[0].article_title + "".join(c.text for c in cs if c.kind != "meta"))
                                  for a, cs in by_article.items() if cs}
        self._printed_titles = {a: _printed_title(cs) for a, cs in by_article.items()}
        # without 「和」: 人力资源和社会保障部 names the body 人力资源社会保障部 does
        self._bare_article_text = {a: t.replace("和", "") for a, t in self._raw_article_text.items()}

    def _gazetteer(self) -> dict[str, str]:
        """Short form -> place, for places the documents are about or name (江临 -> 江临市)."""
        names = {p for places in self.doc_places.values() for p in places}
        for c in self.chunks:
            text = normalize(c.text)
            names.update(p for p in places_in(text, {})
                          if self._may_be_place(p[:-1].removesuffix("自治")) or _listed_as_place(p, text))
        return {_short(p): p for p in names if len(p) >= 3}

    def _may_be_place(self, name: str) -> bool:
        """「支持市场」「按贷款市场」 hold no place 支持市 / 按贷款市: a name found in running text is a place
        only if the dictionary knows it as one, or neither it nor any two characters of it are ordinary words."""
        if name in self._place_words:
            return True
        return not any(self.reader.is_common_word(name[i:i + 2]) for i in range(len(name) - 1))

    def today(self) -> date:
        """Today in the deadlines' time zone."""
        return datetime.now(self.tz).date()

    def answer(self, question: str, *, context_article: str | None = None, today: date | None = None) -> Answer:
        """Answer one question; `context_article` is the previous turn's article for elliptical follow-ups."""
        question = clean_question(question)
        if not question:
            return Answer(found=False, answer=messages.EMPTY_QUESTION)
        if len(question) > MAX_QUESTION_CHARS:
            return Answer(found=False, answer=messages.QUESTION_TOO_LONG.format(limit=MAX_QUESTION_CHARS))
        today = today or self.today()
        if injected(question):
            return Answer(found=False, answer=messages.NOT_FOUND)
        if context_article in self.by_article and self.is_follow_up(question):
            result = self.decide(self.examine(question, article_id=context_article, today=today), today, follow_up=True)
            if result.found:
                return result
        parts = sub_questions(question)
        if len(parts) > 1:
            return self._in_parts(question, parts, today)
        return self.decide(self.examine(question, today=today), today)

    def _in_parts(self, question: str, parts: list[str], today: date) -> Answer:
        """A message asking two things gets an answer to each that the documents answer, each with its source;
        when fewer than two are answered, the answer to the message as a whole, or else the first part's."""
        answered: list[Answer] = []
        first_answered = False
        named = self._places_named(question)
        for n, part in enumerate(parts):
            # 「江临的试点期多长？申报截止哪天？」: the second part is about 江临 too.
            inherit = named and not is_english(part) and not self._places_named(part)
            result = self.decide(self.examine(f"{''.join(named)}{part}" if inherit else part, today=today), today)
            if result.found and all(result.answer != a.answer for a in answered):
                answered.append(result)
                first_answered = first_answered or n == 0
        if len(answered) < 2:
            exam = self.examine(question, today=today)
            whole = self.decide(exam, today)
            # the main ask answered with the kind of thing the message asks for (a day, an amount) beats a refusal;
            # a follow-up alone (「…吗？几月份开始报」) leans on the first
            hard = hard_kinds(exam.asked)
            if not whole.found and first_answered and hard and answered[0].sources and all(
                    holds_kind(k, answered[0].sources[0].quote, exam.asked.unit) for k in hard):
                return answered[0]
            return whole
        return Answer(found=True, answer="\n\n".join(a.answer for a in answered),
                      sources=[s for a in answered for s in a.sources], article_id=answered[0].article_id,
                      deadlines=[d for a in answered for d in a.deadlines],
                      confidence=min(a.confidence for a in answered))

    def is_follow_up(self, question: str) -> bool:
        """Short or elliptical questions lean on the previous turn's article."""
        topic = [t for t in bigram_tokens(question) if len(t) == 2 and self.search.bm25.known(t)]
        return bool(_ELLIPTICAL.match(normalize(question))) or len(question) <= 12 or len(topic) <= 2

    # --- finding and scoring candidates -------------------------------------------------------------------

    def spelled(self, question: str) -> str:
        """The question with its homophone typing slips read as the documents' words (「试点城事」: 试点城市)."""
        return self.speller.fix(question, self.reader.tokenizer.lcut(question))

    def examine(self, question: str, *, article_id: str | None = None, today: date | None = None) -> Examination:
        """Candidates in scope with their features and the model's probabilities."""
        question = self.spelled(question)
        normal = normalize(clean_question(question))
        asked = read_question(normal)
        english = is_english(question)
        terms = (english_terms(question, self.glossary, self.reader.synonyms) if english
                 else self.reader.terms(asked.text or normal))
        if {"date", "period"} & set(asked.kinds):
            # 「试点周期多长」: a word for the period the documents never use is how it asks, not what about
            unused = frozenset(w for w in _PERIOD_WORDS if self.weights.idf((w,)) >= self.weights.ceiling - 1e-9)
            terms = _without_ends(terms, _LASTING | unused if "period" in asked.kinds else frozenset())
        terms = _years_of(terms, (today or self.today()).year)
        places = self._places_named(question)
        exam = Examination(question, asked, terms, places)
        allowed = self._scope(exam, article_id)
        if allowed is None:
            return exam
        sims = self.search.similarities(question if english else (asked.text or normal))
        lexical_text = terms.search_text() if english else f"{asked.text} {terms.search_text()}"
        lex = self.search.lexical(lexical_text)
        in_scope = np.fromiter(allowed, dtype=np.int64) if allowed is not True else np.arange(len(self.chunks))
        if len(in_scope) == 0:
            return exam
        dense_order = in_scope[np.argsort(-sims[in_scope])]
        lex_scoped = {i: s for i, s in lex.items() if allowed is True or i in allowed}
        lex_order = sorted(lex_scoped, key=lex_scoped.get, reverse=True)
        dense_rank = {int(i): r for r, i in enumerate(dense_order[:4 * POOL])}
        hard = hard_kinds(asked)
        years = years_in(_ASKER_CLAUSE.sub("", asked.text))  # 「我是1969年出生的，能参加吗」: the asker's year
        pool = list(dict.fromkeys([int(i) for i in dense_order[:POOL]] + lex_order[:POOL]
                                  + self._kind_pool(dense_order, hard, asked.unit)
                                  + self._section_kin(dense_order, hard, asked.unit, allowed)
                                  + self._meta_kin(dense_order, hard, asked.unit, allowed)))
        top_dense = float(sims[dense_order[0]])
        words = _topic_words(terms, places)
        weights = [self.weights.idf(forms) for _, forms in words]
        names = _names_asked(asked)  # the kind of name the question asks for, once
        bodies = self._bodies_known(terms, pool)
        for i in pool:
            c = self.chunks[i]
            holds = self._holds(c, hard, asked.unit) and self._years_named(years, c, self.openers.get(i, ""), asked)
            exam.indices.append(i)
            exam.rows.append(pair_features(
                asked, terms, words, weights, self.weights.ceiling, c, self.texts[i], dense=float(sims[i]),
                top_dense=top_dense, dense_rank=dense_rank.get(i, 4 * POOL), question_places=places,
                doc_places=self.doc_places.get(c.doc_id, []), hard_kind_met=bool(hard) and holds))
            exam.eligible.append(holds and not _ruled_out(c, exam, exam.rows[-1], self._printed_titles.get(c.article_id, ""))
                                 and not self._lacks_names(c, exam, names)
                                 and not _another_period(c, asked, self.openers.get(i, ""))
                                 and not self._article_lacks_body(c, bodies)
                                 and not self._contact_of_another_place(i, exam))
        exam.probabilities = self.model.probabilities(as_matrix(exam.rows))
        return exam

    def _quote_of_another_place(self, quote: str, exam: Examination) -> bool:
        """A document's contact lines naming other places only, for a contact asked of a place."""
        asked = _contact_places_asked(exam)
        text = normalize(quote)
        named = {s for s in self.known_places if len(s) >= 2 and s in text} if asked else set()
        return bool(named) and not named & asked

    def _contact_of_another_place(self, i: int, exam: Examination) -> bool:
        """「蹬台县人社局的咨询电话」 is not answered by the lines of 跻安市's bureau and a park's office: a contact asked
        of a place needs a line naming it, or one naming no place (「市人社局…电话」 in that city's own notice)."""
        asked = _contact_places_asked(exam)
        if not asked:
            return False
        chunk = self.chunks[i]
        named = self._chunk_places[i] | self._section_places.get((chunk.doc_id, chunk.section), frozenset())
        return bool(self._chunk_places[i]) and not asked & named

    def _bodies_known(self, terms: QuestionTerms, pool: list[int]) -> list[tuple[str, ...]]:
        """The bodies a question names (人社部, 财政厅), each as the forms the documents may write it, that some
        candidate's article mentions."""
        named = [tuple(f.replace("和", "") for f in terms.forms.get(w, (w,))) for w in terms.words
                 if _NAMED_BODY.fullmatch(w) and w not in _NOT_BODIES and w[0] not in "省市县区本我该各全"]
        texts = [self._bare_article_text.get(a, "") for a in {self.chunks[i].article_id for i in pool}]
        return [forms for forms in named if any(f in text for text in texts for f in forms)]

    def _article_lacks_body(self, chunk: Chunk, bodies: list[tuple[str, ...]]) -> bool:
        """「人社部打算把这项试点纳进哪几条线的重点工作」 is not answered from the article on 住建部's renovation work: a
        passage whose whole article never names a body the question names (one another article names) is about
        something else."""
        text = self._bare_article_text.get(chunk.article_id, "")
        return any(not any(f in text for f in forms) for forms in bodies)

    def _lacks_names(self, chunk: Chunk, exam: Examination, wanted: str) -> bool:
        """「在挪威哪座城市举办」「第一批入选的试点城市都有哪些」「联合体的成员企业都有哪些」 want names (of the kind
        `_names_asked` says): a passage naming no place (or body, or person) but those of the question does not answer
        it, however close its topic."""
        if not wanted or (wanted != "city" and chunk.kind == "row"):  # a table's row is one of the things listed
            return False
        if chunk.kind == "meta" and wanted == "places":  # a dateline's 北京 is no city of a list
            return True
        if wanted == "persons":
            return not names_person(f"{chunk.lead}{chunk.text}")
        return not self._names_in(chunk, exam, wanted)

    def _names_listed(self, exam: Examination, k: int) -> bool:
        """「评估的是哪几个城市」 answered, on a fair ranking, by the line listing cities under a heading that names
        them (「（二）省级试点城市：鹭坪市、棠溪市。」): names of the kind asked, two or more, none the question's."""
        wanted = _names_asked(exam.asked)
        chunk = self.chunks[exam.indices[k]]
        if wanted not in ("places", "body") or exam.probabilities[k] < ELIGIBILITY_FLOOR or chunk.kind == "row":
            return False
        return (len(set(self._names_in(chunk, exam, wanted))) >= 2
                and _asked_noun(exam.asked.text) in _heading_and_text(chunk))

    def _names_in(self, chunk: Chunk, exam: Examination, wanted: str) -> list[str]:
        """The places (or, for bodies, places and bodies) a passage names that the question does not."""
        # prepositions apart, so 「拟在苇塘市举办」 reads 苇塘市 and not a place called 拟在苇塘
        text = re.sub(r"[在于拟到赴由从至和与及、]", " ", f"{chunk.lead}{chunk.text}")
        asked = ({_short(p) for p in exam.places} | set(exam.terms.words)
                 | {f for w in exam.terms.words for f in exam.terms.forms.get(w, ())})
        named = [_short(p) for p in places_in(text, self.known_places, self._place_words, self.reader.vocabulary)
                 if wanted != "city" or not p.endswith(("省", "自治区"))]  # a province is no city
        # 苇塘市: the documents' own (a 「试点城市」 is no city called 试点城)
        named += [m for m in _NAMED_CITY.findall(text) if m[0] not in NOT_PLACE_START and not m.endswith("城")
                  and not NOT_IN_PLACE.intersection(m) and m not in GENERIC_PLACE]
        named += [w for w in self.reader.tokenizer.lcut(text) if len(w) > 1 and w in self.plain_place_words
                  and not w.endswith(("国", "洲"))]  # 中国, 美国, 非洲 are no cities
        if wanted == "body":
            named += _bodies_named(self.reader.tokenizer.lcut(f"{chunk.lead}{chunk.text}"), self.reader.vocabulary)
        return [p for p in named
                if p not in asked and not any(len(a) > 1 and (p in a or a in p) for a in asked)
                and p not in exam.asked.text]

    def _places_named(self, question: str) -> list[str]:
        """The places a question names: X省/X市 and known short forms in its text without politeness, or the
        places an English question's capitalised words translate to."""
        text = (self._english_names(question) if is_english(question)
                else strip_politeness(normalize(clean_question(question))))
        return places_in(text, self.known_places, self._place_words, self.reader.vocabulary)

    def _english_names(self, question: str) -> str:
        """The Chinese names an English question's capitalised words translate to (Yunling -> 云岭市)."""
        return " ".join(f for w in capitalised_words(question) for f in self.glossary.get(w, ()))

    def _kind_pool(self, dense_order: np.ndarray, hard: list[str], unit: str) -> list[int]:
        """The most similar chunks that hold the asked kind (a date, an amount in 个…): in a large library the
        plain pool can fill with on-topic sentences that hold none."""
        if not hard:
            return []
        out: list[int] = []
        for i in dense_order[:KIND_SCAN]:
            c = self.chunks[int(i)]
            if self._holds(c, hard, unit) and not _is_question(c):
                out.append(int(i))
                if len(out) == KIND_POOL:
                    break
        return out

    def _meta_kin(self, dense_order: np.ndarray, hard: list[str], unit: str, allowed: set[int] | bool) -> list[int]:
        """The metadata lines holding the asked kind of the articles of the most similar chunks: 「那个报告文号是多少」
        is answered by the report's 文号 line, which sentences citing other documents' numbers outrank."""
        if not hard:
            return []
        articles = {self.chunks[int(i)].article_id for i in dense_order[:SECTION_LEADS]}
        return [self._position[c.chunk_id] for a in articles for c in self.by_article.get(a, [])
                if c.kind == "meta" and (allowed is True or self._position[c.chunk_id] in allowed)
                and self._holds(c, hard, unit)]

    def _section_kin(self, dense_order: np.ndarray, hard: list[str], unit: str, allowed: set[int] | bool) -> list[int]:
        """Chunks holding the asked kind in the sections of the most similar ones: under the heading
        「留言六：申请人力资源服务许可证要多长时间？」 the reply's 「压缩至3个工作日」 answers, in words unlike the question's."""
        if not hard:
            return []
        out: list[int] = []
        for i in dense_order[:SECTION_LEADS]:
            c = self.chunks[int(i)]
            for j in self._section_members.get((c.doc_id, c.section), []) if c.section else []:
                if (j not in out and (allowed is True or j in allowed) and self._holds(self.chunks[j], hard, unit)
                        and not _is_question(self.chunks[j])):
                    out.append(j)
        return out[:KIND_POOL]

    @cached_property
    def _chunk_places(self) -> list[frozenset[str]]:
        """Per chunk, the places (short forms) the documents know that its own text names."""
        shorts = [s for s in self.known_places if len(s) >= 2]
        return [frozenset(s for s in shorts if s in t.own) for t in self.texts]

    @cached_property
    def _section_places(self) -> dict[tuple[str, str], frozenset[str]]:
        """The places the passages of each (document, section) name."""
        return {key: frozenset(p for j in members for p in self._chunk_places[j])
                for key, members in self._section_members.items()}

    @cached_property
    def _asked_places(self) -> dict[int, frozenset[str]]:
        """For a passage naming no place that follows a question naming some (an interview's 「网友“绫溪HR小陈”提问：
        …有没有补贴？」 and the guest's 「按照我市的政策…」), the places of that question."""
        out: dict[int, frozenset[str]] = {}
        for members in self._section_members.values():
            asked: frozenset[str] = frozenset()
            for j in members:
                if _is_question(self.chunks[j]):
                    asked = self._chunk_places[j]
                elif self._chunk_places[j]:
                    asked = frozenset()
                elif asked:
                    out[j] = asked
        return out

    @cached_property
    def _section_members(self) -> dict[tuple[str, str], list[int]]:
        """The chunks of each (document, section), in reading order."""
        members: dict[tuple[str, str], list[int]] = {}
        for i, c in enumerate(self.chunks):
            members.setdefault((c.doc_id, c.section), []).append(i)
        return members

    @staticmethod
    def _years_named(years: set[str], chunk: Chunk, opener: str, asked: Asked) -> bool:
        """A year the question names (「到2028年」) must be named by the passage, the sentence it continues, its
        section or title, or be its document's year: a 2027 target does not answer a question about 2028. A title
        naming its year says which year the document is about (「2026年工作总结」, published in 2027)."""
        if not years:
            return True
        own_year = "" if _TITLE_YEAR.search(chunk.article_title) else chunk.published[:4]
        where = f"{chunk.article_title}{chunk.section}{chunk.lead}{opener}{chunk.text}{own_year}"
        if not all(y in where for y in years):
            return False
        # 「2024年改造了多少」 is not answered by a total over 「2019年至2024年」, unless a span is asked about
        if "amount" not in asked.kinds or len(years) != 1 or _SPAN_ASKED.search(asked.text):
            return True
        return _outside_spans(next(iter(years)), where)

    @staticmethod
    def _holds(chunk: Chunk, hard: list[str], unit: str) -> bool:
        """The chunk (with its lead-in, unless metadata) holds every hard kind asked for."""
        # a metadata line reads with its label: 「钟明远　0619-…」 under 联系人 names the 联系人
        text = f"{chunk.lead}{chunk.text}" if chunk.kind != "meta" else f"{chunk.label}：{chunk.text}"
        return all(holds_kind(k, text, unit) for k in hard)

    def _scope(self, exam: Examination, article_id: str | None) -> set[int] | bool | None:
        """Chunk indices a question may be answered from (True: all); None when it names a place no
        document is about or mentions."""
        if article_id:
            return {i for i, c in enumerate(self.chunks) if c.article_id == article_id}
        allowed: set[int] = set()
        unknown: list[str] = []  # refused only when no place named is known: 「浙江和江苏哪个…」 is about 浙江
        asked = normalize(exam.question)
        beyond_asker = _ASKER_CLAUSE.sub("", asked)
        for place in exam.places:
            short = _short(place)
            about = {d for d, ps in self.doc_places.items() if place in ps}
            hits = {i for i, c in enumerate(self.chunks)
                    if c.doc_id in about or short in self.texts[i].context}
            if not hits and short in asked and short not in beyond_asker:
                continue  # 「我是江苏一家人力资源公司的老板，通知里…」: where the asker is from, not what is asked
            if not hits:
                unknown.append(place)
            # a passage naming no place speaks of the one place its section names (a 留言's reply: 「我县承诺…」)
            sections = {(c.doc_id, c.section) for c in (self.chunks[i] for i in hits)
                        if c.section and c.doc_id not in about}
            hits |= {j for key in sections if self._section_places[key] <= {short}
                     for j in self._section_members[key] if not self._chunk_places[j]}
            hits |= {j for j, named in self._asked_places.items() if short in named}
            allowed |= hits
        dateline = "metadata" in exam.asked.kinds  # 「哪天从北京发出的电稿」 asks about the dateline itself
        for name in self._foreign_names(exam):
            if name not in self._corpus_text and not (dateline and name in self._meta_text):
                if name in beyond_asker or name not in asked:
                    unknown.append(name)
                continue
            articles = {a for a, t in self._article_text.items() if name in t}
            if dateline:
                articles |= {a for a, t in self._article_meta.items() if name in t}
            hits = {i for i, c in enumerate(self.chunks) if c.article_id in articles}
            allowed = (allowed & hits) if allowed else hits
        if unknown and not allowed:
            exam.unknown_place = unknown[0]
            return None
        if not exam.places and not allowed and _national_named(exam.asked.text):
            if self._national and len(self._national) < len(self.chunks):  # 「按人社部的通知」: national documents
                return set(self._national)
        return allowed if (exam.places or allowed) else True

    def _foreign_names(self, exam: Examination) -> list[str]:
        """Place names in the question from jieba's dictionary (ns), other than the X省/X市 handled above."""
        return [w for w in exam.terms.words if len(w) >= 2 and w not in _FOREIGN_GENERIC and not _REGION.fullmatch(w)
                and f"{w}时间" not in exam.asked.text
                and not any(w in p or p.startswith(w) for p in exam.places) and w in self.plain_place_words]

    @cached_property
    def _article_text(self) -> dict[str, str]:
        """Each article's text for place checks, time-zone phrases (北京时间 6月5日) taken out: they name no place."""
        def drop(text: str) -> str:
            for m in reversed(list(re.finditer("时间", text))):
                name = next((text[m.start() - n:m.start()] for n in (2, 3)
                             if text[m.start() - n:m.start()] in self._place_words), "")
                if name:
                    text = text[:m.start() - len(name)] + text[m.end():]
            return text
        return {a: drop(t) for a, t in self._raw_article_text.items()}

    @cached_property
    def _national(self) -> frozenset[int]:
        """Chunks of documents about no one place (the ministry's notice, national news)."""
        return frozenset(i for i, c in enumerate(self.chunks) if not self.doc_places.get(c.doc_id))

    @cached_property
    def _corpus_text(self) -> str:
        return " ".join(self._article_text.values())

    @cached_property
    def _article_meta(self) -> dict[str, str]:
        """Each article's metadata lines (bylines, datelines), where a place names where a story was filed."""
        out: dict[str, str] = {}
        for c in self.chunks:
            if c.kind == "meta":
                out[c.article_id] = out.get(c.article_id, "") + normalize(c.text)
        return out

    @cached_property
    def _meta_text(self) -> str:
        return " ".join(self._article_meta.values())

    @cached_property
    def _place_words(self) -> frozenset[str]:
        return place_names(self.reader.cache_dir)

    # --- deciding and composing ---------------------------------------------------------------------------

    def best(self, exam: Examination) -> int | None:
        """Position (in exam.indices) of the best eligible candidate, or None."""
        order = [int(k) for k in np.argsort(-exam.probabilities) if exam.eligible[k]]
        if not order:
            return None
        # among candidates the ranking is all but sure of (0.998, 0.993, 0.987), the one that is the asked kind
        # exactly goes first: under a heading naming it (「一、会议时间」), or a day rather than 「10月中旬」
        tied = [k for k in order if exam.probabilities[k] >= exam.probabilities[order[0]] - SATURATED_TIE]
        if len(tied) > 1 and exam.probabilities[order[0]] >= SATURATED:
            first = max(tied, key=lambda k: (self._kind_heading(exam, k), self._gives_reason(exam, k),
                                             self._exact_day(exam, k),
                                             self._total_for_total(exam, k), self._whole_count(exam, k),
                                             self._places_listed(exam, k), -tied.index(k)))
            # then, among sentences of its own paragraph, the one holding more of the question's words (「最多」:
            # 「每家机构每年度…最高不超过50万元」, not 「按每人300元给予…补贴」)
            words = _topic_words(exam.terms, exam.places)
            top = self.chunks[exam.indices[first]]
            fellows = [k for k in tied if k == first or self._same_paragraph(top, self.chunks[exam.indices[k]])]
            first = max(fellows, key=lambda k: (self._gives_reason(exam, k),
                                                round(self._named_weight(words, self.chunks[exam.indices[k]].text), 6),
                                                k == first))
            order = [first, *[k for k in order if k != first]]
        for choose in (self._quoted_name, self._every_kind, self._duration_condition, self._negated_status,
                       self._condition_on_asker, self._place_row, self._valued_row, self._table_total,
                       self._headed_by_topic_and_kind, self._labelled_as_asked, self._fuller_cover,
                       self._contact_first):
            k = choose(exam, order)
            if k is not None:  # a position, which may be 0
                return k
        return self._named_sibling(exam, order)

    def _contact_first(self, exam: Examination, order: list[int]) -> int | None:
        """「这事该找谁咨询」「写错了找谁更正」: the best-ranked line naming a contact person (「联系人：蒋丽华」) under a
        contacts heading goes first, when the best is none."""
        if not _CONTACT_ASKED.search(exam.asked.text) or self._contact_line(exam, order[0]):
            return None
        return next((k for k in order if self._contact_line(exam, k)), None)

    def _contact_line(self, exam: Examination, k: int) -> bool:
        """Whether candidate k, on a fair ranking, names a contact person under a heading about contacts."""
        chunk = self.chunks[exam.indices[k]]
        return (bool(_CONTACT_ASKED.search(exam.asked.text)) and exam.probabilities[k] >= ELIGIBILITY_FLOOR
                and "联系" in chunk.section.split(" ")[-1] and bool(CONTACT_LABEL.search(chunk.text)))

    def _gives_reason(self, exam: Examination, k: int) -> bool:
        """For 「为啥暴跌」, whether candidate k gives a reason (「…是导致5月销售惨淡的原因之一」), not the fact."""
        return "reason" in exam.asked.kinds and bool(CHUNK_EVIDENCE["reason"].search(self.chunks[exam.indices[k]].text))

    def _headed_by_topic_and_kind(self, exam: Examination, order: list[int]) -> int | None:
        """「公示到哪天截止」 is answered under 「四、公示时间」 (a heading naming the asked kind and a word of the
        question) when that ranks near the best and the best stands under no such heading."""
        words = _topic_words(exam.terms, exam.places)

        def headed(k: int) -> bool:
            heading = self.chunks[exam.indices[k]].section.split(" ")[-1]
            return self._kind_heading(exam, k) and _holds_a_word(heading, words)

        if headed(order[0]):
            return None
        floor = exam.probabilities[order[0]] - HEADING_MARGIN
        return next((k for k in order if exam.probabilities[k] >= floor and headed(k)), None)

    def _labelled_as_asked(self, exam: Examination, order: list[int]) -> int | None:
        """「那条留言是哪个单位答复的」 is answered by the line labelled with the question's own words (「答复单位：…」),
        when it ranks near the best and the best is labelled otherwise or not at all."""
        if self._asked_label(exam, order[0]):
            return None
        floor = exam.probabilities[order[0]] - LABEL_MARGIN
        return next((k for k in order[1:] if exam.probabilities[k] >= floor and self._asked_label(exam, k)), None)

    def _asked_label(self, exam: Examination, k: int) -> bool:
        """Whether candidate k is a line whose label is said in the question's own words (「答复单位：」)."""
        label = _ITEM_LABEL.match(self.chunks[exam.indices[k]].text)
        field = _FIELD_LABEL.search(label.group(1)) if label else None
        if field is None:
            return False
        # 「主持人」 is asked as 「由谁主持」, 「签订地点」 as 「在哪里签的」 (a two-character verb by one of its characters)
        words = [w for w in self.reader.tokenizer.lcut(label.group(1)[:field.start()]) if w.strip()]
        asked = normalize(exam.asked.text)
        return len("".join(words)) >= 2 and all(
            w in asked or (len(w) == 2 and any(f"{ch}的" in asked or f"{ch}了" in asked for ch in w)) for w in words)

    def _reply_to_message(self, exam: Examination, k: int) -> bool:
        """「县里报名截止到什么时候」 asked as a resident asked it (a best match is their message, a question, or an
        FAQ's 「问：…」): the reply under it that holds the asked kind answers, however unlike the question its own
        words are."""
        if not hard_kinds(exam.asked) or exam.probabilities[k] < ELIGIBILITY_FLOOR:
            return False
        asked = next((int(j) for j in np.argsort(-exam.probabilities) if exam.probabilities[j] >= MESSAGE_MATCH
                      and _is_question(self.chunks[exam.indices[j]])
                      and not is_speech_tag(self.chunks[exam.indices[j]].text)), None)
        if asked is None or asked == k:
            return False
        start, reply = exam.indices[asked], exam.indices[k]
        message, chunk = self.chunks[start], self.chunks[reply]
        return (start < reply and chunk.article_id == message.article_id and chunk.section == message.section
                and bool(chunk.section) and chunk.kind != "meta"
                and not any(_is_question(c) for c in self.chunks[start + 1:reply]))  # the next message's own reply

    def _pointed_row(self, exam: Examination, k: int) -> bool:
        """「每年分两批集中受理（具体时间见附表）」: the detail a better-ranked passage leaves to its attached table is
        in the row of that table the question picks."""
        chunk = self.chunks[exam.indices[k]]
        if chunk.kind != "row" or exam.probabilities[k] < ELIGIBILITY_FLOOR:
            return False
        for j in np.argsort(-exam.probabilities):
            if exam.probabilities[j] <= exam.probabilities[k]:
                return False
            top = self.chunks[exam.indices[j]]
            pointer = _POINTER.search(top.text)
            if pointer and top.doc_id == chunk.doc_id and pointer.group(1) in chunk.section.replace(" ", ""):
                return True
        return False

    def _labelled_line(self, exam: Examination, k: int) -> bool:
        """A line labelled in the question's words, on a fair ranking: the label says what the line answers."""
        return exam.probabilities[k] >= ELIGIBILITY_FLOOR and self._asked_label(exam, k)

    def _fuller_cover(self, exam: Examination, order: list[int]) -> int | None:
        """「加入联合体要交会费吗」: a passage ranked close to the best that holds the question's rarest word (会费),
        which the best lacks, goes first."""
        if "yesno" not in exam.asked.kinds:  # a yes/no question names the thing it asks about
            return None
        # the belief's own time (「是9月底吧」) is what is checked, not what the passage must hold
        words = [(w, f) for w, f in _topic_words(exam.terms, exam.places) if len(w) > 1 and not _TIME_WORD.search(w)]
        # the rarest word the documents hold; of two as rare, the later (「加入联合体要交会费吗」 asks about 会费)
        rarity = [(round(self.weights.idf(f), 3), n, f) for n, (_, f) in enumerate(words)]
        present = [r for r in rarity if r[0] < self._absent_idf]
        if len(present) < 2:
            return None
        _, _, rarest = max(present)
        floor = exam.probabilities[order[0]] - COVER_MARGIN
        texts = {k: _heading_and_text(self.chunks[exam.indices[k]]) for k in order if exam.probabilities[k] >= floor}
        if any(mentions(texts[order[0]], f) for f in rarest):
            return None
        # and holding most of what the best holds: not a passage sharing one word with the question (劳动关系)
        least = COVER_SHARE * self._named_weight(words, texts[order[0]])
        return next((k for k in order[1:] if k in texts and any(mentions(texts[k], f) for f in rarest)
                     and self._named_weight(words, texts[k]) >= least), None)

    @cached_property
    def _absent_idf(self) -> float:
        """The IDF of a word no passage holds."""
        return round(self.weights.idf(("\x00",)), 3)

    def _place_row(self, exam: Examination, order: list[int]) -> int | None:
        """「镔城市的试点是哪个部门牵头的」 is answered by the table row whose cell is that place and whose column
        the question names (「城市：镔城市；…；牵头单位：…」), when it ranks near the best: a sentence listing the
        place among others says nothing of its column."""
        if not exam.places:
            return None
        names = {*exam.places, *(_short(p) for p in exam.places)}
        words = _topic_words(exam.terms, exam.places)

        def keyed(chunk: Chunk) -> bool:
            cells = row_cells(chunk.text) if chunk.kind == "row" else []
            return any(value in names for _, value in cells) and any(_holds_a_word(column, words) for column, _ in cells)

        return self._near_best(exam, order, keyed, margin=PLACE_ROW_MARGIN)

    def _valued_row(self, exam: Examination, order: list[int]) -> int | None:
        """「评级AAA的有哪几家」 is answered by the table rows whose cell is that value (「评级：AAA」), when one ranks near
        the best: a sentence explaining the grades names the value but lists no one holding it."""
        if "list" not in exam.asked.kinds or self.chunks[exam.indices[order[0]]].kind == "row":
            return None
        words = {w for w in exam.terms.words if len(w) > 1}

        def keyed(chunk: Chunk) -> bool:
            return chunk.kind == "row" and any(normalize(value) in words for _, value in row_cells(chunk.text))

        return self._near_best(exam, order, keyed, margin=PLACE_ROW_MARGIN)

    def _table_total(self, exam: Examination, order: list[int]) -> int | None:
        """「这次下达的资金里中央资金是多少」 asks a column of a table without naming a row: its total row answers
        (「合计；…；其中中央资金：4000万元」), not whichever city's row ranks first."""
        top = self.chunks[exam.indices[order[0]]]
        if top.kind != "row" or "amount" not in exam.asked.kinds:
            return None
        words = [w for w in exam.terms.words if len(w) > 1]

        def picks(chunk: Chunk) -> bool:  # a question word in a row's cells, not its column names
            return any(mentions(value, w) for _, value in row_cells(chunk.text) for w in words)

        def total(chunk: Chunk) -> bool:
            return (chunk.kind == "row" and chunk.article_id == top.article_id and chunk.group == top.group
                    and any(_TOTAL_CELL.fullmatch(value) for _, value in row_cells(chunk.text)))

        if picks(top) or total(top) or exam.places:
            return None
        return self._near_best(exam, order, total, margin=PLACE_ROW_MARGIN)

    def _quoted_name(self, exam: Examination, order: list[int]) -> int | None:
        """「“融合服务方案”这一大项占多少分」 quotes the name of what it asks about: a candidate ranked near the best that
        holds the name as written goes first, where the best does not."""
        names = [q for q in _QUOTED.findall(exam.question) if len(q) >= 2]

        def holds(k: int) -> bool:
            c = self.chunks[exam.indices[k]]
            return all(q in f"{c.article_title}{c.section}{c.lead}{c.text}" for q in names)

        if not names or holds(order[0]):
            return None
        floor = exam.probabilities[order[0]] - QUOTED_MARGIN
        return next((k for k in order if exam.probabilities[k] >= floor and holds(k)), None)

    def _every_kind(self, exam: Examination, order: list[int]) -> int | None:
        """「后来什么时候拨的？拨了多少？」 asks a date and an amount: a candidate ranked fairly near the best that holds
        both (「补贴资金6.3万元已于2026年8月26日拨付」) answers the whole message, where the best holds one."""
        kinds = [k for k in HARD_KINDS if k in exam.asked.kinds]
        top = self.chunks[exam.indices[order[0]]]
        if len(kinds) < 2 or self._holds(top, kinds, exam.asked.unit):
            return None
        floor = max(exam.probabilities[order[0]] - EVERY_KIND_MARGIN, ELIGIBILITY_FLOOR)
        return next((k for k in order if exam.probabilities[k] >= floor
                     and self._same_section(top, self.chunks[exam.indices[k]])
                     and self._holds(self.chunks[exam.indices[k]], kinds, exam.asked.unit)), None)

    def _holds_every_kind(self, exam: Examination, k: int) -> bool:
        """Whether candidate k is the passage `_every_kind` chose: it answers every kind the message asks."""
        order = [int(j) for j in np.argsort(-exam.probabilities) if exam.eligible[j]]
        return bool(order) and order[0] != k and self._every_kind(exam, order) == k

    @staticmethod
    def _same_section(a: Chunk, b: Chunk) -> bool:
        return a.article_id == b.article_id and a.section == b.section

    def _duration_condition(self, exam: Examination, order: list[int]) -> int | None:
        """「公司注册才8个月，能申请吗」 is answered by the condition on how long (「注册满1年」), when a candidate
        ranked near the best states one."""
        if "yesno" not in exam.asked.kinds or not durations_stated(exam.asked.text):
            return None
        return self._near_best(exam, order, lambda c: bounds_duration(f"{c.lead}{c.text}"))

    def _condition_on_asker(self, exam: Examination, order: list[int]) -> int | None:
        """「我们是县级市，能报吗」 is answered by the condition on what the asker is (「原则上为地级及以上城市」), when
        a candidate ranked near the best states one: the asker's own word (its first) picks that clause."""
        if "yesno" not in exam.asked.kinds or not exam.terms.words:
            return None

        def on_asker(chunk: Chunk) -> bool:
            concerns = concerning_clause(chunk.text, exam.asked, exam.terms)
            return bool(concerns) and concerns[0] == exam.terms.words[0]

        return self._near_best(exam, order, on_asker)

    def _negated_status(self, exam: Examination, order: list[int]) -> int | None:
        """「我们市不是试点城市，能派人参加吗」 is answered by what the text says of those that are not
        (「未列入试点的设区市…可派1名同志旁听」), when a candidate ranked near the best says it."""
        m = _NOT_STATUS.search(exam.asked.text) if "yesno" in exam.asked.kinds else None
        if not m:
            return None
        stems = {m.group(1)[i:i + 2] for i in range(len(m.group(1)) - 1)}

        def of_the_others(chunk: Chunk) -> bool:
            return any(re.search(rf"(?:未|非|不是|没有|不属于|尚未)[\u4e00-\u9fff]{{0,3}}{re.escape(s)}", chunk.text)
                       for s in stems)

        return self._near_best(exam, order, of_the_others)

    def _near_best(self, exam: Examination, order: list[int], states: Callable[[Chunk], bool], *,
                   margin: float = DURATION_MARGIN) -> int | None:
        """The best-ranked candidate within `margin` of the best that states what `states` looks for."""
        floor = exam.probabilities[order[0]] - margin
        return next((k for k in order if exam.probabilities[k] >= floor and states(self.chunks[exam.indices[k]])),
                    None)

    @staticmethod
    def _same_paragraph(a: Chunk, b: Chunk) -> bool:
        return a.article_id == b.article_id and a.paragraph == b.paragraph and a.kind == b.kind == "text"

    def _named_weight(self, words: list[tuple[str, tuple[str, ...]]], text: str) -> float:
        """The IDF weight of the question's words a text holds."""
        return sum(self.weights.idf(forms) for _, forms in words if any(mentions(text, f) for f in forms))

    def _named_sibling(self, exam: Examination, order: list[int]) -> int:
        """Among the rows or items of one list that the ranking cannot tell apart (they share a lead-in, and the
        lead-in names the whole list: 「优秀、良好、合格、不合格四个等次」), the one whose own text holds most of
        the question's words (「优秀等次要多少分」 -> 「优秀：90分以上」)."""
        top = self.chunks[exam.indices[order[0]]]
        if top.kind not in ("row", "item") or not top.group:
            return order[0]
        words = _topic_words(exam.terms, exam.places)
        floor = exam.probabilities[order[0]] - SIBLING_MARGIN
        siblings = [k for k in order if exam.probabilities[k] >= floor and self._sibling(top, self.chunks[exam.indices[k]])]

        labelled = bool(_ITEM_LABEL.match(top.text))

        def named(k: int, label: bool = False) -> float:
            text = self.chunks[exam.indices[k]].text
            if label:  # a timetable's item is named by its label: 「1. 申报时间：…」 is the one 申报截止 asks for
                if not labelled:  # a list whose best item has no label is not a timetable
                    return 0.0
                m = _ITEM_LABEL.match(text)
                text = m.group(1) if m else ""
            return self._named_weight(words, text)

        return max(siblings, key=lambda k: (named(k, label=True), named(k), -siblings.index(k)))

    @staticmethod
    def _sibling(a: Chunk, b: Chunk) -> bool:
        return a.article_id == b.article_id and a.group == b.group and a.lead == b.lead and a.kind == b.kind

    def decide(self, exam: Examination, today: date, *, follow_up: bool = False) -> Answer:
        """Answer when the best eligible candidate clears the threshold; else refuse, saying what is nearby."""
        if exam.unknown_place:
            places = "、".join(self._places_with_documents())
            text = (messages.NO_DOCUMENT_FOR_PLACE.format(place=exam.unknown_place, places=places) if places
                    else messages.NOTHING_ABOUT_PLACE.format(place=exam.unknown_place))
            return Answer(found=False, answer=text)
        if not exam.indices:
            return Answer(found=False, answer=messages.NOT_FOUND)
        digest = (self._metadata_answer(exam, today) or self._title_answer(exam, today)
                  or self._numbered_answer(exam, today) or self._compared_rows_answer(exam, today)
                  or self._section_answer(exam, today)) if not follow_up else None
        if digest is not None:
            return digest
        k = self.best(exam)
        if k is not None and not exam.places and not follow_up:
            k = self._national_first(exam, k)
        if k is not None:
            confidence = self.answerability(exam, k)
            if confidence < self.model.threshold:
                confidence = max(confidence, self._contact_of_topic(exam, k), self._sibling_of_best(exam, k),
                                 self._tied_with_best(exam, k))
            if (confidence >= self.model.threshold or (follow_up and exam.probabilities[k] >= FOLLOW_UP_FLOOR)
                    or self._eligibility(exam, k) or self._in_band(exam, k) or self._row_of_place(exam, k)
                    or self._under_kind_heading(exam, k) or self._place_listed(exam, k) or self._names_listed(exam, k)
                    or self._under_asked_heading(exam, k) or self._holds_every_kind(exam, k)
                    or self._occasion_line(exam, k) or self._labelled_line(exam, k) or self._reply_to_message(exam, k)
                    or self._pointed_row(exam, k) or self._contact_line(exam, k)):
                chosen = self.chunks[exam.indices[k]]
                older = None
                superseded = self._superseded(exam, k)
                if superseded is not None:
                    chosen, older = superseded
                chosen = self._last_ranked(exam, chosen)
                others = [] if follow_up or exam.places or older is not None else self._other_scopes(exam, k)
                if others:
                    return self._several(exam, [chosen, *others], today, confidence)
                result = self.compose(exam, chosen, today, older=older)
                result.confidence = confidence
                return result
        return self.refuse(exam)

    def _other_scopes(self, exam: Examination, k: int) -> list[Chunk]:
        """For a question that names no place: strong candidates from local documents of other places (a
        province's notice, a city's plan) that may answer differently, one per place, at most OTHER_SCOPES; each
        must be an answer in its own right (it clears the gate)."""
        best = self.chunks[exam.indices[k]]
        floor = max(exam.probabilities) - OTHER_SCOPE_MARGIN
        scopes = {tuple(self.doc_places.get(best.doc_id, []))}
        out: list[Chunk] = []
        for j in np.argsort(-exam.probabilities):
            c = self.chunks[exam.indices[j]]
            scope = tuple(self.doc_places.get(c.doc_id, []))
            if (exam.eligible[j] and exam.probabilities[j] >= floor and scope and scope not in scopes
                    and c.kind != "meta"
                    and self.answerability(exam, int(j)) >= self.model.threshold):
                scopes.add(scope)
                out.append(c)
            if len(out) == OTHER_SCOPES:
                break
        return out

    def _several(self, exam: Examination, chunks: list[Chunk], today: date, confidence: float) -> Answer:
        """Up to three short quotes, each with its own source, the best first."""
        parts = [self.compose(exam, c, today) for c in chunks]
        lines = [parts[0].answer, messages.OTHER_SCOPES]
        for part in parts[1:]:
            lines.append(part.answer)
        first = parts[0]
        return Answer(found=True, answer="\n".join(lines), sources=[s for p in parts for s in p.sources[:1]],
                      article_id=first.article_id, deadlines=[d for p in parts for d in p.deadlines],
                      confidence=confidence)

    def _national_first(self, exam: Examination, k: int) -> int:
        """A question that names no place prefers the national documents: a national candidate nearly as good as
        a local best one (and an answer in its own right) goes first; the local one follows as another quote."""
        best = self.chunks[exam.indices[k]]
        if not self.doc_places.get(best.doc_id):
            return k
        floor = exam.probabilities[k] - OTHER_SCOPE_MARGIN
        for j in np.argsort(-exam.probabilities):
            c = self.chunks[exam.indices[j]]
            if exam.probabilities[j] < floor:
                break
            if (exam.eligible[j] and not self.doc_places.get(c.doc_id) and c.kind != "meta"
                    and self.answerability(exam, int(j)) >= self.model.threshold
                    and not self._names_local_thing(exam, best, c)):
                return int(j)
        return k

    def _names_local_thing(self, exam: Examination, local: Chunk, national: Chunk) -> bool:
        """「众鑫人力服务了多少家制造业企业」 names what only the local document speaks of (an agency, a park): the
        national document, which never names it, does not answer first."""
        where = f"{local.article_title}{local.section}{local.lead}{local.text}"
        article = self._raw_article_text.get(national.article_id, "")
        return any(len(w) > 1 and any(mentions(where, f) for f in forms) and not any(mentions(article, f) for f in forms)
                   for w, forms in _topic_words(exam.terms, exam.places))

    def _section_answer(self, exam: Examination, today: date) -> Answer | None:
        """A 「哪些」 question whose words name a section of a well-ranked passage's document (「江临市有哪些支持
        措施？」 -> 三、支持措施): answered with that section's items or sub-sections, not one sentence."""
        why = bool({"purpose", "reason"} & set(exam.asked.kinds))
        if ("list" not in exam.asked.kinds and not why) or not exam.indices:
            return None
        words = _topic_words(exam.terms, exam.places)
        # the best passage that could answer: an attachment's title line (「附件：…重点任务清单」) has no section
        j = int(np.argmax(np.where(exam.eligible, exam.probabilities, -1.0)))
        c = self.chunks[exam.indices[j]]
        if (not words or not exam.eligible[j] or not c.section or exam.probabilities[j] < SECTION_FLOOR
                or self._place_picks_passage(exam, c)):
            return None
        article = self.by_article.get(c.article_id, [])
        rows = _rows_of_asked_value([x for x in article if x.kind == "row" and x.section == c.section],
                                    exam.asked.text)
        column = _asked_column(rows[0], rows, words, exam.asked.text) if rows else ""
        if column:  # 「一级指标有哪些」 is that column of the section's table, not the whole section
            result = self._quoted(rows[0], column_quote(column, rows), today)
            result.confidence = float(exam.probabilities[j])
            return result
        parts = c.section.split(" ")
        for depth in range(len(parts), 0, -1):  # the most specific heading that names the topic
            heading = parts[depth - 1]
            # 「为什么要开展评估，目的是什么」 is answered by the section 「一、评估目的」, however short
            purpose = why and _names_purpose(heading, words)
            if purpose or ("list" in exam.asked.kinds and _names_topic(heading, c.article_title, words)):
                path = " ".join(parts[:depth])
                if not purpose and depth > 1 and _sibling_headings_name(article, parts[:depth], c.article_title, words):
                    path = " ".join(parts[:depth - 1])  # 「分哪几个阶段」: every （一）…阶段 of 五、实施步骤
                passages = section_digest(path, article)
                if len(passages) < (1 if purpose else 2):
                    return None
                result = self._quoted(passages[0], digest_quote(path, passages), today, section=path)
                result.confidence = float(exam.probabilities[j])
                return result
        return None

    def _compared_rows_answer(self, exam: Examination, today: date) -> Answer | None:
        """「缺口率超过4%的是哪几个城市」「资金最多的是哪个项目」: the rows of a table of the best-ranked article
        naming that column whose value meets the comparison, quoted whole."""
        asked = comparison(exam.asked.text)
        if asked is None or not exam.indices:
            return None
        seen: set[str] = set()
        for j in np.argsort(-exam.probabilities):
            chunk = self.chunks[exam.indices[j]]
            if exam.probabilities[j] < SECTION_FLOOR:
                break
            if chunk.article_id in seen:
                continue
            seen.add(chunk.article_id)
            # the candidate's own table first, then the article's other tables (a row may rank below the text)
            rows = [c for c in self.by_article.get(chunk.article_id, []) if c.kind == "row"]
            groups = dict.fromkeys(([chunk.group] if chunk.kind == "row" else []) + [c.group for c in rows])
            for group in groups:
                table = [c for c in rows if c.group == group]
                column = compared_column(table[0], exam.asked.text)
                kept = rows_meeting(table, column, *asked) if column else []
                if not kept and asked[0] in ("max", "min") and chunk.kind == "row" and group == chunk.group:
                    # the best-ranked table names no column of figures (「哪个区域…最多」 names 区域): its only one
                    column = sole_figure_column(table)
                    kept = rows_meeting(table, column, *asked) if column else []
                if kept:
                    result = self._quoted(kept[0], compared_quote(kept, column), today)
                    result.confidence = float(exam.probabilities[j])
                    return result
        return None

    def _title_answer(self, exam: Examination, today: date) -> Answer | None:
        """「那篇稿子的标题是什么」「标题开头喊的口号」: the title of the best-ranked article, quoted as printed, when
        it is of the kind of document the question names (a news article's title is not the notice's)."""
        if not _TITLE_ASKED.search(exam.asked.text) or not exam.indices:
            return None
        kinds = _DOCUMENT_KINDS.findall(exam.asked.text)
        for j in np.argsort(-exam.probabilities):
            chunk = self.chunks[exam.indices[j]]
            if exam.probabilities[j] < SECTION_FLOOR:
                break
            if (not kinds or any(k in chunk.article_title for k in kinds)) and self._article_about(exam, chunk):
                result = self._quoted(chunk, chunk.article_title, today)
                result.confidence = float(exam.probabilities[j])
                return result
        return self.refuse(exam) if kinds else None

    def _article_about(self, exam: Examination, chunk: Chunk) -> bool:
        """Whether the chunk's article holds most of what the question says the article is about (by weight; the
        words before 「标题」, words for a document apart): 「高考作文题目是什么」 asks for no article's title here,
        however close a passage ranks; 「试点那篇稿子，标题打头的口号」 does."""
        about = re.split(r"标题|题目", exam.asked.text)[0]
        words = [(w, f) for w, f in _topic_words(exam.terms, exam.places)
                 if w in about and not _DOCUMENT_WORD.fullmatch(w)]
        if not words:
            return True
        article = self._raw_article_text.get(chunk.article_id, "")
        weights = [self.weights.idf(f) for _, f in words]
        held = sum(wt for (w, f), wt in zip(words, weights) if any(mentions(article, x) for x in f))
        return held >= ARTICLE_SHARE * sum(weights)

    def _numbered_answer(self, exam: Examination, today: date) -> Answer | None:
        """A question naming an article or chapter (「第十五条讲的是啥」「第15条」): that part of the best-ranked
        document that has one, in full (trimmed like a list)."""
        label = numbered_label(exam.asked.text)
        if not label or not exam.indices:
            return None
        order = np.argsort(-exam.probabilities)
        for article_id in dict.fromkeys(self.chunks[exam.indices[k]].article_id for k in order):
            path, passages, quote = numbered_part(label, self.by_article.get(article_id, []))
            if passages:
                result = self._quoted(passages[0], quote, today, section=path)
                result.confidence = float(exam.probabilities[order[0]])
                return result
        return None

    def _metadata_answer(self, exam: Examination, today: date) -> Answer | None:
        """A question about a document itself (「那份通知是哪天印发的」「发给了哪些单位」): the metadata line of
        the kind asked, from the document of the best-ranked passage."""
        labels = _wanted_metadata(exam.asked)
        if not labels or not exam.indices:
            return None
        found, j, article = None, 0, []
        for j in self._documents_asked(exam, labels):  # the best-ranked document that has the line asked for
            article = self.by_article.get(self.chunks[exam.indices[j]].article_id, [])
            found = self._metadata_lines(article, labels, exam.asked)
            if found is not None:
                break
        if found is None:
            return None
        first, quote = found
        # 「雁峪市人社局的联系电话」 is not the province's contact block, nor 「联系人邝嘉禾的邮箱」 another contact's line
        if _another_body(quote, exam) or _another_person(quote, exam) or self._quote_of_another_place(quote, exam):
            return None
        if labels[0] == "联系人" and self._entry_contact(exam, quote):
            return None
        dated = ("date" in exam.asked.kinds or "year" in exam.asked.kinds) and "成文日期" not in labels
        also = self._metadata_lines(article, _DATE_LABELS, exam.asked) if dated else None
        if also is not None and also[1] not in quote:  # 「简报是第几期？哪天印发的」 asks for two lines
            quote = f"{quote}\n{also[1]}"
        result = self._quoted(first, quote, today)
        result.confidence = float(exam.probabilities[j])
        return result

    def _entry_contact(self, exam: Examination, quote: str) -> bool:
        """「云聘网络科技的联系电话」 in a directory: the best-ranked passage holds a phone under the entry the question
        names, which the document's own contact lines do not name; it answers, not the contact block."""
        top = int(np.argmax(exam.probabilities))
        chunk = self.chunks[exam.indices[top]]
        if chunk.kind == "meta" or not exam.eligible[top] or chunk.text in quote:
            return False
        if not (holds_kind("phone", chunk.text) or CONTACT_LABEL.search(chunk.text)):
            return False  # a story about the matter asked names no one to call
        where = f"{chunk.section}{chunk.lead}{chunk.text}"
        return any(len(w) > 1 and w not in _GENERIC_CONTACT_WORDS and mentions(where, w) and not mentions(quote, w)
                   for w, _ in _topic_words(exam.terms, exam.places))

    def _documents_asked(self, exam: Examination, labels: tuple[str, ...]) -> list[int]:
        """The candidates whose documents a question about a document may mean, one per document, best-ranked
        first. Only the best-ranked document, unless the question names a kind of document (「那个通知的文号」: a
        story about the notice ranks first but has no 文号; only documents of that kind) or asks whom to contact
        (a notice's contact block the ranking found, not a story's); a story's dateline or byline is never another
        story's."""
        news = any(label in _NEWS_CREDITS for label in labels)  # readers call a story 报道, 稿子 or 解读 alike
        kinds = [] if news else _DOCUMENT_KINDS.findall(exam.asked.text)
        # 「稌江市试点实施方案的文号」 is the number of a plan of 稌江's, not of the province's plan naming 稌江
        owners = [_short(p) for p in exam.places] if kinds else []

        def of_kind(chunk: Chunk) -> bool:
            mine = f"{chunk.article_title}{''.join(self.doc_places.get(chunk.doc_id, []))}"  # its title or issuer
            named = _of_kind(chunk.article_title, kinds) or any(k in self._printed_titles.get(chunk.article_id, "")
                                                                 for k in kinds)
            return named and (not owners or any(o in mine for o in owners))

        out: dict[str, int] = {}
        for j in np.argsort(-exam.probabilities):
            chunk = self.chunks[exam.indices[j]]
            if exam.probabilities[j] < SECTION_FLOOR:
                break
            if not out and (not kinds or of_kind(chunk)):
                out[chunk.article_id] = int(j)
            elif (kinds and of_kind(chunk)) or (
                    labels[:1] == ("联系人",) and chunk.kind == "meta" and "联系人" in meta_labels(chunk)):
                out.setdefault(chunk.article_id, int(j))
        return list(out.values())

    def _metadata_lines(self, article: list[Chunk], labels: tuple[str, ...], asked: Asked) -> tuple[Chunk, str] | None:
        """The first of these labels the document has: its first line and the quote of all its lines."""
        printed = self._printed_titles.get(article[0].article_id, "") if article else ""
        for label in labels:
            lines = [c for c in article if c.kind == "meta" and label in meta_labels(c)
                     and not _metadata_of_another_kind(c, asked, printed)]
            if lines:
                texts = list(dict.fromkeys(c.text for c in lines))
                if label == "发文机关":  # issuers printed once over the title and again at the signature
                    texts = list(dict.fromkeys(name for t in texts for name in t.split("　") if name))
                # a contact block reads line by line; issuers and addressees on one line
                return lines[0], trimmed_lines(texts) if label == "联系人" else "　".join(texts)
        return None

    def _place_picks_passage(self, exam: Examination, chunk: Chunk) -> bool:
        """「河北有哪些城市入选？」 in a list of cities by province: the place named picks the row, not the whole
        list or section."""
        return bool(self._picking_places(exam, chunk))

    def _picking_places(self, exam: Examination, chunk: Chunk) -> list[str]:
        """The places named in the question that the chunk holds and its title and section do not."""
        names = [_short(p) for p in exam.places] + self._foreign_names(exam)
        return [p for p in names if p in chunk.text and p not in f"{chunk.article_title}{chunk.section}"]

    def _eligibility(self, exam: Examination, k: int) -> bool:
        """An eligibility question (「我们是县级市，能报吗？」) whose best candidate states the condition its
        asker's situation concerns: quoted with that clause pointed out, on a fair ranking alone."""
        chunk = self.chunks[exam.indices[k]]
        return (exam.probabilities[k] >= ELIGIBILITY_FLOOR
                and concerning_clause(chunk.text, exam.asked, exam.terms) is not None)

    def _row_of_place(self, exam: Examination, k: int) -> bool:
        """「霁原省有哪些城市入选」 answered by the table row whose cell is that place (「省份：霁原省」), on a fair
        ranking: the place picks the row as a word would."""
        chunk = self.chunks[exam.indices[k]]
        if chunk.kind != "row" or exam.probabilities[k] < ELIGIBILITY_FLOOR:
            return False
        values = {v for _, v in row_cells(chunk.text)}
        if any(p in values or _short(p) in values for p in exam.places):
            return True
        # 「苔矶市属于哪个省」「苔矶是试点城市吗」: one of the names a cell lists
        members = {m for v in values for m in v.split("、")}
        return bool(_WHERE_OR_WHETHER.search(exam.asked.text)) and any(p in members for p in exam.places)

    def _place_listed(self, exam: Examination, k: int) -> bool:
        """「枫港市是国家试点城市吗」 answered by the passage that lists the place among the names of a kind it also
        names (「确定澄湾市、枫港市为我省省级…试点城市」「2. 枫港市　重点产业方向…」 under its list), on a fair ranking:
        whichever kind the list is, it says what the place is."""
        chunk = self.chunks[exam.indices[k]]
        if (chunk.kind not in ("text", "item") or exam.probabilities[k] < ELIGIBILITY_FLOOR
                or not exam.places or not _IS_IT.search(exam.asked.text)):
            return False
        names = {n for p in exam.places for n in (p, _short(p)) if len(n) >= 2}
        text = normalize(chunk.text)  # as the question is read: 「蘋阳市」 is asked as 「苹阳市」
        listed = any(re.search(rf"(?:[、，,]{re.escape(n)}|{re.escape(n)}[、，,]|^\d{{1,2}}[.、．]\s*{re.escape(n)})", text)
                     for n in names)
        context = normalize(f"{chunk.section}{chunk.lead}{chunk.text}")
        kinds = [w for w in exam.terms.words if w not in names and not any(w in n or n in w for n in names)]
        return listed and any(mentions(context, f) for w in kinds for f in exam.terms.forms.get(w, (w,)))

    def _occasion_line(self, exam: Examination, k: int) -> bool:
        """「推进会是在哪开的」: the line under a speech's title saying when and where it was given answers, though
        the question's words are all in the title and none in the line."""
        chunk = self.chunks[exam.indices[k]]
        return (chunk.kind == "meta" and chunk.label == "时间地点"
                and bool({"date", "place", "address"} & set(exam.asked.kinds))
                and exam.rows[k][FEATURES.index("title_cover")] >= OCCASION_TITLE_COVER)

    def _under_kind_heading(self, exam: Examination, k: int) -> bool:
        """「推进会在哪里开」 answered by the passage under a heading that names the asked kind (「二、会议地点」), on a
        fair ranking: the heading says what the passage is, as a label says what its line is."""
        return exam.probabilities[k] >= ELIGIBILITY_FLOOR and self._kind_heading(exam, k)

    def _under_asked_heading(self, exam: Examination, k: int) -> bool:
        """「在糌平县办许可证要多久」 answered by the passage holding the asked kind (「压缩至3个工作日」) under a heading
        that is the same question (「留言六：申请人力资源服务许可证要多长时间？」), on a fair ranking: in a Q&A, a
        reply's sentences are the answer to their heading however unlike the question their own words are."""
        chunk = self.chunks[exam.indices[k]]
        return (bool(hard_kinds(exam.asked)) and chunk.kind != "meta" and exam.probabilities[k] >= ELIGIBILITY_FLOOR
                and chunk.section.split(" ")[-1].endswith(("？", "?"))
                and exam.rows[k][_TITLE_COVER] >= ASKED_HEADING_COVER)

    def _kind_heading(self, exam: Examination, k: int) -> bool:
        """Whether candidate k stands under a heading that labels the kind asked (「一、会议时间」 for 哪天)."""
        chunk = self.chunks[exam.indices[k]]
        if chunk.kind == "meta":
            return False
        heading = _HEADING_NUMBER.sub("", chunk.section.split(" ")[-1])
        lead_in = _ITEM_LABEL.match(chunk.text)  # 「（三）开标地点：…」 labels itself, whatever its heading says
        label = lead_in.group(1) if lead_in else heading
        return any(kind in exam.asked.kinds and pattern.search(label) for kind, pattern in _KIND_HEADINGS.items())

    def _total_for_total(self, exam: Examination, k: int) -> bool:
        """For 「预算一共多少钱」, whether candidate k states a total (「合计」, or a sum broken down 「其中…」), not one
        of its parts (a row 「包号：1；…预算：126」)."""
        return ("amount" in exam.asked.kinds and bool(_TOTAL_ASKED.search(exam.question))
                and bool(_TOTAL_STATED.search(self.chunks[exam.indices[k]].text)))

    def _exact_day(self, exam: Examination, k: int) -> bool:
        """For 「哪天」, whether candidate k names a day (「10月16日」), not a span of days (「10月中旬」)."""
        return exam.asked.unit in ("日", EXACT_DAY) and bool(NAMED_DAY.search(self.chunks[exam.indices[k]].text))

    def _in_band(self, exam: Examination, k: int) -> bool:
        """「得了80分算哪个等次」 answered by the band the value falls in (「良好：75分以上、不足90分」), on a fair
        ranking: the band is the evidence a shared word would be."""
        chunk = self.chunks[exam.indices[k]]
        return exam.probabilities[k] >= ELIGIBILITY_FLOOR and any(
            band_holds(value, unit, f"{chunk.lead}{chunk.text}") for _, value, unit in valued_numbers(exam.asked.text))

    def _whole_count(self, exam: Examination, k: int) -> bool:
        """For 「有多少家人力资源服务机构」, whether candidate k names the whole phrase counted (「人力资源服务机构：214家」),
        not a part of it (「入驻机构63家」)."""
        counted = counted_phrase(exam.asked.text) if "amount" in exam.asked.kinds else ""
        return len(counted) >= 4 and counted in self.chunks[exam.indices[k]].text

    def _places_listed(self, exam: Examination, k: int) -> bool:
        """For 「省级试点地区是哪几个」, whether candidate k lists places (「菘林县、苜溪县」) rather than only speaking of
        the kind of place asked for."""
        return ("list" in exam.asked.kinds and bool(_PLACES_ASKED.search(exam.asked.text))
                and bool(_PLACE_LIST.search(self.chunks[exam.indices[k]].text)))

    def _tied_with_best(self, exam: Examination, k: int) -> float:
        """A candidate the ranking all but ties with its best (both saturated, as 「（四）预算金额：486万元…」 and the
        table row 「包号：1；…」 are) answers as surely as the best: the gate judged the topic, the tie-break the kind.
        A reason asked for, ranked above the fact of its paragraph, answers as surely as that fact."""
        top = _best_eligible(exam, default=k)
        if top == k and self._gives_reason(exam, k):  # the reason ranked above the fact it explains
            return max((self.answerability(exam, j) for j in range(len(exam.indices))
                        if j != k and exam.eligible[j] and self._same_paragraph(self.chunks[exam.indices[k]],
                                                                                 self.chunks[exam.indices[j]])
                        and exam.probabilities[j] >= max(SATURATED, exam.probabilities[k] - SATURATED_TIE)),
                       default=0.0)
        if (top == k or exam.probabilities[top] < SATURATED
                or exam.probabilities[k] < exam.probabilities[top] - SATURATED_TIE):
            return 0.0
        return self.answerability(exam, top)

    def _sibling_of_best(self, exam: Examination, k: int) -> float:
        """An item picked over the best-ranked item of its own list (「1. 申报时间：…」 over 「5. 资金拨付：…」 for
        申报截止到哪天) answers as surely as the list's best: the gate judged the list, the pick is within it."""
        top = _best_eligible(exam, default=k)
        keys = self.list_keys(exam)
        if top == k or not keys[k] or keys[k] != keys[top]:
            return 0.0
        return self.answerability(exam, top)

    def _contact_of_topic(self, exam: Examination, k: int) -> float:
        """A phone number or address asked for (「有异议寄到哪里」) sits in the lines right after the sentence the
        question is about (「…可以书面形式向省人社厅反映」), which shares its words but not the detail: that sentence's
        answerability vouches for the contact line of its own section."""
        if not {"phone", "address"} & set(exam.asked.kinds):
            return 0.0
        chunk = self.chunks[exam.indices[k]]
        topic = int(np.argmax(exam.probabilities))
        near = self.chunks[exam.indices[topic]]
        if (topic == k or near.article_id != chunk.article_id or near.section != chunk.section
                or not 0 < chunk.paragraph - near.paragraph <= CONTACT_SPAN):
            return 0.0
        return self.answerability(exam, topic)

    def answerability(self, exam: Examination, k: int) -> float:
        """The gate's probability that candidate k answers the question."""
        return self.model.answerability(gate_vector(exam.probabilities, exam.eligible, np.asarray(exam.rows), k,
                                                    self.list_keys(exam)))

    def list_keys(self, exam: Examination) -> list[str]:
        """Per candidate, the list it is an item of, or the figure it states of the asked kind ("" for none):
        candidates of one list, or stating the same figure (「30个左右试点城市」「在30个左右…城市开展」), agree rather
        than compete."""
        hard = [k for k in hard_kinds(exam.asked) if k in _VALUED_KINDS]
        keys = []
        for c in (self.chunks[i] for i in exam.indices):
            if c.group and c.kind in ("item", "row"):
                keys.append(f"{c.article_id}|{c.group}")
                continue
            value = kind_value(hard[0], c.text, exam.asked.unit) if hard else ""
            keys.append(f"={value}" if value else "")
        return keys

    def _superseded(self, exam: Examination, k: int) -> tuple[Chunk, Chunk | None] | None:
        """Where documents of the same scope both state the asked fact (a number, date or period: the question
        has a hard kind both hold and about the same words of the question), the newest wins and the older one is
        named: 「送审稿报省厅审核」 is not superseded by a newer 「印发…备案」 deadline of the same province. A
        document the question names by its title is the one that answers, newer or not."""
        if not hard_kinds(exam.asked):
            return None
        best = self.chunks[exam.indices[k]]
        scope = self.doc_places.get(best.doc_id, [])
        floor = exam.probabilities[k] - SUPERSEDE_MARGIN
        cover = _covered(exam.rows[k]) - SUPERSEDE_COVER
        rivals = [self.chunks[exam.indices[j]] for j in range(len(exam.indices))
                  if exam.eligible[j] and exam.probabilities[j] >= floor and _covered(exam.rows[j]) >= cover]
        same = [c for c in rivals if c.doc_id != best.doc_id and self.doc_places.get(c.doc_id, []) == scope]
        named = [c for c in same if _title_points_at(exam, c, best)]
        if named:  # 「协议里每年办几场」: the agreement's passage, though a newer circular's ranks first
            return named[0], None
        same = [c for c in same if not (c.published > best.published and _title_points_at(exam, best, c))]
        if not same:
            return None
        newest = max([best, *same], key=lambda c: c.published)
        older = next((c for c in [best, *same] if c.published < newest.published), None)
        return (newest, older) if older is not None else None

    def compose(self, exam: Examination, chunk: Chunk, today: date, *, older: Chunk | None = None) -> Answer:
        """The answer a user reads for one chosen chunk."""
        members = list_members(chunk, self.by_article.get(chunk.article_id, []), exam.asked)
        picking = self._picking_places(exam, chunk)
        if picking:  # the place picks its rows of the list (「石畈县有哪几家机构入选」: both of its rows); every place
            # named picks its own (「江临和云岭…分别」), and a county named with its city only the county's (「垌阳市垡口县」)
            picking += [p for m in members for p in self._picking_places(exam, m) if p not in picking]
            every = [m for m in members if all(p in m.text for p in picking)]
            members = every if len(every) > 1 else [m for m in members if any(p in m.text for p in picking)]
            members = members if len(members) > 1 else []
        around = f"{chunk.article_title}{chunk.section}{chunk.lead}"  # words there pick no member
        words = [(w, f) for w, f in _topic_words(exam.terms, exam.places) if not any(mentions(around, x) for x in f)]
        members = _rows_of_asked_value(members, exam.asked.text)
        column = _asked_column(chunk, members, words, exam.asked.text)
        if column:
            return self._quoted(chunk, column_quote(column, members), today, older=older)
        members = narrowed(members, chunk, words)
        # 「哪些」 and 「会怎么样」 get every clause of a sentence split at 「；」 (each clause one case and what follows)
        kinds = set(exam.asked.kinds)
        clauses = self._clauses(chunk) if not members and {"list", "consequence", "phone"} & kinds else []
        if not {"list", "consequence"} & kinds and not all(holds_kind("phone", c.text) for c in clauses):
            clauses = []  # 「找谁咨询，电话多少」: every contact of 「…科，联系人：…，电话：…；…局，联系人：…」
        neighbour = self._neighbour(exam, chunk) if not members and not clauses else None
        partner = self._contact_partner(exam, chunk) if not members and not clauses and neighbour is None else None
        # the clauses of one sentence are quoted as the sentence they are; a contact's name and number lines as lines
        quote = ("".join(c.text for c in clauses) if clauses else quote_of(chunk, members, neighbour) if partner is None
                 else "\n".join(c.text for c in sorted((partner, chunk), key=lambda c: c.paragraph)))
        return self._quoted(chunk, quote, today, older=older, concerns=concerning_clause(quote, exam.asked, exam.terms))

    def _quoted(self, chunk: Chunk, quote: str, today: date, *, older: Chunk | None = None,
                concerns: tuple[str, str] | None = None, section: str | None = None) -> Answer:
        """The answer for a quote from this chunk's document: its deadlines' status lines and its citation."""
        notes = deadline_notes(quote, date.fromisoformat(chunk.published), today, self.deadlines)
        return compose_answer(chunk, quote, [deadline_line(n) for n in notes], older=older, notes=notes,
                              concerns=concerns, section=section)

    def _clauses(self, chunk: Chunk) -> list[Chunk]:
        """The clauses of the sentence a clause belongs to, when it was split at 「；」: a 「哪些」 question answered
        by one of 「…规模偏小…；…供给不足；…还不健全；…仍然不高。」 gets them all."""
        i = self._position.get(chunk.chunk_id)
        if i is None or chunk.kind != "text":
            return []
        start = i
        while start in self.openers:
            start -= 1
        end = i
        while end + 1 in self.openers:
            end += 1
        return self.chunks[start:end + 1] if end > start else []

    def _last_ranked(self, exam: Examination, chunk: Chunk) -> Chunk:
        """「排名最后一名是哪个」: of a ranking's lines (「第9名　霜桥县…」), the one ranked last."""
        if not _ASKS_LAST.search(exam.asked.text) or not _RANK.match(chunk.text):
            return chunk
        ranked = [c for c in self.by_article.get(chunk.article_id, [])
                  if c.kind == chunk.kind and c.group == chunk.group and _RANK.match(c.text)]
        return max(ranked, key=lambda c: int(_RANK.match(c.text).group(1)), default=chunk)

    def _contact_partner(self, exam: Examination, chunk: Chunk) -> Chunk | None:
        """「受理异议的联系人和电话」: the number's line answers with the 「联系人：…」 line next to it, when the
        question asks who as well and the number's line names no one."""
        if "phone" not in exam.asked.kinds or not _WHO_TO_CONTACT.search(exam.asked.text) or holds_kind("name", chunk.text, ""):
            return None
        return next((c for c in self.by_article.get(chunk.article_id, [])
                     if c.section == chunk.section and 0 < abs(c.paragraph - chunk.paragraph) <= 2
                     and _CONTACT_NAME_LINE.match(c.text) and holds_kind("name", c.text, "联系人")), None)

    def _neighbour(self, exam: Examination, chunk: Chunk) -> Chunk | None:
        """The next sentence of the same paragraph when it is also a strong candidate (a two-sentence answer); not
        one holding the asked kind that was ruled out (「首期…招收学徒48名」 after the 第二期's count)."""
        hard = hard_kinds(exam.asked)
        for j, i in enumerate(exam.indices):
            c = self.chunks[i]
            if (c.article_id == chunk.article_id and c.paragraph == chunk.paragraph and c.kind == chunk.kind == "text"
                    and c.sentence == chunk.sentence + 1 and exam.probabilities[j] >= 0.5
                    and (exam.eligible[j] or not hard or not self._holds(c, hard, exam.asked.unit))
                    and len(chunk.text) + len(c.text) <= MAX_TWO_SENTENCES and not _is_question(c)):
                return c
        return None

    def refuse(self, exam: Examination) -> Answer:
        """found=False: what the documents say nearby (the passage lacking the asked detail, or the nearest one
        when it is close), and suggestions."""
        order = [k for k in np.argsort(-exam.probabilities) if not _is_question(self.chunks[exam.indices[k]])]
        hard = hard_kinds(exam.asked)
        k = self.best(exam)
        # Close enough that an LLM would be shown it (the floor lets through about three in four of the right
        # passages the gate refuses, cross-validated; bench/RESULTS.md): the asker sees it too, as no answer.
        close = k is not None and self.answerability(exam, k) >= self.model.llm_floor
        near, template = (k, messages.NEAREST_PASSAGE) if close else (None, "")
        if (order and hard and not exam.eligible[order[0]]
                and self.answerability(exam, order[0]) >= self.model.threshold):
            near, template = order[0], messages.MISSING_DETAIL
        related: list[Source] = []
        text = messages.NOT_FOUND
        if near is not None:
            chunk = self.chunks[exam.indices[near]]
            quote = quote_of(chunk, [], None)
            related.append(source_of(chunk, quote))
            detail = messages.DETAIL_NAMES.get(hard[0], "所问的细节") if hard else ""
            if hard and hard[0] == "org_name" and exam.asked.unit:  # 「哪个宾馆」「哪个网站」: the kind of place asked
                body = exam.asked.unit.split("|")[0]
                body = {"有限公司": "公司", "部": "部门"}.get(body, body)
                detail = f"具体的{body}名称"
            text = template.format(detail=detail,
                                   quote=quote, citation=related[0].citation(), published=chunk.published)
        result = Answer(found=False, answer=text, related=related, leads=self._leads(exam) if close else [])
        result.suggestions = self.suggestions(exam, order)
        return result

    def _leads(self, exam: Examination) -> list[Source]:
        """The best eligible candidates, for an LLM to read when the gate refused."""
        order = [j for j in np.argsort(-exam.probabilities) if exam.eligible[j]][:LLM_LEADS]
        return [source_of(c, c.text) for c in (self.chunks[exam.indices[j]] for j in order)]

    def suggestions(self, exam: Examination, order: list[int]) -> list[str]:
        """Up to three nearby topics the documents do answer (each checked by asking it), as questions to tap:
        the candidate's section heading, else its article's title, else the opening clauses of its sentence."""
        out: list[str] = []
        tried: set[str] = set()
        for k in order[:8]:
            c = self.chunks[exam.indices[k]]
            if c.kind == "meta":
                continue
            heading = _HEADING_NUMBER.sub("", c.section.split(" ")[-1]) if c.section else ""
            place = (self.doc_places.get(c.doc_id) or [""])[0]
            for topic in (f"{place}{heading}" if heading else c.article_title, _opening(c.text)):
                topic = topic.strip()
                if (not topic or len(topic) > MAX_SUGGESTION_CHARS or topic in tried or topic in out
                        or len(tried) >= SUGGESTION_TRIES):
                    continue
                tried.add(topic)
                if self._answers(topic):
                    out.append(topic)
                    break
            if len(out) == 3:
                break
        return out

    def _answers(self, question: str) -> bool:
        """True when the extractive gate would answer this question."""
        exam = self.examine(question)
        k = self.best(exam) if exam.indices and not exam.unknown_place else None
        return k is not None and self.answerability(exam, k) >= self.model.threshold

    def _places_with_documents(self) -> list[str]:
        return sorted({p for ps in self.doc_places.values() for p in ps})

    def passages(self, answer: Answer, *, limit: int) -> list[Passage]:
        """Paragraphs around the answer (or, for a refusal, around each lead), for an LLM to compose from."""
        if not answer.sources:
            return self._lead_passages(answer.leads, limit=limit)
        top = answer.sources[0]
        chunks = self.by_article.get(top.article_id, [])
        paragraphs: dict[int, list[Chunk]] = {}
        for c in chunks:
            if c.kind != "meta":
                paragraphs.setdefault(c.paragraph, []).append(c)
        order = sorted(paragraphs, key=lambda p: abs(p - top.paragraph))[:limit]
        return [Passage(title=top.title, published=top.published, text="".join(c.text for c in paragraphs[p]),
                        article_id=top.article_id, chunk_id=paragraphs[p][0].chunk_id) for p in sorted(order)]

    def _lead_passages(self, leads: list[Source], *, limit: int) -> list[Passage]:
        """The paragraph of each lead, once each, in the leads' order."""
        out: list[Passage] = []
        seen: set[tuple[str, int]] = set()
        for lead in leads:
            if (lead.article_id, lead.paragraph) in seen or len(out) == limit:
                continue
            seen.add((lead.article_id, lead.paragraph))
            chunks = [c for c in self.by_article.get(lead.article_id, [])
                      if c.paragraph == lead.paragraph and c.kind != "meta"]
            if chunks:
                out.append(Passage(title=lead.title, published=lead.published, text="".join(c.text for c in chunks),
                                   article_id=lead.article_id, chunk_id=chunks[0].chunk_id))
        return out


_META_MATCH, _COVER_OWN = FEATURES.index("meta_match"), FEATURES.index("cover_own")
_TITLE_COVER = FEATURES.index("title_cover")
_COVER_CONTEXT = FEATURES.index("cover_context")


def _covered(row) -> float:
    """How much of the question a candidate holds, in its text or its context (a list's row: in its heading)."""
    return max(row[_COVER_OWN], row[_COVER_CONTEXT])


# Kinds of official document a question may name: 「青峪市的实施方案文号是多少」 is not answered by a list's 文号.
# a kind of document, not a body named after it (「规划财务处」 is no 规划)
_DOCUMENT_KINDS = re.compile(rf"(?:{DOCUMENT_KINDS}|复函|请示|通报|报告)(?![处科司局室部厅股院组])")
_NEWS_CREDITS = ("电头", "记者", "作者", "编辑")


def _outside_spans(year: str, text: str) -> bool:
    """Whether a text names the year on its own, not only as an end of a span (2024 in 「2019年至2024年」)."""
    return year in _YEAR_SPAN.sub("", text)


def _best_eligible(exam: Examination, *, default: int) -> int:
    """Position of the best-ranked eligible candidate (default when none is eligible)."""
    return max((j for j in range(len(exam.indices)) if exam.eligible[j]), key=lambda j: exam.probabilities[j],
               default=default)


def _ruled_out(chunk: Chunk, exam: Examination, row: list[float], printed: str = "") -> bool:
    """A passage that cannot answer, whatever its score: a question, metadata nobody asked for, or a passage
    lacking what the question's wording requires (the document kind, the post, how things stand)."""
    asked = exam.asked
    return ((_is_question(chunk) and not _names_the_speaker_asked(chunk, asked))
            or _unasked_metadata(chunk, row, asked) or _metadata_of_another_kind(chunk, asked, printed)
            or _target_for_status(chunk, asked) or _another_post(chunk, asked) or _another_batch(chunk, asked)
            or _another_money(chunk, asked) or _another_level(chunk, asked) or _opposite_event(chunk, asked)
            or _counts_another_thing(chunk, asked) or _count_for_a_list(chunk, asked)
            or _another_body(f"{chunk.section}{chunk.lead}{chunk.text}", exam)
            or _another_person(f"{chunk.section}{chunk.lead}{chunk.text}", exam)
            or _lacks_the_part(chunk, exam) or _scale_for_a_score(chunk, asked) or _only_the_figure_given(chunk, asked)
            or _lacks_definition(chunk, asked) or _cites_another_document(chunk, exam))


# 「鶗鴂是一种什么鸟」「“芒”指的是什么」「“两免一减半”是啥意思」: what a term is or means
_DEFINITION_ASKED = re.compile(r"(?:到底|究竟)?(?:是(?:一种|一个|个)?(?:什么|啥)(?:鸟|动物|植物|东西|虫)|指的?是?(?:什么|啥)|"
                               r"是?(?:什么|啥)意思)")


def _defined_term(question: str) -> str:
    """The term a question asks the meaning of: the quoted one, or the word right before 「是什么…」 (「鶗鴂」)."""
    m = _DEFINITION_ASKED.search(question)
    if not m:
        return ""
    before = re.sub(r"(?:到底|究竟)$", "", question[:m.start()])
    quoted = re.search(r"[“\"]([^”\"]{1,12})[”\"]$", before)
    if quoted:  # 「“反舌”到底是什么鸟」, not 「“始鸣”，开始叫的是什么鸟」
        return quoted.group(1)
    term = re.split(r"[的里中说，,。？?！!“”\s]", before)[-1]
    return term if len(term) >= 2 and not re.search(r"\d", term) else ""  # 「36万公里指的是啥」 asks what was counted


def _lacks_definition(chunk: Chunk, asked: Asked) -> bool:
    """「鶗鴂是一种什么鸟」 is not answered by 「二候鶗鴂始鸣」: a passage naming the term without saying what it is
    (「X是…」「X，即…」「X节气，意味着…」「X（…）」)."""
    term = _defined_term(asked.text)
    if not term:
        return False
    return not re.search(re.escape(term) + r"[”\"]?[^。；;，,]{0,4}[，,]?\s*(?:是|指|即|意为|意味着|意思是|也就是|就是|[（(：:])",
                         chunk.text)


# The two ends of an event: 「哪天闭幕」 is not answered by the day it opened, nor 「已完工多少」 by how many started.
_EVENT_ENDS = (re.compile(r"开幕|开始|启动|开工|开班|开馆|开园|开通"),
               re.compile(r"闭幕|结束|截止|完工|竣工|收官|落幕|闭馆|结业|到期|期满"))


_DATE_SPAN = re.compile(r"[\d一二三四五六七八九十](?:年|月|日|号)?\s*(?:至|到|—|－|~|～|-)\s*(?:\d{4}年)?\d{1,2}[月日号]|"
                        r"\d{4}年?\s*(?:至|到|—|－|~|～|-)\s*\d{4}年")


_LASTING = frozenset({"持续", "历时", "为期", "延续", "持续时间", "时长", "多长"})
_PERIOD_WORDS = frozenset({"周期", "期限"})
_PLAIN_ENDS = frozenset({"开始", "结束"})  # 截止, 启动, 期满 name things too (启动会, 期满评估); these do not


_RELATIVE_YEARS = {"前年": -2, "去年": -1, "今年": 0, "明年": 1, "后年": 2}


def _years_of(terms: QuestionTerms, this_year: int) -> QuestionTerms:
    """「今年」 as the documents write it too (「2026年」): the asker's year, counted from today."""
    forms = dict(terms.forms)
    for word in terms.words:
        if word in _RELATIVE_YEARS:
            forms[word] = (*forms.get(word, (word,)), f"{this_year + _RELATIVE_YEARS[word]}年")
    return replace(terms, forms=forms) if forms != terms.forms else terms


def _without_ends(terms: QuestionTerms, also: frozenset[str] = frozenset()) -> QuestionTerms:
    """A when-question's words without the end it asks about (「公示到哪天结束」): 「公示期为…至4月23日」 says when it
    ends without the word, and a passage naming the other end is ruled out apart (_opposite_event). A how-long
    question's verb of lasting (「试点持续多久」) is how it asks, answered by 「通过3年左右的努力」 without the word."""
    kept = tuple(w for w in terms.words if w not in _PLAIN_ENDS and w not in also)
    if kept == terms.words:
        return terms
    return replace(terms, words=kept, focus=tuple(w for w in terms.focus if w in kept),
                   forms={w: f for w, f in terms.forms.items() if w in kept})


def _opposite_event(chunk: Chunk, asked: Asked) -> bool:
    """A passage naming only the other end of the event the question asks about."""
    text = f"{chunk.section}{chunk.lead}{chunk.text}"
    if _DATE_SPAN.search(text):
        return False  # 「试点期为2025年10月至2028年9月」 gives both ends
    for this, other in (_EVENT_ENDS, _EVENT_ENDS[::-1]):
        if this.search(asked.text) and not other.search(asked.text):
            return bool(other.search(text)) and not this.search(text)
    return False


_LEVEL = re.compile(r"全(国|省|市|县|区)")


def _another_level(chunk: Chunk, asked: Asked) -> bool:
    """「全省营业收入一共多少」 is not answered by what 「全市（州）」 must reach: an amount asked for the whole of one
    level (全国/全省/全市) needs a passage about that level, not only about another."""
    if "amount" not in asked.kinds:
        return False
    wanted = set(_LEVEL.findall(asked.text))
    named = set(_LEVEL.findall(f"{chunk.section}{chunk.lead}{chunk.text}"))
    return bool(wanted) and bool(named) and not wanted & named


_BODY_SUFFIXES = ("厅", "局", "委员会", "中心", "协会")  # what a body's name ends in
_BODY_WORD = re.compile(rf"[\u4e00-\u9fff]{{2,}}(?:{'|'.join(_BODY_SUFFIXES)}|委)$")
_BODY_IN_TEXT = re.compile(rf"[\u4e00-\u9fff]{{2}}(?:{'|'.join(_BODY_SUFFIXES)})")
_CONTACT_KINDS = ("phone", "email", "address", "name")
_NAMED_BODY = re.compile(r"[\u4e00-\u9fff]{2,10}(?:部|厅|局|委|委员会|署)")  # 人社部 财政厅 人社局 发改委, not a cut 「设部」
# words ending as a body's name does that name none (东部, 全部, 干部, 部门 itself)
_NOT_BODIES = frozenset("东部 西部 南部 北部 中部 内部 外部 干部 本部 总部 局部 头部 底部 顶部 支部 俱乐部 "
                        "大部 细部 结局 格局 布局 大局 全局 当局 开局 出局 平局".split())
_PLACES_ASKED = re.compile(r"城市|地区|地市|县|省份|哪几个市|哪些市")
_PLACE_LIST = re.compile(r"[\u4e00-\u9fff]{2,4}(?:市|县|区|省)[、和及][\u4e00-\u9fff]{2,4}(?:市|县|区|省)")
_TOTAL_CELL = re.compile(TOTAL_WORDS)
_GENERIC_CONTACT_WORDS = frozenset("联系 联系人 联系电话 电话 手机 邮箱 地址 咨询 咨询电话 号码 方式 联系方式".split())


def _another_body(text: str, exam: Examination) -> bool:
    """「财政厅那位同志的邮箱」 is not answered by the contact line of 人社厅: a contact asked of a body the question
    names needs a passage (its section, lead-in and text) naming that body in any of its forms, when the passage
    names a body at all."""
    if not set(_CONTACT_KINDS) & set(exam.asked.kinds):
        return False
    words = list(exam.terms.words)
    bodies = [w for w in words if _BODY_WORD.match(w) and w[0] not in "省市县本我该"]
    # a body the question's words name apart (「社会」「事业」「局」): its last word and the suffix
    bodies += [f"{a}{b}" for a, b in zip(words, words[1:]) if b in _BODY_SUFFIXES and len(a) > 1]
    if not bodies or not _BODY_IN_TEXT.search(text):
        return False
    return not any(mentions(text, f) or mentions(text, f.lstrip("省市县")) for b in bodies
                   for f in exam.terms.forms.get(b, (b,)))


def _another_person(text: str, exam: Examination) -> bool:
    """「联系人邝嘉禾的电子邮箱」 is not answered by another contact's line: a contact asked of a person the question
    names needs a passage naming that person."""
    if not set(_CONTACT_KINDS) & set(exam.asked.kinds):
        return False
    names = person_names(exam.asked.text)
    return bool(names) and not any(name in text for name in names)


def _counts_another_thing(chunk: Chunk, asked: Asked) -> bool:
    """「签约了多少家制造业企业」 is not answered by 「引进…区域总部4家」: a count of a named kind of thing needs a passage
    (or its section) naming that kind."""
    head = counted_head(asked.text) if "amount" in asked.kinds else ""
    return bool(head) and head not in f"{chunk.section}{chunk.lead}{chunk.text}"


def _heading_and_text(chunk: Chunk) -> str:
    """A passage with its own heading and lead-in: where a question's words may stand."""
    return f"{chunk.section.split(' ')[-1]}{chunk.lead}{chunk.text}"


_STATED_COUNT = re.compile(r"\d+(?:家|个|名|人|项|所|条|类|批|座|次)")


def _count_for_a_list(chunk: Chunk, asked: Asked) -> bool:
    """「那23家成员企业都有哪些」 is not answered by 「目前已有成员企业23家」: a passage stating the count the question
    already knows, and naming none of the things, lists nothing."""
    if "list" not in asked.kinds or chunk.kind != "text" or chunk.text.endswith(("：", ":")):
        return False
    counts = set(_STATED_COUNT.findall(asked.text))
    return bool(counts) and any(c in chunk.text for c in counts) and not re.search(r"[、；;]", chunk.text)


_SHARE_VERB = re.compile(r"占|占了|占比|比例|比重|有|是|分|分给|又|能|发生|位于|属于|来自|出现|分布")  # 「哪些发生在X」: X picks


def _lacks_the_part(chunk: Chunk, exam: Examination) -> bool:
    """「387万个停车位里，有多少个带充电桩」 is not answered by the sentence stating the 387万: a part asked of a total
    the question quotes needs a passage naming every word that picks the part out."""
    part = part_of_total(exam.asked.text)
    if not part:
        return False
    text = normalize(f"{chunk.section}{chunk.lead}{chunk.text}")
    words = [w for w in exam.terms.words if w in part and not _SHARE_VERB.fullmatch(w)]
    return any(not any(mentions(text, f) for f in exam.terms.forms.get(w, (w,))) for w in words)


# A question about the scale itself: 「多少分算优秀」「60分以上才合格吗」「及格线是多少分」「满分多少分」.
_ASKS_SCALE = re.compile(r"算|才|以上|以下|低于|高于|不足|不到|超过|少于|多于|达到|及格|合格|门槛|线|满分|档|等次|等级划分|标准|怎么评|如何评|分为|"
                         r"占|分值|权重|\d|^(?!.*[得打扣]).*指标")  # 「这一大项占多少分」「这个一级指标多少分」 ask what it weighs


def _scale_for_a_score(chunk: Chunk, asked: Asked) -> bool:
    """「最后打了多少分」 asks the score given, which a grading scale (「90分（含）以上为“优”…」) does not state."""
    if "amount" not in asked.kinds or "分" not in asked.unit.split("|") or _ASKS_SCALE.search(asked.text):
        return False
    return states_only_bounds(chunk.text, "分")


_STATED_SPAN = re.compile(r"\d+(?:\.\d+)?\s*(?:个月|个多月|周|个?小时|个?工作日|天|年)(?:内|以内|之内|里|来|间)?")
_ABOUT_THE_FIGURE = re.compile(r"还是|[那这]个数|数字|指的是|说的是|是指|谁占谁")


def _only_the_figure_given(chunk: Chunk, asked: Asked) -> bool:
    """「重庆开工率过了50%，具体是百分之多少」 is not answered by 「6个地区开工率超过50%」: a passage whose only figures
    in the asked unit are the ones the question states tells the asker nothing new."""
    if "amount" not in asked.kinds:
        return False
    if _ABOUT_THE_FIGURE.search(asked.text):
        return False  # 「5000多万那个数，说的是多少人还是多少家」 asks what the figure counts: its sentence says
    text = _STATED_SPAN.sub("", asked.text)  # 「联合体3个月帮他们招了多少人」: a span the count is over, no figure of it
    units = [u for u in asked.unit.split("|") if u] or [u for _, _, u in valued_numbers(text) if u not in ("年", "天")]
    if not units:
        return False
    stated = {float(n) for n in re.findall(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.]|\s*年)", text)}
    if not stated:
        return False
    alternatives = "|".join(re.escape(u) for u in units)
    figures = [float(m.group(1)) for m in re.finditer(rf"(?<![\d.])(\d+(?:\.\d+)?)\s*(?:多|余)?\s*(?:万|亿)?(?:{alternatives})",
                                                       chunk.text)]
    return bool(figures) and all(f in stated for f in figures)


def _contact_places_asked(exam: Examination) -> set[str]:
    """The places (short forms) a question asking for a phone, e-mail or address names; none for other questions."""
    if not {"phone", "email", "address"} & set(exam.asked.kinds):
        return set()
    return {_short(p) for p in exam.places}


_CITED_NUMBER = re.compile(r"《([^》]{4,80})》[（(]([^（）()]*[〔\[［(（]\d{4}[〕\]］)）]\d{1,4}号)[）)]")


def _cites_another_document(chunk: Chunk, exam: Examination) -> bool:
    """「那个报告的文号」 is not answered by 「根据《…财政局…的通知》（航财预〔2025〕19号）…」: a number printed after the
    title it cites is that document's; it answers only a question naming that document's words (「财政局那个通知」)."""
    if "doc_number" not in exam.asked.kinds or chunk.kind == "meta":
        return False
    cited = _CITED_NUMBER.findall(chunk.text)
    if not cited or holds_kind("doc_number", _CITED_NUMBER.sub("", chunk.text)):
        return False  # a number of its own stands beside the cited ones
    own = normalize(chunk.article_title)
    words = [w for w in exam.terms.words if len(w) > 1 and w not in own]
    return not any(w in normalize(title) for title, _ in cited for w in words)


def _another_money(chunk: Chunk, asked: Asked) -> bool:
    """「培训中心补助多少」 is not answered by a revenue target (「营业收入达到85亿元」): an amount of money asked
    about a kind of money (a subsidy, a revenue, a fund) needs a passage naming that kind."""
    if "amount" not in asked.kinds or asks_rate(asked.text):
        return False
    wanted = money_kinds(asked.text)
    return bool(wanted) and not wanted & money_kinds(f"{chunk.section} {chunk.lead} {chunk.text}")


def _names_the_speaker_asked(chunk: Chunk, asked: Asked) -> bool:
    """「林雪梅在发言中说。」 says only who spoke, which is what 「那位总监叫什么名字」 asks; a reporter's question
    under its tag (「【璟南日报记者】 …如何保障？」) says who asked it, which is what 「问…的是哪家媒体」 asks."""
    if _ASKER_TAG.match(chunk.text) and _ASKER_ASKED.search(asked.text):
        return True
    return bool({"name", "person"} & set(asked.kinds)) and is_speech_tag(chunk.text) and names_person(chunk.text)


_ASKER_TAG = re.compile(r"^[【\[][^】\]]{0,16}(?:记者|代表|委员|网友)[^】\]]{0,6}[】\]]")
_ASKER_ASKED = re.compile(r"(?:谁|哪家|哪个|哪位)[^，。？?]{0,8}(?<![请访])(?:提问|问)(?!题)|"
                          r"(?<![请访])(?:提问|问)(?!题)[^？?]{0,24}(?:谁|哪家|哪个|哪位)")


_PHASE = re.compile(r"(?<![第同每上下本这那近前后\d一二三四五六七八九十])([一二三四五六七八九十])期(?=工程|建设|项目|平台|园区|[，,。、；的]|$)")


_PERIOD_UNITS = frozenset({"月", "季度", "次", "场"})


def _another_period(chunk: Chunk, asked: Asked, opener: str = "") -> bool:
    """「到9月底有多少家」 is not answered by 「截至6月30日…47家」, 「第四季度」 by a report on the third, 「第二次会议」 by
    the fourth, nor 「第三场」 by the row of the 首场: the passage speaks of another month, quarter, sitting or
    session. A question checking a belief (「是不是8月底截止的」) is answered by the true one."""
    if "yesno" in asked.kinds:
        return False
    wanted = {(v, u) for v, u in dated_numbers(asked.text) if u in _PERIOD_UNITS}
    if not wanted:
        return False
    stated = dated_numbers(f"{chunk.article_title} {chunk.section} {chunk.lead} {opener} {chunk.text}")
    return any(w not in stated and any(u == w[1] for _, u in stated) for w in wanted)


def _another_batch(chunk: Chunk, asked: Asked) -> bool:
    """「第5期简报讲了什么」「第二批试点什么时候启动」 are not answered by a passage of 第6期 or about 第一批, nor
    by one naming no batch at all; 「平台一期花了多少钱」 is not answered by the passage on 二期."""
    phases = set(_PHASE.findall(asked.text))
    named_phases = set(_PHASE.findall(chunk.text))
    if phases and named_phases and not phases & named_phases:
        return True
    wanted = set(ordinals(asked.text, "批期届"))
    if not wanted:
        return False
    units = {w[-1] for w in wanted}
    own = set(ordinals(chunk.text, "批期届"))
    # 「首期…48名学徒已结业」 under the heading on 第二期 speaks of the 首期: the passage's own batch comes first
    named = own if any(n[-1] in units for n in own) else set(
        ordinals(f"{chunk.article_title} {chunk.section} {chunk.text}", "批期届"))
    if not any(n[-1] in units for n in named):
        # a passage naming no batch speaks of the one there is: not of a 第二批 still to come
        return any(not w.startswith("第一") for w in wanted)
    return not wanted & named


def _metadata_of_another_kind(chunk: Chunk, asked: Asked, printed: str = "") -> bool:
    """A metadata line of a document whose kind is not the one the question names, by its title or the title
    printed atop it (an admin filed 「…绩效目标申报表」 for the 「关于报送…绩效目标的报告」 it covers)."""
    if chunk.kind != "meta" or "metadata" not in asked.kinds or chunk.label in _NEWS_CREDITS:
        return False  # a news story's dateline and byline: readers call the story a 报道, 稿子 or 解读 alike
    kinds = _DOCUMENT_KINDS.findall(asked.text)
    return bool(kinds) and not _of_kind(chunk.article_title, kinds) and not any(k in printed for k in kinds)


PRINTED_TITLE_LINES = 4  # the lines a document's own title may take atop it, under its issuer and number


def _printed_title(chunks: list[Chunk]) -> str:
    """The lines printed atop a document before its first heading, other than metadata: the title as issued
    (「关于报送…项目支出」「绩效目标的报告」), which may name another kind than the title it was filed under."""
    head = []
    for c in chunks[:PRINTED_TITLE_LINES * 3]:
        if c.section or re.search(r"[。：:；;]$", c.text) or len(head) == PRINTED_TITLE_LINES:
            break  # the salutation or the first sentence: the body has begun
        if c.kind == "text":
            head.append(c.text)
    return "".join(head)


def _of_kind(title: str, kinds: list[str]) -> bool:
    """A document is of a kind its title names (a guide or plan is issued under a covering 通知 that readers call
    it by)."""
    return any(k in title for k in kinds) or ("通知" in kinds and title.endswith(_ISSUED_UNDER_NOTICE))


_ISSUED_UNDER_NOTICE = ("方案", "指南", "办法", "细则", "措施", "名单", "规定", "意见", "规划", "要点", "报告", "计划", "清单")


def _another_post(chunk: Chunk, asked: Asked) -> bool:
    """「副组长由谁担任」 is not answered by a passage that never names a 副组长."""
    post = post_asked(asked.text) if "person" in asked.kinds else ""
    if post.endswith("负责人"):
        post = post[:-1]  # 「项目由合伙人俞晚晴负责」 names the project's 负责人
    return bool(post) and post not in f"{chunk.section}{chunk.lead}{chunk.text}"


def _target_for_status(chunk: Chunk, asked: Asked) -> bool:
    """「目前已经建成几个培训中心」 is not answered by a plan's target 「到2027年底建设培训中心8个」."""
    # a section reporting results (「一、充分肯定试点工作取得的阶段性成效」) says its 「达到64家」 is done
    return ("status" in asked.kinds and "amount" in asked.kinds and only_targets(f"{chunk.lead}{chunk.text}")
            and not _RESULTS_HEADING.search(chunk.section))


_RESULTS_HEADING = re.compile(r"成效|成绩|进展情况|完成情况|工作情况|取得|回顾")


def _unasked_metadata(chunk: Chunk, row: list[float], asked: Asked) -> bool:
    """A byline or dateline (「新华社北京6月4日电（记者 王优玲）」) answers only a question about it: one that
    asks for metadata of its kind, or shares a word with it. An attachment's title (「3. 典型案例撰写提纲」)
    answers which attachments there are, not what the attachment says."""
    if chunk.kind != "meta":
        return False
    # a dateline answers when the story was filed, not when what it reports happens (「618从哪天开始」)
    dated_only = meta_labels(chunk) == {"电头"} and "metadata" not in asked.kinds
    return (((not row[_META_MATCH] or dated_only) and not row[_COVER_OWN])
            or (chunk.label == "附件" and "附件" not in asked.text))



def _is_question(chunk: Chunk) -> bool:
    """A question sentence (an interview's own sub-heading) and a bare speech tag (「上述负责人说。」, which
    only says who spoke the sentence before it) never answer."""
    return chunk.text.endswith(("？", "?")) or is_speech_tag(chunk.text)


def is_speech_tag(sentence: str) -> bool:
    """「上述负责人说。」「…总监林雪梅在发言中说。」: only who spoke the sentence before it."""
    return bool(_SPEECH_TAG.fullmatch(sentence))


_ADDRESSED = re.compile(r"发给|主送|下发给|印发给|(?<!抄)送给|发往|发到")


# How an asker refers to a document and what it says (「那篇讲…的新闻」), not what it is about.
_DOCUMENT_WORD = re.compile(r"稿子?|文章|新闻|报道|消息|通知|文件|那篇|这篇|篇|讲|说|谈|关于|提到")
# Asked for an article's title itself, not for what a word of the title means (「标题里说的权威部门指哪个部门」).
_TITLE_ASKED = re.compile(r"(?:标题|题目)(?:是|叫|为|写的是?|怎么写的?)(?:什么|啥)?(?:[？?]|$)|"
                          r"(?:标题|题目)(?:是|叫|为|写的是?)(?:什么|啥)|什么标题|标题(?:开头|打头|前面|前半|后面|后半|全称)|"
                          r"大标题|主标题|副标题")
_SENT_UP = re.compile(r"(?:报送|报给|呈报)(?:给)?了?(?:哪|谁)|报送单位")
_PUBLISHED = re.compile(r"发布|公布|公开|上网|挂网|published")
_FILED = re.compile(r"发稿|电稿|电头|从哪里?发")
_CHECKED_BY = {"审核": "审核", "审签": "审核", "终审": "审核", "审校": "审核", "校对": "校对"}
_CATEGORY_ASKED = re.compile(r"哪一?类|什么类别|类别")
_CONTACT_ASKED = re.compile(r"联系|找谁|向谁(?:反映|咨询|投诉|举报)")  # 「有异议，找谁反映」: the contact lines


def _wanted_metadata(asked: Asked) -> tuple[str, ...]:
    """The metadata lines a question about a document itself asks for, the likeliest first ("" kinds: none)."""
    if "metadata" not in asked.kinds:
        return ()
    if "doc_number" in asked.kinds:
        return ("文号",)
    if "抄送" in asked.text:
        return ("抄送",)
    if "附件" in asked.text:
        return ("附件",)
    if "ordinal" in asked.kinds and "期" in asked.text:
        return ("期号",)
    if _SENT_UP.search(asked.text):
        return ("报送", "主送")
    if _ADDRESSED.search(asked.text):
        return ("主送", "报送")
    if _CONTACT_ASKED.search(asked.text) or {"phone", "email"} & set(asked.kinds):  # 「几号前报给谁？联系人是谁」
        return ("联系人",)
    if "date" in asked.kinds or "year" in asked.kinds:  # a site's 发布日期 answers 「哪天发布/公布的」 first
        # the 印发 line at the foot (「…办公室　2026年3月16日印发」) dates a document that prints no date line
        return (("发布日期", "成文日期", "电头", "印发") if _PUBLISHED.search(asked.text)
                else ("成文日期", "发布日期", "电头", "印发"))
    if {"place", "address"} & set(asked.kinds) and _FILED.search(asked.text):  # 「发稿地是哪儿」: the dateline
        return ("电头",)
    if "编辑" in asked.text:
        return ("编辑",)
    role = next((label for word, label in _CHECKED_BY.items() if word in asked.text), "")
    if role:  # 「推文是谁审核的」: the line naming who checked it
        return (role,)
    if _CATEGORY_ASKED.search(asked.text):  # 「那个建议的答复属于哪一类」: a reply's 类别 (A类/B类)
        return ("类别",)
    if "签发" in asked.text and ("person" in asked.kinds or "签发人" in asked.text):  # 「答复是谁签发的」
        return ("签发人", "发文机关")
    if "organisation" in asked.kinds or _ISSUER_ASKED.search(asked.text):  # 「发文单位是谁」 asks for a body
        return ("发文机关",)
    if SPEECH_ASKED.search(asked.text):  # 「推进会上是谁讲的话」: the speaker a speech's title names
        return ("讲话人",)
    if "person" in asked.kinds:  # 「配图是谁拍的」 asks for the photo's credit before the byline
        return ("作者", "记者") if _PICTURED.search(asked.text) else ("记者", "作者")
    return ()


_QUOTED = re.compile(r"[“「\"『]([^”」\"』]{2,20})[”」\"』]")
_DATE_LABELS = ("成文日期", "发布日期")
_NAMED_CITY = re.compile(r"(?<![\u4e00-\u9fff])([\u4e00-\u9fff]{2,3})[市县]")
# 「（具体时间见附表）」「详见附件2」: a passage that leaves its detail to an attached table
_POINTER = re.compile(r"见\s*(附表\s*\d*|附件\s*\d*)")
_CITY_ASKED = re.compile(r"哪一?[座个]城市|哪一?个市|哪座城")  # a city's name, not 「试点城市原则上为地级及以上城市」
# Which places or bodies (「哪些城市入选了」「是哪三个部门」「成员企业都有哪些」): a set asked for by its members' names.
_PLACE_NOUNS = "城市|地市|地区|县|市|省份|省"
_BODY_NOUNS = "部门|单位|机构|企业|公司|学校|院校|高校"
# the noun after 「哪几个」 first (「首批试点城市是哪几个部门定的」 asks for bodies), else the one before 「都有哪些」
_NAMES_ASKED = (re.compile(rf"(?:哪些|哪几|哪[两三四五六七八九十])(?:个|家|座|所)?(?:试点|入选|参与)?({_PLACE_NOUNS}|{_BODY_NOUNS})"),
                re.compile(rf"(城市|地市|地区|省份|{_BODY_NOUNS})(?:名单)?(?:里|中)?(?:都|具体|分别|主要)?(?:有|是|包括)?"
                           r"(?:哪些|哪几|哪[两三四五六七八九十]个)"))
# Whom to turn to (「该找谁咨询」「找谁更正」「联系谁」): a contact person
_CONTACT_ASKED = re.compile(r"找谁|向谁(?:反映|咨询|投诉|举报|申请)|(?:联系|对接|咨询|问)谁")
_PERSONS_ASKED = re.compile(r"分别是谁|都是谁|都有谁|是哪些人|有哪些人|是哪几位|有哪几位")
# 「哪些企业可以申请」「哪些城市能入选」 ask who qualifies: a condition answers them, not names.
_WHO_MAY = re.compile(r"能|会|可以|可|要|应|需|得|符合|条件|允许|资格|适合")
# what a body's name ends in, as the tokenizer cuts it (「财政部」「社会保障」「厅」「有限公司」)
_BODY_ENDS = ("公司", "集团", "厂", "厅", "局", "部", "委员会", "委", "署", "院", "学院", "学校", "大学", "中心", "协会", "商会",
              "联合会", "基金会", "工会", "管委会", "政府", "办公室", "银行", "研究所")


def _names_asked(asked: Asked) -> str:
    """What kind of name the question asks for: a city's (「哪座城市」), places' or bodies' (「哪些城市」「哪几家单位」),
    people's (「分别是谁」), or "" (「哪些企业可以申请」 asks who qualifies)."""
    if _CITY_ASKED.search(asked.text):
        return "city"
    if _PERSONS_ASKED.search(asked.text):
        return "persons"
    noun = _asked_noun(asked.text)
    if not noun or _WHO_MAY.search(asked.text):
        return ""
    return "places" if re.fullmatch(_PLACE_NOUNS, noun) else "body"


def _asked_noun(question: str) -> str:
    """The kind of thing whose names a question asks for (城市, 部门), or ""."""
    m = _NAMES_ASKED[0].search(question) or _NAMES_ASKED[1].search(question)
    return m.group(1) if m else ""


def _bodies_named(words: list[str], dictionary: Container[str]) -> list[str]:
    """The bodies a text names, from its words: 「财政部」, or 「信息化」「厅」 read together as 「信息化厅」 (a two-character
    dictionary word is an ordinary word: 「部署」「内部」)."""
    out = []
    for before, word in zip(["", *words], words):
        if not word.endswith(_BODY_ENDS) or len(word) == 2 and word in dictionary and word not in _BODY_ENDS:
            continue
        name = word if len(word) >= 3 else f"{before}{word}" if len(before) >= 2 else ""
        if re.fullmatch(r"[\u4e00-\u9fff]{3,}", name):
            out.append(name)
    return out
# 「X是国家试点城市吗」「X算不算试点城市」「X属于哪一批」: what a place is, not what it has or does
_IS_IT = re.compile(r"是[^，,。？?是]{1,14}(?<![什怎])(?:吗|么)[？?]?$|是不是|算不算|属于|是否(?:为|是|属于)|入选了?(?:吗|没有)")
_WHERE_OR_WHETHER = re.compile(r"哪个(?:省|市|州|盟|地区)|属于|是不是|是否|吗[？?]?$|有没有")
_WHY_HEADING = re.compile(r"目的|意义|原因|背景|必要性")
# Headings that are labels of one kind of fact: 「二、会议地点」 holds a place, 「一、报名时间」 a date.
_KIND_HEADINGS = {"place": re.compile(r"(?:地点|地址|会址)$"), "date": re.compile(r"(?:时间|日期)$"),
                  "time_of_day": re.compile(r"时间$")}
_NOT_STATUS = re.compile(r"(?:不是|并非|不属于|没有被?列入|没被?列入|未被?列入|没入选|未入选|不在)([\u4e00-\u9fff]{2,6}?)(?=[，,。？?的]|能|可|还|$)")
_TOTAL_ASKED = re.compile(r"一共|总共|合计|总计|共计|总额|总数|加起来|总的|一总")
_TOTAL_STATED = re.compile(r"合计|总计|共计|总额|总数|累计|总投资|其中")


def _names_purpose(heading: str, words: list[tuple[str, tuple[str, ...]]]) -> bool:
    """A heading that says it gives the purpose or reason of something the question names (「一、评估目的」)."""
    topic = [forms for w, forms in words if len(w) > 1 and not _WHY_HEADING.search(w)]
    return bool(_WHY_HEADING.search(heading)) and any(any(mentions(heading, f) for f in forms) for forms in topic)
_ISSUER_ASKED = re.compile(r"发文(?:单位|机关|部门)|(?:单位|部门|机关)的?名义|谁的名义|"
                           r"哪[个些几两三]个?(?:部门|单位|机关|厅|局|委|家)[^，。？?]{0,4}发的")
_PICTURED = re.compile(r"拍|摄|配图|图片|照片|(?<!规)画|绘")


_FIRST = re.compile(r"首([批期届])")
_ORDINAL = re.compile(r"第([一二三四五六七八九十百零〇]{1,4}|\d{1,3})([章条批期届])")
_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """15 -> 十五, 20 -> 二十, 103 -> 一百零三, 115 -> 一百一十五: how documents number their 章, 条 and 期."""
    if n < 10:
        return _DIGITS[n]
    if n < 100:
        return ("" if n < 20 else _DIGITS[n // 10]) + "十" + (_DIGITS[n % 10] if n % 10 else "")
    rest = n % 100
    tail = "" if not rest else "零" + _DIGITS[rest] if rest < 10 else ("一" if rest < 20 else "") + chinese_number(rest)
    return _DIGITS[n // 100] + "百" + tail


def ordinals(text: str, units: str) -> list[str]:
    """The 第N of the given units a text names, in Chinese numerals (「第15条」 as 第十五条, 「第6期」 as 第六期)."""
    return ([f"第{chinese_number(int(n)) if n.isdigit() else n}{unit}"
             for n, unit in _ORDINAL.findall(text) if unit in units]
            + [f"第一{unit}" for unit in _FIRST.findall(text) if unit in units])  # 首批 is 第一批


def numbered_label(text: str) -> str:
    """The 「第十五条」/「第三章」 a question names, or ""."""
    return next(iter(ordinals(text, "章条")), "")


def _short(place: str) -> str:
    """江临市 -> 江临: a place as running text names it (two characters at least)."""
    return place[:-1] if place.endswith(("省", "市", "县")) and len(place) >= 3 else place


def _holds_a_word(text: str, words: list[tuple[str, tuple[str, ...]]]) -> bool:
    """The text holds one of the question's words (in any of its forms)."""
    return any(mentions(text, f) for _, forms in words for f in forms)


def _national_named(text: str) -> bool:
    """The question is about a national body or level (「按人社部的通知」), not only sending something to it
    (「名单什么时候报到人社部」: a province's notice says when)."""
    return any(not _SENT_TO.search(text[:m.start()]) for m in _NATIONAL_BODY.finditer(text))


def _listed_as_place(name: str, text: str) -> bool:
    """「…省级试点城市砚池市均须参加」「乔阳市、砚池市」: a name made of ordinary words (砚池) is a place where the
    text lists it as one, its 市/县/省 followed by a list's mark or the verb of the sentence, not by 场 (市场)."""
    return bool(re.search(rf"{re.escape(name)}(?=[、，。；：,;:）)」”和与及等均都])", text))


def _rows_of_asked_value(members: list[Chunk], question: str) -> list[Chunk]:
    """「哪些问题还是持续推进状态」: the rows with a cell the question quotes whole (完成情况：持续推进), when some rows of
    the table have it and others do not."""
    text = normalize(question)
    asked = {v for m in members if m.kind == "row" for _, v in row_cells(m.text)
             if len(v) >= MIN_ASKED_CELL and normalize(v) in text}
    kept = [m for m in members if m.kind == "row" and asked & {v for _, v in row_cells(m.text)}]
    return kept if 1 < len(kept) < len(members) else members


def _topic_words(terms: QuestionTerms, places: list[str]) -> list[tuple[str, tuple[str, ...]]]:
    """The question's content words without the places it names: the scope already enforces those, so a city
    plan's sentence need not repeat 江临市."""
    return [(w, f) for w, f in question_words(terms) if not any(w == p or p.startswith(w) for p in places)]


def _openers(chunks: list[Chunk]) -> dict[int, str]:
    """For a clause that continues a sentence split at 「；」, the clauses before it: 「到2027年底，…骨干机构6家；」
    is what 「人力资源服务业营业收入突破110亿元；」 is a target of."""
    out: dict[int, str] = {}
    for i in range(1, len(chunks)):
        a, b = chunks[i - 1], chunks[i]
        if (a.article_id == b.article_id and a.paragraph == b.paragraph and a.kind == b.kind and a.lead == b.lead
                and a.text.endswith(("；", ";"))):
            out[i] = out.get(i - 1, "") + a.text
    return out


def _asked_column(chunk: Chunk, members: list[Chunk], words: list[tuple[str, tuple[str, ...]]], question: str) -> str:
    """The column of the chosen row's table a 「哪些」 question names (「一级指标有哪些」), when no other word of
    the question singles out rows; "" otherwise."""
    if len(members) < 2 or members[0].kind != "row":
        return ""
    named = [k for k, _ in row_cells(chunk.text) if len(k) > 1 and k in question]
    if len(named) != 1 or narrowed(members, chunk, words) != members:
        return ""
    return named[0]


def _sibling_headings_name(article: list[Chunk], parts: list[str], title: str,
                           words: list[tuple[str, tuple[str, ...]]]) -> bool:
    """Whether other headings beside the last of `parts` (under the same parent) name what it names of the
    question (阶段 in 「（一）动员部署阶段」「（三）总结评估阶段」 beside 「（二）全面推进阶段」)."""
    parent, depth = " ".join(parts[:-1]), len(parts)
    own = _HEADING_NUMBER.sub("", parts[-1])
    named = [forms for w, forms in words if len(w) > 1 and any(mentions(own, f) for f in forms)
             and not any(mentions(title, f) for f in forms)]
    siblings = {x.section.split(" ")[depth - 1] for x in article
                if x.section.startswith(parent + " ") and len(x.section.split(" ")) >= depth}
    return sum(1 for h in siblings if any(any(mentions(_HEADING_NUMBER.sub("", h), f) for f in forms)
                                          for forms in named)) >= 2


def _names_topic(heading: str, title: str, words: list[tuple[str, tuple[str, ...]]]) -> bool:
    """Every content word of the question (but one, or one in four of a long question, when two are in the heading)
    is in the heading or the document's title, and one in the heading. One-character words (交, 报) are the question's verbs, not its topic."""
    heading = _HEADING_NUMBER.sub("", heading)
    words = [(w, forms) for w, forms in words if len(w) > 1] or words
    in_heading = [any(mentions(heading, f) for f in forms) for _, forms in words]
    missing = sum(1 for h, (_, forms) in zip(in_heading, words) if not h and not any(mentions(title, f) for f in forms))
    # a question may carry one word of its own wording (「推进会上做交流发言的…」: 会上; 「要求备案时交哪些材料」: 要求)
    return any(in_heading) and (missing == 0 or (sum(in_heading) >= 2 and missing <= max(1, len(words) // 4)))


def _opening(sentence: str) -> str:
    """The first clauses of a sentence, up to MAX_SUGGESTION_CHARS, without its closing mark."""
    out = ""
    for clause in re.findall(r"[^，,；;。！？]+[，,；;]?", sentence):
        if len(out) + len(clause) > MAX_SUGGESTION_CHARS:
            break
        out += clause
    return out.rstrip("，,；;")


def deadline_notes(quote: str, published: date, today: date, registry: list[Deadline] = ()) -> list[DeadlineNote]:
    """Deadlines in a quote with days left (negative: passed): the curated registry's dates first, then any
    other dated duty resolved against the article's publication date."""
    notes = [DeadlineNote(expression=d.expression or d.title, due=d.due, end_of_month=d.precision == "month_end",
                          days_left=(d.due - today).days) for d in deadlines_in_text(quote, list(registry))]
    covered = {n.expression for n in notes}
    for m in find_dates(quote, published):
        if m.is_deadline and m.due is not None and m.expression not in covered:
            notes.append(DeadlineNote(expression=m.expression, due=m.due,
                                      end_of_month=m.precision == "month_end", days_left=(m.due - today).days))
    return notes


def deadline_line(note: DeadlineNote) -> str:
    """The status line of a deadline: its absolute date and 已截止/今天截止/还剩N天."""
    due = f"{note.due.year}年{note.due.month}月{note.due.day}日"
    if note.days_left < 0:
        return messages.DEADLINE_PASSED.format(expression=note.expression, due=due, days=-note.days_left)
    if note.days_left == 0:
        return messages.DEADLINE_TODAY.format(expression=note.expression, due=due)
    return messages.DEADLINE_LEFT.format(expression=note.expression, due=due, days=note.days_left)


def _title_points_at(exam: Examination, chunk: Chunk, rival: Chunk) -> bool:
    """The question names the chunk's document and not the rival's (「Under the Jizhou–Nixi cooperation agreement」,
    「协议里…」): a word of the question in the one title, not in the other and not in either passage (a word about
    the topic, not the document); words of two characters or more (「办」 is in any 办公室)."""
    def words(text: str) -> set[str]:
        return {w for w in exam.terms.found_in(normalize(text)) if len(w) > 1}
    topic = words(chunk.text) | words(rival.text)
    own, other = words(chunk.article_title) - topic, words(rival.article_title) - topic
    return bool(own - other) and not other - own
