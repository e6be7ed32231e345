"""The campaign every workshop and check judges against: Sève / Rituel Avoine, or the learner's own.

A :class:`Campaign` is a value passed to the checks (``campaign=``), never a constant read
deep inside one: agency staff practise on a client, students on their thesis company. The
default, :data:`SEVE`, is entirely fictional. A learner describes their own campaign on the
home page; :func:`campaign_from_answer` turns that saved answer into a :class:`Campaign` and
:func:`check_campaign_answer` says, in French, what is missing or unusable.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from influence_workbook.feedback import Feedback, FeedbackItem, build_feedback, input_problem
from influence_workbook.text import format_number, is_placeholder

#: Markets the course's disclosure rules know (chapter 5), with their French names.
MARKET_NAMES: dict[str, str] = {
    "FR": "France",
    "CH": "Suisse",
    "BE": "Belgique",
    "EU": "Union européenne",
    "UK": "Royaume-Uni",
    "US": "États-Unis",
}
CURRENCY_SYMBOLS: dict[str, str] = {"EUR": "€", "CHF": "CHF"}
MAX_TEXT_CHARS = 300
MAX_BUDGET = 10_000_000


@dataclass(frozen=True)
class Brand:
    name: str
    pitch: str
    city: str
    markets: tuple[str, ...]
    core_audience: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class Campaign:
    """Everything a check may need to know about the campaign the learner works on.

    Money is in the campaign's ``currency`` (``"EUR"`` or ``"CHF"``). ``gross_margin_rate`` is
    a share (0.7 for 70 %). ``brand.markets`` are codes of :data:`MARKET_NAMES`.

    The money facts the results chapters need (7 and 8): ``product_price`` (price of one unit),
    ``gross_margin_rate``, ``average_basket`` (average order), ``product_cost`` (what one unit
    costs the brand to make or buy: the cost of a product sent to a creator), ``shipping_cost``
    (sending one parcel to a creator) and ``agency_fees`` (the agency's fee for the whole
    campaign, in money; 0 when the team runs it itself).
    """

    brand: Brand
    name: str
    product: str
    launch: date
    creator_budget: int
    context: str
    currency: str = "EUR"
    product_price: float = 0.0
    gross_margin_rate: float = 0.0
    average_basket: float = 0.0
    product_cost: float = 0.0
    shipping_cost: float = 0.0
    agency_fees: float = 0.0
    is_default: bool = field(default=False, compare=False)

    @property
    def creator_budget_eur(self) -> int:
        """The creators' budget; kept for code written when the budget was always in euros."""
        return self.creator_budget

    @property
    def markets(self) -> tuple[str, ...]:
        return self.brand.markets

    @property
    def audience(self) -> str:
        return self.brand.core_audience

    @property
    def currency_symbol(self) -> str:
        return CURRENCY_SYMBOLS.get(self.currency, self.currency)

    def money(self, amount: float) -> str:
        """« 15 000 € » or « 12 000 CHF », with French typography."""
        return f"{format_number(amount)}\u00a0{self.currency_symbol}"

    def names(self) -> tuple[str, ...]:
        """Words that name the brand or the product (an outreach message should mention one)."""
        return tuple(dict.fromkeys(filter(None, (self.brand.name, self.name))))

    def to_answer(self) -> dict[str, Any]:
        """The campaign as the home page's form saves it (plain JSON values)."""
        return {
            "brand": self.brand.name,
            "pitch": self.brand.pitch,
            "city": self.brand.city,
            "campaign": self.name,
            "product": self.product,
            "launch": self.launch.isoformat(),
            "creator_budget": self.creator_budget,
            "currency": self.currency,
            "markets": list(self.brand.markets),
            "audience": self.brand.core_audience,
            "product_price": self.product_price,
            "gross_margin_rate": self.gross_margin_rate,
            "average_basket": self.average_basket,
            "product_cost": self.product_cost,
            "shipping_cost": self.shipping_cost,
            "agency_fees": self.agency_fees,
        }

    @property
    def break_even_roas(self) -> float:
        """The ROAS at which gross margin pays the cost back: 1 / margin rate (NaN without a margin)."""
        return 1 / self.gross_margin_rate if self.gross_margin_rate > 0 else math.nan

    @property
    def break_even_cpa(self) -> float:
        """The most one order may cost before it loses money: average basket × margin rate."""
        return self.average_basket * self.gross_margin_rate


SEVE = Campaign(
    brand=Brand(
        name="Sève",
        pitch="cosmétiques solides et rechargeables, fabriqués à Lyon à partir d'ingrédients d'origine végétale",
        city="Lyon",
        markets=("FR", "CH"),
        core_audience="18-34 ans, sensibles au zéro déchet, en France et en Suisse romande",
        values=("sobriété", "transparence sur la composition", "fabrication locale"),
    ),
    name="Rituel Avoine",
    product="shampooing solide et après-shampooing rechargeable à l'avoine, pour cheveux sensibles",
    launch=date(2027, 3, 15),
    creator_budget=15_000,
    context=(
        "Sève lance au printemps 2027 sa gamme « Rituel Avoine ». La marque est encore peu connue "
        "hors de la région lyonnaise et vend surtout sur son site."
    ),
    currency="EUR",
    product_price=24.0,
    gross_margin_rate=0.68,
    average_basket=38.0,
    # Course assumptions (not sourced figures; SEVE_MONEY_NOTE says so to learners): one unit
    # costs 24 € × (1 − 68 %) = 7,68 €; a small tracked parcel in France about 7 €; an agency
    # fee of 15 % of the creators' budget.
    product_cost=7.68,
    shipping_cost=6.90,
    agency_fees=2_250.0,
    is_default=True,
)
#: What learners are told about Sève's money facts: invented for the course, not market data.
SEVE_MONEY_NOTE = (
    "Les chiffres de Sève sont des hypothèses du cours, pas des données de marché\u00a0: prix 24\u00a0€, "
    "marge brute 68\u202f%, panier moyen 38\u00a0€, coût d'une unité 7,68\u00a0€ (24\u00a0€ × 32\u202f%), "
    "envoi d'un colis 6,90\u00a0€, honoraires d'agence 2\u202f250\u00a0€ (15\u202f% du budget créateurs)."
)
DEFAULT_CAMPAIGN = SEVE

# Names kept for the chapters' code: the default campaign and its brand.
CAMPAIGN = SEVE
BRAND = SEVE.brand


def resolve(campaign: Campaign | None) -> Campaign:
    """The campaign a check judges against: the one passed in, else the course's default."""
    return campaign if isinstance(campaign, Campaign) else DEFAULT_CAMPAIGN


# --------------------------------------------------------------------------- the home page's form

CHECK_NAME = "home-campaign"
READ_MORE = "Votre propre campagne"
_MARKET_ALIASES = {
    "france": "FR", "fr": "FR", "suisse": "CH", "ch": "CH", "suisse romande": "CH", "belgique": "BE",
    "be": "BE", "ue": "EU", "eu": "EU", "europe": "EU", "union europeenne": "EU", "royaume-uni": "UK",
    "uk": "UK", "gb": "UK", "etats-unis": "US", "usa": "US", "us": "US",
}


def _clean_text(value: object) -> str:
    if not isinstance(value, str):
        return ""
    text = re.sub(r"\s+", " ", value).strip()
    return text[:MAX_TEXT_CHARS]


def _number(value: object) -> float | None:
    """A finite number from what a form gives (int, float, or French text « 15 000 », « 0,7 »)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        number = float(value) if not isinstance(value, int) or abs(value) < 10**18 else math.inf
    elif isinstance(value, str):
        compact = re.sub(r"[\s\u00a0\u202f']", "", value).replace(",", ".").rstrip("€%").removesuffix("CHF")
        try:
            number = float(compact[:40])
        except ValueError:
            return None
    else:
        return None
    return number if math.isfinite(number) else None


def _markets(value: object) -> tuple[str, ...]:
    from influence_workbook.text import fold

    items = value.split(",") if isinstance(value, str) else value if isinstance(value, list | tuple) else []
    codes: list[str] = []
    for item in items:
        if not isinstance(item, str):
            continue
        key = fold(item).strip()
        code = _MARKET_ALIASES.get(key) or (key.upper() if key.upper() in MARKET_NAMES else None)
        if code and code not in codes:
            codes.append(code)
    return tuple(codes)


def _launch(value: object) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def check_campaign_answer(answer: object) -> Feedback:
    """Whether the home page's form describes a usable campaign; one item per field that matters."""
    if is_placeholder(answer) or not isinstance(answer, Mapping):
        return input_problem(CHECK_NAME, "Campagne", "Décrivez votre campagne : marque, produit, budget, marchés.",
                             READ_MORE)
    items: list[FeedbackItem] = []
    brand, product = _clean_text(answer.get("brand")), _clean_text(answer.get("product"))
    items.append(FeedbackItem("brand", "Marque et produit", bool(brand and product),
                              f"Marque « {brand} », produit « {product} »." if brand and product else
                              "Donnez le nom de la marque et le produit de la campagne.", READ_MORE))
    budget = _number(answer.get("creator_budget"))
    currency = str(answer.get("currency") or "EUR").upper()
    budget_ok = budget is not None and 100 <= budget <= MAX_BUDGET and currency in CURRENCY_SYMBOLS
    items.append(FeedbackItem(
        "budget", "Budget créateurs", budget_ok,
        f"Budget pour les créateurs : {format_number(budget or 0)} {CURRENCY_SYMBOLS.get(currency, '€')}."
        if budget_ok else
        f"Indiquez le budget réservé aux créateurs, entre 100 et {format_number(MAX_BUDGET)}, en EUR ou en CHF.",
        READ_MORE))
    markets = _markets(answer.get("markets"))
    items.append(FeedbackItem(
        "markets", "Marchés", bool(markets),
        "Marchés : " + ", ".join(MARKET_NAMES[code] for code in markets) + "." if markets else
        "Choisissez au moins un marché : " + ", ".join(MARKET_NAMES.values()) + ".", READ_MORE))
    launch = _launch(answer.get("launch"))
    items.append(FeedbackItem("launch", "Lancement", launch is not None,
                              "La date de lancement est notée." if launch else
                              "Indiquez la date de lancement (AAAA-MM-JJ).", READ_MORE))
    price = _number(answer.get("product_price"))
    margin = _number(answer.get("gross_margin_rate"))
    if margin is not None and margin > 1:
        margin /= 100  # « 68 » for 68 %
    money_ok = price is not None and 0 < price <= 100_000 and margin is not None and 0 <= margin < 1
    items.append(FeedbackItem("money", "Prix et marge", money_ok,
                              "Prix et marge brute notés : les chapitres sur les résultats s'en servent." if money_ok
                              else "Indiquez le prix de vente du produit et sa marge brute (en %, par exemple 60).",
                              READ_MORE))
    items.append(_costs_item(answer, price if money_ok else None, margin if money_ok else None,
                             CURRENCY_SYMBOLS.get(currency, currency)))
    return build_feedback(CHECK_NAME, items)


#: The optional cost fields of the form: (key, French name, upper bound).
COST_FIELDS: tuple[tuple[str, str, float], ...] = (
    ("average_basket", "le panier moyen", 1_000_000),
    ("product_cost", "le coût d'une unité du produit", 100_000),
    ("shipping_cost", "l'envoi d'un colis", 10_000),
    ("agency_fees", "les honoraires d'agence", MAX_BUDGET),
)


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _costs_item(answer: Mapping[str, Any], price: float | None, margin: float | None, symbol: str) -> FeedbackItem:
    """Basket, unit cost, shipping and agency fees: optional, but a value given must be usable.

    A missing value is not a fault (the results chapters then say what they assume); a value
    that is not a number, is negative or absurd, or a unit cost above the price, is.
    """
    problems: list[str] = []
    missing: list[str] = []
    for key, name, upper in COST_FIELDS:
        raw = answer.get(key)
        if _blank(raw):
            missing.append(name)
            continue
        number = _number(raw)
        if number is None or not 0 <= number <= upper:
            problems.append(f"pour {name}, un montant positif en chiffres (par exemple 12,50)")
        elif key == "product_cost" and price is not None and number > price:
            problems.append(f"un coût d'une unité ({format_number(number)}\u00a0{symbol}) qui ne dépasse pas le prix "
                            f"de vente ({format_number(price)}\u00a0{symbol})")
        elif key == "average_basket" and number == 0:
            problems.append("un panier moyen plus grand que zéro")
    if problems:
        return FeedbackItem("costs", "Coûts", False, "Indiquez " + "\u202f; ".join(problems) + ".", READ_MORE)
    if not missing:
        return FeedbackItem("costs", "Coûts", True,
                            "Panier moyen, coût unitaire, envoi et honoraires notés\u00a0: le chapitre 8 calcule "
                            "le coût total et le ROI avec eux.", READ_MORE)
    assumed = []
    if "le coût d'une unité du produit" in missing and price is not None and margin is not None:
        assumed.append(f"coût d'une unité = prix × (1 − marge) = {format_number(round(price * (1 - margin), 2))}"
                       f"\u00a0{symbol}")
    if "le panier moyen" in missing and price is not None:
        assumed.append(f"panier moyen = prix ({format_number(price)}\u00a0{symbol})")
    if "l'envoi d'un colis" in missing:
        assumed.append("envoi gratuit")
    if "les honoraires d'agence" in missing:
        assumed.append("pas d'agence")
    return FeedbackItem("costs", "Coûts", True,
                        "Facultatif\u00a0: sans autre indication, le chapitre 8 compte " + ", ".join(assumed) + ".",
                        READ_MORE)


def campaign_from_answer(answer: object) -> Campaign | None:
    """The :class:`Campaign` a home-page answer describes, or None when it is not usable yet."""
    if not check_campaign_answer(answer).passed or not isinstance(answer, Mapping):
        return None
    budget = _number(answer.get("creator_budget")) or 0
    margin = _number(answer.get("gross_margin_rate")) or 0
    margin = margin / 100 if margin > 1 else margin
    launch = _launch(answer.get("launch")) or SEVE.launch
    price = _number(answer.get("product_price")) or 0.0
    markets = _markets(answer.get("markets"))
    brand = Brand(
        name=_clean_text(answer.get("brand")),
        pitch=_clean_text(answer.get("pitch")) or _clean_text(answer.get("product")),
        city=_clean_text(answer.get("city")),
        markets=markets,
        core_audience=_clean_text(answer.get("audience")),
        values=(),
    )
    name = _clean_text(answer.get("campaign")) or _clean_text(answer.get("product"))
    return replace(
        SEVE,
        brand=brand,
        name=name,
        product=_clean_text(answer.get("product")),
        launch=launch,
        creator_budget=round(budget),
        currency=str(answer.get("currency") or "EUR").upper(),
        context=f"Campagne « {name} » de {brand.name}.",
        product_price=price,
        gross_margin_rate=margin,
        average_basket=_number(answer.get("average_basket")) or price,
        product_cost=(_number(answer.get("product_cost")) if not _blank(answer.get("product_cost"))
                      else round(price * (1 - margin), 2)) or 0.0,
        shipping_cost=_number(answer.get("shipping_cost")) or 0.0,
        agency_fees=_number(answer.get("agency_fees")) or 0.0,
        is_default=False,
    )
