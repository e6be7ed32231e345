"""Build the published site: the Jupyter Book at the root, JupyterLite (Python in the browser) in ``lite/``.

``python -m influence_workbook.authoring.site`` (what ``make site`` runs after ``make book``) writes ``_build/site/``:

* the book's HTML (``_build/html``) copied to the root;
* ``lite/``: a JupyterLite 0.8.6 site with the Pyodide 314.0.6 kernel, built offline from a clean temporary folder:
  Pyodide's core comes from the npm registry's tarball (checked against its pinned sha512), the pure-Python wheels
  from PyPI (``pip download``), the course's own wheel is written here from ``src/`` (with a dependency list fit for
  the browser and the sample data inside), and everything is served from the site itself: ``pyodide-lock.json``
  lists only the files shipped, and the fallback to PyPI is off;
* a same-origin Content-Security-Policy as a ``<meta>`` in every HTML page (and ``_headers`` for hosts that read it).

Downloads are cached under ``_build/site-cache/``: a rebuild reaches no host. The end of the build prints the size of
each part; the build fails when the site is over :data:`MAX_SITE_BYTES` or holds a source map.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import urllib.request
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import nbformat

from influence_workbook.authoring.bytecode import compile_in_pyodide, write_wheel
from influence_workbook.live_site import FILE_PACKAGES
from influence_workbook.paths import course_root

PYODIDE_VERSION = "314.0.6"
PYODIDE_TARBALL = f"https://registry.npmjs.org/pyodide/-/pyodide-{PYODIDE_VERSION}.tgz"
#: ``dist.integrity`` of the npm package (https://registry.npmjs.org/pyodide/314.0.6), pinned.
PYODIDE_INTEGRITY = "sha512-BKDTJyIqFxC4BExLqeRS3f5xvXZIjOt8C3zGLN/Cc7tFxSwvKVhVkchQQ2AGLOtR4YrVOIFxbV8poyDOOmWwxQ=="
#: The files of the npm package the kernel loads (the rest are typings, a README and the CommonJS entry).
PYODIDE_CORE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
#: micropip and packaging, pinned at the versions Pyodide 314.0.6 was released with (micropip) or PyPI has (packaging):
#: the kernel loads micropip from the lock file, like every other shipped wheel.
PYODIDE_SIDE_WHEELS = {"micropip": "0.11.1", "packaging": "26.0"}

#: Pure-Python wheels served beside Pyodide (``lite/static/pyodide/``) and loaded when the kernel starts: the kernel's
#: own (ipython, jedi and their dependencies), the widgets and what the course imports in the browser. Versions from
#: constraints.txt where it has them (the ones the local install runs), else pinned here.
BROWSER_PACKAGES: tuple[str, ...] = (
    # the kernel's start
    "comm", "ipython", "jedi", "parso", "traitlets", "decorator", "ipython_pygments_lexers", "matplotlib-inline",
    "prompt_toolkit", "wcwidth", "Pygments", "stack_data", "executing", "asttokens", "pure_eval",
    # the workshops
    "ipywidgets",
    # the certificate (PDF), chapter 9's workbook, chapter 10's brief
    "fpdf2", "fonttools", "defusedxml", "openpyxl", "et_xmlfile",
)
#: Pins for what constraints.txt does not list.
EXTRA_PINS = {"decorator": "5.2.1"}
#: What the course's wheel for the browser declares (no pandas, numpy, matplotlib: Pyodide here has none; the package
#: imports and runs every workshop without them). python-docx needs lxml, which has no WebAssembly wheel here.
BROWSER_REQUIRES = ("ipywidgets", "fpdf2", "openpyxl")

#: The sample data shipped inside the course's wheel (``influence_workbook/resources/data/``); the answer key stays
#: with the teachers.
SAMPLE_DATA_GLOB = "*.csv"


def progress_folders() -> tuple[str, ...]:
    """The progress file's folder in JupyterLite's ``/drive`` and each folder the course writes files in beside it
    (briefs, budgets, certificates, exports: each module's own constant). The site ships them empty, so that the
    browser never has to create them."""
    from influence_workbook import brief_export, budget_export, certificate, class_export
    from influence_workbook.progress import BROWSER_FOLDER

    base = BROWSER_FOLDER.relative_to("/drive").as_posix()
    written = (brief_export.FOLDER, budget_export.FOLDER, certificate.FOLDER, class_export.EXPORT_FOLDER)
    return (base, *(f"{base}/{folder}" for folder in written))


PROGRESS_README = (
    "Ce dossier garde votre progression dans ce navigateur (fichier `progression.json`, et vos exports dans "
    "`exports/`). Pour la garder ailleurs, utilisez « Exporter ma progression » sur la page d'accueil du cours.\n"
)

#: What the workshops' REPL does without: jedi (IPython's completion, 4.9 MB of wheel, most of it typeshed's stubs) and
#: its parso, prompt_toolkit (IPython's terminal) and its wcwidth. Nobody types code there (its prompt is hidden), the
#: kernel imports none of them (checked in Pyodide: ``sys.modules`` after a workshop), and unpacking them held the
#: kernel's start (jedi by 1.5 to 3 s, prompt_toolkit by 0.1 s in Chromium here). The kernel installs jedi with piplite
#: when its preload list lacks the name, so the REPL's own lock (:data:`REPL_LOCK`) keeps the name ``jedi`` for an empty
#: wheel (:func:`placeholder_wheel`): ``import jedi`` fails there, and IPython completes without it. The exercises'
#: notebook app keeps them all.
REPL_WITHOUT = ("jedi", "parso", "prompt-toolkit", "wcwidth")
REPL_LOCK = "pyodide-lock-repl.json"
#: piplite (the kernel's ``%pip``) is imported by the kernel as it starts, and it imports micropip and
#: ``unittest.mock``: 0.5 s of the start, for a command nobody can type in a workshop. The REPL's lock names the
#: course's small piplite instead (``site/repl-piplite/``: what the kernel sets at its start, and an ``install`` that
#: says in French that the workshops install nothing). The exercises' notebook app keeps the real piplite.
PIPLITE_STANDIN = "repl-piplite"

#: The kernel's own wheels (in jupyterlite-pyodide-kernel's extension), loaded with the rest when the kernel starts.
KERNEL_WHEELS = ("piplite", "pyodide-kernel", "ipykernel")

#: JupyterLite's interface language (the notebook app of the exercises), as JupyterLab's in the local course.
LOCALE = "fr_FR"

LITE_APPS = ("repl", "notebooks")
#: Federated JupyterLab extensions of the lite site: the widgets' renderer and the Pyodide kernel, nothing else of
#: what the course's environment has installed (Voilà's, MyST's).
LITE_EXTENSIONS = ("@jupyter-widgets/jupyterlab-manager", "@jupyterlite/pyodide-kernel-extension")
MAX_SITE_BYTES = 80 * 1024 * 1024
#: The workshop page's style (``site/live.css``), copied to ``lite/`` and linked from the REPL's page.
LIVE_CSS = "live.css"
#: Its script (``site/live.js``): a focus that never scrolls the chapter page (a first click was lost).
LIVE_JS = "live.js"
LOADING_TEXT = "Chargement de l'atelier en Python dans votre navigateur…"

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval' 'wasm-unsafe-eval' blob:; "
    "worker-src 'self' blob:; connect-src 'self' blob: data:; img-src 'self' data: blob:; "
    "style-src 'self' 'unsafe-inline'; font-src 'self' data:; object-src 'none'; base-uri 'self'; "
    "form-action 'self'"
)
CSP_META = f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">'
_HEAD = re.compile(r"<head(\s[^>]*)?>", re.IGNORECASE)


@dataclass(frozen=True)
class Paths:
    root: Path
    book: Path
    out: Path
    cache: Path
    site_config: Path

    @classmethod
    def of(cls, root: Path) -> Paths:
        return cls(root=root, book=root / "_build" / "html", out=root / "_build" / "site",
                   cache=root / "_build" / "site-cache", site_config=root / "site")


def log(message: str) -> None:
    print(f"[site] {message}", flush=True)


# --------------------------------------------------------------------------- downloads


def sri_matches(data: bytes, integrity: str) -> bool:
    """Whether ``data`` has the Subresource-Integrity digest ``integrity`` (``sha512-<base64>``)."""
    algorithm, _, expected = integrity.partition("-")
    if algorithm not in {"sha256", "sha384", "sha512"}:
        return False
    return base64.b64encode(hashlib.new(algorithm, data).digest()).decode() == expected


def pyodide_tarball(cache: Path) -> Path:
    """The npm tarball of Pyodide, downloaded once into the cache and checked against its pinned digest."""
    target = cache / f"pyodide-{PYODIDE_VERSION}.tgz"
    if target.is_file() and sri_matches(target.read_bytes(), PYODIDE_INTEGRITY):
        return target
    log(f"downloading {PYODIDE_TARBALL}")
    with urllib.request.urlopen(PYODIDE_TARBALL, timeout=120) as response:
        data = response.read()
    if not sri_matches(data, PYODIDE_INTEGRITY):
        raise SystemExit(f"{PYODIDE_TARBALL}: its digest is not the pinned {PYODIDE_INTEGRITY}")
    cache.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".part")
    partial.write_bytes(data)
    partial.replace(target)
    return target


def extract_pyodide_core(tarball: Path, destination: Path) -> None:
    destination.mkdir(parents=True, exist_ok=True)
    with tarfile.open(tarball, "r:gz") as archive:
        for name in PYODIDE_CORE_FILES:
            member = archive.extractfile(f"package/{name}")
            if member is None:
                raise SystemExit(f"{tarball.name} has no package/{name}")
            (destination / name).write_bytes(member.read())


def read_pins(constraints: Path) -> dict[str, str]:
    pins: dict[str, str] = {}
    for line in constraints.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if "==" in line:
            name, version = line.split("==", 1)
            pins[normalize(name)] = version.strip()
    return pins


def normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pinned_requirements(packages: Iterable[str], pins: dict[str, str]) -> list[str]:
    """``name==version`` per package, from constraints.txt or :data:`EXTRA_PINS`; a package pinned nowhere fails."""
    extra = {normalize(k): v for k, v in EXTRA_PINS.items()}
    requirements = []
    for package in packages:
        version = pins.get(normalize(package)) or extra.get(normalize(package))
        if version is None:
            raise SystemExit(f"{package}: no pinned version (add it to constraints.txt or EXTRA_PINS)")
        requirements.append(f"{package}=={version}")
    return requirements


def download_wheels(requirements: Sequence[str], folder: Path) -> list[Path]:
    """The pure (``py3-none-any``) wheels of ``requirements``, downloaded once into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    wanted = {normalize(r.split("==")[0]): r.split("==")[1] for r in requirements}
    found = {key: path for key, path in ((wheel_key(p), p) for p in folder.glob("*.whl")) if key in wanted.items()}
    missing = [f"{name}=={version}" for name, version in wanted.items() if (name, version) not in found]
    if missing:
        log(f"pip download {' '.join(missing)}")
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
             "--python-version", "3.14", "--implementation", "py", "--abi", "none", "--platform", "any",
             "--dest", str(folder), *missing],
            check=True,
        )
        found = {key: path for key, path in ((wheel_key(p), p) for p in folder.glob("*.whl"))
                 if key in wanted.items()}
    absent = [f"{n}=={v}" for n, v in wanted.items() if (n, v) not in found]
    if absent:
        raise SystemExit(f"no pure wheel downloaded for {', '.join(absent)}")
    return sorted(found.values())


def wheel_key(wheel: Path) -> tuple[str, str]:
    """(normalized name, version) of a wheel file name."""
    name, version = wheel.name.split("-")[:2]
    return normalize(name), version


# --------------------------------------------------------------------------- the course's wheel


def course_wheel(root: Path, folder: Path, version: str) -> Path:
    """The course's wheel for the browser, written from ``src/`` (no build backend, so no network).

    Beside the package it holds the sample data (``resources/data/``, where ``data.rows.data_dir`` looks first), the
    quizzes (``resources/quiz/``, where ``quiz.quiz_path`` looks when there is no course folder), the PDF fonts
    (``resources/fonts/``, where ``optional.pdf_fonts`` looks first) and
    declares :data:`BROWSER_REQUIRES` instead of the local install's pandas, numpy and matplotlib. Entries are sorted
    and dated 1980-01-01: the same sources give the same bytes.
    """
    package = root / "src" / "influence_workbook"
    files: dict[str, bytes] = {}
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix not in {".pyc", ".pyo"}:
            files[path.relative_to(package.parent).as_posix()] = path.read_bytes()
    for path in sorted((root / "data").glob(SAMPLE_DATA_GLOB)):
        files[f"influence_workbook/resources/data/{path.name}"] = path.read_bytes()
    # The chapters' quizzes, for the live quiz and the home page's scores (``quiz.PACKAGED_QUIZ_FOLDER``).
    for path in sorted((root / "notebooks" / "quiz").glob("*.json")):
        files[f"influence_workbook/resources/quiz/{path.name}"] = path.read_bytes()
    # The PDFs' fonts (the brief, the certificate): the browser has no matplotlib to find them in; their licence
    # (Bitstream Vera's, which allows redistribution) travels with them.
    from influence_workbook.optional import pdf_fonts

    for font in pdf_fonts():
        files[f"influence_workbook/resources/fonts/{font.name}"] = font.read_bytes()
    licence = pdf_fonts()[0].with_name("LICENSE_DEJAVU")
    if licence.is_file():
        files["influence_workbook/resources/fonts/LICENSE_DEJAVU"] = licence.read_bytes()
    dist_info = f"influence_workbook-{version}.dist-info"
    metadata = "\n".join([
        "Metadata-Version: 2.1", "Name: influence-workbook", f"Version: {version}",
        "Summary: Logic, self-checks and widgets of the course, built for the browser (JupyterLite).",
        "Requires-Python: >=3.11", *(f"Requires-Dist: {r}" for r in BROWSER_REQUIRES), "",
    ])
    files[f"{dist_info}/METADATA"] = metadata.encode()
    files[f"{dist_info}/WHEEL"] = b"Wheel-Version: 1.0\nGenerator: influence_workbook.authoring.site\n" \
                                  b"Root-Is-Purelib: true\nTag: py3-none-any\n"
    files[f"{dist_info}/top_level.txt"] = b"influence_workbook\n"
    return write_wheel(folder / f"influence_workbook-{version}-py3-none-any.whl", files, dist_info)


def project_version(root: Path) -> str:
    match = re.search(r'^version\s*=\s*"([^"]+)"', (root / "pyproject.toml").read_text(encoding="utf-8"), re.MULTILINE)
    if match is None:
        raise SystemExit("pyproject.toml has no version")
    return match.group(1)


# --------------------------------------------------------------------------- Pyodide's lock file


def wheel_imports(wheel: Path) -> list[str]:
    """The top-level modules a pure wheel installs (its ``top_level.txt``, else its folders and modules)."""
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        listed = [n for n in names if n.endswith(".dist-info/top_level.txt")]
        if listed:
            return sorted(line.strip() for line in archive.read(listed[0]).decode().splitlines() if line.strip())
    tops = {n.split("/", 1)[0].removesuffix(".py") for n in names
            if not n.split("/", 1)[0].endswith((".dist-info", ".data")) and (n.endswith(".py") or "/" in n)}
    return sorted(t for t in tops if t.isidentifier())


def rewrite_lock(lock_path: Path, shipped: Sequence[Path]) -> dict[str, Any]:
    """Make ``pyodide-lock.json`` describe exactly the wheels shipped beside it, with their own digests.

    Pyodide's lock describes its whole distribution (356 packages) at addresses the site does not serve: a package left
    in it would be fetched from there (a 404), and micropip prefers the lock to piplite's index. Each shipped wheel gets
    an entry (Pyodide's own where it has one, for its ``imports``), so that the kernel can load them all at once when
    it starts (``loadPyodideOptions.packages``), in parallel, instead of installing them one by one with piplite.
    """
    lock: dict[str, Any] = json.loads(lock_path.read_text(encoding="utf-8"))
    known = {normalize(name): entry for name, entry in lock["packages"].items()}
    by_name = {wheel_key(w)[0]: w for w in shipped}
    kept: dict[str, Any] = {}
    for key, wheel in sorted(by_name.items()):
        entry = dict(known.get(key) or {"name": key, "imports": wheel_imports(wheel), "unvendored_tests": False})
        entry["file_name"] = wheel.name
        entry["version"] = wheel_key(wheel)[1]
        entry["sha256"] = hashlib.sha256(wheel.read_bytes()).hexdigest()
        entry["depends"] = sorted(normalize(d) for d in entry.get("depends", []) if normalize(d) in by_name)
        entry["install_dir"] = "site"
        entry["package_type"] = "package"
        kept[key] = entry
    lock["packages"] = kept
    lock_path.write_text(json.dumps(lock, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return lock


# --------------------------------------------------------------------------- contents (the exercises)


def browser_exercises(root: Path) -> list[Path]:
    """The learner exercises that run in the browser: not those whose code imports pandas, numpy or matplotlib
    (:func:`influence_workbook.live_site.local_only_imports`; their pages send learners to the local install)."""
    from influence_workbook.live_site import local_only_imports

    return [source for source in sorted((root / "exercises").glob("[0-9][0-9]_*.ipynb"))
            if not local_only_imports(source)]


def exercise_notebook(source: Path) -> nbformat.NotebookNode:
    """A learner exercise for the browser: outputs cleared, Pyodide's kernel named (the course is loaded as the kernel
    starts: no install cell)."""
    notebook: nbformat.NotebookNode = nbformat.read(source, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    notebook.metadata["kernelspec"] = {"name": "python", "display_name": "Python (Pyodide)", "language": "python"}
    return notebook


# --------------------------------------------------------------------------- HTML and sizes


def inject_csp(html: str) -> str:
    """``html`` with the site's Content-Security-Policy ``<meta>`` first in its ``<head>`` (once); a page without a
    ``<head>`` (the root's redirection) gets it first."""
    if 'http-equiv="Content-Security-Policy"' in html:
        return html
    match = _HEAD.search(html)
    if match is None:
        return CSP_META + html
    return html[: match.end()] + CSP_META + html[match.end():]


def inject_csp_everywhere(site: Path) -> int:
    count = 0
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        updated = inject_csp(text)
        if updated != text:
            page.write_text(updated, encoding="utf-8")
            count += 1
    return count


def folder_size(folder: Path, files: Iterable[Path] | None = None) -> int:
    items = files if files is not None else folder.rglob("*")
    return sum(p.stat().st_size for p in items if p.is_file())


def size_report(site: Path) -> list[tuple[str, int]]:
    lite = site / "lite"
    pyodide = lite / "static" / "pyodide"
    lite_files = [p for p in lite.rglob("*") if p.is_file()]
    app = [p for p in lite_files if pyodide not in p.parents]
    book = [p for p in site.rglob("*") if p.is_file() and lite not in p.parents]
    return [
        ("book (Jupyter Book HTML)", folder_size(site, book)),
        ("lite app (JupyterLite, widgets, kernel)", folder_size(lite, app)),
        ("pyodide core", folder_size(pyodide, [p for p in pyodide.iterdir() if p.suffix != ".whl"])),
        ("wheels (lite/static/pyodide/*.whl)", folder_size(pyodide, pyodide.glob("*.whl"))),
        ("total", folder_size(site)),
    ]


def print_sizes(rows: Sequence[tuple[str, int]]) -> None:
    for label, size in rows:
        print(f"  {label:<42} {size / 1e6:7.1f} MB")


# --------------------------------------------------------------------------- the build


def build_lite(paths: Paths, work: Path) -> Path:
    """Build ``lite/`` in ``work`` (a fresh folder) and return it."""
    from influence_workbook.live_site import EXERCISES_FOLDER

    lite_dir = work / "lite-src"
    lite_dir.mkdir()
    for item in sorted(paths.site_config.glob("*")):
        if item.name in {"README.md", "_headers", LIVE_CSS, LIVE_JS, PIPLITE_STANDIN}:
            continue
        (shutil.copytree if item.is_dir() else shutil.copy2)(item, lite_dir / item.name)

    pyodide_dir = lite_dir / "static" / "pyodide"
    extract_pyodide_core(pyodide_tarball(paths.cache), pyodide_dir)
    pins = read_pins(paths.root / "constraints.txt")
    wheels = [
        *download_wheels([f"{n}=={v}" for n, v in PYODIDE_SIDE_WHEELS.items()], paths.cache / "wheels"),
        *download_wheels(pinned_requirements(BROWSER_PACKAGES, pins), paths.cache / "wheels"),
        *kernel_wheels(),
    ]
    for wheel in wheels:
        shutil.copy2(wheel, pyodide_dir / wheel.name)
    shipped = [pyodide_dir / w.name for w in wheels]
    shipped.append(course_wheel(paths.root, pyodide_dir, project_version(paths.root)))
    placeholders = repl_placeholders(pyodide_dir, paths.site_config)
    log("the standard library and the wheels compiled to bytecode by Pyodide's own Python (Node.js)")
    compile_in_pyodide(pyodide_dir, pyodide_dir)
    lock = rewrite_lock(pyodide_dir / "pyodide-lock.json", shipped)
    write_lite_config(paths.site_config / "jupyter-lite.json", lite_dir / "jupyter-lite.json", sorted(lock["packages"]))
    repl_packages = write_repl_lock(lock, pyodide_dir, placeholders)
    write_repl_config(lite_dir / "jupyter-lite.json", paths.site_config / "repl" / "jupyter-lite.json",
                      lite_dir / "repl" / "jupyter-lite.json", repl_packages)

    contents = work / "contents" / EXERCISES_FOLDER
    contents.mkdir(parents=True)
    for folder in progress_folders():  # listed by the site: creating them in the browser asks for a listing, a 404
        (work / "contents" / folder).mkdir(parents=True)
        (work / "contents" / folder / "LISEZMOI.md").write_text(PROGRESS_README, encoding="utf-8")
    for source in browser_exercises(paths.root):
        nbformat.write(exercise_notebook(source), contents / source.name)

    hide_lite_extensions()
    output = work / "lite"
    command = [
        sys.executable, "-m", "jupyterlite_core", "build", "--lite-dir", str(lite_dir), "--output-dir", str(output),
        "--contents", str(work / "contents"), "--no-sourcemaps", "--ignore-sys-prefix", "--no-libarchive",
        "--ContentsManager.allow_hidden=True",
        *[arg for app in LITE_APPS for arg in ("--apps", app)],
        *[f"--LiteBuildConfig.federated_extensions={labextension(ext)}" for ext in LITE_EXTENSIONS],
    ]
    env = {**os.environ, "JUPYTER_PLATFORM_DIRS": "1"}
    log("jupyter lite build")
    subprocess.run(command, cwd=work, check=True, env=env)
    return output


#: JupyterLab and Voilà load every extension of ``share/jupyter/labextensions``: JupyterLite's kernel extension, which
#: only the site's build needs, threw errors in both (« Shared module @jupyterlite/services doesn't exist », « reading
#: 'LicensesClient' »). :func:`hide_lite_extensions` moves it here, out of their sight; the build reads it here.
HIDDEN_LABEXTENSIONS = Path(sys.prefix) / "share" / "influence-workbook" / "lite-labextensions"
LITE_ONLY_EXTENSIONS = ("@jupyterlite/pyodide-kernel-extension",)


def hide_lite_extensions() -> list[str]:
    """Move JupyterLite's own extensions out of JupyterLab's path (again after a reinstall); the names moved."""
    moved = []
    for name in LITE_ONLY_EXTENSIONS:
        installed = Path(sys.prefix) / "share" / "jupyter" / "labextensions" / name
        if installed.is_dir():
            hidden = HIDDEN_LABEXTENSIONS / name
            if hidden.exists():
                shutil.rmtree(hidden)
            hidden.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(str(installed), str(hidden))
            moved.append(name)
            if not any(installed.parent.iterdir()):
                installed.parent.rmdir()
    return moved


def labextension(name: str) -> Path:
    """Where a JupyterLab extension the site ships is installed: hidden from JupyterLab, or in its usual folder."""
    hidden = HIDDEN_LABEXTENSIONS / name
    return hidden if hidden.is_dir() else Path(sys.prefix) / "share" / "jupyter" / "labextensions" / name


def kernel_wheels() -> list[Path]:
    """The Pyodide kernel's own wheels (piplite, the kernel, its ipykernel shim), from its installed extension."""
    folder = labextension("@jupyterlite/pyodide-kernel-extension") / "static" / "pypi"
    wheels = [w for w in sorted(folder.glob("*.whl")) if wheel_key(w)[0] in KERNEL_WHEELS]
    if {wheel_key(w)[0] for w in wheels} != set(KERNEL_WHEELS):
        raise SystemExit(f"{folder} lacks one of {', '.join(KERNEL_WHEELS)}: is jupyterlite-pyodide-kernel installed?")
    return wheels


def write_lite_config(source: Path, target: Path, preload: Sequence[str]) -> None:
    """``site/jupyter-lite.json`` with the packages the kernel loads when it starts."""
    config = json.loads(source.read_text(encoding="utf-8"))
    settings = config["jupyter-config-data"]["litePluginSettings"]["@jupyterlite/pyodide-kernel-extension:kernel"]
    settings["loadPyodideOptions"] = {"packages": list(preload)}
    target.write_text(json.dumps(config, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def placeholder_wheel(folder: Path, name: str, summary: str, files: dict[str, bytes] | None = None) -> Path:
    """A wheel ``<name>_placeholder-0.0.0`` of ``files`` (none: only its metadata), the same bytes at every build."""
    dist_info = f"{name}_placeholder-0.0.0.dist-info"
    metadata = f"Metadata-Version: 2.1\nName: {name}-placeholder\nVersion: 0.0.0\nSummary: {summary}\n"
    contents = {
        **(files or {}),
        f"{dist_info}/METADATA": metadata.encode(),
        f"{dist_info}/WHEEL": b"Wheel-Version: 1.0\nGenerator: influence_workbook.authoring.site\n"
                              b"Root-Is-Purelib: true\nTag: py3-none-any\n",
    }
    return write_wheel(folder / f"{name}_placeholder-0.0.0-py3-none-any.whl", contents, dist_info)


def repl_placeholders(folder: Path, site_config: Path) -> dict[str, Path]:
    """The REPL's stand-ins, by the package name they take in its lock: an empty jedi and the course's piplite
    (:data:`PIPLITE_STANDIN`, in ``site_config``)."""
    standin = site_config / PIPLITE_STANDIN
    piplite = {path.relative_to(standin).as_posix(): path.read_bytes()
               for path in sorted(standin.rglob("*.py")) if "__pycache__" not in path.parts}
    return {
        "jedi": placeholder_wheel(folder, "jedi", "Stands for jedi in the workshops' REPL, which has no code to "
                                                  "complete."),
        "piplite": placeholder_wheel(folder, "piplite", "Stands for piplite in the workshops' REPL, which installs "
                                                        "nothing.", piplite),
    }


def write_repl_lock(lock: dict[str, Any], folder: Path, placeholders: dict[str, Path]) -> list[str]:
    """The workshops' REPL's lock (:data:`REPL_LOCK`, beside the site's): the site's without :data:`REPL_WITHOUT`, each
    of ``placeholders`` (:func:`repl_placeholders`) standing for the package of its name. Returns the packages the
    REPL's kernel loads as it starts: all but the libraries only the pages that make files load
    (:data:`influence_workbook.live_site.FILE_PACKAGES`)."""
    packages = {name: {**entry, "depends": [d for d in entry.get("depends", []) if d not in REPL_WITHOUT]}
                for name, entry in lock["packages"].items() if name not in REPL_WITHOUT}
    for name, wheel in placeholders.items():
        imports = wheel_imports(wheel) if name != "jedi" else []  # ``import jedi`` must fail: IPython then skips it
        packages[name] = {"name": name, "version": "0.0.0", "file_name": wheel.name,
                          "sha256": hashlib.sha256(wheel.read_bytes()).hexdigest(), "imports": imports, "depends": [],
                          "install_dir": "site", "package_type": "package", "unvendored_tests": False}
    (folder / REPL_LOCK).write_text(json.dumps({**lock, "packages": packages}, indent=1, sort_keys=True) + "\n",
                                    encoding="utf-8")
    return sorted(name for name in packages if name not in FILE_PACKAGES)


def write_repl_config(site_config: Path, source: Path, target: Path, preload: Sequence[str]) -> None:
    """``site/repl/jupyter-lite.json`` with the kernel's settings for the REPL: the site's (``site_config``, as
    :func:`write_lite_config` wrote it) with :data:`REPL_LOCK` and its packages. An app's settings replace the site's
    whole (addresses relative to the app's folder); ``lockFileURL`` is relative to the kernel's worker, in ``lite/``."""
    kernel = "@jupyterlite/pyodide-kernel-extension:kernel"
    settings = dict(json.loads(site_config.read_text(encoding="utf-8"))["jupyter-config-data"]["litePluginSettings"]
                    [kernel])
    settings.update(pyodideUrl="../static/pyodide/pyodide.mjs", pipliteUrls=[],
                    loadPyodideOptions={"packages": list(preload), "lockFileURL": f"./static/pyodide/{REPL_LOCK}"})
    config = json.loads(source.read_text(encoding="utf-8"))
    config["jupyter-config-data"].setdefault("litePluginSettings", {})[kernel] = settings
    target.write_text(json.dumps(config, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def customize_repl(lite: Path, stylesheet: Path) -> None:
    """The REPL's page as a workshop page: the course's style (no prompt cell, no code), in French, and a focus
    that does not scroll the chapter page (``site/live.js``, beside the stylesheet)."""
    shutil.copy2(stylesheet, lite / LIVE_CSS)
    shutil.copy2(stylesheet.with_name(LIVE_JS), lite / LIVE_JS)
    page = lite / "repl" / "index.html"
    html = page.read_text(encoding="utf-8")
    html = re.sub(r"<html(\s[^>]*)?>", '<html lang="fr">', html, count=1)
    html = html.replace("Loading JupyterLite...", LOADING_TEXT)
    html = html.replace("</head>", f'<link rel="stylesheet" href="../{LIVE_CSS}"><script src="../{LIVE_JS}"></script>'
                        "</head>", 1)
    page.write_text(html, encoding="utf-8")


def add_translation(lite: Path, locale: str) -> None:
    """JupyterLite's menus in French (``api/translations/``), from the language pack the course installs for JupyterLab.

    JupyterLite's own translation step needs the environment's prefix, which the build ignores (it would also copy
    every JupyterLab extension of the course's environment, Voilà's and MyST's); ``site/overrides.json`` selects it.
    """
    from jupyterlab_server.translation_utils import get_language_pack, get_language_packs

    packs, _ = get_language_packs()
    if locale not in packs:
        raise SystemExit(f"no JupyterLab language pack for {locale} (jupyterlab-language-pack-fr-FR, requirements.txt)")
    folder = lite / "api" / "translations"
    folder.mkdir(parents=True, exist_ok=True)
    metadata = {"data": {"en": packs["en"], locale: packs[locale]}, "message": ""}
    (folder / "all.json").write_text(json.dumps(metadata, ensure_ascii=False), encoding="utf-8")
    (folder / f"{locale}.json").write_text(json.dumps({"data": get_language_pack(locale)[0], "message": ""},
                                                      ensure_ascii=False), encoding="utf-8")


def add_favicons(lite: Path) -> None:
    """The kernel-status icons the notebook app asks for (``static/favicons/``), which JupyterLite does not ship:
    taken from jupyter_server, which the build needs anyway (each missing one is a 404 in the console)."""
    import jupyter_server

    source = Path(jupyter_server.__file__).parent / "static" / "favicons"
    target = lite / "static" / "favicons"
    target.mkdir(parents=True, exist_ok=True)
    for icon in ("favicon-notebook.ico", "favicon-busy-1.ico", "favicon-busy-2.ico", "favicon-busy-3.ico",
                 "favicon.ico"):
        shutil.copy2(source / icon, target / icon)


def check_site(site: Path) -> list[str]:
    """What is wrong with a built site: source maps, a page without the policy, a size over the limit."""
    problems = [f"source map: {p.relative_to(site)}" for p in site.rglob("*.map")]
    for page in site.rglob("*.html"):
        if 'http-equiv="Content-Security-Policy"' not in page.read_text(encoding="utf-8", errors="replace"):
            problems.append(f"no Content-Security-Policy: {page.relative_to(site)}")
    total = folder_size(site)
    if total > MAX_SITE_BYTES:
        problems.append(f"site is {total / 1e6:.1f} MB, over {MAX_SITE_BYTES / 1e6:.0f} MB")
    return problems


#: The book's assets that no page may need: the widget renderer (4 MB with its fonts), which a page loads only when it
#: shows a widget's view (``authoring/book.py``: a workshop shows as a picture, so none does).
UNUSED_IF_UNREFERENCED = ("_static/widgets",)


def drop_unused_book_assets(site: Path) -> list[str]:
    """Remove each folder of :data:`UNUSED_IF_UNREFERENCED` that no HTML page of ``site`` names; those removed."""
    pages = [page.read_text(encoding="utf-8", errors="replace") for page in site.rglob("*.html")]
    dropped = []
    for folder in UNUSED_IF_UNREFERENCED:
        if (site / folder).is_dir() and not any(f"{folder}/" in page for page in pages):
            shutil.rmtree(site / folder)
            dropped.append(folder)
    return dropped


def build(paths: Paths) -> list[tuple[str, int]]:
    if not (paths.book / "index.html").is_file():
        raise SystemExit(f"{paths.book} has no index.html: run `make book` first")
    paths.out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="site-build-", dir=paths.out.parent) as temp:
        work = Path(temp)
        site = work / "site"
        shutil.copytree(paths.book, site, ignore=shutil.ignore_patterns(".buildinfo", "*.map"))
        for folder in drop_unused_book_assets(site):
            log(f"{folder} left out: no page of the book loads it")
        lite = build_lite(paths, work)
        for leftover in lite.rglob("*.map"):
            leftover.unlink()
        customize_repl(lite, paths.site_config / LIVE_CSS)
        add_favicons(lite)
        add_translation(lite, LOCALE)
        shutil.copytree(lite, site / "lite")
        shutil.copy2(paths.site_config / "_headers", site / "_headers")
        (site / ".nojekyll").write_text("", encoding="utf-8")
        if not (site / "favicon.ico").exists():  # browsers ask for it at the root of any page without an icon
            shutil.copy2(lite / "notebooks" / "favicon.ico", site / "favicon.ico")
        pages = inject_csp_everywhere(site)
        log(f"Content-Security-Policy added to {pages} pages")
        problems = check_site(site)
        if problems:
            raise SystemExit("the site is not publishable:\n  " + "\n  ".join(problems[:20]))
        if paths.out.exists():
            shutil.rmtree(paths.out)
        shutil.move(str(site), paths.out)
    rows = size_report(paths.out)
    log(f"built {paths.out}")
    print_sizes(rows)
    return rows


def read_headers(headers_file: Path) -> list[tuple[str, str]]:
    """The headers of a ``_headers`` file (Netlify's format) for every path (``/*``): what ``serve`` sends."""
    headers: list[tuple[str, str]] = []
    applies = False
    for line in headers_file.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            applies = line.strip() == "/*"
        elif applies and ":" in line:
            name, value = line.strip().split(":", 1)
            headers.append((name.strip(), value.strip()))
    return headers


def site_server(site: Path, port: int = 0, host: str = "127.0.0.1",
                on_request: Callable[[str, int], None] | None = None) -> ThreadingHTTPServer:
    """An HTTP server for the built site, as a static host serves it: with the headers of its ``_headers`` file.

    The ``<meta>`` policy covers the pages, not the workers they start (a worker's policy comes from its own response's
    headers): only the header keeps the Python kernel, which runs in a worker, from reaching another host.
    ``on_request`` is told the path and status of every request answered (the site benchmark counts what a returning
    visitor's browser still asks for).
    """
    headers = read_headers(site / "_headers") if (site / "_headers").is_file() else []

    class Handler(SimpleHTTPRequestHandler):
        def guess_type(self, path: str | os.PathLike[str]) -> str:
            types = {".wasm": "application/wasm", ".mjs": "text/javascript", ".js": "text/javascript"}
            return types.get(Path(path).suffix) or super().guess_type(path)

        def end_headers(self) -> None:
            for name, value in headers:
                self.send_header(name, value)
            super().end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            pass

        def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
            if on_request is not None:
                on_request(self.path, int(code))

    server = ThreadingHTTPServer((host, port), partial(Handler, directory=str(site)))
    server.daemon_threads = True
    return server


def serve(site: Path, port: int, host: str = "127.0.0.1") -> None:
    """``make site-serve``: serve the built site until Ctrl+C."""
    server = site_server(site, port, host)
    print(f"Site servi sur http://{host}:{server.server_address[1]}/ (Ctrl+C pour arrêter)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--root", type=Path, default=None, help="the course's checkout (default: found)")
    parser.add_argument("--hide-lite-extensions", action="store_true",
                        help="move JupyterLite's kernel extension out of JupyterLab's sight, then stop")
    parser.add_argument("--serve", type=int, metavar="PORT", default=None,
                        help="serve the built site on 127.0.0.1:PORT with its _headers instead of building")
    args = parser.parse_args(argv)
    if args.hide_lite_extensions:
        hide_lite_extensions()
        return 0
    paths = Paths.of((args.root or course_root()).resolve())
    if args.serve is not None:
        if not (paths.out / "index.html").is_file():
            print("Construisez d'abord le site : make site", file=sys.stderr)
            return 2
        serve(paths.out, args.serve)
        return 0
    build(paths)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
