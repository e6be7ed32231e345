"""Read a learner's own list of creators, exported as CSV from a spreadsheet.

Real exports are messy: Excel in France writes ``;`` separators, decimal commas and Windows-1252
text; LibreOffice may add a BOM; Swiss users write « 12'500 »; headers are in French, with
accents and units (« Abonnés (nb) », « Tarif € »). :func:`read_creators_csv` accepts all of that
and never raises for bad content: it returns the rows it could read and a list of precise
French problems naming the line (as numbered in the spreadsheet, header = line 1) and the column
(as the learner wrote it). Bad rows are skipped, good rows kept; an unreadable optional value is
left empty and reported.
"""

from __future__ import annotations

import csv
import io
import re
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Literal

import pandas as pd

from influence_workbook.data.schema import AGE_BRACKETS, NICHES, PLATFORMS
from influence_workbook.text import fold

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 50_000
MAX_LISTED_PROBLEMS = 100
#: A longer cell is refused with a French message naming its line (Python's csv stops at this size).
MAX_CELL_CHARS = 131_072
#: How much of a refused cell a message quotes.
QUOTED_CHARS = 60
HEADER_SEARCH_ROWS = 10

Source = str | Path | bytes | bytearray | memoryview | IO[bytes] | IO[str]
Severity = Literal["error", "warning"]
ValueKind = Literal[
    "text",
    "handle",
    "platform",
    "count",
    "number",
    "share",
    "percent",
    "signed_percent",
    "money",
    "niche",
    "language",
    "country",
    "age",
]


@dataclass(frozen=True)
class ImportProblem:
    """One thing the learner should fix. ``line`` is the spreadsheet's line number (header = 1)."""

    message: str
    line: int | None = None
    column: str | None = None
    severity: Severity = "error"
    row_skipped: bool = False

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class ImportResult:
    """The rows that could be read, as a DataFrame, and every problem met on the way.

    ``data`` always has the columns ``display_name``, ``handle``, ``platform``, ``followers``,
    ``avg_likes`` and ``source_line``, plus any optional column found in the file.
    """

    data: pd.DataFrame
    problems: tuple[ImportProblem, ...] = ()
    rows_read: int = 0
    separator: str | None = None
    encoding: str | None = None
    columns: dict[str, str] = field(default_factory=dict)  # learner's header → canonical name

    @property
    def ok(self) -> bool:
        """True when nothing had to be skipped or refused (warnings allowed)."""
        return not any(problem.severity == "error" for problem in self.problems)

    @property
    def messages(self) -> list[str]:
        return [problem.message for problem in self.problems]

    @property
    def rows_kept(self) -> int:
        return len(self.data)

    def report(self) -> str:
        """A French summary for the learner: what was imported, then each problem on its own line."""
        if self.rows_kept == 0:
            head = (
                f"Aucune ligne importée sur {self.rows_read}." if self.rows_read else "Aucune ligne importée."
            )
        else:
            plural = "s" if self.rows_kept > 1 else ""
            head = f"{self.rows_kept} ligne{plural} importée{plural} sur {self.rows_read}."
        if not self.problems:
            return head + " Aucun problème détecté."
        return "\n".join([head, *(f"- {problem.message}" for problem in self.problems)])


@dataclass(frozen=True)
class _Field:
    name: str
    kind: ValueKind
    label: str  # French, used in messages (« le nombre d'abonnés »)
    aliases: tuple[str, ...]
    required: bool = False
    maximum: float | None = None


# fmt: off
_FIELDS = (
    _Field("creator_id", "text", "l'identifiant du créateur dans le cours", ("id", "creator id")),
    _Field("tier", "text", "le palier", ("palier", "tier", "categorie d influenceur")),
    _Field(
        "display_name", "text", "le nom",
        (
            "nom", "name", "display name", "nom affiche", "nom public", "createur", "createurs",
            "createur rice", "createurice", "createur trice", "createur ou createrice", "createur ice",
            "influenceur", "influenceuse", "influenceur euse", "influenceurs", "nom du createur",
            "nom de l influenceur", "prenom nom", "profil",
        ),
    ),
    _Field(
        "handle", "handle", "l'identifiant",
        (
            "handle", "identifiant", "pseudo", "compte", "username", "user name", "nom d utilisateur",
            "utilisateur", "arobase", "lien", "url", "lien du profil", "compte instagram", "compte tiktok",
            "chaine", "chaine youtube",
        ),
    ),
    _Field(
        "platform", "platform", "la plateforme",
        (
            "plateforme", "platform", "plate forme", "reseau", "reseau social", "reseaux sociaux",
            "network", "canal", "media", "support",
        ),
        required=True,
    ),
    _Field(
        "followers", "count", "le nombre d'abonnés",
        (
            "abonnes", "abonne", "abonne e s", "abonnes es", "abos", "followers", "follower", "nb abonnes",
            "nombre d abonnes", "nombre abonnes", "communaute", "taille de la communaute", "fans",
            "subscribers", "abonnes youtube",
        ),
        required=True, maximum=1e9,
    ),
    _Field(
        "avg_likes", "count", "le nombre de j'aime",
        (
            "likes", "like", "j aime", "jaime", "mentions j aime", "nb likes", "nombre de likes",
            "nombre de j aime", "likes moyens", "moyenne likes", "moyenne des likes", "moyenne de j aime",
            "moyenne j aime", "j aime moyens", "j aime par post", "likes par post", "avg likes",
        ),
        required=True, maximum=1e9,
    ),
    _Field(
        "avg_comments", "count", "le nombre de commentaires",
        (
            "commentaires", "comments", "coms", "nb commentaires", "commentaires moyens",
            "moyenne commentaires", "moyenne des commentaires", "avg comments",
        ),
        maximum=1e9,
    ),
    _Field(
        "avg_shares", "count", "le nombre de partages",
        (
            "partages", "shares", "nb partages", "partages moyens", "moyenne partages", "avg shares",
        ),
        maximum=1e9,
    ),
    _Field(
        "avg_saves", "count", "le nombre d'enregistrements",
        (
            "enregistrements", "sauvegardes", "saves", "enregistrements moyens", "avg saves",
        ),
        maximum=1e9,
    ),
    _Field(
        "avg_views", "count", "le nombre de vues",
        (
            "vues", "views", "vues moyennes", "nb vues", "moyenne vues", "moyenne des vues", "avg views",
        ),
        maximum=1e11,
    ),
    _Field(
        "posts_per_month", "number", "le nombre de publications par mois",
        (
            "publications par mois", "posts par mois", "posts per month", "frequence",
            "rythme de publication",
        ),
        maximum=1_000,
    ),
    _Field(
        "engagement_rate_pct", "percent", "le taux d'engagement",
        (
            "taux d engagement", "engagement", "er", "taux engagement", "engagement rate",
            "tx d engagement", "tx engagement",
        ),
        maximum=100,
    ),
    _Field(
        "niche", "niche", "la niche",
        (
            "niche", "thematique", "theme", "categorie", "univers", "domaine", "secteur", "sujet",
        ),
    ),
    _Field("language", "language", "la langue", ("langue", "language", "lang")),
    _Field(
        "creator_country", "country", "le pays",
        (
            "pays", "country", "pays du createur", "localisation", "pays createur",
        ),
    ),
    _Field(
        "audience_main_country", "country", "le pays principal de l'audience",
        (
            "pays de l audience", "pays principal", "pays principal de l audience", "audience pays",
            "audience main country",
        ),
    ),
    _Field(
        "audience_share_fr", "share", "la part d'audience en France",
        (
            "audience france", "part france", "audience fr", "france", "part audience france",
            "audience share fr",
        ),
    ),
    _Field(
        "audience_share_ch", "share", "la part d'audience en Suisse",
        (
            "audience suisse", "part suisse", "audience ch", "suisse", "part audience suisse",
            "audience share ch",
        ),
    ),
    _Field(
        "audience_main_age", "age", "la tranche d'âge principale",
        (
            "age", "age audience", "tranche d age", "age principal", "tranche d age principale",
            "audience main age",
        ),
    ),
    _Field(
        "audience_share_18_34", "share", "la part des 18-34 ans",
        (
            "18 34", "18 34 ans", "part 18 34", "audience 18 34", "part des 18 34 ans",
            "audience share 18 34",
        ),
    ),
    _Field(
        "audience_female_share", "share", "la part de femmes",
        (
            "femmes", "part de femmes", "audience feminine", "part femmes", "audience female share",
        ),
    ),
    _Field(
        "follower_growth_30d_pct", "signed_percent", "la croissance sur 30 jours",
        (
            "croissance", "croissance 30 jours", "croissance 30 j", "evolution abonnes",
            "evolution 30 jours", "follower growth 30d pct",
        ),
        maximum=10_000,
    ),
    _Field(
        "max_daily_growth_pct", "percent", "la plus forte hausse d'abonnés en un jour",
        ("pic de croissance", "hausse maximale en un jour", "max daily growth pct"),
        maximum=10_000,
    ),
    _Field(
        "suspicious_followers_pct", "percent", "la part d'abonnés suspects",
        (
            "abonnes suspects", "faux abonnes", "suspicious followers", "part d abonnes suspects",
            "suspicious followers pct",
        ),
        maximum=100,
    ),
    _Field(
        "generic_comment_share", "share", "la part de commentaires génériques",
        (
            "commentaires generiques", "part de commentaires generiques", "generic comment share",
        ),
    ),
    _Field(
        "fee_per_post_eur", "money", "le tarif",
        (
            "tarif", "prix", "cout", "fee", "tarif par post", "tarif par publication",
            "prix par publication", "prix par post", "remuneration", "cachet", "budget", "fee per post eur",
            "tarif ht",
        ),
        maximum=10_000_000,
    ),
)
# fmt: on
_FIELDS_BY_NAME = {f.name: f for f in _FIELDS}
REQUIRED_COLUMNS = ("display_name", "handle", "platform", "followers", "avg_likes")


def _header_key(text: str) -> str:
    """« Abonnés (nb) » → « abonnes nb »: folded, punctuation and units dropped, spaces collapsed."""
    key = fold(text).replace("_", " ")
    key = re.sub(r"(€|\beur(os)?\b|\bchf\b|%|\bnb\.?$)", " ", key)
    key = re.sub(r"[^a-z0-9]+", " ", key)
    return re.sub(r"\s+", " ", key).strip()


def _build_alias_map() -> dict[str, str]:
    aliases: dict[str, str] = {}
    for spec in _FIELDS:
        for alias in (spec.name.replace("_", " "), *spec.aliases):
            aliases.setdefault(_header_key(alias), spec.name)
    return aliases


_ALIASES = _build_alias_map()


def _match_header(header: str) -> str | None:
    key = _header_key(header)
    if key in _ALIASES:
        return _ALIASES[key]
    without_brackets = _header_key(re.sub(r"\(.*?\)|\[.*?\]", " ", header))
    return _ALIASES.get(without_brackets)


# --------------------------------------------------------------------------- values

_SPACES_IN_NUMBERS = re.compile(r"(?<=\d)[\s\u00a0\u202f\u2009'’](?=\d)")
_MULTIPLIERS = {"k": 1e3, "m": 1e6, "mio": 1e6, "md": 1e9}
_PLATFORM_WORDS = {
    "instagram": "instagram",
    "insta": "instagram",
    "ig": "instagram",
    "reels": "instagram",
    "tiktok": "tiktok",
    "tik tok": "tiktok",
    "tt": "tiktok",
    "youtube": "youtube",
    "you tube": "youtube",
    "yt": "youtube",
    "youtube shorts": "youtube",
}
_LANGUAGE_WORDS = {
    "fr": "fr",
    "francais": "fr",
    "french": "fr",
    "de": "de",
    "allemand": "de",
    "german": "de",
    "deutsch": "de",
    "en": "en",
    "anglais": "en",
    "english": "en",
}
# fmt: off
_COUNTRY_WORDS = {
    "france": "FR", "suisse": "CH", "switzerland": "CH", "schweiz": "CH", "belgique": "BE", "canada": "CA",
    "luxembourg": "LU", "allemagne": "DE", "germany": "DE", "autriche": "AT", "royaume uni": "GB",
    "united kingdom": "GB", "uk": "GB", "etats unis": "US", "usa": "US", "maroc": "MA", "senegal": "SN",
    "cote d ivoire": "CI", "espagne": "ES", "italie": "IT",
}
# fmt: on


class _CellError(Exception):
    """A cell that cannot be read; the message is the French end of a sentence about the cell."""


# What spreadsheet users type for « unknown »: read as an empty cell, not as a bad number.
_PLACEHOLDERS = ("-", "–", "—", "n/a", "na", "nc", "n.c.", "?", "…", "...")


def _parse_number(raw: str) -> tuple[float, bool, str]:
    """(value, had a % sign, currency or "") for « 12 500 », « 3,5 % », « 12'500 », « 1,2 k », « 250 € »."""
    text = fold(raw).replace("−", "-")
    percent = "%" in text
    currency = ""
    for pattern, code in ((r"chf|fr\.", "CHF"), (r"\$|usd", "USD"), (r"€|eur(os?)?", "EUR")):
        if re.search(pattern, text):
            currency = currency or code
            text = re.sub(pattern, " ", text)
    text = text.replace("%", " ")
    text = _SPACES_IN_NUMBERS.sub("", text).strip()
    multiplier = 1.0
    suffix = re.fullmatch(r"(.*?\d)\s*(k|m|mio|md)", text)
    if suffix:
        text, multiplier = suffix.group(1), _MULTIPLIERS[suffix.group(2)]
    if not re.fullmatch(r"[-+]?(\d[\d.,]*|[.,]\d+)", text):
        raise _CellError("n'est pas un nombre")
    if "," in text and "." in text:  # the last separator is the decimal one: 1.234,5 or 1,234.5
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        text = text.replace("." if decimal == "," else ",", "").replace(",", ".")
    elif text.count(",") > 1 or text.count(".") > 1:  # 1,234,567 or 1.234.567: thousands only
        text = text.replace(",", "").replace(".", "")
    else:  # French decimal comma
        text = text.replace(",", ".")
    try:
        return float(text) * multiplier, percent, currency
    except ValueError as error:
        raise _CellError("n'est pas un nombre") from error


def _fr_number(value: float) -> str:
    if value == int(value):
        return f"{int(value):,}".replace(",", " ")
    return f"{value:,.2f}".replace(",", " ").replace(".", ",")


def _parse_value(spec: _Field, raw: str) -> object:
    """The cell's value in the canonical unit, or raise _CellError with the reason in French."""
    text = raw.strip()
    if spec.kind == "text":
        return text
    if spec.kind == "handle":
        handle = re.sub(r"^https?://(www\.)?[^/]+/", "", text).strip("/").lstrip("@")
        return handle.split("?")[0] or text
    if spec.kind == "platform":
        key = _header_key(text)
        if key in _PLATFORM_WORDS:
            return _PLATFORM_WORDS[key]
        raise _CellError("n'est pas une plateforme prise en charge (instagram, tiktok ou youtube)")
    if spec.kind == "niche":
        key = _header_key(text).replace(" ", "")
        return key if key in NICHES else text
    if spec.kind == "language":
        return _LANGUAGE_WORDS.get(_header_key(text), text)
    if spec.kind == "country":
        key = _header_key(text)
        return key.upper() if len(key) == 2 and key.isalpha() else _COUNTRY_WORDS.get(key, text)
    if spec.kind == "age":
        compact = re.sub(r"\s*(ans|a)\s*$", "", fold(text)).replace(" ", "").replace("–", "-")
        return compact if compact in AGE_BRACKETS else text
    value, percent, currency = _parse_number(text)
    if currency and currency != "EUR":
        raise _CellError(f"est en {currency} ; indiquez le montant en euros")
    if value < 0 and spec.kind != "signed_percent":
        raise _CellError(f"est négatif, or {spec.label} ne peut pas l'être")
    if spec.kind == "share":
        if percent or value > 1:
            value /= 100  # « 62 % » or « 62 » both mean 0.62
        if value > 1:
            raise _CellError("dépasse 100 % ; une part est comprise entre 0 et 100 %")
        return value
    if spec.maximum is not None and value > spec.maximum:
        raise _CellError(
            f"est invraisemblable pour {spec.label} (plus de {_fr_number(spec.maximum)} : un zéro de trop ?)"
        )
    if spec.name == "followers" and value != int(value):
        hint = " (la virgule sépare les décimales : écrivez 12500 ou 12 500)" if "," in text else ""
        raise _CellError(f"n'est pas un nombre entier, or {spec.label} en est un{hint}")
    return value


# --------------------------------------------------------------------------- bytes → text → rows


class _Problems:
    """Collects problems, listing the first MAX_LISTED_PROBLEMS and counting the rest."""

    def __init__(self) -> None:
        self.items: list[ImportProblem] = []
        self.hidden = 0

    def add(
        self,
        message: str,
        *,
        line: int | None = None,
        column: str | None = None,
        severity: Severity = "error",
        row_skipped: bool = False,
    ) -> None:
        if len(self.items) >= MAX_LISTED_PROBLEMS:
            self.hidden += 1
            return
        self.items.append(ImportProblem(message, line, column, severity, row_skipped))

    def final(self) -> tuple[ImportProblem, ...]:
        if self.hidden:
            s = "s" if self.hidden > 1 else ""
            more = ImportProblem(f"… et {self.hidden} autre{s} problème{s} du même genre, non détaillé{s}.")
            return (*self.items, more)
        return tuple(self.items)


_BINARY_SIGNATURES = (
    (b"PK\x03\x04", "un classeur Excel (.xlsx) ou LibreOffice (.ods), pas un fichier CSV"),
    (b"\xd0\xcf\x11\xe0", "un ancien classeur Excel (.xls), pas un fichier CSV"),
    (b"%PDF", "un document PDF, pas un fichier CSV"),
    (b"\x89PNG", "une image, pas un fichier CSV"),
    (b"\xff\xd8\xff", "une image, pas un fichier CSV"),
)
_SAVE_AS_CSV = (
    " Dans Excel ou LibreOffice, ouvrez-le puis choisissez « Enregistrer sous » et le format « CSV »."
)


def _read_source(source: Source, problems: _Problems) -> bytes | str | None:
    """The raw content, or None (with a problem recorded) when it cannot be read at all."""
    if isinstance(source, bytes | bytearray | memoryview):
        return bytes(source)
    if isinstance(source, Path) or (isinstance(source, str) and _looks_like_path(source)):
        path = Path(source)
        if not _is_file(path):
            problems.add(f"Le fichier « {path.name} » est introuvable (chemin : {path}).")
            return None
        if path.stat().st_size > MAX_BYTES:
            problems.add(_too_big_message(path.stat().st_size))
            return None
        return path.read_bytes()
    if isinstance(source, str):
        return source
    if hasattr(source, "read"):
        content = source.read(MAX_BYTES + 1)
        if isinstance(content, str | bytes):
            return content
    raise TypeError(
        f"read_creators_csv expects a path, bytes, text or a file object, not {type(source).__name__}"
    )


def _is_file(path: Path) -> bool:
    """Path.is_file that says False, instead of raising, for names the OS cannot even look up."""
    try:
        return path.is_file()
    except (OSError, ValueError):  # name too long, embedded NUL
        return False


def _looks_like_path(text: str) -> bool:
    if "\n" in text or "\r" in text or not text.replace("\ufeff", "").strip():
        return False
    if _is_file(Path(text)):
        return True
    # One line without any separator is a file name the learner mistyped, not CSV content.
    return not any(separator in text for separator in ";,\t|") and len(text) < 260


def _too_big_message(size: int) -> str:
    limit = MAX_BYTES // 1024 // 1024
    weight = "plus de" if size == MAX_BYTES + 1 else f"{size / 1024 / 1024:.1f}".replace(".", ",")
    return (
        f"Le fichier pèse {weight} Mo : la limite est de {limit} Mo. Gardez seulement les colonnes utiles, "
        "ou découpez la liste en plusieurs fichiers."
    )


def _decode(content: bytes, problems: _Problems) -> tuple[str, str, dict[int, int]] | None:
    """The text, its encoding and the lines read as Windows-1252 in a UTF-8 file (line → first odd byte)."""
    if len(content) > MAX_BYTES:
        problems.add(_too_big_message(len(content)))
        return None
    for signature, what in _BINARY_SIGNATURES:
        if content.startswith(signature):
            problems.add(f"Ce fichier est {what}.{_SAVE_AS_CSV}")
            return None
    if content.startswith(b"\xef\xbb\xbf"):  # the BOM says UTF-8: odd lines are read one by one
        try:
            return content.decode("utf-8-sig"), "utf-8-sig", {}
        except UnicodeDecodeError:
            text, foreign = _decode_utf8_by_line(content[3:])
            return text, "utf-8-sig", foreign
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings: Sequence[str] = ("utf-16",)  # Excel's « Texte Unicode » export
    else:
        if b"\x00" in content[:4096]:
            problems.add(f"Ce fichier ne ressemble pas à un fichier texte (CSV).{_SAVE_AS_CSV}")
            return None
        try:
            return content.decode("utf-8"), "utf-8", {}
        except UnicodeDecodeError:
            pass
        text, foreign = _decode_utf8_by_line(content)
        if _mostly_utf8(content, foreign):
            return text, "utf-8", foreign
        encodings = ("cp1252", "latin-1")
    for encoding in encodings:
        try:
            return content.decode(encoding), encoding, {}
        except UnicodeDecodeError:
            continue
    problems.add(f"Impossible de lire le texte de ce fichier (encodage inconnu).{_SAVE_AS_CSV}")
    return None


def _decode_utf8_by_line(content: bytes) -> tuple[str, dict[int, int]]:
    """``content`` decoded as UTF-8 line by line, a line that is not UTF-8 as Windows-1252.

    Returns the text and, for each line read as Windows-1252 (1 = the file's first), its first
    byte that is not UTF-8.
    """
    pieces: list[str] = []
    foreign: dict[int, int] = {}
    for number, line in enumerate(content.splitlines(keepends=True), start=1):
        try:
            piece = line.decode("utf-8")
        except UnicodeDecodeError as error:
            foreign[number] = line[error.start]
            try:
                piece = line.decode("cp1252")
            except UnicodeDecodeError:
                piece = line.decode("latin-1")
        pieces.append(piece)
    return "".join(pieces), foreign


def _mostly_utf8(content: bytes, foreign: dict[int, int]) -> bool:
    """Whether a file that is not all UTF-8 is a UTF-8 file with a few odd lines (a cell pasted from
    elsewhere), rather than a Windows-1252 file: more of its accented lines are valid UTF-8 than not."""
    accented_utf8 = sum(
        1
        for number, line in enumerate(content.splitlines(), start=1)
        if number not in foreign and not line.isascii()
    )
    return accented_utf8 > 0 and accented_utf8 >= len(foreign)


def _report_foreign_lines(foreign: dict[int, int], row_ends: Sequence[int], problems: _Problems) -> None:
    """Say which lines were read as Windows-1252, numbered as the spreadsheet numbers them."""
    row = 0
    for physical, byte in sorted(foreign.items()):
        while row < len(row_ends) - 1 and row_ends[row] < physical:
            row += 1  # a row may span several lines of the file (a quoted cell with line breaks)
        line = row + 1
        problems.add(
            f"Ligne {line} : un caractère n'est pas codé en UTF-8 comme le reste du fichier (octet "
            f"0x{byte:02X}) ; cette ligne a été lue en Windows-1252 : vérifiez ses accents. Pour l'éviter, "
            "enregistrez le fichier au format « CSV UTF-8 » depuis votre tableur.",
            line=line,
            severity="warning",
        )


_FIELD_LIMIT_GUARD = threading.Lock()


@contextmanager
def _large_fields() -> Iterator[None]:
    """Let Python's csv read cells as large as the file may be (its own limit, 131 072, gives an
    English error), and put the process-wide limit back afterwards."""
    with _FIELD_LIMIT_GUARD:
        previous = csv.field_size_limit()
        csv.field_size_limit(max(previous, MAX_BYTES + 1))
        try:
            yield
        finally:
            csv.field_size_limit(previous)


class _BadCsv(Exception):
    def __init__(self, line: int) -> None:
        super().__init__(f"malformed CSV near line {line}")
        self.line = line


def _csv_rows(text: str, separator: str) -> tuple[list[list[str]], list[int]]:
    """The rows of ``text`` and, for each, the line of the file where it ends (csv's ``line_num``).

    Raises _BadCsv, with the line, where Python's csv gives up (its message is in English).
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    rows: list[list[str]] = []
    ends: list[int] = []
    try:
        for row in reader:
            rows.append(row)
            ends.append(reader.line_num)
    except csv.Error as error:
        raise _BadCsv(max(reader.line_num, 1)) from error
    return rows, ends


_SEPARATORS = (";", "\t", ",", "|")


def _sniff_separator(text: str) -> str:
    """The separator that splits a header row into known column names, else the most consistent one."""
    sample = "\n".join(text.splitlines()[:50])
    best, best_score = ",", (0, 0.0, 0)
    for separator in _SEPARATORS:
        try:
            rows = [
                row
                for row in csv.reader(io.StringIO(sample), delimiter=separator)
                if any(c.strip() for c in row)
            ]
        except csv.Error:
            continue
        known = max(
            (sum(_match_header(cell) is not None for cell in row) for row in rows[:HEADER_SEARCH_ROWS]),
            default=0,
        )
        widths = [len(row) for row in rows]
        # A separator that leaves most rows in one cell is not the separator: only widths of
        # two or more can be the table's width.
        multi = [w for w in widths if w >= 2]
        if not multi:
            continue
        common = max(set(multi), key=lambda w: (multi.count(w), w))
        score = (known if known >= 2 else 0, widths.count(common) / len(widths), common)
        if score > best_score:
            best, best_score = separator, score
    return best


def _blank(row: Sequence[str]) -> bool:
    return not any(cell.strip() for cell in row)


# --------------------------------------------------------------------------- the reader


def _empty_frame(extra: Sequence[str] = ()) -> pd.DataFrame:
    return _to_frame([], [*REQUIRED_COLUMNS, *extra])


def _to_frame(records: list[dict[str, object]], names: Sequence[str]) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(records, columns=[*names, "source_line"])
    for name in names:
        kind = _FIELDS_BY_NAME[name].kind
        if name == "followers":
            frame[name] = frame[name].astype("Int64")
        elif kind in {"count", "number", "share", "percent", "signed_percent", "money"}:
            frame[name] = pd.to_numeric(frame[name], errors="coerce").astype("float64")
        elif kind == "platform":
            frame[name] = frame[name].astype(pd.CategoricalDtype(list(PLATFORMS)))
        else:
            frame[name] = frame[name].astype("string")
    frame["source_line"] = frame["source_line"].astype("int64")
    return frame


def read_creators_csv(source: Source) -> ImportResult:
    """Read a learner's creators list (path, bytes, text or file object) without raising on bad content.

    Separators ``;``, ``,``, tab or ``|`` are detected; UTF-8 (with or without BOM), UTF-16 and
    Windows-1252 are decoded; numbers may be written « 12 500 », « 12'500 », « 3,5 », « 3,2 % »,
    « 1,2 k » or « 250 € ». Required columns: a name or a handle, the platform, the followers and
    the likes. Raises only TypeError, for a source that is neither a path, bytes, text nor a file.
    """
    problems = _Problems()
    content = _read_source(source, problems)
    if content is None:
        return ImportResult(_empty_frame(), problems.final())
    encoding: str | None = None
    foreign: dict[int, int] = {}
    if isinstance(content, bytes):
        decoded = _decode(content, problems)
        if decoded is None:
            return ImportResult(_empty_frame(), problems.final())
        text, encoding, foreign = decoded
    else:
        if len(content.encode("utf-8", errors="replace")) > MAX_BYTES:
            problems.add(_too_big_message(len(content.encode("utf-8", errors="replace"))))
            return ImportResult(_empty_frame(), problems.final())
        text = content
    text = text.lstrip("\ufeff")
    if not re.sub(r"[;,\t|\"\s]", "", text):  # nothing but separators, quotes and blank lines
        problems.add("Le fichier est vide : il ne contient ni en-têtes ni lignes.")
        return ImportResult(_empty_frame(), problems.final(), encoding=encoding)

    with _large_fields():
        separator = _sniff_separator(text)
        try:
            rows, row_ends = _csv_rows(text, separator)
        except _BadCsv as bad:
            problems.add(
                f"Le fichier CSV est mal formé vers la ligne {bad.line} du fichier : il n'a pas pu être lu. "
                "Enregistrez-le à nouveau au format CSV depuis votre tableur.",
                line=bad.line,
            )
            return ImportResult(_empty_frame(), problems.final(), separator=separator, encoding=encoding)
    _report_foreign_lines(foreign, row_ends, problems)
    if text.count('"') % 2:  # an unclosed quote swallows every following line into one cell
        line = next((i + 1 for i, row in enumerate(rows) if any("\n" in cell for cell in row)), len(rows))
        problems.add(
            f"Ligne {line} : un guillemet (\") n'est pas refermé ; la suite du fichier a pu être lue comme "
            "une seule case. Retirez ce guillemet ou refermez-le.",
            line=line,
        )
    return _read_rows(rows, separator, encoding, problems)


def _find_header(rows: Sequence[Sequence[str]]) -> int | None:
    """Index of the first row (among the first few) where at least two cells are known column names."""
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        if sum(_match_header(cell) is not None for cell in row if cell.strip()) >= 2:
            return index
    return None


def _read_rows(
    rows: list[list[str]], separator: str, encoding: str | None, problems: _Problems
) -> ImportResult:
    header_index = _find_header(rows)
    if header_index is None:
        filled = [i for i, row in enumerate(rows) if not _blank(row)]
        if not filled:
            problems.add(
                "Le fichier est vide : il ne contient que des séparateurs, sans en-têtes ni valeurs."
            )
            return ImportResult(_empty_frame(), problems.final(), separator=separator, encoding=encoding)
        header_index = filled[0]
    elif header_index > 0 and any(not _blank(row) for row in rows[:header_index]):
        problems.add(
            f"Les en-têtes ont été trouvés ligne {header_index + 1} : les lignes au-dessus sont ignorées.",
            severity="warning",
        )
    header = [cell.strip() for cell in rows[header_index]]

    column_of: dict[str, int] = {}  # canonical name → index in the row
    learner_names: dict[str, str] = {}  # canonical name → header as the learner wrote it
    for index, name in enumerate(header):
        if not name:
            continue
        canonical = _match_header(name)
        if canonical is None:
            problems.add(
                f"La colonne « {name} » n'est pas reconnue : elle est ignorée.",
                column=name,
                severity="warning",
            )
        elif canonical in column_of:
            problems.add(
                f"Les colonnes « {learner_names[canonical]} » et « {name} » disent la même chose : seule la "
                f"première est lue.",
                column=name,
                severity="warning",
            )
        else:
            column_of[canonical] = index
            learner_names[canonical] = name

    missing = _missing_required(column_of)
    if missing:
        for message in missing:
            problems.add(message)
        found = ", ".join(f"« {h} »" for h in header if h) or "aucune"
        problems.add(
            f"Colonnes trouvées ligne {header_index + 1} : {found}. Les en-têtes doivent occuper la première "
            "ligne remplie du fichier.",
            severity="warning",
        )
        return ImportResult(
            _empty_frame(),
            problems.final(),
            separator=separator,
            encoding=encoding,
            columns={v: k for k, v in learner_names.items()},
        )

    optional = [spec.name for spec in _FIELDS if spec.name in column_of and spec.name not in REQUIRED_COLUMNS]
    records: list[dict[str, object]] = []
    seen: dict[tuple[object, object], int] = {}
    rows_read = 0
    body = rows[header_index + 1 :]
    if sum(not _blank(row) for row in body) > MAX_ROWS:
        problems.add(
            f"Le fichier compte plus de {_fr_number(MAX_ROWS)} lignes : seules les {_fr_number(MAX_ROWS)} "
            "premières sont lues. Découpez la liste pour importer le reste.",
        )
    for offset, row in enumerate(body):
        if rows_read >= MAX_ROWS:
            break
        line = header_index + offset + 2  # spreadsheet numbering: the header is line header_index + 1
        if _blank(row):
            continue
        rows_read += 1
        if len(row) > len(header) and not _blank(row[len(header) :]):
            problems.add(
                f"Ligne {line} : {len(row)} valeurs pour {len(header)} colonnes, les valeurs sont décalées"
                + (
                    " (une virgule décimale dans un fichier séparé par des virgules ?)"
                    if separator == ","
                    else ""
                )
                + " ; la ligne est ignorée.",
                line=line,
                row_skipped=True,
            )
            continue
        record = _read_record(row, line, column_of, learner_names, problems)
        if record is None:
            continue
        identity = (record["platform"], str(record["handle"] or record["display_name"]).lower())
        if identity in seen:
            problems.add(
                f"Ligne {line} : « {record['handle'] or record['display_name']} » sur {record['platform']} "
                f"figure déjà ligne {seen[identity]} ; ce doublon est ignoré.",
                line=line,
                row_skipped=True,
            )
            continue
        seen[identity] = line
        records.append(record)
    frame = _to_frame(records, [*REQUIRED_COLUMNS, *optional])
    if rows_read == 0:
        problems.add("Le fichier ne contient que des en-têtes : aucune ligne de données à importer.")
    return ImportResult(
        frame,
        problems.final(),
        rows_read=rows_read,
        separator=separator,
        encoding=encoding,
        columns={v: k for k, v in learner_names.items()},
    )


def _quoted(raw: str) -> str:
    """A cell as a message quotes it: whole when short, its start then « … » when long."""
    shown = " ".join(raw[: QUOTED_CHARS * 4].split())
    return shown if len(shown) <= QUOTED_CHARS else shown[:QUOTED_CHARS].rstrip() + "…"


def _missing_required(column_of: dict[str, int]) -> list[str]:
    messages = []
    if "display_name" not in column_of and "handle" not in column_of:
        messages.append(
            "Il manque une colonne avec le nom ou l'identifiant du créateur (par exemple « Nom » ou "
            "« Compte »)."
        )
    examples = {"platform": "« Plateforme »", "followers": "« Abonnés »", "avg_likes": "« J'aime »"}
    for name, example in examples.items():
        if name not in column_of:
            label = _FIELDS_BY_NAME[name].label
            messages.append(f"Il manque la colonne obligatoire pour {label} (par exemple {example}).")
    return messages


def _read_record(
    row: Sequence[str],
    line: int,
    column_of: dict[str, int],
    learner_names: dict[str, str],
    problems: _Problems,
) -> dict[str, object] | None:
    record: dict[str, object] = {"display_name": None, "handle": None, "source_line": line}
    skip = False
    for name, index in column_of.items():
        spec = _FIELDS_BY_NAME[name]
        raw = row[index].strip() if index < len(row) else ""
        column = learner_names[name]
        if len(raw) > MAX_CELL_CHARS:
            problems.add(
                f"Ligne {line}, colonne « {column} » : la case compte {_fr_number(len(raw))} caractères "
                f"(« {_quoted(raw)} »), bien plus qu'une valeur ({_fr_number(MAX_CELL_CHARS)} au plus) : "
                "un guillemet mal placé y a peut-être collé la suite du fichier ; "
                + ("la ligne est ignorée." if spec.required else "la case est laissée vide."),
                line=line,
                column=column,
                severity="error" if spec.required else "warning",
                row_skipped=spec.required,
            )
            skip = skip or spec.required
            record[name] = None
            continue
        if raw.lower() in _PLACEHOLDERS:
            raw = ""
        if not raw:
            if spec.required:
                problems.add(
                    f"Ligne {line}, colonne « {column} » : la valeur est vide ; la ligne est ignorée.",
                    line=line,
                    column=column,
                    row_skipped=True,
                )
                skip = True
            record[name] = None
            continue
        try:
            record[name] = _parse_value(spec, raw)
        except _CellError as reason:
            record[name] = None
            if spec.required:
                problems.add(
                    f"Ligne {line}, colonne « {column} » : « {_quoted(raw)} » {reason} ; la ligne est ignorée.",
                    line=line,
                    column=column,
                    row_skipped=True,
                )
                skip = True
            else:
                problems.add(
                    f"Ligne {line}, colonne « {column} » : « {_quoted(raw)} » {reason} ; la case est laissée vide.",
                    line=line,
                    column=column,
                    severity="warning",
                )
    if not skip and not record["display_name"] and not record["handle"]:
        problems.add(
            f"Ligne {line} : ni nom ni identifiant ; la ligne est ignorée.", line=line, row_skipped=True
        )
        skip = True
    return None if skip else record
