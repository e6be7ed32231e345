"""metrics: the cost and return ratios of chapters 7 and 8 (CPM, CPE, CPC, CPA, ROAS, ROI, lift, EMV).

Every function takes scalars and pandas Series alike; a zero, negative, missing or infinite
denominator gives NaN, never inf and never an exception.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from influence_workbook.campaign import SEVE
from influence_workbook.metrics import KPI_COLUMNS, cpa, cpc, cpe, cpm, emv, kpi_table, lift, roas, roi

TWO_ARGUMENTS: dict[str, Callable[[Any, Any], Any]] = {
    "cpm": cpm, "cpe": cpe, "cpc": cpc, "cpa": cpa, "roas": roas, "lift": lift,
    "roi": lambda a, b: roi(a, b, 0.68),
}
UNUSABLE = [0, -1, -0.0, None, float("nan"), float("inf"), float("-inf"), "beaucoup", ..., True]


def test_the_formulas_on_a_worked_example() -> None:
    # 450 € for 30 000 impressions, 900 engagements, 300 clicks, 18 orders worth 1 125 €.
    assert cpm(450, 30_000) == pytest.approx(15.0)
    assert cpe(450, 900) == pytest.approx(0.5)
    assert cpc(450, 300) == pytest.approx(1.5)
    assert cpa(450, 18) == pytest.approx(25.0)
    assert roas(1_125, 450) == pytest.approx(2.5)
    assert roi(1_125, 450, 0.68) == pytest.approx((1_125 * 0.68 - 450) / 450 * 100)
    assert lift(115, 100) == pytest.approx(15.0)
    assert lift(80, 100) == pytest.approx(-20.0)
    assert emv(30_000, 35) == pytest.approx(1_050.0)


def test_roi_on_margin_is_not_roi_on_revenue() -> None:
    # 1 000 € of sales for 800 € of cost: « +25 % » on revenue, a loss on a 68 % margin.
    assert roi(1_000, 800, 0.68) == pytest.approx(-15.0)
    assert roi(1_000, 800, 1.0) == pytest.approx(25.0)  # only a 100 % margin gives the revenue figure


def test_break_even_roas_gives_zero_roi() -> None:
    cost = 1_000.0
    assert roi(cost * SEVE.break_even_roas, cost, SEVE.gross_margin_rate) == pytest.approx(0.0, abs=1e-9)
    # and the break-even CPA is the margin of one average order
    assert cpa(SEVE.break_even_cpa * 10, 10) == pytest.approx(38 * 0.68)


@pytest.mark.parametrize("name", sorted(TWO_ARGUMENTS))
@pytest.mark.parametrize("denominator", UNUSABLE)
def test_an_unusable_denominator_gives_nan(name: str, denominator: object) -> None:
    value = TWO_ARGUMENTS[name](100, denominator)
    assert isinstance(value, float) and math.isnan(value)


@pytest.mark.parametrize("name", sorted(TWO_ARGUMENTS))
@pytest.mark.parametrize("numerator", [None, float("nan"), -5, float("inf"), "<b>12</b>"])
def test_an_unusable_numerator_gives_nan(name: str, numerator: object) -> None:
    value = TWO_ARGUMENTS[name](numerator, 100)
    assert isinstance(value, float) and math.isnan(value)


@pytest.mark.parametrize("margin", [-0.1, 1.5, 68, None, float("nan"), "68 %"])
def test_roi_needs_a_margin_share_between_0_and_1(margin: object) -> None:
    assert math.isnan(roi(1_000, 500, margin))


@pytest.mark.parametrize("name", sorted(TWO_ARGUMENTS))
def test_series_are_vectorised_and_keep_their_index(name: str) -> None:
    function = TWO_ARGUMENTS[name]
    numerator = pd.Series([450.0, 10.0, 10.0, 10.0, np.nan, 10.0], index=list("abcdef"))
    denominator = pd.Series([30.0, 0.0, -3.0, np.nan, 5.0, np.inf], index=list("abcdef"))
    result = function(numerator, denominator)
    assert isinstance(result, pd.Series) and list(result.index) == list("abcdef")
    assert result.dtype == "float64"
    assert result["a"] == pytest.approx(function(450.0, 30.0))
    assert result[list("bcdef")].isna().all()
    assert not np.isinf(result.to_numpy()).any()


def test_series_mix_with_scalars_and_arrays() -> None:
    assert cpa(pd.Series([100, 200]), 4).tolist() == [25.0, 50.0]
    assert math.isnan(cpa(pd.Series([100, 200]), 0).iloc[0])
    assert cpa(100, pd.Series([4, 0])).iloc[0] == 25.0
    array = cpm(np.array([10, 20]), np.array([1_000, 0]))
    assert isinstance(array, np.ndarray) and array[0] == 10.0 and math.isnan(array[1])
    assert roi(pd.Series([100.0, 200.0]), 50.0, pd.Series([0.5, 2.0])).iloc[1] != roi(200, 50, 0.5)
    text_counts = cpc(pd.Series([10, 10]), pd.Series(["5", "cinq"]))
    assert text_counts.iloc[0] == 2.0 and math.isnan(text_counts.iloc[1])


finite = st.floats(min_value=0, max_value=1e9, allow_nan=False)
positive = st.floats(min_value=1e-3, max_value=1e9, allow_nan=False)
anything = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(-10**6, 10**6), st.none())


@settings(max_examples=200, deadline=None)
@given(cost=finite, count=positive)
def test_cost_ratios_match_their_formula(cost: float, count: float) -> None:
    assert cpm(cost, count) == pytest.approx(cost / count * 1000)
    assert cpa(cost, count) * count == pytest.approx(cost, abs=1e-6)
    series = cpa(pd.Series([cost]), pd.Series([count]))
    assert series.iloc[0] == pytest.approx(cpa(cost, count))


@settings(max_examples=300, deadline=None)
@given(numerator=anything, denominator=anything)
@example(numerator=1.2911175307842944e16, denominator=4.8838141722144505e-291)  # ROI's × 100 overflowed
def test_never_infinite_never_raises(numerator: object, denominator: object) -> None:
    for function in TWO_ARGUMENTS.values():
        value = function(numerator, denominator)
        assert isinstance(value, float) and not math.isinf(value)
        vector = function(pd.Series([numerator], dtype=object), pd.Series([denominator], dtype=object))
        assert not np.isinf(vector.to_numpy()).any()


@settings(max_examples=200, deadline=None)
@given(revenue=finite, cost=positive, margin=st.floats(min_value=0.01, max_value=1.0))
def test_roi_is_roas_times_margin_minus_one(revenue: float, cost: float, margin: float) -> None:
    assert roi(revenue, cost, margin) == pytest.approx((roas(revenue, cost) * margin - 1) * 100, rel=1e-9, abs=1e-6)
    # ROI is positive exactly when ROAS beats the break-even ROAS (1 / margin)
    if abs(roas(revenue, cost) - 1 / margin) > 1e-6 * max(1.0, 1 / margin):
        assert (roi(revenue, cost, margin) > 0) == (roas(revenue, cost) > 1 / margin)


@settings(max_examples=200, deadline=None)
@given(test=finite, control=positive)
def test_lift_sign_follows_the_comparison(test: float, control: float) -> None:
    value = lift(test, control)
    assert value >= -100.0
    assert lift(control, control) == pytest.approx(0.0)
    if not math.isclose(test, control, rel_tol=1e-9):
        assert (value > 0) == (test > control)


def collaborations() -> pd.DataFrame:
    return pd.DataFrame({
        "creator_id": ["A", "A", "B", "C"],
        "fee_eur": [400, 400, 3_000, 100],
        "product_cost_eur": [50, 50, 100, 0],
        "impressions": [20_000, 30_000, 400_000, 0],
        "reach": [15_000, 20_000, 300_000, 0],
        "views": [10_000, 12_000, 200_000, 0],
        "engagements": [1_000, 1_500, 4_000, 0],
        "link_clicks": [300, 400, 500, 0],
        "promo_code_uses": [10, 12, 1, 0],
        "orders": [20, 30, 2, 0],
        "revenue_eur": [760.0, 1_140.0, 76.0, 0.0],
    })


def test_kpi_table_divides_sums_not_averages_ratios() -> None:
    table = kpi_table(collaborations(), margin_rate=0.68)
    assert list(table.index) == ["A", "B", "C"]
    assert set(KPI_COLUMNS) <= set(table.columns)
    a = table.loc["A"]
    assert a["cost"] == 900 and a["orders"] == 50
    assert a["cpa"] == pytest.approx(18.0)  # 900 / 50, not the mean of 450/20 and 450/30
    assert a["cpm"] == pytest.approx(900 / 50_000 * 1000)
    assert a["roas"] == pytest.approx(1_900 / 900)
    assert a["roi_pct"] == pytest.approx((1_900 * 0.68 - 900) / 900 * 100)
    assert table.loc["B", "cpa"] == pytest.approx(1_550.0)
    assert table.loc["C", ["cpm", "cpa", "cpc"]].isna().all() and table.loc["C", "roas"] == 0
    whole = kpi_table(collaborations(), by=None, margin_rate=0.68)
    assert len(whole) == 1 and whole["cost"].iloc[0] == 4_100
    assert whole["cpa"].iloc[0] == pytest.approx(4_100 / 52)


def test_kpi_table_with_another_cost_column_and_grouping() -> None:
    frame = collaborations().assign(total=lambda f: f["fee_eur"] * 2, brand=["X", "X", "Y", "Y"])
    table = kpi_table(frame, by=["brand"], margin_rate=0.5, cost="total")
    assert table.loc["X", "cost"] == 1_600
    assert table.loc["Y", "roi_pct"] == pytest.approx((76 * 0.5 - 6_200) / 6_200 * 100)
