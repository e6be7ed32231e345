"""Chapter 10's workshop and exports: the brief pre-filled from chapters 1 to 9, checked, saved, exported."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from influence_workbook import clock
from influence_workbook.brief_export import (
    EMPTY_PART,
    brief_docx,
    brief_markdown,
    brief_pdf,
    export_brief,
    file_stem,
)
from influence_workbook.campaign import SEVE
from influence_workbook.checks.brief import PART_KEYS, PARTS
from influence_workbook.progress import ProgressStore
from influence_workbook.widgets.brief import CHAPTER, STEP, BriefWorkshop, assemble_brief, saved_brief
from influence_workbook.widgets.campaign import campaign_store, choose_campaign
from pdf_reading import pdf_text

DAY = date(2026, 12, 7)
OWN = {"brand": "Vélo Léman", "campaign": "Cargo printemps", "product": "vélo cargo électrique",
       "creator_budget": 12000, "currency": "CHF", "markets": ["CH"], "launch": "2027-04-10",
       "product_price": 4200, "gross_margin_rate": 35, "audience": "familles urbaines de Suisse romande"}

#: One saved answer per earlier chapter, in the shapes the chapters save (chapter 9's from /tmp/team notes).
SAMPLES: dict[tuple[str, str], dict[str, Any]] = {
    ("ch01", "objective"): {"mode": "Formulaire guidé", "goal": "Conversion", "kpi": "Ventes",
                            "target": "1 500 ventes", "deadline": "d'ici fin juin 2027",
                            "audience": "18-34 ans en France et en Suisse romande", "sentence": "",
                            "text": "Objectif de conversion : atteindre 1 500 ventes (indicateur : ventes) d'ici fin "
                                    "juin 2027 auprès de ce public : 18-34 ans en France et en Suisse romande."},
    ("ch02", "shortlist"): {"creator_ids": ["C0046", "C0128"], "creators": [
        {"creator_id": "C0046", "handle": "samirdesflacons_", "display_name": "Samir des Flacons",
         "platform": "instagram"},
        {"creator_id": "C0128", "handle": "lea.verdure", "display_name": "Léa Verdure", "platform": "tiktok"}]},
    ("ch03", "concept"): {"goal": "Conversion", "angle": "Un mois sans flacon, la routine qui change.",
                          "platform": "Instagram", "format": "Reel", "details": "30 à 45 s, en trois temps.",
                          "hook": "J'ai jeté mon dernier flacon", "creator_role": "Elle raconte avec ses mots.",
                          "cta": "Découvre le coffret avec mon code LEA15, lien en bio",
                          "measurement": "Ventes avec le code LEA15 et clics sur le lien UTM."},
    ("ch04", "outreach"): {"creator_id": "C0046", "creator_name": "Samir des Flacons",
                           "handle": "samirdesflacons_", "message": "Bonjour Samir…", "source": "shortlist"},
    ("ch05", "caption"): {"caption": "Publicité | Un mois sans flacon avec @seve #RituelAvoine", "retouched": True,
                          "ai_generated": False},
    ("ch06", "constraints"): {"must_have": "Le shampooing se recharge en magasin\nFabriqué à Lyon\n"
                                           "Mention « Collaboration commerciale » en début de légende",
                              "forbidden_claims": "Pas de promesse médicale : ne pas dire qu'il guérit.",
                              "script": "Points clés à couvrir", "approval_rounds": 1,
                              "draft_due": "26 février 2027", "publication_window": "du 15 au 31 mars 2027",
                              "creative_freedom": "Le ton, l'angle, le décor et le montage."},
    ("ch07", "renewal"): {"creator_id": "C0101", "creator_name": "Nora Pain", "decision": "renouveler",
                          "reason": "…"},
    ("ch08", "results"): {"kpi": "Commandes attribuées (ventes)", "cpa": "15,73 €"},
    ("ch09", "offers"): {"offers": [
        {"creator_id": "C0046", "creator_name": "Samir des Flacons", "deliverables": "1 Reel + 2 stories",
         "usage": "marque", "rights_duration": "3 mois", "territory": "France et Suisse", "exclusivity": "",
         "fee": "450", "currency": "EUR", "gift_value": "48", "contract": False},
        {"creator_id": "C0128", "creator_name": "Léa Verdure", "deliverables": "2 TikToks", "usage": "publicite",
         "rights_duration": "1 mois", "territory": "Suisse", "exclusivity": "shampooings solides, 3 mois",
         "fee": "900", "currency": "CHF", "gift_value": "48", "contract": True}],
        "clauses": ["parties"], "payment_days": "30", "contingency": "1500", "source": "shortlist"},
}
#: Where each chapter's answer shows in the brief.
SHOWN_IN = {"ch01": ("objective", "1 500 ventes"), "ch02": ("contacts", "Léa Verdure"),
            "ch03": ("concept", "Un mois sans flacon"), "ch04": ("contacts", "Premier contact pris avec Samir"),
            "ch05": ("disclosure", "Images retouchées"), "ch06": ("timeline", "26 février 2027"),
            "ch07": ("contacts", "renouveler avec Nora Pain"), "ch08": ("reporting", "commandes attribuées"),
            "ch09": ("pay", "cachet de 900 CHF HT")}


def plain(text: str) -> str:
    """Text with French typography's non-breaking spaces read as spaces."""
    return text.replace("\u202f", " ").replace("\u00a0", " ")


@pytest.fixture
def store(tmp_path: Path) -> ProgressStore:
    return ProgressStore(tmp_path / "progression.json")


@pytest.fixture
def filled(store: ProgressStore) -> ProgressStore:
    for (chapter, step), answer in SAMPLES.items():
        store.save(chapter, step, answer)
    return store


@pytest.fixture(autouse=True)
def fixed_day(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: DAY)


def complete(workshop: BriefWorkshop) -> None:
    """Fill what no chapter gives: the brand's contact, tone, dates, music… (a learner's last edits)."""
    extra = {
        "contacts": "Julie Martin, cheffe de projet, julie.martin@seve.fr, 06 12 34 56 78.",
        "brand": "Sève est née à Lyon en 2021. Ton : complice, on tutoie.",
        "reporting": "Code promo LEA15 et lien UTM ; captures des statistiques (vues, clics) à J+7 et J+30.",
        "deliverables": "1 Reel de 30 à 45 s, sous-titré, en ligne au moins 6 mois\n2 stories avec sticker lien",
        "forbidden": "Pas de promesse médicale. Pas d'allégation verte vague (« écologique »). Musique : sons "
                     "commerciaux uniquement.",
        "approvals": "Julie Martin valide le premier jet. Crise : Marc Duval, 06 98 76 54 32.",
    }
    for key, text in extra.items():
        workshop.fields[key].value = text


# --------------------------------------------------------------------------- pre-filled from chapters 1 to 9


def test_every_earlier_chapter_fills_its_part_and_says_so(filled: ProgressStore) -> None:
    workshop = BriefWorkshop(filled)
    for chapter, (key, words) in SHOWN_IN.items():
        assert words in plain(workshop.fields[key].value), (chapter, workshop.fields[key].value)
        number = int(chapter[2:])
        assert re.search(rf"Repris d(?:u chapitre|es chapitres)[^.]*\b{number}\b", workshop.notes[key].value), chapter


def test_a_chapter_not_done_is_named_with_a_link_in_the_part_it_would_fill(store: ProgressStore) -> None:
    workshop = BriefWorkshop(store)  # nothing saved: no crash, every gap named
    assert workshop.fields["objective"].value == ""
    note = workshop.notes["objective"].value
    assert 'href="01_objectif_flou.ipynb"' in note and "Pas encore fait" in note
    assert 'href="09_remuneration.ipynb"' in workshop.notes["pay"].value
    assert "Repris de la description de la campagne" in workshop.notes["brand"].value
    assert "Sève" in workshop.fields["brand"].value


def test_damaged_answers_of_earlier_chapters_never_break_the_page(store: ProgressStore) -> None:
    for chapter, step in SAMPLES:
        store.save(chapter, step, {"offers": "not a list", "creators": [None, 3], "caption": 42,
                                   "approval_rounds": "many", "must_have": ["a", None], "text": None})
    workshop = BriefWorkshop(store)
    assert set(workshop.collect()) == set(PART_KEYS)


def test_the_offers_lines_are_per_creator_and_the_contract_check_reads_them(filled: ProgressStore) -> None:
    workshop = BriefWorkshop(filled)
    pay = plain(workshop.fields["pay"].value).splitlines()
    assert pay[0].startswith("Samir des Flacons : cachet de 450 € HT") and pay[1].startswith("Léa Verdure")
    verdict = workshop.check(workshop.collect())
    assert verdict.item("contract_flag").message.startswith("Samir des Flacons")


def test_an_own_campaign_reads_its_own_answers_not_seves(filled: ProgressStore) -> None:
    choose_campaign(filled, OWN)
    workshop = BriefWorkshop(filled)
    assert workshop.fields["objective"].value == ""
    assert "Vélo Léman" in workshop.fields["brand"].value
    campaign_store(filled).save("ch01", "objective", {"text": "Conversion : 40 vélos vendus d'ici juin 2027."})
    assert "40 vélos" in BriefWorkshop(filled).fields["objective"].value


def test_each_field_has_its_own_layout(store: ProgressStore) -> None:
    layouts = [area.layout for area in BriefWorkshop(store).fields.values()]
    assert len({id(layout) for layout in layouts}) == len(PARTS)


def test_filling_empty_parts_keeps_what_the_learner_wrote(store: ProgressStore) -> None:
    workshop = BriefWorkshop(store)
    workshop.fields["timeline"].value = "Mon calendrier à moi"
    for (chapter, step), answer in SAMPLES.items():
        store.save(chapter, step, answer)
    workshop.fill_empty_parts()
    assert workshop.fields["timeline"].value == "Mon calendrier à moi"
    assert "1 500 ventes" in plain(workshop.fields["objective"].value)
    assert "Repris du chapitre 1" in workshop.notes["objective"].value


# --------------------------------------------------------------------------- checked, saved, reloaded


def test_verify_checks_point_by_point_saves_and_reloads(filled: ProgressStore) -> None:
    workshop = BriefWorkshop(filled)
    complete(workshop)
    workshop.step.button.click()
    assert workshop.step.last_feedback is not None and workshop.step.last_feedback.passed, \
        workshop.step.last_feedback.to_text() if workshop.step.last_feedback else ""
    saved = saved_brief(filled)
    assert saved is not None and saved["passed"] and saved["contacts"].startswith("Julie Martin")
    again = BriefWorkshop(filled)
    assert again.fields["contacts"].value.startswith("Julie Martin")
    assert "Bravo" in again.step.feedback.value
    assert filled.get(CHAPTER, STEP) is not None


def test_the_assembled_brief_alone_does_not_pass_and_says_what_to_add(filled: ProgressStore) -> None:
    workshop = BriefWorkshop(filled)
    assert workshop.collect() == {key: assemble_brief(filled).text(key) for key in PART_KEYS}
    verdict = workshop.check(workshop.collect())
    failed = {item.criterion for item in verdict.items if not item.ok}
    assert {"contacts", "approvals"} <= failed


# --------------------------------------------------------------------------- exported


def test_export_writes_three_files_beside_the_progress_file_and_offers_them(filled: ProgressStore) -> None:
    workshop = BriefWorkshop(filled)
    complete(workshop)
    exported = workshop.export()
    assert exported is not None and exported.notice is None
    folder = filled.path.parent / "briefs"
    names = sorted(path.name for path in folder.iterdir())
    stem = file_stem(SEVE, DAY)
    assert names == [f"{stem}.docx", f"{stem}.md", f"{stem}.pdf"]
    page = workshop.downloads.value
    for kind, mime in (("docx", "wordprocessingml"), ("md", "text/markdown"), ("pdf", "application/pdf")):
        assert re.search(rf'download="{stem}\.{kind}"[^>]* href="data:[^"]*{mime}[^"]*;base64,', page), kind
    assert workshop.step.last_feedback is not None  # « Exporter » checked and saved the brief too
    assert saved_brief(filled) is not None


def test_a_folder_that_refuses_the_files_still_offers_them(filled: ProgressStore) -> None:
    (filled.path.parent / "briefs").write_text("a file where the folder should be")
    exported = BriefWorkshop(filled).export()
    assert exported is not None and exported.notice is not None
    assert all(file.path is None and file.data for file in exported.files)


def _brief() -> dict[str, str]:
    workshop_like = {part.key: f"Texte de la rubrique {part.label}." for part in PARTS}
    workshop_like["deliverables"] = "- 1 Reel de 30 s, sous-titré, en ligne 6 mois\n- 3 stories"
    workshop_like["contacts"] = "Julie <script>alert('x')</script> & <b>co</b>"
    workshop_like["rights"] = ""
    return workshop_like


def test_the_docx_reads_back_with_the_same_content() -> None:
    brief = _brief()
    document = Document(io.BytesIO(brief_docx(brief, SEVE, today=DAY)))
    paragraphs = [p.text for p in document.paragraphs]
    headings = [p.text for p in document.paragraphs if p.style is not None and p.style.name == "Heading 1"]
    assert headings == [part.label for part in PARTS]
    for key, text in brief.items():
        for line in filter(None, (line.lstrip("- ").strip() for line in text.splitlines())):
            assert line in paragraphs, (key, line)
    assert EMPTY_PART in paragraphs  # the empty part shows its gap
    table = document.tables[0]
    assert [cell.text for cell in table.rows[0].cells][:4] == ["Contenu", "Format", "Nombre", "Durée"]
    assert [cell.text for cell in table.rows[1].cells][2:5] == ["1", "30 s", "oui"]
    assert document.core_properties.language == "fr-FR"


def test_no_export_holds_the_learners_html_as_markup() -> None:
    brief = _brief()
    markdown = brief_markdown(brief, SEVE, today=DAY)
    assert "<script>" not in markdown and "&lt;script&gt;" in markdown and "<b>" not in markdown
    with zipfile.ZipFile(io.BytesIO(brief_docx(brief, SEVE, today=DAY))) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    assert "<script>" not in xml and "&lt;script&gt;" in xml
    assert b"<script>" not in brief_pdf(brief, SEVE, today=DAY)


def test_the_pdf_is_a_pdf_with_the_briefs_text() -> None:
    brief = _brief()
    data = brief_pdf(brief, SEVE, today=DAY)
    assert data.startswith(b"%PDF")
    text = re.sub(r"\s+", " ", pdf_text(data))
    for part in PARTS:
        assert part.label in text, part.label
    assert "Texte de la rubrique Public visé." in text and "Sève" in text


def test_characters_a_document_cannot_hold_are_dropped_not_fatal(tmp_path: Path) -> None:
    brief = {"contacts": "Julie\x00 \x0b\ud800 🎉 Martin", "objective": "x" * 20_000}
    exported = export_brief(brief, SEVE, tmp_path, today=DAY)
    assert exported.notice is None and len(exported.files) == 3
    document = Document(io.BytesIO(exported.files[0].data))
    assert any("Julie" in p.text and "Martin" in p.text for p in document.paragraphs)


def test_links_to_missing_chapters_lead_to_pages_that_exist_in_each_medium(monkeypatch: pytest.MonkeyPatch) -> None:
    from influence_workbook.widgets.brief import chapter_link

    monkeypatch.setenv("INFLUENCE_WORKBOOK_MEDIUM", "book")
    assert 'href="01_objectif_flou.html"' in chapter_link("ch01")  # the book serves pages, not notebooks
    monkeypatch.setenv("INFLUENCE_WORKBOOK_MEDIUM", "live")
    assert 'href="01_objectif_flou.ipynb"' in chapter_link("ch01")
    monkeypatch.delenv("INFLUENCE_WORKBOOK_MEDIUM")
    assert 'href="01_objectif_flou.ipynb"' in chapter_link("ch01")
