"""Chapter quizzes: JSON files in ``notebooks/quiz/``, scored and saved in the live course.

Two renderings over one file. In the static book (no kernel), each answer is a ``<details>``
element: the learner opens the one they choose and reads whether it is right and why. No
JavaScript, no MathJax: it answers in the book and offline alike, is keyboard-operable, and says
its verdict in words, not only in colour; the output is deterministic, so nbval compares it
strictly. In the live course (JupyterLab, Voilà), :func:`show_quiz` returns the widget of
``widgets/quiz.py``, which scores the learner's first pick per question and saves it.

This module is the logic of the live quiz, plain and typed, with no widget: an attempt
(:class:`QuizAttempt`) is the picks of one run through the quiz; :func:`attempt_answer` and
:func:`read_attempt` turn it into the JSON saved under ``<chapter>/quiz`` and back (whatever the
file holds: what cannot be read is dropped with a French notice); :func:`quiz_result` is what the
home page and the certificate read. :func:`validate_quiz` keeps the files honest (tests run it on
every quiz): each question has a correct answer, and every answer explains itself in French.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

from influence_workbook.chapters import MEDIUM_VARIABLE as CHAPTERS_MEDIUM_VARIABLE
from influence_workbook.chapters import Chapter
from influence_workbook.feedback import Feedback, FeedbackItem, build_feedback, escape
from influence_workbook.paths import notebooks_dir
from influence_workbook.progress import ProgressStore
from influence_workbook.typography import fix

#: The progress step a chapter's quiz is saved under, with the chapter's plain key (``ch03/quiz``):
#: a quiz is about the chapter, not about the learner's campaign.
QUIZ_STEP = "quiz"
#: A quiz passes when every question is answered and at least this share is right at the first pick.
QUIZ_PASS_RATE = 0.7
#: The ``check`` name of the verdict saved with a quiz's answer (``build_feedback``).
QUIZ_CHECK = "quiz"
#: More attempts than anyone makes: a larger saved number is an edited file, read as attempt 1.
MAX_ATTEMPTS = 1_000_000

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


#: Where the course's wheel for the browser carries the quizzes (``authoring.site.course_wheel``): the published
#: site's Python has the package but no course folder.
PACKAGED_QUIZ_FOLDER = Path(__file__).resolve().parent / "resources" / "quiz"


def quiz_path(name: str) -> Path:
    """The quiz's file: the course folder's (``notebooks/quiz/``, which a teacher may edit), or else the package's."""
    in_course = notebooks_dir() / "quiz" / f"{name}.json"
    packaged = PACKAGED_QUIZ_FOLDER / f"{name}.json"
    return packaged if not in_course.is_file() and packaged.is_file() else in_course


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


# --------------------------------------------------------------------------- scores


def needed_to_pass(total: int) -> int:
    """How many questions must be right at the first pick for a quiz of ``total`` questions to pass."""
    return math.ceil(Fraction(str(QUIZ_PASS_RATE)) * max(total, 0))


@dataclass(frozen=True)
class QuizResult:
    """A chapter's quiz as saved: the current attempt's score, read against the quiz as it is now."""

    chapter: str  # the chapter's plain key, "ch03"
    correct: int  # questions answered right at the first pick of the current attempt
    total: int  # questions in the quiz
    answered: int  # questions answered in the current attempt
    saved_at: str  # ISO time of the last save (the last answer, or the restart)

    @property
    def passed(self) -> bool:
        return self.total > 0 and self.answered >= self.total and self.correct >= needed_to_pass(self.total)

    @property
    def percent(self) -> int:
        return round(100 * self.correct / self.total) if self.total > 0 else 0


def score_line(correct: int, answered: int, total: int) -> str:
    """The score as the learner reads it: « Score : 5/7 (71 %) · quiz réussi », or what is left to pass.

    « réussi » is said only of a quiz that passed (browser tests look for it).
    """
    percent = round(100 * correct / total) if total > 0 else 0
    head = f"Score : {correct}/{total} ({percent} %)"
    needed = needed_to_pass(total)
    left = total - answered
    if answered == 0:
        tail = f"répondez aux {total} questions ; il en faut {needed} justes du premier coup pour valider le quiz"
    elif left > 0 and correct >= needed:
        tail = f"encore {_questions(left)} pour valider le quiz"
    elif left > 0 and correct + left >= needed:
        tail = f"encore {_questions(left)} ; il en faut {needed} justes du premier coup pour valider le quiz"
    elif left > 0:
        tail = (f"encore {_questions(left)}, mais cette tentative ne peut plus atteindre les {needed} bonnes "
                "réponses du premier coup : finissez-la en lisant les explications, puis « Recommencer le quiz »")
    elif correct >= needed:
        tail = "quiz réussi"
    else:
        tail = (f"quiz à refaire : il faut {needed} bonnes réponses sur {total} du premier coup ; "
                "relisez les explications, puis « Recommencer le quiz »")
    return fix(f"{head} · {tail}")


def _questions(count: int) -> str:
    return "une question" if count == 1 else f"{count} questions"


# --------------------------------------------------------------------------- attempts


def question_key(question: Mapping[str, Any]) -> str:
    """A short fingerprint of what a question asks: its text, kind, answers and which are right.

    Saved with each pick, so that a pick is restored only onto the question it answered: a question
    the authors reworded or whose answers changed is asked again; a reordered quiz keeps its picks;
    an explanation rewritten or a field added (``"scenario": true``) changes nothing.
    """
    content = [
        str(question.get("question", "")),
        str(question.get("type", "")),
        [[str(a.get("answer", "")), a.get("correct") is True] for a in question.get("answers", ())
         if isinstance(a, Mapping)],
    ]
    return hashlib.sha256(json.dumps(content, ensure_ascii=False).encode("utf-8")).hexdigest()[:12]


def correct_answers(question: Mapping[str, Any]) -> tuple[int, ...]:
    """Indices of the question's right answers."""
    return tuple(i for i, answer in enumerate(question["answers"]) if answer.get("correct") is True)


def is_right(question: Mapping[str, Any], picked: Sequence[int]) -> bool:
    """A pick is right when it is exactly the set of right answers (all of them, and only them)."""
    return set(picked) == set(correct_answers(question))


@dataclass(frozen=True)
class QuizAttempt:
    """One run through a quiz: its number (from 1) and, per question, the answers picked (None: not yet).

    A question is answered once per attempt: its first pick is its score.
    """

    number: int
    picks: tuple[tuple[int, ...] | None, ...]

    @classmethod
    def first(cls, questions: Sequence[Mapping[str, Any]]) -> QuizAttempt:
        return cls(1, (None,) * len(questions))

    def pick(self, questions: Sequence[Mapping[str, Any]], index: int, picked: Sequence[int]) -> QuizAttempt:
        """This attempt with question ``index``'s pick; ValueError when it cannot be (answered, bad answers)."""
        if not 0 <= index < len(self.picks):
            raise ValueError(f"no question {index}")
        if self.picks[index] is not None:
            raise ValueError(f"question {index + 1} is already answered in this attempt")
        question = questions[index]
        chosen = tuple(sorted(set(picked)))
        if not chosen or not all(0 <= i < len(question["answers"]) for i in chosen):
            raise ValueError(f"no such answers for question {index + 1}: {picked!r}")
        if question["type"] == "multiple_choice" and len(chosen) != 1:
            raise ValueError(f"question {index + 1} takes one answer")
        return QuizAttempt(self.number, (*self.picks[:index], chosen, *self.picks[index + 1 :]))

    def restart(self) -> QuizAttempt:
        return QuizAttempt(min(self.number + 1, MAX_ATTEMPTS), (None,) * len(self.picks))

    def score(self, questions: Sequence[Mapping[str, Any]]) -> tuple[int, int]:
        """(questions right at the first pick, questions answered)."""
        answered = [(q, p) for q, p in zip(questions, self.picks, strict=True) if p is not None]
        return sum(is_right(q, p) for q, p in answered), len(answered)


def attempt_answer(questions: Sequence[Mapping[str, Any]], attempt: QuizAttempt) -> dict[str, Any]:
    """The attempt as saved in the progress file: readable by a person, restorable if the quiz changes."""
    saved: list[dict[str, Any] | None] = []
    for question, picked in zip(questions, attempt.picks, strict=True):
        if picked is None:
            saved.append(None)
        else:
            saved.append({
                "key": question_key(question),
                "picked": [str(question["answers"][i]["answer"]) for i in picked],
                "right": is_right(question, picked),
            })
    return {"attempt": attempt.number, "questions": saved}


UNREADABLE_ATTEMPT = (
    "Vos réponses enregistrées pour ce quiz n'ont pas pu être relues (le fichier de progression a "
    "peut-être été modifié à la main) : le quiz repart de zéro, rien d'autre n'est touché."
)


def read_attempt(questions: Sequence[Mapping[str, Any]], answer: Any) -> tuple[QuizAttempt, list[str]]:
    """The attempt a saved answer holds, and French notices about what could not be restored. Never raises.

    A pick is restored onto the question with the same key wherever it now stands; a pick whose
    question has changed is dropped (the question is asked again); anything malformed is ignored.
    """
    fresh = QuizAttempt.first(questions)
    if answer is None:
        return fresh, []
    if not isinstance(answer, Mapping):
        return fresh, [fix(UNREADABLE_ATTEMPT)]
    number = answer.get("attempt")
    if isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= MAX_ATTEMPTS:
        number = 1
    saved = answer.get("questions")
    if not isinstance(saved, list):
        return QuizAttempt(number, fresh.picks), [fix(UNREADABLE_ATTEMPT)]
    where = {question_key(q): i for i, q in enumerate(questions)}
    picks: list[tuple[int, ...] | None] = list(fresh.picks)
    unreadable = changed = 0
    for entry in saved:
        if entry is None:
            continue
        key = entry.get("key") if isinstance(entry, Mapping) else None
        if not isinstance(key, str):
            unreadable += 1
            continue
        index = where.get(key)
        if index is None:
            changed += 1
            continue
        chosen = _picked_indices(questions[index], entry.get("picked"))
        if chosen is None or picks[index] is not None:
            unreadable += 1
            continue
        picks[index] = chosen
    notices = []
    if changed:
        notices.append(fix(
            f"Le quiz a été mis à jour depuis votre dernière visite : {_questions(changed)} "
            f"{'a' if changed == 1 else 'ont'} changé, à refaire ; vos autres réponses sont reprises."
        ))
    if unreadable:
        notices.append(fix(
            f"Réponses enregistrées illisibles pour ce quiz : {unreadable} (le fichier de progression a "
            "peut-être été modifié à la main). Elles sont ignorées : répondez de nouveau à ces questions."
        ))
    return QuizAttempt(number, tuple(picks)), notices


def _picked_indices(question: Mapping[str, Any], picked: Any) -> tuple[int, ...] | None:
    if not isinstance(picked, list) or not picked or len(picked) > len(question["answers"]):
        return None
    texts = [str(answer["answer"]) for answer in question["answers"]]
    chosen: set[int] = set()
    for text in picked:
        if not isinstance(text, str) or text not in texts:
            return None
        chosen.add(texts.index(text))
    if question["type"] == "multiple_choice" and len(chosen) != 1:
        return None
    return tuple(sorted(chosen))


def quoted(text: object) -> str:
    """``text`` between « », unless it is already a quotation (chapter 3's answers are)."""
    plain = fix(str(text)).strip()
    return plain if plain.startswith("«") and plain.endswith("»") else fix(f"« {plain} »")


def attempt_feedback(questions: Sequence[Mapping[str, Any]], attempt: QuizAttempt) -> Feedback:
    """The attempt as a verdict with one item per question, saved beside the answer for the store's readers."""
    items = []
    for number, (question, picked) in enumerate(zip(questions, attempt.picks, strict=True), start=1):
        answers = question["answers"]
        right_texts = [quoted(answers[i]["answer"]) for i in correct_answers(question)]
        if picked is None:
            ok, message = False, "Pas encore répondu dans cette tentative."
        elif is_right(question, picked):
            ok, message = True, "Juste du premier coup."
        else:
            chosen = ", ".join(quoted(answers[i]["answer"]) for i in picked)
            ok = False
            message = (f"Pas tout à fait : vous avez choisi {chosen} ; "
                       f"{'la bonne réponse était' if len(right_texts) == 1 else 'les bonnes réponses étaient'} "
                       f"{', '.join(right_texts)}.")
        items.append(FeedbackItem(criterion=f"q{number}", label=f"Question {number}", ok=ok, message=message))
    return build_feedback(QUIZ_CHECK, items)


def quiz_result(store: ProgressStore, chapter: Chapter) -> QuizResult | None:
    """The chapter's quiz result as saved, or None when it was never saved (or the chapter has no quiz).

    The saved picks are scored against the quiz as it is now, so a question rewritten since counts
    as not answered, and a hand-edited « right » flag counts for nothing.
    """
    saved = store.get(chapter.key, QUIZ_STEP)
    if saved is None:
        return None
    try:
        questions = load_quiz(chapter.slug)
    except (OSError, ValueError):
        return None
    attempt, _notices = read_attempt(questions, saved.answer)
    correct, answered = attempt.score(questions)
    return QuizResult(chapter.key, correct, len(questions), answered, saved.saved_at)


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


#: (chapters.MEDIUM_VARIABLE) « book » for the static book's build, « live » to force the widget. Unset,
#: a Jupyter kernel gets the live quiz and anything else (a script, a plain console) the HTML.
MEDIUM_VARIABLE = CHAPTERS_MEDIUM_VARIABLE

#: In the book's build, the quiz's block carries this marker followed by the quiz's name; the book's Sphinx extension
#: replaces both with the page's link to the live quiz (``live_site.quiz_url``), as it does for the workshops.
QUIZ_URL_MARKER = "__IW_QUIZ_URL__"
QUIZ_ACTIVATE_LABEL = "Activer le quiz"
#: Non-breaking spaces before « : » and « ; » and inside « 5 à 10 s » (French typography).
QUIZ_ACTIVATE_NOTE = (
    "Ce quiz répond déjà à vos clics, mais sans rien retenir. Pour que vos réponses comptent dans votre "
    "parcours et pour l'attestation, activez-le\u00a0: Python démarre dans votre navigateur (environ 5 à "
    "10\u00a0s) et vos réponses restent enregistrées dans ce navigateur."
)
QUIZ_FRAME_TITLE = "Quiz en direct"


def quiz_block_html(name: str, static_html: str) -> str:
    """The book's quiz (``static_html``, which answers without Python) under « Activer le quiz », which swaps it for
    the live quiz, scored and saved, in the published site (``book/_assets/live-workshop.js``, as for a workshop)."""
    if not re.fullmatch(r"[0-9a-z_]+", name):
        raise ValueError(f"not a quiz name: {name!r}")
    return (
        f'<div class="iw-live-block iw-quiz-block" data-iw-live-src="{QUIZ_URL_MARKER}{name}" '
        f'data-iw-frame-title="{escape(QUIZ_FRAME_TITLE)}">'
        '<div class="iw-live-start">'
        f'<button type="button" class="iw-live-button">{escape(QUIZ_ACTIVATE_LABEL)}</button>'
        f'<p class="iw-live-note">{escape(fix(QUIZ_ACTIVATE_NOTE))}</p>'
        "</div>"
        f'<div class="iw-live-preview">{static_html}</div>'
        "</div>"
    )


def quiz_medium() -> str:
    """« book » (the static HTML quiz, no kernel needed to read it) or « live » (the scored, saved widget)."""
    chosen = os.environ.get(MEDIUM_VARIABLE, "").strip().lower()
    if chosen in {"book", "live"}:
        return chosen
    kernelbase = sys.modules.get("ipykernel.kernelbase")
    if kernelbase is not None and kernelbase.Kernel.initialized():
        return "live"
    return "book"


def show_quiz(name: str) -> Any:
    """The chapter's quiz, to display as the last line of a notebook cell: live under a kernel, HTML in the book."""
    if quiz_medium() == "live":
        from influence_workbook.widgets.quiz import quiz_widget  # imported late: ipywidgets only where needed

        return quiz_widget(name)
    from IPython.display import HTML  # imported late: only notebooks need it

    static = quiz_html(load_quiz(name), name)
    # Only the book's build (the variable set explicitly) links to the live quiz: a script gets the quiz alone.
    building_the_book = os.environ.get(MEDIUM_VARIABLE, "").strip().lower() == "book"
    return HTML(quiz_block_html(name, static) if building_the_book else static)
