"""The book's static picture of a workshop (influence_workbook.widgets.preview) and its links (authoring.book)."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import ipywidgets as widgets
import pytest

from influence_workbook import live_site, quiz
from influence_workbook.authoring import book
from influence_workbook.widgets import preview
from influence_workbook.widgets.common import dropdown, text_area, text_field, workshop_box


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {name: value or "" for name, value in attrs}))


def _tags(markup: str) -> list[tuple[str, dict[str, str]]]:
    parser = _Tags()
    parser.feed(markup)
    return parser.tags


def _sample() -> widgets.VBox:
    hidden = text_field("iw-hidden", "Caché :", "jamais montré")
    hidden.layout.display = "none"
    menu = dropdown("iw-menu", "Étape :", ("Notoriété", "Conversion"))
    filled = text_field("iw-filled", "Chiffre :", "ex. 1 500")
    filled.value = "2 000 ventes"
    return workshop_box([
        widgets.HTML("<p>Consigne <strong>en gras</strong></p>"),
        menu,
        text_field("iw-goal", "Public visé :", "ex. les 18-34 ans"),
        filled,
        text_area("iw-area", "Message :", "Bonjour <script>"),
        hidden,
        widgets.Button(description="Vérifier"),
        widgets.Label("Étiquette <b>"),
    ], "iw-sample")


def test_preview_draws_every_visible_part_of_the_real_widget_tree() -> None:
    markup = preview.preview_html(_sample())
    assert "<p>Consigne <strong>en gras</strong></p>" in markup  # an HTML widget's value is the course's HTML
    for text in ("Étape :", "— choisir — ▾", "Public visé :", "ex. les 18-34 ans", "2 000 ventes", "Vérifier"):
        assert html.escape(text, quote=True) in markup, text
    assert "ex. 1 500" not in markup  # a filled field shows its value, not its placeholder
    assert "jamais montré" not in markup and "Caché" not in markup  # hidden parts are left out
    assert "Bonjour &lt;script&gt;" in markup and "Étiquette &lt;b&gt;" in markup  # texts are escaped


def test_preview_has_nothing_to_focus_or_type_in() -> None:
    tags = _tags(preview.preview_html(_sample()))
    assert not [tag for tag, _ in tags if tag in {"input", "textarea", "select", "button", "a", "iframe", "script"}]
    fields = [attrs for tag, attrs in tags if "iw-pv-field" in attrs.get("class", "") or
              "iw-pv-button" in attrs.get("class", "")]
    assert len(fields) == 5 and all(attrs.get("aria-hidden") == "true" for attrs in fields)
    # Only the live workshop's box is « iw-workshop » (what the browser tests scope to).
    assert "iw-workshop" not in preview.preview_html(_sample()) and "iw-sample" in preview.preview_html(_sample())


def test_live_block_has_a_caption_a_real_button_and_the_marker() -> None:
    markup = preview.live_block_html(_sample())
    tags = _tags(markup)
    buttons = [attrs for tag, attrs in tags if tag == "button"]
    assert len(buttons) == 1 and buttons[0].get("type") == "button"
    assert ">Activer l&#x27;atelier</button>" in markup
    assert "Aperçu de l&#x27;atelier</figcaption>" in markup
    assert preview.LIVE_URL_MARKER in markup
    # What happens on a click, in French with its non-breaking spaces.
    assert "5 à 10\u00a0s" in preview.ACTIVATE_NOTE and "navigateur\u00a0:" in preview.ACTIVATE_NOTE


def test_the_ipython_extension_acts_in_the_book_medium_only(monkeypatch: pytest.MonkeyPatch) -> None:
    registered: list[tuple[type, Any]] = []
    shell = SimpleNamespace(display_formatter=SimpleNamespace(
        mimebundle_formatter=SimpleNamespace(for_type=lambda kind, function: registered.append((kind, function)))))
    monkeypatch.setenv(preview.MEDIUM_VARIABLE, "live")
    preview.load_ipython_extension(shell)
    assert registered == []
    monkeypatch.setenv(preview.MEDIUM_VARIABLE, "book")
    preview.load_ipython_extension(shell)
    assert [kind for kind, _ in registered] == [widgets.Widget]
    bundle = registered[0][1](_sample())
    assert set(bundle) == {"text/html"} and "iw-live-block" in bundle["text/html"]


def test_chapter_pages_link_to_their_live_workshop_relative_to_the_page() -> None:
    for slug in live_site.WORKSHOPS:
        assert book.live_link(f"notebooks/{slug}") == "../" + live_site.repl_url(slug)
        local_only = book.exercise_local_only(f"exercises/{slug}")
        expected = None if local_only else "../" + live_site.notebook_url(slug)
        assert book.exercise_link(f"exercises/{slug}") == expected
    assert book.live_link("book/index") is None and book.exercise_link("book/glossaire") is None
    assert book.live_link("notebooks/00_accueil") is None


def test_an_exercise_that_needs_pandas_sends_the_learner_to_the_local_install_in_french() -> None:
    """pandas, numpy and matplotlib have no WebAssembly build the site can ship: those exercises get no link to the
    browser (a traceback at their first cell) but a note, and the others keep theirs."""
    local = {slug for slug in live_site.WORKSHOPS if book.exercise_local_only(f"exercises/{slug}")}
    assert local == {"02_mauvais_influenceur", "07_partenariats_long_terme", "08_evaluer_resultats", "09_remuneration"}
    assert book.exercise_local_only("exercises/08_evaluer_resultats") == ["matplotlib", "pandas"]
    note = book.exercise_local_html("exercises/08_evaluer_resultats", ["matplotlib", "pandas"])
    assert "utilisent matplotlib et pandas, qui ne fonctionnent pas dans le navigateur\u00a0:" in note
    assert 'href="../book/ouvrir-en-direct.html#sur-votre-ordinateur-avec-jupyterlab"' in note
    assert "utilisent pandas, qui ne fonctionne pas" in book.exercise_local_html("exercises/09_remuneration",
                                                                                ["pandas"])


def test_local_only_imports_reads_every_form_of_import(tmp_path: Path) -> None:
    cells = [
        {"cell_type": "code", "source": ["import numpy as np, json\n", "from pandas import DataFrame\n"]},
        {"cell_type": "code", "source": "%pip install x\nimport matplotlib.pyplot as plt"},  # a magic: read by line
        {"cell_type": "code", "source": "from .local import thing\nfrom influence_workbook import data"},
        {"cell_type": "markdown", "source": "import pandas  # prose, not code"},
    ]
    notebook = tmp_path / "n.ipynb"
    notebook.write_text(json.dumps({"cells": cells}), encoding="utf-8")
    assert live_site.local_only_imports(notebook) == ["matplotlib", "numpy", "pandas"]
    notebook.write_text(json.dumps({"cells": cells[2:]}), encoding="utf-8")
    assert live_site.local_only_imports(notebook) == []


def test_page_context_fills_the_link_and_adds_the_script_to_that_page_only() -> None:
    added: list[str] = []
    app: Any = SimpleNamespace(
        add_js_file=lambda name, **_: added.append(name),
        env=SimpleNamespace(get_domain=lambda _: SimpleNamespace(data={"has_equations": {}})),
    )
    context: dict[str, Any] = {"body": preview.live_block_html(_sample()), "script_files": []}
    book._on_page_context(app, "notebooks/01_objectif_flou", "page.html", context, None)
    assert preview.LIVE_URL_MARKER not in context["body"]
    src = re.search(r'data-iw-live-src="([^"]+)"', context["body"])
    assert src and html.unescape(src.group(1)) == "../" + live_site.repl_url("01_objectif_flou")
    assert added == [book.LIVE_SCRIPT]
    other: dict[str, Any] = {"body": "<h1>Glossaire</h1>", "script_files": []}
    book._on_page_context(app, "book/glossaire", "page.html", other, None)
    assert added == [book.LIVE_SCRIPT] and other["body"] == "<h1>Glossaire</h1>"
    with pytest.raises(ValueError, match="no live workshop"):
        book._on_page_context(app, "book/glossaire", "page.html", {"body": preview.LIVE_URL_MARKER}, None)


def test_exercise_pages_get_the_link_to_the_notebook_in_the_browser_or_the_local_note() -> None:
    app: Any = SimpleNamespace(add_js_file=lambda *a, **k: None,
                               env=SimpleNamespace(get_domain=lambda _: SimpleNamespace(data={})))
    context: dict[str, Any] = {"body": "<section><h1>Exercices</h1><p>Texte</p></section>"}
    book._on_page_context(app, "exercises/01_objectif_flou", "page.html", context, None)
    link = html.escape("../" + live_site.notebook_url("01_objectif_flou"))
    assert context["body"].startswith(f'<section><h1>Exercices</h1><p class="iw-exercise-live"><a class="iw-live-link" '
                                      f'href="{link}">Ouvrir l&#x27;exercice dans le navigateur</a>')
    context = {"body": "<section><h1>Exercices</h1><p>Texte</p></section>"}
    book._on_page_context(app, "exercises/02_mauvais_influenceur", "page.html", context, None)
    assert context["body"].startswith('<section><h1>Exercices</h1><p class="iw-exercise-local">Ces exercices '
                                      "utilisent pandas")
    assert "iw-live-link" not in context["body"]


def test_mathjax_and_the_widget_renderer_stay_only_where_needed() -> None:
    def script(name: str, **attributes: str) -> Any:
        return SimpleNamespace(filename=name, attributes=attributes)

    def page(name: str, equations: dict[str, bool], body: str = "") -> list[str]:
        files = [script("_static/typeset-shim.js"), script("_static/doctools.js"),
                 script("", body="window.MathJax = {}"), script("_static/mathjax/tex-mml-chtml.js", defer="defer"),
                 script("", type="application/vnd.jupyter.widget-state+json", body="{}"),
                 script("_static/widgets/require.js"), script("_static/widget-paths.js"),
                 script("_static/widgets/embed-amd.js", **{"data-jupyter-widgets-cdn": "x/"})]
        app: Any = SimpleNamespace(add_js_file=lambda *a, **k: None, env=SimpleNamespace(
            get_domain=lambda _: SimpleNamespace(data={"has_equations": equations})))
        book._on_page_context(app, name, "page.html", {"body": body, "script_files": files}, None)
        return [str(s.filename).removeprefix("_static/") or s.attributes.get("type", "inline") for s in files]

    assert page("book/index", {"book/index": False, "book/glossaire": True}) == ["doctools.js"]
    assert page("book/glossaire", {"book/glossaire": True}) == [
        "doctools.js", "inline", "mathjax/tex-mml-chtml.js"]
    # A page that shows a widget's view (none does today) keeps the renderer, its state and the shim.
    view = '<script type="application/vnd.jupyter.widget-view+json">{}</script>'
    assert page("book/credits", {}, view) == [
        "typeset-shim.js", "doctools.js", "application/vnd.jupyter.widget-state+json", "widgets/require.js",
        "widget-paths.js", "widgets/embed-amd.js"]


def test_the_book_build_keeps_no_widget_state_and_stops_kernels_at_once() -> None:
    from nbclient import NotebookClient
    from nbformat import v4

    initial = NotebookClient._static_immutable_initial_values
    changed = ("store_widget_state", "shutdown_kernel")
    assert NotebookClient(v4.new_notebook()).shutdown_kernel == "graceful"  # nbclient's own default
    arguments = NotebookClient.extra_arguments.default_value
    saved = {name: (getattr(NotebookClient, name).default_value, initial.get(name)) for name in changed}
    try:
        book.quiet_kernel_start_up()
        client = NotebookClient(v4.new_notebook())
        assert client.store_widget_state is False
        assert client.shutdown_kernel == "immediate"
        assert book.KERNEL_PREVIEW_EXTENSION in client.extra_arguments
    finally:  # the other tests' clients are nbclient's own
        for name, (default, copied) in saved.items():
            getattr(NotebookClient, name).default_value, initial[name] = default, copied
        NotebookClient.extra_arguments.default_value = arguments


def test_pages_are_read_again_when_the_live_links_change(monkeypatch: pytest.MonkeyPatch) -> None:
    env: Any = SimpleNamespace(found_docs={"book/index", "notebooks/01_objectif_flou"})
    app: Any = None
    everything = ["book/index", "notebooks/01_objectif_flou"]
    assert book._on_env_get_outdated(app, env, set(), set(), set()) == everything  # a first build
    assert book._on_env_get_outdated(app, env, set(), set(), set()) == []  # nothing changed
    monkeypatch.setattr(live_site, "repl_url", lambda slug: f"autre/{slug}")
    assert book._on_env_get_outdated(app, env, set(), set(), set()) == everything
    assert book._on_env_get_outdated(app, env, set(), set(), set()) == []


def test_a_chapters_quiz_links_to_its_live_quiz_and_gets_the_buttons_script() -> None:
    scripts: list[str] = []
    app: Any = SimpleNamespace(add_js_file=lambda name, **_k: scripts.append(name),
                               env=SimpleNamespace(get_domain=lambda _: SimpleNamespace(data={})))
    block = quiz.quiz_block_html("03_concept_peu_creatif", "<section>quiz</section>")
    context: dict[str, Any] = {"body": f"<h1>Chapitre 3</h1>{block}"}
    book._on_page_context(app, "notebooks/03_concept_peu_creatif", "page.html", context, None)
    link = html.escape("../" + live_site.quiz_url("03_concept_peu_creatif"))
    assert f'data-iw-live-src="{link}"' in context["body"] and quiz.QUIZ_URL_MARKER not in context["body"]
    assert scripts == [book.LIVE_SCRIPT]


def test_the_home_page_links_to_the_live_home() -> None:
    app: Any = SimpleNamespace(add_js_file=lambda *a, **k: None,
                               env=SimpleNamespace(get_domain=lambda _: SimpleNamespace(data={})))
    context: dict[str, Any] = {"body": f'<a href="{book.HOME_URL_MARKER}">Ouvrir ma progression</a>'}
    book._on_page_context(app, "book/index", "page.html", context, None)
    home = html.escape("../" + live_site.repl_url(live_site.HOME))
    assert context["body"] == f'<a href="{home}">Ouvrir ma progression</a>'
    index = Path(__file__).resolve().parents[1] / "book" / "index.md"
    assert book.HOME_URL_MARKER in index.read_text(encoding="utf-8")
