"""influence_workbook: the logic behind the course « Les 10 erreurs à éviter en marketing d'influence ».

Data, self-checks, scoring, exports and progress live here as plain, typed, tested Python;
the widgets in :mod:`influence_workbook.widgets` are a thin layer over them.
"""

__version__ = "0.1.0"
