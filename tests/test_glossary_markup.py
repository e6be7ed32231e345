"""The glossary reads as term, then definition, in the book AND in JupyterLab (issue 20, item 6).

The page uses Sphinx's ``{glossary}`` directive (chapters link to its terms with ``{term}``). In
JupyterLab, jupyterlab-myst shows the directive's body as Markdown: a term line followed directly by
its indented definition was one paragraph there (« Brief Document que la marque… »). Each term is
now a bold line, then an empty line, then the indented definition: Markdown shows two paragraphs,
and Sphinx's glossary still reads the term (its inline markup parsed) and its definition.
"""

from __future__ import annotations

import re
from pathlib import Path

from markdown_it import MarkdownIt

REPO = Path(__file__).resolve().parents[1]
GLOSSARY = REPO / "book" / "glossaire.md"


def _body() -> str:
    block = re.search(r"^```\{glossary\}\n(.*?)^```", GLOSSARY.read_text(encoding="utf-8"), re.MULTILINE | re.DOTALL)
    assert block, "glossaire.md uses the {glossary} directive"
    return "\n".join(line for line in block.group(1).splitlines() if not line.startswith(":"))


def _terms(body: str) -> list[str]:
    return [line for line in body.splitlines() if line.strip() and not line.startswith(" ")]


def test_each_term_is_a_bold_line_then_an_empty_line_then_its_indented_definition() -> None:
    lines = _body().splitlines()
    terms = _terms(_body())
    assert len(terms) >= 25
    for term in terms:
        assert re.fullmatch(r"\*\*[^*]+\*\*", term), term
        at = lines.index(term)
        assert lines[at + 1] == "" and lines[at + 2].startswith("  ") and lines[at + 2].strip(), term


def test_markdown_shows_each_term_apart_from_its_definition() -> None:
    """What jupyterlab-myst does with the directive's body: CommonMark paragraphs."""
    tokens = MarkdownIt("commonmark").parse(_body())
    paragraphs = [tokens[i + 1].content for i, token in enumerate(tokens) if token.type == "paragraph_open"]
    for term in _terms(_body()):
        assert term in paragraphs, f"{term} runs into the text after it"
        following = paragraphs[paragraphs.index(term) + 1]
        assert not following.startswith("**"), f"{term} has no definition of its own"
