"""How a chosen passage reads as an answer: the quote (with its lead-in, or a list's items), deadline lines,
and the citation of document, section and date."""
from __future__ import annotations

import re
from dataclasses import replace

from retrieval import messages
from retrieval.asking import Asked
from retrieval.models import Answer, Chunk, DeadlineNote, Source
from retrieval.terms import QuestionTerms, mentions

MAX_LIST_CHARS = 400
NAMED_META = ("文号", "成文日期", "发文机关", "主送")  # official metadata lines, shown with their name
_LISTED = ("item", "row")
_CLAUSE = re.compile(r"[^，,；;。：:]+")
_CONDITION = re.compile(r"条件|原则上|应当|应|须|需|必须|具备|符合|不得|限于|范围")
# The asker describing their own situation (我们是县级市…): an eligibility question.
_ASKER = re.compile(r"我们|我市|我县|我区|我省|我单位|我公司|我家|本市|本县|本区|我是|咱们")


def concerning_clause(quote: str, asked: Asked, terms: QuestionTerms) -> tuple[str, str] | None:
    """For an eligibility question (「我们是县级市，能报吗？」) answered by a condition: the asker's word and
    the clause of the condition it concerns, so the reply can point at it without inventing a verdict."""
    if "yesno" not in asked.kinds or not _ASKER.search(asked.text) or not _CONDITION.search(quote):
        return None
    for word in terms.words:
        forms = terms.forms.get(word, (word,))
        for clause in _CLAUSE.findall(quote):
            if any(mentions(clause, f) for f in forms):
                return word, clause.strip()
    return None


def list_members(chunk: Chunk, article: list[Chunk], asked: Asked) -> list[Chunk]:
    """For a 哪些 question answered by a list (its lead-in or one of its items): the list's items, in order."""
    if "list" not in asked.kinds:
        return []
    if chunk.text.endswith(("：", ":")) and chunk.kind != "meta":
        members = [c for c in article if c.lead == chunk.text and c.kind in _LISTED]
    elif chunk.kind in _LISTED and chunk.group:
        members = [c for c in article if c.group == chunk.group and c.lead == chunk.lead and c.kind in _LISTED]
    elif chunk.section:  # a sentence of a section that lists items: the items answer 「哪些」
        members = [c for c in article if c.group == chunk.section and c.kind in _LISTED and not c.lead]
    else:
        return []
    return members if len(members) > 1 else []


def row_cells(text: str) -> list[tuple[str, str]]:
    """A table row read aloud (「牵头单位：市人社局；完成时限：2026年6月底前」) as (column, value) pairs."""
    out: list[tuple[str, str]] = []
    for cell in text.split("；"):
        key, colon, value = cell.partition("：")
        if colon and len(key) <= 12:
            out.append((key.strip(), value.strip()))
        elif out:  # a value with a semicolon of its own (「得5分；到位率每低10个百分点扣1分」)
            out[-1] = (out[-1][0], f"{out[-1][1]}；{cell}")
        else:
            return []
    return out


def column_quote(key: str, members: list[Chunk]) -> str:
    """「一级指标有哪些」: the distinct values of one column of a table, in order, under its lead-in."""
    values = list(dict.fromkeys(v for m in members for k, v in row_cells(m.text) if k == key and v))
    head = [members[0].lead] if members[0].lead else []
    return _trimmed(head, [f"{key}：{'、'.join(values)}"]) if values else ""


def narrowed(members: list[Chunk], chosen: Chunk, words: list[tuple[str, tuple[str, ...]]]) -> list[Chunk]:
    """The members a 「哪些」 question singles out: those holding a question word the chosen member holds and most
    of its list does not (「产业园扩容这项任务，配合单位有哪些」 is about one row, not the table)."""
    if not members:
        return members

    def values(c: Chunk) -> set[str]:
        return {v.lower() for _, v in row_cells(c.text)} if c.kind == "row" else set()

    # a word that is a whole cell of the table picks the rows with that cell (「评级AA的」: not the 「AAA」 rows)
    cells = set().union(*(values(m) for m in members))

    def holds(c: Chunk, forms: tuple[str, ...]) -> bool:
        if cells.intersection(forms):
            return bool(values(c).intersection(forms))
        return any(mentions(c.text.lower(), f) for f in forms)  # question words are lower case (「aaa」)

    picking = [forms for w, forms in words if len(w) > 1 and holds(chosen, forms)
               and sum(holds(m, forms) for m in members) * 2 < len(members)]
    if not picking:
        return members
    kept = [m for m in members if any(holds(m, forms) for forms in picking)]
    return kept if len(kept) > 1 else []


def is_inline_heading(chunk: Chunk) -> bool:
    """A sentence led by the heading that opens its paragraph (「（一）启动部署阶段（2025年10月—12月）。」)."""
    return chunk.kind == "text" and chunk.lead.endswith("。")


def quote_of(chunk: Chunk, members: list[Chunk], neighbour: Chunk | None) -> str:
    """The verbatim text shown: a list with its lead-in, an item with its lead-in, or one or two sentences."""
    if members:
        lead = chunk.text if chunk.text.endswith(("：", ":")) else members[0].lead
        return _trimmed([lead] if lead else [], [m.text for m in members])
    second = neighbour.text if neighbour is not None else ""
    if chunk.lead and (chunk.kind in (*_LISTED, "duty") or is_inline_heading(chunk)):
        return f"{chunk.lead}{chunk.text}{second}"
    return chunk.text + second


def source_of(chunk: Chunk, quote: str) -> Source:
    """The citation record of a chunk."""
    return Source(title=chunk.article_title, published=chunk.published, quote=quote, article_id=chunk.article_id,
                  chunk_id=chunk.chunk_id, paragraph=chunk.paragraph, section=chunk.section)


def source_line(source: Source) -> str:
    """——《title》 section，date."""
    if source.section:
        return messages.SECTION_SOURCE_LINE.format(title=source.title, section=source.section,
                                                   published=source.published)
    return messages.SOURCE_LINE.format(title=source.title, published=source.published)


_LABELLED = re.compile(r"^[\u4e00-\u9fff]{2,6}[：:]")  # 「协议编号：…」 names itself


def compose_answer(chunk: Chunk, quote: str, deadline_lines: list[str], *, older: Chunk | None = None,
                   notes: list[DeadlineNote], concerns: tuple[str, str] | None = None,
                   section: str | None = None) -> Answer:
    """Quote, deadline status, source line, what concerns the asker, and any superseded older source."""
    first = source_of(chunk, quote)
    if section is not None:  # a section digest cites the section, not its first passage's sub-section
        first = replace(first, section=section)
    shown = (messages.META_LINE.format(label=chunk.label, quote=quote)
             if chunk.kind == "meta" and chunk.label in NAMED_META and chunk.label not in quote
             and not _LABELLED.match(quote) else quote)
    lines = [shown, *deadline_lines, source_line(first)]
    if concerns is not None:
        lines.append(messages.CONCERNS_YOU.format(word=concerns[0], clause=concerns[1]))
    sources = [first]
    if older is not None:
        lines.append(messages.SUPERSEDES.format(title=older.article_title, published=older.published))
        sources.append(source_of(older, older.text))
    return Answer(found=True, answer="\n".join(lines), sources=sources, article_id=chunk.article_id,
                  deadlines=notes)


def section_digest(section: str, article: list[Chunk]) -> list[Chunk]:
    """The passages that sum up a section for a 「哪些」 question: the opening passage of each sub-section
    (「（一）资金支持」 then its first sentence), or, without sub-sections, its own passages; in document order."""
    inside = [c for c in article if c.kind not in ("meta", "duty")
              and (c.section == section or c.section.startswith(section + " "))]
    subsections = list(dict.fromkeys(c.section for c in inside if c.section != section))
    if not subsections:
        return inside
    return [next(c for c in inside if c.section == sub) for sub in subsections]


def numbered_part(label: str, article: list[Chunk]) -> tuple[str, list[Chunk], str]:
    """The section path, passages and quote of 「第十五条」 or 「第三章」 in an article: an article's text with its
    items, a chapter by the opening passage of each article; ("", [], "") when the article has no such part."""
    def at(parts: list[str]) -> int:
        return next((i for i, part in enumerate(parts) if part == label or part.startswith(label + "\u3000")), -1)

    head = next((c for c in article if c.kind not in ("meta", "duty") and at(c.section.split(" ")) >= 0), None)
    if head is None:
        return "", [], ""
    parts = head.section.split(" ")
    path = " ".join(parts[:at(parts) + 1])
    if label.endswith("章"):
        passages = section_digest(path, article)
        return path, passages, digest_quote(path, passages)
    passages = [c for c in article if c.kind not in ("meta", "duty") and c.section == path]
    return path, passages, _trimmed([], [c.text for c in passages])


def digest_quote(section: str, passages: list[Chunk]) -> str:
    """The digest as lines: each passage after its sub-section heading, trimmed like a list."""
    shown: set[str] = {c.text for c in passages}  # a lead-in quoted as a passage of its own is not repeated

    def line(c: Chunk) -> str:
        heading = c.section[len(section):].strip().split(" ")[0]  # 「（一）资金支持」, or "" in the section itself
        lead = c.lead if c.kind in _LISTED and c.lead not in shown else ""
        shown.add(c.lead)
        return f"{heading} {lead}{c.text}".strip()

    return _trimmed([], [line(c) for c in passages])


def _trimmed(head: list[str], items: list[str]) -> str:
    """Head lines then items, one per line, stopping (with 「其余见原文」) before MAX_LIST_CHARS once one item shows."""
    lines, used, shown = list(head), sum(map(len, head)), 0
    for item in items:
        if used + len(item) > MAX_LIST_CHARS and shown:
            lines.append(messages.LIST_TRIMMED)
            break
        lines.append(item)
        used += len(item)
        shown += 1
    return "\n".join(lines)


def trimmed_lines(lines: list[str]) -> str:
    """Lines one per line, trimmed like a list."""
    return _trimmed([], lines)
