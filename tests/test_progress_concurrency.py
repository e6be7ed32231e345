"""Saved progress under real concurrency: two kernels saving at once, a kernel killed mid-save.

The work runs in fresh Python processes (this file run as a script), so that a save really races a
save of another process, and a SIGKILL really lands in the middle of one. Each mode prints its
counts as one JSON line; run it by hand to read them:

    .venv/bin/python tests/test_progress_concurrency.py race /tmp/race/progression.json 300
    .venv/bin/python tests/test_progress_concurrency.py kill /tmp/kill/progression.json 1000
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from influence_workbook import progress
from influence_workbook.progress import ProgressStore

SCRIPT = Path(__file__).resolve()
FILLER_STEPS = 100


def temporary_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# --------------------------------------------------------------------------- the script's modes


def save_many(path: str, chapter: str, count: int, jitter_s: float) -> None:
    """One kernel: wait for « go » on stdin, then save ``count`` different steps as fast as it can."""
    store = ProgressStore(path)
    store.load()
    print("ready", flush=True)
    sys.stdin.readline()
    for index in range(count):
        store.save(chapter, f"s{index:04d}", index)
        if jitter_s:
            time.sleep(random.uniform(0, jitter_s))


def race(path: str, count: int, jitter_s: float = 0.0) -> dict[str, Any]:
    """Two processes save ``count`` steps each, interleaved; count the saves missing from the file."""
    kernels = [
        subprocess.Popen(
            [sys.executable, str(SCRIPT), "save-many", path, chapter, str(count), str(jitter_s)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for chapter in ("ch02", "ch04")
    ]
    for kernel in kernels:  # both have imported everything and read the file: start them together
        assert kernel.stdout is not None and kernel.stdout.readline().strip() == "ready"
    for kernel in kernels:
        assert kernel.stdin is not None
        kernel.stdin.write("go\n")
        kernel.stdin.flush()
    codes = [kernel.wait(timeout=300) for kernel in kernels]
    reader = ProgressStore(path)
    steps = reader.load()["steps"]
    lost = [
        f"{chapter}/s{index:04d}"
        for chapter in ("ch02", "ch04")
        for index in range(count)
        if (steps.get(f"{chapter}/s{index:04d}") or {}).get("answer") != index
    ]
    return {
        "updates": 2 * count,
        "lost": len(lost),
        "first_lost": lost[:5],
        "exit_codes": codes,
        "notices": reader.notices,
        "temporary_files": temporary_files(Path(path).parent),
    }


def keep_saving(path: str, start: int, report: int) -> None:
    """A kernel saving one step again and again, writing each value it saved to ``report``."""
    store = ProgressStore(path)
    value = start
    while True:
        store.save("kill", "counter", value)
        os.write(report, f"{value}\n".encode())
        value += 1


def kill_rounds(path: str, rounds: int) -> dict[str, Any]:
    """SIGKILL a saving process ``rounds`` times; after each, the file must hold the old or the new state."""
    store = ProgressStore(path)
    for index in range(FILLER_STEPS):  # a document big enough that a save takes a little while
        store.save("fill", f"s{index:03d}", f"réponse {index} « 🌱 » " * 10)
    folder = Path(path).parent
    counts: dict[str, Any] = {
        "kills": 0,
        "kills_with_a_save_under_way": 0,
        "temporary_files_left_by_kills": 0,
        "temporary_files_after_next_load": 0,
        "wrong_states": [],
        "notices": [],
    }
    for round_ in range(rounds):
        start = round_ * 1_000_000
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the kernel about to be killed
            os.close(read_end)
            try:
                keep_saving(path, start, write_end)
            finally:
                os._exit(1)
        os.close(write_end)
        reported = b""
        while b"\n" not in reported:  # it has saved at least once: now kill it somewhere in a save
            chunk = os.read(read_end, 65536)
            if not chunk:
                break
            reported += chunk
        time.sleep(random.uniform(0, 0.004))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        counts["kills"] += 1
        while chunk := os.read(read_end, 65536):
            reported += chunk
        os.close(read_end)
        last = max(int(value) for value in reported.split())
        left = temporary_files(folder)
        counts["temporary_files_left_by_kills"] += len(left)
        counts["kills_with_a_save_under_way"] += bool(left)
        reader = ProgressStore(path)  # the next kernel
        document = reader.load()
        saved = reader.answer("kill", "counter")
        fill = sum(key.startswith("fill/") for key in document["steps"])
        if saved not in (last, last + 1) or fill != FILLER_STEPS:
            counts["wrong_states"].append({"round": round_, "last_reported": last, "file": saved, "fill": fill})
        counts["notices"].extend(reader.notices)
        counts["temporary_files_after_next_load"] += len(temporary_files(folder))
    return counts


def run_mode(*args: str, timeout: float = 300) -> dict[str, Any]:
    """Run this file as a script in a fresh process and return the JSON line it prints."""
    done = subprocess.run(
        [sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=timeout, check=False
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    print(json.dumps(result, ensure_ascii=False))  # pytest -s shows the counts
    return result


# --------------------------------------------------------------------------- the tests


def test_two_kernels_saving_interleaved_lose_no_update(tmp_path: Path) -> None:
    result = run_mode("race", str(tmp_path / "progression.json"), "300")
    assert result["exit_codes"] == [0, 0]
    assert result["lost"] == 0, f"{result['lost']} of {result['updates']} updates lost: {result['first_lost']}"
    assert result["notices"] == [] and result["temporary_files"] == []


def test_two_kernels_with_pauses_between_saves_lose_no_update(tmp_path: Path) -> None:
    result = run_mode("race", str(tmp_path / "progression.json"), "100", "0.003")
    assert result["exit_codes"] == [0, 0]
    assert result["lost"] == 0, f"{result['lost']} of {result['updates']} updates lost: {result['first_lost']}"


def test_without_fcntl_threads_of_one_process_lose_no_update(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Pyodide has one process: there the thread lock alone must serialise the saves.
    monkeypatch.setattr(progress, "fcntl", None)
    path = tmp_path / "progression.json"

    def kernel(chapter: str) -> None:
        store = ProgressStore(path)
        for index in range(150):
            store.save(chapter, f"s{index:04d}", index)

    threads = [threading.Thread(target=kernel, args=(chapter,)) for chapter in ("ch02", "ch04")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    steps = ProgressStore(path).load()["steps"]
    missing = [f"{c}/s{i:04d}" for c in ("ch02", "ch04") for i in range(150) if f"{c}/s{i:04d}" not in steps]
    assert missing == []
    assert not list(tmp_path.glob(".progression.json.lock"))  # no sidecar file where there is no flock


def test_in_pyodide_no_lock_file_is_made_in_the_browser_backed_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "platform", "emscripten")
    store = ProgressStore(tmp_path / "progression.json")
    store.save("ch01", "objective", "a")
    store.save("ch01", "objective", "b")
    assert ProgressStore(store.path).answer("ch01", "objective") == "b"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["progression.json", "progression.json.bak"]


def test_a_kernel_killed_mid_save_leaves_the_old_or_the_new_state_and_no_temporary_file(tmp_path: Path) -> None:
    result = run_mode("kill", str(tmp_path / "progression.json"), "150")
    assert result["kills"] == 150
    assert result["wrong_states"] == []
    assert result["notices"] == []  # never damaged
    assert result["temporary_files_after_next_load"] == 0
    # The kills did land inside saves (a temporary file was there), or this test would prove nothing.
    assert result["kills_with_a_save_under_way"] > 0


def test_a_save_waiting_too_long_for_another_kernel_is_refused_and_kept_in_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, another_kernel: Any
) -> None:
    path = tmp_path / "progression.json"
    ProgressStore(path).save("ch01", "objective", "first")
    another_kernel.take_the_lock()  # in the middle of a (very long) save
    monkeypatch.setattr(progress, "LOCK_TIMEOUT_S", 0.3)
    store = ProgressStore(path)
    with pytest.raises(progress.ProgressNotSaved) as refused:
        store.save("ch01", "objective", "second")
    assert "occupé par un autre notebook" in refused.value.notice
    assert store.answer("ch01", "objective") == "second"  # kept for this session
    another_kernel.release()
    store.save("ch02", "shortlist", ["C0001"])  # the lock is free again: the kept answer is written too
    reopened = ProgressStore(path)
    assert reopened.answer("ch01", "objective") == "second"
    assert reopened.answer("ch02", "shortlist") == ["C0001"]


if __name__ == "__main__":
    mode, *arguments = sys.argv[1:]
    if mode == "save-many":
        save_many(arguments[0], arguments[1], int(arguments[2]), float(arguments[3]))
    else:
        Path(arguments[0]).parent.mkdir(parents=True, exist_ok=True)
        if mode == "race":
            outcome = race(arguments[0], int(arguments[1]), float(arguments[2]) if len(arguments) > 2 else 0.0)
        elif mode == "kill":
            outcome = kill_rounds(arguments[0], int(arguments[1]))
        else:
            raise SystemExit(f"unknown mode {mode!r}: race, kill or save-many")
        print(json.dumps(outcome, ensure_ascii=False))
