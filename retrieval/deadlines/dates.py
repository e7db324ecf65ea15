"""Find Chinese date expressions in text and resolve them against the publication date.

Resolution rules (the contract other modules rely on):

- A full date (2025年6月3日) is taken as written.
- A month or month/day with no year (7月18日, 9月底) takes the year of the nearest explicit year
  written earlier in the same sentence (2026年3月至5月底前 -> 2026); otherwise the publication year,
  or the next year when that date would fall more than WELL_BEFORE_DAYS (half a year) before
  publication (an article of 2025-12-20 saying 1月10日前 means 2026-01-10).
- A bare day (4日) is a day of the publication month (news style: 4日宣布).
- 今年/明年/去年/后年 are relative to the publication year; 次年 ("the following year") is relative to
  the last explicit year written earlier in the text, else to the publication year.
- `due` is the last day the expression covers: 9月底 -> 09-30, 年底 -> 12-31, 上半年 -> 06-30,
  下半年 -> 12-31, 2025年 -> 2025-12-31, 5月 -> 05-31. With 前 a month or year means strictly
  before it (7月前 -> 06-30, 2026年前 -> 2025-12-31); a day with 前 includes that day
  (7月18日前 -> 07-18), as in Chinese official usage.
- is_deadline is True when the date is followed by 前/之前/以前/截止/为止/止 (so 底前 counts) or preceded
  by 不晚于/最迟/最晚/截止; 前后 means "around" and is not a deadline; 截至 means "as of" and is not
  one either. Past event dates (6月3日上午) are found with is_deadline False.
- A quantity of time (3年左右, 为期3天, 前4个月) is a duration: due None, precision "duration".
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

WELL_BEFORE_DAYS = 183

PRECISIONS = ("day", "month_end", "month", "year_end", "half_year", "year", "duration")


@dataclass(frozen=True)
class DateMention:
    """One date expression found in a text, resolved to an absolute date."""

    expression: str  # as written, e.g. "7月18日前", "9月底前", "3年左右"
    start: int  # character offsets of `expression` in the text
    end: int
    due: date | None  # last day covered; None for a duration
    precision: str  # one of PRECISIONS
    is_deadline: bool
    duration: str | None = None  # e.g. "3年左右"


_CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
_NUM_CHARS = "0123456789〇零一二两三四五六七八九十百"
_CN_NUM = "[〇零一二两三四五六七八九十百]"
_NUM = rf"(?:\d{{1,3}}|{_CN_NUM}{{1,4}})"
_MONTH = r"(?P<m>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_DAY = r"(?P<d>3[01]|[12]\d|0?[1-9]|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])"
_YEAR = r"(?:(?P<y>\d{4})年|(?P<rel>今|明|次|去|后)年)"
_NOT_NUM_BEFORE = r"(?<![\d〇零一二两三四五六七八九十百])"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("day", re.compile(rf"{_YEAR}?{_NOT_NUM_BEFORE}{_MONTH}月{_DAY}[日号]")),
    ("month_end", re.compile(rf"{_YEAR}?{_NOT_NUM_BEFORE}{_MONTH}月(?:底|末)")),
    ("month", re.compile(rf"(?:{_YEAR}|(?<!前)){_NOT_NUM_BEFORE}{_MONTH}月(?![\d份]?[日号])")),
    ("year_end", re.compile(r"(?<!每)(?:(?P<y>\d{4})|(?P<rel>今|明|次|去|后))?年?年(?:底|末)")),
    ("half_year", re.compile(rf"{_YEAR}?(?P<half>上|下)半年")),
    ("year", re.compile(_YEAR)),
    ("bare_day", re.compile(r"(?<![月\d])(?P<d>3[01]|[12]\d|[1-9])日")),
    ("duration", re.compile(
        rf"{_NOT_NUM_BEFORE}(?:{_NUM}(?:多)?(?:个多月|个月|年|周|天|个工作日|工作日|小时)|半(?:个月|年))"
        r"(?:左右|以内|之内|内|多)?"
    )),
]

_DEADLINE_SUFFIXES = ("之前", "以前", "截止", "为止", "前", "止")
_NOT_DEADLINE_AFTER_QIAN = "后往进来夕列沿端景"
_DEADLINE_PREFIXES = ("不晚于", "最迟", "最晚", "截止", "截止到", "截止于")
_SENTENCE_END = re.compile(r"[。！？；!?;\n]")
_EXPLICIT_YEAR = re.compile(r"(\d{4})年")


def cn_number(token: str) -> int:
    """Value of an Arabic or simple Chinese numeral (一, 十二, 二十一, 三百)."""
    if token.isdigit():
        return int(token)
    total, current = 0, 0
    for ch in token:
        if ch in _CN_DIGITS:
            current = _CN_DIGITS[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            raise ValueError(f"not a number: {token}")
    return total + current


def month_end(year: int, month: int) -> date:
    """The last day of a month."""
    return date(year, month, calendar.monthrange(year, month)[1])


def find_dates(text: str, published: date) -> list[DateMention]:
    """All date expressions in `text`, in order, resolved against the publication date."""
    candidates = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            if match.end() > match.start():
                candidates.append((match.start(), -(match.end() - match.start()), kind, match))
    candidates.sort(key=lambda c: (c[0], c[1]))
    mentions: list[DateMention] = []
    taken_until = 0
    for start, _, kind, match in candidates:
        if start < taken_until:
            continue
        mention = _resolve(kind, match, text, published)
        taken_until = match.end()  # an impossible date (2月30日) is skipped whole, not re-read as 2月
        if mention is not None:
            mentions.append(mention)
    return mentions


def _resolve(kind: str, match: re.Match[str], text: str, published: date) -> DateMention | None:
    """Turn one regex match into a DateMention, or None when it is not a real date."""
    groups = match.groupdict()
    start, end = match.span()
    if kind == "duration":
        expr = match.group(0)
        return DateMention(expr, start, end, None, "duration", False, duration=expr)
    suffix = _deadline_suffix(text, end)
    prefix_deadline = text[:start].rstrip("于在").endswith(_DEADLINE_PREFIXES)
    is_deadline = bool(suffix) or prefix_deadline
    strictly_before = suffix in ("前", "之前", "以前")
    try:
        due, precision = _due(kind, groups, text, start, published, strictly_before)
    except ValueError:  # 2月30日 and friends: not a date
        return None
    end += len(suffix)
    return DateMention(text[start:end], start, end, due, precision, is_deadline)


def _deadline_suffix(text: str, end: int) -> str:
    """The deadline marker right after a date (前, 之前, 截止, …), or ''."""
    for suffix in _DEADLINE_SUFFIXES:
        if text.startswith(suffix, end):
            after = text[end + len(suffix): end + len(suffix) + 1]
            # 前后 = around, 前往 = go to, 前4个月 = the first four months: not deadlines
            if suffix == "前" and after and (after in _NOT_DEADLINE_AFTER_QIAN or after in _NUM_CHARS):
                return ""
            return suffix
    return ""


def _due(kind: str, g: dict, text: str, start: int, published: date,
         strictly_before: bool) -> tuple[date, str]:
    """The absolute last day and the precision of a date expression."""
    if kind == "bare_day":
        return date(published.year, published.month, cn_number(g["d"])), "day"
    year = _year(g, text, start, published)
    if kind in ("day", "month_end", "month"):
        month = cn_number(g["m"])
        if year is None:
            day = cn_number(g["d"]) if kind == "day" else 1
            year = _year_for_month_day(month, day, text, start, published)
        if kind == "day":
            return date(year, month, cn_number(g["d"])), "day"
        if kind == "month_end":
            return month_end(year, month), "month_end"
        if strictly_before:
            return date(year, month, 1) - timedelta(days=1), "month"
        return month_end(year, month), "month"
    year = published.year if year is None else year
    if kind == "year_end":
        return date(year, 12, 31), "year_end"
    if kind == "half_year":
        return (date(year, 6, 30) if g["half"] == "上" else date(year, 12, 31)), "half_year"
    if strictly_before:
        return date(year - 1, 12, 31), "year"
    return date(year, 12, 31), "year"


def _year(g: dict, text: str, start: int, published: date) -> int | None:
    """The year written in the expression (2025年, 今年, 次年…), or None when there is none."""
    if g.get("y"):
        return int(g["y"])
    rel = g.get("rel")
    if not rel:
        return None
    if rel == "次":
        earlier = _EXPLICIT_YEAR.findall(text, 0, start)
        return (int(earlier[-1]) if earlier else published.year) + 1
    return published.year + {"今": 0, "明": 1, "去": -1, "后": 2}[rel]


def _year_for_month_day(month: int, day: int, text: str, start: int, published: date) -> int:
    """Year of a month/day written without one: the sentence's year, else publication year (+1)."""
    sentence_start = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        sentence_start = m.end()
    earlier = _EXPLICIT_YEAR.findall(text, sentence_start, start)
    if earlier:
        return int(earlier[-1])
    candidate = date(published.year, month, day)
    if (published - candidate).days > WELL_BEFORE_DAYS:
        return published.year + 1
    return published.year


def sentence_at(text: str, start: int, end: int) -> str:
    """The sentence of `text` that contains the span [start, end)."""
    left = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        left = m.end()
    right_match = _SENTENCE_END.search(text, end)
    right = right_match.end() if right_match else len(text)
    return text[left:right].strip()
