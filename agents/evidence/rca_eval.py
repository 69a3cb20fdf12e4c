"""Root-cause ranking accuracy: AC@k and Avg@k over labelled faults.

AC@k is the share of faults whose true root cause is among the top k of the ranking;
Avg@k is the mean of AC@1..AC@k (the RCAEval/BARO convention). A fault whose root cause is
missing from the ranking counts as a miss at every k.
"""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict, Field


class RankedFault(BaseModel):
    """Where one fault's true root cause landed in the ranking (1-based; None if absent)."""

    model_config = ConfigDict(frozen=True)

    fault_id: str
    group: dict[str, str]
    root_cause: str
    rank: int | None
    top: list[str]
    candidates: int = Field(0, description="how many services were ranked")


class Accuracy(BaseModel):
    """Accuracy of a set of ranked faults; `random_ac3` is what a random ranking would score."""

    faults: int
    ac1: float
    ac3: float
    avg5: float
    random_ac3: float = 0.0


def rank_of(root_cause: str, ranking: list[str]) -> int | None:
    """1-based position of `root_cause` in `ranking`, or None."""
    try:
        return ranking.index(root_cause) + 1
    except ValueError:
        return None


def ac_at(ranks: Iterable[int | None], k: int) -> float:
    """Share of ranks that are <= k (0.0 for no faults)."""
    ranks = list(ranks)
    if not ranks:
        return 0.0
    return sum(1 for r in ranks if r is not None and r <= k) / len(ranks)


def avg_at(ranks: Iterable[int | None], k: int) -> float:
    """Mean of AC@1..AC@k."""
    ranks = list(ranks)
    return sum(ac_at(ranks, j) for j in range(1, k + 1)) / k


def accuracy(faults: Iterable[RankedFault]) -> Accuracy:
    """AC@1, AC@3 and Avg@5 of `faults`."""
    faults = list(faults)
    ranks = [f.rank for f in faults]
    chance = [min(1.0, 3 / f.candidates) for f in faults if f.candidates]
    return Accuracy(
        faults=len(ranks),
        ac1=ac_at(ranks, 1),
        ac3=ac_at(ranks, 3),
        avg5=avg_at(ranks, 5),
        random_ac3=sum(chance) / len(faults) if chance else 0.0,
    )


def accuracy_by(faults: list[RankedFault], key: str) -> dict[str, Accuracy]:
    """Accuracy per value of `group[key]`, keys sorted."""
    values = sorted({f.group[key] for f in faults})
    return {v: accuracy(f for f in faults if f.group[key] == v) for v in values}
