"""Execute the course notebooks and store their outputs (``make notebooks``).

Stored outputs are what nbval compares against in ``make test`` and what a learner sees before
running anything. They must not depend on the author's machine or calendar, so execution
freezes today's date (``INFLUENCE_WORKBOOK_TODAY``) and uses an empty, temporary progress
folder (``INFLUENCE_WORKBOOK_HOME``) instead of the author's own saved work.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from influence_workbook.authoring.book import KERNEL_LOG_LEVEL
from influence_workbook.paths import course_root

FROZEN_TODAY = "2026-11-28"
FOLDERS = ("notebooks", "solutions", "exercises")
TIMEOUT_SECONDS = 300


@contextmanager
def reproducible_environment() -> Iterator[Path]:
    """Frozen date and a throw-away progress folder, for the kernels started inside."""
    saved = {key: os.environ.get(key) for key in ("INFLUENCE_WORKBOOK_TODAY", "INFLUENCE_WORKBOOK_HOME")}
    with tempfile.TemporaryDirectory(prefix="iw-progress-") as home:
        os.environ["INFLUENCE_WORKBOOK_TODAY"] = FROZEN_TODAY
        os.environ["INFLUENCE_WORKBOOK_HOME"] = home
        try:
            yield Path(home)
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value


def execute_notebook(path: Path) -> None:
    """Run every cell of ``path`` in a fresh kernel (its own folder as working directory), store outputs."""
    notebook = nbformat.read(path, as_version=4)
    # The kernel's own start-up log at ERROR, as in the book build: ipykernel's « Kernel is running
    # over TCP without encryption » warning, once per notebook, is not about the course.
    client = NotebookClient(notebook, timeout=TIMEOUT_SECONDS, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}}, store_widget_state=True,
                            extra_arguments=[KERNEL_LOG_LEVEL])
    client.execute()
    for cell in notebook.cells:
        cell.get("metadata", {}).pop("execution", None)  # timings change on every run
    nbformat.write(notebook, path)


def course_notebooks(root: Path, folders: Iterable[str] = FOLDERS) -> list[Path]:
    return [path for folder in folders for path in sorted((root / folder).glob("*.ipynb"))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("paths", nargs="*", type=Path, help="notebooks to run (default: all of the course)")
    args = parser.parse_args(argv)
    paths = args.paths or course_notebooks(course_root())
    with reproducible_environment():
        for path in paths:
            print(f"executing {path}", flush=True)
            execute_notebook(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
