"""The one reading layer for learners' French: negation, verb forms, typos and platform words.

Every check reads free text through :class:`Reading` and asks it about a :class:`Meaning` (a
call to action, a pay promise, an advertising mention…), so that a meaning is written once,
whatever the spelling, the register or the platform the learner writes about:

- **Negation scope.** « Ce n'est pas une publicité », « sans script imposé », « aucun texte
  fourni », « ni pub ni partenariat », « jamais de retouche »: a meaning found inside the scope
  of a negation is *denied*, not *affirmed* (:attr:`Hit.negated`). Encouragements written as a
  double negative (« n'hésite pas à utiliser mon code », « n'oubliez pas de… ») are not negations,
  and « ne… que » is a restriction, not a negation.
- **Inflections and register.** Patterns name verbs with ``<infinitive>``: ``<utiliser>`` matches
  « utilise », « utilisez », « utiliser », « utilisons », « utilisé »; ``<s'abonner>`` also
  « abonne-toi », « abonnez-vous », « t'abonner ». Tu and vous imperatives, infinitives and « on »
  are all one rule.
- **Typos and missing accents.** Text is folded (:func:`influence_workbook.text.fold`: no
  accents, lower case, French typography unified), then each longer word one letter away from a
  word of :data:`VOCABULARY` (« publicitée », « partenairiat », « remunération ») is read as that
  word. Meanings are matched on that corrected text.
- **Platform vocabulary.** :data:`LINK_PLACEMENT`, :data:`PROMO_CODE` and :data:`CALL_TO_ACTION`
  know Instagram's link in bio and link sticker, YouTube's description and pinned comment,
  TikTok's and Snapchat's swipe-up, LinkedIn's « en savoir plus ».

A pure-Python lemmatiser was measured for this layer and not kept: simplemma 2.0.0 imports in
72 ms, then its French dictionary takes 224 ms to load on the first call (a learner's first
« Vérifier »), and it weighs 19 MB, which the in-browser site would have to ship; it then
lemmatises 900 words in 0.6 ms, but leaves « abonne-toi » as it is. The verb forms below are
compiled at import and cost nothing per call (``make bench`` prints every check's first call).
"""

from __future__ import annotations

import bisect
import re
import weakref
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache

from influence_workbook.text import fold

#: Longer texts are read on their first characters only (every check caps what it analyses too).
MAX_READ_CHARS = 20_000

# --------------------------------------------------------------------------- verb forms

# Irregular verbs learners use in calls to action, outreach and briefs: every form a folded
# (accent-free) text may show, tu and vous imperatives, infinitive, present, past participle.
_IRREGULAR: dict[str, tuple[str, ...]] = {
    "faire": ("fais", "fait", "faites", "faire", "faisons", "font", "faisant"),
    "prendre": ("prends", "prend", "prenez", "prendre", "prenons", "pris", "prise"),
    "decouvrir": ("decouvre", "decouvres", "decouvrez", "decouvrir", "decouvrons", "decouvert", "decouverte"),
    "offrir": ("offre", "offres", "offrez", "offrir", "offrons", "offert", "offerte", "offerts", "offertes"),
    "aller": ("va", "vas", "allez", "aller", "allons", "vais", "vont"),
    "venir": ("viens", "vient", "venez", "venir", "venons", "viennent", "venu"),
    "voir": ("vois", "voit", "voyez", "voir", "voyons", "vu", "vue"),
    "mettre": ("mets", "met", "mettez", "mettre", "mettons", "mis", "mise"),
    "suivre": ("suis", "suit", "suivez", "suivre", "suivons", "suivi", "suivie"),
    "s'inscrire": ("inscris", "inscrit", "inscrivez", "inscrire", "inscrivons", "inscrite"),
    "ecrire": ("ecris", "ecrit", "ecrivez", "ecrire", "ecrivons"),
    "dire": ("dis", "dit", "dites", "dire", "disons"),
    "rendre": ("rends", "rend", "rendez", "rendre", "rendons", "rendu"),
    "se rendre": ("rends", "rend", "rendez", "rendre", "rendons", "rendu"),
    "rejoindre": ("rejoins", "rejoint", "rejoignez", "rejoindre", "rejoignons"),
    "repondre": ("reponds", "repond", "repondez", "repondre", "repondons", "repondu"),
    "recevoir": ("recois", "recoit", "recevez", "recevoir", "recevons", "recu", "recue", "recus"),
    "payer": ("paie", "paies", "paye", "payes", "payez", "payer", "payons", "paierai", "paierons", "payerons",
              "paiera", "payera", "paye", "payee", "payes"),
    "envoyer": ("envoie", "envoies", "envoyez", "envoyer", "envoyons", "envoye", "enverrai", "enverrons"),
    "essayer": ("essaie", "essaies", "essaye", "essayes", "essayez", "essayer", "essayons", "essaye"),
    "acheter": ("achete", "achetes", "achetez", "acheter", "achetons", "achetent"),
    "racheter": ("rachete", "rachetes", "rachetez", "racheter", "rachetons", "rachetent", "rachetee", "rachetees"),
    "vendre": ("vends", "vend", "vendez", "vendre", "vendons", "vendent", "vendu", "vendue", "vendus", "vendues"),
    "choisir": ("choisis", "choisit", "choisissez", "choisir", "choisissons", "choisi", "choisie"),
    "remplir": ("remplis", "remplit", "remplissez", "remplir", "rempli"),
    "tenter": ("tente", "tentes", "tentez", "tenter", "tentons", "tente"),
}
_REGULAR_ER_ENDINGS = r"(?:e|es|ez|er|ons|ent|ant|ee|ees|eront|erons|erez|era|erai|ait|iez)"
_PRONOUNS_AFTER = r"(?:-(?:toi|vous|moi|nous|le|la|les|en|y))*"
_PRONOUNS_BEFORE = r"(?:(?:te|t'|vous|me|m'|se|s'|nous)\s*)?"


def verb_pattern(infinitive: str) -> str:
    """A regex (no group) for every form of a verb in folded text, tu and vous alike.

    ``utiliser`` → « utilise », « utilisez », « utiliser », « utilisons », « utilise(e)s »…;
    a pronominal ``s'abonner`` also reads « abonne-toi », « abonnez-vous », « t'abonner ».
    """
    infinitive = fold(infinitive)
    pronominal = infinitive.startswith(("s'", "se "))
    bare = re.sub(r"^(?:s'|se )", "", infinitive)
    if infinitive in _IRREGULAR or bare in _IRREGULAR:
        forms = _IRREGULAR.get(infinitive) or _IRREGULAR[bare]
        body = "(?:" + "|".join(sorted(map(re.escape, forms), key=len, reverse=True)) + ")"
    elif bare.endswith("er"):
        body = re.escape(bare[:-2]) + _REGULAR_ER_ENDINGS
    elif bare.endswith("ir"):
        stem = re.escape(bare[:-2])
        body = stem + r"(?:ir|is|it|issez|issons|issent|i|ie)"
    else:
        body = re.escape(bare)
    before = _PRONOUNS_BEFORE if pronominal else r"(?:(?:te|t'|vous|nous|le|la|les|l'|lui|leur|en|y)\s*)?"
    return rf"\b{before}{body}{_PRONOUNS_AFTER}\b"


_VERB_MACRO = re.compile(r"<([a-z' ]+)>")


def expand(pattern: str) -> str:
    """Replace each ``<infinitive>`` in a pattern by :func:`verb_pattern`."""
    return _VERB_MACRO.sub(lambda m: "(?:" + verb_pattern(m.group(1)) + ")", pattern)


# --------------------------------------------------------------------------- typos

#: Words a typo must not hide: each longer word of a text one letter away from one of these
#: (a letter missing, added, changed, or two swapped) is read as it. Folded, six letters or more.
VOCABULARY: frozenset[str] = frozenset(
    """
    publicite publicitaire sponsorise sponsorisee sponsoring partenariat partenaire collaboration
    commerciale remuneration remunere remuneree remunerer paiement facture cachet honoraires
    abonnement abonnes abonnez commentaire epingle description sticker swipe
    utilise utilisez utiliser commande commandez commander decouvrez decouvrir cliquez cliquer
    inscrivez inscription reduction promotion promotionnel exclusif exclusivite
    notoriete consideration conversion fidelisation visibilite engagement impressions portee
    ventes clients clientes audience abonnees creatrice createur createurs creatrices influenceur influenceuse
    shampooing shampoing apres-shampooing cosmetique cosmetiques produit produits gamme
    semaine semaines janvier fevrier septembre octobre novembre decembre juillet
    script imposer impose liberte validation relecture retouche retouchee
    disponible contrat contrat rapidement urgence urgent reponse argent
    """.split()
)


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _build_typo_index(vocabulary: Iterable[str]) -> dict[str, str]:
    index: dict[str, str] = {}
    for word in sorted(vocabulary):
        for variant in {word, *_deletions(word)}:
            index.setdefault(variant, word)
    return index


_TYPO_INDEX = _build_typo_index(VOCABULARY)
_WORD_RE = re.compile(r"[a-z]{6,}")


def one_edit_apart(word: str, other: str) -> bool:
    """True when two different words differ by one letter added, removed, changed, or two swapped."""
    if word == other or abs(len(word) - len(other)) > 1:
        return False
    if len(word) == len(other):
        diffs = [i for i, (a, b) in enumerate(zip(word, other, strict=True)) if a != b]
        if len(diffs) == 1:
            return True
        if len(diffs) != 2:
            return False
        first, second = diffs
        return second == first + 1 and word[first] == other[second] and word[second] == other[first]
    shorter, longer = sorted((word, other), key=len)
    return any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))


def _inflection_of(word: str, other: str) -> bool:
    """« vente »/« ventes », « abonne »/« abonnes »: another form of the word, not a typo."""
    shorter, longer = sorted((word, other), key=len)
    return longer.startswith(shorter) and longer[len(shorter) :] in {"s", "e", "x"}


#: No vocabulary word is longer; longer letter runs are not read for typos.
MAX_TYPO_WORD = 30


#: Real French words one letter away from a vocabulary word: never « corrected » (« cacher » is not « cachet »).
NOT_TYPOS: frozenset[str] = frozenset({"cacher", "cachez", "caches", "cachee", "cachees"})


def _correct_word(word: str) -> str:
    """The vocabulary word one edit away from ``word``, or ``word`` itself."""
    if word in VOCABULARY or word in NOT_TYPOS or len(word) > MAX_TYPO_WORD:
        return word  # a 20 000-letter « word » would cost its 20 000 deletions, for nothing
    for variant in (word, *_deletions(word)):
        found = _TYPO_INDEX.get(variant)
        if found is not None and one_edit_apart(word, found) and not _inflection_of(word, found):
            return found
    return word


def correct_typos(folded_text: str) -> str:
    """Folded text with each word one letter away from :data:`VOCABULARY` replaced by that word.

    Only words of six letters or more are corrected (shorter ones are too often other words).
    The corrected text may differ in length from the input: use it for meanings, not positions
    in the learner's own text.
    """
    return _WORD_RE.sub(lambda m: _correct_word(m.group(0)), folded_text)


# --------------------------------------------------------------------------- negation

# « ne/n' » counts only with a negative particle after it (« ne… que » restricts, it does not deny).
_NE = r"\b(?:ne\s|n')"
_PARTICLES = r"(?:pas|plus|jamais|rien|aucune?|guere|personne|point|nullement|ni)"
_STANDALONE = r"\b(?:pas|aucune?|sans|ni|jamais|non|nul(?:le)?|rien|zero)\b"
# Double negatives that encourage (« n'hésitez pas à… ») and idioms with « pas »/« sans » that deny nothing.
_NOT_NEGATIONS = re.compile(
    r"\b(?:n'|ne\s)(?:h?esite[sz]?|oublie[sz]?|manque[sz]?|rate[sz]?|loupe[sz]?)\s+pas\b(?:\s+(?:a|de|d'))?"
    r"|\bn'(?:h?esitez|h?esite)\s+surtout\s+pas\b"
    r"|\bpas\s+mal\b|\bpourquoi\s+pas\b|\bsans\s+(?:faute|oublier|doute)\b|\bnon\s+seulement\b"
    r"|\bpas\s+(?:que|seulement|uniquement)\b|\bni\s+plus\s+ni\s+moins\b"
    r"|\bzero\s+(?:dechets?|waste|plastique|gaspi\w*|emballages?|defaut|stress|sucre|alcool)\b"
)
_NEGATION_START = re.compile(rf"{_NE}(?=(?:\S+\s+){{0,4}}?{_PARTICLES}\b)|{_STANDALONE}")
# A negation's scope ends at a clause boundary or after a few words.
_SCOPE_END = re.compile(
    r"[.;:!?,()\[\]\n|/•]|\s-\s|\b(?:mais|et|car|donc|puis|alors|cependant|pourtant|sinon|ou|si|quand|parce|"
    r"par contre|en revanche|tandis|plutot|au contraire|seulement|sauf|excepte|hormis)\b"
)
SCOPE_WORDS = 8
#: A scope never reaches further than this many characters after its trigger's particle.
SCOPE_CHARS = 400


@dataclass(frozen=True)
class Span:
    start: int
    end: int


def negation_scopes(folded_text: str) -> tuple[Span, ...]:
    """Where a negation applies in folded text: from its trigger to the end of the clause.

    « je ne fournis pas de script » → from « ne » to the end; « sans script, mais un thème » →
    « sans script »; « n'hésite pas à utiliser mon code » → nothing (an encouragement).
    """
    masked = _NOT_NEGATIONS.sub(lambda m: " " * len(m.group(0)), folded_text)
    scopes: list[Span] = []
    for trigger in _NEGATION_START.finditer(masked):
        if scopes and trigger.start() < scopes[-1].end:
            continue  # « ne… pas », « ni… ni »: already inside the scope opened before
        word_end = trigger.end()
        # « ne… pas » : the scope runs past the particle, so start looking for its end after it.
        if trigger.group(0).startswith(("ne", "n'")):
            particle = re.compile(rf"\b{_PARTICLES}\b").search(masked, word_end)
            word_end = particle.end() if particle else word_end
        # Looked for within SCOPE_CHARS only: searching to the end of the text for each trigger made
        # a long text of negations quadratic (« pas » × 5 000 took 2 s).
        limit = min(len(masked), word_end + SCOPE_CHARS)
        boundary = _SCOPE_END.search(masked, word_end, limit)
        end = boundary.start() if boundary else limit
        # and at most SCOPE_WORDS words after the trigger's particle
        words = list(re.finditer(r"\S+", masked[word_end:end]))
        if len(words) > SCOPE_WORDS:
            end = word_end + words[SCOPE_WORDS - 1].end()
        scopes.append(Span(trigger.start(), end))
    return tuple(scopes)


# --------------------------------------------------------------------------- meanings


@dataclass(frozen=True)
class Hit:
    """Where a meaning was found, the words that said it, and whether they are under a negation."""

    start: int
    end: int
    text: str
    negated: bool


#: Every meaning made (weakly: a check may make meanings of its own for one campaign).
_MEANINGS: weakref.WeakSet[Meaning] = weakref.WeakSet()


def compile_meanings() -> int:
    """Compile every meaning made so far; how many there are. A pattern that does not compile raises here."""
    meanings = list(_MEANINGS)
    for meaning in meanings:
        meaning.compile()
    return len(meanings)


class Meaning:
    """One thing a learner's text can say, written once for every spelling and register.

    ``patterns`` are regexes on folded, typo-corrected text; ``<verb>`` stands for every form of
    that verb (:func:`verb_pattern`). Compiled when the meaning is first used, not at import: the
    course's meanings are a few hundred regexes, and compiling them all held each workshop's start
    in the browser (Python in WebAssembly) by about a tenth of a second, most of them for checks the
    workshop shown never runs. :func:`compile_meanings` compiles every meaning made so far (the
    tests check that each pattern compiles).
    """

    def __init__(self, name: str, *patterns: str) -> None:
        self.name = name
        self.patterns = patterns
        _MEANINGS.add(self)

    @cached_property
    def _compiled(self) -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(expand(pattern)) for pattern in self.patterns)

    def compile(self) -> None:
        """Compile the patterns now (see the class's docstring)."""
        self._compiled  # noqa: B018 - a cached property: reading it compiles

    def __repr__(self) -> str:
        return f"Meaning({self.name!r})"

    def hits(self, reading: Reading | str) -> list[Hit]:
        reading = read(reading) if isinstance(reading, str) else reading
        found: dict[tuple[int, int], Hit] = {}
        for pattern in self._compiled:
            for match in pattern.finditer(reading.text):
                span = (match.start(), match.end())
                found.setdefault(span, Hit(*span, match.group(0).strip(), reading.negated(match.start())))
        return sorted(found.values(), key=lambda hit: hit.start)

    def affirmed(self, reading: Reading | str) -> list[Hit]:
        """Hits not under a negation: what the text actually says."""
        return [hit for hit in self.hits(reading) if not hit.negated]

    def denied(self, reading: Reading | str) -> list[Hit]:
        """Hits under a negation: what the text says is *not* the case."""
        return [hit for hit in self.hits(reading) if hit.negated]

    def said(self, reading: Reading | str) -> bool:
        return bool(self.affirmed(reading))


class Reading:
    """A learner's text, read once: folded, typo-corrected, with its negation scopes.

    ``text`` is what meanings match (folded and corrected); ``folded`` keeps the folded text
    whose positions follow the learner's own (for quoting a match back).
    """

    def __init__(self, raw: str) -> None:
        self.raw = raw[:MAX_READ_CHARS]
        self.folded = fold(self.raw)
        self.text = correct_typos(self.folded)
        self.scopes = negation_scopes(self.text)
        self._starts = [scope.start for scope in self.scopes]

    def negated(self, position: int) -> bool:
        # Scopes never overlap and come in order: the only candidate is the last one starting before.
        index = bisect.bisect_right(self._starts, position) - 1
        return index >= 0 and position < self.scopes[index].end

    def words(self) -> list[str]:
        return re.findall(r"[a-z0-9']+", self.text)


@lru_cache(maxsize=256)
def read(text: str) -> Reading:
    """The :class:`Reading` of a text, cached: several criteria of one check read the same text."""
    return Reading(text)


# --------------------------------------------------------------------------- shared meanings
# What more than one check needs to recognise. A meaning a single check needs lives beside it,
# built with :class:`Meaning` so that it reads negation, verb forms and typos the same way.

#: Where the link or code is, on any platform.
LINK_PLACEMENT = Meaning(
    "link_placement",
    r"\b(?:lien|link|liens)\s+(?:en|dans (?:la|ma|sa|ta|notre|votre)|in)\s+"
    r"(?:bio|biographie|description|story|stories)\b",
    r"\blink\s?in\s?bio\b",
    r"\b(?:lien|liens)\s+(?:est\s+|sera\s+)?(?:en|dans (?:le|un|les))\s+commentaires?(?:\s+epingle)?\b",
    # LinkedIn's first comment: « lien en 1er commentaire », « le lien d'inscription en premier commentaire »
    r"\b(?:lien|liens|link)\b[^.;!?]{0,40}?\b(?:en|dans (?:le|un|les|mon|notre|ton|votre))\s+"
    r"(?:(?:1er|1e|premier|first)\s+)?comm?entaires?(?:\s+epingle)?\b",
    r"\b(?:en|dans (?:le|mon|notre))\s+(?:1er|premier)\s+commentaire\b",
    r"\blinks?\s+in\s+(?:the\s+)?(?:first\s+)?comments?\b",
    r"\bcommentaire\s+epingle\b",
    r"\bdescription\s+(?:de la|de ma|de cette)?\s*(?:video|chaine)\b",
    r"\b(?:sticker|stickers)\s+(?:lien|link)\b",
    r"\bswipe[- ]?up\b",
    r"\b(?:glisse|glissez|swipe|swipez)\s+vers le haut\b",
    r"\bbouton\s+(?:en savoir plus|acheter|commander|s'inscrire|reserver)\b",
    r"\b(?:lien|link)\s+(?:d'achat|d'affiliation|affilie|tracke|utm)\b",
    r"\bsur (?:le|notre|leur) site\b",
    r"\bsur \w+\.(?:com|fr|ch)\b",
    r"\b(?:en|dans la) story\b.{0,20}\blien\b",
    # « le lien vers la fiche est dans la description », « le lien est en bio »: the place said after a verb
    r"\b(?:lien|link|liens)\b[^.;!?]{0,60}\b(?:est|sont|sera|se trouve|dispo\w*)\s+(?:en|dans (?:la|ma|sa|ta|notre|"
    r"votre|le|les))\s+(?:bio|biographie|description|story|stories|commentaires?(?:\s+epingle)?)\b",
)

#: A promo code, with or without a verb: « code NOA20 : -20 % », « avec mon code LUNA10 ».
PROMO_CODE = Meaning(
    "promo_code",
    r"\bcodes?\s+(?:promo\w*|de reduction|unique|dedie|personnel|affilie)\b",
    r"\bcodes?\s*:?\s*[a-z]{2,}[0-9]{1,3}\b",
    r"\b(?:mon|ton|son|notre|votre|le|un)\s+code\b",
    r"(?:^|\s)-\s?\d{1,2}\s?%",
)

#: Asking the audience to do something, whatever the verb's person or the platform.
CALL_TO_ACTION = Meaning(
    "call_to_action",
    r"<utiliser>",
    r"<s'abonner>",
    r"<commander>",
    r"<acheter>",
    r"<essayer>",
    r"<tester>",
    r"<decouvrir>",
    r"<cliquer>",
    r"<profiter>",
    r"<s'inscrire>",
    r"<participer>",
    r"<partager>",
    r"<commenter>",
    r"<enregistrer>",
    r"<telecharger>",
    r"<rejoindre>",
    r"<suivre>",
    r"<visiter>",
    r"<reserver>",
    r"<precommander>",
    r"<recharger>",
    r"<racheter>",
    r"<parrainer>",
    r"<identifier>",
    r"<taguer>",
    r"\brendez-vous sur\b",
    r"\bfonce[sz]?\b",
    r"\bfollow\w*\b",
    r"\ben savoir plus\b",
    r"\ba vous de jouer\b|\ba toi de jouer\b",
    r"\b(?:dites|dis)[- ]moi\b",
    r"\bswipe[- ]?up\b",
    # English verbs learners write in French calls to action: « Book une démo », « Download le guide ».
    r"\b(?:book(?:e[sz]?)?|download(?:e[sz]?)?|try|sign[- ]?up|join|shop|grab|click|register|subscribe)\b",
    *LINK_PLACEMENT.patterns,
    *PROMO_CODE.patterns,
)

#: Saying the content is advertising or a paid partnership (FR, CH, EN words).
AD_MENTION = Meaning(
    "ad_mention",
    r"\bpublicite\b",
    r"\bpub\b",
    r"\bpublicitaire\b",
    r"\bsponsoris\w*\b",
    r"\bsponsor\w*\b",
    r"\bpartenariat\b",
    r"\bcollaboration commerciale\b",
    r"\ben collaboration avec\b",
    r"#\s?(?:ad|pub|sponsored|advertisement|advert|werbung|anzeige)\b",
    r"\bpaid partnership\b",
    r"\bpartenariat remunere\b",
    r"\bcontenu (?:sponsorise|remunere|commercial)\b",
)

#: Paying the creator: an amount, a fee, a paid collaboration (what a pay promise says).
PAY_PROMISE = Meaning(
    "pay_promise",
    r"<remunerer>",
    r"\bremuneration\b",
    r"<payer>",
    r"\bpaiement\b",
    r"\bcachet\b",
    r"\bhonoraires?\b",
    r"\btarifs?\b",
    r"\bbudget\b",
    r"\bfacture[sr]?\b",
    r"\bforfait\b",
    r"\brenumer\w*|\bremuner\w*",
    r"(?<![\d.'])\d[\d\s.']{0,15}\s?(?:€|eur(?:os?)?|chf|francs?|\$)",  # bounded: a run of digits stays linear
    r"(?:€|chf)\s?\d",
)

#: Putting off or replacing pay with « visibility »: a promise that promises nothing.
PAY_DEFERRAL = Meaning(
    "pay_deferral",
    r"\b(?:on|nous)\s+en\s+(?:re)?parler\w*\b",
    r"\b(?:on|nous)\s+verr\w+\b",
    r"\bplus tard\b",
    r"\bune fois (?:les|que les) (?:premiers )?(?:chiffres|resultats)\b",
    r"\bselon (?:les )?(?:resultats|performances|chiffres)\b(?!.{0,40}\d)",
    r"\b(?:belle |bonne |grande )?(?:vitrine|visibilite|exposition)\b",
    r"\ben echange de (?:visibilite|produits?|la visibilite)\b",
    r"\bpas de budget\b",
    r"\bbudget (?:limite|serre)\b.{0,40}\bvisibilite\b",
)

#: Pressing for an answer: ultimatums and artificial urgency.
PRESSURE = Meaning(
    "pressure",
    r"\b(?:ce soir|aujourd'hui|dans l'heure|sous 24 ?h|d'ici demain|avant demain|immediatement|tout de suite)\b"
    r".{0,60}\b(?:sinon|ou bien|faute de quoi|a defaut)\b",
    r"\bsinon\b.{0,60}\b(?:autre|autres)\s+(?:createur|createurs|creatrice|creatrices|influenceu\w+|profil)\b",
    r"\b(?:il nous faut|il me faut|j'ai besoin de|nous avons besoin de)\s+(?:ta|votre)\s+reponse\s+"
    r"(?:ce soir|aujourd'hui|immediatement|tout de suite|dans l'heure|avant demain)\b",
    r"\bdernier (?:delai|carat)\b",
    r"\boffre (?:limitee|valable) (?:a|jusqu'a) ce soir\b",
    r"\burgent\w*\b",
    r"\bpremier arrive,? premier servi\b",
)
