"""Escalation detectors: where does a count series leave its own baseline?

Both detectors read one zero-filled series (oldest first) with a mask of the periods the store actually
covers; a period with no article at all is unobserved (not a quiet week) and never enters a baseline.
See docs/alerts.md for the method, the knobs and why their defaults are what they are.

* `robust_z`: each period against the median and MAD of the `window` observed periods before it, with a
  Poisson floor on the spread, so a series of zeros does not make every single event infinitely surprising.
* `change_points`: penalised change points (ruptures' PELT, least-squares cost) and the upward level shifts
  among them.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

MAD_TO_SD = 1.4826  # MAD × this estimates the standard deviation of normally distributed data


@dataclass(frozen=True)
class Departure:
    """One flagged period: its index in the series, the value, the baseline it left, and by how much."""

    index: int
    value: float
    baseline: float
    score: float


@dataclass(frozen=True)
class ZScoreKnobs:
    window: int = 12  # observed periods before the one tested that form its baseline (12 weeks ≈ a quarter)
    min_history: int = 6  # fewer observed periods than this before a period: no baseline, no alert
    threshold: float = 3.5  # robust z at or above which a period is flagged (Iglewicz & Hoaglin's cut-off)
    unit: float = 1.0  # size of one event in the measure's units (1 for counts, 10 for Goldstein mass)


@dataclass(frozen=True)
class ChangePointKnobs:
    penalty: float = 2.0  # × σ² × log(n): the BIC-like price of one more change point
    min_size: int = 2  # the shortest segment, in periods
    min_history: int = 6  # observed periods needed before a change point can be an alert
    min_shift: float = 1.0  # the rise of the level, in σ, for an upward change point to be flagged
    unit: float = 1.0


def spread(values: Sequence[float], centre: float, unit: float) -> float:
    """A robust standard deviation (1.4826 × MAD), never below the compound-Poisson floor √(unit·max(centre,
    unit)): with counts the noise of a baseline of λ events is about √λ, and at least one event's worth."""
    mad = statistics.median(abs(v - centre) for v in values)
    return max(MAD_TO_SD * mad, math.sqrt(unit * max(centre, unit)))


def robust_z(values: Sequence[float], observed: Sequence[bool], knobs: ZScoreKnobs = ZScoreKnobs()
             ) -> list[Departure]:
    """Periods whose value lies `threshold` robust standard deviations or more above the median of the
    `window` observed periods before them."""
    flagged = []
    history: list[float] = []
    for i, (value, seen) in enumerate(zip(values, observed, strict=True)):
        if not seen:
            continue
        baseline_values = history[-knobs.window:]
        if value > 0 and len(baseline_values) >= knobs.min_history:  # measures are ≥ 0: a zero never rises
            centre = statistics.median(baseline_values)
            score = (value - centre) / spread(baseline_values, centre, knobs.unit)
            if score >= knobs.threshold:
                flagged.append(Departure(i, float(value), float(centre), round(score, 2)))
        history.append(value)
    return flagged


def change_points(values: Sequence[float], observed: Sequence[bool],
                  knobs: ChangePointKnobs = ChangePointKnobs()) -> list[Departure]:
    """Upward level shifts found by ruptures' PELT on the observed periods: each is the first period of a
    segment whose mean lies `min_shift` σ or more above the previous segment's mean."""
    import numpy as np
    import ruptures

    index = [i for i, seen in enumerate(observed) if seen]
    signal = np.array([float(values[i]) for i in index])
    if len(signal) < max(2 * knobs.min_size, knobs.min_history + knobs.min_size):
        return []
    centre = float(np.median(signal))
    sigma = spread(signal, centre, knobs.unit)
    penalty = knobs.penalty * sigma ** 2 * math.log(len(signal))
    ends = ruptures.Pelt(model="l2", min_size=knobs.min_size, jump=1).fit(signal.reshape(-1, 1)).predict(pen=penalty)
    starts = [0, *ends[:-1]]
    flagged = []
    for k in range(1, len(starts)):
        before = signal[starts[k - 1]:starts[k]]
        after = signal[starts[k]:ends[k]]
        shift = (after.mean() - before.mean()) / sigma
        if starts[k] >= knobs.min_history and shift >= knobs.min_shift:
            flagged.append(Departure(index[starts[k]], float(signal[starts[k]]), round(float(before.mean()), 2),
                                     round(float(shift), 2)))
    return flagged
