"""The learner's own campaign, in JupyterLab: described on the home page, used by chapters 1 and 4.

A learner who already answered chapter 1 on Sève describes « Vélo Léman » (a bike shop in Lausanne,
8 000 CHF for the creators, market: Switzerland) on the home page and clicks « Vérifier et utiliser
cette campagne ». Chapter 1 then shows that brand and budget, starts from an empty answer and judges
an objective against 8 000 CHF; chapter 4 recognises a message naming « Vélo Léman » as naming the
brand. « Revenir à Sève » brings the Sève answer of chapter 1 back. Every expected verdict is
computed in this process with the course's own checks, for the campaign the page should be using.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Mapping
from datetime import date
from typing import Any

import browser_harness as h
import pytest
from playwright.sync_api import Page, expect
from workshop_flows import open_workshop, submit, xss_probe
from workshops import (
    CH01,
    CH01_FREE,
    CH01_MODE,
    CH04,
    Fill,
    Mode,
    Select,
    Tick,
    Toggle,
    WorkshopSpec,
    expected_texts,
)

from influence_workbook.campaign import DEFAULT_CAMPAIGN, Campaign, campaign_from_answer, check_campaign_answer
from influence_workbook.checks.objective import check_objective
from influence_workbook.checks.outreach import check_outreach

pytestmark = pytest.mark.browser

#: The home form's text fields: widget class → key of the saved answer.
HOME_TEXT_FIELDS = {
    "iw-home-brand": "brand", "iw-home-product": "product", "iw-home-campaign-name": "campaign",
    "iw-home-creator-budget": "creator_budget", "iw-home-audience": "audience",
    "iw-home-product-price": "product_price", "iw-home-gross-margin-rate": "gross_margin_rate",
}


def _home_answer(values: Mapping[str, Any]) -> dict[str, Any]:
    """The answer the home form saves for the values entered (widget class → value), as ``collect`` reads it."""
    from influence_workbook.campaign import MARKET_NAMES

    answer: dict[str, Any] = {key: values.get(css, "") for css, key in HOME_TEXT_FIELDS.items()}
    answer["launch"] = values.get("iw-home-launch", "")
    answer["currency"] = "CHF" if values.get("iw-home-currency") == "CHF" else "EUR"
    answer["markets"] = [code for code in MARKET_NAMES if values.get(f"iw-home-market-{code.lower()}")]
    return answer


HOME = WorkshopSpec(id="home", notebook="notebooks/00_accueil.ipynb", root="iw-home-campaign",
                    feedback="iw-home-feedback", status="iw-home-status", progress_key=("accueil", "campagne"),
                    expected=lambda values, today: check_campaign_answer(_home_answer(values)), answers=(),
                    modes=(Mode("form", steps=(), text_fields=tuple(HOME_TEXT_FIELDS)),),
                    button="Vérifier et utiliser cette campagne")

#: What the learner types on the home page (widget class → text), and the answer the form saves.
VELO_FIELDS = {
    "iw-home-brand": "Vélo Léman",
    "iw-home-product": "vélo cargo électrique monté à Lausanne",
    "iw-home-campaign-name": "Printemps cargo",
    "iw-home-creator-budget": "8 000",
    "iw-home-audience": "familles de 30-45 ans à Lausanne qui se déplacent à vélo",
    "iw-home-product-price": "4 900",
    "iw-home-gross-margin-rate": "35",
}
VELO_LAUNCH = "2027-04-01"
VELO_ANSWER: dict[str, Any] = {
    "brand": "Vélo Léman", "product": "vélo cargo électrique monté à Lausanne", "campaign": "Printemps cargo",
    "creator_budget": "8 000", "audience": "familles de 30-45 ans à Lausanne qui se déplacent à vélo",
    "product_price": "4 900", "gross_margin_rate": "35", "launch": VELO_LAUNCH, "currency": "CHF",
    "markets": ["CH"],
}

SEVE_STEPS = (Toggle(CH01_MODE, CH01_FREE),
              Fill("iw-ch01-sentence", "Conversion : 1 500 ventes d'ici fin juin 2027 auprès des 18-34 ans "
                                       "en France et en Suisse romande"))
#: 5 000 sales: within Sève's 15 000 € (floor of 2 per sale), out of reach with 8 000 CHF.
VELO_OBJECTIVE = ("Conversion : 5 000 ventes du vélo cargo d'ici fin juin 2027 auprès des familles de "
                  "30-45 ans à Lausanne")
VELO_MESSAGE = """Bonjour {first},

Je m'appelle Léa et je m'occupe des partenariats de Vélo Léman, un atelier lausannois qui monte des vélos \
cargo électriques. J'ai lu ta publication récente, « {detail} » : ta façon de raconter ton quotidien simplement \
nous a beaucoup parlé, parce que c'est aussi ce que nous défendons : se déplacer autrement, en famille.

Nous lançons en avril 2027 « Printemps cargo ». Nous aimerions te proposer une collaboration rémunérée : \
une vidéo et deux stories, publiées entre le 1er et le 30 avril 2027, avec ton regard et tes mots. Notre \
budget est de 700 CHF, et nous sommes ouverts à en discuter selon ton tarif.

Si l'idée te plaît, je t'envoie le brief complet, sans engagement. Et si ce n'est pas le moment, aucun souci.

Belle journée,
Léa"""


def _saved(lab: h.JupyterLabServer) -> dict[str, Any]:
    try:
        document = json.loads(lab.progress_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    steps = document.get("steps")
    return steps if isinstance(steps, dict) else {}


def _wait_for(condition: Any, what: str, timeout_s: float = h.WIDGET_TIMEOUT_MS / 1000) -> Any:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)  # polling a file the kernel writes, bounded by the deadline
    raise AssertionError(f"never happened: {what}")


def _header(workshop: h.Workshop, css: str) -> str:
    return " ".join(workshop.text(css).split())


def _velo() -> Campaign:
    campaign = campaign_from_answer(VELO_ANSWER)
    assert campaign is not None, check_campaign_answer(VELO_ANSWER).to_text()
    return campaign


def test_own_campaign_is_used_by_the_chapters_and_seve_answers_come_back(page: Page, lab: h.JupyterLabServer,
                                                                         today: date) -> None:
    velo = _velo()

    # 1. A learner who has worked on Sève: chapter 1's objective is saved under Sève's key.
    ch01 = open_workshop(page, lab, CH01)
    seve = submit(ch01, CH01, SEVE_STEPS, today, lab)
    assert "ch01/objective" in _saved(lab)

    # 2. The home page: describe « Vélo Léman », check it and use it.
    home = open_workshop(page, lab, HOME)
    expect(home.widget("iw-home-active")).to_contain_text("Rituel Avoine")
    steps = (*(Fill(css, text) for css, text in VELO_FIELDS.items()), Fill("iw-home-launch", VELO_LAUNCH),
             Select("iw-home-currency", "CHF"), Tick("iw-home-market-ch"))
    verdict = submit(home, HOME, steps, today, lab).result
    assert verdict.passed and _home_answer({s.widget: s.value for s in steps}) == VELO_ANSWER
    home.expect_text("iw-home-choice", "utilisent maintenant la campagne")
    home.expect_text("iw-home-active", "Vélo Léman")
    expect(page.locator(".iw-home-progress")).to_contain_text("Printemps cargo")
    chosen = _wait_for(lambda: _saved(lab).get("accueil/campagne-active", {}).get("answer", {}).get("own"),
                       "the home page saved the chosen campaign")
    assert campaign_from_answer(chosen) == velo  # what the form saved is the campaign described
    assert h.error_outputs(page) == []
    home.screenshot(h.artifact_path("campaign", "home-velo-leman.png"))

    # 3. Chapter 1, on Vélo Léman: its facts in the header, an empty answer, a verdict against 8 000 CHF.
    ch01 = open_workshop(page, lab, CH01)
    header = _header(ch01, "iw-ch01-campaign")
    assert "Vélo Léman" in header and "Printemps cargo" in header and "Sève" not in header
    assert re.search(r"8\s?000\s?CHF", header), header
    ch01.toggle(CH01_MODE, CH01_FREE)
    expect(ch01.field("iw-ch01-sentence")).to_have_value("")  # this campaign's own (empty) answer
    judged = check_objective(VELO_OBJECTIVE, today=today, campaign=velo)
    realistic = next(item for item in judged.items if item.criterion == "realistic")
    assert not realistic.ok and "CHF" in realistic.message, realistic.message
    as_seve = next(i for i in check_objective(VELO_OBJECTIVE, today=today).items if i.criterion == "realistic")
    assert as_seve.ok, "the same figure fits Sève's budget: the verdict must come from the campaign"
    ch01.fill("iw-ch01-sentence", VELO_OBJECTIVE)
    ch01.click()
    ch01.expect_texts(CH01.feedback, expected_texts(judged))
    _wait_for(lambda: _saved(lab).get("ch01@velo-leman-printemps-cargo/objective"), "the Vélo Léman objective saved")
    assert _saved(lab)["ch01/objective"] == seve.saved  # Sève's answer is untouched
    ch01.screenshot(h.artifact_path("campaign", "ch01-velo-leman.png"))

    # 4. Chapter 4, on Vélo Léman: a message naming the brand is read as presenting it.
    ch04 = open_workshop(page, lab, CH04)
    header = _header(ch04, "iw-ch04-campaign")
    assert "Vélo Léman" in header and "Suisse" in header and "Sève" not in header
    from influence_workbook.widgets.outreach import creator_profiles, market_countries

    profiles = creator_profiles(None, countries=market_countries(velo), niches=None)
    profile = profiles[0]
    label = f"{profile['display_name']} (@{profile['handle']})"
    first = str(profile["display_name"]).split()[0]
    posts = [str(post).splitlines()[0] for post in profile["recent_posts"] if str(post).strip()]
    detail = posts[0] if posts else "ton dernier reel"
    message = VELO_MESSAGE.format(first=first, detail=detail)
    others = tuple(str(p["display_name"]) for p in profiles if p is not profile)
    judged = check_outreach(message, profile, other_names=others, campaign=velo)
    fit = next(item for item in judged.items if item.criterion == "fit")
    assert fit.ok, fit.message  # the brand is named: it is recognised
    as_seve = next(i for i in check_outreach(message, profile, other_names=others).items if i.criterion == "fit")
    assert not as_seve.ok, "for Sève, a message about Vélo Léman does not present the brand"
    Select("iw-ch04-creator", label).apply(ch04)
    ch04.fill("iw-ch04-message", message)
    ch04.click()
    ch04.expect_texts(CH04.feedback, expected_texts(judged))
    assert ch04.verdicts(CH04.feedback)[[i.criterion for i in judged.items].index("fit")][1] == (
        "Réussi" if fit.ok else "À revoir")
    ch04.screenshot(h.artifact_path("campaign", "ch04-velo-leman.png"))

    # 5. Back to Sève on the home page: chapter 1 shows the Sève answer and verdict again.
    home = open_workshop(page, lab, HOME)
    home.expect_text("iw-home-active", "Vélo Léman")  # the choice survived the kernel's new run
    expect(home.field("iw-home-brand")).to_have_value("Vélo Léman")  # and so did the form
    home.click("Revenir à Sève")
    home.expect_text("iw-home-choice", "de nouveau la campagne du cours")
    home.expect_text("iw-home-active", "Rituel Avoine")
    _wait_for(lambda: _saved(lab).get("accueil/campagne-active", {}).get("answer") == {"own": None},
              "the home page saved the return to Sève")
    ch01 = open_workshop(page, lab, CH01)
    header = _header(ch01, "iw-ch01-campaign")
    assert "Sève" in header and "Vélo Léman" not in header
    assert DEFAULT_CAMPAIGN.name in header
    for step in SEVE_STEPS:
        step.expect_shown(ch01, h.ACTION_TIMEOUT_MS)
    ch01.expect_texts(CH01.feedback, seve.texts)
    assert h.error_outputs(page) == []
    # Both answers stay in the file, side by side.
    assert {"ch01/objective", "ch01@velo-leman-printemps-cargo/objective"} <= set(_saved(lab))


def test_home_form_shows_learner_html_as_text_and_is_accessible(page: Page, lab: h.JupyterLabServer,
                                                                guard: h.PageGuard, today: date) -> None:
    home = open_workshop(page, lab, HOME)
    problems = xss_probe(page, home, HOME, HOME.modes[0], guard, today, lab)
    assert problems == []
    # Nothing hostile was used as the campaign: the chapters stay on Sève.
    home.expect_text("iw-home-active", "Rituel Avoine")
    home.expect_text("iw-home-choice", "pas encore utilisable")
    findings = h.run_axe(page, include=f".{HOME.root}", ours=f".{HOME.root}")
    h.write_json_artifact({"axe": h.axe_version(), "workshop": [f.__dict__ for f in findings]}, "axe", "home.json")
    assert [f.describe() for f in h.blocking(findings)] == [], "the home form has a serious accessibility finding"
    assert home.cut_off() == [], "part of the home form runs off its column's right edge"
