"""An admin curates knowledge/deadlines.yaml; answers and reminders read absolute dates and status from it."""
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from retrieval.deadlines.registry import (DeadlineFileError, days_left, deadline_for_sentence, deadlines_in_text,
                                          load_deadlines)

SEED = Path(__file__).resolve().parents[2] / "knowledge" / "deadlines.yaml"
SEED_TEXT = (Path(__file__).resolve().parents[2] / "knowledge" / "documents" / "xinhua-2025-06-04.txt").read_text(
    encoding="utf-8")

ENTRY = """\
deadlines:
  - id: plans
    title: 编制实施方案
    due: 2025-09-30
    precision: month_end
    actors: [试点城市]
    doc_id: xinhua-2025-06-04
    article_title: 试点
    quote: 9月底前，试点城市需编制印发实施方案。
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "deadlines.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_seed_registry_has_both_dated_duties_quoted_from_the_page():
    deadlines = {d.id: d for d in load_deadlines(SEED)}
    assert deadlines["recommend-pilot-cities"].due == date(2025, 7, 18)
    assert deadlines["publish-implementation-plans"].due == date(2025, 9, 30)
    assert "省级人社部门" in deadlines["recommend-pilot-cities"].actors
    flat_text = "".join(SEED_TEXT.split())
    for deadline in deadlines.values():
        assert deadline.quote in flat_text
        assert deadline.expression in deadline.quote


def test_on_the_seeds_today_every_deadline_has_passed():
    assert all(days_left(d, date(2026, 11, 25)) < 0 for d in load_deadlines(SEED))


def test_days_left_counts_calendar_days_in_shanghai():
    plans = next(d for d in load_deadlines(SEED) if d.id == "publish-implementation-plans")
    assert days_left(plans, date(2025, 9, 30)) == 0
    assert days_left(plans, date(2025, 9, 23)) == 7
    # 2025-09-30 16:30 UTC is already 2025-10-01 00:30 in Shanghai: the deadline has passed there.
    assert days_left(plans, datetime(2025, 9, 30, 16, 30, tzinfo=timezone.utc)) == -1
    assert days_left(plans, datetime(2025, 9, 30, 15, 59, tzinfo=timezone.utc)) == 0


def test_a_quoted_sentence_finds_its_deadline_and_another_articles_date_does_not():
    deadlines = load_deadlines(SEED)
    hit = deadline_for_sentence("9月底前，试点城市需编制印发人力资源服务业与制造业融合发展试点实施方案", deadlines)
    assert hit is not None and hit.id == "publish-implementation-plans"
    assert deadline_for_sentence("各地9月底前完成老旧小区改造计划。", deadlines) is None
    paragraph = "按照部署，7月18日前，由各省级人社部门联合相关部门推荐有意愿承担试点任务的城市。人力资源社会保障部等部门将组织专家评审并择优确定试点城市。9月底前，试点城市需编制印发人力资源服务业与制造业融合发展试点实施方案，开展试点工作。"
    assert [d.id for d in deadlines_in_text(paragraph, deadlines)] == [
        "recommend-pilot-cities", "publish-implementation-plans"]


@pytest.mark.parametrize("text, complaint", [
    (ENTRY.replace("    due: 2025-09-30\n", ""), "缺少字段 due"),
    (ENTRY.replace("2025-09-30", "2025-09-31"), "due 应为 YYYY-MM-DD"),
    (ENTRY.replace("2025-09-30", "2025-09-29"), "该月最后一天"),
    (ENTRY.replace("month_end", "someday"), "precision 应为"),
    (ENTRY.replace("    title:", "    titel: x\n    title:"), "未知字段 titel"),
    (ENTRY.replace("[试点城市]", "[]"), "缺少字段 actors"),
    (ENTRY.replace("id: plans", "id: Plans!"), "id 只能用"),
    (ENTRY + ENTRY.split("deadlines:\n")[1], "id 重复：plans"),
    (ENTRY.replace("    actors: [试点城市]", "    actors: [试点城市"), "YAML 格式错误"),
    ("- just a list\n", "顶层应为"),
])
def test_a_malformed_registry_is_refused_with_a_message_that_says_where(tmp_path, text, complaint):
    with pytest.raises(DeadlineFileError, match=complaint):
        load_deadlines(write(tmp_path, text))


def test_a_missing_registry_is_a_clear_error(tmp_path):
    with pytest.raises(DeadlineFileError, match="找不到"):
        load_deadlines(tmp_path / "nope.yaml")


def test_an_empty_registry_has_no_deadlines(tmp_path):
    assert load_deadlines(write(tmp_path, "deadlines: []\n")) == []
