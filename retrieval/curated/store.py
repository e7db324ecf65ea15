"""knowledge/curated.yaml: the curated entries as admins read and edit them, changed under a lock so that the shell
and the bot never lose each other's edits."""
from __future__ import annotations

import fcntl
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import yaml

from retrieval.curated import messages as msg
from retrieval.settings import CoreSettings

FIELDS = ("id", "question", "doc_id", "quote", "article", "section", "none", "note", "who", "when")
_ID = re.compile(r"^c(\d+)$")


class CuratedFileError(ValueError):
    """The curated file cannot be read at all (YAML syntax, not UTF-8); the message says what to fix."""


@dataclass(frozen=True)
class CuratedEntry:
    """One curated answer: a question linked to a verbatim quote of a document, or marked as not answered there."""

    id: str
    question: str
    doc_id: str = ""
    quote: str = ""
    article: str = ""
    section: str = ""
    none: bool = False  # the documents do not answer it (confirmed by an admin)
    note: str = ""  # shown to users as 「管理员说明」 with a `none` entry
    who: str = ""
    when: str = ""
    problem: str = ""  # what is wrong with the entry as written (never served then)

    def public(self) -> dict:
        """The entry as JSON and YAML show it (empty fields left out)."""
        out = {k: getattr(self, k) for k in FIELDS if getattr(self, k) not in ("", False)}
        return {"id": self.id, **out}


class CuratedFile:
    """Reads and changes one curated.yaml; every change rewrites the file atomically under a file lock."""

    def __init__(self, path: Path, lock: Path) -> None:
        self.path = path
        self.lock = lock

    def signature(self) -> tuple[int, int] | None:
        """(mtime_ns, size) of the file, None when it does not exist: a change means reload."""
        try:
            stat = self.path.stat()
        except FileNotFoundError:
            return None
        return stat.st_mtime_ns, stat.st_size

    def read(self) -> list[CuratedEntry]:
        """Every entry; one written wrongly comes back with its `problem`. CuratedFileError if unreadable."""
        entries, seen = [], set()
        for n, raw in enumerate(self._raw(), 1):
            entry = _parse(n, raw)
            if entry.id in seen and not entry.problem:
                entry = CuratedEntry(**{**entry.__dict__, "problem": msg.DUPLICATE_ID.format(id=entry.id)})
            seen.add(entry.id)
            entries.append(entry)
        return entries

    def add(self, entry: CuratedEntry) -> CuratedEntry:
        """Append an entry under the next free id; returns it with that id."""
        def change(rows: list) -> CuratedEntry:
            taken = [int(m.group(1)) for r in rows if isinstance(r, dict) and (m := _ID.match(str(r.get("id", ""))))]
            added = CuratedEntry(**{**entry.__dict__, "id": f"c{max(taken, default=0) + 1}", "problem": ""})
            rows.append(added.public())
            return added
        return self._change(change)

    def set_note(self, entry_id: str, note: str) -> CuratedEntry:
        """Replace the admin note of one entry."""
        def change(rows: list) -> CuratedEntry:
            row = _find(rows, entry_id)
            row.pop("note", None)
            if note:
                row["note"] = note
            return _parse(0, row)
        return self._change(change)

    def remove(self, entry_id: str) -> CuratedEntry:
        """Delete one entry; KeyError (with the message) when there is none with this id."""
        def change(rows: list) -> CuratedEntry:
            row = _find(rows, entry_id)
            rows.remove(row)
            return _parse(0, row)
        return self._change(change)

    def _raw(self) -> list:
        try:
            data = yaml.safe_load(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return []
        except (yaml.YAMLError, UnicodeDecodeError, RecursionError) as exc:
            raise CuratedFileError(msg.BAD_FILE.format(name=self.path.name, error=exc)) from None
        if data is None:
            return []
        if not isinstance(data, dict) or not isinstance(data.get("curated") or [], list):
            raise CuratedFileError(msg.BAD_TOP.format(name=self.path.name))
        return list(data.get("curated") or [])

    def _change(self, change: Callable[[list], CuratedEntry]) -> CuratedEntry:
        with self._locked():
            rows = self._raw()
            result = change(rows)
            text = msg.FILE_HEADER + yaml.safe_dump({"curated": rows}, allow_unicode=True, sort_keys=False, width=1000)
            tmp = self.path.with_name(self.path.name + ".tmp")
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_text(text, encoding="utf-8")
            os.replace(tmp, self.path)
        return result

    @contextmanager
    def _locked(self) -> Iterator[None]:
        self.lock.parent.mkdir(parents=True, exist_ok=True)
        with open(self.lock, "w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)


def _find(rows: list, entry_id: str) -> dict:
    for row in rows:
        if isinstance(row, dict) and str(row.get("id", "")) == entry_id:
            return row
    raise KeyError(msg.UNKNOWN_ID.format(id=entry_id))


def _parse(n: int, raw: object) -> CuratedEntry:
    """An entry as written; what is missing or malformed goes into `problem`."""
    if not isinstance(raw, dict):
        return CuratedEntry(id=f"#{n}", question="", problem=msg.BAD_ENTRY.format(n=n))
    text = {k: "" if raw.get(k) is None else str(raw.get(k)).strip() for k in FIELDS if k != "none"}
    entry = CuratedEntry(**{**text, "id": text["id"] or f"#{n}", "none": raw.get("none") is True})
    problem = ""
    if not entry.question:
        problem = msg.NO_QUESTION
    elif not entry.none and not (entry.doc_id and entry.quote):
        problem = msg.NO_PASSAGE
    return CuratedEntry(**{**entry.__dict__, "problem": problem}) if problem else entry


def curated_file(settings: CoreSettings) -> CuratedFile:
    """knowledge/curated.yaml, changed under a lock in BOT_DATA_DIR."""
    return CuratedFile(settings.knowledge_dir / "curated.yaml", settings.data_dir / "curated.lock")
