"""The small adapter between pandas values and plain Python rows, importing neither pandas nor numpy.

The checks and workshops work on plain rows (lists of dicts) so that they run where pandas and numpy
cannot be installed (Pyodide in the learner's browser); students and the local install still hand them
DataFrames, Series and numpy values. A value can only be a pandas or numpy object once that library is
imported, so these tests look at ``sys.modules`` and never import either.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Mapping
from typing import Any


def _instance(value: object, module: str, *names: str) -> bool:
    library = sys.modules.get(module)
    return library is not None and isinstance(value, tuple(getattr(library, name) for name in names))


def is_dataframe(value: object) -> bool:
    """A pandas DataFrame."""
    return _instance(value, "pandas", "DataFrame")


def is_series(value: object) -> bool:
    """A pandas Series."""
    return _instance(value, "pandas", "Series")


def is_array(value: object) -> bool:
    """A numpy array."""
    return _instance(value, "numpy", "ndarray")


def is_vector(value: object) -> bool:
    """A pandas Series or Index, or a numpy array."""
    return _instance(value, "pandas", "Series", "Index") or _instance(value, "numpy", "ndarray")


def is_bool(value: object) -> bool:
    """True or False, Python's or numpy's."""
    return isinstance(value, bool) or _instance(value, "numpy", "bool_")


def is_integer(value: object) -> bool:
    """An integer, Python's or numpy's (not a bool)."""
    return not is_bool(value) and (isinstance(value, int) or _instance(value, "numpy", "integer"))


def is_float(value: object) -> bool:
    """A float, Python's or numpy's."""
    return isinstance(value, float) or _instance(value, "numpy", "floating")


def missing(value: object) -> bool:
    """None, NaN, or pandas' NA and NaT: a cell that says nothing."""
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    return type(value).__name__ in {"NAType", "NaTType"}


def cell_number(value: object) -> float:
    """A table cell as a float, as pandas' ``to_numeric(errors="coerce")`` reads it; NaN when it is none."""
    if type(value) in (float, int):  # what the sample data's rows hold: answered at once
        return float(value)  # type: ignore[arg-type]
    if isinstance(value, bool) or is_bool(value):
        return float(value)  # type: ignore[arg-type]
    if missing(value) or (isinstance(value, str) and not value.strip()):
        return math.nan
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        return math.nan


def as_rows(table: object) -> list[dict[str, Any]] | None:
    """A table as row dicts: a DataFrame's records, or a list or tuple of mappings; None for anything else."""
    if is_dataframe(table):
        records: list[dict[str, Any]] = table.to_dict("records")  # type: ignore[attr-defined]
        return records
    if isinstance(table, list | tuple) and all(isinstance(row, Mapping) for row in table):
        return [dict(row) for row in table]
    return None


def columns_of(table: object, rows: list[dict[str, Any]]) -> set[str]:
    """The column names of a table (a DataFrame's, even when empty; else every key of its rows)."""
    if is_dataframe(table):
        return {str(column) for column in table.columns}  # type: ignore[attr-defined]
    names: set[str] = set()
    for row in rows:
        names.update(row)
    return names
