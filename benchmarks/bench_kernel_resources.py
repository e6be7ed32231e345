"""What one learner's kernel needs (issue 25, for a JupyterHub): memory and CPU with a chapter open.

Each available chapter notebook, then each exercise, is run in a fresh kernel, as a learner opening it
(the workshop built, its data loaded, its figures drawn, the quiz shown), with a throw-away progress
folder. Then the kernel
process's memory is read from ``/proc``: resident memory now (VmRSS) and at its peak (VmHWM), and the
CPU time it used (user + system). A learner keeps one or two kernels open (a chapter and its exercise;
Voilà starts one per page). Linux only.

Run with ``python -m benchmarks kernel_resources``.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from influence_workbook.chapters import CHAPTERS
from influence_workbook.paths import course_root


def _status(pid: int) -> dict[str, int]:
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text(encoding="ascii").splitlines():
        key, _, rest = line.partition(":")
        if key in {"VmRSS", "VmHWM"}:
            values[key] = int(rest.split()[0])  # kB
    return values


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def measure(path: Path) -> tuple[float, float, float, float]:
    """(RSS MiB after the run, peak RSS MiB, kernel CPU s, wall s) for one notebook run in a fresh kernel."""
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    started = time.perf_counter()
    with client.setup_kernel():
        pid = client.km.provisioner.process.pid  # type: ignore[union-attr]
        for index, cell in enumerate(notebook.cells):
            client.execute_cell(cell, index)
        wall = time.perf_counter() - started
        status = _status(pid)
        cpu = _cpu_seconds(pid)
    return status["VmRSS"] / 1024, status["VmHWM"] / 1024, cpu, wall


def main() -> None:
    root = course_root()
    with tempfile.TemporaryDirectory(prefix="iw-bench-kernel-") as home:
        saved = {key: os.environ.get(key) for key in ("INFLUENCE_WORKBOOK_HOME", "INFLUENCE_WORKBOOK_TODAY")}
        os.environ["INFLUENCE_WORKBOOK_HOME"] = home
        os.environ["INFLUENCE_WORKBOOK_TODAY"] = "2026-11-28"
        try:
            print(f"{'notebook':34} {'RSS MiB':>8} {'peak MiB':>9} {'CPU s':>6} {'wall s':>7}")
            rows = []
            for folder in ("notebooks", "exercises"):
                for chapter in CHAPTERS:
                    path = root / folder / f"{chapter.slug}.ipynb"
                    if not chapter.available or not path.is_file():
                        continue
                    rss, peak, cpu, wall = measure(path)
                    rows.append((rss, peak, cpu))
                    print(f"{folder[:4]}/{chapter.slug:29} {rss:8.0f} {peak:9.0f} {cpu:6.1f} {wall:7.1f}")
            if rows:
                print(f"largest: RSS {max(r[0] for r in rows):.0f} MiB, peak {max(r[1] for r in rows):.0f} MiB, "
                      f"CPU {max(r[2] for r in rows):.1f} s to open a chapter")
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value
