"""Chapter 9: how long the budget's export takes (.xlsx and .csv), and reading a plan of many offers.

« Exporter le budget » builds both files and writes them beside the progress file; a learner waits for it.
The first export in a fresh Python pays openpyxl's import; later ones do not. Printed: the median of the
export of a four-creator budget (files built and written), the first export in a fresh Python, and
:func:`read_plan` + :func:`judge_plan` on 4 and 20 offers (the most a page shows is 8; the check reads 20).

Run: ``.venv/bin/python -m benchmarks budget``.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.timing import median_ms

RUNS = 20
WARMUP = 2


def _answer(count: int) -> dict[str, object]:
    offers = [{"creator_id": f"C{n:04d}", "deliverables": "1 Reel + 2 stories", "usage": "publicite",
               "rights_duration": "3 mois", "territory": "France et Suisse", "exclusivity": "shampooings, 3 mois",
               "fee": "=1200", "currency": "EUR", "gift_value": "24", "contract": True} for n in range(1, count + 1)]
    return {"offers": offers, "clauses": ["parties", "missions", "remuneration", "ip", "french_law", "rights"],
            "payment_days": "30 jours", "contingency": "1 500"}


def _profiles(count: int) -> list[dict[str, object]]:
    return [{"creator_id": f"C{n:04d}", "display_name": f"Créatrice {n}", "platform": "instagram",
             "creator_country": "FR", "avg_views": 14_000, "fee_per_post_eur": 450} for n in range(1, count + 1)]


FIRST_EXPORT = (
    "import time, tempfile\n"
    "from pathlib import Path\n"
    "from benchmarks.bench_budget import _answer, _profiles\n"
    "from influence_workbook.checks.pay import read_plan\n"
    "from influence_workbook.progress import ProgressStore\n"
    "plan = read_plan(_answer(4), _profiles(4))\n"
    "folder = tempfile.mkdtemp()\n"
    "start = time.perf_counter()\n"
    "from influence_workbook.budget_export import export_budget\n"
    "export_budget(plan, ProgressStore(Path(folder) / 'progression.json'))\n"
    "print((time.perf_counter() - start) * 1000)\n"
)


def main() -> None:
    from influence_workbook.budget_export import export_budget
    from influence_workbook.checks.pay import judge_plan, read_plan
    from influence_workbook.progress import ProgressStore

    with tempfile.TemporaryDirectory() as folder:
        store = ProgressStore(Path(folder) / "progression.json")
        plan = read_plan(_answer(4), _profiles(4))
        timing = median_ms(lambda: export_budget(plan, store), RUNS, WARMUP)
        print(f"  export, 4 creators (.xlsx + .csv, written)  {timing:8.2f} ms")
    first = subprocess.run([sys.executable, "-c", FIRST_EXPORT], capture_output=True, text=True, check=True,
                           cwd=Path(__file__).resolve().parents[1])
    print(f"  first export in a fresh Python (openpyxl import included)  {float(first.stdout.strip()):8.2f} ms")
    for count in (4, 20):
        answer, profiles = _answer(count), _profiles(count)
        timing = median_ms(lambda answer=answer, profiles=profiles: judge_plan(read_plan(answer, profiles)),  # type: ignore[misc]
                           RUNS, WARMUP)
        print(f"  read and judge {count:>2} offers                    {timing:8.2f} ms")
