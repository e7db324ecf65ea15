"""An official asks an elliptical follow-up; with an LLM it is rewritten into a standalone question first."""
from __future__ import annotations

import logging

from retrieval.llm import LLMAnswerer
from tests.llm.fixtures import fake_llm, llm_settings  # noqa: F401 - fixture

HISTORY = [
    ("老旧小区改造开工了多少个？", "今年前4个月，全国新开工改造城镇老旧小区5679个。"),
    ("芒种是哪天？", "北京时间6月5日17时57分将迎来芒种节气。"),
    ("试点城市需要具备哪些条件？", "试点城市原则上为地级及以上城市，应当具备较大规模的制造业……"),
    ("试点城市有多少个？", "将在30个左右具备条件的城市开展试点。"),
]


def test_a_follow_up_is_rewritten_from_the_last_turns(fake_llm):
    fake_llm.reply("改写后的独立问题：试点城市什么时候推荐？")

    rewritten = LLMAnswerer(llm_settings(fake_llm)).rewrite_followup(HISTORY, "那什么时候推荐？")

    assert rewritten == "试点城市什么时候推荐？"
    user = fake_llm.requests[0].content("user")
    assert "试点城市有多少个？" in user and "试点城市需要具备哪些条件？" in user
    assert "老旧小区" not in user  # only the last three turns
    assert user.index("<追问>") < user.index("那什么时候推荐？") < user.index("</追问>")


def test_a_failed_rewrite_keeps_the_question_as_asked(fake_llm, caplog):
    fake_llm.fail(500)
    fake_llm.reply("   \n")

    answerer = LLMAnswerer(llm_settings(fake_llm))
    with caplog.at_level(logging.WARNING, logger="retrieval.llm"):
        assert answerer.rewrite_followup(HISTORY, "那什么时候推荐？") == "那什么时候推荐？"
    assert answerer.rewrite_followup(HISTORY, "那什么时候推荐？") == "那什么时候推荐？"
    assert "keeping the question" in caplog.text


def test_a_first_question_is_not_sent_for_rewriting(fake_llm):
    assert LLMAnswerer(llm_settings(fake_llm)).rewrite_followup([], "试点城市有多少个？") == "试点城市有多少个？"
    assert fake_llm.requests == []
