"""What runs in the learner's browser on the published site, and the links to it.

The site (``make site``, :mod:`influence_workbook.authoring.site`) holds JupyterLite in :data:`LITE_FOLDER`. A chapter's
workshop runs in JupyterLite's REPL app, opened with the few lines of :func:`workshop_lines` in its address
(:func:`repl_url`): they show the workshop the chapter notebook's workshop cell shows. There is no install line: the
kernel loads the course and everything it needs from the site's own wheels as it starts (the build lists them in
``loadPyodideOptions.packages``; Pyodide loads them in parallel, where a ``piplite.install`` line cost 0.5 s more
after the kernel's own start, measured in Chromium here), and no other host is asked (the fallback to PyPI is off).
The progress store finds JupyterLite's browser-backed ``/drive`` by itself
(:func:`influence_workbook.progress.default_progress_path`).

An exercise notebook opens in JupyterLite's notebook app (:func:`notebook_url`); the site ships the learner versions
(``exercises/``), never the solutions, and only those that run there: an exercise whose code imports pandas, numpy or
matplotlib (:func:`local_only_imports`), which have no WebAssembly build the site can ship, is done in the local
install, and its page says so.
"""

from __future__ import annotations

import ast
import json
import re
import sys
from pathlib import Path
from typing import Any
from urllib.parse import quote

LITE_FOLDER = "lite"
#: Where the exercises are in JupyterLite's file browser.
EXERCISES_FOLDER = "exercices"

#: Per chapter notebook, the call its workshop cell makes: (module, function).
WORKSHOPS: dict[str, tuple[str, str]] = {
    "01_objectif_flou": ("influence_workbook.widgets.objective", "objective_workshop"),
    "02_mauvais_influenceur": ("influence_workbook.widgets.shortlist", "shortlist_workshop"),
    "03_concept_peu_creatif": ("influence_workbook.widgets.concept", "concept_workshop"),
    "04_communication_authentique": ("influence_workbook.widgets.outreach", "outreach_workshop"),
    "05_partenariat_cache": ("influence_workbook.widgets.disclosure", "disclosure_workshop"),
    "06_confiance_createurs": ("influence_workbook.widgets.constraints", "constraints_workshop"),
    "07_partenariats_long_terme": ("influence_workbook.widgets.partnerships", "partnerships_workshop"),
    "08_evaluer_resultats": ("influence_workbook.widgets.results", "results_workshop"),
    "09_remuneration": ("influence_workbook.widgets.pay", "pay_workshop"),
    "10_brief_clair": ("influence_workbook.widgets.brief", "brief_workshop"),
}
#: Before a workshop: the widgets' updates to None made to reach the page (:func:`keep_none_in_widget_updates`), and a
#: French warning when the browser gives the site no storage (:func:`storage_notice`).
PREPARE_LINE = "from influence_workbook.live_site import prepare_browser; prepare_browser()"
STORAGE_WARNING = (
    "Attention : ce navigateur ne laisse pas le cours enregistrer vos réponses sur ce site (stockage indisponible, "
    "par exemple en navigation privée). Vos réponses seront perdues à la fermeture de la page : avant de partir, "
    "utilisez « Exporter ma progression » sur la page d'accueil du cours pour les garder dans un fichier."
)
HOME = "00_accueil"
#: The pages that make files, and the libraries they need: the home page (the certificate's PDF, the exports),
#: chapter 9 (its budget as a workbook) and chapter 10 (the brief as a PDF). The workshops' kernel does not load these
#: as it starts (1.9 MB of wheels to unpack, which every other workshop would wait for): these pages load them
#: (:data:`FILE_LINE`), the home page first (its certificate asks at once whether PDFs can be made), the chapters
#: after their workshop is shown (only « Exporter » needs them). A click in the half second they take waits for them:
#: JupyterLite's kernel takes one message at a time (a lock per kernel), so the click is handled once this line has
#: run (checked by the site's smoke test, which holds fpdf2's wheel while it clicks « Exporter »).
FILE_PAGES = (HOME, "09_remuneration", "10_brief_clair")
FILE_PACKAGES = ("fpdf2", "fonttools", "defusedxml", "openpyxl", "et-xmlfile")
FILE_LINE = f"import pyodide_js; await pyodide_js.loadPackage({list(FILE_PACKAGES)!r})"
#: The last line of every workshop: the checks' patterns are compiled at first use (influence_workbook.reading), which
#: a workshop's start does not wait for; this compiles them a second after the workshop is shown (not at once: the
#: page is still drawing it, on the same two cores), while the learner reads, so that the first « Vérifier » does not
#: pay for it (0.15–0.2 s in the browser here).
WARM_UP_LINE = ("import asyncio; from influence_workbook.reading import compile_meanings; "
                "asyncio.get_event_loop().call_later(1.0, compile_meanings)")
#: The home page's parts, as its notebook shows them, then the re-import of a progress file.
HOME_LINES: tuple[str, ...] = (
    "from influence_workbook.widgets.home import HomePage; accueil = HomePage(); accueil.campaign_form()",
    "accueil.progress()",
    "accueil.certificate()",
    "from influence_workbook.widgets.export import export_panel; export_panel(accueil.store)",
    "from influence_workbook.widgets.progress_import import import_panel; import_panel(accueil.store)",
)

_SLUG = re.compile(r"^\d\d_[a-z0-9_]+$")
#: What the browser's Python here cannot import (no WebAssembly wheel reachable from the registries).
LOCAL_ONLY_MODULES = ("pandas", "numpy", "matplotlib")
_IMPORT_LINE = re.compile(r"^\s*(?:from|import)\s+([A-Za-z_]\w*)", re.MULTILINE)


def _imported_modules(source: str) -> set[str]:
    """The top-level modules a cell imports; a cell Python cannot parse (an IPython magic) is read line by line."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return set(_IMPORT_LINE.findall(source))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names


def local_only_imports(notebook: Path) -> list[str]:
    """The modules of :data:`LOCAL_ONLY_MODULES` a notebook's code imports, sorted (empty: it runs in the browser)."""
    cells = json.loads(notebook.read_text(encoding="utf-8")).get("cells", [])
    imported: set[str] = set()
    for cell in cells:
        if cell.get("cell_type") == "code":
            source = cell.get("source", "")
            imported |= _imported_modules("".join(source) if isinstance(source, list) else source)
    return sorted(imported & set(LOCAL_ONLY_MODULES))


def live_slugs() -> list[str]:
    """Every notebook with a live version on the site: the home, then the chapters."""
    return [HOME, *WORKSHOPS]


def workshop_lines(notebook_slug: str) -> list[str]:
    """The lines the REPL runs for ``notebook_slug`` (``"01_objectif_flou"``, ``"00_accueil"``), in order."""
    if notebook_slug == HOME:
        return [FILE_LINE, PREPARE_LINE, *HOME_LINES]
    try:
        module, function = WORKSHOPS[notebook_slug]
    except KeyError:
        raise ValueError(f"no live workshop for {notebook_slug!r}; known: {', '.join(live_slugs())}") from None
    after = [FILE_LINE] if notebook_slug in FILE_PAGES else []
    return [PREPARE_LINE, f"from {module} import {function}; {function}()", *after, WARM_UP_LINE]


def quiz_lines(notebook_slug: str) -> list[str]:
    """The lines the REPL runs for the live quiz of ``notebook_slug`` (``"01_objectif_flou"``): the chapter notebook's
    quiz as a kernel shows it, scored and saved under ``/drive`` for the home page and the certificate."""
    if notebook_slug not in WORKSHOPS:
        raise ValueError(f"no live quiz for {notebook_slug!r}; known: {', '.join(WORKSHOPS)}")
    return [PREPARE_LINE, f"from influence_workbook.widgets.quiz import quiz_widget; quiz_widget({notebook_slug!r})"]


def drive_is_mounted() -> bool:
    """Whether ``/drive`` is JupyterLite's browser-backed drive in this Pyodide (it is not when the browser refuses the
    site a service worker and shared memory: the folder then lives in memory only, and a save would vanish)."""
    try:
        from pyodide_js import FS

        return bool(FS.lookupPath("/drive").node.mount.mountpoint == "/drive")
    except Exception:  # no such folder, or not Pyodide
        return False


def storage_notice() -> Any:
    """In the browser, a French warning (HTML) when answers cannot be kept; None when they can, or outside Pyodide."""
    if sys.platform != "emscripten" or drive_is_mounted():
        return None
    from IPython.display import HTML

    from influence_workbook.typography import fix
    from influence_workbook.widgets.render import notice_html

    return HTML(notice_html(fix(STORAGE_WARNING)))


def _with_js_nulls(value: Any, null: Any) -> Any:
    if value is None:
        return null
    if isinstance(value, dict):
        return {key: _with_js_nulls(item, null) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_with_js_nulls(item, null) for item in value]
    return value


def keep_none_in_widget_updates() -> bool:
    """Make a widget's update to ``None`` reach the page in Pyodide; True when the kernel needed it (and has it now).

    JupyterLite's Pyodide kernel hands each comm message to JavaScript, where Python's ``None`` becomes ``undefined``,
    and a key whose value is ``undefined`` vanishes from the message: an update such as ``layout.display = None``
    (show this box again) never reached the page. Measured in chapter 1: after « Phrase libre », the guided form was
    hidden but the sentence's box never appeared. ``pyodide.ffi.jsnull`` stays ``null`` on the way: every ``None`` of
    a message's data is replaced by it. Outside Pyodide (JupyterLab, Voilà) nothing changes.
    """
    if sys.platform != "emscripten":
        return False
    try:
        from pyodide.ffi import jsnull
        from pyodide_kernel.comm import Comm
    except ImportError:
        return False
    if getattr(Comm.publish_msg, "keeps_none", False):
        return True
    original = Comm.publish_msg

    def publish_msg(self: Any, msg_type: str, data: Any = None, metadata: Any = None, buffers: Any = None,
                    **keys: Any) -> Any:
        return original(self, msg_type, None if data is None else _with_js_nulls(data, jsnull), metadata, buffers,
                        **keys)

    publish_msg.keeps_none = True
    Comm.publish_msg = publish_msg
    return True


def prepare_browser() -> Any:
    """What runs before a live workshop: :func:`keep_none_in_widget_updates`, then :func:`storage_notice`."""
    keep_none_in_widget_updates()
    return storage_notice()


def _query(lines: list[str]) -> str:
    return "&".join(f"code={quote(line, safe='')}" for line in lines)


def _repl_address(lines: list[str]) -> str:
    """The REPL's address running ``lines`` with no banner nor code shown, relative to the site's root."""
    return f"{LITE_FOLDER}/repl/index.html?kernel=python&showBanner=0&hideCodeInput=1&{_query(lines)}"


def repl_url(notebook_slug: str) -> str:
    """The REPL's address for ``notebook_slug``, relative to the site's root (no leading slash)."""
    return _repl_address(workshop_lines(notebook_slug))


def quiz_url(notebook_slug: str) -> str:
    """The REPL's address for the live quiz of ``notebook_slug``, relative to the site's root (no leading slash)."""
    return _repl_address(quiz_lines(notebook_slug))


def notebook_url(path: str) -> str:
    """The notebook app's address for an exercise, relative to the site's root.

    ``path`` is the exercise's slug (``"01_objectif_flou"``), its file name or its path in JupyterLite's files
    (``"exercices/01_objectif_flou.ipynb"``).
    """
    name = path.rsplit("/", 1)[-1]
    name = name if name.endswith(".ipynb") else f"{name}.ipynb"
    if not _SLUG.match(name.removesuffix(".ipynb")):
        raise ValueError(f"not an exercise notebook: {path!r}")
    return f"{LITE_FOLDER}/notebooks/index.html?path={quote(f'{EXERCISES_FOLDER}/{name}')}"


__all__ = [
    "EXERCISES_FOLDER",
    "HOME",
    "LITE_FOLDER",
    "WORKSHOPS",
    "keep_none_in_widget_updates",
    "live_slugs",
    "local_only_imports",
    "notebook_url",
    "prepare_browser",
    "quiz_lines",
    "quiz_url",
    "repl_url",
    "storage_notice",
    "workshop_lines",
]
