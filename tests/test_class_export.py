"""« Exporter ma progression » (issue 25): one file per learner, signed with the class key, read back intact."""

from __future__ import annotations

import base64
import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from influence_workbook import class_export
from influence_workbook.certificate import issue_certificate
from influence_workbook.class_export import (
    CLASS_KEY_VARIABLE,
    ExportRefused,
    clean_class_key,
    export_document,
    export_progress,
    key_fingerprint,
    new_class_key,
    signature_state,
)
from influence_workbook.feedback import Feedback, FeedbackItem
from influence_workbook.progress import ProgressStore
from influence_workbook.widgets.export import EXPORT_FALLBACK, ExportPanel
from test_course_progress import AVAILABLE, answer_quiz, complete, pass_workshop

KEY = "cle-de-la-classe-bachelor-2026"
NOW = datetime(2026, 12, 7, 9, 30, tzinfo=UTC)


@pytest.fixture(autouse=True)
def no_server_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(CLASS_KEY_VARIABLE, raising=False)


@pytest.fixture
def store(tmp_path: Path) -> ProgressStore:
    return ProgressStore(tmp_path / "progression.json")


def read_back(payload: bytes) -> dict[str, object]:
    document = json.loads(payload.decode("utf-8"))
    assert isinstance(document, dict)
    return document


def test_the_export_holds_name_progress_quizzes_certificates_and_date(store: ProgressStore) -> None:
    complete(store)
    certificate = issue_certificate(store, "Zoé L’Hôte-Müller")
    export = export_progress(store, "  Zoé   L’Hôte-Müller ", class_key=KEY, now=NOW)
    document = read_back(export.payload)
    assert document["format"] == class_export.EXPORT_FORMAT
    assert document["name"] == "Zoé L’Hôte-Müller"
    assert document["exported_at"] == "2026-12-07T09:30:00+00:00"
    assert document["progress"] == store.load()
    assert [c["code"] for c in document["certificates"]] == [certificate.code]  # type: ignore[index]
    assert [q["chapter"] for q in document["quizzes"]] == [c.key for c in AVAILABLE]  # type: ignore[index]
    assert all(q["passed"] for q in document["quizzes"])  # type: ignore[index]
    assert document["complete"] is True
    assert [c["complete"] for c in document["chapters"]] == [True] * len(AVAILABLE)  # type: ignore[index]
    assert export.file_name == "progression-zoe-l-hote-muller-2026-12-07.json"
    assert export.path is not None and export.path.read_bytes() == export.payload
    assert export.path.parent == store.path.parent / class_export.EXPORT_FOLDER


def test_a_signed_export_reads_back_as_signed_and_any_edit_is_caught(store: ProgressStore) -> None:
    pass_workshop(store, AVAILABLE[0])
    answer_quiz(store, AVAILABLE[0], wrong=3)
    document = read_back(export_progress(store, "Camille Martin", class_key=KEY, now=NOW).payload)
    assert signature_state(document, KEY) == "signed"
    assert document["signature"]["key_id"] == key_fingerprint(KEY)  # type: ignore[index]
    assert signature_state(document, "une-autre-cle-de-classe") == "other-key"
    assert signature_state(document, None) == "no-key"
    edited = json.loads(json.dumps(document))
    edited["quizzes"][0]["correct"] = 7
    assert signature_state(edited, KEY) == "bad-signature"
    renamed = json.loads(json.dumps(document))
    renamed["name"] = "Camille Martine"
    assert signature_state(renamed, KEY) == "bad-signature"
    deep = json.loads(json.dumps(document))
    step = next(iter(deep["progress"]["steps"].values()))
    step["feedback"]["items"][0]["ok"] = not step["feedback"]["items"][0]["ok"]
    assert signature_state(deep, KEY) == "bad-signature"
    unsigned = json.loads(json.dumps(document))
    del unsigned["signature"]
    assert signature_state(unsigned, KEY) == "unsigned"


def test_without_a_key_the_file_is_marked_unsigned(store: ProgressStore) -> None:
    export = export_progress(store, "Camille Martin", now=NOW)
    assert not export.signed
    document = read_back(export.payload)
    assert document["signature"] == {"algorithm": None, "key_id": None, "value": None}
    assert signature_state(document, KEY) == "unsigned"


def test_the_server_key_signs_when_the_learner_types_none(store: ProgressStore,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CLASS_KEY_VARIABLE, f"  {KEY}\n")
    export = export_progress(store, "Camille Martin", class_key="", now=NOW)
    assert signature_state(read_back(export.payload), KEY) == "signed"
    panel = ExportPanel(store)
    assert panel.key.layout.display == "none"
    assert "fournie par le serveur" in panel.key_help.value


def test_answers_json_cannot_hold_as_such_still_give_a_valid_signature(store: ProgressStore) -> None:
    odd = {"text": "Émoji 🎉, moitié \ud83c, <b>gras</b>", "huge": 10**30, "ratio": 0.1 + 0.2,
           "nan": float("nan"), "tuple": (1, 2)}
    store.save("ch01", "objective", odd, Feedback("objective", (FeedbackItem("kpi", "KPI", True, "Bien."),), "Ok."))
    export = export_progress(store, "Camille Martin", class_key=KEY, now=NOW)
    document = read_back(export.payload)
    assert signature_state(document, KEY) == "signed"
    assert document["progress"]["steps"]["ch01/objective"]["answer"]["huge"] == 10**30  # type: ignore[index]


def test_the_export_changes_nothing_in_the_progress_file(store: ProgressStore) -> None:
    complete(store, AVAILABLE[:2])
    before = store.path.read_bytes()
    export_progress(store, "Camille Martin", class_key=KEY, now=NOW)
    assert store.path.read_bytes() == before


@pytest.mark.parametrize(("name", "said"), [
    ("", "Saisissez votre nom"),
    ("   ", "Saisissez votre nom"),
    (None, "Saisissez votre nom"),
    ("x" * 81, "trop long"),
    ("<script>alert(1)</script>", "retirez"),
    ("=HYPERLINK(\"http://x\")", "retirez"),
    ("Camille 🎉", "retirez"),
    ("...", "en lettres"),
])
def test_a_bad_name_gets_a_french_message(store: ProgressStore, name: object, said: str) -> None:
    with pytest.raises(ExportRefused) as refused:
        export_progress(store, name, class_key=KEY)
    assert said in refused.value.message


def test_a_key_too_short_is_refused_an_empty_one_means_unsigned() -> None:
    with pytest.raises(ExportRefused, match="trop courte"):
        clean_class_key("abc")
    with pytest.raises(ExportRefused, match="trop longue"):
        clean_class_key("k" * 201)
    assert clean_class_key("   ") is None
    assert clean_class_key(None) is None
    key = new_class_key()
    assert re.fullmatch(r"[a-z2-7]{4}(-[a-z2-7]{4}){4}", key) and clean_class_key(key) == key


def test_a_folder_that_refuses_the_file_still_offers_the_download(tmp_path: Path) -> None:
    (tmp_path / class_export.EXPORT_FOLDER).write_text("a file where the folder should be", encoding="utf-8")
    store = ProgressStore(tmp_path / "progression.json")
    export = export_progress(store, "Camille Martin", class_key=KEY, now=NOW)
    assert export.path is None and export.notice is not None and "téléchargez-le" in export.notice
    assert signature_state(read_back(export.payload), KEY) == "signed"


def test_the_panel_offers_the_file_and_says_whether_it_is_signed(store: ProgressStore) -> None:
    complete(store)
    issue_certificate(store, "Zoé L’Hôte-Müller")
    panel = ExportPanel(store)
    assert panel.name.value == "Zoé L’Hôte-Müller", "the name of the last certificate is offered"
    panel.key.value = KEY
    export = panel.export()
    assert export is not None and export.signed
    html = panel.status.value
    assert "Votre progression est exportée" in html and key_fingerprint(KEY) in html
    link = re.search(r'href="data:application/json;base64,([^"]+)"', html)
    assert link is not None
    assert signature_state(read_back(base64.b64decode(link.group(1))), KEY) == "signed"
    assert KEY not in html, "the key itself is never shown"
    panel.key.value = ""
    panel.export()
    assert "pas signé" in panel.status.value
    panel.name.value = "<img src=x onerror=alert(1)>"
    assert panel.export() is None
    assert "<img" not in panel.status.value and "retirez" in panel.status.value


def test_the_panel_shows_a_french_line_where_no_widget_can_be_shown(store: ProgressStore) -> None:
    bundle = ExportPanel(store).widget()._repr_mimebundle_()
    assert bundle["text/plain"] == EXPORT_FALLBACK


def test_an_unexpected_failure_is_told_in_french(store: ProgressStore, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("influence_workbook.widgets.export.export_progress", broken)
    panel = ExportPanel(store)
    panel.name.value = "Camille Martin"
    assert panel.export() is None
    assert "problème inattendu" in panel.status.value and "boom" not in panel.status.value


def test_the_export_document_is_the_same_for_the_same_moment(store: ProgressStore) -> None:
    complete(store, AVAILABLE[:1])
    first = export_document(store, "Camille Martin", class_key=KEY, now=NOW)
    again = export_document(store, "Camille Martin", class_key=KEY, now=NOW)
    assert first == again
