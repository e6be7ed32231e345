"""One guard at the entry of every public check: what a learner can type never makes a check raise.

A learner's answer is text, numbers, lists and dicts; in a notebook it may also be a NumPy array,
a pandas value (``pd.NA``, ``NaT``), a set, bytes, an integer of 5 000 digits or a broken emoji
(a lone surrogate from the browser). :func:`learner_check` turns those into plain Python values
*before* the check reads them (so no message can show « <NA> », « b'…' » or « frozenset({…}) »),
reads numbers no campaign can have as infinite (which each check answers in its own words), and, as a
last resort, answers any exception with a French
message instead of a traceback. Every exception caught that way is recorded in :data:`CAUGHT`,
which the fuzz tests assert stays empty: the fallback protects learners, it does not hide bugs.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Mapping
from typing import Any, ParamSpec

from influence_workbook.feedback import Feedback, input_problem

P = ParamSpec("P")

#: Longer texts are cut here before any check reads them (each check analyses far less).
MAX_TEXT_CHARS = 200_000
#: Longer lists are cut here; each check caps what it analyses far below and says so with the true count.
MAX_ITEMS = 100_000
MAX_DEPTH = 12
#: No follower count, fee or target of a campaign comes near this: larger integers are read as infinite.
MAX_NUMBER = 10**15

_SURROGATE = re.compile("[\ud800-\udfff]")
#: (check name, exception) for every exception the guard had to answer; the fuzz tests assert none.
CAUGHT: list[tuple[str, BaseException]] = []


class UnusableInput(Exception):
    """A value a check cannot judge; its message is French and says what to write instead."""


def _plain(value: Any, depth: int = 0) -> Any:
    """The learner's value as plain Python a check can read, or UnusableInput."""
    if depth > MAX_DEPTH:
        raise UnusableInput("La réponse est imbriquée trop profondément : donnez une liste ou un texte simple.")
    if value is None or value is Ellipsis or isinstance(value, bool):
        return value
    if isinstance(value, str):
        value = value[:MAX_TEXT_CHARS]
        return value if value.isascii() else _SURROGATE.sub("\ufffd", value)
    if isinstance(value, int) and abs(value) > MAX_NUMBER:
        # Beyond any campaign's figures (and past 4 300 digits, Python cannot even print it): read as an
        # infinite number, which each check already answers in its own words (« un montant positif… »).
        return math.inf if value > 0 else -math.inf
    if isinstance(value, int | float):
        return value  # NaN and infinities included: each check says what it expected instead
    if isinstance(value, bytes | bytearray):
        return _plain(bytes(value[:MAX_TEXT_CHARS]).decode("utf-8", "replace"), depth)
    kind = type(value)
    if kind.__name__ in {"NAType", "NaTType"}:  # pandas' missing values
        return None
    if kind.__module__.split(".")[0] in {"numpy", "pandas"}:
        if hasattr(value, "to_dict") and kind.__name__ == "DataFrame":
            return value  # checks that take a table read it themselves
        if hasattr(value, "tolist"):  # numpy scalars and arrays, pandas Series and Index
            return _plain(value.tolist(), depth + 1)
        if hasattr(value, "item"):
            return _plain(value.item(), depth + 1)
    if isinstance(value, Mapping):
        plain: dict[Any, Any] = {}
        for number, (key, item) in enumerate(value.items()):
            if number >= MAX_ITEMS:
                break
            key = _plain(key, depth + 1)
            plain[key if isinstance(key, str | int | float | bool) or key is None else str(key)[:200]] = _plain(
                item, depth + 1)
        return plain
    if isinstance(value, set | frozenset):
        items = [_plain(item, depth + 1) for item in list(value)[:MAX_ITEMS]]
        return sorted(items, key=str)
    if isinstance(value, list | tuple):
        items = [_plain(item, depth + 1) for item in value[:MAX_ITEMS]]
        return items if isinstance(value, list) else tuple(items)
    return value  # any other object: each check says it is not the kind of answer expected


def learner_check(check: str, label: str = "Réponse", read_more: str | None = None
                  ) -> Callable[[Callable[P, Feedback]], Callable[P, Feedback]]:
    """Decorate a public check: learner values made plain first, never an exception out."""

    def decorate(function: Callable[P, Feedback]) -> Callable[P, Feedback]:
        @functools.wraps(function)
        def guarded(*args: P.args, **kwargs: P.kwargs) -> Feedback:
            try:
                plain_args = [_plain(arg) for arg in args]
                plain_kwargs = {key: _plain(value) for key, value in kwargs.items()}
            except UnusableInput as problem:
                return input_problem(check, label, str(problem), read_more)
            except RecursionError:
                return input_problem(check, label, "La réponse est imbriquée trop profondément.", read_more)
            try:
                return function(*plain_args, **plain_kwargs)
            except Exception as error:  # the last resort: a learner never sees a traceback
                CAUGHT.append((check, error))
                return input_problem(
                    check, label,
                    "Cette réponse n'a pas pu être vérifiée : écrivez-la comme dans l'exemple de la consigne "
                    "(un texte entre guillemets, des nombres ordinaires, une liste entre crochets).",
                    read_more)

        guarded.__wrapped_check__ = function  # type: ignore[attr-defined]
        return guarded

    return decorate
