"""Chapter 10's brief as documents an agency sends to a creator: Word (.docx), Markdown (.md) and PDF.

The brief is the mapping the workshop builds (:data:`~influence_workbook.checks.brief.PART_KEYS` → text).
Every export carries the same content in the same order: a title (brand, campaign), the date, the
reminder that a brief goes with the contract and does not replace it, then one section per part of
the brief, the deliverables also as a table (format, number, length, subtitles, time online). An empty
part is printed « À compléter » so that the gap shows.

Learner text is never markup: the Word file and the PDF hold it as text (python-docx escapes it into
XML, fpdf2 draws it), and the Markdown file escapes ``< > &`` so that a viewer shows « <script> » as
typed instead of running it. Characters XML 1.0 forbids (control characters, lone surrogates) are
dropped; the PDF draws what its font (DejaVu Sans, shipped with matplotlib, as the certificate's)
can draw and shows « ? » for the rest. Nothing is fetched from another host.

Checked by hand in LibreOffice (no ``soffice`` on the machines the tests run on): see the chapter's
notes in CONTRIBUTING.md, « Chapter 10: checking the exported brief in LibreOffice ».
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from influence_workbook.campaign import Campaign
from influence_workbook.checks.brief import PARTS, Deliverable, deliverable_rows
from influence_workbook.learner_files import write_atomically
from influence_workbook.optional import (
    PDF_UNAVAILABLE,
    WORD_UNAVAILABLE,
    fpdf_class,
    missing_library,
    pdf_available,
    pdf_fonts,
)
from influence_workbook.progress import os_error_in_french
from influence_workbook.text import fold, format_date
from influence_workbook.typography import fix

#: The folder, beside the learner's progress file, where exported briefs are written.
FOLDER = "briefs"
COURSE_TITLE = "Les 10 erreurs à éviter en marketing d'influence"
CONTRACT_NOTE = ("Ce brief accompagne le contrat et ne le remplace pas : la rémunération, les droits, l'exclusivité "
                 "et les délais de paiement qui engagent les deux parties sont fixés par le contrat signé.")
EMPTY_PART = "À compléter."
TABLE_HEADERS = ("Contenu", "Format", "Nombre", "Durée", "Sous-titres", "En ligne")
MIME_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "md": "text/markdown",
    "pdf": "application/pdf",
}
#: A dark blue for headings (the workshop's button colour), on white: 10:1 contrast.
HEADING_RGB = (0x1E, 0x3A, 0x8A)

_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def clean(text: object) -> str:
    """Learner text as a document can hold it: a string, NFC, without characters XML 1.0 forbids."""
    value = text if isinstance(text, str) else ""
    return _XML_FORBIDDEN.sub("", unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n")))


def title_of(campaign: Campaign) -> str:
    return fix(f"Brief créateur — {campaign.brand.name} · {campaign.name}")


def brief_parts(brief: Mapping[str, object]) -> list[tuple[str, str, str]]:
    """(key, title, text) for every part of a brief, in the checklist's order; empty text for a missing part."""
    return [(part.key, part.label, clean(brief.get(part.key, "")).strip()) for part in PARTS]


def _bullet(line: str) -> tuple[bool, str]:
    """Whether a line is a list item (« - », « • », « * »), and its text without the mark."""
    match = re.match(r"^\s*[-•*–]\s+(.*)$", line)
    return (True, match.group(1)) if match else (False, line.strip())


def _rows(text: str) -> list[Deliverable]:
    return deliverable_rows(text) if text else []


# --------------------------------------------------------------------------- Markdown


def _md_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _md_cell(text: str) -> str:
    return _md_escape(text).replace("|", "\\|").replace("\n", " ") or " "


def brief_markdown(brief: Mapping[str, object], campaign: Campaign, *, today: date) -> str:
    """The brief as a Markdown document (learner text escaped: shown, never run)."""
    lines = [f"# {_md_escape(title_of(campaign))}", "", f"*Préparé le {format_date(today)}.*", "",
             f"> {CONTRACT_NOTE}", ""]
    for key, title, text in brief_parts(brief):
        lines += [f"## {title}", ""]
        if not text:
            lines += [f"*{EMPTY_PART}*", ""]
            continue
        lines += [_md_escape(line) if line.strip() else "" for line in text.splitlines()]
        lines.append("")
        rows = _rows(text) if key == "deliverables" else []
        if rows:
            lines += ["| " + " | ".join(TABLE_HEADERS) + " |", "|" + "---|" * len(TABLE_HEADERS)]
            for row in rows:
                cells = (row.text, row.format, row.count, row.length, row.subtitles, row.online)
                lines.append("| " + " | ".join(_md_cell(cell) for cell in cells) + " |")
            lines.append("")
    lines += ["---", "", f"*Préparé avec le cours « {COURSE_TITLE} ».*", ""]
    return fix("\n".join(lines))


# --------------------------------------------------------------------------- Word


def brief_docx(brief: Mapping[str, object], campaign: Campaign, *, today: date) -> bytes:
    """The brief as a Word document: title, headings per part, bullet lists, a table of deliverables."""
    from docx import Document  # imported when a brief is exported: the chapter does not pay for it
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    document = Document()
    properties = document.core_properties
    properties.title = title_of(campaign)
    properties.subject = f"Brief de la campagne {campaign.name}"
    properties.author = campaign.brand.name
    properties.comments = f"Préparé avec le cours « {COURSE_TITLE} »."
    properties.language = "fr-FR"
    styles = document.styles
    normal = styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), "fr-FR")
    normal.element.get_or_add_rPr().append(language)
    for name in ("Title", "Heading 1"):
        styles[name].font.color.rgb = RGBColor(*HEADING_RGB)

    document.add_heading(title_of(campaign), level=0)
    dated = document.add_paragraph()
    dated.add_run(f"Préparé le {format_date(today)}.").italic = True
    note = document.add_paragraph(style="Intense Quote")
    note.add_run(fix(CONTRACT_NOTE))
    for key, title, text in brief_parts(brief):
        document.add_heading(title, level=1)
        if not text:
            document.add_paragraph().add_run(EMPTY_PART).italic = True
            continue
        for line in text.splitlines():
            if not line.strip():
                continue
            bullet, words = _bullet(line)
            document.add_paragraph(words, style="List Bullet" if bullet else None)
        rows = _rows(text) if key == "deliverables" else []
        if rows:
            table = document.add_table(rows=1, cols=len(TABLE_HEADERS))
            table.style = "Light Grid Accent 1"
            table.alignment = WD_TABLE_ALIGNMENT.CENTER
            for cell, header in zip(table.rows[0].cells, TABLE_HEADERS, strict=True):
                cell.text = header
            for row in rows:
                cells = table.add_row().cells
                for cell, value in zip(cells, (row.text, row.format, row.count, row.length, row.subtitles,
                                               row.online), strict=True):
                    cell.text = clean(value)
    footer = document.sections[0].footer.paragraphs[0]
    footer.text = fix(f"{title_of(campaign)} — préparé le {format_date(today)}")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --------------------------------------------------------------------------- PDF


def _drawable(text: str) -> str:
    """Text the PDF's font can draw: any other character becomes « ? »."""
    from influence_workbook.certificate import _font_characters

    covered = _font_characters()
    return "".join(c if ord(c) in covered or c == "\n" else "?" for c in text)


def brief_pdf(brief: Mapping[str, object], campaign: Campaign, *, today: date) -> bytes:
    """The brief as an A4 PDF in French (DejaVu Sans embedded, as the certificate)."""
    FPDF = fpdf_class()  # imported when a brief is exported
    regular, bold = pdf_fonts()
    pdf = FPDF(orientation="portrait", unit="mm", format="A4")
    pdf.set_lang("fr-FR")
    pdf.set_title(title_of(campaign))
    pdf.set_subject(f"Brief de la campagne {campaign.name}")
    pdf.set_author(campaign.brand.name)
    pdf.set_creator("influence_workbook.brief_export")
    pdf.add_font("DejaVu", "", str(regular))
    pdf.add_font("DejaVu", "B", str(bold))
    pdf.set_margins(18, 16, 18)
    pdf.set_auto_page_break(True, margin=16)
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin

    def paragraph(text: str, size: float = 10, style: str = "", height: float = 5.0, after: float = 1.5,
                  indent: float = 0.0) -> None:
        pdf.set_font("DejaVu", style, size)
        pdf.set_x(pdf.l_margin + indent)
        pdf.multi_cell(width - indent, height, _drawable(text), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(after)

    pdf.set_text_color(*HEADING_RGB)
    paragraph(title_of(campaign), size=17, style="B", height=8, after=1)
    pdf.set_text_color(55, 65, 81)
    paragraph(f"Préparé le {format_date(today)}.", size=9.5, after=2)
    paragraph(fix(CONTRACT_NOTE), size=9.5, height=4.6, after=4)
    for key, title, text in brief_parts(brief):
        pdf.set_text_color(*HEADING_RGB)
        paragraph(title, size=12.5, style="B", height=6.5, after=0.5)
        pdf.set_text_color(17, 24, 39)
        if not text:
            paragraph(EMPTY_PART, after=2.5)
            continue
        for line in text.splitlines():
            if line.strip():
                bullet, words = _bullet(line)
                paragraph(f"• {words}" if bullet else words, indent=3 if bullet else 0, after=0.8)
        rows = _rows(text) if key == "deliverables" else []
        if rows:
            pdf.ln(1)
            pdf.set_font("DejaVu", "", 8.5)
            with pdf.table(col_widths=(58, 22, 16, 20, 18, 40), line_height=4.4, padding=1.0,
                           first_row_as_headings=True) as table:
                table.row(list(TABLE_HEADERS))
                for row in rows:
                    table.row([_drawable(cell) for cell in (row.text, row.format, row.count, row.length,
                                                            row.subtitles, row.online)])
        pdf.ln(2.5)
    pdf.set_text_color(107, 114, 128)
    paragraph(f"Préparé avec le cours « {COURSE_TITLE} ».", size=8, after=0)
    return bytes(pdf.output())


# --------------------------------------------------------------------------- writing the three files


@dataclass(frozen=True)
class ExportedFile:
    kind: str  # "docx", "md" or "pdf"
    name: str
    data: bytes
    path: Path | None  # where it was written, None when it could not be

    @property
    def mime(self) -> str:
        return MIME_TYPES[self.kind]


@dataclass(frozen=True)
class ExportedBrief:
    files: tuple[ExportedFile, ...]
    folder: Path
    #: A French sentence when the files could not be written (they can still be downloaded).
    notice: str | None
    #: French sentences for the formats that cannot be made here (Word and PDF in the online course).
    unavailable: tuple[str, ...] = ()


def file_stem(campaign: Campaign, today: date) -> str:
    """« brief-seve-rituel-avoine-2026-12-07 »: ASCII, for any file system and any e-mail client."""
    slug = re.sub(r"[^a-z0-9]+", "-", fold(f"{campaign.brand.name} {campaign.name}")).strip("-")[:60].strip("-")
    return f"brief-{slug or 'campagne'}-{today.isoformat()}"


def export_brief(brief: Mapping[str, object], campaign: Campaign, folder: Path, *,
                 today: date | None = None) -> ExportedBrief:
    """Write the brief as .docx, .md and .pdf into ``folder`` (created if needed); never raises an OSError:
    when the folder refuses them, the files come back with ``path=None`` and a French ``notice``."""
    day = today or date.today()
    stem = file_stem(campaign, day)
    made = [("md", brief_markdown(brief, campaign, today=day).encode("utf-8"))]
    missing: list[str] = []
    if word_available():
        made.insert(0, ("docx", brief_docx(brief, campaign, today=day)))
    else:  # the online course: no python-docx (lxml cannot be installed in the browser)
        missing.append(WORD_UNAVAILABLE)
    if pdf_available():
        made.append(("pdf", brief_pdf(brief, campaign, today=day)))
    else:
        missing.append(PDF_UNAVAILABLE)
    files = []
    notice = None
    for kind, data in made:
        target = folder / f"{stem}.{kind}"
        try:
            write_atomically(target, data)
            written: Path | None = target
        except OSError as error:
            written = None
            notice = fix(f"Le brief n'a pas pu être enregistré dans « {folder} » ({os_error_in_french(error)}) : "
                         "téléchargez-le avec les liens ci-dessous.")
        files.append(ExportedFile(kind, target.name, data, written))
    return ExportedBrief(tuple(files), folder, notice, tuple(missing))


def word_available() -> bool:
    """Whether the Word file can be made here (python-docx and lxml importable)."""
    return not (missing_library("docx") or missing_library("lxml"))
