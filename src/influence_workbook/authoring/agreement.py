"""How often each check agrees with a trainer: labelled corpora of learners' answers, judged.

Each check has a corpus in ``tests/corpus/<name>.yaml``: answers written the way learners write
(tu and vous, typos, no accents, Swiss French, other brands and platforms), each labelled by a
person as ``good`` (the check must pass it) or ``bad`` for one stated reason (the check must fail
it *on that criterion*). ``tests/test_corpus.py`` asserts every verdict; ``make bench`` prints the
agreement per check (``python -m influence_workbook.authoring.agreement`` too).

A corpus file::

    check: check_objective          # a public name of influence_workbook.checks
    kwargs: {}                      # optional, passed to every case (dates as YYYY-MM-DD)
    cases:
      - answer: "Vendre 1 200 coffrets … avant le 30 avril 2027, auprès des 20-30 ans de Suisse romande"
        expect: good
        why: the sales KPI makes the conversion stage clear
      - answer: "Notoriété : 200 000 personnes touchées d'ici juin 2027 auprès des jeunes"
        expect: bad
        fails: audience             # the criterion that must fail
        why: « les jeunes » says neither age, place nor interest
        kwargs: {}                  # optional, per case; ``campaign:`` takes a home-page answer
"""

from __future__ import annotations

import inspect
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

import influence_workbook.checks as checks
from influence_workbook.campaign import campaign_from_answer
from influence_workbook.feedback import Feedback
from influence_workbook.paths import course_root

CORPUS_DIR = course_root() / "tests" / "corpus"
#: The day every corpus is judged on, so that deadlines read the same whatever the calendar says.
CORPUS_TODAY = date(2026, 12, 1)


@dataclass(frozen=True)
class Case:
    check: str
    answer: Any
    expect: str  # "good" or "bad"
    fails: tuple[str, ...]
    why: str
    kwargs: Mapping[str, Any] = field(default_factory=dict)
    source: str = ""

    @property
    def ident(self) -> str:
        return f"{self.source}:{str(self.answer)[:50]}"


@dataclass(frozen=True)
class Judgement:
    case: Case
    feedback: Feedback | None  # None when the check raised (the reason says what)
    agrees: bool
    reason: str


def _arguments(raw: Mapping[str, Any]) -> dict[str, Any]:
    arguments = dict(raw)
    if "campaign" in arguments:
        campaign = campaign_from_answer(arguments["campaign"])
        if campaign is None:
            raise ValueError(f"corpus campaign is not usable: {arguments['campaign']!r}")
        arguments["campaign"] = campaign
    for key in ("today",):
        if isinstance(arguments.get(key), str):
            arguments[key] = date.fromisoformat(arguments[key])
    return arguments


def load(path: Path) -> list[Case]:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    check = document["check"]
    shared = document.get("kwargs") or {}
    cases = []
    for number, raw in enumerate(document["cases"], start=1):
        expect = raw["expect"]
        if expect not in {"good", "bad"}:
            raise ValueError(f"{path.name} case {number}: expect must be good or bad, not {expect!r}")
        fails = raw.get("fails") or ()
        fails = (fails,) if isinstance(fails, str) else tuple(fails)
        if expect == "bad" and not fails:
            raise ValueError(f"{path.name} case {number}: a bad answer names the criterion it fails")
        cases.append(Case(check, raw["answer"], expect, fails, str(raw.get("why", "")),
                          {**shared, **(raw.get("kwargs") or {})}, f"{path.stem}#{number}"))
    return cases


def all_cases(directory: Path = CORPUS_DIR) -> Iterator[Case]:
    for path in sorted(directory.glob("*.yaml")):
        yield from load(path)


def judge(case: Case) -> Judgement:
    function = getattr(checks, case.check)
    arguments = _arguments(case.kwargs)
    if "today" not in arguments and "today" in inspect.signature(function).parameters:
        arguments["today"] = CORPUS_TODAY
    try:
        feedback = function(case.answer, **arguments)
    except Exception as error:  # a check that raises disagrees, and the report says why
        return Judgement(case, None, False, f"raised {type(error).__name__}: {error}")
    failed = {item.criterion for item in feedback.items if not item.ok}
    if case.expect == "good":
        agrees = feedback.passed
        reason = "" if agrees else "failed " + ", ".join(sorted(failed))
    else:
        agrees = bool(set(case.fails) & failed)
        failed_names = ", ".join(sorted(failed)) or "nothing"
        reason = "" if agrees else f"expected to fail {', '.join(case.fails)}; failed {failed_names}"
    return Judgement(case, feedback, agrees, reason)


def agreement(directory: Path = CORPUS_DIR) -> dict[str, tuple[int, int, int, int]]:
    """Per corpus file: (agreed, total, good answers agreed, bad answers agreed)."""
    table: dict[str, list[int]] = {}
    for case in all_cases(directory):
        row = table.setdefault(case.source.split("#")[0], [0, 0, 0, 0])
        verdict = judge(case)
        row[0] += verdict.agrees
        row[1] += 1
        row[2 if case.expect == "good" else 3] += verdict.agrees
    return {name: (row[0], row[1], row[2], row[3]) for name, row in table.items()}


def report(directory: Path = CORPUS_DIR) -> str:
    lines = [f"{'corpus':<28} {'agreement':>9} {'answers':>8} {'good ok':>8} {'bad ok':>7}"]
    for name, (agreed, total, good, bad) in agreement(directory).items():
        lines.append(f"{name:<28} {agreed / total:>8.1%} {total:>8} {good:>8} {bad:>7}")
    return "\n".join(lines)


if __name__ == "__main__":
    print(report(Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS_DIR))
