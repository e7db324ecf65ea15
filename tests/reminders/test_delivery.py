"""HR agencies subscribed to reminders get each one exactly once, through Telegram's limits and errors."""
from __future__ import annotations

import asyncio
import logging
import subprocess
import sys
from datetime import datetime

import pytest

from bot.reminders.delivery import Pacer
from bot.reminders.schedule import parse_at
from bot.reminders.store import DeliveryKey, ReminderStore
from retrieval.settings import PROJECT_ROOT
from tests.fakes.telegram import FakeTelegram, buttons, shown
from tests.reminders.support import VirtualTime, copy_registry, fanout_factory, make_reminders, telegram_sender

AGENCIES = [9001, 9002, 9003]
NOW = datetime(2026, 11, 25, 12, 0)


@pytest.fixture
def reminders(tmp_path):
    service = make_reminders(tmp_path, copy_registry(tmp_path), offsets=(7, 1))
    for chat in AGENCIES:
        service.store.subscribe(chat, "*", NOW)
    yield service
    service.store.close()


async def run(reminders, tg: FakeTelegram, when: str, clock: VirtualTime | None = None, **fanout):
    clock = clock or VirtualTime()
    async with telegram_sender(tg) as send:
        return await reminders.run_due(send, parse_at(when), fanout=fanout_factory(reminders.store, clock, **fanout))


def reminders_to(tg: FakeTelegram, chat_id: int) -> list:
    return [c for c in tg.calls_of("sendMessage", chat_id=chat_id) if "时间节点提醒" in shown(c)]


async def test_the_seven_day_reminder_says_what_who_when_and_quotes_its_source(reminders, tg):
    result = await run(reminders, tg, "2025-07-11 09:30")
    assert result.report.sent == 3
    for chat in AGENCIES:
        [call] = reminders_to(tg, chat)
        text = shown(call)
        assert "还剩7天" in text and "推荐有意愿承担试点任务的城市" in text
        assert "2025年7月18日" in text and "省级人社部门" in text
        assert "按照部署，7月18日前，由各省级人社部门联合相关部门推荐有意愿承担试点任务的城市。" in text
        assert "《促就业强产业！权威部门解析 人力资源服务业与制造业融合发展试点》 2025-06-04" in text
        assert [label for label, _ in buttons(call)] == ["查看原文"]


async def test_a_second_identical_run_sends_nothing(reminders, tg):
    await run(reminders, tg, "2025-07-11 09:30")
    again = await run(reminders, tg, "2025-07-11 09:30")
    assert again.planned == [] and again.report.sent == 0
    assert all(len(reminders_to(tg, chat)) == 1 for chat in AGENCIES)


async def test_the_next_offset_is_sent_once_more_and_a_passed_deadline_never(reminders, tg):
    await run(reminders, tg, "2025-07-11 09:30")
    await run(reminders, tg, "2025-07-17 09:00")
    assert all(len(reminders_to(tg, chat)) == 2 for chat in AGENCIES)
    assert "还剩1天" in shown(reminders_to(tg, 9001)[-1])
    late = await run(reminders, tg, "2025-07-19 09:00")
    assert late.planned == []


async def test_a_chat_subscribed_to_one_deadline_hears_only_about_that_one(reminders, tg):
    reminders.store.unsubscribe(9003, NOW)
    reminders.store.subscribe(9003, "publish-implementation-plans", NOW)
    await run(reminders, tg, "2025-07-11 09:30")
    assert reminders_to(tg, 9003) == []
    await run(reminders, tg, "2025-09-23 09:00")
    [call] = reminders_to(tg, 9003)
    assert "编制印发试点实施方案" in shown(call) and "9月底" in shown(call)


async def test_a_chat_that_blocked_the_bot_is_deactivated_and_the_rest_still_get_theirs(reminders, tg):
    tg.fail_blocked(9002)
    result = await run(reminders, tg, "2025-07-11 09:30")
    assert (result.report.sent, result.report.blocked) == (2, 1)
    assert reminders.store.scopes(9002) == []
    later = await run(reminders, tg, "2025-07-17 09:00")
    assert 9002 not in {item.key.chat_id for item in later.planned}


async def test_a_429_pauses_all_sending_for_retry_after_and_loses_nothing(reminders, tg):
    clock = VirtualTime()
    tg.fail_too_many_requests(retry_after=3)
    result = await run(reminders, tg, "2025-07-11 09:30", clock=clock)
    assert result.report.rate_limited == 1 and result.report.sent == 3
    assert clock.now >= 3.0
    assert all(len(reminders_to(tg, chat)) == 1 for chat in AGENCIES)


async def test_server_errors_are_retried_with_backoff_and_counted(reminders, tg, caplog):
    caplog.set_level(logging.INFO, logger="bot.reminders")
    clock = VirtualTime()
    tg.fail("sendMessage", 500, "Internal Server Error", times=2, chat_id=9001)
    result = await run(reminders, tg, "2025-07-11 09:30", clock=clock, backoff_s=1.0)
    assert result.report.sent == 3 and result.report.retries == 2
    assert result.report.errors["NetworkError"] == 2
    assert clock.slept >= 1.0 + 2.0  # exponential backoff: 1 s, then 2 s
    assert "sent=3" in caplog.text and "NetworkError=2" in caplog.text


async def test_a_message_that_keeps_failing_is_left_for_the_next_run(reminders, tg):
    tg.fail("sendMessage", 502, "Bad Gateway", times=4, chat_id=9001)
    first = await run(reminders, tg, "2025-07-11 09:30", max_retries=3)
    assert (first.report.sent, first.report.failed) == (2, 1)
    second = await run(reminders, tg, "2025-07-11 10:30")
    assert second.report.sent == 1
    assert len(reminders_to(tg, 9001)) == 1


async def test_concurrent_senders_start_at_most_thirty_messages_in_any_second():
    clock = VirtualTime()
    pacer = Pacer(clock=clock, sleep=clock.sleep)  # the default pacing
    starts: list[float] = []

    async def sender(count: int) -> None:
        for _ in range(count):
            await pacer.slot()
            starts.append(clock())

    await asyncio.gather(*(sender(25) for _ in range(4)))
    assert len(starts) == 100
    assert max(sum(1 for t in starts if s <= t < s + 1.0) for s in starts) <= 30
    assert 99 / (starts[-1] - starts[0]) >= 28.5  # and hardly slower than the limit


async def test_a_pause_stops_every_sender_until_it_ends():
    clock = VirtualTime()
    pacer = Pacer(clock=clock, sleep=clock.sleep)
    starts: list[float] = []

    async def sender() -> None:
        for _ in range(10):
            await pacer.slot()
            starts.append(clock())
            if len(starts) == 5:
                pacer.pause(2.0)

    await asyncio.gather(sender(), sender())
    gaps = [b - a for a, b in zip(starts, starts[1:])]
    assert len(starts) == 20 and max(gaps) >= 2.0 - pacer.interval
    assert all(t >= starts[4] + 2.0 for t in starts[5:])


async def test_a_claim_left_by_a_crashed_process_is_resolved_as_delivered_not_resent(reminders, tg, caplog):
    key = DeliveryKey("reminder", 9001, "recommend-pilot-cities", 7, "2025-07-18")
    script = (
        "import os, sys; from datetime import datetime, timezone; from pathlib import Path;"
        "from bot.reminders.store import ReminderStore, DeliveryKey;"
        f"s = ReminderStore(Path({str(reminders.store.path)!r}));"
        f"assert s.claim(DeliveryKey(*{key.params()!r}), datetime.now(timezone.utc));"
        "os._exit(9)"  # dies between claim and confirm
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=PROJECT_ROOT, timeout=60)
    assert done.returncode == 9
    result = await run(reminders, tg, "2025-07-11 09:30")
    assert result.uncertain_resolved == 1
    assert reminders_to(tg, 9001) == []  # never a second copy
    assert {r["state"] for r in reminders.store.deliveries() if r["chat_id"] == 9001} == {"uncertain"}
    assert "resolved as delivered" in caplog.text


async def test_dry_run_lists_without_sending_or_logging(reminders, tg):
    result = await run_dry(reminders, tg)
    assert sorted(item.key.chat_id for item in result.planned) == AGENCIES
    assert tg.calls_of("sendMessage") == [] and reminders.store.deliveries() == []


async def run_dry(reminders, tg):
    async with telegram_sender(tg) as send:
        return await reminders.run_due(send, parse_at("2025-07-11 09:30"), dry_run=True)


async def test_a_group_that_became_a_supergroup_keeps_its_subscription_under_the_new_id(reminders, tg):
    from bot.local.peer import TelegramError as ApiError

    send = tg.methods["sendMessage"]

    def migrated(params: dict) -> dict:
        if params["chat_id"] == 9003:
            error = ApiError(400, "Bad Request: group chat was upgraded to a supergroup chat")
            error.body["parameters"] = {"migrate_to_chat_id": -1009003}
            raise error
        return send(params)

    tg.methods["sendMessage"] = migrated
    first = await run(reminders, tg, "2025-07-11 09:30")
    assert (first.report.sent, first.report.migrated) == (2, 1)
    assert reminders.store.scopes(-1009003) == ["*"] and reminders.store.scopes(9003) == []
    second = await run(reminders, tg, "2025-07-11 09:45")
    assert [item.key.chat_id for item in second.planned] == [-1009003]
    assert len(reminders_to(tg, -1009003)) == 1
