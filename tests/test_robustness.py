"""Every public self-check answers junk with a French Feedback: it never raises on learner input."""

from __future__ import annotations

import math
from typing import Any

import pytest

import influence_workbook.checks as checks
from influence_workbook.feedback import Feedback

JUNK: list[Any] = [
    None, ..., "", "   ", "…", "x" * 100_000, "<script>alert(1)</script>", "🎉" * 500, 42, -1, 0, 2.5,
    math.nan, math.inf, True, [], {}, [None], {"a": None}, object(), b"\xff\xfe", "\x00\x01",
]
# A valid companion for the checks that take a second argument, so the junk is tested alone.
CREATOR = {"display_name": "Léa Verdure", "handle": "@lea.verdure", "niche": "beaute",
           "recent_posts": ["Ma routine cheveux bouclés sans silicone"]}


def call(name: str, value: Any) -> Any:
    function = getattr(checks, name)
    if name == "check_outreach":
        return function(value, CREATOR)
    if name == "check_engagement_rate_answer":
        return function(value, likes=100, comments=10, followers=5_000)
    if name == "check_bought_followers_answer":
        return function(value, [])
    if name == "check_classification":
        from influence_workbook.checks.disclosure import sample_cases

        return function(value, sample_cases())
    return function(value)


@pytest.mark.parametrize("name", checks.__all__)
@pytest.mark.parametrize("value", JUNK, ids=lambda v: repr(v)[:20])
def test_public_check_answers_junk_in_french(name: str, value: Any) -> None:
    feedback = call(name, value)
    assert isinstance(feedback, Feedback)
    assert feedback.items, f"{name}({value!r:.30}) returned no item"
    assert not (feedback.passed and value in (None, ..., "")), f"{name} passed an empty answer"
    for item in feedback.items:
        assert item.message.strip() and "Traceback" not in item.message


def test_outreach_with_junk_creator_is_explained() -> None:
    for creator in JUNK:
        feedback = checks.check_outreach("Bonjour Léa, j'adore ta routine…", creator)
        assert isinstance(feedback, Feedback) and feedback.items
