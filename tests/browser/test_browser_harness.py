"""The harness checks itself: each detector is shown to catch a real problem (positive controls).

A detector that never fires proves nothing, so: the offline guard must block and record a request to
another host; axe-core must report a missing alt text; the injection probe must catch a deliberately
unsafe form (tests/browser/fixtures/unsafe_form.ipynb); the verdict reader must see no word where
only a colour says the verdict; a JupyterLab without the course's defaults must be seen as English;
and the bare one-button form (the benchmark's reference) must pass the same probe and show its
computed reply.
"""

from __future__ import annotations

import os
import re
import time
from datetime import date
from pathlib import Path

import browser_harness as h
import pytest
from playwright.sync_api import Browser, Page, Playwright, expect
from workshop_flows import injected_markup, open_workshop, pwned, submit, xss_probe
from workshops import BARE_FORM, Fill

pytestmark = pytest.mark.browser


def test_missing_chromium_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(h, "CHROMIUM", tmp_path / "no-chromium-here")
    with pytest.raises(h.HarnessError, match="make browser-deps"):
        h.launch_args()


def test_browser_is_debians_chromium_with_our_flags(browser: Browser) -> None:
    args = h.launch_args()
    assert args["executable_path"] == "/usr/bin/chromium"
    assert set(args["args"]) >= {
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"}
    assert re.match(r"\d+\.", browser.version), browser.version


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:8888/lab/tree/notebooks/ch01.ipynb", "ws://127.0.0.1:8888/api/kernels/k/channels?s=1",
    "https://127.0.0.1/", "http://127.0.0.1", "http://127.0.0.1?q=1", "http://127.0.0.1#top",
    "data:image/png;base64,AAAA", "blob:http://127.0.0.1:8888/0f9e", "about:blank", "chrome-error://chromewebdata/",
    "http://example.invalid/tracker.js", "ws://example.invalid/socket", "wss://cdn.jsdelivr.net/x",
    "http://127.0.0.1.example.com/", "http://127.0.0.1@example.com/", "http://127.0.0.1:80@example.com/",
    "http://localhost:8888/", "ws://[::1]:8888/", "http://127.0.0.2/", "ftp://127.0.0.1/", "file:///etc/passwd",
])
def test_routed_pattern_is_exactly_what_leaves_127_0_0_1(url: str) -> None:
    # The guard routes NOT_LOCAL (a pattern Playwright matches by itself) and sorts failed requests
    # with is_local: they must agree, or a local socket would be relayed or a remote one let through.
    assert bool(h.NOT_LOCAL.search(url)) is not h.is_local(url)


def test_guard_blocks_and_records_other_hosts(page: Page, guard: h.PageGuard, tmp_path: Path) -> None:
    (tmp_path / "local.txt").write_text("servi en local", encoding="utf-8")
    with h.StaticServer(tmp_path) as server:
        page.goto(f"{server.url}/local.txt")
        expect(page.locator("body")).to_have_text("servi en local")
        outcome = page.evaluate("""async () => {
            const local = await (await fetch('/local.txt')).text();
            let remote = 'fetched';
            try { await fetch('http://example.invalid/tracker.js'); } catch (e) { remote = 'blocked'; }
            let socket = 'open';
            await new Promise(resolve => {
              const ws = new WebSocket('ws://example.invalid/socket');
              ws.onopen = () => { socket = 'open'; resolve(); };
              ws.onclose = () => { socket = 'closed'; resolve(); };
            });
            return {local, remote, socket};
        }""")
    assert outcome == {"local": "servi en local", "remote": "blocked", "socket": "closed"}
    assert guard.unexpected_blocked() == ["http://example.invalid/tracker.js", "ws://example.invalid/socket"]
    assert any("example.invalid" in problem for problem in guard.problems())
    guard.reset()  # the blocked requests were this test's point, not a failure of the page


#: Reads, in the page, how many bytes a second fetch of the same file took from the network (0: the HTTP cache served
#: it), then tries three other hosts: a name, an IP address (which no name resolution could stop) and a WebSocket.
_CACHE_AND_REMOTE_PROBE = """async () => {
    await (await fetch('/cached.txt')).text();
    await (await fetch('/cached.txt')).text();
    const entries = performance.getEntriesByName(new URL('/cached.txt', location.href).href);
    const outcome = {second_transfer: entries[entries.length - 1].transferSize};
    const others = [['name', 'http://example.invalid/tracker.js'], ['address', 'http://10.1.2.3/pixel.gif']];
    for (const [key, url] of others) {
      try { await fetch(url); outcome[key] = 'fetched'; } catch (e) { outcome[key] = 'blocked'; }
    }
    outcome.socket = await new Promise(resolve => {
      const ws = new WebSocket('ws://example.invalid/socket');
      ws.onopen = () => resolve('open');
      ws.onclose = () => resolve('closed');
    });
    return outcome;
}"""


@pytest.mark.parametrize("keep_http_cache", [False, True], ids=["routed", "browser-blocked"])
def test_cache_keeping_guard_blocks_other_hosts_and_keeps_the_http_cache(
        playwright: Playwright, tmp_path: Path, keep_http_cache: bool) -> None:
    # The routed guard (the tests') turns the HTTP cache off: the control that shows this test can fail. The other
    # (the site benchmark's warm visits) must keep the cache on and still refuse and record every other host.
    served = tmp_path / "served"
    served.mkdir()
    (served / "cached.txt").write_text("servi en local " * 200, encoding="utf-8")
    year_ago = time.time() - 365 * 24 * 3600  # a file long unchanged: fresh in the cache without asking again
    os.utime(served / "cached.txt", (year_ago, year_ago))
    guard = h.PageGuard(keep_http_cache=keep_http_cache)
    context = h.new_profile_context(playwright, tmp_path / "profile", guard)
    try:
        with h.StaticServer(served) as server:
            page = context.new_page()
            page.goto(f"{server.url}/cached.txt")
            outcome = page.evaluate(_CACHE_AND_REMOTE_PROBE)
    finally:
        context.close()
    assert {key: outcome[key] for key in ("name", "address", "socket")} == {
        "name": "blocked", "address": "blocked", "socket": "closed"}
    assert sorted(guard.unexpected_blocked()) == [
        "http://10.1.2.3/pixel.gif", "http://example.invalid/tracker.js", "ws://example.invalid/socket"]
    assert guard.failed_requests == []  # the refusals are recorded as blocked, not as failures of the page
    if keep_http_cache:
        assert outcome["second_transfer"] == 0, outcome
    else:
        assert outcome["second_transfer"] > 0, outcome


def test_cache_keeping_guard_needs_a_browser_launched_for_it(browser: Browser) -> None:
    with pytest.raises(h.HarnessError, match="BLOCK_OTHER_HOSTS_ARGS"):
        h.new_context(browser, h.PageGuard(keep_http_cache=True))


def test_axe_reports_a_missing_alt_text(page: Page) -> None:
    page.set_content('<html lang="fr"><body><main><h1>Titre</h1>'
                     '<div class="ours"><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></div>'
                     '<img alt="" src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></main></body></html>')
    scoped = h.run_axe(page, include=".ours", ours=".ours")
    assert [(f.rule, f.impact, f.in_our_content) for f in scoped] == [("image-alt", "critical", True)]
    assert h.blocking(scoped) == scoped


def test_verdict_detector_reads_only_words_a_learner_sees(page: Page) -> None:
    # Positive control for the workshops' « not by colour alone » check: a verdict word that is
    # hidden, transparent or missing counts as no word, and the colour class is read apart from it.
    from influence_workbook.widgets.render import FEEDBACK_STYLE

    items = ('<li class="iw-ok" data-criterion="a"><span class="iw-verdict">Réussi — A\u00a0:</span> ok</li>'
             '<li class="iw-ko" data-criterion="b"><span class="iw-verdict" style="display:none">'
             'À revoir — B</span> caché</li>'
             '<li class="iw-ko" data-criterion="c"><span class="iw-verdict" style="color:transparent">'
             'À revoir — C</span> invisible</li>'
             '<li class="iw-ko" data-criterion="d">rien que la couleur</li>'
             '<li data-criterion="e"><span class="iw-verdict">À revoir — E</span> sans couleur</li>')
    page.set_content(f'<html lang="fr"><body>{FEEDBACK_STYLE}<div class="iw-test"><div class="iw-fb">'
                     f'<div class="iw-feedback"><ul>{items}</ul></div></div></div></body></html>')
    assert h.Workshop(page, "iw-test").verdicts("iw-fb") == [
        ("a", "Réussi", "iw-ok"), ("b", "", "iw-ko"), ("c", "", "iw-ko"), ("d", "", "iw-ko"), ("e", "À revoir", "")]


def test_bare_form_reply_and_no_injection(page: Page, lab: h.JupyterLabServer, guard: h.PageGuard,
                                          today: date) -> None:
    workshop = open_workshop(page, lab, BARE_FORM)
    submission = submit(workshop, BARE_FORM, BARE_FORM.answers[0].steps, today)
    assert submission.texts == ["3 mot(s) : « un deux trois »"]
    problems = xss_probe(page, workshop, BARE_FORM, BARE_FORM.modes[0], guard, today)
    assert problems == []
    workshop.screenshot(h.artifact_path("workshops", "bare-form.png"))


def test_injection_probe_catches_an_unsafe_form(page: Page, lab: h.JupyterLabServer,
                                                 guard: h.PageGuard) -> None:
    h.open_notebook(page, lab, "_harness/unsafe_form.ipynb")
    h.run_all(page)
    workshop = h.Workshop(page, "iw-unsafe-form")
    workshop.wait_ready()
    # A script that sets a flag: caught as injected markup and as a script that ran.
    Fill("iw-unsafe-text", '<img src=x id=iw-xss-img onerror="window.__pwned=1">').apply(workshop)
    workshop.click()
    expect(workshop.root.locator("#iw-xss-img")).to_have_count(1, timeout=h.WIDGET_TIMEOUT_MS)
    page.wait_for_function("() => window.__pwned !== undefined", timeout=h.ACTION_TIMEOUT_MS)
    assert pwned(page)
    assert any("iw-xss-img" in html for html in injected_markup(workshop))
    # An alert: caught by the guard as a dialog.
    with page.expect_event("dialog", timeout=h.WIDGET_TIMEOUT_MS):
        Fill("iw-unsafe-text", "<img src=y onerror=alert(1)>").apply(workshop)
        workshop.click()
    assert guard.dialogs == ["alert: 1"]
    guard.reset()  # the dialog was this test's point


def test_news_prompt_detector_sees_jupyterlabs_prompt_without_the_course_defaults(page: Page) -> None:
    # Positive control for test_course_jupyterlab_asks_nothing: the same check, on JupyterLab's defaults.
    with h.JupyterLabServer(folders=("notebooks",), fixtures=None, config_path=None) as plain:
        h.open_notebook(page, plain, "notebooks/00_accueil.ipynb")
        assert h.news_prompt(page).count() == 1  # already there once the notebook is open: no waiting
        # ...and the language check of test_course_jupyterlab_speaks_french sees JupyterLab's English.
        assert h.page_language(page) == "en"
        expect(page.locator(".lm-MenuBar-itemLabel", has_text=h.ui_text("menu:Run", whole=True))).to_have_text("Run")
