"""Lighthouse's scores of the published site's home page and chapter pages (issue 23's goals).

Desktop preset, Debian's Chromium, the site served on 127.0.0.1 with text compressed as a static host
serves it (benchmarks/bench_lighthouse.py, which prints the same figures). Every page must score
performance ≥ 0.9, accessibility 1.0 and best practices ≥ 0.95, and ask no other host for anything.

The pages are those of ``_build/site``, the site as it is published (built here when stale, as the
browser tests build it). About 15 s a page on two cores.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from benchmarks import bench_lighthouse as lighthouse

sys.path.insert(0, str(Path(__file__).resolve().parent / "browser"))
import browser_harness as h  # tests/browser is put on the path just above

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def scores() -> list[lighthouse.PageScore]:
    try:
        root = h.ensure_site_built()
    except h.HarnessError as error:
        pytest.fail(f"the site could not be built: {error}", pytrace=False)
    assert lighthouse.LIGHTHOUSE.is_file(), "Lighthouse is not installed: run `make install-test`"
    return lighthouse.audit_site(root, lighthouse.default_pages())


def test_every_page_meets_the_goals(scores: list[lighthouse.PageScore]) -> None:
    assert [score.page for score in scores] == lighthouse.default_pages()
    missed = {score.page: (score.below_thresholds(), sorted(score.failing.items()))
              for score in scores if score.below_thresholds()}
    report = lighthouse.table(scores)
    assert not missed, f"pages below issue 23's goals:\n{report}\n" + "\n".join(
        f"{page}: {', '.join(below)}; audits losing points: {failing}" for page, (below, failing) in missed.items())


def test_no_page_asks_another_host(scores: list[lighthouse.PageScore]) -> None:
    assert all(score.requests > 0 for score in scores), "Lighthouse saw no request at all"
    assert not [score.page for score in scores if score.external_requests], lighthouse.table(scores)
