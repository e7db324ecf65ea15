"""Notice registry edits: compare the deadlines file with what subscribers were last told."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime

from bot.reminders import messages as msg
from bot.reminders.store import ReminderStore
from retrieval.deadlines import Deadline

_TOLD = ("title", "due", "precision", "actors", "quote", "expression")


@dataclass(frozen=True)
class ChangeLine:
    """One changed deadline and the sentence that tells subscribers about it."""

    deadline_id: str
    text: str


def snapshot_of(deadlines: list[Deadline]) -> dict[str, dict]:
    """What subscribers are told about each deadline, as plain JSON-able fields."""
    return {d.id: {"title": d.title, "due": d.due.isoformat(), "precision": d.precision,
                   "actors": list(d.actors), "quote": d.quote, "expression": d.expression} for d in deadlines}


def diff(old: dict[str, dict], new: dict[str, dict]) -> list[ChangeLine]:
    """Change lines for added, removed and edited deadlines, in registry order."""
    from html import escape

    lines = []
    for deadline_id, fields in new.items():
        before = old.get(deadline_id)
        due = msg.due_text(date.fromisoformat(fields["due"]), fields["precision"])
        if before is None:
            lines.append(ChangeLine(deadline_id, msg.CHANGE_ADDED.format(
                title=escape(fields["title"]), due=due, actors=escape("、".join(fields["actors"])))))
        elif before["due"] != fields["due"]:
            old_due = msg.due_text(date.fromisoformat(before["due"]), before["precision"])
            lines.append(ChangeLine(deadline_id, msg.CHANGE_DUE.format(title=escape(fields["title"]), old=old_due,
                                                                       new=due)))
        elif any(before.get(k) != fields.get(k) for k in _TOLD):
            changed = "、".join(msg.CHANGE_FIELDS[k] for k in _TOLD if k != "due" and before.get(k) != fields.get(k))
            lines.append(ChangeLine(deadline_id, msg.CHANGE_OTHER.format(title=escape(fields["title"]),
                                                                         fields=changed)))
    for deadline_id, before in old.items():
        if deadline_id not in new:
            due = msg.due_text(date.fromisoformat(before["due"]), before["precision"])
            lines.append(ChangeLine(deadline_id, msg.CHANGE_REMOVED.format(title=escape(before["title"]), due=due)))
    return lines


def sync_registry(store: ReminderStore, deadlines: list[Deadline], now: datetime) -> list[ChangeLine]:
    """Record a registry change (and who must hear of it) once; the first sync only takes a snapshot."""
    new = snapshot_of(deadlines)
    old = store.snapshot()
    if old is None:
        store.save_change("initial", None, new, [], [], now)
        return []
    lines = diff(old, new)
    if not lines:
        return []
    payload = json.dumps([[line.deadline_id, line.text] for line in lines], ensure_ascii=False)
    change_id = f"{now:%Y%m%dT%H%M%S}-{hashlib.sha256(payload.encode()).hexdigest()[:8]}"
    touched = {line.deadline_id for line in lines}
    targets = sorted({chat for chat, scope in store.active_subscriptions() if scope == "*" or scope in touched})
    if not store.save_change(change_id, old, new, [[line.deadline_id, line.text] for line in lines], targets, now):
        return []  # another process recorded this change first
    return lines


def notice_for(lines: list[list[str]], scopes: set[str]) -> str | None:
    """The 「时间节点变更」 message for a chat with these scopes, or None when nothing concerns it."""
    relevant = [text for deadline_id, text in lines if "*" in scopes or deadline_id in scopes]
    return msg.CHANGE_NOTICE.format(lines="\n".join(relevant)) if relevant else None
