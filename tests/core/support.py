"""Helpers for the core's tests: settings in a temporary data folder and the question-set scorer."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from retrieval.settings import PROJECT_ROOT, CoreSettings

DATA = Path(__file__).parents[1] / "data"

# A later article that names the selected cities: it must win over the seed's "30个左右".
NEWER = """---
title: 人社部等四部门确定首批融合发展试点城市
published: 2025-10-15
publisher: 新华社
---
人社部等四部门确定首批融合发展试点城市

记者15日从人力资源社会保障部获悉，经专家评审，人力资源社会保障部等四部门确定32个城市为首批人力资源服务业与制造业融合发展试点城市，试点期为3年。
"""


def core_settings(data_dir: Path, **env: str) -> CoreSettings:
    """Settings as the environment would give them, with BOT_DATA_DIR in a temporary folder."""
    return CoreSettings(_env_file=None, BOT_DATA_DIR=str(data_dir), **env)


def run_cli(*args: str, data_dir: Path, env: dict[str, str] | None = None, stdin: str | None = None,
            timeout: float = 180) -> subprocess.CompletedProcess:
    """Run `python -m retrieval ...` as a user would, in the project folder."""
    full_env = {**os.environ, "BOT_DATA_DIR": str(data_dir), **(env or {})}
    for key in ("CHROMA_HOST", "CHROMA_PORT", "LLM_BASE_URL", "LLM_MODEL", "EMBEDDER"):
        if env is None or key not in env:
            full_env.pop(key, None)
    return subprocess.run([sys.executable, "-m", "retrieval", *args], cwd=PROJECT_ROOT, env=full_env,
                          input=stdin, capture_output=True, text=True, timeout=timeout)


def load_questions(name: str) -> list[dict]:
    """A question set from tests/data."""
    return [json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line.strip()]


def judge(question: dict, answer: dict) -> bool:
    """Same rule as the team's scorer: expected phrases present for answerable, found=false otherwise."""
    if not question["answerable"]:
        return answer["found"] is False
    text = answer["answer"].lower()
    return (answer["found"] is True and len(answer["answer"]) <= 500
            and all(any(alt.lower() in text for alt in group) for group in question.get("expect", [])))


def attributed(question: dict, answer: dict) -> bool:
    """The first source is the article the question is about."""
    return bool(answer["sources"]) and question.get("source", "") in answer["sources"][0]["title"]


def docx_bytes(paragraphs: list[str]) -> bytes:
    """A real .docx with these paragraphs."""
    import io

    from docx import Document

    doc = Document()
    for p in paragraphs:
        doc.add_paragraph(p)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def load_calibration_questions(name: str) -> list[dict]:
    """The labelled questions of one calibration set in knowledge/calibration."""
    path = PROJECT_ROOT / "knowledge" / "calibration" / name / "questions.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def is_held_out(question_id: str) -> bool:
    """True for the questions calibration keeps out of every fit."""
    from retrieval.calibrate import is_held_out as held

    return held(question_id)
