"""Chapter 3 workshop: fill the concept canvas of the active campaign (« Rituel Avoine » by default), then check it.

The canvas (angle, platform, format from the gallery, length and outline, hook, the creator's
role, call to action, measurement) is judged by
:func:`~influence_workbook.checks.concept.check_concept` against the objective saved in
chapter 1. When chapter 1 left no usable objective, the learner picks the goal in a menu.
The canvas is saved (step ``concept``) for the brief of chapter 10: :func:`saved_concept`.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from influence_workbook.checks.concept import (
    FIELDS,
    GOAL_CHOICES,
    Objective,
    check_concept,
    resolve_objective,
)
from influence_workbook.checks.objective import STAGES
from influence_workbook.feedback import Feedback, escape
from influence_workbook.formats import FORMAT_BY_LABEL, FORMAT_CHOICES, PLATFORM_CHOICES
from influence_workbook.progress import ProgressStore
from influence_workbook.widgets.campaign import (
    active_campaign,
    campaign_facts_html,
    campaign_store,
)
from influence_workbook.widgets.common import CheckedStep, dropdown, text_area, text_field, workshop_box

CHAPTER = "ch03"
STEP = "concept"
PREFIX = "iw-ch03"
OBJECTIVE_CHAPTER = "ch01"
OBJECTIVE_STEP = "objective"

NO_OBJECTIVE = (
    "Aucun objectif n'est enregistré au chapitre 1. Choisissez ci-dessous le but de la campagne "
    "(vous pourrez écrire l'objectif complet au chapitre 1 plus tard)."
)
UNCLEAR_OBJECTIVE = (
    "Votre objectif du chapitre 1 ne dit pas clairement une seule étape du tunnel : choisissez ci-dessous "
    "le but principal de la campagne."
)


def saved_objective_text(store: ProgressStore) -> str | None:
    """Chapter 1's objective sentence, or None when none is saved (or the saved answer is unusable)."""
    answer = store.answer(OBJECTIVE_CHAPTER, OBJECTIVE_STEP)
    if isinstance(answer, dict):
        text = answer.get("text")
        if isinstance(text, str) and text.strip():
            return text
    return None


def saved_concept(store: ProgressStore | None = None) -> dict[str, Any] | None:
    """The concept canvas saved in chapter 3 (for the brief of chapter 10), or None."""
    answer = campaign_store(store).answer(CHAPTER, STEP)  # the active campaign's canvas
    return answer if isinstance(answer, dict) else None


class ConceptWorkshop:
    """The widgets of the chapter-3 workshop; :meth:`widget` is what the notebook displays."""

    def __init__(self, store: ProgressStore | None = None) -> None:
        self.campaign = active_campaign(store)
        self.store = campaign_store(store, self.campaign)
        self.objective_text = saved_objective_text(self.store)
        self.objective_info = widgets.HTML()
        self.objective_info.add_class(f"{PREFIX}-objective")
        self.goal = dropdown(f"{PREFIX}-goal", "But de la campagne :", GOAL_CHOICES)
        self.angle = text_area(f"{PREFIX}-angle", "Angle :",
                               "L'histoire que raconte le contenu, en une ou deux phrases.", rows=3)
        self.platform = dropdown(f"{PREFIX}-platform", "Plateforme :", PLATFORM_CHOICES)
        self.format = dropdown(f"{PREFIX}-format", "Format :", FORMAT_CHOICES)
        self.format_card = widgets.HTML()
        self.format_card.add_class(f"{PREFIX}-format-card")
        self.details = text_field(f"{PREFIX}-details", "Durée et déroulé :",
                                  "ex. Reel de 45 s : trois gestes, filmés dans sa salle de bain")
        self.hook = text_field(f"{PREFIX}-hook", "Accroche (3 premières s) :",
                               "ex. « Mes cheveux grattaient depuis des années… »")
        self.creator_role = text_area(f"{PREFIX}-creator_role", "Rôle du créateur :",
                                      "Ce qu'il décide lui-même : ses mots, son décor, son histoire…", rows=3)
        self.cta = text_field(f"{PREFIX}-cta", "Appel à l'action :",
                              "ex. Faites le diagnostic cheveux (lien en bio)")
        self.measurement = text_field(f"{PREFIX}-measurement", "Mesure :",
                                      "ex. clics vers le site, avec un lien UTM par créateur")
        self._show_objective()
        self.format.observe(lambda _change: self._show_format_card(), names="value")
        self._show_format_card()
        self.step = CheckedStep(chapter=CHAPTER, step=STEP, css_prefix=PREFIX, collect=self.collect,
                                restore=self.restore, check=self.check, store=self.store)
        self.step.watch(self.goal, *self._fields().values())

    # ------------------------------------------------------------------ objective

    def objective(self) -> Objective:
        return resolve_objective(self.objective_text, self.goal.value)

    def _show_objective(self) -> None:
        from_chapter1 = resolve_objective(self.objective_text, None)
        if from_chapter1.stage is not None and self.objective_text is not None:
            self.objective_info.value = (
                f"<p><strong>Votre objectif (chapitre 1) :</strong> {escape(self.objective_text)}<br>"
                f"Étape du tunnel : <strong>{escape(STAGES[from_chapter1.stage])}</strong>. "
                "L'appel à l'action et la mesure de votre concept doivent le servir.</p>"
            )
            self.goal.layout.display = "none"
            return
        message = NO_OBJECTIVE if self.objective_text is None else UNCLEAR_OBJECTIVE
        self.objective_info.value = f"<p>{escape(message)}</p>"
        self.goal.layout.display = None

    def _show_format_card(self) -> None:
        fmt = FORMAT_BY_LABEL.get(self.format.value)
        if fmt is None:
            self.format_card.value = ("<p><em>Choisissez un format pour voir quand il convient et son "
                                      "risque.</em></p>")
            return
        self.format_card.value = (
            f"<div class='{PREFIX}-card'><p><strong>{escape(fmt.label)}</strong> — {escape(fmt.when)}</p>"
            f"<p>Objectifs : {escape(', '.join(fmt.goal_labels))}. "
            f"Plateformes : {escape(', '.join(fmt.platform_labels))}.</p>"
            f"<p>Le créateur apporte : {escape(fmt.creator_brings)}</p>"
            f"<p>Le risque : {escape(fmt.risk)}</p></div>"
        )

    # ------------------------------------------------------------------ answer

    def _fields(self) -> dict[str, widgets.ValueWidget]:
        return {"angle": self.angle, "platform": self.platform, "format": self.format,
                "details": self.details, "hook": self.hook, "creator_role": self.creator_role,
                "cta": self.cta, "measurement": self.measurement}

    def collect(self) -> dict[str, Any]:
        answer: dict[str, Any] = {key: field.value for key, field in self._fields().items()}
        objective = self.objective()
        answer["goal"] = self.goal.value
        answer["objective_text"] = self.objective_text or ""
        answer["objective_stage"] = STAGES[objective.stage] if objective.stage else ""
        return answer

    def check(self, answer: dict[str, Any]) -> Feedback:
        return check_concept(answer, objective_text=self.objective_text,
                             campaign=self.campaign)

    def restore(self, answer: Any) -> None:
        if not isinstance(answer, dict):
            return
        for key in ("platform", "format"):
            menu = self._fields()[key]
            if answer.get(key) in (PLATFORM_CHOICES if key == "platform" else FORMAT_CHOICES):
                menu.value = answer[key]
        if answer.get("goal") in GOAL_CHOICES:
            self.goal.value = answer["goal"]
        for key in FIELDS:
            if key in ("platform", "format"):
                continue
            value = answer.get(key)
            self._fields()[key].value = value if isinstance(value, str) else ""

    # ------------------------------------------------------------------ display

    def widget(self) -> widgets.VBox:
        intro = widgets.HTML(f"<p>{campaign_facts_html(self.campaign, product=True, audience=True)}</p>")
        intro.add_class(f"{PREFIX}-campaign")
        return workshop_box([
            intro, self.objective_info, self.goal, self.angle, self.platform, self.format, self.format_card,
            self.details, self.hook, self.creator_role, self.cta, self.measurement, *self.step.widgets(),
        ], f"{PREFIX}-concept")


def concept_workshop(store: ProgressStore | None = None) -> widgets.VBox:
    """Display this in the chapter-3 notebook: ``concept_workshop()``."""
    return ConceptWorkshop(store).widget()
