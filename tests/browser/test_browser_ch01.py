"""Chapter 1's workshop contract in the browser: the widgets, their options, the two modes, the preview.

The feedback, saved work, injection and accessibility checks are the generic ones of
``test_browser_workshops.py`` (chapter 1 is ``workshops.CH01``); this file checks what is particular
to the objective builder. Expected texts are computed here with the course's own functions.
"""

from __future__ import annotations

import re
from datetime import date

import browser_harness as h
import pytest
from playwright.sync_api import Page, expect
from workshop_flows import open_workshop, submit
from workshops import CH01, CH01_FREE, CH01_GUIDED, CH01_MODE, Fill, Select, Toggle

pytestmark = pytest.mark.browser

GUIDED_TEXT_FIELDS = ("iw-ch01-target", "iw-ch01-deadline", "iw-ch01-audience")
GUIDED_MENUS = ("iw-ch01-goal", "iw-ch01-kpi")


def test_objective_form_widgets_and_modes(page: Page, lab: h.JupyterLabServer, today: date) -> None:
    from influence_workbook.checks.objective import KPI_CHOICES, compose_objective

    workshop = open_workshop(page, lab, CH01)
    expect(workshop.root).to_have_class(re.compile(r"(^|\s)iw-workshop(\s|$)"))
    expect(workshop.widget("iw-ch01-check")).to_have_count(1)
    expect(workshop.button("Vérifier")).to_have_class(re.compile(r"(^|\s)iw-ch01-check(\s|$)"))

    assert workshop.toggle_options(CH01_MODE) == [CH01_GUIDED, CH01_FREE]
    assert workshop.toggled(CH01_MODE) == CH01_GUIDED
    assert workshop.options("iw-ch01-goal") == ["— choisir —", "Notoriété", "Considération", "Conversion",
                                                "Fidélisation"]
    assert workshop.options("iw-ch01-kpi") == ["— choisir —", *KPI_CHOICES]
    for css in (*GUIDED_MENUS, *GUIDED_TEXT_FIELDS, "iw-ch01-preview"):
        expect(workshop.widget(css)).to_be_visible()
    expect(workshop.widget("iw-ch01-sentence")).to_be_hidden()

    # The preview shows the sentence the guided form composes, as the check will read it.
    steps = (Select("iw-ch01-goal", "Considération"), Select("iw-ch01-kpi", "Clics vers le site"),
             Fill("iw-ch01-target", "4 000 clics"), Fill("iw-ch01-deadline", "avant le 31 mai 2027"),
             Fill("iw-ch01-audience", "les 25-40 ans à Lyon"))
    for step in steps:
        step.apply(workshop)
    sentence = compose_objective("Considération", "Clics vers le site", "4 000 clics", "avant le 31 mai 2027",
                                 "les 25-40 ans à Lyon")
    assert sentence, "compose_objective returned nothing for a complete form"
    workshop.expect_text("iw-ch01-preview", sentence)

    # Free mode: only the sentence is shown; checking it empty gives the kind « nothing to check » feedback.
    Toggle(CH01_MODE, CH01_FREE).apply(workshop)
    expect(workshop.widget("iw-ch01-sentence")).to_be_visible()
    for css in (*GUIDED_MENUS, *GUIDED_TEXT_FIELDS, "iw-ch01-preview"):
        expect(workshop.widget(css)).to_be_hidden()
    empty = submit(workshop, CH01, (Toggle(CH01_MODE, CH01_FREE), Fill("iw-ch01-sentence", "")), today, lab)
    assert empty.result.passed is False
    workshop.screenshot(h.artifact_path("workshops", "ch01-free-empty.png"))

    # Back to the guided form: its fields kept what was typed.
    Toggle(CH01_MODE, CH01_GUIDED).apply(workshop)
    for step in steps:
        step.expect_shown(workshop, h.ACTION_TIMEOUT_MS)
