"""Saved progress: every workshop answer and its verdict, kept across kernel restarts and days.

One JSON file per learner. What a save guarantees:

- **Nothing another kernel saved is lost.** Each save re-reads the file and changes only its own
  step, holding a lock for the whole read-modify-write: ``fcntl.flock`` on a sidecar file
  (``.progression.json.lock``) between processes, a thread lock within one (the only lock where
  ``fcntl`` is missing or ``flock`` is not supported, as in Pyodide, where there is one process).
- **A crash never leaves half a file.** The file is replaced atomically (write to a temporary file
  beside it, flush, fsync, rename); the previous good version is kept as ``.bak``; temporary files
  left by a killed kernel are removed at the next load.
- **A file that cannot be read is never written over.** A permission error, or a file written by a
  newer version of the course, makes every save refuse (:class:`ProgressNotSaved`, with a French
  notice saying where the file is and what to do); the answers of the session are kept in memory
  and written with the next save that can read the file again.
- **A damaged file is set aside, never deleted.** Any failure to decode it (bad JSON, wrong shape,
  ``1e400``, deep nesting…) moves it under a dated name and the backup is restored; two kernels
  doing it at once both carry on.

Besides the steps, the document keeps two optional lists, both added after the first files were
written (a file without them reads as before; an older course keeps them when it saves, since it
writes back every key it read):

- ``activity``: the learner's working periods, ``[start, end]`` ISO times. Each save extends the
  latest period when it comes less than :data:`IDLE_GAP_S` after its end, else opens a new one;
  the course estimates the active time from them (:mod:`influence_workbook.course_progress`).
- ``certificates``: the certificates of completion issued (:mod:`influence_workbook.certificate`),
  appended by :meth:`ProgressStore.append_record`.
- ``first_attempts``: per step key, the verdict of its first checked save, compactly (``saved_at``,
  ``check``, ``passed`` and the ids of the criteria ``ok`` and ``failed``). A step keeps only its
  last answer; the teacher's class report (:mod:`influence_workbook.class_report`) needs what the
  class failed the first time, to know what to re-teach. Written by the save, under its lock, only
  when the step has none yet (a save without a verdict, or whose verdict is an input problem, is no
  attempt; quizzes keep their attempts in their answer); forgetting a step keeps it. A section that
  is not a dict (a hand edit) is left alone.

Where the file lives, first match wins:

1. ``INFLUENCE_WORKBOOK_PROGRESS``: the file's path (tests, lecturers grading a folder);
2. ``INFLUENCE_WORKBOOK_HOME``: a folder, the file is ``progression.json`` inside;
3. in JupyterLite (Pyodide), ``/drive/.influence-workbook/``, the browser-backed folder that
   JupyterLite keeps between visits;
4. otherwise ``~/.influence-workbook/``.
"""

from __future__ import annotations

import errno
import gc
import json
import os
import secrets
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType
from typing import Any

from influence_workbook.feedback import Feedback, FeedbackItem
from influence_workbook.typography import fix

fcntl: ModuleType | None
try:
    import fcntl
except ImportError:  # Windows; the thread lock is then the only one
    fcntl = None

FORMAT = "influence-workbook/progress"
VERSION = 1
FILE_NAME = "progression.json"
#: How long a save waits for another kernel's save before giving up (a save takes milliseconds).
LOCK_TIMEOUT_S = 10.0
#: Without a lock between processes, a temporary file this old is a leftover, not a save under way.
LEFTOVER_AGE_S = 10.0
#: Two saves less than this apart belong to one working period (30 minutes: a learner reading a
#: chapter's text between two workshops stays well under it; a longer gap is counted as a break).
IDLE_GAP_S = 30 * 60
ACTIVITY = "activity"
FIRST_ATTEMPTS = "first_attempts"
#: Steps that keep no first attempt: a quiz is saved after each pick, and its attempts are in its own
#: answer (:mod:`influence_workbook.quiz`).
WITHOUT_FIRST_ATTEMPT = frozenset({"quiz"})
NEWER_REMEDY = (
    "Mettez le cours à jour (au moins la version qui a écrit ce fichier), puis redémarrez le noyau "
    "pour retrouver toutes vos réponses."
)


#: Where the progress file lives in JupyterLite (Pyodide): its ``/drive``, persisted in the browser.
BROWSER_FOLDER = Path("/drive/.influence-workbook")


def default_progress_path() -> Path:
    explicit = os.environ.get("INFLUENCE_WORKBOOK_PROGRESS")
    if explicit:
        return Path(explicit).expanduser()
    home = os.environ.get("INFLUENCE_WORKBOOK_HOME")
    if home:
        return Path(home).expanduser() / FILE_NAME
    if sys.platform == "emscripten":  # JupyterLite: /drive is persisted in the browser
        return BROWSER_FOLDER / FILE_NAME
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


class ProgressNotSaved(OSError):
    """A save refused to protect the file on disk; ``notice`` says why and what to do, in French.

    The answer is kept in memory (``get`` returns it) and written by the next save that can.
    """

    def __init__(self, notice: str, code: int = errno.EACCES) -> None:
        super().__init__(code, notice)
        self.notice = notice

    def __str__(self) -> str:
        return self.notice


class _Damaged(Exception):
    """The file exists but does not hold a progress document this version can trust."""


class _Unreadable(Exception):
    def __init__(self, error: OSError) -> None:
        super().__init__(str(error))
        self.error = error


class _Newer(Exception):
    def __init__(self, version: int) -> None:
        super().__init__(f"written by version {version}")
        self.version = version


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def _empty_document() -> dict[str, Any]:
    return {"format": FORMAT, "version": VERSION, "steps": {}}


def os_error_in_french(error: OSError) -> str:
    """A short French reason for a file-system error (the system's own text is in English): the one table
    the store's notices and the workshops' save messages share."""
    reasons = {
        errno.ENOSPC: "disque plein",
        errno.EACCES: "accès refusé",
        errno.EPERM: "accès refusé",
        errno.EROFS: "disque en lecture seule",
        errno.EISDIR: "c'est un dossier, pas un fichier",
        errno.ENOTDIR: "le dossier de sauvegarde est un fichier",
        errno.EEXIST: "le dossier de sauvegarde est un fichier",
        errno.EIO: "erreur de lecture ou d'écriture du disque",
    }
    return reasons.get(error.errno or 0, "erreur du système de fichiers")


# --------------------------------------------------------------------------- locking


class _FileLock:
    """One progress file's lock: a thread lock in this process, ``flock`` on a sidecar file between processes.

    Re-entrant within a thread (a save that recovers a damaged file takes it twice). ``hold`` yields
    True when other processes are excluded too, False where only this process's threads are.
    """

    def __init__(self, lock_path: Path) -> None:
        self.lock_path = lock_path
        self.thread_lock = threading.RLock()
        self.depth = 0
        self.descriptor: int | None = None
        self.exclusive = False

    @contextmanager
    def hold(self, timeout: float) -> Iterator[bool]:
        deadline = time.monotonic() + timeout
        if not self.thread_lock.acquire(timeout=timeout):
            raise TimeoutError(errno.ETIMEDOUT, "progress file busy in this process")
        try:
            if self.depth == 0:
                self.exclusive = self._lock_other_processes(deadline)
            self.depth += 1
            try:
                yield self.exclusive
            finally:
                self.depth -= 1
                if self.depth == 0:
                    self._unlock_other_processes()
        finally:
            self.thread_lock.release()

    def _lock_other_processes(self, deadline: float) -> bool:
        if fcntl is None or sys.platform == "emscripten":  # Pyodide: one process, and no lock file to sync
            return False
        try:
            descriptor = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o666)
        except OSError:  # a read-only folder: nothing can be written there anyway
            return False
        pause = 0.0002
        while True:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(descriptor)
                    raise TimeoutError(errno.ETIMEDOUT, "progress file locked by another process") from None
                time.sleep(pause)
                pause = min(pause * 2, 0.01)
                continue
            except OSError:  # flock not supported here (some network or browser-backed folders)
                os.close(descriptor)
                return False
            self.descriptor = descriptor
            return True

    def _unlock_other_processes(self) -> None:
        if self.descriptor is not None:
            descriptor, self.descriptor = self.descriptor, None
            os.close(descriptor)  # closing releases the flock


_LOCKS: dict[str, _FileLock] = {}
_LOCKS_GUARD = threading.Lock()
#: Answers whose save was refused, per progress file: kept for this process's lifetime.
_UNSAVED: dict[str, dict[str, dict[str, Any]]] = {}


def _lock_for(path: Path) -> _FileLock:
    key = os.path.abspath(path)
    with _LOCKS_GUARD:
        lock = _LOCKS.get(key)
        if lock is None:
            lock = _LOCKS[key] = _FileLock(path.with_name(f".{path.name}.lock"))
        return lock


def _forget_locks_in_child() -> None:
    # A forked child must not inherit a thread lock another thread of its parent was holding.
    global _LOCKS_GUARD
    _LOCKS_GUARD = threading.Lock()
    _LOCKS.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_locks_in_child)


# --------------------------------------------------------------------------- the store


class ProgressStore:
    """Read and write one learner's progress file. Never raises on a damaged or missing file.

    ``save`` and ``forget`` raise :class:`ProgressNotSaved` (an OSError) when writing would lose
    what the file holds, and OSError when the disk refuses the write.
    """

    def __init__(self, path: Path | str | None = None) -> None:
        self.path = Path(path) if path is not None else default_progress_path()
        self.backup_path = self.path.with_name(self.path.name + ".bak")
        #: French messages about problems met while reading (shown by the widgets).
        self.notices: list[str] = []
        self._cleaned = False

    # ------------------------------------------------------------------ reading

    def _french(self, text: str) -> str:
        """``text`` in French typography, ``{path}`` replaced by the file's path (left as it is)."""
        return fix(text).replace("{path}", str(self.path))

    def _notify(self, notice: str) -> None:
        notice = self._french(notice)
        if notice not in self.notices:
            self.notices.append(notice)

    @staticmethod
    def _read_file(path: Path) -> dict[str, Any] | None:
        """The document in ``path``, or None when it is missing.

        Raises _Unreadable (the system refuses to read it), _Newer (a newer course wrote it) or
        _Damaged (anything else that goes wrong: whatever the bytes, reading ends in one of these).
        """
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as error:
            raise _Unreadable(error) from error
        try:
            document = _parse(raw.decode("utf-8-sig"))  # a BOM, added by some editors, is fine
            if not isinstance(document, dict) or document.get("format") != FORMAT:
                raise _Damaged("not a progress file")
            version = document.get("version", VERSION)
            if isinstance(version, bool) or not isinstance(version, int) or version < 1:
                raise _Damaged(f"bad version {version!r}")
            if not isinstance(document.get("steps"), dict):
                raise _Damaged("no steps")
        except _Damaged:
            raise
        except Exception as error:  # TypeError, OverflowError, RecursionError, MemoryError…: damaged
            raise _Damaged(f"{type(error).__name__}: {error}") from error
        if version > VERSION:
            raise _Newer(version)
        return document

    def _read_backup(self) -> dict[str, Any] | None:
        try:
            return self._read_file(self.backup_path)
        except (_Damaged, _Unreadable, _Newer):
            return None

    def _disk_document(self) -> tuple[dict[str, Any] | None, str | None]:
        """The document on disk (None: no file) and, when it must not be written over, what a save
        refused for that reason tells the learner (French)."""
        self._clean_leftovers()
        try:
            return self._read_file(self.path), None
        except _Unreadable as unreadable:
            reason = os_error_in_french(unreadable.error)
            self._notify(
                f"Votre progression ne peut pas être lue dans « {{path}} » ({reason}). Pour ne rien "
                "effacer, le cours n'écrit pas dans ce fichier tant qu'il reste illisible : vos réponses "
                "de cette séance sont gardées en mémoire tant que le notebook reste ouvert, et la "
                f"dernière sauvegarde lisible est affichée si elle existe. {self._unreadable_remedy()}"
            )
            return self._read_backup(), (
                f"Votre réponse n'a pas été écrite sur le disque : votre fichier de progression "
                f"« {{path}} » ne peut pas être lu ({reason}), et l'écrire effacerait les réponses "
                "qu'il contient. Elle est gardée en mémoire tant que ce notebook reste ouvert. "
                + self._unreadable_remedy()
            )
        except _Newer as newer:
            self._notify(
                f"Votre progression dans « {{path}} » a été enregistrée par une version plus récente "
                f"du cours (format {newer.version}) : elle est laissée intacte, cette version-ci ne la "
                "lit pas et n'y écrit rien. Vos réponses de cette séance sont gardées en mémoire tant "
                f"que le notebook reste ouvert. {NEWER_REMEDY}"
            )
            return None, (
                f"Votre réponse n'a pas été écrite sur le disque : votre fichier de progression "
                f"« {{path}} » vient d'une version plus récente du cours (format {newer.version}), "
                "que cette version-ci ne doit pas modifier. Elle est gardée en mémoire tant que ce "
                f"notebook reste ouvert. {NEWER_REMEDY}"
            )
        except _Damaged:
            return self._recover(), None

    def _unreadable_remedy(self) -> str:
        return (
            "Pour réparer : rendez ce fichier lisible par votre compte (s'il a été créé avec sudo, "
            "dans un terminal : sudo chown $USER \"{path}\"), puis redémarrez le noyau ; sinon, "
            "demandez de l'aide à votre formateur ou formatrice."
        )

    def _recover(self) -> dict[str, Any] | None:
        """Set a damaged file aside and put the backup back in its place, under the lock.

        Another kernel may have done it a moment earlier: the file is read again under the lock,
        and a file already moved away is not an error.
        """
        try:
            lock = _lock_for(self.path).hold(LOCK_TIMEOUT_S)
            lock.__enter__()
        except (TimeoutError, OSError):  # no lock: show the backup, leave the file for the next save
            self._notify(
                "Votre fichier de progression est illisible : votre dernière sauvegarde valide est "
                "affichée ; il sera mis de côté (rien n'est effacé) au prochain enregistrement."
            )
            return self._read_backup()
        try:
            try:
                document = self._read_file(self.path)
            except (_Unreadable, _Newer):
                return self._read_backup()  # changed under us: the next read explains it
            except _Damaged:
                pass
            else:
                if document is not None:  # another kernel already restored it
                    self._notify(
                        "Votre fichier de progression était illisible : il a été mis de côté (rien "
                        "n'est effacé) et votre dernière sauvegarde valide a été rechargée."
                    )
                    return document
            backup = self._read_backup()
            kept = self._set_aside(self.path, self._encode(backup) if backup is not None else None)
            where = f" sous le nom « {kept.name} »" if kept is not None else ""
            if backup is not None:
                self._notify(
                    f"Votre fichier de progression était illisible : il a été mis de côté{where} (rien "
                    "n'est effacé) et votre dernière sauvegarde valide a été rechargée."
                )
            else:
                self._notify(
                    f"Votre fichier de progression était illisible : il a été mis de côté{where} (rien "
                    "n'est effacé) et une nouvelle progression commence."
                )
            return backup
        finally:
            lock.__exit__(None, None, None)

    def _set_aside(self, path: Path, replacement: bytes | None = None) -> Path | None:
        """Keep a damaged file under a dated name that is free, and put ``replacement`` in its place.

        The file is never missing in between (another kernel reading it at that instant sees the
        damaged file or the replacement): the copy is a hard link, and the replacement a rename.
        Returns the copy's path, or None when the file is already gone.
        """
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
        kept: Path | None = None
        for counter in range(1000):
            suffix = f"-{counter}" if counter else ""
            target = path.with_name(f"{path.stem}.endommage-{stamp}{suffix}{path.suffix}")
            try:
                _hard_link(path, target)  # never replaces an earlier damaged file kept under that name
            except FileExistsError:
                continue
            except FileNotFoundError:
                break
            except OSError:  # no hard links here: rename, after checking the name is free
                if target.exists():
                    continue
                try:
                    os.replace(path, target)
                except FileNotFoundError:
                    break
            kept = target
            break
        if replacement is not None:
            try:
                self._write_bytes(replacement, path)
                return kept
            except OSError:
                pass  # the backup stays the document shown; the damaged copy is kept aside
        if kept is not None:
            with suppress(FileNotFoundError):
                path.unlink()
        return kept

    def _clean_leftovers(self, *, exclusive: bool = False) -> None:
        """Remove temporary files left by a kernel killed mid-save (of the file and of its backup).

        Every temporary file is made under the lock: holding it between processes, any one found
        is a leftover. Without such a lock, only those older than LEFTOVER_AGE_S are.
        """
        if self._cleaned and not exclusive:
            return
        self._cleaned = True
        prefix = f".{self.path.name}."
        try:
            with os.scandir(self.path.parent) as entries:
                leftovers = [Path(e.path) for e in entries if e.name.startswith(prefix) and e.name.endswith(".tmp")]
        except OSError:
            return
        if not leftovers:
            return
        if not exclusive:
            try:
                with _lock_for(self.path).hold(timeout=1.0) as locked:
                    self._remove_leftovers(leftovers, locked)
            except (TimeoutError, OSError):
                self._remove_leftovers(leftovers, False)
        else:
            self._remove_leftovers(leftovers, True)

    @staticmethod
    def _remove_leftovers(leftovers: list[Path], locked: bool) -> None:
        now = time.time()
        for leftover in leftovers:
            with suppress(OSError):
                if locked or now - leftover.stat().st_mtime > LEFTOVER_AGE_S:
                    leftover.unlink()

    def _with_unsaved(self, document: dict[str, Any]) -> dict[str, Any]:
        unsaved = _UNSAVED.get(self._key())
        if not unsaved:
            return document
        return {**document, "steps": {**document["steps"], **unsaved}}

    def _key(self) -> str:
        return os.path.abspath(self.path)

    def load(self) -> dict[str, Any]:
        """The whole document as this session sees it: the file, plus answers a refused save kept in memory.

        A damaged file is set aside and the backup (or a fresh start) used; never raises.
        """
        document, _refusal = self._disk_document()
        return self._with_unsaved(document if document is not None else _empty_document())

    def get(self, chapter: str, step: str) -> SavedStep | None:
        return _saved_step(chapter, step, self.load()["steps"].get(f"{chapter}/{step}"))

    def answer(self, chapter: str, step: str, default: Any = None) -> Any:
        saved = self.get(chapter, step)
        return default if saved is None else saved.answer

    def steps(self) -> list[SavedStep]:
        """Every saved step, sorted by key; the file is read once."""
        entries = self.load()["steps"]
        result = []
        with _collector_paused():
            for key in sorted(entries):
                chapter, _, step = key.partition("/")
                saved = _saved_step(chapter, step, entries[key])
                if saved is not None:
                    result.append(saved)
        return result

    # ------------------------------------------------------------------ writing

    def save(self, chapter: str, step: str, answer: Any, feedback: Feedback | None = None) -> SavedStep:
        """Save one step's answer and verdict; the rest of the file is kept as it is on disk.

        Raises ProgressNotSaved (the answer then stays in memory) when the file cannot be read or
        another kernel holds it too long, OSError when the disk refuses the write.
        """
        key = f"{chapter}/{step}"
        entry = {
            "answer": _jsonable(answer),
            "feedback": _jsonable(feedback.to_dict()) if feedback is not None else None,
            "saved_at": _now(),
        }

        def change(steps: dict[str, Any]) -> None:
            steps[key] = entry

        self._update(change, keep={key: entry}, activity=entry["saved_at"])
        return SavedStep(chapter, step, entry["answer"], feedback, entry["saved_at"])

    def activity(self) -> list[tuple[str, str]]:
        """The learner's working periods (start, end ISO times), oldest first; entries that are not
        a pair of times (a hand edit, another version) are left out."""
        periods = self.load().get(ACTIVITY)
        if not isinstance(periods, list):
            return []
        valid = [(str(p[0]), str(p[1])) for p in periods if _period_times(p) is not None]
        return sorted(valid)

    def records(self, section: str) -> list[dict[str, Any]]:
        """The entries of a list the document keeps besides its steps (``certificates``): dicts only."""
        entries = self.load().get(section)
        return [entry for entry in entries if isinstance(entry, dict)] if isinstance(entries, list) else []

    def append_record(self, section: str, entry: Mapping[str, Any]) -> None:
        """Append ``entry`` to the list ``section`` of the document, under the same lock and with the same
        guarantees as a save (raises ProgressNotSaved or OSError; nothing is kept in memory then).

        A section that holds something else than a list (a hand edit) is not written over: the
        record is refused with a French notice.
        """
        if section in {"steps", "format", "version", "updated_at", ACTIVITY, FIRST_ATTEMPTS}:
            raise ValueError(f"{section!r} is not a record section")
        record = _jsonable(dict(entry))
        damaged: list[bool] = []

        def change(document: dict[str, Any]) -> None:
            current = document.get(section, [])
            if not isinstance(current, list):
                damaged.append(True)
                return
            document[section] = [*current, record]

        self._update(lambda _steps: None, keep={}, document_change=change, refuse_if=lambda: bool(damaged))

    def forget(self, chapter: str, step: str | None = None) -> None:
        """Remove one step, or a whole chapter when ``step`` is None (the learner starts over)."""
        prefix = f"{chapter}/"

        def forgotten(key: str) -> bool:
            return key == f"{chapter}/{step}" if step is not None else key.startswith(prefix)

        def change(steps: dict[str, Any]) -> None:
            for key in [key for key in steps if forgotten(key)]:
                del steps[key]

        unsaved = _UNSAVED.get(self._key(), {})
        for key in [key for key in unsaved if forgotten(key)]:
            del unsaved[key]
        self._update(change, keep={})

    def _update(self, change: Callable[[dict[str, Any]], None], *, keep: dict[str, dict[str, Any]],
                activity: str | None = None, document_change: Callable[[dict[str, Any]], None] | None = None,
                refuse_if: Callable[[], bool] | None = None) -> None:
        """Read, change and write the file under the lock; ``keep`` stays in memory if that is refused.

        ``activity``: the time of a learner's save, added to the working periods. ``document_change``
        changes the rest of the document; when ``refuse_if`` then says so, nothing is written.
        """
        unsaved = _UNSAVED.setdefault(self._key(), {})
        with suppress(OSError):  # the folder first, so that its lock file can be made (else the write says why)
            self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            lock = _lock_for(self.path).hold(LOCK_TIMEOUT_S)
            exclusive = lock.__enter__()
        except TimeoutError as error:
            unsaved.update(keep)
            notice = (
                f"Votre réponse n'a pas pu être enregistrée : le fichier « {{path}} » est occupé par un "
                f"autre notebook depuis plus de {LOCK_TIMEOUT_S:.0f} secondes. Elle est gardée en mémoire "
                "tant que ce notebook reste ouvert : cliquez de nouveau sur « Vérifier » dans un instant."
            )
            raise ProgressNotSaved(self._french(notice), errno.ETIMEDOUT) from error
        try:
            self._cleaned = False
            self._clean_leftovers(exclusive=exclusive)
            document, refusal = self._disk_document()
            if refusal is not None:
                unsaved.update(keep)
                raise ProgressNotSaved(self._french(refusal))
            from_disk = document is not None
            document = document if document is not None else _empty_document()
            steps = document["steps"]
            for key, entry in unsaved.items():  # answers kept in memory by a refused save
                if str(entry.get("saved_at", "")) >= str(_entry_time(steps.get(key))):
                    steps[key] = entry
            change(steps)
            for key, entry in [*unsaved.items(), *keep.items()]:  # the earlier saves first
                _record_first_attempt(document, key, entry)
            if document_change is not None:
                document_change(document)
                if refuse_if is not None and refuse_if():
                    raise ProgressNotSaved(self._french(
                        "Rien n'a été enregistré : une partie de votre fichier de progression « {path} » a été "
                        "modifiée à la main et ne peut plus être lue. Le cours ne l'écrase pas : demandez de "
                        "l'aide à votre formateur ou formatrice."))
            if activity is not None:
                _record_activity(document, activity)
            document["updated_at"] = _now()
            try:
                self._write(document, keep_backup=from_disk)
            except OSError:  # a full or read-only disk: the answer stays in memory all the same
                unsaved.update(keep)
                raise
            unsaved.clear()
        finally:
            lock.__exit__(None, None, None)

    @staticmethod
    def _encode(document: Mapping[str, Any]) -> bytes:
        text = json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True)
        try:
            return text.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate (half an emoji) somewhere: never blocks a save
            return _without_lone_surrogates(text).encode("utf-8")

    def _write(self, document: Mapping[str, Any], *, keep_backup: bool) -> None:
        payload = self._encode(document)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._write_bytes(payload, self.path, backup=self.backup_path if keep_backup else None)

    @staticmethod
    def _write_bytes(payload: bytes, path: Path, backup: Path | None = None) -> None:
        """Replace ``path`` by ``payload`` atomically; first keep the current file as ``backup``."""
        descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(payload)
                handle.flush()
                os.fsync(handle.fileno())
            if backup is not None and path.exists():
                _keep_as_backup(path, backup)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while many acyclic objects are made (JSON, saved steps).

    Its passes over the objects being created took two thirds of the time of reading a big file.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _parse(text: str) -> Any:
    with _collector_paused():
        return json.loads(text)


def _period_times(period: Any) -> tuple[datetime, datetime] | None:
    """A working period's (start, end) as aware datetimes, or None when it is not a well-formed period."""
    if not isinstance(period, list) or len(period) != 2:
        return None
    try:
        start, end = (datetime.fromisoformat(str(moment)) for moment in period)
    except ValueError:
        return None
    if start.tzinfo is None or end.tzinfo is None or end < start:
        return None
    return start, end


def _record_activity(document: dict[str, Any], moment: str) -> None:
    """Count the save made at ``moment`` in the document's working periods.

    The period that ended last is extended when ``moment`` comes less than IDLE_GAP_S after its end,
    and a new period opened otherwise. Entries this version does not understand are kept as they
    are; a section that is not a list (a hand edit) is left alone, and the save is not counted.
    """
    periods = document.setdefault(ACTIVITY, [])
    if not isinstance(periods, list):
        return
    now = datetime.fromisoformat(moment)
    latest: tuple[int, datetime, datetime] | None = None
    for index, period in enumerate(periods):
        times = _period_times(period)
        if times is not None and (latest is None or times[1] > latest[2]):
            latest = (index, *times)
    if latest is not None:
        index, start, end = latest
        if start <= now <= end:  # another kernel's save came in between: already counted
            return
        if end < now and (now - end).total_seconds() <= IDLE_GAP_S:
            periods[index] = [periods[index][0], moment]
            return
    periods.append([moment, moment])


def _record_first_attempt(document: dict[str, Any], key: str, entry: Mapping[str, Any]) -> None:
    """Keep ``entry``'s verdict as the first attempt of step ``key`` when the step has none yet.

    Compact: the criteria's ids, not their messages. A save without a verdict, or whose verdict says there
    was nothing to check (an input problem), is not an attempt. A section that is not a dict is left alone.
    """
    feedback = entry.get("feedback")
    if not isinstance(feedback, Mapping) or key.rpartition("/")[2] in WITHOUT_FIRST_ATTEMPT:
        return
    items = feedback.get("items")
    if not isinstance(items, list) or not items:
        return
    criteria = [(str(item.get("criterion", "")), item.get("ok") is True) for item in items if isinstance(item, Mapping)]
    if not criteria or [name for name, _ok in criteria] == ["input"]:
        return
    attempts = document.setdefault(FIRST_ATTEMPTS, {})
    if not isinstance(attempts, dict) or key in attempts:
        return
    attempts[key] = {
        "saved_at": str(entry.get("saved_at", "")),
        "check": str(feedback.get("check", "")),
        "passed": all(ok for _name, ok in criteria),
        "ok": [name for name, ok in criteria if ok],
        "failed": [name for name, ok in criteria if not ok],
    }


def first_attempts(document: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """The first-attempt records of a progress document, by step key (well-formed entries only)."""
    attempts = document.get(FIRST_ATTEMPTS)
    if not isinstance(attempts, dict):
        return {}
    return {
        str(key): entry for key, entry in attempts.items()
        if isinstance(entry, dict) and isinstance(entry.get("failed"), list) and isinstance(entry.get("ok"), list)
    }


def _entry_time(entry: Any) -> str:
    return str(entry.get("saved_at", "")) if isinstance(entry, dict) else ""


def _saved_step(chapter: str, step: str, entry: Any) -> SavedStep | None:
    if not isinstance(entry, dict):
        return None
    feedback = None
    if isinstance(entry.get("feedback"), dict):
        try:
            feedback = _restored_feedback(entry["feedback"])
        except Exception:  # a verdict from another version: the answer alone is still worth showing
            feedback = None
    return SavedStep(chapter, step, entry.get("answer"), feedback, str(entry.get("saved_at", "")))


#: Whether saved verdicts can be restored as saved (see _restored_feedback): the fields it knows.
_KNOWN_SHAPE = (
    {field.name for field in fields(FeedbackItem)} == {"criterion", "label", "ok", "message", "read_more"}
    and {field.name for field in fields(Feedback)} == {"check", "items", "summary", "tips"}
    and not hasattr(FeedbackItem, "__slots__")
    and not hasattr(Feedback, "__slots__")
)


def _as_saved(cls: type[Any], values: dict[str, Any]) -> Any:
    """An instance of the frozen dataclass ``cls`` holding ``values`` as they are, without __post_init__."""
    instance = object.__new__(cls)
    vars(instance).update(values)
    return instance


def _restored_feedback(data: Mapping[str, Any]) -> Feedback:
    """A saved verdict, its texts as they were saved.

    Feedback puts its texts in French typography when it is made; a saved verdict was made so,
    and running it through again cost 9 of the 10 seconds of listing a 60 000-step file. Where
    the classes have fields this reader does not know (another version), they are rebuilt the
    ordinary way.
    """
    if not _KNOWN_SHAPE:
        return Feedback.from_dict(data)
    items = tuple(
        _as_saved(FeedbackItem, {
            "criterion": str(item["criterion"]),
            "label": str(item["label"]),
            "ok": bool(item["ok"]),
            "message": str(item["message"]),
            "read_more": None if item.get("read_more") is None else str(item["read_more"]),
        })
        for item in data["items"]
    )
    feedback: Feedback = _as_saved(Feedback, {
        "check": str(data["check"]),
        "items": items,
        "summary": str(data["summary"]),
        "tips": tuple(str(tip) for tip in data.get("tips", ())),
    })
    return feedback


def _hard_link(source: Path, target: Path) -> None:
    """``os.link``, or an OSError where the platform has no hard links (Pyodide's ``os`` has no ``link``: in the
    published site the second save of an answer failed with AttributeError until this)."""
    link = getattr(os, "link", None)
    if link is None:
        raise OSError(errno.ENOTSUP, "no hard links on this platform")
    link(source, target)


def _keep_as_backup(source: Path, target: Path) -> None:
    """Keep the last good version (read and checked under the lock just before) as the backup.

    The backup is a second name (hard link) for the file about to be replaced: its data was
    synced to disk when it was written, so keeping it costs no copy and no second ``fsync`` (half
    the time of a click's save). Where links are not supported (some network or browser-backed
    folders), the data is copied and synced instead.
    """
    linked = target.with_name(f".{source.name}.{secrets.token_hex(6)}.tmp")
    try:
        _hard_link(source, linked)
        try:
            os.replace(linked, target)
        finally:
            # Renaming a file onto another name of the same file does nothing: drop the extra name.
            linked.unlink(missing_ok=True)
        return
    except OSError:
        linked.unlink(missing_ok=True)
    try:
        data = source.read_bytes()
    except OSError:
        return
    descriptor, temporary = tempfile.mkstemp(prefix=f".{source.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except OSError:
        # The backup is a second safety net: failing to refresh it must not block the save itself.
        Path(temporary).unlink(missing_ok=True)


def _without_lone_surrogates(text: str) -> str:
    """``text`` with surrogate pairs joined into their character and lone halves replaced by U+FFFD."""
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def _jsonable(value: Any) -> Any:
    """A JSON-safe copy of an answer (tuples become lists, dates become ISO strings, no lone surrogate).

    An answer JSON cannot hold at all (a cycle, an integer of thousands of digits) is kept as a
    short description rather than making the save fail.
    """
    try:
        text = json.dumps(value, ensure_ascii=False, default=str)
    except Exception:
        text = json.dumps(f"(réponse impossible à enregistrer : {type(value).__name__})", ensure_ascii=False)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = _without_lone_surrogates(text)
    return json.loads(text)
