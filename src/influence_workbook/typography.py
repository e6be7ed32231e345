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


def _protected_spans(text: str) -> list[tuple[int, int]]:
    return [match.span() for match in _PROTECTED.finditer(text)]


def _in_protected(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < stop and begin < end for begin, stop in spans)


def problems_in(text: str) -> list[str]:
    """Typography problems of a French text, each with a short excerpt to find it.

    Rules look at the whole text, so that a space right after a protected span is still seen:
    « {cite}`x` : », « [lien](page.md) : » want a non-breaking space as much as « mot : » does.
    What they would change must lie outside the protected spans.
    """
    found = []
    spans = _protected_spans(text)
    for pattern, _replacement, description in _RULES:
        for match in pattern.finditer(text):
            if _in_protected(match.start(), match.end(), spans):
                continue
            excerpt = text[max(0, match.start() - 20) : match.end() + 20].replace("\n", " ")
            found.append(f"{description} : …{excerpt}…")
    return found


def fix(text: str) -> str:
    # Every rule swaps one space for one non-breaking space: positions, hence protected spans, stay put.
    spans = _protected_spans(text)
    for pattern, replacement, _description in _RULES:

        def substitute(match: re.Match[str], replacement: str = replacement) -> str:
            if _in_protected(match.start(), match.end(), spans):
                return match.group(0)
            return match.expand(replacement)

        text = pattern.sub(substitute, text)
    return text


# One apostrophe for learner text: the straight one, as typed on every keyboard and used by the
# chapters. Not part of fix(): runtime messages keep what their authors wrote; the authoring tool
# (influence_workbook.authoring.typography) checks and straightens the course's files.
CURLY_APOSTROPHE = "\u2019"


def apostrophe_problems(text: str) -> list[str]:
    """Curly apostrophes outside protected spans, each with a short excerpt to find it."""
    spans = _protected_spans(text)
    return [
        "apostrophe droite attendue : …" + text[max(0, i - 20) : i + 20].replace("\n", " ") + "…"
        for i, char in enumerate(text)
        if char == CURLY_APOSTROPHE and not _in_protected(i, i + 1, spans)
    ]


def straighten_apostrophes(text: str) -> str:
    spans = _protected_spans(text)
    return "".join(
        "'" if char == CURLY_APOSTROPHE and not _in_protected(i, i + 1, spans) else char
        for i, char in enumerate(text)
    )

