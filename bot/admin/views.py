"""Admin replies as Telegram HTML (every dynamic part escaped), and reading an upload's caption."""
from __future__ import annotations

import re
from html import escape
from typing import TYPE_CHECKING, Any

from bot.admin import messages as msg
from retrieval.library import Metadata

if TYPE_CHECKING:
    from bot.admin.curation import QueueItem
    from retrieval.curated.answers import Checked
    from retrieval.models import Chunk

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
        broken=escape("；".join(s.get("broken_documents") or [])) or msg.NO_ERRORS, curated=curated_html(s["curated"]),
        subscribers=msg.UNKNOWN if s["subscribers"] is None else s["subscribers"],
        up=fb["up"], down=fb["down"], reasons=fb["reasons"], errors=errors)


def curated_html(c: dict[str, Any]) -> str:
    """The curated-answers line of /status: counts, then every entry not served with why."""
    text = msg.CURATED_COUNTS.format(served=c["served"], broken=len(c["broken"]))
    text += "".join(msg.CURATED_BROKEN_ITEM.format(id=escape(b["id"]), question=escape(b["question"]),
                                                   problem=escape(b["problem"])) for b in c["broken"])
    return text + (msg.CURATED_FILE_ERROR.format(error=escape(c["error"])) if c.get("error") else "")


def broken_curated_html(broken: list["Checked"]) -> str:
    """The one message admins get when a new index breaks curated answers."""
    items = "\n".join(msg.CURATED_BROKEN_ITEM.format(id=escape(c.entry.id), question=escape(c.entry.question),
                                                     problem=escape(c.problem)).strip() for c in broken)
    return msg.BROKEN_CURATED.format(items=items)


def review_html(count: int, item: "QueueItem", candidates: list["Chunk"]) -> str:
    """/review: one waiting question, how often it failed and why, and the passages it may be linked to."""
    reasons = msg.REVIEW_REASONS.format(reasons=escape("；".join(item.reasons))) if item.reasons else ""
    if candidates:
        lines = [msg.REVIEW_CANDIDATES] + [
            msg.REVIEW_CANDIDATE.format(n=n, quote=escape(_short(c.text, msg.REVIEW_QUOTE_CHARS)),
                                        citation=escape(citation_of(c)))
            for n, c in enumerate(candidates, 1)]
    else:
        lines = [msg.REVIEW_NO_CANDIDATES]
    return msg.REVIEW_ITEM.format(count=count, question=escape(item.question), refused=item.refused,
                                  downvotes=item.downvotes, reasons=reasons, candidates="\n".join(lines))


def citation_of(chunk: "Chunk") -> str:
    """《title》section，date: where a passage comes from, as answers cite it."""
    from retrieval.compose import source_line, source_of

    return source_line(source_of(chunk, chunk.text)).removeprefix("——")


def button_label(n: int, text: str) -> str:
    """「1. 试点城市原则上为地级及…」: a candidate as a button (Telegram shows short labels whole)."""
    return f"{n}. {_short(text, msg.BUTTON_LABEL_CHARS)}"


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


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
