"""Saved progress: every workshop answer and its verdict, kept across kernel restarts and days.

One JSON file per learner. Each save re-reads the file and changes only its own step, so two
chapters open at once do not erase each other; the file is replaced atomically (write to a
temporary file beside it, flush, fsync, rename), so a crash mid-write leaves the previous
version intact; the previous good version is also kept as ``.bak``. A damaged file is set
aside under a dated name, the backup is reloaded, and a French message says what happened.

Where the file lives, first match wins:

1. ``INFLUENCE_WORKBOOK_PROGRESS``: the file's path (tests, lecturers grading a folder);
2. ``INFLUENCE_WORKBOOK_HOME``: a folder, the file is ``progression.json`` inside;
3. in JupyterLite (Pyodide), ``/drive/.influence-workbook/``, the browser-backed folder that
   JupyterLite keeps between visits;
4. otherwise ``~/.influence-workbook/``.
"""

from __future__ import annotations

import json
import os
import secrets
import sys
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from influence_workbook.feedback import Feedback

FORMAT = "influence-workbook/progress"
VERSION = 1
FILE_NAME = "progression.json"


def default_progress_path() -> Path:
    explicit = os.environ.get("INFLUENCE_WORKBOOK_PROGRESS")
    if explicit:
        return Path(explicit).expanduser()
    home = os.environ.get("INFLUENCE_WORKBOOK_HOME")
    if home:
        return Path(home).expanduser() / FILE_NAME
    if sys.platform == "emscripten":  # JupyterLite: /drive is persisted in the browser
        return Path("/drive/.influence-workbook") / FILE_NAME
    return Path.home() / ".influence-workbook" / FILE_NAME


@dataclass(frozen=True)
class SavedStep:
    """One saved workshop step: the learner's answer, its verdict and when it was saved."""

    chapter: str
    step: str
    answer: Any
    feedback: Feedback | None
    saved_at: str

    @property
    def passed(self) -> bool:
        return self.feedback is not None and self.feedback.passed


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def _empty_document() -> dict[str, Any]:
    return {"format": FORMAT, "version": VERSION, "steps": {}}


class ProgressStore:
    """Read and write one learner's progress file. Never raises on a damaged or missing file."""

    def __init__(self, path: Path | str | None = None) -> None:
        self.path = Path(path) if path is not None else default_progress_path()
        self.backup_path = self.path.with_name(self.path.name + ".bak")
        #: French messages about problems met while reading (shown by the widgets).
        self.notices: list[str] = []

    # ------------------------------------------------------------------ reading

    def _read_file(self, path: Path) -> dict[str, Any] | None:
        """The document in ``path``, or None when it is missing; raises ValueError when damaged."""
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as error:  # unreadable folder or permissions: report it, keep going
            notice = (
                f"Votre progression ne peut pas être lue dans « {path} » ({error.strerror}). "
                "Vos réponses de cette séance restent affichées mais ne seront peut-être pas enregistrées."
            )
            if notice not in self.notices:
                self.notices.append(notice)
            return None
        try:
            document = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise ValueError(str(error)) from error
        if not isinstance(document, dict) or document.get("format") != FORMAT:
            raise ValueError("not a progress file")
        if not isinstance(document.get("steps"), dict):
            raise ValueError("no steps")
        if int(document.get("version", 0)) > VERSION:
            raise ValueError(f"written by a newer version ({document.get('version')})")
        return document

    def _set_aside(self, path: Path) -> Path:
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
        target = path.with_name(f"{path.stem}.endommage-{stamp}{path.suffix}")
        counter = 1
        while target.exists():
            target = path.with_name(f"{path.stem}.endommage-{stamp}-{counter}{path.suffix}")
            counter += 1
        os.replace(path, target)
        return target

    def load(self) -> dict[str, Any]:
        """The whole document; a damaged file is set aside and the backup (or a fresh start) used."""
        try:
            document = self._read_file(self.path)
        except ValueError:
            kept = self._set_aside(self.path)
            try:
                document = self._read_file(self.backup_path)
            except ValueError:
                document = None
            if document is not None:
                self.notices.append(
                    f"Votre fichier de progression était illisible : il a été mis de côté sous le nom "
                    f"« {kept.name} » et votre dernière sauvegarde valide a été rechargée."
                )
            else:
                self.notices.append(
                    f"Votre fichier de progression était illisible : il a été mis de côté sous le nom "
                    f"« {kept.name} » (rien n'est effacé) et une nouvelle progression commence."
                )
        return document if document is not None else _empty_document()

    def get(self, chapter: str, step: str) -> SavedStep | None:
        entry = self.load()["steps"].get(f"{chapter}/{step}")
        if not isinstance(entry, dict):
            return None
        feedback = None
        if isinstance(entry.get("feedback"), dict):
            try:
                feedback = Feedback.from_dict(entry["feedback"])
            except (KeyError, TypeError):
                feedback = None
        return SavedStep(chapter, step, entry.get("answer"), feedback, str(entry.get("saved_at", "")))

    def answer(self, chapter: str, step: str, default: Any = None) -> Any:
        saved = self.get(chapter, step)
        return default if saved is None else saved.answer

    def steps(self) -> list[SavedStep]:
        document = self.load()
        result = []
        for key in sorted(document["steps"]):
            chapter, _, step = key.partition("/")
            saved = self.get(chapter, step)
            if saved is not None:
                result.append(saved)
        return result

    # ------------------------------------------------------------------ writing

    def save(self, chapter: str, step: str, answer: Any, feedback: Feedback | None = None) -> SavedStep:
        """Save one step's answer and verdict; the rest of the file is kept as it is on disk."""
        document = self.load()
        entry = {
            "answer": _jsonable(answer),
            "feedback": feedback.to_dict() if feedback is not None else None,
            "saved_at": _now(),
        }
        document["steps"][f"{chapter}/{step}"] = entry
        document["updated_at"] = entry["saved_at"]
        self._write(document)
        return SavedStep(chapter, step, entry["answer"], feedback, entry["saved_at"])

    def forget(self, chapter: str, step: str | None = None) -> None:
        """Remove one step, or a whole chapter when ``step`` is None (the learner starts over)."""
        document = self.load()
        prefix = f"{chapter}/"
        document["steps"] = {
            key: value
            for key, value in document["steps"].items()
            if not (key == f"{chapter}/{step}" if step is not None else key.startswith(prefix))
        }
        self._write(document)

    def _write(self, document: Mapping[str, Any]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        payload = json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")
        descriptor, temporary = tempfile.mkstemp(
            prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent
        )
        try:
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(payload)
                handle.flush()
                os.fsync(handle.fileno())
            if self.path.exists():
                _copy_atomically(self.path, self.backup_path)
            os.replace(temporary, self.path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise


def _copy_atomically(source: Path, target: Path) -> None:
    """Keep the last good version as a backup, itself replaced atomically.

    The backup is a second name (hard link) for the file about to be replaced: its data was
    synced to disk when it was written, so keeping it costs no copy and no second ``fsync`` (half
    the time of a click's save). Where links are not supported (some network or browser-backed
    folders), the data is copied and synced instead.
    """
    try:
        data = source.read_bytes()
        json.loads(data.decode("utf-8"))  # only a readable file is worth keeping as the backup
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return
    linked = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
    try:
        os.link(source, linked)
        os.replace(linked, target)
        return
    except OSError:
        linked.unlink(missing_ok=True)
    descriptor, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except OSError:
        # The backup is a second safety net: failing to refresh it must not block the save itself.
        Path(temporary).unlink(missing_ok=True)


def _jsonable(value: Any) -> Any:
    """A JSON-safe copy of an answer (tuples become lists, dates become ISO strings)."""
    return json.loads(json.dumps(value, ensure_ascii=False, default=str))
