"""The live home page's progress table: where the learner stands in each chapter."""

from __future__ import annotations

import ipywidgets as widgets

from influence_workbook.chapters import CHAPTERS
from influence_workbook.feedback import escape
from influence_workbook.progress import ProgressStore
from influence_workbook.widgets.render import notice_html


def chapter_states(store: ProgressStore) -> list[tuple[int, str, str]]:
    """(number, title, French state) for each chapter, from the saved steps."""
    saved = {(step.chapter, step.step): step for step in store.steps()}
    rows = []
    for chapter in CHAPTERS:
        if not chapter.available:
            state = "En préparation"
        else:
            done = [saved.get((chapter.key, step)) for step in chapter.steps]
            if all(step is not None and step.passed for step in done):
                state = "Réussi"
            elif any(step is not None for step in done):
                state = "En cours"
            else:
                state = "À faire"
        rows.append((chapter.number, chapter.title, state))
    return rows


def progress_overview(store: ProgressStore | None = None) -> widgets.HTML:
    store = store if store is not None else ProgressStore()
    rows = "".join(
        f"<tr><td>{number}</td><td>{escape(title)}</td><td>{escape(state)}</td></tr>"
        for number, title, state in chapter_states(store)
    )
    notices = "".join(notice_html(message) for message in store.notices)
    table = (
        f"{notices}<table class='iw-progress'><caption>Votre progression (enregistrée dans "
        f"{escape(store.path)})</caption><thead><tr><th scope='col'>N°</th><th scope='col'>Chapitre</th>"
        f"<th scope='col'>État</th></tr></thead><tbody>{rows}</tbody></table>"
    )
    overview = widgets.HTML(table)
    overview.add_class("iw-home-progress")
    return overview
