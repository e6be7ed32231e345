"""French hints replace tracebacks in the exercise notebooks."""

from __future__ import annotations

import nbformat
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_notebook

from influence_workbook.hints import SYNTAX_HINT, hint_for, install_hints


def test_hint_for_a_text_without_quotes() -> None:
    hint = hint_for(NameError("name 'Notoriété' is not defined"))
    assert "« Notoriété »" in hint and '"Notoriété"' in hint


def test_hint_for_syntax_and_others() -> None:
    assert hint_for(SyntaxError("unterminated string literal")) == SYNTAX_HINT
    assert "type" in hint_for(TypeError("x"))
    assert "inattendue" in hint_for(ZeroDivisionError())


def test_outside_ipython_nothing_is_installed() -> None:
    assert install_hints() is False


def test_in_a_kernel_the_learner_sees_french_not_a_traceback() -> None:
    notebook = new_notebook(cells=[
        new_code_cell("from influence_workbook.hints import plain_language_errors\nplain_language_errors()"),
        new_code_cell("from influence_workbook.hints import install_hints\nassert install_hints() is True"),
        new_code_cell("impressions = Notoriété"),
        new_code_cell('objectif = "Conversion'),
    ])
    NotebookClient(notebook, timeout=60, kernel_name="python3", allow_errors=True).execute()
    assert notebook.cells[0].outputs == []  # the notebook's setup cell shows nothing
    for cell in notebook.cells[2:]:
        text = nbformat.writes(nbformat.v4.new_notebook(cells=[cell]))
        assert "Traceback" not in text
        assert "iw-notice" in text
    assert "mettez-le entre guillemets" in nbformat.writes(notebook)
    assert "il manque sans doute un guillemet" in nbformat.writes(notebook)


def test_hint_for_overflow_recursion_and_broken_characters() -> None:
    assert "trop grand" in hint_for(OverflowError("int too large to convert to float"))
    assert "sans fin" in hint_for(RecursionError("maximum recursion depth exceeded"))
    assert "émoji coupé" in hint_for(UnicodeEncodeError("utf-8", "\ud83d", 0, 1, "surrogates not allowed"))
