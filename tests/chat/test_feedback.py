"""A user rates an answer: 👍 is stored, 👎 asks for a reason; both survive a restart."""
from __future__ import annotations

from bot import messages as msg
from bot.storage import Storage
from tests.conftest import USER, stop_bot
from tests.fakes.telegram import FakeTelegram, buttons, shown


def storage_of(app) -> Storage:
    """The bot's SQLite database, opened afresh as after a restart."""
    return Storage(app.bot_data["deps"].storage.path)


async def test_thumbs_up_is_stored_and_acknowledged(tg: FakeTelegram, start_bot) -> None:
    app = await start_bot()
    reply = await tg.ask(USER, "试点城市要具备什么条件？")
    since = await tg.click(reply, msg.BUTTON_UP)
    ack = await tg.wait_for("answerCallbackQuery", since=since)
    assert ack.params.get("text") == msg.FEEDBACK_THANKS
    edit = await tg.wait_for("editMessageReplyMarkup", since=since)
    assert [b["text"] for row in edit.params["reply_markup"]["inline_keyboard"] for b in row] == [msg.BUTTON_CONTEXT]
    rows = storage_of(app).feedback()
    assert [(r.vote, r.question, r.reason) for r in rows] == [(1, "试点城市要具备什么条件？", None)]


async def test_thumbs_down_asks_for_a_reason_and_stores_it(tg: FakeTelegram, start_bot) -> None:
    app = await start_bot()
    reply = await tg.ask(USER, "试点有哪些支持政策？")
    since = await tg.click(reply, msg.BUTTON_DOWN)
    ask = await tg.reply(USER, since=since)
    assert shown(ask) == msg.FEEDBACK_ASK_REASON
    thanks = await tg.ask(USER, "没有回答到资金支持")
    assert shown(thanks) == msg.FEEDBACK_REASON_SAVED
    [row] = storage_of(app).feedback()
    assert (row.vote, row.reason) == (-1, "没有回答到资金支持")
    # The next message is a question again.
    assert buttons(await tg.ask(USER, "试点城市要具备什么条件？"))


async def test_a_new_question_instead_of_a_reason_is_answered(tg: FakeTelegram, start_bot) -> None:
    app = await start_bot()
    reply = await tg.ask(USER, "试点有哪些支持政策？")
    since = await tg.click(reply, msg.BUTTON_DOWN)
    await tg.reply(USER, since=since)
    answer = await tg.ask(USER, "试点城市要具备什么条件？")
    assert "地级及以上城市" in shown(answer)
    assert storage_of(app).feedback()[0].reason is None


async def test_skip_declines_the_reason(tg: FakeTelegram, start_bot) -> None:
    app = await start_bot()
    reply = await tg.ask(USER, "试点有哪些支持政策？")
    since = await tg.click(reply, msg.BUTTON_DOWN)
    await tg.reply(USER, since=since)
    assert shown(await tg.ask(USER, "/skip")) == msg.FEEDBACK_REASON_SKIPPED
    assert buttons(await tg.ask(USER, "试点城市要具备什么条件？"))  # answered, not taken as a reason
    assert storage_of(app).feedback()[0].reason is None


async def test_voting_twice_counts_once(tg: FakeTelegram, start_bot) -> None:
    app = await start_bot()
    reply = await tg.ask(USER, "试点城市要具备什么条件？")
    await tg.click(reply, msg.BUTTON_UP)
    await tg.wait_for("answerCallbackQuery")
    since = await tg.click(reply, msg.BUTTON_UP)
    again = await tg.wait_for("answerCallbackQuery", since=since)
    assert again.params.get("text") == msg.FEEDBACK_ALREADY
    assert len(storage_of(app).feedback()) == 1


async def test_pending_reason_survives_a_restart(tg: FakeTelegram, start_bot, tmp_path) -> None:
    before = await start_bot(data_dir=tmp_path / "data")
    reply = await tg.ask(USER, "试点有哪些支持政策？")
    since = await tg.click(reply, msg.BUTTON_DOWN)
    await tg.reply(USER, since=since)
    await stop_bot(before)
    after = await start_bot(data_dir=tmp_path / "data")
    assert shown(await tg.ask(USER, "引用的段落不对")) == msg.FEEDBACK_REASON_SAVED
    [row] = storage_of(after).feedback()
    assert (row.vote, row.reason) == (-1, "引用的段落不对")


async def test_in_a_group_only_the_voter_s_next_message_is_the_reason(tg: FakeTelegram, start_bot) -> None:
    app = await start_bot()
    group, voter, other = -100900, 801, 802
    mention = f"@{tg.me['username']} "
    reply = await tg.ask(group, mention + "试点有哪些支持政策？", user_id=voter, chat_type="supergroup")
    since = await tg.click(reply, msg.BUTTON_DOWN, user_id=voter)
    await tg.reply(group, since=since)
    other_reply = await tg.ask(group, mention + "试点城市要具备什么条件", user_id=other, chat_type="supergroup")
    assert buttons(other_reply)
    saved = await tg.ask(group, mention + "没说资金从哪来", user_id=voter, chat_type="supergroup")
    assert shown(saved) == msg.FEEDBACK_REASON_SAVED
    [row] = storage_of(app).feedback()
    assert (row.user_id, row.reason) == (voter, "没说资金从哪来")
