"""The single description of every column of every sample-data file.

The generator writes the CSV files and the data-dictionary page (``book/donnees.md``) from
these definitions, the loader derives pandas dtypes from them, and the tests validate the
files against them, so the files, the page and the code cannot drift apart.

Descriptions and units are in French because the page shows them to learners as they are.
The reference figures at the end (tiers, engagement formulas, benchmark ranges) are the ones
the data were generated from; each names its source in ``research/domain-facts.md``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

ColumnKind = Literal["id", "text", "category", "int", "float", "date", "bool"]


@dataclass(frozen=True)
class Column:
    """One column of a CSV file.

    ``minimum``/``maximum`` bound numbers (and dates for ``date`` columns); ``allowed`` lists
    the values of a ``category`` column in their natural order; ``pattern`` is a regular
    expression every value of an ``id`` or ``text`` column must match in full; ``references``
    names the ``table.column`` a foreign key points to.
    """

    name: str
    kind: ColumnKind
    description: str
    unit: str = ""
    minimum: float | date | None = None
    maximum: float | date | None = None
    allowed: tuple[str, ...] = ()
    ordered: bool = False
    pattern: str | None = None
    references: str | None = None
    nullable: bool = False


@dataclass(frozen=True)
class Table:
    """One CSV file: where it lives under ``data/``, what a row is, and its columns."""

    name: str
    path: str
    title: str
    description: str
    key: str
    columns: tuple[Column, ...]
    answer_key: bool = False

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)

    def column(self, name: str) -> Column:
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(f"{self.name} has no column {name!r} (columns: {', '.join(self.column_names)})")


# --------------------------------------------------------------------------- value sets

PLATFORMS = ("instagram", "tiktok", "youtube")
TIER_NAMES = ("nano", "micro", "mid", "macro", "mega")
NICHES = (
    "beaute",
    "mode",
    "cuisine",
    "sport",
    "voyage",
    "tech",
    "parentalite",
    "ecologie",
    "gaming",
    "lifestyle",
)
NICHE_LABELS = {
    "beaute": "beauté",
    "mode": "mode",
    "cuisine": "cuisine",
    "sport": "sport",
    "voyage": "voyage",
    "tech": "tech",
    "parentalite": "parentalité",
    "ecologie": "écologie",
    "gaming": "jeux vidéo",
    "lifestyle": "art de vivre",
}
LANGUAGES = ("fr", "de", "en")
CREATOR_COUNTRIES = ("FR", "CH", "BE", "CA", "LU", "DE", "AT", "GB", "US")
AUDIENCE_COUNTRIES = ("FR", "CH", "BE", "CA", "LU", "DE", "AT", "GB", "US", "MA", "SN", "CI", "ES", "IT")
AGE_BRACKETS = ("13-17", "18-24", "25-34", "35-44", "45+")
JURISDICTIONS = ("FR", "CH", "EU", "US", "UK")
VERDICTS = ("compliant", "non_compliant", "not_applicable")
DISCLOSURE_KINDS = ("none", "proper_start", "ambiguous", "buried", "not_needed")
TRAP_KINDS = ("bought_followers", "off_target_audience", "engagement_pod", "overpriced", "hidden_gem")
COLLABORATION_PATTERN_KINDS = (
    "improving",
    "declining",
    "one_hit",
    "high_reach_bad_cpa",
    "code_leakage",
    "unreliable",
    "stable",
    "too_few",
)
HOLDOUT_GROUPS = ("test", "control")
HOLDOUT_PERIODS = ("before", "after")

FIRST_DATE = date(2025, 1, 1)
LAST_DATE = date(2026, 12, 31)  # posts
RESULTS_LAST_DATE = date(2027, 6, 30)  # collaborations, up to the end of the simulated Rituel Avoine launch

# --------------------------------------------------------------------------- tables

_SHARE = "part (0 à 1)"

CREATORS = Table(
    name="creators",
    path="creators.csv",
    title="Les créateurs",
    description=(
        "Un créateur ou une créatrice par ligne, sur sa plateforme principale, avec ses moyennes par "
        "publication sur les 30 dernières publications, son audience et ses signaux de qualité d'audience."
    ),
    key="creator_id",
    columns=(
        Column("creator_id", "id", "Identifiant unique du créateur.", pattern=r"C\d{4}"),
        Column(
            "display_name",
            "text",
            "Nom public : un pseudonyme inventé (prénom et mot inventé ou de la niche).",
        ),
        Column(
            "handle", "text", "Identifiant inventé sur la plateforme, sans le @.", pattern=r"[a-z0-9._]{3,30}"
        ),
        Column("platform", "category", "Plateforme principale.", allowed=PLATFORMS),
        Column(
            "tier",
            "category",
            "Palier selon le nombre d'abonnés (nano, micro, mid, macro, méga).",
            allowed=TIER_NAMES,
            ordered=True,
        ),
        Column("niche", "category", "Thématique principale des contenus.", allowed=NICHES),
        Column("language", "category", "Langue des publications.", allowed=LANGUAGES),
        Column(
            "creator_country", "category", "Pays où vit le créateur (code ISO).", allowed=CREATOR_COUNTRIES
        ),
        Column("followers", "int", "Nombre d'abonnés.", "abonnés", 1_000, 50_000_000),
        Column("avg_likes", "int", "Moyenne de « j'aime » par publication.", "j'aime", 0, 10_000_000),
        Column(
            "avg_comments", "int", "Moyenne de commentaires par publication.", "commentaires", 0, 1_000_000
        ),
        Column("avg_shares", "int", "Moyenne de partages par publication.", "partages", 0, 5_000_000),
        Column(
            "avg_saves",
            "int",
            "Moyenne d'enregistrements par publication (rarement visible par les outils du marché).",
            "enregistrements",
            0,
            5_000_000,
        ),
        Column(
            "avg_views",
            "int",
            "Moyenne de vues par vidéo (Reels sur Instagram, vidéos sur TikTok et YouTube).",
            "vues",
            0,
            100_000_000,
        ),
        Column("posts_per_month", "int", "Nombre moyen de publications par mois.", "publications", 1, 60),
        Column(
            "audience_main_country",
            "category",
            "Pays le plus représenté dans l'audience (code ISO).",
            allowed=AUDIENCE_COUNTRIES,
        ),
        Column("audience_share_fr", "float", "Part de l'audience située en France.", _SHARE, 0.0, 1.0),
        Column("audience_share_ch", "float", "Part de l'audience située en Suisse.", _SHARE, 0.0, 1.0),
        Column(
            "audience_main_age",
            "category",
            "Tranche d'âge la plus représentée dans l'audience.",
            allowed=AGE_BRACKETS,
            ordered=True,
        ),
        Column("audience_share_18_34", "float", "Part de l'audience âgée de 18 à 34 ans.", _SHARE, 0.0, 1.0),
        Column("audience_female_share", "float", "Part de femmes dans l'audience.", _SHARE, 0.0, 1.0),
        Column(
            "follower_growth_30d_pct",
            "float",
            "Variation du nombre d'abonnés sur 30 jours.",
            "%",
            -50.0,
            500.0,
        ),
        Column(
            "max_daily_growth_pct",
            "float",
            "Plus forte hausse d'abonnés en un seul jour sur 30 jours (un pic brutal est suspect).",
            "%",
            0.0,
            100.0,
        ),
        Column(
            "suspicious_followers_pct",
            "float",
            "Part d'abonnés suspects (robots, comptes inactifs, abonnés de masse), estimée par un outil "
            "d'audit.",
            "%",
            0.0,
            100.0,
        ),
        Column(
            "generic_comment_share",
            "float",
            "Part de commentaires génériques (« Trop beau 😍 », « 🔥🔥 ») parmi les commentaires récents.",
            _SHARE,
            0.0,
            1.0,
        ),
        Column(
            "fee_per_post_eur", "int", "Tarif demandé pour une publication, hors taxes.", "€ HT", 0, 500_000
        ),
    ),
)

POSTS = Table(
    name="posts",
    path="posts.csv",
    title="Les publications",
    description=(
        "Une publication par ligne, avec sa légende complète (emoji, mots-dièse, mentions et retours à la "
        "ligne compris) et ses résultats. Sert au repérage des partenariats non signalés (chapitre 5)."
    ),
    key="post_id",
    columns=(
        Column(
            "post_id",
            "id",
            "Identifiant unique de la publication, dans l'ordre chronologique.",
            pattern=r"P\d{5}",
        ),
        Column(
            "creator_id",
            "id",
            "Auteur de la publication.",
            pattern=r"C\d{4}",
            references="creators.creator_id",
        ),
        Column("platform", "category", "Plateforme de publication.", allowed=PLATFORMS),
        Column("published_on", "date", "Date de publication.", "AAAA-MM-JJ", FIRST_DATE, LAST_DATE),
        Column("language", "category", "Langue de la légende.", allowed=LANGUAGES),
        Column("caption", "text", "Légende telle que publiée (retours à la ligne compris)."),
        Column("likes", "int", "Nombre de « j'aime ».", "j'aime", 0, 50_000_000),
        Column("comments", "int", "Nombre de commentaires.", "commentaires", 0, 5_000_000),
        Column("shares", "int", "Nombre de partages.", "partages", 0, 10_000_000),
        Column("views", "int", "Nombre de vues.", "vues", 0, 500_000_000),
    ),
)

COLLABORATIONS = Table(
    name="collaborations",
    path="collaborations.csv",
    title="Les collaborations passées",
    description=(
        "Une collaboration par ligne entre une marque fictive (dont Sève) et un créateur, de janvier 2025 à "
        "juin 2027, avec les coûts, tout l'entonnoir (impressions, portée, vues, engagements, clics sur le "
        "lien suivi, utilisations du code promo, commandes, chiffre d'affaires) et la fiabilité du créateur. "
        "Les lignes de la campagne « Rituel Avoine » de Sève (à partir du 15 mars 2027) sont des résultats "
        "simulés de la campagne que vous préparez. Sert aux chapitres 7 (renouveler ou non) et 8 (mesurer)."
    ),
    key="collaboration_id",
    columns=(
        Column(
            "collaboration_id",
            "id",
            "Identifiant unique de la collaboration, dans l'ordre chronologique.",
            pattern=r"COL\d{4}",
        ),
        Column(
            "creator_id",
            "id",
            "Créateur de la collaboration (plateforme, palier, thématique : voir `creators.csv`).",
            pattern=r"C\d{4}",
            references="creators.creator_id",
        ),
        Column("brand", "text", "Marque (fictive) qui a payé la collaboration."),
        Column(
            "campaign",
            "text",
            "Campagne de la marque : la saison (« Printemps 2025 ») ou, pour Sève en 2027, « Rituel Avoine ».",
        ),
        Column("platform", "category", "Plateforme des contenus.", allowed=PLATFORMS),
        Column(
            "start_date", "date", "Date de la première publication.", "AAAA-MM-JJ", FIRST_DATE, RESULTS_LAST_DATE
        ),
        Column(
            "end_date",
            "date",
            "Date de la dernière publication (le même jour pour un seul contenu).",
            "AAAA-MM-JJ",
            FIRST_DATE,
            RESULTS_LAST_DATE,
        ),
        Column("deliverables", "text", "Contenus prévus, en clair (par exemple « 1 Reel + 3 stories »)."),
        Column("contents", "int", "Nombre de contenus prévus (un Reel et chaque story comptent un).", "contenus",
               1, 20),
        Column("fee_eur", "int", "Rémunération versée au créateur, hors taxes.", "€ HT", 0, 1_000_000),
        Column(
            "product_value_eur",
            "int",
            "Valeur au prix de vente des produits offerts au créateur : un avantage en nature, qui compte "
            "dans le seuil du contrat écrit en France.",
            "€",
            0,
            100_000,
        ),
        Column(
            "product_cost_eur",
            "int",
            "Ce que ces produits et leur envoi ont coûté à la marque (coût de revient et colis).",
            "€",
            0,
            100_000,
        ),
        Column("impressions", "int", "Nombre total d'affichages des contenus.", "impressions", 0, 500_000_000),
        Column(
            "reach",
            "int",
            "Nombre de comptes uniques touchés (portée) ; toujours ≤ impressions.",
            "comptes",
            0,
            500_000_000,
        ),
        Column("views", "int", "Vues des vidéos (Reels, stories, vidéos) ; ≤ impressions.", "vues", 0, 500_000_000),
        Column(
            "engagements",
            "int",
            "J'aime + commentaires + partages + enregistrements.",
            "engagements",
            0,
            50_000_000,
        ),
        Column(
            "link_clicks",
            "int",
            "Clics sur le lien suivi (UTM) propre à cette collaboration (lien en bio, sticker, description).",
            "clics",
            0,
            10_000_000,
        ),
        Column(
            "tracking_link",
            "text",
            "Le lien suivi : le paramètre `utm_content` nomme le créateur et la collaboration (domaine "
            "`.example` réservé, aucun site réel).",
        ),
        Column(
            "promo_code", "text", "Code promo du créateur pour cette collaboration.", pattern=r"[A-Z0-9]+-[A-Z0-9]+"
        ),
        Column(
            "promo_code_uses",
            "int",
            "Commandes passées avec le code promo ; ≤ commandes.",
            "utilisations",
            0,
            1_000_000,
        ),
        Column(
            "late_code_uses",
            "int",
            "Parmi elles, utilisations plus de 30 jours après la dernière publication ; ≤ utilisations.",
            "utilisations",
            0,
            1_000_000,
        ),
        Column(
            "orders",
            "int",
            "Commandes attribuées à la collaboration : dernier clic sur le lien suivi ou code promo, comptées une "
            "fois.",
            "commandes",
            0,
            1_000_000,
        ),
        Column(
            "revenue_eur",
            "float",
            "Chiffre d'affaires des commandes attribuées, hors taxes.",
            "€ HT",
            0.0,
            50_000_000.0,
        ),
        Column("deadline_met", "bool", "Vrai si les contenus ont été publiés à la date convenue."),
        Column(
            "disclosure_ok",
            "bool",
            "Vrai si chaque contenu portait une mention claire du partenariat (« Publicité », « Collaboration "
            "commerciale », outil de la plateforme).",
        ),
        Column(
            "payment_days",
            "int",
            "Délai entre la facture du créateur et le paiement par la marque.",
            "jours",
            0,
            365,
        ),
    ),
)
# The former name of the table (before chapters 7 and 8): the same table.
CAMPAIGN_RESULTS = COLLABORATIONS

HOLDOUT = Table(
    name="holdout",
    path="holdout.csv",
    title="Le test régional de « Rituel Avoine »",
    description=(
        "Une région et une semaine par ligne, huit semaines avant et huit semaines après le lancement du "
        "15 mars 2027 (résultats simulés). Les contenus des créateurs n'ont été sponsorisés (« boostés ») que "
        "dans les régions test ; les régions témoins, de taille et de ventes comparables, en ont été exclues. "
        "Sert à mesurer ce que la campagne a vraiment ajouté (chapitre 8)."
    ),
    key="row_id",
    columns=(
        Column("row_id", "id", "Identifiant de la ligne.", pattern=r"H\d{3}"),
        Column("region_id", "id", "Identifiant de la région.", pattern=r"R\d{2}"),
        Column("region", "text", "Département français ou canton suisse."),
        Column("market", "category", "Pays.", allowed=("FR", "CH")),
        Column("group", "category", "Groupe : `test` (contenus boostés) ou `control` (témoin).",
               allowed=HOLDOUT_GROUPS),
        Column("period", "category", "Période : `before` (avant le lancement) ou `after` (après).",
               allowed=HOLDOUT_PERIODS, ordered=True),
        Column("week_start", "date", "Lundi de la semaine.", "AAAA-MM-JJ", date(2027, 1, 1), RESULTS_LAST_DATE),
        Column("population", "int", "Nombre d'habitants (ordre de grandeur arrondi) : pour comparer par "
               "habitant.", "habitants", 1, 20_000_000),
        Column("sessions", "int", "Visites du site depuis la région.", "visites", 0, 10_000_000),
        Column("orders", "int", "Commandes passées depuis la région, toutes sources confondues (pas seulement "
               "celles attribuées aux créateurs).", "commandes", 0, 1_000_000),
        Column("revenue_eur", "float", "Chiffre d'affaires de ces commandes, hors taxes.", "€ HT", 0.0,
               50_000_000.0),
    ),
)

CREATORS_TRAPS = Table(
    name="creators_traps",
    path="answer_key/creators_traps.csv",
    title="Corrigé : les pièges des créateurs",
    description="Les créateurs piégés à dessein, avec le signal qui permet de les repérer.",
    key="creator_id",
    answer_key=True,
    columns=(
        Column("creator_id", "id", "Créateur piégé.", pattern=r"C\d{4}", references="creators.creator_id"),
        Column(
            "trap",
            "category",
            "Type de piège : abonnés achetés, audience hors cible, groupe d'engagement, tarif excessif, "
            "pépite méconnue.",
            allowed=TRAP_KINDS,
        ),
        Column("explanation", "text", "Ce qu'il fallait voir, chiffres à l'appui."),
    ),
)

POSTS_DISCLOSURE = Table(
    name="posts_disclosure",
    path="answer_key/posts_disclosure.csv",
    title="Corrigé : la mention des partenariats",
    description=(
        "Pour chaque publication : était-elle sponsorisée, comment le partenariat était signalé, et le "
        "verdict attendu dans chaque juridiction."
    ),
    key="post_id",
    answer_key=True,
    columns=(
        Column("post_id", "id", "Publication.", pattern=r"P\d{5}", references="posts.post_id"),
        Column(
            "is_sponsored", "bool", "Vrai si la publication est rémunérée (argent, produit offert, séjour…)."
        ),
        Column(
            "brand",
            "text",
            "Marque partenaire (vide si la publication n'est pas sponsorisée).",
            nullable=True,
        ),
        Column(
            "disclosure_kind",
            "category",
            "Façon de signaler : aucune, mention claire en tête, mention ambiguë, mention cachée, sans "
            "objet.",
            allowed=DISCLOSURE_KINDS,
        ),
        Column("disclosure_wording", "text", "Mention utilisée, telle qu'écrite.", nullable=True),
        *(
            Column(
                f"verdict_{code.lower()}",
                "category",
                f"Verdict attendu au regard des règles : {label}.",
                allowed=VERDICTS,
            )
            for code, label in (
                ("FR", "France (loi n° 2023-451, art. 5-2)"),
                ("CH", "Suisse (règle B.15 de la Commission suisse pour la loyauté)"),
                ("EU", "Union européenne (directive 2005/29/CE, DSA art. 26)"),
                ("US", "États-Unis (FTC, Disclosures 101, 16 CFR 255)"),
                ("UK", "Royaume-Uni (ASA/CAP et CMA)"),
            )
        ),
        Column("reason", "text", "Justification courte du verdict."),
    ),
)

COLLABORATION_PATTERNS = Table(
    name="collaboration_patterns",
    path="answer_key/collaboration_patterns.csv",
    title="Corrigé : les tendances des collaborations",
    description="Pour chaque créateur des collaborations, la tendance plantée dans les données.",
    key="creator_id",
    answer_key=True,
    columns=(
        Column("creator_id", "id", "Créateur.", pattern=r"C\d{4}", references="creators.creator_id"),
        Column(
            "pattern",
            "category",
            "Tendance : en progrès, en recul, un seul succès, grosse portée mais coût par commande très élevé, "
            "code promo qui fuit, peu fiable, stable, trop peu de collaborations pour juger.",
            allowed=COLLABORATION_PATTERN_KINDS,
        ),
        Column("explanation", "text", "Ce que montrent les chiffres."),
    ),
)

HOLDOUT_LIFT = Table(
    name="holdout_lift",
    path="answer_key/holdout_lift.csv",
    title="Corrigé : ce que le test régional mesure",
    description=(
        "Pour chaque mesure, sa valeur par semaine et pour 100 000 habitants dans chaque groupe et période, "
        "et la hausse due au boost (différence des différences)."
    ),
    key="measure",
    answer_key=True,
    columns=(
        Column("measure", "category", "Mesure du fichier `holdout.csv`.", allowed=("orders", "revenue_eur",
                                                                                      "sessions")),
        *(
            Column(f"{group}_{period}", "float", f"Groupe {label}, période {when} : par semaine et pour 100 000 "
                   "habitants.", "pour 100 000", 0.0, 1_000_000.0)
            for group, label in (("test", "test"), ("control", "témoin"))
            for period, when in (("before", "avant"), ("after", "après"))
        ),
        Column("lift_pct", "float", "Hausse due au boost : croissance test ÷ croissance témoin − 1.", "%",
               -100.0, 1_000.0),
        Column("explanation", "text", "Lecture du résultat."),
    ),
)

TABLES: Mapping[str, Table] = {
    table.name: table
    for table in (
        CREATORS,
        POSTS,
        COLLABORATIONS,
        HOLDOUT,
        CREATORS_TRAPS,
        POSTS_DISCLOSURE,
        COLLABORATION_PATTERNS,
        HOLDOUT_LIFT,
    )
}

# --------------------------------------------------------------------------- reference figures


@dataclass(frozen=True)
class Tier:
    """A follower tier: ``low`` ≤ followers < ``high`` (Later×Fohr 2021 boundaries)."""

    name: str
    label: str
    low: int
    high: int | None


TIERS = (
    Tier("nano", "nano", 1_000, 10_000),
    Tier("micro", "micro", 10_000, 100_000),
    Tier("mid", "intermédiaire", 100_000, 500_000),
    Tier("macro", "macro", 500_000, 1_000_000),
    Tier("mega", "méga", 1_000_000, None),
)
TIER_SOURCE = (
    "Later × Fohr (2021) : nano < 10 k, micro 10–100 k, intermédiaire 100–500 k, macro 500 k–1 M, méga > 1 M"
)


def tier_for(followers: float) -> str:
    """The tier name of a follower count (nano, micro, mid, macro, mega)."""
    for tier in TIERS:
        if tier.high is None or followers < tier.high:
            return tier.name
    raise AssertionError("unreachable: the last tier is open-ended")


@dataclass(frozen=True)
class EngagementFormula:
    """How the course computes an engagement rate on one platform, and where that comes from."""

    platform: str
    numerator: tuple[str, ...]
    denominator: str
    formula_fr: str
    source: str


ENGAGEMENT_FORMULAS: Mapping[str, EngagementFormula] = {
    "instagram": EngagementFormula(
        "instagram",
        ("avg_likes", "avg_comments"),
        "followers",
        "(j'aime + commentaires) / abonnés × 100",
        "HypeAuditor Help Center ; GRIN ; Later × Fohr 2021",
    ),
    "tiktok": EngagementFormula(
        "tiktok",
        ("avg_likes", "avg_comments", "avg_shares"),
        "avg_views",
        "(j'aime + commentaires + partages) / vues × 100",
        "HypeAuditor, « What is TikTok engagement rate » (vers 2023)",
    ),
    "youtube": EngagementFormula(
        "youtube",
        ("avg_likes", "avg_comments"),
        "followers",
        "(j'aime + commentaires) / abonnés × 100",
        "Influencer Marketing Hub, Benchmark Report 2021",
    ),
}

# Ranges a tier's MEDIAN engagement rate (in %, with the formula above) must fall in. Instagram
# and TikTok come from the judgment in domain-facts §1.2 (HypeAuditor 2023 and 2026, Later×Fohr
# 2021, IMH 2021); YouTube brackets IMH 2021's 1.64 % (micro) and 0.37 % (mega).
ENGAGEMENT_MEDIAN_RANGES_PCT: Mapping[tuple[str, str], tuple[float, float]] = {
    ("instagram", "nano"): (2.0, 4.0),
    ("instagram", "micro"): (1.0, 2.5),
    ("instagram", "mid"): (0.7, 1.5),
    ("instagram", "macro"): (0.4, 1.0),
    ("instagram", "mega"): (0.3, 0.8),
    **{("tiktok", tier): (4.0, 12.0) for tier in TIER_NAMES},
    ("youtube", "nano"): (1.0, 2.5),
    ("youtube", "micro"): (0.7, 2.0),
    ("youtube", "mid"): (0.5, 1.2),
    ("youtube", "macro"): (0.3, 0.9),
    ("youtube", "mega"): (0.2, 0.6),
}


def engagement_rate_pct(
    platform: str, followers: float, likes: float, comments: float, shares: float, views: float
) -> float:
    """The course's engagement rate in % for one creator (or one post), per platform.

    Instagram and YouTube divide by followers, TikTok by views: compare a rate only with a
    benchmark computed the same way (see ``ENGAGEMENT_FORMULAS``).
    """
    formula = ENGAGEMENT_FORMULAS[platform]
    parts = {"avg_likes": likes, "avg_comments": comments, "avg_shares": shares}
    numerator = sum(parts[name] for name in formula.numerator)
    denominator = followers if formula.denominator == "followers" else views
    return 100.0 * numerator / denominator if denominator > 0 else 0.0


# --------------------------------------------------------------------------- validation


def _is_missing(value: Any) -> bool:
    return value is None or value == "" or (isinstance(value, float) and value != value)


def validate_records(table: Table, records: Sequence[Mapping[str, Any]]) -> list[str]:
    """Every way ``records`` (rows as read from CSV or a DataFrame) breaks ``table``'s schema.

    Values may be strings (as in the CSV) or already-typed; returns English messages for
    developers, empty when the records conform. Foreign keys are not checked here (they need
    the other table; see the tests).
    """
    problems: list[str] = []
    if records:
        names = list(records[0].keys())
        if names != list(table.column_names):
            problems.append(f"{table.name}: columns {names} differ from schema {list(table.column_names)}")
            return problems
    seen_keys: set[str] = set()
    for index, record in enumerate(records):
        where = f"{table.name} row {index + 2}"  # +2: 1-based and the header line
        key = str(record[table.key])
        if key in seen_keys:
            problems.append(f"{where}: duplicate {table.key} {key}")
        seen_keys.add(key)
        for column in table.columns:
            problem = _check_value(column, record[column.name])
            if problem:
                problems.append(f"{where}, {column.name}: {problem}")
    return problems


def _check_value(column: Column, value: Any) -> str | None:
    if _is_missing(value):
        return None if column.nullable else "missing value"
    if column.kind in {"id", "text"}:
        text = str(value)
        if column.pattern and not re.fullmatch(column.pattern, text):
            return f"{text!r} does not match {column.pattern}"
        return None if text.strip() else "blank text"
    if column.kind == "category":
        return None if str(value) in column.allowed else f"{value!r} not in {column.allowed}"
    if column.kind == "bool":
        return None if str(value) in {"True", "False", "true", "false"} else f"{value!r} is not a boolean"
    if column.kind == "date":
        try:
            day = value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
        except ValueError:
            return f"{value!r} is not an ISO date"
        if isinstance(column.minimum, date) and day < column.minimum:
            return f"{day} before {column.minimum}"
        if isinstance(column.maximum, date) and day > column.maximum:
            return f"{day} after {column.maximum}"
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return f"{value!r} is not a number"
    if column.kind == "int" and not number.is_integer():
        return f"{value!r} is not an integer"
    if isinstance(column.minimum, int | float) and number < column.minimum:
        return f"{number} below {column.minimum}"
    if isinstance(column.maximum, int | float) and number > column.maximum:
        return f"{number} above {column.maximum}"
    return None
