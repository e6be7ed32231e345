"""What a learner does with a workshop, as reusable steps for the tests and the benchmark.

``open_workshop`` opens the notebook and runs all cells; ``submit`` enters an answer, clicks the
button and waits until the page shows the feedback computed in the test process by the course's
own check (and, for a workshop that saves, until the progress file holds that answer and verdict);
``xss_probe`` types hostile text into every text field and reports anything that got executed or
injected; ``expect_restored`` checks that a saved answer and verdict came back.
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from browser_harness import (
    WIDGET_TIMEOUT_MS,
    JupyterLabServer,
    PageGuard,
    Workshop,
    open_notebook,
    run_all,
)
from playwright.sync_api import FrameLocator, Page, expect
from workshops import Fill, Mode, Step, WorkshopSpec, expected_texts, values_of

from influence_workbook.quiz import load_quiz
from influence_workbook.typography import fix

#: Hostile texts typed into every text field. Those that set window.__pwned prove that no script ran
#: even without a dialog; the ids let the probe find any element that got injected.
XSS_PAYLOADS = (
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    "javascript:alert(1)",
    '"><svg onload=alert(1)>',
    '<img src=x id=iw-xss-img onerror="window.__pwned=1">',
    '</p><svg id=iw-xss-svg onload="window.__pwned=1"></svg>',
    '<a id=iw-xss-link href="javascript:window.__pwned=1">lien</a>',
    "' onmouseover='window.__pwned=1' x='",
)

_INJECTED_JS = """(root) => {
  const found = [];
  for (const el of root.querySelectorAll('*')) {
    const bad = el.tagName === 'SCRIPT' || (el.id || '').startsWith('iw-xss') ||
      [...el.attributes].some(a => a.name.startsWith('on') ||
        (['href', 'src', 'action', 'formaction', 'xlink:href'].includes(a.name) &&
         /^\\s*javascript:/i.test(a.value)));
    if (bad) found.push(el.outerHTML.slice(0, 200));
  }
  return found;
}"""


def open_workshop(page: Page, lab: JupyterLabServer, spec: WorkshopSpec,
                  timeout_ms: int = WIDGET_TIMEOUT_MS) -> Workshop:
    """Open the spec's notebook in JupyterLab, run all cells, wait until its button is usable."""
    open_notebook(page, lab, spec.notebook, timeout_ms)
    run_all(page, timeout_ms)
    workshop = Workshop(page, spec.root, timeout_ms)
    workshop.wait_ready(spec.button)
    return workshop


def _saved_entry(lab: JupyterLabServer, key: tuple[str, str]) -> dict[str, Any] | None:
    """The saved step, read without the course's store (which would move a file it cannot read)."""
    try:
        document = json.loads(lab.progress_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    entry = document.get("steps", {}).get(f"{key[0]}/{key[1]}")
    return entry if isinstance(entry, dict) else None


def _flatten(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [s for v in value.values() for s in _flatten(v)]
    if isinstance(value, list | tuple):
        return [s for v in value for s in _flatten(v)]
    return [str(value)]


def wait_saved(lab: JupyterLabServer, spec: WorkshopSpec, steps: Sequence[Step], result: Any,
               timeout_s: float = WIDGET_TIMEOUT_MS / 1000) -> dict[str, Any]:
    """Wait until the progress file holds this answer (every typed text) with the expected verdict."""
    assert spec.progress_key is not None
    typed = [step.value for step in steps if isinstance(step, Fill)]
    want = result.to_dict() if hasattr(result, "to_dict") else None
    deadline = time.monotonic() + timeout_s
    entry: dict[str, Any] | None = None
    while time.monotonic() < deadline:
        entry = _saved_entry(lab, spec.progress_key)
        if entry is not None and entry.get("feedback") is not None:
            answer_texts = _flatten(entry.get("answer"))
            if all(text in answer_texts for text in typed) and (want is None or entry["feedback"] == want):
                return entry
        time.sleep(0.05)  # polling a file the kernel writes, bounded by the deadline above
    raise AssertionError(
        f"the progress file never held the answer {typed!r} with the expected verdict "
        f"({'passed' if getattr(result, 'passed', False) else 'not passed'}); last entry: "
        f"{json.dumps(entry, ensure_ascii=False)[:1500]}")


@dataclass
class Submission:
    values: dict[str, Any]
    result: Any  # the Feedback (or texts) computed in the test process
    texts: list[str]
    saved: dict[str, Any] | None


def submit(workshop: Workshop, spec: WorkshopSpec, steps: Sequence[Step], today: date,
           lab: JupyterLabServer | None = None, timeout_ms: int = WIDGET_TIMEOUT_MS) -> Submission:
    """Enter ``steps``, click the button, wait until the page shows the feedback the check computes."""
    values = values_of(steps)
    result = spec.expected(values, today)
    texts = expected_texts(result)
    for step in steps:
        step.apply(workshop)
    workshop.click(spec.button)
    saved = None
    # An input problem (nothing to check) is saved only when nothing was saved before: don't wait for it.
    if spec.progress_key is not None and lab is not None and not getattr(result, "is_input_problem", False):
        saved = wait_saved(lab, spec, steps, result, timeout_ms / 1000)
    workshop.expect_texts(spec.feedback, texts, timeout_ms)
    return Submission(values, result, texts, saved)


def expect_restored(workshop: Workshop, spec: WorkshopSpec, submission: Submission, steps: Sequence[Step],
                    timeout_ms: int = WIDGET_TIMEOUT_MS) -> None:
    """The fields show the saved answer and the feedback region shows the saved verdict."""
    for step in steps:
        if step.kept:  # a wait is not part of the saved answer
            step.expect_shown(workshop, timeout_ms)
    workshop.expect_texts(spec.feedback, submission.texts, timeout_ms)


def injected_markup(workshop: Workshop) -> list[str]:
    """Elements inside the workshop that carry script: <script>, on* attributes, javascript: URLs."""
    return list(workshop.root.evaluate(_INJECTED_JS))


def pwned(page: Page) -> bool:
    return bool(page.evaluate("() => window.__pwned !== undefined"))


def xss_probe(page: Page, workshop: Workshop, spec: WorkshopSpec, mode: Mode, guard: PageGuard, today: date,
              lab: JupyterLabServer | None = None, payloads: Sequence[str] = XSS_PAYLOADS) -> list[str]:
    """Type each payload into every text field of ``mode``; return every problem seen (empty: safe)."""
    problems: list[str] = []
    for step in mode.steps:
        step.apply(workshop)
    shown = workshop.text_fields()
    expect(shown).to_have_count(len(mode.text_fields))  # every visible text field is covered
    for payload in payloads:
        steps: list[Step] = [*mode.steps, *(Fill(css, payload) for css in mode.text_fields)]
        submission = submit(workshop, spec, steps, today, lab)
        where = f"mode {mode.name!r}, payload {payload!r}"
        for css in mode.text_fields:
            if workshop.value(css) != payload:
                problems.append(f"{where}: field .{css} shows {workshop.value(css)!r}, not the text typed")
        feedback = workshop.text(spec.feedback)
        if "Traceback" in feedback:
            problems.append(f"{where}: the feedback shows a Python error: {feedback[:300]!r}")
        problems += [f"{where}: markup injected into the page: {html}" for html in injected_markup(workshop)]
        if pwned(page):
            problems.append(f"{where}: a script ran (window.__pwned is set)")
        problems += [f"{where}: a dialog opened: {dialog}" for dialog in guard.dialogs]
        guard.dialogs.clear()
        if not submission.texts:
            problems.append(f"{where}: no expected feedback to wait for")
    return problems


def answer_quiz(scope: Page | FrameLocator, slug: str, timeout_ms: int) -> None:
    """Answer every question of the chapter's live quiz right at the first pick, in a page or a frame (the published
    site's), and wait for its score to say « réussi »."""
    quiz = scope.locator(".iw-quiz-live")
    quiz.scroll_into_view_if_needed(timeout=timeout_ms)
    for number, question in enumerate(load_quiz(slug), start=1):
        box = quiz.locator(f".iw-quiz-q{number}")
        for answer in question["answers"]:
            if answer["correct"]:
                box.get_by_role("button", name=fix(str(answer["answer"])), exact=True).click()
        if question["type"] == "many_choice":
            box.get_by_role("button", name="Valider", exact=True).click()
        expect(box.locator(".iw-quiz-explanation")).to_contain_text("Juste", timeout=timeout_ms)
    expect(quiz.locator(".iw-quiz-score")).to_contain_text("réussi", timeout=timeout_ms)
