"""The class report: a folder of learners' exports read at once, for the teacher (issue 25).

``python -m influence_workbook.class_report <dossier ou fichiers…> --out <dossier>`` (``make class-report
DOSSIER=…``) reads every file given (a folder is read with its subfolders; a ``.zip`` downloaded from a
learning platform is read member by member) and writes:

- ``rapport-classe.html``: one self-contained page (inline SVG charts, no script, nothing fetched): the
  files and their signature, who completed what with scores and dates, the quiz results, and for each
  criterion of each workshop check the share of the class that failed it at the first attempt, sorted
  so that what to re-teach comes first;
- ``rapport-classe.xlsx`` (one sheet per table) and one ``.csv`` per table (``;`` separated, decimal
  comma, UTF-8 with BOM, as a French spreadsheet opens them).

Every file given is listed with what became of it: read and signed, unsigned, **modified after its
export** (its HMAC no longer matches the class key), signed with another key, replaced by a later
export of the same learner, an exact duplicate, or unreadable with the reason in French. Nothing is
dropped without a line saying so. Files modified or signed with another key are shown, flagged, and
left out of the class statistics; unsigned files count, with a warning.

Every text of the files is untrusted: escaped in the HTML, and in the spreadsheets a cell that starts
with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is prefixed with ``'`` so that no
spreadsheet runs it as a formula.

The class key comes from ``--cle`` or ``INFLUENCE_WORKBOOK_CLASS_KEY``;
``python -m influence_workbook.class_report cle`` prints a new random key to give the class.
"""

from __future__ import annotations

import argparse
import csv
import html
import io
import json
import math
import os
import re
import sys
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from influence_workbook.chapters import CHAPTERS, Chapter
from influence_workbook.class_export import (
    CLASS_KEY_VARIABLE,
    EXPORT_FORMAT,
    EXPORT_VERSION,
    ExportRefused,
    KeyState,
    clean_class_key,
    key_fingerprint,
    new_class_key,
    signature_state,
)
from influence_workbook.course_progress import STEP_LABELS
from influence_workbook.progress import FORMAT as PROGRESS_FORMAT
from influence_workbook.progress import first_attempts, os_error_in_french
from influence_workbook.quiz import QUIZ_STEP, is_right, load_quiz, read_attempt
from influence_workbook.text import fold
from influence_workbook.typography import fix

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_ZIP_MEMBERS = 2000
REPORT_NAME = "rapport-classe"
#: Leading characters a spreadsheet may read as the start of a formula (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
CHART_TOP = 20

#: What each file became, in French (the files table's « État » column).
STATE_WORDS: dict[str, str] = {
    "signed": "signé, intact",
    "unsigned": "non signé",
    "no-key": "signature non vérifiée (aucune clé de classe donnée au rapport)",
    "bad-signature": "MODIFIÉ après l'export (la signature ne correspond plus)",
    "other-key": "signé avec une AUTRE clé que celle de la classe",
    "superseded": "remplacé par un export plus récent du même apprenant",
    "duplicate": "doublon exact d'un autre fichier",
    "unreadable": "illisible",
}
FLAGGED: frozenset[str] = frozenset({"bad-signature", "other-key"})
COUNTED: frozenset[str] = frozenset({"signed", "unsigned", "no-key"})


# --------------------------------------------------------------------------- reading the files


@dataclass
class StepResult:
    step: str
    state: str  # passed, tried, not_started
    saved_at: str


@dataclass
class QuizScore:
    correct: int
    total: int
    answered: int
    saved_at: str
    passed: bool

    @property
    def percent(self) -> int:
        return round(100 * self.correct / self.total) if self.total > 0 else 0


@dataclass
class ChapterResult:
    key: str
    number: int
    title: str
    steps: list[StepResult]
    quiz: QuizScore | None
    complete: bool

    @property
    def state(self) -> str:
        if self.complete:
            return "complete"
        started = any(step.state != "not_started" for step in self.steps) or self.quiz is not None
        return "started" if started else "todo"


@dataclass
class Learner:
    name: str
    exported_at: str
    campaign: str
    chapters: dict[str, ChapterResult]
    certificates: list[str]  # codes
    active_seconds: int
    complete: bool
    document: dict[str, Any]  # the progress document

    @property
    def identity(self) -> str:
        return re.sub(r"\s+", " ", fold(self.name)).strip()


@dataclass
class ReadFile:
    source: str  # as shown: a path, or « archive.zip › member »
    state: str  # a key of STATE_WORDS
    reason: str = ""  # French, for unreadable files and flags
    learner: Learner | None = None
    digest: str = ""


class _Unreadable(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = fix(reason)


def _text(value: Any, default: str = "") -> str:
    return value if isinstance(value, str) else default


def _int(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and abs(value) < 10**12 else 0


def _decode(raw: bytes) -> dict[str, Any]:
    if not raw.strip():
        raise _Unreadable("fichier vide")
    if raw[:5] == b"%PDF-":
        raise _Unreadable("c'est un PDF (une attestation ?), pas un export de progression")
    if raw[:2] == b"PK":
        raise _Unreadable("c'est une archive (zip, docx, xlsx…), pas un export de progression")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _Unreadable("le fichier n'est pas du texte UTF-8 : ce n'est pas un export du cours") from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        if not text.lstrip().startswith(("{", "[")):
            raise _Unreadable("ce n'est pas du JSON (un fichier texte ?) : ce n'est pas un export du cours") from None
        raise _Unreadable(f"JSON invalide (ligne {error.lineno}, colonne {error.colno}) : fichier tronqué ou "
                          "modifié à la main") from None
    except (RecursionError, ValueError, MemoryError):
        raise _Unreadable("JSON impossible à lire (imbrication ou nombres démesurés)") from None
    if not isinstance(document, dict):
        raise _Unreadable("ce JSON n'est pas un export de progression du cours")
    if document.get("format") == PROGRESS_FORMAT:
        raise _Unreadable("c'est le fichier de progression lui-même (progression.json), pas un export : "
                          "demandez à l'apprenant d'utiliser « Exporter ma progression » sur l'accueil du cours")
    if document.get("format") != EXPORT_FORMAT:
        raise _Unreadable("ce JSON n'est pas un export de progression du cours")
    version = document.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise _Unreadable("version d'export illisible")
    if version > EXPORT_VERSION:
        raise _Unreadable(f"export d'une version plus récente du cours (format {version}) : mettez le cours à "
                          "jour avant de faire le rapport")
    return document


def _step(raw: Any) -> StepResult | None:
    if not isinstance(raw, Mapping):
        return None
    state = _text(raw.get("state"), "not_started")
    return StepResult(_text(raw.get("step")), state if state in {"passed", "tried", "not_started"} else "not_started",
                      _text(raw.get("saved_at")))


def _quiz(raw: Any) -> QuizScore | None:
    if not isinstance(raw, Mapping):
        return None
    total = _int(raw.get("total"))
    return QuizScore(_int(raw.get("correct")), total, _int(raw.get("answered")), _text(raw.get("saved_at")),
                     raw.get("passed") is True)


def _learner(document: dict[str, Any]) -> Learner:
    name = document.get("name")
    if not isinstance(name, str) or not name.strip() or len(name) > 200:
        raise _Unreadable("le nom de l'apprenant manque ou est illisible")
    progress = document.get("progress")
    if not isinstance(progress, dict) or not isinstance(progress.get("steps"), dict):
        raise _Unreadable("la progression manque dans ce fichier")
    chapters: dict[str, ChapterResult] = {}
    raw_chapters = document.get("chapters")
    for raw in raw_chapters if isinstance(raw_chapters, list) else []:
        if not isinstance(raw, Mapping) or not isinstance(raw.get("key"), str):
            continue
        steps = [step for step in map(_step, raw.get("steps") or []) if step is not None] \
            if isinstance(raw.get("steps"), list) else []
        chapters[raw["key"]] = ChapterResult(raw["key"], _int(raw.get("number")), _text(raw.get("title")), steps,
                                             _quiz(raw.get("quiz")), raw.get("complete") is True)
    campaign = document.get("campaign")
    certificates = document.get("certificates")
    return Learner(
        name=re.sub(r"\s+", " ", name).strip(),
        exported_at=_text(document.get("exported_at")),
        campaign=_text(campaign.get("title")) if isinstance(campaign, Mapping) else "",
        chapters=chapters,
        certificates=[_text(c.get("code")) for c in certificates if isinstance(c, Mapping)]
        if isinstance(certificates, list) else [],
        active_seconds=_int(document.get("active_seconds")),
        complete=document.get("complete") is True,
        document=progress,
    )


def read_export(source: str, raw: bytes, key: str | None) -> ReadFile:
    """One file, read: never raises (whatever the bytes, the file ends up in the report with its state)."""
    import hashlib

    digest = hashlib.sha256(raw).hexdigest()
    if len(raw) > MAX_FILE_BYTES:
        return ReadFile(source, "unreadable", fix(f"trop gros ({len(raw) // (1024 * 1024)} Mo ; "
                                                   f"{MAX_FILE_BYTES // (1024 * 1024)} Mo au plus)"), digest=digest)
    try:
        document = _decode(raw)
        learner = _learner(document)
        state: KeyState = signature_state(document, key)
    except _Unreadable as unreadable:
        return ReadFile(source, "unreadable", unreadable.reason, digest=digest)
    except Exception as error:  # a shape nobody foresaw: still listed, with a reason
        return ReadFile(source, "unreadable", f"contenu inattendu ({type(error).__name__})", digest=digest)
    reason = ""
    if state == "other-key":
        signature = document.get("signature")
        found = _text(signature.get("key_id")) if isinstance(signature, Mapping) else ""
        reason = fix(f"empreinte de sa clé : {found or 'absente'} ; celle de la classe : "
                     f"{key_fingerprint(key) if key else '—'}")
    elif state == "bad-signature":
        reason = "le contenu a changé depuis l'export : résultats non fiables"
    return ReadFile(source, state, reason, learner, digest)


def _zip_members(path: Path, shown: str) -> Iterator[tuple[str, bytes | None, str]]:
    try:
        with zipfile.ZipFile(path) as archive:
            members = [info for info in archive.infolist() if not info.is_dir()]
            if len(members) > MAX_ZIP_MEMBERS:
                yield shown, None, f"archive de {len(members)} fichiers ({MAX_ZIP_MEMBERS} au plus)"
                return
            for info in members:
                where = f"{shown} › {info.filename}"
                if info.file_size > MAX_FILE_BYTES:
                    yield where, None, fix(f"trop gros ({info.file_size // (1024 * 1024)} Mo ; "
                                           f"{MAX_FILE_BYTES // (1024 * 1024)} Mo au plus)")
                    continue
                try:
                    yield where, archive.read(info), ""
                except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, EOFError) as error:
                    yield where, None, f"fichier de l'archive illisible ({type(error).__name__})"
    except (zipfile.BadZipFile, OSError, EOFError):
        yield shown, None, "archive zip illisible ou abîmée"


def gather(paths: Sequence[Path]) -> Iterator[tuple[str, bytes | None, str]]:
    """(where, bytes or None, French reason when None) for every file given or inside a folder given."""
    for given in paths:
        if given.is_dir():
            files = sorted(p for p in given.rglob("*") if not p.is_dir())
            if not files:
                yield str(given), None, "dossier vide : aucun fichier à lire"
        elif given.exists():
            files = [given]
        else:
            yield str(given), None, "introuvable"
            continue
        for path in files:
            shown = str(path.relative_to(given.parent)) if given.is_dir() else str(path)
            if not path.is_file():
                yield shown, None, "ni un fichier ni un dossier (lien cassé ?)"
                continue
            if path.suffix.lower() == ".zip" and zipfile.is_zipfile(path):
                yield from _zip_members(path, shown)
                continue
            try:
                size = path.stat().st_size
                if size > MAX_FILE_BYTES:
                    yield shown, None, fix(f"trop gros ({size // (1024 * 1024)} Mo ; "
                                           f"{MAX_FILE_BYTES // (1024 * 1024)} Mo au plus)")
                    continue
                yield shown, path.read_bytes(), ""
            except OSError as error:
                yield shown, None, f"impossible à lire ({os_error_in_french(error)})"


def read_class(paths: Sequence[Path], key: str | None) -> list[ReadFile]:
    """Every file, read and classified: duplicates and earlier exports of the same learner marked as such."""
    files: list[ReadFile] = []
    seen_digest: dict[str, ReadFile] = {}
    for source, raw, reason in gather(paths):
        if raw is None:
            files.append(ReadFile(source, "unreadable", fix(reason)))
            continue
        read = read_export(source, raw, key)
        earlier = seen_digest.get(read.digest)
        if earlier is not None:
            files.append(ReadFile(source, "duplicate", f"même contenu que « {earlier.source} »", None, read.digest))
            continue
        seen_digest[read.digest] = read
        files.append(read)
    # One learner, several exports: the latest (by export time) is the one counted.
    latest: dict[str, ReadFile] = {}
    for read in files:
        if read.learner is None or read.state not in COUNTED:
            continue
        current = latest.get(read.learner.identity)
        if current is None or (read.learner.exported_at, read.source) > (current.learner.exported_at,  # type: ignore[union-attr]
                                                                          current.source):
            latest[read.learner.identity] = read
    for read in files:
        if read.learner is not None and read.state in COUNTED and latest[read.learner.identity] is not read:
            winner = latest[read.learner.identity]
            read.reason = fix(f"export du {_when(read.learner.exported_at)} ; le plus récent, du "
                              f"{_when(winner.learner.exported_at)}, est « {winner.source} »")  # type: ignore[union-attr]
            read.state = "superseded"
    return files


# --------------------------------------------------------------------------- the statistics


def _when(moment: str, with_time: bool = True) -> str:
    """« 07/12/2026 10:30 » in the teacher's time zone, or the text as it is when unreadable."""
    try:
        value = datetime.fromisoformat(moment)
    except (TypeError, ValueError):
        return moment
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone().strftime("%d/%m/%Y %H:%M" if with_time else "%d/%m/%Y")


@dataclass
class CriterionStat:
    chapter: Chapter
    step: str
    check: str
    criterion: str
    label: str
    failed: int = 0
    judged: int = 0

    @property
    def share(self) -> float:
        return self.failed / self.judged if self.judged else 0.0


@dataclass
class QuestionStat:
    chapter: Chapter
    number: int
    text: str
    wrong: int = 0
    answered: int = 0

    @property
    def share(self) -> float:
        return self.wrong / self.answered if self.answered else 0.0


@dataclass
class ClassReport:
    files: list[ReadFile]
    key_given: bool
    chapters: list[Chapter]
    learners: list[tuple[ReadFile, Learner]]  # flagged ones included, in name order
    criteria: list[CriterionStat]
    questions: list[QuestionStat]
    first_unknown: dict[tuple[str, str], int] = field(default_factory=dict)  # step -> learners without a record

    @property
    def counted(self) -> list[Learner]:
        return [learner for read, learner in self.learners if read.state in COUNTED]

    def count(self, state: str) -> int:
        return sum(read.state == state for read in self.files)


def _chapters_of(files: Iterable[ReadFile]) -> list[Chapter]:
    keys = {key for read in files if read.learner is not None for key in read.learner.chapters}
    known = {chapter.key: chapter for chapter in CHAPTERS}
    chosen = [chapter for chapter in CHAPTERS if chapter.available or chapter.key in keys]
    # Chapters this course version does not know (an export from a newer course) are shown as the file says.
    for key in sorted(keys - set(known)):
        sample = next(read.learner.chapters[key] for read in files
                      if read.learner is not None and key in read.learner.chapters)
        chosen.append(Chapter(sample.number, key, key, sample.title or key, "", tuple(s.step for s in sample.steps)))
    return sorted(chosen, key=lambda chapter: chapter.number)


def _labels(learners: Iterable[Learner]) -> dict[tuple[str, str], str]:
    """(check, criterion) -> the label the learners read, from the verdicts saved in their files."""
    labels: dict[tuple[str, str], str] = {}
    for learner in learners:
        for entry in learner.document["steps"].values():
            feedback = entry.get("feedback") if isinstance(entry, Mapping) else None
            if not isinstance(feedback, Mapping) or not isinstance(feedback.get("items"), list):
                continue
            check = _text(feedback.get("check"))
            for item in feedback["items"]:
                if isinstance(item, Mapping) and isinstance(item.get("criterion"), str):
                    labels.setdefault((check, item["criterion"]), _text(item.get("label"), item["criterion"]))
    return labels


def first_records(learner: Learner, chapters: Mapping[str, Chapter]) -> dict[tuple[str, str], dict[str, Any]]:
    """(chapter key, step) -> the learner's first checked attempt of that step, on any campaign (the earliest)."""
    earliest: dict[tuple[str, str], dict[str, Any]] = {}
    for key, record in first_attempts(learner.document).items():
        chapter_part, _, step = key.partition("/")
        chapter_key = chapter_part.split("@", 1)[0]
        if chapter_key not in chapters or step not in chapters[chapter_key].steps:
            continue
        slot = (chapter_key, step)
        if slot not in earliest or _text(record.get("saved_at")) < _text(earliest[slot].get("saved_at")):
            earliest[slot] = record
    return earliest


LEVELS = {
    4: "4 · maîtrisé",
    3: "3 · acquis",
    2: "2 · en cours d'acquisition",
    1: "1 · non commencé",
}


def level(result: ChapterResult | None, firsts: Mapping[tuple[str, str], Mapping[str, Any]]) -> str:
    """The guide's level for one chapter: 4 complete with every step passed at its first checked attempt, 3
    complete, 2 started, 1 not started (book/guide-enseignant.md, « Grille d'évaluation »)."""
    if result is None or result.state == "todo":
        return LEVELS[1]
    if not result.complete:
        return LEVELS[2]
    records = [firsts.get((result.key, step.step)) for step in result.steps]
    if records and all(record is not None and record.get("passed") is True for record in records):
        return LEVELS[4]
    if any(record is None for record in records):
        return LEVELS[3] + " (premier essai inconnu)"
    return LEVELS[3]


def _first_text(result: ChapterResult | None, firsts: Mapping[tuple[str, str], Mapping[str, Any]]) -> str:
    """« 6/8 » criteria met at the first checked attempt (one per step), « — » when not tried or unknown."""
    if result is None:
        return "—"
    parts = []
    for step in result.steps:
        record = firsts.get((result.key, step.step))
        if record is None:
            continue
        ok, failed = len(record.get("ok") or []), len(record.get("failed") or [])
        parts.append(f"{ok}/{ok + failed}")
    return " ; ".join(parts) or "—"


def _criterion_stats(learners: list[Learner], chapters: list[Chapter]
                     ) -> tuple[list[CriterionStat], dict[tuple[str, str], int]]:
    by_key = {chapter.key: chapter for chapter in chapters}
    labels = _labels(learners)
    stats: dict[tuple[str, str, str], CriterionStat] = {}
    unknown: Counter[tuple[str, str]] = Counter()
    for learner in learners:
        earliest = first_records(learner, by_key)
        for (chapter_key, step), record in earliest.items():
            check = _text(record.get("check"))
            for criterion, ok in [*((c, True) for c in record["ok"]), *((c, False) for c in record["failed"])]:
                if not isinstance(criterion, str):
                    continue
                stat = stats.get((chapter_key, step, criterion))
                if stat is None:
                    stat = stats[(chapter_key, step, criterion)] = CriterionStat(
                        by_key[chapter_key], step, check, criterion, labels.get((check, criterion), criterion))
                stat.judged += 1
                stat.failed += not ok
        # Steps saved with a verdict but no first-attempt record: files from before the record existed.
        for key, entry in learner.document["steps"].items():
            chapter_part, _, step = str(key).partition("/")
            chapter_key = chapter_part.split("@", 1)[0]
            if (chapter_key in by_key and step in by_key[chapter_key].steps and (chapter_key, step) not in earliest
                    and isinstance(entry, Mapping) and isinstance(entry.get("feedback"), Mapping)):
                unknown[(chapter_key, step)] += 1
                earliest[(chapter_key, step)] = {}
    ordered = sorted(stats.values(), key=lambda s: (-s.share, -s.failed, s.chapter.number, s.step, s.criterion))
    return ordered, dict(unknown)


def _question_stats(learners: list[Learner], chapters: list[Chapter]) -> list[QuestionStat]:
    stats: dict[tuple[str, int], QuestionStat] = {}
    for chapter in chapters:
        try:
            questions = load_quiz(chapter.slug)
        except (OSError, ValueError):
            continue
        for index, question in enumerate(questions):
            stats[(chapter.key, index)] = QuestionStat(chapter, index + 1, fix(str(question.get("question", ""))))
        for learner in learners:
            entry = learner.document["steps"].get(f"{chapter.key}/{QUIZ_STEP}")
            if not isinstance(entry, Mapping):
                continue
            attempt, _notices = read_attempt(questions, entry.get("answer"))
            for index, picked in enumerate(attempt.picks):
                if picked is None:
                    continue
                stat = stats[(chapter.key, index)]
                stat.answered += 1
                stat.wrong += not is_right(questions[index], picked)
    return sorted((s for s in stats.values() if s.answered), key=lambda s: (-s.share, s.chapter.number, s.number))


def build_report(paths: Sequence[Path], key: str | None) -> ClassReport:
    files = read_class(paths, key)
    chapters = _chapters_of(files)
    learners = sorted(((read, read.learner) for read in files if read.learner is not None
                       and read.state in COUNTED | FLAGGED),
                      key=lambda pair: (pair[1].identity, pair[0].source))
    counted = [learner for read, learner in learners if read.state in COUNTED]
    criteria, unknown = _criterion_stats(counted, chapters)
    questions = _question_stats(counted, chapters)
    return ClassReport(files, key is not None, chapters, learners, criteria, questions, unknown)


# --------------------------------------------------------------------------- tables (shared by every output)


def safe_cell(value: Any) -> Any:
    """A cell a spreadsheet cannot run: text starting like a formula gets a leading ``'``; no control characters."""
    if isinstance(value, str):
        value = _ILLEGAL_XML.sub("", value)
        if value.startswith(FORMULA_STARTS):
            return "'" + value
    return value


def _step_text(step: StepResult) -> str:
    if step.state == "passed":
        return f"réussi le {_when(step.saved_at, False)}"
    if step.state == "tried":
        return f"à revoir ({_when(step.saved_at, False)})"
    return "pas commencé"


def _workshop_text(result: ChapterResult | None, chapter: Chapter) -> str:
    if result is None:
        return "absent de l'export"
    several = len(result.steps) > 1
    texts = []
    for step in result.steps:
        text = _step_text(step)
        name = STEP_LABELS.get((chapter.key, step.step))
        texts.append(f"{name} : {text}" if several and name else text)
    return " ; ".join(texts) or "—"


def _quiz_text(quiz: QuizScore | None) -> str:
    if quiz is None:
        return "pas commencé"
    score = f"{quiz.correct}/{quiz.total} ({quiz.percent} %)"
    if quiz.passed:
        return f"réussi {score} le {_when(quiz.saved_at, False)}"
    if quiz.answered < quiz.total:
        return f"en cours ({quiz.answered}/{quiz.total} répondues)"
    return f"non réussi {score}"


STATE_FR = {"complete": "terminé", "started": "en cours", "todo": "pas commencé"}


@dataclass(frozen=True)
class Table:
    name: str  # file suffix
    sheet: str  # the spreadsheet's tab (31 characters at most)
    title: str
    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]]
    #: Columns holding a share (0–1), shown as a percentage.
    percent_columns: frozenset[int] = frozenset()
    date_columns: frozenset[int] = frozenset()


def _moment(text: str) -> datetime | None:
    try:
        value = datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return None
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone().replace(tzinfo=None)


def tables(report: ClassReport) -> list[Table]:
    chapters = report.chapters
    by_key = {chapter.key: chapter for chapter in chapters}
    learner_columns = ["Nom", "Fichier", "Signature", "Exporté le", "Campagne", "Chapitres terminés"]
    for chapter in chapters:
        learner_columns += [f"Ch. {chapter.number} atelier", f"Ch. {chapter.number} quiz"]
    learner_columns += ["Attestations", "Temps actif estimé (min)"]
    learner_rows = []
    detail_rows = []
    for read, learner in report.learners:
        done = sum(result.complete for result in learner.chapters.values())
        row: list[Any] = [learner.name, read.source, STATE_WORDS[read.state], _moment(learner.exported_at),
                          learner.campaign, f"{done}/{len(chapters)}"]
        firsts = first_records(learner, by_key)
        for chapter in chapters:
            result = learner.chapters.get(chapter.key)
            row += [_workshop_text(result, chapter), _quiz_text(result.quiz if result else None)]
            quiz = result.quiz if result else None
            step_dates = [_moment(s.saved_at) for s in (result.steps if result else []) if s.state == "passed"]
            detail_rows.append((
                learner.name, STATE_WORDS[read.state], chapter.number, chapter.title,
                STATE_FR[result.state] if result else "absent de l'export",
                "oui" if result and result.steps and all(s.state == "passed" for s in result.steps) else "non",
                max((d for d in step_dates if d is not None), default=None),
                quiz.correct if quiz else None, quiz.total if quiz else None,
                (quiz.correct / quiz.total) if quiz and quiz.total else None,
                "oui" if quiz and quiz.passed else "non",
                _moment(quiz.saved_at) if quiz else None,
                _first_text(result, firsts), level(result, firsts),
            ))
        row += [", ".join(learner.certificates), learner.active_seconds // 60]
        learner_rows.append(tuple(row))
    criteria_rows = [
        (s.chapter.number, s.chapter.title, STEP_LABELS.get((s.chapter.key, s.step), "atelier"), s.check, s.criterion,
         s.label, s.failed, s.judged, s.share)
        for s in report.criteria
    ]
    question_rows = [(s.chapter.number, s.chapter.title, s.number, s.text, s.wrong, s.answered, s.share)
                     for s in report.questions]
    file_rows = [(read.source, STATE_WORDS[read.state], read.reason,
                  read.learner.name if read.learner else "") for read in report.files]
    return [
        Table("apprenants", "Apprenants", "Apprenants", tuple(learner_columns), learner_rows,
              date_columns=frozenset({3})),
        Table("detail", "Détail par chapitre", "Détail par chapitre", (
            "Nom", "Signature", "Chapitre", "Titre", "État", "Atelier réussi", "Atelier réussi le",
            "Quiz : justes", "Quiz : questions", "Quiz : part juste", "Quiz réussi", "Quiz enregistré le",
            "Atelier : critères atteints au 1er essai", "Niveau (grille du guide)"),
            detail_rows, percent_columns=frozenset({9}), date_columns=frozenset({6, 11})),
        Table("criteres", "Critères", "Critères échoués au premier essai", (
            "Chapitre", "Titre", "Étape", "Vérification", "Critère", "Libellé", "Échoué au 1er essai",
            "Apprenants jugés", "Part échouée"), criteria_rows, percent_columns=frozenset({8})),
        Table("questions", "Questions de quiz", "Questions de quiz manquées", (
            "Chapitre", "Titre", "Question", "Énoncé", "Fausses", "Répondues", "Part fausse"), question_rows,
            percent_columns=frozenset({6})),
        Table("fichiers", "Fichiers", "Fichiers lus", ("Fichier", "État", "Détail", "Nom"), file_rows),
    ]


# --------------------------------------------------------------------------- CSV and XLSX


def _csv_value(value: Any, percent: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        shown = f"{100 * value:.1f}" if percent else f"{value:.2f}"
        return shown.replace(".", ",")
    if isinstance(value, int):
        return str(value)
    return str(safe_cell(str(value)))


def write_csv(table: Table, path: Path) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    header = [f"{name} (%)" if index in table.percent_columns else name for index, name in enumerate(table.columns)]
    writer.writerow([safe_cell(name) for name in header])
    for row in table.rows:
        writer.writerow([_csv_value(value, index in table.percent_columns) for index, value in enumerate(row)])
    path.write_bytes(buffer.getvalue().encode("utf-8-sig"))


def write_xlsx(report_tables: Sequence[Table], path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    for table in report_tables:
        sheet = workbook.create_sheet(table.sheet[:31])
        header = []
        for name in table.columns:
            cell = WriteOnlyCell(sheet, value=safe_cell(name))
            cell.font = bold
            header.append(cell)
        sheet.append(header)
        for row in table.rows:
            cells = []
            for index, value in enumerate(row):
                if isinstance(value, float) and math.isnan(value):
                    value = None
                cell = WriteOnlyCell(sheet, value=safe_cell(value))
                if isinstance(value, str):
                    cell.data_type = "s"  # never a formula, whatever the text
                if index in table.percent_columns:
                    cell.number_format = "0.0 %"
                elif index in table.date_columns:
                    cell.number_format = "dd/mm/yyyy hh:mm"
                cells.append(cell)
            sheet.append(cells)
    workbook.save(path)


# --------------------------------------------------------------------------- HTML


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _percent(share: float) -> str:
    return f"{100 * share:.0f}\u00a0%"


COLOURS = {"complete": "#166534", "started": "#b45309", "todo": "#cbd5e1"}


def _completion_svg(report: ClassReport) -> str:
    """Per chapter, how many learners completed it, started it, or not: stacked horizontal bars."""
    counted = report.counted
    if not counted:
        return ""
    width, label_w, bar_w, row_h = 860, 280, 420, 26
    height = row_h * len(report.chapters) + 40
    parts = [f'<svg role="img" aria-labelledby="svg-completion-title" viewBox="0 0 {width} {height}" '
             f'width="100%" style="max-width:{width}px" xmlns="http://www.w3.org/2000/svg">',
             '<title id="svg-completion-title">Avancement de la classe par chapitre : terminé, en cours, '
             "pas commencé (le tableau « Détail par chapitre » donne les nombres)</title>"]
    for row, chapter in enumerate(report.chapters):
        states = Counter(
            (learner.chapters[chapter.key].state if chapter.key in learner.chapters else "todo") for learner in counted)
        y = 10 + row * row_h
        parts.append(f'<text x="0" y="{y + 16}" font-size="13">{_e(f"{chapter.number}. {chapter.title}"[:38])}</text>')
        x = float(label_w)
        for state in ("complete", "started", "todo"):
            share = states[state] / len(counted)
            w = bar_w * share
            if w > 0:
                parts.append(f'<rect x="{x:.1f}" y="{y + 3}" width="{w:.1f}" height="{row_h - 8}" '
                             f'fill="{COLOURS[state]}"><title>{_e(STATE_FR[state])} : {states[state]}</title></rect>')
            x += w
        parts.append(f'<text x="{label_w + bar_w + 8}" y="{y + 16}" font-size="12">'
                     f"{states['complete']} terminé{'s' if states['complete'] > 1 else ''} / {len(counted)}</text>")
    legend_y = height - 12
    x = label_w
    for state in ("complete", "started", "todo"):
        parts.append(f'<rect x="{x}" y="{legend_y - 10}" width="12" height="12" fill="{COLOURS[state]}"/>'
                     f'<text x="{x + 16}" y="{legend_y}" font-size="12">{_e(STATE_FR[state])}</text>')
        x += 120
    parts.append("</svg>")
    return "".join(parts)


def _bars_svg(title_id: str, title: str, rows: Sequence[tuple[str, float, str]], colour: str = "#b91c1c") -> str:
    """Horizontal bars: (label, share 0–1, text after the bar)."""
    if not rows:
        return ""
    width, label_w, bar_w, row_h = 900, 430, 300, 24
    height = row_h * len(rows) + 10
    parts = [f'<svg role="img" aria-labelledby="{title_id}" viewBox="0 0 {width} {height}" width="100%" '
             f'style="max-width:{width}px" xmlns="http://www.w3.org/2000/svg">',
             f'<title id="{title_id}">{_e(title)}</title>']
    for index, (label, share, after) in enumerate(rows):
        y = 5 + index * row_h
        shown = label if len(label) <= 62 else label[:61] + "…"
        parts.append(f'<text x="0" y="{y + 15}" font-size="12"><title>{_e(label)}</title>{_e(shown)}</text>'
                     f'<rect x="{label_w}" y="{y + 3}" width="{bar_w}" height="{row_h - 8}" fill="#e2e8f0"/>'
                     f'<rect x="{label_w}" y="{y + 3}" width="{bar_w * share:.1f}" height="{row_h - 8}" '
                     f'fill="{colour}"/>'
                     f'<text x="{label_w + bar_w + 8}" y="{y + 15}" font-size="12">{_e(after)}</text>')
    parts.append("</svg>")
    return "".join(parts)


STYLE = (
    "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:1.5rem;color:#111827;"
    "max-width:80rem}h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #cbd5e1}"
    "table{border-collapse:collapse;margin:.5rem 0;font-size:.9rem}th,td{border:1px solid #cbd5e1;"
    "padding:.25rem .45rem;text-align:left;vertical-align:top}thead th{background:#f1f5f9;position:sticky;top:0}"
    "tr.flagged td{background:#fee2e2}.flag{color:#991b1b;font-weight:700}.note{color:#374151;max-width:60rem}"
    ".scroll{overflow-x:auto}.matrix td{font-size:.8rem;min-width:7rem}.matrix .st-complete{color:#166534}"
    ".matrix .st-started{color:#92400e}"
)


def _html_table(table: Table, flagged_rows: set[int] | None = None, limit: int | None = None) -> str:
    head = "".join(f'<th scope="col">{_e(name)}</th>' for name in table.columns)
    rows = []
    for number, row in enumerate(table.rows[:limit] if limit else table.rows):
        cells = []
        for index, value in enumerate(row):
            if value is None:
                shown = ""
            elif index in table.percent_columns and isinstance(value, float):
                shown = _percent(value)
            elif isinstance(value, datetime):
                shown = value.strftime("%d/%m/%Y %H:%M")
            else:
                shown = str(value)
            cells.append(f"<td>{_e(shown)}</td>")
        css = ' class="flagged"' if flagged_rows and number in flagged_rows else ""
        rows.append(f"<tr{css}>{''.join(cells)}</tr>")
    return (f'<div class="scroll"><table><caption class="note">{_e(table.title)}</caption><thead><tr>{head}</tr>'
            f"</thead><tbody>{''.join(rows)}</tbody></table></div>")


def _chapter_cell(result: ChapterResult | None) -> str:
    if result is None:
        return "—"
    quiz = result.quiz
    score = f"quiz {quiz.correct}/{quiz.total}" if quiz is not None and quiz.answered else ""
    if result.complete:
        moments = [step.saved_at for step in result.steps] + ([quiz.saved_at] if quiz else [])
        day = _when(max(moments), False) if moments else ""
        return " · ".join(part for part in (f"terminé le {day}" if day else "terminé", score) if part)
    if result.state == "started":
        workshop = "atelier réussi" if result.steps and all(s.state == "passed" for s in result.steps) else (
            "atelier à revoir" if any(s.state == "tried" for s in result.steps) else "")
        return " · ".join(part for part in ("en cours", workshop, score) if part)
    return "—"


def _matrix_html(report: ClassReport, flagged_rows: set[int]) -> str:
    """Who completed what: one row per learner, one cell per chapter."""
    head = "".join(f'<th scope="col" title="{_e(chapter.title)}">Ch. {chapter.number}</th>'
                   for chapter in report.chapters)
    rows = []
    by_key = {chapter.key: chapter for chapter in report.chapters}
    for index, (read, learner) in enumerate(report.learners):
        done = sum(result.complete for result in learner.chapters.values())
        firsts = first_records(learner, by_key)
        cells = "".join(
            f'<td class="st-{result.state if result else "todo"}">{_e(_chapter_cell(result))}'
            f'{_e(" · niveau " + level(result, firsts)[0]) if result and result.state != "todo" else ""}</td>'
            for result in (learner.chapters.get(chapter.key) for chapter in report.chapters))
        css = ' class="flagged"' if index in flagged_rows else ""
        rows.append(f'<tr{css}><th scope="row">{_e(learner.name)}</th><td>{_e(STATE_WORDS[read.state])}</td>'
                    f"<td>{done}/{len(report.chapters)}</td>{cells}</tr>")
    return ('<div class="scroll"><table class="matrix"><caption class="note">Qui a terminé quoi</caption><thead><tr>'
            f'<th scope="col">Nom</th><th scope="col">Signature</th><th scope="col">Terminés</th>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table></div>")


def render_html(report: ClassReport, report_tables: Sequence[Table], generated: datetime) -> str:
    by_name = {table.name: table for table in report_tables}
    counted = report.counted
    flagged = [read for read in report.files if read.state in FLAGGED]
    unreadable = [read for read in report.files if read.state == "unreadable"]
    summary = [
        f"{len(report.files)} fichier{'s' if len(report.files) > 1 else ''} lu{'s' if len(report.files) > 1 else ''}",
        f"{len(counted)} apprenant{'s' if len(counted) > 1 else ''} dans les statistiques",
    ]
    for state in ("signed", "unsigned", "no-key", "bad-signature", "other-key", "superseded", "duplicate",
                  "unreadable"):
        if report.count(state):
            summary.append(f"{STATE_WORDS[state]} : {report.count(state)}")
    parts = [
        "<!DOCTYPE html>",
        '<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">',
        f"<title>Rapport de la classe</title><style>{STYLE}</style></head><body>",
        "<h1>Rapport de la classe</h1>",
        f'<p class="note">Fait le {_e(generated.astimezone().strftime("%d/%m/%Y à %H:%M"))}. '
        f"{_e(' · '.join(summary))}.</p>",
    ]
    if not report.key_given:
        parts.append('<p class="flag">Aucune clé de classe n\'a été donnée au rapport : les signatures ne sont pas '
                     "vérifiées (option --cle ou variable INFLUENCE_WORKBOOK_CLASS_KEY).</p>")
    if flagged:
        items = "".join(f"<li>{_e(read.learner.name if read.learner else '?')} : « {_e(read.source)} » — "
                        f"{_e(STATE_WORDS[read.state])} ({_e(read.reason)})</li>" for read in flagged)
        parts.append(f'<h2 class="flag">Fichiers à vérifier ({len(flagged)})</h2><p class="note">Leurs résultats sont '
                     f"affichés, surlignés, mais ne comptent pas dans les statistiques.</p><ul>{items}</ul>")
    if unreadable:
        items = "".join(f"<li>« {_e(read.source)} » : {_e(read.reason)}</li>" for read in unreadable)
        parts.append(f"<h2>Fichiers illisibles ({len(unreadable)})</h2><ul>{items}</ul>")
    parts.append("<h2>Avancement par chapitre</h2>")
    parts.append(_completion_svg(report) or '<p class="note">Aucun apprenant dans les statistiques.</p>')
    parts.append("<h2>Qui a terminé quoi</h2>")
    flagged_rows = {index for index, (read, _learner) in enumerate(report.learners) if read.state in FLAGGED}
    parts.append('<p class="note">Par chapitre : « terminé » (atelier et quiz réussis) avec la date, ou « en cours », '
                 "puis le score du quiz (justes du premier coup) et le niveau de la grille du guide de l'enseignant "
                 "(4 : terminé, atelier réussi au premier essai ; 3 : terminé ; 2 : commencé). Le détail (dates de "
                 "chaque atelier et de chaque quiz, critères atteints au premier essai) est dans le tableur, "
                 "feuille « Détail par chapitre ».</p>")
    parts.append(_matrix_html(report, flagged_rows))
    parts.append("<h2>Quiz</h2>")
    quiz_rows = []
    for chapter in report.chapters:
        scores = [learner.chapters[chapter.key].quiz for learner in counted
                  if chapter.key in learner.chapters and learner.chapters[chapter.key].quiz is not None]
        finished = [quiz for quiz in scores if quiz is not None and quiz.answered >= quiz.total > 0]
        passed = sum(quiz.passed for quiz in finished)
        mean = sum(q.correct / q.total for q in finished) / len(finished) if finished else 0.0
        quiz_rows.append((f"{chapter.number}. {chapter.title}", passed / len(counted) if counted else 0.0,
                          f"{passed} réussi{'s' if passed > 1 else ''} / {len(counted)} ; moyenne {_percent(mean)} "
                          f"({len(finished)} terminé{'s' if len(finished) > 1 else ''})"))
    parts.append(_bars_svg("svg-quiz", "Part de la classe qui a réussi le quiz de chaque chapitre", quiz_rows,
                           "#1e3a8a"))
    parts.append("<h2>À retravailler : critères échoués au premier essai</h2>")
    parts.append('<p class="note">Pour chaque critère de chaque atelier, la part des apprenants dont le premier essai '
                 "vérifié l'a échoué (parmi ceux dont le premier essai a jugé ce critère). Les critères les plus "
                 "souvent échoués d'abord sont ceux à reprendre en séance.</p>")
    if report.first_unknown:
        unknown = ", ".join(f"ch. {key[0][2:].lstrip('0')} {key[1]} : {count}"
                            for key, count in sorted(report.first_unknown.items()))
        parts.append(f'<p class="note">Premier essai inconnu (fichiers d\'une version du cours qui ne '
                     f"l'enregistrait pas) : {_e(unknown)}.</p>")
    top = [(f"Ch. {s.chapter.number} · {s.label}", s.share, f"{_percent(s.share)} ({s.failed}/{s.judged})")
           for s in report.criteria[:CHART_TOP] if s.failed]
    parts.append(_bars_svg("svg-criteria", f"Les {len(top)} critères les plus souvent échoués au premier essai", top)
                 or '<p class="note">Aucun premier essai enregistré.</p>')
    parts.append(_html_table(by_name["criteres"]))
    parts.append("<h2>Questions de quiz les plus manquées</h2>")
    parts.append('<p class="note">Par question, la part des réponses fausses au premier choix, dans la tentative '
                 "enregistrée de chaque apprenant (la dernière s'il a recommencé le quiz).</p>")
    parts.append(_html_table(by_name["questions"], limit=40))
    parts.append("<h2>Fichiers lus</h2>")
    file_flags = {index for index, read in enumerate(report.files) if read.state in FLAGGED | {"unreadable"}}
    parts.append(_html_table(by_name["fichiers"], file_flags))
    parts.append("</body></html>")
    return "\n".join(parts)


# --------------------------------------------------------------------------- the command


@dataclass(frozen=True)
class Written:
    report: ClassReport
    html: Path
    xlsx: Path
    csv: tuple[Path, ...]


def write_report(paths: Sequence[Path], out: Path, key: str | None, *, now: datetime | None = None) -> Written:
    report = build_report(paths, key)
    report_tables = tables(report)
    out.mkdir(parents=True, exist_ok=True)
    html_path = out / f"{REPORT_NAME}.html"
    html_path.write_text(render_html(report, report_tables, now or datetime.now(UTC)), encoding="utf-8")
    xlsx_path = out / f"{REPORT_NAME}.xlsx"
    write_xlsx(report_tables, xlsx_path)
    csv_paths = []
    for table in report_tables:
        path = out / f"{REPORT_NAME}-{table.name}.csv"
        write_csv(table, path)
        csv_paths.append(path)
    return Written(report, html_path, xlsx_path, tuple(csv_paths))


USAGE = fix(
    "Rapport de la classe à partir des exports de progression des apprenants.\n"
    "  python -m influence_workbook.class_report <dossier ou fichiers…> --out <dossier> [--cle CLÉ]\n"
    "  python -m influence_workbook.class_report cle    (affiche une nouvelle clé de classe au hasard)\n"
    f"La clé de classe : option --cle, ou variable {CLASS_KEY_VARIABLE}."
)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] in (["cle"], ["clé"]):
        new_key = new_class_key()
        print(fix(f"Nouvelle clé de classe : {new_key}\nDonnez-la aux apprenants (ou réglez {CLASS_KEY_VARIABLE} "
                  f"sur le serveur), gardez-la pour le rapport : --cle {new_key}"))
        return 0
    parser = argparse.ArgumentParser(prog="python -m influence_workbook.class_report", description=USAGE,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", type=Path, help="dossiers ou fichiers d'export (.json, .zip)")
    parser.add_argument("--out", type=Path, default=Path(REPORT_NAME), help="dossier où écrire le rapport")
    parser.add_argument("--cle", default=None, help=f"clé de la classe (sinon {CLASS_KEY_VARIABLE})")
    options = parser.parse_args(args)
    if not options.paths:
        print(USAGE, file=sys.stderr)
        return 2
    key: str | None
    try:
        key = clean_class_key(options.cle if options.cle is not None else os.environ.get(CLASS_KEY_VARIABLE, ""))
    except ExportRefused as refused:
        print(refused.message, file=sys.stderr)
        return 2
    try:
        written = write_report(options.paths, options.out, key)
    except OSError as error:
        print(fix(f"Le rapport n'a pas pu être écrit dans « {options.out} » ({os_error_in_french(error)})."),
              file=sys.stderr)
        return 1
    report = written.report
    lines = [f"{len(report.files)} fichier(s) lu(s), {len(report.counted)} apprenant(s) dans les statistiques."]
    for state in STATE_WORDS:
        if report.count(state):
            lines.append(f"  {STATE_WORDS[state]} : {report.count(state)}")
    for read in report.files:
        if read.state in FLAGGED or read.state == "unreadable":
            lines.append(f"  ! {read.source} : {STATE_WORDS[read.state]} ({read.reason})")
    if key is None:
        lines.append(f"Aucune clé de classe : signatures non vérifiées (--cle ou {CLASS_KEY_VARIABLE}).")
    lines.append(f"Rapport : {written.html}")
    lines.append(f"Tableur : {written.xlsx} (et {len(written.csv)} fichiers CSV)")
    print(fix("\n".join(lines)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
