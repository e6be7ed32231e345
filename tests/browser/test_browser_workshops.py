"""Every workshop of ``workshops.WORKSHOPS``, driven in JupyterLab as a learner would.

For each workshop: each sample answer shows exactly the feedback that the course's check computes in
this process, each criterion's verdict in words (« Réussi », « À revoir ») and not by colour alone,
with nothing cut off at the column's right edge, and is saved; the first sample answer comes back
(fields and verdict) after a page reload and after a kernel restart; no text field lets HTML or
script through; the page says it is French (``lang="fr-FR"``, JupyterLab in French); axe-core finds
no serious or critical problem in the workshop, and JupyterLab's own findings on the page are only
the known ones listed below. The accessibility audit runs in the first sample answer's test, on the
notebook it has open (with that answer's feedback shown): opening and running a notebook is most of a
test's time.
"""

from __future__ import annotations

import re
from datetime import date

import browser_harness as h
import pytest
from playwright.sync_api import Page, expect
from workshop_flows import expect_restored, open_workshop, submit, xss_probe
from workshops import WORKSHOPS, Answer, WorkshopSpec, values_of

pytestmark = pytest.mark.browser

#: axe-core findings on JupyterLab 4.6's own interface (outside the course's content), with why they
#: are not ours to fix. A finding of another rule outside our content fails the test until it is
#: reviewed and listed here; inside our content (the workshop, our Markdown cells and outputs) every
#: serious or critical finding fails.
JUPYTERLAB_UPSTREAM_AXE: dict[str, str] = {
    "aria-allowed-attr": "JupyterLab's toolbar buttons (<jp-button>, from @jupyter/web-components) "
                         "carry aria-pressed on a role that does not allow it.",
    "aria-input-field-name": "Every CodeMirror 6 cell editor is a contenteditable role=textbox without an "
                             "accessible name (code cells, including those that display our widgets).",
    "button-name": "The collapse button JupyterLab puts beside a Markdown heading (<button class=\"jp-Button "
                   "jp-collapseHeadingButton\">, empty, no aria-label) when the cell is active or hovered: seen "
                   "once on chapter 5 in a fresh-clone run, where the pointer ended over the chapter's title.",
    "aria-required-children": "The notebook's windowed cell list is role=feed, but its cells are not "
                              "role=article children.",
    "scrollable-region-focusable": "A CodeMirror 6 cell editor whose long lines scroll sideways "
                                   "(.cm-scroller, tabindex=-1): JupyterLab's code cells, not our content.",
}

#: Serious findings in a notebook's own outputs (never in a workshop), known and reported to the
#: notebook's author, by (workshop id, rule) → where and why. Each must still be found (so that the
#: entry is removed once fixed); any other finding in our content fails the test.
KNOWN_NOTEBOOK_FINDINGS: dict[tuple[str, str], str] = {}  # chapter 2's two were fixed in 5f0d6f9

#: Where the course's own content is on a JupyterLab page: the workshops, our Markdown, our outputs.
OUR_CONTENT = ".iw-workshop, .jp-RenderedMarkdown, .jp-OutputArea-output"


def _answer_params() -> list[object]:
    return [pytest.param(spec, answer, id=f"{spec.id}-{answer.name}")
            for spec in WORKSHOPS for answer in spec.answers]


@pytest.mark.parametrize(("spec", "answer"), _answer_params())
def test_answer_feedback_then_saved_work(page: Page, lab: h.JupyterLabServer, today: date,
                                         spec: WorkshopSpec, answer: Answer) -> None:
    expected = spec.expected(values_of(answer.steps), today)
    if answer.passes is not None:  # the sample says what it is meant to be: check it in this process
        assert expected.passed is answer.passes, f"sample {answer.name!r} was meant to pass={answer.passes}"

    workshop = open_workshop(page, lab, spec)
    submission = submit(workshop, spec, answer.steps, today, lab)
    if spec.saved_status is not None and spec.status is not None:
        workshop.expect_text(spec.status, spec.saved_status)
    workshop.screenshot(h.artifact_path("workshops", f"{spec.id}-{answer.name}.png"))
    if hasattr(submission.result, "items"):  # a Feedback: its verdict is said in words, not by colour alone
        said = [(item.criterion, "Réussi" if item.ok else "À revoir", "iw-ok" if item.ok else "iw-ko")
                for item in submission.result.items]
        assert workshop.verdicts(spec.feedback) == said
    assert workshop.cut_off() == [], "part of the workshop runs off its column's right edge"
    assert h.error_outputs(page) == [], "the notebook shows an error or a traceback to the learner"
    assert "Traceback" not in workshop.root.inner_text()

    first = answer is spec.answers[0]
    if first:
        # The page is open with the first answer's feedback shown: audit it here rather than open and
        # « Run All » the notebook again in a test of its own (the suite's time budget). Its mode steps
        # change fields without « Vérifier »: nothing is saved, the restore below is unaffected.
        _audit_accessibility(page, workshop, spec)
    if spec.progress_key is None:
        return
    assert submission.saved is not None
    if not first:
        # Coming back after a reload and a restart is the same code path for every answer of a
        # workshop (CheckedStep restores what the store holds): checked on the first sample answer,
        # and for every workshop in sequence, after a server restart, by test_browser_course_mode.py.
        # Two « Run All » fewer for each other answer keeps the suite within its time budget.
        return
    # Reload the page (the kernel keeps running), run all again: the saved answer comes back.
    page.reload(wait_until="domcontentloaded")
    h.run_all(page)
    workshop.wait_ready(spec.button)
    expect_restored(workshop, spec, submission, answer.steps)
    # Restart the kernel and run all: the answer comes back from the progress file alone.
    h.mark_stale(page, f".{spec.root}")
    h.restart_and_run_all(page)
    workshop.wait_ready(spec.button)
    expect_restored(workshop, spec, submission, answer.steps)
    workshop.screenshot(h.artifact_path("workshops", f"{spec.id}-{answer.name}-restored.png"))
    assert h.error_outputs(page) == []


@pytest.mark.parametrize("spec", [pytest.param(spec, id=spec.id) for spec in WORKSHOPS])
def test_no_html_or_script_injection(page: Page, lab: h.JupyterLabServer, guard: h.PageGuard, today: date,
                                     spec: WorkshopSpec) -> None:
    # A test of its own, on a fresh notebook: the probe computes each verdict from the fields it sets,
    # the other fields at their defaults (after an answer was restored they are not).
    _probe_injection(page, open_workshop(page, lab, spec), lab, guard, today, spec)


def _probe_injection(page: Page, workshop: h.Workshop, lab: h.JupyterLabServer, guard: h.PageGuard,
                     today: date, spec: WorkshopSpec) -> None:
    """No text field lets HTML or script through (every payload of workshop_flows.XSS_PAYLOADS)."""
    if not spec.modes:  # a workshop of menus only: make sure no text field was added without a mode
        expect(workshop.text_fields()).to_have_count(0)
    problems: list[str] = []
    for mode in spec.modes:
        problems += xss_probe(page, workshop, spec, mode, guard, today, lab)
    workshop.screenshot(h.artifact_path("workshops", f"{spec.id}-xss.png"))
    assert problems == []


def _audit_accessibility(page: Page, workshop: h.Workshop, spec: WorkshopSpec) -> None:
    """axe-core on the workshop (its feedback shown, then each mode) and on the whole page."""
    # The page must say its text is French (WCAG 3.1.1): JupyterLab sets it from its locale.
    expect(page.locator("html")).to_have_attribute("lang", re.compile(r"^fr\b"))
    ours = h.run_axe(page, include=f".{spec.root}", ours=f".{spec.root}")  # also for a workshop without modes
    for mode in spec.modes:
        for step in mode.steps:
            step.apply(workshop)
        ours += h.run_axe(page, include=f".{spec.root}", ours=f".{spec.root}")
    whole_page = h.run_axe(page, ours=OUR_CONTENT)
    h.write_json_artifact({"axe": h.axe_version(), "workshop": [f.__dict__ for f in ours],
                           "page": [f.__dict__ for f in whole_page]}, "axe", f"{spec.id}.json")

    assert [f.describe() for f in h.blocking(ours)] == [], "the workshop itself has a serious finding"
    in_notebook = h.blocking([f for f in whole_page if f.in_our_content])
    known = {rule: reason for (spec_id, rule), reason in KNOWN_NOTEBOOK_FINDINGS.items() if spec_id == spec.id}
    assert [f.describe() for f in in_notebook if f.rule not in known] == []
    fixed = set(known) - {f.rule for f in in_notebook}
    assert not fixed, f"fixed, remove from KNOWN_NOTEBOOK_FINDINGS: {sorted(fixed)}"
    unknown_upstream = [f.describe() for f in whole_page
                        if not f.in_our_content and f.rule not in JUPYTERLAB_UPSTREAM_AXE]
    assert unknown_upstream == [], "new axe findings in JupyterLab's interface: review them, list them above"

    missing_alt = page.locator(", ".join(f"{area} img" for area in OUR_CONTENT.split(", "))).evaluate_all(
        "imgs => imgs.filter(i => !(i.getAttribute('alt') || '').trim()).map(i => i.outerHTML.slice(0, 160))")
    in_workshop = workshop.root.locator("img").evaluate_all(
        "imgs => imgs.filter(i => !(i.getAttribute('alt') || '').trim()).map(i => i.outerHTML.slice(0, 160))")
    assert in_workshop == [], "every image of a workshop needs a text alternative"
    if "image-alt" not in known:
        assert missing_alt == [], "every image of the course needs a text alternative"
    expect(workshop.root).to_be_visible()


def test_course_jupyterlab_asks_nothing(page: Page, lab: h.JupyterLabServer) -> None:
    # The course's defaults (config/jupyter, as `make start` uses them): no English prompt over the
    # notebook about news from jupyter.org, no update check. The positive control is in
    # test_browser_harness.py (the same detector, without these defaults, sees the prompt).
    h.open_notebook(page, lab, "notebooks/00_accueil.ipynb")
    schema = page.evaluate("""async () => (await (await fetch(
        '/lab/api/settings/@jupyterlab/apputils-extension:notification')).json()).schema.properties""")
    assert (schema["fetchNews"]["default"], schema["checkForUpdates"]["default"]) == ("false", False)
    # Checked at once: when JupyterLab asks, the prompt is up before the notebook's kernel is idle.
    expect(h.news_prompt(page)).to_have_count(0)


def test_course_jupyterlab_speaks_french(page: Page, lab: h.JupyterLabServer) -> None:
    # config/jupyter sets JupyterLab's locale to fr_FR (jupyterlab-language-pack-fr-FR): the menus and
    # the kernel's status are in French, and the page says lang="fr-FR", so that a screen reader reads
    # the course's French as French (WCAG 3.1.1). The positive control (English, lang="en" without the
    # course defaults) is in test_browser_harness.py.
    h.open_notebook(page, lab, "notebooks/00_accueil.ipynb")
    expect(page.locator("html")).to_have_attribute("lang", "fr-FR")
    expect(page.locator(".lm-MenuBar-itemLabel").first).to_have_text("Fichier")
    expect(page.locator(".lm-MenuBar-itemLabel", has_text=h.ui_text("menu:Run", whole=True))).to_have_text(
        "Exécution")
    expect(page.locator(".jp-StatusBar-Item", has_text="| Inactif")).to_have_count(1)


def test_kernel_activity_is_shown_in_the_status_bar_not_the_toolbar(page: Page, lab: h.JupyterLabServer) -> None:
    # config/jupyter: the notebook toolbar's execution indicator made its toolbar recompute its
    # focusable items (a forced layout of the whole page) at each busy and idle of the kernel, on
    # the path of every verdict; the status bar shows the same indicator without that cost.
    h.open_notebook(page, lab, "notebooks/00_accueil.ipynb")
    expect(page.locator(".jp-StatusBar-Item .jp-Notebook-ExecutionIndicator")).to_have_count(1)
    expect(page.locator(".jp-NotebookPanel-toolbar .jp-Notebook-ExecutionIndicator")).to_have_count(0)


def test_registry_is_consistent() -> None:
    """Each workshop has at least one passing and one failing sample, and every mode lists its fields."""
    for spec in WORKSHOPS:
        verdicts = {answer.passes for answer in spec.answers}
        assert verdicts >= {True, False}, f"{spec.id}: needs a passing and a failing sample answer"
        assert all(mode.text_fields for mode in spec.modes), f"{spec.id}: a mode without text fields"
        names = [answer.name for answer in spec.answers]
        assert len(names) == len(set(names)), f"{spec.id}: duplicate answer names {names}"
    assert all(reason.strip() for reason in JUPYTERLAB_UPSTREAM_AXE.values()), "say why for each one"
    assert all(reason.strip() for reason in KNOWN_NOTEBOOK_FINDINGS.values()), "say where and why"
