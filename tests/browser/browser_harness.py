"""Real-browser test harness: Debian's Chromium driven by Playwright, fully offline.

Used by the pytest suite in this folder and by ``benchmarks/bench_browser.py``. It provides:

* :func:`launch_args` / :func:`require_chromium`: the system Chromium and the flags this machine needs
  (a missing ``/usr/bin/chromium`` is an error with a clear message, never a skip);
* :class:`JupyterLabServer`: JupyterLab on 127.0.0.1 serving a temporary copy of the course folders, with
  Jupyter's folders, ``TMPDIR`` and the learner's progress folder (``INFLUENCE_WORKBOOK_HOME``) in a
  temporary folder, token auth, port read from the runtime ``jpserver-<pid>.json``;
* :class:`StaticServer`: ``http.server`` in a thread, for the built book (:func:`ensure_book_built`);
* :class:`PageGuard`: blocks and records every request that does not go to 127.0.0.1, and records failed
  requests, console errors, uncaught page errors and JavaScript dialogs;
* :func:`open_notebook`, :func:`run_all`, :func:`restart_and_run_all`: drive JupyterLab reliably;
* :class:`Workshop`: fill, select, toggle, click and read a course workshop by its widget classes;
* :func:`run_axe`: axe-core (WCAG 2.1 A/AA), bundled by the ``axe-playwright-python`` package.

Every wait is an ``expect`` (or a polled condition) with an explicit timeout: no fixed sleeps, no
``networkidle``.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import (
    BrowserContext,
    Dialog,
    Locator,
    Page,
    Request,
    Route,
    ViewportSize,
    WebSocketRoute,
    expect,
)

from influence_workbook.server import LAB_OPTION as NO_DELAY_OPTION

REPO = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
ARTIFACTS = REPO / "test-artifacts" / "browser"
BOOK_HTML = REPO / "_build" / "html"
BOOK_LOCK = REPO / "_build" / ".book-build.lock"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
#: Widgets can take 20 s and more to appear when two test suites share the 2 cores.
WIDGET_TIMEOUT_MS = 60_000
#: A click's feedback, a menu, a dialog: quick, but the machine is shared.
ACTION_TIMEOUT_MS = 30_000
SERVER_START_TIMEOUT_S = 90.0
VIEWPORT = {"width": 1280, "height": 900}
#: A workshop taller than the window is shot in a window this tall at most.
SCREENSHOT_MAX_HEIGHT = 8_000

#: Folders of the repository that JupyterLab serves (a temporary copy), as ``make start`` does.
#: data/ is copied too so that notebooks reading ``../data`` behave as in the real layout.
LAB_FOLDERS = ("notebooks", "exercises", "solutions", "data")
#: Where the harness's own fixture notebooks appear in the served tree.
LAB_FIXTURES_DIR = "_harness"

#: Requests to other hosts that a page is allowed to need, with why. None is expected from our
#: content: the course must work offline. Keys are URL prefixes.
ALLOWED_EXTERNAL_REQUESTS: dict[str, str] = {}

#: Browser console errors that are JupyterLab's own and harmless here, with why (regular expressions).
#: Only used on JupyterLab pages; book pages must have no console error at all.
LAB_UPSTREAM_CONSOLE_ERRORS: dict[str, str] = {}


@dataclass(frozen=True)
class UpstreamPageError:
    """An uncaught page error that is known to come from upstream code and not to affect the learner.

    Matched narrowly: the error's message AND the top frames of its stack (function names and the
    bundle they come from) must both match; any other uncaught error still fails the test.
    """

    message: re.Pattern[str]
    stack: re.Pattern[str]
    reason: str

    def matches(self, message: str, stack: str) -> bool:
        return bool(self.message.fullmatch(message.strip()) and self.stack.search(stack))


#: Uncaught page errors of JupyterLab and its extensions, with why they are harmless here.
LAB_UPSTREAM_PAGE_ERRORS: dict[str, UpstreamPageError] = {
    "cell-toolbar vs jupyterlab-myst": UpstreamPageError(
        message=re.compile(r"Cannot read properties of undefined \(reading 'node'\)"),
        # The first two frames: JupyterLab's own bundle, cell-toolbar's overlap check.
        stack=re.compile(r"^\s*at \S*_markdownOverlapsToolbar \(http://127\.0\.0\.1:\d+/static/lab/jlab_core\.[0-9a-f]+\.js"
                         r"[^)]*\)\n\s*at \S*_cellToolbarOverlapsContents \(http://127\.0\.0\.1:\d+/static/lab/"
                         r"jlab_core\.[0-9a-f]+\.js"),
        reason="JupyterLab 4.6's cell toolbar (@jupyterlab/cell-toolbar, CellToolbarTracker."
               "_markdownOverlapsToolbar, run in a requestIdleCallback) reads inputArea.renderedInput.node of "
               "the active Markdown cell as soon as it is marked rendered. jupyterlab-myst 2.7's "
               "MySTMarkdownCell sets renderedInput only at the end of its asynchronous render, and only when "
               "the cell is attached (JupyterLab's windowed notebook detaches off-screen cells): when Run All "
               "makes such a Markdown cell active, the idle callback throws. Nothing is shown to the learner: "
               "only the toolbar-overlap class of that cell is not updated. Seen about 1 run in 4."),
}

WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
BLOCKING_IMPACTS = frozenset({"serious", "critical"})


@functools.cache
def frozen_today() -> str:
    """The date the kernels judge deadlines against, ISO: INFLUENCE_WORKBOOK_TODAY if set, else today.

    Set in the JupyterLab server's environment, so that a test computing the expected feedback in
    its own process uses the same date as the kernel even across midnight.
    """
    return os.environ.get("INFLUENCE_WORKBOOK_TODAY", "").strip() or time.strftime("%Y-%m-%d")


class HarnessError(RuntimeError):
    """The harness could not set up what a test needs (browser missing, server not starting...)."""


# --------------------------------------------------------------------------------------- browser


def require_chromium() -> None:
    """Raise a clear error when Debian's Chromium is missing (tests then fail; they never skip)."""
    if not (CHROMIUM.exists() and os.access(CHROMIUM, os.X_OK)):
        raise HarnessError(
            f"Chromium est introuvable ({CHROMIUM}) : les tests dans le navigateur en ont besoin. "
            "Installez-le avec `make browser-deps` (ou `bash scripts/install-browser.sh`, en root). "
            "Playwright n'utilise pas de navigateur téléchargé : ne lancez pas `playwright install`."
        )


def launch_args() -> dict[str, Any]:
    """Keyword arguments for ``playwright.chromium.launch``."""
    require_chromium()
    return {"executable_path": str(CHROMIUM), "args": list(CHROMIUM_ARGS), "headless": True}


def new_context(browser: Any, guard: PageGuard | None = None, **kwargs: Any) -> BrowserContext:
    """A fresh browser context, French locale, with the offline guard installed."""
    if guard is not None and guard.keep_http_cache:
        raise HarnessError("a guard that keeps the HTTP cache needs a browser launched with BLOCK_OTHER_HOSTS_ARGS: "
                           "open it with new_profile_context")
    options: dict[str, Any] = {"viewport": VIEWPORT, "locale": "fr-FR"}
    options.update(kwargs)
    context: BrowserContext = browser.new_context(**options)
    context.set_default_timeout(ACTION_TIMEOUT_MS)
    if guard is not None:
        guard.install(context)
    return context


def new_profile_context(playwright: Any, profile: Path, guard: PageGuard | None = None,
                        **kwargs: Any) -> BrowserContext:
    """A browser with an on-disk profile in ``profile`` (French locale, offline guard installed), as a learner's.

    :func:`new_context`'s contexts are off the record: Chromium keeps their HTTP cache in memory and no compiled
    code at all, so a second visit there compiles Pyodide's 9.6 MB of WebAssembly again. A learner's browser keeps
    that code: a warm visit is measured in a profile like theirs, opened again.
    """
    options: dict[str, Any] = {**launch_args(), "viewport": VIEWPORT, "locale": "fr-FR"}
    if guard is not None and guard.keep_http_cache:
        options["args"] = [*options["args"], *BLOCK_OTHER_HOSTS_ARGS]
    options.update(kwargs)
    context: BrowserContext = playwright.chromium.launch_persistent_context(str(profile), **options)
    context.set_default_timeout(ACTION_TIMEOUT_MS)
    if guard is not None:
        guard.install(context)
    return context


# ----------------------------------------------------------------------------------- page guard


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in {"data", "blob", "about", "chrome-error"}:
        return True
    return parts.scheme in {"http", "https", "ws", "wss"} and parts.hostname == "127.0.0.1"


#: Every URL that :func:`is_local` refuses (tests/browser/test_browser_harness.py checks they agree).
#: A pattern, not a Python function, so that Playwright's driver decides by itself which requests and
#: sockets to route: with a function it asks Python about each one, and then relays every message of
#: every WebSocket, the kernel's included, page → driver → Python → driver → page, which added 5 to
#: 15 ms to each message (a click's verdict included) and made the benchmark time the relay.
#: Both Python's ``re`` and JavaScript's ``RegExp`` read it (Playwright matches it on both sides).
NOT_LOCAL = re.compile(r"^(?!(?:data|blob|about|chrome-error):)"
                       r"(?!(?:https?|wss?)://127\.0\.0\.1(?::\d+)?(?:[/?#]|$))")


#: Launch flags with which Chromium itself refuses every other host, for :class:`PageGuard` with ``keep_http_cache``:
#: every request goes to a proxy at a port where nothing listens (it fails with ERR_PROXY_CONNECTION_FAILED, host
#: names and IP addresses alike), except loopback's, which Chromium never sends to a proxy.
BLOCK_OTHER_HOSTS_ARGS = ("--proxy-server=http://127.0.0.1:9",)


def _allowed_external(url: str) -> bool:
    return any(url.startswith(prefix) for prefix in ALLOWED_EXTERNAL_REQUESTS)


@dataclass
class PageGuard:
    """Blocks and records every request that leaves 127.0.0.1; records what went wrong in the page.

    Install it on a context before opening pages. ``problems()`` lists what a test must not have:
    blocked requests (a page needed the network), JavaScript dialogs (``alert`` and friends), and,
    when asked, failed requests, console errors and uncaught errors.

    By default the guard blocks by routing requests in Playwright, which also turns Chromium's HTTP cache off
    (microsoft/playwright#7220): every visit then downloads and compiles everything again. A benchmark of a
    returning visitor needs that cache: with ``keep_http_cache`` the browser itself refuses other hosts
    (:data:`BLOCK_OTHER_HOSTS_ARGS`, added by :func:`new_profile_context`) and the guard only records them.
    """

    #: Block with Chromium's launch flags instead of Playwright's routes, which keeps the HTTP cache on.
    keep_http_cache: bool = False

    blocked: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    #: Uncaught errors matched by LAB_UPSTREAM_PAGE_ERRORS: recorded (guard.json), not a failure.
    upstream_page_errors: list[str] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def install(self, context: BrowserContext) -> None:
        if self.keep_http_cache:
            context.on("request", self._record_remote)
        else:
            context.route(NOT_LOCAL, self._route)
            context.route_web_socket(NOT_LOCAL, self._route_ws)
        context.on("page", self.watch)
        for page in context.pages:
            self.watch(page)

    def watch(self, page: Page) -> None:
        page.on("dialog", self._dialog)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self._page_error(page, error))
        page.on("requestfailed", self._request_failed)
        page.on("response", self._response)
        if self.keep_http_cache:
            page.on("websocket", self._record_remote)

    def _record_remote(self, request: Request | Any) -> None:
        if not is_local(request.url):
            self._add(self.blocked, request.url)

    def _page_error(self, page: Page, error: Any) -> None:
        # Keep the top of the stack: it says whether the error comes from our code or from upstream.
        message, stack = str(error.message or error), "\n".join((error.stack or "").splitlines()[1:])
        text = f"{page.url}: {message} | {' / '.join(line.strip() for line in stack.splitlines()[:3])}"
        known = next((name for name, upstream in LAB_UPSTREAM_PAGE_ERRORS.items()
                      if upstream.matches(message, stack)), None)
        if known is not None:
            self._add(self.upstream_page_errors, f"[{known}] {text}")
        else:
            self._add(self.page_errors, text)

    def _add(self, bucket: list[str], text: str) -> None:
        with self._lock:
            bucket.append(text)

    def _route(self, route: Route) -> None:
        # Only NOT_LOCAL requests get here (were a local one to match, it would show as blocked).
        self._add(self.blocked, route.request.url)
        route.abort("blockedbyclient")

    def _route_ws(self, ws: WebSocketRoute) -> None:
        self._add(self.blocked, ws.url)
        ws.close(code=1008, reason="blocked by the offline test harness")

    def _dialog(self, dialog: Dialog) -> None:
        if dialog.type == "beforeunload":  # JupyterLab asks before leaving a notebook with changes
            dialog.accept()
            return
        self._add(self.dialogs, f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def _console(self, message: Any) -> None:
        if message.type == "error":
            location = message.location or {}
            self._add(self.console_errors, f"{message.text} (at {location.get('url', '?')})")

    def _request_failed(self, request: Request) -> None:
        failure = request.failure or ""
        if not is_local(request.url) and ("ERR_BLOCKED_BY_CLIENT" in failure or self.keep_http_cache):
            return  # already recorded as blocked
        if "ERR_ABORTED" in failure and request.resource_type in {"websocket", "eventsource"}:
            return  # a page closing its own socket
        if "ERR_ABORTED" in failure and request.resource_type == "ping":
            return  # a beacon sent as its page unloads (Voilà's kernel shutdown) outlives the page
        self._add(self.failed_requests, f"{request.method} {request.url}: {failure}")

    def _response(self, response: Any) -> None:
        if response.status >= 400:
            request = response.request
            self._add(self.failed_requests, f"{request.method} {response.url}: HTTP {response.status}")

    def unexpected_blocked(self) -> list[str]:
        return [url for url in self.blocked if not _allowed_external(url)]

    def problems(self, *, failed_requests: bool = False, console: bool = False,
                 console_allow: dict[str, str] | None = None) -> list[str]:
        """Everything that should make a test fail, as readable lines (empty when all is well)."""
        found = [f"request to another host blocked (the page needs the network): {u}"
                 for u in self.unexpected_blocked()]
        found += [f"JavaScript dialog opened: {d}" for d in self.dialogs]
        found += [f"uncaught error in the page: {e}" for e in self.page_errors]
        if failed_requests:
            found += [f"failed request: {r}" for r in self.failed_requests]
        if console:
            allow = console_allow or {}
            found += [f"console error: {c}" for c in self.console_errors
                      if not any(re.search(pattern, c) for pattern in allow)]
        return found

    def reset(self) -> None:
        with self._lock:
            for bucket in (self.blocked, self.dialogs, self.failed_requests, self.console_errors,
                           self.page_errors, self.upstream_page_errors):
                bucket.clear()


# --------------------------------------------------------------------------------------- servers


def _venv_tool(name: str) -> str:
    for folder in (Path(sys.executable).parent, REPO / ".venv" / "bin"):
        candidate = folder / name
        if candidate.exists():
            return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise HarnessError(f"{name} est introuvable : lancez `make install-test`.")
    return found


def _http_get(url: str, timeout: float = 5.0, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def _wait_until(condition: Callable[[], Any], timeout_s: float, what: str, poll_s: float = 0.1) -> Any:
    """Poll ``condition`` until it returns a true value; raise HarnessError naming ``what`` on timeout."""
    deadline = time.monotonic() + timeout_s
    last_error: Exception | None = None
    while time.monotonic() < deadline:
        try:
            value = condition()
        except (OSError, ValueError) as error:  # server not listening yet, file half-written
            last_error = error
            value = None
        if value:
            return value
        time.sleep(poll_s)
    raise HarnessError(f"timed out after {timeout_s:.0f} s waiting for {what}" +
                       (f" (last error: {last_error})" if last_error else ""))


#: The course's JupyterLab defaults, as `make start` uses them (config/README.md).
LAB_CONFIG_PATH = REPO / "config" / "jupyter"

_LAB_USER_SETTINGS = {
    # No autosave: the served copy stays as the repository has it, whatever the test does.
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
}


def server_api(url: str, token: str, method: str, path: str) -> Any:
    """Call Jupyter Server's REST API (``/api/kernels``…) with the token; the decoded JSON answer."""
    request = urllib.request.Request(f"{url}{path}", method=method, headers={"Authorization": f"token {token}"})
    with urllib.request.urlopen(request, timeout=30) as response:
        body = response.read()
    return json.loads(body) if body else None


class JupyterLabServer:
    """JupyterLab on 127.0.0.1 serving a temporary copy of the course, torn down with its kernels."""

    def __init__(self, repo: Path = REPO, folders: Sequence[str] = LAB_FOLDERS,
                 fixtures: Path | None = FIXTURES, options: Sequence[str] = (NO_DELAY_OPTION,),
                 config_path: Path | None = LAB_CONFIG_PATH) -> None:
        self.repo = repo
        #: The course's JupyterLab defaults (None: JupyterLab's own, for the harness's self-checks).
        self.config_path = config_path
        #: Server options beyond the offline ones; by default those of `make start`.
        self.options = tuple(options)
        self.folders = tuple(folders)
        self.fixtures = fixtures
        self.token = secrets.token_urlsafe(24)
        self.base: Path | None = None
        self.process: subprocess.Popen[bytes] | None = None
        self.port = 0
        self.startup_seconds = 0.0

    # paths ----------------------------------------------------------------------------------
    @property
    def root(self) -> Path:
        assert self.base is not None, "server not started"
        return self.base / "root"

    @property
    def workbook_home(self) -> Path:
        """INFLUENCE_WORKBOOK_HOME of the kernels: where the learner's progress file is written."""
        assert self.base is not None, "server not started"
        return self.base / "workbook-home"

    @property
    def log_path(self) -> Path:
        assert self.base is not None, "server not started"
        return self.base / "jupyterlab.log"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def lab_url(self, path: str, reset: bool = True) -> str:
        """URL opening ``path`` (relative to the served root) in a fresh JupyterLab workspace."""
        query = f"reset&token={self.token}" if reset else f"token={self.token}"
        return f"{self.url}/lab/tree/{path}?{query}"

    # life cycle ------------------------------------------------------------------------------
    def start(self) -> JupyterLabServer:
        started = time.monotonic()
        self.base = Path(tempfile.mkdtemp(prefix="iw-browser-lab-"))
        for name in self.folders:
            source = self.repo / name
            if source.is_dir():
                shutil.copytree(source, self.root / name,
                                ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
        if self.fixtures is not None:
            shutil.copytree(self.fixtures, self.root / LAB_FIXTURES_DIR,
                            ignore=shutil.ignore_patterns("__pycache__"))
        self.root.mkdir(parents=True, exist_ok=True)
        names = ("config", "data", "runtime", "tmp", "ipython", "mpl", "home")
        dirs = {name: self.base / name for name in names}
        for folder in (*dirs.values(), self.workbook_home):
            folder.mkdir(parents=True, exist_ok=True)
        for relative, values in _LAB_USER_SETTINGS.items():
            target = dirs["config"] / "lab" / "user-settings" / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(values), encoding="utf-8")

        env = dict(os.environ)
        for name in ("INFLUENCE_WORKBOOK_PROGRESS", "JUPYTER_PATH", "JUPYTER_TOKEN", "JUPYTERLAB_DIR",
                     "JUPYTERLAB_SETTINGS_DIR", "JUPYTERLAB_WORKSPACES_DIR", "PYTHONSTARTUP"):
            env.pop(name, None)
        env.update({
            "JUPYTER_CONFIG_DIR": str(dirs["config"]),
            "JUPYTER_CONFIG_PATH": str(self.config_path or dirs["config"]),  # never the machine's
            "JUPYTER_DATA_DIR": str(dirs["data"]),
            "JUPYTER_RUNTIME_DIR": str(dirs["runtime"]),
            "TMPDIR": str(dirs["tmp"]),
            "IPYTHONDIR": str(dirs["ipython"]),
            "MPLCONFIGDIR": str(dirs["mpl"]),
            "HOME": str(dirs["home"]),
            # The package reads this in the kernel: the progress file goes to a temporary folder.
            "INFLUENCE_WORKBOOK_HOME": str(self.workbook_home),
            "INFLUENCE_WORKBOOK_TODAY": frozen_today(),
            "PATH": f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}",
            "PYTHONUNBUFFERED": "1",
        })
        command = [
            _venv_tool("jupyter-lab"), "--no-browser", "--ip=127.0.0.1", "--port=0",
            f"--IdentityProvider.token={self.token}", f"--ServerApp.root_dir={self.root}",
            "--allow-root", "--LabApp.news_url=None",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            *self.options,  # as `make start`: kernel messages reach the page without Nagle's delay
        ]
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(
                command, cwd=self.root, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        try:
            info_file = dirs["runtime"] / f"jpserver-{self.process.pid}.json"

            def read_port() -> int:
                self._fail_if_exited()
                if not info_file.exists():
                    return 0
                return int(json.loads(info_file.read_text(encoding="utf-8"))["port"])

            self.port = _wait_until(read_port, SERVER_START_TIMEOUT_S, f"JupyterLab's {info_file.name}")

            def ready() -> bool:
                self._fail_if_exited()
                status, _ = _http_get(f"{self.url}/api/status?token={self.token}", timeout=2)
                return status == 200

            _wait_until(ready, SERVER_START_TIMEOUT_S, "JupyterLab's /api/status")
        except BaseException:
            self.stop()
            raise
        self.startup_seconds = time.monotonic() - started
        return self

    def _fail_if_exited(self) -> None:
        if self.process is not None and self.process.poll() is not None:
            raise HarnessError(f"JupyterLab exited with code {self.process.returncode}:\n{self.log_tail()}")

    def log_tail(self, lines: int = 40) -> str:
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
            return "\n".join(text.splitlines()[-lines:])
        except (OSError, AssertionError):
            return "(no log)"

    def stop(self) -> None:
        """Stop the server and the kernels it started (its own process group only), remove its folder."""
        process, self.process = self.process, None
        if process is not None and process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
        if process is not None:  # kernels are in the server's group; make sure none is left
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGKILL)
        if self.base is not None:
            shutil.rmtree(self.base, ignore_errors=True)
            self.base = None

    def __enter__(self) -> JupyterLabServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # REST API --------------------------------------------------------------------------------
    def api(self, method: str, path: str) -> Any:
        return server_api(self.url, self.token, method, path)

    def fresh_state(self) -> None:
        """Between tests: no kernel left running, no saved progress, the workspace forgotten."""
        for session in self.api("GET", "/api/sessions"):
            with contextlib.suppress(urllib.error.HTTPError):
                self.api("DELETE", f"/api/sessions/{session['id']}")
        for kernel in self.api("GET", "/api/kernels"):
            with contextlib.suppress(urllib.error.HTTPError):
                self.api("DELETE", f"/api/kernels/{kernel['id']}")
        if self.workbook_home.exists():
            shutil.rmtree(self.workbook_home)
        self.workbook_home.mkdir(parents=True)

    def progress_file(self) -> Path:
        return self.workbook_home / "progression.json"


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class StaticServer:
    """``http.server`` on 127.0.0.1 (random port) in a daemon thread, serving one folder."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.httpd: ThreadingHTTPServer | None = None
        self.thread: threading.Thread | None = None

    def start(self) -> StaticServer:
        handler = functools.partial(_QuietHandler, directory=str(self.directory))
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, name="static-book", daemon=True)
        self.thread.start()
        return self

    @property
    def url(self) -> str:
        assert self.httpd is not None, "server not started"
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def stop(self) -> None:
        if self.httpd is not None:
            self.httpd.shutdown()
            self.httpd.server_close()
            self.httpd = None

    def __enter__(self) -> StaticServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


# ------------------------------------------------------------------------------------------ book

#: What the built book is made from: when one of these is newer than the build, it is rebuilt.
BOOK_SOURCE_PATHS = ("_config.yml", "_toc.yml", "references.bib", "book", "notebooks", "exercises",
                     "src/influence_workbook")
_BOOK_STAMP = REPO / "_build" / ".browser-tests-built"


def _newest_source_mtime(repo: Path = REPO) -> float:
    newest = 0.0
    for name in BOOK_SOURCE_PATHS:
        path = repo / name
        if path.is_file():
            newest = max(newest, path.stat().st_mtime)
        elif path.is_dir():
            for child in path.rglob("*"):
                if child.is_file() and not {"__pycache__", ".ipynb_checkpoints"} & set(child.parts):
                    newest = max(newest, child.stat().st_mtime)
    return newest


def book_is_fresh(repo: Path = REPO) -> bool:
    index = repo / "_build" / "html" / "index.html"
    if not index.exists():
        return False
    built = max(index.stat().st_mtime, _BOOK_STAMP.stat().st_mtime if _BOOK_STAMP.exists() else 0.0)
    return built >= _newest_source_mtime(repo)


@contextlib.contextmanager
def book_build_lock() -> Iterator[None]:
    """An exclusive lock on the book build (``_build/.book-build.lock``), shared with other test modules."""
    BOOK_LOCK.parent.mkdir(parents=True, exist_ok=True)
    with open(BOOK_LOCK, "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _make_book_today() -> str | None:
    """The date `make book` freezes (INFLUENCE_WORKBOOK_TODAY=... in its recipe): build the same pages."""
    try:
        makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    except OSError:
        return None
    recipe = re.search(r"^book:.*\n((?:\t.*\n?)+)", makefile, re.MULTILINE)
    found = re.search(r"INFLUENCE_WORKBOOK_TODAY=(\d{4}-\d{2}-\d{2})", recipe.group(1)) if recipe else None
    return found.group(1) if found else None


def ensure_book_built(timeout_s: float = 1500) -> Path:
    """Build the book (``jupyter-book build -W -n --keep-going .``) unless it is fresh; return _build/html."""
    if not (REPO / "_toc.yml").exists() or not (REPO / "_config.yml").exists():
        raise HarnessError("the book has no _config.yml/_toc.yml at the repository root: nothing to build")
    with book_build_lock():
        if book_is_fresh():
            return BOOK_HTML
        with tempfile.TemporaryDirectory(prefix="iw-book-build-") as home:
            env = dict(os.environ)
            env.pop("INFLUENCE_WORKBOOK_PROGRESS", None)
            env["INFLUENCE_WORKBOOK_HOME"] = home  # executed notebooks must not touch a real learner's file
            env["INFLUENCE_WORKBOOK_TODAY"] = _make_book_today() or frozen_today()
            result = subprocess.run(
                [_venv_tool("jupyter-book"), "build", "-W", "-n", "--keep-going", "."],
                cwd=REPO, env=env, capture_output=True, text=True, timeout=timeout_s, check=False,
            )
        if result.returncode != 0 or not (BOOK_HTML / "index.html").exists():
            tail = "\n".join((result.stdout + result.stderr).splitlines()[-60:])
            raise HarnessError(f"jupyter-book build failed (exit {result.returncode}):\n{tail}")
        _BOOK_STAMP.touch()
    return BOOK_HTML


SITE = REPO / "_build" / "site"
#: What the site adds to the book: when one of these is newer than the site, it is rebuilt.
SITE_SOURCE_PATHS = (*BOOK_SOURCE_PATHS, "site", "requirements-site.txt", "pyproject.toml")


def site_is_fresh(repo: Path = REPO) -> bool:
    index = repo / "_build" / "site" / "index.html"
    if not index.exists() or not book_is_fresh(repo):
        return False
    newest = 0.0
    for name in SITE_SOURCE_PATHS:
        path = repo / name
        files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()] if path.is_dir() else []
        for child in files:
            if not {"__pycache__", ".ipynb_checkpoints"} & set(child.parts):
                newest = max(newest, child.stat().st_mtime)
    return index.stat().st_mtime >= newest


def ensure_site_built(timeout_s: float = 1500) -> Path:
    """Build the published site (``make site``: the book plus JupyterLite) unless it is fresh; return it."""
    ensure_book_built(timeout_s)
    with book_build_lock():
        if site_is_fresh():
            return SITE
        env = dict(os.environ)
        env["INFLUENCE_WORKBOOK_TODAY"] = _make_book_today() or frozen_today()
        result = subprocess.run([sys.executable, "-m", "influence_workbook.authoring.site"], cwd=REPO, env=env,
                                capture_output=True, text=True, timeout=timeout_s, check=False)
        if result.returncode != 0 or not (SITE / "index.html").exists():
            tail = "\n".join((result.stdout + result.stderr).splitlines()[-60:])
            raise HarnessError(f"the site build failed (exit {result.returncode}):\n{tail}")
    return SITE


class SiteServer:
    """The built site served as a static host serves it: with its ``_headers`` (the Content-Security-Policy)."""

    def __init__(self, directory: Path) -> None:
        from influence_workbook.authoring.site import site_server

        #: (path, HTTP status) of every request answered, in order (what a browser's cache did not serve).
        self.answered: list[tuple[str, int]] = []
        self.server = site_server(directory, on_request=lambda path, status: self.answered.append((path, status)))
        self.thread = threading.Thread(target=self.server.serve_forever, name="site", daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> SiteServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


def toc_pages(repo: Path = REPO) -> list[str]:
    """Every page listed by ``_toc.yml`` (root first), as paths relative to _build/html (``x/y.html``)."""
    import yaml  # jupyter-book's dependency

    toc_file = repo / "_toc.yml"
    if not toc_file.exists():
        return []
    toc = yaml.safe_load(toc_file.read_text(encoding="utf-8"))
    files: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key in ("root", "file"):
                if isinstance(node.get(key), str):
                    files.append(node[key])
            if isinstance(node.get("glob"), str):
                for match in sorted(repo.glob(node["glob"] + ".*")):
                    if match.suffix in {".md", ".ipynb", ".rst"}:
                        files.append(str(match.relative_to(repo).with_suffix("")))
            for key in ("parts", "chapters", "sections"):
                for child in node.get(key) or ():
                    walk(child)
        elif isinstance(node, list):
            for child in node:
                walk(child)

    walk(toc)
    pages: list[str] = []
    for name in files:
        stem = re.sub(r"\.(md|ipynb|rst)$", "", name)
        page = f"{stem}.html"
        if page not in pages:
            pages.append(page)
    return pages


# ---------------------------------------------------------------------------------- JupyterLab


#: JupyterLab's interface texts the harness reads, in English (JupyterLab's own defaults, as in the
#: harness's positive controls) and in French (the course's locale, config/jupyter, with the pinned
#: jupyterlab-language-pack-fr-FR): one pattern matches either, so a test reads the page in the
#: language it is in, and a page in neither fails by timing out on its first wait.
UI_TEXTS: dict[str, tuple[str, str]] = {
    "idle": ("Idle", "Inactif"),  # the kernel's status, « Python 3 (ipykernel) | Inactif »
    "menu:Run": ("Run", "Exécution"),
    "menu:Kernel": ("Kernel", "Noyau"),
    "news": ("Would you like to get notified about official Jupyter news?",
             "Souhaitez-vous être informé des nouvelles officielles de Jupyter ?"),
}


def ui_text(key: str, *, whole: bool = False) -> re.Pattern[str]:
    """A pattern matching the English or the French of one of :data:`UI_TEXTS`."""
    words = "|".join(re.escape(text) for text in UI_TEXTS[key])
    return re.compile(rf"^(?:{words})$" if whole else rf"(?:{words})")


def _kernel_idle(page: Page) -> Locator:
    # The kernel status item reads "Python 3 (ipykernel) | Inactif" (Idle) once the kernel really
    # exists. (The toolbar's execution indicator says "idle" before that: running all then does nothing.)
    return page.locator(".jp-StatusBar-Item", has_text=re.compile(rf"\| {ui_text('idle').pattern}\b"))


def news_prompt(page: Page) -> Locator:
    """JupyterLab's notification asking to fetch news from jupyter.org, over the notebook."""
    return page.locator(".jp-toast-message", has_text=ui_text("news"))


def page_language(page: Page) -> str:
    """The page's ``<html lang>``: what a screen reader pronounces the page's text as."""
    return str(page.locator("html").get_attribute("lang") or "")


def open_notebook(page: Page, server: JupyterLabServer, path: str,
                  timeout_ms: int = WIDGET_TIMEOUT_MS) -> None:
    """Open ``path`` in a fresh JupyterLab workspace and wait for its kernel to be idle."""
    page.goto(server.lab_url(path), wait_until="domcontentloaded", timeout=timeout_ms)
    wait_kernel_idle(page, timeout_ms)


def wait_kernel_idle(page: Page, timeout_ms: int = WIDGET_TIMEOUT_MS) -> None:
    # locator.wait_for is checked in the page at each frame: no polling delay (the benchmark relies on it).
    page.locator(".jp-NotebookPanel").first.wait_for(state="visible", timeout=timeout_ms)
    _kernel_idle(page).first.wait_for(state="visible", timeout=timeout_ms)


def _menu(page: Page, menu: str, command: str) -> None:
    """Open the main menu ``menu`` (its English name, a key of :data:`UI_TEXTS`), then run ``command``."""
    page.locator(".lm-MenuBar-itemLabel", has_text=ui_text(f"menu:{menu}", whole=True)).click()
    page.locator(f'.lm-Menu-item[data-command="{command}"]').click()


def run_all(page: Page, timeout_ms: int = WIDGET_TIMEOUT_MS) -> None:
    """Menu Run → Run All Cells, once the kernel is idle, then wait until it is idle again."""
    wait_kernel_idle(page, timeout_ms)
    _menu(page, "Run", "runmenu:run-all")
    wait_all_cells_ran(page, timeout_ms)


def wait_all_cells_ran(page: Page, timeout_ms: int = WIDGET_TIMEOUT_MS) -> None:
    """Every code cell has an execution count (no ``[ ]`` or ``[*]`` prompt left) and the kernel is idle."""
    pending = page.locator(".jp-CodeCell .jp-InputPrompt").filter(has_text=re.compile(r"\[\s*\*?\s*\]"))
    expect(pending).to_have_count(0, timeout=timeout_ms)
    expect(_kernel_idle(page)).to_have_count(1, timeout=timeout_ms)


def mark_stale(page: Page, selector: str) -> None:
    """Tag the elements matching ``selector`` so that waits after a re-run only match new ones."""
    page.evaluate("(s) => document.querySelectorAll(s).forEach(e => e.setAttribute('data-iw-stale', '1'))",
                  selector)


def restart_and_run_all(page: Page, timeout_ms: int = WIDGET_TIMEOUT_MS) -> None:
    """Menu Kernel → Restart Kernel and Run All Cells…, confirmed, then wait until all cells ran."""
    wait_kernel_idle(page, timeout_ms)
    _menu(page, "Kernel", "runmenu:restart-and-run-all")
    dialog = page.locator(".jp-Dialog")
    expect(dialog).to_be_visible(timeout=ACTION_TIMEOUT_MS)
    dialog.locator("button.jp-mod-accept").click()
    expect(dialog).to_have_count(0, timeout=ACTION_TIMEOUT_MS)
    wait_all_cells_ran(page, timeout_ms)


def error_outputs(page: Page) -> list[str]:
    """Text of every error or stderr output of the open notebook (a learner must never see a traceback)."""
    return page.locator(
        '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"], '
        '.jp-OutputArea-output.jp-mod-error'
    ).all_inner_texts()


# ------------------------------------------------------------------------------------ workshop


def choose(select: Locator, **option: Any) -> None:
    """Pick in a menu as a learner does: the menu gets the focus first (a learner clicks it, which in
    JupyterLab also makes its cell the active one), then the option is chosen."""
    select.focus()
    select.select_option(**option)


_VERDICTS_SCRIPT = """(region) => [...region.querySelectorAll('li[data-criterion]')].map(item => {
  const word = item.querySelector('.iw-verdict');
  const box = word ? word.getBoundingClientRect() : null;
  const seen = word && box.width > 0 && box.height > 0 &&
    word.checkVisibility({opacityProperty: true, visibilityProperty: true}) &&
    getComputedStyle(word).color !== 'rgba(0, 0, 0, 0)';
  const colour = item.classList.contains('iw-ok') ? 'iw-ok' : item.classList.contains('iw-ko') ? 'iw-ko' : '';
  return [item.dataset.criterion, seen ? word.textContent.split('—')[0].trim() : '', colour];
})"""


class Workshop:
    """Drive one course workshop by the classes its widgets carry (``iw-chNN-...``).

    ``root`` is the class of the workshop's outer box; every other name is the class of one widget
    inside it. Elements tagged stale by :func:`mark_stale` (views of a previous run) are ignored.
    """

    def __init__(self, page: Page, root: str, timeout_ms: int = WIDGET_TIMEOUT_MS) -> None:
        self.page = page
        self.root_class = root
        self.timeout_ms = timeout_ms

    @property
    def root(self) -> Locator:
        return self.page.locator(f".{self.root_class}:not([data-iw-stale])")

    def widget(self, css_class: str) -> Locator:
        return self.root.locator(f".{css_class}")

    def wait_ready(self, button: str = "Vérifier") -> Locator:
        """Wait until the workshop is shown and its button is visible and enabled; return the button."""
        self.root.first.wait_for(state="attached", timeout=self.timeout_ms)
        expect(self.root).to_have_count(1, timeout=self.timeout_ms)
        # JupyterLab 4 renders only the cells near the viewport (content-visibility): scroll to the
        # workshop as a learner would, or its widgets have no layout and count as hidden.
        self.root.scroll_into_view_if_needed(timeout=self.timeout_ms)
        expect(self.root).to_be_visible(timeout=self.timeout_ms)
        target = self.button(button)
        target.wait_for(state="visible", timeout=self.timeout_ms)
        expect(target).to_be_enabled(timeout=self.timeout_ms)
        return target

    # inputs --------------------------------------------------------------------------------
    def field(self, css_class: str) -> Locator:
        return self.widget(css_class).locator("input, textarea").first

    def fill(self, css_class: str, text: str) -> None:
        self.field(css_class).fill(text)

    def value(self, css_class: str) -> str:
        return self.field(css_class).input_value()

    def select(self, css_class: str, label: str) -> None:
        choose(self.widget(css_class).locator("select"), label=label)

    def selected(self, css_class: str) -> str:
        return str(self.widget(css_class).locator("select").evaluate(
            "s => s.selectedIndex < 0 ? '' : s.options[s.selectedIndex].text"))

    def options(self, css_class: str) -> list[str]:
        """The labels of a Dropdown, whitespace normalised (French typography uses non-breaking spaces)."""
        labels = self.widget(css_class).locator("select option").all_inner_texts()
        return [" ".join(text.split()) for text in labels]

    def toggle(self, css_class: str, label: str) -> None:
        """Pick one option of a ToggleButtons widget."""
        self.widget(css_class).get_by_role("button", name=label, exact=True).click()

    def toggled(self, css_class: str) -> str:
        return self.widget(css_class).locator("button.mod-active").inner_text().strip()

    def toggle_options(self, css_class: str) -> list[str]:
        return [" ".join(t.split()) for t in self.widget(css_class).locator("button").all_inner_texts()]

    def text_fields(self) -> Locator:
        """Every visible text input and textarea of the workshop."""
        return self.root.locator("input[type=text]:visible, input:not([type]):visible, textarea:visible")

    # actions and feedback ----------------------------------------------------------------
    def button(self, name: str) -> Locator:
        # A button's icon (a Font Awesome glyph from CSS) is part of its accessible name: allow it first.
        return self.root.get_by_role("button", name=re.compile(rf"^\W*{re.escape(name)}\s*$"))

    def click(self, name: str = "Vérifier") -> None:
        self.button(name).click()

    def text(self, css_class: str) -> str:
        return self.widget(css_class).inner_text()

    def expect_text(self, css_class: str, expected: str | re.Pattern[str],
                    timeout_ms: int | None = None) -> None:
        expect(self.widget(css_class)).to_contain_text(expected, timeout=timeout_ms or self.timeout_ms)

    def expect_texts(self, css_class: str, expected: Sequence[str], timeout_ms: int | None = None) -> None:
        """Each text is shown in the widget (whitespace, non-breaking spaces included, is normalised)."""
        for text in expected:
            self.expect_text(css_class, text, timeout_ms)

    def verdicts(self, css_class: str) -> list[tuple[str, str, str]]:
        """Each criterion of the feedback in ``css_class`` as (criterion, verdict word, colour class).

        The verdict word is the text of the item's ``.iw-verdict`` up to its dash, and counts only
        if it is rendered (laid out with a size, not hidden, not fully transparent, in a colour
        that is not transparent): that is what a learner who does not see the colour reads. An
        item without such a word gives "" as its word.
        """
        return [tuple(row) for row in self.widget(css_class).evaluate(_VERDICTS_SCRIPT)]

    def cut_off(self) -> list[str]:
        """What sticks out on the right of the workshop's column (a learner sees it cut), as
        « tag.class: N px beyond « text… » » lines; content of a region that scrolls sideways
        (the chapter-2 table) is left out: it is meant to be wider, and scrolls."""
        return list(self.root.evaluate(_CUT_OFF_SCRIPT))

    def screenshot(self, path: Path) -> Path:
        """The whole workshop, even when taller than the window.

        JupyterLab scrolls the notebook inside its own panel, so an element screenshot shows only the
        part in the window (the rest grey): the window is made tall enough for the time of the shot.
        """
        path.parent.mkdir(parents=True, exist_ok=True)
        size = self.page.viewport_size or ViewportSize(width=VIEWPORT["width"], height=VIEWPORT["height"])
        box = self.root.bounding_box()
        needed = int(box["height"]) + 300 if box else 0
        tall = needed > size["height"]
        if tall:
            self.page.set_viewport_size(ViewportSize(width=size["width"],
                                                     height=min(needed, SCREENSHOT_MAX_HEIGHT)))
        try:
            self.root.scroll_into_view_if_needed()
            self.root.screenshot(path=str(path), animations="disabled")
        finally:
            if tall:
                self.page.set_viewport_size(size)
        return path


_CUT_OFF_SCRIPT = """(root) => {
  const column = root.closest('.jp-OutputArea-output') || root;
  const limit = Math.min(root.getBoundingClientRect().right, column.getBoundingClientRect().right) + 1;
  const scrolls = el => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX);
  const found = [];
  const selector = 'p, li, summary, table, .widget-html-content, .widget-label, button, input, select, textarea';
  for (const el of root.querySelectorAll(selector)) {
    let inside = false;
    for (let up = el.parentElement; up && up !== root; up = up.parentElement) {
      if (scrolls(up)) { inside = true; break; }
    }
    const box = el.getBoundingClientRect();
    if (!inside && box.width > 0 && box.right > limit) {
      const name = el.tagName.toLowerCase() + [...el.classList].map(c => '.' + c).join('');
      found.push(`${name}: ${Math.round(box.right - limit)} px beyond « ${el.textContent.trim().slice(0, 50)} »`);
    }
  }
  return found;
}"""


# ----------------------------------------------------------------------------------------- axe


def _axe_script() -> str:
    from axe_playwright_python.base import AXE_SCRIPT

    return str(AXE_SCRIPT)


@dataclass(frozen=True)
class AxeFinding:
    rule: str
    impact: str
    help: str
    targets: tuple[str, ...]
    html: tuple[str, ...]
    in_our_content: bool

    def describe(self) -> str:
        where = "; ".join(f"{t} → {h[:160]}" for t, h in zip(self.targets, self.html, strict=False))
        return f"[{self.impact}] {self.rule}: {self.help} — {where}"


def axe_version() -> str:
    match = re.search(r"axe v([\d.]+)", _axe_script()[:200])
    return match.group(1) if match else "?"


_AXE_RUN = """async ([include, ours, tags]) => {
  const context = include ? {include: [[include]]} : document;
  const results = await axe.run(context, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  const findings = [];
  for (const v of results.violations) {
    const groups = new Map();
    for (const node of v.nodes) {
      const target = node.target.map(t => Array.isArray(t) ? t.join(' ') : t).join(' ');
      let element = null;
      try { element = document.querySelector(node.target[node.target.length - 1]); } catch (e) {}
      const inOurs = !!(element && ours && element.closest(ours));
      const key = String(inOurs) + '|' + (node.impact || v.impact);
      if (!groups.has(key)) groups.set(key, {rule: v.id, impact: node.impact || v.impact, help: v.help,
                                             targets: [], html: [], in_our_content: inOurs});
      groups.get(key).targets.push(target);
      groups.get(key).html.push(node.html);
    }
    findings.push(...groups.values());
  }
  return findings;
}"""


def run_axe(page: Page, include: str | None = None, ours: str | None = None) -> list[AxeFinding]:
    """Run axe-core (WCAG 2.0/2.1 A and AA) on the page or on ``include``; classify nodes inside ``ours``."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        # Hide AMD's define (RequireJS in the book) while axe loads, so it sets window.axe.
        page.evaluate("() => { window.__iwDefine = window.define; window.define = undefined; }")
        page.add_script_tag(content=_axe_script())
        page.evaluate("() => { window.define = window.__iwDefine; delete window.__iwDefine; }")
    raw = page.evaluate(_AXE_RUN, [include, ours, list(WCAG_TAGS)])
    return [AxeFinding(rule=f["rule"], impact=f["impact"] or "unknown", help=f["help"],
                       targets=tuple(f["targets"]), html=tuple(f["html"]),
                       in_our_content=bool(f["in_our_content"])) for f in raw]


def blocking(findings: Sequence[AxeFinding]) -> list[AxeFinding]:
    return [f for f in findings if f.impact in BLOCKING_IMPACTS]


# ------------------------------------------------------------------------------------ artifacts


def artifact_path(*parts: str) -> Path:
    path = ARTIFACTS.joinpath(*(re.sub(r"[^\w.\-]+", "_", part) for part in parts))
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def write_json_artifact(data: Any, *parts: str) -> Path:
    path = artifact_path(*parts)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
    return path
