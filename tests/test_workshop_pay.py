"""Chapter 9's workshop (the creators it offers, saving, reloading, the saved shape chapter 10 reads) and the
budget's export (.xlsx and .csv that read back with French decimals and no formula)."""

from __future__ import annotations

import errno
import io
from pathlib import Path
from typing import Any

import pytest

from influence_workbook.budget_export import (
    FOLDER,
    budget_csv,
    budget_table,
    budget_xlsx,
    export_budget,
    neutralise,
    rows_of,
)
from influence_workbook.checks.pay import read_plan
from influence_workbook.progress import ProgressStore
from influence_workbook.widgets.campaign import choose_campaign
from influence_workbook.widgets.pay import (
    DEFAULT_IDS,
    OFFER_FIELDS,
    SOURCE_DEFAULT,
    SOURCE_SHORTLIST,
    PayWorkshop,
    budget_html,
    export_html,
    offer_profiles,
    saved_offers,
)

VALUES = {
    "C0046": ("1 Reel + 2 stories", "organique", "3 mois", "France et Suisse", "", "120", "EUR", "24", False),
    "C0128": ("2 vidéos TikTok", "publicite", "3 mois", "France et Suisse", "shampooings solides, 3 mois", "1 000",
              "EUR", "48", True),
    "C0301": ("1 vidéo", "marque", "6 mois", "France", "aucune", "100", "EUR", "24", False),
    "C0252": ("1 vidéo TikTok", "organique", "1 an", "Suisse", "non", "160", "CHF", "0", False),
}
CLAUSES = ("parties", "missions", "remuneration", "ip", "french_law", "rights", "payment")


@pytest.fixture
def store(tmp_path: Path) -> ProgressStore:
    return ProgressStore(tmp_path / "progression.json")


def fill(workshop: PayWorkshop, values: dict[str, tuple[Any, ...]] = VALUES) -> None:
    for offer in workshop.offers:
        for name, value in zip(OFFER_FIELDS, values[offer.profile["creator_id"]], strict=True):
            getattr(offer, name).value = value
    for clause in CLAUSES:
        workshop.clauses[clause].value = True
    workshop.payment_days.value, workshop.contingency.value = "30 jours", "1 500"


def test_without_a_shortlist_the_default_set_has_a_swiss_creator(store: ProgressStore) -> None:
    workshop = PayWorkshop(store)
    assert [p["creator_id"] for p in workshop.profiles] == list(DEFAULT_IDS)
    assert workshop.source == SOURCE_DEFAULT and "présélection" in workshop.intro_html()
    assert any(p["creator_country"] == "CH" for p in workshop.profiles)
    assert "Anaïs Pivoine" in workshop.offers[3].card.value and "Suisse" in workshop.offers[3].card.value


def test_the_shortlist_of_chapter_2_is_used_when_saved(store: ProgressStore) -> None:
    store.save("ch02", "shortlist", {"creator_ids": ["C0301", "C0046"]})
    workshop = PayWorkshop(store)
    assert [p["creator_id"] for p in workshop.profiles] == ["C0301", "C0046"]
    assert workshop.source == SOURCE_SHORTLIST


def test_a_filled_workshop_passes_saves_and_reloads(store: ProgressStore) -> None:
    workshop = PayWorkshop(store)
    fill(workshop)
    feedback = workshop.step.run_check()
    assert feedback is not None and feedback.passed, feedback.to_text() if feedback else None
    again = PayWorkshop(store)
    assert again.collect() == workshop.collect()
    assert again.step.last_feedback is not None and again.step.last_feedback.passed
    assert "Réponse reprise" in again.step.status.value


def test_the_saved_offers_are_read_for_chapter_10(store: ProgressStore) -> None:
    assert saved_offers(store) is None
    workshop = PayWorkshop(store)
    fill(workshop)
    workshop.step.run_check()
    saved = saved_offers(store)
    assert saved is not None and saved["passed"] is True and saved["source"] == SOURCE_DEFAULT
    assert saved["currency"] == "EUR" and saved["envelope"] == 15_000 and saved["payment_days_value"] == 30
    rows = {row["creator_id"]: row for row in saved["rows"]}
    assert rows["C0128"]["contract_required"] is True and rows["C0128"]["fee_eur_ht"] == 1000
    assert rows["C0252"]["currency"] == "CHF" and rows["C0252"]["fee"] == 160
    assert rows["C0046"]["range_low"] == 80 and rows["C0046"]["range_high"] == 220
    assert saved["total"] == pytest.approx(read_plan(saved, offer_profiles(list(rows), workshop.campaign)).total,
                                           abs=0.01)


def test_the_own_campaign_keeps_its_own_offers(store: ProgressStore) -> None:
    PayWorkshop(store).step.run_check()
    velo = {"brand": "Vélo Léman", "product": "vélo cargo électrique", "creator_budget": 12_000, "currency": "CHF",
            "markets": ["CH"], "launch": "2027-04-10", "product_price": 4200, "gross_margin_rate": 35,
            "audience": "familles de Suisse romande"}
    choose_campaign(store, velo)
    own = PayWorkshop(store)
    assert own.campaign.currency == "CHF" and own.offers and own.offers[0].currency.value == "CHF"
    assert "12 000 CHF" in own.budget.value.replace("\u202f", " ").replace("\u00a0", " ")
    assert saved_offers(store) is None  # Sève's empty attempt is not this campaign's


def test_the_budget_table_follows_the_fields(store: ProgressStore) -> None:
    workshop = PayWorkshop(store)
    fill(workshop)
    shown = workshop.budget.value.replace("\u202f", " ").replace("\u00a0", " ")
    assert "Total" in shown and "Enveloppe" in shown and "15 000 €" in shown and "Reste" in shown
    workshop.contingency.value = "20 000"
    assert "Dépassement" in workshop.budget.value


def test_learner_html_is_escaped_in_the_budget_and_the_links(store: ProgressStore) -> None:
    profiles = offer_profiles(["C0046"], PayWorkshop(store).campaign)
    profiles[0]["display_name"] = "<img src=x onerror=alert(1)>"
    workshop = PayWorkshop(store, creators=profiles)
    workshop.offers[0].fee.value = "<script>alert(1)</script>"
    html = budget_html(workshop.plan())
    assert "<img" not in html and "<script>" not in html and "&lt;img" in html
    assert "<img" not in workshop.offers[0].card.value


def test_export_writes_both_files_beside_the_progress_file(store: ProgressStore) -> None:
    workshop = PayWorkshop(store)
    fill(workshop)
    workshop.export()
    folder = store.path.parent / FOLDER
    files = sorted(path.suffix for path in folder.iterdir())
    assert files == [".csv", ".xlsx"]
    shown = workshop.export_result.value
    assert 'download="budget-seve-rituel-avoine-' in shown and "data:application/vnd.openxmlformats" in shown
    assert "data:text/csv;charset=utf-8;base64," in shown and str(folder) in shown


def test_a_refused_folder_still_offers_the_download(store: ProgressStore, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(target: Path, payload: bytes) -> None:
        raise PermissionError(errno.EACCES, "denied")

    monkeypatch.setattr("influence_workbook.budget_export.write_atomically", refuse)
    plan = read_plan({"offers": [{"creator_id": "C0046", "deliverables": "1 Reel", "fee": "90"}]})
    exported = export_budget(plan, store)
    assert exported.folder is None and exported.notice is not None and "accès refusé" in exported.notice
    assert exported.xlsx and exported.csv and "accès refusé" in export_html(exported)


ATTACK = {"offers": [
    {"creator_id": "C0046", "deliverables": '=HYPERLINK("http://example.com","x")', "usage": "organique",
     "rights_duration": "+3 mois", "territory": "@France", "exclusivity": "-1+1", "fee": "120,50", "currency": "EUR",
     "gift_value": "24"},
    {"creator_id": "C0252", "deliverables": "\t=1+1", "usage": "publicite", "rights_duration": "\r3 mois",
     "territory": "Suisse", "exclusivity": "", "fee": "1 160", "currency": "CHF", "gift_value": "0"}],
    "clauses": [], "payment_days": "30", "contingency": "1 500"}


def test_the_xlsx_reads_back_with_numbers_and_no_formula() -> None:
    from openpyxl import load_workbook

    table = budget_table(read_plan(ATTACK))
    sheet = load_workbook(io.BytesIO(budget_xlsx(table))).active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert all(cell.data_type != "f" for cell in cells), "no cell may be a formula"
    texts = [cell.value for cell in cells if isinstance(cell.value, str)]
    assert '\'=HYPERLINK("http://example.com","x")' in texts and "'@France" in texts and "'+3 mois" in texts
    assert "'=1+1" in texts and not any(text.startswith(("=", "+", "-", "@", "\t", "\r")) for text in texts)
    header = next(row for row in sheet.iter_rows(values_only=True) if row[0] == "Créateur")
    first = next(row for row in sheet.iter_rows(values_only=True) if row[0] == "Samir des Flacons")
    fee = first[header.index("Cachet HT")]
    assert isinstance(fee, float) and fee == 120.5
    swiss = next(row for row in sheet.iter_rows(values_only=True) if row[0] == "Anaïs Pivoine")
    assert swiss[header.index("Devise de l'offre")] == "CHF" and swiss[header.index("Cachet HT")] == 1160
    total = next(row for row in sheet.iter_rows(values_only=True) if row[0] == "Total")
    assert isinstance(total[1], float) and total[1] > 1500


def test_the_csv_parses_with_semicolons_and_decimal_commas() -> None:
    data = budget_csv(budget_table(read_plan(ATTACK)))
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 with a byte-order mark, for Excel"
    rows = rows_of(data)
    header = next(row for row in rows if row and row[0] == "Créateur")
    first = next(row for row in rows if row and row[0] == "Samir des Flacons")
    assert first[header.index("Cachet HT")] == "120,50"
    assert float(first[header.index("Cachet HT")].replace(",", ".")) == 120.5
    assert first[header.index("Contenus")] == '\'=HYPERLINK("http://example.com","x")'
    assert first[header.index("Territoire")] == "'@France"
    swiss = next(row for row in rows if row and row[0] == "Anaïs Pivoine")
    assert swiss[header.index("Contenus")] == "'=1+1"  # the tab is trimmed as the check trims fields
    cells = [cell for row in rows for cell in row]
    assert not any(cell.startswith(("=", "+", "@", "\t", "\r")) for cell in cells)
    assert all(not cell.startswith("-") or cell.replace(",", "").lstrip("-").isdigit() for cell in cells)
    assert "Total" in {row[0] for row in rows if row} and b"\r\n" in data


def test_neutralise_leaves_ordinary_text_alone() -> None:
    assert neutralise("1 Reel + 2 stories") == "1 Reel + 2 stories"
    assert neutralise("-20 %") == "'-20 %" and neutralise("@marque") == "'@marque"
    assert neutralise("\t=1+1") == "'\t=1+1" and neutralise("\r=1") == "'\r=1"
    assert neutralise("x" * 1000) == "x" * 500
