"""metrics: engagement rate, tiers, benchmarks, audience quality and fit, filtering (chapter 2)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from influence_workbook.metrics import (
    BENCHMARKS,
    FORMULAS,
    PLATFORMS,
    QUALITY_REASONS,
    SCORED_COLUMNS,
    TIER_NAMES,
    TIER_SOURCE,
    AudienceTarget,
    audience_quality,
    benchmark_table,
    engagement_rate,
    engagement_rate_by_views,
    filter_creators,
    score_creators,
    target_from_objective,
    tier,
)


def creator(**overrides: object) -> dict[str, object]:
    """One ordinary, well-fitting Instagram micro creator; keyword arguments change it."""
    row: dict[str, object] = {
        "creator_id": "C9001",
        "display_name": "Lina Test",
        "handle": "lina.test",
        "platform": "instagram",
        "niche": "beaute",
        "language": "fr",
        "followers": 20_000,
        "avg_likes": 330,
        "avg_comments": 10,
        "avg_shares": 12,
        "avg_saves": 20,
        "avg_views": 5_000,
        "audience_main_country": "FR",
        "audience_share_fr": 0.7,
        "audience_share_ch": 0.1,
        "audience_main_age": "25-34",
        "audience_share_18_34": 0.7,
        "follower_growth_30d_pct": 2.0,
        "max_daily_growth_pct": 0.3,
        "suspicious_followers_pct": 8.0,
        "generic_comment_share": 0.1,
        "fee_per_post_eur": 180,
    }
    row.update(overrides)
    return row


# --------------------------------------------------------------------------- engagement_rate


def test_engagement_rate_scalar_is_a_percentage() -> None:
    assert engagement_rate(300, 20, 10_000) == pytest.approx(3.2)
    assert engagement_rate(300, 20, 10_000, shares=50, saves=30) == pytest.approx(4.0)


@pytest.mark.parametrize("followers", [0, -10, None, float("nan"), "beaucoup", ..., float("inf")])
def test_engagement_rate_is_nan_when_followers_unusable(followers: object) -> None:
    value = engagement_rate(300, 20, followers)
    assert isinstance(value, float) and math.isnan(value)


@pytest.mark.parametrize("likes", [-5, None, "trois cents", float("nan")])
def test_engagement_rate_is_nan_for_unusable_interactions(likes: object) -> None:
    assert math.isnan(engagement_rate(likes, 20, 10_000))


def test_engagement_rate_is_vectorised_on_series() -> None:
    likes = pd.Series([300, 10, 10, 10, 50], index=list("abcde"))
    followers = pd.Series([10_000, 0, -1, np.nan, 2_000], index=list("abcde"))
    rates = engagement_rate(likes, 20, followers)
    assert isinstance(rates, pd.Series)
    assert list(rates.index) == list("abcde")
    assert rates["a"] == pytest.approx(3.2)
    assert rates["e"] == pytest.approx(3.5)
    assert rates[["b", "c", "d"]].isna().all()
    assert not np.isinf(rates).any()


def test_engagement_rate_on_numpy_arrays() -> None:
    rates = engagement_rate(np.array([100, 100]), np.array([0, 0]), np.array([1_000, 0]))
    assert rates[0] == pytest.approx(10.0)
    assert math.isnan(rates[1])


def test_engagement_rate_by_views() -> None:
    assert engagement_rate_by_views(800, 50, 10_000, shares=150) == pytest.approx(10.0)
    assert math.isnan(engagement_rate_by_views(800, 50, 0))


@settings(max_examples=200, deadline=None)
@given(likes=st.integers(0, 10**7), comments=st.integers(0, 10**6), followers=st.integers(1, 10**8))
def test_engagement_rate_matches_the_formula(likes: int, comments: int, followers: int) -> None:
    scalar = engagement_rate(likes, comments, followers)
    assert scalar == pytest.approx((likes + comments) / followers * 100)
    vector = engagement_rate(pd.Series([likes]), pd.Series([comments]), pd.Series([followers]))
    assert vector.iloc[0] == pytest.approx(scalar)


# --------------------------------------------------------------------------- tiers and benchmarks


@pytest.mark.parametrize(
    ("followers", "expected"),
    [
        (999, None),
        (1_000, "nano"),
        (9_999, "nano"),
        (10_000, "micro"),
        (99_999, "micro"),
        (100_000, "mid"),
        (499_999, "mid"),
        (500_000, "macro"),
        (999_999, "macro"),
        (1_000_000, "mega"),
        (40_000_000, "mega"),
        (-5, None),
        (None, None),
        ("dix mille", None),
    ],
)
def test_tier_bounds(followers: object, expected: str | None) -> None:
    assert tier(followers) == expected


def test_tier_on_a_series_is_ordered_categorical() -> None:
    tiers = tier(pd.Series([5_000, 2_000_000, 50_000, 0]))
    assert list(tiers.astype(object).where(tiers.notna(), None)) == ["nano", "mega", "micro", None]
    assert tiers.cat.ordered and list(tiers.cat.categories) == list(TIER_NAMES)


def test_tier_source_is_named() -> None:
    assert "Later × Fohr" in TIER_SOURCE


def test_every_platform_and_tier_has_a_sourced_benchmark() -> None:
    for platform in PLATFORMS:
        for name in TIER_NAMES:
            bench = BENCHMARKS[(platform, name)]
            assert 0 < bench.low_pct < bench.reference_pct < bench.high_pct
            assert bench.source and bench.formula == FORMULAS[platform].text_fr
    # Engagement falls with tier on Instagram (HypeAuditor, Later × Fohr); not on TikTok.
    ig = [BENCHMARKS[("instagram", name)].reference_pct for name in TIER_NAMES]
    assert ig == sorted(ig, reverse=True) and ig[0] > ig[-1]
    assert "vues" in BENCHMARKS[("tiktok", "micro")].formula
    table = benchmark_table()
    assert len(table) == len(PLATFORMS) * len(TIER_NAMES)
    assert set(table["Plateforme"]) == {"Instagram", "TikTok", "YouTube"}


# --------------------------------------------------------------------------- audience quality


def test_audience_quality_clean_profile() -> None:
    assert audience_quality(2.0, 0.3, 1_000, 30, 8.0, 0.1) == ("fiable", [])


def test_audience_quality_bought_followers_profile() -> None:
    level, reasons = audience_quality(60.0, 18.0, 1_000, 30, 48.0, 0.3)
    assert level == "suspecte"
    assert QUALITY_REASONS[0] in reasons and QUALITY_REASONS[2] in reasons


def test_audience_quality_single_signals() -> None:
    assert audience_quality(avg_likes=5_000, avg_comments=5) == ("à vérifier", [QUALITY_REASONS[1]])
    assert audience_quality(generic_comment_share=0.7, avg_likes=100, avg_comments=5) == (
        "à vérifier",
        [QUALITY_REASONS[3]],
    )


def test_audience_quality_never_raises_on_garbage() -> None:
    level, reasons = audience_quality("beaucoup", None, "<script>", ..., float("nan"), -3)
    assert level == "fiable" and reasons == []


# --------------------------------------------------------------------------- target and fit


def test_target_from_objective_reads_countries_and_ages() -> None:
    target = target_from_objective(
        "Conversion : 1\u202f500 ventes d’ici fin juin 2027 auprès des 25‑34 ans en SUISSE ROMANDE"
    )
    assert target.countries == ("CH",)
    assert (target.age_low, target.age_high) == (25, 34)
    assert target.notes == ()


def test_target_from_objective_defaults_and_says_so() -> None:
    for text in (None, "", 42, "Vendre plus 🌱"):
        target = target_from_objective(text)
        assert target.countries == ("FR", "CH")
        assert (target.age_low, target.age_high) == (18, 34)
        assert target.notes and all("campagne" in n for n in target.notes)


def test_target_from_objective_huge_text() -> None:
    target = target_from_objective("<b>France</b> " + "blabla " * 20_000 + " en Belgique")
    assert target.countries == ("FR",)  # only the first 5 000 characters are read


def test_score_creators_adds_every_column() -> None:
    scored = score_creators(pd.DataFrame([creator()]))
    assert set(SCORED_COLUMNS) <= set(scored.columns)
    row = scored.iloc[0]
    assert row["engagement_rate"] == pytest.approx((330 + 10) / 20_000 * 100)
    assert row["tier"] == "micro"
    assert row["tier_benchmark"] == BENCHMARKS[("instagram", "micro")].reference_pct
    assert row["er_vs_benchmark"] == pytest.approx(row["engagement_rate"] / row["tier_benchmark"])
    assert row["er_verdict"] == "dans le repère"
    assert row["audience_quality"] == "fiable"
    assert row["audience_country_share"] == pytest.approx(0.8)
    assert row["audience_fit_ok"] and row["niche_fit"]


def test_score_creators_tiktok_divides_by_views() -> None:
    row = score_creators(
        pd.DataFrame(
            [creator(platform="tiktok", avg_likes=700, avg_comments=100, avg_shares=200, avg_views=10_000)]
        )
    ).iloc[0]
    assert row["engagement_rate"] == pytest.approx(10.0)
    assert "vues" in row["er_formula"]


def test_score_creators_off_target_and_suspicious() -> None:
    rows = [
        creator(creator_id="A", audience_share_fr=0.1, audience_share_ch=0.02, audience_main_country="MA"),
        creator(creator_id="B", audience_share_18_34=0.2, audience_main_age="13-17"),
        creator(
            creator_id="C",
            followers=100_000,
            avg_likes=200,
            avg_comments=5,
            suspicious_followers_pct=50,
            max_daily_growth_pct=20,
        ),
        creator(creator_id="D", avg_likes=2_500, avg_comments=250, generic_comment_share=0.8),
    ]
    scored = score_creators(pd.DataFrame(rows)).set_index("creator_id")
    assert not scored.loc["A", "audience_fit_ok"]
    assert not scored.loc["B", "audience_fit_ok"]
    assert scored.loc["C", "audience_quality"] == "suspecte"
    assert scored.loc["C", "er_verdict"] == "sous le repère"
    assert "abonnés suspects" in scored.loc["C", "quality_reasons"]
    assert scored.loc["D", "er_verdict"] == "anormalement haut"
    assert "génériques" in scored.loc["D", "quality_reasons"]


def test_score_creators_target_changes_the_fit() -> None:
    df = pd.DataFrame([creator(audience_share_fr=0.1, audience_share_ch=0.75)])
    assert not score_creators(df, AudienceTarget(countries=("FR",))).iloc[0]["audience_fit_ok"]
    assert score_creators(df, AudienceTarget(countries=("CH",))).iloc[0]["audience_fit_ok"]


def test_score_creators_tolerates_gaps_and_bad_values() -> None:
    df = pd.DataFrame(
        [
            {"creator_id": "X1", "platform": "Snapchat", "followers": "beaucoup"},
            {"creator_id": "X2", "platform": "instagram", "followers": 0, "avg_likes": 10},
        ]
    )
    scored = score_creators(df)
    assert scored["engagement_rate"].isna().all()
    assert scored["tier"].isna().all()
    assert not scored["audience_fit_ok"].any()


def test_price_against_the_usual_cpm() -> None:
    rows = [
        creator(creator_id="FAIR", avg_views=5_000, fee_per_post_eur=180),  # 36 € per 1 000 views
        creator(creator_id="EXPENSIVE", avg_views=5_000, fee_per_post_eur=1_000),  # 200 €
        creator(
            creator_id="YT", platform="youtube", avg_views=5_000, fee_per_post_eur=900
        ),  # 180 € < 3.5 × 55
        creator(creator_id="NOVIEWS", avg_views=0, fee_per_post_eur=1_000),
    ]
    scored = score_creators(pd.DataFrame(rows)).set_index("creator_id")
    assert scored.loc["FAIR", "cpm_eur"] == pytest.approx(36.0)
    assert scored.loc["FAIR", "cpm_vs_reference"] == pytest.approx(36.0 / 35.0)
    assert not scored.loc["FAIR", "high_price"]
    assert scored.loc["EXPENSIVE", "high_price"]
    assert not scored.loc["YT", "high_price"]
    assert math.isnan(scored.loc["NOVIEWS", "cpm_eur"]) and not scored.loc["NOVIEWS", "high_price"]


# --------------------------------------------------------------------------- filtering


@pytest.fixture()
def table() -> pd.DataFrame:
    return pd.DataFrame(
        [
            creator(
                creator_id="A", platform="instagram", niche="beaute", followers=5_000, fee_per_post_eur=60
            ),
            creator(
                creator_id="B", platform="tiktok", niche="ecologie", followers=50_000, fee_per_post_eur=400
            ),
            creator(
                creator_id="C",
                platform="youtube",
                niche="gaming",
                language="en",
                followers=900_000,
                audience_main_country="US",
                audience_share_fr=0.01,
                audience_share_ch=0.0,
                audience_main_age="13-17",
                audience_share_18_34=0.3,
                fee_per_post_eur=9_000,
            ),
            creator(
                creator_id="D",
                platform="instagram",
                niche="beaute",
                followers=150_000,
                audience_main_country="CH",
                audience_share_fr=0.2,
                audience_share_ch=0.6,
                fee_per_post_eur=1_500,
            ),
        ]
    )


def ids(df: pd.DataFrame) -> list[str]:
    return list(df["creator_id"])


def test_filter_creators_each_filter(table: pd.DataFrame) -> None:
    assert ids(filter_creators(table)) == ["A", "B", "C", "D"]
    assert ids(filter_creators(table, platform="Instagram")) == ["A", "D"]
    assert ids(filter_creators(table, platform=["tiktok", "youtube"])) == ["B", "C"]
    assert ids(filter_creators(table, niche="beaute", followers_min=10_000)) == ["D"]
    assert ids(filter_creators(table, language="en")) == ["C"]
    assert ids(filter_creators(table, audience_country="CH")) == ["D"]
    assert ids(filter_creators(table, audience_country=["FR"])) == ["A", "B"]
    assert ids(filter_creators(table, audience_age="13-17")) == ["C"]
    assert ids(filter_creators(table, audience_age="18-34")) == ["A", "B", "D"]
    assert ids(filter_creators(table, followers_min=10_000, followers_max=500_000)) == ["B", "D"]
    assert ids(filter_creators(table, fee_max=400)) == ["A", "B"]
    assert ids(filter_creators(table, platform="toutes", niche="", language=None)) == ["A", "B", "C", "D"]


@pytest.mark.parametrize("bad", [..., "<script>alert(1)</script>", -1, "abc", float("nan"), [None]])
def test_filter_creators_never_raises(table: pd.DataFrame, bad: object) -> None:
    result = filter_creators(table, platform=bad, followers_min=bad, fee_max=bad)
    assert isinstance(result, pd.DataFrame)


def test_filter_creators_on_non_table() -> None:
    assert filter_creators("pas un tableau").empty  # type: ignore[arg-type]


def test_scoring_a_sample_sized_table() -> None:
    # How long it takes is measured by `python -m benchmarks scoring` (10 000 to 1 000 000 rows).
    big = pd.DataFrame([creator(creator_id=f"C{i:04d}", followers=1_000 + 997 * i) for i in range(400)])
    scored = score_creators(filter_creators(big, platform="instagram", followers_min=5_000))
    assert len(scored) == int((big["followers"] >= 5_000).sum())
    assert scored["engagement_rate"].notna().all()


def test_the_workshops_plain_rows_score_and_filter_as_the_dataframe_api() -> None:
    # One rule, two ways in: the workshop (no pandas in the browser) reads plain rows, students a DataFrame.
    from influence_workbook.data import load_creators
    from influence_workbook.data.rows import read_rows
    from influence_workbook.metrics import SCORED_COLUMNS, filter_rows, score_rows

    frame, rows = load_creators(), read_rows("creators")
    target = target_from_objective("Notoriété : 200 000 vues d'ici juin 2027 chez les 25-44 ans en Belgique, en France")
    table, plain = score_creators(frame, target), score_rows(rows, target)
    for column in SCORED_COLUMNS:
        expected = [None if pd.isna(v) else v for v in table[column].tolist()]
        got = [None if v is None or (isinstance(v, float) and math.isnan(v)) else v for v in (r[column] for r in plain)]
        assert got == expected, column
    for filters in ({}, {"niche": "beaute", "audience_country": "FR"}, {"platform": ["tiktok", "youtube"]},
                    {"audience_age": "18-34", "followers_min": 10_000, "fee_max": 500},
                    {"audience_country": ["CH"], "language": "toutes", "followers_max": 50_000}):
        assert [r["creator_id"] for r in filter_rows(plain, **filters)] == list(
            filter_creators(table, **filters)["creator_id"]), filters
