"""Chapter 7's workshop: the creators it offers, the figure and table it draws, saving and reloading."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from influence_workbook.progress import ProgressStore
from influence_workbook.widgets.campaign import choose_campaign
from influence_workbook.widgets.partnerships import (
    SOURCE_DEFAULT,
    SOURCE_SHORTLIST,
    PartnershipsWorkshop,
    creator_cards,
    history_alt_text,
    history_table_html,
    saved_renewal,
)

GOOD_REASON = ("Le coût par vente passe de 15 € à 40,9 € en quatre collaborations : l'audience se lasse. "
               "On change de format, avec un contrat écrit pour l'année.")


def rows(creator: str = "C0101", name_brand: str = "Sève") -> list[dict[str, Any]]:
    spec = ((30, 1140), (24, 912), (17, 646), (11, 418))
    return [{"collaboration_id": f"COL{index}", "creator_id": creator, "brand": name_brand, "platform": "instagram",
             "start_date": f"2026-0{1 + 2 * index}-05", "end_date": f"2026-0{1 + 2 * index}-12",
             "deliverables": "1 Reel <b>+ 2 stories</b>", "fee_eur": 420, "product_value_eur": 48,
             "product_cost_eur": 30, "impressions": 50_000, "orders": orders, "revenue_eur": revenue,
             "deadline_met": True, "disclosure_ok": True, "payment_days": 21}
            for index, (orders, revenue) in enumerate(spec)]


CARDS = [{"creator_id": "C0101", "display_name": "Inès <script>alert(1)</script>", "handle": "ines", "count": 4}]


@pytest.fixture
def store(tmp_path: Path) -> ProgressStore:
    return ProgressStore(tmp_path / "progress.json")


def test_the_chosen_creator_is_drawn_tabled_and_judged(store: ProgressStore) -> None:
    workshop = PartnershipsWorkshop(store, rows=rows(), creators=CARDS)
    assert "Choisissez un créateur" in workshop.chart.value
    workshop.creator.value = "C0101"
    assert "<img" in workshop.chart.value and "Coût par vente" in workshop.chart.value
    assert "<script>" not in workshop.chart.value and "&lt;script&gt;" in workshop.chart.value  # the name, escaped
    assert "<b>" not in workshop.table.value and "&lt;b&gt;" in workshop.table.value
    workshop.decision.value, workshop.reason.value = "ajuster", GOOD_REASON
    feedback = workshop.step.run_check()
    assert feedback is not None and feedback.passed, feedback.to_text() if feedback else None


def test_the_answer_comes_back_after_a_restart(store: ProgressStore) -> None:
    workshop = PartnershipsWorkshop(store, rows=rows(), creators=CARDS)
    workshop.creator.value, workshop.decision.value, workshop.reason.value = "C0101", "arrêter", GOOD_REASON
    workshop.step.run_check()
    again = PartnershipsWorkshop(store, rows=rows(), creators=CARDS)
    assert (again.creator.value, again.decision.value, again.reason.value) == ("C0101", "arrêter", GOOD_REASON)
    assert "reprise" in again.step.status.value
    saved = saved_renewal(store)
    assert saved is not None and saved["decision"] == "arrêter" and saved["passed"] is True


def test_no_creator_chosen_gets_a_french_message(store: ProgressStore) -> None:
    workshop = PartnershipsWorkshop(store, rows=rows(), creators=CARDS)
    workshop.decision.value, workshop.reason.value = "ajuster", GOOD_REASON
    feedback = workshop.step.run_check()
    assert feedback is not None and feedback.is_input_problem and "Choisissez" in feedback.items[0].message


def test_without_a_shortlist_the_sample_datas_varied_creators_are_offered(store: ProgressStore) -> None:
    workshop = PartnershipsWorkshop(store)
    assert workshop.source == SOURCE_DEFAULT and len(workshop.cards) >= 5
    assert "présélection" in workshop.intro_html() and "Sève est utilisé" in workshop.intro_html()
    ids = [card["creator_id"] for card in workshop.cards]
    assert ids == [card["creator_id"] for card in creator_cards(None)]


def test_the_shortlist_of_chapter_2_is_offered_when_its_creators_worked_with_seve(store: ProgressStore) -> None:
    default = creator_cards(None)
    store.save("ch02", "shortlist", {"creator_ids": [default[1]["creator_id"], "C9999"]})
    store.save("ch01", "objective", {"text": "Notoriété : 2 millions de vues d'ici fin juin 2027 auprès des "
                                             "18-34 ans"})
    workshop = PartnershipsWorkshop(store)
    assert workshop.source == SOURCE_SHORTLIST
    assert [card["creator_id"] for card in workshop.cards] == [default[1]["creator_id"]]
    assert "Votre objectif (chapitre 1)" in workshop.intro_html()
    assert workshop.history(default[1]["creator_id"]).kpi == "cpm"


def test_a_learners_own_campaign_is_told_the_data_is_seves(store: ProgressStore) -> None:
    choose_campaign(store, {"brand": "Vélo Léman", "product": "vélo cargo électrique", "creator_budget": 12000,
                            "currency": "CHF", "markets": ["CH"], "launch": "2027-04-10", "product_price": 4200,
                            "gross_margin_rate": 35})
    workshop = PartnershipsWorkshop(store, rows=rows(), creators=CARDS)
    assert "Vélo Léman" in workshop.intro_html() and "celles de Sève" in workshop.intro_html()
    workshop.creator.value, workshop.decision.value = "C0101", "ajuster"
    workshop.reason.value = "Le coût par vente passe de 15 à 40,9 : on change de format."
    feedback = workshop.step.run_check()
    assert feedback is not None and feedback.passed, feedback.to_text() if feedback else None


def test_missing_data_is_said_in_french_and_nothing_breaks(store: ProgressStore,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    import influence_workbook.widgets.partnerships as module

    def missing() -> list[dict[str, Any]]:
        raise FileNotFoundError("no data")

    monkeypatch.setattr(module, "collaboration_rows", missing)
    workshop = PartnershipsWorkshop(store)
    assert "pas disponibles" in workshop.intro_html()
    workshop.decision.value, workshop.reason.value = "ajuster", GOOD_REASON
    feedback = workshop.step.run_check()
    assert feedback is not None and "pas disponibles" in feedback.items[0].message


def test_the_figure_has_a_text_alternative_and_the_table_its_headers(store: ProgressStore) -> None:
    workshop = PartnershipsWorkshop(store, rows=rows(), creators=CARDS)
    history = workshop.history("C0101")
    alt = history_alt_text(history, "Inès").replace("\u00a0", " ").replace("\u202f", " ")
    assert "4 collaborations de janv. 2026 à juil. 2026" in alt and "seuil de rentabilité 25,84 €" in alt
    table = history_table_html(history)
    assert table.count("<th scope=\"col\">") == 14 and table.count("<tr>") == 5
