"""CheckedStep prepares the verdict while the learner pauses, and the click shows that same verdict.

What is checked: a prepared verdict is reused only for the very answer and day it was made for;
a check that fails ahead of the click is reported by the click; preparation waits for a pause in
the typing and needs the kernel's event loop; every workshop prepares on each of its inputs.
"""

from __future__ import annotations

import asyncio
import html
import sys
import types
from collections.abc import Callable, Coroutine, Iterator
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pytest

from event_loops import in_a_thread, on_a_loop_of_its_own
from influence_workbook.feedback import Feedback, FeedbackItem
from influence_workbook.progress import ProgressStore
from influence_workbook.widgets import common
from influence_workbook.widgets.brief import BriefWorkshop
from influence_workbook.widgets.common import PREPARE_DELAY_S, SAVE_AFTER_S, UNEXPECTED_PROBLEM, CheckedStep
from influence_workbook.widgets.concept import ConceptWorkshop
from influence_workbook.widgets.constraints import ConstraintsWorkshop
from influence_workbook.widgets.disclosure import CaptionWorkshop, ClassificationWorkshop
from influence_workbook.widgets.home import HomePage
from influence_workbook.widgets.objective import ObjectiveWorkshop
from influence_workbook.widgets.outreach import OutreachWorkshop
from influence_workbook.widgets.partnerships import PartnershipsWorkshop
from influence_workbook.widgets.pay import PayWorkshop
from influence_workbook.widgets.shortlist import ShortlistWorkshop


def word_count_check(answer: Any) -> Feedback:
    words = len(str(answer).split())
    ok = words >= 3
    return Feedback("test-step", (FeedbackItem("words", "Longueur", ok, f"{words} mot(s)."),),
                    "Assez de mots." if ok else "Trop court.")


class Step:
    """A one-field step whose check records each answer it judges."""

    def __init__(self, store: ProgressStore, check: Callable[[Any], Feedback] = word_count_check) -> None:
        self.field = widgets.Text()
        self.checked: list[Any] = []

        def recording_check(answer: Any) -> Feedback:
            self.checked.append(answer)
            return check(answer)

        self.step = CheckedStep(chapter="chtest", step="words", css_prefix="iw-test",
                                collect=lambda: self.field.value,
                                restore=lambda answer: setattr(self.field, "value", str(answer)),
                                check=recording_check, store=store)
        self.step.watch(self.field)


@pytest.fixture
def store(tmp_path: Path) -> ProgressStore:
    return ProgressStore(tmp_path / "progression.json")


def in_a_kernel(monkeypatch: pytest.MonkeyPatch, scenario: Callable[[], Coroutine[Any, Any, None]]) -> None:
    """Run ``scenario`` as a kernel runs a click: on an event loop the workshop treats as the kernel's."""
    def running_loop() -> asyncio.AbstractEventLoop | None:  # kernel_loop's contract: None outside
        try:
            return asyncio.get_running_loop()
        except RuntimeError:
            return None

    monkeypatch.setattr(common, "kernel_loop", running_loop)
    on_a_loop_of_its_own(scenario)


def test_a_prepared_verdict_is_shown_and_saved_without_checking_again(store: ProgressStore) -> None:
    form = Step(store)
    form.field.value = "trois petits mots"
    form.step.prepare()
    assert form.checked == ["trois petits mots"]
    form.step.button.click()
    assert form.checked == ["trois petits mots"]  # the click reused the prepared verdict
    assert "3 mot(s)." in form.step.feedback.value and "Réussi" in form.step.feedback.value
    saved = store.get("chtest", "words")
    assert saved is not None and saved.answer == "trois petits mots"
    assert saved.feedback == word_count_check("trois petits mots")


def test_an_answer_changed_after_preparation_is_checked_again(store: ProgressStore) -> None:
    form = Step(store)
    form.field.value = "trois petits mots"
    form.step.prepare()
    form.field.value = "deux mots"
    form.step.button.click()
    assert form.checked == ["trois petits mots", "deux mots"]
    assert "2 mot(s)." in form.step.feedback.value and "À revoir" in form.step.feedback.value


def test_a_verdict_prepared_on_another_day_is_not_reused(store: ProgressStore,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    # Deadlines are judged against today: a verdict from yesterday may no longer hold.
    form = Step(store)
    form.field.value = "trois petits mots"
    monkeypatch.setenv("INFLUENCE_WORKBOOK_TODAY", "2026-12-01")
    form.step.prepare()
    monkeypatch.setenv("INFLUENCE_WORKBOOK_TODAY", "2026-12-02")
    form.step.button.click()
    assert form.checked == ["trois petits mots", "trois petits mots"]


def test_a_forgotten_verdict_is_checked_again(store: ProgressStore) -> None:
    form = Step(store)
    form.field.value = "trois petits mots"
    form.step.prepare()
    form.step.forget_verdict()
    form.step.button.click()
    assert form.checked == ["trois petits mots", "trois petits mots"]


def test_a_check_that_fails_ahead_of_the_click_is_reported_by_the_click(store: ProgressStore) -> None:
    def broken(answer: Any) -> Feedback:
        raise RuntimeError("bug in a check")

    form = Step(store, check=broken)
    form.field.value = "trois petits mots"
    form.step.prepare()  # must not raise: nobody would see it
    form.step.button.click()
    assert form.checked == ["trois petits mots", "trois petits mots"]
    assert "problème inattendu" in form.step.feedback.value
    assert UNEXPECTED_PROBLEM.split(".")[0] in form.step.feedback.value
    saved = store.get("chtest", "words")
    assert saved is not None and saved.answer == "trois petits mots"  # nothing typed is lost


def test_typing_prepares_once_after_the_pause(store: ProgressStore, monkeypatch: pytest.MonkeyPatch) -> None:
    form = Step(store)

    async def learner_types_then_pauses() -> None:
        for text in ("trois", "trois petits", "trois petits mots"):
            form.field.value = text
            await asyncio.sleep(PREPARE_DELAY_S / 5)  # faster than the pause: no check yet
        assert form.checked == []
        await asyncio.sleep(PREPARE_DELAY_S * 2)
        assert form.checked == ["trois petits mots"]  # one check, on the last answer

    in_a_kernel(monkeypatch, learner_types_then_pauses)
    form.step.button.click()
    assert form.checked == ["trois petits mots"]
    assert "3 mot(s)." in form.step.feedback.value


def test_without_an_event_loop_nothing_is_prepared_and_the_click_checks(store: ProgressStore) -> None:
    form = Step(store)
    form.field.value = "trois petits mots"  # no running loop (a script, a test): no error either
    assert form.checked == []
    form.step.button.click()
    assert form.checked == ["trois petits mots"]


def test_an_event_loop_that_is_not_a_kernels_is_not_relied_on(store: ProgressStore) -> None:
    # Playwright's synchronous API keeps such a loop in the main thread of ``make test``: a save
    # put on it could wait for ever. Outside a kernel the click saves at once, loop or not.
    form = Step(store)

    async def scenario() -> None:
        form.field.value = "trois petits mots"
        form.step.button.click()
        assert store.get("chtest", "words") is not None and "Enregistré le" in form.step.status.value

    on_a_loop_of_its_own(scenario)
    assert common.kernel_loop() is None


def test_in_the_kernel_a_click_shows_the_verdict_then_saves_it(store: ProgressStore,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    # The kernel sends the verdict once the click's handler returns: the saving comes just after.
    form = Step(store)
    form.field.value = "trois petits mots"

    async def learner_clicks() -> None:
        form.step.button.click()
        assert "3 mot(s)." in form.step.feedback.value
        assert store.get("chtest", "words") is None and form.step.status.value == ""
        await asyncio.sleep(SAVE_AFTER_S * 4)
        saved = store.get("chtest", "words")
        assert saved is not None and saved.answer == "trois petits mots"
        assert "Enregistré le" in form.step.status.value
        # A second answer: the earlier « Enregistré le … » does not stand under it until it is saved too.
        form.field.value = "quatre tout petits mots"
        form.step.button.click()
        assert "4 mot(s)." in form.step.feedback.value and form.step.status.value == ""
        assert store.get("chtest", "words").answer == "trois petits mots"
        await asyncio.sleep(SAVE_AFTER_S * 4)
        assert store.get("chtest", "words").answer == "quatre tout petits mots"
        assert "Enregistré le" in form.step.status.value

    in_a_kernel(monkeypatch, learner_clicks)


def test_the_published_sites_kernel_is_a_kernel_too(monkeypatch: pytest.MonkeyPatch) -> None:
    # JupyterLite's Pyodide kernel ships an ipykernel stand-in without ``kernelbase`` and runs a click's handler outside
    # any task: kernel_loop took it for a script, so the site saved inside the click and never cleared the status line.
    def outside_any_task() -> None:
        loop = asyncio.new_event_loop()
        try:
            asyncio.set_event_loop(loop)
            assert common.kernel_loop() is None  # no kernel: a script that happens to have a loop
            monkeypatch.setitem(sys.modules, common.PYODIDE_KERNEL, types.ModuleType(common.PYODIDE_KERNEL))
            assert common.kernel_loop() is loop  # the loop Pyodide runs between messages (its WebLoop)
        finally:
            asyncio.set_event_loop(None)
            loop.close()

    in_a_thread(outside_any_task)


def test_in_the_published_sites_kernel_a_click_clears_the_status_then_saves(store: ProgressStore,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    # The real kernel_loop this time: the previous « Enregistré le … » must not stand under a new verdict not saved yet
    # (a reload right at it lost the answer in the published site, issue 23).
    monkeypatch.setitem(sys.modules, common.PYODIDE_KERNEL, types.ModuleType(common.PYODIDE_KERNEL))
    form = Step(store)

    async def learner_clicks() -> None:
        for text, count in (("trois petits mots", 3), ("quatre tout petits mots", 4)):
            form.field.value = text
            form.step.button.click()
            assert f"{count} mot(s)." in form.step.feedback.value and form.step.status.value == ""
            await asyncio.sleep(SAVE_AFTER_S * 4)
            saved = store.get("chtest", "words")
            assert saved is not None and saved.answer == text
            assert "Enregistré le" in form.step.status.value

    on_a_loop_of_its_own(learner_clicks)


def test_a_save_that_fails_after_the_click_is_reported_in_french(store: ProgressStore,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    def broken_save(*args: object, **kwargs: object) -> None:
        raise RuntimeError("bug in the store")

    form = Step(store)
    form.field.value = "trois petits mots"
    monkeypatch.setattr(store, "save", broken_save)

    async def learner_clicks() -> None:
        form.step.button.click()
        await asyncio.sleep(SAVE_AFTER_S * 4)

    in_a_kernel(monkeypatch, learner_clicks)  # no exception reaches the loop or the learner
    assert "3 mot(s)." in form.step.feedback.value
    assert "n'a pas pu être enregistrée" in html.unescape(form.step.status.value)
    assert "erreur inattendue" in form.step.status.value


# --------------------------------------------------------------------------- every workshop

#: Widgets that show things and take no answer.
DISPLAY_ONLY = (widgets.HTML, widgets.HTMLMath, widgets.Label, widgets.Image, widgets.Output)


def descendants(widget: widgets.Widget) -> Iterator[widgets.Widget]:
    yield widget
    for child in getattr(widget, "children", ()):
        yield from descendants(child)


def inputs_of(box: widgets.Widget) -> list[widgets.Widget]:
    return [w for w in descendants(box)
            if isinstance(w, widgets.ValueWidget) and not isinstance(w, DISPLAY_ONLY)]


WORKSHOPS: dict[str, Callable[[ProgressStore], Any]] = {
    "ch01": ObjectiveWorkshop,
    "ch02": ShortlistWorkshop,
    "ch03": ConceptWorkshop,
    "ch04": OutreachWorkshop,
    "ch05-classification": ClassificationWorkshop,
    "ch05-caption": CaptionWorkshop,
    "ch06": ConstraintsWorkshop,
    "ch07": PartnershipsWorkshop,
    "ch09": PayWorkshop,
    "ch10": BriefWorkshop,
    "home-campaign": HomePage,
}


@pytest.mark.parametrize("name", sorted(WORKSHOPS))
def test_every_input_of_every_workshop_prepares_the_verdict(name: str, store: ProgressStore) -> None:
    workshop = WORKSHOPS[name](store)
    inputs = inputs_of(workshop.widget())
    assert len(inputs) >= 2, "the workshop's inputs were not found"
    unwatched = [f"{type(w).__name__} {w.description!r}" for w in inputs
                 if not any(w is watched for watched in workshop.step.watched)]
    assert unwatched == []


@pytest.mark.parametrize("name", sorted(WORKSHOPS))
@pytest.mark.parametrize("earlier", ["no earlier answer", "earlier chapters saved"])
def test_no_two_fields_share_a_layout_so_hiding_one_hides_no_other(name: str, earlier: str,
                                                                   store: ProgressStore) -> None:
    """Chapter 3's canvas vanished once chapter 1's objective was saved: its goal menu shared one Layout
    with every field, so hiding the menu hid them all. Checked with and without earlier answers saved."""
    if earlier == "earlier chapters saved":
        store.save("ch01", "objective", {"mode": "Phrase libre",
                                         "text": "Conversion : 1 500 ventes d'ici fin juin 2027 auprès des 18-34 ans"})
    workshop = WORKSHOPS[name](store)
    fields = inputs_of(workshop.widget())
    layouts = [id(field.layout) for field in fields]
    assert len(set(layouts)) == len(layouts), "two fields share one Layout"
    hidden = [field.description for field in fields if field.layout.display == "none"]
    assert len(hidden) <= 1, f"fields hidden: {hidden}"


def test_chapter_3s_canvas_stays_visible_when_chapter_1_is_saved(store: ProgressStore) -> None:
    store.save("ch01", "objective", {"mode": "Phrase libre",
                                     "text": "Conversion : 1 500 ventes d'ici fin juin 2027 auprès des 18-34 ans"})
    workshop = ConceptWorkshop(store)
    workshop.widget()
    assert workshop.goal.layout.display == "none"  # the goal comes from chapter 1
    for key in ("angle", "platform", "format", "details", "hook", "creator_role", "cta", "measurement"):
        assert getattr(workshop, key).layout.display != "none", key
