"""Chapter 8 workshop: the KPI table of the Rituel Avoine launch, against chapter 1's objective.

The workshop shows the launch's results as a client's reporting would (costs line by line, the
funnel's totals, one row per creator with its media value, the regional holdout), then asks for
the KPI that answers the objective, the cost per order, the ROAS, the ROI, the holdout's lift, what
the creator with the biggest media value sold, a limit of the attribution and a verdict for the
client; :func:`~influence_workbook.checks.results.check_results` judges them.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from influence_workbook.campaign import SEVE_MONEY_NOTE, Campaign
from influence_workbook.checks.results import (
    EMV_CHOICES,
    FIELDS,
    KPI_LABELS,
    STAGE_NAMES,
    ObjectiveTarget,
    SampleResults,
    check_results,
    objective_target,
    sample_results,
)
from influence_workbook.feedback import Feedback, escape
from influence_workbook.progress import ProgressStore
from influence_workbook.text import format_number
from influence_workbook.widgets.campaign import active_campaign, campaign_facts_html, campaign_store
from influence_workbook.widgets.common import CheckedStep, dropdown, text_area, text_field, workshop_box
from influence_workbook.widgets.concept import saved_objective_text

CHAPTER = "ch08"
STEP = "results"
PREFIX = "iw-ch08"
TEXT_FIELDS: tuple[str, ...] = ("cpa", "roas", "roi", "lift", "limits", "verdict")
NO_DATA = ("Les résultats d'exemple (dossier data/) ne sont pas disponibles dans cette installation : "
           "réinstallez le cours ou signalez-le à votre formateur.")
TABLE_STYLE = (
    f"<style>.{PREFIX}-tables table{{border-collapse:collapse;margin:.3rem 0 .8rem;font-variant-numeric:tabular-nums}}"
    f".{PREFIX}-tables caption{{text-align:left;font-weight:700;padding:.2rem 0}}"
    f".{PREFIX}-tables th,.{PREFIX}-tables td{{padding:.2rem .6rem;border-bottom:1px solid #d1d5db;text-align:right}}"
    f".{PREFIX}-tables th:first-child,.{PREFIX}-tables td:first-child{{text-align:left}}"
    f".{PREFIX}-tables tr.{PREFIX}-star td{{background:#fef3c7;font-weight:700}}</style>"
)


def check_results_answer(answer: dict[str, Any], campaign: Campaign | None = None,
                         objective: str | None = None) -> Feedback:
    """The chapter-8 verdict, judged against ``campaign``'s money facts and chapter 1's ``objective``."""
    return check_results(answer, objective=objective, campaign=campaign)


def _money(value: float, campaign: Campaign, decimals: int = 0) -> str:
    return f"{format_number(value, decimals)}\u00a0{campaign.currency_symbol}"


def _row(cells: list[str], header: bool = False, css: str = "") -> str:
    """A table row; cells are trusted HTML (figures, or learner-free names escaped by the caller)."""
    attribute = f' class="{css}"' if css else ""
    if header:
        return f"<tr{attribute}>" + "".join(f'<th scope="col">{cell}</th>' for cell in cells) + "</tr>"
    data = "".join(f"<td>{cell}</td>" for cell in cells[1:])
    return f'<tr{attribute}><th scope="row">{cells[0]}</th>{data}</tr>'


def costs_html(results: SampleResults, campaign: Campaign) -> str:
    """The launch's costs line by line (the learner adds them up) and the funnel's totals."""
    rows = [
        _row(["Poste", "Montant"], header=True),
        _row(["Cachets des créateurs", _money(results.fees, campaign)]),
        _row(["Produits offerts et colis", _money(results.products, campaign)]),
        _row(["Honoraires d'agence (campagne)", _money(campaign.agency_fees, campaign)]),
    ]
    funnel = [
        _row(["Mesure", "Total"], header=True),
        _row(["Impressions", format_number(results.impressions)]),
        _row(["Portée (comptes touchés)", format_number(results.reach)]),
        _row(["Vues", format_number(results.views)]),
        _row(["Engagements", format_number(results.engagements)]),
        _row(["Clics sur les liens suivis (UTM)", format_number(results.link_clicks)]),
        _row(["Utilisations des codes promo", f"{format_number(results.code_uses)} (dont "
              f"{format_number(results.late_code_uses)} plus de 30 jours après)"]),
        _row(["Commandes attribuées (lien ou code)", format_number(results.orders)]),
        _row(["Chiffre d'affaires attribué (HT)", _money(results.revenue, campaign)]),
    ]
    return (f"<table><caption>Les coûts</caption>{''.join(rows)}</table>"
            f"<table><caption>L'entonnoir, toutes collaborations confondues</caption>{''.join(funnel)}</table>")


def creators_html(results: SampleResults, campaign: Campaign) -> str:
    """One row per creator, by media value (EMV) from the highest: its reach beside what it sold."""
    star = results.emv_star
    rows = [_row(["Créateur", "Plateforme", "Impressions", "EMV", "Coût", "Commandes", "Coût par commande"],
                 header=True)]
    for creator in sorted(results.creators, key=lambda c: (-c.emv, c.creator_id)):
        cost_per_order = _money(creator.cpa, campaign) if creator.orders else "aucune commande"
        rows.append(_row([escape(creator.name), escape(creator.platform.capitalize().replace("Tiktok", "TikTok")
                                                      .replace("Youtube", "YouTube")),
                          format_number(creator.impressions), _money(creator.emv, campaign),
                          _money(creator.cost, campaign), format_number(creator.orders), cost_per_order],
                         css=f"{PREFIX}-star" if creator is star else ""))
    return (f'<div class="iw-table-region" role="region" aria-label="Résultats par créateur" tabindex="0" '
            f'style="overflow-x:auto;max-width:100%"><table><caption>Par créateur, de la plus grande valeur '
            f"médiatique (EMV = impressions × CPM habituel de la plateforme ÷ 1 000) à la plus petite</caption>"
            f"{''.join(rows)}</table></div>")


def holdout_html(results: SampleResults) -> str:
    """The regional test: orders per 100 000 inhabitants and per week, per group and period."""
    def cell(value: float) -> str:
        return format_number(value, 2)

    rows = [
        _row(["Groupe", "Avant le lancement", "Après le lancement"], header=True),
        _row(["Régions test (contenus boostés)", cell(results.test_before), cell(results.test_after)]),
        _row(["Régions témoins (sans boost)", cell(results.control_before), cell(results.control_after)]),
    ]
    return ("<table><caption>Test régional\u00a0: commandes par semaine pour 100 000 habitants, huit semaines avant "
            f"et huit semaines après le 15 mars 2027</caption>{''.join(rows)}</table>")


def objective_html(target: ObjectiveTarget, saved: bool) -> str:
    """What the workshop understood of chapter 1's objective, or why it uses Sève's."""
    stage = STAGE_NAMES.get(target.stage, target.stage)
    figure = f"\u202f; cible\u00a0: {format_number(target.target)}" if target.target is not None else ""
    head = ("<strong>Votre objectif (chapitre 1)\u00a0:</strong> " if saved else
            "<strong>Objectif retenu (celui de Sève)\u00a0:</strong> ")
    note = f"<br><em>{escape(target.note)}</em>" if target.note else ""
    return (f"<p>{head}{escape(target.text)}<br>Étape du tunnel\u00a0: <strong>{escape(stage)}</strong>{figure}."
            f"{note}</p>")


def money_note_html(campaign: Campaign) -> str:
    if campaign.is_default:
        return f"<p><em>{escape(SEVE_MONEY_NOTE)}</em></p>"
    return (f"<p><em>Les résultats sont ceux de l'exemple «\u00a0Rituel Avoine\u00a0»\u202f; la marge brute "
            f"({format_number(100 * campaign.gross_margin_rate)}\u202f%), le panier moyen "
            f"({escape(campaign.money(campaign.average_basket))}) et les honoraires d'agence sont ceux de votre "
            "campagne (page d'accueil)\u00a0: ils changent le coût total et le ROI.</em></p>")


class ResultsWorkshop:
    """The widgets of the chapter-8 workshop; :meth:`widget` is what the notebook displays."""

    def __init__(self, store: ProgressStore | None = None) -> None:
        self.campaign = active_campaign(store)
        self.store = campaign_store(store, self.campaign)
        self.objective_text = saved_objective_text(self.store)
        self.kpi = dropdown(f"{PREFIX}-kpi", "KPI de l'objectif :", KPI_LABELS)
        self.cpa = text_field(f"{PREFIX}-cpa", "Coût par commande :", "ex. 12,40 €")
        self.roas = text_field(f"{PREFIX}-roas", "ROAS :", "ex. 1,8")
        self.roi = text_field(f"{PREFIX}-roi", "ROI (sur la marge) :", "ex. 12 % ou −8 %")
        self.lift = text_field(f"{PREFIX}-lift", "Lift du test régional :", "ex. 9 %")
        self.emv = dropdown(f"{PREFIX}-emv", "La plus grande EMV…", EMV_CHOICES)
        self.limits = text_area(f"{PREFIX}-limits", "Limites de l'attribution :",
                                "Ce que les commandes attribuées ne disent pas", rows=3)
        self.verdict = text_area(f"{PREFIX}-verdict", "Verdict pour le client :",
                                 "Deux ou trois phrases qu'un responsable lit d'un coup d'œil", rows=3)
        self.step = CheckedStep(chapter=CHAPTER, step=STEP, css_prefix=PREFIX, collect=self.collect,
                                restore=self.restore, check=self.check, store=self.store)
        self.step.watch(self.kpi, self.emv, *(getattr(self, name) for name in TEXT_FIELDS))

    def collect(self) -> dict[str, Any]:
        return {name: getattr(self, name).value for name in FIELDS}

    def restore(self, answer: Any) -> None:
        if not isinstance(answer, dict):
            return
        for name in TEXT_FIELDS:
            getattr(self, name).value = str(answer.get(name) or "")[:5_000]
        if answer.get("kpi") in KPI_LABELS:
            self.kpi.value = answer["kpi"]
        if answer.get("emv") in EMV_CHOICES:
            self.emv.value = answer["emv"]

    def check(self, answer: dict[str, Any]) -> Feedback:
        return check_results_answer(answer, self.campaign, self.objective_text)

    def _facts(self) -> list[widgets.Widget]:
        intro = widgets.HTML(f"<p>{campaign_facts_html(self.campaign, pitch=False, launch=True)}</p>"
                             + money_note_html(self.campaign))
        intro.add_class(f"{PREFIX}-campaign")
        objective = widgets.HTML(objective_html(objective_target(self.objective_text, self.campaign),
                                                self.objective_text is not None))
        objective.add_class(f"{PREFIX}-objective")
        try:
            results = sample_results()
        except (OSError, KeyError, ValueError):
            missing = widgets.HTML(f'<p class="iw-notice" role="alert">{escape(NO_DATA)}</p>')
            return [intro, objective, missing]
        tables = widgets.HTML(TABLE_STYLE + costs_html(results, self.campaign) + creators_html(results, self.campaign)
                              + holdout_html(results))
        tables.add_class(f"{PREFIX}-tables")
        return [intro, objective, tables]

    def widget(self) -> widgets.VBox:
        ask = widgets.HTML("<p><strong>Votre lecture des résultats</strong>\u00a0: calculez à partir des tableaux, "
                           "coût total compris (cachets, produits, honoraires).</p>")
        return workshop_box([*self._facts(), ask, self.kpi, self.cpa, self.roas, self.roi, self.lift, self.emv,
                             self.limits, self.verdict, *self.step.widgets()], f"{PREFIX}-results")


def results_workshop(store: ProgressStore | None = None) -> widgets.VBox:
    """Display this in the chapter-8 notebook: ``results_workshop()``."""
    return ResultsWorkshop(store).widget()


def saved_results(store: ProgressStore | None = None) -> dict[str, Any] | None:
    """The reading of the results saved in chapter 8 (its fields and ``passed``), or None."""
    saved = campaign_store(store).get(CHAPTER, STEP)
    if saved is None or not isinstance(saved.answer, dict):
        return None
    return {**saved.answer, "passed": saved.passed}
