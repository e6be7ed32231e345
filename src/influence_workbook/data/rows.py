"""The sample data as plain rows (standard library only): what the workshops read, in the browser too.

:func:`read_rows` parses a table of :mod:`~influence_workbook.data.schema` with :mod:`csv` into a list
of dicts typed by the schema (``int``, ``float``, ``bool``, ``datetime.date``, ``str``; ``None`` where
a cell is empty), the way the pandas loader reads it, so that the checks need neither pandas nor
numpy (Pyodide in the learner's browser has neither). :func:`data_dir` finds the files:

1. ``INFLUENCE_WORKBOOK_DATA``: a folder holding ``creators.csv`` and the other files;
2. the package's own ``resources/data/`` (a wheel built for the published site ships them there);
3. the checkout this package was installed from in editable mode (``src/../data``);
4. ``data/`` in the current folder or any parent, so notebooks run from ``notebooks/``,
   ``exercises/`` or ``solutions/`` find it (as does a JupyterLite copy of the course).

Each file is parsed once per folder; every call returns new row dicts, so a caller that edits a
row never changes what the next call reads.
"""

from __future__ import annotations

import csv
import functools
import os
from datetime import date
from pathlib import Path
from typing import Any

from influence_workbook.data.schema import CREATORS, TABLES, Column, Table

DATA_ENV_VAR = "INFLUENCE_WORKBOOK_DATA"
#: Where a wheel ships the sample data, inside the package: ``resources/data/creators.csv``…
PACKAGED_DATA_FOLDER = ("resources", "data")

Row = dict[str, Any]

#: The tables the workshops read (their files are what a wheel for the browser ships in ``resources/data/``); no
#: answer key: chapter 5's eight posts and their verdicts are in the package (``resources/disclosure_sample.json``).
WORKSHOP_TABLES: tuple[str, ...] = ("creators", "collaborations", "holdout", "posts")


def workshop_data_files() -> list[str]:
    """The files the workshops read, relative to the data folder (``answer_key/…`` keeps its folder)."""
    return [TABLES[name].path for name in WORKSHOP_TABLES]


def _has_data(folder: Path) -> bool:
    return (folder / CREATORS.path).is_file()


def data_dir() -> Path:
    """The folder holding the sample CSV files; raises FileNotFoundError saying where it looked."""
    explicit = os.environ.get(DATA_ENV_VAR)
    if explicit:
        folder = Path(explicit).expanduser()
        if _has_data(folder):
            return folder
        raise FileNotFoundError(f"{DATA_ENV_VAR}={explicit} has no {CREATORS.path}")
    here = Path(__file__).resolve()
    candidates = [here.parents[1].joinpath(*PACKAGED_DATA_FOLDER)]
    candidates += [here.parents[3] / "data"] if len(here.parents) > 3 else []
    cwd = Path.cwd().resolve()
    candidates += [folder / "data" for folder in (cwd, *cwd.parents)]
    for candidate in candidates:
        if _has_data(candidate):
            return candidate
    looked = ", ".join(str(c) for c in candidates[:4])
    raise FileNotFoundError(
        f"sample data not found (looked in {looked}, …); "
        f"set {DATA_ENV_VAR} to the folder holding {CREATORS.path}"
    )


_TRUE = {"true": True, "1": True, "false": False, "0": False}


def _parser(column: Column) -> Any:
    """The function turning one non-empty cell of ``column`` into its Python value."""
    if column.kind == "int":
        return int
    if column.kind == "float":
        return float
    if column.kind == "bool":
        return lambda cell: _TRUE[cell.strip().lower()]
    if column.kind == "date":
        return lambda cell: date.fromisoformat(cell.strip()[:10])
    return str


@functools.lru_cache(maxsize=32)
def _read_cached(table_name: str, folder: str) -> tuple[tuple[Any, ...], ...]:
    table: Table = TABLES[table_name]
    parsers = [_parser(column) for column in table.columns]
    with open(Path(folder) / table.path, encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, [])
        if tuple(header) != table.column_names:
            raise ValueError(f"{table.path}: columns {header} differ from the schema")
        return tuple(
            tuple(None if cell == "" else parse(cell) for parse, cell in zip(parsers, line, strict=True))
            for line in reader
        )


def read_rows(name: str) -> list[Row]:
    """Every row of a table of the schema (``creators``, ``collaborations``, ``holdout``…) as a typed dict."""
    if name not in TABLES:
        raise KeyError(f"unknown table {name!r} (known: {', '.join(TABLES)})")
    names = TABLES[name].column_names
    return [dict(zip(names, values, strict=True)) for values in _read_cached(name, str(data_dir()))]


def clear_cache() -> None:
    """Forget the parsed files (after regenerating them in the same session)."""
    _read_cached.cache_clear()
