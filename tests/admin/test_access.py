"""Only admins administer the bot: everyone else gets a plain refusal, logged with their user id; admins see
the index status, the document list and recent 👎, and manage documents; every action is audited."""
from __future__ import annotations

import logging
from datetime import datetime

import pytest

from bot import messages as bot_msg
from bot.admin import messages as msg
from retrieval.index import read_pointer
from tests.admin.support import (ADMIN, NEWER, STRANGER, actions_of, admin_bot, bot_env, knowledge,  # noqa: F401
                                 tg)
from tests.fakes.telegram import shown

COMMANDS = ["/admin", "/reindex", "/rollback", "/status", "/docs", "/deldoc xinhua-2025-06-04", "/feedback", "/review"]


@pytest.mark.parametrize("command", COMMANDS)
async def test_a_non_admin_is_refused_and_the_attempt_logged(tg, admin_bot, knowledge, caplog, command):
    live = read_pointer(admin_bot.bot_data["deps"].settings).collection
    with caplog.at_level(logging.WARNING, logger="bot.admin.actions"):
        assert shown(await tg.ask(STRANGER, command)) == msg.REFUSED
    assert any(str(STRANGER) in r.getMessage() and "refused" in r.getMessage() for r in caplog.records)
    [entry] = actions_of(admin_bot).audit.recent()
    name = command.split()[0].lstrip("/")
    assert (entry.actor, entry.action, entry.ok, entry.result) == (f"tg:{STRANGER}", name, False, "refused")
    assert (knowledge / "documents" / "xinhua-2025-06-04.txt").exists()
    assert read_pointer(admin_bot.bot_data["deps"].settings).collection == live


async def test_a_non_admin_sending_a_file_gets_the_text_only_reply(tg, admin_bot, knowledge):
    reply = await tg.upload_and_wait(STRANGER, "cities.txt", NEWER.encode(), "城市名单 | 2025-10-15")
    assert shown(reply) == bot_msg.TEXT_ONLY
    assert not (knowledge / "documents" / "cities.txt").exists()


async def test_admin_lists_the_admin_commands(tg, admin_bot):
    listing = shown(await tg.ask(ADMIN, "/admin"))
    assert all(command.split()[0] in listing for command in COMMANDS[1:])


async def test_status_shows_the_index_feedback_and_pending_changes(tg, admin_bot, knowledge):
    stats = admin_bot.bot_data["deps"].assistant.stats()
    answer = await tg.ask(STRANGER, "试点有哪些支持政策？")
    since = await tg.click(answer, bot_msg.BUTTON_DOWN)
    await tg.reply(STRANGER, since=since)
    await tg.ask(STRANGER, "没有说资金从哪里来")
    (knowledge / "documents" / "cities.txt").write_text(NEWER, encoding="utf-8")
    admin_bot.bot_data["deps"].extra["reminders"].store.subscribe(7400, "*", datetime.now())
    status = shown(await tg.ask(ADMIN, "/status"))
    assert f"文件：{stats['documents']} 份" in status and f"文本块：{stats['chunks']} 个" in status
    assert f"嵌入模型：{stats['embedder']}" in status and stats["built_at"] in status
    assert "👍 0，👎 1（其中 1 条写了原因）" in status
    assert "待重建生效的文件变动：1" in status and "订阅提醒的会话：1" in status
    assert "最近的错误\n无" in status
    [entry] = actions_of(admin_bot).audit.recent()
    assert (entry.actor, entry.action, entry.ok) == (f"tg:{ADMIN}", "status", True)


async def test_docs_lists_ids_and_marks_what_is_not_live_yet(tg, admin_bot, knowledge):
    (knowledge / "documents" / "cities.txt").write_text(NEWER, encoding="utf-8")
    docs = shown(await tg.ask(ADMIN, "/docs"))
    assert "xinhua-2025-06-04 《新华社 2025年6月4日 新闻版面》 2025-06-04" in docs
    assert "cities 《人社部等四部门确定首批融合发展试点城市》 2025-10-15，1 篇（未生效，发送 /reindex）" in docs


async def test_feedback_lists_recent_thumbs_down_with_questions_and_reasons(tg, admin_bot):
    assert shown(await tg.ask(ADMIN, "/feedback")) == msg.FEEDBACK_EMPTY
    for question, reason in [("试点有哪些支持政策？", "没有说资金从哪里来"), ("试点要开展几年？", None)]:
        answer = await tg.ask(STRANGER, question)
        since = await tg.click(answer, bot_msg.BUTTON_DOWN)
        await tg.reply(STRANGER, since=since)
        if reason:
            await tg.ask(STRANGER, reason)
    up = await tg.ask(STRANGER, "试点城市要具备什么条件？")
    await tg.click(up, bot_msg.BUTTON_UP)
    listing = shown(await tg.ask(ADMIN, "/feedback"))
    assert "共 2 条" in listing
    assert "问：试点要开展几年？\n  原因：（未填写）" in listing
    assert "问：试点有哪些支持政策？\n  原因：没有说资金从哪里来" in listing
    assert "试点城市要具备什么条件" not in listing


async def test_deldoc_removes_a_document_once_and_explains_mistakes(tg, admin_bot, knowledge):
    (knowledge / "documents" / "cities.txt").write_text(NEWER, encoding="utf-8")
    assert shown(await tg.ask(ADMIN, "/deldoc")) == "用法：/deldoc <id>（id 见 /docs）"
    done = shown(await tg.ask(ADMIN, "/deldoc cities"))
    assert done.startswith("🗑 已移除 cities") and "/reindex" in done
    assert not (knowledge / "documents" / "cities.txt").exists()
    assert (knowledge / "removed" / "cities.txt").exists()
    again = shown(await tg.ask(ADMIN, "/deldoc cities"))
    assert again.startswith("❌ 无法移除") and "没有 id 为 cities" in again
    entries = [(e.action, e.detail, e.ok) for e in actions_of(admin_bot).audit.recent()]
    assert entries[:2] == [("remove_document", "cities", False), ("remove_document", "cities", True)]


async def test_removing_a_live_document_shows_until_the_reindex(tg, admin_bot, knowledge):
    (knowledge / "documents" / "cities.txt").write_text(NEWER, encoding="utf-8")
    await actions_of(admin_bot).reindex("test")
    await tg.ask(ADMIN, "/deldoc cities")
    assert "cities 已移除但仍在索引中" in shown(await tg.ask(ADMIN, "/docs"))
