"""Chapter 9 — « Proposer une rémunération inadaptée »: an offer to each creator, and the envelope's budget.

The learner writes one offer per creator of the shortlist (contents to deliver, what the brand may do with
them, for how long and where, any exclusivity, the fee and its currency, the products given, whether a written
contract is planned), ticks the contract's clauses, states the payment term and a contingency line.
:func:`read_plan` reads all of it the way a trainer would (French amounts, « 1 Reel + 2 stories »,
« 3 mois », « France et Suisse », « pas d'exclusivité »), prices each offer with
:func:`influence_workbook.pay.fee_range` and adds up the budget; :func:`check_offers` judges it:

contents stated, on the creator's platform · each fee (products included) within its justified range, with
the range and why · rights with a duration and a territory · CHF for creators living in Switzerland, euros
otherwise · a limited, dated exclusivity · the written contract and its clauses where French law requires it
(1 000 € HT a year per advertiser, gifts included) · payment within 60 days · the total within the envelope ·
a contingency line.

Money: each offer is in its own currency (EUR or CHF); the budget is in the campaign's currency; the contract
threshold is in euros excluding tax. A product given counts at its retail value toward the creator's pay and the
threshold, and at what it costs the brand (unit cost and shipping) in the budget (chapter 8's convention).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from influence_workbook.campaign import Campaign, resolve
from influence_workbook.checks.guard import learner_check
from influence_workbook.feedback import Feedback, FeedbackItem, build_feedback, input_problem
from influence_workbook.pay import (
    CLAUSES,
    CONTINGENCY_SHARE,
    CURRENCIES,
    MANDATORY_CLAUSES,
    PAYMENT_MAX_DAYS,
    PAYMENT_MAX_END_OF_MONTH_DAYS,
    PLATFORM_NAMES,
    STORY_WEIGHT,
    USAGE_BRAND,
    USAGE_ORGANIC,
    USAGE_PAID,
    USAGES,
    WRITTEN_CONTRACT_THRESHOLD_EUR_HT,
    FeeRange,
    convert,
    fee_range,
    to_eur,
    written_contract_required,
)
from influence_workbook.reading import Meaning, read
from influence_workbook.text import find_deadlines, find_quantities, fold, format_number, word_or_digit_number

CHECK_NAME = "ch09-offers"
LABEL = "Offres"

#: Offers read at most (a shortlist has a handful); the rest are named as not read.
MAX_OFFERS = 20
#: Contents of one kind in one offer beyond this are a typing mistake.
MAX_CONTENTS = 20
MAX_FIELD_CHARS = 500
#: No fee, gift or contingency comes near this: a larger value is a typing mistake.
MAX_AMOUNT = 10_000_000.0
#: Rights or an exclusivity beyond this many months are read as unlimited in practice.
MAX_MONTHS = 120
MAX_PAYMENT_DAYS = 365

# Sections of chapter 9 that feedback points to (their titles in the chapter).
READ_DRIVERS = "Ce qui fait le prix"
READ_METHODS = "Deux méthodes pour chiffrer"
READ_RANGES = "Des fourchettes, pas des tarifs"
READ_RIGHTS = "Les droits d'utilisation se paient à part"
READ_GIFTS = "Un produit offert est une rémunération"
READ_CONTRACT = "Le contrat écrit et ses clauses"
READ_MONEY = "Payer à l'heure, dans la bonne monnaie"
READ_BUDGET = "Construire le budget de l'enveloppe"
READ_EXAMPLE = "Exemple : avant, après"

# --------------------------------------------------------------------------- reading the fields

#: Kinds of content a learner names, folded; each with the platforms where it exists and its weight.
_KINDS: tuple[tuple[str, str, frozenset[str], float], ...] = (
    # (kind, pattern, platforms, weight)
    ("story", r"\bstor(?:y|ys|ies|ie)\b", frozenset({"instagram", "tiktok"}), STORY_WEIGHT),
    ("reel", r"\breels?\b|\brils?\b", frozenset({"instagram"}), 1.0),
    ("carrousel", r"\bcarr?ou?ss?els?\b", frozenset({"instagram", "tiktok"}), 1.0),
    ("post", r"\bposts?\b|\bpublications?\b|\bphotos?\b|\bpublis?\b", frozenset({"instagram", "tiktok"}), 1.0),
    ("short", r"\bshorts?\b", frozenset({"youtube"}), 1.0),
    ("integration", r"\bintegrations?\b|\bplacements? de produits?\b|\bsegments?\b|\bmentions? sponsorisee?s?\b",
     frozenset({"youtube"}), 1.0),
    ("tiktok", r"\btiktoks?\b|\btik toks?\b", frozenset({"tiktok"}), 1.0),
    ("video", r"\bvideos?\b|\bvlogs?\b|\btutos?\b|\btutoriels?\b", frozenset({"instagram", "tiktok", "youtube"}), 1.0),
    ("live", r"\blives?\b|\bdirects?\b", frozenset({"instagram", "tiktok", "youtube"}), 1.0),
)
KIND_NAMES = {"story": "story", "reel": "Reel", "carrousel": "carrousel", "post": "publication", "short": "Short",
              "integration": "intégration", "tiktok": "vidéo TikTok", "video": "vidéo", "live": "live"}
_COUNT_WORDS = (r"\d{1,3}|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|quinze|vingt")
#: Words that say « some » instead of how many (« quelques stories », « des posts »).
_VAGUE_COUNTS = "quelques|plusieurs|des|divers|diverses|certains|certaines|beaucoup de|pas mal de|plein de"
_KIND_RE = re.compile(
    rf"(?:\b(?:(?P<vague>{_VAGUE_COUNTS})|(?P<count>{_COUNT_WORDS}))\s*(?:x\s*)?(?:(?:petite?s?|courte?s?|grande?s?|longue?s?)\s+)?)?"
    rf"(?P<kind>{'|'.join(f'(?:{pattern})' for _, pattern, _, _ in _KINDS)})"
    r"(?:\s+(?:sur\s+|de\s+|pour\s+)?(?:instagram|insta|ig|tik ?toks?|youtube|yt)\b)?"
    r"(?:\s*(?:x|\*)\s*(?P<times>\d{1,2})\b)?"
)
_KIND_PATTERNS = tuple((kind, re.compile(pattern), platforms, weight) for kind, pattern, platforms, weight in _KINDS)
#: Words for a platform named in the deliverables (« 1 vidéo YouTube » asked of an Instagram creator).
_PLATFORM_WORDS = {"instagram": re.compile(r"\binsta(?:gram)?\b|\big\b"), "tiktok": re.compile(r"\btik ?tok\b"),
                   "youtube": re.compile(r"\byoutube\b|\byt\b")}

_UNLIMITED = re.compile(
    r"\billimit\w*|\ba vie\b|\bperpetu\w*|\bpour toujours\b|\bsans (?:limite|fin|duree)\b|\bdefinitiv\w*|"
    r"\btoute la duree (?:legale|des droits)\b|\bduree (?:legale|de protection)\b|\bad vitam\b|\bindefini\w*|"
    r"\bbuy[ -]?out\b|\brachat (?:total|definitif)\b"
)
_DURATION_RE = re.compile(
    rf"\b(?P<count>\d{{1,3}}(?:[.,]\d)?|{_COUNT_WORDS}|dix-huit|vingt-quatre|trente|soixante|nonante|quatre-vingt-dix)"
    r"\s*(?P<unit>mois|ans?|annees?|semaines?|sem\b|jours?|j\b|trimestres?|semestres?)"
)
_UNIT_MONTHS = {"mois": 1.0, "an": 12.0, "ans": 12.0, "annee": 12.0, "annees": 12.0, "semaine": 12 / 52,
                "semaines": 12 / 52, "sem": 12 / 52, "jour": 1 / 30, "jours": 1 / 30, "j": 1 / 30,
                "trimestre": 3.0, "trimestres": 3.0, "semestre": 6.0, "semestres": 6.0}
_WORD_COUNTS = {"dix-huit": 18, "vingt-quatre": 24, "trente": 30, "soixante": 60, "nonante": 90,
                "quatre-vingt-dix": 90}
_YEAR_WORDS = re.compile(r"\b(?:un|1) an\b|\bune annee\b|\bannuel\w*")

_TERRITORY_RE = re.compile(
    r"\bfrance\b|\bsuisse\b|\bromandie\b|\bbelgique\b|\bluxembourg\b|\bcanada\b|\bquebec\b|\beurope\w*\b|"
    r"\bunion europeenne\b|\bue\b|\beee\b|\bmonde\b|\bmondial\w*|\binternational\w*|\btous (?:les )?pays\b|"
    r"\bfrancophon\w*|\ballemagne\b|\bautriche\b|\bitalie\b|\bespagne\b|\broyaume-uni\b|\betats-unis\b|"
    r"\bfr\b|\bch\b|\bbe\b|\blu\b|\beu\b|\bdach\b|\bgeneve\b|\blausanne\b|\bvaud\b|\blyon\b|\bparis\b|"
    r"\bhexagone\b|\bmetropole\b|\bworld\w*\b|\bglobal\w*|\bpartout\b|\btoutes? (?:zones?|territoires?)\b"
)
_WORLD_RE = re.compile(r"\bmonde\b|\bmondial\w*|\binternational\w*|\btous (?:les )?pays\b|\bworld\w*\b|\bglobal\w*|"
                       r"\bpartout\b|\btoutes? (?:zones?|territoires?)\b")

_NONE_WORDS = re.compile(
    r"^\s*(?:-+|non|no|aucune?|sans|neant|rien|pas|nope|0|/|n/?a|x|pas d'exclusivite|sans exclusivite|"
    r"aucune exclusivite|pas besoin|non merci)\s*[.!]?\s*$"
)
EXCLUSIVITY = Meaning("exclusivity", r"\bexclusi\w*", r"\bne (?:pas )?travailler avec\b", r"\bconcurren\w*")
_BROAD_EXCLUSIVITY = re.compile(
    r"\btotale?\b|\bcomplete?\b|\bgenerale?\b|\btoutes? (?:les )?(?:marques?|secteurs?|categories?|produits?|"
    r"collaborations?|partenariats?|annonceurs?)\b|\btout (?:autre )?(?:partenariat|annonceur|produit|secteur)\b|"
    r"\baucune? autre marque\b|\bplus aucun(?:e)? (?:autre )?(?:marque|partenariat|collaboration)\b"
)

_PAY_NOW = re.compile(r"\ba (?:la )?reception\b|\bcomptant\b|\bimmediat\w*|\ba la livraison\b|\bau jour\b|"
                      r"\ba la publication\b|\bd'avance\b|\bavant (?:la )?publication\b")
_END_OF_MONTH = re.compile(r"\bfin de mois\b|\bfdm\b")


def _text(value: object) -> str:
    """A field as text (numbers too), cut to a sane length; anything else is empty."""
    if isinstance(value, bool) or value is None or value is Ellipsis:
        return ""
    if isinstance(value, int | float):
        return format_number(value, 0 if float(value).is_integer() else 2) if math.isfinite(value) else ""
    return value[:MAX_FIELD_CHARS].strip() if isinstance(value, str) else ""


def read_amount(value: object) -> float | None:
    """An amount from a number or a French text (« 1 200 € », « 1'200.50 CHF », « 450 »); None when unreadable.

    Negative, non-finite or absurd amounts are unreadable too.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        amount = float(value)
    elif isinstance(value, str):
        folded = fold(value[:MAX_FIELD_CHARS])
        if re.fullmatch(r"\s*(?:rien|aucune?|gratuit|neant|-|sans|non|pas de produits?)\s*", folded):
            return 0.0
        found = find_quantities(folded)
        if not found or re.search(r"-\s*\d", folded[: found[0].start + 1]):
            return None
        amount = found[0].value
    else:
        return None
    return amount if math.isfinite(amount) and 0 <= amount <= MAX_AMOUNT else None


def read_currency(value: object) -> str | None:
    """« EUR », « € », « euros » → EUR; « CHF », « Fr. », « francs suisses » → CHF; else None."""
    folded = fold(_text(value))
    if not folded:
        return None
    if re.search(r"\bchf\b|\bfr\.|\bfrancs?\b|\bsfr\b", folded):
        return "CHF"
    if re.search(r"€|\beur(?:o|os)?\b", folded):
        return "EUR"
    return None


def read_months(text: str, *, start: date | None = None) -> tuple[float | None, bool]:
    """(months, unlimited) from « 3 mois », « 90 jours », « un an », « jusqu'au 30 juin 2027 », « 6 »."""
    folded = read(text).text if text else ""
    if not folded:
        return None, False
    if _UNLIMITED.search(folded):
        return None, True
    total = 0.0
    for match in _DURATION_RE.finditer(folded):
        raw = match.group("count").replace(",", ".")
        count = _WORD_COUNTS.get(raw) or word_or_digit_number(raw)
        number = float(count) if count is not None else float(raw) if re.fullmatch(r"\d+(?:\.\d)?", raw) else None
        if number is not None:
            total += number * _UNIT_MONTHS[match.group("unit")]
    if total == 0 and _YEAR_WORDS.search(folded):
        total = 12.0
    if total == 0 and start is not None:
        deadlines = find_deadlines(folded, start)
        if deadlines and deadlines[0].due > start:
            total = (deadlines[0].due - start).days / 30.4
    if total == 0:
        bare = re.fullmatch(r"\s*(\d{1,3})\s*", folded)
        if bare:
            total = float(bare.group(1))
    if total <= 0:
        return None, False
    return (None, True) if total > MAX_MONTHS else (round(total, 2), False)


@dataclass(frozen=True)
class Deliverables:
    """The contents an offer asks for: (kind, count) pairs, weighted units, and kinds the platform lacks."""

    items: tuple[tuple[str, int], ...]
    units: float
    off_platform: tuple[str, ...]
    too_many: bool
    vague: tuple[str, ...] = ()

    def describe(self) -> str:
        parts = []
        for kind, count in self.items:
            name = KIND_NAMES[kind]
            plural = "" if count == 1 or name.endswith("s") else ("" if kind == "story" else "s")
            if kind == "story" and count > 1:
                name = "stories"
            parts.append(f"{count} {name}{plural}")
        return " + ".join(parts)


def read_deliverables(text: str, platform: str = "") -> Deliverables:
    """Read « 1 Reel + 2 stories », « deux vidéos TikTok », « pas de story, un post » (the story denied)."""
    reading = read(text) if text else None
    if reading is None:
        return Deliverables((), 0.0, (), False)
    counts: dict[str, int] = {}
    vague: list[str] = []
    for match in _KIND_RE.finditer(reading.text):
        if reading.negated(match.start("kind")):
            continue
        word = match.group("kind")
        kind = next(name for name, pattern, _, _ in _KIND_PATTERNS if pattern.fullmatch(word))
        if match.group("vague"):
            vague.append(f"{match.group('vague')} {word}")
        count = word_or_digit_number(match.group("count")) if match.group("count") else None
        if match.group("times"):
            count = (count or 1) * int(match.group("times"))
        counts[kind] = counts.get(kind, 0) + (count if count is not None else 1)
    items = tuple((kind, count) for kind, count in counts.items() if count > 0)
    weights = {kind: weight for kind, _, _, weight in _KIND_PATTERNS}
    platforms = {kind: kinds for kind, _, kinds, _ in _KIND_PATTERNS}
    off = [kind for kind, _ in items if platform and platform in PLATFORM_NAMES and platform not in platforms[kind]]
    named = [name for name, pattern in _PLATFORM_WORDS.items() if pattern.search(reading.text)]
    if platform in PLATFORM_NAMES and named and platform not in named:
        off.extend(PLATFORM_NAMES[name] for name in named)
    too_many = any(count > MAX_CONTENTS for _, count in items)
    units = sum(min(count, MAX_CONTENTS) * weights[kind] for kind, count in items)
    return Deliverables(items, round(units, 4), tuple(dict.fromkeys(off)), too_many, tuple(vague))


def read_usage(value: object) -> str | None:
    """The rights asked: one of :data:`~influence_workbook.pay.USAGES`, from the menu's value or a French text."""
    folded = fold(_text(value))
    if not folded:
        return None
    if folded in USAGES:
        return folded
    if re.search(r"\bpub\w*|\bpayant\w*|\bsponsoris\w*|\bboost\w*|\bwhite ?list\w*|\bads?\b|\bannonces?\b|"
                 r"\bpartnership ads?\b|\bespace publicitaire\b|\bcampagnes? payantes?\b", folded):
        return USAGE_PAID
    if re.search(r"\bmarque\b|\breprise\b|\brepost\w*|\bpartag\w*|\bsite\b|\bnewsletter\b|\bcomptes? de la marque\b",
                 folded):
        return USAGE_BRAND
    if re.search(r"\borganique\b|\bcompte du createur\b|\bson compte\b|\baucune? (?:reutilisation|reprise)\b|"
                 r"\bpublication seule\b", folded):
        return USAGE_ORGANIC
    return None


def read_territory(text: str) -> tuple[str, ...]:
    """The places a territory names (« France et Suisse romande » → france, suisse, romandie); empty if none."""
    folded = fold(text) if text else ""
    return tuple(dict.fromkeys(match.group(0) for match in _TERRITORY_RE.finditer(folded)))


@dataclass(frozen=True)
class Exclusivity:
    present: bool
    months: float | None = None
    unlimited: bool = False
    broad: bool = False


def read_exclusivity(text: str, *, start: date | None = None) -> Exclusivity:
    """« aucune », « pas d'exclusivité » → none; « shampooings solides, 3 mois » → 3 months, limited."""
    folded = fold(text) if text else ""
    if not folded.strip() or _NONE_WORDS.match(folded):
        return Exclusivity(False)
    reading = read(text)
    hits = EXCLUSIVITY.hits(reading)
    if hits and all(hit.negated for hit in hits):
        return Exclusivity(False)
    months, unlimited = read_months(text, start=start)
    return Exclusivity(True, months, unlimited, bool(_BROAD_EXCLUSIVITY.search(reading.text)))


def read_payment_days(value: object) -> tuple[int | None, bool]:
    """(days, end of month) from « 30 jours », « 45 jours fin de mois », « à réception » (0), « 30 »."""
    folded = fold(_text(value))
    if not folded:
        return None, False
    end_of_month = bool(_END_OF_MONTH.search(folded))
    if _PAY_NOW.search(folded):
        return 0, end_of_month
    found = find_quantities(folded)
    if not found or found[0].unit in {"%", "€", "CHF", "$"}:
        return None, end_of_month
    days = found[0].value
    if re.search(r"\bmois\b", folded[found[0].end:found[0].end + 8]) and not end_of_month:
        days *= 30
    if re.search(r"\bsemaines?\b", folded[found[0].end:found[0].end + 12]):
        days *= 7
    return (int(days), end_of_month) if 0 <= days <= MAX_PAYMENT_DAYS else (None, end_of_month)


def read_clauses(value: object) -> tuple[str, ...]:
    """The clause ids ticked: a list of ids (or of their French labels), in the order of :data:`CLAUSES`."""
    items = value if isinstance(value, list | tuple) else [value] if isinstance(value, str) else []
    ticked: set[str] = set()
    for item in items:
        if not isinstance(item, str):
            continue
        key = item.strip()
        if key in CLAUSES:
            ticked.add(key)
            continue
        folded = fold(key)
        ticked.update(clause for clause, label in CLAUSES.items() if folded and folded == fold(label))
    return tuple(clause for clause in CLAUSES if clause in ticked)


# --------------------------------------------------------------------------- the creators

PROFILE_COLUMNS = ("creator_id", "display_name", "handle", "platform", "tier", "niche", "creator_country",
                   "followers", "avg_views", "fee_per_post_eur", "audience_main_country")


@lru_cache(maxsize=1)
def _sample_profiles() -> dict[str, dict[str, Any]]:
    from influence_workbook.data.rows import read_rows

    return {str(row["creator_id"]): {key: row[key] for key in PROFILE_COLUMNS} for row in read_rows("creators")}


def pay_profiles(ids: Sequence[str]) -> list[dict[str, Any]]:
    """The sample data's creators ``ids`` (unknown ids skipped), with what pricing needs:
    platform, country, followers, average views, asked rate per post (``fee_per_post_eur``)."""
    known = _sample_profiles()
    return [dict(known[i]) for i in dict.fromkeys(str(i) for i in ids) if i in known]


def _profile_number(profile: Mapping[str, Any], key: str) -> float:
    value = profile.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return math.nan
    return float(value) if math.isfinite(value) and 0 <= value < 1e12 else math.nan


def _name(profile: Mapping[str, Any] | None, offer: Mapping[str, Any], number: int) -> str:
    for source in (profile or {}, offer):
        name = source.get("display_name") or source.get("creator_name")
        if isinstance(name, str) and name.strip():
            return name.strip()[:80]
    creator_id = offer.get("creator_id")
    return f"créateur {creator_id}"[:80] if isinstance(creator_id, str) and creator_id.strip() else f"offre n° {number}"


# --------------------------------------------------------------------------- the plan

@dataclass(frozen=True)
class OfferReading:
    """One offer as read: the learner's fields, understood, and its justified range."""

    number: int
    creator_id: str
    name: str
    profile: Mapping[str, Any] | None
    platform: str
    country: str
    deliverables_text: str
    deliverables: Deliverables
    usage: str | None
    rights_text: str
    rights_months: float | None
    rights_unlimited: bool
    territory_text: str
    territory: tuple[str, ...]
    exclusivity_text: str
    exclusivity: Exclusivity
    fee_text: str
    fee: float | None
    gift_text: str
    gift: float | None
    currency_text: str
    currency: str | None
    contract: bool
    already_eur_ht: float
    range: FeeRange | None

    @property
    def empty(self) -> bool:
        return not any((self.deliverables_text, self.rights_text, self.territory_text, self.fee_text, self.gift_text))

    @property
    def expected_currency(self) -> str:
        return "CHF" if self.country == "CH" else "EUR"

    @property
    def shown_currency(self) -> str:
        """The currency the offer's figures are shown in: its own when readable, else the expected one."""
        return self.currency or self.expected_currency

    @property
    def value(self) -> float | None:
        """What the creator receives, fee plus products at retail value, in the offer's currency."""
        if self.fee is None:
            return None
        return self.fee + (self.gift or 0.0)

    @property
    def fee_eur_ht(self) -> float | None:
        return None if self.fee is None else to_eur(self.fee, self.shown_currency)

    @property
    def gift_eur_ht(self) -> float:
        return to_eur(self.gift or 0.0, self.shown_currency)

    @property
    def year_total_eur_ht(self) -> float | None:
        """Fee plus products with this advertiser over the year, this offer included, € HT."""
        fee = self.fee_eur_ht
        return None if fee is None else fee + self.gift_eur_ht + self.already_eur_ht

    def range_in(self, currency: str | None = None) -> tuple[float, float] | None:
        """The justified range in ``currency`` (the offer's by default), rounded as the learner reads it."""
        if self.range is None:
            return None
        return _round_range(*self.range.in_currency(currency or self.shown_currency))

    def contract_required(self) -> bool:
        """Whether French law requires a written contract for this creator (None-safe: unreadable fee → no)."""
        total = self.year_total_eur_ht
        if total is None:
            return False
        try:
            return written_contract_required(total, 0.0)
        except ValueError:
            return False


@dataclass(frozen=True)
class Plan:
    """The whole answer, read: offers, clauses, payment term, contingency, and the budget's totals."""

    offers: tuple[OfferReading, ...]
    unread: int
    clauses: tuple[str, ...]
    payment_text: str
    payment_days: int | None
    end_of_month: bool
    contingency_text: str
    contingency: float | None
    campaign: Campaign
    french_rule: bool
    fees_total: float = field(default=math.nan)
    gifts_cost: float = field(default=math.nan)

    @property
    def currency(self) -> str:
        return self.campaign.currency

    @property
    def envelope(self) -> float:
        return float(self.campaign.creator_budget)

    @property
    def total(self) -> float:
        return self.fees_total + self.gifts_cost + (self.contingency or 0.0)


def gift_cost(retail_value: float, campaign: Campaign) -> float:
    """What products of ``retail_value`` cost the brand, shipping included (campaign currency)."""
    if retail_value <= 0:
        return 0.0
    ratio = campaign.product_cost / campaign.product_price if campaign.product_price > 0 else 1.0
    return retail_value * min(max(ratio, 0.0), 1.0) + campaign.shipping_cost


def _offers_of(answer: object) -> list[Any] | None:
    if isinstance(answer, Mapping):
        offers = answer.get("offers")
        return list(offers) if isinstance(offers, list | tuple) else None
    return None


def read_plan(answer: Mapping[str, Any], creators: Sequence[Mapping[str, Any]] | None = None, *,
              campaign: Campaign | None = None) -> Plan:
    """Read the learner's answer (see :func:`check_offers`) against the creators' profiles and the campaign."""
    campaign = resolve(campaign)
    raw_offers = [offer for offer in (_offers_of(answer) or []) if isinstance(offer, Mapping)]
    ids = [str(offer.get("creator_id") or "").strip() for offer in raw_offers]
    if creators is None:
        try:
            creators = pay_profiles([i for i in ids if i])
        except Exception:  # missing data: the offers are read without profiles and say so
            creators = []
    by_id = {str(p.get("creator_id")): p for p in creators if isinstance(p, Mapping)}
    offers = []
    for number, (offer, creator_id) in enumerate(zip(raw_offers[:MAX_OFFERS], ids, strict=False), start=1):
        profile = by_id.get(creator_id)
        offers.append(_read_offer(number, offer, creator_id, profile, campaign))
    fees_total = sum(convert(o.fee or 0.0, o.shown_currency, campaign.currency) for o in offers)
    gifts = sum(gift_cost(convert(o.gift or 0.0, o.shown_currency, campaign.currency), campaign) for o in offers)
    days, end_of_month = read_payment_days(answer.get("payment_days"))
    contingency_text = _text(answer.get("contingency"))
    contingency = read_amount(answer.get("contingency"))
    if contingency_text and "%" in contingency_text:
        share = read_amount(contingency_text)
        contingency = None if share is None else campaign.creator_budget * share / 100
    return Plan(tuple(offers), max(0, len(raw_offers) - MAX_OFFERS), read_clauses(answer.get("clauses")),
                _text(answer.get("payment_days")), days, end_of_month, contingency_text, contingency, campaign,
                "FR" in campaign.markets, fees_total, gifts)


def _read_offer(number: int, offer: Mapping[str, Any], creator_id: str, profile: Mapping[str, Any] | None,
                campaign: Campaign) -> OfferReading:
    platform = str((profile or {}).get("platform") or offer.get("platform") or "").lower()
    country = str((profile or {}).get("creator_country") or offer.get("country") or "").upper()
    deliverables_text = _text(offer.get("deliverables"))
    deliverables = read_deliverables(deliverables_text, platform)
    rights_text = _text(offer.get("rights_duration"))
    months, unlimited = read_months(rights_text, start=campaign.launch)
    usage = read_usage(offer.get("usage"))
    exclusivity_text = _text(offer.get("exclusivity"))
    exclusivity = read_exclusivity(exclusivity_text, start=campaign.launch)
    fee_text, gift_text = _text(offer.get("fee")), _text(offer.get("gift_value"))
    currency_text = _text(offer.get("currency"))
    currency = read_currency(currency_text) or (read_currency(fee_text) if not currency_text else None)
    gift = read_amount(offer.get("gift_value")) if gift_text else 0.0
    already = _profile_number(profile or {}, "paid_last_12_months_eur")
    fee_range_eur = None
    if profile is not None and deliverables.units > 0:
        fee_range_eur = fee_range(
            platform=platform, views=_profile_number(profile, "avg_views"),
            asked=_profile_number(profile, "fee_per_post_eur"), units=deliverables.units,
            usage=usage or USAGE_ORGANIC, rights_months=12 * 10 if unlimited else months,
            exclusivity_months=(exclusivity.months or (12 * 10 if exclusivity.unlimited else 3))
            if exclusivity.present else None)
    return OfferReading(
        number, creator_id, _name(profile, offer, number), profile, platform, country, deliverables_text,
        deliverables, usage, rights_text, months, unlimited, _text(offer.get("territory")),
        read_territory(_text(offer.get("territory"))), exclusivity_text, exclusivity, fee_text,
        read_amount(offer.get("fee")) if fee_text else None, gift_text, gift, currency_text, currency,
        offer.get("contract") is True or fold(_text(offer.get("contract"))) in {"oui", "yes", "true", "x"},
        already if math.isfinite(already) else 0.0, fee_range_eur)


# --------------------------------------------------------------------------- wording helpers

def money(amount: float, currency: str) -> str:
    """« 1 200 € », « 85 CHF »: no decimals from 100 on, two below when not whole."""
    decimals = 0 if amount >= 100 or float(amount).is_integer() else 2
    symbol = "€" if currency == "EUR" else currency
    return f"{format_number(amount, decimals)}\u00a0{symbol}"


def _round_range(low: float, high: float) -> tuple[float, float]:
    """A range as learners read it: rounded down and up to 5 (below 200) or 10."""
    step = 5 if high < 200 else 10
    return math.floor(low / step) * step, math.ceil(high / step) * step


def range_text(offer: OfferReading) -> str:
    """« 45 à 130 € »: the justified range in the offer's currency, rounded."""
    shown = offer.range_in()
    if shown is None:
        return "fourchette inconnue"
    low, high = shown
    return f"{money(low, offer.shown_currency).split(chr(160))[0]} à {money(high, offer.shown_currency)}"


def range_reasons(offer: OfferReading) -> str:
    """Why the range: views × CPM per content, the asked rate, the contents, rights and exclusivity."""
    r = offer.range
    if r is None:
        return ""
    currency = offer.shown_currency
    parts = []
    if r.views > 0:
        parts.append(f"{format_number(r.views)} vues en moyenne × {format_number(r.cpm[0])} à {format_number(r.cpm[1])}"
                     f"\u00a0€ pour 1\u00a0000 vues sur {PLATFORM_NAMES.get(r.platform, r.platform)}, soit "
                     f"{format_number(r.reach_low)} à {money(round(r.reach_high), 'EUR')} par contenu")
    if math.isfinite(r.asked):
        asked = f"tarif demandé {money(round(r.asked), 'EUR')} par publication"
        if r.asked_capped:
            asked += " (plus de 1,5 fois ce que ses vues justifient : à négocier)"
        parts.append(asked)
    if offer.deliverables.items:
        stories = " (une story compte un tiers)" if any(kind == "story" for kind, _ in offer.deliverables.items) else ""
        parts.append(f"{offer.deliverables.describe()} = {format_number(r.units, 0 if r.units.is_integer() else 1)} "
                     f"contenu{'s' if r.units >= 2 else ''}{stories}")
    if r.rights[1] > 0:
        parts.append(f"droits +{format_number(100 * r.rights[0])} à +{format_number(100 * r.rights[1])}\u202f%")
    if r.exclusivity[1] > 0:
        parts.append(f"exclusivité +{format_number(100 * r.exclusivity[0])} à "
                     f"+{format_number(100 * r.exclusivity[1])}\u202f%")
    parts.append("±\u00a020\u202f% de négociation")
    if currency == "CHF":
        parts.append("converti à 0,93\u00a0CHF pour 1\u00a0€")
    return " ; ".join(parts)


def _join(parts: Sequence[str]) -> str:
    return " ; ".join(parts)


# --------------------------------------------------------------------------- criteria

def _deliverables_item(plan: Plan) -> FeedbackItem:
    problems = []
    for o in plan.offers:
        if not o.deliverables_text:
            problems.append(f"{o.name} : écrivez les contenus attendus, avec leur nombre (« 1 Reel + 2 stories »)")
        elif not o.deliverables.items:
            problems.append(f"{o.name} : « {o.deliverables_text[:60]} » ne dit ni le format ni le nombre ; "
                            "écrivez par exemple « 1 vidéo + 2 stories »")
        elif o.deliverables.vague:
            problems.append(f"{o.name} : « {o.deliverables.vague[0]} », combien ? Le prix dépend du nombre ; écrivez "
                            "« 3 stories »")
        elif o.deliverables.too_many:
            problems.append(f"{o.name} : plus de {MAX_CONTENTS} contenus d'une même sorte, vérifiez le nombre")
        elif o.deliverables.off_platform:
            kinds = ", ".join(KIND_NAMES.get(kind, kind) for kind in o.deliverables.off_platform)
            platform = PLATFORM_NAMES.get(o.platform, o.platform)
            problems.append(f"{o.name} publie sur {platform} : « {kinds} » n'est pas pour sa plateforme ; demandez "
                            "les formats que son audience regarde")
    if problems:
        return FeedbackItem("deliverables", "Contenus", False, "À préciser. " + _join(problems) + ".", READ_DRIVERS)
    listed = ", ".join(f"{o.name} : {o.deliverables.describe()}" for o in plan.offers)
    return FeedbackItem("deliverables", "Contenus", True, f"Chaque offre dit quoi livrer ({listed}).", READ_DRIVERS)


def _fee_item(plan: Plan) -> FeedbackItem:
    problems, fine = [], []
    for o in plan.offers:
        currency = o.shown_currency
        if not o.fee_text:
            problems.append(f"{o.name} : indiquez le cachet, hors taxes (0 si vous n'offrez que des produits)")
            continue
        if o.fee is None:
            problems.append(f"{o.name} : « {o.fee_text[:40]} » n'est pas un montant ; écrivez un nombre (par "
                            "exemple 150)")
            continue
        if o.gift is None:
            problems.append(f"{o.name} : la valeur des produits « {o.gift_text[:40]} » n'est pas un montant ; "
                            "écrivez un nombre, 0 s'il n'y en a pas")
            continue
        if o.profile is None:
            problems.append(f"{o.name} : ce créateur n'est pas dans les données, sa fourchette ne peut pas être "
                            "calculée ; choisissez un créateur de la liste")
            continue
        if o.range is None:
            problems.append(f"{o.name} : écrivez d'abord les contenus attendus, la fourchette en dépend")
            continue
        value = o.value or 0.0
        low, high = o.range_in() or (0.0, 0.0)
        what = money(o.fee, currency) + (f" + {money(o.gift or 0, currency)} de produits" if o.gift else "")
        if value < low:
            problems.append(f"{o.name} : {what}, sous la fourchette de {range_text(o)} ({range_reasons(o)}). "
                            "Trop bas, l'offre est refusée ou le contenu bâclé")
        elif value > high:
            problems.append(f"{o.name} : {what}, au-dessus de la fourchette de {range_text(o)} ({range_reasons(o)}). "
                            "Vous payez plus que ce que ses vues et vos demandes justifient")
        else:
            fine.append(f"{o.name} {what} ({range_text(o)})")
    if problems:
        return FeedbackItem("fee", "Cachets", False, "À ajuster. " + _join(problems) + ".", READ_RANGES)
    return FeedbackItem("fee", "Cachets", True,
                        "Chaque cachet, produits compris, est dans sa fourchette justifiée par les vues, le tarif "
                        f"du créateur, les contenus et les droits : {', '.join(fine)}.", READ_RANGES)


def _rights_item(plan: Plan) -> FeedbackItem:
    problems = []
    for o in plan.offers:
        missing = []
        if o.usage is None:
            missing.append("dites ce que la marque peut faire des contenus (publication seule, reprise, publicité)")
        if o.rights_unlimited:
            missing.append(f"« {o.rights_text[:40]} » revient à racheter les droits, ce qui se paie plusieurs fois le "
                           "cachet : fixez une durée en mois (par exemple 3 mois)")
        elif o.rights_months is None:
            missing.append("donnez une durée (« 3 mois », « 1 an »)" if not o.rights_text else
                           f"« {o.rights_text[:40]} » n'est pas une durée : écrivez par exemple « 3 mois »")
        if not o.territory:
            missing.append("donnez un territoire (« France et Suisse », « monde entier »)" if not o.territory_text else
                           f"« {o.territory_text[:40]} » n'est pas un territoire : nommez des pays")
        if missing:
            problems.append(f"{o.name} : {' ; '.join(missing)}")
    if problems:
        return FeedbackItem("rights", "Droits d'utilisation", False,
                            "Une cession de droits doit dire chaque usage, sa durée et son territoire (CPI L131-3). "
                            + _join(problems) + ".", READ_RIGHTS)
    return FeedbackItem("rights", "Droits d'utilisation", True,
                        "Chaque offre dit ce que la marque peut faire des contenus, pour combien de temps et où.",
                        READ_RIGHTS)


def _currency_item(plan: Plan) -> FeedbackItem:
    problems = []
    for o in plan.offers:
        if o.currency is None:
            problems.append(f"{o.name} : choisissez la devise (EUR ou CHF)")
        elif o.currency != o.expected_currency and o.country:
            where = "vit en Suisse : payez-la en francs suisses (CHF)" if o.country == "CH" else \
                "ne vit pas en Suisse : payez en euros (EUR)"
            problems.append(f"{o.name} {where}")
    if problems:
        return FeedbackItem("currency", "Devise", False, _join(problems) + ".", READ_MONEY)
    swiss = [o.name for o in plan.offers if o.country == "CH"]
    note = f" ; en francs suisses pour {', '.join(swiss)}, qui vit en Suisse" if swiss else ""
    return FeedbackItem("currency", "Devise", True, f"Chaque offre est dans la monnaie du créateur{note}.",
                        READ_MONEY)


def _exclusivity_item(plan: Plan) -> FeedbackItem:
    problems = []
    for o in plan.offers:
        e = o.exclusivity
        if not e.present:
            continue
        if e.unlimited:
            problems.append(f"{o.name} : une exclusivité sans fin empêche le créateur de travailler ; limitez-la à "
                            "quelques mois")
        elif e.months is None:
            problems.append(f"{o.name} : donnez la durée de l'exclusivité (« 3 mois »)")
        if e.broad:
            problems.append(f"{o.name} : une exclusivité sur toutes les marques est disproportionnée ; limitez-la aux "
                            "concurrents directs ou à une catégorie de produits")
    if problems:
        return FeedbackItem("exclusivity", "Exclusivité", False, _join(problems) + ".", READ_DRIVERS)
    with_one = [o.name for o in plan.offers if o.exclusivity.present]
    message = (f"Exclusivité limitée et datée pour {', '.join(with_one)} : elle est comptée dans la fourchette."
               if with_one else "Pas d'exclusivité demandée : rien à payer en plus.")
    return FeedbackItem("exclusivity", "Exclusivité", True, message, READ_DRIVERS)


def _contract_item(plan: Plan) -> FeedbackItem:
    threshold = money(WRITTEN_CONTRACT_THRESHOLD_EUR_HT, "EUR")
    if not plan.french_rule and all(o.country != "FR" for o in plan.offers):
        return FeedbackItem("contract", "Contrat écrit", True,
                            "Votre campagne ne vise pas la France : le seuil français ne s'applique pas. Un contrat "
                            "écrit reste la meilleure protection des deux côtés.", READ_CONTRACT)
    required = [o for o in plan.offers if o.contract_required()]
    unflagged = [o for o in required if not o.contract]
    problems = []
    for o in unflagged:
        total = o.year_total_eur_ht or 0.0
        already = (f", dont {money(o.already_eur_ht, 'EUR')} déjà versés cette année" if o.already_eur_ht else "")
        problems.append(f"{o.name} atteint {money(total, 'EUR')} HT sur l'année avec les produits{already} : dès "
                        f"{threshold} HT, le contrat écrit est obligatoire (décret n° 2025-1137) ; cochez « Contrat "
                        "écrit »")
    if required or any(o.contract for o in plan.offers):
        needed = dict(MANDATORY_CLAUSES)
        if any(o.usage in {USAGE_BRAND, USAGE_PAID} for o in plan.offers):
            needed["rights"] = CLAUSES["rights"]
        missing = [label for clause, label in needed.items() if clause not in plan.clauses]
        if missing and required:
            problems.append("Il manque au contrat : " + " ; ".join(missing))
    if problems:
        return FeedbackItem("contract", "Contrat écrit", False, _join(problems) + ".", READ_CONTRACT)
    if required:
        names = ", ".join(o.name for o in required)
        return FeedbackItem("contract", "Contrat écrit", True,
                            f"Contrat écrit prévu pour {names} (au moins {threshold} HT sur l'année), avec les "
                            "clauses que la loi exige.", READ_CONTRACT)
    return FeedbackItem("contract", "Contrat écrit", True,
                        f"Aucun créateur n'atteint {threshold} HT sur l'année, produits compris : le contrat écrit "
                        "n'est pas obligatoire, mais un écrit (même un courriel accepté) reste conseillé.",
                        READ_CONTRACT)


def _payment_item(plan: Plan) -> FeedbackItem:
    days = plan.payment_days
    if days is None:
        message = ("Indiquez le délai de paiement en jours après la facture (par exemple « 30 jours »)."
                   if not plan.payment_text else
                   f"« {plan.payment_text[:40]} » n'est pas un délai : écrivez un nombre de jours (« 30 jours »).")
        return FeedbackItem("payment", "Délai de paiement", False, message, READ_MONEY)
    limit = PAYMENT_MAX_END_OF_MONTH_DAYS if plan.end_of_month else PAYMENT_MAX_DAYS
    if days > limit:
        kind = " fin de mois" if plan.end_of_month else ""
        return FeedbackItem("payment", "Délai de paiement", False,
                            f"{days} jours{kind}, c'est trop : entre professionnels, la loi française plafonne un "
                            f"délai convenu à {PAYMENT_MAX_DAYS} jours après la facture, ou "
                            f"{PAYMENT_MAX_END_OF_MONTH_DAYS} jours fin de mois (Code de commerce L441-10) ; et les "
                            "créateurs jugent une marque sur la ponctualité de ses paiements.", READ_MONEY)
    said = "à réception" if days == 0 else f"à {days} jours{' fin de mois' if plan.end_of_month else ''}"
    return FeedbackItem("payment", "Délai de paiement", True,
                        f"Paiement {said} : dans la limite légale française de {PAYMENT_MAX_DAYS} jours.", READ_MONEY)


def _budget_item(plan: Plan) -> FeedbackItem:
    currency = plan.currency
    parts = (f"cachets {money(plan.fees_total, currency)}, coût des produits offerts et de leur envoi "
             f"{money(plan.gifts_cost, currency)}, imprévus {money(plan.contingency or 0.0, currency)}")
    if plan.total > plan.envelope:
        over = plan.total - plan.envelope
        return FeedbackItem("budget", "Budget", False,
                            f"Total {money(plan.total, currency)} ({parts}) : {money(over, currency)} de plus que "
                            f"l'enveloppe de {money(plan.envelope, currency)}. Réduisez des contenus ou des droits, "
                            "ou retirez un créateur : baisser un cachet sous sa fourchette ne règle rien.", READ_BUDGET)
    left = plan.envelope - plan.total
    return FeedbackItem("budget", "Budget", True,
                        f"Total {money(plan.total, currency)} ({parts}) pour une enveloppe de "
                        f"{money(plan.envelope, currency)} : il reste {money(left, currency)}.", READ_BUDGET)


def _contingency_item(plan: Plan) -> FeedbackItem:
    if plan.contingency is None or plan.contingency <= 0:
        message = ("Prévoyez une ligne d'imprévus (5 à 15 % de l'enveloppe) : un contenu à refaire, un envoi perdu, "
                   "des droits prolongés." if not plan.contingency_text or plan.contingency is not None else
                   f"« {plan.contingency_text[:40]} » n'est pas un montant : écrivez les imprévus en chiffres.")
        return FeedbackItem("contingency", "Imprévus", False, message, READ_BUDGET)
    share = plan.contingency / plan.envelope if plan.envelope else 0.0
    return FeedbackItem("contingency", "Imprévus", True,
                        f"Ligne d'imprévus de {money(plan.contingency, plan.currency)}, soit "
                        f"{format_number(100 * share)}\u202f% de l'enveloppe.", READ_BUDGET)


def _tips(plan: Plan) -> list[str]:
    tips = []
    gift_only = [o.name for o in plan.offers if o.fee == 0 and (o.gift or 0) > 0]
    if gift_only:
        tips.append(f"Pour {', '.join(gift_only)}, des produits seuls sont une rémunération en nature : dites-le, "
                    "comptez leur valeur dans le seuil du contrat, et attendez-vous à des refus.")
    low, high = CONTINGENCY_SHARE
    if plan.contingency and plan.envelope and not low <= plan.contingency / plan.envelope <= high:
        tips.append("Repère du cours pour les imprévus : 5 à 15 % de l'enveloppe.")
    paid_narrow = [o.name for o in plan.offers if o.usage == USAGE_PAID and o.territory
                   and not any(_WORLD_RE.search(place) for place in o.territory)
                   and not _covers_markets(o.territory, plan.campaign.markets)]
    if paid_narrow:
        tips.append(f"Pour {', '.join(paid_narrow)}, le territoire des droits ne couvre pas tous les marchés de la "
                    "campagne : une publicité diffusée ailleurs sortirait du contrat.")
    return tips


_MARKET_WORDS = {"FR": ("france", "fr", "hexagone", "metropole", "paris", "lyon"),
                 "CH": ("suisse", "ch", "romandie", "geneve", "lausanne", "vaud"),
                 "BE": ("belgique", "be"), "EU": ("europe", "union europeenne", "ue", "eu", "eee")}


def _covers_markets(places: Sequence[str], markets: Sequence[str]) -> bool:
    europe = any(place.startswith("europ") or place in {"ue", "eu", "eee", "union europeenne"} for place in places)
    for market in markets:
        words = _MARKET_WORDS.get(market, ())
        if words and not any(place in words or place.startswith(words) for place in places):
            if not (europe and market in {"FR", "BE", "EU"}):
                return False
    return True


def judge_plan(plan: Plan) -> Feedback:
    """The verdict on a plan already read (the workshop shows the plan's table and this verdict)."""
    if not plan.offers:
        return input_problem(CHECK_NAME, LABEL, "Aucune offre à vérifier : remplissez l'offre de chaque créateur.",
                             READ_EXAMPLE)
    if all(offer.empty for offer in plan.offers):
        return input_problem(CHECK_NAME, LABEL, "Les offres sont vides : commencez par les contenus et le cachet "
                             "du premier créateur.", READ_EXAMPLE)
    items = [_deliverables_item(plan), _fee_item(plan), _rights_item(plan), _currency_item(plan),
             _exclusivity_item(plan), _contract_item(plan), _payment_item(plan), _budget_item(plan),
             _contingency_item(plan)]
    tips = _tips(plan)
    if plan.unread:
        tips.insert(0, f"Seules les {MAX_OFFERS} premières offres ont été lues ({plan.unread} de plus ignorées).")
    return build_feedback(CHECK_NAME, items, tips)


@learner_check(CHECK_NAME, LABEL, READ_EXAMPLE)
def check_offers(answer: Any, creators: Sequence[Mapping[str, Any]] | None = None, *,
                 campaign: Campaign | None = None) -> Feedback:
    """Judge chapter 9's offers and budget: one item per criterion, naming each creator concerned.

    ``answer`` is a mapping: ``offers`` (a list, one mapping per creator: ``creator_id``, ``deliverables``,
    ``usage`` (« organique », « marque », « publicite »), ``rights_duration``, ``territory``, ``exclusivity``,
    ``fee``, ``currency``, ``gift_value``, ``contract``), ``clauses`` (ids of
    :data:`influence_workbook.pay.CLAUSES`), ``payment_days`` and ``contingency``; amounts may be numbers or
    French text. ``creators``: profiles (``creator_id``, ``display_name``, ``platform``, ``creator_country``,
    ``avg_views``, ``fee_per_post_eur``, optionally ``paid_last_12_months_eur``); None looks the ids up in
    the sample data. ``campaign``: the envelope, its currency and markets (Sève's by default).
    """
    if isinstance(answer, list | tuple):
        answer = {"offers": list(answer)}
    if not isinstance(answer, Mapping) or _offers_of(answer) is None:
        return input_problem(CHECK_NAME, LABEL,
                             "Donnez vos offres sous la forme de la consigne : un dictionnaire avec « offers » (une "
                             "offre par créateur), « clauses », « payment_days » et « contingency ».", READ_EXAMPLE)
    if creators is not None and not isinstance(creators, list | tuple):
        return input_problem(CHECK_NAME, LABEL, "Les profils des créateurs doivent être une liste de fiches.",
                             READ_EXAMPLE)
    return judge_plan(read_plan(answer, creators, campaign=campaign))


__all__ = ["CURRENCIES", "USAGES", "OfferReading", "Plan", "check_offers", "judge_plan", "pay_profiles", "read_plan"]
