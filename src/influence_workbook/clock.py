"""Today's date for the checks, which can be frozen for reproducible notebooks and tests.

Deadlines such as « d'ici fin juin 2027 » are judged against today. Stored notebook outputs
(compared by nbval) and tests must not change with the calendar, so the environment variable
``INFLUENCE_WORKBOOK_TODAY`` (ISO date, e.g. 2026-11-28) freezes it; learners never set it.
"""

from __future__ import annotations

import os
from datetime import date


def today() -> date:
    frozen = os.environ.get("INFLUENCE_WORKBOOK_TODAY", "").strip()
    if frozen:
        try:
            return date.fromisoformat(frozen)
        except ValueError:
            pass  # a malformed override must not break a learner's workshop: use the real date
    return date.today()
