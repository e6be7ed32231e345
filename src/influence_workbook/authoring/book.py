"""A small Sphinx extension for the course's book (listed in ``_config.yml``, ``sphinx.config.extensions``).

1. **Home links.** Chapters end with a link to ``00_accueil.ipynb``, the live home in JupyterLab
   (:mod:`influence_workbook.authoring.navigation`). That notebook is not a page of the book
   (``exclude_patterns``), so MyST's link to it would be missing (a warning, an error under -W). In
   the book, these links lead to the book's home page (``root_doc``) instead.
2. **Kernel start-up warning.** The book executes the notebooks with jupyter-cache, whose kernels
   talk to the builder over TCP on 127.0.0.1; ipykernel 7 then logs « Kernel is running over TCP
   without encryption » at start-up, once per notebook (twelve lines in a build). The IPC transport
   the warning suggests cannot be chosen here: jupyter-cache builds its kernel manager without any
   configuration, and an IPC kernel manager without a connection file puts its sockets in the
   builder's folder while the kernel runs in the notebook's (they never meet). So the kernels the
   build starts log at ERROR level (``--IPKernelApp.log_level=ERROR``). This quiets only the kernel
   process's own start-up log: a cell's warnings still reach the build through its outputs
   (``stderr_output: warn`` in ``_config.yml``) and still fail it under ``-W``. Once a notebook has run, its
   kernel is stopped at once (``NotebookClient.shutdown_kernel = "immediate"``) rather than asked to shut
   down: ipykernel 7.4 answers a shutdown request by publishing « idle » from its control thread while its
   main thread closes the IOPub pipes, and when the two cross, the kernel prints « Uncaught exception in
   ZMQStream callback » and a ZMQ traceback into the build's log (seen once in CI, 2026-12-07). Nothing is
   lost: the notebook's outputs are all in when the kernel is stopped, and the build's kernels keep nothing.
3. **The book's medium.** The kernels the build starts inherit ``INFLUENCE_WORKBOOK_MEDIUM=book``: a
   chapter's quiz is then the static HTML quiz that answers with no kernel, not the live widget
   (:func:`influence_workbook.quiz.show_quiz`). Set here, it holds for ``make book`` and the tests'
   builds alike.
4. **Workshops as a light picture.** The kernels load :mod:`influence_workbook.widgets.preview` as an IPython
   extension: in the book medium a workshop cell shows an inert picture of the workshop and « Activer
   l'atelier », which opens the live workshop (JupyterLite, :func:`influence_workbook.live_site.repl_url`). The
   build keeps no widget state (``NotebookClient.store_widget_state``), so no page embeds any, and myst-nb adds
   the widget renderer (``nb_ipywidgets_js``, 3.6 MB) to none. Each page's link to its live workshop, relative to
   the page, replaces the picture's marker; ``live-workshop.js`` (the button's script) is added to those pages
   only. A chapter's quiz gets « Activer le quiz » the same way (:func:`influence_workbook.quiz.quiz_block_html`,
   :func:`live_site.quiz_url`): its static version answers without Python, the live one is scored and saved for the
   home page and the certificate. Exercise pages get a link « Ouvrir l'exercice dans le navigateur »
   (:func:`live_site.notebook_url`), and the home page's link « Ouvrir ma progression » (:data:`HOME_URL_MARKER`)
   leads to the live home.
5. **Lighter pages.** The theme's Font Awesome script (1.5 MB, on every page, for sixteen icons) is left out by
   ``book/_templates/static/webpack-macros.html``; the theme's stylesheet draws those icons with its web font.
   MathJax is loaded by a page whose own content has formulas, not by the home page for its table of contents'
   sake (Sphinx counts the formulas of the pages a toctree includes); the widget renderer, its state and its
   MathJax 2 shim only by a page that shows a widget's view (none).
"""

from __future__ import annotations

import hashlib
import html
import os
import re
from pathlib import Path, PurePosixPath
from typing import Any

import nbformat
from docutils import nodes
from nbclient import NotebookClient
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config

from influence_workbook import live_site
from influence_workbook.paths import course_root
from influence_workbook.quiz import MEDIUM_VARIABLE, QUIZ_URL_MARKER
from influence_workbook.typography import fix
from influence_workbook.widgets import preview
from influence_workbook.widgets.preview import LIVE_URL_MARKER

HOME_NOTEBOOK = "00_accueil.ipynb"
#: The kernel's own log level during the build (its start-up notices and warnings).
KERNEL_LOG_LEVEL = "--IPKernelApp.log_level=ERROR"
#: The kernels display widgets as the book's light picture (influence_workbook.widgets.preview).
KERNEL_PREVIEW_EXTENSION = "--IPKernelApp.extensions=influence_workbook.widgets.preview"
#: How the build stops a kernel whose notebook is done (see 2. above: a graceful stop can print a traceback).
KERNEL_SHUTDOWN = "immediate"
#: The button's script (book/_assets), added to the pages that show a workshop's picture.
LIVE_SCRIPT = "live-workshop.js"
#: A quiz's marker and name (``quiz.quiz_block_html``), replaced by the page's link to the live quiz.
_QUIZ_LINK = re.compile(re.escape(QUIZ_URL_MARKER) + r"([0-9a-z_]+)")
TYPESET_SHIM = "typeset-shim.js"
MATHJAX_SCRIPT = "mathjax/"
EXERCISE_LINK_LABEL = "Ouvrir l'exercice dans le navigateur"
#: Written in a book page (book/index.md) where the link to the live home (progress, export, import) goes.
HOME_URL_MARKER = "__IW_HOME_URL__"


def rewrite_home_links(doctree: nodes.Node, root_doc: str) -> int:
    """Turn each link to the home notebook into a link to ``root_doc``; the number rewritten."""
    count = 0
    home = PurePosixPath(HOME_NOTEBOOK)
    links = (addnodes.download_reference, addnodes.pending_xref)
    for node in list(doctree.findall(lambda candidate: isinstance(candidate, links))):
        target = PurePosixPath(str(node.get("reftarget", "")).split("#", 1)[0])
        # MyST writes a download of the file, or (the file being a notebook) a link to the document
        # « notebooks/00_accueil », which the build then misses: both mean the home.
        is_home = target.name == home.name if isinstance(node, addnodes.download_reference) else (
            node.get("refdomain") == "doc" and node.get("reftype") == "myst" and target.name in {home.name, home.stem})
        if not is_home:
            continue
        link = addnodes.pending_xref(
            "", *node.children, refdomain="std", reftype="doc", reftarget="/" + root_doc,
            refexplicit=True, refwarn=True, refdoc=node.get("refdoc", ""),
        )
        for part in (link, *link.findall(nodes.Element)):  # MyST puts « download » on the inner text
            part["classes"] = [name for name in part.get("classes", []) if name != "download"]
        node.replace_self(link)
        count += 1
    return count


def quiet_kernel_start_up() -> list[str]:
    """Kernels started by nbclient in this process log errors only, show widgets as the book's picture and
    are stopped at once when their notebook is done; the arguments they get. Widget state is not kept: no
    page needs it."""
    trait = NotebookClient.extra_arguments
    current = list(trait.default_value) if isinstance(trait.default_value, list) else []  # unset: []
    added = [argument for argument in (KERNEL_LOG_LEVEL, KERNEL_PREVIEW_EXTENSION) if argument not in current]
    if added:
        trait.default_value = [*current, *added]
    set_client_default("store_widget_state", False)
    set_client_default("shutdown_kernel", KERNEL_SHUTDOWN)
    return list(trait.default_value)


def set_client_default(name: str, value: bool | str) -> object:
    """Clients made from now on in this process get ``value`` for the trait ``name``; what a new client gets.

    jupyter-cache makes its ``NotebookClient`` with no configuration, so the trait's default decides.
    traitlets copies an immutable default (a bool, a str) into the class once
    (``_static_immutable_initial_values``) when the class is made: changing ``default_value`` alone would
    not reach new clients, so both are set."""
    getattr(NotebookClient, name).default_value = value
    initial = getattr(NotebookClient, "_static_immutable_initial_values", None)
    if isinstance(initial, dict):
        initial[name] = value
    return getattr(NotebookClient(nbformat.v4.new_notebook()), name)


def page_root(pagename: str) -> str:
    """The relative prefix from a page to the site's root (``"../"`` for ``notebooks/01_objectif_flou``)."""
    return "../" * pagename.count("/")


def live_link(pagename: str) -> str | None:
    """The link from a chapter page to its live workshop, relative to the page; None for other pages."""
    folder, _, slug = pagename.rpartition("/")
    if folder != "notebooks" or slug not in live_site.WORKSHOPS:
        return None
    return page_root(pagename) + live_site.repl_url(slug)


def _exercise_slug(pagename: str) -> str | None:
    folder, _, slug = pagename.rpartition("/")
    return slug if folder == "exercises" and slug in live_site.WORKSHOPS else None


def exercise_local_only(pagename: str) -> list[str]:
    """What an exercise page's code imports that the browser cannot (pandas...): empty for other pages."""
    slug = _exercise_slug(pagename)
    return [] if slug is None else live_site.local_only_imports(course_root() / "exercises" / f"{slug}.ipynb")


def exercise_link(pagename: str) -> str | None:
    """The link from an exercise page to the exercise in JupyterLite, relative to the page; None for other pages and
    for an exercise that needs the local install (:func:`exercise_local_only`)."""
    slug = _exercise_slug(pagename)
    if slug is None or exercise_local_only(pagename):
        return None
    return page_root(pagename) + live_site.notebook_url(slug)


def exercise_link_html(href: str) -> str:
    return (f'<p class="iw-exercise-live"><a class="iw-live-link" href="{html.escape(href)}">'
            f"{html.escape(EXERCISE_LINK_LABEL)}</a> (Python démarre dans votre navigateur, rien à installer).</p>")


#: Where the book explains the local install, from the site's root.
LOCAL_INSTALL_PAGE = "book/ouvrir-en-direct.html#sur-votre-ordinateur-avec-jupyterlab"


def exercise_local_html(pagename: str, modules: list[str]) -> str:
    """The note an exercise page shows instead of the link when its code needs the local install."""
    names = " et ".join(", ".join(modules).rsplit(", ", 1)) if len(modules) > 1 else modules[0]
    verb = "fonctionnent" if len(modules) > 1 else "fonctionne"
    href = page_root(pagename) + LOCAL_INSTALL_PAGE
    return fix(f'<p class="iw-exercise-local">Ces exercices utilisent {html.escape(names)}, qui ne {verb} pas dans '
               f"le navigateur : faites-les dans le cours installé sur votre ordinateur "
               f'(<a href="{html.escape(href)}">comment l\'installer</a>). Les ateliers du chapitre, eux, '
               f"s'ouvrent dans le navigateur.</p>")


def preview_cache_key() -> str:
    """A digest of the code that draws a workshop's picture in the executed notebooks."""
    return hashlib.sha256(Path(preview.__file__).read_bytes()).hexdigest()[:12]


def _on_config_inited(app: Sphinx, config: Config) -> None:
    """Executed notebooks are cached by their code alone (jupyter-cache): a change to how the kernels draw
    a workshop would leave the pages with the old outputs. The cache's folder is keyed on that code, so
    such a change re-executes the notebooks once (as a first build does)."""
    if not config.nb_execution_cache_path:
        folder = Path(app.outdir).parent / ".jupyter_cache" / f"preview-{preview_cache_key()}"
        config.nb_execution_cache_path = str(folder)


#: Where the build environment remembers what its pages' live links were made from.
LIVE_LINKS_KEY = "influence_workbook_live_links"


def _on_env_get_outdated(app: Sphinx, env: Any, added: set[str], changed: set[str], removed: set[str]) -> list[str]:
    """The pages' links to the live site come from live_site: when they change, every page is read again, not
    only the pages whose source changed (an incremental build kept the REPL's previous address)."""
    key = live_links_key()
    if getattr(env, LIVE_LINKS_KEY, None) == key:
        return []
    setattr(env, LIVE_LINKS_KEY, key)
    return sorted(env.found_docs)


def live_links_key() -> str:
    """A digest of every chapter's and exercise's link to the live site (``live_site``), or of the note that sends
    an exercise to the local install."""
    links = [f"{slug}\n{live_site.repl_url(slug)}\n{live_site.quiz_url(slug)}\n{exercise_link(f'exercises/{slug}')}\n"
             f"{exercise_local_only(f'exercises/{slug}')}" for slug in live_site.WORKSHOPS]
    links.append(live_site.repl_url(live_site.HOME))
    return hashlib.sha256("\n".join(links).encode("utf-8")).hexdigest()[:12]


def _on_page_context(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    body = context.get("body")
    if not isinstance(body, str):
        return
    live_blocks = LIVE_URL_MARKER in body or QUIZ_URL_MARKER in body
    if LIVE_URL_MARKER in body:
        link = live_link(pagename)
        if link is None:
            raise ValueError(f"{pagename}: a workshop's picture, but no live workshop for this page")
        body = context["body"] = body.replace(LIVE_URL_MARKER, html.escape(link))
    if QUIZ_URL_MARKER in body:
        context["body"] = _QUIZ_LINK.sub(lambda found: html.escape(page_root(pagename) + live_site.quiz_url(
            found.group(1))), body)
    if live_blocks:
        app.add_js_file(LIVE_SCRIPT, loading_method="defer")
    if HOME_URL_MARKER in context["body"]:
        home = page_root(pagename) + live_site.repl_url(live_site.HOME)
        context["body"] = context["body"].replace(HOME_URL_MARKER, html.escape(home))
    link = exercise_link(pagename)
    local_only = exercise_local_only(pagename)
    note = exercise_link_html(link) if link is not None else exercise_local_html(pagename, local_only) \
        if local_only else None
    if note is not None:
        # After the page's title (its first heading), before the exercises themselves.
        heading_end = context["body"].find("</h1>")
        at = heading_end + len("</h1>") if heading_end >= 0 else 0
        context["body"] = context["body"][:at] + note + context["body"][at:]
    scripts = context.get("script_files")
    if isinstance(scripts, list):
        math_domain = app.env.get_domain("math")
        own_math = bool(math_domain.data.get("has_equations", {}).get(pagename))
        widget_views = WIDGET_VIEW_TYPE in str(context.get("body", ""))
        scripts[:] = [script for script in scripts if _keeps(script, own_math=own_math, widget_views=widget_views)]


#: The MIME types of the widget state a notebook's metadata carries and of a widget's view in an output.
WIDGET_STATE_TYPE = "application/vnd.jupyter.widget-state+json"
WIDGET_VIEW_TYPE = "application/vnd.jupyter.widget-view+json"
#: The widget renderer's files (``nb_ipywidgets_js`` in _config.yml) and its MathJax 2 shim.
WIDGET_SCRIPTS = ("widgets/require.js", "widget-paths.js", "widgets/embed-amd.js", TYPESET_SHIM)


def _keeps(script: Any, *, own_math: bool, widget_views: bool) -> bool:
    """Whether a page keeps one of the scripts Sphinx and its extensions gave it.

    The widget state and renderer stay only on a page that shows a widget's view (none, since a workshop shows
    as a picture: the stored notebooks still carry their widgets' state in their metadata, which myst-nb would
    embed); MathJax and its configuration only on a page with formulas of its own."""
    name = str(getattr(script, "filename", "") or "").removeprefix("_static/")
    attributes = getattr(script, "attributes", {}) or {}
    if not widget_views and (name in WIDGET_SCRIPTS or attributes.get("type") == WIDGET_STATE_TYPE):
        return False
    is_mathjax = name.startswith(MATHJAX_SCRIPT) or "window.MathJax" in str(attributes.get("body", ""))
    return own_math or not is_mathjax


def _on_doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    rewrite_home_links(doctree, app.config.root_doc)


def setup(app: Sphinx) -> dict[str, Any]:
    # Before Sphinx's download collector (priority 500) would copy the notebook into _downloads.
    app.connect("doctree-read", _on_doctree_read, priority=400)
    app.connect("config-inited", _on_config_inited)
    app.connect("env-get-outdated", _on_env_get_outdated)
    # After sphinx.ext.mathjax's own handler (priority 500), which adds MathJax to the page.
    app.connect("html-page-context", _on_page_context, priority=600)
    quiet_kernel_start_up()
    os.environ[MEDIUM_VARIABLE] = "book"  # the notebooks' kernels are started by this process
    return {"parallel_read_safe": True, "parallel_write_safe": True}
