"""Chapter 4 — « Manquer de communication authentique »: the first message to a creator.

The learner writes the first message of a campaign (« Rituel Avoine » by default, or the
learner's own, passed as ``campaign=``) to one creator of their shortlist.
:func:`check_outreach` reads it the way a creator would, through the reading layer
(:mod:`influence_workbook.reading`: negation, tu and vous, typos), and returns one feedback
item per thing that makes a creator answer:

addressed by name · a specific piece of their content, in a sentence about it (pasted keywords
and a repeated brand name do not count) · why this creator and this brand · a clear ask
(deliverables, timing) · pay stated openly (a deferral to « later », « visibility », a denial
or a gift alone is no pay) · a respectful tone (no urgency, no ultimatum, no capitals) · a
reasonable length · no mass-mail marker (template placeholders, « Cher influenceur », another
name).

:func:`check_outreach_batch` compares several messages and flags a copy sent unchanged, or
with only the name or a detail swapped, to different creators.

Every check answers any input quickly: a message is read on its first
:data:`MAX_ANALYSED_CHARS` characters, a creator's captions on the first
:data:`MAX_CAPTIONS` captions of :data:`MAX_CAPTION_CHARS` characters each, and a batch compares
the first :data:`MAX_BATCH_MESSAGES` messages on their first :data:`MAX_COMPARED_CHARS`
characters, as sets of word triples (linear in the text, not quadratic).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from influence_workbook.campaign import Campaign, resolve
from influence_workbook.checks.guard import learner_check
from influence_workbook.feedback import Feedback, FeedbackItem, build_feedback, input_problem
from influence_workbook.reading import PAY_DEFERRAL, PAY_PROMISE, PRESSURE, Hit, Meaning, Reading, expand, read
from influence_workbook.text import (
    Patterns,
    compile_patterns,
    find_quantities,
    fold,
    format_number,
    is_placeholder,
)

CHECK_NAME = "ch04-outreach"
BATCH_CHECK_NAME = "ch04-outreach-batch"
#: Longer texts are still checked, on their first characters only: a first message of 250
#: words is about 1 700 characters, and reading more would only slow the answer down.
MAX_ANALYSED_CHARS = 8_000
#: A creator's captions are read up to this many, each on its first characters: enough to find
#: what they talk about, and an answer in milliseconds whatever the card holds.
MAX_CAPTIONS = 50
MAX_CAPTION_CHARS = 2_000
#: A batch compares this many messages, each on its first characters (a first message is short).
MAX_BATCH_MESSAGES = 40
MAX_COMPARED_CHARS = 2_000
MIN_WORDS = 60
MAX_WORDS = 250
AGENT_THRESHOLD_FOLLOWERS = 100_000
#: Two messages sharing this share of their word triples (names left out) count as one copy:
#: swapping the name or one detail stays above it; rewriting the sentences about the person
#: (the content cited, the reason for the choice) goes below it, as the chapter asks.
SIMILARITY_THRESHOLD = 0.8

# Sections of chapter 4 that feedback points to (their titles in the chapter).
READ_WHY = "Pourquoi ça coûte cher"
READ_PERSONAL = "Personnaliser vraiment"
READ_ASK = "Une demande claire, une rémunération annoncée"
READ_TONE = "Un ton respectueux, sans pression"
READ_EXAMPLE = "Exemple : avant, après"

#: A fictional creator (not in the sample data), as :func:`creator_card` reads one: for examples,
#: the documentation, the tests and the benchmarks.
EXAMPLE_CREATOR: dict[str, object] = {
    "creator_id": "C0001",
    "display_name": "Léa Verdure",
    "handle": "lea.verdure",
    "niche": "beaute",
    "followers": 42_000,
    "recent_posts": [
        "Ma routine cheveux bouclés sans silicone 🌿 #routine #zerodechet",
        "Test de trois savons solides fabriqués en Ardèche : mon avis honnête",
        "Recette de masque maison à l’argile verte pour cuir chevelu sensible",
    ],
}

#: Short words that glue a French sentence together. A real sentence has some; a list of
#: pasted keywords (« peau sensible apaise rougeurs routine… ») has almost none.
FUNCTION_WORDS: frozenset[str] = frozenset(
    """
    a ai as au aux avec c ca ce ces cet cette chez d dans de des du elle en est et etait es il
    j je l la le les leur lui m ma me mes mon n ne nos notre nous on ont ou par pas pour qu que qui
    s sa se ses si son sont suis sur t ta te tes toi ton tu un une vos votre vous y est-ce moi ici
    plus tres car mais donc quand comme parce avons avez aussi bien tout tous cela
    """.split()
)
#: Words that show a sentence speaks to or about the person (tu or vous alike).
_ADDRESS_WORDS: frozenset[str] = frozenset("tu te t toi ta ton tes vous votre vos".split())


def campaign_words(campaign: Campaign | None = None) -> tuple[str, ...]:
    """Words of the campaign's own pitch (brand, pitch, campaign, product): using them shows the
    product, not that you know the creator, so they never count as citing the creator's content."""
    chosen = resolve(campaign)
    return (chosen.brand.name, chosen.brand.pitch, chosen.name, chosen.product)


def _content_words(text: str) -> list[str]:
    return [w for w in _WORD_RE.findall(fold(text)) if w not in FUNCTION_WORDS and len(w) >= 3]


@lru_cache(maxsize=64)
def brand_patterns(campaign: Campaign | None = None) -> Patterns:
    """What presents the brand or its product: the brand's or campaign's name, or the product's
    (or pitch's) first two meaningful words close together (« shampooing solide », « vélos
    électriques », « application de planning »)."""
    chosen = resolve(campaign)
    patterns: list[str] = []
    for name in (chosen.brand.name, chosen.name):
        words = _WORD_RE.findall(fold(name))
        if words:
            patterns.append(r"(?<![\w@])" + r"[\s-]*".join(map(re.escape, words)) + r"(?!\w)")
    for phrase in (chosen.product, chosen.brand.pitch):
        words = _content_words(phrase)
        if len(words) >= 2:
            head, second = (_stem(w).rstrip("s") for w in words[:2])
            patterns.append(rf"\b{re.escape(head)}\w{{0,3}}\s+(?:\S+\s+){{0,2}}?{re.escape(second[:5])}\w*")
    return compile_patterns(*patterns)


#: Words that put a value, a habit or a wish of the brand in front of the creator's work: the
#: content « is what we look for », « is the spirit of our kitchen », « perfect for our shoe ».
_INTENSIFIER = r"(?:exactement|precisement|justement|pile|tout a fait|vraiment|bien|aussi|egalement|tout)"
_BRAND_WISH_VERBS = (
    r"(?:aim|ador|apprecie|cherch|recherch|veu|voul|vis|defend|essai|essay|privilegi|valoris|partag|conseill|"
    r"pron|encourag|racont|montr|decri|croi|cultiv|attend|souhait|rev|port|dis|dit|fais|fait|font)\w*"
)
_VALUE_NOUNS = (
    r"(?:esprit|message|philosophie|logique|valeurs?|adn|mission|vision|combat|ton|cible|public|clientele|"
    r"communaute|credo|approche|idee|promesse|ambition|engagement|ethique|demarche|raison d'etre|quotidien|"
    r"histoire|facon de faire|maniere de faire|style|univers|priorite)"
)
#: Why this creator and this brand: a reason (« parce que »), a match (« correspond », « comme
#: nous »), a practice or value shared (« chez nous aussi »), what the brand likes or looks for
#: (« c'est ce qu'on aime », « c'est le ton qu'on cherche »), the brand's own values (« c'est
#: l'esprit de notre cuisine »), a fit (« parfaite pour notre chaussure »). None of them needs an
#: intensifier (« exactement », « justement ») to count. Read through negation: « ce n'est pas
#: ce qu'on cherche » gives no reason.
FIT = Meaning(
    "fit",
    r"\bparce qu",
    r"\bcar\b",
    r"\bc'est pour (?:ca|cela)\b",
    r"\bpour (?:ca|cela) que\b",
    r"\bvoila pourquoi\b",
    r"\bc'est (?:pourquoi|la raison)\b",
    r"\bcorrespond\w*",
    r"\bcolle\w*",
    r"\ben phase\b",
    r"\ben accord\b",
    r"\bcoheren\w*",
    r"\brejoin\w*",
    r"\bpartag\w*",
    r"\bresonne\w*",
    r"\bproche\w* de\b",
    r"\bcomme (?:toi|vous)\b",
    r"\b(?:ton|votre) (?:univers|approche|regard|engagement|ton|style)\b",
    r"\b(?:ta|votre) (?:facon|demarche|communaute|audience|ligne)\b",
    r"\b(?:tes|vos) (?:valeurs|convictions|abonne\w*|contenus)\b",
    r"\bnos valeurs\b",
    r"\bpensee?s? pour\b",
    r"\bfaite?s? pour\b",
    r"\bnous a (?:donne|fait)\b",
    r"\b(?:m'a|nous a|m'ont|nous ont) (?:convaincu\w*|donne envie)\b",
    r"\bc'?\s?est pour (?:ca|cela) qu",
    r"\bcomme (?:tu|vous)\b",
    r"\bcomme (?:nous|chez nous)\s*(?:[,.;:!)]|$|sur|dans|avec|pour)",
    r"\bpens\w* a (?:toi|vous)\b",
    r"\b(?:la bonne personne|le bon profil|la personne ideale|le profil ideal)\b",
    r"\b(?:d'ou|voila) (?:l'idee|pourquoi)\b",
    r"\b(?:vu que|puisque|etant donne que)\b",
    r"\b(?:pourrai\w*|peut|devrai\w*|va|vont|devrait) (?:beaucoup |vraiment )?(?:te|vous) (?:plaire|parler)\b",
    # a practice or a value shared: « chez nous aussi », « nous aussi », « comme chez nous »,
    # « pareil chez nous », « c'est aussi notre combat »
    r"\b(?:chez nous|nous|pour nous|de notre cote|nous autres)\s*,?\s+(?:aussi|egalement)\b",
    r"\bcomme chez nous\b",
    r"\b(?:pareil|de meme|la meme chose|le meme)\s+(?:chez nous|pour nous|de notre cote)\b",
    r"\bc'?\s?est (?:aussi|egalement|bien) (?:notre|nos|ce que|ce qu'|ce qui|le cas)\b",
    # what the brand likes, looks for or does: « c'est ce qu'on aime », « c'est le ton qu'on
    # cherche », « est celle que nous voulons toucher », « la vie que nos clients essaient d'avoir »
    rf"\b(?:c'?\s?est|est|sont|etait|c'?\s?etait)\s+(?:{_INTENSIFIER}\s+)?(?:tout\s+)?"
    r"(?:ce|celui|celle|ceux|celles|(?:le|la|l'|les|un|une)\s*(?:[\w-]+\s+){0,3}?)\s*"
    r"(?:que\s+|qu'\s*|qu\s+)(?:l'on|on|nous|(?:notre|nos)\s+[\w-]+(?:\s+[\w-]+){0,3}?)\s+"
    rf"(?:(?:ne\s+|n')?(?:t'|te\s+|vous\s+|nous\s+)?){_BRAND_WISH_VERBS}",
    r"\bce (?:que\s+|qu'\s*|qu\s+)(?:l'on|on|nous)\s+(?:aim|ador|apprecie)\w*",
    r"\bce qui nous\s+(?:a\s+)?(?:plu|plait|parle|touche|ressemble|convaincu|seduit|marque)\w*",
    r"\b(?:ca|cela|ce qui|qui)\s+nous\s+(?:parle|ressemble|correspond|touche)\w*\b(?!\s+(?:de|d'|des|du)\b)",
    # the creator's work is the brand's own value or public: « c'est l'esprit de notre cuisine »,
    # « c'est notre cible »
    rf"\b(?:c'?\s?est|est|sont)\s+(?:{_INTENSIFIER}\s+)?(?:(?:le|la|l'|les)\s*{_VALUE_NOUNS}\s+(?:de|d')\s*"
    rf"(?:notre|nos)|(?:notre|nos)\s+{_VALUE_NOUNS})\b",
    # an intensifier that ties the work to the brand: « exactement ce que », « justement quelqu'un »
    r"\b(?:exactement|precisement|justement|pile)\s+(?:ce|celui|celle|ceux|le|la|les|l'|notre|nos|comme|"
    r"quelqu'un|un profil|le genre|ton|ta|tes|votre|vos|pour (?:nous|notre|nos|toi|vous))\b",
    # the creator's content already used or heard by the brand's people: « parle(nt) exactement à nos
    # clients », « est devenue une référence dans notre équipe support », « notre équipe s'en sert »
    r"\bparl(?:e|ent|era|eront|erait|eraient)\s+(?:[\w-]+\s+){0,2}?(?:a|aux)\s+(?:(?:tous|toutes)\s+)?"
    r"(?:notre|nos)\b",
    r"\b(?:reference|incontournable|classique|bible|outil|modele|source d'inspiration)s?\s+(?:[\w-]+\s+)?"
    r"(?:dans|pour|chez|aupres de|de)\s+(?:toute\s+)?(?:notre|nos)\b",
    r"\b(?:notre|nos)\s+(?:[\w-]+\s+){1,3}?(?:s'en\s+(?:ser[tv]\w*|inspir\w*)|l'utilis\w*|les utilis\w*|"
    r"l'appliqu\w*|les appliqu\w*|l'ont adopt\w*|l'a adopt\w*|la recommand\w*|le recommand\w*|"
    r"l'(?:a|ont) (?:partag|recommand|affich|imprim)\w*|(?:le|la|les) (?:partag|cit|affich)\w*)",
    # what the content shows about the creator's practice, the reason to choose them: « ton speedrun
    # montre que tu testes vraiment le matos », « on voit que vous connaissez le terrain »
    r"\b(?:montr\w*|prouv\w*|on voit|on sent|se voit|se sent)\s+(?:bien\s+)?que\s+(?:tu|vous)\s+"
    r"(?:(?:le|la|les|l'|en|y|t'y|vous y)\s*)?(?:ne\s+)?(?:test|essai|essay|connai|connais|maitris|pratiqu|"
    r"utilis|compren|comprenn|sai|sav|conna|vi|cuisin|roul|jou|port|t'y connai|vous y connai)\w*",
    # a fit: « parfaite pour notre nouvelle chaussure », « idéale pour toi »
    r"\b(?<!moment )(?<!periode )(?<!occasion )(?<!saison )(?:parfait|ideal|adapte|taille)(?:e|s|es|aux)?"
    r"\s+pour\s+(?:(?:notre|nos|toi|vous|ce|cette|ces|le|la|les|tester|presenter|parler|faire|montrer|essayer)\b"
    r"|l')",
)
_DELIVERABLES_RE = (
    r"(?:reel|video|story|stories|post|publication|tiktok|carrousel|carousel|tuto|tutoriel|short|live|"
    r"pastille|unboxing|contenu|photo|mention|episode|integration|article|newsletter|snap|podcast|"
    r"stream|thread|visuel)s?"
)
_DELIVERABLE_PATTERNS = compile_patterns(
    rf"\b(?:\d+|un|une|deux|trois|quatre|cinq|six|quelques)\s+(?:courte?s?\s+|petite?s?\s+)?{_DELIVERABLES_RE}\b",
    rf"\b(?:realiser|creer|tourner|publier|produire|faire)\s+(?:un|une|des|deux|trois)\s+(?:\w+\s+)?"
    rf"{_DELIVERABLES_RE}\b",
)
_MONTHS_RE = r"janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre"
_TIMING_PATTERNS = compile_patterns(
    rf"\b(?:en|debut|fin|mi-?|courant|avant|d'ici|pour|le \d{{1,2}}|\d{{1,2}}|1er)\s*"
    rf"(?:de |d')?(?:{_MONTHS_RE})\b",
    rf"\b(?:{_MONTHS_RE})\s+20\d\d\b",
    r"\b\d{1,2}[/.]\d{1,2}\b",
    r"\bsemaines? (?:du|prochaines?)\b",
    r"\bcalendrier\b",
    r"\bd'ici\b",
    r"\bavant le\b",
    r"\bau plus tard\b",
    r"\b(?:au |ce |du )?printemps(?: 20\d\d)?\b",
    r"\b(?:cet|cette|l')\s?(?:ete|automne|hiver)\b",
    r"\ba la rentree\b",
    r"\bdelai\b",
)

# --- pay: what the message promises, read through the reading layer (negation, tu/vous, typos)

#: Inviting the creator to give their rate says the work will be paid, even without a figure.
RATE_INVITATION = Meaning(
    "rate_invitation",
    r"\b(?:ton|ta|tes|votre|vos)\s+(?:tarifs?|grille(?:\s+tarifaire)?|conditions(?:\s+tarifaires)?|devis|"
    r"media ?kit|prix)\b",
    r"\bcombien\s+(?:tu|vous)\s+(?:demandes?|demandez|factures?|facturez|prends|prenez)\b",
    r"\bquel\s+(?:est\s+|serait\s+)?(?:ton|votre)\s+(?:tarif|prix)\b",
    r"\bcombien\s+(?:demandes?-tu|demandez-vous|factures?-tu|facturez-vous|prends-tu|prenez-vous)\b",
)
#: Pay made to depend on results, without a figure (reading.PAY_DEFERRAL has « on en reparlera »).
DEFERRAL_MORE = Meaning(
    "deferral_more",
    r"\b(?:dependr\w*|depend\w*|selon|en fonction)\s+(?:de\s+|d')?(?:des|les|vos|tes)?\s*"
    r"(?:ventes|resultats|performances|chiffres|vues|conversions|inscriptions)\b(?!.{0,40}\d)",
    r"\bsi (?:ca|cela|la campagne) (?:marche|fonctionne|prend|cartonne)\b",
    r"\ba (?:definir|voir|determiner)\b",
)
#: Unpaid work and « visibility » offered in place of pay (an affirmed hit is a refusal to pay).
UNPAID_WORK = Meaning(
    "unpaid_work",
    r"\bgratuit(?:e|es|s|ement)?\b",
    r"\bbenevol\w*",
    r"\b(?:pour|contre)\s+(?:de\s+)?la\s+visibilite\b",
    r"\ben echange d[e']\s*(?:la\s+|de\s+la\s+)?(?:visibilite|exposition|partage|produits?|un acces)\b",
    r"\b(?:belle|bonne|grande|super|enorme)\s+(?:vitrine|visibilite|exposition|occasion|opportunite)\b",
    r"\b(?:te|vous)\s+faire\s+connaitre\b",
    r"\b(?:t'apporter|vous apporter|t'offrir|vous offrir)\s+(?:de\s+la\s+|une\s+)?(?:visibilite|exposition|vitrine)\b",
    r"(?:<payer>|<remunerer>|\bremuneration)\s+(?:en|avec de la|par de la)\s+"
    r"(?:visibilite|exposition|produits?|nature)\b",
)
#: A product, a meal or an access given: welcome, but a payment in kind, not pay for the work.
GIFT = Meaning(
    "gift",
    r"<offrir>",
    r"\bcadeaux?\b",
    r"\bechantillons?\b",
    r"\bcoffrets?\b",
    r"\b(?:bon d'achat|carte cadeau|en nature)\b",
    r"\b<envoyer>\s+(?:nos|des|les|un|une|toute la)\s+(?:\w+\s+)?(?:produits?|gamme|paire|coffret)\b",
    r"\b(?:d'une\s+)?valeur\b(?:\s+(?:totale\s+)?(?:de\s+|d'environ\s+)?\d[\d .']{0,12}\s?(?:€|euros?|chf|francs?))?",
    r"\bacces\s+gratuit\b",
    r"\b(?:tu\s+gardes|vous\s+gardez)\b",
)
#: Words of a refusal to pay when they are denied (« nous ne pouvons pas vous rémunérer »).
_PAY_WORD_RE = re.compile(r"remuner|renumer|pay|paie|paiement|cachet|budget|honoraire|factur")
_DEFERRAL_VISIBILITY_RE = re.compile(r"vitrine|visibilite|exposition")

# --- tone: pressure beyond the shared meaning (reading.PRESSURE has ultimatums and urgency)
PRESSURE_MORE = Meaning(
    "pressure_more",
    r"\burgence\b",
    r"\bderniere chance\b",
    r"\bau plus vite\b",
    r"\basap\b",
    r"\bimmediatement\b",
    r"\b(?:tu dois|vous devez)\s+(?:absolument|imperativement|nous repondre|me repondre|repondre|accepter)\b",
    r"\b<repondre>\s+vite\b",
    r"\bavant ce soir\b",
    r"\bdans l'heure\b",
    r"\boffre limitee\b",
    r"\bplaces?\s+(?:sont\s+)?limitees?\b",
    r"\bpremier arrive\b",
    r"\b(?:ne\s+)?(?:rate|ratez|manque|manquez|laisse|laissez)\s+pas\s+(?:passer\s+)?(?:cette|l'occasion|ta chance)\b",
    r"\bmaintenant ou jamais\b",
    r"\bsinon\b.{0,50}\b(?:ailleurs|quelqu'un d'autre|un autre profil|une autre personne)\b",
    r"\b(?:sans reponse|si (?:tu ne|vous ne) (?:reponds|repondez) pas)\b.{0,40}\b(?:d'ici|avant|ce soir|demain)\b"
    r".{0,60}\b(?:autre|ailleurs)\b",
    r"!{3,}",
)
_MASS_PATTERNS = compile_patterns(
    r"\bcher(?:e|\(e\))? (?:influenceu(?:r|se)\w*|createu(?:r|rice)\w*|blogueu(?:r|se)\w*|"
    r"partenaire\w*|ami\w*)",
    r"\bchere? influenceu\w*",
    r"\bbonjour a (?:tous|toutes|tou\.te\.s)\b",
    r"\bsalut a (?:tous|toutes)\b",
    r"\bhello (?:a tous|tout le monde|la team)\b",
    r"\bbonjour (?:a vous|tout le monde)\b",
    r"\bmadame,? monsieur\b",
    r"\bcher\(e\)",
    r"\bchere?s? (?:tous|toutes)\b",
)
_TEMPLATE_RE = re.compile(
    r"\[[^\]\n]{0,40}\]|\{\{[^}\n]{0,40}\}\}|\{[a-z_ ]{1,30}\}|"
    r"<\s*(?:prenom|nom|name|first_?name|pseudo|handle|"
    r"influenceur|createur|createurice|compte)\s*>|%\(?[a-z_]*name\)?s|\bxxx+\b",
)
_REFERENCE_NOUNS = (
    r"(?:video|publication|story|stories|serie|routine|vlog|chronique|live|photo|tuto|recette|astuce|"
    r"post|reel|carrousel|tutoriel|tiktok|short|conseil|test|avis|episode|format|classement|comparatif|"
    r"recit|compte rendu|article|thread|podcast|stream|newsletter|critique|trajet|setup)s?"
)
_REFERENCE_PATTERNS = compile_patterns(
    rf"\b(?:ta|votre|tes|vos|ton)\s+(?:(?:derniere?s?|recente?s?|dernier|recent)\s+)?{_REFERENCE_NOUNS}\b",
    r"\bj'ai (?:vu|regarde|lu|adore|aime|beaucoup aime|decouvert|retenu|ecoute|suivi)\b",
    r"\bon a (?:vu|adore|aime|regarde|lu)\b",
    r"\bnous avons (?:vu|adore|aime|regarde|lu)\b",
    r"\bquand tu (?:parles|montres|expliques|compares|racontes|testes)\b",
    r"\bquand vous (?:parlez|montrez|expliquez|comparez|racontez|testez)\b",
    r"\bou (?:tu|vous) (?:parles?|parlez|montres?|montrez|expliques?|expliquez|compares?|comparez|racontes?|"
    r"racontez|testes?|testez|emmenes?|emmenez|finis|finissez|notes?|notez)\b",
)
_ABOUT_A_CONTENT_RE = re.compile(rf"\b(?:ce|cet|cette|ces|le|la|les|l')\s*(?:dernier\w*\s+)?{_REFERENCE_NOUNS}\b")
# Greeting words before a name, matched on the unfolded text so that the name keeps its capital.
_GREETING_NAME_RE = re.compile(
    r"(?:^|[\n.!?]\s*)(?i:bonjour|bonsoir|salut|hello|coucou|hey|hi|cher|ch[eè]re|allo)[ ,]+"
    r"@?(?P<name>[A-ZÀ-ÖØ-Þ][\w.'-]{1,40})",
)
_NOT_NAMES = {
    "madame",
    "monsieur",
    "mademoiselle",
    "a",
    "toi",
    "vous",
    "tous",
    "toutes",
    "la",
    "le",
    "les",
    "influenceur",
    "influenceuse",
    "createur",
    "createurice",
    "creatrice",
    "partenaire",
    "chere",
    "cher",
    "equipe",
    "team",
    "hello",
    "bonjour",
    "ami",
    "amie",
    "je",
    "nous",
    "moi",
    "c'est",
    "ici",
    "seve",
}

#: Titles of a formal address (folded, without their full stop): « Bonjour Monsieur Berset »,
#: « Chère Madame Perret », « Bonjour M. Berset », « Dr Berset » greet the person by name, as
#: LinkedIn, B2B and Swiss formal letters do.
_TITLES: frozenset[str] = frozenset(
    "monsieur madame mademoiselle m mme mlle mr mrs ms dr docteur docteure maitre me professeur pr".split()
)
_TITLE_RE = r"(?:monsieur|madame|mademoiselle|mme|mlle|mrs?|ms|docteure?|dr|maitre|professeur|pr|m|me)"
#: The name that follows a title, read on the unfolded text so that it keeps its capital.
_TITLED_NAME_RE = re.compile(r"\.?[ \u00a0]+(?P<name>[A-ZÀ-ÖØ-Þ][\w.'-]{1,40})")


def _formal_address(aligned: AlignedText, card: CreatorCard) -> str | None:
    """The learner's words when the message greets the creator by title and surname (« Monsieur
    Berset », « Mme Perret », « Dr Lou Perret »), else None."""
    surnames = card.surname_forms()
    if not surnames:
        return None
    names = "|".join(re.escape(form) for form in sorted(surnames, key=len, reverse=True))
    found = re.search(rf"(?<![\w.]){_TITLE_RE}\.?\s+(?:{names})(?!\w)", aligned.folded)
    return aligned.quote(found.start(), found.end()) if found else None


STOP_WORDS: frozenset[str] = frozenset(
    """
    a ai aie aient aies ait alors apres as au aucun aussi autre aux avais avait avant avec avez avoir
    avons bah beaucoup bien bon bonne ca car ce ceci cela celle celles celui ces cet cette chaque chez ci
    comme comment dans de des deja depuis deux devant doit donc dont du elle elles en encore entre es est
    et etaient etais etait ete etes etre eu eux fait faire fais faut font fois gens grace hors ici il ils
    j je jamais juste l la le les leur leurs lui m ma mais me meme mes moi moins mon ne ni non nos notre
    nous on ont ou par parce pas peu peut plus pour pourquoi qu quand que quel quelle quelles quels qui
    quoi sa sans se ses si sien son sont sous suis sur t ta te tes toi ton tous tout toute toutes tres tu
    un une vers voici voila vos votre vous vu y aujourd hui jour jours semaine mois annee an ans fois
    chose choses vraiment trop tellement super petit petite grand grande nouveau nouvelle nouveaux
    nouvelles premier premiere dernier derniere merci bonjour salut hello coucou video videos post posts
    reel reels story stories publication publications contenu contenus lien bio abonne abonnes abonnee
    abonnees communaute compte instagram tiktok youtube like likes commentaire commentaires partage
    partager avis question questions dites dis dire voir regarder suivre cette ceux celles quelque
    quelques toujours souvent enfin ensuite alors donc ainsi aussi partout rien tout autres autant avez
    etes marque marques produit produits collaboration partenariat message envie aime adore adorer aimer
    hate
    publicite collaboration commerciale commercial partenariat remunere remuneree sponsorise code codes site
    explique expliquee enregistrez partagez partage dites-moi commentaire idee idees prochaine rappel astuce
    astuces simple simples possible besoin quelqu'un resultat enfin trouve teste testee mode emploi
    trois quatre cinq sept huit neuf onze douze vingt trente quarante cinquante soixante septante
    huitante nonante cent cents mille
    """.split()
)
_HAS_WORD = re.compile(r"\w")
_WORD_RE = re.compile(r"[a-z0-9][a-z0-9'-]*[a-z0-9]|[a-z]")


@dataclass(frozen=True)
class CreatorCard:
    """What a message can be personalised with: a creator's names, niche and recent captions."""

    creator_id: str
    display_name: str
    handle: str
    niche: str
    recent_posts: tuple[str, ...]
    followers: int | None = None

    @property
    def first_name(self) -> str:
        return self.display_name.split()[0] if self.display_name.split() else ""

    @property
    def addressed_as(self) -> str:
        """How to greet this creator: the first name, else the handle."""
        return self.first_name or (f"@{self.handle}" if self.handle else "")

    def surname_forms(self) -> tuple[str, ...]:
        """Folded forms that follow a title to greet this creator formally: the surname (the words
        after the first name, « Berset », « de la Fontaine », or its last word) or the full name."""
        words = self.display_name.split()
        if len(words) < 2:
            return ()
        forms = [fold(" ".join(words[1:])), fold(words[-1]), fold(self.display_name)]
        return tuple(dict.fromkeys(f for f in forms if len(f) >= 2))

    def name_forms(self) -> tuple[str, ...]:
        """Folded forms that count as addressing this creator by name."""
        forms = [
            fold(self.display_name),
            fold(self.first_name),
            fold(self.handle),
            fold(self.handle.replace("_", " ")),
        ]
        return tuple(dict.fromkeys(f for f in forms if len(f) >= 2))


def _text_value(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def creator_card(creator: object) -> CreatorCard | None:
    """A :class:`CreatorCard` from a mapping (keys display_name/name, handle, niche,
    recent_posts/captions), or None when no name or handle can be read from it."""
    if isinstance(creator, CreatorCard):
        return creator
    if not isinstance(creator, Mapping):
        return None
    name = _text_value(creator.get("display_name")) or _text_value(creator.get("name"))
    handle = _text_value(creator.get("handle")).lstrip("@")
    if not name and not handle:
        return None
    posts_raw = creator.get("recent_posts")
    if posts_raw is None:
        posts_raw = creator.get("captions")
    if isinstance(posts_raw, str):
        posts: tuple[str, ...] = (posts_raw,)
    elif isinstance(posts_raw, list | tuple):
        posts = tuple(p for p in posts_raw if isinstance(p, str) and p.strip())
    else:
        posts = ()
    followers_raw = creator.get("followers")
    # An infinite or absurd count (a typo, a pasted formula) is unknown, not a number to print.
    followers = (int(followers_raw) if isinstance(followers_raw, int | float) and not isinstance(followers_raw, bool)
                 and 0 <= followers_raw < 10**12 else None)
    return CreatorCard(
        creator_id=_text_value(creator.get("creator_id")),
        display_name=name,
        handle=handle,
        niche=_text_value(creator.get("niche")),
        recent_posts=posts,
        followers=followers,
    )


def _words(folded: str) -> list[str]:
    return _WORD_RE.findall(folded)


def _stem(word: str) -> str:
    """A light French stem so that « recette » and « recettes » meet."""
    word = word.split("'")[-1]
    if len(word) > 4 and word.endswith(("s", "x")):
        word = word[:-1]
    return word


@lru_cache(maxsize=128)
def distinctive_words(captions: tuple[str, ...], exclude: tuple[str, ...] = ()) -> dict[str, str]:
    """Stem → word for the words of a creator's captions that can show a message was personalised
    (no stop words, no generic social-media words, no name of the creator, at least 4 letters).

    Reads the first :data:`MAX_CAPTIONS` captions, each on its first :data:`MAX_CAPTION_CHARS`
    characters: what a creator talks about shows long before that, and the answer stays instant.
    """
    excluded = {_stem(w) for form in exclude for w in _words(fold(form[:MAX_CAPTION_CHARS]))}
    found: dict[str, str] = {}
    for caption in captions[:MAX_CAPTIONS]:
        aligned = AlignedText(caption[:MAX_CAPTION_CHARS])
        for match in _WORD_RE.finditer(aligned.folded):
            word = match.group(0).split("'")[-1]
            if len(word) < 4 or word.isdigit() or word in STOP_WORDS:
                continue
            stem = _stem(word)
            if stem in excluded or stem in STOP_WORDS:
                continue
            found.setdefault(stem, aligned.quote(match.end() - len(word), match.end()).lower())
    return found


def _quote(words: list[str] | tuple[str, ...]) -> str:
    return ", ".join(f"« {w} »" for w in words)


def _unfolded(text: str) -> str:
    """Typography unified but capitals kept (to read a greeting's name and ALL-CAPS words)."""
    text = unicodedata.normalize("NFC", text)
    return text.replace("\u00a0", " ").replace("\u202f", " ").replace("’", "'")


_SPACE_LIKE = "\u00a0\u202f\u2007\u2009\u200a\u2002\u2003\t\r\n "


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    return fold(char)


class AlignedText:
    """A folded copy of a text whose every character remembers where it came from, so that a
    rule matched on the folded text can quote the learner's own words (accents included)."""

    def __init__(self, text: str) -> None:
        self.original = unicodedata.normalize("NFC", text)
        out: list[str] = []
        origin: list[int] = []
        for index, char in enumerate(self.original):
            if char in _SPACE_LIKE:
                if out and out[-1] == " ":
                    continue
                piece = " "
            else:
                piece = _fold_char(char)
            for folded_char in piece:
                out.append(folded_char)
                origin.append(index)
        self.folded = "".join(out)
        self._origin = origin

    def quote(self, start: int, end: int) -> str:
        """The original text behind folded[start:end], on one line."""
        if start >= end or not self._origin:
            return ""
        piece = self.original[self._origin[start] : self._origin[end - 1] + 1]
        return re.sub(r"\s+", " ", piece).strip()

    def first(self, patterns: Patterns) -> str | None:
        """The learner's words matched by the first pattern found, or None."""
        for pattern in patterns:
            found = pattern.search(self.folded)
            if found:
                return self.quote(found.start(), found.end())
        return None

    def every(self, patterns: Patterns) -> tuple[str, ...]:
        """The learner's words matched by every pattern, without repeats (case-insensitive)."""
        seen: dict[str, str] = {}
        for pattern in patterns:
            for found in pattern.finditer(self.folded):
                seen.setdefault(found.group(0), self.quote(found.start(), found.end()))
        return tuple(seen.values())


@dataclass(frozen=True)
class PayReading:
    """What a message says about pay, each as the learner's words (or None)."""

    cash: str | None  # an amount offered for the work
    promise: str | None  # pay words not put off (« collaboration rémunérée »)
    rate_invitation: str | None  # « quel est ton tarif ? »
    refusal: str | None  # « nous ne pouvons pas vous rémunérer », « pas de budget »
    unpaid: str | None  # « gratuitement », « belle vitrine », « en échange de visibilité »
    deferral: str | None  # « on en reparlera une fois les premiers chiffres connus »
    gift: str | None  # « coffret offert »

    @property
    def paid(self) -> bool:
        if self.refusal:
            return False
        if self.unpaid and not self.cash:
            return False
        return bool(self.cash or self.rate_invitation or self.promise)


@dataclass(frozen=True)
class OutreachReading:
    """What the check understood in a message (useful for tests and hints)."""

    word_count: int
    named: bool
    greeted_name: str | None
    wrong_name: str | None
    overlap: tuple[str, ...]
    has_reference_marker: bool
    brand_named: bool
    fit_marker: str | None
    deliverable: str | None
    timing: str | None
    pay: PayReading
    pressure: tuple[str, ...]
    caps_words: tuple[str, ...]
    mass_markers: tuple[str, ...]
    repeated_words: tuple[str, ...] = ()
    keyword_list: bool = False
    formal_address: str | None = None  # « Monsieur Berset »: title and surname

    @property
    def stuffed(self) -> bool:
        """Keywords pasted rather than sentences written (a repeated word, a list of words)."""
        return bool(self.repeated_words) or self.keyword_list

    @property
    def amount(self) -> str | None:
        return self.pay.cash


_SENTENCE_RE = re.compile(r"[^.!?;\n…]+")
_PROPOSAL_RE = re.compile(
    r"propos|prevu|prevoy|enveloppe|total|\bht\b|\bttc\b|chacun|\bpar (?:video|post|story|reel|live|mois|contenu)"
    r"|pour (?:ce|cette|l'ensemble|la collab)|forfait|\bfixe\b|\bbrut\b|\bnet\b|\boffr"
    rf"|\bpour (?:le|la|les|l'|ton|ta|tes|votre|vos|un|une|deux|trois)\s*{_DELIVERABLES_RE}\b"
)


def _sentences(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _SENTENCE_RE.finditer(text)]


#: Around a hit, a « sentence » is read at most this far either way (a text without full stops
#: is not one 20 000-character sentence), and at most MAX_HITS hits of each kind are weighed.
SENTENCE_WINDOW = 300
MAX_HITS = 30


def _sentence_at(spans: list[tuple[int, int]], position: int) -> tuple[int, int]:
    index = bisect_right(spans, (position, len(spans) + 10**9)) - 1
    if index >= 0 and spans[index][0] <= position < spans[index][1]:
        start, end = spans[index]
        return max(start, position - SENTENCE_WINDOW), min(end, position + SENTENCE_WINDOW)
    return position, position


def _said(reading: Reading, hit: Hit, aligned: AlignedText | None = None) -> str:
    """The learner's own words behind a hit (accents and capitals kept), else the folded words."""
    if len(reading.raw) == len(reading.folded) == len(reading.text):
        return re.sub(r"\s+", " ", reading.raw[hit.start : hit.end]).strip()
    if aligned is not None:
        for source in (reading.text, reading.folded):
            words = source[hit.start : hit.end].split()
            if not words:
                continue
            found = re.search(r"\s+".join(map(re.escape, words)), aligned.folded)
            if found:
                return aligned.quote(found.start(), found.end())
    return re.sub(r"\s+", " ", reading.text[hit.start : hit.end]).strip() or hit.text


def _merged(hits: list[Hit]) -> list[Hit]:
    """Overlapping hits as one (« il nous faut ta réponse ce soir, sinon… » rather than three pieces)."""
    merged: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (h.start, -h.end)):
        if merged and hit.start <= merged[-1].end:
            last = merged[-1]
            if hit.end > last.end:
                merged[-1] = Hit(last.start, hit.end, last.text, last.negated)
            continue
        merged.append(hit)
    return merged


#: An amount that is the value of a gift, not pay: « toute la gamme (valeur 80 €) », « d'une
#: valeur de 120 € », « un bon d'achat de 50 € », « 80 € de produits ». The chapter is clear that a
#: product's value is a payment in kind, not a fee for the work.
_GIFT_VALUE_BEFORE_RE = re.compile(
    r"(?:\bvaleur|\bvau[tx]|\bvalant|\bvalent|\bprix (?:public|de vente|catalogue|boutique|conseille)|"
    r"\bbons? d'achat|\bcartes? cadeaux?|\ben nature)\b[^.;!?\n€$]{0,25}$"
    r"|\b(?:produits?|gamme|coffrets?|paires?|echantillons?|cadeaux?|kit|box|lot)(?:\s+[\w-]+)?\s*"
    r"(?:offert\w*\s*)?(?:\(\s*|(?:a hauteur de|a|de|d'|pour)\s*)(?:environ\s+|pres de\s+)?$"
)
_GIFT_VALUE_AFTER_RE = re.compile(
    r"\s*(?:\)\s*)?(?:de|d'|en)\s*(?:produits?|bons? d'achat|cadeaux?|nature|marchandises?|articles?|"
    r"credits?|avoirs?)\b"
)
#: A pay word naming the topic (« Côté rémunération, … », « En guise de paiement : … »): what
#: follows says what the pay is.
_PAY_TOPIC_RE = re.compile(
    r"(?:\bcote|\bniveau|\bquestion|\ben guise de|\ben termes? de|\bcomme|\bpour la|\bpour ta|\bpour votre|"
    r"\bpour (?:le|ton|votre))\s*$"
)


#: An amount offered as a fee without a pay word, as short messages write it: « 900 CHF. » in its
#: own sentence, « …, 800 CHF. » closing a clause, « Fee 900 CHF », « cachet : 900 CHF », « Pour
#: 900 CHF. », « deux stories pour 900 CHF ». Read on the sentence before the amount.
_FEE_BEFORE_RE = re.compile(
    r"(?:^|[,:;—–]|\s-)\s*(?:(?:et|soit|avec|le tout|total|montant|fee|cachet|pour|contre|moyennant)\b"
    r"\s*:?\s*)?(?:de\s+|d'environ\s+|environ\s+|~\s*)?$"
    r"|\b(?:fees?|cachet|honoraires?|moyennant|contre)\s*:?\s*(?:de\s+|d'environ\s+|environ\s+)?$"
    rf"|\b{_DELIVERABLES_RE}\b[^,;:]{{0,40}}\bpour\s+(?:environ\s+)?$"
)
#: What may follow such an amount before its clause ends: « HT », « brut », « par vidéo », « + 2 entrées ».
_FEE_AFTER_RE = re.compile(
    r"\s*(?:ht|ttc|brut|net|nets|chacun|au total|en tout|tout compris|environ|par [\w-]+|\+[^.;!?]*)?"
    r"\s*(?:[,;)!?]|$)"
)
#: Before such an amount, what makes it the price or the sum of something else: « Prix : 29 CHF »,
#: « l'abonnement : 19 € », « ton budget d'étudiante : 1 450 CHF », « à moins de 100 € ».
_PRICE_OF_SOMETHING_RE = re.compile(
    r"\b(?:prix|cout\w*|vau[tx]|valant|valent|vendu\w*|a partir de|abonnement|loyer|moins de|plus de|"
    r"jusqu'a|economis\w*|depens\w*|gagn\w*|leve\w*|chiffre d'affaires|(?:ton|ta|tes|votre|vos)\s+"
    r"(?:budget|loyer|salaire|epargne|depenses|courses|charges|revenus?|economies))\b[^.;!?\n]{0,40}$"
)


def _is_fee_offer(text: str, start: int, end: int, span: tuple[int, int]) -> bool:
    """Whether the amount at text[start:end] is offered as a fee by its place alone: its own sentence
    or clause, or after « fee », « cachet », « pour » (not a price or a sum of something else)."""
    before = text[max(span[0], start - 80) : start]
    found = _FEE_BEFORE_RE.search(before)
    if found is None or _PRICE_OF_SOMETHING_RE.search(before):
        return False
    keyword = re.search(r"\b(?:fees?|cachet|honoraires?|moyennant|contre|pour)\b", found.group(0))
    return bool(keyword) or _FEE_AFTER_RE.match(text[end : span[1]]) is not None


def _is_gift_value(text: str, start: int, end: int, span: tuple[int, int]) -> bool:
    """Whether the amount at text[start:end] gives a gift's value (« coffret (valeur 80 €) »)."""
    before = text[max(span[0], start - 40) : start]
    after = text[end : min(span[1], end + 30)]
    return bool(_GIFT_VALUE_BEFORE_RE.search(before) or _GIFT_VALUE_AFTER_RE.match(after))


def read_pay(reading: Reading, aligned: AlignedText | None = None) -> PayReading:
    """What a message promises about pay, sentence by sentence, negation read."""
    text = reading.text

    def said(hit: Hit) -> str:
        return _said(reading, Hit(hit.start, hit.end, text[hit.start : hit.end], hit.negated), aligned)

    spans = _sentences(text)

    def inside(hits: list[Hit], span: tuple[int, int]) -> list[Hit]:
        return [h for h in hits if span[0] <= h.start < span[1]]

    promises = PAY_PROMISE.hits(reading)
    pay_words = [h for h in promises if _PAY_WORD_RE.search(h.text) or "tarif" in h.text or "forfait" in h.text]
    pay_words = pay_words[:MAX_HITS]
    rates = RATE_INVITATION.hits(reading)[:MAX_HITS]
    deferrals = [
        h
        for h in PAY_DEFERRAL.affirmed(reading) + DEFERRAL_MORE.affirmed(reading)
        if not _DEFERRAL_VISIBILITY_RE.search(h.text)
    ][:MAX_HITS]
    unpaid = UNPAID_WORK.affirmed(reading)[:MAX_HITS]
    gifts = GIFT.affirmed(reading)[:MAX_HITS]

    cash = None
    for quantity in find_quantities(text)[: MAX_HITS * 4]:
        if quantity.unit not in {"€", "CHF", "$"} or quantity.value <= 0 or reading.negated(quantity.start):
            continue
        span = _sentence_at(spans, quantity.start)
        sentence = text[span[0] : span[1]]
        if _is_gift_value(text, quantity.start, quantity.end, span):
            continue
        paid_here = any(not h.negated for h in inside(pay_words, span))
        if paid_here or _PROPOSAL_RE.search(sentence) or _is_fee_offer(text, quantity.start, quantity.end, span):
            cash = said(Hit(quantity.start, quantity.end, quantity.raw, False))
            break

    promise = deferral = None
    for hit in pay_words:
        if hit.negated:
            continue
        span = _sentence_at(spans, hit.start)
        if _PAY_TOPIC_RE.search(text, max(span[0], hit.start - 20), hit.start) and inside(gifts, span) and not cash:
            continue  # « Côté rémunération, nous vous enverrons la gamme » names the topic, then a gift
        if inside(rates, span):
            promise = promise or said(hit)
        elif inside(deferrals, span) or inside(unpaid, span):
            put_off = (inside(deferrals, span) or inside(unpaid, span))[0]
            deferral = deferral or said(put_off)
        else:
            promise = promise or said(hit)
    if deferral is None and deferrals and not (promise or cash):
        deferral = said(deferrals[0]) if any(inside(pay_words, _sentence_at(spans, d.start))
                                                       for d in deferrals) else None
    # A denied pay word is a refusal (« nous ne pouvons pas vous rémunérer », « pas de budget »),
    # unless the same sentence asks for the creator's rate (« pas encore de budget fixé : ton tarif ? »).
    def with_negation(hit: Hit) -> Hit:
        """The hit from the start of the negation that denies it: « ne pouvons pas vous rémunérer »."""
        scope = next((sc for sc in reading.scopes if sc.start <= hit.start < sc.end), None)
        return Hit(scope.start, hit.end, hit.text, True) if scope else hit

    refusal = next(
        (
            said(with_negation(h))
            for h in pay_words
            if h.negated and "tarif" not in h.text and not inside(rates, _sentence_at(spans, h.start))
        ),
        None,
    )
    return PayReading(
        cash=cash,
        promise=promise,
        rate_invitation=said(rates[0]) if rates else None,
        refusal=refusal,
        unpaid=said(unpaid[0]) if unpaid else None,
        deferral=deferral,
        gift=" », « ".join(dict.fromkeys(said(h) for h in _merged(gifts)[:2])) if gifts else None,
    )


_CLAUSE_OPENER_RE = re.compile(r"\b(?:qui|que|dont)\b|\bqu'")
_FIT_COMPILED = tuple(re.compile(expand(pattern)) for pattern in FIT.patterns)


def _first_fit(reading: Reading) -> Hit | None:
    """The first :data:`FIT` hit (pattern by pattern) that no negation of its own clause denies: a
    relative clause opens a new one (« ce côté pratique et sans chichis qui nous fait penser à
    toi » affirms the reason). Stops at the first one: a message needs only one reason."""
    for pattern in _FIT_COMPILED:
        for count, match in enumerate(pattern.finditer(reading.text)):
            if count >= MAX_HITS:
                break
            start = match.start()
            scope = next((sc for sc in reading.scopes if sc.start <= start < sc.end), None)
            if scope is None or _CLAUSE_OPENER_RE.search(reading.text, scope.start + 1, start):
                return Hit(start, match.end(), match.group(0).strip(), False)
    return None


def read_outreach(
    message: str,
    card: CreatorCard,
    other_names: tuple[str, ...] = (),
    *,
    campaign: Campaign | None = None,
) -> OutreachReading:
    """Read a French first message the way :func:`check_outreach` judges it."""
    chosen = resolve(campaign)
    text = message[:MAX_ANALYSED_CHARS]
    reading = read(text)
    aligned = AlignedText(text)
    folded = aligned.folded
    tokens = folded.split() if len(message) <= MAX_ANALYSED_CHARS else message.split()
    word_count = sum(1 for token in tokens if _HAS_WORD.search(token))
    words = _words(folded)

    named = any(
        re.search(rf"(?<![\w@.]){re.escape(form)}(?![\w])", folded)
        or re.search(rf"@{re.escape(form)}\b", folded)
        for form in card.name_forms()
    )
    formal = _formal_address(aligned, card)
    named = named or formal is not None
    greeted = None
    wrong = None
    own = {
        fold(part)
        for form in (card.display_name, card.handle)
        for part in re.split(r"[\s._-]+", form)
        if part
    }
    for match in _GREETING_NAME_RE.finditer(_unfolded(text)):
        name = match.group("name").rstrip(".,'-")
        folded_name = fold(name).lstrip("@")
        if fold(name).rstrip(".") in _TITLES:
            # « Bonjour Monsieur Martin » greets Martin: the surname after the title is the name.
            surname = _TITLED_NAME_RE.match(_unfolded(text), match.end("name"))
            if surname is None:
                continue
            name = surname.group("name").rstrip(".,'-")
            folded_name = fold(name)
            if folded_name in _NOT_NAMES:
                continue
        elif folded_name in _NOT_NAMES or folded_name in {fold(w) for w in chosen.names()}:
            continue
        greeted = name
        if folded_name not in own and fold(name) not in card.name_forms():
            wrong = name
        break
    for other in other_names:
        form = fold(other)
        if (
            len(form) >= 3
            and form not in card.name_forms()
            and re.search(rf"(?<!\w){re.escape(form)}(?!\w)", folded)
        ):
            wrong = wrong or other

    # Sentences: personalisation counts only in a written sentence that speaks to the person.
    name_words = {w for form in card.name_forms() for w in _words(form)}
    distinct = distinctive_words(
        card.recent_posts, exclude=(card.display_name, card.handle, *campaign_words(chosen))
    )
    personal_stems: set[str] = set()
    listed_words = 0
    has_reference = False
    for start, end in _sentences(folded):
        sentence = folded[start:end]
        sentence_words = _words(sentence)
        if not sentence_words:
            continue
        glue = sum(1 for w in sentence_words if w.split("'")[0] in FUNCTION_WORDS or "'" in w)
        written = len(sentence_words) >= 4 and glue >= 0.2 * len(sentence_words)
        if len(sentence_words) >= 4 and not written:
            listed_words += len(sentence_words)
            continue
        if not written:
            continue
        addressed = any(
            w in _ADDRESS_WORDS or w.split("'")[0] in _ADDRESS_WORDS or w in name_words for w in sentence_words
        )
        referenced = any(pattern.search(sentence) for pattern in _REFERENCE_PATTERNS)
        # « Ce test des savons d'Ardèche était d'une honnêteté rare » speaks about the person's content too.
        about_a_content = _ABOUT_A_CONTENT_RE.search(sentence) is not None
        if addressed or referenced or about_a_content:
            personal_stems.update(_stem(w.split("'")[-1]) for w in sentence_words)
            has_reference = has_reference or referenced
    overlap = tuple(distinct[stem] for stem in distinct if stem in personal_stems)

    # Keyword stuffing: the same meaningful word over and over, or runs of it.
    meaningful = [w for w in words if w not in FUNCTION_WORDS and len(w) >= 3 and not w.isdigit()]
    counts = Counter(meaningful)
    repeated = [
        w for w, n in counts.most_common(3) if n >= 5 and n >= 0.05 * max(len(words), 1)
    ]
    repeated += [a for a, b, c in zip(words, words[1:], words[2:], strict=False)
                 if a == b == c and a not in FUNCTION_WORDS and a not in repeated]
    repeated_quotes: list[str] = []
    for word in dict.fromkeys(repeated):
        found = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", folded)
        shown = aligned.quote(found.start(), found.end()) if found else word
        repeated_quotes.append(f"« {shown} » ({counts[word]} fois)")

    brand_words = {fold(w) for name in (*chosen.names(), *_words(fold(chosen.product))) for w in name.split()}
    caps = tuple(
        w
        for w in re.findall(r"\b[A-ZÀ-ÖØ-Þ]{4,}\b", _unfolded(text))
        if fold(w) not in brand_words | {"reel", "reels", "tiktok", "objet", "ugc"}
    )
    pressure_hits = PRESSURE.affirmed(reading) + PRESSURE_MORE.affirmed(reading)
    pressure = tuple(dict.fromkeys(_said(reading, h, aligned) for h in _merged(pressure_hits)))
    mass = aligned.every(_MASS_PATTERNS) + aligned.every((_TEMPLATE_RE,))
    return OutreachReading(
        word_count=word_count,
        named=named,
        greeted_name=greeted,
        wrong_name=wrong,
        overlap=overlap,
        has_reference_marker=has_reference,
        brand_named=aligned.first(brand_patterns(chosen)) is not None,
        fit_marker=_said(reading, fit, aligned) if (fit := _first_fit(reading)) else None,
        deliverable=aligned.first(_DELIVERABLE_PATTERNS),
        timing=aligned.first(_TIMING_PATTERNS),
        pay=read_pay(reading, aligned),
        pressure=pressure,
        caps_words=caps,
        mass_markers=mass,
        repeated_words=tuple(repeated_quotes[:2]),
        keyword_list=listed_words >= 12 and listed_words >= 0.3 * max(len(words), 1),
        formal_address=formal,
    )


# --------------------------------------------------------------------------- items


def _name_item(reading: OutreachReading, card: CreatorCard) -> FeedbackItem:
    label = "Adressé par son nom"
    if reading.wrong_name:
        return FeedbackItem(
            "name",
            label,
            False,
            f"Le message s'adresse à « {reading.wrong_name} », mais vous écrivez à "
            f"{card.display_name or card.handle}. "
            f"C'est le signe d'un copier-coller : saluez « {card.addressed_as} ».",
            READ_PERSONAL,
        )
    if reading.formal_address:
        return FeedbackItem(
            "name",
            label,
            True,
            f"Vous saluez la personne par son titre et son nom (« {reading.formal_address} ») : une adresse "
            "personnelle et polie, celle d'un échange professionnel.",
        )
    if reading.named:
        return FeedbackItem("name", label, True, f"Vous saluez {card.addressed_as} par son nom.")
    return FeedbackItem(
        "name",
        label,
        False,
        f"Le message ne nomme pas la personne. Commencez par « Bonjour {card.addressed_as}, » : "
        "un message sans nom ressemble à un envoi de masse.",
        READ_PERSONAL,
    )


def _content_item(reading: OutreachReading, card: CreatorCard, campaign: Campaign) -> FeedbackItem:
    label = "Un de ses contenus cité"
    if reading.stuffed:
        what = (
            f"{', '.join(reading.repeated_words)} : un mot répété ainsi"
            if reading.repeated_words
            else "Une suite de mots-clés sans phrase"
        )
        return FeedbackItem(
            "content",
            label,
            False,
            f"{what} se lit comme un texte écrit pour un moteur de recherche, pas pour une personne. "
            "Citez une de ses publications dans une vraie phrase, par exemple « ta vidéo sur… m'a plu "
            "parce que… », et nommez la marque une ou deux fois.",
            READ_PERSONAL,
        )
    if not card.recent_posts:
        if reading.has_reference_marker:
            return FeedbackItem(
                "content",
                label,
                True,
                "Vous évoquez un contenu précis de la personne (ses légendes ne sont pas "
                "disponibles pour vérifier lequel).",
            )
        return FeedbackItem(
            "content",
            label,
            False,
            "Citez un contenu précis de la personne (« ta vidéo sur… ») pour montrer que vous "
            "la suivez vraiment.",
            READ_PERSONAL,
        )
    if len(reading.overlap) >= 2 or (reading.overlap and reading.has_reference_marker):
        return FeedbackItem(
            "content",
            label,
            True,
            f"Vous faites référence à ses publications ({_quote(list(reading.overlap[:3]))}).",
        )
    examples = distinctive_words(
        card.recent_posts, exclude=(card.display_name, card.handle, *campaign_words(campaign))
    )
    hint = (
        f" Ses dernières publications parlent par exemple de {_quote(list(examples.values())[:4])}."
        if examples
        else ""
    )
    if reading.has_reference_marker:
        return FeedbackItem(
            "content",
            label,
            False,
            "Vous parlez de ses contenus, mais sans dire lequel : citez le sujet d'une publication "
            f"précise, avec ses mots.{hint}",
            READ_PERSONAL,
        )
    return FeedbackItem(
        "content",
        label,
        False,
        "Rien ne montre que vous avez regardé ses contenus. Citez une publication récente et ce "
        f"qu'elle vous a appris ou plu, dans une phrase qui s'adresse à la personne.{hint}",
        READ_PERSONAL,
    )


def _fit_item(reading: OutreachReading, campaign: Campaign) -> FeedbackItem:
    label = "Pourquoi cette personne et cette marque"
    if reading.brand_named and reading.fit_marker:
        return FeedbackItem(
            "fit", label, True, "Vous présentez la marque et dites pourquoi elle va avec cette personne."
        )
    if not reading.brand_named:
        return FeedbackItem(
            "fit",
            label,
            False,
            f"La marque ou le produit n'est pas présenté : dites en une phrase qui vous êtes "
            f"({campaign.brand.name}, « {campaign.name} ») et pourquoi vous pensez à cette personne.",
            READ_PERSONAL,
        )
    return FeedbackItem(
        "fit",
        label,
        False,
        "Vous présentez la marque sans dire pourquoi elle va avec cette personne : reliez ses "
        "valeurs ou sa communauté aux vôtres (« parce que ta communauté… »).",
        READ_PERSONAL,
    )


def _ask_item(reading: OutreachReading) -> FeedbackItem:
    label = "Une demande claire"
    if reading.deliverable and reading.timing:
        return FeedbackItem(
            "ask",
            label,
            True,
            f"On comprend ce que vous proposez (« {reading.deliverable} ») et quand (« {reading.timing} »).",
        )
    missing = []
    if not reading.deliverable:
        missing.append("quels contenus (par exemple « une vidéo et deux stories »)")
    if not reading.timing:
        missing.append("quand (par exemple « publication en mars 2027 »)")
    return FeedbackItem(
        "ask",
        label,
        False,
        "La demande reste floue : précisez " + " et ".join(missing) + ". "
        "La personne doit pouvoir répondre oui ou non sans deviner.",
        READ_ASK,
    )


def _pay_item(reading: OutreachReading) -> FeedbackItem:
    label = "Rémunération annoncée"
    pay = reading.pay
    ask = (
        "Annoncez un montant (« 800 € ») ou une fourchette, ou invitez la personne à partager son tarif."
    )
    if pay.paid:
        shown = pay.cash or pay.promise or pay.rate_invitation
        how = "vous l'invitez à donner son tarif" if shown == pay.rate_invitation else "vous la rémunérez"
        return FeedbackItem(
            "pay", label, True, f"Dès le premier message, {how} (« {shown} »)."
        )
    if pay.refusal:
        return FeedbackItem(
            "pay",
            label,
            False,
            f"« {pay.refusal} » : le message dit que le travail ne sera pas payé. Un contenu demande "
            f"des heures de création, c'est un travail professionnel. {ask}",
            READ_ASK,
        )
    if pay.deferral:
        extra = f", et l'on offre de la visibilité à la place (« {pay.unpaid} »)" if pay.unpaid else ""
        return FeedbackItem(
            "pay",
            label,
            False,
            f"« {pay.deferral} » : la rémunération est repoussée à plus tard{extra}. C'est une promesse "
            f"qui ne promet rien. {ask}",
            READ_ASK,
        )
    if pay.unpaid:
        in_kind = (
            f" Les produits offerts (« {pay.gift} ») sont une attention, un paiement en nature : leur "
            "valeur ne paie pas le travail."
            if pay.gift
            else ""
        )
        return FeedbackItem(
            "pay",
            label,
            False,
            f"« {pay.unpaid} » : le message propose de travailler sans être payé, ou contre de la "
            f"visibilité.{in_kind} Un contenu est un travail professionnel, qui se rémunère. {ask}",
            READ_ASK,
        )
    if pay.gift:
        return FeedbackItem(
            "pay",
            label,
            False,
            f"Offrir un produit (« {pay.gift} ») est une belle attention et un paiement en nature (la "
            f"publication doit donc être signalée, et sa valeur compte pour le contrat écrit), mais ce "
            f"n'est pas un cachet : le travail de création se rémunère. {ask}",
            READ_ASK,
        )
    return FeedbackItem(
        "pay",
        label,
        False,
        f"Rien n'est dit sur la rémunération. Dites que la collaboration est rémunérée : {ask[0].lower()}{ask[1:]}",
        READ_ASK,
    )


def _tone_item(reading: OutreachReading) -> FeedbackItem:
    label = "Ton respectueux"
    if reading.pressure:
        return FeedbackItem(
            "tone",
            label,
            False,
            f"Ces mots mettent la pression : {_quote(list(reading.pressure[:4]))}. Un ultimatum ou une "
            "urgence pousse à refuser : laissez le temps de répondre, proposez sans exiger, et gardez une "
            "porte de sortie (« si ce n'est pas le moment, aucun souci »).",
            READ_TONE,
        )
    if len(reading.caps_words) >= 2:
        return FeedbackItem(
            "tone",
            label,
            False,
            f"Des mots en capitales ({_quote(list(reading.caps_words[:3]))}) se lisent comme des cris : "
            "écrivez-les en minuscules.",
            READ_TONE,
        )
    return FeedbackItem("tone", label, True, "Le ton est respectueux : ni urgence, ni pression.")


def _length_item(reading: OutreachReading) -> FeedbackItem:
    label = "Longueur"
    count = format_number(reading.word_count)
    if reading.word_count < MIN_WORDS:
        return FeedbackItem(
            "length",
            label,
            False,
            f"Votre message compte {count} mot{'s' if reading.word_count > 1 else ''} : trop court "
            f"pour dire qui vous êtes, pourquoi cette personne et ce que vous proposez. Visez "
            f"{MIN_WORDS} à {MAX_WORDS} mots.",
            READ_EXAMPLE,
        )
    if reading.word_count > MAX_WORDS:
        return FeedbackItem(
            "length",
            label,
            False,
            f"Votre message compte {count} mots : c'est long pour un premier contact. Gardez "
            f"l'essentiel en {MIN_WORDS} à {MAX_WORDS} mots ; les détails viendront dans le brief.",
            READ_EXAMPLE,
        )
    return FeedbackItem(
        "length",
        label,
        True,
        f"{count} mots : une longueur qui se lit d'une traite ({MIN_WORDS} à {MAX_WORDS} mots).",
    )


def _personal_item(reading: OutreachReading) -> FeedbackItem:
    label = "Pas d'envoi de masse"
    problems = list(reading.mass_markers[:3])
    if reading.wrong_name:
        problems.append(reading.wrong_name)
    if problems:
        return FeedbackItem(
            "not_mass",
            label,
            False,
            f"Ces traces d'un modèle envoyé à tout le monde se voient tout de suite : "
            f"{_quote(problems)}. Remplacez-les par le nom et des détails propres à cette personne.",
            READ_WHY,
        )
    return FeedbackItem("not_mass", label, True, "Aucune trace de modèle envoyé en masse.")


@learner_check("ch04-outreach", "Message")
def check_outreach(
    message: object,
    creator: object,
    *,
    other_names: tuple[str, ...] = (),
    campaign: Campaign | None = None,
) -> Feedback:
    """Check a first message to a creator, written in French; one item per thing a creator answers to.

    ``creator`` is a mapping with at least a display name (``display_name`` or ``name``) or a
    ``handle``, and ideally ``niche`` and a few recent captions (``recent_posts`` or ``captions``,
    a list of strings); ``followers`` adds a tip about agents. ``other_names`` are names of other
    creators: a message that greets one of them was copied. ``campaign`` is the campaign the
    message is for (Sève's « Rituel Avoine » by default): its brand and product are what the
    message must present, and its words never count as citing the creator's content.

    The message is read on its first :data:`MAX_ANALYSED_CHARS` characters and the creator's
    captions on the first :data:`MAX_CAPTIONS` of :data:`MAX_CAPTION_CHARS` characters each, so
    that any input gets its answer at once. Never raises on learner input.
    """
    if is_placeholder(message):
        return input_problem(
            CHECK_NAME,
            "Message",
            "Écrivez d'abord votre message (remplacez « ... » par votre texte) : saluez la personne, "
            "citez un de "
            "ses contenus, dites pourquoi elle, ce que vous proposez et comment elle sera rémunérée.",
            READ_EXAMPLE,
        )
    if not isinstance(message, str):
        return input_problem(
            CHECK_NAME,
            "Message",
            "Le message doit être un texte entre guillemets, pas une valeur de type "
            f"« {type(message).__name__} ».",
            READ_EXAMPLE,
        )
    if not re.search(r"\w", read(message[:MAX_ANALYSED_CHARS]).folded):
        return input_problem(
            CHECK_NAME,
            "Message",
            "Votre message ne contient pas de mots : écrivez-le en phrases.",
            READ_EXAMPLE,
        )
    card = creator_card(creator)
    if card is None:
        return input_problem(
            CHECK_NAME,
            "Créateur",
            "On ne sait pas à qui s'adresse ce message : choisissez d'abord un créateur "
            "(il faut au moins son nom "
            "ou son identifiant).",
            READ_PERSONAL,
        )
    chosen = resolve(campaign)
    others = other_names if isinstance(other_names, list | tuple | set | frozenset) else ()
    safe_others = tuple(n[:200] for n in list(others)[:MAX_BATCH_MESSAGES] if isinstance(n, str) and n.strip())
    reading = read_outreach(message, card, safe_others, campaign=chosen)
    items = (
        _name_item(reading, card),
        _content_item(reading, card, chosen),
        _fit_item(reading, chosen),
        _ask_item(reading),
        _pay_item(reading),
        _tone_item(reading),
        _length_item(reading),
        _personal_item(reading),
    )
    tips = []
    if card.followers is not None and card.followers > AGENT_THRESHOLD_FOLLOWERS:
        tips.append(
            f"{card.display_name or card.handle} a plus de 100 000 abonnés : ces profils passent souvent "
            "par un agent. Cherchez son contact professionnel (en bio) avant d'écrire."
        )
    if len(message) > MAX_ANALYSED_CHARS:
        tips.append(
            f"Seuls les {format_number(MAX_ANALYSED_CHARS)} premiers caractères du message ont été lus "
            "(les mots, eux, sont tous comptés) : un premier message tient en quelques lignes."
        )
    if not re.search(r"\b(?:objet|sujet)\s*:", read(message[:MAX_ANALYSED_CHARS]).folded):
        tips.append(
            "Par e-mail, mettez le nom de la marque et du projet dans l'objet : "
            f"« {' × '.join(chosen.names())} »."
        )
    return build_feedback(CHECK_NAME, items, tips)


# --------------------------------------------------------------------------- several messages


def _name_words(names: tuple[str, ...]) -> frozenset[str]:
    return frozenset(w for name in names for w in _PLAIN_WORD_RE.findall(fold(name[:200])))


def _comparable_words(message: str, names: tuple[str, ...] | frozenset[str]) -> list[str]:
    """The words of a message (its first :data:`MAX_COMPARED_CHARS` characters) with every creator
    name taken out, so that swapping names changes nothing."""
    name_words = names if isinstance(names, frozenset) else _name_words(names)
    return [w for w in _PLAIN_WORD_RE.findall(fold(message[:MAX_COMPARED_CHARS])) if w not in name_words]


_PLAIN_WORD_RE = re.compile(r"[a-z0-9]+")


def _triples(words: list[str]) -> set[str]:
    """Every three words in a row, as one string (strings keep their hash: sets compare fast)."""
    if len(words) < 3:
        return {" ".join(words)} if words else set()
    return {f"{a} {b} {c}" for a, b, c in zip(words, words[1:], words[2:], strict=False)}


def _dice(first: set[str], second: set[str]) -> float:
    if not first and not second:
        return 1.0
    return 2 * len(first & second) / (len(first) + len(second))


def message_similarity(first: str, second: str, names: tuple[str, ...] = ()) -> float:
    """How alike two messages are, from 0 to 1: the share of word triples (three words in a row)
    they have in common, names left out. Linear in the length of the messages (each is read on its
    first :data:`MAX_COMPARED_CHARS` characters), where aligning the words was quadratic."""
    return _dice(_triples(_comparable_words(first, names)), _triples(_comparable_words(second, names)))


def _key_label(key: object, index: int) -> str:
    """A creator's key as the learner typed it, shortened; a key that cannot be shown gets a number."""
    if isinstance(key, str) and key.strip():
        return key.strip()[:80]
    if isinstance(key, int) and not isinstance(key, bool) and abs(key) < 10**12:
        return str(key)
    return f"créateur n° {index}"


@learner_check("ch04-outreach-batch", "Messages")
def check_outreach_batch(messages_by_creator: object) -> Feedback:
    """Flag a message sent unchanged (or with only the name or a detail swapped) to different creators.

    ``messages_by_creator`` maps a creator's name (or id) to the message written to them.
    One item per creator: is their message their own? The first :data:`MAX_BATCH_MESSAGES`
    messages are compared, each on its first :data:`MAX_COMPARED_CHARS` characters (a tip says
    so when more were given), so that the answer stays instant whatever the input.
    """
    if not isinstance(messages_by_creator, Mapping) or not messages_by_creator:
        return input_problem(
            BATCH_CHECK_NAME,
            "Messages",
            'Donnez un dictionnaire {créateur : message}, par exemple {"Léa": "Bonjour Léa, …"}.',
            READ_WHY,
        )
    entries: list[tuple[str, object]] = []
    for index, (key, value) in enumerate(messages_by_creator.items(), start=1):
        if index > MAX_BATCH_MESSAGES:
            break
        label = _key_label(key, index)
        while label in {k for k, _ in entries}:
            label = f"{label} ({index})"
        entries.append((label, value))
    texts = {key: value for key, value in entries if isinstance(value, str) and not is_placeholder(value)}
    if len(texts) < 2:
        return input_problem(
            BATCH_CHECK_NAME,
            "Messages",
            "Il faut au moins deux messages écrits (pas « ... ») pour vérifier qu'aucun n'est une copie.",
            READ_WHY,
        )
    names = _name_words(tuple(key for key, _ in entries))
    every_word = {key: _PLAIN_WORD_RE.findall(fold(value[:MAX_COMPARED_CHARS])) for key, value in texts.items()}
    words = {key: [w for w in value if w not in names] for key, value in every_word.items()}
    triples = {key: _triples(value) for key, value in words.items()}
    keys = list(texts)
    ratios: dict[tuple[str, str], float] = {}
    for index, key in enumerate(keys):
        for other_key in keys[index + 1 :]:
            ratios[key, other_key] = ratios[other_key, key] = _dice(triples[key], triples[other_key])
    items = []
    for key, _value in entries:
        label = f"Message à {key}"
        if key not in texts:
            items.append(
                FeedbackItem(f"unique:{key}", label, False, "Ce message n'est pas encore écrit.", READ_WHY)
            )
            continue
        twins = []
        for other_key in texts:
            if other_key == key:
                continue
            ratio = ratios[key, other_key]
            if ratio >= SIMILARITY_THRESHOLD:
                twins.append((other_key, ratio))
        if not twins:
            items.append(
                FeedbackItem(f"unique:{key}", label, True, "Ce message est propre à cette personne.")
            )
            continue
        other_key, ratio = max(twins, key=lambda pair: pair[1])
        if every_word[key] == every_word[other_key]:
            how = f"est identique à celui envoyé à {other_key}"
        elif words[key] == words[other_key]:
            how = f"est celui envoyé à {other_key}, où seul le nom change"
        else:
            how = (
                f"reprend celui envoyé à {other_key} à {format_number(round(100 * ratio))}\u00a0% "
                "(seul le nom ou un détail change)"
            )
        items.append(
            FeedbackItem(
                f"unique:{key}",
                label,
                False,
                f"Ce message {how}. Un créateur le devine vite : gardez la présentation de la marque et "
                "la demande si vous voulez, mais réécrivez ce qui concerne la personne, le contenu cité et "
                "la raison de votre choix.",
                READ_WHY,
            )
        )
    tips = []
    if len(messages_by_creator) > MAX_BATCH_MESSAGES:
        tips.append(
            f"Seuls les {MAX_BATCH_MESSAGES} premiers messages ont été comparés : vérifiez les autres "
            "par petits groupes."
        )
    if any(isinstance(v, str) and len(v) > MAX_COMPARED_CHARS for _, v in entries):
        tips.append(
            f"Les messages sont comparés sur leurs {format_number(MAX_COMPARED_CHARS)} premiers "
            "caractères : un premier message gagne à être plus court."
        )
    return build_feedback(BATCH_CHECK_NAME, items, tips)
