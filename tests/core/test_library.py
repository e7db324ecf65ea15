"""Admins add, replace and remove documents and rebuild; a bad file or a crash never takes the old index down."""
from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from retrieval.index import read_pointer
from retrieval.library import (Metadata, UploadRejected, add_document, extract_text, list_documents, load_folder,
                               remove_document)
from retrieval.rebuild import IndexBusy, rebuild_index, rollback_index, writer_lock
from retrieval.embedders import make_embedder
from retrieval.service import Assistant
from retrieval.settings import PROJECT_ROOT
from tests.core.support import DATA, NEWER, core_settings, docx_bytes, run_cli



@pytest.fixture
def knowledge(tmp_path: Path) -> Path:
    """A private copy of the knowledge folder that the test may change."""
    target = tmp_path / "knowledge"
    shutil.copytree(PROJECT_ROOT / "knowledge", target)
    return target


@pytest.fixture
def settings(tmp_path: Path, knowledge: Path):
    return core_settings(tmp_path / "data", KNOWLEDGE_DIR=str(knowledge))


def test_a_newer_document_wins_where_it_conflicts_and_the_answer_says_so(settings, knowledge):
    (knowledge / "documents" / "pilot-cities.txt").write_text(NEWER, encoding="utf-8")
    core = Assistant.open(settings)
    result = core.answer("试点城市一共有多少个？")
    assert result.found and "32个城市" in result.answer
    assert result.sources[0].published == "2025-10-15"
    assert "较新的资料为准" in result.answer
    assert result.sources[1].published == "2025-06-04"


AGREEMENT = """---
title: 鹏州市人力资源和社会保障局与鹏州市高新区管理委员会战略合作协议
published: 2025-10-16
layout: official
---
第一条　合作内容

甲方每年在高新区举办不少于12场专场招聘会，并将园区企业岗位需求纳入全市公共就业服务平台统一发布。
"""
CIRCULAR = """---
title: 鹏州市试点工作领导小组办公室关于2025年度试点工作督查情况的通报
published: 2026-02-10
layout: official
---
一、存在的主要问题

按照全市统一要求，各县每年举办专场招聘会不少于8场，个别县全年仅举办3场。
"""


def test_a_question_naming_a_document_is_answered_from_it_though_a_newer_one_is_close(settings, knowledge):
    """The agreement asked about says 12 job fairs a year; a newer circular of the same city about county fairs
    does not supersede it, since the question names the agreement and not the circular."""
    (knowledge / "documents" / "agreement.txt").write_text(AGREEMENT, encoding="utf-8")
    (knowledge / "documents" / "circular.txt").write_text(CIRCULAR, encoding="utf-8")
    core = Assistant.open(settings)
    result = core.answer("鹏州市协议里每年要办几场专场招聘会？")
    assert result.found and "12场" in result.answer and "较新的资料为准" not in result.answer
    assert "合作协议" in result.sources[0].title


def test_measures_issued_under_a_covering_notice_build_and_answer(settings, knowledge):
    # the notice's title line 「关于印发《…》的通知」 sits close to every passage under the measures' title
    shutil.copy(DATA / "documents" / "fund-measures.txt", knowledge / "documents")
    rebuild_index(settings, make_embedder("e5"))
    result = Assistant.open(settings).answer("南坪市的专项资金管理办法什么时候开始施行？")
    assert result.found and "2026年1月1日" in result.answer


def test_incremental_rebuild_embeds_only_the_changed_document(settings, knowledge):
    embedder = make_embedder("e5")
    first = rebuild_index(settings, embedder)
    (knowledge / "documents" / "pilot-cities.txt").write_text(NEWER, encoding="utf-8")
    second = rebuild_index(settings, embedder)
    assert first.embedded == first.chunks
    assert second.reused == first.chunks and second.embedded == second.chunks - first.chunks
    assert second.info.previous == first.info.collection


def test_rollback_returns_to_the_previous_index(settings, knowledge):
    embedder = make_embedder("e5")
    rebuild_index(settings, embedder)
    (knowledge / "documents" / "pilot-cities.txt").write_text(NEWER, encoding="utf-8")
    rebuild_index(settings, embedder)
    assert "32个城市" in Assistant.open(settings).answer("试点城市一共有多少个？").answer
    rollback_index(settings)
    assert "32个城市" not in Assistant.open(settings).answer("试点城市一共有多少个？").answer


def test_a_bad_document_fails_the_rebuild_and_the_old_index_stays_live(settings, knowledge):
    rebuild_index(settings, make_embedder("e5"))
    live = read_pointer(settings).collection
    (knowledge / "documents" / "broken.txt").write_text("没有文件头的正文。", encoding="utf-8")
    out = run_cli("build", data_dir=settings.data_dir, env={"KNOWLEDGE_DIR": str(knowledge)})
    assert out.returncode == 2 and "broken.txt" in out.stderr and "缺少文件头" in out.stderr
    assert read_pointer(settings).collection == live
    assert Assistant.open(settings).answer("芒种节气是什么时候？").found


def test_a_rebuild_killed_midway_leaves_the_old_index_answering(settings, knowledge):
    rebuild_index(settings, make_embedder("e5"))
    live = read_pointer(settings).collection
    sentences = "".join(f"第{i}条，各地要按照要求推进第{i}项融合发展任务。" for i in range(3000))
    (knowledge / "documents" / "big.txt").write_text(
        f"---\ntitle: 大文件\npublished: 2025-08-01\n---\n大文件\n\n{sentences}\n", encoding="utf-8")
    env = {**os.environ, "BOT_DATA_DIR": str(settings.data_dir), "KNOWLEDGE_DIR": str(knowledge)}
    proc = subprocess.Popen([sys.executable, "-m", "retrieval", "build"], cwd=PROJECT_ROOT, env=env,
                            stderr=subprocess.PIPE, text=True)
    seen = ""
    while "嵌入文本块" not in seen and proc.poll() is None:
        seen += proc.stderr.read(1)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert read_pointer(settings).collection == live
    assert Assistant.open(settings).answer("芒种节气是什么时候？").found
    with writer_lock(settings, wait=False):  # the dead builder's lock was released with its process
        pass


def test_two_rebuilds_never_write_at_once(settings):
    with writer_lock(settings, wait=False):
        with pytest.raises(IndexBusy, match="正在进行"):
            rebuild_index(settings, make_embedder("e5"), wait=False)


def test_rollback_without_a_previous_index_says_so(settings):
    rebuild_index(settings, make_embedder("e5"))
    with pytest.raises(Exception, match="没有可以回退"):
        rollback_index(settings)


def test_each_supported_file_type_becomes_a_document(knowledge):
    folder = knowledge / "documents"
    meta = Metadata(title="某省实施方案", published="2025-09-20", publisher="某省人社厅")
    doc_id, articles = add_document(folder, "方案.docx", docx_bytes(["某省实施方案", "一、到2026年底，培育10家机构。"]), meta)
    assert articles == 1 and (folder / f"{doc_id}.txt").read_text("utf-8").startswith("---\ntitle: 某省实施方案")
    add_document(folder, "notice.md", "# 通知\n各地要抓好落实。".encode(), Metadata("通知", "2025-07-01"))
    add_document(folder, "own.txt", "---\ntitle: 自带文件头\npublished: 2025-08-08\n---\n正文，内容。".encode())
    gbk_id, _ = add_document(folder, "gbk.txt", "各设区市要在7月4日前报送材料。".encode("gbk"), Metadata("GBK通知", "2025-06-20"))
    titles = {d["title"] for d in list_documents(folder)}
    assert {"某省实施方案", "通知", "自带文件头", "GBK通知"} <= titles
    assert "各设区市要在7月4日前报送材料。" in (folder / f"{gbk_id}.txt").read_text("utf-8")  # stored as UTF-8


def test_a_scanned_pdf_without_a_text_layer_is_refused():
    from pypdf import PdfWriter

    blank = io.BytesIO()
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.write(blank)
    with pytest.raises(UploadRejected, match="没有文字层"):
        extract_text("scan.pdf", blank.getvalue())


@pytest.mark.parametrize("name,data,complaint", [
    ("photo.jpg", b"\xff\xd8\xff", "不支持的文件类型"),
    ("empty.txt", b"", "文件是空的"),
    ("huge.txt", b"a" * (5 * 1024 * 1024 + 1), "上限为 5 MB"),
    ("utf16.txt", "正文".encode("utf-16"), "UTF-8"),
    ("latin1.txt", "Caf\u00e9 na\u00efve r\u00e9sum\u00e9 \u00e0 la carte".encode("latin-1"), "UTF-8"),
    ("broken.docx", b"PK\x03\x04 not really", "无法读取"),
    ("broken.pdf", b"%PDF-1.4 garbage", "无法读取"),
])
def test_bad_uploads_are_refused_with_what_to_fix(knowledge, name, data, complaint):
    before = sorted(p.name for p in (knowledge / "documents").iterdir())
    with pytest.raises(UploadRejected, match=complaint):
        add_document(knowledge / "documents", name, data, Metadata("标题", "2025-01-01"))
    assert sorted(p.name for p in (knowledge / "documents").iterdir()) == before


@pytest.mark.parametrize("meta,complaint", [
    (Metadata(), "缺少标题或发布日期"),
    (Metadata("标题", "2025/01/01"), "YYYY-MM-DD"),
])
def test_upload_without_usable_title_or_date_is_refused(knowledge, meta, complaint):
    with pytest.raises(UploadRejected, match=complaint):
        add_document(knowledge / "documents", "a.txt", "正文，内容。".encode(), meta)


def test_removing_a_document_keeps_it_aside_and_unknown_ids_are_explained(knowledge):
    folder = knowledge / "documents"
    moved = remove_document(folder, "xinhua-2025-06-04")
    assert moved.exists() and not (folder / "xinhua-2025-06-04.txt").exists()
    with pytest.raises(Exception, match="没有 id 为 nope"):
        remove_document(folder, "nope")


def test_document_commands_from_the_shell(tmp_path: Path, knowledge):
    env = {"KNOWLEDGE_DIR": str(knowledge)}
    source = tmp_path / "cities.txt"
    source.write_text("首批试点城市名单，共32个。", encoding="utf-8")
    added = run_cli("docs", "add", str(source), "--title", "试点城市名单", "--published", "2025-10-15",
                    data_dir=tmp_path / "d", env=env)
    assert added.returncode == 0, added.stderr
    listed = run_cli("docs", "list", data_dir=tmp_path / "d", env=env)
    assert "试点城市名单" in listed.stdout and "xinhua-2025-06-04" in listed.stdout
    removed = run_cli("docs", "remove", "cities", data_dir=tmp_path / "d", env=env)
    assert removed.returncode == 0 and "已移除" in removed.stderr


def test_answers_take_a_deadlines_date_from_the_curated_registry(settings, knowledge):
    registry = knowledge / "deadlines.yaml"
    registry.write_text(registry.read_text("utf-8").replace("due: 2025-07-18", "due: 2025-07-25"), "utf-8")
    result = Assistant.open(settings).answer("各省推荐试点城市的截止时间是什么时候？")
    assert "7月18日前即 2025年7月25日" in result.answer
    assert result.deadlines[0].due.isoformat() == "2025-07-25"


def test_a_labelled_sets_word_file_is_uploaded_with_the_title_and_date_of_its_twin(tmp_path):
    folder, documents = tmp_path / "set", tmp_path / "documents"
    folder.mkdir(), documents.mkdir()
    (folder / "plan.docx").write_bytes(docx_bytes(["一、到2026年底，培育10家机构。"]))
    (folder / "plan.txt").write_text("---\ntitle: 某市试点实施方案\npublished: 2025-10-01\n---\n", encoding="utf-8")
    (folder / "notice.md").write_text("---\ntitle: 某省通知\npublished: 2025-09-01\n---\n正文。\n", encoding="utf-8")
    load_folder(folder, documents)
    assert sorted(p.name for p in documents.iterdir()) == ["notice.md", "plan.txt"]
    listed = {d["doc_id"]: d for d in list_documents(documents)}
    assert listed["plan"]["title"] == "某市试点实施方案" and listed["plan"]["published"] == "2025-10-01"
    assert "培育10家机构" in (documents / "plan.txt").read_text(encoding="utf-8")
