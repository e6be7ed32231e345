"""The course as a learner starts it: ``scripts/start.sh`` (what ``make start`` runs), in a sandbox.

``CourseServer`` runs the real start script with a temporary ``HOME``, so the learner's workspace
and progress file land where a learner's would (``~/.influence-workbook``), and reads the address
the script prints. ``restart`` stops the server and its kernels and starts it again on the same home:
what a learner meets the next morning.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
from pathlib import Path
from typing import Any

from browser_harness import (
    REPO,
    SERVER_START_TIMEOUT_S,
    HarnessError,
    _http_get,
    _wait_until,
    frozen_today,
    server_api,
)

START_SCRIPT = REPO / "scripts" / "start.sh"
ADDRESS = re.compile(r"http://127\.0\.0\.1:(?P<port>\d+)/(?P<path>\S+)\?token=(?P<token>\S+)")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class CourseServer:
    """``scripts/start.sh`` on a free port with a temporary home; ``url(page)`` opens a page of it."""

    def __init__(self) -> None:
        self.base = Path(tempfile.mkdtemp(prefix="iw-course-"))
        self.process: subprocess.Popen[bytes] | None = None
        self.port = 0
        self.token = ""
        self.home_path = ""
        self.starts = 0

    @property
    def home(self) -> Path:
        return self.base / "home"

    @property
    def log_path(self) -> Path:
        return self.base / f"start-{self.starts}.log"

    @property
    def workspace(self) -> Path:
        return self.home / ".influence-workbook" / "espace"

    def progress_file(self) -> Path:
        return self.home / ".influence-workbook" / "progression.json"

    def url(self, path: str | None = None) -> str:
        return f"http://127.0.0.1:{self.port}/{path or self.home_path}?token={self.token}"

    def course_page(self, notebook: str) -> str:
        """The course-mode address of a chapter given as in the specs (``notebooks/03_….ipynb``)."""
        return self.url(f"voila/render/cours/{Path(notebook).name}")

    def start(self) -> CourseServer:
        self.starts += 1
        self.home.mkdir(parents=True, exist_ok=True)
        env = {name: value for name, value in os.environ.items()
               if not name.startswith(("JUPYTER", "INFLUENCE_WORKBOOK")) and name != "PYTHONSTARTUP"}
        env.update({
            "HOME": str(self.home),
            "INFLUENCE_WORKBOOK_TODAY": frozen_today(),
            "INFLUENCE_WORKBOOK_NO_BROWSER": "1",
            "TMPDIR": str(self.base),
            "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
            "PYTHONUNBUFFERED": "1",
        })
        port = free_port()
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(["bash", str(START_SCRIPT), str(port)], cwd=REPO, env=env,
                                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)

        def address() -> re.Match[str] | None:
            if self.process is not None and self.process.poll() is not None:
                raise HarnessError(f"make start exited with code {self.process.returncode}:\n{self.log()}")
            return ADDRESS.search(self.log())

        try:
            found = _wait_until(address, SERVER_START_TIMEOUT_S, "the address printed by scripts/start.sh")
            self.port, self.home_path, self.token = int(found["port"]), found["path"], found["token"]

            def ready() -> bool:
                status, _ = _http_get(f"http://127.0.0.1:{self.port}/api/status?token={self.token}", timeout=2)
                return status == 200

            _wait_until(ready, SERVER_START_TIMEOUT_S, "the course server's /api/status")
        except BaseException:
            self.stop()
            raise
        return self

    def log(self) -> str:
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""

    def stop(self) -> None:
        """Stop the server and every kernel it started (its process group)."""
        process, self.process = self.process, None
        if process is None:
            return
        if process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)

    def restart(self) -> CourseServer:
        self.stop()
        time.sleep(0.2)  # let the old kernels' sockets close before the new server binds
        return self.start()

    def shutdown_kernels(self) -> int:
        """Shut every kernel down (Voilà leaves a page's kernel running after the page closes, until
        the idle culling of config/jupyter); the number shut down."""
        kernels = self.api("GET", "/api/kernels")
        for kernel in kernels:
            with contextlib.suppress(urllib.error.HTTPError):
                self.api("DELETE", f"/api/kernels/{kernel['id']}")
        return len(kernels)

    def api(self, method: str, path: str) -> Any:
        return server_api(f"http://127.0.0.1:{self.port}", self.token, method, path)

    def forget_progress(self) -> None:
        """A new learner's state: no progress file, no backup of it (the store would restore it), no
        certificate; the workspace stays, as make start rebuilds it anyway."""
        folder = self.progress_file().parent
        for path in folder.glob(f"{self.progress_file().name}*"):
            path.unlink(missing_ok=True)
        shutil.rmtree(folder / "attestations", ignore_errors=True)

    def saved_steps(self) -> dict[str, dict[str, object]]:
        try:
            document = json.loads(self.progress_file().read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        steps = document.get("steps", {})
        return steps if isinstance(steps, dict) else {}

    def close(self) -> None:
        self.stop()
        shutil.rmtree(self.base, ignore_errors=True)
