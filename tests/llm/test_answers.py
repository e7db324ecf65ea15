"""An official asks a question and gets a fluent, cited LLM answer, or the extractive one when it is not faithful."""
from __future__ import annotations

import logging
import time

import pytest

from retrieval import messages
from retrieval.llm import LLMAnswerer
from tests.llm.fixtures import extractive, fake_llm, fallback, llm_settings, passages, seed_passages  # noqa: F401 - fixtures

QUESTION = "试点城市有多少个？什么时候推荐？"


def test_a_grounded_answer_is_sent_with_its_sources(fake_llm, passages, fallback):
    fake_llm.reply("将在30个左右城市开展试点[1]。7月18日前由各省级人社部门推荐城市[4]。")

    answer = LLMAnswerer(llm_settings(fake_llm)).answer(QUESTION, passages, fallback)

    assert answer.found and answer.by_llm
    assert answer.answer.startswith("将在30个左右城市开展试点[1]。7月18日前由各省级人社部门推荐城市[4]。")
    assert [s.chunk_id for s in answer.sources] == [passages[0].chunk_id, passages[3].chunk_id]
    assert f"[4] {passages[3].text}" in answer.answer
    source_line = messages.SOURCE_LINE.format(title=passages[3].title, publisher="", published="2025-06-04")
    assert answer.answer.endswith(source_line)
    assert answer.article_id == passages[0].article_id


def test_an_answer_about_a_deadline_says_it_has_passed(fake_llm, passages, fallback):
    fake_llm.reply("7月18日前由各省级人社部门推荐城市[4]。")

    answer = LLMAnswerer(llm_settings(fake_llm)).answer(QUESTION, passages, fallback)

    assert answer.by_llm
    assert [n.expression for n in answer.deadlines] == ["7月18日前", "9月底前"]
    assert all(n.passed for n in answer.deadlines)
    assert "已截止" in answer.answer


def test_chinese_numerals_and_approximate_forms_match_the_sources(fake_llm, passages, fallback):
    fake_llm.reply("人力资源服务业年均服务五千余万家次用人单位，其中约40%是制造业企业[2]；试点为期三年左右[3]。")

    answer = LLMAnswerer(llm_settings(fake_llm)).answer(QUESTION, passages, fallback)

    assert answer.by_llm, answer.answer


def test_the_model_saying_the_passages_do_not_answer_turns_the_answer_into_a_refusal(fake_llm, passages, fallback):
    fake_llm.reply("资料中没有相关内容")

    answer = LLMAnswerer(llm_settings(fake_llm)).answer(QUESTION, passages, fallback)

    assert not answer.found and answer.sources == []
    assert answer.related == fallback.sources[:1]


@pytest.mark.parametrize(
    ("reply", "reason"),
    [
        ("将在40个左右城市开展试点[1]。", "number '40'"),
        ("将在三十五个城市开展试点[1]。", "number '三十五'"),
        ("其中约45%是制造业企业[2]。", "percentage '45%'"),
        ("7月25日前由各省级人社部门推荐城市[4]。", "date 7月25日"),
        ("7月18日前由各省级人社部门推荐城市[1]。", "date 7月18日"),  # true, but not in the cited passage
        ("试点城市由专家评审确定[7]。", "citation [7]"),
        ("试点城市由专家评审确定。", "no citation"),
        ("试点城市需编制《三年行动计划》[4]。", "三"),
        ("负责人说“试点城市要全部完成改造”[1]。", "quoted name"),
    ],
)
def test_an_unfaithful_answer_falls_back_to_the_extractive_one(fake_llm, passages, fallback, caplog, reply, reason):
    fake_llm.reply(reply)

    with caplog.at_level(logging.WARNING, logger="retrieval.llm"):
        answer = LLMAnswerer(llm_settings(fake_llm)).answer(QUESTION, passages, fallback)

    assert answer is fallback
    assert reason in caplog.text


def test_a_server_error_falls_back_at_once_without_retrying(fake_llm, passages, fallback, caplog):
    fake_llm.fail(500)
    fake_llm.reply("将在30个左右城市开展试点[1]。")  # a retry would take this one

    with caplog.at_level(logging.WARNING, logger="retrieval.llm"):
        answer = LLMAnswerer(llm_settings(fake_llm)).answer(QUESTION, passages, fallback)

    assert answer is fallback
    assert len(fake_llm.requests) == 1
    assert "500" in caplog.text


def test_a_silent_endpoint_falls_back_after_the_timeout(fake_llm, passages, fallback, caplog):
    fake_llm.hang()
    started = time.perf_counter()

    with caplog.at_level(logging.WARNING, logger="retrieval.llm"):
        answer = LLMAnswerer(llm_settings(fake_llm, timeout_s=0.3)).answer(QUESTION, passages, fallback)

    assert answer is fallback
    assert time.perf_counter() - started < 3
    assert "Timeout" in caplog.text


def test_the_api_key_is_sent_but_never_logged(fake_llm, passages, fallback, caplog):
    fake_llm.reply("将在40个城市开展试点[1]。")

    with caplog.at_level(logging.DEBUG):
        LLMAnswerer(llm_settings(fake_llm)).answer(QUESTION, passages, fallback)

    assert fake_llm.requests[0].headers["Authorization"] == "Bearer sk-test-not-a-secret"
    assert "sk-test-not-a-secret" not in caplog.text


def test_a_reasoning_models_thinking_is_not_shown(fake_llm, passages, fallback):
    fake_llm.reply("<think>用户问城市数量，资料[1]说有99个？不对，是30个左右。</think>将在30个左右城市开展试点[1]。")

    answer = LLMAnswerer(llm_settings(fake_llm)).answer(QUESTION, passages, fallback)

    assert answer.by_llm
    assert "think" not in answer.answer and "99" not in answer.answer


def test_an_api_key_echoed_in_an_error_is_not_logged(fake_llm, passages, fallback, caplog):
    fake_llm.reply(status=401, error="Incorrect API key provided: sk-test-not-a-secret")

    with caplog.at_level(logging.DEBUG):
        answer = LLMAnswerer(llm_settings(fake_llm)).answer(QUESTION, passages, fallback)

    assert answer is fallback
    assert "401" in caplog.text and "sk-test-not-a-secret" not in caplog.text
