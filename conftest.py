"""Repository-wide pytest setup, shared by the unit tests and nbval's notebook runs.

Notebook kernels inherit this process's environment, so freezing the date and pointing the
progress store at a throw-away folder here makes every run reproducible and keeps tests away
from a learner's real saved work.
"""

from __future__ import annotations

import os
import tempfile

from influence_workbook.authoring.execute import FROZEN_TODAY

# Notebook fixtures of the browser tests are opened in JupyterLab, not run by nbval.
collect_ignore_glob = ["tests/browser/fixtures/*", "_build/*", ".venv/*", "test-artifacts/*"]

_PROGRESS_HOME = tempfile.mkdtemp(prefix="iw-test-progress-")
os.environ["INFLUENCE_WORKBOOK_TODAY"] = FROZEN_TODAY
os.environ["INFLUENCE_WORKBOOK_HOME"] = _PROGRESS_HOME
os.environ.pop("INFLUENCE_WORKBOOK_PROGRESS", None)
