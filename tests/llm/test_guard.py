"""The guard never lets an official read a number, date, percentage or name that the cited passages do not hold."""
from __future__ import annotations

import pytest

from retrieval.llm import guard
from tests.llm.fixtures import seed_passages

PILOT = seed_passages()  # [1] 30个左右城市 [2] 5000余万家次, 约40% [3] 3年左右 [4] 7月18日前, 9月底前
HOUSING = seed_passages(article=2, paragraphs=(0, 1))  # [1] 前4个月 5679个 [2] 2.5万个, 28万个, 4800万户, 1.2亿人


@pytest.mark.parametrize(
    ("passages", "answer"),
    [
        (PILOT, "将在三十个左右城市开展试点[1]。"),
        (PILOT, "人力资源服务业年均服务五千多万家次用人单位，其中百分之四十是制造业企业[2]。"),
        (PILOT, "2025年7月18日前由省级人社部门推荐城市，9月底前编制实施方案[4]。"),
        (PILOT, "人社部2025年6月4日宣布开展试点[1]，这十分重要，将进一步统一培育一批机构[3]。"),
        (PILOT, "1. 推荐城市[4]\n2. 编制方案[4]"),
        (PILOT, "Cities are recommended by July 18, 2025, and plans are due by the end of September [4]."),
        (PILOT, "试点城市需编制印发“人力资源服务业与制造业融合发展试点实施方案”【4】。"),
        (HOUSING, "全国计划新开工改造2.5万个老旧小区，2019年至2024年累计改造28万个，惠及4800万户[2]。"),
        (HOUSING, "惠及居民超过一亿二千万人[2]。"),
    ],
)
def test_faithful_answers_pass(passages, answer):
    assert guard(answer, passages) is None


@pytest.mark.parametrize(
    ("passages", "answer", "reason"),
    [
        (PILOT, "将在五十个左右城市开展试点[1]。", "number"),
        (PILOT, "人力资源服务业年均服务6000余万家次用人单位[2]。", "number"),
        (PILOT, "其中百分之四十五是制造业企业[2]。", "percentage"),
        (PILOT, "其中40是制造业企业，约占百分之三十[2]。", "percentage"),
        (PILOT, "9月30日前编制实施方案[4]。", "date"),  # the passage says 9月底, the guard does not infer
        (PILOT, "2024年7月18日前推荐城市[4]。", "date"),
        (PILOT, "Cities are recommended by August 18 [4].", "date"),
        (PILOT, "试点城市需编制《制造业人才振兴计划》[4]。", "quoted"),
        (PILOT, "将在30个左右城市开展试点[1][5]。", "citation [5]"),
        (PILOT, "将在30个左右城市开展试点。", "no citation"),
        (PILOT, "", "empty"),
        (HOUSING, "全国计划新开工改造2.5亿个老旧小区[2]。", "number"),
        (HOUSING, "今年前4个月新开工改造老旧小区5679个，惠及4800万户[1]。", "number"),  # 4800万 is in [2]
    ],
)
def test_unfaithful_answers_are_rejected_with_a_reason(passages, answer, reason):
    assert reason in (guard(answer, passages) or "")
