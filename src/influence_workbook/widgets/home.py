"""The live home page: the learner's own campaign, and where they stand in each chapter.

:class:`HomePage` shows a small form to describe one's own campaign (brand, product, launch,
creators' budget and currency, markets, audience, price, gross margin). « Vérifier et utiliser
cette campagne » checks it with :func:`~influence_workbook.campaign.check_campaign_answer` (the
verdict is shown like every workshop's, escaped) and, when it passes, makes it the campaign of
every workshop; « Revenir à Sève » goes back to the course's campaign. The progress table shows
the active campaign's chapters (see :mod:`influence_workbook.widgets.campaign`).
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

import ipywidgets as widgets

from influence_workbook.campaign import (
    CURRENCY_SYMBOLS,
    MARKET_NAMES,
    Campaign,
    campaign_from_answer,
    check_campaign_answer,
)
from influence_workbook.chapters import CHAPTERS
from influence_workbook.feedback import Feedback, escape
from influence_workbook.progress import ProgressStore, os_error_in_french
from influence_workbook.text import format_date
from influence_workbook.typography import fix
from influence_workbook.widgets.campaign import (
    FORM_STEP,
    HOME_CHAPTER,
    active_campaign,
    campaign_id,
    campaign_store,
    choose_campaign,
    market_names,
)
from influence_workbook.widgets.common import (
    FIELD_STYLE,
    SAVE_PROBLEM,
    CheckedStep,
    text_field,
    wide_layout,
    workshop_box,
)
from influence_workbook.widgets.render import notice_html, text_html

LOGGER = logging.getLogger("influence_workbook.widgets")

PREFIX = "iw-home"
USE_LABEL = "Vérifier et utiliser cette campagne"
BACK_LABEL = "Revenir à Sève"
CURRENCY_CHOICES: tuple[tuple[str, str], ...] = tuple(
    (f"{code} ({symbol})" if symbol != code else code, code) for code, symbol in CURRENCY_SYMBOLS.items()
)
TEXT_FIELDS: tuple[tuple[str, str, str], ...] = (  # answer key, label, placeholder
    ("brand", "Marque :", "ex. Vélo Léman"),
    ("product", "Produit :", "ex. vélo cargo électrique monté à Lausanne"),
    ("campaign", "Nom de la campagne :", "ex. Printemps cargo"),
    ("creator_budget", "Budget créateurs :", "ex. 8 000"),
    ("audience", "Public cible :", "ex. familles de 30-45 ans à Lausanne qui se déplacent à vélo"),
    ("product_price", "Prix de vente :", "ex. 4 900"),
    ("gross_margin_rate", "Marge brute (en %) :", "ex. 35"),
)
NOT_USABLE = fix("Cette description n'est pas encore utilisable : complétez ce qui est à revoir. Les "
                 "chapitres continuent d'utiliser la campagne {active}.")
SWITCHED = fix("Les ateliers des chapitres utilisent maintenant la campagne {active}. Ouvrez un chapitre (ou "
               "ré-exécutez-le s'il est déjà ouvert) : il part de vos réponses pour cette campagne, vides au "
               "début. Vos réponses sur Sève restent enregistrées : « Revenir à Sève » les reprend.")
SWITCHED_BACK = fix("Les ateliers des chapitres utilisent de nouveau la campagne du cours, {active}, avec vos "
                    "réponses sur Sève. Ré-exécutez les chapitres déjà ouverts. {kept}")
UPDATED = fix("La description de votre campagne {active} est à jour. Ré-exécutez les chapitres déjà ouverts "
              "pour qu'ils en tiennent compte : vos réponses pour cette campagne sont gardées.")
KEPT_OWN = fix("Vos réponses sur « {name} » restent enregistrées : « Vérifier et utiliser cette campagne » "
               "les reprend.")


def field_class(key: str) -> str:
    """The class of the form's text field for ``key`` (« campaign » is the name, not the whole form)."""
    return f"{PREFIX}-{'campaign-name' if key == 'campaign' else key.replace('_', '-')}"


def campaign_title(campaign: Campaign) -> str:
    """« « Rituel Avoine » de Sève »."""
    return f"«\u00a0{campaign.name}\u00a0» de {campaign.brand.name}"


def chapter_states(store: ProgressStore) -> list[tuple[int, str, str]]:
    """(number, title, French state) for each chapter, from the active campaign's saved steps."""
    store = campaign_store(store)
    saved = {(step.chapter, step.step): step for step in store.steps()}
    rows = []
    for chapter in CHAPTERS:
        if not chapter.available:
            state = "En préparation"
        else:
            done = [saved.get((chapter.key, step)) for step in chapter.steps]
            if all(step is not None and step.passed for step in done):
                state = "Réussi"
            elif any(step is not None for step in done):
                state = "En cours"
            else:
                state = "À faire"
        rows.append((chapter.number, chapter.title, state))
    return rows


def progress_html(store: ProgressStore) -> str:
    """The progress table of the active campaign, with the notices met while reading the file."""
    store = campaign_store(store)
    rows = "".join(
        f"<tr><td>{number}</td><td>{escape(title)}</td><td>{escape(state)}</td></tr>"
        for number, title, state in chapter_states(store)
    )
    notices = "".join(notice_html(message) for message in store.notices)
    return fix(
        f"{notices}<table class='iw-progress'><caption>Votre progression sur la campagne "
        f"{escape(campaign_title(store.campaign))} (enregistrée dans {escape(store.path)})</caption>"
        f"<thead><tr><th scope='col'>N°</th><th scope='col'>Chapitre</th><th scope='col'>État</th></tr>"
        f"</thead><tbody>{rows}</tbody></table>"
    )


def progress_overview(store: ProgressStore | None = None) -> widgets.HTML:
    store = store if store is not None else ProgressStore()
    overview = widgets.HTML(progress_html(store))
    overview.add_class("iw-home-progress")
    return overview


class HomePage:
    """The home page's live parts: :meth:`campaign_form`, then :meth:`progress` (two cells)."""

    def __init__(self, store: ProgressStore | None = None) -> None:
        self.store = store if store is not None else ProgressStore()
        self.fields: dict[str, widgets.Text] = {
            key: text_field(field_class(key), label, placeholder) for key, label, placeholder in TEXT_FIELDS
        }
        self.launch = widgets.DatePicker(description="Lancement :", style=FIELD_STYLE, layout=wide_layout())
        self.launch.add_class(f"{PREFIX}-launch")
        self.currency = widgets.Dropdown(description="Devise :", options=list(CURRENCY_CHOICES), value="EUR",
                                         style=FIELD_STYLE, layout=wide_layout())
        self.currency.add_class(f"{PREFIX}-currency")
        # One checkbox per market: a multiple choice list needs Ctrl-click, which few learners know.
        self.markets: dict[str, widgets.Checkbox] = {}
        for code, name in MARKET_NAMES.items():
            box = widgets.Checkbox(description=name, value=False, indent=False, layout=widgets.Layout(width="auto"))
            box.add_class(f"{PREFIX}-market-{code.lower()}")
            self.markets[code] = box
        self.active = widgets.HTML()
        self.active.add_class(f"{PREFIX}-active")
        self.choice_status = widgets.HTML()
        self.choice_status.add_class(f"{PREFIX}-choice")
        self.back = widgets.Button(description=BACK_LABEL, layout=widgets.Layout(width="auto"),
                                   tooltip="Les chapitres reprennent la campagne du cours et vos réponses sur Sève")
        self.back.add_class(f"{PREFIX}-back")
        self.step = CheckedStep(chapter=HOME_CHAPTER, step=FORM_STEP, css_prefix=PREFIX, collect=self.collect,
                                restore=self.restore, check=check_campaign_answer, store=self.store,
                                button_label=USE_LABEL)
        self.step.button.layout.width = "auto"  # the default width cuts the label
        self.step.button.tooltip = "Vérifier la description et, si elle est complète, l'utiliser dans les chapitres"
        # After CheckedStep's own handler: the verdict is shown first, then the campaign is used.
        self.step.button.on_click(lambda _button: self.use_checked_campaign())
        self.back.on_click(lambda _button: self.use_default_campaign())
        self.step.watch(*self.fields.values(), self.launch, self.currency, *self.markets.values())
        self.overview = widgets.HTML()
        self.overview.add_class("iw-home-progress")
        self.campaign = active_campaign(self.store)
        self._show_active()
        self.refresh_progress()

    # ------------------------------------------------------------------ answer

    def collect(self) -> dict[str, Any]:
        answer: dict[str, Any] = {key: field.value for key, field in self.fields.items()}
        launch = self.launch.value
        answer["launch"] = launch.isoformat() if isinstance(launch, date) else ""
        answer["currency"] = self.currency.value
        answer["markets"] = [code for code, box in self.markets.items() if box.value]
        return answer

    def restore(self, answer: Any) -> None:
        if not isinstance(answer, dict):
            return
        for key, field in self.fields.items():
            value = answer.get(key)
            field.value = "" if value is None or isinstance(value, bool) else str(value)
        try:
            self.launch.value = date.fromisoformat(str(answer.get("launch") or "")[:10])
        except ValueError:
            self.launch.value = None
        if answer.get("currency") in CURRENCY_SYMBOLS:
            self.currency.value = answer["currency"]
        chosen = answer.get("markets")
        chosen = chosen if isinstance(chosen, list) else []
        for code, box in self.markets.items():
            box.value = code in chosen

    # ------------------------------------------------------------------ choosing the campaign

    def use_checked_campaign(self) -> None:
        """After « Vérifier et utiliser cette campagne »: use the campaign if its description passed."""
        try:
            answer = self.collect()
            feedback: Feedback = self.step.verdict(answer)  # the verdict just shown, not checked again
        except Exception:  # CheckedStep has already told the learner
            LOGGER.exception("could not read the home page's campaign")
            return
        campaign = campaign_from_answer(answer) if feedback.passed else None
        if campaign is None:
            self.choice_status.value = text_html(NOT_USABLE.format(active=campaign_title(self.campaign)))
            return
        same = not self.campaign.is_default and campaign_id(self.campaign) == campaign_id(campaign)
        if self._choose(answer):
            message = UPDATED if same else SWITCHED
            self.choice_status.value = text_html(message.format(active=campaign_title(self.campaign)))

    def use_default_campaign(self) -> None:
        """« Revenir à Sève »: the chapters use the course's campaign and its answers again."""
        previous = self.campaign
        if self._choose(None):
            kept = KEPT_OWN.format(name=previous.name) if not previous.is_default else ""
            self.choice_status.value = text_html(
                SWITCHED_BACK.format(active=campaign_title(self.campaign), kept=kept).strip())

    def _choose(self, answer: dict[str, Any] | None) -> bool:
        try:
            self.campaign = choose_campaign(self.store, answer)
        except OSError as error:  # the store's own notice when it refused to write over an unreadable file
            notice = getattr(error, "notice", None) or SAVE_PROBLEM.format(reason=os_error_in_french(error))
            self.choice_status.value = notice_html(str(notice))
            return False
        except Exception:
            LOGGER.exception("could not save the active campaign")
            self.choice_status.value = notice_html(SAVE_PROBLEM.format(reason="erreur inattendue"))
            return False
        self._show_active()
        self.refresh_progress()
        return True

    # ------------------------------------------------------------------ display

    def _show_active(self) -> None:
        campaign = self.campaign
        if campaign.is_default:
            text = (f"<p><strong>Campagne utilisée dans les ateliers :</strong> {escape(campaign_title(campaign))}, "
                    "la campagne fil rouge du cours.</p>")
        else:
            text = (f"<p><strong>Campagne utilisée dans les ateliers :</strong> votre campagne "
                    f"{escape(campaign_title(campaign))} ({escape(campaign.product)}) : budget créateurs "
                    f"{escape(campaign.money(campaign.creator_budget))}, marchés : "
                    f"{escape(market_names(campaign))}, lancement le {escape(format_date(campaign.launch))}.</p>")
        self.active.value = fix(text)

    def refresh_progress(self) -> None:
        try:
            self.overview.value = progress_html(self.store)
        except Exception:  # the table is a summary: it must not break the page
            LOGGER.exception("could not show the progress table")
            self.overview.value = notice_html("Le tableau de progression n'a pas pu être affiché.")

    def campaign_form(self) -> widgets.VBox:
        """The form, its two buttons and the verdict (the home page's first live cell)."""
        # Aligned with the fields' descriptions (12rem, text on the right).
        label = widgets.HTML('<div style="text-align:right;line-height:28px;padding-right:8px">Marchés\u00a0:</div>',
                             layout=widgets.Layout(width="12rem", min_width="12rem"))
        markets = widgets.HBox([label, *self.markets.values()], layout=widgets.Layout(flex_flow="row wrap"))
        markets.add_class(f"{PREFIX}-markets")
        f = self.fields
        children = [self.active, f["brand"], f["product"], f["campaign"], self.launch, f["creator_budget"],
                    self.currency, markets, f["audience"], f["product_price"], f["gross_margin_rate"],
                    *self.step.widgets()[:2], widgets.HBox([self.step.button, self.back]),
                    *self.step.widgets()[3:], self.choice_status]
        return workshop_box(children, f"{PREFIX}-campaign")

    def widget(self) -> widgets.VBox:
        """The form, as every workshop names what it displays."""
        return self.campaign_form()

    def progress(self) -> widgets.HTML:
        """The progress table of the active campaign (the home page's second live cell)."""
        return self.overview

