"""What the quizzes ask, not only their format (issue 24): at least half of each chapter's questions
are scenarios to apply or analyse (a caption, a shortlist, a figure to interpret, a contract
situation), marked ``"scenario": true``; every answer explains why it is right or wrong, and every
question points to its source (a study and its year, a legal article, or a section of the chapter)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from influence_workbook.paths import notebooks_dir
from influence_workbook.quiz import load_quiz

QUIZ_FILES = sorted((notebooks_dir() / "quiz").glob("*.json"))
MIN_SCENARIO_RATIO = 0.5
MIN_FEEDBACK_CHARS = 50
MIN_FEEDBACK_WORDS = 8
# A source the learner can follow: an author's year (« HypeAuditor, 2026 », « s. d. »), a legal text
# (« art. 5-2 », « article L132-2 », « décret n° 2025-1137 », « C-371/20 »), or a place in the course.
SOURCE = re.compile(
    r"\b(?:19|20)\d\d\b|\bs\. d\.|\bart\.|\barticles?\b|\bn° ?\d|\bC-\d+/\d\d\b|\bCFR\b|\bAct\b"
    r"|\bsection «|\bencadré «|\btableau de la section|\bglossaire\b|\bchapitre \d+",
)
BARE_VERDICTS = {"oui", "non", "faux", "vrai", "exact", "exactement", "bonne réponse", "pas cette fois"}


def _questions(path: Path) -> list[dict[str, Any]]:
    return load_quiz(path.stem)


def test_there_are_chapter_quizzes() -> None:
    assert len(QUIZ_FILES) >= 6


@pytest.mark.parametrize("path", QUIZ_FILES, ids=lambda p: p.stem)
def test_at_least_half_the_questions_are_scenarios(path: Path) -> None:
    questions = _questions(path)
    flags = [question.get("scenario", False) for question in questions]
    assert all(isinstance(flag, bool) for flag in flags), "« scenario » is true or false"
    ratio = sum(flags) / len(questions)
    assert ratio >= MIN_SCENARIO_RATIO, (
        f"{path.stem}: {sum(flags)}/{len(questions)} scenario questions; at least half must put the learner "
        "in a situation (a caption, a shortlist, a figure, a contract) and carry \"scenario\": true"
    )


@pytest.mark.parametrize("path", QUIZ_FILES, ids=lambda p: p.stem)
def test_every_answer_explains_itself(path: Path) -> None:
    for number, question in enumerate(_questions(path), start=1):
        feedbacks = [str(answer["feedback"]).strip() for answer in question["answers"]]
        assert len(set(feedbacks)) == len(feedbacks), f"{path.stem} Q{number}: two answers share one explanation"
        for feedback in feedbacks:
            where = f"{path.stem} Q{number}: « {feedback[:60]} »"
            assert len(feedback) >= MIN_FEEDBACK_CHARS, f"{where} is too short to say why"
            assert len(feedback.split()) >= MIN_FEEDBACK_WORDS, f"{where} is too short to say why"
            bare = re.sub(r"[\W_]+", " ", feedback).strip().lower()
            assert bare not in BARE_VERDICTS, f"{where} is a bare verdict"


@pytest.mark.parametrize("path", QUIZ_FILES, ids=lambda p: p.stem)
def test_every_question_points_to_its_source(path: Path) -> None:
    for number, question in enumerate(_questions(path), start=1):
        right = [str(a["feedback"]) for a in question["answers"] if a["correct"]]
        assert any(SOURCE.search(feedback) for feedback in right), (
            f"{path.stem} Q{number}: the explanation of the right answer names no source "
            "(a study and its year, a legal article, or a section of the chapter)"
        )


def test_the_source_pattern_is_not_a_rubber_stamp() -> None:
    assert SOURCE.search("Oui : c'est ce que dit HypeAuditor (2026).")
    assert SOURCE.search("Oui : loi n° 2023-451, art. 5-2.")
    assert SOURCE.search("Relisez la section « Où placer la mention ».")
    assert not SOURCE.search("Oui : c'est la bonne réponse, bravo.")
