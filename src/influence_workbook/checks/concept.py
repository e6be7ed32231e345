"""Chapter 3 — « Concept peu créatif »: is the campaign concept more than a product on a table?

The learner fills a concept canvas for the « Rituel Avoine » campaign (a mapping of French
texts): ``angle``, ``platform``, ``format``, ``details`` (length, what happens), ``hook``,
``creator_role``, ``cta``, ``measurement`` and, when chapter 1 left no objective, ``goal``
(a funnel stage). :func:`check_concept` returns one feedback item per criterion:

angle (not a generic product post) · format fits the platform · hook of the first seconds ·
the creator's own role · call to action serving the objective · measurement consistent with
the objective's KPI.

The exercise checks :func:`check_format_matching` and :func:`check_giveaway_spotting` use the
gallery of :mod:`influence_workbook.formats`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

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
from influence_workbook.text import KeywordRule, Patterns, compile_patterns, fold, format_number, is_placeholder

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

# --------------------------------------------------------------------------- angle

# A product shown, presented or coded, and nothing else (matched on folded text).
_GENERIC_PATTERNS = compile_patterns(
    r"\b(?:une?|des|la|le|les)\s+(?:simples?\s+)?(?:photos?|posts?|publications?|stor(?:y|ies)|videos?|reels?|"
    r"visuels?|images?|tiktoks?)\s+(?:avec|du|de|des|sur|montrant|presentant|qui (?:montre|presente))\s+"
    r"(?:le|la|les|nos|notre|ce|un|une)?\s*(?:nouveaux?\s+|nouvelles?\s+)?(?:produits?|shampo\w*|gamme|"
    r"marque|packaging|flacons?|pains?)\b",
    r"\b(?:presenter|montrer|mettre en avant|parler d[eu]|promouvoir|poster|mettre en valeur)\s+"
    r"(?:le|la|les|nos|notre|du|de la|de nos|de notre|des)?\s*(?:nouveaux?\s+|nouvelles?\s+)?"
    r"(?:produits?|shampo\w*|gamme|marque|nouveautes?|rituel avoine)\b",
    r"\bcodes? (?:promo(?:tionnels?)?|de reduction)\b",
    r"\bfaire (?:de la |la )?(?:pub(?:licite)?|promo(?:tion)?)\b",
    r"\bun post sponsorise\b",
    r"\bplacement de produit\b",
)
# Words that carry no idea of their own in a concept for this campaign.
_FILLER_WORDS = frozenset("""
    avec pour dans sans sous chez entre vers leur leurs notre nos votre vos cette cela elle elles ils
    tout tous toute toutes plus moins tres bien aussi faire fait sera etre avoir donc alors mais comme
    puis produit produits shampooing shampoing shampoings solide solides apres-shampooing gamme marque
    seve rituel avoine photo photos post posts publication publications video videos visuel visuels
    image images story stories reel reels tiktok instagram youtube influenceur influenceuse influenceurs
    createur createurs creatrice creatrices code codes promo reduction presenter montrer parler poster
    nouveau nouvelle nouveaux nouvelles simple simples abonnes abonne reste rien autre autres chose
    juste seulement uniquement publier poste postee
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


# --------------------------------------------------------------------------- hook

_GREETING_ONLY = re.compile(
    r"^(?:bonjour|salut|coucou|hello|hey|hi|bonsoir|yo)(?:\s+(?:a tous|a toutes|tout le monde|les amis|la "
    r"team|"
    r"les filles|les gars|mes abonnes|la commu(?:naute)?))?[\s!.,]*(?:c'est (?:moi|\w+)[\s!.,]*)?$"
)
_BRAND_FIRST_HOOK = re.compile(
    r"^(?:decouvrez|voici|je vous presente|presentation d[eu]|nouveau|nouvelle|aujourd'hui je vous presente|"
    r"je vais vous presenter)\s+(?:le |la |les |l'|notre |nos |mon |ma |un |une )?(?:nouve\w+ )?"
    r"(?:produit|shampo\w*|gamme|marque|seve|rituel|collaboration|partenariat)"
)

# --------------------------------------------------------------------------- creator's role

_IMPOSED_PATTERNS = compile_patterns(
    r"\bposte(?:r|ra|nt|e)?\s+(?:simplement\s+|juste\s+)?(?:notre|nos|le|la|les|un|une)\s+(?:\w+\s+)?"
    r"(?:visuels?|photos?|videos?|contenus?|textes?|posts?|images?|publications?)\b",
    r"\brepost\w*", r"\breprend\w*\s+(?:notre|nos)\b",
    r"\bpartage(?:r|ra)?\s+(?:notre|nos)\s+(?:visuels?|publications?|contenus?|videos?)\b",
    r"\b(?:texte|script|legende|message|video|visuel)s?\s+(?:fourni|impose|ecrit par (?:la marque|nous)|"
    r"de la marque)\w*",
    r"\bmot (?:pour|a) mot\b", r"\ba la lettre\b", r"\bcopier[- ]coller\b", r"\bcopie[- ]colle\b",
    r"\bimpose\w*\b", r"\bsans (?:rien )?(?:modifier|changer|toucher)\b", r"\baucune (?:liberte|marge)\b",
    r"\b(?:lit|lire|recite\w*|reciter)\s+(?:notre|le|la|un)\s+(?:texte|script)\b",
    r"\bon lui (?:fournit|donne|envoie) (?:tout|le texte|le script|la video|le visuel|les visuels)\b",
    r"\bn'a (?:rien|pas) a (?:faire|dire|creer|ecrire)\b", r"\bexecute\w*\b",
)
_FREEDOM_PATTERNS = compile_patterns(
    r"\b(?:sa|son|ses)\s+(?:propres?\s+)?[a-z]{3,}", r"\blibre\w*\b", r"\bliberte\b", r"\bcarte blanche\b",
    r"\bco-?cre\w*", r"\bchoisi[rt]\w*\b", r"\bimagine\w*\b", r"\bpropose\w*\b", r"\braconte\w*\b",
    r"\becri[rtv]\w*\b", r"\btourne\w*\b", r"\bpersonnel\w*\b", r"\bde lui-meme\b", r"\bd'elle-meme\b",
    r"\bdecide\w*\b", r"\bselon (?:lui|elle)\b", r"\ba (?:sa|leur) (?:facon|maniere|sauce|image)\b",
    r"\bpartage\w* (?:son|sa|ses)\b",
)

# --------------------------------------------------------------------------- call to action


@dataclass(frozen=True)
class CtaKind(KeywordRule):
    """A family of calls to action and the funnel stage it serves."""

    key: str
    label: str
    stage: str
    patterns: tuple[str, ...]


CTA_KINDS: tuple[CtaKind, ...] = (
    CtaKind("follow", "s'abonner, suivre", "awareness",
            (r"\babonne[zr]?\b", r"\babonnez-vous\b", r"\bsuiv(?:ez|re)\b", r"\bfollow\w*\b")),
    CtaKind("spread", "partager, identifier, relever le défi", "awareness",
            (r"\bpartage[zr]\b", r"\bidentifie[zr]\b", r"\btague[zr]\b", r"\btag(?:ger|gez)\b",
             r"\brelev(?:ez|er) le defi\b", r"\bfaites?[- ]le aussi\b", r"\ba vous de jouer\b",
             r"\bparticipe[zr]\b", r"\bregarde[zr]\b", r"\bcommente[zr]\b", r"\bdites?[- ]moi\b",
             r"\bdites?[- ]nous\b")),
    CtaKind("learn", "en savoir plus, cliquer, enregistrer", "consideration",
            (r"\blien en bio\b", r"\bcliqu\w+\b", r"\ben savoir plus\b", r"\bvisite[zr]\b",
             r"\brendez-vous sur\b",
             r"\benregistre[zr]\b", r"\bsauvegarde[zr]\b",
             r"\bdecouvr(?:ez|ir)\b.*\b(?:site|lien|page|quiz)\b",
             r"\bquiz\b", r"\bechantillons?\b", r"\bdiagnostic\b", r"\bswipe\b", r"\bglisse[zr]\b",
             r"\bsticker lien\b", r"\blien (?:vers|du|de la) (?:site|page)\b", r"\bessaye[zr]\b",
                                                              r"\bteste[zr]\b")),
    CtaKind("buy", "acheter, utiliser un code", "conversion",
            (r"\bcodes? (?:promo\w*|de reduction|unique|dedie)\b", r"\bachete[zr]\b", r"\bcommande[zr]\b",
             r"\bprecommande[zr]?\b", r"\bprofite[zr]\b", r"\bremise\b", r"\b-\s?\d{1,2}\s?%", r"\bsoldes?\b",
             r"\blien d'achat\b", r"\bpanier\b", r"\bboutique\b", r"\ben vente\b", r"\bofferte?s?\b",
             r"\blivraison gratuite\b", r"\breduction\b")),
    CtaKind("loyalty", "recharger, racheter, recommander", "loyalty",
            (r"\brecharge[zr]?\b", r"\brecharges?\b", r"\brachete[zr]\b", r"\breachet\w*\b",
             r"\bparraine[zr]\b",
             r"\bparrainage\b", r"\bprogramme de fidelite\b", r"\blaisse[zr] (?:un|votre) avis\b",
             r"\bpartage[zr] (?:votre|ta) routine\b", r"\babonnement\b", r"\bpoints? fidelite\b")),
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
    "loyalty": "une action pour les clientes existantes : « rechargez votre flacon », « parrainez une amie "
               "», "
               "« laissez votre avis »",
}
_IMPERATIVE = re.compile(r"\b[a-z]{3,}ez\b|\b[a-z]{3,}ez-(?:vous|le|la|les)\b")

# --------------------------------------------------------------------------- measurement

_ATTRIBUTION_PATTERNS = compile_patterns(
    r"\butm\b", r"\blien (?:unique|trace|suivi|personnalise|dedie)\b",
                          r"\bcodes? (?:unique|dedie|personnel)s?\b",
)
_SOURCE_PATTERNS = compile_patterns(
    r"\bstat(?:istique)?s?\b", r"\binsights?\b", r"\bcaptures? d'ecran\b", r"\bgoogle analytics\b",
             r"\butm\b",
    r"\btableau de bord\b", r"\breporting\b", r"\bcodes? (?:unique|dedie|personnel)s?\b", r"\bsondage\b",
    r"\blien (?:unique|trace|suivi)\b",
)
# Figures easy to count that say little on their own (matched when no KPI is named).
_VANITY_PATTERNS = compile_patterns(
    r"\blikes?\b", r"\bj'aime\b", r"\bcoeurs?\b", r"\bfollowers?\b", r"\bnombre d'abonnes\b",
    r"\babonnes gagnes\b",
)
_STAGE_SUGGESTIONS: dict[str, str] = {
    "awareness": "la portée (personnes touchées), les impressions ou les vues de vidéo",
    "consideration": "le taux d'engagement, les enregistrements ou les clics vers le site",
    "conversion": "les ventes ou les codes promo utilisés, avec un code ou un lien unique par créateur",
    "loyalty": "le taux de réachat (recharges) ou les avis clients",
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


def _shown(text: str, matches: list[str]) -> str:
    """The learner's own words (with accents) when short, else the folded phrases that matched."""
    return _quote([text] if len(text) <= SHORT_QUOTE else matches[:2])


def _content_words(folded: str) -> list[str]:
    words = re.findall(r"[a-z][a-z'-]{3,}", folded)
    return [w for w in words if w.split("'")[-1] not in _FILLER_WORDS and w not in _FILLER_WORDS]


@dataclass(frozen=True)
class Objective:
    """The campaign objective the concept must serve: its stage, its KPIs, and where it came from."""

    stage: str | None
    kpis: tuple[Kpi, ...]
    source: str  # "chapter1", "choice" or "none"
    text: str = ""


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


def _angle_item(angle: str, details: str, too_long: bool) -> FeedbackItem:
    label = "Angle créatif"
    if not angle:
        return FeedbackItem(
            "angle", label, False,
            "Il manque l'angle : en une ou deux phrases, quelle histoire le contenu raconte-t-il ? Par "
            "exemple "
            "« 30 jours pour réconcilier ses cheveux sensibles avec le zéro déchet ».", READ_ANGLE)
    folded = fold(angle)
    if too_long or len(folded.split()) > MAX_ANGLE_WORDS:
        words = len(folded.split())
        size = (f"plus de {format_number(MAX_FIELD_CHARS)} caractères" if too_long or words <= MAX_ANGLE_WORDS
                else f"{words} mots")
        return FeedbackItem(
            "angle", label, False,
            f"Votre angle est trop long ({size}). Un angle se dit en une ou deux phrases (moins de "
            f"{MAX_ANGLE_WORDS} mots) : gardez l'idée, le déroulé ira dans « Durée et déroulé ».", READ_ANGLE)
    generic = _matches(folded, _GENERIC_PATTERNS)
    stripped = folded
    for pattern in _GENERIC_PATTERNS:
        stripped = pattern.sub(" ", stripped)
    substance = _content_words(stripped)
    if generic and len(substance) < MIN_ANGLE_CONTENT_WORDS:
        return FeedbackItem(
            "angle", label, False,
            f"{_shown(angle, generic)} : c'est ce que ferait n'importe quelle marque, ce n'est pas "
            "encore un concept. Trouvez ce que le contenu raconte : une situation vécue par le public "
            "(cheveux "
            "qui grattent, salle de bain pleine de flacons), un défi, un avant-après, une idée reçue à "
            "démonter.", READ_ANGLE)
    if len(_content_words(folded)) < MIN_ANGLE_CONTENT_WORDS - 1:
        return FeedbackItem(
            "angle", label, False,
            "L'angle est trop maigre pour qu'on voie le contenu. Dites en une ou deux phrases quelle "
            "histoire il "
            "raconte et pourquoi le public de ce créateur s'y reconnaîtra.", READ_ANGLE)
    return FeedbackItem("angle", label, True,
                        "L'angle raconte quelque chose : ce n'est pas une simple photo du produit.")


def _fit_problem(platform: Platform, fmt: CreativeFormat | None, folded: str) -> str | None:
    longest = max(durations_in_seconds(folded), default=0.0)
    carousel = bool(_matches(folded, _CAROUSEL))
    story = bool(_matches(folded, _STORY))
    long_tutorial = bool(_matches(folded, _LONG_TUTORIAL))
    where = platform.where
    if longest > ABSURD_SECONDS:
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
    if platform.key in ("youtube", "youtube_shorts", "instagram_reels") and carousel:
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
    fmt = (find_format(format_text) if format_text else None) or (find_format(details) if details else None)
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
    folded = fold(" ".join((format_text, details, angle)))
    problem = _fit_problem(platform, fmt, folded)
    if problem:
        return FeedbackItem("format", label, False, problem, READ_FORMAT)
    named = f"« {fmt.label} »" if fmt is not None else "ce format"
    shown = named.capitalize() if fmt is None else named
    return FeedbackItem("format", label, True, f"{shown} convient bien {platform.where}.")


def _hook_item(hook: str) -> FeedbackItem:
    label = "Accroche des premières secondes"
    if not hook:
        return FeedbackItem(
            "hook", label, False,
            "Il manque l'accroche : la phrase ou l'image des trois premières secondes qui donne envie de "
            "rester. "
            "Par exemple « Mes cheveux grattaient depuis des années… jusqu'à ce que je change une seule "
            "chose ».", READ_HOOK)
    folded = fold(hook)
    words = folded.split()
    if _GREETING_ONLY.match(folded.strip()):
        return FeedbackItem(
            "hook", label, False,
            "Un bonjour n'accroche personne : les premières secondes doivent donner une raison de rester "
            "(une "
            "question, une surprise, un problème que le public connaît).", READ_HOOK)
    if _BRAND_FIRST_HOOK.match(folded.strip()):
        return FeedbackItem(
            "hook", label, False,
            "L'accroche commence par la marque ou le produit : le public fait défiler avant de savoir "
            "pourquoi regarder. Commencez par lui (son problème, sa curiosité), le produit viendra ensuite.",
            READ_HOOK)
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
    return FeedbackItem("hook", label, True, "Il y a une accroche concrète pour les premières secondes.")


def _creator_item(role: str) -> FeedbackItem:
    label = "Rôle et liberté du créateur"
    if not role:
        return FeedbackItem(
            "creator_role", label, False,
            "Il manque le rôle du créateur : que décide-t-il lui-même (le ton, le décor, l'histoire, ses "
            "mots) ? Un concept qui ne lui laisse rien perd ce qui fait sa valeur.", READ_CREATOR)
    folded = fold(role)
    imposed = _matches(folded, _IMPOSED_PATTERNS)
    freedom = _matches(folded, _FREEDOM_PATTERNS)
    if imposed and not freedom:
        return FeedbackItem(
            "creator_role", label, False,
            f"Tout est imposé ({_shown(role, imposed)}) : le créateur devient un panneau publicitaire. "
            "Laissez-lui une vraie part : raconter avec ses mots, choisir le décor, proposer l'idée du "
            "contenu.",
            READ_CREATOR)
    if imposed:
        return FeedbackItem(
            "creator_role", label, False,
            f"Vous lui laissez une part ({_quote(freedom[:2])}), mais {_quote(imposed[:2])} la reprend. "
            "Gardez les vraies obligations pour le brief (chapitres 6 et 10) et laissez-le créer le reste.",
            READ_CREATOR)
    if not freedom:
        return FeedbackItem(
            "creator_role", label, False,
            "On ne voit pas ce que le créateur apporte lui-même. Dites ce qu'il décide : ses mots, son ton, "
            "son décor, l'histoire qu'il raconte, l'idée qu'il propose.", READ_CREATOR)
    return FeedbackItem("creator_role", label, True,
                        "Le créateur a un vrai rôle : il apporte sa part au contenu.")


def _cta_kinds(folded: str) -> list[CtaKind]:
    return [kind for kind in CTA_KINDS if kind.found_in(folded)]


def _cta_item(cta: str, objective: Objective) -> FeedbackItem:
    label = "Appel à l'action au service de l'objectif"
    if not cta:
        return FeedbackItem(
            "cta", label, False,
            "Il manque l'appel à l'action : que doit faire le public après avoir vu le contenu ? Choisissez "
            "une seule action, celle qui sert votre objectif.", READ_CTA)
    if objective.stage is None:
        return FeedbackItem(
            "cta", label, False,
            "Aucun objectif de campagne n'est connu : choisissez le but (notoriété, considération, "
            "conversion "
            "ou fidélisation) pour vérifier que l'appel à l'action le sert, ou enregistrez l'objectif du "
            "chapitre 1.", READ_CTA)
    stage = objective.stage
    goal = STAGES[stage].lower()
    kinds = _cta_kinds(fold(cta))
    # The kinds of the objective's own stage first, then those of a neighbouring stage.
    serving = sorted((kind for kind in kinds if kind.stage in _CTA_SERVES[stage]),
                     key=lambda k: k.stage != stage)
    if serving:
        return FeedbackItem("cta", label, True,
                            f"L'action demandée ({serving[0].label}) sert bien un objectif de {goal}.")
    if kinds:
        kind = kinds[0]
        if stage == "awareness" and kind.stage == "conversion":
            why = ("Un code promo ou un achat demande au public de payer tout de suite : c'est une action de "
                   "conversion, alors que votre objectif est de vous faire connaître.")
        elif stage == "conversion" and kind.stage == "awareness":
            why = ("« Abonnez-vous » ou « partagez » font grandir l'audience, mais ne font pas vendre : "
                   "votre "
                   "objectif est la conversion.")
        else:
            why = (f"Cette action ({kind.label}) sert plutôt la {STAGES[kind.stage].lower()}, pas la {goal}.")
        return FeedbackItem("cta", label, False, f"{why} Préférez {_CTA_ADVICE[stage]}.", READ_CTA)
    if _IMPERATIVE.search(fold(cta)):
        return FeedbackItem(
            "cta", label, True,
            f"Il y a bien une action demandée. Vérifiez qu'elle sert un objectif de {goal} : par exemple "
            f"{_CTA_ADVICE[stage]}.")
    return FeedbackItem(
        "cta", label, False,
        f"Je ne trouve pas d'action demandée au public. Écrivez-la comme le créateur la dirait, à "
        f"l'impératif : "
        f"pour un objectif de {goal}, {_CTA_ADVICE[stage]}.", READ_CTA)


def _measurement_kpis(folded: str) -> list[Kpi]:
    kpis = [kpi for kpi in KPIS if kpi.found_in(folded)]
    if _matches(folded, _ATTRIBUTION_PATTERNS) and not any(k.stage == "conversion" for k in kpis):
        kpis.append(next(k for k in KPIS if k.key == "promo_codes"))
    return kpis


def _measurement_item(measurement: str, objective: Objective) -> tuple[FeedbackItem, list[str]]:
    label = "Mesure cohérente avec l'objectif"
    tips: list[str] = []
    if not measurement:
        advice = (f" Pour votre objectif, mesurez {_STAGE_SUGGESTIONS[objective.stage]}."
                  if objective.stage else "")
        return FeedbackItem(
            "measurement", label, False,
            "Il manque la mesure : quel chiffre dira, à la fin, si le concept a marché ?" + advice,
            READ_MEASURE), tips
    folded = fold(measurement)
    kpis = _measurement_kpis(folded)
    if not _matches(folded, _SOURCE_PATTERNS):
        tips.append("Dites aussi d'où viendront les chiffres : statistiques partagées par le créateur "
                    "(captures), "
                    "lien UTM, code unique par créateur.")
    vanity = _matches(folded, _VANITY_PATTERNS)
    if not kpis and vanity:
        advice = f" Mesurez plutôt {_STAGE_SUGGESTIONS[objective.stage]}." if objective.stage else ""
        return FeedbackItem(
            "measurement", label, False,
            f"{_quote(vanity[:2])} seuls ne disent pas si l'objectif est atteint : on les compte facilement, "
            " mais ils ne mesurent ni la portée, ni les clics, ni les ventes." + advice,
            READ_MEASURE), tips
    if not kpis:
        advice = (f" Pour un objectif de {STAGES[objective.stage].lower()} : "
                  f"{_STAGE_SUGGESTIONS[objective.stage]}."
                  if objective.stage else "")
        return FeedbackItem(
            "measurement", label, False,
            "Aucun indicateur mesurable n'est nommé : dites ce que vous compterez." + advice,
            READ_MEASURE), tips
    names = _quote(k.label.lower() for k in kpis[:3])
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
            f"Vous mesurerez {names} : cela ne dit pas si un objectif de {STAGES[stage].lower()} est "
            f"atteint. "
            f"Mesurez plutôt {_STAGE_SUGGESTIONS[stage]}.", READ_MEASURE), tips
    objective_kpis = [k for k in objective.kpis if k.stage == stage]
    fitting.sort(key=lambda k: k not in objective_kpis)
    if objective_kpis and not any(k in objective_kpis for k in fitting):
        tips.append(f"Votre objectif du chapitre 1 se mesure en « {objective_kpis[0].label.lower()} » : "
                    "suivez aussi cet indicateur-là, pour comparer au chapitre 8.")
        return FeedbackItem(
            "measurement", label, True,
            f"« {fitting[0].label} » mesure bien un objectif de {STAGES[stage].lower()}."), tips
    if objective_kpis:
        return FeedbackItem(
            "measurement", label, True,
            f"Vous mesurerez « {fitting[0].label.lower()} », l'indicateur de votre objectif : vous pourrez "
            "comparer au chapitre 8."), tips
    return FeedbackItem("measurement", label, True,
                        f"« {fitting[0].label} » mesure bien un objectif de {STAGES[stage].lower()}."), tips


# --------------------------------------------------------------------------- the check


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


def check_concept(canvas: Mapping[str, str] | None, objective_text: str | None = None) -> Feedback:
    """Check a concept canvas in French; one item per criterion (angle, format, hook, creator, CTA, measure).

    ``canvas`` maps the field names of :data:`FIELDS` (and optionally ``goal``) to the learner's texts.
    ``objective_text`` is chapter 1's objective sentence; when it names no single funnel stage, the
    canvas's ``goal`` (a stage label such as « Notoriété ») is used. Never raises on learner input.
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
    objective = resolve_objective(objective_text, fields["goal"])
    measurement, measurement_tips = _measurement_item(fields["measurement"], objective)
    items = (
        _angle_item(fields["angle"], fields["details"], "angle" in too_long),
        _format_item(fields["platform"], fields["format"], fields["details"], fields["angle"]),
        _hook_item(fields["hook"]),
        _creator_item(fields["creator_role"]),
        _cta_item(fields["cta"], objective),
        measurement,
    )
    tips: list[str] = []
    if wrong_type:
        tips.append("Ces cases doivent contenir du texte et ont été ignorées : "
                    + _quote(FIELD_LABELS[k] for k in wrong_type) + ".")
    if too_long:
        tips.append(f"Textes très longs : seuls les {format_number(MAX_FIELD_CHARS)} premiers caractères de "
                    + _quote(FIELD_LABELS[k] for k in too_long) + " ont été lus.")
    if len(_cta_kinds(fold(fields["cta"]))) > 2:
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


def check_format_matching(answers: object) -> Feedback:
    """Exercise: map each situation letter of :data:`FORMAT_SITUATIONS` to a format of the gallery."""
    check = "ch03-format-matching"
    if isinstance(answers, Mapping) and answers and all(is_placeholder(v) for v in answers.values()):
        return input_problem(
            check, "Associations",
            "Vos réponses sont encore à compléter : remplacez chaque ... par le nom d'un format de la "
            "galerie, "
            "entre guillemets droits, par exemple \"Tutoriel\".", READ_GALLERY)
    if is_placeholder(answers) or not isinstance(answers, Mapping) or not answers:
        return input_problem(
            check, "Associations",
            "Donnez un dictionnaire {lettre: format}, par exemple {\"A\": \"Tutoriel\"} (noms de la "
            "galerie).",
            READ_GALLERY)
    given = {str(key).strip().upper()[:3]: value for key, value in answers.items()}
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


GIVEAWAY_CASES: tuple[GiveawayCase, ...] = (
    GiveawayCase("A",
                 "France : pour participer au tirage au sort d'un coffret, il faut acheter un ticket à 2 € "
                      "sur le site de la créatrice.", True,
                 "Un gain dû au hasard contre un « sacrifice financier » : c'est un jeu d'argent interdit "
                 "(Code de la sécurité intérieure, art. L320-1)."),
    GiveawayCase("B", "Participation gratuite, règlement complet en lien en bio, mention « ce jeu n'est ni "
                      "organisé ni soutenu par Instagram », publication signalée « Collaboration commerciale "
                      "avec Sève ».", False,
                 "Gratuit, règlement accessible, Instagram dégagé de toute responsabilité, partenariat "
                 "signalé."),
    GiveawayCase("C",
                 "« Identifiez dix personnes sur cette photo, même si elles n'y sont pas, pour multiplier "
                      "vos chances ! »", True,
                 "Les règles d'Instagram interdisent d'inciter à identifier des personnes qui n'apparaissent "
                 "pas dans le contenu."),
    GiveawayCase("D", "Un jeu-concours payé par Sève, publié par une créatrice sans aucune mention de "
                      "partenariat.", True,
                 "Un jeu sponsorisé est une publication commerciale : il doit être signalé comme tel."),
    GiveawayCase("E", "France : jeu réservé aux acheteurs du duo Rituel Avoine vendu au prix habituel, "
                      "règlement clair, tirage loyal.", False,
                 "Depuis la loi Hamon (17 mars 2014), l'obligation d'achat est possible tant que le jeu "
                 "n'est pas déloyal."),
    GiveawayCase("F", "Règlement complet publié en ligne, mais pas déposé chez un commissaire de justice.",
                 False,
                 "Le dépôt n'est plus obligatoire depuis la loi du 20 décembre 2014 ; il reste recommandé "
                 "pour prouver le règlement."),
)


def _letters(flagged: object) -> set[str] | None:
    if isinstance(flagged, str):
        return {part.upper() for part in re.split(r"[^A-Za-z]+", flagged) if part}
    if isinstance(flagged, Mapping):
        return {str(key).strip().upper() for key, value in flagged.items() if value is True}
    if isinstance(flagged, (set, frozenset, list, tuple)):
        return {str(item).strip().upper() for item in flagged}
    return None


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
                                      "Ce jeu enfreint une règle : relisez les textes sur les jeux-concours.",
                                      READ_GIVEAWAY))
        else:
            items.append(FeedbackItem(f"case:{case.key}", label, False,
                                      "Ce jeu est conforme : relisez ce que la loi permet aujourd'hui.",
                                      READ_GIVEAWAY))
    unknown = sorted(letters - known)
    tips = [f"Lettres inconnues ignorées : {', '.join(unknown[:10])}."] if unknown else []
    return build_feedback(check, items, tips)
