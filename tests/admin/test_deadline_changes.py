"""An admin refreshes the index after editing the deadlines: subscribers hear about the change at once."""
from __future__ import annotations

import asyncio
from datetime import datetime

from tests.admin.support import ADMIN, admin_bot, bot_env, knowledge, tg  # noqa: F401
from tests.fakes.telegram import shown

SUBSCRIBER = 7301


async def until(condition, timeout: float = 30.0) -> None:
    """Wait for a condition the bot makes true in the background."""
    async with asyncio.timeout(timeout):
        while not condition():
            await asyncio.sleep(0.05)


async def test_a_reindex_sends_the_change_notice_for_an_edited_deadline(tg, admin_bot, knowledge):
    reminders = admin_bot.bot_data["deps"].extra["reminders"]
    await until(lambda: reminders.store.snapshot() is not None)  # the start-up run has seen the registry
    reminders.store.subscribe(SUBSCRIBER, "*", datetime.now())
    registry = knowledge / "deadlines.yaml"
    registry.write_text(registry.read_text(encoding="utf-8").replace("2025-07-18", "2025-07-25"), encoding="utf-8")
    since = len(tg.calls)
    tg.send(ADMIN, "/reindex")
    notice = await tg.reply(SUBSCRIBER, since=since, timeout=60)
    assert "时间节点变更" in shown(notice) and "2025年7月25日" in shown(notice)
