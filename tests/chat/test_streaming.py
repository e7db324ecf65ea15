"""In Telegram, an official watches the LLM answer being written into one message, then gets the buttons."""
from __future__ import annotations

import asyncio

import pytest
from telegram import Message

from bot import messages as msg
from bot.chat.streaming import SLEEP_KEY, STILL_WRITING, Throttle, replace_preview, stream_preview
from bot.deps import deps_of
from retrieval.llm import LLMAnswerer
from tests.conftest import USER, FakeClock
from tests.fakes.openai import FakeOpenAI
from tests.fakes.telegram import FakeTelegram, buttons, shown
from tests.llm.fixtures import citing, extractive, fake_llm, llm_settings, seed_passages  # noqa: F401 - fixture


def clock_sleep(clock: FakeClock):
    """A sleep that lets the fake clock's time pass instead of the wall clock's."""

    async def sleep(seconds: float) -> None:
        clock.advance(seconds)
        await asyncio.sleep(0)

    return sleep


@pytest.fixture
def llm_assistant(assistant, fake_llm: FakeOpenAI):
    """The session's Assistant with the LLM pointed at the fake endpoint (restored afterwards)."""
    before = assistant.llm
    assistant.llm = LLMAnswerer(llm_settings(fake_llm))
    yield assistant
    assistant.llm = before


@pytest.fixture
async def llm_bot(start_bot, llm_assistant):
    """The bot on a fake clock, answering with the LLM."""
    clock = FakeClock()
    app = await start_bot(clock=clock)
    deps_of(app).extra[SLEEP_KEY] = clock_sleep(clock)
    return app


async def test_preview_edits_are_at_most_one_per_second(tg: FakeTelegram, bot):
    clock = FakeClock()
    at: dict[int, float] = {}
    tg.listeners.append(lambda call: at.setdefault(id(call), clock()))
    passages = seed_passages()
    final = extractive(passages[0])

    async def updates():
        text = ""
        for n in range(1, 9):
            text += f"第{n}句。"
            yield text
            clock.advance(0.3)  # the model writes a sentence every 0.3 s
        yield final

    question = Message.de_json(tg.new_message(USER, text="试点城市有多少个？"), bot.bot)
    throttle = Throttle(clock=clock, sleep=clock_sleep(clock))
    since = len(tg.calls)
    answer, preview = await stream_preview(question, updates(), throttle)
    await replace_preview(preview, ["最终回答"], None, throttle)

    writes = [c for c in tg.calls[since:] if c.method in ("sendMessage", "editMessageText")]
    times = [at[id(c)] for c in writes]
    assert answer is final
    assert [c.method for c in writes].count("sendMessage") == 1
    assert 3 <= len(writes) <= 5  # 8 sentences in 2.4 s: a preview about every second, then the final
    assert all(later - earlier >= 1.0 for earlier, later in zip(times, times[1:]))
    assert shown(writes[-1]) == "最终回答"


async def test_the_answer_is_written_into_one_message_then_gets_its_buttons(tg: FakeTelegram, llm_bot, fake_llm):
    fake_llm.reply(citing("7月18日", "7月18日前，由各省级人社部门推荐有意愿承担试点任务的城市"))
    since = len(tg.calls)

    tg.send(USER, "推荐试点城市的截止时间是什么时候？")
    final = await tg.wait_for("editMessageText", lambda c: "reply_markup" in c.params, since=since)

    sent = tg.calls_of("sendMessage", USER, since=since)
    assert len(sent) == 1 and sent[0].params["text"].endswith(STILL_WRITING)
    assert final.params["message_id"] == sent[0].result["message_id"]
    text = shown(final)
    assert text.startswith("7月18日前，由各省级人社部门推荐有意愿承担试点任务的城市[")
    assert "——《促就业强产业！" in text and "已截止" in text
    assert [label for label, _ in buttons(final)] == [msg.BUTTON_CONTEXT, msg.BUTTON_UP, msg.BUTTON_DOWN]
    assert fake_llm.requests[0].stream


async def test_when_the_llm_fails_the_user_gets_the_extractive_answer(tg: FakeTelegram, llm_bot, fake_llm):
    fake_llm.fail(500)
    since = len(tg.calls)

    reply = await tg.ask(USER, "推荐试点城市的截止时间是什么时候？")

    assert "7月18日前" in shown(reply) and not shown(reply).endswith(STILL_WRITING)
    assert [label for label, _ in buttons(reply)] == [msg.BUTTON_CONTEXT, msg.BUTTON_UP, msg.BUTTON_DOWN]
    assert tg.calls_of("editMessageText", USER, since=since) == []


async def test_a_follow_up_in_the_chat_is_rewritten_from_the_previous_turn(tg: FakeTelegram, llm_bot, fake_llm):
    fake_llm.reply(citing("7月18日", "7月18日前，由各省级人社部门推荐有意愿承担试点任务的城市"))
    since = len(tg.calls)
    tg.send(USER, "推荐试点城市的截止时间是什么时候？")
    await tg.wait_for("editMessageText", lambda c: "reply_markup" in c.params, since=since)
    fake_llm.reply("试点城市需要在什么时候编制印发实施方案？")  # the rewrite
    fake_llm.fail(500)  # then the answer fails: the extractive answer to the rewritten question is used

    reply = await tg.ask(USER, "那实施方案呢？")

    rewrite = fake_llm.requests[1]
    assert "推荐试点城市的截止时间是什么时候？" in rewrite.content("user")
    assert "那实施方案呢？" in rewrite.content("user")
    assert "实施方案" in shown(reply)


NEAR_MISSES = ["试点到底要干成个啥样", "搞这个试点图个啥", "试点大概要持续多久？", "这个试点对厂里有啥好处",
               "试点城市评上以后有什么奖励", "试点城市能拿到多少钱的补贴"]


async def test_a_refusal_after_a_streamed_preview_ends_with_suggestions(tg: FakeTelegram, llm_bot, llm_assistant,
                                                                       fake_llm):
    # The extractive gate refuses but nearby passages reach the model; it starts, then says they do not answer.
    question = next((q for q in NEAR_MISSES if (r := llm_assistant.retrieve(q)).leads and r.suggestions), None)
    assert question, "no question was refused with passages worth the model's reading and suggestions"
    fake_llm.reply(chunks=["资料提到了相关内容[1]。", "资料中没有相关内容。"])
    since = len(tg.calls)

    tg.send(USER, question)
    final = await tg.wait_for("editMessageText", lambda c: "reply_markup" in c.params, since=since)

    sent = tg.calls_of("sendMessage", USER, since=since)
    assert len(sent) == 1 and final.params["message_id"] == sent[0].result["message_id"]
    assert shown(final).startswith("资料中没有") and shown(final).endswith(msg.SUGGESTIONS_LEAD)
    offered = buttons(final)
    assert 1 <= len(offered) <= 3 and all(data.startswith("sg:") for _, data in offered)
