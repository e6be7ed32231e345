"""Files the course writes into the learner's folder (certificates, briefs, budgets), written safely.

A file is written beside its final name, flushed to disk, then renamed over it: a crash or a full disk
leaves either the old file or the new one, never half a PDF. The callers turn an ``OSError`` into a
French notice (``progress.os_error_in_french``) and still offer the download from the page.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomically(target: Path, payload: bytes) -> None:
    """Write ``payload`` to ``target`` (its folder created if needed) by a rename; raises OSError."""
    target.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
