"""The learner's workspace (issue 20): copies outside the clone, no solution, updates that keep edits."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from influence_workbook import workspace as ws
from influence_workbook.live_pages import leftover_myst, plain_markdown, references
from influence_workbook.paths import course_root

ROOT = course_root()
LINK = re.compile(r"\]\(([^)\s]+)\)|href='([^']+)'|href=\"([^\"]+)\"")


def _cells(path: Path) -> list[dict[str, Any]]:
    cells: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return cells


def _source(cell: dict[str, Any]) -> str:
    return "".join(cell["source"])


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("espace")
    ws.build_workspace(target, ROOT)
    return target


@pytest.fixture
def course_copy(tmp_path: Path) -> Path:
    """A copy of the course's sources, to play a course update on."""
    root = tmp_path / "course"
    for name in ("notebooks", "exercises", "book"):
        shutil.copytree(ROOT / name, root / name)
    return root


def test_every_chapter_and_exercise_is_copied_and_no_solution(built: Path) -> None:
    chapters = sorted(path.name for path in (ROOT / "notebooks").glob("*.ipynb"))
    exercises = sorted(path.name for path in (ROOT / "exercises").glob("*.ipynb"))
    assert chapters and exercises
    for name in chapters:
        assert (built / ws.COURSE_FOLDER / name).is_file()
        assert (built / ws.CHAPTERS_FOLDER / name).is_file()
    for name in exercises:
        assert (built / ws.EXERCISES_FOLDER / name).is_file()
    # Every line a solution has and its exercise does not (the answers) is absent from the workspace.
    everything = "\n".join(path.read_text(encoding="utf-8") for path in built.rglob("*") if path.is_file())
    leaks = []
    for solution in (ROOT / "solutions").glob("*.ipynb"):
        exercise = ROOT / "exercises" / solution.name
        exercise_lines = {line.strip() for cell in _cells(exercise) for line in _source(cell).splitlines()}
        for cell in _cells(solution):
            for line in _source(cell).splitlines():
                stripped = line.strip()
                if len(stripped) > 25 and stripped not in exercise_lines and json.dumps(stripped)[1:-1] in everything:
                    leaks.append(f"{solution.name}: {stripped}")
    assert leaks == []
    assert not list(built.rglob("solutions")), "a solutions folder in the workspace"


def test_course_pages_drop_what_is_not_true_in_course_mode(built: Path) -> None:
    for page in (built / ws.COURSE_FOLDER).glob("*.ipynb"):
        for cell in _cells(page):
            tags = set(cell.get("metadata", {}).get("tags", []))
            assert not tags & {ws.ONLY_BOOK, ws.ONLY_LAB}, (page.name, tags)
            text = _source(cell)
            assert "Exécuter toutes les cellules" not in text, page.name
            if cell["cell_type"] == "markdown":
                assert leftover_myst(text) == [], (page.name, leftover_myst(text))
            else:
                assert cell["outputs"] == [], f"{page.name}: a stored output would show before the live one"


def test_student_copies_keep_lab_instructions_and_fold_the_workshop_code(built: Path) -> None:
    home = _cells(built / ws.CHAPTERS_FOLDER / "03_concept_peu_creatif.ipynb")
    assert any(ws.ONLY_LAB in cell.get("metadata", {}).get("tags", []) for cell in home)
    assert not any(ws.ONLY_BOOK in cell.get("metadata", {}).get("tags", []) for cell in home)
    workshop = [cell for cell in home if "concept_workshop()" in _source(cell)]
    assert workshop and workshop[0]["metadata"]["jupyter"]["source_hidden"] is True
    assert all(cell.get("outputs", []) == [] for cell in home if cell["cell_type"] == "code")
    notebook = json.loads((built / ws.CHAPTERS_FOLDER / "00_accueil.ipynb").read_text(encoding="utf-8"))
    assert "widgets" not in notebook["metadata"], "saved widget state shows dead copies of the workshops"


def test_every_link_of_the_live_pages_leads_somewhere(built: Path) -> None:
    missing = []
    for folder in (ws.COURSE_FOLDER, ws.CHAPTERS_FOLDER):
        for page in (built / folder).glob("*.ipynb"):
            for cell in _cells(page):
                if cell["cell_type"] != "markdown":
                    continue
                for match in LINK.finditer(_source(cell)):
                    target = next(group for group in match.groups() if group)
                    if target.startswith(("http://", "https://", "#", "mailto:")):
                        continue
                    path = target.split("#", 1)[0]
                    if path.startswith("../../../lab/tree/"):
                        resolved = built / path.removeprefix("../../../lab/tree/")
                    elif path.startswith("../../../voila/render/"):
                        resolved = built / path.removeprefix("../../../voila/render/")
                    else:
                        resolved = (built / folder / path).resolve()
                    if not resolved.is_file():
                        missing.append(f"{folder}/{page.name} → {target}")
    assert missing == []


def test_citations_become_author_year_links_to_the_bibliography_page(built: Path) -> None:
    text = plain_markdown("Voir {cite}`cuennet2023` et {cite:t}`cuennet2023`.")
    assert text == (
        "Voir ([Cuennet, 2023](bibliographie.ipynb#cuennet2023)) et "
        "[Cuennet (2023)](bibliographie.ipynb#cuennet2023)."
    )
    bibliography = _source(_cells(built / ws.COURSE_FOLDER / ws.BIBLIOGRAPHY_PAGE)[0])
    for key in references():
        assert f'<a id="{key}"></a>' in bibliography, key


def test_admonitions_become_quotes_with_their_title() -> None:
    text = plain_markdown(":::{admonition} La phrase modèle\n:class: tip\nUn **objectif** clair.\n:::\n\nSuite.")
    assert text == "> **La phrase modèle**\n>\n> Un **objectif** clair.\n\nSuite."
    assert plain_markdown(":::{note}\nTexte.\n:::") == "> **Remarque**\n>\n> Texte."
    kept = plain_markdown(":::{note}\nVoir {cite}`cuennet2023`.\n:::", keep_admonitions=True)
    assert kept.startswith(":::{note}\n") and "[Cuennet, 2023]" in kept


def _edit(path: Path, change: Any) -> None:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    change(notebook["cells"])
    path.write_text(json.dumps(notebook, ensure_ascii=False), encoding="utf-8")


def _first_code(cells: list[dict[str, Any]]) -> dict[str, Any]:
    return next(cell for cell in cells if cell["cell_type"] == "code")


def test_an_update_keeps_the_learners_edits_and_brings_the_rest(course_copy: Path, tmp_path: Path) -> None:
    target = tmp_path / "espace"
    ws.build_workspace(target, course_copy)
    exercise = target / ws.EXERCISES_FOLDER / "01_objectif_flou.ipynb"
    untouched = target / ws.EXERCISES_FOLDER / "02_mauvais_influenceur.ipynb"

    def learner_answers(cells: list[dict[str, Any]]) -> None:
        _first_code(cells)["source"] = ["reponse = 'ma réponse à moi'\n"]
        cells.append({"cell_type": "markdown", "id": "mes-notes", "metadata": {}, "source": ["Mes notes"]})

    _edit(exercise, learner_answers)

    def course_update(cells: list[dict[str, Any]]) -> None:
        cells[0]["source"] = ["# Titre revu par le cours\n"]
        cells.append({"cell_type": "markdown", "id": "nouvelle", "metadata": {}, "source": ["Nouvelle section"]})

    _edit(course_copy / "exercises" / "01_objectif_flou.ipynb", course_update)
    _edit(course_copy / "exercises" / "02_mauvais_influenceur.ipynb", course_update)
    report = ws.build_workspace(target, course_copy)

    merged = _cells(exercise)
    sources = [_source(cell) for cell in merged]
    assert "reponse = 'ma réponse à moi'\n" in sources, "the learner's answer was lost"
    assert "Mes notes" in sources, "the learner's own cell was lost"
    assert sources[0] == "# Titre revu par le cours\n", "the course's update did not arrive"
    assert "Nouvelle section" in sources
    assert f"{ws.EXERCISES_FOLDER}/01_objectif_flou.ipynb" in report.merged
    assert _source(_cells(untouched)[0]) == "# Titre revu par le cours\n"
    assert f"{ws.EXERCISES_FOLDER}/02_mauvais_influenceur.ipynb" in report.written
    assert report.notices == []


def test_a_cell_changed_on_both_sides_keeps_the_learners_and_adds_the_new_version(
    course_copy: Path, tmp_path: Path
) -> None:
    target = tmp_path / "espace"
    ws.build_workspace(target, course_copy)
    exercise = target / ws.EXERCISES_FOLDER / "01_objectif_flou.ipynb"
    _edit(exercise, lambda cells: _first_code(cells).update(source=["mine = 1\n"]))
    _edit(course_copy / "exercises" / "01_objectif_flou.ipynb",
          lambda cells: _first_code(cells).update(source=["theirs = 2\n"]))
    report = ws.build_workspace(target, course_copy)
    cells = _cells(exercise)
    index = [_source(cell) for cell in cells].index("mine = 1\n")
    assert _source(cells[index + 1]) == "theirs = 2\n"
    assert ws.NEW_VERSION_TAG in cells[index + 1]["metadata"]["tags"]
    assert len(report.notices) == 1 and "01_objectif_flou.ipynb" in report.notices[0]


def test_a_damaged_copy_is_never_written_over(course_copy: Path, tmp_path: Path) -> None:
    target = tmp_path / "espace"
    ws.build_workspace(target, course_copy)
    damaged = target / ws.EXERCISES_FOLDER / "03_concept_peu_creatif.ipynb"
    damaged.write_text('{"cells": [ … coupé', encoding="utf-8")
    report = ws.build_workspace(target, course_copy)
    assert damaged.read_text(encoding="utf-8") == '{"cells": [ … coupé'
    beside = damaged.with_name("03_concept_peu_creatif (version du cours).ipynb")
    assert json.loads(beside.read_text(encoding="utf-8"))["cells"]
    assert len(report.notices) == 1 and "illisible" in report.notices[0]


def test_a_deleted_copy_comes_back_and_building_writes_nothing_in_the_course(
    course_copy: Path, tmp_path: Path
) -> None:
    before = sorted(str(path) for path in course_copy.rglob("*"))
    target = tmp_path / "espace"
    ws.build_workspace(target, course_copy)
    (target / ws.CHAPTERS_FOLDER / "01_objectif_flou.ipynb").unlink()
    ws.build_workspace(target, course_copy)
    assert (target / ws.CHAPTERS_FOLDER / "01_objectif_flou.ipynb").is_file()
    assert sorted(str(path) for path in course_copy.rglob("*")) == before


def test_the_command_says_where_the_workspace_is_and_in_french_when_it_cannot(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert ws.main([str(tmp_path / "espace")]) == 0
    assert capsys.readouterr().out.strip().splitlines()[-1] == str(tmp_path / "espace")
    blocker = tmp_path / "fichier"
    blocker.write_text("pas un dossier", encoding="utf-8")
    assert ws.main([str(blocker / "espace")]) == 1
    error = capsys.readouterr().err
    assert error.startswith("L'espace de travail n'a pas pu être préparé") and "Traceback" not in error
