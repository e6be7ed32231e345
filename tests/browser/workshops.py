"""The course's workshops, as the browser tests see them. A new chapter adds one ``WorkshopSpec`` here.

Each spec names the notebook, the classes of the workshop's widgets, how to reach every text field
(``modes``), sample answers (``answers``: steps a learner does) and ``expected``: the function that
computes, *in the test process with the course's own check*, the feedback the page must show for the
values the learner entered. The generic tests in ``test_browser_workshops.py`` then check, for every
spec: the workshop becomes usable after « Run All »; each sample answer shows exactly the computed
feedback; the answer and its verdict come back after a page reload and after a kernel restart; no
text field lets HTML or script through; axe-core finds no serious or critical problem in it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from browser_harness import Workshop
from playwright.sync_api import expect

# ------------------------------------------------------------------------------------- steps


class Step(Protocol):
    """One thing a learner does to one widget (named by its class)."""

    @property
    def widget(self) -> str: ...

    def apply(self, workshop: Workshop) -> None: ...

    def expect_shown(self, workshop: Workshop, timeout_ms: int) -> None: ...

    @property
    def value(self) -> str: ...


@dataclass(frozen=True)
class Fill:
    """Type ``text`` into the Text or Textarea widget with class ``widget``."""

    widget: str
    text: str

    @property
    def value(self) -> str:
        return self.text

    def apply(self, workshop: Workshop) -> None:
        workshop.fill(self.widget, self.text)

    def expect_shown(self, workshop: Workshop, timeout_ms: int) -> None:
        expect(workshop.field(self.widget)).to_have_value(self.text, timeout=timeout_ms)


@dataclass(frozen=True)
class Select:
    """Pick the option labelled ``label`` in the Dropdown widget with class ``widget``."""

    widget: str
    label: str

    @property
    def value(self) -> str:
        return self.label

    def apply(self, workshop: Workshop) -> None:
        workshop.select(self.widget, self.label)

    def expect_shown(self, workshop: Workshop, timeout_ms: int) -> None:
        expect(workshop.widget(self.widget).locator("select option:checked")).to_have_text(
            self.label, timeout=timeout_ms)


@dataclass(frozen=True)
class Toggle:
    """Pick the option labelled ``label`` of the ToggleButtons widget with class ``widget``."""

    widget: str
    label: str

    @property
    def value(self) -> str:
        return self.label

    def apply(self, workshop: Workshop) -> None:
        workshop.toggle(self.widget, self.label)
        expect(workshop.widget(self.widget).locator("button.mod-active")).to_have_text(self.label)

    def expect_shown(self, workshop: Workshop, timeout_ms: int) -> None:
        expect(workshop.widget(self.widget).locator("button.mod-active")).to_have_text(
            self.label, timeout=timeout_ms)


def values_of(steps: Sequence[Step]) -> dict[str, str]:
    """What the learner entered, by widget class (a later step on the same widget wins)."""
    values: dict[str, str] = {}
    for step in steps:
        values[step.widget] = step.value
    return values


# ------------------------------------------------------------------------------------- specs


@dataclass(frozen=True)
class Answer:
    """A sample answer: the steps a learner does before clicking the button.

    ``passes`` is what the course's check must say about it (verified in the test process, so a
    sample meant to pass really passes); None when the workshop has no pass/fail verdict.
    """

    name: str
    steps: tuple[Step, ...]
    passes: bool | None


@dataclass(frozen=True)
class Mode:
    """A way to fill the workshop: the steps that reveal some text fields, and those fields' classes."""

    name: str
    steps: tuple[Step, ...]
    text_fields: tuple[str, ...]


@dataclass(frozen=True)
class WorkshopSpec:
    id: str
    notebook: str  # relative to the served root (the repository's layout)
    root: str  # class of the outer box
    feedback: str  # class of the feedback region
    #: values entered (widget class → value) and today's date → the Feedback (or the texts) to show.
    expected: Callable[[Mapping[str, str], date], Any]
    answers: tuple[Answer, ...]
    modes: tuple[Mode, ...]
    button: str = "Vérifier"
    status: str | None = None
    #: What the status region says right after a check.
    saved_status: re.Pattern[str] | None = None
    #: (chapter, step) under which the answer is saved in the learner's progress file; None: not saved.
    progress_key: tuple[str, str] | None = None


def expected_texts(result: Any) -> list[str]:
    """The texts a rendered Feedback shows (summary and every item's message), or the texts given."""
    if hasattr(result, "items") and hasattr(result, "summary"):
        return [result.summary, *(item.message for item in result.items)]
    return [str(text) for text in result]


# ------------------------------------------------------------------------ chapter 1: objective

CH01_MODE = "iw-ch01-mode"
CH01_GUIDED = "Formulaire guidé"
CH01_FREE = "Phrase libre"


def _ch01_expected(values: Mapping[str, str], today: date) -> Any:
    from influence_workbook.checks.objective import check_objective, compose_objective

    if values.get(CH01_MODE, CH01_GUIDED) == CH01_FREE:
        text = values.get("iw-ch01-sentence", "")
    else:
        text = compose_objective(values.get("iw-ch01-goal"), values.get("iw-ch01-kpi"),
                                 values.get("iw-ch01-target"), values.get("iw-ch01-deadline"),
                                 values.get("iw-ch01-audience"))
    return check_objective(text, today=today)


CH01 = WorkshopSpec(
    id="ch01",
    notebook="notebooks/01_objectif_flou.ipynb",
    root="iw-ch01-objective",
    feedback="iw-ch01-feedback",
    status="iw-ch01-status",
    saved_status=re.compile(r"Enregistré le \d{2}/\d{2}/\d{4} à \d{2}:\d{2}"),
    progress_key=("ch01", "objective"),
    expected=_ch01_expected,
    answers=(
        Answer("guided-conversion", passes=True, steps=(
            Select("iw-ch01-goal", "Conversion"),
            Select("iw-ch01-kpi", "Ventes"),
            Fill("iw-ch01-target", "1 500 ventes"),
            Fill("iw-ch01-deadline", "d'ici fin juin 2027"),
            Fill("iw-ch01-audience", "femmes de 18-34 ans en France et en Suisse romande"),
        )),
        Answer("free-buzz", passes=False, steps=(
            Toggle(CH01_MODE, CH01_FREE),
            Fill("iw-ch01-sentence", "Faire le buzz sur Instagram"),
        )),
        Answer("free-no-deadline", passes=False, steps=(
            Toggle(CH01_MODE, CH01_FREE),
            Fill("iw-ch01-sentence", "Augmenter la notoriété de 20 %"),
        )),
    ),
    modes=(
        Mode("guided", steps=(Select("iw-ch01-goal", "Notoriété"),
                              Select("iw-ch01-kpi", "Portée (personnes touchées)")),
             text_fields=("iw-ch01-target", "iw-ch01-deadline", "iw-ch01-audience")),
        Mode("free", steps=(Toggle(CH01_MODE, CH01_FREE),), text_fields=("iw-ch01-sentence",)),
    ),
)

# A new chapter adds its spec above and lists it here.
WORKSHOPS: tuple[WorkshopSpec, ...] = (CH01,)


# ----------------------------------------------------------- harness fixture: the bare form


def _bare_expected(values: Mapping[str, str], today: date) -> list[str]:
    # The same trivial computation as tests/browser/fixtures/bare_form.ipynb, as the reader sees it.
    text = values.get("iw-bare-text", "")
    return [f"{len(text.split())} mot(s) : « {text} »"]


BARE_FORM = WorkshopSpec(
    id="bare",
    notebook="_harness/bare_form.ipynb",
    root="iw-bare-form",
    feedback="iw-bare-feedback",
    expected=_bare_expected,
    answers=(Answer("three-words", passes=None, steps=(Fill("iw-bare-text", "un deux trois"),)),),
    modes=(Mode("only", steps=(), text_fields=("iw-bare-text",)),),
)
