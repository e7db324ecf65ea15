"""Turning answers and passages into Telegram HTML, escaped, and splitting long replies."""
from __future__ import annotations

import re
from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot import messages as msg
from retrieval.models import Answer

LIMIT = 4096
SENTENCE_END = re.compile(r"(?<=[。！？!?；;…])|(?<=\.\s)")


def answer_html(answer: Answer, *, suggesting: bool = False) -> str:
    """The answer as the user reads it: quotes, 《title》 and date, then 「您可能想问：」 above suggestion buttons."""
    text = answer.answer.strip()
    lines = text.split("\n")
    if answer.found and answer.sources and answer.sources[0].title not in text:
        top = answer.sources[0]
        lines.append(msg.SOURCE_LINE.format(title=top.title, published=top.published))
    # The source line ("——《title》 date") in italics, everything else as written; every dynamic part escaped.
    html = "\n".join(f"<i>{escape(line)}</i>" if line.startswith("——") else escape(line) for line in lines)
    return f"{html}\n\n{escape(msg.SUGGESTIONS_LEAD)}" if suggesting else html


def answer_keyboard(answer_id: int) -> InlineKeyboardMarkup:
    """查看原文 and 👍/👎 buttons carrying the stored answer's short id."""
    return InlineKeyboardMarkup([
        [InlineKeyboardButton(msg.BUTTON_CONTEXT, callback_data=f"ctx:{answer_id}")],
        [InlineKeyboardButton(msg.BUTTON_UP, callback_data=f"fb:u:{answer_id}"),
         InlineKeyboardButton(msg.BUTTON_DOWN, callback_data=f"fb:d:{answer_id}")],
    ])


def suggestions_keyboard(answer_id: int, questions: list[str]) -> InlineKeyboardMarkup | None:
    """One button per suggested question (labelled with it), carrying the stored answer's id and its position."""
    if not questions:
        return None
    return InlineKeyboardMarkup([[InlineKeyboardButton(question, callback_data=f"sg:{answer_id}:{position}")]
                                 for position, question in enumerate(questions)])


def context_html(context: dict, focus: int = 1) -> str:
    """The paragraph with its neighbours; the quoted one in bold."""
    header = msg.CONTEXT_HEADER.format(title=escape(str(context["title"])),
                                       published=escape(str(context["published"])))
    parts = []
    for i, paragraph in enumerate(context["paragraphs"]):
        if not paragraph:
            continue
        body = escape(str(paragraph))
        parts.append(f"<b>{body}</b>" if i == focus else body)
    return header + "\n\n".join(parts)


def split_message(html: str, limit: int = LIMIT) -> list[str]:
    """Split a reply into messages of at most `limit` characters, at line or sentence ends.

    Lines are kept whole when they fit; our HTML only opens and closes tags within a line, and a
    line that must be cut is cut at sentence ends (tags in it are closed and reopened).
    """
    units: list[tuple[str, str]] = []  # (separator before the unit, unit)
    for line in html.split("\n"):
        pieces = _cut_line(line, limit) if len(line) > limit else [line]
        units.extend(("\n" if i == 0 else "", piece) for i, piece in enumerate(pieces))
    messages: list[str] = []
    current = ""
    for sep, unit in units:
        candidate = f"{current}{sep}{unit}" if current else unit
        if len(candidate) <= limit:
            current = candidate
        else:
            if current.strip():
                messages.append(current)
            current = unit
    if current.strip():
        messages.append(current)
    return messages


def _cut_line(line: str, limit: int) -> list[str]:
    tags = re.fullmatch(r"(<(\w+)>)(.*)(</\2>)", line, flags=re.S)
    open_tag, body, close_tag = (tags.group(1), tags.group(3), tags.group(4)) if tags else ("", line, "")
    room = limit - len(open_tag) - len(close_tag)
    out: list[str] = []
    for sentence in (s for s in SENTENCE_END.split(body) if s):
        while len(sentence) > room:  # a "sentence" longer than a message: hard cut
            cut = room
            amp = sentence.rfind("&", max(0, room - 8), room)
            if amp > 0 and ";" not in sentence[amp:room]:
                cut = amp  # never cut inside an HTML entity
            out.append(sentence[:cut])
            sentence = sentence[cut:]
        out.append(sentence)
    return [f"{open_tag}{part}{close_tag}" for part in out if part]
