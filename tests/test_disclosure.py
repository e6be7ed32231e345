"""Chapter 5: check_disclosure (wording, language, placement, images), the rules data, the
classification against the answer key, the learner's campaign caption, and the two workshops."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest

from influence_workbook.authoring.typography import fix
from influence_workbook.campaign import Campaign, campaign_from_answer
from influence_workbook.checks import check_disclosure
from influence_workbook.checks.disclosure import (
    CHECK_NAME,
    Case,
    caption_verdicts,
    cases_from_frames,
    check_campaign_caption,
    check_classification,
    disclosure_verdict,
    fold_same_length,
    load_cases,
    read_disclosure,
    sample_cases,
)
from influence_workbook.disclosure_rules import (
    CONTRACT_THRESHOLD_EUR_HT,
    JURISDICTION_CODES,
    JURISDICTIONS,
    WORDING_KINDS,
    checklist_rows,
)
from influence_workbook.feedback import escape
from influence_workbook.paths import course_root
from influence_workbook.progress import ProgressStore
from influence_workbook.widgets.disclosure import (
    CaptionWorkshop,
    ClassificationWorkshop,
    disclosure_workshop,
    saved_caption,
    saved_classification,
    shortlisted_creator,
)

NBSP = "\u00a0"
NNBSP = "\u202f"
BODY = "Mon rituel du soir avec le shampooing solide à l'avoine de @seve 🌾\nIl apaise mon cuir chevelu."


def verdict(caption: str, jurisdiction: str = "FR", **kwargs: object) -> bool:
    return check_disclosure(caption, jurisdiction, **kwargs).passed  # type: ignore[arg-type]


# --------------------------------------------------------------------------- wording per jurisdiction

@pytest.mark.parametrize("mention", [
    "Publicité", "PUBLICITÉ", "publicite", "#publicité", "Collaboration commerciale",
    "#CollaborationCommerciale",
    "Partenariat rémunéré avec @seve", "Sponsorisé par @seve", "En partenariat avec @seve",
])
def test_french_wordings_accepted_in_france_and_switzerland(mention: str) -> None:
    caption = f"{mention} | {BODY}"
    for code in ("FR", "CH", "EU"):
        feedback = check_disclosure(caption, code)
        assert feedback.passed, (code, feedback.to_text())
        assert feedback.item("wording").ok


@pytest.mark.parametrize("mention", ["#sp", "#spon", "#collab", "#partner", "#ambassador", "#Sponso",
                                     "Merci @seve", "merci à @seve", "#gifted",
                                     "En collaboration avec @seve"])
def test_ambiguous_tags_and_thanks_are_not_a_disclosure(mention: str) -> None:
    caption = f"{mention} {BODY}"
    for code in ("FR", "CH", "EU"):
        feedback = check_disclosure(caption, code, language="fr")
        assert not feedback.item("wording").ok, (code, mention)
        assert not feedback.passed
    message = check_disclosure(caption, "FR").item("wording").message
    assert fix(f"« {mention} »") in message and "Publicité" in message


@pytest.mark.parametrize("mention", ["#sp", "#spon", "#collab", "#partner", "#ambassador", "Thanks @seve",
                                     "In collaboration with @seve", "Brought to you by @seve"])
def test_ambiguous_english_tags_rejected_in_us_and_uk(mention: str) -> None:
    caption = f"{mention} Two weeks testing the new shampoo bar, love it"
    for code in ("US", "UK", "EU"):
        feedback = check_disclosure(caption, code, language="en")
        assert not feedback.passed and not feedback.item("wording").ok, (code, mention)
    assert "#ad" in check_disclosure(caption, "US", language="en").item("wording").message


@pytest.mark.parametrize("mention", ["#ad", "Ad |", "AD:", "Advertisement", "#Advert"])
def test_ad_is_fine_in_us_and_uk_for_english_captions_not_in_france(mention: str) -> None:
    caption = f"{mention} Two weeks testing the new shampoo bar from @seve, love it"
    assert verdict(caption, "US") and verdict(caption, "UK")
    france = check_disclosure(caption, "FR")
    assert not france.passed
    assert not france.item("wording").ok
    assert "Publicité" in france.item("wording").message


def test_english_ad_for_a_french_speaking_audience_fails_on_language() -> None:
    caption = f"#ad {BODY}"
    france = check_disclosure(caption, "FR")
    assert not france.item("language").ok
    assert "anglais" in france.item("language").message
    swiss = check_disclosure(caption, "CH")  # French caption in Switzerland: the audience reads French
    assert not swiss.passed and not swiss.item("language").ok


def test_german_werbung_is_fine_in_switzerland_for_a_german_caption() -> None:
    caption = "Werbung | Neu in meiner Routine: das feste Shampoo von @seve, ich liebe es 💚"
    assert verdict(caption, "CH")
    assert verdict("Anzeige\nIch teste seit zwei Wochen die Neuheit von @seve ✨", "CH")
    # the same German mention on a French caption is not in the audience's language
    french = check_disclosure(f"Werbung | {BODY}", "CH")
    assert not french.passed and not french.item("language").ok


def test_uk_sponsored_and_gifted_are_risky_us_sponsored_fine() -> None:
    caption = "Sponsored: two weeks testing the new range from @seve, honest review"
    assert verdict(caption, "US")
    uk = check_disclosure(caption, "UK")
    assert not uk.passed and "à risque" in uk.item("wording").message
    assert not verdict("#gifted Two weeks testing the new range from @seve", "UK")


def test_ftc_free_product_thanks_is_enough_in_us_only() -> None:
    caption = "Thanks to @acme for the free product! Two weeks testing it, love it"
    assert verdict(caption, "US")
    assert not verdict(caption, "UK")
    assert not verdict("Thanks @acme! Two weeks testing it, love it", "US")


def test_platform_label_is_an_equivalent_in_france_but_risky_in_uk() -> None:
    caption = f"Partenariat rémunéré avec @seve\n{BODY}"
    assert verdict(caption, "FR") and verdict(caption, "CH")
    assert not check_disclosure(caption, "UK", language="en").item("wording").ok


def test_no_mention_at_all() -> None:
    # One item per cause (issue 18): with no mention, language and place have nothing to judge.
    feedback = check_disclosure(BODY + fix("\nCode SEVE15 : -15 % sur le site 🎁"), "FR")
    assert feedback.score == (0, 1)
    assert "Aucune mention" in feedback.item("wording").message


def test_unsponsored_post_needs_no_mention() -> None:
    feedback = check_disclosure("Merci @amie pour l'idée 🙌 " + BODY, "FR", sponsored=False)
    assert feedback.passed and "aucune mention" in feedback.items[0].message
    assert disclosure_verdict(BODY, "FR", sponsored=False) == "not_applicable"


# --------------------------------------------------------------------------- placement

def test_buried_mention_says_where_it_was_found() -> None:
    wall = " ".join(f"#tag{i}" for i in range(9))
    caption = (BODY + "\n" + "Encore quelques mots sur la texture. " * 8 + "\n.\n.\n" + wall
               + " #publicité #fin")
    feedback = check_disclosure(caption, "FR")
    assert feedback.item("wording").ok
    placement = feedback.item("placement")
    assert not placement.ok
    position = caption.index("#publicité") + 1
    assert f"à la position {position}" in placement.message
    assert "après 9 hashtags" in placement.message
    assert fix("« … plus »") in placement.message


def test_mention_among_hashtags_at_the_start_is_still_buried() -> None:
    caption = "Routine 🌾 #cheveux #zerodechet #publicité\n" + BODY
    placement = check_disclosure(caption, "FR").item("placement")
    assert not placement.ok and "noyée parmi les hashtags" in placement.message


def test_mention_on_fourth_line_is_hidden_even_when_short() -> None:
    caption = "Coucou\nça va ?\nla suite\nPublicité @seve"
    assert caption.index("Publicité") < 125
    assert not check_disclosure(caption, "FR").item("placement").ok


def test_mention_at_start_and_ambiguous_tag_later_passes_with_a_tip() -> None:
    feedback = check_disclosure(f"Publicité\n{BODY}\n#collab #cheveux", "FR")
    assert feedback.passed
    assert any("#collab" in tip for tip in feedback.tips)


def test_proper_mention_buried_while_ambiguous_tag_leads() -> None:
    caption = "#collab " + BODY + "\n" + "x " * 80 + "\nPublicité"
    feedback = check_disclosure(caption, "FR")
    assert feedback.item("wording").ok and not feedback.item("placement").ok


# --------------------------------------------------------------------------- French typography

def test_typography_curly_quotes_nbsp_emoji_and_line_breaks() -> None:
    caption = (f"✨«{NBSP}Publicité{NBSP}» – Collaboration{NNBSP}commerciale avec @sève’s\r\n"
               f"Code SEVE15{NNBSP}: −15{NNBSP}% 🎁\n\n#zérodéchet")
    feedback = check_disclosure(caption, "FR")
    assert feedback.passed, feedback.to_text()
    assert "Publicité" in feedback.item("wording").message  # quoted as the creator wrote it


def test_fold_same_length_keeps_positions() -> None:
    text = fix(f"Œuvre «{NBSP}Publicité{NBSP}» 🌾 ﬁn İ")
    folded = fold_same_length(text)
    assert len(folded) == len(text)
    assert folded[text.index("Publicité"):].startswith("publicite")


def test_html_is_text_and_escaped_in_feedback_html() -> None:
    caption = "<b>#spon</b> <script>alert('x')</script> " + BODY
    feedback = check_disclosure(caption, "FR")
    assert not feedback.passed and fix("« #spon »") in feedback.item("wording").message
    unknown = check_disclosure(caption, "<script>alert(1)</script>")
    assert fix("« <script>alert(1)</script> »") in unknown.items[0].message
    html = unknown._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


# --------------------------------------------------------------------------- images (FR)

def test_retouched_and_virtual_images_in_france() -> None:
    base = f"Publicité | {BODY}"
    missing = check_disclosure(base, "FR", retouched=True, ai_generated=True)
    assert not missing.item("retouched").ok and not missing.item("virtual").ok
    assert "Images retouchées" in missing.item("retouched").message
    fixed = check_disclosure(f"Publicité · Images retouchées · Images virtuelles\n{BODY}", "FR",
                             retouched=True, ai_generated=True)
    assert fixed.passed, fixed.to_text()
    assert "retouched" not in {i.criterion for i in check_disclosure(base, "FR").items}
    swiss = check_disclosure(base, "CH", retouched=True)
    assert swiss.passed and any("règle française" in tip for tip in swiss.tips)


# --------------------------------------------------------------------------- bad input

@pytest.mark.parametrize("bad", [None, ..., "", "   ", "...", 42, 3.5, ["Publicité"], {"a": 1}, "🌾🌾 !!"])
def test_bad_captions_get_a_french_message(bad: object) -> None:
    feedback = check_disclosure(bad, "FR")
    assert not feedback.passed
    assert feedback.items[0].criterion == "input"
    assert "légende" in feedback.items[0].message.lower() or "mot" in feedback.items[0].message


def test_a_caption_given_as_bytes_is_read_as_its_text() -> None:
    """The guard decodes bytes (a notebook slip) rather than showing « b'Pub' »: the caption is judged."""
    as_bytes, as_text = check_disclosure(b"Pub | ma routine", "FR"), check_disclosure("Pub | ma routine", "FR")
    assert as_bytes.to_dict() == as_text.to_dict() and "b'" not in as_bytes.to_text()


@pytest.mark.parametrize("code", ["fr", " Fr ", "FRANCE", "suisse", "ch", "UE", "eu", "usa", "us", "gb", "uk",
                                  "Royaume-Uni", "États-Unis"])
def test_jurisdiction_case_insensitive_and_aliases(code: str) -> None:
    feedback = check_disclosure(f"Publicité | {BODY}", code)
    assert feedback.items[0].criterion != "input"


@pytest.mark.parametrize("bad", ["XX", "", None, 5, "Allemagne", "<script>"])
def test_unknown_jurisdiction_lists_the_valid_ones(bad: object) -> None:
    feedback = check_disclosure(f"Publicité | {BODY}", bad)
    assert not feedback.passed
    message = feedback.items[0].message
    for code in JURISDICTION_CODES:
        assert fix(f"« {code} »") in message
    assert "n'est pas une juridiction" in message


@pytest.mark.parametrize("flags", [{"retouched": "peut-être"}, {"ai_generated": None}, {"sponsored": 1},
                                   {"language": "es"}])
def test_bad_flags_get_a_french_message(flags: dict[str, object]) -> None:
    feedback = check_disclosure(f"Publicité | {BODY}", "FR", **flags)  # type: ignore[arg-type]
    assert feedback.items[0].criterion == "input" and not feedback.passed


def test_huge_caption_is_checked() -> None:
    # How long it takes is measured by `python -m benchmarks checks` (5 000 and 100 000 characters).
    base = ("Un texte très long sur ma routine « cheveux » 🌾, avec des détails, encore des détails. "
            "#cheveux @amie\n")
    caption_5k = ("Publicité | " + base * 100)[:5_000]
    caption_100k = (base * 2_000)[:100_000] + " #publicité"
    feedback_5k = check_disclosure(caption_5k, "FR")
    feedback_100k = check_disclosure(caption_100k, "FR")
    assert feedback_5k.passed
    assert not feedback_100k.item("placement").ok
    assert f"à la position {caption_100k.index('#publicité') + 1}" in feedback_100k.item("placement").message
    assert CHECK_NAME == feedback_100k.check


def test_read_disclosure_counts_hashtags_and_lines() -> None:
    reading = read_disclosure("Hello\n#a #b #c #ad")
    mention = reading.mentions[0]
    assert (mention.line, mention.hashtags_before, mention.hashtag_run) == (2, 3, 3)
    assert reading.hashtags == 4


# --------------------------------------------------------------------------- the rules as data

def test_rules_data_are_complete_and_dated() -> None:
    assert set(JURISDICTIONS) == set(JURISDICTION_CODES)
    for jurisdiction in JURISDICTIONS.values():
        assert jurisdiction.texts, jurisdiction.code
        for text in jurisdiction.texts:
            assert text.title and text.date and text.summary and text.key
    france_quotes = " ".join(t.quote for t in JURISDICTIONS["FR"].texts)
    assert "mention claire, lisible et compréhensible" in france_quotes
    assert "“publicité” ou “collaboration commerciale”" in france_quotes
    assert "Images virtuelles" in france_quotes
    assert any("Légifrance" in t.to_verify for t in JURISDICTIONS["FR"].texts)
    assert CONTRACT_THRESHOLD_EUR_HT == 1_000
    for kind in WORDING_KINDS:
        assert set(kind.verdicts) == set(JURISDICTION_CODES)
    rows = checklist_rows()
    assert len(rows) == len(WORDING_KINDS)
    assert all(set(row) == {"Mention", *JURISDICTION_CODES} for row in rows)


def test_bibliography_has_every_cited_key() -> None:
    bib = (course_root() / "book" / "references.bib").read_text(encoding="utf-8")
    for jurisdiction in JURISDICTIONS.values():
        for text in jurisdiction.texts:
            assert "{" + text.key + "," in bib, text.key


# --------------------------------------------------------------------------- answer key agreement

@pytest.fixture(scope="module")
def all_cases() -> list[Case]:
    key_file = course_root() / "data" / "answer_key" / "posts_disclosure.csv"
    if key_file.is_file():
        return load_cases()
    # The data files are not there yet: generate them in memory from the seeded generator.
    from influence_workbook.data.generate import SEED, build_files

    files = build_files(SEED)
    posts = pd.read_csv(io.StringIO(files["data/posts.csv"]), dtype=str, keep_default_na=False)
    key = pd.read_csv(io.StringIO(files["data/answer_key/posts_disclosure.csv"]), dtype=str,
                      keep_default_na=False)
    return cases_from_frames(posts, key)


@pytest.mark.parametrize("code", JURISDICTION_CODES)
def test_check_agrees_with_the_answer_key_on_every_post(all_cases: list[Case], code: str) -> None:
    assert len(all_cases) > 1_000
    disagreements = [
        (case.post_id, case.expected[code], got)
        for case in all_cases
        if (got := disclosure_verdict(case.caption, code, sponsored=case.sponsored, language=case.language))
        != case.expected[code]
    ]
    assert not disagreements, disagreements[:10]


@pytest.mark.parametrize("code", JURISDICTION_CODES)
def test_agreement_holds_with_the_language_guessed(all_cases: list[Case], code: str) -> None:
    agree = sum(disclosure_verdict(c.caption, code, sponsored=c.sponsored) == c.expected[code]
                for c in all_cases)
    assert agree / len(all_cases) >= 0.99


def test_sample_covers_every_kind_and_is_seeded(all_cases: list[Case]) -> None:
    sample = sample_cases(all_cases)
    assert len(sample) == 8
    assert {c.kind for c in sample} == {"proper_start", "ambiguous", "buried", "none", "not_needed"}
    assert [c.post_id for c in sample] == [c.post_id for c in sample_cases(all_cases)]
    assert len({c.post_id for c in sample}) == 8


def test_the_course_sample_is_the_one_numpy_draws_from_the_data(all_cases: list[Case]) -> None:
    # SAMPLE_POST_IDS keeps numpy's draw so that the browser (no numpy) shows the notebooks' posts: the data
    # regenerated, this fails and says to update the ids.
    import numpy as np

    from influence_workbook.checks.disclosure import SAMPLE_PLAN, SAMPLE_POST_IDS, SAMPLE_SEED

    rng = np.random.default_rng(SAMPLE_SEED)
    drawn: list[Case] = []
    for kind, language in SAMPLE_PLAN:
        pool = [c for c in all_cases if c.kind == kind and c.language == language and c not in drawn]
        drawn.append(pool[int(rng.integers(len(pool)))])
    assert tuple(c.post_id for c in drawn) == SAMPLE_POST_IDS
    assert [c.post_id for c in sample_cases(all_cases)] == list(SAMPLE_POST_IDS)
    assert sample_cases() == drawn  # read from the package's resource, the answer key not needed
    other = sample_cases(all_cases, seed=SAMPLE_SEED + 1)  # another seed: a draw of the standard library's
    assert [(c.kind, c.language) for c in other] == list(SAMPLE_PLAN) and other == sample_cases(all_cases, seed=6)


def test_the_packaged_sample_is_the_datas() -> None:
    # The browser's wheel has the sample data but not the teachers' answer key: chapter 5 reads its eight posts
    # and their verdicts from the package. After `make data`, write it again with write_sample_resource().
    from influence_workbook.checks.disclosure import SAMPLE_RESOURCE, sample_resource_text

    assert SAMPLE_RESOURCE.read_text(encoding="utf-8") == sample_resource_text(), (
        "stale: python -c 'from influence_workbook.checks.disclosure import write_sample_resource as w; w()'")


def test_classification_feedback_gives_check_disclosure_reasons(all_cases: list[Case]) -> None:
    sample = sample_cases(all_cases)
    right = {c.post_id: {"compliant": "Conforme", "non_compliant": "Non conforme",
                         "not_applicable": "Sans objet"}[c.expected["FR"]] for c in sample}
    assert check_classification(right, sample, "FR").passed
    wrong = dict(right)
    buried = next(c for c in sample if c.kind == "buried")
    wrong[buried.post_id] = "Conforme"
    feedback = check_classification(wrong, sample, "fr")
    item = feedback.item(f"post:{buried.post_id}")
    assert not item.ok and fix("la réponse est « Non conforme »") in item.message
    placement = check_disclosure(buried.caption, "FR", language=buried.language).item("placement").message
    assert placement in item.message
    assert feedback.score == (7, 8)
    assert not check_classification({}, sample, "FR").passed
    assert check_classification(None, sample, "FR").items[0].criterion == "input"
    assert check_classification(right, [], "FR").items[0].criterion == "input"
    assert check_classification(right, sample, "Mars").items[0].criterion == "input"


# --------------------------------------------------------------------------- the learner's caption

def test_campaign_caption_checked_for_france_and_switzerland() -> None:
    good = check_campaign_caption(f"Publicité | {BODY}")
    assert good.passed
    assert {i.criterion for i in good.items} >= {"fr:wording", "ch:wording", "fr:placement", "brand"}
    no_brand = check_campaign_caption("Publicité | Mon rituel du soir, un shampooing solide 🌾")
    assert not no_brand.item("brand").ok
    hashtag_ad = check_campaign_caption(f"{BODY}\n#ad")
    assert not hashtag_ad.item("fr:wording").ok and not hashtag_ad.item("ch:language").ok
    assert caption_verdicts(f"Publicité | {BODY}") == {"FR": "compliant", "CH": "compliant"}
    assert caption_verdicts(f"#sp {BODY}") == {"FR": "non_compliant", "CH": "non_compliant"}
    assert check_campaign_caption(None).items[0].criterion == "input"
    retouched = check_campaign_caption(f"Publicité | {BODY}", retouched=True)
    assert not retouched.item("fr:retouched").ok


def test_feedback_messages_point_to_existing_kinds_of_reading() -> None:
    feedback = check_disclosure(f"#spon {BODY}", "FR")
    for item in feedback.failed_items():
        assert item.read_more
    assert escape(fix("« #spon »")) in feedback._repr_html_()


# --------------------------------------------------------------------------- workshops, driven from Python

def _store(tmp_path: Path) -> ProgressStore:
    return ProgressStore(tmp_path / "progression.json")


def test_classification_workshop_checks_saves_and_reloads(tmp_path: Path, all_cases: list[Case]) -> None:
    sample = sample_cases(all_cases)
    store = _store(tmp_path)
    workshop = ClassificationWorkshop(store, cases=sample)
    box = workshop.widget()
    assert {"iw-workshop", "iw-ch05-classification"} <= set(box._dom_classes)
    assert "iw-ch05-jurisdiction" in workshop.jurisdiction._dom_classes
    assert "iw-ch05-classification-check" in workshop.step.button._dom_classes
    assert "iw-ch05-classification-feedback" in workshop.step.feedback._dom_classes
    assert "iw-ch05-classification-status" in workshop.step.status._dom_classes
    # Captions are shown escaped
    assert all("<script" not in card.children[0].value for card in workshop.posts)

    workshop.jurisdiction.value = "FR — France"
    buried = next(c for c in sample if c.kind == "buried")
    for case in sample:
        workshop.answers[case.post_id].value = "Conforme"
    workshop.step.button.click()
    feedback = workshop.step.last_feedback
    assert feedback is not None and not feedback.passed
    html = workshop.step.feedback.value
    placement = check_disclosure(buried.caption, "FR", language=buried.language).item("placement").message
    assert escape(placement) in html
    assert escape(fix("la réponse est « Non conforme »")) in html

    saved = store.get("ch05", "classification")
    assert saved is not None and saved.answer["jurisdiction"] == "FR"
    expected_right = sum(c.expected["FR"] == "compliant" for c in sample)
    assert saved.answer["score"] == [expected_right, 8]
    assert saved_classification(store)["score"] == [expected_right, 8]  # type: ignore[index]

    reopened = ClassificationWorkshop(store, cases=sample)
    assert reopened.jurisdiction.value == "FR — France"
    assert all(menu.value == "Conforme" for menu in reopened.answers.values())
    assert escape(fix("la réponse est « Non conforme »")) in reopened.step.feedback.value


def test_classification_without_jurisdiction_or_data(tmp_path: Path, all_cases: list[Case]) -> None:
    workshop = ClassificationWorkshop(_store(tmp_path), cases=sample_cases(all_cases))
    feedback = workshop.step.run_check()
    assert feedback is not None and feedback.items[0].criterion == "input"
    assert fix("« FR »") in workshop.step.feedback.value
    empty = ClassificationWorkshop(_store(tmp_path / "other"), cases=[])
    assert empty.step.run_check() is not None
    assert "relancez la cellule" in empty.step.feedback.value


def test_caption_workshop_checks_saves_reloads_and_escapes(tmp_path: Path) -> None:
    store = _store(tmp_path)
    pick = {"id": "C0001", "name": "Léa Avoine", "handle": "lea.avoine"}
    store.save("ch02", "shortlist", {"creator_ids": ["C0001"], "creators": [pick]})
    workshop = CaptionWorkshop(store)
    box = workshop.widget()
    assert {"iw-workshop", "iw-ch05-caption-workshop"} <= set(box._dom_classes)
    assert "iw-ch05-caption" in workshop.caption._dom_classes
    # Each of the chapter's two workshops has its own button, feedback and status classes.
    assert "iw-ch05-caption-feedback" in workshop.step.feedback._dom_classes
    assert "iw-ch05-caption-check" in workshop.step.button._dom_classes
    assert "Léa Avoine (@lea.avoine)" in box.children[0].value

    workshop.caption.value = "<img src=x onerror=alert(1)> Mon rituel avec @seve 🌾\n#spon"
    workshop.step.button.click()
    html = workshop.step.feedback.value
    assert "<img" not in html
    assert escape(fix("« #spon »")) in html
    assert workshop.step.last_feedback is not None and not workshop.step.last_feedback.passed

    workshop.caption.value = f"Publicité | {BODY}\nImages retouchées"
    workshop.retouched.value = True
    workshop.step.button.click()
    assert workshop.step.last_feedback is not None and workshop.step.last_feedback.passed
    assert escape("France — Mention claire") in workshop.step.feedback.value

    saved = saved_caption(store)
    assert saved is not None and saved["passed"] is True
    assert saved["verdicts"] == {"FR": "compliant", "CH": "compliant"}
    assert saved["creator"] == "Léa Avoine (@lea.avoine)" and saved["retouched"] is True

    reopened = CaptionWorkshop(store)
    assert reopened.caption.value == f"Publicité | {BODY}\nImages retouchées"
    assert reopened.retouched.value is True
    assert escape("France — Mention claire") in reopened.step.feedback.value


def test_caption_workshop_without_shortlist_and_with_empty_caption(tmp_path: Path) -> None:
    store = _store(tmp_path)
    workshop = CaptionWorkshop(store)
    assert workshop.creator is None
    assert "une créatrice ou un créateur de votre choix" in workshop.widget().children[0].value
    workshop.step.run_check()
    assert "Collez d" in workshop.step.feedback.value
    assert saved_caption(store) is not None and saved_caption(store)["passed"] is False  # type: ignore[index]
    store.save("ch02", "shortlist", "pas une liste")
    assert shortlisted_creator(store) is None
    assert saved_caption(_store(tmp_path / "none")) is None


def test_disclosure_workshop_builds_both_steps(tmp_path: Path) -> None:
    box = disclosure_workshop(_store(tmp_path))
    assert "iw-ch05-workshop" in box._dom_classes
    assert len(box.children) == 4


def test_wording_classification_exercise_uses_check_disclosure_as_oracle() -> None:
    from influence_workbook.checks.disclosure import check_wording_classification

    answers = {"Publicité": "Conforme", "#ad": "Non conforme", "#sp": "Non conforme",
               "Merci @seve": "Non conforme", "Sponsorisé par @seve": "Conforme",
               "Collaboration commerciale": "Conforme"}
    assert check_wording_classification(answers, "FR").passed
    wrong = {**answers, "#ad": "Conforme"}
    feedback = check_wording_classification(wrong, "fr")
    item = feedback.item("wording:#ad")
    assert not item.ok and fix("« Non conforme » en France") in item.message
    us = {"#ad": "Conforme", "Sponsored": "Conforme", "#spon": "Non conforme", "Thanks @seve": "Non conforme"}
    assert check_wording_classification(us, "US").passed
    assert not check_wording_classification(us, "UK").item("wording:Sponsored").ok
    placeholder = check_wording_classification({"Publicité": ...}, "FR")
    assert "À compléter" in placeholder.items[0].message
    assert check_wording_classification(..., "FR").items[0].criterion == "input"
    assert check_wording_classification({"Publicité": 3}, "FR").score == (0, 1)
    assert check_wording_classification(answers, "Mars").items[0].criterion == "input"


def test_caption_checkboxes_show_their_whole_label(tmp_path: Path) -> None:
    # ipywidgets' default checkbox width (300 px) cut both labels with « … » in JupyterLab.
    from influence_workbook.widgets.disclosure import CaptionWorkshop

    workshop = CaptionWorkshop(ProgressStore(tmp_path / "progression.json"))
    for box in (workshop.retouched, workshop.ai_generated):
        assert box.layout.width == "auto", box.description


# --------------------------------------------------------------------------- issue 18: judged like a trainer

@pytest.mark.parametrize("caption", [
    "Ce n'est pas une publicité, j'ai acheté ce shampoing moi-même",
    "Sans publicité ni partenariat : mon avis… sur le shampooing solide de @seve",
    "Pas sponsorisé, juste un coup de cœur pour @velolyon 🚲",
    "Ni pub ni partenariat 🙏 juste mon avis sur @seve",
])
def test_a_denial_is_not_a_disclosure(caption: str) -> None:
    feedback = check_disclosure(caption, "FR")
    assert not feedback.passed
    wording = feedback.item("wording")
    assert not wording.ok
    assert "dénégation n'est pas une mention" in wording.message and "trompe" in wording.message
    assert "Publicité" in wording.message
    # one cause, one item: nothing left to judge for language or place
    assert [item.criterion for item in feedback.items] == ["wording"]
    # a post with no partnership may say so
    assert check_disclosure(caption, "FR", sponsored=False).passed


def test_a_denial_is_quoted_as_written() -> None:
    message = check_disclosure("Ce n'est pas une publicité, j'ai acheté ce shampoing moi-même", "FR").item(
        "wording").message
    assert message.startswith(fix("« Ce n'est pas une publicité »"))


def test_english_denial_fails_but_not_paid_to_say_with_ad_passes() -> None:
    assert not check_disclosure("This is not an ad, I just love @brewly cold brew", "US").item("wording").ok
    assert check_disclosure("I'm not paid to say this, #ad love @brewly cold brew", "US").passed


def test_negation_elsewhere_does_not_deny_the_mention() -> None:
    for caption in ("Sans filtre 🌿 Publicité pour @seve, mon rituel du soir",
                    "Pas de filtre, pas de retouche : Publicité pour @seve",
                    "Pas une pub déguisée : Publicité pour @seve, mon avis"):
        assert check_disclosure(caption, "FR").passed, caption


def test_pub_is_found_and_judged_as_an_abbreviation() -> None:
    feedback = check_disclosure("Pub | Mon test du vélo électrique @voltbike, 80 km d'autonomie", "FR")
    wording = feedback.item("wording")
    assert not wording.ok and fix("« Pub »") in wording.message and "abréviation" in wording.message
    assert "Aucune mention" not in wording.message
    assert feedback.item("placement").ok  # at the very start: only the word is to change
    assert [m.kind.key for m in read_disclosure("PUB : test").mentions] == ["abbreviation"]
    assert not read_disclosure("Sunday at the pub with friends").mentions


@pytest.mark.parametrize("caption", [
    "Publicitée | Nouveau vélo cargo de @velolyon, je l'adore",
    "publicite - j'ai teste les pneus gravel de @cycleslac",
    "Collaboration comerciale avec @ecoloop : mon avis sur leur appli",
    "En partenairiat avec @nordikbike 🚲 mon test du vélo électrique",
])
def test_typos_and_missing_accents_do_not_hide_a_mention(caption: str) -> None:
    feedback = check_disclosure(caption, "FR")
    assert feedback.passed, feedback.to_text()


def test_a_typo_earns_a_tip_that_goes_once_fixed() -> None:
    assert any("orthographe" in tip for tip in check_disclosure("Publicitée | Mon avis @seve", "FR").tips)
    assert not any("orthographe" in tip for tip in check_disclosure("Publicité | Mon avis @seve", "FR").tips)


def test_weak_word_buried_is_one_cause_with_its_place_in_the_message() -> None:
    feedback = check_disclosure("Mon avis sur le vélo\n.\n.\n.\n#velo #lyon #sp", "FR")
    assert [item.criterion for item in feedback.items] == ["wording"]
    assert "ligne 5" in feedback.item("wording").message


def test_chapter_before_caption_gives_one_item_per_cause() -> None:
    caption = ("Mon nouveau rituel du soir 🌾 ce shampooing solide à l'avoine a sauvé mon cuir chevelu sensible, "
               "je vous mets le code en story !\nCode LÉA15 : -15 % sur le site\n.\n.\n#zerodechet "
               "#cheveuxsensibles #routinecheveux #slowbeauty #madeinfrance #lyon #cosmetiquesolide #sp #merci @seve")
    feedback = check_campaign_caption(caption, retouched=True)
    failed = feedback.failed_items()
    assert {item.criterion for item in failed} == {"fr:wording", "ch:wording", "fr:retouched"}
    assert sum(fix("« Publicité »") in item.message for item in failed) == 2  # once per country, not six times
    assert not any("règle française" in tip for tip in feedback.tips)  # France is one of the markets


def test_no_mention_in_france_and_switzerland_is_one_item() -> None:
    feedback = check_campaign_caption(f"{BODY}\nCode SEVE15 : -15 % sur le site")
    assert [item.criterion for item in feedback.failed_items()] == ["fr:wording"]
    assert feedback.item("fr:wording").label == "France et Suisse — Mention claire"


def _campaign(**overrides: object) -> Campaign:
    answer = {"brand": "Banque Nova", "campaign": "Compte jeune", "product": "compte bancaire sans frais",
              "launch": "2027-02-01", "creator_budget": 20000, "currency": "EUR", "markets": ["FR", "BE"],
              "audience": "étudiants de 18-25 ans", "product_price": 1, "gross_margin_rate": 60, **overrides}
    campaign = campaign_from_answer(answer)
    assert campaign is not None
    return campaign


def test_campaign_caption_is_judged_on_the_campaign_markets_and_brand() -> None:
    nova = _campaign()
    good = check_campaign_caption("Publicité | J'ai ouvert mon compte chez @banquenova, zéro frais", campaign=nova)
    assert good.passed, good.to_text()
    criteria = {item.criterion for item in good.items}
    assert "fr:wording" in criteria and "be:wording" in criteria and not any(c.startswith("ch:") for c in criteria)
    assert any(item.label.startswith("Belgique") for item in good.items)
    # Belgium is judged by the EU's rules: an English tag is explicit, but not in the audience's language
    hashtag_ad = check_campaign_caption("#ad Mon compte chez @banquenova, zéro frais", campaign=nova)
    assert hashtag_ad.item("be:wording").ok and not hashtag_ad.item("be:language").ok
    unnamed = check_campaign_caption("Publicité | Mon nouveau compte, zéro frais", campaign=nova)
    assert not unnamed.item("brand").ok and "Banque Nova" in unnamed.item("brand").message
    assert check_campaign_caption("Publicité | Avec Sève 🌾", campaign=nova).item("brand").ok is False
    assert caption_verdicts("Publicité | Chez @banquenova", campaign=nova) == {"FR": "compliant", "BE": "compliant"}


def test_english_campaign_caption_is_judged_in_english_for_uk_and_us() -> None:
    taskly = _campaign(brand="Taskly", markets=["UK", "US"])
    assert check_campaign_caption("Ad | My new planning app @taskly, link in bio", campaign=taskly).passed
    sponsored = check_campaign_caption("Sponsored: @taskly for my team's planning", campaign=taskly)
    assert not sponsored.item("uk:wording").ok and sponsored.item("us:wording").ok


def test_messages_never_show_python_names_or_reprs() -> None:
    for flags in ({"retouched": "peut-être"}, {"ai_generated": None}, {"sponsored": 1}, {"language": ["fr"]}):
        message = check_disclosure(f"Publicité | {BODY}", "FR", **flags).items[0].message  # type: ignore[arg-type]
        for word in ("retouched", "ai_generated", "sponsored", "None", "['fr']", "de type", "True", "False"):
            assert word not in message, (flags, message)
    assert "un nombre" in check_disclosure(42, "FR").items[0].message
    assert "<class" not in check_disclosure(b"Pub", "FR").items[0].message


def test_classification_reads_verdicts_as_learners_write_them(all_cases: list[Case]) -> None:
    sample = sample_cases(all_cases)
    spelled = {"compliant": "conforme", "non_compliant": "Non-conforme", "not_applicable": "SANS OBJET"}
    answers = {case.post_id: spelled[case.expected["FR"]] for case in sample}
    assert check_classification(answers, sample, "FR").passed
    typo = {**answers, sample[0].post_id: "Confrome" if sample[0].expected["FR"] == "compliant" else "pas conforme"}
    assert check_classification(typo, sample, "FR").passed
    garbled = {**answers, sample[0].post_id: "bof"}
    item = check_classification(garbled, sample, "FR").item(f"post:{sample[0].post_id}")
    assert not item.ok and fix("« bof » n'est pas un verdict") in item.message


def test_wording_exercise_reads_verdicts_and_denials() -> None:
    from influence_workbook.checks.disclosure import check_wording_classification

    answers = {"publicite": "conforme", "Pub": "non-conforme", "Ce n'est pas une publicité": "Pas conforme",
               "Collaboration commerciale": "CONFORME"}
    assert check_wording_classification(answers, "FR").passed
    wrong = check_wording_classification({**answers, "Ce n'est pas une publicité": "Conforme"}, "FR")
    assert not wrong.item("wording:Ce n'est pas une publicité").ok
    assert check_wording_classification({"Not an ad": "Non conforme", "#ad": "Conforme"}, "US").passed


def test_yes_no_flags_written_in_words_are_understood() -> None:
    caption = f"Publicité | {BODY}"
    assert not check_disclosure(caption, "FR", retouched="oui").item("retouched").ok
    assert "retouched" not in {item.criterion for item in check_disclosure(caption, "FR", retouched="non").items}


def test_campaign_market_the_caption_does_not_reach_is_a_tip_unless_it_reaches_none() -> None:
    taskly = _campaign(brand="Taskly", markets=["FR", "UK"])
    french = check_campaign_caption("Publicité | Ma nouvelle appli @taskly pour planifier", campaign=taskly)
    assert french.passed and not any(item.criterion.startswith("uk:") for item in french.items)
    assert any("Royaume-Uni" in tip and fix("« Ad »") in tip for tip in french.tips)
    france_only = _campaign(brand="Taskly", markets=["FR"])
    german = check_campaign_caption("Werbung | Mein neues Velo von @taskly, ich liebe es und fahre jeden Tag",
                                    campaign=france_only)
    assert not german.item("language").ok and "allemand" in german.item("language").message
