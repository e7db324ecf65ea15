"""Whatever a user sends that is not a question gets a clear, short reply; long replies are split."""
from __future__ import annotations

import pytest

from bot import messages as msg
from bot.chat.render import split_message
from bot.local.peer import html_to_text
from retrieval.user_input import MAX_QUESTION_CHARS
from tests.conftest import USER
from tests.fakes.telegram import FakeTelegram, shown

FILE = {"file_id": "f1", "file_unique_id": "u1"}
NON_TEXT = {
    "sticker": {**FILE, "width": 512, "height": 512, "is_animated": False, "is_video": False, "type": "regular"},
    "photo": [{**FILE, "width": 90, "height": 90}],
    "voice": {**FILE, "duration": 3},
    "document": {**FILE, "file_name": "通知.pdf", "mime_type": "application/pdf"},
}


@pytest.mark.parametrize("kind", sorted(NON_TEXT))
async def test_non_text_gets_told_the_bot_reads_text(tg: FakeTelegram, bot, kind: str) -> None:
    since = len(tg.calls)
    tg.send(USER, **{kind: NON_TEXT[kind]})
    assert shown(await tg.reply(USER, since=since)) == msg.TEXT_ONLY


async def test_admin_documents_are_left_to_the_admin_feature(tg: FakeTelegram, start_bot) -> None:
    await start_bot(ADMIN_IDS=f"{USER}")
    since = len(tg.calls)
    tg.send(USER, document=NON_TEXT["document"])
    await tg.ask(USER, "/help")
    assert msg.TEXT_ONLY not in [shown(c) for c in tg.calls_of("sendMessage", USER, since)]


async def test_unknown_command_points_to_help(tg: FakeTelegram, bot) -> None:
    assert shown(await tg.ask(USER, "/foo")) == msg.UNKNOWN_COMMAND


async def test_stale_button_says_so(tg: FakeTelegram, bot) -> None:
    start = await tg.ask(USER, "/start")
    since = len(tg.calls)
    tg.press(start.result, "old:button")
    ack = await tg.wait_for("answerCallbackQuery", since=since)
    assert ack.params["text"] == msg.BUTTON_EXPIRED


async def test_overlong_question_is_asked_to_be_shortened(tg: FakeTelegram, bot) -> None:
    reply = await tg.ask(USER, "试点" * 501)
    assert shown(reply) == msg.TOO_LONG.format(limit=MAX_QUESTION_CHARS)
    assert not tg.calls_of("sendChatAction", USER)  # never reached the core


async def test_question_of_exactly_the_limit_is_answered_and_one_more_is_not(tg: FakeTelegram, bot) -> None:
    question = ("试点城市要具备什么条件？" * 100)[:MAX_QUESTION_CHARS]
    answered = shown(await tg.ask(USER, question))
    assert "请精简" not in answered and "地级及以上城市" in answered  # the core answered, not only the bot
    refused = shown(await tg.ask(USER + 1, question + "？"))
    assert "请精简" in refused and f"超过 {MAX_QUESTION_CHARS} " in refused


def test_long_reply_is_split_at_sentence_ends_under_4096() -> None:
    sentences = [f"第{i}条：试点城市应统筹就业、产业、财政、金融、土地等扶持政策。" for i in range(300)]
    html = "<b>《标题》</b> 2025-06-04\n" + "".join(sentences)
    parts = split_message(html)
    assert len(parts) > 1
    assert all(len(p) <= 4096 for p in parts)
    assert all(p.endswith("。") for p in parts)
    assert "".join(parts).replace("\n", "") == html.replace("\n", "")


def test_split_keeps_html_tags_balanced() -> None:
    html = "<b>" + "很长的一句话。" * 1200 + "</b>"
    parts = split_message(html)
    assert len(parts) > 1
    assert all(len(p) <= 4096 and html_to_text(p)[1] is None for p in parts)
    assert "".join(html_to_text(p)[0] for p in parts) == "很长的一句话。" * 1200
