"""Chapter 1 — « Objectif flou »: is the campaign objective specific, measurable, dated and fitting?

The learner writes the objective of the « Rituel Avoine » campaign in French, either as one
free sentence or through the guided form (whose fields :func:`compose_objective` turns into a
sentence). :func:`check_objective` reads that sentence and returns one feedback item per
criterion of a SMART objective tied to a stage of the funnel:

goal (one funnel stage) · KPI named · KPI fits the stage · figure to reach · deadline ·
audience · precise wording · realistic figure and deadline.

It judges substance, through the reading layer (:mod:`influence_workbook.reading`): a stage the
text makes clear is inferred and said (« vendre », or a sales KPI, shows a conversion goal), a
denied goal (« sans viser la notoriété ») or a secondary indicator is not a second goal, KPIs
outside the chapter's list (« réservations », « demandes de devis ») are read by their stage, an
audience needs one precise element (age, place, or a group defined by an activity, an interest or
a trade) and « les jeunes » alone is too vague, and figures inside code or a product name
(« alert(1) », « Air Max 90 ») or counting the means (« 5 influenceuses ») are not targets. The
realism test uses the campaign's creators' budget, in its currency.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from influence_workbook import clock
from influence_workbook.campaign import Campaign, resolve
from influence_workbook.checks.guard import learner_check
from influence_workbook.feedback import Feedback, FeedbackItem, build_feedback, input_problem
from influence_workbook.reading import Hit, Meaning, Reading, one_edit_apart, read
from influence_workbook.text import (
    MONTHS,
    Deadline,
    KeywordRule,
    Quantity,
    compile_patterns,
    find_age_ranges,
    find_deadlines,
    find_quantities,
    find_yearless_dates,
    fold,
    format_date,
    format_number,
    format_significant,
    is_placeholder,
    normalize,
)

CHECK_NAME = "ch01-objective"
#: Longer texts are still checked, on their first characters only: an objective is one sentence
#: (under MAX_WORDS words, some 500 characters), so 2 000 characters hold it four times over.
MAX_ANALYSED_CHARS = 2_000
MAX_WORDS = 70
MIN_WORDS = 5

# Sections of chapter 1 that feedback points to (their titles in the chapter).
READ_SMART = "Bien faire : un objectif SMART"
READ_FUNNEL = "Un objectif par étape du tunnel"
READ_EXAMPLE = "Exemple : avant, après"

STAGES: dict[str, str] = {
    "awareness": "Notoriété",
    "consideration": "Considération",
    "conversion": "Conversion",
    "loyalty": "Fidélisation",
}

# What states the goal itself: the stage's name, or a verb that says what the campaign must
# change (« vendre », « faire connaître », « fidéliser »). Read through the reading layer, so a
# denied goal (« sans viser la notoriété ») does not count.
_STAGE_MEANINGS: dict[str, Meaning] = {
    "awareness": Meaning(
        "awareness",
        r"\bnotoriete\b",
        r"<faire> (?:mieux )?(?:connaitre|decouvrir)\b",
        r"\bse faire (?:mieux )?connaitre\b",
        r"\bvisibilite\b",
        r"\bawareness\b",
        r"\bmemorisation\b",
        r"<developper> (?:la |notre |sa )?notoriete\b",
    ),
    "consideration": Meaning(
        "consideration",
        r"\bconsideration\b",
        r"<susciter> (?:l'|de l')interet\b",
        r"<generer> (?:du |de l')?(?:trafic|interet)\b",
        r"<amener> (?:du )?trafic\b",
        r"<attirer> (?:du )?trafic\b",
        r"<faire> (?:venir|visiter)\b",
    ),
    "conversion": Meaning(
        "conversion",
        r"\bconversions?\b",
        r"<vendre>",
        r"<faire> acheter\b",
        r"<generer>\b[^.;]{0,40}\bventes\b",
        r"(?:<augmenter>|<booster>|<doper>|<stimuler>|<developper>|<relancer>|\baccroi\w*) "
        r"(?:les |nos |ses |leurs |le |notre |son )?(?:ventes|chiffre d'affaires)\b",
        r"\bacquisition\b",
        r"<recruter> (?:de )?nouveaux clients\b",
        r"<convertir>",
    ),
    "loyalty": Meaning(
        "loyalty",
        r"\bfidelis\w*",
        r"\bretention\b",
        r"<faire> racheter\b",
        r"\bclient(?:e|s|es)? (?:existant|actuel|fidele)\w*",
        r"\bambassadeu\w+",
    ),
}
_STAGE_NAMES = {"notoriete", "consideration", "conversion", "conversions", "fidelisation"}

@dataclass(frozen=True)
class Kpi(KeywordRule):
    """A key performance indicator, the funnel stage it measures, and how learners write it."""

    key: str
    label: str
    stage: str
    patterns: tuple[str, ...]


KPIS: tuple[Kpi, ...] = (
    Kpi(
        "reach",
        "Portée (personnes touchées)",
        "awareness",
        (
            r"\bportee\b",
            r"\breach\b",
            r"\bpersonnes (?:touchees|atteintes|exposees)\b",
            r"\bcomptes touches\b",
            r"\btoucher\b",
            # « 300 comptes » is reach, but « ouvrir 300 comptes » or « 300 comptes (Campus) ouverts » is a
            # conversion (signups below).
            r"(?<!ouvrir )(?<!creer )\b\d+\s*(?:k|m|mille|millions?)?\s+(?:de\s+)?"
            r"(?:personnes|comptes|utilisateurs|internautes)\b(?!(?:\s+[\w-]+){0,2}\s+(?:ouvert|cree)e?s?\b)",
        ),
    ),
    Kpi("impressions", "Impressions", "awareness", (r"\bimpressions?\b",)),
    Kpi(
        "views",
        "Vues de vidéo",
        "awareness",
        (r"\bvues\b", r"\bvisionnages?\b", r"\bviews\b", r"\bvideos? vues\b"),
    ),
    Kpi(
        "brand_lift",
        "Notoriété mesurée par sondage",
        "awareness",
        (
            r"\bnotoriete (?:assistee|spontanee)\b",
            r"\bbrand lift\b",
            r"\btaux de (?:souvenir|memorisation)\b",
            r"\bsondage\b",
        ),
    ),
    Kpi("cpm", "CPM (coût pour mille impressions)", "awareness", (r"\bcpm\b", r"\bcout pour mille\b")),
    Kpi(
        "engagement_rate",
        "Taux d'engagement",
        "consideration",
        (
            r"\btaux d'engagement\b",
            r"\bengagements?\b",
            r"\binteractions?\b",
            r"\bcommentaires\b",
            r"\bpartages\b",
            r"\benregistrements\b",
        ),
    ),
    Kpi(
        "clicks",
        "Clics vers le site",
        "consideration",
        (r"\bclics?\b", r"\bctr\b", r"\btaux de clics?\b", r"\bclick"),
    ),
    Kpi(
        "site_visits",
        "Visites du site",
        "consideration",
        (r"\bvisites?\b", r"\btrafic\b", r"\bsessions\b", r"\bvisiteurs\b"),
    ),
    Kpi("cpe", "CPE (coût par engagement)", "consideration", (r"\bcpe\b", r"\bcout par engagement\b")),
    Kpi(
        "sales",
        "Ventes",
        "conversion",
        (
            r"\bventes?\b",
            r"\bachats?\b",
            r"\bcommandes?\b",
            r"\bchiffre d'affaires\b",
            r"\bunites vendues\b",
            r"<vendre>",
            r"\breservations?\b",
            r"\babonn?ements?\b(?!\s+(?:a|au|sur)\s+(?:la |le |notre |nos )?(?:compte|chaine|page|profil|reseau))",
            r"\b(?:clients?|clientes?|acheteu\w+) (?:gagnes|gagnees|recrutes|recrutees|nouveaux|nouvelles)\b",
            r"\bnouve(?:aux|lles) (?:clients?|clientes?|acheteu\w+)\b",
        ),
    ),
    Kpi(
        "promo_codes",
        "Codes promo utilisés",
        "conversion",
        (r"\bcodes? (?:promo|promotionnels?|de reduction)\b",),
    ),
    Kpi(
        "signups",
        "Inscriptions",
        "conversion",
        (
            r"\binscriptions?\b",
            r"\bleads?\b",
            r"\bprecommandes?\b",
            r"\btelechargements?\b",
            r"\bdemandes? (?:de |d')?(?:devis|demo|demonstration|rendez-vous|contact|essai|echantillons?)\b",
            r"\bechantillons? (?:demandes|commandes|reclames|envoyes)\b",
            r"\bessais? (?:gratuits?|offerts?)\b",
            r"\bouvertures? de (?:compte|comptes)\b",
            r"\bcomptes?(?:\s+[\w-]+){0,2}\s+(?:ouverts|crees)\b",
            r"\b(?:ouvrir|creer)\s+(?:\d[\d\s]*|des|de nouveaux)\s*(?:nouveaux\s+)?comptes?\b",
            r"\bsouscriptions?\b",
            r"\badhesions?\b",
            r"\binstallations?\b",
            r"\brendez-vous (?:pris|reserves)\b",
        ),
    ),
    Kpi(
        "cpa",
        "Coût par acquisition (CPA)",
        "conversion",
        (r"\bcpa\b", r"\bcout par (?:acquisition|vente|achat|client)\b", r"\bcac\b"),
    ),
    Kpi("roas", "ROAS (revenu par euro dépensé)", "conversion", (r"\broas\b", r"\broi\b", r"\bretour sur")),
    Kpi(
        "repeat_rate",
        "Taux de réachat",
        "loyalty",
        (
            r"\btaux de (?:reachat|rachat|retention|reabonnement)\b",
            r"\breachats?\b",
            r"\brachats?\b",
            r"<racheter>",
            r"\brecharges?\b",
            r"\bclient(?:e|s|es)? fideles\b",
            r"\breabonnements?\b",
            r"\brenouvel\w*",
        ),
    ),
    Kpi(
        "reviews",
        "Avis et recommandations clients",
        "loyalty",
                # « le lien / code de parrainage » is how sales are tracked, not a loyalty result.
        (r"\bavis (?:clients?|publies|laisses)\b", r"(?<!lien de )(?<!liens de )(?<!code de )\bparrainages?\b",
         r"\brecommandations\b", r"\bugc\b"),
    ),
)
KPI_BY_LABEL: dict[str, Kpi] = {kpi.label: kpi for kpi in KPIS}
def _one_pattern(patterns: Iterable[str]) -> str:
    """Several regexes as one alternation: one pass over the text instead of one per regex."""
    return "|".join(f"(?:{pattern})" for pattern in patterns)


_KPI_MEANINGS: dict[str, Meaning] = {kpi.key: Meaning(kpi.key, _one_pattern(kpi.patterns)) for kpi in KPIS}
_KPI_NOUNS: dict[str, Meaning] = {
    kpi.key: Meaning(kpi.key, _one_pattern(p for p in kpi.patterns if "<" not in p and "toucher" not in p))
    for kpi in KPIS
}
GOAL_CHOICES: tuple[str, ...] = tuple(STAGES.values())
KPI_CHOICES: tuple[str, ...] = tuple(kpi.label for kpi in KPIS)

# Cheapest credible cost per unit for the campaign budget, by stage of the KPI (illustrative
# floors, see chapter 1 « Réaliste ? »): above budget / floor, the figure is out of reach.
_FLOOR_COST_PER_UNIT_EUR: dict[str, float] = {
    "reach": 0.002,
    "impressions": 0.001,
    "views": 0.001,  # CPM ≥ 1 €
    "engagement_rate": 0.02,
    "cpe": 0.02,
    "clicks": 0.05,
    "site_visits": 0.05,
    "sales": 2.0,
    "promo_codes": 2.0,
    "signups": 0.5,
    "repeat_rate": 2.0,
    "reviews": 1.0,
}
_MAX_RATE_PERCENT: dict[str, float] = {"engagement_rate": 15.0, "clicks": 10.0, "repeat_rate": 60.0}
MAX_GROWTH_PERCENT = 200.0
MIN_LEAD_DAYS = 14
MAX_HORIZON_DAYS = 2 * 365

_VAGUE_PATTERNS = compile_patterns(
    r"\bfaire (?:le|du) buzz\b",
    r"\bbuzz\b",
    r"\ble plus (?:possible|de monde)\b",
    r"\bau maximum\b",
    r"\bau max\b",
    r"\bun max\b",
    r"\bmaximum de\b",
    r"\bbooster\b",
    r"\bcartonner\b",
    r"\bviral(?:e|iser)?\b",
    r"\bameliorer (?:l'|notre |son )?image\b",
    r"\bplein de\b",
    r"\bbeaucoup\b",
    r"\bune bonne\b",
    r"\bplus de (?:monde|gens)\b",
)

# An audience is precise when it gives at least one of: an age range, a place, or a group defined
# by an activity, an interest, a community, a trade or a life stage (the chapter asks for « âge,
# lieu, centre d'intérêt »). Words that name everybody (« les jeunes », « le grand public ») are not.
_PLACE = Meaning(
    "place",
    r"\b(?:lyonnai|parisien|genevoi|lausannoi|vaudoi|valaisan|fribourgeoi|neuchatelois|jurassien|romand|suisse"
    r"|francai|belge|bruxelloi|europeen|quebecoi|marseillai|bordelai|toulousain|nantai|lilloi|nicoi|montpellierain"
    r"|strasbourgeoi|rennai|grenoblois|zurichoi|bernoi|balois|luxembourgeoi|canadien|montrealai|tessinoi"
    r"|alsacien|breton|normand|savoyard|provencal|francilien|ile-de-france|parisienne|citadin)\w*\b",
    r"\b(?:en|au|aux|dans le|dans la)\s+(?:france|suisse|belgique|europe|quebec|canada|luxembourg|romandie"
    r"|ile-de-france|bretagne|normandie|provence|alsace|occitanie|savoie|haute-savoie|valais|vaud|tessin)\b",
    r"\b(?:a|de|d')\s*(?:lyon|paris|geneve|lausanne|marseille|bordeaux|lille|nantes|toulouse|nice|rennes|strasbourg"
    r"|montpellier|grenoble|zurich|berne|bale|fribourg|neuchatel|sion|montreux|bruxelles|liege|namur|montreal"
    r"|quebec|luxembourg)\b",
    r"\bsuisse romande\b|\bromandie\b|\bfrancophones?\b|\bregion (?:lyonnaise|parisienne|lemanique)\b",
    r"\b(?:urbains?|urbaines?|ruraux|rurales?)\b",
)
_GROUP = Meaning(
    "group",
    # life stage, situation, gender
    r"\b(?:femmes?|hommes?|etudiant\w*|lyceen\w*|collegien\w*|parents?|mamans?|papas?|familles?|seniors?"
    r"|retraite\w*|ados?|adolescent\w*|jeunes (?:parents|actifs|actives|mamans|diplome\w*|couples?)"
    r"|actifs|actives|couples?|expatrie\w*|frontalie\w*|millennials?|gen(?:eration)? ?z|boomers?|futures? mamans)\b",
    # trades and companies (B2B)
    r"\b(?:independant\w*|freelances?|entrepreneu\w+|artisans?|commercants?|drh|rh|responsables?|dirigeant\w*"
    r"|managers?|cadres?|pme|tpe|start-?ups?|professionnel\w*|infirmie\w+|enseignant\w*|medecins?"
    r"|pharmacien\w*|agriculteu\w+|restaurateu\w+|developpeu\w+|designers?|coachs?|therapeutes?|comptables?"
    r"|gerant\w*|mairies?|collectivites?)\b",
    # activities and communities
    r"\b(?:amateu\w+|passionne\w*|fans?|adeptes?|pratiquant\w*|amoureu\w+|fondu\w*|mordu\w*|accros?|habitue\w*"
    r"|inconditionnel\w*|interesse\w*|sensibles?|soucieu\w+|curieu\w+)\s+(?:de|du|des|d'|a|au|aux|par)\b",
    r"\bcommunaute\b",
    r"\b(?:cyclistes?|coureu\w+|runners?|traileu\w+|trailers?|joueu\w+|gamers?|sporti\w+|yogis?|randonneu\w+"
    r"|skieu\w+|grimpeu\w+|surfeu\w+|golfeu\w+|nageu\w+|triathlet\w+|marathonien\w*|lecteu\w+|lectrices?"
    r"|cuisinie\w+|gourmets?|gourmand\w*|foodies?|sneakerheads?|geeks?|musicien\w*|melomanes?|voyageu\w+"
    r"|backpackers?|photographes?|jardinie\w+|bricoleu\w+|vegans?|veganes?|vegetarien\w*|flexitarien\w*"
    r"|gameuses?|cinephiles?|danseu\w+|motards?|automobilistes?|navetteu\w+|pendulaires?"
    r"|proprietaires?|locataires?|utilisat\w+ (?:de|du|d')|(?:peaux?|cheveux|cuirs? chevelus?) \w+|zero dechet"
    r"|eco-?responsables?|ecolos?|zero waste)\b",
    # Creators' trades (« les codes des streamers ») name the campaign's means; they are the audience only
    # when the text says so (« auprès des streamers débutants », « cible : youtubeurs »).
    r"\b(?:aupres (?:des|de|d')|chez (?:les|des)|parmi (?:les|des)|cible\s*:|target\s*:)\s*(?:[\w-]+\s+)?"
    r"(?:streame\w+|youtubeu\w+|tiktokeu\w+|twitcheu\w+|podcasteu\w+|createu\w+|creatrices?|influenceu\w+)",
    r"\b(?:nos|vos|mes|ses|leurs|les|des) (?:client\w*|acheteu\w+|abonne\w*) (?:existant|actuel|fidele|inscrit"
    r"|de |du |des |d')\w*",
    r"\b(?:nos|vos|mes|ses|leurs) (?:\d[\d\s.']*\s)?(?:client\w*|acheteu\w+|abonne\w*|membres?|adherent\w*)\b",
)
_VAGUE_AUDIENCE = Meaning(
    "vague_audience",
    r"\b(?:les |des )?jeunes\b",
    r"\btout le monde\b",
    r"\b(?:le )?grand public\b",
    r"\b(?:les |des )?gens\b",
    r"\b(?:le |un )?(?:large public|public large|plus large public)\b",
    r"\bla population\b",
    r"\b(?:les |des )?consommat(?:eurs|rices)\b",
    r"\b(?:les |des )?internautes\b",
    r"\b(?:les |des )?utilisateurs\b",
    r"\bmonde entier\b",
)
# A count of the campaign's means (« avec 5 influenceuses », « 3 vidéos ») is not a result to reach.
_MEANS_AFTER_FIGURE = re.compile(
    r"\s*(?:createu\w+|creatrices?|influenceu\w+|influenceurs?|ambassadeu\w+|publications?|posts?|videos?"
    r"|stories|storys|reels?|shorts?|lives?|partenariats?|collaborations?|contenus?|placements?)\b"
)
# A size inside the audience's description is not a target: a range of company or town sizes (« de 50 à
# 250 salariés », « (50-250 employés) ») or the size of the organisations aimed at (« PME de 50 salariés »,
# « villes de plus de 20 000 habitants »).
_FIGURE = r"(?:\d{1,3}(?:[ .']\d{3})+|\d+)"
_SIZE_NOUN = r"(?:salaries?|employes?|collaborateu\w+|habitants?)"
_AUDIENCE_SIZE = re.compile(
    rf"\b(?:(?:de|entre)\s+)?{_FIGURE}\s*(?:a|-|et)\s*{_FIGURE}\s*{_SIZE_NOUN}\b"
    rf"|\b(?:pme|tpe|eti|entreprises?|societes?|structures?|boites?|start-?ups?|villes?|communes?|equipes?"
    rf"|cabinets?|agences?|organisations?|associations?|clubs?)(?:\s+[\w-]+)?\s+(?:de|d')\s*"
    rf"(?:(?:plus|moins|au moins)\s+(?:de\s+)?|\+\s*(?:de\s+)?)?{_FIGURE}\s*(?:{_SIZE_NOUN}|personnes|membres)\b"
)
# An age range written without « ans » but next to the people it describes (« 300k people 18-34 »,
# « cible : 25-40 »).
_BARE_AGE_RANGE = re.compile(
    r"\b(?:people|personnes|femmes|hommes|women|men|cible|target|audience|public|aged|ages?)\s*:?\s+(?:de\s+)?"
    r"(?P<low>1[3-9]|[2-7]\d)\s*(?:-|a|to)\s*(?P<high>[2-9]\d)\b(?!\s*(?:%|€|\d|[/.]\d))"
)
# English dates (« by 30 april 2027 », « before April 30th, 2027 »): learners paste them from English briefs.
_ENGLISH_MONTHS = {
    name: number
    for number, name in enumerate(
        ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
         "november", "december"),
        start=1,
    )
}
_ENGLISH_MONTH = "|".join(_ENGLISH_MONTHS)
_ENGLISH_DATE = re.compile(
    rf"\b(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{_ENGLISH_MONTH})"
    rf"|(?P<month2>{_ENGLISH_MONTH})\s+(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?,?)\s+(?P<year>20\d\d)\b"
)


def _english_deadlines(folded: str) -> list[Deadline]:
    found = []
    for m in _ENGLISH_DATE.finditer(folded):
        month = _ENGLISH_MONTHS[m.group("month") or m.group("month2")]
        try:
            due = date(int(m.group("year")), month, int(m.group("day") or m.group("day2")))
        except ValueError:
            continue
        found.append(Deadline(due, False, m.group(0), m.start(), m.end()))
    return found


# A figure after « sur », « parmi », « des », « nos »… is a base the target is measured on (« 3 % de taux
# d'engagement sur 200 000 vues », « 2 % des 75 000 visiteurs »), not a second result to reach; nor is a
# figure given as the means (« 1 000 ventes grâce à 100 000 vues »).
_BASE_BEFORE_FIGURE = re.compile(
    r"\b(?:sur|parmi|des|les|nos|vos|ses|leurs|aux|grace a|via|a partir de|en s'appuyant sur)\s+$")
# A clause that names a secondary indicator (« la notoriété sera suivie comme indicateur
# secondaire »): the chapter recommends it, so the stage it names is not a second goal.
_SECONDARY_CLAUSE = re.compile(r"[^.;:\n]*\b(?:secondaires?|en complement|en bonus)\b[^.;\n]*")
_FOLLOWERS_AS_GOAL = re.compile(r"\b(?:abonnes|followers)\b")

# What a learner may paste by mistake: HTML tags, scripts, code calls. A figure inside them
# (« alert(1) ») is not a target, so they are blanked before reading.
_CODE_LIKE = re.compile(
    r"<script\b.*?(?:</script\s*>|$)|<style\b.*?(?:</style\s*>|$)|<[a-zA-Z/!][^<>]{0,300}>|`[^`]{0,300}`"
    r"|\b[a-zA-Z_][\w.]*\([^()]{0,100}\)|\{[^{}]{0,300}\}|&#?\w+;",
    re.IGNORECASE | re.DOTALL,
)
# A figure right after a capitalised word inside a sentence belongs to a name (« Air Max 90 »,
# « Rituel Avoine 2 »), unless a unit or a count follows it.
_NAME_FIGURE = re.compile(
    r"(?<=[^\s.:;!?(«\"'\n]\s)(?P<name>[A-Z][a-zà-ÿ][\w-]*|[a-z]+[A-Z][\w-]*)\s"
    r"(?P<figure>(?!(?:19|20)\d\d)\d{1,4})(?![\d\s]*(?:[%€$]|\d))"
)


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


def _without_code_and_names(text: str, campaign: Campaign) -> str:
    """The learner's text with code-like spans and figures that belong to a name blanked out."""
    text = _CODE_LIKE.sub(lambda m: " " * len(m.group(0)), text)
    for name in (*campaign.names(), campaign.product):
        if name and _DIGIT.search(name):
            text = re.sub(re.escape(name), lambda m: _DIGIT.sub(" ", m.group(0)), text, flags=re.IGNORECASE)
    for match in reversed(list(_NAME_FIGURE.finditer(text))):
        if fold(match.group("name")) not in _NOT_NAMES:
            text = _blank(text, match.start("figure"), match.end("figure"))
    return text


_DIGIT = re.compile(r"\d")
_LEADING_FIGURE = re.compile(r"^[\d\s.,']+(?:(?:millions?|milliers?|mille|k|m)\b)?\s*(?:de\s+|d')?")
_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"\w")
_STAGE_ARTICLE = re.compile(r"^(?:etape (?:de |d')?|la |l'|une |un )+")
_NOT_NAMES = _STAGE_NAMES | set(MONTHS) | set(_ENGLISH_MONTHS)


def _kpi_words(kpi: Kpi, words: str) -> str:
    """How to name a KPI back to the learner: the chapter's label, or their own words for a KPI
    outside the chapter's list (« réservations », « demandes de devis »)."""
    words = _LEADING_FIGURE.sub("", words).strip()
    return kpi.label if not words or fold(words) in fold(kpi.label) else words


def _own_words(reading: Reading) -> Callable[[Hit], str]:
    """Quote a hit in the learner's own spelling (accents kept) when positions allow it."""
    written = normalize(reading.raw)
    aligned = len(written) == len(reading.folded) == len(reading.text)

    def own(hit: Hit) -> str:
        return written[hit.start : hit.end].strip() if aligned else hit.text

    return own


@dataclass(frozen=True)
class ObjectiveReading:
    """What the check understood in the learner's sentence (useful for tests and hints)."""

    stages: tuple[str, ...]
    kpis: tuple[Kpi, ...]
    targets: tuple[Quantity, ...]
    deadline: date | None
    deadline_text: str | None
    has_audience: bool
    vague_words: tuple[str, ...]
    word_count: int
    yearless_dates: tuple[str, ...] = ()
    counts_followers: bool = False
    #: Words that stated each stage (« notoriété », « vendre »), in the order of ``stages``.
    stage_words: tuple[str, ...] = ()
    #: True when the stage was not written but inferred from the KPIs.
    stage_inferred: bool = False
    #: The learner's own words for each KPI, in the order of ``kpis``.
    kpi_words: tuple[str, ...] = ()
    #: « les jeunes », « le grand public »…: an audience named without age, place or interest.
    vague_audience: tuple[str, ...] = ()
    #: Where each KPI is first named (same order as ``kpis``), to tie a figure to its KPI.
    kpi_starts: tuple[int, ...] = ()
    #: Figures given for a second stage (« 500 réservations » beside « 200 000 vues »), as written.
    other_stage_figures: tuple[str, ...] = ()

    def kpi_of(self, quantity: Quantity) -> Kpi | None:
        """The KPI a figure counts: the one named right after it (« 1 million de vues »), else the first."""
        after = [(start, kpi) for start, kpi in zip(self.kpi_starts, self.kpis, strict=False) if start >= quantity.end]
        near = min(after, key=lambda pair: pair[0], default=None)
        if near is not None and near[0] - quantity.end <= 40:
            return near[1]
        return self.kpis[0] if self.kpis else None


def read_objective(text: str, today: date | None = None, *, campaign: Campaign | None = None) -> ObjectiveReading:
    """Read goal, KPIs, figures, deadline and audience from a French sentence."""
    today = today or clock.today()
    reading = read(_without_code_and_names(text[:MAX_ANALYSED_CHARS], resolve(campaign)))
    folded = reading.folded
    own = _own_words(reading)
    secondary = [(m.start(), m.end()) for m in _SECONDARY_CLAUSE.finditer(reading.text)]
    stage_hits = {
        stage: hits
        for stage, meaning in _STAGE_MEANINGS.items()
        if (hits := [h for h in meaning.affirmed(reading) if not any(a <= h.start < b for a, b in secondary)])
    }
    kpi_hits = {kpi: hits for kpi in KPIS if (hits := _KPI_MEANINGS[kpi.key].affirmed(reading))}
    kpi_words = {
        kpi: _kpi_words(kpi, own(nouns[0]) if (nouns := _KPI_NOUNS[kpi.key].affirmed(reading)) else "")
        for kpi in kpi_hits
    }
    kpis = tuple(sorted(kpi_hits, key=lambda kpi: kpi_hits[kpi][0].start))
    stages = tuple(sorted(stage_hits, key=lambda stage: stage_hits[stage][0].start))
    stage_words = tuple(own(stage_hits[stage][0]) for stage in stages)
    inferred = False
    if not stages and kpis:
        kpi_stages = tuple(dict.fromkeys(kpi.stage for kpi in kpis))
        if len(kpi_stages) == 1:
            stages, stage_words, inferred = kpi_stages, (kpi_words[kpis[0]],), True
    deadlines = sorted([*find_deadlines(folded, today), *_english_deadlines(folded)], key=lambda d: d.start)
    ages = [(a.start, a.end) for a in find_age_ranges(folded)]
    ages += [(m.start("low"), m.end("high")) for m in _BARE_AGE_RANGE.finditer(folded)
             if int(m.group("low")) < int(m.group("high"))]
    yearless = find_yearless_dates(folded)
    # Figures inside a date or an age range are not targets ("2027", "18-25 ans", "15 mars").
    taken = (
        [(d.start, d.end) for d in deadlines]
        + ages
        + [(start, end) for start, end, _text in yearless]
        + [m.span() for m in _AUDIENCE_SIZE.finditer(folded)]
    )
    targets = tuple(
        q
        for q in find_quantities(folded)
        if not any(start <= q.start < end for start, end in taken)
        and q.value > 0
        and not (q.unit == "" and _MEANS_AFTER_FIGURE.match(folded, q.end))
    )
    # Each figure counts the KPI named right after it: figures for KPIs of two stages (« 200 000 vues et 500
    # réservations ») aim at two stages, whatever the stated goal (the chapter's « avant » example).
    named_after = sorted((hit.start, hit.end, kpi) for kpi, hits in kpi_hits.items() for hit in hits)
    figured: dict[str, str] = {}
    for index, quantity in enumerate(targets):
        base = _BASE_BEFORE_FIGURE.search(folded, max(0, quantity.start - 12), quantity.start)
        if base or any(a <= quantity.start < b for a, b in secondary):
            continue
        # The KPI belongs to the nearest figure before it (« 2 % des 75 000 visiteurs »: « visiteurs » is 75 000's).
        limit = min(quantity.end + 40, targets[index + 1].start if index + 1 < len(targets) else len(folded))
        kpi_after = next(((start, end, kpi) for start, end, kpi in named_after if quantity.end <= start <= limit), None)
        if kpi_after is not None:
            _start, end, kpi = kpi_after
            figure = Hit(quantity.start, end, reading.text[quantity.start : end], False)
            figured.setdefault(kpi.stage, own(figure))
    other_stage_figures: tuple[str, ...] = ()
    if len(figured) > 1 and stages and not inferred:
        stated = stages[0]
        other_stage_figures = tuple(words for stage, words in figured.items() if stage != stated)
        stages = tuple(dict.fromkeys((*stages, *figured)))
    precise = bool(ages) or _PLACE.said(reading) or _GROUP.said(reading)
    vague_audience = () if precise else tuple(dict.fromkeys(own(hit) for hit in _VAGUE_AUDIENCE.hits(reading)))
    vague = tuple(dict.fromkeys(m.group(0) for p in _VAGUE_PATTERNS for m in p.finditer(folded)))
    due = max((d.due for d in deadlines), default=None)
    due_text = next((d.raw for d in deadlines if d.due == due), None)
    return ObjectiveReading(
        stages,
        kpis,
        targets,
        due,
        due_text,
        precise,
        vague,
        len(folded.split()),
        tuple(text for _start, _end, text in yearless),
        bool(_FOLLOWERS_AS_GOAL.search(folded)),
        stage_words,
        inferred,
        tuple(kpi_words[kpi] for kpi in kpis),
        vague_audience,
        tuple(hit.start for kpi in kpis for hit in kpi_hits[kpi][:1]),
        other_stage_figures,
    )


def compose_objective(
    goal: str | None, kpi: str | None, target: str | None, deadline: str | None, audience: str | None
) -> str:
    """The sentence the guided form produces; empty fields are left out so the check notices."""
    goal = (goal or "").strip()
    head = f"Objectif de {goal.lower()}" if goal in GOAL_CHOICES else (f"Objectif : {goal}" if goal else "")
    parts: list[str] = []
    target = (target or "").strip()
    if target:
        parts.append(f"atteindre {target}")
    kpi = (kpi or "").strip()
    if kpi and kpi in KPI_CHOICES:
        parts.append(f"(indicateur : {kpi.lower()})")
    deadline = (deadline or "").strip()
    if deadline:
        parts.append(deadline)
    audience = (audience or "").strip()
    if audience:
        parts.append(f"auprès de ce public : {audience}")
    rest = " ".join(parts)
    sentence = (
        f"{head} : {rest}" if head and rest and goal in GOAL_CHOICES else " ".join(filter(None, (head, rest)))
    )
    sentence = sentence.strip()
    return f"{sentence}." if sentence and not sentence.endswith((".", "!", "?")) else sentence


def _quote(words: tuple[str, ...] | list[str]) -> str:
    return ", ".join(f"« {w} »" for w in words)


def _goal_item(reading: ObjectiveReading) -> FeedbackItem:
    label = "Étape du tunnel"
    if len(reading.stages) == 1:
        stage = STAGES[reading.stages[0]].lower()
        word = reading.stage_words[0] if reading.stage_words else ""
        if reading.stage_inferred:
            message = f"Le but est clair : l'indicateur « {word} » montre un objectif de {stage}."
        elif fold(word) in _STAGE_NAMES:
            message = f"Le but est clair : un objectif de {stage}."
        else:
            message = f"Le but est clair : « {word} » montre un objectif de {stage}."
        return FeedbackItem("goal", label, True, message)
    if len(reading.stages) > 1:
        names = _quote([STAGES[s].lower() for s in reading.stages])
        figures = (
            f" : {_quote(list(reading.other_stage_figures))} vise une autre étape que votre but"
            if reading.other_stage_figures
            else ""
        )
        return FeedbackItem(
            "goal",
            label,
            False,
            f"Vous visez plusieurs étapes à la fois ({names}){figures}. Choisissez un objectif principal pour "
            "cette campagne, avec son chiffre : les autres deviennent des indicateurs secondaires.",
            READ_FUNNEL,
        )
    if reading.kpis:
        names = _quote(list(dict.fromkeys(STAGES[k.stage].lower() for k in reading.kpis)))
        return FeedbackItem(
            "goal",
            label,
            False,
            f"Vos indicateurs relèvent de plusieurs étapes ({names}) et aucune n'est nommée : dites laquelle "
            "compte pour juger la campagne, par exemple « Conversion : … ». Les autres chiffres deviennent "
            "des indicateurs secondaires.",
            READ_FUNNEL,
        )
    return FeedbackItem(
        "goal",
        label,
        False,
        "On ne sait pas ce que la campagne doit changer : la faire connaître (notoriété), susciter l'intérêt "
        "(considération), vendre (conversion) ou faire revenir les clients (fidélisation) ? Nommez l'étape ou "
        "l'indicateur qui la mesure.",
        READ_FUNNEL,
    )


def _kpi_item(reading: ObjectiveReading) -> FeedbackItem:
    label = "Indicateur (KPI)"
    if reading.kpis:
        names = _quote(list(dict.fromkeys(w.lower() for w in reading.kpi_words[:3])))
        return FeedbackItem("kpi", label, True, f"Vous nommez ce que vous mesurerez : {names}.")
    if reading.counts_followers:
        return FeedbackItem(
            "kpi",
            label,
            False,
            "Des abonnés gagnés ne disent ni combien de personnes ont vu la campagne, ni combien ont cliqué ou "
            "acheté : ce n'est pas un résultat de la campagne. Choisissez un indicateur de l'étape visée, par "
            "exemple la portée pour la notoriété ou les ventes pour la conversion.",
            READ_FUNNEL,
        )
    return FeedbackItem(
        "kpi",
        label,
        False,
        "Aucun indicateur mesurable n'est nommé. Dites ce que vous compterez : par exemple la portée, "
        "les vues, le taux d'engagement, les clics, les ventes ou les codes promo utilisés.",
        READ_SMART,
    )


def _kpi_fit_item(reading: ObjectiveReading) -> FeedbackItem:
    label = "KPI adapté à l'étape"
    if len(reading.stages) != 1 or not reading.kpis:
        return FeedbackItem(
            "kpi_fit",
            label,
            False,
            "Pour juger si l'indicateur convient, il faut une seule étape du tunnel et au moins un indicateur.",
            READ_FUNNEL,
        )
    stage = reading.stages[0]
    fitting = [(k, w) for k, w in zip(reading.kpis, reading.kpi_words, strict=False) if k.stage == stage]
    if fitting:
        _kpi, words = fitting[0]
        return FeedbackItem(
            "kpi_fit",
            label,
            True,
            f"« {words} » mesure bien un objectif de {STAGES[stage].lower()}.",
        )
    kpi = reading.kpis[0]
    suggestions = _quote([k.label.lower() for k in KPIS if k.stage == stage][:3])
    return FeedbackItem(
        "kpi_fit",
        label,
        False,
        f"« {kpi.label} » mesure plutôt la {STAGES[kpi.stage].lower()}, pas la {STAGES[stage].lower()}. "
        f"Pour cette étape, mesurez par exemple : {suggestions}.",
        READ_FUNNEL,
    )


def _target_item(reading: ObjectiveReading) -> FeedbackItem:
    label = "Cible chiffrée"
    if reading.targets:
        return FeedbackItem(
            "target", label, True, f"Il y a un chiffre à atteindre : « {reading.targets[0].raw} »."
        )
    return FeedbackItem(
        "target",
        label,
        False,
        "Il manque un chiffre à atteindre : sans lui, impossible de dire à la fin si c'est réussi. "
        "Ajoutez par exemple « 1 500 ventes » ou « 2 % de taux d'engagement ».",
        READ_SMART,
    )


def _deadline_item(reading: ObjectiveReading, today: date) -> FeedbackItem:
    label = "Échéance"
    if reading.deadline is None and reading.yearless_dates:
        written = reading.yearless_dates[-1]
        return FeedbackItem(
            "deadline",
            label,
            False,
            f"Votre échéance « {written} » n'a pas d'année : précisez-la, par exemple « {written} 2027 ». "
            "Une date complète évite tout malentendu avec le client et les créateurs.",
            READ_SMART,
        )
    if reading.deadline is None:
        return FeedbackItem(
            "deadline",
            label,
            False,
            "Il manque une date limite. Précisez quand le résultat doit être atteint : « d'ici fin juin 2027 », "
            "« au T2 2027 » ou « en trois mois ».",
            READ_SMART,
        )
    if reading.deadline < today:
        return FeedbackItem(
            "deadline",
            label,
            False,
            f"L'échéance ({format_date(reading.deadline)}) est déjà passée : choisissez une date à venir.",
            READ_SMART,
        )
    return FeedbackItem(
        "deadline", label, True, f"L'échéance est datée : au plus tard le {format_date(reading.deadline)}."
    )


def _audience_item(reading: ObjectiveReading) -> FeedbackItem:
    label = "Audience"
    if reading.has_audience:
        return FeedbackItem("audience", label, True, "Vous dites qui vous voulez toucher.")
    if reading.vague_audience:
        return FeedbackItem(
            "audience",
            label,
            False,
            f"{_quote(list(reading.vague_audience))} reste trop large : on ne sait pas qui choisir comme créateurs. "
            "Précisez au moins un élément : un âge, un lieu ou un centre d'intérêt (par exemple « les 18-25 ans "
            "de Suisse romande » ou « les étudiantes sensibles au zéro déchet »).",
            READ_SMART,
        )
    return FeedbackItem(
        "audience",
        label,
        False,
        "On ne sait pas qui vous voulez toucher. Décrivez le public : âge, lieu, centre d'intérêt "
        "(par exemple « les 18-34 ans en France et en Suisse romande, sensibles au zéro déchet »).",
        READ_SMART,
    )


def _specific_item(reading: ObjectiveReading, words: int, others_pass: bool = False) -> FeedbackItem:
    """Precise wording. Length is form: a long text whose other criteria all pass gets a tip instead."""
    label = "Formulation précise"
    if words > MAX_WORDS and not others_pass:
        return FeedbackItem(
            "specific",
            label,
            False,
            f"Votre texte compte {format_number(words)} mots. Un objectif tient en une phrase (moins de "
            f"{MAX_WORDS} mots) : gardez le but, le chiffre, l'échéance et le public.",
            READ_EXAMPLE,
        )
    if reading.word_count < MIN_WORDS:
        return FeedbackItem(
            "specific",
            label,
            False,
            "C'est trop court pour être un objectif : faites une phrase complète avec un but, un chiffre, "
            "une échéance et un public.",
            READ_EXAMPLE,
        )
    if reading.vague_words and not reading.targets:
        return FeedbackItem(
            "specific",
            label,
            False,
            f"Des mots flous ({_quote(list(reading.vague_words))}) remplacent un résultat mesurable : dites "
            "combien, de quoi, et pour quand.",
            READ_EXAMPLE,
        )
    if words > MAX_WORDS:
        return FeedbackItem(
            "specific",
            label,
            True,
            "La formulation est concrète ; elle gagnera à tenir en une phrase (voir le conseil).",
        )
    return FeedbackItem("specific", label, True, "La formulation est concrète.")


def _unrealistic_reason(reading: ObjectiveReading, today: date, budget: float, currency: str) -> str | None:
    for quantity in reading.targets:
        measured = reading.kpi_of(quantity)
        if quantity.unit == "%":
            if (
                measured
                and measured.key in _MAX_RATE_PERCENT
                and quantity.value > _MAX_RATE_PERCENT[measured.key]
            ):
                return (
                    f"« {quantity.raw} » de {measured.label.lower()} est hors de portée : les repères "
                    f"publiés sont bien plus bas (voir le chapitre 2). Visez un chiffre proche des repères."
                )
            if quantity.value > MAX_GROWTH_PERCENT:
                return (
                    f"« {quantity.raw} » est une hausse très improbable en une campagne : appuyez votre chiffre "
                    "sur un résultat passé ou un repère du secteur."
                )
        elif quantity.unit == "" and measured and measured.key in _FLOOR_COST_PER_UNIT_EUR:
            ceiling = budget / _FLOOR_COST_PER_UNIT_EUR[measured.key]
            if quantity.value > ceiling:
                floor = format_significant(_FLOOR_COST_PER_UNIT_EUR[measured.key])
                return (
                    f"« {quantity.raw} » est hors de portée avec le budget de la campagne "
                    f"({format_number(budget)} {currency} pour les créateurs) : ce serait un coût de moins de "
                    f"{floor} {currency} par résultat. Revoyez le chiffre à la baisse."
                )
    if reading.deadline is not None and reading.deadline >= today:
        lead = (reading.deadline - today).days
        if lead < MIN_LEAD_DAYS:
            return (
                f"L'échéance tombe dans {lead} jour(s) : trop court pour choisir des créateurs, les briefer et "
                "publier. Prévoyez au moins quelques semaines."
            )
        if lead > MAX_HORIZON_DAYS:
            return (
                "L'échéance est à plus de deux ans : trop loin pour piloter une campagne. "
                "Fixez un jalon plus proche."
            )
    return None


def _realistic_item(reading: ObjectiveReading, today: date, budget: float, currency: str) -> FeedbackItem:
    label = "Réaliste"
    if not reading.targets and reading.deadline is None:
        return FeedbackItem(
            "realistic",
            label,
            False,
            "Sans chiffre ni échéance, impossible de juger si l'objectif est réaliste.",
            READ_SMART,
        )
    reason = _unrealistic_reason(reading, today, budget, currency)
    if reason:
        return FeedbackItem("realistic", label, False, reason, READ_SMART)
    if reading.targets and reading.deadline is not None:
        judged = "Le chiffre et l'échéance semblent atteignables."
    elif reading.targets:
        judged = "Le chiffre semble atteignable ; l'échéance, elle, reste à fixer."
    else:
        judged = "L'échéance semble tenable ; le chiffre, lui, reste à fixer."
    return FeedbackItem("realistic", label, True, judged)


def _usable_budget(value: object) -> bool:
    """A budget override the realism test can divide: a finite positive number below a billion."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return 0 < value < 1e9 and math.isfinite(value)


@learner_check("ch01-objective", "Objectif")
def check_objective(
    text: object,
    *,
    today: date | None = None,
    budget_eur: float | None = None,
    campaign: Campaign | None = None,
) -> Feedback:
    """Check a campaign objective written in French; one item per SMART and funnel criterion.

    ``text`` is what the learner typed (a guided-form answer goes through
    :func:`compose_objective` first). ``today`` defaults to :func:`influence_workbook.clock.today`.
    The realism test divides the creators' budget of ``campaign`` (default: the course's) in its
    currency; ``budget_eur``, when given, overrides that budget (in euros).
    Never raises on learner input: anything that is not a usable text gets a French message.
    """
    if is_placeholder(text):
        # In an exercise notebook the learner sees « ... » to replace; in a workshop, empty fields.
        where = "remplacez « ... » par une phrase entre guillemets" if text is Ellipsis else "une phrase suffit"
        return input_problem(
            CHECK_NAME,
            "Objectif",
            f"Écrivez d'abord votre objectif ({where}) : un but, un indicateur, un chiffre, une échéance et un public.",
            READ_SMART,
        )
    if not isinstance(text, str):
        return input_problem(
            CHECK_NAME,
            "Objectif",
            f"L'objectif doit être un texte entre guillemets, pas une valeur de type « {type(text).__name__} ». "
            'Exemple : "Conversion : 1 500 ventes d\'ici fin juin 2027 auprès des 18-34 ans".',
            READ_SMART,
        )
    start = fold(text[:MAX_ANALYSED_CHARS])
    if not start.strip(" .,;:!?-\"'") or not _WORD.search(start):
        return input_problem(
            CHECK_NAME,
            "Objectif",
            "Votre objectif ne contient pas de mots. Écrivez une phrase : un but, un indicateur, un chiffre, "
            "une échéance et un public.",
            READ_SMART,
        )
    today = today or clock.today()
    campaign = resolve(campaign)
    reading = read_objective(text, today, campaign=campaign)
    if _usable_budget(budget_eur):
        budget, currency = float(budget_eur), "€"  # type: ignore[arg-type]
    else:
        budget, currency = float(campaign.creator_budget), campaign.currency_symbol
    others = (
        _goal_item(reading),
        _kpi_item(reading),
        _kpi_fit_item(reading),
        _target_item(reading),
        _deadline_item(reading, today),
        _audience_item(reading),
        _realistic_item(reading, today, budget, currency),
    )
    words = len(text.split())
    specific = _specific_item(reading, words, others_pass=all(item.ok for item in others))
    items = (*others[:6], specific, others[6])
    tips = []
    if words > MAX_WORDS and specific.ok:
        tips.append(
            f"Votre objectif est complet, mais le texte compte {format_number(words)} mots : un objectif tient en "
            f"une phrase (moins de {MAX_WORDS} mots). Pour le brief, gardez le but, le chiffre, l'échéance et le "
            "public ; le contexte va ailleurs."
        )
    if reading.stage_inferred:
        tips.append(
            f"Pour le brief, écrivez l'étape en tête de phrase (« {STAGES[reading.stages[0]]} : … ») : "
            "créateurs et client la liront d'un coup d'œil."
        )
    if reading.deadline is not None and any(
        d in (reading.deadline_text or "") for d in ("mois", "semaine", "jour")
    ):
        tips.append(
            "Une durée (« en trois mois ») se transforme en date dans le brief : notez la date exacte."
        )
    if reading.deadline is not None and re.search(r"\b(?:printemps|ete|automne|hiver)\b", reading.deadline_text or ""):
        # Chapter 1, « T comme temporel »: a date, not a season (the check reads the season's last day).
        tips.append(
            f"« {reading.deadline_text} » est une saison : dans le brief, écrivez le jour, par exemple « d'ici le "
            f"{format_date(reading.deadline)} », pour que créateurs et client lisent la même échéance."
        )
    return build_feedback(CHECK_NAME, items, tips)


# --------------------------------------------------------------------------- KPI matching exercise

#: A KPI-matching answer is read on its first entries (the chapter's list has far fewer indicators).
MAX_MATCHING_ANSWERS = 60
KPI_STAGE_KEY: dict[str, str] = {kpi.label: STAGES[kpi.stage] for kpi in KPIS}


def _kpi_names(kpi: Kpi) -> set[str]:
    """How a learner may name a KPI of the list: its label, the label without its bracket, the acronym."""
    label = fold(kpi.label)
    names = {label, re.sub(r"\s*\(.*\)\s*", "", label).strip()}
    bracket = re.search(r"\(([^)]*)\)", label)
    if bracket and re.fullmatch(r"[a-z]{2,5}", bracket.group(1)):
        names.add(bracket.group(1))
    if re.fullmatch(r"[a-z]{2,5}", kpi.key):
        names.add(kpi.key)
    return names


_KPI_BY_NAME: dict[str, Kpi] = {name: kpi for kpi in KPIS for name in sorted(_kpi_names(kpi))}
# The stage names a learner may write, folded: French, singular or plural, and the English terms.
_STAGE_BY_NAME: dict[str, str] = {
    **{fold(label): label for label in GOAL_CHOICES},
    "awareness": STAGES["awareness"],
    "loyalty": STAGES["loyalty"],
    "retention": STAGES["loyalty"],
}
# What each stage's indicators count, to say why a KPI belongs where it does.
_STAGE_COUNTS: dict[str, str] = {
    "awareness": "il compte les personnes qui voient la campagne, ou ce que coûte de les toucher",
    "consideration": "il compte les personnes qui s'y intéressent : elles réagissent, cliquent ou visitent",
    "conversion": "il compte les achats et les inscriptions, ou ce que chacun a coûté",
    "loyalty": "il compte les clients qui reviennent ou recommandent la marque",
}


def _kpi_named(name: str) -> Kpi | None:
    key = _SPACES.sub(" ", fold(name)).strip(" .:;!?\"'")
    return KPI_BY_LABEL.get(name) or _KPI_BY_NAME.get(key)


def _stage_named(answer: object) -> str | None:
    """The stage label a learner's answer names: case, accents, an article, a plural and one typo forgiven."""
    if not isinstance(answer, str):
        return None
    text = _SPACES.sub(" ", fold(answer)).strip(" .:;!?\"'")
    text = _STAGE_ARTICLE.sub("", text).strip()
    for word in (text, text.removesuffix("s")):
        if word in _STAGE_BY_NAME:
            return _STAGE_BY_NAME[word]
    # One slip of the keyboard in a long word (« convertion », « fidelisaton »), never between two stages.
    close = {label for name, label in _STAGE_BY_NAME.items() if len(name) >= 7 and one_edit_apart(text, name)}
    return close.pop() if len(close) == 1 else None


@learner_check("ch01-kpi-matching", "Associations")
def check_kpi_matching(answers: object) -> Feedback:
    """Exercise: the learner maps KPI labels (from :data:`KPI_CHOICES`) to a funnel stage label."""
    check = "ch01-kpi-matching"
    if (
        is_placeholder(answers)
        or not isinstance(answers, Mapping)
        or not answers
        or all(is_placeholder(value) for value in answers.values())
    ):
        return input_problem(
            check,
            "Associations",
            'Donnez un dictionnaire {indicateur: étape}, par exemple {"Impressions": "Notoriété"}.',
            READ_FUNNEL,
        )
    items = []
    # The list has a few dozen indicators: read that many answers, say so beyond (a pasted dict of 80 000
    # entries took seconds).
    pairs = list(itertools.islice(answers.items(), MAX_MATCHING_ANSWERS))
    for number, (kpi_label, stage_answer) in enumerate(pairs, start=1):
        if not isinstance(kpi_label, str) or not kpi_label.strip():
            items.append(
                FeedbackItem(
                    f"kpi:#{number}",
                    f"Indicateur n° {number}",
                    False,
                    "Cette clé n'est pas un nom d'indicateur : écrivez le nom entre guillemets, tel qu'il figure "
                    'dans la liste du chapitre (par exemple "Impressions").',
                    READ_FUNNEL,
                )
            )
            continue
        kpi = _kpi_named(kpi_label)
        label = kpi_label.strip()[:80]
        if kpi is None:
            items.append(
                FeedbackItem(
                    "kpi:" + label,
                    label,
                    False,
                    f"« {label} » n'est pas dans la liste des indicateurs du chapitre : recopiez un nom de la liste.",
                    READ_FUNNEL,
                )
            )
            continue
        expected = STAGES[kpi.stage]
        given = _stage_named(stage_answer)
        if given is None:
            items.append(
                FeedbackItem(
                    "kpi:" + kpi.key,
                    kpi.label,
                    False,
                    f"Choisissez une étape parmi {_quote(list(GOAL_CHOICES))}.",
                    READ_FUNNEL,
                )
            )
        elif given == expected:
            items.append(
                FeedbackItem(
                    "kpi:" + kpi.key, kpi.label, True, f"Oui : c'est un indicateur de {expected.lower()}."
                )
            )
        else:
            items.append(
                FeedbackItem(
                    "kpi:" + kpi.key,
                    kpi.label,
                    False,
                    f"Pas tout à fait : cet indicateur sert surtout la {expected.lower()}, pas la {given.lower()} : "
                    f"{_STAGE_COUNTS[kpi.stage]}.",
                    READ_FUNNEL,
                )
            )
    tips = []
    if len(answers) > MAX_MATCHING_ANSWERS:
        tips.append(f"Seules les {MAX_MATCHING_ANSWERS} premières associations ont été lues : la liste du chapitre "
                    f"compte {len(KPIS)} indicateurs.")
    return build_feedback(check, items, tips)
