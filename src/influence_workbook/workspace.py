"""The learner's workspace: their own copies of the course, outside the repository.

Learning must not edit the clone (autosave rewrote the chapters, and a later ``git pull``
conflicted) and the solutions must not be one click away. ``make start`` builds, beside the
progress file (``~/.influence-workbook/espace`` by default):

- ``cours/``: the pages of *course mode*, which Voilà renders as an application (no code, the
  workshops live on opening). Generated anew at every start from ``notebooks/``; nobody edits
  them. Cells tagged ``only-lab`` and ``only-book`` are dropped, MyST becomes plain Markdown
  (:mod:`influence_workbook.live_pages`), and each page gets links to the other mode.
- ``chapitres/`` and ``exercices/``: *student mode*, the notebooks a learner opens, runs and edits
  in JupyterLab. ``only-book`` cells are dropped, the code of the workshops is folded, and no
  stale output is kept (a widget saved in a file shows as a dead ``VBox(...)`` text).
- glossary, bibliography and data pages in both, generated from ``book/``.

Solutions are never copied. When the course is updated, a learner's copy is refreshed without
losing their work, cell by cell (cells are matched by their id; ``.base/`` keeps the version each
copy started from):

- a notebook the learner never changed is replaced by the new version;
- otherwise every cell the learner changed (or added) is kept, with its outputs, and every cell
  they did not change takes the new version; new cells of the course are added in place. When the
  course changed a cell the learner also changed, the learner's cell stays and the course's new
  version is put just after it, tagged ``nouvelle-version``, and a notice says where;
- a copy that cannot be read (damaged JSON, no permission) is never written over: the new
  version is written beside it and a notice says so.
"""

from __future__ import annotations

import copy
import json
import os
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from influence_workbook.live_pages import Links, bibliography_markdown, book_page_markdown, plain_markdown
from influence_workbook.paths import course_root
from influence_workbook.progress import default_progress_path, os_error_in_french

COURSE_FOLDER = "cours"
CHAPTERS_FOLDER = "chapitres"
EXERCISES_FOLDER = "exercices"
BASE_FOLDER = ".base"
HOME_PAGE = "00_accueil.ipynb"
#: Tags that say which medium a cell is for (CONTRIBUTING.md).
ONLY_BOOK, ONLY_LAB = "only-book", "only-lab"
NEW_VERSION_TAG = "nouvelle-version"
#: Pages of ``book/`` the chapters link to, and their name in the workspace.
BOOK_PAGES = {"glossaire.md": "glossaire.ipynb", "donnees.md": "donnees.ipynb", "credits.md": "credits.ipynb"}
BIBLIOGRAPHY_PAGE = "bibliographie.ipynb"
READ_ME = "LISEZMOI.md"


def workspace_dir() -> Path:
    """``espace/`` beside the progress file (``INFLUENCE_WORKBOOK_HOME`` moves both)."""
    explicit = os.environ.get("INFLUENCE_WORKBOOK_WORKSPACE")
    if explicit:
        return Path(explicit).expanduser()
    return default_progress_path().parent / "espace"


def course_url(path: str = HOME_PAGE) -> str:
    """The server-relative address of a course-mode page (Voilà)."""
    return f"voila/render/{COURSE_FOLDER}/{path}"


def lab_url(path: str = HOME_PAGE, folder: str = CHAPTERS_FOLDER) -> str:
    return f"lab/tree/{folder}/{path}"


@dataclass
class WorkspaceReport:
    """What :func:`build_workspace` did, and the notices a learner must read (in French)."""

    root: Path
    written: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    merged: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


def _tags(cell: Mapping[str, Any]) -> list[str]:
    tags = cell.get("metadata", {}).get("tags", [])
    return [tag for tag in tags if isinstance(tag, str)] if isinstance(tags, list) else []


def _source(cell: Mapping[str, Any]) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def _set_source(cell: dict[str, Any], text: str) -> None:
    cell["source"] = text.splitlines(keepends=True)


def _without_outputs(cell: dict[str, Any]) -> None:
    if cell.get("cell_type") == "code":
        cell["outputs"] = []
        cell["execution_count"] = None


def _course_links(folder: str) -> Links:
    """Where the links of a chapter go, from a page in ``folder``."""

    def rewrite(target: str) -> str | None:
        if target.startswith(("http://", "https://", "mailto:", "#")):
            return target
        path, _, fragment = target.partition("#")
        suffix = f"#{fragment}" if fragment else ""
        name = path.rsplit("/", 1)[-1]
        if path.startswith("../exercises/"):
            if folder == COURSE_FOLDER:  # exercises are code: they open in JupyterLab
                return f"../../../{lab_url(name, EXERCISES_FOLDER)}{suffix}"
            return f"../{EXERCISES_FOLDER}/{name}{suffix}"
        if path.startswith("../book/"):
            if name == "bibliographie.md":
                return f"{BIBLIOGRAPHY_PAGE}{suffix}"
            return f"{BOOK_PAGES[name]}{suffix}" if name in BOOK_PAGES else None
        return target

    return Links(rewrite=rewrite)


def _mode_switch(folder: str, page: str) -> dict[str, Any]:
    """A first cell linking to the same page in the other mode."""
    if folder == COURSE_FOLDER:
        text = (
            f"<nav class='iw-mode' aria-label='Mode du cours'>Mode cours · "
            f"<a href='../../../{lab_url(page)}'>Mode étudiant\u00a0: le code et les exercices "
            f"(JupyterLab)</a></nav>"
        )
    else:
        text = (
            f"<nav class='iw-mode' aria-label='Mode du cours'>Mode étudiant · "
            f"<a href='../../../{course_url(page)}'>Mode cours\u00a0: les chapitres sans le code</a></nav>"
        )
    return {"cell_type": "markdown", "id": "iw-mode-switch", "metadata": {"tags": ["iw-generated"]}, "source": [text]}


def live_notebook(notebook: Mapping[str, Any], folder: str, page: str) -> dict[str, Any]:
    """One chapter (or the home, or an exercise) as the workspace's ``folder`` holds it."""
    converted = copy.deepcopy(dict(notebook))
    dropped = {ONLY_BOOK, ONLY_LAB} if folder == COURSE_FOLDER else {ONLY_BOOK}
    cells: list[dict[str, Any]] = []
    links = _course_links(folder)
    for cell in converted.get("cells", []):
        if not isinstance(cell, dict) or dropped & set(_tags(cell)):
            continue
        if cell.get("cell_type") == "markdown":
            _set_source(cell, plain_markdown(_source(cell), links, keep_admonitions=folder != COURSE_FOLDER))
        _without_outputs(cell)
        if folder != COURSE_FOLDER and {"hide-input", "remove-input"} & set(_tags(cell)):
            # Student mode shows the workshop's code folded: one click shows it.
            cell.setdefault("metadata", {}).setdefault("jupyter", {})["source_hidden"] = True
        cells.append(cell)
    if folder != EXERCISES_FOLDER:
        cells.insert(0, _mode_switch(folder, page))
    converted["cells"] = cells
    metadata = converted.setdefault("metadata", {})
    metadata.pop("widgets", None)  # saved widget state only shows dead copies of the workshops
    return converted


def _page_notebook(markdown: str, page_id: str) -> dict[str, Any]:
    return {
        "cells": [
            {"cell_type": "markdown", "id": page_id, "metadata": {}, "source": markdown.splitlines(keepends=True)}
        ],
        "metadata": {
            "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def _generated_pages(folder: str) -> dict[str, dict[str, Any]]:
    links = _course_links(folder)
    pages = {BIBLIOGRAPHY_PAGE: _page_notebook(bibliography_markdown(links), "bibliographie")}
    for source, name in BOOK_PAGES.items():
        pages[name] = _page_notebook(book_page_markdown(source, links), name.removesuffix(".ipynb"))
    return pages


def _read_notebook(path: Path) -> dict[str, Any]:
    document = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(document, dict) or not isinstance(document.get("cells"), list):
        raise ValueError("not a notebook")
    return document


def _encode(notebook: Mapping[str, Any]) -> str:
    return json.dumps(notebook, indent=1, ensure_ascii=False) + "\n"


def _write(path: Path, notebook: Mapping[str, Any]) -> None:
    # Every copy comes from the course (or keeps the learner's own cells, which their JupyterLab had
    # signed): trusted, so that Jupyter does not warn « Notebook … is not trusted » in the terminal.
    _sign(dict(notebook))
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(_encode(notebook), encoding="utf-8")
    os.replace(temporary, path)


def _cell_key(cell: Mapping[str, Any], index: int) -> str:
    cell_id = cell.get("id")
    return cell_id if isinstance(cell_id, str) and cell_id else f"#{index}"


def _content(cell: Mapping[str, Any]) -> tuple[str, str]:
    return (str(cell.get("cell_type")), _source(cell))


def _by_key(notebook: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    return {_cell_key(cell, index): cell for index, cell in enumerate(notebook["cells"]) if isinstance(cell, dict)}


def merge_notebooks(
    base: Mapping[str, Any], mine: Mapping[str, Any], theirs: Mapping[str, Any]
) -> tuple[dict[str, Any], list[str]]:
    """Three-way merge of a learner's copy (``mine``) with a new course version (``theirs``).

    Returns the merged notebook and the ids of cells where both sides changed (the learner's cell
    is kept, the course's version follows it, tagged ``nouvelle-version``).
    """
    base_cells, my_cells = _by_key(base), _by_key(mine)
    merged_cells: list[dict[str, Any]] = []
    conflicts: list[str] = []
    placed: set[str] = set()

    def learner_changed(key: str) -> bool:
        return key not in base_cells or _content(base_cells[key]) != _content(my_cells[key])

    def add_learner_cells_after(key: str) -> None:
        # Cells the learner added right after ``key`` in their copy stay right after it.
        keys = list(my_cells)
        for following in keys[keys.index(key) + 1 :]:
            if following in base_cells or following in placed:
                break
            merged_cells.append(my_cells[following])
            placed.add(following)

    for key in my_cells:  # cells the learner put before the first course cell
        if key in base_cells:
            break
        merged_cells.append(my_cells[key])
        placed.add(key)
    their_cells = _by_key(theirs)
    for key, new_cell in their_cells.items():
        if key in my_cells and learner_changed(key):
            merged_cells.append(my_cells[key])
            if key in base_cells and _content(base_cells[key]) != _content(new_cell):
                flagged = copy.deepcopy(new_cell)
                tags = flagged.setdefault("metadata", {}).setdefault("tags", [])
                tags.append(NEW_VERSION_TAG)
                flagged["id"] = f"{key}-v"[:64]
                merged_cells.append(flagged)
                conflicts.append(key)
        elif key in my_cells:
            kept = copy.deepcopy(new_cell)
            if kept.get("cell_type") == "code" and my_cells[key].get("cell_type") == "code":
                kept["outputs"] = my_cells[key].get("outputs", [])
                kept["execution_count"] = my_cells[key].get("execution_count")
            merged_cells.append(kept)
        elif key not in base_cells:
            merged_cells.append(copy.deepcopy(new_cell))  # new in the course
        # else: the learner deleted this cell; it stays deleted
        placed.add(key)
        if key in my_cells:
            add_learner_cells_after(key)
    for key, cell in my_cells.items():
        # Cells the course removed: kept when the learner changed them, dropped otherwise.
        if key not in placed and learner_changed(key):
            merged_cells.append(cell)
            placed.add(key)
    merged = copy.deepcopy(dict(theirs))
    merged["cells"] = merged_cells
    for name, value in mine.get("metadata", {}).items():
        merged.setdefault("metadata", {}).setdefault(name, value)
    return merged, conflicts


def _same_sources(first: Mapping[str, Any], second: Mapping[str, Any]) -> bool:
    return [_content(cell) for cell in first["cells"]] == [_content(cell) for cell in second["cells"]]


def _refresh(path: Path, new: dict[str, Any], base_path: Path, report: WorkspaceReport, shown: str) -> None:
    """Bring one learner copy up to date with ``new`` (module docstring: the rules)."""
    if not path.exists():
        _write(path, new)
        _write(base_path, new)
        report.written.append(shown)
        return
    try:
        mine = _read_notebook(path)
    except (OSError, ValueError, UnicodeDecodeError) as error:
        beside = path.with_name(f"{path.stem} (version du cours){path.suffix}")
        _write(beside, new)
        reason = os_error_in_french(error) if isinstance(error, OSError) else "son contenu est illisible"
        report.notices.append(
            f"« {shown} » n'a pas pu être lu ({reason}) : il est laissé tel quel, et la version du "
            f"cours est écrite à côté, dans « {beside.name} »."
        )
        return
    try:
        base = _read_notebook(base_path)
    except (OSError, ValueError, UnicodeDecodeError):
        base = None
    if base is None:
        # The version this copy started from is lost: keep the learner's file as it is, and
        # merge the next updates against today's version.
        _write(base_path, new)
        report.kept.append(shown)
        return
    if _same_sources(mine, base):
        if not _same_sources(mine, new):
            _write(path, new)
            report.written.append(shown)
        else:
            report.kept.append(shown)
        _write(base_path, new)
        return
    if _same_sources(base, new):
        report.kept.append(shown)
        return
    merged, conflicts = merge_notebooks(base, mine, new)
    _write(path, merged)
    _write(base_path, new)
    report.merged.append(shown)
    if conflicts:
        report.notices.append(
            f"« {shown} » : le cours a changé {len(conflicts)} cellule(s) que vous aviez modifiée(s). "
            f"Vos cellules sont gardées ; la nouvelle version du cours suit chacune d'elles "
            f"(étiquette « {NEW_VERSION_TAG} »)."
        )


def _sign(notebook: dict[str, Any]) -> None:
    """Mark a course page as trusted: it comes from the course (Voilà warns about every other)."""
    try:
        import nbformat
        from nbformat.sign import NotebookNotary

        NotebookNotary().sign(nbformat.from_dict(notebook))
    except Exception:  # a page that stays untrusted still works: Voilà only logs a warning
        pass


def _notebooks(folder: Path) -> Iterable[Path]:
    return sorted(path for path in folder.glob("*.ipynb") if path.is_file())


def build_workspace(
    target: Path | None = None,
    root: Path | None = None,
    *,
    progress: Callable[[str], None] | None = None,
) -> WorkspaceReport:
    """Build or refresh the learner's workspace (module docstring); never copies ``solutions/``."""
    root = root if root is not None else course_root()
    target = target if target is not None else workspace_dir()
    report = WorkspaceReport(target)
    sources = {
        COURSE_FOLDER: list(_notebooks(root / "notebooks")),
        CHAPTERS_FOLDER: list(_notebooks(root / "notebooks")),
        EXERCISES_FOLDER: list(_notebooks(root / "exercises")),
    }
    for folder, paths in sources.items():
        generated: dict[str, dict[str, Any]] = {}
        for path in paths:
            generated[path.name] = live_notebook(_read_notebook(path), folder, path.name)
        if folder != EXERCISES_FOLDER:
            generated.update(_generated_pages(folder))
        for name, notebook in generated.items():
            shown = f"{folder}/{name}"
            if progress is not None:
                progress(shown)
            if folder == COURSE_FOLDER:  # generated pages: always the course's version
                _write(target / folder / name, notebook)
                report.written.append(shown)
            else:
                _refresh(target / folder / name, notebook, target / BASE_FOLDER / folder / name, report, shown)
    (target / READ_ME).write_text(
        "# Votre espace de travail\n\n"
        f"- `{COURSE_FOLDER}/` : les pages du mode cours, refaites à chaque démarrage (ne les modifiez pas).\n"
        f"- `{CHAPTERS_FOLDER}/` et `{EXERCISES_FOLDER}/` : vos copies des chapitres et des exercices, à "
        "modifier librement ; une mise à jour du cours garde vos modifications.\n"
        "- Vos réponses aux ateliers et aux quiz sont enregistrées à côté de ce dossier.\n",
        encoding="utf-8",
    )
    return report


def main(argv: list[str] | None = None) -> int:
    """``python -m influence_workbook.workspace``: build the workspace, print where and what changed."""
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0]).expanduser() if args else None
    try:
        report = build_workspace(target)
    except OSError as error:
        print(f"L'espace de travail n'a pas pu être préparé : {os_error_in_french(error)}", file=sys.stderr)
        return 1
    for notice in report.notices:
        print(f"Attention : {notice}")
    if report.merged:
        print(f"Mis à jour en gardant vos modifications : {', '.join(report.merged)}")
    print(report.root)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
