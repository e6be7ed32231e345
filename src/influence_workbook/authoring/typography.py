"""French typography for learner-facing text: find and fix ordinary spaces where French wants
non-breaking ones (« guillemets », before : ; ! ?, in « 20 % » and « 1 000 € »).

``python -m influence_workbook.authoring.typography --fix`` rewrites the markdown cells of the
notebooks and the book's pages; without ``--fix``
it lists the problems and exits 1 if there are any (the test suite runs the same check).
Code spans, code blocks, URLs, MyST roles and raw strings (regular expressions) are left alone.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat

from influence_workbook.paths import course_root
from influence_workbook.typography import NBSP, NNBSP, fix, problems_in

__all__ = ["NBSP", "NNBSP", "fix", "learner_files", "main", "problems_in", "run"]


def learner_files(root: Path) -> tuple[list[Path], list[Path]]:
    """Notebooks (their markdown cells) and book pages. Feedback messages written in Python get the
    same fix at run time, in :class:`influence_workbook.feedback.FeedbackItem`."""
    folders = ("notebooks", "solutions", "exercises")
    notebooks = [p for folder in folders for p in sorted((root / folder).glob("*.ipynb"))]
    pages = sorted((root / "book").glob("*.md"))
    return notebooks, pages


def run(root: Path, apply: bool) -> list[str]:
    problems: list[str] = []
    notebooks, pages = learner_files(root)
    for path in notebooks:
        notebook = nbformat.read(path, as_version=4)
        changed = False
        for index, cell in enumerate(notebook.cells):
            if cell.cell_type != "markdown":
                continue
            if apply:
                fixed = fix(cell.source)
                changed |= fixed != cell.source
                cell.source = fixed
            else:
                where = f"{path.relative_to(root)} cellule {index}"
                problems += [f"{where}: {p}" for p in problems_in(cell.source)]
        if apply and changed:
            nbformat.write(notebook, path)
    for path in pages:
        text = path.read_text(encoding="utf-8")
        if apply:
            path.write_text(fix(text), encoding="utf-8")
        else:
            problems += [f"{path.relative_to(root)}: {p}" for p in problems_in(text)]
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--fix", action="store_true", help="rewrite the files instead of listing problems")
    args = parser.parse_args(argv)
    problems = run(course_root(), apply=args.fix)
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
