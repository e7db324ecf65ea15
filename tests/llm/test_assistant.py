"""The whole path with an LLM configured: Assistant and `python -m retrieval ask --json` against the fake endpoint."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from retrieval.service import Assistant
from retrieval.settings import PROJECT_ROOT
from tests.fakes.openai import FakeOpenAI
from tests.llm.fixtures import citing, llm_settings

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server():
    with FakeOpenAI() as fake:
        yield fake


@pytest.fixture(scope="module")
def assistant(server, index_dir):
    """An Assistant of its own on the session's index, with the LLM configured."""
    return Assistant.open(llm_settings(server, BOT_DATA_DIR=index_dir))


@pytest.fixture(autouse=True)
def fresh(server):
    server.reset()


def test_the_assistant_answers_with_the_llm_and_its_sources(assistant, server):
    server.reply(citing("7月18日", "7月18日前，由各省级人社部门推荐有意愿承担试点任务的城市"))

    answer = assistant.answer("推荐试点城市的截止时间是什么时候？")

    assert answer.found and answer.by_llm
    assert answer.answer.startswith("7月18日前，由各省级人社部门推荐有意愿承担试点任务的城市[")
    assert "7月18日前" in answer.sources[0].quote
    assert "已截止" in answer.answer


def test_the_follow_up_rewrite_is_what_retrieval_searches(assistant, server):
    server.reply("芒种节气是什么时候？")  # the rewrite
    server.reply(citing("17时57分", "北京时间6月5日17时57分将迎来芒种节气"))
    history = [("试点城市有多少个？", "将在30个左右具备条件的城市开展试点。")]

    answer = assistant.answer("那个节气呢？", history=history)

    assert answer.rewritten_question == "芒种节气是什么时候？"
    assert answer.by_llm and answer.sources[0].title == "图说节令·芒种"
    assert "试点城市有多少个？" in server.requests[0].content("user")


def run_ask(question: str, data_dir, **env: str) -> dict:
    environment = {**os.environ, "BOT_DATA_DIR": str(data_dir), **env}
    done = subprocess.run(
        [sys.executable, "-m", "retrieval", "ask", "--json", question],
        cwd=PROJECT_ROOT, env=environment, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_the_command_line_uses_the_llm_with_the_same_json_contract(assistant, server, index_dir):
    server.reply(citing("7月18日", "7月18日前，由各省级人社部门推荐有意愿承担试点任务的城市"))
    env = {"LLM_BASE_URL": server.base_url, "LLM_MODEL": server.model, "LLM_API_KEY": "sk-test"}

    result = run_ask("推荐试点城市的截止时间是什么时候？", index_dir, **env)

    assert set(result) == {"found", "answer", "sources", "took_ms"}
    assert result["found"] and result["answer"].startswith("7月18日前，由各省级人社部门推荐")
    assert set(result["sources"][0]) == {"title", "published", "quote"}
    assert len(server.requests) == 1


def test_a_failing_endpoint_gives_exactly_the_extractive_answer(assistant, server, index_dir):
    server.fail(500)
    env = {"LLM_BASE_URL": server.base_url, "LLM_MODEL": server.model}

    with_failing_llm = run_ask("试点城市需要具备哪些条件？", index_dir, **env)
    without_llm = run_ask("试点城市需要具备哪些条件？", index_dir, LLM_BASE_URL="", LLM_MODEL="")

    assert len(server.requests) == 1
    assert {k: v for k, v in with_failing_llm.items() if k != "took_ms"} == {
        k: v for k, v in without_llm.items() if k != "took_ms"
    }


COLLOQUIAL = ["试点到底要干成个啥样", "搞这个试点图个啥", "试点大概要持续多久？", "这个试点对厂里有啥好处",
              "试点城市能拿到多少钱的补贴", "人力资源服务机构能在试点里干点啥",
              "想当试点的城市，是自己直接报给人社部吗？", "这个试点通知是人社部自己单独发的吗？"]


def test_a_question_the_extractive_gate_refuses_still_reaches_the_llm_above_the_looser_floor(assistant, server):
    refused = [(q, r) for q, r in ((q, assistant.retrieve(q)) for q in COLLOQUIAL) if not r.found and r.leads]
    assert refused, "no colloquial question was refused with passages worth an LLM's reading"
    question, extractive = refused[0]
    lead = extractive.leads[0].quote
    server.reply(citing(lead[:12], lead.rstrip("。")))

    answer = assistant.answer(question)

    assert answer.found and answer.by_llm
    assert lead.rstrip("。") in answer.answer and lead[:12] in answer.sources[0].quote
    assert len(server.requests) == 1


def test_the_llm_saying_the_documents_do_not_answer_is_a_refusal(assistant, server):
    question = "推荐试点城市的截止时间是什么时候？"
    assert assistant.retrieve(question).found
    server.reply("资料中没有相关内容")

    answer = assistant.answer(question)

    assert not answer.found and answer.by_llm
    assert answer.related and "7月18日" in answer.related[0].quote  # what the extractive answer had quoted


def test_a_question_nothing_in_the_documents_comes_near_never_reaches_the_llm(assistant, server):
    question = "量子计算机的工作原理是什么？"
    assert assistant.retrieve(question).leads == []

    answer = assistant.answer(question)

    assert not answer.found
    assert server.requests == []
