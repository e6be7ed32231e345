"""Where the course's files are: the repository root, found from the package or the notebook.

The package is installed in editable mode from the repository, so the root is two levels
above ``src/influence_workbook``. ``INFLUENCE_WORKBOOK_ROOT`` overrides it (a lecturer's copy,
a JupyterLite deployment where the notebooks sit in the browser's file system).
"""

from __future__ import annotations

import os
from pathlib import Path

MARKER = "_config.yml"


def course_root() -> Path:
    explicit = os.environ.get("INFLUENCE_WORKBOOK_ROOT")
    if explicit:
        return Path(explicit).expanduser()
    for start in (Path(__file__).resolve().parent, Path.cwd().resolve()):
        for candidate in (start, *start.parents):
            if (candidate / MARKER).is_file() and (candidate / "notebooks").is_dir():
                return candidate
    # Not found: the notebooks folder's parent is the best guess (JupyterLite: /drive).
    return Path.cwd().resolve().parent


def notebooks_dir() -> Path:
    return course_root() / "notebooks"
