"""Quizzes: every chapter quiz is valid, explains each answer in French, and has a chapter."""

from __future__ import annotations

import json

import pytest

from influence_workbook.chapters import CHAPTERS
from influence_workbook.paths import notebooks_dir
from influence_workbook.quiz import load_quiz, quiz_html, validate_quiz

QUIZ_FILES = sorted((notebooks_dir() / "quiz").glob("*.json"))


def test_there_is_a_quiz_for_every_available_chapter() -> None:
    names = {path.stem for path in QUIZ_FILES}
    for chapter in CHAPTERS:
        if chapter.available:
            assert chapter.slug in names, f"no quiz for {chapter.slug}"


@pytest.mark.parametrize("path", QUIZ_FILES, ids=lambda p: p.stem)
def test_quiz_is_valid_and_long_enough(path: object) -> None:
    questions = load_quiz(path.stem)  # type: ignore[attr-defined]
    assert len(questions) >= 4
    for question in questions:
        for answer in question["answers"]:
            assert len(answer["feedback"]) > 15, answer  # an explanation, not just « Faux »


def test_validator_catches_broken_quizzes() -> None:
    assert validate_quiz([]) == ["a quiz is a non-empty JSON list of questions"]
    broken = [{"type": "multiple_choice", "question": "Q ?", "answers": [
        {"answer": "A", "correct": False, "feedback": "Non, parce que…"},
        {"answer": "B", "correct": False, "feedback": ""},
    ]}]
    problems = validate_quiz(json.loads(json.dumps(broken)))
    assert "question 1: no correct answer" in problems
    assert "question 1, answer 2: no feedback (say why it is right or wrong)" in problems


def test_quiz_html_reveals_each_verdict_in_words_and_escapes_text() -> None:
    questions = [{"type": "multiple_choice", "question": "Quel <b>KPI</b> ?", "answers": [
        {"answer": "<script>alert(1)</script>", "correct": False, "feedback": "Non : ce n'est pas un KPI."},
        {"answer": "La portée", "correct": True, "feedback": "Oui : elle mesure la notoriété."},
    ]}]
    html = quiz_html(questions, "test")
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;KPI&lt;/b&gt;" in html
    assert html.count("<details") == 2
    assert "❌ Pas cette fois." in html and "✅ Bonne réponse." in html
    assert "(une seule bonne réponse)" in html
    assert quiz_html(questions, "test") == html  # deterministic: nbval compares it strictly


def test_every_chapter_quiz_renders_all_its_answers() -> None:
    for path in QUIZ_FILES:
        questions = load_quiz(path.stem)
        html = quiz_html(questions, path.stem)
        assert html.count("<details") == sum(len(q["answers"]) for q in questions)
        assert html.count('class="iw-quiz-q"') == len(questions)
