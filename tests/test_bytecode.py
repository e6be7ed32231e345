"""The site's modules compiled to bytecode (``influence_workbook.authoring.bytecode``), on this machine's Python.

The build runs the same code inside Pyodide, whose Python must write the bytecode it reads; here the host's Python
writes and reads it, which checks the archives' layout, their RECORD and that the modules import without source.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import zipfile
from pathlib import Path

import pytest

from influence_workbook.authoring import bytecode

DIST_INFO = "demo-1.0.dist-info"


def _demo_wheel(folder: Path) -> Path:
    files = {
        "demo_pkg/__init__.py": b"from .core import answer\n",
        "demo_pkg/core.py": b"def answer() -> int:\n    return 42\n",
        "demo_pkg/py2_only.py": b"print 'old'\n",  # does not compile: kept as source
        "demo_pkg/data.csv": b"a;b\n1;2\n",
        f"{DIST_INFO}/METADATA": b"Metadata-Version: 2.1\nName: demo\nVersion: 1.0\n",
    }
    return bytecode.write_wheel(folder / "demo-1.0-py3-none-any.whl", files, DIST_INFO)


def test_a_wheel_is_rewritten_with_bytecode_and_a_record_that_matches(tmp_path: Path) -> None:
    wheel = _demo_wheel(tmp_path)
    assert bytecode.compile_archive(wheel, bytecode.SITE_PACKAGES) == 2
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        assert sorted(names) == sorted(["demo_pkg/__init__.pyc", "demo_pkg/core.pyc", "demo_pkg/py2_only.py",
                                        "demo_pkg/data.csv", f"{DIST_INFO}/METADATA", f"{DIST_INFO}/RECORD"])
        record = archive.read(f"{DIST_INFO}/RECORD").decode().splitlines()
        expected = [bytecode.record_line(name, archive.read(name)) for name in names if not name.endswith("RECORD")]
        assert record == [*expected, f"{DIST_INFO}/RECORD,,"]
        pyc = archive.read("demo_pkg/core.pyc")
    source = b"def answer() -> int:\n    return 42\n"
    assert pyc[:4] == importlib.util.MAGIC_NUMBER
    assert pyc[4:8] == bytecode.UNCHECKED_HASH_FLAGS  # PEP 552: hash-based, never checked (there is no source)
    assert pyc[8:16] == importlib.util.source_hash(source)


def test_the_compiled_modules_import_without_their_source(tmp_path: Path) -> None:
    wheel = _demo_wheel(tmp_path)
    bytecode.compile_archive(wheel, bytecode.SITE_PACKAGES)
    sys.path.insert(0, str(wheel))
    try:
        module = importlib.import_module("demo_pkg")
        assert module.answer() == 42
        assert module.core.__file__.endswith("core.pyc")  # type: ignore[attr-defined]
        assert module.answer.__code__.co_filename == f"{bytecode.SITE_PACKAGES}/demo_pkg/core.py"
    finally:
        sys.path.remove(str(wheel))
        for name in [n for n in sys.modules if n.split(".")[0] == "demo_pkg"]:
            del sys.modules[name]


def test_the_same_archive_gives_the_same_bytes(tmp_path: Path) -> None:
    first, second = _demo_wheel(tmp_path / "a"), _demo_wheel(tmp_path / "b")
    bytecode.compile_archive(first, bytecode.SITE_PACKAGES)
    bytecode.compile_archive(second, bytecode.SITE_PACKAGES)
    assert first.read_bytes() == second.read_bytes()


def test_the_standard_library_archive_keeps_its_folders_and_gets_no_record(tmp_path: Path) -> None:
    archive_path = tmp_path / bytecode.STDLIB_ARCHIVE
    with zipfile.ZipFile(archive_path, "w") as archive:
        archive.writestr("json/", b"")
        archive.writestr("json/__init__.py", b"VALUE = 1\n")
        archive.writestr("this_module.py", b"X = 2\n")
    assert bytecode.compile_archive(archive_path, bytecode.STDLIB_PATH) == 2
    with zipfile.ZipFile(archive_path) as archive:
        assert archive.namelist() == ["json/", "json/__init__.pyc", "this_module.pyc"]
    sys.path.insert(0, str(archive_path))
    try:
        assert importlib.import_module("this_module").X == 2
    finally:
        sys.path.remove(str(archive_path))
        sys.modules.pop("this_module", None)


def test_the_build_compiles_the_standard_library_and_every_wheel_of_the_folder(tmp_path: Path,
                                                                              capsys: pytest.CaptureFixture[str],
                                                                              ) -> None:
    _demo_wheel(tmp_path)
    with zipfile.ZipFile(tmp_path / bytecode.STDLIB_ARCHIVE, "w") as archive:
        archive.writestr("abc_demo.py", b"Y = 3\n")
    assert bytecode.main([str(tmp_path)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "[bytecode] python_stdlib.zip: 1 modules compiled",
        "[bytecode] demo-1.0-py3-none-any.whl: 2 modules compiled",
    ]


def test_a_wheel_with_two_records_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "odd-1.0-py3-none-any.whl"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("a-1.0.dist-info/RECORD", b"")
        archive.writestr("b-1.0.dist-info/RECORD", b"")
    with pytest.raises(ValueError, match=r"2 \.dist-info/RECORD"):
        bytecode.compile_archive(path, bytecode.SITE_PACKAGES)
