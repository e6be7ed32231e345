"""How long a chapter's main path takes (issue 24): reading at 200 words a minute, plus the workshop,
plus the quiz. ``python -m influence_workbook.authoring.reading_time`` prints the table; the tests
assert every chapter fits in :data:`BUDGET_MINUTES` and shows its estimate on its first line.

The main path is what a learner meets going down the page:

* the markdown cells, except those tagged for one medium (``only-book``, ``only-lab``,
  ``remove-cell``), the navigation line (``chapter-nav``) and the sections titled « Pour aller
  plus loin » (a heading of that title and everything under it, up to the next heading of the same
  or a higher level), which hold the depth the main path links to;
* the text a learner reads in the outputs of the chapter's own code cells (tables, a figure's
  caption), but not the workshop's and the quiz's, counted apart;
* the workshop, at :data:`WORKSHOP_MINUTES` (what the learner does there, said beside each figure);
* the quiz: each question, its answers and two explanations read at the same pace, plus
  :data:`QUIZ_THINK_SECONDS` to choose.

Appendix pages (``book/``) are not on the main path: the chapters link to them.
"""

from __future__ import annotations

import html
import json
import math
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat

from influence_workbook.paths import course_root

WORDS_PER_MINUTE = 200
BUDGET_MINUTES = 30
QUIZ_THINK_SECONDS = 15
OFF_PATH_TAGS = frozenset({"only-book", "only-lab", "remove-cell", "chapter-nav"})
DEPTH_TITLE = "pour aller plus loin"

#: Minutes a learner spends in each chapter's workshop (typing and reading the feedback once).
WORKSHOP_MINUTES: dict[str, int] = {
    "01_objectif_flou": 6,  # a guided form of six fields, or one sentence; one round of feedback
    "02_mauvais_influenceur": 9,  # filter a table of 480 creators, pick 3 to 6, read one verdict per pick
    "03_concept_peu_creatif": 8,  # seven short fields of a canvas and a format card to read
    "04_communication_authentique": 8,  # read one creator card, write a message of 60 to 250 words
    "05_partenariat_cache": 8,  # classify eight posts, then write and check one caption
    "06_confiance_createurs": 7,  # two lists, two dates and three choices
    "07_partenariats_long_terme": 8,  # choose a creator, read a chart and a table of 4 to 8 rows, decide, two sentences
    "08_evaluer_resultats": 10,  # read three tables, compute four figures, two choices, two short texts
    "09_remuneration": 12,  # read four creator cards, eight short fields each, tick clauses, two amounts, one export
    "10_brief_clair": 11,  # read sixteen pre-filled parts, complete four or five, read twenty verdicts, export
}

_ROLE = re.compile(r"\{(?:cite|cite:p|cite:t)\}`[^`]*`")
_TERM = re.compile(r"\{[a-z:-]+\}`([^`<]*)(?:<[^`]*>)?`")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MATH = re.compile(r"\$\$.*?\$\$|\$[^$\n]+\$", re.DOTALL)
_DIRECTIVE_LINE = re.compile(r"^(?::::+|```+)\s*(?:\{[^}]*\})?.*$|^:[a-z-]+:.*$", re.MULTILINE)
_TAG = re.compile(r"<[^>]+>")
_STYLE = re.compile(r"<style.*?</style>", re.DOTALL)
_WORD = re.compile(r"[^\W_](?:[\w'’-]*[^\W_])?")
_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")


def count_words(markdown: str) -> int:
    """Words a reader reads in a piece of MyST markdown (roles, links' targets and markup dropped)."""
    text = _ROLE.sub(" ", markdown)
    text = _TERM.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _MATH.sub(" formule ", text)
    text = _DIRECTIVE_LINE.sub(lambda m: " ".join(re.findall(r"\}\s*(.*)$", m.group(0))), text)
    return len(_WORD.findall(text))


def _html_words(value: str) -> int:
    text = html.unescape(_TAG.sub(" ", _STYLE.sub(" ", value)))
    return len(_WORD.findall(text))


def main_path(cells: list[Any]) -> tuple[list[str], list[Any]]:
    """The markdown a learner reads and the code cells met on the way, « Pour aller plus loin » left out.

    A heading titled « Pour aller plus loin » starts the depth: it and every cell after it are off
    the main path until a heading of the same or a higher level. Cells for one medium are off too.
    """
    texts: list[str] = []
    code: list[Any] = []
    skip_level: int | None = None
    for cell in cells:
        if OFF_PATH_TAGS & set(cell.get("metadata", {}).get("tags", [])):
            continue
        if cell.cell_type == "code":
            if skip_level is None:
                code.append(cell)
            continue
        if cell.cell_type != "markdown":
            continue
        lines: list[str] = []
        for line in cell.source.splitlines():
            heading = _HEADING.match(line)
            if heading:
                level = len(heading.group(1))
                if skip_level is not None and level <= skip_level:
                    skip_level = None
                if skip_level is None and heading.group(2).strip().lower().startswith(DEPTH_TITLE):
                    skip_level = level
            if skip_level is None:
                lines.append(line)
        texts.append("\n".join(lines))
    return texts, code


def _is_workshop_or_quiz(source: str) -> bool:
    return "show_quiz(" in source or "_workshop(" in source


def _output_words(cells: list[Any]) -> int:
    total = 0
    for cell in cells:
        if _is_workshop_or_quiz(cell.source):
            continue
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream":
                total += len(_WORD.findall(output.get("text", "")))
                continue
            data = output.get("data", {})
            if "text/html" in data:
                total += _html_words("".join(data["text/html"]))
            elif "text/markdown" in data:
                total += count_words("".join(data["text/markdown"]))
            elif "text/plain" in data:
                total += len(_WORD.findall("".join(data["text/plain"])))
    return total


def quiz_minutes(questions: list[dict[str, Any]]) -> float:
    """Read each question, its answers, the right answer's explanation and one other; think a moment."""
    words = 0
    for question in questions:
        words += count_words(str(question.get("question", "")))
        answers = question.get("answers", [])
        words += sum(count_words(str(a.get("answer", ""))) for a in answers)
        right = [count_words(str(a.get("feedback", ""))) for a in answers if a.get("correct")]
        wrong = [count_words(str(a.get("feedback", ""))) for a in answers if not a.get("correct")]
        words += max(right, default=0) + (max(wrong, default=0) if wrong else 0)
    return words / WORDS_PER_MINUTE + len(questions) * QUIZ_THINK_SECONDS / 60


@dataclass(frozen=True)
class Estimate:
    slug: str
    text_words: int
    output_words: int
    reading_minutes: float
    workshop_minutes: int
    quiz_minutes: float
    shown_minutes: int | None  # what the chapter's first line says (« Environ N minutes »)

    @property
    def total_minutes(self) -> float:
        return self.reading_minutes + self.workshop_minutes + self.quiz_minutes

    @property
    def rounded_minutes(self) -> int:
        """What the first line should say: the estimate rounded up to the next five minutes."""
        return 5 * math.ceil(self.total_minutes / 5)


_SHOWN = re.compile(r"\*Environ (\d+) minutes")


def estimate(slug: str, root: Path | None = None) -> Estimate:
    root = root or course_root()
    notebook = nbformat.read(root / "notebooks" / f"{slug}.ipynb", as_version=4)
    texts, code = main_path(notebook.cells)
    text_words = sum(count_words(text) for text in texts)
    output_words = _output_words(code)
    questions = json.loads((root / "notebooks" / "quiz" / f"{slug}.json").read_text(encoding="utf-8"))
    first = next((c.source for c in notebook.cells if c.cell_type == "markdown"), "")
    shown = _SHOWN.search(first)
    return Estimate(
        slug=slug,
        text_words=text_words,
        output_words=output_words,
        reading_minutes=(text_words + output_words) / WORDS_PER_MINUTE,
        workshop_minutes=WORKSHOP_MINUTES[slug],
        quiz_minutes=quiz_minutes(questions),
        shown_minutes=int(shown.group(1)) if shown else None,
    )


def estimates(root: Path | None = None) -> list[Estimate]:
    return [estimate(slug, root) for slug in WORKSHOP_MINUTES]


def table(rows: list[Estimate]) -> str:
    lines = [f"{'chapter':<30} {'words':>6} {'outputs':>7} {'reading':>8} {'workshop':>8} {'quiz':>5} "
             f"{'total':>6} {'shown':>5}"]
    for row in rows:
        lines.append(
            f"{row.slug:<30} {row.text_words:>6} {row.output_words:>7} {row.reading_minutes:>7.1f}m "
            f"{row.workshop_minutes:>7}m {row.quiz_minutes:>4.1f}m {row.total_minutes:>5.1f}m "
            f"{row.shown_minutes if row.shown_minutes is not None else '—':>5}"
        )
    return "\n".join(lines)


def main() -> int:
    rows = estimates()
    print(table(rows))
    over = [row.slug for row in rows if row.total_minutes > BUDGET_MINUTES]
    if over:
        print(f"over {BUDGET_MINUTES} minutes: {', '.join(over)}")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
