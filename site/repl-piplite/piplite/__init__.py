"""Stands for piplite in the workshops' REPL (``make site`` ships it; see influence_workbook.authoring.site).

The kernel imports piplite as it starts and sets the attributes below; the real one imports micropip and
``unittest.mock`` (half a second of the workshop's start) for ``%pip``, which nobody can type in a workshop.
"""

from .piplite import install

__version__ = "0.0.0"
__all__ = ["__version__", "install"]
