"""The certificate of completion: issued only when every available chapter is complete, a French PDF
with the certified facts and a verification code, recorded in the progress file and verified from it."""

from __future__ import annotations

import errno
import json
import re
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from influence_workbook import certificate as cert
from influence_workbook import progress as progress_module
from influence_workbook.certificate import (
    CertificateRefused,
    certificate_code,
    clean_name,
    issue_certificate,
    main,
    normalize_code,
    verify_certificate,
)
from influence_workbook.progress import ProgressStore, os_error_in_french
from influence_workbook.quiz import load_quiz, needed_to_pass
from influence_workbook.widgets.campaign import choose_campaign
from pdf_reading import pdf_text
from test_course_progress import AVAILABLE, VELO, answer_quiz, complete, pass_workshop

DAY = date(2026, 12, 7)
FIRST_TOTAL = len(load_quiz(AVAILABLE[0].slug))
NAME = "Zoé L’Hôte-Müller"


@pytest.fixture
def store(tmp_path: Path) -> ProgressStore:
    return ProgressStore(tmp_path / "progression.json")


@pytest.fixture
def done(store: ProgressStore) -> ProgressStore:
    complete(store)
    return store


def flat(text: str) -> str:
    """Lines joined, spaces of every kind made ordinary: text wrapped in the PDF reads as one line."""
    return re.sub(r"[\s\u00a0\u202f]+", " ", text)


# --------------------------------------------------------------------------- issuing


def test_it_is_refused_with_what_is_left_while_a_chapter_is_not_complete(store: ProgressStore) -> None:
    complete(store, AVAILABLE[:-1])
    last = AVAILABLE[-1]
    pass_workshop(store, last)
    answer_quiz(store, last, wrong=3)
    with pytest.raises(CertificateRefused) as refused:
        issue_certificate(store, NAME, today=DAY)
    message = refused.value.message
    assert message.startswith("Votre attestation n'est pas encore disponible")
    assert "Il reste un chapitre à terminer" in message
    total = len(load_quiz(last.slug))
    assert refused.value.left == (f"Chapitre {last.number} ({last.title})\u00a0: le quiz ({total - 3}/{total}\u00a0: "
                                  f"il en faut {needed_to_pass(total)} justes du premier coup).",)
    assert not (store.path.parent / cert.FOLDER).exists()
    assert store.records(cert.SECTION) == []


def test_a_fresh_learner_is_told_every_chapter_is_left(store: ProgressStore) -> None:
    with pytest.raises(CertificateRefused) as refused:
        issue_certificate(store, NAME, today=DAY)
    assert f"Il reste {len(AVAILABLE)} chapitres à terminer" in refused.value.message
    assert len(refused.value.left) == len(AVAILABLE)


def test_an_issued_certificate_is_a_french_pdf_beside_the_progress_file(done: ProgressStore) -> None:
    issued = issue_certificate(done, NAME, today=DAY)
    assert re.fullmatch(r"IW(-[A-Z2-7]{4}){4}", issued.code)
    assert issued.notice is None
    assert issued.path == done.path.parent / "attestations" / f"attestation-{issued.code}.pdf"
    assert issued.path.read_bytes() == issued.pdf
    assert issued.pdf.startswith(b"%PDF-")
    text = flat(pdf_text(issued.pdf))
    for expected in ("Attestation de suivi", NAME, "le 7 décembre 2026", issued.code,
                     "Campagne travaillée dans les ateliers : « Rituel Avoine » de Sève",
                     "Temps actif estimé", "Ce que cette attestation ne certifie pas", "pas un diplôme",
                     "« Certificat de l'Influence Responsable » délivré par l'ARPP",
                     "L'identité n'a pas été vérifiée", "certifie que la personne nommée ci-dessus a terminé",
                     "python -m influence_workbook.certificate verifier"):
        assert expected in text, expected
    for chapter in AVAILABLE:
        assert chapter.title in text, chapter.title
    assert f"{FIRST_TOTAL}/{FIRST_TOTAL} (100 %)" in text and "Réussi le" in text


def test_the_issuance_is_recorded_once_with_the_facts_the_code_is_made_of(done: ProgressStore) -> None:
    first = issue_certificate(done, NAME, today=DAY)
    again = issue_certificate(done, f"  {NAME}  ", today=DAY)  # same facts: same code, not recorded twice
    assert again.code == first.code
    records = ProgressStore(done.path).records(cert.SECTION)
    assert len(records) == 1
    record = records[0]
    assert record["code"] == first.code and certificate_code(record["facts"]) == first.code
    facts = record["facts"]
    assert facts["name"] == NAME and facts["issued_on"] == "2026-12-07"
    assert facts["campaign"] == {"id": "", "title": "«\u00a0Rituel Avoine\u00a0» de Sève"}
    assert [c["key"] for c in facts["chapters"]] == [c.key for c in AVAILABLE]
    assert record["file"] == f"attestations/attestation-{first.code}.pdf"
    other = issue_certificate(done, "Camille Martin", today=DAY)
    assert other.code != first.code and len(done.records(cert.SECTION)) == 2


def test_an_own_campaign_certificate_names_it(store: ProgressStore) -> None:
    choose_campaign(store, VELO)
    complete(store)
    issued = issue_certificate(store, NAME, today=DAY)
    assert issued.facts["campaign"] == {"id": "velo-leman-printemps-cargo",
                                        "title": "«\u00a0Printemps cargo\u00a0» de Vélo Léman"}
    assert "« Printemps cargo » de Vélo Léman (sa propre campagne" in flat(pdf_text(issued.pdf))
    assert verify_certificate(store.path, issued.code).valid
    choose_campaign(store, None)  # back to Sève later: the certificate of the own campaign stays valid
    assert verify_certificate(store.path, issued.code).valid


# --------------------------------------------------------------------------- the name


@pytest.mark.parametrize(("name", "printed"), [
    ("Zoé L’Hôte-Müller", "Zoé L’Hôte-Müller"),
    ("  Jean   Dupont\u00a0", "Jean Dupont"),
    ("Łukasz Żółć", "Łukasz Żółć"),
    ("Мария Иванова", "Мария Иванова"),
    ("Jean-Marc N. d'Arc", "Jean-Marc N. d'Arc"),
    ("Zoe\u0301", "Zoé"),  # decomposed accent: printed composed
])
def test_names_are_printed_tidied(name: str, printed: str) -> None:
    assert clean_name(name) == printed


@pytest.mark.parametrize(("name", "said"), [
    ("", "Saisissez le nom"),
    ("   ", "Saisissez le nom"),
    (None, "Saisissez le nom"),
    (42, "Saisissez le nom"),
    ("<script>alert(1)</script>", "retirez «\u00a0<\u00a0», «\u00a0>\u00a0», «\u00a0(\u00a0»"),
    ("Zoé 🌱", "retirez «\u00a0🌱\u00a0»"),
    ("Jean\u200bDupont", "un caractère invisible"),
    ("X" * 81, "trop long (81 caractères)\u00a0: 80 au plus"),
    ("---", "en lettres"),
    ("山田太郎", "La police de l'attestation ne sait pas écrire"),
])
def test_a_name_that_cannot_be_printed_gets_a_french_message(done: ProgressStore, name: Any, said: str) -> None:
    with pytest.raises(CertificateRefused) as refused:
        issue_certificate(done, name, today=DAY)
    assert said in refused.value.message
    assert done.records(cert.SECTION) == []


def test_a_long_name_is_printed_whole(done: ProgressStore) -> None:
    name = "Marie-Ange Clémentine Éléonore de La Tour d'Auvergne-Lauraguais de Saint-Exupéry"
    assert len(name) <= cert.MAX_NAME_CHARS
    issued = issue_certificate(done, name, today=DAY)
    assert name in flat(pdf_text(issued.pdf))  # wrapped between words if it must, never cut


# --------------------------------------------------------------------------- folders that refuse


def test_a_folder_that_refuses_the_pdf_still_offers_it_with_a_french_notice(done: ProgressStore) -> None:
    (done.path.parent / "attestations").write_text("a file where the folder should be")
    issued = issue_certificate(done, NAME, today=DAY)
    assert issued.path is None and issued.pdf.startswith(b"%PDF")
    assert issued.notice is not None
    reason = os_error_in_french(FileExistsError(errno.EEXIST, "exists"))
    assert f"({reason})" in issued.notice and "téléchargez-le avec le lien ci-dessous" in issued.notice
    assert verify_certificate(done.path, issued.code).valid  # the issuance was recorded all the same


def test_a_progress_file_that_cannot_be_written_refuses_the_issuance(
        done: ProgressStore, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(ProgressStore, "_write_bytes", staticmethod(full))
    with pytest.raises(CertificateRefused) as refused:
        issue_certificate(done, NAME, today=DAY)
    assert "n'a pas été délivrée" in refused.value.message and "(disque plein)" in refused.value.message
    assert not (done.path.parent / "attestations").exists()


def test_a_progress_file_of_a_newer_version_is_never_written_over(done: ProgressStore) -> None:
    document = json.loads(done.path.read_text(encoding="utf-8"))
    document["version"] = 99
    done.path.write_text(json.dumps(document), encoding="utf-8")
    before = done.path.read_bytes()
    with pytest.raises(CertificateRefused):
        issue_certificate(ProgressStore(done.path), NAME, today=DAY)
    assert done.path.read_bytes() == before


# --------------------------------------------------------------------------- verifying


def test_a_valid_code_is_confirmed_with_the_facts(done: ProgressStore, capsys: pytest.CaptureFixture[str]) -> None:
    issued = issue_certificate(done, NAME, today=DAY)
    typed = issued.code.lower().replace("-", " ").replace("o", "0")  # as a person might type it
    assert main(["verifier", str(done.path), typed]) == 0
    out = flat(capsys.readouterr().out)
    assert f"Attestation valide : le code {issued.code} correspond à ce fichier de progression." in out
    assert f"Nom : {NAME}" in out and "Délivrée le : 7 décembre 2026" in out
    assert "Chapitre 1, Un objectif flou : atelier réussi le" in out
    assert f"quiz {FIRST_TOTAL}/{FIRST_TOTAL} (100 %)" in out


def edit(path: Path, change: Any) -> None:
    document = json.loads(path.read_text(encoding="utf-8"))
    change(document)
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")


def test_editing_a_quiz_answer_in_the_file_makes_the_code_fail(
        done: ProgressStore, capsys: pytest.CaptureFixture[str]) -> None:
    issued = issue_certificate(done, NAME, today=DAY)
    chapter = AVAILABLE[0]

    def miss_first_question(document: dict[str, Any]) -> None:
        question = document["steps"][f"{chapter.key}/quiz"]["answer"]["questions"][0]
        question["picked"] = ["an answer that is not in the quiz"]

    edit(done.path, miss_first_question)
    assert main(["verifier", str(done.path), issued.code]) == 1
    out = flat(capsys.readouterr().out)
    assert f"Attestation NON valide (code {issued.code})" in out
    assert ("chapitre 1 (Un objectif flou) : le score du quiz ne correspond plus (attestation : "
            f"{FIRST_TOTAL}/{FIRST_TOTAL}, fichier : {FIRST_TOTAL - 1}/{FIRST_TOTAL})") in out


def test_a_workshop_saved_again_or_failed_since_is_said(done: ProgressStore, monkeypatch: pytest.MonkeyPatch) -> None:
    issued = issue_certificate(done, NAME, today=DAY)
    monkeypatch.setattr(progress_module, "_now", lambda: "2031-01-02T10:00:00+00:00")  # a later save, surely
    pass_workshop(done, AVAILABLE[1])
    verification = verify_certificate(done.path, issued.code)
    assert not verification.valid
    assert verification.reasons == ("chapitre 2 (Mal choisir son influenceur)\u00a0: l'atelier a été enregistré de "
                                    f"nouveau depuis la délivrance (le {verification_day(done)})\u00a0: le fichier "
                                    "a changé.",)
    pass_workshop(done, AVAILABLE[2], ok=False)
    reasons = verify_certificate(done.path, issued.code).reasons
    assert any("chapitre 3" in r and "l'atelier n'est plus réussi" in r for r in reasons)


def verification_day(store: ProgressStore) -> str:
    from influence_workbook.course_progress import format_saved_on

    saved = store.get(AVAILABLE[1].key, AVAILABLE[1].steps[0])
    assert saved is not None
    return format_saved_on(saved.saved_at)


def test_editing_the_record_itself_breaks_the_code(done: ProgressStore) -> None:
    issued = issue_certificate(done, NAME, today=DAY)

    def rename(document: dict[str, Any]) -> None:
        document["certificates"][0]["facts"]["name"] = "Quelqu'un d'autre"

    edit(done.path, rename)
    verification = verify_certificate(done.path, issued.code)
    assert not verification.valid and "ses faits ne donnent plus ce code" in verification.reasons[0]


def test_unknown_malformed_and_missing(done: ProgressStore, tmp_path: Path) -> None:
    issued = issue_certificate(done, NAME, today=DAY)
    other = "IW-AAAA-AAAA-AAAA-AAAA" if issued.code != "IW-AAAA-AAAA-AAAA-AAAA" else "IW-BBBB-AAAA-AAAA-AAAA"
    assert verify_certificate(done.path, other).reasons == (
        "Code inconnu : aucune attestation portant ce code n'a été délivrée d'après ce fichier de progression.",)
    assert "n'a pas la forme d'un code" in verify_certificate(done.path, "1234").reasons[0]
    missing = verify_certificate(tmp_path / "absent.json", issued.code)
    assert not missing.valid and "introuvable" in missing.reasons[0]


def test_verifying_a_damaged_file_reports_it_and_changes_nothing(done: ProgressStore) -> None:
    issue_certificate(done, NAME, today=DAY)
    done.path.write_bytes(b'{"format": "influence-workbook/progress", "steps": [oops')
    before = sorted(p.name for p in done.path.parent.iterdir())
    verification = verify_certificate(done.path, "IW-AAAA-AAAA-AAAA-AAAA")
    assert not verification.valid and "endommagé ou illisible" in verification.reasons[0]
    assert sorted(p.name for p in done.path.parent.iterdir()) == before
    assert done.path.read_bytes().endswith(b"[oops")


@pytest.mark.parametrize(("typed", "code"), [
    ("IW-ABCD-EFGH-IJKL-MNOP", "IW-ABCD-EFGH-IJKL-MNOP"),
    ("iw abcd efgh ijkl mnop", "IW-ABCD-EFGH-IJKL-MNOP"),
    ("ABCDEFGHIJKLMN0P", "IW-ABCD-EFGH-IJKL-MNOP"),
    ("IW-ABCD-EFGH-IJKL", None),
    ("IW-ABCD-EFGH-IJKL-MNO9", None),
    ("", None),
])
def test_codes_are_read_as_people_type_them(typed: str, code: str | None) -> None:
    assert normalize_code(typed) == code


def test_the_command_line_speaks_french_and_exits_as_documented(done: ProgressStore) -> None:
    issued = issue_certificate(done, NAME, today=DAY)
    command = [sys.executable, "-m", "influence_workbook.certificate", "verifier", str(done.path)]
    ok = subprocess.run([*command, issued.code], capture_output=True, text=True, timeout=60, check=False)
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.startswith("Attestation valide") and ok.stderr == ""
    wrong = subprocess.run([*command, "IW-AAAA-AAAA-AAAA-AAAB"], capture_output=True, text=True, timeout=60,
                           check=False)
    assert wrong.returncode == 1 and "Code inconnu" in wrong.stdout and "Traceback" not in wrong.stderr
    usage = subprocess.run([sys.executable, "-m", "influence_workbook.certificate"], capture_output=True, text=True,
                           timeout=60, check=False)
    assert usage.returncode == 2 and usage.stderr.startswith("Utilisation")


def test_without_the_pdf_library_or_its_fonts_the_certificate_is_refused_in_french_and_not_recorded(
    done: ProgressStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The online course (Pyodide) has no matplotlib, hence no DejaVu fonts unless its wheel ships them.
    monkeypatch.setattr(cert, "pdf_available", lambda: False)
    with pytest.raises(CertificateRefused) as refused:
        issue_certificate(done, NAME, today=DAY)
    assert str(refused.value) == cert.CERTIFICATE_UNAVAILABLE
    assert "version en ligne du cours\u00a0:" in cert.CERTIFICATE_UNAVAILABLE
    assert done.records(cert.SECTION) == [] and not (done.path.parent / "attestations").exists()


def test_the_pdf_fonts_shipped_in_the_package_are_used_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from influence_workbook import optional

    package = tmp_path / "influence_workbook"
    (package / "resources" / "fonts").mkdir(parents=True)
    for source in optional.pdf_fonts():
        (package / "resources" / "fonts" / source.name).write_bytes(source.read_bytes())
    monkeypatch.setattr(optional, "__file__", str(package / "optional.py"))
    optional.pdf_fonts.cache_clear()
    try:
        assert optional.pdf_fonts() == tuple(package / "resources" / "fonts" / name for name in optional.FONT_FILES)
        assert optional.pdf_available()
    finally:
        optional.pdf_fonts.cache_clear()
