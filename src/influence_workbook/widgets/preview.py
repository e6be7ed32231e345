"""The book's picture of a workshop: inert HTML drawn from the real widget tree, and « Activer l'atelier ».

In the static book (``INFLUENCE_WORKBOOK_MEDIUM=book``) a workshop cannot run: there is no kernel.
Rather than embedding the widgets' state and a 3.6 MB renderer that draws fields doing nothing,
a chapter's workshop cell shows a light static picture of it, made here from the very widget tree
the workshop builds (its texts, its fields with their placeholders and values, its menus and
buttons), plus a real button that swaps the picture for the live workshop: JupyterLite's REPL in
an iframe, where Python runs in the learner's browser (``influence_workbook.live_site``).

How it gets there: the book's Sphinx extension starts the notebooks' kernels with this module as an
IPython extension (``--IPKernelApp.extensions``); :func:`load_ipython_extension` then makes IPython
display any widget through :func:`live_block_html`, in the book medium only. No workshop module
changes: a workshop cell still ends with ``objective_workshop()``.

The iframe's address is not known in the kernel (it runs with no idea of the page it fills): the
block carries :data:`LIVE_URL_MARKER`, which the Sphinx extension replaces, page by page, with the
page's relative link to ``live_site.repl_url(slug)``. The button's script is
``book/_assets/live-workshop.js``.
"""

from __future__ import annotations

import base64
import html
import os
import re
from collections.abc import Iterable
from typing import Any

import ipywidgets as widgets

from influence_workbook.chapters import MEDIUM_VARIABLE

#: Replaced by the book's Sphinx extension with the page's link to the live workshop.
LIVE_URL_MARKER = "__IW_LIVE_URL__"
CAPTION = "Aperçu de l'atelier"
ACTIVATE_LABEL = "Activer l'atelier"
#: Non-breaking spaces before « : » and « ; » and inside « 5 à 10 s » (French typography). The figures are the site
#: benchmark's (``python -m benchmarks site``): usable 4.7–6.6 s after the click on a first visit, 3.5–5.6 s after.
ACTIVATE_NOTE = (
    "Python démarre dans votre navigateur\u00a0: environ 5 à 10\u00a0s la première fois, moins ensuite. "
    "Rien n'est envoyé nulle part\u00a0; vos réponses restent enregistrées dans ce navigateur."
)
FRAME_TITLE = "Atelier en direct"
#: One output of an Output widget, in order of preference.
_OUTPUT_MIMES = ("text/html", "image/svg+xml", "image/png", "text/plain")


_HEADING = re.compile(r"<(/?)h[1-6]\b([^>]*)>", re.IGNORECASE)


def _without_headings(markup: str) -> str:
    """A workshop's own titles (``<h4>`` in a live notebook) as bold paragraphs: in a book page they would
    break the order of the page's headings (an h4 under an h2), which screen-reader users navigate by."""

    def paragraph(match: re.Match[str]) -> str:
        closing, attributes = match.group(1), match.group(2)
        return "</p>" if closing else f'<p class="iw-pv-heading"{attributes}>'

    return _HEADING.sub(paragraph, markup)


def _esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def _hidden(widget: widgets.Widget) -> bool:
    layout = getattr(widget, "layout", None)
    return layout is not None and (layout.display == "none" or layout.visibility == "hidden")


def _label(widget: widgets.Widget) -> str:
    description = str(getattr(widget, "description", "") or "")
    return f'<span class="iw-pv-label">{_esc(description)}</span>' if description else ""


def _field(text: str, *, placeholder: bool, multiline: bool = False) -> str:
    classes = "iw-pv-field" + (" iw-pv-placeholder" if placeholder else "") + (" iw-pv-area" if multiline else "")
    return f'<span class="{classes}" aria-hidden="true">{_esc(text) or "&nbsp;"}</span>'


def _row(widget: widgets.Widget, body: str) -> str:
    return f'<div class="iw-pv-row">{_label(widget)}{body}</div>'


def _output_html(outputs: Iterable[dict[str, Any]]) -> str:
    parts = []
    for output in outputs:
        if output.get("output_type") == "stream":
            parts.append(f'<pre class="iw-pv-text">{_esc(output.get("text", ""))}</pre>')
            continue
        data = output.get("data", {})
        mime = next((name for name in _OUTPUT_MIMES if name in data), None)
        if mime == "text/html":
            parts.append(_without_headings(str(data[mime])))
        elif mime == "image/svg+xml":
            parts.append(str(data[mime]))
        elif mime == "image/png":
            alt = str(output.get("metadata", {}).get("alt", "")) or "Graphique de l'atelier"
            parts.append(f'<img src="data:image/png;base64,{_esc(data[mime])}" alt="{_esc(alt)}">')
        elif mime == "text/plain":
            parts.append(f'<pre class="iw-pv-text">{_esc(data[mime])}</pre>')
    return "".join(parts)


def _children(widget: widgets.Widget) -> str:
    return "".join(preview_html(child) for child in getattr(widget, "children", ()))


def preview_html(widget: widgets.Widget) -> str:
    """Inert HTML that looks like ``widget`` as the learner first sees it (hidden parts left out)."""
    if _hidden(widget):
        return ""
    # The widget's own classes (the course's stylesheet knows some), not « iw-workshop »: the live
    # workshop's outer box alone bears it (browser tests and axe scope to it).
    classes = " ".join(_esc(name) for name in getattr(widget, "_dom_classes", ()) if name != "iw-workshop")
    if isinstance(widget, widgets.Tab | widgets.Accordion):
        titles = [str(title or "") for title in getattr(widget, "titles", ())]
        strip = "".join(f'<span class="iw-pv-tab">{_esc(title)}</span>' for title in titles if title)
        index = widget.selected_index if widget.selected_index is not None else 0
        shown = widget.children[index] if 0 <= index < len(widget.children) else None
        body = preview_html(shown) if shown is not None else ""
        return f'<div class="iw-pv-box {classes}"><div class="iw-pv-tabs" aria-hidden="true">{strip}</div>{body}</div>'
    if isinstance(widget, widgets.Box):
        kind = "iw-pv-hbox" if isinstance(widget, widgets.HBox) else "iw-pv-box"
        return f'<div class="{kind} {classes}">{_children(widget)}</div>'
    if isinstance(widget, widgets.HTML | widgets.HTMLMath):
        return f'<div class="iw-pv-html {classes}">{_without_headings(widget.value)}</div>'
    if isinstance(widget, widgets.Label):
        return f'<div class="iw-pv-html {classes}">{_esc(widget.value)}</div>'
    if isinstance(widget, widgets.Output):
        return f'<div class="iw-pv-html {classes}">{_output_html(widget.outputs)}</div>'
    if isinstance(widget, widgets.Button):
        button = f'<span class="iw-pv-button" aria-hidden="true">{_esc(widget.description)}</span>'
        return f'<div class="iw-pv-row">{button}</div>'
    if isinstance(widget, widgets.Checkbox | widgets.ToggleButton):
        mark = "☑" if widget.value else "☐"
        return f'<div class="iw-pv-row"><span aria-hidden="true">{mark}</span> {_label(widget)}</div>'
    if isinstance(widget, widgets.Textarea):
        text = widget.value or widget.placeholder
        return _row(widget, _field(text, placeholder=not widget.value, multiline=True))
    if isinstance(widget, widgets.Text | widgets.Password | widgets.Combobox):
        value = "•" * len(widget.value) if isinstance(widget, widgets.Password) else widget.value
        return _row(widget, _field(value or widget.placeholder, placeholder=not widget.value))
    if isinstance(widget, widgets.Dropdown):
        return _row(widget, _field(f"{widget.label or ''} ▾", placeholder=not widget.value))
    if isinstance(widget, widgets.RadioButtons | widgets.ToggleButtons | widgets.Select | widgets.SelectMultiple):
        chosen = set(widget.label) if isinstance(widget.label, tuple) else {widget.label}
        items = "".join(
            f'<li>{"◉" if label in chosen else "○"} {_esc(label)}</li>' for label in widget._options_labels
        )
        return _row(widget, f'<ul class="iw-pv-choices" aria-hidden="true">{items}</ul>')
    if isinstance(widget, widgets.Image):
        if not widget.value:
            return ""
        encoded = base64.b64encode(bytes(widget.value)).decode("ascii")
        return f'<img src="data:image/{_esc(widget.format)};base64,{encoded}" alt="">'
    if hasattr(widget, "value") and hasattr(widget, "description"):  # sliders, number fields, dates
        value = widget.value
        return _row(widget, _field("" if value is None else str(value), placeholder=False))
    return ""


def live_block_html(widget: widgets.Widget) -> str:
    """The workshop's static picture, captioned, and the button that swaps in the live workshop."""
    return (
        f'<div class="iw-live-block" data-iw-live-src="{LIVE_URL_MARKER}" data-iw-frame-title="{_esc(FRAME_TITLE)}">'
        '<div class="iw-live-start">'
        f'<button type="button" class="iw-live-button">{_esc(ACTIVATE_LABEL)}</button>'
        f'<p class="iw-live-note">{_esc(ACTIVATE_NOTE)}</p>'
        "</div>"
        '<figure class="iw-live-preview">'
        f'<figcaption class="iw-live-caption">{_esc(CAPTION)}</figcaption>'
        f'<div class="iw-preview">{preview_html(widget)}</div>'
        "</figure>"
        "</div>"
    )


def _bundle(widget: widgets.Widget) -> dict[str, str]:
    return {"text/html": live_block_html(widget)}


def in_book_medium() -> bool:
    return os.environ.get(MEDIUM_VARIABLE, "").strip().lower() == "book"


def load_ipython_extension(ipython: Any) -> None:
    """IPython extension: in the book medium, a displayed widget becomes its static picture."""
    if in_book_medium():
        ipython.display_formatter.mimebundle_formatter.for_type(widgets.Widget, _bundle)
