"""Chapter quizzes: JSON files in ``notebooks/quiz/``, rendered as plain HTML.

Each answer is a ``<details>`` element: the learner opens the one they choose and reads whether
it is right and why. No JavaScript, no MathJax, no kernel: the quiz answers in JupyterLab, in the
static book and offline alike, is keyboard-operable, and says its verdict in words, not only in
colour. The output is deterministic, so nbval compares it strictly. :func:`validate_quiz` keeps
the files honest (tests run it on every quiz): each question has a correct answer, and every
answer explains itself in French.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from influence_workbook.feedback import escape
from influence_workbook.paths import notebooks_dir
from influence_workbook.typography import fix

QUESTION_TYPES = {"multiple_choice", "many_choice"}
# Colours checked for at least 4.5:1 contrast (WCAG AA) on their backgrounds.
_QUIZ_STYLE = (
    "<style>"
    ".iw-quiz{max-width:48rem;margin:.5rem 0}"
    ".iw-quiz-q{border:1px solid #cbd5e1;border-radius:.4rem;padding:.6rem .9rem;margin:.8rem 0;background:#fff;"
    "color:#1f2937}"
    ".iw-quiz-question{margin:.2rem 0 .5rem;font-weight:600}"
    ".iw-quiz-kind{font-weight:400;font-style:italic;color:#374151}"
    ".iw-quiz-answer{margin:.3rem 0;border:1px solid #e2e8f0;border-radius:.3rem;padding:.25rem .6rem}"
    ".iw-quiz-answer summary{cursor:pointer}"
    ".iw-quiz-answer summary:focus-visible{outline:3px solid #1d4ed8;outline-offset:2px}"
    ".iw-quiz-feedback{margin:.4rem 0 .2rem;padding:.3rem .5rem;border-left:.3rem solid}"
    ".iw-quiz-feedback.iw-ok{border-color:#15803d;background:#f0fdf4}"
    ".iw-quiz-feedback.iw-ko{border-color:#b91c1c;background:#fef2f2}"
    "</style>"
)


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


def quiz_html(questions: list[dict[str, Any]], name: str) -> str:
    """The quiz as self-contained HTML; every text is escaped (quizzes are plain text)."""
    slug = re.sub(r"[^a-z0-9-]", "-", name.lower())
    parts = [_QUIZ_STYLE, f'<section class="iw-quiz" id="quiz-{slug}" aria-label="Quiz">']
    for number, question in enumerate(questions, start=1):
        qid = f"quiz-{slug}-q{number}"
        kind = ("une seule bonne réponse" if question["type"] == "multiple_choice"
                else "plusieurs bonnes réponses possibles : ouvrez-les toutes")
        parts.append(
            f'<div class="iw-quiz-q" role="group" aria-labelledby="{qid}">'
            f'<p class="iw-quiz-question" id="{qid}">Question {number}. {escape(fix(question["question"]))} '
            f'<span class="iw-quiz-kind">({kind})</span></p>'
        )
        for answer in question["answers"]:
            right = answer["correct"]
            css, verdict = ("iw-ok", "✅ Bonne réponse.") if right else ("iw-ko", "❌ Pas cette fois.")
            parts.append(
                f'<details class="iw-quiz-answer"><summary>{escape(fix(answer["answer"]))}</summary>'
                f'<p class="iw-quiz-feedback {css}"><strong>{verdict}</strong> {escape(fix(answer["feedback"]))}</p>'
                "</details>"
            )
        parts.append("</div>")
    parts.append("</section>")
    return "".join(parts)


def show_quiz(name: str) -> Any:
    """The chapter's quiz, to display as the last line of a notebook cell."""
    from IPython.display import HTML  # imported late: only notebooks need it

    return HTML(quiz_html(load_quiz(name), name))
