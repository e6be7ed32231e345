"""How often each self-check agrees with a trainer on answers written by others (tests/corpus/*.yaml).

Each corpus holds realistic learners' answers, labelled good or bad for one stated reason;
``tests/test_corpus.py`` asserts every verdict, this prints the agreement per check.

Run: ``.venv/bin/python -m benchmarks agreement``.
"""

from __future__ import annotations

from influence_workbook.authoring.agreement import report


def main() -> None:
    print(report())
