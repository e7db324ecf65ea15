"""What users and admins type, checked once at the boundary: text cleaning, the question length limit shared by
the bot and the core, and the document id rule shared by uploads, the HTTP API, chat and the shell."""
from __future__ import annotations

import re
import unicodedata

MAX_QUESTION_CHARS = 500
# Lower-case letters, digits, Chinese characters, then also `.`, `_`, `-`; no `/`, `\`, `..`, spaces or wildcards.
DOC_ID_RULE = "以小写字母、数字或汉字开头，只含小写字母、数字、汉字和 . _ -，最长 64 个字符，不含 .."
_DOC_ID = re.compile(r"[a-z0-9\u4e00-\u9fff][a-z0-9\u4e00-\u9fff._-]{0,63}")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]")


def replace_surrogates(text: str) -> str:
    """Lone surrogates (undecodable bytes smuggled in by `surrogateescape`, or `\\udcff` in JSON) become U+FFFD."""
    return _SURROGATE.sub("\ufffd", text)


def clean_text(text: str) -> str:
    """Text as the core may see it: valid Unicode, no control or invisible format characters, single spaces.
    What the user wrote is otherwise kept (full-width punctuation stays; the core normalises for matching)."""
    return " ".join(_CONTROL.sub(" ", replace_surrogates(text or "")).split())


def question_too_long(question: str) -> bool:
    """True when the question is over the limit both the bot and the core apply, counted as the core counts
    (after NFKC, which can lengthen a few characters such as ㍿)."""
    return len(" ".join(unicodedata.normalize("NFKC", clean_text(question)).split())) > MAX_QUESTION_CHARS


def is_valid_doc_id(doc_id: str) -> bool:
    """The one document id rule: the id is also the file name, so it can never name a path or a pattern."""
    return bool(_DOC_ID.fullmatch(doc_id)) and ".." not in doc_id
