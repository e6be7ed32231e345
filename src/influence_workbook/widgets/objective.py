"""Chapter 1 workshop: build the objective of the active campaign (« Rituel Avoine » by default), then check it.

Two ways in: a guided form (funnel stage, KPI, figure, deadline, audience), composed into a
sentence by :func:`~influence_workbook.checks.objective.compose_objective`; or one free
sentence. Either way :func:`~influence_workbook.checks.objective.check_objective` judges it,
and the answer is saved for chapters 2, 8 and 10.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from influence_workbook.campaign import Campaign
from influence_workbook.checks.objective import (
    GOAL_CHOICES,
    KPI_CHOICES,
    check_objective,
    compose_objective,
)
from influence_workbook.feedback import Feedback, escape
from influence_workbook.progress import ProgressStore
from influence_workbook.widgets.campaign import (
    active_campaign,
    campaign_facts_html,
    campaign_store,
)
from influence_workbook.widgets.common import CheckedStep, dropdown, text_area, text_field, workshop_box

CHAPTER = "ch01"
STEP = "objective"
PREFIX = "iw-ch01"
MODE_GUIDED = "Formulaire guidé"
MODE_FREE = "Phrase libre"


def objective_text(answer: dict[str, Any]) -> str:
    """The sentence to check for a saved answer (guided fields composed, or the free sentence)."""
    if answer.get("mode") == MODE_FREE:
        return str(answer.get("sentence", ""))
    return compose_objective(
        answer.get("goal"),
        answer.get("kpi"),
        answer.get("target"),
        answer.get("deadline"),
        answer.get("audience"),
    )


def check_objective_answer(answer: dict[str, Any], campaign: Campaign | None = None) -> Feedback:
    """The chapter-1 verdict on a saved answer, judged against ``campaign`` (None: the course's)."""
    return check_objective(objective_text(answer), campaign=campaign)


class ObjectiveWorkshop:
    """The widgets of the chapter-1 workshop; :meth:`widget` is what the notebook displays."""

    def __init__(self, store: ProgressStore | None = None) -> None:
        self.campaign = active_campaign(store)
        self.store = campaign_store(store, self.campaign)
        self.mode = widgets.ToggleButtons(
            options=[MODE_GUIDED, MODE_FREE],
            value=MODE_GUIDED,
            description="Saisie :",
            tooltips=["Remplir les cases une à une", "Écrire l'objectif en une phrase"],
        )
        self.mode.add_class(f"{PREFIX}-mode")
        self.goal = dropdown(f"{PREFIX}-goal", "Étape du tunnel :", GOAL_CHOICES)
        self.kpi = dropdown(f"{PREFIX}-kpi", "Indicateur (KPI) :", KPI_CHOICES)
        self.target = text_field(f"{PREFIX}-target", "Chiffre à atteindre :", "ex. 1 500 ventes")
        self.deadline = text_field(f"{PREFIX}-deadline", "Échéance :", "ex. d'ici fin juin 2027")
        self.audience = text_field(
            f"{PREFIX}-audience", "Public visé :", "ex. les 18-34 ans en Suisse romande"
        )
        self.sentence = text_area(
            f"{PREFIX}-sentence",
            "Votre objectif :",
            "Une phrase : but, indicateur, chiffre, échéance, public.",
        )
        self.preview = widgets.HTML()
        self.preview.add_class(f"{PREFIX}-preview")
        self.guided_box = widgets.VBox(
            [self.goal, self.kpi, self.target, self.deadline, self.audience, self.preview]
        )
        self.free_box = widgets.VBox([self.sentence])
        self.step = CheckedStep(
            chapter=CHAPTER,
            step=STEP,
            css_prefix=PREFIX,
            collect=self.collect,
            restore=self.restore,
            check=self.check,
            store=self.store,
        )
        for field in (self.goal, self.kpi, self.target, self.deadline, self.audience):
            field.observe(lambda _change: self._update_preview(), names="value")
        self.mode.observe(lambda _change: self._show_mode(), names="value")
        self.step.watch(self.mode, self.goal, self.kpi, self.target, self.deadline, self.audience, self.sentence)
        self._update_preview()
        self._show_mode()

    def collect(self) -> dict[str, Any]:
        return {
            "mode": self.mode.value,
            "goal": self.goal.value,
            "kpi": self.kpi.value,
            "target": self.target.value,
            "deadline": self.deadline.value,
            "audience": self.audience.value,
            "sentence": self.sentence.value,
            "text": objective_text(
                {
                    "mode": self.mode.value,
                    "goal": self.goal.value,
                    "kpi": self.kpi.value,
                    "target": self.target.value,
                    "deadline": self.deadline.value,
                    "audience": self.audience.value,
                    "sentence": self.sentence.value,
                }
            ),
        }

    def restore(self, answer: Any) -> None:
        if not isinstance(answer, dict):
            return
        if answer.get("goal") in GOAL_CHOICES:
            self.goal.value = answer["goal"]
        if answer.get("kpi") in KPI_CHOICES:
            self.kpi.value = answer["kpi"]
        for field, key in (
            (self.target, "target"),
            (self.deadline, "deadline"),
            (self.audience, "audience"),
            (self.sentence, "sentence"),
        ):
            field.value = str(answer.get(key) or "")
        if answer.get("mode") in (MODE_GUIDED, MODE_FREE):
            self.mode.value = answer["mode"]

    def check(self, answer: dict[str, Any]) -> Feedback:
        return check_objective_answer(answer, self.campaign)

    def _update_preview(self) -> None:
        sentence = compose_objective(
            self.goal.value, self.kpi.value, self.target.value, self.deadline.value, self.audience.value
        )
        shown = escape(sentence) if sentence else "<em>(remplissez les cases ci-dessus)</em>"
        self.preview.value = f"<p><strong>Votre objectif, en une phrase :</strong> {shown}</p>"

    def _show_mode(self) -> None:
        guided = self.mode.value == MODE_GUIDED
        self.guided_box.layout.display = None if guided else "none"
        self.free_box.layout.display = "none" if guided else None

    def widget(self) -> widgets.VBox:
        campaign = self.campaign
        context = f" {escape(campaign.context)}" if campaign.is_default else ""
        intro = widgets.HTML(f"<p>{campaign_facts_html(campaign, audience=not campaign.is_default)}{context} "
                             f"Budget créateurs : {escape(campaign.money(campaign.creator_budget))}.</p>")
        intro.add_class(f"{PREFIX}-campaign")
        return workshop_box([intro, self.mode, self.guided_box, self.free_box, *self.step.widgets()],
                            f"{PREFIX}-objective")


def objective_workshop(store: ProgressStore | None = None) -> widgets.VBox:
    """Display this in the chapter-1 notebook: ``objective_workshop()``."""
    return ObjectiveWorkshop(store).widget()
