"""Chapter 8: the KPI table of the Rituel Avoine launch, its check and its workshop."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pytest

from influence_workbook import metrics
from influence_workbook.campaign import SEVE, campaign_from_answer
from influence_workbook.checks.results import (
    DEFAULT_OBJECTIVE,
    EMV_CHOICES,
    EMV_WORST,
    KPI_LABELS,
    check_results,
    expected_figures,
    objective_target,
    read_figure,
    sample_results,
    verify_creator_table,
    verify_totals,
    verify_trends,
)
from influence_workbook.data import load_answer_key, load_collaborations, load_holdout
from influence_workbook.feedback import escape
from influence_workbook.progress import ProgressStore
from influence_workbook.typography import problems_in
from influence_workbook.widgets.campaign import choose_campaign
from influence_workbook.widgets.results import ResultsWorkshop, saved_results

GOOD: dict[str, Any] = {
    "kpi": "Commandes attribuées (ventes)",
    "cpa": "18,11 €",
    "roas": "2,17",
    "roi": "+47 %",
    "lift": "22,6 %",
    "emv": EMV_WORST,
    "limits": "Le dernier clic oublie ceux qui ont vu la vidéo puis acheté plus tard.",
    "verdict": "Objectif non atteint : 947 commandes sur 1 500 (63 %), mais un ROI de 47 % sur la marge.",
}
VELO = {"brand": "Vélo Léman", "product": "vélo cargo électrique", "creator_budget": 15000, "currency": "CHF",
        "markets": ["CH"], "launch": "2027-03-15", "product_price": 4200, "gross_margin_rate": 35,
        "agency_fees": 1500}


def failed(feedback: Any) -> set[str]:
    return {item.criterion for item in feedback.items if not item.ok}


# --------------------------------------------------------------------------- the figures


def test_sample_results_are_the_rituel_avoine_rows() -> None:
    rows = load_collaborations()
    rows = rows[rows["campaign"] == "Rituel Avoine"]
    results = sample_results()
    assert results.orders == rows["orders"].sum() and results.fees == rows["fee_eur"].sum()
    assert len(results.creators) == rows["creator_id"].nunique()
    assert math.isclose(results.revenue, rows["revenue_eur"].sum())


def test_expected_figures_follow_the_metrics_and_the_total_cost() -> None:
    results = sample_results()
    figures = expected_figures(SEVE)
    total = results.fees + results.products + SEVE.agency_fees
    assert figures.total_cost == pytest.approx(total)
    assert figures.cpa == pytest.approx(metrics.cpa(total, results.orders))
    assert figures.roas == pytest.approx(results.revenue / total)
    assert figures.roi_pct == pytest.approx((results.revenue * 0.68 - total) / total * 100)
    assert figures.roi_on_revenue_pct > figures.roi_pct + 30
    assert figures.cpa < SEVE.break_even_cpa and figures.roas > SEVE.break_even_roas


def test_the_holdout_lift_is_the_answer_keys() -> None:
    key = load_answer_key("holdout_lift").set_index("measure")
    results = sample_results()
    assert results.lift_pct == pytest.approx(key.loc["orders", "lift_pct"], abs=0.05)
    assert results.test_before == pytest.approx(key.loc["orders", "test_before"], abs=0.001)
    holdout = load_holdout()
    assert set(holdout["group"].astype(str)) == {"test", "control"}


def test_the_biggest_media_value_has_the_worst_cost_per_order() -> None:
    results = sample_results()
    star = results.emv_star
    assert star.impressions == max(c.impressions for c in results.creators)
    assert results.emv_answer == EMV_WORST
    sold = [c for c in results.creators if c.orders]
    assert star.cpa == max(c.cpa for c in sold)


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("18,11 €", 18.11, "€"), ("18.1€", 18.1, "€"), ("env. 18 euros", 18, "€"), ("x2,17", 2.17, ""),
    ("2,17x", 2.17, ""), ("-20,8 %", -20.8, "%"), ("−20,8 %", -20.8, "%"), ("moins 12 %", -12, "%"),
    ("ROI : +47%", 47, "%"), ("1 810 €", 1810, "€"), (0.47, 0.47, ""), ("17,32 CHF", 17.32, "CHF"),
])
def test_figures_are_read_as_learners_write_them(text: object, value: float, unit: str) -> None:
    figure = read_figure(text)
    assert figure is not None and figure.value == pytest.approx(value) and figure.unit == unit


@pytest.mark.parametrize("text", [None, "", "aucun", True, float("nan"), [], {"a": 1}, "<b></b>"])
def test_no_figure(text: object) -> None:
    assert read_figure(text) is None


# --------------------------------------------------------------------------- the objective


def test_without_an_objective_seve_s_default_is_used_and_said() -> None:
    target = objective_target(None)
    assert target.is_default and target.text == DEFAULT_OBJECTIVE
    assert target.choices == ("orders",) and target.target == 1500 and target.stage == "conversion"
    assert "Aucun objectif" in target.note


@pytest.mark.parametrize(("objective", "choices", "target"), [
    ("Notoriété : toucher 500 000 personnes d'ici fin juin 2027, 25-34 ans en France", ("reach",), 500_000),
    ("Considération : 8 000 clics vers le site d'ici juin 2027 auprès des 18-34 ans", ("clicks",), 8_000),
    ("Atteindre 1 million de vues d'ici fin juin 2027 auprès des 18-24 ans", ("views",), 1_000_000),
    ("Considération : un taux d'engagement de 4 % d'ici fin juin 2027 chez les 18-34 ans", ("engagement_rate",), 4),
    ("Vendre 2 000 shampooings avant le 30 juin 2027, 18-34 ans", ("orders",), 2_000),
])
def test_the_objective_names_its_kpi_and_target(objective: str, choices: tuple[str, ...], target: float) -> None:
    reading = objective_target(objective)
    assert reading.choices == choices and reading.target == target and not reading.is_default


def test_an_unreadable_objective_is_read_as_sales_and_said() -> None:
    reading = objective_target("Faire mieux que l'an dernier")
    assert reading.stage == "conversion" and "ne dit ni son étape" in reading.note


# --------------------------------------------------------------------------- the check


def test_a_complete_reading_passes() -> None:
    feedback = check_results(GOOD)
    assert feedback.passed, feedback.to_text()
    assert feedback.score == (8, 8)


@pytest.mark.parametrize(("changes", "criterion", "words"), [
    ({"cpa": "15,73 €"}, "cpa", "honoraires d'agence"),
    ({"roas": "0,46"}, "roas", "à l'envers"),
    ({"roi": "116 %"}, "roi", "chiffre d'affaires"),
    ({"roi": "2,17"}, "roi", "C'est le ROAS"),
    ({"lift": "42,8 %"}, "lift", "régions test seules"),
    ({"kpi": "EMV (valeur médiatique)"}, "kpi", "ne répond à aucun objectif"),
    ({"kpi": "Portée"}, "kpi", "autre étape du tunnel"),
    ({"emv": EMV_CHOICES[0]}, "emv", "Regardez le tableau"),
    ({"limits": "Tout est parfaitement mesuré."}, "attribution", "Nommez au moins une limite"),
    ({"limits": "Aucun souci de cookies ni de dernier clic."}, "attribution", "Vous écartez ces limites"),
    ({"verdict": "Objectif atteint avec 947 commandes !"}, "verdict", "il ne l'est pas"),
    ({"verdict": "Très bonne campagne."}, "verdict", "Il manque à votre verdict"),
])
def test_each_weakness_is_named(changes: dict[str, Any], criterion: str, words: str) -> None:
    feedback = check_results({**GOOD, **changes})
    assert failed(feedback) == {criterion}, feedback.to_text()
    assert words in feedback.item(criterion).message


def test_the_right_figures_are_given_when_wrong() -> None:
    message = check_results({**GOOD, "cpa": "30 €"}).item("cpa").message
    assert "17\u202f151\u00a0€ ÷ 947 = 18,11\u00a0€" in message
    message = check_results({**GOOD, "roi": "10 %"}).item("roi").message
    assert "× 68\u202f% −" in message and "47,2\u202f%" in message


def test_roi_on_revenue_quoted_in_the_verdict_fails() -> None:
    feedback = check_results({**GOOD, "verdict": "Objectif manqué (947 ventes sur 1 500) mais ROI de 116 %."})
    assert failed(feedback) == {"roi"} and "Votre verdict annonce" in feedback.item("roi").message


def test_an_own_campaign_uses_its_margin_and_agency_fees() -> None:
    velo = campaign_from_answer(VELO)
    assert velo is not None
    figures = expected_figures(velo)
    assert figures.total_cost == pytest.approx(sample_results().direct_cost + 1500)
    assert figures.roi_pct < 0
    answer = {**GOOD, "cpa": f"{figures.cpa:.2f}".replace(".", ","), "roas": f"{figures.roas:.2f}",
              "roi": f"{figures.roi_pct:.1f} %", "kpi": "Portée",
              "verdict": "Objectif pas atteint : 469 468 personnes touchées sur 500 000."}
    objective = "Notoriété : toucher 500 000 personnes en Suisse romande d'ici fin juin 2027, 30-45 ans"
    assert check_results(answer, campaign=velo, objective=objective).passed
    lost_sign = check_results({**answer, "roi": f"{-figures.roi_pct:.1f} %"}, campaign=velo, objective=objective)
    assert "Le signe manque" in lost_sign.item("roi").message
    assert "CHF" in check_results({**answer, "cpa": "1 €"}, campaign=velo, objective=objective).item("cpa").message


def test_a_met_objective_must_not_be_called_missed() -> None:
    feedback = check_results({**GOOD, "verdict": "Objectif manqué : 947 commandes."},
                             objective="Conversion : 900 ventes d'ici fin juin 2027 auprès des 18-34 ans")
    assert failed(feedback) == {"verdict"} and "il est atteint" in feedback.item("verdict").message


def test_a_long_verdict_is_a_report_not_a_verdict() -> None:
    feedback = check_results({**GOOD, "verdict": GOOD["verdict"] + " Détail : " + "encore un point, " * 40})
    assert failed(feedback) == {"verdict"} and "mots" in feedback.item("verdict").message


def test_a_tip_asks_for_the_holdout_until_the_verdict_names_it() -> None:
    assert any("test régional" in tip for tip in check_results(GOOD).tips)
    named = {**GOOD, "verdict": GOOD["verdict"] + " Le test régional montre +23 %."}
    assert not check_results(named).tips


@pytest.mark.parametrize("answer", [None, "", ..., 42, ["a"], "<script>alert(1)</script>", {}])
def test_unusable_answers_get_a_french_message(answer: object) -> None:
    feedback = check_results(answer)
    assert feedback.is_input_problem and feedback.items[0].message


def test_html_and_emoji_stay_text() -> None:
    feedback = check_results({**GOOD, "verdict": "<img src=x onerror=alert(1)> 🎉", "kpi": "<b>x</b>"})
    assert {"verdict", "kpi"} <= failed(feedback)
    assert "<img" not in feedback.to_text()


def test_messages_follow_french_typography() -> None:
    answers = [GOOD, {**GOOD, "cpa": "1", "roas": "1", "roi": "1", "lift": "1", "kpi": "", "emv": "",
                      "limits": "", "verdict": ""}]
    for answer in answers:
        feedback = check_results(answer)
        for item in feedback.items:
            assert problems_in(item.message) == [], item.message
        for tip in feedback.tips:
            assert problems_in(tip) == [], tip


def test_every_kpi_of_the_menu_is_judged() -> None:
    for label in KPI_LABELS:
        feedback = check_results({**GOOD, "kpi": label})
        assert feedback.item("kpi").ok == (label == "Commandes attribuées (ventes)")


# --------------------------------------------------------------------------- the workshop


def fill(workshop: ResultsWorkshop, answer: dict[str, Any]) -> None:
    for name, value in answer.items():
        getattr(workshop, name).value = value


def test_workshop_css_classes_and_menus(tmp_path: Path) -> None:
    workshop = ResultsWorkshop(ProgressStore(tmp_path / "p.json"))
    box = workshop.widget()
    assert {"iw-workshop", "iw-ch08-results"} <= set(box._dom_classes)
    for name in ("kpi", "cpa", "roas", "roi", "lift", "emv", "limits", "verdict"):
        assert f"iw-ch08-{name}" in getattr(workshop, name)._dom_classes
    assert "iw-ch08-check" in workshop.step.button._dom_classes
    assert [value for _label, value in workshop.kpi.options][1:] == list(KPI_LABELS)
    assert [value for _label, value in workshop.emv.options][1:] == list(EMV_CHOICES)
    assert len(workshop.step.watched) == 8


def test_workshop_shows_the_tables_the_answers_come_from(tmp_path: Path) -> None:
    workshop = ResultsWorkshop(ProgressStore(tmp_path / "p.json"))
    html = "".join(child.value for child in workshop.widget().children if isinstance(child, widgets.HTML))
    results = sample_results()
    assert "Cachets des créateurs" in html and f"{results.fees:,.0f}".replace(",", "\u202f") in html
    assert "Honoraires d'agence" in html and "2\u202f250\u00a0€" in html
    assert "947" in html and "iw-ch08-star" in html and escape(results.emv_star.name) in html
    assert "Régions test" in html and "Régions témoins" in html
    assert "hypothèses du cours" in html
    assert "Objectif retenu (celui de Sève)" in html and "Aucun objectif" in html
    assert "17\u202f151" not in html, "the total cost is the learner's to add up"


def test_workshop_reads_chapter_1_s_objective(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "p.json")
    store.save("ch01", "objective", {"mode": "Phrase libre",
                                     "text": "Notoriété : toucher 500 000 personnes d'ici fin juin 2027 <b>x</b>"})
    workshop = ResultsWorkshop(store)
    html = "".join(child.value for child in workshop.widget().children if isinstance(child, widgets.HTML))
    assert "Votre objectif (chapitre 1)" in html and "notoriété" in html and "<b>x</b>" not in html
    fill(workshop, {**GOOD, "kpi": "Portée",
                    "verdict": "Objectif presque atteint : 469 468 personnes touchées sur 500 000."})
    feedback = workshop.step.run_check()
    assert feedback is not None and feedback.item("kpi").ok and feedback.item("verdict").ok


def test_workshop_checks_saves_and_reloads(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "p.json")
    workshop = ResultsWorkshop(store)
    fill(workshop, {**GOOD, "roi": "116 %", "verdict": "<script>alert(1)</script> Objectif atteint !"})
    workshop.step.button.click()
    html = workshop.step.feedback.value
    assert escape("Ce ROI est calculé sur le chiffre d'affaires") in html and "<script>" not in html
    saved = saved_results(store)
    assert saved is not None and saved["roi"] == "116 %" and saved["passed"] is False
    reopened = ResultsWorkshop(store)
    assert reopened.roi.value == "116 %" and reopened.kpi.value == GOOD["kpi"] and reopened.emv.value == EMV_WORST
    assert escape("chiffre d'affaires") in reopened.step.feedback.value
    fill(reopened, GOOD)
    feedback = reopened.step.run_check()
    assert feedback is not None and feedback.passed
    assert saved_results(store)["passed"] is True  # type: ignore[index]


def test_workshop_with_nothing_filled_says_what_to_do(tmp_path: Path) -> None:
    workshop = ResultsWorkshop(ProgressStore(tmp_path / "p.json"))
    workshop.step.run_check()
    assert escape("Remplissez l'atelier") in workshop.step.feedback.value


def test_workshop_on_an_own_campaign_uses_its_money(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "p.json")
    choose_campaign(store, VELO)
    workshop = ResultsWorkshop(store)
    html = "".join(child.value for child in workshop.widget().children if isinstance(child, widgets.HTML))
    assert "Vélo Léman" in html and "1\u202f500\u00a0CHF" in html and "35\u202f%" in html
    velo = campaign_from_answer(VELO)
    assert velo is not None and workshop.campaign == velo
    figures = expected_figures(velo)
    fill(workshop, {**GOOD, "cpa": f"{figures.cpa:.2f}", "roas": f"{figures.roas:.2f}",
                    "roi": f"{figures.roi_pct:.1f} %"})
    feedback = workshop.step.run_check()
    assert feedback is not None and {"cpa", "roas", "roi"}.isdisjoint(failed(feedback))



# --------------------------------------------------------------------------- the exercise's verifications


def launch() -> Any:
    rows = load_collaborations()
    return rows[rows["campaign"] == "Rituel Avoine"]


def test_verify_totals() -> None:
    figures = expected_figures(SEVE)
    assert verify_totals(figures.cpa, figures.roas, figures.roi_pct).passed
    wrong = verify_totals(figures.direct_cpa, figures.roas, figures.roi_on_revenue_pct)
    assert failed(wrong) == {"cpa", "roi"}
    assert verify_totals(..., ..., ...).is_input_problem


def creator_table() -> Any:
    rows = launch()
    table = rows.assign(cout=rows["fee_eur"] + rows["product_cost_eur"]).groupby("creator_id")[
        ["cout", "orders", "impressions"]].sum().rename(columns={"orders": "commandes"})
    table["cpa"] = metrics.cpa(table["cout"], table["commandes"])
    return table


def test_verify_creator_table() -> None:
    table = creator_table()
    assert verify_creator_table(table).passed, verify_creator_table(table).to_text()
    assert verify_creator_table(table.reset_index()).passed
    with_inf = table.assign(cpa=table["cout"] / table["commandes"])
    assert verify_creator_table(with_inf).passed == (table["commandes"] > 0).all()
    missing = verify_creator_table(table.drop(columns=["cpa"]).iloc[:5])
    assert {"rows", "cpa"} <= failed(missing)
    wrong = table.copy()
    wrong["cout"] = wrong["cout"] - 1_000
    assert "cout" in failed(verify_creator_table(wrong))
    for bad in (None, ..., "tableau", 3, [1, 2]):
        assert verify_creator_table(bad).is_input_problem


def test_verify_trends() -> None:
    from influence_workbook.checks.results import partner_trends

    table = partner_trends()
    assert len(table) >= 20
    assert verify_trends(table).passed
    assert verify_trends(table.reset_index()).passed
    upside_down = table.assign(evolution=table["cpa_premiere"] / table["cpa_derniere"])
    assert failed(verify_trends(upside_down)) == {"evolution"}
    assert verify_trends(...).is_input_problem
    patterns = load_answer_key("collaboration_patterns").set_index("creator_id")["pattern"].astype(str)
    improving = [i for i in table.index if patterns[i] == "improving"]
    declining = [i for i in table.index if patterns[i] == "declining"]
    assert improving and declining
    assert (table.loc[improving, "evolution"] < 1).all() and (table.loc[declining, "evolution"] > 1).all()


def test_feedback_points_to_headings_of_the_chapter() -> None:
    import nbformat

    from influence_workbook.checks import results as logic
    from influence_workbook.paths import course_root
    from influence_workbook.typography import fix

    def headings(path: Path) -> set[str]:
        notebook = nbformat.read(path, as_version=4)
        return {line.lstrip("#").strip() for cell in notebook.cells if cell.cell_type == "markdown"
                for line in cell.source.splitlines() if line.startswith("#")}

    chapter = headings(course_root() / "notebooks" / "08_evaluer_resultats.ipynb")
    for name in dir(logic):
        if name.startswith("READ_") and name != "READ_TREND":
            assert fix(getattr(logic, name)) in chapter, name
    assert fix(logic.READ_TREND) in headings(course_root() / "solutions" / "08_evaluer_resultats.ipynb")


def test_the_chapter_is_registered() -> None:
    from influence_workbook.chapters import CHAPTERS

    chapter = next(c for c in CHAPTERS if c.key == "ch08")
    assert chapter.slug == "08_evaluer_resultats" and chapter.steps == ("results",) and chapter.available
