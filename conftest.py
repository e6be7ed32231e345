"""Repository-wide pytest setup, shared by the unit tests and nbval's notebook runs.

Notebook kernels inherit this process's environment, so freezing the date and pointing the
progress store at a throw-away folder here makes every run reproducible and keeps tests away
from a learner's real saved work.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from influence_workbook.authoring.execute import FROZEN_TODAY

# Notebook fixtures of the browser tests are opened in JupyterLab, not run by nbval.
collect_ignore_glob = ["tests/browser/fixtures/*", "_build/*", ".venv/*", "test-artifacts/*"]

_PROGRESS_HOME = tempfile.mkdtemp(prefix="iw-test-progress-")
os.environ["INFLUENCE_WORKBOOK_TODAY"] = FROZEN_TODAY
os.environ["INFLUENCE_WORKBOOK_HOME"] = _PROGRESS_HOME
os.environ.pop("INFLUENCE_WORKBOOK_PROGRESS", None)


class AnotherKernel:
    """Another process (a second kernel) that takes the progress lock of a folder's progression.json
    and holds it until :meth:`release`: saves must wait for it, or give up after the lock's timeout."""

    def __init__(self, folder: Path) -> None:
        self.lock_file = folder / ".progression.json.lock"
        self.holder: subprocess.Popen[str] | None = None

    def take_the_lock(self) -> None:
        self.holder = subprocess.Popen(
            [sys.executable, "-c",
             "import fcntl, sys, time; f = open(sys.argv[1], 'a'); fcntl.flock(f, fcntl.LOCK_EX); "
             "print('held', flush=True); time.sleep(30)", str(self.lock_file)],
            stdout=subprocess.PIPE, text=True,
        )
        assert self.holder.stdout is not None and self.holder.stdout.readline().strip() == "held"

    def release(self) -> None:
        if self.holder is not None:
            self.holder.kill()
            self.holder.wait()
            self.holder = None


@pytest.fixture
def another_kernel(tmp_path: Path) -> Iterator[AnotherKernel]:
    kernel = AnotherKernel(tmp_path)
    yield kernel
    kernel.release()
