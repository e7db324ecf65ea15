"""An HR agency is reminded 30, 7, 1 and 0 days before each deadline at 09:00 Beijing time, never for a passed one."""
from datetime import date, datetime, timedelta, timezone

from bot.reminders.schedule import TZ, due_reminder, next_wakeup, parse_at, reminder_moment
from retrieval.deadlines import Deadline

OFFSETS = (30, 7, 1, 0)


def deadline(due: date, precision: str = "day", id: str = "d") -> Deadline:
    return Deadline(id=id, title="t", due=due, precision=precision, actors=("试点城市",), doc_id="doc",
                    article_title="a", quote="q")


RECOMMEND = deadline(date(2025, 7, 18))
PLANS = deadline(date(2025, 9, 30), "month_end", "plans")


def at(text: str) -> datetime:
    return parse_at(text)


def offset_due(d: Deadline, when: str, hour: int = 9, offsets=OFFSETS) -> int | None:
    reminder = due_reminder(d, offsets, hour, at(when))
    return reminder.offset_days if reminder else None


def test_each_offset_becomes_due_at_the_reminder_hour():
    assert offset_due(RECOMMEND, "2025-06-18 08:59") is None
    assert offset_due(RECOMMEND, "2025-06-18 09:00") == 30
    assert offset_due(RECOMMEND, "2025-07-11 09:30") == 7
    assert offset_due(RECOMMEND, "2025-07-17 09:00") == 1
    assert offset_due(RECOMMEND, "2025-07-18 09:00") == 0


def test_after_downtime_only_the_latest_due_reminder_is_due():
    # The bot was down from before the 30-day moment until after the 7-day one.
    assert offset_due(RECOMMEND, "2025-07-13 12:00") == 7


def test_a_missed_reminder_waits_when_the_next_one_is_due_later_that_day():
    assert offset_due(RECOMMEND, "2025-07-17 08:55") is None
    assert offset_due(RECOMMEND, "2025-07-17 09:00") == 1


def test_a_passed_deadline_produces_nothing():
    assert offset_due(RECOMMEND, "2025-07-19 00:00") is None
    assert offset_due(RECOMMEND, "2026-11-25 09:00") is None


def test_month_end_deadlines_count_back_from_the_last_day_of_the_month():
    assert reminder_moment(PLANS, 30, 9) == datetime(2025, 8, 31, 9, tzinfo=TZ)
    assert reminder_moment(PLANS, 7, 9) == datetime(2025, 9, 23, 9, tzinfo=TZ)
    assert offset_due(PLANS, "2025-09-30 23:59") == 0
    assert offset_due(PLANS, "2025-10-01 00:00") is None


def test_shanghai_midnight_is_the_edge_whatever_the_callers_time_zone():
    utc = timezone.utc
    # 2025-07-18 15:59 UTC is 23:59 on the deadline day in Shanghai; 16:00 UTC is the next day there.
    assert due_reminder(RECOMMEND, OFFSETS, 9, datetime(2025, 7, 18, 15, 59, tzinfo=utc)).offset_days == 0
    assert due_reminder(RECOMMEND, OFFSETS, 9, datetime(2025, 7, 18, 16, 0, tzinfo=utc)) is None
    # A reminder hour of 0 means 00:00 Shanghai, which is 16:00 UTC the day before.
    assert due_reminder(RECOMMEND, (0,), 0, datetime(2025, 7, 17, 15, 59, tzinfo=utc)) is None
    assert due_reminder(RECOMMEND, (0,), 0, datetime(2025, 7, 17, 16, 0, tzinfo=utc)).offset_days == 0


def test_the_next_wakeup_is_the_next_reminder_moment_of_any_deadline():
    assert next_wakeup([RECOMMEND, PLANS], OFFSETS, 9, at("2025-07-11 09:30")) == datetime(2025, 7, 17, 9, tzinfo=TZ)
    assert next_wakeup([RECOMMEND, PLANS], OFFSETS, 9, at("2025-07-18 09:00")) == datetime(2025, 8, 31, 9, tzinfo=TZ)
    assert next_wakeup([RECOMMEND, PLANS], OFFSETS, 9, at("2026-11-25 09:00")) is None


def test_at_is_beijing_time_unless_an_offset_is_given():
    assert parse_at("2025-07-11 09:30") == datetime(2025, 7, 11, 9, 30, tzinfo=TZ)
    assert parse_at("2025-07-11T01:30+00:00") - parse_at("2025-07-11 09:30") == timedelta(0)
