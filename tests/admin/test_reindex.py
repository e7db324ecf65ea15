"""An admin adds a newer document and refreshes the index while officials keep asking; a bad document or a
second request never breaks anything, and /rollback goes back."""
from __future__ import annotations

import asyncio
import logging
import re

from bot.admin import messages as msg
from retrieval.index import read_pointer
from tests.admin.support import (ADMIN, NEWER, OTHER_ADMIN, actions_of, admin_bot, bot_env, knowledge,  # noqa: F401
                                 tg)
from tests.core.support import run_cli
from tests.fakes.telegram import shown

QUESTION = "试点城市一共有多少个？"
OFFICIALS = iter(range(8001, 9000))  # a fresh chat per question: no follow-up context carried over


async def ask_fresh(tg, question: str = QUESTION) -> str:
    """An official who has not asked anything yet asks `question`."""
    return shown(await tg.ask(next(OFFICIALS), question))


def edits_of(tg, message: dict, since: int = 0) -> list[str]:
    """What one message was edited to, in order."""
    return [c.params["text"] for c in tg.calls_of("editMessageText", since=since)
            if c.params.get("message_id") == message["message_id"]]


async def reindex(tg, chat_id: int = ADMIN) -> tuple[dict, str]:
    """Send /reindex; returns the status message (as first sent) and its final text."""
    since = len(tg.calls)
    started = await tg.ask(chat_id, "/reindex")
    final = await tg.wait_for("editMessageText", lambda c: c.params.get("chat_id") == chat_id
                              and c.params["text"].startswith(("✅", "❌")), since=since, timeout=120)
    return {**started.result, "text": started.params["text"]}, final.params["text"]


async def test_a_newer_document_is_live_after_reindex_and_wins_where_it_conflicts(tg, admin_bot, knowledge):
    before = await ask_fresh(tg)
    assert "32个城市" not in before
    reply = await tg.upload_and_wait(ADMIN, "cities.txt", NEWER.encode())
    assert "已添加" in shown(reply)
    assert "32个城市" not in await ask_fresh(tg)  # not live before /reindex
    status, final = await reindex(tg)
    assert status["text"] == msg.REINDEX_STARTED
    assert final.startswith("✅") and "2 个文件" in final
    after = await ask_fresh(tg)
    assert "32个城市" in after and "较新的资料为准" in after


async def test_progress_is_shown_by_editing_one_message(tg, admin_bot, knowledge):
    (knowledge / "documents" / "cities.txt").write_text(NEWER, encoding="utf-8")
    since = len(tg.calls)
    status, final = await reindex(tg)
    edits = edits_of(tg, status, since)
    assert any(e.startswith("⏳ 正在重建索引：已嵌入") for e in edits)
    # only the new file is embedded; every chunk of the page already indexed is reused
    counts = re.search(r"(\d+) 个文本块（新嵌入 (\d+)，复用 (\d+)）", final)
    assert edits[-1] == final and counts and counts.group(2) == "1"
    assert int(counts.group(3)) == int(counts.group(1)) - 1 > 0
    assert len(tg.calls_of("sendMessage", ADMIN, since)) == 1  # one message, edited


async def test_incremental_rebuild_embeds_only_the_changed_document(tg, admin_bot, knowledge):
    seed_chunks = admin_bot.bot_data["deps"].assistant.stats()["chunks"]
    (knowledge / "documents" / "cities.txt").write_text(NEWER, encoding="utf-8")
    _, first = await reindex(tg)
    added = admin_bot.bot_data["deps"].assistant.stats()["chunks"] - seed_chunks
    assert f"新嵌入 {added}，复用 {seed_chunks}" in first
    (knowledge / "documents" / "cities.txt").write_text(NEWER.replace("32个", "33个"), encoding="utf-8")
    _, second = await reindex(tg)
    assert f"新嵌入 {added}，复用 {seed_chunks}" in second


async def test_twenty_questions_asked_during_a_rebuild_are_all_answered(tg, admin_bot, knowledge):
    (knowledge / "documents" / "cities.txt").write_text(NEWER, encoding="utf-8")
    since = len(tg.calls)
    tg.send(ADMIN, "/reindex")
    await tg.reply(ADMIN, since=since)  # the rebuild has started
    chats = list(range(7001, 7021))
    for chat in chats:
        tg.send(chat, "试点城市要具备什么条件？")
    replies = await asyncio.gather(*(tg.reply(chat, since=since, timeout=120) for chat in chats))
    assert all("地级及以上城市" in shown(r) for r in replies)
    final = await tg.wait_for("editMessageText", lambda c: c.params["text"].startswith(("✅", "❌")),
                              since=since, timeout=120)
    assert final.params["text"].startswith("✅")


async def test_two_reindex_requests_at_once_share_one_rebuild(tg, admin_bot, knowledge):
    (knowledge / "documents" / "cities.txt").write_text(NEWER, encoding="utf-8")
    live = read_pointer(admin_bot.bot_data["deps"].settings).collection
    results = await asyncio.gather(reindex(tg, ADMIN), reindex(tg, OTHER_ADMIN))
    assert all(final.startswith("✅") for _, final in results)
    assert read_pointer(admin_bot.bot_data["deps"].settings).previous == live  # one new collection, not two
    entries = [e for e in actions_of(admin_bot).audit.recent() if e.action == "reindex"]
    assert sorted(e.detail for e in entries) == ["", "joined"] and all(e.ok for e in entries)


async def test_a_bad_document_fails_the_rebuild_and_the_old_index_keeps_answering(tg, admin_bot, knowledge, caplog):
    live = read_pointer(admin_bot.bot_data["deps"].settings).collection
    (knowledge / "documents" / "broken.txt").write_text("没有文件头的正文。", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        _, final = await reindex(tg)
    assert final.startswith("❌") and "旧索引继续使用" in final and "broken.txt" in final
    assert read_pointer(admin_bot.bot_data["deps"].settings).collection == live
    assert "地级及以上城市" in shown(await tg.ask(ADMIN, "试点城市要具备什么条件？"))
    [entry] = [e for e in actions_of(admin_bot).audit.recent() if e.action == "reindex"]
    assert not entry.ok and "broken.txt" in entry.result
    status = shown(await tg.ask(ADMIN, "/status"))
    assert "broken.txt" in status  # shown under the latest errors


async def test_rollback_goes_back_to_the_previous_index(tg, admin_bot, knowledge):
    refused = shown(await tg.ask(ADMIN, "/rollback"))
    assert refused.startswith("❌ 回退失败") and "没有可以回退" in refused
    (knowledge / "documents" / "cities.txt").write_text(NEWER, encoding="utf-8")
    await reindex(tg)
    assert "32个城市" in await ask_fresh(tg)
    back = shown(await tg.ask(ADMIN, "/rollback"))
    assert back.startswith("↩️") and "1 个文件" in back
    assert "32个城市" not in await ask_fresh(tg)
    entries = [(e.action, e.ok) for e in actions_of(admin_bot).audit.recent()]
    assert entries[:3] == [("rollback", True), ("reindex", True), ("rollback", False)]


async def test_a_build_from_the_shell_reaches_the_running_bot(tg, admin_bot, knowledge):
    settings = admin_bot.bot_data["deps"].settings
    (knowledge / "documents" / "cities.txt").write_text(NEWER, encoding="utf-8")
    built = await asyncio.to_thread(run_cli, "build", data_dir=settings.data_dir,
                                    env={"KNOWLEDGE_DIR": str(knowledge)})
    assert built.returncode == 0, built.stderr
    await actions_of(admin_bot).manager.follow_pointer()  # what the bot's job does every FOLLOW_EVERY_S
    assert admin_bot.bot_data["deps"].assistant.info.collection == read_pointer(settings).collection
    assert "32个城市" in await ask_fresh(tg)
    assert not await actions_of(admin_bot).manager.follow_pointer()  # nothing new
