"""French free-text parsing: typography, figures, dates, ages."""

from __future__ import annotations

from datetime import date

import pytest

from influence_workbook.text import (
    find_age_ranges,
    find_deadlines,
    find_quantities,
    fold,
    format_date,
    format_number,
    is_placeholder,
)

TODAY = date(2026, 11, 28)


def test_fold_unifies_typography_accents_and_case() -> None:
    assert fold("  D’ICI\u00a0«\u202fÉté\u202f» — Noël  ") == "d'ici \" ete \" - noel"


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("20 %", 20, "%"),
        ("20\u202f%", 20, "%"),
        ("20%", 20, "%"),
        ("1 000 €", 1000, "€"),
        ("1\u202f000\u00a0€", 1000, "€"),
        ("1.000 euros", 1000, "€"),
        ("12'500 CHF", 12500, "CHF"),
        ("3,5 %", 3.5, "%"),
        ("10k", 10_000, ""),
        ("1,2 M", 1_200_000, ""),
        ("2 millions", 2_000_000, ""),
        ("1 milliard", 1_000_000_000, ""),
        ("deux mille", 2000, ""),
        ("$500", 500, ""),
    ],
)
def test_find_quantities_reads_french_figures(text: str, value: float, unit: str) -> None:
    found = find_quantities(fold(text))
    assert found, text
    assert found[0].value == pytest.approx(value)
    assert found[0].unit == unit


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("d'ici fin juin 2027", date(2027, 6, 30)),
        ("d’ici fin juin 2027", date(2027, 6, 30)),
        ("au T2 2027", date(2027, 6, 30)),
        ("au 2e trimestre 2027", date(2027, 6, 30)),
        ("au deuxième trimestre 2027", date(2027, 6, 30)),
        ("en trois mois", date(2027, 2, 26)),
        ("en 3 mois", date(2027, 2, 26)),
        ("sous 6 semaines", date(2027, 1, 9)),
        ("avant le 30/06/2027", date(2027, 6, 30)),
        ("le 2027-03-15", date(2027, 3, 15)),
        ("le 1er mars 2027", date(2027, 3, 1)),
        ("à l'été 2027", date(2027, 9, 22)),
        ("d'ici la fin de l'année", date(2026, 12, 31)),
        ("fin 2027", date(2027, 12, 31)),
        ("au S1 2027", date(2027, 6, 30)),
    ],
)
def test_find_deadlines(text: str, due: date) -> None:
    deadlines = find_deadlines(fold(text), TODAY)
    assert deadlines, text
    assert max(d.due for d in deadlines) == due


def test_find_deadlines_ignores_impossible_dates() -> None:
    assert find_deadlines(fold("le 31/02/2027"), TODAY) == []


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [("18-25 ans", 18, 25), ("18–25 ans", 18, 25), ("de 25 à 34 ans", 25, 34), ("les 18-24", 18, 24),
     ("moins de 30 ans", 13, 30), ("plus de 50 ans", 50, 99)],
)
def test_find_age_ranges(text: str, low: int, high: int) -> None:
    ranges = find_age_ranges(fold(text))
    assert [(r.low, r.high) for r in ranges] == [(low, high)]


def test_french_formatting() -> None:
    assert format_number(15000) == "15\u202f000"
    assert format_number(1234.5, 1) == "1\u202f234,5"
    assert format_date(date(2027, 3, 1)) == "1er mars 2027"
    assert format_date(date(2027, 8, 15)) == "15 août 2027"


@pytest.mark.parametrize("value", [None, ..., "", "   ", "...", "…"])
def test_placeholders(value: object) -> None:
    assert is_placeholder(value)


def test_real_answers_are_not_placeholders() -> None:
    assert not is_placeholder("Vendre 1 500 shampooings")
    assert not is_placeholder(0)

