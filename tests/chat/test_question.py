"""An official asks a question in a private chat and gets a quoted, cited answer with buttons."""
from __future__ import annotations

import re

from bot import messages as msg
from retrieval.settings import PROJECT_ROOT
from tests.conftest import USER
from tests.fakes.telegram import FakeTelegram, buttons, shown

DOCUMENT = (PROJECT_ROOT / "knowledge/documents/xinhua-2025-06-04.txt").read_text(encoding="utf-8")
DOC_TEXT = re.sub(r"\s+", "", DOCUMENT)
TITLE = "促就业强产业！权威部门解析 人力资源服务业与制造业融合发展试点"


async def test_answer_quotes_the_article_and_names_title_and_date(tg: FakeTelegram, bot) -> None:
    reply = await tg.ask(USER, "试点城市要具备什么条件？")
    text = shown(reply)
    assert reply.params["parse_mode"] == "HTML"
    quote = text.split("\n")[0]
    assert len(quote) > 20 and re.sub(r"\s+", "", quote) in DOC_TEXT
    assert "制造业" in quote
    assert f"《{TITLE}》" in text and "2025-06-04" in text
    labels = [label for label, _ in buttons(reply)]
    assert labels == [msg.BUTTON_CONTEXT, msg.BUTTON_UP, msg.BUTTON_DOWN]
    assert all(len(data.encode()) < 64 for _, data in buttons(reply))


async def test_chat_shows_typing_before_the_answer(tg: FakeTelegram, bot) -> None:
    since = len(tg.calls)
    reply = await tg.ask(USER, "推荐城市的截止时间是什么时候？")
    typing = tg.calls_of("sendChatAction", chat_id=USER, since=since)
    assert typing and typing[0].params["action"] == "typing"
    assert typing[0].at <= reply.at


async def test_view_original_shows_the_paragraph_with_its_neighbours(tg: FakeTelegram, bot) -> None:
    reply = await tg.ask(USER, "试点城市要具备什么条件？")
    quote = shown(reply).split("\n")[0]
    since = await tg.click(reply, msg.BUTTON_CONTEXT)
    original = await tg.reply(USER, since=since)
    text = shown(original)
    assert TITLE in text
    paragraphs = [p for p in text.split("\n\n")[1:] if p]
    assert len(paragraphs) >= 2
    assert any(quote in p for p in paragraphs)
    assert "<b>" in original.params["text"]  # the quoted paragraph stands out
    assert tg.calls_of("answerCallbackQuery", since=since)


async def test_unanswerable_question_says_so_without_answer_buttons(tg: FakeTelegram, bot) -> None:
    reply = await tg.ask(USER, "人力资源服务许可证怎么办理？")
    assert "没有找到" in shown(reply)
    assert [data for _, data in buttons(reply) if not data.startswith("sg:")] == []  # only 您可能想问, if any


async def test_html_special_characters_in_questions_are_harmless(tg: FakeTelegram, bot) -> None:
    reply = await tg.ask(USER, "<b>试点</b> & 条件 <script>?")
    assert reply.error is None and shown(reply)
