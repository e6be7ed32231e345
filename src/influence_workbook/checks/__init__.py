"""Self-checks: plain functions returning a :class:`~influence_workbook.feedback.Feedback`.

The same functions serve the widgets, the exercise notebooks and the tests.
"""

from influence_workbook.checks.objective import check_kpi_matching, check_objective

__all__ = ["check_kpi_matching", "check_objective"]
