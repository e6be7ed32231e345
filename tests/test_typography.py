"""French typography of learner-facing text, and the sections feedback sends learners back to."""

from __future__ import annotations

import importlib
import json
import re
from pathlib import Path

import nbformat
import pytest

from influence_workbook.authoring.typography import NBSP, NNBSP, fix, fix_text, problems_in, run, text_problems
from influence_workbook.checks import check_objective
from influence_workbook.paths import course_root, notebooks_dir


def test_fix_puts_non_breaking_spaces_where_french_wants_them() -> None:
    text = "Cliquez sur « Vérifier » : 20 % ; 15 000 € ! n° 1 ?"
    fixed = fix(text)
    assert fixed == (
        f"Cliquez sur «{NBSP}Vérifier{NBSP}»{NBSP}: 20{NNBSP}%{NBSP}; 15{NNBSP}000{NBSP}€{NBSP}! "
        f"n°{NBSP}1{NBSP}?"
    )
    assert problems_in(fixed) == []
    assert len(problems_in(text)) >= 7


def test_code_links_and_roles_are_left_alone() -> None:
    text = "Voir `a : b`, [lien](page.md#x : y), {cite}`doran1981` et https://x.fr/a?b à 13:35."
    assert fix(text) == text


def test_a_space_after_a_citation_or_a_link_is_seen_and_fixed() -> None:
    # The citation and the link are protected spans; the space after them is not (issue 24).
    text = "Selon {cite}`imh2020` : 65 %. Voyez le [glossaire](glossaire.md) ; puis `code` ! Fin."
    assert len(problems_in(text)) == 4
    fixed = fix(text)
    assert fixed == (
        f"Selon {{cite}}`imh2020`{NBSP}: 65{NNBSP}%. Voyez le [glossaire](glossaire.md){NBSP}; "
        f"puis `code`{NBSP}! Fin."
    )
    assert problems_in(fixed) == []


def test_learner_text_has_straight_apostrophes_only() -> None:
    text = "L\u2019avoine, c\u2019est doux ; `l\u2019exemple` reste du code."
    apostrophes = [p for p in text_problems(text) if p.startswith("apostrophe")]
    assert len(apostrophes) == 2  # the code span keeps its apostrophe
    assert fix_text(text) == "L'avoine, c'est doux\u00a0; `l\u2019exemple` reste du code."
    assert text_problems(fix_text(text)) == []


def test_quizzes_are_checked_for_apostrophes(tmp_path: Path) -> None:
    quiz_dir = tmp_path / "notebooks" / "quiz"
    quiz_dir.mkdir(parents=True)
    quiz = [{"question": "Qu\u2019en pensez-vous ?", "type": "multiple_choice", "answers": [
        {"answer": "L\u2019une", "correct": True, "feedback": "Oui, parce que c\u2019est juste."}]}]
    (quiz_dir / "99_test.json").write_text(json.dumps(quiz, ensure_ascii=False), encoding="utf-8")
    assert len(run(tmp_path, apply=False)) == 3
    run(tmp_path, apply=True)
    assert run(tmp_path, apply=False) == []
    fixed = json.loads((quiz_dir / "99_test.json").read_text(encoding="utf-8"))
    assert fixed[0]["question"] == "Qu'en pensez-vous ?"  # spaces are the quiz renderer's job


def test_every_page_and_notebook_has_french_typography() -> None:
    assert run(course_root(), apply=False) == []


def test_feedback_messages_get_french_typography() -> None:
    feedback = check_objective("Notoriété : 1 milliard de vues en trois mois auprès des 18-25 ans")
    for item in feedback.items:
        assert problems_in(item.message) == [], item.message


CHAPTER_OF_CHECK = {
    "objective": "01_objectif_flou",
    "shortlist": "02_mauvais_influenceur",
    "concept": "03_concept_peu_creatif",
    "outreach": "04_communication_authentique",
    "disclosure": "05_partenariat_cache",
    "constraints": "06_confiance_createurs",
}


@pytest.mark.parametrize(("module_name", "slug"), sorted(CHAPTER_OF_CHECK.items()))
def test_read_more_titles_are_headings_of_the_chapter(module_name: str, slug: str) -> None:
    module = importlib.import_module(f"influence_workbook.checks.{module_name}")
    titles = {
        value for name, value in vars(module).items() if name.startswith("READ_") and isinstance(value, str)
    }
    assert titles, f"no READ_* section titles in checks/{module_name}.py"
    chapter = nbformat.read(notebooks_dir() / f"{slug}.ipynb", as_version=4)
    headings = {
        fix(m.group(1).strip())
        for cell in chapter.cells
        if cell.cell_type == "markdown"
        for m in re.finditer(r"^#{1,4} (.+)$", cell.source, re.MULTILINE)
    }
    for title in titles:
        assert fix(title) in headings, f"« {title} » is not a heading of {slug}"


def test_the_score_goes_inside_the_verdicts_sentence() -> None:
    # « … à améliorer. (6/7 critères) » left the score outside the sentence: it goes before the stop,
    # in the page and in the notebooks' text alike.
    from influence_workbook.feedback import Feedback, FeedbackItem, build_feedback, input_problem
    from influence_workbook.widgets.render import feedback_html

    items = [FeedbackItem(f"c{n}", f"Critère {n}", n != 2, "Message.") for n in range(1, 4)]
    feedback = build_feedback("test", items, [])
    assert feedback.summary == fix("Presque : il reste un point à revoir, « Critère 2 ».")
    assert feedback.headline == fix("Presque : il reste un point à revoir, « Critère 2 » (2/3 critères).")
    assert feedback.to_text().splitlines()[0] == feedback.headline
    assert f'<p class="iw-summary">{feedback.headline}</p>' in feedback_html(feedback)
    # A summary that does not end with a full stop keeps its own ending; one criterion is singular.
    exclaimed = Feedback("test", (items[0],), "Bravo !")
    assert exclaimed.headline == fix("Bravo ! (1/1 critère)")
    # Nothing to check (an empty field): no score, which would read as a failed answer.
    empty = input_problem("test", "Légende", "Collez d'abord la légende.")
    assert empty.headline == empty.summary == fix("Rien à vérifier pour l'instant.")
