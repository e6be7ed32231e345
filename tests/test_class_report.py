"""The class report (issue 25): every file read and accounted for, tampered ones flagged, first-attempt
statistics right, spreadsheets that cannot run a formula, an HTML page that loads nothing."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from influence_workbook import class_report
from influence_workbook.class_export import encode, export_document, sign
from influence_workbook.class_report import (
    COUNTED,
    FLAGGED,
    STATE_WORDS,
    build_report,
    main,
    safe_cell,
    write_report,
)
from influence_workbook.class_sample import DocumentStore, SimulatedClass, write_simulated_class
from influence_workbook.progress import FIRST_ATTEMPTS, FORMAT, VERSION
from influence_workbook.quiz import QUIZ_STEP, load_quiz

KEY = "cle-de-la-classe-des-tests"
NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def simulated(tmp_path_factory: pytest.TempPathFactory) -> SimulatedClass:
    return write_simulated_class(tmp_path_factory.mktemp("classe") / "exports", 200, key=KEY)


@pytest.fixture(scope="module")
def written(simulated: SimulatedClass, tmp_path_factory: pytest.TempPathFactory) -> class_report.Written:
    return write_report([simulated.folder], tmp_path_factory.mktemp("rapport"), KEY, now=NOW)


def name_of(source: str) -> str:
    return source.rsplit("/", 1)[-1]


# --------------------------------------------------------------------------- every file accounted for


def test_every_file_of_the_simulated_class_is_listed_with_the_state_it_must_have(
        simulated: SimulatedClass, written: class_report.Written) -> None:
    on_disk = sorted(path.name for path in simulated.folder.iterdir())
    listed = sorted(name_of(read.source) for read in written.report.files)
    assert listed == on_disk, "no file lost, none counted twice"
    states = {name_of(read.source): read.state for read in written.report.files}
    assert states == simulated.expected
    assert sum(state == "bad-signature" for state in states.values()) >= 5
    assert {"signed", "unsigned", "other-key", "superseded", "duplicate", "unreadable"} <= set(states.values())


def test_flagged_files_are_shown_apart_and_left_out_of_the_statistics(
        simulated: SimulatedClass, written: class_report.Written) -> None:
    report = written.report
    flagged = [read for read in report.files if read.state in FLAGGED]
    assert flagged and all(read.learner is not None for read in flagged)
    page = written.html.read_text(encoding="utf-8")
    section = page.split("Fichiers à vérifier", 1)[1].split("<h2>", 1)[0]
    for read in flagged:
        assert read.learner is not None
        assert f"{read.learner.name}" in section.replace("&#x27;", "'")
        assert read.learner not in report.counted
    counted_names = {learner.name for learner in report.counted}
    expected = {simulated.names[name] for name, state in simulated.expected.items() if state in COUNTED}
    assert counted_names == expected
    assert all(read.reason for read in report.files if read.state not in {"signed", "unsigned"})


def test_unreadable_files_say_why_in_french(written: class_report.Written) -> None:
    reasons = {name_of(read.source): read.reason for read in written.report.files if read.state == "unreadable"}
    assert reasons["vide.json"] == "fichier vide"
    assert "PDF" in reasons["attestation.pdf"]
    assert "pas du JSON" in reasons["notes.txt"]
    assert "fichier de progression lui-même" in reasons["progression.json"]
    assert next(reason for name, reason in reasons.items() if name.startswith("tronque-")).startswith("JSON invalide")


def test_missing_paths_empty_folders_and_zip_archives_are_read_or_listed(tmp_path: Path) -> None:
    store = DocumentStore(_document({"ch01/objective": (["goal"], ["kpi"])}))
    export = encode(export_document(store, "Camille Martin", class_key=KEY, now=NOW))
    with zipfile.ZipFile(tmp_path / "depots.zip", "w") as archive:
        archive.writestr("Camille Martin_123/progression-camille.json", export)
        archive.writestr("Lou Bernard_124/notes.txt", "rien")
    (tmp_path / "vide").mkdir()
    (tmp_path / "abime.zip").write_bytes(b"PK\x03\x04 not really a zip")
    report = build_report([tmp_path / "depots.zip", tmp_path / "vide", tmp_path / "absent.json",
                           tmp_path / "abime.zip"], KEY)
    states = {read.source.rsplit("/", 1)[-1]: (read.state, read.reason) for read in report.files}
    assert states["progression-camille.json"][0] == "signed"
    assert states["notes.txt"][0] == "unreadable"
    assert states["vide"] == ("unreadable", "dossier vide\u00a0: aucun fichier à lire")
    assert states["absent.json"] == ("unreadable", "introuvable")
    assert states["abime.zip"][0] == "unreadable"
    assert len(report.files) == 5


# --------------------------------------------------------------------------- the statistics


def _document(first: dict[str, tuple[list[str], list[str]]], quiz: dict[str, list[int]] | None = None
              ) -> dict[str, object]:
    """A progress document whose steps passed, with the given first attempts (ok, failed) and quiz picks."""
    steps: dict[str, object] = {}
    attempts: dict[str, object] = {}
    for key, (ok, failed) in first.items():
        items = [{"criterion": c, "label": c.upper(), "ok": True, "message": "ok", "read_more": None}
                 for c in ok + failed]
        steps[key] = {"answer": "x", "feedback": {"check": "check_x", "items": items, "summary": "ok", "tips": []},
                      "saved_at": "2026-12-01T10:00:00+00:00"}
        attempts[key] = {"saved_at": "2026-12-01T09:00:00+00:00", "check": "check_x", "passed": not failed,
                         "ok": ok, "failed": failed}
    for chapter_key, wrong in (quiz or {}).items():
        questions = load_quiz("01_objectif_flou" if chapter_key == "ch01" else "02_mauvais_influenceur")
        saved = []
        for index, question in enumerate(questions):
            right = [i for i, a in enumerate(question["answers"]) if a.get("correct") is True]
            wrong_pick = [next(i for i in range(len(question["answers"])) if i not in right)]
            picked = right if index not in wrong else wrong_pick
            saved.append({"key": _key(question), "picked": [question["answers"][i]["answer"] for i in picked],
                          "right": index not in wrong})
        steps[f"{chapter_key}/{QUIZ_STEP}"] = {"answer": {"attempt": 1, "questions": saved}, "feedback": None,
                                               "saved_at": "2026-12-01T11:00:00+00:00"}
    return {"format": FORMAT, "version": VERSION, "steps": steps, FIRST_ATTEMPTS: attempts}


def _key(question: dict[str, object]) -> str:
    from influence_workbook.quiz import question_key

    return question_key(question)


def _write(folder: Path, name: str, document: dict[str, object], key: str | None = KEY) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    export = export_document(DocumentStore(document), name, class_key=key, now=NOW)
    path = folder / f"{name.replace(' ', '-').lower()}.json"
    path.write_bytes(encode(export))
    return path


def test_the_share_failed_at_the_first_attempt_is_counted_per_criterion(tmp_path: Path) -> None:
    _write(tmp_path, "Ana Roux", _document({"ch01/objective": (["goal", "kpi"], ["deadline"])}))
    _write(tmp_path, "Ben Favre", _document({"ch01/objective": (["goal"], ["kpi", "deadline"]),
                                             "ch02/shortlist": (["count"], [])}))
    _write(tmp_path, "Cléo Petit", _document({"ch01/objective": (["goal", "kpi", "deadline"], [])}))
    # An earlier attempt on the learner's own campaign is the first one.
    own = _document({"ch01/objective": (["goal", "kpi", "deadline"], [])})
    own[FIRST_ATTEMPTS]["ch01@velo-leman/objective"] = {  # type: ignore[index]
        "saved_at": "2026-11-01T09:00:00+00:00", "check": "check_x", "passed": False, "ok": ["kpi", "deadline"],
        "failed": ["goal"]}
    _write(tmp_path, "Dan Keller", own)
    report = build_report([tmp_path], KEY)
    shares = {(s.chapter.key, s.criterion): (s.failed, s.judged) for s in report.criteria}
    assert shares[("ch01", "deadline")] == (2, 4)
    assert shares[("ch01", "kpi")] == (1, 4)
    assert shares[("ch01", "goal")] == (1, 4)
    assert shares[("ch02", "count")] == (0, 1)
    assert report.criteria[0].criterion == "deadline", "the most failed criterion comes first"
    assert next(s for s in report.criteria if s.criterion == "kpi").label == "KPI", "labels come from the verdicts"


def test_a_file_from_before_first_attempts_were_recorded_is_counted_as_unknown(tmp_path: Path) -> None:
    document = _document({"ch01/objective": (["goal"], [])})
    del document[FIRST_ATTEMPTS]
    _write(tmp_path, "Ana Roux", document)
    report = build_report([tmp_path], KEY)
    assert report.criteria == [] and report.first_unknown == {("ch01", "objective"): 1}
    assert "Premier essai inconnu" in class_report.render_html(report, class_report.tables(report), NOW)


def test_quiz_questions_are_scored_against_the_quiz_not_the_files_right_flag(tmp_path: Path) -> None:
    _write(tmp_path, "Ana Roux", _document({}, {"ch01": [0, 2]}))
    _write(tmp_path, "Ben Favre", _document({}, {"ch01": [0]}))
    report = build_report([tmp_path], KEY)
    by_number = {s.number: (s.wrong, s.answered) for s in report.questions if s.chapter.key == "ch01"}
    assert by_number[1] == (2, 2) and by_number[3] == (1, 2) and by_number[2] == (0, 2)


def test_the_latest_export_of_a_learner_is_the_one_counted(tmp_path: Path) -> None:
    older = export_document(DocumentStore(_document({"ch01/objective": ([], ["goal"])})), "Ana Roux", class_key=KEY,
                            now=datetime(2026, 11, 1, tzinfo=UTC))
    (tmp_path / "a.json").write_bytes(encode(older))
    _write(tmp_path, "ana  ROUX", _document({"ch01/objective": (["goal"], [])}))
    report = build_report([tmp_path], KEY)
    states = {read.source.rsplit("/", 1)[-1]: read.state for read in report.files}
    assert states == {"a.json": "superseded", "ana--roux.json": "signed"}
    assert [learner.name for learner in report.counted] == ["ana ROUX"]


def test_without_a_key_signatures_are_not_verified_and_the_page_says_so(tmp_path: Path) -> None:
    _write(tmp_path, "Ana Roux", _document({}))
    _write(tmp_path, "Ben Favre", _document({}), key=None)
    report = build_report([tmp_path], None)
    assert sorted(read.state for read in report.files) == ["no-key", "unsigned"]
    assert "Aucune clé de classe" in class_report.render_html(report, class_report.tables(report), NOW)


# --------------------------------------------------------------------------- outputs


HOSTILE = ["=HYPERLINK(\"http://x.invalid\",\"clic\")", "+33 6 12", "-2+3", "@SUM(A1)", "\tcmd tab", "\rcmd cr"]


def _hostile_class(folder: Path) -> None:
    """Signed files whose texts a spreadsheet could run (made by someone holding the key, by hand)."""
    for number, text in enumerate(HOSTILE):
        document = json.loads(encode(export_document(DocumentStore(_document({})), f"Nom {'abcdefgh'[number]}",
                                                     class_key=KEY, now=NOW)))
        document["name"] = text
        document["campaign"]["title"] = text
        sign(document, KEY)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"hostile-{number}.json").write_bytes(encode(document))
    document = json.loads(encode(export_document(DocumentStore(_document({})), "Nom", class_key=KEY, now=NOW)))
    document["name"] = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    sign(document, KEY)
    (folder / "html.json").write_bytes(encode(document))


def test_no_cell_of_the_csv_or_xlsx_can_start_a_formula(tmp_path: Path) -> None:
    _hostile_class(tmp_path / "exports")
    written = write_report([tmp_path / "exports"], tmp_path / "rapport", KEY, now=NOW)
    assert {read.state for read in written.report.files} == {"signed"}
    for path in written.csv:
        raw = path.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), f"{path.name}: BOM for spreadsheets"
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
        for row in rows:
            for cell in row:
                assert not cell.startswith(tuple(class_report.FORMULA_STARTS)), (path.name, cell)
    names = [row[0] for row in csv.reader(io.StringIO((tmp_path / "rapport" / "rapport-classe-apprenants.csv")
                                                       .read_text(encoding="utf-8-sig")), delimiter=";")][1:]
    assert "'=HYPERLINK(\"http://x.invalid\",\"clic\")" in names and "'+33 6 12" in names
    workbook = load_workbook(written.xlsx)
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(tuple(class_report.FORMULA_STARTS)), (sheet.title, cell.value)


def test_the_page_escapes_every_text_and_loads_nothing(tmp_path: Path) -> None:
    _hostile_class(tmp_path / "exports")
    written = write_report([tmp_path / "exports"], tmp_path / "rapport", KEY, now=NOW)
    page = written.html.read_text(encoding="utf-8")
    assert "<script" not in page and "<img" not in page and "&lt;script&gt;" in page
    assert not re.search(r"""\b(src|href)\s*=\s*["']?(https?:)?//""", page), "nothing fetched from another host"
    assert "@import" not in page and "url(" not in page


def test_csv_numbers_use_a_decimal_comma_and_xlsx_keeps_numbers_as_numbers(written: class_report.Written) -> None:
    text = (written.html.parent / "rapport-classe-criteres.csv").read_text(encoding="utf-8-sig")
    header, first = text.splitlines()[:2]
    assert header.split(";")[-1] == "Part échouée (%)"
    assert re.fullmatch(r"\d{1,3},\d", first.split(";")[-1])
    sheet = load_workbook(written.xlsx)["Critères"]
    share = sheet.cell(row=2, column=9)
    assert isinstance(share.value, float) and 0 <= share.value <= 1 and "%" in share.number_format
    assert isinstance(sheet.cell(row=2, column=7).value, int)


def test_the_page_has_its_charts_and_tables(written: class_report.Written) -> None:
    page = written.html.read_text(encoding="utf-8")
    assert page.count("<svg") == 3 and 'lang="fr"' in page
    for title in ("Avancement par chapitre", "Qui a terminé quoi", "Quiz", "À retravailler", "Fichiers lus"):
        assert title in page
    assert all(word in page for word in (STATE_WORDS["bad-signature"].replace("'", "&#x27;"),))


def test_safe_cell_neutralises_only_text() -> None:
    assert safe_cell("=1+1") == "'=1+1" and safe_cell("-x") == "'-x" and safe_cell("ok") == "ok"
    assert safe_cell(-3) == -3 and safe_cell("a\x00b") == "ab"


# --------------------------------------------------------------------------- the command


def test_the_command_prints_a_french_summary_and_writes_the_report(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("INFLUENCE_WORKBOOK_CLASS_KEY", raising=False)
    _write(tmp_path / "exports", "Ana Roux", _document({}))
    (tmp_path / "exports" / "casse.json").write_text("{", encoding="utf-8")
    assert main([str(tmp_path / "exports"), "--out", str(tmp_path / "rapport"), "--cle", KEY]) == 0
    out = capsys.readouterr().out
    assert "2 fichier(s) lu(s), 1 apprenant(s)" in out and "casse.json" in out and "illisible" in out
    assert (tmp_path / "rapport" / "rapport-classe.html").is_file()
    assert main([]) == 2
    assert main([str(tmp_path / "exports"), "--cle", "court"]) == 2
    assert "trop courte" in capsys.readouterr().err
    assert main(["cle"]) == 0
    assert re.search(r"Nouvelle clé de classe\u00a0: [a-z2-7]{4}(-[a-z2-7]{4}){4}", capsys.readouterr().out)


def test_each_chapter_gets_the_guides_level(tmp_path: Path) -> None:
    _write(tmp_path, "Ana Roux", _document({"ch01/objective": (["goal", "kpi"], [])}, {"ch01": []}))
    _write(tmp_path, "Ben Favre", _document({"ch01/objective": (["goal"], ["kpi"])}, {"ch01": []}))
    _write(tmp_path, "Cléo Petit", _document({"ch01/objective": (["goal"], ["kpi"])}))
    report = build_report([tmp_path], KEY)
    detail = next(table for table in class_report.tables(report) if table.name == "detail")
    levels = {(row[0], row[2]): (row[-2], row[-1]) for row in detail.rows}
    assert levels[("Ana Roux", 1)] == ("2/2", "4 · maîtrisé")
    assert levels[("Ben Favre", 1)] == ("1/2", "3 · acquis")
    assert levels[("Cléo Petit", 1)] == ("1/2", "2 · en cours d'acquisition")
    assert levels[("Ana Roux", 2)] == ("—", "1 · non commencé")
