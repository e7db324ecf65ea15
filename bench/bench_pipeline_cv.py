"""The whole pipeline under cross-validation: the issue's measure on dev + dev2 (and the other calibration sets).

`python -m retrieval calibrate` cross-validates the learned ranking and gate alone (its best candidate, composed,
checked). The bot answers through more than that: the kind checks, the choosers, multi-part messages, metadata
and section answers. Here every non-held-out calibration question is answered by the real `Assistant.answer` with a
decision model fitted, gate and threshold included, on the other four folds (the same fold assignment as
calibrate's report), and scored by the eval check. The rules themselves were written over many sessions while
reading dev2's failures, so they are not cross-validated; the fresh questions (`bench/bench_fresh.py`) are the
measure nobody fitted anything on. Writes its section of bench/RESULTS.md.

Run: .venv/bin/python bench/bench_pipeline_cv.py
"""
from __future__ import annotations

import sys
from contextlib import ExitStack
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.results import write_section  # noqa: E402
from retrieval.calibrate import (FOLDS, fit_decision, fold_of, label_questions, passes,  # noqa: E402
                                 read_questions, throwaway_assistant)
from retrieval.embedders import make_embedder  # noqa: E402
from retrieval.settings import CoreSettings  # noqa: E402

TODAY = date(2026, 1, 1)  # as calibrate labels: every deadline of the seed page has passed


def scores(rows: list[tuple[dict, bool, bool, bool]]) -> tuple[float, float, float, int, int]:
    """(accuracy, refusal, attribution, right, questions) of (question, found, passes, attributed) rows.

    Attribution is the eval scorer's: an answered question whose first source is the right article, whether or
    not the answer text holds every expected fact.
    """
    answerable = [r for r in rows if r[0]["answerable"]]
    unanswerable = [r for r in rows if not r[0]["answerable"]]
    right = sum(f and ok for _, f, ok, _ in answerable)
    attributed = sum(f and a for _, f, _, a in answerable)
    refused = sum(not f for _, f, _, _ in unanswerable)
    return (right / max(len(answerable), 1), refused / max(len(unanswerable), 1),
            attributed / max(len(answerable), 1), right + refused, len(rows))


def main() -> None:
    settings = CoreSettings()
    embedder = make_embedder(settings.embedder)
    sets_dir = settings.knowledge_dir / "calibration"
    folders = sorted(p for p in sets_dir.iterdir() if (p / "questions.jsonl").exists())
    rows: list[tuple[dict, bool, bool, bool]] = []
    with ExitStack() as stack:
        opened = []
        for folder in folders:
            assistant = stack.enter_context(throwaway_assistant(folder, settings, embedder))
            questions = read_questions(folder)
            opened.append((assistant, questions, label_questions(assistant.answerer, questions)))
        train = [it for _, _, labelled in opened for it in labelled if not it.holdout]
        folds = fold_of(train)
        models = [fit_decision([it for it in train if folds[it.qid] != f], embedder.name) for f in range(FOLDS)]
        for assistant, questions, _ in opened:
            for q in questions:
                if q["id"] not in folds:
                    continue  # the held-out fifth: calibrate scores it with the shipped model
                assistant.answerer.model = models[folds[q["id"]]]
                answer = assistant.answer(q["question"], today=TODAY)
                title = answer.sources[0].title if answer.sources else ""
                ok, attributed = passes(q, answer.answer, title) if answer.found else (False, False)
                rows.append((q, answer.found, ok, attributed))
    groups = {"dev + dev2": ("dev", "dev2")}
    for row in rows:
        groups.setdefault(row[0]["id"].split("-")[0], (row[0]["id"].split("-")[0],))
    lines = ["| questions (cross-validated, whole pipeline) | accuracy | refusal | attribution | right |",
             "|---|---|---|---|---|"]
    for name, prefixes in [("all", None), *groups.items()]:
        sub = [r for r in rows if prefixes is None or r[0]["id"].split("-")[0] in prefixes]
        acc, ref, att, right, n = scores(sub)
        lines.append(f"| {name} ({n}) | {acc:.2f} | {ref:.2f} | {att:.2f} | {right} |")
        print(lines[-1])
    about = __doc__.split("\n\n")[1].replace("\n", " ").replace(" Writes its section of bench/RESULTS.md.", "")
    thresholds = ", ".join(f"{m.threshold:.2f}" for m in models)
    body = f"{about}\n\nFold thresholds: {thresholds}.\n\n" + "\n".join(lines)
    write_section("The whole pipeline under cross-validation (`bench/bench_pipeline_cv.py`)", body)


if __name__ == "__main__":
    main()
