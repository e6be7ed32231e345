"""Chapter 2: scoring and filtering creators, the DataFrame API and the workshop's plain rows.

Since issue 23 each rule is written once over « cells », one creator's plain values or a table's columns:
the workshop runs it row by row (``metrics.score_row``, ``CreatorFilters.matches``; in the browser too,
without pandas), ``score_creators``/``filter_creators`` run it vectorised on a DataFrame. The last table
times the workshop's own path on the 480 sample creators beside the DataFrame API on the same rows.

Synthetic tables of 10 000, 100 000 and 1 000 000 creators are made by resampling the sample
creators with a seeded numpy Generator and perturbing their counts (× log-normal noise), so the
mix of platforms, tiers and traps stays realistic. Goal: score one million rows in ≤ 1 s, with
near-linear growth. The baseline computes the same engagement rate, tier and benchmark ratio one
row at a time in a Python loop (measured on 10 000 and 100 000 rows, extrapolated to 1 000 000
and labelled as such).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

import numpy as np
import pandas as pd

from influence_workbook.metrics import (
    BENCHMARKS,
    FORMULAS,
    filter_creators,
    filter_rows,
    score_creators,
    score_rows,
    tier,
)

SIZES = (10_000, 100_000, 1_000_000)
BASELINE_SIZES = (10_000, 100_000)
SEED = 20_261_128
REPEATS = 5


def synthetic_creators(n: int, seed: int = SEED) -> pd.DataFrame:
    """``n`` creators resampled from the sample data, counts perturbed, ids made unique."""
    from influence_workbook.data.load import load_creators

    sample = load_creators()
    rng = np.random.default_rng(seed)
    rows = sample.iloc[rng.integers(0, len(sample), size=n)].reset_index(drop=True)
    noise = rng.lognormal(0.0, 0.25, size=n)
    for column in (
        "followers",
        "avg_likes",
        "avg_comments",
        "avg_shares",
        "avg_saves",
        "avg_views",
        "fee_per_post_eur",
    ):
        rows[column] = np.maximum(0, np.round(rows[column].to_numpy(dtype="float64") * noise)).astype("int64")
    rows["followers"] = np.maximum(rows["followers"].to_numpy(), 1_000)
    rows["creator_id"] = [f"S{i:07d}" for i in range(n)]
    return rows


def _row_by_row(df: pd.DataFrame) -> list[tuple[float, str | None, float]]:
    """The baseline: the scalar formula, tier and benchmark ratio, one row at a time."""
    out: list[tuple[float, str | None, float]] = []
    for row in df.itertuples(index=False):
        formula = FORMULAS.get(row.platform)
        if formula is None:
            out.append((math.nan, None, math.nan))
            continue
        parts = {"avg_likes": row.avg_likes, "avg_comments": row.avg_comments, "avg_shares": row.avg_shares}
        numerator = sum(parts[name] for name in formula.numerator)
        denominator = row.followers if formula.denominator == "followers" else row.avg_views
        rate = 100.0 * numerator / denominator if denominator > 0 else math.nan
        name = tier(row.followers)
        bench = BENCHMARKS.get((row.platform, name)) if name else None
        out.append((rate, name, rate / bench.reference_pct if bench else math.nan))
    return out


def _best_time(function: Callable[[], object], repeats: int = REPEATS) -> float:
    best = math.inf
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


def _table(title: str, rows: list[tuple[int, float, str]]) -> None:
    print(f"\n{title}")
    print(f"{'n':>10} {'seconds':>9} {'rows/s':>13} {'ratio vs previous':>18}  note")
    previous: float | None = None
    for n, seconds, note in rows:
        ratio = f"{seconds / previous:.1f}×" if previous else "—"
        print(f"{n:>10,} {seconds:>9.3f} {n / seconds:>13,.0f} {ratio:>18}  {note}")
        previous = seconds


def main() -> None:
    tables = {n: synthetic_creators(n) for n in SIZES}
    scoring = [(n, _best_time(lambda df=tables[n]: score_creators(df)), f"best of {REPEATS}") for n in SIZES]
    _table("score_creators (vectorised, every computed column)", scoring)

    filtering = [
        (
            n,
            _best_time(
                lambda df=tables[n]: filter_creators(
                    df,
                    platform="instagram",
                    niche=["beaute", "ecologie"],
                    language="fr",
                    audience_country=["FR", "CH"],
                    audience_age="18-34",
                    followers_min=5_000,
                    followers_max=500_000,
                    fee_max=3_000,
                )
            ),
            f"best of {REPEATS}",
        )
        for n in SIZES
    ]
    _table("filter_creators (all filters at once)", filtering)

    baseline = [
        (n, _best_time(lambda df=tables[n]: _row_by_row(df), repeats=1), "measured, 1 run")
        for n in BASELINE_SIZES
    ]
    per_row = baseline[-1][1] / baseline[-1][0]
    baseline.append((SIZES[-1], per_row * SIZES[-1], "EXTRAPOLATED from 100 000 rows"))
    _table("row-by-row baseline (Python loop: rate, tier, benchmark ratio only)", baseline)

    one_million = dict((n, s) for n, s, _ in scoring)[SIZES[-1]]
    verdict = "met" if one_million <= 1.0 else "NOT met"
    print(
        f"\ngoal ≤ 1 s for {SIZES[-1]:,} rows: {verdict} ({one_million:.3f} s); "
        f"vectorised is {baseline[-1][1] / one_million:,.0f}× faster than the extrapolated loop"
    )
    workshop_path()


def workshop_path() -> None:
    """Chapter 2's workshop: the 480 sample creators scored once per table, then filtered at each change."""
    from influence_workbook.data.load import load_creators
    from influence_workbook.data.rows import read_rows

    frame, rows = load_creators(), read_rows("creators")
    scored_frame, scored_rows = score_creators(frame), score_rows(rows)
    filters = {"niche": ["beaute", "ecologie"], "audience_country": "FR", "fee_max": 1_000}
    print(f"\nworkshop path, {len(rows)} sample creators (best of {REPEATS * 4}, ms)")
    print(f"{'step':<34} {'plain rows':>11} {'DataFrame':>10}")
    for step, plain, table in (
        ("score the table (once per table)", lambda: score_rows(rows), lambda: score_creators(frame)),
        ("filter (each menu change)", lambda: filter_rows(scored_rows, **filters),
         lambda: filter_creators(scored_frame, **filters)),
    ):
        print(f"{step:<34} {1000 * _best_time(plain, REPEATS * 4):>11.2f} "
              f"{1000 * _best_time(table, REPEATS * 4):>10.2f}")


if __name__ == "__main__":
    main()
