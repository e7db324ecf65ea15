"""Admin replies as Telegram HTML (every dynamic part escaped), and reading an upload's caption."""
from __future__ import annotations

import re
from html import escape
from typing import Any

from bot.admin import messages as msg
from retrieval.library import Metadata

CAPTION_SEPARATOR = re.compile(r"\s*[|｜]\s*")


def parse_caption(caption: str | None) -> Metadata:
    """「标题 | YYYY-MM-DD[ | 发布单位]」 → Metadata; missing parts stay empty (the library says what is missing)."""
    parts = [p.strip() for p in CAPTION_SEPARATOR.split((caption or "").strip())] if caption else []
    parts += [""] * (3 - len(parts))
    return Metadata(title=parts[0], published=parts[1], publisher=" ".join(p for p in parts[2:] if p))


def status_html(s: dict[str, Any]) -> str:
    """/status."""
    errors = "\n".join(msg.ERROR_LINE.format(at=escape(e["at"]), action=escape(e["action"]), result=escape(e["result"]))
                       for e in s["last_errors"]) or msg.NO_ERRORS
    pending = s.get("pending_changes")
    fb = s["feedback"]
    return msg.STATUS.format(
        documents=s["documents"], articles=s["articles"], chunks=s["chunks"], embedder=escape(str(s["embedder"])),
        built_at=escape(str(s["built_at"])), rollback=msg.YES if s["rollback_available"] else msg.NO,
        rebuilding=msg.YES if s["rebuilding"] else msg.NO,
        pending=escape(str(pending if pending is not None else s.get("library_error", ""))),
        broken=escape("；".join(s.get("broken_documents") or [])) or msg.NO_ERRORS,
        subscribers=msg.UNKNOWN if s["subscribers"] is None else s["subscribers"],
        up=fb["up"], down=fb["down"], reasons=fb["reasons"], errors=errors)


def docs_html(library: dict[str, Any]) -> str:
    """/docs: every document on disk with its id, and ids the live index still has though they were removed."""
    documents, gone = library["documents"], library["removed_but_live"]
    if not documents and not gone:
        return msg.DOCS_EMPTY
    lines = [msg.DOCS_HEADER.format(count=len(documents))]
    for d in documents:
        if "error" in d:
            lines.append(msg.DOCS_BROKEN.format(doc_id=escape(d["doc_id"]), error=escape(d["error"])))
            continue
        lines.append(msg.DOCS_ITEM.format(doc_id=escape(d["doc_id"]), title=escape(d["title"]),
                                          published=escape(d["published"]), articles=d["articles"],
                                          state="" if d["live"] else msg.DOCS_NOT_LIVE))
    lines += [msg.DOCS_GONE.format(doc_id=escape(doc_id)) for doc_id in gone]
    return "\n".join(lines)


def feedback_html(count: int, rows: list[dict[str, Any]]) -> str:
    """/feedback."""
    if not rows:
        return msg.FEEDBACK_EMPTY
    lines = [msg.FEEDBACK_HEADER.format(count=count, shown=len(rows))]
    lines += [msg.FEEDBACK_ITEM.format(question=escape(r["question"]),
                                       reason=escape(r["reason"]) if r["reason"] else msg.FEEDBACK_NO_REASON)
              for r in rows]
    return "\n".join(lines)
