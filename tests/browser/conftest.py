"""Fixtures of the real-browser tests (Debian's Chromium through Playwright, offline).

* ``browser_type_launch_args``: pytest-playwright launches /usr/bin/chromium with this machine's
  flags; a missing Chromium fails every browser test with a clear message (never a skip).
* ``context`` / ``page`` (override pytest-playwright's): every request that leaves 127.0.0.1 is
  blocked and recorded by a :class:`PageGuard` (``guard``); at teardown a test fails if a page needed
  the network, opened a JavaScript dialog or threw an uncaught error. Each test is traced; a failed
  test leaves its screenshots, trace and guard report under ``test-artifacts/browser/failures/``.
* ``lab``: one JupyterLab for the session (temporary copy of the course), reset before each test
  (no kernel left, no saved progress).
* ``book``: the built book (built under a lock when missing or stale) on a static server.
* ``today``: the date the kernels judge deadlines against (frozen for both sides, see below).
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Generator, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import browser_harness as h
import pytest
from playwright.sync_api import Browser, BrowserContext, Page

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[Any]) -> Generator[None, Any, None]:
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"iw_report_{report.when}", report)


def _failed(request: pytest.FixtureRequest) -> bool:
    return any(getattr(getattr(request.node, f"iw_report_{when}", None), "failed", False)
               for when in ("setup", "call"))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    try:
        ours = h.launch_args()
    except h.HarnessError as error:
        pytest.fail(str(error), pytrace=False)
    return {**browser_type_launch_args, **ours}


@pytest.fixture(scope="session")
def today() -> date:
    """Deadlines are judged against this date in the kernels (INFLUENCE_WORKBOOK_TODAY) and in the tests."""
    return date.fromisoformat(h.frozen_today())


@pytest.fixture
def guard() -> h.PageGuard:
    return h.PageGuard()


@pytest.fixture
def context(browser: Browser, guard: h.PageGuard, request: pytest.FixtureRequest) -> Iterator[BrowserContext]:
    folder = h.ARTIFACTS / "failures" / re.sub(r"[^\w.\-]+", "_", request.node.nodeid)
    shutil.rmtree(folder, ignore_errors=True)  # an earlier run's failure must not be taken for this one
    context = h.new_context(browser, guard)
    context.tracing.start(screenshots=True, snapshots=True)
    yield context
    failed = _failed(request)
    problems = guard.problems()
    if failed or problems:
        folder.mkdir(parents=True, exist_ok=True)
        for number, open_page in enumerate(context.pages):
            try:
                open_page.screenshot(path=str(folder / f"page-{number}.png"), full_page=False, timeout=10_000)
            except Exception as error:  # a crashed page must not hide the test's own failure
                (folder / f"page-{number}.txt").write_text(f"no screenshot: {error}", encoding="utf-8")
        context.tracing.stop(path=str(folder / "trace.zip"))
        report = json.dumps(guard.__dict__, default=str, ensure_ascii=False, indent=2)
        (folder / "guard.json").write_text(report, encoding="utf-8")
    else:
        context.tracing.stop()
    context.close()
    if problems and not failed:
        pytest.fail("the page misbehaved:\n  " + "\n  ".join(problems), pytrace=False)


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


@pytest.fixture(scope="session")
def lab_server() -> Iterator[h.JupyterLabServer]:
    server = h.JupyterLabServer()
    try:
        server.start()
    except h.HarnessError as error:
        pytest.fail(f"JupyterLab did not start: {error}", pytrace=False)
    yield server
    server.stop()


@pytest.fixture
def lab(lab_server: h.JupyterLabServer) -> h.JupyterLabServer:
    lab_server.fresh_state()
    return lab_server


@pytest.fixture(scope="session")
def book() -> Iterator[h.StaticServer]:
    try:
        html = h.ensure_book_built()
    except h.HarnessError as error:
        pytest.fail(f"the book could not be built: {error}", pytrace=False)
    with h.StaticServer(html) as server:
        yield server


def pytest_report_header(config: pytest.Config) -> str:
    chromium = "present" if os.access(h.CHROMIUM, os.X_OK) else "MISSING (browser tests will fail)"
    return f"browser tests: {h.CHROMIUM} {chromium}; axe-core {h.axe_version()}; artifacts in {h.ARTIFACTS}"
