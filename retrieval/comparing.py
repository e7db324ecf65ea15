"""Rows of a table that meet a comparison the question states (「缺口率超过4%的有哪几个城市」「资金最多的是哪个项目」)."""
from __future__ import annotations

import re

from retrieval.compose import row_cells
from retrieval.lexical import normalize
from retrieval.models import Chunk
from retrieval.official import TOTAL_WORDS

_UNIT = r"(%|％|[万亿千百]?(?:元|人次|家|个|人|名|项|场|所|条|件|次|吨)|[万亿])?"
_NUMBER = r"(\d+(?:\.\d+)?)\s*" + _UNIT
_BEFORE = re.compile(r"(不低于|不少于|不高于|不超过|不多于|超过|高于|大于|多于|低于|少于|小于|不足|不到)了?\s*" + _NUMBER)
_AFTER = re.compile(_NUMBER + r"\s*(以上|以下)")
_CELL_VALUE = re.compile(r"^(-?\d+(?:\.\d+)?)\s*(.*)$")
_STRICT = {"超过": ">", "高于": ">", "大于": ">", "多于": ">", "低于": "<", "少于": "<", "小于": "<", "不足": "<",
           "不到": "<", "不低于": ">=", "不少于": ">=", "以上": ">=", "不高于": "<=", "不超过": "<=", "不多于": "<=",
           "以下": "<="}
_TOTAL = re.compile(TOTAL_WORDS)
_SERIAL = re.compile(r"序号|编号|序")
_TOTAL_AT_END = re.compile(rf"(?:{TOTAL_WORDS})$")
_EXTREME = {"最多": "max", "最高": "max", "最大": "max", "最少": "min", "最低": "min", "最小": "min"}
_EXTREMES = re.compile("|".join(_EXTREME))
_UNIT_IN_NAME = re.compile(r"[（(][^（()）]*[）)]$")  # 「省级支持资金（万元）」: the column is 省级支持资金
_ASKS_WHICH = re.compile(r"哪(?:些|几|个|家|一)")
_NONE_OF = re.compile(r"不用|不需要|无需|不必|没有(?=[\u4e00-\u9fff]{2})")  # 「不用新建分园」「没有新增机构」
MIN_COLUMN_CHARS = 3  # the end of a column's name a question may say alone (「缺口率」 for 「重点企业用工缺口率」)


def comparison(question: str) -> tuple[str, float, str] | None:
    """The operator, number and unit (maybe "") of the one comparison a 「哪些」 question states, or None; 「哪个…
    最多」 compares with every other row ("max", 0, "")."""
    if not _ASKS_WHICH.search(question):
        return None
    found = [(_STRICT[m.group(1)], float(m.group(2)), _unit(m.group(3))) for m in _BEFORE.finditer(question)]
    found += [(_STRICT[m.group(3)], float(m.group(1)), _unit(m.group(2))) for m in _AFTER.finditer(question)]
    extremes = {_EXTREME[m] for m in _EXTREMES.findall(question)}
    if not found and len(extremes) == 1:
        return extremes.pop(), 0.0, ""
    if not found and not extremes and _NONE_OF.search(question):
        return "=", 0.0, ""  # 「哪个县不用新建分园」: the rows whose count in that column is 0
    return found[0] if len(found) == 1 else None


def _unit(text: str | None) -> str:
    return (text or "").replace("％", "%")


def compared_column(row: Chunk, question: str) -> str:
    """The column of the row's table the question names (in full or by its last characters), if just one."""
    text = normalize(question)
    best: list[tuple[int, str]] = []
    for key, _ in row_cells(row.text):
        name = _UNIT_IN_NAME.sub("", normalize(key))
        # the whole name however short (「金额」), or its last characters
        length = next((n for n in range(len(name), min(len(name), MIN_COLUMN_CHARS) - 1, -1)
                       if n >= 2 and name[-n:] in text), 0)
        if length:
            best.append((length, key))
    best.sort(reverse=True)
    if not best or (len(best) > 1 and best[1][0] == best[0][0]):
        return ""
    return best[0][1]


def sole_figure_column(rows: list[Chunk]) -> str:
    """The one column of a table (serials aside) holding a figure in every row but the total, or "" (「哪个区域的
    工单最多」 under 「区域　本周件数　主要诉求」 compares 本周件数, the only column it can)."""
    rows = [r for r in rows if not any(_TOTAL.fullmatch(v) for _, v in row_cells(r.text))]
    columns = [k for k, _ in row_cells(rows[0].text)] if rows else []
    figured = [k for k in columns if not _SERIAL.fullmatch(k)
               and all(_CELL_VALUE.match(dict(row_cells(r.text)).get(k, "").replace(",", "")) for r in rows)]
    return figured[0] if len(rows) >= 2 and len(figured) == 1 else ""


def rows_meeting(rows: list[Chunk], column: str, op: str, number: float, unit: str = "") -> list[Chunk]:
    """The rows (not a total row) whose value in the column meets the comparison; none when a value is counted in
    another unit than the question's (「5000万元」 against 「0.82亿元」)."""
    valued = []
    widths = sorted(len(row_cells(row.text)) for row in rows)
    full = widths[len(widths) // 2] if widths else 0
    for row in rows:
        cells = dict(row_cells(row.text))
        # a total row, or one the page left short of the table's columns (its figures are not to be trusted)
        # (「…转岗就业服务合计」: the total row a PDF printed against the last one, its sum glued to that row's)
        if any(_TOTAL.fullmatch(v) or _TOTAL_AT_END.search(v) for v in cells.values()) or len(cells) < full:
            continue
        value = _CELL_VALUE.match(cells.get(column, "").replace(",", ""))
        if value is None:
            continue
        if unit and _unit(value.group(2)) != unit:
            return []
        valued.append((float(value.group(1)), _unit(value.group(2)), row))
    if op in ("max", "min"):  # every value in one unit, or the extreme means nothing
        if len(valued) < 2 or len({u for _, u, _ in valued}) > 1:
            return []
        extreme = (max if op == "max" else min)(v for v, _, _ in valued)
        return [row for v, _, row in valued if v == extreme]
    return [row for v, _, row in valued if _meets(v, op, number)]


def _meets(value: float, op: str, number: float) -> bool:
    return {">": value > number, "<": value < number, ">=": value >= number, "<=": value <= number,
            "=": value == number}[op]


def compared_quote(rows: list[Chunk], column: str) -> str:
    """Each kept row as its first cell (after a serial number) and the compared one (「城市：贻宁市；重点企业用工缺口率：
    4.6%」), a line each."""
    lines = []
    for row in rows:
        cells = row_cells(row.text)
        named = [(k, v) for k, v in cells if not _SERIAL.fullmatch(k)] or cells  # the project, not its 序号
        shown = [named[0], *[(k, v) for k, v in named[1:] if k == column]]
        lines.append("；".join(f"{k}：{v}" for k, v in shown))
    lead = [rows[0].lead] if rows[0].lead else []
    return "\n".join([*lead, *lines])
