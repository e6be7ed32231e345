"""The course's figures: chapter 2's engagement, tiers, benchmarks and audience fit; chapters 7–8's KPIs.

Everything here works on one creator (scalars) and on a whole table (pandas, vectorised): the
workshop filters and scores ~400 rows on every click, and ``benchmarks/bench_scoring.py`` scores
a million rows in well under a second. Learner-facing strings are French.

Definitions and sources (see ``research/domain-facts.md`` §1 and chapter 2):

* engagement rate by followers = (likes + comments [+ shares + saves]) / followers × 100
  (HypeAuditor Help Center; GRIN); TikTok benchmarks divide by views instead (HypeAuditor);
* tiers: nano 1k–10k, micro 10k–100k, mid 100k–500k, macro 500k–1M, mega ≥ 1M (Later × Fohr 2021);
* tier benchmarks: the course's reference ranges of *median* rates, built from HypeAuditor
  2023 and 2026, Later × Fohr 2021, Influencer Marketing Hub 2021 and Captiv8 (:data:`BENCHMARKS`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeAlias, overload

import numpy as np
import pandas as pd

from influence_workbook.campaign import BRAND
from influence_workbook.data.schema import TIERS
from influence_workbook.text import find_age_ranges, fold

# --------------------------------------------------------------------------- engagement rate

def engagement_rate(likes: Any, comments: Any, followers: Any, shares: Any = 0, saves: Any = 0) -> Any:
    """Engagement rate by followers, in percent: 3.2 means 3.2 %.

    ``(likes + comments + shares + saves) / followers × 100``. Works on scalars (returns a float)
    and on pandas Series or numpy arrays (vectorised, returns the same kind). Where ``followers``
    is 0, negative or missing, or an interaction count is missing or negative, the rate is NaN:
    a rate that cannot be computed is never shown as infinite and never raises.
    """
    return _rate(_sum_parts(likes, comments, shares, saves), followers)


def engagement_rate_by_views(likes: Any, comments: Any, views: Any, shares: Any = 0, saves: Any = 0) -> Any:
    """Engagement rate by views in percent (TikTok benchmarks use it), NaN where views ≤ 0."""
    return _rate(_sum_parts(likes, comments, shares, saves), views)


def _as_float(value: Any) -> Any:
    """Scalars to float (NaN for anything that is not a finite-ish number); arrays/Series to float."""
    if isinstance(value, pd.Series):
        if pd.api.types.is_numeric_dtype(value.dtype) and not pd.api.types.is_bool_dtype(value.dtype):
            return value.astype("float64")
        return pd.to_numeric(value, errors="coerce").astype("float64")
    if isinstance(value, np.ndarray) and value.dtype.kind in "iuf":
        return value.astype("float64", copy=False)
    if isinstance(value, pd.Index | np.ndarray | list | tuple):
        return pd.to_numeric(pd.Series(np.asarray(value, dtype=object)), errors="coerce").to_numpy("float64")
    if isinstance(value, bool) or value is None:
        return math.nan
    try:
        return float(value)
    except (TypeError, ValueError, OverflowError):
        return math.nan


def _sum_parts(*parts: Any) -> Any:
    total: Any = 0.0
    for part in parts:
        value = _as_float(part)
        if isinstance(value, pd.Series | np.ndarray):
            if isinstance(value, pd.Series):
                value = value.where(value >= 0)
            else:
                value = np.where(value >= 0, value, np.nan)
        elif not value >= 0:  # NaN or negative
            value = math.nan
        total = total + value
    return total


def _rate(numerator: Any, denominator: Any) -> Any:
    denominator = _as_float(denominator)
    if isinstance(numerator, pd.Series) or isinstance(denominator, pd.Series):
        num = numerator if isinstance(numerator, pd.Series) else pd.Series(numerator, index=denominator.index)
        den = denominator if isinstance(denominator, pd.Series) else pd.Series(denominator, index=num.index)
        den = den.where(den > 0)
        rate = 100.0 * num / den
        return rate.where(np.isfinite(rate))
    if isinstance(numerator, np.ndarray) or isinstance(denominator, np.ndarray):
        num_a = np.asarray(numerator, dtype="float64")
        den_a = np.asarray(denominator, dtype="float64")
        with np.errstate(divide="ignore", invalid="ignore"):
            rate_a = 100.0 * num_a / np.where(den_a > 0, den_a, np.nan)
        return np.where(np.isfinite(rate_a), rate_a, np.nan)
    if not denominator > 0 or not math.isfinite(denominator):
        return math.nan
    value = 100.0 * numerator / denominator
    return value if math.isfinite(value) else math.nan


# --------------------------------------------------------------------------- tiers

# One definition of the tiers for the data generator and the scoring: data.schema.TIERS.
TIER_NAMES: tuple[str, ...] = tuple(t.name for t in TIERS)
TIER_LABELS: dict[str, str] = {t.name: t.label for t in TIERS}
#: Lower bounds of each tier (followers ≥ bound); below 1 000 an account is in no tier.
TIER_BOUNDS: tuple[int, ...] = tuple(t.low for t in TIERS)
TIER_SOURCE = ("Paliers de Later × Fohr (2021) : nano 1 000 à 10 000 abonnés, micro 10 000 à 100 000, "
               "intermédiaire 100 000 à 500 000, macro 500 000 à 1 million, méga au-delà d'un million. "
               "D'autres sources arrêtent le micro à 50 000 (Hootsuite).")


def _tier_codes(followers: Any) -> np.ndarray:
    values = np.asarray(_as_float(followers), dtype="float64")
    codes = np.searchsorted(np.asarray(TIER_BOUNDS, dtype="float64"), values, side="right") - 1
    codes = np.where(np.isfinite(values) & (values >= TIER_BOUNDS[0]), codes, -1)
    return codes.astype("int8")


def tier(followers: Any) -> Any:
    """The tier name of a follower count: ``"nano"``, ``"micro"``, ``"mid"``, ``"macro"``, ``"mega"``.

    Bounds are Later × Fohr 2021 (:data:`TIER_SOURCE`); a bound belongs to the upper tier
    (10 000 is micro). Below 1 000 followers, or for a missing/negative count, the tier is
    None (NaN in a Series). A Series gives an ordered categorical Series.
    """
    if isinstance(followers, pd.Series | np.ndarray | list | tuple):
        codes = _tier_codes(followers)
        categorical = pd.Categorical.from_codes(codes, categories=list(TIER_NAMES), ordered=True)
        index = followers.index if isinstance(followers, pd.Series) else None
        return pd.Series(categorical, index=index, name="tier")
    code = int(_tier_codes(np.asarray([_as_float(followers)]))[0])
    return None if code < 0 else TIER_NAMES[code]


# --------------------------------------------------------------------------- benchmarks

PLATFORMS: tuple[str, ...] = ("instagram", "tiktok", "youtube")
PLATFORM_LABELS: dict[str, str] = {"instagram": "Instagram", "tiktok": "TikTok", "youtube": "YouTube"}


@dataclass(frozen=True)
class Formula:
    """How the course computes the engagement rate on one platform, as benchmarks do."""

    platform: str
    numerator: tuple[str, ...]
    denominator: str
    text_fr: str
    source: str


FORMULAS: dict[str, Formula] = {
    "instagram": Formula("instagram", ("avg_likes", "avg_comments"), "followers",
                         "(j'aime + commentaires) / abonnés × 100",
                         "HypeAuditor Help Center ; GRIN ; Later × Fohr 2021"),
    "tiktok": Formula("tiktok", ("avg_likes", "avg_comments", "avg_shares"), "avg_views",
                      "(j'aime + commentaires + partages) / vues × 100",
                      "HypeAuditor, « What is TikTok engagement rate » (vers 2023)"),
    "youtube": Formula("youtube", ("avg_likes", "avg_comments"), "followers",
                       "(j'aime + commentaires) / abonnés × 100",
                       "Influencer Marketing Hub, Benchmark Report 2021"),
}


@dataclass(frozen=True)
class Benchmark:
    """A tier's reference range of *median* engagement rates on one platform, with its sources.

    ``reference_pct`` (the middle of the range) is what ``er_vs_benchmark`` divides by; a rate
    below ``low_pct`` is under the benchmark.
    """

    platform: str
    tier: str
    low_pct: float
    high_pct: float
    formula: str
    statistic: str
    source: str

    @property
    def reference_pct(self) -> float:
        return round((self.low_pct + self.high_pct) / 2, 2)


_IG_SOURCE = ("Fourchette du cours bâtie sur HypeAuditor 2023 (nano 2,78 %), HypeAuditor 2026 via EMARKETER "
              "(médianes : nano 1,78 %, micro 10–50 k 0,54 %, méga 0,33 %), Later × Fohr 2021 (moyenne "
              "1,9–2,2 %) et Influencer Marketing Hub 2021 (micro 3,86 %, méga 1,21 %) ; le bas de chaque "
              "fourchette est la plus basse médiane publiée pour le palier : un taux au-dessus d'une "
              "médiane publiée n'est jamais « sous le repère »")
_TT_SOURCE = ("Fourchette du cours sur les vues : HypeAuditor (TikTok, vues, 30 dernières publications), "
              "Captiv8 via EMARKETER (> 1,5 M : 4,95 %), Influencer Marketing Hub 2021 (micro ≈ 18 %, "
              "méga ≈ 5 %) ; sur TikTok le taux ne baisse pas avec la taille")
_YT_SOURCE = "Fourchette du cours encadrant Influencer Marketing Hub 2021 (micro 1,64 %, méga 0,37 %)"

_RANGES: dict[tuple[str, str], tuple[float, float]] = {
    # The low end of each Instagram range is the lowest published *median* for the tier (HypeAuditor 2026:
    # nano 1.78 %, micro 10-50k 0.54 %, mega 0.33 %): a rate above a published median is never « sous le repère ».
    ("instagram", "nano"): (1.5, 4.0), ("instagram", "micro"): (0.5, 2.5), ("instagram", "mid"): (0.5, 1.5),
    ("instagram", "macro"): (0.4, 1.0), ("instagram", "mega"): (0.3, 0.8),
    **{("tiktok", name): (4.0, 12.0) for name in TIER_NAMES},
    ("youtube", "nano"): (1.0, 2.5), ("youtube", "micro"): (0.7, 2.0), ("youtube", "mid"): (0.5, 1.2),
    ("youtube", "macro"): (0.3, 0.9), ("youtube", "mega"): (0.2, 0.6),
}
_SOURCES = {"instagram": _IG_SOURCE, "tiktok": _TT_SOURCE, "youtube": _YT_SOURCE}

#: The tier benchmark per platform: one :class:`Benchmark` per (platform, tier).
BENCHMARKS: dict[tuple[str, str], Benchmark] = {
    (platform, name): Benchmark(platform, name, low, high, FORMULAS[platform].text_fr,
                                "médiane par palier", _SOURCES[platform])
    for (platform, name), (low, high) in _RANGES.items()
}


def benchmark_table() -> pd.DataFrame:
    """The benchmark constant as a French table (what the chapter shows)."""
    rows = [
        {"Plateforme": PLATFORM_LABELS[b.platform], "Palier": TIER_LABELS[b.tier],
         "Repère bas (%)": b.low_pct, "Repère haut (%)": b.high_pct, "Repère central (%)": b.reference_pct,
         "Formule": b.formula, "Statistique": b.statistic}
        for b in BENCHMARKS.values()
    ]
    return pd.DataFrame(rows)


def _lookup(values: Mapping[tuple[str, str], float]) -> np.ndarray:
    table = np.full((len(PLATFORMS), len(TIER_NAMES)), np.nan)
    for (platform, name), value in values.items():
        table[PLATFORMS.index(platform), TIER_NAMES.index(name)] = value
    return table


_REF_TABLE = _lookup({key: b.reference_pct for key, b in BENCHMARKS.items()})
_LOW_TABLE = _lookup({key: b.low_pct for key, b in BENCHMARKS.items()})
_HIGH_TABLE = _lookup({key: b.high_pct for key, b in BENCHMARKS.items()})

ER_VERDICTS: tuple[str, ...] = ("sous le repère", "dans le repère", "au-dessus du repère",
                                "anormalement haut")
#: A rate above this many times the high end of the range is suspicious (engagement pods, bought likes).
ABNORMAL_FACTOR = 2.5

# --------------------------------------------------------------------------- audience quality

#: Thresholds of the audience-quality signals (illustrative, after HypeAuditor and inzpire.me signals).
SPIKE_DAILY_GROWTH_PCT = 5.0  # one day with > 5 % new followers
SPIKE_MONTHLY_GROWTH_PCT = 40.0  # or > 40 % in 30 days
LOW_COMMENT_LIKE_RATIO = 0.004  # fewer than 1 comment per 250 likes
HIGH_SUSPICIOUS_PCT = 30.0  # more than 30 % of followers flagged by the audit tool
HIGH_GENERIC_SHARE = 0.5  # more than half the comments are « 🔥🔥 », « Trop beau 😍 »

QUALITY_REASONS: tuple[str, ...] = (
    "pic d'abonnés suspect (croissance brutale en peu de temps)",
    "très peu de commentaires par rapport aux j'aime",
    "part élevée d'abonnés suspects",
    "commentaires surtout génériques",
)
QUALITY_LEVELS: tuple[str, ...] = ("fiable", "à vérifier", "suspecte")
_N_FLAGS = len(QUALITY_REASONS)
_REASON_STRINGS = np.array(
    ["\u202f; ".join(r for bit, r in enumerate(QUALITY_REASONS) if flags & (1 << bit))
     or "aucun signal d'alerte" for flags in range(1 << _N_FLAGS)], dtype=object)
_LEVEL_BY_FLAGS = np.array([min(bin(flags).count("1"), 2) for flags in range(1 << _N_FLAGS)], dtype="int8")


def audience_quality(followers_growth_30d_pct: Any = 0, max_daily_growth_pct: Any = 0, avg_likes: Any = 0,
                     avg_comments: Any = 0, suspicious_followers_pct: Any = 0,
                     generic_comment_share: Any = 0) -> tuple[str, list[str]]:
    """The verdict for one creator: (« fiable » | « à vérifier » | « suspecte », French reasons)."""
    frame = pd.DataFrame({
        "follower_growth_30d_pct": [_as_float(followers_growth_30d_pct)],
        "max_daily_growth_pct": [_as_float(max_daily_growth_pct)],
        "avg_likes": [_as_float(avg_likes)], "avg_comments": [_as_float(avg_comments)],
        "suspicious_followers_pct": [_as_float(suspicious_followers_pct)],
        "generic_comment_share": [_as_float(generic_comment_share)],
    })
    flags = int(_quality_flags(frame)[0])
    reasons = [r for bit, r in enumerate(QUALITY_REASONS) if flags & (1 << bit)]
    return QUALITY_LEVELS[_LEVEL_BY_FLAGS[flags]], reasons


def _column(df: pd.DataFrame, name: str) -> np.ndarray:
    if name not in df.columns:
        return np.full(len(df), np.nan)
    column = df[name]
    if not pd.api.types.is_numeric_dtype(column) or pd.api.types.is_bool_dtype(column):
        column = pd.to_numeric(column, errors="coerce")
    return np.asarray(column.to_numpy(dtype="float64", na_value=np.nan))


def _codes(df: pd.DataFrame, name: str, categories: tuple[str, ...], upper: bool = False) -> np.ndarray:
    """Integer codes of a text column against ``categories`` (-1 elsewhere), case-insensitive.

    Factorises first, so the string work is done once per distinct value, not once per row.
    """
    if name not in df.columns:
        return np.full(len(df), -1, dtype="int16")
    codes, uniques = pd.factorize(df[name], use_na_sentinel=True)
    lookup = []
    for unique in uniques:
        text = str(unique).strip()
        text = text.upper() if upper else text.lower()
        lookup.append(categories.index(text) if text in categories else -1)
    lookup.append(-1)  # factorize's -1 for missing values
    result: np.ndarray = np.asarray(lookup, dtype="int16")[codes]
    return result


def _isin(df: pd.DataFrame, name: str, values: Iterable[str], upper: bool = False) -> np.ndarray:
    wanted = tuple(dict.fromkeys(v.strip().upper() if upper else v.strip().lower() for v in values))
    return _codes(df, name, wanted, upper) >= 0


def _comment_like_ratio(df: pd.DataFrame) -> np.ndarray:
    likes = _column(df, "avg_likes")
    comments = _column(df, "avg_comments")
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = comments / np.where(likes > 0, likes, np.nan)
    return np.where(np.isfinite(ratio) & (comments >= 0), ratio, np.nan)


def _quality_flags(df: pd.DataFrame, ratio: np.ndarray | None = None) -> np.ndarray:
    growth = _column(df, "follower_growth_30d_pct")
    daily = _column(df, "max_daily_growth_pct")
    likes = _column(df, "avg_likes")
    ratio = _comment_like_ratio(df) if ratio is None else ratio
    suspicious = _column(df, "suspicious_followers_pct")
    generic = _column(df, "generic_comment_share")
    flags = np.zeros(len(df), dtype="int8")
    flags |= ((daily > SPIKE_DAILY_GROWTH_PCT) | (growth > SPIKE_MONTHLY_GROWTH_PCT)).astype("int8")
    flags |= (((ratio < LOW_COMMENT_LIKE_RATIO) & (likes >= 100)).astype("int8") << 1)
    flags |= ((suspicious > HIGH_SUSPICIOUS_PCT).astype("int8") << 2)
    flags |= ((generic > HIGH_GENERIC_SHARE).astype("int8") << 3)
    return flags


# --------------------------------------------------------------------------- audience target

COUNTRY_NAMES: dict[str, str] = {
    "FR": "France", "CH": "Suisse", "BE": "Belgique", "CA": "Canada", "LU": "Luxembourg", "DE": "Allemagne",
    "AT": "Autriche", "GB": "Royaume-Uni", "US": "États-Unis", "MA": "Maroc", "SN": "Sénégal",
    "CI": "Côte d'Ivoire", "ES": "Espagne", "IT": "Italie",
}
_COUNTRY_PATTERNS: dict[str, str] = {
    "FR": r"\bfrance\b|\bfrancais(?:es?)?\b|\bhexagone\b|\blyon\w*|\bparis\w*|\bmarseill\w*",
    "CH": r"\bsuisses?\b|\bromand(?:e|es|s)?\b|\bgeneve\b|\blausanne\b|\bhelveti\w*",
    "BE": r"\bbelg\w*|\bbruxelles\b|\bwallon\w*",
    "CA": r"\bcanad\w*|\bquebec\w*",
    "LU": r"\bluxembourg\w*",
    "DE": r"\ballemagne\b|\ballemand(?:e|es|s)?\b",
    "AT": r"\bautriche\b",
    "GB": r"\broyaume-uni\b|\bangleterre\b|\bbritanni\w*",
    "US": r"\betats-unis\b|\bamericain\w*|\busa\b",
    "MA": r"\bmaroc\w*", "SN": r"\bsenegal\w*", "CI": r"\bcote d'ivoire\b|\bivoirien\w*",
    "ES": r"\bespagne\b", "IT": r"\bitalie\b",
}
AGE_BRACKETS: tuple[str, ...] = ("13-17", "18-24", "25-34", "35-44", "45+")
_BRACKET_BOUNDS: dict[str, tuple[int, int]] = {"13-17": (13, 17), "18-24": (18, 24), "25-34": (25, 34),
                                               "35-44": (35, 44), "45+": (45, 99)}
#: Niches that suit the campaign's product (solid, refillable cosmetics, zero waste).
CAMPAIGN_NICHES: tuple[str, ...] = ("beaute", "ecologie", "lifestyle")
NICHE_LABELS: dict[str, str] = {
    "beaute": "beauté", "mode": "mode", "cuisine": "cuisine", "sport": "sport", "voyage": "voyage",
    "tech": "tech", "parentalite": "parentalité", "ecologie": "écologie", "gaming": "jeux vidéo",
    "lifestyle": "art de vivre",
}
#: Minimum estimated share of the audience in the target countries, and in the target ages.
MIN_COUNTRY_SHARE = 0.5
MIN_AGE_SHARE = 0.5


@dataclass(frozen=True)
class AudienceTarget:
    """Who the campaign wants to reach, read from the chapter-1 objective (or the brand's default)."""

    countries: tuple[str, ...] = tuple(BRAND.markets)
    age_low: int = 18
    age_high: int = 34
    niches: tuple[str, ...] = CAMPAIGN_NICHES
    languages: tuple[str, ...] = ("fr",)
    from_objective: bool = False
    notes: tuple[str, ...] = field(default_factory=tuple)

    def describe(self) -> str:
        countries = ", ".join(COUNTRY_NAMES.get(c, c) for c in self.countries)
        return f"{countries} ; {self.age_low}-{self.age_high} ans"


DEFAULT_TARGET = AudienceTarget()


def target_from_objective(text: object, *, markets: Iterable[str] | None = None,
                          niches: Iterable[str] | None = None, audience: str = "") -> AudienceTarget:
    """Countries and ages named in a French objective; the campaign's defaults for what is missing.

    ``markets`` (country codes), ``niches`` and ``audience`` (a French description whose ages are
    read) describe the learner's own campaign; without them, Sève's markets, niches and 18-34 ans.
    """
    default_countries = tuple(code for code in (markets if markets is not None else BRAND.markets)
                              if code in COUNTRY_NAMES) or tuple(BRAND.markets)
    named_markets = _and_join([COUNTRY_NAMES[code] for code in default_countries])
    chosen_niches = tuple(niches) if niches is not None else CAMPAIGN_NICHES
    audience_ranges = [r for r in find_age_ranges(fold(audience[:500])) if 10 <= r.low < r.high <= 99]
    if audience_ranges:
        default_low, default_high = audience_ranges[0].low, audience_ranges[0].high
    else:
        default_low, default_high = DEFAULT_TARGET.age_low, DEFAULT_TARGET.age_high
    if not isinstance(text, str) or not text.strip():
        return AudienceTarget(countries=default_countries, age_low=default_low, age_high=default_high,
                              niches=chosen_niches,
                              notes=(f"Pas d'objectif du chapitre 1 : la cible par défaut de la campagne est "
                                     f"utilisée ({named_markets}, {default_low}-{default_high} ans).",))
    folded = fold(text[:5_000])
    countries = tuple(code for code, pattern in _COUNTRY_PATTERNS.items() if re.search(pattern, folded))
    ranges = [r for r in find_age_ranges(folded) if 10 <= r.low < r.high <= 99]
    notes: list[str] = []
    if not countries:
        countries = default_countries
        notes.append(f"Votre objectif ne nomme pas de pays : {named_markets} (marchés de la campagne) "
                     f"{'sont utilisés' if len(countries) > 1 else 'est utilisé'}.")
    if ranges:
        low, high = min(r.low for r in ranges), max(r.high for r in ranges)
    else:
        low, high = default_low, default_high
        notes.append(f"Votre objectif ne donne pas de tranche d'âge : les {low}-{high} ans (cœur de cible de "
                     f"la campagne) sont utilisés.")
    return AudienceTarget(countries=countries, age_low=low, age_high=high, niches=chosen_niches,
                          from_objective=True, notes=tuple(notes))


def _and_join(words: list[str]) -> str:
    """« la France », « la France et la Suisse »: country names with their article, joined in French."""
    with_article = [_COUNTRY_ARTICLES.get(word, "") + word for word in words]
    if len(with_article) <= 1:
        return "".join(with_article)
    return ", ".join(with_article[:-1]) + " et " + with_article[-1]


_COUNTRY_ARTICLES = {"France": "la ", "Suisse": "la ", "Belgique": "la ", "Allemagne": "l'", "Autriche": "l'",
                     "Espagne": "l'", "Italie": "l'", "Royaume-Uni": "le ", "Canada": "le ", "Luxembourg": "le ",
                     "Maroc": "le ", "Sénégal": "le ", "États-Unis": "les ", "Côte d'Ivoire": "la "}


def _overlap(low: int, high: int, other_low: int, other_high: int) -> float:
    """Share of [other_low, other_high] (whole years) covered by [low, high]."""
    covered = min(high, other_high) - max(low, other_low) + 1
    return max(covered, 0) / (other_high - other_low + 1)


def _audience_shares(df: pd.DataFrame, target: AudienceTarget) -> tuple[np.ndarray, np.ndarray]:
    """Estimated share of each audience in the target countries and in the target ages.

    NaN where the table says nothing about the audience (an imported list without those columns).
    """
    raw_fr, raw_ch = _column(df, "audience_share_fr"), _column(df, "audience_share_ch")
    country_known = ~(np.isnan(raw_fr) & np.isnan(raw_ch))
    if "audience_main_country" in df.columns:
        country_known |= _codes(df, "audience_main_country", tuple(COUNTRY_NAMES), upper=True) >= 0
    share_fr = np.nan_to_num(raw_fr, nan=0.0)
    share_ch = np.nan_to_num(raw_ch, nan=0.0)
    country = np.zeros(len(df))
    if "FR" in target.countries:
        country += share_fr
    if "CH" in target.countries:
        country += share_ch
    others = [c for c in target.countries if c not in ("FR", "CH")]
    if others and "audience_main_country" in df.columns:
        # Only the main country is known beyond France and Switzerland: count the rest of the audience.
        main = _isin(df, "audience_main_country", others, upper=True)
        country += np.where(main, np.clip(1.0 - share_fr - share_ch, 0.0, 1.0), 0.0)
    country = np.where(country_known, np.clip(country, 0.0, 1.0), np.nan)

    young = _column(df, "audience_share_18_34")
    inside = _overlap(target.age_low, target.age_high, 18, 34)
    age = np.where(np.isnan(young), np.nan, np.nan_to_num(young) * inside)
    if "audience_main_age" in df.columns:
        main_age = _codes(df, "audience_main_age", AGE_BRACKETS)
        bonus_by_bracket = [
            0.0 if low >= 18 and high <= 34 else _overlap(target.age_low, target.age_high, low, high)
            for low, high in (_BRACKET_BOUNDS[b] for b in AGE_BRACKETS)
        ]
        outside_bonus = np.asarray([*bonus_by_bracket, 0.0])[main_age]
        # The main bracket lies outside 18-34 and inside the target: count half the rest of the audience.
        age = age + np.where(np.isnan(young), 0.0, 1.0 - np.nan_to_num(young)) * outside_bonus * 0.5
    return country, np.clip(age, 0.0, 1.0)


# --------------------------------------------------------------------------- scoring

#: CPM (cost per 1 000 views) usually paid per platform, in euros: Inzpire.me knowledge base
#: (Nordic booking platform, « thousands of bookings over 2 years »), domain-facts §2.1.
CPM_REFERENCE_EUR: dict[str, tuple[float, float]] = {"instagram": (30.0, 40.0), "tiktok": (23.0, 33.0),
                                                     "youtube": (45.0, 55.0)}
CPM_SOURCE = "Inzpire.me : CPM de 30 à 40 € sur Instagram, 23 à 33 € sur TikTok, 45 à 55 € sur YouTube"
#: A CPM above this many times the top of the platform's range is far above the going rate.
HIGH_PRICE_FACTOR = 3.5
_CPM_MID = np.array([sum(CPM_REFERENCE_EUR[p]) / 2 for p in PLATFORMS] + [np.nan])
_CPM_TOP = np.array([CPM_REFERENCE_EUR[p][1] for p in PLATFORMS] + [np.nan])

_FORMULA_TEXTS: tuple[str, ...] = (*dict.fromkeys(FORMULAS[p].text_fr for p in PLATFORMS),
                                   "formule inconnue (plateforme ?)")
_FORMULA_CODES = np.array([_FORMULA_TEXTS.index(FORMULAS[p].text_fr) for p in PLATFORMS]
                          + [len(_FORMULA_TEXTS) - 1], dtype="int8")

SCORED_COLUMNS: tuple[str, ...] = (
    "engagement_rate", "er_formula", "tier", "tier_benchmark", "benchmark_low", "benchmark_high",
    "er_vs_benchmark", "er_verdict", "comment_like_ratio", "audience_quality", "quality_reasons",
    "quality_flags", "audience_country_share", "audience_age_share", "audience_fit", "audience_fit_ok",
    "niche_fit", "cpm_eur", "cpm_vs_reference", "high_price",
)


#: Key of ``DataFrame.attrs`` where :func:`score_creators` records the target it scored for.
SCORED_FOR = "influence_workbook.scored_for"


def score_creators(df: pd.DataFrame, target: AudienceTarget | None = None) -> pd.DataFrame:
    """A copy of ``df`` with the computed columns of chapter 2, all vectorised.

    * ``engagement_rate``: % with the platform's formula (``er_formula``); NaN when not computable;
    * ``tier``, ``tier_benchmark`` (reference %, middle of the range), ``benchmark_low``/``high``,
      ``er_vs_benchmark`` (rate ÷ reference: 1.0 = at the benchmark), ``er_verdict``;
    * ``audience_quality`` (« fiable », « à vérifier », « suspecte ») and ``quality_reasons`` (French);
    * ``audience_country_share``, ``audience_age_share`` (estimated, 0–1), ``audience_fit`` (their
      product), ``audience_fit_ok``; ``niche_fit`` for the campaign;
    * ``cpm_eur`` (fee per 1 000 average views), ``cpm_vs_reference`` (÷ the middle of the
      platform's usual CPM, :data:`CPM_REFERENCE_EUR`), ``high_price`` (> 3.5 × its top).

    Missing columns give NaN rather than an error, so an imported file with gaps still scores.
    """
    target = target or DEFAULT_TARGET
    out = df.copy(deep=False)  # new columns only: the caller's table is never changed
    p_codes = _codes(out, "platform", PLATFORMS)
    likes, comments = _column(out, "avg_likes"), _column(out, "avg_comments")
    shares, views = _column(out, "avg_shares"), _column(out, "avg_views")
    followers = _column(out, "followers")
    by_followers = engagement_rate(likes, comments, followers)
    by_views = engagement_rate_by_views(likes, comments, views, np.nan_to_num(shares, nan=0.0))
    rate = np.where(p_codes == PLATFORMS.index("tiktok"), by_views,
                    np.where(p_codes >= 0, by_followers, np.nan))
    out["engagement_rate"] = rate
    formula_codes = _FORMULA_CODES[np.where(p_codes >= 0, p_codes, len(PLATFORMS))]
    out["er_formula"] = pd.Categorical.from_codes(formula_codes, categories=list(_FORMULA_TEXTS))

    t_codes = _tier_codes(followers)
    out["tier"] = pd.Categorical.from_codes(t_codes, categories=list(TIER_NAMES), ordered=True)
    known = (p_codes >= 0) & (t_codes >= 0)
    safe_p, safe_t = np.where(known, p_codes, 0), np.where(known, t_codes, 0)
    reference = np.where(known, _REF_TABLE[safe_p, safe_t], np.nan)
    low = np.where(known, _LOW_TABLE[safe_p, safe_t], np.nan)
    high = np.where(known, _HIGH_TABLE[safe_p, safe_t], np.nan)
    out["tier_benchmark"] = reference
    out["benchmark_low"] = low
    out["benchmark_high"] = high
    with np.errstate(divide="ignore", invalid="ignore"):
        out["er_vs_benchmark"] = rate / reference
    verdict = np.select([rate < low, rate <= high, rate <= high * ABNORMAL_FACTOR,
                         rate > high * ABNORMAL_FACTOR], [0, 1, 2, 3], default=-1).astype("int8")
    out["er_verdict"] = pd.Categorical.from_codes(verdict, categories=list(ER_VERDICTS))

    ratio = _comment_like_ratio(out)
    out["comment_like_ratio"] = ratio
    flags = _quality_flags(out, ratio)
    out["quality_flags"] = flags
    out["audience_quality"] = pd.Categorical.from_codes(_LEVEL_BY_FLAGS[flags],
                                                        categories=list(QUALITY_LEVELS), ordered=True)
    out["quality_reasons"] = pd.Categorical.from_codes(flags, categories=list(_REASON_STRINGS))

    country, age = _audience_shares(out, target)
    out["audience_country_share"] = country
    out["audience_age_share"] = age
    out["audience_fit"] = country * age
    out["audience_fit_ok"] = (country >= MIN_COUNTRY_SHARE) & (age >= MIN_AGE_SHARE)
    out["niche_fit"] = _isin(out, "niche", target.niches)
    fee = _column(out, "fee_per_post_eur")
    with np.errstate(divide="ignore", invalid="ignore"):
        cpm = 1000.0 * fee / np.where(views > 0, views, np.nan)
    cpm = np.where(np.isfinite(cpm) & (fee >= 0), cpm, np.nan)
    platform_index = np.where(p_codes >= 0, p_codes, len(PLATFORMS))
    out["cpm_eur"] = cpm
    out["cpm_vs_reference"] = cpm / _CPM_MID[platform_index]
    out["high_price"] = cpm > HIGH_PRICE_FACTOR * _CPM_TOP[platform_index]
    out.attrs[SCORED_FOR] = target
    return out


# --------------------------------------------------------------------------- filtering


def _choices(value: object) -> list[str] | None:
    """None for « no filter » (None, "", "toutes", empty list); else the chosen values as strings."""
    if value is None or value is Ellipsis:
        return None
    items: Iterable[Any] = [value] if isinstance(value, str | int | float) else value  # type: ignore[assignment]
    try:
        chosen = [str(v).strip() for v in items if v is not None and str(v).strip()]
    except TypeError:
        return None
    chosen = [v for v in chosen if fold(v) not in {"toutes", "tous", "all", "*"}]
    return chosen or None


def _number(value: object) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


#: An audience counts as « in » France or Switzerland from this share on, even if not the main country.
MIN_SHARE_FOR_COUNTRY_FILTER = 0.3


def filter_creators(df: pd.DataFrame, platform: object = None, niche: object = None, language: object = None,
                    audience_country: object = None, audience_age: object = None,
                    followers_min: object = None, followers_max: object = None,
                    fee_max: object = None) -> pd.DataFrame:
    """The rows of ``df`` that match every filter given (None or « toutes » = no filter).

    ``platform``, ``niche``, ``language``: one value or a list. ``audience_country``: ISO codes;
    FR and CH match when it is the main country or at least 30 % of the audience. ``audience_age``:
    a bracket (``"18-24"``…) matched on the main bracket, or ``"18-34"`` (half the audience or
    more). Bounds are inclusive. Vectorised; unknown columns are ignored; never raises.
    """
    if not isinstance(df, pd.DataFrame):
        return pd.DataFrame()
    mask = np.ones(len(df), dtype=bool)

    def isin(column: str, values: list[str] | None) -> None:
        nonlocal mask
        if values is None or column not in df.columns:
            return
        mask &= _isin(df, column, values)

    isin("platform", _choices(platform))
    isin("niche", _choices(niche))
    isin("language", _choices(language))
    countries = _choices(audience_country)
    if countries is not None:
        wanted = [c.upper() for c in countries]
        hit = np.zeros(len(df), dtype=bool)
        if "audience_main_country" in df.columns:
            hit |= _isin(df, "audience_main_country", wanted, upper=True)
        for code, column in (("FR", "audience_share_fr"), ("CH", "audience_share_ch")):
            if code in wanted and column in df.columns:
                hit |= _column(df, column) >= MIN_SHARE_FOR_COUNTRY_FILTER
        mask &= hit
    ages = _choices(audience_age)
    if ages is not None:
        hit = np.zeros(len(df), dtype=bool)
        brackets = [a for a in ages if a in AGE_BRACKETS]
        if brackets and "audience_main_age" in df.columns:
            hit |= _isin(df, "audience_main_age", brackets)
        if "18-34" in ages and "audience_share_18_34" in df.columns:
            hit |= _column(df, "audience_share_18_34") >= 0.5
        mask &= hit
    followers = _column(df, "followers") if "followers" in df.columns else None
    low, high = _number(followers_min), _number(followers_max)
    if followers is not None and low is not None:
        mask &= followers >= low
    if followers is not None and high is not None:
        mask &= followers <= high
    fee_limit = _number(fee_max)
    if fee_limit is not None and "fee_per_post_eur" in df.columns:
        mask &= _column(df, "fee_per_post_eur") <= fee_limit
    return df.loc[mask]


# --------------------------------------------------------------------------- display


def french_table(scored: pd.DataFrame) -> pd.DataFrame:
    """The key computed columns of a scored table, with French headers and French number formats."""
    from influence_workbook.text import format_number

    def pct(value: Any, decimals: int = 1) -> str:
        number = _as_float(value)
        return "—" if math.isnan(number) else f"{format_number(number, decimals)}\u202f%"

    rows = []
    for _, row in scored.iterrows():
        tier_name = row.get("tier")
        low, high = row.get("benchmark_low"), row.get("benchmark_high")
        fee = _as_float(row.get("fee_per_post_eur"))
        rows.append({
            "Créateur": f"@{str(row.get('handle') or row.get('creator_id'))[:30]}",
            "Thématique": NICHE_LABELS.get(str(row.get("niche")), str(row.get("niche") or "—")),
            "Palier": "—" if pd.isna(tier_name) else TIER_LABELS.get(str(tier_name), "—"),
            "Plateforme": PLATFORM_LABELS.get(str(row.get("platform")), "—"),
            "Abonnés": "—" if pd.isna(row.get("followers")) else format_number(_as_float(row["followers"])),
            "Taux d'engagement": pct(row.get("engagement_rate"), 2),
            "Repère du palier": "—" if pd.isna(low) else f"{format_number(float(low), 1)} à {pct(high)}",
            "Qualité d'audience": str(row.get("audience_quality")),
            "Audience dans vos pays": pct(100 * _as_float(row.get("audience_country_share")), 0),
            "Tarif": "—" if math.isnan(fee) else f"{format_number(fee)}\u00a0€",
        })
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------- campaign results (chapters 7 and 8)
#
# Cost and return ratios, in the cost's currency unless said otherwise. Each works on scalars
# (returns a float) and on pandas Series or numpy arrays (vectorised, returns the same kind,
# Series aligned on their index). A denominator that is zero, negative, missing or infinite
# gives NaN, never inf and never an exception; so does a numerator that is missing or negative
# (a cost, a revenue or a count cannot be negative). Formulas: domain-facts §4 (organicmediabuying.com,
# influencerfee.com) and the course's chapter 8.

Scalar: TypeAlias = float | int | None
# Vectors (pandas Series, numpy arrays) give the same kind back; mypy sees pandas as Any here.


def _finite(value: Any, *, positive: bool) -> Any:
    """``value`` as float(s), NaN where it is missing, not finite, negative (or zero if ``positive``)."""
    number = _as_float(value)
    if isinstance(number, pd.Series):
        keep = (number > 0) if positive else (number >= 0)
        return number.where(keep & np.isfinite(number))
    if isinstance(number, np.ndarray):
        with np.errstate(invalid="ignore"):
            keep = (number > 0) if positive else (number >= 0)
        return np.where(keep & np.isfinite(number), number, np.nan)
    if not math.isfinite(number) or not (number > 0 if positive else number >= 0):
        return math.nan
    return number


def _ratio(numerator: Any, denominator: Any, scale: float = 1.0) -> Any:
    """``scale × numerator / denominator`` with the NaN rules above, for scalars, Series and arrays."""
    num = _finite(numerator, positive=False)
    den = _finite(denominator, positive=True)
    if isinstance(num, pd.Series) or isinstance(den, pd.Series):
        result = scale * num / den
        if not isinstance(result, pd.Series):  # pragma: no cover - pandas always returns a Series here
            result = pd.Series(result)
        return result.where(np.isfinite(result)).astype("float64")
    if isinstance(num, np.ndarray) or isinstance(den, np.ndarray):
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            array = scale * np.asarray(num, dtype="float64") / np.asarray(den, dtype="float64")
        return np.where(np.isfinite(array), array, np.nan)
    value = scale * num / den
    return value if math.isfinite(value) else math.nan


@overload
def cpm(cost: Scalar, impressions: Scalar) -> float: ...
@overload
def cpm(cost: Any, impressions: Any) -> Any: ...
def cpm(cost: Any, impressions: Any) -> Any:
    """Cost per thousand impressions: ``CPM = cost / impressions × 1 000``.

    >>> cpm(450, 30_000)
    15.0
    """
    return _ratio(cost, impressions, 1000.0)


@overload
def cpe(cost: Scalar, engagements: Scalar) -> float: ...
@overload
def cpe(cost: Any, engagements: Any) -> Any: ...
def cpe(cost: Any, engagements: Any) -> Any:
    """Cost per engagement: ``CPE = cost / engagements`` (likes, comments, shares, saves).

    >>> cpe(450, 900)
    0.5
    """
    return _ratio(cost, engagements)


@overload
def cpc(cost: Scalar, clicks: Scalar) -> float: ...
@overload
def cpc(cost: Any, clicks: Any) -> Any: ...
def cpc(cost: Any, clicks: Any) -> Any:
    """Cost per click on the tracked link: ``CPC = cost / clicks``.

    >>> cpc(450, 300)
    1.5
    """
    return _ratio(cost, clicks)


@overload
def cpa(cost: Scalar, conversions: Scalar) -> float: ...
@overload
def cpa(cost: Any, conversions: Any) -> Any: ...
def cpa(cost: Any, conversions: Any) -> Any:
    """Cost per acquisition (here, per attributed order): ``CPA = cost / conversions``.

    It pays when it stays under the break-even CPA, ``average basket × gross margin rate``
    (:attr:`influence_workbook.campaign.Campaign.break_even_cpa`). No order gives NaN, not inf.

    >>> cpa(450, 18)
    25.0
    """
    return _ratio(cost, conversions)


@overload
def roas(revenue: Scalar, cost: Scalar) -> float: ...
@overload
def roas(revenue: Any, cost: Any) -> Any: ...
def roas(revenue: Any, cost: Any) -> Any:
    """Return on ad spend, as a ratio: ``ROAS = attributed revenue / cost`` (2.5 means 2,5 € per 1 €).

    ROAS ignores the margin: a campaign breaks even at ``ROAS = 1 / gross margin rate``
    (1,47 for a 68 % margin), not at 1.

    >>> roas(1_125, 450)
    2.5
    """
    return _ratio(revenue, cost)


@overload
def roi(revenue: Scalar, cost: Scalar, margin_rate: Scalar) -> float: ...
@overload
def roi(revenue: Any, cost: Any, margin_rate: Any) -> Any: ...
def roi(revenue: Any, cost: Any, margin_rate: Any) -> Any:
    """Return on investment in percent, on gross margin:

    ``ROI = (revenue × margin rate − total cost) / total cost × 100``

    ``margin_rate`` is a share from 0 to 1 (0.68 for 68 %); outside it the ROI is NaN. Computing
    it on revenue (``(revenue − cost) / cost``) is the common error: it counts the cost of the goods
    sold as profit. ROI is 0 exactly when ROAS equals 1 / margin rate.

    >>> round(roi(1_125, 450, 0.68), 1)
    70.0
    """
    rate = _as_float(margin_rate)
    if isinstance(rate, pd.Series):
        rate = rate.where((rate >= 0) & (rate <= 1))
    elif isinstance(rate, np.ndarray):
        with np.errstate(invalid="ignore"):
            rate = np.where((rate >= 0) & (rate <= 1), rate, np.nan)
    elif not 0 <= rate <= 1:
        rate = math.nan
    margin = _finite(revenue, positive=False) * rate
    # Scaled inside _ratio, like lift: its finiteness rule then covers the × 100 too (a huge margin over a
    # tiny cost gave a finite ratio that × 100 overflowed to inf).
    return _ratio(margin, cost, 100.0) - 100.0


@overload
def lift(test: Scalar, control: Scalar) -> float: ...
@overload
def lift(test: Any, control: Any) -> Any: ...
def lift(test: Any, control: Any) -> Any:
    """Incremental lift in percent: ``lift = (test − control) / control × 100``.

    ``test`` and ``control`` are the same measure in the exposed and the held-out group (orders
    per 100 000 inhabitants, sales growth, ad recall…), so that they are comparable.

    >>> lift(115, 100)
    15.0
    """
    return _ratio(test, control, 100.0) - 100.0


def emv(impressions: Any, benchmark_cpm: Any) -> Any:
    """« Earned media value » in its common variant: ``impressions × benchmark CPM / 1 000``.

    There is no standard EMV (every vendor has its own rates) and it measures no sale: the
    course computes it only to show how little it says (AMEC Barcelona Principles 3.0, 2020).
    """
    return _finite(impressions, positive=False) * _finite(benchmark_cpm, positive=False) / 1000.0


#: Count and money columns a KPI table sums before dividing (ratios of sums, never means of ratios).
KPI_SUM_COLUMNS: tuple[str, ...] = ("cost", "impressions", "reach", "views", "engagements", "link_clicks",
                                    "promo_code_uses", "orders", "revenue")
KPI_COLUMNS: tuple[str, ...] = ("cpm", "cpe", "cpc", "cpa", "roas", "roi_pct", "engagement_rate_pct")


def kpi_table(frame: pd.DataFrame, by: str | list[str] | None = "creator_id", *, margin_rate: float,
              cost: str | None = None, revenue: str = "revenue_eur") -> pd.DataFrame:
    """Sum the results per group, then compute every KPI on the sums (vectorised).

    ``frame`` has the columns of ``data/collaborations.csv``; the cost of a row is ``cost`` if
    given, else ``fee_eur + product_cost_eur``. A KPI of a group is the ratio of its sums (the
    CPA of a creator is all their cost over all their orders), never the mean of the rows'
    ratios, which would weigh a tiny collaboration like a big one. ``by=None`` gives one row,
    the whole table. The result has the summed columns and :data:`KPI_COLUMNS`.
    """
    sums = pd.DataFrame(index=frame.index)
    if cost is None:
        sums["cost"] = _column(frame, "fee_eur") + _column(frame, "product_cost_eur")
    else:
        sums["cost"] = _column(frame, cost)
    for name in KPI_SUM_COLUMNS[1:]:
        sums[name] = _column(frame, revenue if name == "revenue" else name)
    if by is None:
        totals = sums.sum().to_frame().T
    else:
        keys = [by] if isinstance(by, str) else list(by)
        for key in keys:
            sums[key] = frame[key]
        totals = sums.groupby(keys, observed=True, sort=True)[list(KPI_SUM_COLUMNS)].sum()
    totals["cpm"] = cpm(totals["cost"], totals["impressions"])
    totals["cpe"] = cpe(totals["cost"], totals["engagements"])
    totals["cpc"] = cpc(totals["cost"], totals["link_clicks"])
    totals["cpa"] = cpa(totals["cost"], totals["orders"])
    totals["roas"] = roas(totals["revenue"], totals["cost"])
    totals["roi_pct"] = roi(totals["revenue"], totals["cost"], margin_rate)
    totals["engagement_rate_pct"] = _ratio(totals["engagements"], totals["impressions"], 100.0)
    return totals
