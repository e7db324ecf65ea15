"""A short, elliptical follow-up is read in the context of the previous answer's article."""
from __future__ import annotations

from bot.storage import Storage
from tests.conftest import USER
from tests.fake_telegram import FakeTelegram, buttons, shown

TITLE = "促就业强产业！权威部门解析 人力资源服务业与制造业融合发展试点"


async def test_deadline_follow_up_comes_from_the_same_article(tg: FakeTelegram, bot) -> None:
    first = await tg.ask(USER, "试点有哪些支持政策？")
    assert TITLE in shown(first)
    follow = await tg.ask(USER, "那截止时间呢？")
    assert TITLE in shown(follow)
    assert buttons(follow)


async def test_conditions_follow_up_after_a_pilot_answer(tg: FakeTelegram, bot) -> None:
    await tg.ask(USER, "人力资源服务业与制造业融合发展试点要开展多久？")
    follow = await tg.ask(USER, "要具备什么条件")
    assert TITLE in shown(follow) and "条件" in shown(follow)


async def test_the_previous_article_survives_a_restart(tg: FakeTelegram, start_bot, tmp_path) -> None:
    app = await start_bot()
    await tg.ask(USER, "试点城市要具备什么条件？")
    storage = app.bot_data["deps"].storage
    reopened = Storage(storage.path)
    assert reopened.last_article(USER) == storage.last_article(USER) is not None
