"""Chapter 8 — « Oublier d'évaluer les résultats »: the KPI table of the Rituel Avoine launch.

The learner reads the simulated results of Sève's « Rituel Avoine » launch (the rows of
``data/collaborations.csv`` whose campaign is « Rituel Avoine ») and its regional holdout
(``data/holdout.csv``), computes the campaign's cost per order, ROAS and ROI, reads the holdout's
lift, names the KPI that answers chapter 1's objective, says what the creator with the biggest
media value (EMV) really sold, states a limit of the attribution and writes a verdict a manager
can read. :func:`check_results` judges, one item per criterion:

the KPI that answers the objective · cost per order · ROAS · ROI on gross margin (never on
revenue) · the holdout's lift · the EMV trap · an attribution limit · a verdict sentence that
states the result against the target, true to the figures.

The results are the sample launch's whatever the campaign; the money facts that turn them into
a cost and a return (gross margin rate, agency fees) are the active campaign's
(:class:`~influence_workbook.campaign.Campaign`): total cost = creators' fees + products and
parcels + agency fees. Figures follow :mod:`influence_workbook.metrics`.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from influence_workbook import metrics
from influence_workbook.campaign import SEVE, Campaign, resolve
from influence_workbook.checks.guard import learner_check
from influence_workbook.feedback import Feedback, FeedbackItem, build_feedback, input_problem
from influence_workbook.reading import Meaning, read
from influence_workbook.text import find_quantities, fold, format_number, is_placeholder

CHECK_NAME = "ch08-results"
LABEL = "Bilan"
CAMPAIGN_NAME = "Rituel Avoine"
FIELDS: tuple[str, ...] = ("kpi", "cpa", "roas", "roi", "lift", "emv", "limits", "verdict")
#: Each text field is read on its first characters only (a verdict is two or three sentences).
MAX_ANALYSED_CHARS = 3_000
#: A verdict a manager reads at a glance: at most this many words.
MAX_VERDICT_WORDS = 60
MIN_VERDICT_WORDS = 5

# Tolerances: a relative error for costs and ratios, points of percentage for ROI and lift.
RELATIVE_TOLERANCE = 0.03
ROI_TOLERANCE_POINTS = 3.0
LIFT_TOLERANCE_POINTS = 2.0

# Sections of chapter 8 that feedback points to (their titles in the chapter).
READ_FORMULAS = "Les formules, une par une"
READ_COST = "Le coût total, pas seulement le cachet"
READ_ROI = "ROI sur la marge, pas sur le chiffre d'affaires"
READ_KPI = "Le bon KPI pour l'objectif"
READ_ATTRIBUTION = "Attribuer les ventes : liens, codes et leurs limites"
READ_INCREMENTALITY = "Ce que la campagne a vraiment ajouté"
READ_EMV = "La valeur médiatique (EMV), un chiffre qui ne vend rien"
READ_EXAMPLE = "Exemple : avant, après"

#: Chapter 1's objective when the learner has saved none (Sève's, as chapter 1's example writes it).
DEFAULT_OBJECTIVE = "Conversion : 1 500 ventes d'ici fin juin 2027 auprès des 18-34 ans en France et en Suisse"


@dataclass(frozen=True)
class KpiChoice:
    """One KPI the learner may report, the funnel stage it measures (None for EMV) and its label."""

    key: str
    label: str
    stage: str | None
    unit: str  # how its value reads: "" (a count), "€", "%" or "x"
    noun: str = ""  # what a count counts, in French (« commandes »)


KPI_CHOICES: tuple[KpiChoice, ...] = (
    KpiChoice("orders", "Commandes attribuées (ventes)", "conversion", "", "commandes"),
    KpiChoice("cpa", "Coût par commande (CPA)", "conversion", "€"),
    KpiChoice("roas", "ROAS", "conversion", "x"),
    KpiChoice("clicks", "Clics sur les liens", "consideration", "", "clics"),
    KpiChoice("engagement_rate", "Taux d'engagement", "consideration", "%"),
    KpiChoice("reach", "Portée", "awareness", "", "personnes touchées"),
    KpiChoice("impressions", "Impressions", "awareness", "", "impressions"),
    KpiChoice("views", "Vues", "awareness", "", "vues"),
    KpiChoice("emv", "EMV (valeur médiatique)", None, "€"),
)
KPI_BY_LABEL: dict[str, KpiChoice] = {choice.label: choice for choice in KPI_CHOICES}
KPI_LABELS: tuple[str, ...] = tuple(choice.label for choice in KPI_CHOICES)
STAGE_NAMES = {"awareness": "notoriété", "consideration": "considération", "conversion": "conversion",
               "loyalty": "fidélisation"}

EMV_BEST = "a aussi le meilleur coût par commande"
EMV_MIDDLE = "a un coût par commande dans la moyenne"
EMV_WORST = "a le pire coût par commande"
EMV_CHOICES: tuple[str, ...] = (EMV_BEST, EMV_MIDDLE, EMV_WORST)

#: What each KPI of chapter 1's objective is counted in, among the results' KPIs.
_OBJECTIVE_KPI_TO_CHOICES: dict[str, tuple[str, ...]] = {
    "sales": ("orders",), "promo_codes": ("orders",), "signups": ("orders",),
    "cpa": ("cpa",), "roas": ("roas",),
    "clicks": ("clicks",), "site_visits": ("clicks",),
    "engagement_rate": ("engagement_rate",), "cpe": ("engagement_rate",),
    "reach": ("reach",), "impressions": ("impressions",), "views": ("views",), "cpm": ("impressions",),
    "brand_lift": ("reach", "impressions", "views"),
    "repeat_rate": ("orders",), "reviews": ("orders",),
}
_STAGE_CHOICES: dict[str, tuple[str, ...]] = {
    "conversion": ("orders", "cpa", "roas"), "consideration": ("clicks", "engagement_rate"),
    "awareness": ("reach", "impressions", "views"), "loyalty": ("orders",),
}
#: KPIs where less is better (a target is met from below).
_LOWER_IS_BETTER = frozenset({"cpa"})


# --------------------------------------------------------------------------- the sample results


@dataclass(frozen=True)
class CreatorResult:
    creator_id: str
    name: str
    platform: str
    cost: float
    impressions: int
    reach: int
    orders: int
    revenue: float
    emv: float

    @property
    def cpa(self) -> float:
        return metrics.cpa(self.cost, self.orders)


@dataclass(frozen=True)
class SampleResults:
    """The Rituel Avoine launch, summed: what the workshop shows and every figure is computed from."""

    fees: float
    products: float  # products sent and their parcels
    orders: int
    revenue: float
    reach: int
    impressions: int
    views: int
    engagements: int
    link_clicks: int
    code_uses: int
    late_code_uses: int
    creators: tuple[CreatorResult, ...]
    # The holdout: orders per 100 000 inhabitants and per week, per group and period.
    test_before: float
    test_after: float
    control_before: float
    control_after: float

    @property
    def direct_cost(self) -> float:
        return self.fees + self.products

    @property
    def lift_pct(self) -> float:
        """Difference in differences: the test regions' growth against the control regions'."""
        return metrics.lift(self.test_after / self.test_before, self.control_after / self.control_before)

    @property
    def lift_after_only_pct(self) -> float:
        return metrics.lift(self.test_after, self.control_after)

    @property
    def test_growth_pct(self) -> float:
        return metrics.lift(self.test_after, self.test_before)

    @property
    def emv_star(self) -> CreatorResult:
        return max(self.creators, key=lambda c: (c.emv, c.creator_id))

    @property
    def emv_answer(self) -> str:
        """What the creator with the biggest EMV shows: the worst, the best or a middling cost per order."""
        costs = sorted((c.cpa if c.orders else math.inf) for c in self.creators)
        star = self.emv_star.cpa if self.emv_star.orders else math.inf
        if star >= costs[-1]:
            return EMV_WORST
        return EMV_BEST if star <= costs[0] else EMV_MIDDLE


#: The usual CPM of each platform (metrics.CPM_REFERENCE_EUR, Inzpire.me): what the common EMV multiplies.
EMV_CPM: dict[str, float] = {platform: sum(bounds) / 2 for platform, bounds in metrics.CPM_REFERENCE_EUR.items()}


def _total(rows: list[dict[str, Any]], column: str) -> float:
    """The sum of a column over plain rows (missing cells count 0, as pandas' ``sum``)."""
    return math.fsum(row[column] for row in rows if row[column] is not None)


@functools.lru_cache(maxsize=1)
def sample_results() -> SampleResults:
    """The sample launch and its holdout, read once from ``data/`` (raises if the data are missing)."""
    from influence_workbook.data.rows import read_rows

    rows = [row for row in read_rows("collaborations") if row["campaign"] == CAMPAIGN_NAME]
    names = {row["creator_id"]: row["display_name"] for row in read_rows("creators")}
    creators = []
    for creator_id in sorted({row["creator_id"] for row in rows}):
        group = [row for row in rows if row["creator_id"] == creator_id]
        platform = str(group[0]["platform"])
        impressions = int(_total(group, "impressions"))
        creators.append(CreatorResult(
            creator_id=str(creator_id), name=str(names.get(creator_id, creator_id)), platform=platform,
            cost=float(_total(group, "fee_eur") + _total(group, "product_cost_eur")), impressions=impressions,
            reach=int(_total(group, "reach")), orders=int(_total(group, "orders")),
            revenue=float(_total(group, "revenue_eur")), emv=float(metrics.emv(impressions, EMV_CPM[platform])),
        ))
    holdout = read_rows("holdout")
    cells: dict[tuple[str, str], float] = {}
    for key in sorted({(row["group"], row["period"]) for row in holdout}):
        part = [row for row in holdout if (row["group"], row["period"]) == key]
        weeks = len({row["week_start"] for row in part})
        people = sum({row["region_id"]: row["population"] for row in reversed(part)}.values())  # each region once
        cells[(str(key[0]), str(key[1]))] = float(_total(part, "orders") / weeks / people * 100_000)
    return SampleResults(
        fees=float(_total(rows, "fee_eur")), products=float(_total(rows, "product_cost_eur")),
        orders=int(_total(rows, "orders")), revenue=float(_total(rows, "revenue_eur")),
        reach=int(_total(rows, "reach")), impressions=int(_total(rows, "impressions")),
        views=int(_total(rows, "views")), engagements=int(_total(rows, "engagements")),
        link_clicks=int(_total(rows, "link_clicks")), code_uses=int(_total(rows, "promo_code_uses")),
        late_code_uses=int(_total(rows, "late_code_uses")), creators=tuple(creators),
        test_before=cells[("test", "before")], test_after=cells[("test", "after")],
        control_before=cells[("control", "before")], control_after=cells[("control", "after")],
    )


@dataclass(frozen=True)
class ExpectedFigures:
    """The right figures for a campaign's money facts, and the usual wrong ones (to say what went wrong)."""

    total_cost: float
    cpa: float
    roas: float
    roi_pct: float
    roi_on_revenue_pct: float
    direct_cpa: float
    direct_roas: float
    direct_roi_pct: float
    break_even_roas: float
    break_even_cpa: float


def expected_figures(campaign: Campaign | None = None, results: SampleResults | None = None) -> ExpectedFigures:
    """Cost per order, ROAS and ROI of the sample launch with ``campaign``'s margin and agency fees."""
    campaign = resolve(campaign)
    results = results or sample_results()
    margin = campaign.gross_margin_rate
    total = results.direct_cost + max(campaign.agency_fees, 0.0)
    return ExpectedFigures(
        total_cost=total,
        cpa=metrics.cpa(total, results.orders),
        roas=metrics.roas(results.revenue, total),
        roi_pct=metrics.roi(results.revenue, total, margin),
        roi_on_revenue_pct=metrics.roi(results.revenue, total, 1.0),
        direct_cpa=metrics.cpa(results.direct_cost, results.orders),
        direct_roas=metrics.roas(results.revenue, results.direct_cost),
        direct_roi_pct=metrics.roi(results.revenue, results.direct_cost, margin),
        break_even_roas=campaign.break_even_roas,
        break_even_cpa=campaign.break_even_cpa,
    )


def kpi_value(key: str, campaign: Campaign | None = None, results: SampleResults | None = None) -> float:
    """The launch's value of one KPI of :data:`KPI_CHOICES` (by key)."""
    results = results or sample_results()
    figures = expected_figures(campaign, results)
    values: dict[str, float] = {
        "orders": results.orders, "cpa": figures.cpa, "roas": figures.roas, "clicks": results.link_clicks,
        "engagement_rate": metrics.engagement_rate(results.engagements, 0, results.impressions),
        "reach": results.reach, "impressions": results.impressions, "views": results.views,
        "emv": sum(c.emv for c in results.creators),
    }
    return float(values[key])


# --------------------------------------------------------------------------- the objective


@dataclass(frozen=True)
class ObjectiveTarget:
    """What chapter 1's objective asks the results to show: its stage, its KPI(s) and its target."""

    text: str
    stage: str
    choices: tuple[str, ...]  # keys of KPI_CHOICES that answer it
    target: float | None  # the figure to reach, in the first choice's unit; None when unreadable
    is_default: bool
    note: str = ""

    @property
    def main(self) -> KpiChoice:
        return next(choice for choice in KPI_CHOICES if choice.key == self.choices[0])


@functools.lru_cache(maxsize=64)
def objective_target(text: str | None, campaign: Campaign | None = None) -> ObjectiveTarget:
    """Read chapter 1's objective (None: Sève's default) into the KPI and target the results answer."""
    from influence_workbook.checks.objective import read_objective

    campaign = resolve(campaign)
    is_default = not isinstance(text, str) or not text.strip()
    sentence = DEFAULT_OBJECTIVE if is_default else str(text)[:MAX_ANALYSED_CHARS]
    reading = read_objective(sentence, campaign=campaign)
    note = ""
    if is_default:
        note = ("Aucun objectif n'est enregistré au chapitre 1 : l'atelier prend celui de Sève, « "
                + DEFAULT_OBJECTIVE + " ».")
    kpis = [kpi for kpi in reading.kpis if kpi.key in _OBJECTIVE_KPI_TO_CHOICES]
    if kpis:
        choices = _OBJECTIVE_KPI_TO_CHOICES[kpis[0].key]
        stage = kpis[0].stage
        if kpis[0].key == "brand_lift":
            note = ("La notoriété mesurée par sondage ne figure pas dans ces résultats : une mesure de la portée "
                    "en tient lieu ici.")
        elif kpis[0].stage == "loyalty":
            note = ("Les réachats ne figurent pas dans ces résultats : les commandes en tiennent lieu ici.")
    elif reading.stages:
        stage = reading.stages[0]
        choices = _STAGE_CHOICES.get(stage, ("orders",))
    else:
        stage, choices = "conversion", _STAGE_CHOICES["conversion"]
        note = ("Votre objectif du chapitre 1 ne dit ni son étape du tunnel ni son indicateur : l'atelier le lit "
                "comme un objectif de ventes. Précisez-le au chapitre 1.")
    target = None
    main_kpi = kpis[0] if kpis else None
    for quantity in reading.targets:
        if main_kpi is not None and reading.kpi_of(quantity) is not main_kpi:
            continue
        wants_percent = choices[0] == "engagement_rate"
        if (quantity.unit == "%") == wants_percent:
            target = quantity.value
            break
    return ObjectiveTarget(sentence, stage, choices, target, is_default, note)


# --------------------------------------------------------------------------- reading figures

_TIMES = re.compile(r"(?<=\d)\s*x\b|\bx\s*(?=\d)")
_MINUS_WORDS = re.compile(r"(?:\bmoins|\bperte(?: de)?|\bnegatif de)\s*$")


@dataclass(frozen=True)
class Figure:
    value: float
    unit: str  # "%", "€", "CHF", "$" or ""


def read_figure(value: object) -> Figure | None:
    """The first figure of a learner's field (« 18,11 € », « -20,8 % », « x2,17 », 0.47), or None."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return Figure(float(value), "") if math.isfinite(value) else None
    if not isinstance(value, str):
        return None
    folded = _TIMES.sub(" ", fold(value[:200]))
    quantities = find_quantities(folded)
    if not quantities:
        return None
    first = quantities[0]
    before = folded[: first.start].rstrip()
    negative = before.endswith("-") or bool(_MINUS_WORDS.search(before))
    number = -first.value if negative else first.value
    return Figure(number, first.unit) if math.isfinite(number) else None


def _close(value: float, expected: float, relative: float = RELATIVE_TOLERANCE) -> bool:
    return math.isfinite(value) and math.isfinite(expected) and abs(value - expected) <= relative * abs(expected)


def _points_close(value: float, expected: float, points: float) -> bool:
    return math.isfinite(value) and math.isfinite(expected) and abs(value - expected) <= points


def _percent(figure: Figure, share_below: float) -> float:
    """A percentage from a figure: « 47 % » → 47; a share without unit (« 0,47 ») → 47."""
    if figure.unit == "%" or abs(figure.value) >= share_below:
        return figure.value
    return figure.value * 100


def _money(value: float, campaign: Campaign, decimals: int = 2) -> str:
    return f"{format_number(value, decimals)}\u00a0{campaign.currency_symbol}"


def _pct(value: float, decimals: int = 1) -> str:
    sign = "−" if value < 0 else ""
    return f"{sign}{format_number(abs(value), decimals)}\u202f%"


def _ratio_text(value: float) -> str:
    return format_number(value, 2)


# --------------------------------------------------------------------------- meanings

_LIMIT_FAMILIES: dict[str, Meaning] = {
    "le dernier clic": Meaning(
        "last_click", r"\bdernier(?:s)? clics?\b", r"\blast[- ]?click\b", r"\bderniere (?:interaction|touche)\b",
        r"\bmodele d'attribution\b", r"\battribution au dernier\b"),
    "les cookies refusés": Meaning(
        "cookies", r"\bcookies?\b", r"\bconsentement\b", r"\bcnil\b", r"\btraceurs?\b", r"\bbloqueurs? de pub\w*",
        r"\badblock\w*"),
    "les codes promo qui circulent": Meaning(
        "code_leakage",
        r"\bcodes?\b[^.;:]{0,60}\b(?:fuit\w*|fuite\w*|circul\w*|partag\w*|repris|diffus\w*|sites? de)",
        r"\bfuites? (?:des |du |de )?codes?\b", r"\bsites? de (?:bons? (?:de )?reduction|coupons?|codes? promo)\b",
        r"\bdealabs?\b", r"\bcoupons?\b"),
    "les achats sans clic": Meaning(
        "view_through", r"\bsans (?:cliquer|clic|clics|passer par le lien|le lien|code)\b",
        r"\b(?:plusieurs|autres?|deux) (?:appareils?|ecrans?)\b", r"\bmulti-?(?:appareils?|ecrans?|devices?)\b",
        r"\bview[- ]?through\b", r"\bbouche-a-oreille\b", r"\bsur son ordinateur\b", r"\bplus tard\b"),
    "l'effet réel de la campagne": Meaning(
        "incrementality", r"\bde toute facon\b", r"\bquand meme\b(?=[^.;:]{0,40}\b(?:achet|command|eu lieu))",
        r"\bincrementa\w*", r"\beffet (?:reel|propre|net)\b",
        r"\b(?:aurai(?:en)?t|auraient pu) (?:eu lieu|achete|commande)\b",
        r"\bgroupe temoin\b", r"\bcorrelation\b", r"\bcausa\w*", r"\bsans la campagne\b"),
    "les liens suivis perdus": Meaning(
        "lost_utm",
        r"\butms?\b[^.;]{0,60}\b(?:perd\w*|saut\w*|supprim\w*|manqu\w*|oubli\w*|absent\w*|effac\w*|cass\w*|coup\w*)",
        r"\b(?:perd\w*|saut\w*|supprim\w*|manqu\w*|oubli\w*|effac\w*)\b[^.;]{0,40}\butms?\b",
        r"\btrafic (?:direct|non attribue)\b", r"\bdans (?:le trafic )?\W{0,2}direct\b"),
    "une attribution imparfaite": Meaning(
        "biased", r"\bsous-?estim\w*", r"\bsur-?estim\w*", r"\bbiais\w*",
        r"\battribution\b[^.;]{0,40}\b(?:imparfait\w*|limit\w*|approximati\w*|incomplet\w*|fragile)",
        r"\bpas (?:tous|toutes) (?:comptes|comptees|suivis|suivies|attribues|attribuees)\b"),
}

_REACHED = Meaning("objective_reached", r"\batteint\w*", r"\batteign\w*", r"\batteindre\b", r"\bdepass\w*",
                   r"\breussi\w*", r"\brempli\b", r"\btenu\b",
                   r"\bobjectif (?:est )?(?:ok|valide)\b")
_MISSED = Meaning(
    "objective_missed", r"\bmanqu\w*", r"\brate\b", r"\ben (?:dessous|deca)\b", r"\bsous l'objectif\b",
    r"\bloin (?:de|du|des)\b", r"\bechec\b", r"\binsuffisant\w*", r"\bau lieu de\b",
    r"\b(?:presque|quasiment|pratiquement|pas tout a fait|pas encore|pas completement|partiellement)"
    r"(?: \w+)? (?:atteint|rempli|tenu)e?s?\b",
    r"\bnon (?:atteint|rempli|tenu)e?s?\b", r"\d+(?:,\d+)? ?% de l'objectif\b", r"\bseulement\b",
    r"\bsur (?:les |la |le )?\d[\d ]*(?:\w+ )?(?:vise|visee|vises|visees|prevu|prevue|prevus|prevues|attendu\w*)\b",
)
_ROI_MENTION = re.compile(r"\broi\b|\bretour sur investissement\b")


# --------------------------------------------------------------------------- criteria


def _kpi_item(answer: Mapping[str, Any], objective: ObjectiveTarget, campaign: Campaign,
              results: SampleResults) -> FeedbackItem:
    label = "KPI de l'objectif"
    chosen = KPI_BY_LABEL.get(str(answer.get("kpi") or "").strip())
    main = objective.main
    target_text = ""
    if objective.target is not None:
        target_text = f" (objectif : {_kpi_text(main, objective.target, campaign)})"
    stage = STAGE_NAMES.get(objective.stage, objective.stage)
    if chosen is None:
        return FeedbackItem("kpi", label, False,
                            f"Choisissez le KPI qui répond à votre objectif : une étape de {stage}, mesurée en "
                            f"« {main.label} »{target_text}.", READ_KPI)
    if chosen.key == "emv":
        return FeedbackItem("kpi", label, False,
                            "L'EMV ne répond à aucun objectif : c'est une estimation de ce qu'aurait coûté la même "
                            f"visibilité en publicité, sans lien avec les ventes. Votre objectif se mesure en « "
                            f"{main.label} »{target_text}.", READ_EMV)
    if chosen.key in objective.choices:
        actual = kpi_value(chosen.key, campaign, results)
        return FeedbackItem("kpi", label, True,
                            f"« {chosen.label} » répond bien à votre objectif de {stage} : "
                            f"{_kpi_text(chosen, actual, campaign)}{target_text}.", READ_KPI)
    if chosen.stage == objective.stage:
        return FeedbackItem("kpi", label, False,
                            f"« {chosen.label} » est bien un indicateur de {stage}, mais votre objectif se compte en "
                            f"« {main.label} »{target_text} : rapportez d'abord ce chiffre, les autres viennent "
                            "en appui.", READ_KPI)
    return FeedbackItem("kpi", label, False,
                        f"« {chosen.label} » mesure une autre étape du tunnel que votre objectif ({stage}) : il se "
                        f"mesure en « {main.label} »{target_text}.", READ_KPI)


def _kpi_text(choice: KpiChoice, value: float, campaign: Campaign) -> str:
    if choice.unit == "€":
        return _money(value, campaign)
    if choice.unit == "%":
        return f"{format_number(value, 2)}\u202f% d'engagement"
    if choice.unit == "x":
        return f"ROAS de {_ratio_text(value)}"
    return f"{format_number(value)} {choice.noun}"


def _cpa_item(answer: Mapping[str, Any], figures: ExpectedFigures, campaign: Campaign,
              results: SampleResults) -> FeedbackItem:
    label = "Coût par commande"
    formula = (f"coût total ÷ commandes = {_money(figures.total_cost, campaign, 0)} ÷ "
               f"{format_number(results.orders)} = {_money(figures.cpa, campaign)}")
    figure = read_figure(answer.get("cpa"))
    if figure is None:
        return FeedbackItem("cpa", label, False,
                            "Indiquez le coût par commande, en chiffres (par exemple 12,40 €) : coût total ÷ "
                            "commandes attribuées.", READ_FORMULAS)
    if _close(figure.value, figures.cpa):
        return FeedbackItem("cpa", label, True,
                            f"{_money(figures.cpa, campaign)} par commande, sous le seuil de rentabilité de "
                            f"{_money(figures.break_even_cpa, campaign)} (panier × marge)." if figures.cpa <
                            figures.break_even_cpa else
                            f"{_money(figures.cpa, campaign)} par commande : au-dessus du seuil de rentabilité de "
                            f"{_money(figures.break_even_cpa, campaign)} (panier × marge), chaque commande coûte plus "
                            "qu'elle ne rapporte.", READ_FORMULAS)
    if campaign.agency_fees > 0 and _close(figure.value, figures.direct_cpa):
        return FeedbackItem("cpa", label, False,
                            f"Vous avez divisé les cachets et les produits seulement : ajoutez les honoraires "
                            f"d'agence ({_money(campaign.agency_fees, campaign, 0)}). Le coût par commande est "
                            f"{formula}.", READ_COST)
    return FeedbackItem("cpa", label, False,
                        f"Ce n'est pas le coût par commande des résultats : {formula}.", READ_FORMULAS)


def _roas_item(answer: Mapping[str, Any], figures: ExpectedFigures, campaign: Campaign,
               results: SampleResults) -> FeedbackItem:
    label = "ROAS"
    formula = (f"chiffre d'affaires attribué ÷ coût total = {_money(results.revenue, campaign, 0)} ÷ "
               f"{_money(figures.total_cost, campaign, 0)} = {_ratio_text(figures.roas)}")
    figure = read_figure(answer.get("roas"))
    if figure is None:
        return FeedbackItem("roas", label, False,
                            "Indiquez le ROAS, en chiffres (par exemple 1,8) : chiffre d'affaires attribué ÷ coût "
                            "total.", READ_FORMULAS)
    value = figure.value / 100 if figure.unit == "%" and abs(figure.value) >= 20 else figure.value
    if _close(value, figures.roas):
        above = figures.roas >= figures.break_even_roas
        return FeedbackItem("roas", label, True,
                            f"{_money(figures.roas, campaign)} de chiffre d'affaires par {campaign.currency_symbol} "
                            f"dépensé : {'au-dessus' if above else 'en dessous'} du seuil de rentabilité de "
                            f"{_ratio_text(figures.break_even_roas)} (1 ÷ marge brute).",
                            READ_FORMULAS)
    if campaign.agency_fees > 0 and _close(value, figures.direct_roas):
        return FeedbackItem("roas", label, False,
                            f"Votre ROAS ne compte que les cachets et les produits : ajoutez les honoraires "
                            f"d'agence au coût. ROAS = {formula}.", READ_COST)
    if value > 0 and _close(1 / value, figures.roas):
        return FeedbackItem("roas", label, False,
                            f"Votre division est à l'envers (coût ÷ chiffre d'affaires). ROAS = {formula}.",
                            READ_FORMULAS)
    return FeedbackItem("roas", label, False, f"Ce n'est pas le ROAS des résultats : {formula}.", READ_FORMULAS)


def _roi_item(answer: Mapping[str, Any], figures: ExpectedFigures, campaign: Campaign,
              results: SampleResults, verdict: str) -> FeedbackItem:
    label = "ROI sur la marge"
    margin = campaign.gross_margin_rate
    formula = (f"(chiffre d'affaires × marge − coût total) ÷ coût total = ({_money(results.revenue, campaign, 0)} × "
               f"{format_number(100 * margin)}\u202f% − {_money(figures.total_cost, campaign, 0)}) ÷ "
               f"{_money(figures.total_cost, campaign, 0)} = {_pct(figures.roi_pct)}")
    figure = read_figure(answer.get("roi"))
    if figure is None:
        return FeedbackItem("roi", label, False,
                            "Indiquez le ROI en pourcentage (par exemple 12 % ou −8 %), calculé sur la marge brute.",
                            READ_ROI)
    value = _percent(figure, share_below=5)
    on_revenue = (_points_close(value, figures.roi_on_revenue_pct, ROI_TOLERANCE_POINTS)
                  or _points_close(value, metrics.roi(results.revenue, results.direct_cost, 1.0), ROI_TOLERANCE_POINTS))
    if on_revenue and not _points_close(value, figures.roi_pct, ROI_TOLERANCE_POINTS):
        return FeedbackItem("roi", label, False,
                            f"Ce ROI est calculé sur le chiffre d'affaires ({_pct(figures.roi_on_revenue_pct)}) : il "
                            "compte le coût des produits vendus comme un gain. Calculez-le sur la marge brute : "
                            f"{formula}.", READ_ROI)
    if not _points_close(value, figures.roi_pct, ROI_TOLERANCE_POINTS):
        if figure.unit == "" and _close(figure.value, figures.roas):
            reason = "C'est le ROAS, pas le ROI."
        elif _points_close(-value, figures.roi_pct, ROI_TOLERANCE_POINTS) and figures.roi_pct < 0:
            reason = "Le signe manque : la campagne perd de l'argent."
        elif campaign.agency_fees > 0 and _points_close(value, figures.direct_roi_pct, ROI_TOLERANCE_POINTS):
            reason = f"Les honoraires d'agence ({_money(campaign.agency_fees, campaign, 0)}) manquent au coût."
        elif not _points_close(value, figures.roi_pct, 30) and not math.isclose(margin, SEVE.gross_margin_rate) and (
                _points_close(value, metrics.roi(results.revenue, figures.total_cost, SEVE.gross_margin_rate),
                              ROI_TOLERANCE_POINTS)):
            reason = f"C'est la marge de Sève (68 %) : votre campagne a une marge de {format_number(100 * margin)} %."
        else:
            reason = "Ce n'est pas le ROI des résultats."
        return FeedbackItem("roi", label, False, f"{reason} ROI = {formula}.", READ_ROI)
    quoted = _roi_in_verdict(verdict)
    if quoted is not None and _points_close(quoted, figures.roi_on_revenue_pct, ROI_TOLERANCE_POINTS) and (
            not _points_close(quoted, figures.roi_pct, ROI_TOLERANCE_POINTS)):
        return FeedbackItem("roi", label, False,
                            f"Votre verdict annonce un ROI de {_pct(quoted, 0)} : c'est le ROI sur le chiffre "
                            f"d'affaires. Le client doit lire le ROI sur la marge, {_pct(figures.roi_pct)}.", READ_ROI)
    verb = "rapporte" if figures.roi_pct >= 0 else "perd"
    return FeedbackItem("roi", label, True,
                        f"ROI de {_pct(figures.roi_pct)} sur la marge brute : chaque {campaign.currency_symbol} "
                        f"investi {verb} {_money(abs(figures.roi_pct) / 100, campaign)} une fois tous les coûts "
                        "payés.", READ_ROI)


def _roi_in_verdict(verdict: str) -> float | None:
    folded = fold(verdict)
    for match in _ROI_MENTION.finditer(folded):
        window = folded[match.end(): match.end() + 30]
        for quantity in find_quantities(window):
            if quantity.unit == "%":
                negative = window[: quantity.start].rstrip().endswith("-")
                return -quantity.value if negative else quantity.value
    return None


def _lift_item(answer: Mapping[str, Any], results: SampleResults) -> FeedbackItem:
    label = "Test régional"
    formula = (f"croissance des régions test ({_pct(results.test_growth_pct)}) face à celle des régions témoins "
               f"({_pct(metrics.lift(results.control_after, results.control_before))}) : "
               f"lift = (1 + {_pct(results.test_growth_pct)}) ÷ (1 + "
               f"{_pct(metrics.lift(results.control_after, results.control_before))}) − 1 = {_pct(results.lift_pct)}")
    figure = read_figure(answer.get("lift"))
    if figure is None:
        return FeedbackItem("lift", label, False,
                            "Indiquez la hausse mesurée par le test régional, en pourcentage (lift = (test − témoin) "
                            "÷ témoin).", READ_INCREMENTALITY)
    value = _percent(figure, share_below=1.5)
    if _points_close(value, results.lift_pct, LIFT_TOLERANCE_POINTS) or _points_close(
            value, results.lift_after_only_pct, LIFT_TOLERANCE_POINTS):
        return FeedbackItem("lift", label, True,
                            f"Lift de {_pct(results.lift_pct)} : les contenus boostés ont ajouté environ "
                            f"{format_number(results.lift_pct)} commandes pour 100 dans les régions test, au-delà de "
                            "ce que la saison et le lancement ont apporté partout.", READ_INCREMENTALITY)
    if _points_close(value, results.test_growth_pct, LIFT_TOLERANCE_POINTS):
        return FeedbackItem("lift", label, False,
                            "Vous avez mesuré la croissance des régions test seules : elle contient aussi le lancement "
                            f"et la saison, que les régions témoins ont connus. Comparez les deux : {formula}.",
                            READ_INCREMENTALITY)
    return FeedbackItem("lift", label, False, f"Ce n'est pas ce que mesure le test : {formula}.", READ_INCREMENTALITY)


def _emv_item(answer: Mapping[str, Any], campaign: Campaign, results: SampleResults) -> FeedbackItem:
    label = "Valeur médiatique"
    star = results.emv_star
    chosen = str(answer.get("emv") or "").strip()
    facts = (f"{star.name} a la plus grande EMV ({_money(star.emv, campaign, 0)}, "
             f"{format_number(star.impressions)} impressions) et "
             + (f"{format_number(star.orders)} commandes, soit {_money(star.cpa, campaign, 0)} par commande"
                if star.orders else "aucune commande"))
    if chosen not in EMV_CHOICES:
        return FeedbackItem("emv", label, False,
                            "Dites ce que vend le créateur à la plus grande valeur médiatique : comparez son coût par "
                            "commande à celui des autres.", READ_EMV)
    if chosen == results.emv_answer:
        return FeedbackItem("emv", label, True,
                            f"{facts} : la plus grosse valeur médiatique ne dit rien des ventes.", READ_EMV)
    return FeedbackItem("emv", label, False, f"Regardez le tableau par créateur : {facts}.", READ_EMV)


def _attribution_item(answer: Mapping[str, Any]) -> FeedbackItem:
    label = "Limites de l'attribution"
    text = answer.get("limits")
    reading = read(text[:MAX_ANALYSED_CHARS]) if isinstance(text, str) and not is_placeholder(text) else None
    found = [name for name, meaning in _LIMIT_FAMILIES.items() if reading is not None and meaning.affirmed(reading)]
    if found:
        return FeedbackItem("attribution", label, True,
                            "Limite nommée : " + ", ".join(found[:3]) + ". Le client sait ce que les chiffres "
                            "attribués ne disent pas.", READ_ATTRIBUTION)
    denied = reading is not None and any(meaning.denied(reading) for meaning in _LIMIT_FAMILIES.values())
    start = ("Vous écartez ces limites, mais elles existent toujours : " if denied else
             "Nommez au moins une limite de l'attribution : ")
    return FeedbackItem("attribution", label, False,
                        start + "le dernier clic qui oublie les contenus vus avant, les cookies refusés, les codes "
                        "promo qui circulent sur des sites de bons de réduction, ou les ventes qui auraient eu lieu "
                        "sans la campagne.", READ_ATTRIBUTION)


def _verdict_item(verdict: str, objective: ObjectiveTarget, campaign: Campaign,
                  results: SampleResults) -> FeedbackItem:
    label = "Verdict pour le client"
    main = objective.main
    actual = kpi_value(main.key, campaign, results)
    met: bool | None = None
    if objective.target is not None:
        met = actual <= objective.target if main.key in _LOWER_IS_BETTER else actual >= objective.target
    fact = _kpi_text(main, actual, campaign)
    if objective.target is not None:
        share = 100 * actual / objective.target if objective.target else math.nan
        fact += f" pour un objectif de {_kpi_text(main, objective.target, campaign)}"
        if math.isfinite(share) and main.key not in _LOWER_IS_BETTER:
            fact += f" ({format_number(share)}\u202f%)"
    if not verdict.strip():
        return FeedbackItem("verdict", label, False,
                            f"Écrivez en une ou deux phrases ce que le client doit retenir : {fact}, objectif "
                            f"{'atteint' if met else 'pas atteint' if met is False else 'atteint ou non'}, et ce que "
                            "cela vaut.", READ_EXAMPLE)
    reading = read(verdict[:MAX_ANALYSED_CHARS])
    words = len(reading.folded.split())
    if words > MAX_VERDICT_WORDS:
        return FeedbackItem("verdict", label, False,
                            f"{words} mots : un responsable lit deux ou trois phrases. Gardez le résultat face à "
                            f"l'objectif et ce qu'il vaut, en {MAX_VERDICT_WORDS} mots au plus ; le détail va en "
                            "annexe.", READ_EXAMPLE)
    has_figure = bool(find_quantities(reading.folded))
    missed = bool(_MISSED.affirmed(reading)) or bool(_REACHED.denied(reading))
    reached = bool(_REACHED.affirmed(reading)) and not missed
    problems = []
    if not has_figure:
        problems.append("un chiffre (le résultat face à l'objectif)")
    if not (missed or reached) or words < MIN_VERDICT_WORDS:
        problems.append("si l'objectif est atteint ou non")
    if problems:
        return FeedbackItem("verdict", label, False,
                            "Il manque à votre verdict " + " et ".join(problems) + f". Les résultats : {fact}.",
                            READ_EXAMPLE)
    if met is not None and reached and not met:
        return FeedbackItem("verdict", label, False,
                            f"Votre verdict dit l'objectif atteint, mais les résultats donnent {fact} : il ne l'est "
                            "pas. Un client qui le découvre plus tard ne croira plus vos bilans.", READ_EXAMPLE)
    if met is True and missed and not reached:
        return FeedbackItem("verdict", label, False,
                            f"Votre verdict dit l'objectif manqué, mais les résultats donnent {fact} : il est "
                            "atteint.", READ_EXAMPLE)
    return FeedbackItem("verdict", label, True,
                        f"Un verdict clair, chiffré et fidèle aux résultats ({fact}).", READ_EXAMPLE)


def _tips(answer: Mapping[str, Any], verdict: str, results: SampleResults) -> list[str]:
    tips = []
    folded = fold(verdict)
    if verdict.strip() and not re.search(r"\btest\b|\btemoin|\blift\b|\bregion|\bincrementa|\beffet (?:reel|propre)",
                                         folded):
        tips.append(f"Dites aussi au client ce que le test régional a mesuré ({_pct(results.lift_pct, 0)}) : c'est le "
                    "seul chiffre qui montre un effet propre de la campagne.")
    return tips


@learner_check(CHECK_NAME, LABEL, READ_FORMULAS)
def check_results(answer: object, *, objective: str | None = None, campaign: Campaign | None = None) -> Feedback:
    """Judge the learner's reading of the Rituel Avoine results against chapter 1's objective.

    ``answer``: a mapping with ``kpi`` (a label of :data:`KPI_LABELS`), ``cpa``, ``roas``, ``roi``
    and ``lift`` (figures as typed, « 18,11 € », « 47 % »), ``emv`` (one of :data:`EMV_CHOICES`),
    ``limits`` and ``verdict`` (French text). ``objective``: chapter 1's sentence; None means
    Sève's (:data:`DEFAULT_OBJECTIVE`). ``campaign``: whose gross margin and agency fees turn the
    results into a cost and a return (Sève by default). Never raises on learner input.
    """
    campaign = resolve(campaign)
    if not isinstance(answer, Mapping):
        return input_problem(CHECK_NAME, LABEL,
                             "Votre réponse doit être un dictionnaire, par exemple {\"cpa\": \"12,40 €\", \"roas\": "
                             "\"1,8\", \"roi\": \"12 %\", …}.", READ_EXAMPLE)
    if all(is_placeholder(answer.get(name)) or not str(answer.get(name) or "").strip() for name in FIELDS):
        return input_problem(CHECK_NAME, LABEL,
                             "Remplissez l'atelier : le KPI de votre objectif, le coût par commande, le ROAS, le ROI, "
                             "le lift du test régional, puis vos limites et votre verdict.", READ_EXAMPLE)
    try:
        results = sample_results()
    except (OSError, KeyError, ValueError):
        return input_problem(CHECK_NAME, LABEL,
                             "Les résultats d'exemple (dossier data/) ne sont pas disponibles dans cette "
                             "installation : réinstallez le cours ou signalez-le à votre formateur.", READ_EXAMPLE)
    text = objective[:MAX_ANALYSED_CHARS] if isinstance(objective, str) else None
    target = objective_target(text, campaign)
    figures = expected_figures(campaign, results)
    verdict_raw = answer.get("verdict")
    verdict = verdict_raw[:MAX_ANALYSED_CHARS] if isinstance(verdict_raw, str) and not is_placeholder(
        verdict_raw) else ""
    items = [
        _kpi_item(answer, target, campaign, results),
        _cpa_item(answer, figures, campaign, results),
        _roas_item(answer, figures, campaign, results),
        _roi_item(answer, figures, campaign, results, verdict),
        _lift_item(answer, results),
        _emv_item(answer, campaign, results),
        _attribution_item(answer),
        _verdict_item(verdict, target, campaign, results),
    ]
    return build_feedback(CHECK_NAME, items, _tips(answer, verdict, results))


# --------------------------------------------------------------------------- the exercise's pandas work
# Not public checks (no corpus): they verify the tables a student computes with pandas in the
# chapter's exercise notebook, against the same data, and answer in French like the checks.

EXERCISE_CHECK = "ch08-exercise"
READ_TREND = "Exercice 3 : la tendance de chaque partenaire"


def _table(value: object) -> Any:
    import pandas as pd

    return value if isinstance(value, pd.DataFrame) else None


@learner_check(EXERCISE_CHECK, "Totaux", READ_FORMULAS)
def verify_totals(cpa: object, roas: object, roi: object, *, campaign: Campaign | None = None) -> Feedback:
    """The exercise's first step: the launch's cost per order, ROAS and ROI, computed with pandas."""
    campaign = resolve(campaign)
    if all(is_placeholder(value) or value is None for value in (cpa, roas, roi)):
        return input_problem(EXERCISE_CHECK, "Totaux", "Calculez d'abord cpa_total, roas_total et roi_total "
                             "(remplacez les ... par votre code).", READ_FORMULAS)
    results = sample_results()
    figures = expected_figures(campaign, results)
    answer = {"cpa": cpa, "roas": roas, "roi": roi}
    return build_feedback(EXERCISE_CHECK, [_cpa_item(answer, figures, campaign, results),
                                           _roas_item(answer, figures, campaign, results),
                                           _roi_item(answer, figures, campaign, results, "")])


@learner_check(EXERCISE_CHECK, "Tableau par créateur", READ_EMV)
def verify_creator_table(table: object) -> Feedback:
    """The exercise's second step: one row per creator of the launch, its cost per order and impressions."""
    frame = _table(table)
    label = "Tableau par créateur"
    if frame is None:
        return input_problem(EXERCISE_CHECK, label, "par_createur doit être un tableau pandas (DataFrame), une "
                             "ligne par créateur : remplacez les ... par votre code.", READ_FORMULAS)
    if "creator_id" in frame.columns:
        frame = frame.set_index("creator_id")
    results = sample_results()
    expected = {c.creator_id: c for c in results.creators}
    items = []
    ids = {str(index) for index in frame.index}
    items.append(FeedbackItem(
        "rows", "Une ligne par créateur", ids == set(expected),
        f"{len(expected)} créateurs, une ligne chacun." if ids == set(expected) else
        f"Le lancement compte {len(expected)} créateurs (creator_id) : groupez les collaborations « {CAMPAIGN_NAME} » "
        f"par créateur avec groupby. Votre tableau en a {len(ids)}.", READ_FORMULAS))
    for column, what in (("cout", "coût (fee_eur + product_cost_eur)"), ("commandes", "commandes (orders)"),
                         ("impressions", "impressions"), ("cpa", "coût par commande")):
        if column not in frame.columns:
            items.append(FeedbackItem(column, f"Colonne {column}", False,
                                      f"Ajoutez la colonne « {column} » : {what}.", READ_FORMULAS))
            continue
        wrong = []
        for creator_id, creator in expected.items():
            if creator_id not in frame.index:
                continue
            value = {"cout": creator.cost, "commandes": creator.orders, "impressions": creator.impressions,
                     "cpa": creator.cpa}[column]
            given = read_figure(_scalar(frame.loc[creator_id, column]))
            if math.isnan(value):
                if given is not None and math.isfinite(given.value):
                    wrong.append(creator.name)
            elif given is None or not _close(given.value, value, 0.01):
                wrong.append(creator.name)
        items.append(FeedbackItem(
            column, f"Colonne {column}", not wrong,
            f"Les valeurs de « {column} » sont justes." if not wrong else
            f"Vérifiez « {column} » ({what}) pour {', '.join(wrong[:3])}" + (" et d'autres" if len(wrong) > 3 else "")
            + (". Sans commande, le coût par commande n'existe pas : laissez NaN, pas 0 ni l'infini."
               if column == "cpa" else "."), READ_FORMULAS))
    return build_feedback(EXERCISE_CHECK, items)


def _scalar(value: object) -> object:
    """One cell of a learner's table (a duplicated index gives a Series: its first value)."""
    first = getattr(value, "iloc", None)
    if first is not None:
        value = first[0] if len(value) else None  # type: ignore[arg-type]
    item = getattr(value, "item", None)  # a numpy number: a Python one
    return item() if callable(item) else value


def partner_trends(min_collaborations: int = 3) -> Any:
    """Sève's partners before Rituel Avoine: cost per order of the first and the last collaboration."""
    import pandas as pd

    from influence_workbook.data import load_collaborations

    rows = load_collaborations()
    rows = rows[(rows["brand"] == "Sève") & (rows["campaign"] != CAMPAIGN_NAME)].sort_values("start_date")
    rows = rows.assign(cpa=metrics.cpa(rows["fee_eur"] + rows["product_cost_eur"], rows["orders"]))
    counts = rows.groupby("creator_id").size()
    partners = rows[rows["creator_id"].isin(counts[counts >= min_collaborations].index)]
    grouped = partners.groupby("creator_id")["cpa"]
    table = pd.DataFrame({"cpa_premiere": grouped.first(), "cpa_derniere": grouped.last()})
    table["evolution"] = table["cpa_derniere"] / table["cpa_premiere"]
    return table


@learner_check(EXERCISE_CHECK, "Tendances", READ_TREND)
def verify_trends(table: object) -> Feedback:
    """The exercise's third step: each partner's first and last cost per order, and their ratio."""
    frame = _table(table)
    label = "Tendances"
    if frame is None:
        return input_problem(EXERCISE_CHECK, label, "tendances doit être un tableau pandas (DataFrame), une ligne "
                             "par partenaire : remplacez les ... par votre code.", READ_TREND)
    if "creator_id" in frame.columns:
        frame = frame.set_index("creator_id")
    expected = partner_trends()
    items = [FeedbackItem(
        "rows", "Les partenaires", {str(i) for i in frame.index} == set(expected.index),
        f"{len(expected)} partenaires de Sève avec au moins trois collaborations." if
        {str(i) for i in frame.index} == set(expected.index) else
        f"Gardez les {len(expected)} créateurs qui ont au moins trois collaborations avec Sève avant « "
        f"{CAMPAIGN_NAME} » (votre tableau en a {len(frame)}).", READ_TREND)]
    for column in ("cpa_premiere", "cpa_derniere", "evolution"):
        if column not in frame.columns:
            items.append(FeedbackItem(column, f"Colonne {column}", False,
                                      f"Ajoutez la colonne « {column} ».", READ_TREND))
            continue
        wrong = 0
        for creator_id, row in expected.iterrows():
            if creator_id not in frame.index:
                continue
            value = float(row[column])
            given = read_figure(_scalar(frame.loc[creator_id, column]))
            ok = (given is None or not math.isfinite(given.value)) if not math.isfinite(value) else (
                given is not None and _close(given.value, value, 0.01))
            wrong += not ok
        items.append(FeedbackItem(column, f"Colonne {column}", wrong == 0,
                                  f"Les valeurs de « {column} » sont justes." if wrong == 0 else
                                  f"{wrong} valeur{'s' if wrong > 1 else ''} de « {column} » "
                                  f"{'sont' if wrong > 1 else 'est'} à revoir : triez chaque partenaire par date "
                                  "(start_date) avant de prendre la première et la dernière collaboration.",
                                  READ_TREND))
    return build_feedback(EXERCISE_CHECK, items)
