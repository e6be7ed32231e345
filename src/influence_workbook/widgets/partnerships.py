"""Chapter 7 workshop: read one creator's past collaborations with Sève, then renew, adjust or stop.

The creators offered are those of the chapter-2 shortlist who already worked with Sève; when none
did (or no shortlist is saved), a few creators of the sample data whose series differ (improving,
fading, one great result, big reach…) are offered, and the page says so. For the chosen creator
the page draws the cost per 1 000 impressions, the cost per sale and the ROAS collaboration after
collaboration (French figures, break-even lines) and lists the collaborations in a table; the
learner picks a decision and writes why. :func:`~influence_workbook.checks.partnerships.check_renewal`
judges it against chapter 1's objective (Sève's when none is saved) and the active campaign.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Mapping, Sequence
from typing import Any

import ipywidgets as widgets

from influence_workbook.campaign import Campaign
from influence_workbook.checks.partnerships import (
    DECISIONS,
    DEFAULT_OBJECTIVE,
    KPI_SHORT,
    MIN_COLLABORATIONS,
    READ_EXAMPLE,
    Collaboration,
    History,
    analyse_history,
    check_renewal,
    collaborations_of,
    kpi_text,
    money,
)
from influence_workbook.feedback import Feedback, escape, input_problem
from influence_workbook.optional import CHART_UNAVAILABLE, missing_library
from influence_workbook.progress import ProgressStore
from influence_workbook.text import format_number
from influence_workbook.typography import fix
from influence_workbook.widgets.campaign import active_campaign, campaign_facts_html, campaign_store
from influence_workbook.widgets.common import FIELD_STYLE, CheckedStep, text_area, wide_layout, workshop_box
from influence_workbook.widgets.outreach import shortlist_ids

LOGGER = logging.getLogger("influence_workbook.widgets")

CHAPTER = "ch07"
STEP = "renewal"
PREFIX = "iw-ch07"
#: The course brand whose past collaborations the sample data holds.
DATA_BRAND = "Sève"
#: How many creators the default list offers, one per kind of series where the data allows.
DEFAULT_COUNT = 7
#: The kinds of series the default list shows, one creator each (a clean example where the data has one).
DEFAULT_KINDS = ("improving", "declining", "one_hit", "high_reach_bad_cpa", "stable", "leak", "unreliable")

SOURCE_SHORTLIST = "shortlist"
SOURCE_DEFAULT = "default"

NO_DATA = ("Les données des collaborations passées ne sont pas disponibles dans cette installation : "
           "réinstallez le cours (make install) ou signalez-le à votre formateur ou formatrice.")
#: The history table's rules, in a hidden widget of their own (a <style> inside the table would be replaced,
#: and the page's style recomputed, at each change of creator).
TABLE_STYLE = (
    f"<style>.{PREFIX}-history th,.{PREFIX}-history td{{padding:.2rem .45rem;text-align:right;"
    f"vertical-align:top;border-bottom:1px solid #e2e8f0}}.{PREFIX}-history td:nth-child(2),"
    f".{PREFIX}-history td:nth-child(3){{text-align:left}}.{PREFIX}-history td{{white-space:nowrap}}"
    f".{PREFIX}-history td:nth-child(3){{white-space:normal;min-width:7rem}}</style>"
)
DECISION_LABELS: dict[str, str] = {"renouveler": "Renouveler", "ajuster": "Ajuster", "arrêter": "Arrêter"}


def _objective_text(store: ProgressStore) -> str | None:
    answer = store.answer("ch01", "objective")
    if isinstance(answer, Mapping) and isinstance(answer.get("text"), str) and answer["text"].strip():
        return str(answer["text"])
    return None


SHORT_MONTHS = ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc.")


def _short_date(collaboration: Collaboration) -> str:
    day = collaboration.start
    return f"{SHORT_MONTHS[day.month - 1]} {day.year}" if day else "—"


# --------------------------------------------------------------------------- the data

def collaboration_rows() -> list[dict[str, Any]]:
    """Every past collaboration of the sample data with the course brand, as row dicts."""
    from influence_workbook.data.rows import read_rows

    return [row for row in read_rows("collaborations") if str(row["brand"]) == DATA_BRAND]


def creator_cards(ids: Sequence[str] | None = None) -> list[dict[str, Any]]:
    """Creators to offer, each with ``creator_id``, ``display_name``, ``handle``, ``count`` (their collaborations).

    ``ids``: the chapter-2 shortlist (those without a collaboration are left out); None: the default list,
    one creator per kind of series (:attr:`History.pattern`, a leaked promo code, an unreliable creator)
    among those with three collaborations or more.
    """
    from influence_workbook.data.rows import read_rows

    rows = collaboration_rows()
    counts: dict[str, int] = {}
    for row in rows:
        counts[str(row["creator_id"])] = counts.get(str(row["creator_id"]), 0) + 1
    if ids is not None:
        chosen = [i for i in dict.fromkeys(ids) if i in counts]
    else:
        reads = {creator_id: analyse_history(collaborations_of(rows, creator_id))
                 for creator_id in sorted(c for c, n in counts.items() if n >= MIN_COLLABORATIONS)}
        picked: list[str] = []
        for kind in DEFAULT_KINDS:
            def shows(read: History, clean: bool, kind: str = kind) -> bool:
                if kind == "leak":
                    return read.code_leaked
                if kind == "unreliable":
                    return read.reliability_problem and not read.code_leaked
                return read.pattern == kind and not read.code_leaked and not (clean and read.reliability_problem)
            found = next((c for clean in (True, False) for c, read in reads.items()
                          if c not in picked and shows(read, clean)), None)
            if found is not None:
                picked.append(found)
        chosen = sorted(picked[:DEFAULT_COUNT])
    creators = {str(row["creator_id"]): row for row in read_rows("creators")}
    cards = []
    for creator_id in chosen:
        creator = creators.get(creator_id)
        cards.append({
            "creator_id": creator_id,
            "display_name": str(creator["display_name"]) if creator else creator_id,
            "handle": str(creator["handle"]) if creator else "",
            "platform": str(creator["platform"]) if creator else "",
            "count": counts[creator_id],
        })
    return cards


# --------------------------------------------------------------------------- the figure and the table

def _french_tick(value: float, _position: object = None) -> str:
    """« 0 », « 2,5 », « 1 200 »: French figures on a linear axis."""
    return format_number(value, 0 if float(value).is_integer() else 1)


def history_figure(history: History, name: str = "") -> Any:
    """CPM, cost per sale and ROAS collaboration after collaboration, three panels, French figures.

    A matplotlib Figure (not pyplot's): the widget renders it to PNG. The break-even lines come from
    the campaign (cost per sale ≤ basket × margin; ROAS ≥ 1 / margin). A collaboration without a sale
    has no cost per sale: it is marked « aucune vente » at the top of its panel.
    """
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    collaborations = history.collaborations
    numbers = [c.number for c in collaborations]
    fig = Figure(figsize=(10.5, 3.4))
    axes = fig.subplots(1, 3)
    panels = (
        ("Coût pour 1 000 impressions (CPM, €)", [c.cpm for c in collaborations], None, None),
        ("Coût par vente (€)", [c.kpi("cpa") for c in collaborations],
         history.threshold if history.kpi == "cpa" else None, "seuil de rentabilité"),
        ("ROAS (chiffre d'affaires ÷ coût)", [c.roas for c in collaborations], history.break_even_roas,
         "ROAS de rentabilité"),
    )
    for ax, (title, values, line, line_label) in zip(axes, panels, strict=True):
        finite = [(n, v) for n, v in zip(numbers, values, strict=True) if math.isfinite(v)]
        if finite:
            ax.plot([n for n, _ in finite], [v for _, v in finite], marker="o", color="#1e3a8a", linewidth=2)
        top = max([v for _, v in finite] + ([line] if line else []) + [1.0]) * 1.2
        for n, v in zip(numbers, values, strict=True):
            if math.isinf(v):
                ax.annotate("aucune\nvente", (n, top * 0.92), ha="center", va="top", fontsize=8, color="#b91c1c")
        if line is not None and math.isfinite(line):
            ax.axhline(line, color="#b45309", linestyle="--", linewidth=1.5, label=line_label)
            ax.legend(loc="upper left", fontsize=8, frameon=False)
        ax.set_ylim(0, top)
        ax.set_title(title, fontsize=10)
        ax.set_xlabel("Collaboration n°")
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.yaxis.set_major_formatter(FuncFormatter(_french_tick))
        ax.set_xlim(0.5, max(numbers, default=1) + 0.5)
        ax.grid(True, axis="y", alpha=0.3)
    fig.suptitle(f"{name or 'Créateur'} : {history.count} collaboration{'s' if history.count > 1 else ''} avec "
                 f"{history.brand or DATA_BRAND}", fontsize=11)
    fig.tight_layout(rect=(0, 0, 1, 0.92))
    return fig


def history_alt_text(history: History, name: str = "") -> str:
    """A French description of :func:`history_figure` with every figure it shows."""
    collaborations = history.collaborations
    if not collaborations:
        return "Aucune collaboration à montrer."
    first, last = _short_date(collaborations[0]), _short_date(collaborations[-1])
    parts = [f"Trois graphiques pour {name or 'ce créateur'}, {history.count} collaboration"
             f"{'s' if history.count > 1 else ''} de {first} à {last}, numérotées dans l'ordre."]
    parts.append("Coût pour 1 000 impressions : " + ", ".join(kpi_text("cpm", c.cpm) for c in collaborations) + ".")
    parts.append("Coût par vente : " + ", ".join(kpi_text("cpa", c.kpi("cpa")) for c in collaborations)
                 + (f" ; seuil de rentabilité {format_number(history.threshold, 2)}\u00a0€."
                    if history.kpi == "cpa" and history.threshold else "."))
    roas = ", ".join(format_number(c.roas, 2) if math.isfinite(c.roas) else "—" for c in collaborations)
    parts.append(f"ROAS : {roas}"
                 + (f" ; ROAS de rentabilité {format_number(history.break_even_roas, 2)}." if history.break_even_roas
                    else "."))
    return fix(" ".join(parts))


def _yes_no(flag: bool | None) -> str:
    return "—" if flag is None else "oui" if flag else "<strong>non</strong>"


def history_table_html(history: History) -> str:
    """The collaborations as an accessible table; every value comes from data, escaped."""
    head = ("<tr><th scope=\"col\">N°</th><th scope=\"col\">Début</th><th scope=\"col\">Contenus</th>"
            "<th scope=\"col\">Cachet</th><th scope=\"col\">Produits (valeur)</th><th scope=\"col\">Coût</th>"
            "<th scope=\"col\">Impressions</th><th scope=\"col\">Ventes</th><th scope=\"col\">CPM</th>"
            "<th scope=\"col\">Coût par vente</th><th scope=\"col\">ROAS</th><th scope=\"col\">Délai tenu</th>"
            "<th scope=\"col\">Mention</th><th scope=\"col\">Payé en</th></tr>")
    body = []
    for c in history.collaborations:
        cells = [
            str(c.number), escape(_short_date(c)), escape(c.deliverables or "—"), money(c.fee) if math.isfinite(
                c.fee) else "—",
            money(c.product_value) if math.isfinite(c.product_value) else "—", money(c.cost),
            format_number(c.impressions) if math.isfinite(c.impressions) else "—",
            format_number(c.orders) if math.isfinite(c.orders) else "—", kpi_text("cpm", c.cpm),
            kpi_text("cpa", c.kpi("cpa")), format_number(c.roas, 2) if math.isfinite(c.roas) else "—",
            _yes_no(c.deadline_met), _yes_no(c.disclosure_ok),
            f"{format_number(c.payment_days)} j" if math.isfinite(c.payment_days) else "—",
        ]
        body.append("<tr>" + "".join(f"<td>{fix(cell)}</td>" for cell in cells) + "</tr>")
    caption = (f"Collaborations passées ; coût = cachet + coût des produits et de l'envoi ; "
               f"{KPI_SHORT['cpa']} = coût ÷ ventes attribuées ; ROAS = chiffre d'affaires attribué ÷ coût.")
    return (f'<div class="{PREFIX}-table-region" role="region" aria-label="Collaborations passées" tabindex="0" '
            'style="max-width:100%;overflow-x:auto">'
            f'<table class="{PREFIX}-history" style="border-collapse:collapse;font-size:.85rem">'
            f"<caption style=\"text-align:left\">{fix(caption)}</caption>"
            f"<thead>{head}</thead><tbody>{''.join(body)}</tbody></table></div>")


# --------------------------------------------------------------------------- the workshop

class PartnershipsWorkshop:
    """The widgets of the chapter-7 workshop; :meth:`widget` is what the notebook displays.

    ``rows`` (collaborations as dicts) and ``creators`` (cards as :func:`creator_cards` gives them)
    replace the sample data, for tests and for lecturers with their own history.
    """

    def __init__(self, store: ProgressStore | None = None, rows: Sequence[Mapping[str, Any]] | None = None,
                 creators: Sequence[Mapping[str, Any]] | None = None) -> None:
        self.campaign: Campaign = active_campaign(store)
        self.store = campaign_store(store, self.campaign)
        self.objective = _objective_text(self.store)
        self.problem: str | None = None
        self.source = SOURCE_SHORTLIST
        self.rows: Sequence[Mapping[str, Any]] = list(rows) if rows is not None else []
        self.cards: list[dict[str, Any]] = [dict(card) for card in creators] if creators is not None else []
        if rows is None or creators is None:
            self._load()
        self.creator = widgets.Dropdown(
            description="Créateur :", style=FIELD_STYLE, layout=wide_layout(),
            options=[("— choisir —", ""), *((self._label(card), str(card["creator_id"])) for card in self.cards)],
            value="",
        )
        self.creator.add_class(f"{PREFIX}-creator")
        self.chart = widgets.HTML()
        self.chart.add_class(f"{PREFIX}-chart")
        self.table = widgets.HTML()
        self.table.add_class(f"{PREFIX}-table")
        self.decision = widgets.Dropdown(
            description="Décision :", style=FIELD_STYLE, layout=wide_layout(),
            options=[("— choisir —", ""), *((DECISION_LABELS[d], d) for d in DECISIONS)], value="",
        )
        self.decision.add_class(f"{PREFIX}-decision")
        self.reason = text_area(f"{PREFIX}-reason", "Votre raison :",
                                "Avec des chiffres : « Le coût par vente passe de … à … »", rows=5)
        self.step = CheckedStep(chapter=CHAPTER, step=STEP, css_prefix=PREFIX, collect=self.collect,
                                restore=self.restore, check=self.check, store=self.store)
        self.creator.observe(lambda _change: self._show_history(), names="value")
        self.step.watch(self.creator, self.decision, self.reason)
        self._show_history()

    # ------------------------------------------------------------------ data

    def _load(self) -> None:
        try:
            self.rows = collaboration_rows()
            ids = shortlist_ids(self.store)
            self.cards = creator_cards(ids) if ids else []
            if not self.cards:
                self.source = SOURCE_DEFAULT
                self.cards = creator_cards(None)
        except Exception:  # missing or damaged data must not break the page, nor print a traceback
            LOGGER.debug("could not load the collaborations of chapter 7", exc_info=True)
            self.problem = NO_DATA
            self.rows, self.cards = [], []

    @staticmethod
    def _label(card: Mapping[str, Any]) -> str:
        handle = f" (@{card['handle']})" if card.get("handle") else ""
        count = int(card.get("count") or 0)
        return f"{card.get('display_name', '')}{handle} — {count} collaboration{'s' if count > 1 else ''}"

    def card(self, creator_id: str) -> dict[str, Any] | None:
        return next((card for card in self.cards if str(card.get("creator_id")) == creator_id), None)

    def rows_of(self, creator_id: str) -> list[Mapping[str, Any]]:
        return [row for row in self.rows if str(row.get("creator_id")) == creator_id]

    def history(self, creator_id: str) -> History:
        return analyse_history(collaborations_of(self.rows_of(creator_id), creator_id, self.campaign.brand.name),
                               objective=self.objective or DEFAULT_OBJECTIVE, campaign=self.campaign)

    # ------------------------------------------------------------------ step

    def collect(self) -> dict[str, Any]:
        card = self.card(self.creator.value) or {}
        return {
            "creator_id": self.creator.value,
            "creator_name": card.get("display_name", ""),
            "decision": self.decision.value,
            "reason": self.reason.value,
            "source": self.source,
        }

    def check(self, answer: Mapping[str, Any]) -> Feedback:
        creator_id = str(answer.get("creator_id", ""))
        if self.problem:
            return input_problem("ch07-renewal", "Créateur", self.problem, READ_EXAMPLE)
        if self.card(creator_id) is None:
            return input_problem("ch07-renewal", "Créateur",
                                 "Choisissez d'abord, dans la liste, le créateur dont vous décidez l'avenir.",
                                 READ_EXAMPLE)
        return check_renewal(dict(answer), self.rows_of(creator_id), objective=self.objective or DEFAULT_OBJECTIVE,
                             campaign=self.campaign)

    def restore(self, answer: Any) -> None:
        if not isinstance(answer, Mapping):
            return
        creator_id = str(answer.get("creator_id") or "")
        if creator_id and self.card(creator_id) is None and not self.problem:
            try:  # a creator saved earlier but no longer offered (the shortlist changed): show them anyway
                self.cards.extend(creator_cards([creator_id]))
            except Exception:
                LOGGER.debug("could not reload creator %s", creator_id, exc_info=True)
            card = self.card(creator_id)
            if card is not None:
                self.creator.options = [*self.creator.options, (self._label(card), creator_id)]
        if self.card(creator_id) is not None:
            self.creator.value = creator_id
        decision = answer.get("decision")
        self.decision.value = decision if decision in DECISIONS else ""
        self.reason.value = str(answer.get("reason") or "")

    # ------------------------------------------------------------------ display

    def _show_history(self) -> None:
        card = self.card(self.creator.value)
        if card is None:
            self.chart.value = ("<p><em>Choisissez un créateur pour voir ses collaborations passées, en graphique "
                                "et en tableau.</em></p>")
            self.table.value = ""
            return
        try:
            history = self.history(str(card["creator_id"]))
            name = str(card.get("display_name", ""))
            if missing_library("matplotlib"):  # the online course: the figure's description and the table
                self.chart.value = (f'<p class="iw-notice">{escape(CHART_UNAVAILABLE)}</p>'
                                    f"<p>{escape(history_alt_text(history, name))}</p>")
                self.table.value = history_table_html(history)
                return
            from influence_workbook.plots import figure_img_html

            self.chart.value = figure_img_html(history_figure(history, name), history_alt_text(history, name),
                                               f"{PREFIX}-figure")
            self.table.value = history_table_html(history)
        except Exception:  # a figure that cannot be drawn must not break the page
            LOGGER.exception("could not draw the collaborations of %s", card.get("creator_id"))
            self.chart.value = ('<p class="iw-notice">Le graphique n\'a pas pu être dessiné ; le tableau et la '
                                "vérification restent disponibles.</p>")

    def intro_html(self) -> str:
        if self.problem:
            return f'<p class="iw-notice">{escape(self.problem)}</p>'
        facts = campaign_facts_html(self.campaign, pitch=False)
        if self.source == SOURCE_SHORTLIST:
            who = ("Les créateurs proposés sont ceux de votre présélection du chapitre 2 qui ont déjà travaillé "
                   "avec Sève.")
        else:
            who = ("Aucun créateur de votre présélection du chapitre 2 n'a encore travaillé avec Sève : voici des "
                   "créateurs des données d'exemple, dont les collaborations passées racontent des histoires "
                   "différentes.")
        if not self.campaign.is_default:
            who += (" Vos propres collaborations passées ne sont pas dans les données : ce sont celles de Sève, "
                    "jugées avec le prix, la marge et l'objectif de votre campagne.")
        if self.objective:
            goal = f"Votre objectif (chapitre 1) : « {self.objective[:400]} »."
        else:
            goal = ("Pas encore d'objectif enregistré au chapitre 1 : celui de Sève est utilisé, "
                    f"« {DEFAULT_OBJECTIVE} ».")
        return fix(f"<p>{facts} {escape(who)}</p><p>{escape(goal)}</p>")

    def widget(self) -> widgets.VBox:
        intro = widgets.HTML(self.intro_html())
        intro.add_class(f"{PREFIX}-campaign")
        style = widgets.HTML(TABLE_STYLE, layout=widgets.Layout(display="none"))
        return workshop_box([style, intro, self.creator, self.chart, self.table, self.decision, self.reason,
                             *self.step.widgets()], f"{PREFIX}-renewal")


def partnerships_workshop(store: ProgressStore | None = None) -> widgets.VBox:
    """Display this in the chapter-7 notebook: ``partnerships_workshop()``."""
    return PartnershipsWorkshop(store).widget()


def saved_renewal(store: ProgressStore | None = None) -> dict[str, Any] | None:
    """The decision saved in chapter 7 (``creator_id``, ``creator_name``, ``decision``, ``reason``,
    ``source``, ``passed``), or None when there is none yet."""
    saved = campaign_store(store).get(CHAPTER, STEP)
    if saved is None or not isinstance(saved.answer, dict):
        return None
    answer = dict(saved.answer)
    answer["passed"] = saved.passed
    return answer
