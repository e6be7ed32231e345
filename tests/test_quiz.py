"""Quizzes: every chapter quiz is valid, explains each answer in French, and has a chapter; attempts are
scored at the first pick, saved, read back whatever the file holds, and passed at QUIZ_PASS_RATE."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from influence_workbook.chapters import CHAPTERS, Chapter
from influence_workbook.paths import notebooks_dir
from influence_workbook.progress import ProgressStore
from influence_workbook.quiz import (
    QUIZ_PASS_RATE,
    QUIZ_STEP,
    QuizAttempt,
    QuizResult,
    attempt_answer,
    attempt_feedback,
    load_quiz,
    needed_to_pass,
    question_key,
    quiz_html,
    quiz_result,
    read_attempt,
    score_line,
    validate_quiz,
)

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


# --------------------------------------------------------------------------- scores and saved results

CH03 = next(chapter for chapter in CHAPTERS if chapter.key == "ch03")


def _right_pick(question: dict[str, Any]) -> list[int]:
    return [i for i, answer in enumerate(question["answers"]) if answer["correct"]]


def _wrong_pick(question: dict[str, Any]) -> list[int]:
    wrong = [i for i, answer in enumerate(question["answers"]) if not answer["correct"]]
    return wrong[:1]


def test_pass_rate_and_threshold() -> None:
    assert QUIZ_PASS_RATE == 0.7
    assert [needed_to_pass(n) for n in (1, 4, 5, 6, 7, 10)] == [1, 3, 4, 5, 5, 7]  # 0.7 × 10 is 7, not 8


def test_quiz_result_passes_at_the_threshold_only_when_all_are_answered() -> None:
    assert QuizResult("ch03", 7, 10, 10, "t").passed
    assert not QuizResult("ch03", 6, 10, 10, "t").passed
    assert not QuizResult("ch03", 7, 10, 9, "t").passed  # 7 right but one left unanswered
    assert not QuizResult("ch03", 0, 0, 0, "t").passed
    assert QuizResult("ch03", 5, 7, 7, "t").percent == 71
    assert QuizResult("ch03", 0, 0, 0, "t").percent == 0


def test_score_line_says_the_score_and_what_is_missing() -> None:
    assert score_line(5, 7, 7) == "Score\u00a0: 5/7 (71\u202f%) · quiz réussi"
    assert "quiz à refaire" in score_line(4, 7, 7) and "5 bonnes réponses sur 7" in score_line(4, 7, 7)
    assert "encore 2 questions" in score_line(3, 5, 7)
    assert "encore une question pour valider" in score_line(5, 6, 7)
    assert "répondez aux 7 questions" in score_line(0, 0, 7)


def test_score_line_says_reussi_exactly_when_the_result_passes() -> None:
    for total in range(1, 13):
        for answered in range(total + 1):
            for correct in range(answered + 1):
                line = score_line(correct, answered, total)
                passed = QuizResult("ch01", correct, total, answered, "t").passed
                assert ("réussi" in line) is passed, (correct, answered, total, line)
                assert line.startswith(f"Score\u00a0: {correct}/{total} (")


def test_quiz_result_is_none_until_saved_then_scores_the_saved_picks(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "p.json")
    assert quiz_result(store, CH03) is None
    questions = load_quiz(CH03.slug)
    attempt = QuizAttempt.first(questions)
    for index, question in enumerate(questions):
        pick = _wrong_pick(question) if index == 0 else _right_pick(question)
        attempt = attempt.pick(questions, index, pick)
    store.save("ch03", QUIZ_STEP, attempt_answer(questions, attempt), attempt_feedback(questions, attempt))
    result = quiz_result(store, CH03)
    assert result is not None
    assert (result.chapter, result.correct, result.total, result.answered) == (
        "ch03", len(questions) - 1, len(questions), len(questions))
    assert result.saved_at == store.get("ch03", QUIZ_STEP).saved_at  # type: ignore[union-attr]
    assert result.passed is ((len(questions) - 1) >= needed_to_pass(len(questions)))
    saved = store.get("ch03", QUIZ_STEP)
    assert saved is not None and saved.feedback is not None
    assert saved.feedback.score == (len(questions) - 1, len(questions))
    assert saved.feedback.item("q1").ok is False and "Pas tout à fait" in saved.feedback.item("q1").message


def test_quiz_result_ignores_a_hand_edited_right_flag(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "p.json")
    questions = load_quiz(CH03.slug)
    attempt = QuizAttempt.first(questions)
    for index, question in enumerate(questions):
        attempt = attempt.pick(questions, index, _wrong_pick(question))
    answer = attempt_answer(questions, attempt)
    for entry in answer["questions"]:
        entry["right"] = True
    store.save("ch03", QUIZ_STEP, answer)
    result = quiz_result(store, CH03)
    assert result is not None and result.correct == 0 and not result.passed


def test_quiz_result_for_a_chapter_without_a_quiz_file(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "p.json")
    ghost = replace(CH03, key="ch99", slug="99_absent")
    store.save("ch99", QUIZ_STEP, {"attempt": 1, "questions": []})
    assert quiz_result(store, ghost) is None
    assert isinstance(ghost, Chapter)


def test_attempt_picks_each_question_once_and_restarts() -> None:
    questions = load_quiz(CH03.slug)
    attempt = QuizAttempt.first(questions).pick(questions, 0, _right_pick(questions[0]))
    with pytest.raises(ValueError, match="already answered"):
        attempt.pick(questions, 0, _wrong_pick(questions[0]))
    with pytest.raises(ValueError):
        attempt.pick(questions, 1, [])
    with pytest.raises(ValueError):
        attempt.pick(questions, 1, [99])
    assert attempt.score(questions) == (1, 1)
    again = attempt.restart()
    assert again.number == 2 and again.score(questions) == (0, 0)


def test_saved_attempt_round_trips_and_survives_reordering() -> None:
    questions = load_quiz(CH03.slug)
    attempt = QuizAttempt.first(questions).pick(questions, 0, _right_pick(questions[0]))
    attempt = attempt.pick(questions, 2, _wrong_pick(questions[2])).restart()
    attempt = attempt.pick(questions, 1, _right_pick(questions[1]))
    answer = json.loads(json.dumps(attempt_answer(questions, attempt)))
    assert read_attempt(questions, answer) == (attempt, [])
    reordered = [questions[1], questions[0], *questions[2:]]
    restored, notices = read_attempt(reordered, answer)
    assert notices == [] and restored.picks[0] == attempt.picks[1] and restored.picks[1] is None


@pytest.mark.parametrize("answer", [
    "n'importe quoi", 42, [], {"attempt": "deux"}, {"attempt": True, "questions": {"a": 1}},
    {"attempt": 10**30, "questions": [1, "x", {"key": 5}, {"key": "zz", "picked": "A"}]},
])
def test_read_attempt_never_raises_on_absurd_saved_data(answer: object) -> None:
    questions = load_quiz(CH03.slug)
    attempt, notices = read_attempt(questions, answer)
    assert attempt.picks == (None,) * len(questions)
    assert 1 <= attempt.number <= 1_000_000
    assert notices, "what cannot be read is said"
    assert all("\u00a0:" in notice for notice in notices)  # French typography


def test_read_attempt_drops_edited_picks_and_keeps_the_rest() -> None:
    questions = load_quiz(CH03.slug)
    attempt = QuizAttempt.first(questions)
    for index, question in enumerate(questions[:3]):
        attempt = attempt.pick(questions, index, _right_pick(question))
    answer = attempt_answer(questions, attempt)
    answer["questions"][0]["picked"] = ["une réponse qui n'existe pas"]
    answer["questions"][1]["key"] = question_key({"question": "ancienne version"})
    restored, notices = read_attempt(questions, answer)
    assert restored.picks[0] is None and restored.picks[1] is None and restored.picks[2] == attempt.picks[2]
    assert any("mis à jour" in notice for notice in notices)
    assert any("illisibles" in notice for notice in notices)


def test_question_key_ignores_explanations_and_unknown_fields() -> None:
    question = load_quiz(CH03.slug)[0]
    edited = {**question, "scenario": True,
              "answers": [{**answer, "feedback": "Autre explication."} for answer in question["answers"]]}
    assert question_key(edited) == question_key(question)
    reworded = {**question, "question": question["question"] + " (bis)"}
    assert question_key(reworded) != question_key(question)
