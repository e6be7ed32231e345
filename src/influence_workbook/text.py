"""French free-text helpers shared by every check.

Learners type real French: curly apostrophes (’), guillemets (« »), non-breaking and narrow
non-breaking spaces (« 20 % », « 1 000 € »), capitals, accents, emoji. Every check first
folds the text with :func:`fold` so that keyword rules are written once, in plain ASCII-ish
lower case, and then reads figures and dates with the parsers below.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

# Spaces French typography puts inside figures and before « : ; ! ? % € ».
_SPACES = "\u00a0\u202f\u2007\u2009\u200a\u2002\u2003"
_APOSTROPHES = "’‘ʼ′`´"
_QUOTES = "«»“”„"
_DASHES = "‐‑‒–—―−"  # hyphen variants, en and em dashes, minus sign

_SPACE_TABLE = str.maketrans(
    {
        **{c: " " for c in _SPACES},
        **{c: "'" for c in _APOSTROPHES},
        **{c: '"' for c in _QUOTES},
        **{c: "-" for c in _DASHES},
    }
)


def normalize(text: str) -> str:
    """Unify typography (spaces, apostrophes, quotes, dashes), lower-case, collapse spaces.

    Accents are kept: use :func:`fold` for matching keywords.
    """
    text = unicodedata.normalize("NFC", text).translate(_SPACE_TABLE)
    text = text.replace("\u200b", "").replace("\ufeff", "")
    return re.sub(r"[ \t]+", " ", text).strip().lower()


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return stripped.replace("œ", "oe").replace("æ", "ae")


def fold(text: str) -> str:
    """Normalised, lower-cased and accent-free: the form every keyword rule matches against."""
    return strip_accents(normalize(text))


#: Keyword rules, compiled once when their module is imported.
Patterns = tuple[re.Pattern[str], ...]


def compile_patterns(*patterns: str) -> Patterns:
    """Compile keyword rules at import: a learner's first « Vérifier » must not pay for it (~0.2 ms each)."""
    return tuple(re.compile(pattern) for pattern in patterns)


class KeywordRule:
    """For a frozen dataclass with a ``patterns`` field (a KPI, a kind of call to action…): its
    patterns are compiled when the rule is created, and :meth:`found_in` says whether a text names it."""

    patterns: tuple[str, ...]
    _compiled: Patterns

    def __post_init__(self) -> None:
        object.__setattr__(self, "_compiled", compile_patterns(*self.patterns))

    def found_in(self, folded_text: str) -> bool:
        """Whether a folded text (:func:`fold`) matches one of the rule's patterns."""
        return any(pattern.search(folded_text) for pattern in self._compiled)


def contains_any(folded_text: str, patterns: Sequence[str | re.Pattern[str]]) -> str | None:
    """The first regex of ``patterns`` found in ``folded_text`` (as matched text), or None."""
    for pattern in patterns:
        found = re.search(pattern, folded_text)
        if found:
            return found.group(0)
    return None


def is_placeholder(value: object) -> bool:
    """True for what a learner leaves when they have not answered yet (``...``, None, blanks)."""
    if value is None or value is Ellipsis:
        return True
    return isinstance(value, str) and value.strip() in {"", "...", "…", "?", "TODO", "À compléter"}


# --------------------------------------------------------------------------- numbers

_WORD_NUMBERS = {
    "zero": 0,
    "aucun": 0,
    "aucune": 0,
    "un": 1,
    "une": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "six": 6,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
    "onze": 11,
    "douze": 12,
    "quinze": 15,
    "dix-huit": 18,
    "vingt": 20,
    "trente": 30,
    "quarante": 40,
    "cinquante": 50,
    "soixante": 60,
    "soixante-dix": 70,
    "quatre-vingt": 80,
    "quatre-vingts": 80,
    "quatre-vingt-dix": 90,
    "cent": 100,
    # Belgian and Swiss French
    "septante": 70,
    "huitante": 80,
    "octante": 80,
    "nonante": 90,
}
_UNITS = ("un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf")
# Compounds of a ten and a unit (« vingt-cinq », « septante-cinq », « nonante et un »), with or without hyphens.
_WORD_NUMBERS.update(
    {
        f"{ten}{joint}{unit}": _WORD_NUMBERS[ten] + _WORD_NUMBERS[unit]
        for ten in ("vingt", "trente", "quarante", "cinquante", "soixante", "septante", "huitante", "octante",
                    "nonante")
        for unit in _UNITS
        for joint in (("-et-", " et ") if unit == "un" else ("-", " "))
    }
)
_WORD_NUMBER_RE = "|".join(sorted((re.escape(w) for w in _WORD_NUMBERS), key=len, reverse=True))

_MULTIPLIERS = {
    "k": 1_000,
    "mille": 1_000,
    "milliers": 1_000,
    "millier": 1_000,
    "m": 1_000_000,
    "million": 1_000_000,
    "millions": 1_000_000,
    "mio": 1_000_000,
    "milliard": 1_000_000_000,
    "milliards": 1_000_000_000,
    "md": 1_000_000_000,
}

# A figure as French writers type it: 1000, 1 000, 1.000, 1'000 (Swiss), 1,5, 12.5, with an
# optional multiplier (k, M, millions) and an optional unit (%, €, CHF, $).
_NUMBER_RE = re.compile(
    r"(?<![\w.,'])"
    r"(?P<int>\d{1,3}(?:[ .']\d{3})+(?!\d)|\d+)"
    r"(?:,(?P<frac>\d+)|\.(?P<dotfrac>\d{1,2})(?!\d))?"
    r"(?:\s?(?P<mult>k|m|mio|md|millions?|milliards?|milliers?|mille)(?![a-z]))?"
    r"(?:\s?(?P<unit>%|pour ?cent|€|eur(?:os?)?(?![a-z])|chf|fr\.|francs?|\$|usd))?"
)


@dataclass(frozen=True)
class Quantity:
    """A figure found in a text, with its unit ('%', '€', 'CHF', '$' or '') and where it stood."""

    value: float
    unit: str
    start: int
    end: int
    raw: str


def _unit_symbol(raw_unit: str | None) -> str:
    if not raw_unit:
        return ""
    raw_unit = raw_unit.replace(" ", "")
    if raw_unit in {"%", "pourcent"}:
        return "%"
    if raw_unit in {"€"} or raw_unit.startswith("eur"):
        return "€"
    if raw_unit in {"chf", "fr.", "franc", "francs"}:
        return "CHF"
    return "$"


def find_quantities(folded_text: str) -> list[Quantity]:
    """Every figure in a folded text, e.g. '20 %' → 20 %, '1 000 €' → 1000 €, '10k' → 10000."""
    quantities: list[Quantity] = []
    for match in _NUMBER_RE.finditer(folded_text):
        integer = re.sub(r"[ .']", "", match.group("int"))
        fraction = match.group("frac") or match.group("dotfrac") or ""
        value = float(f"{integer}.{fraction}" if fraction else integer)
        mult = match.group("mult")
        if mult:
            value *= _MULTIPLIERS[mult]
        raw = match.group(0).strip()
        quantities.append(Quantity(value, _unit_symbol(match.group("unit")), match.start(), match.end(), raw))
    for match in re.finditer(rf"\b(?P<word>{_WORD_NUMBER_RE})\s+(?P<mult>mille|millions?)\b", folded_text):
        value = _WORD_NUMBERS[match.group("word")] * _MULTIPLIERS[match.group("mult")]
        quantities.append(Quantity(float(value), "", match.start(), match.end(), match.group(0)))
    return sorted(quantities, key=lambda q: q.start)


def first_word_number(folded_text: str) -> int | None:
    """The first small number written in words in a folded text (« deux tours » → 2), or None."""
    match = re.search(rf"\b(?:{_WORD_NUMBER_RE})\b", folded_text)
    return _WORD_NUMBERS[match.group(0)] if match else None


def word_or_digit_number(token: str) -> int | None:
    """'3' → 3, 'trois' → 3, 'douze' → 12; None when the token is not a small number."""
    token = token.strip()
    if token.isdigit():
        return int(token)
    return _WORD_NUMBERS.get(token)


# --------------------------------------------------------------------------- dates

MONTHS = {
    "janvier": 1,
    "janv": 1,
    "fevrier": 2,
    "fevr": 2,
    "fev": 2,
    "mars": 3,
    "avril": 4,
    "avr": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "juil": 7,
    "aout": 8,
    "septembre": 9,
    "sept": 9,
    "octobre": 10,
    "oct": 10,
    "novembre": 11,
    "nov": 11,
    "decembre": 12,
    "dec": 12,
}
_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_ORDINALS = {
    "1er": 1,
    "1e": 1,
    "premier": 1,
    "2e": 2,
    "2eme": 2,
    "deuxieme": 2,
    "second": 2,
    "3e": 3,
    "3eme": 3,
    "troisieme": 3,
    "4e": 4,
    "4eme": 4,
    "quatrieme": 4,
}
_SEASONS_END = {"printemps": (6, 20), "ete": (9, 22), "automne": (12, 21), "hiver": (3, 20)}
_UNIT_DAYS = {
    "jour": 1,
    "jours": 1,
    "semaine": 7,
    "semaines": 7,
    "mois": 30,
    "an": 365,
    "ans": 365,
    "annee": 365,
    "annees": 365,
    "trimestre": 91,
    "trimestres": 91,
}


@dataclass(frozen=True)
class Deadline:
    """A deadline read from a text: the last day it allows, how it was written, where it stood."""

    due: date
    relative: bool
    raw: str
    start: int
    end: int


def _last_day_of_month(year: int, month: int) -> date:
    first_next = date(year + (month == 12), month % 12 + 1, 1)
    return first_next - timedelta(days=1)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


# The deadline forms find_deadlines reads, compiled once at import (not on a learner's first click).
_NUMERIC_DATE_RE = re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b")
_ISO_DATE_RE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_MONTH_DATE_RE = re.compile(
    rf"\b(?:(?P<day>\d{{1,2}}|1er)\s+|(?P<part>fin|debut|mi|mi-)\s*(?:de\s+|d')?)?"
    rf"(?P<month>{_MONTH_RE})\.?\s+(?P<year>20\d\d)\b"
)
_QUARTER_RE = re.compile(
    rf"\b(?:[tq](?P<q>[1-4])|(?P<ord>{'|'.join(sorted(_ORDINALS, key=len, reverse=True))})\s+trimestre)"
    rf"\s*(?:de\s+)?(?P<year>20\d\d)\b"
)
_SEMESTER_RE = re.compile(
    r"\b(?:s(?P<s>[12])|(?P<ord>1er|premier|2e|second|deuxieme)\s+semestre)\s*(?:de\s+)?(?P<year>20\d\d)\b"
)
_SEASON_RE = re.compile(r"\b(?P<season>printemps|ete|automne|hiver)\s+(?P<year>20\d\d)\b")
_CHRISTMAS_RE = re.compile(r"\bnoel\s+(?P<year>20\d\d)\b")
_YEAR_RE = re.compile(r"\b(?P<lead>fin|d'ici|en|courant|avant|pour)\s+(?:l'annee\s+)?(?P<year>20\d\d)\b")
_RELATIVE_RE = re.compile(
    rf"\b(?:en|sous|dans|d'ici|pendant|sur|durant|au cours des?)\s+(?:les\s+|un\s+delai\s+de\s+)?"
    rf"(?:(?P<n>\d{{1,3}}|{_WORD_NUMBER_RE})\s+)?(?:prochaine?s?\s+)?"
    rf"(?P<unit>jours?|semaines?|mois|ans?|annees?|trimestres?)(?:\s+prochaine?s?)?\b"
)
_END_OF_RE = re.compile(r"\b(?:d'ici|avant|pour)\s+la\s+fin\s+(?P<what>de l'annee|du mois|du trimestre|de l'ete)\b")


def find_deadlines(folded_text: str, today: date) -> list[Deadline]:
    """Every deadline in a folded French text, e.g. « d'ici fin juin 2027 », « au T2 2027 »,
    « en trois mois », « avant le 30/06/2027 », « d'ici la fin de l'année »."""
    found: list[Deadline] = []

    def add(due: date | None, relative: bool, match: re.Match[str]) -> None:
        if due is not None:
            found.append(Deadline(due, relative, match.group(0).strip(), match.start(), match.end()))

    # 30/06/2027, 30.06.2027, 30-06-2027 and ISO 2027-06-30
    for m in _NUMERIC_DATE_RE.finditer(folded_text):
        add(_safe_date(int(m.group(3)), int(m.group(2)), int(m.group(1))), False, m)
    for m in _ISO_DATE_RE.finditer(folded_text):
        add(_safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3))), False, m)
    # (le) 30 juin 2027 / (fin|début|mi-) juin 2027 / juin 2027
    for m in _MONTH_DATE_RE.finditer(folded_text):
        year, month = int(m.group("year")), MONTHS[m.group("month")]
        if m.group("day"):
            day = 1 if m.group("day") == "1er" else int(m.group("day"))
            add(_safe_date(year, month, day), False, m)
        elif m.group("part") == "debut":
            add(date(year, month, 10), False, m)
        elif m.group("part") in {"mi", "mi-"}:
            add(date(year, month, 15), False, m)
        else:
            add(_last_day_of_month(year, month), False, m)
    # T2 2027, Q2 2027, 2e trimestre 2027, deuxième trimestre 2027
    for m in _QUARTER_RE.finditer(folded_text):
        quarter = int(m.group("q")) if m.group("q") else _ORDINALS[m.group("ord")]
        add(_last_day_of_month(int(m.group("year")), quarter * 3), False, m)
    # S1 2027, premier semestre 2027
    for m in _SEMESTER_RE.finditer(folded_text):
        half = int(m.group("s")) if m.group("s") else (1 if m.group("ord") in {"1er", "premier"} else 2)
        add(_last_day_of_month(int(m.group("year")), 6 * half), False, m)
    # l'été 2027, au printemps 2027
    for m in _SEASON_RE.finditer(folded_text):
        month, day = _SEASONS_END[m.group("season")]
        year = int(m.group("year")) + (1 if m.group("season") == "hiver" else 0)
        add(date(year, month, day), False, m)
    # Noël 2027
    for m in _CHRISTMAS_RE.finditer(folded_text):
        add(date(int(m.group("year")), 12, 25), False, m)
    # fin 2027, d'ici 2027, en 2027, avant 2028
    for m in _YEAR_RE.finditer(folded_text):
        year = int(m.group("year"))
        if any(d.start <= m.start("year") < d.end for d in found):
            continue
        add(date(year - 1, 12, 31) if m.group("lead") == "avant" else date(year, 12, 31), False, m)
    # relative: en trois mois, sous 6 semaines, dans les 90 jours, d'ici 6 mois, pendant 8 semaines
    for m in _RELATIVE_RE.finditer(folded_text):
        count = word_or_digit_number(m.group("n")) if m.group("n") else 1
        if count is None or count <= 0:
            continue
        add(today + timedelta(days=count * _UNIT_DAYS[m.group("unit")]), True, m)
    # d'ici la fin de l'année / du mois / du trimestre
    for m in _END_OF_RE.finditer(folded_text):
        what = m.group("what")
        if what == "de l'annee":
            add(date(today.year, 12, 31), True, m)
        elif what == "du mois":
            add(_last_day_of_month(today.year, today.month), True, m)
        elif what == "du trimestre":
            add(_last_day_of_month(today.year, ((today.month - 1) // 3 + 1) * 3), True, m)
        else:
            add(date(today.year, 9, 22), True, m)
    return sorted(found, key=lambda d: d.start)


_YEARLESS_RE = re.compile(
    rf"\b(?:(?:le\s+)?(?:\d{{1,2}}|1er)\s+|(?:fin|debut|mi)[\s-]*(?:de\s+|d')?)(?P<month>{_MONTH_RE})\b(?!\.?\s+20\d\d)"
    rf"|\b(?:\d{{1,2}})[/.](?:\d{{1,2}})\b(?![/.]\d)"
    rf"|\b(?:noel|paques|l'ete|le printemps|l'automne|l'hiver|la rentree)\b(?!\s+20\d\d)"
)


def find_yearless_dates(folded_text: str) -> list[tuple[int, int, str]]:
    """Dates written without a year (« le 30 avril », « fin avril », « 30/04 », « Noël »): (start, end, text)."""
    return [(m.start(), m.end(), m.group(0).strip()) for m in _YEARLESS_RE.finditer(folded_text)]


# --------------------------------------------------------------------------- audiences


@dataclass(frozen=True)
class AgeRange:
    low: int
    high: int
    start: int
    end: int


def find_age_ranges(folded_text: str) -> list[AgeRange]:
    """'18-25 ans', '18 à 25 ans', 'de 25 a 34 ans', 'les 18-24', 'moins de 30 ans', 'plus de 50 ans'."""
    ranges: list[AgeRange] = []
    for m in re.finditer(
        r"\b(?:de\s+)?(\d{1,2})\s*(?:-|a|et)\s*(\d{1,2})\s*ans\b|\bles\s+(\d{2})-(\d{2})\b", folded_text
    ):
        low = int(m.group(1) or m.group(3))
        high = int(m.group(2) or m.group(4))
        ranges.append(AgeRange(low, high, m.start(), m.end()))
    for m in re.finditer(r"\b(moins|plus)\s+de\s+(\d{1,2})\s*ans\b", folded_text):
        age = int(m.group(2))
        low, high = (13, age) if m.group(1) == "moins" else (age, 99)
        ranges.append(AgeRange(low, high, m.start(), m.end()))
    return ranges


# --------------------------------------------------------------------------- French formatting

MONTH_NAMES = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
NNBSP = "\u202f"  # narrow no-break space: thousands separator and before « % » in French


def format_number(value: float, decimals: int = 0) -> str:
    """French typography: 1 234 567,8 (narrow no-break spaces, decimal comma)."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", NNBSP).replace(".", ",")


def format_significant(value: float, digits: int = 2) -> str:
    """A small figure with a few significant digits, French style: 0,001 or 2,5."""
    return f"{value:.{digits}g}".replace(".", ",")


def format_date(day: date) -> str:
    """« 30 juin 2027 » (« 1er » for the first of the month)."""
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number} {MONTH_NAMES[day.month - 1]} {day.year}"
