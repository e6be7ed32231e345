"""The certificate of completion: how long « Obtenir mon attestation » takes, and « Mon parcours ».

A learner who completed every available chapter (a throw-away progress file) gets the PDF made
(fonts embedded), the issuance recorded and the file written; the first call pays for importing
fpdf2 and reading the fonts. « Mon parcours » is read at every visit of the home page.

Run with ``python -m benchmarks certificate``.
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from benchmarks.timing import median_ms

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

RUNS = 15


def main() -> None:
    from influence_workbook.certificate import certificate_code, certificate_pdf, issue_certificate
    from influence_workbook.course_progress import course_progress
    from influence_workbook.progress import ProgressStore
    from test_course_progress import complete

    with tempfile.TemporaryDirectory(prefix="iw-bench-certificate-") as folder:
        store = ProgressStore(Path(folder) / "progression.json")
        complete(store)
        started = time.perf_counter()
        issued = issue_certificate(store, "Camille Martin", today=date(2026, 12, 7))
        first = 1000 * (time.perf_counter() - started)
        print(f"first issuance (imports fpdf2, reads the fonts, records, writes): {first:7.1f} ms, "
              f"PDF {len(issued.pdf) / 1024:.0f} KiB")
        facts = issued.facts
        print(f"PDF alone, median of {RUNS}:                                   "
              f"{median_ms(lambda: certificate_pdf(facts, certificate_code(facts)), RUNS, 1):7.1f} ms")
        again = median_ms(lambda: issue_certificate(store, "Camille Martin", today=date(2026, 12, 7)), RUNS, 1)
        print(f"issuance again (same facts: not recorded twice), median of {RUNS}:  {again:7.1f} ms")
        print(f"« Mon parcours » read (every chapter, quizzes scored), median of {RUNS}: "
              f"{median_ms(lambda: course_progress(store), RUNS, 1):7.1f} ms")
