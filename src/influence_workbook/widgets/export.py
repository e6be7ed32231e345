"""« Exporter ma progression » on the home page: the learner's name, the class key, one signed file.

A thin layer over :func:`influence_workbook.class_export.export_progress`: a name field (filled with the
name of the last certificate, if any), the class key field (a password field; hidden when the server
provides the key through ``INFLUENCE_WORKBOOK_CLASS_KEY``), a button, and the result: a download link
(a ``data:`` URI, offline), where the file is kept, and whether it is signed. Where no widget can be
shown (the static book), the page shows a French line instead.
"""

from __future__ import annotations

import logging
from typing import Any

import ipywidgets as widgets

from influence_workbook.certificate import SECTION as CERTIFICATE_SECTION
from influence_workbook.class_export import (
    CLASS_KEY_VARIABLE,
    ExportRefused,
    ProgressExport,
    environment_class_key,
    export_progress,
)
from influence_workbook.feedback import escape
from influence_workbook.progress import ProgressStore
from influence_workbook.typography import fix
from influence_workbook.widgets.common import BUTTON_STYLE, FIELD_STYLE, data_uri, file_size, text_field, wide_layout
from influence_workbook.widgets.render import FEEDBACK_STYLE, notice_html, text_html

LOGGER = logging.getLogger("influence_workbook.widgets")

EXPORT_LABEL = "Exporter ma progression"
EXPORT_FALLBACK = fix("Exporter ma progression : le formulaire s'affiche ici quand la page est ouverte dans le cours "
                      "en direct.")
KEY_FROM_SERVER = fix("Clé de la classe : fournie par le serveur du cours, votre fichier sera signé.")
KEY_HELP = fix("Si votre enseignant ou enseignante vous a donné une clé de classe, collez-la ci-dessous : elle "
               "signe votre fichier, pour qu'une modification après l'export se voie. Elle n'est pas enregistrée. "
               "Sans clé, le fichier est exporté non signé, et le rapport de la classe l'indique.")
WHAT_IS_EXPORTED = fix(
    "Le fichier contient votre nom tel que vous le saisissez, la date de l'export, vos réponses aux ateliers avec "
    "leurs verdicts (dont le premier essai de chaque atelier), vos résultats aux quiz, vos attestations et votre "
    "temps actif estimé. Transmettez-le à votre enseignant ou enseignante par le moyen convenu (dépôt sur la "
    "plateforme du cours, courriel) ; il reste aussi sur votre ordinateur.")


class ExportBox(widgets.VBox):  # type: ignore[misc]  # ipywidgets has no type hints
    """Where the widget cannot be shown, the page shows a French line, never the widget's repr."""

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        bundle = super()._repr_mimebundle_(**kwargs)
        if isinstance(bundle, dict):
            bundle["text/plain"] = EXPORT_FALLBACK
            bundle["text/html"] = text_html(EXPORT_FALLBACK, "iw-live-only")
        return bundle


def export_html(export: ProgressExport) -> str:
    """The result: the download link, where the file is kept, and whether it is signed."""
    signature = export.document["signature"]
    if export.signed:
        signed = (f"Il est signé avec la clé de la classe (empreinte {signature['key_id']}) : votre enseignant ou "
                  "enseignante verra s'il a été modifié après l'export.")
    else:
        signed = ("Il n'est pas signé (aucune clé de classe) : le rapport de la classe l'indiquera « non signé ». "
                  "Si votre enseignant ou enseignante vous a donné une clé, saisissez-la et exportez de nouveau.")
    parts = [
        '<div class="iw-export-done" role="status" aria-live="polite">',
        f"<p><strong>Votre progression est exportée.</strong> {escape(fix(signed))}</p>",
        f'<p><a class="iw-export-download" download="{escape(export.file_name)}" '
        f'href="{data_uri(export.payload, "application/json")}">Télécharger « {escape(export.file_name)} » (JSON, '
        f"{file_size(len(export.payload))})</a></p>",
    ]
    if export.notice:
        parts.append(notice_html(export.notice))
    elif export.path is not None:
        parts.append(f"<p>Il est aussi enregistré dans « {escape(export.path)} ».</p>")
    notices = export.document.get("notices") or []
    if notices:
        parts.append(notice_html(fix("Attention : votre fichier de progression a posé un problème à la lecture ; "
                                     "l'export contient ce qui a pu être lu. " + " ".join(map(str, notices)))))
    parts.append("</div>")
    return fix("".join(parts))


def refusal_html(refused: ExportRefused) -> str:
    return f'{FEEDBACK_STYLE}<div class="iw-notice" role="alert"><p>{escape(refused.message)}</p></div>'


class ExportPanel:
    """The home page's « Exporter ma progression » part: :meth:`widget` is the cell's display."""

    def __init__(self, store: ProgressStore | None = None) -> None:
        self.store = store if store is not None else ProgressStore()
        self.intro = widgets.HTML(text_html(WHAT_IS_EXPORTED, "iw-export-intro"))
        self.name = text_field("iw-export-name", "Votre nom :", "ex. Camille Martin")
        self.name.value = self._last_certificate_name()
        self.server_key = environment_class_key() is not None
        self.key_help = widgets.HTML(text_html(KEY_FROM_SERVER if self.server_key else KEY_HELP, "iw-export-key-help"))
        self.key = widgets.Password(description="Clé de la classe :", placeholder="donnée par votre enseignant",
                                    style=FIELD_STYLE, layout=wide_layout())
        self.key.add_class("iw-export-key")
        if self.server_key:
            self.key.layout.display = "none"
        self.button = widgets.Button(description=EXPORT_LABEL, style=BUTTON_STYLE, layout=widgets.Layout(width="auto"),
                                     tooltip="Créer le fichier de votre progression pour votre enseignant")
        self.button.add_class("iw-export-button")
        self.button.on_click(lambda _button: self.export())
        self.status = widgets.HTML()
        self.status.add_class("iw-export-status")

    def _last_certificate_name(self) -> str:
        try:
            records = self.store.records(CERTIFICATE_SECTION)
        except Exception:  # a pre-filled name is a convenience: never break the page for it
            return ""
        names = [str(r["facts"].get("name", "")) for r in records if isinstance(r.get("facts"), dict)]
        return names[-1] if names else ""

    def export(self) -> ProgressExport | None:
        """« Exporter ma progression »: write the file and offer it, or say in French what is wrong."""
        self.button.disabled = True
        try:
            export = export_progress(self.store, self.name.value, class_key=self.key.value)
        except ExportRefused as refused:
            self.status.value = refusal_html(refused)
            return None
        except Exception:
            LOGGER.exception("could not export the progress")
            self.status.value = notice_html(
                "L'export n'a pas pu être créé à cause d'un problème inattendu. Réessayez ; si le problème "
                "persiste, signalez-le à votre formateur ou formatrice.")
            return None
        finally:
            self.button.disabled = False
        self.status.value = export_html(export)
        return export

    def widget(self) -> widgets.VBox:
        box = ExportBox([self.intro, self.name, self.key_help, self.key, self.button, self.status])
        box.add_class("iw-workshop")
        box.add_class("iw-export")
        return box


def export_panel(store: ProgressStore | None = None) -> widgets.VBox:
    """The panel as the home page's cell displays it."""
    return ExportPanel(store).widget()


__all__ = ["CLASS_KEY_VARIABLE", "EXPORT_LABEL", "ExportPanel", "export_html", "export_panel"]
