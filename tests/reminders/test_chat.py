"""In chat: an HR agency lists the deadlines, opens the source, subscribes, checks and cancels; groups need an admin."""
from __future__ import annotations

import shutil
from datetime import datetime, timedelta

import pytest
from telegram import Update

from bot.app import build_application
from bot.deps import KEY
from bot.reminders.job import JOB_NAME, NOW_KEY, RECHECK
from bot.reminders.schedule import TZ
from bot.reminders.store import ReminderStore
from retrieval.settings import PROJECT_ROOT
from tests.conftest import make_settings, stop_bot
from tests.fakes.telegram import FakeTelegram, buttons, shown

AGENCY = 601
GROUP, ADMIN, MEMBER = -100777, 701, 702


class Clock:
    """The wall clock the bot's reminder features read; the test sets it."""

    def __init__(self, when: str) -> None:
        self.now = datetime.fromisoformat(when).replace(tzinfo=TZ)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def knowledge(tmp_path):
    target = tmp_path / "knowledge"
    shutil.copytree(PROJECT_ROOT / "knowledge", target, ignore=shutil.ignore_patterns("*.sqlite3"))
    return target


@pytest.fixture
async def start(tg: FakeTelegram, tmp_path, knowledge):
    """Start the real Application on the fake server with the reminder clock at `when`."""
    running = []
    tg.methods["getChatMember"] = lambda p: {
        "status": "creator" if p["user_id"] == ADMIN else "member", "is_anonymous": False,
        "user": {"id": p["user_id"], "is_bot": False, "first_name": "u"}}

    async def go(when: str, data: str = "bot", **env):
        clock = Clock(when)
        settings = make_settings(tmp_path / data, TELEGRAM_API_BASE_URL=tg.base_url, KNOWLEDGE_DIR=str(knowledge),
                                 **env)
        app = build_application(settings, None)  # these stories never ask the question-answering core
        app.bot_data[KEY].extra[NOW_KEY] = clock
        await app.initialize()
        await app.start()
        await app.updater.start_polling(allowed_updates=Update.ALL_TYPES, timeout=timedelta(seconds=1))
        running.append(app)
        return app, clock

    yield go
    for app in running:
        await stop_bot(app)


async def test_deadlines_lists_upcoming_first_with_status_actors_and_a_source_button(tg, start):
    await start("2025-07-11 10:00")
    reply = await tg.ask(AGENCY, "/deadlines")
    text = shown(reply)
    assert text.index("推荐有意愿承担试点任务的城市") < text.index("编制印发试点实施方案")
    assert "还剩7天" in text and "还剩81天" in text and "已截止" not in text
    assert "省级人社部门" in text and "试点城市" in text and "2025年9月30日（9月底）" in text
    labels = [label for label, _ in buttons(reply)]
    assert len(labels) == 2 and all("查看原文" in label for label in labels)
    since = await tg.click(reply, labels[0])
    source = await tg.reply(AGENCY, since=since)
    assert "7月18日前" in shown(source) and "<b>按照部署" in source.params["text"]


async def test_today_both_seed_deadlines_are_listed_as_passed(tg, start):
    await start("2026-11-25 10:00")
    text = shown(await tg.ask(AGENCY, "/deadlines"))
    assert "已截止" in text and "即将到期" not in text
    assert text.index("编制印发试点实施方案") < text.index("推荐有意愿承担试点任务的城市")  # most recent first


async def test_subscribe_to_all_then_see_it_in_mysubs_and_cancel(tg, start):
    await start("2025-07-01 10:00")
    choice = await tg.ask(AGENCY, "/subscribe")
    labels = [label for label, _ in buttons(choice)]
    assert labels[0] == "全部时间节点" and len(labels) == 3
    since = await tg.click(choice, "全部时间节点")
    done = await tg.wait_for("editMessageText", since=since)
    assert "已订阅" in shown(done) and "推荐有意愿承担试点任务的城市" in shown(done) and "还剩17天" in shown(done)
    assert "全部时间节点" in shown(await tg.ask(AGENCY, "/mysubs"))
    again = await tg.ask(AGENCY, "/subscribe")
    since = await tg.click(again, "全部时间节点")
    assert "已经订阅" in shown(await tg.wait_for("editMessageText", since=since))
    assert "已退订全部提醒" in shown(await tg.ask(AGENCY, "/unsubscribe"))
    assert "还没有订阅" in shown(await tg.ask(AGENCY, "/mysubs"))


async def test_subscribe_to_one_deadline_and_unsubscribe_by_choice(tg, start):
    await start("2025-07-01 10:00")
    for label in ("全部时间节点", "编制印发试点实施方案，开展试点工作"):
        choice = await tg.ask(AGENCY, "/subscribe")
        since = await tg.click(choice, next(lbl for lbl, _ in buttons(choice) if lbl.startswith(label[:10])))
        await tg.wait_for("editMessageText", since=since)
    menu = await tg.ask(AGENCY, "/unsubscribe")
    assert [label for label, _ in buttons(menu)][-1] == "全部退订"
    since = await tg.click(menu, next(lbl for lbl, _ in buttons(menu) if lbl.startswith("全部时间节点")))
    assert "已退订" in shown(await tg.wait_for("editMessageText", since=since))
    mysubs = shown(await tg.ask(AGENCY, "/mysubs"))
    assert "编制印发试点实施方案" in mysubs and "全部时间节点" not in mysubs


async def test_when_every_deadline_has_passed_subscribe_means_all_future_ones(tg, start):
    await start("2026-11-25 10:00")
    reply = shown(await tg.ask(AGENCY, "/subscribe"))
    assert "已订阅" in reply and "都已截止" in reply


async def test_in_a_group_only_admins_may_subscribe(tg, start):
    await start("2025-07-01 10:00")
    refused = await tg.ask(GROUP, "/subscribe", user_id=MEMBER, chat_type="supergroup")
    assert "群管理员" in shown(refused)
    allowed = await tg.ask(GROUP, "/subscribe", user_id=ADMIN, chat_type="supergroup")
    since = await tg.click(allowed, "全部时间节点", user_id=MEMBER)
    alert = await tg.wait_for("answerCallbackQuery", since=since)
    assert "群管理员" in alert.params.get("text", "")
    since = await tg.click(allowed, "全部时间节点", user_id=ADMIN)
    assert "已订阅" in shown(await tg.wait_for("editMessageText", since=since))
    assert "全部时间节点" in shown(await tg.ask(GROUP, "/mysubs", user_id=MEMBER, chat_type="supergroup"))


async def test_a_reminder_missed_while_down_is_sent_once_after_start_up(tg, start, tmp_path):
    store = ReminderStore.open(tmp_path / "bot")
    store.subscribe(AGENCY, "*", datetime(2025, 7, 1, tzinfo=TZ))
    store.close()
    app, clock = await start("2025-07-13 10:00", REMINDER_OFFSETS_DAYS="7,1")
    first = await tg.wait_for("sendMessage", lambda c: "时间节点提醒" in shown(c))
    assert first.params["chat_id"] == AGENCY and "还剩5天" in shown(first)
    await stop_bot(app)
    again, _ = await start("2025-07-13 11:00", REMINDER_OFFSETS_DAYS="7,1")
    await _next_job(again)  # the start-up run has finished
    restarted = [c for c in tg.calls_of("sendMessage") if "时间节点提醒" in shown(c)]
    assert restarted == [first]


async def test_the_job_wakes_at_the_next_due_moment_and_sends_it(tg, start, tmp_path):
    store = ReminderStore.open(tmp_path / "bot")
    store.subscribe(AGENCY, "*", datetime(2025, 7, 1, tzinfo=TZ))
    store.close()
    app, clock = await start("2025-07-17 08:55", REMINDER_OFFSETS_DAYS="7,1")
    job = await _next_job(app)
    delay = job.next_t - datetime.now(job.next_t.tzinfo)
    assert timedelta(minutes=4) < delay <= timedelta(minutes=5)
    clock.now = datetime(2025, 7, 17, 9, 0, tzinfo=TZ)
    await job.run(app)
    reminder = await tg.wait_for("sendMessage", lambda c: "时间节点提醒" in shown(c))
    assert "还剩1天" in shown(reminder)
    clock.now = datetime(2026, 11, 25, 9, 0, tzinfo=TZ)  # nothing left: the job only rechecks now and then
    job = await _next_job(app)
    assert job.next_t - datetime.now(job.next_t.tzinfo) <= RECHECK


async def _next_job(app):
    """The reminder job queued after the latest run."""
    import asyncio

    for _ in range(200):
        jobs = [j for j in app.job_queue.get_jobs_by_name(JOB_NAME) if j.next_t is not None]
        if jobs and jobs[-1].next_t - datetime.now(jobs[-1].next_t.tzinfo) > timedelta(seconds=2):
            return jobs[-1]
        await asyncio.sleep(0.02)
    raise AssertionError("the reminder job did not reschedule itself")
