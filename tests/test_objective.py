"""check_objective: the chapter-1 self-check on real French input."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from influence_workbook.authoring.typography import fix as fr
from influence_workbook.checks import check_kpi_matching, check_objective
from influence_workbook.checks.objective import (
    GOAL_CHOICES,
    KPI_CHOICES,
    KPIS,
    STAGES,
    compose_objective,
    read_objective,
)

TODAY = date(2026, 11, 28)
CRITERIA = ["goal", "kpi", "kpi_fit", "target", "deadline", "audience", "specific", "realistic"]


def failing(text: str) -> set[str]:
    return {item.criterion for item in check_objective(text, today=TODAY).failed_items()}


@pytest.mark.parametrize(
    "text",
    [
        "Conversion : atteindre 1 500 ventes d’ici fin juin 2027 auprès des femmes de 18-34 ans en France",
        "CONVERSION : 1\u202f500 VENTES D'ICI FIN JUIN 2027 AUPRÈS DES 18-34 ANS EN SUISSE ROMANDE",
        "Notoriété : toucher 400\u00a0000 personnes (portée) au T2 2027 chez les 18‑25 ans à Lyon",
        "Objectif de considération : 2,5 % de taux d'engagement en trois mois auprès des étudiantes",
        "Fidélisation : 30 % de taux de réachat d'ici le 30/06/2027 parmi nos clientes existantes",
        "Conversion : 800 codes promo utilisés au 2e trimestre 2027 par des parents en Belgique 🌱",
        "« Notoriété » : 2 millions de vues sous 8 semaines auprès des 18-24 ans francophones",
    ],
)
def test_smart_objectives_pass(text: str) -> None:
    feedback = check_objective(text, today=TODAY)
    assert feedback.passed, feedback.to_text()
    assert [item.criterion for item in feedback.items] == CRITERIA


@pytest.mark.parametrize(
    ("text", "expected_failures"),
    [
        ("Faire le buzz sur Instagram", set(CRITERIA)),
        ("Augmenter la notoriété de 20 %", {"kpi", "kpi_fit", "deadline", "audience"}),
        ("Conversion : 1 500 ventes auprès des 18-34 ans en France", {"deadline"}),
        ("Conversion : 1 500 ventes d'ici fin juin 2027", {"audience"}),
        ("Conversion : des ventes d'ici fin juin 2027 auprès des 18-34 ans", {"target"}),
        # Without a stage, the fit of the KPI cannot be judged either (the message says so).
        ("Atteindre 1 500 ventes d'ici fin juin 2027 auprès des 18-34 ans", {"goal", "kpi_fit"}),
        ("Notoriété : 1 500 ventes d'ici fin juin 2027 auprès des 18-34 ans", {"kpi_fit"}),
        (
            "Notoriété et conversion : 1 500 ventes d'ici fin juin 2027 auprès des 18-34 ans",
            {"goal", "kpi_fit"},
        ),
        ("Conversion : 1 500 ventes d'ici fin juin 2025 auprès des 18-34 ans", {"deadline"}),
        ("Notoriété : 1 milliard de vues en trois mois auprès des 18-25 ans", {"realistic"}),
        ("Considération : 45 % de taux d'engagement en trois mois auprès des 18-25 ans", {"realistic"}),
        ("Conversion : 1 500 ventes d'ici fin 2030 auprès des 18-34 ans", {"realistic"}),
        ("Conversion : 1 500 ventes d'ici le 01/12/2026 auprès des 18-34 ans", {"realistic"}),
    ],
)
def test_each_missing_element_is_named(text: str, expected_failures: set[str]) -> None:
    assert failing(text) == expected_failures


def test_feedback_is_specific_and_points_to_the_chapter() -> None:
    feedback = check_objective(
        "Notoriété : 1 500 ventes d'ici fin juin 2027 auprès des 18-34 ans", today=TODAY
    )
    item = feedback.item("kpi_fit")
    assert fr("« Ventes » mesure plutôt la conversion, pas la notoriété") in item.message
    assert "portée" in item.message  # suggests a KPI that fits
    assert item.read_more == "Un objectif par étape du tunnel"
    assert feedback.item("deadline").message.endswith("au plus tard le 30 juin 2027.")


def test_unrealistic_budget_message_uses_french_figures() -> None:
    message = (
        check_objective("Notoriété : 1 milliard de vues en trois mois auprès des 18-25 ans", today=TODAY)
        .item("realistic")
        .message
    )
    assert fr("15\u202f000 €") in message and fr("0,001 €") in message


@pytest.mark.parametrize("value", [None, ..., "", "   ", "...", "?!", "🎉🎉"])
def test_nothing_to_check_gets_a_french_instruction(value: object) -> None:
    feedback = check_objective(value, today=TODAY)
    assert not feedback.passed
    assert len(feedback.items) == 1
    assert "objectif" in feedback.items[0].message.lower()


@pytest.mark.parametrize("value", [42, 3.5, ["Conversion"], {"goal": "Conversion"}])
def test_wrong_types_are_explained(value: object) -> None:
    feedback = check_objective(value, today=TODAY)
    assert not feedback.passed
    assert "texte entre guillemets" in feedback.items[0].message


def test_html_is_kept_as_text_in_messages() -> None:
    payload = "<img src=x onerror=alert(1)> Notoriété : 400 000 vues en 3 mois pour les 18-25 ans"
    feedback = check_objective(payload, today=TODAY)
    assert feedback.item("goal").ok
    html = feedback._repr_html_()
    assert "<img" not in html.replace("&lt;img", "")


def test_huge_text_is_checked_and_told_to_be_shorter() -> None:
    text = "Conversion : 1 500 ventes d'ici fin juin 2027 auprès des 18-34 ans. " * 5_000
    feedback = check_objective(text, today=TODAY)
    assert not feedback.item("specific").ok
    assert "une phrase" in feedback.item("specific").message
    assert feedback.item("goal").ok and feedback.item("deadline").ok


def test_today_defaults_to_the_frozen_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Conversion : 1 500 ventes d'ici fin juin 2027 auprès des 18-34 ans"
    monkeypatch.setenv("INFLUENCE_WORKBOOK_TODAY", "2027-07-01")
    assert not check_objective(text).item("deadline").ok
    monkeypatch.setenv("INFLUENCE_WORKBOOK_TODAY", "2026-11-28")
    assert check_objective(text).item("deadline").ok


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_never_raises_on_any_text(text: str) -> None:
    feedback = check_objective(text, today=TODAY)
    assert feedback.items
    assert all(item.message for item in feedback.items)


def test_compose_objective_round_trips_through_the_check() -> None:
    for goal in GOAL_CHOICES:
        stage = next(key for key, label in STAGES.items() if label == goal)
        kpi = next(k for k in KPIS if k.stage == stage)
        sentence = compose_objective(
            goal, kpi.label, "2 000", "d'ici fin juin 2027", "les 18-34 ans en France"
        )
        reading = read_objective(sentence, TODAY)
        assert reading.stages == (stage,), sentence
        assert kpi in reading.kpis, sentence


def test_compose_objective_leaves_out_empty_fields() -> None:
    assert compose_objective("", "", "", "", "") == ""
    sentence = compose_objective("Conversion", "", "", "", "")
    assert sentence == "Objectif de conversion."
    assert failing(sentence) >= {"kpi", "target", "deadline", "audience"}


def test_every_kpi_label_is_recognised_by_its_own_patterns() -> None:
    for label in KPI_CHOICES:
        reading = read_objective(f"Conversion : 100 ({label.lower()}) d'ici fin juin 2027", TODAY)
        assert label in {k.label for k in reading.kpis}, label


def test_kpi_matching_exercise() -> None:
    perfect = check_kpi_matching(
        {"Impressions": "Notoriété", "Ventes": "conversion", "Taux de réachat": "FIDÉLISATION"}
    )
    assert perfect.passed, perfect.to_text()
    wrong = check_kpi_matching({"Impressions": "Conversion", "Inconnu": "Notoriété", "Ventes": "Achat"})
    messages = [item.message for item in wrong.items]
    assert not wrong.passed
    assert "sert surtout la notoriété" in messages[0]
    assert "n'est pas dans la liste" in messages[1]
    assert "Choisissez une étape" in messages[2]
    assert check_kpi_matching(...).items[0].criterion == "input"


@pytest.mark.parametrize(
    ("text", "criterion", "fragment"),
    [
        ("Conversion : 1 500 ventes d'ici fin avril auprès des 18-34 ans", "deadline", "n'a pas d'année"),
        ("Conversion : 1 500 ventes d'ici le 30/04 auprès des 18-34 ans", "deadline", "n'a pas d'année"),
        (
            "Notoriété : gagner 10 000 abonnés d'ici fin juin 2027 auprès des 18-34 ans",
            "kpi",
            "ce n'est pas un résultat de la campagne",
        ),
    ],
)
def test_specific_hints_for_common_slips(text: str, criterion: str, fragment: str) -> None:
    item = check_objective(text, today=TODAY).item(criterion)
    assert not item.ok
    assert fragment in item.message


def test_plain_verbs_name_the_kpi_and_the_stage() -> None:
    assert check_objective(
        "Notoriété : toucher 400 000 personnes d'ici fin avril 2027 auprès des Lyonnaises", today=TODAY
    ).passed
    reading = read_objective("Générer 1 200 ventes d'ici fin avril 2027 auprès des 18-34 ans", TODAY)
    assert reading.stages == ("conversion",)
    reading = read_objective("Conversion : vendre 1 200 shampooings d'ici fin avril 2027", TODAY)
    assert [k.key for k in reading.kpis] == ["sales"]


def test_a_day_without_year_is_not_the_target() -> None:
    feedback = check_objective(
        "Du 15 mars au 30 avril 2027, conversion : 1 200 ventes auprès des 18-34 ans", today=TODAY
    )
    assert feedback.passed, feedback.to_text()
    assert fr("« 1 200 »") in feedback.item("target").message


def test_guided_form_needs_a_real_audience() -> None:
    sentence = compose_objective("Conversion", "Ventes", "1 500 ventes", "d'ici fin juin 2027", "xxx")
    assert not check_objective(sentence, today=TODAY).item("audience").ok


def test_budget_can_be_given() -> None:
    text = "Conversion : 1 500 ventes d'ici fin juin 2027 auprès des 18-34 ans"
    assert check_objective(text, today=TODAY).passed
    assert not check_objective(text, today=TODAY, budget_eur=1_000).item("realistic").ok


def test_matching_with_nothing_filled_in_gives_one_instruction() -> None:
    feedback = check_kpi_matching({"Impressions": ..., "Ventes": ...})
    assert [item.criterion for item in feedback.items] == ["input"]


def test_realism_message_names_only_what_is_there() -> None:
    item = check_objective("Augmenter la notoriété de 20 %", today=TODAY).item("realistic")
    assert item.ok and "échéance, elle, reste à fixer" in item.message
