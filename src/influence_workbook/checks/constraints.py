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

import math
import numbers
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from influence_workbook import clock
from influence_workbook.campaign import Campaign, resolve
from influence_workbook.checks.guard import learner_check
from influence_workbook.feedback import Feedback, FeedbackItem, build_feedback, input_problem
from influence_workbook.reading import AD_MENTION, Hit, Meaning, Reading, read
from influence_workbook.text import (
    MONTHS,
    compile_patterns,
    contains_any,
    find_deadlines,
    first_word_number,
    fold,
    format_date,
    format_number,
    is_placeholder,
)

CHECK_NAME = "ch06-constraints"
#: Each text field is read on its first characters only (a constraint is a few lines).
MAX_ANALYSED_CHARS = 5_000
#: A must-have list is read on its first items only (a brief holds a handful; a pasted list is cut).
MAX_ANALYSED_ITEMS = 50
#: Fields that hold a choice, a count or a date are read on their first characters only.
MAX_SHORT_FIELD_CHARS = 300
#: What a field says (freedom, prohibitions, disclosure) is read on its first characters: a few lines.
MAX_MEANING_CHARS = 800
MAX_MUST_HAVES = 5
MAX_ROUNDS = 2
ABSURD_ROUNDS = 10
MIN_REVIEW_DAYS = 7
#: A freedom is specific when it names this many concrete things the creator decides (« ton,
#: angle, montage »), or says it in this many words (« carte blanche totale au créateur »);
#: articles count for neither, so « Ton, angle, montage » is as specific as « Le ton, l'angle, le montage ».
MIN_FREEDOM_THINGS = 2
MIN_FREEDOM_WORDS = 4
#: Articles: they never make a freedom more or less specific.
_ARTICLES: frozenset[str] = frozenset("le la les l un une des du au aux".split())
#: Words that name nothing the creator decides: glue, pronouns, and freedom said in general.
_NOT_A_THING: frozenset[str] = frozenset(
    """
    et ou ni a de d en sur pour par avec sans ce ces cet cette son sa ses ta tes votre vos leur leurs
    mon ma mes notre nos y que qu qui quoi est sont il elle on tu vous toi lui eux nous je se s c
    tout toute tous toutes reste rien libre libres liberte totale total complete entiere choix carte
    blanche createur creatrice createurs creatrices marque decide decides decident decider choisit
    choisis choisissent choisir veut veux voulez voir jouer etc autre autres chose choses aucun aucune
    """.split()
)

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
# English or abbreviated tags a French audience may not read as advertising.
_WEAK_ONLY = re.compile(r"#\s?(?:ad|advert|advertisement|sponsored|sp|spon|collab|partner)")

# What a line of the brief says, read with negation: « ne pas mentionner les concurrents » forbids,
# « pas de script imposé » frees, « pas besoin de mention publicité » waives the disclosure.
PROHIBITION = Meaning(
    "prohibition",
    r"^\s*(?:ne\s+(?:pas|jamais|rien)|n'(?:\w+\s+)?(?:pas|jamais))\b",
    r"^\s*ne\s+(?:<mentionner>|<dire>|<parler>|<citer>|<comparer>|<montrer>|<promettre>|<critiquer>|<denigrer>|"
    r"<evoquer>|<utiliser>|<filmer>|<nommer>)\s+(?:pas|jamais|rien)\b",
    r"^\s*(?:pas|jamais|aucune?)\s+(?:de\s+|d')?(?:comparaison|promesse|mention d|allusion|critique|denigrement|"
    r"prix|concurren|gros mots|alcool|politique|nom d|reference|citation|parler|dire|mentionner|citer|montrer)",
    r"^\s*(?:interdi\w*|eviter|evite[rz]?|proscri\w*)\b",
    r"\b(?:est|sont)\s+interdit\w*\b",
    r"\binterdiction\s+de\b",
)
#: Saying the partnership is disclosed: the shared advertising words, and the brief's own ways to ask it.
DISCLOSURE = Meaning(
    "disclosure",
    *AD_MENTION.patterns,
    r"\bmention\b",
    r"\btransparen\w*",
    r"\bcontenu de marque\b",
    r"\bpartenariat (?:signale|affiche|indique|visible|clair)\b",
    r"<signaler> (?:le |la )?(?:partenariat|collaboration|publicite)\b",
    r"<declarer> (?:le |la )?(?:partenariat|collaboration|publicite)\b",
    r"\bintention commerciale\b",
    r"\ben partenariat avec\b",
    r"\bloi (?:n. ?)?2023-451\b",
    r"\bloi influenceurs?\b",
)
#: Making the disclosure optional, without a negation word: « inutile de préciser que c'est sponsorisé ».
WAIVER = Meaning(
    "waiver",
    r"\b(?:inutile|facultati\w*|optionnel\w*|pas la peine|pas besoin|pas necessaire|non necessaire|superflu\w*)\b",
    r"\b(?:si (?:tu veux|vous voulez|besoin)|au choix|a ta convenance|a votre convenance)\b",
)
#: Hiding the partnership: forbidding this (« ne pas cacher le partenariat ») asks for the disclosure.
HIDING = Meaning("hiding", r"<cacher>|<masquer>|<omettre>|<oublier>|<dissimuler>")
#: A text the creator reads word for word.
VERBATIM = Meaning(
    "verbatim",
    r"\bmot (?:a|pour) mot\b", r"\bverbatim\b", r"\bintegral\w*", r"\btexte (?:exact|complet|integral)\b",
    r"\btel quel\b", r"\ba (?:lire|reciter) (?:tel quel|a la lettre|mot)\b", r"\ba la lettre\b",
    r"\bscript (?:complet|ecrit|redige|fourni|impose|a suivre)\b", r"\btexte (?:impose|fourni|redige|ecrit)\b",
    r"<reciter>", r"<lire> (?:le|notre|un) (?:texte|script)\b",
)
KEY_POINTS = Meaning(
    "key_points",
    r"\bpoints? cles?\b", r"\bgrandes lignes\b", r"\btrame\b", r"\bmessages? cles?\b",
    r"\bpoints? a (?:couvrir|aborder)\b", r"\bquelques points\b", r"\bbrief\b",
)
#: Words of a script or an imposed text: denied (« pas de script », « aucun texte fourni »), they free.
SCRIPT_WORDS = Meaning("script_words", r"\bscripts?\b", r"\btextes?\b", r"\bdialogues?\b", r"\bconsignes?\b")
#: The creator deciding something; « aucune contrainte », « sans validation du ton » free too.
FREEDOM = Meaning(
    "freedom",
    r"\bliberte\b", r"\blibres?\b", r"\bcarte blanche\b", r"\bau choix\b", r"\ba (?:son|ton|votre|leur) choix\b",
    r"<choisir>", r"<decider>", r"\b(?:a|pour) (?:toi|vous|lui|elle|eux)\b", r"\ba (?:toi|vous) de (?:voir|jouer)\b",
    r"<garder> (?:ta|sa|votre|son|ses|tes|vos|leur|leurs)\b", r"\bcomme (?:tu veux|vous voulez|il veut|elle veut)\b",
    r"\b(?:son|ton|votre|leur) (?:style|univers|ton|format) habituel\b",
)
CONSTRAINT_WORDS = Meaning(
    "constraint_words",
    r"\bcontraintes?\b", r"\bimposee?s?\b", r"\bscripts?\b", r"\btextes?\b", r"\bvalidations?\b",
    r"\bconsignes?\b", r"\bobligations?\b",
)
NO_FREEDOM = Meaning(
    "no_freedom",
    r"^\s*(?:aucune?|rien|neant|non|nulle?|zero)\s*[.!]*\s*$",
    r"\brien a decider\b",
    r"\b(?:la marque|nous|on) (?:decide|valide|impose|choisit|fixe) (?:de )?tout\b",
    r"\btout est (?:impose|fixe|decide|valide|ecrit)\b",
    r"\b(?:chaque|tous les|toutes les) (?:plans?|images?|mots?|phrases?) (?:est |sont )?(?:valide|impose|ecrit)\w*",
    r"\bla marque valide chaque\b",
    r"\bpas (?:son|ton|votre|leur) mot a dire\b",
    r"\b(?:aucune|pas de) marge de manoeuvre\b",
    r"\b(?:aucun|pas de) choix\b",
    r"\b(?:doit|doivent|devra|devez|dois) (?:suivre|respecter) (?:le|notre|un) (?:script|texte|storyboard)\b",
)
#: Products whose creators may slip into health claims: a brief for them must forbid medical promises.
HEALTH_ADJACENT = Meaning(
    "health_adjacent",
    r"\bcosmeti\w*", r"\bshamp\w*", r"\bsavons?\b", r"\bcremes?\b", r"\bsoins?\b", r"\bbeaute\b", r"\bpeau\b",
    r"\bcheveux\b", r"\bserums?\b", r"\bcomplements?\b", r"\bvitamines?\b", r"\baliment\w*", r"\bnutrition\w*",
    r"\brestaura\w*", r"\bpates\b", r"\bcuisine\b", r"\brepas\b", r"\bplats?\b", r"\bboissons?\b", r"\bthes?\b",
    r"\btisanes?\b", r"\bsante\b", r"\bbien-etre\b", r"\bpharma\w*", r"\bhygiene\b", r"\bmaquillage\b",
    r"\bdentifrice\b", r"\bbio\b", r"\bsport nutrition\b", r"\bproteines?\b",
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


def _is_date(value: object) -> bool:
    """A real date or datetime (pandas' NaT, « not a time », is a datetime too, and is no date)."""
    return isinstance(value, date) and value == value and type(value).__name__ != "NaTType"


def _blank(value: object) -> bool:
    """True for a field left empty: a placeholder, an empty list, or anything that is not text or a list."""
    if isinstance(value, str):
        return is_placeholder(value)
    if _is_date(value):
        return False
    if isinstance(value, list | tuple):
        return not any(isinstance(v, str) and not is_placeholder(v) for v in value[:MAX_ANALYSED_ITEMS])
    return not isinstance(value, int | float) or isinstance(value, bool)


def _text(value: object) -> str:
    """A field as text: lists are joined line by line; placeholders and non-text give ''."""
    if isinstance(value, date) and _is_date(value):
        return value.isoformat()  # ``date(2027, 2, 26)`` typed in a notebook
    if isinstance(value, list | tuple):
        return "\n".join(str(v) for v in value[:MAX_ANALYSED_ITEMS]
                         if isinstance(v, str) and not is_placeholder(v))[:MAX_ANALYSED_CHARS]
    if isinstance(value, str) and not is_placeholder(value):
        return value[:MAX_ANALYSED_CHARS]
    return ""


def _item_count(value: object) -> int:
    """How many items a must-have field holds, counted beyond what is analysed (a pasted list)."""
    if isinstance(value, list | tuple):
        if len(value) <= MAX_ANALYSED_ITEMS:
            return len(split_items(value))
        return sum(1 for v in value if isinstance(v, str) and v.strip())  # counted, not read
    return len(split_items(value))


def split_items(value: object) -> list[str]:
    """Must-have messages as a list: one per line, or separated by « ; » or bullets (•, -, 1.).

    Only the first :data:`MAX_ANALYSED_ITEMS` items are kept.
    """
    if isinstance(value, list | tuple):
        raw = [v for v in value[: MAX_ANALYSED_ITEMS * 2] if isinstance(v, str)]
    else:
        raw = re.split(r"[\n;•]+", _text(value))
    items = []
    for piece in raw:
        piece = re.sub(r"^\s*(?:[-*–—]|\d{1,2}[.)])\s*", "", piece).strip()
        if re.search(r"\w", piece) and not is_placeholder(piece):
            items.append(piece[:500])
        if len(items) >= MAX_ANALYSED_ITEMS:
            break
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
    if isinstance(value, numbers.Integral):
        value = int(value)
    elif isinstance(value, numbers.Real):
        value = float(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")) or not value.is_integer():
            readable = math.isfinite(value) and abs(value) < 10**6
            shown = f"« {str(round(value, 2)).replace('.', ',')} » n'est" if readable else "Ce n'est"
            return Rounds(
                None,
                False,
                f"{shown} pas un nombre entier de tours de validation : écrivez 0, 1, 2…",
            )
        value = int(value)
    or_more = False
    if isinstance(value, str):
        folded = fold(value)
        or_more = bool(re.search(r"\+|ou plus|et plus|au moins", folded))
        match = re.search(r"-?\d+", folded.replace("\u2212", "-"))
        word = first_word_number(folded)
        if match:
            value = int(match.group(0)[:6])
        elif word is not None:
            value = word
        elif re.search(r"\b(?:sans|pas de|pas d'|jamais|non|aucune?|zero|ni)\b", folded):
            value = 0  # « sans validation préalable », « pas de relecture »
        else:
            return Rounds(
                None,
                False,
                f"Je ne lis pas de nombre dans « {value[:80]} » : écrivez par exemple « 1 » ou « deux ».",
            )
    if not isinstance(value, int):
        kind = ("une liste" if isinstance(value, list | tuple | set | frozenset)
                else "un dictionnaire" if isinstance(value, Mapping) else "une autre sorte de valeur")
        return Rounds(
            None,
            False,
            f"Le nombre de tours de validation doit être un nombre (0, 1, 2…), pas {kind}.",
        )
    shown = str(value) if abs(value) < 10**6 else "Un tel nombre de"
    if value < 0:
        return Rounds(
            value,
            or_more,
            f"Un nombre de tours de validation ne peut pas être négatif ({shown.replace('-', '−')}) : "
            "choisissez 0, 1 ou 2.",
        )
    if value > ABSURD_ROUNDS:
        return Rounds(
            value,
            or_more,
            f"{shown} tours de validation, ce n'est pas réaliste : la campagne ne "
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
    """What the check understood in the learner's constraints.

    ``must_haves`` are the affirmative lines of the must-have field; a line that forbids
    (« ne pas mentionner les concurrents ») is read as a prohibition and listed in ``prohibitions``.
    """

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
    prohibitions: tuple[str, ...] = ()
    disclosure_waived: str | None = None
    needs_medical: bool = True
    item_count: int = 0
    freedom_given: bool = False


_FOLDED_CHOICES = {choice: fold(choice) for choice in SCRIPT_CHOICES}


def _script_choice(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    reading = read(value[:MAX_SHORT_FIELD_CHARS])
    folded = reading.folded
    for choice in SCRIPT_CHOICES:
        if folded.strip() == _FOLDED_CHOICES[choice]:
            return choice
    if VERBATIM.said(reading):
        return SCRIPT_VERBATIM
    if KEY_POINTS.said(reading):
        return SCRIPT_KEY_POINTS
    if SCRIPT_WORDS.denied(reading) or folded.strip(" .!") in {"aucun", "non", "libre", "rien", "sans"}:
        return SCRIPT_NONE
    return None


def _quote_hit(reading: Reading, hit: Hit) -> str:
    """The learner's own words for a hit (its folded form when typo correction moved positions)."""
    aligned = len(reading.text) == len(reading.raw)
    return _short(reading.raw[hit.start : hit.end] if aligned else hit.text, 60)

def _medical(text: str) -> str | None:
    """The first medical-promise words of a text, in the learner's spelling."""
    folded = read(text).folded
    for pattern in _MEDICAL_PATTERNS:
        found = pattern.search(folded)
        if found:
            return text[found.start() : found.end()] if len(folded) == len(text) else found.group(0)
    return None


def _medical_affirmed(line: str) -> bool:
    """Whether a must-have line promises a medical effect (not « ne guérit pas »)."""
    reading = read(line)
    for pattern in _MEDICAL_PATTERNS:
        found = pattern.search(reading.folded)
        if found and not reading.negated(found.start()):
            return True
    return False


def needs_medical_ban(campaign: Campaign) -> bool:
    """Whether the campaign's product invites health claims (cosmetics, food, supplements…)."""
    if campaign.is_default:
        return True
    return bool(HEALTH_ADJACENT.hits(read(" ; ".join((campaign.product, campaign.brand.pitch, campaign.name)))))


def read_constraints(constraints: Mapping[str, object], today: date,
                     campaign: Campaign | None = None) -> ConstraintsReading:
    campaign = resolve(campaign)
    lines = split_items(constraints.get("must_have"))
    must_haves: list[str] = []
    prohibitions: list[str] = []
    for line in lines:
        (prohibitions if PROHIBITION.hits(read(line)) else must_haves).append(line)
    forbidden = _text(constraints.get("forbidden_claims"))
    if re.fullmatch(r"\s*(?:rien|aucune?|neant|non|pas d'interdits?|aucun interdit|-)?\s*[.!]*\s*",
                    fold(forbidden[:40])) and len(forbidden) < 40:
        forbidden = ""
    freedom = _text(constraints.get("creative_freedom"))
    other = _text(constraints.get("other"))

    disclosure = waived = weak = None
    for text in (*must_haves, *prohibitions, other[:MAX_MEANING_CHARS], freedom[:MAX_MEANING_CHARS],
                 forbidden[:MAX_MEANING_CHARS]):
        if not text:
            continue
        reading = read(text)
        weak = weak or contains_any(reading.folded, _WEAK_DISCLOSURE_PATTERNS)
        hits = DISCLOSURE.hits(reading)
        if text == forbidden[:MAX_MEANING_CHARS] or text in prohibitions:
            # A prohibition names the disclosure to forbid hiding it (« ne pas cacher le partenariat »).
            if hits and HIDING.hits(reading):
                disclosure = disclosure or _quote_hit(reading, hits[0])
            continue
        clear = [hit for hit in hits if not hit.negated and not _WEAK_ONLY.fullmatch(hit.text)]
        waivers = WAIVER.hits(reading)
        if hits and waivers and not any(hit.start < waivers[0].start for hit in clear):
            waived = waived or _short(text, 60)  # « inutile de préciser que c'est sponsorisé »
        elif clear:
            disclosure = disclosure or _quote_hit(reading, clear[0])
        elif any(hit.negated for hit in hits):
            waived = waived or _short(text, 60)

    medical_forbidden = _medical(forbidden[:MAX_MEANING_CHARS]) or next(
        (found for line in prohibitions if (found := _medical(line))), None)
    medical_in_must = next((line for line in must_haves if _medical_affirmed(line)), None)
    draft_text = _text(constraints.get("draft_due"))[:MAX_SHORT_FIELD_CHARS]
    window_text = _text(constraints.get("publication_window"))[:MAX_SHORT_FIELD_CHARS]
    drafts = find_dates(draft_text, today) if draft_text else []
    window = find_dates(window_text, today) if window_text else []
    freedom_reading = read(freedom[:MAX_MEANING_CHARS])
    refusals = NO_FREEDOM.hits(freedom_reading)
    # « la marque décide de tout »: a choice the brand makes is not the creator's freedom.
    granted = [hit for hit in FREEDOM.affirmed(freedom_reading)
               if not any(refusal.start <= hit.start < refusal.end for refusal in refusals)]
    given = bool(granted or CONSTRAINT_WORDS.denied(freedom_reading))
    denied = not given and bool(refusals or FREEDOM.denied(freedom_reading))
    return ConstraintsReading(
        must_haves=tuple(must_haves),
        forbidden="\n".join(filter(None, [forbidden, *prohibitions])),
        medical_forbidden=medical_forbidden,
        medical_in_must_have=medical_in_must,
        disclosure=disclosure,
        weak_disclosure=weak,
        script=_script_choice(constraints.get("script")),
        script_raw=script_value[:80] if isinstance(script_value := constraints.get("script"), str) else "",
        rounds=read_rounds(rounds[:MAX_SHORT_FIELD_CHARS] if isinstance(rounds := constraints.get("approval_rounds"),
                                                                         str) else rounds),
        draft_text=draft_text,
        window_text=window_text,
        draft=drafts[-1] if drafts else None,
        window_start=min(window) if window else None,
        window_end=max(window) if window else None,
        freedom=freedom,
        freedom_negated=bool(freedom) and denied,
        prohibitions=tuple(prohibitions),
        disclosure_waived=waived,
        needs_medical=needs_medical_ban(campaign),
        item_count=_item_count(constraints.get("must_have")),
        freedom_given=given,
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
    read_as = ""
    if reading.prohibitions:
        read_as = (f" {_quote([_short(p, 50) for p in reading.prohibitions[:2]])} "
                   f"{'est lu comme un interdit' if len(reading.prohibitions) == 1 else 'sont lus comme des interdits'}"
                   f", avec les allégations interdites.")
    if count:
        return FeedbackItem(
            "must_have",
            label,
            True,
            f"Vous fixez {count} message{'s' if count > 1 else ''} à faire passer, "
            f"par exemple « {_short(reading.must_haves[0])} ».{read_as}",
        )
    if reading.prohibitions:
        return FeedbackItem(
            "must_have",
            label,
            False,
            f"Vos messages obligatoires ne disent que ce qu'il ne faut pas faire :{read_as} Fixez au moins "
            "un point que le créateur doit faire passer, par exemple un bénéfice du produit ou où l'acheter.",
            READ_GUARDRAILS,
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
            "Ce produit ne soigne pas : retirez cette promesse et interdisez-la plutôt.",
            READ_GUARDRAILS,
        )
    if not reading.forbidden.strip():
        example = ("les promesses de soin médical (« guérit les pellicules », « soigne l'eczéma ») : un "
                   "cosmétique n'est pas un médicament" if reading.needs_medical else
                   "ce qui exposerait la marque : une promesse chiffrée qu'elle ne peut pas tenir, une "
                   "comparaison avec un concurrent, un sujet sensible")
        return FeedbackItem(
            "forbidden_claims",
            label,
            False,
            f"Vous n'interdisez rien. Interdisez au moins {example}.",
            READ_GUARDRAILS,
        )
    if reading.needs_medical and reading.medical_forbidden is None:
        return FeedbackItem(
            "forbidden_claims",
            label,
            False,
            "Vos interdits ne couvrent pas les promesses médicales. Ajoutez-les : pas de « guérit », "
            "« soigne », « traite l'eczéma » ou « bon pour la santé » pour ce produit.",
            READ_GUARDRAILS,
        )
    if reading.medical_forbidden:
        return FeedbackItem(
            "forbidden_claims",
            label,
            True,
            f"Vous interdisez les promesses médicales (« {reading.medical_forbidden} ») : le créateur "
            "sait ce qu'il ne doit pas dire.",
        )
    return FeedbackItem(
        "forbidden_claims",
        label,
        True,
        f"Vous fixez ce qu'il ne faut pas dire (« {_short(reading.forbidden.splitlines()[0])} ») : le "
        "créateur connaît les limites.",
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
    if reading.disclosure_waived:
        return FeedbackItem(
            "disclosure",
            label,
            False,
            f"« {reading.disclosure_waived} » : la mention n'est pas facultative. Un contenu payé se "
            "signale, « Publicité » ou « Collaboration commerciale », visible dès le début (chapitre 5).",
            READ_GUARDRAILS,
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
    # French puts « ou plus » after the noun: « 5 tours de validation ou plus ».
    many = f"{count} tours de validation ou plus" if rounds.or_more else f"{count} tours de validation"
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
            f"{many}, c'est beaucoup : chaque tour retarde la publication et "
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


def freedom_detail(freedom: str) -> tuple[int, int]:
    """How specific a freedom is: (words that are not articles, distinct concrete things named).
    « Ton, angle, montage » and « Le ton, l'angle, le montage » both give (3, 3)."""
    words = [w for w in re.findall(r"[a-z0-9]+", fold(freedom[:MAX_MEANING_CHARS])) if w not in _ARTICLES]
    return len(words), len({w for w in words if w not in _NOT_A_THING and not w.isdigit()})


def _freedom_item(reading: ConstraintsReading) -> FeedbackItem:
    label = "Liberté créative"
    words, things = freedom_detail(reading.freedom)
    if reading.freedom_negated:
        return FeedbackItem(
            "creative_freedom",
            label,
            False,
            f"« {_short(reading.freedom)} » ne laisse rien au créateur. Dites ce qu'il décide lui-même : le "
            "ton, l'angle, le décor, le montage, l'ordre des messages… 45 % des créateurs veulent mener la "
            "création (HubSpot).",
            READ_FREEDOM,
        )
    if not reading.freedom.strip():
        return FeedbackItem(
            "creative_freedom",
            label,
            False,
            "Dites ce que le créateur décide lui-même : le ton, l'angle, le décor, le montage, "
            "l'ordre des messages… 45 % des créateurs veulent mener la création (HubSpot).",
            READ_FREEDOM,
        )
    if things < MIN_FREEDOM_THINGS and words < MIN_FREEDOM_WORDS:
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
    beyond = reading.item_count > MAX_ANALYSED_ITEMS
    if beyond or count > MAX_MUST_HAVES:
        total = format_number(reading.item_count if beyond else count)
        read_note = (f" Seuls les {MAX_ANALYSED_ITEMS} premiers ont été lus." if beyond else "")
        return FeedbackItem(
            "must_have_count",
            label,
            False,
            f"{total} messages obligatoires, c'est trop pour une vidéo de quelques dizaines de "
            f"secondes : gardez les {MAX_MUST_HAVES} plus importants au maximum, idéalement deux ou "
            f"trois.{read_note}",
            READ_FREEDOM,
        )
    return FeedbackItem(
        "must_have_count",
        label,
        True,
        f"{count} message{'s' if count > 1 else ''} obligatoire{'s' if count > 1 else ''} : "
        "assez peu pour laisser de la place au créateur.",
    )

@learner_check("ch06-constraints", "Contraintes")
def check_constraints(constraints: object, *, today: date | None = None,
                      campaign: Campaign | None = None) -> Feedback:
    """Check the balance of a brief's constraints; one item per guard-rail and per freedom.

    ``constraints`` is a mapping with the keys of :data:`FIELDS`: ``must_have`` (text, one per
    line, or list), ``forbidden_claims`` (text), ``script`` (one of :data:`SCRIPT_CHOICES`, or a
    sentence such as « pas de script imposé »), ``approval_rounds`` (0–5, int or text),
    ``draft_due`` and ``publication_window`` (French dates), ``creative_freedom`` (text). Lines
    are read with their negations: « ne pas mentionner les concurrents » among the must-haves is a
    prohibition, « aucun texte fourni » a freedom. ``campaign``: the learner's campaign (its launch
    date, and whether its product invites health claims); Sève by default. Never raises on learner input.
    """
    campaign = resolve(campaign)
    if not isinstance(constraints, Mapping):
        kind = (
            "rien"
            if constraints is None or constraints is Ellipsis
            else "une liste" if isinstance(constraints, list | tuple | set | frozenset)
            else "un texte" if isinstance(constraints, str | bytes)
            else "un nombre" if isinstance(constraints, numbers.Number)
            else "une autre sorte de valeur"
        )
        return input_problem(
            CHECK_NAME,
            "Contraintes",
            f"Les contraintes doivent être un dictionnaire {{champ: valeur}}, pas {kind}. Exemple : "
            '{"must_have": "…", "forbidden_claims": "…", "script": "Points clés à couvrir", …}.',
            READ_EXAMPLE,
        )
    if all(_blank(constraints.get(key)) for key in FIELDS):
        return input_problem(
            CHECK_NAME,
            "Contraintes",
            "Remplissez d'abord les contraintes du brief : messages obligatoires, allégations interdites, "
            "script, tours de validation, dates et liberté laissée au créateur.",
            READ_EXAMPLE,
        )
    today = today or clock.today()
    reading = read_constraints(constraints, today, campaign)
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
    if reading.window_end is not None and reading.window_end < campaign.launch:
        tips.append(
            f"La publication se termine avant le lancement ({format_date(campaign.launch)}) : est-ce voulu ?"
        )
    if (
        reading.window_start is not None
        and reading.window_end is not None
        and reading.window_end - reading.window_start > timedelta(days=92)
    ):
        tips.append("La période de publication dépasse trois mois : resserrez-la autour du lancement.")
    return build_feedback(CHECK_NAME, items, tips)

def constraints_summary(constraints: Mapping[str, object], today: date | None = None,
                        campaign: Campaign | None = None) -> dict[str, object]:
    """The constraints as chapter 10's brief needs them: lists and ISO dates, already read."""
    reading = read_constraints(constraints, today or clock.today(), campaign)
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
