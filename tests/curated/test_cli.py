"""An admin curates from the shell: `curated add` for one question and its rewordings are answered with the passage
(others are not), `--none` turns rewordings into refusals with the note, and a quote that is not the document's
words is refused with exit 2. Every change is in the audit log."""
from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
import yaml

from retrieval.settings import PROJECT_ROOT
from tests.core.support import run_cli

DOC = "xinhua-2025-06-04"
QUESTION = "人力资源服务业在国民经济里是个什么地位"
QUOTE = "作为现代生产性服务业的重要门类，近年来，人力资源服务业年均服务5000余万家次用人单位，其中约40%是制造业企业，" \
        "形成了大量专门面向制造领域的人力资源服务场景。"
TABLE = PROJECT_ROOT / "knowledge" / "calibration" / "corpus-dev" / "documents" / "dc-04-pilot-city-list.txt"


@pytest.fixture
def knowledge(tmp_path: Path) -> Path:
    """A private copy of the knowledge folder."""
    target = tmp_path / "knowledge"
    shutil.copytree(PROJECT_ROOT / "knowledge", target, ignore=shutil.ignore_patterns("removed", "calibration"))
    return target


def curated(knowledge: Path, *args: str, data_dir: Path):
    """Run `python -m retrieval curated …` on the private knowledge folder."""
    return run_cli("curated", *args, data_dir=data_dir, env={"KNOWLEDGE_DIR": str(knowledge)})


def ask_all(knowledge: Path, data_dir: Path, questions: list[str]) -> list[dict]:
    """`ask --jsonl` over the questions; the JSON answers in order."""
    lines = "".join(json.dumps({"id": n, "question": q}, ensure_ascii=False) + "\n" for n, q in enumerate(questions))
    done = run_cli("ask", "--jsonl", "-", data_dir=data_dir, env={"KNOWLEDGE_DIR": str(knowledge)}, stdin=lines)
    assert done.returncode == 0, done.stderr
    return [json.loads(line) for line in done.stdout.splitlines()]


def audit(data_dir: Path) -> list[tuple[str, str, int]]:
    """(actor kind, action, ok) of the audit log, oldest first."""
    with sqlite3.connect(data_dir / "bot.sqlite3") as db:
        rows = db.execute("SELECT actor, action, ok FROM admin_audit ORDER BY id").fetchall()
    return [(actor.split(":")[0], action, ok) for actor, action, ok in rows]


@pytest.mark.slow
def test_one_curated_question_answers_its_rewordings_and_none_refuses_them(knowledge, data_dir):
    added = curated(knowledge, "add", "--question", QUESTION, "--doc", DOC, "--quote", QUOTE, data_dir=data_dir)
    assert added.returncode == 0 and "c1" in added.stderr
    none = curated(knowledge, "add", "--question", "试点城市的补贴标准是多少钱？", "--none", "--note", "请咨询当地人社局",
                   data_dir=data_dir)
    assert none.returncode == 0 and "c2" in none.stderr
    reworded = ["人力资源服务业在国民经济中占什么位置", "人力资源服务业在国民经济里处于什么地位", "人力资源服务业在国民经济中算什么地位"]
    others = ["试点城市要具备什么条件？", "推荐试点城市的截止时间是什么时候？", "芒种一候是什么？"]
    unpaid = ["试点城市补贴标准是多少钱", "您好，请问试点城市的补贴标准是多少钱？谢谢"]
    answers = ask_all(knowledge, data_dir, reworded + others + unpaid)
    for a in answers[:3]:
        assert a["found"] and a["sources"][0]["quote"] == QUOTE and QUOTE in a["answer"], a
    for a in answers[3:6]:
        assert QUOTE not in a["answer"], a
    for a in answers[6:]:
        assert not a["found"] and "管理员说明：请咨询当地人社局" in a["answer"], a
    listed = curated(knowledge, "list", data_dir=data_dir).stdout.splitlines()
    assert listed[0].split("\t")[:3] == ["c1", "可用", QUESTION] and listed[1].startswith("c2\t可用")
    assert audit(data_dir) == [("shell", "curated_add", 1), ("shell", "curated_add", 1)]


def test_a_quote_that_is_not_verbatim_is_refused_with_exit_2(knowledge, data_dir):
    before = (knowledge / "curated.yaml").read_text(encoding="utf-8")
    for doc, quote, complaint in [(DOC, "人力资源服务业属于高端服务业。", f"这段引用没有逐字出现在文件 {DOC} 中"),
                                  ("no-such-doc", QUOTE, "文件 no-such-doc 不在知识库中"),
                                  ("../documents/xinhua-2025-06-04", QUOTE, "不在知识库中")]:
        done = curated(knowledge, "add", "--question", QUESTION, "--doc", doc, "--quote", quote, data_dir=data_dir)
        assert done.returncode == 2 and complaint in done.stderr and done.stdout == ""
    assert curated(knowledge, "add", "--question", QUESTION, data_dir=data_dir).returncode == 2
    assert (knowledge / "curated.yaml").read_text(encoding="utf-8") == before
    assert audit(data_dir) == [("shell", "curated_add", 0)] * 4


def test_quotes_are_checked_against_the_document_as_the_library_reads_it(knowledge, data_dir):
    shutil.copy(TABLE, knowledge / "documents")
    row = "国家试点城市：每市一次性奖补500万元，分两年拨付"  # an aligned table row, as the library reads it
    broken_lines = "作为现代生产性服务业的重要门类，\n近年来，人力资源服务业年均服务5000余万家次用人单位"
    for doc, quote in [("dc-04-pilot-city-list", row), (DOC, broken_lines)]:
        done = curated(knowledge, "add", "--question", f"问题{len(quote)}", "--doc", doc, "--quote", quote,
                       data_dir=data_dir)
        assert done.returncode == 0, done.stderr
    [table_entry, _] = yaml.safe_load((knowledge / "curated.yaml").read_text(encoding="utf-8"))["curated"]
    assert table_entry["section"].startswith("三、省级支持政策") and table_entry["article"].startswith("东川省")

    (knowledge / "documents" / "dc-04-pilot-city-list.txt").unlink()
    listed = curated(knowledge, "list", data_dir=data_dir).stdout.splitlines()
    assert listed[0].split("\t")[1] == "失效：文件 dc-04-pilot-city-list 不在知识库中"
    assert listed[1].split("\t")[1] == "可用"
    assert curated(knowledge, "remove", "c1", data_dir=data_dir).returncode == 0
    gone = curated(knowledge, "remove", "c1", data_dir=data_dir)
    assert gone.returncode == 2 and "没有编号为 c1 的精选回答" in gone.stderr
    assert [e["id"] for e in yaml.safe_load((knowledge / "curated.yaml").read_text("utf-8"))["curated"]] == ["c2"]
    assert audit(data_dir)[-2:] == [("shell", "curated_remove", 1), ("shell", "curated_remove", 0)]
