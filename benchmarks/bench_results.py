"""Chapter 8: the KPI table of up to a million collaborations, and the chapter's check.

Synthetic tables of 10 000, 100 000 and 1 000 000 collaborations are made by resampling the
sample collaborations (``data/collaborations.csv``) with a seeded numpy Generator, perturbing
their counts and money (× log-normal noise) and spreading them over 10 000 creators, so that the
funnel stays realistic. :func:`influence_workbook.metrics.kpi_table` sums each creator's rows and
computes every KPI on the sums (CPM, CPE, CPC, CPA, ROAS, ROI on margin). Goal: the table of
1 000 000 rows in ≤ 1 s. The check's line is printed beside it (goal: ≤ 20 ms median).

Run: ``.venv/bin/python -m benchmarks results``.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable

import numpy as np
import pandas as pd

from benchmarks.timing import median_ms
from influence_workbook.metrics import kpi_table

SIZES = (10_000, 100_000, 1_000_000)
CREATORS = 10_000
SEED = 20_261_207
REPEATS = 5
COUNTS = ("fee_eur", "product_cost_eur", "impressions", "reach", "views", "engagements", "link_clicks",
          "promo_code_uses", "orders")


def synthetic_collaborations(n: int, seed: int = SEED) -> pd.DataFrame:
    """``n`` collaborations resampled from the sample data, figures perturbed, over CREATORS creators."""
    from influence_workbook.data import load_collaborations

    sample = load_collaborations()
    rng = np.random.default_rng(seed)
    rows = sample.iloc[rng.integers(0, len(sample), size=n)].reset_index(drop=True)
    noise = rng.lognormal(0.0, 0.25, size=n)
    for column in COUNTS:
        rows[column] = np.round(rows[column].to_numpy(dtype="float64") * noise).astype("int64")
    rows["revenue_eur"] = rows["revenue_eur"].to_numpy() * noise
    rows["creator_id"] = pd.Categorical([f"S{i:05d}" for i in rng.integers(0, CREATORS, size=n)])
    return rows


def _best_of(function: Callable[[], object], repeats: int = REPEATS) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times) * 1000


def main() -> None:
    print(f"KPI table (metrics.kpi_table, per creator over {CREATORS:,} creators, best of {REPEATS}):")
    for size in SIZES:
        frame = synthetic_collaborations(size)
        per_creator = _best_of(functools.partial(kpi_table, frame, margin_rate=0.68))
        whole = _best_of(functools.partial(kpi_table, frame, by=None, margin_rate=0.68))
        print(f"  {size:>9,} rows   per creator {per_creator:8.1f} ms   whole table {whole:8.1f} ms")
    from influence_workbook.checks.results import check_results

    answer = {"kpi": "Commandes attribuées (ventes)", "cpa": "18,11 €", "roas": "2,17", "roi": "47 %",
              "lift": "22,6 %", "emv": "a le pire coût par commande",
              "limits": "Le dernier clic oublie ceux qui ont vu la vidéo puis acheté plus tard.",
              "verdict": "Objectif non atteint : 947 commandes sur 1 500 (63 %), ROI de 47 % sur la marge."}
    print(f"check_results on a typical answer: median {median_ms(lambda: check_results(answer), 60, 3):.2f} ms")


if __name__ == "__main__":
    main()
