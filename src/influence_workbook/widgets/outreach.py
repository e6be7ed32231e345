"""Chapter 4 workshop: write the first message to one creator of the shortlist, then check it.

The creators offered are those of the chapter-2 shortlist; when none is saved yet, a small
default list of French-speaking beauty and ecology creators with a French or Swiss audience is
drawn from the sample data, and the page says so. The chosen creator's card (name, handle,
niche, recent captions) is shown, escaped, to personalise the message;
:func:`~influence_workbook.checks.outreach.check_outreach` judges it and the answer is saved
for chapter 10's brief.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

import ipywidgets as widgets

from influence_workbook.campaign import Campaign
from influence_workbook.checks.outreach import MAX_WORDS, MIN_WORDS, check_outreach
from influence_workbook.feedback import Feedback, escape, input_problem
from influence_workbook.progress import ProgressStore
from influence_workbook.text import format_number
from influence_workbook.typography import fix
from influence_workbook.widgets.campaign import (
    active_campaign,
    campaign_facts_html,
    campaign_store,
)
from influence_workbook.widgets.common import FIELD_STYLE, CheckedStep, text_area, wide_layout, workshop_box

LOGGER = logging.getLogger("influence_workbook.widgets")

CHAPTER = "ch04"
STEP = "outreach"
PREFIX = "iw-ch04"
DEFAULT_NICHES = ("beaute", "ecologie")
DEFAULT_COUNTRIES = ("FR", "CH")
DEFAULT_COUNT = 5
RECENT_POSTS = 3

#: The sample data's country code for a market of the home page, where they differ.
DATA_COUNTRY = {"UK": "GB"}

SOURCE_SHORTLIST = "shortlist"
SOURCE_DEFAULT = "default"

NO_DATA = ("Les données d'exemple des créateurs ne sont pas disponibles dans cette installation : "
           "réinstallez le cours (make install) ou signalez-le à votre formateur ou formatrice.")


def shortlist_ids(store: ProgressStore) -> list[str]:
    """Creator ids saved in chapter 2 (a dict with ``creator_ids``, or a plain list), in order."""
    answer = store.answer("ch02", "shortlist")
    if isinstance(answer, Mapping):
        answer = answer.get("creator_ids")
    if not isinstance(answer, list):
        return []
    ids = [str(item).strip() for item in answer if isinstance(item, str | int) and str(item).strip()]
    return list(dict.fromkeys(ids))


def _niche_label(niche: str) -> str:
    from influence_workbook.data.schema import NICHE_LABELS

    return NICHE_LABELS.get(niche, niche)


def creator_profiles(ids: Sequence[str] | None = None, *, countries: Sequence[str] = DEFAULT_COUNTRIES,
                     niches: Sequence[str] | None = DEFAULT_NICHES) -> list[dict[str, Any]]:
    """Profiles ready for :func:`check_outreach`, from the sample data.

    ``ids`` picks creators (unknown ids are skipped); None gives the default list: French-
    language creators of ``niches`` (None: any) whose main audience is in one of ``countries``;
    by default beauty and ecology creators with an audience in France or Switzerland (Sève's).
    """
    from influence_workbook.data.rows import read_rows

    creators = {str(row["creator_id"]): row for row in read_rows("creators")}
    if ids is None:
        pool = sorted(cid for cid, row in creators.items()
                      if (niches is None or str(row["niche"]) in tuple(niches))
                      and str(row["audience_main_country"]) in tuple(countries) and str(row["language"]) == "fr")
        chosen = pool[:DEFAULT_COUNT]
    else:
        chosen = [i for i in ids if i in creators]
    posts: dict[str, list[dict[str, Any]]] = {}
    for post in read_rows("posts"):
        posts.setdefault(str(post["creator_id"]), []).append(post)
    profiles = []
    for creator_id in chosen:
        row = creators[creator_id]
        # The latest first; posts of one day keep the file's order.
        own = sorted(posts.get(creator_id, []), key=lambda post: post["published_on"], reverse=True)
        profiles.append({
            "creator_id": creator_id,
            "display_name": str(row["display_name"]),
            "handle": str(row["handle"]),
            "niche": _niche_label(str(row["niche"])),
            "platform": str(row["platform"]),
            "followers": int(row["followers"]),
            "recent_posts": [str(post["caption"]) for post in own[:RECENT_POSTS]],
        })
    return profiles


def market_countries(campaign: Campaign) -> tuple[str, ...]:
    """The audience countries of the sample data that match the campaign's markets (Sève's when none)."""
    from influence_workbook.metrics import COUNTRY_NAMES

    codes = [DATA_COUNTRY.get(market, market) for market in campaign.markets]
    known = tuple(code for code in dict.fromkeys(codes) if code in COUNTRY_NAMES)
    return known or DEFAULT_COUNTRIES


def creator_card_html(profile: Mapping[str, Any]) -> str:
    """The creator's card; every value comes from data or a learner's import, so all is escaped."""
    posts = "".join(f"<li>{escape(caption)}</li>" for caption in profile.get("recent_posts", ()))
    followers = profile.get("followers")
    audience = f" · {format_number(followers)} abonnés" if isinstance(followers, int) else ""
    platform = f" · {escape(profile['platform'])}" if profile.get("platform") else ""
    return (
        f'<div class="{PREFIX}-card" style="border:1px solid #cbd5e1;padding:.5rem .8rem;max-width:48rem">'
        f"<p><strong>{escape(profile.get('display_name', ''))}</strong> "
        f"(@{escape(profile.get('handle', ''))}){platform} · {escape(profile.get('niche', ''))}{audience}</p>"
        "<p>Ses dernières publications :</p>"
        f"<ul style=\"white-space:pre-line\">{posts or '<li>(aucune)</li>'}</ul>"
        "</div>"
    )


class OutreachWorkshop:
    """The widgets of the chapter-4 workshop; :meth:`widget` is what the notebook displays.

    ``creators`` (profiles as returned by :func:`creator_profiles`) replaces the sample data,
    for tests and for lecturers with their own list.
    """

    def __init__(self, store: ProgressStore | None = None,
                 creators: Sequence[Mapping[str, Any]] | None = None) -> None:
        self.campaign = active_campaign(store)
        self.store = campaign_store(store, self.campaign)
        self.problem: str | None = None
        self.source = SOURCE_SHORTLIST
        self.profiles: list[dict[str, Any]] = [dict(p) for p in creators] if creators is not None else []
        if creators is None:
            self._load_profiles()
        self.creator = widgets.Dropdown(
            description="Créateur :", style=FIELD_STYLE, layout=wide_layout(),
            options=[("— choisir —", ""), *((self._label(p), str(p["creator_id"])) for p in self.profiles)],
            value="",
        )
        self.creator.add_class(f"{PREFIX}-creator")
        self.card = widgets.HTML()
        self.card.add_class(f"{PREFIX}-card-box")
        self.message = text_area(f"{PREFIX}-message", "Votre message :",
                                 f"Bonjour …, ({MIN_WORDS} à {MAX_WORDS} mots)", rows=12)
        self.counter = widgets.HTML()
        self.counter.add_class(f"{PREFIX}-counter")
        self.step = CheckedStep(chapter=CHAPTER, step=STEP, css_prefix=PREFIX, collect=self.collect,
                                restore=self.restore, check=self.check, store=self.store)
        self.creator.observe(lambda _change: self._show_card(), names="value")
        self.message.observe(lambda _change: self._count(), names="value")
        self.step.watch(self.creator, self.message)
        self._show_card()
        self._count()

    # ------------------------------------------------------------------ data

    def _load_profiles(self) -> None:
        try:
            ids = shortlist_ids(self.store)
            self.profiles = creator_profiles(ids) if ids else []
            if not self.profiles:
                self.source = SOURCE_DEFAULT
                self.profiles = (creator_profiles(None) if self.campaign.is_default else
                                 creator_profiles(None, countries=market_countries(self.campaign), niches=None))
        except Exception:  # missing or damaged data must not break the page, nor print a traceback
            LOGGER.debug("could not load the creators of chapter 4", exc_info=True)
            self.problem = NO_DATA
            self.profiles = []

    @staticmethod
    def _label(profile: Mapping[str, Any]) -> str:
        return f"{profile.get('display_name', '')} (@{profile.get('handle', '')})"

    def profile(self, creator_id: str) -> dict[str, Any] | None:
        return next((p for p in self.profiles if str(p.get("creator_id")) == creator_id), None)

    # ------------------------------------------------------------------ step

    def collect(self) -> dict[str, Any]:
        profile = self.profile(self.creator.value) or {}
        return {
            "creator_id": self.creator.value,
            "creator_name": profile.get("display_name", ""),
            "handle": profile.get("handle", ""),
            "message": self.message.value,
            "source": self.source,
        }

    def check(self, answer: Mapping[str, Any]) -> Feedback:
        profile = self.profile(str(answer.get("creator_id", "")))
        if profile is None and self.problem:
            return input_problem("ch04-outreach", "Créateur", self.problem, "Personnaliser vraiment")
        if profile is None:
            return input_problem("ch04-outreach", "Créateur",
                                 "Choisissez d'abord, dans la liste, le créateur à qui vous écrivez.",
                                 "Personnaliser vraiment")
        others = tuple(str(p.get("display_name", "")) for p in self.profiles if p is not profile)
        return check_outreach(answer.get("message"), profile, other_names=others,
                              campaign=self.campaign)

    def restore(self, answer: Any) -> None:
        if not isinstance(answer, Mapping):
            return
        creator_id = str(answer.get("creator_id") or "")
        if creator_id and self.profile(creator_id) is None:
            try:  # a creator saved earlier but no longer in the shortlist: show them anyway
                self.profiles.extend(creator_profiles([creator_id]))
            except Exception:
                LOGGER.debug("could not reload creator %s", creator_id, exc_info=True)
            if self.profile(creator_id) is not None:
                self.creator.options = [*self.creator.options, (self._label(self.profile(creator_id) or {}),
                                                                creator_id)]
        if self.profile(creator_id) is not None:
            self.creator.value = creator_id
        self.message.value = str(answer.get("message") or "")

    # ------------------------------------------------------------------ display

    def _show_card(self) -> None:
        profile = self.profile(self.creator.value)
        self.card.value = creator_card_html(profile) if profile else (
            "<p><em>Choisissez un créateur pour voir sa fiche et ses dernières publications.</em></p>")

    def _count(self) -> None:
        words = sum(1 for token in self.message.value.split() if any(c.isalnum() for c in token))
        self.counter.value = (f'<p class="{PREFIX}-word-count">{words} mot{"s" if words > 1 else ""} '
                              f"(visez {MIN_WORDS} à {MAX_WORDS}).</p>")

    def intro_html(self) -> str:
        if self.problem:
            return f'<p class="iw-notice">{escape(self.problem)}</p>'
        if self.source == SOURCE_DEFAULT and not self.campaign.is_default:
            from influence_workbook.metrics import COUNTRY_NAMES

            countries = ", ".join(COUNTRY_NAMES.get(code, code) for code in market_countries(self.campaign))
            where = ("Vous n'avez pas encore enregistré de présélection au chapitre 2 pour cette campagne : "
                     "choisissez parmi ces créateurs d'exemple francophones (pays principal de leur audience : "
                     f"{countries}).")
        elif self.source == SOURCE_DEFAULT:
            where = ("Vous n'avez pas encore enregistré de présélection au chapitre 2 : choisissez parmi "
                     "ces créateurs beauté et écologie, francophones, dont l'audience est surtout en France "
                     "ou en Suisse.")
        else:
            where = "Les créateurs proposés sont ceux de votre présélection du chapitre 2."
        return fix(f"<p>{campaign_facts_html(self.campaign, pitch=False, product=True)} {escape(where)}</p>")

    def widget(self) -> widgets.VBox:
        intro = widgets.HTML(self.intro_html())
        intro.add_class(f"{PREFIX}-campaign")
        return workshop_box([intro, self.creator, self.card, self.message,
                            self.counter, *self.step.widgets()], f"{PREFIX}-outreach")


def outreach_workshop(store: ProgressStore | None = None) -> widgets.VBox:
    """Display this in the chapter-4 notebook: ``outreach_workshop()``."""
    return OutreachWorkshop(store).widget()


def saved_outreach(store: ProgressStore | None = None) -> dict[str, Any] | None:
    """The first message saved in chapter 4, for chapter 10, or None if there is none yet.

    A dict with ``creator_id``, ``creator_name``, ``handle``, ``message``, ``source``
    (« shortlist » or « default ») and ``passed`` (every criterion of the last check met).
    """
    saved = campaign_store(store).get(CHAPTER, STEP)  # the active campaign's message
    if saved is None or not isinstance(saved.answer, dict):
        return None
    answer = dict(saved.answer)
    answer["passed"] = saved.passed
    return answer
