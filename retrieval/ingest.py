"""Ingestion: read knowledge documents, repair page layout, split pages into articles, chunk into sentences."""
from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import yaml

from retrieval.models import Article, Chunk, Document
from retrieval.official import (COMPILED, ISSUE, NEWS_BYLINE, RULE_LINE, SENT_UP, is_header, looks_official, parse_official,
                                with_units)
from retrieval.user_input import DOC_ID_RULE, is_valid_doc_id
from retrieval.wrapping import CELL_GAP_IN_LINE, unwrap

DOCUMENT_SUFFIXES = (".txt", ".md")
REQUIRED_FIELDS = ("title", "published")
LAYOUTS = ("official",)  # front matter `layout`: read as an official document even without numbered sections
# Part of every document's content hash: bump it when chunking or embedding text changes, so a rebuild
# re-embeds instead of reusing vectors of the old chunks.
CHUNKING_VERSION = "6"

_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n---[ \t]*\r?\n", re.S)
_SENTENCE_END = "。！？!?…；;"
_CLOSERS = "”’」』）)》】"
_CLAUSE_MARKS = re.compile(r"[，。；：、,;:]")
_BYLINE = re.compile(rf"^□|^■|^新华社记者|{NEWS_BYLINE.pattern}")
_DATELINE = re.compile(r"^新华社[^，。\s]{0,12}电(（[^）]{0,30}）)?")
_CREDIT = re.compile(r"^(新华社发|新华社记者.{0,10}摄|均据新华社|据新华社|（?均据|（?据新华社)")
# A newspaper's masthead over its page: 「瀚川日报　2026年4月17日　第3版　经济新闻」.
_MASTHEAD = re.compile(r"^[\u4e00-\u9fff]{1,10}(?:日报|晚报|时报|报)[\s　]+\d{4}年\d{1,2}月\d{1,2}日")
_BULLET = "●◆■▲"
_MAX_SENT_UP = 200
# 「柘浦区：“智造人才驿站”启用三个月」: a brief's headline names its place before a colon
_PLACE_HEADLINE = re.compile(r"^[\u4e00-\u9fff]{1,8}(?:省|市|区|县|镇|乡|州|旗|园区)：[^，。；：]{4,}$")
_CELLS = re.compile(r"[ \t\u3000]{2,}|\t")
# A serial's issue (「……工作简报（第3期）」) is one document whose news items are its parts, not a page of articles;
# so is the record of one event (「……新闻发布会实录」), whose speakers' turns (「【主持人 林可欣】」) are its parts.
_ONE_PIECE = re.compile(r"(?:简报|快报|专报|动态|通讯|工作信息)(?:[（(]第[^）)]{1,8}期[）)])?$|第\s*[\d一二三四五六七八九十]+\s*期[）)]?$"
                        r"|(?:实录|纪要|访谈|答记者问|座谈会|发布会)(?:[（(][^）)]{1,12}[）)])?$")
_MAX_HEADING = 40
# A page's column name (「国内国际简讯」) is short; a longer heading over another is a two-line headline.
_MAX_COLUMN = 8
_EMPHASIS = re.compile(r"\*\*(.+?)\*\*")
_BLOCKQUOTE = re.compile(r"(?m)^>[ \t]?")  # a Markdown box (「> 记者手记」) reads as its lines
_MD_HEADING = re.compile(r"^(#{1,6})\s", re.M)
_SENTENCE_RE = re.compile(rf"[^{_SENTENCE_END}]+(?:[{_SENTENCE_END}]+[{_CLOSERS}]*|$)")


class KnowledgeError(ValueError):
    """A knowledge file that cannot be used, with a message that says what to fix."""


class _FrontMatterLoader(yaml.SafeLoader):
    """Safe YAML in which dates stay text: an impossible date is then reported for its field, not raised."""


_FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def load_documents(directory: Path) -> list[Document]:
    """Every .txt/.md document under `directory`, sorted by id; raises KnowledgeError on a bad file."""
    if not directory.is_dir():
        raise KnowledgeError(f"知识库目录不存在：{directory}")
    paths = sorted(p for p in directory.iterdir() if p.suffix.lower() in DOCUMENT_SUFFIXES and p.is_file())
    return [read_document(p) for p in paths]


def decode_text(data: bytes) -> str:
    """A text file's characters: UTF-8, or GBK/GB18030 as Chinese Windows saves it; ValueError for anything else."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise ValueError("不是 UTF-8 或 GBK 编码的文本") from exc
    wide = [ch for ch in text if ord(ch) > 127]
    if sum(1 for ch in wide if "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef") < 0.5 * len(wide):
        raise ValueError("不是 UTF-8 或 GBK 编码的文本")  # bytes that only happen to decode are not Chinese text
    return text


def read_document(path: Path) -> Document:
    """Parse one document file: YAML front matter (title, published, publisher, origin) then the body."""
    try:
        raw = decode_text(path.read_bytes())
    except ValueError as exc:
        raise KnowledgeError(f"{path.name}：{exc}，请另存为 UTF-8") from exc
    return parse_document(raw, doc_id=path.stem, path=path)


def parse_document(raw: str, *, doc_id: str, path: Path | None = None) -> Document:
    """Build a Document from file text; the front matter must give a title and a publication date."""
    name = path.name if path else doc_id
    if not is_valid_doc_id(doc_id):
        raise KnowledgeError(f"{name}：文件名 {doc_id!r} 不能作为 id（{DOC_ID_RULE}）：请改名")
    if any("\ud800" <= ch <= "\udfff" for ch in raw):
        raise KnowledgeError(f"{name}：含有无效的 Unicode 字符（单独的代理码位）：请另存为 UTF-8 后再试")
    match = _FRONT_MATTER.match(raw)
    if not match:
        raise KnowledgeError(f"{name}：缺少文件头元数据（以 --- 开始和结束，至少含 title 与 published）")
    try:
        meta = yaml.load(match.group(1), Loader=_FrontMatterLoader) or {}
    except (yaml.YAMLError, ValueError, RecursionError) as exc:
        raise KnowledgeError(f"{name}：文件头不是合法的 YAML：{exc}") from exc
    if not isinstance(meta, dict):
        raise KnowledgeError(f"{name}：文件头必须是 key: value 形式，收到 {type(meta).__name__}")
    missing = [f for f in REQUIRED_FIELDS if not meta.get(f)]
    if missing:
        raise KnowledgeError(f"{name}：文件头缺少 {', '.join(missing)}")
    for field in ("title", "publisher", "origin"):
        if not isinstance(meta.get(field) or "", (str, int, float)) or isinstance(meta.get(field), bool):
            raise KnowledgeError(f"{name}：文件头的 {field} 应为一行文字，收到 {meta[field]!r}")
    published = _parse_date(meta["published"], name)
    layout = str(meta.get("layout") or "").strip()
    if layout and layout not in LAYOUTS:
        raise KnowledgeError(f"{name}：文件头的 layout 只能是 {'、'.join(LAYOUTS)}（按公文解析），收到 {layout!r}")
    body = raw[match.end():].replace("\r\n", "\n")
    if not body.strip():
        raise KnowledgeError(f"{name}：正文为空")
    return Document(
        doc_id=doc_id,
        title=str(meta["title"]).strip(),
        publisher=str(meta.get("publisher") or "").strip(),
        published=published,
        origin=str(meta.get("origin") or "").strip(),
        text=body,
        path=path or Path(f"{doc_id}.txt"),
        content_hash=hashlib.sha256(f"{CHUNKING_VERSION}\n{raw}".encode("utf-8")).hexdigest()[:16],
        layout=layout,
    )


def _parse_date(value: object, name: str) -> date:
    """The `published` field as a date; an impossible date (2025-13-45) names the file and the field."""
    if isinstance(value, date):
        return value
    text = str(value).strip()
    for parse in (date.fromisoformat, lambda t: datetime.fromisoformat(t).date()):  # also 2025-06-04 10:00
        try:
            return parse(text)
        except ValueError:
            continue
    raise KnowledgeError(f"{name}：published 必须是存在的日期，格式 YYYY-MM-DD，收到 {value!r}")


def _ends_sentence(text: str) -> bool:
    stripped = text.rstrip(_CLOSERS + " ")
    return bool(stripped) and stripped[-1] in _SENTENCE_END


def _is_body_fragment(text: str) -> bool:
    """A paragraph cut by the page layout: running text (has clause marks) that stops mid-sentence."""
    return (bool(_CLAUSE_MARKS.search(text)) and not _ends_sentence(text) and not is_metadata_line(text)
            and not _PLACE_HEADLINE.match(text) and text[0] not in _BULLET)


def is_metadata_line(text: str) -> bool:
    """Bylines, bare datelines and picture credits: metadata, never answer text."""
    return bool(_BYLINE.match(text) or _CREDIT.match(text) or _DATELINE.fullmatch(text) or _MASTHEAD.match(text)
                or _bulletin_line(text))


def _bulletin_line(text: str) -> str:
    """A bulletin's 「…办公室编印　2026年11月25日」 under its masthead and 「报：…」「送：…」「发：…」 at its foot."""
    if COMPILED.match(text):
        return "发文机关"
    return "报送" if SENT_UP.match(text) and len(text) <= _MAX_SENT_UP else ""


def repair_layout(text: str) -> list[str]:
    """Paragraphs of a page, with paragraphs broken mid-sentence across a blank line joined again."""
    paragraphs: list[str] = []
    ruled = False  # a printed rule (「━━━━」) ends what is above it
    for block in re.split(r"\n\s*\n", text):
        for line in (line.strip() for line in block.splitlines() if line.strip()):
            if RULE_LINE.match(line):
                ruled = True
                continue
            if (paragraphs and not ruled and _is_body_fragment(paragraphs[-1]) and not _starts_new_unit(line)
                    and not _is_row(paragraphs[-1]) and not _is_row(line)):
                paragraphs[-1] += line
            else:
                paragraphs.append(line)
            ruled = False
    return paragraphs


def _bullet_heading(line: str) -> bool:
    """「●金民锡被提名为韩国国务总理」 heads a brief; 「◆ 补贴发放：向87家机构发放…。」 is a paragraph in a list of data."""
    return line[0] in _BULLET and not _ends_sentence(line)


def _starts_new_unit(line: str) -> bool:
    return line[0] in _BULLET or line.startswith(("#", "【")) or is_metadata_line(line) or bool(_PLACE_HEADLINE.match(line))


def _is_row(line: str) -> bool:
    """A table row as a PDF's text gives it: cells apart by a gap."""
    return bool(CELL_GAP_IN_LINE.search(line))


def _is_heading(line: str) -> bool:
    if line.startswith("#") or _bullet_heading(line) or (len(line) <= _MAX_HEADING and _PLACE_HEADLINE.match(line)):
        return True
    if line[0] in _BULLET:
        return False
    if _is_row(line):
        return False
    return len(line) <= _MAX_HEADING and not _CLAUSE_MARKS.search(line) and not _ends_sentence(line)


def _heading_text(line: str) -> str:
    return line.lstrip("#" + _BULLET + " ").strip()


def _one_markdown_document(text: str) -> bool:
    """A Markdown file with at most one top-level heading and sub-headings under it (a policy interpretation with
    question headings) is one document in sections, not a page of articles."""
    levels = [len(m.group(1)) for m in _MD_HEADING.finditer(text)]
    return levels.count(1) <= 1 and sum(1 for level in levels if level > 1) >= 2


def split_articles(document: Document) -> list[Article]:
    """An official document is one article of parsed units; a page splits into its articles."""
    # Markdown bold is not text; lines wrapped at a fixed width (text copied out of a PDF) are joined again
    document = replace(document, text=unwrap(_BLOCKQUOTE.sub("", _EMPHASIS.sub(r"\1", document.text))))
    text = document.text
    if document.layout == "official" or looks_official(text) or _one_markdown_document(text):
        units = tuple(parse_official(text, document.title))
        if units:
            return [Article(article_id=f"{document.doc_id}#a0", doc_id=document.doc_id, title=document.title,
                            published=document.published, publisher=document.publisher,
                            paragraphs=tuple(u.text for u in units), units=units)]
    articles = split_page(document)
    if len(articles) > 1 and _ONE_PIECE.search(document.title.strip()):
        return [_one_issue(document, articles)]
    return articles


def _one_issue(document: Document, articles: list[Article]) -> Article:
    """A bulletin's items as the parts of one article under the bulletin's title, each under its headline."""
    paragraphs, sections = [], []
    for article in articles:
        for n, paragraph in enumerate(article.paragraphs):
            sub = article.paragraph_sections[n] if article.paragraph_sections else ""
            headline = "" if article.title == document.title else _unbracketed(article.title)
            paragraphs.append(paragraph)
            sections.append(f"{headline} {sub}".strip())
    return Article(article_id=f"{document.doc_id}#a0", doc_id=document.doc_id, title=document.title,
                   published=document.published, publisher=document.publisher, paragraphs=tuple(paragraphs),
                   metadata_lines=tuple(line for article in articles for line in article.metadata_lines),
                   paragraph_sections=tuple(sections) if any(sections) else ())


def _unbracketed(title: str) -> str:
    """「【工作动态】」 -> 工作动态; 「【工作动态】全市推进会召开」 keeps its column's name."""
    return title[1:-1] if title[:1] in "【[" and title[-1:] in "】]" and title.count("【") <= 1 else title


def _meta_label(line: str) -> str:
    if label := _bulletin_line(line):
        return label
    if _BYLINE.match(line):
        return "记者"
    if _DATELINE.fullmatch(line) or _MASTHEAD.match(line):
        return "电头"
    if re.search(r"作$|摄$|绘$", line):
        return "作者"
    return ""


def _is_intertitle(paragraphs: list[str], i: int, drafts: list[dict]) -> bool:
    """A heading inside a signed news article, between its body paragraphs (「“联合体”破解招工难」), heads a part
    of that article; a headline after a closing dateline or credit, or followed by a byline, starts a new one."""
    line = paragraphs[i]
    if line[0] in _BULLET or line.startswith("#") or not drafts or not drafts[-1]["byline"] or i == 0:
        return False
    before, after = paragraphs[i - 1], (paragraphs[i + 1] if i + 1 < len(paragraphs) else "")
    return (bool(drafts[-1]["paragraphs"]) and not is_metadata_line(before) and not _is_heading(before)
            and bool(after) and not is_metadata_line(after) and not _is_heading(after))


def _draft(title: str, section: str, meta: list[tuple[str, str]]) -> dict:
    """A news article being read: its paragraphs, the intertitle each stands under ("sub": the current one)."""
    return {"title": title, "section": section, "byline": "", "paragraphs": [], "sections": [], "sub": "",
            "meta": meta}


def split_page(document: Document) -> list[Article]:
    """Split a page into articles: each heading (or ● item) starts one; a heading directly followed by
    another heading is a column name when short, else the first line of a two-line headline. Bylines, credits
    and datelines are kept apart as metadata."""
    paragraphs = repair_layout(document.text)
    drafts: list[dict] = []
    section = headline = ""
    masthead: list[tuple[str, str]] = []  # metadata above the first headline belongs to the first article
    header: list[str] = []  # the column names of the table being read
    for i, line in enumerate(paragraphs):
        if _is_row(line) and not is_metadata_line(line):
            cells = [c.strip() for c in _CELLS.split(line) if c.strip()]
            if not header and is_header(cells):
                header = cells
                continue
            line = _row_text(cells, header)
        else:
            header = []
        following = next((p for p in paragraphs[i + 1:] if not is_metadata_line(p)), "")
        if is_metadata_line(line):
            if drafts and not drafts[-1]["byline"] and _BYLINE.match(line):
                drafts[-1]["byline"] = line.lstrip("□■ ")
            label = _meta_label(line)
            if label:
                (drafts[-1]["meta"] if drafts else masthead).append((label, line.lstrip("□■ ")))
            continue
        if (not drafts and _is_heading(line) and _ONE_PIECE.search(document.title.strip())
                and (_heading_text(line) in document.title or ISSUE.match(line))):
            continue  # a bulletin's masthead: its name (the title's) and its issue 「第4期」
        if _is_heading(line) and _is_intertitle(paragraphs, i, drafts):
            drafts[-1]["sub"] = _heading_text(line)
            continue
        if _is_heading(line):
            if following and _is_heading(following) and line[0] not in _BULLET and not following.startswith("#"):
                text = _heading_text(line)
                if len(text) <= _MAX_COLUMN and not following.startswith("—"):
                    section = text
                else:  # main title over its subtitle (「……启动会」/「首批签约项目29个……」, 「——访……局长」)
                    headline = f"{headline} {text}".strip()
                continue
            if line[0] not in _BULLET:
                section = ""
            drafts.append(_draft(f"{headline} {_heading_text(line)}".strip(), section, masthead))
            headline, masthead = "", []
            continue
        dateline = _DATELINE.match(line)
        if dateline:
            if drafts and "记者" in dateline.group(0):
                drafts[-1]["meta"].append(("记者", dateline.group(0)))
            line = line[dateline.end():].strip()
            if not line:
                continue
        if not drafts:
            drafts.append(_draft(document.title, "", masthead))
        drafts[-1]["paragraphs"].append(_heading_text(line) if line[0] in _BULLET else line)
        drafts[-1]["sections"].append(drafts[-1]["sub"])
    for d, after in zip(drafts, drafts[1:]):  # a masthead over headings alone is the next article's
        if not d["paragraphs"]:
            after["meta"][:0] = d["meta"]
    articles = []
    for n, d in enumerate(x for x in drafts if x["paragraphs"]):
        articles.append(Article(
            article_id=f"{document.doc_id}#a{n}",
            doc_id=document.doc_id,
            title=d["title"],
            published=document.published,
            publisher=document.publisher,
            paragraphs=tuple(d["paragraphs"]),
            section=d["section"],
            byline=d["byline"],
            metadata_lines=tuple(d["meta"]),
            paragraph_sections=tuple(d["sections"]) if any(d["sections"]) else (),
        ))
    return articles


def _row_text(cells: list[str], header: list[str]) -> str:
    """A row as one sentence: 「柘浦区：试点制造业企业12家，招聘引才6820人次」 under its header."""
    if len(header) == len(cells) and len(cells) >= 2:
        return f"{cells[0]}：" + "，".join(f"{h}{c}" for h, c in with_units(cells[1:], tuple(header[1:])))
    return "：".join(cells)


def split_sentences(paragraph: str) -> list[str]:
    """Sentences of a paragraph, split after Chinese/Western end punctuation, closing quotes kept."""
    return [s.strip() for s in _SENTENCE_RE.findall(paragraph) if s.strip()]


def chunk_article(article: Article) -> list[Chunk]:
    """One chunk per sentence (page) or per unit (official document), carrying document id, article title,
    date, paragraph number and, for official documents, the section path and lead-in; metadata lines last."""
    base = {"doc_id": article.doc_id, "article_id": article.article_id, "article_title": article.title,
            "published": article.published.isoformat()}
    chunks = []
    if article.units:
        seen: dict[int, int] = {}
        for u in article.units:
            s = seen[u.line] = seen.get(u.line, -1) + 1
            chunks.append(Chunk(chunk_id=f"{article.article_id}p{u.line}s{s}", paragraph=u.line, sentence=s,
                                text=u.text, section=u.section, lead=u.lead, kind=u.kind, label=u.label,
                                group=u.group, **base))
        return chunks
    for p, paragraph in enumerate(article.paragraphs):
        section = article.paragraph_sections[p] if article.paragraph_sections else ""
        for s, sentence in enumerate(split_sentences(paragraph)):
            chunks.append(Chunk(chunk_id=f"{article.article_id}p{p}s{s}", paragraph=p, sentence=s, text=sentence,
                                section=section, **base))
    for m, (label, line) in enumerate(article.metadata_lines):
        chunks.append(Chunk(chunk_id=f"{article.article_id}m{m}", paragraph=len(article.paragraphs) + m,
                            sentence=0, text=line, kind="meta", label=label, **base))
    return chunks
