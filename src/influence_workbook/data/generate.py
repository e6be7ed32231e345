"""Seeded generator of the course's fictional sample data and of its data-dictionary page.

``python -m influence_workbook.data.generate`` writes ``data/*.csv``, ``data/answer_key/*.csv``
and ``book/donnees.md``; ``--check`` regenerates them in memory and exits 1, naming the files,
when the committed ones differ. The same seed gives byte-identical files: one numpy Generator
drawn in a fixed order (no iteration over sets), floats written with fixed decimals, ``\\n``
line ends, UTF-8 without BOM.

Figures follow ``research/domain-facts.md`` (engagement by tier and platform §1.2, suspicious
audiences §1.3, fees §2, disclosure rules §3.6); every name, handle and brand is invented.
"""

from __future__ import annotations

import argparse
import csv
import io
import math
import re
import sys
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import numpy as np

from influence_workbook.data import schema
from influence_workbook.data.schema import (
    AGE_BRACKETS,
    AUDIENCE_COUNTRIES,
    ENGAGEMENT_FORMULAS,
    ENGAGEMENT_MEDIAN_RANGES_PCT,
    JURISDICTIONS,
    TABLES,
    TIERS,
    Table,
    engagement_rate_pct,
    tier_for,
)
from influence_workbook.typography import fix as french_typography

SEED = 20_260_004  # picked among a few seeds: corr(fee, followers) lands near Lumanu's r = 0.56
N_CREATORS = 480
# Planted traps per kind (42 of 480 creators, 8.75 %); see _plant_traps.
TRAP_COUNTS = {
    "bought_followers": 9,
    "off_target_audience": 8,
    "engagement_pod": 8,
    "overpriced": 8,
    "hidden_gem": 9,
}

Rng = np.random.Generator

# --------------------------------------------------------------------------- generation parameters
# Each block names where its figures come from in research/domain-facts.md.

# Tier mix: most creators are nano or micro (HypeAuditor 2023/2026: 58–81 % nano on Instagram),
# with enough mid, macro and mega rows for the exercises to compare tiers.
TIER_WEIGHTS = {"nano": 0.44, "micro": 0.34, "mid": 0.12, "macro": 0.06, "mega": 0.04}
FOLLOWER_BOUNDS = {t.name: (t.low, t.high or 5_000_000) for t in TIERS}

# Platform mix: Lumanu 2024 payment volume IG 71 %, TikTok 19 %, YouTube 10 %, softened so that
# every tier has TikTok and YouTube rows; gaming and tech lean towards video.
PLATFORM_WEIGHTS = {"instagram": 0.55, "tiktok": 0.30, "youtube": 0.15}
PLATFORM_WEIGHTS_BY_NICHE = {
    "gaming": {"instagram": 0.15, "tiktok": 0.40, "youtube": 0.45},
    "tech": {"instagram": 0.30, "tiktok": 0.30, "youtube": 0.40},
}
NICHE_WEIGHTS = {
    "beaute": 0.15,
    "mode": 0.11,
    "cuisine": 0.11,
    "sport": 0.09,
    "voyage": 0.09,
    "tech": 0.08,
    "parentalite": 0.08,
    "ecologie": 0.10,
    "gaming": 0.08,
    "lifestyle": 0.11,
}
LANGUAGE_WEIGHTS = {"fr": 0.86, "de": 0.08, "en": 0.06}
COUNTRY_WEIGHTS = {
    "fr": {"FR": 0.68, "CH": 0.14, "BE": 0.10, "CA": 0.06, "LU": 0.02},
    "de": {"CH": 0.55, "DE": 0.35, "AT": 0.10},
    "en": {"GB": 0.45, "US": 0.35, "CA": 0.20},
}

# Median engagement rate (%) the generator aims at, with the platform's formula
# (schema.ENGAGEMENT_FORMULAS); inside the ranges of schema.ENGAGEMENT_MEDIAN_RANGES_PCT.
TARGET_ER_PCT = {
    "instagram": {"nano": 2.9, "micro": 1.6, "mid": 1.05, "macro": 0.7, "mega": 0.5},
    "tiktok": {"nano": 6.5, "micro": 7.0, "mid": 7.5, "macro": 7.8, "mega": 8.0},  # largest not lowest
    "youtube": {"nano": 1.7, "micro": 1.2, "mid": 0.8, "macro": 0.55, "mega": 0.38},
}
ER_SIGMA = {"instagram": 0.42, "tiktok": 0.35, "youtube": 0.42}  # log-normal spread (× or ÷ ~2)
# Ordinary creators stay below ~1.7× their tier's target so that planted "hidden gems" (> 2×)
# and engagement pods (> 2×) stand out; the lower clip keeps bought-follower accounts apart.
ER_Z_CLIP = (-1.9, 1.25)
# Views per video as a share of followers (The Cirqle 2024: reach 15.7 % micro, 3.2 % macro).
VIEW_RATE = {
    "instagram": {"nano": 0.32, "micro": 0.22, "mid": 0.14, "macro": 0.10, "mega": 0.08},
    "tiktok": {"nano": 0.45, "micro": 0.28, "mid": 0.18, "macro": 0.14, "mega": 0.12},
    "youtube": {"nano": 0.45, "micro": 0.30, "mid": 0.18, "macro": 0.14, "mega": 0.10},
}
VIEWS_SIGMA = 0.7  # reach differs a lot between accounts of the same size
COMMENT_PER_LIKE = {"instagram": 0.03, "tiktok": 0.012, "youtube": 0.04}
SHARE_PER_LIKE = {"instagram": 0.04, "tiktok": 0.10, "youtube": 0.02}
SAVE_PER_LIKE = {"instagram": 0.06, "tiktok": 0.07, "youtube": 0.01}
SAVE_WORTHY_NICHES = ("beaute", "cuisine", "ecologie", "parentalite")  # tutorials and recipes get saved
POSTS_PER_MONTH = {"instagram": 10, "tiktok": 16, "youtube": 4}

# Fees: the creator's reach (average views) × CPM (Inzpire.me: IG €30–40, TikTok €23–33, YouTube
# €45–55) × a niche factor, with log-normal noise; reach varying between accounts of one size keeps
# corr(fee, followers) moderate, as in Lumanu's payment data (r = 0.56).
CPM_EUR = {"instagram": 35.0, "tiktok": 28.0, "youtube": 50.0}
NICHE_PRICE_FACTOR = {
    "beaute": 1.15,
    "mode": 1.10,
    "cuisine": 0.95,
    "sport": 1.0,
    "voyage": 1.05,
    "tech": 1.2,
    "parentalite": 1.0,
    "ecologie": 0.9,
    "gaming": 0.95,
    "lifestyle": 1.0,
}
FEE_SIGMA = 0.5
FEE_Z_CLIP = 1.3  # ordinary creators ask at most ~2× the going rate; "overpriced" traps ask 6–9×
FEE_FLOOR_EUR = 10  # Kolsquare 2022: nano posts from 0 to 120 €

# Suspicious followers (HypeAuditor: ~36 % of accounts "impacted", ~60 % of those > 1M).
SUSPICIOUS_MEDIAN_PCT = {"nano": 8.0, "micro": 10.0, "mid": 12.0, "macro": 14.0, "mega": 17.0}
SUSPICIOUS_MAX_PCT = 30.0  # ordinary creators; bought-follower traps have 35–65 %
GENERIC_COMMENT_MAX = 0.40  # ordinary creators; engagement pods have 0.60–0.85

AUDIENCE_PROFILES: dict[tuple[str, str], dict[str, float]] = {
    ("fr", "FR"): {"FR": 0.72, "BE": 0.06, "CH": 0.05, "CA": 0.04, "MA": 0.03},
    ("fr", "CH"): {"CH": 0.50, "FR": 0.28, "BE": 0.04, "CA": 0.02},
    ("fr", "BE"): {"BE": 0.45, "FR": 0.32, "CH": 0.04, "CA": 0.03, "LU": 0.03},
    ("fr", "CA"): {"CA": 0.60, "FR": 0.18, "US": 0.08, "BE": 0.02, "CH": 0.01},
    ("fr", "LU"): {"LU": 0.34, "FR": 0.28, "BE": 0.14, "DE": 0.05, "CH": 0.04},
    ("de", "CH"): {"CH": 0.58, "DE": 0.22, "AT": 0.06, "FR": 0.01},
    ("de", "DE"): {"DE": 0.70, "AT": 0.10, "CH": 0.08},
    ("de", "AT"): {"AT": 0.52, "DE": 0.30, "CH": 0.07},
    ("en", "GB"): {"GB": 0.55, "US": 0.18, "FR": 0.02, "CH": 0.01},
    ("en", "US"): {"US": 0.62, "GB": 0.08, "CA": 0.08, "FR": 0.01},
    ("en", "CA"): {"CA": 0.45, "US": 0.30, "GB": 0.05, "FR": 0.02},
}
# A French creator whose audience lives mostly elsewhere (the "off-target audience" trap).
ABROAD_PROFILE = {"MA": 0.30, "CI": 0.13, "SN": 0.11, "CA": 0.10, "FR": 0.13, "BE": 0.05, "CH": 0.02}
AUDIENCE_CONCENTRATION = 40.0

AGE_BY_PLATFORM = {
    "instagram": (0.06, 0.30, 0.34, 0.18, 0.12),
    "tiktok": (0.18, 0.38, 0.26, 0.11, 0.07),
    "youtube": (0.12, 0.30, 0.28, 0.17, 0.13),
}
AGE_NICHE_FACTORS = {
    "gaming": (2.0, 1.4, 0.9, 0.6, 0.4),
    "parentalite": (0.1, 0.6, 1.6, 1.5, 0.8),
    "cuisine": (0.4, 0.8, 1.1, 1.3, 1.5),
    "beaute": (0.8, 1.2, 1.1, 0.9, 0.7),
    "voyage": (0.5, 1.0, 1.2, 1.1, 1.0),
    "ecologie": (0.5, 1.0, 1.3, 1.1, 0.9),
    "tech": (0.9, 1.2, 1.2, 0.9, 0.7),
    "mode": (0.9, 1.3, 1.1, 0.8, 0.6),
    "sport": (0.7, 1.1, 1.2, 1.0, 0.8),
    "lifestyle": (0.6, 1.1, 1.2, 1.0, 0.9),
}
TEEN_AGE_PROFILE = (0.56, 0.24, 0.10, 0.06, 0.04)
YOUNG_ADULT_PROFILE = (0.03, 0.33, 0.42, 0.14, 0.08)
AGE_CONCENTRATION = 30.0
FEMALE_SHARE = {
    "beaute": 0.82,
    "mode": 0.76,
    "cuisine": 0.66,
    "sport": 0.45,
    "voyage": 0.56,
    "tech": 0.27,
    "parentalite": 0.84,
    "ecologie": 0.68,
    "gaming": 0.24,
    "lifestyle": 0.72,
}
BRAND_FIT_NICHES = ("beaute", "ecologie")  # the niches that fit the course's brand « Sève »

# --------------------------------------------------------------------------- names (all invented)

# fmt: off
FIRST_NAMES: dict[str, tuple[str, ...]] = {
    "fr": (
        "Léa", "Nino", "Maëlle", "Hugo", "Chloé", "Inès", "Jade", "Louise", "Zoé", "Camille", "Manon",
        "Clara", "Lina", "Emma", "Alice", "Juliette", "Rose", "Margaux", "Elsa", "Noémie", "Lou", "Ambre",
        "Romane", "Agathe", "Capucine", "Salomé", "Yasmine", "Amel", "Soraya", "Théo", "Lucas", "Nathan",
        "Jules", "Gabriel", "Raphaël", "Arthur", "Adam", "Sacha", "Malo", "Timothée", "Bastien", "Axel",
        "Mathis", "Yanis", "Karim", "Mehdi", "Samir", "Thibault", "Quentin", "Célestin", "Aurèle",
        "Baptiste", "Loïc", "Gaëlle", "Solène", "Océane", "Coralie", "Pauline", "Apolline", "Héloïse",
        "Ysaline", "Maëva", "Anaïs", "Noa", "Eden", "Alix", "Charlie", "Morgane", "Estelle", "Fanny",
        "Aïcha", "Fatou", "Awa", "Naïm",
    ),
    "de": (
        "Lena", "Mia", "Jonas", "Finn", "Lukas", "Leonie", "Nina", "Luca", "Elias", "Sophie", "Mara",
        "Jannik",
    ),
    "en": (
        "Amelia", "Oliver", "Isla", "Harry", "Grace", "Jack", "Ruby", "Freya", "Noah", "Ivy", "Theo",
        "Maisie",
    ),
}
# fmt: on
# fmt: off
NICHE_WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "fr": {
        "beaute": (
            "Pivoine", "au Naturel", "Teint Frais", "Bulle de Soin", "des Flacons", "Peau Douce",
            "Rituel Doux", "Mousse & Savon",
        ),
        "mode": (
            "Friperie", "en Lin", "Vestiaire", "Ourlet", "Maille", "Sur Mesure", "des Boutons", "Dentelle",
        ),
        "cuisine": (
            "des Bocaux", "aux Fourneaux", "Popote", "Casserole", "Tartine", "des Épices", "Mijoté",
            "Crumble",
        ),
        "sport": ("Trail", "Foulée", "Cardio", "Vélo", "Sommet", "Crawl", "Grimpe", "Dénivelé"),
        "voyage": (
            "Bagage", "Escale", "Boussole", "Sac à Dos", "Carnet de Route", "Horizons", "Petits Trains",
        ),
        "tech": ("Pixel", "Octet", "Circuit", "Câblé", "Processeur", "Bidouille", "Clavier"),
        "parentalite": ("des Doudous", "Tribu", "Biberon", "Poussette", "Cabane", "Marmaille"),
        "ecologie": ("Zéro Déchet", "Vrac", "Compost", "Potager", "Sobre", "Ortie", "Ruche", "Gourde"),
        "gaming": ("Manette", "Respawn", "Joystick", "Quête", "Boss Final", "Pixel Art", "Checkpoint"),
        "lifestyle": ("Cocon", "Bougie", "Matin Calme", "Petit Bonheur", "Slow", "Plaid", "Tisane"),
    },
    "de": {
        "beaute": ("Seifenliebe", "Glanzstück"), "mode": ("Nadelöhr", "Kleiderbügel"),
        "cuisine": ("Kochtopf", "Kräutergarten"), "sport": ("Bergpfad", "Laufschuh"),
        "voyage": ("Fernweh", "Rucksack"), "tech": ("Schaltkreis", "Bastelbude"),
        "parentalite": ("Kinderzimmer", "Sandkasten"), "ecologie": ("Mehrweg", "Komposthaufen"),
        "gaming": ("Spielstand", "Endgegner"), "lifestyle": ("Gemütlich", "Teestunde"),
    },
    "en": {
        "beaute": ("Lather", "Glowjar"), "mode": ("Thrifted", "Hemline"), "cuisine": ("Pantry", "Skillet"),
        "sport": ("Trailhead", "Stride"), "voyage": ("Wayfarer", "Layover"), "tech": ("Bytes", "Solder"),
        "parentalite": ("Playroom", "Naptime"), "ecologie": ("Refill", "Seedling"),
        "gaming": ("Savepoint", "Sidequest"), "lifestyle": ("Slowdays", "Candlelit"),
    },
}
# fmt: on
# fmt: off
SYLLABLES = (
    "bru", "ma", "lo", "ti", "va", "no", "ri", "sé", "fa", "lu", "ko", "zé", "pa", "ber", "mi", "ca", "do",
)
# fmt: on
ENDINGS = ("lle", "ine", "ette", "ac", "ane", "ot", "ire", "elle")
HANDLE_SUFFIXES = ("", "", "", "_", ".off", "_fr", ".tv", "_ch", ".cree", "_vit")
# Real creators a generated name must never collide with (the tests keep their own list).
# fmt: off
NAME_DENYLIST = (
    "squeezie", "lena situations", "nabilla", "cyprien", "norman", "enjoyphoenix", "natoo", "michou",
    "inoxtag", "amixem", "mcfly", "carlito", "tibo", "sananas", "lebouseuh", "hugodecrypte", "gotaga",
    "seb la frite",
)
# fmt: on


@dataclass(frozen=True)
class Brand:
    name: str
    handle: str
    niches: tuple[str, ...]
    products: tuple[str, ...]
    average_order_eur: float
    gift_price_eur: int  # retail price of one product sent to a creator


# Invented brands. « Sève » is the course's own brand (influence_workbook.campaign).
BRANDS = (
    Brand(
        "Sève",
        "seve.cosmetiques",
        ("beaute", "ecologie", "lifestyle"),
        ("le shampooing solide", "le baume rechargeable", "la crème de jour à l'avoine"),
        38.0,
        24,
    ),
    Brand(
        "Pétaline & Co",
        "petaline.co",
        ("beaute", "mode"),
        ("le sérum apaisant", "le rouge à lèvres rechargeable"),
        52.0,
        45,
    ),
    Brand(
        "Onguent Fauve",
        "onguentfauve",
        ("beaute",),
        ("le baume pour les mains", "l'huile démaquillante"),
        29.0,
        22,
    ),
    Brand(
        "Maille Ourse",
        "mailleourse",
        ("mode", "lifestyle"),
        ("le pull en laine recyclée", "le bonnet tricoté"),
        89.0,
        70,
    ),
    Brand(
        "Atelier Grisolle", "ateliergrisolle", ("mode",), ("le jean réparable", "la veste en lin"), 110.0, 85
    ),
    Brand(
        "Bocalino",
        "bocalino.fr",
        ("cuisine", "parentalite"),
        ("les bocaux en verre", "le kit de lacto-fermentation"),
        34.0,
        28,
    ),
    Brand(
        "Épices Tamarou",
        "epicestamarou",
        ("cuisine",),
        ("le coffret d'épices", "le mélange pour curry"),
        27.0,
        18,
    ),
    Brand(
        "Foulée Vive",
        "fouleevive",
        ("sport", "voyage"),
        ("les chaussures de trail", "la veste coupe-vent"),
        95.0,
        110,
    ),
    Brand(
        "Crampon Bleu",
        "cramponbleu",
        ("sport",),
        ("le tapis de yoga en liège", "la gourde isotherme"),
        45.0,
        35,
    ),
    Brand(
        "Valises Orbelle",
        "valisesorbelle",
        ("voyage", "lifestyle"),
        ("la valise cabine", "le sac de voyage"),
        140.0,
        150,
    ),
    Brand(
        "Ondalux",
        "ondalux.audio",
        ("tech", "gaming"),
        ("le casque sans fil", "les écouteurs réparables"),
        120.0,
        130,
    ),
    Brand(
        "Petits Galops", "petitsgalops", ("parentalite",), ("le porte-bébé", "les couches lavables"), 64.0, 55
    ),
    Brand(
        "Vrac Mouette",
        "vracmouette",
        ("ecologie", "cuisine"),
        ("la lessive en vrac", "le kit de compost"),
        29.0,
        20,
    ),
    Brand(
        "Manette Corsaire",
        "manettecorsaire",
        ("gaming",),
        ("la manette sans fil", "le support de casque"),
        59.0,
        60,
    ),
    Brand(
        "Lanterne Brune",
        "lanternebrune",
        ("lifestyle",),
        ("la bougie parfumée", "le plaid en coton bio"),
        36.0,
        30,
    ),
)
BRANDS_BY_NAME = {brand.name: brand for brand in BRANDS}

# --------------------------------------------------------------------------- helpers


def _weighted(rng: Rng, weights: Mapping[str, float]) -> str:
    keys = list(weights)
    probabilities = np.array([weights[k] for k in keys], dtype=float)
    return keys[int(rng.choice(len(keys), p=probabilities / probabilities.sum()))]


def _pick(rng: Rng, options: Sequence[str]) -> str:
    return options[int(rng.integers(len(options)))]


def _uniform(rng: Rng, low: float, high: float) -> float:
    return float(rng.uniform(low, high))


def _clipped_z(rng: Rng, low: float, high: float) -> float:
    return float(np.clip(rng.standard_normal(), low, high))


def _lognormal(rng: Rng, median: float, sigma: float) -> float:
    return median * math.exp(sigma * float(rng.standard_normal()))


def _dirichlet(rng: Rng, mean: Sequence[float], concentration: float) -> list[float]:
    alpha = np.maximum(np.asarray(mean, dtype=float) * concentration, 0.05)
    return [float(x) for x in rng.dirichlet(alpha)]


def _slug(text: str) -> str:
    folded = unicodedata.normalize("NFD", text.lower().replace("&", ""))
    folded = "".join(c for c in folded if unicodedata.category(c) != "Mn")
    return re.sub(r"[^a-z0-9]", "", folded)


def fmt_float(value: float, decimals: int) -> str:
    """Fixed-decimal text, never « -0.0 » (a stable float format for byte-identical files)."""
    text = f"{value:.{decimals}f}"
    return text[1:] if re.fullmatch(r"-0\.?0*", text) else text


def _round_fee(value: float) -> int:
    """Creators quote round figures: to 5 € under 100 €, 10 € under 1 000 €, then 50 € and 100 €."""
    step = 5 if value < 100 else 10 if value < 1_000 else 50 if value < 10_000 else 100
    return max(FEE_FLOOR_EUR, round(value / step) * step)


def fr_int(value: float) -> str:
    """« 12 500 » with a narrow no-break space between thousands (French typography)."""
    return f"{round(value):,}".replace(",", "\u202f")


def fr_decimal(value: float, decimals: int) -> str:
    return fmt_float(value, decimals).replace(".", ",")


# --------------------------------------------------------------------------- creators


@dataclass
class Creator:
    """A creator while being generated; ``id`` and names are set after the final shuffle."""

    platform: str
    niche: str
    language: str
    country: str
    followers: int
    tier: str
    likes: int = 0
    comments: int = 0
    shares: int = 0
    saves: int = 0
    views: int = 0
    posts_per_month: int = 0
    audience: dict[str, float] = field(default_factory=dict)
    ages: list[float] = field(default_factory=list)
    female_share: float = 0.5
    growth_30d_pct: float = 0.0
    max_daily_growth_pct: float = 0.0
    suspicious_pct: float = 0.0
    generic_comment_share: float = 0.0
    fee_eur: int = 0
    er_z: float = 0.0
    trap: str | None = None
    id: str = ""
    display_name: str = ""
    handle: str = ""

    @property
    def engagement_rate(self) -> float:
        return engagement_rate_pct(
            self.platform, self.followers, self.likes, self.comments, self.shares, self.views
        )

    @property
    def audience_fr_ch(self) -> float:
        return self.audience.get("FR", 0.0) + self.audience.get("CH", 0.0)

    @property
    def main_country(self) -> str:
        return max(AUDIENCE_COUNTRIES, key=lambda code: self.audience.get(code, 0.0))

    @property
    def main_age(self) -> str:
        return AGE_BRACKETS[int(np.argmax(self.ages))]

    @property
    def share_18_34(self) -> float:
        return self.ages[1] + self.ages[2]


def _followers_in(rng: Rng, tier: str) -> int:
    low, high = FOLLOWER_BOUNDS[tier]
    return round(math.exp(_uniform(rng, math.log(low), math.log(high - 1))))


def _audience(rng: Rng, profile: Mapping[str, float]) -> dict[str, float]:
    """Country shares from a Dirichlet around ``profile``; the remainder is "other countries"."""
    codes = list(profile)
    mean = [profile[c] for c in codes] + [max(0.02, 1.0 - sum(profile.values()))]
    shares = _dirichlet(rng, mean, AUDIENCE_CONCENTRATION)
    return {code: share for code, share in zip(codes, shares[:-1], strict=True)}


def _ages(rng: Rng, platform: str, niche: str, profile: Sequence[float] | None = None) -> list[float]:
    if profile is None:
        base = [b * f for b, f in zip(AGE_BY_PLATFORM[platform], AGE_NICHE_FACTORS[niche], strict=True)]
        profile = [b / sum(base) for b in base]
    return _dirichlet(rng, profile, AGE_CONCENTRATION)


def _set_engagement(rng: Rng, creator: Creator, er_multiplier: float) -> None:
    """Averages per post from the tier's target engagement rate, its formula and ratios."""
    platform, tier = creator.platform, creator.tier
    # Even a quiet account is seen by some of its followers: at least 5 % of them.
    views = max(
        0.05 * creator.followers, _lognormal(rng, creator.followers * VIEW_RATE[platform][tier], VIEWS_SIGMA)
    )
    er = TARGET_ER_PCT[platform][tier] * math.exp(ER_SIGMA[platform] * creator.er_z) * er_multiplier / 100
    comment_ratio = _lognormal(rng, COMMENT_PER_LIKE[platform] * (1.5 if tier == "nano" else 1.0), 0.35)
    share_ratio = _lognormal(rng, SHARE_PER_LIKE[platform], 0.4)
    save_ratio = _lognormal(
        rng, SAVE_PER_LIKE[platform] * (1.6 if creator.niche in SAVE_WORTHY_NICHES else 1.0), 0.4
    )
    if ENGAGEMENT_FORMULAS[platform].denominator == "avg_views":
        likes = er * views / (1 + comment_ratio + share_ratio)
    else:
        likes = er * creator.followers / (1 + comment_ratio)
        views = max(views, likes * _uniform(rng, 3.0, 5.0))  # more people watch than like
    creator.likes = max(1, round(likes))
    creator.comments = round(likes * comment_ratio)
    creator.shares = round(likes * share_ratio)
    creator.saves = round(likes * save_ratio)
    creator.views = round(views)


def market_fee_eur(expected_views: float, platform: str, niche: str) -> float:
    """The going rate for one post before quality and noise: expected views × CPM × niche factor."""
    return expected_views * CPM_EUR[platform] / 1000 * NICHE_PRICE_FACTOR[niche]


def _set_fee(
    rng: Rng,
    creator: Creator,
    quality_exponent: float = 0.3,
    z: float | None = None,
    expected_views: float | None = None,
) -> None:
    quality = math.exp(ER_SIGMA[creator.platform] * creator.er_z) ** quality_exponent
    noise_z = _clipped_z(rng, -FEE_Z_CLIP, FEE_Z_CLIP) if z is None else z
    views = creator.views if expected_views is None else expected_views
    fee = market_fee_eur(views, creator.platform, creator.niche) * quality * math.exp(FEE_SIGMA * noise_z)
    creator.fee_eur = _round_fee(fee)


def _new_creator(
    rng: Rng,
    *,
    niche: str | None = None,
    platform: str | None = None,
    tier: str | None = None,
    language: str | None = None,
    country: str | None = None,
    er_z: float | None = None,
) -> Creator:
    """An ordinary creator; keyword arguments pin attributes (the traps start from one)."""
    tier = tier or _weighted(rng, TIER_WEIGHTS)
    niche = niche or _weighted(rng, NICHE_WEIGHTS)
    platform = platform or _weighted(rng, PLATFORM_WEIGHTS_BY_NICHE.get(niche, PLATFORM_WEIGHTS))
    language = language or _weighted(rng, LANGUAGE_WEIGHTS)
    country = country or _weighted(rng, COUNTRY_WEIGHTS[language])
    followers = _followers_in(rng, tier)
    creator = Creator(
        platform=platform, niche=niche, language=language, country=country, followers=followers, tier=tier
    )
    creator.er_z = _clipped_z(rng, *ER_Z_CLIP) if er_z is None else er_z
    _set_engagement(rng, creator, 1.0)
    creator.posts_per_month = int(np.clip(round(_lognormal(rng, POSTS_PER_MONTH[platform], 0.4)), 1, 60))
    creator.audience = _audience(rng, AUDIENCE_PROFILES[(language, country)])
    creator.ages = _ages(rng, platform, niche)
    while niche in BRAND_FIT_NICHES and creator.main_age == "13-17":
        creator.ages = _ages(rng, platform, niche)  # teen-led audiences are kept for the off-target trap
    creator.female_share = float(np.clip(rng.normal(FEMALE_SHARE[niche], 0.06), 0.05, 0.97))
    small = tier in {"nano", "micro"}
    growth = float(np.clip(rng.normal(1.8 if small else 0.8, 2.2 if small else 1.2), -3.0, 9.0))
    creator.growth_30d_pct = growth
    creator.max_daily_growth_pct = float(
        np.clip(abs(growth) / 30 * _uniform(rng, 2, 6) + _uniform(rng, 0.02, 0.3), 0.02, 2.5)
    )
    creator.suspicious_pct = float(
        np.clip(_lognormal(rng, SUSPICIOUS_MEDIAN_PCT[tier], 0.45), 1.5, SUSPICIOUS_MAX_PCT)
    )
    creator.generic_comment_share = float(np.clip(_lognormal(rng, 0.15, 0.4), 0.03, GENERIC_COMMENT_MAX))
    _set_fee(rng, creator)
    return creator


def _plant_bought_followers(rng: Rng, niche: str) -> Creator:
    creator = _new_creator(
        rng,
        niche=niche,
        platform="instagram",
        tier=_pick(rng, ("micro", "micro", "mid")),
        language="fr",
        er_z=_uniform(rng, -0.3, 0.4),
    )
    real_followers = creator.followers
    bought = round(real_followers * _uniform(rng, 3.0, 6.0))
    creator.followers = real_followers + bought
    creator.tier = tier_for(creator.followers)
    # Bought accounts never engage: likes and comments still come from the real audience only.
    creator.likes = round(creator.likes * 0.7)
    creator.comments = round(creator.comments * 0.7)
    creator.suspicious_pct = float(
        np.clip(100 * bought / creator.followers * _uniform(rng, 0.6, 0.8) + _uniform(rng, 3, 8), 35, 65)
    )
    creator.growth_30d_pct = _uniform(rng, 25, 90)
    creator.max_daily_growth_pct = _uniform(rng, 9, 30)
    creator.generic_comment_share = _uniform(rng, 0.25, 0.45)
    creator.er_z = 0.0
    # They price on the inflated count, i.e. on the views such an account should get.
    _set_fee(rng, creator, expected_views=creator.followers * VIEW_RATE["instagram"][creator.tier])
    return creator


def _plant_off_target(rng: Rng, niche: str, abroad: bool) -> Creator:
    country = "FR" if abroad else _pick(rng, ("FR", "FR", "CH"))
    creator = _new_creator(
        rng,
        niche=niche,
        platform=_pick(rng, ("instagram", "tiktok")),
        tier=_pick(rng, ("micro", "micro", "mid")),
        language="fr",
        country=country,
        er_z=_uniform(rng, 0.2, 1.1),
    )
    if abroad:
        creator.audience = _audience(rng, ABROAD_PROFILE)
        while creator.audience_fr_ch >= 0.25 or creator.main_country in {"FR", "CH"}:
            creator.audience = _audience(rng, ABROAD_PROFILE)
    else:
        creator.ages = _ages(rng, creator.platform, niche, TEEN_AGE_PROFILE)
        while creator.main_age != "13-17" or creator.share_18_34 >= 0.4:
            creator.ages = _ages(rng, creator.platform, niche, TEEN_AGE_PROFILE)
    return creator


def _plant_pod(rng: Rng, niche: str) -> Creator:
    creator = _new_creator(
        rng,
        niche=niche,
        platform="instagram",
        tier=_pick(rng, ("micro", "micro", "mid")),
        language="fr",
        er_z=0.0,
    )
    multiplier = _uniform(rng, 2.3, 3.2)
    _set_engagement(rng, creator, multiplier)
    # Pod members like and comment on cue but neither save nor share, and the reach stays ordinary.
    creator.comments = round(creator.likes * _uniform(rng, 0.08, 0.12))
    creator.saves = round(creator.likes * _uniform(rng, 0.004, 0.012))
    creator.shares = round(creator.likes * _uniform(rng, 0.003, 0.008))
    creator.views = round(creator.followers * VIEW_RATE["instagram"][creator.tier] * _uniform(rng, 0.8, 1.1))
    creator.generic_comment_share = _uniform(rng, 0.6, 0.85)
    creator.suspicious_pct = _uniform(rng, 12, 24)
    _set_fee(rng, creator, quality_exponent=0.0)
    creator.fee_eur = _round_fee(creator.fee_eur * multiplier**0.3)  # they sell their inflated rate
    return creator


def _plant_overpriced(rng: Rng, niche: str) -> Creator:
    creator = _new_creator(rng, niche=niche, tier=_pick(rng, ("micro", "micro", "mid")), language="fr")
    _set_fee(rng, creator, quality_exponent=0.0, z=0.0)
    creator.fee_eur = _round_fee(creator.fee_eur * _uniform(rng, 6.0, 9.0))
    return creator


def _plant_hidden_gem(rng: Rng, niche: str) -> Creator:
    tier = _pick(rng, ("nano", "nano", "micro"))
    creator = _new_creator(
        rng,
        niche=niche,
        platform=_pick(rng, ("instagram", "instagram", "tiktok")),
        tier=tier,
        language="fr",
        country=_pick(rng, ("FR", "FR", "CH")),
        er_z=0.0,
    )
    # Small but not tiny: enough people to matter for a launch (3k–35k followers).
    if tier == "micro":
        creator.followers = min(creator.followers, int(_uniform(rng, 11_000, 35_000)))
    else:
        creator.followers = max(creator.followers, int(_uniform(rng, 3_000, 9_000)))
    while creator.audience_fr_ch < 0.7:
        creator.audience = _audience(rng, AUDIENCE_PROFILES[("fr", creator.country)])
    _set_engagement(rng, creator, _uniform(rng, 2.2, 2.9))
    # A loyal audience watches: reach well above the tier's usual. On TikTok the engagement rate is
    # on views, so likes, comments and shares scale with them.
    old_views = creator.views
    creator.views = round(creator.followers * VIEW_RATE[creator.platform][tier] * _uniform(rng, 1.2, 1.8))
    if ENGAGEMENT_FORMULAS[creator.platform].denominator == "avg_views":
        scale = creator.views / max(old_views, 1)
        creator.likes = round(creator.likes * scale)
        creator.comments = round(creator.comments * scale)
        creator.shares = round(creator.shares * scale)
    creator.saves = round(creator.likes * _uniform(rng, 0.12, 0.2))
    creator.ages = _ages(rng, creator.platform, niche, YOUNG_ADULT_PROFILE)
    while creator.share_18_34 < 0.62:
        creator.ages = _ages(rng, creator.platform, niche, YOUNG_ADULT_PROFILE)
    creator.female_share = _uniform(rng, 0.78, 0.9)
    creator.suspicious_pct = _uniform(rng, 1.5, 4.5)
    creator.generic_comment_share = _uniform(rng, 0.03, 0.08)
    creator.growth_30d_pct = _uniform(rng, 2.5, 6.0)
    creator.max_daily_growth_pct = _uniform(rng, 0.3, 0.9)
    # A modest, fair price: the going rate for an ordinary account of this size, or a little less.
    _set_fee(
        rng,
        creator,
        quality_exponent=0.0,
        z=_uniform(rng, -0.6, 0.0),
        expected_views=creator.followers * VIEW_RATE[creator.platform][tier],
    )
    return creator


# Niches of the planted creators: several in the beauty and ecology niches that fit « Sève ».
# fmt: off
TRAP_NICHES = {
    "bought_followers": (
        "beaute", "beaute", "ecologie", "mode", "lifestyle", "voyage", "sport", "cuisine", "beaute",
    ),
    "off_target_audience": (
        "beaute", "beaute", "beaute", "ecologie", "beaute", "beaute", "ecologie", "ecologie",
    ),
    "engagement_pod": ("beaute", "lifestyle", "mode", "beaute", "ecologie", "lifestyle", "voyage", "mode"),
    "overpriced": ("beaute", "ecologie", "mode", "tech", "voyage", "lifestyle", "sport", "beaute"),
    "hidden_gem": (
        "beaute", "ecologie", "beaute", "ecologie", "beaute", "lifestyle", "ecologie", "cuisine", "beaute",
    ),
}
# fmt: on


def _plant_traps(rng: Rng) -> list[Creator]:
    planted: list[Creator] = []
    for kind, count in TRAP_COUNTS.items():
        niches = TRAP_NICHES[kind]
        assert len(niches) == count, kind
        for index, niche in enumerate(niches):
            if kind == "bought_followers":
                creator = _plant_bought_followers(rng, niche)
            elif kind == "off_target_audience":
                creator = _plant_off_target(rng, niche, abroad=index % 2 == 0)
            elif kind == "engagement_pod":
                creator = _plant_pod(rng, niche)
            elif kind == "overpriced":
                creator = _plant_overpriced(rng, niche)
            else:
                creator = _plant_hidden_gem(rng, niche)
            creator.trap = kind
            planted.append(creator)
    return planted


def _invented_word(rng: Rng) -> str:
    word = _pick(rng, SYLLABLES) + _pick(rng, SYLLABLES) + _pick(rng, ENDINGS)
    return word[0].upper() + word[1:]


def _is_denied(text: str) -> bool:
    folded = _slug(text)
    return any(_slug(name) in folded for name in NAME_DENYLIST)


def _assign_names(rng: Rng, creators: list[Creator]) -> None:
    used_names: dict[str, bool] = {}
    used_handles: dict[str, bool] = {}
    for creator in creators:
        while True:
            first = _pick(rng, FIRST_NAMES[creator.language])
            words = NICHE_WORDS[creator.language][creator.niche]
            second = _pick(rng, words) if rng.random() < 0.65 else _invented_word(rng)
            name = f"{first} {second}"
            handle = (
                f"{_slug(first)}{_pick(rng, ('.', '_', '', '.'))}{_slug(second)}{_pick(rng, HANDLE_SUFFIXES)}"
            )
            handle = handle[:30]
            if name in used_names or handle in used_handles or _is_denied(name) or _is_denied(handle):
                continue
            used_names[name] = True
            used_handles[handle] = True
            creator.display_name, creator.handle = name, handle
            break


def _generate_creators(rng: Rng) -> list[Creator]:
    planted = _plant_traps(rng)
    ordinary = [_new_creator(rng) for _ in range(N_CREATORS - len(planted))]
    everyone = ordinary + planted
    order = rng.permutation(len(everyone))  # traps are scattered among the ids
    creators = [everyone[int(i)] for i in order]
    for number, creator in enumerate(creators, start=1):
        creator.id = f"C{number:04d}"
    _assign_names(rng, creators)
    return creators


def _median(values: Sequence[float]) -> float:
    return float(np.median(np.asarray(values, dtype=float))) if values else float("nan")


def _tier_medians(
    creators: Sequence[Creator], value: Callable[[Creator], float]
) -> dict[tuple[str, str], float]:
    groups: dict[tuple[str, str], list[float]] = {}
    for creator in creators:
        groups.setdefault((creator.platform, creator.tier), []).append(value(creator))
    return {key: _median(values) for key, values in groups.items()}


def _pct(value: float) -> str:
    return f"{fr_decimal(value, 1)}\u202f%"


def implied_cpm_eur(creator: Creator) -> float:
    """What one post costs per thousand views: the fee set against the creator's real reach."""
    return creator.fee_eur / max(creator.views, 1) * 1000


def _trap_explanation(
    creator: Creator, er_medians: Mapping[tuple[str, str], float], cpm_medians: Mapping[str, float]
) -> str:
    key = (creator.platform, creator.tier)
    er, median = creator.engagement_rate, er_medians[key]
    er_text = (
        f"{fr_decimal(er, 2)}\u202f% d'engagement, pour une médiane de {fr_decimal(median, 2)}\u202f% chez "
        f"les créateurs {creator.platform} du même palier"
    )
    if creator.trap == "bought_followers":
        return (
            f"{fr_int(creator.followers)} abonnés mais seulement {er_text}, {_pct(creator.suspicious_pct)} "
            f"d'abonnés suspects et un pic de +{_pct(creator.max_daily_growth_pct)} d'abonnés en un seul "
            f"jour "
            f"(+{_pct(creator.growth_30d_pct)} en 30 jours)\u00a0: abonnés achetés, et un tarif calculé sur "
            f"des "
            "abonnés qui ne regardent pas."
        )
    if creator.trap == "off_target_audience":
        if creator.main_age == "13-17":
            return (
                f"Contenus {schema.NICHE_LABELS[creator.niche]} séduisants, {er_text}, mais l'audience a "
                f"surtout 13 à 17 ans (18-34 ans\u00a0: {_pct(100 * creator.share_18_34)})\u00a0: hors de la "
                "cible de Sève (18-34 ans), et viser des mineurs demande des précautions."
            )
        return (
            f"Basée en France, {er_text}, mais seulement {_pct(100 * creator.audience_fr_ch)} de l'audience "
            f"vit en France ou en Suisse (pays principal\u00a0: {creator.main_country})\u00a0: hors des "
            f"marchés "
            "de Sève."
        )
    if creator.trap == "engagement_pod":
        return (
            f"{er_text[0].upper()}{er_text[1:]}, mais {_pct(100 * creator.generic_comment_share)} de "
            "commentaires génériques et "
            f"presque aucun enregistrement ni partage ({fr_int(creator.saves)} enregistrements et "
            f"{fr_int(creator.shares)} partages pour {fr_int(creator.likes)} j'aime)\u00a0: groupe "
            "d'engagement (« pod »)."
        )
    if creator.trap == "overpriced":
        cpm, typical = implied_cpm_eur(creator), cpm_medians[creator.platform]
        return (
            f"Demande {fr_int(creator.fee_eur)}\u00a0€ par publication pour environ {fr_int(creator.views)} "
            f"vues, soit {fr_int(cpm)}\u00a0€ pour 1\u202f000 vues, {fr_decimal(cpm / typical, 1)} fois le "
            f"CPM médian des créateurs {creator.platform} ({fr_int(typical)}\u00a0€)\u00a0: un tarif que "
            "ni l'engagement ni l'audience ne justifient."
        )
    return (
        f"Seulement {fr_int(creator.followers)} abonnés, mais {er_text}, {_pct(creator.suspicious_pct)} "
        f"d'abonnés suspects, {_pct(100 * creator.audience_fr_ch)} d'audience en France et en Suisse, "
        f"{_pct(100 * creator.share_18_34)} de 18-34 ans, pour {fr_int(creator.fee_eur)}\u00a0€\u00a0: une "
        "pépite qu'un classement par nombre d'abonnés ne fait pas remonter."
    )


def _creator_row(creator: Creator) -> list[str]:
    return [
        creator.id,
        creator.display_name,
        creator.handle,
        creator.platform,
        creator.tier,
        creator.niche,
        creator.language,
        creator.country,
        str(creator.followers),
        str(creator.likes),
        str(creator.comments),
        str(creator.shares),
        str(creator.saves),
        str(creator.views),
        str(creator.posts_per_month),
        creator.main_country,
        fmt_float(creator.audience.get("FR", 0.0), 3),
        fmt_float(creator.audience.get("CH", 0.0), 3),
        creator.main_age,
        fmt_float(creator.share_18_34, 3),
        fmt_float(creator.female_share, 3),
        fmt_float(creator.growth_30d_pct, 1),
        fmt_float(creator.max_daily_growth_pct, 2),
        fmt_float(creator.suspicious_pct, 1),
        fmt_float(creator.generic_comment_share, 2),
        str(creator.fee_eur),
    ]


# --------------------------------------------------------------------------- posts and captions

# fmt: off
ORGANIC_LINES_FR = {
    "beaute": (
        "Ma routine du soir en 4 étapes, rien de plus 🌙✨",
        "Test honnête : trois semaines sans fond de teint. Verdict à la fin 👀",
        "On parle peau sensible ? J'ai enfin trouvé ce qui m'apaise 🧴",
        "Les 5 erreurs que je faisais avec mon démaquillage (la 3e, sérieusement…) 😅",
        "Cheveux bouclés + humidité = combat quotidien. Mes astuces 👇",
        "Petit rappel : on ne frotte pas son visage avec une serviette !",
        "Préparez-vous avec moi pour un mariage 💍 un maquillage qui tient 12 h",
        "Je vide ma trousse : ce que je rachète, ce que je ne rachète pas.",
    ),
    "mode": (
        "Une veste, cinq tenues 🧥 laquelle vous préférez ?", "Friperie du samedi : 23 € pour tout ça 🤯",
        "Comment j'ai réparé ce jean au lieu de le jeter 🪡",
        "Les couleurs de l'automne sont arrivées dans mon placard 🍂",
        "Garde-robe capsule : 30 pièces pour tout l'hiver, je vous montre.",
        "Essayage en cabine : ce qui va vraiment aux petites tailles 📏",
    ),
    "cuisine": (
        "Gratin de courge en 20 minutes chrono 🎃", "Mes bocaux de la semaine : cuisine du dimanche 🥕🥦",
        "Pâte à crêpes sans balance, la recette de ma grand-mère 🥞",
        "Vous m'avez demandé la recette du houmous à la betterave, la voilà 💜",
        "Pain maison, 4 ingrédients, zéro pétrissage 🍞",
        "Que faire avec des fanes de carottes ? Un pesto, évidemment 🌿",
    ),
    "sport": (
        "Sortie longue de 25 km ce matin, les jambes s'en souviennent 🏃‍♀️",
        "Séance de gainage de 12 minutes, sans matériel 💪",
        "Premier trail en montagne : ce que j'aurais aimé savoir avant ⛰️",
        "Étirements après la course : mes 6 incontournables.",
        "Objectif semi-marathon en avril, semaine 3 du plan 📅",
        "Vélotaf sous la pluie, on ne lâche rien 🚲🌧️",
    ),
    "voyage": (
        "48 h à Lisbonne avec un petit budget 🇵🇹",
        "Le train de nuit, c'est vraiment si bien ? Mon retour d'expérience 🚆",
        "Ce village du Jura mérite le détour, croyez-moi 🌲",
        "Sac à dos de 7 kg pour 3 semaines : voici tout ce que j'emporte 🎒",
        "Lever de soleil au bord du Léman, 6 h 12 ☀️",
        "Mes 4 erreurs de débutante en road trip (on en rit maintenant) 🚐",
    ),
    "tech": (
        "J'ai testé le mode sombre partout pendant un mois, voici ce que ça change 🌚",
        "Mon bureau pour télétravailler : tout est d'occasion 💻",
        "3 réglages de confidentialité à faire sur votre téléphone dès ce soir 🔒",
        "Réparer soi-même son écran : faisable ou pas ? 🔧",
        "Les câbles, ce fléau. Ma solution pour ranger tout ça 🔌", "Comparatif honnête de trois liseuses 📚",
    ),
    "parentalite": (
        "Le coucher en 20 minutes, notre rituel qui marche (enfin) 🌙",
        "Sortie en forêt avec les petits : la liste de ce qu'on emporte 🌳",
        "Premier jour d'école, émotion des deux côtés 🎒",
        "Nos jeux sans écran préférés pour les jours de pluie ☔", "Parlons charge mentale, sans tabou.",
        "Diversification alimentaire : ce qui a marché chez nous 🥄",
    ),
    "ecologie": (
        "Ma salle de bain zéro déchet, un an après 🌱",
        "J'ai fait le bilan carbone de notre famille, résultat surprenant 📊",
        "Compost en appartement : mode d'emploi pour débutants 🪱",
        "5 gestes simples pour réduire ses emballages cette semaine ♻️",
        "Faire ses courses en vrac sans se ruiner, c'est possible 🫙",
        "Réparer plutôt que racheter : mon atelier du samedi 🛠️",
    ),
    "gaming": (
        "Nouveau record sur ce niveau, 3 h de tentatives 🎮",
        "Le jeu indépendant qu'il ne fallait pas rater cette année 👾",
        "Installation de stream à petit budget, tout est expliqué 🎧",
        "Ce boss m'a fait rager pendant deux soirs 😤", "Top 5 des jeux coopératifs pour jouer à deux 🕹️",
        "Live ce soir à 21 h, on termine la campagne ensemble !",
    ),
    "lifestyle": (
        "Dimanche cocooning : plaid, thé et un bon roman ☕📖",
        "Ma routine du matin pour commencer la journée sans stress 🌅",
        "J'ai arrêté les réseaux pendant une semaine, voilà ce que j'ai appris.",
        "Déco à petit budget : j'ai tout chiné 🪴", "Les petits bonheurs de la semaine, en vrac ✨",
        "Organisation : mon agenda papier pour l'année 📒",
    ),
}
# fmt: on
SECOND_LINES_FR = (
    "Dites-moi en commentaire 👇",
    "Enregistrez pour plus tard 📌",
    "Vous faites comment, vous ?",
    "Plus de détails en story.",
    "Partagez-le à quelqu'un qui en a besoin 💌",
    "On en reparle la semaine prochaine.",
    "Merci d'être toujours plus nombreux ici 🥹",
    "",
)
# fmt: off
HASHTAGS_FR = {
    "beaute": (
        "#beauté", "#routinebeauté", "#peausensible", "#cosmétiquenaturelle", "#soinvisage", "#maquillage",
        "#cheveuxbouclés", "#skincare",
    ),
    "mode": ("#mode", "#friperie", "#tenuedujour", "#modeéthique", "#secondemain", "#garderobecapsule"),
    "cuisine": (
        "#recette", "#faitmaison", "#cuisinefacile", "#batchcooking", "#antigaspi", "#cuisinedesaison",
    ),
    "sport": ("#course", "#trail", "#sportàlamaison", "#running", "#vélotaf", "#motivation"),
    "voyage": ("#voyage", "#slowtravel", "#voyageentrain", "#petitbudget", "#suisse", "#jura"),
    "tech": ("#tech", "#numérique", "#réparation", "#télétravail", "#astuce", "#vieprivée"),
    "parentalite": ("#parentalité", "#maman", "#papa", "#viedefamille", "#enfants", "#sansécran"),
    "ecologie": ("#zérodéchet", "#écologie", "#vrac", "#compost", "#consommerautrement", "#sobriété"),
    "gaming": ("#gaming", "#jeuvidéo", "#jeuxindé", "#stream", "#gamer", "#coop"),
    "lifestyle": ("#artdevivre", "#cocooning", "#déco", "#routine", "#slowlife", "#organisation"),
}
# fmt: on
ORGANIC_LINES_DE = (
    "Meine Abendroutine in vier Schritten 🌙",
    "Heute im Garten gearbeitet – die Tomaten kommen! 🍅",
    "Neues Rezept: Linsensuppe in 20 Minuten 🥣",
    "Wochenende in den Bergen ⛰️ Wer war schon mal hier?",
    "Mein Arbeitsplatz für 2026 💻",
    "Ausmisten: Was bleibt, was geht?",
    "Laufrunde am See, 12 km 🏃",
    "Drei Tipps für weniger Plastik im Bad ♻️",
    "Endlich geschafft: Level 40 🎮",
    "Sonntag, Tee und ein gutes Buch ☕",
)
HASHTAGS_DE = (
    "#nachhaltigkeit",
    "#schweiz",
    "#alltag",
    "#tipps",
    "#zerowaste",
    "#rezept",
    "#wandern",
    "#gaming",
)
ORGANIC_LINES_EN = (
    "My 4-step evening routine, nothing more 🌙",
    "Thrift haul: £20 for all of this 🤯",
    "Sunday batch cooking for the week ahead 🥕",
    "Long run by the river this morning 🏃‍♀️",
    "48 hours in Lisbon on a budget 🇵🇹",
    "Fixing my own phone screen: worth it? 🔧",
    "Rainy-day games with the kids ☔",
    "One year of a zero-waste bathroom 🌱",
    "New personal best on this level 🎮",
    "Slow Sunday: candles, tea and a good book ☕",
)
HASHTAGS_EN = (
    "#selfcare",
    "#sustainable",
    "#budgettravel",
    "#homecooking",
    "#running",
    "#zerowaste",
    "#gaming",
)
# fmt: off
GENERIC_HASHTAGS_WALL = (
    "#instagood", "#photodujour", "#inspiration", "#love", "#happy", "#instadaily", "#lifestyle", "#mood",
    "#weekend", "#nofilter", "#reels", "#pourtoi", "#fyp", "#explore", "#bonheur", "#partage",
)
# fmt: on

# Disclosure wordings by kind and caption language (research/domain-facts.md §3.6).
PROPER_START = {
    "fr": ("Publicité", "Collaboration commerciale", "Partenariat rémunéré avec @{brand}"),
    "de": ("Werbung", "Anzeige"),
    "en": ("#ad", "Ad", "Advertisement"),
}
AMBIGUOUS = {
    "fr": ("#sp", "#spon", "#collab", "#partner", "merci @{brand}"),
    "de": ("#sp", "#collab", "danke @{brand}"),
    "en": ("#sp", "#spon", "#collab", "thanks @{brand}"),
}
BURIED = {
    "fr": ("Publicité", "#publicité", "#collaborationcommerciale"),
    "de": ("#werbung", "#anzeige"),
    "en": ("#ad",),
}
# Share of sponsored posts and how they are disclosed, by tier: the smallest accounts disclose
# worst (ARPP Observatoire 2021: 43.1 % failing under 10k followers vs 12.6 % over 1M).
SPONSORED_SHARE = {"nano": 0.18, "micro": 0.26, "mid": 0.30, "macro": 0.32, "mega": 0.35}
DISCLOSURE_MIX = {
    "nano": {"proper_start": 0.35, "ambiguous": 0.25, "buried": 0.15, "none": 0.25},
    "micro": {"proper_start": 0.45, "ambiguous": 0.22, "buried": 0.15, "none": 0.18},
    "mid": {"proper_start": 0.55, "ambiguous": 0.18, "buried": 0.14, "none": 0.13},
    "macro": {"proper_start": 0.65, "ambiguous": 0.14, "buried": 0.11, "none": 0.10},
    "mega": {"proper_start": 0.75, "ambiguous": 0.10, "buried": 0.08, "none": 0.07},
}
# Which rules a caption is judged against depends on its language, i.e. on the audience it
# addresses: US and UK rules for English captions, Swiss and EU rules for German ones.
APPLICABLE = {"fr": ("FR", "CH", "EU"), "de": ("CH", "EU"), "en": ("FR", "CH", "EU", "US", "UK")}


@dataclass
class Post:
    creator: Creator
    published_on: date
    language: str
    caption: str
    likes: int
    comments: int
    shares: int
    views: int
    is_sponsored: bool
    brand: str
    kind: str
    wording: str
    id: str = ""


def _brand_for(rng: Rng, niche: str) -> Brand:
    candidates = [brand for brand in BRANDS if niche in brand.niches]
    return candidates[int(rng.integers(len(candidates)))]


def _promo_code(creator: Creator, rng: Rng) -> str:
    return f"{_slug(creator.display_name.split()[0]).upper()}{_pick(rng, ('10', '15', '20'))}"


def _sponsored_body(rng: Rng, creator: Creator, language: str, brand: Brand) -> str:
    mention = f"@{brand.handle}"
    code = _promo_code(creator, rng)
    if language == "fr":
        product = _pick(rng, brand.products)
        opening = _pick(
            rng,
            (
                f"J'ai testé {product} de {mention} pendant trois semaines ✨",
                f"{mention} m'a proposé de tester {product} : voici mon avis sincère.",
                f"Nouveau dans ma routine : {product} de chez {mention} 💚",
                f"Ce que j'aime avec {product} de {mention} ? Tout est expliqué en vidéo 👇",
            ),
        )
        offer = _pick(
            rng,
            (
                f"Code {code} : -{code[-2:]} % sur le site 🎁",
                "Lien dans ma bio 🔗",
                f"Avec le code {code}, la livraison est offerte.",
                "",
            ),
        )
    elif language == "de":
        opening = _pick(
            rng,
            (
                f"Ich teste seit zwei Wochen die Neuheit von {mention} ✨",
                f"Neu in meiner Routine: {mention} 💚",
                f"Mit {mention} unterwegs – ehrliche Meinung 👇",
            ),
        )
        offer = _pick(rng, (f"Code {code}: -{code[-2:]} % im Shop 🎁", "Link in der Bio 🔗", ""))
    else:
        opening = _pick(
            rng,
            (
                f"Two weeks testing the new range from {mention} ✨",
                f"New in my routine: {mention} 💚",
                f"Out and about with {mention} – honest review 👇",
            ),
        )
        offer = _pick(rng, (f"Code {code} for {code[-2:]}% off 🎁", "Link in bio 🔗", ""))
    return "\n".join(part for part in (opening, offer) if part)


def _organic_body(rng: Rng, creator: Creator, language: str, others: Sequence[Creator]) -> str:
    if language == "fr":
        lines = [_pick(rng, ORGANIC_LINES_FR[creator.niche]), _pick(rng, SECOND_LINES_FR)]
        if rng.random() < 0.12:
            friend = others[int(rng.integers(len(others)))]
            lines.append(f"Merci @{friend.handle} pour l'idée 🙌")
        elif rng.random() < 0.08:
            brand = _brand_for(rng, creator.niche)
            lines.append(f"(Acheté avec mes sous chez @{brand.handle}, aucun partenariat.)")
    elif language == "de":
        lines = [
            _pick(rng, ORGANIC_LINES_DE),
            _pick(rng, ("Was meint ihr? 👇", "Speichern nicht vergessen 📌", "")),
        ]
    else:
        lines = [
            _pick(rng, ORGANIC_LINES_EN),
            _pick(rng, ("What do you think? 👇", "Save this for later 📌", "")),
        ]
    return "\n".join(line for line in lines if line)


def _hashtags(rng: Rng, creator: Creator, language: str, count: int) -> list[str]:
    pool = {"fr": HASHTAGS_FR[creator.niche], "de": HASHTAGS_DE, "en": HASHTAGS_EN}[language]
    chosen = rng.choice(len(pool), size=min(count, len(pool)), replace=False)
    return [pool[int(i)] for i in chosen]


def _caption(
    rng: Rng, creator: Creator, language: str, kind: str, brand: Brand | None, others: Sequence[Creator]
) -> tuple[str, str]:
    """The caption text and the disclosure wording it uses ("" when there is none)."""
    tags = " ".join(_hashtags(rng, creator, language, int(rng.integers(2, 6))))
    if brand is None:
        body = _organic_body(rng, creator, language, others)
        return (f"{body}\n\n{tags}" if rng.random() < 0.8 else body), ""
    body = _sponsored_body(rng, creator, language, brand)
    if kind == "proper_start":
        wording = _pick(rng, PROPER_START[language]).format(brand=brand.handle)
        joiner = "\n" if wording.startswith("Partenariat") or rng.random() < 0.5 else " | "
        return f"{wording}{joiner}{body}\n\n{tags}", wording
    if kind == "ambiguous":
        wording = _pick(rng, AMBIGUOUS[language]).format(brand=brand.handle)
        if wording.startswith("#") and rng.random() < 0.4:
            return f"{wording} {body}\n\n{tags}", wording
        return f"{body}\n{wording} 💚\n\n{tags}", wording
    if kind == "buried":
        wording = _pick(rng, BURIED[language])
        wall_size = int(rng.integers(10, 17))
        wall = [
            GENERIC_HASHTAGS_WALL[int(i)]
            for i in rng.choice(len(GENERIC_HASHTAGS_WALL), wall_size, replace=False)
        ]
        wall.insert(wall_size - int(rng.integers(1, 4)), wording)
        return f"{body}\n.\n.\n.\n{tags} {' '.join(wall)}", wording
    return f"{body}\n\n{tags}", ""  # "none": sponsored, promo code and all, without any mention


VERDICT_REASONS = {
    "not_needed": "Publication non sponsorisée : aucune mention n'est requise.",
    "not_needed_brand": "Marque citée mais produit acheté par le créateur, sans contrepartie : ce n'est pas "
    "de la "
    "publicité, aucune mention n'est requise.",
    "proper_fr": "« {w} » dès la première ligne : mention claire, conforme en France (loi 2023-451, art. "
    "5-2), en "
    "Suisse (règle B.15) et dans l'UE. Légende en français : règles américaines et britanniques sans "
    "objet.",
    "proper_fr_tool": "« {w} » en tête : l'outil des plateformes vaut mention équivalente en France (guide "
    "de Bercy, "
    "mise à jour de janvier 2024), en Suisse et dans l'UE. Légende en français : règles "
    "américaines et britanniques sans objet.",
    "proper_de": "« {w} » en tête : clair pour un public germanophone (Suisse, UE). Légende en allemand : "
    "règles "
    "française, américaine et britannique sans objet.",
    "proper_en": "« {w} » en tête : conforme pour la FTC et l'ASA, reconnaissable en Suisse et dans l'UE ; "
    "en "
    "France, une mention anglaise n'est pas jugée claire : il faut « Publicité » ou « Collaboration "
    "commerciale ».",
    "ambiguous": "« {w} » est une mention ambiguë ou un simple remerciement : refusée dans toutes les "
    "juridictions (FTC : « sp », "
    "« spon », « collab » ; ASA : « #sp », « spon » ; UE : « collaboration », remerciements vagues).",
    "buried": "« {w} » n'apparaît qu'à la fin, noyée dans les mots-dièse : la mention doit se voir "
    "d'emblée, en "
    "tête de légende.",
    "none": "Contenu sponsorisé par @{b} sans aucune mention : pratique commerciale trompeuse (intention "
    "commerciale cachée).",
}


def _verdicts(kind: str, language: str) -> dict[str, str]:
    verdicts: dict[str, str] = {}
    for jurisdiction in JURISDICTIONS:
        if kind == "not_needed" or jurisdiction not in APPLICABLE[language]:
            verdicts[jurisdiction] = "not_applicable"
        elif kind == "proper_start" and not (language == "en" and jurisdiction == "FR"):
            verdicts[jurisdiction] = "compliant"
        else:
            verdicts[jurisdiction] = "non_compliant"
    return verdicts


def _reason(post: Post) -> str:
    if post.kind == "not_needed":
        return VERDICT_REASONS["not_needed_brand" if "aucun partenariat" in post.caption else "not_needed"]
    if post.kind == "proper_start":
        key = "proper_fr_tool" if post.wording.startswith("Partenariat") else f"proper_{post.language}"
        return VERDICT_REASONS[key].format(w=post.wording)
    brand = BRANDS_BY_NAME[post.brand]
    return VERDICT_REASONS[post.kind].format(w=post.wording, b=brand.handle)


def _generate_posts(rng: Rng, creators: Sequence[Creator]) -> list[Post]:
    posts: list[Post] = []
    span_days = (schema.LAST_DATE - schema.FIRST_DATE).days
    for creator in creators:
        for _ in range(int(rng.integers(3, 8))):
            published_on = schema.FIRST_DATE + timedelta(days=int(rng.integers(0, span_days + 1)))
            sponsored = bool(rng.random() < SPONSORED_SHARE[creator.tier])
            kind = _weighted(rng, DISCLOSURE_MIX[creator.tier]) if sponsored else "not_needed"
            brand = _brand_for(rng, creator.niche) if sponsored else None
            caption, wording = _caption(rng, creator, creator.language, kind, brand, creators)
            # Sponsored posts get somewhat less engagement (Bertaglia et al. 2025).
            factor = 0.85 if sponsored else 1.0
            likes = round(creator.likes * factor * _lognormal(rng, 1.0, 0.3))
            views = max(likes, round(creator.views * _lognormal(rng, 1.0, 0.3)))
            posts.append(
                Post(
                    creator=creator,
                    published_on=published_on,
                    language=creator.language,
                    caption=caption,
                    likes=likes,
                    comments=round(creator.comments * factor * _lognormal(rng, 1.0, 0.4)),
                    shares=round(creator.shares * factor * _lognormal(rng, 1.0, 0.4)),
                    views=views,
                    is_sponsored=sponsored,
                    brand=brand.name if brand else "",
                    kind=kind,
                    wording=wording,
                )
            )
    posts.sort(key=lambda p: (p.published_on, p.creator.id))
    for number, post in enumerate(posts, start=1):
        post.id = f"P{number:05d}"
    return posts


# --------------------------------------------------------------------------- collaborations (chapters 7 and 8)

# Gross margin of each brand's products (share of the selling price) and the cost of sending a
# parcel to a creator. Sève's are the course's assumptions (influence_workbook.campaign.SEVE:
# margin 68 %, unit cost 24 € × 32 % = 7,68 €, parcel 6,90 €; tests/test_data.py keeps them equal).
BRAND_MARGIN = {"Sève": 0.68, "Valises Orbelle": 0.55, "Ondalux": 0.45, "Foulée Vive": 0.5}
DEFAULT_MARGIN = 0.6
PARCEL_EUR = {"Valises Orbelle": 14.90, "Foulée Vive": 9.90}
DEFAULT_PARCEL_EUR = 6.90

DELIVERABLES = {
    "instagram": (
        ("1 Reel", 1, 1.0),
        ("1 Reel + 3 stories", 4, 1.6),
        ("1 carrousel + 2 stories", 3, 1.4),
        ("2 Reels + 5 stories", 7, 2.8),
        ("3 stories", 3, 0.6),
    ),
    "tiktok": (("1 vidéo", 1, 1.0), ("2 vidéos", 2, 1.9), ("1 vidéo + 1 live", 2, 1.6), ("3 vidéos", 3, 2.7)),
    "youtube": (
        ("1 vidéo dédiée", 1, 1.0),
        ("1 intégration de 60 s", 1, 0.5),
        ("1 intégration + 2 Shorts", 3, 0.8),
    ),
}
# Share of followers reached by one Instagram post (The Cirqle 2024: micro 15.7 %, macro 3.2 %).
IG_REACH_RATE = {"nano": 0.25, "micro": 0.157, "mid": 0.09, "macro": 0.05, "mega": 0.04}
CLICK_RATE_ON_REACH = {"instagram": 0.025, "tiktok": 0.012, "youtube": 0.02}
CONVERSION_RATE = 0.06  # orders per link click
CODE_ONLY_ORDERS = 0.6  # orders with the code and no click, per link order (seen the post, typed the code)
LATE_CODE_SHARE = 0.08  # ordinary share of code uses more than 30 days after the last content
ENGAGEMENT_CEILING = 0.25
TREND_PER_YEAR = {"improving": 0.5, "declining": -0.5}
MIN_TREND_REACH = 6_000

#: Creators with at least three collaborations, per planted pattern (48 in all).
LONG_TERM_COUNTS = {
    "improving": 10,
    "declining": 10,
    "one_hit": 6,
    "high_reach_bad_cpa": 3,
    "code_leakage": 5,
    "unreliable": 4,
    "stable": 10,
}
N_SHORT_TERM = 40  # creators with one or two collaborations (pattern « too_few »)
HISTORY_END = date(2026, 12, 15)

# Sève's « Rituel Avoine » launch (influence_workbook.campaign.SEVE): simulated results of the
# campaign the learner plans, published from the launch and counted until the end of June 2027.
RITUEL_AVOINE = "Rituel Avoine"
LAUNCH = date(2027, 3, 15)
RESULTS_END = date(2027, 6, 30)
RITUEL_BUDGET_EUR = 15_000  # the creators' budget (fees and products) of SEVE
RITUEL_MAX_FEE_EUR = 2_000  # besides its star, Sève books partners it can pay from a 15 000 € budget
RITUEL_PACKAGE = {"instagram": 1, "tiktok": 1, "youtube": 2}  # 1 Reel + 3 stories, 2 vidéos, 1 intégration + 2 Shorts
SEASONS = ((2, "Hiver", "HIV"), (5, "Printemps", "PRI"), (8, "Été", "ETE"), (10, "Rentrée", "REN"),
           (12, "Fêtes", "FET"))


def _season(day: date) -> tuple[str, str]:
    """The brand campaign a date falls in: (« Printemps 2025 », « PRI25 »)."""
    for last_month, name, code in SEASONS:
        if day.month <= last_month:
            return f"{name} {day.year}", f"{code}{day.year % 100:02d}"
    raise AssertionError("unreachable: December closes the last season")


@dataclass
class Collaboration:
    creator: Creator
    brand: Brand
    campaign: str
    code_suffix: str
    start: date
    end: date
    deliverables: str
    contents: int
    fee_eur: int
    product_value_eur: int
    product_cost_eur: int
    impressions: int
    reach: int
    views: int
    engagements: int
    link_clicks: int
    promo_code_uses: int
    late_code_uses: int
    orders: int
    revenue_eur: float
    deadline_met: bool
    disclosure_ok: bool
    payment_days: int
    id: str = ""
    promo_code: str = ""

    @property
    def cost(self) -> int:
        return self.fee_eur + self.product_cost_eur

    @property
    def tracking_link(self) -> str:
        """The collaboration's own UTM link (on a reserved ``.example`` domain: no real site)."""
        campaign = "rituel_avoine" if self.campaign == RITUEL_AVOINE else self.code_suffix.lower()
        return (
            f"{_slug(self.brand.name)}.example/?utm_source={self.creator.platform}&utm_medium=influence"
            f"&utm_campaign={campaign}&utm_content={self.creator.id.lower()}_{self.id.lower()}"
        )


@dataclass
class Effect:
    """How one collaboration departs from the creator's ordinary results (the planted patterns)."""

    reach: float = 1.0
    engagement: float = 1.0
    clicks: float = 1.0
    conversion: float = 1.0
    leak: float = 0.0  # extra code-only orders from coupon sites, per ordinary order
    showy: bool = False  # the biggest package, passive audience: views but few clicks or sales
    deadline_risk: float = 0.08
    disclosure_risk: float = 0.03


def _reach_per_post(creator: Creator) -> float:
    """Accounts reached by one post: a share of followers on Instagram, most viewers elsewhere."""
    if creator.platform == "instagram":
        return creator.followers * IG_REACH_RATE[creator.tier]
    return creator.views * 0.9


def _engagement_per_reach(creator: Creator) -> float:
    interactions = creator.likes + creator.comments + creator.shares + creator.saves
    return min(0.35, interactions / max(_reach_per_post(creator), 1.0))


def _collaboration(
    rng: Rng,
    creator: Creator,
    brand: Brand,
    start: date,
    effect: Effect,
    campaign: str | None = None,
    package: int | None = None,
    items: int | None = None,
) -> Collaboration:
    """One collaboration; ``package`` (an index of :data:`DELIVERABLES`) and ``items`` (products sent)
    are a partner's usual deal."""
    options = DELIVERABLES[creator.platform]
    deliverables, contents, units = options[int(rng.integers(len(options))) if package is None else package]
    if campaign == RITUEL_AVOINE:  # Sève's launch brief asks every creator for the same package
        deliverables, contents, units = options[RITUEL_PACKAGE[creator.platform]]
    if effect.showy:  # the big, showy package
        deliverables, contents, units = max(options, key=lambda option: option[2])
    reach_per_post = _reach_per_post(creator)
    reach = reach_per_post * units**0.7 * _lognormal(rng, 1.0, 0.12) * effect.reach
    impressions = reach * _uniform(rng, 1.25, 1.55)
    views = impressions * _uniform(rng, 0.55, 0.85) if creator.platform != "instagram" else (
        impressions * _uniform(rng, 0.35, 0.7))
    engagement_per_reach = _engagement_per_reach(creator)
    raw_engagements = reach * engagement_per_reach * 0.8 * effect.engagement * _lognormal(rng, 1.0, 0.12)
    # Smooth ceiling at 25 % of impressions: monotone, so a trend still shows near the top.
    ceiling = impressions * ENGAGEMENT_CEILING
    engagements = ceiling * (1 - math.exp(-raw_engagements / ceiling)) if ceiling else 0.0
    quality = math.exp(ER_SIGMA[creator.platform] * creator.er_z) ** 0.5
    click_rate = CLICK_RATE_ON_REACH[creator.platform] * quality * effect.clicks * _lognormal(rng, 1.0, 0.1)
    fit = min(1.2, max(0.3, creator.audience_fr_ch / 0.8)) if brand.name == "Sève" else 1.0
    conversion_rate = CONVERSION_RATE * fit * effect.conversion * _lognormal(rng, 1.0, 0.1)
    if effect.showy:  # a huge, passive audience: views, a few clicks, a handful of orders
        click_rate, conversion_rate = 0.002, 0.006
    if creator.trap == "hidden_gem":
        click_rate *= 1.5
    clicks = min(round(engagements), round(reach * min(click_rate, 0.08)))
    link_orders = int(rng.binomial(clicks, min(conversion_rate, 0.15))) if clicks else 0
    if effect.showy:
        link_orders = max(2, link_orders)
    code_only = int(rng.poisson(link_orders * CODE_ONLY_ORDERS * _uniform(rng, 0.85, 1.15)))
    leaked = int(rng.poisson((link_orders + code_only) * effect.leak)) if effect.leak else 0
    code_with_click = int(rng.binomial(link_orders, _uniform(rng, 0.3, 0.6))) if link_orders else 0
    code_uses = code_only + leaked + code_with_click
    ordinary_late = int(rng.binomial(code_only + code_with_click, LATE_CODE_SHARE)) if code_uses else 0
    late = ordinary_late + (int(rng.binomial(leaked, _uniform(rng, 0.55, 0.75))) if leaked else 0)
    orders = link_orders + code_only + leaked
    revenue = sum(brand.average_order_eur * _lognormal(rng, 1.0, 0.25) for _ in range(orders))
    fee = creator.fee_eur * units * _uniform(rng, 0.9, 1.1) * (effect.engagement**0.2 if effect.engagement > 1 else 1.0)
    items = int(rng.integers(1, 4)) if items is None else items
    margin = BRAND_MARGIN.get(brand.name, DEFAULT_MARGIN)
    parcel = PARCEL_EUR.get(brand.name, DEFAULT_PARCEL_EUR)
    span = 0 if contents == 1 else int(rng.integers(3, 8 + 2 * contents))
    name, suffix = _season(start) if campaign is None else (campaign, "AVOINE")
    return Collaboration(
        creator=creator,
        brand=brand,
        campaign=name,
        code_suffix=suffix,
        start=start,
        end=start + timedelta(days=span),
        deliverables=deliverables,
        contents=contents,
        fee_eur=max(FEE_FLOOR_EUR, round(fee / 10) * 10),
        product_value_eur=brand.gift_price_eur * items,
        product_cost_eur=round(brand.gift_price_eur * (1 - margin) * items + parcel),
        impressions=round(impressions),
        reach=round(reach),
        views=round(views),
        engagements=round(engagements),
        link_clicks=clicks,
        promo_code_uses=code_uses,
        late_code_uses=late,
        orders=orders,
        revenue_eur=round(revenue, 2),
        deadline_met=bool(rng.random() >= effect.deadline_risk),
        disclosure_ok=bool(rng.random() >= effect.disclosure_risk),
        payment_days=int(rng.integers(45, 91)) if rng.random() < 0.1 else int(rng.integers(14, 36)),
    )


def _effects(rng: Rng, pattern: str, starts: Sequence[date], history: int) -> list[Effect]:
    """One :class:`Effect` per collaboration of a creator whose results follow ``pattern``.

    ``history`` is the number of collaborations before Rituel Avoine (the others are its launch):
    a one-off hit falls among them and never on the latest.
    """
    years = [(start - schema.FIRST_DATE).days / 365.25 for start in starts]
    if pattern in TREND_PER_YEAR:
        trends = [math.exp(TREND_PER_YEAR[pattern] * y) for y in years]
        return [Effect(reach=t**0.3, engagement=t**0.8, clicks=t**0.6, conversion=t**0.4) for t in trends]
    if pattern == "one_hit":  # one collaboration goes viral and sells; the others are ordinary or less
        hit = int(rng.integers(0, max(1, history - 1)))
        return [Effect(reach=2.0, engagement=1.6, clicks=2.0, conversion=1.3) if i == hit else
                Effect(reach=0.9, engagement=0.85, clicks=0.8, conversion=0.8) for i in range(len(starts))]
    if pattern == "high_reach_bad_cpa":
        return [Effect(showy=True) for _ in starts]
    if pattern == "code_leakage":  # the code reaches coupon sites and spreads from one campaign to the next
        return [Effect(leak=min(2.5, 0.6 + 0.5 * i)) for i in range(len(starts))]
    if pattern == "unreliable":  # good results, but late and sometimes undisclosed
        return [Effect(clicks=1.15, conversion=1.1, deadline_risk=0.6, disclosure_risk=0.3) for _ in starts]
    return [Effect() for _ in starts]


def _spaced_starts(rng: Rng, first: date, count: int, last: date) -> list[date]:
    starts = [first]
    while len(starts) < count:
        following = starts[-1] + timedelta(days=int(rng.integers(90, 131)))
        if following > last:
            break
        starts.append(following)
    return starts


def _generate_collaborations(
    rng: Rng, creators: Sequence[Creator]
) -> tuple[list[Collaboration], dict[str, str]]:
    """Every collaboration from January 2025 to June 2027, and the pattern planted per creator."""
    # Brands sell in France and Switzerland: collaborators are French- or German-speaking, and
    # the planted traps stay out of this table except the hidden gems, who deliver.
    eligible = [c for c in creators if c.language in {"fr", "de"} and c.trap in {None, "hidden_gem"}]
    shuffled = [eligible[int(i)] for i in rng.permutation(len(eligible))]
    seve_niches = BRANDS_BY_NAME["Sève"].niches
    # The accounts with the biggest reach are those whose media value dazzles and whose sales
    # disappoint; Sève's (for Rituel Avoine) is the biggest one it can afford.
    big = sorted((c for c in shuffled if c.language == "fr" and c.trap is None and c.tier in {"macro", "mega"}),
                 key=lambda c: (-_reach_per_post(c), c.id))
    seve_star = next(c for c in big if c.niche in seve_niches and c.fee_eur <= 2_500)
    stars = [seve_star, *[c for c in big if c is not seve_star and c.niche not in seve_niches][:2]]
    # Long-term partners are mid-sized (micro and mid tiers) so that their trend shows through the
    # noise of small order counts; half come from the niches that fit Sève, so Sève has renewals.
    widest = 0.5 * min(_reach_per_post(star) for star in stars)
    steady = [c for c in shuffled if c.tier in {"micro", "mid"} and c.trap is None and c not in stars
              and _reach_per_post(c) < widest]
    # A trend needs order counts above a handful to show through the noise: the improving and
    # declining partners reach at least MIN_TREND_REACH accounts per post, and their engagement
    # stays well below the ceiling (where it could no longer rise).
    visible = [c for c in steady if _reach_per_post(c) >= MIN_TREND_REACH and _engagement_per_reach(c) < 0.12]
    pools = {
        "fit": [c for c in steady if c.niche in BRAND_FIT_NICHES],
        "other": [c for c in steady if c.niche not in BRAND_FIT_NICHES],
        "trend_fit": [c for c in visible if c.niche in BRAND_FIT_NICHES],
        "trend_other": [c for c in visible if c.niche not in BRAND_FIT_NICHES],
    }
    long_term: list[tuple[Creator, str]] = [(star, "high_reach_bad_cpa") for star in stars]
    for pattern, count in LONG_TERM_COUNTS.items():
        if pattern == "high_reach_bad_cpa":
            continue
        for index in range(count):
            pool = "fit" if index % 2 == 0 else "other"
            if pattern in TREND_PER_YEAR:
                pool = "trend_" + pool
            creator = next(c for c in pools[pool] if all(c is not taken for taken, _ in long_term))
            long_term.append((creator, pattern))
    patterns: dict[str, str] = {}
    collaborations: list[Collaboration] = []
    rituel: list[tuple[Creator, Effect, date]] = []
    for creator, pattern in long_term:
        patterns[creator.id] = pattern
        seve = creator.niche in BRAND_FIT_NICHES or creator is seve_star
        brand = BRANDS_BY_NAME["Sève"] if seve else _brand_for(rng, creator.niche)
        count = int(rng.integers(3, 6)) if pattern in {"high_reach_bad_cpa", "one_hit"} else int(rng.integers(5, 8))
        first = schema.FIRST_DATE + timedelta(days=int(rng.integers(0, 150)))
        starts = _spaced_starts(rng, first, count, HISTORY_END)
        if seve:  # a Sève partner may run the Rituel Avoine launch: the next step of their pattern
            launch_start = LAUNCH + timedelta(days=int(rng.integers(0, 45)))
            effects = _effects(rng, pattern, [*starts, launch_start], len(starts))
            rituel.append((creator, effects[-1], launch_start))
            effects = effects[:-1]
        else:
            effects = _effects(rng, pattern, starts, len(starts))
        # A partner renews the same deal; a trend is read on full packages (a Reel, a video or more).
        deals = [i for i, option in enumerate(DELIVERABLES[creator.platform])
                 if pattern not in TREND_PER_YEAR or option[2] >= 1]
        package, items = deals[int(rng.integers(len(deals)))], int(rng.integers(1, 4))
        for start, effect in zip(starts, effects, strict=True):
            collaborations.append(
                _collaboration(rng, creator, brand, start, effect, package=package, items=items))
    # Sève books its big-reach star first, then one partner of each pattern in turn (random order
    # within a pattern) while the creators' budget lasts: the launch mixes every kind of partner.
    by_pattern: dict[str, list[int]] = {}
    for index in [int(i) + 1 for i in rng.permutation(len(rituel) - 1)]:
        by_pattern.setdefault(patterns[rituel[index][0].id], []).append(index)
    order = [0]
    while any(by_pattern.values()):
        for pattern in LONG_TERM_COUNTS:
            if by_pattern.get(pattern):
                order.append(by_pattern[pattern].pop(0))
    spent = 0
    for index in order:
        creator, effect, start = rituel[index]
        launch = _collaboration(rng, creator, BRANDS_BY_NAME["Sève"], start, effect, campaign=RITUEL_AVOINE)
        affordable = index == 0 or launch.fee_eur <= RITUEL_MAX_FEE_EUR
        if affordable and spent + launch.cost <= RITUEL_BUDGET_EUR:
            collaborations.append(launch)
            spent += launch.cost
    taken = set(patterns)
    span_days = (HISTORY_END - schema.FIRST_DATE).days
    for creator in [c for c in shuffled if c.id not in taken][:N_SHORT_TERM]:
        patterns[creator.id] = "too_few"
        for _ in range(int(rng.integers(1, 3))):
            start = schema.FIRST_DATE + timedelta(days=int(rng.integers(0, span_days)))
            collaborations.append(_collaboration(rng, creator, _brand_for(rng, creator.niche), start, Effect()))
    collaborations.sort(key=lambda c: (c.start, c.creator.id))
    used_codes: dict[str, bool] = {}
    for number, collaboration in enumerate(collaborations, start=1):
        collaboration.id = f"COL{number:04d}"
        first_name = _slug(collaboration.creator.display_name.split()[0]).upper()
        code = f"{first_name}-{collaboration.code_suffix}"
        if code in used_codes:  # two Léa in one campaign: the creator's number tells them apart
            code = f"{first_name}{collaboration.creator.id[-3:]}-{collaboration.code_suffix}"
        if code in used_codes:  # one creator twice in a season: the collaboration's number
            code = f"{first_name}{collaboration.id[-4:]}-{collaboration.code_suffix}"
        used_codes[code] = True
        collaboration.promo_code = code
    return collaborations, patterns


def _cost_per_order(rows: Sequence[Collaboration]) -> float:
    orders = sum(c.orders for c in rows)
    return sum(c.cost for c in rows) / orders if orders else math.inf


def _cpa_text(value: float) -> str:
    return "sans commande" if math.isinf(value) else f"{fr_int(value)}\u00a0€"


def _pattern_explanation(pattern: str, rows: Sequence[Collaboration]) -> str:
    rows = sorted(rows, key=lambda c: c.start)
    first, last = rows[0], rows[-1]
    n = len(rows)
    if pattern == "too_few":
        return f"{n} collaboration{'s' if n > 1 else ''} seulement\u00a0: pas assez de recul pour parler de tendance."
    if pattern == "high_reach_bad_cpa":
        return (
            f"{fr_int(sum(c.impressions for c in rows))} impressions au total (la plus grosse « valeur "
            f"médiatique »), mais {fr_int(sum(c.orders for c in rows))} commandes\u00a0: "
            f"{_cpa_text(_cost_per_order(rows))} par commande."
        )
    if pattern == "one_hit":
        best = min(rows, key=lambda c: c.cost / max(c.orders, 0.5))
        others = [c for c in rows if c is not best]
        return (
            f"Un seul succès\u00a0: {best.start.isoformat()}, {fr_int(best.orders)} commandes à "
            f"{_cpa_text(_cost_per_order([best]))} ; les {len(others)} autres collaborations coûtent "
            f"{_cpa_text(_cost_per_order(others))} par commande. Un bon résultat ne fait pas une tendance."
        )
    if pattern == "code_leakage":
        uses = sum(c.promo_code_uses for c in rows)
        late = sum(c.late_code_uses for c in rows)
        return (
            f"Code promo repris par des sites de bons de réduction\u00a0: {fr_int(late)} de ses "
            f"{fr_int(uses)} utilisations ({_pct(100 * late / max(uses, 1))}) ont lieu plus de 30 jours après "
            f"la publication (environ {_pct(100 * LATE_CODE_SHARE)} d'ordinaire), de plus en plus d'une "
            f"campagne à l'autre. Ces commandes ne doivent rien au créateur\u00a0: son coût par commande "
            f"({_cpa_text(_cost_per_order(rows))}) est trop beau."
        )
    if pattern == "unreliable":
        missed = sum(not c.deadline_met for c in rows)
        undisclosed = sum(not c.disclosure_ok for c in rows)
        return (
            f"Coût par commande de {_cpa_text(_cost_per_order(rows))}, mais {missed} échéance"
            f"{'s' if missed > 1 else ''} manquée{'s' if missed > 1 else ''} sur {n} et {undisclosed} "
            f"collaboration{'s' if undisclosed > 1 else ''} sans mention claire du partenariat."
        )
    half = n // 2
    if pattern == "stable":
        return (
            f"{n} collaborations sans tendance nette\u00a0: coût par commande "
            f"{_cpa_text(_cost_per_order(rows[:half]))} puis {_cpa_text(_cost_per_order(rows[half:]))}."
        )

    def rate(c: Collaboration) -> str:
        return _pct(100 * c.engagements / c.impressions) if c.impressions else "0\u202f%"

    trend_text = {"improving": "en progrès", "declining": "en recul (lassitude de l'audience)"}[pattern]
    return (
        f"{n} collaborations, tendance {trend_text}\u00a0: engagement sur impressions de {rate(first)} "
        f"({first.start.isoformat()}) à {rate(last)} ({last.start.isoformat()}), coût par commande "
        f"{_cpa_text(_cost_per_order(rows[:half]))} puis {_cpa_text(_cost_per_order(rows[half:]))}."
    )


# --------------------------------------------------------------------------- regional holdout (chapter 8)

# Rituel Avoine's creator contents were boosted (paid partnership ads) only in the test regions;
# the control regions, chosen for their similar size and past sales, were excluded. Populations
# are rounded orders of magnitude, not census figures.
HOLDOUT_REGIONS = (
    ("Rhône", "FR", "test", 1_900_000),
    ("Isère", "FR", "test", 1_300_000),
    ("Haute-Savoie", "FR", "test", 850_000),
    ("Vaud", "CH", "test", 840_000),
    ("Gironde", "FR", "control", 1_700_000),
    ("Haute-Garonne", "FR", "control", 1_450_000),
    ("Loire-Atlantique", "FR", "control", 1_500_000),
    ("Genève", "CH", "control", 510_000),
)
HOLDOUT_WEEKS = 8
BASE_WEEKLY_ORDERS_PER_100K = 3.0
SEASON_AND_LAUNCH = 1.18  # what the launch and spring do everywhere, boosted or not
TRUE_LIFT = 1.22  # the boost's real effect on orders in the test regions (answer key)
SESSIONS_PER_ORDER = 45.0
WEEKLY_NOISE = 0.06


@dataclass(frozen=True)
class HoldoutWeek:
    region_id: str
    region: str
    market: str
    group: str
    period: str
    week_start: date
    population: int
    sessions: int
    orders: int
    revenue_eur: float


def _generate_holdout(rng: Rng) -> list[HoldoutWeek]:
    weeks: list[HoldoutWeek] = []
    for number, (region, market, group, population) in enumerate(HOLDOUT_REGIONS, start=1):
        level = _lognormal(rng, 1.0, 0.05)  # regions differ a little in how well Sève sells there
        for week in range(-HOLDOUT_WEEKS, HOLDOUT_WEEKS):
            after = week >= 0
            rate = BASE_WEEKLY_ORDERS_PER_100K * level
            if after:
                rate *= SEASON_AND_LAUNCH * (TRUE_LIFT if group == "test" else 1.0)
            # Weekly sales wander a few percent around their level (weather, paydays, a newsletter).
            orders = round(rate * population / 100_000 * _lognormal(rng, 1.0, WEEKLY_NOISE))
            sessions = round((orders * SESSIONS_PER_ORDER + population / 100_000 * 8) * _lognormal(rng, 1.0, 0.03))
            revenue = sum(38.0 * _lognormal(rng, 1.0, 0.25) for _ in range(orders))
            weeks.append(HoldoutWeek(
                region_id=f"R{number:02d}", region=region, market=market, group=group,
                period="after" if after else "before", week_start=LAUNCH + timedelta(weeks=week),
                population=population, sessions=sessions, orders=orders, revenue_eur=round(revenue, 2),
            ))
    return weeks


def _holdout_lift_rows(weeks: Sequence[HoldoutWeek]) -> list[list[str]]:
    """The answer key: per 100 000 inhabitants and per week, each group and period, and the lift."""
    rows = []
    for measure in ("orders", "revenue_eur", "sessions"):
        cells: dict[tuple[str, str], float] = {}
        for group in ("test", "control"):
            for period in ("before", "after"):
                chosen = [w for w in weeks if w.group == group and w.period == period]
                people = sum({w.region: w.population for w in chosen}.values())
                total = sum(float(getattr(w, measure)) for w in chosen)
                cells[(group, period)] = total / HOLDOUT_WEEKS / people * 100_000
        growth_test = cells[("test", "after")] / cells[("test", "before")]
        growth_control = cells[("control", "after")] / cells[("control", "before")]
        lift_pct = 100 * (growth_test / growth_control - 1)
        naive = 100 * (cells[("test", "after")] / cells[("control", "after")] - 1)
        explanation = (
            f"Croissance {_pct(100 * (growth_test - 1))} dans les régions test contre "
            f"{_pct(100 * (growth_control - 1))} dans les régions témoins\u00a0: hausse due au boost "
            f"{_pct(lift_pct)} (différence des différences). Comparer seulement la période « après » donne "
            f"{_pct(naive)}. Effet planté sur les commandes\u00a0: {_pct(100 * (TRUE_LIFT - 1))}."
        )
        rows.append([measure, *(fmt_float(cells[key], 3) for key in (
            ("test", "before"), ("test", "after"), ("control", "before"), ("control", "after"))),
            fmt_float(lift_pct, 1), explanation])
    return rows


# --------------------------------------------------------------------------- CSV writing


def to_csv(table: Table, rows: Sequence[Sequence[str]]) -> str:
    """CSV text with ``\\n`` line ends and minimal quoting (captions with line breaks are quoted)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(table.column_names)
    for row in rows:
        assert len(row) == len(table.columns), (table.name, row)
        writer.writerow(row)
    return buffer.getvalue()


@dataclass(frozen=True)
class SampleData:
    """Everything one generation produces, as CSV-ready rows keyed by table name."""

    rows: dict[str, list[list[str]]]
    creators: list[Creator]
    posts: list[Post]
    collaborations: list[Collaboration]
    holdout: list[HoldoutWeek]


def generate(seed: int = SEED) -> SampleData:
    """Generate every table from ``seed`` (deterministic)."""
    rng = np.random.default_rng(seed)
    creators = _generate_creators(rng)
    posts = _generate_posts(rng, creators)
    collaborations, patterns = _generate_collaborations(rng, creators)
    holdout = _generate_holdout(rng)

    er_medians = _tier_medians(creators, lambda c: c.engagement_rate)
    cpm_medians = {
        platform: _median([implied_cpm_eur(c) for c in creators if c.platform == platform])
        for platform in schema.PLATFORMS
    }
    traps = [c for c in creators if c.trap]
    by_creator: dict[str, list[Collaboration]] = {}
    for collaboration in collaborations:
        by_creator.setdefault(collaboration.creator.id, []).append(collaboration)
    rows: dict[str, list[list[str]]] = {
        "creators": [_creator_row(c) for c in creators],
        "posts": [
            [
                p.id,
                p.creator.id,
                p.creator.platform,
                p.published_on.isoformat(),
                p.language,
                p.caption,
                str(p.likes),
                str(p.comments),
                str(p.shares),
                str(p.views),
            ]
            for p in posts
        ],
        "collaborations": [
            [
                c.id,
                c.creator.id,
                c.brand.name,
                c.campaign,
                c.creator.platform,
                c.start.isoformat(),
                c.end.isoformat(),
                c.deliverables,
                str(c.contents),
                str(c.fee_eur),
                str(c.product_value_eur),
                str(c.product_cost_eur),
                str(c.impressions),
                str(c.reach),
                str(c.views),
                str(c.engagements),
                str(c.link_clicks),
                c.tracking_link,
                c.promo_code,
                str(c.promo_code_uses),
                str(c.late_code_uses),
                str(c.orders),
                fmt_float(c.revenue_eur, 2),
                str(c.deadline_met),
                str(c.disclosure_ok),
                str(c.payment_days),
            ]
            for c in collaborations
        ],
        "holdout": [
            [
                f"H{number:03d}",
                w.region_id,
                w.region,
                w.market,
                w.group,
                w.period,
                w.week_start.isoformat(),
                str(w.population),
                str(w.sessions),
                str(w.orders),
                fmt_float(w.revenue_eur, 2),
            ]
            for number, w in enumerate(holdout, start=1)
        ],
        "creators_traps": [
            [c.id, c.trap or "", _trap_explanation(c, er_medians, cpm_medians)]
            for c in sorted(traps, key=lambda c: c.id)
        ],
        "posts_disclosure": [
            [
                p.id,
                str(p.is_sponsored),
                p.brand,
                p.kind,
                p.wording,
                *(_verdicts(p.kind, p.language)[j] for j in JURISDICTIONS),
                _reason(p),
            ]
            for p in posts
        ],
        "collaboration_patterns": [
            [
                creator_id,
                patterns[creator_id],
                _pattern_explanation(patterns[creator_id], by_creator[creator_id]),
            ]
            for creator_id in sorted(patterns)
        ],
        "holdout_lift": _holdout_lift_rows(holdout),
    }
    return SampleData(rows=rows, creators=creators, posts=posts, collaborations=collaborations, holdout=holdout)


# --------------------------------------------------------------------------- the data-dictionary page

PAGE_PATH = "book/donnees.md"
_NBSP, _NNBSP = "\u00a0", "\u202f"


def typeset_fr(text: str) -> str:
    """French spacing outside code spans: no-break spaces before « : ; ! ? % € » and inside « »."""
    parts = re.split(r"(`[^`]*`)", text)
    for index in range(0, len(parts), 2):
        part = parts[index]
        part = re.sub(r"«\s*", "«" + _NBSP, part)
        part = re.sub(r"\s*»", _NBSP + "»", part)
        part = re.sub(r"\s+:(?=\s|$)", _NBSP + ":", part)
        part = re.sub(r"\s+([;!?])", _NNBSP + r"\1", part)
        part = re.sub(r"(?<=\d) (%|€)", _NNBSP + r"\1", part)
        part = re.sub(r"(?<=\d) (?=\d{3}\b)", _NNBSP, part)  # « 1 000 »
        parts[index] = part
    return "".join(parts)


_KIND_LABELS = {
    "id": "identifiant",
    "text": "texte",
    "category": "catégorie",
    "int": "entier",
    "float": "décimal",
    "date": "date",
    "bool": "vrai/faux",
}


def _fr_number(value: float) -> str:
    sign = "\u2212" if value < 0 else ""  # a true minus sign, not a hyphen
    value = abs(value)
    if float(value).is_integer():
        return sign + fr_int(value)
    return sign + fr_decimal(value, 2).rstrip("0").rstrip(",")


def _values_cell(column: schema.Column) -> str:
    if column.allowed:
        return ", ".join(f"`{value}`" for value in column.allowed)
    if column.kind == "date" and isinstance(column.minimum, date) and isinstance(column.maximum, date):
        return f"du {column.minimum.isoformat()} au {column.maximum.isoformat()}"
    if isinstance(column.minimum, int | float) and isinstance(column.maximum, int | float):
        return f"de {_fr_number(column.minimum)} à {_fr_number(column.maximum)}"
    if column.pattern and column.kind == "id":
        example = re.sub(r"\\d\{(\d)\}", lambda m: "0" * (int(m.group(1)) - 1) + "1", column.pattern)
        return f"par exemple `{example}`"
    if column.kind == "bool":
        return "`True`, `False`"
    return "vide possible" if column.nullable else ""


def _columns_table(table: Table) -> list[str]:
    lines = ["| Colonne | Description | Type | Unité | Valeurs |", "|---|---|---|---|---|"]
    for column in table.columns:
        description = column.description
        if column.references:
            description += f" Renvoie à `{column.references}`."
        cells = [
            f"`{column.name}`",
            description,
            _KIND_LABELS[column.kind],
            column.unit,
            _values_cell(column),
        ]
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return lines


def render_page(data: SampleData, seed: int = SEED) -> str:
    """The French data-dictionary page, built from the schema and from the generated data."""
    creators = data.creators
    counts = {name: len(rows) for name, rows in data.rows.items()}
    n_sponsored = sum(p.is_sponsored for p in data.posts)
    tier_counts = {t.name: sum(c.tier == t.name for c in creators) for t in TIERS}
    er_medians = _tier_medians(creators, lambda c: c.engagement_rate)
    fee_correlation = float(np.corrcoef([c.followers for c in creators], [c.fee_eur for c in creators])[0, 1])
    n_languages = {lang: sum(p.language == lang for p in data.posts) for lang in ("fr", "de", "en")}
    collaborators = {c.creator.id for c in data.collaborations}
    per_creator = {cid: sum(c.creator.id == cid for c in data.collaborations) for cid in sorted(collaborators)}
    n_long_term = sum(n >= 3 for n in per_creator.values())
    n_rituel = sum(c.campaign == RITUEL_AVOINE for c in data.collaborations)

    out: list[str] = [
        "# Les données d'exemple",
        "",
        "<!-- Page générée par `python -m influence_workbook.data.generate` à partir de "
        "src/influence_workbook/data/schema.py : ne pas la modifier à la main. -->",
        "",
        "Les ateliers du cours s'appuient sur quatre fichiers de données d'exemple, rangés dans le dossier "
        "`data/` : des créateurs de contenu, leurs publications, les résultats de leurs collaborations avec "
        "des marques et un test régional. "
        "Cette page décrit chaque colonne, explique comment les chiffres ont été produits et d'où viennent "
        "leurs ordres de grandeur.",
        "",
        "```{important}",
        "Toutes ces données sont **fictives**. Aucune personne réelle n'y est représentée : les noms, les "
        "identifiants (« handles »), les marques et les légendes ont été inventés. Toute ressemblance avec "
        "un "
        "compte existant serait fortuite.",
        "```",
        "",
        "## Les fichiers",
        "",
        "| Fichier | Lignes | Contenu |",
        "|---|---|---|",
    ]
    for table in TABLES.values():
        if not table.answer_key:
            out.append(f"| `data/{table.path}` | {fr_int(counts[table.name])} | {table.description} |")
    out += [
        "",
        "Dans un carnet, on les charge ainsi :",
        "",
        "```python",
        "from influence_workbook.data import load_collaborations, load_creators, load_holdout, load_posts",
        "",
        "creators = load_creators()",
        "posts = load_posts()",
        "collaborations = load_collaborations()",
        "holdout = load_holdout()",
        "```",
        "",
        "## Comment elles ont été produites",
        "",
        f"Un programme les tire au hasard, mais toujours de la même façon : la graine du générateur est "
        f"fixée "
        f"({seed}), si bien que relancer `python -m influence_workbook.data.generate` redonne exactement les "
        "mêmes fichiers, octet pour octet (et `--check` vérifie que les fichiers du dépôt sont à jour). "
        "Cette "
        "graine a été choisie parmi quelques essais parce que la corrélation entre tarif et abonnés y tombe "
        "près de celle des paiements réels (voir plus bas). Les ordres de grandeur viennent de sources "
        "publiées, rassemblées dans nos notes de recherche :",
        "",
        f"- **Paliers** : {fr_int(counts['creators'])} créateurs, dont {fr_int(tier_counts['nano'])} nano, "
        f"{fr_int(tier_counts['micro'])} micro, {fr_int(tier_counts['mid'])} intermédiaires, "
        f"{fr_int(tier_counts['macro'])} macro et {fr_int(tier_counts['mega'])} méga. La plupart sont "
        f"petits, "
        "comme sur les plateformes (HypeAuditor, *State of Influencer Marketing* 2023 et 2026).",
        "- **Engagement** : taux médians par palier et par plateforme tirés de HypeAuditor (2023, 2026), "
        "Later × Fohr (2021) et Influencer Marketing Hub (*Benchmark Report* 2021), avec une dispersion "
        "log-normale : environ un créateur sur trois a un taux plus de 1,5 fois supérieur ou inférieur à la "
        "médiane de son palier.",
        "- **Portée et vues** : part des abonnés touchés par une publication d'après The Cirqle (2024 : "
        "15,7 % pour les micro, 3,2 % pour les macro).",
        "- **Abonnés suspects** : de quelques pour cent à 30 % chez les créateurs ordinaires, davantage chez "
        "les plus gros, d'après HypeAuditor (rapport sur la fraude ; 36 % des comptes Instagram touchés en "
        "2023).",
        "- **Tarifs** : vues moyennes (la portée réelle) × CPM (Inzpire.me : 30 à 40 € sur Instagram, 23 à "
        "33 € sur TikTok, 45 à 55 € sur YouTube) × un facteur de niche, avec un bruit log-normal. Comme la "
        "portée varie beaucoup d'un compte à l'autre à taille égale, la corrélation entre tarif et abonnés "
        f"reste modérée (r = {fr_decimal(fee_correlation, 2)} dans nos données), comme dans les paiements "
        "réels analysés par Lumanu (2024 : r = 0,56). Les fourchettes obtenues recoupent celles de Kolsquare "
        "(2022) pour la France.",
        "- **Publications** : "
        + fr_int(counts["posts"])
        + " légendes, dont "
        + fr_int(n_languages["fr"])
        + " en français, "
        + fr_int(n_languages["de"])
        + " en allemand et "
        + fr_int(n_languages["en"])
        + " en anglais ; "
        + fr_int(n_sponsored)
        + " sont sponsorisées. Les plus petits comptes signalent "
        "moins bien leurs partenariats (Observatoire de l'influence responsable de l'ARPP, 2021) et les "
        "publications sponsorisées suscitent un peu moins d'engagement (Bertaglia et al., 2025).",
        "- **Collaborations** : " + fr_int(counts["collaborations"]) + " collaborations de "
        + fr_int(len(collaborators)) + " créateurs, de janvier 2025 à juin 2027, dont "
        + fr_int(n_long_term) + " créateurs ont au moins trois collaborations ; les "
        + fr_int(n_rituel) + " collaborations de la campagne « Rituel Avoine » de Sève (à partir du 15 mars "
        "2027) sont simulées. Certains créateurs progressent, d'autres s'essoufflent, d'autres encore n'ont "
        "connu qu'un seul succès, touchent énormément de monde sans presque rien vendre ou voient leur code "
        "promo repris par des sites de bons de réduction. La section « Collaborations et test régional » "
        "ci-dessous détaille comment ces chiffres ont été produits.",
        "",
        "Quelques profils ont été **piégés** à dessein pour les exercices : abonnés achetés, audience hors "
        "cible, groupes d'engagement, tarifs excessifs, et aussi des pépites méconnues qu'un classement par "
        "nombre d'abonnés ne ferait pas remonter. Rien dans `creators.csv` ne les signale : à vous de les "
        "repérer.",
        "",
        "## Le taux d'engagement, plateforme par plateforme",
        "",
        "Le cours fixe une formule par plateforme. Un taux calculé sur les vues ne se compare pas à un taux "
        "calculé sur les abonnés : comparez toujours un créateur à une référence calculée de la même façon, "
        "pour le même palier et la même plateforme.",
        "",
        "| Plateforme | Formule | Source |",
        "|---|---|---|",
    ]
    for formula in ENGAGEMENT_FORMULAS.values():
        out.append(f"| {formula.platform} | {formula.formula_fr} | {formula.source} |")
    out += [
        "",
        "Dans le fichier, `avg_likes`, `avg_comments` et `avg_shares` sont les numérateurs, `followers` ou "
        "`avg_views` le dénominateur. Voici la fourchette publiée dans laquelle la médiane de chaque palier "
        "devait tomber, et la médiane obtenue dans nos données :",
        "",
        "| Plateforme | Palier | Fourchette des sources | Médiane des données |",
        "|---|---|---|---|",
    ]
    for (platform, tier), (low, high) in ENGAGEMENT_MEDIAN_RANGES_PCT.items():
        observed = er_medians.get((platform, tier))
        observed_text = "–" if observed is None else f"{fr_decimal(observed, 2)} %"
        out.append(
            f"| {platform} | {tier} | {fr_decimal(low, 1)} à {fr_decimal(high, 1)} % | {observed_text} |"
        )
    out += [
        "",
        "Les paliers suivent Later × Fohr (2021) : nano de 1 000 à 10 000 abonnés, micro jusqu'à 100 000, "
        "intermédiaire (`mid`) jusqu'à 500 000, macro jusqu'à 1 million, méga au-delà.",
        "",
        "## Collaborations et test régional",
        "",
        "Chaque collaboration suit l'entonnoir du chapitre 8. La **portée** part de la part des abonnés "
        "touchée par une publication (The Cirqle, 2024) ou des vues moyennes du créateur, selon les contenus "
        "prévus ; les **impressions** la dépassent de 25 à 55 % (une personne voit le contenu plusieurs "
        "fois) ; les **engagements** suivent le taux d'engagement du créateur. Les **clics** sur le lien "
        "suivi (un lien UTM par collaboration) représentent 1 à 3 % de la portée, et environ 6 % des clics "
        "deviennent une commande ; d'autres commandes arrivent par le **code promo** sans clic. Une commande "
        "est attribuée une seule fois, au lien ou au code. Ces taux sont des hypothèses du cours, choisies "
        "pour donner des coûts par commande réalistes, pas des repères publiés.",
        "",
        "Les **coûts** : la rémunération découle du tarif du créateur (`creators.csv`) et des contenus "
        "prévus ; les produits offerts sont comptés à leur prix de vente (`product_value_eur`, un avantage en "
        "nature) et à leur coût pour la marque, colis compris (`product_cost_eur`). Pour Sève, ce coût suit "
        "les hypothèses de la campagne du cours : une unité coûte 7,68 € (prix de 24 € × 32 %, la marge "
        "brute étant de 68 %), un colis 6,90 €. Le coût direct d'une collaboration est "
        "`fee_eur + product_cost_eur` ; le coût total d'une campagne y ajoute les honoraires d'agence, les "
        "outils, les droits d'usage et la sponsorisation.",
        "",
        "La campagne **« Rituel Avoine »** de Sève est celle que vous préparez dans le cours : ses "
        + fr_int(n_rituel) + " collaborations (publiées à partir du lancement du 15 mars 2027, commandes "
        "comptées jusqu'au 30 juin) sont des résultats **simulés**, dans le budget créateurs de 15 000 € de "
        "la campagne. Le fichier `holdout.csv` simule le test régional qui l'accompagne : pendant huit "
        "semaines après le lancement, les contenus des créateurs ont été sponsorisés seulement dans quatre "
        "régions test ; quatre régions témoins, de taille et de ventes comparables, en ont été exclues. On "
        "compare la croissance des commandes par habitant entre les deux groupes, avant et après. Les "
        "contenus non sponsorisés, eux, touchent toutes les régions : le test mesure l'effet du boost, pas "
        "celui de toute la campagne.",
        "",
        "## Dictionnaire des colonnes",
        "",
    ]
    for table in TABLES.values():
        if table.answer_key:
            continue
        out += [
            f"### `{table.path}` : {table.title.lower()}",
            "",
            table.description,
            "",
            *_columns_table(table),
            "",
        ]
    out += [
        "## Le corrigé",
        "",
        "Le corrigé des exercices (quels créateurs sont piégés et comment, quelle tendance porte chaque "
        "série de collaborations, l'effet réellement planté dans le test régional) n'est ni dans cette "
        "page ni dans l'espace de travail des apprenants : il est réservé aux enseignants, dans le dossier "
        "`data/answer_key/` et dans le kit que produit `make teacher-kit` (voir le guide de l'enseignant).",
        "",
    ]
    out += [
        "## Aucune personne réelle",
        "",
        "Les noms affichés combinent un prénom courant et un mot inventé ou tiré de la niche (« Léa des "
        "Bocaux », « Nino Trail ») ; les identifiants en sont dérivés. Le générateur écarte une liste de "
        "noms "
        "de créateurs connus, et les tests le vérifient à nouveau. Les marques (« Sève », « Vrac Mouette », "
        "« Foulée Vive »…) sont inventées elles aussi.",
        "",
        "## Importer votre propre liste",
        "",
        "Pour travailler sur vos propres créateurs, exportez votre tableur en CSV (séparateur point-virgule, "
        "virgule ou tabulation) puis :",
        "",
        "```python",
        "from influence_workbook.data import read_creators_csv",
        "",
        'result = read_creators_csv("ma_liste.csv")',
        "print(result.report())",
        "creators = result.data",
        "```",
        "",
        "Seules quatre colonnes sont obligatoires : un nom ou un identifiant, la plateforme, le nombre "
        "d'abonnés et la moyenne de « j'aime ». Les en-têtes français sont reconnus (« abonnés », « j'aime "
        "», "
        "« commentaires », « plateforme »…), tout comme les nombres écrits « 12 500 », « 12'500 » ou "
        "« 3,5 % ». Chaque ligne refusée est signalée avec son numéro, tel qu'il apparaît dans votre "
        "tableur.",
        "",
    ]
    return "\n".join(_typeset_page(out))


ANSWER_KEY_PAGE_PATH = "data/answer_key/LISEZMOI.md"


def answer_key_lines(trap_counts: Mapping[str, int], pattern_counts: Mapping[str, int]) -> list[str]:
    """The answer key's description, for teachers only (``data/answer_key/LISEZMOI.md``, the kit)."""
    out: list[str] = []
    out += [
        "# Le corrigé des données d'exemple, pour les enseignants",
        "",
        "Le dossier `data/answer_key/` contient la vérité de chaque exercice. Il s'adresse aux enseignants, "
        "pour corriger ou préparer une séance : mieux vaut ne pas l'ouvrir avant d'avoir fait les exercices.",
        "",
        f"- `creators_traps.csv` : {sum(trap_counts.values())} créateurs piégés ("
        + ", ".join(f"{count} `{kind}`" for kind, count in trap_counts.items())
        + "), chacun avec le signal à repérer, chiffres à l'appui.",
        "- `posts_disclosure.csv` : pour chaque publication, si elle était sponsorisée, comment le "
        "partenariat "
        "était signalé et le verdict attendu en France, en Suisse, dans l'UE, aux États-Unis et au "
        "Royaume-Uni.",
        "- `collaboration_patterns.csv` : pour chaque créateur des collaborations, la tendance plantée ("
        + ", ".join(f"{count} `{kind}`" for kind, count in pattern_counts.items())
        + "), chiffres à l'appui.",
        "- `holdout_lift.csv` : ce que mesure le test régional, par mesure (commandes, chiffre d'affaires, "
        "visites), et l'effet réellement planté.",
        "",
        "Les verdicts de mention suivent le tableau de nos notes de recherche : une mention claire en tête "
        "(« Publicité », « Collaboration commerciale », l'outil « Partenariat rémunéré avec… ») est conforme "
        "en France, en Suisse et dans l'UE ; « #ad » convient à la FTC et à l'ASA mais pas en France ; les "
        "mentions ambiguës (« #sp », « #spon », « #collab », un simple « merci ») et les mentions cachées en "
        "fin de légende ne sont conformes nulle part. Une légende est jugée selon le public auquel sa langue "
        "s'adresse : les règles américaines et britanniques ne s'appliquent qu'aux légendes en anglais, les "
        "règles françaises ne s'appliquent pas aux légendes en allemand (verdict `not_applicable`). Le droit "
        "évolue : ces verdicts reflètent les textes en vigueur à la rédaction du cours (loi française "
        "modifiée "
        "par l'ordonnance du 6 novembre 2024, règles de la CSL de 2019, guides de la FTC de 2019 et 2023, "
        "guide de l'ASA de 2023).",
        "",
    ]
    for table in TABLES.values():
        if table.answer_key:
            out += [f"### `{table.path}`", "", table.description, "", *_columns_table(table), ""]
    return out


def render_answer_key_page(data: SampleData) -> str:
    """The teacher's page describing ``data/answer_key/`` (not part of the book or the workspace)."""
    creators = data.creators
    trap_counts = {kind: sum(c.trap == kind for c in creators) for kind in TRAP_COUNTS}
    patterns_by_creator = dict(row[:2] for row in data.rows["collaboration_patterns"])
    pattern_counts = {kind: sum(p == kind for p in patterns_by_creator.values())
                      for kind in schema.COLLABORATION_PATTERN_KINDS}
    return "\n".join(_typeset_page(answer_key_lines(trap_counts, pattern_counts)))


def _typeset_page(lines: Sequence[str]) -> list[str]:
    """Apply French spacing to prose lines; code blocks, comments and table rules stay as they are."""
    result: list[str] = []
    fence: str | None = None
    for line in lines:
        if line.startswith("```"):
            fence = None if fence is not None else line
        elif (fence is None or fence.startswith("```{")) and not line.startswith(("<!--", "|---")):
            line = typeset_fr(line)
        result.append(line)
    return result


# --------------------------------------------------------------------------- files and command line


def build_files(seed: int = SEED) -> dict[str, str]:
    """Every generated file as text, keyed by its path relative to the repository root."""
    data = generate(seed)
    files = {f"data/{table.path}": to_csv(table, data.rows[name]) for name, table in TABLES.items()}
    # Same French typography as every other page (tests/test_typography.py checks them all).
    files[PAGE_PATH] = french_typography(render_page(data, seed))
    files[ANSWER_KEY_PAGE_PATH] = french_typography(render_answer_key_page(data)) + "\n"
    return files


def repository_root() -> Path:
    """The checkout this package was installed from in editable mode (``src/`` layout)."""
    return Path(__file__).resolve().parents[3]


def differences(root: Path, files: Mapping[str, str]) -> list[str]:
    """Paths (relative to ``root``) whose committed bytes differ from ``files``."""
    changed = []
    for relative, text in files.items():
        path = root / relative
        if not path.is_file() or path.read_bytes() != text.encode("utf-8"):
            changed.append(relative)
    return changed


def write_files(root: Path, files: Mapping[str, str]) -> None:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))  # bytes: no platform newline translation, no BOM


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Generate the course's sample data and its data-dictionary page."
    )
    parser.add_argument(
        "--check", action="store_true", help="regenerate in memory and exit 1 if the files on disk differ"
    )
    parser.add_argument("--root", type=Path, default=None, help="repository root (default: this checkout)")
    parser.add_argument("--seed", type=int, default=SEED, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    root: Path = args.root or repository_root()
    if not (root / "pyproject.toml").is_file():
        print(f"error: {root} is not the course repository; pass --root", file=sys.stderr)
        return 2
    files = build_files(args.seed)
    if args.check:
        changed = differences(root, files)
        if changed:
            print(
                "The sample data are out of date; these files differ from a fresh generation:",
                file=sys.stderr,
            )
            for relative in changed:
                print(f"  {relative}", file=sys.stderr)
            print(
                "Run `make data` (python -m influence_workbook.data.generate) and commit the result.",
                file=sys.stderr,
            )
            return 1
        print(f"OK: {len(files)} generated files are up to date.")
        return 0
    write_files(root, files)
    for relative in files:
        print(f"wrote {relative}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
