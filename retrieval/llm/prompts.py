"""The LLM prompts: Chinese template files under prompts/, loaded as LangChain chat prompt templates."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from langchain_core.messages import BaseMessage
from langchain_core.prompts import (
    ChatPromptTemplate,
    HumanMessagePromptTemplate,
    PromptTemplate,
    SystemMessagePromptTemplate,
)

from retrieval.models import Passage
from retrieval.settings import PROJECT_ROOT

PROMPTS_DIR = PROJECT_ROOT / "prompts"
HISTORY_TURNS = 3  # follow-up rewriting looks at this many previous turns
HISTORY_ANSWER_CHARS = 300  # of each previous answer, enough to name its subject
# Data slots are fenced with <资料>/<问题>/…; text that could close a fence is neutralised.
_FENCE_CHARS = str.maketrans({"<": "＜", ">": "＞"})


@dataclass(frozen=True)
class Prompts:
    """The answer prompt and the follow-up rewrite prompt."""

    answer: ChatPromptTemplate
    rewrite: ChatPromptTemplate

    @classmethod
    def load(cls, prompts_dir: Path | None = None) -> Prompts:
        """Read the template files; raises ValueError naming the file when a slot is missing."""
        folder = prompts_dir or PROMPTS_DIR
        return cls(
            answer=_chat_prompt(folder, "answer", {"passages", "question"}),
            rewrite=_chat_prompt(folder, "rewrite", {"history", "question"}),
        )

    def answer_messages(self, question: str, passages: list[Passage]) -> list[BaseMessage]:
        """System rules, then the numbered passages and the question, each in its own slot."""
        return self.answer.format_messages(passages=number_passages(passages), question=as_data(question))

    def rewrite_messages(self, history: list[tuple[str, str]], question: str) -> list[BaseMessage]:
        """System rules, then the last turns and the follow-up, each in its own slot."""
        return self.rewrite.format_messages(history=format_history(history), question=as_data(question))


def _chat_prompt(folder: Path, name: str, slots: set[str]) -> ChatPromptTemplate:
    system_file, human_file = folder / f"{name}_system.txt", folder / f"{name}_human.txt"
    system = PromptTemplate.from_file(system_file, encoding="utf-8")
    human = PromptTemplate.from_file(human_file, encoding="utf-8")
    if system.input_variables:
        raise ValueError(f"{system_file} must not contain slots, found {system.input_variables}")
    if set(human.input_variables) != slots:
        raise ValueError(f"{human_file} must have exactly the slots {sorted(slots)}, found {human.input_variables}")
    return ChatPromptTemplate.from_messages(
        [SystemMessagePromptTemplate(prompt=system), HumanMessagePromptTemplate(prompt=human)]
    )


def as_data(text: str) -> str:
    """User text made safe for a fenced slot: one block, no fence markers."""
    return text.strip().translate(_FENCE_CHARS)


def number_passages(passages: list[Passage]) -> str:
    """[n]《title》（YYYY-MM-DD） followed by the passage text, one block per passage."""
    blocks = [
        f"[{n}]《{as_data(p.title)}》（{p.published}）\n{as_data(p.text)}" for n, p in enumerate(passages, start=1)
    ]
    return "\n\n".join(blocks)


def format_history(history: list[tuple[str, str]]) -> str:
    """The last turns as 问/答 lines, answers shortened."""
    lines = []
    for question, answer in history[-HISTORY_TURNS:]:
        short = answer.strip()
        if len(short) > HISTORY_ANSWER_CHARS:
            short = short[:HISTORY_ANSWER_CHARS] + "…"
        lines.append(f"问：{as_data(question)}\n答：{as_data(short)}")
    return "\n\n".join(lines)
