"""Where the learner stands: workshop steps and quizzes per chapter, completion, next step, active time.

Also the progress file's working periods (``activity``) and records (``certificates``), added for it:
written under the store's lock, kept compatible with files of the previous version.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from influence_workbook import progress as progress_module
from influence_workbook import quiz as quiz_module
from influence_workbook.chapters import CHAPTERS, Chapter
from influence_workbook.course_progress import (
    TIME_ESTIMATE_EXPLAINED,
    StepState,
    active_seconds,
    chapter_complete,
    chapter_progress,
    course_progress,
    format_duration,
    next_step,
    working_periods,
)
from influence_workbook.feedback import Feedback, FeedbackItem, build_feedback
from influence_workbook.progress import IDLE_GAP_S, ProgressNotSaved, ProgressStore
from influence_workbook.widgets.campaign import campaign_store, choose_campaign

AVAILABLE = [chapter for chapter in CHAPTERS if chapter.available]
BY_KEY = {chapter.key: chapter for chapter in CHAPTERS}
VELO = {
    "brand": "Vélo Léman", "product": "vélo cargo électrique monté à Lausanne", "campaign": "Printemps cargo",
    "launch": "2027-04-01", "creator_budget": "8 000", "currency": "CHF", "markets": ["CH"],
    "audience": "familles de 30-45 ans à Lausanne qui se déplacent à vélo", "product_price": "4 900",
    "gross_margin_rate": "35",
}


def verdict(ok: bool) -> Feedback:
    return build_feedback("test", [FeedbackItem("c", "Critère", ok, "Bien." if ok else "À revoir.")])


def pass_workshop(store: ProgressStore, chapter: Chapter, ok: bool = True) -> None:
    for step in chapter.steps:
        campaign_store(store).save(chapter.key, step, {"answer": step}, verdict(ok))


def answer_quiz(store: ProgressStore, chapter: Chapter, wrong: int = 0, unanswered: int = 0) -> None:
    """Save the chapter's quiz as the quiz widget does: ``wrong`` first questions missed, the last
    ``unanswered`` left open, the rest right at the first pick."""
    questions = quiz_module.load_quiz(chapter.slug)
    attempt = quiz_module.QuizAttempt.first(questions)
    for index, question in enumerate(questions[: len(questions) - unanswered]):
        right = quiz_module.correct_answers(question)
        if index < wrong:
            picked: tuple[int, ...] = (next(i for i in range(len(question["answers"])) if i not in right),)
        else:
            picked = right
        attempt = attempt.pick(questions, index, picked)
    store.save(chapter.key, quiz_module.QUIZ_STEP, quiz_module.attempt_answer(questions, attempt),
               quiz_module.attempt_feedback(questions, attempt))


def complete(store: ProgressStore, chapters: list[Chapter] = AVAILABLE) -> None:
    for chapter in chapters:
        pass_workshop(store, chapter)
        answer_quiz(store, chapter)


@pytest.fixture
def store(tmp_path: Path) -> ProgressStore:
    return ProgressStore(tmp_path / "progression.json")


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The times the next saves are made at (the store's ``_now``), one per call, in order."""
    times: list[str] = []

    def now() -> str:
        return times.pop(0) if times else "2026-12-07T18:00:00+00:00"

    monkeypatch.setattr(progress_module, "_now", now)
    yield times


# --------------------------------------------------------------------------- states, completion, next step


def test_a_fresh_learner_has_everything_to_do_and_starts_with_chapter_1(store: ProgressStore) -> None:
    course = course_progress(store)
    assert [p.chapter.key for p in course.chapters] == [c.key for c in CHAPTERS]
    for progress in course.chapters:
        if progress.available:
            assert progress.state == "todo" and progress.quiz is None
            assert all(step.state is StepState.NOT_STARTED and step.saved_at == "" for step in progress.steps)
        else:
            assert progress.state == "preparation" and progress.steps == () and progress.left() == []
    assert not course.complete
    step = next_step(store)
    assert step is not None and step.chapter.key == "ch01" and step.kind == "atelier"
    assert step.target == "01_objectif_flou.ipynb"
    assert step.label == "chapitre 1, atelier «\u00a0Construire l'objectif de la campagne\u00a0»"
    assert course.left()[0] == ("Chapitre 1 (Un objectif flou)\u00a0: l'atelier (pas commencé), "
                                "le quiz (pas commencé).")


def test_a_step_is_tried_then_passed_with_its_date(store: ProgressStore, clock: list[str]) -> None:
    chapter = BY_KEY["ch03"]
    clock.append("2026-12-01T09:00:00+00:00")
    pass_workshop(store, chapter, ok=False)
    step = chapter_progress(store, chapter).steps[0]
    assert (step.state, step.saved_at) == (StepState.TRIED, "2026-12-01T09:00:00+00:00")
    assert chapter_progress(store, chapter).state == "started"
    assert "l'atelier (pas encore réussi)" in chapter_progress(store, chapter).left()
    clock.append("2026-12-02T10:00:00+00:00")
    pass_workshop(store, chapter)
    step = chapter_progress(store, chapter).steps[0]
    assert (step.state, step.saved_at) == (StepState.PASSED, "2026-12-02T10:00:00+00:00")


def test_a_chapter_is_complete_only_when_its_workshop_and_its_quiz_pass(store: ProgressStore) -> None:
    chapter = BY_KEY["ch01"]
    answer_quiz(store, chapter)
    assert chapter_progress(store, chapter).quiz_passed and not chapter_complete(store, chapter)
    pass_workshop(store, chapter)
    assert chapter_complete(store, chapter)
    pass_workshop(store, chapter, ok=False)  # a later answer that fails: the chapter is no longer complete
    assert not chapter_complete(store, chapter)


def test_a_quiz_passes_from_70_percent_right_at_the_first_pick_with_every_question_answered(
        store: ProgressStore) -> None:
    chapter = BY_KEY["ch01"]
    total = len(quiz_module.load_quiz(chapter.slug))
    needed = quiz_module.needed_to_pass(total)
    assert needed == math.ceil(0.7 * total) and 0 < needed < total
    pass_workshop(store, chapter)
    answer_quiz(store, chapter, wrong=total - needed + 1)
    progress = chapter_progress(store, chapter)
    assert progress.quiz is not None and (progress.quiz.correct, progress.quiz.total) == (needed - 1, total)
    assert not progress.complete
    assert progress.left() == [f"le quiz ({needed - 1}/{total}\u00a0: il en faut {needed} justes du premier coup)"]
    answer_quiz(store, chapter, unanswered=1)
    assert chapter_progress(store, chapter).left() == [f"le quiz ({total - 1} questions répondues sur {total})"]
    assert not chapter_complete(store, chapter)
    answer_quiz(store, chapter, wrong=total - needed)
    assert chapter_complete(store, chapter)


def test_next_step_goes_workshop_then_quiz_chapter_by_chapter(store: ProgressStore) -> None:
    first, second = AVAILABLE[0], AVAILABLE[1]
    pass_workshop(store, first)
    step = next_step(store)
    assert step is not None and (step.chapter, step.kind, step.target) == (first, "quiz", "01_objectif_flou.ipynb")
    assert step.label == "chapitre 1, quiz «\u00a0Un objectif flou\u00a0»"
    answer_quiz(store, first)
    step = next_step(store)
    assert step is not None and (step.chapter, step.kind) == (second, "atelier")
    complete(store)
    assert next_step(store) is None
    course = course_progress(store)
    assert course.complete and course.left() == []
    assert all(p.state == "complete" for p in course.available)


def test_every_step_of_a_chapter_must_pass(store: ProgressStore) -> None:
    chapter = BY_KEY["ch05"]
    assert len(chapter.steps) == 2
    campaign_store(store).save("ch05", "classification", {}, verdict(True))
    answer_quiz(store, chapter)
    progress = chapter_progress(store, chapter)
    assert [s.state for s in progress.steps] == [StepState.PASSED, StepState.NOT_STARTED]
    assert not progress.complete
    assert progress.left() == ["écrire votre légende (pas commencé)"]
    campaign_store(store).save("ch05", "caption", {}, verdict(True))
    assert chapter_complete(store, chapter)


def test_workshops_count_for_the_active_campaign_quizzes_for_all(store: ProgressStore) -> None:
    complete(store)  # on Sève
    assert course_progress(store).complete
    choose_campaign(store, VELO)
    course = course_progress(store)
    assert course.campaign.name == "Printemps cargo" and not course.complete
    assert all(p.quiz_passed and not p.workshop_passed for p in course.available)
    step = next_step(store)
    assert step is not None and (step.chapter.key, step.kind) == ("ch01", "atelier")
    for chapter in AVAILABLE:
        pass_workshop(store, chapter)
    assert course_progress(store).complete
    choose_campaign(store, None)
    assert course_progress(store).complete  # Sève's answers are still there


def test_a_damaged_or_odd_file_gives_a_fresh_start_not_an_error(store: ProgressStore) -> None:
    store.path.write_text('{"format": "influence-workbook/progress", "version": 1, "steps": {'
                          '"ch01/objective": "not a dict", "ch01/quiz": {"answer": {"questions": "x"}}}}')
    course = course_progress(store)
    assert course.chapters[0].state == "started"  # the quiz was saved, though unreadable
    assert course.chapters[0].quiz is not None and course.chapters[0].quiz.answered == 0
    store.path.write_text("{not json")
    assert course_progress(ProgressStore(store.path)).chapters[0].state == "todo"


# --------------------------------------------------------------------------- working periods and active time


def test_each_save_extends_the_working_period_or_opens_a_new_one(store: ProgressStore, clock: list[str]) -> None:
    clock.extend(["2026-12-07T09:00:00+00:00", "2026-12-07T09:00:00+00:00",   # a save: its time, then updated_at
                  "2026-12-07T09:20:00+00:00", "2026-12-07T09:20:00+00:00",
                  "2026-12-07T09:45:00+00:00", "2026-12-07T09:45:00+00:00",
                  "2026-12-07T14:00:00+00:00", "2026-12-07T14:00:00+00:00"])
    for step in ("a", "b", "c", "d"):
        store.save("ch01", step, step)
    assert store.activity() == [("2026-12-07T09:00:00+00:00", "2026-12-07T09:45:00+00:00"),
                                ("2026-12-07T14:00:00+00:00", "2026-12-07T14:00:00+00:00")]
    assert active_seconds(store) == 45 * 60
    assert format_duration(active_seconds(store)) == "45\u00a0min"


def test_a_gap_longer_than_the_idle_limit_is_a_break(store: ProgressStore, clock: list[str]) -> None:
    assert IDLE_GAP_S == 30 * 60
    clock.extend(["2026-12-07T09:00:00+00:00"] * 2 + ["2026-12-07T09:30:00+00:00"] * 2
                 + ["2026-12-07T10:00:01+00:00"] * 2)
    for step in ("a", "b", "c"):
        store.save("ch01", step, step)
    assert len(store.activity()) == 2
    assert active_seconds(store) == 30 * 60


def test_a_file_of_the_previous_version_counts_its_saved_steps_and_keeps_them(store: ProgressStore) -> None:
    document = {"format": "influence-workbook/progress", "version": 1, "steps": {
        "ch01/objective": {"answer": "x", "feedback": None, "saved_at": "2026-12-01T10:00:00+00:00"},
        "ch02/shortlist": {"answer": "y", "feedback": None, "saved_at": "2026-12-01T10:12:00+00:00"},
        "ch03/concept": {"answer": "z", "feedback": None, "saved_at": "2026-12-03T10:00:00+00:00"},
    }}
    store.path.write_text(json.dumps(document), encoding="utf-8")
    assert store.activity() == []
    assert active_seconds(store) == 12 * 60
    store.save("ch04", "outreach", "w")
    on_disk = json.loads(store.path.read_text(encoding="utf-8"))
    assert set(on_disk["steps"]) == {"ch01/objective", "ch02/shortlist", "ch03/concept", "ch04/outreach"}
    assert len(on_disk["activity"]) == 1
    assert on_disk["version"] == 1  # an older course still reads it (it keeps keys it does not know)


def test_periods_this_version_does_not_understand_are_kept_and_ignored(store: ProgressStore, clock: list[str]) -> None:
    document = {"format": "influence-workbook/progress", "version": 1, "steps": {},
                "activity": [["2026-12-07T09:00:00+00:00", "2026-12-07T09:10:00+00:00"], "odd",
                             ["2026-12-07T11:00:00+00:00", "2026-12-07T10:00:00+00:00"], ["no", "time"],
                             ["2026-12-07T09:05:00", "2026-12-07T09:06:00"], {"a": 1}]}
    store.path.write_text(json.dumps(document), encoding="utf-8")
    assert store.activity() == [("2026-12-07T09:00:00+00:00", "2026-12-07T09:10:00+00:00")]
    assert active_seconds(store) == 10 * 60
    clock.extend(["2026-12-07T09:15:00+00:00"] * 2)
    store.save("ch01", "objective", "x")
    periods = json.loads(store.path.read_text(encoding="utf-8"))["activity"]
    assert periods[0] == ["2026-12-07T09:00:00+00:00", "2026-12-07T09:15:00+00:00"]
    assert periods[1:] == document["activity"][1:]  # type: ignore[index]


def test_an_activity_that_is_not_a_list_is_left_alone(store: ProgressStore) -> None:
    store.path.write_text(json.dumps({"format": "influence-workbook/progress", "version": 1, "steps": {},
                                      "activity": "edited by hand"}), encoding="utf-8")
    store.save("ch01", "objective", "x")
    on_disk = json.loads(store.path.read_text(encoding="utf-8"))
    assert on_disk["activity"] == "edited by hand" and "ch01/objective" in on_disk["steps"]
    assert store.activity() == [] and active_seconds(store) == 0


def test_periods_of_two_kernels_overlapping_are_counted_once(store: ProgressStore) -> None:
    document = {"format": "influence-workbook/progress", "version": 1, "steps": {},
                "activity": [["2026-12-07T09:00:00+00:00", "2026-12-07T10:00:00+00:00"],
                             ["2026-12-07T09:30:00+00:00", "2026-12-07T10:30:00+00:00"]]}
    store.path.write_text(json.dumps(document), encoding="utf-8")
    assert len(working_periods(store)) == 1
    assert active_seconds(store) == 90 * 60


def test_forgetting_is_not_activity(store: ProgressStore) -> None:
    store.save("ch01", "objective", "x")
    before = store.activity()
    store.forget("ch01")
    assert store.activity() == before


@pytest.mark.parametrize(("seconds", "shown"), [
    (0, "moins d'une minute"), (59, "moins d'une minute"), (60, "1\u00a0min"), (3599, "59\u00a0min"),
    (3600, "1\u00a0h"), (3900, "1\u00a0h\u00a005\u00a0min"), (10 * 3600 + 59 * 60, "10\u00a0h\u00a059\u00a0min"),
    (-5, "moins d'une minute"),
])
def test_durations_read_in_french(seconds: int, shown: str) -> None:
    assert format_duration(seconds) == shown


def test_the_estimate_is_explained_in_french() -> None:
    assert "30\u00a0minutes" in TIME_ESTIMATE_EXPLAINED and "estimation basse" in TIME_ESTIMATE_EXPLAINED


# --------------------------------------------------------------------------- records besides the steps


def test_records_are_appended_under_the_lock_and_kept_by_later_saves(store: ProgressStore) -> None:
    store.save("ch01", "objective", "x")
    store.append_record("certificates", {"code": "A"})
    store.append_record("certificates", {"code": "B"})
    store.save("ch02", "shortlist", "y")
    assert [r["code"] for r in ProgressStore(store.path).records("certificates")] == ["A", "B"]
    with pytest.raises(ValueError):
        store.append_record("steps", {"code": "C"})


def test_a_record_section_edited_by_hand_is_not_written_over(store: ProgressStore) -> None:
    store.path.write_text(json.dumps({"format": "influence-workbook/progress", "version": 1, "steps": {},
                                      "certificates": "edited"}), encoding="utf-8")
    before = store.path.read_bytes()
    with pytest.raises(ProgressNotSaved) as refused:
        store.append_record("certificates", {"code": "A"})
    assert "modifiée à la main" in refused.value.notice
    assert store.path.read_bytes() == before
    assert store.records("certificates") == []


def test_a_record_is_never_written_over_a_file_of_a_newer_version(store: ProgressStore) -> None:
    newer: dict[str, Any] = {"format": "influence-workbook/progress", "version": 99, "steps": {}}
    store.path.write_text(json.dumps(newer), encoding="utf-8")
    before = store.path.read_bytes()
    with pytest.raises(ProgressNotSaved) as refused:
        store.append_record("certificates", {"code": "A"})
    assert "version plus récente" in refused.value.notice
    assert store.path.read_bytes() == before
