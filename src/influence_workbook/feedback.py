"""The self-check contract shared by every workshop, exercise notebook and test.

A check is a plain function that returns a :class:`Feedback`: an overall verdict plus one
:class:`FeedbackItem` per criterion. Each item says, in French, what is right or what is
missing and how to fix it, and where in the chapter to read more. Widgets render it with
:func:`influence_workbook.widgets.render.feedback_html` (which escapes every learner string),
notebooks print it with :meth:`Feedback.to_text`.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from influence_workbook.typography import fix

OK_MARK = "✅"
KO_MARK = "❌"
TIP_MARK = "💡"


_VERDICT_WORDS = ("À revoir", "Réussi", "Attention")


def _without_label(message: str, label: str) -> str:
    """A message that starts by repeating its label or a verdict word (« À revoir : … ») loses that start:
    the page already shows both before it."""
    stripped = message.lstrip()
    for prefix in (label, *_VERDICT_WORDS):
        for separator in (" :", "\u00a0:", ":", " —", " -"):
            if prefix and stripped.startswith(prefix + separator):
                rest = stripped[len(prefix) + len(separator) :].lstrip()
                return rest[:1].upper() + rest[1:] if rest else message
    return message


@dataclass(frozen=True)
class FeedbackItem:
    """One criterion of a self-check.

    ``ok`` is the verdict for this criterion; ``message`` is the French explanation shown to
    the learner (what is right, or what is missing and how to fix it); ``read_more`` names the
    section of the chapter to re-read, as a label the learner can find in the page.
    """

    criterion: str
    label: str
    ok: bool
    message: str
    read_more: str | None = None

    def __post_init__(self) -> None:
        # French typography (non-breaking spaces in « », before : ; ! ?, in 20 % and 1 000 €)
        # is applied here, once, so every check's messages get it without writing \u00a0 by hand.
        object.__setattr__(self, "label", fix(self.label))
        object.__setattr__(self, "message", fix(_without_label(self.message, self.label)))
        if self.read_more is not None:
            object.__setattr__(self, "read_more", fix(self.read_more))

    def to_dict(self) -> dict[str, Any]:
        return {
            "criterion": self.criterion,
            "label": self.label,
            "ok": self.ok,
            "message": self.message,
            "read_more": self.read_more,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> FeedbackItem:
        return cls(
            criterion=str(data["criterion"]),
            label=str(data["label"]),
            ok=bool(data["ok"]),
            message=str(data["message"]),
            read_more=None if data.get("read_more") is None else str(data["read_more"]),
        )


@dataclass(frozen=True)
class Feedback:
    """The result of a self-check: a verdict and one item per criterion.

    ``passed`` is true when every criterion is met. ``summary`` is a one-line French verdict
    written for the learner; ``tips`` are optional advice that never changes the verdict.
    """

    check: str
    items: tuple[FeedbackItem, ...]
    summary: str
    tips: tuple[str, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        object.__setattr__(self, "summary", fix(self.summary))
        object.__setattr__(self, "tips", tuple(fix(tip) for tip in self.tips))

    @property
    def passed(self) -> bool:
        return bool(self.items) and all(item.ok for item in self.items)

    @property
    def score(self) -> tuple[int, int]:
        """(criteria met, criteria checked), for progress pages and class summaries."""
        return sum(item.ok for item in self.items), len(self.items)

    @property
    def headline(self) -> str:
        """The summary with the score, as the learner reads it: « … à améliorer (6/7 critères). »

        The score belongs to the sentence, so it goes before the summary's final full stop. An
        answer with nothing to check has no score: « 0/1 critère » would read as a failed answer.
        """
        if self.is_input_problem:
            return self.summary
        met, total = self.score
        sentence, stop = (self.summary[:-1], ".") if self.summary.endswith(".") else (self.summary, "")
        return f"{sentence} ({met}/{total} {criteria_word(total)}){stop}"

    @property
    def is_input_problem(self) -> bool:
        """True when there was nothing to check (empty field, placeholder, wrong kind of value)."""
        return len(self.items) == 1 and self.items[0].criterion == "input"

    def failed_items(self) -> tuple[FeedbackItem, ...]:
        return tuple(item for item in self.items if not item.ok)

    def item(self, criterion: str) -> FeedbackItem:
        """The item for one criterion; raises KeyError naming the criteria that exist."""
        for candidate in self.items:
            if candidate.criterion == criterion:
                return candidate
        known = ", ".join(i.criterion for i in self.items)
        raise KeyError(f"no criterion {criterion!r} in this feedback (known: {known})")

    def to_text(self) -> str:
        """Plain-text rendering, stable from run to run (notebooks print it; nbval compares it)."""
        lines = [self.headline]
        for item in self.items:
            mark = OK_MARK if item.ok else KO_MARK
            line = f"{mark} {item.label} : {item.message}"
            if not item.ok and item.read_more:
                line += f" (À relire : « {item.read_more} »)"
            lines.append(line)
        lines.extend(f"{TIP_MARK} {tip}" for tip in self.tips)
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.to_text()

    def _repr_html_(self) -> str:
        # Imported here so that the logic layer has no import-time dependency on widgets.
        from influence_workbook.widgets.render import feedback_html

        return feedback_html(self)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(self.to_text())

    def to_dict(self) -> dict[str, Any]:
        return {
            "check": self.check,
            "passed": self.passed,
            "summary": self.summary,
            "items": [item.to_dict() for item in self.items],
            "tips": list(self.tips),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Feedback:
        return cls(
            check=str(data["check"]),
            items=tuple(FeedbackItem.from_dict(item) for item in data["items"]),
            summary=str(data["summary"]),
            tips=tuple(str(tip) for tip in data.get("tips", ())),
        )


def _quoted(labels: Iterable[str]) -> str:
    return ", ".join(f"« {label} »" for label in labels)


def verdict_summary(items: tuple[FeedbackItem, ...]) -> str:
    """The verdict's sentence, from how many criteria are met and which ones failed.

    « Bon début » only from half the criteria met; below half the sentence says where to start.
    The failed criteria are named, so the headline alone tells the learner what to fix first.
    """
    met = sum(item.ok for item in items)
    failed = [item.label for item in items if not item.ok]
    if items and not failed:
        return "Bravo, tous les critères sont remplis."
    if met == 0:
        return "Pas encore : reprenez les points ci-dessous un par un."
    if len(failed) == 1:
        return f"Presque : il reste un point à revoir, {_quoted(failed)}."
    if met * 2 >= len(items):
        named = _quoted(failed) if len(failed) <= 3 else f"dont {_quoted(failed[:2])}"
        return f"Bon début : il reste {len(failed)} points à revoir, {named}."
    return f"À reprendre : {len(failed)} points sur {len(items)} sont à revoir ; commencez par {_quoted(failed[:1])}."


def _without_repeats(items: Iterable[FeedbackItem]) -> tuple[FeedbackItem, ...]:
    """One item per cause: a failed item that repeats an earlier one (same label, same message) is dropped.

    Items with the same message but different labels (six captions each « À compléter ») are
    different questions and stay; a check merges causes it knows are one into one item itself.
    """
    kept: list[FeedbackItem] = []
    seen: set[tuple[str, str]] = set()
    for item in items:
        if not item.ok:
            if (item.label, item.message) in seen:
                continue
            seen.add((item.label, item.message))
        kept.append(item)
    return tuple(kept)


def build_feedback(check: str, items: Iterable[FeedbackItem], tips: Iterable[str] = ()) -> Feedback:
    """Assemble a Feedback with a kind, specific summary computed from its items."""
    kept = _without_repeats(items)
    return Feedback(check=check, items=kept, summary=verdict_summary(kept), tips=tuple(dict.fromkeys(tips)))


def input_problem(check: str, label: str, message: str, read_more: str | None = None) -> Feedback:
    """A Feedback for input that cannot be checked at all (empty, placeholder left, wrong type)."""
    item = FeedbackItem(criterion="input", label=label, ok=False, message=message, read_more=read_more)
    return Feedback(check=check, items=(item,), summary="Rien à vérifier pour l'instant.")


def criteria_word(count: int) -> str:
    return "critère" if count <= 1 else "critères"


def escape(text: object) -> str:
    """HTML-escape anything that came from a learner, quotes included."""
    return html.escape(str(text), quote=True)
