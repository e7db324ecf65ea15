"""The admin audit log (table `admin_audit` in BOT_DATA_DIR/bot.sqlite3), shared by the bot and the shell: every
change admins make to the knowledge is recorded with who, what, when and how it ended."""
from __future__ import annotations

import contextlib
import getpass
import sqlite3
import time
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS admin_audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at REAL NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    ok INTEGER NOT NULL,
    result TEXT NOT NULL DEFAULT ''
);
"""
INSERT = "INSERT INTO admin_audit (at, actor, action, detail, ok, result) VALUES (?, ?, ?, ?, ?, ?)"
MAX_DETAIL, MAX_RESULT = 500, 1000


def shell_actor() -> str:
    """How a command-line user appears in the audit log."""
    try:
        return f"shell:{getpass.getuser()}"
    except (KeyError, OSError):
        return "shell"


def record_from_shell(data_dir: Path, action: str, *, ok: bool, detail: str = "", result: str = "") -> None:
    """Append one entry for a command run from the shell (the bot's database, created if need be)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    with contextlib.closing(sqlite3.connect(data_dir / "bot.sqlite3", timeout=10)) as db, db:
        db.executescript(SCHEMA)
        db.execute(INSERT, (time.time(), shell_actor(), action, detail[:MAX_DETAIL], int(ok), result[:MAX_RESULT]))
