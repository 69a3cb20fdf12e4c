"""A small multinomial logistic regression over the triage features, with per-feature reasons.

Trained by `agents/triage/train.py` (numpy, full-batch, deterministic) and shipped as
`weights.json`; loading needs no network and no library beyond numpy.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from agents.triage.features import Features

WEIGHTS_PATH = Path(__file__).parent / "weights.json"


def is_named(feature: str) -> bool:
    """Named features (cues, magnitude buckets) as opposed to raw n-grams."""
    return not feature.startswith(("w:", "b:", "c:"))


@dataclass(frozen=True)
class Scaling:
    """How strongly each feature family counts before the weights apply."""

    named: float = 1.0
    ngram: float = 1.0

    def vector(self, features: Features, index: dict[str, int]) -> dict[int, float]:
        grams = [f for f in features.values if not is_named(f) and f in index]
        norm = self.ngram / math.sqrt(len(grams)) if grams else 0.0
        out: dict[int, float] = {}
        for name, value in features.values.items():
            if name not in index:
                continue
            out[index[name]] = self.named * value if is_named(name) else norm * min(value, 1.0)
        return out


@dataclass
class LinearModel:
    """Weights for one label (severity or type) over a shared vocabulary."""

    classes: list[str]
    vocabulary: list[str]
    weights: np.ndarray  # (classes, vocabulary)
    bias: np.ndarray  # (classes,)
    scaling: Scaling
    # Ordered classes (SEV1 < SEV2 < ...): answer the median of the distribution, which minimises
    # the expected distance in levels; argmax otherwise.
    ordinal: bool = False

    def __post_init__(self) -> None:
        self.index = {name: i for i, name in enumerate(self.vocabulary)}

    def scores(self, features: Features) -> tuple[np.ndarray, dict[int, float]]:
        x = self.scaling.vector(features, self.index)
        logits = self.bias.copy()
        for i, value in x.items():
            logits += self.weights[:, i] * value
        return logits, x

    def predict(self, features: Features) -> tuple[str, np.ndarray, list[tuple[str, float]]]:
        """The class, the probabilities and each feature's pull towards that class, largest first."""
        logits, x = self.scores(features)
        exp = np.exp(logits - logits.max())
        probabilities = exp / exp.sum()
        if self.ordinal:
            best = min(int(np.searchsorted(np.cumsum(probabilities), 0.5)), len(self.classes) - 1)
        else:
            best = int(np.argmax(logits))
        pulls = []
        for i, value in x.items():
            column = self.weights[:, i]
            pull = value * (column[best] - column.mean())
            if pull > 0:
                pulls.append((self.vocabulary[i], float(pull)))
        pulls.sort(key=lambda item: -item[1])
        return self.classes[best], probabilities, pulls

    def to_json(self) -> dict:
        rows = {}
        for i, name in enumerate(self.vocabulary):
            rows[name] = [round(float(w), 4) for w in self.weights[:, i]]
        return {"classes": self.classes, "bias": [round(float(b), 4) for b in self.bias],
                "scaling": {"named": self.scaling.named, "ngram": self.scaling.ngram},
                "ordinal": self.ordinal,
                "weights": rows}

    @classmethod
    def from_json(cls, data: dict) -> LinearModel:
        vocabulary = list(data["weights"])
        weights = np.array([data["weights"][name] for name in vocabulary], dtype=float).T
        if not vocabulary:
            weights = np.zeros((len(data["classes"]), 0))
        return cls(list(data["classes"]), vocabulary, weights, np.array(data["bias"], dtype=float),
                   Scaling(**data["scaling"]), bool(data.get("ordinal", False)))


@dataclass
class TriageModel:
    severity: LinearModel
    incident_type: LinearModel
    trained_on: str

    def save(self, path: Path = WEIGHTS_PATH) -> None:
        data = {"trained_on": self.trained_on, "severity": self.severity.to_json(),
                "incident_type": self.incident_type.to_json()}
        path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n",
                        encoding="utf-8")

    @classmethod
    def load(cls, path: Path = WEIGHTS_PATH) -> TriageModel:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(LinearModel.from_json(data["severity"]),
                   LinearModel.from_json(data["incident_type"]), data["trained_on"])


def fit(rows: list[dict[int, float]], labels: list[int], n_features: int, n_classes: int,
        l2: float, iterations: int = 400, rate: float = 0.5) -> tuple[np.ndarray, np.ndarray]:
    """Softmax regression by full-batch gradient descent with momentum; deterministic."""
    x = np.zeros((len(rows), n_features))
    for r, row in enumerate(rows):
        for i, value in row.items():
            x[r, i] = value
    y = np.zeros((len(rows), n_classes))
    y[np.arange(len(rows)), labels] = 1.0
    # Classes weighted by inverse frequency so the rare SEV1 and SEV4 are not drowned out.
    counts = y.sum(axis=0)
    sample_weight = (len(rows) / (n_classes * np.maximum(counts, 1)))[labels]
    w = np.zeros((n_classes, n_features))
    b = np.zeros(n_classes)
    vw, vb = np.zeros_like(w), np.zeros_like(b)
    total = sample_weight.sum()
    for _ in range(iterations):
        logits = x @ w.T + b
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(axis=1, keepdims=True)
        error = (p - y) * sample_weight[:, None] / total
        gw = error.T @ x + l2 * w
        gb = error.sum(axis=0)
        vw = 0.9 * vw + gw
        vb = 0.9 * vb + gb
        w -= rate * vw
        b -= rate * vb
    return w, b
