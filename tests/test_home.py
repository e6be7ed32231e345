"""The live home notebook and the progress table agree with the chapter list."""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path

import ipywidgets as widgets
import nbformat
import pytest

from influence_workbook.campaign import DEFAULT_CAMPAIGN, Campaign, campaign_from_answer, check_campaign_answer
from influence_workbook.chapters import CHAPTERS
from influence_workbook.checks import check_objective
from influence_workbook.paths import notebooks_dir
from influence_workbook.progress import ProgressStore
from influence_workbook.quiz import load_quiz
from influence_workbook.widgets.campaign import (
    CHOICE_STEP,
    HOME_CHAPTER,
    active_campaign,
    campaign_id,
    campaign_store,
    choose_campaign,
)
from influence_workbook.widgets.home import HomePage, chapter_states, progress_overview
from influence_workbook.widgets.objective import MODE_FREE, ObjectiveWorkshop


def test_home_links_every_available_chapter() -> None:
    home = nbformat.read(notebooks_dir() / "00_accueil.ipynb", as_version=4)
    text = "\n".join(cell.source for cell in home.cells if cell.cell_type == "markdown")
    for chapter in CHAPTERS:
        if chapter.available:
            assert f"]({chapter.slug}.ipynb)" in text, chapter.slug
            assert (notebooks_dir() / f"{chapter.slug}.ipynb").exists(), chapter.slug
        else:
            assert f"{chapter.number}. {chapter.title} — *en préparation*" in text


def test_the_campaign_feedback_points_to_a_heading_of_the_home_page() -> None:
    from influence_workbook.campaign import READ_MORE

    home = nbformat.read(notebooks_dir() / "00_accueil.ipynb", as_version=4)
    headings = [line for cell in home.cells if cell.cell_type == "markdown" for line in cell.source.splitlines()]
    assert f"## {READ_MORE}" in headings
    assert any("HomePage()" in cell.source for cell in home.cells if cell.cell_type == "code")


def test_progress_states_follow_saved_verdicts(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "progression.json")
    states = dict((n, s) for n, _t, s in chapter_states(store))
    assert states[1] == "À faire"
    store.save("ch01", "objective", "x", check_objective("Faire le buzz"))
    assert dict((n, s) for n, _t, s in chapter_states(store))[1] == "En cours"
    store.save("ch01", "objective", "y", check_objective(
        "Conversion : 1 500 ventes d'ici fin juin 2027 auprès des 18-34 ans en France"))
    assert dict((n, s) for n, _t, s in chapter_states(store))[1] == "Réussi"
    html = progress_overview(store).value
    assert "<caption>" in html and "Réussi" in html


# --------------------------------------------------------------------------- the learner's own campaign

VELO = {
    "brand": "Vélo Léman", "product": "vélo cargo électrique monté à Lausanne", "campaign": "Printemps cargo",
    "launch": "2027-04-01", "creator_budget": "8 000", "currency": "CHF", "markets": ["CH"],
    "audience": "familles de 30-45 ans à Lausanne qui se déplacent à vélo", "product_price": "4 900",
    "gross_margin_rate": "35",
}


@pytest.fixture
def store(tmp_path: Path) -> ProgressStore:
    return ProgressStore(tmp_path / "progression.json")


def fill(home: HomePage, answer: dict[str, object]) -> None:
    for key, field in home.fields.items():
        field.value = str(answer.get(key, ""))
    home.launch.value = date.fromisoformat(str(answer["launch"])) if answer.get("launch") else None
    home.currency.value = str(answer.get("currency", "EUR"))
    for code, box in home.markets.items():
        box.value = code in (answer.get("markets") or [])  # type: ignore[operator]


def test_without_a_choice_the_active_campaign_is_seve(store: ProgressStore) -> None:
    assert active_campaign(store) is DEFAULT_CAMPAIGN
    assert campaign_id(DEFAULT_CAMPAIGN) == ""
    # A damaged choice (an older file, a hand edit) falls back to Sève rather than breaking the page.
    store.save(HOME_CHAPTER, CHOICE_STEP, {"own": {"brand": "Vélo Léman"}})
    assert active_campaign(store) is DEFAULT_CAMPAIGN
    store.save(HOME_CHAPTER, CHOICE_STEP, ["not", "a", "mapping"])
    assert active_campaign(store) is DEFAULT_CAMPAIGN


def test_choosing_an_own_campaign_makes_it_active(store: ProgressStore) -> None:
    campaign = choose_campaign(store, VELO)
    assert active_campaign(store) == campaign == campaign_from_answer(VELO)
    assert (campaign.brand.name, campaign.currency, campaign.markets, campaign.creator_budget) == (
        "Vélo Léman", "CHF", ("CH",), 8_000)
    assert campaign_id(campaign) == "velo-leman-printemps-cargo"
    # A fresh store on the same file (a kernel restart) sees the same choice.
    assert active_campaign(ProgressStore(store.path)) == campaign
    assert choose_campaign(store, None) is DEFAULT_CAMPAIGN
    assert active_campaign(store) is DEFAULT_CAMPAIGN


def test_answers_are_kept_per_campaign(store: ProgressStore) -> None:
    seve_answer = {"text": "Conversion : 1 500 ventes d'ici fin juin 2027 auprès des 18-34 ans"}
    store.save("ch01", "objective", seve_answer)  # written before the home page existed: a plain key
    choose_campaign(store, VELO)
    own = campaign_store(store)
    assert own.answer("ch01", "objective") is None  # the own campaign starts empty
    own.save("ch01", "objective", {"text": "vélo"})
    saved = own.get("ch01", "objective")
    assert saved is not None and saved.chapter == "ch01" and saved.answer == {"text": "vélo"}
    assert store.answer("ch01", "objective") == seve_answer  # Sève's answer is untouched on disk
    assert "ch01@velo-leman-printemps-cargo/objective" in store.load()["steps"]
    assert [(s.chapter, s.step) for s in own.steps()] == [
        (HOME_CHAPTER, "campagne-active"), ("ch01", "objective")]
    choose_campaign(store, None)
    assert campaign_store(store).answer("ch01", "objective") == seve_answer  # back to Sève: its answer
    assert [(s.chapter, s.step) for s in campaign_store(store).steps()] == [
        (HOME_CHAPTER, "campagne-active"), ("ch01", "objective")]
    choose_campaign(store, VELO)
    assert campaign_store(store).answer("ch01", "objective") == {"text": "vélo"}  # and the own one's again
    # Editing the budget keeps the campaign's answers; another brand starts afresh.
    choose_campaign(store, {**VELO, "creator_budget": "9 500"})
    assert campaign_store(store).answer("ch01", "objective") == {"text": "vélo"}
    choose_campaign(store, {**VELO, "brand": "Cycles du Lac"})
    assert campaign_store(store).answer("ch01", "objective") is None


def test_forgetting_a_chapter_forgets_only_the_active_campaigns_answers(store: ProgressStore) -> None:
    store.save("ch01", "objective", {"text": "Sève"})
    choose_campaign(store, VELO)
    campaign_store(store).save("ch01", "objective", {"text": "vélo"})
    campaign_store(store).forget("ch01")
    assert campaign_store(store).answer("ch01", "objective") is None
    assert store.answer("ch01", "objective") == {"text": "Sève"}


def test_classifying_sample_posts_is_shared_by_every_campaign(store: ProgressStore) -> None:
    store.save("ch05", "classification", {"score": [8, 8]})
    choose_campaign(store, VELO)
    assert campaign_store(store).answer("ch05", "classification") == {"score": [8, 8]}
    assert campaign_store(store).answer("ch05", "caption") is None


def test_the_form_checks_then_uses_the_campaign(store: ProgressStore) -> None:
    store.save("ch01", "objective", "x", check_objective("Faire le buzz"))
    home = HomePage(store)
    assert "Rituel Avoine" in home.active.value and "Sève" in home.progress().value
    assert dict((n, s) for n, _t, s in chapter_states(store))[1] == "En cours"
    fill(home, VELO)
    home.step.button.click()
    expected = check_campaign_answer(home.collect())
    assert expected.passed
    for item in expected.items:
        assert html.escape(item.message, quote=True) in home.step.feedback.value
    assert active_campaign(store) == campaign_from_answer(VELO)
    assert "Vélo Léman" in home.active.value and "8\u202f000\u00a0CHF" in home.active.value
    assert "Printemps cargo" in home.progress().value  # the table follows the active campaign
    assert dict((n, s) for n, _t, s in chapter_states(store))[1] == "À faire"
    assert "maintenant la campagne" in html.unescape(home.choice_status.value)
    # The form comes back after a restart, and so does the choice.
    again = HomePage(ProgressStore(store.path))
    assert again.fields["brand"].value == "Vélo Léman" and again.markets["CH"].value
    assert again.launch.value == date(2027, 4, 1) and again.currency.value == "CHF"
    assert "Vélo Léman" in again.active.value
    # « Revenir à Sève »: Sève's progress is back.
    again.back.click()
    assert active_campaign(store) is DEFAULT_CAMPAIGN
    assert dict((n, s) for n, _t, s in chapter_states(store))[1] == "En cours"
    assert "Rituel Avoine" in again.progress().value
    assert "Printemps cargo" in html.unescape(again.choice_status.value)  # its answers are kept, it says


def test_an_incomplete_description_keeps_the_campaign_in_use(store: ProgressStore) -> None:
    choose_campaign(store, VELO)
    home = HomePage(store)
    fill(home, {**VELO, "creator_budget": "", "brand": "Cycles du Lac"})
    home.step.button.click()
    assert not check_campaign_answer(home.collect()).passed
    assert "Budget créateurs" in html.unescape(home.step.feedback.value)
    assert "pas encore utilisable" in html.unescape(home.choice_status.value)
    assert active_campaign(store).brand.name == "Vélo Léman"  # the draft did not move the chapters


@pytest.mark.parametrize("payload", ['<img src=x onerror=alert(1)>', "<script>alert(1)</script>"])
def test_learner_html_in_the_campaign_is_shown_never_run(store: ProgressStore, payload: str) -> None:
    home = HomePage(store)
    fill(home, {**VELO, "brand": payload, "campaign": payload})
    home.step.button.click()
    workshop = ObjectiveWorkshop(store)
    rendered = [home.step.feedback.value, home.active.value, home.progress().value, home.choice_status.value,
                *(w.value for w in workshop.widget().children if isinstance(w, widgets.HTML))]
    for value in rendered:
        assert "<img" not in value and "<script" not in value
    assert html.escape(payload, quote=True) in home.active.value


def test_workshops_show_and_judge_the_active_campaign(store: ProgressStore) -> None:
    store.save("ch01", "objective", {"mode": MODE_FREE, "sentence": "Objectif Sève", "text": "Objectif Sève"})
    choose_campaign(store, VELO)
    velo = active_campaign(store)
    workshop = ObjectiveWorkshop(store)
    header = next(w.value for w in workshop.widget().children if "iw-ch01-campaign" in w._dom_classes)
    assert "Vélo Léman" in header and "8\u202f000\u00a0CHF" in header and "Sève" not in header
    assert workshop.sentence.value == ""  # the own campaign starts from its own (empty) answer
    workshop.mode.value = MODE_FREE
    workshop.sentence.value = ("Conversion : 300 ventes du vélo cargo d'ici fin juin 2027 auprès des familles "
                               "de Lausanne")
    feedback = workshop.step.run_check()
    assert feedback == check_objective(workshop.sentence.value, campaign=velo)
    assert campaign_store(store).answer("ch01", "objective")["sentence"] == workshop.sentence.value
    assert store.answer("ch01", "objective")["sentence"] == "Objectif Sève"
    choose_campaign(store, None)
    assert ObjectiveWorkshop(store).sentence.value == "Objectif Sève"


def _descendants(widget: widgets.Widget) -> list[widgets.Widget]:
    found = [widget]
    for child in getattr(widget, "children", ()):
        found += _descendants(child)
    return found


def _header(box: widgets.Widget) -> str:
    headers = [w.value for w in _descendants(box)
               if isinstance(w, widgets.HTML) and any(c.endswith("-campaign") for c in w._dom_classes)]
    assert len(headers) == 1, "each workshop shows the campaign's facts in one header"
    return str(headers[0])


WORKSHOP_CLASSES = {"ch01": "objective.ObjectiveWorkshop", "ch02": "shortlist.ShortlistWorkshop",
                    "ch03": "concept.ConceptWorkshop", "ch04": "outreach.OutreachWorkshop",
                    "ch05": "disclosure.CaptionWorkshop", "ch06": "constraints.ConstraintsWorkshop"}


def _workshop(name: str, store: ProgressStore) -> object:
    import importlib

    module, _, cls = WORKSHOP_CLASSES[name].partition(".")
    return getattr(importlib.import_module(f"influence_workbook.widgets.{module}"), cls)(store)


@pytest.mark.parametrize("name", sorted(WORKSHOP_CLASSES))
def test_every_workshop_header_shows_the_active_campaign(name: str, store: ProgressStore) -> None:
    seve = _header(_workshop(name, store).widget())  # type: ignore[attr-defined]
    assert "Sève" in seve and "Vélo Léman" not in seve
    choose_campaign(store, VELO)
    own = _header(_workshop(name, store).widget())  # type: ignore[attr-defined]
    assert "Vélo Léman" in own and "Printemps cargo" in own and "votre campagne" in own
    assert "Sève" not in own and "Rituel Avoine" not in own


#: Where each workshop's check is looked up (the name patched), and an answer that reaches it.
CHECKS = {
    "ch01": ("objective", "check_objective", {"mode": MODE_FREE, "sentence": "Notoriété : 10 000 vues"}),
    "ch03": ("concept", "check_concept", {"angle": "Un angle."}),
    "ch05": ("disclosure", "check_campaign_caption", {"caption": "Publicité | @veloleman"}),
    "ch06": ("constraints", "check_constraints", {"must_have": "Le cargo se recharge."}),
}


@pytest.mark.parametrize("name", sorted(CHECKS))
def test_every_workshop_passes_the_active_campaign_to_its_check(name: str, store: ProgressStore,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    from influence_workbook.feedback import Feedback, FeedbackItem

    module_name, function, answer = CHECKS[name]
    module = importlib.import_module(f"influence_workbook.widgets.{module_name}")
    seen: list[object] = []

    def recording(*args: object, campaign: Campaign | None = None, **kwargs: object) -> Feedback:
        seen.append(campaign)
        return Feedback("test", (FeedbackItem("c", "Critère", True, "Bien."),), "Bravo.")

    monkeypatch.setattr(module, function, recording)
    choose_campaign(store, VELO)
    workshop = _workshop(name, store)
    workshop.step.check(answer)  # type: ignore[attr-defined]
    assert seen == [campaign_from_answer(VELO)]


def test_outreach_and_shortlist_pass_the_active_campaign(store: ProgressStore,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from influence_workbook.checks.shortlist import ShortlistChecker
    from influence_workbook.feedback import Feedback, FeedbackItem
    from influence_workbook.widgets import outreach, shortlist

    seen: list[object] = []

    def recording(*args: object, campaign: Campaign | None = None, **kwargs: object) -> Feedback:
        seen.append(campaign)
        return Feedback("test", (FeedbackItem("c", "Critère", True, "Bien."),), "Bravo.")

    class RecordingChecker(ShortlistChecker):
        def __init__(self, *args: object, campaign: Campaign | None = None, **kwargs: object) -> None:
            seen.append(campaign)
            super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(outreach, "check_outreach", recording)
    monkeypatch.setattr(shortlist, "ShortlistChecker", RecordingChecker)
    choose_campaign(store, VELO)
    velo = campaign_from_answer(VELO)
    workshop = outreach.OutreachWorkshop(store)
    assert workshop.profiles, "the default creators of the campaign's markets are offered"
    assert "Suisse" in _header(workshop.widget())
    workshop.check({"creator_id": workshop.profiles[0]["creator_id"], "message": "Bonjour"})
    shortlist.ShortlistWorkshop(store)
    assert seen == [velo, velo]


def test_a_choice_that_cannot_be_saved_is_said_in_french(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    home = HomePage(ProgressStore(blocker / "progression.json"))
    fill(home, VELO)
    home.step.button.click()  # no exception reaches the learner
    assert check_campaign_answer(home.collect()).passed
    status = html.unescape(home.choice_status.value)
    assert "iw-notice" in status and "disque" in status


def test_the_caption_workshop_names_the_markets_its_check_judges(tmp_path: Path) -> None:
    """The page named the campaign's markets through its own filter, which knew no Belgium: a Belgian
    campaign read « France et Suisse » on the page while its check judged Belgium by the EU's rules."""
    from influence_workbook.checks.disclosure import campaign_markets
    from influence_workbook.widgets.disclosure import CaptionWorkshop

    store = ProgressStore(tmp_path / "progression.json")
    belgian = choose_campaign(store, {**VELO, "markets": ["BE"]})
    workshop = CaptionWorkshop(store)
    assert workshop.countries == campaign_markets(belgian) == ("BE",)
    assert "Belgique" in workshop.widget().children[0].value


# --------------------------------------------------------------------------- « Mon parcours » and the certificate


def _parcours(home: HomePage) -> str:
    return str(home.progress().value)


def test_mon_parcours_is_an_accessible_table_of_every_chapter(store: ProgressStore) -> None:
    from test_course_progress import answer_quiz, pass_workshop

    pass_workshop(store, CHAPTERS[0])
    answer_quiz(store, CHAPTERS[0])
    pass_workshop(store, CHAPTERS[1], ok=False)
    value = _parcours(HomePage(store))
    assert '<table class="iw-parcours"><caption>Mon parcours sur la campagne «\u00a0Rituel Avoine\u00a0» de Sève' \
        in value
    assert value.count('<th scope="col">') == 5 and value.count('<th scope="row">') == len(CHAPTERS)
    for chapter in CHAPTERS:
        row = value.split(f'<tr class="iw-parcours-{chapter.key}"', 1)[1].split("</tr>", 1)[0]
        if chapter.available:
            assert f'<a href="{chapter.slug}.ipynb">' in row, chapter.key
        else:
            assert 'data-state="preparation"' in row and "En préparation" in row and "<a " not in row
    first = value.split('<tr class="iw-parcours-ch01"', 1)[1].split("</tr>", 1)[0]
    total = len(load_quiz(CHAPTERS[0].slug))
    assert 'data-state="complete"' in first and "Réussi le " in first and "Terminé" in first
    assert f"Réussi\u00a0: {total}/{total} (100\u202f%), le " in first
    second = value.split('<tr class="iw-parcours-ch02"', 1)[1].split("</tr>", 1)[0]
    assert "À revoir (essayé le " in second and "Pas commencé" in second and "En cours" in second
    assert "Ce qui reste" in value and "Chapitre 2 (Mal choisir son influenceur)" in html.unescape(value)
    assert ('Continuer\u00a0: <a class="iw-continue" href="02_mauvais_influenceur.ipynb">chapitre 2, atelier '
            "«\u00a0Filtrer les créateurs et composer une présélection\u00a0»</a>") in value
    assert "Temps actif estimé" in value and "estimation basse" in value
    assert str(store.path) not in value and str(store.path.parent) not in value  # no path in stored outputs


def test_mon_parcours_says_when_everything_is_done_and_follows_the_campaign(store: ProgressStore) -> None:
    from test_course_progress import complete

    complete(store)
    value = _parcours(HomePage(store))
    assert 'class="iw-continue"' not in value and "Bravo\u00a0: tous les chapitres disponibles sont terminés" in value
    choose_campaign(store, {**VELO, "brand": "<b>Vélo</b> & Cie"})
    value = _parcours(HomePage(store))
    assert "«\u00a0Printemps cargo\u00a0» de &lt;b&gt;Vélo&lt;/b&gt; &amp; Cie" in value and "<b>" not in value
    assert 'class="iw-continue" href="01_objectif_flou.ipynb"' in value  # the own campaign's workshops are to do


def test_the_certificate_is_refused_with_what_is_left_then_issued_for_download(store: ProgressStore) -> None:
    import base64

    from test_course_progress import complete

    home = HomePage(store)
    box = home.certificate()
    assert {"iw-workshop", "iw-certificate"} <= set(box._dom_classes)
    assert "iw-certificate-name" in home.certificate_name._dom_classes
    assert home.certificate_button.description == "Obtenir mon attestation"
    assert "iw-certificate-button" in home.certificate_button._dom_classes
    home.certificate_name.value = "Camille Martin"
    home.certificate_button.click()
    status = home.certificate_status.value
    assert 'role="alert"' in status and "pas encore disponible" in status
    assert status.count("<li>") == sum(chapter.available for chapter in CHAPTERS)
    assert "iw-certificate-download" not in status
    complete(store)
    home = HomePage(store)
    assert "Tous les chapitres disponibles sont terminés" in home.certificate_intro.value
    home.certificate_name.value = "<img src=x onerror=alert(1)>"
    home.certificate_button.click()
    assert "<img" not in home.certificate_status.value and "retirez" in home.certificate_status.value
    home.certificate_name.value = "Camille Martin"
    certificate = home.issue_certificate()
    assert certificate is not None
    status = home.certificate_status.value
    assert f'<strong class="iw-certificate-code">{certificate.code}</strong>' in status
    link = status.split('<a class="iw-certificate-download" ', 1)[1].split(">", 1)[0]
    assert f'download="attestation-{certificate.code}.pdf"' in link
    data = link.split('href="data:application/pdf;base64,', 1)[1].split('"', 1)[0]
    assert base64.b64decode(data) == certificate.pdf and certificate.pdf.startswith(b"%PDF")
    assert str(store.path) in html.unescape(status)  # the file to hand in for verification, named live only
    assert "Vous avez déjà obtenu une attestation" in home.certificate_intro.value
    assert "Camille Martin" in HomePage(ProgressStore(store.path)).certificate_intro.value


def test_a_certificate_problem_never_reaches_the_learner_as_a_traceback(
        store: ProgressStore, monkeypatch: pytest.MonkeyPatch) -> None:
    from influence_workbook.widgets import home as home_module

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(home_module, "issue_certificate", broken)
    home = HomePage(store)
    home.certificate_name.value = "Camille Martin"
    home.certificate_button.click()
    assert "problème inattendu" in home.certificate_status.value and "boom" not in home.certificate_status.value
    assert not home.certificate_button.disabled


def test_the_home_shows_mon_parcours_and_the_certificate_in_its_progress_part() -> None:
    home = nbformat.read(notebooks_dir() / "00_accueil.ipynb", as_version=4)
    sources = [cell.source for cell in home.cells]
    start = next(i for i, source in enumerate(sources) if source.startswith("## Votre progression"))
    assert "« Mon parcours »" in sources[start].replace("\u00a0", " ")
    assert sources[start + 1].strip() == "accueil.progress()"
    assert sources[start + 2].startswith("### Votre attestation de suivi")
    assert "Certificat de l'Influence Responsable" in sources[start + 2]
    assert sources[start + 3].strip() == "accueil.certificate()"


def test_the_homes_stored_outputs_name_no_folder_and_are_never_a_widget_repr() -> None:
    """The issue saw « HTML(value="<table… » naming the temporary folder that `make notebooks` used."""
    path = notebooks_dir() / "00_accueil.ipynb"
    text = path.read_text(encoding="utf-8")
    assert "iw-progress-" not in text and "/tmp/" not in text and "progression.json" not in text
    home = nbformat.read(path, as_version=4)
    outputs = [output for cell in home.cells if cell.cell_type == "code" for output in cell.outputs]
    assert outputs, "make notebooks stores the home's outputs"
    for output in outputs:
        plain = output.get("data", {}).get("text/plain", "")
        assert not plain.startswith(("HTML(", "VBox(", "HBox(", "<")), plain[:80]
        assert "s'affiche ici quand la page est ouverte" in plain
        assert "text/html" in output.get("data", {})


def test_a_live_widget_falls_back_to_a_french_line(store: ProgressStore) -> None:
    home = HomePage(store)
    for shown in (home.campaign_form(), home.progress(), home.certificate()):
        bundle = shown._repr_mimebundle_()
        assert "application/vnd.jupyter.widget-view+json" in bundle
        assert bundle["text/plain"].endswith("quand la page est ouverte dans le cours en direct.")
        assert "iw-live-only" in bundle["text/html"] and str(store.path) not in bundle["text/html"]
