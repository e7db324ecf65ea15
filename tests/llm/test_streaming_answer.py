"""An official watches the LLM answer appear sentence by sentence; nothing unverified is ever shown."""
from __future__ import annotations

import time

import pytest

from retrieval.llm import LLMAnswerer
from retrieval.models import Answer
from tests.llm.fixtures import extractive, fake_llm, fallback, llm_settings, passages, seed_passages  # noqa: F401 - fixtures

QUESTION = "试点城市有多少个？什么时候推荐？"


async def collect(answerer: LLMAnswerer, passages, fallback) -> tuple[list[str], Answer]:
    items = [item async for item in answerer.astream(QUESTION, passages, fallback)]
    assert all(isinstance(item, str) for item in items[:-1])
    assert isinstance(items[-1], Answer)
    return items[:-1], items[-1]


async def test_the_answer_grows_sentence_by_sentence_then_arrives_with_sources(fake_llm, passages, fallback):
    fake_llm.reply(chunks=["将在30个左", "右城市开展试点[1]。7月18日前", "由各省级人社部门推荐", "城市[4]。"])

    shown, final = await collect(LLMAnswerer(llm_settings(fake_llm)), passages, fallback)

    assert shown == ["将在30个左右城市开展试点[1]。", "将在30个左右城市开展试点[1]。7月18日前由各省级人社部门推荐城市[4]。"]
    assert final.by_llm and final.answer.startswith(shown[-1])
    assert [s.chunk_id for s in final.sources] == [passages[0].chunk_id, passages[3].chunk_id]
    assert fake_llm.requests[0].stream


async def test_an_invented_number_mid_stream_is_never_shown(fake_llm, passages, fallback):
    fake_llm.reply(chunks=["将在30个左右城市开展试点[1]。", "其中99个在东部[1]。", "7月18日前推荐[4]。"])

    shown, final = await collect(LLMAnswerer(llm_settings(fake_llm)), passages, fallback)

    assert shown == ["将在30个左右城市开展试点[1]。"]
    assert final is fallback


async def test_a_server_error_while_streaming_gives_the_extractive_answer(fake_llm, passages, fallback):
    fake_llm.fail(500)

    shown, final = await collect(LLMAnswerer(llm_settings(fake_llm)), passages, fallback)

    assert shown == [] and final is fallback


async def test_a_stream_that_trickles_past_the_timeout_gives_the_extractive_answer(fake_llm, passages, fallback):
    # Each piece arrives well within the timeout, but the whole answer would not.
    fake_llm.reply("将在30个左右城市开展试点[1]。" * 4, chunk_delay_s=0.15)
    started = time.perf_counter()

    shown, final = await collect(LLMAnswerer(llm_settings(fake_llm, timeout_s=0.6)), passages, fallback)

    assert final is fallback
    assert time.perf_counter() - started < 2.5
