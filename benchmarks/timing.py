"""What the benchmarks share: the median time of a call (not a benchmark itself: no ``bench_`` prefix)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def median_ms(function: Callable[[], object], runs: int, warmup: int) -> float:
    """Median wall time of ``function`` in milliseconds over ``runs`` calls, after ``warmup`` calls."""
    for _ in range(warmup):
        function()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return 1000 * statistics.median(times)
