"""Benchmark of index builds and admin refreshes: build time and throughput (chunks/s) for the seed and for
synthetic corpora 10x and 100x its size, incremental rebuild after changing one document, no-change rebuild,
and question latency p50/p95 at each size. Writes its section of bench/RESULTS.md.

Synthetic documents are generated here (into a temporary folder, never committed): each is the seed's
sentences reshuffled, with places and numbers changed, under a headline made of random dictionary words
so that every document's first sentence is its own (the rebuild's self-check asks it as a question).

Run: .venv/bin/python bench/bench_index.py [--scales 1,10,100] [--rounds 3]
"""
from __future__ import annotations

import argparse
import platform
import random
import re
import shutil
import statistics
import sys
import tempfile
import threading
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_bot import QUESTIONS  # noqa: E402
from bench.results import write_section  # noqa: E402
from retrieval.embedders import make_embedder  # noqa: E402
from retrieval.index import corpus  # noqa: E402
from retrieval.rebuild import BuildReport, rebuild_index  # noqa: E402
from retrieval.service import Assistant  # noqa: E402
from retrieval.settings import PROJECT_ROOT, CoreSettings  # noqa: E402

TITLE = "Index build and admin (`bench/bench_index.py`)"
PLACES = ["苏州", "宁波", "佛山", "东莞", "青岛", "合肥", "长沙", "成都", "西安", "郑州", "泉州", "无锡",
          "常州", "烟台", "潍坊", "襄阳", "洛阳", "株洲", "柳州", "绵阳", "宜宾", "芜湖", "赣州", "台州"]
SEED_PLACE = re.compile(r"人力资源社会保障部|人社部")
NUMBER = re.compile(r"\d+")


def pct(values: list[float], q: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def dictionary_words(rng: random.Random, limit: int = 40000) -> list[str]:
    """Common two-to-four-character nouns and verbs from jieba's dictionary."""
    import jieba

    words = []
    with open(jieba.get_dict_file().name, encoding="utf-8") as handle:
        for line in handle:
            word, freq, tag = line.split()
            if 2 <= len(word) <= 4 and tag in ("n", "v", "vn") and int(freq) > 50:
                words.append(word)
    rng.shuffle(words)
    return words[:limit]


def synthetic_document(k: int, sentences: list[str], words: list[str]) -> str:
    """One made-up local document of about the seed's size, with its own headline."""
    rng = random.Random(k)
    place = rng.choice(PLACES)
    headline = "".join(rng.sample(words, 6)) + f"第{k}号"
    body = [SEED_PLACE.sub(f"{place}市人社局", NUMBER.sub(lambda m: str(rng.randint(2, 99)), s))
            for s in rng.sample(sentences, len(sentences))]
    paragraphs = ["".join(body[i:i + 3]) for i in range(0, len(body), 3)]
    published = date(2025, 7, 1) + timedelta(days=k % 120)
    return (f"---\ntitle: {place}融合发展资料{k}\npublished: {published.isoformat()}\npublisher: {place}市人社局\n"
            f"---\n{headline}\n\n{headline}。" + "\n\n".join(paragraphs) + "\n")


def make_corpus(folder: Path, scale: int, sentences: list[str], words: list[str]) -> None:
    """knowledge/ with the seed plus scale-1 synthetic documents."""
    shutil.copytree(PROJECT_ROOT / "knowledge", folder)
    for k in range(1, scale):
        (folder / "documents" / f"synthetic-{k:03d}.txt").write_text(
            synthetic_document(k, sentences, words), encoding="utf-8")


def seed_sentences(workdir: Path) -> list[str]:
    """Every sentence chunk of the seed page."""
    settings = CoreSettings(_env_file=None, BOT_DATA_DIR=str(workdir / "probe"))
    return [c.text for c in corpus(settings)[2] if len(c.text) > 8]


def latency(assistant: Assistant, rounds: int) -> tuple[list[float], str]:
    """Milliseconds per question, warm (each question asked once before timing), and the slowest question."""
    for q in QUESTIONS:
        assistant.answer(q)
    took, slowest = [], (0.0, "")
    for _ in range(rounds):
        for q in QUESTIONS:
            started = time.perf_counter()
            assistant.answer(q)
            took.append((time.perf_counter() - started) * 1000)
            slowest = max(slowest, (took[-1], q))
    return took, f"{slowest[1]} ({slowest[0]:.0f} ms)"


def run_scale(workdir: Path, scale: int, embedder, sentences: list[str], words: list[str], rounds: int) -> dict:
    """Full build, no-change rebuild, one-document-changed rebuild and question latency at one size."""
    knowledge = workdir / f"knowledge-{scale}"
    make_corpus(knowledge, scale, sentences, words)
    settings = CoreSettings(_env_file=None, BOT_DATA_DIR=str(workdir / f"data-{scale}"), KNOWLEDGE_DIR=str(knowledge))
    full: BuildReport = rebuild_index(settings, embedder)
    same: BuildReport = rebuild_index(settings, embedder)
    changed: BuildReport | None = None
    if scale > 1:
        target = knowledge / "documents" / "synthetic-001.txt"
        target.write_text(target.read_text(encoding="utf-8") + "\n补充说明：本文件已按最新要求修订。\n",
                          encoding="utf-8")
        changed = rebuild_index(settings, embedder)
    took, slowest = latency(Assistant.open(settings, build_if_missing=False), rounds)
    row = {"settings": settings, "scale": scale, "documents": full.documents, "chunks": full.chunks, "build_s": full.seconds,
           "rate": full.chunks / full.seconds, "same_s": same.seconds, "same_embedded": same.embedded,
           "p50": pct(took, 0.5), "p95": pct(took, 0.95), "questions": len(took),
           "slowest": slowest}
    if changed is not None:
        row.update(changed_s=changed.seconds, changed_embedded=changed.embedded, changed_reused=changed.reused)
    print({k: v for k, v in row.items() if k != "settings"}, file=sys.stderr, flush=True)
    return row


def asked_during_rebuild(settings: CoreSettings, workdir: Path, own_embedder, name: str) -> list[float]:
    """Question latency (ms) while a full rebuild of the same corpus (nothing reusable) runs in another thread,
    embedding with the live Assistant's embedder ("shared") or with a second instance ("own")."""
    live = Assistant.open(settings, build_if_missing=False)
    latency(live, 1)  # warm
    build_embedder = live.embedder if name == "shared" else own_embedder
    fresh = settings.model_copy(update={"data_dir": workdir / f"rebuild-{name}"})
    done = threading.Event()

    def build() -> None:
        try:
            rebuild_index(fresh, build_embedder)
        finally:
            done.set()

    worker = threading.Thread(target=build)
    worker.start()
    took, i = [], 0
    while not done.is_set():
        started = time.perf_counter()
        live.answer(QUESTIONS[i % len(QUESTIONS)])
        took.append((time.perf_counter() - started) * 1000)
        i += 1
    worker.join()
    return took


def embed_rate(embedder, sentences: list[str]) -> float:
    """Chunks per second of the embedder alone (batches of 64), for comparison with whole builds."""
    texts = (sentences * (512 // len(sentences) + 1))[:512]
    started = time.perf_counter()
    for i in range(0, len(texts), 64):
        embedder.embed_documents(texts[i:i + 64])
    return len(texts) / (time.perf_counter() - started)


def report(rows: list[dict], rate: float, rounds: int, embedder: str) -> str:
    """The RESULTS.md section."""
    base = rows[0]
    lines = [
        f"Machine: {platform.machine()}, {len(__import__('os').sched_getaffinity(0))} cores (shared), Python "
        f"{platform.python_version()}; run {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC. Embedder {embedder}, "
        f"embedded Chroma. Synthetic documents: the seed's sentences reshuffled with places and numbers changed "
        f"(generated by the script). Latency: {len(QUESTIONS)} questions x {rounds} rounds, warm, in-process.",
        "",
        "| corpus | documents | chunks | full build s | chunks/s | s per 1000 chunks | no-change rebuild s "
        "| one document changed: s (embedded / reused) | ask p50 ms | ask p95 ms |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        changed = (f"{r['changed_s']:.1f} ({r['changed_embedded']} / {r['changed_reused']})" if "changed_s" in r
                   else "n/a (one document)")
        lines.append(f"| {r['scale']}x | {r['documents']} | {r['chunks']} | {r['build_s']:.1f} | {r['rate']:.0f} "
                     f"| {1000 * r['build_s'] / r['chunks']:.1f} | {r['same_s']:.1f} | {changed} "
                     f"| {r['p50']:.0f} | {r['p95']:.0f} |")
    top = rows[-1]
    lines += [
        "",
        f"Embedder alone (batches of 64, same machine, same time): {rate:.0f} chunks/s, so a whole build cannot "
        f"exceed that; target >= 200 chunks/s: {'met' if max(r['rate'] for r in rows) >= 200 else 'not met'}.",
        f"Linear build cost: {1000 * top['build_s'] / top['chunks']:.1f} s per 1000 chunks at {top['scale']}x vs "
        f"{1000 * rows[1]['build_s'] / rows[1]['chunks']:.1f} at {rows[1]['scale']}x." if len(rows) > 1 else "",
        f"Question p95 at {top['scale']}x is {top['p95'] / base['p95']:.2f}x the p95 at 1x (target <= 2x). "
        "Slowest question per size: " + "; ".join(f"{r['scale']}x: {r['slowest']}" for r in rows) + ".",
        "No-change and one-document rebuilds reuse every unchanged document's vectors: their cost is the new "
        "collection's insert, the self-check and the glossary, not embedding.",
    ]
    return "\n".join(line for line in lines if line is not None)


def during_report(during: dict[str, list[float]], scale: int) -> str:
    """Questions answered while a rebuild runs: the rebuild sharing the live embedder vs its own instance."""
    if not during:
        return ""
    lines = ["", f"Questions asked (one after another) during a full rebuild of the {scale}x corpus, answered from the "
             "old index:", "", "| rebuild's embedder | questions answered | p50 ms | p95 ms | max ms |", "|---|---|---|---|---|"]
    labels = {"shared": "the live Assistant's (one lock)", "own": "its own instance (the bot's IndexManager)"}
    for name, took in during.items():
        lines.append(f"| {labels[name]} | {len(took)} | {pct(took, 0.5):.0f} | {pct(took, 0.95):.0f} "
                     f"| {max(took):.0f} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,10,100")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--during", type=int, default=10,
                        help="measure questions asked during a full rebuild at this scale (0: skip)")
    parser.add_argument("--embedder", default="e5", help="e5 (the default deployment) or use")
    parser.add_argument("--no-write", action="store_true", help="print instead of updating bench/RESULTS.md")
    args = parser.parse_args()
    scales = sorted({int(s) for s in args.scales.split(",")})
    embedder = make_embedder(args.embedder)
    embedder.warm_up()
    with tempfile.TemporaryDirectory(prefix="bench-index-") as tmp:
        workdir = Path(tmp)
        sentences = seed_sentences(workdir)
        words = dictionary_words(random.Random(0))
        rate = embed_rate(embedder, sentences)
        rows = [run_scale(workdir, s, embedder, sentences, words, args.rounds) for s in scales]
        during = {}
        if args.during in scales:
            settings = next(r["settings"] for r in rows if r["scale"] == args.during)
            own = make_embedder(args.embedder)
            own.warm_up()
            for name in ("shared", "own"):
                during[name] = asked_during_rebuild(settings, workdir, own, name)
                print(name, len(during[name]), pct(during[name], 0.95), file=sys.stderr, flush=True)
    body = report(rows, rate, args.rounds, args.embedder) + during_report(during, args.during)
    print(body)
    if not args.no_write:
        write_section(TITLE, body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
