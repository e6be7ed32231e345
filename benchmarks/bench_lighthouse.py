"""Lighthouse benchmark: the scores of the published site's home page and chapter pages.

Serves the built site (``_build/site``, else ``_build/html``) on 127.0.0.1, as a static host does
(files as they are, text compressed with gzip: GitHub Pages, GitLab Pages and any common web server
compress HTML, CSS and JavaScript), and runs Lighthouse (pinned in ``tools/lighthouse``, installed
by ``scripts/install-browser.sh`` with ``npm ci``) with Debian's Chromium, headless, desktop preset,
on the home page and each chapter page, one page after the other. Chromium resolves no host but
127.0.0.1 (``--host-resolver-rules``): a page that needed another host would show it as failed
requests and lose points, never reach it.

Prints, per page: performance, accessibility, best practices and SEO scores (0–1), the page's
weight (bytes Lighthouse counted, compressed as transferred) and its number of requests.
Goals (issue 23): performance ≥ 0.9, accessibility 1.0, best practices ≥ 0.95 on every page;
``tests/test_lighthouse.py`` asserts them.

Run with ``python -m benchmarks lighthouse`` after ``make book`` (or ``make site``).
``BENCH_PAGES=book/index.html,notebooks/01_objectif_flou.html`` audits only those pages.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import json
import os
import subprocess
import tempfile
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from influence_workbook.chapters import CHAPTERS

REPO = Path(__file__).resolve().parents[1]
LIGHTHOUSE = REPO / "tools" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = Path("/usr/bin/chromium")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
#: The thresholds of issue 23 (a category not listed has none).
THRESHOLDS = {"performance": 0.9, "accessibility": 1.0, "best-practices": 0.95}
HOME_PAGE = "book/index.html"
#: Chromium resolves 127.0.0.1 only: any other host fails at once, without leaving the machine.
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --no-first-run --disable-extensions "
    '"--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"'
)
#: ``BENCH_GZIP=0`` serves every file uncompressed (as ``python -m http.server`` does).
GZIP = os.environ.get("BENCH_GZIP", "1") != "0"
_COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".txt", ".map", ".mjs", ".wasm"}


def site_root() -> Path:
    """The built site: ``_build/site`` when ``make site`` made it, else the book alone (``_build/html``);
    ``BENCH_ROOT`` names another folder (a copy of an earlier build, to compare)."""
    if os.environ.get("BENCH_ROOT"):
        return Path(os.environ["BENCH_ROOT"]).resolve()
    site = REPO / "_build" / "site"
    return site if (site / HOME_PAGE).is_file() else REPO / "_build" / "html"


def default_pages() -> list[str]:
    """The home page and every chapter page, as paths under the site root."""
    return [HOME_PAGE, *(f"notebooks/{chapter.slug}.html" for chapter in CHAPTERS)]


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files, text gzip-compressed when the client accepts it, as a static host serves them."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        accepts = GZIP and "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.is_file() and path.suffix in _COMPRESSED):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def serve(root: Path) -> Iterator[str]:
    """Serve ``root`` on 127.0.0.1 (a free port); yields the base URL."""
    handler = functools.partial(_Handler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@dataclass(frozen=True)
class PageScore:
    page: str
    scores: dict[str, float]
    weight_bytes: int
    requests: int
    external_requests: int
    failing: dict[str, str]  # audit id -> title, for the audits that cost points (score < 1)

    def below_thresholds(self) -> list[str]:
        return [f"{name} {self.scores.get(name, 0):.2f} < {goal}"
                for name, goal in THRESHOLDS.items() if self.scores.get(name, 0) < goal]


def audit(url: str, page: str) -> PageScore:
    """One Lighthouse run (desktop preset) on ``url``."""
    if not LIGHTHOUSE.is_file():
        raise RuntimeError(f"{LIGHTHOUSE} is missing: run `npm ci --prefix tools/lighthouse` (make install-test)")
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "report.json"
        command = [
            str(LIGHTHOUSE), url, "--preset=desktop", "--output=json", f"--output-path={report}",
            f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}", "--quiet",
            "--locale=fr", "--max-wait-for-load=30000",
        ]
        env = {**os.environ, "CHROME_PATH": str(CHROMIUM), "HOME": scratch}
        subprocess.run(command, check=True, env=env, timeout=180, capture_output=True)
        data = json.loads(report.read_text(encoding="utf-8"))
    audits = data["audits"]
    requests = audits.get("network-requests", {}).get("details", {}).get("items", [])
    external = [item for item in requests
                if not str(item.get("url", "")).startswith(("http://127.0.0.1", "data:", "blob:"))]
    failing = {}
    for category in data["categories"].values():
        for ref in category["auditRefs"]:
            result = audits.get(ref["id"], {})
            if ref.get("weight", 0) and result.get("score") is not None and result["score"] < 1:
                failing[ref["id"]] = str(result.get("title", ""))
    return PageScore(
        page=page,
        scores={name: float(data["categories"][name]["score"] or 0) for name in CATEGORIES},
        weight_bytes=int(audits["total-byte-weight"]["numericValue"]),
        requests=len(requests),
        external_requests=len(external),
        failing=failing,
    )


def audit_site(root: Path, pages: Sequence[str]) -> list[PageScore]:
    """Lighthouse on each page of the site under ``root``, one after the other."""
    with serve(root) as base:
        return [audit(f"{base}/{page}", page) for page in pages]


def table(results: Sequence[PageScore]) -> str:
    lines = [f"{'page':<44} {'perf':>5} {'a11y':>5} {'bp':>5} {'seo':>5} {'poids':>10} {'req':>4} {'ext':>4}"]
    for result in results:
        s = result.scores
        lines.append(
            f"{result.page:<44} {s['performance']:>5.2f} {s['accessibility']:>5.2f} {s['best-practices']:>5.2f} "
            f"{s['seo']:>5.2f} {result.weight_bytes / 1024:>8.0f} Ko {result.requests:>4} {result.external_requests:>4}"
        )
    return "\n".join(lines)


def main() -> None:
    root = site_root()
    chosen = os.environ.get("BENCH_PAGES", "").strip()
    pages = [page.strip() for page in chosen.split(",") if page.strip()] if chosen else default_pages()
    where = root.relative_to(REPO) if root.is_relative_to(REPO) else root
    print(f"Lighthouse (desktop preset) on {where}, {len(pages)} pages, {'gzip' if GZIP else 'uncompressed'}")
    results = audit_site(root, pages)
    print(table(results))
    for result in results:
        missed = result.below_thresholds()
        if missed:
            print(f"  {result.page}: {', '.join(missed)}; audits losing points: "
                  + "; ".join(f"{key} ({title})" for key, title in sorted(result.failing.items())))


if __name__ == "__main__":
    main()
