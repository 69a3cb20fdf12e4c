"""What a metric measures and which way is bad, guessed from its name.

The anomaly scan needs direction knowledge: a success rate that drops is bad, a latency or CPU
figure that rises is bad, traffic is suspicious either way. Names are matched by the golden-signal
family they belong to (errors, latency, saturation, traffic); callers can override any guess with
an explicit `MetricKind`.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Family = Literal["errors", "latency", "saturation", "traffic", "other"]
Direction = Literal["up", "down", "both"]

HEALTH_FAMILIES: tuple[Family, ...] = ("errors", "latency", "saturation", "traffic")


class MetricKind(BaseModel):
    """How to read one metric: its family, the direction that hurts, its noise floor and weight.

    `min_scale` is the smallest spread (in the metric's own unit) the scan will divide by, so a
    perfectly flat baseline does not turn a tiny wiggle into an enormous z-score; `rel_floor`
    (a share of |baseline median|, None = the scan's default) does the same in a unit-free way.
    Ratios pinned near their ceiling, like a 99.9 % success rate, need a much smaller one than
    CPU or latency do: a drop from 99.5 % to 80 % is a 20-point outage, not a 20 % wobble.
    `weight` is how strongly an anomaly here points at this service as the root cause: 1 for
    what the service does itself (its CPU, the latency it serves or its callers see), 0.5 for
    what mostly reflects others (latency of its own outbound calls, traffic sent its way).
    """

    model_config = ConfigDict(frozen=True)

    family: Family
    bad_direction: Direction
    min_scale: float = Field(0.0, ge=0)
    rel_floor: float | None = Field(None, ge=0)
    weight: float = Field(1.0, ge=0)


_SUCCESS = MetricKind(family="errors", bad_direction="down", rel_floor=0.002)
_ERRORS = MetricKind(family="errors", bad_direction="up")
# 1 ms floor, assuming seconds (Prometheus convention); other units still get the relative floor.
_LATENCY = MetricKind(family="latency", bad_direction="up", min_scale=0.001)
_CLIENT_LATENCY = MetricKind(family="latency", bad_direction="up", min_scale=0.001, weight=0.5)
_SATURATION = MetricKind(family="saturation", bad_direction="up")
_TRAFFIC = MetricKind(family="traffic", bad_direction="both", weight=0.5)

# First match wins, so the more specific patterns come first.
_RULES: tuple[tuple[re.Pattern[str], MetricKind], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), kind)
    for pattern, kind in (
        (r"success|availability|apdex", _SUCCESS),
        (r"error|fail|5xx|exception|reject", _ERRORS),
        (r"(client|outbound|upstream|egress).*(latency|duration)", _CLIENT_LATENCY),
        (r"latency|duration|response_time|rtt", _LATENCY),
        (r"cpu|mem|throttl|saturation|disk|fd|thread|gc_|heap|oom|restart", _SATURATION),
        (r"request|rps|qps|ops|workload|throughput|traffic|bytes|network|syscall|packet", _TRAFFIC),
    )
)
_OTHER = MetricKind(family="other", bad_direction="both")


@lru_cache(maxsize=4096)
def kind_of(metric: str) -> MetricKind:
    """Classify a metric name; unknown names are `other`, scored in both directions."""
    for pattern, kind in _RULES:
        if pattern.search(metric):
            return kind
    return _OTHER
