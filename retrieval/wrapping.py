"""Lines a page wrapped at a fixed width (a PDF, or text copied out of one) joined back into their paragraphs."""
from __future__ import annotations

import re
import unicodedata
from collections import Counter

ENDS_UNIT = re.compile(r"[。！？；：!?;:]['\"”’」』）)]*$")
STARTS_UNIT = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[.．、](?!\d)"
                         r"|第[一二三四五六七八九十百]+[章条部]|附\s*[件表录]|[-•●■◆]\s|#|\|)")
CELL_GAP_IN_LINE = re.compile(r"\S(?: {2,}|\u3000{2,}|\t)\S")
# A heading printed across a table between its rows (「二、培育壮大融合发展市场主体」): a group of rows.
GROUP_ROW = re.compile(r"(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)])[^。；，]{2,30}$")
MIN_WRAP = 15  # narrower lines are headings or list entries, not a page's measure
WRAP_SLACK = 1.5  # a wrapped line may fall this much short of the measure (a word that did not fit)


_FULL_IN_CHINESE = frozenset("“”‘’…—")  # of ambiguous width, printed full-width in a Chinese font


def printed_width(text: str) -> float:
    """Printed width in full-width characters (Latin letters and digits count half)."""
    return sum(1 if unicodedata.east_asian_width(ch) in "WF" or ch in _FULL_IN_CHINESE else 0.5 for ch in text)


def wrap_width(lines: list[str], slack: float = WRAP_SLACK) -> float:
    """The fixed width a text was wrapped at, or 0 when its lines are whole paragraphs: the width most lines
    that stop mid-sentence share, give or take the slack."""
    open_ends = [round(printed_width(ln.strip())) for ln in lines
                 if ln.strip() and not ENDS_UNIT.search(ln.strip()) and printed_width(ln.strip()) >= MIN_WRAP]
    if not open_ends:
        return 0.0
    width, count = Counter(open_ends).most_common(1)[0]
    near = sum(1 for w in open_ends if abs(w - width) <= slack)
    return float(width) if count >= 3 and near >= 0.6 * len(open_ends) else 0.0


def unwrap(text: str) -> str:
    """The text with each line the page wrapped joined to the next, when the text was wrapped at a fixed width."""
    lines = text.split("\n")
    width = wrap_width(lines)
    if not width:
        return text
    out: list[str] = []
    joinable = False
    for line in lines:
        stripped = line.strip()
        if joinable and stripped and not STARTS_UNIT.match(stripped) and not CELL_GAP_IN_LINE.search(stripped):
            out[-1] += stripped
        else:
            out.append(line)
        last = out[-1].strip()
        joinable = (bool(stripped) and printed_width(stripped) >= width - WRAP_SLACK and not ENDS_UNIT.search(last)
                    and not CELL_GAP_IN_LINE.search(stripped))
    return "\n".join(out)
