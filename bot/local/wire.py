"""What travels between the bot and a Bot API peer: PTB's form fields decoded, and Telegram's HTML checks."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from typing import Any

JSON_FIELDS = {"reply_markup", "entities", "commands", "allowed_updates", "reply_parameters",
               "link_preview_options", "scope", "caption_entities", "media", "results"}
INT_FIELDS = {"chat_id", "message_id", "user_id", "offset", "limit", "timeout", "cache_time",
              "reply_to_message_id", "message_thread_id"}
ALLOWED_TAGS = {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre",
                "blockquote", "tg-spoiler", "span", "tg-emoji"}
MAX_TEXT = 4096
BARE_AMP = re.compile(r"&(?!(?:lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);)")


class _EntityChecker(HTMLParser):
    """Checks Telegram's HTML subset: known tags, properly nested and closed."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags = 0
        self.problem: str | None = None
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags += 1
        if tag not in ALLOWED_TAGS:
            self.problem = self.problem or f"unsupported start tag \"{tag}\""
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        self.tags += 1
        if not self.stack or self.stack.pop() != tag:
            self.problem = self.problem or f"unmatched end tag \"{tag}\""

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def html_to_text(text: str) -> tuple[str, str | None]:
    """The text Telegram would show for an HTML message, and the parse problem if any."""
    checker = _EntityChecker()
    checker.feed(text)
    checker.close()
    problem = checker.problem or (f"unclosed tag \"{checker.stack[-1]}\"" if checker.stack else None)
    if problem is None and text.count("<") != checker.tags:
        problem = "unescaped \"<\""
    if problem is None and BARE_AMP.search(text):
        problem = "unescaped \"&\""
    return "".join(checker.text), problem


def decode_params(raw: dict[str, str]) -> dict[str, Any]:
    """Form fields as PTB sends them: JSON inside reply_markup and the like, ints for ids."""
    params: dict[str, Any] = {}
    for key, value in raw.items():
        if key in JSON_FIELDS:
            params[key] = json.loads(value)
        elif key in INT_FIELDS:
            try:
                params[key] = int(value)
            except ValueError:
                params[key] = value
        else:
            params[key] = value
    return params
