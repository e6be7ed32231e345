"""Plain-language error messages in French for the exercise notebooks (after Data 8's hints).

Learners who do not code make a few classic slips: a text without quotes (NameError), an
unclosed quote or bracket (SyntaxError), a value of the wrong kind (TypeError). Instead of a
Python traceback, :func:`plain_language_errors` makes IPython print what happened and how to
fix it, in French, with the one-line technical detail for the curious.
"""

from __future__ import annotations

import re
import sys
from types import TracebackType
from typing import Any

from influence_workbook.feedback import escape

_HINTS: dict[type[BaseException], str] = {
    NameError: (
        "Python ne connaît pas le mot {name}. Pour écrire un texte, mettez-le entre guillemets : "
        "\"{bare}\". Si c'est le nom d'une variable, exécutez d'abord la cellule qui la définit."
    ),
    TypeError: (
        "Une valeur n'est pas du bon type (par exemple un nombre là où un texte est attendu). "
        "Vérifiez que chaque réponse est écrite comme dans l'exemple de la consigne."
    ),
    # Before ValueError, of which it is a kind.
    UnicodeError: (
        "Un caractère n'a pas pu être lu (souvent un émoji coupé lors d'un copier-coller). "
        "Retapez le passage concerné."
    ),
    ValueError: "Une valeur n'est pas acceptée. Relisez la consigne : le format attendu y est donné en exemple.",
    KeyError: "Un nom demandé n'existe pas dans la liste. Recopiez-le exactement depuis la consigne.",
    AttributeError: "Ce nom n'existe pas pour cet objet. Vérifiez l'orthographe en la comparant à la consigne.",
    OverflowError: (
        "Un nombre est trop grand pour être calculé. Vérifiez qu'il n'y a pas de zéros en trop ; "
        "écrivez les grands nombres sans espaces, par exemple 15000."
    ),
    RecursionError: (
        "Une valeur s'appelle elle-même sans fin (une liste qui se contient, par exemple). "
        "Reprenez la réponse sous la forme simple de l'exemple de la consigne."
    ),
}
SYNTAX_HINT = (
    "Python n'a pas pu lire la cellule : il manque sans doute un guillemet, une parenthèse ou "
    "une virgule. Comparez votre ligne avec l'exemple de la consigne."
)


def hint_for(error: BaseException) -> str:
    """The French explanation for an error a learner may meet in an exercise."""
    if isinstance(error, SyntaxError):
        return SYNTAX_HINT
    for kind, template in _HINTS.items():
        if isinstance(error, kind):
            bare = ""
            match = re.search(r"name '([^']+)' is not defined", str(error))
            if match:
                bare = match.group(1)
            return template.format(name=f"« {bare} »" if bare else "utilisé", bare=bare or "…")
    return (
        "Une erreur inattendue s'est produite. Relancez la cellule ; si elle persiste, "
        "signalez-la à votre formateur ou formatrice avec le détail ci-dessous."
    )


def _show(error: BaseException) -> None:
    from IPython.display import HTML, display

    detail = f"{type(error).__name__} : {error}"
    display(
        HTML(
            '<div class="iw-notice" role="alert"><strong>Oups !</strong> '
            f"{escape(hint_for(error))}<br><small>Détail technique : {escape(detail)}</small></div>"
        )
    )


def plain_language_errors() -> None:
    """Replace tracebacks by French hints in this IPython session (a notebook's first cell calls it).

    Returns nothing on purpose, so that the call shows no output in the notebook.
    """
    install_hints()


def install_hints() -> bool:
    """Install the French hints; True when an IPython shell was found, False outside IPython."""
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell: Any = get_ipython()
    if shell is None:
        return False

    def handler(
        _shell: Any,
        _kind: type[BaseException],
        error: BaseException,
        _tb: TracebackType | None,
        tb_offset: int | None = None,
    ) -> None:
        _show(error)

    shell.set_custom_exc(tuple(_HINTS), handler)

    def show_syntax_error(*_args: Any, **_kwargs: Any) -> None:
        error = sys.exc_info()[1] or SyntaxError("")
        _show(error)

    shell.showsyntaxerror = show_syntax_error
    return True
