"""The curated deadline registry (knowledge/deadlines.yaml): loading, status and lookup by quote."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

from retrieval.deadlines.dates import PRECISIONS, month_end

TZ = ZoneInfo("Asia/Shanghai")
DATED_PRECISIONS = tuple(p for p in PRECISIONS if p != "duration")
_REQUIRED = ("id", "title", "due", "precision", "actors", "doc_id", "article_title", "quote")
_OPTIONAL = ("expression", "published")
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,47}$")


class _DatesAsText(yaml.SafeLoader):
    """A safe loader that leaves dates as text, so an impossible date gets our own message."""


_DatesAsText.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class DeadlineFileError(ValueError):
    """The deadlines file is missing or malformed; the message says where and what to fix."""


@dataclass(frozen=True)
class Deadline:
    """A dated duty of a document: what is due, by whom, when, and the sentence that says so."""

    id: str
    title: str
    due: date  # the last day (09-30 for 9月底前)
    precision: str  # "day" | "month_end" | ... (see retrieval.deadlines.dates)
    actors: tuple[str, ...]
    doc_id: str
    article_title: str
    quote: str
    expression: str = ""  # as written in the quote, e.g. "9月底前"
    published: date | None = None  # publication date of the source article

    @property
    def actors_text(self) -> str:
        """Who must act, joined for display."""
        return "、".join(self.actors)


def load_deadlines(path: Path | str) -> list[Deadline]:
    """Read and validate the registry; raise DeadlineFileError naming the entry and field at fault."""
    path = Path(path)
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_DatesAsText)  # noqa: S506 (safe loader)
    except FileNotFoundError:
        raise DeadlineFileError(f"找不到时间节点文件：{path}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"第{mark.line + 1}行" if mark is not None else ""
        raise DeadlineFileError(f"{path.name} {where}YAML 格式错误：{exc}") from None
    except UnicodeDecodeError:
        raise DeadlineFileError(f"{path.name} 不是 UTF-8 编码") from None
    if raw is None:
        return []
    if not isinstance(raw, dict) or not isinstance(raw.get("deadlines", []), list):
        raise DeadlineFileError(f"{path.name} 顶层应为 `deadlines:` 列表")
    deadlines = [_parse_entry(i, entry, path.name) for i, entry in enumerate(raw.get("deadlines") or [], 1)]
    seen: set[str] = set()
    for d in deadlines:
        if d.id in seen:
            raise DeadlineFileError(f"{path.name} 中 id 重复：{d.id}")
        seen.add(d.id)
    return deadlines


def _parse_entry(index: int, entry: object, name: str) -> Deadline:
    """One validated Deadline from one YAML mapping."""
    where = f"{name} 第{index}条"
    if not isinstance(entry, dict):
        raise DeadlineFileError(f"{where}：应为键值对（id、title、due…）")
    where = f"{name} 第{index}条（{entry.get('id', '无 id')}）"
    missing = [key for key in _REQUIRED if entry.get(key) in (None, "", [])]
    if missing:
        raise DeadlineFileError(f"{where}：缺少字段 {', '.join(missing)}")
    unknown = sorted(set(entry) - set(_REQUIRED) - set(_OPTIONAL))
    if unknown:
        raise DeadlineFileError(f"{where}：未知字段 {', '.join(map(str, unknown))}")
    if not isinstance(entry["id"], str) or not _ID.match(entry["id"]):
        raise DeadlineFileError(f"{where}：id 只能用小写字母、数字、- 和 _（最长48个字符）")
    due = _parse_due(entry["due"], where)
    precision = entry["precision"]
    if precision not in DATED_PRECISIONS:
        raise DeadlineFileError(f"{where}：precision 应为 {' / '.join(DATED_PRECISIONS)} 之一，而不是 {precision!r}")
    if precision in ("month_end", "month") and due != month_end(due.year, due.month):
        raise DeadlineFileError(f"{where}：precision 为 {precision} 时 due 应为该月最后一天")
    actors = entry["actors"]
    if isinstance(actors, str):
        actors = [actors]
    if not isinstance(actors, list) or not all(isinstance(a, str) and a.strip() for a in actors):
        raise DeadlineFileError(f"{where}：actors 应为非空文字列表")
    text_fields = {key: entry.get(key, "") for key in ("title", "doc_id", "article_title", "quote", "expression")}
    for key, value in text_fields.items():
        if not isinstance(value, str):
            raise DeadlineFileError(f"{where}：{key} 应为文字")
    if text_fields["expression"] and text_fields["expression"] not in text_fields["quote"]:
        raise DeadlineFileError(f"{where}：expression「{text_fields['expression']}」不在 quote 中")
    published = _parse_due(entry["published"], where, "published") if entry.get("published") else None
    return Deadline(
        id=entry["id"], due=due, precision=precision, actors=tuple(a.strip() for a in actors), published=published,
        **{key: value.strip() for key, value in text_fields.items()},
    )


def _parse_due(value: object, where: str, name: str = "due") -> date:
    """A YAML date or a YYYY-MM-DD string."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise DeadlineFileError(f"{where}：{name} 应为 YYYY-MM-DD 日期，而不是 {value!r}") from None


def today_in_shanghai(now: datetime | None = None) -> date:
    """The calendar date in Asia/Shanghai at `now` (aware; naive is taken as Shanghai time)."""
    now = now or datetime.now(TZ)
    if now.tzinfo is None:
        return now.date()
    return now.astimezone(TZ).date()


def days_left(deadline: Deadline, today: date | datetime) -> int:
    """Days from today (Asia/Shanghai) to the last day of the deadline; 0 on the day, negative when passed."""
    if isinstance(today, datetime):
        today = today_in_shanghai(today)
    return (deadline.due - today).days


def _squash(text: str) -> str:
    """Text without whitespace or quotes, for robust containment tests."""
    return re.sub(r"[\s“”\"「」]", "", text)


def deadlines_in_text(text: str, deadlines: list[Deadline]) -> list[Deadline]:
    """Registry deadlines whose quoted sentence is in `text` or contains `text`, in text order."""
    flat = _squash(text)
    if not flat:
        return []
    hits = []
    for d in deadlines:
        quote = _squash(d.quote)
        if quote and (quote in flat or flat in quote):
            position = flat.find(quote) if quote in flat else 0
            hits.append((position, d))
    return [d for _, d in sorted(hits, key=lambda hit: hit[0])]


def deadline_for_sentence(sentence: str, deadlines: list[Deadline]) -> Deadline | None:
    """The registry deadline a quoted sentence refers to, or None."""
    # Matching is by the quoted words, never by the date expression alone: another article's
    # "7月18日前" is a different duty.
    hits = deadlines_in_text(sentence, deadlines)
    return hits[0] if hits else None


def source_context(deadline: Deadline, documents_dir: Path) -> dict | None:
    """The quoted paragraph with its neighbours from the source document, shaped like Assistant.context()."""
    from retrieval.ingest import KnowledgeError, read_document, split_articles

    path = next((p for p in sorted(Path(documents_dir).glob(f"{deadline.doc_id}.*"))), None)
    if path is None:
        return None
    try:
        articles = split_articles(read_document(path))
    except KnowledgeError:
        return None
    quote = _squash(deadline.quote)
    for article in articles:
        flat = [_squash(p) for p in article.paragraphs]
        for i, paragraph in enumerate(flat):
            if quote and quote in paragraph:
                around = [article.paragraphs[i - 1] if i > 0 else "", article.paragraphs[i],
                          article.paragraphs[i + 1] if i + 1 < len(article.paragraphs) else ""]
                return {"title": article.title, "published": article.published.isoformat(), "paragraphs": around}
    return None
