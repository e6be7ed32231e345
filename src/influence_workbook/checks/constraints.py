"""Chapter 6 — « Ne pas faire confiance aux influenceurs »: the constraints of the brief.

The learner sets the constraints of the « Rituel Avoine » brief: must-have messages,
forbidden claims, an imposed script or not, the number of approval rounds, the deadlines
(first draft, publication window) and what the creator decides. :func:`check_constraints`
weighs the balance, one item per criterion:

guard-rails for the brand and the law — at least one must-have · forbidden claims covering
medical promises (a cosmetic is not a medicine) · the disclosure requirement · deadlines
present and ordered, with time to review;

room for the creator's voice — no word-for-word script · at most two approval rounds · a stated
area of creative freedom · not too many must-haves.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from influence_workbook import clock
from influence_workbook.campaign import CAMPAIGN
from influence_workbook.checks.outreach import AlignedText
from influence_workbook.feedback import Feedback, FeedbackItem, build_feedback, input_problem
from influence_workbook.text import (
    MONTHS,
    compile_patterns,
    contains_any,
    find_deadlines,
    first_word_number,
    fold,
    format_date,
    is_placeholder,
)

CHECK_NAME = "ch06-constraints"
#: Each text field is read on its first characters only (a constraint is a few lines).
MAX_ANALYSED_CHARS = 5_000
MAX_MUST_HAVES = 5
MAX_ROUNDS = 2
ABSURD_ROUNDS = 10
MIN_REVIEW_DAYS = 7
MIN_FREEDOM_WORDS = 4

SCRIPT_NONE = "Aucun script"
SCRIPT_KEY_POINTS = "Points clés à couvrir"
SCRIPT_VERBATIM = "Script mot à mot"
SCRIPT_CHOICES: tuple[str, ...] = (SCRIPT_NONE, SCRIPT_KEY_POINTS, SCRIPT_VERBATIM)
ROUND_CHOICES: tuple[str, ...] = ("0", "1", "2", "3", "4", "5 ou plus")

FIELDS: tuple[str, ...] = (
    "must_have",
    "forbidden_claims",
    "script",
    "approval_rounds",
    "draft_due",
    "publication_window",
    "creative_freedom",
)

# Sections of chapter 6 that feedback points to (their titles in the chapter).
READ_WHY = "Pourquoi ça coûte cher"
READ_GUARDRAILS = "Les garde-fous : ce que la marque fixe"
READ_FREEDOM = "La liberté : ce que le créateur décide"
READ_CALENDAR = "Un calendrier qui laisse le temps de relire"
READ_EXAMPLE = "Exemple : avant, après"

_MEDICAL_PATTERNS = compile_patterns(
    r"\bgueri\w*",
    r"\bsoign\w*",
    r"\bsoin(?:s)? medica\w*",
    r"\bmedica\w*",
    r"\btherapeut\w*",
    r"\btrait(?:e|er|ement)\b",
    r"\beczema\b",
    r"\bpsoriasis\b",
    r"\bdermatite\w*",
    r"\bpelliculaire\b",
    r"\bpellicules\b",
    r"\bchute des cheveux\b",
    r"\banti-?chute\b",
    r"\bmaladie\w*",
    r"\ballergi\w*",
    r"\bsante\b",
    r"\bmiracle\w*",
    r"\brepousse\b",
    r"\bcicatris\w*",
    r"\binflammat\w*",
)
_DISCLOSURE_PATTERNS = compile_patterns(
    r"\bpublicite\b",
    r"\bcollaboration commerciale\b",
    r"\bpartenariat remunere\b",
    r"\bmention\b",
    r"#pub\b",
    r"\btransparen\w*",
    r"\bsponsoris\w*",
    r"\bcontenu de marque\b",
    r"\bpartenariat (?:signale|affiche|indique)\b",
    r"\bsignaler le partenariat\b",
    r"\bdeclarer le partenariat\b",
    r"\bintention commerciale\b",
    r"\ben partenariat avec\b",
    r"\bloi (?:n. ?)?2023-451\b",
    r"\bloi influenceurs?\b",
)
_WEAK_DISCLOSURE_PATTERNS = compile_patterns(r"#ad\b", r"#sp\b", r"#spon\b", r"#collab\b", r"#partner\b")
_NEGATED_FREEDOM = (
    r"^\s*(?:aucune?|rien|neant|non|pas de liberte|nulle?|zero)\b",
    r"\bpas de liberte\b",
    r"\baucune liberte\b",
    r"\brien a decider\b",
    r"\bla marque decide (?:de )?tout\b",
)

_DATE_DMY = re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b")
_DATE_ISO = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_DAY_MONTH = re.compile(rf"\b(1er|\d{{1,2}})\s+({_MONTH_RE})\.?(?:\s+(20\d\d))?\b")
_RANGE_SAME_MONTH = re.compile(
    rf"\b(?:du\s+)?(1er|\d{{1,2}})\s*(?:au|a|-|et le)\s*(\d{{1,2}})\s+({_MONTH_RE})\.?"
    rf"(?:\s+(20\d\d))?\b"
)


# --------------------------------------------------------------------------- reading fields


def _text(value: object) -> str:
    """A field as text: lists are joined line by line; placeholders and non-text give ''."""
    if isinstance(value, list | tuple):
        return "\n".join(str(v) for v in value if isinstance(v, str) and not is_placeholder(v))
    if isinstance(value, str) and not is_placeholder(value):
        return value[:MAX_ANALYSED_CHARS]
    return ""


def split_items(value: object) -> list[str]:
    """Must-have messages as a list: one per line, or separated by « ; » or bullets (•, -, 1.)."""
    if isinstance(value, list | tuple):
        raw = [v for v in value if isinstance(v, str)]
    else:
        raw = re.split(r"[\n;•]+", _text(value))
    items = []
    for piece in raw:
        piece = re.sub(r"^\s*(?:[-*–—]|\d{1,2}[.)])\s*", "", piece).strip()
        if re.search(r"\w", piece) and not is_placeholder(piece):
            items.append(piece[:500])
    return items


@dataclass(frozen=True)
class Rounds:
    """The approval rounds as read: a count (None when unreadable), ``or_more`` for « 5 ou plus »."""

    count: int | None
    or_more: bool
    problem: str | None


def read_rounds(value: object) -> Rounds:
    """0–5 from an int, a float without decimals, or text (« 2 », « deux », « 5 ou plus », « 5+ »)."""
    if value is None or value is Ellipsis or (isinstance(value, str) and not value.strip()):
        return Rounds(None, False, "Indiquez combien de tours de validation vous prévoyez (de 0 à 5).")
    if isinstance(value, bool):
        return Rounds(
            None, False, "Le nombre de tours de validation est un nombre (0, 1, 2…), pas vrai ou faux."
        )
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")) or not value.is_integer():
            return Rounds(
                None,
                False,
                f"« {str(value).replace('.', ',')} » n'est pas un nombre entier de tours de validation : "
                "écrivez 0, 1, 2…",
            )
        value = int(value)
    or_more = False
    if isinstance(value, str):
        folded = fold(value)
        or_more = bool(re.search(r"\+|ou plus|et plus|au moins", folded))
        match = re.search(r"-?\d+", folded.replace("\u2212", "-"))
        word = first_word_number(folded)
        if match:
            value = int(match.group(0))
        elif word is not None:
            value = word
        else:
            return Rounds(
                None,
                False,
                f"Je ne lis pas de nombre dans « {value[:80]} » : écrivez par exemple « 1 » ou « deux ».",
            )
    if not isinstance(value, int):
        return Rounds(
            None,
            False,
            f"Le nombre de tours de validation doit être un nombre, pas une valeur de type "
            f"« {type(value).__name__} ».",
        )
    if value < 0:
        return Rounds(
            value,
            or_more,
            f"Un nombre de tours de validation ne peut pas être négatif ({str(value).replace('-', '−')}) : "
            "choisissez 0, 1 ou 2.",
        )
    if value > ABSURD_ROUNDS:
        return Rounds(
            value,
            or_more,
            f"{value} tours de validation, ce n'est pas réaliste : la campagne ne "
            "sortirait jamais. Un ou deux tours suffisent.",
        )
    return Rounds(value, or_more, None)


def _year_for(month: int, day: int, after: date) -> int:
    """The year of a date written without one: the first such date on or after ``after``."""
    year = after.year
    try:
        candidate = date(year, month, day)
    except ValueError:
        return year
    return year if candidate >= after else year + 1


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def find_dates(text: str, today: date) -> list[date]:
    """Every calendar date in a French text, in order: « 15/02/2027 », « 2027-02-15 »,
    « 15 février 2027 », « du 15 au 31 mars 2027 », « 1er mars » (next such date), and what
    :func:`~influence_workbook.text.find_deadlines` reads (« fin février 2027 », « mi-mars 2027 »)."""
    folded = fold(text[:MAX_ANALYSED_CHARS])
    found: list[tuple[int, date]] = []
    taken: list[tuple[int, int]] = []

    def add(position: int, day: date | None, span: tuple[int, int]) -> None:
        if day is not None:
            found.append((position, day))
            taken.append(span)

    explicit_years = [int(y) for y in re.findall(r"\b(20\d\d)\b", folded)]
    default_year = explicit_years[-1] if explicit_years else None
    for m in _DATE_DMY.finditer(folded):
        add(m.start(), _safe(int(m.group(3)), int(m.group(2)), int(m.group(1))), m.span())
    for m in _DATE_ISO.finditer(folded):
        add(m.start(), _safe(int(m.group(1)), int(m.group(2)), int(m.group(3))), m.span())
    for m in _RANGE_SAME_MONTH.finditer(folded):
        month = MONTHS[m.group(3)]
        first = 1 if m.group(1) == "1er" else int(m.group(1))
        last = int(m.group(2))
        year = int(m.group(4)) if m.group(4) else default_year or _year_for(month, first, today)
        add(m.start(), _safe(year, month, first), m.span())
        add(m.start(2), _safe(year, month, last), m.span())
    for m in _DAY_MONTH.finditer(folded):
        if any(start <= m.start() < end for start, end in taken):
            continue
        month = MONTHS[m.group(2)]
        day = 1 if m.group(1) == "1er" else int(m.group(1))
        if m.group(3):
            year = int(m.group(3))
        else:
            later = [int(y) for y in re.findall(r"\b(20\d\d)\b", folded[m.end() :])]
            year = later[0] if later else default_year or _year_for(month, day, today)
        add(m.start(), _safe(year, month, day), m.span())
    for deadline in find_deadlines(folded, today):
        if deadline.relative or any(start <= deadline.start < end for start, end in taken):
            continue
        found.append((deadline.start, deadline.due))
    return [day for _, day in sorted(found, key=lambda pair: (pair[0], pair[1]))]


@dataclass(frozen=True)
class ConstraintsReading:
    """What the check understood in the learner's constraints."""

    must_haves: tuple[str, ...]
    forbidden: str
    medical_forbidden: str | None
    medical_in_must_have: str | None
    disclosure: str | None
    weak_disclosure: str | None
    script: str | None
    script_raw: str
    rounds: Rounds
    draft_text: str
    window_text: str
    draft: date | None
    window_start: date | None
    window_end: date | None
    freedom: str
    freedom_negated: bool


def _script_choice(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    folded = fold(value)
    for choice in SCRIPT_CHOICES:
        if folded == fold(choice):
            return choice
    if "mot a mot" in folded or "mot pour mot" in folded or "verbatim" in folded or "integral" in folded:
        return SCRIPT_VERBATIM
    if "points cles" in folded or "grandes lignes" in folded or "trame" in folded:
        return SCRIPT_KEY_POINTS
    if re.search(r"\b(?:aucun|pas de|sans)\s+script\b", folded) or folded in {"aucun", "non", "libre"}:
        return SCRIPT_NONE
    return None


def read_constraints(constraints: Mapping[str, object], today: date) -> ConstraintsReading:
    must_haves = tuple(split_items(constraints.get("must_have")))
    forbidden = _text(constraints.get("forbidden_claims"))
    all_text = AlignedText(
        "\n".join(
            [
                *must_haves,
                forbidden,
                _text(constraints.get("creative_freedom")),
                _text(constraints.get("other")),
            ]
        )
    )
    medical_forbidden = AlignedText(forbidden).first(_MEDICAL_PATTERNS)
    medical_in_must = next(
        (
            m
            for m in must_haves
            if contains_any(fold(m), _MEDICAL_PATTERNS)
            and not re.search(r"\b(?:pas|jamais|ni|sans|aucune?|interdit\w*)\b", fold(m))
        ),
        None,
    )
    draft_text = _text(constraints.get("draft_due"))
    window_text = _text(constraints.get("publication_window"))
    drafts = find_dates(draft_text, today) if draft_text else []
    window = find_dates(window_text, today) if window_text else []
    freedom = _text(constraints.get("creative_freedom"))
    return ConstraintsReading(
        must_haves=must_haves,
        forbidden=forbidden,
        medical_forbidden=medical_forbidden,
        medical_in_must_have=medical_in_must,
        disclosure=all_text.first(_DISCLOSURE_PATTERNS),
        weak_disclosure=all_text.first(_WEAK_DISCLOSURE_PATTERNS),
        script=_script_choice(constraints.get("script")),
        script_raw=str(constraints.get("script") or "")[:80],
        rounds=read_rounds(constraints.get("approval_rounds")),
        draft_text=draft_text,
        window_text=window_text,
        draft=drafts[-1] if drafts else None,
        window_start=min(window) if window else None,
        window_end=max(window) if window else None,
        freedom=freedom,
        freedom_negated=bool(freedom) and contains_any(fold(freedom), _NEGATED_FREEDOM) is not None,
    )


# --------------------------------------------------------------------------- items


def _quote(words: list[str] | tuple[str, ...]) -> str:
    return ", ".join(f"« {w} »" for w in words)


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _must_have_item(reading: ConstraintsReading) -> FeedbackItem:
    label = "Messages obligatoires"
    count = len(reading.must_haves)
    if count:
        return FeedbackItem(
            "must_have",
            label,
            True,
            f"Vous fixez {count} message{'s' if count > 1 else ''} à faire passer, "
            f"par exemple « {_short(reading.must_haves[0])} ».",
        )
    return FeedbackItem(
        "must_have",
        label,
        False,
        "Aucun message obligatoire : le créateur ne sait pas ce qui doit absolument être dit. "
        "Fixez au moins un point, par exemple « le shampooing se recharge en magasin ».",
        READ_GUARDRAILS,
    )


def _forbidden_item(reading: ConstraintsReading) -> FeedbackItem:
    label = "Allégations interdites"
    if reading.medical_in_must_have:
        return FeedbackItem(
            "forbidden_claims",
            label,
            False,
            f"Un message obligatoire promet un effet médical : « {_short(reading.medical_in_must_have)} ». "
            "Un cosmétique ne soigne pas : retirez cette promesse et interdisez-la plutôt.",
            READ_GUARDRAILS,
        )
    if not reading.forbidden.strip():
        return FeedbackItem(
            "forbidden_claims",
            label,
            False,
            "Vous n'interdisez rien. Pour un cosmétique, interdisez au moins les promesses de soin "
            "médical (« guérit les pellicules », « soigne l'eczéma ») : un shampooing n'est pas un "
            "médicament.",
            READ_GUARDRAILS,
        )
    if reading.medical_forbidden is None:
        return FeedbackItem(
            "forbidden_claims",
            label,
            False,
            "Vos interdits ne couvrent pas les promesses médicales. Ajoutez-les : pas de « guérit », "
            "« soigne », « traite l'eczéma » ou « stoppe la chute des cheveux » pour un cosmétique.",
            READ_GUARDRAILS,
        )
    return FeedbackItem(
        "forbidden_claims",
        label,
        True,
        f"Vous interdisez les promesses médicales (« {reading.medical_forbidden} ») : le créateur "
        "sait ce qu'il ne doit pas dire.",
    )


def _disclosure_item(reading: ConstraintsReading) -> FeedbackItem:
    label = "Mention du partenariat"
    if reading.disclosure:
        return FeedbackItem(
            "disclosure",
            label,
            True,
            f"Vous exigez que le partenariat soit signalé (« {reading.disclosure} »).",
        )
    if reading.weak_disclosure:
        return FeedbackItem(
            "disclosure",
            label,
            False,
            f"« {reading.weak_disclosure} » ne suffit pas en France : exigez une mention claire, "
            "« Publicité » ou « Collaboration commerciale », en tête de légende (chapitre 5).",
            READ_GUARDRAILS,
        )
    return FeedbackItem(
        "disclosure",
        label,
        False,
        "Rien n'impose de signaler le partenariat. Écrivez-le dans les obligations : mention "
        "« Publicité » ou « Collaboration commerciale », visible dès le début (chapitre 5).",
        READ_GUARDRAILS,
    )


def _deadlines_item(reading: ConstraintsReading, today: date) -> FeedbackItem:
    label = "Calendrier"
    missing = []
    if not reading.draft_text:
        missing.append("la date de remise du premier jet")
    if not reading.window_text:
        missing.append("la période de publication")
    if missing:
        return FeedbackItem(
            "deadlines",
            label,
            False,
            "Il manque " + " et ".join(missing) + ". Exemple : premier jet le 26 février 2027, "
            "publication du 15 au 31 mars 2027.",
            READ_CALENDAR,
        )
    unread = [
        text
        for text, day in ((reading.draft_text, reading.draft), (reading.window_text, reading.window_start))
        if day is None
    ]
    if unread:
        return FeedbackItem(
            "deadlines",
            label,
            False,
            f"Je ne reconnais pas de date dans {_quote([_short(t, 40) for t in unread])} : écrivez "
            "par exemple « 26 février 2027 » ou « 26/02/2027 ».",
            READ_CALENDAR,
        )
    assert reading.draft is not None and reading.window_start is not None and reading.window_end is not None
    if reading.draft < today:
        return FeedbackItem(
            "deadlines",
            label,
            False,
            f"Le premier jet est attendu le {format_date(reading.draft)}, une date déjà passée.",
            READ_CALENDAR,
        )
    if reading.draft >= reading.window_start:
        return FeedbackItem(
            "deadlines",
            label,
            False,
            f"Le premier jet ({format_date(reading.draft)}) arrive après le début de la publication "
            f"({format_date(reading.window_start)}) : il doit arriver avant, pour être relu.",
            READ_CALENDAR,
        )
    gap = (reading.window_start - reading.draft).days
    if gap < MIN_REVIEW_DAYS:
        return FeedbackItem(
            "deadlines",
            label,
            False,
            f"Seulement {gap} jour{'s' if gap > 1 else ''} entre le premier jet et la publication : "
            f"trop court pour relire et ajuster. Prévoyez au moins {MIN_REVIEW_DAYS} jours.",
            READ_CALENDAR,
        )
    return FeedbackItem(
        "deadlines",
        label,
        True,
        f"Premier jet le {format_date(reading.draft)}, publication à partir du "
        f"{format_date(reading.window_start)} : {gap} jours pour relire.",
    )


def _script_item(reading: ConstraintsReading) -> FeedbackItem:
    label = "Pas de script mot à mot"
    if reading.script is None:
        shown = f"« {reading.script_raw} » n'est pas un choix prévu. " if reading.script_raw.strip() else ""
        return FeedbackItem(
            "script", label, False, f"{shown}Choisissez : {_quote(list(SCRIPT_CHOICES))}.", READ_FREEDOM
        )
    if reading.script == SCRIPT_VERBATIM:
        return FeedbackItem(
            "script",
            label,
            False,
            "Un script mot à mot fait parler le créateur avec les mots de la marque : son public le "
            "sent. Seuls 6 % des créateurs veulent exécuter exactement la vision de la marque "
            "(HubSpot). Donnez plutôt des points clés à couvrir.",
            READ_FREEDOM,
        )
    if reading.script == SCRIPT_NONE:
        return FeedbackItem(
            "script",
            label,
            True,
            "Pas de script : le créateur trouve ses mots ; vos messages obligatoires cadrent le fond.",
        )
    return FeedbackItem(
        "script",
        label,
        True,
        "Des points clés plutôt qu'un texte : le fond est cadré, les mots restent les siens.",
    )


def _rounds_item(reading: ConstraintsReading) -> FeedbackItem:
    label = "Tours de validation"
    rounds = reading.rounds
    if rounds.problem or rounds.count is None:
        return FeedbackItem("approval_rounds", label, False, rounds.problem or "", READ_FREEDOM)
    count = rounds.count
    shown = f"{count} ou plus" if rounds.or_more else str(count)
    if count == 0:
        return FeedbackItem(
            "approval_rounds",
            label,
            False,
            "Aucune relecture : personne ne vérifie la mention du partenariat ni les allégations "
            "avant publication. Prévoyez un tour, sur le premier jet.",
            READ_CALENDAR,
        )
    if count > MAX_ROUNDS or rounds.or_more:
        return FeedbackItem(
            "approval_rounds",
            label,
            False,
            f"{shown} tours de validation, c'est beaucoup : chaque tour retarde la publication et "
            "efface un peu plus la voix du créateur. Seuls 10 % des créateurs disent avoir une "
            "liberté créative (Later, 2026). Un ou deux tours suffisent.",
            READ_FREEDOM,
        )
    return FeedbackItem(
        "approval_rounds",
        label,
        True,
        f"{shown} tour{'s' if count > 1 else ''} de validation : assez pour vérifier, sans tout réécrire.",
    )


def _freedom_item(reading: ConstraintsReading) -> FeedbackItem:
    label = "Liberté créative"
    words = len(re.findall(r"\w+", reading.freedom))
    if not reading.freedom.strip() or reading.freedom_negated:
        return FeedbackItem(
            "creative_freedom",
            label,
            False,
            "Dites ce que le créateur décide lui-même : le ton, l'angle, le décor, le montage, "
            "l'ordre des messages… 45 % des créateurs veulent mener la création (HubSpot).",
            READ_FREEDOM,
        )
    if words < MIN_FREEDOM_WORDS:
        return FeedbackItem(
            "creative_freedom",
            label,
            False,
            f"« {_short(reading.freedom)} » reste vague : précisez ce que le créateur choisit "
            "(le ton, l'angle, le format, la mise en scène…).",
            READ_FREEDOM,
        )
    return FeedbackItem(
        "creative_freedom",
        label,
        True,
        f"Vous dites ce que le créateur décide : « {_short(reading.freedom)} ».",
    )


def _count_item(reading: ConstraintsReading) -> FeedbackItem:
    label = "Pas trop d'obligations"
    count = len(reading.must_haves)
    if count > MAX_MUST_HAVES:
        return FeedbackItem(
            "must_have_count",
            label,
            False,
            f"{count} messages obligatoires, c'est trop pour une vidéo de quelques dizaines de "
            f"secondes : gardez les {MAX_MUST_HAVES} plus importants au maximum, idéalement deux ou "
            "trois.",
            READ_FREEDOM,
        )
    return FeedbackItem(
        "must_have_count",
        label,
        True,
        f"{count} message{'s' if count > 1 else ''} obligatoire{'s' if count > 1 else ''} : "
        "assez peu pour laisser de la place au créateur.",
    )


def check_constraints(constraints: object, *, today: date | None = None) -> Feedback:
    """Check the balance of a brief's constraints; one item per guard-rail and per freedom.

    ``constraints`` is a mapping with the keys of :data:`FIELDS`: ``must_have`` (text, one per
    line, or list), ``forbidden_claims`` (text), ``script`` (one of :data:`SCRIPT_CHOICES`),
    ``approval_rounds`` (0–5, int or text), ``draft_due`` and ``publication_window`` (French
    dates), ``creative_freedom`` (text). Never raises on learner input.
    """
    if not isinstance(constraints, Mapping):
        kind = (
            "rien"
            if constraints is None or constraints is Ellipsis
            else f"une valeur de type « {type(constraints).__name__} »"
        )
        return input_problem(
            CHECK_NAME,
            "Contraintes",
            f"Les contraintes doivent être un dictionnaire {{champ: valeur}}, pas {kind}. Exemple : "
            '{"must_have": "…", "forbidden_claims": "…", "script": "Points clés à couvrir", …}.',
            READ_EXAMPLE,
        )
    if all(is_placeholder(constraints.get(key)) or constraints.get(key) in ([], ()) for key in FIELDS):
        return input_problem(
            CHECK_NAME,
            "Contraintes",
            "Remplissez d'abord les contraintes du brief : messages obligatoires, allégations interdites, "
            "script, tours de validation, dates et liberté laissée au créateur.",
            READ_EXAMPLE,
        )
    today = today or clock.today()
    reading = read_constraints(constraints, today)
    items = (
        _must_have_item(reading),
        _forbidden_item(reading),
        _disclosure_item(reading),
        _deadlines_item(reading, today),
        _script_item(reading),
        _rounds_item(reading),
        _freedom_item(reading),
        _count_item(reading),
    )
    tips = []
    if reading.window_end is not None and reading.window_end < CAMPAIGN.launch:
        tips.append(
            f"La publication se termine avant le lancement de la gamme ({format_date(CAMPAIGN.launch)}) : "
            "est-ce voulu ?"
        )
    if (
        reading.window_start is not None
        and reading.window_end is not None
        and reading.window_end - reading.window_start > timedelta(days=92)
    ):
        tips.append("La période de publication dépasse trois mois : resserrez-la autour du lancement.")
    return build_feedback(CHECK_NAME, items, tips)


def constraints_summary(constraints: Mapping[str, object], today: date | None = None) -> dict[str, object]:
    """The constraints as chapter 10's brief needs them: lists and ISO dates, already read."""
    reading = read_constraints(constraints, today or clock.today())
    return {
        "must_have": list(reading.must_haves),
        "forbidden_claims": reading.forbidden,
        "script": reading.script,
        "approval_rounds": reading.rounds.count if reading.rounds.problem is None else None,
        "draft_due": reading.draft.isoformat() if reading.draft else None,
        "publication_start": reading.window_start.isoformat() if reading.window_start else None,
        "publication_end": reading.window_end.isoformat() if reading.window_end else None,
        "creative_freedom": reading.freedom,
    }
