"""The class report (issue 25): how long ``make class-report`` takes on 200 learners' exports.

A simulated class (:mod:`influence_workbook.class_sample`: 200 learners with varied progress, some
files modified after their export, unsigned, signed with another key, duplicated or unreadable) is
written once to a throw-away folder; then the whole report is made (read and verify every file,
the statistics, the HTML with its charts, the .xlsx and the CSV files) in a fresh Python process, as
the teacher's command runs it (imports included), and in this process (warm). Goal: under 5 s for
200 learners.

Run with ``python -m benchmarks class_report``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.timing import median_ms

LEARNERS = 200
RUNS = 5


def main() -> None:
    from influence_workbook.class_report import build_report, write_report
    from influence_workbook.class_sample import write_simulated_class

    with tempfile.TemporaryDirectory(prefix="iw-bench-class-") as folder:
        root = Path(folder)
        started = time.perf_counter()
        simulated = write_simulated_class(root / "exports", LEARNERS)
        made = time.perf_counter() - started
        size = sum(path.stat().st_size for path in (root / "exports").iterdir())
        print(f"simulated class: {LEARNERS} learners, {len(simulated.expected)} files, {size / 2**20:.1f} MiB "
              f"(written in {made:.1f} s)")
        environment = {**os.environ, "INFLUENCE_WORKBOOK_CLASS_KEY": simulated.key}
        command = [sys.executable, "-m", "influence_workbook.class_report", str(root / "exports"),
                   "--out", str(root / "rapport")]
        times = []
        for _run in range(RUNS):
            started = time.perf_counter()
            subprocess.run(command, env=environment, check=True, capture_output=True)
            times.append(time.perf_counter() - started)
        times.sort()
        print(f"make class-report, whole command in a fresh process (imports included), median of {RUNS}: "
              f"{times[RUNS // 2]:6.2f} s (goal: under 5 s)")
        paths = [root / "exports"]
        print(f"read and verify the files and compute the statistics, warm, median of {RUNS}: "
              f"{median_ms(lambda: build_report(paths, simulated.key), RUNS, 1):7.0f} ms")
        print(f"the whole report written (HTML, .xlsx, CSV), warm, median of {RUNS}: "
              f"{median_ms(lambda: write_report(paths, root / 'rapport', simulated.key), RUNS, 1):7.0f} ms")
