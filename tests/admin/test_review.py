"""An admin teaches the bot in chat: /review lists what it could not answer, one tap links a question to a passage
(its rewordings are answered from it from then on) or confirms 「资料中确实没有」 with a note users see."""
from __future__ import annotations

import yaml

from bot import messages as bot_msg
from bot.admin import messages as msg
from tests.admin.support import (ADMIN, NEWER, STRANGER, actions_of, admin_bot, bot_env, knowledge,  # noqa: F401
                                 start_admin_bot, tg)
from tests.conftest import stop_bot
from tests.fakes.telegram import buttons, shown

MISSED = "人力资源服务业在国民经济里是个什么地位"  # the core refuses it, though the page calls the trade 「现代生产性服务业的重要门类」
REWORDED = ["人力资源服务业在国民经济中占什么位置", "人力资源服务业在国民经济里处于什么地位"]
PASSAGE = "作为现代生产性服务业的重要门类"
SOURCE = "——《促就业强产业！权威部门解析 人力资源服务业与制造业融合发展试点》"
OFFICIALS = iter(range(6001, 7000))  # a fresh chat per question: no follow-up context


async def ask_fresh(tg, question: str):
    """An official who has not asked anything yet asks `question`; the bot's reply."""
    return await tg.ask(next(OFFICIALS), question)


async def open_review(tg) -> object:
    """The admin sends /review; the bot's reply."""
    return await tg.ask(ADMIN, "/review")


async def replies(tg, since: int, count: int = 2) -> list:
    """The bot's next `count` messages to the admin after call index `since`."""
    out = []
    while len(out) < count:
        out.append(await tg.reply(ADMIN, since=since))
        since = tg.calls.index(out[-1]) + 1
    return out


async def press(tg, reply, label_part: str, *, user_id: int = ADMIN):
    """Press the button whose label contains `label_part`; returns the call index before the press."""
    [(label, _)] = [(text, data) for text, data in buttons(reply) if label_part in text]
    return await tg.click(reply, label, user_id=user_id)


def curated(knowledge) -> list[dict]:
    """knowledge/curated.yaml as an admin reads it."""
    return yaml.safe_load((knowledge / "curated.yaml").read_text(encoding="utf-8"))["curated"]


async def test_a_picked_passage_answers_rewordings_and_leaves_other_questions_alone(tg, admin_bot, knowledge):
    refused = await ask_fresh(tg, MISSED)
    assert "资料中没有找到" in shown(refused)
    assert all(data.startswith("sg:") for _, data in buttons(refused))  # only 「您可能想问」, no 查看原文 or 👍
    before = shown(await ask_fresh(tg, REWORDED[0]))
    assert PASSAGE not in before

    review = await open_review(tg)
    text = shown(review)
    assert "共 2 个" in text and f"问：{REWORDED[0]}" in text and "未能回答 1 次" in text  # newest first
    skipped, review = await replies(tg, await press(tg, review, msg.BUTTON_SKIP))
    assert shown(skipped) == msg.REVIEW_SKIPPED
    assert f"问：{MISSED}" in shown(review) and PASSAGE in shown(review)
    labels = [label for label, _ in buttons(review)]
    assert len(labels) <= 7 and labels[-2:] == [msg.BUTTON_NONE, msg.BUTTON_SKIP]
    saved, after = await replies(tg, await press(tg, review, "生产性服务业"))
    assert shown(saved).startswith("✅ 已保存精选回答 c1") and PASSAGE in shown(saved)
    assert shown(after) == msg.REVIEW_EMPTY  # the skipped one stays away (and is now answered anyway)

    for question in REWORDED:
        answer = await ask_fresh(tg, question)
        assert PASSAGE in shown(answer) and SOURCE in shown(answer), question
        assert [label for label, _ in buttons(answer)] == [bot_msg.BUTTON_CONTEXT, bot_msg.BUTTON_UP,
                                                           bot_msg.BUTTON_DOWN]
    other = shown(await ask_fresh(tg, "试点城市要具备什么条件？"))
    assert "地级及以上城市" in other and PASSAGE not in other
    [entry] = curated(knowledge)
    assert (entry["id"], entry["question"], entry["doc_id"]) == ("c1", MISSED, "xinhua-2025-06-04")
    assert PASSAGE in entry["quote"] and entry["who"] == f"tg:{ADMIN}"
    audit = [(e.actor, e.action, e.ok) for e in actions_of(admin_bot).audit.recent(3)]
    assert audit == [(f"tg:{ADMIN}", "curated_add", True), (f"tg:{ADMIN}", "review_skip", True),
                     (f"tg:{ADMIN}", "review", True)]


async def test_not_in_the_documents_refuses_rewordings_with_the_admin_note(tg, admin_bot, knowledge):
    await ask_fresh(tg, "试点城市的补贴标准是多少钱？")
    review = await open_review(tg)
    since = await press(tg, review, msg.BUTTON_NONE)
    prompt = await tg.reply(ADMIN, since=since)
    assert shown(prompt) == msg.REVIEW_NONE_SAVED.format(id="c1")
    since = len(tg.calls)
    tg.send(ADMIN, "具体补贴标准以各试点城市的实施方案为准，请咨询当地人社局")
    saved, after = await replies(tg, since)
    assert shown(saved).startswith("✅ 已保存，用户会看到：管理员说明：具体补贴标准")
    assert shown(after) == msg.REVIEW_EMPTY

    for question in ["试点城市补贴标准是多少钱", "请问试点城市的补贴标准是多少钱？谢谢"]:
        reply = shown(await ask_fresh(tg, question))
        assert "资料中没有能回答这个问题的内容（管理员已确认）" in reply
        assert "管理员说明：具体补贴标准以各试点城市的实施方案为准，请咨询当地人社局" in reply
    assert "地级及以上城市" in shown(await ask_fresh(tg, "试点城市要具备什么条件？"))
    [entry] = curated(knowledge)
    assert entry["none"] is True and entry["note"].startswith("具体补贴标准")


async def test_skip_declines_the_note_and_a_question_asked_again_returns_to_the_queue(tg, admin_bot, knowledge):
    await ask_fresh(tg, "试点城市的补贴标准是多少钱？")
    since = await press(tg, await open_review(tg), msg.BUTTON_NONE)
    await tg.reply(ADMIN, since=since)
    assert shown(await tg.ask(ADMIN, "/skip")) == msg.REVIEW_NOTE_SKIPPED
    reply = shown(await ask_fresh(tg, "试点城市补贴标准是多少钱"))
    assert "管理员已确认" in reply and "管理员说明" not in reply
    assert "note" not in curated(knowledge)[0]

    await ask_fresh(tg, "试点牵头领导的电话是多少？")
    _, after = await replies(tg, await press(tg, await open_review(tg), msg.BUTTON_SKIP))
    assert shown(after) == msg.REVIEW_EMPTY
    await ask_fresh(tg, "试点牵头领导的电话是多少？")
    assert "问：试点牵头领导的电话是多少？" in shown(await open_review(tg))


async def test_the_review_queue_groups_wordings_and_shows_the_reasons_for_thumbs_down(tg, admin_bot):
    await ask_fresh(tg, "深圳市可以申报试点吗？")
    await ask_fresh(tg, "您好，请问深圳市可以申报试点吗")
    voter = next(OFFICIALS)
    answer = await tg.ask(voter, "试点有哪些支持政策？")
    since = await tg.click(answer, bot_msg.BUTTON_DOWN)
    await tg.reply(voter, since=since)
    await tg.ask(voter, "没有说资金从哪里来")
    review = await open_review(tg)
    text = shown(review)
    assert "共 2 个" in text and "问：试点有哪些支持政策？" in text
    assert "未能回答 0 次，👎 1 次" in text and "👎 原因：没有说资金从哪里来" in text
    _, second = await replies(tg, await press(tg, review, msg.BUTTON_SKIP))
    assert "问：您好，请问深圳市可以申报试点吗" in shown(second) and "未能回答 2 次" in shown(second)


async def test_a_stranger_can_neither_review_nor_press_review_buttons(tg, admin_bot, knowledge):
    await ask_fresh(tg, MISSED)
    assert shown(await tg.ask(STRANGER, "/review")) == msg.REFUSED
    review = await open_review(tg)
    since = await press(tg, review, "生产性服务业", user_id=STRANGER)
    alert = await tg.wait_for("answerCallbackQuery", since=since)
    assert alert.params["text"] == msg.REFUSED and alert.params.get("show_alert")
    assert curated(knowledge) == []
    assert PASSAGE not in shown(await ask_fresh(tg, REWORDED[0]))
    refusals = [(e.actor, e.action) for e in actions_of(admin_bot).audit.recent() if e.result == "refused"]
    assert refusals == [(f"tg:{STRANGER}", "review"), (f"tg:{STRANGER}", "review")]
    saved, _ = await replies(tg, await press(tg, review, "生产性服务业"))  # the admin's buttons still work
    assert shown(saved).startswith("✅ 已保存精选回答 c1")


async def test_removing_the_document_retires_its_entries_and_admins_hear_once(tg, admin_bot, knowledge):
    from tests.admin.test_reindex import reindex

    (knowledge / "documents" / "cities.txt").write_text(NEWER, encoding="utf-8")
    assert (await reindex(tg))[1].startswith("✅")
    voter = next(OFFICIALS)
    answer = await tg.ask(voter, "首批试点城市是哪几个部门定的？")
    await tg.reply(voter, since=await tg.click(answer, bot_msg.BUTTON_DOWN))
    saved, _ = await replies(tg, await press(tg, await open_review(tg), "记者15日"))
    assert shown(saved).startswith("✅ 已保存精选回答 c1")
    assert "32个城市" in shown(await ask_fresh(tg, "首批试点城市由哪几个部门确定？"))

    assert "已移除" in shown(await tg.ask(ADMIN, "/deldoc cities"))
    since = len(tg.calls)
    assert (await reindex(tg))[1].startswith("✅")
    notice = await tg.wait_for("sendMessage", lambda c: c.params["text"].startswith("⚠️ 索引更新后"), since=since)
    assert notice.params["chat_id"] == ADMIN and "c1「首批试点城市是哪几个部门定的？」" in shown(notice)
    assert "文件 cities 不在知识库中" in shown(notice)
    assert "32个城市" not in shown(await ask_fresh(tg, "首批试点城市由哪几个部门确定？"))
    status = shown(await tg.ask(ADMIN, "/status"))
    assert "精选回答：0 条在用，1 条失效" in status and "c1「首批试点城市是哪几个部门定的？」" in status
    since = len(tg.calls)
    assert (await reindex(tg))[1].startswith("✅")  # notices are sent before the rebuild reports
    assert not [c for c in tg.calls_of("sendMessage", since=since) if c.params["text"].startswith("⚠️")]


async def test_review_buttons_still_work_after_the_bot_restarts(tg, admin_bot, data_dir, knowledge):
    await ask_fresh(tg, MISSED)
    review = await open_review(tg)
    await stop_bot(admin_bot)
    restarted = await start_admin_bot(tg, data_dir, knowledge)
    try:
        saved, _ = await replies(tg, await press(tg, review, "生产性服务业"))
        assert shown(saved).startswith("✅ 已保存精选回答 c1") and PASSAGE in shown(saved)
        since = await press(tg, review, msg.BUTTON_SKIP)  # the same message again: its buttons are used up
        assert (await tg.wait_for("answerCallbackQuery", since=since)).params.get("text") == msg.REVIEW_EXPIRED
    finally:
        await stop_bot(restarted)
