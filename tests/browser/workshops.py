"""The course's workshops, as the browser tests see them. A new chapter adds one ``WorkshopSpec`` here.

Each spec names the notebook, the classes of the workshop's widgets, how to reach every text field
(``modes``), sample answers (``answers``: steps a learner does) and ``expected``: the function that
computes, *in the test process with the course's own check*, the feedback the page must show for the
values the learner entered. The generic tests in ``test_browser_workshops.py`` then check, for every
spec: the workshop becomes usable after « Run All »; each sample answer shows exactly the computed
feedback; the answer and its verdict come back after a page reload and after a kernel restart; no
text field lets HTML or script through; axe-core finds no serious or critical problem in it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from browser_harness import ACTION_TIMEOUT_MS, Workshop, choose
from playwright.sync_api import Locator, expect

# ------------------------------------------------------------------------------------- steps


class Step(Protocol):
    """One thing a learner does to one widget (named by its class)."""

    @property
    def widget(self) -> str: ...

    def apply(self, workshop: Workshop) -> None: ...

    def expect_shown(self, workshop: Workshop, timeout_ms: int) -> None: ...

    @property
    def value(self) -> Any: ...

    #: False when the workshop does not save what this step sets (a wait): not checked on reload.
    @property
    def kept(self) -> bool: ...


@dataclass(frozen=True)
class Fill:
    """Type ``text`` into the Text or Textarea widget with class ``widget``."""

    widget: str
    text: str
    kept: bool = True

    @property
    def value(self) -> str:
        return self.text

    def apply(self, workshop: Workshop) -> None:
        workshop.fill(self.widget, self.text)

    def expect_shown(self, workshop: Workshop, timeout_ms: int) -> None:
        expect(workshop.field(self.widget)).to_have_value(self.text, timeout=timeout_ms)


@dataclass(frozen=True)
class Select:
    """Pick the option labelled ``label`` in the Dropdown widget with class ``widget``."""

    widget: str
    label: str
    kept: bool = True

    @property
    def value(self) -> str:
        return self.label

    def apply(self, workshop: Workshop) -> None:
        workshop.select(self.widget, self.label)

    def expect_shown(self, workshop: Workshop, timeout_ms: int) -> None:
        expect(workshop.widget(self.widget).locator("select option:checked")).to_have_text(
            self.label, timeout=timeout_ms)


@dataclass(frozen=True)
class Toggle:
    """Pick the option labelled ``label`` of the ToggleButtons widget with class ``widget``."""

    widget: str
    label: str
    kept: bool = True

    @property
    def value(self) -> str:
        return self.label

    def apply(self, workshop: Workshop) -> None:
        workshop.toggle(self.widget, self.label)
        expect(workshop.widget(self.widget).locator("button.mod-active")).to_have_text(self.label)

    def expect_shown(self, workshop: Workshop, timeout_ms: int) -> None:
        expect(workshop.widget(self.widget).locator("button.mod-active")).to_have_text(
            self.label, timeout=timeout_ms)


@dataclass(frozen=True)
class SelectNth:
    """Pick ``label`` in the ``index``-th (from 0) Dropdown of class ``css`` (a workshop repeats one menu)."""

    css: str
    index: int
    label: str
    kept: bool = True

    @property
    def widget(self) -> str:  # the key of this value in ``values_of``
        return f"{self.css}#{self.index}"

    @property
    def value(self) -> str:
        return self.label

    def _select(self, workshop: Workshop) -> Locator:
        return workshop.widget(self.css).nth(self.index).locator("select")

    def apply(self, workshop: Workshop) -> None:
        choose(self._select(workshop), label=self.label)

    def expect_shown(self, workshop: Workshop, timeout_ms: int) -> None:
        expect(self._select(workshop).locator("option:checked")).to_have_text(self.label, timeout=timeout_ms)


@dataclass(frozen=True)
class Pick:
    """Select the options of the SelectMultiple ``widget`` whose label ends with « [id] », for each id."""

    widget: str
    ids: tuple[str, ...]
    kept: bool = True

    @property
    def value(self) -> tuple[str, ...]:
        return self.ids

    def _options(self, workshop: Workshop) -> Locator:
        return workshop.widget(self.widget).locator("select option")

    def apply(self, workshop: Workshop) -> None:
        options = self._options(workshop)
        for creator_id in self.ids:  # the options follow the filters: wait until each one is offered
            expect(options.filter(has_text=f"[{creator_id}]")).to_have_count(1)
        labels = options.all_inner_texts()
        indexes = [i for i, label in enumerate(labels) if any(label.rstrip().endswith(f"[{c}]") for c in self.ids)]
        assert len(indexes) == len(self.ids), f"options for {self.ids} not found in {labels[:10]}"
        choose(workshop.widget(self.widget).locator("select"), index=indexes)
        self.expect_shown(workshop, ACTION_TIMEOUT_MS)

    def expect_shown(self, workshop: Workshop, timeout_ms: int) -> None:
        checked = workshop.widget(self.widget).locator("select option:checked")
        expect(checked).to_have_count(len(self.ids), timeout=timeout_ms)
        for creator_id in self.ids:
            expect(checked.filter(has_text=f"[{creator_id}]")).to_have_count(1, timeout=timeout_ms)


@dataclass(frozen=True)
class Tick:
    """Tick (or untick) the Checkbox widget with class ``widget``."""

    widget: str
    checked: bool = True
    kept: bool = True

    @property
    def value(self) -> bool:
        return self.checked

    def _box(self, workshop: Workshop) -> Locator:
        return workshop.widget(self.widget).locator("input[type=checkbox]")

    def apply(self, workshop: Workshop) -> None:
        self._box(workshop).set_checked(self.checked)
        self.expect_shown(workshop, ACTION_TIMEOUT_MS)

    def expect_shown(self, workshop: Workshop, timeout_ms: int) -> None:
        if self.checked:
            expect(self._box(workshop)).to_be_checked(timeout=timeout_ms)
        else:
            expect(self._box(workshop)).not_to_be_checked(timeout=timeout_ms)


@dataclass(frozen=True)
class WaitFor:
    """Not a learner's action: wait until ``widget`` (the workshop itself when empty) shows ``text``.

    For a workshop that recomputes on each change (chapter 2's filters), so that the next step acts
    on what the kernel has settled, as a learner who reads the page would.
    """

    text: str
    widget: str = ""
    kept: bool = False

    @property
    def value(self) -> None:
        return None

    def apply(self, workshop: Workshop) -> None:
        self.expect_shown(workshop, workshop.timeout_ms)

    def expect_shown(self, workshop: Workshop, timeout_ms: int) -> None:
        where = workshop.widget(self.widget) if self.widget else workshop.root
        expect(where).to_contain_text(self.text, timeout=timeout_ms)


def values_of(steps: Sequence[Step]) -> dict[str, Any]:
    """What the learner entered, by widget class (a later step on the same widget wins)."""
    values: dict[str, Any] = {}
    for step in steps:
        if step.value is not None:
            values[step.widget] = step.value
    return values


# ------------------------------------------------------------------------------------- specs


@dataclass(frozen=True)
class Answer:
    """A sample answer: the steps a learner does before clicking the button.

    ``passes`` is what the course's check must say about it (verified in the test process, so a
    sample meant to pass really passes); None when the workshop has no pass/fail verdict.
    """

    name: str
    steps: tuple[Step, ...]
    passes: bool | None


@dataclass(frozen=True)
class Mode:
    """A way to fill the workshop: the steps that reveal some text fields, and those fields' classes."""

    name: str
    steps: tuple[Step, ...]
    text_fields: tuple[str, ...]


@dataclass(frozen=True)
class WorkshopSpec:
    id: str
    notebook: str  # relative to the served root (the repository's layout)
    root: str  # class of the outer box
    feedback: str  # class of the feedback region
    #: values entered (widget class → value) and today's date → the Feedback (or the texts) to show.
    expected: Callable[[Mapping[str, Any], date], Any]
    answers: tuple[Answer, ...]
    modes: tuple[Mode, ...]
    button: str = "Vérifier"
    status: str | None = None
    #: What the status region says right after a check.
    saved_status: re.Pattern[str] | None = None
    #: (chapter, step) under which the answer is saved in the learner's progress file; None: not saved.
    progress_key: tuple[str, str] | None = None


def expected_texts(result: Any) -> list[str]:
    """The texts a rendered Feedback shows (headline and every item's message), or the texts given."""
    if hasattr(result, "items") and hasattr(result, "headline"):
        return [result.headline, *(item.message for item in result.items)]
    return [str(text) for text in result]


# ------------------------------------------------------------------------ chapter 1: objective

CH01_MODE = "iw-ch01-mode"
CH01_GUIDED = "Formulaire guidé"
CH01_FREE = "Phrase libre"


def _ch01_expected(values: Mapping[str, Any], today: date) -> Any:
    from influence_workbook.checks.objective import check_objective, compose_objective

    if values.get(CH01_MODE, CH01_GUIDED) == CH01_FREE:
        text = values.get("iw-ch01-sentence", "")
    else:
        text = compose_objective(values.get("iw-ch01-goal"), values.get("iw-ch01-kpi"),
                                 values.get("iw-ch01-target"), values.get("iw-ch01-deadline"),
                                 values.get("iw-ch01-audience"))
    return check_objective(text, today=today)


CH01 = WorkshopSpec(
    id="ch01",
    notebook="notebooks/01_objectif_flou.ipynb",
    root="iw-ch01-objective",
    feedback="iw-ch01-feedback",
    status="iw-ch01-status",
    saved_status=re.compile(r"Enregistré le \d{2}/\d{2}/\d{4} à \d{2}:\d{2}"),
    progress_key=("ch01", "objective"),
    expected=_ch01_expected,
    answers=(
        Answer("guided-conversion", passes=True, steps=(
            # The default mode, chosen all the same: the answer can then follow one in the free mode
            # (the browser benchmark's later clicks alternate between the first two answers).
            Toggle(CH01_MODE, CH01_GUIDED),
            Select("iw-ch01-goal", "Conversion"),
            Select("iw-ch01-kpi", "Ventes"),
            Fill("iw-ch01-target", "1 500 ventes"),
            Fill("iw-ch01-deadline", "d'ici fin juin 2027"),
            Fill("iw-ch01-audience", "femmes de 18-34 ans en France et en Suisse romande"),
        )),
        Answer("free-buzz", passes=False, steps=(
            Toggle(CH01_MODE, CH01_FREE),
            Fill("iw-ch01-sentence", "Faire le buzz sur Instagram"),
        )),
        Answer("free-no-deadline", passes=False, steps=(
            Toggle(CH01_MODE, CH01_FREE),
            Fill("iw-ch01-sentence", "Augmenter la notoriété de 20 %"),
        )),
    ),
    modes=(
        Mode("guided", steps=(Select("iw-ch01-goal", "Notoriété"),
                              Select("iw-ch01-kpi", "Portée (personnes touchées)")),
             text_fields=("iw-ch01-target", "iw-ch01-deadline", "iw-ch01-audience")),
        Mode("free", steps=(Toggle(CH01_MODE, CH01_FREE),), text_fields=("iw-ch01-sentence",)),
    ),
)

# ---------------------------------------------------------------- chapter 2: creators' shortlist

CH02_PICKS = "iw-ch02-picks"
CH02_FILTERS: dict[str, tuple[str, str]] = {  # widget class → (filter_creators argument, menu label)
    "iw-ch02-niche": ("niche", "beaute"),
    "iw-ch02-country": ("audience_country", "FR"),
}


def _ch02_filter_label(css: str) -> str:
    from influence_workbook.metrics import COUNTRY_NAMES, NICHE_LABELS

    _, code = CH02_FILTERS[css]
    return NICHE_LABELS[code] if css == "iw-ch02-niche" else f"{COUNTRY_NAMES[code]} ({code})"


def _ch02_pool(values: Mapping[str, Any]) -> tuple[Any, Any]:
    """(the sample creators, the rows the learner's filters keep), scored for the default target."""
    from influence_workbook.data.load import load_creators
    from influence_workbook.metrics import filter_creators, score_creators, target_from_objective

    creators = load_creators().reset_index(drop=True)
    scored = score_creators(creators, target_from_objective(None))  # no chapter-1 objective saved
    chosen = {argument: code for css, (argument, code) in CH02_FILTERS.items()
              if values.get(css) == _ch02_filter_label(css)}
    return creators, filter_creators(scored, **chosen)


def _ch02_expected(values: Mapping[str, Any], today: date) -> Any:
    from influence_workbook.campaign import CAMPAIGN
    from influence_workbook.checks.shortlist import check_shortlist

    creators, pool = _ch02_pool(values)
    # A multiple choice gives its picks in the list's order (the table's default sort), not the clicks'.
    shown = list(pool.sort_values("er_vs_benchmark", ascending=False, na_position="last", kind="stable")
                 ["creator_id"].astype(str))
    picks = sorted(values.get(CH02_PICKS, ()), key=lambda cid: shown.index(cid) if cid in shown else -1)
    return check_shortlist(picks, objective_text=None,
                           budget_eur=CAMPAIGN.creator_budget_eur, creators=creators, pool=pool)


def _ch02_steps(*ids: str) -> tuple[Step, ...]:
    from influence_workbook.widgets.shortlist import DEFAULT_OBJECTIVE_NOTE

    filters: list[Step] = [Select(css, _ch02_filter_label(css)) for css in CH02_FILTERS]  # saved, restored
    values = {step.widget: step.value for step in filters}
    count = len(_ch02_pool(values)[1])
    return (
        WaitFor(DEFAULT_OBJECTIVE_NOTE),  # a fresh learner: the default target is used, and said
        *filters,
        WaitFor(f"{count} créateurs sur", "iw-ch02-count"),  # the filters are applied
        Pick(CH02_PICKS, ids),
        WaitFor(f"{len(ids)} créateurs choisis", "iw-ch02-budget"),
    )


CH02 = WorkshopSpec(
    id="ch02",
    notebook="notebooks/02_mauvais_influenceur.ipynb",
    root="iw-ch02-shortlist",
    feedback="iw-ch02-feedback",
    status="iw-ch02-status",
    saved_status=re.compile(r"Enregistré le \d{2}/\d{2}/\d{4} à \d{2}:\d{2}"),
    progress_key=("ch02", "shortlist"),
    expected=_ch02_expected,
    answers=(
        Answer("three-reliable-nano-micro", passes=True, steps=_ch02_steps("C0046", "C0128", "C0301")),
        Answer("only-two", passes=False, steps=_ch02_steps("C0046", "C0128")),
        Answer("over-budget-big-accounts", passes=False, steps=_ch02_steps("C0311", "C0222", "C0181")),
    ),
    modes=(),  # no text field: filters and the shortlist are menus (the CSV import is a file)
)

# ---------------------------------------------------------------------- chapter 3: concept canvas

CH03_FIELDS = {"angle": "iw-ch03-angle", "platform": "iw-ch03-platform", "format": "iw-ch03-format",
               "details": "iw-ch03-details", "hook": "iw-ch03-hook", "creator_role": "iw-ch03-creator_role",
               "cta": "iw-ch03-cta", "measurement": "iw-ch03-measurement", "goal": "iw-ch03-goal"}
CH03_TEXT_FIELDS = ("iw-ch03-angle", "iw-ch03-details", "iw-ch03-hook", "iw-ch03-creator_role", "iw-ch03-cta",
                    "iw-ch03-measurement")


def _ch03_expected(values: Mapping[str, Any], today: date) -> Any:
    from influence_workbook.checks.concept import check_concept

    canvas = {key: values.get(css, "") for key, css in CH03_FIELDS.items()}
    return check_concept(canvas, objective_text=None)  # no chapter-1 objective: the goal menu decides


def _ch03_canvas(goal: str, platform: str, fmt: str, **texts: str) -> tuple[Step, ...]:
    return (Select("iw-ch03-goal", goal), Select("iw-ch03-platform", platform), Select("iw-ch03-format", fmt),
            *(Fill(CH03_FIELDS[key], text) for key, text in texts.items()))


CH03 = WorkshopSpec(
    id="ch03",
    notebook="notebooks/03_concept_peu_creatif.ipynb",
    root="iw-ch03-concept",
    feedback="iw-ch03-feedback",
    status="iw-ch03-status",
    saved_status=re.compile(r"Enregistré le \d{2}/\d{2}/\d{4} à \d{2}:\d{2}"),
    progress_key=("ch03", "concept"),
    expected=_ch03_expected,
    answers=(
        Answer("reels-tutorial-considération", passes=True, steps=_ch03_canvas(
            "Considération", "Instagram\u00a0: Reels", "Tutoriel",
            angle="Trente jours pour réconcilier mes cheveux sensibles avec le zéro déchet.",
            details="Quatre épisodes de 45 secondes",
            hook="Mes cheveux grattaient depuis des années… jusqu'à ce que je change une seule chose.",
            creator_role="Elle choisit le décor, raconte avec ses mots et propose la chute de chaque épisode.",
            cta="Faites le diagnostic cheveux sur le site (lien en bio).",
            measurement="Clics vers le site, avec un lien de suivi (UTM) par créatrice.")),
        Answer("product-photo-long-tiktok", passes=False, steps=_ch03_canvas(
            "Conversion", "TikTok", "Tutoriel",
            angle="Une photo avec le produit.", details="Tutoriel de 20 minutes", hook="Bonjour à tous !",
            creator_role="L'influenceur poste notre visuel et notre texte, sans rien changer.",
            cta="Likez !", measurement="Les likes")),
        Answer("notoriety-sales-measure", passes=False, steps=_ch03_canvas(
            "Notoriété", "Instagram\u00a0: Reels", "Tutoriel",
            angle="Trente jours pour réconcilier mes cheveux sensibles avec le zéro déchet.",
            details="Quatre épisodes de 45 secondes",
            hook="Mes cheveux grattaient depuis des années… jusqu'à ce que je change une seule chose.",
            creator_role="Elle choisit le décor, raconte avec ses mots et propose la chute de chaque épisode.",
            cta="Achetez-le maintenant avec le code AVOINE10.",
            measurement="Le nombre de ventes avec le code promo.")),
    ),
    modes=(Mode("canvas", steps=(Select("iw-ch03-goal", "Considération"),
                                 Select("iw-ch03-platform", "TikTok"), Select("iw-ch03-format", "Tutoriel")),
                text_fields=CH03_TEXT_FIELDS),),
)

# ----------------------------------------------------------------- chapter 4: first message to a creator


def _ch04_profiles() -> list[dict[str, Any]]:
    from influence_workbook.widgets.outreach import creator_profiles

    return creator_profiles(None)  # no chapter-2 shortlist saved: the default list


def _ch04_label(profile: Mapping[str, Any]) -> str:
    return f"{profile['display_name']} (@{profile['handle']})"


def _ch04_expected(values: Mapping[str, Any], today: date) -> Any:
    from influence_workbook.checks.outreach import check_outreach

    profiles = _ch04_profiles()
    profile = next((p for p in profiles if _ch04_label(p) == values.get("iw-ch04-creator")), None)
    if profile is None:
        return ["Choisissez d'abord, dans la liste, le créateur à qui vous écrivez."]
    others = tuple(str(p["display_name"]) for p in profiles if p is not profile)
    return check_outreach(values.get("iw-ch04-message", ""), profile, other_names=others)


CH04_CREATOR = "Chloé Compost (@chloecompost)"
CH04_GOOD = """Bonjour Chloé,

Je m'appelle Camille et je m'occupe des partenariats de Sève, une petite marque lyonnaise de cosmétiques \
solides et rechargeables. J'ai regardé ta publication sur le compost en appartement pour débutants : ta façon \
d'expliquer chaque geste simplement nous a beaucoup parlé, parce que c'est aussi notre obsession.

Nous lançons en mars 2027 « Rituel Avoine », un shampooing solide pour cheveux sensibles. Nous aimerions te \
proposer une collaboration rémunérée : une vidéo et deux stories, publiées entre le 15 et le 31 mars 2027, \
avec ton regard et tes mots. Notre budget est de 800 €, et nous sommes ouverts à en discuter selon ton tarif.

Si l'idée te plaît, je t'envoie le brief complet, sans engagement. Et si ce n'est pas le moment, aucun souci.

Belle journée,
Camille"""

CH04 = WorkshopSpec(
    id="ch04",
    notebook="notebooks/04_communication_authentique.ipynb",
    root="iw-ch04-outreach",
    feedback="iw-ch04-feedback",
    status="iw-ch04-status",
    saved_status=re.compile(r"Enregistré le \d{2}/\d{2}/\d{4} à \d{2}:\d{2}"),
    progress_key=("ch04", "outreach"),
    expected=_ch04_expected,
    answers=(
        Answer("personal-paid-offer", passes=True, steps=(
            Select("iw-ch04-creator", CH04_CREATOR), Fill("iw-ch04-message", CH04_GOOD))),
        Answer("mass-mail-free-products", passes=False, steps=(
            Select("iw-ch04-creator", CH04_CREATOR),
            Fill("iw-ch04-message", "Cher influenceur, [PRÉNOM], URGENT !!! Nous t'offrons nos produits "
                                    "GRATUITEMENT en échange de visibilité. Réponds vite, dernière chance."))),
        Answer("copied-for-another-creator", passes=False, steps=(
            Select("iw-ch04-creator", CH04_CREATOR),
            Fill("iw-ch04-message", CH04_GOOD.replace("Bonjour Chloé", "Bonjour Maëva")))),
    ),
    modes=(Mode("message", steps=(Select("iw-ch04-creator", CH04_CREATOR),), text_fields=("iw-ch04-message",)),),
)

# ------------------------------------------------------- chapter 5: disclosure (two workshops)

CH05_JURISDICTION = "iw-ch05-jurisdiction"
CH05_ANSWER = "iw-ch05-answer"


def _ch05_cases() -> list[Any]:
    from influence_workbook.checks.disclosure import sample_cases

    return sample_cases()


def _ch05_classification_expected(values: Mapping[str, Any], today: date) -> Any:
    from influence_workbook.checks.disclosure import check_classification
    from influence_workbook.widgets.disclosure import JURISDICTION_LABELS

    cases = _ch05_cases()
    answers = {case.post_id: values.get(f"{CH05_ANSWER}#{i}", "") for i, case in enumerate(cases)}
    return check_classification(answers, cases, JURISDICTION_LABELS.get(values.get(CH05_JURISDICTION, ""), ""))


def _ch05_classify(jurisdiction: str, verdicts: Callable[[Any], str]) -> tuple[Step, ...]:
    """Choose the jurisdiction (label « FR — France »), then answer each post with ``verdicts(case)``."""
    from influence_workbook.checks.disclosure import VERDICT_LABELS

    code = jurisdiction.split(" — ")[0]
    steps: list[Step] = [Select(CH05_JURISDICTION, jurisdiction)]
    for index, case in enumerate(_ch05_cases()):
        steps.append(SelectNth(CH05_ANSWER, index, VERDICT_LABELS[verdicts((case, code))]))
    return tuple(steps)


def _right(item: Any) -> str:
    case, code = item
    return str(case.expected[code])


def _all_compliant(item: Any) -> str:
    return "compliant"


def _wrong_on_english(item: Any) -> str:  # an English « #ad » read as fine in France
    case, code = item
    return "compliant" if case.caption.lstrip().lower().startswith("#ad") else str(case.expected[code])


CH05_CLASSIFICATION = WorkshopSpec(
    id="ch05-classification",
    notebook="notebooks/05_partenariat_cache.ipynb",
    root="iw-ch05-classification",
    feedback="iw-ch05-classification-feedback",
    status="iw-ch05-classification-status",
    saved_status=re.compile(r"Enregistré le \d{2}/\d{2}/\d{4} à \d{2}:\d{2}"),
    progress_key=("ch05", "classification"),
    expected=_ch05_classification_expected,
    answers=(
        Answer("france-all-right", passes=True, steps=_ch05_classify("FR — France", _right)),
        Answer("france-all-compliant", passes=False, steps=_ch05_classify("FR — France", _all_compliant)),
        Answer("france-english-ad-accepted", passes=False,
               steps=_ch05_classify("FR — France", _wrong_on_english)),
    ),
    modes=(),  # no text field: a menu per post
)

CH05_BODY = "Mon rituel du soir avec le shampooing solide à l'avoine de @seve 🌾\nIl apaise mon cuir chevelu."


def _ch05_caption_expected(values: Mapping[str, Any], today: date) -> Any:
    from influence_workbook.checks.disclosure import check_campaign_caption

    return check_campaign_caption(values.get("iw-ch05-caption", ""),
                                  retouched=values.get("iw-ch05-retouched") is True,
                                  ai_generated=values.get("iw-ch05-ai-generated") is True)


CH05_CAPTION = WorkshopSpec(
    id="ch05-caption",
    notebook="notebooks/05_partenariat_cache.ipynb",
    root="iw-ch05-caption-workshop",
    feedback="iw-ch05-caption-feedback",
    status="iw-ch05-caption-status",
    saved_status=re.compile(r"Enregistré le \d{2}/\d{2}/\d{4} à \d{2}:\d{2}"),
    progress_key=("ch05", "caption"),
    expected=_ch05_caption_expected,
    answers=(
        Answer("publicite-first", passes=True, steps=(Fill("iw-ch05-caption", f"Publicité | {CH05_BODY}"),)),
        Answer("hashtag-ad-at-the-end", passes=False, steps=(Fill("iw-ch05-caption", f"{CH05_BODY}\n#ad"),)),
        Answer("retouched-not-said", passes=False, steps=(
            Fill("iw-ch05-caption", f"Publicité | {CH05_BODY}"), Tick("iw-ch05-retouched"))),
    ),
    modes=(Mode("caption", steps=(), text_fields=("iw-ch05-caption",)),),
)

# ------------------------------------------------------------------ chapter 6: the brief's constraints

CH06_FIELDS = {"must_have": "iw-ch06-must-have", "forbidden_claims": "iw-ch06-forbidden-claims",
               "draft_due": "iw-ch06-draft-due", "publication_window": "iw-ch06-publication-window",
               "creative_freedom": "iw-ch06-creative-freedom", "script": "iw-ch06-script",
               "approval_rounds": "iw-ch06-approval-rounds"}
CH06_TEXT_FIELDS = ("iw-ch06-must-have", "iw-ch06-forbidden-claims", "iw-ch06-draft-due",
                    "iw-ch06-publication-window", "iw-ch06-creative-freedom")


def _ch06_expected(values: Mapping[str, Any], today: date) -> Any:
    from influence_workbook.checks.constraints import check_constraints

    answer: dict[str, Any] = {key: values.get(css, "") for key, css in CH06_FIELDS.items()}
    rounds = answer["approval_rounds"]
    answer["approval_rounds"] = (int(rounds) if rounds.isdigit() else rounds) if rounds else None
    return check_constraints(answer, today=today)


def _ch06_brief(script: str, rounds: str, **texts: str) -> tuple[Step, ...]:
    return (*(Fill(CH06_FIELDS[key], text) for key, text in texts.items()),
            Select("iw-ch06-script", script), Select("iw-ch06-approval-rounds", rounds))


CH06_GOOD_TEXTS = {
    "must_have": ("Le shampooing se recharge en magasin\nFabriqué à Lyon\n"
                  "Mention « Collaboration commerciale » en début de légende"),
    "forbidden_claims": ("Pas de promesse médicale : ne pas dire que le shampooing guérit les pellicules "
                         "ou soigne l'eczéma. Pas de comparaison avec une marque concurrente."),
    "draft_due": "26 février 2027",
    "publication_window": "du 15 au 31 mars 2027",
    "creative_freedom": "Le ton, l'angle, le décor, le montage et l'ordre des messages : c'est toi qui décides.",
}

CH06 = WorkshopSpec(
    id="ch06",
    notebook="notebooks/06_confiance_createurs.ipynb",
    root="iw-ch06-constraints",
    feedback="iw-ch06-feedback",
    status="iw-ch06-status",
    saved_status=re.compile(r"Enregistré le \d{2}/\d{2}/\d{4} à \d{2}:\d{2}"),
    progress_key=("ch06", "constraints"),
    expected=_ch06_expected,
    answers=(
        Answer("key-points-one-round", passes=True, steps=_ch06_brief("Points clés à couvrir", "1",
                                                                       **CH06_GOOD_TEXTS)),
        Answer("verbatim-four-rounds", passes=False, steps=_ch06_brief(
            "Script mot à mot", "4", **{**CH06_GOOD_TEXTS, "creative_freedom": "Rien, il suit le script."})),
        Answer("draft-after-publication", passes=False, steps=_ch06_brief(
            "Aucun script", "1", **{**CH06_GOOD_TEXTS, "draft_due": "10 avril 2027",
                                    "must_have": "Recharge\nLyon\nAvoine\nZéro déchet\nVegan\nBio\nPrix"})),
    ),
    modes=(Mode("brief", steps=(Select("iw-ch06-script", "Points clés à couvrir"),),
                text_fields=CH06_TEXT_FIELDS),),
)

# ------------------------------------------------------------- chapter 7: whom to renew

CH07_CREATOR = "iw-ch07-creator"


def _ch07_cards() -> list[dict[str, Any]]:
    from influence_workbook.widgets.partnerships import creator_cards

    return creator_cards(None)  # no chapter-2 shortlist saved: one creator per kind of series


def _ch07_label(card: Mapping[str, Any]) -> str:
    from influence_workbook.widgets.partnerships import PartnershipsWorkshop

    return PartnershipsWorkshop._label(card)


def _ch07_expected(values: Mapping[str, Any], today: date) -> Any:
    from influence_workbook.checks.partnerships import DEFAULT_OBJECTIVE, check_renewal
    from influence_workbook.widgets.partnerships import collaboration_rows

    card = next((c for c in _ch07_cards() if _ch07_label(c) == values.get(CH07_CREATOR)), None)
    if card is None:
        return ["Choisissez d'abord, dans la liste, le créateur dont vous décidez l'avenir."]
    decision = {"Renouveler": "renouveler", "Ajuster": "ajuster", "Arrêter": "arrêter"}.get(
        values.get("iw-ch07-decision", ""), "")
    rows = [row for row in collaboration_rows() if str(row["creator_id"]) == card["creator_id"]]
    answer = {"creator_id": card["creator_id"], "creator_name": card["display_name"], "decision": decision,
              "reason": values.get("iw-ch07-reason", ""), "source": "default"}
    return check_renewal(answer, rows, objective=DEFAULT_OBJECTIVE)  # no chapter-1 objective: Sève's


def _ch07_decide(decision: str, reason: str) -> tuple[Step, ...]:
    """The first creator of the default list (a fading series: 37,5 € then up to 218 € a sale)."""
    return (Select(CH07_CREATOR, _ch07_label(_ch07_cards()[0])), WaitFor("Coût par vente", "iw-ch07-chart"),
            Select("iw-ch07-decision", decision), Fill("iw-ch07-reason", reason))


CH07 = WorkshopSpec(
    id="ch07",
    notebook="notebooks/07_partenariats_long_terme.ipynb",
    root="iw-ch07-renewal",
    feedback="iw-ch07-feedback",
    status="iw-ch07-status",
    saved_status=re.compile(r"Enregistré le \d{2}/\d{2}/\d{4} à \d{2}:\d{2}"),
    progress_key=("ch07", "renewal"),
    expected=_ch07_expected,
    answers=(
        Answer("stop-on-the-trend", passes=True, steps=_ch07_decide(
            "Arrêter", "Arrêter : le coût par vente passe de 37,5 € à 218 € en sept collaborations, bien "
                       "au-dessus du seuil de 25,84 € : chaque vente fait perdre de l'argent.")),
        Answer("renew-on-the-first-result", passes=False, steps=_ch07_decide(
            "Renouveler", "Renouveler : 37,5 € par vente à la première collaboration, contrat écrit.")),
        Answer("adjust-without-figures", passes=False, steps=_ch07_decide(
            "Ajuster", "On ajuste le format, l'audience se lasse.")),
    ),
    modes=(Mode("reason", steps=(Select(CH07_CREATOR, _ch07_label(_ch07_cards()[0])),),
                text_fields=("iw-ch07-reason",)),),
)

# ------------------------------------------------------------- chapter 8: the KPI table of the launch

CH08_FIELDS = {"kpi": "iw-ch08-kpi", "cpa": "iw-ch08-cpa", "roas": "iw-ch08-roas", "roi": "iw-ch08-roi",
               "lift": "iw-ch08-lift", "emv": "iw-ch08-emv", "limits": "iw-ch08-limits",
               "verdict": "iw-ch08-verdict"}
CH08_TEXT_FIELDS = ("iw-ch08-cpa", "iw-ch08-roas", "iw-ch08-roi", "iw-ch08-lift", "iw-ch08-limits",
                    "iw-ch08-verdict")
CH08_GOOD = {
    "cpa": "18,11 €", "roas": "2,17", "roi": "+47 %", "lift": "22,6 %",
    "limits": "Le dernier clic oublie ceux qui ont vu la vidéo puis acheté plus tard, et les cookies refusés "
              "font perdre une partie des visites.",
    "verdict": "Objectif non atteint : 947 commandes sur 1 500 (63 %). La campagne reste rentable sur la marge "
               "(ROI de 47 %), et le test régional montre un effet propre d'environ 23 %.",
}


def _ch08_expected(values: Mapping[str, Any], today: date) -> Any:
    from influence_workbook.checks.results import check_results

    answer = {key: values.get(css, "") for key, css in CH08_FIELDS.items()}
    return check_results(answer)  # no chapter-1 objective saved: Sève's; Sève's money facts


def _ch08_reading(kpi: str, emv: str, **texts: str) -> tuple[Step, ...]:
    return (Select("iw-ch08-kpi", kpi), *(Fill(CH08_FIELDS[key], text) for key, text in texts.items()),
            Select("iw-ch08-emv", emv))


CH08 = WorkshopSpec(
    id="ch08",
    notebook="notebooks/08_evaluer_resultats.ipynb",
    root="iw-ch08-results",
    feedback="iw-ch08-feedback",
    status="iw-ch08-status",
    saved_status=re.compile(r"Enregistré le \d{2}/\d{2}/\d{4} à \d{2}:\d{2}"),
    progress_key=("ch08", "results"),
    expected=_ch08_expected,
    answers=(
        Answer("sales-on-margin", passes=True, steps=_ch08_reading(
            "Commandes attribuées (ventes)", "a le pire coût par commande", **CH08_GOOD)),
        Answer("roi-on-revenue-emv-praised", passes=False, steps=_ch08_reading(
            "EMV (valeur médiatique)", "a aussi le meilleur coût par commande",
            **{**CH08_GOOD, "roi": "116 %", "verdict": "Objectif atteint : 947 ventes et 116 % de ROI !"})),
        Answer("no-agency-no-limit", passes=False, steps=_ch08_reading(
            "Commandes attribuées (ventes)", "a le pire coût par commande",
            **{**CH08_GOOD, "cpa": "15,73 €", "roas": "2,49", "lift": "42,8 %",
               "limits": "Aucune limite : tout est suivi par les liens UTM."})),
    ),
    modes=(Mode("reading", steps=(Select("iw-ch08-kpi", "Commandes attribuées (ventes)"),),
                text_fields=CH08_TEXT_FIELDS),),
)

# ------------------------------------------------------------------ chapter 9: offers and budget

CH09_CSS = "iw-ch09"
#: Each creator's offer (the default set, no chapter-2 shortlist saved: C0046, C0128, C0301, C0252), field by field.
CH09_OFFERS: tuple[dict[str, Any], ...] = (
    {"deliverables": "1 Reel + 2 stories", "usage": "organique", "rights_duration": "3 mois",
     "territory": "France et Suisse", "exclusivity": "", "fee": "120", "currency": "EUR", "gift_value": "24",
     "contract": False},
    {"deliverables": "2 vidéos TikTok", "usage": "publicite", "rights_duration": "3 mois",
     "territory": "France et Suisse", "exclusivity": "shampooings solides, 3 mois", "fee": "1 000",
     "currency": "EUR", "gift_value": "48", "contract": True},
    {"deliverables": "1 vidéo", "usage": "marque", "rights_duration": "6 mois", "territory": "France",
     "exclusivity": "aucune", "fee": "100", "currency": "EUR", "gift_value": "24", "contract": False},
    {"deliverables": "1 vidéo TikTok", "usage": "organique", "rights_duration": "1 an", "territory": "Suisse",
     "exclusivity": "non", "fee": "160", "currency": "CHF", "gift_value": "0", "contract": False},
)
CH09_TEXT_FIELDS = {"deliverables": "deliverables", "rights_duration": "rights-duration", "territory": "territory",
                    "exclusivity": "exclusivity", "fee": "fee", "gift_value": "gift"}
CH09_CLAUSES = ("parties", "missions", "remuneration", "ip", "french_law", "rights", "payment")


def _ch09_menus() -> tuple[dict[str, str], dict[str, str]]:
    from influence_workbook.widgets.pay import CURRENCY_MENU, USAGE_MENU

    return dict((value, label) for label, value in USAGE_MENU), dict((v, label) for label, v in CURRENCY_MENU)


def _ch09_steps(offers: tuple[dict[str, Any], ...] = CH09_OFFERS, *, clauses: tuple[str, ...] = CH09_CLAUSES,
                payment: str = "30 jours", contingency: str = "1 500") -> tuple[Step, ...]:
    usage_labels, currency_labels = _ch09_menus()
    steps: list[Step] = []
    for index, offer in enumerate(offers):
        steps += [Fill(f"{CH09_CSS}-{css}-{index}", offer[key]) for key, css in CH09_TEXT_FIELDS.items() if offer[key]]
        steps.append(Select(f"{CH09_CSS}-usage-{index}", usage_labels[offer["usage"]]))
        steps.append(Select(f"{CH09_CSS}-currency-{index}", currency_labels[offer["currency"]]))
        if offer["contract"]:
            steps.append(Tick(f"{CH09_CSS}-contract-{index}"))
    steps += [Tick(f"{CH09_CSS}-clause-{clause}") for clause in clauses]
    steps += [Fill(f"{CH09_CSS}-payment", payment), Fill(f"{CH09_CSS}-contingency", contingency)]
    return tuple(steps)


def _ch09_expected(values: Mapping[str, Any], today: date) -> Any:
    from influence_workbook.campaign import CAMPAIGN
    from influence_workbook.checks.pay import check_offers
    from influence_workbook.widgets.pay import DEFAULT_IDS, offer_profiles

    usage_labels, currency_labels = _ch09_menus()
    usage_of = {label: value for value, label in usage_labels.items()}
    currency_of = {label: value for value, label in currency_labels.items()}
    profiles = offer_profiles(DEFAULT_IDS, CAMPAIGN)  # no chapter-2 shortlist saved: the default set
    offers = []
    for index, profile in enumerate(profiles):
        offer = {"creator_id": profile["creator_id"], "creator_name": profile["display_name"],
                 "handle": profile["handle"], "platform": profile["platform"], "country": profile["creator_country"]}
        offer.update({key: values.get(f"{CH09_CSS}-{css}-{index}", "") for key, css in CH09_TEXT_FIELDS.items()})
        offer["usage"] = usage_of.get(values.get(f"{CH09_CSS}-usage-{index}", ""), "")
        offer["currency"] = currency_of.get(values.get(f"{CH09_CSS}-currency-{index}", ""), "EUR")
        offer["contract"] = bool(values.get(f"{CH09_CSS}-contract-{index}", False))
        offers.append(offer)
    answer = {"offers": offers, "clauses": [c for c in CH09_CLAUSES if values.get(f"{CH09_CSS}-clause-{c}")],
              "payment_days": values.get(f"{CH09_CSS}-payment", ""),
              "contingency": values.get(f"{CH09_CSS}-contingency", ""), "source": "default"}
    return check_offers(answer, profiles, campaign=CAMPAIGN)


CH09 = WorkshopSpec(
    id="ch09",
    notebook="notebooks/09_remuneration.ipynb",
    root="iw-ch09-offers",
    feedback="iw-ch09-feedback",
    status="iw-ch09-status",
    saved_status=re.compile(r"Enregistré le \d{2}/\d{2}/\d{4} à \d{2}:\d{2}"),
    progress_key=("ch09", "offers"),
    expected=_ch09_expected,
    answers=(
        # In the course-mode walk (chapter 2's shortlist C0046, C0128, C0301 saved), the fourth offer's fields are
        # not on the page and its steps are skipped: the three first offers pass alone.
        Answer("four-fair-offers", passes=True, steps=_ch09_steps()),
        Answer("swiss-creator-in-euros", passes=False, steps=_ch09_steps(
            (*CH09_OFFERS[:3], {**CH09_OFFERS[3], "currency": "EUR", "fee": "170"}))),
        Answer("gift-only-no-contract-no-contingency", passes=False, steps=_ch09_steps(
            (CH09_OFFERS[0], {**CH09_OFFERS[1], "fee": "0", "gift_value": "48", "contract": False}, *CH09_OFFERS[2:]),
            clauses=(), contingency="")),
    ),
    modes=(Mode("offers", steps=(), text_fields=(
        *(f"{CH09_CSS}-{css}-{index}" for index in range(4) for css in CH09_TEXT_FIELDS.values()),
        f"{CH09_CSS}-payment", f"{CH09_CSS}-contingency")),),
)

# ------------------------------------------------------------------ chapter 10: the brief, checked and exported

CH10_CSS = "iw-ch10"
CH10_GOOD: dict[str, str] = {
    "contacts": "Julie Martin, cheffe de projet influence chez Sève : julie.martin@seve.fr, 06 12 34 56 78.",
    "brand": "Sève est née à Lyon en 2021 : des cosmétiques solides et rechargeables, fabriqués dans notre "
             "atelier. Ton : complice et sans jargon, on te tutoie.",
    "product": "Rituel Avoine : shampooing solide à l'avoine pour cheveux sensibles, 24 €. Un pain dure 60 lavages "
               "(test interne sur 30 volontaires, 2026).",
    "objective": "Conversion : 1 500 ventes de Rituel Avoine d'ici fin juin 2027 auprès des 18-34 ans.",
    "reporting": "Lien UTM et code promo dédié. Envoie les captures de tes statistiques (portée, vues, clics) "
                 "à J+7 et à J+30.",
    "audience": "18-34 ans, en France et en Suisse romande, sensibles au zéro déchet.",
    "concept": "Ta routine du dimanche : le pain remplace ton flacon.\nLe ton, le décor et le montage : c'est toi "
               "qui décides.",
    "messages": "Le shampooing se recharge en magasin\nFabriqué à Lyon",
    "cta": "Identifie @seve et #RituelAvoine, lien en bio vers seve.fr/rituel, découvre le coffret.",
    "deliverables": "1 Reel de 30 à 45 s, sous-titré, qui reste en ligne au moins 6 mois\n3 stories avec sticker "
                    "lien",
    "timeline": "Premier jet le 26 février 2027 ; un tour de retours sous 48 h ; publication du 15 au 31 mars 2027 ; "
                "paiement à 30 jours après la facture.",
    "disclosure": "« Collaboration commerciale avec @seve » en tête de légende, « Publicité » à l'image dès les "
                  "premières secondes.",
    "forbidden": "Aucune promesse médicale (« soigne », « guérit »). Pas d'allégation environnementale vague "
                 "(« écologique »). Musique : sons de la bibliothèque commerciale uniquement.",
    "rights": "Droits d'utilisation : Sève peut reposter le Reel pendant 6 mois, en France et en Suisse.\n"
              "Exclusivité : pas d'autre marque de soins capillaires pendant 2 mois.\nPas de sponsorisation.",
    "pay": "Cachet de 800 € HT et coffret offert d'une valeur de 60 € HT, selon le contrat signé.",
    "approvals": "Julie Martin valide le premier jet. En cas de crise : Marc Duval, 06 98 76 54 32.",
}
CH10_TEXT_FIELDS = tuple(f"{CH10_CSS}-{key}" for key in CH10_GOOD)


def _ch10_expected(values: Mapping[str, Any], today: date) -> Any:
    from influence_workbook.checks.brief import PART_KEYS, check_brief

    return check_brief({key: values.get(f"{CH10_CSS}-{key}", "") for key in PART_KEYS}, today=today)


@dataclass(frozen=True)
class ExportFiles:
    """Click « Exporter », then download each file the page offers and look inside it (a Word file is a
    zip, a PDF starts with %PDF, the Markdown is the brief). Not part of the saved answer."""

    button: str = "Exporter"
    links: str = f"{CH10_CSS}-download"
    #: (file name suffix, the bytes it must start with)
    files: tuple[tuple[str, bytes], ...] = ((".docx", b"PK"), (".md", b"# Brief"), (".pdf", b"%PDF"))
    kept: bool = False

    @property
    def widget(self) -> str:
        return self.links

    @property
    def value(self) -> None:
        return None

    def apply(self, workshop: Workshop) -> None:
        workshop.click(self.button)
        self.expect_files(workshop)

    def expect_files(self, workshop: Workshop) -> None:
        """The files offered after a click on « Exporter »: each downloaded and looked into."""
        links = workshop.root.locator(f"a.{self.links}")
        expect(links).to_have_count(len(self.files), timeout=workshop.timeout_ms)
        for index, (suffix, start) in enumerate(self.files):
            with workshop.page.expect_download(timeout=workshop.timeout_ms) as info:
                links.nth(index).click()
            download = info.value
            assert download.suggested_filename.endswith(suffix), download.suggested_filename
            data = Path(download.path()).read_bytes()
            assert data.startswith(start), f"{download.suggested_filename} starts with {data[:8]!r}"

    def expect_shown(self, workshop: Workshop, timeout_ms: int) -> None:
        expect(workshop.root.locator(f"a.{self.links}")).to_have_count(len(self.files), timeout=timeout_ms)


def without_exports(steps: Iterable[Step]) -> tuple[Step, ...]:
    """``steps`` without their « Exporter » step: what a test or a benchmark that is not about the files enters."""
    return tuple(step for step in steps if not isinstance(step, ExportFiles))


def _ch10_brief(**changes: str) -> tuple[Step, ...]:
    """Every part filled (the earlier chapters' pre-filled text is replaced), with ``changes``."""
    return tuple(Fill(f"{CH10_CSS}-{key}", text) for key, text in {**CH10_GOOD, **changes}.items())


CH10 = WorkshopSpec(
    id="ch10",
    notebook="notebooks/10_brief_clair.ipynb",
    root="iw-ch10-brief",
    feedback="iw-ch10-feedback",
    status="iw-ch10-status",
    saved_status=re.compile(r"Enregistré le \d{2}/\d{2}/\d{4} à \d{2}:\d{2}"),
    progress_key=("ch10", "brief"),
    expected=_ch10_expected,
    answers=(
        Answer("complete-brief-exported", passes=True, steps=(*_ch10_brief(), ExportFiles())),
        Answer("draft-three-days-before", passes=False, steps=_ch10_brief(
            timeline="Premier jet le 12 mars 2027 ; un tour de retours ; publication du 15 au 31 mars 2027 ; "
                     "paiement à 30 jours.")),
        Answer("hashtag-ad-at-the-end", passes=False, steps=_ch10_brief(disclosure="Mets #ad à la fin de ta légende.")),
    ),
    modes=(Mode("brief", steps=(), text_fields=CH10_TEXT_FIELDS),),
)

# A new chapter adds its spec above and lists it here.
WORKSHOPS: tuple[WorkshopSpec, ...] = (CH01, CH02, CH03, CH04, CH05_CLASSIFICATION, CH05_CAPTION, CH06, CH07,
                                       CH08, CH09, CH10)


# ----------------------------------------------------------- harness fixture: the bare form


def _bare_expected(values: Mapping[str, Any], today: date) -> list[str]:
    # The same trivial computation as tests/browser/fixtures/bare_form.ipynb, as the reader sees it.
    text = values.get("iw-bare-text", "")
    return [f"{len(text.split())} mot(s) : « {text} »"]


BARE_FORM = WorkshopSpec(
    id="bare",
    notebook="_harness/bare_form.ipynb",
    root="iw-bare-form",
    feedback="iw-bare-feedback",
    expected=_bare_expected,
    answers=(Answer("three-words", passes=None, steps=(Fill("iw-bare-text", "un deux trois"),)),),
    modes=(Mode("only", steps=(), text_fields=("iw-bare-text",)),),
)
