"""The reading layer (influence_workbook.reading): negation, verb forms, typos and platform words."""

from __future__ import annotations

import re

import pytest

from influence_workbook.reading import (
    AD_MENTION,
    CALL_TO_ACTION,
    LINK_PLACEMENT,
    PAY_DEFERRAL,
    PAY_PROMISE,
    PRESSURE,
    PROMO_CODE,
    Meaning,
    correct_typos,
    negation_scopes,
    one_edit_apart,
    read,
    verb_pattern,
)


def test_negation_is_found_by_position_on_every_side_of_a_scope() -> None:
    reading = read("Pas de script. Un thème libre, sans texte imposé, mais une date ; jamais de retouche")
    inside = [reading.text.index(word) for word in ("script", "texte", "retouche")]
    outside = [reading.text.index(word) for word in ("theme", "date")]
    assert all(reading.negated(position) for position in inside)
    assert not any(reading.negated(position) for position in outside)
    assert not reading.negated(-1) and not reading.negated(len(reading.text) + 5)



@pytest.mark.parametrize("text", [
    "Ce n'est pas une publicité, j'ai acheté ce shampoing moi-même",
    "Sans publicité ni partenariat : mon avis",
    "pas sponsorisé, promis",
    "Je ne fais jamais de pub",
])
def test_a_denied_mention_is_not_a_mention(text: str) -> None:
    assert AD_MENTION.denied(read(text)) and not AD_MENTION.said(read(text))


@pytest.mark.parametrize("text", ["Publicité | mon avis", "Pub | ma routine", "PUBLICITE",
                                  "Publicitée en partenairiat"])
def test_a_mention_is_found_with_typos_and_without_accents(text: str) -> None:
    assert AD_MENTION.said(read(text))


@pytest.mark.parametrize("text", [
    "Utilise mon code LUNA10 sur le site", "Utilisez le code LUNA10", "Abonne-toi au compte de la marque",
    "abonnez-vous", "lien dans la description de la vidéo", "le lien est en commentaire épinglé",
    "code NOA20 : -20 %, lien en story", "n'hésite pas à utiliser mon code", "swipe up", "link in bio",
])
def test_calls_to_action_of_every_register_and_platform(text: str) -> None:
    assert CALL_TO_ACTION.said(read(text)), text


def test_an_encouragement_written_as_a_double_negative_is_no_negation() -> None:
    assert negation_scopes(read("n'hésitez pas à commander").text) == ()
    assert negation_scopes(read("n'oublie pas de t'abonner").text) == ()
    assert negation_scopes(read("je ne poste que des vidéos").text) == ()  # « ne… que » restricts


def test_a_negation_ends_at_the_clause() -> None:
    reading = read("sans script imposé, mais un lien en bio")
    (hit,) = LINK_PLACEMENT.hits(reading)
    assert not hit.negated


def test_pay_promise_deferral_and_pressure() -> None:
    vague = read("côté rémunération, on en reparlera une fois les premiers chiffres connus, "
                 "c'est surtout une belle vitrine pour toi")
    assert PAY_DEFERRAL.said(vague)
    assert PAY_PROMISE.denied(read("nous ne pouvons pas te rémunérer"))
    assert PAY_PROMISE.said(read("nous te proposons 800 € pour la vidéo"))
    assert PRESSURE.said(read("il nous faut ta réponse ce soir, sinon nous contacterons une autre créatrice"))
    assert not PRESSURE.said(read("prends le temps qu'il te faut, aucune urgence"))


def test_promo_codes_with_or_without_a_verb() -> None:
    assert PROMO_CODE.said(read("code NOA20 : -20 %"))
    assert PROMO_CODE.said(read("avec mon code"))


@pytest.mark.parametrize(("infinitive", "forms"), [
    ("utiliser", ["utilise", "utilises", "utilisez", "utiliser", "utilisons", "utilisé"]),
    ("s'abonner", ["abonne-toi", "abonnez-vous", "t'abonner", "vous abonner"]),
    ("faire", ["fais", "faites", "faire"]),
    ("choisir", ["choisis", "choisissez", "choisir"]),
])
def test_one_verb_rule_reads_every_form(infinitive: str, forms: list[str]) -> None:
    meaning = Meaning("probe", f"<{infinitive}>")
    for form in forms:
        assert meaning.said(read(form)), form
    assert not meaning.said(read("rien à voir")), verb_pattern(infinitive)


def test_typos_are_corrected_only_one_letter_away_and_not_inflections() -> None:
    assert correct_typos("partenairiat remunaration pubilcite") == "partenariat remuneration publicite"
    assert correct_typos("ventes abonne achete") == "ventes abonne achete"
    assert one_edit_apart("publicite", "pubilcite") and not one_edit_apart("achete", "cachet")


def test_every_meaning_of_the_course_compiles() -> None:
    """Meanings compile at first use (a workshop's start in the browser does not pay for all of them): every one
    the checks define must still compile, and a bad pattern still fails loudly."""
    import importlib
    import pkgutil

    import influence_workbook.checks as checks
    from influence_workbook.reading import compile_meanings

    for module in pkgutil.iter_modules(checks.__path__):
        importlib.import_module(f"{checks.__name__}.{module.name}")
    assert compile_meanings() >= 100
    broken = Meaning("broken", "(unclosed")
    with pytest.raises(re.error):
        broken.compile()
    assert Meaning("late", r"\bdemain\b").said("On le publie demain.")
