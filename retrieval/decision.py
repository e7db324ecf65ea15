"""The learned answer decision: a logistic model over pair features that ranks candidates, and the threshold
below which the best candidate is not an answer. Fitted by `python -m retrieval calibrate`, stored as JSON."""
from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from retrieval.features import FEATURES

log = logging.getLogger(__name__)
# The answer/refuse gate looks at the best candidate only: how sure the ranking is, by how much it beats the
# runner-up, and whether the words the question turns on are really there.
GATE_FEATURES = ("p_best", "margin", "eligible_share", "p_over_all", "dense", "cover_own", "cover_context", "missing_known", "unknown_share",
                 "focus_cover", "numbers_missing", "missing_rare", "kind_hint", "english", "bigram_cover",
                 "title_cover", "meta_match", "hard_kind_met")
_INDEX = {f: i for i, f in enumerate(FEATURES)}


def gate_vector(probabilities: np.ndarray, eligible: list[bool] | np.ndarray, rows: np.ndarray, k: int,
                lists: list[str] | None = None) -> np.ndarray:
    """The gate's view of candidate k: its ranking probability, margin over the next eligible rival, its features.
    Items of the same list (`lists`: a key per candidate, "" for none) are not rivals of each other."""
    same = (lambda j: bool(lists[k]) and lists[j] == lists[k]) if lists else (lambda j: False)
    others = [probabilities[j] for j in range(len(probabilities)) if j != k and eligible[j] and not same(j)]
    p = float(probabilities[k])
    # How much the asked kind (a date, an amount…) narrowed the pool, and how the best eligible candidate
    # compares with the best of all: a kind-filtered survivor is stronger evidence than its rank alone says.
    values = {"p_best": p, "margin": p - (max(others) if others else 0.0),
              "eligible_share": float(np.mean(eligible)) if len(eligible) else 0.0,
              "p_over_all": p - float(np.max(probabilities))}
    return np.asarray([values[f] if f in values else rows[k][_INDEX[f]] for f in GATE_FEATURES], dtype=np.float64)


@dataclass
class DecisionModel:
    """Standardised logistic regression plus the answer threshold, for one embedder."""

    embedder: str
    features: list[str]
    mean: list[float]
    scale: list[float]
    weights: list[float]
    bias: float
    threshold: float
    llm_floor: float  # with an LLM configured, refused questions at least this answerable still reach it
    report: dict = field(default_factory=dict)
    gate_features: list[str] = field(default_factory=lambda: list(GATE_FEATURES))
    gate_mean: list[float] = field(default_factory=lambda: [0.0] * len(GATE_FEATURES))
    gate_scale: list[float] = field(default_factory=lambda: [1.0] * len(GATE_FEATURES))
    gate_weights: list[float] = field(default_factory=lambda: [1.0 if f == "p_best" else 0.0 for f in GATE_FEATURES])
    gate_bias: float = 0.0

    def probabilities(self, matrix: np.ndarray) -> np.ndarray:
        """P(candidate answers the question) for each row."""
        if matrix.size == 0:
            return np.zeros(0)
        z = (matrix - np.asarray(self.mean)) / np.asarray(self.scale)
        return 1.0 / (1.0 + np.exp(-(z @ np.asarray(self.weights) + self.bias)))

    def answerability(self, vector: np.ndarray) -> float:
        """P(the best candidate is a correct answer), from its gate vector."""
        z = (vector - np.asarray(self.gate_mean)) / np.asarray(self.gate_scale)
        return float(1.0 / (1.0 + np.exp(-(z @ np.asarray(self.gate_weights) + self.gate_bias))))

    def save(self, path: Path) -> None:
        """Write the model as readable JSON (atomic)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(asdict(self), ensure_ascii=False, indent=1), encoding="utf-8")
        tmp.replace(path)


def model_path(knowledge_dir: Path, embedder: str) -> Path:
    """Where the fitted decision for one embedder lives (knowledge/models/answer-<embedder>.json)."""
    safe = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in embedder)
    return knowledge_dir / "models" / f"answer-{safe}.json"


def load_model(knowledge_dir: Path, embedder: str) -> DecisionModel:
    """The fitted model for this embedder; else the e5 one with a warning; else neutral defaults."""
    for name in (embedder, "e5"):
        path = model_path(knowledge_dir, name)
        if path.exists():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                model = DecisionModel(**data)
            except (ValueError, TypeError) as exc:
                log.error("answer model %s unreadable (%s): using defaults", path, exc)
                break
            if model.features != list(FEATURES) or model.gate_features != list(GATE_FEATURES):
                log.error("answer model %s has other features: re-run python -m retrieval calibrate", path)
                break
            if name != embedder:
                log.warning("no answer model for embedder %s: using the e5 one; run python -m retrieval calibrate",
                            embedder)
            return model
    return default_model(embedder)


def default_model(embedder: str) -> DecisionModel:
    """A hand-set fallback: word coverage and similarity, used only until a model is calibrated."""
    weights = {"cover_context": 2.0, "cover_own": 1.0, "dense_gap": 1.0, "dense_rank": 0.5,
               "missing_rare": -1.0, "question_sentence": -2.0, "meta_unasked": -2.0}
    return DecisionModel(embedder=embedder, features=list(FEATURES), mean=[0.0] * len(FEATURES),
                         scale=[1.0] * len(FEATURES), weights=[weights.get(f, 0.0) for f in FEATURES],
                         bias=-2.0, threshold=0.5, llm_floor=0.3, gate_bias=-2.0,
                         gate_weights=[4.0 if f == "p_best" else 0.0 for f in GATE_FEATURES])


def standardisation(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Column means and standard deviations (1 for constant columns)."""
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    return x.mean(axis=0), scale


def fit_logistic(x: np.ndarray, y: np.ndarray, *, l2: float = 1.0, steps: int = 400,
                 positive_weight: float | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """Standardise and fit L2-regularised logistic regression by Newton steps; returns mean, scale, w, b."""
    mean, scale = standardisation(x)
    z = np.hstack([(x - mean) / scale, np.ones((len(x), 1))])
    if positive_weight is None:
        positive_weight = max(1.0, (len(y) - y.sum()) / max(y.sum(), 1.0)) ** 0.5
    sample = np.where(y > 0, positive_weight, 1.0)
    w = np.zeros(z.shape[1])
    reg = np.full(z.shape[1], l2)
    reg[-1] = 0.0
    for _ in range(min(steps, 50)):
        p = 1.0 / (1.0 + np.exp(-(z @ w)))
        grad = z.T @ (sample * (p - y)) + reg * w
        hess = (z * (sample * p * (1 - p))[:, None]).T @ z + np.diag(reg + 1e-6)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-6:
            break
    return mean, scale, w[:-1], float(w[-1])


def fit_listwise(x: np.ndarray, lists: list[tuple[np.ndarray, np.ndarray]], *, l2: float = 1.0) -> np.ndarray:
    """Weights of a softmax over each question's candidates that puts its mass on the right ones (x: all rows,
    for the standardisation; lists: per question, its candidate rows and which are right)."""
    from scipy.optimize import minimize

    mean, scale = standardisation(x)
    groups = [((rows - mean) / scale, right.astype(float)) for rows, right in lists if right.any()]

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        total, grad = 0.5 * l2 * w @ w, l2 * w
        for z, right in groups:
            s = z @ w
            e = np.exp(s - s.max())
            p_all = e / e.sum()
            p_right = e * right / (e * right).sum()
            total += np.log(e.sum()) - np.log((e * right).sum())
            grad = grad + z.T @ (p_all - p_right)
        return float(total), grad

    return minimize(loss, np.zeros(x.shape[1]), jac=True, method="L-BFGS-B").x
