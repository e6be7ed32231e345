"""The teacher's kit: one archive with what stays with the teacher (issue 25).

``make teacher-kit`` (``python -m influence_workbook.teacher_kit``) writes ``_build/kit-enseignant.zip``:

- ``corriges/carnets/``: the worked solutions (``solutions/*.ipynb``), as notebooks;
- ``corriges/html/``: the same, as standalone HTML pages (nbconvert, JupyterLab's look, no script and nothing
  fetched from another host: they open offline in any browser);
- ``corrige-donnees/``: the answer key of the sample data (``data/answer_key/*.csv``);
- ``guide-enseignant.md`` and ``guide-enseignant.html``: the instructor guide (``book/guide-enseignant.md``);
- ``LISEZMOI.txt``: what is in the kit, and the commands that go with it (class key, class report).

The learners never get these files: their workspace (:mod:`influence_workbook.workspace`) is built without
solutions, and ``tests/test_solutions_stay_with_the_teacher.py`` fails if a solution line or a value of the
answer key reaches it or the built book. The archive is the same, byte for byte, for the same sources
(entries sorted, fixed dates), so that a teacher can tell two kits apart by their checksum.
"""

from __future__ import annotations

import argparse
import copy
import csv
import html
import json
import re
import sys
import zipfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from influence_workbook.live_pages import plain_markdown
from influence_workbook.paths import course_root
from influence_workbook.typography import fix

KIT_NAME = "kit-enseignant.zip"
GUIDE = Path("book") / "guide-enseignant.md"
#: Every entry of the archive carries this date (a zip stores local times, without a zone).
ENTRY_DATE = (2026, 1, 1, 0, 0, 0)
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
#: nbconvert's JupyterLab page without its scripts: require.js, MathJax, Mermaid and the widget renderer all
#: come from a CDN; solutions need none of them (a widget shows its French fallback line).
OFFLINE_TEMPLATE = """{%- extends 'index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
"""
GUIDE_STYLE = (
    "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:2rem auto;max-width:52rem;"
    "line-height:1.5;color:#111827;padding:0 1rem}table{border-collapse:collapse;margin:.6rem 0;font-size:.92rem}"
    "th,td{border:1px solid #cbd5e1;padding:.25rem .5rem;text-align:left;vertical-align:top}"
    "thead th{background:#f1f5f9}code{background:#f1f5f9;padding:0 .2rem}pre{background:#f8fafc;padding:.6rem;"
    "overflow-x:auto}h1,h2,h3{line-height:1.25}"
)
READ_ME = """Kit de l'enseignant — « Les 10 erreurs à éviter en marketing d'influence »
=============================================================================

Ce kit reste chez l'enseignant ou le formateur : ne le déposez pas dans l'espace des apprenants.

- corriges/carnets/ : les corrigés des exercices, en carnets Jupyter (à ouvrir dans JupyterLab).
- corriges/html/ : les mêmes corrigés en pages HTML, lisibles hors ligne dans un navigateur.
- corrige-donnees/ : le corrigé des données d'exemple (créateurs piégés, verdicts de mention attendus,
  tendances des collaborations, hausse mesurée par le test régional).
- guide-enseignant.html (et .md) : le guide de l'enseignant (objectifs, calendrier, grille d'évaluation,
  questions de discussion, sujets de mémoire, suivi de la classe, installation sur JupyterHub).

Suivre la classe
- Créez une clé de classe :  python -m influence_workbook.class_report cle
- Donnez-la aux apprenants (ou réglez INFLUENCE_WORKBOOK_CLASS_KEY sur le serveur du cours) ; chacun
  exporte sa progression depuis l'accueil du cours (« Exporter ma progression ») et vous remet le fichier.
- Rapport de la classe :  make class-report DOSSIER=dossier-des-exports/ CLE=votre-clé
  (page HTML, classeur .xlsx et fichiers CSV dans _build/rapport-classe/).

Contenu de ce kit :
"""


def _solution_html(path: Path) -> str:
    """A solution notebook as one offline HTML page (widget outputs show their French fallback line)."""
    import nbformat
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    notebook = nbformat.read(path, as_version=4)
    notebook = copy.deepcopy(notebook)
    notebook.metadata.pop("widgets", None)
    for cell in notebook.cells:
        if cell.cell_type == "markdown":  # MyST ({cite}, :::{admonition}) as plain Markdown, as course mode shows it
            cell.source = plain_markdown(cell.source)
        for output in cell.get("outputs", []):
            data = output.get("data")
            if isinstance(data, dict):
                data.pop(WIDGET_VIEW, None)
    loader = DictLoader({"kit.html.j2": OFFLINE_TEMPLATE})
    exporter = HTMLExporter(  # type: ignore[no-untyped-call]
        template_name="lab", extra_loaders=[loader], template_file="kit.html.j2")
    exporter.require_js_url = ""
    exporter.mathjax_url = ""
    body, _resources = exporter.from_notebook_node(notebook, resources={"metadata": {"name": path.stem}})
    return str(body).replace('<html lang="en">', '<html lang="fr">')


def guide_html(markdown_text: str) -> str:
    """The guide (Markdown, MyST roles left as text) as a standalone French HTML page."""
    from markdown_it import MarkdownIt

    text = plain_markdown(markdown_text)
    parser = MarkdownIt("commonmark", {"html": False}).enable("table")
    title_match = re.search(r"^# (.+)$", markdown_text, flags=re.M)
    title = html.escape(title_match.group(1) if title_match else "Guide de l'enseignant")
    return (f'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" '
            f'content="width=device-width"><title>{title}</title><style>{GUIDE_STYLE}</style></head><body>'
            f"{parser.render(text)}</body></html>\n")


def kit_entries(root: Path | None = None) -> dict[str, bytes]:
    """Every entry of the kit (archive name -> bytes)."""
    root = root or course_root()
    entries: dict[str, bytes] = {}
    for path in sorted((root / "solutions").glob("*.ipynb")):
        entries[f"corriges/carnets/{path.name}"] = path.read_bytes()
        entries[f"corriges/html/{path.stem}.html"] = _solution_html(path).encode("utf-8")
    for path in sorted((root / "data" / "answer_key").glob("*")):
        if path.is_file():
            entries[f"corrige-donnees/{path.name}"] = path.read_bytes()
    guide = root / GUIDE
    if guide.is_file():
        text = guide.read_text(encoding="utf-8")
        entries["guide-enseignant.md"] = text.encode("utf-8")
        entries["guide-enseignant.html"] = guide_html(text).encode("utf-8")
    listing = "".join(f"- {name}\n" for name in sorted(entries))
    entries["LISEZMOI.txt"] = fix(READ_ME + listing).encode("utf-8")
    return entries


def build_kit(out: Path | None = None, root: Path | None = None) -> Path:
    """Write the archive (``_build/kit-enseignant.zip`` by default) and return its path."""
    root = root or course_root()
    target = out or root / "_build" / KIT_NAME
    entries = kit_entries(root)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.tmp")
    with zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(entries):
            info = zipfile.ZipInfo(f"kit-enseignant/{name}", date_time=ENTRY_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, entries[name])
    temporary.replace(target)
    return target


# --------------------------------------------------------------------------- what must stay with the teacher

#: A solution line shorter than this is too common to be an answer (« plt.show() », « ) »).
MIN_SOLUTION_LINE = 25
#: An answer-key cell shorter than this, or found on several rows, is a category, not a row's own value.
MIN_KEY_CELL = 40
SOLUTION_MARK = re.compile(r"\s*#\s*SOLUTION\s*$")


@dataclass(frozen=True)
class Fingerprint:
    """A text that must never reach a learner: a solution's answer line, or a value of the answer key."""

    source: str  # « solutions/01_objectif_flou.ipynb » or « data/answer_key/creators_traps.csv »
    text: str  # normalised (see :func:`normalise`)


def normalise(text: str) -> str:
    """Text as a reader sees it: spaces of every kind folded, curly apostrophes straight."""
    text = text.replace("\u00a0", " ").replace("\u202f", " ").replace("’", "'")
    return re.sub(r"\s+", " ", text).strip()


def _notebook_lines(path: Path) -> list[str]:
    document = json.loads(path.read_text(encoding="utf-8"))
    lines = []
    for cell in document.get("cells", []):
        source = cell.get("source", "")
        lines.extend(("".join(source) if isinstance(source, list) else str(source)).splitlines())
    return lines


def _plain_line(line: str) -> str:
    """A notebook line as compared: no ``# SOLUTION`` mark, no Markdown quote sign, spaces normalised."""
    return normalise(re.sub(r"^\s*>\s?", "", SOLUTION_MARK.sub("", line)))


def teacher_only(root: Path | None = None) -> list[Fingerprint]:
    """Every text that must stay with the teacher.

    - each line of a solution that neither its learner exercise nor its chapter's page has (the answers),
      without its ``# SOLUTION`` mark, when longer than :data:`MIN_SOLUTION_LINE`;
    - each cell of the answer key found on one row only and longer than :data:`MIN_KEY_CELL` (the
      explanations and reasons, with their figures), and each trapped creator with their trap.
    """
    root = root or course_root()
    prints: list[Fingerprint] = []
    for solution in sorted((root / "solutions").glob("*.ipynb")):
        given: set[str] = set()
        # The exercise's lines, and the chapter page's (a worked example the solution reuses): published anyway.
        for public in (root / "exercises" / solution.name, root / "notebooks" / solution.name):
            if public.is_file():
                given |= {_plain_line(line) for line in _notebook_lines(public)}
        for line in _notebook_lines(solution):
            text = _plain_line(line)
            if len(text) > MIN_SOLUTION_LINE and text not in given:
                prints.append(Fingerprint(f"solutions/{solution.name}", text))
    for path in sorted((root / "data" / "answer_key").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        counts = Counter(value for row in rows for value in row.values() if isinstance(value, str))
        where = f"data/answer_key/{path.name}"
        prints.extend(Fingerprint(where, normalise(value)) for value, count in counts.items()
                      if count == 1 and len(value) >= MIN_KEY_CELL)
        for row in rows:
            if row.get("creator_id") and row.get("trap"):
                prints.append(Fingerprint(where, f"{row['creator_id']},{row['trap']}"))
    return list(dict.fromkeys(prints))


def readable_text(path: Path) -> str:
    """What a reader of ``path`` can read: a notebook's sources and text outputs, an HTML page's text (tags
    removed, entities decoded), any other file as text; normalised."""
    raw = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix == ".ipynb":
        try:
            document = json.loads(raw)
        except ValueError:
            return normalise(raw)
        parts: list[str] = []
        for cell in document.get("cells", []) if isinstance(document, dict) else []:
            source = cell.get("source", "")
            parts.append("".join(source) if isinstance(source, list) else str(source))
            for output in cell.get("outputs", []):
                texts = [output.get("text", "")] + [value for key, value in (output.get("data") or {}).items()
                                                    if key.startswith("text/") or key == "application/json"]
                for text in texts:
                    text = "".join(text) if isinstance(text, list) else str(text)
                    parts.append(html.unescape(re.sub(r"<[^>]+>", "", text)))
        return normalise("\n".join(parts))
    if path.suffix in {".html", ".htm", ".js", ".xml", ".svg"}:
        return normalise(html.unescape(re.sub(r"<[^>]+>", "", raw)))
    return normalise(raw)


#: The files a leak is looked for in: what a reader can read (pages, notebooks, data, search index).
TEXT_SUFFIXES = frozenset({".html", ".htm", ".ipynb", ".md", ".txt", ".csv", ".json", ".js", ".py", ".xml"})
#: The book's vendored libraries (MathJax, the widget bundle): not course text, and large.
VENDORED = "_static"


def leaks(folder: Path, prints: Sequence[Fingerprint] | None = None) -> list[str]:
    """« file: text (from source) » for every teacher-only text found in the files under ``folder``."""
    prints = teacher_only() if prints is None else prints
    found: list[str] = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        if path.suffix.lower() not in TEXT_SUFFIXES or VENDORED in path.relative_to(folder).parts:
            continue
        text = readable_text(path)
        found.extend(f"{path.relative_to(folder)}: {fingerprint.text[:70]} (de {fingerprint.source})"
                     for fingerprint in prints if fingerprint.text in text)
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=None, help=f"the archive (default: _build/{KIT_NAME})")
    args = parser.parse_args(argv)
    path = build_kit(args.out)
    with zipfile.ZipFile(path) as archive:
        count = len(archive.namelist())
    print(fix(f"Kit de l'enseignant : {path} ({count} fichiers). Il reste chez l'enseignant : ne le déposez pas "
              "dans l'espace des apprenants."))
    return 0


if __name__ == "__main__":
    sys.exit(main())
