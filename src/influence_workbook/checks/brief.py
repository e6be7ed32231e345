"""Chapter 10 — « Fournir un brief peu clair »: is the brief complete, precise and consistent?

A brief is what a creator works from; it goes with the contract, it does not replace it. The
learner assembles one from the answers of chapters 1 to 9 (chapter 10's workshop), or pastes an
agency's existing brief as one French text (Markdown or plain). :func:`check_brief` reads it part
by part and returns one feedback item per point of the checklist — what is there, what is vague,
what is missing — plus four cross-checks between parts:

* the partnership wording passes :func:`~influence_workbook.checks.disclosure.check_disclosure` for
  each of the campaign's markets;
* at least :data:`MIN_REVIEW_DAYS` days between the first draft and the start of publication
  (dates read by :func:`~influence_workbook.checks.constraints.find_dates`, which builds on
  :func:`~influence_workbook.text.find_deadlines`);
* the KPI measures the objective's stage of the funnel (chapter 1's KPI list);
* the contract the brief refers to fits the fees: in France, a written contract from 1 000 € HT a year
  (:func:`~influence_workbook.pay.written_contract_required`).

A pasted brief is split on its headings (« ## Calendrier », « **Livrables** », « CONTACTS »,
« 3. Rémunération », « Ton : … »); a part with no heading of its own is looked for in the whole
text. Every meaning is read through :mod:`influence_workbook.reading` (negation, tu and vous, typos).
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from influence_workbook import clock
from influence_workbook.campaign import MARKET_NAMES, Campaign, resolve
from influence_workbook.checks.constraints import (
    FREEDOM,
    NO_FREEDOM,
    PROHIBITION,
    VERBATIM,
    WAIVER,
    find_dates,
    needs_medical_ban,
)
from influence_workbook.checks.disclosure import (
    MARKET_RULES,
    best_mention,
    campaign_markets,
    check_disclosure,
    read_disclosure,
)
from influence_workbook.checks.guard import learner_check
from influence_workbook.checks.objective import KPIS, STAGES, read_objective
from influence_workbook.feedback import Feedback, FeedbackItem, build_feedback, input_problem
from influence_workbook.pay import WRITTEN_CONTRACT_THRESHOLD_EUR_HT, written_contract_required
from influence_workbook.reading import (
    CALL_TO_ACTION,
    LINK_PLACEMENT,
    PAY_DEFERRAL,
    PROMO_CODE,
    Meaning,
    Reading,
    correct_typos,
    read,
)
from influence_workbook.text import (
    find_age_ranges,
    find_quantities,
    fold,
    format_date,
    format_number,
    is_placeholder,
    normalize,
)

CHECK_NAME = "ch10-brief"
#: A brief is read on its first characters only (a complete brief holds in 5 000 to 10 000).
MAX_ANALYSED_CHARS = 20_000
#: One part is read on its first characters only.
MAX_PART_CHARS = 5_000
#: Days the brand needs between the first draft and the start of publication (read, correct, resend).
MIN_REVIEW_DAYS = 7
#: More key messages than this, and a short video becomes a shopping list.
MAX_KEY_MESSAGES = 3
#: French law caps payment at 60 days after the invoice (Code de commerce, art. L441-10).
MAX_PAYMENT_DAYS = 60
#: Larger numbers typed in a field are not figures of a brief.
MAX_NUMBER = 1e12
#: Words of a quote longer than this are cut when the feedback quotes them back.
QUOTE_CHARS = 60

# Sections of chapter 10 that feedback points to (their titles in the chapter).
READ_CONTRACT = "Le brief accompagne le contrat"
READ_CONTACTS = "Qui parle à qui : les contacts"
READ_BRAND = "La marque, le produit et ses preuves"
READ_OBJECTIVE = "L'objectif, les KPI et les statistiques à remonter"
READ_AUDIENCE = "Le public, le concept et la liberté du créateur"
READ_MESSAGES = "Les messages clés, les tags et l'appel à l'action"
READ_DELIVERABLES = "Les livrables et le calendrier"
READ_DISCLOSURE = "La mention du partenariat"
READ_FORBIDDEN = "Les interdits : allégations et musique"
READ_RIGHTS = "Droits, exclusivité, sponsorisation et rémunération"
READ_APPROVALS = "Validations et contact de crise"


@dataclass(frozen=True)
class Part:
    """One part of a brief: its key in the workshop's mapping, its French title and what it holds."""

    key: str
    label: str
    read_more: str
    #: What to write there, in French (the workshop's placeholder, and the message for an empty part).
    hint: str
    #: Words of a heading that announce this part (folded text).
    heading: str


PARTS: tuple[Part, ...] = (
    Part("contacts", "Contacts", READ_CONTACTS,
         "qui suit la collaboration côté marque ou agence : nom, fonction, e-mail ou téléphone",
         r"\bcontacts?\b|\binterlocut\w*|\bqui contacter\b|\bcoordonnees\b|\bequipe projet\b"),
    Part("brand", "Marque, histoire et ton", READ_BRAND,
         "l'histoire de la marque en deux ou trois phrases, ses valeurs et le ton attendu",
         r"\bmarque\b|\bhistoire\b|\ba propos\b|\bqui sommes\b|\bton\b|\bvaleurs\b|\bunivers\b|\bcontexte\b"
         r"|\bidentite\b|\bbrand\b"),
    Part("product", "Produit et preuves", READ_BRAND,
         "les faits sur le produit (composition, prix, où l'acheter) et la preuve de chaque allégation",
         r"\bproduits?\b|\bgamme\b|\bcaracteristiques\b|\bfaits\b|\bpreuves\b|\bingredients\b|\bcomposition\b"
         r"|\boffre\b"),
    Part("objective", "Objectif et KPI", READ_OBJECTIVE,
         "un seul objectif, son indicateur (KPI), le chiffre visé et l'échéance",
         r"\bobjectifs?\b|\bkpis?\b|\bindicateurs?\b|\bbut de la campagne\b|\bgoals?\b"),
    Part("reporting", "Suivi et statistiques", READ_OBJECTIVE,
         "comment les résultats sont suivis (lien UTM, code promo) et quelles statistiques envoyer, et quand",
         r"\bsuivi\b|\btracking\b|\breporting\b|\bstatistiques\b|\bstats\b|\bmesure\b|\bbilan\b|\binsights\b"),
    Part("audience", "Public visé", READ_AUDIENCE,
         "à qui parle le contenu : âge, lieu, centres d'intérêt",
         r"\bcibles?\b|\bpublic\b|\baudience\b|\bpersonas?\b|\btarget\b"),
    Part("concept", "Concept et liberté du créateur", READ_AUDIENCE,
         "l'idée du contenu, et ce que le créateur décide lui-même",
         r"\bconcept\b|\bidees?\b|\bcreati\w*|\bangle\b|\bliberte\b|\bcarte blanche\b|\bdirection artistique\b"
         r"|\binspirations?\b|\bmoodboard\b"),
    Part("messages", "Messages clés", READ_MESSAGES,
         "trois messages au plus, un par ligne, que le créateur dit avec ses mots",
         r"\bmessages?\b|\bpoints? cles?\b|\bmust[- ]haves?\b|\bincontournables\b"),
    Part("cta", "Tags, lien et appel à l'action", READ_MESSAGES,
         "le compte à identifier et les hashtags, le lien (ou le code) et l'action demandée au public",
         r"\bhashtags?\b|\btags?\b|\bidentifi\w*|\bliens?\b|\bappel a l'action\b|\bcta\b|\bcall to action\b"
         r"|\bcodes? promo\b|^mentions$"),
    Part("deliverables", "Livrables", READ_DELIVERABLES,
         "chaque contenu : format, nombre, durée, sous-titres, et combien de temps il reste en ligne",
         r"\blivrables?\b|\bformats?\b|\bcontenus? attendus?\b|\bpublications? attendues?\b|\bdeliverables?\b"),
    Part("timeline", "Calendrier", READ_DELIVERABLES,
         "la date du premier jet, les tours de retours, la période de publication et la date de paiement",
         r"\bcalendrier\b|\bplanning\b|\bdates?\b|\btiming\b|\bdelais?\b|\becheances?\b|\bretro-?planning\b"
         r"|\btimeline\b|\bdeadlines?\b"),
    Part("disclosure", "Mention du partenariat", READ_DISCLOSURE,
         "la mention exacte à écrire (par exemple « Publicité ») et où la placer",
         r"\bmention\b|\bmentions? (?:legales?|obligatoires?|du partenariat)\b|\btransparence\b|\bdisclosure\b"
         r"|\bpartenariat\b|\bloi influence\w*"),
    Part("forbidden", "Interdits et musique", READ_FORBIDDEN,
         "les allégations interdites (médicales, environnementales) et la règle sur la musique",
         r"\binterdit\w*|\ba eviter\b|\bne pas\b|\bdon'?t'?s?\b|\ballegations?\b|\bmusiques?\b|\bjuridique\b"
         r"|\bconformite\b|\bregles?\b"),
    Part("rights", "Droits, exclusivité et sponsorisation", READ_RIGHTS,
         "les droits d'utilisation (durée, territoire), l'exclusivité et la sponsorisation des contenus",
         r"\bdroits?\b|\bexclusivit\w*|\bsponsoris\w*|\bboost\w*|\bwhitelisting\b|\bcession\b|\blicence\b"),
    Part("pay", "Rémunération", READ_RIGHTS,
         "le montant (cachet, produits offerts) et la référence du contrat qui le fixe",
         r"\bremuneration\b|\bcachets?\b|\bbudget\b|\btarifs?\b|\bcontreparties?\b|\bdotations?\b|\bhonoraires\b"
         r"|\bcontrat\b|\bconditions financieres\b|\bpaiement\b"),
    Part("approvals", "Validations et contact de crise", READ_APPROVALS,
         "qui valide les contenus, et qui appeler en cas de crise (nom et téléphone)",
         r"\bvalidations?\b|\bapprobation\b|\brelectures?\b|\bcrise\b|\burgences?\b|\bprocess\w*|\bworkflow\b"),
)
PART_BY_KEY: dict[str, Part] = {part.key: part for part in PARTS}
PART_KEYS: tuple[str, ...] = tuple(PART_BY_KEY)
_HEADINGS: tuple[tuple[str, re.Pattern[str]], ...] = tuple((part.key, re.compile(part.heading)) for part in PARTS)
_LABEL_KEYS: dict[str, str] = {fold(part.label): part.key for part in PARTS}

# --------------------------------------------------------------------------- reading what is vague

#: Left for later: the information is missing, whatever the words around it.
_PLACEHOLDERS = re.compile(
    r"\ba (?:definir|determiner|confirmer|preciser|venir|voir)\b|\btbd\b|\btbc\b|\bxx+\b|\?\?+|\bn\.?c\.?\b(?!\w)"
    r"|\bon verra\b|\bplus tard\b|\blorem ipsum\b"
)
#: Words that blur what follows: named in the feedback, not failed on their own.
_VAGUE = re.compile(
    r"\betc\b|\benviron\b|\brapidement\b|\basap\b|\bau plus vite\b|\bdes que possible\b|\bbientot\b"
    r"|\bsi possible\b|\bidealement\b|\bplus ou moins\b|\bquelques\b|\bune sorte de\b|\bun peu\b"
)

# --------------------------------------------------------------------------- meanings of a brief

# Each starts only at the start of a run of its characters: a 20 000-letter « word » is read once, not
# from each of its letters (which took a second).
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+")
_PHONE = re.compile(r"(?<!\d)(?:\+\d{2,3}[\s.]?(?:\(0\))?\s?|0)\d{1,2}(?:[\s.-]?\d{2,3}){3,4}(?!\d)")
_NAME = re.compile(r"\b[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'-]+\s+(?:[A-Z]\.|[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'-]+)")
_ROLE = Meaning(
    "role",
    r"\bresponsable\b", r"\bchef(?:fe)? de (?:projet|produit|pub)\b", r"\bcharge(?:e)? de\b", r"\bdirect\w*",
    r"\b(?:community|account|brand|project|influence) manager\b", r"\bfondat\w*", r"\bhead of\b",
    r"\bcoordinat\w*", r"\bjuriste\b", r"\bservice (?:juridique|client|communication|marketing)\b",
    r"\bagent\b", r"\bstagiaire\b", r"\bassistant\w*", r"\bconsultant\w*",
)
_CHANNEL = re.compile(r"\b(?:whatsapp|slack|teams|signal|telegram|messenger)\b")

_STORY = Meaning(
    "story",
    r"\bfonde\w*", r"\bcree\w* en\b", r"\bnee? (?:en|a|d'|dans)\b", r"\bdepuis (?:19|20)\d\d\b", r"\bhistoire\b",
    r"\bmission\b", r"\bvaleurs?\b", r"\bengage\w*", r"\bfabriqu\w*", r"\batelier\b", r"\bfamilial\w*",
    r"\bsavoir-faire\b", r"\braison d'etre\b", r"\bmanifeste\b", r"\borigine\b", r"\bpionni\w*", r"\bdefend\w*",
    r"\bcroi[st]\b", r"\bconvaincu\w*", r"\bstart-?up\b",
    r"\bmarque (?:lyonnaise|suisse|francaise|locale|independante)\b",
)
_TONE = Meaning(
    "tone",
    r"\bton\s*(?::|-|=)", r"\b(?:le|un|notre|son|du|au) ton\b", r"\bregistre\b", r"\btutoi\w*", r"\bvouvoi\w*",
    r"\bdecontracte\w*", r"\bchaleureu\w*", r"\bbienveillan\w*", r"\bcomplice\w*", r"\bpedagog\w*",
    r"\bhumour\b", r"\bdrole\w*", r"\bsobre\b", r"\bspontane\w*", r"\benthousias\w*", r"\bsecond degre\b",
    r"\bsans jargon\b", r"\brassurant\w*", r"\bdynamique\b", r"\bdoux\b", r"\bdouce\b", r"\bfun\b",
    r"\bauthentique\b", r"\bnaturel(?:le)? et\b", r"\bexpert\w*", r"\bpositif\w*", r"\binspirant\w*",
    r"\bcomme (?:a|une) (?:une )?ami\w*",
)
_FACT_WORDS = Meaning(
    "fact",
    r"\bcompos\w*", r"\bingredients?\b", r"\bformule\b", r"\bfabriqu\w* (?:a|en|au|dans)\b", r"\bprix\b",
    r"\bdisponible\w*", r"\bvendu\w*", r"\ben vente\b", r"\brecharg\w*", r"\bcontenance\b", r"\blavages?\b",
    r"\bcertifi\w*", r"\blabel\w*", r"\bvegan\b", r"\bbio\b", r"\bavoine\b", r"\bsans (?:silicone|sulfate|parfum)\b",
    r"\bmade in\b", r"\bgarantie?\b", r"\bautonomie\b", r"\bpoids\b", r"\btaille\b", r"\bpour (?:les )?cheveux\b",
    r"\bpour (?:les )?peaux?\b", r"\bse (?:recharge|lave|range|plie)\b",
)
_CLAIMS = Meaning(
    "claim",
    r"\ble (?:meilleur|plus efficace|plus doux|plus \w+ du marche)\b", r"\bn\s?°?\s?1\b(?!\d)", r"\bnumero un\b",
    r"\bleader\b", r"\brevolution\w*", r"\bmiracle\w*", r"\bunique au monde\b", r"\bcliniquement\b",
    r"\bdermatologiquement\b", r"\bprouve\w*", r"\bscientifiquement\b", r"\befficacite (?:prouvee|demontree)\b",
    r"\b\d+\s?% (?:des|de) (?:utilisat|client|testeu|femmes|hommes|personnes)\w*",
    r"\b(?:hydrat|nourri)\w* (?:pendant )?\d+\s?h\b", r"\bresultats? visibles?\b", r"\bsans (?:aucun )?danger\b",
    r"\b100\s?% naturel\w*", r"\bhypoallergenique\b", r"\bjamais vu\b",
)
_EVIDENCE = Meaning(
    "evidence",
    r"\btest\w*", r"\betudes?\b", r"\bessais?\b", r"\bpanel\b", r"\bprouve par\b", r"\bselon\b", r"\bsources?\b",
    r"\bcertifi\w*", r"\blabel\w*", r"\blaboratoire\b", r"\brapport\b", r"\bmesure\w*", r"\bdonnees\b",
    r"\bdossier\b", r"\bjustifi\w*", r"\bsous controle\b", r"\benquete\b", r"\bcosmos\b", r"\becocert\b",
    r"\bnielsen\b", r"\bvoir (?:la |l')?(?:fiche|annexe|piece jointe)\b", r"\bsur \d+ (?:personnes|volontaires)\b",
)
#: Health promises a cosmetic or a food cannot make (regulations 1223/2009 art. 20 and 655/2013).
_MEDICAL = Meaning(
    "medical",
    r"\bgueri\w*", r"\bsoign\w*", r"\btrait(?:e|ent|er|ement) (?:l'|le |la |les )?(?:eczema|psoriasis|acne|pellicules"
    r"|chute|maladie|dermatite)\w*", r"\banti-?chute\b", r"\bfait repousser\b", r"\belimine les pellicules\b",
    r"\bsoulage\w*", r"\bcicatris\w*", r"\bsoin medical\b", r"\bmedicament\b",
)
#: Generic environmental claims banned in the EU since 27 September 2026 (directive 2024/825), and
#: words French law bans on a product (Code de l'environnement L541-9-1).
_GREEN_VAGUE = Meaning(
    "green_vague",
    r"\becolo\w*", r"\beco-?responsable\w*", r"\brespectueu\w* de (?:l'environnement|la planete|la nature)\b",
    r"\bbon(?:ne)? pour (?:la planete|l'environnement|la nature)\b", r"\bneutre en carbone\b",
    r"\bcarbone? neutre\b", r"\bclimatiquement neutre\b", r"\bzero impact\b", r"\bsans impact\b",
    r"\bbiodegradable\b", r"\bgreen\b", r"\bplus vert\w*", r"\bami(?:e)? de la planete\b",
)
_CONCEPT = Meaning(
    "concept",
    r"\bconcept\b", r"\bidee\b", r"\bangle\b", r"\broutine\b", r"\btuto\w*", r"\bdefi\b", r"\bchallenge\b",
    r"\bavant[/ -]apres\b", r"\bserie\b", r"\bstorytelling\b", r"\bvlog\b", r"\bgrwm\b", r"\bunboxing\b",
    r"\bmise en scene\b", r"\bhistoire\b", r"\bfaq\b", r"\bcoulisses\b", r"\bquotidien\b", r"\bmontrer\b",
    r"<montrer>", r"<raconter>", r"<filmer>", r"<tester>", r"<partager>",
)
_FREE_EXTRA = Meaning(
    "freedom_extra",
    r"\bc'est (?:toi|vous) qui\b", r"\bzone de liberte\b", r"\b(?:tes|vos|ses) (?:propres )?mots\b",
    r"\b(?:ta|votre|sa) voix\b", r"\b(?:ton|votre|son) style\b", r"\b(?:ton|votre|son) univers\b",
    r"<adapter>", r"\bcomme (?:tu le sens|vous le sentez)\b",
)
_TAG = re.compile(r"(?<![\w@])[@#][\w.]*[A-Za-zÀ-ÿ][\w.]*")
#: Hashtags that disclose a partnership (chapter 5): a mention, not the campaign's tags.
_DISCLOSURE_TAG = re.compile(r"#(?:ad|ads|pub|sponso\w*|partenariat\w*|publicite|collab\w*|werbung|anzeige)\.?")
_URL = re.compile(r"\b(?:https?://|www\.)\S+|(?<![\w.-])[\w-]{1,63}\.(?:fr|ch|com|be|eu|shop|io|net|org)(?:/\S*)?\b")
_CTA_VERBS = Meaning("cta_verbs", *(pattern for pattern in CALL_TO_ACTION.patterns
                                     if pattern not in LINK_PLACEMENT.patterns and pattern not in PROMO_CODE.patterns))
_LINK_WORD = Meaning("link_word", r"\bliens?\b", r"\blink\b", r"\butm\b", r"\bcode\b")

_FORMAT = Meaning(
    "format",
    r"\breels?\b", r"\bstor(?:y|ies|ys)\b", r"\btiktoks?\b", r"\bvideos?\b", r"\bshorts?\b", r"\bposts?\b",
    r"\bcarrousels?\b", r"\bcarousels?\b", r"\bpublications?\b", r"\blives?\b", r"\bphotos?\b", r"\bpodcasts?\b",
    r"\bnewsletters?\b", r"\bvlogs?\b", r"\bugc\b", r"\bepingles?\b", r"\bthreads?\b", r"\bstatuts?\b",
)
_COUNT = re.compile(
    r"\b(?:\d{1,2}|une?|deux|trois|quatre|cinq|six|sept|huit|dix)\s+(?:\w+\s+)?(?:reels?|stor(?:y|ies|ys)|tiktoks?"
    r"|videos?|shorts?|posts?|carrou?sels?|publications?|lives?|photos?|vlogs?)\b"
)
_LENGTH = re.compile(
    r"\b\d+\s?(?:s|sec|secondes?|min|minutes?|mn)\b|\b\d+\s?(?:a|-)\s?\d+\s?(?:s|sec|secondes?|min|minutes?)\b"
    r"|\b\d+\s?(?:photos|slides|images|visuels|vignettes|pages|diapos?)\b|\b(?:une|deux|trois) minutes?\b"
    r"|\btrente secondes\b|\bune minute\b"
)
_SUBTITLES = Meaning(
    "subtitles", r"\bsous-?titr\w*", r"\bsubtitles?\b", r"\btexte a l'ecran\b", r"\btextes? incrust\w*",
    r"\btranscription\b",
)
_ONLINE = Meaning(
    "online",
    r"\ben ligne (?:pendant|au moins|au minimum|minimum|\d)", r"\breste\w* en ligne\b", r"\bmaintenu\w* en ligne\b",
    r"\b(?:supprim|archiv|retir)\w*", r"\bsuppressions?\b", r"\bconserv\w* (?:en ligne|sur)\b", r"\ba la une\b",
    r"\bpermanent\w*",
    r"\bduree de (?:mise en ligne|publication|diffusion)\b", r"\b(?:au moins|pendant|minimum|sur) \d+ (?:mois|ans?)\b",
    r"\bvisible\w* (?:pendant|au moins|\d+)\b", r"\b24 ?h\b", r"\bhighlights?\b",
)

_DRAFT = Meaning(
    "draft",
    r"\bpremier jet\b", r"\bbrouillon\b", r"\bdrafts?\b", r"\bv1\b", r"\bmaquette\b", r"\bpre-?version\b",
    r"\bpremiere version\b", r"\bstoryboard\b", r"\bpreview\b", r"\brendu\b", r"\benvoi (?:du|des) contenus?\b",
    r"\bcontenu a valider\b", r"\bversion (?:a valider|de travail)\b", r"\bpremier montage\b", r"\bscript\b",
)
_PUBLICATION = Meaning(
    "publication",
    r"\bpublication\b", r"<publier>", r"\ben ligne\b", r"\bdiffusion\b", r"<poster>", r"\bmise en ligne\b",
    r"\bfenetre\b", r"\bgo live\b", r"\bsortie\b",
)
_ROUNDS = Meaning(
    "rounds",
    r"\btours?\b", r"\ballers?-retours?\b", r"\bretours?\b", r"\bfeedbacks?\b", r"\bcorrections?\b",
    r"\brelectures?\b", r"\bmodifications?\b", r"\bvalidations?\b", r"\bround\w*",
)
_PAYMENT = Meaning(
    "payment",
    r"\bpaiement\b", r"<payer>", r"\bregl\w*", r"\bfactur\w*", r"\bvirement\b", r"\bversement\b", r"\bremuner\w*",
    r"\bacompte\b",
)
_PAYMENT_TERM = re.compile(
    r"\b(\d{1,3}) jours\b|\ba (?:la )?reception\b|\bfin de mois\b|\b(?:a|apres|des) (?:la )?publication\b"
    r"|\ba la signature\b|\bacompte\b|\b\d+\s?%|\bj\s?\+\s?\d+\b|\bimmediat\w*|\bcomptant\b"
)

_PLACEMENT = Meaning(
    "placement",
    r"\ben (?:tete|debut)\b", r"\bau (?:tout )?debut\b", r"\bdes le debut\b", r"\bdes les (?:\w+ )?premieres\b",
    r"\ba l'(?:oral|image|ecran)\b", r"\bpremiere ligne\b", r"\bavant (?:le|tout|les) \w+", r"\bvisible\w*",
    r"\bincrust\w*", r"\bsurimpression\b", r"\bdans la video\b", r"\ben haut\b",
    r"\boutil (?:de |du )?(?:partenariat|contenu de marque|paid partnership)\b", r"\bpaid partnership\b",
    r"\blabel (?:de |du )?(?:partenariat|contenu)\b", r"\bsur (?:l'image|la video|chaque story|chaque contenu)\b",
    r"\bpendant toute\b", r"\btoute la duree\b", r"\bsecondes\b",
)
_LATE_PLACEMENT = re.compile(r"\ba la fin\b|\ben fin de\b|\ben bas\b|\bdans les hashtags\b|\bparmi les hashtags\b"
                             r"|\ben commentaire\b|\bapres les hashtags\b|\ben dernier\b")
_DISCLOSURE_WORD = Meaning("disclosure_word", r"\bmention\b", r"\bpublicite\b", r"<signaler>", r"<indiquer>")
_IMAGES_USED = Meaning(
    "images_used",
    r"\bfiltres?\b", r"\bretouch\w*", r"\bphotoshop\w*", r"\blissage\b", r"\baffin\w* (?:la )?silhouette\b",
    r"\b(?:ia|intelligence artificielle)\b", r"\bgenere\w* (?:par|avec)\b", r"\bavatar\w*", r"\bvirtuel\w*",
)
_IMAGES_MENTION = re.compile(r"\bimages? (?:retouchees?|virtuelles?)\b|#images?(?:retouchees?|virtuelles?)\b")

_MEDICAL_BAN = Meaning(
    "medical_ban",
    r"\bmedic\w*", r"\bgueri\w*", r"\bsoign\w*", r"\btherapeut\w*", r"\bsante\b", r"\bpellicules\b", r"\beczema\b",
    r"\bpsoriasis\b", r"\banti-?chute\b", r"\bchute\b", r"\bmaladie\w*", r"\btraite\w*", r"\bsoulage\w*",
    r"\bdermatolog\w*", r"\b1223/2009\b", r"\b655/2013\b", r"\bsanitaire\w*",
)
_GREEN_BAN = Meaning(
    "green_ban",
    r"\benvironnement\w*", r"\becolo\w*", r"\beco-?\w+", r"\bvert\w*", r"\bgreen\w*", r"\bplanete\b",
    r"\bcarbone\b", r"\bclimat\w*", r"\bbiodegradable\b", r"\bzero dechet\b", r"\bdurable\w*", r"\b2024/825\b",
    r"\bgreenwashing\b", r"\bl541-9-1\b", r"\bzero impact\b",
)
_MUSIC = Meaning("music", r"\bmusiques?\b", r"\bsons?\b", r"\baudio\b", r"\bbande[- ]son\b", r"\bchansons?\b",
                 r"\bmorceaux?\b", r"\btitres? (?:tendance|connus?|a la mode)\b")
_LICENSED = Meaning(
    "licensed",
    r"\blibres? de droits\b", r"\bsous licence\b", r"\blicenc\w*", r"\bbibliotheque\b", r"\bcommerciaux\b",
    r"\bcommercial(?:e|es)?\b", r"\bautorise\w*", r"\boriginale?\b", r"\bcompose\w*", r"\bdroits (?:acquis|paye)\w*",
    r"\bsans musique\b", r"\bpas de musique\b", r"\baucune musique\b", r"\bsacem\b", r"\bsuisa\b",
)
#: Products, brands and audiences for whom vague green claims are the likely slip.
_GREEN_CONTEXT = Meaning(
    "green_context",
    r"\bzero dechet\b", r"\beco\w*", r"\benvironnement\w*", r"\bdurable\w*", r"\brecharg\w*", r"\brecycl\w*",
    r"\bvegeta\w*", r"\bbio\b", r"\bnaturel\w*", r"\bplanete\b", r"\bclimat\w*", r"\bcarbone\b", r"\bvrac\b",
    r"\bsolides?\b", r"\bvelo\w*", r"\belectrique\b", r"\bseconde main\b", r"\breconditionn\w*",
)

_USAGE = Meaning(
    "usage",
    r"\bdroits? (?:d'|de )?(?:utilisation|usage|exploitation|auteur|image|diffusion|reutilisation)\b",
    r"\bcession\b", r"<ceder>", r"<reutiliser>", r"\breutilisation\b", r"<reposter>", r"\brepost\w*",
    r"<reprendre> (?:le|la|les|vos|tes|ses|ce|ces) (?:contenus?|videos?|photos?|images?)\b",
    r"<utiliser> (?:le|la|les|vos|tes|ses|ce|ces) (?:contenus?|videos?|photos?|images?|reels?|stories|posts?)\b",
    r"\blicence\b", r"\bdroits\b", r"\breprises?\b", r"\brepris\b", r"<reprendre>",
    r"\bsur (?:ses|nos|les|leurs) (?:reseaux|comptes)\b", r"<diffuser> sur\b",
    r"<diffuser> (?:le|la|les|vos|tes|ses|ce|ces) (?:contenus?|videos?|photos?|reels?|stories|posts?)\b",
    r"\bsur (?:son|notre|leur) site\b",
)
_DURATION = re.compile(
    r"\b\d+\s?(?:mois|ans?|annees?|jours|semaines?)\b|\b(?:un|une|deux|trois|quatre|six|neuf|douze|dix-huit)\s+"
    r"(?:mois|ans?|annees?|semaines?)\b|\bjusqu'(?:au|a|en)\s+\S+|\bperpetu\w*|\billimite\w*|\bsans limite\b"
    r"|\ba vie\b|\bpour toujours\b|\bdurant la campagne\b|\bpendant la campagne\b|\bla duree de la campagne\b"
)
_UNLIMITED = re.compile(r"\bperpetu\w*|\billimite\w*|\bsans limite\b|\ba vie\b|\bpour toujours\b|\btous supports\b"
                        r"|\bmonde entier\b.{0,40}\b(?:perpetu|illimit)\w*")
_TERRITORY = re.compile(
    r"\bfrance\b|\bsuisse\b|\beurope\w*|\bue\b|\bunion europeenne\b|\bmonde\w*|\binternational\w*|\bbelgique\b"
    r"|\bterritoire\w*|\bworldwide\b|\bpays\b|\bromand\w*|\bquebec\b|\bcanada\b|\bfrancophon\w*|\bdach\b"
)
_EXCLUSIVITY = Meaning("exclusivity", r"\bexclusivit\w*", r"\bexclusi\w*", r"\bnon-?concurrence\b")
_SCOPE = re.compile(r"\bconcurren\w*|\bcategorie\b|\bsecteur\b|\bmarques?\b|\bsoins?\b|\bshampo\w*|\bcapillaire\w*"
                    r"|\bcosmeti\w*|\bproduits?\b|\bgamme\b|\bbanques?\b|\bvelos?\b|\bmeme (?:type|famille)\b")
_BOOST = Meaning(
    "boost",
    r"\bsponsoris\w*", r"\bboost\w*", r"\bwhitelist\w*", r"\bdark posts?\b", r"\bspark ads?\b",
    r"\bpartnership ads?\b", r"\bpublicites? (?:payantes?|meta|sponsorisees?)\b", r"\bcampagnes? payantes?\b",
    r"\bmise en avant payante\b", r"\bamplification\b", r"\bads\b", r"\bcode d'autorisation\b",
    r"\bpublicite (?:sur|avec) (?:le|la|les|vos|tes|ce|ces) (?:contenus?|videos?)\b",
)

_CONTRACT = Meaning(
    "contract",
    r"\bcontrats?\b", r"\bbon de commande\b", r"\bdevis (?:signe|accepte|valide)\b", r"\bconditions generales\b",
    r"\bconvention\b", r"\baccord ecrit\b", r"\bcontractuel\w*", r"\bcontrat-cadre\b", r"\bavenant\b",
)
_NO_CONTRACT = re.compile(
    r"\bsans contrat\b|\bpas (?:de|besoin de|besoin d'un) contrat\b|\baucun contrat\b|\b(?:accord|contrat|engagement)"
    r" (?:oral|verbal)\b|\bsur parole\b|\bpoignee de main\b|\bpas besoin de (?:papier|signer)\b"
)
_GIFT = re.compile(r"\bproduits?\b|\bcoffrets?\b|\bdotations?\b|\ben nature\b|\bcadeaux?\b|\bvaleur\b|\bofferts?\b"
                   r"|\bgifting\b|\bechantillons?\b")

_APPROVER = Meaning(
    "approver",
    r"<valider>", r"<approuver>", r"\bapprobation\b", r"<relire>", r"\brelecture\b", r"\bfeu vert\b",
    r"\bvalideu\w*", r"\bvalidation\b", r"\bbon a tirer\b", r"\bbat\b",
)
#: A first name before the verb (« Julie valide le premier jet »), not a pronoun (« On valide tout »).
_APPROVING_NAME = re.compile(r"\b(?!(?:On|Nous|Il|Elle|Ils|Elles|Tu|Vous|Je|Qui)\b)[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ-]+"
                             r"(?:\s+\([^)]{0,40}\))?\s+(?:valide|approuve|relit|donne le feu)")
_CRISIS = Meaning(
    "crisis",
    r"\bcrise\b", r"\bbad buzz\b", r"\bpolemique\w*", r"\burgences?\b", r"\bcommentaires? (?:negatifs?|haineux|"
    r"malveillants?|deplaces?)\b", r"\bprobleme\b", r"\bincident\w*", r"\bshitstorm\b", r"\ben cas de\b",
    r"\bsi (?:les commentaires|ca|cela|la publication) (?:derape|tourne mal)\w*",
)

_STAGE_NEEDS_TRACKING = frozenset({"conversion", "consideration"})
_TRACKING = Meaning(
    "tracking",
    r"\butm\b", r"\bliens? (?:tracke|traque|suivi|personnalise|unique|d'affiliation|affilie|dedie|court)\w*",
    r"\bcodes? (?:promo\w*|de reduction|unique|dedie|personnel|affilie)\b", r"\bcode [a-z]{2,}\d{1,3}\b",
    r"\bpixel\b", r"\bbit\.ly\b", r"\baffiliation\b", r"\btracking\b", r"\bsuivi des (?:clics|ventes|commandes)\b",
    r"\bsondage\b", r"\bbrand lift\b", r"\bgoogle analytics\b", r"\banalytics\b", r"\bparrainage\b",
)
_STATS = Meaning(
    "stats",
    r"\bstatistiques\b", r"\bstats\b", r"\binsights\b", r"\bcaptures? d'ecran\b", r"\bportee\b", r"\bimpressions\b",
    r"\bvues\b", r"\bclics?\b", r"\btaux d'engagement\b", r"\bengagements?\b", r"\benregistrements\b",
    r"\bpartages\b", r"\btemps de visionnage\b", r"\btaux de (?:completion|retention)\b", r"\bcommentaires\b",
    r"\bventes\b", r"\bcommandes\b", r"\bvisites\b", r"\bsessions\b", r"\bdonnees (?:demographiques|d'audience)\b",
    r"\bcomptes? (?:touches|atteints)\b", r"\breach\b", r"\bviews\b", r"\bj'aime\b", r"\blikes\b",
)
_WHEN = re.compile(
    r"\bj\s?\+\s?\d+\b|\b\d+ (?:jours|heures|h|semaines?) apres\b|\bapres (?:\d+|une|deux|trois|sept|quinze|trente)"
    r" (?:jours|semaines?|heures)\b|\bsous \d+\s?(?:jours|h|heures)\b|\ba (?:la )?fin de (?:la )?campagne\b"
    r"|\ben fin de campagne\b|\bchaque (?:semaine|mois|lundi|vendredi)\b|\bhebdomadaire\w*|\bmensuel\w*"
    r"|\bune semaine apres\b|\bun mois apres\b|\b(?:7|15|30) jours\b|\bau plus tard\b|\ble \d{1,2}(?:er)? \w+"
)

_SPLIT_ITEMS = re.compile(r"\n+|;|\s+/\s+|\s+\|\s+|(?<=\w)\.\s+(?=[A-ZÀ-Ö0-9])")
_BULLET = re.compile(r"^\s*(?:[-*•·–]|\d{1,2}[.)]|[a-z][.)])\s*")
_CLAUSES = re.compile(r"\n+|;|(?<=[\w)»\"])[.,](?=\s|$)")
_LINES = re.compile(r"\n+|;")
_SENTENCES = re.compile(r"\n+|;|(?<=[\w)»\"])[.!?](?=\s|$)")
_LONG_WORD = re.compile(r"[a-z]{6,}")
_QUOTED = re.compile(r"«\s*([^»]{2,80}?)\s*»|\"([^\"]{2,80})\"|“([^”]{2,80})”")

# --------------------------------------------------------------------------- splitting a pasted brief

_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(?P<title>.+?)\s*#*\s*$")
_BOLD_LINE = re.compile(
    r"^\s*(?:[-*•]\s*)?(?:\*\*|__)(?P<title>[^*_\n]{2,80}?)\s*:?\s*(?:\*\*|__)\s*:?\s*(?P<rest>.*)$")
_NUMBERED = re.compile(r"^\s*(?:\d{1,2}|[IVX]{1,4})[.)]\s+(?P<title>[^:\n]{2,70}?)\s*:?\s*$")
_LABEL = re.compile(r"^\s*(?:[-*•]\s*)?(?P<title>[^:\n]{2,50}?)\s*:\s*(?P<rest>.*)$")
MAX_HEADING_WORDS = 7


def _heading_parts(title: str, *, strict: bool) -> tuple[str, ...]:
    """The parts a heading announces (several for « Droits et rémunération »), in the order of :data:`PARTS`.

    ``strict``: a short label before a colon (« Ton : … ») must name a part in its first words.
    """
    folded = fold(title).strip(" *_#:.-")
    if not folded or len(folded.split()) > MAX_HEADING_WORDS:
        return ()
    if folded in _LABEL_KEYS:
        return (_LABEL_KEYS[folded],)
    window = " ".join(folded.split()[:4]) if strict else folded
    return tuple(key for key, pattern in _HEADINGS if pattern.search(window))


def _heading(line: str) -> tuple[tuple[str, ...], str, bool] | None:
    """(parts announced, text after the heading on the same line, whether it starts a section) or None."""
    stripped = line.strip()
    if not stripped:
        return None
    for pattern, starts in ((_MD_HEADING, True), (_BOLD_LINE, True), (_NUMBERED, True)):
        match = pattern.match(stripped)
        if match:
            parts = _heading_parts(match.group("title"), strict=pattern is _NUMBERED)
            if parts:
                rest = match.groupdict().get("rest") or ""
                # « **Livrables** : 1 Reel » starts its part's section with its whole line
                return parts, f"{match.group('title')} : {rest}" if rest.strip() else "", starts
            if pattern is _MD_HEADING:
                return (), "", True  # a heading of no known part still ends the section before it
    letters = [c for c in stripped if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(stripped.split()) <= MAX_HEADING_WORDS:
        return _heading_parts(stripped, strict=False), "", True
    match = _LABEL.match(stripped)
    if match and not _URL.match(match.group("title")):
        parts = _heading_parts(match.group("title"), strict=True)
        if parts:
            return parts, match.group("rest"), False
    return None


def split_brief(text: str) -> dict[str, str]:
    """A pasted brief's text by part (:data:`PART_KEYS`; ``""`` for a part with no heading of its own).

    Markdown headings, lines in bold, numbered titles and lines in capitals start a section; a short
    label before a colon (« Ton : complice ») gives its line to its part without ending the section
    it stands in.
    """
    parts: dict[str, list[str]] = {key: [] for key in PART_KEYS}
    current: tuple[str, ...] = ()
    for line in text[:MAX_ANALYSED_CHARS].splitlines():
        found = _heading(line)
        if found is None:
            for key in current:
                parts[key].append(line)
            continue
        keys, rest, starts = found
        if starts:
            current = keys
            for key in keys:
                if rest.strip():
                    parts[key].append(rest)
            continue
        # a label (« Ton : complice ») gives its line to its part, and the line stays in its section
        for key in dict.fromkeys((*keys, *current)):
            parts[key].append(_BULLET.sub("", line).strip())
    return {key: "\n".join(lines).strip() for key, lines in parts.items()}


# --------------------------------------------------------------------------- reading the input


@dataclass(frozen=True)
class BriefReading:
    """The brief as the check reads it: each part's text and where it came from."""

    parts: dict[str, str]
    #: Parts found under their own heading or field (the others are looked for in the whole text).
    located: frozenset[str]
    whole: str
    pasted: bool
    truncated: bool = False

    def text(self, key: str) -> str:
        return self.parts.get(key, "")


def _unheaded(key: str, text: str, *, headed: bool) -> str:
    """What a part with no heading of its own reads in a pasted brief: the lines that name it
    (« Les dates : … »); in a brief without any heading (plain prose), then the whole text, up to
    :data:`MAX_PART_CHARS`. A brief with headings is not searched elsewhere: the audience's « zéro
    déchet » is no ban on green claims, and a « #ad » is no brand tag."""
    pattern = dict(_HEADINGS)[key]
    named = "\n".join(line for line in text.splitlines()[:2_000] if pattern.search(fold(line[:300])))
    if headed:
        return named[:MAX_PART_CHARS]
    return (named[:MAX_PART_CHARS] + "\n\n" + text[:MAX_PART_CHARS]) if named else text[:MAX_PART_CHARS]


def _value_text(value: object) -> str:
    if value is None or value is Ellipsis or isinstance(value, bool):
        return ""
    if isinstance(value, str):
        return "" if is_placeholder(value) else value
    if isinstance(value, int | float):  # a number typed in a field: kept when it is one a brief can hold
        number = float(value)
        if not math.isfinite(number) or abs(number) >= MAX_NUMBER:
            return ""
        return format_number(number, 2).rstrip("0").rstrip(",")
    if isinstance(value, list | tuple):
        return "\n".join(filter(None, (_value_text(item) for item in value)))
    return ""


def _key_of(name: object) -> str | None:
    if not isinstance(name, str):
        return None
    if name in PART_BY_KEY:
        return name
    folded = fold(name).strip(" :")
    if folded in _LABEL_KEYS:
        return _LABEL_KEYS[folded]
    parts = _heading_parts(name, strict=False)
    return parts[0] if len(parts) == 1 else None


def read_brief(brief: object) -> BriefReading | str:
    """The brief's parts, or a French sentence saying why there is nothing to read."""
    if brief is None or brief is Ellipsis or (isinstance(brief, str) and is_placeholder(brief)):
        return ("Le brief est vide : remplissez ses rubriques dans l'atelier, ou collez ici le texte complet "
                "d'un brief (entre guillemets).")
    if isinstance(brief, str):
        text = brief
        truncated = len(text) > MAX_ANALYSED_CHARS
        text = text[:MAX_ANALYSED_CHARS]
        if not re.search(r"\w", text):
            return "Ce brief ne contient aucun mot : écrivez ses rubriques, ou collez le texte d'un brief."
        split = split_brief(text)
        located = frozenset(key for key, part in split.items() if part.strip())
        parts = {key: (split[key] if key in located else _unheaded(key, text, headed=bool(located)))[:MAX_PART_CHARS]
                 for key in PART_KEYS}
        return BriefReading(parts, located, text, True, truncated)
    if isinstance(brief, Mapping):
        parts_found: dict[str, list[str]] = {}
        for name, value in brief.items():
            key = _key_of(name)
            if key is not None:
                parts_found.setdefault(key, []).append(_value_text(value))
        if not parts_found:
            names = ", ".join(f"« {key} »" for key in PART_KEYS[:4])
            return (f"Aucune rubrique de brief reconnue : donnez un dictionnaire dont les clés sont les rubriques "
                    f"({names}…), ou collez le texte du brief entre guillemets.")
        texts = {key: "\n".join(filter(None, values)).strip() for key, values in parts_found.items()}
        whole = "\n\n".join(f"{PART_BY_KEY[key].label}\n{texts[key]}" for key in PART_KEYS if texts.get(key))
        truncated = len(whole) > MAX_ANALYSED_CHARS or any(len(t) > MAX_PART_CHARS for t in texts.values())
        parts = {key: texts.get(key, "")[:MAX_PART_CHARS] for key in PART_KEYS}
        return BriefReading(parts, frozenset(key for key, text in parts.items() if text), whole[:MAX_ANALYSED_CHARS],
                            False, truncated)
    kind = ("un nombre" if isinstance(brief, int | float) else "une liste" if isinstance(brief, list | tuple)
            else "une autre sorte de valeur")
    return (f"Le brief doit être un texte (le brief complet, entre guillemets) ou un dictionnaire de rubriques, "
            f"pas {kind}.")


# --------------------------------------------------------------------------- the findings of one part


@dataclass
class Finding:
    """What one part says: the elements present, the vague words, what is missing and what is wrong."""

    present: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    vague: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    #: Placeholders left (« à définir », « TBD »): the information is missing.
    placeholders: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.missing or self.problems or self.placeholders)


def _short(text: str, limit: int = QUOTE_CHARS) -> str:
    text = re.sub(r"\s+", " ", text).strip(" .;,:")
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@lru_cache(maxsize=512)
def _corrections(folded: str) -> tuple[tuple[int, int], ...]:
    """(position in the corrected text, shift back to the folded text) after each word the typo
    correction changed in length: positions in ``Reading.text`` map back to ``Reading.folded``."""
    shifts = []
    shift = 0
    for match in _LONG_WORD.finditer(folded):
        corrected = correct_typos(match.group(0))
        if len(corrected) != len(match.group(0)):
            shift += len(match.group(0)) - len(corrected)
            shifts.append((match.end() - shift, shift))
    return tuple(shifts)


def _own(reading: Reading, start: int, end: int, fallback: str) -> str:
    """The learner's words at [start, end) of the reading's corrected text, in their own spelling
    (lower-cased, accents kept) when positions can be mapped back; else the folded words."""
    written = normalize(reading.raw)
    if len(written) != len(reading.folded):
        return _short(fallback)
    shifts = _corrections(reading.folded)

    def back(position: int) -> int:
        index = bisect.bisect_right([at for at, _shift in shifts], position) - 1
        return position + (shifts[index][1] if index >= 0 else 0)

    return _short(written[back(start):back(end - 1) + 1] if end > start else "")


def _first(meaning: Meaning, reading: Reading, *, words: int = 0) -> str | None:
    """The learner's words for the first affirmed hit of ``meaning``, with up to ``words`` words after it."""
    hits = meaning.affirmed(reading)
    if not hits:
        return None
    hit = hits[0]
    end = hit.end
    if words:
        following = re.match(rf"(?:[\s:'-]*[\w'-]+){{0,{words}}}", reading.text[end:])
        stop = re.search(r"[.;,\n(]", reading.text[end:])
        end += min(following.end() if following else 0, stop.start() if stop else len(reading.text))
    return _own(reading, hit.start, end, reading.text[hit.start:end])


def _any(meaning: Meaning, reading: Reading) -> str | None:
    """Like :func:`_first`, negated hits included (a list of don'ts, « pas de suppression avant 6 mois »)."""
    hits = meaning.hits(reading)
    return _own(reading, hits[0].start, hits[0].end, hits[0].text) if hits else None


def _matched(text: str, folded: str, match: re.Match[str]) -> str:
    """A regex match on ``fold(text)``, quoted in the learner's spelling when positions allow it."""
    written = normalize(text)
    return _short(written[match.start():match.end()] if len(written) == len(folded) else match.group(0))


def _joined(items: list[str]) -> str:
    items = list(dict.fromkeys(items))
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " et " + items[-1]


def _quoted(items: Iterable[str]) -> str:
    return ", ".join(f"« {item} »" for item in dict.fromkeys(items))


@lru_cache(maxsize=256)
def _blurs(folded: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(placeholders, vague words) of a folded text, the first few of each."""
    placeholders = tuple(itertools.islice((_short(m.group(0)) for m in _PLACEHOLDERS.finditer(folded)), 3))
    vague = tuple(itertools.islice((_short(m.group(0)) for m in _VAGUE.finditer(folded)), 3))
    return placeholders, vague


def _vague_words(reading: Reading, finding: Finding) -> None:
    placeholders, vague = _blurs(reading.folded)
    finding.placeholders.extend(placeholders)
    finding.vague.extend(vague)


def _distinct_words(reading: Reading) -> int:
    """How many different words of two letters or more a text has (a pasted tag repeated is one)."""
    return len({word for word in reading.words() if len(word) > 1 and not word.isdigit()})


_MEASURE_AFTER = re.compile(r"\s?(?:g|kg|ml|cl|l|cm|mm|km|h|heures?|jours|mois|ans|lavages|utilisations|doses|"
                            r"ingredients|produits|references|couleurs|tailles|vitesses)\b")


def _items(text: str) -> list[str]:
    """The list items of a part: one per line (bullets and numbers dropped), or separated by « ; »,
    « / » or full stops."""
    items = []
    for line in text.splitlines():
        for raw in _SPLIT_ITEMS.split(_BULLET.sub("", line)):
            item = _BULLET.sub("", raw).strip(" -•*\t.")
            if not re.search(r"[^\W\d_]", item) or (item.endswith(":") and len(item.split()) <= 6):
                continue
            items.append(item)
    return items


def _clauses(text: str) -> list[str]:
    return [clause.strip() for clause in _CLAUSES.split(text) if clause and clause.strip()]


def _claim_lines(text: str) -> list[str]:
    """The lines of a part that assert something (a line that forbids or denies is not a claim)."""
    return [line for line in _LINES.split(text) if line.strip() and not PROHIBITION.hits(read(line))
            and not re.search(r"\binterdit\w*|\ba eviter\b|\bproscri\w*|\bpas d'allegation\b", fold(line))]


def _claims_made(text: str) -> tuple[list[str], list[str]]:
    """(medical promises, vague green claims) affirmed in a part's lines."""
    medical: list[str] = []
    green: list[str] = []
    for line in _claim_lines(text):
        reading = read(line)
        found = _first(_MEDICAL, reading)
        if found:
            medical.append(found)
        found = _first(_GREEN_VAGUE, reading)
        if found:
            green.append(found)
    return medical, green


def _claim_problems(finding: Finding, text: str) -> None:
    medical, green = _claims_made(text)
    if medical:
        finding.problems.append(
            f"« {medical[0]} » est une promesse médicale : un cosmétique ou un aliment ne soigne pas (règlements "
            "européens 1223/2009 et 655/2013) ; retirez-la et mettez-la dans les interdits")
    if green:
        finding.problems.append(
            f"« {green[0]} » est une allégation environnementale générique, interdite dans l'UE depuis le 27 septembre "
            "2026 (directive 2024/825) ; remplacez-la par un fait vérifiable (« flacon rechargeable »)")


# --------------------------------------------------------------------------- one function per part


def _contacts(text: str) -> Finding:
    finding = Finding()
    reading = read(text)
    email = _EMAIL.search(text)
    phone = _PHONE.search(text)
    name = _NAME.search(text)
    role = _first(_ROLE, reading)
    if name:
        finding.present.append(f"un nom ({_short(name.group(0), 30)})")
    elif role:
        finding.present.append(f"une fonction (« {role} »)")
    if email:
        finding.present.append("un e-mail")
    if phone:
        finding.present.append("un téléphone")
    elif _CHANNEL.search(reading.folded):
        finding.present.append("une messagerie")
    if not (name or role):
        finding.missing.append("le nom (ou la fonction) de la personne qui suit la collaboration")
    if not (email or phone):
        finding.missing.append("un e-mail ou un téléphone pour la joindre")
    _vague_words(reading, finding)
    return finding


def _brand(text: str) -> Finding:
    finding = Finding()
    reading = read(text)
    story = _first(_STORY, reading, words=2)
    tone = _first(_TONE, reading, words=3)
    if story or _distinct_words(reading) >= 15:
        finding.present.append(f"l'histoire de la marque (« {story} »)" if story else "une présentation de la marque")
    else:
        finding.missing.append("l'histoire de la marque en deux ou trois phrases : d'où elle vient, ce qu'elle défend")
    if tone:
        finding.present.append(f"le ton (« {tone} »)")
    else:
        finding.missing.append("le ton attendu (par exemple : tutoiement, chaleureux, sans jargon)")
    _vague_words(reading, finding)
    return finding


def _product(text: str, located: bool) -> Finding:
    finding = Finding()
    reading = read(text)
    figures = [q for q in find_quantities(reading.folded) if q.value > 0
               and (q.unit or _MEASURE_AFTER.match(reading.folded, q.end))]
    fact = _first(_FACT_WORDS, reading)
    if fact or figures:
        finding.present.append(f"des faits précis (« {fact or figures[0].raw} »)")
    else:
        finding.missing.append("des faits vérifiables sur le produit : composition, prix, où l'acheter")
    if located:
        unproven = []
        for clause in re.split(r"[\n;.!?]+", text):
            clause_reading = read(clause)
            claim = _first(_CLAIMS, clause_reading)
            if claim and not _EVIDENCE.hits(clause_reading):
                unproven.append(claim)
        if unproven:
            finding.problems.append(
                f"{_quoted(unproven[:2])} : une allégation sans preuve. Donnez la preuve (test, étude, label) ou "
                "retirez-la : la marque doit pouvoir justifier ce que le créateur dira")
        elif _CLAIMS.hits(reading):
            finding.present.append("la preuve de chaque allégation")
        _claim_problems(finding, text)
    _vague_words(reading, finding)
    return finding


@dataclass(frozen=True)
class ObjectiveFacts:
    stage: str | None
    kpi_words: tuple[str, ...]
    fitting: bool


def _objective(text: str, today: date, campaign: Campaign) -> tuple[Finding, ObjectiveFacts | None]:
    finding = Finding()
    reading = read_objective(text, today, campaign=campaign)
    facts = None
    if len(reading.stages) > 1:
        names = _quoted(STAGES[s].lower() for s in reading.stages)
        finding.problems.append(f"plusieurs objectifs à la fois ({names}) : un brief en donne un seul, les autres "
                                "chiffres deviennent des indicateurs secondaires")
    elif len(reading.stages) == 1:
        stage = reading.stages[0]
        finding.present.append(f"un objectif de {STAGES[stage].lower()}")
        fitting = any(kpi.stage == stage for kpi in reading.kpis)
        facts = ObjectiveFacts(stage, reading.kpi_words, fitting) if reading.kpis else None
    else:
        finding.missing.append("l'objectif de la campagne (notoriété, considération, conversion ou fidélisation)")
    if reading.kpis:
        finding.present.append(f"son indicateur ({_quoted(w.lower() for w in reading.kpi_words[:2])})")
    else:
        finding.missing.append("l'indicateur (KPI) qui le mesure, par exemple les ventes ou la portée")
    if reading.targets:
        finding.present.append(f"un chiffre à atteindre (« {reading.targets[0].raw} »)")
    else:
        finding.missing.append("le chiffre à atteindre")
    if reading.deadline is None:
        finding.notes.append("Précisez aussi l'échéance (« d'ici fin juin 2027 »).")
    _vague_words(read(text), finding)
    return finding, facts


def _kpi_fit_item(facts: ObjectiveFacts) -> FeedbackItem:
    assert facts.stage is not None
    stage = STAGES[facts.stage].lower()
    words = facts.kpi_words[0].lower() if facts.kpi_words else ""
    if facts.fitting:
        return FeedbackItem("kpi_fit", "KPI adapté à l'objectif", True,
                            f"« {words} » mesure bien un objectif de {stage}.")
    suggestions = _quoted([k.label[0].lower() + k.label[1:] for k in KPIS if k.stage == facts.stage][:3])
    return FeedbackItem(
        "kpi_fit", "KPI adapté à l'objectif", False,
        f"« {words} » ne mesure pas un objectif de {stage}. Pour cette étape, suivez plutôt {suggestions} : le "
        "créateur saura ce qui compte, et le bilan pourra dire si l'objectif est atteint.", READ_OBJECTIVE)


def _reporting(text: str, stage: str | None, today: date) -> Finding:
    finding = Finding()
    reading = read(text)
    tracking = _first(_TRACKING, reading)
    stats = [hit for hit in _STATS.affirmed(reading)]
    when = _WHEN.search(reading.folded) or (find_dates(text, today) and True)
    if tracking:
        finding.present.append(f"le suivi (« {tracking} »)")
    elif stage in _STAGE_NEEDS_TRACKING:
        finding.missing.append("le moyen de suivre les clics ou les ventes (lien UTM, code promo dédié)")
    if stats:
        names = [_own(reading, hit.start, hit.end, hit.text) for hit in stats[:3]]
        finding.present.append(f"les statistiques à envoyer ({_quoted(names)})")
    else:
        finding.missing.append("les statistiques que le créateur envoie (portée, vues, clics, captures d'écran)")
    if when:
        finding.present.append("leur date")
    else:
        finding.missing.append("quand les envoyer (par exemple à J+7 et à J+30)")
    _vague_words(reading, finding)
    return finding


_AGE_SPAN = re.compile(r"\b\d{2}\s?(?:-|a|/)\s?\d{2}\b(?:\s?ans)?|\b\d{2} ans et (?:plus|\+)")
_PLACE = Meaning(
    "place",
    r"\bfrance\b", r"\bsuisse\b", r"\bromand\w*", r"\bbelgique\b", r"\blyon\w*", r"\bparis\w*", r"\bgenev\w*",
    r"\blausann\w*", r"\bquebec\w*", r"\bregions?\b", r"\burbain\w*", r"\bvilles?\b", r"\bcantons?\b",
    r"\bdepartements?\b", r"\bfrancophone\w*", r"\bgermanophone\w*", r"\brur\w*", r"\bvaud\w*", r"\bleman\b",
    r"\beurope\w*", r"\bbordeaux\b", r"\bmarseill\w*", r"\blille\b", r"\bnantes\b", r"\btoulouse\b", r"\bzurich\b",
)
_GROUP = Meaning(
    "group",
    r"\bsensibles? (?:a|au|aux)\b", r"\bpassionne\w*", r"\bamateurs? (?:de|d')", r"\binteresse\w* par\b",
    r"\bparents?\b", r"\betudiant\w*", r"\bjeunes actifs\b", r"\bsportif\w*", r"\bcoureu\w+", r"\bgamers?\b",
    r"\bjoueu\w+", r"\bcyclistes?\b", r"\bmamans?\b", r"\bpapas?\b", r"\bfemmes\b", r"\bhommes\b",
    r"\bcheveux \w+", r"\bpeaux? \w+", r"\bdirigeants?\b", r"\bentrepreneu\w+", r"\bfamilles?\b", r"\bseniors?\b",
    r"\bfans? (?:de|d')", r"\bcuisin\w*", r"\bvegan\w*", r"\bzero dechet\b", r"\bapprentis?\b", r"\bqui (?!que)\w+",
    r"\bcadres?\b", r"\bindependants?\b", r"\bfreelances?\b", r"\bpatients\b", r"\bvoyageu\w+", r"\blecteu\w+",
)
_VAGUE_AUDIENCE = Meaning("vague_audience", r"\btout le monde\b", r"\bgrand public\b", r"\btous (?:les )?publics?\b",
                          r"\bles jeunes\b", r"\bles gens\b", r"\btoutes? (?:les )?cibles?\b", r"\bmonsieur et madame"
                          r" tout le monde\b")


def _audience(text: str) -> Finding:
    finding = Finding()
    reading = read(text)
    ages = bool(find_age_ranges(reading.folded)) or bool(_AGE_SPAN.search(reading.folded))
    place = _first(_PLACE, reading)
    group = _first(_GROUP, reading)
    elements = [name for name, found in (("l'âge", ages), ("le lieu", place), ("un centre d'intérêt ou une situation",
                                                                                group)) if found]
    if elements:
        finding.present.append(_joined(elements))
    if len(elements) < 2:
        vague = _first(_VAGUE_AUDIENCE, reading)
        if vague:
            finding.problems.append(f"« {vague} » est trop large : le créateur ne sait pas à qui il parle")
        finding.missing.append("au moins deux précisions parmi l'âge, le lieu et un centre d'intérêt (« 18-34 ans, en "
                               "Suisse romande, sensibles au zéro déchet »)")
    _vague_words(reading, finding)
    return finding


def _concept(text: str) -> Finding:
    finding = Finding()
    reading = read(text)
    idea = _first(_CONCEPT, reading)
    if idea or _distinct_words(reading) >= 10:
        finding.present.append(f"une idée de contenu (« {idea} »)" if idea else "une idée de contenu")
    else:
        finding.missing.append("l'idée du contenu en une ou deux phrases (l'angle, la situation filmée)")
    verbatim = _first(VERBATIM, reading) or _first(NO_FREEDOM, reading)
    freedom = _first(FREEDOM, reading) or _first(_FREE_EXTRA, reading)
    if verbatim:
        finding.problems.append(f"« {verbatim} » ne laisse rien au créateur : donnez des points clés, pas un texte "
                                "à réciter, et écrivez ce qu'il décide")
    elif freedom:
        finding.present.append(f"la liberté du créateur (« {freedom} »)")
    else:
        finding.missing.append("ce que le créateur décide lui-même (le ton, le décor, le montage…), écrit noir sur "
                               "blanc")
    _vague_words(reading, finding)
    return finding


def _messages(text: str, located: bool) -> Finding:
    finding = Finding()
    items = _items(text) if located else []
    if not located:
        found = re.search(r"messages? cles?\s*:?\s*(.+)", fold(text))
        items = _items(found.group(1)) if found else []
    if not items:
        finding.missing.append("les messages clés, un par ligne (trois au plus)")
        return finding
    if len(items) > MAX_KEY_MESSAGES:
        finding.problems.append(f"{len(items)} messages : c'est trop pour une vidéo courte. Gardez-en "
                                f"{MAX_KEY_MESSAGES} au plus : ce que le public doit retenir s'il ne retient "
                                "qu'une chose")
    else:
        plural = "s" if len(items) > 1 else ""
        finding.present.append(f"{len(items)} message{plural} clé{plural} (« {_short(items[0], 50)} »)")
    long_items = [item for item in items if len(item.split()) > 30]
    if long_items:
        finding.notes.append("Un message de plus de trente mots ressemble à un script : gardez l'idée, le créateur "
                             "trouvera ses mots.")
    if located:
        _claim_problems(finding, text)
    _vague_words(read(text), finding)
    return finding


def _cta(text: str, campaign: Campaign) -> Finding:
    finding = Finding()
    reading = read(text)
    tags = [m.group(0).rstrip(".") for m in _TAG.finditer(text) if not _DISCLOSURE_TAG.fullmatch(fold(m.group(0)))]
    url = _URL.search(text)
    placement = _first(LINK_PLACEMENT, reading) or _first(PROMO_CODE, reading)
    verb = _first(_CTA_VERBS, reading)
    if tags:
        finding.present.append(f"les tags ({', '.join(dict.fromkeys(tags[:3]))})")
        brand = re.sub(r"[^a-z0-9]", "", fold(campaign.brand.name))
        if brand and not any(brand in re.sub(r"[^a-z0-9]", "", fold(tag)) for tag in tags if tag.startswith("@")):
            finding.notes.append(f"Identifiez aussi le compte de la marque (@{brand}).")
    else:
        finding.missing.append("les tags : le compte de la marque à identifier (@…) et, si besoin, un hashtag")
    if url or placement or _LINK_WORD.hits(reading):
        finding.present.append(f"le lien (« {_short(url.group(0), 40) if url else placement or 'lien'} »)")
    else:
        finding.missing.append("le lien (ou le code) vers lequel envoyer le public, et où le placer")
    if verb:
        finding.present.append(f"l'appel à l'action (« {verb} »)")
    else:
        finding.missing.append("l'action demandée au public, avec un verbe (« découvre », « essaie », « commande »)")
    _vague_words(reading, finding)
    return finding


@dataclass(frozen=True)
class Deliverable:
    """One line of the deliverables, as the export's table shows it."""

    text: str
    format: str
    count: str
    length: str
    subtitles: str
    online: str


def deliverable_rows(text: str) -> list[Deliverable]:
    """The deliverables part, one row per line that names a format (for the exported table)."""
    rows = []
    for line in _items(text)[:30]:
        reading = read(line)
        fmt = _first(_FORMAT, reading)
        if not fmt:
            continue
        count = _COUNT.search(reading.folded)
        length = _LENGTH.search(reading.folded)
        subtitles = _SUBTITLES.hits(reading)
        online = _any(_ONLINE, reading)
        rows.append(Deliverable(
            _short(line, 200), fmt, _short(count.group(0).split()[0], 10) if count else "",
            _matched(line, reading.folded, length) if length else "",
            ("non" if subtitles[0].negated else "oui") if subtitles else "", online or ""))
    return rows


def _deliverables(text: str) -> Finding:
    finding = Finding()
    reading = read(text)
    fmt = _first(_FORMAT, reading)
    length = _LENGTH.search(reading.folded)
    subtitles = _SUBTITLES.hits(reading)
    online = _any(_ONLINE, reading)  # « ne pas supprimer avant 6 mois » says how long, negation and all
    if fmt:
        count = _COUNT.search(reading.folded)
        finding.present.append(f"le format (« {_matched(text, reading.folded, count) if count else fmt} »)")
        if not count:
            finding.notes.append("Dites combien de contenus de chaque format (« 1 Reel + 3 stories »).")
    else:
        finding.missing.append("le format de chaque contenu (Reel, story, vidéo TikTok…)")
    if length:
        finding.present.append(f"la durée (« {_matched(text, reading.folded, length)} »)")
    else:
        finding.missing.append("la durée ou la taille (« 30 à 45 s », « 5 photos »)")
    if subtitles:
        finding.present.append("les sous-titres")
        if subtitles[0].negated:
            finding.notes.append("Sans sous-titres, une vidéo regardée sans le son perd son message : demandez-les.")
    else:
        finding.missing.append("les sous-titres (beaucoup regardent sans le son)")
    if online:
        finding.present.append(f"la durée de mise en ligne (« {online} »)")
    else:
        finding.missing.append("combien de temps le contenu reste en ligne (« au moins 6 mois »)")
    _vague_words(reading, finding)
    return finding


@dataclass(frozen=True)
class Timeline:
    draft: date | None
    publication_start: date | None
    publication_end: date | None


def _timeline(text: str, today: date) -> tuple[Finding, Timeline]:
    finding = Finding()
    draft: list[date] = []
    publication: list[date] = []
    rounds = payment = False
    payment_days: int | None = None
    payment_term = False
    for clause in _clauses(text):
        reading = read(clause)
        dates = find_dates(clause, today)
        is_draft = bool(_DRAFT.hits(reading))
        is_publication = bool(_PUBLICATION.hits(reading))
        is_payment = bool(_PAYMENT.hits(reading))
        if _ROUNDS.hits(reading) and not is_payment:
            rounds = True
        if is_payment:
            payment = True
            term = _PAYMENT_TERM.search(reading.folded)
            if term or dates:
                payment_term = True
            if term and term.group(1):
                payment_days = max(payment_days or 0, int(term.group(1)))
            continue
        if is_draft and dates:
            draft.append(dates[0])
        elif is_publication and dates:
            publication.extend(dates)
    timeline = Timeline(min(draft) if draft else None, min(publication) if publication else None,
                        max(publication) if publication else None)
    if timeline.draft:
        finding.present.append(f"le premier jet ({format_date(timeline.draft)})")
    else:
        finding.missing.append("la date du premier jet (« 26 février 2027 »)")
    if rounds:
        finding.present.append("les tours de retours")
    else:
        finding.missing.append("les tours de retours (un ou deux, avec leur délai)")
    if timeline.publication_start:
        start, end = timeline.publication_start, timeline.publication_end
        shown = format_date(start) if start == end or end is None else f"du {format_date(start)} au {format_date(end)}"
        finding.present.append(f"la publication ({shown})")
    else:
        finding.missing.append("la période de publication, datée (« du 15 au 31 mars 2027 »)")
    if payment and payment_term:
        finding.present.append("le paiement")
        if payment_days is not None and payment_days > MAX_PAYMENT_DAYS:
            finding.problems.append(f"un paiement à {payment_days} jours dépasse le délai légal de {MAX_PAYMENT_DAYS} "
                                    "jours après la facture (Code de commerce, art. L441-10)")
    else:
        finding.missing.append("quand le créateur est payé (« à 30 jours après la facture »)")
    _vague_words(read(text), finding)
    return finding, timeline


def _review_item(timeline: Timeline) -> FeedbackItem:
    assert timeline.draft is not None and timeline.publication_start is not None
    gap = (timeline.publication_start - timeline.draft).days
    label = "Délai de relecture"
    draft, start = format_date(timeline.draft), format_date(timeline.publication_start)
    if gap >= MIN_REVIEW_DAYS:
        return FeedbackItem("review_time", label, True,
                            f"{gap} jours entre le premier jet ({draft}) et la publication ({start}) : le temps de "
                            "relire, de demander une correction et de la recevoir.")
    if gap < 0:
        why = f"le premier jet ({draft}) arrive après le début de la publication ({start})"
    else:
        why = f"{gap} jour{'s' if gap > 1 else ''} seulement entre le premier jet ({draft}) et la publication ({start})"
    return FeedbackItem("review_time", label, False,
                        f"{why[0].upper()}{why[1:]} : personne ne peut relire, corriger et republier à temps. "
                        f"Avancez le premier jet d'au moins {MIN_REVIEW_DAYS} jours avant la publication.",
                        READ_DELIVERABLES)


@dataclass(frozen=True)
class MarketVerdict:
    market: str
    ok: bool
    message: str


def _wordings(text: str) -> list[str]:
    quoted = [next(g for g in match.groups() if g) for match in _QUOTED.finditer(text)]
    return [q for q in quoted if q.strip()] or [text]


def _market_verdicts(text: str, campaign: Campaign) -> list[MarketVerdict] | None:
    """For each market, whether a wording of the brief passes its rules; None when no wording is found."""
    wordings = _wordings(text)[:8]
    found_any = False
    verdicts = []
    for market in campaign_markets(campaign):
        rules = MARKET_RULES[market]
        best: MarketVerdict | None = None
        for wording in wordings:
            reading = read_disclosure(wording[:2_000])
            mention = best_mention(reading, rules)
            if mention is None:
                continue
            found_any = True
            feedback = check_disclosure(wording[:2_000], rules)
            items = {item.criterion: item for item in feedback.items}
            if "applicable" in items:
                continue
            failed = [items[c] for c in ("wording", "language") if c in items and not items[c].ok]
            verdict = MarketVerdict(market, not failed, failed[0].message if failed else
                                    items["wording"].message if "wording" in items else "")
            if verdict.ok:
                best = verdict
                break
            best = best or verdict
        if best is None and found_any:
            best = MarketVerdict(market, False, "La mention n'est pas dans la langue de ce public : ajoutez sa "
                                 "version (« Werbung » en Suisse alémanique, « Ad » au Royaume-Uni).")
        if best is not None:
            verdicts.append(best)
    return verdicts if found_any else None


def _disclosure(text: str, whole: str) -> Finding:
    finding = Finding()
    reading = read(text)
    waiver = WAIVER.hits(reading) or [hit for hit in _DISCLOSURE_WORD.hits(reading) if hit.negated]
    if waiver:
        finding.problems.append(f"« {_own(reading, waiver[0].start, waiver[0].end, waiver[0].text)} » : la mention "
                                "n'est pas facultative, la loi impose de signaler le partenariat dès le début du "
                                "contenu")
    late = _LATE_PLACEMENT.search(reading.folded)
    if late:
        finding.problems.append(f"« {_matched(text, reading.folded, late)} » : une mention en fin de légende ou "
                                "parmi les hashtags est lue trop tard ; placez-la en tête")
    mention = None
    for wording in _wordings(text)[:8]:
        candidate = best_mention(read_disclosure(wording[:2_000]), "FR") or best_mention(
            read_disclosure(wording[:2_000]), "CH")
        if candidate is not None:
            mention = candidate.text
            break
    if mention:
        finding.present.append(f"la mention (« {mention} »)")
    else:
        finding.missing.append("la mention exacte, entre guillemets (« Publicité » ou « Collaboration commerciale "
                               "avec @marque »)")
    placement = _first(_PLACEMENT, reading)
    if placement:
        finding.present.append(f"sa place (« {placement} »)")
    elif late:
        pass
    else:
        finding.missing.append("où la placer : en tête de légende et sur l'image, dès les premières secondes")
    used = [hit for hit in _IMAGES_USED.affirmed(read(whole[:MAX_ANALYSED_CHARS]))]
    if used and not _IMAGES_MENTION.search(reading.folded):
        finding.missing.append("la mention « Images retouchées » ou « Images virtuelles », puisque le brief parle de "
                               f"« {_short(used[0].text, 30)} »")
    elif _IMAGES_MENTION.search(reading.folded):
        finding.present.append("« Images retouchées / virtuelles » si besoin")
    _vague_words(reading, finding)
    return finding


def _disclosure_rules_item(verdicts: list[MarketVerdict]) -> FeedbackItem:
    label = "Mention valable sur vos marchés"
    failed = [v for v in verdicts if not v.ok]
    names = _joined([MARKET_NAMES.get(v.market, v.market) for v in verdicts])
    if not failed:
        return FeedbackItem("disclosure_rules", label, True,
                            f"La mention répond aux règles de chaque marché de la campagne ({names}).")
    where = _joined([MARKET_NAMES.get(v.market, v.market) for v in failed])
    return FeedbackItem("disclosure_rules", label, False, f"{where} : {failed[0].message}", READ_DISCLOSURE)


def _forbidden(text: str, campaign: Campaign, context: str) -> Finding:
    finding = Finding()
    reading = read(text)
    # A list of don'ts is written with negations (« pas de promesse médicale »): every hit counts.
    medical = _MEDICAL_BAN.hits(reading)
    green = _GREEN_BAN.hits(reading)
    music = _MUSIC.hits(reading)
    if medical:
        finding.present.append("l'interdiction des promesses médicales")
    elif needs_medical_ban(campaign):
        finding.missing.append("l'interdiction des promesses médicales (« guérit », « soigne ») : un cosmétique ou un "
                               "aliment ne soigne pas (règlements 1223/2009 et 655/2013)")
    if green:
        finding.present.append("l'interdiction des allégations environnementales vagues")
    elif _GREEN_CONTEXT.hits(read(context)):
        finding.missing.append("l'interdiction des allégations vertes vagues (« écologique », « bon pour la "
                               "planète ») : interdites dans l'UE depuis le 27 septembre 2026 (directive 2024/825)")
    if music and _LICENSED.hits(reading):
        finding.present.append("la règle sur la musique (sous licence uniquement)")
    elif music:
        finding.missing.append("la règle sur la musique : uniquement des sons sous licence commerciale, ou libres de "
                               "droits")
    else:
        finding.missing.append("la musique : uniquement des sons sous licence commerciale (bibliothèque commerciale "
                               "de la plateforme) ou libres de droits")
    _vague_words(reading, finding)
    return finding


def _rights(text: str) -> Finding:
    finding = Finding()
    clauses = [c for c in _SENTENCES.split(text) if c and c.strip()] or [text]
    usage = exclusivity = boost = False
    for clause in clauses:
        reading = read(clause)
        folded = reading.folded
        usage_hits = _USAGE.hits(reading)
        if usage_hits and not _EXCLUSIVITY.hits(reading) and not _BOOST.affirmed(reading):
            usage = True
            unlimited = _UNLIMITED.search(folded)
            if any(not h.negated for h in usage_hits):
                if unlimited:
                    finding.problems.append(f"des droits sans limite (« {_matched(clause, folded, unlimited)} ») : une "
                                            "cession de droits d'auteur précise chaque usage, sa durée et son "
                                            "territoire (CPI L131-3)")
                else:
                    if not _DURATION.search(folded):
                        finding.missing.append("la durée des droits d'utilisation (« 6 mois »)")
                    if not _TERRITORY.search(folded):
                        finding.missing.append("le territoire des droits (« France et Suisse »)")
        exclusive = _EXCLUSIVITY.hits(reading)
        if exclusive:
            exclusivity = True
            if any(not h.negated for h in exclusive) and not re.search(r"\b(?:aucune|pas d'|sans) exclusivit", folded):
                if not _DURATION.search(folded):
                    finding.missing.append("la durée de l'exclusivité")
                if not _SCOPE.search(folded):
                    finding.missing.append("le périmètre de l'exclusivité (quelles marques concurrentes)")
        boosted = _BOOST.hits(reading)
        if boosted:
            boost = True
            if any(not h.negated for h in boosted) and not _DURATION.search(folded):
                finding.missing.append("la durée de la sponsorisation (« 30 jours »)")
    if usage:
        finding.present.append("les droits d'utilisation")
    else:
        finding.missing.append("les droits d'utilisation des contenus par la marque (usages, durée, territoire), "
                               "ou « aucune réutilisation »")
    if exclusivity:
        finding.present.append("l'exclusivité")
    else:
        finding.missing.append("l'exclusivité : combien de temps, face à quelles marques, ou « pas d'exclusivité »")
    if boost:
        finding.present.append("la sponsorisation")
    else:
        finding.missing.append("si la marque sponsorise les contenus (et combien de temps), ou « pas de "
                               "sponsorisation »")
    _vague_words(read(text), finding)
    return finding


@dataclass(frozen=True)
class Payment:
    """What the brief says one creator is paid: fees and gifts, in euros HT (or CHF), and the contract."""

    who: str  # the creator named before the amounts (« Samir : 450 € »), "" for a brief to one creator
    fees: float
    gifts: float
    currency: str  # "€" or "CHF"
    contract: bool
    no_contract: bool
    vat_included: bool


_WHO = re.compile(r"^\s*[-•*]?\s*(?P<who>[^:\n]{2,60}?)\s*:\s")


def _amounts(line: str) -> tuple[float, float, set[str], bool]:
    """(fees, gifts, currencies, VAT included) said in one line."""
    folded = fold(line)
    fees = gifts = 0.0
    units: set[str] = set()
    ttc = bool(re.search(r"\bttc\b|\btva (?:comprise|incluse)\b", folded))
    for amount in find_quantities(folded):
        if amount.unit not in {"€", "CHF"} or amount.value <= 0:
            continue
        value = amount.value / 1.2 if ttc and amount.unit == "€" else amount.value
        units.add(amount.unit)
        before = folded[max(0, amount.start - 40):amount.start]
        after = folded[amount.end:amount.end + 30]
        if _GIFT.search(before) or re.search(r"^\s*(?:de|en)\s+(?:produits|valeur)", after):
            gifts += value
        else:
            fees += value
    return fees, gifts, units, ttc


def _contract_said(text: str) -> tuple[bool, bool]:
    """(a contract is referred to, a contract is refused) in a text."""
    reading = read(text)
    refused = bool(_NO_CONTRACT.search(reading.folded)) or bool(_CONTRACT.denied(reading))
    return any(not hit.negated for hit in _CONTRACT.hits(reading)) and not refused, refused


def payments(text: str) -> list[Payment]:
    """The payments a pay part states: one per creator when several lines name a creator and an amount
    (« Samir : 450 € HT… »), else one for the whole part."""
    lines = [line for line in _LINES.split(text) if line.strip()]
    paid = [(line, _amounts(line)) for line in lines]
    paid = [(line, found) for line, found in paid if found[0] or found[1]]
    whole_contract, whole_refused = _contract_said(text)
    named = [(line, found) for line, found in paid if _WHO.match(line)]
    if len(named) >= 2 and len(named) == len(paid):
        result = []
        for line, (fees, gifts, units, ttc) in named:
            contract, refused = _contract_said(line)
            match = _WHO.match(line)
            who = _short(match.group("who"), 40) if match else ""
            result.append(Payment(who, fees, gifts, "CHF" if units == {"CHF"} else "€",
                                  (contract or whole_contract) and not refused, refused or whole_refused, ttc))
        return result
    if not paid:
        return []
    fees = sum(found[0] for _line, found in paid)
    gifts = sum(found[1] for _line, found in paid)
    units = set().union(*(found[2] for _line, found in paid))
    return [Payment("", fees, gifts, "CHF" if units == {"CHF"} else "€", whole_contract, whole_refused,
                    any(found[3] for _line, found in paid))]


def _pay(text: str) -> tuple[Finding, list[Payment]]:
    finding = Finding()
    reading = read(text)
    found = payments(text)
    contract, _refused = _contract_said(text)
    deferral = _first(PAY_DEFERRAL, reading)
    if len(found) > 1:
        finding.present.append(f"le montant pour chacun des {len(found)} créateurs")
    elif found:
        payment = found[0]
        symbol = payment.currency
        gift_part = f", dont {format_number(payment.gifts)} {symbol} de produits offerts" if payment.gifts else ""
        finding.present.append(f"le montant ({format_number(payment.fees + payment.gifts)} {symbol}{gift_part})")
    elif deferral:
        finding.problems.append(f"« {deferral} » n'est pas une rémunération : donnez un montant (cachet, valeur des "
                                "produits offerts)")
    else:
        finding.missing.append("le montant : cachet et valeur des produits offerts (ou la référence de l'offre)")
    if contract or (found and all(p.contract for p in found)):
        finding.present.append("la référence du contrat")
    else:
        finding.missing.append("la référence du contrat qui fixe la rémunération (le brief décrit le travail, le "
                               "contrat engage : montant, droits, paiement)")
    _vague_words(reading, finding)
    return finding, found


def _contract_item(found: list[Payment]) -> FeedbackItem | None:
    """The written-contract cross-check on the payments in euros (the French rule), or None when there are none."""
    label = "Contrat écrit"
    threshold = format_number(WRITTEN_CONTRACT_THRESHOLD_EUR_HT)
    in_euros = [p for p in found if p.currency == "€"]
    if not in_euros:
        return None

    def shown(payment: Payment) -> str:
        amount = f"{format_number(payment.fees + payment.gifts)} € HT"
        amount += " (montant TTC ramené hors taxes)" if payment.vat_included else ""
        return f"{payment.who} : {amount}" if payment.who else amount

    required = [p for p in in_euros if written_contract_required(p.fees, p.gifts)]
    lacking = [p for p in required if not p.contract or p.no_contract]
    if lacking:
        return FeedbackItem(
            "contract_flag", label, False,
            f"{'; '.join(shown(p) for p in lacking[:3])} : à partir de {threshold} € HT par an et par annonceur, "
            "produits offerts compris, un contrat écrit est obligatoire en France (décret n° 2025-1137, depuis le "
            "1er janvier 2026). Écrivez que la rémunération est fixée par le contrat signé.", READ_RIGHTS)
    if required:
        return FeedbackItem(
            "contract_flag", label, True,
            f"{'; '.join(shown(p) for p in required[:3])} : à partir de {threshold} € HT par an, le contrat écrit est "
            "obligatoire en France (décret n° 2025-1137), et le brief y renvoie.")
    return FeedbackItem(
        "contract_flag", label, True,
        f"{'; '.join(shown(p) for p in in_euros[:3])} : sous le seuil de {threshold} € HT, le contrat écrit n'est pas "
        "encore obligatoire pour cette seule collaboration ; il le devient si le total de l'année avec la marque "
        "atteint le seuil.")


def _approvals(text: str) -> Finding:
    finding = Finding()
    reading = read(text)
    approver = _first(_APPROVER, reading)
    who = _NAME.search(text) or _APPROVING_NAME.search(text) or _first(_ROLE, reading) or re.search(
        r"\b(?:la marque|l'agence|le service juridique|notre equipe|l'equipe|le client)\b", reading.folded)
    if approver and who:
        finding.present.append("qui valide")
    elif approver:
        finding.missing.append("qui valide (nom ou fonction)")
    else:
        finding.missing.append("qui valide les contenus, et en combien de tours")
    crisis_clauses = [c for c in _CLAUSES.split(text) if c and _CRISIS.hits(read(c))]
    crisis_text = " ".join(crisis_clauses)
    if crisis_clauses and (_PHONE.search(text) or _EMAIL.search(text)):
        finding.present.append("un contact de crise joignable")
    elif crisis_clauses:
        finding.missing.append(f"comment joindre le contact de crise (« {_short(crisis_text, 40)} » : ajoutez un "
                               "téléphone)")
    else:
        finding.missing.append("un contact de crise (nom et téléphone) si les commentaires dérapent ou si une erreur "
                               "est publiée")
    _vague_words(reading, finding)
    return finding


# --------------------------------------------------------------------------- from findings to items


def _message(part: Part, finding: Finding, text: str) -> str:
    if not text.strip():
        return f"Rubrique vide : écrivez {part.hint}."
    sentences = []
    if finding.present:
        sentences.append(f"Vous donnez {_joined(finding.present)}.")
    for problem in finding.problems:
        sentences.append(problem[0].upper() + problem[1:] + ".")
    if finding.placeholders:
        sentences.append(f"À compléter : {_quoted(finding.placeholders[:2])} laisse l'information en suspens.")
    if finding.missing:
        sentences.append(f"Il manque {_joined(finding.missing)}.")
    if finding.vague and finding.ok:
        sentences.append(f"Seul point flou : {_quoted(finding.vague[:2])} ; remplacez-le par un fait précis.")
    elif finding.vague:
        sentences.append(f"Flou : {_quoted(finding.vague[:2])}.")
    sentences.extend(finding.notes)
    return " ".join(sentences)


def _item(part: Part, finding: Finding, text: str) -> FeedbackItem:
    ok = finding.ok and bool(text.strip())
    return FeedbackItem(part.key, part.label, ok, _message(part, finding, text), None if ok else part.read_more)


def _chosen_parts(parts: object) -> frozenset[str] | str:
    """The parts to judge (all by default), or a French sentence about an unusable ``parts``."""
    if parts is None:
        return frozenset(PART_KEYS)
    names = [parts] if isinstance(parts, str) else parts
    if not isinstance(names, list | tuple) or not names:
        return "« parts » doit être une liste de rubriques, par exemple [\"disclosure\", \"timeline\"]."
    keys = [_key_of(name) for name in names]
    if any(key is None for key in keys):
        unknown = next(name for name, key in zip(names, keys, strict=True) if key is None)
        shown = unknown if isinstance(unknown, str) else "une valeur"
        return (f"« {_short(str(shown), 40)} » n'est pas une rubrique du brief. Rubriques : "
                f"{', '.join(PART_KEYS)}.")
    return frozenset(key for key in keys if key is not None)


@learner_check(CHECK_NAME, "Brief")
def check_brief(brief: object, *, campaign: Campaign | None = None, today: date | None = None,
                parts: object = None) -> Feedback:
    """Check a whole brief, point by point, against ``campaign`` (None: Sève / Rituel Avoine).

    ``brief`` is the mapping the chapter-10 workshop builds (keys of :data:`PART_KEYS`, or the parts'
    French titles; each value a text) or a whole brief pasted as one French text (Markdown or plain),
    split on its headings by :func:`split_brief`. One item per part of :data:`PARTS` (what is there,
    what is vague, what is missing), plus the cross-checks: ``kpi_fit``, ``review_time``,
    ``disclosure_rules`` and ``contract_flag`` (only when the parts they compare are there).
    ``parts`` (a list of part keys) judges only those parts and their cross-checks: one part of a
    brief at a time, as the exercises do. ``today`` (default: :func:`influence_workbook.clock.today`)
    gives a year to dates written without one. Never raises on learner input.
    """
    chosen_parts = _chosen_parts(parts)
    if isinstance(chosen_parts, str):
        return input_problem(CHECK_NAME, "Rubriques", chosen_parts, READ_CONTRACT)
    reading = read_brief(brief)
    if isinstance(reading, str):
        return input_problem(CHECK_NAME, "Brief", reading, READ_CONTRACT)
    if not any(reading.text(key).strip() for key in chosen_parts):
        if parts is None:
            return input_problem(CHECK_NAME, "Brief", "Toutes les rubriques du brief sont vides : écrivez au moins "
                                 "l'objectif, les livrables et le calendrier.", READ_CONTRACT)
        names = [f"« {PART_BY_KEY[key].label} »" for key in PART_KEYS if key in chosen_parts]
        where = f"la rubrique {names[0]}" if len(names) == 1 else f"les rubriques {_joined(names[:4])}"
        return input_problem(CHECK_NAME, "Brief", f"Rien à lire dans {where} : remplacez « ... » par votre texte, "
                             "entre guillemets droits.",
                             PART_BY_KEY[next(k for k in PART_KEYS if k in chosen_parts)].read_more)
    chosen = resolve(campaign)
    today = today or clock.today()
    text = reading.text
    items: list[FeedbackItem] = []

    def wanted(key: str) -> bool:
        return key in chosen_parts

    def add(key: str, finding: Finding) -> None:
        items.append(_item(PART_BY_KEY[key], finding, text(key)))

    if wanted("contacts"):
        add("contacts", _contacts(text("contacts")))
    if wanted("brand"):
        add("brand", _brand(text("brand")))
    if wanted("product"):
        add("product", _product(text("product"), "product" in reading.located))
    objective, facts = _objective(text("objective"), today, chosen)
    if wanted("objective"):
        add("objective", objective)
        if facts is not None and objective.ok:
            items.append(_kpi_fit_item(facts))
    if wanted("reporting"):
        add("reporting", _reporting(text("reporting"), facts.stage if facts is not None else None, today))
    if wanted("audience"):
        add("audience", _audience(text("audience")))
    if wanted("concept"):
        add("concept", _concept(text("concept")))
    if wanted("messages"):
        add("messages", _messages(text("messages"), "messages" in reading.located))
    if wanted("cta"):
        add("cta", _cta(text("cta"), chosen))
    if wanted("deliverables"):
        add("deliverables", _deliverables(text("deliverables")))
    if wanted("timeline"):
        timeline_finding, timeline = _timeline(text("timeline"), today)
        add("timeline", timeline_finding)
        if timeline.draft is not None and timeline.publication_start is not None:
            items.append(_review_item(timeline))
    if wanted("disclosure"):
        add("disclosure", _disclosure(text("disclosure"), reading.whole))
        verdicts = _market_verdicts(text("disclosure"), chosen) if text("disclosure").strip() else None
        if verdicts:
            items.append(_disclosure_rules_item(verdicts))
    if wanted("forbidden"):
        context = " ; ".join((chosen.brand.pitch, chosen.product, chosen.audience, text("product")[:2_000],
                              text("brand")[:2_000]))
        add("forbidden", _forbidden(text("forbidden"), chosen, context))
    if wanted("rights"):
        add("rights", _rights(text("rights")))
    if wanted("pay"):
        pay, found = _pay(text("pay"))
        add("pay", pay)
        contract_item = _contract_item(found) if "FR" in chosen.markets else None
        if contract_item is not None:
            items.append(contract_item)
    if wanted("approvals"):
        add("approvals", _approvals(text("approvals")))
    tips = []
    if reading.truncated:
        tips.append(f"Brief très long : seuls ses {format_number(MAX_ANALYSED_CHARS)} premiers caractères (et "
                    f"{format_number(MAX_PART_CHARS)} par rubrique) ont été lus.")
    if reading.pasted and len(reading.located) < len(PARTS) // 2 and len(chosen_parts) == len(PARTS):
        tips.append("Donnez à chaque rubrique son titre (« Calendrier », « Livrables »…) : le créateur retrouve "
                    "l'information d'un coup d'œil, et la vérification la lit rubrique par rubrique.")
    return build_feedback(CHECK_NAME, items, tips)
