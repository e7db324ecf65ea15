"""Time one pipeline on the development questions in a process of its own (used by bench_core.py).

    python bench/latency_worker.py ours|naive DATA_DIR  -> prints {"p50": ms, "p95": ms}
"""
from __future__ import annotations

import json
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ROUNDS = 5


def main() -> None:
    which, folder = sys.argv[1], Path(sys.argv[2])
    questions = [json.loads(line)["question"] for line in (ROOT / "tests" / "data" / "dev.jsonl").open()]
    if which == "ours":
        from retrieval.service import Assistant
        from retrieval.settings import CoreSettings

        core = Assistant.open(CoreSettings(_env_file=None, BOT_DATA_DIR=str(folder)))
        ask = lambda q: core.answer(q).took_ms  # noqa: E731
    else:
        from bench.naive_pipeline import ask as naive_ask, open_store

        store = open_store(folder)
        ask = lambda q: naive_ask(store, q)["took_ms"]  # noqa: E731
    for q in questions:  # warm-up
        ask(q)
    times = sorted(ask(q) for _ in range(ROUNDS) for q in questions)
    print(json.dumps({"p50": statistics.median(times), "p95": times[int(0.95 * (len(times) - 1))]}))


if __name__ == "__main__":
    main()
