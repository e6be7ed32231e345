"""Chapter quizzes: JSON files in ``notebooks/quiz/``, shown with jupyterquiz.

jupyterquiz renders plain JavaScript, so a quiz answers in JupyterLab and in the static book
alike, with no kernel. :func:`validate_quiz` keeps the files honest (tests run it on every quiz):
each question has one or more correct answers, and every answer explains itself in French.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from influence_workbook.paths import notebooks_dir

QUESTION_TYPES = {"multiple_choice", "many_choice"}
# Colours with at least 4.5:1 contrast for white text (WCAG AA), replacing jupyterquiz's defaults.
QUIZ_COLORS = {
    "--jq-multiple-choice-bg": "#3b2a6b",
    "--jq-many-choice-bg": "#8a3b12",
    "--jq-mc-button-bg": "#ffffff",
    "--jq-correct-color": "#0b6b1d",
    "--jq-incorrect-color": "#a30d0d",
    "--jq-text-color": "#ffffff",
    "--jq-link-color": "#dbe6ff",
}


def quiz_path(name: str) -> Path:
    return notebooks_dir() / "quiz" / f"{name}.json"


def validate_quiz(questions: Any) -> list[str]:
    """Problems found in a quiz (empty list when it is valid), written for the course's authors."""
    problems: list[str] = []
    if not isinstance(questions, list) or not questions:
        return ["a quiz is a non-empty JSON list of questions"]
    for number, question in enumerate(questions, start=1):
        where = f"question {number}"
        if not isinstance(question, dict):
            problems.append(f"{where}: not an object")
            continue
        if question.get("type") not in QUESTION_TYPES:
            problems.append(f"{where}: type must be one of {sorted(QUESTION_TYPES)}")
        if not str(question.get("question", "")).strip():
            problems.append(f"{where}: empty question text")
        answers = question.get("answers")
        if not isinstance(answers, list) or len(answers) < 2:
            problems.append(f"{where}: needs at least two answers")
            continue
        correct = [a for a in answers if isinstance(a, dict) and a.get("correct") is True]
        if not correct:
            problems.append(f"{where}: no correct answer")
        if question.get("type") == "multiple_choice" and len(correct) != 1:
            problems.append(f"{where}: multiple_choice needs exactly one correct answer")
        for index, answer in enumerate(answers, start=1):
            if not isinstance(answer, dict) or not str(answer.get("answer", "")).strip():
                problems.append(f"{where}, answer {index}: empty answer text")
            elif not str(answer.get("feedback", "")).strip():
                problems.append(f"{where}, answer {index}: no feedback (say why it is right or wrong)")
            elif not isinstance(answer.get("correct"), bool):
                problems.append(f"{where}, answer {index}: 'correct' must be true or false")
    return problems


def load_quiz(name: str) -> list[dict[str, Any]]:
    path = quiz_path(name)
    questions = json.loads(path.read_text(encoding="utf-8"))
    problems = validate_quiz(questions)
    if problems:
        raise ValueError(f"{path}: " + "; ".join(problems))
    return list(questions)


def show_quiz(name: str) -> None:
    """Display a chapter's quiz (used as the last line of a notebook cell)."""
    from jupyterquiz import display_quiz  # imported late: only notebooks need it

    display_quiz(load_quiz(name), shuffle_answers=False, colors=QUIZ_COLORS)
