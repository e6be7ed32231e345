"""Chapter 3 — the gallery of creative formats, and the rules for giveaways in France and Switzerland.

One source for three things: the table of formats shown in the chapter page
(:func:`formats_table_html`), the « Format » dropdown of the concept workshop
(:data:`FORMAT_CHOICES`) and the format/platform fit judged by
:func:`influence_workbook.checks.concept.check_concept`.

Every format carries the sources it comes from (``{cite}`` keys of ``book/references.bib``).
Legal statements carry their text, their date and where to check them, and are given as of the
date of the sources: laws change, the chapter invites learners to check Légifrance and fedlex.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from influence_workbook.feedback import escape
from influence_workbook.reading import read
from influence_workbook.text import fold

NBSP = "\u00a0"

# --------------------------------------------------------------------------- platforms


@dataclass(frozen=True)
class Platform:
    """A place where a creator publishes, with how learners write it (regexes on folded text)."""

    key: str
    label: str
    patterns: tuple[str, ...]
    where: str  # « sur TikTok », « en Story Instagram »: used inside French sentences


PLATFORMS: tuple[Platform, ...] = (
    Platform("instagram_feed", f"Instagram{NBSP}: publication ou carrousel",
             (r"\binstagram\b", r"\binsta\b", r"\big\b", r"\bcarrousel\b", r"\bcarousel\b"),
             "dans une publication Instagram"),
    Platform("instagram_reels", f"Instagram{NBSP}: Reels", (r"\breels?\b",), "en Reel Instagram"),
    Platform("instagram_stories", f"Instagram{NBSP}: Stories", (r"\bstory\b", r"\bstories\b", r"\bstorys\b"),
             "en Story Instagram"),
    Platform("tiktok", "TikTok", (r"\btik ?tok\b", r"\btiktoks?\b"), "sur TikTok"),
    Platform("youtube", f"YouTube{NBSP}: vidéo", (r"\byoutube\b", r"\byt\b"), "sur YouTube"),
    Platform("youtube_shorts", f"YouTube{NBSP}: Shorts", (r"\bshorts?\b",), "en YouTube Short"),
    Platform("linkedin", "LinkedIn", (r"\blinked ?in\b", r"\blkdn\b"), "sur LinkedIn"),
    Platform("twitch", f"Twitch{NBSP}: live", (r"\btwitch\b",), "en live sur Twitch"),
    Platform("snapchat", "Snapchat", (r"\bsnap(?:chat)?s?\b",), "sur Snapchat"),
)
PLATFORM_BY_KEY: dict[str, Platform] = {platform.key: platform for platform in PLATFORMS}
PLATFORM_CHOICES: tuple[str, ...] = tuple(platform.label for platform in PLATFORMS)
ALL_PLATFORMS: tuple[str, ...] = tuple(platform.key for platform in PLATFORMS)
SHORT_VIDEO_PLATFORMS: tuple[str, ...] = ("instagram_reels", "tiktok", "youtube_shorts", "snapchat")

# Funnel stages, with the labels of chapter 1 (influence_workbook.checks.objective.STAGES).
STAGE_LABELS: dict[str, str] = {
    "awareness": "Notoriété",
    "consideration": "Considération",
    "conversion": "Conversion",
    "loyalty": "Fidélisation",
}

# --------------------------------------------------------------------------- formats


@dataclass(frozen=True)
class CreativeFormat:
    """One creative format of the gallery: when it fits, what the creator brings, its risk, its sources."""

    key: str
    label: str
    goals: tuple[str, ...]  # funnel stages (keys of STAGE_LABELS) it serves best
    platforms: tuple[str, ...]  # platform keys where it is at home
    when: str
    creator_brings: str
    risk: str
    sources: tuple[str, ...]  # keys of book/references.bib
    patterns: tuple[str, ...] = ()  # how learners name it in free text (folded)
    legal_note: str = ""

    @property
    def goal_labels(self) -> tuple[str, ...]:
        return tuple(STAGE_LABELS[goal] for goal in self.goals)

    @property
    def platform_labels(self) -> tuple[str, ...]:
        return tuple(PLATFORM_BY_KEY[key].label for key in self.platforms)


FORMATS: tuple[CreativeFormat, ...] = (
    CreativeFormat(
        "product_placement", "Placement de produit", ("awareness", "consideration"), ALL_PLATFORMS,
        "Le produit apparaît dans un contenu que le créateur publierait de toute façon (routine, vlog, "
        "recette) : idéal pour installer la marque dans un quotidien crédible.",
        "Son quotidien et son ton : le produit entre dans une histoire qu'il raconte déjà. C'est le format "
        "préféré de 76 % des créateurs français interrogés par Reech en 2024.",
        "Trop discret, il passe inaperçu ; trop appuyé, il sonne faux. Et il reste une publicité, à signaler "
        "comme telle (chapitre 5).",
        ("reech2024", "loudcrowd", "happydemics"),
        (r"\bplacements? (?:de )?produits?\b", r"\bproduct placement\b"),
    ),
    CreativeFormat(
        "seeding", "Envoi de produit (seeding)", ("awareness",),
        ("instagram_stories", "instagram_feed", "instagram_reels", "tiktok", "snapchat"),
        "Faire découvrir un lancement à de nombreux créateurs à la fois, sans leur imposer de publier.",
        "Une réaction spontanée, s'il aime vraiment le produit : c'est ce qui la rend crédible.",
        "Aucune publication garantie. Un colis envoyé sans prévenir agace : demandez d'abord si le créateur "
        "veut le recevoir. Un contenu publié en échange du cadeau reste une publicité à signaler.",
        ("loudcrowd", "tktk", "reechbrief"),
        (r"\bseeding\b", r"\bgifting\b", r"\benvois? (?:de |du )?produits?\b", r"\bcolis\b"),
    ),
    CreativeFormat(
        "unboxing", "Déballage (unboxing)", ("awareness", "consideration"),
        ("instagram_stories", "instagram_reels", "tiktok", "youtube", "youtube_shorts", "twitch", "snapchat"),
        "Un lancement dont l'objet ou l'emballage a quelque chose à montrer ; on filme la découverte.",
        "La surprise filmée sur le vif et ses toutes premières impressions.",
        "L'emballage compte plus que le produit : pour une marque zéro déchet, un colis suremballé "
        "contredirait le message.",
        ("loudcrowd", "happydemics"),
        (r"\bunboxing\b", r"\bdeballage\b", r"\bdeballer\b"),
    ),
    CreativeFormat(
        "tutorial", "Tutoriel", ("consideration", "conversion"),
        ("instagram_reels", "instagram_feed", "tiktok", "youtube", "youtube_shorts", "linkedin", "twitch"),
        "Un produit qui demande un geste nouveau (un shampooing solide, par exemple) : on montre comment "
        "s'en servir.",
        "Son savoir-faire et ses astuces, avec ses mots ; ses abonnés lui posent leurs questions.",
        "Trop long pour la plateforme, ou une notice récitée. Un tutoriel de plusieurs minutes va sur "
        "YouTube ; en Reel, en TikTok ou en Story, on le découpe en étapes courtes.",
        ("loudcrowd", "tktk"),
        (r"\btutos?\b", r"\btutoriels?\b", r"\btutorials?\b", r"\bpas[- ]a[- ]pas\b", r"\bdemo\w*",
         r"\bvideos? explicatives?\b", r"\bexplainer\b", r"\bmode d'emploi\b", r"\bhow to\b"),
    ),
    CreativeFormat(
        "grwm", "Routine « Get ready with me » (GRWM)", ("awareness", "consideration"),
        ("instagram_reels", "instagram_stories", "tiktok", "youtube", "youtube_shorts", "snapchat"),
        "Un produit de soin ou de beauté qui trouve sa place dans une routine filmée.",
        "Sa parole pendant qu'il se prépare : le ton d'une conversation entre amis.",
        "Le produit se noie parmi dix autres ; gardez-lui un vrai moment dans la routine.",
        ("loudcrowd", "tktk"),
        (r"\bgrwm\b", r"\bget ready with me\b", r"\broutines?\b", r"\bprepare(?:z)?[- ]toi avec moi\b"),
    ),
    CreativeFormat(
        "review", "Test et avis", ("consideration",),
        ("youtube", "instagram_reels", "tiktok", "instagram_feed", "youtube_shorts", "linkedin", "twitch"),
        "Un produit qu'on achète après réflexion : le public veut un avis argumenté avant de se décider.",
        "Sa crédibilité : un avis nuancé, qui dit aussi ce qui lui plaît moins.",
        "Un avis dicté ou sans nuance perd toute valeur ; on ne peut pas exiger un avis positif.",
        ("loudcrowd", "happydemics"),
        (r"\breview\b", r"\bavis\b", r"\bteste?r?\b", r"\bcrash[- ]test\b", r"\bessai\b"),
    ),
    CreativeFormat(
        "challenge", "Défi (challenge)", ("awareness",),
        ("tiktok", "instagram_reels", "youtube_shorts", "snapchat"),
        "Toucher beaucoup de monde vite, avec un geste ou une idée simple que chacun peut refaire. "
        "Exemple souvent cité : le #GuacDance de Chipotle sur TikTok (250 000 vidéos envoyées, selon une "
        "source secondaire).",
        "Il lance le défi, donne l'exemple et donne envie de le refaire.",
        "Un défi qui ne prend pas retombe à plat ; il doit rester simple, sans danger et sans achat "
        "obligatoire.",
        ("benlyai", "tktk"),
        (r"\bchall?enges?\b", r"\bdefis?\b", r"\bhashtag challenge\b", r"\btrends?\b"),
    ),
    CreativeFormat(
        "ugc", "Contenus d'utilisateurs (UGC)", ("consideration", "loyalty"),
        ("instagram_feed", "instagram_reels", "tiktok"),
        "La marque veut des vidéos authentiques à réutiliser sur son site ou dans ses publicités.",
        "Des vidéos tournées comme un client le ferait, avec son regard à lui.",
        "Réutiliser un contenu demande une cession de droits écrite et payée (chapitre 9).",
        ("loudcrowd", "happydemics"),
        (r"\bugc\b", r"\bcontenus? (?:generes? par les )?utilisateurs?\b", r"\buser generated\b",
         r"\b(?:videos?|contenus?|photos?|temoignages?) (?:de |des |d')?(?:clients?|clientes?|consommat\w+)\b",
         r"\bavis clients? (?:filmes?|en video|videos?)\b"),
    ),
    CreativeFormat(
        "takeover", "Prise de contrôle du compte (takeover)", ("awareness", "consideration"),
        ("instagram_stories", "tiktok", "instagram_reels", "snapchat", "linkedin"),
        "Faire découvrir le compte de la marque à la communauté du créateur, le temps d'une journée.",
        "Sa personnalité aux commandes du compte de la marque : coulisses, questions-réponses, visite.",
        "L'accès au compte doit être encadré, et il faut donner aux abonnés du créateur une raison de venir.",
        ("loudcrowd", "tktk"),
        (r"\btake ?over\b", r"\bprise de controle\b", r"\bprend(?:re)? (?:le controle|les commandes)\b",
         r"\bprises? en main (?:du|de son|d'un) compte\b", r"\bprend\w* (?:le|son|leur) compte\b"),
    ),
    CreativeFormat(
        "giveaway", "Jeu-concours (giveaway)", ("awareness", "loyalty"),
        ("instagram_feed", "instagram_reels", "tiktok", "instagram_stories", "twitch"),
        "Remercier une communauté ou animer un lancement, avec des lots qui ont du sens pour elle.",
        "Sa communauté et l'animation du jeu.",
        "Des abonnés attirés par le lot, qui repartent ensuite. Règlement et conditions légales à respecter "
        "; "
        "un jeu sponsorisé se signale comme un partenariat.",
        ("loudcrowd", "happydemics", "instagrampromo", "codeconso_l121_20", "ljar2017"),
        (r"\bgiveaways?\b", r"\bjeux?[- ]concours\b", r"\bconcours\b", r"\btirage au sort\b",
         r"\ba gagner\b"),
        "Voir plus bas : jeux-concours, les règles du jeu.",
    ),
    CreativeFormat(
        "ambassador", "Série ambassadeur", ("consideration", "conversion", "loyalty"), ALL_PLATFORMS,
        "Une relation sur plusieurs mois : plusieurs contenus racontent une évolution (par exemple quatre "
        "semaines de routine).",
        "Une histoire dans la durée, que sa communauté suit épisode après épisode.",
        "Un engagement long : bien choisir le créateur (chapitre 2), prévoir la durée et l'exclusivité "
        "(chapitre 9).",
        ("loudcrowd", "happydemics"),
        (r"\bambass?adeurs?\b", r"\bambass?adrices?\b", r"\bserie\b", r"\bepisodes?\b",
         r"\b(?:partenariat|collaboration|relation)s? (?:sur la duree|(?:a |sur le )?long terme|de longue duree|"
         r"dans la duree)\b"),
    ),
    CreativeFormat(
        "affiliate", "Code promo ou lien d'affiliation", ("conversion",), ALL_PLATFORMS,
        "Mesurer des ventes créateur par créateur, avec un code ou un lien unique.",
        "Un avantage pour sa communauté ; il peut être payé en partie à la commission.",
        "Ce n'est qu'un mécanisme : « un code promo » tout seul n'est pas un concept. Associez-le à un des "
        "formats ci-dessus.",
        ("loudcrowd", "tktk"),
        (r"\baffili\w*", r"\bcodes? promo\b", r"\bcodes? de reduction\b",
         r"\bliens? (?:tracke|traque|suivi|unique|utm)s?\b",
         r"\bcodes? (?:createurs?|creatrices?|influenceu\w+|unique|perso\w*|dedie)\b"),
    ),
)
FORMAT_BY_KEY: dict[str, CreativeFormat] = {fmt.key: fmt for fmt in FORMATS}
FORMAT_BY_LABEL: dict[str, CreativeFormat] = {fmt.label: fmt for fmt in FORMATS}
FORMAT_CHOICES: tuple[str, ...] = tuple(fmt.label for fmt in FORMATS)

# --------------------------------------------------------------------------- giveaways: the law


@dataclass(frozen=True)
class LegalRule:
    """A legal statement with its text, its date and where to check that it is still current."""

    jurisdiction: str  # "France", "Suisse", "Instagram"
    reference: str
    date: str  # date of the text, in French
    text: str  # quotation (« … ») or faithful paraphrase
    sources: tuple[str, ...]
    check_at: str  # where to check the current version


AS_OF = "tels que nos sources les citent (version en vigueur à vérifier)"

GIVEAWAY_RULES: tuple[LegalRule, ...] = (
    LegalRule(
        "France", "Code de la consommation, art. L121-20 (anciennement L121-36)",
                                                          "en vigueur selon nos sources",
        "Les loteries publicitaires (jeux et concours promotionnels) ne sont interdites que si elles "
        "constituent une pratique commerciale déloyale.",
        ("codeconso_l121_20", "mahasela2019"), "Légifrance",
    ),
    LegalRule(
        "France", "Loi n° 2014-344 du 17 mars 2014 relative à la consommation (loi Hamon)", "17 mars 2014",
        "Depuis cette loi, un jeu peut être réservé aux acheteurs (obligation d'achat) tant que l'opération "
        "n'est pas déloyale.",
        ("loihamon2014", "mahasela2019"), "Légifrance",
    ),
    LegalRule(
        "France",
        "Loi n° 2014-1545 du 20 décembre 2014 relative à la simplification de la vie des entreprises",
        "20 décembre 2014",
        "Elle a supprimé l'obligation de déposer le règlement du jeu chez un huissier de justice "
        "(aujourd'hui "
        "commissaire de justice). Le dépôt n'est plus obligatoire, mais il reste recommandé : il prouve le "
        "contenu du règlement en cas de litige.",
        ("loisimplification2014", "mahasela2019"), "Légifrance",
    ),
    LegalRule(
        "France", "Code de la sécurité intérieure, art. L320-1", "en vigueur selon nos sources",
        "Les jeux d'argent et de hasard sont interdits : une opération qui fait espérer un gain dû, même en "
        "partie, au hasard et qui exige des participants un « sacrifice financier » est prohibée (sauf "
        "exceptions prévues par la loi). Un jeu payant tiré au sort tombe sous cette interdiction.",
        ("csi_l320_1",), "Légifrance",
    ),
    LegalRule(
        "Suisse", "Loi fédérale sur les jeux d'argent (LJAr, RS 935.51), art. 1 al. 2 let. d",
        "29 septembre 2017, en vigueur depuis le 1er janvier 2019",
        "La loi ne s'applique pas à « les jeux d'adresse et les loteries destinés à promouvoir les ventes "
        "qui "
        "sont proposés pour une courte durée, qui ne présentent pas de risque de jeu excessif et auxquels la "
        "participation est exclusivement subordonnée à l'achat de produits ou de prestations de services "
        "dont "
        "les prix n'excèdent pas les prix maximaux du marché ».",
        ("ljar2017",), "fedlex",
    ),
    LegalRule(
        "Suisse", "LJAr (RS 935.51), art. 1 al. 2 let. e",
                         "29 septembre 2017, en vigueur depuis le 1er janvier 2019",
        "Sont aussi hors du champ de la loi les jeux de courte durée proposés par des entreprises de médias "
        "pour promouvoir leurs produits, lorsque la participation gratuite est possible aux mêmes conditions "
        "que la participation payante.",
        ("ljar2017",), "fedlex",
    ),
    LegalRule(
        "Instagram", "Règles d'Instagram sur les promotions (Promotion Guidelines)",
                                                             "version citée par nos sources",
        "L'organisateur est responsable de la légalité du jeu (règlement, conditions de l'offre, âge et "
        "pays des "
        "participants). Il doit prévoir que chaque participant dégage Instagram de toute responsabilité, "
        "dire "
        "que la promotion n'est « en aucun cas sponsorisée, soutenue, administrée par Instagram, ni "
        "associée à "
        "Instagram », et ne doit pas inciter à identifier des personnes sur des contenus où elles "
        "n'apparaissent pas.",
        ("instagrampromo",), "les conditions d'utilisation d'Instagram",
    ),
)

GIVEAWAY_DISCLOSURE = (
    "Un jeu-concours organisé avec une marque, contre un paiement ou des produits, est une publication "
    "commerciale : il se signale comme un partenariat, comme tout autre contenu sponsorisé (chapitre 5)."
)


# --------------------------------------------------------------------------- rendering


#: How each bibliography key is named in the tables (the bibliography page gives the full reference).
SOURCE_NAMES: dict[str, str] = {
    "reech2024": "Reech (2024)",
    "reechbrief": "Reech, blog",
    "loudcrowd": "LoudCrowd",
    "happydemics": "Happydemics",
    "tktk": "tktk",
    "benlyai": "benly.ai",
    "instagrampromo": "Instagram, règles sur les promotions",
    "codeconso_l121_20": "Code de la consommation, art. L121-20",
    "loihamon2014": "Loi Hamon (2014)",
    "loisimplification2014": "Loi du 20 décembre 2014",
    "csi_l320_1": "Code de la sécurité intérieure, art. L320-1",
    "mahasela2019": "Mahasela Avocat (2019)",
    "ljar2017": "LJAr (2017)",
}


def _cites(keys: tuple[str, ...]) -> str:
    return ", ".join(SOURCE_NAMES.get(key, key) for key in keys)


def formats_table_html(*, caption: str = "La galerie des formats") -> str:
    """The gallery as an accessible HTML table (used in the chapter page and the workshop)."""
    rows = []
    for fmt in FORMATS:
        rows.append(
            "<tr>"
            f"<th scope='row'>{escape(fmt.label)}</th>"
            f"<td>{escape(fmt.when)}<br><em>Objectifs{NBSP}:</em> {escape(', '.join(fmt.goal_labels))}<br>"
            f"<em>Plateformes{NBSP}:</em> {escape(', '.join(fmt.platform_labels))}</td>"
            f"<td>{escape(fmt.creator_brings)}</td>"
            f"<td>{escape(fmt.risk)}</td>"
            f"<td>{escape(_cites(fmt.sources))}</td>"
            "</tr>"
        )
    return (
        "<table class='iw-ch03-gallery'>"
        f"<caption>{escape(caption)}</caption>"
        "<thead><tr><th scope='col'>Format</th><th scope='col'>Quand il convient</th>"
        "<th scope='col'>Ce que le créateur apporte</th><th scope='col'>Le risque</th>"
        "<th scope='col'>Sources</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def giveaway_rules_html() -> str:
    """The giveaway rules as an HTML table: reference, date, text, where to check."""
    rows = "".join(
        "<tr>"
        f"<td>{escape(rule.jurisdiction)}</td><th scope='row'>{escape(rule.reference)}</th>"
        f"<td>{escape(rule.date)}</td><td>{escape(rule.text)}</td><td>{escape(rule.check_at)}</td>"
        "</tr>"
        for rule in GIVEAWAY_RULES
    )
    return (
        "<table class='iw-ch03-giveaway-rules'>"
        f"<caption>Jeux-concours{NBSP}: les textes, {escape(AS_OF)}</caption>"
        "<thead><tr><th scope='col'>Où</th><th scope='col'>Texte</th><th scope='col'>Date</th>"
        "<th scope='col'>Ce qu'il dit</th><th scope='col'>Où vérifier</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )


#: A platform or a format is named in a few words: longer texts are read on their first characters.
MAX_NAME_CHARS = 160
_FORMAT_PATTERNS: tuple[tuple[CreativeFormat, tuple[re.Pattern[str], ...]], ...] = tuple(
    (fmt, tuple(re.compile(pattern) for pattern in fmt.patterns)) for fmt in FORMATS
)
_FORMAT_BY_FOLDED_LABEL: dict[str, CreativeFormat] = {fold(fmt.label): fmt for fmt in FORMATS}


def find_format(text: str) -> CreativeFormat | None:
    """The gallery format named by a dropdown label, a key, or a free text.

    In a free text the format named first wins (« Série ambassadeur sur sa routine » is a series,
    « UGC : des avis clients filmés » is UGC), and a format ruled out (« pas un défi, plutôt un
    tuto ») is not chosen.
    """
    if text in FORMAT_BY_LABEL:
        return FORMAT_BY_LABEL[text]
    if text in FORMAT_BY_KEY:
        return FORMAT_BY_KEY[text]
    text = text[:MAX_NAME_CHARS]
    folded = fold(text)
    if folded in _FORMAT_BY_FOLDED_LABEL:
        return _FORMAT_BY_FOLDED_LABEL[folded]
    reading = read(text)
    # The earliest mention wins, the longest at one place (« avis clients filmés » is UGC, not a review).
    best: tuple[int, int, int, CreativeFormat] | None = None
    for order, (fmt, patterns) in enumerate(_FORMAT_PATTERNS):
        for pattern in patterns:
            for match in pattern.finditer(reading.text):
                if reading.negated(match.start()):
                    continue
                rank = (match.start(), -len(match.group(0)), order)
                if best is None or rank < best[:3]:
                    best = (*rank, fmt)
                break
    return best[3] if best else None


# Specific placements first: « Reels Instagram » is Reels, « YouTube Shorts » is Shorts.
_PLATFORM_ORDER = ("snapchat", "twitch", "linkedin", "instagram_stories", "instagram_reels", "youtube_shorts", "tiktok",
                   "youtube", "instagram_feed")
_PLATFORM_PATTERNS: tuple[tuple[Platform, tuple[re.Pattern[str], ...]], ...] = tuple(
    (PLATFORM_BY_KEY[key], tuple(re.compile(pattern) for pattern in PLATFORM_BY_KEY[key].patterns))
    for key in _PLATFORM_ORDER
)
_PLATFORM_BY_FOLDED_LABEL: dict[str, Platform] = {fold(platform.label): platform for platform in PLATFORMS}


def find_platform(text: str) -> Platform | None:
    """The platform named by a dropdown label, a key, or (most specific first) a folded free text."""
    if text in PLATFORM_BY_KEY:
        return PLATFORM_BY_KEY[text]
    folded = fold(text[:MAX_NAME_CHARS])
    if folded in _PLATFORM_BY_FOLDED_LABEL:
        return _PLATFORM_BY_FOLDED_LABEL[folded]
    for platform, patterns in _PLATFORM_PATTERNS:
        if any(pattern.search(folded) for pattern in patterns):
            return platform
    return None
