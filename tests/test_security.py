"""A skeptical operator's probes (issue 11), each through the real HTTP API, shell or chat: admin input cannot
reach outside the library, bad documents and broken Unicode fail cleanly, builds leave nothing behind."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import aiohttp
import pytest
from yarl import URL

from retrieval.embedders import make_embedder
from retrieval.index import IndexProblem, chroma_client, read_pointer, vocabulary_path
from retrieval.rebuild import KEEP_NEWEST, rebuild_index
from retrieval.service import Assistant
from retrieval.settings import PROJECT_ROOT
from tests.admin.support import (ADMIN, API_AUTH, API_TOKEN, actions_of, admin_api, admin_bot, bot_env,  # noqa: F401
                                 knowledge, tg)
from tests.core.support import core_settings, run_cli
from tests.fakes.telegram import shown

BAD_DATE = "---\ntitle: 日期写错的通知\npublished: 2025-13-45\n---\n日期写错的通知\n\n各地要抓好落实。\n"
QUESTION = "试点城市要具备什么条件？"


@pytest.fixture
def bot_env() -> dict[str, str]:  # noqa: F811 - these bots have an admin API token
    return {"ADMIN_API_TOKEN": API_TOKEN}


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder next to the knowledge folder that no admin input may reach."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "victim.txt").write_text("---\ntitle: 外面\npublished: 2025-01-01\n---\n不该被动的文件。\n", "utf-8")
    return folder


def upload_form(name: str, data: bytes, **fields: str) -> aiohttp.FormData:
    form = aiohttp.FormData()
    form.add_field("file", data, filename=name)
    for key, value in fields.items():
        form.add_field(key, value)
    return form


def tree(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


# Row 1: an upload's doc_id is a path ------------------------------------------------------------------------------

async def test_an_upload_whose_id_is_a_path_is_refused_and_writes_nothing(admin_api, knowledge, outside):
    http, base = admin_api
    before = tree(knowledge.parent)
    for doc_id in ("../../outside/pwned", "..", "a/b", "a\\b", "*", "UPPER", "x" * 65, ".hidden"):
        form = upload_form("plan.txt", "正文，内容。".encode(), title="方案", published="2025-09-20", doc_id=doc_id)
        async with http.post(base + "/admin/documents", data=form, headers=API_AUTH) as resp:
            body = await resp.json()
        assert resp.status == 400 and "不合规" in body["error"], (doc_id, body)
    assert tree(knowledge.parent) == before


def test_the_shell_refuses_the_same_ids(tmp_path: Path, knowledge, outside):
    source = tmp_path / "plan.txt"
    source.write_text("正文，内容。", encoding="utf-8")
    env = {"KNOWLEDGE_DIR": str(knowledge)}
    added = run_cli("docs", "add", str(source), "--title", "方案", "--published", "2025-09-20",
                    "--id", "../outside/pwned", data_dir=tmp_path / "d", env=env)
    assert added.returncode == 2 and "不合规" in added.stderr and "Traceback" not in added.stderr
    removed = run_cli("docs", "remove", "../outside/victim", data_dir=tmp_path / "d", env=env)
    assert removed.returncode == 2 and "不合规" in removed.stderr
    assert (outside / "victim.txt").exists() and not (knowledge / "removed").exists()


# Row 2: a delete whose id is a path or a wildcard ----------------------------------------------------------------

async def test_deleting_by_a_path_or_a_wildcard_is_refused(admin_api, knowledge, outside):
    http, base = admin_api
    for raw in ("..%2F..%2Foutside%2Fvictim", "*", "xinhua-*", "%2A", "..%2F", "xinhua-2025-06-04.txt%2F"):
        url = URL(base + "/admin/documents/" + raw, encoded=True)  # sent as typed, not normalised by the client
        async with http.delete(url, headers=API_AUTH) as resp:
            body = await resp.json()
        assert resp.status in (400, 404) and body["ok"] is False, (raw, body)
        assert resp.status == 400 or "没有 id 为" in body["error"]
    assert (outside / "victim.txt").exists()
    assert (knowledge / "documents" / "xinhua-2025-06-04.txt").exists() and not (knowledge / "removed").exists()
    async with http.delete(base + "/admin/documents/xinhua-2025-06", headers=API_AUTH) as resp:
        assert resp.status == 404  # a prefix is not the id: removal matches exactly


async def test_deldoc_in_chat_refuses_paths_and_wildcards(tg, admin_bot, knowledge, outside):
    for doc_id in ("../../outside/victim", "*", "xinhua-*"):
        reply = shown(await tg.ask(ADMIN, f"/deldoc {doc_id}"))
        assert reply.startswith("❌ 无法移除") and ("不合规" in reply), reply
    assert (outside / "victim.txt").exists() and (knowledge / "documents" / "xinhua-2025-06-04.txt").exists()


# Row 3: an impossible date in the front matter -------------------------------------------------------------------

def test_an_impossible_date_fails_the_build_naming_the_file_and_the_field(tmp_path: Path, knowledge):
    (knowledge / "documents" / "bad-date.txt").write_text(BAD_DATE, encoding="utf-8")
    out = run_cli("build", data_dir=tmp_path / "d", env={"KNOWLEDGE_DIR": str(knowledge)})
    assert out.returncode == 2 and "Traceback" not in out.stderr
    [line] = [line for line in out.stderr.splitlines() if line.startswith("错误")]
    assert "bad-date.txt" in line and "published" in line and "2025-13-45" in line
    listed = run_cli("docs", "list", data_dir=tmp_path / "d", env={"KNOWLEDGE_DIR": str(knowledge)})
    assert "bad-date\t无法使用" in listed.stdout and "xinhua-2025-06-04\t2025-06-04" in listed.stdout


@pytest.mark.parametrize("header,field", [
    ("title: [一, 二]\npublished: 2025-06-04", "title"),
    ("title: 标题\npublished: 2025-02-30", "published"),
    ("title: 标题\npublished: 明天", "published"),
    ("- 不是\n- 映射", "key: value"),
    ("title: 标题\npublished: 2025-06-04\npublisher: {a: 1}", "publisher"),
])
async def test_a_bad_front_matter_over_http_is_a_400_naming_the_field(admin_api, knowledge, header, field):
    http, base = admin_api
    form = upload_form("notice.txt", f"---\n{header}\n---\n通知\n\n各地要抓好落实。\n".encode())
    async with http.post(base + "/admin/documents", data=form, headers=API_AUTH) as resp:
        body = await resp.json()
    assert resp.status == 400 and field in body["error"] and "notice" in body["error"]
    assert not (knowledge / "documents" / "notice.txt").exists()


async def test_a_broken_file_on_disk_is_listed_as_broken_and_named_everywhere(admin_api, admin_bot, tg, knowledge):
    http, base = admin_api
    (knowledge / "documents" / "bad-date.txt").write_text(BAD_DATE, encoding="utf-8")
    async with http.get(base + "/admin/documents", headers=API_AUTH) as resp:
        listed = await resp.json()
    assert resp.status == 200
    broken = {d["doc_id"]: d for d in listed["documents"]}["bad-date"]
    assert broken["live"] is False and "bad-date.txt" in broken["error"] and "published" in broken["error"]
    assert {d["doc_id"]: d["live"] for d in listed["documents"]}["xinhua-2025-06-04"] is True
    async with http.post(base + "/admin/reindex", headers=API_AUTH) as resp:
        failed = await resp.json()
    assert resp.status == 422 and "bad-date.txt" in failed["error"] and "内部错误" not in failed["error"]
    async with http.get(base + "/admin/status", headers=API_AUTH) as resp:
        status = await resp.json()
    assert any("bad-date.txt" in e for e in status["broken_documents"])
    chat_status = shown(await tg.ask(ADMIN, "/status"))
    assert "无法使用的文件：bad-date.txt" in chat_status
    docs = shown(await tg.ask(ADMIN, "/docs"))
    assert "bad-date ⚠️ 无法使用" in docs and "xinhua-2025-06-04" in docs
    assert "地级及以上城市" in shown(await tg.ask(ADMIN, QUESTION))  # the old index keeps answering


# Row 4: broken Unicode in questions ------------------------------------------------------------------------------

def test_a_lone_surrogate_or_a_bad_byte_in_a_batch_costs_only_that_line(tmp_path: Path, data_dir: Path):
    batch = tmp_path / "questions.jsonl"
    batch.write_bytes(b"".join([
        json.dumps({"id": 1, "question": "\udcff" + QUESTION}).encode() + b"\n",
        b'{"id": 2, "question": "\xff\xfe"}\n',
        json.dumps({"id": "\udcff3", "question": QUESTION + "\ud800"}).encode() + b"\n",
        b"not json\n",
        json.dumps({"id": 5, "question": QUESTION}, ensure_ascii=False).encode() + b"\n",
    ]))
    out = run_cli("ask", "--jsonl", str(batch), data_dir=data_dir)
    assert "Traceback" not in out.stderr and out.returncode == 1
    answers = {a["id"]: a for a in map(json.loads, out.stdout.splitlines())}
    assert sorted(map(str, answers)) == ["1", "5", "\ufffd3"]
    assert all("地级及以上城市" in a["answer"] for a in answers.values())
    assert "第 2 行不是 UTF-8 文本" in out.stderr and "第 4 行不是含 question 字段的 JSON" in out.stderr


def test_an_undecodable_byte_in_a_command_line_question_is_answered(data_dir: Path):
    question = os.fsdecode(QUESTION.encode() + b"\xff")  # how Python hands an invalid byte in argv to us
    out = run_cli("ask", "--json", question, data_dir=data_dir)
    assert out.returncode == 0 and "Traceback" not in out.stderr
    assert "地级及以上城市" in json.loads(out.stdout)["answer"]


async def test_a_lone_surrogate_in_chat_gets_an_answer(tg, admin_bot):
    assert "地级及以上城市" in shown(await tg.ask(ADMIN + 1, "\udcff" + QUESTION + "\x00\u202e"))


# Rows 5 and 6: disk hygiene --------------------------------------------------------------------------------------

@pytest.fixture
def settings(tmp_path: Path, knowledge: Path):
    return core_settings(tmp_path / "data", KNOWLEDGE_DIR=str(knowledge))


def segment_folders(settings) -> list[str]:
    return sorted(p.name for p in settings.chroma_dir.iterdir() if p.is_dir())


def test_five_rebuilds_leave_one_segment_folder_per_kept_collection(settings):
    embedder = make_embedder("e5")
    for _ in range(5):
        rebuild_index(settings, embedder)
    names = sorted(c.name for c in chroma_client(settings).list_collections())
    assert len(names) == KEEP_NEWEST
    assert len(segment_folders(settings)) == KEEP_NEWEST
    per_collection = {p.name for p in (settings.data_dir / "glossary").iterdir() if p.name.startswith("chunks_")}
    assert per_collection == {f"{n}{s}" for n in names for s in (".json", ".dict", ".cache")}


def test_the_first_question_on_a_new_index_writes_nothing_to_the_temp_folder(tmp_path: Path, settings):
    rebuild_index(settings, make_embedder("e5"))
    temp = tmp_path / "system-temp"
    temp.mkdir()
    out = run_cli("ask", QUESTION, data_dir=settings.data_dir,
                  env={"KNOWLEDGE_DIR": str(settings.knowledge_dir), "TMPDIR": str(temp)})
    assert out.returncode == 0 and "地级及以上城市" in out.stdout
    assert list(temp.iterdir()) == []
    assert vocabulary_path(settings, read_pointer(settings).collection).with_suffix(".cache").exists()


# Row 8: document size --------------------------------------------------------------------------------------------

def big_document(mb: float) -> bytes:
    sentence = "各地要按照要求推进融合发展任务，确保取得实效。"
    count = int(mb * 1024 * 1024 / len(sentence.encode())) + 1
    return ("---\ntitle: 很大的文件\npublished: 2025-08-01\n---\n很大的文件\n\n" + sentence * count).encode()


async def test_a_document_over_the_size_limit_is_refused_with_the_limit(admin_api, knowledge):
    http, base = admin_api
    form = upload_form("big.txt", big_document(2.2))
    async with http.post(base + "/admin/documents", data=form, headers=API_AUTH) as resp:
        body = await resp.json()
    assert resp.status == 400 and "超过单个文件上限 2 MB" in body["error"] and "请拆分" in body["error"]
    assert not (knowledge / "documents" / "big.txt").exists()


def test_a_document_over_the_limit_on_disk_fails_the_build_naming_it(tmp_path: Path, knowledge):
    (knowledge / "documents" / "big.txt").write_bytes(big_document(0.2))
    out = run_cli("build", data_dir=tmp_path / "d", env={"KNOWLEDGE_DIR": str(knowledge), "MAX_DOCUMENT_MB": "0.1"})
    assert out.returncode == 2 and "big.txt" in out.stderr and "超过单个文件上限 0.1 MB" in out.stderr


# Your own note: the pointer moves only after the new index was opened ---------------------------------------------

def test_an_index_that_cannot_be_opened_never_goes_live(settings, knowledge):
    embedder = make_embedder("e5")
    rebuild_index(settings, embedder)
    live = read_pointer(settings)
    folders = segment_folders(settings)
    (knowledge / "documents" / "cities.txt").write_text(
        "---\ntitle: 新文件\npublished: 2025-10-15\n---\n新文件\n\n确定32个城市为首批试点城市。\n", "utf-8")

    def cannot_open(info):
        raise IndexProblem(f"打不开 {info.collection}")

    with pytest.raises(IndexProblem, match="打不开"):
        rebuild_index(settings, embedder, accept=cannot_open)
    assert read_pointer(settings) == live
    assert [c.name for c in chroma_client(settings).list_collections()] == [live.collection]
    assert segment_folders(settings) == folders
    assert "地级及以上城市" in Assistant.open(settings).answer(QUESTION).answer


# Kill tests at the risky moments ---------------------------------------------------------------------------------

def build_killed_at(settings, knowledge: Path, line: str) -> str:
    """Start `python -m retrieval build` and SIGKILL it as soon as it logs `line`; returns what it had said."""
    env = {**os.environ, "BOT_DATA_DIR": str(settings.data_dir), "KNOWLEDGE_DIR": str(knowledge)}
    proc = subprocess.Popen([sys.executable, "-m", "retrieval", "build"], cwd=PROJECT_ROOT, env=env,
                            stderr=subprocess.PIPE, text=True)
    said = ""
    for said_line in proc.stderr:
        said += said_line
        if line in said_line:
            proc.send_signal(signal.SIGKILL)
            break
    proc.wait(timeout=60)
    assert line in said, said
    return said


@pytest.mark.parametrize("moment", ["into the new collection", "moving the live pointer"])
def test_a_build_killed_at_a_risky_moment_leaves_a_working_index(settings, knowledge, moment):
    embedder = make_embedder("e5")
    rebuild_index(settings, embedder)
    old = read_pointer(settings).collection
    sentences = "".join(f"第{i}条，各地要按照要求推进第{i}项融合发展任务。" for i in range(300))
    (knowledge / "documents" / "tasks.txt").write_text(
        f"---\ntitle: 任务清单\npublished: 2025-08-01\n---\n任务清单\n\n{sentences}\n", encoding="utf-8")
    said = build_killed_at(settings, knowledge, moment)
    assert "s left" in said  # a large document: the build said how long embedding would take
    assert read_pointer(settings).collection in {old, *[c.name for c in chroma_client(settings).list_collections()]}
    if moment.startswith("into"):
        assert read_pointer(settings).collection == old
    assert "地级及以上城市" in Assistant.open(settings).answer(QUESTION).answer
    report = rebuild_index(settings, embedder)
    assert report.reused > 0 and read_pointer(settings).collection == report.info.collection
    assert Assistant.open(settings).answer("第7项融合发展任务是什么？").found
    assert len(segment_folders(settings)) <= len(chroma_client(settings).list_collections())  # no orphans


def test_the_suite_uses_its_own_temp_folder():
    import tempfile

    assert Path(tempfile.gettempdir()).resolve() == (PROJECT_ROOT / ".test-tmp").resolve()
    assert Path(os.environ["TMPDIR"]).resolve() == (PROJECT_ROOT / ".test-tmp").resolve()
