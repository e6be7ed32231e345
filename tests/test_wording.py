"""French wording slips a reader noticed (issue 20, item 6), caught where they are written and where
they are computed: « Suisse n'a pas… » without its article, « 5 ou plus tours de validation »."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from influence_workbook.checks import check_constraints
from influence_workbook.checks.disclosure import check_disclosure

REPO = Path(__file__).resolve().parents[1]

#: Where learner-facing French is written: the package, the notebooks and their quizzes, the book.
SOURCES = (
    *sorted((REPO / "src" / "influence_workbook").rglob("*.py")),
    *sorted((REPO / "notebooks").rglob("*.ipynb")),
    *sorted((REPO / "notebooks").rglob("*.json")),
    *sorted((REPO / "exercises").glob("*.ipynb")),
    *sorted((REPO / "book").glob("*.md")),
)

#: A country named as the subject of a sentence takes its article (« la Suisse n'a pas… »), and
#: « ou plus » follows the noun it counts (« 5 tours de validation ou plus »).
SLIPS = {
    "country without its article": re.compile(
        r"(?<![Ll]a )(?<![Ll]a\u00a0)\b(?:Suisse|France|Belgique)\s+n['’](?:a|est|impose|exige|prévoit)\b"),
    "« ou plus » before its noun": re.compile(r"\b\d+\s+ou\s+plus\s+(?:tours?|jours?|créateurs?|messages?)\b"),
}


def _text(path: Path) -> str:
    raw = path.read_text(encoding="utf-8")
    if path.suffix in {".ipynb", ".json"}:  # quiz texts are stored with \u escapes
        return json.dumps(json.loads(raw), ensure_ascii=False)
    return raw


@pytest.mark.parametrize("name", sorted(SLIPS))
def test_no_source_writes_the_slip(name: str) -> None:
    pattern = SLIPS[name]
    found = [f"{path.relative_to(REPO)}: {match.group(0)}"
             for path in SOURCES for match in pattern.finditer(_text(path))]
    assert not found, found


@pytest.mark.parametrize("name", sorted(SLIPS))
def test_the_patterns_catch_the_reported_sentences(name: str) -> None:
    reported = {"country without its article": "Suisse n'a pas de règle équivalente",
                "« ou plus » before its noun": "5 ou plus tours de validation"}
    assert SLIPS[name].search(reported[name])
    assert not SLIPS[name].search("la Suisse n'a pas de règle équivalente ; 5 tours de validation ou plus")


def test_five_or_more_rounds_reads_in_french_order() -> None:
    feedback = check_constraints({
        "must_have": "Le shampooing se recharge en magasin\nMention « Collaboration commerciale » en tête",
        "forbidden_claims": "Pas de promesse médicale.",
        "script": "Points clés à couvrir",
        "approval_rounds": "5 ou plus",
        "draft_due": "26 février 2027",
        "publication_window": "du 15 au 31 mars 2027",
        "creative_freedom": "Le ton, l'angle, le décor et le montage : c'est toi qui décides.",
    }, today=date(2026, 11, 28))
    rounds = next(item for item in feedback.items if item.criterion == "approval_rounds")
    assert not rounds.ok
    assert "5 tours de validation ou plus" in rounds.message
    assert not SLIPS["« ou plus » before its noun"].search(feedback.to_text())


def test_the_french_image_rule_tip_names_switzerland_with_its_article() -> None:
    text = check_disclosure("Publicité : ma routine du soir avec @seve", "CH", retouched=True).to_text()
    assert "en Suisse" in text
    assert not SLIPS["country without its article"].search(text)
