"""The live home notebook and the progress table agree with the chapter list."""

from __future__ import annotations

from pathlib import Path

import nbformat

from influence_workbook.chapters import CHAPTERS
from influence_workbook.checks import check_objective
from influence_workbook.paths import notebooks_dir
from influence_workbook.progress import ProgressStore
from influence_workbook.widgets.home import chapter_states, progress_overview


def test_home_links_every_available_chapter() -> None:
    home = nbformat.read(notebooks_dir() / "00_accueil.ipynb", as_version=4)
    text = "\n".join(cell.source for cell in home.cells if cell.cell_type == "markdown")
    for chapter in CHAPTERS:
        if chapter.available:
            assert f"]({chapter.slug}.ipynb)" in text, chapter.slug
            assert (notebooks_dir() / f"{chapter.slug}.ipynb").exists(), chapter.slug
        else:
            assert f"{chapter.number}. {chapter.title} — *en préparation*" in text


def test_progress_states_follow_saved_verdicts(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "progression.json")
    states = dict((n, s) for n, _t, s in chapter_states(store))
    assert states[1] == "À faire"
    store.save("ch01", "objective", "x", check_objective("Faire le buzz"))
    assert dict((n, s) for n, _t, s in chapter_states(store))[1] == "En cours"
    store.save("ch01", "objective", "y", check_objective(
        "Conversion : 1 500 ventes d'ici fin juin 2027 auprès des 18-34 ans en France"))
    assert dict((n, s) for n, _t, s in chapter_states(store))[1] == "Réussi"
    html = progress_overview(store).value
    assert "<caption>" in html and "Réussi" in html
