"""SQLite (WAL) store of reminder subscriptions, the delivery log and the registry snapshot.

The delivery log has one row per (kind, chat, ref, offset, due): ref is a deadline id (kind "reminder")
or a change id (kind "change"); `due` is the deadline date the reminder was computed for, so a moved
deadline gets its reminders again for the new date. A row's life:

    claimed --send ok--> sent
            --403------> blocked            (the chat blocked the bot; its subscriptions are deactivated)
            --error----> failed             (nothing was delivered; a later run may claim it again)
            --crash----> uncertain          (resolved on restart, see resolve_stale_claims)

Crash rule: Telegram has no idempotency key, so a claim whose owner died cannot tell whether the
message left. We resolve it as *delivered* (state "uncertain", never re-sent): a second copy of a
reminder is a visible error to every subscriber, while the unknown window is only the few
milliseconds between committing the claim and the HTTP request; claims are made one message at a
time right before sending, so at most `concurrency` rows can be uncertain after a crash. Uncertain
rows are logged as warnings and counted in every report, never dropped silently.
"""
from __future__ import annotations

import json
import os
import socket
import sqlite3
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS subscriptions (
    chat_id INTEGER NOT NULL,
    scope TEXT NOT NULL,               -- '*' (every deadline) or one deadline id
    active INTEGER NOT NULL DEFAULT 1,
    subscribed_by INTEGER,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    inactive_reason TEXT,
    PRIMARY KEY (chat_id, scope)
);
CREATE TABLE IF NOT EXISTS deliveries (
    kind TEXT NOT NULL,                -- 'reminder' | 'change'
    chat_id INTEGER NOT NULL,
    ref TEXT NOT NULL,                 -- deadline id | change id
    offset_days INTEGER NOT NULL,      -- days before the deadline; -1 for change notices
    due TEXT NOT NULL,                 -- the deadline date it was for; '' for change notices
    state TEXT NOT NULL,               -- claimed | sent | blocked | failed | uncertain | skipped
    owner TEXT NOT NULL,
    owner_host TEXT NOT NULL,
    owner_pid INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    message_id INTEGER,
    error TEXT,
    claimed_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (kind, chat_id, ref, offset_days, due)
);
CREATE INDEX IF NOT EXISTS deliveries_state ON deliveries (state);
CREATE TABLE IF NOT EXISTS registry_snapshot (
    deadline_id TEXT PRIMARY KEY,
    fields TEXT NOT NULL               -- JSON of what subscribers are told
);
CREATE TABLE IF NOT EXISTS changes (
    change_id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    summary TEXT NOT NULL              -- JSON list of change lines
);
CREATE TABLE IF NOT EXISTS change_targets (
    change_id TEXT NOT NULL REFERENCES changes(change_id),
    chat_id INTEGER NOT NULL,
    PRIMARY KEY (change_id, chat_id)
);
"""

ALL = "*"
CHANGE_OFFSET = -1
MAX_ATTEMPTS = 5  # sends of one delivery across runs before it stays "failed"


@dataclass(frozen=True)
class DeliveryKey:
    """Identifies one message that must be sent exactly once."""

    kind: str
    chat_id: int
    ref: str
    offset_days: int
    due: str

    def params(self) -> tuple:
        """The key as SQL parameters, in primary-key order."""
        return (self.kind, self.chat_id, self.ref, self.offset_days, self.due)


_KEY_WHERE = "kind=? AND chat_id=? AND ref=? AND offset_days=? AND due=?"


def _pid_alive(pid: int) -> bool:
    """True when a process with this id exists on this host."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class ReminderStore:
    """Thread-safe access to reminders.sqlite3; every write is its own durable transaction."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._lock = threading.Lock()
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None, timeout=30)
        self._db.row_factory = sqlite3.Row
        self._db.execute("PRAGMA journal_mode=WAL")
        # FULL: a claim must survive a power cut too, or a restart could send a message twice.
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.executescript(SCHEMA)
        self.owner = f"{socket.gethostname()}:{os.getpid()}:{id(self):x}"
        self._host, self._pid = socket.gethostname(), os.getpid()

    @classmethod
    def open(cls, data_dir: Path) -> "ReminderStore":
        """The reminders database in BOT_DATA_DIR."""
        return cls(Path(data_dir) / "reminders.sqlite3")

    def close(self) -> None:
        """Close the connection."""
        with self._lock:
            self._db.close()

    def _write(self, sql: str, params: tuple = ()) -> int:
        with self._lock:
            return self._db.execute(sql, params).rowcount

    def _read(self, sql: str, params: tuple = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self._db.execute(sql, params).fetchall()

    # -- subscriptions -------------------------------------------------------------------------

    def subscribe(self, chat_id: int, scope: str, now: datetime, user_id: int | None = None) -> bool:
        """Subscribe a chat to one deadline or to all; False when it already was."""
        stamp = now.isoformat()
        with self._lock:
            row = self._db.execute("SELECT active FROM subscriptions WHERE chat_id=? AND scope=?",
                                   (chat_id, scope)).fetchone()
            if row is not None and row["active"]:
                return False
            self._db.execute(
                "INSERT INTO subscriptions (chat_id, scope, active, subscribed_by, created_at, updated_at)"
                " VALUES (?, ?, 1, ?, ?, ?) ON CONFLICT (chat_id, scope) DO UPDATE SET active=1,"
                " subscribed_by=excluded.subscribed_by, updated_at=excluded.updated_at, inactive_reason=NULL",
                (chat_id, scope, user_id, stamp, stamp))
            return True

    def unsubscribe(self, chat_id: int, now: datetime, scope: str | None = None) -> int:
        """Deactivate one subscription of a chat, or all of them; the number deactivated."""
        if scope is None:
            return self._write("UPDATE subscriptions SET active=0, updated_at=?, inactive_reason='unsubscribed'"
                               " WHERE chat_id=? AND active=1", (now.isoformat(), chat_id))
        return self._write("UPDATE subscriptions SET active=0, updated_at=?, inactive_reason='unsubscribed'"
                           " WHERE chat_id=? AND scope=? AND active=1", (now.isoformat(), chat_id, scope))

    def deactivate_chat(self, chat_id: int, reason: str, now: datetime) -> int:
        """Deactivate every subscription of a chat (it blocked the bot or is gone)."""
        return self._write("UPDATE subscriptions SET active=0, updated_at=?, inactive_reason=?"
                           " WHERE chat_id=? AND active=1", (now.isoformat(), reason, chat_id))

    def migrate_chat(self, old_chat_id: int, new_chat_id: int, now: datetime) -> None:
        """A group became a supergroup: move its subscriptions to the new chat id."""
        with self._lock:
            for row in self._db.execute("SELECT scope FROM subscriptions WHERE chat_id=? AND active=1",
                                        (old_chat_id,)).fetchall():
                self._db.execute(
                    "INSERT OR REPLACE INTO subscriptions (chat_id, scope, active, created_at, updated_at)"
                    " VALUES (?, ?, 1, ?, ?)", (new_chat_id, row["scope"], now.isoformat(), now.isoformat()))
            self._db.execute("UPDATE subscriptions SET active=0, inactive_reason='migrated' WHERE chat_id=?",
                             (old_chat_id,))

    def scopes(self, chat_id: int) -> list[str]:
        """The active subscription scopes of a chat ('*' or deadline ids)."""
        rows = self._read("SELECT scope FROM subscriptions WHERE chat_id=? AND active=1 ORDER BY scope",
                          (chat_id,))
        return [r["scope"] for r in rows]

    def active_subscriptions(self) -> list[tuple[int, str]]:
        """Every active (chat_id, scope)."""
        rows = self._read("SELECT chat_id, scope FROM subscriptions WHERE active=1 ORDER BY chat_id, scope")
        return [(r["chat_id"], r["scope"]) for r in rows]

    def is_active(self, chat_id: int) -> bool:
        """True when the chat still has an active subscription."""
        return bool(self._read("SELECT 1 FROM subscriptions WHERE chat_id=? AND active=1 LIMIT 1", (chat_id,)))

    # -- delivery log --------------------------------------------------------------------------

    def logged_chats(self, kind: str, ref: str, offset_days: int, due: str) -> set[int]:
        """Chats that already have a log row for this message that rules out sending it again."""
        rows = self._read(
            "SELECT chat_id FROM deliveries WHERE kind=? AND ref=? AND offset_days=? AND due=?"
            " AND NOT (state='failed' AND attempts < ?)", (kind, ref, offset_days, due, MAX_ATTEMPTS))
        return {r["chat_id"] for r in rows}

    def claim(self, key: DeliveryKey, now: datetime) -> bool:
        """Take the right to send this message: a new row, or a failed one with attempts left."""
        stamp = now.isoformat()
        return self._write(
            "INSERT INTO deliveries (kind, chat_id, ref, offset_days, due, state, owner, owner_host, owner_pid,"
            " attempts, claimed_at, updated_at) VALUES (?, ?, ?, ?, ?, 'claimed', ?, ?, ?, 0, ?, ?)"
            " ON CONFLICT (kind, chat_id, ref, offset_days, due) DO UPDATE SET state='claimed',"
            " owner=excluded.owner, owner_host=excluded.owner_host, owner_pid=excluded.owner_pid,"
            " claimed_at=excluded.claimed_at, updated_at=excluded.updated_at"
            f" WHERE deliveries.state='failed' AND deliveries.attempts < {MAX_ATTEMPTS}",
            (*key.params(), self.owner, self._host, self._pid, stamp, stamp)) == 1

    def confirm(self, key: DeliveryKey, message_id: int | None, now: datetime) -> None:
        """The message was accepted by Telegram."""
        self._finish(key, "sent", now, message_id=message_id)

    def record_blocked(self, key: DeliveryKey, error: str, now: datetime) -> None:
        """Telegram refused with 403: nothing was delivered and nothing will be."""
        self._finish(key, "blocked", now, error=error)

    def record_failed(self, key: DeliveryKey, error: str, now: datetime) -> None:
        """Nothing was delivered; a later run may claim it again while attempts are left."""
        self._finish(key, "failed", now, error=error)

    def record_uncertain(self, key: DeliveryKey, error: str, now: datetime) -> None:
        """The request may have reached Telegram (read timeout): counted as delivered, never re-sent."""
        self._finish(key, "uncertain", now, error=error)

    def record_skipped(self, key: DeliveryKey, reason: str, now: datetime) -> bool:
        """Log a message as deliberately not sent (already covered); False when a row existed."""
        stamp = now.isoformat()
        return self._write(
            "INSERT OR IGNORE INTO deliveries (kind, chat_id, ref, offset_days, due, state, owner, owner_host,"
            " owner_pid, error, claimed_at, updated_at) VALUES (?, ?, ?, ?, ?, 'skipped', ?, ?, ?, ?, ?, ?)",
            (*key.params(), self.owner, self._host, self._pid, reason, stamp, stamp)) == 1

    def _finish(self, key: DeliveryKey, state: str, now: datetime, *, message_id: int | None = None,
                error: str | None = None) -> None:
        changed = self._write(
            f"UPDATE deliveries SET state=?, message_id=?, error=?, attempts=attempts+1, updated_at=?"
            f" WHERE {_KEY_WHERE} AND state='claimed' AND owner=?",
            (state, message_id, error, now.isoformat(), *key.params(), self.owner))
        if changed != 1:
            raise RuntimeError(f"delivery {key} was not claimed by this process")

    def resolve_stale_claims(self, now: datetime, lease_s: float = 600.0) -> list[DeliveryKey]:
        """Turn claims whose owner died (or whose lease expired) into 'uncertain'; see the module doc."""
        stale = []
        for row in self._read("SELECT * FROM deliveries WHERE state='claimed' AND owner != ?", (self.owner,)):
            same_host = row["owner_host"] == self._host
            expired = (now - datetime.fromisoformat(row["claimed_at"])).total_seconds() > lease_s
            if (same_host and not _pid_alive(row["owner_pid"])) or expired:
                key = DeliveryKey(row["kind"], row["chat_id"], row["ref"], row["offset_days"], row["due"])
                if self._write(f"UPDATE deliveries SET state='uncertain', updated_at=?, error=?"
                               f" WHERE {_KEY_WHERE} AND state='claimed' AND owner=?",
                               (now.isoformat(), "owner died between claim and confirm", *key.params(),
                                row["owner"])) == 1:
                    stale.append(key)
        return stale

    def counts(self, kind: str | None = None) -> dict[str, int]:
        """Number of log rows per state."""
        where, params = ("WHERE kind=?", (kind,)) if kind else ("", ())
        rows = self._read(f"SELECT state, COUNT(*) AS n FROM deliveries {where} GROUP BY state", params)
        return {r["state"]: r["n"] for r in rows}

    def deliveries(self, kind: str | None = None) -> list[sqlite3.Row]:
        """Every log row (for reports and tests)."""
        where, params = ("WHERE kind=?", (kind,)) if kind else ("", ())
        return self._read(f"SELECT * FROM deliveries {where} ORDER BY claimed_at, chat_id", params)

    # -- registry snapshot and change notices --------------------------------------------------

    def snapshot(self) -> dict[str, dict] | None:
        """The registry as subscribers were last told about it; None before the first sync."""
        rows = self._read("SELECT deadline_id, fields FROM registry_snapshot")
        if not rows and not self._read("SELECT 1 FROM changes WHERE change_id='initial'"):
            return None
        return {r["deadline_id"]: json.loads(r["fields"]) for r in rows}

    def save_change(self, change_id: str, expected: dict[str, dict] | None, snapshot: dict[str, dict],
                    lines: list, targets: list[int], now: datetime) -> bool:
        """Atomically store the new snapshot, the change and who must hear of it; False when another
        process synced first (the stored snapshot is no longer `expected`)."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                rows = self._db.execute("SELECT deadline_id, fields FROM registry_snapshot").fetchall()
                initial = self._db.execute("SELECT 1 FROM changes WHERE change_id='initial'").fetchone()
                current = {r["deadline_id"]: json.loads(r["fields"]) for r in rows} if rows or initial else None
                if current != expected:
                    self._db.execute("ROLLBACK")
                    return False
                self._db.execute("DELETE FROM registry_snapshot")
                self._db.executemany("INSERT INTO registry_snapshot VALUES (?, ?)",
                                     [(k, json.dumps(v, ensure_ascii=False, sort_keys=True))
                                      for k, v in snapshot.items()])
                self._db.execute("INSERT INTO changes VALUES (?, ?, ?)",
                                 (change_id, now.isoformat(), json.dumps(lines, ensure_ascii=False)))
                self._db.executemany("INSERT INTO change_targets VALUES (?, ?)", [(change_id, c) for c in targets])
                self._db.execute("COMMIT")
                return True
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    def pending_changes(self) -> list[tuple[str, list, int]]:
        """(change id, change lines, chat) for every change notice not yet logged for an active chat."""
        rows = self._read(
            "SELECT t.change_id, c.summary, t.chat_id FROM change_targets t JOIN changes c USING (change_id)"
            " WHERE EXISTS (SELECT 1 FROM subscriptions s WHERE s.chat_id=t.chat_id AND s.active=1)"
            " AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.kind='change' AND d.chat_id=t.chat_id"
            f"  AND d.ref=t.change_id AND NOT (d.state='failed' AND d.attempts < {MAX_ATTEMPTS}))"
            " ORDER BY c.created_at, t.chat_id")
        return [(r["change_id"], json.loads(r["summary"]), r["chat_id"]) for r in rows]
