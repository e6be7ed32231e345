"""The course's figures: chapter 2's engagement, tiers, benchmarks and audience fit; chapters 7–8's KPIs.

Each rule is written once, over « cells » that are either one creator's plain values or a whole
table's columns (:class:`_Cells` and the few operations beside it): the workshops run it on plain rows
(:func:`score_row`, :meth:`CreatorFilters.matches`), with no pandas nor numpy (Pyodide in the
learner's browser has neither); the table API for students (:func:`score_creators`,
:func:`filter_creators`, the KPI functions on Series and arrays) runs the same rule vectorised,
importing pandas and numpy only when it is given a table. ``benchmarks/bench_scoring.py`` times both.
Learner-facing strings are French.

Definitions and sources (see ``research/domain-facts.md`` §1 and chapter 2):

* engagement rate by followers = (likes + comments [+ shares + saves]) / followers × 100
  (HypeAuditor Help Center; GRIN); TikTok benchmarks divide by views instead (HypeAuditor);
* tiers: nano 1k–10k, micro 10k–100k, mid 100k–500k, macro 500k–1M, mega ≥ 1M (Later × Fohr 2021);
* tier benchmarks: the course's reference ranges of *median* rates, built from HypeAuditor
  2023 and 2026, Later × Fohr 2021, Influencer Marketing Hub 2021 and Captiv8 (:data:`BENCHMARKS`).
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeAlias, overload

from influence_workbook.campaign import BRAND
from influence_workbook.data.schema import TIERS
from influence_workbook.tables import cell_number as _cell_number
from influence_workbook.tables import is_array as _is_array
from influence_workbook.tables import is_series as _is_series
from influence_workbook.tables import is_vector
from influence_workbook.tables import missing as _missing
from influence_workbook.text import find_age_ranges, fold

if TYPE_CHECKING:
    import pandas as pd


def _is_vector_input(value: object) -> bool:
    """A Series, an array, a pandas Index, a list or a tuple: the vectorised path, with pandas."""
    if type(value) in (float, int):  # one row's value, the common case: answered at once
        return False
    return isinstance(value, list | tuple) or is_vector(value)


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
    if _is_vector_input(value):
        import numpy as np
        import pandas as pd

        if isinstance(value, pd.Series):
            if pd.api.types.is_numeric_dtype(value.dtype) and not pd.api.types.is_bool_dtype(value.dtype):
                return value.astype("float64")
            return pd.to_numeric(value, errors="coerce").astype("float64")
        if isinstance(value, np.ndarray) and value.dtype.kind in "iuf":
            return value.astype("float64", copy=False)
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
        if _is_series(value):
            value = value.where(value >= 0)
        elif _is_array(value):
            import numpy as np

            value = np.where(value >= 0, value, np.nan)
        elif not value >= 0:  # NaN or negative
            value = math.nan
        total = total + value
    return total


def _rate(numerator: Any, denominator: Any) -> Any:
    denominator = _as_float(denominator)
    if _is_series(numerator) or _is_series(denominator):
        import numpy as np
        import pandas as pd

        num = numerator if isinstance(numerator, pd.Series) else pd.Series(numerator, index=denominator.index)
        den = denominator if isinstance(denominator, pd.Series) else pd.Series(denominator, index=num.index)
        den = den.where(den > 0)
        rate = 100.0 * num / den
        return rate.where(np.isfinite(rate))
    if _is_array(numerator) or _is_array(denominator):
        import numpy as np

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


def _tier_code(followers: float) -> int:
    """The index of the tier in TIER_NAMES of a follower count (a float), -1 below 1 000 or when unknown."""
    if not math.isfinite(followers) or followers < TIER_BOUNDS[0]:
        return -1
    return bisect.bisect_right(TIER_BOUNDS, followers) - 1


def tier(followers: Any) -> Any:
    """The tier name of a follower count: ``"nano"``, ``"micro"``, ``"mid"``, ``"macro"``, ``"mega"``.

    Bounds are Later × Fohr 2021 (:data:`TIER_SOURCE`); a bound belongs to the upper tier
    (10 000 is micro). Below 1 000 followers, or for a missing/negative count, the tier is
    None (NaN in a Series). A Series gives an ordered categorical Series.
    """
    if isinstance(followers, list | tuple) or _is_series(followers) or _is_array(followers):
        import pandas as pd

        codes = [_tier_code(value) for value in _as_float(followers).tolist()]
        categorical = pd.Categorical.from_codes(codes, categories=list(TIER_NAMES), ordered=True)
        index = followers.index if isinstance(followers, pd.Series) else None
        return pd.Series(categorical, index=index, name="tier")
    code = _tier_code(_as_float(followers))
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
    import pandas as pd

    return pd.DataFrame(rows)

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
_REASON_STRINGS: tuple[str, ...] = tuple(
    "\u202f; ".join(r for bit, r in enumerate(QUALITY_REASONS) if flags & (1 << bit))
    or "aucun signal d'alerte" for flags in range(1 << _N_FLAGS))
_LEVEL_BY_FLAGS: tuple[int, ...] = tuple(min(bin(flags).count("1"), 2) for flags in range(1 << _N_FLAGS))


def audience_quality(followers_growth_30d_pct: Any = 0, max_daily_growth_pct: Any = 0, avg_likes: Any = 0,
                     avg_comments: Any = 0, suspicious_followers_pct: Any = 0,
                     generic_comment_share: Any = 0) -> tuple[str, list[str]]:
    """The verdict for one creator: (« fiable » | « à vérifier » | « suspecte », French reasons)."""
    cells = _Cells(row={
        "follower_growth_30d_pct": _as_float(followers_growth_30d_pct),
        "max_daily_growth_pct": _as_float(max_daily_growth_pct), "avg_likes": _as_float(avg_likes),
        "avg_comments": _as_float(avg_comments), "suspicious_followers_pct": _as_float(suspicious_followers_pct),
        "generic_comment_share": _as_float(generic_comment_share),
    })
    flags = int(_quality_flags(cells, _comment_like_ratio(cells)))
    reasons = [r for bit, r in enumerate(QUALITY_REASONS) if flags & (1 << bit)]
    return QUALITY_LEVELS[_LEVEL_BY_FLAGS[flags]], reasons


def _cell_code(value: object, categories: tuple[str, ...], upper: bool = False) -> int:
    """The index of a text cell in ``categories`` (-1 elsewhere or when missing), case-insensitive."""
    if _missing(value):
        return -1
    text = str(value).strip()
    text = text.upper() if upper else text.lower()
    return categories.index(text) if text in categories else -1


def _wanted(values: Iterable[str], upper: bool = False) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v.strip().upper() if upper else v.strip().lower() for v in values))


# --------------------------------------------------------------------------- one rule, one row or a whole table
#
# The scoring and the filters are written once, over "cells": one creator's values (plain floats and texts,
# what the workshop reads, in the browser too) or a whole table's columns (numpy arrays, what score_creators
# and filter_creators read). The few operations below run on either; Python's ``&``, ``|``, ``<``… already do.


class _Cells:
    """One creator (``row``: a mapping) or a whole table (``frame``: a DataFrame); a missing column says nothing."""

    def __init__(self, row: Mapping[str, Any] | None = None, frame: Any = None) -> None:
        self.row, self.frame = row, frame
        self.size = len(frame) if frame is not None else 1

    def has(self, name: str) -> bool:
        return name in (self.frame.columns if self.frame is not None else self.row or {})

    def number(self, name: str) -> Any:
        """The column as floats (NaN where a cell is missing or not a number), or the row's cell as a float."""
        if self.frame is None:
            return _cell_number((self.row or {}).get(name))
        import numpy as np
        import pandas as pd

        if name not in self.frame.columns:
            return np.full(self.size, np.nan)
        column = self.frame[name]
        if not pd.api.types.is_numeric_dtype(column) or pd.api.types.is_bool_dtype(column):
            column = pd.to_numeric(column, errors="coerce")
        return np.asarray(column.to_numpy(dtype="float64", na_value=np.nan))

    def code(self, name: str, categories: tuple[str, ...], upper: bool = False) -> Any:
        """The index of each text cell in ``categories`` (-1 elsewhere or when missing), case-insensitive."""
        if self.frame is None:
            return _cell_code((self.row or {}).get(name), categories, upper)
        import numpy as np
        import pandas as pd

        if name not in self.frame.columns:
            return np.full(self.size, -1, dtype="int16")
        # Factorised first: the text work is done once per distinct value, not once per row.
        codes, uniques = pd.factorize(self.frame[name], use_na_sentinel=True)
        lookup = [_cell_code(unique, categories, upper) for unique in uniques] + [-1]  # -1: a missing value
        return np.asarray(lookup, dtype="int16")[codes]

    def const(self, value: Any) -> Any:
        """``value`` for every row (a table's column of it, or the value itself)."""
        if self.frame is None:
            return value
        import numpy as np

        return np.full(self.size, value)


#: Plain Python values: a row's cells, checked first (the workshop scores row by row).
_SCALARS = frozenset({float, int, bool})


def _vector(*values: Any) -> bool:
    """Whether any of ``values`` is a numpy array (a table's column) rather than one row's value."""
    for value in values:
        if type(value) not in _SCALARS and _is_array(value):
            return True
    return False


def _where(condition: Any, yes: Any, no: Any) -> Any:
    if _vector(condition, yes, no):
        import numpy as np

        return np.where(condition, yes, no)
    return yes if condition else no


def _known(value: Any) -> Any:
    """Not NaN (NaN is the only value that differs from itself)."""
    return value == value


def _or_zero(value: Any) -> Any:
    return _where(_known(value), value, 0.0)


def _clip(value: Any) -> Any:
    """``value`` within 0 and 1; NaN stays NaN."""
    if _vector(value):
        import numpy as np

        return np.clip(value, 0.0, 1.0)
    return value if math.isnan(value) else min(max(value, 0.0), 1.0)


def _take(table: tuple[Any, ...], code: Any) -> Any:
    """``table[code]`` for a code or an array of codes; -1 gives the table's last entry (its « unknown »)."""
    if _vector(code):
        import numpy as np

        return np.asarray(table)[code]
    return table[code]


def _divide(numerator: Any, denominator: Any, scale: float = 1.0) -> Any:
    """``scale × numerator / denominator``; NaN where the denominator is not positive or the result not finite."""
    if _vector(numerator, denominator):
        import numpy as np

        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            result = scale * numerator / np.where(denominator > 0, denominator, np.nan)
        return np.where(np.isfinite(result), result, np.nan)
    if not denominator > 0:
        return math.nan
    value = scale * numerator / denominator
    return value if math.isfinite(value) else math.nan


def _bit(condition: Any, position: int) -> Any:
    return condition.astype("int8") << position if _vector(condition) else int(condition) << position


def _tier_codes(followers: Any) -> Any:
    """Each follower count's index in TIER_NAMES, -1 below 1 000 or when unknown."""
    if not _vector(followers):
        return _tier_code(followers)
    import numpy as np

    codes = np.searchsorted(np.asarray(TIER_BOUNDS, dtype="float64"), followers, side="right") - 1
    return np.where(np.isfinite(followers) & (followers >= TIER_BOUNDS[0]), codes, -1).astype("int8")


def _comment_like_ratio(cells: _Cells) -> Any:
    """Comments per like; NaN without likes or with a negative or missing count."""
    comments = cells.number("avg_comments")
    return _where(comments >= 0, _divide(comments, cells.number("avg_likes")), math.nan)


def _quality_flags(cells: _Cells, ratio: Any) -> Any:
    """The audience-quality signals as bits, in the order of QUALITY_REASONS; NaN signals nothing."""
    daily, growth = cells.number("max_daily_growth_pct"), cells.number("follower_growth_30d_pct")
    return (_bit((daily > SPIKE_DAILY_GROWTH_PCT) | (growth > SPIKE_MONTHLY_GROWTH_PCT), 0)
            | _bit((ratio < LOW_COMMENT_LIKE_RATIO) & (cells.number("avg_likes") >= 100), 1)
            | _bit(cells.number("suspicious_followers_pct") > HIGH_SUSPICIOUS_PCT, 2)
            | _bit(cells.number("generic_comment_share") > HIGH_GENERIC_SHARE, 3))


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


def _audience_shares(cells: _Cells, target: AudienceTarget) -> tuple[Any, Any]:
    """Estimated share of each audience in the target countries and in the target ages.

    NaN where the table says nothing about the audience (an imported list without those columns).
    """
    raw_fr, raw_ch = cells.number("audience_share_fr"), cells.number("audience_share_ch")
    country_known = (_known(raw_fr) | _known(raw_ch)
                     | (cells.code("audience_main_country", tuple(COUNTRY_NAMES), upper=True) >= 0))
    share_fr, share_ch = _or_zero(raw_fr), _or_zero(raw_ch)
    country: Any = 0.0
    if "FR" in target.countries:
        country = country + share_fr
    if "CH" in target.countries:
        country = country + share_ch
    others = [c for c in target.countries if c not in ("FR", "CH")]
    if others:
        # Only the main country is known beyond France and Switzerland: count the rest of the audience.
        main = cells.code("audience_main_country", _wanted(others, upper=True), upper=True) >= 0
        country = country + _where(main, _clip(1.0 - share_fr - share_ch), 0.0)
    country = _where(country_known, _clip(country), math.nan)

    young = cells.number("audience_share_18_34")
    inside = _overlap(target.age_low, target.age_high, 18, 34)
    age = _where(_known(young), _or_zero(young) * inside, math.nan)
    bonus_by_bracket = tuple(
        0.0 if low >= 18 and high <= 34 else _overlap(target.age_low, target.age_high, low, high)
        for low, high in (_BRACKET_BOUNDS[b] for b in AGE_BRACKETS)
    )
    outside_bonus = _take((*bonus_by_bracket, 0.0), cells.code("audience_main_age", AGE_BRACKETS))
    # The main bracket lies outside 18-34 and inside the target: count half the rest of the audience.
    age = age + _where(_known(young), 1.0 - _or_zero(young), 0.0) * outside_bonus * 0.5
    return country, _clip(age)


# --------------------------------------------------------------------------- scoring

#: CPM (cost per 1 000 views) usually paid per platform, in euros: Inzpire.me knowledge base
#: (Nordic booking platform, « thousands of bookings over 2 years »), domain-facts §2.1.
CPM_REFERENCE_EUR: dict[str, tuple[float, float]] = {"instagram": (30.0, 40.0), "tiktok": (23.0, 33.0),
                                                     "youtube": (45.0, 55.0)}
CPM_SOURCE = "Inzpire.me : CPM de 30 à 40 € sur Instagram, 23 à 33 € sur TikTok, 45 à 55 € sur YouTube"
#: A CPM above this many times the top of the platform's range is far above the going rate.
HIGH_PRICE_FACTOR = 3.5
# By platform code, the last entry for an unknown platform.
_CPM_MID: tuple[float, ...] = (*(sum(CPM_REFERENCE_EUR[p]) / 2 for p in PLATFORMS), math.nan)
_CPM_TOP: tuple[float, ...] = (*(CPM_REFERENCE_EUR[p][1] for p in PLATFORMS), math.nan)

_FORMULA_TEXTS: tuple[str, ...] = (*dict.fromkeys(FORMULAS[p].text_fr for p in PLATFORMS),
                                   "formule inconnue (plateforme ?)")
_FORMULA_CODES: tuple[int, ...] = (*(_FORMULA_TEXTS.index(FORMULAS[p].text_fr) for p in PLATFORMS),
                                   len(_FORMULA_TEXTS) - 1)
# By (platform, tier) as platform code × number of tiers + tier code, the last entry when either is unknown.
_BENCH_KEYS = [(platform, name) for platform in PLATFORMS for name in TIER_NAMES]
_REFERENCE: tuple[float, ...] = (*(BENCHMARKS[key].reference_pct for key in _BENCH_KEYS), math.nan)
_LOW: tuple[float, ...] = (*(BENCHMARKS[key].low_pct for key in _BENCH_KEYS), math.nan)
_HIGH: tuple[float, ...] = (*(BENCHMARKS[key].high_pct for key in _BENCH_KEYS), math.nan)

SCORED_COLUMNS: tuple[str, ...] = (
    "engagement_rate", "er_formula", "tier", "tier_benchmark", "benchmark_low", "benchmark_high",
    "er_vs_benchmark", "er_verdict", "comment_like_ratio", "audience_quality", "quality_reasons",
    "quality_flags", "audience_country_share", "audience_age_share", "audience_fit", "audience_fit_ok",
    "niche_fit", "cpm_eur", "cpm_vs_reference", "high_price",
)


#: Key of ``DataFrame.attrs`` where :func:`score_creators` records the target it scored for.
SCORED_FOR = "influence_workbook.scored_for"


#: The categorical columns of a scored table: their categories and whether they are ordered.
_CATEGORIES: dict[str, tuple[tuple[str, ...], bool]] = {
    "er_formula": (_FORMULA_TEXTS, False), "tier": (TIER_NAMES, True), "er_verdict": (ER_VERDICTS, False),
    "audience_quality": (QUALITY_LEVELS, True), "quality_reasons": (_REASON_STRINGS, False),
}


def _score(cells: _Cells, target: AudienceTarget) -> dict[str, Any]:
    """The computed columns of chapter 2, for one row or a whole table; categories as codes (-1: unknown)."""
    p_code = cells.code("platform", PLATFORMS)
    likes, comments = cells.number("avg_likes"), cells.number("avg_comments")
    views, followers = cells.number("avg_views"), cells.number("followers")
    by_followers = engagement_rate(likes, comments, followers)
    by_views = engagement_rate_by_views(likes, comments, views, _or_zero(cells.number("avg_shares")))
    rate = _where(p_code == PLATFORMS.index("tiktok"), by_views, _where(p_code >= 0, by_followers, math.nan))
    t_code = _tier_codes(followers)
    bench = _where((p_code >= 0) & (t_code >= 0), p_code * len(TIER_NAMES) + t_code, -1)
    reference, low, high = _take(_REFERENCE, bench), _take(_LOW, bench), _take(_HIGH, bench)
    verdict = _where(rate < low, 0, _where(rate <= high, 1, _where(
        rate <= high * ABNORMAL_FACTOR, 2, _where(rate > high * ABNORMAL_FACTOR, 3, -1))))
    ratio = _comment_like_ratio(cells)
    flags = _quality_flags(cells, ratio)
    country, age = _audience_shares(cells, target)
    fee = cells.number("fee_per_post_eur")
    cpm_value = _where(fee >= 0, _divide(fee, views, 1000.0), math.nan)
    return {
        "engagement_rate": rate,
        "er_formula": _take(_FORMULA_CODES, p_code),
        "tier": t_code,
        "tier_benchmark": reference,
        "benchmark_low": low,
        "benchmark_high": high,
        "er_vs_benchmark": _divide(rate, reference),
        "er_verdict": verdict,
        "comment_like_ratio": ratio,
        "audience_quality": _take(_LEVEL_BY_FLAGS, flags),
        "quality_reasons": flags,
        "quality_flags": flags,
        "audience_country_share": country,
        "audience_age_share": age,
        "audience_fit": country * age,
        "audience_fit_ok": (country >= MIN_COUNTRY_SHARE) & (age >= MIN_AGE_SHARE),
        "niche_fit": cells.code("niche", _wanted(target.niches)) >= 0,
        "cpm_eur": cpm_value,
        "cpm_vs_reference": cpm_value / _take(_CPM_MID, p_code),
        "high_price": cpm_value > HIGH_PRICE_FACTOR * _take(_CPM_TOP, p_code),
    }


def score_row(row: Mapping[str, Any], target: AudienceTarget | None = None) -> dict[str, Any]:
    """The computed columns of chapter 2 for one creator (a row of ``creators.csv`` as a mapping).

    What the workshop runs (no pandas, no numpy); :func:`score_creators` runs the same rule on a whole table.
    Numbers are floats (NaN when not computable), ``tier``, ``er_verdict`` and the like are their French or
    code labels (None when unknown); see :func:`score_creators` for each column.
    """
    scored = _score(_Cells(row=row), target or DEFAULT_TARGET)
    for name, (categories, _ordered) in _CATEGORIES.items():
        code = int(scored[name])
        scored[name] = categories[code] if code >= 0 else None
    return scored


def score_rows(rows: Iterable[Mapping[str, Any]], target: AudienceTarget | None = None) -> list[dict[str, Any]]:
    """Each row with its computed columns added (new dicts: the rows given are not changed)."""
    target = target or DEFAULT_TARGET
    return [{**row, **score_row(row, target)} for row in rows]


def score_creators(df: pd.DataFrame, target: AudienceTarget | None = None) -> pd.DataFrame:
    """A copy of ``df`` with the computed columns of chapter 2, vectorised: the rule :func:`score_row` runs on
    one row, run here on the table's columns.

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
    import numpy as np
    import pandas as pd

    target = target or DEFAULT_TARGET
    out = df.copy(deep=False)  # new columns only: the caller's table is never changed
    scored = _score(_Cells(frame=out), target)
    for name in SCORED_COLUMNS:
        values = scored[name]
        if name in _CATEGORIES:
            categories, ordered = _CATEGORIES[name]
            out[name] = pd.Categorical.from_codes(np.asarray(values, dtype="int16"), categories=list(categories),
                                                  ordered=ordered)
        elif name == "quality_flags":
            out[name] = np.asarray(values, dtype="int8")
        elif name in {"audience_fit_ok", "niche_fit", "high_price"}:
            out[name] = np.asarray(values, dtype=bool)
        else:
            out[name] = np.asarray(values, dtype="float64")
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


@dataclass(frozen=True)
class CreatorFilters:
    """The filters of :func:`filter_creators`, read once (see it for each argument); None: no filter."""

    platform: tuple[str, ...] | None = None
    niche: tuple[str, ...] | None = None
    language: tuple[str, ...] | None = None
    audience_country: tuple[str, ...] | None = None
    audience_age: tuple[str, ...] | None = None
    followers_min: float | None = None
    followers_max: float | None = None
    fee_max: float | None = None

    @classmethod
    def read(cls, platform: object = None, niche: object = None, language: object = None,
             audience_country: object = None, audience_age: object = None, followers_min: object = None,
             followers_max: object = None, fee_max: object = None) -> CreatorFilters:
        def wanted(value: object, upper: bool = False) -> tuple[str, ...] | None:
            chosen = _choices(value)
            return None if chosen is None else _wanted(chosen, upper)

        countries = _choices(audience_country)
        return cls(platform=wanted(platform), niche=wanted(niche), language=wanted(language),
                   audience_country=None if countries is None else tuple(c.upper() for c in countries),
                   audience_age=None if (ages := _choices(audience_age)) is None else tuple(ages),
                   followers_min=_number(followers_min), followers_max=_number(followers_max),
                   fee_max=_number(fee_max))

    def matches(self, row: Mapping[str, Any]) -> bool:
        """Whether one creator (a mapping; a key it lacks is a column the table lacks) passes every filter."""
        return bool(self.mask(_Cells(row=row)))

    def mask(self, cells: _Cells) -> Any:
        """Which rows pass every filter: a bool for one row, a bool array for a table (a missing column is ignored)."""
        keep = cells.const(True)
        for column, values in (("platform", self.platform), ("niche", self.niche), ("language", self.language)):
            if values is not None and cells.has(column):
                keep = keep & (cells.code(column, values) >= 0)
        if self.audience_country is not None:
            hit = cells.const(False)
            if cells.has("audience_main_country"):
                hit = hit | (cells.code("audience_main_country", _wanted(self.audience_country, True), True) >= 0)
            for code, column in (("FR", "audience_share_fr"), ("CH", "audience_share_ch")):
                if code in self.audience_country and cells.has(column):
                    hit = hit | (cells.number(column) >= MIN_SHARE_FOR_COUNTRY_FILTER)
            keep = keep & hit
        if self.audience_age is not None:
            hit = cells.const(False)
            brackets = [a for a in self.audience_age if a in AGE_BRACKETS]
            if brackets and cells.has("audience_main_age"):
                hit = hit | (cells.code("audience_main_age", _wanted(brackets)) >= 0)
            if "18-34" in self.audience_age and cells.has("audience_share_18_34"):
                hit = hit | (cells.number("audience_share_18_34") >= 0.5)
            keep = keep & hit
        if cells.has("followers"):
            followers = cells.number("followers")
            if self.followers_min is not None:
                keep = keep & (followers >= self.followers_min)
            if self.followers_max is not None:
                keep = keep & (followers <= self.followers_max)
        if self.fee_max is not None and cells.has("fee_per_post_eur"):
            keep = keep & (cells.number("fee_per_post_eur") <= self.fee_max)
        return keep


def filter_rows(rows: Iterable[Mapping[str, Any]], **filters: object) -> list[Mapping[str, Any]]:
    """The rows (mappings, as :func:`~influence_workbook.data.rows.read_rows` gives) that match every filter.

    The filters are :func:`filter_creators`'s keyword arguments, read the same way.
    """
    chosen = CreatorFilters.read(**filters)
    return [row for row in rows if chosen.matches(row)]


def filter_creators(df: pd.DataFrame, platform: object = None, niche: object = None, language: object = None,
                    audience_country: object = None, audience_age: object = None,
                    followers_min: object = None, followers_max: object = None,
                    fee_max: object = None) -> pd.DataFrame:
    """The rows of ``df`` that match every filter given (None or « toutes » = no filter).

    ``platform``, ``niche``, ``language``: one value or a list. ``audience_country``: ISO codes;
    FR and CH match when it is the main country or at least 30 % of the audience. ``audience_age``:
    a bracket (``"18-24"``…) matched on the main bracket, or ``"18-34"`` (half the audience or
    more). Bounds are inclusive. Unknown columns are ignored; never raises. Vectorised: the table goes
    through :meth:`CreatorFilters.mask`, the rule the workshop runs on its plain rows.
    """
    import pandas as pd

    if not isinstance(df, pd.DataFrame):
        return pd.DataFrame()
    chosen = CreatorFilters.read(platform=platform, niche=niche, language=language,
                                 audience_country=audience_country, audience_age=audience_age,
                                 followers_min=followers_min, followers_max=followers_max, fee_max=fee_max)
    return df.loc[chosen.mask(_Cells(frame=df))]


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
            "Palier": "—" if _missing(tier_name) else TIER_LABELS.get(str(tier_name), "—"),
            "Plateforme": PLATFORM_LABELS.get(str(row.get("platform")), "—"),
            "Abonnés": "—" if _missing(row.get("followers")) else format_number(_as_float(row["followers"])),
            "Taux d'engagement": pct(row.get("engagement_rate"), 2),
            "Repère du palier": "—" if _missing(low) else f"{format_number(float(low), 1)} à {pct(high)}",
            "Qualité d'audience": str(row.get("audience_quality")),
            "Audience dans vos pays": pct(100 * _as_float(row.get("audience_country_share")), 0),
            "Tarif": "—" if math.isnan(fee) else f"{format_number(fee)}\u00a0€",
        })
    import pandas as pd

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
    if _is_series(number):
        import numpy as np

        keep = (number > 0) if positive else (number >= 0)
        return number.where(keep & np.isfinite(number))
    if _is_array(number):
        import numpy as np

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
    if _is_series(num) or _is_series(den):
        import numpy as np
        import pandas as pd

        result = scale * num / den
        if not isinstance(result, pd.Series):  # pragma: no cover - pandas always returns a Series here
            result = pd.Series(result)
        return result.where(np.isfinite(result)).astype("float64")
    if _is_array(num) or _is_array(den):
        import numpy as np

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
    if _is_series(rate):
        rate = rate.where((rate >= 0) & (rate <= 1))
    elif _is_array(rate):
        import numpy as np

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
    import numpy as np
    import pandas as pd

    def _column(df: pd.DataFrame, name: str) -> np.ndarray:
        if name not in df.columns:
            return np.full(len(df), np.nan)
        column = df[name]
        if not pd.api.types.is_numeric_dtype(column) or pd.api.types.is_bool_dtype(column):
            column = pd.to_numeric(column, errors="coerce")
        return np.asarray(column.to_numpy(dtype="float64", na_value=np.nan))

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
