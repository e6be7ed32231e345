"""How long each text self-check of the course takes on a 5 000- and a 100 000-character French text.

A learner clicks « Vérifier » and expects an answer at once: every check must stay in the
milliseconds. Each check is run many times on the same long, realistic French text (accents,
« », non-breaking spaces, « 1 000 € », emoji, line breaks) and the median time is printed.

Run: ``.venv/bin/python -m benchmarks checks``.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from benchmarks.timing import median_ms

TEXT_LENGTH = 5_000
RUNS = 60
HUGE_TEXT_LENGTH = 100_000
HUGE_TEXT_RUNS = 5
WARMUP = 3
FIRST_CALL_RUNS = 3

_PARAGRAPH = (
    "Bonjour Léa,\n\nJe m’appelle Camille et je m’occupe des partenariats de Sève, une marque "
    "lyonnaise de cosmétiques solides. J’ai regardé ta vidéo sur le masque à l’argile verte pour cuir "
    "chevelu sensible 🌿 : ta façon d’expliquer chaque ingrédient nous a parlé, parce que c’est aussi "
    "notre obsession. Objectif de conversion : 1\u202f500 ventes d’ici fin juin 2027 auprès des 18-34 ans "
    "en France et en Suisse romande. Nous proposons une vidéo et deux stories publiées en mars 2027, "
    "rémunérées 1\u202f000\u00a0€, avec « ton regard et tes mots » ; la mention « Publicité » figure en "
    "tête de légende. #RituelAvoine @seve.cosmetiques\n"
)


def french_text(length: int = TEXT_LENGTH) -> str:
    """A realistic French text of exactly ``length`` characters."""
    repeated = _PARAGRAPH * (length // len(_PARAGRAPH) + 1)
    return repeated[:length]


def text_checks(text: str) -> dict[str, Callable[[], object]]:
    """The text checks of the course, each bound to ``text`` (a new text check gets its line here)."""
    from influence_workbook.checks.brief import check_brief
    from influence_workbook.checks.concept import check_concept
    from influence_workbook.checks.constraints import check_constraints
    from influence_workbook.checks.disclosure import check_campaign_caption, check_disclosure
    from influence_workbook.checks.objective import check_objective
    from influence_workbook.checks.outreach import EXAMPLE_CREATOR, check_outreach
    from influence_workbook.checks.partnerships import check_renewal
    from influence_workbook.checks.pay import check_offers
    from influence_workbook.checks.results import check_results

    fields = {
        "must_have": text,
        "forbidden_claims": text,
        "script": "Points clés à couvrir",
        "approval_rounds": 1,
        "draft_due": "15/02/2027",
        "publication_window": "du 15 au 31 mars 2027",
        "creative_freedom": text,
    }
    share = len(text) // len(CONCEPT_FIELDS)  # the canvas's fields share the text between them
    return {
        "check_objective": lambda: check_objective(text),
        "check_outreach": lambda: check_outreach(text, EXAMPLE_CREATOR),
        "check_disclosure": lambda: check_disclosure(text),
        "check_constraints": lambda: check_constraints(fields),
        "check_concept": lambda: check_concept({key: text[:share] for key in CONCEPT_FIELDS}),
        "check_campaign_caption": lambda: check_campaign_caption(text),
        "check_renewal": lambda: check_renewal({"creator_id": "C0101", "decision": "ajuster", "reason": text},
                                               RENEWAL_ROWS),
        "check_results": lambda: check_results({**RESULTS_FIGURES, "limits": text, "verdict": text}),
        "check_brief": lambda: check_brief(text),  # a whole brief pasted as one text (bench_brief: a real one)
        # four offers, the text in each free field (each is read on its first 500 characters)
        "check_offers": lambda: check_offers({**OFFERS_LINES, "offers": [
            {**offer, "deliverables": text, "rights_duration": text, "territory": text, "exclusivity": text}
            for offer in OFFERS]}, OFFER_PROFILES),
    }


#: Chapter 9: four offers as the workshop collects them, with the creators' profiles it passes (no data load).
OFFERS = [{"creator_id": f"C{n:04d}", "usage": "publicite", "fee": "1 200", "currency": "EUR", "gift_value": "24",
           "contract": True} for n in range(1, 5)]
OFFER_PROFILES = [{"creator_id": f"C{n:04d}", "display_name": f"Créatrice {n}", "platform": "instagram",
                   "creator_country": "FR", "avg_views": 14_000, "fee_per_post_eur": 450} for n in range(1, 5)]
OFFERS_LINES = {"clauses": ["parties", "missions", "remuneration", "ip", "french_law", "rights"],
                "payment_days": "30 jours", "contingency": "1 500"}


#: Chapter 8: the figures and choices of a learner's reading of the Rituel Avoine launch (texts added above).
RESULTS_FIGURES = {"kpi": "Commandes attribuées (ventes)", "cpa": "18,11 €", "roas": "2,17", "roi": "47 %",
                   "lift": "22,6 %", "emv": "a le pire coût par commande"}


#: Chapter 7: one creator's six collaborations, as data/collaborations.csv gives them.
RENEWAL_ROWS = [
    {"creator_id": "C0101", "brand": "Sève", "platform": "instagram", "start_date": f"2026-{month:02d}-05",
     "end_date": f"2026-{month:02d}-12", "fee_eur": 420, "product_value_eur": 48, "product_cost_eur": 30,
     "impressions": 52_000 - 3_000 * month, "link_clicks": 900, "orders": orders, "revenue_eur": 38.0 * orders,
     "deadline_met": True, "disclosure_ok": month != 5, "payment_days": 21}
    for month, orders in ((1, 30), (3, 24), (5, 17), (7, 11), (9, 12), (11, 9))
]

CONCEPT_FIELDS = ("angle", "platform", "format", "details", "hook", "creator_role", "cta", "measurement")


def first_call_ms(name: str, length: int = TEXT_LENGTH) -> float:
    """A check's very first call in a fresh Python (module import excluded, first-use work included),
    as a learner's first « Vérifier » pays it."""
    code = (
        "import time, sys\n"
        "from benchmarks.bench_checks import french_text, text_checks\n"
        f"function = text_checks(french_text({length}))[{name!r}]\n"
        "start = time.perf_counter(); function(); print((time.perf_counter() - start) * 1000)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            cwd=Path(__file__).resolve().parents[1])
    return float(result.stdout.strip().splitlines()[-1])


def main() -> None:
    # A realistic long answer, then a pasted 100 000-character text (what the limits are for).
    for length, runs in ((TEXT_LENGTH, RUNS), (HUGE_TEXT_LENGTH, HUGE_TEXT_RUNS)):
        text = french_text(length)
        print(f"Median of {runs} runs on a {len(text)}-character French text:")
        for name, function in text_checks(text).items():
            print(f"  {name:<24} {median_ms(function, runs, WARMUP):8.2f} ms")
    print(f"First call in a fresh Python, {TEXT_LENGTH}-character text (median of {FIRST_CALL_RUNS} processes):")
    for name in text_checks("x"):
        times = sorted(first_call_ms(name) for _ in range(FIRST_CALL_RUNS))
        print(f"  {name:<24} {times[len(times) // 2]:8.2f} ms")
