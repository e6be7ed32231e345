"""check_offers (chapter 9): an offer to each creator and the envelope's budget, read the way a trainer reads them."""

from __future__ import annotations

import math
from typing import Any

import pytest

from influence_workbook.campaign import SEVE, campaign_from_answer
from influence_workbook.checks import check_offers
from influence_workbook.checks.pay import (
    READ_BUDGET,
    READ_CONTRACT,
    READ_DRIVERS,
    READ_EXAMPLE,
    READ_MONEY,
    READ_RANGES,
    READ_RIGHTS,
    gift_cost,
    pay_profiles,
    range_text,
    read_amount,
    read_currency,
    read_deliverables,
    read_exclusivity,
    read_months,
    read_payment_days,
    read_plan,
    read_territory,
    read_usage,
)
from influence_workbook.pay import (
    CLAUSES,
    CPM_RANGE_EUR,
    EUR_TO_CHF,
    MANDATORY_CLAUSES,
    USAGE_BRAND,
    USAGE_ORGANIC,
    USAGE_PAID,
    fee_range,
    quarters,
)

OFFERS = [
    {"creator_id": "C0046", "deliverables": "1 Reel + 2 stories", "usage": "organique", "rights_duration": "3 mois",
     "territory": "France et Suisse", "exclusivity": "", "fee": "120", "currency": "EUR", "gift_value": "24",
     "contract": False},
    {"creator_id": "C0128", "deliverables": "2 vidéos TikTok", "usage": "publicite", "rights_duration": "3 mois",
     "territory": "France et Suisse", "exclusivity": "shampooings solides, 3 mois", "fee": "1 000", "currency": "EUR",
     "gift_value": "48", "contract": True},
    {"creator_id": "C0252", "deliverables": "1 vidéo TikTok", "usage": "organique", "rights_duration": "1 an",
     "territory": "Suisse", "exclusivity": "non", "fee": "160", "currency": "CHF", "gift_value": "0",
     "contract": False},
]
TICKED = ["parties", "missions", "remuneration", "ip", "french_law", "rights", "payment"]
GOOD: dict[str, Any] = {"offers": OFFERS, "clauses": TICKED,
        "payment_days": "30 jours", "contingency": "1 500"}


def changed(index: int, **fields: Any) -> dict[str, Any]:
    offers = [dict(offer) for offer in OFFERS]
    offers[index].update(fields)
    return {**GOOD, "offers": offers}


def plain(text: str) -> str:
    """French typography's non-breaking spaces as plain ones, to compare messages."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def failed(feedback: Any) -> set[str]:
    return {item.criterion for item in feedback.items if not item.ok}


def test_the_worked_answer_passes_every_criterion() -> None:
    feedback = check_offers(GOOD)
    assert feedback.passed, feedback.to_text()
    assert [item.criterion for item in feedback.items] == [
        "deliverables", "fee", "rights", "currency", "exclusivity", "contract", "payment", "budget", "contingency"]
    assert feedback.check == "ch09-offers"


def test_each_fee_message_names_the_range_and_why() -> None:
    low = check_offers(changed(1, fee="150", contract=False))
    message = plain(low.item("fee").message)
    assert failed(low) == {"fee"}
    assert "Charlie Peau Douce" in message and "sous la fourchette" in message
    assert "13 837 vues" in message and "23 à 33 €" in message and "TikTok" in message  # the why
    assert "tarif demandé 210 €" in message and "droits +20 à +50 %" in message
    high = check_offers(changed(0, fee="600"))
    assert "au-dessus de la fourchette de 80 à 220 €" in plain(high.item("fee").message)
    passed = plain(check_offers(GOOD).item("fee").message)
    assert "Samir des Flacons 120 € + 24 € de produits (80 à 220 €)" in passed


def test_the_range_comes_from_views_cpm_the_asked_rate_and_uplifts() -> None:
    base = fee_range(platform="instagram", views=2_670, asked=60, units=1)
    assert base.reach_low == pytest.approx(2_670 * 30 / 1000) and base.reach_high == pytest.approx(2_670 * 40 / 1000)
    assert base.low == pytest.approx(60 * 0.8)  # asks less than the views justify: paid from the rate
    assert base.high == pytest.approx(2_670 * 40 / 1000 * 1.2)
    paid = fee_range(platform="instagram", views=2_670, asked=60, units=1, usage=USAGE_PAID, rights_months=6)
    assert paid.rights == pytest.approx((0.4, 1.0)) and paid.high > base.high and paid.low > base.low
    greedy = fee_range(platform="tiktok", views=1_000, asked=900, units=1)
    assert greedy.asked_capped and greedy.high == pytest.approx(1.5 * 33 * 1.2)
    blind = fee_range(platform="snapchat", views=math.nan, asked=100, units=2)
    assert blind.platform == "instagram" and blind.low == pytest.approx(160) and blind.high == pytest.approx(240)
    assert set(CPM_RANGE_EUR) == {"instagram", "tiktok", "youtube"} and quarters(4) == 2 and quarters(3) == 1


def test_products_count_toward_pay_and_the_contract_threshold() -> None:
    gift_only = check_offers(changed(0, fee="0", gift_value="90"))
    assert "fee" not in failed(gift_only) and any("rémunération en nature" in plain(tip) for tip in gift_only.tips)
    crossing = check_offers(changed(1, fee="960", gift_value="48", contract=False))
    assert failed(crossing) == {"contract"}
    message = plain(crossing.item("contract").message)
    assert "1 008 € HT" in message and "2025-1137" in message
    under = check_offers(changed(1, fee="940", gift_value="48", contract=False))
    assert "contract" not in failed(under)


def test_the_year_adds_up_with_earlier_payments() -> None:
    profiles = pay_profiles(["C0046", "C0128", "C0252"])
    profiles[1]["paid_last_12_months_eur"] = 400
    feedback = check_offers(changed(1, fee="700", contract=False), profiles)
    assert "contract" in failed(feedback) and "400 € déjà versés" in plain(feedback.item("contract").message)


def test_the_contract_needs_the_clauses_of_the_law() -> None:
    feedback = check_offers({**GOOD, "clauses": ["parties", "missions", "remuneration"]})
    message = plain(feedback.item("contract").message)
    assert failed(feedback) == {"contract"}
    assert plain(MANDATORY_CLAUSES["ip"]) in message and plain(MANDATORY_CLAUSES["french_law"]) in message
    assert plain(CLAUSES["rights"]) in message  # the brand reuses contents: the transfer itemised (CPI L131-3)
    labels = check_offers({**GOOD, "clauses": [CLAUSES[c] for c in TICKED]})
    assert labels.passed, "ticked clauses given by their French labels count too"


def test_a_swiss_campaign_is_not_judged_on_the_french_threshold() -> None:
    velo = campaign_from_answer({"brand": "Vélo Léman", "product": "vélo cargo", "creator_budget": 12_000,
                                 "currency": "CHF", "markets": ["CH"], "launch": "2027-04-10",
                                 "product_price": 4200, "gross_margin_rate": 35})
    assert velo is not None
    offer = {**OFFERS[2], "fee": "1 100", "deliverables": "3 vidéos TikTok"}
    feedback = check_offers({**GOOD, "offers": [offer], "clauses": []}, campaign=velo)
    assert feedback.item("contract").ok and "ne vise pas la France" in plain(feedback.item("contract").message)
    assert "12 000 CHF" in plain(feedback.item("budget").message)


@pytest.mark.parametrize(("index", "fields", "criterion"), [
    (0, {"deliverables": "du contenu"}, "deliverables"),
    (0, {"deliverables": "quelques stories"}, "deliverables"),
    (0, {"deliverables": "1 Short"}, "deliverables"),
    (1, {"rights_duration": ""}, "rights"),
    (1, {"rights_duration": "à perpétuité"}, "rights"),
    (1, {"territory": "tous supports"}, "rights"),
    (1, {"usage": "???"}, "rights"),
    (2, {"currency": "EUR", "fee": "170"}, "currency"),
    (0, {"currency": "CHF"}, "currency"),
    (0, {"currency": ""}, "currency"),
    (1, {"exclusivity": "exclusivité totale sur toutes les marques, 3 mois"}, "exclusivity"),
    (1, {"exclusivity": "exclusivité soins capillaires"}, "exclusivity"),
    (1, {"exclusivity": "exclusivité à vie"}, "exclusivity"),
    (0, {"fee": "selon les résultats"}, "fee"),
    (0, {"gift_value": "beaucoup"}, "fee"),
    (0, {"creator_id": "C9999"}, "fee"),
])
def test_one_weakness_fails_its_own_criterion(index: int, fields: dict[str, Any], criterion: str) -> None:
    feedback = check_offers(changed(index, **fields))
    assert criterion in failed(feedback), feedback.to_text()


@pytest.mark.parametrize(("days", "ok"), [("30 jours", True), ("60", True), ("45 jours fin de mois", True),
                                          ("à réception", True), ("61 jours", False), ("60 jours fin de mois", False),
                                          ("2 mois", True), ("3 mois", False), ("dès que possible", False),
                                          ("", False)])
def test_payment_within_the_french_limit(days: str, ok: bool) -> None:
    assert check_offers({**GOOD, "payment_days": days}).item("payment").ok is ok


def test_the_budget_adds_fees_product_costs_and_the_contingency() -> None:
    plan = read_plan(GOOD)
    assert plan.fees_total == pytest.approx(120 + 1000 + 160 / EUR_TO_CHF)
    assert plan.gifts_cost == pytest.approx(gift_cost(24, SEVE) + gift_cost(48, SEVE))
    assert gift_cost(24, SEVE) == pytest.approx(24 * 7.68 / 24 + 6.90) and gift_cost(0, SEVE) == 0
    assert plan.total == pytest.approx(plan.fees_total + plan.gifts_cost + 1500)
    over = check_offers({**GOOD, "contingency": "14 000"})
    assert failed(over) == {"budget"} and "de plus que l'enveloppe de 15 000 €" in plain(over.item("budget").message)
    share = read_plan({**GOOD, "contingency": "10 %"})
    assert share.contingency == pytest.approx(1_500)
    assert "contingency" in failed(check_offers({**GOOD, "contingency": ""}))
    assert any("5 à 15 %" in plain(tip) for tip in check_offers({**GOOD, "contingency": "100"}).tips)


@pytest.mark.parametrize(("text", "expected"), [
    ("1 Reel + 2 stories", (("reel", 1), ("story", 2))), ("deux vidéos TikTok", (("video", 2),)),
    ("Reel x2", (("reel", 2),)), ("3 stories et pas de reel", (("story", 3),)), ("un carrousel", (("carrousel", 1),)),
    ("", ()), ("du contenu", ()),
])
def test_deliverables_are_read_in_french(text: str, expected: tuple[tuple[str, int], ...]) -> None:
    assert read_deliverables(text, "instagram").items == expected


def test_fields_are_read_in_french() -> None:
    assert read_amount("1 200 €") == 1200 and read_amount("1'200.50 CHF") == 1200.5 and read_amount("160.-") == 160
    assert read_amount(-3) is None and read_amount(math.inf) is None and read_amount("gratuit") == 0
    assert read_amount("-50") is None and read_amount(True) is None and read_amount("beaucoup") is None
    assert read_currency("Fr.") == "CHF" and read_currency("euros") == "EUR" and read_currency("USD") is None
    assert read_months("3 mois") == (3.0, False) and read_months("un an") == (12.0, False)
    assert read_months("90 jours") == (3.0, False) and read_months("illimitée") == (None, True)
    assert read_months("6") == (6.0, False) and read_months("bientôt") == (None, False)
    assert read_territory("France et Suisse romande")[:2] == ("france", "suisse")
    assert read_usage("organique") == USAGE_ORGANIC and read_usage("Whitelisting") == USAGE_PAID
    assert read_usage("repost par la marque") == USAGE_BRAND and read_usage("") is None
    assert not read_exclusivity("pas d'exclusivité").present and not read_exclusivity("Aucune").present
    assert read_exclusivity("shampooings solides 3 mois").months == 3.0
    assert read_payment_days("45 jours fin de mois") == (45, True) and read_payment_days("à réception") == (0, False)


def test_ranges_are_shown_in_the_offers_currency() -> None:
    plan = read_plan(GOOD)
    assert plain(range_text(plan.offers[0])) == "80 à 220 €"
    assert range_text(plan.offers[2]).endswith("CHF")


def test_every_failed_item_points_to_a_section_of_the_chapter() -> None:
    sections = {READ_BUDGET, READ_CONTRACT, READ_DRIVERS, READ_MONEY, READ_RANGES, READ_RIGHTS}
    feedback = check_offers({"offers": [{"creator_id": "C0046", "deliverables": "x"}], "clauses": [],
                             "payment_days": "", "contingency": ""})
    assert not feedback.passed
    assert {plain(item.read_more or "") for item in feedback.items} <= sections


@pytest.mark.parametrize("bad", [None, ..., "", "des offres", 42, {"offers": "C0046"}, {"offers": []},
                                 {"offers": [{}, {}]}, {"offers": [{"creator_id": "C0046"}]}])
def test_unusable_answers_get_a_french_message(bad: Any) -> None:
    feedback = check_offers(bad)
    assert not feedback.passed and feedback.items[0].message
    if feedback.is_input_problem:
        assert plain(feedback.items[0].read_more or "") == READ_EXAMPLE


def test_html_in_a_field_is_only_quoted_back() -> None:
    feedback = check_offers(changed(0, deliverables="<script>alert(1)</script>"))
    assert "<script>" in plain(feedback.item("deliverables").message)  # escaped by the renderer, never executed
    from influence_workbook.widgets.render import feedback_html

    assert "<script>" not in feedback_html(feedback)


def test_every_section_the_feedback_points_to_is_a_heading_of_the_chapter() -> None:
    import json

    from influence_workbook.checks import pay
    from influence_workbook.paths import course_root

    cells = json.loads((course_root() / "notebooks" / "09_remuneration.ipynb").read_text(encoding="utf-8"))["cells"]
    headings = {plain(line.lstrip("#").strip()) for cell in cells if cell["cell_type"] == "markdown"
                for line in "".join(cell["source"]).splitlines() if line.startswith("#")}
    sections = {plain(value) for name, value in vars(pay).items() if name.startswith("READ_")}
    assert len(sections) == 9 and sections <= headings, sorted(sections - headings)
