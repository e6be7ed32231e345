"""Self-checks: plain functions returning a :class:`~influence_workbook.feedback.Feedback`.

The same functions serve the widgets, the exercise notebooks and the tests. Each chapter's
checks live in their own module; the public names are importable from here, loaded on first
use so that a notebook pays only for the chapter it opens.
"""

from __future__ import annotations

import importlib
from typing import Any

_PUBLIC = {
    "check_objective": "objective",
    "check_kpi_matching": "objective",
    "check_shortlist": "shortlist",
    "check_concept": "concept",
    "check_outreach": "outreach",
    "check_disclosure": "disclosure",
    "check_constraints": "constraints",
    "check_outreach_batch": "outreach",
    "check_format_matching": "concept",
    "check_giveaway_spotting": "concept",
    "check_engagement_rate_answer": "shortlist",
    "check_bought_followers_answer": "shortlist",
    "check_benchmark_choice": "shortlist",
    "check_campaign_caption": "disclosure",
    "check_classification": "disclosure",
    "check_wording_classification": "disclosure",
    "check_renewal": "partnerships",
    "check_results": "results",
    "check_brief": "brief",
    "check_offers": "pay",
}

__all__ = sorted(_PUBLIC)


def __getattr__(name: str) -> Any:
    if name in _PUBLIC:
        module = importlib.import_module(f"influence_workbook.checks.{_PUBLIC[name]}")
        return getattr(module, name)
    raise AttributeError(f"module 'influence_workbook.checks' has no attribute {name!r}")


def __dir__() -> list[str]:
    return __all__
