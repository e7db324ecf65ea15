"""Benchmark: N chats ask at once through the fake Bot API; the real bot (`python -m bot`) answers.

Reports every chat answered or not, reply latency p50/p95 (update queued → reply received by the
fake server) and the bot process's peak RSS (VmHWM). Usage:
    .venv/bin/python bench/bench_bot.py [--chats 100] [--rounds 3] [--data-dir DIR]
"""
from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import signal
import socket
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fake_telegram import TOKEN, FakeTelegram  # noqa: E402

QUESTIONS = [
    "试点城市要具备什么条件？",
    "推荐城市的截止时间是什么时候？",
    "试点城市可以统筹哪些扶持政策？",
    "试点有哪些时间节点？",
    "实施方案什么时候印发？",
    "试点城市有多少个？",
    "招聘用工联合体由谁组建？",
    "人力资源服务业每年服务多少家用人单位？",
    "老旧小区改造开工了多少个？",
    "芒种是什么时候？",
    "明天北京会下雨吗？",
    "试点要开展几年？",
]


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def peak_rss_mib(pid: int) -> float:
    """The process's peak resident set size (VmHWM) in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def wait_healthy(port: int, timeout: float = 120) -> None:
    """Wait for the bot's /healthz to say ok."""
    import aiohttp

    deadline = time.monotonic() + timeout
    async with aiohttp.ClientSession() as http:
        while time.monotonic() < deadline:
            try:
                async with http.get(f"http://127.0.0.1:{port}/healthz") as resp:
                    if resp.status == 200:
                        return
            except aiohttp.ClientConnectionError:
                pass
            await asyncio.sleep(0.1)
    raise RuntimeError("the bot did not become healthy")


async def one_round(tg: FakeTelegram, chats: int, base_chat: int, distinct: bool) -> tuple[list[float], int]:
    """All chats ask at once; returns the latencies of the answered ones and how many went unanswered."""
    since = len(tg.calls)
    sent: dict[int, float] = {}
    for i in range(chats):
        chat_id = base_chat + i
        question = QUESTIONS[i % len(QUESTIONS)]
        tg.send(chat_id, f"{question}（第{chat_id}号）" if distinct else question)
        sent[chat_id] = time.monotonic()
    pending = set(sent)
    latencies: list[float] = []
    deadline = time.monotonic() + 60
    seen = since
    while pending and time.monotonic() < deadline:
        for call in tg.calls[seen:]:
            chat_id = call.params.get("chat_id")
            if call.method == "sendMessage" and call.error is None and chat_id in pending:
                pending.discard(chat_id)
                latencies.append(call.at - sent[chat_id])
        seen = len(tg.calls)
        await asyncio.sleep(0.005)
    return latencies, len(pending)


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, int(round(q / 100 * len(ordered) + 0.5)) - 1))]


async def main(args: argparse.Namespace) -> int:
    """Start the fake server and the bot process, run the rounds, print a summary."""
    data_dir = Path(args.data_dir or tempfile.mkdtemp(prefix="bench-bot-"))
    tg = FakeTelegram()
    await tg.start()
    port = free_port()
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": tg.base_url,
           "HTTP_PORT": str(port), "BOT_DATA_DIR": str(data_dir), "RATE_LIMIT_PER_MINUTE": "1000",
           "TELEGRAM_MAX_MESSAGES_PER_SECOND": str(args.max_per_second)}
    env.pop("WEBHOOK_URL", None)
    proc = await asyncio.create_subprocess_exec(sys.executable, "-m", "bot", cwd=ROOT, env=env,
                                                stderr=asyncio.subprocess.DEVNULL)
    try:
        started = time.monotonic()
        await wait_healthy(port)
        print(f"bot ready in {time.monotonic() - started:.1f} s (index in {data_dir})")
        all_latencies: list[float] = []
        unanswered = 0
        await one_round(tg, 10, 10_000, args.distinct)  # warm-up, not counted
        for r in range(args.rounds):
            latencies, missing = await one_round(tg, args.chats, 100_000 * (r + 1), args.distinct)
            await asyncio.sleep(2)  # let the outgoing rate limiter refill between bursts
            unanswered += missing
            all_latencies.extend(latencies)
            print(f"round {r + 1}: {len(latencies)}/{args.chats} answered, "
                  f"p50 {statistics.median(latencies) * 1000:.0f} ms, "
                  f"p95 {percentile(latencies, 95) * 1000:.0f} ms, max {max(latencies) * 1000:.0f} ms")
        rss = peak_rss_mib(proc.pid)
        print(f"\nchats per round: {args.chats}, rounds: {args.rounds}, unanswered: {unanswered}")
        print(f"reply latency p50 {statistics.median(all_latencies) * 1000:.0f} ms, "
              f"p95 {percentile(all_latencies, 95) * 1000:.0f} ms")
        print(f"bot peak RSS {rss:.0f} MiB")
        return 0 if unanswered == 0 else 1
    finally:
        proc.send_signal(signal.SIGTERM)
        await asyncio.wait_for(proc.wait(), 10)
        await tg.stop()
        if not args.data_dir:
            shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chats", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--max-per-second", type=float, default=30,
                        help="TELEGRAM_MAX_MESSAGES_PER_SECOND for the bot (30 = Telegram's limit, 0 = off)")
    parser.add_argument("--distinct", action="store_true",
                        help="every chat asks a different question (no two alike: nothing is shared or cached)")
    parser.add_argument("--data-dir", help="BOT_DATA_DIR with a built index (default: a fresh temporary one)")
    sys.exit(asyncio.run(main(parser.parse_args())))
