"""The fictional brand and campaign that run through all ten chapters.

Every workshop reads these facts, so the brief of chapter 10 stays consistent with the
objective of chapter 1 and the shortlist of chapter 2. Entirely fictional.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Brand:
    name: str
    pitch: str
    city: str
    markets: tuple[str, ...]
    core_audience: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class Campaign:
    name: str
    product: str
    launch: date
    creator_budget_eur: int
    context: str


BRAND = Brand(
    name="Sève",
    pitch="cosmétiques solides et rechargeables, fabriqués à Lyon à partir d'ingrédients d'origine végétale",
    city="Lyon",
    markets=("FR", "CH"),
    core_audience="18-34 ans, sensibles au zéro déchet, en France et en Suisse romande",
    values=("sobriété", "transparence sur la composition", "fabrication locale"),
)

CAMPAIGN = Campaign(
    name="Rituel Avoine",
    product="shampooing solide et après-shampooing rechargeable à l'avoine, pour cheveux sensibles",
    launch=date(2027, 3, 15),
    creator_budget_eur=15_000,
    context=(
        "Sève lance au printemps 2027 sa gamme « Rituel Avoine ». La marque est encore peu connue "
        "hors de la région lyonnaise et vend surtout sur son site."
    ),
)
