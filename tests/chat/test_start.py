"""A newcomer opens the bot: /start explains it and offers starting points; /help and /sources."""
from __future__ import annotations

from bot import messages as msg
from tests.conftest import USER
from tests.fakes.telegram import FakeTelegram, buttons, shown


async def test_command_menu_is_set_at_start_up(tg: FakeTelegram, bot) -> None:
    menu = tg.calls_of("setMyCommands")
    assert menu
    commands = {c["command"] for c in menu[-1].params["commands"]}
    assert {"start", "help", "sources"} <= commands


async def test_start_says_who_it_is_for_and_offers_starting_points(tg: FakeTelegram, bot) -> None:
    reply = await tg.ask(USER, "/start")
    text = shown(reply)
    assert "人力资源服务业与制造业融合发展试点" in text and "人力资源服务机构" in text
    labels = [label for label, _ in buttons(reply)]
    assert labels == ["试点条件", "支持政策", "时间节点", "相关简讯", "订阅提醒"]
    assert all(len(data.encode()) < 64 for _, data in buttons(reply))


async def test_starting_point_button_answers_its_topic(tg: FakeTelegram, bot) -> None:
    start = await tg.ask(USER, "/start")
    since = await tg.click(start, "试点条件")
    answer = await tg.reply(USER, since=since)
    assert "地级及以上城市" in shown(answer)
    assert msg.BUTTON_CONTEXT in [label for label, _ in buttons(answer)]
    since = await tg.click(start, "时间节点")
    assert "7月18日" in shown(await tg.reply(USER, since=since))


async def test_news_button_lists_the_other_articles_of_the_page(tg: FakeTelegram, bot) -> None:
    start = await tg.ask(USER, "/start")
    since = await tg.click(start, "相关简讯")
    text = shown(await tg.reply(USER, since=since))
    assert "老旧小区" in text and "挪威" in text
    assert "权威部门解析" not in text


async def test_help_lists_every_command_of_the_menu_and_examples(tg: FakeTelegram, bot) -> None:
    text = shown(await tg.ask(USER, "/help"))
    menu = tg.calls_of("setMyCommands")[-1].params["commands"]
    for command in menu:
        assert f"/{command['command']} — {command['description']}" in text
    assert "？" in text  # example questions


async def test_sources_lists_documents_with_dates_and_article_counts(tg: FakeTelegram, bot, assistant) -> None:
    text = shown(await tg.ask(USER, "/sources"))
    for doc in assistant.documents():
        assert doc["title"] in text and str(doc["published"]) in text
        assert f"{len(doc['articles'])} 篇" in text
