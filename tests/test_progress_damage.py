"""Saved progress against damaged, unreadable and odd files: nothing the learner saved is ever lost.

One test per kind of damage found by the fault run of issue 19: every one is set aside (never
deleted), the backup is put back, and saving works again. An unreadable file (permissions) is
never written over: checked as an unprivileged user (``nobody`` when the tests run as root). Two
processes opening one damaged file at once both carry on. Leftover temporary files are cleaned
at the next load; a BOM is read; a lone surrogate (half an emoji) is saved.

The race of two processes on a damaged file runs in a fresh process (this file as a script):

    .venv/bin/python tests/test_progress_damage.py open-damaged /tmp/damaged/progression.json 200
"""

from __future__ import annotations

import html
import json
import os
import pwd
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pytest

from influence_workbook import progress
from influence_workbook.feedback import Feedback, FeedbackItem
from influence_workbook.progress import ProgressNotSaved, ProgressStore
from influence_workbook.widgets.common import CheckedStep
from influence_workbook.widgets.objective import ObjectiveWorkshop

SCRIPT = Path(__file__).resolve()
HEAD = b'{"format": "influence-workbook/progress", '

DAMAGES = {
    "version null (TypeError)": HEAD + b'"version": null, "steps": {}}',
    "a list [1] (TypeError)": b"[1]",
    "version 1e400 (OverflowError)": HEAD + b'"version": 1e400, "steps": {}}',
    "JSON nested 100 000 deep (RecursionError)": HEAD
    + b'"version": 1, "steps": {"ch09/x": {"answer": '
    + b"[" * 100_000
    + b"]" * 100_000
    + b"}}}",
    "version of 5 000 digits (ValueError)": HEAD + b'"version": 1' + b"0" * 5_000 + b', "steps": {}}',
    "version NaN": HEAD + b'"version": NaN, "steps": {}}',
    "version as text": HEAD + b'"version": "1", "steps": {}}',
    "version true": HEAD + b'"version": true, "steps": {}}',
    "version 0": HEAD + b'"version": 0, "steps": {}}',
    "steps as a list": HEAD + b'"version": 1, "steps": [1, 2]}',
    "broken JSON": b"{not json",
    "not UTF-8 (UnicodeDecodeError)": b"\xff\xfe\x00garbage",
    "empty file": b"",
    "another format": b'{"format": "other"}',
    "half a file (crash of an old version)": HEAD + b'"version": 1, "steps": {"ch01/objective": {"answ',
}


@pytest.fixture
def store(tmp_path: Path) -> ProgressStore:
    return ProgressStore(tmp_path / "progression.json")


def set_aside(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if ".endommage-" in p.name)


# --------------------------------------------------------------------------- damaged files


@pytest.mark.parametrize("damage", DAMAGES.values(), ids=list(DAMAGES))
def test_each_damage_is_set_aside_the_backup_restored_and_saving_works_again(
    store: ProgressStore, damage: bytes
) -> None:
    store.save("ch01", "objective", "first")
    store.save("ch02", "shortlist", ["C0001"])  # the backup now holds ch01 alone
    store.path.write_bytes(damage)
    reader = ProgressStore(store.path)
    assert reader.answer("ch01", "objective") == "first"  # no exception, the backup is shown
    assert any("mis de côté" in n and "dernière sauvegarde valide" in n for n in reader.notices)
    kept = set_aside(store.path.parent)
    assert len(kept) == 1 and kept[0].read_bytes() == damage  # nothing is deleted
    reader.save("ch03", "concept", "new")  # saving works, and keeps what the backup held
    reopened = ProgressStore(store.path)
    assert reopened.answer("ch01", "objective") == "first"
    assert reopened.answer("ch03", "concept") == "new"
    assert reopened.notices == []


def test_the_first_workshop_can_be_built_and_used_on_a_damaged_file(store: ProgressStore) -> None:
    store.save("ch00", "other", "kept")
    store.save("ch00", "other", "kept again")
    store.path.write_bytes(DAMAGES["version null (TypeError)"])
    workshop = ObjectiveWorkshop(ProgressStore(store.path))
    assert isinstance(workshop.widget(), widgets.VBox)
    assert "mis de côté" in html.unescape(workshop.step.notice.value)
    workshop.mode.value = workshop.mode.options[1]
    workshop.sentence.value = "Conversion : 1 500 ventes d'ici fin juin 2027 auprès des 18-34 ans en France"
    workshop.step.button.click()
    assert "Enregistré le" in workshop.step.status.value
    assert ProgressStore(store.path).answer("ch00", "other") == "kept"


def test_a_damaged_file_without_backup_is_set_aside_and_a_new_progress_starts(store: ProgressStore) -> None:
    store.path.write_bytes(DAMAGES["version 1e400 (OverflowError)"])
    reader = ProgressStore(store.path)
    assert reader.steps() == []
    assert any("une nouvelle progression commence" in n for n in reader.notices)
    reader.save("ch01", "objective", "again")
    assert ProgressStore(store.path).answer("ch01", "objective") == "again"
    assert [p.read_bytes() for p in set_aside(store.path.parent)] == [DAMAGES["version 1e400 (OverflowError)"]]


def test_two_damaged_files_in_the_same_second_are_both_kept(store: ProgressStore) -> None:
    for damage in (b"{first", b"{second"):
        store.save("ch01", "objective", "ok")
        store.path.write_bytes(damage)
        ProgressStore(store.path).load()
    assert sorted(p.read_bytes() for p in set_aside(store.path.parent)) == [b"{first", b"{second"]


def test_setting_aside_a_file_another_kernel_already_moved_is_not_an_error(store: ProgressStore) -> None:
    assert store._set_aside(store.path) is None  # the file is gone: nothing to do, nothing raised


def test_two_processes_opening_one_damaged_file_at_once_both_carry_on(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "open-damaged", str(tmp_path / "progression.json"), "60"],
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    print(json.dumps(result, ensure_ascii=False))
    assert result["errors"] == [], result["errors"][:3]
    assert result["rounds_where_a_process_saw_no_answer"] == 0
    assert result["rounds_without_exactly_one_set_aside_copy"] == 0


def open_damaged(path: str, rounds: int) -> dict[str, Any]:
    """Each round: damage the file, let two processes open it at the same instant, collect what they saw."""
    folder = Path(path).parent
    errors: list[str] = []
    blind = wrong_copies = 0
    for round_ in range(rounds):
        for leftover in folder.iterdir():
            leftover.unlink()
        store = ProgressStore(path)
        store.save("ch01", "objective", f"round {round_}")
        store.save("ch01", "objective", f"round {round_} again")
        damage = f"{{damaged {round_}".encode()
        Path(path).write_bytes(damage)
        go_read, go_write = os.pipe()
        seen_read, seen_write = os.pipe()
        children = []
        for _ in range(2):
            pid = os.fork()
            if pid == 0:
                code = 1
                try:
                    os.read(go_read, 1)
                    try:
                        answer = ProgressStore(path).answer("ch01", "objective")
                        os.write(seen_write, (json.dumps({"answer": answer}) + "\n").encode())
                    except BaseException as error:
                        os.write(seen_write, (json.dumps({"error": repr(error)}) + "\n").encode())
                    code = 0
                finally:
                    os._exit(code)
            children.append(pid)
        os.write(go_write, b"gg")  # both wake up at once
        for pid in children:
            os.waitpid(pid, 0)
        os.close(seen_write)
        lines = b""
        while chunk := os.read(seen_read, 65536):
            lines += chunk
        for fd in (seen_read, go_read, go_write):
            os.close(fd)
        outcomes = [json.loads(line) for line in lines.splitlines()]
        errors += [outcome["error"] for outcome in outcomes if "error" in outcome]
        blind += any(outcome.get("answer") != f"round {round_}" for outcome in outcomes) or len(outcomes) != 2
        wrong_copies += [p.read_bytes() for p in set_aside(folder)] != [damage]
    return {
        "rounds": rounds,
        "errors": errors,
        "rounds_where_a_process_saw_no_answer": blind,
        "rounds_without_exactly_one_set_aside_copy": wrong_copies,
    }


# --------------------------------------------------------------------------- leftovers, BOM, size


def test_leftover_temporary_files_are_removed_at_the_next_load(store: ProgressStore) -> None:
    store.save("ch01", "objective", "first")
    folder = store.path.parent
    leftovers = [folder / ".progression.json.k2j3.tmp", folder / ".progression.json.bak.9f8e.tmp",
                 folder / ".progression.json.0a1b2c3d4e5f.tmp"]
    for leftover in leftovers:
        leftover.write_bytes(b"half a save")
    others = [folder / ".notes.txt.tmp", folder / "progression.endommage-20260101-000000.json"]
    for other in others:
        other.write_bytes(b"not ours")
    assert ProgressStore(store.path).answer("ch01", "objective") == "first"
    assert not any(p.exists() for p in leftovers)
    assert all(p.exists() for p in others)


def test_a_young_temporary_file_is_kept_while_another_process_holds_the_lock(
    tmp_path: Path, another_kernel: Any
) -> None:
    path = tmp_path / "progression.json"
    ProgressStore(path).save("ch01", "objective", "first")
    young, old = tmp_path / ".progression.json.young.tmp", tmp_path / ".progression.json.old.tmp"
    young.write_bytes(b"a save under way in another kernel")
    old.write_bytes(b"left by a kernel killed long ago")
    long_ago = time.time() - 3600
    os.utime(old, (long_ago, long_ago))
    another_kernel.take_the_lock()
    assert ProgressStore(path).answer("ch01", "objective") == "first"
    assert young.exists() and not old.exists()
    another_kernel.release()
    ProgressStore(path).load()  # the lock is free: whatever is left is a leftover
    assert not young.exists()


def test_a_file_with_a_bom_is_read_and_kept(store: ProgressStore) -> None:
    store.save("ch01", "objective", "Notoriété 🌱")
    store.path.write_bytes(b"\xef\xbb\xbf" + store.path.read_bytes())
    reader = ProgressStore(store.path)
    assert reader.answer("ch01", "objective") == "Notoriété 🌱"
    assert reader.notices == [] and set_aside(store.path.parent) == []
    reader.save("ch02", "shortlist", [])
    assert ProgressStore(store.path).answer("ch01", "objective") == "Notoriété 🌱"


def test_steps_reads_the_file_once_even_for_60_000_steps(
    store: ProgressStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    verdict = Feedback("objective", (FeedbackItem("kpi", "Indicateur", True, "Un indicateur chiffré."),), "Bravo.")
    entries = {
        f"ch{index % 10:02d}@c{index // 10}/step": {"answer": f"réponse {index}", "feedback": verdict.to_dict(),
                                                    "saved_at": "2026-12-01T10:00:00+00:00"}
        for index in range(60_000)
    }
    store.path.write_text(json.dumps({"format": progress.FORMAT, "version": 1, "steps": entries}), encoding="utf-8")
    reads: list[Path] = []
    real_read_bytes = Path.read_bytes

    def counting_read_bytes(path: Path) -> bytes:
        reads.append(path)
        return real_read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", counting_read_bytes)
    started = time.perf_counter()
    listed = ProgressStore(store.path).steps()
    print(f"steps() on 60 000 steps: {time.perf_counter() - started:.2f} s, {len(reads)} read(s)")
    assert len(listed) == 60_000 and listed[0].feedback == verdict
    assert reads == [store.path]


# --------------------------------------------------------------------------- odd text


def test_a_lone_surrogate_is_saved_as_a_replacement_character(store: ProgressStore) -> None:
    broken = "Objectif 🌱 puis la moitié d'un emoji \ud83c fin"
    split_pair = "\ud83c\udf31"  # an emoji sent as two halves: it is one character again
    verdict = Feedback("objective", (FeedbackItem("kpi", "Indicateur", False, f"« {broken} »"),), "À revoir.")
    saved = store.save("ch01", "objective", {"text": broken, "pair": split_pair}, verdict)
    expected = {"text": "Objectif 🌱 puis la moitié d'un emoji \ufffd fin", "pair": "🌱"}
    assert saved.answer == expected
    reopened = ProgressStore(store.path).get("ch01", "objective")
    assert reopened is not None and reopened.answer == expected
    assert reopened.feedback is not None and "\ufffd" in reopened.feedback.items[0].message
    store.path.read_bytes().decode("utf-8")  # strict UTF-8 on disk


def test_a_click_with_a_broken_emoji_and_a_failing_check_raises_nothing(store: ProgressStore) -> None:
    def failing_check(_answer: Any) -> Feedback:
        raise RuntimeError("bug in a check")

    field = widgets.Text(value="Conversion \ud83c")
    step = CheckedStep(chapter="chtest", step="emoji", css_prefix="iw-test", collect=lambda: field.value,
                       restore=lambda answer: setattr(field, "value", answer), check=failing_check, store=store)
    step.button.click()  # outside a kernel the click checks and saves at once
    assert ProgressStore(store.path).answer("chtest", "emoji") == "Conversion \ufffd"
    assert "problème inattendu" in html.unescape(step.feedback.value)


# --------------------------------------------------------------------------- unreadable file


def _refused_as_unprivileged(path: Path) -> dict[str, Any]:
    """What an unprivileged kernel sees and does with ``path`` (it cannot read it)."""
    store = ProgressStore(path)
    seen = store.answer("ch01", "objective")
    notices = list(store.notices)
    try:
        store.save("ch01", "objective", "written by the unprivileged kernel")
        refusal = None
    except ProgressNotSaved as refused:
        refusal = refused.notice
    field = widgets.Text(value="trois petits mots")
    step = CheckedStep(
        chapter="ch02", step="words", css_prefix="iw-test", collect=lambda: field.value,
        restore=lambda answer: setattr(field, "value", answer),
        check=lambda answer: Feedback("t", (FeedbackItem("w", "Mots", True, "Assez."),), "Bravo."), store=store,
    )
    step.button.click()
    return {
        "seen": seen,
        "notices": notices,
        "refusal": refusal,
        "in_memory": store.answer("ch01", "objective"),
        "status": html.unescape(step.status.value),
        "widget_notice": html.unescape(step.notice.value),
    }


def _as_nobody(path: Path) -> dict[str, Any]:
    """Run :func:`_refused_as_unprivileged` in a forked child switched to the user ``nobody``."""
    nobody = pwd.getpwnam("nobody")
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            os.close(read_end)
            os.setgroups([])
            os.setgid(nobody.pw_gid)
            os.setuid(nobody.pw_uid)
            try:
                outcome: dict[str, Any] = _refused_as_unprivileged(path)
                outcome["uid"] = os.getuid()
            except BaseException as error:
                outcome = {"error": repr(error)}
            os.write(write_end, json.dumps(outcome).encode())
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)
    data = b""
    while chunk := os.read(read_end, 65536):
        data += chunk
    os.close(read_end)
    os.waitpid(pid, 0)
    result: dict[str, Any] = json.loads(data)
    assert "error" not in result, result
    assert result["uid"] == nobody.pw_uid
    return result


def test_an_unreadable_file_is_never_written_over(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("nobody")
        except KeyError:
            pytest.fail(
                "This test must run as an unprivileged user: the tests run as root and the machine has no "
                "user « nobody » to switch to. Create one (useradd nobody) or run the tests as a normal user."
            )
        folder = Path(tempfile.mkdtemp(prefix="progress-perm-"))  # tmp_path's parents are root's only
        os.chmod(folder, 0o777)  # the unprivileged kernel can write in the folder, not read the file
    else:
        folder = tmp_path
    try:
        path = folder / "progression.json"
        owner = ProgressStore(path)  # e.g. a kernel once started with sudo
        owner.save("ch01", "objective", "the learner's objective")
        owner.save("ch04", "outreach", "the learner's message")
        os.chmod(path, 0o600)
        os.chmod(owner.backup_path, 0o600)
        if os.geteuid() == 0:
            result = _as_nobody(path)
        else:
            os.chmod(path, 0o000)
            os.chmod(owner.backup_path, 0o000)
            result = _refused_as_unprivileged(path)
            os.chmod(path, 0o600)
        before = json.loads(path.read_text(encoding="utf-8"))["steps"]
        assert before["ch01/objective"]["answer"] == "the learner's objective"  # not written over
        assert before["ch04/outreach"]["answer"] == "the learner's message"
        assert "ch02/words" not in before
        assert result["seen"] is None
        assert any(str(path) in n and "accès refusé" in n and "chown" in n for n in result["notices"])
        assert result["refusal"] is not None and str(path) in result["refusal"]
        assert result["in_memory"] == "written by the unprivileged kernel"  # kept for the session
        assert "n'a pas été écrite sur le disque" in result["status"] and str(path) in result["status"]
        assert str(path) in result["widget_notice"]
        assert [p.name for p in folder.iterdir() if p.name.endswith(".tmp")] == []
    finally:
        for leftover in folder.iterdir():
            leftover.unlink()
        if folder != tmp_path:
            folder.rmdir()


if __name__ == "__main__":
    mode, *arguments = sys.argv[1:]
    if mode != "open-damaged":
        raise SystemExit(f"unknown mode {mode!r}: open-damaged")
    Path(arguments[0]).parent.mkdir(parents=True, exist_ok=True)
    print(json.dumps(open_damaged(arguments[0], int(arguments[1])), ensure_ascii=False))
