"""The chapter-1 workshop driven from Python: same check, escaped feedback, saved and reloaded."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from influence_workbook.checks import check_objective
from influence_workbook.checks.objective import compose_objective
from influence_workbook.progress import ProgressStore
from influence_workbook.widgets.objective import MODE_FREE, ObjectiveWorkshop

XSS = ['<img src=x onerror=alert(1)>', "<script>alert(1)</script>", "javascript:alert(1)",
       '"><svg onload=alert(1)>']


@pytest.fixture
def store(tmp_path: Path) -> ProgressStore:
    return ProgressStore(tmp_path / "progression.json")


def fill_guided(workshop: ObjectiveWorkshop) -> str:
    workshop.goal.value = "Conversion"
    workshop.kpi.value = "Ventes"
    workshop.target.value = "1 500 ventes"
    workshop.deadline.value = "d’ici fin juin 2027"
    workshop.audience.value = "femmes de 18-34 ans en France et en Suisse romande"
    return compose_objective("Conversion", "Ventes", "1 500 ventes", "d’ici fin juin 2027",
                             "femmes de 18-34 ans en France et en Suisse romande")


def test_guided_answer_is_checked_with_check_objective(store: ProgressStore) -> None:
    workshop = ObjectiveWorkshop(store)
    sentence = fill_guided(workshop)
    assert html.escape(sentence, quote=True) in workshop.preview.value
    feedback = workshop.step.run_check()
    assert feedback == check_objective(sentence)
    assert feedback is not None and feedback.passed
    for item in feedback.items:
        assert html.escape(item.message, quote=True) in workshop.step.feedback.value
    assert "Enregistré le" in workshop.step.status.value


def test_free_sentence_failing_feedback_is_shown(store: ProgressStore) -> None:
    workshop = ObjectiveWorkshop(store)
    workshop.mode.value = MODE_FREE
    workshop.sentence.value = "Faire le buzz sur Instagram"
    workshop.step.button.click()
    expected = check_objective("Faire le buzz sur Instagram")
    assert not expected.passed
    for item in expected.items:
        assert html.escape(item.message, quote=True) in workshop.step.feedback.value
    assert "À revoir" in workshop.step.feedback.value  # the verdict is in words, not colour only


def test_answer_and_verdict_come_back_after_a_restart(store: ProgressStore) -> None:
    first = ObjectiveWorkshop(store)
    fill_guided(first)
    first.step.run_check()
    again = ObjectiveWorkshop(ProgressStore(store.path))
    assert (again.goal.value, again.kpi.value, again.target.value) == ("Conversion", "Ventes", "1 500 ventes")
    assert again.deadline.value == "d’ici fin juin 2027"
    assert again.step.feedback.value == first.step.feedback.value
    assert "Réponse reprise" in again.step.status.value


@pytest.mark.parametrize("payload", XSS)
def test_learner_html_is_shown_never_run(store: ProgressStore, payload: str) -> None:
    workshop = ObjectiveWorkshop(store)
    fill_guided(workshop)
    workshop.audience.value = payload
    workshop.step.run_check()
    workshop.mode.value = MODE_FREE
    workshop.sentence.value = f"Notoriété : {payload} 400 000 vues en 3 mois"
    workshop.step.run_check()
    for rendered in (workshop.preview.value, workshop.step.feedback.value):
        assert "<img" not in rendered and "<script" not in rendered and "<svg" not in rendered
    assert html.escape(payload, quote=True) in workshop.preview.value


def test_a_failing_check_never_reaches_the_learner_as_a_traceback(store: ProgressStore) -> None:
    workshop = ObjectiveWorkshop(store)
    workshop.mode.value = MODE_FREE
    workshop.sentence.value = "Texte gardé"

    def broken(_answer: object) -> None:
        raise RuntimeError("boom")

    workshop.step.check = broken  # type: ignore[assignment]
    assert workshop.step.run_check() is None
    assert "problème inattendu" in workshop.step.feedback.value
    assert "Traceback" not in workshop.step.feedback.value and "boom" not in workshop.step.feedback.value
    saved = ProgressStore(store.path).get("ch01", "objective")
    assert saved is not None and saved.answer["sentence"] == "Texte gardé"  # nothing typed is lost


def test_unwritable_store_keeps_the_answer_on_screen(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    workshop = ObjectiveWorkshop(ProgressStore(blocker / "progression.json"))
    workshop.mode.value = MODE_FREE
    workshop.sentence.value = "Conversion : 1 500 ventes d'ici fin juin 2027 auprès des 18-34 ans"
    feedback = workshop.step.run_check()
    assert feedback is not None and feedback.passed  # the check still answers
    # The store refuses to write over a file it could not read, and says why, in French.
    status = html.unescape(workshop.step.status.value)
    assert "n'a pas été écrite sur le disque" in status and "le dossier de sauvegarde est un fichier" in status
    assert workshop.sentence.value.startswith("Conversion")


def test_damaged_progress_file_shows_a_french_notice(store: ProgressStore) -> None:
    store.path.parent.mkdir(parents=True, exist_ok=True)
    store.path.write_text("{broken", encoding="utf-8")
    workshop = ObjectiveWorkshop(ProgressStore(store.path))
    assert "illisible" in workshop.step.notice.value


def test_widget_classes_for_browser_tests(store: ProgressStore) -> None:
    box = ObjectiveWorkshop(store).widget()
    assert {"iw-workshop", "iw-ch01-objective"} <= set(box._dom_classes)


def test_an_empty_click_never_erases_a_saved_objective(store: ProgressStore) -> None:
    workshop = ObjectiveWorkshop(store)
    fill_guided(workshop)
    assert workshop.step.run_check() is not None
    for field in (workshop.goal, workshop.kpi):
        field.value = ""
    for field in (workshop.target, workshop.deadline, workshop.audience):
        field.value = ""
    feedback = workshop.step.run_check()
    assert feedback is not None and feedback.is_input_problem
    assert "une phrase suffit" in feedback.items[0].message  # the workshop wording, not the exercise's « ... »
    assert "reste enregistrée" in html.unescape(workshop.step.status.value)
    saved = ProgressStore(store.path).get("ch01", "objective")
    assert saved is not None and saved.passed and saved.answer["target"] == "1 500 ventes"


def test_the_button_says_its_name_without_an_icon(store: ProgressStore) -> None:
    button = ObjectiveWorkshop(store).step.button
    assert button.description == "Vérifier" and button.icon == ""


def test_the_feedback_stylesheet_is_in_the_workshop_once_not_in_each_verdict(store: ProgressStore) -> None:
    from influence_workbook.widgets.render import FEEDBACK_RULES, WORKSHOP_STYLE

    workshop = ObjectiveWorkshop(store)
    workshop.mode.value = MODE_FREE
    workshop.sentence.value = "Faire le buzz"
    workshop.step.run_check()
    assert "iw-feedback" in workshop.step.feedback.value and "<style" not in workshop.step.feedback.value
    styles = [child for child in workshop.widget().children
              if getattr(child, "value", None) == WORKSHOP_STYLE]
    assert len(styles) == 1 and styles[0].layout.display == "none"
    assert WORKSHOP_STYLE.count("<style>") == 1 and all(rule in WORKSHOP_STYLE for rule in FEEDBACK_RULES)
    again = ObjectiveWorkshop(store)  # the saved verdict, shown on reload, has no stylesheet either
    assert "iw-feedback" in again.step.feedback.value and "<style" not in again.step.feedback.value


def test_before_the_first_check_the_feedback_region_says_how_to_read_the_verdict(store: ProgressStore) -> None:
    from influence_workbook.widgets.render import placeholder_html

    workshop = ObjectiveWorkshop(store)
    placeholder = workshop.step.feedback.value
    assert placeholder == placeholder_html("Vérifier")
    assert "«\u00a0Vérifier\u00a0»" in placeholder and "Réussi" in placeholder and "À revoir" in placeholder
    assert 'role="status"' not in placeholder  # not announced as a verdict: nothing has been checked
    fill_guided(workshop)
    workshop.step.run_check()
    assert "iw-placeholder" not in workshop.step.feedback.value
    again = ObjectiveWorkshop(store)  # a saved verdict is shown instead on the next visit
    assert "iw-placeholder" not in again.step.feedback.value and "Réussi" in again.step.feedback.value
