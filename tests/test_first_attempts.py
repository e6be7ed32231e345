"""Each step's first checked verdict is kept, compactly, for the teacher's class report (issue 25).

A step keeps only its last answer; what the class failed the first time is what to re-teach. The
record is written by the save under its lock, with the store's guarantees (tests/test_progress*.py).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from influence_workbook import progress
from influence_workbook.feedback import Feedback, FeedbackItem, input_problem
from influence_workbook.progress import FIRST_ATTEMPTS, ProgressNotSaved, ProgressStore, first_attempts

SCRIPT = Path(__file__).resolve()


def verdict(**criteria: bool) -> Feedback:
    items = tuple(FeedbackItem(name, name.capitalize(), ok, "Bien." if ok else "À revoir.")
                  for name, ok in criteria.items())
    return Feedback("check_x", items, "Résumé.")


@pytest.fixture
def store(tmp_path: Path) -> ProgressStore:
    return ProgressStore(tmp_path / "progression.json")


def on_disk(store: ProgressStore) -> dict[str, object]:
    document = json.loads(store.path.read_text(encoding="utf-8"))
    assert isinstance(document, dict)
    return document


def test_the_first_verdict_is_kept_and_later_ones_do_not_replace_it(store: ProgressStore) -> None:
    store.save("ch01", "objective", "Faire le buzz", verdict(goal=False, kpi=False, deadline=True))
    store.save("ch01", "objective", "Conversion : 1 500 ventes", verdict(goal=True, kpi=True, deadline=True))
    first = first_attempts(on_disk(store))["ch01/objective"]
    assert first["failed"] == ["goal", "kpi"] and first["ok"] == ["deadline"]
    assert first["passed"] is False and first["check"] == "check_x" and first["saved_at"]
    assert store.get("ch01", "objective").passed  # type: ignore[union-attr]  # the step itself is the last save


def test_forgetting_a_step_keeps_its_first_attempt(store: ProgressStore) -> None:
    store.save("ch01", "objective", "x", verdict(goal=False))
    store.forget("ch01")
    assert store.get("ch01", "objective") is None
    assert "ch01/objective" in first_attempts(on_disk(store))
    store.save("ch01", "objective", "y", verdict(goal=True))
    assert first_attempts(on_disk(store))["ch01/objective"]["failed"] == ["goal"]


def test_what_is_not_an_attempt_is_not_recorded(store: ProgressStore) -> None:
    store.save("ch02", "shortlist", "no verdict")
    store.save("ch03", "concept", "", input_problem("check_concept", "Concept", "Rien à vérifier."))
    store.save("ch03", "quiz", {"attempt": 1, "questions": [None]}, verdict(q1=False, q2=False))
    assert first_attempts(on_disk(store)) == {}
    store.save("ch03", "concept", "un concept", verdict(angle=True))
    assert list(first_attempts(on_disk(store))) == ["ch03/concept"]


def test_a_file_without_the_section_gets_it_and_keeps_everything_else(store: ProgressStore) -> None:
    store.path.write_text(json.dumps({"format": progress.FORMAT, "version": 1, "odd": [1],
                                      "steps": {"ch01/objective": {"answer": "old", "feedback": None,
                                                                   "saved_at": "2026-01-01T00:00:00+00:00"}}}),
                          encoding="utf-8")
    store.save("ch02", "shortlist", ["C0046"], verdict(size=False))
    document = on_disk(store)
    assert document["odd"] == [1] and "ch01/objective" in document["steps"]  # type: ignore[operator]
    assert list(first_attempts(document)) == ["ch02/shortlist"]


def test_a_section_edited_by_hand_is_left_alone_and_the_save_goes_through(store: ProgressStore) -> None:
    store.path.write_text(json.dumps({"format": progress.FORMAT, "version": 1, "steps": {},
                                      FIRST_ATTEMPTS: "edited by hand"}), encoding="utf-8")
    store.save("ch01", "objective", "x", verdict(goal=False))
    document = on_disk(store)
    assert document[FIRST_ATTEMPTS] == "edited by hand"
    assert "ch01/objective" in document["steps"]  # type: ignore[operator]
    assert first_attempts(document) == {}


def test_an_attempt_kept_in_memory_by_a_refused_save_is_the_first_once_written(
        store: ProgressStore, monkeypatch: pytest.MonkeyPatch) -> None:
    store.save("ch02", "shortlist", "other", verdict(size=True))
    real_write = ProgressStore._write
    refuse = [True]

    def flaky(self: ProgressStore, document: dict[str, object], *, keep_backup: bool) -> None:
        if refuse[0]:
            raise OSError(28, "No space left on device")
        real_write(self, document, keep_backup=keep_backup)

    monkeypatch.setattr(ProgressStore, "_write", flaky)
    with pytest.raises(OSError):
        store.save("ch01", "objective", "first try", verdict(goal=False, kpi=True))
    refuse[0] = False
    store.save("ch01", "objective", "second try", verdict(goal=True, kpi=True))
    first = first_attempts(on_disk(store))["ch01/objective"]
    assert first["failed"] == ["goal"], "the attempt the full disk refused came first"


def test_a_record_section_cannot_be_written_over_by_append_record(store: ProgressStore) -> None:
    with pytest.raises(ValueError):
        store.append_record(FIRST_ATTEMPTS, {"x": 1})


def test_a_file_of_a_newer_version_is_never_written(store: ProgressStore) -> None:
    store.path.write_text(json.dumps({"format": progress.FORMAT, "version": 99, "steps": {}}), encoding="utf-8")
    before = store.path.read_bytes()
    with pytest.raises(ProgressNotSaved):
        store.save("ch01", "objective", "x", verdict(goal=False))
    assert store.path.read_bytes() == before


def first_save(path: str, verdict_ok: str) -> None:
    """One kernel: wait for « go », then save the same step's first attempt."""
    store = ProgressStore(path)
    store.load()
    print("ready", flush=True)
    sys.stdin.readline()
    store.save("ch01", "objective", verdict_ok, verdict(goal=verdict_ok == "ok"))


def test_two_kernels_saving_a_first_attempt_at_once_keep_exactly_one(tmp_path: Path) -> None:
    path = str(tmp_path / "progression.json")
    kernels = [subprocess.Popen([sys.executable, str(SCRIPT), "first-save", path, ok], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, text=True) for ok in ("ok", "ko")]
    for kernel in kernels:
        assert kernel.stdout is not None and kernel.stdout.readline().strip() == "ready"
    for kernel in kernels:
        assert kernel.stdin is not None
        kernel.stdin.write("go\n")
        kernel.stdin.flush()
    for kernel in kernels:
        assert kernel.wait(timeout=60) == 0
    document = json.loads(Path(path).read_text(encoding="utf-8"))
    first = first_attempts(document)["ch01/objective"]
    last = document["steps"]["ch01/objective"]
    # Whichever kernel saved first wrote the first attempt; the other's save is the step's answer.
    assert (first["failed"] == []) == (last["answer"] == "ko")


if __name__ == "__main__":
    if sys.argv[1] == "first-save":
        first_save(sys.argv[2], sys.argv[3])
