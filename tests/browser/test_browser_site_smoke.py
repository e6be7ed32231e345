"""Smoke test of the published site: chapter 1's workshop runs in the browser, offline, and keeps its answer.

The site (``make site``) is built when stale and served as a static host serves it, with its ``_headers`` (the
Content-Security-Policy header that also covers the kernel's Web Worker). Every request that leaves 127.0.0.1 is
aborted and counted by the harness's guard. The REPL opens at ``live_site.repl_url("01_objectif_flou")``: the
workshop must appear, « Vérifier » must give its verdict and save it, a new REPL page (a reload) must show the saved
answer, and the whole visit must make no request to another host and log no console error.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import browser_harness as h
import nbformat
import pytest
from playwright.sync_api import BrowserContext, expect

from influence_workbook.live_site import notebook_url, repl_url

pytestmark = [pytest.mark.browser, pytest.mark.slow]
REPO = Path(__file__).resolve().parents[2]

#: Cold start on this 2-core machine: Pyodide, ipython and jedi, then the course (about 15 s alone, more when busy).
WORKSHOP_TIMEOUT_MS = 150_000
ANSWER = {
    "iw-ch01-target": "1 500 ventes",
    "iw-ch01-deadline": "d'ici fin juin 2027",
    "iw-ch01-audience": "femmes de 18-34 ans en France et en Suisse romande",
}


@pytest.fixture(scope="module")
def site_url() -> Iterator[str]:
    try:
        folder = h.ensure_site_built()
    except h.HarnessError as error:
        pytest.fail(f"the site could not be built: {error}", pytrace=False)
    with h.SiteServer(folder) as server:
        yield f"{server.url}/"


def test_chapter_1_workshop_runs_offline_and_keeps_its_answer(site_url: str, context: BrowserContext,
                                                               guard: h.PageGuard) -> None:
    page = context.new_page()
    page.goto(site_url + repl_url("01_objectif_flou"))
    check = page.get_by_role("button", name="Vérifier")
    expect(check).to_be_visible(timeout=WORKSHOP_TIMEOUT_MS)
    expect(page.locator(".jp-CodeConsole-promptCell")).to_be_hidden()  # the learner sees the workshop only
    expect(page.get_by_text("ne laisse pas le cours enregistrer")).to_have_count(0)  # the browser keeps answers

    page.locator(".iw-ch01-goal select").select_option(label="Conversion")
    page.locator(".iw-ch01-kpi select").select_option(label="Ventes")
    for css_class, text in ANSWER.items():
        page.locator(f".{css_class} input").fill(text)
    check.click()
    expect(page.locator(".iw-ch01-feedback")).to_contain_text("Réussi", timeout=30_000)
    expect(page.locator(".iw-ch01-status")).to_contain_text("Enregistré", timeout=30_000)
    page.close()

    again = context.new_page()
    again.goto(site_url + repl_url("01_objectif_flou"))
    expect(again.get_by_role("button", name="Vérifier")).to_be_visible(timeout=WORKSHOP_TIMEOUT_MS)
    for css_class, text in ANSWER.items():
        expect(again.locator(f".{css_class} input")).to_have_value(text)
    expect(again.locator(".iw-ch01-feedback")).to_contain_text("Réussi")

    assert guard.blocked == [], f"{len(guard.blocked)} requests to another host: {guard.blocked[:10]}"
    assert guard.problems(failed_requests=True, console=True) == []


def test_a_progress_file_imported_on_the_home_page_comes_back_in_its_workshop(
        site_url: str, context: BrowserContext, guard: h.PageGuard, tmp_path: Path) -> None:
    saved = {"format": "influence-workbook/progress", "version": 1, "steps": {"ch01/objective": {
        "answer": "Conversion : 1 500 ventes d'ici fin juin 2027 auprès des 18-34 ans en France",
        "feedback": None, "saved_at": "2026-12-06T10:00:00+00:00"}}}
    upload = tmp_path / "progression.json"
    upload.write_text(json.dumps(saved), encoding="utf-8")

    home = context.new_page()
    home.goto(site_url + repl_url("00_accueil"))
    choose = home.locator(".iw-import-file")
    expect(choose).to_be_visible(timeout=WORKSHOP_TIMEOUT_MS)
    with home.expect_file_chooser() as chooser:
        choose.click()
    chooser.value.set_files(upload)
    expect(home.locator(".iw-import-summary")).to_contain_text("reprendra 1 réponse", timeout=30_000)
    home.get_by_role("button", name="Importer ce fichier").click()
    expect(home.locator(".iw-import-status")).to_contain_text("Importé", timeout=30_000)
    home.close()

    chapter = context.new_page()
    chapter.goto(site_url + repl_url("01_objectif_flou"))
    expect(chapter.locator(".iw-ch01-objective")).to_contain_text("Réponse reprise de votre dernière visite",
                                                                   timeout=WORKSHOP_TIMEOUT_MS)

    assert guard.blocked == [], f"{len(guard.blocked)} requests to another host: {guard.blocked[:10]}"
    assert guard.problems(failed_requests=True, console=True) == []


def test_an_exercise_runs_whole_in_the_notebook_app_offline(site_url: str, context: BrowserContext,
                                                            guard: h.PageGuard) -> None:
    """Exercise 1 (no pandas: it runs in the browser) opens in JupyterLite's notebook app with Pyodide's kernel, in
    French; « Exécuter toutes les cellules » runs it to the end: its checks answer (the blanks are « À revoir »), no
    cell raises, nothing leaves the machine. The app has the real piplite and jedi, and the compiled standard
    library: what the workshops' REPL does without must still be there."""
    page = context.new_page()
    page.goto(site_url + notebook_url("01_objectif_flou"))
    idle = page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").first
    idle.wait_for(timeout=WORKSHOP_TIMEOUT_MS)
    page.get_by_role("menuitem", name="Exécution").click()
    page.locator("li[data-command='runmenu:run-all']").click()  # « Exécuter toutes les cellules »
    outputs = page.locator(".jp-OutputArea-output")
    expect(outputs.filter(has_text="À revoir").first).to_be_attached(timeout=WORKSHOP_TIMEOUT_MS)
    idle.wait_for(timeout=WORKSHOP_TIMEOUT_MS)
    expect(page.locator(".jp-InputPrompt", has_text="[*]")).to_have_count(0)  # nothing still running or queued
    # Each code cell ran once, in order: the last shown count is the number of code cells. (Cells scrolled out of
    # view may be drawn empty: JupyterLab draws only what is near the screen.)
    prompts = [p.strip() for p in page.locator(".jp-CodeCell .jp-InputPrompt").all_inner_texts() if p.strip()]
    assert prompts and all(re.fullmatch(r"\[\d+\]:", p) for p in prompts), prompts
    code_cells = [c for c in nbformat.read(REPO / "exercises" / "01_objectif_flou.ipynb", as_version=4).cells
                  if c.cell_type == "code"]
    assert max(int(p[1:-2]) for p in prompts) == len(code_cells), (prompts, len(code_cells))
    assert page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").count() == 0
    assert outputs.filter(has_text="Traceback").count() == 0 and outputs.filter(has_text="Error").count() == 0
    # The site has neither JupyterLab nor the file browser's page: the app offers neither (they led to a 404),
    # nor links to the latter with its logo.
    page.get_by_role("menuitem", name="Affichage").click()
    expect(page.locator(".lm-Menu li[data-command]").first).to_be_visible()
    expect(page.locator("li[data-command='application:open-lab']")).to_have_count(0)
    expect(page.locator("li[data-command='application:open-tree']")).to_have_count(0)
    page.keyboard.press("Escape")
    expect(page.locator("a[href$='/tree']")).to_have_count(0)  # JupyterLite's logo linked there
    assert guard.blocked == [], f"{len(guard.blocked)} requests to another host: {guard.blocked[:10]}"
    assert guard.problems(failed_requests=True, console=True) == []


def test_chapter_10s_brief_is_exported_from_the_browser_as_markdown_and_pdf(site_url: str, context: BrowserContext,
                                                                            guard: h.PageGuard) -> None:
    """The course's final product, in the browser: « Exporter » gives the brief as Markdown and PDF (the PDF
    library is loaded once the workshop is shown, live_site.FILE_LINE), and says in French why there is no Word
    file (python-docx needs lxml, which has no WebAssembly build here). The files are downloaded and read.

    « Exporter » is clicked while the PDF library is still loading (its wheel is held here until then): the click
    waits, since JupyterLite's kernel takes one message at a time and the load is a line the REPL runs; the export
    then has its library. An export that ran without it would say that the PDF is not available online."""
    from playwright.sync_api import Route
    from workshops import WORKSHOPS, ExportFiles, without_exports

    from influence_workbook.optional import PDF_UNAVAILABLE, WORD_UNAVAILABLE
    from influence_workbook.typography import fix

    spec = next(s for s in WORKSHOPS if s.notebook.endswith("10_brief_clair.ipynb"))
    page = context.new_page()
    held: list[Route] = []
    pdf_wheel = re.compile(r"/fpdf2-[^/]+\.whl$")
    context.route(pdf_wheel, lambda route: held.append(route))  # the kernel's worker asks: a page route misses it
    try:
        page.goto(site_url + repl_url("10_brief_clair"))
        workshop = h.Workshop(page, spec.root, WORKSHOP_TIMEOUT_MS)
        workshop.wait_ready(spec.button)
        passing = next(answer for answer in spec.answers if answer.passes)
        for step in without_exports(passing.steps):
            step.apply(workshop)
        for _ in range(300):  # the page asks for the wheel once the workshop is shown
            if held:
                break
            page.wait_for_timeout(100)
        assert len(held) == 1, "the PDF library's wheel was never asked for"
        export = next(step for step in passing.steps if isinstance(step, ExportFiles))
        files = ExportFiles(button=export.button, links=export.links,
                            files=tuple(f for f in export.files if f[0] != ".docx"))
        workshop.click(files.button)
        page.wait_for_timeout(1_000)
        expect(workshop.root.locator(f"a.{files.links}")).to_have_count(0)  # still waiting: nothing made without it
        held[0].continue_()
    finally:  # the context is the module's: its other pages must get the wheel
        context.unroute(pdf_wheel)
    files.expect_files(workshop)
    expect(workshop.root.get_by_text(fix(WORD_UNAVAILABLE))).to_be_visible()
    expect(workshop.root.get_by_text(fix(PDF_UNAVAILABLE))).to_have_count(0)
    assert guard.blocked == [], f"{len(guard.blocked)} requests to another host: {guard.blocked[:10]}"
    assert guard.problems(failed_requests=True, console=True) == []
