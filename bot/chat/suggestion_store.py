"""The questions behind a refusal's 「您可能想问」 buttons, kept in their own table (callback data holds 64 bytes)."""
from __future__ import annotations

from bot.deps import Deps
from bot.storage import Storage
from retrieval.models import Answer

SCHEMA = """
CREATE TABLE IF NOT EXISTS suggestions (
    answer_id INTEGER NOT NULL REFERENCES answers(id),
    position INTEGER NOT NULL,
    question TEXT NOT NULL,
    PRIMARY KEY (answer_id, position)
);
"""
KEY = "suggestions"  # Deps.extra: the store, there once the feature is registered
MAX_OFFERED = 3


class SuggestionStore:
    """Suggested questions by the stored answer they were offered under and their button's position."""

    def __init__(self, storage: Storage) -> None:
        self.storage = storage
        storage.executescript(SCHEMA)

    def save(self, answer_id: int, questions: list[str]) -> None:
        """Remember the questions offered under an answer, in button order."""
        for position, question in enumerate(questions):
            self.storage.execute(
                "INSERT OR REPLACE INTO suggestions (answer_id, position, question) VALUES (?, ?, ?)",
                (answer_id, position, question))

    def question(self, answer_id: int, position: int, *, chat_id: int) -> str | None:
        """The question behind a button in this chat, or None when there is none."""
        row = self.storage.execute(
            "SELECT s.question FROM suggestions s JOIN answers a ON a.id = s.answer_id"
            " WHERE s.answer_id = ? AND s.position = ? AND a.chat_id = ?", (answer_id, position, chat_id),
        ).fetchone()
        return row["question"] if row else None


def offer(deps: Deps, answer_id: int, answer: Answer) -> list[str]:
    """Store a refusal's suggestions for its buttons and return them; [] for an answer, none, or no feature."""
    store: SuggestionStore | None = deps.extra.get(KEY)
    if answer.found or store is None:
        return []
    questions = [q for q in answer.suggestions if q.strip()][:MAX_OFFERED]
    store.save(answer_id, questions)
    return questions
