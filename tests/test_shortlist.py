"""check_shortlist and the chapter-2 workshop: the planted traps are caught, learner input is safe."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pandas as pd
import pytest

from influence_workbook.campaign import CAMPAIGN
from influence_workbook.checks import check_shortlist
from influence_workbook.checks.shortlist import READ_ER, READ_FAKE, READ_FIT, READ_MIX, parse_picks
from influence_workbook.data.load import load_answer_key, load_creators
from influence_workbook.feedback import Feedback, escape
from influence_workbook.metrics import filter_creators, score_creators
from influence_workbook.widgets.render import feedback_html

CHAPTER_PAGE = Path(__file__).resolve().parents[1] / "notebooks" / "02_mauvais_influenceur.ipynb"
WHOLE_LIST = ["count", "known_ids", "budget", "tier_mix", "not_followers_only"]


@cache
def sample() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The sample creators, scored for the campaign's default target, and the answer key of traps."""
    creators = load_creators()
    traps = load_answer_key("creators_traps")
    traps["creator_id"] = traps["creator_id"].astype(str)
    traps["trap"] = traps["trap"].astype(str)
    return creators, traps


def scored() -> pd.DataFrame:
    creators, traps = sample()
    table = score_creators(creators)
    table["creator_id"] = table["creator_id"].astype(str)
    return table.merge(traps[["creator_id", "trap"]], on="creator_id", how="left")


def good_creators(count: int) -> list[str]:
    """Untrapped creators that fit the campaign, cheap enough, from at least two tiers."""
    table = scored()
    ok = table[
        table["trap"].isna()
        & table["audience_fit_ok"]
        & table["niche_fit"]
        & (table["language"].astype(str) == "fr")
        & (table["audience_quality"] == "fiable")
        & table["er_verdict"].isin(["dans le repère", "au-dessus du repère"])
        & ~table["high_price"]
        & (table["fee_per_post_eur"] <= 1_500)
    ]
    nano = ok[ok["tier"] == "nano"]["creator_id"].tolist()
    micro = ok[ok["tier"] == "micro"]["creator_id"].tolist()
    picks = nano[: (count + 1) // 2] + micro[: count // 2]
    assert len(picks) == count, "the sample should hold enough fitting creators"
    return picks


def trapped(kind: str) -> list[str]:
    table = scored()
    return table[table["trap"] == kind]["creator_id"].tolist()


def failing(feedback: Feedback) -> set[str]:
    return {item.criterion for item in feedback.failed_items()}


# --------------------------------------------------------------------------- whole list


def test_a_well_chosen_shortlist_passes() -> None:
    creators, _ = sample()
    picks = good_creators(4)
    feedback = check_shortlist(picks, creators=creators)
    assert feedback.passed, feedback.to_text()
    assert [i.criterion for i in feedback.items][:2] == ["count", "known_ids"]
    assert {f"creator:{p}" for p in picks} <= {i.criterion for i in feedback.items}
    assert set(WHOLE_LIST) <= {i.criterion for i in feedback.items}


def test_sample_data_loads_by_default() -> None:
    feedback = check_shortlist(good_creators(3))
    assert feedback.passed, feedback.to_text()


@pytest.mark.parametrize("kind", ["bought_followers", "off_target_audience", "engagement_pod", "overpriced"])
def test_every_planted_trap_is_caught(kind: str) -> None:
    creators, _ = sample()
    base = good_creators(3)
    victims = trapped(kind)
    assert victims, f"no {kind} trap in the sample"
    expected = {
        "bought_followers": ("abonnés suspects", READ_FAKE),
        "off_target_audience": ("audience hors cible", READ_FIT),
        "engagement_pod": ("commentaires surtout génériques", READ_FAKE),
        "overpriced": ("pour 1\u202f000 vues, loin du CPM habituel", READ_MIX),
    }[kind]
    for victim in victims:
        feedback = check_shortlist([*base, victim], creators=creators)
        item = feedback.item(f"creator:{victim}")
        assert not item.ok, f"{kind} {victim} not caught: {item.message}"
        assert expected[0] in item.message
        assert item.read_more in {READ_FIT, READ_ER, READ_FAKE, READ_MIX}
        assert all(
            i.ok
            for i in feedback.items
            if i.criterion.startswith("creator:") and i.criterion != item.criterion
        )


def test_bought_followers_show_the_low_engagement_too() -> None:
    creators, _ = sample()
    victim = trapped("bought_followers")[0]
    message = (
        check_shortlist([*good_creators(3), victim], creators=creators).item(f"creator:{victim}").message
    )
    assert "sous le repère" in message and "pic d'abonnés" in message


def test_hidden_gems_are_not_flagged_on_audience_engagement_quality_or_price() -> None:
    creators, _ = sample()
    gems = trapped("hidden_gem")
    assert gems
    for gem in gems:
        message = check_shortlist([gem, *good_creators(3)], creators=creators).item(f"creator:{gem}").message
        for alarm in (
            "audience hors cible",
            "sous le repère",
            "abonnés suspects",
            "génériques",
            "CPM habituel",
            "anormalement",
            "bien au-dessus",
        ):
            assert alarm not in message, (gem, message)


def test_picking_the_biggest_accounts_is_the_chapter_mistake() -> None:
    creators, _ = sample()
    pool = filter_creators(creators, platform="instagram", niche="beaute")
    biggest = pool.nlargest(4, "followers")["creator_id"].tolist()
    feedback = check_shortlist(biggest, creators=creators, pool=pool)
    item = feedback.item("not_followers_only")
    assert not item.ok and "plus gros comptes" in item.message and item.read_more == READ_FIT
    # Same creators but the learner's filtered pool is not given: still caught on the platform + niche pool.
    assert not check_shortlist(biggest, creators=creators).item("not_followers_only").ok
    assert check_shortlist(good_creators(4), creators=creators, pool=pool).item("not_followers_only").ok


def test_budget_is_checked() -> None:
    creators, _ = sample()
    picks = good_creators(3)
    fees = creators.set_index("creator_id").loc[picks, "fee_per_post_eur"].sum()
    assert check_shortlist(picks, creators=creators, budget_eur=fees).item("budget").ok
    item = check_shortlist(picks, creators=creators, budget_eur=fees - 1).item("budget")
    assert not item.ok and "de plus que le budget" in item.message
    default = check_shortlist(picks, creators=creators).item("budget")
    assert "15\u202f000\u00a0€" in default.message
    assert CAMPAIGN.creator_budget_eur == 15_000


@pytest.mark.parametrize("budget", ["15\u00a0000 €", "15 000 euros", "15k", 15_000.0])
def test_budget_in_french_writing(budget: object) -> None:
    creators, _ = sample()
    assert (
        "15\u202f000"
        in check_shortlist(good_creators(3), creators=creators, budget_eur=budget).item("budget").message
    )


@pytest.mark.parametrize("budget", [-5, 0, "beaucoup", float("nan"), float("inf"), True, [15_000]])
def test_bad_budget_gets_a_french_message(budget: object) -> None:
    feedback = check_shortlist(good_creators(3), budget_eur=budget, creators=sample()[0])
    assert failing(feedback) == {"input"}
    assert "montant positif en euros" in feedback.items[0].message


def test_tier_mix() -> None:
    creators, _ = sample()
    table = scored()
    nano = good_creators(8)
    same_tier = [c for c in nano if table.set_index("creator_id").loc[c, "tier"] == "nano"][:3]
    item = check_shortlist(same_tier, creators=creators).item("tier_mix")
    assert not item.ok and "palier nano" in item.message


@pytest.mark.parametrize("count", [1, 2, 7])
def test_count_outside_three_to_six(count: int) -> None:
    creators, _ = sample()
    picks = creators["creator_id"].head(count).tolist()
    item = check_shortlist(picks, creators=creators).item("count")
    assert not item.ok
    assert ("de 3 à 6" in item.message) if count < 3 else ("au plus" in item.message)


def test_unknown_ids_handles_and_case() -> None:
    creators, _ = sample()
    picks = good_creators(3)
    handle = creators.set_index("creator_id").loc[picks[0], "handle"]
    feedback = check_shortlist(
        [f"@{handle}", picks[1].lower(), f"  {picks[2]} ", "C9999", "<b>x</b>"], creators=creators
    )
    item = feedback.item("known_ids")
    assert not item.ok and "«\u00a0C9999\u00a0»" in item.message and "«\u00a0<b>x</b>\u00a0»" in item.message
    assert feedback.item("count").ok  # the three known creators still count
    html = feedback_html(feedback)
    assert "<b>x</b>" not in html and escape("«\u00a0<b>x</b>\u00a0»") in html


def test_comma_separated_string_and_dataframe_inputs() -> None:
    creators, _ = sample()
    picks = good_creators(3)
    as_text = check_shortlist(" ; ".join(picks), creators=creators)
    as_frame = check_shortlist(creators[creators["creator_id"].isin(picks)], creators=creators)
    assert as_text.passed and as_frame.passed


def test_objective_target_changes_the_verdict() -> None:
    creators, _ = sample()
    table = scored()
    french_only = table[(table["audience_share_fr"] > 0.6) & (table["audience_share_ch"] < 0.1)]
    pick = next(c for c in good_creators(6) if c in set(french_only["creator_id"]))
    swiss = "Conversion : 300 ventes d’ici fin juin 2027 auprès des 25-34 ans en Suisse romande"
    item = check_shortlist([pick, *good_creators(3)], objective_text=swiss, creators=creators).item(
        f"creator:{pick}"
    )
    assert not item.ok and "audience hors cible" in item.message and "Suisse" in item.message
    default = check_shortlist(good_creators(3), objective_text=None, creators=creators)
    assert any("défaut" in tip for tip in default.tips)


@pytest.mark.parametrize(
    "picks",
    [None, ..., "", "   ", [], 42, 3.5, {"C0001": True}, [1.5, 2.5], [["C0001"]], object()],
)
def test_bad_picks_get_a_french_message(picks: object) -> None:
    feedback = check_shortlist(picks, creators=sample()[0])
    assert failing(feedback) == {"input"}
    message = feedback.items[0].message
    assert message and "Traceback" not in message
    assert any(word in message for word in ("créateur", "identifiant", "liste"))


def test_huge_and_hostile_inputs_never_raise() -> None:
    creators, _ = sample()
    huge = ["C0001"] * 10 + [f"X{i}" for i in range(1_000)]
    assert "éléments" in check_shortlist(huge, creators=creators).items[0].message
    long_text = "🌱<script>alert('x')</script>" * 5_000
    feedback = check_shortlist(long_text, objective_text=long_text, creators=creators)
    html = feedback_html(feedback)
    assert "<script>" not in html
    assert not feedback.passed


@pytest.mark.parametrize("creators", ["creators.csv", pd.DataFrame({"id": ["C0001"]}), 12])
def test_bad_creator_table(creators: object) -> None:
    feedback = check_shortlist(["C0001", "C0002", "C0003"], creators=creators)
    assert failing(feedback) == {"input"} and "creator_id" in feedback.items[0].message


def test_parse_picks_keeps_order_and_drops_duplicates() -> None:
    assert parse_picks(["C0002", "@c0001", "C0002", None]) == (["C0002", "c0001"], None)
    assert parse_picks("C0003, C0001\nC0002")[0] == ["C0003", "C0001", "C0002"]


def test_read_more_titles_exist_in_the_chapter() -> None:
    if not CHAPTER_PAGE.exists():
        pytest.skip("chapter page not written yet")
    import json

    cells = json.loads(CHAPTER_PAGE.read_text(encoding="utf-8"))["cells"]
    headings = {
        line.lstrip("#").strip()
        for cell in cells
        if cell["cell_type"] == "markdown"
        for line in "".join(cell["source"]).splitlines()
        if line.startswith("#")
    }
    from influence_workbook.checks import shortlist

    for title in (
        shortlist.READ_FIT,
        shortlist.READ_ER,
        shortlist.READ_FAKE,
        shortlist.READ_MIX,
        shortlist.READ_WORKSHOP,
    ):
        assert title in headings, title
