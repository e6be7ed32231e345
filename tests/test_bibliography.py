"""Every reference a learner can follow (issue 24): authors, year, title, publisher or journal, and
an address (URL or DOI); every entry sorted into a section of the bibliography page; DOIs and URLs
that look like what they are. Read with pybtex, the parser the book's bibliography uses."""

from __future__ import annotations

import re

import pytest
from pybtex.database import BibliographyData, Entry, parse_file

from influence_workbook.paths import course_root

BIB = course_root() / "book" / "references.bib"
SECTIONS = {"source", "etudes", "droit", "pratique"}
PUBLISHER_FIELDS = ("journal", "booktitle", "publisher", "institution", "howpublished", "school")
# A year, or « s. d. » (sans date) for a page that states none: saying so is better than guessing.
YEAR = re.compile(r"^(?:1[89]|20)\d\d$|^s\. d\.$")
DOI = re.compile(r"^10\.\d{4,9}/\S+$")
URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$")
# The one reference whose address nobody recorded: the course's source article, handed to the
# authors as a text file. Adding an entry here needs a reason.
NO_ADDRESS_KNOWN = {"cuennet2023": "article source remis sous forme de fichier ; adresse d'origine non connue"}


@pytest.fixture(scope="module")
def bibliography() -> BibliographyData:
    return parse_file(str(BIB), bib_format="bibtex")


def _entries(data: BibliographyData) -> list[tuple[str, Entry]]:
    return sorted(data.entries.items())


def test_the_bibliography_parses_and_is_not_empty(bibliography: BibliographyData) -> None:
    assert len(bibliography.entries) >= 40


def test_every_entry_has_authors_year_title_and_publisher(bibliography: BibliographyData) -> None:
    missing = []
    for key, entry in _entries(bibliography):
        fields = entry.fields
        if not entry.persons.get("author"):
            missing.append(f"{key}: author")
        if not YEAR.match(str(fields.get("year", "")).strip()):
            missing.append(f"{key}: year (four digits, or « s. d. »)")
        if not str(fields.get("title", "")).strip("{} "):
            missing.append(f"{key}: title")
        if not any(str(fields.get(name, "")).strip() for name in PUBLISHER_FIELDS):
            missing.append(f"{key}: publisher or journal ({', '.join(PUBLISHER_FIELDS)})")
    assert not missing, "\n".join(missing)


def test_every_entry_has_a_url_or_a_doi(bibliography: BibliographyData) -> None:
    missing = []
    for key, entry in _entries(bibliography):
        url, doi = str(entry.fields.get("url", "")).strip(), str(entry.fields.get("doi", "")).strip()
        if url and not URL.match(url):
            missing.append(f"{key}: url « {url} » is not an address")
        if doi and not DOI.match(doi):
            missing.append(f"{key}: doi « {doi} » is not a DOI (10.xxxx/…, without https://doi.org/)")
        if not url and not doi and key not in NO_ADDRESS_KNOWN:
            missing.append(f"{key}: no url and no doi")
    assert not missing, "\n".join(missing)


def test_the_exception_list_is_not_stale(bibliography: BibliographyData) -> None:
    for key in NO_ADDRESS_KNOWN:
        assert key in bibliography.entries, f"{key} is no longer in the bibliography"
        fields = bibliography.entries[key].fields
        assert not fields.get("url") and not fields.get("doi"), f"{key} has an address now: drop the exception"


def test_peer_reviewed_articles_carry_their_doi(bibliography: BibliographyData) -> None:
    articles = [key for key, entry in _entries(bibliography) if entry.type.lower() == "article"]
    assert len(articles) >= 8  # the chapters' « Ce que dit la recherche » boxes cite them
    undated = [key for key in articles if not bibliography.entries[key].fields.get("doi")
               and key not in {"doran1981"}]  # Management Review (1981) has no DOI; its url is a scan
    assert not undated, f"journal articles without a DOI: {undated}"


def test_every_entry_is_sorted_into_a_section(bibliography: BibliographyData) -> None:
    wrong = [key for key, entry in _entries(bibliography)
             if str(entry.fields.get("keywords", "")).strip() not in SECTIONS]
    assert not wrong, f"keywords must be one of {sorted(SECTIONS)}: {wrong}"
