"""Flood control: a per-user question limit, Telegram's 429 retried, a blocked user (403) never crashes."""
from __future__ import annotations

import logging

from bot import messages as msg
from tests.conftest import USER, FakeClock
from tests.fakes.telegram import FakeTelegram, buttons, shown

OTHER = 502


async def test_questions_over_the_limit_get_a_polite_reply(tg: FakeTelegram, start_bot) -> None:
    clock = FakeClock()
    await start_bot(clock=clock, RATE_LIMIT_PER_MINUTE=3)
    for _ in range(3):
        assert buttons(await tg.ask(USER, "试点城市要具备什么条件？"))
    limited = await tg.ask(USER, "试点城市要具备什么条件？")
    assert shown(limited) == msg.RATE_LIMITED.format(limit=3)
    # Another user is not affected.
    assert buttons(await tg.ask(OTHER, "试点城市要具备什么条件？"))
    clock.advance(59)
    assert shown(await tg.ask(USER, "试点城市要具备什么条件？")) == msg.RATE_LIMITED.format(limit=3)
    clock.advance(2)
    assert buttons(await tg.ask(USER, "试点城市要具备什么条件？"))


async def test_too_many_requests_is_retried_after_retry_after(tg: FakeTelegram, bot) -> None:
    tg.fail_too_many_requests("sendMessage", retry_after=1, chat_id=USER)
    reply = await tg.ask(USER, "试点城市要具备什么条件？")
    attempts = [c for c in tg.calls if c.method == "sendMessage" and c.params.get("chat_id") == USER]
    assert attempts[0].error == {"ok": False, "error_code": 429, "description": "Too Many Requests: retry after 1",
                                 "parameters": {"retry_after": 1}}
    assert attempts[-1] is reply and buttons(reply)
    assert reply.at - attempts[0].at >= 1.0


async def test_blocked_user_is_logged_once_and_others_still_answered(tg: FakeTelegram, bot, caplog) -> None:
    tg.fail_blocked(USER, method="sendChatAction")
    tg.fail_blocked(USER, method="sendMessage")
    caplog.set_level(logging.WARNING, logger="bot")
    for question in ("试点城市要具备什么条件？", "试点有哪些时间节点？"):
        since = len(tg.calls)
        tg.send(USER, question)
        await tg.wait_for("sendChatAction", since=since, failed=True)
        assert buttons(await tg.ask(OTHER, "试点城市要具备什么条件？"))
    since = len(tg.calls)
    tg.send(USER, "/help")
    await tg.wait_for("sendMessage", since=since, failed=True)
    assert buttons(await tg.ask(OTHER, "试点城市要具备什么条件？"))
    blocked = [r for r in caplog.records if "blocked" in r.getMessage()]
    assert len(blocked) == 1
    assert not tg.calls_of("sendMessage", USER)


async def test_unexpected_error_tells_the_user_without_internals(tg: FakeTelegram, bot, caplog) -> None:
    tg.fail("sendMessage", 400, "Bad Request: chat not found", chat_id=USER)
    caplog.set_level(logging.ERROR, logger="bot")
    since = len(tg.calls)
    tg.send(USER, "/help")
    reply = await tg.reply(USER, since=since)
    assert shown(reply) == msg.ERROR
    assert any(r.exc_info for r in caplog.records)
