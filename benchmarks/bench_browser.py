"""Browser benchmark: how long a learner waits, per workshop, against a bare one-button form.

For each workshop of ``tests/browser/workshops.py`` (chapters 1 to 6; chapter 5 has two, timed
separately on the same notebook) and for the bare form
(``tests/browser/fixtures/bare_form.ipynb``: a Text, a Button and an HTML output doing a trivial
computation), measured in the same run, on the same JupyterLab and Chromium:

* open → usable: from asking for the notebook's URL to its « Vérifier » button visible and enabled,
  after « Run All » (a fresh kernel each run: the learner's first visit);
* click → feedback: from the click event to the first frame painted with the expected text in the
  feedback region, measured inside the page (``performance.now()``), first click of a fresh kernel,
  then CLICKS - 1 later clicks alternating between two answers (so that each shows a new verdict).
  The answer is entered as a learner does
  (``tests/browser/workshops.py``: menus get the focus before a choice, which makes the cell the
  active one), the kernel is left LEARNER_PAUSE_MS to handle the last keystroke (as while a learner
  moves the pointer), and the button is scrolled into view before the click, so the click pays for
  none of these. In that pause the workshop also prepares its verdict (``CheckedStep.watch``, 150 ms
  after the last change), as it does for a learner: a click sooner than that checks on the spot,
  and ``python -m benchmarks workshops`` times both.

Median over RUNS runs (min–max shown); ratios are medians against the bare form's medians. A verdict
lands in one frame or the next (16.7 ms apart at 60 Hz), which moves a median of five clicks by up to
a frame: later clicks are pooled over the runs (RUNS × (CLICKS - 1) samples a notebook, 25 by
default), a figure that such chance moves far less than the five first clicks. The runs
are interleaved (bare form, ch01, …, ch06, then again), so that a slow moment of the machine weighs
on every notebook alike rather than on one. ``BENCH_RUNS=9`` runs more rounds, ``BENCH_CLICKS=11``
clicks more in each, ``BENCH_ONLY=ch02,ch04``
times only those workshops (with the bare form).
``BENCH_PATCH=benchmarks/variants/<name>.py`` measures, besides each workshop, a variant of it: the
same notebook with that file's code run first (a patch of the package, say). Both are timed in the
same run, interleaved, so that the gap between them is the patch's effect rather than the machine's
mood, which moves the bare form's median by ±25 % from one run to the next.
A second table splits each click's wait in two: click → verdict in the page (the expected text is in
the feedback's DOM: the round trip through the server and the kernel, and the widget's JavaScript)
and verdict in the page → painted, so that a gap to the bare form can be put on the kernel's side or
the page's. The page's share is split again at the frame's time (the vsync at which the frame that
draws the verdict begins: requestAnimationFrame's timestamp): before it, the wait for the next
frame (vsync wait, 0 to 16.7 ms at 60 Hz, the same chance for every page: the noisiest part of a
click); after it, the frame's work (what the main thread does before drawing: tasks still running,
style, layout, paint, compositing: what the page's code can change, and far less noisy, so the
figure to watch when trying a page-side idea). A Chromium trace showed why the frame's time and not
its requestAnimationFrame callback: the frame lays the page out (and hit-tests the pointer) before
its callbacks run, so the callback's time counted that work as waiting.
Goal: a workshop's click → feedback within 1.2× the bare form's, judged on first clicks and on
later clicks apart (a learner meets both: the first « Vérifier » of a chapter, then the corrections).
The answers timed are the spec's first two sample answers (the first passes, the second fails).
A run in which the page throws an uncaught error (other than the listed upstream ones) is reported
under the table.
Course mode: each workshop is also timed as ``make start`` opens it (Voilà: rows « ch01·cours »…),
in the same run and interleaved: open → usable is from asking for the page to its button usable, with
no « Run All » (Voilà runs the page's code as it opens); clicks are timed as in JupyterLab, except that
the learner's pause stands alone (Voilà shows no kernel indicator to wait on). ``BENCH_COURSE=0``
skips it. The bare form is timed in JupyterLab only: it is the reference of the ratios.
Run with ``python -m benchmarks browser`` (starts and stops its own JupyterLab and course server;
needs /usr/bin/chromium).
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page

RUNS = int(os.environ.get("BENCH_RUNS", "5"))
#: Clicks in each run: the first of a fresh kernel, then later ones (corrections).
CLICKS = max(2, int(os.environ.get("BENCH_CLICKS", "6")))
GOAL_RATIO = 1.2
#: Between the last keystroke and the click: pointing at a button takes a learner 300 ms or more.
LEARNER_PAUSE_MS = 300
#: Also time every workshop in course mode (Voilà, as `make start` opens it): BENCH_COURSE=0 skips it.
COURSE_MODE = os.environ.get("BENCH_COURSE", "1") != "0"
COURSE_SUFFIX = "·cours"

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "browser"))

import browser_harness as h  # noqa: E402
from course_server import CourseServer  # noqa: E402
from workshops import BARE_FORM, WORKSHOPS, Fill, Step, WorkshopSpec, expected_texts, values_of  # noqa: E402

# Records, inside the page, when the button is clicked and when the feedback first shows ``text``.
_ARM = """([button, feedback, text]) => {
  window.__iwClickAt = undefined; window.__iwShownAt = undefined; window.__iwFrameAt = undefined;
  window.__iwFeedbackAt = undefined;
  const norm = s => s.replace(/\\s+/g, ' ').trim();
  const want = norm(text);
  button.addEventListener('click', () => { window.__iwClickAt = performance.now(); },
                          {capture: true, once: true});
  // Visible = painted: the frame after the change is drawn when a task queued from its
  // requestAnimationFrame callback runs (the page has then done the style, layout and paint).
  // The callback's timestamp is the frame's time, the vsync it started from: before it, the page
  // waits for the display (0 to 16.7 ms at 60 Hz, whatever the page); after it, the page works.
  const observer = new MutationObserver(() => {
    if (window.__iwClickAt !== undefined && norm(feedback.textContent).includes(want)) {
      observer.disconnect();
      window.__iwShownAt = performance.now();
      requestAnimationFrame(frameTime => {
        window.__iwFrameAt = frameTime;
        setTimeout(() => { window.__iwFeedbackAt = performance.now(); }, 0);
      });
    }
  });
  observer.observe(feedback, {subtree: true, childList: true, characterData: true});
}"""


_TWO_FRAMES = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"


@dataclass(frozen=True)
class Click:
    """One click's wait, from the click event, in milliseconds."""

    painted_ms: float  # the first frame painted with the verdict: what the learner waits for
    in_page_ms: float  # the verdict's text in the feedback's DOM (round trip and widget JavaScript)
    frame_time_ms: float  # the vsync the verdict's frame starts from (requestAnimationFrame's timestamp)

    @property
    def frame_ms(self) -> float:
        """From the verdict in the DOM to its frame painted: the page's share."""
        return self.painted_ms - self.in_page_ms

    @property
    def vsync_wait_ms(self) -> float:
        """The page's share before its work: waiting for the next frame, chance more than code.

        Zero when the frame was already due as the verdict came (the main thread was busy at its vsync).
        """
        return max(0.0, self.frame_time_ms - self.in_page_ms)

    @property
    def frame_work_ms(self) -> float:
        """The page's work until the verdict is drawn: tasks still running, style, layout, paint."""
        return self.painted_ms - max(self.frame_time_ms, self.in_page_ms)


@dataclass
class Figures:
    usable_s: list[float] = field(default_factory=list)
    first_clicks: list[Click] = field(default_factory=list)
    later_clicks: list[Click] = field(default_factory=list)  # every run's clicks after its first
    blocked: set[str] = field(default_factory=set)  # requests to other hosts the page tried (blocked)
    page_errors: list[str] = field(default_factory=list)  # uncaught errors, upstream ones excluded
    failed_runs: list[str] = field(default_factory=list)  # runs that did not complete, and why


def _timed_click(page: Page, workshop: h.Workshop, spec: WorkshopSpec, steps: tuple[Step, ...],
                 today: date, in_lab: bool = True) -> Click:
    button = workshop.button(spec.button)
    feedback = workshop.widget(spec.feedback)
    text = _telling_text(expected_texts(spec.expected(values_of(steps), today)), feedback.inner_text())
    for step in steps:
        step.apply(workshop)
    # A learner finishes typing, then moves the pointer to the button: the kernel has by then
    # handled the last keystroke's update (chapter 4 counts the words of the message at each one).
    # Clicking 30 ms after the text appears would time that update too, which no learner waits for.
    page.wait_for_timeout(LEARNER_PAUSE_MS)
    if in_lab:  # course mode (Voilà) shows no kernel indicator: the pause alone stands for it
        h.wait_kernel_idle(page)
    # A learner sees the button before clicking it: scroll it into view and let the page settle
    # first, or the click would also pay for the scroll's handlers.
    button.scroll_into_view_if_needed()
    page.evaluate(_TWO_FRAMES)
    page.evaluate(_ARM, [button.element_handle(), feedback.element_handle(), text])
    button.click()
    page.wait_for_function("() => window.__iwFeedbackAt !== undefined", timeout=h.WIDGET_TIMEOUT_MS)
    painted, in_page, frame_time = page.evaluate(
        "() => [window.__iwFeedbackAt, window.__iwShownAt, window.__iwFrameAt]"
        ".map(at => at - window.__iwClickAt)")
    return Click(painted_ms=float(painted), in_page_ms=float(in_page), frame_time_ms=float(frame_time))


def _telling_text(texts: list[str], shown: str) -> str:
    """The longest expected text that the feedback does not show yet: its appearance is the new verdict.

    The longest is the most specific; one already shown (a message both answers share) would be
    « seen » before the click's verdict arrives.
    """
    def norm(text: str) -> str:
        return " ".join(text.split())

    fresh = [text for text in texts if norm(text) not in norm(shown)]
    if not fresh:
        raise RuntimeError(f"every expected text is already shown, nothing tells the new verdict: {texts!r}")
    return max(fresh, key=len)


def _second_answer(spec: WorkshopSpec) -> tuple[Step, ...]:
    if len(spec.answers) > 1:
        return spec.answers[1].steps
    steps: list[Step] = [Fill(step.widget, step.text + " encore") if isinstance(step, Fill) else step
                         for step in spec.answers[0].steps]
    return tuple(steps)


def measure_once(browser: Browser, lab: h.JupyterLabServer, spec: WorkshopSpec, figures: Figures) -> None:
    """One learner's first visit: fresh progress and kernel, open, Run All, CLICKS checks."""
    today = date.fromisoformat(h.frozen_today())
    lab.fresh_state()
    guard = h.PageGuard()
    context = h.new_context(browser, guard)
    try:
        page = context.new_page()
        started = time.perf_counter()
        h.open_notebook(page, lab, spec.notebook)
        h._menu(page, "Run", "runmenu:run-all")
        workshop = h.Workshop(page, spec.root)
        workshop.wait_ready(spec.button)
        figures.usable_s.append(time.perf_counter() - started)
        answers = (spec.answers[0].steps, _second_answer(spec))
        figures.first_clicks.append(_timed_click(page, workshop, spec, answers[0], today))
        for click in range(1, CLICKS):
            figures.later_clicks.append(_timed_click(page, workshop, spec, answers[click % 2], today))
        figures.blocked.update(guard.unexpected_blocked())
        figures.page_errors += guard.page_errors
    finally:
        context.close()


def measure_once_in_course_mode(browser: Browser, course: CourseServer, spec: WorkshopSpec,
                                figures: Figures) -> None:
    """The same first visit in course mode: fresh progress, open the Voilà page (no « Run All »), clicks."""
    today = date.fromisoformat(h.frozen_today())
    course.shutdown_kernels()  # the previous page's kernel may still be saving its last click
    course.forget_progress()
    guard = h.PageGuard()
    context = h.new_context(browser, guard)
    try:
        page = context.new_page()
        started = time.perf_counter()
        page.goto(course.course_page(spec.notebook))
        workshop = h.Workshop(page, spec.root)
        workshop.wait_ready(spec.button)
        figures.usable_s.append(time.perf_counter() - started)
        answers = (spec.answers[0].steps, _second_answer(spec))
        figures.first_clicks.append(_timed_click(page, workshop, spec, answers[0], today, in_lab=False))
        for click in range(1, CLICKS):
            figures.later_clicks.append(_timed_click(page, workshop, spec, answers[click % 2], today, in_lab=False))
        figures.blocked.update(guard.unexpected_blocked())
        figures.page_errors += guard.page_errors
    finally:
        context.close()


def with_first_cell(notebook: dict[str, Any], code: str) -> dict[str, Any]:
    """A copy of ``notebook`` (nbformat 4, as JSON) whose first cell runs ``code``."""
    cell = {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
            "source": code.splitlines(keepends=True)}
    return {**notebook, "cells": [cell, *notebook["cells"]]}


def patched_variants(specs: list[WorkshopSpec], patch: Path, fixtures: Path) -> list[WorkshopSpec]:
    """For each spec, write its notebook with ``patch`` run first into ``fixtures``; their specs.

    A variant is served from the harness's fixture folder, beside the bare form: a sibling of
    ``notebooks/``, so that relative paths such as ``../data`` still resolve.
    """
    code = patch.read_text(encoding="utf-8")
    variants = []
    for spec in specs:
        notebook = json.loads((h.REPO / spec.notebook).read_text(encoding="utf-8"))
        name = f"variant_{spec.id}.ipynb"
        (fixtures / name).write_text(json.dumps(with_first_cell(notebook, code), ensure_ascii=False),
                                     encoding="utf-8")
        variants.append(dataclasses.replace(spec, id=f"{spec.id}+{patch.stem}",
                                            notebook=f"{h.LAB_FIXTURES_DIR}/{name}"))
    return variants


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def main() -> None:
    from playwright.sync_api import sync_playwright

    h.require_chromium()
    only = {name for name in os.environ.get("BENCH_ONLY", "").split(",") if name}
    workshops = [spec for spec in WORKSHOPS if not only or spec.id in only]
    targets: tuple[WorkshopSpec, ...] = (BARE_FORM, *workshops)
    fixtures = Path(tempfile.mkdtemp(prefix="iw-bench-fixtures-"))
    shutil.copytree(h.FIXTURES, fixtures, dirs_exist_ok=True)
    if os.environ.get("BENCH_PATCH"):
        variants = patched_variants(workshops, Path(os.environ["BENCH_PATCH"]), fixtures)
        targets = (BARE_FORM, *(spec for pair in zip(workshops, variants, strict=True) for spec in pair))
    in_course_mode = {f"{spec.id}{COURSE_SUFFIX}": spec for spec in workshops} if COURSE_MODE else {}
    targets = (*targets, *(dataclasses.replace(spec, id=name) for name, spec in in_course_mode.items()))
    started = time.perf_counter()
    course = CourseServer()
    with h.JupyterLabServer(fixtures=fixtures) as lab, sync_playwright() as playwright:
        browser = playwright.chromium.launch(**h.launch_args())
        if in_course_mode:
            course.start()
        print(f"JupyterLab ready in {lab.startup_seconds:.1f} s; Chromium {browser.version}; "
              f"{RUNS} runs per notebook of {CLICKS} clicks each, median (min–max)")
        if in_course_mode:
            print(f"course mode (Voilà, `make start`): rows « …{COURSE_SUFFIX} », same workshops, no « Run All »")
        results = {spec.id: Figures() for spec in targets}
        try:
            for _ in range(RUNS):
                for spec in targets:
                    try:
                        if spec.id in in_course_mode:
                            measure_once_in_course_mode(browser, course, in_course_mode[spec.id], results[spec.id])
                        else:
                            measure_once(browser, lab, spec, results[spec.id])
                    except Exception as error:  # one run lost is reported, not the whole benchmark
                        results[spec.id].failed_runs.append(str(error).splitlines()[0][:300])
        finally:
            browser.close()
            course.close()
            shutil.rmtree(fixtures, ignore_errors=True)

    print()
    for line in report(results, targets, workshops):
        print(line)
    print(f"total {time.perf_counter() - started:.0f} s")


def _cell(values: list[float], fmt: str) -> str:
    return f"{_median(values):{fmt}} ({min(values):{fmt}}–{max(values):{fmt}})" if values else "—"


def _painted(clicks: list[Click]) -> list[float]:
    return [c.painted_ms for c in clicks]


def _ratio(values: list[float], reference: list[float]) -> float:
    return _median(values) / _median(reference) if _median(reference) else float("nan")


def report(results: dict[str, Figures], targets: tuple[WorkshopSpec, ...],
           workshops: list[WorkshopSpec]) -> list[str]:
    """The benchmark's tables and verdict, as lines; ``results[BARE_FORM.id]`` is the reference.

    The verdict weighs the course's workshops only: a patched variant is an experiment.
    """
    bare = results[BARE_FORM.id]
    width = max(len(spec.id) for spec in targets)
    lines = [f"| {'workshop':<{width}} | {'open → usable (s)':<22} | {'× bare':>7} | "
             f"{'1st click → feedback (ms)':<25} | {'× bare':>7} | {'later clicks (ms)':<25} | {'× bare':>7} |",
             f"|{'-' * (width + 2)}|{'-' * 24}|{'-' * 8}:|" + f"{'-' * 27}|{'-' * 8}:|" * 2]
    ratios: dict[str, dict[str, float]] = {"1st click": {}, "later clicks": {}}
    for spec in targets:
        figures = results[spec.id]
        first, later = _painted(figures.first_clicks), _painted(figures.later_clicks)
        ratio_first = _ratio(first, _painted(bare.first_clicks))
        ratio_later = _ratio(later, _painted(bare.later_clicks))
        if spec in workshops:
            ratios["1st click"][spec.id] = ratio_first
            ratios["later clicks"][spec.id] = ratio_later
        lines.append(f"| {spec.id:<{width}} | {_cell(figures.usable_s, '.2f'):<22} | "
                     f"{_ratio(figures.usable_s, bare.usable_s):>6.2f}× | {_cell(first, '.0f'):<25} | "
                     f"{ratio_first:>6.2f}× | {_cell(later, '.0f'):<25} | {ratio_later:>6.2f}× |")
    shares = (("→ in the page", "in_page_ms"), ("→ painted", "frame_ms"), ("vsync wait", "vsync_wait_ms"),
              ("frame work", "frame_work_ms"))
    lines += ["", "Where a click's wait goes, medians of all clicks (ms): click → verdict in the page "
              "(server, kernel, widget JavaScript), then → painted (the page's share), which is the wait "
              "for the next frame (vsync wait: chance) and the frame's work (style, layout, paint)",
              f"| {'workshop':<{width}} |" + "".join(f" {title:>13} | {'× bare':>7} |" for title, _ in shares),
              f"|{'-' * (width + 2)}|" + f"{'-' * 14}:|{'-' * 8}:|" * len(shares)]
    bare_clicks = bare.first_clicks + bare.later_clicks
    for spec in targets:
        clicks = results[spec.id].first_clicks + results[spec.id].later_clicks
        row = f"| {spec.id:<{width}} |"
        for _, name in shares:
            values = [getattr(c, name) for c in clicks]
            row += f" {_median(values):>13.1f} | {_ratio(values, [getattr(c, name) for c in bare_clicks]):>6.2f}× |"
        lines.append(row)
    for spec in targets:
        if results[spec.id].blocked:
            lines.append(f"note: {spec.id} tried to reach other hosts (blocked, so not timed): "
                         f"{', '.join(sorted(results[spec.id].blocked))}")
        for failure in results[spec.id].failed_runs:
            lines.append(f"note: {spec.id}: a run did not complete (not timed): {failure}")
        for error in sorted(set(results[spec.id].page_errors)):
            lines.append(f"note: {spec.id}: uncaught error in the page: {error}")
    for spec in workshops:
        variant = next((results[other.id] for other in targets if other.id.startswith(f"{spec.id}+")), None)
        if variant is not None:
            plain = results[spec.id]
            lines.append(f"variant {spec.id}: 1st click {_median(_painted(plain.first_clicks)):.0f} → "
                         f"{_median(_painted(variant.first_clicks)):.0f} ms, later clicks "
                         f"{_median(_painted(plain.later_clicks)):.0f} → "
                         f"{_median(_painted(variant.later_clicks)):.0f} ms (medians, same run)")
    lines.append("")
    samples = {"1st click": len(bare.first_clicks), "later clicks": len(bare.later_clicks)}
    for kind, by_workshop in ratios.items():
        if not by_workshop:
            continue
        worst = max(by_workshop, key=lambda name: by_workshop[name])
        verdict = "within" if by_workshop[worst] <= GOAL_RATIO else "ABOVE"
        lines.append(f"click → feedback, {kind} ({samples[kind]} per notebook), worst workshop vs bare form: "
                     f"{by_workshop[worst]:.2f}× ({worst}; {verdict} the {GOAL_RATIO}× goal)")
    return lines


if __name__ == "__main__":
    main()
