"""Benchmark of official documents at the size of the dev corpus and at ten times it: full build seconds, chunks,
chunks/s and question latency p50/p95 on three indexes (the seed page alone; the seed plus the four corpus-dev
official documents; the seed plus ten versions of each, the original and nine with their places renamed), all
asked the same fixed questions. Writes its section of bench/RESULTS.md.

The renamed versions are made here (into a temporary folder, never committed): every place of a document (东川省,
江临市, 云岭市, 青峪市, 澄湾市, 枫港市, the abbreviations in its 文号, 我省/我市) gets another made-up name, so each
copy is a document of its own place with its own title and first sentence.

Run: .venv/bin/python bench/bench_corpus.py [--copies 10] [--rounds 3]
"""
from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_bot import QUESTIONS as SEED_QUESTIONS  # noqa: E402
from bench.bench_index import pct  # noqa: E402
from bench.results import write_section  # noqa: E402
from retrieval.embedders import make_embedder  # noqa: E402
from retrieval.rebuild import rebuild_index  # noqa: E402
from retrieval.service import Assistant  # noqa: E402
from retrieval.settings import PROJECT_ROOT, CoreSettings  # noqa: E402
from tests.core.support import judge, load_calibration_questions  # noqa: E402

TITLE = "Official documents at 10x (`bench/bench_corpus.py`)"
CORPUS = PROJECT_ROOT / "knowledge" / "calibration" / "corpus-dev" / "documents"
# Each place of the dev corpus and the first characters its renamed copies get; the second character stays.
RENAMES = {"东川": "西北中乾坤巽兑艮震", "江临": "沅湘汉淮渭泾洛汾沂", "云岭": "雾霞雪霜露虹霓雷电",
           "青峪": "碧绛丹紫玄素墨赭缃", "澄湾": "沐泠澈湛汀渌沄湄潋", "枫港": "槐榆桦椿栎杉柘楠桐"}
OWN_CITY = {"jl-": "江临", "yl-": "云岭"}  # whose 我市 a plan means


def copy_places(k: int, doc_name: str) -> dict[str, str]:
    """What to replace in copy k (1-based) of a document: its places, their abbreviations, 我省/我市."""
    names = {old: firsts[k - 1] + old[1] for old, firsts in RENAMES.items()}
    out = {f"{old}{kind}": f"{new}{kind}" for old, new in names.items() for kind in ("省", "市")}
    out.update({old: new for old, new in names.items()})
    out.update({"东人社": f"{names['东川'][0]}人社", "江政办": f"{names['江临'][0]}政办",
                "岭政办": f"{names['云岭'][0]}政办", "岭才通": f"{names['云岭'][0]}才通", "我省": f"{names['东川']}省"})
    city = next((c for prefix, c in OWN_CITY.items() if doc_name.startswith(prefix)), None)
    if city:
        out["我市"] = f"{names[city]}市"
    return out


def renamed(text: str, places: dict[str, str]) -> str:
    """`text` with every place replaced at once (longest names first, so no replacement is replaced again)."""
    pattern = re.compile("|".join(re.escape(k) for k in sorted(places, key=len, reverse=True)))
    return pattern.sub(lambda m: places[m.group(0)], text)


def make_knowledge(folder: Path, copies: int) -> None:
    """knowledge/ with the seed page and, for copies >= 1, the corpus-dev documents in `copies` versions each."""
    shutil.copytree(PROJECT_ROOT / "knowledge", folder, ignore=shutil.ignore_patterns("calibration"))
    for path in sorted(CORPUS.iterdir()) if copies else []:
        shutil.copy(path, folder / "documents" / path.name)
        for k in range(1, copies):
            text = renamed(path.read_text(encoding="utf-8"), copy_places(k, path.name))
            (folder / "documents" / f"{path.stem}-copy{k}{path.suffix}").write_text(text, encoding="utf-8")


def latency(assistant: Assistant, questions: list[str], rounds: int) -> list[float]:
    """Milliseconds per question, warm (each question asked once before timing)."""
    for q in questions:
        assistant.answer(q)
    took = []
    for _ in range(rounds):
        for q in questions:
            started = time.perf_counter()
            assistant.answer(q)
            took.append((time.perf_counter() - started) * 1000)
    return took


def accuracy(assistant: Assistant, labelled: list[dict]) -> float:
    """Share of corpus-dev questions answered right (expected phrases, or a refusal), the scorer's rule."""
    right = 0
    for q in labelled:
        result = assistant.answer(q["question"])
        right += judge(q, {"found": result.found, "answer": result.answer})
    return right / len(labelled)


def run_index(workdir: Path, name: str, copies: int, embedder, labelled: list[dict], rounds: int) -> dict:
    """Full build and question latency of one index."""
    knowledge = workdir / f"knowledge-{name}"
    make_knowledge(knowledge, copies)
    settings = CoreSettings(_env_file=None, BOT_DATA_DIR=str(workdir / f"data-{name}"), KNOWLEDGE_DIR=str(knowledge))
    build = rebuild_index(settings, embedder)
    assistant = Assistant.open(settings, build_if_missing=False)
    took = latency(assistant, [q["question"] for q in labelled] + SEED_QUESTIONS, rounds)
    row = {"name": name, "documents": build.documents, "chunks": build.chunks, "build_s": build.seconds,
           "p50": pct(took, 0.5), "p95": pct(took, 0.95), "asked": len(took),
           "accuracy": accuracy(assistant, labelled) if copies else None}
    print(row, file=sys.stderr, flush=True)
    return row


def report(rows: list[dict], copies: int, rounds: int, questions: int, embedder: str) -> str:
    """The RESULTS.md section."""
    seed, one, many = rows
    lines = [
        f"Machine: {platform.machine()}, {len(os.sched_getaffinity(0))} cores (shared), Python "
        f"{platform.python_version()}; run {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC. Embedder {embedder}, "
        f"embedded Chroma. Command: `.venv/bin/python bench/bench_corpus.py`. Corpus: the four corpus-dev official "
        f"documents; at {copies}x each also in {copies - 1} copies with every place renamed (made by the script). "
        f"Latency: the same {questions} questions (corpus-dev's labelled questions and the bot benchmark's seed "
        f"questions) x {rounds} rounds on every index, warm, in-process.",
        "",
        "| index | documents | chunks | full build s | chunks/s | s per 1000 chunks | ask p50 ms | ask p95 ms "
        "| corpus-dev accuracy |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        acc = f"{r['accuracy']:.2f}" if r["accuracy"] is not None else "n/a (no corpus)"
        lines.append(f"| {r['name']} | {r['documents']} | {r['chunks']} | {r['build_s']:.1f} "
                     f"| {r['chunks'] / r['build_s']:.0f} | {1000 * r['build_s'] / r['chunks']:.1f} "
                     f"| {r['p50']:.0f} | {r['p95']:.0f} | {acc} |")
    per_one, per_many = (1000 * r["build_s"] / r["chunks"] for r in (one, many))
    lines += [
        "",
        f"Build cost: {per_many:.1f} s per 1000 chunks at {copies}x vs {per_one:.1f} at 1x "
        f"({per_many / per_one:.2f}x; linear means about 1x). Question p95 at {copies}x is "
        f"{many['p95'] / seed['p95']:.2f}x the seed-only index's (target <= 2x) and {many['p95'] / one['p95']:.2f}x "
        f"the 1x corpus's. Accuracy is the scorer's rule on corpus-dev's labelled questions (in-sample for the "
        f"shipped answer model, so only a check that ten times the documents do not change the answers; the "
        f"honest measure is the calibration table above).",
    ]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=10, help="versions of each corpus document at the large size")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--embedder", default="e5", help="e5 (the default deployment) or use")
    parser.add_argument("--no-write", action="store_true", help="print instead of updating bench/RESULTS.md")
    args = parser.parse_args()
    embedder = make_embedder(args.embedder)
    embedder.warm_up()
    labelled = load_calibration_questions("corpus-dev")
    with tempfile.TemporaryDirectory(prefix="bench-corpus-") as tmp:
        workdir = Path(tmp)
        rows = [run_index(workdir, name, copies, embedder, labelled, args.rounds)
                for name, copies in (("seed only", 0), ("1x corpus", 1), (f"{args.copies}x corpus", args.copies))]
    body = report(rows, args.copies, args.rounds, len(labelled) + len(SEED_QUESTIONS), args.embedder)
    print(body)
    if not args.no_write:
        write_section(TITLE, body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
