"""An admin edits the deadlines file: subscribers get one 「时间节点变更」 message naming what changed."""
from __future__ import annotations

from datetime import datetime

import pytest

from bot.reminders.schedule import parse_at
from tests.fakes.telegram import shown
from tests.reminders.support import (VirtualTime, copy_registry, fanout_factory, make_reminders,
                                     telegram_sender)

NOW = datetime(2026, 11, 25, 12, 0)
NEW_DEADLINE = """
  - id: mid-term-review
    title: 试点中期评估
    expression: 2026年底前
    due: 2026-12-31
    precision: year_end
    actors: [人力资源社会保障部]
    doc_id: notice-2026
    article_title: 关于开展试点中期评估的通知
    quote: 2026年底前完成试点中期评估。
"""


@pytest.fixture
def setup(tmp_path):
    registry = copy_registry(tmp_path)
    service = make_reminders(tmp_path, registry, offsets=(7, 1))
    service.store.subscribe(9001, "*", NOW)
    service.store.subscribe(9002, "publish-implementation-plans", NOW)
    yield service, registry
    service.store.close()


async def run(service, tg, when: str):
    async with telegram_sender(tg) as send:
        return await service.run_due(send, parse_at(when), fanout=fanout_factory(service.store, VirtualTime()))


def notices(tg, chat_id: int) -> list[str]:
    return [shown(c) for c in tg.calls_of("sendMessage", chat_id=chat_id) if "时间节点变更" in shown(c)]


async def test_a_moved_deadline_is_announced_once_to_those_who_follow_it(setup, tg):
    service, registry = setup
    await run(service, tg, "2025-07-01 09:00")  # first sight of the registry: nothing to announce
    assert notices(tg, 9001) == []
    registry.write_text(registry.read_text(encoding="utf-8").replace("7月18日前", "7月25日前")
                        .replace("2025-07-18", "2025-07-25"), encoding="utf-8")
    await run(service, tg, "2025-07-11 09:30")
    [notice] = notices(tg, 9001)
    assert "推荐有意愿承担试点任务的城市" in notice and "2025年7月18日" in notice and "2025年7月25日" in notice
    assert notices(tg, 9002) == []  # subscribed to the other deadline only
    await run(service, tg, "2025-07-11 10:30")
    assert len(notices(tg, 9001)) == 1
    # and the reminders follow the new date
    assert not [c for c in tg.calls_of("sendMessage", chat_id=9001) if "时间节点提醒" in shown(c)]
    await run(service, tg, "2025-07-18 09:00")
    [reminder] = [shown(c) for c in tg.calls_of("sendMessage", chat_id=9001) if "时间节点提醒" in shown(c)]
    assert "还剩7天" in reminder and "2025年7月25日" in reminder


async def test_new_and_removed_deadlines_are_named(setup, tg):
    service, registry = setup
    await run(service, tg, "2026-11-25 09:00")
    text = registry.read_text(encoding="utf-8")
    start = text.index("  - id: publish-implementation-plans")
    registry.write_text(text[:start] + NEW_DEADLINE.lstrip("\n"), encoding="utf-8")
    await run(service, tg, "2026-11-25 10:00")
    [notice] = notices(tg, 9001)
    assert "新增：试点中期评估" in notice and "2026年12月31日" in notice
    assert "取消：编制印发试点实施方案，开展试点工作" in notice
    [other] = notices(tg, 9002)
    assert "取消" in other and "新增" not in other


async def test_a_broken_edit_keeps_the_last_good_registry_and_announces_nothing(setup, tg, caplog):
    service, registry = setup
    await run(service, tg, "2025-07-01 09:00")
    registry.write_text(registry.read_text(encoding="utf-8").replace("due: 2025-07-18", "due: 2025-07-32"),
                        encoding="utf-8")
    result = await run(service, tg, "2025-07-11 09:30")
    assert notices(tg, 9001) == []
    assert result.report.sent == 1  # the 7-day reminder of the last good registry still goes out
    assert "deadlines file unusable" in caplog.text
