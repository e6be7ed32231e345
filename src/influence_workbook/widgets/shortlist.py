"""Chapter 2 workshop: filter the creators, read the computed columns, shortlist 3 to 6, check.

No code to write: filters (platform, niche, language, audience country and age, followers, fee),
a sortable table of at most 50 matching creators with their engagement rate, tier, tier
benchmark and audience-quality verdict, a multiple choice of creators, a live budget line, a
figure on demand, and an import of the learner's own CSV list. « Vérifier » runs
:class:`~influence_workbook.checks.shortlist.ShortlistChecker` (``check_shortlist`` prepared once per
table, so that a click only looks the picks up) and saves the shortlist (ids, small summaries and
the verdict) for chapters 8 to 10 (:func:`saved_shortlist`).
"""

from __future__ import annotations

import logging
import math
from collections.abc import Mapping, Sequence
from typing import Any

import ipywidgets as widgets

from influence_workbook.checks.shortlist import (
    CHAPTER,
    MAX_PICKS,
    MIN_PICKS,
    STEP,
    ShortlistChecker,
    cell_text,
    saved_shortlist,
)
from influence_workbook.feedback import Feedback, escape
from influence_workbook.metrics import (
    AGE_BRACKETS,
    COUNTRY_NAMES,
    FORMULAS,
    NICHE_LABELS,
    PLATFORM_LABELS,
    PLATFORMS,
    TIER_LABELS,
    filter_rows,
)
from influence_workbook.optional import CHART_UNAVAILABLE, IMPORT_UNAVAILABLE, missing_library
from influence_workbook.progress import ProgressStore
from influence_workbook.tables import cell_number, missing
from influence_workbook.text import format_number
from influence_workbook.typography import fix
from influence_workbook.widgets.campaign import (
    active_campaign,
    campaign_facts_html,
    campaign_store,
)
from influence_workbook.widgets.common import FIELD_STYLE, CheckedStep, wide_layout, workshop_box
from influence_workbook.widgets.render import notice_html, text_html

__all__ = ["ShortlistWorkshop", "saved_shortlist", "shortlist_workshop"]

LOGGER = logging.getLogger("influence_workbook.widgets")
PREFIX = "iw-ch02"
MAX_ROWS_SHOWN = 50
#: Chapter 2's table: at most 30rem high, scrolling sideways always but up and down only while focused,
#: so that the wheel scrolls the page when the pointer merely crosses the table.
TABLE_REGION_STYLE = (
    f"<style>.{PREFIX}-table-region{{max-height:30rem;max-width:100%;overflow-x:auto;overflow-y:hidden}}"
    f".{PREFIX}-table-region:focus,.{PREFIX}-table-region:focus-within{{overflow-y:auto;"
    "outline:2px solid #1d4ed8;outline-offset:2px}</style>"
)
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
ALL = ""
DEFAULT_OBJECTIVE_NOTE = (
    "Vous n'avez pas encore enregistré d'objectif au chapitre 1 : la cible par défaut de la marque est "
    "utilisée (France et Suisse, 18-34 ans). Revenez-y quand vous voulez, la vérification en tiendra compte."
)
OWN_DEFAULT_OBJECTIVE_NOTE = fix(
    "Vous n'avez pas encore enregistré d'objectif au chapitre 1 pour cette campagne : la cible retenue est "
    "celle indiquée ci-dessus. Revenez-y quand vous voulez, la vérification en tiendra compte."
)
FOLLOWER_STEPS: tuple[tuple[str, int], ...] = (
    ("1 k", 1_000),
    ("5 k", 5_000),
    ("10 k", 10_000),
    ("50 k", 50_000),
    ("100 k", 100_000),
    ("500 k", 500_000),
    ("1 M", 1_000_000),
    ("5 M", 5_000_000),
    ("50 M", 50_000_000),
)
FEE_CHOICES: tuple[tuple[str, int], ...] = (
    ("Pas de limite", 0),
    ("100 €", 100),
    ("250 €", 250),
    ("500 €", 500),
    ("1 000 €", 1_000),
    ("2 500 €", 2_500),
    ("5 000 €", 5_000),
    ("15 000 €", 15_000),
)
SORTS: dict[str, tuple[str, bool]] = {
    "Engagement rapporté au repère du palier": ("er_vs_benchmark", False),
    "Part d'audience dans votre cible": ("audience_fit", False),
    "Taux d'engagement": ("engagement_rate", False),
    "Tarif (du moins cher au plus cher)": ("fee_per_post_eur", True),
    "Nombre d'abonnés (du plus grand au plus petit)": ("followers", False),
}
LANGUAGE_LABELS = {"fr": "français", "de": "allemand", "en": "anglais"}
COLUMN_HELP: tuple[tuple[str, str], ...] = (
    (
        "Taux d'engagement",
        "réactions moyennes par publication rapportées aux abonnés (aux vues sur TikTok), en pourcentage.",
    ),
    (
        "Palier",
        "taille du compte : nano (1 000 à 10 000 abonnés), micro (jusqu'à 100 000), intermédiaire "
        "(jusqu'à 500 000), macro (jusqu'à 1 million), méga (au-delà).",
    ),
    ("Repère du palier", "fourchette des taux médians publiés pour ce palier sur cette plateforme."),
    ("Engagement ÷ repère", "1,0 = au milieu du repère ; 2,0 = deux fois plus ; 0,5 = deux fois moins."),
    ("Qualité d'audience", "« fiable », « à vérifier » ou « suspecte », avec les signaux repérés."),
    ("Audience dans la cible", "part estimée de l'audience dans vos pays, puis dans votre tranche d'âge."),
)


def _menu(
    css_class: str, description: str, options: list[tuple[str, Any]], value: Any = ALL
) -> widgets.Dropdown:
    menu = widgets.Dropdown(
        description=description, options=options, value=value, style=FIELD_STYLE, layout=wide_layout()
    )
    menu.add_class(css_class)
    return menu


def _pct(value: Any, decimals: int = 1) -> str:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return "—"
    return "—" if math.isnan(number) else f"{format_number(number, decimals)}\u202f%"


def _objective_text(store: ProgressStore) -> str | None:
    answer = store.answer("ch01", "objective")
    if isinstance(answer, dict) and isinstance(answer.get("text"), str) and answer["text"].strip():
        return str(answer["text"])
    return None


def _read_upload(value: Any) -> tuple[str, bytes] | None:
    """(file name, bytes) from a FileUpload value (ipywidgets 8 tuple of dicts, or 7's dict)."""
    entries = list(value.values()) if isinstance(value, dict) else list(value or ())
    if not entries:
        return None
    entry = entries[0]
    name = str(entry.get("name") or (entry.get("metadata") or {}).get("name") or "fichier.csv")
    content = entry.get("content", b"")
    return name, bytes(content)


class ShortlistWorkshop:
    """The widgets of the chapter-2 workshop; :meth:`widget` is what the notebook displays."""

    def __init__(self, store: ProgressStore | None = None, creators: object = None) -> None:
        """``creators``: the table to choose from, a DataFrame or a list of row dicts (the sample by default)."""
        self.campaign = active_campaign(store)
        self.store = campaign_store(store, self.campaign)
        if creators is None:
            from influence_workbook.data.rows import read_rows

            creators = read_rows("creators")
        self.sample = creators
        self.source = "exemple"
        self.objective = _objective_text(self.store)
        self.labels: dict[str, str] = {}
        self._set_table(creators)

        self.platform = _menu(
            f"{PREFIX}-platform",
            "Plateforme :",
            [("Toutes", ALL), *((PLATFORM_LABELS[p], p) for p in PLATFORMS)],
        )
        self.niche = _menu(
            f"{PREFIX}-niche",
            "Thématique :",
            [("Toutes", ALL), *((label, key) for key, label in NICHE_LABELS.items())],
        )
        self.language = _menu(
            f"{PREFIX}-language",
            "Langue :",
            [("Toutes", ALL), *((label, key) for key, label in LANGUAGE_LABELS.items())],
        )
        self.country = _menu(
            f"{PREFIX}-country",
            "Pays de l'audience :",
            [("Tous", ALL), *((f"{name} ({code})", code) for code, name in COUNTRY_NAMES.items())],
        )
        self.age = _menu(
            f"{PREFIX}-age",
            "Âge de l'audience :",
            [
                ("Tous", ALL),
                ("18-34 ans (au moins la moitié)", "18-34"),
                *((f"{b} ans (tranche principale)", b) for b in AGE_BRACKETS),
            ],
        )
        # Two labelled menus rather than a range slider: the slider's handles have no accessible
        # name (axe, WCAG 4.1.2) and are hard to set precisely with a keyboard.
        self.followers_min = _menu(
            f"{PREFIX}-followers-min", "Abonnés, au moins :", list(FOLLOWER_STEPS), FOLLOWER_STEPS[0][1]
        )
        self.followers_max = _menu(
            f"{PREFIX}-followers-max", "Abonnés, au plus :", list(FOLLOWER_STEPS), FOLLOWER_STEPS[-1][1]
        )
        self.fee = _menu(f"{PREFIX}-fee", "Tarif maximum :", list(FEE_CHOICES), 0)
        self.sort = _menu(
            f"{PREFIX}-sort", "Trier par :", [(label, label) for label in SORTS], next(iter(SORTS))
        )
        self.count = widgets.HTML()
        self.count.add_class(f"{PREFIX}-count")
        self.table = widgets.HTML()
        self.table.add_class(f"{PREFIX}-table")
        self.picks = widgets.SelectMultiple(
            options=[], value=(), rows=10, description="Ma présélection :", style=FIELD_STYLE, layout=wide_layout()
        )
        self.picks.add_class(f"{PREFIX}-picks")
        self.budget = widgets.HTML()
        self.budget.add_class(f"{PREFIX}-budget")
        self.upload = widgets.FileUpload(
            accept=".csv,text/csv", multiple=False, description="Importer ma liste (CSV)",
            layout=widgets.Layout(width="auto"),
        )
        self.upload.add_class(f"{PREFIX}-upload")
        # Width « auto »: ipywidgets' default button width cuts these labels (« Afficher le gra… »).
        self.use_sample = widgets.Button(
            description="Revenir aux données d'exemple", icon="undo", layout=widgets.Layout(width="auto")
        )
        self.use_sample.add_class(f"{PREFIX}-use-sample")
        self.import_status = widgets.HTML()
        self.import_status.add_class(f"{PREFIX}-import")
        self.plot_button = widgets.Button(
            description="Afficher le graphique",
            icon="line-chart",
            tooltip="Taux d'engagement selon le nombre d'abonnés, vos choix entourés",
            layout=widgets.Layout(width="auto"),
        )
        self.plot_button.add_class(f"{PREFIX}-plot-button")
        self.plot = widgets.HTML()
        self.plot.add_class(f"{PREFIX}-plot")

        self.step = CheckedStep(
            chapter=CHAPTER,
            step=STEP,
            css_prefix=PREFIX,
            collect=self.collect,
            restore=self.restore,
            check=self.check,
            store=self.store,
        )
        view_menus = (*(menu for menu, _ in self._filter_menus().values()), self.sort)
        for field in view_menus:
            field.observe(lambda _change: self.refresh(), names="value")
        self.picks.observe(lambda _change: self._update_budget(), names="value")
        self.upload.observe(lambda change: self._on_upload(change["new"]), names="value")
        self.use_sample.on_click(lambda _button: self.use_table(self.sample, "exemple"))
        self.plot_button.on_click(lambda _button: self.show_plot())
        # After CheckedStep's own handler: the verdict is shown first. (The check itself must not
        # touch the page: it also runs ahead of the click, see CheckedStep.watch.)
        self.step.button.on_click(lambda _button: self._redraw_plot())
        self.step.watch(*view_menus, self.picks, self.upload)
        self.refresh()

    # ------------------------------------------------------------------ data

    def _set_table(self, creators: object) -> None:
        self.creators = creators
        # Prepared once per table: a click on « Vérifier » then only looks the picks up.
        # The checker reads the target from the objective and the campaign (its markets, what it sells) and
        # scores the table once for it: the page shows the target and the scores the verdict uses.
        self.checker = ShortlistChecker(self.creators, self.objective, self.campaign.creator_budget,
                                        campaign=self.campaign)
        self.target = self.checker.target
        for row in self.scored:
            self.labels[str(row["creator_id"])] = self._label(row)
        self.filtered: Sequence[Mapping[str, Any]] = self.scored

    @property
    def scored(self) -> list[dict[str, Any]]:
        """The current table's rows with their computed columns (the checker's: one copy, one truth)."""
        return self.checker.scored

    @staticmethod
    def _label(row: Any) -> str:
        handle = (cell_text(row.get("handle")) or str(row["creator_id"]))[:30]
        tier_name = row.get("tier")
        tier_label = "?" if missing(tier_name) else TIER_LABELS.get(str(tier_name), "?")
        fee = row.get("fee_per_post_eur")
        fee_text = "tarif ?" if missing(fee) else f"{format_number(float(fee))}\u00a0€"
        platform = PLATFORM_LABELS.get(str(row.get("platform")), "?")
        return (
            f"@{handle} — {tier_label}, {platform}, {_pct(row.get('engagement_rate'), 2)}, {fee_text} "
            f"[{row['creator_id']}]"
        )

    def use_table(self, creators: object, source: str) -> None:
        """Work on another table (the sample, or the learner's import); the selection is kept."""
        self.source = source
        self._set_table(creators)
        self.step.forget_verdict()  # a verdict prepared on the previous table no longer holds
        if source == "exemple":
            self.import_status.value = text_html("Vous travaillez sur les données d'exemple du cours.")
        self.refresh()

    def import_csv(self, content: bytes, name: str = "fichier.csv") -> bool:
        """Read the learner's CSV with the course's importer; on any problem the current table stays.

        The importer needs pandas: where it cannot be imported (the online course, in the browser), the
        learner reads why in French and keeps working on the current table.
        """
        if missing_library("pandas"):
            self.import_status.value = notice_html(IMPORT_UNAVAILABLE)
            return False
        from influence_workbook.data.importer import read_creators_csv

        if len(content) > MAX_UPLOAD_BYTES:
            self.import_status.value = notice_html(
                f"Le fichier « {name[:80]} » dépasse 5 Mo : exportez seulement les colonnes utiles."
            )
            return False
        try:
            result = read_creators_csv(bytes(content))
        except Exception:  # the importer never raises on content; this is a last safety net
            LOGGER.exception("import of %s failed", name)
            self.import_status.value = notice_html(
                "Ce fichier n'a pas pu être lu. Votre présélection enregistrée n'a pas changé."
            )
            return False
        report = "<br>".join(escape(line) for line in result.report().splitlines()[:30])
        if result.data.empty:
            self.import_status.value = (
                notice_html(
                    f"Aucun créateur importé depuis « {name[:80]} » : la liste affichée et votre "
                    f"présélection enregistrée n'ont pas changé."
                )
                + f"<p>{report}</p>"
            )
            return False
        data = result.data.copy()
        if "creator_id" not in data.columns:
            data.insert(0, "creator_id", [f"L{i:04d}" for i in range(1, len(data) + 1)])
        self.use_table(data, "import")
        self.import_status.value = (
            text_html(
                f"Fichier « {name[:80]} » : vous travaillez maintenant sur votre liste. Les colonnes "
                f"absentes (audience, tarif…) apparaissent comme inconnues."
            )
            + f'<p class="{PREFIX}-import-report">{report}</p>'
        )
        return True

    def _on_upload(self, value: Any) -> None:
        try:
            upload = _read_upload(value)
        except Exception:
            LOGGER.exception("unreadable upload value")
            upload = None
        if upload is None:
            return
        self.import_csv(upload[1], upload[0])

    # ------------------------------------------------------------------ filtering and table

    def current_filters(self) -> dict[str, Any]:
        """The filters as :func:`~influence_workbook.metrics.filter_creators` takes them (None: no filter)."""
        menus = self._filter_menus()
        filters = {key: None if menu.value == no_filter else menu.value for key, (menu, no_filter) in menus.items()}
        # The two follower menus may be set the wrong way round: the range runs from the lower to the higher.
        low, high = sorted((self.followers_min.value, self.followers_max.value))
        filters["followers_min"] = None if low == menus["followers_min"][1] else low
        filters["followers_max"] = None if high == menus["followers_max"][1] else high
        return filters

    def refresh(self) -> None:
        """Filter, sort and show at most 50 rows; the shortlist options follow, the picks stay."""
        self.filtered = filter_rows(self.scored, **self.current_filters())
        column, ascending = SORTS.get(self.sort.value, ("er_vs_benchmark", False))
        shown = sorted_rows(self.filtered, column, ascending=ascending)[:MAX_ROWS_SHOWN]
        total = len(self.filtered)
        more = f", les {MAX_ROWS_SHOWN} premiers sont affichés" if total > MAX_ROWS_SHOWN else ""
        self.count.value = text_html(
            f"{format_number(total)} créateur{'s' if total > 1 else ''} sur "
            f"{format_number(len(self.scored))} correspondent à vos filtres{more}."
        )
        self.table.value = self._table_html(shown)
        selected = [str(v) for v in self.picks.value]
        options = [(self.labels.get(cid, cid), cid) for cid in (str(row.get("creator_id")) for row in shown)]
        present = {cid for _, cid in options}
        options = [(self.labels.get(cid, cid), cid) for cid in selected if cid not in present] + options
        self.picks.options = options
        self.picks.value = tuple(selected)
        self._update_budget()

    def _table_html(self, rows: Sequence[Any]) -> str:
        formulas = " ; ".join(f"{PLATFORM_LABELS[p]} : {FORMULAS[p].text_fr}" for p in PLATFORMS)
        head = (
            "Créateur",
            "Plateforme",
            "Palier",
            "Abonnés",
            "Taux d'engagement",
            "Repère du palier",
            "Engagement ÷ repère",
            "Qualité d'audience",
            "Audience dans la cible",
            "Tarif",
        )
        parts = [
            f'<p class="{PREFIX}-formula"><strong>Formules :</strong> {escape(formulas)}.</p>',
            # A scrolling region must be reachable and named for keyboard and screen-reader users. It
            # scrolls up and down only once focused (a click or Tab): otherwise the mouse wheel over it
            # scrolled the table instead of the page (TABLE_REGION_STYLE).
            TABLE_REGION_STYLE,
            f'<div class="{PREFIX}-table-region" tabindex="0" role="region" '
            'aria-label="Tableau des créateurs : cliquez dedans pour le faire défiler">',
            '<table style="border-collapse:collapse;font-size:0.9em">',
            f"<caption>Créateurs correspondant à vos filtres, triés par "
            f"« {escape(self.sort.value)} » (cliquez dans le tableau pour le faire défiler)</caption>",
            "<thead><tr>"
            + "".join(
                f'<th scope="col" style="text-align:left;padding:.2rem .4rem">{escape(h)}</th>' for h in head
            )
            + "</tr></thead><tbody>",
        ]
        for row in rows:
            tier_name = row.get("tier")
            tier_label = "—" if missing(tier_name) else TIER_LABELS.get(str(tier_name), "—")
            low, high = row.get("benchmark_low"), row.get("benchmark_high")
            bench = "—" if missing(low) else f"{format_number(float(low), 1)}–{_pct(high)}"
            ratio = row.get("er_vs_benchmark")
            ratio_text = "—" if missing(ratio) else f"{format_number(float(ratio), 1)} ×"
            quality = str(row.get("audience_quality"))
            reasons = str(row.get("quality_reasons"))
            quality_text = quality if quality == "fiable" else f"{quality} : {reasons}"
            country_share, age_share = row["audience_country_share"], row["audience_age_share"]
            fit = f"pays {_pct(100 * country_share, 0)}, âge {_pct(100 * age_share, 0)}"
            fee = row.get("fee_per_post_eur")
            fee_text = "—" if missing(fee) else f"{format_number(float(fee))}\u00a0€"
            name = cell_text(row.get("display_name"))[:60]
            handle = cell_text(row.get("handle"))[:40]
            cells = (
                f"@{handle} ({name}) [{row['creator_id']}]",
                PLATFORM_LABELS.get(str(row.get("platform")), "?"),
                tier_label,
                format_number(float(row["followers"])) if not missing(row.get("followers")) else "—",
                _pct(row.get("engagement_rate"), 2),
                bench,
                ratio_text,
                quality_text,
                fit,
                fee_text,
            )
            parts.append(
                "<tr>"
                + "".join(
                    f'<td style="padding:.2rem .4rem;border-top:1px solid #ddd">{escape(cell)}</td>'
                    for cell in cells
                )
                + "</tr>"
            )
        parts.append("</tbody></table></div>")
        return "".join(parts)

    def _update_budget(self) -> None:
        ids = [str(v) for v in self.picks.value]
        rows = [self.checker.row_of[cid] for cid in ids if cid in self.checker.row_of]
        fees = [self.checker.fees[row] for row in rows]
        total = float(sum(fee for fee in fees if not math.isnan(fee)))
        for cid in ids:  # judged now, while the learner is still choosing: « Vérifier » then only reads
            if cid in self.checker.row_of:
                self.checker.creator_item(cid)
        plural = "s" if len(ids) > 1 else ""
        line = f"{len(ids)} créateur{plural} choisi{plural} (de {MIN_PICKS} à {MAX_PICKS})"
        unknown = len(ids) - sum(1 for fee in fees if not math.isnan(fee))
        budget = f"budget {self.campaign.money(self.campaign.creator_budget)}"
        if ids and unknown:  # an imported file without fees: say so rather than count them as 0 €
            self.budget.value = text_html(f"{line} · tarif inconnu pour {unknown} d'entre eux : impossible "
                                          f"de faire le compte · {budget}.")
            return
        rate = getattr(self.checker, "rate", None)
        if self.campaign.currency != "EUR" and not isinstance(rate, float):  # no rate known: no sum in CHF
            self.budget.value = text_html(fix(
                f"{line} · tarifs : {format_number(total)}\u00a0€ pour une publication chacun · {budget} "
                f"(les tarifs des créateurs sont en euros : convertissez-les avant de comparer)."))
            return
        if self.campaign.currency != "EUR" and isinstance(rate, float):
            money = self.campaign.money
            total *= rate
            left = self.campaign.creator_budget - total
            state = "reste" if left >= 0 else "dépassement de"
            self.budget.value = text_html(fix(
                f"{line} · tarifs : {money(total)} pour une publication chacun (convertis au taux de "
                f"1 € = {format_number(rate, 2)} {self.campaign.currency}) · {budget} · {state} {money(abs(left))}."))
            return
        left = self.campaign.creator_budget - total
        state = "reste" if left >= 0 else "dépassement de"
        self.budget.value = text_html(
            f"{line} · tarifs : {format_number(total)}\u00a0€ pour une publication chacun · {budget} · "
            f"{state} {format_number(abs(left))}\u00a0€."
        )

    # ------------------------------------------------------------------ plot

    def show_plot(self) -> None:
        """The engagement figure, with the picks circled; where matplotlib or pandas cannot be imported (the
        online course, in the browser), a French sentence sends the learner to the table instead."""
        if missing_library("matplotlib") or missing_library("pandas"):
            self.plot.value = notice_html(CHART_UNAVAILABLE)
            return
        try:
            import pandas as pd

            from influence_workbook.plots import engagement_alt_text, engagement_figure, figure_img_html

            picks = [str(v) for v in self.picks.value]
            scored = pd.DataFrame(self.scored)
            figure = engagement_figure(scored, picks)
            self.plot.value = figure_img_html(
                figure, engagement_alt_text(scored, picks), f"{PREFIX}-figure"
            )
        except Exception:
            LOGGER.exception("plot failed")
            self.plot.value = notice_html("Le graphique n'a pas pu être dessiné avec ces données.")

    # ------------------------------------------------------------------ saving and checking

    def collect(self) -> dict[str, Any]:
        ids = [str(v) for v in self.picks.value]
        summaries = []
        for cid in ids:
            if cid not in self.checker.row_of:
                continue
            row: Any = self.checker.scored[self.checker.row_of[cid]]
            rate = row.get("engagement_rate")
            fee = row.get("fee_per_post_eur")
            summaries.append(
                {
                    "creator_id": cid,
                    "handle": cell_text(row.get("handle")),
                    "display_name": cell_text(row.get("display_name")),
                    "platform": cell_text(row.get("platform")),
                    "tier": None if missing(row.get("tier")) else str(row.get("tier")),
                    "followers": None if missing(row.get("followers")) else int(row["followers"]),
                    "fee_per_post_eur": None if missing(fee) else float(fee),
                    "engagement_rate": None if missing(rate) else round(float(rate), 3),
                    "audience_quality": str(row.get("audience_quality")),
                }
            )
        return {
            "creator_ids": ids,
            "creators": summaries,
            "objective": self.objective or "",
            "budget_eur": self.campaign.creator_budget,
            "currency": self.campaign.currency,
            "source": self.source,
            "filters": {k: v for k, v in self.current_filters().items() if v is not None},
            "sort": self.sort.value,
        }

    def check(self, answer: Any) -> Feedback:
        ids = answer.get("creator_ids") if isinstance(answer, dict) else answer
        return self.checker.check(ids, pool=self.filtered)

    def _redraw_plot(self) -> None:
        """After a check, a figure on show is redrawn to circle the picks just checked."""
        if self.plot.value:
            self.show_plot()

    def _filter_menus(self) -> dict[str, tuple[widgets.Dropdown, Any]]:
        """Each saved filter's menu and the value meaning « no filter »."""
        return {
            "platform": (self.platform, ALL),
            "niche": (self.niche, ALL),
            "language": (self.language, ALL),
            "audience_country": (self.country, ALL),
            "audience_age": (self.age, ALL),
            "followers_min": (self.followers_min, FOLLOWER_STEPS[0][1]),
            "followers_max": (self.followers_max, FOLLOWER_STEPS[-1][1]),
            "fee_max": (self.fee, 0),
        }

    def restore_view(self, filters: Any, sort: Any = None) -> None:
        """Put back saved filters and sort order; a value the menus no longer offer is left out."""
        saved = filters if isinstance(filters, dict) else {}
        for key, (menu, no_filter) in self._filter_menus().items():
            offered = [value for _, value in menu.options]
            value = saved.get(key, no_filter)
            menu.value = value if value in offered else no_filter
        if isinstance(sort, str) and sort in SORTS:
            self.sort.value = sort

    def restore(self, answer: Any) -> None:
        if not isinstance(answer, dict):
            return
        self.restore_view(answer.get("filters"), answer.get("sort"))
        for summary in answer.get("creators") or []:
            if isinstance(summary, dict) and summary.get("creator_id"):
                cid = str(summary["creator_id"])
                self.labels.setdefault(cid, f"@{str(summary.get('handle') or cid)[:30]} [{cid}]")
        ids = [str(v) for v in answer.get("creator_ids") or [] if isinstance(v, str | int)]
        options = list(self.picks.options)
        present = {value for _, value in options}
        options = [(self.labels.get(cid, cid), cid) for cid in ids if cid not in present] + options
        self.picks.options = options
        self.picks.value = tuple(ids)
        if answer.get("source") == "import":
            known = {str(row.get("creator_id")) for row in self.scored}
            if any(cid not in known for cid in ids):
                self.import_status.value = notice_html(
                    "Votre présélection enregistrée venait de votre propre fichier : importez-le de nouveau "
                    "pour la vérifier encore. Elle reste enregistrée telle quelle."
                )
        self._update_budget()

    # ------------------------------------------------------------------ layout

    def widget(self) -> widgets.VBox:
        if self.objective:
            objective = (
                f"<p><strong>Votre objectif (chapitre 1) :</strong> « {escape(self.objective[:600])} »</p>"
            )
        else:
            note = DEFAULT_OBJECTIVE_NOTE if self.campaign.is_default else OWN_DEFAULT_OBJECTIVE_NOTE
            objective = f"<p><em>{escape(note)}</em></p>"
        intro = widgets.HTML(
            f"<p>{campaign_facts_html(self.campaign, budget=True)} Cible retenue pour la vérification\u00a0: "
            f"{escape(self.target.describe())}.</p>{objective}"
        )
        intro.add_class(f"{PREFIX}-campaign")
        help_items = "".join(
            f"<li><strong>{escape(name)}</strong> : {escape(text)}</li>" for name, text in COLUMN_HELP
        )
        help_box = widgets.HTML(
            f"<details><summary>Que veulent dire les colonnes ?</summary><ul>{help_items}</ul></details>"
        )
        filters = widgets.VBox(
            [
                self.platform,
                self.niche,
                self.language,
                self.country,
                self.age,
                self.followers_min,
                self.followers_max,
                self.fee,
                self.sort,
            ]
        )
        importer = widgets.VBox([widgets.HBox([self.upload, self.use_sample]), self.import_status])
        children = [intro, help_box, filters, self.count, self.table, self.picks, self.budget, self.plot_button,
                    self.plot, *self.step.widgets(), importer]
        return workshop_box(children, f"{PREFIX}-shortlist")


def sorted_rows(rows: Sequence[Mapping[str, Any]], column: str, *, ascending: bool) -> list[Mapping[str, Any]]:
    """The rows sorted on a numeric column, missing values last, ties in their order (a stable sort)."""
    keyed = [(cell_number(row.get(column)), row) for row in rows]
    known = [(value, row) for value, row in keyed if not math.isnan(value)]
    known.sort(key=lambda pair: pair[0] if ascending else -pair[0])
    return [row for _, row in known] + [row for value, row in keyed if math.isnan(value)]


def shortlist_workshop(store: ProgressStore | None = None) -> widgets.VBox:
    """Display this in the chapter-2 notebook: ``shortlist_workshop()``."""
    return ShortlistWorkshop(store).widget()
