"""The sample data: deterministic, true to the schema and to research/domain-facts.md, with its traps.

Each test names the property it protects; the figures it checks come from the research notes
(engagement medians §1.2, fees §2, disclosure checklist §3.6), not from the generator's own
constants, so a change in the generator that drifts from the sources fails here.
"""

from __future__ import annotations

import csv
import io
import itertools
import math
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from influence_workbook.data import generate, load, rows, schema
from influence_workbook.data.schema import ENGAGEMENT_MEDIAN_RANGES_PCT, TABLES, engagement_rate_pct, tier_for
from influence_workbook.text import fold

ROOT = generate.repository_root()
BRAND_FIT_NICHES = {"beaute", "ecologie"}


@pytest.fixture(scope="module")
def files() -> dict[str, str]:
    return generate.build_files()


@pytest.fixture(scope="module")
def creators() -> pd.DataFrame:
    frame = load.load_creators()
    frame["er"] = [
        engagement_rate_pct(r.platform, r.followers, r.avg_likes, r.avg_comments, r.avg_shares, r.avg_views)
        for r in frame.itertuples()
    ]
    frame["er_ratio"] = frame["er"] / frame.groupby(["platform", "tier"], observed=True)["er"].transform(
        "median"
    )
    frame["implied_cpm"] = frame["fee_per_post_eur"] / frame["avg_views"] * 1000
    frame["cpm_ratio"] = frame["implied_cpm"] / frame.groupby("platform", observed=True)[
        "implied_cpm"
    ].transform("median")
    traps = load.load_answer_key("creators_traps").set_index("creator_id")["trap"].astype(str)
    frame["trap"] = frame["creator_id"].map(traps)
    return frame


@pytest.fixture(scope="module")
def posts() -> pd.DataFrame:
    key = load.load_answer_key("posts_disclosure")
    return load.load_posts().merge(key, on="post_id", validate="one_to_one")


@pytest.fixture(scope="module")
def results() -> pd.DataFrame:
    frame = load.load_collaborations()
    patterns = load.load_answer_key("collaboration_patterns").set_index("creator_id")["pattern"].astype(str)
    frame["pattern"] = frame["creator_id"].map(patterns)
    frame["cost"] = frame["fee_eur"] + frame["product_cost_eur"]
    return frame


@pytest.fixture(scope="module")
def holdout() -> pd.DataFrame:
    return load.load_holdout()


# --------------------------------------------------------------------------- determinism and files


def test_generating_twice_gives_identical_bytes(files: dict[str, str]) -> None:
    again = generate.build_files()
    assert again.keys() == files.keys()
    for path, text in files.items():
        assert again[path].encode("utf-8") == text.encode("utf-8"), path


def test_committed_files_equal_a_fresh_generation(files: dict[str, str]) -> None:
    assert generate.differences(ROOT, files) == [], "run `make data` and commit the result"


@pytest.mark.parametrize("hash_seed", ["1", "4242"])
def test_the_command_line_check_passes_whatever_the_string_hash_seed(hash_seed: str) -> None:
    # Iterating a set of strings would make the output depend on PYTHONHASHSEED.
    environment = {**os.environ, "PYTHONHASHSEED": hash_seed}
    command = [sys.executable, "-m", "influence_workbook.data.generate", "--check"]
    completed = subprocess.run(
        command, env=environment, capture_output=True, text=True, timeout=120, check=False
    )
    assert completed.returncode == 0, completed.stderr


def test_files_are_utf8_without_bom_with_unix_line_ends(files: dict[str, str]) -> None:
    for path in files:
        raw = (ROOT / path).read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf"), path
        assert b"\r" not in raw, path
        raw.decode("utf-8")


def test_check_flag_passes_on_fresh_files_and_names_a_changed_one(
    tmp_path: Path, files: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "pyproject.toml").write_text("[project]\n", encoding="utf-8")
    generate.write_files(tmp_path, files)
    assert generate.main(["--check", "--root", str(tmp_path)]) == 0
    changed = tmp_path / "data" / "creators.csv"
    changed.write_bytes(changed.read_bytes().replace(b"instagram", b"Instagram", 1))
    assert generate.main(["--check", "--root", str(tmp_path)]) == 1
    error = capsys.readouterr().err
    assert "data/creators.csv" in error and "data/posts.csv" not in error


def test_every_file_matches_its_schema(files: dict[str, str]) -> None:
    for name, table in TABLES.items():
        records = list(csv.DictReader(io.StringIO(files[f"data/{table.path}"])))
        assert records, name
        assert schema.validate_records(table, records) == [], name


def test_schema_validation_catches_bad_values(files: dict[str, str]) -> None:
    records = list(csv.DictReader(io.StringIO(files["data/creators.csv"])))
    records[3] = {**records[3], "platform": "snapchat", "audience_share_fr": "1.4"}
    records[5] = {**records[5], "creator_id": records[4]["creator_id"]}
    problems = schema.validate_records(schema.CREATORS, records)
    assert len(problems) == 3, problems


def test_row_counts(files: dict[str, str]) -> None:
    counts = {
        name: len(list(csv.DictReader(io.StringIO(files[f"data/{t.path}"])))) for name, t in TABLES.items()
    }
    assert counts["creators"] >= 400
    assert counts["posts"] >= 2_000
    assert counts["collaborations"] >= 150
    assert counts["holdout"] == 8 * 16
    assert counts["posts_disclosure"] == counts["posts"]


def test_ids_are_unique(creators: pd.DataFrame, posts: pd.DataFrame, results: pd.DataFrame) -> None:
    for frame, column in (
        (creators, "creator_id"),
        (creators, "handle"),
        (creators, "display_name"),
        (posts, "post_id"),
        (results, "collaboration_id"),
    ):
        assert frame[column].is_unique, column


def test_references_point_to_existing_creators_and_agree_with_them(
    creators: pd.DataFrame, posts: pd.DataFrame, results: pd.DataFrame
) -> None:
    by_id = creators.set_index("creator_id")
    for frame in (posts, results):
        assert frame["creator_id"].isin(by_id.index).all()
        assert (
            frame["platform"].astype(str).values
            == by_id.loc[frame["creator_id"], "platform"].astype(str).values
        ).all()
    assert (
        posts["language"].astype(str).values == by_id.loc[posts["creator_id"], "language"].astype(str).values
    ).all()
    for name in ("creators_traps", "collaboration_patterns"):
        assert load.load_answer_key(name)["creator_id"].isin(by_id.index).all()
    assert set(load.load_answer_key("collaboration_patterns")["creator_id"]) == set(results["creator_id"])


# --------------------------------------------------------------------------- loader


def test_loaders_give_the_schema_dtypes(
    creators: pd.DataFrame, posts: pd.DataFrame, results: pd.DataFrame
) -> None:
    fresh = load.load_creators()
    assert isinstance(fresh["platform"].dtype, pd.CategoricalDtype)
    assert fresh["tier"].dtype.ordered and list(fresh["tier"].cat.categories) == list(schema.TIER_NAMES)
    assert fresh["followers"].dtype == np.int64
    assert fresh["audience_share_fr"].dtype == np.float64
    assert pd.api.types.is_datetime64_any_dtype(posts["published_on"])
    assert pd.api.types.is_datetime64_any_dtype(results["start_date"])
    assert pd.api.types.is_datetime64_any_dtype(results["end_date"])
    assert results["deadline_met"].dtype == bool and results["disclosure_ok"].dtype == bool
    for column in ("fee_eur", "impressions", "link_clicks", "orders", "late_code_uses", "contents"):
        assert results[column].dtype == np.int64, column
    assert results["revenue_eur"].dtype == np.float64
    old_name = load.load_campaign_results()
    assert list(old_name.columns) == list(schema.COLLABORATIONS.column_names)
    assert posts["is_sponsored"].dtype == bool
    assert posts["caption"].str.contains("\n").any(), "line breaks survive the CSV round trip"


def test_loaders_return_independent_copies() -> None:
    first = load.load_creators()
    first.loc[0, "followers"] = -1
    first.pop("handle")
    second = load.load_creators()
    assert second.loc[0, "followers"] > 0 and "handle" in second.columns


def test_env_var_points_the_loader_elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "copy"
    shutil.copytree(load.data_dir(), folder)
    frame = pd.read_csv(folder / "creators.csv", dtype=str).head(5)
    frame.to_csv(folder / "creators.csv", index=False)
    monkeypatch.setenv(load.DATA_ENV_VAR, str(folder))
    assert len(load.load_creators()) == 5
    monkeypatch.setenv(load.DATA_ENV_VAR, str(tmp_path / "nowhere"))
    with pytest.raises(FileNotFoundError, match=load.DATA_ENV_VAR):
        load.load_creators()


@pytest.mark.parametrize("folder", ["notebooks", "exercises", "solutions"])
def test_loader_finds_data_from_a_notebook_folder(
    folder: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As if installed elsewhere (not from this checkout): only the working folder can lead to data/.
    shutil.copytree(load.data_dir(), tmp_path / "data")
    (tmp_path / folder).mkdir()
    monkeypatch.delenv(load.DATA_ENV_VAR, raising=False)
    monkeypatch.setattr(rows, "__file__", str(tmp_path / "site-packages" / "iw" / "data" / "rows.py"))
    monkeypatch.chdir(tmp_path / folder)
    assert load.data_dir() == (tmp_path / "data").resolve()
    assert len(load.load_posts()) >= 2_000


def test_an_installed_package_reads_the_data_it_ships_in_its_resources(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The wheel the published site installs carries the files in influence_workbook/resources/data/.
    package = tmp_path / "site-packages" / "influence_workbook"
    shutil.copytree(load.data_dir(), package / "resources" / "data")
    monkeypatch.delenv(load.DATA_ENV_VAR, raising=False)
    monkeypatch.setattr(rows, "__file__", str(package / "data" / "rows.py"))
    monkeypatch.chdir(tmp_path)
    assert load.data_dir() == package / "resources" / "data"
    assert len(rows.read_rows("creators")) == len(load.load_creators())


def test_plain_rows_hold_the_values_pandas_reads() -> None:
    for name in ("creators", "collaborations", "holdout"):
        frame = load.load_table(name)
        plain = rows.read_rows(name)
        assert len(plain) == len(frame)
        for column in frame.columns:
            expected = [None if pd.isna(v) else v for v in frame[column].tolist()]
            got = [row[column] for row in plain]
            if pd.api.types.is_datetime64_any_dtype(frame[column]):
                expected = [None if v is None else v.date() for v in expected]
            assert got == expected, (name, column, got[:3], expected[:3])


# --------------------------------------------------------------------------- realism (domain-facts §1–2)


def test_tiers_follow_later_fohr_and_most_creators_are_small(creators: pd.DataFrame) -> None:
    assert (creators["tier"].astype(str) == creators["followers"].map(tier_for)).all()
    shares = creators["tier"].value_counts(normalize=True)
    assert shares["nano"] + shares["micro"] >= 0.65
    assert shares["nano"] > shares["mid"] > shares["mega"] > 0
    assert creators["platform"].value_counts().idxmax() == "instagram"
    assert (creators["language"] == "fr").mean() >= 0.75
    assert set(creators["language"].astype(str)) == {"fr", "de", "en"}


def test_engagement_medians_sit_in_the_published_ranges(creators: pd.DataFrame) -> None:
    medians = creators.groupby(["platform", "tier"], observed=True)["er"].agg(["median", "size"])
    checked = 0
    for (platform, tier), (low, high) in ENGAGEMENT_MEDIAN_RANGES_PCT.items():
        if (platform, tier) not in medians.index or medians.loc[(platform, tier), "size"] < 3:
            continue
        checked += 1
        assert low <= medians.loc[(platform, tier), "median"] <= high, (platform, tier)
    assert checked >= 13


def test_instagram_engagement_falls_with_size(creators: pd.DataFrame) -> None:
    instagram = creators[creators["platform"] == "instagram"]
    medians = instagram.groupby("tier", observed=True)["er"].median()
    assert list(medians.values) == sorted(medians.values, reverse=True)


def test_fee_correlates_moderately_with_followers_as_in_lumanu(creators: pd.DataFrame) -> None:
    correlation = creators["fee_per_post_eur"].corr(creators["followers"])
    assert 0.45 <= correlation <= 0.75


def test_fees_by_tier_are_in_kolsquare_orders_of_magnitude(creators: pd.DataFrame) -> None:
    instagram = creators[(creators["platform"] == "instagram") & creators["trap"].isna()]
    median = instagram.groupby("tier", observed=True)["fee_per_post_eur"].median()
    assert median["nano"] <= 120
    assert 120 <= median["micro"] <= 1_500
    assert 500 <= median["mid"] <= 4_000
    assert 4_000 <= median["mega"] <= 20_000
    implied = creators[creators["trap"].isna()].groupby("platform", observed=True)["implied_cpm"].median()
    assert (
        20 <= implied["instagram"] <= 45 and 15 <= implied["tiktok"] <= 40 and 35 <= implied["youtube"] <= 65
    )


def test_audience_fields_are_consistent(creators: pd.DataFrame) -> None:
    assert (creators["audience_share_fr"] + creators["audience_share_ch"] <= 1.0001).all()
    fr_main = creators["audience_main_country"] == "FR"
    assert (creators.loc[fr_main, "audience_share_fr"] >= creators.loc[fr_main, "audience_share_ch"]).all()
    young_main = creators["audience_main_age"].isin(["18-24", "25-34"])
    assert creators.loc[young_main, "audience_share_18_34"].min() >= 0.3
    assert creators.loc[creators["niche"] == "beaute", "audience_female_share"].median() > 0.7
    assert creators.loc[creators["niche"] == "gaming", "audience_female_share"].median() < 0.4


# --------------------------------------------------------------------------- planted traps


def test_traps_are_hidden_from_the_creators_file(files: dict[str, str], creators: pd.DataFrame) -> None:
    header = files["data/creators.csv"].split("\n", 1)[0]
    assert not re.search(r"trap|piege|gem|pod|bought|explanation", header)
    trap_numbers = sorted(int(c[1:]) for c in creators.loc[creators["trap"].notna(), "creator_id"])
    assert trap_numbers[0] < 60 and trap_numbers[-1] > len(creators) - 60, "traps are spread over the ids"


def test_each_trap_kind_is_planted_several_times_including_in_the_brand_niches(
    creators: pd.DataFrame,
) -> None:
    traps = creators[creators["trap"].notna()]
    assert len(traps) >= 0.05 * len(creators)
    for kind in schema.TRAP_KINDS:
        planted = traps[traps["trap"] == kind]
        assert len(planted) >= 5, kind
        assert planted["niche"].isin(BRAND_FIT_NICHES).any(), kind
    explanations = load.load_answer_key("creators_traps")["explanation"]
    assert explanations.str.contains(r"\d").all() and explanations.str.contains("é").any()


def test_bought_followers_show_the_signals_and_only_they_do(creators: pd.DataFrame) -> None:
    signal = (creators["suspicious_followers_pct"] >= 35) & (creators["max_daily_growth_pct"] >= 8)
    bought = creators["trap"] == "bought_followers"
    assert (signal == bought).all()
    assert (creators.loc[bought, "er_ratio"] < 0.5).all()
    assert (creators.loc[bought, "follower_growth_30d_pct"] >= 20).all()


def test_off_target_audiences_are_the_brand_niche_creators_outside_the_target(creators: pd.DataFrame) -> None:
    local = creators[
        creators["niche"].isin(BRAND_FIT_NICHES)
        & (creators["language"] == "fr")
        & creators["creator_country"].isin(["FR", "CH"])
    ]
    outside = (local["audience_share_fr"] + local["audience_share_ch"] < 0.3) | (
        local["audience_main_age"] == "13-17"
    )
    assert set(local.loc[outside, "creator_id"]) == set(
        creators.loc[creators["trap"] == "off_target_audience", "creator_id"]
    )
    planted = creators[creators["trap"] == "off_target_audience"]
    assert (planted["audience_main_age"] == "13-17").sum() >= 2
    assert (planted["audience_share_fr"] + planted["audience_share_ch"] < 0.3).sum() >= 2
    assert (planted["er_ratio"] >= 1.0).all(), "they look attractive at first sight"


def test_engagement_pods_have_many_likes_but_generic_comments(creators: pd.DataFrame) -> None:
    pods = creators["trap"] == "engagement_pod"
    assert ((creators["generic_comment_share"] >= 0.55) == pods).all()
    assert (creators.loc[pods, "er_ratio"] >= 2).all()
    saves_and_shares = creators["avg_saves"] + creators["avg_shares"]
    assert (saves_and_shares[pods] < 0.03 * creators.loc[pods, "avg_likes"]).all()


def test_overpriced_creators_ask_far_above_the_going_cpm(creators: pd.DataFrame) -> None:
    overpriced = creators["trap"] == "overpriced"
    assert (creators.loc[overpriced, "cpm_ratio"] >= 4.5).all()
    others = creators[~overpriced & (creators["trap"] != "bought_followers")]
    assert (others["cpm_ratio"] < 3).all()


def test_hidden_gems_are_excellent_and_missed_by_a_follower_ranking(creators: pd.DataFrame) -> None:
    gems = creators[creators["trap"] == "hidden_gem"]
    assert (gems["followers"] < 40_000).all()
    assert (gems["er_ratio"] >= 2).all()
    assert (gems["suspicious_followers_pct"] < 5).all() and (gems["generic_comment_share"] < 0.1).all()
    assert (gems["audience_share_fr"] + gems["audience_share_ch"] >= 0.7).all()
    assert (gems["audience_share_18_34"] >= 0.6).all()
    fit = creators[creators["niche"].isin(BRAND_FIT_NICHES) & (creators["language"] == "fr")]
    by_followers = fit.nlargest(25, "followers")
    assert not by_followers["trap"].eq("hidden_gem").any()
    clean = fit[(fit["suspicious_followers_pct"] < 10) & (fit["generic_comment_share"] < 0.3)]
    by_quality = clean.nlargest(10, "er_ratio")
    assert by_quality["trap"].eq("hidden_gem").sum() >= 5


# --------------------------------------------------------------------------- campaign results


def test_funnels_are_consistent(results: pd.DataFrame) -> None:
    assert (results["reach"] <= results["impressions"]).all()
    assert (results["views"] <= results["impressions"]).all()
    assert (results["engagements"] <= results["impressions"]).all()
    assert (results["link_clicks"] <= results["engagements"]).all()
    assert (results["promo_code_uses"] <= results["orders"]).all()
    assert (results["late_code_uses"] <= results["promo_code_uses"]).all()
    assert ((results["revenue_eur"] > 0) == (results["orders"] > 0)).all()
    assert (results["fee_eur"] > 0).all() and (results["product_cost_eur"] > 0).all()
    assert (results["product_value_eur"] > 0).all()
    assert (results["end_date"] >= results["start_date"]).all()
    assert ((results["contents"] == 1) <= (results["end_date"] == results["start_date"])).all()


def test_each_collaboration_has_its_own_tracking_link_and_code(results: pd.DataFrame) -> None:
    assert results["tracking_link"].is_unique and results["promo_code"].is_unique
    for row in results.itertuples():
        link = row.tracking_link
        assert ".example/?" in link, "a reserved domain: no real site is linked"
        assert f"utm_source={row.platform}" in link and "utm_medium=influence" in link
        assert link.endswith(f"utm_content={row.creator_id.lower()}_{row.collaboration_id.lower()}")
    rituel = results[results["campaign"] == "Rituel Avoine"]
    assert rituel["tracking_link"].str.contains("utm_campaign=rituel_avoine").all()
    assert rituel["promo_code"].str.endswith("-AVOINE").all()


def test_seve_product_costs_follow_the_campaign_assumptions(results: pd.DataFrame) -> None:
    from influence_workbook.campaign import SEVE

    seve = results[results["brand"] == "Sève"]
    units = seve["product_value_eur"] / SEVE.product_price
    assert (units == units.round()).all() and units.between(1, 3).all()
    expected = (units * SEVE.product_cost + SEVE.shipping_cost).round()
    assert (seve["product_cost_eur"] == expected).all()


def test_costs_per_result_are_realistic(results: pd.DataFrame) -> None:
    cpm = (results["fee_eur"] / results["impressions"] * 1000).median()
    cpe = (results["fee_eur"] / results["engagements"]).median()
    converted = results[results["orders"] > 0]
    cpa = (converted["cost"] / converted["orders"]).median()
    # CPM near Inzpire.me's €23–55 per platform (domain-facts §2.1); CPA of tens of euros.
    assert 10 <= cpm <= 60 and 0.1 <= cpe <= 2 and 20 <= cpa <= 200
    assert 0.03 <= (results["orders"] == 0).mean() <= 0.3


def test_reliability_and_payment_are_mostly_good(results: pd.DataFrame) -> None:
    assert 0.75 <= results["deadline_met"].mean() <= 0.97
    assert 0.85 <= results["disclosure_ok"].mean() < 1
    assert results["payment_days"].median() <= 35 and (results["payment_days"] > 45).any()


def test_results_span_two_years_and_the_rituel_avoine_launch(results: pd.DataFrame) -> None:
    assert set(results["start_date"].dt.year) == {2025, 2026, 2027}
    assert (results.loc[results["start_date"].dt.year == 2027, "campaign"] == "Rituel Avoine").all()
    seve = results[results["brand"] == "Sève"]
    assert len(seve) >= 60
    assert (seve.groupby("creator_id").size() >= 4).sum() >= 15
    assert results["brand"].nunique() >= 8


def test_at_least_forty_creators_have_three_collaborations_with_every_pattern(results: pd.DataFrame) -> None:
    per_creator = results.groupby("creator_id").agg(n=("collaboration_id", "size"), pattern=("pattern", "first"))
    long_term = per_creator[per_creator["n"] >= 3]
    assert len(long_term) >= 40
    assert (per_creator.loc[per_creator["pattern"] != "too_few", "n"] >= 3).all()
    assert (per_creator.loc[per_creator["pattern"] == "too_few", "n"] <= 2).all()
    counts = long_term["pattern"].value_counts()
    for pattern in ("improving", "declining", "one_hit", "code_leakage", "unreliable", "stable"):
        assert counts.get(pattern, 0) >= 4, pattern
    assert counts.get("high_reach_bad_cpa", 0) >= 2
    seve_patterns = set(results.loc[results["brand"] == "Sève", "pattern"])
    assert {"improving", "declining", "one_hit", "code_leakage", "high_reach_bad_cpa"} <= seve_patterns


def test_only_hidden_gems_among_the_traps_appear_in_the_results(
    results: pd.DataFrame, creators: pd.DataFrame
) -> None:
    traps = creators.set_index("creator_id")["trap"]
    assert set(traps[results["creator_id"].unique()].dropna()) <= {"hidden_gem"}


def _trend(rows: pd.DataFrame) -> tuple[float, float]:
    """(slope of log engagement-on-impressions per year, second-half CPA / first-half CPA)."""
    rows = rows.sort_values("start_date")
    years = (rows["start_date"] - rows["start_date"].min()).dt.days / 365.25
    slope = float(np.polyfit(years, np.log(rows["engagements"] / rows["impressions"]), 1)[0])
    half = len(rows) // 2
    first, second = rows.iloc[:half], rows.iloc[half:]
    cpa = [part["cost"].sum() / max(part["orders"].sum(), 0.5) for part in (first, second)]
    return slope, cpa[1] / cpa[0]


def test_improving_and_declining_creators_show_their_trend(results: pd.DataFrame) -> None:
    for pattern, sign in (("improving", 1), ("declining", -1)):
        creators = results.loc[results["pattern"] == pattern, "creator_id"].unique()
        assert len(creators) >= 8, pattern
        for creator_id in creators:
            rows = results[results["creator_id"] == creator_id]
            assert len(rows) >= 4
            slope, cpa_change = _trend(rows)
            assert sign * slope > 0, (pattern, creator_id)
            assert sign * math.log(cpa_change) < 0, (pattern, creator_id)


def test_a_one_hit_creator_has_one_great_result_that_does_not_repeat(results: pd.DataFrame) -> None:
    for creator_id in results.loc[results["pattern"] == "one_hit", "creator_id"].unique():
        rows = results[results["creator_id"] == creator_id].sort_values("start_date")
        orders_per_euro = rows["orders"] / rows["cost"]
        best = orders_per_euro.idxmax()
        assert best != rows.index[-1], "the hit is never the latest collaboration"
        others = rows.drop(index=best)
        assert orders_per_euro[best] >= 2 * orders_per_euro.drop(index=best).max(), creator_id
        assert others["cost"].sum() / max(others["orders"].sum(), 0.5) >= 2 * (
            rows.loc[best, "cost"] / max(rows.loc[best, "orders"], 1)
        )


def test_leaked_codes_show_many_late_uses_and_few_clicks(results: pd.DataFrame) -> None:
    totals = results.groupby("creator_id").agg(
        pattern=("pattern", "first"), uses=("promo_code_uses", "sum"), late=("late_code_uses", "sum"),
        clicks=("link_clicks", "sum"), orders=("orders", "sum"))
    totals = totals[totals["uses"] >= 10]
    late_share = totals["late"] / totals["uses"]
    leaking = totals["pattern"] == "code_leakage"
    assert leaking.sum() >= 4
    assert late_share[leaking].min() > 0.3
    assert late_share[~leaking].max() < late_share[leaking].min(), "late code uses single out the leaks"
    assert (totals.loc[leaking, "uses"] / totals.loc[leaking, "orders"]).min() > 0.6


def test_unreliable_creators_miss_deadlines_and_disclosure(results: pd.DataFrame) -> None:
    by_pattern = results.groupby("pattern")[["deadline_met", "disclosure_ok"]].mean()
    assert by_pattern.loc["unreliable", "deadline_met"] <= 0.6
    assert by_pattern.drop(index="unreliable")["deadline_met"].min() >= 0.8
    for creator_id in results.loc[results["pattern"] == "unreliable", "creator_id"].unique():
        rows = results[results["creator_id"] == creator_id]
        assert (~rows["deadline_met"]).sum() >= 1, creator_id


def test_the_biggest_media_value_has_the_worst_cost_per_order(results: pd.DataFrame) -> None:
    from influence_workbook.metrics import kpi_table

    stars = set(results.loc[results["pattern"] == "high_reach_bad_cpa", "creator_id"])
    totals = kpi_table(results, margin_rate=0.68)
    count = results.groupby("creator_id").size()
    per_collaboration = (totals["impressions"] / count)[count >= 3]
    assert set(per_collaboration.nlargest(len(stars)).index) == stars, "the partners with the widest reach"
    assert totals.loc[list(stars), "cpa"].min() > totals.drop(index=list(stars))["cpa"].max()
    # In Sève's Rituel Avoine launch: the widest reach, the worst cost per order among creators who sold.
    rituel = kpi_table(results[results["campaign"] == "Rituel Avoine"], margin_rate=0.68)
    star = rituel["impressions"].idxmax()
    assert star in stars and rituel["cpa"].idxmax() == star
    assert rituel.loc[star, "impressions"] >= 0.3 * rituel["impressions"].sum()


def test_rituel_avoine_fits_the_budget_and_misses_the_objective(results: pd.DataFrame) -> None:
    from influence_workbook.campaign import SEVE
    from influence_workbook.metrics import kpi_table

    rituel = results[results["campaign"] == "Rituel Avoine"]
    assert (rituel["brand"] == "Sève").all() and rituel["creator_id"].is_unique
    assert 12 <= len(rituel) <= 25
    assert rituel["start_date"].min() >= pd.Timestamp(SEVE.launch)
    assert rituel["end_date"].max() <= pd.Timestamp("2027-06-30")
    total = kpi_table(rituel, by=None, margin_rate=SEVE.gross_margin_rate).iloc[0]
    assert 0.8 * SEVE.creator_budget <= total["cost"] <= SEVE.creator_budget
    assert 500 <= total["orders"] < 1_500, "chapter 1's default target (1 500 sales) is missed"
    assert total["cpa"] < SEVE.break_even_cpa and total["roas"] > SEVE.break_even_roas
    with_agency = total["cost"] + SEVE.agency_fees
    roi_on_margin = (total["revenue"] * SEVE.gross_margin_rate - with_agency) / with_agency
    assert -0.1 < roi_on_margin < 0.8, "a modest result once every cost is counted"
    assert total["revenue"] / with_agency - 1 > roi_on_margin + 0.3, "ROI on revenue flatters it: the trap"


def test_holdout_is_balanced_before_and_shows_a_lift_after(holdout: pd.DataFrame) -> None:
    assert set(holdout["group"]) == {"test", "control"} and set(holdout["period"]) == {"before", "after"}
    assert holdout.groupby(["region_id", "period"], observed=True).size().eq(8).all()
    assert (holdout["week_start"].dt.day_of_week == 0).all()
    assert holdout.loc[holdout["period"] == "after", "week_start"].min() == pd.Timestamp("2027-03-15")
    regions = holdout.drop_duplicates("region_id")
    assert regions.groupby("group", observed=True)["population"].sum().pipe(lambda s: s.min() / s.max()) > 0.8
    per_100k = holdout.groupby(["group", "period"], observed=True).apply(
        lambda g: g["orders"].sum() / 8 / g.drop_duplicates("region_id")["population"].sum() * 100_000,
        include_groups=False)
    assert abs(per_100k["test", "before"] / per_100k["control", "before"] - 1) < 0.08
    growth = per_100k.xs("after", level="period") / per_100k.xs("before", level="period")
    assert growth["control"] > 1.05, "sales rise everywhere after the launch: a naive before/after lies"
    did = growth["test"] / growth["control"] - 1
    key = load.load_answer_key("holdout_lift").set_index("measure")
    assert key.loc["orders", "lift_pct"] == pytest.approx(100 * did, abs=0.1)
    assert abs(did - (generate.TRUE_LIFT - 1)) < 0.1


# ------------------------------------------------------------------------- posts and disclosure truth (§3.6)

DISCLOSURE_WORDS = re.compile(
    r"publicit|collaboration commerciale|partenariat remunere|#ad\b|\bad\b|advertisement|werbung|"
    r"anzeige|#sp\b|#spon\b|#collab\b|#partner\b|merci @|thanks @|danke @"
)


def test_about_a_quarter_of_posts_are_sponsored_and_every_kind_is_present(posts: pd.DataFrame) -> None:
    assert 0.2 <= posts["is_sponsored"].mean() <= 0.3
    assert (posts["is_sponsored"] == (posts["disclosure_kind"] != "not_needed")).all()
    counts = posts["disclosure_kind"].value_counts()
    assert all(counts[kind] >= 30 for kind in schema.DISCLOSURE_KINDS)
    french = posts[posts["language"] == "fr"]
    assert set(french["disclosure_kind"].astype(str)) == set(schema.DISCLOSURE_KINDS)
    for language in ("de", "en"):
        kinds = set(posts.loc[posts["language"] == language, "disclosure_kind"].astype(str))
        assert {"proper_start", "ambiguous", "buried", "not_needed"} <= kinds, language


def test_wordings_sit_where_their_kind_says(posts: pd.DataFrame) -> None:
    for row in posts.itertuples():
        caption = fold(row.caption)
        if row.disclosure_kind == "proper_start":
            assert caption.startswith(fold(row.disclosure_wording)), row.post_id
        elif row.disclosure_kind == "buried":
            lines = caption.split("\n")
            assert fold(row.disclosure_wording) in lines[-1] and fold(row.disclosure_wording) not in lines[0]
            assert lines[-1].count("#") >= 10, "buried among a wall of hashtags"
        elif row.disclosure_kind == "ambiguous":
            assert fold(row.disclosure_wording) in caption, row.post_id
        elif row.disclosure_kind == "none":
            assert not DISCLOSURE_WORDS.search(caption), row.post_id
        if row.is_sponsored:
            handle = next(b.handle for b in generate.BRANDS if b.name == row.brand)
            assert f"@{handle}" in row.caption, row.post_id


def test_verdicts_follow_the_checklist_per_jurisdiction(posts: pd.DataFrame) -> None:
    applicable = {"fr": {"FR", "CH", "EU"}, "de": {"CH", "EU"}, "en": {"FR", "CH", "EU", "US", "UK"}}
    for row in posts.itertuples():
        for code in schema.JURISDICTIONS:
            verdict = getattr(row, f"verdict_{code.lower()}")
            if row.disclosure_kind == "not_needed" or code not in applicable[row.language]:
                expected = "not_applicable"
            elif row.disclosure_kind == "proper_start":
                # #ad / Ad / Advertisement is not enough in France (Que Choisir 2021, recherche.fr 2022).
                expected = "non_compliant" if (row.language, code) == ("en", "FR") else "compliant"
            else:
                expected = "non_compliant"
            assert verdict == expected, (row.post_id, code)
    assert posts["reason"].str.len().min() > 20


def test_captions_are_realistic_french_with_emoji_hashtags_and_mentions(posts: pd.DataFrame) -> None:
    french = posts[posts["language"] == "fr"]["caption"]
    assert french.str.contains(r"[éèàçêîôûù]").mean() >= 0.7
    emoji = posts["caption"].str.contains(r"[\U0001F300-\U0001FAFF\u2600-\u27BF]")
    assert emoji.mean() >= 0.6
    assert posts["caption"].str.contains("#").mean() >= 0.6
    assert posts["caption"].str.contains("\n").mean() >= 0.5
    assert posts["caption"].str.contains("@").mean() >= 0.25
    assert (posts["language"] == "fr").mean() >= 0.75 and (posts["language"] != "fr").sum() >= 150
    assert posts["published_on"].dt.year.isin([2025, 2026]).all()


def test_post_metrics_are_plausible(posts: pd.DataFrame) -> None:
    assert (posts["views"] >= posts["likes"]).all()
    assert (posts["comments"] <= posts["likes"]).mean() > 0.95
    # Bertaglia et al. 2025: a creator's sponsored posts get less engagement than their other posts.
    per_creator = posts.groupby(["creator_id", "is_sponsored"])["likes"].mean().unstack().dropna()
    assert (per_creator[True] / per_creator[False]).median() < 1


# --------------------------------------------------------------------------- no real person or brand

REAL_CREATORS = (
    "Squeezie",
    "Léna Situations",
    "Lena Mahfouf",
    "Nabilla",
    "Cyprien",
    "Norman",
    "EnjoyPhoenix",
    "Natoo",
    "Michou",
    "Inoxtag",
    "Amixem",
    "McFly",
    "Carlito",
    "Tibo InShape",
    "Sananas",
    "Gotaga",
    "Seb la Frite",
    "Hugo Décrypte",
    "Juju Fitcats",
    "Caroline Receveur",
    "Marie Lopez",
    "Kevin Razy",
    "Joyca",
    "Lebouseuh",
    "Pierre Croce",
    "Poisson Fécond",
    "Jeremstar",
    "Magali Berdah",
    "Maeva Ghennam",
    "Anna Rvr",
)
REAL_BRANDS = (
    "sephora",
    "lush",
    "l'oreal",
    "loreal",
    "nivea",
    "nike",
    "adidas",
    "decathlon",
    "yves rocher",
    "nuxe",
    "caudalie",
    "typology",
    "aroma-zone",
    "zara",
    "shein",
    "samsung",
    "apple",
    "nintendo",
    "ubisoft",
    "hellofresh",
    "carrefour",
    "ikea",
    "la roche-posay",
    "garnier",
    "dior",
    "chanel",
)


def _letters(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", fold(text))


def test_no_real_creator_name_or_handle(creators: pd.DataFrame) -> None:
    names = [_letters(n) for n in creators["display_name"]]
    handles = [_letters(h) for h in creators["handle"]]
    for real in REAL_CREATORS:
        needle = _letters(real)
        assert not any(needle in n for n in names), real
        assert not any(needle in h for h in handles), real


def test_names_are_pseudonyms_built_from_a_first_name_and_a_word(creators: pd.DataFrame) -> None:
    assert (creators["display_name"].str.split().str.len() >= 2).all()
    assert creators["handle"].str.fullmatch(r"[a-z0-9._]{3,30}").all()
    first_names = creators["display_name"].str.split().str[0].map(_letters)
    assert all(f in h for f, h in zip(first_names, creators["handle"].map(_letters), strict=True))


def test_captions_name_only_fictional_brands(posts: pd.DataFrame) -> None:
    folded = posts["caption"].map(fold)
    for brand in REAL_BRANDS:
        assert not folded.str.contains(rf"(?<![a-z]){re.escape(brand)}(?![a-z])").any(), brand


# --------------------------------------------------------------------------- the data page


@pytest.fixture(scope="module")
def data_page() -> str:
    return (ROOT / "book" / "donnees.md").read_text(encoding="utf-8")


def _prose(page: str) -> list[str]:
    """Lines outside code fences, with inline code removed (typography applies to prose only)."""
    lines, fence = [], None
    for line in page.split("\n"):
        if line.startswith("```"):
            fence = None if fence else line
            continue
        if (fence is None or fence.startswith("```{")) and not line.startswith(("<!--", "|---")):
            lines.append(re.sub(r"`[^`]*`", "", line))
    return lines


def test_page_is_a_single_titled_myst_page(data_page: str) -> None:
    page = data_page
    assert page.startswith("# Les données d'exemple\n")
    headings = [line for line in page.split("\n") if re.match(r"#+ ", line)]
    assert sum(h.startswith("# ") for h in headings) == 1
    levels = [len(h.split(" ")[0]) for h in headings]
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), "no skipped heading level"
    assert page.count("```") % 2 == 0


def test_page_documents_every_column_of_every_file(data_page: str) -> None:
    """The learner's page documents the learners' files; the answer key is documented for teachers
    only, in data/answer_key/LISEZMOI.md (issue 25: the data page must not describe the answer key)."""
    teacher_page = (generate.repository_root() / generate.ANSWER_KEY_PAGE_PATH).read_text(encoding="utf-8")
    for table in TABLES.values():
        page = teacher_page if table.answer_key else data_page
        assert table.path in page
        for column in table.columns:
            assert f"`{column.name}`" in page, column.name
            assert column.description.split(" ")[0] in page


def test_the_learners_page_does_not_give_the_answer_key_away(data_page: str) -> None:
    for table in TABLES.values():
        if table.answer_key:
            assert f"`{table.path}`" not in data_page, table.path
    for trap in ("bought_followers", "hidden_gem", "one_hit", "high_reach_bad_cpa", "code_leakage"):
        assert trap not in data_page, trap


def test_page_explains_fiction_generation_sources_formulas_and_answer_key(data_page: str) -> None:
    page = data_page
    for needle in (
        "fictives",
        "Aucune personne réelle",
        str(generate.SEED),
        "--check",
        "answer_key",
        "HypeAuditor",
        "Later × Fohr",
        "Lumanu",
        "Inzpire.me",
        "The Cirqle",
        "Kolsquare",
        "(j'aime + commentaires) / abonnés × 100",
        "(j'aime + commentaires + partages) / vues × 100",
    ):
        assert needle in page, needle


def test_page_uses_french_typography(data_page: str) -> None:
    page = data_page
    for line in _prose(page):
        assert not re.search(r"[^\s|] [:;!?»]", line), line
        assert not re.search(r"\d [%€]", line), line
        assert "« " not in line, line
        assert not re.search(r"\d \d{3}\b", line), line
    assert "1\u202f000" in page and "\u00a0:" in page and "\u202f%" in page
