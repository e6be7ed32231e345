"""Every workshop works where pandas, numpy, matplotlib, Pillow, lxml and python-docx cannot be imported.

That is the published site: the course runs in the learner's browser (Pyodide), where those libraries
cannot be installed (issue 23). A subprocess Python blocks them with a meta-path finder, then, for every
workshop of the browser tests' specs (``tests/browser/workshops.py``): builds it as its chapter's
notebook does, enters each sample answer, clicks « Vérifier », and builds it again on the same progress
file. The verdicts it shows must be those this process computes with pandas available (the same driver
run here, and the spec's own ``expected``), and the reloaded workshop must show the saved answer. The
home's campaign form, progress, certificate and export panel are built and used the same way; the
brief's export offers what can be made there and says in French what cannot.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from unittest import mock

import pytest

from influence_workbook import live_site
from workshop_driver import drive

TESTS = Path(__file__).resolve().parent
TODAY = "2026-12-07"
#: What Pyodide cannot install here (no WebAssembly wheels reachable): the subprocess blocks them.
BLOCKED = ("pandas", "numpy", "matplotlib", "PIL", "lxml", "docx")

BLOCKER = f"""
import importlib.abc, sys
BLOCKED = {BLOCKED!r}
ATTEMPTS = []
class Blocker(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in BLOCKED:
            ATTEMPTS.append(name)
            raise ImportError(f"{{name}} cannot be imported here (as in Pyodide)")
        return None
sys.meta_path.insert(0, Blocker())
import os
del os.link  # Pyodide's os has no hard links (a second save failed there until progress.py did without)
"""

SUBPROCESS = BLOCKER + """
import importlib, json
sys.path.insert(0, TESTS_FOLDER)
import workshop_driver as driver
plan = json.loads(sys.stdin.read())
result = driver.drive(plan)
result["loaded"] = sorted({name.split(".")[0] for name in sys.modules} & set(BLOCKED))
result["attempts"] = sorted(set(ATTEMPTS))
import influence_workbook
from influence_workbook.data.rows import data_dir
result["package"], result["data"] = influence_workbook.__file__, str(data_dir())
refused = []
for name in BLOCKED:
    try:
        importlib.import_module(name)
    except ImportError:
        refused.append(name)
result["refused"] = refused
print(json.dumps(result))
"""


# ------------------------------------------------------------------------------------- the test


def _step_data(step: Any) -> dict[str, Any]:
    data = {field.name: getattr(step, field.name) for field in dataclasses.fields(step)}
    data = {key: list(value) if isinstance(value, tuple) else value for key, value in data.items()}
    data.pop("files", None)  # ExportFiles' expected bytes: the test reads the links instead
    return {"kind": type(step).__name__, **data}


def make_plan() -> tuple[dict[str, Any], list[Any]]:
    """The browser specs' workshops and sample answers as plain data (the specs need pandas to be built)."""
    sys.path.insert(0, str(TESTS / "browser"))
    try:
        from workshops import WORKSHOPS
    finally:
        sys.path.remove(str(TESTS / "browser"))
    workshops = []
    for spec in WORKSHOPS:
        module, function = live_site.WORKSHOPS[Path(spec.notebook).stem]  # the site's, checked against the notebooks
        workshops.append({
            "id": spec.id, "module": module, "function": function, "feedback": spec.feedback,
            "prefix": spec.feedback.removesuffix("-feedback"), "status": spec.status,
            "answers": [{"name": a.name, "steps": [_step_data(s) for s in a.steps]} for a in spec.answers],
        })
    return {"today": TODAY, "workshops": workshops}, list(WORKSHOPS)


def _run_blocked(plan: Mapping[str, Any], *, path_first: Path | None = None, cwd: Path | None = None) -> Any:
    """Run :func:`drive` on ``plan`` in a Python that cannot import the scientific stack; its JSON result."""
    script = SUBPROCESS.replace("TESTS_FOLDER", repr(str(TESTS)))
    if path_first is not None:  # an installed copy of the package, not the checkout's editable install
        script = (f"import sys\nsys.path.insert(0, {str(path_first)!r})\n"
                  "sys.path[:] = [p for p in sys.path if not p.endswith('/src') and '__editable__' not in p]\n"
                  f"sys.meta_path[:] = [f for f in sys.meta_path if '__editable__' not in repr(f)]\n{script}")
    env = {key: value for key, value in os.environ.items() if not key.startswith("INFLUENCE_WORKBOOK_")}
    blocked = subprocess.run([sys.executable, "-c", script], input=json.dumps(plan), capture_output=True, text=True,
                             env=env, timeout=600, check=False, cwd=cwd)
    assert blocked.returncode == 0, blocked.stderr[-4000:]
    return json.loads(blocked.stdout)


@pytest.fixture(scope="module")
def runs() -> tuple[dict[str, Any], dict[str, Any], list[Any]]:
    plan, specs = make_plan()
    blocked = _run_blocked(plan)
    with mock.patch.dict(os.environ):  # the driver sets the date and the learner's folder: put them back after
        here = drive(plan)  # the same workshops with pandas, numpy and matplotlib importable
    return blocked, here, specs


def test_the_subprocess_really_ran_without_the_scientific_stack(runs: Any) -> None:
    blocked, _, _ = runs
    assert blocked["loaded"] == []  # nothing of the scientific stack was imported by the workshops
    assert blocked["refused"] == list(BLOCKED)  # and none of it could have been


def test_every_workshop_shows_the_verdicts_computed_with_pandas(runs: Any) -> None:
    from datetime import date

    from influence_workbook.widgets.render import feedback_html

    blocked, here, specs = runs
    for spec in specs:
        for answer in spec.answers:
            without, with_pandas = blocked["workshops"][spec.id][answer.name], here["workshops"][spec.id][answer.name]
            assert without["feedback"] == with_pandas["feedback"], (spec.id, answer.name)
            values = {step.widget: step.value for step in answer.steps if step.value is not None}
            expected = spec.expected(values, date.fromisoformat(TODAY))
            assert without["feedback"] == feedback_html(expected, style=False), (spec.id, answer.name)
            if answer.passes is not None:
                assert expected.passed is answer.passes, (spec.id, answer.name)
            if spec.status:
                assert "Enregistré le" in without["status"], (spec.id, answer.name, without["status"])


def test_every_workshop_reloads_the_saved_answer_without_the_scientific_stack(runs: Any) -> None:
    blocked, _, specs = runs
    for spec in specs:
        for answer in spec.answers:
            shown = blocked["workshops"][spec.id][answer.name]
            assert shown["reloaded_feedback"] == shown["feedback"], (spec.id, answer.name)
            assert shown["reloaded"], (spec.id, answer.name)
            for got, wanted in shown["reloaded"]:
                assert got == wanted, (spec.id, answer.name)


def test_the_brief_export_offers_markdown_and_says_why_word_is_missing(runs: Any) -> None:
    from influence_workbook.feedback import escape
    from influence_workbook.optional import WORD_UNAVAILABLE

    blocked, here, _ = runs
    without = blocked["workshops"]["ch10"]["complete-brief-exported"]["downloads"]
    with_stack = here["workshops"]["ch10"]["complete-brief-exported"]["downloads"]
    assert ".md" in without and ".docx" not in without and escape(WORD_UNAVAILABLE) in without
    assert ".md" in with_stack and ".docx" in with_stack and ".pdf" in with_stack
    assert escape(WORD_UNAVAILABLE) not in with_stack


def test_the_budget_exports_as_excel_and_csv_without_the_scientific_stack(runs: Any) -> None:
    blocked, _, _ = runs
    for shown in blocked["workshops"]["ch09"].values():
        assert ".xlsx" in shown["budget_export"] and ".csv" in shown["budget_export"], shown["budget_export"][:300]


def test_the_home_page_and_the_export_panel_work_without_the_scientific_stack(runs: Any) -> None:
    blocked, here, _ = runs
    assert blocked["home"]["form_fields"] == here["home"]["form_fields"] > 0
    assert blocked["home"]["certificate"] == here["home"]["certificate"]
    assert "il reste" in blocked["home"]["certificate"].lower()  # a fresh learner: chapters left, said in French
    assert "data:application/json;base64," in blocked["home"]["export"]
    assert "Traceback" not in json.dumps(blocked)


def test_an_installed_copy_reads_the_data_it_ships_in_its_resources(runs: Any, tmp_path: Path) -> None:
    # As the wheel the published site installs: the package alone, the data in influence_workbook/resources/data
    # (not the teachers' answer key), run from a folder outside the checkout.
    import influence_workbook
    from influence_workbook.data.rows import data_dir, workshop_data_files

    site = tmp_path / "site"
    package = site / "influence_workbook"
    shutil.copytree(Path(influence_workbook.__file__).parent, package,
                    ignore=shutil.ignore_patterns("__pycache__"))
    for name in workshop_data_files():
        target = package / "resources" / "data" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(data_dir() / name, target)
    (tmp_path / "elsewhere").mkdir()
    _, here, _ = runs
    plan, _ = make_plan()
    assert not any("answer_key" in name for name in workshop_data_files())
    data_users = {"ch02", "ch04", "ch05-classification", "ch07", "ch08", "ch09"}
    plan["workshops"] = [spec for spec in plan["workshops"] if spec["id"] in data_users]
    copy = _run_blocked(plan, path_first=site, cwd=tmp_path / "elsewhere")
    assert copy["loaded"] == [] and set(copy["workshops"]) == data_users
    assert copy["package"] == str(package / "__init__.py") and copy["data"] == str(package / "resources" / "data")
    for workshop, answers in copy["workshops"].items():
        for name, shown in answers.items():
            assert shown["feedback"] == here["workshops"][workshop][name]["feedback"], (workshop, name)
