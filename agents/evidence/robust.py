"""Robust statistics for comparing an incident window with its baseline.

- Centre: the baseline median. Spread: the MAD (median absolute deviation) scaled by 1.4826 so it
  estimates the standard deviation of Gaussian noise; when the MAD is zero (a mostly flat
  baseline) the mean absolute deviation scaled by 1.2533 stands in (Iglewicz & Hoaglin), and the
  result is floored (see `robust_scale`) so flat baselines do not explode.
- Robust z-score: (value - median) / spread. Up to half the baseline may be contaminated (an
  earlier incident, a deploy) without moving the median or the MAD much.
- Change start: a one-sided CUSUM (Page's test) over the robust z-scores, each step clipped at
  twice the slack (a Huberised CUSUM, so one wild sample cannot keep the sum up for an hour);
  the change is dated to the start of the excursion that contains the incident's worst point.
"""

from __future__ import annotations

import numpy as np

MAD_TO_SIGMA = 1.4826
MEANAD_TO_SIGMA = 1.2533


def median(values: np.ndarray) -> float:
    """Median of a non-empty 1-d array (a sort: much cheaper than np.median on short series)."""
    ordered = np.sort(values)
    n = ordered.size
    return float(ordered[(n - 1) // 2] + ordered[n // 2]) / 2.0


def robust_scale(baseline: np.ndarray, rel_floor: float, abs_floor: float) -> float:
    """Scaled MAD of `baseline` (mean absolute deviation if the MAD is 0), floored.

    The floor is the larger of `rel_floor`*|median| and `abs_floor` (and 1e-12, so the result is
    never zero).
    """
    centre = median(baseline)
    deviations = np.abs(baseline - centre)
    scale = MAD_TO_SIGMA * median(deviations)
    if scale == 0.0:
        scale = MEANAD_TO_SIGMA * float(deviations.sum()) / deviations.size
    return max(scale, rel_floor * abs(centre), abs_floor, 1e-12)


def robust_z(values: np.ndarray, centre: float, scale: float) -> np.ndarray:
    """Robust z-scores of `values` against a baseline summarised by `centre` and `scale`."""
    return (values - centre) / scale


def top_mean(values: np.ndarray, k: int) -> float:
    """Mean of the `k` largest values (all of them if there are fewer)."""
    if values.size == 0:
        return 0.0
    k = max(1, min(k, values.size))
    return float(np.sort(values)[values.size - k :].sum()) / k


def cusum_start(deviation: np.ndarray, peak: int, slack: float) -> int:
    """Index where the CUSUM excursion that contains `peak` began.

    `deviation` holds bad-direction robust z-scores in time order. The one-sided CUSUM
    S_t = max(0, S_{t-1} + min(d_t, 2*slack) - slack) rises while the series sits above `slack`;
    the change is dated to the first point after S last stood at zero before `peak`.
    """
    cap = 2.0 * slack
    total = 0.0
    start = 0
    best_start = peak
    for i, d in enumerate(deviation[: peak + 1]):
        if total <= 0.0:
            start = i
        total = max(0.0, total + min(float(d), cap) - slack)
        if i == peak:
            best_start = start if total > 0.0 else peak
    return best_start
