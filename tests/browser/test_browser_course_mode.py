"""Course mode as a new learner meets it (issue 20): ``make start``, then every chapter, then the next day.

One walk, in one real Chromium with every request off 127.0.0.1 blocked, on the course started by
``scripts/start.sh`` (what ``make start`` runs) with a temporary home:

1. the home opens in course mode: French, a ``<main>`` landmark, no code, no « Run All »;
2. every workshop of every chapter gets a passing answer (the sample answers of ``workshops.py``,
   whose verdict the test computes with the course's own check), every chapter's quiz is answered;
3. « Mon parcours » shows every chapter complete; the certificate is issued, downloaded, and
   verified by the command a lecturer would run on the progress file;
4. the browser is closed, the server stopped and started again; a new browser finds every answer,
   verdict and quiz score in place, the widgets working, and nothing to run;
5. student mode is one link away and shows no dead output; the repository is unchanged.
"""

from __future__ import annotations

import base64
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from browser_harness import BLOCKING_IMPACTS, REPO, WIDGET_TIMEOUT_MS, PageGuard, Workshop, new_context, run_axe
from course_server import CourseServer
from playwright.sync_api import Browser, Page, expect
from workshop_flows import Submission, _flatten, answer_quiz, expect_restored, submit
from workshops import CH04_GOOD, WORKSHOPS, Fill, Select, Step, WaitFor, WorkshopSpec, values_of

from influence_workbook.chapters import CHAPTERS
from influence_workbook.feedback import Feedback

pytestmark = pytest.mark.browser

LEARNER = "Camille Dupont-Müller"
#: The specs' passing answers are written for a learner with nothing saved. In this walk chapter 1's
#: sample objective (a conversion objective: 1 500 sales) is saved first, and chapter 3 reads it (its
#: goal menu is then hidden): the canvas that passes in sequence is the one whose call to action and
#: measure are sales, which the spec keeps as a failing answer for a notoriety goal.
IN_SEQUENCE: dict[str, str | tuple[Step, ...]] = {
    "ch03": "notoriety-sales-measure",
    # Chapter 4 offers the creators of the shortlist saved in chapter 2 (C0046 first): the learner
    # writes to Samir, about one of his own posts.
    "ch04": (Select("iw-ch04-creator", "Samir des Flacons (@samirdesflacons_)"), Fill("iw-ch04-message", (
        CH04_GOOD.replace("Bonjour Chloé", "Bonjour Samir")
        .replace("ta publication sur le compost en appartement pour débutants",
                 "ta publication sur les cheveux bouclés et l'humidité")
        .replace("ta façon d'expliquer chaque geste simplement", "tes astuces expliquées geste par geste")))),
}


def _git_status() -> str:
    return subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=REPO,
                          capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def course() -> Iterator[CourseServer]:
    server = CourseServer()
    try:
        server.start()
        yield server
    finally:
        server.close()


def _passing(spec: WorkshopSpec) -> tuple[Step, ...]:
    """The spec's passing answer, without its waits for a fresh learner's notes (« no objective yet »…):
    in this walk the earlier chapters are saved."""
    wanted = IN_SEQUENCE.get(spec.id)
    if isinstance(wanted, tuple):
        return wanted
    steps = next(answer.steps for answer in spec.answers if answer.name == wanted or (not wanted and answer.passes))
    return tuple(step for step in steps if not (isinstance(step, WaitFor) and not step.widget))


def _open(page: Page, course: CourseServer, spec: WorkshopSpec) -> Workshop:
    page.goto(course.course_page(spec.notebook))
    workshop = Workshop(page, spec.root, WIDGET_TIMEOUT_MS)
    workshop.wait_ready(spec.button)
    return workshop


def _shown(workshop: Workshop, step: Step) -> bool:
    """Whether the learner sees the widget of ``step``: a field the earlier chapters' answers make
    needless is hidden (chapter 3 hides its goal menu once chapter 1's objective is saved)."""
    if not step.widget or isinstance(step, WaitFor) or "#" in step.widget:  # « #n »: the n-th of a list
        return True
    return workshop.widget(step.widget).first.is_visible()


def _submit_passing(workshop: Workshop, spec: WorkshopSpec, course: CourseServer) -> Submission:
    """Enter the spec's passing answer, click, and wait until it is saved as passed and shown.

    The specs compute their expected verdict for a learner with nothing saved; here the earlier
    chapters' answers are saved (chapter 2 reads chapter 1's objective…), so the verdict the page
    must show is the one the progress file records: passed, with every text the learner typed.
    """
    steps = tuple(step for step in _passing(spec) if _shown(workshop, step))
    for step in steps:
        step.apply(workshop)
    workshop.click(spec.button)
    assert spec.progress_key is not None
    key = "/".join(spec.progress_key)
    typed = [step.text for step in steps if isinstance(step, Fill)]
    entry: dict[str, object] = {}

    def saved_and_passed() -> bool:
        nonlocal entry
        entry = course.saved_steps().get(key) or {}
        feedback = entry.get("feedback")
        return (isinstance(feedback, dict) and feedback.get("passed") is True
                and all(text in _flatten(entry.get("answer")) for text in typed))

    deadline = time.monotonic() + WIDGET_TIMEOUT_MS / 1000
    while not saved_and_passed():
        failed = [item for item in (entry.get("feedback") or {}).get("items", []) if not item.get("ok")]  # type: ignore[union-attr]
        assert time.monotonic() < deadline, f"{spec.id}: never saved as passed; failed: {failed}; entry: {entry}"
        time.sleep(0.1)  # polling the file the kernel writes, bounded by the deadline
    feedback = Feedback.from_dict(entry["feedback"])  # type: ignore[arg-type]
    texts = [feedback.headline, *(item.message for item in feedback.items)]
    workshop.expect_texts(spec.feedback, texts, WIDGET_TIMEOUT_MS)
    return Submission(values_of(steps), feedback, texts, entry)


def _expect_page_is_an_application(page: Page) -> None:
    assert page.evaluate("document.documentElement.lang") == "fr"
    expect(page.locator("main")).to_have_count(1)
    # No code: Voilà strips every input; no instruction meant for JupyterLab.
    expect(page.locator(".jp-InputArea-editor")).to_have_count(0)
    body = page.locator("main").inner_text()
    for dead in ("Exécuter toutes les cellules", "Run All", "Traceback", "VBox(", "HTML(value="):
        assert dead not in body, dead


def _problems(guard: PageGuard) -> list[str]:
    """What went wrong in the pages: blocked requests, dialogs, uncaught and console errors, HTTP
    errors and failed requests, except requests the browser aborted because the learner left the
    page while they ran (a kernel poll, a shutdown beacon): walking from page to page does that."""
    return [problem for problem in guard.problems(failed_requests=True, console=True)
            if not problem.endswith("net::ERR_ABORTED")]


def _expect_quiet_terminal(course: CourseServer) -> None:
    """What the learner's terminal shows is the course's French lines: no warning, no traceback."""
    noise = [line for line in course.log().splitlines()
             if line.startswith(("[W", "[E", "[C")) or "Warning" in line or "Traceback" in line]
    assert noise == [], "the terminal of make start shows:\n" + "\n".join(noise)


def test_a_new_learner_walks_the_course_and_finds_it_all_the_next_day(
    browser: Browser, course: CourseServer, today: date
) -> None:
    status_before = _git_status()
    guard = PageGuard()
    context = new_context(browser, guard, accept_downloads=True)
    page = context.new_page()

    # 1. The home, in course mode.
    page.goto(course.url())
    assert "/voila/render/cours/00_accueil.ipynb" in page.url
    expect(page.locator(".iw-parcours")).to_be_visible(timeout=WIDGET_TIMEOUT_MS)
    _expect_page_is_an_application(page)
    serious = [finding for finding in run_axe(page, "main") if finding.impact in BLOCKING_IMPACTS]
    assert serious == [], f"axe found serious problems on the course-mode home: {serious}"

    # « Continuer » leads a new learner to chapter 1, in course mode.
    page.locator("a.iw-continue").click()
    page.wait_for_url("**/voila/render/cours/01_objectif_flou.ipynb**", timeout=WIDGET_TIMEOUT_MS)

    # 2. Every workshop passed, every quiz answered.
    submitted = {}
    for spec in WORKSHOPS:
        workshop = _open(page, course, spec)
        _expect_page_is_an_application(page)
        submission = _submit_passing(workshop, spec, course)
        submitted[spec.id] = (tuple(step for step in _passing(spec) if step.widget in submission.values
                                    or isinstance(step, WaitFor)), submission)
    for chapter in (chapter for chapter in CHAPTERS if chapter.available):
        page.goto(course.url(f"voila/render/cours/{chapter.slug}.ipynb"))
        answer_quiz(page, chapter.slug, WIDGET_TIMEOUT_MS)

    # 3. « Mon parcours » and the certificate.
    page.goto(course.url())
    for chapter in (chapter for chapter in CHAPTERS if chapter.available):
        expect(page.locator(f"tr.iw-parcours-{chapter.key}")).to_have_attribute("data-state", "complete")
    page.locator(".iw-certificate-name input").fill(LEARNER)
    page.locator(".iw-certificate-button").click()
    code = page.locator(".iw-certificate-code")
    status = page.locator(".iw-certificate-status")
    expect(code.or_(status.get_by_text("Il vous reste"))).to_be_visible(timeout=WIDGET_TIMEOUT_MS)
    assert code.count() == 1, f"no certificate: {status.inner_text()}"
    verification_code = code.inner_text().strip()
    with page.expect_download(timeout=WIDGET_TIMEOUT_MS) as download:
        page.locator("a.iw-certificate-download").click()
    pdf = Path(download.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF"), "the downloaded certificate is not a PDF"
    href = page.locator("a.iw-certificate-download").get_attribute("href") or ""
    assert base64.b64decode(href.split(",", 1)[1]) == pdf
    verified = subprocess.run(
        [sys.executable, "-m", "influence_workbook.certificate", "verifier", str(course.progress_file()),
         verification_code], capture_output=True, text=True, timeout=60)
    assert verified.returncode == 0, verified.stdout + verified.stderr
    context.close()
    assert _problems(guard) == []

    _expect_quiet_terminal(course)

    # 4. The next day: the server restarted, a new browser.
    course.restart()
    guard = PageGuard()
    context = new_context(browser, guard)
    page = context.new_page()
    page.goto(course.url())
    for chapter in (chapter for chapter in CHAPTERS if chapter.available):
        expect(page.locator(f"tr.iw-parcours-{chapter.key}")).to_have_attribute(
            "data-state", "complete", timeout=WIDGET_TIMEOUT_MS)
    for spec in WORKSHOPS:
        workshop = _open(page, course, spec)
        steps, submission = submitted[spec.id]
        expect_restored(workshop, spec, submission, steps)
        quiz_score = page.locator(".iw-quiz-live .iw-quiz-score")
        expect(quiz_score).to_contain_text("réussi", timeout=WIDGET_TIMEOUT_MS)
    # The widgets work after the restart: one more check answers.
    first = WORKSHOPS[0]
    second_answer = next(answer for answer in first.answers if answer.passes is False)
    # The terminal after the restart, before the test shuts kernels down itself below (a page still
    # reconnecting to a kernel the test killed can log a 500 that no learner causes).
    _expect_quiet_terminal(course)
    page.goto("about:blank")
    assert course.shutdown_kernels() >= 1, "Voilà's kernels of the pages visited were not found"
    course.forget_progress()  # so that the new verdict is the only one the page can show
    workshop = _open(page, course, first)
    failed = submit(workshop, first, second_answer.steps, today, course)
    assert not failed.result.passed

    # 5. Student mode is one link away, and shows no dead output before anything runs.
    page.goto(course.url())
    page.get_by_role("link", name="Mode étudiant : le code et les exercices (JupyterLab)").click()
    page.wait_for_url("**/lab/tree/chapitres/00_accueil.ipynb**", timeout=WIDGET_TIMEOUT_MS)
    expect(page.locator(".jp-Notebook .jp-Cell").first).to_be_visible(timeout=WIDGET_TIMEOUT_MS)
    notebook_text = page.locator(".jp-Notebook").inner_text()
    for dead in ("VBox(", "HTML(value=", "Error displaying widget", "/tmp/"):
        assert dead not in notebook_text, f"student mode shows dead output: {dead}"
    context.close()
    assert _problems(guard) == []
    assert _git_status() == status_before, "walking the course changed the repository"
