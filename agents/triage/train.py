"""Train the triage model on the corpus's dev split and the seed declarations; write the weights.

    uv run python -m agents.triage.train          # fit on dev, write the weights
    uv run python -m agents.triage.train --cv     # 5-fold cross-validation inside dev only

Deterministic: the same corpus and settings give the same weights. The held-out split is never
read here; `bench/triage_accuracy.py` scores it.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections import Counter
from dataclasses import dataclass

from agents.models import INCIDENT_TYPES, SEVERITIES
from agents.triage.corpus import SEED_PATH, CorpusItem, load_corpus
from agents.triage.features import Features, extract
from agents.triage.model import LinearModel, Scaling, TriageModel, fit, is_named


@dataclass(frozen=True)
class Settings:
    """Tuned by cross-validation on dev (see --cv)."""

    min_count: int = 2
    severity_l2: float = 0.003
    type_l2: float = 0.002
    named_scale: float = 1.0
    ngram_scale: float = 1.5
    iterations: int = 400


SETTINGS = Settings()


def vocabulary(features: list[Features], min_count: int) -> list[str]:
    counts: Counter[str] = Counter()
    for f in features:
        counts.update(f.values.keys())
    return sorted(name for name, n in counts.items() if is_named(name) or n >= min_count)


def train(items: list[CorpusItem], settings: Settings = SETTINGS) -> TriageModel:
    features = [extract(item.text) for item in items]
    vocab = vocabulary(features, settings.min_count)
    scaling = Scaling(named=settings.named_scale, ngram=settings.ngram_scale)
    index = {name: i for i, name in enumerate(vocab)}
    rows = [scaling.vector(f, index) for f in features]

    def one(classes: tuple[str, ...], labels: list[str], l2: float, ordinal: bool) -> LinearModel:
        y = [classes.index(label) for label in labels]
        w, b = fit(rows, y, len(vocab), len(classes), l2, settings.iterations)
        return LinearModel(list(classes), vocab, w, b, scaling, ordinal)

    severity = one(SEVERITIES, [i.severity for i in items], settings.severity_l2, ordinal=True)
    itype = one(INCIDENT_TYPES, [i.type for i in items], settings.type_l2, ordinal=False)
    return TriageModel(severity, itype, trained_on=f"{len(items)} items")


def _fold(item: CorpusItem, folds: int) -> int:
    return int(hashlib.sha256(f"fold:{item.id}".encode()).hexdigest()[:8], 16) % folds


def cross_validate(items: list[CorpusItem], settings: Settings, folds: int = 5,
                   always: list[CorpusItem] | None = None) -> dict[str, float]:
    """Scores on each fold of `items` of a model trained on the other folds plus `always`."""
    exact = within = type_right = sev1_hit = sev1_total = 0
    for k in range(folds):
        train_items = [i for i in items if _fold(i, folds) != k] + list(always or [])
        test_items = [i for i in items if _fold(i, folds) == k]
        model = train(train_items, settings)
        for item in test_items:
            f = extract(item.text)
            severity = model.severity.predict(f)[0]
            itype = model.incident_type.predict(f)[0]
            exact += severity == item.severity
            within += abs(SEVERITIES.index(severity) - SEVERITIES.index(item.severity)) <= 1
            type_right += itype == item.type
            if item.severity == "SEV1":
                sev1_total += 1
                sev1_hit += severity == "SEV1"
    n = len(items)
    return {"exact": exact / n, "within_one": within / n, "type": type_right / n,
            "sev1_recall": sev1_hit / max(sev1_total, 1)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cv", action="store_true", help="cross-validate on dev, write nothing")
    args = parser.parse_args(argv)
    dev = load_corpus(split="dev")
    seed = load_corpus(SEED_PATH)
    if args.cv:
        scores = cross_validate(dev, SETTINGS, always=seed)
        print(" ".join(f"{k}={v:.3f}" for k, v in scores.items()))
        return 0
    model = train(dev + seed)
    model.save()
    print(f"trained on {len(dev)} dev and {len(seed)} seed items; "
          f"vocabulary {len(model.severity.vocabulary)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
