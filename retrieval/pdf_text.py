"""Plain text of a PDF's pages in the shape the document model reads: lines a page wrapped are joined again,
table cells stay apart by a gap, page numbers go."""
from __future__ import annotations

import re

from retrieval.wrapping import CELL_GAP_IN_LINE, ENDS_UNIT, STARTS_UNIT, printed_width

CELL_GAP = "\u3000\u3000"  # what official.py reads as the gap between two table cells
FULL_LINE = 0.9  # a line at least this share of the widest line ran to the margin: the page wrapped it
_PAGE_NUMBER = re.compile(r"^(?:[-—–－]\s*\d{1,4}\s*[-—–－]|第\s*\d{1,4}\s*页(?:\s*[，,]?\s*共\s*\d{1,4}\s*页)?)$")


def pdf_text(pages: list[str]) -> str:
    """The pages' text (from pypdf's layout mode) as lines of running text, headings and table rows."""
    lines = [line for page in pages for line in _trimmed(_page_lines(page))]  # a page break is no paragraph break
    # a paragraph's first line is indented: it reaches the margin with its indent, not with its text alone
    widest = max((indent + printed_width(text) for text, _, indent in lines if not CELL_GAP_IN_LINE.search(text)),
                 default=0)
    out: list[str] = []
    joinable = False
    for text, indented, indent in lines:
        if not text:
            joinable = False
            out.append("")
            continue
        if joinable and not indented and not STARTS_UNIT.match(text) and not CELL_GAP_IN_LINE.search(text):
            out[-1] += text
        else:
            out.append(text)
        joinable = (indent + printed_width(text) >= FULL_LINE * widest and not ENDS_UNIT.search(text)
                    and not CELL_GAP_IN_LINE.search(text))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip()


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
