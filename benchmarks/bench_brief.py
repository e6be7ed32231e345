"""Chapter 10: ``check_brief`` on a 20 000-character brief pasted as one text, and the export's time.

The brief is an agency's Markdown brief with its sixteen headings, each part written out at length
(about 1 250 characters a part), so that every part is read as a learner's long brief is. The export
writes the three files (Word, Markdown, PDF) of the same brief into a temporary folder; its first call
in a fresh Python pays for importing python-docx and fpdf2 and for reading the PDF's font, as a
learner's first « Exporter » does.

Run: ``.venv/bin/python -m benchmarks brief``.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

from benchmarks.timing import median_ms

BRIEF_LENGTH = 20_000
CHECK_RUNS = 30
EXPORT_RUNS = 5
WARMUP = 2
DAY = date(2026, 12, 7)

PARTS_TEXT = {
    "contacts": "Julie Martin, cheffe de projet influence chez Sève : julie.martin@seve.fr, 06 12 34 56 78. ",
    "brand": "Sève est née à Lyon en 2021 ; ses cosmétiques solides sont fabriqués dans notre atelier. "
             "Ton : complice et sans jargon, on te tutoie. ",
    "product": "Rituel Avoine : shampooing solide à l'avoine, 24 €, 60 lavages par pain (test interne sur 30 "
               "volontaires). ",
    "objective": "Conversion : 1 500 ventes d'ici fin juin 2027 auprès des 18-34 ans. ",
    "reporting": "Lien UTM et code LEA15 ; captures des statistiques (vues, clics, ventes) à J+7 et J+30. ",
    "audience": "18-34 ans, en France et en Suisse romande, sensibles au zéro déchet. ",
    "concept": "Ta routine du dimanche : le pain remplace ton flacon ; c'est toi qui décides du ton et du décor. ",
    "messages": "Le shampooing se recharge en magasin ; fabriqué à Lyon. ",
    "cta": "@seve #RituelAvoine, lien en bio seve.fr/rituel, découvre le coffret. ",
    "deliverables": "1 Reel de 30 à 45 s, sous-titré, en ligne au moins 6 mois. ",
    "timeline": "Premier jet le 26 février 2027 ; un tour de retours ; publication du 15 au 31 mars 2027 ; "
                "paiement à 30 jours. ",
    "disclosure": "« Collaboration commerciale avec @seve » en tête de légende et à l'image. ",
    "forbidden": "Aucune promesse médicale ; pas de « écologique » ; musique de la bibliothèque commerciale. ",
    "rights": "Reprise du Reel pendant 6 mois en France et en Suisse ; pas d'exclusivité ; pas de sponsorisation. ",
    "pay": "Cachet de 800 € HT et coffret offert (60 €), selon le contrat signé. ",
    "approvals": "Julie Martin valide ; en cas de crise, Marc Duval au 06 98 76 54 32. ",
}


def long_brief(length: int = BRIEF_LENGTH) -> str:
    """An agency's Markdown brief of about ``length`` characters: sixteen headings, each part at length."""
    from influence_workbook.checks.brief import PART_BY_KEY

    share = length // len(PARTS_TEXT)
    sections = []
    for key, text in PARTS_TEXT.items():
        heading = f"## {PART_BY_KEY[key].label}\n"
        body = (text * (share // len(text) + 1))[: share - len(heading) - 2]
        sections.append(heading + body + "\n")
    return ("\n".join(sections))[:length]


def first_export_ms() -> float:
    """« Exporter »'s first call in a fresh Python (imports of python-docx and fpdf2 included)."""
    code = (
        "import time, tempfile\n"
        "from datetime import date\nfrom pathlib import Path\n"
        "from benchmarks.bench_brief import PARTS_TEXT\n"
        "from influence_workbook.campaign import SEVE\n"
        "start = time.perf_counter()\n"
        "from influence_workbook.brief_export import export_brief\n"
        "with tempfile.TemporaryDirectory() as folder:\n"
        "    export_brief(PARTS_TEXT, SEVE, Path(folder), today=date(2026, 12, 7))\n"
        "print((time.perf_counter() - start) * 1000)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            cwd=Path(__file__).resolve().parents[1])
    return float(result.stdout.strip().splitlines()[-1])


def main() -> None:
    from influence_workbook.brief_export import brief_docx, brief_markdown, brief_pdf, export_brief
    from influence_workbook.campaign import SEVE
    from influence_workbook.checks import check_brief
    from influence_workbook.reading import read

    text = long_brief()

    def uncached() -> object:
        read.cache_clear()  # each « Vérifier » on an edited brief reads new text
        return check_brief(text, today=DAY)

    print(f"check_brief on a {len(text)}-character Markdown brief (median of {CHECK_RUNS}): "
          f"{median_ms(uncached, CHECK_RUNS, WARMUP):.1f} ms")
    mapping = {key: value * 8 for key, value in PARTS_TEXT.items()}  # the workshop's sixteen fields, long
    print(f"check_brief on the workshop's sixteen fields, {sum(map(len, mapping.values()))} characters: "
          f"{median_ms(lambda: (read.cache_clear(), check_brief(mapping, today=DAY)), CHECK_RUNS, WARMUP):.1f} ms")
    for name, function in (("Word (.docx)", brief_docx), ("Markdown (.md)", brief_markdown), ("PDF", brief_pdf)):
        elapsed = median_ms(lambda f=function: f(PARTS_TEXT, SEVE, today=DAY), EXPORT_RUNS, 1)  # type: ignore[misc]
        print(f"  export to {name:<15} {elapsed:8.1f} ms")
    with tempfile.TemporaryDirectory() as folder:
        total = median_ms(lambda: export_brief(PARTS_TEXT, SEVE, Path(folder), today=DAY), EXPORT_RUNS, 1)
    print(f"  « Exporter » (three files written) {total:8.1f} ms")
    print(f"  « Exporter », first call in a fresh Python {first_export_ms():8.1f} ms")
