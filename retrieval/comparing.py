"""Rows of a table that meet a comparison the question states (「缺口率超过4%的有哪几个城市」)."""
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
_ASKS_WHICH = re.compile(r"哪(?:些|几|个|家|一)")
MIN_COLUMN_CHARS = 3  # the end of a column's name a question may say alone (「缺口率」 for 「重点企业用工缺口率」)


def comparison(question: str) -> tuple[str, float, str] | None:
    """The operator, number and unit (maybe "") of the one comparison a 「哪些」 question states, or None."""
    if not _ASKS_WHICH.search(question):
        return None
    found = [(_STRICT[m.group(1)], float(m.group(2)), _unit(m.group(3))) for m in _BEFORE.finditer(question)]
    found += [(_STRICT[m.group(3)], float(m.group(1)), _unit(m.group(2))) for m in _AFTER.finditer(question)]
    return found[0] if len(found) == 1 else None


def _unit(text: str | None) -> str:
    return (text or "").replace("％", "%")


def compared_column(row: Chunk, question: str) -> str:
    """The column of the row's table the question names (in full or by its last characters), if just one."""
    text = normalize(question)
    best: list[tuple[int, str]] = []
    for key, _ in row_cells(row.text):
        name = normalize(key)
        length = next((n for n in range(len(name), MIN_COLUMN_CHARS - 1, -1) if name[-n:] in text), 0)
        if length:
            best.append((length, key))
    best.sort(reverse=True)
    if not best or (len(best) > 1 and best[1][0] == best[0][0]):
        return ""
    return best[0][1]


def rows_meeting(rows: list[Chunk], column: str, op: str, number: float, unit: str = "") -> list[Chunk]:
    """The rows (not a total row) whose value in the column meets the comparison; none when a value is counted in
    another unit than the question's (「5000万元」 against 「0.82亿元」)."""
    kept = []
    for row in rows:
        cells = dict(row_cells(row.text))
        if any(_TOTAL.fullmatch(v) for v in cells.values()):
            continue
        value = _CELL_VALUE.match(cells.get(column, "").replace(",", ""))
        if value is None:
            continue
        if unit and _unit(value.group(2)) != unit:
            return []
        if _meets(float(value.group(1)), op, number):
            kept.append(row)
    return kept


def _meets(value: float, op: str, number: float) -> bool:
    return {">": value > number, "<": value < number, ">=": value >= number, "<=": value <= number}[op]


def compared_quote(rows: list[Chunk], column: str) -> str:
    """Each kept row as its first cell and the compared one (「城市：贻宁市；重点企业用工缺口率：4.6%」), a line each."""
    lines = []
    for row in rows:
        cells = row_cells(row.text)
        shown = [cells[0], *[(k, v) for k, v in cells[1:] if k == column]]
        lines.append("；".join(f"{k}：{v}" for k, v in shown))
    lead = [rows[0].lead] if rows[0].lead else []
    return "\n".join([*lead, *lines])
