"""The certificate of completion (« Attestation de suivi »): a French PDF, and how to verify it.

Issued only when every available chapter is complete (its workshop steps pass for the active campaign
and its quiz passes: :func:`~influence_workbook.course_progress.chapter_complete`). The learner types
the name to print; :func:`issue_certificate` then

1. gathers the *certified facts*: the name, the date of issue, the campaign worked on, each chapter's
   passing saves (their times) and quiz score, and the estimated active time;
2. derives the verification code from them (a SHA-256 of their canonical JSON, 80 bits shown as
   ``IW-XXXX-XXXX-XXXX-XXXX``): the same facts always give the same code, any change another code;
3. records the issuance in the progress file (list ``certificates``, under the store's lock, with the
   store's guarantees: an unreadable file is never written over);
4. writes the PDF beside the progress file (``attestations/``) and returns its bytes, which the home
   page offers for download. A folder that refuses the PDF does not stop the issuance: the download
   is still offered, with a French notice.

``python -m influence_workbook.certificate verifier <progress file> <code>`` checks a code against a
learner's progress file: the issuance must be recorded there, its facts must still give that code,
and the file must still hold them (the same passing saves, the same quiz scores). It prints the
certified facts in French, to compare with the PDF, and exits 0 when valid, 1 with the reason
otherwise. It reads a copy of the file: a damaged file is reported, never repaired or changed.

What the code proves, and what not: that the PDF's facts are those recorded in that progress file. It
is a fingerprint, not a signature: the file is in the learner's hands, and someone who rewrites it
consistently (facts, record and code) cannot be detected. The PDF says so: it certifies completion of
this course's self-checked workshops and quizzes, not an identity, a diploma or the ARPP's certificate.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
import sys
import tempfile
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from influence_workbook import clock
from influence_workbook.campaign import DEFAULT_CAMPAIGN, Campaign, campaign_from_answer
from influence_workbook.chapters import CHAPTERS, Chapter
from influence_workbook.course_progress import (
    ChapterProgress,
    CourseProgress,
    StepState,
    course_progress,
    format_duration,
    format_saved_on,
)
from influence_workbook.learner_files import write_atomically
from influence_workbook.optional import fpdf_class, pdf_available, pdf_fonts
from influence_workbook.progress import IDLE_GAP_S, ProgressNotSaved, ProgressStore, os_error_in_french
from influence_workbook.quiz import QUIZ_PASS_RATE
from influence_workbook.text import format_date
from influence_workbook.typography import fix
from influence_workbook.widgets.campaign import CampaignStore, campaign_id, chosen_answer

COURSE_TITLE = "Les 10 erreurs à éviter en marketing d'influence"
TITLE = "Attestation de suivi"
SECTION = "certificates"
FOLDER = "attestations"
CODE_PREFIX = "IW"
MAX_NAME_CHARS = 80
#: Signs a name may hold besides letters (and their accents): spaces, hyphens, apostrophes, dots.
NAME_SIGNS = frozenset(" -'’.")
VERIFY_COMMAND = "python -m influence_workbook.certificate verifier"
FACTS_VERSION = 1

WHAT_IT_CERTIFIES = fix(
    "Cette attestation certifie que la personne nommée ci-dessus a terminé, dans sa copie du cours "
    f"« {COURSE_TITLE} », les ateliers et les quiz de chacun des chapitres disponibles à cette date, "
    "listés ci-dessous : chaque atelier a été validé par les vérifications automatiques du cours, et chaque "
    f"quiz réussi avec au moins {round(100 * QUIZ_PASS_RATE)} % de bonnes réponses du premier coup."
)
WHAT_IT_DOES_NOT = tuple(fix(line) for line in (
    "Ce n'est pas un diplôme, ni un titre ou une certification professionnelle reconnus.",
    "Ce n'est pas le « Certificat de l'Influence Responsable » délivré par l'ARPP (Autorité de régulation "
    "professionnelle de la publicité), ni une attestation de l'ARPP ou d'un autre organisme.",
    "L'identité n'a pas été vérifiée : le nom est celui que la personne a saisi elle-même.",
    "Les ateliers et les quiz sont corrigés automatiquement par le cours, sans surveillance ni relecture "
    "par un formateur ou une formatrice.",
))
TIME_ON_CERTIFICATE = fix(
    "Estimé à partir des moments où le travail a été enregistré (vérification d'un atelier, réponse à un quiz) : "
    f"deux enregistrements à moins de {IDLE_GAP_S // 60}\u00a0minutes d'intervalle comptent comme du travail "
    "continu, un intervalle plus long comme une pause, non comptée. C'est une estimation basse, qui ne compte "
    "pas le temps de lecture avant le premier enregistrement d'une séance."
)
HOW_TO_VERIFY = fix(
    "Pour vérifier cette attestation à partir du fichier de progression de la personne (progression.json), "
    f"dans le dossier du cours : {VERIFY_COMMAND} progression.json <code>. La vérification confirme que "
    "les faits ci-dessus sont ceux que ce fichier enregistre."
)


class CertificateRefused(Exception):
    """The certificate cannot be issued; ``message`` says why in French, ``left`` lists what is left."""

    def __init__(self, message: str, left: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.message = fix(message)
        self.left = tuple(left)


@dataclass(frozen=True)
class Certificate:
    code: str
    facts: dict[str, Any]
    pdf: bytes
    path: Path | None  # where the PDF was written; None when the folder refused it
    notice: str | None  # French notice when the PDF could not be written to disk

    @property
    def file_name(self) -> str:
        return f"attestation-{self.code}.pdf"


# --------------------------------------------------------------------------- the name


def _font_paths() -> tuple[Path, Path]:
    """DejaVu Sans, regular and bold (:func:`influence_workbook.optional.pdf_fonts`)."""
    return pdf_fonts()


@lru_cache(maxsize=1)
def _font_characters() -> frozenset[int]:
    """The characters both fonts of the PDF can draw."""
    from fontTools.ttLib import TTFont  # fpdf2's own dependency, imported when needed

    covered: set[int] | None = None
    for path in _font_paths():
        with TTFont(path, lazy=True) as font:
            characters = set(font.getBestCmap())
        covered = characters if covered is None else covered & characters
    return frozenset(covered or ())


def _shown(characters: Sequence[str]) -> str:
    names = []
    for character in dict.fromkeys(characters):
        names.append("une espace spéciale" if character.isspace() else (
            "un caractère invisible" if unicodedata.category(character).startswith("C")
            else f"«\u00a0{character}\u00a0»"))  # by hand: typography leaves « < » alone (an HTML tag?)
    return ", ".join(names[:6]) + (" …" if len(names) > 6 else "")


def clean_name(raw: Any) -> str:
    """The name as it will be printed (spaces tidied), or CertificateRefused with a French message."""
    if not isinstance(raw, str):
        raw = ""
    text = unicodedata.normalize("NFC", raw)
    text = re.sub(r"[\s\u00a0\u202f]+", " ", text).strip()
    if not text:
        raise CertificateRefused("Saisissez le nom à imprimer sur l'attestation (prénom et nom).")
    if len(text) > MAX_NAME_CHARS:
        raise CertificateRefused(f"Ce nom est trop long ({len(text)} caractères) : {MAX_NAME_CHARS} au plus. "
                                 "Saisissez seulement votre prénom et votre nom.")
    odd = [c for c in text if c not in NAME_SIGNS and unicodedata.category(c)[0] not in "LM"]
    if odd:
        raise CertificateRefused(
            f"Un nom ne peut contenir que des lettres, des espaces, des traits d'union, des apostrophes et des "
            f"points ; retirez {_shown(odd)}.")
    if not any(unicodedata.category(c).startswith("L") for c in text):
        raise CertificateRefused("Saisissez le nom à imprimer sur l'attestation (prénom et nom), en lettres.")
    covered = _font_characters()
    missing = [c for c in text if ord(c) not in covered]
    if missing:
        raise CertificateRefused(
            f"La police de l'attestation ne sait pas écrire {_shown(missing)} : écrivez votre nom en caractères "
            "latins, grecs ou cyrilliques (par exemple sa transcription en lettres latines).")
    return text


# --------------------------------------------------------------------------- facts and code


def _chapter_facts(progress: ChapterProgress) -> dict[str, Any]:
    quiz = progress.quiz
    return {
        "key": progress.chapter.key,
        "number": progress.chapter.number,
        "title": progress.chapter.title,
        "steps": [{"step": step.step, "saved_at": step.saved_at} for step in progress.steps],
        "quiz": None if quiz is None else {"correct": quiz.correct, "total": quiz.total, "saved_at": quiz.saved_at},
    }


def campaign_label(campaign: Campaign) -> str:
    """« « Rituel Avoine » de Sève »."""
    return fix(f"« {campaign.name} » de {campaign.brand.name}")


def certified_facts(name: str, issued_on: date, course: CourseProgress) -> dict[str, Any]:
    """What the certificate states, as plain JSON values (the code is derived from exactly these)."""
    return {
        "version": FACTS_VERSION,
        "course": COURSE_TITLE,
        "name": name,
        "issued_on": issued_on.isoformat(),
        "campaign": {"id": campaign_id(course.campaign), "title": campaign_label(course.campaign)},
        "chapters": [_chapter_facts(progress) for progress in course.available],
        "active_seconds": course.active_seconds,
    }


def certificate_code(facts: Mapping[str, Any]) -> str:
    """``IW-XXXX-XXXX-XXXX-XXXX``: 80 bits of the SHA-256 of the facts' canonical JSON, in base 32."""
    canonical = json.dumps(facts, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    digest = hashlib.sha256(canonical.encode("utf-8")).digest()
    text = base64.b32encode(digest[:10]).decode("ascii")
    return "-".join([CODE_PREFIX, *(text[i : i + 4] for i in range(0, len(text), 4))])


def normalize_code(text: str) -> str | None:
    """A code as typed (any case, spaces or no dashes, 0/1/8 for O/I/B) in its printed form, or None."""
    letters = re.sub(r"[\s\-_.]", "", text.upper()).translate(str.maketrans("018", "OIB"))
    if letters.startswith(CODE_PREFIX):
        letters = letters[len(CODE_PREFIX):]
    if not re.fullmatch(r"[A-Z2-7]{16}", letters):
        return None
    return "-".join([CODE_PREFIX, *(letters[i : i + 4] for i in range(0, 16, 4))])


# --------------------------------------------------------------------------- issuing


def _base(store: ProgressStore) -> ProgressStore:
    return store.base if isinstance(store, CampaignStore) else store


def refusal_for(course: CourseProgress) -> CertificateRefused | None:
    """Why the certificate cannot be issued yet (what is left, in French), or None when it can."""
    if course.complete:
        return None
    if not course.available:
        return CertificateRefused("Aucun chapitre n'est encore disponible : l'attestation n'a rien à certifier.")
    left = course.left()
    return CertificateRefused(
        "Votre attestation n'est pas encore disponible : elle est délivrée quand les ateliers et le quiz de "
        f"chaque chapitre disponible sont réussis, sur la campagne {campaign_label(course.campaign)}. "
        f"Il reste {'un chapitre' if len(left) == 1 else f'{len(left)} chapitres'} à terminer.", left)


#: Where the certificate's PDF cannot be made (the online course without fpdf2 or the DejaVu fonts).
CERTIFICATE_UNAVAILABLE = (
    "L'attestation PDF n'est pas disponible dans la version en ligne du cours\u00a0: exportez votre progression "
    "(ci-dessous), puis obtenez l'attestation dans le cours installé sur votre ordinateur."
)


def issue_certificate(store: ProgressStore, name: Any, *, today: date | None = None) -> Certificate:
    """Issue the certificate for the active campaign; CertificateRefused (French message) when it cannot be."""
    base = _base(store)
    course = course_progress(base)
    refused = refusal_for(course)
    if refused is not None:
        raise refused
    if not pdf_available():  # the online course without the PDF library or its fonts: nothing is recorded
        raise CertificateRefused(CERTIFICATE_UNAVAILABLE)
    printed = clean_name(name)
    issued_on = today if today is not None else clock.today()
    facts = certified_facts(printed, issued_on, course)
    code = certificate_code(facts)
    pdf = certificate_pdf(facts, code)
    if not any(record.get("code") == code for record in base.records(SECTION)):
        record = {
            "code": code,
            "facts": facts,
            "issued_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
            "campaign_answer": chosen_answer(base),
            "file": f"{FOLDER}/attestation-{code}.pdf",
        }
        try:
            base.append_record(SECTION, record)
        except ProgressNotSaved as error:
            raise CertificateRefused(
                f"L'attestation n'a pas été délivrée : elle doit être inscrite dans votre fichier de progression "
                f"pour pouvoir être vérifiée. {error.notice}") from error
        except OSError as error:
            raise CertificateRefused(
                f"L'attestation n'a pas été délivrée : elle n'a pas pu être inscrite dans votre fichier de "
                f"progression « {base.path} » ({os_error_in_french(error)}), et sans cela elle ne pourrait pas "
                "être vérifiée. Libérez de la place ou choisissez un dossier où vous pouvez écrire, puis "
                "réessayez.") from error
    folder = base.path.parent / FOLDER
    target = folder / f"attestation-{code}.pdf"
    try:
        write_atomically(target, pdf)
    except OSError as error:
        notice = fix(
            f"Votre attestation est délivrée, mais le PDF n'a pas pu être enregistré dans « {folder} » "
            f"({os_error_in_french(error)}) : téléchargez-le avec le lien ci-dessous.")
        return Certificate(code, facts, pdf, None, notice)
    return Certificate(code, facts, pdf, target, None)


# --------------------------------------------------------------------------- the PDF


def _day(text: str) -> str:
    try:
        return format_date(date.fromisoformat(text))
    except ValueError:
        return text


def duration_phrase(seconds: int) -> str:
    """« au moins 2 h 05 min », or « moins d'une minute »."""
    shown = format_duration(seconds)
    return shown if seconds < 60 else f"au moins {shown}"


def _short_day(saved_at: str) -> str:
    """« 07/12/2026 » in the learner's time zone, "" when unreadable."""
    try:
        return datetime.fromisoformat(saved_at).astimezone().strftime("%d/%m/%Y")
    except (TypeError, ValueError):
        return ""


def chapter_lines(facts: Mapping[str, Any], *, long_dates: bool = False) -> list[tuple[str, str, str, str]]:
    """(N°, chapter, workshop verdict, quiz score) per certified chapter, in French."""
    day_of = format_saved_on if long_dates else _short_day
    rows = []
    for chapter in facts.get("chapters", []):
        days = sorted({day_of(str(step.get("saved_at", ""))) for step in chapter.get("steps", [])} - {""})
        workshop = "Réussi" + (f" le {' et le '.join(days)}" if days else "")
        quiz = chapter.get("quiz") or {}
        total = int(quiz.get("total") or 0)
        correct = int(quiz.get("correct") or 0)
        percent = round(100 * correct / total) if total else 0
        quiz_day = day_of(str(quiz.get("saved_at", "")))
        score = f"{correct}/{total} ({percent} %)" + (f" le {quiz_day}" if quiz_day else "")
        rows.append((str(chapter.get("number", "")), str(chapter.get("title", "")), fix(workshop), fix(score)))
    return rows


def certificate_pdf(facts: Mapping[str, Any], code: str) -> bytes:
    """The certificate as an A4 PDF in French (DejaVu Sans embedded: accents, « », any Latin name)."""
    FPDF = fpdf_class()  # imported when a certificate is made: the home page does not pay for it

    regular, bold = _font_paths()
    issued_on = date.fromisoformat(str(facts["issued_on"]))
    pdf = FPDF(orientation="portrait", unit="mm", format="A4")
    pdf.set_creation_date(datetime(issued_on.year, issued_on.month, issued_on.day, tzinfo=UTC))
    pdf.set_lang("fr-FR")
    pdf.set_title(f"{TITLE} — {facts['name']}")
    pdf.set_subject(f"{TITLE} du cours « {COURSE_TITLE} », code de vérification {code}")
    pdf.set_author(COURSE_TITLE)
    pdf.set_creator("influence_workbook.certificate")
    pdf.add_font("DejaVu", "", str(regular))
    pdf.add_font("DejaVu", "B", str(bold))
    pdf.set_margins(20, 14, 20)
    pdf.set_auto_page_break(True, margin=16)
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin

    def paragraph(text: str, size: float = 10.5, style: str = "", height: float = 5.4, align: str = "L",
                  after: float = 2.0) -> None:
        pdf.set_font("DejaVu", style, size)
        pdf.multi_cell(width, height, fix(text), align=align, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(after)

    pdf.set_text_color(55, 65, 81)
    paragraph(f"Cours « {COURSE_TITLE} »", size=10, align="C", after=4)
    pdf.set_text_color(30, 58, 138)
    paragraph(TITLE, size=24, style="B", height=11, align="C", after=4)
    pdf.set_text_color(17, 24, 39)
    paragraph("délivrée à", size=11, align="C", after=1)
    paragraph(str(facts["name"]), size=19, style="B", height=9, align="C", after=1)
    paragraph(f"le {_day(str(facts['issued_on']))}", size=11, align="C", after=5)
    paragraph(WHAT_IT_CERTIFIES, size=10, height=5)
    campaign = facts.get("campaign", {})
    own = "la campagne fil rouge du cours" if not campaign.get("id") else "sa propre campagne, décrite dans le cours"
    paragraph(f"Campagne travaillée dans les ateliers : {campaign.get('title', '')} ({own}).", size=10, height=5,
              after=3)

    pdf.set_font("DejaVu", "", 9)
    with pdf.table(col_widths=(9, 71, 44, 46), text_align=("CENTER", "LEFT", "LEFT", "LEFT"),
                   line_height=4.6, padding=1.2, first_row_as_headings=True) as table:
        table.row(["N°", "Chapitre", "Atelier", "Quiz"])
        for row in chapter_lines(facts):
            table.row(list(row))
    pdf.ln(1)
    paragraph("Quiz : questions justes du premier coup, sur le nombre de questions du quiz.", size=8, height=4,
              after=3)
    seconds = int(facts.get("active_seconds", 0))
    paragraph(f"Temps actif estimé : {duration_phrase(seconds)}.", size=10, style="B", height=5, after=0.5)
    paragraph(TIME_ON_CERTIFICATE, size=8, height=4, after=3)

    paragraph("Ce que cette attestation ne certifie pas", size=10.5, style="B", height=5, after=0.5)
    for line in WHAT_IT_DOES_NOT:
        paragraph(f"• {line}", size=9, height=4.4, after=0.4)
    pdf.ln(2.5)
    paragraph(f"Code de vérification : {code}", size=12, style="B", after=1)
    paragraph(HOW_TO_VERIFY, size=8, height=4, after=0)
    return bytes(pdf.output())


# --------------------------------------------------------------------------- verifying


@dataclass(frozen=True)
class Verification:
    valid: bool
    reasons: tuple[str, ...]  # why it is not valid, in French (empty when valid)
    facts: dict[str, Any] | None  # the certified facts, when the code is recorded

    def report(self, code: str) -> str:
        """The French text the command prints."""
        lines = []
        if self.valid:
            lines.append(f"Attestation valide : le code {code} correspond à ce fichier de progression.")
        else:
            lines.append(f"Attestation NON valide (code {code}) :")
            lines.extend(f"- {reason}" for reason in self.reasons)
        if self.facts is not None:
            facts = self.facts
            lines.append("")
            lines.append("Faits certifiés par ce code, à comparer avec le PDF :")
            lines.append(f"  Nom : {facts.get('name', '')}")
            lines.append(f"  Délivrée le : {_day(str(facts.get('issued_on', '')))}")
            lines.append(f"  Campagne : {facts.get('campaign', {}).get('title', '')}")
            for number, title, workshop, quiz in chapter_lines(facts, long_dates=True):
                lines.append(f"  Chapitre {number}, {title} : atelier {workshop.lower()} ; quiz {quiz}")
            lines.append(f"  Temps actif estimé : {duration_phrase(int(facts.get('active_seconds', 0)))}")
        return fix("\n".join(lines))


def _recorded_campaign(record: Mapping[str, Any]) -> Campaign:
    answer = record.get("campaign_answer")
    campaign = campaign_from_answer(answer) if isinstance(answer, Mapping) else None
    return campaign if campaign is not None else DEFAULT_CAMPAIGN


def _compare(certified: Mapping[str, Any], now: ChapterProgress) -> list[str]:
    """Why a certified chapter's facts no longer hold in the file (French), empty when they do."""
    where = f"chapitre {now.chapter.number} ({now.chapter.title})"
    reasons = []
    saved = {step.step: step for step in now.steps}
    for step in certified.get("steps", []):
        current = saved.get(str(step.get("step")))
        if current is None or current.state is StepState.NOT_STARTED:
            reasons.append(f"{where} : l'atelier n'est plus enregistré dans le fichier.")
        elif current.state is not StepState.PASSED:
            reasons.append(f"{where} : l'atelier n'est plus réussi dans le fichier.")
        elif current.saved_at != step.get("saved_at"):
            reasons.append(f"{where} : l'atelier a été enregistré de nouveau depuis la délivrance "
                           f"(le {format_saved_on(current.saved_at) or 'date illisible'}) : le fichier a changé.")
    quiz, recorded = now.quiz, certified.get("quiz") or {}
    if quiz is None:
        reasons.append(f"{where} : le quiz n'est plus enregistré dans le fichier.")
    elif (quiz.correct, quiz.total) != (recorded.get("correct"), recorded.get("total")):
        reasons.append(f"{where} : le score du quiz ne correspond plus (attestation : {recorded.get('correct')}/"
                       f"{recorded.get('total')}, fichier : {quiz.correct}/{quiz.total}).")
    elif not quiz.passed:
        reasons.append(f"{where} : le quiz n'est plus réussi dans le fichier.")
    elif quiz.saved_at != recorded.get("saved_at"):
        reasons.append(f"{where} : le quiz a été enregistré de nouveau depuis la délivrance : le fichier a changé.")
    return reasons


def verify_certificate(progress_file: Path | str, code_text: str) -> Verification:
    """Check ``code_text`` against the progress file (read from a copy: the file is never changed)."""
    path = Path(progress_file)
    code = normalize_code(code_text)
    if code is None:
        return Verification(False, (fix(f"« {code_text} » n'a pas la forme d'un code d'attestation "
                                        "(IW- suivi de 16 lettres et chiffres)."),), None)
    if not path.is_file():
        return Verification(False, (f"Fichier de progression introuvable : {path}.",), None)
    with tempfile.TemporaryDirectory(prefix="iw-verify-") as folder:
        copy = Path(folder) / path.name
        try:
            shutil.copyfile(path, copy)
        except OSError as error:
            return Verification(False, (f"Le fichier {path} ne peut pas être lu ({os_error_in_french(error)}).",),
                                None)
        store = ProgressStore(copy)
        records = store.records(SECTION)
        if store.notices:
            return Verification(False, (f"Le fichier de progression {path} est endommagé ou illisible : il ne peut "
                                        "pas servir à vérifier une attestation.",), None)
        record = next((r for r in records if normalize_code(str(r.get("code", ""))) == code), None)
        if record is None:
            return Verification(False, ("Code inconnu : aucune attestation portant ce code n'a été délivrée "
                                        "d'après ce fichier de progression.",), None)
        facts = record.get("facts")
        if not isinstance(facts, dict):
            return Verification(False, ("L'enregistrement de cette attestation dans le fichier est illisible.",), None)
        if certificate_code(facts) != code:
            return Verification(False, ("L'enregistrement de cette attestation a été modifié dans le fichier : "
                                        "ses faits ne donnent plus ce code.",), facts)
        campaign = _recorded_campaign(record)
        if campaign_id(campaign) != facts.get("campaign", {}).get("id"):
            return Verification(False, ("La campagne enregistrée avec cette attestation ne correspond plus à ses "
                                        "faits : le fichier a été modifié.",), facts)
        by_key = {chapter.key: chapter for chapter in CHAPTERS}
        certified = [c for c in facts.get("chapters", []) if isinstance(c, dict)]
        known: list[Chapter] = [by_key[str(c.get("key"))] for c in certified if str(c.get("key")) in by_key]
        if len(known) != len(certified) or not known:
            return Verification(False, ("Les chapitres de cette attestation ne sont pas ceux de ce cours.",), facts)
        course = course_progress(store, campaign, known)
        reasons = []
        for chapter_facts, now in zip(certified, course.chapters, strict=True):
            reasons.extend(_compare(chapter_facts, now))
        return Verification(not reasons, tuple(fix(reason) for reason in reasons), facts)


USAGE = fix(
    f"Utilisation : {VERIFY_COMMAND} <fichier de progression> <code>\n"
    "Vérifie une attestation de suivi à partir du fichier de progression de la personne "
    "(progression.json). Sortie 0 : attestation valide ; 1 : non valide (la raison est affichée)."
)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] in (["-h"], ["--help"], ["aide"]):
        print(USAGE)
        return 0
    if len(args) != 3 or args[0] not in {"verifier", "vérifier"}:
        print(USAGE, file=sys.stderr)
        return 2
    _command, progress_file, code = args
    verification = verify_certificate(progress_file, code)
    print(verification.report(normalize_code(code) or code))
    return 0 if verification.valid else 1


if __name__ == "__main__":
    sys.exit(main())
