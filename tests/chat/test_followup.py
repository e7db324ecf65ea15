"""A short, elliptical follow-up is read in the context of the previous answer's article."""
from __future__ import annotations

from tests.conftest import USER, stop_bot
from tests.fakes.telegram import FakeTelegram, buttons, shown

TITLE = "促就业强产业！权威部门解析 人力资源服务业与制造业融合发展试点"


async def test_deadline_follow_up_comes_from_the_same_article(tg: FakeTelegram, bot) -> None:
    first = await tg.ask(USER, "试点有哪些支持政策？")
    assert TITLE in shown(first)
    follow = await tg.ask(USER, "那截止时间呢？")
    assert TITLE in shown(follow)
    assert buttons(follow)


async def test_follow_up_sent_right_away_waits_for_its_question(tg: FakeTelegram, bot) -> None:
    since = len(tg.calls)
    tg.send(USER, "试点有哪些支持政策？")
    tg.send(USER, "那截止时间呢？")  # before the first answer arrives
    first = await tg.reply(USER, since=since)
    second = await tg.reply(USER, since=tg.calls.index(first) + 1)
    assert TITLE in shown(first) and TITLE in shown(second)
    assert buttons(second)


async def test_conditions_follow_up_after_a_pilot_answer(tg: FakeTelegram, bot) -> None:
    await tg.ask(USER, "人力资源服务业与制造业融合发展试点要开展多久？")
    follow = await tg.ask(USER, "要具备什么条件")
    assert TITLE in shown(follow) and "条件" in shown(follow)


async def test_follow_up_works_across_a_restart(tg: FakeTelegram, start_bot, tmp_path) -> None:
    before = await start_bot(data_dir=tmp_path / "data")
    assert TITLE in shown(await tg.ask(USER, "试点有哪些支持政策？"))
    await stop_bot(before)
    await start_bot(data_dir=tmp_path / "data")
    follow = await tg.ask(USER, "那截止时间呢？")  # on its own, this question has no answer
    assert TITLE in shown(follow) and buttons(follow)
