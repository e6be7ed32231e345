"""Where the learner stands in the course: every chapter's workshop steps and quiz, what is left, the next
step, and the active time. Plain functions over a :class:`~influence_workbook.progress.ProgressStore`, no
widget: the home page's « Mon parcours » and the certificate of completion read the same answers.

- A workshop step is *passed* (its last saved verdict passes), *tried* (saved, not passed) or *not
  started*, for the active campaign (:func:`~influence_workbook.widgets.campaign.campaign_store`: a
  learner working on their own campaign passes its workshops, not Sève's).
- A quiz result is the quiz helper's :func:`~influence_workbook.quiz.quiz_result` (saved under the
  chapter's plain key: a quiz is the same for every campaign).
- A chapter is *complete* (:func:`chapter_complete`) when all its workshop steps pass and its quiz passes.
- :func:`next_step` is the first thing left in chapter order: a chapter's workshop, then its quiz.
- The active time (:func:`active_seconds`) is estimated from the moments the learner saved something
  (see :data:`TIME_ESTIMATE_EXPLAINED`): a lower bound, never a measure of the reading time.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any, Literal

from influence_workbook.campaign import Campaign
from influence_workbook.chapters import CHAPTERS, Chapter
from influence_workbook.progress import IDLE_GAP_S, ProgressStore, SavedStep
from influence_workbook.quiz import QuizResult, needed_to_pass, quiz_result
from influence_workbook.text import format_date
from influence_workbook.typography import fix
from influence_workbook.widgets.campaign import CampaignStore, campaign_store

LOGGER = logging.getLogger("influence_workbook")

#: Names of the steps of a chapter that has more than one (the others are « l'atelier »).
STEP_LABELS: dict[tuple[str, str], str] = {
    ("ch05", "classification"): "classer des publications",
    ("ch05", "caption"): "écrire votre légende",
}
ATELIER: Literal["atelier"] = "atelier"
QUIZ: Literal["quiz"] = "quiz"
TIME_ESTIMATE_EXPLAINED = fix(
    f"Le temps actif est estimé à partir des moments où votre travail a été enregistré (une vérification "
    f"d'atelier, une réponse à un quiz) : deux enregistrements à moins de {IDLE_GAP_S // 60}\u00a0minutes "
    "d'intervalle comptent comme du travail continu ; un intervalle plus long compte comme une pause et "
    "n'est pas compté, pas plus que la lecture qui précède le premier enregistrement d'une séance. C'est "
    "donc une estimation basse, pas une mesure du temps passé à lire."
)


class StepState(Enum):
    PASSED = "passed"
    TRIED = "tried"
    NOT_STARTED = "not_started"


@dataclass(frozen=True)
class StepProgress:
    """One workshop step of a chapter, for the active campaign."""

    chapter: str
    step: str
    label: str  # « l'atelier », or the step's own name in a chapter of several steps
    state: StepState
    saved_at: str  # ISO time of the last save, "" when not started


@dataclass(frozen=True)
class ChapterProgress:
    chapter: Chapter
    steps: tuple[StepProgress, ...]  # empty for a chapter in preparation
    quiz: QuizResult | None

    @property
    def available(self) -> bool:
        return self.chapter.available

    @property
    def workshop_passed(self) -> bool:
        return bool(self.steps) and all(step.state is StepState.PASSED for step in self.steps)

    @property
    def quiz_passed(self) -> bool:
        return self.quiz is not None and self.quiz.passed

    @property
    def complete(self) -> bool:
        return self.available and self.workshop_passed and self.quiz_passed

    @property
    def state(self) -> Literal["complete", "started", "todo", "preparation"]:
        if not self.available:
            return "preparation"
        if self.complete:
            return "complete"
        started = any(step.state is not StepState.NOT_STARTED for step in self.steps) or self.quiz is not None
        return "started" if started else "todo"

    def left(self) -> list[str]:
        """What is left in this chapter, in French (empty when it is complete or in preparation)."""
        if not self.available:
            return []
        parts = []
        for step in self.steps:
            if step.state is StepState.NOT_STARTED:
                parts.append(f"{step.label} (pas commencé)")
            elif step.state is StepState.TRIED:
                parts.append(f"{step.label} (pas encore réussi)")
        quiz = self.quiz
        if quiz is None:
            parts.append("le quiz (pas commencé)")
        elif not quiz.passed:
            if quiz.answered < quiz.total:
                answered = "aucune question répondue" if not quiz.answered else (
                    f"{quiz.answered} {'question répondue' if quiz.answered == 1 else 'questions répondues'}")
                parts.append(f"le quiz ({answered} sur {quiz.total})")
            else:
                parts.append(f"le quiz ({quiz.correct}/{quiz.total} : il en faut {needed_to_pass(quiz.total)} "
                             "justes du premier coup)")
        return [fix(part) for part in parts]


@dataclass(frozen=True)
class NextStep:
    """The next unfinished thing: a chapter's workshop or its quiz, on the chapter's page."""

    chapter: Chapter
    kind: Literal["atelier", "quiz"]

    @property
    def target(self) -> str:
        """The chapter notebook's file name, a relative link that works in the book, JupyterLab and Voilà."""
        return f"{self.chapter.slug}.ipynb"

    @property
    def label(self) -> str:
        """« chapitre 3, atelier « Remplir un canevas de concept » » or « chapitre 3, quiz »."""
        if self.kind == QUIZ:
            return fix(f"chapitre {self.chapter.number}, quiz « {self.chapter.title} »")
        return fix(f"chapitre {self.chapter.number}, atelier « {self.chapter.workshop} »")


@dataclass(frozen=True)
class CourseProgress:
    campaign: Campaign
    chapters: tuple[ChapterProgress, ...]  # every chapter, those in preparation included
    active_seconds: int

    @property
    def available(self) -> tuple[ChapterProgress, ...]:
        return tuple(progress for progress in self.chapters if progress.available)

    @property
    def complete(self) -> bool:
        """Every available chapter is complete (and there is at least one)."""
        return bool(self.available) and all(progress.complete for progress in self.available)

    @property
    def next(self) -> NextStep | None:
        for progress in self.available:
            if not progress.workshop_passed:
                return NextStep(progress.chapter, ATELIER)
            if not progress.quiz_passed:
                return NextStep(progress.chapter, QUIZ)
        return None

    def left(self) -> list[str]:
        """« Chapitre 2 : l'atelier (pas commencé), le quiz (pas commencé). », one line per chapter left."""
        return [fix(f"Chapitre {progress.chapter.number} ({progress.chapter.title}) : {', '.join(parts)}.")
                for progress in self.available if (parts := progress.left())]


# --------------------------------------------------------------------------- reading the store once


class _Snapshot(ProgressStore):
    """The store's document read once: the views and the quiz reader below all see the same answers."""

    def __init__(self, base: ProgressStore) -> None:
        super().__init__(base.path)
        self.notices = base.notices
        self.document = base.load()

    def load(self) -> dict[str, Any]:
        return self.document

    def save(self, *_args: Any, **_kwargs: Any) -> SavedStep:
        raise TypeError("a progress snapshot is read-only")

    def forget(self, *_args: Any, **_kwargs: Any) -> None:
        raise TypeError("a progress snapshot is read-only")


def _base(store: ProgressStore) -> ProgressStore:
    return store.base if isinstance(store, CampaignStore) else store


def _views(store: ProgressStore, campaign: Campaign | None = None) -> tuple[ProgressStore, CampaignStore]:
    """(the whole file, the campaign's view of it), both over one reading of the file."""
    base = _base(store)
    snapshot = base if isinstance(base, _Snapshot) else _Snapshot(base)
    if campaign is None and isinstance(store, CampaignStore):
        campaign = store.campaign
    return snapshot, campaign_store(snapshot, campaign)


def _step_label(chapter: Chapter, step: str) -> str:
    return STEP_LABELS.get((chapter.key, step), "l'atelier")


def _chapter_progress(base: ProgressStore, view: CampaignStore, chapter: Chapter) -> ChapterProgress:
    if not chapter.available:
        return ChapterProgress(chapter, (), None)
    steps = []
    for step in chapter.steps:
        saved = view.get(chapter.key, step)
        if saved is None:
            state, saved_at = StepState.NOT_STARTED, ""
        else:
            state = StepState.PASSED if saved.passed else StepState.TRIED
            saved_at = saved.saved_at
        steps.append(StepProgress(chapter.key, step, _step_label(chapter, step), state, saved_at))
    try:
        quiz = quiz_result(base, chapter)
    except Exception:  # a summary must not break the page: the quiz then counts as not taken
        LOGGER.exception("could not read the quiz result of %s", chapter.key)
        quiz = None
    return ChapterProgress(chapter, tuple(steps), quiz)


def chapter_progress(store: ProgressStore, chapter: Chapter) -> ChapterProgress:
    """One chapter's workshop steps (active campaign) and quiz."""
    base, view = _views(store)
    return _chapter_progress(base, view, chapter)


def chapter_complete(store: ProgressStore, chapter: Chapter) -> bool:
    """All the chapter's workshop steps pass for the active campaign AND its quiz passes."""
    return chapter_progress(store, chapter).complete


def course_progress(store: ProgressStore, campaign: Campaign | None = None,
                    chapters: Iterable[Chapter] = CHAPTERS) -> CourseProgress:
    """Every chapter's progress for ``campaign`` (by default the active one), and the active time."""
    base, view = _views(store, campaign)
    return CourseProgress(
        view.campaign,
        tuple(_chapter_progress(base, view, chapter) for chapter in chapters),
        active_seconds(base),
    )


def next_step(store: ProgressStore) -> NextStep | None:
    """The next unfinished thing of the active campaign (None when every available chapter is complete)."""
    return course_progress(store).next


# --------------------------------------------------------------------------- active time


def _moment(text: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return None
    return moment if moment.tzinfo is not None else None


def working_periods(store: ProgressStore) -> list[tuple[datetime, datetime]]:
    """The learner's working periods: the recorded ones, and every saved step's time (files written before
    periods were recorded have only those), merged when less than IDLE_GAP_S apart."""
    base = _base(store)
    spans: list[tuple[datetime, datetime]] = []
    for start_text, end_text in base.activity():
        start, end = _moment(start_text), _moment(end_text)
        if start is not None and end is not None and start <= end:
            spans.append((start, end))
    for saved in base.steps():
        moment = _moment(saved.saved_at)
        if moment is not None:
            spans.append((moment, moment))
    spans.sort()
    merged: list[tuple[datetime, datetime]] = []
    for start, end in spans:
        if merged and (start - merged[-1][1]).total_seconds() <= IDLE_GAP_S:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def active_seconds(store: ProgressStore) -> int:
    """The estimated active time, in whole seconds (see TIME_ESTIMATE_EXPLAINED)."""
    return int(sum((end - start).total_seconds() for start, end in working_periods(store)))


def format_duration(seconds: int) -> str:
    """« moins d'une minute », « 12 min », « 1 h 05 min », « 3 h »."""
    minutes = max(int(seconds), 0) // 60
    if minutes < 1:
        return "moins d'une minute"
    hours, minutes = divmod(minutes, 60)
    if not hours:
        return f"{minutes}\u00a0min"
    if not minutes:
        return f"{hours}\u00a0h"
    return f"{hours}\u00a0h\u00a0{minutes:02d}\u00a0min"


def format_saved_on(saved_at: str) -> str:
    """« 3 décembre 2026 » in the learner's time zone, or "" when the time cannot be read."""
    moment = _moment(saved_at)
    if moment is None:
        return ""
    local: date = moment.astimezone().date()
    return format_date(local)
