"""The live quiz widget (issue 20): answers clicked through the widget objects, scored at the first pick,
saved under the chapter's plain key, restored when the widget is built again, and never broken by a
failing save or by saved data that cannot be read. The book keeps the static HTML quiz."""

from __future__ import annotations

import asyncio
import errno
import json
import os
import re
import subprocess
import sys
import textwrap
import types
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from IPython.display import HTML

from event_loops import on_a_loop_of_its_own
from influence_workbook.chapters import CHAPTERS
from influence_workbook.paths import notebooks_dir
from influence_workbook.progress import ProgressNotSaved, ProgressStore
from influence_workbook.quiz import (
    MEDIUM_VARIABLE,
    QUIZ_STEP,
    QUIZ_URL_MARKER,
    load_quiz,
    needed_to_pass,
    quiz_block_html,
    quiz_html,
    quiz_medium,
    quiz_path,
    quiz_result,
    read_attempt,
    show_quiz,
    validate_quiz,
)
from influence_workbook.typography import fix
from influence_workbook.widgets import common
from influence_workbook.widgets.common import SAVE_AFTER_S
from influence_workbook.widgets.quiz import (
    RESTART_LABEL,
    VALIDATE_LABEL,
    LiveQuiz,
    QuizBox,
    explanation_html,
)

QUIZ_FILES = sorted((notebooks_dir() / "quiz").glob("*.json"))
CHAPTER_OF = {chapter.slug: chapter for chapter in CHAPTERS}


def _mc(text: str, right: int, count: int = 3) -> dict[str, Any]:
    return {"question": text, "type": "multiple_choice", "answers": [
        {"answer": f"{text} réponse {i + 1}", "correct": i == right,
         "feedback": f"Explication de la réponse {i + 1} : {'juste' if i == right else 'fausse'}."}
        for i in range(count)]}


def _many(text: str, rights: set[int], count: int = 4) -> dict[str, Any]:
    return {"question": text, "type": "many_choice", "answers": [
        {"answer": f"{text} option {i + 1}", "correct": i in rights,
         "feedback": f"Explication de l'option {i + 1} : {'à cocher' if i in rights else 'à laisser'}."}
        for i in range(count)]}


#: Seven questions, two of them many-choice: needed_to_pass(7) is 5.
SAMPLE = [_mc("Q1", 1), _mc("Q2", 0), _many("Q3", {0, 2}), _mc("Q4", 2), _mc("Q5", 1), _many("Q6", {1}), _mc("Q7", 0)]


@pytest.fixture
def store(tmp_path: Path) -> ProgressStore:
    return ProgressStore(tmp_path / "progression.json")


def _sample(store: ProgressStore, questions: list[dict[str, Any]] | None = None) -> LiveQuiz:
    return LiveQuiz("exemple", store=store, chapter_key="ch03", questions=questions or SAMPLE)


def _rights(question: Mapping[str, Any]) -> list[int]:
    return [i for i, answer in enumerate(question["answers"]) if answer["correct"]]


def _wrongs(question: Mapping[str, Any]) -> list[int]:
    return [i for i, answer in enumerate(question["answers"]) if not answer["correct"]]


def answer(quiz: LiveQuiz, index: int, *, right: bool) -> None:
    """Answer question ``index`` through its buttons, right or wrong."""
    view = quiz.views[index]
    picks = _rights(view.question) if right else _wrongs(view.question)[:1]
    for pick in picks:
        view.buttons[pick].click()
    if view.validate is not None:
        view.validate.click()


def _classes(widget: Any) -> set[str]:
    return set(widget._dom_classes)


# --------------------------------------------------------------------------- every quiz of the course


@pytest.mark.parametrize("path", QUIZ_FILES, ids=lambda p: p.stem)
def test_every_course_quiz_loads_into_the_widget(path: Path, store: ProgressStore) -> None:
    questions = load_quiz(path.stem)
    quiz = LiveQuiz(path.stem, store=store)
    assert quiz.chapter_key == CHAPTER_OF[path.stem].key
    assert {"iw-quiz-live", f"iw-quiz-{quiz.chapter_key}"} <= _classes(quiz.root)
    assert len(quiz.views) == len(questions)
    for number, (view, question) in enumerate(zip(quiz.views, questions, strict=True), start=1):
        assert f"iw-quiz-q{number}" in _classes(view.box)
        assert [b.description for b in view.buttons] == [fix(a["answer"]) for a in question["answers"]]
        assert all(b.description.strip() and b.tooltip for b in view.buttons)  # named, and described
        assert (view.validate is not None) == (question["type"] == "many_choice")
        if view.validate is not None:
            assert view.validate.description == VALIDATE_LABEL
    assert quiz.restart_button.description == RESTART_LABEL
    # Buttons as wide as their words (ipywidgets' fixed width cut « Recommencer le quiz » to « Recommencer l… »).
    assert quiz.restart_button.layout.width == "auto"
    assert all(view.validate.layout.width == "auto" for view in quiz.views if view.validate is not None)
    assert all(b.layout.height == "auto" for view in quiz.views for b in view.buttons)  # long answers wrap
    assert f"0/{len(questions)}" in quiz.score.value and 'role="status"' in quiz.score.value
    # Answering every question right through the buttons passes the quiz.
    for index in range(len(questions)):
        answer(quiz, index, right=True)
    assert "quiz réussi" in quiz.score.value
    result = quiz_result(store, CHAPTER_OF[path.stem])
    assert result is not None and result.passed and result.correct == len(questions)


def test_show_quiz_in_the_book_is_todays_html_under_activer_le_quiz(monkeypatch: pytest.MonkeyPatch) -> None:
    static = quiz_html(load_quiz("03_concept_peu_creatif"), "03_concept_peu_creatif")
    monkeypatch.setenv(MEDIUM_VARIABLE, "book")  # the book's build
    shown = show_quiz("03_concept_peu_creatif")
    assert isinstance(shown, HTML)
    assert shown.data == quiz_block_html("03_concept_peu_creatif", static)
    assert shown.data.startswith('<div class="iw-live-block iw-quiz-block" '
                                 f'data-iw-live-src="{QUIZ_URL_MARKER}03_concept_peu_creatif"')
    assert '<button type="button" class="iw-live-button">Activer le quiz</button>' in shown.data
    note = re.search(r'<p class="iw-live-note">(.*?)</p>', shown.data)
    assert note and "attestation" in note.group(1) and "activez-le\u00a0:" in note.group(1), shown.data[:600]
    assert f'<div class="iw-live-preview">{static}</div>' in shown.data  # the static quiz still answers in place
    monkeypatch.delenv(MEDIUM_VARIABLE)  # a script, outside the book's build: the quiz alone, no dead button
    assert show_quiz("03_concept_peu_creatif").data == static


def test_without_a_course_folder_the_quiz_comes_from_the_package(monkeypatch: pytest.MonkeyPatch,
                                                                   tmp_path: Path) -> None:
    # The published site's Python: the course's wheel carries the quizzes, there is no notebooks/ folder.
    packaged = tmp_path / "package"
    packaged.mkdir()
    source = notebooks_dir() / "quiz" / "03_concept_peu_creatif.json"
    (packaged / source.name).write_bytes(source.read_bytes())
    monkeypatch.setattr("influence_workbook.quiz.PACKAGED_QUIZ_FOLDER", packaged)
    monkeypatch.setattr("influence_workbook.quiz.notebooks_dir", lambda: tmp_path / "nowhere")
    assert quiz_path("03_concept_peu_creatif") == packaged / source.name
    assert load_quiz("03_concept_peu_creatif") == json.loads(source.read_text(encoding="utf-8"))
    # A course folder wins: a teacher's edit of notebooks/quiz/ is what the local course shows.
    monkeypatch.setattr("influence_workbook.quiz.notebooks_dir", lambda: source.parents[1])
    assert quiz_path("03_concept_peu_creatif") == source


def test_a_quiz_block_takes_only_a_quiz_name() -> None:
    with pytest.raises(ValueError, match="not a quiz name"):
        quiz_block_html('x" onclick="alert(1)', "<p>quiz</p>")


def test_show_quiz_live_is_the_widget(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("INFLUENCE_WORKBOOK_PROGRESS", str(tmp_path / "p.json"))
    monkeypatch.setenv(MEDIUM_VARIABLE, "live")
    shown = show_quiz("03_concept_peu_creatif")
    assert isinstance(shown, QuizBox) and "iw-quiz-live" in _classes(shown)


def test_a_quiz_file_that_cannot_be_read_is_a_french_notice_live(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setenv(MEDIUM_VARIABLE, "live")
    monkeypatch.setattr("influence_workbook.quiz.notebooks_dir", lambda: tmp_path)
    (tmp_path / "quiz").mkdir()
    (tmp_path / "quiz" / "03_concept_peu_creatif.json").write_text("[{", encoding="utf-8")
    shown = show_quiz("03_concept_peu_creatif")
    assert "n&#x27;a pas pu être chargé" in shown.value and "Traceback" not in shown.value
    assert "iw-quiz-notice" in _classes(shown)
    shown = show_quiz("99_absent")
    assert "n&#x27;a pas pu être chargé" in shown.value
    monkeypatch.setenv(MEDIUM_VARIABLE, "book")  # the book's build still fails on it, loudly
    with pytest.raises(json.JSONDecodeError):
        show_quiz("03_concept_peu_creatif")


def test_medium_without_the_variable_is_the_book_outside_a_kernel(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(MEDIUM_VARIABLE, raising=False)
    assert quiz_medium() == "book"  # pytest is no kernel: a script gets HTML it can print
    monkeypatch.setenv(MEDIUM_VARIABLE, " LIVE ")
    assert quiz_medium() == "live"
    monkeypatch.setenv(MEDIUM_VARIABLE, "n'importe quoi")
    assert quiz_medium() == "book"


def test_the_book_extension_makes_the_build_kernels_use_the_book_medium(monkeypatch: pytest.MonkeyPatch) -> None:
    from influence_workbook.authoring import book

    monkeypatch.setenv(MEDIUM_VARIABLE, "live")  # undone after the test, whatever setup sets
    monkeypatch.setattr(book, "quiet_kernel_start_up", lambda: [])  # a class-wide default: not in this process

    class App:
        def connect(self, *_args: object, **_kwargs: object) -> None:
            pass

    book.setup(App())  # type: ignore[arg-type]
    assert os.environ[MEDIUM_VARIABLE] == "book"


def test_fallbacks_where_the_widget_cannot_show(store: ProgressStore) -> None:
    quiz = LiveQuiz("03_concept_peu_creatif", store=store)
    bundle = quiz.root._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    # A page without the widget's model (a viewer, a notebook not trusted) shows the book's quiz, and a
    # console a French line, not a VBox(children=…) repr.
    assert bundle["text/html"] == quiz_html(load_quiz("03_concept_peu_creatif"), "03_concept_peu_creatif")
    assert bundle["text/plain"].startswith("Quiz du chapitre") and "VBox" not in bundle["text/plain"]
    # Both are the same whatever the learner did: nbval compares them with the stored outputs.
    answer(quiz, 0, right=False)
    assert quiz.root._repr_mimebundle_()["text/plain"] == bundle["text/plain"]
    assert quiz.root._repr_mimebundle_()["text/html"] == bundle["text/html"]


# --------------------------------------------------------------------------- picking


def test_a_right_pick_says_juste_and_scores(store: ProgressStore) -> None:
    quiz = _sample(store)
    quiz.views[0].buttons[1].click()
    view = quiz.views[0]
    assert "Juste." in view.explanation.value and "Pas tout à fait" not in view.explanation.value
    assert "Explication de la réponse 2" in view.explanation.value
    assert {"iw-picked", "iw-right"} <= _classes(view.buttons[1])
    assert "Votre réponse : juste" == view.buttons[1].tooltip.replace("\u00a0", " ")
    assert "Score\u00a0: 1/7" in quiz.score.value
    saved = store.get("ch03", QUIZ_STEP)
    assert saved is not None and saved.answer["questions"][0]["picked"] == ["Q1 réponse 2"]
    assert saved.feedback is not None and saved.feedback.check == "quiz" and saved.feedback.score == (1, 7)


def test_in_a_kernel_a_pick_clears_the_status_until_it_is_saved(store: ProgressStore,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    # As a workshop's « Vérifier »: the previous « Enregistré le … » does not stand while this pick is being saved.
    monkeypatch.setitem(sys.modules, common.PYODIDE_KERNEL, types.ModuleType(common.PYODIDE_KERNEL))
    quiz = _sample(store)

    async def learner_picks() -> None:
        for index in (0, 1):
            answer(quiz, index, right=True)
            assert quiz.status.value == ""
            saved = store.get("ch03", QUIZ_STEP)
            assert saved is None or sum(q is not None for q in saved.answer["questions"]) == index
            await asyncio.sleep(SAVE_AFTER_S * 4)
            saved = store.get("ch03", QUIZ_STEP)
            assert saved is not None and sum(q is not None for q in saved.answer["questions"]) == index + 1
            assert "Enregistré le" in quiz.status.value

    on_a_loop_of_its_own(learner_picks)


def test_a_wrong_pick_reveals_the_right_answer_and_later_clicks_do_not_count(store: ProgressStore) -> None:
    quiz = _sample(store)
    view = quiz.views[0]
    view.buttons[0].click()
    assert "Pas tout à fait." in view.explanation.value and "Juste." not in view.explanation.value
    assert "La bonne réponse" in view.explanation.value and "Explication de la réponse 2" in view.explanation.value
    assert "iw-right" in _classes(view.buttons[1]) and "iw-picked" not in _classes(view.buttons[1])
    assert {"iw-picked"} <= _classes(view.buttons[0]) and "iw-right" not in _classes(view.buttons[0])
    assert "Explication de la réponse 3" not in view.explanation.value
    view.buttons[1].click()  # the right one, too late: the first pick counts
    view.buttons[2].click()  # another wrong one: its explanation is added
    assert "Score\u00a0: 0/7" in quiz.score.value
    assert "Explication de la réponse 3" in view.explanation.value
    assert read_attempt(SAMPLE, store.answer("ch03", QUIZ_STEP))[0].picks[0] == (0,)


def test_many_choice_ticks_unticks_then_validates(store: ProgressStore) -> None:
    quiz = _sample(store)
    view = quiz.views[2]  # right: options 1 and 3
    assert view.validate is not None
    view.validate.click()
    assert "Cochez au moins une réponse" in view.explanation.value
    assert store.get("ch03", QUIZ_STEP) is None  # nothing to save yet
    view.buttons[0].click()
    view.buttons[1].click()
    view.buttons[1].click()  # unticked
    assert "iw-selected" in _classes(view.buttons[0]) and "iw-selected" not in _classes(view.buttons[1])
    assert view.ticked_line is not None
    assert "Q3 option 1" in view.ticked_line.value and "Q3 option 2" not in view.ticked_line.value
    assert quiz.attempt.picks[2] is None  # ticking is not answering
    view.validate.click()
    assert "Pas tout à fait." in view.explanation.value
    assert "Oubliée, elle était juste" in view.explanation.value and "Q3 option 3" in view.explanation.value
    assert all(button.disabled for button in view.buttons)  # « Valider » keeps the focus meanwhile
    view.buttons[2].click()
    view.validate.click()
    assert quiz.attempt.picks[2] == (0,) and "Score\u00a0: 0/7" in quiz.score.value


def test_many_choice_right_only_with_every_right_answer(store: ProgressStore) -> None:
    quiz = _sample(store)
    answer(quiz, 2, right=True)
    assert "Juste." in quiz.views[2].explanation.value
    assert "Cochée, à raison" in quiz.views[2].explanation.value
    assert "Laissée de côté, à raison" in quiz.views[2].explanation.value
    assert "Score\u00a0: 1/7" in quiz.score.value


def test_pass_and_fail_at_the_threshold(tmp_path: Path) -> None:
    needed = needed_to_pass(len(SAMPLE))
    assert needed == 5
    for right_count, passes in ((needed, True), (needed - 1, False)):
        store = ProgressStore(tmp_path / f"{right_count}.json")
        quiz = _sample(store)
        for index in range(len(SAMPLE)):
            answer(quiz, index, right=index < right_count)
        line = quiz.score.value.replace("\u00a0", " ").replace("\u202f", " ")
        assert f"Score : {right_count}/7 ({round(100 * right_count / 7)} %)" in line
        assert ("· quiz réussi" in line) is passes
        assert ("quiz à refaire" in line) is not passes
        assert ("réussi" in line) is passes  # the word browser tests wait for
        feedback = store.get("ch03", QUIZ_STEP).feedback  # type: ignore[union-attr]
        assert feedback is not None and feedback.score == (right_count, 7)


def test_pass_and_fail_at_the_threshold_in_a_course_quiz(tmp_path: Path) -> None:
    chapter = CHAPTER_OF["01_objectif_flou"]
    total = len(load_quiz(chapter.slug))
    needed = needed_to_pass(total)
    for right_count, passes in ((needed, True), (needed - 1, False)):
        store = ProgressStore(tmp_path / f"{right_count}.json")
        quiz = LiveQuiz(chapter.slug, store=store)
        for index in range(total):
            answer(quiz, index, right=index < right_count)
        result = quiz_result(store, chapter)
        assert result is not None and (result.correct, result.answered, result.total) == (right_count, total, total)
        assert result.passed is passes


def test_unanswered_questions_do_not_pass(store: ProgressStore) -> None:
    quiz = _sample(store)
    for index in range(len(SAMPLE) - 1):
        answer(quiz, index, right=True)
    assert "encore une question pour valider le quiz" in quiz.score.value
    assert "quiz réussi" not in quiz.score.value


# --------------------------------------------------------------------------- restart


def test_restart_starts_a_new_saved_attempt(store: ProgressStore) -> None:
    quiz = _sample(store)
    answer(quiz, 0, right=True)
    answer(quiz, 2, right=False)
    quiz.views[3].buttons[0].click()
    quiz.views[3].buttons[1].click()  # a multiple-choice question's later click shows another explanation
    quiz.restart_button.click()
    assert quiz.attempt.number == 2 and quiz.attempt.picks == (None,) * len(SAMPLE)
    assert all(view.explanation.value == "" for view in quiz.views)
    assert all(not ({"iw-picked", "iw-right", "iw-selected"} & _classes(b)) for v in quiz.views for b in v.buttons)
    assert not any(button.disabled for view in quiz.views for button in view.buttons)
    assert "Score\u00a0: 0/7" in quiz.score.value
    saved = store.answer("ch03", QUIZ_STEP)
    assert saved == {"attempt": 2, "questions": [None] * len(SAMPLE)}
    answer(quiz, 0, right=False)  # a question answered right in attempt 1 can be answered again
    assert "Pas tout à fait." in quiz.views[0].explanation.value


def test_restart_with_nothing_answered_saves_nothing(store: ProgressStore) -> None:
    quiz = _sample(store)
    quiz.restart_button.click()
    assert store.get("ch03", QUIZ_STEP) is None and quiz.attempt.number == 1
    assert "Rien à recommencer" in quiz.status.value


# --------------------------------------------------------------------------- coming back


def test_rebuilding_from_the_same_file_brings_everything_back(tmp_path: Path) -> None:
    path = tmp_path / "progression.json"
    first = _sample(ProgressStore(path))
    answer(first, 0, right=True)
    answer(first, 2, right=False)
    first.views[1].buttons[2].click()
    first.views[1].buttons[1].click()  # viewed after the pick: not part of the score
    first.views[5].buttons[1].click()  # ticked, not validated: not saved
    again = _sample(ProgressStore(path))  # a new kernel: a new store on the same file
    assert again.attempt == first.attempt
    assert again.score.value == first.score.value
    for index in (0, 2):
        assert again.views[index].explanation.value == first.views[index].explanation.value
        assert [_classes(b) for b in again.views[index].buttons] == [_classes(b) for b in first.views[index].buttons]
    assert "Pas tout à fait." in again.views[1].explanation.value
    assert again.views[5].explanation.value == "" and not again.views[5].ticked
    assert "Quiz repris de votre dernière visite" in again.status.value


def test_restored_attempt_number_and_restart_continue(tmp_path: Path) -> None:
    path = tmp_path / "progression.json"
    first = _sample(ProgressStore(path))
    answer(first, 0, right=True)
    first.restart_button.click()
    answer(first, 1, right=True)
    again = _sample(ProgressStore(path))
    assert again.attempt.number == 2 and again.attempt.picks[0] is None and again.attempt.picks[1] is not None


# --------------------------------------------------------------------------- what goes wrong


class RefusingStore(ProgressStore):
    """A store whose saves fail the way a real one can: refused (ProgressNotSaved) or by the disk (OSError)."""

    def __init__(self, path: Path, error: OSError) -> None:
        super().__init__(path)
        self.error = error

    def save(self, *args: Any, **kwargs: Any) -> Any:
        if self.error is not None:
            raise self.error
        return super().save(*args, **kwargs)


@pytest.mark.parametrize(("error", "expected"), [
    (ProgressNotSaved("Votre réponse n'a pas été écrite sur le disque : fichier illisible."), "fichier illisible"),
    (OSError(errno.ENOSPC, "No space left on device"), "disque plein"),
    (OSError(errno.EROFS, "Read-only file system"), "disque en lecture seule"),
])
def test_a_failing_save_is_said_in_french_and_the_quiz_goes_on(
        tmp_path: Path, error: OSError, expected: str) -> None:
    store = RefusingStore(tmp_path / "p.json", error)
    quiz = _sample(store)
    answer(quiz, 0, right=True)
    assert expected in quiz.notice.value and 'role="alert"' in quiz.notice.value
    assert "No space" not in quiz.notice.value and "Traceback" not in quiz.notice.value
    assert "Enregistré" not in quiz.status.value
    answer(quiz, 1, right=True)  # it goes on
    assert "Score\u00a0: 2/7" in quiz.score.value and "Juste." in quiz.views[1].explanation.value
    store.error = None  # type: ignore[assignment]  # the disk is back: the next save writes the whole attempt
    answer(quiz, 3, right=False)
    assert quiz.notice.value == "" and "Enregistré le" in quiz.status.value
    assert read_attempt(SAMPLE, store.answer("ch03", QUIZ_STEP))[0] == quiz.attempt


def test_an_unexpected_save_failure_is_said_too(tmp_path: Path) -> None:
    store = RefusingStore(tmp_path / "p.json", OSError(errno.EIO, "I/O"))
    store.error = RuntimeError("boom")  # type: ignore[assignment]
    quiz = _sample(store)
    answer(quiz, 0, right=True)
    assert "erreur inattendue" in quiz.notice.value and "boom" not in quiz.notice.value


def _write_saved(path: Path, answer_value: Any) -> None:
    path.write_text(json.dumps({"format": "influence-workbook/progress", "version": 1, "steps": {
        "ch03/quiz": {"answer": answer_value, "feedback": {"absurd": True}, "saved_at": "pas une date"},
    }}), encoding="utf-8")


@pytest.mark.parametrize("saved", [
    None, "texte", 12, 1e308, [1, 2], {"attempt": -4, "questions": "toutes"},
    {"attempt": 2**70, "questions": [{"key": "x" * 5000, "picked": ["<script>"]}, 7, [], {"key": None}]},
    {"attempt": "2", "questions": [{"key": "abc", "picked": {"a": 1}}] * 50},
])
def test_absurd_saved_data_never_breaks_the_quiz(tmp_path: Path, saved: Any) -> None:
    path = tmp_path / "progression.json"
    _write_saved(path, saved)
    quiz = _sample(ProgressStore(path))
    assert quiz.attempt.picks == (None,) * len(SAMPLE)
    assert 1 <= quiz.attempt.number <= 1_000_000
    if saved is not None:
        assert "iw-notice" in quiz.notice.value and "<script>" not in quiz.notice.value
    answer(quiz, 0, right=True)  # and it works
    assert "Score\u00a0: 1/7" in quiz.score.value
    assert read_attempt(SAMPLE, ProgressStore(path).answer("ch03", QUIZ_STEP))[0] == quiz.attempt


def test_edited_saved_answers_keep_what_can_be_read(tmp_path: Path) -> None:
    path = tmp_path / "progression.json"
    first = _sample(ProgressStore(path))
    for index in range(3):
        answer(first, index, right=True)
    document = json.loads(path.read_text(encoding="utf-8"))
    entries = document["steps"]["ch03/quiz"]["answer"]["questions"]
    entries[0]["picked"] = ["Q1 réponse 1", "Q1 réponse 2"]  # two picks on a one-answer question
    entries[1]["right"] = False  # « right » is not read: the pick is scored again
    path.write_text(json.dumps(document), encoding="utf-8")
    again = _sample(ProgressStore(path))
    assert again.attempt.picks[0] is None and again.attempt.picks[1] == (0,) and again.attempt.picks[2] is not None
    assert "illisibles" in again.notice.value
    assert "Score\u00a0: 2/7" in again.score.value


def test_a_reworded_question_is_asked_again(tmp_path: Path) -> None:
    path = tmp_path / "progression.json"
    first = _sample(ProgressStore(path))
    answer(first, 0, right=True)
    answer(first, 1, right=True)
    reworded = [_mc("Q1, reformulée", 1), *SAMPLE[1:]]
    again = _sample(ProgressStore(path), reworded)
    assert again.attempt.picks[0] is None and again.attempt.picks[1] == (0,)
    assert "mis à jour" in again.notice.value


def test_a_damaged_progress_file_is_said_and_the_quiz_starts(tmp_path: Path) -> None:
    path = tmp_path / "progression.json"
    path.write_text("{ pas du json", encoding="utf-8")
    quiz = _sample(ProgressStore(path))
    assert "illisible" in quiz.notice.value
    answer(quiz, 0, right=True)
    assert ProgressStore(path).get("ch03", QUIZ_STEP) is not None


def test_texts_are_escaped_and_unknown_fields_ignored(store: ProgressStore) -> None:
    question = {"question": "Quel <b>KPI</b> ?", "type": "multiple_choice", "scenario": True, "answers": [
        {"answer": "<img src=x onerror=alert(1)>", "correct": False, "feedback": "Non : <i>pas</i> un KPI.",
         "extra": [1]},
        {"answer": "La portée", "correct": True, "feedback": "Oui : elle mesure la notoriété."},
    ]}
    assert validate_quiz([question]) == []
    quiz = _sample(store, [question])
    assert "&lt;b&gt;KPI&lt;/b&gt;" in quiz.views[0].text.value
    quiz.views[0].buttons[0].click()
    value = quiz.views[0].explanation.value
    assert "<img" not in value and "&lt;img src=x" in value and "<i>" not in value
    assert quiz.views[0].buttons[0].description == "<img src=x onerror=alert(1)>"  # a button's text is text


def test_explanation_is_empty_before_the_pick_and_in_words_after() -> None:
    assert explanation_html(SAMPLE[0], None) == ""
    right = explanation_html(SAMPLE[0], (1,))
    wrong = explanation_html(SAMPLE[0], (0,))
    assert "Juste." in right and 'role="status"' in right
    assert "Pas tout à fait." in wrong and "La bonne réponse" in wrong
    # The verdict is in words, not in colour alone: strip the classes and it still says it.
    assert "Juste" in right.replace("iw-ok", "") and "Pas tout à fait" in wrong.replace("iw-ko", "")


def test_french_typography_in_what_the_learner_reads(store: ProgressStore) -> None:
    quiz = _sample(store)
    answer(quiz, 0, right=False)
    for text in (quiz.score.value, quiz.views[0].explanation.value, quiz.intro.value):
        assert " :" not in text and " ;" not in text, text  # a plain space before a colon is an error in French
    assert "\u202f%" in quiz.score.value


# --------------------------------------------------------------------------- in real kernels

SCRIPT = textwrap.dedent("""
    import json, sys, nbformat
    from jupyter_cache.executors.utils import single_nb_execution
    if sys.argv[1] == "book":
        from influence_workbook.authoring import book
        class App:
            def connect(self, *args, **kwargs): pass
        book.setup(App())
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "from influence_workbook.quiz import show_quiz\\nshow_quiz('03_concept_peu_creatif')")])
    result = single_nb_execution(notebook, cwd=sys.argv[2], timeout=120, allow_errors=False)
    assert result.err is None, result.exc_string
    print(json.dumps(sorted(notebook.cells[0].outputs[0]["data"])))
""")


@pytest.mark.slow
def test_the_book_build_gets_the_html_quiz_and_a_kernel_the_live_one(tmp_path: Path) -> None:
    env = {**os.environ, "INFLUENCE_WORKBOOK_PROGRESS": str(tmp_path / "p.json")}
    env.pop(MEDIUM_VARIABLE, None)
    outputs = {}
    for mode in ("book", "kernel"):
        run = subprocess.run([sys.executable, "-c", SCRIPT, mode, str(tmp_path)], capture_output=True, text=True,
                             timeout=300, check=False, env=env)
        assert run.returncode == 0, run.stderr
        outputs[mode] = json.loads(run.stdout.strip().splitlines()[-1])
    assert outputs["book"] == ["text/html", "text/plain"]
    assert outputs["kernel"] == ["application/vnd.jupyter.widget-view+json", "text/html", "text/plain"]
