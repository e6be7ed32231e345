"""« Importer une progression » on the home page: bring back a progress file (an export, or ``progression.json``).

The learner picks a file; the panel reads it, says what it holds and asks, in French, for a confirmation before
anything is written: **merge** (the default: each step keeps its most recent answer, whichever side it comes from;
certificates and working periods are added) or **replace** (the file's progress takes the place of the current one).
Both go through the store's own locked read-modify-write: a progress file the store cannot read (a permission error,
a newer version of the course) is never written over, and the store keeps its ``.bak`` of what was there.

Accepted: the file « Exporter ma progression » writes (:data:`influence_workbook.class_export.EXPORT_FORMAT`, whose
``progress`` is the document) and a progress file itself (:data:`influence_workbook.progress.FORMAT`), read by the same
rules as the store reads its own file (damaged, newer, wrong shape: refused with a French message, nothing written).
This is what lets a learner move from the site in the browser to a local install, and back.
"""

from __future__ import annotations

import json
import logging
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import ipywidgets as widgets

from influence_workbook.class_export import EXPORT_FORMAT
from influence_workbook.progress import (
    FIRST_ATTEMPTS,
    FORMAT,
    ProgressNotSaved,
    ProgressStore,
    _Newer,
    os_error_in_french,
)
from influence_workbook.typography import fix
from influence_workbook.widgets.common import BUTTON_STYLE
from influence_workbook.widgets.render import notice_html, text_html

LOGGER = logging.getLogger("influence_workbook.widgets")

#: A progress file of the whole course is tens of kilobytes; this is far above and still safe to read in a browser.
MAX_IMPORT_BYTES = 5 * 1024 * 1024
#: The document's own keys, never taken from the imported file.
_OWN_KEYS = frozenset({"format", "version", "updated_at"})
Mode = Literal["merge", "replace"]

IMPORT_LABEL = "Importer ce fichier"
INTRO = fix(
    "Vous avez exporté votre progression ailleurs (un autre navigateur, l'installation sur votre ordinateur) ? "
    "Choisissez le fichier exporté (« progression-….json ») ou votre fichier « progression.json » : le cours "
    "vous dira ce qu'il contient avant d'importer quoi que ce soit.")
MODE_LABELS = {
    "merge": "Fusionner : garder la réponse la plus récente de chaque atelier",
    "replace": "Remplacer toute ma progression par celle du fichier",
}


class ImportRefused(Exception):
    """The file cannot be imported; ``message`` says why, in French."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = fix(message)


@dataclass(frozen=True)
class ImportPlan:
    """What an import would do, before it is confirmed."""

    document: dict[str, Any]
    source: str  # « un export » or « un fichier de progression »
    name: str  # the learner's name in an export, else ""
    steps: int
    newer: int  # steps of the file more recent than (or absent from) the current progress
    current_steps: int

    def summary(self, mode: Mode) -> str:
        who = f" de {self.name}" if self.name else ""
        holds = f"Ce fichier est {self.source}{who} : {_count(self.steps, 'réponse')} d'atelier."
        if mode == "replace":
            what = (f"Confirmer remplacera toute votre progression actuelle ({_count(self.current_steps, 'réponse')}) "
                    "par celle du fichier. L'ancienne version est gardée en sauvegarde (« .bak ») à côté.")
        elif self.newer == 0:
            what = "Votre progression contient déjà tout ce qu'il apporte : la fusion ne changera rien."
        else:
            what = (f"La fusion reprendra {_count(self.newer, 'réponse')} du fichier (celles qui sont plus récentes "
                    "que les vôtres ou qui vous manquent) ; vos autres réponses restent.")
        return fix(f"{holds} {what}")


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'s' if number > 1 else ''}"


def _base(store: ProgressStore) -> ProgressStore:
    base = getattr(store, "base", None)
    return base if isinstance(base, ProgressStore) else store


def _entry_time(entry: Any) -> str:
    return str(entry.get("saved_at", "")) if isinstance(entry, Mapping) else ""


def read_progress_document(payload: bytes) -> tuple[dict[str, Any], str, str]:
    """The progress document in an uploaded file, with what the file is and the name it carries.

    Raises :class:`ImportRefused` (French) for anything the store would not trust as its own file.
    """
    if len(payload) > MAX_IMPORT_BYTES:
        raise ImportRefused(f"Ce fichier est trop gros pour être une progression du cours "
                            f"({len(payload) // 1024} Ko ; au plus {MAX_IMPORT_BYTES // 1024 // 1024} Mo).")
    try:
        data = json.loads(payload.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ImportRefused("Ce fichier ne peut pas être lu : ce n'est pas un fichier JSON exporté par le cours. "
                            "Choisissez le fichier « progression-….json » exporté depuis la page d'accueil.") from None
    if not isinstance(data, dict):
        raise ImportRefused("Ce fichier n'est pas une progression du cours.")
    name = ""
    if data.get("format") == EXPORT_FORMAT:
        source, name = "un export", str(data.get("name") or "")[:80]
        data = data.get("progress")
    else:
        source = "un fichier de progression"
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ImportRefused("Ce fichier n'est pas une progression du cours : choisissez le fichier exporté avec "
                            "« Exporter ma progression » ou votre fichier « progression.json ».")
    return _checked(data), source, name


def _checked(document: dict[str, Any]) -> dict[str, Any]:
    """``document`` read back by the store's own reader, so an import trusts exactly what a load trusts."""
    encoded = json.dumps(document, ensure_ascii=False).encode("utf-8")
    with tempfile.TemporaryDirectory(prefix="iw-import-") as folder:
        path = Path(folder) / "progression.json"
        path.write_bytes(encoded)
        try:
            checked = ProgressStore._read_file(path)  # the store's reader: raises on anything it would not load
        except _Newer:
            raise ImportRefused("Ce fichier a été écrit par une version plus récente du cours : mettez le cours "
                                "à jour, puis importez-le de nouveau.") from None
        except Exception:
            raise ImportRefused("Ce fichier de progression est endommagé (sa structure n'est pas celle du cours) : "
                                "rien n'a été importé.") from None
    if checked is None:
        raise ImportRefused("Ce fichier est vide : rien n'a été importé.")
    return checked


def plan_import(store: ProgressStore, payload: bytes) -> ImportPlan:
    """Read the file and compare it with the current progress; nothing is written."""
    document, source, name = read_progress_document(payload)
    current = _base(store).load()["steps"]
    incoming = document["steps"]
    newer = sum(1 for key, entry in incoming.items() if _entry_time(entry) > _entry_time(current.get(key)))
    return ImportPlan(document, source, name, len(incoming), newer, len(current))


def _merged_list(current: Any, incoming: Any) -> Any:
    if not isinstance(current, list):
        return current  # a hand edit: left alone, as the store leaves it
    if not isinstance(incoming, list):
        return current
    seen = {json.dumps(item, sort_keys=True) for item in current}
    added = [item for item in incoming if json.dumps(item, sort_keys=True) not in seen]
    return [*current, *added]


def merge_documents(current: dict[str, Any], incoming: Mapping[str, Any]) -> None:
    """Merge ``incoming`` into ``current`` in place: per step the most recent answer; lists joined; first attempts
    kept where there is one already; other sections taken only where ``current`` has none."""
    steps = current.setdefault("steps", {})
    for key, entry in incoming.get("steps", {}).items():
        if _entry_time(entry) > _entry_time(steps.get(key)):
            steps[key] = entry
    for key, value in incoming.items():
        if key in _OWN_KEYS or key == "steps":
            continue
        if key == FIRST_ATTEMPTS and isinstance(value, dict) and isinstance(current.get(key), dict):
            current[key] = {**value, **current[key]}
        elif key not in current:
            current[key] = value
        elif isinstance(value, list):
            current[key] = _merged_list(current[key], value)


def replace_document(current: dict[str, Any], incoming: Mapping[str, Any]) -> None:
    for key in [key for key in current if key not in _OWN_KEYS]:
        del current[key]
    current.update({key: value for key, value in incoming.items() if key not in _OWN_KEYS})
    current.setdefault("steps", {})


def apply_import(store: ProgressStore, plan: ImportPlan, mode: Mode) -> None:
    """Write the import under the store's lock; ProgressNotSaved (French) when the current file cannot be read."""
    change = merge_documents if mode == "merge" else replace_document
    base = _base(store)
    # The store's locked read-modify-write: it refuses (ProgressNotSaved) when its file cannot be read, keeps a .bak.
    base._update(lambda _steps: None, keep={}, document_change=lambda document: change(document, plan.document))


class ImportPanel:
    """The home page's « Importer une progression » part: :meth:`widget` is the cell's display."""

    def __init__(self, store: ProgressStore | None = None) -> None:
        self.store = store if store is not None else ProgressStore()
        self.plan: ImportPlan | None = None
        self.intro = widgets.HTML(text_html(INTRO, "iw-import-intro"))
        self.upload = widgets.FileUpload(accept=".json,application/json", multiple=False,
                                         description="Choisir le fichier", layout=widgets.Layout(width="auto"))
        self.upload.add_class("iw-import-file")
        self.upload.observe(lambda _change: self.read_upload(), names="value")
        self.mode = widgets.RadioButtons(options=[(label, key) for key, label in MODE_LABELS.items()], value="merge",
                                         description="Importer en :", layout=widgets.Layout(width="auto"),
                                         style={"description_width": "initial"})
        self.mode.add_class("iw-import-mode")
        self.mode.observe(lambda _change: self._show_plan(), names="value")
        self.summary = widgets.HTML()
        self.summary.add_class("iw-import-summary")
        self.button = widgets.Button(description=IMPORT_LABEL, style=BUTTON_STYLE, disabled=True,
                                     layout=widgets.Layout(width="auto"),
                                     tooltip="Importer la progression du fichier choisi, après l'avoir lue")
        self.button.add_class("iw-import-button")
        self.button.on_click(lambda _button: self.confirm())
        self.status = widgets.HTML()
        self.status.add_class("iw-import-status")

    def read_upload(self) -> None:
        """A file was chosen: read it and say what importing it would do (nothing is written yet)."""
        files = list(self.upload.value or ())
        if not files:
            return
        upload = files[-1]
        self.load_bytes(bytes(upload["content"]) if isinstance(upload, Mapping) else bytes(upload.content))

    def load_bytes(self, payload: bytes) -> ImportPlan | None:
        self.plan = None
        self.button.disabled = True
        self.status.value = ""
        try:
            self.plan = plan_import(self.store, payload)
        except ImportRefused as refused:
            self.summary.value = notice_html(refused.message)
            return None
        except Exception:
            LOGGER.exception("could not read an imported progress file")
            self.summary.value = notice_html("Ce fichier n'a pas pu être lu à cause d'un problème inattendu : rien "
                                             "n'a été importé.")
            return None
        self._show_plan()
        self.button.disabled = False
        return self.plan

    def _show_plan(self) -> None:
        if self.plan is not None:
            self.summary.value = text_html(self.plan.summary(self.mode.value), "iw-import-plan")

    def confirm(self) -> bool:
        """« Importer ce fichier »: write the import; say in French what was done, or why nothing was."""
        if self.plan is None:
            return False
        self.button.disabled = True
        try:
            apply_import(self.store, self.plan, self.mode.value)
        except ProgressNotSaved as refused:
            self.status.value = notice_html(f"Rien n'a été importé. {refused.notice}")
            self.button.disabled = False
            return False
        except OSError as error:
            self.status.value = notice_html(fix(f"Rien n'a été importé : la progression n'a pas pu être écrite "
                                                f"({os_error_in_french(error)}). Réessayez."))
            self.button.disabled = False
            return False
        except Exception:
            LOGGER.exception("could not import a progress file")
            self.status.value = notice_html("Rien n'a été importé à cause d'un problème inattendu. Réessayez ; si le "
                                            "problème persiste, signalez-le à votre formateur ou formatrice.")
            self.button.disabled = False
            return False
        done = "est fusionnée avec la vôtre" if self.mode.value == "merge" else "remplace la vôtre"
        message = fix(f"Importé : la progression du fichier {done}. Rechargez la page pour voir vos réponses dans "
                      "chaque atelier.")
        self.status.value = (f'<div class="iw-import-done" role="status" aria-live="polite">'
                             f'{text_html(message, "iw-import-done-text")}</div>')
        self.plan = None
        return True

    def widget(self) -> widgets.VBox:
        box = widgets.VBox([self.intro, self.upload, self.mode, self.summary, self.button, self.status])
        box.add_class("iw-workshop")
        box.add_class("iw-import")
        return box


def import_panel(store: ProgressStore | None = None) -> widgets.VBox:
    """The panel as the home page shows it."""
    return ImportPanel(store).widget()


__all__ = ["IMPORT_LABEL", "ImportPanel", "ImportPlan", "ImportRefused", "apply_import", "import_panel",
           "merge_documents", "plan_import", "read_progress_document", "replace_document"]
