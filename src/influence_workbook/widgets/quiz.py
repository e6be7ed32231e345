"""The live quiz: a chapter's quiz scored at the first pick and saved, a thin layer over :mod:`influence_workbook.quiz`.

Each question shows its answers as buttons named by their text. A multiple-choice question is
answered by one click; a many-choice question by ticking answers (a click ticks, a second click
unticks) and « Valider ». The pick is the question's score for this attempt: its explanations then
show, with a verdict in words (« Juste », « Pas tout à fait ») and the right answer(s) revealed;
the other answers of a multiple-choice question stay clickable, to read why they are not the one.
The score line says what is left to pass; « Recommencer le quiz » starts a new attempt.

Every pick is saved under the chapter's plain key (``ch03/quiz``) with a verdict per question, and
comes back when the widget is built again (page reload, kernel or server restart). A save that fails
says why in French and the quiz goes on; saved data that cannot be read is dropped with a notice.

The widget's plain-text and HTML fallbacks (:meth:`QuizBox._repr_mimebundle_`) are what a page
without the widget's model shows: a short French line, and the static quiz of the book.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

import ipywidgets as widgets
from ipywidgets.widgets.widget_string import HTMLStyle

from influence_workbook.chapters import CHAPTERS
from influence_workbook.feedback import escape
from influence_workbook.progress import ProgressStore, os_error_in_french
from influence_workbook.quiz import (
    QUIZ_STEP,
    QuizAttempt,
    attempt_answer,
    attempt_feedback,
    correct_answers,
    is_right,
    load_quiz,
    needed_to_pass,
    quiz_html,
    quoted,
    read_attempt,
    score_line,
)
from influence_workbook.typography import fix
from influence_workbook.widgets.common import SAVE_AFTER_S, _local_time, kernel_loop
from influence_workbook.widgets.render import FEEDBACK_RULES, notice_html, stylesheet, text_html

LOGGER = logging.getLogger("influence_workbook.widgets")

#: The quiz's rules, in one hidden style widget. Answer buttons wrap their text (ipywidgets cuts a
#: button's text to one line); the states are colours AND words (the explanation, the title).
#: Colours checked for at least 4.5:1 contrast (WCAG AA) against their backgrounds.
QUIZ_RULES: tuple[str, ...] = (
    ".iw-quiz-live{max-width:48rem}",
    ".iw-quiz-live .widget-html-content{min-width:0;max-width:100%;line-height:1.45}",
    ".iw-quiz-live .iw-quiz-question-box{border:1px solid #cbd5e1;border-radius:.4rem;padding:.5rem .8rem;"
    "margin:.6rem 0;background:#fff;color:#1f2937}",
    ".iw-quiz-live .iw-quiz-question{margin:.2rem 0 .4rem;font-weight:600}",
    ".iw-quiz-live .iw-quiz-kind{font-weight:400;font-style:italic;color:#374151}",
    ".iw-quiz-live .jupyter-button.iw-quiz-answer{white-space:normal;overflow:visible;text-align:left;"
    "line-height:1.4;padding:.35rem .7rem;margin:.2rem 0;border:1px solid #94a3b8;border-radius:.3rem;"
    "background:#fff;color:#1f2937}",
    ".iw-quiz-live .jupyter-button.iw-quiz-answer.iw-selected{border:2px solid #1e3a8a;background:#eff6ff}",
    ".iw-quiz-live .jupyter-button.iw-quiz-answer.iw-right{border:2px solid #15803d;background:#f0fdf4}",
    ".iw-quiz-live .jupyter-button.iw-quiz-answer.iw-picked:not(.iw-right){border:2px solid #b91c1c;"
    "background:#fef2f2}",
    ".iw-quiz-live .jupyter-button.iw-quiz-answer.iw-picked{font-weight:700}",
    ".iw-quiz-live .jupyter-widgets.jupyter-button.iw-quiz-answer:disabled{opacity:1;cursor:default}",
    ".iw-quiz-live .jupyter-button:focus-visible{outline:3px solid #1d4ed8;outline-offset:2px}",
    ".iw-quiz-live .jupyter-button.iw-quiz-validate,.iw-quiz-live .jupyter-button.iw-quiz-restart{"
    "background:#1e3a8a;color:#fff;font-weight:700;margin:.3rem 0;padding:0 1.2rem}",
    ".iw-quiz-live .iw-quiz-explanation ul{list-style:none;padding-left:0;margin:.3rem 0}",
    ".iw-quiz-live .iw-quiz-explanation li{margin:.3rem 0;padding:.3rem .5rem;border-left:.3rem solid #6b7280;"
    "background:#f8fafc}",
    ".iw-quiz-live .iw-quiz-explanation li.iw-ok{border-left-color:#15803d}",
    ".iw-quiz-live .iw-quiz-explanation li.iw-ko{border-left-color:#b91c1c}",
    ".iw-quiz-live .iw-quiz-verdict{font-weight:700;margin:.3rem 0}",
    ".iw-quiz-live .iw-quiz-score-line{font-weight:700;margin:.4rem 0}",
)
QUIZ_STYLE = stylesheet(*FEEDBACK_RULES, *QUIZ_RULES)

VALIDATE_LABEL = "Valider"
RESTART_LABEL = "Recommencer le quiz"
RESTART_TITLE = "Effacer vos choix et refaire le quiz : une nouvelle tentative"
NOTHING_TICKED = "Cochez au moins une réponse, puis « Valider »."
QUIZ_SAVE_PROBLEM = (
    "Votre réponse au quiz n'a pas pu être enregistrée sur le disque ({reason}). Le quiz continue, "
    "mais ce choix ne sera pas repris à votre prochaine visite."
)
NOTHING_TO_RESTART = "Rien à recommencer : vous n'avez encore répondu à aucune question de cette tentative."


def chapter_key_for(name: str) -> str:
    """The plain progress key of the chapter whose quiz is ``name`` (its slug); ``name`` itself otherwise."""
    for chapter in CHAPTERS:
        if chapter.slug == name:
            return chapter.key
    return name


# --------------------------------------------------------------------------- pure rendering


def question_html(number: int, question: Mapping[str, Any]) -> str:
    if question["type"] == "multiple_choice":
        kind = "une seule bonne réponse : cliquez-la"
    else:
        kind = "plusieurs bonnes réponses possibles : cochez-les toutes, puis « Valider »"
    return (f'<p class="iw-quiz-question">Question {number}. {escape(fix(question["question"]))} '
            f'<span class="iw-quiz-kind">({escape(fix(kind))})</span></p>')


def _answer_line(css: str, lead: str, answer: Mapping[str, Any]) -> str:
    mark = "✅" if css == "iw-ok" else "❌"
    return (f'<li class="{css}"><span aria-hidden="true">{mark}</span> {escape(fix(lead))} '
            f"{escape(quoted(answer['answer']))} — {escape(fix(answer['feedback']))}</li>")


def explanation_html(question: Mapping[str, Any], picked: Sequence[int] | None, viewed: Sequence[int] = ()) -> str:
    """What a question says after its pick: the verdict in words, the picked answers' explanations, the right
    answer(s) revealed; for a multiple-choice question, also the other answers clicked since (``viewed``).
    Empty before the pick. Every text is escaped."""
    if picked is None:
        return ""
    answers = question["answers"]
    right = set(correct_answers(question))
    chosen = set(picked)
    if is_right(question, picked):
        verdict = '<p class="iw-quiz-verdict iw-ok"><span aria-hidden="true">✅</span> Juste.</p>'
    else:
        verdict = '<p class="iw-quiz-verdict iw-ko"><span aria-hidden="true">❌</span> Pas tout à fait.</p>'
    lines: list[str] = []
    if question["type"] == "multiple_choice":
        (choice,) = picked
        if choice in right:
            lines.append(_answer_line("iw-ok", "Votre réponse, la bonne :", answers[choice]))
        else:
            lines.append(_answer_line("iw-ko", "Votre réponse :", answers[choice]))
            lines.extend(_answer_line("iw-ok", "La bonne réponse :", answers[i]) for i in sorted(right))
        for index in dict.fromkeys(viewed):
            if index in chosen or index in right or not 0 <= index < len(answers):
                continue
            lines.append(_answer_line("iw-ko", "Et cette réponse ? Pas la bonne :", answers[index]))
    else:
        for index, answer in enumerate(answers):
            if index in chosen and index in right:
                lines.append(_answer_line("iw-ok", "Cochée, à raison :", answer))
            elif index in chosen:
                lines.append(_answer_line("iw-ko", "Cochée, mais fausse :", answer))
            elif index in right:
                lines.append(_answer_line("iw-ko", "Oubliée, elle était juste :", answer))
            else:
                lines.append(_answer_line("iw-ok", "Laissée de côté, à raison :", answer))
    return ('<div class="iw-quiz-explanation-body" role="status" aria-live="polite">'
            f"{verdict}<ul>{''.join(lines)}</ul></div>")


def selection_html(question: Mapping[str, Any], ticked: Sequence[int]) -> str:
    """A many-choice question's ticked answers, in words (the buttons' colour only repeats it)."""
    if not ticked:
        return text_html("Aucune réponse cochée pour l'instant.", "iw-quiz-ticked")
    names = ", ".join(quoted(question["answers"][i]["answer"]) for i in sorted(ticked))
    return text_html(fix(f"Cochée{'s' if len(ticked) > 1 else ''} : {names}."), "iw-quiz-ticked")


def score_html(correct: int, answered: int, total: int) -> str:
    return (f'<p class="iw-quiz-score-line" role="status" aria-live="polite">'
            f"{escape(score_line(correct, answered, total))}</p>")


def intro_text(total: int) -> str:
    return fix(
        f"{total} questions. Votre premier choix à chaque question compte pour le score : il en faut "
        f"{needed_to_pass(total)} justes pour réussir le quiz. Chaque réponse s'explique ensuite ; vos "
        "réponses sont enregistrées dans votre progression."
    )


# --------------------------------------------------------------------------- widgets


class QuizBox(widgets.VBox):  # type: ignore[misc]  # ipywidgets has no type hints
    """The quiz's outer box. Where the widget cannot be shown (no widget manager, a notebook not trusted, a
    viewer), the page shows its fallbacks instead: a French line and the book's static quiz."""

    plain_text: str = ""
    static_html: str = ""

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        bundle = super()._repr_mimebundle_(**kwargs)
        if isinstance(bundle, dict):
            bundle["text/plain"] = self.plain_text
            if self.static_html:
                bundle["text/html"] = self.static_html
        return bundle


class SharedLooks:
    """The layout and style models a quiz's answer buttons and question texts share.

    Every widget otherwise brings its own Layout and style model to build and to send to the page:
    sharing them halved the widgets of a quiz (some 170 to 90) and its build time. They are never
    changed after they are made, and nothing in a quiz is hidden one by one, which sharing a Layout
    would forbid (``widgets.common.wide_layout``): hide a whole question box, never one answer.
    """

    def __init__(self) -> None:
        self.answer_layout = widgets.Layout(width="100%", height="auto")
        self.answer_style = widgets.ButtonStyle()
        self.text_layout = widgets.Layout()
        self.text_style = HTMLStyle()

    def html(self, value: str = "") -> widgets.HTML:
        return widgets.HTML(value, layout=self.text_layout, style=self.text_style)


class QuestionView:
    """One question's widgets: its text, its answer buttons, « Valider » (many-choice), its explanation."""

    def __init__(self, number: int, question: Mapping[str, Any], looks: SharedLooks | None = None) -> None:
        looks = looks if looks is not None else SharedLooks()
        self.number = number
        self.question = question
        self.many = question["type"] == "many_choice"
        self.ticked: set[int] = set()
        self.viewed: list[int] = []
        self.text = looks.html(question_html(number, question))
        self.buttons: list[widgets.Button] = []
        for answer in question["answers"]:
            button = widgets.Button(description=fix(str(answer["answer"])), layout=looks.answer_layout,
                                    style=looks.answer_style)
            button.add_class("iw-quiz-answer")
            self.buttons.append(button)
        #: Many-choice questions only: the ticked answers in words, and « Valider ».
        self.ticked_line: widgets.HTML | None = None
        self.validate: widgets.Button | None = None
        if self.many:
            self.ticked_line = looks.html()
            self.ticked_line.add_class("iw-quiz-selection")
            self.validate = widgets.Button(description=VALIDATE_LABEL, tooltip="Valider les réponses cochées",
                                           layout=widgets.Layout(width="auto", align_self="flex-start"))
            self.validate.add_class("iw-quiz-validate")
        self.explanation = looks.html()
        self.explanation.add_class("iw-quiz-explanation")
        children: list[widgets.Widget] = [self.text, *self.buttons]
        if self.ticked_line is not None and self.validate is not None:
            children += [self.ticked_line, self.validate]
        children.append(self.explanation)
        self.box = widgets.VBox(children)
        self.box.add_class("iw-quiz-question-box")
        self.box.add_class(f"iw-quiz-q{number}")

    def show(self, picked: tuple[int, ...] | None) -> None:
        """Put the buttons, the ticked line and the explanation in the state of ``picked``."""
        right = set(correct_answers(self.question))
        for index, button in enumerate(self.buttons):
            states = set()
            if picked is None:
                if self.many and index in self.ticked:
                    states.add("iw-selected")
                    tooltip = "Réponse cochée : cliquez de nouveau pour la décocher"
                else:
                    tooltip = "Cocher cette réponse" if self.many else "Choisir cette réponse"
            else:
                if index in picked:
                    states.add("iw-picked")
                if index in right:
                    states.add("iw-right")
                tooltip = {
                    (True, True): "Votre réponse : juste",
                    (True, False): "Votre réponse : fausse",
                    (False, True): "Une bonne réponse",
                    (False, False): "Pas une bonne réponse",
                }[(index in picked, index in right)]
                if not self.many and index not in picked and index not in right:
                    tooltip += " : cliquez pour lire pourquoi"
            for state in ("iw-selected", "iw-picked", "iw-right"):
                if state in states:
                    button.add_class(state)
                else:
                    button.remove_class(state)
            button.tooltip = fix(tooltip)
            button.disabled = self.many and picked is not None  # « Valider » holds the focus meanwhile
        if self.validate is not None:
            self.validate.tooltip = ("Valider les réponses cochées" if picked is None
                                     else "Réponse déjà validée pour cette tentative")
        if self.ticked_line is not None:
            self.ticked_line.value = selection_html(self.question, sorted(self.ticked)) if picked is None else ""
        self.explanation.value = explanation_html(self.question, picked, self.viewed)


class LiveQuiz:
    """A chapter's quiz, live: built from its JSON file and the learner's saved attempt."""

    def __init__(self, name: str, *, store: ProgressStore | None = None, chapter_key: str | None = None,
                 questions: list[dict[str, Any]] | None = None) -> None:
        self.name = name
        self.questions = questions if questions is not None else load_quiz(name)
        self.chapter_key = chapter_key if chapter_key is not None else chapter_key_for(name)
        self.store = store if store is not None else ProgressStore()
        self.style = widgets.HTML(QUIZ_STYLE, layout=widgets.Layout(display="none"))
        self.notice = widgets.HTML()
        self.notice.add_class("iw-quiz-notice")
        self.intro = widgets.HTML(text_html(intro_text(len(self.questions)), "iw-quiz-intro"))
        looks = SharedLooks()
        self.views = [QuestionView(number, question, looks)
                      for number, question in enumerate(self.questions, start=1)]
        self.score = widgets.HTML()
        self.score.add_class("iw-quiz-score")
        self.status = widgets.HTML()
        self.status.add_class("iw-quiz-status")
        self.restart_button = widgets.Button(description=RESTART_LABEL,
                                             layout=widgets.Layout(width="auto", align_self="flex-start"),
                                             tooltip=fix(RESTART_TITLE))
        self.restart_button.add_class("iw-quiz-restart")
        self.root = QuizBox([self.style, self.notice, self.intro, *(view.box for view in self.views),
                             self.score, self.restart_button, self.status])
        self.root.add_class("iw-quiz-live")
        self.root.add_class(f"iw-quiz-{self.chapter_key}")
        self.root.plain_text = fix(
            f"Quiz du chapitre : {len(self.questions)} questions, à faire dans le cours en direct.")
        self.root.static_html = quiz_html(self.questions, name)
        self.save_notices: list[str] = []
        self.attempt = self._restore()
        for index, view in enumerate(self.views):
            for answer_index, button in enumerate(view.buttons):
                button.on_click(lambda _b, q=index, a=answer_index: self.click_answer(q, a))
            if view.validate is not None:
                view.validate.on_click(lambda _b, q=index: self.validate(q))
        self.restart_button.on_click(lambda _b: self.restart())
        self._show_all()

    # ------------------------------------------------------------------ state

    def _restore(self) -> QuizAttempt:
        saved = self.store.get(self.chapter_key, QUIZ_STEP)
        attempt, notices = read_attempt(self.questions, None if saved is None else saved.answer)
        self._show_notices([*self.store.notices, *notices])
        if saved is not None:
            self.status.value = text_html(
                f"Quiz repris de votre dernière visite (enregistré le {_local_time(saved.saved_at)}).", "iw-quiz-saved")
        return attempt

    def _show_notices(self, notices: Sequence[str]) -> None:
        self.notice.value = "".join(notice_html(message) for message in dict.fromkeys(notices))

    def _show_all(self) -> None:
        for view, picked in zip(self.views, self.attempt.picks, strict=True):
            view.show(picked)
        self._show_score()

    def _show_score(self) -> None:
        correct, answered = self.attempt.score(self.questions)
        self.score.value = score_html(correct, answered, len(self.questions))

    # ------------------------------------------------------------------ the learner's actions

    def click_answer(self, question: int, answer: int) -> None:
        """What a click on an answer does: pick it (multiple choice), tick or untick it (many choice), or,
        once the question is answered, show why that answer is or is not the one."""
        view = self.views[question]
        picked = self.attempt.picks[question]
        if picked is not None:
            if not view.many and answer not in view.viewed:
                view.viewed.append(answer)
                view.show(picked)
            return
        if view.many:
            view.ticked ^= {answer}
            view.show(None)
            return
        self._answer(question, (answer,))

    def validate(self, question: int) -> None:
        """« Valider » of a many-choice question: its ticked answers become its pick."""
        view = self.views[question]
        if self.attempt.picks[question] is not None:
            return
        if not view.ticked:
            view.explanation.value = text_html(fix(NOTHING_TICKED), "iw-quiz-hint")
            return
        self._answer(question, tuple(sorted(view.ticked)))

    def restart(self) -> None:
        """A new attempt: every question open again, the score from zero; saved at once."""
        if not any(picked is not None for picked in self.attempt.picks):
            self.status.value = text_html(fix(NOTHING_TO_RESTART), "iw-quiz-saved")
            return
        self.attempt = self.attempt.restart()
        for view in self.views:
            view.ticked.clear()
            view.viewed.clear()
        self._schedule_save()
        self._show_all()

    def _answer(self, question: int, picked: tuple[int, ...]) -> None:
        self.attempt = self.attempt.pick(self.questions, question, picked)
        self._schedule_save()  # first: in a kernel, the status line is cleared before the page shows the pick
        self.views[question].show(picked)
        self._show_score()

    # ------------------------------------------------------------------ saving

    def _schedule_save(self) -> None:
        """Save this moment's attempt: now in a script or a test, just after the page is updated in a kernel
        (the kernel sends a click's updates once its handler has returned; see CheckedStep._on_click). Called
        before the pick is shown: the status line is then cleared first, and a page that shows the pick never
        shows the previous pick's « Enregistré le … » beside it."""
        attempt = self.attempt
        loop = kernel_loop()
        if loop is None:
            self.save(attempt)
        else:
            # The status line speaks of this pick only once it is saved: the previous « Enregistré le … » would
            # otherwise stand while it is being saved, and a page closed then would lose it.
            self.status.value = ""
            loop.call_later(SAVE_AFTER_S, self.save, attempt)

    def save(self, attempt: QuizAttempt) -> bool:
        """Save ``attempt`` and its verdict. Never raises: a failure is said in French, the quiz goes on."""
        try:
            self.store.save(self.chapter_key, QUIZ_STEP, attempt_answer(self.questions, attempt),
                            attempt_feedback(self.questions, attempt))
        except Exception as error:
            LOGGER.warning("could not save %s/%s", self.chapter_key, QUIZ_STEP, exc_info=True)
            reason = os_error_in_french(error) if isinstance(error, OSError) else "erreur inattendue"
            notice = getattr(error, "notice", None) or fix(QUIZ_SAVE_PROBLEM.format(reason=reason))
            self.save_notices = [str(notice)]
            self._show_notices([*self.store.notices, str(notice)])
            self.status.value = ""
            return False
        if self.save_notices:
            self.save_notices = []
            self._show_notices(self.store.notices)
        self.status.value = text_html(f"Enregistré le {datetime.now().strftime('%d/%m/%Y à %H:%M')}.", "iw-quiz-saved")
        return True


QUIZ_NOT_LOADED = (
    "Le quiz de ce chapitre n'a pas pu être chargé (fichier du cours manquant ou abîmé). Le reste du "
    "chapitre fonctionne ; signalez-le à votre formateur ou formatrice."
)


def quiz_widget(name: str, *, store: ProgressStore | None = None) -> widgets.Widget:
    """The live quiz of the chapter whose slug is ``name``, to display as a cell's last line.

    A quiz file that cannot be read (a course copy damaged by hand) gives a French notice, not a
    traceback; the book's build, which shows the HTML quiz, still fails on it.
    """
    try:
        return LiveQuiz(name, store=store).root
    except Exception:
        LOGGER.exception("could not build the quiz %s", name)
        box = widgets.HTML(notice_html(fix(QUIZ_NOT_LOADED)))
        box.add_class("iw-quiz-notice")
        return box
