"""Plain text of a PDF's pages in the shape the document model reads: lines a page wrapped are joined again,
table cells stay apart by a gap, page numbers go."""
from __future__ import annotations

import re

from retrieval.official import TOTAL_WORDS
from retrieval.wrapping import CELL_GAP_IN_LINE, ENDS_UNIT, GROUP_ROW, STARTS_UNIT, printed_width, wrap_width

CELL_GAP = "\u3000\u3000"  # what official.py reads as the gap between two table cells
FULL_LINE = 0.9  # a line at least this share of the widest line ran to the margin: the page wrapped it
MAX_PARAGRAPH_INDENT = 8  # spaces: a paragraph's first line is indented two characters or so, not more
KINSOKU_SLACK = 2.5  # or this few characters short of the measure: a bracket or digits that did not fit moved on
_PAGE_NUMBER = re.compile(r"^(?:[-—–－]\s*\d{1,4}\s*[-—–－]|第\s*\d{1,4}\s*页(?:\s*[，,]?\s*共\s*\d{1,4}\s*页)?)$")


# 「…联系电话：」 at the margin, its number on the next line: the colon ends a label, not a lead-in
_LABEL_AT_END = re.compile(r"(?:电话|传真|手机|邮箱|联系人|地址|热线)[：:]$")
_UNBROKEN = re.compile(r"[0-9A-Za-z@._\-+/]{4,}")


def pdf_text(pages: list[str]) -> str:
    """The pages' text (from pypdf's layout mode) as lines of running text, headings and table rows."""
    # a page break is no paragraph break; a running head (「…人民政府文件　…〔2026〕17号」 atop every page) and a
    # table's header printed again atop the next page are no text
    running = _running_heads(pages)
    seen_headers: set[str] = set()
    lines = []
    for page in pages:
        kept = 0
        for line in _trimmed(_page_lines(_merged_rows(page))):
            # a header seen before atop a page continues its table; under a caption it heads a table of its own
            if line[0] in running or (line[0] in seen_headers and not kept and CELL_GAP_IN_LINE.search(line[0])):
                continue
            kept += 1
            if line[0].count(CELL_GAP) >= 2:  # a row of three cells or more: a header if it comes again
                seen_headers.add(line[0])
            lines.append(line)
    # a paragraph's first line is indented: it reaches the margin with its indent, not with its text alone; a line
    # set far in (a centred title, a signature or date at the right) may overshoot the measure and sets nothing
    widest = max((indent + printed_width(text) for text, _, indent in lines
                  if not CELL_GAP_IN_LINE.search(text) and indent <= MAX_PARAGRAPH_INDENT), default=0)
    # the page's measure, from the lines it wrapped: a line a character short of it ran to the margin too (an
    # opening bracket 「〔」 may not end a line, so it went to the next)
    measure = wrap_width([text for text, indented, _ in lines if not indented and not CELL_GAP_IN_LINE.search(text)],
                         slack=KINSOKU_SLACK)
    full = min(FULL_LINE * widest, measure - KINSOKU_SLACK) if measure else FULL_LINE * widest
    out: list[str] = []
    joinable, open_end, reach = False, False, 0.0
    row_indent: int | None = None  # where the row of three cells or more just read starts
    for text, indented, indent in lines:
        if not text:
            joinable = False
            out.append("")
            continue
        # a figure or address too long for the rest of the line went to the next (「联系电话：」 then 「0736-…」)
        token = _UNBROKEN.match(text)
        pushed = bool(measure and token and open_end and reach + printed_width(token.group(0)) > measure)
        if (joinable or pushed) and not indented and not STARTS_UNIT.match(text) and not CELL_GAP_IN_LINE.search(text):
            out[-1] += text
        elif out and _label_rest(out[-1], text, indent, row_indent):
            first, gap, rest = out[-1].partition(CELL_GAP)
            out[-1] = f"{first}{text}{gap}{rest}"
        else:
            out.append(text)
        row_indent = indent if text.count(CELL_GAP) >= 2 else None
        reach = indent + printed_width(text)
        open_end = not CELL_GAP_IN_LINE.search(text) and (not ENDS_UNIT.search(text) or bool(_LABEL_AT_END.search(text)))
        joinable = reach >= full and open_end
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip()


MAX_LABEL_REST = 10  # characters: the rest of a row's first cell that wrapped under it (「累计）」「率（%）」)
_UNIT_CLOSE = re.compile(r"[（(][^（()）]{1,8}[）)]$")  # 「（亿元）」「（个，累计）」: a label ends with its unit


def _label_rest(row: str, piece: str, indent: int, row_indent: int | None) -> bool:
    """A short piece right under a table row, in its first column, that ends the row's first cell: it closes the
    bracket the cell left open (「…数量（家，」 then 「累计）」) or ends with the unit a label ends with (「…满足」
    then 「率（%）」). An unnumbered table's row prints its label's last line below its figures."""
    if row_indent is None or abs(indent - row_indent) > 1 or CELL_GAP_IN_LINE.search(piece):
        return False
    if len(piece) > MAX_LABEL_REST or STARTS_UNIT.match(piece) or re.search(r"[。；;！？!?]", piece):
        return False
    first = row.partition(CELL_GAP)[0]
    unclosed = first.count("（") + first.count("(") > first.count("）") + first.count(")")
    return unclosed or bool(_UNIT_CLOSE.search(piece))


RUNNING_SHARE = 0.3  # a line that opens or closes at least this share of the pages (and two) is a running head


def _running_heads(pages: list[str]) -> set[str]:
    """Lines (in the form _page_lines gives) that open or close many pages alike."""
    counts: dict[str, int] = {}
    for page in pages:
        filled = [text for text, _, _ in _page_lines(page) if text]
        for text in {*filled[:1], *filled[-1:]}:
            if text.count(CELL_GAP) < 2:  # a table's header atop each page is read once, where the table starts
                counts[text] = counts.get(text, 0) + 1
    least = max(2, RUNNING_SHARE * len(pages))
    return {text for text, n in counts.items() if n >= least}


def _page_lines(page: str) -> list[tuple[str, bool, int]]:
    """(text with cell gaps, indented, indent in spaces) per line of a page; page numbers left out, blank lines
    kept."""
    raw = [line.rstrip() for line in page.replace("\r", "").split("\n")]
    margin = min((len(x) - len(x.lstrip(" ")) for x in raw if x.strip()), default=0)
    lines = []
    for line in raw:
        text = line.strip()
        if _PAGE_NUMBER.match(text):
            continue
        indent = len(line) - len(line.lstrip(" ")) - margin
        lines.append((re.sub(r"(?<=\S) {2,}(?=\S)", CELL_GAP, text), indent >= 2, max(indent, 0)))
    return lines


def _trimmed(lines: list[tuple[str, bool, int]]) -> list[tuple[str, bool, int]]:
    """A page's lines without the blank lines above its first and below its last line of text."""
    filled = [i for i, (text, _, _) in enumerate(lines) if text]
    return lines[filled[0]:filled[-1] + 1] if filled else []


_CELL = re.compile(r"\S+(?: \S+)*")  # a cell of a layout line: text up to a gap of two spaces or more
_ROW_NUMBER = re.compile(r"\d{1,3}")
_FIGURE = re.compile(r"[\d.,%]+")
_GROUP_ORDINAL = re.compile(r"[一二三四五六七八九十]{1,3}")
_TOTAL_CELL = re.compile(rf"{TOTAL_WORDS}|小\s*计")  # 「合计　3600」 under the last row is a row of its own


_HEAD_PIECE = re.compile(r"[^\d，。；、,;]{1,8}")  # the rest of a column's name, not a row's text
_OPEN_HEAD = re.compile(r"[（(][^）)]*$")  # 「组织保障（」: a column's name whose unit is printed on the next line
_CLOSING_PIECE = re.compile(r"[^，。；、,;（(]{0,6}[）)]")  # 「15分）」: that unit
_GLUED_NUMBER = re.compile(r"^(\d{1,3}) ?(?=[\u4e00-\u9fff“\"（(《])")


def _cells(line: str) -> list[tuple[int, str]]:
    """(column, text) of each cell of a layout line; a row number printed against its text (「10主园区开园」,
    「6 规范…」) is a cell of its own."""
    cells = [(m.start(), m.group()) for m in _CELL.finditer(line)]
    glued = _GLUED_NUMBER.match(cells[0][1]) if len(cells) >= 3 else None
    if glued:
        col, text = cells[0]
        cells[0:1] = [(col, glued.group(1)), (col + glued.end(), text[glued.end():])]
    return cells


def _merged_rows(page: str) -> str:
    """A numbered table whose cells wrap onto several lines (「建成首批12个产业链人」 over 「力资源服务站」) read as
    one line per row: each wrapped piece joins the cell of the numbered row whose column it starts in. Only under
    a header of three or more cells and between numbered rows; a piece above the first row opens that row, and
    then the table centres its rows on their middle line, so the pieces between two rows are split between them."""
    lines = page.split("\n")
    out: list[str] = []
    header = 0
    head: list[list] = []  # the header's cells, which may wrap onto the lines right under it
    head_lines: list[list[tuple[int, str]]] = []  # the header's printed lines, top to bottom
    row: list[list] | None = None  # the numbered row being read: [column, text] per cell
    above: list[str] = []  # pieces between the header and the first numbered row
    pending: list[str] = []  # pieces under the row being read: its own, or the next row's when rows are centred
    centred, lifted = False, 0  # rows printed on their middle line; pieces the row being read had above it
    under_head = False
    gap = 0  # how many pieces under the row being read came before the last blank line: rows part at a blank
    last: list[list] | None = None  # the row read last, whose columns a line after a group row is measured by
    named: list[list] = []  # the columns of the table's header, which its unnumbered rows are parted by

    def close() -> None:
        nonlocal pending, gap, last
        gap, last = 0, row
        for piece in pending:
            for col, text in _cells(piece):
                _join(row, col, text)
        pending = []
        out.append(_row_line(row))

    for line in lines:
        cells = _cells(line)
        if header and not cells:
            under_head = False
            gap = len(pending)
            continue  # blank lines between a table's printed lines
        if not header:
            if len(cells) <= 1:
                named = []  # running text: the table whose columns were named is over
            elif named and len(cells) < len(named):
                parted = _split_short(cells, named)  # a row of an unnumbered table, under the header named
                if len(parted) > len(cells):
                    out.append(_row_line([list(c) for c in parted]))
                    continue
            header = len(cells) if len(cells) >= 3 and not _ROW_NUMBER.fullmatch(cells[0][1]) else 0
            head, under_head = [[col, text] for col, text in cells], bool(header)
            head_lines = [cells]
            named = named if named and len(cells) <= len(named) else head
            out.append(line)
            continue
        if under_head and row is None and _head_rest(head_lines[-1], cells):
            head_lines.append(cells)  # 「序」 over 「号」 with no blank line between: one header cell
            head = _stacked_header(head_lines)
            header, named = len(head), head
            out[-1] = _row_line(head)
            continue
        under_head = False
        parted = _split_short(cells, head) if len(cells) < header else cells
        split, cells = len(parted) > len(cells), parted
        if (cells and _ROW_NUMBER.fullmatch(cells[0][1]) and len(cells) >= header - 1
                and (row is None or not row[0][1].isdigit() or int(cells[0][1]) == int(row[0][1]) + 1)):
            if row is None:
                centred = bool(above)
            else:
                # a blank line between a row's pieces and the next ones parts the rows even where the first row
                # had nothing above it (a two-line row centred on its first line)
                own = (_own_share(pending, lifted, gap) if centred
                       else gap if 0 < gap < len(pending) else len(pending))
                above, pending = pending[own:], pending[:own]
                close()
            row, lifted = [[col, text] for col, text in cells], len(above)
            for piece in reversed(above):  # pieces printed above the row's middle line open its cells
                for col, text in _cells(piece):
                    _join(row, col, text, before=True)
            above = []
            continue
        columns = row or last or head
        if cells[0][0] < columns[min(1, len(columns) - 1)][0] and (
                (len(cells) == 1 and GROUP_ROW.match(cells[0][1]))
                or (len(cells) == 2 and _GROUP_ORDINAL.fullmatch(cells[0][1]))):  # 「一　　鞍平市（国家试点）」
            if row is not None:  # 「二、培育壮大融合发展市场主体」 across the table: a group of rows, the table goes on
                close()
            out.extend(above)
            row, above = None, []
            out.append(line)
            continue
        ends = row is not None and cells[0][0] <= row[0][0]  # a number never wraps: text under it is no piece
        figures = sum(bool(_FIGURE.fullmatch(text)) for _, text in cells)  # 「合计　67　4860」: a row of its own
        if (len(cells) >= header or ends or (len(cells) >= 3 and figures >= 2) or _PAGE_NUMBER.match(line.strip())
                or (len(cells) >= 2 and _TOTAL_CELL.fullmatch(cells[0][1]) and figures)
                or _overflows(row if row is not None else last, cells)):  # a line of its own: the table is over
            if row is not None:
                close()
            out.extend(above)
            row, above, header = None, [], 0
            out.append(_row_line([list(c) for c in cells]) if split else line)
            continue
        (above if row is None else pending).append(line)
    if row is not None:
        close()
    out.extend(above)
    return "\n".join(out)


_CELL_END = re.compile(r"[。；;！？!?]$")


def _own_share(pending: list[str], lifted: int, gap: int = 0) -> int:
    """How many of the pieces between two centred rows are the upper row's: as many as it had above its middle
    line, or one more; the one a blank line follows, or whose last piece ends a sentence, else the even split."""
    choices = [n for n in (lifted, lifted + 1) if n <= len(pending)] or [len(pending)]
    if gap in choices and 0 < gap < len(pending):
        return gap
    ended = [n for n in choices if n and _CELL_END.search(pending[n - 1].strip())]
    return ended[0] if len(ended) == 1 else choices[0]


CELL_SLACK = 2  # columns a wrapped piece may run past the next cell's start (layout rounding)


def _overflows(row: list[list] | None, cells: list[tuple[int, str]]) -> bool:
    """A line wider than the cell it starts under is running text after the table, not a wrapped piece of it
    (a paragraph indented a column or two right of the row numbers)."""
    if row is None:
        return False
    starts = sorted(c[0] for c in row)
    for col, text in cells:
        following = [s for s in starts if s > col + CELL_SLACK]  # a piece may start a little left of its cell
        if following and col + len(text) > following[0] + CELL_SLACK:
            return True
    return False


def _join(row: list[list], col: int, text: str, *, before: bool = False) -> None:
    """Add a wrapped piece to the cell of the row whose column it starts in (the nearest to its left)."""
    cell = max((c for c in row if c[0] <= col + CELL_SLACK), key=lambda c: c[0], default=row[0])
    cell[1] = text + cell[1] if before else cell[1] + text


def _stacked_header(lines: list[list[tuple[int, str]]]) -> list[list]:
    """A header printed on several lines as one row: the line with the most cells gives the columns (a centred
    header wraps its long names above and below the short ones), every other piece joins the column it lies over."""
    skeleton = max(lines, key=len)
    parts: list[list[str]] = [[] for _ in skeleton]
    for line in lines:
        for col, text in line:
            if line is skeleton:
                k = next(i for i, cell in enumerate(skeleton) if cell[0] == col)
            else:
                k = max(range(len(skeleton)), key=lambda i: (_overlap(skeleton[i], col, text),
                                                             -abs(_centre(*skeleton[i]) - _centre(col, text))))
            parts[k].append(text)
    return [[col, "".join(texts)] for (col, _), texts in zip(skeleton, parts)]


def _head_rest(above: list[tuple[int, str]], cells: list[tuple[int, str]]) -> bool:
    """A line of the header's cells still: pieces of column names, or the units closing the brackets the line
    above left open (「组织保障（」 over 「15分）」)."""
    if all(_HEAD_PIECE.fullmatch(text) for _, text in cells):
        return True
    return (any(_OPEN_HEAD.search(text) for _, text in above) and any(")" in t or "）" in t for _, t in cells)
            and all(_HEAD_PIECE.fullmatch(t) or _CLOSING_PIECE.fullmatch(t) or t.isdigit() for _, t in cells))


def _split_short(cells: list[tuple[int, str]], head: list[list]) -> list[tuple[int, str]]:
    """A row short of the header's cells whose cell runs one space from the next column's start (「93.5 优秀」
    under 「总分」「等级」): parted where that column starts."""
    out = []
    for col, text in cells:
        cuts = [s - col for s, _ in head[1:] if col < s < col + len(text)]
        cuts = [next((c + d for d in (0, -1, 1) if 0 < c + d < len(text) and text[c + d - 1] == " "), None)
                for c in cuts]
        start = 0
        for cut in [c for c in cuts if c]:
            out.append((col + start, text[start:cut].strip()))
            start = cut
        out.append((col + start, text[start:].strip()))
    return [c for c in out if c[1]]


def _overlap(cell: tuple[int, str], col: int, text: str) -> int:
    return max(0, min(cell[0] + len(cell[1]), col + len(text)) - max(cell[0], col))


def _centre(col: int, text: str) -> float:
    return col + len(text) / 2


def _row_line(row: list[list]) -> str:
    return "    ".join(text for _, text in row)
