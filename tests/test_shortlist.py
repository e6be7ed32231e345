"""check_shortlist and the chapter-2 workshop: the planted traps are caught, learner input is safe."""

from __future__ import annotations

from datetime import UTC, datetime
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
from influence_workbook.progress import ProgressStore
from influence_workbook.widgets.render import feedback_html

CHAPTER_PAGE = Path(__file__).resolve().parents[1] / "notebooks" / "02_mauvais_influenceur.ipynb"
WHOLE_LIST = ["count", "known_ids", "budget", "not_followers_only"]


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
        assert expected[0].lower() in item.message.lower()
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
    assert not item.ok and item.message.startswith("Dépassement de 1\u00a0€")
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
    assert "montant positif" in feedback.items[0].message


def test_one_tier_is_a_tip_not_a_failure() -> None:
    """Issue 18: all micro (or all nano) is a normal strategy on 15 000 €; mixing tiers is a tip."""
    creators, _ = sample()
    table = scored()
    nano = good_creators(8)
    same_tier = [c for c in nano if table.set_index("creator_id").loc[c, "tier"] == "nano"][:3]
    feedback = check_shortlist(same_tier, creators=creators)
    assert feedback.passed, feedback.to_text()
    assert "tier_mix" not in {item.criterion for item in feedback.items}
    assert any("palier nano" in tip for tip in feedback.tips)
    mixed = check_shortlist(good_creators(4), creators=creators)
    assert not any("palier" in tip and "Tous vos créateurs" in tip for tip in mixed.tips)


def test_overspend_fails_with_the_amount_in_the_campaign_currency() -> None:
    from influence_workbook.campaign import campaign_from_answer

    creators, _ = sample()
    picks = good_creators(3)
    fees = float(creators.set_index("creator_id").loc[picks, "fee_per_post_eur"].sum())
    feedback = check_shortlist(picks, creators=creators, budget_eur=fees / 2)
    assert not feedback.item("budget").ok
    assert feedback.item("budget").message.startswith(f"Dépassement de {CAMPAIGN.money(fees / 2)}")
    assert not feedback.headline.startswith("Bon début")
    swiss = campaign_from_answer({"brand": "Vélo Léman", "product": "vélo cargo électrique", "creator_budget": 100,
                                  "currency": "CHF", "markets": ["CH"], "launch": "2027-04-10",
                                  "product_price": 4200, "gross_margin_rate": 35})
    item = check_shortlist(picks, creators=creators, campaign=swiss).item("budget")
    assert not item.ok and "CHF" in item.message and "€" not in item.message.split("(")[0]


@pytest.mark.parametrize(("objective", "ok", "tip"), [
    ("Notoriété : 300 000 personnes touchées d'ici juin 2027 auprès des 18-34 ans en France et en Suisse", False,
     False),
    ("Notoriété : 10 000 vues d'ici juin 2027 auprès des 18-34 ans en France et en Suisse", True, False),
])
def test_expected_reach_is_compared_with_a_reach_objective(objective: str, ok: bool, tip: bool) -> None:
    creators, _ = sample()
    feedback = check_shortlist(good_creators(4), objective, creators=creators)
    item = feedback.item("reach")
    assert item.ok is ok
    assert "vues" in item.message and ("300\u202f000" in item.message or "10\u202f000" in item.message)
    if not ok:
        assert "%" in item.message and "ne couvre que" in item.message


def test_reach_close_to_the_objective_is_a_tip() -> None:
    from influence_workbook.checks.shortlist import reach_goal

    creators, _ = sample()
    picks = good_creators(4)
    views = float(creators.set_index("creator_id").loc[picks, "avg_views"].sum())
    goal = round(views * 1.4, -3)
    objective = f"Toucher {int(goal)} personnes en France et en Suisse (18-34 ans) d'ici fin mars 2027"
    assert reach_goal(objective) == (goal, "personnes")
    feedback = check_shortlist(picks, objective, creators=creators)
    assert feedback.item("reach").ok
    assert any("couvre" in tip and "%" in tip for tip in feedback.tips)


def test_a_sales_objective_has_no_reach_item() -> None:
    creators, _ = sample()
    objective = "Vendre 800 coffrets d'ici avril 2027 auprès des 18-34 ans en France et en Suisse"
    feedback = check_shortlist(good_creators(4), objective, creators=creators)
    assert "reach" not in {item.criterion for item in feedback.items}


def test_the_campaign_gives_markets_niches_and_budget() -> None:
    from influence_workbook.campaign import campaign_from_answer

    creators, _ = sample()
    saas = campaign_from_answer({"brand": "Planifio", "product": "logiciel de planning pour PME",
                                 "creator_budget": 20_000, "currency": "EUR", "markets": ["FR", "BE"],
                                 "launch": "2027-02-01", "product_price": 49, "gross_margin_rate": 80})
    beauty = good_creators(3)
    feedback = check_shortlist(beauty, creators=creators, campaign=saas)
    assert not feedback.passed
    assert any("logiciel de planning" in item.message for item in feedback.failed_items())
    assert "20\u202f000\u00a0€" in feedback.item("budget").message
    assert any("Belgique" in tip or "la France et la Belgique" in tip for tip in feedback.tips)


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


# --------------------------------------------------------------------------- the prepared checker


def test_prepared_checker_gives_the_same_feedback_as_check_shortlist() -> None:
    from influence_workbook.checks.shortlist import ShortlistChecker
    from influence_workbook.metrics import filter_creators, score_creators, target_from_objective

    creators, _ = sample()
    objective = "Conversion : 1 500 ventes d'ici fin juin 2027 auprès des 25-34 ans en Suisse"
    scored = score_creators(creators, target_from_objective(objective))
    pool = filter_creators(scored, niche="beaute")
    biggest = pool.nlargest(3, "followers")["creator_id"].astype(str).tolist()
    checker = ShortlistChecker(creators, objective, 9_000, scored=scored)
    for picks in (good_creators(3), good_creators(6), biggest, [*good_creators(2), "inconnu"], "C0001, c0002",
                  trapped("bought_followers")[:3], ["@" + str(creators["handle"].iloc[5])], []):
        expected = check_shortlist(picks, objective, 9_000, creators, pool=pool)
        assert checker.check(picks, pool=pool) == expected, picks
    assert "not_followers_only" in failing(checker.check(biggest, pool=pool))


def test_prepared_checker_rescores_a_table_scored_for_another_target() -> None:
    from influence_workbook.checks.shortlist import ShortlistChecker
    from influence_workbook.metrics import SCORED_FOR, score_creators, target_from_objective

    creators, _ = sample()
    swiss = "Notoriété : 200 000 personnes touchées d'ici fin juin 2027 chez les 25-34 ans en Suisse"
    scored_for_default = score_creators(creators)
    checker = ShortlistChecker(creators, swiss, scored=scored_for_default)
    assert checker.target == target_from_objective(swiss) != scored_for_default.attrs[SCORED_FOR]
    rescored = score_creators(creators, checker.target)
    assert [row["audience_fit"] for row in checker.scored] == rescored["audience_fit"].tolist()
    assert checker.check(good_creators(3)) == check_shortlist(good_creators(3), swiss, creators=creators)


# --------------------------------------------------------------------------- the workshop widget


def workshop(tmp_path: Path, creators: pd.DataFrame | None = None) -> tuple[object, ProgressStore]:
    from influence_workbook.widgets.shortlist import ShortlistWorkshop

    store = ProgressStore(tmp_path / "progression.json")
    return ShortlistWorkshop(store, creators if creators is not None else sample()[0]), store


def test_workshop_filters_checks_saves_and_reloads(tmp_path: Path) -> None:
    from influence_workbook.widgets.shortlist import ShortlistWorkshop, saved_shortlist

    w, store = workshop(tmp_path)
    box = w.widget()
    assert {"iw-workshop", "iw-ch02-shortlist"} <= set(box._dom_classes)
    assert "iw-ch02-check" in w.step.button._dom_classes
    assert "iw-ch02-feedback" in w.step.feedback._dom_classes
    w.platform.value = "instagram"
    w.niche.value = "beaute"
    assert {str(row["platform"]) for row in w.filtered} == {"instagram"}
    assert w.table.value.count("<tr>") - 1 <= 50
    assert "(j'aime + commentaires) / abonnés × 100" in w.table.value.replace("&#x27;", "'")
    victim = trapped("bought_followers")[0]
    picks = [*good_creators(3), victim]
    w.restore({"creator_ids": picks})
    assert list(w.picks.value) == picks
    assert "4 créateurs choisis" in w.budget.value
    w.step.button.click()
    html = w.step.feedback.value
    assert escape("abonnés suspects") in html and 'data-criterion="creator:' in html
    assert "Enregistré" in w.step.status.value
    saved = saved_shortlist(store)
    assert saved is not None and saved["creator_ids"] == picks and saved["passed"] is False
    assert {c["creator_id"] for c in saved["creators"]} == set(picks)

    again = ShortlistWorkshop(store, sample()[0])
    assert list(again.picks.value) == picks
    assert again.step.feedback.value == html
    assert "dernière visite" in again.step.status.value


def test_workshop_reload_restores_filters_and_sort(tmp_path: Path) -> None:
    from influence_workbook.widgets.shortlist import SORTS, ShortlistWorkshop

    w, store = workshop(tmp_path)
    w.niche.value = "beaute"
    w.country.value = "FR"
    w.followers_min.value = w.followers_min.options[2][1]
    w.fee.value = w.fee.options[-1][1]
    sort = list(SORTS)[-1]
    w.sort.value = sort
    w.picks.value = tuple(str(row["creator_id"]) for row in w.filtered[:3])
    w.step.button.click()
    filtered = [row["creator_id"] for row in w.filtered]

    again = ShortlistWorkshop(store, sample()[0])
    assert (again.niche.value, again.country.value, again.sort.value) == ("beaute", "FR", sort)
    assert again.followers_min.value == w.followers_min.value and again.fee.value == w.fee.value
    assert [row["creator_id"] for row in again.filtered] == filtered  # the same rows, hence the same table
    assert again.picks.value == w.picks.value


def test_workshop_ignores_saved_filters_the_menus_no_longer_offer(tmp_path: Path) -> None:
    w, _ = workshop(tmp_path)
    w.restore({"creator_ids": [], "filters": {"niche": "astrologie", "followers_min": -5, "platform": "tiktok"},
               "sort": "<script>"})
    assert (w.niche.value, w.followers_min.value, w.platform.value) == ("", w.followers_min.options[0][1], "tiktok")
    assert w.sort.value == w.sort.options[0][1]


def test_workshop_passing_shortlist_is_saved_as_passed(tmp_path: Path) -> None:
    from influence_workbook.widgets.shortlist import saved_shortlist

    w, store = workshop(tmp_path)
    w.picks.options = [(cid, cid) for cid in good_creators(4)]
    w.picks.value = tuple(good_creators(4))
    feedback = w.step.run_check()
    assert feedback is not None and feedback.passed, feedback.to_text() if feedback else ""
    saved = saved_shortlist(store)
    assert saved is not None and saved["passed"] is True


def test_saved_shortlist_is_none_before_any_check(tmp_path: Path) -> None:
    from influence_workbook.widgets.shortlist import saved_shortlist

    assert saved_shortlist(ProgressStore(tmp_path / "vide.json")) is None


def test_workshop_reads_the_chapter1_objective(tmp_path: Path) -> None:
    from influence_workbook.widgets.shortlist import ShortlistWorkshop

    store = ProgressStore(tmp_path / "progression.json")
    objective = "Conversion : 300 ventes d’ici fin juin 2027 auprès des 25-34 ans en Suisse <b>romande</b>"
    store.save("ch01", "objective", {"mode": "Phrase libre", "text": objective})
    w = ShortlistWorkshop(store, sample()[0])
    assert w.target.countries == ("CH",) and (w.target.age_low, w.target.age_high) == (25, 34)
    intro = w.widget().children[0].value
    assert escape(objective) in intro and "<b>romande</b>" not in intro
    default = workshop(tmp_path / "autre")[0]
    assert "pas encore enregistré d'objectif" in default.widget().children[0].value.replace("&#x27;", "'")


def test_filters_narrow_the_table(tmp_path: Path) -> None:
    # How long a filter change takes is measured by `python -m benchmarks scoring`.
    w, _ = workshop(tmp_path)
    for platform in ("instagram", "tiktok", "youtube", ""):
        w.platform.value = platform
    w.followers_min.value, w.followers_max.value = 10_000, 500_000
    w.fee.value = 1_000
    w.sort.value = "Part d'audience dans votre cible"
    assert w.current_filters()["followers_min"] == 10_000 and w.current_filters()["fee_max"] == 1_000
    w.followers_min.value, w.followers_max.value = 500_000, 10_000  # menus the wrong way round
    assert (w.current_filters()["followers_min"], w.current_filters()["followers_max"]) == (10_000, 500_000)
    assert w.filtered and all(row["fee_per_post_eur"] <= 1_000 for row in w.filtered)
    assert all(10_000 <= row["followers"] <= 500_000 for row in w.filtered)


def test_workshop_plot_has_alt_text(tmp_path: Path) -> None:
    w, _ = workshop(tmp_path)
    picks = good_creators(3)
    w.restore({"creator_ids": picks})
    w.show_plot()
    assert "<img" in w.plot.value and 'alt="' in w.plot.value
    assert "Vos choix sont entourés" in w.plot.value and "échelle logarithmique" in w.plot.value



def test_a_check_redraws_a_figure_on_show_but_the_check_itself_touches_no_widget(tmp_path: Path) -> None:
    # The check also runs ahead of the click (CheckedStep.watch): it must leave the page alone.
    w, _ = workshop(tmp_path)
    w.restore({"creator_ids": good_creators(3)})
    w.show_plot()
    figure_before = w.plot.value
    picks = good_creators(4)
    w.restore({"creator_ids": picks})
    w.check(w.collect())
    assert w.plot.value == figure_before
    w.step.button.click()
    assert w.plot.value != figure_before and "<img" in w.plot.value  # redrawn with the new picks
    assert "Réussi" in w.step.feedback.value or "À revoir" in w.step.feedback.value


def test_a_verdict_prepared_on_one_table_is_checked_again_on_another(tmp_path: Path) -> None:
    # The verdict also depends on the table (the pool the picks are judged in), which the answer
    # only names: a new table, even under the same name, drops the prepared verdict.
    w, _ = workshop(tmp_path)
    checked: list[object] = []
    check = w.step.check
    w.step.check = lambda answer: checked.append(answer) or check(answer)
    w.restore({"creator_ids": good_creators(3)})
    w.step.prepare()
    w.use_table(sample()[0], "exemple")
    assert len(checked) == 1
    w.step.button.click()
    assert len(checked) == 2 and checked[0] == checked[1]  # same answer, checked again



HOSTILE_CSV = (
    "Nom;Pseudo;Plateforme;Abonnés;J'aime moyens;Commentaires;Niche;Tarif €\n"
    "<script>alert(1)</script>;@lea.vrac;Instagram;12 500;420;18;beauté;300 €\n"
    "Zoé 🌱;zoe_vrac;TikTok;8 000;900;40;écologie;150\n"
    "Bob;bob;TikTok;abc;10;1;mode;100\n"
).encode()


def test_import_of_a_learner_csv_is_escaped_and_keeps_the_saved_shortlist(tmp_path: Path) -> None:
    from influence_workbook.widgets.shortlist import saved_shortlist

    w, store = workshop(tmp_path)
    w.restore({"creator_ids": good_creators(3)})
    w.step.run_check()
    before = saved_shortlist(store)
    assert w.import_csv(HOSTILE_CSV, "mes-créateurs.csv")
    assert w.source == "import" and len(w.scored) == 2
    assert "<script>" not in w.table.value and escape("<script>alert(1)</script>") in w.table.value
    assert "colonne « Abonnés »" in w.import_status.value
    assert "Ligne 4" in w.import_status.value
    assert list(w.picks.value) == good_creators(3)  # the picks stay selectable
    assert saved_shortlist(store) == before
    # Imported creators are checked too: unknown audience is said, not guessed.
    w.picks.value = ("L0001", "L0002", good_creators(1)[0])
    feedback = w.step.run_check()
    assert feedback is not None
    assert "audience inconnue" in feedback.item("creator:L0001").message.lower()


def test_import_of_a_minimal_csv_without_names_or_fees(tmp_path: Path) -> None:
    w, _ = workshop(tmp_path)
    minimal = (b"handle;followers;platform;avg_likes;avg_comments\nalice;1200;instagram;50;3\n"
               b"bob;5000;tiktok;100;5\ncarl;300;youtube;10;1\n")
    assert w.import_csv(minimal, "minimal.csv")
    assert "@alice ()" in w.table.value and w.table.value.count("<tr>") == 4
    w.picks.value = ("L0001", "L0002", "L0003")
    assert "tarif inconnu pour 3 d&#x27;entre eux" in w.budget.value and "0\u00a0€ pour" not in w.budget.value
    feedback = w.step.run_check()
    assert feedback is not None and "budget" in failing(feedback)
    assert "audience inconnue" in feedback.item("creator:L0001").message.lower()


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\x00\x01\x02\xff" * 100,
        b"nom,plateforme\n",
        "Nom;Abonnés\nLéa;12\n".encode("cp1252"),
        b"a" * (5 * 1024 * 1024 + 1),
    ],
)
def test_bad_imports_change_nothing(tmp_path: Path, content: bytes) -> None:
    from influence_workbook.widgets.shortlist import saved_shortlist

    w, store = workshop(tmp_path)
    w.restore({"creator_ids": good_creators(3)})
    w.step.run_check()
    before = saved_shortlist(store)
    rows_before = len(w.scored)
    assert not w.import_csv(content, "<img src=x onerror=alert(1)>.csv")
    assert w.source == "exemple" and len(w.scored) == rows_before
    assert "<img src=x" not in w.import_status.value and w.import_status.value
    assert saved_shortlist(store) == before


def test_upload_widget_feeds_the_importer(tmp_path: Path) -> None:
    w, _ = workshop(tmp_path)
    entry = {
        "name": "liste.csv",
        "type": "text/csv",
        "size": len(HOSTILE_CSV),
        "content": memoryview(HOSTILE_CSV),
        "last_modified": datetime(2026, 11, 28, tzinfo=UTC),
    }
    w.upload.value = (entry,)
    assert w.source == "import" and "liste.csv" in w.import_status.value
    w.use_sample.click()
    assert w.source == "exemple" and len(w.scored) == len(sample()[0])


# --------------------------------------------------------------------------- exercise checks


PROFILES = pd.DataFrame(
    {
        "profil": ["A", "B", "C", "D"],
        "platform": ["instagram"] * 4,
        "followers": [8_200, 46_000, 152_000, 620_000],
        "avg_likes": [240, 1_900, 310, 5_200],
        "avg_comments": [14, 160, 9, 140],
        "follower_growth_30d_pct": [3.0, 2.1, 48.0, 1.2],
        "max_daily_growth_pct": [0.4, 0.3, 14.0, 0.2],
        "suspicious_followers_pct": [7.0, 18.0, 44.0, 16.0],
        "generic_comment_share": [0.12, 0.72, 0.30, 0.20],
    }
)


@pytest.mark.parametrize("answer", [2.98, "2,98 %", "2.98", "2,98\u202f%", 2.985])
def test_engagement_rate_exercise_right(answer: object) -> None:
    from influence_workbook.checks.shortlist import check_engagement_rate_answer

    assert check_engagement_rate_answer(answer, likes=512, comments=37, followers=18_400).passed


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("0,0298 %", "multiplier par 100"),
        (2.78, "que les j'aime"),
        (3351.5, "à l'envers"),
        (5.0, "environ 2,98"),
    ],
)
def test_engagement_rate_exercise_common_mistakes(answer: object, expected: str) -> None:
    from influence_workbook.checks.shortlist import check_engagement_rate_answer

    feedback = check_engagement_rate_answer(answer, likes=512, comments=37, followers=18_400)
    assert not feedback.passed and expected in feedback.items[0].message


@pytest.mark.parametrize("answer", [None, ..., "", "beaucoup", [3], True, "<b>4</b> pour cent"])
def test_engagement_rate_exercise_bad_input(answer: object) -> None:
    from influence_workbook.checks.shortlist import check_engagement_rate_answer

    feedback = check_engagement_rate_answer(answer, likes=512, comments=37, followers=18_400)
    assert not feedback.passed
    if answer == "<b>4</b> pour cent":
        assert "environ 2,98" in feedback.items[0].message  # read as 4 %, then judged
    else:
        assert feedback.items[0].criterion == "input"


@pytest.mark.parametrize("answer", ["3,2 pour cent", "environ 3.2%", "  3,2 % ", "0,032", "32 / 1000 × 100 = 3,2 %"])
def test_engagement_rate_is_read_however_it_is_typed(answer: str) -> None:
    """A share (0,032) is the same rate: right, and the message says how to write it as a percentage."""
    from influence_workbook.checks.shortlist import check_engagement_rate_answer

    feedback = check_engagement_rate_answer(answer, likes=30, comments=2, followers=1_000)
    assert feedback.passed, feedback.to_text()
    if answer == "0,032":
        assert "part" in feedback.items[0].message and "3,2" in feedback.items[0].message


@pytest.mark.parametrize("counts", [
    {"likes": float("nan")}, {"followers": float("inf")}, {"comments": -3}, {"likes": 10**400},
    {"followers": 0}, {"shares": float("-inf")}, {"likes": 1e300},
])
def test_engagement_rate_bad_counts_get_a_french_message(counts: dict[str, float]) -> None:
    from influence_workbook.checks.shortlist import check_engagement_rate_answer

    arguments = {"likes": 512, "comments": 37, "followers": 18_400, **counts}
    feedback = check_engagement_rate_answer("2,98 %", **arguments)  # type: ignore[arg-type]
    assert feedback.items[0].criterion == "input"
    text = feedback.to_text()
    assert "nan" not in text.lower().replace("nano", "") and "inf" not in text and "exercice" in text


def test_bought_followers_exercise() -> None:
    from influence_workbook.checks.shortlist import check_bought_followers_answer

    assert check_bought_followers_answer("C", PROFILES).passed
    assert check_bought_followers_answer(" « c » ", PROFILES).passed
    wrong = check_bought_followers_answer("B", PROFILES)
    assert not wrong.passed and "génériques" in wrong.items[0].message
    assert "aucun signal" in check_bought_followers_answer("A", PROFILES).items[0].message
    for bad in (None, ..., "Z", 3, "AB"):
        assert check_bought_followers_answer(bad, PROFILES).items[0].criterion == "input"
    assert check_bought_followers_answer("C", None).items[0].criterion == "input"
    # Letters inside words or sentences: « c'est », « il a » are not profiles; two letters choose none.
    assert check_bought_followers_answer("c'est le C, il a 44 % d'abonnés suspects", PROFILES).passed
    assert check_bought_followers_answer("Profil c", PROFILES.to_dict(orient="list")).passed
    two = check_bought_followers_answer("B ou C", PROFILES)
    assert not two.passed and two.items[0].criterion == "profile" and "B, C" in two.items[0].message
    with_gaps = PROFILES.assign(profil=["A", None, "C", pd.NA])
    text = check_bought_followers_answer("Z", with_gaps).to_text()
    assert "None" not in text and "<NA>" not in text and "NONE" not in text


def test_benchmark_exercise() -> None:
    from influence_workbook.checks.shortlist import check_benchmark_choice

    assert check_benchmark_choice("B").passed and check_benchmark_choice("b").passed
    for letter in "ACD":
        feedback = check_benchmark_choice(letter)
        assert not feedback.passed and feedback.items[0].read_more == READ_ER
    for bad in (None, ..., "E", 2, ""):
        assert check_benchmark_choice(bad).items[0].criterion == "input"


def test_secondary_buttons_show_their_whole_label(tmp_path: Path) -> None:
    # ipywidgets' default button width (148 px) cut « Afficher le graphique » and « Importer ma liste (CSV) ».
    widget, _store = workshop(tmp_path)
    for button in (widget.plot_button, widget.use_sample, widget.upload):  # type: ignore[attr-defined]
        assert button.layout.width == "auto", button.description


def test_wide_tables_are_keyboard_reachable_regions() -> None:
    from influence_workbook.data.load import load_creators
    from influence_workbook.metrics import french_table, score_creators
    from influence_workbook.widgets.render import table_region_html

    table = french_table(score_creators(load_creators()).head(3))
    html = table_region_html(table, "Avant : <les plus gros comptes>")
    assert 'role="region"' in html and 'tabindex="0"' in html
    assert 'aria-label="Avant : &lt;les plus gros comptes&gt;"' in html
    assert html.count("<tr") == 4  # header + three creators


def test_a_sentence_of_handles_is_read_without_its_connectors() -> None:
    assert parse_picks("@lucas.plaid, @ines.cocon et @rose.ruche.cree")[0] == ["lucas.plaid", "ines.cocon",
                                                                            "rose.ruche.cree"]
    assert parse_picks({"creator_ids": ["C0001", "C0002"]})[0] == ["C0001", "C0002"]
