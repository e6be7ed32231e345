"""Chapter 7: reading a creator's collaborations and judging a decision to renew, adjust or stop."""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any

import pandas as pd
import pytest

from influence_workbook.campaign import SEVE
from influence_workbook.checks import check_renewal, guard
from influence_workbook.checks.partnerships import (
    ADJUST,
    DECISIONS,
    PATTERN_DECLINING,
    PATTERN_IMPROVING,
    PATTERN_ONE_HIT,
    PATTERN_REACH_NOT_SALES,
    PATTERN_STABLE,
    PATTERN_TOO_FEW,
    RENEW,
    STOP,
    analyse_history,
    break_even_cpa,
    collaborations_of,
    money,
    objective_stage,
    series_text,
)
from influence_workbook.feedback import Feedback


def rows(spec: list[tuple[int, int, int, float]], creator: str = "C0101", platform: str = "instagram",
         brand: str = "Sève", first_month: int = 1, **flags: list[bool]) -> list[dict[str, Any]]:
    """Collaborations two months apart: (fee, impressions, orders, revenue) each; products cost 30 €, worth 48 €."""
    out = []
    for index, (fee, impressions, orders, revenue) in enumerate(spec):
        month = first_month + 2 * index
        out.append({
            "collaboration_id": f"COL{creator[-3:]}{index}", "creator_id": creator, "brand": brand,
            "platform": platform, "start_date": f"2026-{month:02d}-05", "end_date": f"2026-{month:02d}-12",
            "fee_eur": fee, "product_value_eur": 48, "product_cost_eur": 30, "impressions": impressions,
            "reach": int(impressions * 0.7), "link_clicks": orders * 25, "orders": orders, "revenue_eur": revenue,
            "deadline_met": flags.get("deadline", [True] * len(spec))[index],
            "disclosure_ok": flags.get("disclosure", [True] * len(spec))[index], "payment_days": 21,
        })
    return out


FADING = rows([(420, 52_000, 30, 1140), (420, 47_000, 24, 912), (420, 41_000, 17, 646), (420, 36_000, 11, 418)])
FADING_OK = rows([(300, 40_000, 30, 1140), (300, 38_000, 24, 912), (300, 35_000, 19, 722), (300, 33_000, 16, 608)])
IMPROVING = rows([(350, 30_000, 12, 456), (350, 33_000, 17, 646), (350, 36_000, 22, 836), (350, 40_000, 28, 1064)])
ONE_HIT = rows([(600, 45_000, 12, 456), (600, 80_000, 70, 2660), (600, 44_000, 11, 418), (600, 43_000, 13, 494)])
REACH = rows([(2800, 1_200_000, 48, 1824), (2800, 1_250_000, 52, 1976), (2800, 1_300_000, 50, 1900)],
             platform="tiktok")
STABLE = rows([(250, 22_000, 16, 608), (250, 21_000, 15, 570), (250, 23_000, 17, 646)])
SMALL = rows([(120, 9_000, 8, 304), (120, 9_500, 8, 304), (120, 9_800, 9, 342)])
TOO_FEW = rows([(380, 30_000, 15, 570), (380, 31_000, 16, 608)])


def history(data: list[dict[str, Any]], **kwargs: Any) -> Any:
    return analyse_history(collaborations_of(data), **kwargs)


def judge(decision: str, reason: str, data: list[dict[str, Any]] | pd.DataFrame = FADING, **kwargs: Any) -> Feedback:
    feedback: Feedback = check_renewal({"creator_id": "C0101", "decision": decision, "reason": reason}, data,
                                       **kwargs)
    return feedback


def plain(text: str) -> str:
    """Text with French typography's non-breaking spaces read as spaces."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def failed(feedback: Feedback) -> set[str]:
    return {item.criterion for item in feedback.items if not item.ok}


# ------------------------------------------------------------------------------------ reading the series

@pytest.mark.parametrize(("data", "pattern", "acceptable"), [
    (FADING, PATTERN_DECLINING, {STOP, ADJUST}),
    (FADING_OK, PATTERN_DECLINING, {ADJUST}),  # tiring but still under break-even: adjust, not stop
    (IMPROVING, PATTERN_IMPROVING, {RENEW, ADJUST}),
    (ONE_HIT, PATTERN_ONE_HIT, {STOP, ADJUST}),
    (REACH, PATTERN_REACH_NOT_SALES, {STOP, ADJUST}),
    (STABLE, PATTERN_STABLE, {RENEW, ADJUST}),
    (TOO_FEW, PATTERN_TOO_FEW, {ADJUST}),
])
def test_each_series_reads_as_a_trainer_reads_it(data: list[dict[str, Any]], pattern: str,
                                                   acceptable: set[str]) -> None:
    read = history(data)
    assert read.pattern == pattern
    assert set(read.acceptable) == acceptable


def test_the_one_off_hit_is_named_and_a_late_improvement_is_not_one() -> None:
    assert history(ONE_HIT).hit == 2
    late = rows([(400, 30_000, 10, 380), (400, 30_000, 11, 418), (400, 30_000, 12, 456), (400, 30_000, 30, 1140)])
    assert history(late).pattern == PATTERN_IMPROVING  # the best is the latest: it may be a start, not a fluke


def test_the_objective_decides_which_cost_per_result_is_read() -> None:
    awareness = history(REACH, objective="Notoriété : 3 millions de vues d'ici fin juin 2027 auprès des 18-30 ans")
    assert (awareness.stage, awareness.kpi) == ("awareness", "cpm")
    assert awareness.pattern == PATTERN_STABLE and RENEW in awareness.acceptable  # cheap reach is the point
    assert history(REACH).kpi == "cpa" and RENEW not in history(REACH).acceptable
    assert objective_stage(None) == ("conversion", True)
    assert objective_stage("fidélisation") == ("loyalty", False)
    assert objective_stage("Faire le buzz") == ("conversion", True)  # nothing read: Sève's objective


def test_the_break_even_cost_per_sale_comes_from_the_campaign() -> None:
    assert break_even_cpa(SEVE) == pytest.approx(38 * 0.68)
    rich = replace(SEVE, average_basket=4200.0, gross_margin_rate=0.35, is_default=False)
    assert break_even_cpa(rich) == pytest.approx(1470)
    assert history(FADING, campaign=rich).acceptable == (ADJUST,)  # still very profitable there
    assert break_even_cpa(replace(SEVE, gross_margin_rate=0.0)) is None


def test_a_paid_collaboration_without_a_sale_is_the_worst_cost_per_sale() -> None:
    data = rows([(300, 30_000, 15, 570), (300, 30_000, 9, 342), (300, 30_000, 0, 0)])
    read = history(data)
    assert math.isinf(read.values[-1]) and read.pattern == PATTERN_DECLINING
    assert "aucune vente" in series_text(read)


def test_the_contract_total_counts_twelve_months_with_one_advertiser_and_the_next_collaboration() -> None:
    read = history(STABLE)
    assert read.yearly_contract_value == 3 * (250 + 48)
    assert read.next_contract_value == 4 * (250 + 48)
    older = rows([(250, 22_000, 16, 608)], first_month=1)
    older[0]["start_date"] = older[0]["end_date"] = "2024-06-01"  # more than a year before the last one
    assert history(older + STABLE[1:]).yearly_contract_value == 2 * (250 + 48)
    other_brand = rows([(900, 22_000, 16, 608)], brand="Autre marque", first_month=2)
    assert collaborations_of(STABLE + other_brand, "C0101", "Sève")[-1].brand == "Sève"


def test_rows_are_filtered_by_creator_and_sorted_by_date() -> None:
    mixed = list(reversed(STABLE)) + rows([(999, 1, 1, 1)], creator="C0999")
    mine = collaborations_of(mixed, "C0101")
    assert [c.fee for c in mine] == [250, 250, 250] and [c.number for c in mine] == [1, 2, 3]
    assert mine[0].start is not None and mine[0].start.month == 1


def test_money_reads_as_a_manager_reads_it() -> None:
    assert plain(money(25.84)) == "25,8 €"
    assert plain(money(9.0)) == "9 €"
    assert plain(money(1192)) == "1 192 €"
    assert money(math.inf) == "aucune vente"


# ------------------------------------------------------------------------------------ the check

def test_a_decision_that_fits_with_true_figures_and_a_contract_passes() -> None:
    feedback = judge(ADJUST, "Le coût par vente passe de 15 € à 40,9 € en quatre collaborations : l'audience se "
                             "lasse. On change de format, avec un contrat écrit pour l'année.")
    assert feedback.passed, feedback.to_text()
    assert [item.criterion for item in feedback.items] == ["decision", "figures", "kpi", "trend", "reliability",
                                                           "contract"]


def test_renewing_a_fading_series_fails_the_decision_and_says_why_with_figures() -> None:
    feedback = judge(RENEW, "Le coût par vente passe de 15 € à 40,9 €, on renouvelle avec un contrat.")
    assert failed(feedback) == {"decision"}
    message = feedback.item("decision").message
    assert "15 €" in plain(message) and "lassitude" in message
    assert feedback.item("decision").read_more == "Surveiller la lassitude de l'audience"


def test_the_one_off_hit_is_caught_in_the_decision_and_in_the_reasoning() -> None:
    feedback = judge(RENEW, "70 ventes et un ROAS de 4,22 à la 2e collaboration ! Contrat écrit.", ONE_HIT)
    assert {"decision", "trend"} <= failed(feedback)
    assert "coup d'éclat" in feedback.item("decision").message
    assert "n° 2" in plain(feedback.item("trend").message)


def test_big_reach_with_a_bad_cost_per_sale_is_caught() -> None:
    feedback = judge(RENEW, "Il touche plus d'un million de personnes, CPM de 2,26 € : on renouvelle, contrat écrit.",
                     REACH)
    assert {"decision", "kpi"} <= failed(feedback)
    assert "portée ne paie pas les ventes" in feedback.item("decision").message
    assert "portée" in feedback.item("kpi").message


@pytest.mark.parametrize(("reason", "passes"), [
    ("Le coût par vente passe de 15 € à 40,9 €, contrat écrit.", True),
    ("Le coût par vente passe de 15,2 € à 41 €, contrat écrit.", True),  # rounded
    ("ROAS de 2,53 puis 0,93, contrat écrit.", True),
    ("Le coût par vente passe de 5 € à 95 €, contrat écrit.", False),  # both false
    ("Les ventes baissent à chaque collaboration, contrat écrit.", False),  # no figure
    ("En 2026, sur 4 collaborations et 12 mois, contrat écrit.", False),  # a year and counts are not results
])
def test_a_cited_figure_must_be_a_true_result_of_this_creator(reason: str, passes: bool) -> None:
    assert judge(ADJUST, reason).item("figures").ok is passes


def test_a_wrong_figure_beside_a_true_one_is_a_tip_not_a_failure() -> None:
    feedback = judge(ADJUST, "Le coût par vente passe de 15 € à 40,9 € ; on propose 5 000 € pour l'année, "
                             "contrat écrit.")
    assert feedback.item("figures").ok
    assert any("5 000 €" in plain(tip) for tip in feedback.tips)


def test_the_reason_must_rest_on_the_objectives_indicator() -> None:
    assert not judge(RENEW, "Impressions de 30 000 à 40 000, belle visibilité, contrat écrit.", IMPROVING).item(
        "kpi").ok
    awareness = "Notoriété : 3 millions de vues d'ici fin juin 2027 auprès des 18-30 ans"
    feedback = judge(RENEW, "CPM de 2,36 € à 2,18 €, 1,3 million d'impressions, contrat écrit.", REACH,
                     objective=awareness)
    assert feedback.passed, feedback.to_text()


def test_an_unreliable_creator_is_not_renewed_without_a_condition() -> None:
    unreliable = rows([(250, 22_000, 16, 608), (250, 21_000, 15, 570), (250, 23_000, 17, 646)],
                      deadline=[True, False, False], disclosure=[True, False, True])
    silent = judge(RENEW, "Coût par vente régulier (17,5 €, 18,7 €, 16,5 €). Contrat écrit.", unreliable)
    assert failed(silent) == {"reliability"}
    assert "collaboration n° 2" in plain(silent.item("reliability").message)
    assert "collaborations n° 2 et 3" in plain(silent.item("reliability").message)
    conditioned = judge(RENEW, "Coût par vente régulier (17,5 €, 18,7 €, 16,5 €), mais deux retards et une "
                               "publication sans mention : le contrat écrit fixera les dates et la mention.",
                        unreliable)
    assert conditioned.passed, conditioned.to_text()
    stopped = judge(STOP, "ROAS de 2,17 mais une collaboration sans mention et deux retards sur les trois "
                          "collaborations : on arrête.", unreliable)
    assert stopped.passed, stopped.to_text()
    assert "fiabilité" in stopped.item("decision").message


@pytest.mark.parametrize(("reason", "ok"), [
    ("Coût par vente de 17,5 € à 16,5 €, stable : on renouvelle.", False),
    ("Coût par vente de 17,5 € à 16,5 €, stable : on renouvelle, contrat écrit d'un an.", True),
    ("Coût par vente de 17,5 € à 16,5 €, stable : on renouvelle par écrit.", True),
    ("Coût par vente de 17,5 € à 16,5 €, stable : on renouvelle, pas besoin de contrat.", False),
    ("Coût par vente de 17,5 € à 16,5 €, stable : on renouvelle sans contrat.", False),
])
def test_the_written_contract_is_flagged_when_the_year_reaches_the_threshold(reason: str, ok: bool) -> None:
    item = judge(RENEW, reason, STABLE).item("contract")
    assert item.ok is ok
    if not ok:
        assert "1 192" in plain(item.message) and "2025-1137" in plain(item.message)


def test_no_contract_is_asked_under_the_threshold_nor_when_stopping_nor_outside_france() -> None:
    small = judge(RENEW, "ROAS de 2,03 à 2,28 : stable, on renouvelle.", SMALL)
    assert small.item("contract").ok and "sous le seuil" in small.item("contract").message
    stop = judge(STOP, "Le coût par vente passe de 15 € à 40,9 €, au-dessus du seuil : on arrête.")
    assert "contract" not in {item.criterion for item in stop.items}
    swiss = replace(SEVE, brand=replace(SEVE.brand, markets=("CH",)), is_default=False)
    abroad = judge(ADJUST, "Le coût par vente passe de 15 € à 40,9 €, on change de format.", campaign=swiss)
    assert "contract" not in {item.criterion for item in abroad.items}


def test_a_dataframe_of_several_creators_is_read_for_the_one_answered() -> None:
    table = pd.DataFrame(FADING + rows([(100, 1, 1, 1)] * 3, creator="C0999"))
    table["start_date"] = pd.to_datetime(table["start_date"])
    table["end_date"] = pd.to_datetime(table["end_date"])
    feedback = judge(ADJUST, "Le coût par vente passe de 15 € à 40,9 €, contrat écrit.", table)
    assert feedback.passed, feedback.to_text()


@pytest.mark.parametrize(("answer", "collaborations", "words"), [
    (None, FADING, "dictionnaire"),
    ("ajuster", FADING, "dictionnaire"),
    ({"decision": "", "reason": "x"}, FADING, "Choisissez une décision"),
    ({"decision": "peut-être", "reason": "x"}, FADING, "Choisissez une décision"),
    ({"decision": "ajuster", "reason": "..."}, FADING, "Écrivez la raison"),
    ({"decision": "ajuster", "reason": "15 €"}, "un tableau", "tableau"),
    ({"creator_id": "C0404", "decision": "ajuster", "reason": "15 €"}, FADING, "Aucune collaboration"),
])
def test_unusable_answers_get_a_french_message(answer: object, collaborations: object, words: str) -> None:
    feedback = check_renewal(answer, collaborations)
    assert feedback.is_input_problem and words in feedback.items[0].message


def test_decisions_are_read_whatever_their_spelling() -> None:
    reason = "Le coût par vente passe de 15 € à 40,9 € : on arrête."
    for spelling in ("arrêter", "Arreter", "ARRÊTER", "arrêter.", "stop"):
        assert judge(spelling, reason).item("decision").ok, spelling
    assert DECISIONS == ("renouveler", "ajuster", "arrêter")


def test_learner_text_and_names_never_make_the_check_raise() -> None:
    before = len(guard.CAUGHT)
    for reason in ("<script>alert(1)</script>", "🎉" * 500, "pas " * 5_000, "1 000 000 000 000 €", "\ud83d"):
        feedback = check_renewal({"decision": "ajuster", "reason": reason, "creator_name": "<b>Léa</b>"}, FADING)
        assert isinstance(feedback, Feedback) and feedback.items
    assert len(guard.CAUGHT) == before


def test_a_leaked_promo_code_is_no_reason_to_renew() -> None:
    leaked = [{**row, "promo_code_uses": 20, "late_code_uses": 9} for row in IMPROVING]
    read = history(leaked)
    assert read.code_leaked and RENEW not in read.acceptable and ADJUST in read.acceptable
    feedback = judge(RENEW, "Le coût par vente baisse de 31,7 € à 13,6 € : on renouvelle, contrat écrit.", leaked)
    assert failed(feedback) == {"decision"}
    assert "fuité" in feedback.item("decision").message and "code unique" in feedback.item("decision").message
    assert not history([{**row, "promo_code_uses": 2, "late_code_uses": 2} for row in IMPROVING]).code_leaked


def test_the_sample_datas_planted_patterns_are_read_as_the_answer_key_says() -> None:
    """The teacher's key (data/answer_key) names each creator's pattern; the check reads most the same way."""
    from influence_workbook.data import load_answer_key, load_table

    rows_ = load_table("collaborations").to_dict("records")
    key = load_answer_key("collaboration_patterns")
    comparable = key[key["pattern"].isin([PATTERN_TOO_FEW, PATTERN_ONE_HIT, PATTERN_REACH_NOT_SALES,
                                          PATTERN_IMPROVING, PATTERN_DECLINING, PATTERN_STABLE])]
    same = sum(history([r for r in rows_ if r["creator_id"] == row.creator_id]).pattern == row.pattern
               for row in comparable.itertuples())
    assert same / len(comparable) >= 0.9, f"{same} of {len(comparable)}"
    for row in key[key["pattern"] == "code_leakage"].itertuples():
        assert history([r for r in rows_ if r["creator_id"] == row.creator_id]).code_leaked, row.creator_id


def test_every_section_the_feedback_points_to_is_a_heading_of_the_chapter() -> None:
    import re

    import nbformat

    from influence_workbook.checks import partnerships
    from influence_workbook.paths import notebooks_dir

    notebook = nbformat.read(notebooks_dir() / "07_partenariats_long_terme.ipynb", as_version=4)
    headings = {plain(match.group(1)).strip() for cell in notebook.cells if cell.cell_type == "markdown"
                for match in re.finditer(r"^#+\s+(.+)$", cell.source, re.MULTILINE)}
    sections = {value for name, value in vars(partnerships).items() if name.startswith("READ_")}
    assert len(sections) >= 6
    assert sections <= headings, sorted(sections - headings)
