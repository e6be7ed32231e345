"""Getting around (issue 20, item 5): each chapter ends with « précédent · accueil · suivant », the
home links to every chapter, and the links work in JupyterLab (files) and in the book (pages)."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser
from docutils.utils import new_document
from sphinx import addnodes

from influence_workbook.authoring.book import rewrite_home_links
from influence_workbook.authoring.navigation import (
    HOME_NOTEBOOK,
    NAV_TAG,
    available_chapters,
    navigation_markdown,
    run,
)
from influence_workbook.chapters import CHAPTERS
from influence_workbook.typography import problems_in

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = REPO / "notebooks"
LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")


def _links(markdown: str) -> list[tuple[str, str]]:
    return LINK.findall(markdown)


def test_no_chapter_lacks_its_navigation() -> None:
    assert run(REPO, apply=False) == [], "run: python -m influence_workbook.authoring.navigation"


@pytest.mark.parametrize("chapter", available_chapters(), ids=lambda c: c.slug)
def test_each_chapter_ends_with_previous_home_next(chapter: object) -> None:
    chapters = available_chapters()
    index = chapters.index(chapter)  # type: ignore[arg-type]
    notebook = nbformat.read(NOTEBOOKS / f"{chapters[index].slug}.ipynb", as_version=4)
    last = notebook.cells[-1]
    assert last.cell_type == "markdown" and NAV_TAG in last.metadata.get("tags", [])
    assert sum(NAV_TAG in cell.metadata.get("tags", []) for cell in notebook.cells) == 1
    targets = [target for _text, target in _links(last.source)]
    expected = ([f"{chapters[index - 1].slug}.ipynb"] if index > 0 else []) + [HOME_NOTEBOOK] + (
        [f"{chapters[index + 1].slug}.ipynb"] if index + 1 < len(chapters) else [])
    assert targets == expected
    for target in targets:
        assert (NOTEBOOKS / target).is_file(), target
    assert problems_in(last.source) == []


def test_the_last_available_chapter_says_the_next_are_in_preparation() -> None:
    last = available_chapters()[-1]
    text = navigation_markdown(last)
    if last is CHAPTERS[-1]:
        assert "préparation" not in text
    else:
        assert f"chapitres {last.number + 1}\u00a0à 10 sont en préparation" in text.replace(" à", "\u00a0à") \
            or f"chapitre {last.number + 1} est en préparation" in text
        assert "suivant" not in text


def test_the_link_texts_name_the_neighbouring_chapters() -> None:
    chapters = available_chapters()
    text = navigation_markdown(chapters[1])
    assert [label for label, _target in _links(text)] == [
        f"← Chapitre précédent\u00a0: {chapters[0].title}", "Accueil",
        f"Chapitre suivant\u00a0: {chapters[2].title} →"]


def test_the_home_links_to_every_available_chapter() -> None:
    home = nbformat.read(NOTEBOOKS / HOME_NOTEBOOK, as_version=4)
    targets = {target for cell in home.cells if cell.cell_type == "markdown" for _t, target in _links(cell.source)}
    for chapter in available_chapters():
        assert f"{chapter.slug}.ipynb" in targets, chapter.slug


def test_the_book_turns_home_links_into_links_to_its_home_page() -> None:
    """00_accueil.ipynb is not a page of the book: without the rewrite, MyST offers it as a download."""
    document = new_document("chapter", get_default_settings(Parser))
    paragraph = nodes.paragraph()
    # As MyST writes it: the classes on the inner text.
    home = addnodes.download_reference("", "", nodes.inline("", "Accueil", classes=["xref", "download", "myst"]),
                                       reftarget=HOME_NOTEBOOK, refdoc="notebooks/01_objectif_flou")
    # As MyST writes a link to a notebook it takes for a document (the build then misses it).
    home_doc = addnodes.pending_xref("", nodes.inline("", "Accueil"), refdomain="doc", reftype="myst",
                                     reftarget="notebooks/00_accueil", refdoc="notebooks/02_mauvais_influenceur")
    other = addnodes.download_reference("", "", nodes.inline("", "data.csv"), reftarget="data.csv")
    chapter = addnodes.pending_xref("", nodes.inline("", "Chapitre 2"), refdomain="doc", reftype="myst",
                                    reftarget="notebooks/02_mauvais_influenceur")
    paragraph += [home, other, home_doc, chapter]
    document += paragraph
    assert rewrite_home_links(document, "book/index") == 2
    links = [node for node in document.findall(addnodes.pending_xref) if node["refdomain"] == "std"]
    assert len(links) == 2
    for link in links:
        assert (link["refdomain"], link["reftype"], link["reftarget"]) == ("std", "doc", "/book/index")
        assert link["refexplicit"] and link.astext() == "Accueil"
    assert [node["reftarget"] for node in document.findall(addnodes.pending_xref) if node["refdomain"] == "doc"] \
        == ["notebooks/02_mauvais_influenceur"]
    assert not [part for part in link.findall(nodes.Element) if "download" in part["classes"]]
    assert [node["reftarget"] for node in document.findall(addnodes.download_reference)] == ["data.csv"]
