"""Kernel side of a click on « Vérifier »: from the click to the feedback set, per workshop, no browser.

The browser benchmark (``bench_browser.py``) times what a learner waits for; most of that wait is the
fixed round trip between the page and the kernel (about 25 ms here), the rest is the Python work
done by the click. This benchmark isolates that work, with the same sample answers as the browser
tests (``tests/browser/workshops.py``), set directly on the widgets, in an asyncio event loop as in
a kernel (so that the workshop prepares its verdict and saves after it, as it does there):

* first click: in a fresh Python process, right after the workshop is built and the answer typed,
  with no pause (the verdict is not prepared yet: the click checks, and pays for everything done
  lazily);
* next clicks, no pause: median of NEXT_RUNS clicks in the same process, alternating the sample
  answers, each clicked as soon as it is typed;
* next clicks after a pause: the same, with the learner's pause between typing and clicking
  (PAUSE_S): the verdict was prepared in it (``CheckedStep.watch``), the click only shows it.

The time stops when the feedback region's value changes (what the page waits for). The saving of the
answer comes after the click's handler has returned; it is timed separately (« save »).
Run with ``python -m benchmarks workshops``.
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
NEXT_RUNS = 20
FIRST_RUNS = 3  # fresh processes per workshop; the median is shown
PAUSE_S = 0.3  # between the last keystroke and the click, as in bench_browser (LEARNER_PAUSE_MS)

FACTORIES = {  # spec id → (module, function): what each chapter's notebook displays
    "ch01": ("influence_workbook.widgets.objective", "objective_workshop"),
    "ch02": ("influence_workbook.widgets.shortlist", "shortlist_workshop"),
    "ch03": ("influence_workbook.widgets.concept", "concept_workshop"),
    "ch04": ("influence_workbook.widgets.outreach", "outreach_workshop"),
    "ch05-classification": ("influence_workbook.widgets.disclosure", "disclosure_workshop"),
    "ch05-caption": ("influence_workbook.widgets.disclosure", "disclosure_workshop"),
    "ch06": ("influence_workbook.widgets.constraints", "constraints_workshop"),
}


def _walk(widget: Any) -> Iterator[Any]:
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _walk(child)


def _by_class(root: Any, css: str) -> list[Any]:
    return [w for w in _walk(root) if css in getattr(w, "_dom_classes", ())]


def _option_value(widget: Any, label: str) -> Any:
    for option in widget.options:
        text, value = option if isinstance(option, tuple) else (option, option)
        if text == label:
            return value
    raise LookupError(f"no option « {label} » in {widget._dom_classes}")


def _apply(root: Any, step: Any) -> None:
    """Do a browser-test step (``tests/browser/workshops.py``) on the ipywidgets themselves."""
    kind = type(step).__name__
    if kind == "WaitFor":
        return
    if kind == "SelectNth":
        widget = _by_class(root, step.css)[step.index]
        widget.value = _option_value(widget, step.label)
        return
    (widget,) = _by_class(root, step.widget)
    if kind == "Fill":
        widget.value = step.text
    elif kind in ("Select", "Toggle"):
        widget.value = _option_value(widget, step.label)
    elif kind == "Tick":
        widget.value = step.checked
    elif kind == "Pick":
        widget.value = tuple(step.ids)
    else:
        raise TypeError(f"unknown step {kind}")


async def _timed_click(root: Any, spec: Any, steps: tuple[Any, ...], pause_s: float) -> float:
    """Ms from the click to the feedback set, after ``pause_s`` between typing and clicking."""
    from influence_workbook.widgets.common import SAVE_AFTER_S

    for step in steps:
        _apply(root, step)
    (feedback,) = _by_class(root, spec.feedback)
    (button,) = [w for w in _walk(root) if getattr(w, "description", None) == spec.button
                 and type(w).__name__ == "Button"]
    feedback.value = ""  # so that the same verdict twice still counts as a change
    await asyncio.sleep(pause_s)
    shown: list[float] = []
    feedback.observe(lambda _change: shown.append(time.perf_counter()), names="value")
    started = time.perf_counter()
    button.click()
    feedback.unobserve_all("value")
    if not shown:
        raise RuntimeError(f"{spec.id}: the click showed no feedback")
    await asyncio.sleep(SAVE_AFTER_S * 4)  # let the saving that follows the click happen
    return 1000 * (shown[0] - started)


def _time_saves(saves: list[float]) -> None:
    """Record how long each saving after a click takes (CheckedStep._record)."""
    from influence_workbook.widgets.common import CheckedStep

    record = CheckedStep._record

    def timed(self: Any, *args: Any) -> None:
        started = time.perf_counter()
        record(self, *args)
        saves.append(1000 * (time.perf_counter() - started))

    CheckedStep._record = timed  # type: ignore[method-assign]


def _spec(spec_id: str) -> Any:
    sys.path.insert(0, str(ROOT / "tests" / "browser"))
    from workshops import WORKSHOPS

    return next(spec for spec in WORKSHOPS if spec.id == spec_id)


def _build(spec_id: str) -> tuple[Any, Any, float]:
    import importlib

    module, function = FACTORIES[spec_id]
    started = time.perf_counter()
    factory: Callable[[], Any] = getattr(importlib.import_module(module), function)
    box = factory()
    built = 1000 * (time.perf_counter() - started)
    spec = _spec(spec_id)
    (root,) = _by_class(box, spec.root)
    return spec, root, built


def child(spec_id: str) -> None:
    """In a fresh process: build, click once, then NEXT_RUNS more of each kind; print JSON figures."""
    from influence_workbook.widgets import common

    saves: list[float] = []
    _time_saves(saves)
    # This process is not a Jupyter kernel: let the workshop use this loop as it uses a kernel's.
    common.kernel_loop = asyncio.get_running_loop

    async def clicks() -> dict[str, float]:
        spec, root, built = _build(spec_id)
        first = await _timed_click(root, spec, spec.answers[0].steps, 0)
        answers = [spec.answers[(index + 1) % len(spec.answers)].steps for index in range(NEXT_RUNS)]
        unprepared = [await _timed_click(root, spec, steps, 0) for steps in answers]
        prepared = [await _timed_click(root, spec, steps, PAUSE_S) for steps in answers]
        return {"build_ms": built, "first_ms": first, "next_ms": statistics.median(unprepared),
                "prepared_ms": statistics.median(prepared), "save_ms": statistics.median(saves)}

    print(json.dumps(asyncio.run(clicks())))


def _run_child(spec_id: str) -> dict[str, float]:
    env = {**os.environ, "INFLUENCE_WORKBOOK_HOME": tempfile.mkdtemp(prefix="iw-bench-"),
           "INFLUENCE_WORKBOOK_TODAY": "2026-11-28"}
    out = subprocess.run([sys.executable, "-m", "benchmarks.bench_workshops", spec_id], cwd=ROOT, env=env,
                         capture_output=True, text=True, check=True)
    figures: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return figures


def main() -> None:
    print(f"Kernel time of « Vérifier » (click → feedback set), first click: median of {FIRST_RUNS} fresh "
          f"processes; next clicks: median of {NEXT_RUNS}")
    print(f"| {'workshop':<20} | {'build (ms)':>10} | {'first click (ms)':>16} | {'next, no pause (ms)':>19} | "
          f"{'after a pause (ms)':>18} | {'then save (ms)':>14} |")
    print(f"|{'-' * 22}|{'-' * 11}:|{'-' * 17}:|{'-' * 20}:|{'-' * 19}:|{'-' * 15}:|")
    for spec_id in FACTORIES:
        runs = [_run_child(spec_id) for _ in range(FIRST_RUNS)]

        def median(key: str, values: list[dict[str, float]] = runs) -> float:
            return statistics.median(run[key] for run in values)

        print(f"| {spec_id:<20} | {median('build_ms'):>10.0f} | {median('first_ms'):>16.1f} | "
              f"{median('next_ms'):>19.1f} | {median('prepared_ms'):>18.1f} | {median('save_ms'):>14.1f} |")


if __name__ == "__main__":
    if len(sys.argv) == 2 and sys.argv[1] in FACTORIES:
        child(sys.argv[1])
    else:
        main()
