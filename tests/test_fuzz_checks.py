"""Every public check answers anything a learner can type: a Feedback in French, never a raise.

Hypothesis generates what a learner may put in a field or an exercise cell (texts with emoji,
HTML, lone surrogates and huge lengths; integers of thousands of digits; NaN and infinities;
lists and dicts of those; NumPy and pandas values) and calls each public check with it, in each
argument a learner fills. Each answer must be a Feedback with items, whose French text shows no
Python representation (« None », « b'…' », « <NA> », « frozenset({…}) »…), within 200 ms of CPU
time, and no exception may have been caught by the guard (checks/guard.py: that fallback keeps
learners safe, it must not hide a bug). 500 inputs by default; ``-m slow`` runs 10 000.

Re-measure: ``.venv/bin/pytest -m slow tests/test_fuzz_checks.py -q -s`` prints the counts.
"""

from __future__ import annotations

import gc
import math
import re
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import influence_workbook.checks as checks
from influence_workbook.checks import guard
from influence_workbook.feedback import Feedback

CREATOR = {"display_name": "Léa Verdure", "handle": "@lea.verdure", "niche": "beaute",
           "recent_posts": ["Ma routine cheveux bouclés sans silicone"]}
# Chapter 7: three past collaborations of one creator, as data/collaborations.csv gives them.
RENEWAL_ROW = {"creator_id": "C0101", "brand": "Sève", "platform": "instagram", "start_date": "2026-01-05",
               "end_date": "2026-01-12", "fee_eur": 420, "product_value_eur": 48, "product_cost_eur": 30,
               "impressions": 52_000, "link_clicks": 900, "orders": 30, "revenue_eur": 1140.0,
               "deadline_met": True, "disclosure_ok": True, "payment_days": 21}
RENEWAL_ROWS = [{**RENEWAL_ROW, "start_date": f"2026-0{month}-05", "orders": orders}
                for month, orders in ((1, 30), (3, 22), (5, 14))]
RENEWAL_ANSWER = {"creator_id": "C0101", "decision": "ajuster",
                  "reason": "Le coût par vente passe de 15 € à 32,1 € : on ajuste, avec un contrat écrit."}
# Chapter 8: the learner's reading of the Rituel Avoine results.
RESULTS_ANSWER = {"kpi": "Commandes attribuées (ventes)", "cpa": "18,11 €", "roas": "2,17", "roi": "47 %",
                  "lift": "22,6 %", "emv": "a le pire coût par commande",
                  "limits": "Le dernier clic oublie ceux qui achètent plus tard.",
                  "verdict": "Objectif non atteint : 947 commandes sur 1 500."}
# Chapter 9: one offer per creator and the budget's lines.
OFFER = {"creator_id": "C0046", "deliverables": "1 Reel + 2 stories", "usage": "organique",
         "rights_duration": "3 mois", "territory": "France", "exclusivity": "", "fee": "90", "currency": "EUR",
         "gift_value": "24", "contract": False}
OFFERS = {"offers": [OFFER], "clauses": ["parties"], "payment_days": "30 jours", "contingency": "1500"}
# Chapter 10: a brief's parts, as the workshop builds them.
BRIEF = {"objective": "Conversion : 1 500 ventes d'ici fin juin 2027", "messages": "Se recharge\nFabriqué à Lyon",
         "timeline": "Premier jet le 26 février 2027 ; un tour ; publication du 15 au 31 mars 2027",
         "disclosure": "« Publicité » en tête de légende", "pay": "800 € HT selon le contrat signé"}
MAX_CPU_SECONDS = 0.2
DEFAULT_INPUTS = 500
SLOW_INPUTS = 10_000

# What a message may never show a learner: Python's own spelling of values and errors.
REPR = re.compile(
    r"\bNone\b|<object\b|\bb'|\bb\"|frozenset\(|\bset\(|<NA>|\bNaT\b|\bnan\b|\binf\b|\bTrue\b|\bFalse\b|"
    r"Traceback|Error\b|\bdtype\b|array\(|\bretouched\b|\bai_generated\b|: \[\]|\{\}|0x[0-9a-f]{6,}"
)

text = st.one_of(
    st.text(max_size=300),
    st.sampled_from(["", " ", "...", "<script>alert(1)</script>", "🎉" * 40, "\ud83d", "a\udc00b",
                     "Publicité", "20 %", "1 000 €", "x" * 25_000, "Ce n'est pas une publicité"]),
)
class HugeInt(int):
    """An integer of thousands of digits whose repr Python can print (``str()`` of one raises)."""

    def __repr__(self) -> str:
        return f"HugeInt({self.bit_length()} bits)"


number = st.one_of(st.integers(), st.integers(min_value=4300, max_value=4400).map(lambda n: HugeInt(10**n)),
                   st.just(10**400),
                   st.floats(allow_nan=True, allow_infinity=True), st.just(-1), st.just(0))
scalar = st.one_of(text, number, st.none(), st.just(...), st.booleans(), st.binary(max_size=40),
                   st.just(pd.NA), st.just(pd.NaT), st.just(object()), st.just(np.float64("nan")),
                   st.just(np.int64(3)))
learner_value = st.recursive(
    scalar,
    lambda children: st.one_of(st.lists(children, max_size=6), st.dictionaries(text, children, max_size=5),
                               st.frozensets(st.integers(), max_size=4), st.just(np.array([1.5, math.nan]))),
    max_leaves=12,
)

# A creator card as chapter 4's exercise gives one, with any field filled by a learner's value.
creator_card = st.fixed_dictionaries(
    {"display_name": st.one_of(st.just("Léa Verdure"), learner_value)},
    optional={"handle": learner_value, "followers": learner_value, "niche": learner_value,
              "language": learner_value, "recent_posts": learner_value, "creator_id": learner_value},
)

# Each check with the arguments a learner fills: (name, call(value) for each argument position).
CALLS: dict[str, list[Callable[[Any], Any]]] = {
    "check_objective": [lambda v: checks.check_objective(v), lambda v: checks.check_objective("Vendre", budget_eur=v)],
    "check_kpi_matching": [lambda v: checks.check_kpi_matching(v)],
    "check_shortlist": [lambda v: checks.check_shortlist(v), lambda v: checks.check_shortlist(["C0001"], v),
                        lambda v: checks.check_shortlist(["C0001"], None, v)],
    "check_concept": [lambda v: checks.check_concept(v), lambda v: checks.check_concept({"hook": v}),
                      lambda v: checks.check_concept({"cta": "Abonne-toi"}, v)],
    "check_outreach": [lambda v: checks.check_outreach(v, CREATOR), lambda v: checks.check_outreach("Bonjour", v),
                       lambda v: checks.check_outreach("Bonjour Léa", CREATOR, other_names=v)],
    # the creator card, each of its fields a learner's value (followers=inf once escaped the check)
    "check_outreach:card": [lambda card: checks.check_outreach("Bonjour Léa, ta routine m'a plu.", card)],
    "check_disclosure": [lambda v: checks.check_disclosure(v), lambda v: checks.check_disclosure("Publicité", v),
                         lambda v: checks.check_disclosure("Publicité", "FR", retouched=v)],
    "check_constraints": [lambda v: checks.check_constraints(v),
                          lambda v: checks.check_constraints({"must_have": v, "approval_rounds": v})],
    "check_outreach_batch": [lambda v: checks.check_outreach_batch(v)],
    "check_format_matching": [lambda v: checks.check_format_matching(v)],
    "check_giveaway_spotting": [lambda v: checks.check_giveaway_spotting(v)],
    "check_engagement_rate_answer": [
        lambda v: checks.check_engagement_rate_answer(v, likes=100, comments=10, followers=5_000),
        lambda v: checks.check_engagement_rate_answer("2 %", likes=v, comments=10, followers=5_000),
        lambda v: checks.check_engagement_rate_answer("2 %", likes=100, comments=10, followers=v)],
    "check_bought_followers_answer": [lambda v: checks.check_bought_followers_answer(v, []),
                                      lambda v: checks.check_bought_followers_answer("A", v)],
    "check_benchmark_choice": [lambda v: checks.check_benchmark_choice(v)],
    "check_campaign_caption": [lambda v: checks.check_campaign_caption(v),
                               lambda v: checks.check_campaign_caption("Publicité", ai_generated=v)],
    "check_classification": [lambda v: checks.check_classification(v, []),
                             lambda v: checks.check_classification({}, v),
                             lambda v: checks.check_classification({}, [], v)],
    "check_wording_classification": [lambda v: checks.check_wording_classification(v),
                                     lambda v: checks.check_wording_classification({}, v)],
    "check_renewal": [lambda v: checks.check_renewal(v, RENEWAL_ROWS),
                      lambda v: checks.check_renewal(RENEWAL_ANSWER, v),
                      lambda v: checks.check_renewal({"decision": "ajuster", "reason": v}, RENEWAL_ROWS),
                      lambda v: checks.check_renewal({**RENEWAL_ANSWER, "decision": v, "creator_id": v},
                                                     RENEWAL_ROWS),
                      lambda v: checks.check_renewal(RENEWAL_ANSWER, [*RENEWAL_ROWS[:2], {**RENEWAL_ROW, "fee_eur": v,
                                                     "orders": v, "start_date": v, "disclosure_ok": v}]),
                      lambda v: checks.check_renewal(RENEWAL_ANSWER, RENEWAL_ROWS, objective=v)],
    "check_brief": [lambda v: checks.check_brief(v),
                    lambda v: checks.check_brief({**BRIEF, "objective": v, "timeline": v, "pay": v}),
                    lambda v: checks.check_brief({key: v for key in BRIEF}),
                    lambda v: checks.check_brief(BRIEF, parts=v),
                    lambda v: checks.check_brief({**BRIEF, "disclosure": v, "rights": v, "deliverables": v},
                                                 parts=["disclosure", "rights", "deliverables"])],
    "check_results": [lambda v: checks.check_results(v),
                      lambda v: checks.check_results({**RESULTS_ANSWER, "cpa": v, "roas": v, "roi": v, "lift": v}),
                      lambda v: checks.check_results({**RESULTS_ANSWER, "kpi": v, "emv": v, "limits": v, "verdict": v}),
                      lambda v: checks.check_results(RESULTS_ANSWER, objective=v)],
    "check_offers": [lambda v: checks.check_offers(v),
                     lambda v: checks.check_offers({**OFFERS, "offers": [v]}),
                     lambda v: checks.check_offers({**OFFERS, "offers": [{**OFFER, "fee": v, "deliverables": v,
                                                                          "rights_duration": v, "territory": v}]}),
                     lambda v: checks.check_offers({**OFFERS, "offers": [{**OFFER, "exclusivity": v, "currency": v,
                                                                          "gift_value": v, "usage": v}]}),
                     lambda v: checks.check_offers({**OFFERS, "clauses": v, "payment_days": v, "contingency": v}),
                     lambda v: checks.check_offers(OFFERS, v),
                     lambda v: checks.check_offers(OFFERS, [{"creator_id": "C0046", "platform": v, "avg_views": v,
                                                             "fee_per_post_eur": v, "creator_country": v}])],
}
TALLY: Counter[str] = Counter()


def test_every_public_check_is_fuzzed() -> None:
    assert sorted({name.split(":")[0] for name in CALLS}) == sorted(checks.__all__)


def learner_text(feedback: Feedback) -> str:
    return "\n".join([feedback.headline, *feedback.tips,
                      *(f"{item.label} {item.message} {item.read_more or ''}" for item in feedback.items)])


def learner_strings(value: Any) -> list[str]:
    """The texts inside a learner's value: a check may quote them back, and a learner may well type
    « None » or « False » (what the detector looks for is Python's own spelling, not the learner's)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, bytes):
        return [value.decode("utf-8", "replace")]
    if isinstance(value, dict):
        return [text for pair in value.items() for part in pair for text in learner_strings(part)]
    if isinstance(value, list | tuple | frozenset | set):
        return [text for item in value for text in learner_strings(item)]
    return []


def judge_one(name: str, position: int, value: Any) -> None:
    caught_before = len(guard.CAUGHT)
    # The cycle collector is paused while the check runs: a full collection of the garbage Hypothesis
    # itself piles up (100+ ms, seen once in 10 000 calls) is not the check's own time.
    gc.disable()
    try:
        start = time.process_time()
        feedback = CALLS[name][position](value)
        elapsed = time.process_time() - start
    finally:
        gc.enable()
    TALLY["inputs"] += 1
    assert isinstance(feedback, Feedback) and feedback.items, f"{name}: no feedback for {value!r:.80}"
    assert len(guard.CAUGHT) == caught_before, f"{name} raised {guard.CAUGHT[-1][1]!r} on {value!r:.80}"
    shown = learner_text(feedback)
    for text in sorted(learner_strings(value), key=len, reverse=True):
        if len(text.strip()) >= 3:
            shown = shown.replace(text.strip()[:200], " ")
    leaked = REPR.search(shown)
    assert leaked is None, f"{name} shows « {leaked.group(0)} » for {value!r:.80}: {shown[:300]}"
    assert elapsed <= MAX_CPU_SECONDS, f"{name} took {elapsed * 1000:.0f} ms of CPU for {value!r:.80}"
    TALLY["worst_ms"] = max(TALLY["worst_ms"], round(elapsed * 1000))
    TALLY[f"worst_ms:{name}"] = max(TALLY[f"worst_ms:{name}"], round(elapsed * 1000))


def warm_up() -> None:
    """A few calls per check first: loading a chapter's sample data (the posts of check_classification,
    the creators of check_shortlist) and the modules a check imports on first use (chapter 1's reader for
    a shortlist's objective) belong to opening the chapter, not to each answer's 200 ms."""
    for name, calls in CALLS.items():
        for call in calls:
            for value in (None, "Conversion : 1 500 ventes d'ici fin juin 2027 auprès des 18-34 ans", {"a": "b"}):
                call(value if not name.endswith(":card") else {"display_name": value})


def fuzz(examples: int) -> None:
    warm_up()
    positions = [(name, position) for name, calls in CALLS.items() for position in range(len(calls))]

    @settings(max_examples=examples, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(st.sampled_from(positions), st.data())
    def run(where: tuple[str, int], data: st.DataObject) -> None:
        value = data.draw(creator_card if where[0].endswith(":card") else learner_value)
        judge_one(*where, value)

    run()
    worst = sorted(((ms, key.split(":", 1)[1]) for key, ms in TALLY.items() if key.startswith("worst_ms:")),
                   reverse=True)
    print(f"\nfuzzed {TALLY['inputs']} inputs, {len(guard.CAUGHT)} exceptions caught, "
          f"worst CPU time {TALLY['worst_ms']} ms; slowest checks: "
          + ", ".join(f"{name} {ms} ms" for ms, name in worst[:4]))


def test_public_checks_answer_any_learner_input() -> None:
    fuzz(DEFAULT_INPUTS)


@pytest.mark.slow
def test_public_checks_answer_ten_thousand_learner_inputs() -> None:
    fuzz(SLOW_INPUTS)


def test_the_guard_records_what_it_catches() -> None:
    """Positive control: an exception inside a guarded check is answered in French and recorded."""

    @guard.learner_check("probe")
    def broken(answer: object) -> Feedback:
        raise ZeroDivisionError("boom")

    before = len(guard.CAUGHT)
    feedback = broken("x")
    assert feedback.is_input_problem and "vérifiée" in feedback.items[0].message
    assert len(guard.CAUGHT) == before + 1
    del guard.CAUGHT[before:]


def test_the_repr_detector_sees_python_values() -> None:
    """Positive control for REPR: each of the issue's leaks is seen."""
    for leak in ("None", "b'<script>'", "<object object at 0x7f3a2b1c>", "frozenset({1})", "<NA>", "NaT",
                 "Lettres inconnues ignorées : []", "retouched", "environ nan %"):
        assert REPR.search(leak), leak
    assert REPR.search("Publicité : Réussi (3/3 critères).") is None


def test_every_public_check_is_guarded() -> None:
    unguarded = [name for name in checks.__all__ if not hasattr(getattr(checks, name), "__wrapped_check__")]
    assert unguarded == []
