"""check_outreach and check_outreach_batch: the chapter-4 self-check on real French messages."""

from __future__ import annotations

import math
import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from influence_workbook.authoring.typography import fix as fr
from influence_workbook.campaign import campaign_from_answer
from influence_workbook.checks import check_outreach
from influence_workbook.checks.outreach import (
    EXAMPLE_CREATOR,
    MAX_ANALYSED_CHARS,
    MAX_BATCH_MESSAGES,
    MAX_CAPTIONS,
    MAX_COMPARED_CHARS,
    MAX_WORDS,
    MIN_WORDS,
    SIMILARITY_THRESHOLD,
    AlignedText,
    check_outreach_batch,
    creator_card,
    distinctive_words,
    message_similarity,
)
from influence_workbook.feedback import escape
from influence_workbook.progress import ProgressStore
from influence_workbook.text import compile_patterns
from influence_workbook.widgets import outreach as outreach_widget
from influence_workbook.widgets.outreach import OutreachWorkshop, saved_outreach

CRITERIA = ["name", "content", "fit", "ask", "pay", "tone", "length", "not_mass"]

CREATOR = EXAMPLE_CREATOR

GOOD = """Bonjour Léa,

Je m’appelle Camille et je m’occupe des partenariats de Sève, une petite marque lyonnaise de cosmétiques \
solides et rechargeables. J’ai regardé ta vidéo sur le masque à l’argile verte pour cuir chevelu sensible : \
ta façon d’expliquer chaque ingrédient nous a beaucoup parlé, parce que c’est aussi notre obsession.

Nous lançons en mars 2027 « Rituel Avoine », un shampooing solide pour cheveux sensibles. Nous aimerions te \
proposer une collaboration rémunérée : une vidéo et deux stories, publiées entre le 15 et le 31 mars 2027, \
avec ton regard et tes mots. Notre budget est de 800\u00a0€, et nous sommes ouverts à en discuter \
selon ton tarif.

Si l’idée te plaît, je t’envoie le brief complet, sans engagement. Et si ce n’est pas le moment, aucun souci.

Belle journée,
Camille"""


def failing(message: object, creator: object = CREATOR) -> set[str]:
    return {item.criterion for item in check_outreach(message, creator).failed_items()}


def test_a_personal_message_passes_every_criterion() -> None:
    feedback = check_outreach(GOOD, CREATOR)
    assert feedback.passed, feedback.to_text()
    assert [item.criterion for item in feedback.items] == CRITERIA
    assert feedback.check == "ch04-outreach"


def test_the_same_message_typed_differently_still_passes() -> None:
    shouted_typography = (GOOD.replace("’", "'").replace("\u00a0", " ").replace("Léa", "LÉA", 1)
                          .replace("\n", "\r\n"))
    assert check_outreach(shouted_typography, CREATOR).passed


def test_mass_mail_fails_everything_and_quotes_the_learners_words() -> None:
    bad = ("Cher influenceur, [PRÉNOM], URGENT !!! Nous t'offrons nos produits GRATUITEMENT en échange de "
           "visibilité. Réponds vite, dernière chance.")
    feedback = check_outreach(bad, CREATOR)
    assert {item.criterion for item in feedback.failed_items()} == set(CRITERIA)
    text = feedback.to_text()
    for quoted in ("« Cher influenceur »", "« [PRÉNOM] »", "« dernière chance »", "« Réponds vite »",
                   "compte 17 mots", fr("« Bonjour Léa, »")):
        assert fr(quoted) in text


@pytest.mark.parametrize(
    "marker",
    ["Cher influenceur", "Chère influenceuse", "[PRÉNOM]", "{{name}}", "{prenom}", "<nom>", "Bonjour à tous",
     "Cher(e) créateur", "Madame, Monsieur"],
)
def test_each_mass_mail_marker_is_flagged(marker: str) -> None:
    message = GOOD.replace("Bonjour Léa,", f"{marker}, Léa,")
    feedback = check_outreach(message, CREATOR)
    item = feedback.item("not_mass")
    assert not item.ok
    assert marker.lower() in item.message.lower()
    assert item.read_more == "Pourquoi ça coûte cher"


def test_a_message_greeting_another_creator_is_a_copy() -> None:
    feedback = check_outreach(GOOD.replace("Bonjour Léa", "Bonjour Zoé"), CREATOR)
    assert not feedback.item("name").ok
    assert fr("« Zoé »") in feedback.item("name").message
    assert not feedback.item("not_mass").ok


def test_other_creators_full_names_are_recognised() -> None:
    message = GOOD + "\nPS : j'ai adoré ton live avec Zoé Lumière."
    assert not check_outreach(message, CREATOR, other_names=("Zoé Lumière",)).item("name").ok
    assert check_outreach(message, CREATOR).item("name").ok


@pytest.mark.parametrize(
    "greeting",
    ["Bonjour Léa,", "Salut LEA !", "Hello @lea.verdure,", "Coucou lea verdure,", "Chère Léa,"],
)
def test_name_is_found_with_accents_case_and_handle(greeting: str) -> None:
    message = GOOD.replace("Bonjour Léa,", greeting)
    assert check_outreach(message, CREATOR).item("name").ok


def test_no_name_at_all_is_explained() -> None:
    item = check_outreach(GOOD.replace("Bonjour Léa,", "Bonjour,"), CREATOR).item("name")
    assert not item.ok
    assert "Bonjour Léa" in item.message


def test_content_reference_needs_their_own_words() -> None:
    vague = GOOD.replace(
        "J’ai regardé ta vidéo sur le masque à l’argile verte pour cuir chevelu sensible : ta façon",
        "J’adore tes vidéos : ta façon")
    item = check_outreach(vague, CREATOR).item("content")
    assert not item.ok
    # the hint quotes words of the creator's captions, accents kept
    assert fr("« bouclés »") in item.message or fr("« routine »") in item.message


def test_a_vague_reference_marker_alone_is_not_enough() -> None:
    message = GOOD.replace("ta vidéo sur le masque à l’argile verte pour cuir chevelu sensible",
                           "ta dernière vidéo")
    item = check_outreach(message, CREATOR).item("content")
    assert not item.ok
    assert "sans dire lequel" in item.message


def test_without_captions_a_reference_marker_is_accepted() -> None:
    creator = {"display_name": "Léa Verdure", "handle": "lea.verdure"}
    assert check_outreach(GOOD, creator).item("content").ok
    no_reference = GOOD.replace("J’ai regardé ta vidéo sur", "Nous pensons au")
    assert not check_outreach(no_reference, creator).item("content").ok


def test_fit_needs_the_brand_and_a_reason() -> None:
    no_brand = re.sub(r"Sève|« Rituel Avoine »|shampooing solide|cosmétiques\s+solides", "nos produits", GOOD)
    item = check_outreach(no_brand, CREATOR).item("fit")
    assert not item.ok and "Sève" in item.message
    no_reason = GOOD.replace("parce que c’est aussi notre obsession", "voilà").replace(
        "avec ton regard et tes mots", "comme prévu").replace("ta façon", "la manière")
    item = check_outreach(no_reason, CREATOR).item("fit")
    assert not item.ok and "pourquoi" in item.message


@pytest.mark.parametrize(
    ("old", "new", "missing"),
    [
        ("une vidéo et deux stories", "un partenariat", "quels contenus"),
        ("publiées entre le 15 et le 31 mars 2027", "publiées un jour", "quand"),
    ],
)
def test_the_ask_names_what_is_missing(old: str, new: str, missing: str) -> None:
    message = GOOD.replace(old, new).replace("Nous lançons en mars 2027", "Nous lançons bientôt")
    item = check_outreach(message, CREATOR).item("ask")
    assert not item.ok
    assert missing in item.message


@pytest.mark.parametrize(
    "pay",
    ["Notre budget est de 800 €", "La collaboration est rémunérée", "Quel est ton tarif ?",
     "Nous proposons 1\u202f000\u00a0€ HT", "Nous proposons 900 CHF"],
)
def test_pay_transparency_in_its_usual_forms(pay: str) -> None:
    message = GOOD.replace("collaboration rémunérée", "collaboration").replace(
        "Notre budget est de 800\u00a0€, et nous sommes ouverts à en discuter selon ton tarif.", pay + ".")
    assert check_outreach(message, CREATOR).item("pay").ok, pay


def test_no_pay_and_gifting_are_explained() -> None:
    silent = GOOD.replace("collaboration rémunérée", "collaboration").replace(
        "Notre budget est de 800\u00a0€, et nous sommes ouverts à en discuter selon ton tarif.",
        "Nous t’enverrons les produits offerts.")
    item = check_outreach(silent, CREATOR).item("pay")
    assert not item.ok
    assert "offerts" in item.message and "n'est pas un cachet" in item.message
    unpaid = GOOD.replace("collaboration rémunérée", "collaboration non rémunérée")
    assert not check_outreach(unpaid, CREATOR).item("pay").ok


def test_pressure_and_all_caps_hurt_the_tone() -> None:
    urgent = GOOD.replace("sans engagement", "c’est urgent, dernière chance")
    item = check_outreach(urgent, CREATOR).item("tone")
    assert not item.ok and fr("« urgent »") in item.message
    shouting = GOOD.replace("Nous aimerions te proposer", "NOUS AIMERIONS VRAIMENT te proposer")
    item = check_outreach(shouting, CREATOR).item("tone")
    assert not item.ok and "capitales" in item.message


def test_length_says_the_actual_count() -> None:
    short = "Bonjour Léa, on adore Sève et ton masque argile. Une vidéo rémunérée 800 € en mars 2027 ?"
    item = check_outreach(short, CREATOR).item("length")
    assert not item.ok
    words = [token for token in short.split() if re.search(r"\w", token)]  # « € » and « ? » are not words
    assert f"compte {len(words)} mots" in item.message
    long_message = GOOD + "\n" + " ".join(["Nous détaillons encore notre démarche."] * 60)
    item = check_outreach(long_message, CREATOR).item("length")
    assert not item.ok
    assert f"{MIN_WORDS} à {MAX_WORDS} mots" in item.message


def test_emoji_alone_are_not_words() -> None:
    assert check_outreach(GOOD, CREATOR).item("length").message == check_outreach(
        GOOD + " 🌿 🌿 ✨", CREATOR).item("length").message


@pytest.mark.parametrize("value", [None, ..., "", "   ", "...", "…"])
def test_nothing_to_check_gets_a_french_instruction(value: object) -> None:
    feedback = check_outreach(value, CREATOR)
    assert not feedback.passed
    assert feedback.items[0].criterion == "input"
    assert "Écrivez d'abord votre message" in feedback.items[0].message


@pytest.mark.parametrize("value", [42, 3.5, ["Bonjour"], {"message": "Bonjour"}])
def test_wrong_types_are_explained(value: object) -> None:
    feedback = check_outreach(value, CREATOR)
    assert feedback.items[0].criterion == "input"
    assert type(value).__name__ in feedback.items[0].message


def test_a_message_given_as_bytes_is_read_as_its_text() -> None:
    """The guard decodes bytes (a notebook slip) rather than showing « b'Bonjour' »: the message is judged."""
    assert check_outreach(b"Bonjour L\xc3\xa9a", CREATOR).to_dict() == check_outreach("Bonjour Léa", CREATOR).to_dict()


@pytest.mark.parametrize("creator", [None, "Léa", 12, {}, {"niche": "beaute"}, {"display_name": "  "}])
def test_an_unknown_creator_is_explained(creator: object) -> None:
    feedback = check_outreach(GOOD, creator)
    assert feedback.items[0].criterion == "input"
    assert "choisissez d'abord un créateur" in feedback.items[0].message


def test_creator_keys_have_aliases() -> None:
    card = creator_card({"name": "Léa Verdure", "handle": "@lea.verdure", "captions": ("Une seule légende",),
                         "followers": "beaucoup"})
    assert card is not None
    assert (card.first_name, card.handle, card.recent_posts, card.followers) == (
        "Léa", "lea.verdure", ("Une seule légende",), None)


def test_html_stays_text_in_messages() -> None:
    message = GOOD.replace("Bonjour Léa,", "Bonjour Léa, <script>alert('x')</script> URGENT")
    feedback = check_outreach(message, CREATOR)
    assert not feedback.item("tone").ok
    html = feedback._repr_html_()
    assert "<script>" not in html
    assert "&lt;script&gt;" not in html or "alert" in html  # quoted learner text, if any, is escaped


def test_huge_text_is_checked_and_told_to_be_shorter() -> None:
    # How long it takes is measured by `python -m benchmarks checks` (100 000 characters).
    huge = (GOOD + "\n") * 700  # about 100 000 characters
    assert len(huge) > 100_000
    feedback = check_outreach(huge, CREATOR)
    item = feedback.item("length")
    assert not item.ok and "mots" in item.message


def test_agent_tip_above_100k_followers() -> None:
    big = {**CREATOR, "followers": 250_000}
    assert any("agent" in tip for tip in check_outreach(GOOD, big).tips)
    assert not any("agent" in tip for tip in check_outreach(GOOD, CREATOR).tips)


def test_distinctive_words_leave_out_stop_words_and_names() -> None:
    words = distinctive_words(("Léa teste le masque à l’argile avec vous, abonnés #zerodechet",),
                              exclude=("Léa Verdure",))
    assert set(words.values()) == {"masque", "argile", "zerodechet"}


def test_sponsored_caption_boilerplate_is_not_a_personal_reference() -> None:
    caption = ("Collaboration commerciale\nCe que j'aime avec le sérum de @marque ? Tout est expliqué en "
               "vidéo 👇\nCode LEA20 : -20 % sur le site")
    sponsored = {**CREATOR, "recent_posts": [caption]}
    reference = "J’ai regardé ta vidéo sur le masque à l’argile verte pour cuir chevelu sensible : "
    message = GOOD.replace(reference, "") + "\nUne collaboration commerciale, code et site inclus."
    assert not check_outreach(message, sponsored).item("content").ok


def test_aligned_text_quotes_the_original() -> None:
    aligned = AlignedText("Dernière  CHANCE\u00a0: réponds vite !")
    assert aligned.first(compile_patterns(r"\bderniere chance\b")) == "Dernière CHANCE"
    assert aligned.every(compile_patterns(r"\breponds vite\b", r"\bderniere\b")) == ("réponds vite", "Dernière")


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400))
def test_never_raises_on_any_text(text: str) -> None:
    feedback = check_outreach(text, CREATOR)
    assert feedback.items


# --------------------------------------------------------------------------- issue 18


def with_pay(sentence: str) -> str:
    return GOOD.replace("collaboration rémunérée", "collaboration").replace(
        "Notre budget est de 800\u00a0€, et nous sommes ouverts à en discuter selon ton tarif.", sentence)


def test_a_pay_promise_that_promises_nothing_fails() -> None:
    """Issue 18: the word « rémunération » is there, but pay is put off and replaced by « visibility »."""
    message = with_pay("Côté rémunération, on en reparlera une fois les premiers chiffres connus, c'est "
                       "surtout une belle vitrine pour toi.")
    item = check_outreach(message, CREATOR).item("pay")
    assert not item.ok
    assert fr("« on en reparlera »") in item.message and "belle vitrine" in item.message
    assert "promesse qui ne promet rien" in item.message


@pytest.mark.parametrize(
    "sentence",
    ["Nous ne pouvons pas vous rémunérer pour cette campagne.", "On n'a pas de budget pour les créateurs.",
     "Ce serait bénévole pour commencer.", "Tu serais payée en visibilité.",
     "Pour la rémunération, ce sera selon les résultats de la campagne."],
)
def test_a_denied_or_deferred_pay_is_no_pay(sentence: str) -> None:
    assert not check_outreach(with_pay(sentence), CREATOR).item("pay").ok, sentence


def test_a_negation_about_free_work_is_not_a_refusal_to_pay() -> None:
    message = with_pay("Nous ne te demandons pas de travailler gratuitement : la collaboration est rémunérée 750 €.")
    assert check_outreach(message, CREATOR).item("pay").ok


def test_a_gift_alone_is_a_payment_in_kind_said_kindly() -> None:
    item = check_outreach(with_pay("Nous t'offrons un coffret complet (valeur 45 €)."), CREATOR).item("pay")
    assert not item.ok
    assert "paiement en nature" in item.message and "belle attention" in item.message
    # with pay beside it, the gift is welcome
    assert check_outreach(with_pay("Nous t'offrons le coffret, et la vidéo est payée 600 €."), CREATOR).item("pay").ok


def test_an_ultimatum_fails_the_tone() -> None:
    """Issue 18: an answer demanded tonight, or else another creator."""
    message = GOOD.replace("Et si ce n’est pas le moment, aucun souci.",
                           "Il nous faut ta réponse ce soir, sinon nous contacterons une autre créatrice.")
    item = check_outreach(message, CREATOR).item("tone")
    assert not item.ok
    assert "ultimatum" in item.message and "ce soir" in item.message


@pytest.mark.parametrize("calm", ["Aucune urgence, prends ton temps.", "Ce n'est pas urgent du tout.",
                                  "Tu n'es pas obligée de répondre vite.", "Pas de pression !"])
def test_denied_pressure_is_a_calm_tone(calm: str) -> None:
    assert check_outreach(GOOD.replace("Et si ce n’est pas le moment, aucun souci.", calm), CREATOR).item("tone").ok


SAMIR = {"display_name": "Samir Haddad", "handle": "samir.skin", "niche": "beaute",
         "recent_posts": ["Peau sensible : la routine du soir qui apaise mes rougeurs",
                          "J'ai testé 5 crèmes hydratantes sans parfum pendant un mois"]}
STUFFED = ("Bonjour Samir, peau sensible apaise rougeurs routine du soir crèmes hydratantes sans parfum. "
           "Sève Sève Sève Sève Sève shampooing solide avoine Rituel Avoine Sève cosmétiques solides Lyon peau "
           "sensible apaise. Une vidéo et deux stories en mars 2027, collaboration rémunérée 500 €, parce que ta "
           "communauté correspond à nos valeurs. Peau sensible, apaise, rougeurs, routine, hydratant, sans "
           "parfum, Sève Sève. Merci Samir, Sève.")


def test_a_keyword_stuffed_message_is_no_personalisation() -> None:
    """Issue 18: « Bonjour Samir, peau sensible apaise… Sève Sève Sève… » got 8/8."""
    feedback = check_outreach(STUFFED, SAMIR)
    item = feedback.item("content")
    assert not item.ok
    assert fr("« Sève »") in item.message and "vraie phrase" in item.message
    assert not feedback.passed


def test_pasted_caption_words_without_a_sentence_do_not_count() -> None:
    listed = GOOD.replace("J’ai regardé ta vidéo sur le masque à l’argile verte pour cuir chevelu sensible : ta façon",
                          "Masque argile verte cuir chevelu sensible routine bouclés silicone savons Ardèche. Ta façon")
    assert not check_outreach(listed, CREATOR).item("content").ok
    assert check_outreach(GOOD, CREATOR).item("content").ok


def test_a_sentence_about_their_content_counts_without_tu_or_vous() -> None:
    reference = ("J’ai regardé ta vidéo sur le masque à l’argile verte pour cuir chevelu sensible : ta façon "
                 "d’expliquer chaque ingrédient nous a beaucoup parlé")
    assert reference in GOOD
    about = GOOD.replace(reference, "Ce test des trois savons solides fabriqués en Ardèche était d'une honnêteté rare")
    assert check_outreach(about, CREATOR).item("content").ok
    unrelated = GOOD.replace(reference, "Ce message est écrit avec soin et nous tenons beaucoup à ce projet")
    assert not check_outreach(unrelated, CREATOR).item("content").ok


def test_tu_and_vous_are_both_fine() -> None:
    vous = (GOOD.replace("J’ai regardé ta vidéo", "J’ai regardé votre vidéo").replace("ta façon", "votre façon")
            .replace("te proposer", "vous proposer").replace("avec ton regard et tes mots", "avec votre regard")
            .replace("selon ton tarif", "selon votre tarif")
            .replace("te plaît, je t’envoie", "vous plaît, je vous envoie"))
    assert "votre" in vous and "ta façon" not in vous
    assert check_outreach(vous, CREATOR).passed, check_outreach(vous, CREATOR).to_text()


# --------------------------------------------------------------------------- the learner's campaign

BIKE_SHOP = campaign_from_answer({
    "brand": "Cycles du Léman", "product": "vélos électriques de ville et vélos cargo", "campaign": "Printemps à vélo",
    "city": "Lausanne", "launch": "2027-03-20", "creator_budget": 8000, "currency": "CHF", "markets": ["CH"],
    "product_price": 3200, "gross_margin_rate": 35})
NOEMIE = {"display_name": "Noémie Favre", "handle": "noemie.roule", "niche": "sport",
          "recent_posts": ["Lausanne–Montreux en vélo électrique : trois galères et un coucher de soleil",
                           "Comment j'emmène mes deux enfants à l'école en vélo cargo, même sous la pluie"]}
BIKE_MESSAGE = """Bonjour Noémie,

Je m'appelle Luca, je m'occupe de la communication des Cycles du Léman, le magasin de vélos du quartier \
sous-gare à Lausanne. Ta vidéo où tu emmènes tes deux enfants à l'école en vélo cargo sous la pluie nous a \
bluffés : c'est exactement la vie quotidienne que nos clients nous décrivent, et c'est pour ça que nous pensons à toi.

Pour notre campagne « Printemps à vélo », nous aimerions te proposer une vidéo YouTube et deux stories, publiées \
fin mars 2027. Nous avons prévu 1 200 CHF pour ce travail, à ajuster selon ton tarif.

Si ce n'est pas le moment, pas de souci, on garde le contact.
Luca"""


def test_a_message_for_another_brand_is_judged_on_that_brand() -> None:
    assert BIKE_SHOP is not None
    own = check_outreach(BIKE_MESSAGE, NOEMIE, campaign=BIKE_SHOP)
    assert own.passed, own.to_text()
    assert any("Cycles du Léman × Printemps à vélo" in tip for tip in own.tips)
    # judged on Sève, the same message never presents Sève
    seve = check_outreach(BIKE_MESSAGE, NOEMIE)
    assert not seve.item("fit").ok and "Sève" in seve.item("fit").message
    # and on the bike shop, a message that never names it fails, naming the shop
    anonymous = BIKE_MESSAGE.replace("des Cycles du Léman, le magasin de vélos", "d'un magasin").replace(
        "en vélo cargo", "en cargo").replace("« Printemps à vélo »", "de printemps")
    item = check_outreach(anonymous, NOEMIE, campaign=BIKE_SHOP).item("fit")
    assert not item.ok and "Cycles du Léman" in item.message


def test_the_campaigns_own_words_are_not_a_reference_to_the_creator() -> None:
    assert BIKE_SHOP is not None
    shop_words = BIKE_MESSAGE.replace(
        "Ta vidéo où tu emmènes tes deux enfants à l'école en vélo cargo sous la pluie nous a bluffés : c'est",
        "Nos vélos électriques et nos vélos cargo sont").replace("et c'est pour ça que", "c'est pour ça que")
    assert not check_outreach(shop_words, NOEMIE, campaign=BIKE_SHOP).item("content").ok


# --------------------------------------------------------------------------- any input, at once


def cpu_ms(call: Callable[[], object]) -> float:
    """CPU time of the fastest of three calls (not wall time: a busy machine does not make it fail)."""
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        call()
        best = min(best, time.process_time() - start)
    return best * 1000


def test_captions_beyond_the_cap_are_not_read() -> None:
    """What makes 1 000 captions of 20 000 characters instant: only the first ones are read."""
    filler = ["Une publication sans rapport " + "x" * 30 for _ in range(MAX_CAPTIONS)]
    late = {**CREATOR, "recent_posts": [*filler, "Ma recette de masque à l’argile verte"]}
    assert "argile" not in " ".join(distinctive_words(tuple(late["recent_posts"])).values())  # type: ignore[arg-type]
    assert "argile" in " ".join(distinctive_words(tuple(late["recent_posts"][-1:])).values())  # type: ignore[index]


def test_a_thousand_huge_captions_answer_in_under_200_ms() -> None:
    """Issue 19 item 11: 1 000 captions of 20 000 characters took 11.9 s."""
    creator = {**CREATOR, "recent_posts": [f"légende {i} " + "mot " * 5_000 for i in range(1_000)]}
    assert cpu_ms(lambda: check_outreach(GOOD, creator)) < 200


@pytest.mark.parametrize(
    "message",
    ["1" * 100_000, "1 000 € " * 12_000, "pas " * 25_000, "Sève " * 20_000, "sinon ce soir ! " * 6_000,
     (GOOD + "\n") * 700],
    ids=["digits", "amounts", "negations", "one-word", "pressure", "long-message"],
)
def test_any_message_answers_in_under_200_ms(message: str) -> None:
    assert len(message) > MAX_ANALYSED_CHARS
    feedback = check_outreach(message, CREATOR)
    assert any("premiers caractères" in tip for tip in feedback.tips)
    assert cpu_ms(lambda: check_outreach(message, CREATOR)) < 200


# --------------------------------------------------------------------------- batch


def test_batch_flags_a_message_sent_unchanged() -> None:
    other = "Bonjour Tom, un tout autre message ici."
    feedback = check_outreach_batch({"Léa": GOOD, "Zoé": GOOD, "Tom": other})
    assert not feedback.item("unique:Léa").ok
    assert "identique" in feedback.item("unique:Zoé").message
    assert feedback.item("unique:Tom").ok


def test_batch_flags_a_copy_where_only_the_name_changes() -> None:
    feedback = check_outreach_batch({"Léa": GOOD, "Zoé": GOOD.replace("Léa", "Zoé")})
    assert not feedback.passed
    assert "seul le nom change" in feedback.item("unique:Zoé").message


def test_batch_accepts_truly_personal_messages() -> None:
    other = ("Bonjour Zoé, ton carrousel sur les recharges en vrac à Genève nous a fait sourire. Chez Sève, "
             "nous cherchons une voix suisse pour présenter notre après-shampooing rechargeable : deux Reels "
             "en avril 2027, rémunérés 600 CHF chacun. Qu'en penses-tu ?")
    feedback = check_outreach_batch({"Léa": GOOD, "Zoé": other})
    assert feedback.passed, feedback.to_text()
    assert message_similarity(GOOD, other) < 0.5


@pytest.mark.parametrize("value", [None, {}, "texte", {"Léa": GOOD}, {"Léa": GOOD, "Zoé": ...}])
def test_batch_needs_two_written_messages(value: object) -> None:
    feedback = check_outreach_batch(value)
    assert feedback.items[0].criterion == "input"


# --------------------------------------------------------------------------- workshop


ZOE = {"creator_id": "C0002", "display_name": "Zoé Lumière", "handle": "zoe.lumiere", "niche": "écologie",
       "platform": "instagram", "followers": 8_500,
       "recent_posts": ["Mes recharges en vrac à Genève", "Un an sans plastique dans la salle de bain"]}


def make_workshop(tmp_path: Path, creators: list[dict[str, object]] | None = None) -> OutreachWorkshop:
    store = ProgressStore(tmp_path / "progression.json")
    return OutreachWorkshop(store, creators=creators if creators is not None else [CREATOR, ZOE])


def test_workshop_has_stable_css_classes(tmp_path: Path) -> None:
    workshop = make_workshop(tmp_path)
    box = workshop.widget()
    assert {"iw-workshop", "iw-ch04-outreach"} <= set(box._dom_classes)
    assert "iw-ch04-creator" in workshop.creator._dom_classes
    assert "iw-ch04-message" in workshop.message._dom_classes
    assert "iw-ch04-check" in workshop.step.button._dom_classes
    assert "iw-ch04-feedback" in workshop.step.feedback._dom_classes
    assert "iw-ch04-status" in workshop.step.status._dom_classes
    assert workshop.step.button.description == "Vérifier"


def test_workshop_checks_saves_and_reloads(tmp_path: Path) -> None:
    workshop = make_workshop(tmp_path)
    workshop.creator.value = "C0001"
    assert "Léa Verdure" in workshop.card.value and "argile verte" in workshop.card.value
    message = GOOD.replace("sans engagement", "sans engagement <b>promis</b>")
    workshop.message.value = message
    workshop.step.button.click()
    html = workshop.step.feedback.value
    assert escape("Vous saluez Léa par son nom.") in html
    assert escape("Bravo, tous les critères sont remplis (8/8 critères).") in html
    assert "<b>promis</b>" not in html
    saved = saved_outreach(workshop.store)
    assert saved is not None
    assert (saved["creator_id"], saved["creator_name"], saved["message"], saved["passed"]) == (
        "C0001", "Léa Verdure", message, True)

    reopened = make_workshop(tmp_path)
    assert reopened.creator.value == "C0001"
    assert reopened.message.value == message
    assert escape("Vous saluez Léa par son nom.") in reopened.step.feedback.value
    assert "Réponse reprise" in reopened.step.status.value


def test_workshop_flags_a_message_written_for_someone_else(tmp_path: Path) -> None:
    workshop = make_workshop(tmp_path)
    workshop.creator.value = "C0002"
    workshop.message.value = GOOD
    feedback = workshop.step.run_check()
    assert feedback is not None and not feedback.item("name").ok
    assert escape(fr("Le message s'adresse à « Léa »")) in workshop.step.feedback.value
    saved = saved_outreach(workshop.store)
    assert saved is not None and saved["passed"] is False


def test_workshop_without_a_creator_says_what_to_do(tmp_path: Path) -> None:
    workshop = make_workshop(tmp_path)
    workshop.message.value = GOOD
    workshop.step.button.click()
    assert escape("Choisissez d'abord, dans la liste, le créateur") in workshop.step.feedback.value


def test_creator_card_is_escaped(tmp_path: Path) -> None:
    evil = {**ZOE, "display_name": "<img src=x onerror=alert(1)>",
            "recent_posts": ["<script>alert(2)</script>"]}
    workshop = make_workshop(tmp_path, [evil])
    workshop.creator.value = "C0002"
    assert "<img" not in workshop.card.value and "<script>" not in workshop.card.value
    assert "&lt;script&gt;" in workshop.card.value


def test_word_counter_follows_the_message(tmp_path: Path) -> None:
    workshop = make_workshop(tmp_path)
    workshop.message.value = "Bonjour Léa, trois mots 🌿"
    assert "4 mots" in workshop.counter.value


def test_shortlist_of_chapter_2_is_offered_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[object] = []

    def fake_profiles(ids: list[str] | None = None) -> list[dict[str, object]]:
        asked.append(ids)
        every = [CREATOR, ZOE]
        return every if ids is None else [p for p in every if p["creator_id"] in ids]

    monkeypatch.setattr(outreach_widget, "creator_profiles", fake_profiles)
    store = ProgressStore(tmp_path / "progression.json")
    default = OutreachWorkshop(store)
    assert default.source == "default"
    assert "pas encore enregistré de présélection" in default.intro_html()
    store.save("ch02", "shortlist", {"creator_ids": ["C0002"]})
    from_shortlist = OutreachWorkshop(store)
    assert from_shortlist.source == "shortlist"
    assert [value for _, value in from_shortlist.creator.options] == ["", "C0002"]
    assert "présélection du chapitre 2" in from_shortlist.intro_html()
    assert asked == [None, ["C0002"]]


def test_missing_data_gives_a_french_notice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(ids: list[str] | None = None) -> list[dict[str, object]]:
        raise FileNotFoundError("data/creators.csv")

    monkeypatch.setattr(outreach_widget, "creator_profiles", broken)
    workshop = OutreachWorkshop(ProgressStore(tmp_path / "progression.json"))
    assert escape("données d'exemple") in workshop.intro_html()
    workshop.message.value = GOOD
    workshop.step.run_check()
    assert escape("réinstallez le cours") in workshop.step.feedback.value
    saved = saved_outreach(workshop.store)
    assert saved is not None and saved["message"] == GOOD  # the text typed is kept all the same


def test_default_creators_come_from_the_sample_data() -> None:
    import influence_workbook.data as data

    profiles = outreach_widget.creator_profiles(None)
    assert 1 <= len(profiles) <= outreach_widget.DEFAULT_COUNT
    creators = data.load_creators().set_index("creator_id")
    for profile in profiles:
        row = creators.loc[profile["creator_id"]]
        assert row["niche"] in outreach_widget.DEFAULT_NICHES
        assert row["audience_main_country"] in outreach_widget.DEFAULT_COUNTRIES
        assert profile["recent_posts"] and all(isinstance(c, str) for c in profile["recent_posts"])
        assert check_outreach(GOOD, profile).items


# --------------------------------------------------------------------------- batch, at any size


def test_similarity_ignores_names_and_sees_a_swapped_detail() -> None:
    assert message_similarity(GOOD, GOOD.replace("Léa", "Zoé"), ("Léa", "Zoé")) == 1.0
    detail = GOOD.replace("Léa", "Zoé").replace("argile verte", "argile rose")
    assert SIMILARITY_THRESHOLD <= message_similarity(GOOD, detail, ("Léa", "Zoé")) < 1.0


def test_batch_compares_the_first_characters_only() -> None:
    """Two messages alike on their first MAX_COMPARED_CHARS characters are one copy, whatever follows."""
    head = (GOOD + " ") * (MAX_COMPARED_CHARS // len(GOOD) + 1)
    feedback = check_outreach_batch({"Léa": head + "fin un", "Zoé": head + "tout autre fin " * 200})
    assert not feedback.item("unique:Zoé").ok
    assert any("premiers" in tip for tip in feedback.tips)


def test_batch_compares_the_first_messages_only() -> None:
    many = {f"Créateur {i}": f"Bonjour, message numéro {i} " + "unique " * i for i in range(MAX_BATCH_MESSAGES + 10)}
    feedback = check_outreach_batch(many)
    assert len(feedback.items) == MAX_BATCH_MESSAGES
    assert any(f"{MAX_BATCH_MESSAGES} premiers messages" in tip for tip in feedback.tips)


def test_two_huge_messages_and_a_thousand_messages_answer_in_under_200_ms() -> None:
    """Issue 19 item 11: two 20 000-character messages took 11.7 s (SequenceMatcher, quadratic)."""
    words = " ".join(f"mot{i}" for i in range(5_000))[:20_000]
    assert cpu_ms(lambda: check_outreach_batch({"a": words, "b": words[::-1]})) < 200
    assert cpu_ms(lambda: check_outreach_batch({f"c{i}": words for i in range(1_000)})) < 200


def test_batch_keys_that_cannot_be_shown_get_a_number() -> None:
    feedback = check_outreach_batch({10**5000: GOOD, None: GOOD.replace("Léa", "Zoé")})
    assert [item.criterion for item in feedback.items] == ["unique:créateur n° 1", "unique:créateur n° 2"]


# --- faults found by a blind held-out set (outreach#5, #8, #16, #19, #23): general rules, not sentences

#: GOOD without any reason why this creator: the fit item fails on it.
NO_REASON = GOOD.replace("parce que c’est aussi notre obsession", "voilà").replace(
    "avec ton regard et tes mots", "comme prévu").replace("ta façon", "la manière")


def with_reason(sentence: str) -> str:
    return NO_REASON.replace("nous a beaucoup parlé, voilà.", f"nous a beaucoup parlé. {sentence}")


def test_the_base_without_a_reason_fails_the_fit() -> None:
    assert "nous a beaucoup parlé, voilà." in NO_REASON
    assert not check_outreach(NO_REASON, CREATOR).item("fit").ok
    assert not check_outreach(with_reason("Je ne sais pas exactement comment tu fais."), CREATOR).item("fit").ok


@pytest.mark.parametrize(
    "sentence",
    ["Chez nous aussi, c'est ma mère qui prépare chaque savon à la main.",
     "Nous aussi, on teste chaque recette des semaines avant de la vendre.",
     "On pèse chaque ingrédient comme chez nous, à l'atelier.",
     "C'est pareil chez nous : chaque étiquette est relue trois fois.",
     "Expliquer sans jargon, c'est aussi notre combat."],
)
def test_a_shared_practice_or_value_is_a_reason_for_the_fit(sentence: str) -> None:
    """Held-out outreach#5: « chez nous aussi, c'est ma mère qui roule les pâtes » links the creator
    and the brand."""
    item = check_outreach(with_reason(sentence), CREATOR).item("fit")
    assert item.ok, sentence


@pytest.mark.parametrize(
    "sentence",
    ["Tu expliques tout simplement, sans promettre de miracle, et c'est ce qu'on aime.",
     "Tu expliques tout simplement, sans promettre de miracle et c est ce qu on aime.",
     "Tu expliques sans jargon : c'est ce que nous aimons.",
     "Ta franchise, c'est ce qui nous a plu.",
     "Ta façon de tout peser, ça nous parle."],
)
def test_what_the_brand_likes_is_a_reason_even_without_accents_or_after_sans(sentence: str) -> None:
    """Held-out outreach#8: the chapter's model sentence (« c'est ce qu'on aime ») written without
    accents, after a negation (« sans promettre de miracle ») that does not reach it."""
    assert check_outreach(with_reason(sentence), CREATOR).item("fit").ok, sentence


def test_a_denied_liking_is_no_reason() -> None:
    message = with_reason("Ce n'est pas ce qu'on cherche d'habitude.")
    assert not check_outreach(message, CREATOR).item("fit").ok


@pytest.mark.parametrize(
    "sentence",
    ["Tu montres ce qui ne marche pas, et c'est le ton qu'on cherche.",
     "Tu montres ce qui ne marche pas, et c'est exactement le ton qu'on cherche.",
     "Ta méthode de test sur trois semaines est parfaite pour notre nouveau shampooing.",
     "C'est l'esprit de notre atelier."],
)
def test_the_fit_does_not_depend_on_an_intensifier(sentence: str) -> None:
    """Held-out outreach#19 and #23: « c'est le ton qu'on cherche » gives the reason with or without
    « exactement », and « parfaite pour notre nouvelle chaussure » says why that creator."""
    assert check_outreach(with_reason(sentence), CREATOR).item("fit").ok, sentence


def test_a_season_perfect_for_a_launch_is_no_reason() -> None:
    message = with_reason("Le printemps est parfait pour lancer un shampooing.")
    assert not check_outreach(message, CREATOR).item("fit").ok


@pytest.mark.parametrize(
    "sentence",
    ["Côté rémunération, nous t'enverrons toute la gamme (valeur 80 €).",
     "En guise de paiement, un coffret d'une valeur de 120 € t'attend.",
     "On t'offre 80 € de produits.",
     "Tu recevras un bon d'achat de 50 € sur notre site."],
)
def test_a_products_value_is_not_pay(sentence: str) -> None:
    """Held-out outreach#16: « toute la gamme (valeur 80 €) » is a gift in kind, not a fee."""
    item = check_outreach(with_pay(sentence), CREATOR).item("pay")
    assert not item.ok, sentence
    assert "paiement en nature" in item.message


def test_a_products_value_with_visibility_is_no_pay_and_says_why() -> None:
    message = with_pay("Côté rémunération, nous t'enverrons toute la gamme (valeur 80 €) et nous te partagerons "
                       "sur notre compte : une belle visibilité auprès de notre communauté.")
    item = check_outreach(message, CREATOR).item("pay")
    assert not item.ok
    assert "belle visibilité" in item.message and "paiement en nature" in item.message


@pytest.mark.parametrize(
    "sentence",
    ["On t'envoie toute la gamme (valeur 80 €) et on te paie 400 € pour le Reel.",
     "On te propose 700 € pour l'ensemble, produits offerts en plus.",
     "On t'offre 600 € pour ce Reel."],
)
def test_a_fee_beside_a_gift_is_pay(sentence: str) -> None:
    item = check_outreach(with_pay(sentence), CREATOR).item("pay")
    assert item.ok, sentence
    assert "80 €" not in item.message


# --------------------------------------------------------------------------- blind held-out set 2b


@pytest.mark.parametrize(
    "greeting",
    ["Bonjour Madame Verdure,", "Bonjour Mme Verdure,", "Chère Madame Verdure,", "Bonjour Dr Verdure,",
     "Bonjour madame Verdure,", "Bonjour Madame Léa Verdure,"],
)
def test_a_title_and_surname_is_a_personal_address(greeting: str) -> None:
    """Held-out 2b: « Bonjour Monsieur Berset, » is how LinkedIn, B2B and Swiss formal letters greet."""
    message = GOOD.replace("Bonjour Léa,", greeting)
    item = check_outreach(message, CREATOR).item("name")
    assert item.ok, greeting
    assert "Verdure" in item.message
    assert "name" not in failing(message) and "not_mass" not in failing(message)


@pytest.mark.parametrize("greeting", ["Bonjour Madame,", "Bonjour Monsieur Martin,", "Madame, Monsieur,"])
def test_a_title_without_her_surname_is_no_address(greeting: str) -> None:
    message = GOOD.replace("Bonjour Léa,", greeting)
    assert not check_outreach(message, CREATOR).item("name").ok, greeting


@pytest.mark.parametrize(
    "sentence",
    ["Ta recette de masque est devenue une référence dans notre équipe support.",
     "Tes trois savons testés parlent exactement à nos clientes.",
     "Notre équipe de vente s'en sert avec les clientes en boutique.",
     "Ton test des savons montre que tu testes vraiment les produits.",
     "Ta communauté de peaux sensibles, c'est pile notre public."],
)
def test_content_tied_to_the_brands_people_is_a_reason(sentence: str) -> None:
    """Held-out 2b: « parlent exactement à nos clients », « montre que tu testes vraiment le matos »."""
    assert check_outreach(with_reason(sentence), CREATOR).item("fit").ok, sentence


@pytest.mark.parametrize(
    "sentence",
    ["On adore ton contenu, tes vidéos sont trop cool et ta commu est top !",
     "Ton test des savons montre que tu es vraiment trop cool.",
     "Tes vidéos ne parlent pas à nos clientes."],
)
def test_praise_or_a_denied_tie_is_still_no_reason(sentence: str) -> None:
    assert not check_outreach(with_reason(sentence), CREATOR).item("fit").ok, sentence


@pytest.mark.parametrize(
    "sentence",
    ["Une vidéo et deux stories. 900 CHF.", "Fee 900 CHF.", "Pour 900 CHF.", "Deux stories en mars, fee 3 000 €.",
     "Une vidéo en mars, 800 CHF.", "Deux stories pour 900 CHF.", "Cachet : 900 CHF."],
)
def test_an_amount_offered_by_its_place_is_pay(sentence: str) -> None:
    """Held-out 2b: « 900 CHF. », « Fee 900 CHF. », « Pour 900 CHF. », « fee 3 000 € » offer a fee."""
    item = check_outreach(with_pay(sentence), CREATOR).item("pay")
    assert item.ok, sentence
    assert re.search(r"\d", item.message)


@pytest.mark.parametrize(
    "sentence",
    ["Prix : 29 €.", "Notre abonnement : 19 €.", "Nos savons à moins de 10 €.",
     "On t'envoie toute la gamme (valeur 80 €).", "Elle vaut 89 €."],
)
def test_a_price_or_a_gifts_value_is_still_no_pay(sentence: str) -> None:
    assert not check_outreach(with_pay(sentence), CREATOR).item("pay").ok, sentence


@pytest.mark.parametrize("followers", [math.inf, -5, 10**400, True, "beaucoup"])
def test_a_creator_card_with_an_unusable_follower_count_is_read_as_unknown(followers: object) -> None:
    """Issue 19: followers=inf made creator_card raise (the guard answered, the fuzz test saw it)."""
    from influence_workbook.checks import guard

    before = len(guard.CAUGHT)
    feedback = check_outreach(GOOD, {**CREATOR, "followers": followers})
    assert len(guard.CAUGHT) == before and feedback.items and not feedback.is_input_problem
