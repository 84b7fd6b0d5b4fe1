"""Benchmark plumbing: timing helpers and the BENCH line format of DESIGN.md §9."""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass
class Measure:
    """One result line: a value, optionally against a baseline measured in the same run."""

    name: str
    value: float
    unit: str
    target: str
    ok: bool
    baseline: str | None = None
    baseline_value: float | None = None
    extra: dict[str, Any] | None = None

    def line(self) -> str:
        data: dict[str, Any] = {"name": self.name, "value": round(self.value, 4), "unit": self.unit}
        if self.baseline is not None and self.baseline_value:
            data["baseline"] = self.baseline
            data["baseline_value"] = round(self.baseline_value, 4)
            data["ratio"] = round(self.value / self.baseline_value, 3)
        data["target"] = self.target
        data["ok"] = self.ok
        if self.extra:
            data.update(self.extra)
        return "BENCH " + json.dumps(data)


def ratio_measure(
    name: str,
    value: float,
    unit: str,
    baseline: str,
    baseline_value: float,
    max_ratio: float,
    **extra: Any,
) -> Measure:
    ratio = value / baseline_value if baseline_value else float("inf")
    return Measure(
        name,
        value,
        unit,
        f"<= {max_ratio}",
        ratio <= max_ratio,
        baseline,
        baseline_value,
        extra or None,
    )


def median_ms(fn: Callable[[], object], repeats: int) -> float:
    """Median wall time of `fn` in milliseconds."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def seconds(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start
