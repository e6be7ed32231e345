"""Exercises are generated from solutions: no drift, no leak, markers understood."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from influence_workbook.authoring.exercises import (
    PLACEHOLDER,
    MarkerError,
    find_leaks,
    generate,
    make_exercise,
    strip_solution_code,
)
from influence_workbook.paths import course_root


def test_inline_solution_becomes_a_placeholder() -> None:
    stripped = strip_solution_code('objectif_1 = "Conversion : 1 500 ventes"  # SOLUTION\ncheck(objectif_1)')
    assert stripped.source == f"objectif_1 = {PLACEHOLDER}\ncheck(objectif_1)"
    assert stripped.hidden == ('"Conversion : 1 500 ventes"',)


def test_block_solution_keeps_indentation() -> None:
    source = "def f():\n    # BEGIN SOLUTION\n    x = 1\n    return x\n    # END SOLUTION\nf()"
    stripped = strip_solution_code(source)
    assert stripped.source == f"def f():\n    {PLACEHOLDER}\nf()"
    assert stripped.hidden == ("x = 1", "return x")


@pytest.mark.parametrize(
    "source",
    ["# BEGIN SOLUTION\nx = 1", "x = 1\n# END SOLUTION", "# BEGIN SOLUTION\n# BEGIN SOLUTION\n# END SOLUTION",
     "x = 1  # SOLUTION: keep"],
)
def test_broken_markers_are_reported(source: str) -> None:
    with pytest.raises(MarkerError):
        strip_solution_code(source)


def test_solution_cells_and_outputs_are_removed() -> None:
    solution = new_notebook(cells=[
        new_markdown_cell("# Exercice"),
        new_code_cell('reponse = "secret answer text"  # SOLUTION', outputs=[], execution_count=3),
        new_markdown_cell("Explication détaillée de la bonne réponse, avec le raisonnement.",
                          metadata={"tags": ["solution"]}),
    ])
    exercise, hidden = make_exercise(solution)
    assert [c.cell_type for c in exercise.cells] == ["markdown", "code"]
    assert exercise.cells[1].execution_count is None
    assert find_leaks(exercise, hidden) == []
    exercise.cells[1].source += '\n# "secret answer text"'
    assert find_leaks(exercise, hidden) == ["solution text '\"secret answer text\"'"]


def test_committed_exercises_match_their_solutions_and_leak_nothing() -> None:
    assert generate(course_root(), check=True) == []


def test_every_solution_has_an_exercise_and_vice_versa() -> None:
    root = course_root()
    solutions = {p.name for p in (root / "solutions").glob("*.ipynb")}
    exercises = {p.name for p in (root / "exercises").glob("*.ipynb")}
    assert solutions, "no solution notebook"
    assert solutions == exercises


def test_drift_is_detected(tmp_path: Path) -> None:
    root = course_root()
    for folder in ("solutions", "exercises"):
        (tmp_path / folder).mkdir()
        for path in (root / folder).glob("*.ipynb"):
            (tmp_path / folder / path.name).write_bytes(path.read_bytes())
    victim = next((tmp_path / "exercises").glob("*.ipynb"))
    notebook = nbformat.read(victim, as_version=4)
    notebook.cells[0].source += "\nÉdité à la main."
    nbformat.write(notebook, victim)
    problems = generate(tmp_path, check=True)
    assert any("differs from its solution" in p for p in problems)
