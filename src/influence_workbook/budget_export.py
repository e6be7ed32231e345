"""Chapter 9's budget as files an agency opens: an Excel workbook (.xlsx) and a French CSV.

Both hold the same table: one line per offer (creator, contents, rights, fee in the offer's currency and in
the campaign's, products at cost, the justified range, the written contract), then the contingency, the
total, the envelope and what is left, and notes (amounts excluding tax, VAT rates, the CHF rate). They open
in Excel and LibreOffice with French decimals:

- the CSV is UTF-8 with a byte-order mark (Excel reads the accents), ``;`` between fields and a decimal
  comma, numbers without thousands separators so that both programs read them as numbers;
- the workbook stores numbers as numbers, with a display format; text is text.

Learner text is never a formula: a cell that would start with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return (what spreadsheets read as a formula, OWASP's « CSV injection ») is written with a leading apostrophe,
and in the workbook it is typed as a string. :func:`export_budget` writes both files beside the learner's
progress file (folder :data:`FOLDER`), like the certificate, and returns them for download from the page.
"""

from __future__ import annotations

import csv
import io
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from influence_workbook import clock
from influence_workbook.checks.pay import Plan, gift_cost, range_text
from influence_workbook.learner_files import write_atomically
from influence_workbook.pay import EUR_TO_CHF, PLATFORM_NAMES, USAGE_LABELS, VAT_RATES, convert
from influence_workbook.progress import ProgressStore, os_error_in_french
from influence_workbook.text import fold, format_date
from influence_workbook.typography import fix

LOGGER = logging.getLogger("influence_workbook")

#: Where the files are written, beside the progress file (the certificates go to « attestations »).
FOLDER = "budgets"
#: What a spreadsheet reads as the start of a formula (OWASP: CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv"
#: Longer learner texts are cut in the files (a cell holds 32 767 characters; nobody reads more than this).
MAX_CELL_CHARS = 500

Cell = str | float | int | None


def neutralise(text: str) -> str:
    """Learner text made safe for a spreadsheet: a leading apostrophe before what would start a formula.

    >>> neutralise("=HYPERLINK(\\"http://x\\")")
    '\\'=HYPERLINK("http://x")'
    >>> neutralise("1 Reel + 2 stories")
    '1 Reel + 2 stories'
    """
    text = text[:MAX_CELL_CHARS]
    return "'" + text if text.startswith(FORMULA_STARTS) else text


@dataclass(frozen=True)
class BudgetTable:
    """The budget as rows of cells: a title block, the header, one row per offer, the totals, notes."""

    title: tuple[tuple[Cell, ...], ...]
    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    totals: tuple[tuple[Cell, ...], ...]
    notes: tuple[str, ...]
    money_columns: tuple[int, ...]


def _money(value: float | None) -> float | None:
    return None if value is None else round(float(value), 2)


def budget_table(plan: Plan, *, today: date | None = None) -> BudgetTable:
    """The table both files hold, from a plan read by :func:`~influence_workbook.checks.pay.read_plan`."""
    campaign = plan.campaign
    currency = plan.currency
    title: list[tuple[Cell, ...]] = [
        (f"Budget créateurs : {campaign.brand.name}, « {campaign.name} »",),
        ("Enveloppe", _money(plan.envelope), currency),
        ("Établi le", format_date(today or clock.today())),
    ]
    header = ("Créateur", "Plateforme", "Pays", "Contenus", "Droits", "Durée des droits", "Territoire",
              "Exclusivité", "Devise de l'offre", "Cachet HT", "Produits offerts (valeur HT)",
              f"Cachet HT ({currency})", f"Produits : coût et envoi ({currency})", f"Total de la ligne ({currency})",
              "Fourchette justifiée", "Contrat écrit obligatoire", "Contrat écrit prévu")
    rows: list[tuple[Cell, ...]] = []
    for offer in plan.offers:
        fee_here = convert(offer.fee or 0.0, offer.shown_currency, currency)
        gifts_here = gift_cost(convert(offer.gift or 0.0, offer.shown_currency, currency), campaign)
        rows.append((
            offer.name, PLATFORM_NAMES.get(offer.platform, offer.platform), offer.country, offer.deliverables_text,
            USAGE_LABELS.get(offer.usage or "", offer.usage or ""), offer.rights_text, offer.territory_text,
            offer.exclusivity_text if offer.exclusivity.present else "aucune", offer.shown_currency,
            _money(offer.fee), _money(offer.gift),
            _money(fee_here), _money(gifts_here), _money(fee_here + gifts_here),
            range_text(offer).replace("\u00a0", " ").replace("\u202f", " ") if offer.range else "",
            "oui" if offer.contract_required() else "non", "oui" if offer.contract else "non",
        ))
    left = plan.envelope - plan.total
    totals: list[tuple[Cell, ...]] = [
        ("Cachets", _money(plan.fees_total)),
        ("Produits offerts (coût et envoi)", _money(plan.gifts_cost)),
        ("Imprévus", _money(plan.contingency or 0.0)),
        ("Total", _money(plan.total)),
        ("Enveloppe", _money(plan.envelope)),
        ("Reste" if left >= 0 else "Dépassement", _money(abs(left))),
    ]
    notes = (
        f"Montants hors taxes, en {currency} sauf les colonnes « Cachet HT » et « Produits offerts », dans la devise "
        "de l'offre.",
        f"TVA éventuelle en plus : {round(100 * VAT_RATES['FR'])} % en France, "
        f"{str(100 * VAT_RATES['CH']).replace('.', ',')} % en Suisse, si le créateur y est assujetti.",
        f"Conversion au taux indicatif du cours : 1 € = {str(EUR_TO_CHF).replace('.', ',')} CHF, à vérifier le jour "
        "de l'offre.",
        "Produits offerts : comptés à leur valeur pour le créateur et le seuil du contrat écrit (1 000 € HT par an et "
        "par annonceur, décret n° 2025-1137), à leur coût dans le budget.",
    )
    return BudgetTable(tuple(title), header, tuple(rows), tuple(totals), notes, (9, 10, 11, 12, 13))


def _text_cell(value: Cell) -> Cell:
    return neutralise(fix(value)) if isinstance(value, str) else value


def _csv_value(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, float | int) and not isinstance(value, bool):
        return f"{value:.2f}".replace(".", ",")
    return str(_text_cell(value))


def budget_csv(table: BudgetTable) -> bytes:
    """The table as a French CSV: UTF-8 with BOM, ``;`` separators, decimal commas, CRLF line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    for line in (*table.title, (), table.header, *table.rows, (), *table.totals, (), *((n,) for n in table.notes)):
        writer.writerow([_csv_value(value) for value in line])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def budget_xlsx(table: BudgetTable) -> bytes:
    """The table as an Excel workbook: numbers as numbers (French display), text as text, nothing evaluated."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Budget"
    money_format = '#,##0.00'
    bold = Font(bold=True)

    def put(row: int, values: Sequence[Cell], *, header: bool = False, money: Sequence[int] = ()) -> None:
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=row, column=column)
            if isinstance(value, str):
                cell.value = _text_cell(value)
                cell.data_type = "s"  # a string, whatever it starts with: never a formula
            elif value is not None:
                cell.value = value
                if column - 1 in money or (not header and isinstance(value, float)):
                    cell.number_format = money_format
            if header:
                cell.font = bold
                cell.alignment = Alignment(wrap_text=True, vertical="top")

    row = 1
    for line in table.title:
        put(row, line)
        row += 1
    sheet.cell(row=1, column=1).font = Font(bold=True, size=13)
    row += 1
    header_row = row
    put(row, table.header, header=True)
    row += 1
    for line in table.rows:
        put(row, line, money=table.money_columns)
        row += 1
    row += 1
    for line in table.totals:
        put(row, line)
        sheet.cell(row=row, column=1).font = bold
        row += 1
    row += 1
    for note in table.notes:
        put(row, (note,))
        row += 1
    widths = [24, 11, 7, 26, 30, 14, 18, 22, 10, 12, 14, 14, 16, 16, 18, 12, 12]
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=2)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@dataclass(frozen=True)
class BudgetExport:
    """The two files, their names, where they were written (None if not) and a French notice if writing failed."""

    xlsx: bytes
    csv: bytes
    stem: str
    folder: Path | None
    notice: str | None

    @property
    def xlsx_name(self) -> str:
        return f"{self.stem}.xlsx"

    @property
    def csv_name(self) -> str:
        return f"{self.stem}.csv"


def file_stem(plan: Plan, today: date) -> str:
    """« budget-seve-rituel-avoine-2026-12-07 »: ASCII, safe in any file system."""
    slug = re.sub(r"[^a-z0-9]+", "-", fold(f"{plan.campaign.brand.name} {plan.campaign.name}")).strip("-")[:50]
    return f"budget-{slug.strip('-') or 'campagne'}-{today.isoformat()}"


def export_budget(plan: Plan, store: ProgressStore | None = None, *, today: date | None = None) -> BudgetExport:
    """Build both files and write them in the learner's folder (beside the progress file).

    Writing may fail (read-only disk, no room): the files are still returned for download, with a French
    notice saying where and why they could not be kept.
    """
    day = today or clock.today()
    table = budget_table(plan, today=day)
    xlsx, csv_bytes = budget_xlsx(table), budget_csv(table)
    stem = file_stem(plan, day)
    base = getattr(store, "base", store) or ProgressStore()
    folder = Path(base.path).parent / FOLDER
    try:
        write_atomically(folder / f"{stem}.xlsx", xlsx)
        write_atomically(folder / f"{stem}.csv", csv_bytes)
    except OSError as error:
        LOGGER.warning("could not write the budget in %s", folder, exc_info=True)
        notice = fix(f"Le budget n'a pas pu être enregistré dans « {folder} » ({os_error_in_french(error)}) : "
                     "téléchargez-le avec les liens ci-dessous.")
        return BudgetExport(xlsx, csv_bytes, stem, None, notice)
    return BudgetExport(xlsx, csv_bytes, stem, folder, None)


def rows_of(data: bytes) -> list[list[str]]:
    """A CSV written by :func:`budget_csv`, read back (tests and the exercise use it)."""
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


__all__ = ["FOLDER", "BudgetExport", "BudgetTable", "budget_csv", "budget_table", "budget_xlsx", "export_budget",
           "neutralise", "rows_of"]
