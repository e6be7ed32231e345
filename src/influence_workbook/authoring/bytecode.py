"""The browser's Python modules compiled to bytecode at build time: each shipped as ``.pyc`` instead of ``.py``.

Python in WebAssembly compiles every module it imports from source at each page load (nothing persists between
visits), and Pyodide 314.0.6's npm package ships its standard library (``python_stdlib.zip``) as source, like the
wheels from PyPI. The kernel's start (IPython, micropip, logging, argparse...) and the course's imports spent about
1 s of a workshop's start compiling in Chromium here. :func:`compile_archive` rewrites the standard library's archive
and each wheel the site ships (the course's included) with bytecode instead.

The bytecode must come from the very Python that runs it (the same minor version's magic number), so this module
runs *inside Pyodide* at build time, in Node.js (:func:`compile_wheels_in_pyodide`, through ``run_in_pyodide.mjs``):
it uses the standard library only. Each ``.pyc`` is hash-based and unchecked (PEP 552): the wheel holds no source
to check it against, and the bytes do not depend on the build's clock.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import marshal
import shutil
import subprocess
import sys
import warnings
import zipfile
from collections.abc import Sequence
from pathlib import Path

#: Where Pyodide installs pure wheels and where it reads its standard library: the modules' file names in tracebacks.
SITE_PACKAGES = f"/lib/python{sys.version_info.major}.{sys.version_info.minor}/site-packages"
STDLIB_ARCHIVE = "python_stdlib.zip"
STDLIB_PATH = f"/lib/python{sys.version_info.major}{sys.version_info.minor}.zip"
#: PEP 552's flags: hash-based (bit 0), not checked against a source (bit 1 unset).
UNCHECKED_HASH_FLAGS = (0b01).to_bytes(4, "little")
_RUNNER = Path(__file__).with_name("run_in_pyodide.mjs")


def pyc_bytes(source: bytes, filename: str) -> bytes | None:
    """``source`` compiled as a ``.pyc`` file's bytes, or None when it does not compile here (kept as source)."""
    try:
        with warnings.catch_warnings():  # "invalid escape sequence" in some wheels' tests: theirs, not the build's
            warnings.simplefilter("ignore", SyntaxWarning)
            code = compile(source, filename, "exec", dont_inherit=True)
    except (SyntaxError, ValueError):  # e.g. a Python 2 test file some wheels still carry
        return None
    return importlib.util.MAGIC_NUMBER + UNCHECKED_HASH_FLAGS + importlib.util.source_hash(source) + \
        marshal.dumps(code)


def record_line(name: str, data: bytes) -> str:
    """A wheel's ``RECORD`` line for one file (PEP 376: urlsafe base64 SHA-256 without padding, and the size)."""
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def write_archive(target: Path, files: dict[str, bytes]) -> Path:
    """Write a zip archive of ``files``, the same bytes for the same files: entries in the given order (a name ending
    in ``/`` is a folder), each dated 1980-01-01, compressed and readable by all. The file is replaced whole."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(target.name + ".tmp")
    with zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = (0o755 if name.endswith("/") else 0o644) << 16
            archive.writestr(info, data)
    temporary.replace(target)
    return target


def write_wheel(target: Path, files: dict[str, bytes], dist_info: str) -> Path:
    """Write a wheel of ``files`` with its ``RECORD`` (in ``dist_info``) computed here (see :func:`write_archive`)."""
    record = f"{dist_info}/RECORD"
    entries = {name: data for name, data in files.items() if name != record and not name.endswith("/")}
    lines = [record_line(name, data) for name, data in entries.items()] + [f"{record},,"]
    entries[record] = ("\n".join(lines) + "\n").encode()
    return write_archive(target, entries)


def compile_archive(path: Path, origin: str) -> int:
    """Rewrite the archive ``path`` in place with each module as bytecode; the number of modules compiled.

    ``origin`` is where Python finds the archive's files (:data:`SITE_PACKAGES` for a wheel, :data:`STDLIB_PATH`):
    the file names tracebacks show. A module that does not compile here stays as source. A wheel (one
    ``.dist-info/RECORD``) gets its ``RECORD`` rewritten. Entries keep their order, so the same archive and the same
    Python give the same bytes.
    """
    files: dict[str, bytes] = {}
    compiled = 0
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            data = archive.read(info)
            if info.filename.endswith(".py"):
                pyc = pyc_bytes(data, f"{origin}/{info.filename}")
                if pyc is not None:
                    files[info.filename + "c"] = pyc
                    compiled += 1
                    continue
            files[info.filename] = data
    records = [name for name in files if name.endswith(".dist-info/RECORD")]
    if len(records) > 1:
        raise ValueError(f"{path.name}: {len(records)} .dist-info/RECORD files")
    if records:
        write_wheel(path, files, records[0].rsplit("/", 1)[0])
    else:
        write_archive(path, files)
    return compiled


def main(argv: Sequence[str] | None = None) -> int:
    """Compile the standard library's archive and every wheel of the folders given (run by Pyodide: see above)."""
    folders = [Path(arg) for arg in (sys.argv[1:] if argv is None else argv)]
    for folder in folders:
        archives = [(path, STDLIB_PATH) for path in [folder / STDLIB_ARCHIVE] if path.is_file()]
        archives += [(wheel, SITE_PACKAGES) for wheel in sorted(folder.glob("*.whl"))]
        for path, origin in archives:
            print(f"[bytecode] {path.name}: {compile_archive(path, origin)} modules compiled")
    return 0


def node_executable() -> str:
    """Node.js, which runs Pyodide at build time; a French-free build error (this is the authors' tool) if absent."""
    node = shutil.which("node")
    if node is None:
        raise SystemExit("make site needs Node.js (node) to compile the wheels with Pyodide's own Python: "
                         "install Debian's nodejs")
    return node


def compile_in_pyodide(pyodide_dir: Path, wheels_dir: Path) -> None:
    """Compile the standard library and every wheel of ``wheels_dir`` with the Pyodide of ``pyodide_dir`` (its
    ``pyodide.mjs``), in Node.js. Pyodide starts from its archive before this rewrites it."""
    subprocess.run([node_executable(), str(_RUNNER), str(pyodide_dir.resolve()), str(wheels_dir.resolve()),
                    str(Path(__file__).resolve())], check=True)


if __name__ == "__main__":
    raise SystemExit(main())
