"""Chapter 7 — « Négliger les partenariats à long terme »: whom to renew, decided on the data.

The learner looks at one creator's past collaborations (cost per 1 000 impressions, cost per sale,
ROAS, collaboration after collaboration), decides « renouveler », « ajuster » or « arrêter » and
writes why. :func:`analyse_history` reads the series the way a trainer would: the cost per result
that answers the campaign's objective (cost per sale for conversion, CPM for awareness, cost per
click for consideration), its trend over the collaborations (start against end), its level
against the break-even point (average basket × gross margin), the one great result that did not
repeat, and the big reach that does not sell. :func:`check_renewal` then judges the decision:

decision that fits the trend and the objective · a figure of this creator cited, and true ·
the objective's indicator · a reason over several collaborations, not one · reliability
(deadlines, disclosure) · the French written contract when the year's total reaches 1 000 € HT.

Money is read in euros excluding tax, as the course's data gives it; a collaboration's direct
cost is its fee plus what the products and their shipping cost the brand (chapter 8's convention);
the contract threshold counts the fee plus the products' retail value (an in-kind benefit).
"""

from __future__ import annotations

import bisect
import functools
import itertools
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from statistics import median
from typing import Any

from influence_workbook import metrics
from influence_workbook.campaign import Campaign, resolve
from influence_workbook.checks.guard import learner_check
from influence_workbook.feedback import Feedback, FeedbackItem, build_feedback, input_problem
from influence_workbook.pay import MAX_AMOUNT_EUR, WRITTEN_CONTRACT_THRESHOLD_EUR_HT, written_contract_required
from influence_workbook.reading import AD_MENTION, Meaning, Reading, read
from influence_workbook.text import find_quantities, fold, format_number, is_placeholder

CHECK_NAME = "ch07-renewal"
LABEL = "Décision"

RENEW = "renouveler"
ADJUST = "ajuster"
STOP = "arrêter"
DECISIONS: tuple[str, ...] = (RENEW, ADJUST, STOP)
#: What a learner may type for each decision, folded (the workshop's menu gives the first).
_DECISION_WORDS: dict[str, str] = {
    "renouveler": RENEW, "renouvelle": RENEW, "renouveller": RENEW, "reconduire": RENEW, "continuer": RENEW,
    "poursuivre": RENEW, "renew": RENEW,
    "ajuster": ADJUST, "ajuste": ADJUST, "adapter": ADJUST, "modifier": ADJUST, "renegocier": ADJUST,
    "arreter": STOP, "arrete": STOP, "stopper": STOP, "stop": STOP, "mettre fin": STOP, "cesser": STOP,
}

#: A trend is read on at least this many collaborations (chapter 7: never on one good result).
MIN_COLLABORATIONS = 3
#: Start-to-end change of the cost per result beyond which it improves or worsens (20 %).
TREND_CHANGE = 0.20
#: One result at most half the next best, and not the latest: a one-off hit.
ONE_HIT_RATIO = 0.5
#: A cost per result this many times the break-even point is plainly a loss.
FAR_ABOVE = 2.0
NEAR_ABOVE = 1.25
#: A promo code used this share of the time more than 30 days after the content has leaked to coupon sites:
#: the orders it brings are not the creator's (chapter 8). Read from this many uses on.
LEAK_SHARE = 0.30
MIN_CODE_USES = 10
#: Impressions per collaboration from which an audience is big: a course judgement (no source gives one),
#: about ten times what the sample data's typical nano or micro creator brings.
BIG_REACH = 250_000
#: Missed deadlines from which a creator's reliability is in question.
MAX_MISSED_DEADLINES = 1
#: Cited figures within this share of a true one are right (rounding, « environ »).
FIGURE_TOLERANCE = 0.06
#: Counts (impressions, orders) are copied from the table: a closer match is asked of them.
COUNT_TOLERANCE = 0.03
#: Beyond this share from every true figure, a cited figure is wrong, not rounded.
WRONG_FIGURE_GAP = 0.15
MAX_REASON_CHARS = 2_000
#: A reason's figures are read up to this many (a reason cites a handful).
MAX_CITED = 40
#: No amount, count or delay of one collaboration comes near this: a larger value is read as unknown.
MAX_VALUE = 1e9
MAX_ROWS = 200
#: Sève's objective (chapter 1's example), used when the learner has saved none.
DEFAULT_OBJECTIVE = "Conversion : 1 500 ventes d'ici fin juin 2027 auprès des 18-34 ans en France et en Suisse"
DEFAULT_STAGE = "conversion"
#: CPM (€ per 1 000 views) usually paid per platform: Inzpire.me, as chapter 2 (metrics.CPM_REFERENCE_EUR).
CPM_REFERENCE_TOP_EUR: dict[str, float] = {"instagram": 40.0, "tiktok": 33.0, "youtube": 55.0}
CPM_REFERENCE_DEFAULT_EUR = 40.0

# Sections of chapter 7 that feedback points to (their titles in the chapter).
READ_TREND = "Décider sur la tendance, pas sur un coup d'éclat"
READ_KPI = "Le bon indicateur : celui de l'objectif"
READ_FATIGUE = "Surveiller la lassitude de l'audience"
READ_RELIABILITY = "La fiabilité compte autant que les chiffres"
READ_CONTRACT = "Le seuil du contrat écrit s'additionne sur l'année"
READ_EXAMPLE = "Exemple : avant, après"

#: Stages as chapter 1 names them (checks.objective.STAGES), and the cost per result that answers each.
KPI_BY_STAGE = {"awareness": "cpm", "consideration": "cpc", "conversion": "cpa", "loyalty": "cpa"}
_STAGE_WORDS = {"notoriete": "awareness", "consideration": "consideration", "conversion": "conversion",
                "fidelisation": "loyalty", **{stage: stage for stage in KPI_BY_STAGE}}
KPI_NAMES = {"cpm": "coût pour mille impressions (CPM)", "cpc": "coût par clic", "cpa": "coût par vente"}
KPI_TOPICS = {"cpm": "portée (vues, impressions, visibilité)", "cpc": "clics et visites", "cpa": "ventes"}
KPI_SHORT = {"cpm": "CPM", "cpc": "coût par clic", "cpa": "coût par vente"}
STAGE_NAMES = {"awareness": "la notoriété", "consideration": "la considération", "conversion": "la conversion",
               "loyalty": "la fidélisation"}

def _meaning(name: str, *patterns: str) -> Meaning:
    """A Meaning whose patterns are one alternation: one pass over the reason instead of one per pattern
    (a reason is read by five meanings of up to sixty patterns each; a hit's words are never quoted back)."""
    return Meaning(name, "|".join(f"(?:{pattern})" for pattern in patterns))


# What a reason says, written once for every spelling (reading layer).
_SALES_WORDS = (
    r"\bventes?\b", r"<vendre>", r"\bcommandes?\b", r"\bcpa\b", r"\bcout(?:s)? (?:par|d'une|de la|de l')\s*"
    r"(?:vente|commande|acquisition|achat|conversion|client)", r"\broas\b", r"\bchiffre d'affaires?\b",
    r"\bca\b", r"\brentab\w*", r"\bconversions?\b", r"\bachats?\b", r"\bretour sur (?:investissement|depenses?)\b",
    r"\broi\b", r"\brevenus?\b", r"\bmarge\b", r"\bpaniers?\b", r"\bbenefic\w*", r"\bperte\w*", r"\bperd\w*",
    r"\bcoute? plus qu\w* (?:ne )?rapporte\b", r"\brapport\w*",
)
KPI_MEANINGS: dict[str, Meaning] = {
    "cpa": _meaning("sales_kpi", *_SALES_WORDS),
    "cpm": _meaning("reach_kpi", r"\bcpm\b", r"\bportee\b", r"\bimpressions?\b", r"\bvues?\b", r"\bvisibilite\b",
                   r"\bpersonnes (?:touchees|atteintes)\b", r"\bnotoriete\b", r"\baudience\b", r"\breach\b",
                   r"\bcout (?:pour|aux|par) (?:mille|1 ?000)\b", r"\bcomptes? (?:touches|atteints)\b"),
    "cpc": _meaning("click_kpi", r"\bclics?\b", r"\bclicks?\b", r"\bcpc\b", r"<cliquer>", r"\bvisites?\b",
                   r"\bvisiteu\w+\b", r"\btrafic\b", r"\bengagements?\b", r"\bsessions?\b"),
}
_TREND = _meaning(
    "trend",
    r"\btendance\w*", r"\bevolu\w*", r"\bbaiss\w*", r"\bhausse\w*", r"\baugment\w*", r"\bdiminu\w*",
    r"\bprogress\w*", r"\brecul\w*", r"\bdegrad\w*", r"\bameliore\w*|\bamelioration\w*", r"\bessouffl\w*",
    r"\bchut\w*", r"\bgrimp\w*", r"\bremont\w*", r"\bstables?\b", r"\bstabilite\b", r"\bregulier\w*",
    r"\bconstant\w*", r"\bde (?:plus|moins) en (?:plus|moins)\b", r"\ba chaque (?:collab\w*|fois|campagne)\b",
    r"\bd'une (?:collab\w*|campagne) a l'autre\b", r"\b(?:collab\w*|campagne) apres (?:collab\w*|campagne)\b",
    r"\b(?:sur|en|pour|des|les|ses) (?:les |ses |mes |nos )?(?:\d|deux|trois|quatre|cinq|six|sept|huit)\s+"
    r"(?:dernieres? |premieres? )?(?:collab\w*|campagnes?|operations?|partenariats?)\b",
    r"\bmoyenn\w*", r"\bmedian\w*", r"\btoutes? (?:les|ses) (?:collab\w*|campagnes?)\b", r"\bdepuis\b",
    r"\bpass\w* de\b", r"\bde\s+\d[\d\s.,']*(?:\s?(?:€|eur\w*|%|chf))?\s+a\s+\d", r"\bune seule (?:fois|collab\w*)\b",
    r"\bponctuel\w*", r"\bcoup d'eclat\b", r"\bcoup de chance\b", r"\bexception\w*", r"\bisole\w*",
    r"\bpas (?:ete )?(?:repete|reprodui\w*)\b", r"\bne s'est pas (?:repete|reproduit)\b", r"\bpic\b",
    r"\blassitude\b", r"\bfatigue\w*", r"\busure\b", r"\bs'use\b", r"\bpuis\b", r"\bensuite\b", r"\bx\s?[23]\b",
    r"\b(?:double|triple)\w*\b", r"\bdivis\w* par\b", r"\ben (?:hausse|baisse)\b",
)
_RELIABILITY = _meaning(
    "reliability",
    r"\bdelais?\b", r"\bretards?\b", r"\ben retard\b", r"\bdeadlines?\b", r"\bponctu\w*", r"\ba l'heure\b",
    r"\bdates?\b", r"\bfiab\w*", r"\bserieu\w*", r"\brespect\w*", r"\bmention\w*", r"\btranspar\w*",
    r"\bdivulg\w*", r"\bsignal\w*", r"\bdeclar\w*", r"#\s?(?:pub|ad|sponsorise)\b", r"\bloi\b", r"\blegal\w*",
    r"\bdgccrf\b", r"\bpenalit\w*", r"\bconform\w*", *AD_MENTION.patterns,
)
_CONTRACT = _meaning(
    "contract",
    r"\bcontrat\w*", r"\bcontractu\w*", r"\bpar ecrit\b", r"\baccord ecrit\b", r"\bconvention\b",
    r"\bcontract\b", r"\bpapier signe\b", r"\bsigner\b",
)
#: Figures that count things or name collaborations, not results: « 3 collaborations », « n° 2 », « 2027 ».
_COUNT_AFTER = re.compile(
    r"\s*(?:e|eme|er|ere|nd|nde)?\s*(?:collab\w*|fois|mois|ans?|annees?|semaines?|jours?|publications?|posts?|"
    r"contenus?|stories|story|reels?|videos?|createu\w+|partenariats?|campagnes?|dernieres?|premieres?|h\b)"
)
_NUMBER_BEFORE = re.compile(r"(?:n°|no|numero|#|collab\w*|campagne)\s*$")
_NEUTRAL_VALUES = (WRITTEN_CONTRACT_THRESHOLD_EUR_HT, 12.0)


# --------------------------------------------------------------------------- reading the data

@dataclass(frozen=True)
class Collaboration:
    """One past collaboration, with the figures the chapter reads (NaN where the data says nothing)."""

    number: int  # 1 for the first, in date order
    start: date | None
    end: date | None
    brand: str
    platform: str
    deliverables: str
    fee: float
    product_value: float
    product_cost: float
    impressions: float
    reach: float
    views: float
    engagements: float
    clicks: float
    code_uses: float
    late_code_uses: float
    orders: float
    revenue: float
    deadline_met: bool | None
    disclosure_ok: bool | None
    payment_days: float

    @property
    def cost(self) -> float:
        """Direct cost for the brand: fee plus what the products and their shipping cost."""
        return _finite(self.fee) + _finite(self.product_cost)

    @property
    def contract_value(self) -> float:
        """What counts toward the written-contract threshold: fee plus the products' retail value."""
        return _finite(self.fee) + _finite(self.product_value)

    @property
    def cpm(self) -> float:
        return float(metrics.cpm(self.cost, self.impressions))

    @property
    def cpc(self) -> float:
        return float(metrics.cpc(self.cost, self.clicks))

    @property
    def cpa(self) -> float:
        return float(metrics.cpa(self.cost, self.orders))

    @property
    def roas(self) -> float:
        return float(metrics.roas(self.revenue, self.cost))

    def kpi(self, name: str) -> float:
        """The cost per result ``name`` (« cpa », « cpm », « cpc »); infinite when nothing came of a paid one."""
        denominator = {"cpa": self.orders, "cpm": self.impressions, "cpc": self.clicks}[name]
        if self.cost > 0 and denominator == 0:
            return math.inf  # paid, and not one sale: the worst cost per sale there is
        return {"cpa": self.cpa, "cpm": self.cpm, "cpc": self.cpc}[name]


def _finite(value: float) -> float:
    return value if math.isfinite(value) else 0.0


def _per(cost: float, count: float, scale: float = 1.0) -> float:
    """cost / count × scale; NaN for a missing, zero or negative count (the course's metrics convention)."""
    if not (math.isfinite(count) and count > 0 and math.isfinite(cost) and cost >= 0):
        return math.nan
    return scale * cost / count


def _number(value: object) -> float:
    if isinstance(value, bool) or value is None:
        return math.nan
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        return math.nan
    # Every column read here (money, counts, days) is non-negative: a negative or absurd value is unknown.
    return number if math.isfinite(number) and 0 <= number < MAX_VALUE else math.nan


def _day(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if hasattr(value, "to_pydatetime"):  # pandas Timestamp (NaT has none of this and is caught below)
        try:
            converted = value.to_pydatetime()
        except (ValueError, TypeError):
            return None
        return converted.date() if isinstance(converted, datetime) else None
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def _flag(value: object) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and fold(value) in {"true", "vrai", "oui", "1", "false", "faux", "non", "0"}:
        return fold(value) in {"true", "vrai", "oui", "1"}
    if type(value).__name__ == "bool_":  # NumPy's
        return bool(value)
    return None


def _rows(collaborations: object) -> list[Mapping[str, Any]] | None:
    """The table as a list of row mappings (a DataFrame, or a list of dicts); None when it is no table."""
    if hasattr(collaborations, "to_dict") and type(collaborations).__name__ == "DataFrame":
        try:
            records = collaborations.head(10 * MAX_ROWS).to_dict("records")  # type: ignore[attr-defined]
        except Exception:
            return None
        return [row for row in records if isinstance(row, Mapping)]
    if isinstance(collaborations, list | tuple) and all(isinstance(row, Mapping) for row in collaborations):
        return list(collaborations)[: 10 * MAX_ROWS]
    return None


def _collaboration(number: int, row: Mapping[str, Any]) -> Collaboration:
    return Collaboration(
        number=number, start=_day(row.get("start_date")), end=_day(row.get("end_date") or row.get("start_date")),
        brand=str(row.get("brand") or ""), platform=str(row.get("platform") or ""),
        deliverables=str(row.get("deliverables") or "")[:120],
        fee=_number(row.get("fee_eur")), product_value=_number(row.get("product_value_eur")),
        product_cost=_number(row.get("product_cost_eur")), impressions=_number(row.get("impressions")),
        reach=_number(row.get("reach")), views=_number(row.get("views")),
        engagements=_number(row.get("engagements")), clicks=_number(row.get("link_clicks")),
        code_uses=_number(row.get("promo_code_uses")), late_code_uses=_number(row.get("late_code_uses")),
        orders=_number(row.get("orders")), revenue=_number(row.get("revenue_eur")),
        deadline_met=_flag(row.get("deadline_met")), disclosure_ok=_flag(row.get("disclosure_ok")),
        payment_days=_number(row.get("payment_days")),
    )


def collaborations_of(rows: Sequence[Mapping[str, Any]], creator_id: str | None = None,
                      brand: str | None = None) -> tuple[Collaboration, ...]:
    """One creator's collaborations in date order; ``brand``'s only when the creator has some with it."""
    mine = [row for row in rows if creator_id is None or "creator_id" not in row
            or str(row.get("creator_id")) == creator_id]
    if brand and any(str(row.get("brand")) == brand for row in mine):
        mine = [row for row in mine if str(row.get("brand")) == brand]
    mine.sort(key=lambda row: (_day(row.get("start_date")) or date.min, str(row.get("collaboration_id", ""))))
    return tuple(_collaboration(number, row) for number, row in enumerate(mine[:MAX_ROWS], start=1))


# --------------------------------------------------------------------------- the objective

@functools.lru_cache(maxsize=64)
def objective_stage(objective: str | None) -> tuple[str, bool]:
    """(the funnel stage of chapter 1's objective, True when it is the default because none was read).

    ``objective`` is chapter 1's sentence, or a stage's name (« conversion »); None gives Sève's
    objective, which aims at sales.
    """
    if isinstance(objective, str) and objective.strip():
        folded = fold(objective).strip()
        if folded in _STAGE_WORDS:
            return _STAGE_WORDS[folded], False
        from influence_workbook.checks.objective import read_objective

        stages = read_objective(objective[:2_000]).stages
        if stages and stages[0] in KPI_BY_STAGE:
            return stages[0], False
    return DEFAULT_STAGE, True


# --------------------------------------------------------------------------- the analysis

PATTERN_TOO_FEW = "too_few"
PATTERN_ONE_HIT = "one_hit"
PATTERN_REACH_NOT_SALES = "high_reach_bad_cpa"
PATTERN_IMPROVING = "improving"
PATTERN_DECLINING = "declining"
PATTERN_STABLE = "stable"


@dataclass(frozen=True)
class History:
    """What a trainer reads in one creator's collaborations, for one campaign and objective."""

    collaborations: tuple[Collaboration, ...]
    stage: str
    kpi: str  # « cpa », « cpm » or « cpc »
    values: tuple[float, ...]  # the cost per result of each collaboration (inf: paid, no result)
    threshold: float | None  # break-even cost per sale, or the usual CPM; None when unknown
    pattern: str
    change: float  # start-to-end change of the cost per result (0.25 = +25 %); NaN when unknown
    acceptable: tuple[str, ...]  # decisions that fit, best first
    by_figures: tuple[str, ...]  # those the figures alone support (stopping an unreliable creator is not one)
    hit: int | None  # number of the one-off hit
    missed_deadlines: tuple[int, ...]
    missing_disclosure: tuple[int, ...]
    yearly_contract_value: float  # fees + products' value over the 12 months to the last collaboration
    next_contract_value: float  # the same with one more collaboration like the last
    brand: str
    break_even_roas: float | None
    code_leak_share: float = math.nan  # share of the promo code's uses more than 30 days after the content
    notes: tuple[str, ...] = field(default=())

    @property
    def code_leaked(self) -> bool:
        return self.code_leak_share >= LEAK_SHARE

    @property
    def count(self) -> int:
        return len(self.collaborations)

    @property
    def last_value(self) -> float:
        return self.values[-1] if self.values else math.nan

    @property
    def reliability_problem(self) -> bool:
        return bool(self.missing_disclosure) or len(self.missed_deadlines) > MAX_MISSED_DEADLINES


def _median(values: Iterable[float]) -> float:
    finite = [v for v in values if not math.isnan(v)]
    return median(finite) if finite else math.nan


def _change(start: float, end: float) -> float:
    if math.isnan(start) or math.isnan(end):
        return math.nan
    if math.isinf(end) and not math.isinf(start):
        return math.inf
    if math.isinf(start) and not math.isinf(end):
        return -1.0
    if math.isinf(start) or start <= 0:
        return math.nan
    return end / start - 1.0


def break_even_cpa(campaign: Campaign) -> float | None:
    """The cost per sale the gross margin of an average order pays for: basket × margin rate
    (:attr:`Campaign.break_even_cpa`; the product's price stands for the basket when none is given)."""
    if not 0 < campaign.gross_margin_rate < 1:
        return None
    value = campaign.break_even_cpa or (campaign.product_price * campaign.gross_margin_rate)
    return value if math.isfinite(value) and value > 0 else None


def _threshold(kpi: str, collaborations: Sequence[Collaboration], campaign: Campaign) -> float | None:
    if kpi == "cpa":
        return break_even_cpa(campaign)
    if kpi == "cpm":
        platform = next((c.platform for c in reversed(collaborations) if c.platform), "")
        return CPM_REFERENCE_TOP_EUR.get(fold(platform), CPM_REFERENCE_DEFAULT_EUR)
    return None


def _pattern(values: Sequence[float], kpi: str, threshold: float | None,
             collaborations: Sequence[Collaboration]) -> tuple[str, float, int | None]:
    known = [v for v in values if not math.isnan(v)]
    if len(known) < MIN_COLLABORATIONS:
        return PATTERN_TOO_FEW, math.nan, None
    half = max(1, len(values) // 2)
    change = _change(_median(values[:half]), _median(values[-half:]))
    ordered = sorted(known)
    best, second = ordered[0], ordered[1]
    best_index = values.index(best)
    if best_index != len(values) - 1 and best <= ONE_HIT_RATIO * second:
        return PATTERN_ONE_HIT, change, best_index + 1
    if kpi == "cpa" and threshold is not None and _median(values) > threshold:
        # A big audience reached at a usual price or less, and sales that do not pay for it.
        platform = next((c.platform for c in reversed(collaborations) if c.platform), "")
        usual = CPM_REFERENCE_TOP_EUR.get(fold(platform), CPM_REFERENCE_DEFAULT_EUR)
        if (_median(c.impressions for c in collaborations) >= BIG_REACH
                and _median(c.cpm for c in collaborations) <= usual):
            return PATTERN_REACH_NOT_SALES, change, None
    if not math.isnan(change) and change <= -TREND_CHANGE:
        return PATTERN_IMPROVING, change, None
    if not math.isnan(change) and change >= TREND_CHANGE:
        return PATTERN_DECLINING, change, None
    return PATTERN_STABLE, change, None


def _acceptable(pattern: str, last: float, values: Sequence[float], threshold: float | None) -> tuple[str, ...]:
    if threshold is None:
        level = None
    else:
        level = last / threshold if not math.isnan(last) else math.inf
    if pattern == PATTERN_TOO_FEW:
        known = [v for v in values if not math.isnan(v)]
        if threshold is not None and known and min(known) > FAR_ABOVE * threshold:
            return (STOP, ADJUST)
        return (ADJUST,)
    if pattern in (PATTERN_ONE_HIT, PATTERN_REACH_NOT_SALES):
        return (STOP, ADJUST) if level is None or level > 1 else (ADJUST, STOP)
    if pattern == PATTERN_IMPROVING:
        if level is not None and level > FAR_ABOVE:
            return (ADJUST, STOP)
        return (RENEW, ADJUST) if level is None or level <= 1 else (ADJUST, RENEW)
    if pattern == PATTERN_DECLINING:
        return (ADJUST,) if level is not None and level <= 1 else (STOP, ADJUST) if level is not None else (
            ADJUST, STOP)
    # stable
    if level is None or level <= 1:
        return (RENEW, ADJUST)
    return (ADJUST, STOP) if level <= NEAR_ABOVE else (STOP,)


def analyse_history(collaborations: Sequence[Collaboration], *, objective: str | None = None,
                    campaign: Campaign | None = None) -> History:
    """Read one creator's collaborations (in date order) for the campaign's objective: trend, level, traps."""
    campaign = resolve(campaign)
    stage, defaulted = objective_stage(objective if isinstance(objective, str) else None)
    kpi = KPI_BY_STAGE[stage]
    values = tuple(c.kpi(kpi) for c in collaborations)
    threshold = _threshold(kpi, collaborations, campaign)
    pattern, change, hit = _pattern(values, kpi, threshold, collaborations)
    last = values[-1] if values else math.nan
    acceptable = by_figures = _acceptable(pattern, last, values, threshold)
    missed = tuple(c.number for c in collaborations if c.deadline_met is False)
    undisclosed = tuple(c.number for c in collaborations if c.disclosure_ok is False)
    uses = sum(_finite(c.code_uses) for c in collaborations)
    late = sum(_finite(c.late_code_uses) for c in collaborations)
    leak = late / uses if uses >= MIN_CODE_USES else math.nan
    if leak >= LEAK_SHARE and kpi == "cpa" and RENEW in acceptable:
        # The cost per sale looks good on orders that coupon sites brought: adjust the code before renewing.
        acceptable = by_figures = tuple(d for d in acceptable if d != RENEW) or (ADJUST,)
        if ADJUST not in acceptable:
            acceptable = by_figures = (ADJUST, *acceptable)
    if (undisclosed or len(missed) > MAX_MISSED_DEADLINES) and STOP not in acceptable:
        acceptable = (*acceptable, STOP)  # stopping with an unreliable creator is a trainer's call too
    brand = collaborations[-1].brand if collaborations else ""
    same_brand = [c for c in collaborations if not brand or c.brand == brand]
    ends = [day for c in same_brand if (day := c.end or c.start) is not None]
    last_end = max(ends, default=None)
    if last_end is not None:
        window = [c for c in same_brand if (c.end or c.start or date.min) > last_end - timedelta(days=365)]
    else:
        window = list(same_brand)
    yearly = sum(c.contract_value for c in window)
    following = yearly + (same_brand[-1].contract_value if same_brand else 0.0)
    margin = campaign.gross_margin_rate
    return History(
        collaborations=tuple(collaborations), stage=stage, kpi=kpi, values=values, threshold=threshold,
        pattern=pattern, change=change, acceptable=acceptable, by_figures=by_figures, hit=hit,
        missed_deadlines=missed, missing_disclosure=undisclosed,
        yearly_contract_value=yearly, next_contract_value=following, brand=brand,
        break_even_roas=1 / margin if 0 < margin < 1 else None, code_leak_share=leak,
        notes=("objective_default",) if defaulted else (),
    )


# --------------------------------------------------------------------------- French figures

def money(value: float) -> str:
    """« 25,8 € », « 1 250 € », « 4,20 € »: few digits, as a manager reads them."""
    if math.isinf(value):
        return "aucune vente"
    decimals = 2 if abs(value) < 10 else 1 if abs(value) < 100 else 0
    text = format_number(value, decimals)
    if decimals:
        text = text.rstrip("0").rstrip(",")
    return f"{text}\u00a0€"


def ratio(value: float) -> str:
    return format_number(value, 2 if value < 10 else 1).rstrip("0").rstrip(",") if math.isfinite(value) else "—"


def kpi_text(kpi: str, value: float) -> str:
    if math.isnan(value):
        return "—"
    if math.isinf(value):
        return "aucune vente" if kpi == "cpa" else "aucun résultat"
    return money(value)


def series_text(history: History) -> str:
    """« coût par vente : 18 € → 22 € → 31 € (collaborations 1 à 3) »."""
    shown = " → ".join(kpi_text(history.kpi, v) for v in history.values)
    span = ("une collaboration" if history.count == 1 else "collaborations 1 et 2" if history.count == 2
            else f"collaborations 1 à {history.count}")
    name = KPI_SHORT[history.kpi]
    return f"{name[0].upper()}{name[1:]} : {shown} ({span})"


def _threshold_text(history: History) -> str:
    if history.threshold is None:
        return ""
    if history.kpi == "cpa":
        threshold = format_number(history.threshold, 2).removesuffix(",00")
        return f" ; seuil de rentabilité : {threshold}\u00a0€ par vente (panier moyen × marge brute)"
    return f" ; CPM usuel de la plateforme : jusqu'à {money(history.threshold)}"


def _and(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " et " + words[-1]


def _numbers(numbers: Sequence[int]) -> str:
    """« collaboration n° 2 », « collaborations n° 2 et 3 »."""
    if len(numbers) == 1:
        return f"collaboration n° {numbers[0]}"
    return "collaborations n° " + _and([str(n) for n in numbers])


def _quoted(decisions: Sequence[str]) -> str:
    return " ou ".join(f"« {d} »" for d in decisions)


def explain(history: History, name: str = "") -> str:
    """What the series says, in French, with its figures (the decision criterion's message)."""
    story = _explain_series(history, name)
    if history.code_leaked and history.kpi == "cpa":
        story += (f" Mais {format_number(history.code_leak_share * 100)} % des utilisations du code promo ont eu lieu "
                  "plus de 30 jours après les publications : le code a fuité sur des sites de bons de réduction, et "
                  "ces ventes ne viennent sans doute pas du créateur. Le vrai coût par vente est plus élevé.")
    return story


def _explain_series(history: History, name: str) -> str:
    who = name or "Ce créateur"
    series = series_text(history) + _threshold_text(history) + "."
    last = history.last_value
    above = history.threshold is not None and not math.isnan(last) and last > history.threshold
    pattern = history.pattern
    if pattern == PATTERN_TOO_FEW:
        return (f"{series} {history.count} collaboration{'s' if history.count > 1 else ''} seulement : trop peu pour "
                f"lire une tendance. Il en faut au moins {MIN_COLLABORATIONS} ; proposez plutôt un nouvel essai cadré.")
    if pattern == PATTERN_ONE_HIT:
        best = history.values[(history.hit or 1) - 1]
        return (f"{series} La collaboration n° {history.hit} ({kpi_text(history.kpi, best)}) est un coup d'éclat "
                "qui ne s'est pas répété : on ne décide pas sur un seul bon résultat.")
    if pattern == PATTERN_REACH_NOT_SALES:
        impressions = _median(c.impressions for c in history.collaborations)
        reach = f" (environ {format_number(impressions)} impressions par collaboration)" if not math.isnan(
            impressions) else ""
        return (f"{series} {who} touche beaucoup de monde à bon prix{reach}, mais chaque vente coûte plus que ce "
                "qu'elle rapporte en marge : une grande portée ne paie pas les ventes.")
    if pattern == PATTERN_IMPROVING:
        drop = format_number(abs(history.change) * 100)
        trend = f"Le {KPI_SHORT[history.kpi]} baisse de {drop} % d'un bout à l'autre"
        return f"{series} {trend} : le partenariat s'améliore" + (
            ", sans être encore rentable." if above else ".")
    if pattern == PATTERN_DECLINING:
        rise = ("passe à « aucune vente »" if math.isinf(history.change)
                else f"monte de {format_number(history.change * 100)} %")
        return f"{series} Le {KPI_SHORT[history.kpi]} {rise} : l'audience se lasse" + (
            " et chaque vente coûte désormais plus qu'elle ne rapporte." if above else
            ", même si le partenariat reste rentable pour l'instant.")
    if history.threshold is None:
        return f"{series} Des résultats réguliers."
    limit = "du seuil de rentabilité" if history.kpi == "cpa" else "du CPM usuel"
    return f"{series} Des résultats réguliers, {'mais au-dessus' if above else 'en dessous'} {limit}."


# --------------------------------------------------------------------------- figures in the reason

@dataclass(frozen=True)
class Figure:
    """A true figure of the creator's results, with what it is (for messages) and the collaboration."""

    value: float
    kind: str  # « money », « percent », « count », « ratio »
    metric: str
    number: int | None  # the collaboration (None: a total, an average or a change)


def true_figures(history: History) -> list[Figure]:
    """Every figure a reason may cite about this creator's results: per collaboration, totals, changes."""
    figures: list[Figure] = []

    def add(value: float, kind: str, metric: str, number: int | None = None) -> None:
        if math.isfinite(value):
            figures.append(Figure(value, kind, metric, number))

    collaborations = history.collaborations
    for c in collaborations:
        for value, metric in ((c.fee, "fee"), (c.cost, "cost"), (c.product_value, "product_value"),
                              (c.product_cost, "product_cost"), (c.contract_value, "contract_value"),
                              (c.revenue, "revenue"), (c.cpa, "cpa"), (c.cpm, "cpm"), (c.cpc, "cpc")):
            add(value, "money", metric, c.number)
        for value, metric in ((c.impressions, "impressions"), (c.reach, "reach"), (c.views, "views"),
                              (c.engagements, "engagements"), (c.clicks, "clicks"), (c.orders, "orders")):
            add(value, "count", metric, c.number)
        add(c.roas, "ratio", "roas", c.number)
        add(100 * c.roas, "percent", "roas", c.number)
        add(_per(c.orders, c.clicks, 100.0), "percent", "conversion_rate", c.number)
        add(_per(c.engagements, c.impressions, 100.0), "percent", "engagement_rate", c.number)
    totals = {
        "fee": sum(_finite(c.fee) for c in collaborations), "cost": sum(c.cost for c in collaborations),
        "revenue": sum(_finite(c.revenue) for c in collaborations),
        "contract_value": sum(c.contract_value for c in collaborations),
        "yearly": history.yearly_contract_value, "next_year": history.next_contract_value,
    }
    for metric, value in totals.items():
        add(value, "money", metric)
    for metric in ("orders", "impressions", "reach", "clicks"):
        add(sum(_finite(getattr(c, metric)) for c in collaborations), "count", metric)
    total_cost, total_orders = totals["cost"], sum(_finite(c.orders) for c in collaborations)
    add(_per(total_cost, total_orders), "money", "cpa")
    add(float(metrics.roas(totals["revenue"], total_cost)), "ratio", "roas")
    add(100 * float(metrics.roas(totals["revenue"], total_cost)), "percent", "roas")
    for metric in ("cpa", "cpm", "cpc", "roas", "revenue", "orders", "impressions", "fee", "cost"):
        series = [float(getattr(c, metric)) for c in collaborations]
        kind = "ratio" if metric == "roas" else "count" if metric in ("orders", "impressions") else "money"
        finite = [v for v in series if math.isfinite(v)]
        if finite:
            add(sum(finite) / len(finite), kind, metric)
            add(median(finite), kind, metric)
        pairs = list(itertools.pairwise(series))
        half = max(1, len(series) // 2)
        pairs += [(series[0], series[-1]), (_median(series[:half]), _median(series[-half:]))]
        for start, end in pairs:
            change = _change(start, end)
            if math.isfinite(change):
                add(abs(change) * 100, "percent", f"{metric}_change")
                if start > 0 and end > 0:
                    add(end / start if end >= start else start / end, "ratio", f"{metric}_factor")
    if history.threshold is not None:
        add(history.threshold, "money", "threshold")
    if history.break_even_roas is not None:
        add(history.break_even_roas, "ratio", "break_even_roas")
    return figures


@dataclass(frozen=True)
class CitedFigure:
    raw: str
    value: float
    unit: str
    matches: tuple[Figure, ...]
    near: bool  # within WRONG_FIGURE_GAP of a true figure (a rounding, not a wrong figure)


def _close(cited: float, true: float, gap: float, whole: bool, kind: str = "money") -> bool:
    if kind == "count":
        gap = min(gap, COUNT_TOLERANCE)
    tolerance = max(gap * abs(true), 0.5 if whole and abs(true) >= 5 else 0.051)
    return abs(cited - abs(true)) <= tolerance


def _candidates(by_kind: Mapping[str, tuple[list[float], list[Figure]]], kinds: Iterable[str],
                value: float) -> list[Figure]:
    """The true figures of ``kinds`` that may lie within WRONG_FIGURE_GAP of ``value`` (sorted, bisected)."""
    low, high = value / (1 + WRONG_FIGURE_GAP) - 0.6, value / (1 - WRONG_FIGURE_GAP) + 0.6
    found: list[Figure] = []
    for kind in kinds:
        values, figures = by_kind.get(kind, ([], []))
        found += figures[bisect.bisect_left(values, low) : bisect.bisect_right(values, high)]
    return found


def cited_figures(reading: Reading, figures: Sequence[Figure]) -> list[CitedFigure]:
    """The figures of a reason that claim a result, each with the true figures it matches."""
    text = reading.folded
    by_kind: dict[str, tuple[list[float], list[Figure]]] = {}
    for kind in ("money", "percent", "count", "ratio"):
        ordered = sorted((f for f in figures if f.kind == kind), key=lambda f: abs(f.value))
        by_kind[kind] = ([abs(f.value) for f in ordered], ordered)
    cited: list[CitedFigure] = []
    for quantity in find_quantities(text)[:MAX_CITED]:
        whole = float(quantity.value).is_integer() and "," not in quantity.raw
        if quantity.unit == "" and (
            _COUNT_AFTER.match(text, quantity.end) or _NUMBER_BEFORE.search(text, 0, quantity.start)
            or (whole and 1900 <= quantity.value <= 2100)
        ):
            continue
        if quantity.unit in ("€", "CHF", "$"):
            kinds = {"money"}
        elif quantity.unit == "%":
            kinds = {"percent"}
        else:
            kinds = {"money", "count", "ratio"}
        candidates = _candidates(by_kind, kinds, quantity.value)
        matches = tuple(f for f in candidates if _close(quantity.value, f.value, FIGURE_TOLERANCE, whole, f.kind))
        near = bool(matches) or any(_close(quantity.value, f.value, WRONG_FIGURE_GAP, whole, f.kind)
                                    for f in candidates)
        if not matches and any(_close(quantity.value, v, FIGURE_TOLERANCE, whole) for v in _NEUTRAL_VALUES):
            continue  # the threshold itself, « 12 mois »: a rule, not a result
        cited.append(CitedFigure(quantity.raw, quantity.value, quantity.unit, matches, near))
    return cited


# --------------------------------------------------------------------------- the check's items

def _decision(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    folded = fold(value).strip(" .!«»\"'")
    if folded in _DECISION_WORDS:
        return _DECISION_WORDS[folded]
    first = folded.split(" ")[0] if folded else ""
    return _DECISION_WORDS.get(first)


def _decision_item(decision: str, history: History, name: str) -> FeedbackItem:
    fits = decision in history.acceptable
    story = explain(history, name)
    if fits and decision not in history.by_figures:
        return FeedbackItem("decision", "Décision", True,
                            f"{story} Les chiffres permettraient de continuer, mais « {decision} » se défend : "
                            "la fiabilité du créateur est en cause.", READ_RELIABILITY)
    if fits:
        return FeedbackItem("decision", "Décision", True,
                            f"« {decision.capitalize()} » colle aux chiffres. {story}", READ_TREND)
    better = _quoted(history.acceptable)
    if history.pattern == PATTERN_ONE_HIT and decision == RENEW:
        advice = (f"Renouveler sur ce seul coup d'éclat, c'est parier qu'il se répétera. Préférez {better}, "
                  "par exemple un nouvel essai avec un objectif chiffré.")
    elif history.pattern == PATTERN_REACH_NOT_SALES and decision == RENEW:
        advice = f"Pour un objectif de {STAGE_NAMES[history.stage][3:]}, la portée ne suffit pas : préférez {better}."
    elif history.code_leaked and decision == RENEW:
        advice = ("Renouveler sur des ventes gonflées par un code qui a fuité, c'est payer pour des bons de "
                  f"réduction : préférez {better} (un code unique par collaboration, valable peu de temps, et le "
                  "lien suivi).")
    elif history.pattern == PATTERN_DECLINING and decision == RENEW:
        advice = (f"Reconduire à l'identique laisse la lassitude s'installer : préférez {better} "
                  "(changer de format, espacer).")
    elif decision == STOP and RENEW in history.acceptable:
        advice = f"Arrêter un partenariat qui marche, c'est perdre ce qu'il a construit : préférez {better}."
    else:
        advice = f"Ici, {better} convient mieux."
    return FeedbackItem("decision", "Décision", False, f"{story} {advice}",
                        READ_FATIGUE if history.pattern == PATTERN_DECLINING else READ_TREND)


def _figure_item(cited: Sequence[CitedFigure], name: str) -> FeedbackItem:
    right = [c for c in cited if c.matches]
    who = f"de {name}" if name else "de ce créateur"
    if right:
        return FeedbackItem("figures", "Chiffres cités", True,
                            f"Votre raison cite {'des chiffres exacts' if len(right) > 1 else 'un chiffre exact'} "
                            f"({_and([f'« {c.raw} »' for c in right[:3]])}).", READ_EXAMPLE)
    if cited:
        shown = _and([f"« {c.raw} »" for c in cited[:3]])
        return FeedbackItem("figures", "Chiffres cités", False,
                            f"{shown} : aucun de ces chiffres ne se retrouve dans les résultats {who}. Citez-en au "
                            "moins un du tableau, par exemple le coût par vente de la dernière collaboration.",
                            READ_EXAMPLE)
    return FeedbackItem("figures", "Chiffres cités", False,
                        "Votre raison ne cite aucun chiffre. Une décision se défend avec les résultats : citez par "
                        "exemple le coût par vente de la première et de la dernière collaboration.", READ_EXAMPLE)


def _kpi_item(reading: Reading, history: History) -> FeedbackItem:
    wanted = KPI_MEANINGS[history.kpi]
    stage = STAGE_NAMES[history.stage]
    if wanted.affirmed(reading):
        return FeedbackItem("kpi", "Indicateur de l'objectif", True,
                            f"Votre raison s'appuie sur l'indicateur de l'objectif ({stage}) : "
                            f"le {KPI_NAMES[history.kpi]}.", READ_KPI)
    others = [kpi for kpi, meaning in KPI_MEANINGS.items() if kpi != history.kpi and meaning.affirmed(reading)]
    if others:
        named = _and([KPI_TOPICS[k] for k in others])
        return FeedbackItem("kpi", "Indicateur de l'objectif", False,
                            f"Votre raison parle de {named}, mais l'objectif vise {stage} : c'est le "
                            f"{KPI_NAMES[history.kpi]} qui tranche. Une grande portée ne dit rien des ventes.",
                            READ_KPI)
    return FeedbackItem("kpi", "Indicateur de l'objectif", False,
                        f"L'objectif vise {stage} : appuyez votre raison sur le {KPI_NAMES[history.kpi]}"
                        + (" ou le ROAS." if history.kpi == "cpa" else "."), READ_KPI)


def _trend_item(reading: Reading, cited: Sequence[CitedFigure], history: History) -> FeedbackItem:
    # Two figures of one metric from two collaborations (« 14 € puis 38 € »), or a figure that is only an
    # average, a total or a change: the reason reads the series. One bare figure matching several rows does not.
    by_metric: dict[str, dict[int, set[int]]] = {}
    for index, figure in ((i, f) for i, c in enumerate(cited) for f in c.matches):
        if figure.number is not None:
            by_metric.setdefault(figure.metric, {}).setdefault(index, set()).add(figure.number)
    several = any(len(per_figure) >= 2 and len(set().union(*per_figure.values())) >= 2
                  for per_figure in by_metric.values())
    aggregated = any(c.matches and all(f.number is None for f in c.matches) for c in cited)
    if _TREND.hits(reading) or several or aggregated:
        return FeedbackItem("trend", "Sur plusieurs collaborations", True,
                            "Votre raison porte sur l'évolution d'une collaboration à l'autre, pas sur un seul "
                            "résultat.",
                            READ_TREND)
    matched = [{f.number for f in c.matches} for c in cited if c.matches]
    if history.hit is not None and matched and all(history.hit in numbers for numbers in matched):
        message = (f"Votre raison ne cite que la collaboration n° {history.hit}, la seule de ce niveau : dites ce que "
                   "donnent les autres, et comment les résultats évoluent.")
    else:
        message = (f"Dites comment les résultats évoluent sur les {history.count} collaborations (« le coût par vente "
                   "passe de … à … »), pas seulement ce que donne l'une d'elles.")
    return FeedbackItem("trend", "Sur plusieurs collaborations", False, message, READ_TREND)


def _reliability_item(decision: str, reading: Reading, history: History, name: str) -> FeedbackItem:
    who = name or "Ce créateur"
    problems = []
    if history.missing_disclosure:
        numbers = _numbers(history.missing_disclosure)
        problems.append(f"publié sans mention claire du partenariat ({numbers})")
    if history.missed_deadlines:
        problems.append(f"manqué la date prévue ({_numbers(history.missed_deadlines)})")
    if not problems:
        return FeedbackItem("reliability", "Fiabilité", True,
                            f"{who} a tenu ses délais et signalé le partenariat à chaque collaboration.",
                            READ_RELIABILITY)
    facts = f"{who} a {_and(problems)}"
    if not history.reliability_problem:
        return FeedbackItem("reliability", "Fiabilité", True,
                            f"{facts} : un écart isolé, à rappeler dans le prochain brief.", READ_RELIABILITY)
    if decision == STOP or _RELIABILITY.hits(reading):
        return FeedbackItem("reliability", "Fiabilité", True,
                            f"{facts}, et votre décision en tient compte.", READ_RELIABILITY)
    return FeedbackItem("reliability", "Fiabilité", False,
                        f"{facts}. Reconduire sans en parler expose la marque, responsable avec le créateur : "
                        "posez la condition dans votre raison (mention « Publicité » dès le début, dates tenues) "
                        "ou arrêtez.", READ_RELIABILITY)


def _contract_item(reading: Reading, history: History, name: str, brand: str) -> FeedbackItem:
    total = history.next_contract_value
    who = name or "ce créateur"
    # The sum of many rows may pass pay's billion-euro guard: it is then plainly above the threshold.
    required = written_contract_required(total) if total <= MAX_AMOUNT_EUR else True
    hits = _CONTRACT.hits(reading)
    said, denied = [h for h in hits if not h.negated], [h for h in hits if h.negated]
    figures = (f"sur douze mois, prochaine collaboration comprise, {who} recevrait de {brand} environ "
               f"{money(total)} HT (cachets et valeur des produits offerts)")
    if not required:
        return FeedbackItem("contract", "Contrat écrit", True,
                            f"{figures[0].upper()}{figures[1:]} : sous le seuil de "
                            f"{money(WRITTEN_CONTRACT_THRESHOLD_EUR_HT)} HT du contrat écrit obligatoire ; un écrit "
                            "reste conseillé.", READ_CONTRACT)
    if said and not denied:
        return FeedbackItem("contract", "Contrat écrit", True,
                            f"Contrat écrit prévu : il est obligatoire ici, {figures}.", READ_CONTRACT)
    start = "Au contraire : " if denied else ""
    return FeedbackItem("contract", "Contrat écrit", False,
                        f"{start}{figures[0].upper() if not start else figures[0]}{figures[1:]} : à partir de "
                        f"{money(WRITTEN_CONTRACT_THRESHOLD_EUR_HT)} HT sur l'année, la loi française impose un "
                        "contrat écrit (décret n° 2025-1137, depuis le 1er janvier 2026). Prévoyez-le dans votre "
                        "décision.", READ_CONTRACT)


def _tips(history: History, cited: Sequence[CitedFigure], decision: str) -> list[str]:
    tips = []
    right = any(c.matches for c in cited)
    near = [c for c in cited if not c.matches and c.near]
    if near and right:
        tips.append(f"{_and([f'« {c.raw} »' for c in near[:2]])} : proche d'un résultat réel, mais pas exact ; "
                    "recopiez le chiffre du tableau.")
    wrong = [c for c in cited if not c.near and c.unit in ("€", "%", "CHF", "$")]
    if wrong and right:
        shown = _and([f"« {c.raw} »" for c in wrong[:2]])
        tips.append(f"{shown} ne correspond{'ent' if len(wrong) > 1 else ''} à aucun résultat passé : si c'est un "
                    "résultat, vérifiez-le dans le tableau ; si c'est une proposition (un nouveau cachet), dites-le.")
    paid = [c.payment_days for c in history.collaborations if math.isfinite(c.payment_days)]
    if decision != STOP and paid and sum(paid) / len(paid) > 30:
        days = format_number(sum(paid) / len(paid))
        tips.append(f"La marque a payé en {days} jours en moyenne : les créateurs jugent une marque aussi sur la "
                    "ponctualité de ses paiements. Engagez-vous sur un délai court.")
    if "objective_default" in history.notes:
        tips.append("Aucun objectif n'a été lu (chapitre 1) : celui de Sève, vendre, est utilisé.")
    return tips


def _market_is_french(campaign: Campaign) -> bool:
    return "FR" in campaign.markets or not campaign.markets


@learner_check(CHECK_NAME, LABEL, READ_TREND)
def check_renewal(answer: object, collaborations: object = None, *, objective: str | None = None,
                  campaign: Campaign | None = None) -> Feedback:
    """Judge a decision about renewing one creator, against that creator's past collaborations.

    ``answer``: a mapping with ``decision`` (« renouveler », « ajuster » or « arrêter »), ``reason``
    (the learner's French text) and ``creator_id`` (which creator, when ``collaborations`` holds
    several), optionally ``creator_name`` (for the messages). ``collaborations``: the rows of
    ``data/collaborations.csv`` (a DataFrame or a list of dicts with its columns); None loads the
    course's data. ``objective``: chapter 1's sentence (or a stage's name); None means Sève's, which
    aims at sales. ``campaign``: the learner's (its brand, gross margin and average basket give the
    break-even cost per sale; its markets, whether the French contract rule applies); Sève by default.
    Never raises on learner input.
    """
    campaign = resolve(campaign)
    if not isinstance(answer, Mapping):
        return input_problem(CHECK_NAME, LABEL,
                             "Votre réponse doit être un dictionnaire, par exemple {\"creator_id\": \"C0012\", "
                             "\"decision\": \"ajuster\", \"reason\": \"…\"}.", READ_EXAMPLE)
    decision = _decision(answer.get("decision"))
    if decision is None:
        return input_problem(CHECK_NAME, LABEL, "Choisissez une décision : « renouveler », « ajuster » ou « arrêter ».",
                             READ_TREND)
    reason = answer.get("reason")
    if is_placeholder(reason) or not isinstance(reason, str) or not reason.strip():
        return input_problem(CHECK_NAME, "Raison", "Écrivez la raison de votre décision, avec au moins un chiffre "
                                                   "des collaborations passées.", READ_EXAMPLE)
    creator_id = answer.get("creator_id")
    creator = str(creator_id).strip() if isinstance(creator_id, str | int) and str(creator_id).strip() else None
    if collaborations is None:
        try:
            from influence_workbook.data.rows import read_rows

            collaborations = read_rows("collaborations")
        except Exception:
            return input_problem(CHECK_NAME, LABEL,
                                 "Les données des collaborations passées ne sont pas disponibles dans cette "
                                 "installation : réinstallez le cours ou signalez-le à votre formateur.", READ_EXAMPLE)
    rows = _rows(collaborations)
    if rows is None:
        return input_problem(CHECK_NAME, LABEL,
                             "Les collaborations doivent être un tableau (DataFrame) ou une liste de lignes "
                             "{colonne: valeur}, comme data/collaborations.csv.", READ_EXAMPLE)
    history_rows = collaborations_of(rows, creator, campaign.brand.name)
    if not history_rows:
        return input_problem(CHECK_NAME, "Créateur",
                             "Aucune collaboration passée n'est enregistrée pour ce créateur : choisissez-en un "
                             "dans la liste.", READ_EXAMPLE)
    history = analyse_history(history_rows, objective=objective, campaign=campaign)
    name = str(answer.get("creator_name") or "").strip()[:80]
    reading = read(reason[:MAX_REASON_CHARS])
    cited = cited_figures(reading, true_figures(history))
    items = [
        _decision_item(decision, history, name),
        _figure_item(cited, name),
        _kpi_item(reading, history),
        _trend_item(reading, cited, history),
        _reliability_item(decision, reading, history, name),
    ]
    if decision != STOP and _market_is_french(campaign):
        items.append(_contract_item(reading, history, name, history.brand or campaign.brand.name))
    return build_feedback(CHECK_NAME, items, _tips(history, cited, decision))
