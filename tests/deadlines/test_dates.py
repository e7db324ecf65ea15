"""An admin's story: Chinese date expressions in a document are found and resolved to absolute dates."""
from datetime import date

import pytest

from retrieval.deadlines.dates import find_dates

PUBLISHED = date(2025, 6, 4)


def only(text: str, published: date = PUBLISHED):
    """The single date mention of a text."""
    mentions = find_dates(text, published)
    assert len(mentions) == 1, mentions
    return mentions[0]


def test_the_seed_deadlines_resolve_against_the_publication_year():
    text = "按照部署，7月18日前，由各省级人社部门联合相关部门推荐。9月底前，试点城市需编制印发实施方案。"
    recommend, plans = find_dates(text, PUBLISHED)
    assert (recommend.expression, recommend.due, recommend.precision, recommend.is_deadline) == (
        "7月18日前", date(2025, 7, 18), "day", True)
    assert (plans.expression, plans.due, plans.precision, plans.is_deadline) == (
        "9月底前", date(2025, 9, 30), "month_end", True)
    assert text[recommend.start:recommend.end] == "7月18日前"


def test_about_three_years_is_a_duration_not_a_date():
    mention = only("试点城市将通过3年左右的努力")
    assert (mention.due, mention.precision, mention.duration, mention.is_deadline) == (
        None, "duration", "3年左右", False)


def test_a_past_event_date_is_found_but_is_not_a_deadline():
    mention = only("6月3日上午，长白山舰抵靠文莱")
    assert (mention.due, mention.is_deadline) == (date(2025, 6, 3), False)


@pytest.mark.parametrize("text, due, precision", [
    ("2025年底前完成改造", date(2025, 12, 31), "year_end"),
    ("年底前完成改造", date(2025, 12, 31), "year_end"),
    ("明年年底前完成", date(2026, 12, 31), "year_end"),
    ("上半年前完成", date(2025, 6, 30), "half_year"),
    ("2026年下半年前启动", date(2026, 12, 31), "half_year"),
    ("今年12月31日前报送", date(2025, 12, 31), "day"),
    ("九月底前印发", date(2025, 9, 30), "month_end"),
    ("2024年2月底前", date(2024, 2, 29), "month_end"),
    ("7月前完成", date(2025, 6, 30), "month"),
    ("2026年前建成", date(2025, 12, 31), "year"),
])
def test_periods_resolve_to_their_last_day(text, due, precision):
    mention = only(text)
    assert (mention.due, mention.precision, mention.is_deadline) == (due, precision, True)


def test_next_year_follows_the_last_year_written_before_it():
    first, second = find_dates("2027年启动评估，次年6月底前形成报告", PUBLISHED)
    assert first.due == date(2027, 12, 31)
    assert (second.expression, second.due) == ("次年6月底前", date(2028, 6, 30))


def test_next_year_without_an_earlier_year_follows_the_publication_year():
    assert only("次年上半年").due == date(2026, 6, 30)


def test_a_date_with_no_year_well_before_publication_is_next_year():
    assert only("1月10日前报送", published=date(2025, 12, 20)).due == date(2026, 1, 10)
    assert only("5月10日前报送", published=date(2025, 6, 4)).due == date(2025, 5, 10)


def test_a_month_takes_the_year_written_earlier_in_the_same_sentence():
    start, end = find_dates("2026年3月至5月底前开展评估。6月底前总结", PUBLISHED)[:2]
    assert (start.due, end.due) == (date(2026, 3, 31), date(2026, 5, 31))
    assert find_dates("2026年3月至5月底前开展评估。6月底前总结", PUBLISHED)[2].due == date(2025, 6, 30)


@pytest.mark.parametrize("text", ["7月18日前后", "6月3日前往文莱", "今年前4个月", "截至2024年底"])
def test_words_that_only_look_like_deadlines_are_not(text):
    assert not any(m.is_deadline for m in find_dates(text, PUBLISHED))


def test_markers_before_the_date_make_it_a_deadline():
    assert only("材料最迟于8月15日报送").is_deadline
    assert only("截止到2025年12月31日").is_deadline


def test_an_impossible_date_is_ignored():
    assert find_dates("2月30日前报送", PUBLISHED) == []


def test_a_bare_day_is_in_the_publication_month():
    assert only("人力资源社会保障部4日宣布").due == date(2025, 6, 4)
