"""A learner's progress exported as one signed file, for the teacher's class report (issue 25).

The learner types their name on the home page and clicks « Exporter ma progression »; they get one JSON
file (``progression-<nom>-<date>.json``, offered for download and kept in ``exports/`` beside the progress
file) that holds:

- the name as typed, the date and time of the export, the course's title;
- the campaign worked on and, per available chapter, each workshop step's state and date, the quiz's
  score (the quiz results) and whether the chapter is complete, read by
  :mod:`influence_workbook.course_progress` exactly as « Mon parcours » reads them;
- the certificates of completion issued (the records of :mod:`influence_workbook.certificate`);
- the whole progress document as it is on disk (answers, verdicts, first attempts, working periods);
- a signature: an HMAC-SHA256 of all of the above, keyed with the *class key*.

The class key is a secret the teacher chooses (``python -m influence_workbook.class_report cle`` prints a
random one) and gives the group. It reaches the learner's export in one of two ways:

1. on a shared server (JupyterHub), the teacher sets the environment variable
   ``INFLUENCE_WORKBOOK_CLASS_KEY`` (:data:`CLASS_KEY_VARIABLE`) in every learner's environment; the page
   then says the key is provided and shows no field;
2. otherwise the learner types the key into the « Clé de la classe » field of the page; it is used for
   that export only and never saved.

Without a key, the file is written *unsigned* (``"signature": {"algorithm": null}``) and the class
report lists it as « non signé ».

What the signature proves, and what not. The teacher's report recomputes the HMAC with the class key:
a file edited after its export (a score changed by hand) no longer matches and is flagged, and a file
signed with another key is told apart (the signature carries a short fingerprint of its key). Anyone
who holds the key can sign any content, and the learners hold it: the signature stops an edit of the
exported file, not a learner who edits their progress file and then exports it, nor one who signs by
hand. It is no account system and no proctoring; like the certificate, it records self-checked work.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import re
import secrets
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from influence_workbook.certificate import COURSE_TITLE, campaign_label
from influence_workbook.certificate import SECTION as CERTIFICATE_SECTION
from influence_workbook.course_progress import ChapterProgress, course_progress
from influence_workbook.progress import ProgressStore, os_error_in_french
from influence_workbook.text import fold
from influence_workbook.typography import fix
from influence_workbook.widgets.campaign import CampaignStore, campaign_id

EXPORT_FORMAT = "influence-workbook/class-export"
EXPORT_VERSION = 1
CLASS_KEY_VARIABLE = "INFLUENCE_WORKBOOK_CLASS_KEY"
SIGNATURE_ALGORITHM = "HMAC-SHA256"
SIGNATURE = "signature"
EXPORT_FOLDER = "exports"
MAX_NAME_CHARS = 80
MIN_KEY_CHARS = 8
MAX_KEY_CHARS = 200
#: Signs a name may hold besides letters (and their accents).
NAME_SIGNS = frozenset(" -'’.")
_KEY_ID_SALT = b"influence-workbook class key id\x00"

KeyState = Literal["signed", "bad-signature", "other-key", "unsigned", "no-key"]


class ExportRefused(Exception):
    """The export cannot be made; ``message`` says why, in French."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = fix(message)


@dataclass(frozen=True)
class ProgressExport:
    document: dict[str, Any]
    payload: bytes  # the file's bytes
    file_name: str
    path: Path | None  # where the file was written; None when the folder refused it
    notice: str | None  # French notice when it could not be written to disk

    @property
    def signed(self) -> bool:
        return bool(self.document[SIGNATURE].get("algorithm"))


# --------------------------------------------------------------------------- the key


def clean_class_key(raw: Any) -> str | None:
    """The class key as used to sign (spaces around it removed, Unicode composed), None when empty.

    Raises ExportRefused (French) for a key too short or too long to be a class key.
    """
    if not isinstance(raw, str):
        return None
    key = unicodedata.normalize("NFC", raw).strip()
    if not key:
        return None
    if len(key) < MIN_KEY_CHARS:
        raise ExportRefused(f"Cette clé de classe est trop courte ({len(key)} caractères) : vérifiez-la auprès de "
                            "votre enseignant ou enseignante (elle en compte au moins "
                            f"{MIN_KEY_CHARS}), ou videz le champ pour exporter sans signature.")
    if len(key) > MAX_KEY_CHARS:
        raise ExportRefused(f"Cette clé de classe est trop longue ({len(key)} caractères) : collez seulement la "
                            "clé donnée par votre enseignant ou enseignante.")
    return key


def environment_class_key() -> str | None:
    """The class key set for every learner on a shared server (``INFLUENCE_WORKBOOK_CLASS_KEY``), if valid."""
    try:
        return clean_class_key(os.environ.get(CLASS_KEY_VARIABLE, ""))
    except ExportRefused:
        return None


def key_fingerprint(key: str) -> str:
    """Eight hex digits that name a key without revealing it (the report tells « another key » apart)."""
    return hashlib.sha256(_KEY_ID_SALT + key.encode("utf-8")).hexdigest()[:8]


def new_class_key() -> str:
    """A random class key for the teacher: 20 letters and digits in groups of four (100 bits)."""
    letters = base64.b32encode(secrets.token_bytes(15)).decode("ascii").lower()[:20]
    return "-".join(letters[i : i + 4] for i in range(0, 20, 4))


# --------------------------------------------------------------------------- signing


def canonical_bytes(document: Mapping[str, Any]) -> bytes:
    """The bytes the signature covers: every field but the signature, as canonical JSON (ASCII only)."""
    unsigned = {key: value for key, value in document.items() if key != SIGNATURE}
    return json.dumps(unsigned, ensure_ascii=True, sort_keys=True, separators=(",", ":"),
                      allow_nan=True).encode("ascii")


def _mac(document: Mapping[str, Any], key: str) -> str:
    return hmac.new(key.encode("utf-8"), canonical_bytes(document), hashlib.sha256).hexdigest()


def sign(document: dict[str, Any], key: str | None) -> dict[str, Any]:
    """``document`` with its signature field set (unsigned when ``key`` is None)."""
    if key is None:
        document[SIGNATURE] = {"algorithm": None, "key_id": None, "value": None}
    else:
        document[SIGNATURE] = {"algorithm": SIGNATURE_ALGORITHM, "key_id": key_fingerprint(key),
                               "value": _mac(document, key)}
    return document


def signature_state(document: Mapping[str, Any], key: str | None) -> KeyState:
    """How an export's signature reads with the teacher's ``key``.

    ``signed``: it matches; ``bad-signature``: signed with this key but changed since (or a forged
    signature); ``other-key``: signed with another key; ``unsigned``: exported without a key;
    ``no-key``: signed, but the teacher gave no key to check it with.
    """
    signature = document.get(SIGNATURE)
    if not isinstance(signature, Mapping) or not signature.get("algorithm"):
        return "unsigned"
    if signature.get("algorithm") != SIGNATURE_ALGORITHM or not isinstance(signature.get("value"), str):
        return "bad-signature"
    if key is None:
        return "no-key"
    if signature.get("key_id") != key_fingerprint(key):
        # A changed key_id with the right MAC is still a change: check the MAC first.
        return "signed" if hmac.compare_digest(signature["value"], _mac(document, key)) else "other-key"
    return "signed" if hmac.compare_digest(signature["value"], _mac(document, key)) else "bad-signature"


# --------------------------------------------------------------------------- the export


def clean_name(raw: Any) -> str:
    """The learner's name as typed (spaces tidied), or ExportRefused with a French message."""
    text = unicodedata.normalize("NFC", raw if isinstance(raw, str) else "")
    text = re.sub(r"[\s\u00a0\u202f]+", " ", text).strip()
    if not text:
        raise ExportRefused("Saisissez votre nom (prénom et nom) : votre enseignant ou enseignante s'en sert "
                            "pour reconnaître votre fichier.")
    if len(text) > MAX_NAME_CHARS:
        raise ExportRefused(f"Ce nom est trop long ({len(text)} caractères) : {MAX_NAME_CHARS} au plus. "
                            "Saisissez seulement votre prénom et votre nom.")
    odd = sorted({c for c in text if c not in NAME_SIGNS and unicodedata.category(c)[0] not in "LM"})
    if odd:
        shown = ", ".join("une espace spéciale" if c.isspace() else (
            "un caractère invisible" if unicodedata.category(c).startswith("C") else f"«\u00a0{c}\u00a0»")
            for c in odd[:6])
        raise ExportRefused("Un nom ne peut contenir que des lettres, des espaces, des traits d'union, des "
                            f"apostrophes et des points ; retirez {shown}.")
    if not any(unicodedata.category(c).startswith("L") for c in text):
        raise ExportRefused("Saisissez votre nom (prénom et nom) en lettres.")
    return text


def _chapter_summary(progress: ChapterProgress) -> dict[str, Any]:
    quiz = progress.quiz
    return {
        "key": progress.chapter.key,
        "number": progress.chapter.number,
        "title": progress.chapter.title,
        "steps": [{"step": step.step, "state": step.state.value, "saved_at": step.saved_at}
                  for step in progress.steps],
        "quiz": None if quiz is None else {
            "correct": quiz.correct, "total": quiz.total, "answered": quiz.answered, "saved_at": quiz.saved_at,
            "passed": quiz.passed, "percent": quiz.percent,
        },
        "complete": progress.complete,
    }


def export_document(store: ProgressStore, name: Any, *, class_key: str | None = None,
                    now: datetime | None = None) -> dict[str, Any]:
    """The export as a JSON-ready dict, signed with ``class_key`` (unsigned when None)."""
    printed = clean_name(name)
    base = store.base if isinstance(store, CampaignStore) else store
    document = base.load()
    course = course_progress(base)
    moment = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    export: dict[str, Any] = {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "course": COURSE_TITLE,
        "name": printed,
        "exported_at": moment.isoformat(),
        "campaign": {"id": campaign_id(course.campaign), "title": campaign_label(course.campaign)},
        "chapters": [_chapter_summary(progress) for progress in course.available],
        "quizzes": [
            {"chapter": progress.chapter.key, "correct": progress.quiz.correct, "total": progress.quiz.total,
             "answered": progress.quiz.answered, "saved_at": progress.quiz.saved_at,
             "passed": progress.quiz.passed, "percent": progress.quiz.percent}
            for progress in course.available if progress.quiz is not None
        ],
        "certificates": [record for record in document.get(CERTIFICATE_SECTION, [])
                         if isinstance(record, dict)] if isinstance(document.get(CERTIFICATE_SECTION), list) else [],
        "complete": course.complete,
        "active_seconds": course.active_seconds,
        "notices": list(base.notices),
        "progress": document,
    }
    # What JSON cannot hold exactly (a tuple, half an emoji) is made plain before signing, so that the file
    # read back gives the very values that were signed.
    text = json.dumps(export, ensure_ascii=False, allow_nan=True)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return sign(json.loads(text), class_key)


def file_name(name: str, exported_at: str) -> str:
    """``progression-camille-martin-2026-12-07.json``."""
    slug = re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")[:40].strip("-") or "apprenant"
    return f"progression-{slug}-{exported_at[:10]}.json"


def encode(document: Mapping[str, Any]) -> bytes:
    return (json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True, allow_nan=True) + "\n").encode("utf-8")


def export_progress(store: ProgressStore | None = None, name: Any = "", *, class_key: Any = None,
                    now: datetime | None = None) -> ProgressExport:
    """« Exporter ma progression »: build, sign and write the export; ExportRefused (French) when it cannot be.

    ``class_key``: the key typed on the page; when empty, the server's key
    (:data:`CLASS_KEY_VARIABLE`) is used, and without either the file is unsigned.
    """
    store = store if store is not None else ProgressStore()
    key = clean_class_key(class_key) or environment_class_key()
    document = export_document(store, name, class_key=key, now=now)
    payload = encode(document)
    target_name = file_name(document["name"], document["exported_at"])
    base = store.base if isinstance(store, CampaignStore) else store
    folder = base.path.parent / EXPORT_FOLDER
    target = folder / target_name
    temporary = folder / f".{target_name}.{secrets.token_hex(4)}.tmp"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        try:
            temporary.write_bytes(payload)
            os.replace(temporary, target)
        finally:
            temporary.unlink(missing_ok=True)
    except OSError as error:
        notice = fix(f"Le fichier n'a pas pu être enregistré dans « {folder} » ({os_error_in_french(error)}) : "
                     "téléchargez-le avec le lien ci-dessous.")
        return ProgressExport(document, payload, target_name, None, notice)
    return ProgressExport(document, payload, target_name, target, None)
