"""The criteria of each workshop's self-check, read from the checks themselves, for the instructor guide.

The guide's grading rubric (``book/guide-enseignant.md``) lists, per workshop step, every criterion its
check can report, with the label the learner reads. The list is *generated*: each check is run on its
labelled corpus (``tests/corpus/<name>.yaml``, good and bad answers for each criterion) and the
criteria of the verdicts are gathered in the order the check reports them. The table sits in the guide
between two markers; ``python -m influence_workbook.authoring.rubric`` rewrites it (idempotent) and
``--check`` exits 1 when it is stale (``tests/test_teacher_kit.py`` runs the same check).

:data:`WORKSHOP_CHECKS` says which public check judges each saved step: a chapter that registers its
steps in :mod:`influence_workbook.chapters` adds its line here (a test fails until it does).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from influence_workbook.authoring.typography import fix_text
from influence_workbook.chapters import CHAPTERS, Chapter
from influence_workbook.paths import course_root

#: (chapter key, step) -> the public check (``influence_workbook.checks``) whose verdict the step saves.
WORKSHOP_CHECKS: dict[tuple[str, str], str] = {
    ("ch01", "objective"): "check_objective",
    ("ch02", "shortlist"): "check_shortlist",
    ("ch03", "concept"): "check_concept",
    ("ch04", "outreach"): "check_outreach",
    ("ch05", "classification"): "check_classification",
    ("ch05", "caption"): "check_campaign_caption",
    ("ch06", "constraints"): "check_constraints",
    ("ch07", "renewal"): "check_renewal",
    ("ch08", "results"): "check_results",
    ("ch09", "offers"): "check_offers",
    ("ch10", "brief"): "check_brief",
}
#: Criteria made one per item judged (``creator:C0153``, ``post:P01632``): listed once, as a family.
FAMILIES: dict[str, str] = {
    "creator": "Chaque créateur retenu : engagement, audience et tarif sans signal d'alerte (un critère par créateur)",
    "post": "Chaque publication : le verdict attendu, avec sa raison (un critère par publication à classer)",
}
GUIDE = Path("book") / "guide-enseignant.md"
START = "<!-- grille-criteres:debut (généré par python -m influence_workbook.authoring.rubric) -->"
END = "<!-- grille-criteres:fin -->"


@dataclass(frozen=True)
class Criterion:
    criterion: str  # the stable id the verdict and the progress file carry
    label: str  # what the learner reads


def check_criteria(check: str) -> list[Criterion]:
    """Every criterion ``check`` reports on its corpus, in the order of its verdicts (input problems left out)."""
    from influence_workbook.authoring.agreement import CORPUS_DIR, judge, load

    order: dict[str, str] = {}
    for path in sorted(CORPUS_DIR.glob("*.yaml")):
        cases = load(path)
        if not cases or cases[0].check != check:
            continue
        for case in cases:
            feedback = judge(case).feedback
            if feedback is None or feedback.is_input_problem:
                continue
            for item in feedback.items:
                family = family_of(item.criterion)
                if family is not None:
                    order.setdefault(f"{family}:…", FAMILIES[family])
                else:
                    order.setdefault(item.criterion, item.label)
    return [Criterion(criterion, label) for criterion, label in order.items()]


def family_of(criterion: str) -> str | None:
    """``creator`` for ``creator:C0153``: the family of a criterion made one per item, else None."""
    prefix, _, item = criterion.partition(":")
    return prefix if prefix in FAMILIES and re.fullmatch(r"[A-Z]\d{3,}", item) else None


def workshop_steps(chapters: Iterable[Chapter] = CHAPTERS) -> list[tuple[Chapter, str]]:
    """Every saved step of the available chapters, in course order."""
    return [(chapter, step) for chapter in chapters if chapter.available for step in chapter.steps]


def rubric_markdown() -> str:
    """The generated part of the guide: one table per workshop step, its criteria and what each level means."""
    from influence_workbook.course_progress import STEP_LABELS

    parts = []
    for chapter, step in workshop_steps():
        check = WORKSHOP_CHECKS.get((chapter.key, step))
        if check is None:
            raise KeyError(f"no check known for {chapter.key}/{step}: add it to WORKSHOP_CHECKS")
        criteria = check_criteria(check)
        name = STEP_LABELS.get((chapter.key, step))
        title = f"Chapitre {chapter.number} : {chapter.workshop}" + (f" ({name})" if name else "")
        count = f"{len(criteria)} critère" + ("s" if len(criteria) > 1 else "")
        lines = [f"### {title}", "",
                 f"Vérification `{check}`, étape enregistrée `{chapter.key}/{step}` ({count}).", "",
                 "| Critère, tel que l'apprenant le lit | Identifiant (rapport de la classe) |",
                 "|---|---|"]
        for criterion in criteria:
            label = criterion.label.replace("|", "\\|")
            lines.append(f"| {label} | `{criterion.criterion}` |")
        parts.append("\n".join(lines))
    return fix_text("\n\n".join(parts))


def _guide_path(root: Path | None = None) -> Path:
    return (root or course_root()) / GUIDE


def refreshed_guide(text: str) -> str:
    """The guide's text with its generated table rewritten."""
    if START not in text or END not in text:
        raise ValueError(f"{GUIDE}: the markers {START!r} and {END!r} are missing")
    head, rest = text.split(START, 1)
    _old, tail = rest.split(END, 1)
    return f"{head}{START}\n\n{rubric_markdown()}\n\n{END}{tail}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="exit 1 when the guide's table is stale")
    args = parser.parse_args(argv)
    path = _guide_path()
    text = path.read_text(encoding="utf-8")
    fresh = refreshed_guide(text)
    if args.check:
        if fresh != text:
            print(f"{path}: la grille des critères n'est plus à jour ; lancez "
                  "python -m influence_workbook.authoring.rubric", file=sys.stderr)
            return 1
        return 0
    if fresh != text:
        path.write_text(fresh, encoding="utf-8")
        print(f"{path}: grille des critères réécrite")
    return 0


if __name__ == "__main__":
    sys.exit(main())
