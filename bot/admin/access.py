"""Who may administer the bot, and the audit log of everything admins (or would-be admins) did."""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from bot.storage import Storage
from retrieval.audit import INSERT, MAX_DETAIL, MAX_RESULT, SCHEMA

REFUSED = "refused"


@dataclass(frozen=True)
class AuditEntry:
    """One admin action: who, what (with detail), when (epoch seconds) and how it ended."""

    id: int
    at: float
    actor: str
    action: str
    detail: str
    ok: bool
    result: str


def is_admin(admin_ids: frozenset[int], user_id: int | None) -> bool:
    """True for a user listed in ADMIN_IDS."""
    return user_id is not None and user_id in admin_ids


def chat_actor(user_id: int | None) -> str:
    """How a Telegram user appears in the audit log."""
    return f"tg:{user_id}"


class AuditLog:
    """Append-only table `admin_audit` in the bot's SQLite database (BOT_DATA_DIR/bot.sqlite3)."""

    def __init__(self, storage: Storage, clock: Callable[[], float] = time.time) -> None:
        self.storage = storage
        self.clock = clock
        storage.executescript(SCHEMA)

    def record(self, actor: str, action: str, *, ok: bool, result: str = "", detail: str = "") -> int:
        """Write one entry; returns its id."""
        cur = self.storage.execute(INSERT, (self.clock(), actor, action, detail[:MAX_DETAIL], int(ok),
                                            result[:MAX_RESULT]))
        return int(cur.lastrowid)

    def recent(self, limit: int = 50, *, failed_only: bool = False) -> list[AuditEntry]:
        """Latest entries first (only failures, refusals excluded, with failed_only)."""
        where = f"WHERE ok = 0 AND result != '{REFUSED}'" if failed_only else ""
        rows = self.storage.execute(
            f"SELECT id, at, actor, action, detail, ok, result FROM admin_audit {where} ORDER BY id DESC LIMIT ?",
            (limit,)).fetchall()
        return [AuditEntry(**{**dict(r), "ok": bool(r["ok"])}) for r in rows]
