"""Chapter 5 — « Cacher le partenariat »: is a sponsored caption disclosed properly?

:func:`check_disclosure` reads a caption as it would be published (emoji, hashtags, mentions,
line breaks, curly quotes, non-breaking spaces) and judges it for one jurisdiction with the
rules of :mod:`influence_workbook.disclosure_rules`, one feedback item per criterion:

wording (a clear mention, not an ambiguous tag) · language (the audience's language) ·
placement (at the start, before « … plus », not in a wall of hashtags) · and in France, when
the images are retouched or AI-generated, the « Images retouchées » / « Images virtuelles »
mention.

A caption that *denies* a partnership (« Ce n'est pas une publicité », « Sans pub ni
partenariat », « not an ad ») discloses nothing: its words are read under the reading layer's
negation scopes (:mod:`influence_workbook.reading`, the shared ``AD_MENTION`` meaning) and the
wording item says that a denial is not a mention. Typos and missing accents do not hide a
mention (« Publicitée », « partenairiat »). Each cause gets one item: with no mention there is
no language or placement to judge, and a weak word that is also buried is told in one item.

:func:`check_campaign_caption` judges the learner's caption on their campaign's markets
(:class:`~influence_workbook.campaign.Campaign`; Belgium by the European Union's rules) and
names that campaign's brand.

Positions are reported as the learner sees them: « à la position 412 (ligne 9), après 9
hashtags ». The caption is folded with a length-preserving table so that every match maps back
to the caption's own characters; the whole analysis is a handful of linear regex scans.
"""

from __future__ import annotations

import bisect
import json
import random
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from influence_workbook.campaign import MARKET_NAMES, Campaign, resolve
from influence_workbook.checks.guard import learner_check
from influence_workbook.disclosure_rules import (
    AUDIENCE_JURISDICTIONS,
    JURISDICTION_CODES,
    JURISDICTIONS,
    RETOUCHED_PATTERNS,
    TRUNCATION_CHARS,
    TRUNCATION_LINES,
    VIRTUAL_PATTERNS,
    WORDING_KINDS,
    Status,
    WordingKind,
    suggested_wording,
)
from influence_workbook.feedback import Feedback, FeedbackItem, build_feedback, input_problem
from influence_workbook.reading import AD_MENTION, correct_typos, expand, negation_scopes, one_edit_apart
from influence_workbook.tables import as_rows
from influence_workbook.text import is_placeholder

CHECK_NAME = "ch05-disclosure"
Verdict = Literal["compliant", "non_compliant", "not_applicable"]

# Sections of chapter 5 that feedback points to (their titles in the chapter).
READ_RULES = "Les règles, pays par pays"
READ_WORDING = "Les mots qui signalent un partenariat"
READ_PLACEMENT = "Où placer la mention"
READ_IMAGES = "Images retouchées, images virtuelles"
READ_EXAMPLE = "Exemple : avant, après"

#: Captions longer than this are analysed on their first characters only (Instagram allows 2 200).
MAX_ANALYSED_CHARS = 200_000
#: Hashtags in a row before a mention that make it « noyée parmi les hashtags ».
HASHTAG_WALL = 2

_ALIASES = {
    "FR": "FR", "FRANCE": "FR", "CH": "CH", "SUISSE": "CH", "SCHWEIZ": "CH", "EU": "EU", "UE": "EU",
    "EUROPE": "EU", "US": "US", "USA": "US", "ETATS-UNIS": "US", "UK": "UK", "GB": "UK", "ROYAUME-UNI": "UK",
}
_STATUS_ORDER: dict[Status, int] = {"ok": 0, "risky": 1, "ko": 2}


# --------------------------------------------------------------------------- length-preserving fold

_SPECIAL = {
    **{c: " " for c in "\u00a0\u202f\u2007\u2009\u200a\u2002\u2003\u200b\ufeff\t\r"},
    **{c: "'" for c in "’‘ʼ′`´"},
    **{c: '"' for c in "«»“”„"},
    **{c: "-" for c in "‐‑‒–—―−"},
}


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    if char in _SPECIAL:
        return _SPECIAL[char]
    lowered = char.lower()
    stripped = "".join(c for c in unicodedata.normalize("NFD", lowered) if unicodedata.category(c) != "Mn")
    if len(stripped) == 1:
        return stripped
    if stripped.startswith(("œ", "æ")):
        return stripped[0]
    return stripped[:1] if stripped else " "


def fold_same_length(text: str) -> str:
    """Lower case, no accents, plain spaces and quotes, one character for one (positions kept)."""
    table = {ord(c): _fold_char(c) for c in set(text)}
    return text.translate(table)


# --------------------------------------------------------------------------- language

_STOPWORDS = {
    "fr": frozenset("le la les des une un est et pour avec mon ma mes vous je c'est du au sur pas qui que "
                    "dans "
                    "ce cette ton ta tes nous on mais tres trop plus j'ai votre vos de voici avis lien chez "
                    "sans tout".split()),
    "de": frozenset("der die das und ist ich mit fur nicht ein eine auf zu den dem sich auch mein meine "
                    "meiner meinem ihr euch wir sehr habe im neu seit zwei wochen unterwegs heute was wer "
                    "danke ehrliche meinung von zur zum neue neues neuen jeden damit dass oder aber".split()),
    "en": frozenset("the and is my with for this you it to of on i'm your our we so have just love i it's "
                    "new from two weeks testing out about honest review off link what".split()),
}
_WORD_RE = re.compile(r"[a-z']+")


def detect_language(folded: str) -> str | None:
    """'fr', 'de' or 'en' from common short words, or None when the text gives no clear sign."""
    counts = dict.fromkeys(_STOPWORDS, 0)
    for word in _WORD_RE.findall(folded[:3_000]):
        for language, words in _STOPWORDS.items():
            if word in words:
                counts[language] += 1
    ranked = sorted(counts.items(), key=lambda item: item[1], reverse=True)
    if ranked[0][1] >= 2 and ranked[0][1] > ranked[1][1]:
        return ranked[0][0]
    return None


LANGUAGE_NAMES = {"fr": "français", "de": "allemand", "en": "anglais"}


# --------------------------------------------------------------------------- reading a caption

@dataclass(frozen=True)
class Mention:
    """A wording found in the caption, where it stands and what surrounds it."""

    kind: WordingKind
    start: int  # 0-based index in the caption
    end: int
    text: str  # as written by the creator
    line: int  # 1-based line number
    text_line: int  # 1-based rank among the non-empty lines
    hashtags_before: int  # hashtags anywhere before it
    hashtag_run: int  # hashtags immediately before it (only spaces between)

    @property
    def position(self) -> int:
        return self.start + 1

    @property
    def is_hashtag(self) -> bool:
        return self.text.startswith("#")

    def status(self, jurisdiction: str) -> Status:
        return self.kind.verdicts[jurisdiction][0]

    def reason(self, jurisdiction: str) -> str:
        return self.kind.verdicts[jurisdiction][1]

    @property
    def buried_reason(self) -> str | None:
        """Why the mention is hidden, in French, or None when it is visible at once."""
        where = self.where
        if self.start >= TRUNCATION_CHARS:
            return (f"elle est {where} : au-delà des {TRUNCATION_CHARS} premiers caractères, elle est cachée "
                    "derrière « … plus »")
        if self.text_line > TRUNCATION_LINES:
            return (f"elle est {where}, au-delà des {TRUNCATION_LINES} premières lignes affichées avant "
                    "« … plus »")
        if self.is_hashtag and self.hashtag_run >= HASHTAG_WALL:
            return f"elle est {where}, noyée parmi les hashtags"
        return None

    @property
    def where(self) -> str:
        text = f"à la position {self.position} (ligne {self.line})"
        if self.hashtags_before:
            plural = "s" if self.hashtags_before > 1 else ""
            text += f", après {self.hashtags_before} hashtag{plural}"
        return text


@dataclass(frozen=True)
class Denial:
    """Words that say the post is *not* advertising (« Ce n'est pas une publicité »), as written."""

    start: int
    text: str


@dataclass(frozen=True)
class DisclosureReading:
    mentions: tuple[Mention, ...]  # affirmed mentions only: a denied one is in ``denials``
    language: str | None
    hashtags: int
    has_retouched_mention: bool
    has_virtual_mention: bool
    length: int
    truncated: bool
    denials: tuple[Denial, ...] = ()
    misspelt: tuple[str, ...] = ()  # mentions read through a typo, as written


_HASHTAG_RE = re.compile(r"#\w+")
_SEPARATORS = " \n,.·•|"
# One regex per kind of wording, run only when one of its trigger words is in the caption.
_KIND_RES: tuple[tuple[int, WordingKind, re.Pattern[str]], ...] = tuple(
    (index, kind, re.compile("|".join(f"(?:{p})" for p in kind.patterns), re.MULTILINE))
    for index, kind in enumerate(WORDING_KINDS)
)


_corrected_word = lru_cache(maxsize=16_384)(correct_typos)


class _EmojiStops(dict[int, str]):
    """str.translate table: each pictograph or symbol (Unicode « So ») becomes a full stop."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        self[code] = "." if unicodedata.category(char) == "So" else char
        return self[code]


_EMOJI_STOPS = _EmojiStops()


class _Corrected:
    """Folded text with typos corrected word by word (« publicitée », « partenairiat »), and the way
    back from a position in it to a position in the caption."""

    _WORD = re.compile(r"[a-z]{6,}")

    def __init__(self, folded: str) -> None:
        # An emoji ends a clause as a full stop does: « Sans filtre 🌿 Publicité » denies no advertising.
        folded = folded.translate(_EMOJI_STOPS) if not folded.isascii() else folded
        pieces: list[str] = []
        # (start in corrected text, start in caption, length in corrected, length in caption) per changed word
        self.changes: list[tuple[int, int, int, int]] = []
        last = 0
        shift = 0
        for match in self._WORD.finditer(folded):
            word = match.group(0)
            fixed = _corrected_word(word)
            if fixed == word:
                continue
            pieces.append(folded[last:match.start()])
            self.changes.append((match.start() + shift, match.start(), len(fixed), len(word)))
            pieces.append(fixed)
            shift += len(fixed) - len(word)
            last = match.end()
        pieces.append(folded[last:])
        self.text = "".join(pieces)
        self._starts = [change[0] for change in self.changes]

    def original(self, position: int) -> int:
        """The caption's position for a position in the corrected text."""
        index = bisect.bisect_right(self._starts, position) - 1
        if index < 0:
            return position
        new_start, old_start, new_length, old_length = self.changes[index]
        if position < new_start + new_length:
            return old_start + min(position - new_start, old_length)
        return position - (new_start + new_length) + old_start + old_length

    def touched(self, start: int, end: int) -> bool:
        """Whether a typo was corrected between these positions of the corrected text."""
        index = bisect.bisect_right(self._starts, end - 1) - 1
        return index >= 0 and self.changes[index][0] + self.changes[index][2] > start


#: Every kind in one scan: at each place the first kind listed that matches wins (« #collaboration
#: commerciale » over « #collaboration »), and the scan goes on after it (no overlapping wordings).
_ALL_KINDS = re.compile("|".join(f"(?P<k{index}>{pattern.pattern})" for index, _kind, pattern in _KIND_RES),
                        re.MULTILINE)
assert _ALL_KINDS.groups == len(WORDING_KINDS), "a wording pattern must not capture: use (?:…)"


def _wording_matches(text: str) -> list[tuple[int, int, WordingKind]]:
    """Non-overlapping wordings, leftmost first; at the same place the kind listed first wins."""
    return [(m.start(), m.end(), WORDING_KINDS[int(str(m.lastgroup)[1:])]) for m in _ALL_KINDS.finditer(text)
            if m.end() > m.start()]


#: The shared meaning « this is advertising », read on the caption's own (corrected) text so that
#: what it finds under a negation (« sans pub ni partenariat ») can be quoted back as written.
_AD_WORDS = re.compile("|".join(f"(?:{expand(pattern)})" for pattern in (
    *AD_MENTION.patterns, r"\b#?collabs?\b", r"\b#?publi\b", r"\b#?sponso\b")))
#: English denials (the reading layer's negation scopes are French): « not an ad », « #notsponsored ».
_ENGLISH_DENIAL = re.compile(
    r"\b(?:not|never|no|isn't|is not)\s+(?:an?\s+|a paid\s+)?#?(?:ad|ads|advert\w*|sponsored|paid|"
    r"partnership|collab\w*)\b|#(?:notsponsored|notanad|notad|nonsponsoris\w*|pasdepub\w*|nonpaye\w*)\b"
)
_CLAUSE_START = re.compile(r"[.!?\n|:;]")


#: Denials quoted back at most (the first one is what the feedback shows).
MAX_DENIALS = 3


def _denials(corrected: _Corrected, caption: str, found: list[tuple[int, int, WordingKind]]) -> tuple[
        list[tuple[int, int, WordingKind]], tuple[Denial, ...]]:
    """Split the wordings into affirmed ones and denials, and add denials no wording kind names."""
    text = corrected.text
    english = [(m.start(), m.end()) for m in _ENGLISH_DENIAL.finditer(text)]
    ad_words = any(trigger in text for trigger in ("pub", "sponso", "partenariat", "collab", "#"))
    if not (found or ad_words or english):
        return [], ()
    scopes: list[tuple[int, int]] = []
    for start, end in sorted([(scope.start, scope.end) for scope in negation_scopes(text)] + english):
        if scopes and start < scopes[-1][1]:  # an English denial inside a French scope: one span
            scopes[-1] = (scopes[-1][0], max(scopes[-1][1], end))
        else:
            scopes.append((start, end))
    starts = [scope[0] for scope in scopes]

    def scope_of(position: int) -> tuple[int, int] | None:
        index = bisect.bisect_right(starts, position) - 1
        return scopes[index] if index >= 0 and position < scopes[index][1] else None

    denied_spans: list[tuple[int, int]] = list(english)
    affirmed: list[tuple[int, int, WordingKind]] = []
    for start, end, kind in found:
        scope = scope_of(start)
        if scope is None:
            affirmed.append((start, end, kind))
        else:
            denied_spans.append((scope[0], max(scope[1], end)))
    if scopes and ad_words:
        for match in _AD_WORDS.finditer(text):
            scope = scope_of(match.start())
            if scope is not None:
                denied_spans.append((scope[0], max(scope[1], match.end())))
    clauses = [m.end() for m in _CLAUSE_START.finditer(text)]
    denials: list[Denial] = []
    for start, end in sorted(set(denied_spans)):
        if len(denials) == MAX_DENIALS:
            break
        if denials and corrected.original(start) < denials[-1].start + len(denials[-1].text):
            continue
        index = bisect.bisect_right(clauses, start) - 1
        clause = clauses[index] if index >= 0 else 0
        first, last = corrected.original(clause), corrected.original(end)
        quoted = caption[first:last].strip(" -,\t\"'")
        if len(quoted) > 80:
            quoted = quoted[:79].rstrip() + "…"
        denials.append(Denial(first, quoted))
    return affirmed, tuple(denials)


_RETOUCHED = tuple(re.compile(p) for p in RETOUCHED_PATTERNS)
_VIRTUAL = tuple(re.compile(p) for p in VIRTUAL_PATTERNS)


def _hashtag_runs(folded: str, spans: list[tuple[int, int]]) -> list[int]:
    """For each hashtag, how many hashtags stand immediately before it (only spaces between)."""
    runs: list[int] = []
    for index, (start, _end) in enumerate(spans):
        if index and not folded[spans[index - 1][1]:start].strip(_SEPARATORS):
            runs.append(runs[-1] + 1)
        else:
            runs.append(0)
    return runs


@lru_cache(maxsize=64)
def read_disclosure(caption: str) -> DisclosureReading:
    """Every disclosure wording in a caption, in reading order, with its place and surroundings.

    Cached: a campaign caption is judged for each of its markets, and a workshop's posts for each
    jurisdiction, from one reading.
    """
    caption = unicodedata.normalize("NFC", caption)
    truncated = len(caption) > MAX_ANALYSED_CHARS
    caption = caption[:MAX_ANALYSED_CHARS]
    folded = fold_same_length(caption)
    hashtag_spans = [(m.start(), m.end()) for m in _HASHTAG_RE.finditer(folded)]
    hashtag_starts = [start for start, _ in hashtag_spans]
    runs = _hashtag_runs(folded, hashtag_spans)
    line_starts = [0] + [m.end() for m in re.finditer(r"\n", folded)]
    nonempty: list[int] = []
    for index, start in enumerate(line_starts):
        end = line_starts[index + 1] - 1 if index + 1 < len(line_starts) else len(folded)
        if folded[start:end].strip():
            nonempty.append(index)

    corrected = _Corrected(folded)
    affirmed, denials = _denials(corrected, caption, _wording_matches(corrected.text))
    found: list[Mention] = []
    misspelt: list[str] = []
    for fixed_start, fixed_end, kind in affirmed:
        start, end = corrected.original(fixed_start), corrected.original(fixed_end)
        if corrected.touched(fixed_start, fixed_end) or "publicitee" in folded[start:end]:
            misspelt.append(caption[start:end].strip())
        line_index = bisect.bisect_right(line_starts, start) - 1
        text_line = bisect.bisect_right(nonempty, line_index)
        before = bisect.bisect_left(hashtag_starts, start)
        if before < len(hashtag_starts) and hashtag_starts[before] == start:
            run = runs[before]
        elif before and not folded[hashtag_spans[before - 1][1]:start].strip(_SEPARATORS):
            run = runs[before - 1] + 1
        else:
            run = 0
        found.append(Mention(kind, start, end, caption[start:end].strip(), line_index + 1, max(text_line, 1),
                             before, run))
    return DisclosureReading(
        mentions=tuple(found),
        language=detect_language(folded),
        hashtags=len(hashtag_spans),
        has_retouched_mention=any(p.search(corrected.text) for p in _RETOUCHED),
        has_virtual_mention=any(p.search(corrected.text) for p in _VIRTUAL),
        length=len(caption),
        truncated=truncated,
        denials=denials,
        misspelt=tuple(misspelt),
    )


def best_mention(reading: DisclosureReading, jurisdiction: str) -> Mention | None:
    """The mention that counts: the first accepted one, else the first risky one, else the first found."""
    if not reading.mentions:
        return None
    return min(reading.mentions, key=lambda m: (_STATUS_ORDER[m.status(jurisdiction)], m.start))


def normalize_jurisdiction(value: object) -> str | None:
    """'fr', ' France ', 'Suisse', 'USA'… → 'FR', 'CH', 'US'; None when not one of the five."""
    if not isinstance(value, str):
        return None
    key = unicodedata.normalize("NFD", value.strip().upper())
    key = "".join(c for c in key if unicodedata.category(c) != "Mn").replace(" ", "-")
    return _ALIASES.get(key)


def _valid_list() -> str:
    return ", ".join(f"« {code} » ({JURISDICTIONS[code].name})" for code in JURISDICTION_CODES)


# --------------------------------------------------------------------------- items

def _wording_item(mention: Mention | None, jurisdiction: str, suggestion: str,
                  denials: tuple[Denial, ...] = ()) -> FeedbackItem:
    label = "Mention claire"
    where = JURISDICTIONS[jurisdiction].in_name
    status = mention.status(jurisdiction) if mention is not None else None
    if denials and status != "ok":
        denial = denials[0].text
        return FeedbackItem(
            "wording", label, False,
            f"« {denial} » nie le partenariat : une dénégation n'est pas une mention. Si la publication est "
            "rémunérée (argent, produit offert, commission), elle trompe le public. Écrivez « "
            f"{suggestion} » au tout début de la légende.", READ_WORDING)
    if mention is None:
        return FeedbackItem(
            "wording", label, False,
            f"Aucune mention de partenariat trouvée : écrivez « {suggestion} » au tout début de la légende "
            "(et sur l'image ou la vidéo).", READ_WORDING)
    reason = mention.reason(jurisdiction)
    if status == "ok":
        return FeedbackItem("wording", label, True, f"« {mention.text} » : {reason}.")
    verdict = "est à risque" if status == "risky" else "ne suffit pas"
    # A weak word that is also buried is one cause: the fix says where the right word goes.
    place = f", au tout début de la légende : « {mention.text} » {mention.buried_reason.removeprefix('elle ')}" \
        if mention.buried_reason else ""
    return FeedbackItem(
        "wording", label, False,
        f"« {mention.text} » {verdict} {where} — {reason}. Écrivez plutôt « {suggestion} »{place}.",
        READ_WORDING)


def _audience_language(jurisdiction: str, caption_language: str | None, mention: Mention | None) -> str:
    if jurisdiction == "FR":
        return "fr"
    if caption_language:
        return caption_language
    default = JURISDICTIONS[jurisdiction].language
    if default:
        return default
    return mention.kind.language if mention is not None and mention.kind.language else "fr"


def _language_item(mention: Mention, jurisdiction: str, audience: str, wording_failed: bool) -> FeedbackItem:
    """Whether a mention written in words is in the audience's language (one cause: the language)."""
    label = "Langue du public"
    suggestion = suggested_wording(jurisdiction, audience)
    audience_name = LANGUAGE_NAMES.get(audience, audience)
    if mention.kind.language == audience:
        return FeedbackItem(
            "language", label, True, f"La mention est en {audience_name}, la langue du public.")
    mention_name = LANGUAGE_NAMES.get(mention.kind.language, mention.kind.language)
    if jurisdiction == "FR":
        why = "la loi vise un public en France : la mention doit être comprise en français"
    else:
        why = f"la légende est en {audience_name} : la mention doit être comprise par ce public"
    fix = "" if wording_failed else f" Écrivez « {suggestion} »."
    return FeedbackItem(
        "language", label, False, f"« {mention.text} » est en {mention_name} ; {why}.{fix}", READ_RULES)


def _placement_item(mention: Mention, accepted: list[Mention], suggestion: str) -> FeedbackItem:
    label = "Placement en tête"
    visible = [m for m in accepted if m.buried_reason is None]
    if visible:
        first = visible[0]
        return FeedbackItem(
            "placement", label, True,
            f"« {first.text} » est visible d'emblée, {first.where}.")
    if mention.buried_reason is None:
        return FeedbackItem(
            "placement", label, True,
            f"« {mention.text} » est bien en tête, {mention.where} : seul le choix du mot est à revoir.")
    return FeedbackItem(
        "placement", label, False,
        f"La mention « {mention.text} » est mal placée : {mention.buried_reason}. Mettez « {suggestion} » "
        "au tout début de la légende, avant tout hashtag.", READ_PLACEMENT)


def _images_items(reading: DisclosureReading, retouched: bool, ai_generated: bool) -> list[FeedbackItem]:
    items = []
    if retouched:
        items.append(FeedbackItem(
            "retouched", "« Images retouchées »", reading.has_retouched_mention,
            "La mention « Images retouchées » est présente."
            if reading.has_retouched_mention else
            "Les images affinent ou épaississent une silhouette, ou modifient un visage : la loi (art. 5 I) "
            "impose la mention « Images retouchées » (ou équivalente), claire et lisible. Sanction : un an "
            "d'emprisonnement et 4 500 € d'amende.", None if reading.has_retouched_mention else READ_IMAGES))
    if ai_generated:
        items.append(FeedbackItem(
            "virtual", "« Images virtuelles »", reading.has_virtual_mention,
            "La mention « Images virtuelles » est présente."
            if reading.has_virtual_mention else
            "Un visage ou une silhouette produits par intelligence artificielle doivent porter la mention "
            "« Images virtuelles » (art. 5 I de la loi n° 2023-451), ou une mention équivalente.",
            None if reading.has_virtual_mention else READ_IMAGES))
    return items


# --------------------------------------------------------------------------- public API

#: The yes/no arguments, as the learner reads them (never the parameter's English name).
_FLAGS: tuple[tuple[str, str], ...] = (
    ("Images retouchées", "les images sont-elles retouchées ?"),
    ("Images générées par IA", "les images sont-elles générées par intelligence artificielle ?"),
    ("Partenariat", "la publication est-elle rémunérée ?"),
)
_KIND_NAMES: dict[type, str] = {
    int: "un nombre", float: "un nombre", bool: "une réponse oui/non", list: "une liste", tuple: "une liste",
    dict: "un dictionnaire", set: "un ensemble", bytes: "des octets",
}


_YES = frozenset({"oui", "vrai", "yes", "true", "o", "x"})
_NO = frozenset({"non", "faux", "no", "false", "n"})


def _yes_no(value: object) -> bool | None:
    """A yes/no answer: a bool, or « oui » / « non » written as text; None when it is neither."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        word = fold_same_length(value).strip(" .!")
        return True if word in _YES else False if word in _NO else None
    return None


def _kind_of(value: object) -> str:
    """What a learner passed, in French words (never a Python repr)."""
    return next((name for kind, name in _KIND_NAMES.items() if isinstance(value, kind)), "une valeur d'un autre type")


def _shown(value: object) -> str:
    """A learner's value quoted back: text as written (cut), anything else by its kind."""
    if isinstance(value, str):
        return f"« {value.strip()[:40]} »" if value.strip() else "une réponse vide"
    if isinstance(value, bool) or value is None or value is Ellipsis:
        return "une case vide" if value is None else "« ... » (à compléter)" if value is Ellipsis else (
            "« vrai »" if value else "« faux »")
    return _kind_of(value)


def _is_not(value: object) -> str:
    """« « XX » n'est pas » for text, « Vous avez donné un nombre, qui n'est pas » otherwise."""
    if isinstance(value, str) and value.strip():
        return f"« {value.strip()[:40]} » n'est pas"
    return f"Vous avez donné {_shown(value)}, qui n'est pas"


def _caption_problem(caption: object) -> Feedback | None:
    if is_placeholder(caption):
        return input_problem(
            CHECK_NAME, "Légende",
            "Collez d'abord la légende à vérifier (remplacez « ... » par le texte de la "
            "publication).", READ_WORDING)
    if not isinstance(caption, str):
        return input_problem(
            CHECK_NAME, "Légende",
            f"La légende doit être un texte entre guillemets, pas {_kind_of(caption)}. "
            "Exemple : \"Publicité | Ma routine cheveux avec @seve…\".", READ_WORDING)
    if not re.search(r"\w", caption):
        return input_problem(
            CHECK_NAME, "Légende",
            "Cette légende ne contient aucun mot : écrivez le texte de la publication, mention comprise.",
            READ_WORDING)
    return None


@learner_check("ch05-disclosure", "Légende")
def check_disclosure(caption: object, jurisdiction: object = "FR", *, retouched: object = False,
                     ai_generated: object = False, sponsored: object = True,
                     language: object = None) -> Feedback:
    """Check how a caption discloses a partnership for one jurisdiction: FR, CH, EU, US or UK.

    ``retouched`` / ``ai_generated`` say that the images are retouched or AI-generated (French
    « Images retouchées » / « Images virtuelles » rule). ``sponsored=False`` is for a post with no
    partnership (no mention required). ``language`` ('fr', 'de', 'en') is the caption's language
    when known; otherwise it is guessed. Never raises on learner input.
    """
    problem = _caption_problem(caption)
    if problem is not None:
        return problem
    assert isinstance(caption, str)
    code = normalize_jurisdiction(jurisdiction)
    if code is None:
        return input_problem(
            CHECK_NAME, "Juridiction",
            f"{_is_not(jurisdiction)} une juridiction du chapitre. Choisissez parmi : "
            f"{_valid_list()}.", READ_RULES)
    answers = (_yes_no(retouched), _yes_no(ai_generated), _yes_no(sponsored))
    for given, flag, (label, question) in zip((retouched, ai_generated, sponsored), answers, _FLAGS, strict=True):
        if flag is None:
            return input_problem(
                CHECK_NAME, label,
                f"« {label} » attend oui ou non ({question}), pas {_shown(given)}.",
                READ_RULES if label == "Partenariat" else READ_IMAGES)
    retouched, ai_generated, sponsored = answers
    if language is not None and (not isinstance(language, str) or language not in LANGUAGE_NAMES):
        return input_problem(
            CHECK_NAME, "Langue",
            f"{_is_not(language)} une langue connue : indiquez « fr », « de » ou « en », ou rien.",
            READ_RULES)

    reading = read_disclosure(caption)
    tips: list[str] = []
    if reading.truncated:
        tips.append(f"Texte très long : seuls les {MAX_ANALYSED_CHARS:,} premiers caractères ont été lus "
                    "(une légende Instagram en compte au plus 2 200).".replace(",", "\u202f"))
    if not sponsored:
        item = FeedbackItem(
            "sponsored", "Partenariat", True,
            "Publication sans partenariat : aucune mention n'est exigée. Attention, un produit offert, un "
            "séjour "
            "ou une commission sont aussi des contreparties : dans ce cas, il faut la mention.")
        return build_feedback(CHECK_NAME, [item], tips)

    caption_language = language if isinstance(language, str) else reading.language
    if not applies(code, caption_language):
        assert caption_language is not None
        publics = ", ".join(JURISDICTIONS[c].name for c in AUDIENCE_JURISDICTIONS[caption_language])
        item = FeedbackItem(
            "applicable", "Règles applicables", True,
            f"Légende en {LANGUAGE_NAMES[caption_language]} : elle s'adresse à ce public ({publics}). Les "
            "règles "
            f"{_of_name(code)} ne la visent pas : jugez-la plutôt pour « "
            f"{AUDIENCE_JURISDICTIONS[caption_language][0]} ».")
        return build_feedback(CHECK_NAME, [item], tips)
    mention = best_mention(reading, code)
    audience = _audience_language(code, caption_language, mention)
    suggestion = suggested_wording(code, audience)
    accepted = [m for m in reading.mentions if m.status(code) == "ok"]
    wording = _wording_item(mention, code, suggestion, reading.denials)
    items = [wording]
    # One item per cause: with no mention (or only a denial) there is nothing to judge for language
    # or place; a tag in no language (« #sp », « merci @… ») fails on its wording alone.
    if mention is not None and not (reading.denials and not accepted):
        if mention.kind.language:
            items.append(_language_item(mention, code, audience, not wording.ok))
        # A weak word's place is told in the wording item; a visible one earns its place here.
        if wording.ok or mention.buried_reason is None:
            items.append(_placement_item(mention, accepted, suggestion))
    if code == "FR":
        items.extend(_images_items(reading, bool(retouched), bool(ai_generated)))
    elif retouched or ai_generated:
        tips.append(f"La mention « Images retouchées » / « Images virtuelles » est une règle française : il "
                    f"n'y a pas de règle équivalente {JURISDICTIONS[code].in_name}, mais l'ajouter ne nuit pas.")
    others = [m for m in reading.mentions if m is not mention and m.status(code) != "ok"]
    if mention is not None and mention.status(code) == "ok" and others:
        tips.append(f"« {others[0].text} » n'ajoute rien et reste ambigu : la mention claire suffit.")
    if wording.ok and reading.misspelt:
        tips.append(f"« {reading.misspelt[0]} » se comprend, mais relisez son orthographe avant de publier "
                    f"(« {suggestion} »)." if mention is not None and mention.kind.key == "legal_fr" else
                    f"« {reading.misspelt[0]} » se comprend, mais relisez son orthographe avant de publier.")
    return build_feedback(CHECK_NAME, items, tips)


def applies(jurisdiction: str, caption_language: str | None) -> bool:
    """Whether a caption in this language addresses the jurisdiction's public (unknown language: yes)."""
    if caption_language not in AUDIENCE_JURISDICTIONS:
        return True
    return jurisdiction in AUDIENCE_JURISDICTIONS[caption_language]


def _of_name(code: str) -> str:
    return {"FR": "de la France", "CH": "de la Suisse", "EU": "de l'Union européenne", "US": "des États-Unis",
            "UK": "du Royaume-Uni"}[code]


def disclosure_verdict(caption: object, jurisdiction: object = "FR", *, sponsored: bool = True,
                       language: object = None, retouched: bool = False,
                       ai_generated: bool = False) -> Verdict:
    """'compliant', 'non_compliant' or 'not_applicable' (no partnership, or a caption whose language
    does not address this jurisdiction's public), with the answer key's conventions."""
    if not sponsored:
        return "not_applicable"
    feedback = check_disclosure(caption, jurisdiction, retouched=retouched, ai_generated=ai_generated,
                                language=language)
    if any(item.criterion == "applicable" for item in feedback.items):
        return "not_applicable"
    return "compliant" if feedback.passed else "non_compliant"


# --------------------------------------------------------------------------- the learner's own caption

#: Sève's markets, kept for code written before the campaign became a value.
CAMPAIGN_JURISDICTIONS = ("FR", "CH")
#: The rules a campaign's market is judged by: Belgium has no rules of its own in the chapter, so
#: the European Union's (directive 2005/29/CE, DSA) apply there.
MARKET_RULES: dict[str, str] = {"FR": "FR", "CH": "CH", "BE": "EU", "EU": "EU", "UK": "UK", "US": "US"}
_ENGLISH_MARKETS = frozenset({"UK", "US"})


def campaign_markets(campaign: Campaign | None = None) -> tuple[str, ...]:
    """The campaign's markets the chapter has rules for (FR, CH, BE, EU, UK, US), in its order."""
    markets = tuple(code for code in resolve(campaign).markets if code in MARKET_RULES)
    return markets or CAMPAIGN_JURISDICTIONS


def _brand_pattern(name: str) -> re.Pattern[str] | None:
    """The brand as a caption names it: « Vélo Lac », « @velolac », « @velo.lac », « Sève », « @seve_officiel »."""
    words = re.findall(r"[a-z0-9]+", fold_same_length(name))
    if not words:
        return None
    body = r"[\s._-]?".join(map(re.escape, words))
    return re.compile(rf"(?<![a-z0-9_])(?:@{body}[\w.]*|{body})(?![a-z0-9_])")


def _caption_language(caption: str, markets: tuple[str, ...]) -> str:
    """The caption's language as read, else the markets' (English only when every market is English)."""
    language = read_disclosure(caption[:MAX_ANALYSED_CHARS]).language
    if language:
        return language
    return "en" if set(markets) <= _ENGLISH_MARKETS else "fr"


def _market_wording(market: str) -> str:
    """The mention to suggest for a market, in its public's main language."""
    rules = MARKET_RULES[market]
    return suggested_wording(rules, JURISDICTIONS[rules].language or "fr")


def _joined(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " et " + names[-1]


@learner_check("ch05-disclosure", "Légende")
def check_campaign_caption(caption: object, *, retouched: object = False, ai_generated: object = False,
                           campaign: Campaign | None = None) -> Feedback:
    """The learner's campaign caption, checked on each of the campaign's markets (Sève: France, Suisse).

    One item per criterion of :func:`check_disclosure` and market, labelled « France — … »; a
    market judged for the same cause in the same words as another shares its item (« France et
    Suisse — … »). Belgium is judged by the European Union's rules. Plus one item: the advertiser
    is named (DGCCRF: the missing advertiser is one of the most frequent breaches).
    """
    problem = _caption_problem(caption)
    if problem is not None:
        return problem
    assert isinstance(caption, str)
    chosen = resolve(campaign)
    markets = campaign_markets(chosen)
    language = _caption_language(caption, markets)
    groups: dict[tuple[str, bool, str], tuple[list[str], FeedbackItem, str]] = {}
    tips: list[str] = []
    french_images_rule = "FR" in markets  # judged there; no « règle française » tip for the others
    for market in markets:
        rules = MARKET_RULES[market]
        images = rules == "FR" or not french_images_rule  # FR validates the flags when it is a market
        feedback = check_disclosure(caption, rules, language=language, retouched=retouched if images else False,
                                    ai_generated=ai_generated if images else False)
        if feedback.is_input_problem:
            return feedback
        if any(item.criterion == "applicable" for item in feedback.items):
            # a caption in another language does not reach this market: a version for it is needed
            other = _market_wording(market)
            tips.append(f"Votre campagne vise aussi le marché « {MARKET_NAMES[market]} » : cette légende en "
                        f"{LANGUAGE_NAMES.get(language, language)} ne s'adresse pas à ce public. Publiez-y une "
                        f"version dans sa langue, qui commence par « {other} ».")
            continue
        for item in feedback.items:
            key = (item.criterion, item.ok, item.message)
            if key in groups:
                groups[key][0].append(MARKET_NAMES[market])
            else:
                groups[key] = ([MARKET_NAMES[market]], item, f"{market.lower()}:{item.criterion}")
        tips.extend(tip for tip in feedback.tips if tip not in tips)
    items = [FeedbackItem(criterion, f"{_joined(names)} — {item.label}", item.ok, item.message, item.read_more)
             for names, item, criterion in groups.values()]
    if not items:  # the caption reaches none of the campaign's markets
        tips.clear()
        names = _joined([MARKET_NAMES[market] for market in markets])
        items.append(FeedbackItem(
            "language", "Langue du public", False,
            f"Cette légende est en {LANGUAGE_NAMES.get(language, language)} : elle ne s'adresse à aucun des marchés "
            f"de la campagne ({names}). Écrivez-la dans la langue de ce public, en commençant par « "
            f"{_market_wording(markets[0])} ».",
            READ_RULES))
    brand = chosen.brand.name
    pattern = _brand_pattern(brand)
    named = pattern is None or pattern.search(fold_same_length(caption[:MAX_ANALYSED_CHARS])) is not None
    handle = "@" + re.sub(r"[^a-z0-9]", "", fold_same_length(brand))
    items.append(FeedbackItem(
        "brand", "Annonceur nommé", named,
        f"La marque {brand} est nommée : le public sait qui paie." if named else
        f"Nommez la marque (« {handle} » ou « {brand} ») : la DGCCRF relève souvent l'absence de "
        "l'annonceur, en plus de l'absence de mention.", None if named else READ_WORDING))
    return build_feedback("ch05-campaign-caption", items, tips)


def caption_verdicts(caption: object, *, retouched: bool = False, ai_generated: bool = False,
                     campaign: Campaign | None = None) -> dict[str, str]:
    """{market: verdict} for the learner's caption, one per market of the campaign (saved for later
    chapters); Sève's are {'FR': …, 'CH': …}."""
    markets = campaign_markets(campaign)
    language = _caption_language(caption, markets) if isinstance(caption, str) else "fr"
    return {market: disclosure_verdict(caption, MARKET_RULES[market], language=language, retouched=retouched,
                                       ai_generated=ai_generated)
            for market in markets}


# --------------------------------------------------------------------------- classifying sample captions

VERDICT_LABELS: dict[str, str] = {
    "compliant": "Conforme",
    "non_compliant": "Non conforme",
    "not_applicable": "Sans objet",
}
VERDICT_BY_LABEL: dict[str, str] = {label: key for key, label in VERDICT_LABELS.items()}


@dataclass(frozen=True)
class Case:
    """One sample post to classify: its caption, context, and the answer key's verdicts."""

    post_id: str
    caption: str
    language: str
    sponsored: bool
    brand: str
    kind: str
    expected: dict[str, str]

    @property
    def context(self) -> str:
        if self.sponsored:
            return f"Publication rémunérée par la marque {self.brand} (argent, produit offert ou commission)."
        return "Publication sans contrepartie d'aucune marque."


def explain(case: Case, jurisdiction: str) -> tuple[str, str | None]:
    """Why this post gets its verdict, in check_disclosure's own words, and the section to re-read."""
    feedback = check_disclosure(case.caption, jurisdiction, sponsored=case.sponsored, language=case.language)
    shown = feedback.failed_items() or feedback.items
    read_more = next((item.read_more for item in shown if item.read_more), None)
    return " ".join(item.message for item in shown), read_more


_VERDICT_WORDS: dict[str, str] = {
    "conforme": "compliant", "compliant": "compliant", "ok": "compliant",
    "non conforme": "non_compliant", "pas conforme": "non_compliant", "nonconforme": "non_compliant",
    "non compliant": "non_compliant", "sans objet": "not_applicable", "non applicable": "not_applicable",
    "pas applicable": "not_applicable", "n/a": "not_applicable", "not applicable": "not_applicable",
}
_VERDICT_SPELLING = ("conforme", "objet", "applicable")


def verdict_key(given: object) -> str | None:
    """'compliant', 'non_compliant' or 'not_applicable' from a verdict as a learner writes it
    (« Conforme », « non-conforme », « NON CONFORME », « pas conforme », « Confrome », « sans objet »),
    or None when it is not a verdict."""
    if not isinstance(given, str):
        return None
    words = re.sub(r"[\s_\-]+", " ", fold_same_length(given[:60])).strip(" .!\"'").split()
    fixed = [next((right for right in _VERDICT_SPELLING if len(word) >= 5 and one_edit_apart(word, right)), word)
             for word in words]
    return _VERDICT_WORDS.get(" ".join(fixed))


@lru_cache(maxsize=1)
def _workshop_sample() -> tuple[Case, ...]:
    """The workshop's eight posts, loaded once (reading the sample data takes about a second)."""
    return tuple(sample_cases())


@learner_check("ch05-classification", "Publications")
def check_classification(answers: object, cases: object = None, jurisdiction: object = "FR") -> Feedback:
    """The learner's verdicts ({post_id: « Conforme » | « Non conforme » | « Sans objet »}) against the
    answer key, one item per post, each with the reason given by :func:`check_disclosure`.

    ``cases`` are the posts shown to the learner; by default the workshop's seeded sample
    (:func:`sample_cases`). Verdicts are read as learners write them (case, hyphens, a typo).
    """
    check = "ch05-classification"
    if cases is None:
        try:
            cases = _workshop_sample()
        except (OSError, KeyError, ValueError, ImportError):
            cases = []
    if not isinstance(cases, (list, tuple)) or not cases or not all(isinstance(c, Case) for c in cases):
        return input_problem(check, "Publications",
                             "Il n'y a pas de publications à classer : relancez la cellule.",
                             READ_RULES)
    code = normalize_jurisdiction(jurisdiction)
    if code is None:
        return input_problem(check, "Juridiction", f"Choisissez une juridiction parmi : {_valid_list()}.",
                             READ_RULES)
    if is_placeholder(answers) or not isinstance(answers, dict):
        return input_problem(
            check, "Verdicts",
            "Donnez un verdict par publication : « Conforme », « Non conforme » ou « Sans objet ».", READ_RULES)
    items = []
    for number, case in enumerate(cases, start=1):
        label = f"Publication {number}"
        given = answers.get(case.post_id)
        given_key = verdict_key(given)
        expected = case.expected[code]
        reason, read_more = explain(case, code)
        if given_key is None:
            unread = "" if is_placeholder(given) else f"{_is_not(given)} un verdict. "
            items.append(FeedbackItem(
                f"post:{case.post_id}", label, False,
                f"{unread}Pas encore de verdict : choisissez « Conforme », « Non conforme » ou « Sans objet ».",
                READ_RULES))
        elif given_key == expected:
            items.append(FeedbackItem(f"post:{case.post_id}", label, True,
                                      f"Oui, « {VERDICT_LABELS[expected]} ». {reason}"))
        else:
            items.append(FeedbackItem(
                f"post:{case.post_id}", label, False,
                f"Vous avez répondu « {VERDICT_LABELS[given_key]} », la réponse est « {VERDICT_LABELS[expected]} ». "
                f"{reason}", read_more or READ_RULES))
    return build_feedback(check, items)


def load_cases() -> list[Case]:
    """Every post of the sample data with its answer-key verdicts (colleague's file
    ``data/answer_key/posts_disclosure.csv``), read as plain rows."""
    from influence_workbook.data.rows import read_rows

    return cases_from_rows(read_rows("posts"), read_rows("posts_disclosure"))


def cases_from_frames(posts: Any, key: Any) -> list[Case]:
    """Cases from the posts table and the disclosure answer key (pandas DataFrames, or lists of rows)."""
    post_rows, key_rows = as_rows(posts), as_rows(key)
    if post_rows is None or key_rows is None:
        raise TypeError("posts and key must be DataFrames or lists of rows")
    return cases_from_rows(post_rows, key_rows)


def cases_from_rows(posts: Sequence[Mapping[str, Any]], key: Sequence[Mapping[str, Any]]) -> list[Case]:
    """Cases from the posts' rows and the disclosure answer key's rows, in the posts' order (an inner join)."""
    keys: dict[str, list[Mapping[str, Any]]] = {}
    for entry in key:
        keys.setdefault(str(entry["post_id"]), []).append(entry)
    cases = []
    for post in posts:
        for row in keys.get(str(post["post_id"]), []):
            brand = row.get("brand")
            cases.append(Case(
                post_id=str(post["post_id"]), caption=str(post["caption"]), language=str(post["language"]),
                sponsored=str(row["is_sponsored"]).strip().lower() in {"true", "1", "vrai"},
                brand=brand if isinstance(brand, str) else "",
                kind=str(row["disclosure_kind"]),
                expected={code: str(row[f"verdict_{code.lower()}"]) for code in JURISDICTION_CODES},
            ))
    return cases


#: The mix of the classification workshop: one post of each kind, French first.
SAMPLE_PLAN: tuple[tuple[str, str], ...] = (
    ("proper_start", "fr"), ("ambiguous", "fr"), ("buried", "fr"), ("none", "fr"), ("not_needed", "fr"),
    ("proper_start", "en"), ("proper_start", "de"), ("ambiguous", "en"),
)
SAMPLE_SEED = 5
#: The course's sample, one post per entry of SAMPLE_PLAN: drawn once from the sample data with numpy's
#: ``default_rng(SAMPLE_SEED)`` (``tests/test_disclosure.py`` draws it again and compares).
SAMPLE_POST_IDS: tuple[str, ...] = ("P01632", "P01994", "P00073", "P02012", "P01121", "P01278", "P01546", "P00603")
#: The sample's posts with their verdicts, inside the package: the workshop reads them wherever the package is
#: installed (the browser's wheel ships the sample data but not the teachers' answer key). Written from the data
#: by :func:`write_sample_resource`; ``tests/test_disclosure.py`` fails when it is stale.
SAMPLE_RESOURCE = Path(__file__).resolve().parents[1] / "resources" / "disclosure_sample.json"


def sample_resource_text(cases: list[Case] | None = None) -> str:
    """The content of :data:`SAMPLE_RESOURCE`: the sample's cases, from the posts and the answer key."""
    by_id = {case.post_id: case for case in (load_cases() if cases is None else cases)}
    chosen = [asdict(by_id[post_id]) for post_id in SAMPLE_POST_IDS]
    return json.dumps(chosen, ensure_ascii=False, indent=1) + "\n"


def write_sample_resource() -> Path:
    """Write :data:`SAMPLE_RESOURCE` again from the data (after the data are regenerated)."""
    SAMPLE_RESOURCE.parent.mkdir(parents=True, exist_ok=True)
    SAMPLE_RESOURCE.write_text(sample_resource_text(), encoding="utf-8")
    return SAMPLE_RESOURCE


def sample_cases(cases: list[Case] | None = None, seed: int = SAMPLE_SEED) -> list[Case]:
    """A sample of eight posts, one per (disclosure kind, language) of :data:`SAMPLE_PLAN`.

    The course's own (:data:`SAMPLE_POST_IDS`, read from :data:`SAMPLE_RESOURCE`) by default; else drawn from
    ``cases`` (all the sample data's by default) with the standard library's :class:`random.Random`.
    """
    if cases is None and seed == SAMPLE_SEED:
        return [Case(**fields) for fields in json.loads(SAMPLE_RESOURCE.read_text(encoding="utf-8"))]
    cases = load_cases() if cases is None else cases
    by_id = {case.post_id: case for case in cases}
    if seed == SAMPLE_SEED and all(post_id in by_id for post_id in SAMPLE_POST_IDS):
        return [by_id[post_id] for post_id in SAMPLE_POST_IDS]
    rng = random.Random(seed)
    chosen: list[Case] = []
    for kind, language in SAMPLE_PLAN:
        pool = [c for c in cases if c.kind == kind and c.language == language and c not in chosen]
        if pool:
            chosen.append(pool[rng.randrange(len(pool))])
    return chosen


# --------------------------------------------------------------------------- exercise: classify wordings

#: The caption each wording is tried on in the exercise, in the language of the jurisdiction's public.
EXERCISE_BODIES: dict[str, str] = {
    "fr": "Mon rituel du soir avec le shampooing solide à l'avoine de @seve 🌾 Il apaise mon cuir chevelu.",
    "en": "My evening routine with the oat shampoo bar from @seve 🌾 My scalp loves it.",
}


@learner_check("ch05-wording-classification", "Verdicts")
def check_wording_classification(answers: object, jurisdiction: object = "FR") -> Feedback:
    """Exercise: {wording: « Conforme » | « Non conforme »} for one jurisdiction. Each wording is put at
    the start of a sample caption in the public's language and judged by :func:`check_disclosure`."""
    check = "ch05-wording-classification"
    code = normalize_jurisdiction(jurisdiction)
    if code is None:
        return input_problem(check, "Juridiction", f"Choisissez une juridiction parmi : {_valid_list()}.",
                             READ_RULES)
    if is_placeholder(answers) or not isinstance(answers, dict) or not answers:
        return input_problem(
            check, "Verdicts",
            "Donnez un dictionnaire {mention: verdict}, par exemple {\"Publicité\": \"Conforme\"}.",
            READ_WORDING)
    language = "en" if code in {"US", "UK"} else "fr"
    body = EXERCISE_BODIES[language]
    items = []
    for wording, given in answers.items():
        label = f"« {str(wording)[:60]} »" if isinstance(wording, str) else "Mention"
        criterion = f"wording:{str(wording)[:60]}"
        if not isinstance(wording, str) or not wording.strip():
            items.append(FeedbackItem(criterion, label, False,
                                      "Cette mention est vide : recopiez-la depuis la consigne.",
                                      READ_WORDING))
            continue
        feedback = check_disclosure(f"{wording} | {body}", code, language=language)
        expected = "Conforme" if feedback.passed else "Non conforme"
        why = " ".join(item.message for item in (feedback.failed_items() or feedback.items[:1]))
        given_key = verdict_key(given)
        if is_placeholder(given):
            items.append(FeedbackItem(criterion, label, False,
                                      "À compléter : écrivez « Conforme » ou « Non conforme ».",
                                      READ_WORDING))
        elif given_key not in {"compliant", "non_compliant"}:
            items.append(FeedbackItem(criterion, label, False,
                                      f"Répondez « Conforme » ou « Non conforme » (vous avez écrit {_shown(given)}).",
                                      READ_WORDING))
        elif VERDICT_LABELS[given_key] == expected:
            items.append(FeedbackItem(criterion, label, True, f"Oui, « {expected} ». {why}"))
        else:
            items.append(FeedbackItem(criterion, label, False,
                                      f"Non : « {expected} » {JURISDICTIONS[code].in_name}. {why}",
                                      READ_WORDING))
    return build_feedback(check, items)
