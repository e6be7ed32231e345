"""Chapter 4 — « Manquer de communication authentique »: the first message to a creator.

The learner writes the first message of the « Rituel Avoine » campaign to one creator of
their shortlist. :func:`check_outreach` reads it the way a creator would, and returns one
feedback item per thing that makes a creator answer:

addressed by name · a specific piece of their content · why this creator and this brand ·
a clear ask (deliverables, timing) · pay stated openly · a respectful tone · a reasonable
length · no mass-mail marker (template placeholders, « Cher influenceur », another name).

:func:`check_outreach_batch` compares several messages and flags a copy sent unchanged, or
with only the name swapped, to different creators.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from influence_workbook.campaign import BRAND, CAMPAIGN
from influence_workbook.feedback import Feedback, FeedbackItem, build_feedback, input_problem
from influence_workbook.text import (
    Patterns,
    compile_patterns,
    contains_any,
    find_quantities,
    fold,
    format_number,
    is_placeholder,
)

CHECK_NAME = "ch04-outreach"
BATCH_CHECK_NAME = "ch04-outreach-batch"
#: Longer texts are still checked, on their first characters only (a first message is short).
MAX_ANALYSED_CHARS = 20_000
MIN_WORDS = 60
MAX_WORDS = 250
AGENT_THRESHOLD_FOLLOWERS = 100_000
#: Two messages whose words are this similar (same words, same order) count as one copy.
SIMILARITY_THRESHOLD = 0.85

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

#: Words of the brand's own pitch: using them shows the product, not that you know the creator.
CAMPAIGN_WORDS: tuple[str, ...] = (BRAND.name, BRAND.pitch, CAMPAIGN.name, CAMPAIGN.product, "cosmetique")

BRAND_PATTERNS = compile_patterns(
    r"\bseve\b",
    r"\brituel avoine\b",
    r"\bshampo+ings? solides?\b",
    r"\bapres-shampo+ing\b",
    r"\bcosmetiques? solides?\b",
)

_FIT_PATTERNS = compile_patterns(
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
    r"\bpensee? pour\b",
    r"\bfait pour\b",
    r"\bnous a (?:donne|fait)\b",
    r"\bc'est (?:exactement|precisement)\b",
)
_DELIVERABLES_RE = (
    r"(?:reel|video|story|stories|post|publication|tiktok|carrousel|tuto|tutoriel|short|live|"
    r"pastille|unboxing|contenu|photo)s?"
)
_DELIVERABLE_PATTERNS = compile_patterns(
    rf"\b(?:\d+|un|une|deux|trois|quatre|cinq|quelques)\s+(?:courte?s?\s+|petite?s?\s+)?{_DELIVERABLES_RE}\b",
    rf"\b(?:realiser|creer|tourner|publier|produire|faire)\s+(?:un|une|des|deux|trois)\s+(?:\w+\s+)?"
    rf"{_DELIVERABLES_RE}\b",
)
_MONTHS_RE = r"janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre"
_TIMING_PATTERNS = compile_patterns(
    rf"\b(?:en|debut|fin|mi-?|courant|avant|d'ici|pour|le \d{{1,2}}|\d{{1,2}}|1er)\s*"
    rf"(?:de |d')?(?:{_MONTHS_RE})\b",
    r"\b\d{1,2}[/.]\d{1,2}\b",
    r"\bsemaines? (?:du|prochaines?)\b",
    r"\bcalendrier\b",
    r"\bd'ici\b",
    r"\bavant le\b",
    r"\bau plus tard\b",
    r"\b(?:au |ce |du )?printemps(?: 20\d\d)?\b",
    r"\bdelai\b",
)
_PAY_PATTERNS = compile_patterns(
    r"\bremunerations?\b",
    r"\bremunere\w*",
    r"\bbudgets?\b",
    r"\btarifs?\b",
    r"\bcachets?\b",
    r"\bhonoraires?\b",
    r"\bpaye\w*",
    r"\bpaie\w*",
    r"\bfacture\w*",
    r"\bdevis\b",
    r"\bretribu\w*",
    r"\bpartenariat paye\b",
    r"\bvos conditions\b",
    r"\btes conditions\b",
    r"\bgrille\b",
)
_NO_PAY_PATTERNS = compile_patterns(
    r"\bnon[ -]remunere\w*",
    r"\bsans remuneration\b",
    r"\bpas (?:de|d'une) (?:remuneration|budget|cachet)\b",
    r"\bpas remunere\w*",
    r"\bgratuitement en echange\b",
    r"\ben echange (?:de|d'une) (?:la )?(?:visibilite|exposition)\b",
    r"\bpour la visibilite\b",
    r"\bbenevol\w*",
)
_PRESSURE_PATTERNS = compile_patterns(
    r"\burgent\w*",
    r"\burgence\b",
    r"\bderniere chance\b",
    r"\bau plus vite\b",
    r"\basap\b",
    r"\bimmediatement\b",
    r"\bsans faute\b",
    r"\bobligatoire\w*",
    r"\b(?:tu dois|vous devez)\b",
    r"\breponds? vite\b",
    r"\brepondez vite\b",
    r"\bavant ce soir\b",
    r"\bdans l'heure\b",
    r"\boffre limitee\b",
    r"\bplaces? limitees?\b",
    r"\bne (?:rate|ratez|manque|manquez) pas\b",
    r"\bpremier arrive\b",
    r"\b(?:gratuitement|gratuit) en echange\b",
    r"\ben echange (?:de|d'une) (?:la )?(?:visibilite|exposition)\b",
    r"\bpour la visibilite\b",
    r"\bc'est une chance\b",
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
_REFERENCE_PATTERNS = compile_patterns(
    r"\b(?:ta|votre|tes|vos) (?:derniere?s?|recente?s?)?\s*(?:video|publication|story|stories|serie|routine|"
    r"vlog|chronique|live|photo|tuto|recette|astuce)s?\b",
    r"\b(?:ton|votre|tes|vos) (?:derniers? |recents? )?"
    r"(?:post|reel|carrousel|tuto|tutoriel|tiktok|short|conseil|"
    r"test|avis|live|episode|format)s?\b",
    r"\bj'ai (?:vu|regarde|lu|adore|aime|beaucoup aime|decouvert|retenu)\b",
    r"\bon a (?:vu|adore|aime|regarde)\b",
    r"\bnous avons (?:vu|adore|aime|regarde)\b",
    r"\bquand tu (?:parles|montres|expliques)\b",
    r"\bquand vous (?:parlez|montrez|expliquez)\b",
)
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
    followers = int(followers_raw) if isinstance(followers_raw, int | float) and followers_raw >= 0 else None
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


def distinctive_words(captions: tuple[str, ...], exclude: tuple[str, ...] = ()) -> dict[str, str]:
    """Stem → word for the words of a creator's captions that can show a message was personalised
    (no stop words, no generic social-media words, no name of the creator, at least 4 letters)."""
    excluded = {_stem(w) for form in exclude for w in _words(form)}
    found: dict[str, str] = {}
    for caption in captions:
        aligned = AlignedText(caption[:MAX_ANALYSED_CHARS])
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
    pay_marker: str | None
    amount: str | None
    no_pay_marker: str | None
    gift_marker: str | None
    pressure: tuple[str, ...]
    caps_words: tuple[str, ...]
    mass_markers: tuple[str, ...]


def read_outreach(message: str, card: CreatorCard, other_names: tuple[str, ...] = ()) -> OutreachReading:
    """Read a French first message the way :func:`check_outreach` judges it."""
    text = message[:MAX_ANALYSED_CHARS]
    aligned = AlignedText(text)
    folded = aligned.folded
    tokens = folded.split() if len(message) <= MAX_ANALYSED_CHARS else message.split()
    word_count = sum(1 for token in tokens if _HAS_WORD.search(token))
    words = _words(folded)
    word_set = {_stem(w.split("'")[-1]) for w in words}

    named = any(
        re.search(rf"(?<![\w@.]){re.escape(form)}(?![\w])", folded)
        or re.search(rf"@{re.escape(form)}\b", folded)
        for form in card.name_forms()
    )
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
        if folded_name in _NOT_NAMES:
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
    distinct = distinctive_words(card.recent_posts, exclude=(card.display_name, card.handle, *CAMPAIGN_WORDS))
    overlap = tuple(distinct[s] for s in distinct if s in word_set)

    amounts = [q for q in find_quantities(folded) if q.unit in {"€", "CHF", "$"} and q.value > 0]
    pressure = aligned.every(_PRESSURE_PATTERNS)
    caps = tuple(
        w
        for w in re.findall(r"\b[A-ZÀ-ÖØ-Þ]{4,}\b", _unfolded(text))
        if fold(w) not in {"seve", "rituel", "avoine", "reel", "reels", "tiktok"}
    )
    mass = aligned.every(_MASS_PATTERNS) + aligned.every((_TEMPLATE_RE,))
    return OutreachReading(
        word_count=word_count,
        named=named,
        greeted_name=greeted,
        wrong_name=wrong,
        overlap=overlap,
        has_reference_marker=aligned.first(_REFERENCE_PATTERNS) is not None,
        brand_named=aligned.first(BRAND_PATTERNS) is not None,
        fit_marker=aligned.first(_FIT_PATTERNS),
        deliverable=aligned.first(_DELIVERABLE_PATTERNS),
        timing=aligned.first(_TIMING_PATTERNS),
        pay_marker=aligned.first(_PAY_PATTERNS),
        amount=aligned.quote(amounts[0].start, amounts[0].end) if amounts else None,
        no_pay_marker=aligned.first(_NO_PAY_PATTERNS),
        gift_marker=contains_any(
            folded,
            (
                r"\bofferts?\b",
                r"\bofferte?s?\b",
                r"\bcadeaux?\b",
                r"\bechantillons?\b",
                r"\benvoyer (?:nos|des|les) produits\b",
            ),
        ),
        pressure=pressure,
        caps_words=caps,
        mass_markers=mass,
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


def _content_item(reading: OutreachReading, card: CreatorCard) -> FeedbackItem:
    label = "Un de ses contenus cité"
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
    examples = distinctive_words(card.recent_posts, exclude=(card.display_name, card.handle, *CAMPAIGN_WORDS))
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
        f"qu'elle vous a appris ou plu.{hint}",
        READ_PERSONAL,
    )


def _fit_item(reading: OutreachReading) -> FeedbackItem:
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
            "La marque ou le produit n'est pas présenté : dites en une phrase qui vous êtes (Sève, "
            "la gamme « Rituel Avoine ») et pourquoi vous pensez à cette personne.",
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
    if reading.no_pay_marker:
        return FeedbackItem(
            "pay",
            label,
            False,
            f"« {reading.no_pay_marker} » : un travail de création se rémunère. Annoncez un "
            "budget ou une fourchette, ou proposez de parler de son tarif.",
            READ_ASK,
        )
    if reading.amount or reading.pay_marker:
        shown = reading.amount or reading.pay_marker
        return FeedbackItem(
            "pay", label, True, f"Vous parlez de rémunération dès le premier message (« {shown} »)."
        )
    gift = (
        f" Envoyer un produit (« {reading.gift_marker} ») n'est pas une rémunération."
        if reading.gift_marker
        else ""
    )
    return FeedbackItem(
        "pay",
        label,
        False,
        f"Rien n'est dit sur la rémunération.{gift} Dites que la collaboration est rémunérée, avec un "
        "montant (« 800 € ») ou une invitation à partager son tarif.",
        READ_ASK,
    )


def _tone_item(reading: OutreachReading) -> FeedbackItem:
    label = "Ton respectueux"
    if reading.pressure:
        return FeedbackItem(
            "tone",
            label,
            False,
            f"Ces mots mettent la pression : {_quote(list(reading.pressure[:3]))}. Laissez le temps "
            "de répondre et proposez, sans exiger.",
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


def check_outreach(message: object, creator: object, *, other_names: tuple[str, ...] = ()) -> Feedback:
    """Check a first message to a creator, written in French; one item per thing a creator answers to.

    ``creator`` is a mapping with at least a display name (``display_name`` or ``name``) or a
    ``handle``, and ideally ``niche`` and a few recent captions (``recent_posts`` or ``captions``,
    a list of strings); ``followers`` adds a tip about agents. ``other_names`` are names of other
    creators: a message that greets one of them was copied. Never raises on learner input.
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
    if not re.search(r"\w", fold(message[:MAX_ANALYSED_CHARS])):
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
    safe_others = tuple(n for n in other_names if isinstance(n, str) and n.strip())
    reading = read_outreach(message, card, safe_others)
    items = (
        _name_item(reading, card),
        _content_item(reading, card),
        _fit_item(reading),
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
    if not re.search(r"\b(?:objet|sujet)\s*:", fold(message[:MAX_ANALYSED_CHARS])):
        tips.append(
            "Par e-mail, mettez le nom de la marque et du projet dans l'objet : « Sève × Rituel Avoine »."
        )
    return build_feedback(CHECK_NAME, items, tips)


# --------------------------------------------------------------------------- several messages


def _comparable_words(message: str, names: tuple[str, ...]) -> list[str]:
    """The words of a message with every creator name taken out (so that swapping names changes nothing)."""
    name_words = {w for name in names for w in _words(fold(name))}
    return [w for w in _words(fold(message[:MAX_ANALYSED_CHARS])) if w not in name_words]


def message_similarity(first: str, second: str, names: tuple[str, ...] = ()) -> float:
    """How alike two messages are, from 0 to 1 (same words in the same order), names left out."""
    a, b = _comparable_words(first, names), _comparable_words(second, names)
    if not a and not b:
        return 1.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def check_outreach_batch(messages_by_creator: object) -> Feedback:
    """Flag a message sent unchanged (or with only the name swapped) to different creators.

    ``messages_by_creator`` maps a creator's name (or id) to the message written to them.
    One item per creator: is their message their own?
    """
    if not isinstance(messages_by_creator, Mapping) or not messages_by_creator:
        return input_problem(
            BATCH_CHECK_NAME,
            "Messages",
            'Donnez un dictionnaire {créateur : message}, par exemple {"Léa": "Bonjour Léa, …"}.',
            READ_WHY,
        )
    entries = [(str(key)[:80], value) for key, value in messages_by_creator.items()]
    texts = [(key, value) for key, value in entries if isinstance(value, str) and not is_placeholder(value)]
    if len(texts) < 2:
        return input_problem(
            BATCH_CHECK_NAME,
            "Messages",
            "Il faut au moins deux messages écrits (pas « ... ») pour vérifier qu'aucun n'est une copie.",
            READ_WHY,
        )
    names = tuple(key for key, _ in entries)
    items = []
    for key, value in entries:
        label = f"Message à {key}"
        if not isinstance(value, str) or is_placeholder(value):
            items.append(
                FeedbackItem(f"unique:{key}", label, False, "Ce message n'est pas encore écrit.", READ_WHY)
            )
            continue
        twins = []
        for other_key, other_value in texts:
            if other_key == key:
                continue
            ratio = message_similarity(value, other_value, names)
            if ratio >= SIMILARITY_THRESHOLD:
                twins.append((other_key, ratio))
        if not twins:
            items.append(
                FeedbackItem(f"unique:{key}", label, True, "Ce message est propre à cette personne.")
            )
            continue
        other_key, ratio = max(twins, key=lambda pair: pair[1])
        if fold(value).split() == fold(dict(texts)[other_key]).split():
            how = f"est identique à celui envoyé à {other_key}"
        elif ratio >= 0.999:
            how = f"est celui envoyé à {other_key}, où seul le nom change"
        else:
            how = (
                f"reprend celui envoyé à {other_key} à {format_number(100 * ratio)}\u00a0% "
                "(seul le nom ou un détail "
                "change)"
            )
        items.append(
            FeedbackItem(
                f"unique:{key}",
                label,
                False,
                f"Ce message {how}. Un créateur le devine vite : parlez de ses contenus à lui ou à elle, "
                "et de ce qui "
                "vous rapproche.",
                READ_WHY,
            )
        )
    return build_feedback(BATCH_CHECK_NAME, items)
