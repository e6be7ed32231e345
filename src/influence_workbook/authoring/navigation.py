"""« ← Chapitre précédent · Accueil · Chapitre suivant → » at the end of every chapter notebook.

Each available chapter ends with one markdown cell, tagged ``chapter-nav``, written from
:data:`influence_workbook.chapters.CHAPTERS`: plain relative links to the neighbouring notebooks,
so they work the same in JupyterLab (a click opens the notebook in a tab) and in the book (MyST
turns a link to a notebook of the book into a link to its page). The home notebook
``00_accueil.ipynb`` is not a page of the book: :mod:`influence_workbook.authoring.book` points its
links at the book's home page instead. The last available chapter says that the next ones are in
preparation and leads back home.

``python -m influence_workbook.authoring.navigation`` rewrites the cells (idempotent);
``--check`` lists the notebooks whose navigation is missing or stale and exits 1
(``tests/test_navigation.py`` runs the same check).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat

from influence_workbook.chapters import CHAPTERS, Chapter
from influence_workbook.paths import course_root
from influence_workbook.typography import fix

#: The tag (and cell id) of the navigation cell.
NAV_TAG = "chapter-nav"
HOME_NOTEBOOK = "00_accueil.ipynb"


def available_chapters() -> list[Chapter]:
    return [chapter for chapter in CHAPTERS if chapter.available]


def navigation_markdown(chapter: Chapter) -> str:
    """The French navigation line of ``chapter`` (a chapter of :func:`available_chapters`)."""
    chapters = available_chapters()
    index = chapters.index(chapter)
    parts = []
    if index > 0:
        previous = chapters[index - 1]
        parts.append(f"[← Chapitre précédent : {previous.title}]({previous.slug}.ipynb)")
    parts.append(f"[Accueil]({HOME_NOTEBOOK})")
    if index + 1 < len(chapters):
        following = chapters[index + 1]
        parts.append(f"[Chapitre suivant : {following.title} →]({following.slug}.ipynb)")
    else:
        later = [c.number for c in CHAPTERS if c.number > chapter.number]
        if later:
            parts.append(f"Les chapitres {later[0]} à {later[-1]} sont en préparation."
                         if len(later) > 1 else f"Le chapitre {later[0]} est en préparation.")
    return fix(" · ".join(parts))


def navigation_cell(chapter: Chapter) -> nbformat.NotebookNode:
    cell: nbformat.NotebookNode = nbformat.v4.new_markdown_cell(navigation_markdown(chapter))
    cell.id = NAV_TAG
    cell.metadata["tags"] = [NAV_TAG]
    return cell


def _is_navigation(cell: nbformat.NotebookNode) -> bool:
    return NAV_TAG in cell.get("metadata", {}).get("tags", [])


def with_navigation(notebook: nbformat.NotebookNode, chapter: Chapter) -> bool:
    """Put ``chapter``'s navigation as the last cell of ``notebook``; True when something changed."""
    wanted = navigation_cell(chapter)
    cells = notebook.cells
    if cells and _is_navigation(cells[-1]) and cells[-1].source == wanted.source \
            and sum(_is_navigation(cell) for cell in cells) == 1:
        return False
    notebook.cells = [cell for cell in cells if not _is_navigation(cell)] + [wanted]
    return True


def chapter_notebook(root: Path, chapter: Chapter) -> Path:
    return root / "notebooks" / f"{chapter.slug}.ipynb"


def run(root: Path, apply: bool) -> list[str]:
    """The notebooks whose navigation is missing or stale (rewritten when ``apply``)."""
    stale = []
    for chapter in available_chapters():
        path = chapter_notebook(root, chapter)
        notebook = nbformat.read(path, as_version=4)
        if with_navigation(notebook, chapter):
            stale.append(str(path.relative_to(root)))
            if apply:
                nbformat.write(notebook, path)
    return stale


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="list stale notebooks, change nothing")
    args = parser.parse_args(argv)
    stale = run(course_root(), apply=not args.check)
    for path in stale:
        print(("navigation à écrire : " if args.check else "navigation écrite : ") + path)
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
