"""« Importer une progression »: an export or a progress file comes back, merged or replacing, never blindly."""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

import pytest

from influence_workbook import class_export
from influence_workbook.class_export import export_progress
from influence_workbook.progress import FORMAT, VERSION, ProgressStore
from influence_workbook.widgets.progress_import import (
    MAX_IMPORT_BYTES,
    ImportPanel,
    ImportRefused,
    apply_import,
    plan_import,
    read_progress_document,
)


@pytest.fixture(autouse=True)
def no_server_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(class_export.CLASS_KEY_VARIABLE, raising=False)


def _document(steps: dict[str, str], **extra: Any) -> dict[str, Any]:
    """A progress document whose steps hold their own key as answer, saved at the given times."""
    return {"format": FORMAT, "version": VERSION, **extra,
            "steps": {key: {"answer": f"{key} @ {at}", "feedback": None, "saved_at": at} for key, at in steps.items()}}


def _payload(document: dict[str, Any]) -> bytes:
    return json.dumps(document).encode("utf-8")


def _store(tmp_path: Path, name: str, document: dict[str, Any] | None = None) -> ProgressStore:
    path = tmp_path / name / "progression.json"
    path.parent.mkdir(parents=True)
    if document is not None:
        path.write_text(json.dumps(document), encoding="utf-8")
    return ProgressStore(path)


def test_an_export_from_another_browser_comes_back_whole(tmp_path: Path) -> None:
    elsewhere = _store(tmp_path, "elsewhere")
    elsewhere.save("ch01", "objective", {"goal": "Conversion"})
    elsewhere.save("ch02", "shortlist", ["C0001", "C0002"])
    export = export_progress(elsewhere, "Camille Martin")
    here = _store(tmp_path, "here")

    plan = plan_import(here, export.payload)
    assert (plan.source, plan.name, plan.steps, plan.newer, plan.current_steps) == (
        "un export", "Camille Martin", 2, 2, 0)
    apply_import(here, plan, "merge")

    assert here.answer("ch01", "objective") == {"goal": "Conversion"}
    assert here.answer("ch02", "shortlist") == ["C0001", "C0002"]


def test_merge_keeps_the_most_recent_answer_of_each_step(tmp_path: Path) -> None:
    here = _store(tmp_path, "here", _document({"ch01/objective": "2026-12-05T10:00:00+00:00",
                                               "ch03/concept": "2026-12-06T10:00:00+00:00"}))
    incoming = _document({"ch01/objective": "2026-12-06T09:00:00+00:00",  # newer: taken
                          "ch03/concept": "2026-12-01T09:00:00+00:00",  # older: the learner's stays
                          "ch04/outreach": "2026-12-02T09:00:00+00:00"},  # missing: taken
                         certificates=[{"code": "IW-1"}])
    plan = plan_import(here, _payload(incoming))
    assert plan.newer == 2
    assert "reprendra 2 réponses" in plan.summary("merge")

    apply_import(here, plan, "merge")

    steps = here.load()["steps"]
    assert steps["ch01/objective"]["saved_at"] == "2026-12-06T09:00:00+00:00"
    assert steps["ch03/concept"]["saved_at"] == "2026-12-06T10:00:00+00:00"
    assert "ch04/outreach" in steps
    assert here.records("certificates") == [{"code": "IW-1"}]


def test_merging_the_same_file_twice_changes_nothing_the_second_time(tmp_path: Path) -> None:
    here = _store(tmp_path, "here")
    incoming = _document({"ch01/objective": "2026-12-06T09:00:00+00:00"}, certificates=[{"code": "IW-1"}])
    apply_import(here, plan_import(here, _payload(incoming)), "merge")
    second = plan_import(here, _payload(incoming))
    assert second.newer == 0
    assert "ne changera rien" in second.summary("merge")
    apply_import(here, second, "merge")
    assert here.records("certificates") == [{"code": "IW-1"}]


def test_replace_takes_the_files_progress_and_keeps_the_old_one_as_backup(tmp_path: Path) -> None:
    here = _store(tmp_path, "here", _document({"ch05/disclosure": "2026-12-06T10:00:00+00:00"}))
    plan = plan_import(here, _payload(_document({"ch01/objective": "2026-12-01T09:00:00+00:00"})))
    assert "remplacera toute votre progression actuelle (1 réponse)" in plan.summary("replace")

    apply_import(here, plan, "replace")

    assert set(here.load()["steps"]) == {"ch01/objective"}
    backup = json.loads(here.backup_path.read_text(encoding="utf-8"))
    assert set(backup["steps"]) == {"ch05/disclosure"}


@pytest.mark.parametrize(("payload", "said"), [
    (b"\xff\xfe not json", "pas un fichier JSON"),
    (b"[1, 2, 3]", "pas une progression"),
    (b'{"format": "something/else", "steps": {}}', "pas une progression"),
    (json.dumps({"format": class_export.EXPORT_FORMAT, "progress": "nope"}).encode(), "pas une progression"),
    (b'{"format": "influence-workbook/progress", "version": 1, "steps": []}', "endommagé"),
    (b'{"format": "influence-workbook/progress", "version": 99, "steps": {}}', "version plus récente"),
    (b" " * (MAX_IMPORT_BYTES + 1), "trop gros"),
])
def test_a_file_the_store_would_not_trust_is_refused_in_french(payload: bytes, said: str) -> None:
    with pytest.raises(ImportRefused) as refused:
        read_progress_document(payload)
    assert said in refused.value.message


def test_the_panel_refuses_a_bad_file_and_writes_nothing(tmp_path: Path) -> None:
    here = _store(tmp_path, "here", _document({"ch01/objective": "2026-12-06T10:00:00+00:00"}))
    before = here.path.read_bytes()
    panel = ImportPanel(here)

    assert panel.load_bytes(b"{not json") is None
    assert "iw-notice" in panel.summary.value
    assert panel.button.disabled
    assert panel.confirm() is False
    assert here.path.read_bytes() == before


def test_the_panel_asks_before_writing_then_imports(tmp_path: Path) -> None:
    here = _store(tmp_path, "here")
    panel = ImportPanel(here)
    plan = panel.load_bytes(_payload(_document({"ch01/objective": "2026-12-06T09:00:00+00:00"})))

    assert plan is not None
    assert not here.path.exists()  # reading the file wrote nothing
    assert "fusion reprendra 1 réponse" in panel.summary.value
    panel.mode.value = "replace"
    assert "remplacera" in panel.summary.value
    assert not panel.button.disabled

    assert panel.confirm() is True
    assert "Importé" in panel.status.value
    assert set(here.load()["steps"]) == {"ch01/objective"}


def test_a_progress_file_the_store_cannot_read_is_never_written_over(tmp_path: Path) -> None:
    newer = {"format": FORMAT, "version": VERSION + 1, "steps": {"ch09/pay": {"saved_at": "x"}}}
    here = _store(tmp_path, "here", newer)
    before = here.path.read_bytes()
    panel = ImportPanel(here)
    assert panel.load_bytes(_payload(_document({"ch01/objective": "2026-12-06T09:00:00+00:00"}))) is not None

    assert panel.confirm() is False
    assert "Rien n'a été importé" in html.unescape(panel.status.value)
    assert here.path.read_bytes() == before
