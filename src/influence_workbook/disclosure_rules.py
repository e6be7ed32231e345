"""Chapter 5 — the disclosure rules of five jurisdictions, as data.

Everything the chapter teaches and :func:`influence_workbook.checks.disclosure.check_disclosure`
applies lives here: the legal texts with their dates and sources (quoted exactly as in the
course's research notes, ``research/domain-facts.md`` §3), and the checklist of wordings
(§3.6) that turns those texts into verdicts per jurisdiction. Points the notes could not verify
against a primary source carry a ``to_verify`` note that the chapter shows as it is.

Jurisdictions: ``FR`` (France), ``CH`` (Suisse), ``EU`` (Union européenne), ``US``
(États-Unis), ``UK`` (Royaume-Uni). Rules as of the course's writing (November 2026).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Status = Literal["ok", "risky", "ko"]
JURISDICTION_CODES: tuple[str, ...] = ("FR", "CH", "EU", "US", "UK")
#: Which rules a caption answers to, by the language it is written in (= the audience it
#: addresses): a French caption speaks to France, Switzerland and the EU; a German one to
#: German-speaking Switzerland and the EU; an English one to everybody, France included.
#: Same convention as the answer key data/answer_key/posts_disclosure.csv.
AUDIENCE_JURISDICTIONS: dict[str, tuple[str, ...]] = {
    "fr": ("FR", "CH", "EU"),
    "de": ("CH", "EU"),
    "en": ("FR", "CH", "EU", "US", "UK"),
}

#: Instagram cuts a caption after about 125 characters behind « … plus » (FTC: disclose above
#: "more"; EU sweep 2024: only 34 % made the disclosure immediately visible).
TRUNCATION_CHARS = 125
#: Lines shown before « … plus » in a feed (a mention on line 4 is hidden even when short).
TRUNCATION_LINES = 2
#: French written-contract threshold (décret n° 2025-1137), per advertiser and per year.
CONTRACT_THRESHOLD_EUR_HT = 1_000


@dataclass(frozen=True)
class LegalText:
    """One rule as published: what it is, its date, its exact words, and where it comes from."""

    key: str  # bibliography key in book/references.bib
    title: str
    date: str  # as the chapter shows it, in French
    summary: str  # our plain French reading of the rule
    quote: str = ""  # the exact words, as given in the research notes (original language)
    source: str = ""
    to_verify: str = ""  # honest caveat from the notes ([NV]); empty when none


@dataclass(frozen=True)
class Jurisdiction:
    code: str
    name: str
    in_name: str  # « en France », « aux États-Unis »…
    authority: str
    language: str  # main language of the audience, for the language criterion
    texts: tuple[LegalText, ...]
    placement: str
    sanction: str
    facts: tuple[str, ...] = field(default_factory=tuple)


FRANCE = Jurisdiction(
    code="FR",
    name="France",
    in_name="en France",
    authority="DGCCRF (contrôles) ; ARPP (autorégulation)",
    language="fr",
    texts=(
        LegalText(
            key="ordonnance2024978",
            title="Loi n° 2023-451 du 9 juin 2023, article 5-2 (rédaction issue de l'ordonnance n° 2024-978 "
                  "du 6 novembre 2024)",
            date="ordonnance du 6 novembre 2024 (JORF n° 0264 du 7 novembre 2024)",
            summary=(
                "L'intention commerciale doit être signalée par une mention claire, lisible et "
                "compréhensible, "
                "sur tout support : « publicité », « collaboration commerciale » ou une mention équivalente "
                "adaptée au format. À défaut, c'est une pratique commerciale trompeuse."
            ),
            quote=(
                "Constitue une pratique commerciale trompeuse au sens de l'article L. 121-3 du code de la "
                "consommation et dans les conditions prévues à ce même article, l'absence d'indication par "
                "une "
                "mention claire, lisible et compréhensible, sur tout support utilisé, de l'intention "
                "commerciale "
                "poursuivie par une personne physique ou morale exerçant une activité d'influence au sens de "
                "l'article 1er de la présente loi, dès lors que cette intention ne ressort pas déjà du "
                "contexte. "
                "L'intention commerciale peut être explicitement indiquée par le recours aux mentions "
                "“publicité” ou “collaboration commerciale” ou par une mention équivalente adaptée aux "
                "caractéristiques de l'activité d'influence et au format du support de communication utilisé."
            ),
            source="legal.tricoteuses.fr/articles/LEGIARTI000050457275 (copie de Légifrance)",
            to_verify="Texte lu sur une copie de Légifrance : à vérifier sur Légifrance avant toute "
                      "publication.",
        ),
        LegalText(
            key="loi2023451",
            title="Loi n° 2023-451 du 9 juin 2023, article 5 I (rédaction d'origine, 2023)",
            date="9 juin 2023 (JORF n° 0133 du 10 juin 2023), en vigueur le 11 juin 2023",
            summary=(
                "La version de 2023 imposait la mention « Publicité » ou « Collaboration commerciale », "
                "visible durant toute la promotion. L'ordonnance de 2024 l'a assouplie pour l'aligner sur le "
                "droit de l'Union."
            ),
            quote=(
                "I. – La promotion de biens, de services ou d'une cause quelconque réalisée par les "
                "personnes "
                "mentionnées à l'article 1er doit être explicitement indiquée par la mention « Publicité » "
                "ou la "
                "mention « Collaboration commerciale ». Cette mention est claire, lisible et identifiable "
                "sur "
                "l'image ou sur la vidéo, sous tous les formats, durant l'intégralité de la promotion."
            ),
            source="texte des travaux préparatoires sur doctrine.fr (PREPARTIB680D84B95E71CECFB4A)",
            to_verify="Rédaction d'origine lue dans des travaux préparatoires : à vérifier sur Légifrance.",
        ),
        LegalText(
            key="loi2023451",
            title="Loi n° 2023-451, article 5 I (rédaction en vigueur) : « Images retouchées », « Images "
                  "virtuelles »",
            date="rédaction issue de l'ordonnance n° 2024-978 du 6 novembre 2024",
            summary=(
                "Une image retouchée (silhouette affinée ou épaissie, visage modifié) porte la mention "
                "« Images retouchées » ; un visage ou une silhouette produits par intelligence artificielle "
                "portent « Images virtuelles » (ou une mention équivalente). Sanction : un an "
                "d'emprisonnement et 4 500 € d'amende (III)."
            ),
            quote=(
                "Les contenus communiqués par les personnes mentionnées à l'article 1er de la présente loi "
                "comprenant des images ayant fait l'objet : 1° D'une modification par tout procédé de "
                "traitement d'image visant à affiner ou à épaissir la silhouette ou à modifier l'apparence "
                "du "
                "visage sont accompagnés de la mention : “ Images retouchées ” ; 2° D'une production par "
                "tout "
                "procédé d'intelligence artificielle visant à représenter un visage ou une silhouette sont "
                "accompagnés de la mention : “ Images virtuelles ”. Les mentions prévues par le présent I "
                "sont "
                "claires, lisibles et compréhensibles, sur tout support utilisé. Elles peuvent être "
                "remplacées "
                "par une mention équivalente adaptée aux caractéristiques de l'activité d'influence et au "
                "format "
                "du support de communication utilisé."
            ),
            source="LEGIARTI000050468897 (copie de Légifrance sur legal.tricoteuses.fr)",
            to_verify="À vérifier sur Légifrance.",
        ),
        LegalText(
            key="decret20251137",
            title="Décret n° 2025-1137 du 28 novembre 2025 (application de l'article 8 de la loi n° "
                  "2023-451)",
            date="28 novembre 2025 (JORF du 29 novembre 2025), en vigueur le 1er janvier 2026",
            summary=(
                "Contrat écrit obligatoire, à peine de nullité, dès que la rémunération et les avantages en "
                "nature versés par un même annonceur sur une même année pour un même objet promotionnel "
                "atteignent 1 000 € HT."
            ),
            source="ddg.fr ; lemondedudroit.fr ; cerfrance (27 janvier 2026)",
            to_verify="Liste complète des clauses obligatoires non lue sur Légifrance.",
        ),
        LegalText(
            key="arpp2022",
            title="ARPP, Recommandation « Communication publicitaire numérique » v5, point 1.1",
            date="en vigueur depuis le 1er janvier 2022",
            summary="La publicité doit être identifiable d'emblée, quelle que soit sa forme.",
            quote=(
                "La publicité doit pouvoir être clairement identifiée comme telle, et ce quelle que soit la "
                "forme sous laquelle elle se présente. Cette identification peut se faire par tout moyen "
                "nettement perceptible permettant de rendre d'emblée non équivoque pour le public la nature "
                "publicitaire du message."
            ),
            source="arpp.org",
        ),
    ),
    placement="En tête de la légende et sur l'image ou la vidéo, visible pendant toute la promotion.",
    sanction=(
        "Pratique commerciale trompeuse : jusqu'à deux ans d'emprisonnement et 300 000 € d'amende "
        "(variantes proportionnelles au chiffre d'affaires non vérifiées)."
    ),
    facts=(
        "DGCCRF, bilan des contrôles 2022 et 2023 : plus de 300 influenceurs contrôlés (98 en 2022, 212 en "
        "2023), « près de la moitié » en infraction, surtout faute d'indiquer l'intention commerciale ou "
        "l'annonceur (economie.gouv.fr/dgccrf).",
        "Suites données : 35 avertissements, 81 injonctions, 35 procès-verbaux pénaux (taoma-influence, "
        "2024).",
        "Observatoire de l'influence responsable 2024 (ARPP) : la non-conformité est passée de 27 % (2020) à "
        "6 % (2023) ; 15 % chez les créateurs de moins de 10 000 abonnés.",
    ),
)

SWITZERLAND = Jurisdiction(
    code="CH",
    name="Suisse",
    in_name="en Suisse",
    authority="Commission Suisse pour la Loyauté (CSL, autorégulation) ; LCD art. 2",
    language="fr",
    texts=(
        LegalText(
            key="cslb15",
            title="Règles de la Commission Suisse pour la Loyauté, règle B.15 (séparation)",
            date="règles révisées en vigueur depuis le 1er janvier 2019",
            summary=(
                "La communication commerciale, quelle que soit sa forme, doit être clairement reconnaissable "
                "et séparée du reste du contenu ; la publicité déguisée est interdite. Aucune liste légale "
                "de "
                "mentions n'existe. La CSL ne peut pas infliger d'amende."
            ),
            quote="Werbung muss als solche erkennbar sein, eine Pflicht zur Kennzeichnung gibt es in der "
                  "Schweiz "
                  "aber nicht.",
            source="règle B.15 résumée par vischer.com ; citation : CH Media, watson.ch, juillet 2024",
        ),
    ),
    placement="Reconnaissable d'emblée : en tête de la légende, dans la langue du public.",
    sanction="La CSL ne peut pas infliger d'amende ; la LCD (art. 2) interdit les comportements trompeurs.",
    facts=(
        "Pratique 2019-2020 : plaintes admises contre deux sportifs, rejetées pour deux autres parce que le "
        "caractère commercial était évident pour le « destinataire moyen » (persoenlich.com, mai 2020 ; "
        "20min.ch, novembre 2019) ; les associations de consommateurs jugent cette pratique incohérente.",
    ),
)

EUROPEAN_UNION = Jurisdiction(
    code="EU",
    name="Union européenne",
    in_name="dans l'Union européenne",
    authority="Réseau CPC des autorités de protection des consommateurs ; Commission européenne",
    language="",
    texts=(
        LegalText(
            key="ucpd2005",
            title="Directive 2005/29/CE (pratiques commerciales déloyales), annexe I point 11 et article "
                  "7(2)",
            date="11 mai 2005",
            summary=(
                "Un contenu payé présenté comme éditorial sans le dire est interdit en toutes circonstances "
                "(annexe I, point 11) ; ne pas indiquer l'intention commerciale est une omission trompeuse "
                "(art. 7(2))."
            ),
        ),
        LegalText(
            key="cjue2021peek",
            title="CJUE, C-371/20, Peek & Cloppenburg",
            date="2 septembre 2021",
            summary=(
                "« Payé » couvre toute contrepartie, en argent ou non (par exemple des droits à l'image), "
                "dès "
                "lors qu'il existe un lien certain avec la publication."
            ),
            source="résumé LexisNexis",
        ),
        LegalText(
            key="dsa2022",
            title="Règlement (UE) 2022/2065 (DSA), article 26(2)",
            date="applicable à toutes les plateformes depuis le 17 février 2024",
            summary=(
                "Les plateformes doivent offrir une fonction pour déclarer une communication commerciale, "
                "affichée aux autres utilisateurs de façon claire, en temps réel."
            ),
            quote=(
                "Providers of online platforms shall provide recipients of the service with a functionality "
                "to "
                "declare whether the content they provide is or contains commercial communications."
            ),
        ),
    ),
    placement="Immédiatement visible (sans « voir plus ») et pendant toute la communication.",
    sanction="Selon le droit national de chaque État membre.",
    facts=(
        "Opération de contrôle (« sweep ») de l'UE, résultats du 14 février 2024 : 576 influenceurs, 97 % "
        "publiaient du contenu commercial, 20 % seulement le signalaient systématiquement ; 38 % "
        "n'utilisaient pas les outils des plateformes et écrivaient « collaboration » (16 %), « partnership "
        "» "
        "(15 %) ou de simples remerciements (11 %) ; 34 % rendaient la mention immédiatement visible.",
    ),
)

UNITED_STATES = Jurisdiction(
    code="US",
    name="États-Unis",
    in_name="aux États-Unis",
    authority="Federal Trade Commission (FTC)",
    language="en",
    texts=(
        LegalText(
            key="ftc2023",
            title="FTC, Endorsement Guides révisés, 16 CFR Part 255 (88 FR 48092)",
            date="en vigueur le 26 juillet 2023",
            summary=(
                "La mention doit être « claire et bien visible » : difficile à manquer et facile à "
                "comprendre ; "
                "visuelle pour un contenu visuel, orale pour un contenu audio."
            ),
            quote="difficult to miss (i.e., easily noticeable) and easily understandable by ordinary "
                  "consumers",
            source="analyse manatt.com",
        ),
        LegalText(
            key="ftc2019",
            title="FTC, « Disclosures 101 for Social Media Influencers »",
            date="5 novembre 2019",
            summary=(
                "« ad », « advertisement », « sponsored » suffisent s'ils sont difficiles à manquer ; "
                "« sp », « spon », « collab », « thanks » ou « ambassador » seuls ne suffisent pas ; la "
                "mention va dans la publication, au-dessus de « more », pas noyée dans les hashtags."
            ),
            quote=(
                "Simple explanations like 'Thanks to Acme brand for the free product' are often enough if "
                "placed "
                "in a way that is hard to miss. So are terms like 'advertisement,' 'ad,' and 'sponsored.' … "
                "It's "
                "fine (but not necessary) to include a hashtag with the disclosure, such as #ad or "
                "#sponsored. "
                "Don't use vague or confusing terms like 'sp,' 'spon,' or 'collab,' or stand-alone terms "
                "like "
                "'thanks' or 'ambassador,' and stay away from other abbreviations and shorthand when "
                "possible."
            ),
            source="cité par musically.com (6 novembre 2019) et iptechblog.com",
            to_verify="Page de la FTC non ouverte : citation reprise de sources secondaires.",
        ),
    ),
    placement="Dans la publication, au-dessus de « more », pas noyée dans un groupe de hashtags ou de liens.",
    sanction="Actions de la FTC (droit américain applicable si des consommateurs américains sont touchés).",
)

UNITED_KINGDOM = Jurisdiction(
    code="UK",
    name="Royaume-Uni",
    in_name="au Royaume-Uni",
    authority="ASA/CAP (autorégulation) et CMA",
    language="en",
    texts=(
        LegalText(
            key="asa2023",
            title="ASA/CAP, « Influencers' guide to making clear that ads are ads », 3e édition",
            date="23 mars 2023",
            summary=(
                "Une publicité doit être « obviously identifiable » : la mention est placée en tête, visible "
                "avant tout clic."
            ),
        ),
        LegalText(
            key="rpc2020",
            title="Liste des mentions ASA/CMA (formation d'octobre 2019, résumé RPC)",
            date="21 janvier 2020",
            summary=(
                "Toujours acceptables : Ad, #Ad, Advert, Advertising, Advertisement. À risque : Sponsored, "
                "Gifted/#gifted, Affiliate. À ne pas utiliser : Spon, #Sp, Brought to you by…, In "
                "collaboration with…, Thanks to [brand], #client."
            ),
            source="rpc.co.uk, 21 janvier 2020",
        ),
    ),
    placement="En tête, visible avant tout clic.",
    sanction="Décisions publiées de l'ASA ; la CMA peut agir au titre du droit de la consommation.",
)

JURISDICTIONS: dict[str, Jurisdiction] = {
    j.code: j for j in (FRANCE, SWITZERLAND, EUROPEAN_UNION, UNITED_STATES, UNITED_KINGDOM)
}


# --------------------------------------------------------------------------- wordings (checklist §3.6)

@dataclass(frozen=True)
class WordingKind:
    """A family of wordings with the same verdict, how to recognise it, and its verdict per jurisdiction.

    ``patterns`` are regular expressions matched on folded, typo-corrected text (lower case, no
    accents, plain quotes and spaces); the check scans a caption for every kind at once, so a
    pattern must not capture (``(?:…)``) and should start with its literal words, not a
    look-behind. ``triggers`` are the plain substrings a kind cannot match without (for readers
    and tools listing the vocabulary). ``language`` is the language of the words (``""`` when
    none). ``verdicts`` maps a jurisdiction code to (status, French reason).
    """

    key: str
    label: str
    language: str
    patterns: tuple[str, ...]
    verdicts: dict[str, tuple[Status, str]]
    triggers: tuple[str, ...] = ()


_ASCII_WORD_END = r"(?![a-z0-9_])"
_START = r"(?<![a-z0-9_#@])"
_WHO = r"(?: ?@[\w.]+| [a-z0-9][\w.'-]*)?"  # the brand named after « par », « avec »…

WORDING_KINDS: tuple[WordingKind, ...] = (
    WordingKind(
        "legal_fr", "« Publicité » / « Collaboration commerciale »", "fr",
        (_START + r"#?publicite(?:e|s)?" + _ASCII_WORD_END,
         _START + r"#?collaboration ?commerciale?s?" + _ASCII_WORD_END),
        {
            "FR": ("ok", "mention citée par la loi (art. 5-2)"),
            "CH": ("ok", "reconnaissable pour un public francophone (règle B.15)"),
            "EU": ("ok", "intention commerciale explicite (directive 2005/29/CE)"),
            "US": ("ok", "mention explicite, si l'audience lit le français"),
            "UK": ("ok", "mention explicite, si l'audience lit le français"),
        },
        triggers=("publicite", "collaboration"),
    ),
    WordingKind(
        "platform_label", "« Partenariat rémunéré avec @marque » (outil de la plateforme)", "fr",
        (_START + r"partenariat remunere(?: avec" + _WHO + ")?" + _ASCII_WORD_END,
         _START + r"#partenariatremunere" + _ASCII_WORD_END,
         _START + r"collaboration remuneree" + _ASCII_WORD_END),
        {
            "FR": ("ok", "mention équivalente admise (guide de Bercy, mise à jour de janvier 2024)"),
            "CH": ("ok", "reconnaissable (règle B.15)"),
            "EU": ("ok", "étiquette des plateformes prévue par le DSA (art. 26)"),
            "US": ("risky", "l'outil de la plateforme peut ne pas suffire seul (FTC, 2017)"),
            "UK": ("risky", "l'outil de la plateforme seul est jugé à risque par l'ASA et la CMA"),
        },
        triggers=("remunere",),
    ),
    WordingKind(
        "sponsored_fr", "« Sponsorisé par @marque » / « En partenariat avec @marque »", "fr",
        (_START + r"#?sponsorise(?:e|s|es)?(?: par" + _WHO + ")?" + _ASCII_WORD_END,
         _START + r"(?:en )?partenariat (?:commercial )?avec" + _WHO + _ASCII_WORD_END,
         _START + r"#?partenariat ?commercial" + _ASCII_WORD_END,
         _START + r"#?(?:contenu|post|publication|video) sponsorise(?:e|s|es)?" + _ASCII_WORD_END),
        {
            "FR": ("ok", "mention équivalente probablement admise (exemples de Que Choisir et de l'ARPP ; "
                         "à vérifier depuis l'ordonnance de 2024)"),
            "CH": ("ok", "reconnaissable (règle B.15)"),
            "EU": ("ok", "intention commerciale explicite en français"),
            "US": ("ok", "« sponsored » est admis par la FTC, si l'audience lit le français"),
            "UK": ("risky", "« Sponsored » est jugé à risque par l'ASA et la CMA"),
        },
        triggers=("sponsoris", "partenariat"),
    ),
    WordingKind(
        "legal_de", "« Werbung » / « Anzeige » / « bezahlte Partnerschaft »", "de",
        (_START + r"#?werbung" + _ASCII_WORD_END, _START + r"#?anzeige" + _ASCII_WORD_END,
         _START + r"bezahlte(?:n|r)? partnerschaft" + _ASCII_WORD_END,
         _START + r"#?(?:unbezahlte )?werbepartnerschaft" + _ASCII_WORD_END),
        {
            "FR": ("ko", "un public français ne la comprend pas"),
            "CH": ("ok", "reconnaissable pour un public germanophone (règle B.15)"),
            "EU": ("ok", "intention commerciale explicite en allemand"),
            "US": ("ko", "incompréhensible pour un public anglophone"),
            "UK": ("ko", "incompréhensible pour un public anglophone"),
        },
        triggers=("werbung", "anzeige", "partnerschaft", "werbepartner"),
    ),
    WordingKind(
        "ad_en", "« #ad » / « Ad » / « Advertisement »", "en",
        (_START + r"#ad" + _ASCII_WORD_END,
         r"(?:^|(?<=[\s(\[|]))ad(?=[ \t]*(?:[|:/\-)\]•·,]|$))",
         r"^ad(?= )",
         _START + r"#?advert(?:isement|ising)?(?: feature)?" + _ASCII_WORD_END),
        {
            "FR": ("ko", "une mention anglaise ne suffit pas en France (Que Choisir 2021 : « #ad » flou)"),
            "CH": ("ok", "reconnaissable pour un public anglophone (règle B.15 ; utilisé en pratique)"),
            "EU": ("ok", "intention commerciale explicite pour un public anglophone"),
            "US": ("ok", "admis par la FTC s'il est difficile à manquer"),
            "UK": ("ok", "toujours acceptable selon l'ASA et la CMA"),
        },
        triggers=("ad",),
    ),
    WordingKind(
        "sponsored_en", "« Sponsored » / « #sponsored » / « Paid partnership »", "en",
        (_START + r"#?sponsored" + _ASCII_WORD_END,
         _START + r"#?paid (?:partnership|promotion)" + _ASCII_WORD_END,
         _START + r"#paidpartnership" + _ASCII_WORD_END),
        {
            "FR": ("ko", "mention en anglais : un public français doit lire « Publicité »"),
            "CH": ("ok", "reconnaissable pour un public anglophone (règle B.15)"),
            "EU": ("ok", "intention commerciale explicite pour un public anglophone"),
            "US": ("ok", "« sponsored » est admis par la FTC"),
            "UK": ("risky", "« Sponsored » est jugé à risque par l'ASA et la CMA"),
        },
        triggers=("sponsored", "paid"),
    ),
    WordingKind(
        "thanks_free", "« Thanks to @brand for the free product »", "en",
        (r"\bthanks? (?:you )?(?:to )?@?[\w.]+ (?:brand )?for "
         r"(?:the |my |this |these )?(?:free|gifted)(?: [a-z]+)?"
         + _ASCII_WORD_END,),
        {
            "FR": ("ko", "un remerciement en anglais ne dit pas « publicité » à un public français"),
            "CH": ("risky", "un remerciement ne rend pas la publicité reconnaissable d'emblée"),
            "EU": ("ko", "les remerciements ont été comptés comme une mention insuffisante (sweep 2024)"),
            "US": ("ok", "exemple admis par la FTC (Disclosures 101, 2019) s'il est difficile à manquer"),
            "UK": ("ko", "« Thanks to [brand] » est à ne pas utiliser selon l'ASA et la CMA"),
        },
        triggers=("thank",),
    ),
    WordingKind(
        "gift", "« Offert par @marque » / « #gifted »", "",
        (_START + r"#?gifted" + _ASCII_WORD_END, _START + r"offert(?:e|s|es)? par" + _ASCII_WORD_END,
         _START + r"produits? offerts?" + _ASCII_WORD_END, _START + r"#cadeau" + _ASCII_WORD_END,
         _START + r"#(?:pr|prpackage|envoipresse)" + _ASCII_WORD_END),
        {
            "FR": ("risky", "dire « offert » ne dit pas que c'est une publicité"),
            "CH": ("risky", "le cadeau est dit, pas le caractère publicitaire"),
            "EU": ("risky", "un produit offert est une contrepartie (CJUE, C-371/20) : dites « publicité »"),
            "US": ("risky", "dites aussi clairement que c'est une publicité"),
            "UK": ("risky", "« Gifted » est jugé à risque par l'ASA et la CMA"),
        },
        triggers=("gifted", "offert", "#cadeau", "#pr", "#envoipresse"),
    ),
    WordingKind(
        "abbreviation", "abréviation « Pub » / « #pub » / « #sponso »", "fr",
        (_START + r"#pub" + _ASCII_WORD_END, _START + r"#sponso" + _ASCII_WORD_END,
         # « Pub | … », « PUB : … » before a separator, or « une/petite pub pour… » in a sentence
         # (the literal first, the look-behinds after it: a pattern that starts with a look-behind is
         # tried at every character of a long caption)
         r"pub(?<![^\s(\[|\"]pub)(?=[ \t]*(?:[|:/\-)\]•·,!\"]|$))",
         r"pub(?:(?<=\bune pub)|(?<=\bla pub)|(?<=\bcette pub)|(?<=\bpetite pub)|(?<=\bma pub))"
         r"(?= (?:pour|avec|de|d'))",
         r"pub(?<![^\n]pub)(?= )",
         # « Publi | … » and « collab commerciale » shorten the law's words the same way
         r"publi(?<![^\s(\[|\"]publi)(?=[ \t]*(?:[|:/\-)\]•·,!\"]|$))", _START + r"#publi" + _ASCII_WORD_END,
         _START + r"#?collab ?commerciale?" + _ASCII_WORD_END),
        {code: ("risky", "une abréviation n'est pas claire pour tous")
         for code in JURISDICTION_CODES},
        triggers=("pub", "#sponso", "collab"),
    ),
    WordingKind(
        "ambiguous", "mot-dièse ambigu (#sp, #spon, #collab, #partner, #ambassador…)", "",
        (_START + r"#(?:sp|spon|collab|collabs|collaboration|partner|partners|partnership|partenaire|"
                  r"partenariat|"
                  r"ambassador|ambassadeur|ambassadrice|brandambassador|client|iworkwith|affiliate|affilie)"
         + _ASCII_WORD_END,
         # a bare « Partenariat » says neither paid nor advertising (« partnership », EU sweep 2024)
         r"partenariat(?<![^\s(\[|\"]partenariat)(?=[ \t]*(?:[|:/\-)\]•·,!\"]|$))",
         _START + r"(?:en|in) collaboration (?:avec|with)" + _WHO + _ASCII_WORD_END,
         _START + r"collabs? (?:avec|with)" + _WHO + _ASCII_WORD_END,
         _START + r"brought to you by" + _ASCII_WORD_END, _START + r"brand ambassador" + _ASCII_WORD_END,
         _START + r"ambassad(?:eur|rice) (?:de|pour|chez) @" ),
        {
            "FR": ("ko", "ambigu : ni « publicité » ni « collaboration commerciale » (DGCCRF, ARPP)"),
            "CH": ("ko", "ambigu : le public ne reconnaît pas une publicité"),
            "EU": ("ko", "« collaboration » ou « partnership » ont été jugés insuffisants (sweep 2024)"),
            "US": ("ko", "termes vagues rejetés par la FTC (« sp », « spon », « collab », « ambassador »)"),
            "UK": ("ko", "à ne pas utiliser selon l'ASA et la CMA (Spon, #Sp, In collaboration with)"),
        },
        triggers=("#", "collab", "brought", "ambassad", "partenariat"),
    ),
    WordingKind(
        "thanks", "simple remerciement (« merci @marque », « thanks »)", "",
        (r"\bmerci (?:beaucoup |infiniment )?(?:a |au |aux )@?[\w.]+", r"\bmerci @[\w.]+",
         r"\bdanke (?:an )?@[\w.]+",
         r"\bthanks? (?:you )?(?:to )?@[\w.]+", r"\bthanks to @?[\w.]+", _START + r"#(?:thanks|merci)\w*"),
        {
            "FR": ("ko", "un remerciement ne signale pas la publicité (Que Choisir, ARPP)"),
            "CH": ("risky", "un remerciement ne rend pas la publicité reconnaissable d'emblée"),
            "EU": ("ko", "les simples remerciements ont été comptés comme insuffisants (sweep 2024)"),
            "US": ("risky", "« thanks » seul ne suffit pas (FTC)"),
            "UK": ("ko", "« Thanks to [brand] » est à ne pas utiliser selon l'ASA et la CMA"),
        },
        triggers=("merci", "thank", "danke"),
    ),
)
WORDING_BY_KEY: dict[str, WordingKind] = {kind.key: kind for kind in WORDING_KINDS}

#: Mentions required in France for retouched or AI-generated faces and silhouettes (art. 5 I).
RETOUCHED_PATTERNS: tuple[str, ...] = (
    r"\b(?:images?|photos?|visuels?) retouche(?:e|s|es)?\b", r"#(?:images?|photos?)retouchees?\b",
)
VIRTUAL_PATTERNS: tuple[str, ...] = (
    r"\b(?:images?|photos?|visuels?) virtuel(?:le|s|les)?\b", r"#imagesvirtuelles?\b",
    r"\b(?:genere|cree)(?:e|s|es)? (?:par|avec) (?:l')?(?:ia|intelligence artificielle)\b",
)

#: The wording to suggest, by jurisdiction and language of the audience (accepted in both).
_SUGGESTED: dict[tuple[str, str], str] = {
    ("CH", "de"): "Werbung", ("EU", "de"): "Werbung", ("EU", "en"): "Ad",
    ("US", "en"): "#ad", ("US", "de"): "#ad", ("UK", "en"): "Ad", ("UK", "de"): "Ad",
}


def suggested_wording(jurisdiction: str, audience_language: str) -> str:
    """« Publicité » for a French-speaking audience (always in France), « Werbung », « Ad » or « #ad »."""
    if jurisdiction == "FR":
        return "Publicité"
    return _SUGGESTED.get((jurisdiction, audience_language), "Publicité")


def checklist_rows() -> list[dict[str, str]]:
    """The checklist of §3.6, one row per kind of wording, verdict symbol per jurisdiction."""
    symbol = {"ok": "✅", "risky": "⚠️", "ko": "❌"}
    rows = []
    for kind in WORDING_KINDS:
        row = {"Mention": kind.label}
        for code in JURISDICTION_CODES:
            row[code] = symbol[kind.verdicts[code][0]]
        rows.append(row)
    return rows
