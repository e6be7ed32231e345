"""Every example of issue 18 (« judge like a trainer »), judged as the issue says, in one place.

The labelled corpora (tests/corpus/) hold these and many more; this file reads as the issue's list,
so that a reader can tick each example off. Examples of chapter 2's shortlist are in test_shortlist.py
(``test_one_tier_is_a_tip_not_a_failure``), which builds its lists from the sample data.
"""

from __future__ import annotations

from datetime import date

import pytest

from influence_workbook.checks import (
    check_concept,
    check_disclosure,
    check_objective,
    check_outreach,
)
from influence_workbook.checks.outreach import EXAMPLE_CREATOR
from influence_workbook.feedback import FeedbackItem, build_feedback

TODAY = date(2026, 12, 1)
GOOD_CANVAS = {
    "angle": "Trois semaines de test du shampooing solide sur un cuir chevelu sensible, racontées par la créatrice",
    "platform": "Instagram : Reels",
    "format": "Tutoriel",
    "details": "45 secondes, elle montre sa routine du matin",
    "hook": "Mon cuir chevelu me grattait depuis deux ans : voici ce qui a changé",
    "creator_role": "Elle choisit ses mots et son montage, sans script imposé",
    "cta": "Utilise mon code LUNA10 sur le site",
    "measurement": "Ventes avec le code de chaque créatrice",
}
SALES = "Conversion : 1 500 ventes du duo d'ici fin juin 2027 auprès des 18-34 ans en France et en Suisse romande"


# --------------------------------------------------------------------------- good answers rejected


@pytest.mark.parametrize("objective", [
    "Vendre 1 200 coffrets Rituel Avoine avec les codes des créatrices avant le 30 avril 2027, auprès des 20-30 "
    "ans de Suisse romande",
    "Toucher 300 000 personnes d'ici le 30 avril 2027 auprès des cyclistes urbains lyonnais",
    "Conversion : 800 abonnements à la box mensuelle d'ici le 30 juin 2027 auprès des 25-40 ans de Genève",
    # the chapter's own « après », without its « Notoriété : » label
    "Toucher 400 000 personnes (portée cumulée des publications des créateurs) parmi les 18-34 ans sensibles au "
    "zéro déchet, en France et en Suisse romande, entre le 15 mars et le 30 avril 2027.",
])
def test_clear_objectives_pass_whatever_their_wording(objective: str) -> None:
    feedback = check_objective(objective, today=TODAY)
    assert feedback.passed, feedback.to_text()


def test_a_sales_kpi_makes_the_stage_clear_and_the_message_says_so() -> None:
    feedback = check_objective("Vendre 1 200 coffrets Rituel Avoine avec les codes des créatrices avant le 30 "
                               "avril 2027, auprès des 20-30 ans de Suisse romande", today=TODAY)
    assert "conversion" in feedback.item("goal").message


AWARENESS = "Notoriété : toucher 300 000 personnes d'ici le 30 avril 2027 auprès des 18-34 ans de Lyon"
CLICKS = "Considération : 20 000 clics vers la fiche produit d'ici le 30 avril 2027 auprès des 18-34 ans de Lyon"


@pytest.mark.parametrize(("cta", "objective", "measurement"), [
    ("Utilise mon code LUNA10 sur le site", SALES, "Ventes avec le code de chaque créatrice"),
    ("Abonne-toi au compte de la marque", AWARENESS, "Portée des publications"),
    ("Lien dans la description de la vidéo", CLICKS, "Clics sur le lien de chaque créatrice"),
    ("Le lien est en commentaire épinglé", CLICKS, "Clics sur le lien de chaque créatrice"),
    ("Code NOA20 : -20 %, lien en story", SALES, "Ventes avec le code de chaque créatrice"),
])
def test_calls_to_action_in_tu_and_on_every_platform(cta: str, objective: str, measurement: str) -> None:
    feedback = check_concept({**GOOD_CANVAS, "cta": cta, "measurement": measurement}, objective)
    assert feedback.item("cta").ok, feedback.item("cta").message


def test_a_negated_phrase_is_read_with_its_negation() -> None:
    free = check_concept({**GOOD_CANVAS, "creator_role": "Elle raconte avec ses mots, sans script imposé"}, SALES)
    bound = check_concept({**GOOD_CANVAS, "creator_role": "Elle lit le script imposé par la marque"}, SALES)
    assert free.item("creator_role").ok and not bound.item("creator_role").ok


# --------------------------------------------------------------------------- bad answers accepted


@pytest.mark.parametrize("caption", [
    "Ce n'est pas une publicité, j'ai acheté ce shampoing moi-même",
    "Sans publicité ni partenariat : mon avis sur le shampooing solide de @seve",
])
def test_a_denial_is_not_a_disclosure(caption: str) -> None:
    feedback = check_disclosure(caption, "FR")
    assert not feedback.passed and not feedback.item("wording").ok
    assert "Bravo" not in feedback.headline


def test_pub_is_found_as_a_mention() -> None:
    feedback = check_disclosure("Pub | Mon avis sur le shampooing solide de @seve", "FR")
    assert "« Pub »" in feedback.item("wording").message.replace("\u00a0", " ")


@pytest.mark.parametrize(("message", "criterion"), [
    ("Bonjour Léa, ta recette de masque à l'argile verte pour cuir chevelu sensible nous a beaucoup parlé : "
     "chez Sève, nous faisons des shampooings solides pour cheveux sensibles. Nous aimerions te proposer une "
     "vidéo. Côté rémunération, on en reparlera une fois les premiers chiffres connus, c'est surtout une belle "
     "vitrine pour toi. Qu'en penses-tu ?", "pay"),
    ("Bonjour Léa, ta recette de masque à l'argile verte pour cuir chevelu sensible nous a beaucoup parlé : "
     "chez Sève, nous faisons des shampooings solides pour cheveux sensibles. Nous te proposons une vidéo "
     "rémunérée 900 €. Il nous faut ta réponse ce soir, sinon nous contacterons une autre créatrice.", "tone"),
    ("Bonjour Léa, peau sensible apaise rougeurs routine argile masque Sève Sève Sève Sève Sève shampooing "
     "solide avoine zéro déchet 900 € vidéo ?", "content"),
])
def test_outreach_that_promises_nothing_presses_or_stuffs_keywords_fails(message: str, criterion: str) -> None:
    feedback = check_outreach(message, EXAMPLE_CREATOR)
    assert not feedback.item(criterion).ok, feedback.to_text()


def test_the_hook_that_makes_people_scroll_past_fails() -> None:
    feedback = check_concept({**GOOD_CANVAS, "hook": "Bonjour à tous, découvrez notre nouveau shampooing"}, SALES)
    assert not feedback.item("hook").ok


def test_the_measurement_must_measure_the_objectives_kpi() -> None:
    canvas = {**GOOD_CANVAS, "cta": "Lien en bio pour découvrir la gamme", "measurement": "Nombre de likes"}
    assert not check_concept(canvas, CLICKS).item("measurement").ok


def test_a_vague_audience_fails() -> None:
    feedback = check_objective("Conversion : 1 500 ventes d'ici fin juin 2027 auprès des jeunes", today=TODAY)
    assert not feedback.item("audience").ok


# --------------------------------------------------------------------------- feedback wording


def items(met: int, total: int, label: str = "Budget") -> list[FeedbackItem]:
    return [FeedbackItem(f"c{n}", f"{label} {n}", n < met, "Message.") for n in range(total)]


def test_bon_debut_only_from_half_the_criteria() -> None:
    assert build_feedback("t", items(1, 8)).summary.startswith("À reprendre")
    assert build_feedback("t", items(3, 9)).summary.startswith("À reprendre")
    assert build_feedback("t", items(6, 9)).summary.startswith("Bon début")


def test_no_label_repeated_inside_its_message() -> None:
    item = FeedbackItem("budget", "Budget", False, "À revoir : le budget est dépassé de 25 750 €.")
    assert item.message.startswith("Le budget")
    item = FeedbackItem("budget", "Budget", False, "Budget : dépassé de 25 750 €.")
    assert item.message.startswith("Dépassé")


def test_one_item_per_cause_in_chapter_5() -> None:
    feedback = check_disclosure("Mon avis sur le shampooing solide de @seve #bio #cheveux", "FR",
                                retouched=True, ai_generated=True)
    messages = [item.message for item in feedback.failed_items()]
    assert len(messages) == len(set(messages))
    assert sum("Publicité" in message for message in messages) <= 1


def test_a_tip_disappears_once_followed() -> None:
    unlabeled = check_objective("1 500 ventes du duo d'ici le 30 juin 2027 auprès des 18-34 ans de Lyon", today=TODAY)
    labelled = check_objective("Conversion : 1 500 ventes du duo d'ici le 30 juin 2027 auprès des 18-34 ans de Lyon",
                               today=TODAY)
    assert unlabeled.tips and not any("en tête de phrase" in tip for tip in labelled.tips)
