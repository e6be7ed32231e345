"""French typography for learner-facing text: find and fix ordinary spaces where French wants
non-breaking ones (« guillemets », before : ; ! ? even right after a citation or a link, in « 20 % »
and « 1 000 € »), and curly apostrophes where the course writes straight ones (').

``python -m influence_workbook.authoring.typography --fix`` rewrites the markdown cells of the
notebooks, the book's pages and the quizzes' texts (apostrophes only: quizzes get their spaces
at display time); without ``--fix`` it lists the problems and exits 1 if there are any (the test
suite runs the same check). Code spans, code blocks, URLs, MyST roles and raw strings (regular
expressions) are left alone.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import nbformat

from influence_workbook.paths import course_root
from influence_workbook.typography import (
    NBSP,
    NNBSP,
    apostrophe_problems,
    fix,
    problems_in,
    straighten_apostrophes,
)

__all__ = ["NBSP", "NNBSP", "fix", "fix_text", "learner_files", "main", "problems_in", "quiz_files", "run",
           "text_problems"]


def text_problems(text: str) -> list[str]:
    """Spaces and apostrophes of a learner-facing French text."""
    return problems_in(text) + apostrophe_problems(text)


def fix_text(text: str) -> str:
    return straighten_apostrophes(fix(text))


def quiz_files(root: Path) -> list[Path]:
    return sorted((root / "notebooks" / "quiz").glob("*.json"))


def _quiz_texts(node: Any) -> list[str]:
    """Every string a learner reads in a quiz file (questions, answers, explanations)."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, list):
        return [text for item in node for text in _quiz_texts(item)]
    if isinstance(node, dict):
        return [text for value in node.values() for text in _quiz_texts(value)]
    return []


def _straighten_quiz(node: Any) -> Any:
    if isinstance(node, str):
        return straighten_apostrophes(node)
    if isinstance(node, list):
        return [_straighten_quiz(item) for item in node]
    if isinstance(node, dict):
        return {key: _straighten_quiz(value) for key, value in node.items()}
    return node


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
                fixed = fix_text(cell.source)
                changed |= fixed != cell.source
                cell.source = fixed
            else:
                where = f"{path.relative_to(root)} cellule {index}"
                problems += [f"{where}: {p}" for p in text_problems(cell.source)]
        if apply and changed:
            nbformat.write(notebook, path)
    for path in pages:
        text = path.read_text(encoding="utf-8")
        if apply:
            fixed = fix_text(text)
            if fixed != text:
                path.write_text(fixed, encoding="utf-8")
        else:
            problems += [f"{path.relative_to(root)}: {p}" for p in text_problems(text)]
    for path in quiz_files(root):
        quiz = json.loads(path.read_text(encoding="utf-8"))
        if apply:
            fixed_quiz = _straighten_quiz(quiz)
            if fixed_quiz != quiz:
                path.write_text(json.dumps(fixed_quiz, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        else:
            problems += [f"{path.relative_to(root)}: {p}" for text in _quiz_texts(quiz)
                         for p in apostrophe_problems(text)]
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
