"""Chapter 3 — « Concept peu créatif »: is the campaign concept more than a product on a table?

The learner fills a concept canvas for their campaign (Sève's « Rituel Avoine » by default, or
their own, :class:`~influence_workbook.campaign.Campaign`), a mapping of French texts:
``angle``, ``platform``, ``format``, ``details`` (length, what happens), ``hook``,
``creator_role``, ``cta``, ``measurement`` and, when chapter 1 left no objective, ``goal``
(a funnel stage). :func:`check_concept` returns one feedback item per criterion:

angle (not a generic product post) · format fits the platform · hook of the first seconds ·
the creator's own role · call to action serving the objective · measurement of the objective's
own KPI.

Every field is read through :mod:`influence_workbook.reading`: « sans script imposé » grants
freedom, « ne choisit rien » takes it away, « Utilise mon code LUNA10 », « lien dans la
description de la vidéo » and « code NOA20 : -20 %, lien en story » are calls to action, and a
measurement « pas les likes : la portée » measures reach.

The exercise checks :func:`check_format_matching` and :func:`check_giveaway_spotting` use the
gallery of :mod:`influence_workbook.formats`.
"""

from __future__ import annotations

import re
import re._parser as sre_parse
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

from influence_workbook.campaign import Campaign, resolve
from influence_workbook.checks.guard import learner_check
from influence_workbook.checks.objective import KPIS, STAGES, Kpi, read_objective
from influence_workbook.feedback import Feedback, FeedbackItem, build_feedback, input_problem
from influence_workbook.formats import (
    FORMAT_BY_KEY,
    PLATFORM_CHOICES,
    SHORT_VIDEO_PLATFORMS,
    CreativeFormat,
    Platform,
    find_format,
    find_platform,
)
from influence_workbook.reading import (
    CALL_TO_ACTION,
    LINK_PLACEMENT,
    PROMO_CODE,
    Hit,
    Meaning,
    Reading,
    expand,
    read,
)
from influence_workbook.text import Patterns, compile_patterns, fold, format_number, is_placeholder

CHECK_NAME = "ch03-concept"
FIELDS: tuple[str, ...] = ("angle", "platform", "format", "details", "hook", "creator_role", "cta",
                           "measurement")
FIELD_LABELS: dict[str, str] = {
    "goal": "Objectif",
    "angle": "Angle",
    "platform": "Plateforme",
    "format": "Format",
    "details": "Durée et déroulé",
    "hook": "Accroche",
    "creator_role": "Rôle du créateur",
    "cta": "Appel à l'action",
    "measurement": "Mesure",
}
#: Each field is analysed on its first characters only; longer texts get a « trop long » message.
MAX_FIELD_CHARS = 2_000
MAX_ANGLE_WORDS = 80
MAX_HOOK_WORDS = 30
HOOK_READ_CHARS = 400
MIN_ANGLE_CONTENT_WORDS = 5
#: A learner's text shorter than this is quoted whole in a message (with its accents), else the match.
SHORT_QUOTE = 80

# Sections of chapter 3 that feedback points to (their titles in the chapter, verbatim).
READ_ANGLE = "Un angle, pas une photo du produit"
READ_FORMAT = "Le format qui va avec la plateforme"
READ_HOOK = "Les trois premières secondes"
READ_CREATOR = "Laisser sa place au créateur"
READ_CTA = "Un appel à l'action au service de l'objectif"
READ_MEASURE = "Mesurer ce qui compte"
READ_GALLERY = "La galerie des formats"
READ_GIVEAWAY = "Jeux-concours, les règles du jeu"
READ_EXAMPLE = "Exemple\u00a0: avant, après"
READ_MORE_TITLES: tuple[str, ...] = (READ_ANGLE, READ_FORMAT, READ_HOOK, READ_CREATOR, READ_CTA, READ_MEASURE,
                                     READ_GALLERY, READ_GIVEAWAY, READ_EXAMPLE)

GOAL_CHOICES: tuple[str, ...] = tuple(STAGES.values())

# --------------------------------------------------------------------------- fast meanings

_REPEATS = (sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT)
MIN_GATE_CHARS = 3


def _required_literals(items: Any) -> list[frozenset[str]]:
    """Literal strings a regex cannot match without: each set holds alternatives, one of which must occur.

    « \\benregistr(?:e|ez)\\b » needs « enregistr »; « \\b(?:lien|link) en bio » needs « lien » or « link »
    and « en bio ». Look-arounds and optional parts require nothing.
    """
    needs: list[frozenset[str]] = []
    run: list[str] = []

    def flush() -> None:
        if len(run) >= MIN_GATE_CHARS:
            needs.append(frozenset({"".join(run)}))
        run.clear()

    for op, value in items:
        if op is sre_parse.LITERAL:
            run.append(chr(value))
            continue
        flush()
        if op is sre_parse.SUBPATTERN:
            needs.extend(_required_literals(value[-1]))
        elif op is sre_parse.BRANCH:
            alternatives: set[str] = set()
            for branch in value[1]:
                branch_needs = _required_literals(branch)
                if not branch_needs:
                    alternatives = set()
                    break
                alternatives |= max(branch_needs, key=lambda need: min(map(len, need)))
            if alternatives:
                needs.append(frozenset(alternatives))
        elif op in _REPEATS and value[0] >= 1:
            needs.extend(_required_literals(value[2]))
    flush()
    return needs


class GatedMeaning(Meaning):
    """A :class:`Meaning` that skips a pattern when the text lacks a literal the pattern requires.

    Same hits as a plain meaning, found faster: a regex that starts with ``\\b`` or a verb form is
    tried at every character of the text, where ``"enregistr" in text`` is one quick scan.
    """

    @cached_property
    def _gates(self) -> tuple[tuple[frozenset[str], ...], ...]:
        # Worked out at first use, like the patterns (see Meaning).
        gates: list[tuple[frozenset[str], ...]] = []
        for pattern in self.patterns:
            try:
                needs = _required_literals(sre_parse.parse(expand(pattern)))
            except (re.error, RecursionError):  # pragma: no cover - a pattern sre cannot parse is not gated
                needs = []
            gates.append(tuple(sorted(needs, key=lambda need: -min(map(len, need)))[:2]))
        return tuple(gates)

    def compile(self) -> None:
        super().compile()
        self._gates  # noqa: B018 - a cached property: reading it works the gates out

    def hits(self, reading: Reading | str) -> list[Hit]:
        reading = read(reading) if isinstance(reading, str) else reading
        text = reading.text
        found: dict[tuple[int, int], Hit] = {}
        for pattern, gate in zip(self._compiled, self._gates, strict=True):
            if not all(any(literal in text for literal in need) for need in gate):
                continue
            for match in pattern.finditer(text):
                span = (match.start(), match.end())
                found.setdefault(span, Hit(*span, match.group(0).strip(), reading.negated(match.start())))
        return sorted(found.values(), key=lambda hit: hit.start)


def _split(hits: list[Hit]) -> tuple[list[Hit], list[Hit]]:
    """(affirmed, denied) hits, from one search."""
    return [hit for hit in hits if not hit.negated], [hit for hit in hits if hit.negated]


# --------------------------------------------------------------------------- the campaign's own words

# Words that name « the product » whatever the campaign (folded).
_GENERIC_PRODUCT_WORDS = (r"produits?", r"gamme", r"marque", r"nouveautes?", r"collection", r"offre",
                          r"articles?", r"services?", r"app(?:li(?:cation)?)?s?")
# A product description's head nouns end at its first preposition, linking word or number: « vélo cargo
# électrique deux enfants » is named « vélo cargo électrique », and « deux enfants » stays the learner's story.
_PRODUCT_CUT = re.compile(r"\s(?:de|du|des|d'|a|au|aux|pour|avec|sans|en|sur|par|qui|\d+|deux|trois|quatre|cinq|six|"
                          r"sept|huit|neuf|dix|douze|vingt|trente|cent)\b")
_STOP_WORDS = frozenset("""
    le la les un une des du de et ou a au aux pour avec sans en sur par qui que notre nos votre vos mon ma mes
    son sa ses leur leurs ce cette ces tout tous
""".split())


@dataclass(frozen=True)
class CampaignWords:
    """How a campaign's brand and product are named in learners' texts (folded words and regexes)."""

    words: frozenset[str]  # folded words that name the brand, the campaign and the product's head nouns
    product: str  # a regex alternative: generic product words and the campaign's own


def _stem(word: str) -> str:
    """A regex for a word and its inflections: « shampooing » also reads « shampoing », « vélos »."""
    return re.escape(word[:5]) + r"\w*" if len(word) >= 6 else re.escape(word) + r"(?:s|x)?"


@lru_cache(maxsize=16)
def campaign_words(campaign: Campaign) -> CampaignWords:
    """The brand, campaign and product words of a campaign: « Sève », « Rituel Avoine », « shampooing »…"""
    names = [fold(campaign.brand.name), fold(campaign.name)]
    heads = [_PRODUCT_CUT.split(" " + part.strip())[0].strip()
             for part in re.split(r",|\bet\b|;|/|\+", fold(campaign.product))]
    heads = [head for head in heads if head]
    named = {w for text in (*names, *heads) for w in re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)*", text)
             if w not in _STOP_WORDS and len(w) >= 3}
    stems = sorted({_stem(w) for w in named}, key=len, reverse=True)
    alternatives = "|".join((*_GENERIC_PRODUCT_WORDS, *stems))
    return CampaignWords(frozenset(named), f"(?:{alternatives})\\b")


# --------------------------------------------------------------------------- angle

_POST_WORDS = (r"(?:photos?|posts?|publications?|stor(?:y|ies)|videos?|reels?|visuels?|images?|tiktoks?|"
               r"shorts?|carrousels?)")
_THE = r"(?:(?:le|la|les|l'|nos|notre|ce|cette|ces|un|une|mon|ma|mes|son|sa|ses|du|de la|des|de nos|de notre)\s*)?"
_NEW = r"(?:(?:tout\s+)?(?:nouveaux?|nouvelles?|nouvel)\s+)?"


@lru_cache(maxsize=16)
def _generic_angle(campaign: Campaign) -> Meaning:
    """A product shown, presented or coded, and nothing else: « une vidéo qui présente le vélo »."""
    product = campaign_words(campaign).product
    return GatedMeaning(
        "generic_angle",
        rf"\b(?:une?|des|la|le|les)\s+(?:simples?\s+)?{_POST_WORDS}\s+(?:sponso\w*\s+)?"
        rf"(?:avec|du|de|des|sur|montrant|presentant|qui (?:montre|presente|parle d[eu]))\s+{_THE}{_NEW}{product}",
        rf"(?:<presenter>|<montrer>|mettre en avant|<parler> d[eu]|<promouvoir>|<poster>|mettre en valeur|"
        rf"<vanter>|<valoriser>)\s+{_THE}{_NEW}{product}",
        r"\bcodes? (?:promo\w*|de reduction)\b",
        r"\bfaire (?:de la |la |une |un peu de )?(?:pub\w*|promo\w*|reclame)\b",
        rf"\b{_POST_WORDS} sponso\w*\b",
        r"\bplacement de produit\b",
    )


# Words that carry no idea of their own in a concept, whatever the campaign.
_FILLER_WORDS = frozenset("""
    avec pour dans sans sous chez entre vers leur leurs notre nos votre vos cette cela elle elles ils
    tout tous toute toutes plus moins tres bien aussi faire fait sera etre avoir donc alors mais comme
    puis produit produits gamme marque photo photos post posts publication publications video videos visuel
    visuels image images story stories reel reels tiktok instagram youtube influenceur influenceuse
    influenceurs createur createurs creatrice creatrices code codes promo reduction presenter montrer parler
    poster nouveau nouvelle nouveaux nouvelles simple simples abonnes abonne reste rien autre autres chose
    juste seulement uniquement publier poste postee sponso sponsorise pub publicite francs euros offre
""".split())
# --------------------------------------------------------------------------- format and platform

_DURATION_RE = re.compile(
    r"(?<![\w.,])(?P<n>\d{1,4}(?:[.,]\d+)?)\s*(?P<unit>h(?:eures?)?|min(?:utes?|s)?|mn|'|s(?:ec(?:ondes?)?)?)(?![a-z])"
    r"(?:\s*(?P<n2>\d{1,2})(?![\d]))?"
)
_WORD_DURATIONS: tuple[tuple[re.Pattern[str], float], ...] = tuple(
    (re.compile(pattern), seconds) for pattern, seconds in (
        (r"\bune heure\b", 3600), (r"\bune demi-heure\b", 1800), (r"\bun quart d'heure\b", 900),
        (r"\bune minute\b", 60), (r"\bdeux minutes\b", 120), (r"\bdix minutes\b", 600),
        (r"\bvingt minutes\b", 1200), (r"\btrente minutes\b", 1800),
    )
)
_CAROUSEL = compile_patterns(r"\bcarrousels?\b", r"\bcarousels?\b", r"\bdiaporama\b", r"\bslides?\b")
_STORY = compile_patterns(r"\bstory\b", r"\bstories\b", r"\bstorys\b")
_LONG_TUTORIAL = compile_patterns(
    r"\btuto(?:riel)?s?\s+(?:\w+\s+){0,2}(?:long|complets?|detailles?|integral|exhaustif|de "
    r"(?:\d+|vingt|trente)"
    r"\s*min\w*)",
    r"\b(?:long|grand|gros)s?\s+tuto(?:riel)?s?\b",
    r"\btoutes? les etapes\b.*\ben detail\b",
)
SHORT_VIDEO_MAX_SECONDS = 180
STORY_MAX_SECONDS = 90
ABSURD_SECONDS = 4 * 3600
LIVE_ABSURD_SECONDS = 12 * 3600


def durations_in_seconds(folded_text: str) -> list[float]:
    """Durations written in a folded text: « 20 minutes », « 45 s », « 1 h 30 », « 1h30 », « une minute »."""
    found: list[float] = []
    for match in _DURATION_RE.finditer(folded_text):
        value: float = float(match.group("n").replace(",", "."))
        unit = match.group("unit")
        if unit.startswith("h"):
            seconds = value * 3600 + (int(match.group("n2")) * 60.0 if match.group("n2") else 0.0)
        elif unit.startswith(("m", "'")):
            seconds = value * 60
        else:
            seconds = value
        if seconds > 0:
            found.append(seconds)
    for pattern, seconds in _WORD_DURATIONS:
        if pattern.search(folded_text):
            found.append(float(seconds))
    return found


def _say_duration(seconds: float) -> str:
    if seconds >= 3600:
        hours, minutes = divmod(round(seconds / 60), 60)
        return f"{hours}\u00a0h {minutes:02d}" if minutes else f"{hours}\u00a0h"
    if seconds >= 60:
        in_minutes = seconds / 60
        whole = in_minutes == int(in_minutes)
        shown = f"{in_minutes:.0f}" if whole else f"{in_minutes:.1f}".replace(".", ",")
        return f"{shown}\u00a0minute{'s' if in_minutes >= 2 else ''}"
    return f"{seconds:.0f}\u00a0secondes"


# A duration said of the video itself in a longer text: « une vidéo de 20 minutes », « reel de 45 s ».
_VIDEO_DURATION = re.compile(
    r"\b(?:videos?|reels?|tiktoks?|shorts?|stor(?:y|ies)|lives?|directs?|tuto(?:riel)?s?|formats?)\s+"
    r"(?:\w+\s+)?(?:de\s*|d')(?:\d{1,4}(?:[.,]\d+)?\s*(?:h(?:eures?)?|min(?:utes?|s)?|mn|'|s(?:ec(?:ondes?)?)?)"
    r"(?![a-z])(?:\s*\d{1,2})?|une heure|une minute|une demi-heure|un quart d'heure|\w+ minutes)"
)


# --------------------------------------------------------------------------- hook

# A greeting at the start of a hook, with its addressee and « c'est Léa » (folded).
_GREETING = re.compile(
    r"^(?:bonjour|salut|coucou|hello|hey|hi|bonsoir|yo|hola|bienvenue)\b"
    r"(?:\s+(?:a tous(?: et a toutes)?|a toutes|tout le monde|les amis|la team|les filles|les gars|"
    r"mes abonne\w*|la commu(?:naute)?|les loulous|everyone|guys|a vous|sur (?:ma|notre) chaine))?"
    r"[\s!.,:;-]*(?:(?:c'est|ici)\s+[\w'-]+(?:\s+[\w'-]+)?[\s!.,:;-]*)?"
)
_ANNOUNCE = (r"(?:et\s+)?(?:aujourd'hui\s*,?\s*)?(?:(?:je|on)\s+(?:vais|va)\s+vous\s+|je\s+vous\s+|on\s+vous\s+|"
             r"laissez-moi vous\s+)?"
             r"(?:<decouvrir>|voici|voila|<presenter>|<montrer>|<parler> d[eu]|(?:petite\s+)?presentation d[eu]|"
             r"nouveau\s*:?|nouvelle\s*:?|<lancer>|<tester>\s+pour vous)\s+")


@lru_cache(maxsize=16)
def _announcement(campaign: Campaign) -> re.Pattern[str]:
    """A hook that opens on the product or the brand: « Découvrez notre nouveau shampooing », « Voici Factly »."""
    from influence_workbook.reading import expand

    product = campaign_words(campaign).product
    return re.compile(expand(rf"^{_ANNOUNCE}{_THE}{_NEW}(?:{product}|partenariat|collab\w*)"))


# An opening formula that gives no reason to stay: « on se retrouve pour une nouvelle vidéo ».
_EMPTY_OPENING = re.compile(
    r"^(?:(?:et\s+)?(?:aujourd'hui|ce soir|ce matin)\s*,?\s*)?(?:on se retrouve|je vous retrouve|me revoila|"
    r"nous revoila|(?:une |petite |nouvelle )*(?:nouvelle |petite )video|bienvenue)\b"
)
# When the content is said to happen, before what it announces: « aujourd'hui, », « dans cette vidéo, ».
_TODAY = (r"(?:(?:et\s+)?(?:aujourd'hui|ce soir|ce matin|cette semaine|today|dans (?:cette|la|ma) video|"
          r"dans (?:ce|mon) (?:live|stream|reel|post|episode|tiktok|short))\s*,?\s*)?")
# The partnership said as the hook: it must be disclosed (chapter 5), but it is no reason to watch.
# « Vidéo sponsorisée par Kavak », « aujourd'hui live sponsorisé par Krakn », « c'est un stream offert par… ».
_SPONSOR_OPENING = re.compile(
    rf"^{_TODAY}(?:(?:c'est|voici)\s+)?(?:(?:petite|petit|cette|ce|une|un|nouvelle|nouveau|ma|mon)\s+)?"
    r"(?:video|story|reel|publication|post|collab\w*|live|stream|direct|episode|emission|contenu|tuto\w*|test)\s+"
    r"(?:est\s+)?(?:sponsoris\w*|en (?:partenariat|collaboration)|offerte?|realisee?|financee?)\s+(?:par|avec)\b"
    rf"|^{_TODAY}(?:c'est\s+)?sponsoris\w*\s+par\b"
    r"|^(?:en )?(?:partenariat|collaboration|collab) avec\b|^[\w'-]+(?: [\w'-]+)? x (?:moi|[\w'-]+)\s*(?:[:!-]|$)"
)
# The programme announced instead of a reason to watch: « aujourd'hui on parle de… », « je vous présente… ».
# Read after a greeting, or when it opens on « aujourd'hui » / « dans cette vidéo »: a bare « je vous
# montre » after a question (« Brunch en 0 minute ? Je vous montre. ») is the hook's own promise.
_ABOUT = r"\s+(?:d'|d(?:e|u|es)\b)"
_AGENDA_VERBS = (rf"(?:(?:je|on)\s+(?:vais|va)\s+(?:vous\s+|te\s+)?(?:parler{_ABOUT}|presenter\b|faire "
                 rf"(?:decouvrir|une presentation)\b)|(?:je|on)\s+(?:vous|te)\s+(?:parle{_ABOUT}|presente\b|"
                 rf"fais decouvrir\b)|(?:on|je)\s+(?:parle|cause){_ABOUT}|petite presentation\b|"
                 r"presentation (?:d'|d(?:e|u)\b))")
_AGENDA_AFTER_GREETING = re.compile(rf"^{_TODAY}{_AGENDA_VERBS}")
_AGENDA = re.compile(
    r"^(?:et\s+)?(?:aujourd'hui|ce soir|ce matin|dans (?:cette|la|ma) video|dans (?:ce|mon) (?:live|stream|"
    rf"reel|post|episode|tiktok|short))\s*,?\s*{_AGENDA_VERBS}")

_HOOK_KINDS_ANY = ("un problème que le public connaît, un fait surprenant (un chiffre, une idée reçue), un "
                   "avant/après, ou une question posée au spectateur")
_HOOK_KINDS = ("un problème que le public connaît (« Mes cheveux grattaient depuis des années… »), un fait "
               "surprenant (« 23 flacons en plastique dans ma salle de bain »), un avant/après, ou une question "
               "posée au spectateur (« Et si vos cheveux n'avaient jamais eu besoin de plastique ? »)")

# --------------------------------------------------------------------------- creator's role

#: The brand decides everything: the creator posts, reads or reposts what is supplied.
IMPOSED = GatedMeaning(
    "imposed",
    r"\b<poster>\s+(?:simplement\s+|juste\s+|tel quel\s+)?(?:notre|nos|le|la|les)\s+(?:\w+\s+)?"
    r"(?:visuels?|photos?|videos?|contenus?|textes?|posts?|images?|publications?|stor(?:y|ies))\b",
    r"\brepost\w*", r"\brepren\w*\s+(?:notre|nos)\b", r"\breprend\w*\s+(?:notre|nos)\b",
    r"\b<partager>\s+(?:notre|nos)\s+(?:visuels?|publications?|contenus?|videos?)\b",
    r"\b(?:texte|script|legende|message|video|visuel|contenu|story|stories|reel|montage|tournage|voix[- ]off)s?\s+"
    r"(?:\w+\s+){0,4}?(?:fourni|impose|ecrit|redige|valide|tourne|monte|prepare|realise|produit|fait|assure|"
    r"enregistre)e?s?\s+par\s+"
    r"(?:la marque|nous|l'agence|l'annonceur|(?:notre|nos|leur) \w+|\w+ (?:equipe|agence))",
    r"\b(?:texte|script|legende|message|video|visuel|contenu)s?\s+(?:fourni|impose|de la marque)\w*",
    r"\bmot (?:pour|a) mot\b", r"\ba la lettre\b", r"\bcopier[- ]coller\b", r"\bcopie[- ]colle\b",
    r"\bimpose\w*\b", r"<reciter>", r"\b(?:lit|lis|lisez|lire|lira)\s+(?:notre|le|la|un)\s+(?:texte|script)\b",
    r"\bon lui (?:fournit|donne|envoie) (?:tout|le texte|le script|la video|le visuel|les visuels)\b",
    r"<executer>",
    r"\b(?:publie\w*|poste\w*|partage\w*|repren\w*|reprend\w*)\s+(?:\w+\s+){0,3}?tel(?:le)?s? quel(?:le)?s?\b",
    r"\b(?:qu'on|que nous|que la marque)\s+(?:lui\s+)?(?:a|avons|ont)\s+(?:ecrit|redige|prepare|impose|choisi)\w*",
)
# Who stands for the brand in a creator's role: « on », « nous », « la marque », « notre équipe ».
_BRAND_SUBJECT = (r"(?:on|nous|la marque|l'agence|l'annonceur|notre (?:equipe|agence|studio|monteur|monteuse)|"
                  r"nos equipes|l'equipe (?:de la marque|marketing))")
# What the brand would do to the creator's content if it took control of it.
_PRODUCTION_VERBS = (r"<monter>|<ecrire>|<rediger>|\b(?:lui |le |la |les )?reecri\w*|<tourner>|<filmer>|"
                     r"<enregistrer>|<retoucher>|<doubler>|<realiser>")
_CONTROL_VERBS = (r"<toucher>|<modifier>|<changer>|<corriger>|<valider>|<censurer>|<couper>|<remonter>|<imposer>|"
                  r"<dicter>|<controler>|<filtrer>|<editer>|<fournir>|<reformuler>|"
                  r"\b(?:y |le |la |les |lui )?(?:relit|relis|relisons|relisez|relire|intervien\w*|intervenons)\b")
#: The brand keeps its hands off: « on ne touche pas à son verdict », « nous ne modifions rien ».
#: The negation that follows grants the creator freedom instead of taking it away.
HANDS_OFF = GatedMeaning(
    "brand_hands_off",
    rf"\b{_BRAND_SUBJECT}\s+(?:ne\s+|n')(?:{_CONTROL_VERBS}|{_PRODUCTION_VERBS})",
)
_CONTENT = (r"(?:videos?|textes?|scripts?|montages?|legendes?|contenus?|posts?|stor(?:y|ies)|reels?|visuels?|"
            r"photos?|voix[- ]off|tournages?|sous-titres?|images?|publications?)")
#: The brand makes the content itself: « la vidéo que nous montons », « on écrit le texte », « notre voix off ».
BRAND_MAKES = GatedMeaning(
    "brand_makes",
    rf"\b(?:qu'on|que nous|que la marque|que l'agence|que notre equipe)\s+(?:lui\s+)?(?:{_PRODUCTION_VERBS})",
    rf"\b{_BRAND_SUBJECT}\s+(?:lui\s+)?(?:{_PRODUCTION_VERBS})\s+(?:\w+\s+){{0,2}}?{_CONTENT}\b",
    r"\b(?:notre|nos) voix[- ]off\b",
)
#: Where a clause ends: freedom said inside the brand's own making (« à partir de ses rushes ») is not the creator's.
_CLAUSE_END = re.compile(r"[.;!?,:\n]|\b(?:mais|cependant|toutefois|par contre|en revanche|neanmoins)\b")
_BUT = re.compile(r"\b(?:mais|cependant|toutefois|par contre|en revanche|neanmoins)\b")
#: What the creator decides: their words, tone, set, story, idea.
FREEDOM = GatedMeaning(
    "freedom",
    # « sur son compte » says where the post goes, not what the creator decides.
    r"\b(?:sa|son|ses)\s+(?:propres?\s+)?(?!(?:compte|page|profil|chaine|feed|fil|reseaux?)\b)[a-z][a-z'-]{2,}",
    r"\blibre\w*\b", r"\bliberte\b", r"\bcarte blanche\b",
    r"\bco-?cre\w*", r"<choisir>", r"<imaginer>", r"<proposer>", r"<raconter>", r"<ecrire>", r"<decider>",
    r"<improviser>", r"<modifier>", r"<changer>", r"<adapter>", r"\bmodifications?\b",
    r"\bpersonnel\w*\b", r"\bde lui-meme\b", r"\bd'elle-meme\b", r"\bselon (?:lui|elle)\b",
    r"\ba (?:sa|leur) (?:facon|maniere|sauce|image)\b",
    r"\bce qu'(?:il|elle|ils|elles) (?:veu\w*|souhaite\w*|pense\w*|aime\w*|prefere\w*)\b",
    r"\bcomme (?:il|elle|ils|elles) (?:le )?"
    r"(?:veu\w*|sen\w*|prefere\w*|l'entend\w*)\b", r"\bavec (?:son|sa|ses|leur|leurs) \w+",
)
#: An account takeover: the creator runs the brand's account, or answers the audience live, in their own words.
TAKEOVER = GatedMeaning(
    "takeover",
    r"\btake-?over\b", r"\bprise de (?:controle|commandes?)\b",
    r"\b(?:tient|tiens|tenir|tiendra|prend|prends|prendre|prendra|reprend|gere|gerer|gerera|anime|animer|"
    r"animera|pilote|piloter|pilotera)\s+(?:les (?:commandes|renes|manettes|cles)\s+(?:du|de)\s+)?"
    r"(?:le |du |notre |nos |l')?(?:compte|comptes|page|stories) (?:de |d'|instagram|tiktok|insta)",
    r"\b(?:tient|tiens|tenir|tiendra|prend|prends|prendre|prendra|gere|gerer|gerera|anime|animer|animera)\s+"
    r"(?:les (?:commandes|renes|manettes|cles)\s+(?:du|de)\s+)?(?:notre|nos)\s+(?:compte|comptes|page|stories)\b",
    r"<repondre>\s+(?:en (?:direct|live)\s+)?(?:aux|a (?:vos|nos|leurs|ses))\s+(?:\w+\s+)?"
    r"(?:questions|commentaires|messages|dm|abonne\w*)",
    r"<repondre>\s+en (?:direct|live)\b",
)

# --------------------------------------------------------------------------- call to action

@dataclass(frozen=True)
class CtaKind:
    """A family of calls to action and the funnel stage it serves (a :class:`Meaning` of its own)."""

    key: str
    label: str
    stage: str
    meaning: Meaning
    does: str = ""  # what such a call asks, in a French sentence: « invite à acheter »

    def found_in(self, reading: Reading) -> list[Hit]:
        """What the text asks for of this kind (hits under a negation are not asked for)."""
        return self.meaning.affirmed(reading)


CTA_KINDS: tuple[CtaKind, ...] = (
    CtaKind("follow", "s'abonner, suivre", "awareness", does="invite à suivre le compte", meaning=GatedMeaning(
        "cta_follow", r"<s'abonner>", r"\bsuivez\b", r"\bsuis[- ](?:moi|nous|la|le)\b", r"\bsuis\s+@",
        r"\b(?:me|nous)\s+suivre\b", r"\bsuivre\s+(?:@|le compte|la page|la marque|nos|notre)",
        r"\bsuis\s+(?:le compte|la page|la marque|nos|notre)\b", r"\bfollow\w*\b", r"<rejoindre>",
        r"\b(?:join|subscribe)\b")),
    CtaKind("spread", "partager, identifier, relever le défi", "awareness", does="fait circuler le contenu",
            meaning=GatedMeaning(
        "cta_spread", r"<partager>", r"<identifier>", r"<taguer>", r"\btag(?:ger|gez|gue)\b",
        r"\b<relever>\s+(?:le|ce|mon|notre)\s+defi\b", r"\b(?:faites?|fais)[- ]le aussi\b",
        r"\ba (?:vous|toi) de jouer\b", r"<participer>", r"<commenter>",
        r"\b(?:dis|dites|ecris|ecrivez|laisse|laissez|mets|mettez|donne|donnez|partage|partagez|raconte|racontez)\b"
        r"[^.;!?]{0,40}\ben commentaires?\b",
        r"\b(?:dites|dis)[- ](?:moi|nous)\b", r"\blike[sz]?\b", r"\bliker\b", r"#[a-z]\w{2,}",
        r"\b<filmer>\s+(?:ta|ton|tes|votre|vos)\b", r"\b<montrer>[- ]?(?:moi|nous)\b",
        r"\b(?:mets|mettez|laisse|laissez)\s+(?:un|des|ton|votre)\s+(?:petit\s+)?(?:coeur|like|pouce|j'aime)s?\b",
        r"<repondre>", r"<voter>", r"\bsondage\b")),
    CtaKind("learn", "en savoir plus, cliquer, enregistrer", "consideration",
            does="invite à en savoir plus (cliquer, tester, enregistrer)", meaning=GatedMeaning(
        "cta_learn", r"<cliquer>", r"\ben savoir plus\b", r"<visiter>", r"\brendez-vous sur\b",
        r"<enregistrer>", r"<sauvegarder>", r"\b<decouvrir>\b.*\b(?:site|lien|page|quiz|test)\b",
        r"\bquiz\b", r"\bechantillons?\b", r"\bdiagnostic\b", r"\bswipe\w*\b", r"<glisser>",
        r"<essayer>", r"<tester>", r"\b(?:faites|fais|passez|passe)\s+le\s+(?:test|quiz)\b",
        r"\b(?:est|sont|se trouve|dispo\w*|a retrouver)\s+(?:en|dans (?:le|les|mon|notre|ma|la))\s+"
        r"(?:commentaires?(?:\s+epingle)?|bio|description|story)\b",
        r"<telecharger>", r"\b(?:viens|venez)\b", r"\brendez-vous (?:en|dans|chez|au|a la|a l')\b",
        r"\b(?:download(?:e[sz]?)?|try|click)\b",
        *LINK_PLACEMENT.patterns,
        r"\b(?:va|allez|viens|venez|passe|passez)\s+(?:voir|faire un tour|jeter un (?:oeil|coup d'oeil)|sur)\b")),
    CtaKind("buy", "acheter, utiliser un code", "conversion",
            does="invite à passer à l'acte (acheter, réserver, s'inscrire)",
            meaning=GatedMeaning(
        "cta_buy", *PROMO_CODE.patterns, r"<acheter>", r"<commander>", r"<precommander>", r"<profiter>",
        r"<reserver>", r"<s'inscrire>", r"\bouvr(?:e|ez|ir)\s+(?:ton|votre|un)\b", r"\bremise\b",
        r"\bsoldes?\b", r"\blien d'achat\b", r"\bpanier\b", r"\bboutique\b", r"\ben vente\b",
        r"\bofferte?s?\b", r"\blivraison gratuite\b", r"\breduction\b", r"\bessai gratuit\b",
        # English verbs learners use: « Book une démo », « Shop le look », « Sign up ».
        r"\b(?:book(?:e[sz]?)?|shop|grab|sign[- ]?up|register)\b")),
    CtaKind("loyalty", "recharger, racheter, recommander", "loyalty",
            does="invite les clients à revenir (recharger, racheter, recommander)", meaning=GatedMeaning(
        "cta_loyalty", r"<recharger>", r"\brecharges?\b", r"<racheter>", r"\breachet\w*", r"<parrainer>",
        r"\bparrainage\b", r"\bprogramme de fidelite\b",
        r"\b<laisser>\s+(?:un|ton|votre|vos|tes|une)\s+(?:\w+\s+)?(?:avis|note|commentaire client)\b",
        r"\b<partager>\s+(?:votre|ta)\s+routine\b", r"\bpoints? fidelite\b", r"\bre-?abonn\w*")),
)
# For an objective at stage X, calls to action of these stages serve it (the next step is fine).
_CTA_SERVES: dict[str, frozenset[str]] = {
    "awareness": frozenset({"awareness", "consideration"}),
    "consideration": frozenset({"consideration", "awareness", "conversion"}),
    "conversion": frozenset({"conversion", "consideration"}),
    "loyalty": frozenset({"loyalty", "conversion"}),
}
_CTA_ADVICE: dict[str, str] = {
    "awareness": "une action qui fait circuler le contenu : « abonnez-vous », « relevez le défi », "
                 "« partagez à une amie qui a les cheveux sensibles »",
    "consideration": "une action qui montre l'intérêt : « enregistrez ce tuto », « faites le diagnostic "
                     "cheveux sur le site (lien en bio) »",
    "conversion": "une action d'achat que l'on peut compter : un code ou un lien unique par créateur, "
                  "« commandez le duo avec le code … »",
    "loyalty": "une action pour les clientes existantes : « rechargez votre flacon », « parrainez une amie », "
               "« laissez votre avis »",
}
# The same advice for a learner's own campaign, without Sève's shampoo in the examples.
_CTA_ADVICE_ANY: dict[str, str] = {
    "awareness": "une action qui fait circuler le contenu : « abonnez-vous », « relevez le défi », « partagez à "
                 "quelqu'un que ça concerne »",
    "consideration": "une action qui montre l'intérêt : « enregistrez cette vidéo », « tout le détail sur le site, "
                     "lien en bio »",
    "conversion": "une action d'achat que l'on peut compter : un code ou un lien unique par créateur, « -10 % avec "
                  "le code … (lien en bio) »",
    "loyalty": "une action pour les clients existants : « parrainez un ami », « laissez votre avis », « profitez de "
               "votre avantage fidélité »",
}


def _cta_advice(stage: str, campaign: Campaign) -> str:
    return (_CTA_ADVICE if campaign.is_default else _CTA_ADVICE_ANY)[stage]

# An imperative the kinds above do not know: « Racontez-nous », « raconte-moi », « Venez ».
_IMPERATIVE = re.compile(r"\b[a-z]{3,}ez\b|\b[a-z]{3,}ez-(?:vous|le|la|les|nous|moi)\b"
                         r"|\b[a-z]{3,}[es]-(?:moi|nous|toi|le|la|les)\b")

# --------------------------------------------------------------------------- measurement

# Learners' ways of naming a KPI that chapter 1's table does not spell (key of KPIS → patterns).
_EXTRA_KPI_PATTERNS: dict[str, tuple[str, ...]] = {
    "promo_codes": (r"\bcodes?\s+[a-z]{2,}[0-9]{1,3}\b", r"\b(?:avec|via|par)\s+(?:le|les|un|mon|son|leur)\s+codes?\b",
                    r"\bcodes?\s+(?:unique|dedie|personnel|utilise|par (?:createur|creatrice|influenceu\w+))\w*",
                    r"\butilisations? (?:du|des) codes?\b"),
    "sales": (r"\bcomptes? ouverts?\b", r"\bouvertures? de comptes?\b", r"\breservations?\b",
              r"\bcoffrets? vendus\b", r"\bpaniers?\b", r"\bconversions?\b",
              r"\b(?:liens?|ventes?) (?:d'affiliation|affilies?)\b",
              r"\bca\s+(?:genere|realise|additionnel|des ventes|incremental)\w*"),
    "signups": (r"\bessais?\s+(?:\w+\s+)?(?:reserve|gratuit|demande|commence|active|souscrit)\w*",
                r"\b(?:reservations?|demandes?|inscriptions?) (?:d'|a l')essai\b", r"\bcomptes? (?:crees|ouverts)\b",
                # B2B conversions: « démos réservées », « réservations de démo », « sign-ups », « leads du CRM »
                r"\b(?:demos?|demonstrations?|rendez-vous|rdv|appels? decouverte|calls?)\s+(?:\w+\s+)?"
                r"(?:reserve|booke|planifie|programme|realise|obtenu|pris|demande|effectue|decroche)\w*",
                r"\b(?:reservations?|bookings?|prises?) (?:de |d')(?:demos?|demonstrations?|rendez-vous|rdv|essais?|"
                r"appels?|calls?)\b",
                r"\b(?:bookings?|sign[- ]?ups?|free trials?|trials?)\b"),
    "reach": (r"\bcouverture\b", r"\bcomptes? (?:touches|atteints|uniques)\b"),
    "clicks": (r"\bcliqu\w*",
               r"\b(?:gens|personnes|visiteurs|internautes)\s+(?:qui\s+)?(?:vont|viennent|arrivent|passent)"
               r"\s+sur (?:le|notre) site\b"),
    "views": (r"\bvisionnages?\b", r"\bvues? (?:cumulees|des videos|des reels|des stories)\b"),
}
#: How each KPI is read in a measurement: chapter 1's KPI table plus the spellings above (negation-aware).
KPI_MEANINGS: tuple[tuple[Kpi, Meaning], ...] = tuple(
    (kpi, GatedMeaning(f"kpi_{kpi.key}", *kpi.patterns, *_EXTRA_KPI_PATTERNS.get(kpi.key, ()))) for kpi in KPIS
)
# KPIs that count the same thing: a measurement of one measures an objective stated in another.
_KPI_FAMILIES: tuple[frozenset[str], ...] = (
    frozenset({"reach", "impressions", "views", "cpm"}),
    frozenset({"engagement_rate", "cpe"}),
    frozenset({"clicks", "site_visits"}),
    frozenset({"sales", "promo_codes", "cpa", "roas"}),
)


def same_family(one: Kpi, other: Kpi) -> bool:
    """Whether two KPIs count the same thing (reach and impressions, sales and promo codes used).

    A code per creator counts whatever conversion it is used for: sales, sign-ups, bookings.
    """
    if one.key == other.key or any(one.key in family and other.key in family for family in _KPI_FAMILIES):
        return True
    return "promo_codes" in (one.key, other.key) and one.stage == other.stage == "conversion"


_SOURCE = GatedMeaning(
    "measurement_source",
    r"\bstat(?:istique)?s?\b", r"\binsights?\b", r"\bcaptures? d'ecran\b", r"\bcaptures?\b",
    r"\bgoogle analytics\b", r"\banalytics\b", r"\butm\b", r"\btableau de bord\b", r"\breporting\b",
    r"\bcodes?\b", r"\bsondage\b", r"\blien (?:unique|trace|suivi|dedie|personnalise)\b", r"\bpixel\b",
    r"\bcompte\w* par (?:le|la|les|notre)\b", r"\bcaisse\b", r"\bcrm\b", r"\bback-?office\b",
    r"\b(?:liens?|links?)\s+(?:\w+\s+)?(?:tracke|trace|suivi|traque|tracking)\w*", r"\btracking\b",
)
# Figures easy to count that say little on their own: likes, followers gained (label, meaning).
_VANITY: tuple[tuple[str, Meaning], ...] = (
    ("likes", GatedMeaning("vanity_likes", r"\blikes?\b", r"\bj'aime\b", r"\bcoeurs?\b")),
    ("abonnés gagnés", GatedMeaning("vanity_followers", r"\bfollowers?\b", r"\bnombre d'abonne\w*",
                               r"\babonne\w* (?:gagne|en plus|supplementaire)\w*", r"\bnouveaux abonne\w*",
                               r"\b(?:croissance|hausse|evolution|augmentation|gain) (?:du nombre )?d(?:es |'|u )"
                               r"(?:abonne\w*|followers?|communaute)")),
)
_STAGE_SUGGESTIONS: dict[str, str] = {
    "awareness": "la portée (personnes touchées), les impressions ou les vues de vidéo",
    "consideration": "le taux d'engagement, les enregistrements ou les clics vers le site",
    "conversion": "les ventes ou les codes promo utilisés, avec un code ou un lien unique par créateur",
    "loyalty": "le taux de réachat (recharges) ou les avis clients",
}
# How to count an objective's own KPI, by KPI key (stage suggestions otherwise).
_KPI_SUGGESTIONS: dict[str, str] = {
    "reach": "la portée (personnes touchées), dans les statistiques partagées par chaque créateur",
    "impressions": "les impressions, dans les statistiques partagées par chaque créateur",
    "views": "les vues des vidéos, dans les statistiques partagées par chaque créateur",
    "engagement_rate": "le taux d'engagement (commentaires, partages, enregistrements rapportés aux vues)",
    "clicks": "les clics vers le site, avec un lien UTM par créateur",
    "site_visits": "les visites du site, avec un lien UTM par créateur",
    "sales": "les ventes, avec un code ou un lien unique par créateur",
    "promo_codes": "les codes promo utilisés, un code unique par créateur",
    "signups": "les inscriptions, avec un lien UTM ou un code par créateur",
    "repeat_rate": "le taux de réachat des clientes touchées",
    "reviews": "les avis clients publiés",
}

# --------------------------------------------------------------------------- reading helpers


def _quote(words: Iterable[str]) -> str:
    return ", ".join(f"« {w} »" for w in words)


def _matches(folded: str, patterns: Patterns) -> list[str]:
    found: list[str] = []
    for pattern in patterns:
        for match in pattern.finditer(folded):
            text = match.group(0).strip()
            if text and text not in found:
                found.append(text)
    return found


def _said(hits: Iterable[Hit], reading: Reading | None = None) -> list[str]:
    """The distinct words of some hits, in order: the learner's own spelling when it can be found.

    A hit under a negation is quoted with its negation (« ne choisit rien », « aucune modification »).
    """
    found: list[str] = []
    for hit in sorted(hits, key=lambda h: h.start):
        text = hit.text
        if reading is not None and len(reading.text) == len(reading.folded) == len(reading.raw):
            start, end = hit.start, hit.end
            if hit.negated:
                scope = next((sc for sc in reading.scopes if sc.start <= hit.start < sc.end), None)
                if scope is not None:
                    start, end = min(start, scope.start), max(end, scope.end)
            text = reading.raw[start:end].strip(" ,;:.")
        if text and text not in found:
            found.append(text)
    return found


def _shown(text: str, matches: list[str]) -> str:
    """The learner's own words (with accents) when short, else the folded phrases that matched."""
    return _quote([text] if len(text) <= SHORT_QUOTE else matches[:2])


def _content_words(folded: str, campaign: Campaign) -> list[str]:
    """Words that carry an idea: not filler, not the campaign's own brand and product names."""
    own = campaign_words(campaign).words
    words = re.findall(r"[a-z][a-z'-]{3,}", folded)
    content = [w for w in words
               if (bare := w.split("'")[-1]) not in _FILLER_WORDS and bare not in own and w not in _FILLER_WORDS]
    # A privation frames a challenge (« un mois sans voiture »): « sans » counts when a content word follows.
    deprived = [match.group(1) for match in _WITHOUT.finditer(folded) if match.group(1) in content]
    return content + ["sans"] * len(deprived)


_WITHOUT = re.compile(r"\bsans\s+(?:(?:un|une|le|la|les|l'|de|d'|du|des|aucune?|seul|seule)\s*)*([a-z][a-z'-]{3,})")


@dataclass(frozen=True)
class Objective:
    """The campaign objective the concept must serve: its stage, its KPIs, and where it came from."""

    stage: str | None
    kpis: tuple[Kpi, ...]
    source: str  # "chapter1", "choice" or "none"
    text: str = ""

    @property
    def own_kpis(self) -> tuple[Kpi, ...]:
        """The objective's KPIs that measure its stage (a figure of another stage is context)."""
        return tuple(kpi for kpi in self.kpis if kpi.stage == self.stage)


def resolve_objective(objective_text: object, goal: object) -> Objective:
    """The objective: chapter 1's sentence when it names one stage, else the goal chosen in the workshop."""
    if isinstance(objective_text, str) and objective_text.strip():
        reading = read_objective(objective_text[:MAX_FIELD_CHARS])
        if len(reading.stages) == 1:
            return Objective(reading.stages[0], reading.kpis, "chapter1", objective_text)
        guessed = {k.stage for k in reading.kpis}
        if not reading.stages and len(guessed) == 1:
            return Objective(guessed.pop(), reading.kpis, "chapter1", objective_text)
    if isinstance(goal, str) and goal.strip():
        folded = fold(goal)
        for key, label in STAGES.items():
            if folded in {fold(label), key}:
                return Objective(key, (), "choice")
    return Objective(None, (), "none")


# --------------------------------------------------------------------------- one item per criterion


def _angle_item(angle: str, too_long: bool, campaign: Campaign) -> FeedbackItem:
    label = "Angle créatif"
    if not angle:
        return FeedbackItem(
            "angle", label, False,
            "Il manque l'angle : en une ou deux phrases, quelle histoire le contenu raconte-t-il ?"
            + (" Par exemple « 30 jours pour réconcilier ses cheveux sensibles avec le zéro déchet »."
               if campaign.is_default else
               " Une situation vécue par le public, un défi, un avant-après, une idée reçue à démonter."),
            READ_ANGLE)
    reading = read(angle)
    words = len(reading.folded.split())
    if too_long or words > MAX_ANGLE_WORDS:
        size = (f"plus de {format_number(MAX_FIELD_CHARS)} caractères" if too_long or words <= MAX_ANGLE_WORDS
                else f"{words} mots")
        return FeedbackItem(
            "angle", label, False,
            f"Votre angle est trop long ({size}). Un angle se dit en une ou deux phrases (moins de "
            f"{MAX_ANGLE_WORDS} mots) : gardez l'idée, le déroulé ira dans « Durée et déroulé ».", READ_ANGLE)
    generic_hits = _generic_angle(campaign).affirmed(reading)
    stripped = reading.text
    for hit in generic_hits:
        stripped = stripped[:hit.start] + " " * (hit.end - hit.start) + stripped[hit.end:]
    substance = _content_words(stripped, campaign)
    if generic_hits and len(substance) < MIN_ANGLE_CONTENT_WORDS:
        return FeedbackItem(
            "angle", label, False,
            f"{_shown(angle, _said(generic_hits, reading))} : c'est ce que ferait n'importe quelle marque, ce "
            "n'est pas encore un concept. Trouvez ce que le contenu raconte : une situation vécue par le public, "
            "un défi, un avant-après, une idée reçue à démonter.", READ_ANGLE)
    # The product in a situation is one element of the story (« un mois sans voiture avec un vélo cargo »):
    # its name counts once, so that the product named alone stays thin.
    own = campaign_words(campaign).words
    names_product = any(word in own for word in re.findall(r"[a-z0-9]+", reading.text))
    if len(_content_words(reading.text, campaign)) + names_product < MIN_ANGLE_CONTENT_WORDS - 1:
        return FeedbackItem(
            "angle", label, False,
            "L'angle est trop maigre pour qu'on voie le contenu. Dites en une ou deux phrases quelle histoire il "
            "raconte et pourquoi le public de ce créateur s'y reconnaîtra.", READ_ANGLE)
    return FeedbackItem("angle", label, True,
                        "L'angle raconte quelque chose : ce n'est pas une simple photo du produit.")


def _fit_problem(platform: Platform, fmt: CreativeFormat | None, folded: str, angle: str = "") -> str | None:
    # The video's length is read where it is described; in the angle, only when said of the video.
    said_in_angle = " ".join(match.group(0) for match in _VIDEO_DURATION.finditer(angle))
    longest = max(durations_in_seconds(folded + " " + said_in_angle), default=0.0)
    everything = folded + " " + angle
    carousel = bool(_matches(everything, _CAROUSEL))
    story = bool(_matches(folded, _STORY))
    long_tutorial = bool(_matches(everything, _LONG_TUTORIAL))
    where = platform.where
    if longest > (LIVE_ABSURD_SECONDS if platform.key == "twitch" else ABSURD_SECONDS):
        return (f"Une vidéo de {_say_duration(longest)} n'est pas réaliste pour un contenu de créateur : "
                "indiquez une durée de l'ordre de quelques secondes à quelques minutes.")
    if platform.key == "instagram_stories":
        if longest > STORY_MAX_SECONDS or long_tutorial:
            what = (f"une vidéo de {_say_duration(longest)}" if longest > STORY_MAX_SECONDS
                    else "un long tutoriel")
            return (f"En Stories, on passe d'un écran à l'autre en quelques secondes : {what} s'y perd. "
                    "Découpez-le en 3 à 5 écrans courts, ou publiez la version longue en Reel ou sur "
                    "YouTube.")
        if carousel:
            return ("Le carrousel est un format de publication Instagram, pas de Stories : choisissez "
                    "« Instagram : publication ou carrousel », ou pensez la Story en écrans successifs.")
    if platform.key in SHORT_VIDEO_PLATFORMS or platform.key == "instagram_feed":
        if longest > SHORT_VIDEO_MAX_SECONDS:
            return (f"{where[0].upper()}{where[1:]}, on regarde des vidéos courtes en faisant défiler : "
                    "une vidéo de "
                    f"{_say_duration(longest)} y sera rarement regardée jusqu'au bout. Visez une vidéo "
                    f"courte "
                    "(moins d'une minute, par exemple) et gardez la version longue pour YouTube.")
        if long_tutorial:
            return (f"Un long tutoriel convient mal {where} : découpez-le en étapes courtes, ou publiez-le "
                    "en entier sur YouTube.")
    if platform.key in ("youtube", "youtube_shorts", "instagram_reels", "twitch", "snapchat") and carousel:
        return (f"Un carrousel (une suite d'images à faire glisser) n'existe pas {where} : c'est un "
                f"format "
                "de publication Instagram (ou de TikTok en mode photo). Choisissez une vidéo, ou changez de "
                "plateforme.")
    if platform.key in ("youtube", "youtube_shorts", "tiktok") and story:
        return (f"Les Stories sont un format d'Instagram, pas {where} : choisissez « Instagram : Stories "
                f"», "
                "ou pensez une vidéo pour cette plateforme.")
    if fmt is not None and platform.key not in fmt.platforms:
        homes = ", ".join(f"« {label} »" for label in fmt.platform_labels)
        return (f"Le format « {fmt.label} » est surtout à sa place sur {homes}, pas {where}. Changez de "
                "plateforme ou choisissez un format qui y vit (voir la galerie).")
    return None



def _format_item(platform_text: str, format_text: str, details: str, angle: str) -> FeedbackItem:
    label = "Format adapté à la plateforme"
    platform = find_platform(platform_text) if platform_text else None
    # A format named in its own field is the learner's choice; the details are read only when it is empty.
    fmt = find_format(format_text) if format_text else (find_format(details) if details else None)
    if platform is None:
        message = ("Choisissez la plateforme où le contenu sera publié (" + _quote(PLATFORM_CHOICES) + ") : "
                   "le bon format en dépend.")
        if platform_text:
            message = f"Je ne reconnais pas la plateforme « {platform_text[:60]} ». " + message
        return FeedbackItem("format", label, False, message, READ_FORMAT)
    if not format_text and not details:
        return FeedbackItem(
            "format", label, False,
            f"Choisissez un format dans la galerie (tutoriel, défi, routine…) et dites sa durée ou son "
            f"déroulé : c'est ce qui permet de juger s'il convient {platform.where}.", READ_GALLERY)
    problem = _fit_problem(platform, fmt, fold(" ".join((format_text, details))), fold(angle))
    if problem:
        return FeedbackItem("format", label, False, problem, READ_FORMAT)
    named = f"« {fmt.label} »" if fmt is not None else "ce format"
    shown = named.capitalize() if fmt is None else named
    return FeedbackItem("format", label, True, f"{shown} convient bien {platform.where}.")


def _hook_item(hook: str, campaign: Campaign) -> FeedbackItem:
    label = "Accroche des premières secondes"
    kinds = _HOOK_KINDS if campaign.is_default else _HOOK_KINDS_ANY
    if not hook:
        return FeedbackItem(
            "hook", label, False,
            "Il manque l'accroche : la phrase ou l'image des trois premières secondes qui donne envie de rester. "
            f"Ouvrez sur {kinds}.", READ_HOOK)
    # The first seconds are what counts: the opening is read on the hook's first characters.
    folded = read(hook[:HOOK_READ_CHARS]).text.strip(" \"'")
    greeting = _GREETING.match(folded)
    rest = folded[greeting.end():].strip(" \"'") if greeting and greeting.end() else folded
    words = hook.split()
    if greeting and greeting.end() and not re.search(r"[a-z0-9]", rest):
        return FeedbackItem(
            "hook", label, False,
            "Un bonjour n'accroche personne : les premières secondes doivent donner une raison de rester. "
            f"Ouvrez sur {kinds}.", READ_HOOK)
    if _EMPTY_OPENING.match(rest) or _SPONSOR_OPENING.match(rest):
        sponsor = bool(_SPONSOR_OPENING.match(rest))
        what = ("Un bonjour puis l'annonce du partenariat ne donnent aucune raison de rester : la mention est "
                "obligatoire (chapitre 5), mais gardez-la à l'écran ou dans la légende, et "
                if sponsor and greeting and greeting.end() else
                "Annoncer le partenariat est obligatoire (chapitre 5), mais ce n'est pas une raison de rester : "
                "gardez la mention à l'écran ou dans la légende, et "
                if sponsor else
                f"« {hook.strip()[:SHORT_QUOTE]} » : une formule d'ouverture ne donne aucune raison de rester ; ")
        return FeedbackItem(
            "hook", label, False, f"{what}ouvrez sur {kinds}.", READ_HOOK)
    if _announcement(campaign).match(rest):
        opening = (f"« {hook.strip()[:SHORT_QUOTE]} » : un bonjour suivi de l'annonce du produit, c'est "
                   "l'accroche qui fait défiler, "
                   if greeting and greeting.end() else
                   "L'accroche commence par la marque ou le produit : le public fait défiler ")
        return FeedbackItem(
            "hook", label, False,
            f"{opening}avant de savoir pourquoi il regarderait. Commencez par lui, le produit viendra ensuite : "
            f"{kinds}.", READ_HOOK)
    if (_AGENDA_AFTER_GREETING.match(rest) if greeting and greeting.end() else _AGENDA.match(rest)):
        return FeedbackItem(
            "hook", label, False,
            f"« {hook.strip()[:SHORT_QUOTE]} » annonce le programme (« aujourd'hui on parle de… ») : le public "
            f"ne sait pas encore pourquoi il resterait. Commencez par ce qui le concerne : {kinds}.", READ_HOOK)
    if len(words) < 3:
        return FeedbackItem(
            "hook", label, False,
            "L'accroche est trop courte pour qu'on l'imagine : écrivez la phrase dite ou montrée à l'écran "
            "dans les trois premières secondes.", READ_HOOK)
    if len(words) > MAX_HOOK_WORDS:
        return FeedbackItem(
            "hook", label, False,
            f"L'accroche compte {len(words)} mots : trop pour trois secondes. Gardez une phrase courte "
            f"(moins de {MAX_HOOK_WORDS} mots) ou une image forte.", READ_HOOK)
    if greeting and greeting.end():
        return FeedbackItem("hook", label, True,
                            "Il y a une accroche concrète après le bonjour ; commencez directement par elle, "
                            "chaque seconde compte.")
    return FeedbackItem("hook", label, True, "Il y a une accroche concrète pour les premières secondes.")


def _hands_off(reading: Reading) -> list[Hit]:
    """Where the brand denies itself control (« on ne touche pas à son verdict »), to the end of the negation."""
    found: list[Hit] = []
    for hit in HANDS_OFF.hits(reading):
        scope = next((sc for sc in reading.scopes if hit.start <= sc.start < hit.end), None)
        if scope is not None and not hit.negated:
            end = max(hit.end, scope.end)
            found.append(Hit(hit.start, end, reading.text[hit.start:end].strip(), False))
    return found


def _creator_item(role: str) -> FeedbackItem:
    label = "Rôle et liberté du créateur"
    if not role:
        return FeedbackItem(
            "creator_role", label, False,
            "Il manque le rôle du créateur : que décide-t-il lui-même (le ton, le décor, l'histoire, ses "
            "mots) ? Un concept qui ne lui laisse rien perd ce qui fait sa valeur.", READ_CREATOR)
    reading = read(role)
    # « sans script imposé » frees the creator; « ne choisit rien », « aucune liberté » bind them.
    imposed_said, imposed_denied = _split(IMPOSED.hits(reading))
    freedom_said, freedom_denied = _split(FREEDOM.hits(reading))
    # « On ne touche pas à son verdict »: the brand denying itself control frees the creator, so what the
    # negation covers (« son verdict ») is the creator's, not freedom taken away.
    for hands_off in _hands_off(reading):
        imposed_denied.append(hands_off)
        released = [hit for hit in freedom_denied if hands_off.start <= hit.start < hands_off.end]
        freedom_denied = [hit for hit in freedom_denied if hit not in released]
        freedom_said.extend(released)
    # « La vidéo que nous montons à partir de ses rushes »: the brand makes the content; the creator's
    # material it works on in that clause is not the creator's say.
    for made in BRAND_MAKES.affirmed(reading):
        imposed_said.append(made)
        end = _CLAUSE_END.search(reading.text, made.end)
        clause_end = end.start() if end else len(reading.text)
        freedom_said = [hit for hit in freedom_said if not made.start <= hit.start < clause_end]
    # A takeover (« elle tient le compte de la marque, répond aux questions en direct ») is a role of its own.
    takeover_hits = TAKEOVER.affirmed(reading)
    takeover = [hit for index, hit in enumerate(takeover_hits)  # of overlapping hits, the first only
                if not any(other.start <= hit.start < other.end for other in takeover_hits[:index])]
    takeover_only = bool(takeover) and not freedom_said
    freedom_said.extend(takeover)
    imposed_said.sort(key=lambda hit: hit.start)
    freedom_said.sort(key=lambda hit: hit.start)
    imposed = _said([*imposed_said, *freedom_denied], reading)
    freedom = _said([*freedom_said, *imposed_denied], reading)
    freed_by_denial = bool(imposed_denied)
    # « Script fourni, mais elle peut l'adapter »: what follows the last « mais » has the last word.
    turn = max((m.end() for m in _BUT.finditer(reading.text)), default=-1)
    if imposed and freedom and all(hit.start < turn for hit in (*imposed_said, *freedom_denied)) and any(
            hit.start >= turn for hit in (*freedom_said, *imposed_denied)):
        return FeedbackItem(
            "creator_role", label, True,
            f"Il part d'un cadre de la marque ({_quote(imposed[:1])}), mais le fait sien ({_quote(freedom[-1:])}) : "
            "gardez cette marge, c'est elle qui rend le contenu crédible.")
    if imposed and not freedom:
        return FeedbackItem(
            "creator_role", label, False,
            f"Tout est imposé ({_shown(role, imposed)}) : le créateur devient un panneau publicitaire. "
            "Laissez-lui une vraie part : raconter avec ses mots, choisir le décor, proposer l'idée du contenu.",
            READ_CREATOR)
    if imposed:
        return FeedbackItem(
            "creator_role", label, False,
            f"Vous lui laissez une part ({_quote(freedom[:2])}), mais {_quote(imposed[:2])} "
            f"{'la reprennent' if len(imposed) > 1 else 'la reprend'}. "
            "Gardez les vraies obligations pour le brief (chapitres 6 et 10) et laissez-le créer le reste.",
            READ_CREATOR)
    if not freedom:
        return FeedbackItem(
            "creator_role", label, False,
            "On ne voit pas ce que le créateur apporte lui-même. Dites ce qu'il décide : ses mots, son ton, "
            "son décor, l'histoire qu'il raconte, l'idée qu'il propose.", READ_CREATOR)
    if freed_by_denial:
        return FeedbackItem("creator_role", label, True,
                            "Rien ne lui est imposé et il apporte sa part au contenu.")
    if takeover_only:
        return FeedbackItem(
            "creator_role", label, True,
            f"Le créateur prend la parole sur le compte de la marque ({_quote(_said(takeover, reading)[:2])}) : "
            "c'est un vrai rôle. Précisez ce qu'il décide lui-même (ce qu'il montre, son ton, ses réponses) "
            "pour que le brief le lui laisse.")
    return FeedbackItem("creator_role", label, True,
                        "Le créateur a un vrai rôle : il apporte sa part au contenu.")


@lru_cache(maxsize=64)
def cta_kinds(cta: str) -> tuple[CtaKind, ...]:
    """The kinds of call to action a text asks for (what it says under a negation is not asked)."""
    reading = read(cta)
    return tuple(kind for kind in CTA_KINDS if kind.found_in(reading))


def _some_action(cta: str) -> bool:
    """Any action asked of the audience, even one no kind knows (« Racontez-nous… », « Venez… »)."""
    reading = read(cta)
    verbs = [hit for hit in CALL_TO_ACTION.affirmed(reading) if hit.text not in {"suis", "suit"}]
    return bool(verbs) or bool(_IMPERATIVE.search(reading.text))


def _cta_item(cta: str, objective: Objective, campaign: Campaign) -> FeedbackItem:
    label = "Appel à l'action au service de l'objectif"
    if not cta:
        return FeedbackItem(
            "cta", label, False,
            "Il manque l'appel à l'action : que doit faire le public après avoir vu le contenu ? Choisissez "
            "une seule action, celle qui sert votre objectif.", READ_CTA)
    if objective.stage is None:
        return FeedbackItem(
            "cta", label, False,
            "Aucun objectif de campagne n'est connu : choisissez le but (notoriété, considération, conversion "
            "ou fidélisation) pour vérifier que l'appel à l'action le sert, ou enregistrez l'objectif du "
            "chapitre 1.", READ_CTA)
    stage = objective.stage
    goal = STAGES[stage].lower()
    kinds = cta_kinds(cta)
    # The kinds of the objective's own stage first, then those of a neighbouring stage.
    serving = sorted((kind for kind in kinds if kind.stage in _CTA_SERVES[stage]),
                     key=lambda k: k.stage != stage)
    if serving:
        kind = serving[0]
        words = _said(kind.found_in(read(cta)), read(cta))
        return FeedbackItem("cta", label, True,
                            f"Votre appel ({_shown(cta, words)}) {kind.does} : cela sert bien un objectif de {goal}.")
    if kinds:
        kind = kinds[0]
        if stage == "awareness" and kind.stage == "conversion":
            why = ("Un code promo ou un achat demande au public de payer tout de suite : c'est une action de "
                   "conversion, alors que votre objectif est de vous faire connaître.")
        elif stage == "conversion" and kind.stage == "awareness":
            why = ("« Abonnez-vous » ou « partagez » font grandir l'audience, mais ne font pas vendre : votre "
                   "objectif est la conversion.")
        else:
            why = f"Cette action ({kind.label}) sert plutôt la {STAGES[kind.stage].lower()}, pas la {goal}."
        return FeedbackItem("cta", label, False, f"{why} Préférez {_cta_advice(stage, campaign)}.", READ_CTA)
    if _some_action(cta):
        return FeedbackItem(
            "cta", label, True,
            f"Il y a bien une action demandée. Vérifiez qu'elle sert un objectif de {goal} : par exemple "
            f"{_cta_advice(stage, campaign)}.")
    return FeedbackItem(
        "cta", label, False,
        f"Je ne trouve pas d'action demandée au public. Écrivez-la comme le créateur la dirait, à l'impératif : "
        f"pour un objectif de {goal}, {_cta_advice(stage, campaign)}.", READ_CTA)


def measured_kpis(measurement: str) -> list[Kpi]:
    """The KPIs a measurement says it will count (« pas les likes : la portée » counts reach only)."""
    reading = read(measurement)
    return [kpi for kpi, meaning in KPI_MEANINGS if meaning.said(reading)]


def _kpi_name(kpi: Kpi) -> str:
    return kpi.label[0].lower() + kpi.label[1:] if not kpi.label[:3].isupper() else kpi.label


def _measurement_item(measurement: str, objective: Objective) -> tuple[FeedbackItem, list[str]]:
    label = "Mesure cohérente avec l'objectif"
    tips: list[str] = []
    own = objective.own_kpis
    if own:
        advice = f" Pour votre objectif, mesurez {_KPI_SUGGESTIONS.get(own[0].key, _kpi_name(own[0]))}."
    elif objective.stage:
        advice = f" Pour votre objectif, mesurez {_STAGE_SUGGESTIONS[objective.stage]}."
    else:
        advice = ""
    if not measurement:
        return FeedbackItem(
            "measurement", label, False,
            "Il manque la mesure : quel chiffre dira, à la fin, si le concept a marché ?" + advice,
            READ_MEASURE), tips
    reading = read(measurement)
    kpis = measured_kpis(measurement)
    if not _SOURCE.said(reading):
        tips.append("Dites aussi d'où viendront les chiffres : statistiques partagées par le créateur (captures), "
                    "lien UTM, code unique par créateur.")
    vanity = [name for name, meaning in _VANITY if meaning.said(reading)]
    objective_names = _quote(_kpi_name(k) for k in own[:2])
    if not kpis and vanity:
        counted = (f" : votre objectif se compte en {objective_names}, et les {vanity[0]} peuvent monter sans "
                   "que ce chiffre-là bouge."
                   if own else " : on les compte facilement, mais ils ne mesurent ni la portée, ni les clics, "
                               "ni les ventes.")
        return FeedbackItem(
            "measurement", label, False,
            f"{_quote(vanity[:2])} seuls ne disent pas si l'objectif est atteint{counted}"
            + advice.replace(" Pour votre objectif, mesurez", " Mesurez plutôt"), READ_MEASURE), tips
    if not kpis:
        return FeedbackItem(
            "measurement", label, False,
            "Aucun indicateur mesurable n'est nommé : dites ce que vous compterez." + advice,
            READ_MEASURE), tips
    names = _quote(_kpi_name(k) for k in kpis[:3])
    if objective.stage is None:
        return FeedbackItem(
            "measurement", label, False,
            f"Vous mesurerez {names}, mais sans objectif connu on ne peut pas dire si c'est le bon chiffre : "
            "choisissez le but de la campagne.", READ_MEASURE), tips
    stage = objective.stage
    fitting = [k for k in kpis if k.stage == stage]
    if not fitting:
        return FeedbackItem(
            "measurement", label, False,
            f"Vous mesurerez {names} : cela ne dit pas si un objectif de {STAGES[stage].lower()} est atteint."
            + advice.replace(" Pour votre objectif, mesurez", " Mesurez plutôt"), READ_MEASURE), tips
    if own:
        exact = [k for k in fitting if k in own]
        close = [k for k in fitting if any(same_family(k, o) for o in own)]
        if exact:
            return FeedbackItem(
                "measurement", label, True,
                f"Vous mesurerez « {_kpi_name(exact[0])} », l'indicateur de votre objectif : vous pourrez "
                "comparer au chapitre 8."), tips
        if close:
            tips.append(f"Votre objectif du chapitre 1 se mesure en « {_kpi_name(own[0])} » : suivez aussi cet "
                        "indicateur-là, pour comparer au chapitre 8.")
            return FeedbackItem(
                "measurement", label, True,
                f"« {close[0].label} » compte la même chose que « {_kpi_name(own[0])} », l'indicateur de votre "
                "objectif."), tips
        return FeedbackItem(
            "measurement", label, False,
            f"Votre objectif se compte en {objective_names} ; {names} ne le "
            f"{'mesurent' if len(kpis) > 1 else 'mesure'} pas : ce chiffre peut monter sans que l'objectif "
            f"avance. Mesurez plutôt "
            f"{_KPI_SUGGESTIONS.get(own[0].key, _kpi_name(own[0]))}.", READ_MEASURE), tips
    return FeedbackItem("measurement", label, True,
                        f"« {fitting[0].label} » mesure bien un objectif de {STAGES[stage].lower()}."), tips

# --------------------------------------------------------------------------- the check

# The default campaign's rules are compiled at import: a learner's first « Vérifier » must not pay for it.
_generic_angle(resolve(None))
_announcement(resolve(None))


def _read_fields(canvas: Mapping[Any, Any]) -> tuple[dict[str, str], list[str], list[str]]:
    """Texts of the canvas fields ("" when missing), the fields of a wrong type, the fields too long."""
    fields: dict[str, str] = {}
    wrong_type: list[str] = []
    too_long: list[str] = []
    for key in (*FIELDS, "goal"):
        value = canvas.get(key)
        if is_placeholder(value):
            fields[key] = ""
        elif isinstance(value, str):
            text = value.strip()
            if len(text) > MAX_FIELD_CHARS:
                too_long.append(key)
                text = text[:MAX_FIELD_CHARS]
            fields[key] = text
        else:
            fields[key] = ""
            wrong_type.append(key)
    return fields, wrong_type, too_long


@learner_check("ch03-concept", "Canevas")
def check_concept(canvas: Mapping[str, str] | None, objective_text: str | None = None, *,
                  campaign: Campaign | None = None) -> Feedback:
    """Check a concept canvas in French; one item per criterion (angle, format, hook, creator, CTA, measure).

    ``canvas`` maps the field names of :data:`FIELDS` (and optionally ``goal``) to the learner's texts.
    ``objective_text`` is chapter 1's objective sentence; when it names no single funnel stage, the
    canvas's ``goal`` (a stage label such as « Notoriété ») is used. ``campaign`` (Sève's by default)
    names the brand and product that a generic angle or a product-first hook would only show.
    Never raises on learner input.
    """
    if is_placeholder(canvas):
        return input_problem(
            CHECK_NAME, "Canevas",
            "Le canevas est encore à compléter : un angle, une plateforme, un format, une accroche, le rôle "
            "du "
            "créateur, un appel à l'action et la mesure.", READ_ANGLE)
    if not isinstance(canvas, Mapping):
        return input_problem(
            CHECK_NAME, "Canevas",
            f"Le canevas doit être un dictionnaire {{\"angle\": \"…\", \"platform\": \"…\", …}}, pas une "
            f"valeur "
            f"de type « {type(canvas).__name__} ».", READ_ANGLE)
    fields, wrong_type, too_long = _read_fields(canvas)
    if not any(fields[key] for key in FIELDS):
        message = ("Le canevas est encore à compléter : remplissez au moins l'angle, la plateforme, le "
                   "format, "
                   "l'accroche, le rôle du créateur, l'appel à l'action et la mesure. Dans un cahier "
                   "d'exercices, remplacez chaque ... par votre texte entre guillemets droits.")
        if wrong_type:
            message += (" Ces cases doivent contenir du texte entre guillemets : "
                        + _quote(FIELD_LABELS[k] for k in wrong_type) + ".")
        return input_problem(CHECK_NAME, "Canevas", message, READ_ANGLE)
    campaign = resolve(campaign)
    objective = resolve_objective(objective_text, fields["goal"])
    measurement, measurement_tips = _measurement_item(fields["measurement"], objective)
    items = (
        _angle_item(fields["angle"], "angle" in too_long, campaign),
        _format_item(fields["platform"], fields["format"], fields["details"], fields["angle"]),
        _hook_item(fields["hook"], campaign),
        _creator_item(fields["creator_role"]),
        _cta_item(fields["cta"], objective, campaign),
        measurement,
    )
    tips: list[str] = []
    if wrong_type:
        tips.append("Ces cases doivent contenir du texte et ont été ignorées : "
                    + _quote(FIELD_LABELS[k] for k in wrong_type) + ".")
    if too_long:
        tips.append(f"Textes très longs : seuls les {format_number(MAX_FIELD_CHARS)} premiers caractères de "
                    + _quote(FIELD_LABELS[k] for k in too_long) + " ont été lus.")
    if len(cta_kinds(fields["cta"])) > 2:
        tips.append("Plusieurs actions dans un seul appel se font concurrence : gardez-en une.")
    fmt = find_format(fields["format"]) if fields["format"] else None
    if fmt is not None and fmt.key == "giveaway":
        tips.append("Jeu-concours : règlement, participation sans « sacrifice financier », mention de "
                    "partenariat et règles d'Instagram (voir « " + READ_GIVEAWAY + " »).")
    if objective.source == "choice":
        tips.append("Objectif choisi dans le menu : enregistrez l'objectif complet au chapitre 1 pour qu'il "
                    "suive "
                    "jusqu'au brief.")
    tips.extend(measurement_tips)
    return build_feedback(CHECK_NAME, items, tips)

# --------------------------------------------------------------------------- exercise: formats to situations


@dataclass(frozen=True)
class Situation:
    key: str
    text: str
    accepted: tuple[str, ...]  # format keys
    why: str


FORMAT_SITUATIONS: tuple[Situation, ...] = (
    Situation("A", "Sur YouTube, montrer en détail comment passer du shampooing liquide au solide, avec les "
                   "erreurs à éviter.", ("tutorial", "review"),
              "Un geste nouveau à apprendre, en format long : le tutoriel (ou le test) sur YouTube."),
    Situation("B", "Sur TikTok, faire connaître vite la gamme avec un geste simple que chacun peut refaire "
                   "et publier.", ("challenge",),
              "Un geste à refaire et à diffuser : c'est le défi, qui vise la notoriété."),
    Situation("C", "Obtenir des vidéos authentiques de clientes à réutiliser sur la page produit du site.",
              ("ugc",), "Des vidéos réutilisables par la marque : l'UGC, avec des droits cédés par écrit."),
    Situation("D", "Faire découvrir le compte Instagram de Sève aux abonnés d'une créatrice, le temps d'une "
                   "journée en Stories.", ("takeover",),
              "La créatrice prend les commandes du compte de la marque : c'est la prise de contrôle."),
    Situation("E", "Compter les ventes apportées par chaque créateur.", ("affiliate",),
              "Un code ou un lien unique par créateur rend les ventes mesurables (à associer à un vrai "
              "concept)."),
    Situation("F", "Suivre la même créatrice pendant trois mois, un épisode par mois sur sa routine.",
              ("ambassador",), "Une relation dans la durée, racontée en épisodes : la série ambassadeur."),
)


_SITUATION_KEY = re.compile(r"^(?:situation|cas|case|sit\.?)?\s*([a-z])\s*[).:-]?$")


def _situation_answers(answers: object) -> dict[str, object] | None:
    """{letter: answer} from a dictionary (« A », « a », « Situation A », « A) ») or a list in order A–F."""
    if isinstance(answers, Mapping):
        given: dict[str, object] = {}
        for key, value in answers.items():
            match = _SITUATION_KEY.match(fold(str(key))[:40])
            given[match.group(1).upper() if match else str(key).strip().upper()[:3]] = value
        return given
    if isinstance(answers, (list, tuple)) and answers and all(isinstance(v, str) or v is ... for v in answers):
        return {situation.key: value for situation, value in zip(FORMAT_SITUATIONS, answers, strict=False)}
    return None


@learner_check("ch03-format-matching", "Associations")
def check_format_matching(answers: object) -> Feedback:
    """Exercise: map each situation letter of :data:`FORMAT_SITUATIONS` to a format of the gallery.

    ``answers`` is a dictionary {letter: format} (a list in the order A–F is read too); a format is
    a label of the gallery or the learner's own words (« tuto », « un défi TikTok »).
    """
    check = "ch03-format-matching"
    if isinstance(answers, Mapping) and answers and all(is_placeholder(v) for v in answers.values()):
        return input_problem(
            check, "Associations",
            "Vos réponses sont encore à compléter : remplacez chaque ... par le nom d'un format de la galerie, "
            "entre guillemets droits, par exemple \"Tutoriel\".", READ_GALLERY)
    given = None if is_placeholder(answers) else _situation_answers(answers)
    if not given:
        return input_problem(
            check, "Associations",
            "Donnez un dictionnaire {lettre: format}, par exemple {\"A\": \"Tutoriel\"} (noms de la galerie).",
            READ_GALLERY)
    items = []
    for situation in FORMAT_SITUATIONS:
        value = given.get(situation.key)
        label = f"Situation {situation.key}"
        if is_placeholder(value) or not isinstance(value, str):
            items.append(FeedbackItem(f"situation:{situation.key}", label, False,
                                      "Pas encore de réponse : recopiez le nom d'un format de la galerie.",
                                      READ_GALLERY))
            continue
        fmt = find_format(value.strip()[:200])
        if fmt is None:
            items.append(FeedbackItem(
                f"situation:{situation.key}", label, False,
                f"« {value.strip()[:60]} » n'est pas un format de la galerie : recopiez un nom du tableau.",
                READ_GALLERY))
        elif fmt.key in situation.accepted:
            items.append(FeedbackItem(f"situation:{situation.key}", label, True, f"Oui. {situation.why}"))
        else:
            expected = FORMAT_BY_KEY[situation.accepted[0]].label
            items.append(FeedbackItem(
                f"situation:{situation.key}", label, False,
                f"« {fmt.label} » convient moins bien ici. Indice : relisez la ligne « {expected} » de la "
                f"galerie.",
                READ_GALLERY))
    return build_feedback(check, items)


# --------------------------------------------------------------------------- exercise: giveaways



@dataclass(frozen=True)
class GiveawayCase:
    key: str
    text: str
    breaks_rules: bool
    why: str
    reread: str = ""  # the text of the rules table that settles it, named in the feedback


GIVEAWAY_CASES: tuple[GiveawayCase, ...] = (
    GiveawayCase("A",
                 "France : pour participer au tirage au sort d'un coffret, il faut acheter un ticket à 2 € "
                      "sur le site de la créatrice.", True,
                 "Un gain dû au hasard contre un « sacrifice financier » : c'est un jeu d'argent interdit "
                 "(Code de la sécurité intérieure, art. L320-1).",
                 "ce que dit le Code de la sécurité intérieure (art. L320-1) d'un jeu payant tiré au sort"),
    GiveawayCase("B", "Participation gratuite, règlement complet en lien en bio, mention « ce jeu n'est ni "
                      "organisé ni soutenu par Instagram », publication signalée « Collaboration commerciale "
                      "avec Sève ».", False,
                 "Gratuit, règlement accessible, Instagram dégagé de toute responsabilité, partenariat "
                 "signalé.",
                 "les règles d'Instagram sur les promotions point par point : ce jeu les respecte toutes"),
    GiveawayCase("C",
                 "« Identifiez dix personnes sur cette photo, même si elles n'y sont pas, pour multiplier "
                      "vos chances ! »", True,
                 "Les règles d'Instagram interdisent d'inciter à identifier des personnes qui n'apparaissent "
                 "pas dans le contenu.",
                 "ce que les règles d'Instagram disent des identifications"),
    GiveawayCase("D", "Un jeu-concours payé par Sève, publié par une créatrice sans aucune mention de "
                      "partenariat.", True,
                 "Un jeu sponsorisé est une publication commerciale : il doit être signalé comme tel.",
                 "ce qu'un jeu payé par une marque doit afficher (chapitre 5)"),
    GiveawayCase("E", "France : jeu réservé aux acheteurs du duo Rituel Avoine vendu au prix habituel, "
                      "règlement clair, tirage loyal.", False,
                 "Depuis la loi Hamon (17 mars 2014), l'obligation d'achat est possible tant que le jeu "
                 "n'est pas déloyal.",
                 "ce que la loi Hamon (2014) a changé pour les jeux réservés aux acheteurs"),
    GiveawayCase("F", "Règlement complet publié en ligne, mais pas déposé chez un commissaire de justice.",
                 False,
                 "Le dépôt n'est plus obligatoire depuis la loi du 20 décembre 2014 ; il reste recommandé "
                 "pour prouver le règlement.",
                 "ce que la loi du 20 décembre 2014 a changé pour le dépôt du règlement"),
)


#: Saying a giveaway is lawful (« B, E et F sont conformes »); under a negation it flags it instead.
LAWFUL = GatedMeaning(
    "giveaway_lawful",
    r"\bconformes?\b", r"\bleg(?:al|aux)\w*\b", r"\bok\b", r"\bokay\b", r"\bautoris\w*\b", r"\bpermis\b",
    r"\bvalides?\b", r"\brespect\w*\b", r"\breglo\b", r"\bbons?\b", r"\bcorrects?\b", r"\blicites?\b",
    r"\bpas de (?:souci|probleme)\b", r"\bsans (?:souci|probleme)\b", r"\bpossibles?\b",
)
#: Saying a giveaway breaks a rule (« interdit », « pose problème »).
BREAKS = GatedMeaning(
    "giveaway_breaks",
    r"\binterdit\w*\b", r"\billeg(?:al|aux)\w*\b", r"\billicites?\b", r"\bproblemes?\b", r"\bprobleme\w*\b",
    r"\benfrei\w*\b", r"\bdeloya\w*\b", r"\babusi\w*\b", r"\bnon[- ]conformes?\b",
    r"\bpas (?:ok|conformes?|leg(?:al|aux)\w*|autoris\w*|bon)\b", r"\bobligatoire\b",
)
# One-word answers in a dictionary {letter: verdict}.
_YES = frozenset({"oui", "yes", "o", "y", "x", "true", "vrai", "1", "ko", "probleme"})
_NO = frozenset({"non", "no", "n", "false", "faux", "0", "ok", "conforme", "legal"})
_LETTER = re.compile(r"(?<![A-Za-zÀ-ÿ0-9])([A-Za-z])(?![A-Za-zÀ-ÿ0-9'’])")
_CLUSTER = re.compile(r"(?<![A-Za-zÀ-ÿ])([A-F]{2,6})(?![A-Za-zÀ-ÿ])")
_GROUP_GLUE = re.compile(r"^[\s,&/+-]*(?:(?:et|ou|and|puis)\b[\s,]*)?$")
_ALL_BUT = re.compile(r"\btous\s+(?:les\s+\w+\s+)?(?:sauf|hormis|excepte|a part)\b")
_SENTENCE_END = re.compile(r"[.;!?\n]")
#: A verdict word attaches to a list of letters at most this many words away.
VERDICT_REACH = 6


@dataclass(frozen=True)
class _Group:
    letters: tuple[str, ...]
    start: int
    end: int


def _letter_positions(text: str) -> list[tuple[str, int]]:
    """Letters of a free answer: single letters (upper case ones only when there are some) and « ACD »."""
    singles = [(m.group(1), m.start(1)) for m in _LETTER.finditer(text)]
    upper = [(letter, at) for letter, at in singles if letter.isupper()]
    found = upper if upper else [(letter.upper(), at) for letter, at in singles]
    for cluster in _CLUSTER.finditer(text):
        if len(set(cluster.group(1))) == len(cluster.group(1)):
            found.extend((letter, cluster.start(1) + i) for i, letter in enumerate(cluster.group(1)))
    return sorted(found, key=lambda item: item[1])


def _groups(text: str, letters: list[tuple[str, int]]) -> list[_Group]:
    """Runs of letters written as one list: « B, E et F », « A C D »."""
    groups: list[_Group] = []
    for letter, at in letters:
        between = text[groups[-1].end:at] if groups else ""
        # « A - C - D » is one list; an en or em dash separates two (« A, C, D — B, E, F conformes »).
        if groups and "—" not in between and "–" not in between and _GROUP_GLUE.match(fold(between)):
            last = groups[-1]
            groups[-1] = _Group((*last.letters, letter), last.start, at + 1)
        else:
            groups.append(_Group((letter,), at, at + 1))
    return groups


def _words_between(text: str, start: int, end: int) -> int | None:
    """Words between two positions of one sentence (None across a sentence end)."""
    between = text[start:end] if start <= end else text[end:start]
    if _SENTENCE_END.search(between):
        return None
    return len(re.findall(r"[^\W\d_]+", between))


def _read_flags(text: str) -> tuple[set[str], set[str]]:
    """(flagged, said lawful) letters of a free answer, e.g. « A, C et D ; B, E et F sont conformes »."""
    text = text[:500]
    reading = read(text)
    letters = _letter_positions(text)
    groups = _groups(text, letters)
    verdicts: list[tuple[int, int, bool]] = []  # start, end, lawful?
    for hit in LAWFUL.hits(reading):
        verdicts.append((hit.start, hit.end, not hit.negated))
    for hit in BREAKS.hits(reading):
        if not any(start <= hit.start < end for start, end, _ in verdicts):
            verdicts.append((hit.start, hit.end, False if not hit.negated else True))
    flagged: set[str] = set()
    lawful: set[str] = set()
    for number, group in enumerate(groups):
        # The verdict after the list (« B et F sont conformes »), else the one just before it (« interdits : A, C »),
        # never across another list of letters.
        limit = groups[number + 1].start if number + 1 < len(groups) else len(text)
        floor = groups[number - 1].end if number else 0
        after = [(_words_between(text, group.end, start), ok) for start, _end, ok in verdicts
                 if group.end <= start < limit]
        before = [(_words_between(text, end, group.start), ok) for _start, end, ok in verdicts
                  if floor <= end <= group.start]
        near_after = sorted((d, ok) for d, ok in after if d is not None and d <= VERDICT_REACH)
        near_before = sorted((d, ok) for d, ok in before if d is not None and d <= VERDICT_REACH - 1)
        verdict = near_after[0][1] if near_after else (near_before[0][1] if near_before else False)
        for letter, at in ((letter, at) for letter, at in letters if group.start <= at < group.end):
            if reading.negated(at) or verdict:
                lawful.add(letter)
            else:
                flagged.add(letter)
    if _ALL_BUT.search(reading.text):
        known = {case.key for case in GIVEAWAY_CASES}
        return known - flagged, flagged
    return flagged - lawful, lawful


def _flags_value(value: object) -> bool:
    """Whether a dictionary value flags its giveaway: True, 1, « oui », « interdit », a reason given."""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return value == 1
    if isinstance(value, str) and value.strip() and not is_placeholder(value):
        word = fold(value).strip(" .!")
        if word in _YES or word in _NO:
            return word in _YES
        reading = read(value[:300])
        lawful_said, lawful_denied = _split(LAWFUL.hits(reading))
        breaks_said, breaks_denied = _split(BREAKS.hits(reading))
        # « conforme », « pas interdit », « le dépôt n'est plus obligatoire » clear it; a reason given flags it.
        return not ((lawful_said or breaks_denied) and not (breaks_said or lawful_denied))
    return False


def _letters(flagged: object) -> set[str] | None:
    """The letters an answer flags: a set or list of letters, a dictionary {letter: verdict}, or a sentence."""
    if isinstance(flagged, str):
        return _read_flags(flagged)[0]
    if isinstance(flagged, Mapping):
        found: set[str] = set()
        for key, value in flagged.items():
            match = _SITUATION_KEY.match(re.sub(r"^(?:jeu|giveaway)\s*", "", fold(str(key))[:40]))
            if _flags_value(value):
                found.add(match.group(1).upper() if match else str(key).strip().upper())
        return found
    if isinstance(flagged, (set, frozenset, list, tuple)):
        found = set()
        for item in flagged:
            text = str(item).strip()
            found |= _read_flags(text)[0] if len(text) > 1 else {text.upper()}
        return found
    return None

@learner_check("ch03-giveaway-spotting", "Jeux repérés")
def check_giveaway_spotting(flagged: object) -> Feedback:
    """Exercise: the letters of :data:`GIVEAWAY_CASES` that break a rule, e.g. ``{"A", "C"}``."""
    check = "ch03-giveaway-spotting"
    letters = None if is_placeholder(flagged) else _letters(flagged)
    if letters is None:
        return input_problem(
            check, "Jeux repérés",
            "Votre réponse est encore à compléter : écrivez les lettres des jeux qui posent problème, "
            "chacune "
            "entre guillemets droits, séparées par des virgules et entourées d'accolades : {\"X\", \"Y\"}.",
            READ_GIVEAWAY)
    known = {case.key for case in GIVEAWAY_CASES}
    items = []
    for case in GIVEAWAY_CASES:
        said = case.key in letters
        label = f"Jeu {case.key}"
        if said == case.breaks_rules:
            verdict = "pose bien problème" if case.breaks_rules else "est bien conforme"
            items.append(FeedbackItem(f"case:{case.key}", label, True, f"Oui, ce jeu {verdict}. {case.why}"))
        elif case.breaks_rules:
            items.append(FeedbackItem(f"case:{case.key}", label, False,
                                      f"Ce jeu enfreint une règle : relisez {case.reread}.", READ_GIVEAWAY))
        else:
            items.append(FeedbackItem(f"case:{case.key}", label, False,
                                      f"Ce jeu est conforme, la loi le permet aujourd'hui : relisez {case.reread}.",
                                      READ_GIVEAWAY))
    unknown = sorted(letters - known)
    tips = [f"Lettres inconnues ignorées : {', '.join(unknown[:10])}."] if unknown else []
    return build_feedback(check, items, tips)
