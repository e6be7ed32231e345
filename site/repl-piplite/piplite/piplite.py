"""What JupyterLite's kernel sets as it starts, and an ``install`` that says the workshops install nothing."""

from typing import Any

_PIPLITE_URLS: list[str] = []
_PIPLITE_INDICES: dict[str, Any] = {}
_PIPLITE_DISABLE_PYPI = True


async def install(*args: Any, **kwargs: Any) -> None:
    raise RuntimeError("Les ateliers en ligne n'installent aucun paquet : ouvrez un exercice pour écrire votre "
                       "propre code.")
