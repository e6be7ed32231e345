"""The campaign's money facts (issue 21): basket, unit cost, shipping, agency fees, break-even points."""

from __future__ import annotations

import math
from collections.abc import Mapping

import pytest

from influence_workbook.campaign import (
    SEVE,
    SEVE_MONEY_NOTE,
    campaign_from_answer,
    check_campaign_answer,
)
from influence_workbook.typography import problems_in as typography_problems

BASE: dict[str, object] = {
    "brand": "Vélo Léman", "product": "vélo cargo électrique", "campaign": "Printemps cargo",
    "launch": "2027-04-01", "creator_budget": "8 000", "currency": "CHF", "markets": ["CH"],
    "audience": "familles de 30-45 ans", "product_price": "4 900", "gross_margin_rate": "35",
}


def costs_item(answer: Mapping[str, object]) -> tuple[bool, str]:
    item = next(i for i in check_campaign_answer(answer).items if i.criterion == "costs")
    return item.ok, item.message


def test_seve_has_every_money_fact_and_says_they_are_assumptions() -> None:
    assert SEVE.product_price == 24.0 and SEVE.gross_margin_rate == 0.68 and SEVE.average_basket == 38.0
    assert SEVE.product_cost == pytest.approx(SEVE.product_price * (1 - SEVE.gross_margin_rate))
    assert SEVE.shipping_cost > 0 and SEVE.agency_fees == pytest.approx(0.15 * SEVE.creator_budget)
    assert "hypothèses du cours" in SEVE_MONEY_NOTE
    assert "2\u202f250\u00a0€" in SEVE_MONEY_NOTE and "6,90\u00a0€" in SEVE_MONEY_NOTE


def test_break_even_points() -> None:
    assert SEVE.break_even_roas == pytest.approx(1 / 0.68)
    assert SEVE.break_even_cpa == pytest.approx(38 * 0.68)
    no_margin = campaign_from_answer({**BASE, "gross_margin_rate": "0"})
    assert no_margin is not None and math.isnan(no_margin.break_even_roas)


def test_the_answer_round_trips_with_the_new_fields() -> None:
    again = campaign_from_answer({**SEVE.to_answer(), "pitch": SEVE.brand.pitch})
    assert again is not None
    assert (again.product_cost, again.shipping_cost, again.agency_fees, again.average_basket) == (
        SEVE.product_cost, SEVE.shipping_cost, SEVE.agency_fees, SEVE.average_basket)


def test_missing_costs_are_not_a_fault_and_the_assumptions_are_said() -> None:
    ok, message = costs_item(BASE)
    assert ok and check_campaign_answer(BASE).passed
    assert "prix × (1 − marge) = 3\u202f185" in message and "envoi gratuit" in message and "pas d'agence" in message
    campaign = campaign_from_answer(BASE)
    assert campaign is not None
    assert campaign.product_cost == pytest.approx(4900 * 0.65)
    assert campaign.average_basket == 4900 and campaign.shipping_cost == 0 and campaign.agency_fees == 0


def test_given_costs_are_read_in_french_notation() -> None:
    answer = {**BASE, "average_basket": "5 200", "product_cost": "3 100,50", "shipping_cost": "89,9",
              "agency_fees": "1 200 CHF"}
    ok, message = costs_item(answer)
    assert ok and "notés" in message
    campaign = campaign_from_answer(answer)
    assert campaign is not None
    assert (campaign.average_basket, campaign.product_cost, campaign.shipping_cost, campaign.agency_fees) == (
        5200, 3100.5, 89.9, 1200)


@pytest.mark.parametrize(("key", "value", "expected"), [
    ("shipping_cost", "beaucoup", "pour l'envoi d'un colis, un montant positif"),
    ("agency_fees", "-500", "pour les honoraires d'agence, un montant positif"),
    ("product_cost", "6 000", "ne dépasse pas le prix de vente (4\u202f900\u00a0CHF)"),
    ("average_basket", "0", "panier moyen plus grand que zéro"),
    ("shipping_cost", "<script>alert(1)</script>", "un montant positif"),
    ("agency_fees", "1e300", "un montant positif"),
])
def test_an_unusable_cost_fails_with_a_french_message(key: str, value: str, expected: str) -> None:
    answer = {**BASE, key: value}
    ok, message = costs_item(answer)
    assert not ok and expected in message and message.startswith("Indiquez ")
    assert "<script>" not in message
    assert campaign_from_answer(answer) is None


@pytest.mark.parametrize("value", [None, "", "   ", ..., 12, 3.5, [1], {"a": 1}, True])
def test_costs_never_raise(value: object) -> None:
    for key in ("average_basket", "product_cost", "shipping_cost", "agency_fees"):
        feedback = check_campaign_answer({**BASE, key: value})
        assert feedback.items


def test_messages_follow_french_typography() -> None:
    for answer in (BASE, {**BASE, "shipping_cost": "x", "product_cost": "9 999"}, SEVE.to_answer()):
        for item in check_campaign_answer(answer).items:
            assert typography_problems(item.message) == [], item.message
    assert typography_problems(SEVE_MONEY_NOTE) == []
