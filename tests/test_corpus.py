"""Each check agrees with a trainer on answers somebody else wrote (tests/corpus/*.yaml)."""

from __future__ import annotations

import pytest

from influence_workbook.authoring.agreement import CORPUS_DIR, Case, all_cases, judge, load

CASES = list(all_cases())
assert CASES, f"no corpus in {CORPUS_DIR}: the agreement tests would test nothing"


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.source)
def test_check_agrees_with_the_trainer(case: Case) -> None:
    verdict = judge(case)
    assert verdict.agrees, f"{case.source} ({case.expect}: {case.why}) {verdict.reason}\n{case.answer!r}"


@pytest.mark.parametrize("path", sorted(CORPUS_DIR.glob("*.yaml")), ids=lambda path: path.stem)
def test_each_corpus_is_balanced_and_large_enough(path) -> None:  # type: ignore[no-untyped-def]
    cases = load(path)
    good = sum(case.expect == "good" for case in cases)
    assert len(cases) >= 40, f"{path.name}: {len(cases)} answers, at least 40 are needed"
    assert 0.4 <= good / len(cases) <= 0.6, f"{path.name}: {good} good answers of {len(cases)}"


def test_a_bad_answer_must_fail_for_its_stated_reason(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Positive control: a case that fails on another criterion than its label does not agree."""
    corpus = tmp_path / "probe.yaml"
    corpus.write_text(
        "check: check_objective\ncases:\n"
        "  - answer: \"Notoriété : 200 000 personnes touchées d'ici fin juin 2027 auprès des 18-34 ans de Lyon\"\n"
        "    expect: bad\n    fails: audience\n    why: probe\n",
        encoding="utf-8",
    )
    (case,) = load(corpus)
    assert not judge(case).agrees


def test_every_public_check_has_a_corpus() -> None:
    import influence_workbook.checks as checks

    covered = {case.check for case in CASES}
    assert sorted(set(checks.__all__) - covered) == [], "public checks without a labelled corpus"
