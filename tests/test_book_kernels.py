"""The book's notebooks execute without « Kernel is running over TCP without encryption » (issue 20,
item 7): the course's Sphinx extension starts the build's kernels with their own log at ERROR level.
A cell's warning still reaches the build (through the cell's stderr output), so -W stays honest. Once its
notebook is done, a build's kernel is stopped at once: a graceful stop could print ipykernel's shutdown
traceback into the build's log (CI, 2026-12-07)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

WARNING = "Kernel is running over TCP without encryption"

#: Executes a one-cell notebook the way the book does (jupyter-cache), printing the cell's outputs.
SCRIPT = textwrap.dedent("""
    import sys, nbformat
    from jupyter_cache.executors.utils import single_nb_execution
    if sys.argv[1] == "course":
        from influence_workbook.authoring.book import quiet_kernel_start_up
        quiet_kernel_start_up()
    # A graceful stop runs the kernel's atexit hooks (the file is written); a stop at once does not.
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "import atexit, pathlib, warnings; print(6 * 7); warnings.warn('a cell warning')\\n"
        "hook = atexit.register(pathlib.Path('stopped-gracefully').write_text, 'yes')")])
    result = single_nb_execution(notebook, cwd=sys.argv[2], timeout=60, allow_errors=False)
    assert result.err is None, result.exc_string
    for output in notebook.cells[0].outputs:
        print(output["name"], output["text"].strip())
""")


def _execute(mode: str, cwd: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", SCRIPT, mode, cwd], capture_output=True, text=True,
                          timeout=120, check=False, env=dict(os.environ))


@pytest.mark.slow
def test_book_kernels_start_without_the_tcp_warning_keep_cell_warnings_and_stop_at_once(tmp_path: Path) -> None:
    graceful_mark = tmp_path / "stopped-gracefully"
    course = _execute("course", str(tmp_path))
    assert course.returncode == 0, course.stderr
    assert WARNING not in course.stderr
    assert "stdout 42" in course.stdout
    assert not graceful_mark.exists(), "the build's kernel was asked to shut down instead of stopped at once"
    # What -W relies on: a cell's warning is still in its outputs (myst-nb turns it into a build warning).
    assert "stderr" in course.stdout and "a cell warning" in course.stdout
    # The same execution without the extension is what the build printed twelve times.
    default = _execute("default", str(tmp_path))
    assert default.returncode == 0, default.stderr
    assert WARNING in default.stderr
    assert graceful_mark.read_text() == "yes"  # nbclient's own default: the control
