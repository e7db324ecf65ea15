"""An official asks what the documents do not answer: the refusal offers 「您可能想问」 buttons that ask for them."""
from __future__ import annotations

from bot import messages as msg
from tests.conftest import USER, stop_bot
from tests.fakes.telegram import FakeTelegram, buttons, shown

UNANSWERED = "试点城市能拿到多少钱的补贴"  # no amount in the documents; nearby topics they do answer


async def test_a_refusal_ends_with_questions_the_documents_answer(tg: FakeTelegram, bot) -> None:
    refusal = await tg.ask(USER, UNANSWERED)

    assert shown(refusal).startswith("资料中没有")
    assert shown(refusal).endswith(msg.SUGGESTIONS_LEAD)
    offered = buttons(refusal)
    assert 1 <= len(offered) <= 3
    assert msg.BUTTON_CONTEXT not in [label for label, _ in offered]
    assert all(label.strip() and len(data.encode()) <= 64 for label, data in offered)
    assert len({label for label, _ in offered}) == len(offered)


async def test_pressing_a_suggestion_answers_it_as_if_typed(tg: FakeTelegram, bot) -> None:
    refusal = await tg.ask(USER, UNANSWERED)
    first, _ = buttons(refusal)[0]

    since = await tg.click(refusal, first)
    pressed = await tg.reply(USER, since=since)

    assert await tg.wait_for("answerCallbackQuery", since=since)
    assert not shown(pressed).startswith("资料中没有")
    assert msg.BUTTON_CONTEXT in [label for label, _ in buttons(pressed)]
    typed = await tg.ask(USER, first)
    assert shown(pressed) == shown(typed)


async def test_the_suggestion_buttons_still_work_after_a_restart(tg: FakeTelegram, start_bot, tmp_path) -> None:
    before = await start_bot(data_dir=tmp_path / "data")
    refusal = await tg.ask(USER, UNANSWERED)
    await stop_bot(before)
    await start_bot(data_dir=tmp_path / "data")
    last, _ = buttons(refusal)[-1]

    since = await tg.click(refusal, last)

    assert msg.BUTTON_CONTEXT in [label for label, _ in buttons(await tg.reply(USER, since=since))]


async def test_a_stale_or_foreign_suggestion_says_to_type_the_question(tg: FakeTelegram, bot) -> None:
    refusal = await tg.ask(USER, UNANSWERED)
    _, data = buttons(refusal)[0]
    answer_id = data.split(":")[1]
    other_chat = USER + 1
    elsewhere = await tg.ask(other_chat, "试点城市要具备什么条件？")

    for stale in (f"sg:{int(answer_id) + 1000}:0", f"sg:{answer_id}:7", "sg:abc", "sg:1:2:3"):
        since = len(tg.calls)
        tg.press(refusal.result, stale)
        assert shown(await tg.reply(USER, since=since)) == msg.SUGGESTION_EXPIRED
        assert await tg.wait_for("answerCallbackQuery", since=since)
    since = len(tg.calls)
    tg.press(elsewhere.result, data, user_id=other_chat)  # another chat's suggestion: not theirs to ask
    assert shown(await tg.reply(other_chat, since=since)) == msg.SUGGESTION_EXPIRED


async def test_an_answer_offers_no_suggestions(tg: FakeTelegram, bot) -> None:
    answer = await tg.ask(USER, "试点城市要具备什么条件？")

    assert msg.SUGGESTIONS_LEAD not in shown(answer)
    assert not [data for _, data in buttons(answer) if data.startswith("sg:")]
