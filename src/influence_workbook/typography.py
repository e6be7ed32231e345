"""French typography for learner-facing text: ordinary spaces where French wants non-breaking ones.

« guillemets », a space before : ; ! ?, « 20 % », « 1 000 € », « n° 1 ». :func:`fix` is applied to
every feedback message and quiz text at run time; it imports nothing heavy on purpose (it runs on a
learner's first click). :mod:`influence_workbook.authoring.typography` applies it to files.
Code spans, code blocks, URLs, MyST roles, HTML tags and maths are left alone.
"""

from __future__ import annotations

import re

NBSP = "\u00a0"
NNBSP = "\u202f"

# (pattern, replacement, description); each pattern matches an ordinary space in the wrong place.
_RULES: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (re.compile(r"« "), f"«{NBSP}", "espace insécable après « "),
    (re.compile(r" »"), f"{NBSP}»", "espace insécable avant »"),
    (
        re.compile(r"(?<=[\wÀ-ÿ»)\]*_`%€]) ([:;!?])(?=\s|$|[\"»)\]*_])"),
        f"{NBSP}\\1",
        "espace insécable avant : ; ! ?",
    ),
    (re.compile(r"(?<=\d) %"), f"{NNBSP}%", "espace insécable avant %"),
    (re.compile(r"(?<=\d) (€|CHF)"), f"{NBSP}\\1", "espace insécable avant € ou CHF"),
    (re.compile(r"(?<=\b\d) (\d{3})(?!\d)"), f"{NNBSP}\\1", "espace insécable entre milliers"),
    (re.compile(r"(?<=\b\d\d) (\d{3})(?!\d)"), f"{NNBSP}\\1", "espace insécable entre milliers"),
    (re.compile(r"(?<=\b\d\d\d) (\d{3})(?!\d)"), f"{NNBSP}\\1", "espace insécable entre milliers"),
    (re.compile(r"\bn° (?=\d)"), f"n°{NBSP}", "espace insécable après n°"),
)

# Spans never touched: fenced code, inline code, MyST roles and directives' options, links' targets,
# URLs, HTML tags, LaTeX maths.
_PROTECTED = re.compile(
    r"```.*?```|~~~.*?~~~|`[^`\n]*`|\{[a-z-]+\}`[^`]*`|\]\([^)]*\)|https?://\S+|<[^>\n]+>|\$[^$\n]+\$"
    r"|^:[a-z-]+:.*$|^```\{.*$",
    re.DOTALL | re.MULTILINE,
)


def _segments(text: str) -> list[tuple[bool, str]]:
    """Split text into (editable, piece) pairs around protected spans."""
    pieces: list[tuple[bool, str]] = []
    position = 0
    for match in _PROTECTED.finditer(text):
        pieces.append((True, text[position : match.start()]))
        pieces.append((False, match.group(0)))
        position = match.end()
    pieces.append((True, text[position:]))
    return pieces


def problems_in(text: str) -> list[str]:
    """Typography problems of a French text, each with a short excerpt to find it."""
    found = []
    for editable, piece in _segments(text):
        if not editable:
            continue
        for pattern, _replacement, description in _RULES:
            for match in pattern.finditer(piece):
                excerpt = piece[max(0, match.start() - 20) : match.end() + 20].replace("\n", " ")
                found.append(f"{description} : …{excerpt}…")
    return found


def fix(text: str) -> str:
    out = []
    for editable, piece in _segments(text):
        if editable:
            for pattern, replacement, _description in _RULES:
                piece = pattern.sub(replacement, piece)
        out.append(piece)
    return "".join(out)
