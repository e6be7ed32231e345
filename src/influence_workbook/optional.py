"""The libraries the course can do without, and what a learner reads where one is missing.

The online course runs in the learner's browser (Pyodide), where pandas, numpy, matplotlib, Pillow
and lxml (hence python-docx) cannot be installed. Every workshop works without them; the few extras
that need them (a matplotlib figure, a CSV import read with pandas, a Word export) say so in French
instead of failing.
"""

from __future__ import annotations

import functools
import importlib.util
import warnings
from pathlib import Path
from typing import Any

#: An extra that needs pandas: the import of a learner's own CSV list (chapter 2).
IMPORT_UNAVAILABLE = (
    "L'import d'une liste CSV n'est pas disponible dans la version en ligne du cours\u00a0: travaillez sur "
    "les données d'exemple, ou importez votre liste dans le cours installé sur votre ordinateur."
)
#: An extra that needs matplotlib: a figure (chapters 2 and 7); the table beside it gives its figures.
CHART_UNAVAILABLE = (
    "Le graphique n'est pas disponible dans la version en ligne du cours\u00a0: le tableau donne les mêmes "
    "chiffres. Le cours installé sur votre ordinateur affiche aussi le graphique."
)
#: An export that needs python-docx (and lxml): the Word file.
WORD_UNAVAILABLE = (
    "L'export Word n'est pas disponible dans la version en ligne du cours\u00a0: utilisez le format "
    "Markdown ou PDF."
)
#: A PDF needs fpdf2 and a font with French accents and signs (DejaVu, found with matplotlib's data).
PDF_UNAVAILABLE = (
    "L'export PDF n'est pas disponible dans la version en ligne du cours\u00a0: utilisez le format "
    "Markdown, ou le cours installé sur votre ordinateur."
)


def missing_library(name: str) -> bool:
    """True when ``name`` cannot be imported here (not installed, or blocked as in the browser)."""
    try:
        return importlib.util.find_spec(name) is None
    except (ImportError, ValueError):
        return True


#: Where a wheel may ship the PDF fonts, inside the package (the published site's wheel does: no matplotlib there).
PACKAGED_FONTS = ("resources", "fonts")
FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")


@functools.lru_cache(maxsize=1)
def pdf_fonts() -> tuple[Path, Path]:
    """DejaVu Sans, regular and bold: from the package's ``resources/fonts/``, else as matplotlib ships them
    (found without importing matplotlib). FileNotFoundError when neither has them."""
    folders = [Path(__file__).resolve().parent.joinpath(*PACKAGED_FONTS)]
    try:
        spec = importlib.util.find_spec("matplotlib")
    except (ImportError, ValueError):
        spec = None
    folders += [Path(folder) / "mpl-data" / "fonts" / "ttf"
                for folder in (spec.submodule_search_locations or [] if spec is not None else [])]
    for folder in folders:
        regular, bold = (folder / name for name in FONT_FILES)
        if regular.is_file() and bold.is_file():
            return regular, bold
    raise FileNotFoundError("DejaVuSans.ttf found neither in the package's resources/fonts nor in matplotlib's data")


def fpdf_class() -> Any:
    """fpdf2's FPDF class, imported quietly: without Pillow fpdf2 warns that it cannot add images, and the
    course's PDFs have none (that warning must not show under a learner's cell)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Pillow could not be imported", category=UserWarning)
        from fpdf import FPDF
    return FPDF


def pdf_available() -> bool:
    """Whether the course's PDFs can be made here: fpdf2 importable and the DejaVu fonts found."""
    if missing_library("fpdf") or missing_library("fontTools"):
        return False
    try:
        pdf_fonts()
    except FileNotFoundError:
        return False
    return True
