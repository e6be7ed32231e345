"""The progress store: saves, reloads, survives crashes and damaged files, never loses work."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from influence_workbook.checks import check_objective
from influence_workbook.progress import FILE_NAME, ProgressNotSaved, ProgressStore, default_progress_path

GOOD = "Conversion : 1 500 ventes d'ici fin juin 2027 auprès des 18-34 ans en France"


@pytest.fixture
def store(tmp_path: Path) -> ProgressStore:
    return ProgressStore(tmp_path / "progression.json")


def test_save_and_reload_answer_and_verdict(store: ProgressStore) -> None:
    feedback = check_objective(GOOD)
    store.save("ch01", "objective", {"text": GOOD, "emoji": "🌱 « ok »"}, feedback)
    reopened = ProgressStore(store.path)  # a new kernel reads the same file
    saved = reopened.get("ch01", "objective")
    assert saved is not None
    assert saved.answer == {"text": GOOD, "emoji": "🌱 « ok »"}
    assert saved.feedback == feedback
    assert saved.passed
    assert reopened.answer("ch02", "shortlist", default="none") == "none"


def test_two_notebooks_do_not_erase_each_other(store: ProgressStore) -> None:
    other_kernel = ProgressStore(store.path)
    store.save("ch01", "objective", "a")
    other_kernel.save("ch02", "shortlist", ["C0001"])
    assert ProgressStore(store.path).answer("ch01", "objective") == "a"
    assert ProgressStore(store.path).answer("ch02", "shortlist") == ["C0001"]


def test_file_is_utf8_json_without_escapes(store: ProgressStore) -> None:
    store.save("ch01", "objective", "Notoriété « 20 % » 🌱")
    raw = store.path.read_text(encoding="utf-8")
    assert "Notoriété « 20 % » 🌱" in raw
    assert json.loads(raw)["format"] == "influence-workbook/progress"


def test_crash_during_write_keeps_previous_version(
    store: ProgressStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.save("ch01", "objective", "first")

    def crash(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError):
        store.save("ch01", "objective", "second")
    assert store.answer("ch01", "objective") == "second"  # kept in memory for the session
    monkeypatch.undo()
    on_disk = json.loads(store.path.read_text(encoding="utf-8"))["steps"]
    assert on_disk["ch01/objective"]["answer"] == "first"
    assert not [p for p in store.path.parent.iterdir() if p.name.endswith(".tmp")], (
        "temporary file left behind"
    )


@pytest.mark.parametrize("damage", [b"{not json", b"\xff\xfe\x00garbage", b"[]", b'{"format": "other"}', b""])
def test_damaged_file_is_set_aside_and_backup_reloaded(store: ProgressStore, damage: bytes) -> None:
    store.save("ch01", "objective", "first")
    store.save("ch01", "objective", "second")  # "first" is now the backup
    store.path.write_bytes(damage)
    reader = ProgressStore(store.path)
    assert reader.answer("ch01", "objective") == "first"
    assert any(
        "mis de côté" in notice and "dernière sauvegarde valide" in notice for notice in reader.notices
    )
    kept = [p for p in store.path.parent.iterdir() if ".endommage-" in p.name]
    assert len(kept) == 1 and kept[0].read_bytes() == damage  # nothing is deleted


def _backup_answer(store: ProgressStore) -> object:
    return json.loads(store.backup_path.read_text(encoding="utf-8"))["steps"]["ch01/objective"]["answer"]


def test_backup_is_the_previous_version_not_a_second_name_for_the_current_one(store: ProgressStore) -> None:
    store.save("ch01", "objective", "first")
    store.save("ch01", "objective", "second")
    store.save("ch01", "objective", "third")
    assert _backup_answer(store) == "second"
    assert os.stat(store.backup_path).st_ino != os.stat(store.path).st_ino
    store.path.write_text("{oops", encoding="utf-8")  # damaging the file in place spares the backup
    assert _backup_answer(store) == "second"
    assert not [p for p in store.path.parent.iterdir() if p.name.endswith(".tmp")]


def test_a_save_syncs_only_the_new_file(store: ProgressStore, monkeypatch: pytest.MonkeyPatch) -> None:
    # The backup is a hard link to data already on disk: syncing it again would double a click's save.
    store.save("ch01", "objective", "first")
    synced: list[int] = []
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (synced.append(fd), real_fsync(fd))[1])
    store.save("ch01", "objective", "second")
    assert len(synced) == 1 and _backup_answer(store) == "first"


def test_backup_is_copied_where_the_folder_refuses_hard_links(
    store: ProgressStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_args: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", refuse)
    store.save("ch01", "objective", "first")
    store.save("ch01", "objective", "second")
    assert _backup_answer(store) == "first"
    assert ProgressStore(store.path).answer("ch01", "objective") == "second"
    assert not [p for p in store.path.parent.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("damage", [b"{not json", b""])
def test_a_platform_without_hard_links_saves_keeps_the_backup_and_sets_damage_aside(
    store: ProgressStore, monkeypatch: pytest.MonkeyPatch, damage: bytes
) -> None:
    # Pyodide (the published site) has no os.link at all: the second save of an answer failed there.
    monkeypatch.delattr(os, "link")
    store.save("ch01", "objective", "first")
    store.save("ch01", "objective", "second")
    assert _backup_answer(store) == "first"
    assert ProgressStore(store.path).answer("ch01", "objective") == "second"
    store.path.write_bytes(damage)
    assert ProgressStore(store.path).answer("ch01", "objective") == "first"  # the backup, reloaded
    kept = [p for p in store.path.parent.iterdir() if ".endommage-" in p.name]
    assert len(kept) == 1 and kept[0].read_bytes() == damage
    assert not [p for p in store.path.parent.iterdir() if p.name.endswith(".tmp")]


def test_damaged_file_without_backup_starts_fresh_with_a_message(store: ProgressStore) -> None:
    store.path.parent.mkdir(parents=True, exist_ok=True)
    store.path.write_text("{oops", encoding="utf-8")
    reader = ProgressStore(store.path)
    assert reader.steps() == []
    assert "une nouvelle progression commence" in reader.notices[0]
    reader.save("ch01", "objective", "again")
    assert ProgressStore(store.path).answer("ch01", "objective") == "again"


def test_file_from_a_newer_version_is_kept_untouched_and_never_written_over(store: ProgressStore) -> None:
    store.path.parent.mkdir(parents=True, exist_ok=True)
    newer = {"format": "influence-workbook/progress", "version": 99, "steps": {"ch01/objective": {"x": 1}}}
    store.path.write_text(json.dumps(newer), encoding="utf-8")
    before = store.path.read_bytes()
    reader = ProgressStore(store.path)
    reader.load()
    assert any("version plus récente" in notice and "Mettez le cours à jour" in notice for notice in reader.notices)
    with pytest.raises(ProgressNotSaved) as refused:
        reader.save("ch01", "objective", "mine")
    assert str(store.path) in refused.value.notice
    assert store.path.read_bytes() == before  # not set aside, not written over
    assert not any(".endommage-" in p.name for p in store.path.parent.iterdir())
    assert reader.answer("ch01", "objective") == "mine"  # kept in memory for the session


def test_forget_chapter(store: ProgressStore) -> None:
    store.save("ch01", "objective", "a")
    store.save("ch01", "other", "b")
    store.save("ch02", "shortlist", "c")
    store.forget("ch01")
    assert [(s.chapter, s.step) for s in store.steps()] == [("ch02", "shortlist")]


def test_default_location(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("INFLUENCE_WORKBOOK_PROGRESS", raising=False)
    monkeypatch.setenv("INFLUENCE_WORKBOOK_HOME", str(tmp_path))
    assert default_progress_path() == tmp_path / FILE_NAME
    monkeypatch.setenv("INFLUENCE_WORKBOOK_PROGRESS", str(tmp_path / "x.json"))
    assert default_progress_path() == tmp_path / "x.json"
    monkeypatch.delenv("INFLUENCE_WORKBOOK_PROGRESS")
    monkeypatch.delenv("INFLUENCE_WORKBOOK_HOME")
    monkeypatch.setattr("sys.platform", "emscripten")
    assert str(default_progress_path()).startswith("/drive/")
