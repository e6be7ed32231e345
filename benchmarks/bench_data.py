"""The course data: generating the sample files, and importing a learner's CSV.

* ``generate.build_files()``: every sample table, as ``make data`` writes them (seeded, so the
  same work each time);
* ``read_creators_csv``: the sample creators exported as French Excel does (``;`` and decimal
  commas, UTF-8 with BOM), read back by the course importer, as the chapter-2 « Importer » button does.

Median of RUNS runs, after one warm-up. Run: ``python -m benchmarks data``.
"""

from __future__ import annotations

from collections.abc import Callable

from benchmarks.timing import median_ms

RUNS = 5


def main() -> None:
    from influence_workbook.data import generate
    from influence_workbook.data.importer import read_creators_csv
    from influence_workbook.data.load import load_creators

    creators = load_creators()
    excel = creators.to_csv(sep=";", decimal=",", index=False).encode("utf-8-sig")
    imported = read_creators_csv(excel)
    assert len(imported.data) == len(creators), imported.report()  # the timing is of a real import
    print(f"Median of {RUNS} runs:")
    rows: list[tuple[str, Callable[[], object]]] = [
        ("generate.build_files()", generate.build_files),
        (f"read_creators_csv, {len(creators)} rows", lambda: read_creators_csv(excel)),
    ]
    for name, function in rows:
        print(f"  {name:<34} {median_ms(function, RUNS, warmup=1):8.1f} ms")
