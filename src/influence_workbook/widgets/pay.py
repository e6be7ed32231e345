"""Chapter 9 workshop: an offer to each creator of the shortlist, the envelope's budget, and its export.

The creators are those of the chapter-2 shortlist; when none is saved, a default set (for Sève: chapter 2's
sample shortlist and one creator living in Switzerland, who is paid in francs; for a learner's own campaign:
French-speaking creators whose audience is in its markets), and the page says so. Each creator's card gives what
pricing needs (platform, average views, the rate they ask, what the brand already paid them this year); the
learner fills one offer per creator (contents, rights with duration and territory, exclusivity, fee, currency,
products given, written contract), ticks the contract's clauses, and writes the payment term and a
contingency line. The budget table follows every change; « Vérifier » runs
:func:`~influence_workbook.checks.pay.check_offers`; « Exporter le budget » writes it as ``.xlsx`` and ``.csv``
beside the progress file and offers both for download.

Saved answer (``ch09/offers``, per campaign): see :func:`saved_offers`, which chapter 10 reads.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any

import ipywidgets as widgets

from influence_workbook import clock
from influence_workbook.campaign import Campaign
from influence_workbook.checks.pay import (
    CHECK_NAME,
    READ_EXAMPLE,
    Plan,
    check_offers,
    gift_cost,
    money,
    pay_profiles,
    range_text,
    read_plan,
)
from influence_workbook.feedback import Feedback, escape, input_problem
from influence_workbook.pay import (
    CLAUSES,
    CPM_RANGE_EUR,
    MANDATORY_CLAUSES,
    PLATFORM_NAMES,
    USAGE_BRAND,
    USAGE_ORGANIC,
    USAGE_PAID,
    convert,
)
from influence_workbook.progress import ProgressStore
from influence_workbook.text import format_number
from influence_workbook.typography import fix
from influence_workbook.widgets.campaign import active_campaign, campaign_facts_html, campaign_store
from influence_workbook.widgets.common import (
    BUTTON_STYLE,
    FIELD_STYLE,
    CheckedStep,
    data_uri,
    file_size,
    kernel_loop,
    text_field,
    wide_layout,
    workshop_box,
)
from influence_workbook.widgets.outreach import creator_profiles, market_countries, shortlist_ids
from influence_workbook.widgets.render import notice_html

LOGGER = logging.getLogger("influence_workbook.widgets")

CHAPTER = "ch09"
STEP = "offers"
PREFIX = "iw-ch09"
#: Sève's default set: chapter 2's sample shortlist, then a creator who lives in Switzerland (paid in CHF).
DEFAULT_IDS = ("C0046", "C0128", "C0301", "C0252")
DEFAULT_COUNT = 4
#: At most this many offers on the page (a shortlist is a handful).
MAX_CREATORS = 8
#: Seconds after a field's last change before the budget table is redrawn (typing restarts the wait).
BUDGET_DELAY_S = 0.3

SOURCE_SHORTLIST = "shortlist"
SOURCE_DEFAULT = "default"

NO_DATA = ("Les données d'exemple des créateurs ne sont pas disponibles dans cette installation : "
           "réinstallez le cours (make install) ou signalez-le à votre formateur ou formatrice.")
USAGE_MENU: tuple[tuple[str, str], ...] = (
    ("— choisir —", ""),
    ("Publication sur son compte seulement", USAGE_ORGANIC),
    ("Reprise par la marque sur ses comptes", USAGE_BRAND),
    ("Publicité payante (sponsorisation, whitelisting)", USAGE_PAID),
)
CURRENCY_MENU: tuple[tuple[str, str], ...] = (("EUR (€)", "EUR"), ("CHF (francs suisses)", "CHF"))
COUNTRY_NAMES = {"FR": "France", "CH": "Suisse", "BE": "Belgique", "LU": "Luxembourg", "CA": "Canada",
                 "DE": "Allemagne", "AT": "Autriche", "GB": "Royaume-Uni", "US": "États-Unis"}
#: Offer fields, in the page's order (collect/restore and the browser spec use these keys).
OFFER_FIELDS = ("deliverables", "usage", "rights_duration", "territory", "exclusivity", "fee", "currency",
                "gift_value", "contract")


# --------------------------------------------------------------------------- the creators

def paid_this_year(brand: str, launch: date, ids: Sequence[str]) -> dict[str, float]:
    """What ``brand`` paid each creator (fees + products' value, € HT) in the twelve months before ``launch``."""
    from influence_workbook.data.rows import read_rows

    start = launch - timedelta(days=365)
    wanted = {str(i) for i in ids}
    totals: dict[str, float] = {}
    for row in read_rows("collaborations"):
        creator = str(row["creator_id"])
        if str(row["brand"]) == brand and creator in wanted and start <= row["start_date"] < launch:
            totals[creator] = totals.get(creator, 0.0) + row["fee_eur"] + row["product_value_eur"]
    return {creator: float(total) for creator, total in sorted(totals.items())}


def offer_profiles(ids: Sequence[str], campaign: Campaign) -> list[dict[str, Any]]:
    """Profiles for :func:`check_offers`, with what the campaign's brand already paid them this year."""
    profiles = pay_profiles(ids)[:MAX_CREATORS]
    try:
        already = paid_this_year(campaign.brand.name, campaign.launch, [p["creator_id"] for p in profiles])
    except Exception:  # the past collaborations are a bonus: without them, nothing was paid before
        LOGGER.debug("could not read the past collaborations", exc_info=True)
        already = {}
    for profile in profiles:
        profile["paid_last_12_months_eur"] = already.get(str(profile["creator_id"]), 0.0)
    return profiles


def default_ids(campaign: Campaign) -> list[str]:
    """The creators offered when no shortlist is saved (see the module's docstring)."""
    if campaign.is_default:
        return list(DEFAULT_IDS)
    countries = market_countries(campaign)
    return [str(p["creator_id"]) for p in creator_profiles(None, countries=countries, niches=None)][:DEFAULT_COUNT]


def offer_field(css_class: str, description: str, placeholder: str) -> widgets.Text:
    """A text field sent to the kernel when the learner leaves it (not at each keystroke): a page of thirty
    fields would otherwise send a message per letter, with an echo each, and redraw the budget as often."""
    field = text_field(css_class, description, placeholder)
    field.continuous_update = False
    return field


def card_html(profile: Mapping[str, Any], campaign: Campaign) -> str:
    """What pricing needs about one creator; every value comes from data, escaped."""
    platform = str(profile.get("platform") or "")
    cpm = CPM_RANGE_EUR.get(platform)
    views = profile.get("avg_views")
    asked = profile.get("fee_per_post_eur")
    country = str(profile.get("creator_country") or "")
    parts = [f"<strong>{escape(profile.get('display_name', ''))}</strong> (@{escape(profile.get('handle', ''))})",
             escape(PLATFORM_NAMES.get(platform, platform)),
             f"{format_number(profile.get('followers') or 0)} abonnés",
             f"{format_number(views)} vues en moyenne par vidéo" if isinstance(views, int | float) else "",
             f"vit en {escape(COUNTRY_NAMES.get(country, country))}" if country else "",
             f"tarif demandé {format_number(asked)} € HT par publication" if isinstance(asked, int | float) else ""]
    facts = " · ".join(part for part in parts if part)
    reference = (f"Repère : {format_number(cpm[0])} à {format_number(cpm[1])} € pour 1 000 vues sur "
                 f"{escape(PLATFORM_NAMES.get(platform, platform))}." if cpm else "")
    already = float(profile.get("paid_last_12_months_eur") or 0.0)
    history = (f" Déjà versé par {escape(campaign.brand.name)} sur les douze mois avant le lancement : "
               f"{format_number(already)} € HT (cachets et produits)." if already else "")
    return fix(f'<p class="{PREFIX}-card-facts">{facts}.</p><p>{reference}{history}</p>')


# --------------------------------------------------------------------------- the workshop

class OfferFields:
    """The fields of one creator's offer, each with its own class ``iw-ch09-<field>-<n>``."""

    def __init__(self, index: int, profile: Mapping[str, Any], campaign: Campaign) -> None:
        self.profile = dict(profile)
        cls = f"-{index}"
        self.card = widgets.HTML(card_html(profile, campaign))
        self.card.add_class(f"{PREFIX}-card{cls}")
        self.deliverables = offer_field(f"{PREFIX}-deliverables{cls}", "Contenus :", "1 Reel + 2 stories")
        self.usage = widgets.Dropdown(description="Droits :", options=list(USAGE_MENU), value="", style=FIELD_STYLE,
                                      layout=wide_layout())
        self.usage.add_class(f"{PREFIX}-usage{cls}")
        self.rights_duration = offer_field(f"{PREFIX}-rights-duration{cls}", "Durée des droits :", "3 mois")
        self.territory = offer_field(f"{PREFIX}-territory{cls}", "Territoire :", "France et Suisse")
        self.exclusivity = offer_field(f"{PREFIX}-exclusivity{cls}", "Exclusivité :",
                                      "aucune, ou « shampooings solides, 3 mois »")
        self.fee = offer_field(f"{PREFIX}-fee{cls}", "Cachet HT :", "150")
        self.currency = widgets.Dropdown(description="Devise :", options=list(CURRENCY_MENU),
                                         value=campaign.currency if campaign.currency in {"EUR", "CHF"} else "EUR",
                                         style=FIELD_STYLE, layout=wide_layout())
        self.currency.add_class(f"{PREFIX}-currency{cls}")
        self.gift_value = offer_field(f"{PREFIX}-gift{cls}", "Produits offerts (valeur HT) :", "0")
        self.contract = widgets.Checkbox(description="Contrat écrit prévu", value=False, indent=False)
        self.contract.add_class(f"{PREFIX}-contract{cls}")

    @property
    def fields(self) -> tuple[widgets.Widget, ...]:
        return (self.deliverables, self.usage, self.rights_duration, self.territory, self.exclusivity, self.fee,
                self.currency, self.gift_value, self.contract)

    def collect(self) -> dict[str, Any]:
        profile = self.profile
        return {
            "creator_id": str(profile.get("creator_id", "")),
            "creator_name": str(profile.get("display_name", "")),
            "handle": str(profile.get("handle", "")),
            "platform": str(profile.get("platform", "")),
            "country": str(profile.get("creator_country", "")),
            **{name: getattr(self, name).value for name in OFFER_FIELDS},
        }

    def restore(self, offer: Mapping[str, Any]) -> None:
        for name in ("deliverables", "rights_duration", "territory", "exclusivity", "fee", "gift_value"):
            getattr(self, name).value = str(offer.get(name) or "")
        self.usage.value = offer.get("usage") if offer.get("usage") in {v for _, v in USAGE_MENU} else ""
        if offer.get("currency") in {"EUR", "CHF"}:
            self.currency.value = offer["currency"]
        self.contract.value = offer.get("contract") is True

    def box(self, number: int) -> widgets.VBox:
        title = widgets.HTML(f"<h4 style=\"margin:.6rem 0 .2rem\">Offre n° {number} : "
                             f"{escape(self.profile.get('display_name', ''))}</h4>")
        box = widgets.VBox([title, self.card, *self.fields],
                           layout=widgets.Layout(border="1px solid #cbd5e1", padding=".3rem .8rem", margin=".4rem 0"))
        box.add_class(f"{PREFIX}-offer")
        return box


class PayWorkshop:
    """The widgets of the chapter-9 workshop; :meth:`widget` is what the notebook displays.

    ``creators`` (profiles as :func:`offer_profiles` gives them) replaces the sample data, for tests and for
    lecturers with their own list.
    """

    def __init__(self, store: ProgressStore | None = None,
                 creators: Sequence[Mapping[str, Any]] | None = None) -> None:
        self.campaign = active_campaign(store)
        self.store = campaign_store(store, self.campaign)
        self.problem: str | None = None
        self.source = SOURCE_SHORTLIST
        self.profiles: list[dict[str, Any]] = [dict(p) for p in creators] if creators is not None else []
        if creators is None:
            self._load_profiles()
        self.offers = [OfferFields(index, profile, self.campaign) for index, profile in enumerate(self.profiles)]
        self.clauses = {clause: widgets.Checkbox(description=label[:1].upper() + label[1:], value=False,
                                                 indent=False, layout=wide_layout())
                        for clause, label in CLAUSES.items()}
        for clause, box in self.clauses.items():
            box.add_class(f"{PREFIX}-clause-{clause}")
        self.payment_days = offer_field(f"{PREFIX}-payment", "Délai de paiement :", "30 jours après la facture")
        self.contingency = offer_field(f"{PREFIX}-contingency", "Imprévus :", "1 500, ou 10 %")
        self.budget = widgets.HTML()
        self.budget.add_class(f"{PREFIX}-budget")
        self.step = CheckedStep(chapter=CHAPTER, step=STEP, css_prefix=PREFIX, collect=self.collect,
                                restore=self.restore, check=self.check, store=self.store)
        self.export_button = widgets.Button(description="Exporter le budget (.xlsx et .csv)", style=BUTTON_STYLE,
                                            tooltip="Enregistrer le budget et le télécharger",
                                            layout=widgets.Layout(width="auto"))
        self.export_button.add_class(f"{PREFIX}-export")
        self.export_result = widgets.HTML()
        self.export_result.add_class(f"{PREFIX}-export-result")
        self.export_button.on_click(lambda _button: self.export())
        fields = [field for offer in self.offers for field in offer.fields]
        fields += [*self.clauses.values(), self.payment_days, self.contingency]
        self.step.watch(*fields)
        self._budget_pending: asyncio.TimerHandle | None = None
        for field in fields:
            field.observe(lambda _change: self._schedule_budget(), names="value")
        self._show_budget()

    # ------------------------------------------------------------------ data

    def _load_profiles(self) -> None:
        try:
            ids = shortlist_ids(self.store)
            self.profiles = offer_profiles(ids, self.campaign) if ids else []
            if not self.profiles:
                self.source = SOURCE_DEFAULT
                self.profiles = offer_profiles(default_ids(self.campaign), self.campaign)
        except Exception:  # missing or damaged data must not break the page, nor print a traceback
            LOGGER.debug("could not load the creators of chapter 9", exc_info=True)
            self.problem = NO_DATA
            self.profiles = []

    # ------------------------------------------------------------------ step

    def collect(self) -> dict[str, Any]:
        return {
            "offers": [offer.collect() for offer in self.offers],
            "clauses": [clause for clause, box in self.clauses.items() if box.value],
            "payment_days": self.payment_days.value,
            "contingency": self.contingency.value,
            "source": self.source,
        }

    def check(self, answer: Mapping[str, Any]) -> Feedback:
        if self.problem:
            return input_problem(CHECK_NAME, "Offres", self.problem, READ_EXAMPLE)
        return check_offers(dict(answer), self.profiles, campaign=self.campaign)

    def restore(self, answer: Any) -> None:
        if not isinstance(answer, Mapping):
            return
        saved = answer.get("offers")
        by_id = {str(o.get("creator_id")): o for o in saved if isinstance(o, Mapping)} if isinstance(
            saved, list) else {}
        for offer in self.offers:
            previous = by_id.get(str(offer.profile.get("creator_id")))
            if previous is not None:
                offer.restore(previous)
        ticked = answer.get("clauses")
        for clause, box in self.clauses.items():
            box.value = isinstance(ticked, list) and clause in ticked
        self.payment_days.value = str(answer.get("payment_days") or "")
        self.contingency.value = str(answer.get("contingency") or "")

    def plan(self) -> Plan:
        return read_plan(self.collect(), self.profiles, campaign=self.campaign)

    # ------------------------------------------------------------------ display

    def _schedule_budget(self) -> None:
        """Redraw the budget once typing pauses: a page of 30 fields must not redraw it at every keystroke."""
        loop = kernel_loop()
        if loop is None:  # a script, a test: at once
            self._show_budget()
            return
        if self._budget_pending is not None:
            self._budget_pending.cancel()
        self._budget_pending = loop.call_later(BUDGET_DELAY_S, self._show_budget)

    def _show_budget(self) -> None:
        self._budget_pending = None
        try:
            self.budget.value = budget_html(self.plan())
        except Exception:  # the table is a help: a value it cannot read must not break the page
            LOGGER.exception("could not draw the budget of chapter 9")
            self.budget.value = ""

    def export(self) -> None:
        """« Exporter le budget »: write both files beside the progress file and offer them for download."""
        try:
            from influence_workbook.budget_export import export_budget

            exported = export_budget(self.plan(), self.store, today=clock.today())
        except Exception:  # a learner never sees a traceback
            LOGGER.exception("could not export the budget of chapter 9")
            self.export_result.value = notice_html("Le budget n'a pas pu être exporté : erreur inattendue. "
                                                   "Réessayez, ou signalez-le à votre formateur ou formatrice.")
            return
        self.export_result.value = export_html(exported)

    def intro_html(self) -> str:
        if self.problem:
            return f'<p class="iw-notice">{escape(self.problem)}</p>'
        facts = campaign_facts_html(self.campaign, pitch=False, budget=True)
        if self.source == SOURCE_SHORTLIST:
            who = "Les créateurs sont ceux de votre présélection du chapitre 2."
        elif self.campaign.is_default:
            who = ("Vous n'avez pas encore enregistré de présélection au chapitre 2 : voici celle de l'exemple du "
                   "chapitre 2, et une créatrice qui vit en Suisse.")
        else:
            who = ("Vous n'avez pas encore enregistré de présélection au chapitre 2 pour cette campagne : voici des "
                   "créateurs d'exemple dont l'audience est dans vos marchés.")
        return fix(f"<p>{facts} {escape(who)}</p>")

    def widget(self) -> widgets.VBox:
        intro = widgets.HTML(self.intro_html())
        intro.add_class(f"{PREFIX}-campaign")
        clauses_title = widgets.HTML(fix(
            "<h4 style=\"margin:.6rem 0 .2rem\">Le contrat</h4><p>Cochez les clauses que vos contrats écrits "
            "prévoient (les cinq premières sont celles que la loi exige).</p>"))
        budget_title = widgets.HTML('<h4 style="margin:.6rem 0 .2rem">Le budget</h4>')
        return workshop_box([intro, *(offer.box(n) for n, offer in enumerate(self.offers, start=1)), clauses_title,
                             *self.clauses.values(), self.payment_days, budget_title, self.contingency, self.budget,
                             *self.step.widgets(), self.export_button, self.export_result], f"{PREFIX}-offers")


def budget_html(plan: Plan) -> str:
    """The budget as an accessible table: one line per offer, then contingency, total, envelope, what is left."""
    currency = plan.currency
    head = ("<tr><th scope=\"col\">Créateur</th><th scope=\"col\">Cachet HT</th><th scope=\"col\">"
            f"En {escape(currency)}</th><th scope=\"col\">Produits (coût et envoi)</th>"
            "<th scope=\"col\">Contrat écrit obligatoire</th></tr>")
    body = []
    for offer in plan.offers:
        fee = money(offer.fee, offer.shown_currency) if offer.fee is not None else "—"
        here = convert(offer.fee or 0.0, offer.shown_currency, currency)
        gifts = gift_cost(convert(offer.gift or 0.0, offer.shown_currency, currency), plan.campaign)
        required = "oui" if offer.contract_required() else "non"
        body.append(f"<tr><th scope=\"row\">{escape(offer.name)}</th><td>{escape(fee)}</td>"
                    f"<td>{escape(money(here, currency))}</td><td>{escape(money(gifts, currency))}</td>"
                    f"<td>{required}</td></tr>")
    left = plan.envelope - plan.total
    rows = [("Imprévus", money(plan.contingency or 0.0, currency)), ("Total", money(plan.total, currency)),
            ("Enveloppe", money(plan.envelope, currency)),
            ("Reste" if left >= 0 else "Dépassement", money(abs(left), currency))]
    foot = "".join(f"<tr><th scope=\"row\">{label}</th><td colspan=\"4\">{escape(value)}</td></tr>"
                   for label, value in rows)
    caption = ("Budget de l'enveloppe, hors taxes ; produits au coût pour la marque, envoi compris ; contrat écrit "
               "obligatoire dès 1 000 € HT sur l'année, produits compris (en France).")
    return fix(f'<div class="{PREFIX}-table-region" role="region" aria-label="Budget" tabindex="0" '
               'style="max-width:100%;overflow-x:auto">'
               f'<table class="{PREFIX}-budget-table" style="border-collapse:collapse;font-size:.9rem">'
               f'<caption style="text-align:left">{caption}</caption><thead>{head}</thead>'
               f"<tbody>{''.join(body)}{foot}</tbody></table></div>")


def export_html(exported: Any) -> str:
    """Download links (data: URIs, offline) for both files, and where they were written (or why not)."""
    from influence_workbook.budget_export import CSV_TYPE, XLSX_TYPE

    parts = ['<div class="iw-ch09-export-done" role="status" aria-live="polite"><p>'
             f'<a class="{PREFIX}-download-xlsx" download="{escape(exported.xlsx_name)}" '
             f'href="{data_uri(exported.xlsx, XLSX_TYPE)}">Télécharger le budget pour Excel ou LibreOffice (.xlsx, '
             f"{file_size(len(exported.xlsx))})</a></p><p>"
             f'<a class="{PREFIX}-download-csv" download="{escape(exported.csv_name)}" '
             f'href="{data_uri(exported.csv, f"{CSV_TYPE};charset=utf-8")}">Télécharger le budget en CSV (séparateur '
             f"point-virgule, virgule décimale, {file_size(len(exported.csv))})</a></p>"]
    if exported.notice:
        parts.append(notice_html(exported.notice))
    elif exported.folder is not None:
        parts.append(f"<p>Les deux fichiers sont aussi enregistrés dans « {escape(exported.folder)} ».</p>")
    parts.append("</div>")
    return fix("".join(parts))


def pay_workshop(store: ProgressStore | None = None) -> widgets.VBox:
    """Display this in the chapter-9 notebook: ``pay_workshop()``."""
    return PayWorkshop(store).widget()


def saved_offers(store: ProgressStore | None = None) -> dict[str, Any] | None:
    """The offers saved in chapter 9 for the active campaign, for chapter 10; None when there are none yet.

    The saved answer as typed (``offers``, ``clauses``, ``payment_days``, ``contingency``, ``source``), plus:
    ``passed`` (every criterion of the last check met), ``currency`` and ``envelope`` (the campaign's), ``rows``
    (one per offer, read: amounts as numbers in the offer's currency and in € HT, the justified range, whether
    the written contract is required), ``total``, ``contingency_amount`` and ``payment_days_value``.
    """
    base = campaign_store(store)
    saved = base.get(CHAPTER, STEP)
    if saved is None or not isinstance(saved.answer, dict):
        return None
    answer = dict(saved.answer)
    answer["passed"] = saved.passed
    campaign = base.campaign
    offers = answer.get("offers")
    ids = [str(o.get("creator_id")) for o in offers if isinstance(o, Mapping)] if isinstance(offers, list) else []
    try:
        plan = read_plan(answer, offer_profiles(ids, campaign), campaign=campaign)
    except Exception:  # damaged data or answer: the raw answer is still useful
        LOGGER.debug("could not read the saved offers", exc_info=True)
        return answer
    answer.update({
        "currency": campaign.currency,
        "envelope": campaign.creator_budget,
        "rows": [offer_row(offer) for offer in plan.offers],
        "total": round(plan.total, 2),
        "contingency_amount": plan.contingency,
        "payment_days_value": plan.payment_days,
    })
    return answer


def offer_row(offer: Any) -> dict[str, Any]:
    """One offer, read, as plain values (chapter 10's brief and contract section use them)."""
    shown = offer.range_in()
    return {
        "creator_id": offer.creator_id, "creator_name": offer.name, "platform": offer.platform,
        "country": offer.country, "deliverables": offer.deliverables_text, "usage": offer.usage,
        "rights_duration": offer.rights_text, "territory": offer.territory_text,
        "exclusivity": offer.exclusivity_text if offer.exclusivity.present else "",
        "currency": offer.shown_currency, "fee": offer.fee, "gift_value": offer.gift,
        "fee_eur_ht": offer.fee_eur_ht, "gifts_eur_ht": offer.gift_eur_ht,
        "range_low": None if shown is None else shown[0],
        "range_high": None if shown is None else shown[1],
        "range_text": range_text(offer) if shown is not None else "",
        "contract_required": offer.contract_required(), "contract": offer.contract,
    }


__all__ = ["MANDATORY_CLAUSES", "PayWorkshop", "budget_html", "pay_workshop", "saved_offers"]
