"""An admin sends a document as a file with 「标题 | 日期 | 发布单位」 (or front matter in the file); every bad
file gets a reply saying what to fix, and nothing changes."""
from __future__ import annotations

import pytest

import aiohttp

from tests.admin.support import (ADMIN, API_AUTH, API_TOKEN, NEWER, STRANGER, actions_of, admin_api,  # noqa: F401
                                 admin_bot, bot_env, docx_bytes, knowledge, pdf_bytes, tg)
from tests.core.support import PLAN_TITLE, plan_docx_bytes
from tests.fakes.telegram import shown

CAPTION = "某省实施方案 | 2025-09-20 | 某省人社厅"


def library(knowledge) -> dict[str, str]:
    """File name -> content of every stored document."""
    return {p.name: p.read_text(encoding="utf-8") for p in sorted((knowledge / "documents").iterdir())}


@pytest.mark.parametrize("name,data,caption,stored", [
    ("方案.txt", "某省实施方案\n\n到2026年底，培育10家专业机构。".encode(), CAPTION, "方案.txt"),
    ("notice.md", "# 通知\n\n各地要抓好落实。".encode(), "关于抓好落实的通知｜2025-07-01", "notice.md"),
    ("plan.docx", docx_bytes(["某省实施方案", "到2026年底，培育10家专业机构。"]), CAPTION, "plan.txt"),
    ("plan.pdf", pdf_bytes("Pilot notice. Cities apply before October."), CAPTION, "plan.txt"),
    ("cities.txt", NEWER.encode(), None, "cities.txt"),  # front matter instead of a caption
])
async def test_each_supported_file_type_is_added(tg, admin_bot, knowledge, name, data, caption, stored):
    reply = shown(await tg.upload_and_wait(ADMIN, name, data, caption))
    doc_id = stored.rsplit(".", 1)[0]
    assert reply.startswith(f"📄 已添加 {doc_id}（1 篇文章）") and "/reindex" in reply
    content = library(knowledge)[stored]
    assert content.startswith("---\ntitle: ")
    if caption:
        assert "published: '2025-" in content or "published: 2025-" in content
    [entry] = actions_of(admin_bot).audit.recent()
    assert (entry.actor, entry.action, entry.ok, entry.result) == (f"tg:{ADMIN}", "add_document", True,
                                                                   f"{doc_id}: 1 articles")
    docs = shown(await tg.ask(ADMIN, "/docs"))
    assert f"{doc_id} 《" in docs and "未生效" in docs


@pytest.mark.parametrize("name,data,caption,size,complaint", [
    ("photo.jpg", b"\xff\xd8\xff\xe0", CAPTION, None, "不支持的文件类型 .jpg"),
    ("empty.txt", b"", CAPTION, None, "文件是空的"),
    ("huge.txt", b"x", CAPTION, 6 * 1024 * 1024, "上限为 5 MB"),  # refused before downloading
    ("huge.md", "正文。".encode() * (5 * 1024 * 1024 // 9 + 1), CAPTION, 0, "上限为 5 MB"),  # size unknown
    ("utf16.txt", "正文，内容。".encode("utf-16"), CAPTION, None, "UTF-8"),
    ("broken.docx", b"PK\x03\x04 not a real docx", CAPTION, None, "无法读取这个 .docx"),
    ("broken.pdf", b"%PDF-1.4 garbage", CAPTION, None, "无法读取这个 PDF"),
    ("scan.pdf", pdf_bytes(None), CAPTION, None, "没有文字层"),
    ("notitle.txt", "正文，内容。".encode(), None, None, "缺少标题或发布日期"),
    ("nodate.txt", "正文，内容。".encode(), "只有标题", None, "缺少标题或发布日期"),
    ("baddate.txt", "正文，内容。".encode(), "标题 | 2025年9月20日", None, "YYYY-MM-DD"),
])
async def test_a_bad_upload_is_refused_with_what_to_fix(tg, admin_bot, knowledge, name, data, caption, size,
                                                        complaint):
    before = library(knowledge)
    reply = shown(await tg.upload_and_wait(ADMIN, name, data, caption, size=size))
    assert reply.startswith("❌ 文件未添加，知识库没有变化。") and complaint in reply
    assert "标题 | YYYY-MM-DD" in reply  # how to do it right
    assert library(knowledge) == before
    [entry] = actions_of(admin_bot).audit.recent()
    assert (entry.action, entry.ok) == ("add_document", False) and complaint in entry.result


async def test_a_file_telegram_cannot_deliver_is_reported(tg, admin_bot, knowledge):
    before = library(knowledge)
    tg.fail("getFile", 400, "Bad Request: file is too big")
    reply = shown(await tg.upload_and_wait(ADMIN, "a.txt", "正文。".encode(), CAPTION))
    assert "无法从 Telegram 下载" in reply and library(knowledge) == before


@pytest.mark.parametrize("bot_env", [{"ADMIN_API_TOKEN": API_TOKEN}])
async def test_a_word_plan_sent_over_http_answers_from_its_table_under_its_heading(tg, admin_api, bot_env):
    http, base = admin_api
    form = aiohttp.FormData()
    form.add_field("file", plan_docx_bytes(), filename="qingchuan-plan.docx")
    form.add_field("title", PLAN_TITLE)
    form.add_field("published", "2025-08-01")
    async with http.post(base + "/admin/documents", data=form, headers=API_AUTH) as resp:
        assert resp.status == 201
    async with http.post(base + "/admin/reindex", headers=API_AUTH) as resp:
        assert resp.status == 200 and (await resp.json())["ok"]
    reply = shown(await tg.ask(STRANGER, "青川市各区县什么时候报送试点项目清单？"))
    assert "时间节点：8月15日17:00前；工作内容：各区县报送试点项目清单" in reply and f"《{PLAN_TITLE}》时间安排" in reply
