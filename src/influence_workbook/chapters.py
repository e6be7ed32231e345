"""The ten chapters: one per mistake of the source article, and the workshop steps each saves."""

from __future__ import annotations

import os
from dataclasses import dataclass

#: Set to « book » for the static book's build (its Sphinx extension sets it for the kernels it
#: starts), « live » to force the live course's behaviour; read by :func:`chapter_href` and the quiz.
MEDIUM_VARIABLE = "INFLUENCE_WORKBOOK_MEDIUM"


@dataclass(frozen=True)
class Chapter:
    number: int
    key: str  # progress key, e.g. "ch01" ("ch01@<campaign id>" for a learner's own campaign: widgets/campaign.py)
    slug: str  # notebook name without extension
    title: str
    workshop: str
    steps: tuple[str, ...]  # saved steps that make the chapter complete; empty while in preparation

    @property
    def available(self) -> bool:
        return bool(self.steps)


CHAPTERS: tuple[Chapter, ...] = (
    Chapter(1, "ch01", "01_objectif_flou", "Un objectif flou", "Construire l'objectif de la campagne",
            ("objective",)),
    Chapter(2, "ch02", "02_mauvais_influenceur", "Mal choisir son influenceur",
            "Filtrer les créateurs et composer une présélection", ("shortlist",)),
    Chapter(3, "ch03", "03_concept_peu_creatif", "Des concepts de campagne peu créatifs",
            "Remplir un canevas de concept", ("concept",)),
    Chapter(4, "ch04", "04_communication_authentique", "Manquer de communication authentique",
            "Écrire le premier message à un créateur", ("outreach",)),
    Chapter(5, "ch05", "05_partenariat_cache", "Cacher le partenariat",
            "Rédiger et vérifier les mentions de partenariat", ("classification", "caption")),
    Chapter(6, "ch06", "06_confiance_createurs", "Ne pas faire confiance aux influenceurs",
            "Doser les contraintes du brief", ("constraints",)),
    Chapter(7, "ch07", "07_partenariats_long_terme", "Négliger les partenariats à long terme",
            "Analyser les collaborations passées et décider qui reconduire", ("renewal",)),
    Chapter(8, "ch08", "08_evaluer_resultats", "Oublier d'évaluer les résultats",
            "Calculer les KPI et les comparer à l'objectif", ("results",)),
    Chapter(9, "ch09", "09_remuneration", "Proposer une rémunération inadaptée",
            "Estimer une rémunération juste et planifier le budget", ("offers",)),
    Chapter(10, "ch10", "10_brief_clair", "Fournir un brief peu clair",
            "Assembler et exporter le brief", ("brief",)),
)


def chapter_href(slug: str) -> str:
    """The relative link from one chapter's page to another's: its notebook in the live course (course
    mode and JupyterLab), its HTML page in the static book, where no notebook is served."""
    book = os.environ.get(MEDIUM_VARIABLE, "").strip().lower() == "book"
    return f"{slug}.html" if book else f"{slug}.ipynb"
