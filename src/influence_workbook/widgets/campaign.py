"""Which campaign the workshops use, and the saved answers that go with it.

The home page lets a learner describe their own campaign (saved like any answer, chapter
``accueil``, step ``campagne``) and choose it (step ``campagne-active``, which keeps a copy of the
validated description, so that a later draft that does not pass yet does not move the chapters
back to Sève). Every workshop calls :func:`active_campaign` when it is built and shows that
campaign's facts; its check gets ``campaign=``.

Answers are kept per campaign: a workshop reads and writes through :func:`campaign_store`, a
:class:`CampaignStore` that files the chapters of a learner's own campaign under
``<chapter>@<campaign id>`` (``ch01@velo-leman-printemps-2027/objective``) while Sève keeps the
plain keys (``ch01/objective``) of every progress file written before. Switching to one's own
campaign starts the chapters from that campaign's saved answers (none at first); switching back to
Sève brings Sève's answers back. Nothing is copied. The home page's own steps, and the few steps
that do not depend on the campaign (:data:`SHARED_STEPS`), are the same for every campaign.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from influence_workbook.campaign import DEFAULT_CAMPAIGN, MARKET_NAMES, Campaign, campaign_from_answer
from influence_workbook.feedback import Feedback, escape
from influence_workbook.progress import ProgressStore, SavedStep
from influence_workbook.text import fold, format_date
from influence_workbook.typography import fix

LOGGER = logging.getLogger("influence_workbook.widgets")

HOME_CHAPTER = "accueil"
#: The home page's form, as the learner last checked it (a draft: it may not pass).
FORM_STEP = "campagne"
#: The campaign the chapters use: ``{"own": <validated form answer>}``, or ``{"own": None}`` for Sève.
CHOICE_STEP = "campagne-active"
#: Between a chapter key and a campaign id in the progress file (``ch01@velo-leman``).
SEPARATOR = "@"
#: Steps whose answer does not depend on the campaign (chapter 5 classifies the same sample posts
#: whatever the brand): one answer for every campaign, under the plain key.
SHARED_STEPS: frozenset[tuple[str, str]] = frozenset({("ch05", "classification")})
MAX_ID_CHARS = 60


def campaign_id(campaign: Campaign) -> str:
    """The key under which a campaign's answers are kept: "" for the course's default (Sève).

    Made of the brand and the campaign's name, so that editing the budget or the markets keeps the
    answers, while another brand or campaign starts afresh.
    """
    if campaign.is_default or campaign is DEFAULT_CAMPAIGN:
        return ""
    slug = re.sub(r"[^a-z0-9]+", "-", fold(f"{campaign.brand.name} {campaign.name}")).strip("-")[:MAX_ID_CHARS]
    if not slug:  # a name made only of emoji or signs: still a stable key
        slug = "campagne-" + hashlib.sha1(f"{campaign.brand.name}|{campaign.name}".encode()).hexdigest()[:10]
    return slug.strip("-")


class CampaignStore(ProgressStore):
    """The learner's progress, seen through one campaign: its chapters' answers, and the home page's.

    Reads and writes go to ``base`` (the same file, the same notices), under the campaign's keys;
    a :class:`~influence_workbook.progress.SavedStep` comes back with the chapter's plain key.
    """

    def __init__(self, base: ProgressStore, campaign: Campaign) -> None:
        super().__init__(base.path)
        self.base = base
        self.notices = base.notices
        self.campaign = campaign
        self.campaign_id = campaign_id(campaign)

    def key(self, chapter: str, step: str | None = None) -> str:
        """The chapter's key in the file for this campaign (for ``step`` when given)."""
        if not self.campaign_id or chapter == HOME_CHAPTER or (chapter, step) in SHARED_STEPS:
            return chapter
        return f"{chapter}{SEPARATOR}{self.campaign_id}"

    def load(self) -> dict[str, Any]:
        return self.base.load()

    def get(self, chapter: str, step: str) -> SavedStep | None:
        saved = self.base.get(self.key(chapter, step), step)
        return None if saved is None else replace(saved, chapter=chapter)

    def steps(self) -> list[SavedStep]:
        """This campaign's saved steps (and the home page's), with their plain chapter keys."""
        mine = []
        for saved in self.base.steps():
            chapter, _, owner = saved.chapter.partition(SEPARATOR)
            if owner == self.campaign_id or (not owner and self.key(chapter, saved.step) == chapter):
                mine.append(replace(saved, chapter=chapter))
        return mine

    def save(self, chapter: str, step: str, answer: Any, feedback: Feedback | None = None) -> SavedStep:
        saved = self.base.save(self.key(chapter, step), step, answer, feedback)
        return replace(saved, chapter=chapter)

    def forget(self, chapter: str, step: str | None = None) -> None:
        """Forget one step, or this campaign's steps of a chapter (a shared step stays: others use it)."""
        self.base.forget(self.key(chapter, step), step)


def _base_store(store: ProgressStore | None) -> ProgressStore:
    if isinstance(store, CampaignStore):
        return store.base
    return store if store is not None else ProgressStore()


def chosen_answer(store: ProgressStore | None = None) -> Mapping[str, Any] | None:
    """The validated description of the learner's own campaign in use, or None when Sève is."""
    choice = _base_store(store).answer(HOME_CHAPTER, CHOICE_STEP)
    own = choice.get("own") if isinstance(choice, Mapping) else None
    return own if isinstance(own, Mapping) else None


def active_campaign(store: ProgressStore | None = None) -> Campaign:
    """The campaign the workshops use: the learner's own, chosen on the home page, else Sève.

    Never raises: a choice that cannot be read (an older or damaged file) gives Sève.
    """
    try:
        own = chosen_answer(store)
        campaign = campaign_from_answer(own) if own is not None else None
    except Exception:  # the page must open whatever the file holds
        LOGGER.exception("could not read the active campaign")
        campaign = None
    return campaign if campaign is not None else DEFAULT_CAMPAIGN


def campaign_store(store: ProgressStore | None = None, campaign: Campaign | None = None) -> CampaignStore:
    """``store`` seen through ``campaign`` (by default the active one); already such a view: the same."""
    base = _base_store(store)
    campaign = campaign if campaign is not None else active_campaign(base)
    if isinstance(store, CampaignStore) and store.campaign_id == campaign_id(campaign):
        return store
    return CampaignStore(base, campaign)


def choose_campaign(store: ProgressStore, answer: Mapping[str, Any] | None) -> Campaign:
    """Make the learner's own campaign (a validated form answer), or Sève (None), the active one."""
    campaign = campaign_from_answer(answer) if answer is not None else None
    own = dict(answer) if campaign is not None and answer is not None else None
    _base_store(store).save(HOME_CHAPTER, CHOICE_STEP, {"own": own})
    return campaign if campaign is not None else DEFAULT_CAMPAIGN


# --------------------------------------------------------------------------- checks and headers

def market_names(campaign: Campaign) -> str:
    """« France et Suisse »."""
    names = [MARKET_NAMES.get(code, code) for code in campaign.markets]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " et " + names[-1]


def campaign_facts_html(campaign: Campaign, *, pitch: bool = True, product: bool = False, budget: bool = False,
                        audience: bool = False, launch: bool = False) -> str:
    """The header line of a workshop: brand, campaign and the facts asked for, escaped.

    ``pitch``: what the brand does, after its name; ``product``: the campaign's product, after its
    name (a learner's own campaign describes its brand by its product: said once). The learner's own
    campaign is said to be theirs, with its markets, so that nobody judges a Sève answer against
    another brand without knowing it.
    """
    own = not campaign.is_default
    described = campaign.product if own else campaign.brand.pitch
    shown_pitch = bool(pitch and described)
    parts = [f"Marque : <strong>{escape(campaign.brand.name)}</strong>"
             + (f" ({escape(described)})" if shown_pitch else "") + "."]
    product_shown = product and campaign.product and not (own and shown_pitch)
    parts.append(f"Campagne : <strong>{escape(campaign.name)}</strong>"
                 + (f" ({escape(campaign.product)})" if product_shown else "") + ".")
    if own:
        parts.append("C'est votre campagne, choisie sur la page d'accueil.")
    if own and campaign.markets:
        parts.append(f"Marchés : {escape(market_names(campaign))}.")
    if launch:
        parts.append(f"Lancement : {escape(format_date(campaign.launch))}.")
    if audience and campaign.audience:
        parts.append(f"Public : {escape(campaign.audience)}.")
    if budget:
        parts.append(f"Budget créateurs : {escape(campaign.money(campaign.creator_budget))}.")
    return fix(" ".join(parts))
