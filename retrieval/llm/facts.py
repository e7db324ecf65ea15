"""Checkable facts in Chinese text: numbers (Arabic and Chinese), dates, percentages and quoted names."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_BIG = {"万": 10**4, "亿": 10**8}
_CN = "零〇一二两三四五六七八九十百千万亿"
_NUM = rf"\d+(?:\.\d+)?|[{_CN}]+"

PERCENT = re.compile(rf"(\d+(?:\.\d+)?)\s*%|百分之([{_CN}点]+|\d+(?:\.\d+)?)")
ISO_DATE = re.compile(r"(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")
CJK_DATE = re.compile(
    r"(?:(\d{4}|[零〇一二三四五六七八九]{4})年)?"
    r"(\d{1,2}|[一二三四五六七八九十]{1,3})月"
    r"(?:(\d{1,2}|[一二三四五六七八九十]{1,3})[日号]|(底|初|上旬|中旬|下旬))?"
)
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")
_MONTH_NAME = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
EN_DATE = re.compile(rf"\b{_MONTH_NAME}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}})\b)?", re.IGNORECASE)
EN_MONTH_END = re.compile(rf"\bend\s+of\s+{_MONTH_NAME}", re.IGNORECASE)
ARABIC = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)(?:\s*(余|多))?(?:\s*([万亿]))?")
CHINESE = re.compile(rf"([{_CN}]+)(余|多)?")
# A Chinese numeral only counts as a number before a measure word (三十个, 五千余万家次, 3年左右):
# this keeps words such as 十分, 千万, 统一, 一些 out of the check.
MEASURE = re.compile(
    r"(?:左右|个|家|人|年|月|日|天|项|类|座|次|名|位|倍|户|公里|岁|周|季度|小时|部门|条|种|所|元|米|吨|辆|亩"
    r"|批|候|届|轮|期|省|市|县|城|国|处|场|台|件|份|本|只|节气|点|时|分钟)"
)
LIST_MARKER = re.compile(r"(?m)^\s*(?:\d+[.、)）]|[（(]\d+[)）])\s*")
QUOTED = re.compile(r"《([^《》]+)》|“([^“”]+)”|「([^「」]+)」|\"([^\"]+)\"")
_PUNCT_OR_SPACE = re.compile(r"[\s\W_]+")
# 一 (一批, 统一, 进一步) and a lone 百/千/万/亿 (千家万户) are words far more often than quantities.
_NOT_NUMBERS = {"一", "百", "千", "万", "亿"}


@dataclass(frozen=True)
class Date:
    """A calendar mention; missing parts are None. `day` may be 底/初/上旬/中旬/下旬."""

    year: int | None
    month: int
    day: int | str | None

    def __str__(self) -> str:
        year = f"{self.year}年" if self.year else ""
        day = "" if self.day is None else (f"{self.day}日" if isinstance(self.day, int) else self.day)
        return f"{year}{self.month}月{day}"


@dataclass
class Facts:
    """What a text asserts that can be checked against the sources."""

    numbers: list[tuple[float, str]] = field(default_factory=list)  # (value, as written)
    percents: list[tuple[float, str]] = field(default_factory=list)
    dates: list[Date] = field(default_factory=list)
    quotes: list[str] = field(default_factory=list)


def cn_to_number(text: str) -> float | None:
    """Value of a Chinese numeral (三十, 五千, 二十四, 一万二千, 二〇二五); None when it is not one."""
    if not text or any(ch not in CN_DIGITS and ch not in CN_UNITS and ch not in CN_BIG for ch in text):
        return None
    if text[0] in CN_BIG:
        return None
    if all(ch in CN_DIGITS for ch in text):
        if len(text) == 1:
            return float(CN_DIGITS[text])
        return float("".join(str(CN_DIGITS[ch]) for ch in text))  # digit by digit, e.g. 二〇二五
    yi, wan, section, digit = 0, 0, 0, 0  # completed 亿 groups, completed 万 group, the rest
    for ch in text:
        if ch in CN_DIGITS:
            digit = CN_DIGITS[ch]
        elif ch in CN_UNITS:
            section += (digit or 1) * CN_UNITS[ch]
            digit = 0
        elif ch == "万":
            wan, section, digit = (section + digit) * CN_BIG[ch], 0, 0
        else:
            yi, wan, section, digit = (yi + wan + section + digit) * CN_BIG[ch], 0, 0, 0
    return float(yi + wan + section + digit)


def _number(text: str) -> float | None:
    """Value of an Arabic or Chinese numeral."""
    if text[0].isdigit():
        return float(text)
    return cn_to_number(text)


def _date(year: str | None, month: str, day: str | None, part: str | None) -> Date | None:
    month_value = _number(month)
    if month_value is None or not 1 <= month_value <= 12:
        return None
    year_value = _number(year) if year else None
    day_value: int | str | None = part
    if day:
        number = _number(day)
        day_value = int(number) if number is not None else None
    return Date(int(year_value) if year_value else None, int(month_value), day_value)


def _month(name: str) -> int:
    """1-12 from an English month name or abbreviation."""
    return next(n for n, month in enumerate(_MONTHS, start=1) if month.startswith(name.lower()[:3]))


def _mask(text: str, span: tuple[int, int]) -> str:
    """Blank out a span so later patterns do not see it again."""
    start, end = span
    return text[:start] + " " * (end - start) + text[end:]


def normalize(text: str) -> str:
    """Full-width digits and signs to ASCII (NFKC), keeping Chinese punctuation that marks quotes."""
    return unicodedata.normalize("NFKC", text)


def extract(text: str, *, mask_dates: bool = True) -> Facts:
    """All checkable facts of a text; with `mask_dates`, digits inside dates and percents are not numbers."""
    facts = Facts(quotes=[next(g for g in m.groups() if g is not None).strip() for m in QUOTED.finditer(text)])
    text = LIST_MARKER.sub(" ", normalize(text))
    rest = _take_dates(_take_percents(text, facts), facts)
    _take_numbers(rest if mask_dates else text, facts)
    return facts


def _take_percents(text: str, facts: Facts) -> str:
    """Add the percentages; the text with them blanked out."""
    for match in PERCENT.finditer(text):
        raw = match.group(1) or match.group(2)
        value = _cn_decimal(raw) if "点" in raw else _number(raw)
        if value is not None:
            facts.percents.append((value, match.group(0)))
        text = _mask(text, match.span())
    return text


def _take_dates(text: str, facts: Facts) -> str:
    """Add the dates (ISO, Chinese, English); the text with them blanked out."""
    for pattern, groups in ((ISO_DATE, (1, 2, 3, None)), (CJK_DATE, (1, 2, 3, 4))):
        for match in pattern.finditer(text):
            date = _date(*[match.group(i) if i else None for i in groups])
            if date is not None:
                facts.dates.append(date)
                text = _mask(text, match.span())
    for match in EN_DATE.finditer(text):
        year = int(match.group(3)) if match.group(3) else None
        facts.dates.append(Date(year, _month(match.group(1)), int(match.group(2))))
        text = _mask(text, match.span())
    facts.dates += [Date(None, _month(m.group(1)), "底") for m in EN_MONTH_END.finditer(text)]
    return text


def _take_numbers(text: str, facts: Facts) -> None:
    """Add Arabic numbers, and Chinese numerals that stand before a measure word."""
    for match in ARABIC.finditer(text):
        value = float(match.group(1)) * CN_BIG.get(match.group(3) or "", 1)
        facts.numbers.append((value, match.group(0).strip()))
    for match in CHINESE.finditer(text):
        run, approx = match.group(1), match.group(2)
        rest, big = text[match.end() :], 1
        if approx and rest[:1] in CN_BIG:
            big, rest = CN_BIG[rest[0]], rest[1:]
        if run in _NOT_NUMBERS or not (MEASURE.match(rest.lstrip()) or (approx and not rest[:1].isalnum())):
            continue
        value = cn_to_number(run)
        if value is not None:
            facts.numbers.append((value * big, match.group(0)))


def _cn_decimal(text: str) -> float | None:
    """百分之十二点五 → 12.5."""
    whole, _, frac = text.partition("点")
    head = cn_to_number(whole)
    if head is None or not frac or any(ch not in CN_DIGITS for ch in frac):
        return None
    return float(f"{int(head)}.{''.join(str(CN_DIGITS[ch]) for ch in frac)}")


def squeeze(text: str) -> str:
    """Text without spaces and punctuation, for comparing quotes."""
    return _PUNCT_OR_SPACE.sub("", normalize(text))
