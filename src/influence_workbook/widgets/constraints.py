"""Chapter 6 workshop: set the constraints of the « Rituel Avoine » brief, then check the balance.

Must-have messages, forbidden claims, script or not, approval rounds, deadlines and what the
creator decides; :func:`~influence_workbook.checks.constraints.check_constraints` weighs the
guard-rails against the room left to the creator, and the answer is saved for chapter 10's brief.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from influence_workbook import clock
from influence_workbook.campaign import Campaign
from influence_workbook.checks.constraints import (
    ROUND_CHOICES,
    SCRIPT_CHOICES,
    check_constraints,
    constraints_summary,
    find_dates,
)
from influence_workbook.feedback import Feedback, escape
from influence_workbook.progress import ProgressStore
from influence_workbook.text import format_date
from influence_workbook.widgets.campaign import (
    active_campaign,
    campaign_facts_html,
    campaign_store,
)
from influence_workbook.widgets.common import CheckedStep, dropdown, text_area, text_field, workshop_box

CHAPTER = "ch06"
STEP = "constraints"
PREFIX = "iw-ch06"
TEXT_FIELDS = ("must_have", "forbidden_claims", "draft_due", "publication_window", "creative_freedom")


def _rounds_value(choice: str) -> int | str | None:
    """The dropdown's text as saved: an int for 0–4, « 5 ou plus » as is, None when not chosen."""
    if not choice:
        return None
    return int(choice) if choice.isdigit() else choice


def _rounds_choice(value: object) -> str:
    if isinstance(value, bool):
        return ""
    if isinstance(value, int):
        return ROUND_CHOICES[-1] if value >= 5 else (str(value) if value >= 0 else "")
    return value if isinstance(value, str) and value in ROUND_CHOICES else ""


def check_constraints_answer(answer: dict[str, Any], campaign: Campaign | None = None) -> Feedback:
    """The chapter-6 verdict, judged against ``campaign`` (None: the course's)."""
    return check_constraints(answer, campaign=campaign)


class ConstraintsWorkshop:
    """The widgets of the chapter-6 workshop; :meth:`widget` is what the notebook displays."""

    def __init__(self, store: ProgressStore | None = None) -> None:
        self.campaign = active_campaign(store)
        self.store = campaign_store(store, self.campaign)
        self.must_have = text_area(f"{PREFIX}-must-have", "Messages obligatoires :",
                                   "Un par ligne, ex. « Le shampooing se recharge en magasin »", rows=4)
        self.forbidden_claims = text_area(f"{PREFIX}-forbidden-claims", "Allégations interdites :",
                                          "Ce que le créateur ne doit pas dire ou promettre", rows=3)
        self.script = dropdown(f"{PREFIX}-script", "Script imposé :", SCRIPT_CHOICES)
        self.approval_rounds = dropdown(f"{PREFIX}-approval-rounds", "Tours de validation :", ROUND_CHOICES)
        self.draft_due = text_field(f"{PREFIX}-draft-due", "Premier jet attendu le :", "ex. 26 février 2027")
        self.publication_window = text_field(f"{PREFIX}-publication-window", "Période de publication :",
                                             "ex. du 15 au 31 mars 2027")
        self.creative_freedom = text_area(f"{PREFIX}-creative-freedom", "Le créateur décide :",
                                          "Ce qui lui appartient : ton, angle, décor, montage…", rows=3)
        self.dates = widgets.HTML()
        self.dates.add_class(f"{PREFIX}-dates")
        self.step = CheckedStep(chapter=CHAPTER, step=STEP, css_prefix=PREFIX, collect=self.collect,
                                restore=self.restore, check=self.check, store=self.store)
        for field in (self.draft_due, self.publication_window):
            field.observe(lambda _change: self._show_dates(), names="value")
        self.step.watch(*(getattr(self, name) for name in TEXT_FIELDS), self.script, self.approval_rounds)
        self._show_dates()

    def collect(self) -> dict[str, Any]:
        answer: dict[str, Any] = {name: getattr(self, name).value for name in TEXT_FIELDS}
        answer["script"] = self.script.value
        answer["approval_rounds"] = _rounds_value(self.approval_rounds.value)
        return answer

    def restore(self, answer: Any) -> None:
        if not isinstance(answer, dict):
            return
        for name in TEXT_FIELDS:
            value = answer.get(name)
            getattr(self, name).value = "\n".join(value) if isinstance(value, list) else str(value or "")
        if answer.get("script") in SCRIPT_CHOICES:
            self.script.value = answer["script"]
        self.approval_rounds.value = _rounds_choice(answer.get("approval_rounds"))

    def check(self, answer: dict[str, Any]) -> Feedback:
        return check_constraints_answer(answer, self.campaign)

    def _show_dates(self) -> None:
        today = clock.today()
        parts = []
        for label, field in (("Premier jet", self.draft_due), ("Publication", self.publication_window)):
            if not field.value.strip():
                continue
            found = find_dates(field.value, today)
            ends = found[:1] + found[-1:] if len(found) > 1 else found
            shown = " → ".join(format_date(day) for day in ends)
            parts.append(f"{label} : {shown or 'date non reconnue'}")
        self.dates.value = (f'<p class="{PREFIX}-dates-read"><em>Dates comprises : '
                            f"{escape(' · '.join(parts))}</em></p>") if parts else ""

    def widget(self) -> widgets.VBox:
        intro = widgets.HTML(
            f"<p>{campaign_facts_html(self.campaign, pitch=False, launch=True)} Fixez ce que la marque "
            "exige, puis ce que le créateur décide.</p>"
        )
        intro.add_class(f"{PREFIX}-campaign")
        guard = widgets.HTML("<p><strong>Les garde-fous de la marque</strong></p>")
        free = widgets.HTML("<p><strong>La place du créateur</strong></p>")
        return workshop_box([intro, guard, self.must_have, self.forbidden_claims, self.draft_due,
                            self.publication_window, self.dates, free, self.script, self.approval_rounds,
                            self.creative_freedom, *self.step.widgets()], f"{PREFIX}-constraints")


def constraints_workshop(store: ProgressStore | None = None) -> widgets.VBox:
    """Display this in the chapter-6 notebook: ``constraints_workshop()``."""
    return ConstraintsWorkshop(store).widget()


def saved_constraints(store: ProgressStore | None = None) -> dict[str, Any] | None:
    """The brief's constraints saved in chapter 6, for chapter 10, or None if there are none yet.

    A dict with the fields as typed (``must_have``, ``forbidden_claims``, ``script``,
    ``approval_rounds``, ``draft_due``, ``publication_window``, ``creative_freedom``), ``passed``
    (every criterion of the last check met) and ``summary``, the same constraints already read:
    must-haves as a list, dates in ISO form (see
    :func:`~influence_workbook.checks.constraints.constraints_summary`).
    """
    saved = campaign_store(store).get(CHAPTER, STEP)  # the active campaign's constraints
    if saved is None or not isinstance(saved.answer, dict):
        return None
    answer = dict(saved.answer)
    answer["passed"] = saved.passed
    answer["summary"] = constraints_summary(saved.answer)
    return answer
