"""influence_workbook: the logic behind the course « Les 10 erreurs à éviter en marketing d'influence ».

Data, self-checks, scoring, exports and progress live here as plain, typed, tested Python;
the widgets in :mod:`influence_workbook.widgets` are a thin layer over them.
"""

__version__ = "0.1.0"

import logging as _logging

# A library never prints its own logs: unexpected errors in workshops are logged for developers
# (who can add a handler) but must never show up as a traceback under a learner's cell.
_logging.getLogger("influence_workbook").addHandler(_logging.NullHandler())
