"""Load the course's sample data as pandas DataFrames with the dtypes the schema declares.

The CSV files are found by :func:`influence_workbook.data.rows.data_dir` (the environment variable
``INFLUENCE_WORKBOOK_DATA``, the package's ``resources/data/``, the checkout's ``data/``, or ``data/``
in the current folder or a parent); :mod:`~influence_workbook.data.rows` reads the same files as plain
rows, without pandas, for the workshops. pandas is imported when a table is first loaded.

Each file is parsed once per folder (``functools.lru_cache``); every call returns a fresh copy,
so a notebook that edits its DataFrame never changes what the next cell loads.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING, Any

from influence_workbook.data import rows
from influence_workbook.data.rows import DATA_ENV_VAR, data_dir
from influence_workbook.data.schema import TABLES, Table

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["ANSWER_KEYS", "DATA_ENV_VAR", "clear_cache", "data_dir", "load_answer_key", "load_campaign_results",
           "load_collaborations", "load_creators", "load_holdout", "load_posts", "load_table"]

ANSWER_KEYS = ("creators_traps", "posts_disclosure", "collaboration_patterns", "holdout_lift")


def _read_options(table: Table) -> dict[str, Any]:
    import pandas as pd

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
    import pandas as pd

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
    rows.clear_cache()
