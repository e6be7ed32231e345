"""What every workshop widget shares: the « Vérifier » button, saved progress, safe feedback.

A workshop supplies three plain functions: ``collect()`` reads its fields into a JSON-able
answer, ``restore(answer)`` puts a saved answer back into its fields, and ``check(answer)``
returns a :class:`~influence_workbook.feedback.Feedback`. :class:`CheckedStep` does the rest:
it checks the answer, shows the verdict escaped, then saves both (the answer is saved even when
the check itself fails, so nothing typed is lost), and reloads both when the notebook is opened
again.

The verdict is prepared while the learner pauses: the fields given to :meth:`CheckedStep.watch`
start a check PREPARE_DELAY_S after their last change, kept for that exact answer and that day, so
that « Vérifier » only has to show and save it. ``check`` must therefore be a function of the
answer and the date alone, with no effect on the page (chapter 2 redraws its figure in a click
handler of its own).
"""

from __future__ import annotations

import asyncio
import base64
import json
import logging
import sys
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import ipywidgets as widgets

from influence_workbook import clock
from influence_workbook.feedback import Feedback
from influence_workbook.progress import ProgressStore, os_error_in_french
from influence_workbook.widgets.render import (
    WORKSHOP_STYLE,
    feedback_html,
    notice_html,
    placeholder_html,
    text_html,
)

LOGGER = logging.getLogger("influence_workbook.widgets")

UNEXPECTED_PROBLEM = (
    "La vérification a rencontré un problème inattendu. Votre réponse est bien enregistrée. "
    "Réessayez ; si le problème persiste, signalez-le à votre formateur ou formatrice."
)
SAVE_PROBLEM = (
    "Votre réponse n'a pas pu être enregistrée sur le disque ({reason}). Elle reste affichée : "
    "copiez-la de côté avant de fermer la page."
)

FIELD_STYLE = {"description_width": "12rem"}
# Fields fill the column up to a readable width, and never overflow it (the book's preview too).
def wide_layout() -> widgets.Layout:
    """A new full-width layout for one field. Never share a Layout between fields: hiding one
    (``layout.display = "none"``) would hide every field that shares it (chapter 3's canvas vanished
    once chapter 1's objective was saved, because hiding its goal menu hid all its fields)."""
    return widgets.Layout(width="100%", max_width="48rem")
# A dark blue with white bold text: 10:1 contrast (WCAG AA asks 4.5:1). No icon: the icon font
# would be fetched by the book's widget renderer from a path it does not serve, and the glyph
# would start the button's accessible name.
BUTTON_STYLE = {"button_color": "#1e3a8a", "text_color": "white", "font_weight": "bold"}
#: Seconds after a field's last change before the verdict is prepared. Pointing at the button takes
#: a learner 300 ms or more, so the verdict is ready by the click; typing at 5 characters a
#: second (200 ms apart) restarts the wait rather than checking at each keystroke.
PREPARE_DELAY_S = 0.15
#: Seconds between showing a click's verdict and saving it (see CheckedStep._on_click): long
#: enough for the kernel to send the verdict first and, most often, for the page to paint it before
#: the status line « Enregistré le … » follows; short beside any way to lose the answer (the kernel
#: saves it whatever the page does). 50 ms rather than 5: in a 7-run A/B of every workshop (issue 3,
#: stop 11) 11 of 13 differing click medians were faster, by about 3 ms; the page's share of the
#: click did not drop everywhere, so why it helps is not settled.
SAVE_AFTER_S = 0.05
#: The module the published site's kernel runs (JupyterLite's Pyodide kernel); see :func:`kernel_loop`.
PYODIDE_KERNEL = "pyodide_kernel"
KEPT_PREVIOUS = ("Rien n'a été enregistré pour cette réponse vide : votre réponse précédente reste "
                 "enregistrée et sera reprise dans les chapitres suivants.")


def _local_time(saved_at: str) -> str:
    try:
        moment = datetime.fromisoformat(saved_at).astimezone()
    except ValueError:
        return saved_at
    return moment.strftime("%d/%m/%Y à %H:%M")


def text_field(css_class: str, description: str, placeholder: str = "") -> widgets.Text:
    field = widgets.Text(description=description, placeholder=placeholder, style=FIELD_STYLE, layout=wide_layout())
    field.add_class(css_class)
    return field


def text_area(css_class: str, description: str, placeholder: str = "", rows: int = 4) -> widgets.Textarea:
    area = widgets.Textarea(
        description=description, placeholder=placeholder, rows=rows, style=FIELD_STYLE, layout=wide_layout()
    )
    area.add_class(css_class)
    return area


def dropdown(
    css_class: str, description: str, choices: tuple[str, ...], empty_label: str = "— choisir —"
) -> widgets.Dropdown:
    options: list[tuple[str, str]] = [(empty_label, ""), *((choice, choice) for choice in choices)]
    menu = widgets.Dropdown(
        description=description, options=options, value="", style=FIELD_STYLE, layout=wide_layout()
    )
    menu.add_class(css_class)
    return menu


def kernel_loop() -> asyncio.AbstractEventLoop | None:
    """The event loop of the Jupyter kernel running this code, or None (a script, a test).

    A kernel is ipykernel's (JupyterLab, Voilà) or the published site's (Pyodide in the browser).

    A running loop alone is not enough: Playwright's synchronous API, for one, keeps a loop
    « running » that only turns while it waits for the browser, so that a callback put on it may
    never run (the unit tests that follow the browser tests in ``make test`` met exactly this).
    """
    kernelbase = sys.modules.get("ipykernel.kernelbase")
    if kernelbase is not None and kernelbase.Kernel.initialized():
        try:
            return asyncio.get_running_loop()
        except RuntimeError:
            return None
    if PYODIDE_KERNEL in sys.modules:
        # The published site's kernel (JupyterLite): its ipykernel is a stand-in without ``kernelbase``, and it runs a
        # click's handler outside any task, but Pyodide's loop (a WebLoop) runs what is put on it between messages.
        # Without it, a click saved inside its handler and never cleared the status line: the previous « Enregistré »
        # stood under the new verdict while the answer was being saved, and a page closed then lost it.
        try:
            return asyncio.get_event_loop()
        except RuntimeError:
            return None
    return None


def answer_key(answer: Any) -> str:
    """The answer as canonical JSON: two answers with the same key get the same verdict."""
    return json.dumps(answer, sort_keys=True, ensure_ascii=False, default=str)


def workshop_box(children: list[widgets.Widget], css_class: str) -> widgets.VBox:
    """The outer box of a workshop: class ``iw-workshop`` (what browser tests and axe scope to) plus its own."""
    box = widgets.VBox(children)
    box.add_class("iw-workshop")
    box.add_class(css_class)
    return box


class CheckedStep:
    """The « Vérifier » button of one workshop step, with saving, reloading and safe rendering."""

    def __init__(
        self,
        *,
        chapter: str,
        step: str,
        css_prefix: str,
        collect: Callable[[], Any],
        restore: Callable[[Any], None],
        check: Callable[[Any], Feedback],
        store: ProgressStore | None = None,
        button_label: str = "Vérifier",
    ) -> None:
        self.chapter = chapter
        self.step = step
        self.collect = collect
        self.check = check
        self.store = store if store is not None else ProgressStore()
        self.button = widgets.Button(
            description=button_label, style=BUTTON_STYLE, tooltip="Vérifier ma réponse et l'enregistrer"
        )
        self.button.add_class(f"{css_prefix}-check")
        # The workshop's stylesheet, once and hidden (a <style> applies wherever it sits): the
        # feedback itself is then plain markup, cheap for the page to show at each click.
        self.style = widgets.HTML(WORKSHOP_STYLE, layout=widgets.Layout(display="none"))
        self.feedback = widgets.HTML(placeholder_html(button_label))
        self.feedback.add_class(f"{css_prefix}-feedback")
        self.status = widgets.HTML()
        self.status.add_class(f"{css_prefix}-status")
        self.notice = widgets.HTML()
        self.notice.add_class(f"{css_prefix}-notice")
        self.last_feedback: Feedback | None = None
        #: The fields whose changes prepare the verdict (see :meth:`watch`).
        self.watched: list[widgets.Widget] = []
        self._prepared: tuple[str, date, Feedback] | None = None
        self._pending: asyncio.TimerHandle | None = None
        self.button.on_click(lambda _button: self._on_click())
        self._reload(restore)

    # ------------------------------------------------------------------ preparing the verdict

    def watch(self, *fields: widgets.Widget) -> None:
        """Prepare the verdict PREPARE_DELAY_S after the last change of any of these fields."""
        for field in fields:
            field.observe(self._schedule_preparation, names="value")
            self.watched.append(field)

    def _schedule_preparation(self, _change: object = None) -> None:
        loop = kernel_loop()
        if loop is None:  # a script, a test: the click checks, as before
            return
        if self._pending is not None:
            self._pending.cancel()
        self._pending = loop.call_later(PREPARE_DELAY_S, self.prepare)

    def prepare(self) -> None:
        """Check the current answer ahead of the click and keep the verdict. Never raises.

        A check that fails here is left for the click, which reports it to the learner.
        """
        self._pending = None
        try:
            self.verdict(self.collect())
        except Exception:
            LOGGER.debug("verdict not prepared for %s/%s", self.chapter, self.step, exc_info=True)

    def forget_verdict(self) -> None:
        """Drop the prepared verdict: what the check depends on besides the answer has changed."""
        self._prepared = None

    def verdict(self, answer: Any) -> Feedback:
        """The verdict on ``answer``: the prepared one if it is for this answer and today, else checked now."""
        key, today = answer_key(answer), clock.today()
        if self._prepared is not None and self._prepared[:2] == (key, today):
            return self._prepared[2]
        feedback = self.check(answer)
        self._prepared = (key, today, feedback)
        return feedback

    def _reload(self, restore: Callable[[Any], None]) -> None:
        saved = self.store.get(self.chapter, self.step)
        if self.store.notices:
            self.notice.value = "".join(notice_html(message) for message in self.store.notices)
        if saved is None:
            return
        try:
            restore(saved.answer)
        except Exception:  # a saved answer from an older version must not break the page
            LOGGER.exception("could not restore %s/%s", self.chapter, self.step)
        if saved.feedback is not None:
            self.last_feedback = saved.feedback
            self.feedback.value = feedback_html(saved.feedback, style=False)
        self.status.value = text_html(
            f"Réponse reprise de votre dernière visite (enregistrée le {_local_time(saved.saved_at)})."
        )

    def run_check(self) -> Feedback | None:
        """Check the answer, show the verdict, save both. Never raises to the learner.

        Nothing typed is lost: when the check itself fails, the answer is saved all the same.
        An empty answer never replaces a saved one (one stray click must not erase the objective
        that later chapters reuse).
        """
        shown = self._show_verdict()
        if shown is None:
            return None
        self._record(*shown)
        return shown[1]

    def _on_click(self) -> None:
        """What « Vérifier » does: :meth:`run_check`, with the saving SAVE_AFTER_S after the verdict.

        The kernel sends a click's widget updates to the page once the click's handler has
        returned: the kernel's « busy » status, published before the check, reached the page only
        after the save had ended (the page's WebSocket messages and marks in the kernel, timed on
        one clock; the recipe is in issue 3's notes). Saving within the handler kept the verdict
        off the screen for the 2 to 5 ms of the save.
        """
        loop = kernel_loop()
        if loop is None:  # clicked from a script or a test: save now
            self.run_check()
            return
        # The status line speaks of this answer only once it is saved: the previous « Enregistré le … » would
        # otherwise stand under a verdict not saved yet (0.2–0.3 s in the browser's storage, where a page closed
        # at once loses it). Cleared before the verdict is shown, so that the page never has the new verdict
        # beside the old status: the site's test, reloading at « Enregistré », read the old one and lost the save.
        previous = self.status.value
        self.status.value = ""
        shown = self._show_verdict()
        if shown is None:
            self.status.value = previous
            return
        loop.call_later(SAVE_AFTER_S, self._record, *shown)

    def _show_verdict(self) -> tuple[Any, Feedback] | None:
        """Collect and check the answer and show the verdict; None when there is none to show."""
        try:
            answer = self.collect()
        except Exception:
            LOGGER.exception("could not read the fields of %s/%s", self.chapter, self.step)
            self.feedback.value = notice_html(UNEXPECTED_PROBLEM)
            return None
        try:
            feedback = self.verdict(answer)
        except Exception:
            LOGGER.exception("check failed for %s/%s", self.chapter, self.step)
            self._save(answer, None)
            self.feedback.value = notice_html(UNEXPECTED_PROBLEM)
            return None
        self.last_feedback = feedback
        self.feedback.value = feedback_html(feedback, style=False)
        return answer, feedback

    def _record(self, answer: Any, feedback: Feedback) -> None:
        """Save the answer and its verdict, and say so under the verdict."""
        try:
            if feedback.is_input_problem and self.store.get(self.chapter, self.step) is not None:
                self.status.value = text_html(KEPT_PREVIOUS)
            elif self._save(answer, feedback):
                self.status.value = text_html(f"Enregistré le {datetime.now().strftime('%d/%m/%Y à %H:%M')}.")
        except Exception:  # after the click's handler has returned, nobody else would report it
            LOGGER.exception("could not save %s/%s", self.chapter, self.step)
            self.status.value = notice_html(SAVE_PROBLEM.format(reason="erreur inattendue"))

    def _save(self, answer: Any, feedback: Feedback | None) -> bool:
        try:
            self.store.save(self.chapter, self.step, answer, feedback)
        except Exception as error:  # whatever fails, the learner reads why in French, nothing escapes
            LOGGER.warning("could not save %s/%s", self.chapter, self.step, exc_info=True)
            reason = os_error_in_french(error) if isinstance(error, OSError) else "erreur inattendue"
            self.status.value = notice_html(getattr(error, "notice", None) or SAVE_PROBLEM.format(reason=reason))
            return False
        return True

    def widgets(self) -> list[widgets.Widget]:
        return [self.style, self.notice, self.button, self.feedback, self.status]


def data_uri(payload: bytes, mime: str) -> str:
    """A ``data:`` URI for a download link: the page offers the file without fetching anything."""
    return f"data:{mime};base64,{base64.b64encode(payload).decode('ascii')}"


def file_size(size: int) -> str:
    """A file's size as the download links say it: « 27 Ko » (at least 1 Ko)."""
    return f"{max(1, round(size / 1024))}\u00a0Ko"
