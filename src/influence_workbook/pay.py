"""Money rules about paying creators: the French written-contract threshold, and chapter 9's pricing references.

The second half of this module (from « chapter 9 ») holds the course's figures for a fair fee: cost per
1 000 views by platform, the weight of a story, the uplifts for rights and exclusivity, the EUR/CHF rate,
VAT rates, payment terms and the contract's clauses, and :func:`fee_range`, which prices one offer. Each
figure names its source; the course's own assumptions are said to be assumptions (:data:`ASSUMPTIONS_FR`).

France, loi n° 2023-451 du 9 juin 2023, art. 8, applied by the décret n° 2025-1137 du 28 novembre
2025 (JORF du 29 novembre 2025), in force since 1 January 2026. Its article 1 says, in substance,
that the contract between a creator and an advertiser must be **written**, with the clauses the law
lists, on pain of nullity, when the sum of the fees paid and of the value of the in-kind benefits
granted to one creator by one advertiser **in the same year**, for one service or a set of services
pursuing the same promotional objective, is **1 000 € HT or more** (« supérieure ou égale à
1 000 euros hors taxes »; wording as quoted by DDG avocats, Cerfrance and Joffe & Associés; the
course could not read it on Légifrance itself). Gifts count: a product given is an in-kind benefit.

The threshold adds up over the year: three posts at 400 € for the same advertiser cross it, so an
ambassador deal almost always needs a written contract (chapters 7 and 9).
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass
from datetime import date

#: The threshold of the décret n° 2025-1137, in euros excluding tax: a written contract from this sum on.
WRITTEN_CONTRACT_THRESHOLD_EUR_HT = 1_000.0
#: The day the threshold applies from (article 2 of the décret).
WRITTEN_CONTRACT_IN_FORCE = date(2026, 1, 1)
#: The rule in one French sentence, with its source and date, for pages and feedback.
WRITTEN_CONTRACT_RULE_FR = (
    "En France, depuis le 1er janvier 2026, un contrat écrit est obligatoire dès que les cachets et la valeur "
    "des produits offerts par un même annonceur à un créateur atteignent 1 000 € HT sur l'année "
    "(décret n° 2025-1137 du 28 novembre 2025, application de l'article 8 de la loi n° 2023-451)."
)
#: No fee of one creator for one advertiser comes near this: a larger amount is a typing mistake.
MAX_AMOUNT_EUR = 1e9


def _amount(value: object, what: str) -> float:
    """A finite, non-negative amount in euros, or ValueError with a French message saying what is wrong."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        kind = ("un texte" if isinstance(value, str) else "vrai ou faux" if isinstance(value, bool)
                else "rien" if value is None else "une autre sorte de valeur")
        raise ValueError(f"{what} doit être un nombre d'euros hors taxes (par exemple 450), pas {kind}.")
    amount = float(value)
    if math.isnan(amount):
        raise ValueError(f"{what} est manquant (NaN) : indiquez un montant en euros hors taxes, 0 s'il n'y en a pas.")
    if amount < 0:
        raise ValueError(f"{what} ne peut pas être négatif : indiquez un montant en euros hors taxes.")
    if math.isinf(amount) or amount > MAX_AMOUNT_EUR:
        raise ValueError(f"{what} dépasse le milliard d'euros : vérifiez le montant saisi.")
    return amount


def written_contract_required(fees_eur_ht: float, gifts_eur_ht: float = 0.0) -> bool:
    """Whether French law requires a written contract with one creator, for one advertiser, over a year.

    ``fees_eur_ht``: the fees paid (or to be paid) to the creator by one advertiser over twelve months,
    in euros excluding tax; ``gifts_eur_ht``: the value of the products and other in-kind benefits that
    advertiser gave over the same period. True when their sum is 1 000 € HT or more (décret n° 2025-1137
    du 28 novembre 2025, art. 1, in force since 1 January 2026; :data:`WRITTEN_CONTRACT_RULE_FR`).

    Add every collaboration of the year with the same advertiser: the threshold is yearly, not per post.
    Raises ValueError, with a French message, for an amount that is not a number, is missing (NaN),
    negative, infinite or above a billion euros: such an amount cannot answer the question.

    >>> written_contract_required(600, gifts_eur_ht=400)
    True
    >>> written_contract_required(450)
    False
    """
    fees = _amount(fees_eur_ht, "Le montant des cachets")
    gifts = _amount(gifts_eur_ht, "La valeur des produits offerts")
    return fees + gifts >= WRITTEN_CONTRACT_THRESHOLD_EUR_HT


# =========================================================================== chapter 9: pricing an offer
#
# What follows are the course's reference figures for a fair fee and its budget. Each names its source
# in its comment (research/domain-facts.md §2); where no source gives a figure, the value is a stated
# assumption of the course (ASSUMPTIONS_FR says so to learners) and the chapter calls it « à vérifier ».

#: Cost per 1 000 views actually paid, by platform, in € HT (Inzpire.me knowledge base, Nordic bookings over
#: two years, read in 2025: Instagram 30–40 €, TikTok 23–33 €, YouTube 45–55 €). Also what the sample data's
#: fees were generated from (data/generate.py: CPM_EUR).
CPM_RANGE_EUR: dict[str, tuple[float, float]] = {
    "instagram": (30.0, 40.0),
    "tiktok": (23.0, 33.0),
    "youtube": (45.0, 55.0),
}
#: A platform the table does not know is priced like Instagram, the widest market (Lumanu 2024: 71 % of payments).
DEFAULT_PLATFORM = "instagram"
PLATFORM_NAMES: dict[str, str] = {"instagram": "Instagram", "tiktok": "TikTok", "youtube": "YouTube"}
#: A story counts a third of a post (sproutlaw.com's rule of thumb: « story ×⅓ »).
STORY_WEIGHT = 1 / 3
#: Negotiation room either side of the justified range (a course assumption: ± 20 %).
NEGOTIATION_MARGIN = 0.20
#: An asked rate is believed up to this many times what the views justify; above it, the rate is negotiated
#: down (the sample data's ordinary creators ask at most about twice the going rate; its « overpriced »
#: creators ask six to nine times it).
ASKED_RATE_CAP = 1.5

# What the brand may do with the contents, and the uplift each adds to the fee (course assumptions: no
# source gives a percentage, domain-facts §2.3 — « perpetual or buy-out rights cost a multiple of the base
# fee »). (low, high) uplift per started quarter of use for paid use; flat for organic reuse.
USAGE_ORGANIC = "organique"
USAGE_BRAND = "marque"
USAGE_PAID = "publicite"
USAGES: tuple[str, ...] = (USAGE_ORGANIC, USAGE_BRAND, USAGE_PAID)
USAGE_LABELS: dict[str, str] = {
    USAGE_ORGANIC: "publication sur le compte du créateur seulement",
    USAGE_BRAND: "reprise par la marque sur ses propres comptes (sans achat d'espace)",
    USAGE_PAID: "publicité payante (sponsorisation, whitelisting, annonces)",
}
BRAND_REUSE_UPLIFT = (0.10, 0.30)
PAID_USE_UPLIFT_PER_QUARTER = (0.20, 0.50)
MAX_RIGHTS_UPLIFT = 2.0
#: Exclusivity: (low, high) uplift per started quarter (course assumption).
EXCLUSIVITY_UPLIFT_PER_QUARTER = (0.10, 0.30)
MAX_EXCLUSIVITY_UPLIFT = 1.0

#: Euros to Swiss francs: the course's indicative rate (about 0,93 CHF for 1 € at the end of 2025; a course
#: assumption to check on the day of the offer, not a sourced figure).
EUR_TO_CHF = 0.93
CURRENCIES: tuple[str, ...] = ("EUR", "CHF")

#: VAT rates a creator's invoice may add: France 20 % (CGI art. 278), Switzerland 8,1 % since 1 January 2024
#: (LTVA art. 25). Budgets are kept excluding tax.
VAT_RATES: dict[str, float] = {"FR": 0.20, "CH": 0.081}

#: Payment terms between professionals in France (Code de commerce L441-10): without agreement, 30 days after
#: the service; an agreed term may not exceed 60 days after the invoice (or 45 days end of month).
PAYMENT_DEFAULT_DAYS = 30
PAYMENT_MAX_DAYS = 60
PAYMENT_MAX_END_OF_MONTH_DAYS = 45

#: A contingency line of this share of the envelope is the course's rule of thumb (an assumption).
CONTINGENCY_SHARE = (0.05, 0.15)

#: The clauses the law lists for the written contract (loi n° 2023-451, art. 8, as reported by the ministry's
#: legal department and lawyers; the course could not read the consolidated article on Légifrance).
MANDATORY_CLAUSES: dict[str, str] = {
    "parties": "identité des parties, adresses postale et électronique, pays de résidence fiscale",
    "missions": "nature exacte des missions confiées",
    "remuneration": "rémunération ou sa méthode de calcul, et valeur des avantages en nature (produits offerts)",
    "ip": "droits et obligations des parties, notamment de propriété intellectuelle",
    "french_law": "soumission du contrat au droit français",
}
#: Clauses the course adds: not listed by art. 8, each required or wise for another reason.
RECOMMENDED_CLAUSES: dict[str, str] = {
    "rights": "cession des droits détaillée : chaque droit, son usage, sa durée, son territoire (CPI L131-3)",
    "payment": "délai et conditions de paiement (Code de commerce L441-10)",
    "exclusivity": "exclusivité : produits concernés, durée, contrepartie",
    "disclosure": "mention du partenariat (« Publicité » ou « Collaboration commerciale »)",
    "approval": "validation du contenu : qui valide, combien d'allers-retours",
}
CLAUSES: dict[str, str] = {**MANDATORY_CLAUSES, **RECOMMENDED_CLAUSES}

#: What learners are told about the course's own assumptions.
ASSUMPTIONS_FR = (
    "Hypothèses du cours, pas des données de marché : ±\u00a020\u202f% de marge de négociation autour de la "
    "fourchette ; une story compte pour un tiers de publication ; reprise par la marque +10 à +30\u202f% ; "
    "publicité payante +20 à +50\u202f% par trimestre ; exclusivité +10 à +30\u202f% par trimestre ; "
    "1\u00a0€ = 0,93\u00a0CHF (à vérifier le jour de l'offre) ; imprévus 5 à 15\u202f% de l'enveloppe."
)


def to_eur(amount: float, currency: str) -> float:
    """An amount of ``currency`` (EUR or CHF) in euros, at the course's rate."""
    return amount / EUR_TO_CHF if currency == "CHF" else amount


def from_eur(amount: float, currency: str) -> float:
    """An amount in euros, in ``currency`` (EUR or CHF), at the course's rate."""
    return amount * EUR_TO_CHF if currency == "CHF" else amount


def convert(amount: float, source: str, target: str) -> float:
    """``amount`` of ``source`` currency in ``target`` currency (EUR and CHF)."""
    return amount if source == target else from_eur(to_eur(amount, source), target)


def quarters(months: float) -> int:
    """Started quarters in a duration of ``months`` (1 to 3 months: 1; 4 to 6: 2…)."""
    return max(1, math.ceil(months / 3 - 1e-9))


def rights_uplift(usage: str, months: float | None) -> tuple[float, float]:
    """The (low, high) share added to the fee for what the brand may do with the contents, for ``months``."""
    if usage == USAGE_BRAND:
        return BRAND_REUSE_UPLIFT
    if usage == USAGE_PAID:
        count = quarters(months or 3)
        low, high = PAID_USE_UPLIFT_PER_QUARTER
        return min(low * count, MAX_RIGHTS_UPLIFT), min(high * count, MAX_RIGHTS_UPLIFT)
    return 0.0, 0.0


def exclusivity_uplift(months: float | None) -> tuple[float, float]:
    """The (low, high) share added to the fee for an exclusivity of ``months`` (none: 0)."""
    if not months:
        return 0.0, 0.0
    count = quarters(months)
    low, high = EXCLUSIVITY_UPLIFT_PER_QUARTER
    return min(low * count, MAX_EXCLUSIVITY_UPLIFT), min(high * count, MAX_EXCLUSIVITY_UPLIFT)


@dataclass(frozen=True)
class FeeRange:
    """A justified fee range for one offer, in € HT, with the figures it comes from.

    ``low``/``high`` include the negotiation margin; ``reach_low``/``reach_high`` are per content
    (views × CPM); ``asked`` is the creator's own rate per post (NaN when unknown); ``units`` counts the
    contents (a story a third); the uplifts are shares added for rights and exclusivity.
    """

    low: float
    high: float
    platform: str
    views: float
    cpm: tuple[float, float]
    reach_low: float
    reach_high: float
    asked: float
    units: float
    rights: tuple[float, float]
    exclusivity: tuple[float, float]

    def in_currency(self, currency: str) -> tuple[float, float]:
        return from_eur(self.low, currency), from_eur(self.high, currency)

    @property
    def asked_capped(self) -> bool:
        """The creator asks more than the views justify, beyond :data:`ASKED_RATE_CAP`."""
        return math.isfinite(self.asked) and self.reach_high > 0 and self.asked > ASKED_RATE_CAP * self.reach_high


def fee_range(*, platform: str, views: float, asked: float = math.nan, units: float = 1.0,
              usage: str = USAGE_ORGANIC, rights_months: float | None = None,
              exclusivity_months: float | None = None) -> FeeRange:
    """The justified fee range (€ HT) for ``units`` contents of a creator with ``views`` average views.

    Per content: the views × the platform's CPM range (:data:`CPM_RANGE_EUR`); the creator's own asked rate
    widens it (a creator asking less than the views justify is paid from their rate; asking more, up to
    :data:`ASKED_RATE_CAP` times the views' price). Times the contents, plus the rights and exclusivity
    uplifts, then ± :data:`NEGOTIATION_MARGIN`.

    >>> r = fee_range(platform="instagram", views=2_670, asked=60, units=1)
    >>> round(r.low), round(r.high)
    (48, 128)
    """
    platform = platform if platform in CPM_RANGE_EUR else DEFAULT_PLATFORM
    cpm = CPM_RANGE_EUR[platform]
    views = views if math.isfinite(views) and views > 0 else 0.0
    reach_low, reach_high = views * cpm[0] / 1000, views * cpm[1] / 1000
    has_asked = math.isfinite(asked) and asked > 0
    if reach_high <= 0 and has_asked:  # no views known: the asked rate alone
        per_low, per_high = asked, asked
    else:
        per_low = min(reach_low, asked) if has_asked else reach_low
        per_high = max(reach_high, min(asked, ASKED_RATE_CAP * reach_high)) if has_asked else reach_high
    rights = rights_uplift(usage, rights_months)
    exclusivity = exclusivity_uplift(exclusivity_months)
    low = per_low * units * (1 + rights[0] + exclusivity[0]) * (1 - NEGOTIATION_MARGIN)
    high = per_high * units * (1 + rights[1] + exclusivity[1]) * (1 + NEGOTIATION_MARGIN)
    return FeeRange(low, high, platform, views, cpm, reach_low, reach_high, asked if has_asked else math.nan,
                    units, rights, exclusivity)
