"""The static book: it builds with zero warnings, works offline, speaks French, and its links hold.

Two kinds of tests:

* fast ones read the sources (_config.yml, _toc.yml, book/*.md, book/references.bib and the
  vendored files of book/_assets) and need no build;
* slow ones (``@pytest.mark.slow``) share ONE cold build of the book into a temporary folder,
  made exactly like ``make book`` (``jupyter-book build -W -n --keep-going``). A cold build is
  needed: an incremental build skips unchanged pages and would hide their warnings.

"Offline" is checked on the built files: no script, stylesheet, icon, image, frame or font may be
loaded from another host. Plain ``<a href>`` links to other sites are fine (the reader chooses to
click them). JavaScript cannot be parsed for what it will fetch, so its absolute URLs to known
asset hosts (CDNs, web fonts, analytics, launch services) must each be listed in
``KNOWN_INERT_SCRIPT_URLS`` with the reason why the page never requests them. The browser tests
(tests/browser) complement this by loading pages with the network blocked.
"""

from __future__ import annotations

import hashlib
import html
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

import pytest
import yaml

from influence_workbook import live_site
from influence_workbook.chapters import CHAPTERS

REPO = Path(__file__).resolve().parents[1]
ASSETS = REPO / "book" / "_assets"
VENDORED_MANIFEST = ASSETS / "VENDORED.txt"
BIB_FILE = REPO / "book" / "references.bib"

#: The pages written by hand in book/ whose French typography this module checks.
PROSE_PAGES = ("index", "glossaire", "bibliographie", "credits", "ouvrir-en-direct")

#: The vendored files the pages rely on, relative to book/_assets (and to _build/html/_static).
REQUIRE_JS = "widgets/require.js"
EMBED_JS = "widgets/embed-amd.js"
MATHJAX_JS = "mathjax/tex-mml-chtml.js"
TYPESET_SHIM_JS = "typeset-shim.js"
WIDGET_PATHS_JS = "widget-paths.js"
COURSE_CSS = "course.css"
LIVE_JS = "live-workshop.js"
#: The theme's Font Awesome script (1.5 MB), which book/_templates/static/webpack-macros.html leaves out.
FONTAWESOME_JS = "scripts/fontawesome.js"

#: Hosts that serve scripts, styles, fonts, analytics or live kernels: a script mentioning one of
#: them could make the page reach the internet. Any host containing "cdn" counts too.
ASSET_HOSTS = frozenset({
    "ajax.googleapis.com", "api.github.com", "api.mystmd.org", "binder.pangeo.io", "code.jquery.com",
    "colab.research.google.com", "deepnote.com", "dokie.li", "fonts.googleapis.com", "fonts.gstatic.com",
    "hypothes.is", "kit.fontawesome.com", "mybinder.org", "plausible.io", "polyfill.io",
    "raw.githubusercontent.com", "unpkg.com", "use.fontawesome.com", "utteranc.es",
    "www.google-analytics.com", "www.googletagmanager.com",
})

#: (where, URL prefix) -> why the page never requests it. ``where`` is a path under _static/, or
#: "inline:<marker>" for an inline script containing <marker>.
KNOWN_INERT_SCRIPT_URLS: dict[tuple[str, str], str] = {
    ("widgets/embed-amd.js", "https://cdn.jsdelivr.net/npm/"):
        "default CDN for widget libraries the bundle lacks; every embed-amd.js tag overrides it with a "
        "local data-jupyter-widgets-cdn (checked by test_widget_cdn_fallback_is_local)",
    ("widgets/embed-amd.js", "https://fonts.googleapis.com/css?family=Roboto+Mono"):
        "inside a CSS comment of the bundled JupyterLab theme (\"Commented out in ipywidgets\")",
    ("widgets/embed-amd.js", "https://raw.githubusercontent.com/ajv-validator/ajv/master/lib/refs/data.json"):
        "the $id of a JSON schema bundled with ajv: an identifier, never fetched",
    ("mathjax/tex-mml-chtml.js", "https://cdn.jsdelivr.net/npm/speech-rule-engine@"):
        "speech-rule-engine's loader for Node and Internet Explorer; in a browser MathJax loads its "
        "speech maps from its own folder (mathjax/sre/mathmaps, vendored)",
    ("mathjax/tex-mml-chtml.js", "https://cdn.jsdelivr.net/npm/sre-mathmaps-ie@"):
        "Internet Explorer only (same loader)",
    ("mathjax/tex-mml-chtml.js", "https://cdn.jsdelivr.net/npm/wicked-good-xpath@1.3.0/dist/wgxpath.install.js"):
        "XPath polyfill for Internet Explorer only",
}

_ABSOLUTE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
_HARMLESS_SCHEMES = ("data:", "blob:", "about:", "mailto:", "tel:", "javascript:")

#: Attributes through which an element makes the browser fetch something.
RESOURCE_ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "script": ("src",), "link": ("href",), "img": ("src", "srcset"), "iframe": ("src",),
    "frame": ("src",), "source": ("src", "srcset"), "video": ("src", "poster"), "audio": ("src",),
    "track": ("src",), "embed": ("src",), "object": ("data",), "input": ("src",),
    "image": ("href", "xlink:href"), "use": ("href", "xlink:href"),
}


def is_external(url: str) -> bool:
    """True for http:, https:, protocol-relative (//host) and any other scheme://host URL."""
    return bool(_ABSOLUTE.match(url))


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ----------------------------------------------------------------------------- fast: sources


def _manifest() -> dict[str, str]:
    entries = {}
    for line in VENDORED_MANIFEST.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            digest, name = line.split(maxsplit=1)
            entries[name.strip()] = digest
    return entries


def test_vendored_assets_match_their_manifest() -> None:
    """Every vendored file is listed with its sha256 by scripts/vendor-assets.sh, and unchanged since."""
    manifest = _manifest()
    for needed in (REQUIRE_JS, EMBED_JS, MATHJAX_JS):
        assert needed in manifest, f"{needed} is not vendored: run scripts/vendor-assets.sh"
    on_disk = {p.relative_to(ASSETS).as_posix() for d in ("widgets", "mathjax") for p in (ASSETS / d).rglob("*")
               if p.is_file()}
    assert on_disk == set(manifest), (
        f"files not in VENDORED.txt: {sorted(on_disk - set(manifest))}; "
        f"listed but missing: {sorted(set(manifest) - on_disk)}")
    changed = [name for name, digest in manifest.items() if _sha256(ASSETS / name) != digest]
    assert not changed, f"vendored files edited by hand (re-run scripts/vendor-assets.sh): {changed}"


def test_course_stylesheet_fetches_nothing() -> None:
    css = _strip_css_comments((ASSETS / COURSE_CSS).read_text(encoding="utf-8"))
    assert ".iw-feedback" in css
    assert not re.search(r"url\(|@import|@font-face", css), "course.css must not load files"


def test_no_static_folder_in_the_sources() -> None:
    """A `_static` folder makes Jupyter Book add every .js/.css in it to every page."""
    found = [p for p in REPO.rglob("_static")
             if p.is_dir() and not {".venv", "_build", "node_modules"} & set(p.relative_to(REPO).parts)]
    assert not found, f"rename these folders (see _config.yml, html_static_path): {found}"


def _config() -> dict:
    return yaml.safe_load((REPO / "_config.yml").read_text(encoding="utf-8"))


def _strings(node: object) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield str(key)
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


def test_config_keeps_the_book_offline_and_french() -> None:
    config = _config()
    sphinx = config["sphinx"]["config"]
    assert sphinx["language"] == "fr"
    extensions = set(sphinx["extensions"])
    assert {"sphinxcontrib.bibtex", "sphinx_exercise", "sphinx_togglebutton", "myst_nb"} <= extensions
    assert not {"sphinx_thebe", "sphinx.ext.intersphinx"} & extensions, "these extensions reach the network"
    assert sphinx["html_static_path"] == ["book/_assets"]
    assert list(sphinx["nb_ipywidgets_js"]) == [REQUIRE_JS, WIDGET_PATHS_JS, EMBED_JS], (
        "RequireJS, then its paths for the widget modules, then the bundle")
    for script in (*sphinx["nb_ipywidgets_js"], sphinx["mathjax_path"]):
        assert (ASSETS / script).is_file(), f"{script} is not in book/_assets"
    assert sphinx["mathjax_path"] == MATHJAX_JS
    theme = sphinx["html_theme_options"]
    assert theme["launch_buttons"] == {} and theme["analytics"] == {} and theme["icon_links"] == []
    assert not theme["repository_url"] and not theme["use_repository_button"]
    urls = [s for s in _strings(config) if re.search(r"https?:|//\w", s)]
    assert not urls, f"_config.yml must not point to another host: {urls}"
    assert config["execute"]["execute_notebooks"] == "cache" and config["execute"]["timeout"] > 0
    assert config["only_build_toc_files"] is True
    assert {"solutions/**", "README.md", ".venv/**", "_build/**", "tests/**"} <= set(config["exclude_patterns"])


def _toc_files() -> list[str]:
    toc = yaml.safe_load((REPO / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]]
    for part in toc.get("parts", []):
        for chapter in part.get("chapters", []):
            files.append(chapter["file"])
            files.extend(section["file"] for section in chapter.get("sections", []))
    return files


def test_toc_lists_every_available_chapter_and_never_a_solution() -> None:
    files = _toc_files()
    assert files[0] == "book/index"
    assert not [f for f in files if f.startswith("solutions/")], "solutions are handed out later, not published"
    assert "notebooks/00_accueil" not in files, "the live home belongs to JupyterLab, not to the book"
    for chapter in CHAPTERS:
        if chapter.available:
            assert f"notebooks/{chapter.slug}" in files
            assert f"exercises/{chapter.slug}" in files
    for name in (*PROSE_PAGES, "donnees"):
        assert f"book/{name}" in files
    missing = [f for f in files if not any((REPO / f).with_suffix(s).is_file() for s in (".md", ".ipynb"))]
    assert not missing, f"_toc.yml lists missing files: {missing}"


def test_home_page_lists_the_ten_chapters_with_their_state() -> None:
    text = (REPO / "book" / "index.md").read_text(encoding="utf-8")
    rows = {int(m.group(1)): m.group(0) for m in re.finditer(r"^\|\s*(\d+)\s*\|.*$", text, re.MULTILINE)}
    assert sorted(rows) == [c.number for c in CHAPTERS]
    for chapter in CHAPTERS:
        row = rows[chapter.number]
        assert chapter.title.replace("'", "’") in row.replace("'", "’"), f"chapter {chapter.number}: {row}"
        link = f"../notebooks/{chapter.slug}.ipynb"
        if chapter.available:
            assert "`disponible`" in row and link in row, f"chapter {chapter.number} is available: {row}"
        else:
            assert "`en préparation`" in row and link not in row, f"chapter {chapter.number}: {row}"
    for words in ("20 à 30 minutes", "Sève", "Rituel Avoine", "ouvrir-en-direct", "Lucas Cuennet"):
        assert words in text.replace("\u00a0", " ").replace("\u202f", " ")


def _prose(text: str) -> str:
    """The text of a MyST page without code, URLs, roles, math, directive options and tables rules."""
    text = re.sub(r"^(```|~~~)(?!\{glossary\}).*?^\1\s*$", "", text, flags=re.MULTILINE | re.DOTALL)
    text = re.sub(r"`[^`]*`", "", text)
    text = re.sub(r"\]\([^)]*\)|https?://\S+|\$[^$]*\$", "", text)
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith(":"))


@pytest.mark.parametrize("page", PROSE_PAGES)
def test_pages_follow_french_typography(page: str) -> None:
    """Non-breaking spaces before : ; ! ?, inside « », in « 20 % » and « 1 000 € »."""
    text = _prose((REPO / "book" / f"{page}.md").read_text(encoding="utf-8"))
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        for pattern, what in ((r"\S [:;!?](?=\s|$)", "plain space before : ; ! ?"),
                              (r"« ", "plain space after «"), (r" »", "plain space before »"),
                              (r"\d (?:%|€)", "plain space before % or €"),
                              (r"(?<![\d,.])\d{1,3} \d{3}(?!\d)", "plain space between thousands")):
            for match in re.finditer(pattern, line):
                excerpt = line[max(0, match.start() - 20) : match.end() + 10]
                problems.append(f"{page}.md, line {number}: {what}: …{excerpt}…")
    assert not problems, "\n".join(problems)


def _bib_entries() -> dict:
    from pybtex.database import parse_file  # sphinxcontrib-bibtex's parser

    return dict(parse_file(str(BIB_FILE), bib_format="bibtex").entries)


#: Keys the chapters may cite (listed in the brief of each chapter's author).
EXPECTED_BIB_KEYS = {
    "cuennet2023", "webmarketing2022", "idontthink", "codeur", "doran1981", "hypeauditor2023",
    "hypeauditor2026", "imh2020", "imh2021", "laterfohr2021", "lumanu2024", "reech2024", "loi2023451",
    "ordonnance2024978", "decret20251137", "arpp2022", "arpp2024", "cslb15", "ucpd2005", "dsa2022",
    "ftc2019", "ftc2023", "asa2023", "amec2020", "hubspot2025", "later2026", "buzzstream",
    "bertaglia2025", "takumi2019",
}
BIB_SECTIONS = ("source", "etudes", "droit", "pratique")


def test_bibliography_keys_are_unique() -> None:
    """Several authors add entries to references.bib; a repeated key is a build warning."""
    keys = re.findall(r"^@\w+\{\s*([^,\s]+)\s*,", BIB_FILE.read_text(encoding="utf-8"), re.MULTILINE)
    repeated = sorted({key for key in keys if keys.count(key) > 1})
    assert not repeated, f"repeated keys in references.bib: {repeated}"


def test_bibliography_has_the_course_sources_each_in_one_section() -> None:
    entries = _bib_entries()
    assert EXPECTED_BIB_KEYS <= set(entries), f"missing: {sorted(EXPECTED_BIB_KEYS - set(entries))}"
    for key, entry in entries.items():
        keywords = {k.strip() for k in entry.fields.get("keywords", "").split(",") if k.strip()}
        assert len(keywords & set(BIB_SECTIONS)) == 1, f"{key}: needs exactly one of {BIB_SECTIONS}"
        assert entry.fields.get("year"), f"{key}: no year (the author-year citations need one)"
    page = (REPO / "book" / "bibliographie.md").read_text(encoding="utf-8")
    for section in BIB_SECTIONS:
        assert f':filter: keywords % "{section}"' in page


def _glossary_terms() -> list[str]:
    text = (REPO / "book" / "glossaire.md").read_text(encoding="utf-8")
    block = re.search(r"^```\{glossary\}\n(.*?)^```", text, re.MULTILINE | re.DOTALL)
    assert block, "glossaire.md must use the {glossary} directive"
    return [line.strip().removeprefix("**").removesuffix("**") for line in block.group(1).splitlines()
            if line.strip() and not line.startswith((" ", ":"))]


def test_glossary_defines_the_course_vocabulary() -> None:
    terms = _glossary_terms()
    assert len(terms) >= 25
    assert len(terms) == len(set(terms)), "a term is defined twice"
    for needed in ("Taux d'engagement", "Portée", "Impressions", "CPM", "CPE", "CPC", "CPA", "ROI", "ROAS",
                   "EMV", "KPI", "SMART", "Tunnel de conversion", "Notoriété", "Considération", "Conversion",
                   "Fidélisation", "Nano-influenceur", "Micro-influenceur", "Mid-influenceur",
                   "Macro-influenceur", "Méga-influenceur", "Brief", "UGC", "Placement de produit",
                   "Collaboration commerciale", "Faux abonnés", "Droits d'utilisation", "Exclusivité"):
        assert needed in terms, f"glossary term missing: {needed}"


# ----------------------------------------------------------------------------- slow: the build


@dataclass
class BuiltBook:
    html: Path
    returncode: int
    log: str
    pages: dict[str, PageInfo] = field(default_factory=dict)


@pytest.fixture(scope="session")
def built_book(tmp_path_factory: pytest.TempPathFactory) -> BuiltBook:
    """One cold build of the book, exactly like `make book`, into a temporary folder."""
    out = tmp_path_factory.mktemp("book")
    env = dict(os.environ)
    env.setdefault("INFLUENCE_WORKBOOK_HOME", str(tmp_path_factory.mktemp("progress")))
    env.pop("INFLUENCE_WORKBOOK_PROGRESS", None)
    jupyter_book = Path(sys.executable).with_name("jupyter-book")
    result = subprocess.run(
        [str(jupyter_book), "build", "-W", "-n", "--keep-going", "--path-output", str(out), "."],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=1800, check=False,
    )
    book = BuiltBook(out / "_build" / "html", result.returncode, result.stdout + result.stderr)
    if book.html.is_dir():
        for path in sorted(book.html.rglob("*.html")):
            rel = path.relative_to(book.html).as_posix()
            if not rel.startswith(("_static/", "_sources/")):
                book.pages[rel] = parse_page(path)
    return book


#: Lines of the build log that contain "WARNING" without being a Sphinx warning. None any more: the
#: kernels' « Kernel is running over TCP without encryption » is quieted at its source by the course's
#: Sphinx extension (src/influence_workbook/authoring/book.py, tests/test_book_kernels.py).
_LOG_NOISE: tuple[re.Pattern[str], ...] = ()


@pytest.mark.slow
def test_book_builds_without_warnings(built_book: BuiltBook) -> None:
    tail = "\n".join(built_book.log.splitlines()[-40:])
    assert built_book.returncode == 0, f"jupyter-book build failed:\n{tail}"
    log = built_book.log.splitlines()
    bad = [number for number, line in enumerate(log)
           if re.search(r"WARNING|ERROR|Validation errors|\[Warning\]|Traceback", line)
           and not any(noise.search(line) for noise in _LOG_NOISE)]
    # Each warning with the lines after it: a traceback is only understood whole.
    assert not bad, "the build printed warnings:\n" + "\n---\n".join(
        "\n".join(log[number:number + 25]) for number in bad)
    assert "book/index.html" in built_book.pages


@dataclass
class PageInfo:
    lang: str | None = None
    tags: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    inline_scripts: list[tuple[dict[str, str], str]] = field(default_factory=list)
    styles: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    source: str = ""


class _Collector(HTMLParser):
    def __init__(self, info: PageInfo) -> None:
        super().__init__(convert_charrefs=True)
        self.info = info
        self._raw: tuple[str, dict[str, str]] | None = None
        self._buffer: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        self.info.tags.append((tag, values))
        if tag == "html":
            self.info.lang = values.get("lang")
        for key in ("id", "name") if tag == "a" else ("id",):
            if values.get(key):
                self.info.ids.add(values[key])
        if tag in ("script", "style"):
            self._raw, self._buffer = (tag, values), []

    def handle_endtag(self, tag: str) -> None:
        if self._raw and tag == self._raw[0]:
            content = "".join(self._buffer)
            if tag == "style":
                self.info.styles.append(content)
            elif not self._raw[1].get("src"):
                self.info.inline_scripts.append((self._raw[1], content))
            self._raw = None

    def handle_data(self, data: str) -> None:
        if self._raw:
            self._buffer.append(data)
        else:
            self.info.text.append(data)


def parse_page(path: Path) -> PageInfo:
    info = PageInfo(source=path.read_text(encoding="utf-8"))
    collector = _Collector(info)
    collector.feed(info.source)
    collector.close()
    return info


def _is_redirect_stub(page: PageInfo) -> bool:
    """sphinx-external-toc writes _build/html/index.html as a bare redirect to book/index.html."""
    return (not page.tags or page.tags[0][0] == "meta") and bool(
        re.fullmatch(r'\s*<meta http-equiv="Refresh" content="0; url=book/index.html" />\s*', page.source))


def _content_pages(book: BuiltBook) -> dict[str, PageInfo]:
    return {rel: page for rel, page in book.pages.items() if not _is_redirect_stub(page)}


@pytest.mark.slow
def test_every_page_declares_french(built_book: BuiltBook) -> None:
    pages = _content_pages(built_book)
    assert len(pages) >= len(_toc_files()), "some pages of _toc.yml were not built"
    not_french = [rel for rel, page in pages.items() if page.lang != "fr"]
    assert not not_french, f"<html lang> is not fr on: {not_french}"
    assert set(built_book.pages) - set(pages) <= {"index.html"}, "only the root redirect may lack a <html>"


def _srcset_urls(value: str) -> list[str]:
    return [part.strip().split()[0] for part in value.split(",") if part.strip()]


def _local_target(base: Path, url: str, root: Path) -> Path | None:
    """The file a local URL points to (None for harmless schemes and bare fragments)."""
    if url.startswith(_HARMLESS_SCHEMES) or url.startswith("#") or not url.strip():
        return None
    path = unquote(urlsplit(url).path)
    return (base.parent / path).resolve() if not path.startswith("/") else (root / path.lstrip("/")).resolve()


def _strip_css_comments(css: str) -> str:
    return re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)


_CSS_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)""", re.IGNORECASE)
_CSS_IMPORT = re.compile(r"""@import\s+(?:url\(\s*)?['"]?([^'")\s;]+)""", re.IGNORECASE)


def _css_references(css: str) -> list[str]:
    css = _strip_css_comments(css)
    return [m.group(2) for m in _CSS_URL.finditer(css)] + [m.group(1) for m in _CSS_IMPORT.finditer(css)]


@pytest.mark.slow
def test_pages_load_nothing_from_other_hosts(built_book: BuiltBook) -> None:
    """No <script src>, <link href>, <img>, <iframe>… and no inline CSS url() points outside the site."""
    html_root = built_book.html
    problems = []
    for rel, page in built_book.pages.items():
        path = html_root / rel
        for tag, attrs in page.tags:
            urls = []
            for attribute in RESOURCE_ATTRIBUTES.get(tag, ()):
                if attribute in attrs:
                    value = attrs[attribute]
                    urls += _srcset_urls(value) if attribute == "srcset" else [value]
            if tag == "meta" and attrs.get("http-equiv", "").lower() == "refresh":
                urls += re.findall(r"url=(\S+)", attrs.get("content", ""), re.IGNORECASE)
            if "style" in attrs:
                urls += _css_references(attrs["style"])
            for url in urls:
                if is_external(url):
                    problems.append(f"{rel}: <{tag}> loads {url}")
                else:
                    target = _local_target(path, url, html_root)
                    if target is not None and not target.exists():
                        problems.append(f"{rel}: <{tag}> loads a missing file {url}")
        for style in page.styles:
            problems += [f"{rel}: inline <style> loads {url}" for url in _css_references(style) if is_external(url)]
    assert not problems, "\n".join(problems)


def _stylesheets(book: BuiltBook) -> set[Path]:
    found = set()
    for rel, page in book.pages.items():
        for tag, attrs in page.tags:
            if tag == "link" and "stylesheet" in attrs.get("rel", "").split() and not is_external(attrs["href"]):
                target = _local_target(book.html / rel, attrs["href"], book.html)
                if target is not None:
                    found.add(target)
    return found


@pytest.mark.slow
def test_stylesheets_load_nothing_from_other_hosts(built_book: BuiltBook) -> None:
    """Every linked CSS file, and the files it @imports, uses only local url() and @import."""
    todo, seen, problems = sorted(_stylesheets(built_book)), set(), []
    assert todo, "no stylesheet found: the parsing is broken"
    while todo:
        css_file = todo.pop()
        if css_file in seen:
            continue
        seen.add(css_file)
        rel = css_file.relative_to(built_book.html)
        if not css_file.is_file():
            problems.append(f"missing stylesheet {rel}")
            continue
        css = css_file.read_text(encoding="utf-8", errors="replace")
        for url in _css_references(css):
            if is_external(url):
                problems.append(f"{rel} loads {url}")
                continue
            target = _local_target(css_file, url, built_book.html)
            if target is None:
                continue
            if not target.exists():
                problems.append(f"{rel} loads a missing file {url}")
            elif target.suffix == ".css":
                todo.append(target)
    assert not problems, "\n".join(problems)


_SCRIPT_URL = re.compile(r"""(?:https?:)?//([a-z0-9-]+(?:\.[a-z0-9-]+)+)(?::\d+)?(/[^\s"'`)\\]*)?""", re.IGNORECASE)


def _asset_host_urls(code: str) -> set[str]:
    urls = set()
    for match in _SCRIPT_URL.finditer(code):
        if not match.group(0).lower().startswith(("http:", "https:")) and code[max(0, match.start() - 1)] not in "\"'`":
            continue  # "//" starting a JavaScript comment, not a protocol-relative URL
        host = match.group(1).lower()
        if host in ASSET_HOSTS or "cdn" in host:
            urls.add(match.group(0))
    return urls


def _unexplained(where: str, urls: set[str], code: str) -> list[str]:
    left = []
    for url in sorted(urls):
        known = [prefix for (place, prefix) in KNOWN_INERT_SCRIPT_URLS
                 if url.startswith(prefix) and (place == where or (place.startswith("inline:") and where == "inline"
                                                                     and place.removeprefix("inline:") in code))]
        if not known:
            left.append(f"{where}: {url}")
    return left


@pytest.mark.slow
def test_scripts_reference_no_cdn_beyond_known_fallbacks(built_book: BuiltBook) -> None:
    """Local and inline scripts mention asset hosts only where we know the page never calls them."""
    static = built_book.html / "_static"
    problems, scripts = [], set()
    for rel, page in built_book.pages.items():
        for tag, attrs in page.tags:
            if tag == "script" and attrs.get("src") and not is_external(attrs["src"]):
                target = _local_target(built_book.html / rel, attrs["src"], built_book.html)
                if target is not None and target.is_file():
                    scripts.add(target)
        for _attrs, code in page.inline_scripts:
            problems += [f"{rel} {p}" for p in _unexplained("inline", _asset_host_urls(code), code)]
    assert scripts, "no page loads a local script: the parsing is broken"
    # The vendored files are checked whether a page loads them today or not (none loads the widget bundle).
    scripts |= {static / REQUIRE_JS, static / EMBED_JS, static / MATHJAX_JS}
    for script in sorted(scripts):
        code = script.read_text(encoding="utf-8", errors="replace")
        where = script.relative_to(static).as_posix() if static in script.parents else script.name
        problems += _unexplained(where, _asset_host_urls(code), code)
    assert not problems, "scripts that could reach another host:\n" + "\n".join(problems)


def _scripts_of(page: PageInfo) -> list[tuple[str, dict[str, str]]]:
    return [(attrs["src"], attrs) for tag, attrs in page.tags if tag == "script" and attrs.get("src")]


def _static_name(src: str) -> str:
    path = urlsplit(src).path
    return path.split("_static/", 1)[1] if "_static/" in path else path


@pytest.mark.slow
def test_vendored_assets_are_shipped_and_used(built_book: BuiltBook) -> None:
    static = built_book.html / "_static"
    for name in (REQUIRE_JS, EMBED_JS, MATHJAX_JS, COURSE_CSS):
        assert (static / name).is_file(), f"_static/{name} missing from the built site"
        assert _sha256(static / name) == _sha256(ASSETS / name), f"_static/{name} differs from book/_assets"
    pages = _content_pages(built_book)
    with_widgets = with_math = 0
    for rel, page in pages.items():
        stylesheets = [
            _static_name(a["href"]) for t, a in page.tags if t == "link" and "stylesheet" in a.get("rel", "")
        ]
        assert COURSE_CSS in stylesheets, f"{rel} does not load course.css"
        scripts = [_static_name(src) for src, _ in _scripts_of(page)]
        if 'type="application/vnd.jupyter.widget-state+json"' in page.source:
            with_widgets += 1
            assert REQUIRE_JS in scripts and EMBED_JS in scripts, f"{rel} has widgets but not the vendored scripts"
            assert scripts.index(REQUIRE_JS) < scripts.index(EMBED_JS), f"{rel}: RequireJS must load first"
            # The widget renderer calls MathJax 2's Hub.Queue: the shim must be there before it.
            assert TYPESET_SHIM_JS in scripts, f"{rel} has widgets but not {TYPESET_SHIM_JS}"
            assert scripts.index(TYPESET_SHIM_JS) < scripts.index(EMBED_JS), f"{rel}: the shim must load first"
            # RequireJS must know where the widget modules (and so their fonts) live before the bundle runs.
            assert scripts.index(REQUIRE_JS) < scripts.index(WIDGET_PATHS_JS) < scripts.index(EMBED_JS), (
                f"{rel}: widget-paths.js must load between require.js and embed-amd.js")
        if re.search(r'class="[^"]*\bmath\b', page.source):
            with_math += 1
            assert MATHJAX_JS in scripts, f"{rel} shows formulas but does not load the vendored MathJax"
        other = [s for s in scripts if re.search(r"require|embed-amd|mathjax|tex-", s, re.IGNORECASE)
                 and s not in (REQUIRE_JS, EMBED_JS, MATHJAX_JS)]
        assert not other, f"{rel} loads another copy of a vendored library: {other}"
    # A workshop shows as a light picture (test_chapter_pages_show_a_light_workshop_picture): no page needs the
    # widget renderer any more; the rules above still hold for one that would embed widget state.
    assert not with_widgets, "a page embeds widget state: its widgets should show as the course's light picture"
    assert with_math, "no page shows a formula: the vendored MathJax is never exercised (glossaire has some)"
    bundle = (ASSETS / EMBED_JS).read_text(encoding="utf-8", errors="replace")
    fonts = set(re.findall(r'"([0-9a-f]{20}\.woff2?)"', bundle))
    assert fonts, "the widget bundle no longer names its font files: check the vendoring"
    assert all((static / "widgets" / font).is_file() for font in fonts), "widget fonts are missing"


def test_widget_cdn_fallback_is_configured_local() -> None:
    """embed-amd.js would fetch unknown widget libraries from a CDN unless told otherwise: the configuration
    myst-nb would use on a page with widget state (none has any today) points it at a local folder."""
    attrs = _config()["sphinx"]["config"]["nb_ipywidgets_js"][EMBED_JS]
    cdn = attrs.get("data-jupyter-widgets-cdn")
    assert cdn and not is_external(cdn), f"embed-amd.js without a local data-jupyter-widgets-cdn: {attrs}"


@pytest.mark.slow
def test_widget_cdn_fallback_is_local(built_book: BuiltBook) -> None:
    """A page that loads embed-amd.js (none today) gives it a local fallback."""
    tags = [attrs for page in built_book.pages.values() for src, attrs in _scripts_of(page)
            if src.split("?")[0].endswith("embed-amd.js")]
    for attrs in tags:
        cdn = attrs.get("data-jupyter-widgets-cdn")
        assert cdn and not is_external(cdn), f"embed-amd.js without a local data-jupyter-widgets-cdn: {attrs}"


@pytest.mark.slow
def test_internal_links_and_anchors_resolve(built_book: BuiltBook) -> None:
    html_root = built_book.html
    problems = []
    for rel, page in built_book.pages.items():
        path = html_root / rel
        for tag, attrs in page.tags:
            if tag != "a" or "href" not in attrs:
                continue
            href = attrs["href"]
            if is_external(href) or href.startswith(_HARMLESS_SCHEMES) or href in ("", "#"):
                continue
            url, fragment = urldefrag(href)
            target = path if not url else _local_target(path, url, html_root)
            if target is None:
                continue
            if _is_live_site_link(target, html_root):
                continue  # JupyterLite is added by `make site`; test_exercise_pages_open_in_the_browser checks these
            if not target.exists():
                problems.append(f"{rel}: broken link {href}")
                continue
            if fragment and target.suffix == ".html":
                target_rel = target.relative_to(html_root).as_posix()
                ids = (built_book.pages[target_rel] if target_rel in built_book.pages else parse_page(target)).ids
                if unquote(fragment) not in ids:
                    problems.append(f"{rel}: link {href} points to a missing anchor")
    assert not problems, "\n".join(problems)


def _is_live_site_link(target: Path, html_root: Path) -> bool:
    """A link into the site's JupyterLite folder, which `make site` adds beside the book (not in _build/html)."""
    return target.relative_to(html_root).parts[:1] == (live_site.LITE_FOLDER,)


@pytest.mark.slow
def test_solutions_are_not_published(built_book: BuiltBook) -> None:
    site = built_book.html
    leaked = [p.relative_to(site).as_posix() for p in site.rglob("*") if "solutions" in p.relative_to(site).parts]
    assert not leaked, f"solutions were published: {leaked}"
    assert "solutions/" not in (site / "searchindex.js").read_text(encoding="utf-8")
    assert not (site / "notebooks" / "00_accueil.html").exists(), "the JupyterLab home must not be a book page"


def _normalise(text: str) -> str:
    text = html.unescape(text).replace("\u00a0", " ").replace("\u202f", " ").replace("’", "'")
    text = re.sub(r"[{}]|\\(?=[$%&])", "", text)
    return re.sub(r"\s+", " ", text).strip().casefold()


@pytest.mark.slow
def test_bibliography_page_lists_every_entry(built_book: BuiltBook) -> None:
    page = built_book.pages["book/bibliographie.html"]
    entries = _bib_entries()
    assert page.source.count('role="doc-biblioentry"') == len(entries)
    text = _normalise(" ".join(page.text))
    missing = [key for key, entry in entries.items() if _normalise(entry.fields["title"]) not in text]
    assert not missing, f"entries not shown on bibliographie.html: {missing}"


@pytest.mark.slow
def test_no_solution_or_answer_key_value_in_the_book(built_book: BuiltBook) -> None:
    """Solutions and the answer key stay with the teacher (issue 25): no answer line of a solution and no
    value of data/answer_key/ in any page, notebook or source the book publishes (tests/test_teacher_kit.py
    checks the learner's workspace and the sources the same way)."""
    from influence_workbook.teacher_kit import leaks

    assert built_book.html.is_dir(), "the book was built"
    assert leaks(built_book.html) == []


def _scripts_named(page: PageInfo) -> list[str]:
    return [_static_name(src).split("?")[0] for src, _ in _scripts_of(page)]


@pytest.mark.slow
def test_chapter_pages_show_a_light_workshop_picture(built_book: BuiltBook) -> None:
    """Issue 23: a chapter page shows its workshop as an inert picture with « Activer l'atelier », whose frame
    is the chapter's live workshop (live_site.repl_url), and loads no widget renderer, state or icon font."""
    for chapter in CHAPTERS:
        rel = f"notebooks/{chapter.slug}.html"
        page = built_book.pages[rel]
        scripts = _scripts_named(page)
        assert "application/vnd.jupyter.widget-state+json" not in page.source, f"{rel} embeds widget state"
        assert "application/vnd.jupyter.widget-view+json" not in page.source, f"{rel} embeds a widget view"
        assert not [s for s in scripts if re.search(r"require\.js|embed-amd|widget-paths|typeset-shim", s)], (
            f"{rel} loads the widget renderer: {scripts}")
        buttons = [attrs for tag, attrs in page.tags if tag == "button" and "iw-live-button" in attrs.get("class", "")]
        assert [b.get("type") for b in buttons] == ["button", "button"], f"{rel}: a workshop's and a quiz's button"
        # The workshop's button, then (at the chapter's end) the quiz's: the quiz is live on the site too.
        assert re.findall(r'<button type="button" class="iw-live-button">([^<]*)</button>', page.source) == [
            "Activer l&#x27;atelier", "Activer le quiz"], rel
        assert "Aperçu de l&#x27;atelier" in page.source, f"{rel}: the picture's caption is missing"
        blocks = [attrs for tag, attrs in page.tags if "data-iw-live-src" in attrs]
        assert [attrs["data-iw-live-src"] for attrs in blocks] == [
            "../" + live_site.repl_url(chapter.slug), "../" + live_site.quiz_url(chapter.slug)], rel
        assert LIVE_JS in scripts, f"{rel} does not load {LIVE_JS}"
        picture = page.source[page.source.index('<figure class="iw-live-preview">'):]
        picture = picture[:picture.index("</figure>")]
        # Links to other chapters' pages (chapter 10's texts have some) are real links; nothing else responds.
        assert not re.search(r"<(input|textarea|select|button|iframe)\b", picture), (
            f"{rel}: the picture has something a learner could type in or click")
    for rel, page in _content_pages(built_book).items():
        assert FONTAWESOME_JS not in _scripts_named(page), f"{rel} loads the theme's Font Awesome"
        if not rel.startswith("notebooks/"):
            assert LIVE_JS not in _scripts_named(page), f"{rel} loads {LIVE_JS} with no workshop"
    assert (built_book.html / "_static" / LIVE_JS).is_file()


@pytest.mark.slow
def test_mathjax_only_on_pages_with_formulas(built_book: BuiltBook) -> None:
    for rel, page in _content_pages(built_book).items():
        has_math = bool(re.search(r'class="[^"]*\bmath\b', page.source))
        loaded = MATHJAX_JS in _scripts_named(page)
        assert loaded == has_math, f"{rel}: MathJax loaded={loaded}, formulas={has_math}"


@pytest.mark.slow
def test_exercise_pages_open_in_the_browser_or_send_to_the_local_install(built_book: BuiltBook) -> None:
    local = 0
    for chapter in CHAPTERS:
        page = built_book.pages[f"exercises/{chapter.slug}.html"]
        links = [attrs["href"] for tag, attrs in page.tags if tag == "a" and "iw-live-link" in attrs.get("class", "")]
        modules = live_site.local_only_imports(REPO / "exercises" / f"{chapter.slug}.ipynb")
        if modules:  # pandas and co. do not run in the browser: no link there, a French note instead
            local += 1
            assert links == [], f"exercises/{chapter.slug}.html: {links}"
            assert 'class="iw-exercise-local"' in page.source and "cours installé sur votre ordinateur" in page.source
            assert all(module in page.source.split('class="iw-exercise-local"')[1][:200] for module in modules)
        else:
            assert links == ["../" + live_site.notebook_url(chapter.slug)], f"exercises/{chapter.slug}.html: {links}"
            assert "Ouvrir l&#x27;exercice dans le navigateur" in page.source
    assert 0 < local < len(CHAPTERS)


@pytest.mark.slow
def test_home_page_opens_the_live_progress(built_book: BuiltBook) -> None:
    page = built_book.pages["book/index.html"]
    links = [attrs["href"] for tag, attrs in page.tags if tag == "a" and "iw-live-link" in attrs.get("class", "")]
    assert links == ["../" + live_site.repl_url(live_site.HOME)]
    assert "__IW_" not in "".join(p.source for p in built_book.pages.values()), "a live link marker was left"
