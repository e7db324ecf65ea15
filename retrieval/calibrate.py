"""`python -m retrieval calibrate`: fit the answer decision on labelled questions and report it honestly.

Each labelled set is a folder under knowledge/calibration/: `questions.jsonl` ({id, question, answerable,
expect, forbid, source}, the eval format) and optionally `documents/` loaded next to knowledge/documents (a
.docx or .pdf is uploaded as an admin uploads it, with the title and date of its twin .txt). For
every set a throwaway index is built; every (question, candidate) pair gets features and a label (the answer
composed from that candidate passes the set's check). A fifth of the questions (by a hash of the id) is held
out of every fit and threshold choice; the rest is cross-validated with folds over questions. The model fitted
on all non-held-out questions, with the threshold chosen on out-of-fold predictions, is written as JSON.
"""
from __future__ import annotations

import hashlib
import json
import logging
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np

from retrieval.decision import GATE_FEATURES, DecisionModel, fit_listwise, fit_logistic, gate_vector, model_path
from retrieval.features import FEATURES
from retrieval.settings import CoreSettings

log = logging.getLogger(__name__)
FOLDS = 5
HOLDOUT_SHARE = 5  # one question in five
LLM_RECALL = 0.75
FAMILIES = {
    "dense": ("dense", "dense_gap", "dense_rank", "english_dense"),
    "word coverage": ("cover_context", "cover_own", "missing_rare", "bigram_cover", "title_cover",
                      "missing_known", "unknown_share", "focus_cover", "numbers_missing"),
    "answer kind": ("kind_hint", "meta_match", "meta_unasked", "question_sentence", "hard_kind_met"),
    "scope": ("place_about", "local_no_place"),
    "shape": ("length", "is_item", "english"),
}
_TODAY = date(2026, 1, 1)


@dataclass
class Labelled:
    """One question's candidates: features, whether each answers correctly, and whether each is attributed."""

    qid: str
    group: str  # the set it came from, for per-set reports
    answerable: bool
    rows: np.ndarray
    correct: np.ndarray
    attributed: np.ndarray
    eligible: np.ndarray
    holdout: bool = False
    extra: dict = field(default_factory=dict)
    lists: list[str] = field(default_factory=list)  # per candidate, the list it is an item of


def is_held_out(question_id: str) -> bool:
    """One labelled question in five, fixed by its id, is never used for fitting or choosing thresholds."""
    return int(hashlib.sha256(question_id.encode()).hexdigest(), 16) % HOLDOUT_SHARE == 0


def passes(question: dict, answer_text: str, first_title: str) -> tuple[bool, bool]:
    """The eval check of one answer: every expect group present, no forbidden text, short; and attribution."""
    text = answer_text.lower()
    ok = all(any(alt.lower() in text for alt in group) for group in question.get("expect", []))
    ok = ok and not any(s.lower() in text for s in question.get("forbid", [])) and len(answer_text) <= 500
    return ok, question.get("source", "") in first_title


def read_questions(folder: Path) -> list[dict]:
    """A labelled set's questions (questions.jsonl, the eval format)."""
    return [json.loads(line) for line in (folder / "questions.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]


@contextmanager
def throwaway_assistant(folder: Path, settings: CoreSettings, embedder) -> Iterator:
    """An Assistant over a throwaway index of knowledge/documents plus the set's documents."""
    from retrieval.library import load_folder
    from retrieval.rebuild import build_index
    from retrieval.service import Assistant

    with tempfile.TemporaryDirectory(prefix="calibrate-") as tmp:
        knowledge = Path(tmp) / "knowledge"
        shutil.copytree(settings.knowledge_dir / "documents", knowledge / "documents")
        for name in ("synonyms.yaml", "deadlines.yaml"):
            if (settings.knowledge_dir / name).exists():
                shutil.copy(settings.knowledge_dir / name, knowledge / name)
        if (folder / "documents").is_dir():
            load_folder(folder / "documents", knowledge / "documents")
        local = settings.model_copy(update={"knowledge_dir": knowledge, "data_dir": Path(tmp) / "data",
                                            "chroma_host": None})
        build_index(local, embedder)
        yield Assistant.open(local, build_if_missing=False)


def label_questions(answerer, questions: list[dict]) -> list[Labelled]:
    """Every (question, candidate) pair's features and whether the answer composed from it passes the check."""
    out = []
    for q in questions:
        exam = answerer.examine(q["question"])
        correct, attributed = [], []
        for i in exam.indices:
            answer = answerer.compose(exam, answerer.chunks[i], _TODAY)
            ok, attr = passes(q, answer.answer, answer.sources[0].title) if q["answerable"] else (False, False)
            correct.append(ok)
            attributed.append(attr)
        out.append(Labelled(
            qid=q["id"], group=q["id"].split("-")[0], answerable=bool(q["answerable"]),
            rows=np.asarray(exam.rows, dtype=np.float64).reshape(-1, len(FEATURES)),
            correct=np.asarray(correct, dtype=bool), attributed=np.asarray(attributed, dtype=bool),
            eligible=np.asarray(exam.eligible, dtype=bool),
            holdout=is_held_out(q["id"]), lists=answerer.list_keys(exam)))
    return out


def label_set(folder: Path, settings: CoreSettings, embedder) -> list[Labelled]:
    """Build a throwaway index of knowledge/documents plus the set's documents and label its questions."""
    with throwaway_assistant(folder, settings, embedder) as assistant:
        return label_questions(assistant.answerer, read_questions(folder))


def _fit(items: list[Labelled], mask: np.ndarray | None = None):
    """The ranking model: the average of a pointwise logistic fit and a listwise (softmax per question) fit on
    the same standardised features; better on held-out questions than either alone (bench/RESULTS.md)."""
    x = np.vstack([it.rows for it in items if len(it.rows)])
    y = np.concatenate([it.correct for it in items if len(it.rows)]).astype(float)
    if mask is not None:
        x = x * mask
    mean, scale, w, b = fit_logistic(x, y)
    lists = [((it.rows * mask if mask is not None else it.rows)[it.eligible], it.correct[it.eligible])
             for it in items if it.answerable and len(it.rows)]
    return mean, scale, (w + fit_listwise(x, lists)) / 2, b / 2


def _probabilities(it: Labelled, params, mask: np.ndarray | None) -> np.ndarray:
    mean, scale, w, b = params
    x = it.rows * mask if mask is not None else it.rows
    return 1 / (1 + np.exp(-(((x - mean) / scale) @ w + b)))


def _best(items: list[Labelled], params, mask: np.ndarray | None) -> list[tuple[np.ndarray | None, bool, bool]]:
    """Per question: (gate vector of the best eligible candidate or None, is it correct, is it attributed)."""
    out = []
    for it in items:
        if not len(it.rows) or not it.eligible.any():
            out.append((None, False, False))
            continue
        p = _probabilities(it, params, mask)
        k = int(np.argmax(np.where(it.eligible, p, -1.0)))
        x = it.rows * mask if mask is not None else it.rows
        out.append((gate_vector(p, it.eligible, x, k, it.lists or None), bool(it.correct[k]), bool(it.attributed[k])))
    return out


def _order(items: list[Labelled]) -> list[int]:
    return sorted(range(len(items)), key=lambda i: hashlib.sha256(items[i].qid.encode()).hexdigest())


def _out_of_fold(items: list[Labelled], mask: np.ndarray | None) -> list:
    """Best-candidate results of each question from a ranking model that did not see it."""
    order = _order(items)
    best: list = [None] * len(items)
    for fold in range(FOLDS):
        test = [i for n, i in enumerate(order) if n % FOLDS == fold]
        params = _fit([items[i] for n, i in enumerate(order) if n % FOLDS != fold], mask)
        for i, r in zip(test, _best([items[i] for i in test], params, mask)):
            best[i] = r
    return best


def _fit_gate(best: list) -> tuple:
    rows = [(v, ok) for v, ok, _ in best if v is not None]
    x = np.vstack([v for v, _ in rows])
    y = np.asarray([ok for _, ok in rows], dtype=float)
    return fit_logistic(x, y, l2=2.0)


def _gated(best: list, gate) -> list[tuple[float, bool, bool]]:
    mean, scale, w, b = gate
    return [(0.0 if v is None else float(1 / (1 + np.exp(-(((v - mean) / scale) @ w + b)))), ok, attr)
            for v, ok, attr in best]


def _scores(items: list[Labelled], best: list[tuple[float, bool, bool]], threshold: float) -> dict:
    right = attributed = refused = answerable = unanswerable = 0
    for it, (p, ok, attr) in zip(items, best):
        answered = p >= threshold
        if it.answerable:
            answerable += 1
            right += answered and ok
            attributed += answered and attr
        else:
            unanswerable += 1
            refused += not answered
    return {"accuracy": right / answerable if answerable else 1.0,
            "refusal": refused / unanswerable if unanswerable else 1.0,
            "attribution": attributed / answerable if answerable else 1.0,
            "questions": len(items), "correct": right + refused}


def choose_threshold(items: list[Labelled], best: list[tuple[float, bool, bool]]) -> float:
    """The threshold with the best balance of answered-right and refused-right (ties: middle of the range)."""
    grid = np.linspace(0.05, 0.95, 91)
    totals = []
    for t in grid:
        s = _scores(items, best, t)
        totals.append(round(s["accuracy"] + s["refusal"], 6))
    top = max(totals)
    winners = [t for t, s in zip(grid, totals) if s == top]
    return float(winners[len(winners) // 2])


def choose_llm_floor(items: list[Labelled], best: list[tuple[float, bool, bool]], threshold: float) -> float:
    """The looser floor for an LLM: lets through LLM_RECALL of the questions the gate wrongly refuses although
    their best candidate is right (the LLM itself says 资料中没有 for the unanswerable ones it gets)."""
    missed = sorted(p for it, (p, ok, _) in zip(items, best) if it.answerable and ok and p < threshold)
    if not missed:
        return threshold
    return float(np.quantile(missed, 1 - LLM_RECALL))


def _llm_share(items: list[Labelled], best: list[tuple[float, bool, bool]], floor: float, threshold: float) -> dict:
    """How many questions of each kind would reach an LLM at this floor."""
    ans = [p >= floor for it, (p, ok, _) in zip(items, best) if it.answerable and ok and p < threshold]
    unans = [p >= floor for it, (p, _, _) in zip(items, best) if not it.answerable]
    return {"floor": round(floor, 3), "refused_right_passed": sum(ans) / len(ans) if ans else 1.0,
            "unanswerable_passed": sum(unans) / len(unans) if unans else 0.0}


def cross_validate(items: list[Labelled], mask: np.ndarray | None = None) -> tuple[list, list[float]]:
    """Out-of-fold gated results (folds over questions; ranking, gate and threshold fitted inside each fold)."""
    order = _order(items)
    best: list = [None] * len(items)
    thresholds = []
    for fold in range(FOLDS):
        test = [i for n, i in enumerate(order) if n % FOLDS == fold]
        train = [items[i] for n, i in enumerate(order) if n % FOLDS != fold]
        inner = _out_of_fold(train, mask)
        gate = _fit_gate(inner)
        t = choose_threshold(train, _gated(inner, gate))
        thresholds.append(t)
        params = _fit(train, mask)
        for i, r in zip(test, _gated(_best([items[i] for i in test], params, mask), gate)):
            best[i] = r
    return best, thresholds


def fold_of(items: list[Labelled]) -> dict[str, int]:
    """Each question's fold (by a hash of its id), as cross_validate assigns them."""
    return {items[i].qid: n % FOLDS for n, i in enumerate(_order(items))}


def fit_decision(train: list[Labelled], embedder: str) -> DecisionModel:
    """The ranking model, the gate on its out-of-fold best candidates and the threshold, fitted on `train` only."""
    inner = _out_of_fold(train, None)
    gate = _fit_gate(inner)
    threshold = choose_threshold(train, _gated(inner, gate))
    return _model(embedder, _fit(train), gate, threshold, threshold, {})


def _model(embedder: str, params, gate, threshold: float, llm_floor: float, report: dict) -> DecisionModel:
    mean, scale, w, b = params
    gm, gs, gw, gb = gate
    return DecisionModel(embedder=embedder, features=list(FEATURES), mean=mean.tolist(), scale=scale.tolist(),
                         weights=w.tolist(), bias=b, threshold=threshold, llm_floor=llm_floor, report=report,
                         gate_features=list(GATE_FEATURES), gate_mean=gm.tolist(), gate_scale=gs.tolist(),
                         gate_weights=gw.tolist(), gate_bias=gb)


def calibrate(settings: CoreSettings, embedder, sets_dir: Path) -> DecisionModel:
    """Label every set, cross-validate, score the held-out fifth, fit the final model and write it."""
    items: list[Labelled] = []
    for folder in sorted(p for p in sets_dir.iterdir() if (p / "questions.jsonl").exists()):
        log.info("labelling %s", folder.name)
        items += label_set(folder, settings, embedder)
    train = [it for it in items if not it.holdout]
    held = [it for it in items if it.holdout]
    cv, thresholds = cross_validate(train)
    inner = _out_of_fold(train, None)
    gate = _fit_gate(inner)
    threshold = choose_threshold(train, _gated(inner, gate))
    llm_floor = choose_llm_floor(train, cv, threshold)  # out-of-fold gate too: the refused side is honest
    report: dict = {"questions": len(items), "held_out": len(held), "folds": FOLDS,
                    "cross_validated": {"all": _scores(train, cv, float(np.median(thresholds)))},
                    "fold_thresholds": thresholds}
    for group in sorted({it.group for it in train}):
        sub = [(it, r) for it, r in zip(train, cv) if it.group == group]
        report["cross_validated"][group] = _scores([s[0] for s in sub], [s[1] for s in sub],
                                                   float(np.median(thresholds)))
    params = _fit(train)
    held_best = _gated(_best(held, params, None), gate)
    report["held_out"] = {"all": _scores(held, held_best, threshold)}
    report["llm_floor"] = {"cross_validated": _llm_share(train, cv, llm_floor, float(np.median(thresholds))),
                           "held_out": _llm_share(held, held_best, llm_floor, threshold)}
    for group in sorted({it.group for it in held}):
        sub = [(it, r) for it, r in zip(held, held_best) if it.group == group]
        report["held_out"][group] = _scores([s[0] for s in sub], [s[1] for s in sub], threshold)
    report["ablation"] = {}
    for family, names in FAMILIES.items():
        mask = np.asarray([0.0 if f in names else 1.0 for f in FEATURES])
        best, ts = cross_validate(train, mask)
        report["ablation"][family] = _scores(train, best, float(np.median(ts)))
    model = _model(embedder.name, params, gate, threshold, llm_floor, report)
    model.save(model_path(settings.knowledge_dir, embedder.name))
    return model


def format_report(report: dict) -> str:
    """The report as lines a person reads."""
    def line(name: str, s: dict) -> str:
        return (f"  {name:<14} accuracy {s['accuracy']:.2f}  refusal {s['refusal']:.2f}  "
                f"attribution {s['attribution']:.2f}  ({s['questions']} questions)")

    out = [f"cross-validated ({report['folds']} folds over questions, held-out fifth excluded):"]
    out += [line(k, v) for k, v in report["cross_validated"].items()]
    out.append("held-out fifth (never used for fitting or thresholds):")
    out += [line(k, v) for k, v in report["held_out"].items()]
    for name, s in report.get("llm_floor", {}).items():
        out.append(f"LLM floor {s['floor']:.2f} ({name}): passes {s['refused_right_passed']:.2f} of the questions the "
                   f"gate refuses although their best candidate is right, {s['unanswerable_passed']:.2f} of "
                   "unanswerable ones")
    out.append("ablation (cross-validated, one feature family off):")
    out += [line(k, v) for k, v in report["ablation"].items()]
    return "\n".join(out)
