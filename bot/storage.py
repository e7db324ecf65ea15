"""SQLite storage under BOT_DATA_DIR: answers behind buttons, feedback and per-chat state."""
from __future__ import annotations

import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS answers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    chat_id INTEGER NOT NULL,
    user_id INTEGER,
    question TEXT NOT NULL,
    article_id TEXT NOT NULL DEFAULT '',
    chunk_id TEXT NOT NULL DEFAULT '',
    found INTEGER NOT NULL,
    created_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    answer_id INTEGER NOT NULL REFERENCES answers(id),
    chat_id INTEGER NOT NULL,
    user_id INTEGER,
    vote INTEGER NOT NULL,
    reason TEXT,
    created_at REAL NOT NULL,
    UNIQUE (answer_id, user_id)
);
CREATE TABLE IF NOT EXISTS chat_state (
    chat_id INTEGER PRIMARY KEY,
    last_article_id TEXT NOT NULL DEFAULT '',
    pending_feedback_id INTEGER,
    updated_at REAL NOT NULL
);
"""


@dataclass(frozen=True)
class StoredAnswer:
    """An answer a button refers to."""

    id: int
    chat_id: int
    question: str
    article_id: str
    chunk_id: str


@dataclass(frozen=True)
class FeedbackRow:
    """One 👍/👎 with its optional reason."""

    id: int
    answer_id: int
    chat_id: int
    user_id: int | None
    vote: int
    reason: str | None
    question: str


class Storage:
    """A small thread-safe wrapper over one SQLite file in WAL mode."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._lock = threading.Lock()
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.row_factory = sqlite3.Row
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(SCHEMA)

    @classmethod
    def open(cls, data_dir: Path) -> "Storage":
        """The bot's database in BOT_DATA_DIR."""
        return cls(Path(data_dir) / "bot.sqlite3")

    def execute(self, sql: str, params: tuple = ()) -> sqlite3.Cursor:
        """Run one statement under the lock (for feature modules that add their own tables)."""
        with self._lock:
            return self._db.execute(sql, params)

    def executescript(self, sql: str) -> None:
        """Create a feature's tables."""
        with self._lock:
            self._db.executescript(sql)

    def close(self) -> None:
        """Close the connection."""
        with self._lock:
            self._db.close()

    # answers -----------------------------------------------------------------
    def add_answer(
        self, chat_id: int, user_id: int | None, question: str, article_id: str, chunk_id: str, found: bool
    ) -> int:
        """Remember an answer so its buttons can carry a short id."""
        cur = self.execute(
            "INSERT INTO answers (chat_id, user_id, question, article_id, chunk_id, found, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (chat_id, user_id, question, article_id, chunk_id, int(found), time.time()),
        )
        return int(cur.lastrowid)

    def answer(self, answer_id: int) -> StoredAnswer | None:
        """The answer behind a button, or None."""
        row = self.execute(
            "SELECT id, chat_id, question, article_id, chunk_id FROM answers WHERE id = ?", (answer_id,)
        ).fetchone()
        return StoredAnswer(**dict(row)) if row else None

    # feedback ----------------------------------------------------------------
    def add_feedback(self, answer_id: int, chat_id: int, user_id: int | None, vote: int) -> int | None:
        """Store a vote; None when this user already voted on this answer."""
        try:
            cur = self.execute(
                "INSERT INTO feedback (answer_id, chat_id, user_id, vote, created_at) VALUES (?, ?, ?, ?, ?)",
                (answer_id, chat_id, user_id, vote, time.time()),
            )
        except sqlite3.IntegrityError:
            return None
        return int(cur.lastrowid)

    def set_feedback_reason(self, feedback_id: int, reason: str) -> None:
        """Attach the user's reason to a 👎."""
        self.execute("UPDATE feedback SET reason = ? WHERE id = ?", (reason, feedback_id))

    def feedback(self, limit: int = 100) -> list[FeedbackRow]:
        """Latest feedback first, with the question it was about."""
        rows = self.execute(
            "SELECT f.id, f.answer_id, f.chat_id, f.user_id, f.vote, f.reason, a.question"
            " FROM feedback f JOIN answers a ON a.id = f.answer_id ORDER BY f.id DESC LIMIT ?",
            (limit,),
        ).fetchall()
        return [FeedbackRow(**dict(r)) for r in rows]

    # chat state --------------------------------------------------------------
    def last_article(self, chat_id: int) -> str | None:
        """The article of the chat's previous answer (for follow-ups)."""
        row = self.execute("SELECT last_article_id FROM chat_state WHERE chat_id = ?", (chat_id,)).fetchone()
        return row["last_article_id"] or None if row else None

    def set_last_article(self, chat_id: int, article_id: str) -> None:
        """Remember the article a chat's last answer came from."""
        self.execute(
            "INSERT INTO chat_state (chat_id, last_article_id, updated_at) VALUES (?, ?, ?)"
            " ON CONFLICT(chat_id) DO UPDATE SET last_article_id = excluded.last_article_id,"
            " updated_at = excluded.updated_at",
            (chat_id, article_id, time.time()),
        )

    def pending_feedback(self, chat_id: int, user_id: int | None) -> int | None:
        """The 👎 this user gave in this chat that still waits for a reason, if any."""
        row = self.execute(
            "SELECT s.pending_feedback_id AS id FROM chat_state s JOIN feedback f ON f.id = s.pending_feedback_id"
            " WHERE s.chat_id = ? AND f.user_id IS ?", (chat_id, user_id),
        ).fetchone()
        return row["id"] if row else None

    def set_pending_feedback(self, chat_id: int, feedback_id: int | None) -> None:
        """Ask (or stop asking) for a reason in the chat's next message."""
        self.execute(
            "INSERT INTO chat_state (chat_id, pending_feedback_id, updated_at) VALUES (?, ?, ?)"
            " ON CONFLICT(chat_id) DO UPDATE SET pending_feedback_id = excluded.pending_feedback_id,"
            " updated_at = excluded.updated_at",
            (chat_id, feedback_id, time.time()),
        )
