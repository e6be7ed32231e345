"""Load the course's sample data as pandas DataFrames with the dtypes the schema declares.

The CSV files live in the repository's ``data/`` folder, next to ``src/``. They are found, first
match wins, in:

1. ``INFLUENCE_WORKBOOK_DATA``: a folder holding ``creators.csv`` and the other files;
2. the checkout this package was installed from in editable mode (``src/../data``);
3. ``data/`` in the current folder or any parent, so notebooks run from ``notebooks/``,
   ``exercises/`` or ``solutions/`` find it (as does a JupyterLite copy of the course).

Each file is parsed once per folder (``functools.lru_cache``); every call returns a fresh copy,
so a notebook that edits its DataFrame never changes what the next cell loads.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Any

import pandas as pd

from influence_workbook.data.schema import CREATORS, TABLES, Table

DATA_ENV_VAR = "INFLUENCE_WORKBOOK_DATA"
ANSWER_KEYS = ("creators_traps", "posts_disclosure", "collaboration_patterns", "holdout_lift")


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
    candidates = [here.parents[3] / "data"] if len(here.parents) > 3 else []
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


def _read_options(table: Table) -> dict[str, Any]:
    dtypes: dict[str, Any] = {}
    dates: list[str] = []
    for column in table.columns:
        if column.kind in {"id", "text"}:
            dtypes[column.name] = str
        elif column.kind == "category":
            dtypes[column.name] = pd.CategoricalDtype(list(column.allowed), ordered=column.ordered)
        elif column.kind == "int":
            dtypes[column.name] = "Int64" if column.nullable else "int64"
        elif column.kind == "float":
            dtypes[column.name] = "float64"
        elif column.kind == "bool":
            dtypes[column.name] = "bool"
        else:
            dates.append(column.name)
    # Only empty cells are missing: a name or caption reading « NA » or « null » stays text.
    return {
        "dtype": dtypes,
        "parse_dates": dates,
        "keep_default_na": False,
        "na_values": [""],
        "encoding": "utf-8",
    }


@functools.lru_cache(maxsize=32)
def _read_cached(table_name: str, folder: str) -> pd.DataFrame:
    table = TABLES[table_name]
    frame = pd.read_csv(Path(folder) / table.path, **_read_options(table))
    if list(frame.columns) != list(table.column_names):
        raise ValueError(f"{table.path}: columns {list(frame.columns)} differ from the schema")
    return frame


def load_table(name: str) -> pd.DataFrame:
    """Any table of the schema by name (``creators``, ``posts``, ``collaborations``, ``holdout``, an answer key)."""
    if name not in TABLES:
        raise KeyError(f"unknown table {name!r} (known: {', '.join(TABLES)})")
    return _read_cached(name, str(data_dir())).copy()


def load_creators() -> pd.DataFrame:
    """The fictional creators, one row each (see ``book/donnees.md`` for every column)."""
    return load_table("creators")


def load_posts() -> pd.DataFrame:
    """The creators' posts with their captions; ``published_on`` is a datetime column."""
    return load_table("posts")


def load_collaborations() -> pd.DataFrame:
    """Collaborations from January 2025 to June 2027 (Sève's « Rituel Avoine » launch last, simulated).

    One row per collaboration: costs, the whole funnel (impressions to attributed orders and
    revenue), promo-code uses and the creator's reliability. Dates are datetimes, booleans bool.
    """
    return load_table("collaborations")


def load_campaign_results() -> pd.DataFrame:
    """The collaborations under the table's former name (kept for code written before chapters 7–8)."""
    return load_collaborations()


def load_holdout() -> pd.DataFrame:
    """Rituel Avoine's regional test: orders per region and week, test and control, before and after."""
    return load_table("holdout")


def load_answer_key(name: str) -> pd.DataFrame:
    """A teacher's answer key, by name: one of :data:`ANSWER_KEYS`."""
    if name not in ANSWER_KEYS:
        raise KeyError(f"unknown answer key {name!r} (known: {', '.join(ANSWER_KEYS)})")
    return load_table(name)


def clear_cache() -> None:
    """Forget the parsed files (after regenerating them in the same session)."""
    _read_cached.cache_clear()
