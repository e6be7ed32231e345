"""The chapters' MyST, rewritten as plain Markdown for the live course (Voilà and JupyterLab).

The book is written in MyST: ``{cite}`key``` roles, ``{term}`` roles, ``:::{note}`` admonitions,
``{glossary}`` and ``{bibliography}`` directives. Sphinx renders them in the book; the live course
has no Sphinx. Voilà renders Markdown with nbconvert (plain CommonMark: MyST would show as raw
braces and backticks) and JupyterLab's MyST extension cannot read ``references.bib`` (a citation
showed as « ⓘ cuennet2023 »). So the learner's copies are rewritten once, when the workspace is
built: a citation becomes « (Cuennet, 2023) » linked to a bibliography page generated from the same
``references.bib``, a glossary term links to a glossary page, an admonition becomes a block quote
with its title in bold. Only the subset of MyST the course uses is handled; a test runs every
chapter through it and fails on a leftover role or directive.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from influence_workbook.paths import course_root

#: Titles of the admonitions without their own, as the book's French theme names them.
ADMONITION_TITLES = {
    "note": "Remarque",
    "tip": "Astuce",
    "important": "Important",
    "warning": "Attention",
    "caution": "Prudence",
    "attention": "Attention",
    "hint": "Indice",
    "seealso": "Voir aussi",
    "admonition": "",
}
#: The bibliography's sections, in the book's order (keywords of references.bib).
BIBLIOGRAPHY_FAMILIES = (
    ("source", "L'article source et ses références"),
    ("etudes", "Études et chiffres"),
    ("droit", "Droit et autorégulation"),
    ("pratique", "Pratique professionnelle et mesure"),
)

_ROLE = re.compile(r"\{(?P<role>cite(?::[pt])?|term|doc|ref)\}`(?P<body>[^`]*)`")
_COLON_FENCE = re.compile(r"^(?P<fence>:{3,})\{(?P<name>[a-z-]+)\}[ \t]*(?P<title>[^\n]*)$", re.MULTILINE)
_BACKTICK_FENCE = re.compile(r"^(?P<fence>`{3,})\{(?P<name>[a-z-]+)\}[ \t]*(?P<title>[^\n]*)$", re.MULTILINE)
_OPTION = re.compile(r"^:[a-z-]+:.*$")
_LABEL_WITH_TARGET = re.compile(r"^(?P<text>.*?)\s*<(?P<target>[^>]+)>$", re.DOTALL)


@dataclass(frozen=True)
class Reference:
    key: str
    authors: str  # « Cuennet », « De Veirman et al. », « HubSpot »
    year: str
    entry: str  # the full reference, as Markdown
    family: str


def _bib_text(value: str) -> str:
    """A BibTeX field as plain text: braces and the few escapes the file uses removed."""
    return re.sub(r"\s+", " ", value.replace("\\&", "&").replace("{", "").replace("}", "")).strip()


@cache
def references(bib_path: Path | None = None) -> Mapping[str, Reference]:
    """Every entry of ``book/references.bib``, keyed by its citation key."""
    from pybtex.database import parse_file  # only when a workspace is built

    path = bib_path if bib_path is not None else course_root() / "book" / "references.bib"
    database = parse_file(str(path), bib_format="bibtex")
    found: dict[str, Reference] = {}
    for key, entry in database.entries.items():
        people = entry.persons.get("author", [])
        last_names = [_bib_text(" ".join(person.prelast_names + person.last_names)) for person in people]
        if not last_names:
            authors = _bib_text(entry.fields.get("organization", entry.fields.get("publisher", key)))
        elif len(last_names) == 1:
            authors = last_names[0]
        elif len(last_names) == 2:
            authors = f"{last_names[0]} et {last_names[1]}"
        else:
            authors = f"{last_names[0]} et al."
        year = _bib_text(entry.fields.get("year", "s. d."))
        full_names = ", ".join(_bib_text(str(person)) for person in people) or authors
        parts = [f"{full_names} ({year}). *{_bib_text(entry.fields.get('title', key))}*."]
        for field in ("journal", "booktitle", "publisher", "institution", "howpublished"):
            if field in entry.fields:
                parts.append(f"{_bib_text(entry.fields[field])}.")
        if "doi" in entry.fields:
            doi = _bib_text(entry.fields["doi"])
            parts.append(f"DOI\u00a0: [{doi}](https://doi.org/{doi})")
        elif "url" in entry.fields:
            url = entry.fields["url"].strip()
            parts.append(f"<{url}>")
        if "note" in entry.fields:
            parts.append(f"({_bib_text(entry.fields['note'])})")
        family = _bib_text(entry.fields.get("keywords", "pratique")).split(",")[0].strip()
        found[key] = Reference(key, authors, year, " ".join(parts), family)
    return found


@dataclass(frozen=True)
class Links:
    """Where the rewritten page's links go, relative to the page itself."""

    bibliography: str = "bibliographie.ipynb"
    glossary: str = "glossaire.ipynb"
    #: A link target in the book (``../book/glossaire.md``) → its place in the live course, or
    #: ``None`` to keep only the link's text (a page the live course does not have).
    rewrite: Callable[[str], str | None] = lambda target: target


def _citation(role: str, body: str, links: Links) -> str:
    known = references()
    cited = []
    for key in (part.strip() for part in body.split(",") if part.strip()):
        reference = known.get(key)
        if reference is None:  # the book build fails on an unknown key; here, say the key
            cited.append(key)
        elif role == "cite:t":
            cited.append(f"[{reference.authors} ({reference.year})]({links.bibliography}#{key})")
        else:
            cited.append(f"[{reference.authors}, {reference.year}]({links.bibliography}#{key})")
    joined = "\u00a0; ".join(cited)
    return joined if role == "cite:t" else f"({joined})"


def _role(match: re.Match[str], links: Links) -> str:
    role, body = match["role"], match["body"]
    if role.startswith("cite"):
        return _citation(role, body, links)
    labelled = _LABEL_WITH_TARGET.match(body)
    text = labelled["text"] if labelled else body
    if role == "term":
        return f"[{text}]({links.glossary}#{anchor(labelled['target'] if labelled else body)})"
    return text  # {doc}, {ref}: their text; the pages they name are the book's


def anchor(term: str) -> str:
    """The HTML id of a glossary term or a heading: « Taux d'engagement » → « taux-d-engagement »."""
    import unicodedata

    folded = unicodedata.normalize("NFKD", term).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")


def _as_quote(name: str, title: str, body: str) -> str:
    """An admonition as a block quote: « > **Remarque.** » then its body, Markdown kept."""
    heading = title.strip() or ADMONITION_TITLES.get(name, name.capitalize())
    lines = [line for line in body.strip("\n").splitlines() if not _OPTION.match(line)]
    while lines and not lines[0].strip():
        lines.pop(0)
    quoted = [f"> **{heading}**", ">"] if heading else []
    quoted += [f"> {line}" if line.strip() else ">" for line in lines]
    return "\n".join(quoted)


def _directives(text: str, fence_pattern: re.Pattern[str], links: Links, keep_admonitions: bool) -> str:
    out: list[str] = []
    position = 0
    while True:
        opening = fence_pattern.search(text, position)
        if opening is None:
            out.append(text[position:])
            return "".join(out)
        fence = opening["fence"]
        closing = re.compile(rf"^{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$", re.MULTILINE)
        end = closing.search(text, opening.end())
        if end is None:  # not a directive after all: leave the rest as it is
            out.append(text[position:])
            return "".join(out)
        out.append(text[position : opening.start()])
        name, title = opening["name"], opening["title"]
        body = text[opening.end() : end.start()]
        # Directives nest (an admonition holding a code fence): rewrite the inside first.
        body = _directives(body, _COLON_FENCE, links, keep_admonitions)
        body = _directives(body, _BACKTICK_FENCE, links, keep_admonitions)
        if name == "glossary":
            out.append(_glossary_body(body))
        elif name == "bibliography":
            out.append("")  # the generated bibliography page lists every reference itself
        elif keep_admonitions and name in ADMONITION_TITLES:
            out.append(f"{opening.group(0)}{body}{end.group(0)}")
        else:
            out.append(_as_quote(name, title, body))
        position = end.end()


def _glossary_body(body: str) -> str:
    """``{glossary}`` entries (« **Terme** » then an indented definition) with an anchor each."""
    out: list[str] = []
    for block in re.split(r"\n\s*\n(?=\S)", body.strip("\n")):
        lines = [line for line in block.splitlines() if not _OPTION.match(line.strip())]
        if not lines:
            continue
        term = lines[0].strip().strip("*")
        definition = " ".join(line.strip() for line in lines[1:] if line.strip())
        if term and definition:
            out.append(f'<a id="{anchor(term)}"></a>**{term}**\u00a0: {definition}')
        elif term:
            out.append(f'<a id="{anchor(term)}"></a>**{term}**')
        else:
            out.append(definition)
    return "\n\n".join(out)


_LINK = re.compile(r"\]\((?P<target>[^)\s]+)\)")


def plain_markdown(text: str, links: Links | None = None, *, keep_admonitions: bool = False) -> str:
    """``text`` with the course's MyST rewritten as CommonMark (see the module's docstring).

    ``keep_admonitions`` keeps ``:::{note}`` blocks for renderers that know them (JupyterLab's
    MyST extension); roles are always rewritten.
    """
    links = links or Links()

    def relink(match: re.Match[str]) -> str:
        target = links.rewrite(match["target"])
        return f"]({target})" if target is not None else "]()"

    rewritten = _directives(text, _COLON_FENCE, links, keep_admonitions)
    rewritten = _directives(rewritten, _BACKTICK_FENCE, links, keep_admonitions)
    rewritten = _ROLE.sub(lambda match: _role(match, links), rewritten)
    rewritten = _LINK.sub(relink, rewritten)
    # A link whose page the live course lacks keeps its text only.
    return re.sub(r"\[([^\]]*)\]\(\)", r"\1", rewritten)


def leftover_myst(text: str) -> list[str]:
    """MyST constructs left in rewritten Markdown (a test asserts there are none)."""
    return [match.group(0) for match in re.finditer(r"\{[a-z:-]+\}`[^`]*`|^[:`]{3,}\{[a-z-]+\}.*$", text, re.MULTILINE)]


def bibliography_markdown(links: Links | None = None) -> str:
    """The bibliography page of the live course: every reference, under the book's four sections."""
    links = links or Links()
    intro = (course_root() / "book" / "bibliographie.md").read_text(encoding="utf-8")
    intro = intro.split("\n## ", 1)[0]
    sections = [plain_markdown(intro, links)]
    known = references()
    for family, title in BIBLIOGRAPHY_FAMILIES:
        entries = sorted((ref for ref in known.values() if ref.family == family), key=lambda r: (r.authors, r.year))
        if entries:
            items = "\n".join(f'- <a id="{html.escape(ref.key)}"></a>{ref.entry}' for ref in entries)
            sections.append(f"## {title}\n\n{items}")
    return "\n\n".join(sections) + "\n"


def book_page_markdown(name: str, links: Links | None = None) -> str:
    """A page of ``book/`` (glossary, data page, credits) rewritten for the live course."""
    text = (course_root() / "book" / name).read_text(encoding="utf-8")
    text = re.sub(r"<!--.*?-->", "", text, flags=re.DOTALL)
    return plain_markdown(text, links)
