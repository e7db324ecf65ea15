"""Plain text of a Word document in the shape the document model reads: heading styles become Markdown `#`
lines, automatic list numbers are written out (一、 （一） 1.), bullets become `- ` items and each table row becomes
one line with its cells apart, all in the order of the document body."""
from __future__ import annotations

import re
from collections.abc import Iterator

from docx.document import Document as Docx
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

CELL_GAP = "\u3000\u3000"  # what official.py reads as the gap between two table cells
_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.I)
_TITLE_STYLES = {"title", "标题"}
_CHINESE_DIGITS = "零一二三四五六七八九"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
_LABEL_TAB = re.compile(r"^([^\t]{1,6}?[.．、)）])\t+")


def docx_text(doc: Docx) -> tuple[str, bool]:
    """The document's text, and whether any paragraph carried a heading style below the title (then the text has
    `##` lines that only the official-document model reads as sections)."""
    numbers = _ListNumbers(doc)
    blocks: list[str] = []
    styled = False
    for block in doc.iter_inner_content():
        if isinstance(block, Table):
            blocks.append("\n".join(_table_rows(block)))
            continue
        text = _paragraph_text(block)
        if not text:
            continue
        level = heading_level(block)
        label = numbers.label(block)
        if level is not None:
            styled = styled or level >= 1
            # a heading broken over lines (a title naming two parties, one per line) is one heading
            heading = "".join(line.strip() for line in text.split("\n"))
            blocks.append(f"{'#' * (level + 1)} {label}{heading}")
        else:
            blocks.append(f"{label}{text}")
    return "\n\n".join(b for b in blocks if b.strip()), styled


def heading_level(paragraph: Paragraph) -> int | None:
    """0 for the Title style, 1-9 for Heading 1-9 (also 标题 1, a style based on one, or an outline level)."""
    outline = _own_outline_level(paragraph._p.pPr)
    for style in _style_chain(paragraph):
        name = (style.name or "").strip()
        if name.lower() in _TITLE_STYLES:
            return 0
        m = _HEADING_STYLE.match(name)
        if m:
            return int(m.group(1))
        if outline is None:
            outline = _own_outline_level(style.element.pPr)
    return outline + 1 if outline is not None and outline < 9 else None


def _own_outline_level(ppr) -> int | None:
    if ppr is None:
        return None
    found = ppr.find(qn("w:outlineLvl"))
    return int(found.get(qn("w:val"))) if found is not None else None


def _style_chain(paragraph: Paragraph) -> Iterator:
    style, seen = paragraph.style, 0
    while style is not None and seen < 10:
        yield style
        style, seen = style.base_style, seen + 1


def _paragraph_text(paragraph: Paragraph) -> str:
    """The visible text, with a tab after a typed number read as a space and other tabs as a cell gap."""
    text = _LABEL_TAB.sub(r"\1 ", paragraph.text.strip())
    return re.sub(r"\t+", CELL_GAP, text)


def _table_rows(table: Table) -> Iterator[str]:
    """One line per row: the row's non-empty cells (a merged cell once) separated by a cell gap; a form as its
    「label：value」 pairs."""
    grid = [_row_cells(row) for row in table.rows]
    if _is_form(grid):
        for cells in grid:  # a pair a line, so that 「联系人：…」 and 「联系电话：…」 read as the contact lines they are
            yield from (f"{cells[i]}：{cells[i + 1]}" for i in range(0, len(cells) - 1, 2) if cells[i] and cells[i + 1])
        return
    for cells in grid:
        kept = [c for c in cells if c]
        if kept:
            yield CELL_GAP.join(kept)


def _row_cells(row) -> list[str]:
    """A row's cells (a merged cell once), each as one line of text."""
    cells, seen = [], set()
    for cell in row.cells:
        if id(cell._tc) in seen:
            continue
        seen.add(id(cell._tc))
        cells.append(re.sub(r"\s*\n\s*", "", "".join(p.text.strip() for p in cell.paragraphs)))
    return cells


_LABEL_CELL = re.compile(r"[^\d，。；,;]{1,16}")
_ASIDE = re.compile(r"[（(][^）)]*[）)]")


def _is_form(grid: list[list[str]]) -> bool:
    """A form laid out as label | value pairs side by side (「城市名称 | 篙平市 | 所属省份 | 箬川省」), not a table under
    a header row: an even number of columns, its labels short, digit-free and never repeated, and every value
    column mixing figures with words, as a header's columns never do."""
    if len(grid) < 4 or any(len(r) != len(grid[0]) for r in grid) or len(grid[0]) not in (4, 6):
        return False
    labels = [r[i] for r in grid for i in range(0, len(r), 2)]
    if not all(_LABEL_CELL.fullmatch(_ASIDE.sub("", c)) for c in labels) or len(set(labels)) != len(labels):
        return False
    for i in range(1, len(grid[0]), 2):
        share = sum(1 for r in grid if re.search(r"\d", r[i])) / len(grid)
        if not 0.2 <= share <= 0.8:
            return False
    return True


class _ListNumbers:
    """Word's automatic list numbers, counted through the document as Word shows them."""

    def __init__(self, doc: Docx) -> None:
        try:
            self.numbering = doc.part.numbering_part.element
        except (KeyError, NotImplementedError):
            self.numbering = None
        self.counts: dict[str, list[int]] = {}

    def label(self, paragraph: Paragraph) -> str:
        """「一、」「（一）」「1. 」「- 」 or "" for a paragraph without automatic numbering."""
        num_id, ilvl = self._numbering_of(paragraph)
        if self.numbering is None or num_id in (None, "0"):
            return ""
        levels = self._levels(num_id)
        if ilvl not in levels:
            return ""
        fmt, text, start = levels[ilvl]
        if fmt == "bullet":
            return "- "
        counts = self.counts.setdefault(num_id, [0] * 9)
        counts[ilvl] = counts[ilvl] + 1 if counts[ilvl] else start
        for deeper in range(ilvl + 1, 9):
            counts[deeper] = 0
        label = re.sub(r"%([1-9])", lambda m: _format(*self._counted(levels, counts, int(m.group(1)) - 1)), text)
        return label + " " if label.endswith((".", "．")) else label

    @staticmethod
    def _counted(levels: dict, counts: list[int], level: int) -> tuple[int, str]:
        fmt, _, start = levels.get(level, ("decimal", "", 1))
        return counts[level] or start, fmt

    def _numbering_of(self, paragraph: Paragraph) -> tuple[str | None, int]:
        """(numId, level) from the paragraph or, failing that, its style chain."""
        candidates = [paragraph._p.pPr] + [style.element.pPr for style in _style_chain(paragraph)]
        for ppr in candidates:
            num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
            if num_pr is None:
                continue
            num = num_pr.find(qn("w:numId"))
            lvl = num_pr.find(qn("w:ilvl"))
            if num is not None:
                return num.get(qn("w:val")), int(lvl.get(qn("w:val"))) if lvl is not None else 0
        return None, 0

    def _levels(self, num_id: str) -> dict[int, tuple[str, str, int]]:
        """level -> (numFmt, lvlText, start) of the list instance `num_id`."""
        num = next((n for n in self.numbering.findall(qn("w:num")) if n.get(qn("w:numId")) == num_id), None)
        if num is None:
            return {}
        abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
        abstract = next((a for a in self.numbering.findall(qn("w:abstractNum"))
                         if a.get(qn("w:abstractNumId")) == abstract_id), None)
        levels = {}
        for lvl in abstract.findall(qn("w:lvl")) if abstract is not None else []:
            levels[int(lvl.get(qn("w:ilvl")))] = (_val(lvl, "w:numFmt", "decimal"), _val(lvl, "w:lvlText", ""),
                                                  int(_val(lvl, "w:start", "1")))
        for override in num.findall(qn("w:lvlOverride")):
            start = override.find(qn("w:startOverride"))
            level = int(override.get(qn("w:ilvl")))
            if start is not None and level in levels:
                levels[level] = (*levels[level][:2], int(start.get(qn("w:val"))))
        return levels


def _val(element, tag: str, default: str) -> str:
    found = element.find(qn(tag))
    return found.get(qn("w:val"), default) if found is not None else default


def _format(n: int, fmt: str) -> str:
    """One counter in a Word number format (decimal, chineseCounting, ideographTraditional, …)."""
    if fmt.startswith("chinese") or fmt in ("ideographDigital", "taiwaneseCounting", "japaneseCounting"):
        return chinese_number(n)
    if fmt == "ideographTraditional":
        return _STEMS[(n - 1) % 10]
    if fmt.startswith("decimalEnclosedCircle") and 1 <= n <= len(_CIRCLED):
        return _CIRCLED[n - 1]
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(n)
        return roman.upper() if fmt == "upperRoman" else roman
    if fmt == "none":
        return ""
    return f"{n:02d}" if fmt == "decimalZero" else str(n)


def chinese_number(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十, 105 -> 一百零五 (as list numbers are written)."""
    if n < 10:
        return _CHINESE_DIGITS[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else _CHINESE_DIGITS[tens]) + "十" + (_CHINESE_DIGITS[ones] if ones else "")
    hundreds, rest = divmod(n, 100)
    tail = "" if not rest else ("零" + _CHINESE_DIGITS[rest] if rest < 10 else
                                 ("一" if rest < 20 else "") + chinese_number(rest))
    return _CHINESE_DIGITS[hundreds % 10] + "百" + tail


def _roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out, n = out + letters, n - value
    return out
