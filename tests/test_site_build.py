"""The site build's helpers (``influence_workbook.authoring.site``) and the links to the live workshops
(``influence_workbook.live_site``), without building the site (the browser smoke test does that)."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import subprocess
import sys
import threading
import types
import urllib.error
import urllib.request
import zipfile
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import nbformat
import pytest

from influence_workbook import live_site
from influence_workbook.authoring import site
from influence_workbook.optional import FONT_FILES
from influence_workbook.paths import course_root

ROOT = course_root()


def _wheel(folder: Path, name: str, version: str) -> Path:
    path = folder / f"{name}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(path, "w") as wheel:
        wheel.writestr(f"{name}/__init__.py", f"# {name} {version}\n")
    return path


# ------------------------------------------------------------------ downloads and pins


def test_integrity_is_checked_against_the_subresource_digest() -> None:
    data = b"pyodide"
    good = "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()
    assert site.sri_matches(data, good)
    assert not site.sri_matches(data + b"!", good)
    assert not site.sri_matches(data, "md5-" + base64.b64encode(hashlib.md5(data).digest()).decode())


def test_every_browser_package_is_pinned_from_constraints_or_here() -> None:
    pins = site.read_pins(ROOT / "constraints.txt")
    requirements = site.pinned_requirements(site.BROWSER_PACKAGES, pins)
    assert "ipywidgets==" + pins["ipywidgets"] in requirements
    assert all(re.fullmatch(r"[\w.-]+==[\w.]+", r) for r in requirements)
    with pytest.raises(SystemExit, match="no pinned version"):
        site.pinned_requirements(["surely-not-a-course-dependency"], pins)


def test_nothing_the_browser_cannot_run_is_shipped_or_installed() -> None:
    compiled = {"pandas", "numpy", "matplotlib", "pillow", "lxml", "python-docx"}
    assert not compiled & {site.normalize(p) for p in site.BROWSER_PACKAGES}
    assert not compiled & {site.normalize(p) for p in site.BROWSER_REQUIRES}


# ------------------------------------------------------------------ Pyodide's lock file


def test_the_lock_file_describes_exactly_the_shipped_wheels_with_their_own_digests(tmp_path: Path) -> None:
    lock_path = tmp_path / "pyodide-lock.json"
    lock_path.write_text(json.dumps({"info": {"version": "314.0.6"}, "packages": {
        "micropip": {"name": "micropip", "version": "0.9", "file_name": "https://cdn/micropip.whl",
                     "sha256": "0" * 64, "depends": ["packaging", "numpy"]},
        "packaging": {"name": "packaging", "version": "24", "file_name": "packaging.whl", "sha256": "1" * 64,
                      "depends": []},
        "numpy": {"name": "numpy", "version": "2", "file_name": "numpy.whl", "sha256": "2" * 64, "depends": []},
    }}), encoding="utf-8")
    shipped = [_wheel(tmp_path, "micropip", "0.11.1"), _wheel(tmp_path, "packaging", "26.0"),
               _wheel(tmp_path, "influence_workbook", "0.1.0")]

    lock = site.rewrite_lock(lock_path, shipped)

    assert set(lock["packages"]) == {"micropip", "packaging", "influence-workbook"}
    assert lock["packages"]["influence-workbook"]["imports"] == ["influence_workbook"]
    micropip = lock["packages"]["micropip"]
    assert micropip["file_name"] == "micropip-0.11.1-py3-none-any.whl"
    assert micropip["sha256"] == hashlib.sha256(shipped[0].read_bytes()).hexdigest()
    assert micropip["depends"] == ["packaging"]
    assert json.loads(lock_path.read_text(encoding="utf-8")) == lock


def test_every_wheel_of_the_site_is_preloaded_by_the_kernel(tmp_path: Path) -> None:
    target = tmp_path / "jupyter-lite.json"
    site.write_lite_config(ROOT / "site" / "jupyter-lite.json", target, ["ipython", "influence-workbook"])
    settings = json.loads(target.read_text(encoding="utf-8"))["jupyter-config-data"]["litePluginSettings"][
        "@jupyterlite/pyodide-kernel-extension:kernel"]
    assert settings["disablePyPIFallback"] is True
    assert settings["loadPyodideOptions"] == {"packages": ["ipython", "influence-workbook"]}


# ------------------------------------------------------------------ the course's wheel


def test_the_course_wheel_holds_the_package_and_the_sample_data_not_the_answer_key(tmp_path: Path) -> None:
    wheel_path = site.course_wheel(ROOT, tmp_path, "0.1.0")
    with zipfile.ZipFile(wheel_path) as wheel:
        names = set(wheel.namelist())
        metadata = wheel.read("influence_workbook-0.1.0.dist-info/METADATA").decode()
        record = wheel.read("influence_workbook-0.1.0.dist-info/RECORD").decode()
        for line in record.splitlines():
            name, digest, _size = line.split(",")
            if digest:
                expected = base64.urlsafe_b64encode(hashlib.sha256(wheel.read(name)).digest()).rstrip(b"=")
                assert digest == "sha256=" + expected.decode(), name
    assert "influence_workbook/live_site.py" in names
    assert "influence_workbook/resources/data/creators.csv" in names
    # Every chapter's quiz: the live quiz and the home page read them in the browser, where no course folder is.
    assert {f"influence_workbook/resources/quiz/{slug}.json" for slug in live_site.WORKSHOPS} <= names
    # The PDFs' fonts and their licence: the browser has no matplotlib to find them in.
    assert {f"influence_workbook/resources/fonts/{name}" for name in (*FONT_FILES, "LICENSE_DEJAVU")} <= names
    assert not any("answer_key" in name or "__pycache__" in name or name.endswith(".pyc") for name in names)
    requires = re.findall(r"^Requires-Dist: (.+)$", metadata, re.MULTILINE)
    assert requires == list(site.BROWSER_REQUIRES)


def test_the_course_wheel_is_the_same_bytes_from_the_same_sources(tmp_path: Path) -> None:
    first = site.course_wheel(ROOT, tmp_path / "a", "0.1.0").read_bytes()
    second = site.course_wheel(ROOT, tmp_path / "b", "0.1.0").read_bytes()
    assert first == second


# ------------------------------------------------------------------ pages, policy, checks


def test_the_policy_goes_first_in_the_head_once() -> None:
    page = '<!DOCTYPE html><html lang="fr"><head data-x="1"><title>t</title></head><body></body></html>'
    once = site.inject_csp(page)
    assert once.startswith('<!DOCTYPE html><html lang="fr"><head data-x="1">' + site.CSP_META + "<title>")
    assert site.inject_csp(once) == once
    redirect = '<meta http-equiv="Refresh" content="0; url=book/index.html" />'
    assert site.inject_csp(redirect) == site.CSP_META + redirect


def test_the_policy_reaches_no_other_host() -> None:
    directives = dict(d.strip().split(" ", 1) for d in site.CONTENT_SECURITY_POLICY.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["connect-src"] == "'self' blob: data:"  # micropip.install cannot reach pypi.org
    assert "http" not in site.CONTENT_SECURITY_POLICY
    assert "*" not in site.CONTENT_SECURITY_POLICY


def test_the_headers_file_states_the_same_policy() -> None:
    headers = (ROOT / "site" / "_headers").read_text(encoding="utf-8")
    assert f"  Content-Security-Policy: {site.CONTENT_SECURITY_POLICY}\n" in headers
    readme = (ROOT / "site" / "README.md").read_text(encoding="utf-8")
    assert site.CONTENT_SECURITY_POLICY in readme


def test_the_site_server_sends_the_headers_and_tells_each_answer(tmp_path: Path) -> None:
    (tmp_path / "_headers").write_text("/*\n  X-Content-Type-Options: nosniff\n", encoding="utf-8")
    (tmp_path / "kernel.wasm").write_bytes(b"\0asm")
    answered: list[tuple[str, int]] = []
    server = site.site_server(tmp_path, on_request=lambda path, status: answered.append((path, status)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with urllib.request.urlopen(f"{url}/kernel.wasm") as response:
            assert response.headers["Content-Type"] == "application/wasm"  # or browsers refuse to stream-compile it
            assert response.headers["X-Content-Type-Options"] == "nosniff"
            modified = response.headers["Last-Modified"]
        again = urllib.request.Request(f"{url}/kernel.wasm", headers={"If-Modified-Since": modified})
        with pytest.raises(urllib.error.HTTPError) as unchanged:
            urllib.request.urlopen(again)
        assert unchanged.value.code == 304  # a returning browser's cache is confirmed, not downloaded again
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(f"{url}/missing.js")
    finally:
        server.shutdown()
        server.server_close()
    assert answered == [("/kernel.wasm", 200), ("/kernel.wasm", 304), ("/missing.js", 404)]


def test_the_site_check_finds_source_maps_pages_without_policy_and_excess_size(tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "index.html").write_text(site.inject_csp("<html><head></head></html>"), encoding="utf-8")
    assert site.check_site(tmp_path) == []
    (tmp_path / "lite").mkdir()
    (tmp_path / "lite" / "app.js.map").write_text("{}", encoding="utf-8")
    (tmp_path / "lite" / "index.html").write_text("<html><head></head></html>", encoding="utf-8")
    monkeypatch.setattr(site, "MAX_SITE_BYTES", 10)
    problems = site.check_site(tmp_path)
    assert "source map: lite/app.js.map" in problems
    assert "no Content-Security-Policy: lite/index.html" in problems
    assert any(p.startswith("site is ") for p in problems)


def test_a_shipped_exercise_is_the_learner_version_for_pyodides_kernel() -> None:
    for source in sorted((ROOT / "exercises").glob("[0-9][0-9]_*.ipynb")):
        notebook = site.exercise_notebook(source)
        assert notebook.metadata["kernelspec"]["name"] == "python"
        code = [c for c in notebook.cells if c.cell_type == "code"]
        learner = [c for c in nbformat.read(source, as_version=4).cells if c.cell_type == "code"]
        assert [c.source for c in code] == [c.source for c in learner]
        assert all(not c.get("outputs") for c in code)
        text = json.dumps(nbformat.v4.writes(notebook))
        assert "# SOLUTION" not in text and "BEGIN SOLUTION" not in text, source.name


# ------------------------------------------------------------------ live_site


def _workshop_cells(slug: str) -> list[str]:
    notebook = nbformat.read(ROOT / "notebooks" / f"{slug}.ipynb", as_version=4)
    return [c.source for c in notebook.cells if c.cell_type == "code"]


@pytest.mark.parametrize("slug", list(live_site.WORKSHOPS))
def test_each_chapter_runs_the_workshop_its_notebook_shows(slug: str) -> None:
    module, function = live_site.WORKSHOPS[slug]
    assert any(f"from {module} import {function}" in cell and f"{function}()" in cell
               for cell in _workshop_cells(slug)), slug
    lines = live_site.workshop_lines(slug)
    after = [live_site.FILE_LINE] if slug in live_site.FILE_PAGES else []
    assert lines == [live_site.PREPARE_LINE, f"from {module} import {function}; {function}()", *after,
                     live_site.WARM_UP_LINE]


def test_the_pages_that_make_files_load_their_libraries_first() -> None:
    """The REPL's kernel does not load fpdf2 and openpyxl as it starts: the home page (certificate, exports) loads
    them first, chapters 9 (its workbook) and 10 (the brief's PDF) once their workshop is shown; no other page asks
    for them."""
    assert set(live_site.FILE_PAGES) == {live_site.HOME, "09_remuneration", "10_brief_clair"}
    assert live_site.workshop_lines(live_site.HOME)[0] == live_site.FILE_LINE
    assert live_site.workshop_lines("09_remuneration")[-2] == live_site.FILE_LINE  # then the patterns' warm-up
    assert live_site.workshop_lines("10_brief_clair")[-2] == live_site.FILE_LINE
    for slug in live_site.live_slugs():
        lines = live_site.workshop_lines(slug)
        assert sum(line == live_site.FILE_LINE for line in lines) == (slug in live_site.FILE_PAGES), slug
    assert {"fpdf2", "fonttools", "openpyxl", "et-xmlfile", "defusedxml"} == set(live_site.FILE_PACKAGES)
    for name in live_site.FILE_PACKAGES:
        assert repr(name) in live_site.FILE_LINE


def test_every_chapter_notebook_has_its_live_workshop() -> None:
    chapters = {p.stem for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")} - {live_site.HOME}
    assert chapters == set(live_site.WORKSHOPS)


def test_the_home_shows_its_notebooks_parts_then_the_import() -> None:
    cells = _workshop_cells(live_site.HOME)
    lines = live_site.workshop_lines(live_site.HOME)
    for call in ("HomePage()", "accueil.campaign_form()", "accueil.progress()", "accueil.certificate()",
                 "export_panel(accueil.store)"):
        assert any(call in cell for cell in cells), call
        assert any(call in line for line in lines), call
    assert lines[-1].endswith("import_panel(accueil.store)")


def test_each_line_compiles_as_one_cell() -> None:
    for slug in live_site.live_slugs():
        for line in live_site.workshop_lines(slug):
            assert "\n" not in line
            compile(line, slug, "exec", flags=0x2000)  # PyCF_ALLOW_TOP_LEVEL_AWAIT


def test_the_repl_url_runs_the_lines_in_order_with_no_code_shown() -> None:
    url = live_site.repl_url("01_objectif_flou")
    parts = urlsplit(url)
    assert parts.path == "lite/repl/index.html"
    query = parse_qs(parts.query)
    assert query["kernel"] == ["python"] and query["showBanner"] == ["0"] and query["hideCodeInput"] == ["1"]
    assert query["code"] == live_site.workshop_lines("01_objectif_flou")
    with pytest.raises(ValueError, match="no live workshop"):
        live_site.repl_url("99_nothing")


def test_the_quiz_url_shows_the_chapters_live_quiz_with_no_code_shown() -> None:
    for slug in live_site.WORKSHOPS:
        parts = urlsplit(live_site.quiz_url(slug))
        query = parse_qs(parts.query)
        assert parts.path == "lite/repl/index.html" and query["hideCodeInput"] == ["1"]
        assert query["code"] == [live_site.PREPARE_LINE,
                                 f"from influence_workbook.widgets.quiz import quiz_widget; quiz_widget({slug!r})"]
        assert (ROOT / "notebooks" / "quiz" / f"{slug}.json").is_file()  # every chapter with a workshop has a quiz
    with pytest.raises(ValueError, match="no live quiz"):
        live_site.quiz_url("99_nothing")


def test_an_exercise_opens_in_the_notebook_app() -> None:
    expected = "lite/notebooks/index.html?path=exercices/01_objectif_flou.ipynb"
    assert live_site.notebook_url("01_objectif_flou") == expected
    assert live_site.notebook_url("exercices/01_objectif_flou.ipynb") == expected
    assert live_site.notebook_url("exercises/01_objectif_flou.ipynb") == expected
    with pytest.raises(ValueError):
        live_site.notebook_url("../solutions/x.ipynb")


class _Node:
    def __init__(self, mountpoint: str) -> None:
        self.node = type("N", (), {"mount": type("M", (), {"mountpoint": mountpoint})()})()


@pytest.mark.parametrize(("mountpoint", "warned"), [("/drive", False), ("/", True), (None, True)])
def test_the_learner_is_told_in_french_when_the_browser_keeps_nothing(monkeypatch: pytest.MonkeyPatch,
                                                                     mountpoint: str | None, warned: bool) -> None:
    import sys
    import types

    def lookup(path: str) -> _Node:
        if mountpoint is None:
            raise OSError("ENOENT")
        return _Node(mountpoint)

    monkeypatch.setitem(sys.modules, "pyodide_js", types.SimpleNamespace(FS=types.SimpleNamespace(lookupPath=lookup)))
    assert live_site.storage_notice() is None  # outside Pyodide: nothing to say
    monkeypatch.setattr(sys, "platform", "emscripten")
    notice = live_site.storage_notice()
    assert (notice is not None) == warned
    if warned:
        assert "Exporter ma progression" in notice.data and 'role="alert"' in notice.data


def test_widget_updates_to_none_reach_the_page_in_pyodide(monkeypatch: pytest.MonkeyPatch) -> None:
    """JupyterLite's kernel turns None into undefined, which drops the key: every None goes as JavaScript's null."""
    jsnull = object()
    sent: list[Any] = []

    class Comm:
        def publish_msg(self, msg_type: str, data: Any = None, metadata: Any = None, buffers: Any = None,
                        **keys: Any) -> None:
            sent.append((msg_type, data, keys))

    monkeypatch.setitem(sys.modules, "pyodide", types.ModuleType("pyodide"))
    monkeypatch.setitem(sys.modules, "pyodide.ffi", types.SimpleNamespace(jsnull=jsnull))
    monkeypatch.setitem(sys.modules, "pyodide_kernel", types.ModuleType("pyodide_kernel"))
    monkeypatch.setitem(sys.modules, "pyodide_kernel.comm", types.SimpleNamespace(Comm=Comm))
    assert live_site.keep_none_in_widget_updates() is False  # outside Pyodide: nothing is changed
    Comm().publish_msg("comm_msg", {"state": {"display": None}})
    assert sent.pop()[1] == {"state": {"display": None}}

    monkeypatch.setattr(sys, "platform", "emscripten")
    assert live_site.keep_none_in_widget_updates() is True
    assert live_site.keep_none_in_widget_updates() is True  # twice (a second workshop): wrapped once
    Comm().publish_msg("comm_msg", {"method": "update", "state": {"display": None, "value": ["a", None]},
                                    "buffer_paths": []}, comm_id="x")
    msg_type, data, keys = sent.pop()
    assert msg_type == "comm_msg"
    assert data["state"]["display"] is jsnull and data["state"]["value"] == ["a", jsnull]
    assert data["method"] == "update" and keys == {"comm_id": "x"} and sent == []


def test_the_workshops_repl_loads_no_jedi_but_placeholders(tmp_path: Path) -> None:
    """The REPL's lock drops jedi's weight (4.9 MB, IPython waits for it) but still names a jedi, or the kernel would
    install the real one with piplite; piplite is the course's small stand-in; the PDF and spreadsheet libraries are
    in the lock but not loaded at the start; the exercises' notebook app keeps the site's lock."""
    lock = {"info": {"version": "0.0.0"}, "packages": {
        "ipython": {"name": "ipython", "depends": ["jedi", "prompt-toolkit", "traitlets"], "file_name": "ipython.whl"},
        "jedi": {"name": "jedi", "depends": ["parso"], "file_name": "jedi.whl"},
        "parso": {"name": "parso", "depends": [], "file_name": "parso.whl"},
        "prompt-toolkit": {"name": "prompt-toolkit", "depends": ["wcwidth"], "file_name": "prompt_toolkit.whl"},
        "wcwidth": {"name": "wcwidth", "depends": [], "file_name": "wcwidth.whl"},
        "traitlets": {"name": "traitlets", "depends": [], "file_name": "traitlets.whl"},
        "piplite": {"name": "piplite", "depends": [], "file_name": "piplite-0.8.6.whl"},
        "fpdf2": {"name": "fpdf2", "depends": [], "file_name": "fpdf2.whl"},
    }}
    placeholders = site.repl_placeholders(tmp_path, ROOT / "site")
    packages = site.write_repl_lock(lock, tmp_path, placeholders)
    written = json.loads((tmp_path / site.REPL_LOCK).read_text(encoding="utf-8"))["packages"]
    assert packages == sorted(set(written) - {"fpdf2"})  # loaded by the pages that make files only
    assert not {"parso", "prompt-toolkit", "wcwidth"} & set(written)
    assert written["ipython"]["depends"] == ["traitlets"]
    for name in ("jedi", "piplite"):
        wheel = tmp_path / written[name]["file_name"]
        assert wheel == placeholders[name]
        assert written[name]["sha256"] == hashlib.sha256(wheel.read_bytes()).hexdigest()
    with zipfile.ZipFile(placeholders["jedi"]) as wheel:
        assert not [name for name in wheel.namelist() if name.endswith(".py")]  # no module: nothing to import
    assert written["jedi"]["imports"] == [] and written["piplite"]["imports"] == ["piplite"]
    again = tmp_path / "again"
    assert site.repl_placeholders(again, ROOT / "site") == {name: again / path.name
                                                           for name, path in placeholders.items()}
    for name, path in placeholders.items():  # the same bytes at every build
        assert (again / path.name).read_bytes() == path.read_bytes(), name
    assert lock["packages"]["jedi"]["file_name"] == "jedi.whl"  # the site's own lock is left as it was


def test_the_repl_piplite_has_what_the_kernel_sets_and_refuses_installs_in_french(tmp_path: Path) -> None:
    """JupyterLite's kernel runs ``import piplite.piplite`` and sets two of its attributes as it starts."""
    wheel = site.repl_placeholders(tmp_path, ROOT / "site")["piplite"]
    sys.path.insert(0, str(wheel))
    try:
        for name in [n for n in sys.modules if n == "piplite" or n.startswith("piplite.")]:
            del sys.modules[name]
        import piplite.piplite as standin

        assert standin._PIPLITE_DISABLE_PYPI is True and standin._PIPLITE_URLS == []
        with pytest.raises(RuntimeError, match="n'installent aucun paquet\u00a0:"):
            standin.install(["numpy"]).send(None)  # its first step raises (no event loop needed: one may be running)
    finally:
        sys.path.remove(str(wheel))
        for name in [n for n in sys.modules if n == "piplite" or n.startswith("piplite.")]:
            del sys.modules[name]
    # What the real piplite costs at the kernel's start, in a fresh interpreter (this one has imported anything).
    probe = (f"import sys; sys.path.insert(0, {str(wheel)!r}); import piplite.piplite; "
             "print(sorted({'micropip', 'unittest.mock'} & set(sys.modules)))")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_jupyterlites_kernel_extension_is_moved_out_of_jupyterlabs_sight(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """JupyterLab and Voilà load every extension of share/jupyter/labextensions: the Pyodide kernel's threw there."""
    monkeypatch.setattr(site, "HIDDEN_LABEXTENSIONS", tmp_path / "share" / "influence-workbook" / "lite-labextensions")
    monkeypatch.setattr(sys, "prefix", str(tmp_path))
    labextensions = tmp_path / "share" / "jupyter" / "labextensions"
    (labextensions / "@jupyterlite" / "pyodide-kernel-extension" / "static").mkdir(parents=True)
    (labextensions / "@jupyterlite" / "pyodide-kernel-extension" / "package.json").write_text("{}", encoding="utf-8")
    (labextensions / "@jupyter-widgets" / "jupyterlab-manager").mkdir(parents=True)
    assert site.hide_lite_extensions() == ["@jupyterlite/pyodide-kernel-extension"]
    assert sorted(p.name for p in labextensions.iterdir()) == ["@jupyter-widgets"]  # the widgets' stays
    moved = site.labextension("@jupyterlite/pyodide-kernel-extension")
    assert (moved / "package.json").is_file() and site.HIDDEN_LABEXTENSIONS in moved.parents
    assert site.hide_lite_extensions() == []  # nothing left to move
    assert site.labextension("@jupyter-widgets/jupyterlab-manager") == labextensions / "@jupyter-widgets" / \
        "jupyterlab-manager"


def test_the_widget_renderer_is_left_out_unless_a_page_loads_it(tmp_path: Path) -> None:
    (tmp_path / "_static" / "widgets").mkdir(parents=True)
    (tmp_path / "_static" / "widgets" / "embed-amd.js").write_text("//", encoding="utf-8")
    (tmp_path / "index.html").write_text('<script src="_static/doctools.js"></script>', encoding="utf-8")
    (tmp_path / "notebooks").mkdir()
    page = tmp_path / "notebooks" / "01.html"
    page.write_text('<script src="../_static/widgets/embed-amd.js"></script>', encoding="utf-8")
    assert site.drop_unused_book_assets(tmp_path) == []  # a page loads it: kept
    assert (tmp_path / "_static" / "widgets" / "embed-amd.js").is_file()
    page.write_text("<p>Aperçu de l'atelier</p>", encoding="utf-8")
    assert site.drop_unused_book_assets(tmp_path) == ["_static/widgets"]
    assert not (tmp_path / "_static" / "widgets").exists()
