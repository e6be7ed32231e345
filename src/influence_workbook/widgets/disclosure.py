"""Chapter 5 workshop: classify real-looking captions, then write and check your own.

Two steps, each saved under chapter key ``ch05``:

* ``classification``: eight posts from the sample data (a seeded mix of every way of disclosing,
  or not), to judge « Conforme », « Non conforme » or « Sans objet » for a chosen jurisdiction;
  the answer key is ``data/answer_key/posts_disclosure.csv`` and each reason comes from
  :func:`~influence_workbook.checks.disclosure.check_disclosure`;
* ``caption``: the caption of the active campaign (« Rituel Avoine » by default), checked for the
  campaign's markets (France and Switzerland for Sève), with the creator of the chapter-2 shortlist
  when there is one.
"""

from __future__ import annotations

import logging
import re
from typing import Any

import ipywidgets as widgets

from influence_workbook.campaign import MARKET_NAMES
from influence_workbook.checks.disclosure import (
    VERDICT_BY_LABEL,
    VERDICT_LABELS,
    Case,
    campaign_markets,
    caption_verdicts,
    check_campaign_caption,
    check_classification,
    sample_cases,
)
from influence_workbook.disclosure_rules import JURISDICTION_CODES, JURISDICTIONS
from influence_workbook.feedback import Feedback, escape
from influence_workbook.progress import ProgressStore
from influence_workbook.typography import fix
from influence_workbook.widgets.campaign import (
    active_campaign,
    campaign_facts_html,
    campaign_store,
)
from influence_workbook.widgets.common import CheckedStep, dropdown, text_area, workshop_box
from influence_workbook.widgets.render import notice_html

LOGGER = logging.getLogger("influence_workbook.widgets")

CHAPTER = "ch05"
STEP_CLASSIFICATION = "classification"
STEP_CAPTION = "caption"
PREFIX = "iw-ch05"

JURISDICTION_LABELS: dict[str, str] = {
    f"{code} — {JURISDICTIONS[code].name}": code for code in JURISDICTION_CODES
}
VERDICT_CHOICES: tuple[str, ...] = tuple(VERDICT_LABELS.values())
DATA_PROBLEM = (
    "Les publications d'exemple n'ont pas pu être chargées (dossier « data » introuvable ou incomplet). "
    "Vérifiez que le cours est complet, puis relancez la cellule."
)


def _code(label: object) -> str:
    return JURISDICTION_LABELS.get(str(label), str(label or ""))


# --------------------------------------------------------------------------- step 1: classification

class ClassificationWorkshop:
    """Judge eight sample captions for one jurisdiction; :meth:`widget` is what the notebook shows.

    The sample posts are the same whatever the campaign; the answers are kept per campaign all the same,
    like every chapter's (see :mod:`influence_workbook.widgets.campaign`).
    """

    def __init__(self, store: ProgressStore | None = None, cases: list[Case] | None = None) -> None:
        self.store = campaign_store(store)
        self.problem = ""
        if cases is None:
            try:
                cases = sample_cases()
            except (OSError, KeyError, ValueError, ImportError):
                LOGGER.exception("could not load the chapter-5 sample posts")
                cases = []
                self.problem = DATA_PROBLEM
        self.cases = cases
        self.jurisdiction = dropdown(f"{PREFIX}-jurisdiction", "Juridiction :", tuple(JURISDICTION_LABELS))
        self.answers: dict[str, widgets.Dropdown] = {}
        self.posts: list[widgets.Widget] = []
        for number, case in enumerate(self.cases, start=1):
            menu = dropdown(f"{PREFIX}-answer", f"Publication {number} :", VERDICT_CHOICES)
            self.answers[case.post_id] = menu
            card = widgets.HTML(
                f'<div class="{PREFIX}-post-card"><p><strong>Publication {number}</strong> '
                f"({escape(case.post_id)}) — <em>{escape(case.context)}</em></p>"
                f'<blockquote style="white-space:pre-wrap;border-left:.25rem solid #6b7280;'
                f'padding:.3rem .6rem;margin:.2rem 0">{escape(case.caption)}</blockquote></div>'
            )
            card.add_class(f"{PREFIX}-post")
            self.posts.append(widgets.VBox([card, menu]))
        self.step = CheckedStep(chapter=CHAPTER, step=STEP_CLASSIFICATION, css_prefix=f"{PREFIX}-classification",
                                collect=self.collect, restore=self.restore, check=self.check, store=self.store)
        self.step.watch(self.jurisdiction, *self.answers.values())

    def collect(self) -> dict[str, Any]:
        code = _code(self.jurisdiction.value)
        answers = {post_id: menu.value for post_id, menu in self.answers.items()}
        right = sum(
            1 for case in self.cases
            if code in case.expected
            and VERDICT_BY_LABEL.get(answers.get(case.post_id, "")) == case.expected[code]
        )
        return {"jurisdiction": code, "answers": answers, "post_ids": [c.post_id for c in self.cases],
                "score": [right, len(self.cases)]}

    def restore(self, answer: Any) -> None:
        if not isinstance(answer, dict):
            return
        wanted = answer.get("jurisdiction")
        label = next((lab for lab, code in JURISDICTION_LABELS.items() if code == wanted), "")
        self.jurisdiction.value = label
        saved = answer.get("answers")
        if isinstance(saved, dict):
            for post_id, menu in self.answers.items():
                if saved.get(post_id) in VERDICT_CHOICES:
                    menu.value = saved[post_id]

    def check(self, answer: Any) -> Feedback:
        answer = answer if isinstance(answer, dict) else {}
        return check_classification(answer.get("answers"), self.cases, answer.get("jurisdiction"))

    def widget(self) -> widgets.VBox:
        intro = widgets.HTML(
            "<p>Choisissez une juridiction, puis lisez chaque publication comme un abonné ou une abonnée "
            "la verrait. Pour chacune : « Conforme », « Non conforme », ou « Sans objet » (pas de "
            "partenariat, ou légende écrite pour un autre public). Cliquez sur « Vérifier » : chaque réponse "
            "est expliquée.</p>"
        )
        parts: list[widgets.Widget] = [intro]
        if self.problem:
            parts.append(widgets.HTML(notice_html(self.problem)))
        return workshop_box([*parts, self.jurisdiction, *self.posts, *self.step.widgets()],
                            f"{PREFIX}-classification")


# --------------------------------------------------------------------------- step 2: the learner's caption

def shortlisted_creator(store: ProgressStore | None = None) -> str | None:
    """The first creator of the chapter-2 shortlist, as « Name (@handle) », or None."""
    try:
        answer = campaign_store(store).answer("ch02", "shortlist")  # the active campaign's shortlist
    except Exception:  # a damaged chapter-2 answer must not break this chapter
        LOGGER.exception("could not read the chapter-2 shortlist")
        return None
    picks: list[Any] = []
    if isinstance(answer, dict):
        for key in ("creators", "shortlist", "creator_ids"):
            if isinstance(answer.get(key), list) and answer[key]:
                picks = answer[key]
                break
    elif isinstance(answer, list):
        picks = answer
    if not picks:
        return None
    first = picks[0]
    if isinstance(first, dict):
        name = str(first.get("name") or first.get("display_name") or "").strip()
        handle = str(first.get("handle") or "").strip().lstrip("@")
        if name and handle:
            return f"{name} (@{handle})"
        return name or (f"@{handle}" if handle else None)
    if isinstance(first, str) and first.strip() and not re.fullmatch(r"C\d{4}", first.strip()):
        return first.strip()
    return None


class CaptionWorkshop:
    """Write the active campaign's caption and check it for its markets (France and Switzerland for Sève)."""

    def __init__(self, store: ProgressStore | None = None) -> None:
        self.campaign = active_campaign(store)
        self.store = campaign_store(store, self.campaign)
        # The markets the check judges (Belgium by the EU's rules): the page names the same ones.
        self.countries = campaign_markets(self.campaign)
        self.creator = shortlisted_creator(self.store)
        self.caption = text_area(
            f"{PREFIX}-caption", "Votre légende :",
            "Publicité | Mon rituel du soir avec le shampooing solide à l'avoine de @seve…", rows=7)
        # Width « auto »: ipywidgets' default checkbox width (300 px) cuts these labels with « … ».
        self.retouched = widgets.Checkbox(description="Les images sont retouchées (silhouette ou visage)",
                                          value=False, indent=False, layout=widgets.Layout(width="auto"))
        self.retouched.add_class(f"{PREFIX}-retouched")
        self.ai_generated = widgets.Checkbox(description="Un visage ou une silhouette sont produits par IA",
                                             value=False, indent=False, layout=widgets.Layout(width="auto"))
        self.ai_generated.add_class(f"{PREFIX}-ai-generated")
        self.step = CheckedStep(chapter=CHAPTER, step=STEP_CAPTION, css_prefix=f"{PREFIX}-caption",
                                collect=self.collect, restore=self.restore, check=self.check, store=self.store)
        self.step.watch(self.caption, self.retouched, self.ai_generated)

    def collect(self) -> dict[str, Any]:
        caption = str(self.caption.value)
        retouched, ai_generated = bool(self.retouched.value), bool(self.ai_generated.value)
        return {"caption": caption, "retouched": retouched, "ai_generated": ai_generated,
                "creator": self.creator,
                "verdicts": caption_verdicts(caption, retouched=retouched, ai_generated=ai_generated,
                                             campaign=self.campaign)}

    def restore(self, answer: Any) -> None:
        if not isinstance(answer, dict):
            return
        self.caption.value = str(answer.get("caption") or "")
        self.retouched.value = answer.get("retouched") is True
        self.ai_generated.value = answer.get("ai_generated") is True

    def check(self, answer: Any) -> Feedback:
        answer = answer if isinstance(answer, dict) else {}
        return check_campaign_caption(answer.get("caption"), retouched=answer.get("retouched") is True,
                                      ai_generated=answer.get("ai_generated") is True,
                                      campaign=self.campaign)

    def widget(self) -> widgets.VBox:
        who = (f"la créatrice ou le créateur de votre présélection du chapitre 2, "
               f"<strong>{escape(self.creator)}</strong>" if self.creator
               else "une créatrice ou un créateur de votre choix")
        campaign = self.campaign
        names = [MARKET_NAMES[code] for code in self.countries]
        if set(self.countries) == {"FR", "CH"}:
            where = "La marque vend en France et en Suisse : la légende est vérifiée pour les deux pays."
        elif len(names) == 1:
            where = f"La légende est vérifiée pour le marché de la campagne : {names[0]}."
        else:
            where = f"La légende est vérifiée pour chaque marché de la campagne : {', '.join(names)}."
        intro = widgets.HTML(fix(
            f"<p>{campaign_facts_html(campaign, pitch=False, product=True)} Rédigez la légende de la première "
            f"publication de la campagne, publiée par {who}. {escape(where)}</p>"
        ))
        intro.add_class(f"{PREFIX}-campaign")
        return workshop_box([intro, self.caption, self.retouched, self.ai_generated, *self.step.widgets()],
                            f"{PREFIX}-caption-workshop")


def disclosure_workshop(store: ProgressStore | None = None) -> widgets.VBox:
    """Display this in the chapter-5 notebook: both steps, one under the other."""
    classification = ClassificationWorkshop(store)
    caption = CaptionWorkshop(store)
    part1 = widgets.HTML("<h4>1. Classer des publications</h4>")
    part2 = widgets.HTML("<h4>2. Écrire votre légende</h4>")
    box = widgets.VBox([part1, classification.widget(), part2, caption.widget()])
    box.add_class(f"{PREFIX}-workshop")
    return box


# --------------------------------------------------------------------------- for later chapters

def saved_caption(store: ProgressStore | None = None) -> dict[str, Any] | None:
    """The caption saved in chapter 5 (for the brief of chapter 10), or None if there is none yet.

    A dict with ``caption``, ``retouched``, ``ai_generated``, ``creator`` (or None), ``verdicts``
    ({'FR': …, 'CH': …} as 'compliant' / 'non_compliant') and ``passed``.
    """
    saved = campaign_store(store).get(CHAPTER, STEP_CAPTION)  # the active campaign's caption
    if saved is None or not isinstance(saved.answer, dict):
        return None
    answer = dict(saved.answer)
    answer["caption"] = str(answer.get("caption") or "")
    answer["passed"] = saved.passed
    return answer


def saved_classification(store: ProgressStore | None = None) -> dict[str, Any] | None:
    """The classification step's answers and score ([right, total]), or None."""
    saved = campaign_store(store).get(CHAPTER, STEP_CLASSIFICATION)
    return dict(saved.answer) if saved is not None and isinstance(saved.answer, dict) else None
