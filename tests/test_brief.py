"""Chapter 10's check: a brief read part by part, with its cross-checks, from a mapping or a pasted text."""

from __future__ import annotations

from datetime import date

import pytest

from influence_workbook.campaign import campaign_from_answer
from influence_workbook.checks import check_brief
from influence_workbook.checks.brief import PART_KEYS, PARTS, deliverable_rows, split_brief
from influence_workbook.widgets.render import feedback_html

TODAY = date(2026, 12, 1)

GOOD = {
    "contacts": "Julie Martin, cheffe de projet influence chez Sève : julie.martin@seve.fr, 06 12 34 56 78.",
    "brand": "Sève est née à Lyon en 2021 : des cosmétiques solides et rechargeables, fabriqués dans notre "
             "atelier. Ton : complice et sans jargon, on te tutoie.",
    "product": "Rituel Avoine : shampooing solide à l'avoine pour cheveux sensibles, 24 €. Un pain dure 60 lavages "
               "(test interne sur 30 volontaires, 2026).",
    "objective": "Conversion : 1 500 ventes de Rituel Avoine d'ici fin juin 2027 auprès des 18-34 ans.",
    "reporting": "Lien UTM et code promo dédié. Envoie les captures de tes statistiques (portée, vues, clics) "
                 "à J+7 et à J+30.",
    "audience": "18-34 ans, en France et en Suisse romande, sensibles au zéro déchet.",
    "concept": "Ta routine du dimanche : le pain remplace ton flacon. Le ton, le décor et le montage : c'est toi "
               "qui décides.",
    "messages": "Le shampooing se recharge en magasin\nFabriqué à Lyon",
    "cta": "Identifie @seve et #RituelAvoine, lien en bio vers seve.fr/rituel, découvre le coffret.",
    "deliverables": "1 Reel de 30 à 45 s, sous-titré, qui reste en ligne au moins 6 mois\n3 stories avec "
                    "sticker lien",
    "timeline": "Premier jet le 26 février 2027 ; un tour de retours sous 48 h ; publication du 15 au 31 mars "
                "2027 ; paiement à 30 jours après la facture.",
    "disclosure": "« Collaboration commerciale avec @seve » en tête de légende, « Publicité » à l'image dès "
                  "les premières secondes.",
    "forbidden": "Aucune promesse médicale (« soigne », « guérit »). Pas d'allégation environnementale vague "
                 "(« écologique »). Musique : sons de la bibliothèque commerciale uniquement.",
    "rights": "Droits d'utilisation : Sève peut reposter le Reel pendant 6 mois, en France et en Suisse.\n"
              "Exclusivité : pas d'autre marque de soins capillaires pendant 2 mois.\nPas de sponsorisation.",
    "pay": "Cachet de 800 € HT et coffret offert d'une valeur de 60 € HT, selon le contrat signé.",
    "approvals": "Julie Martin valide le premier jet. En cas de crise : Marc Duval, 06 98 76 54 32.",
}
CROSS_CHECKS = ("kpi_fit", "review_time", "disclosure_rules", "contract_flag")


def markdown(brief: dict[str, str]) -> str:
    titles = {part.key: part.label for part in PARTS}
    return "# Brief Rituel Avoine\n\n" + "\n\n".join(f"## {titles[key]}\n{text}" for key, text in brief.items())


def failed(feedback) -> list[str]:  # type: ignore[no-untyped-def]
    return [item.criterion for item in feedback.items if not item.ok]


def test_a_complete_brief_passes_with_one_item_per_part_and_the_four_cross_checks() -> None:
    feedback = check_brief(GOOD, today=TODAY)
    assert feedback.passed, feedback.to_text()
    assert [item.criterion for item in feedback.items if item.criterion not in CROSS_CHECKS] == list(PART_KEYS)
    assert {item.criterion for item in feedback.items} >= set(CROSS_CHECKS)


def test_the_same_brief_pasted_as_markdown_reads_the_same() -> None:
    as_mapping = check_brief(GOOD, today=TODAY)
    as_text = check_brief(markdown(GOOD), today=TODAY)
    assert [(i.criterion, i.ok) for i in as_text.items] == [(i.criterion, i.ok) for i in as_mapping.items]


@pytest.mark.parametrize("heading", ["## Calendrier", "**Calendrier**", "CALENDRIER", "3. Calendrier",
                                     "**Calendrier :**", "### Dates et planning"])
def test_a_pasted_brief_is_split_on_any_kind_of_heading(heading: str) -> None:
    text = f"CONTACTS\nJulie, julie@seve.fr\n\n{heading}\nPremier jet le 26 février 2027.\n\nMENTION\n« Publicité »"
    parts = split_brief(text)
    assert parts["timeline"] == "Premier jet le 26 février 2027."
    assert parts["contacts"] == "Julie, julie@seve.fr"
    assert parts["disclosure"] == "« Publicité »"


def test_a_label_line_feeds_its_part_and_stays_in_its_section() -> None:
    parts = split_brief("CONTEXTE\nSève, marque lyonnaise.\nTon : complice, on tutoie.\nFondée en 2021.")
    assert "Ton : complice" in parts["brand"] and "Fondée en 2021." in parts["brand"]


def test_a_french_title_is_a_key_too() -> None:
    feedback = check_brief({"Calendrier": GOOD["timeline"], "Mention du partenariat": GOOD["disclosure"]},
                           parts=["timeline", "disclosure"], today=TODAY)
    assert feedback.passed, feedback.to_text()


def test_too_little_time_between_draft_and_publication_fails_the_review_cross_check() -> None:
    late = {**GOOD, "timeline": "Premier jet le 12 mars 2027 ; un tour ; publication du 15 au 31 mars 2027 ; "
                                "paiement à 30 jours."}
    feedback = check_brief(late, today=TODAY)
    assert failed(feedback) == ["review_time"]
    assert "3 jours seulement" in feedback.item("review_time").message
    after = {**GOOD, "timeline": late["timeline"].replace("12 mars", "20 mars")}
    assert "arrive après le début" in check_brief(after, today=TODAY).item("review_time").message


def test_a_draft_seven_days_before_publication_is_enough() -> None:
    timeline = "Premier jet le 8 mars 2027 ; un tour ; publication du 15 au 31 mars 2027 ; paiement à 30 jours."
    feedback = check_brief({"timeline": timeline}, parts=["timeline"], today=TODAY)
    assert feedback.passed and feedback.item("review_time").message.startswith("7 jours")


def test_an_english_tag_fails_the_french_rules_but_the_wording_is_named() -> None:
    feedback = check_brief({"disclosure": "Mention « #ad » en tête de légende."}, parts=["disclosure"], today=TODAY)
    assert failed(feedback) == ["disclosure_rules"]
    assert "France" in feedback.item("disclosure_rules").message


def test_a_swiss_only_campaign_is_judged_by_swiss_rules_and_has_no_french_contract_check() -> None:
    velo = campaign_from_answer({"brand": "Vélo Léman", "product": "vélo cargo électrique", "creator_budget": 12000,
                                 "currency": "CHF", "markets": ["CH"], "launch": "2027-04-10",
                                 "product_price": 4200, "gross_margin_rate": 35,
                                 "audience": "familles urbaines de Suisse romande"})
    feedback = check_brief({"disclosure": "« Publicité » en tête de légende.", "pay": "2 500 CHF HT, voir contrat."},
                           parts=["disclosure", "pay"], campaign=velo, today=TODAY)
    assert feedback.passed, feedback.to_text()
    assert "Suisse" in feedback.item("disclosure_rules").message
    assert "contract_flag" not in {item.criterion for item in feedback.items}


def test_a_kpi_of_another_stage_fails_the_fit() -> None:
    feedback = check_brief({"objective": "Conversion : 5 % de taux d'engagement d'ici fin mars 2027"},
                           parts=["objective"], today=TODAY)
    assert failed(feedback) == ["kpi_fit"]
    assert "ventes" in feedback.item("kpi_fit").message


@pytest.mark.parametrize(("pay", "ok"), [
    ("900 € HT de cachet + 200 € de produits offerts, sans contrat.", False),
    ("900 € HT de cachet + 200 € de produits offerts, selon le contrat signé.", True),
    ("400 € HT, voir contrat.", True),
    ("1 440 € TTC, voir contrat.", True),
])
def test_the_contract_flag_follows_the_french_threshold(pay: str, ok: bool) -> None:
    item = check_brief({"pay": pay}, parts=["pay"], today=TODAY).item("contract_flag")
    assert item.ok is ok, item.message


def test_gifts_count_toward_the_threshold() -> None:
    item = check_brief({"pay": "Cachet 700 € HT et produits offerts d'une valeur de 350 €, accord oral."},
                       parts=["pay"], today=TODAY).item("contract_flag")
    assert not item.ok and "1\u202f050\u00a0€ HT" in item.message


def test_each_message_says_what_is_there_and_what_is_missing() -> None:
    feedback = check_brief({"contacts": "Écris à hello@seve.fr"}, parts=["contacts"], today=TODAY)
    message = feedback.item("contacts").message
    assert "un e-mail" in message and "Il manque le nom" in message
    empty = check_brief({"contacts": "", "messages": "Se recharge"}, parts=["contacts", "messages"], today=TODAY)
    assert empty.item("contacts").message.startswith("Rubrique vide")


def test_a_placeholder_left_fails_even_when_the_words_are_there() -> None:
    feedback = check_brief({"pay": "Cachet : à définir, voir contrat."}, parts=["pay"], today=TODAY)
    assert "À compléter" in feedback.item("pay").message and not feedback.item("pay").ok


@pytest.mark.parametrize(("rights", "ok"), [
    ("Pas de réutilisation. Pas d'exclusivité. Pas de sponsorisation.", True),
    ("Réutilisation 6 mois en France. Exclusivité totale. Pas de sponsorisation.", False),
    ("Cession des droits illimitée, tous supports. Pas d'exclusivité. Pas de sponsorisation.", False),
])
def test_rights_said_no_to_are_clear_rights_granted_need_their_limits(rights: str, ok: bool) -> None:
    item = check_brief({"rights": rights}, parts=["rights"], today=TODAY).item("rights")
    assert item.ok is ok, item.message


def test_promises_in_the_product_facts_are_caught_but_not_in_the_list_of_donts() -> None:
    product = {**GOOD, "product": "Shampooing à l'avoine qui soigne les pellicules, 24 €."}
    assert failed(check_brief(product, today=TODAY)) == ["product"]
    assert check_brief(GOOD, parts=["forbidden"], today=TODAY).passed


def test_more_than_three_key_messages_fail() -> None:
    feedback = check_brief({"messages": "1. Recharge\n2. Lyon\n3. Avoine\n4. Prix"}, parts=["messages"], today=TODAY)
    assert failed(feedback) == ["messages"] and "4 messages" in feedback.item("messages").message
    numbered = check_brief({"messages": "1. 40 h d'autonomie\n2. Compatible PC et console"}, parts=["messages"])
    assert numbered.passed, numbered.to_text()


def test_a_retouching_filter_needs_the_images_mention() -> None:
    brief = {"disclosure": "« Publicité » en tête de légende.", "deliverables": "1 Reel avec filtre lissant"}
    item = check_brief(brief, parts=["disclosure"], today=TODAY).item("disclosure")
    assert not item.ok and "Images retouchées" in item.message


def test_quotes_keep_the_learners_accents() -> None:
    message = check_brief(GOOD, parts=["concept"], today=TODAY).item("concept").message
    assert "«\u00a0décides\u00a0»" in message


@pytest.mark.parametrize("brief", [None, ..., "", "   ", 42, ["a"], {}, {"inconnu": "x"}, {"timeline": ""}])
def test_unusable_input_gets_a_french_message(brief: object) -> None:
    feedback = check_brief(brief)
    assert feedback.is_input_problem
    assert feedback.items[0].message[0].isupper()


def test_unknown_parts_are_named() -> None:
    feedback = check_brief(GOOD, parts=["calendrier", "truc"])
    assert feedback.is_input_problem and "«\u00a0truc\u00a0»" in feedback.items[0].message


def test_html_in_a_field_is_shown_escaped() -> None:
    feedback = check_brief({**GOOD, "contacts": "<script>alert(1)</script> <b>Julie</b>"}, today=TODAY)
    assert "<script>" not in feedback_html(feedback)


def test_a_long_pasted_brief_is_read_up_to_its_limit_and_says_so() -> None:
    feedback = check_brief(markdown(GOOD) * 20, today=TODAY)
    assert any("très long" in tip for tip in feedback.tips)


def test_deliverable_rows_read_each_line() -> None:
    rows = deliverable_rows(GOOD["deliverables"])
    assert [(row.count, row.length, row.subtitles) for row in rows] == [("1", "30 à 45 s", "oui"), ("3", "", "")]
