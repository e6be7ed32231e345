"""The site benchmark's size table: each file of the site counted once, in the part a reader would name."""

from __future__ import annotations

from pathlib import Path

from benchmarks.bench_site import site_parts


def _file(path: Path, size: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x" * size)


def test_every_file_is_in_one_part_and_the_total_adds_up(tmp_path: Path) -> None:
    _file(tmp_path / "index.html", 1_000_000)
    _file(tmp_path / "_static" / "theme.css", 500_000)
    _file(tmp_path / "lite" / "repl" / "index.html", 2_000_000)
    _file(tmp_path / "lite" / "static" / "favicons" / "favicon.ico", 100_000)
    _file(tmp_path / "lite" / "static" / "pyodide" / "pyodide.asm.wasm", 3_000_000)
    _file(tmp_path / "lite" / "static" / "pyodide" / "ipywidgets-8.1.9-py3-none-any.whl", 4_000_000)
    rows = {name: (megabytes, count) for name, megabytes, count in site_parts(tmp_path)}
    assert rows == {
        "Pyodide (Python en WebAssembly)": (3.0, 1),
        "paquets Python (roues)": (4.0, 1),
        "JupyterLite (application)": (2.1, 2),
        "livre (HTML, CSS, images)": (1.5, 2),
        "site entier": (10.6, 6),
    }
