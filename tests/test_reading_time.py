"""Chapters fit their time (issue 24): each chapter's main path (reading at 200 words a minute, the
workshop and the quiz; « Pour aller plus loin » left out) takes at most 30 minutes, and the
chapter's first line says so. ``python -m influence_workbook.authoring.reading_time`` prints the
same table; so does ``make bench`` (benchmarks/bench_reading_time.py)."""

from __future__ import annotations

import nbformat
import pytest

from influence_workbook.authoring.reading_time import (
    BUDGET_MINUTES,
    WORKSHOP_MINUTES,
    count_words,
    estimate,
    estimates,
    main_path,
    quiz_minutes,
    table,
)


@pytest.fixture(scope="module")
def rows():  # type: ignore[no-untyped-def]
    rows = estimates()
    print("\n" + table(rows))  # shown with pytest -s
    return rows


def test_every_chapter_main_path_fits_the_budget(rows) -> None:  # type: ignore[no-untyped-def]
    over = [row for row in rows if row.total_minutes > BUDGET_MINUTES]
    assert not over, f"over {BUDGET_MINUTES} minutes:\n{table(over)}\nmove depth into « Pour aller plus loin »"


def test_every_chapter_shows_its_estimate_on_its_first_line(rows) -> None:  # type: ignore[no-untyped-def]
    wrong = [row for row in rows if row.shown_minutes != row.rounded_minutes]
    assert not wrong, (
        "the first line must say « *Environ N minutes… » with N the estimate rounded up to five minutes:\n"
        + table(wrong)
    )


def test_words_are_counted_the_way_a_reader_reads() -> None:
    assert count_words("Selon {cite}`imh2020`, 39 % mesuraient d'abord les ventes.") == 6  # « % » is not a word
    assert count_words("Voyez le [glossaire](../book/glossaire.md) et le {term}`CPM`.") == 6
    assert count_words(":::{admonition} La phrase modèle\n:class: tip\nTexte.\n:::") == 4


def test_depth_is_off_the_main_path() -> None:
    cells = [
        nbformat.v4.new_markdown_cell("## Bien faire\n\nun deux trois"),
        nbformat.v4.new_code_cell("table()"),
        nbformat.v4.new_markdown_cell("## Pour aller plus loin\n\nquatre cinq\n\n### Détail\n\nsix sept"),
        nbformat.v4.new_code_cell("galerie()"),
        nbformat.v4.new_markdown_cell("## Ouvrir en direct\n\nhuit"),
    ]
    cells[4].metadata["tags"] = ["only-book"]
    texts, code = main_path(cells)
    assert sum(count_words(t) for t in texts) == 5  # « Bien faire un deux trois » only
    assert [c.source for c in code] == ["table()"]


def test_quiz_time_grows_with_what_is_read() -> None:
    short = [{"question": "Q ?", "type": "multiple_choice", "answers": [
        {"answer": "A", "correct": True, "feedback": "Oui."}, {"answer": "B", "correct": False, "feedback": "Non."}]}]
    long = [{**short[0], "question": "Une question " * 50}]
    assert 0 < quiz_minutes(short) < quiz_minutes(long)


def test_every_chapter_has_a_workshop_estimate() -> None:
    for slug in WORKSHOP_MINUTES:
        assert estimate(slug).workshop_minutes > 0
