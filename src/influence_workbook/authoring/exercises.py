"""Generate the learner exercises (``exercises/``) from their worked solutions (``solutions/``).

One source, two versions, so they cannot drift (the pattern of otter-grader and Neuromatch).
Markers in a solution notebook:

* a code line ``name = value  # SOLUTION`` becomes ``name = ...  # À compléter``;
* lines between ``# BEGIN SOLUTION`` and ``# END SOLUTION`` become ``...  # À compléter``;
* a markdown cell tagged ``solution`` (a worked explanation) is left out.

``python -m influence_workbook.authoring.exercises`` rewrites ``exercises/``; with ``--check``
it writes nothing and exits 1 when a committed exercise differs from a fresh generation or
when anything of a solution leaks into an exercise.
"""

from __future__ import annotations

import argparse
import copy
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbformat import NotebookNode

from influence_workbook.paths import course_root

PLACEHOLDER = "...  # À compléter"
SOLUTION_TAG = "solution"
_INLINE = re.compile(r"^(?P<head>\s*[^#\n]*?=)\s*(?P<value>\S.*?)\s*#\s*SOLUTION\s*$")
_BEGIN = re.compile(r"^(?P<indent>\s*)#\s*BEGIN SOLUTION\s*$")
_END = re.compile(r"^\s*#\s*END SOLUTION\s*$")
_MARKER_WORDS = ("# SOLUTION", "BEGIN SOLUTION", "END SOLUTION")


class MarkerError(ValueError):
    """A solution notebook whose markers do not pair up."""


@dataclass(frozen=True)
class StrippedCode:
    source: str
    hidden: tuple[str, ...]  # the solution fragments removed, to check that none leaks


def strip_solution_code(source: str) -> StrippedCode:
    """The learner version of one code cell's source, and the fragments it hides."""
    lines_out: list[str] = []
    hidden: list[str] = []
    inside: str | None = None  # indentation of the open BEGIN SOLUTION block
    for number, line in enumerate(source.splitlines(), start=1):
        begin = _BEGIN.match(line)
        if begin:
            if inside is not None:
                raise MarkerError(f"line {number}: BEGIN SOLUTION inside another block")
            inside = begin.group("indent")
            continue
        if _END.match(line):
            if inside is None:
                raise MarkerError(f"line {number}: END SOLUTION without BEGIN SOLUTION")
            lines_out.append(f"{inside}{PLACEHOLDER}")
            inside = None
            continue
        if inside is not None:
            if line.strip():
                hidden.append(line.strip())
            continue
        inline = _INLINE.match(line)
        if inline:
            hidden.append(inline.group("value"))
            lines_out.append(f"{inline.group('head')} {PLACEHOLDER}")
            continue
        if "SOLUTION" in line and any(word in line for word in _MARKER_WORDS):
            raise MarkerError(
                f"line {number}: a SOLUTION marker this tool does not understand: {line.strip()!r}"
            )
        lines_out.append(line)
    if inside is not None:
        raise MarkerError("BEGIN SOLUTION is never closed by END SOLUTION")
    return StrippedCode("\n".join(lines_out), tuple(hidden))


def make_exercise(solution: NotebookNode) -> tuple[NotebookNode, tuple[str, ...]]:
    """The learner notebook for a solution notebook, without outputs, and the hidden fragments."""
    exercise = copy.deepcopy(solution)
    cells = []
    hidden: list[str] = []
    for cell in exercise.cells:
        tags = cell.get("metadata", {}).get("tags", [])
        if SOLUTION_TAG in tags:
            hidden.extend(line.strip() for line in cell.source.splitlines() if len(line.strip()) > 20)
            continue
        if cell.cell_type == "code":
            stripped = strip_solution_code(cell.source)
            cell.source = stripped.source
            hidden.extend(stripped.hidden)
            cell.outputs = []
            cell.execution_count = None
            cell.metadata.pop("execution", None)
        cells.append(cell)
    exercise.cells = cells
    exercise.metadata.pop("widgets", None)
    return exercise, tuple(hidden)


def find_leaks(exercise: NotebookNode, hidden: tuple[str, ...]) -> list[str]:
    """Solution fragments or markers found anywhere in an exercise notebook (sources and outputs)."""
    text = nbformat.writes(exercise)
    leaks = [f"marker {word!r}" for word in _MARKER_WORDS if word in text]
    leaks += [
        f"tag {SOLUTION_TAG!r}"
        for cell in exercise.cells
        if SOLUTION_TAG in cell.get("metadata", {}).get("tags", [])
    ]
    for fragment in hidden:
        if len(fragment) >= 4 and fragment not in {"...", "True", "False", "None"}:
            for cell in exercise.cells:
                if fragment in cell.source:
                    leaks.append(f"solution text {fragment[:60]!r}")
                    break
    return leaks


def exercise_path_for(solution_path: Path, root: Path) -> Path:
    return root / "exercises" / solution_path.name


def generate(root: Path | None = None, check: bool = False) -> list[str]:
    """Generate (or, with ``check``, compare) every exercise; returns the problems found."""
    root = root or course_root()
    problems: list[str] = []
    written: list[Path] = []
    solutions = sorted((root / "solutions").glob("*.ipynb"))
    if not solutions:
        return [f"no solution notebook in {root / 'solutions'}"]
    for solution_path in solutions:
        solution = nbformat.read(solution_path, as_version=4)
        try:
            exercise, hidden = make_exercise(solution)
        except MarkerError as error:
            problems.append(f"{solution_path.name}: {error}")
            continue
        problems += [f"{solution_path.name}: leaks {leak}" for leak in find_leaks(exercise, hidden)]
        target = exercise_path_for(solution_path, root)
        if check:
            if not target.exists():
                problems.append(f"{target.relative_to(root)} is missing: run `make exercises`")
                continue
            committed = nbformat.read(target, as_version=4)
            if _sources(committed) != _sources(exercise):
                problems.append(f"{target.relative_to(root)} differs from its solution: run `make exercises`")
            problems += [f"{target.name}: leaks {leak}" for leak in find_leaks(committed, hidden)]
        elif target.exists() and _sources(nbformat.read(target, as_version=4)) == _sources(exercise):
            continue  # unchanged: keep its stored outputs
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(exercise, target)
            written.append(target)
    if written:
        print("written (run them to store outputs): " + " ".join(str(p.relative_to(root)) for p in written))
    return problems


def _sources(notebook: NotebookNode) -> list[tuple[str, str, list[str]]]:
    """What must match between a generated and a committed exercise: cells, sources, tags."""
    return [(c.cell_type, c.source, sorted(c.get("metadata", {}).get("tags", []))) for c in notebook.cells]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args(argv)
    problems = generate(check=args.check)
    for problem in problems:
        print(problem, file=sys.stderr)
    if not problems:
        print("exercises up to date" if args.check else "exercises written")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
