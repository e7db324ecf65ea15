"""An operator runs `python -m bot remind --due` from cron or for a rehearsal; a crash mid-run loses and doubles nothing."""
from __future__ import annotations

import asyncio
import os
import shutil
import signal
import sys
from datetime import datetime
from pathlib import Path

import pytest

from bot.reminders.store import ReminderStore
from retrieval.settings import PROJECT_ROOT
from tests.fakes.telegram import TOKEN, shown

NOW = datetime(2026, 11, 25, 12, 0)


@pytest.fixture
def env(tmp_path, tg):
    knowledge = tmp_path / "knowledge"
    knowledge.mkdir()
    shutil.copy(PROJECT_ROOT / "knowledge" / "deadlines.yaml", knowledge / "deadlines.yaml")
    return {**{k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "BOT_", "REMINDER_"))},
            "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": tg.base_url, "BOT_DATA_DIR": str(tmp_path / "data"),
            "KNOWLEDGE_DIR": str(knowledge), "REMINDER_OFFSETS_DAYS": "7,1", "PYTHONUNBUFFERED": "1"}


def subscribe(env: dict, chats: range | list[int]) -> None:
    store = ReminderStore.open(Path(env["BOT_DATA_DIR"]))
    for chat in chats:
        store.subscribe(chat, "*", NOW)
    store.close()


async def remind(env: dict, *args: str, started: asyncio.Event | None = None) -> tuple[int, str, str, int]:
    proc = await asyncio.create_subprocess_exec(sys.executable, "-m", "bot", "remind", *args, cwd=PROJECT_ROOT,
                                                env=env, stdout=asyncio.subprocess.PIPE,
                                                stderr=asyncio.subprocess.PIPE)
    if started is not None:
        started.pid = proc.pid  # type: ignore[attr-defined]
        started.set()
    out, err = await asyncio.wait_for(proc.communicate(), 120)
    return proc.returncode, out.decode(), err.decode(), proc.pid


def reminders_per_chat(tg) -> dict[int, int]:
    counts: dict[int, int] = {}
    for call in tg.calls_of("sendMessage"):
        if "时间节点提醒" in shown(call):
            counts[call.params["chat_id"]] = counts.get(call.params["chat_id"], 0) + 1
    return counts


async def test_a_rehearsal_sends_the_seven_day_reminder_once_and_a_second_run_nothing(env, tg):
    subscribe(env, [101, 102, 103])
    code, out, err, _ = await remind(env, "--due", "--at", "2025-07-11 09:30")
    assert code == 0, err
    assert reminders_per_chat(tg) == {101: 1, 102: 1, 103: 1}
    assert "已发送 3" in out
    assert "还剩7天" in shown(tg.calls_of("sendMessage", chat_id=101)[0])
    code, out, err, _ = await remind(env, "--due", "--at", "2025-07-11 09:30")
    assert code == 0, err
    assert reminders_per_chat(tg) == {101: 1, 102: 1, 103: 1}
    assert "计划 0 条" in out
    assert TOKEN not in out + err


async def test_dry_run_lists_who_would_get_what_and_sends_nothing(env, tg):
    subscribe(env, [101, 102])
    code, out, err, _ = await remind(env, "--due", "--dry-run", "--at", "2025-07-17 09:00")
    assert code == 0, err
    assert out.count("recommend-pilot-cities") == 2 and "提前1天" in out
    assert tg.calls_of("sendMessage") == []
    code, out, _, _ = await remind(env, "--due", "--at", "2025-07-17 09:00")
    assert reminders_per_chat(tg) == {101: 1, 102: 1}


async def test_today_every_seed_deadline_has_passed_so_nothing_is_sent(env, tg):
    subscribe(env, [101])
    code, out, err, _ = await remind(env, "--due")
    assert code == 0, err
    assert tg.calls_of("sendMessage") == []


@pytest.mark.parametrize("args, complaint", [
    (["--due", "--at", "2025-13-01 09:00"], "--at 应为"),
    (["--due", "--at", "tomorrow"], "--at 应为"),
])
async def test_bad_input_gets_a_clear_error(env, tg, args, complaint):
    code, _, err, _ = await remind(env, *args)
    assert code == 2 and complaint in err


async def test_a_broken_registry_is_reported_and_nothing_is_sent(env, tg, tmp_path):
    subscribe(env, [101])
    (tmp_path / "knowledge" / "deadlines.yaml").write_text("deadlines:\n  - id: x\n", encoding="utf-8")
    code, _, err, _ = await remind(env, "--due", "--at", "2025-07-11 09:30")
    assert code == 2 and "缺少字段" in err
    assert tg.calls_of("sendMessage") == []


@pytest.mark.slow
async def test_sigkill_in_the_middle_of_a_fan_out_then_a_restart_completes_it_without_duplicates(env, tg):
    subscribers = list(range(20001, 20181))
    subscribe(env, subscribers)
    started = asyncio.Event()
    killed: list[int] = []

    def kill_at_the_sixtieth_message(call) -> None:
        # Runs inside the server while it handles the request: the message is delivered, the sender
        # never hears back, and the process dies between its send and its confirm.
        if call.method == "sendMessage" and not killed and len(tg.calls_of("sendMessage")) == 60:
            killed.append(started.pid)  # type: ignore[attr-defined]
            os.kill(started.pid, signal.SIGKILL)  # type: ignore[attr-defined]

    tg.listeners.append(kill_at_the_sixtieth_message)
    code, _, _, _ = await remind(env, "--due", "--at", "2025-07-11 09:30", started=started)
    assert code == -signal.SIGKILL and killed
    assert len(reminders_per_chat(tg)) == 60

    code, out, err, _ = await remind(env, "--due", "--at", "2025-07-11 09:30")
    assert code == 0, err
    counts = reminders_per_chat(tg)
    assert sorted(counts) == subscribers  # no loss
    assert set(counts.values()) == {1}  # no duplicate
    assert "上次中断遗留并按已发送处理 1" in out
    store = ReminderStore.open(Path(env["BOT_DATA_DIR"]))
    assert store.counts("reminder") == {"sent": 179, "uncertain": 1}
    store.close()
