"""Summary figures of a list of timings."""

from __future__ import annotations

import statistics
from dataclasses import dataclass


@dataclass(frozen=True)
class Summary:
    runs: int
    median: float
    minimum: float
    maximum: float
    iqr: float  # interquartile range
    stdev: float

    @classmethod
    def of(cls, seconds: list[float]) -> Summary:
        quartiles = statistics.quantiles(seconds, n=4) if len(seconds) > 1 else [seconds[0]] * 3
        return cls(
            runs=len(seconds),
            median=statistics.median(seconds),
            minimum=min(seconds),
            maximum=max(seconds),
            iqr=quartiles[2] - quartiles[0],
            stdev=statistics.stdev(seconds) if len(seconds) > 1 else 0.0,
        )


def overhead(subject: Summary, baseline: Summary) -> float:
    """How much longer ``subject`` takes than ``baseline``, median vs median (0.05 = +5 %)."""
    return subject.median / baseline.median - 1
