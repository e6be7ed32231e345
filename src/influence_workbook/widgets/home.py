"""The live home page: the learner's own campaign, and where they stand in each chapter.

:class:`HomePage` shows a small form to describe one's own campaign (brand, product, launch,
creators' budget and currency, markets, audience, price, gross margin). « Vérifier et utiliser
cette campagne » checks it with :func:`~influence_workbook.campaign.check_campaign_answer` (the
verdict is shown like every workshop's, escaped) and, when it passes, makes it the campaign of
every workshop; « Revenir à Sève » goes back to the course's campaign.

« Mon parcours » (:meth:`HomePage.progress`) shows, for the active campaign (see
:mod:`influence_workbook.widgets.campaign`), every chapter's workshop steps and quiz with their dates,
what is left, a « Continuer » link to the next unfinished step and the estimated active time, all read
by :mod:`influence_workbook.course_progress`. :meth:`HomePage.certificate` is the certificate of
completion (:mod:`influence_workbook.certificate`): a name field and « Obtenir mon attestation ».

Both are shown by widgets whose stored outputs stay clean: what ``make notebooks`` and the book
build store (with a throw-away progress folder) names no path, and where a widget cannot be shown
(no kernel, a notebook not trusted) the page shows a French line, not a ``HTML(value=…)`` repr.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

import ipywidgets as widgets

from influence_workbook.campaign import (
    CURRENCY_SYMBOLS,
    MARKET_NAMES,
    Campaign,
    campaign_from_answer,
    check_campaign_answer,
)
from influence_workbook.certificate import SECTION as CERTIFICATE_SECTION
from influence_workbook.certificate import (
    VERIFY_COMMAND,
    Certificate,
    CertificateRefused,
    issue_certificate,
    refusal_for,
)
from influence_workbook.chapters import CHAPTERS
from influence_workbook.course_progress import (
    TIME_ESTIMATE_EXPLAINED,
    ChapterProgress,
    CourseProgress,
    StepProgress,
    StepState,
    course_progress,
    format_duration,
    format_saved_on,
)
from influence_workbook.feedback import Feedback, escape
from influence_workbook.progress import ProgressStore, os_error_in_french
from influence_workbook.text import format_date
from influence_workbook.typography import fix
from influence_workbook.widgets.campaign import (
    FORM_STEP,
    HOME_CHAPTER,
    active_campaign,
    campaign_id,
    campaign_store,
    choose_campaign,
    market_names,
)
from influence_workbook.widgets.common import (
    BUTTON_STYLE,
    FIELD_STYLE,
    SAVE_PROBLEM,
    CheckedStep,
    data_uri,
    file_size,
    text_field,
    wide_layout,
)
from influence_workbook.widgets.render import FEEDBACK_STYLE, notice_html, text_html

LOGGER = logging.getLogger("influence_workbook.widgets")

PREFIX = "iw-home"
USE_LABEL = "Vérifier et utiliser cette campagne"
BACK_LABEL = "Revenir à Sève"
CURRENCY_CHOICES: tuple[tuple[str, str], ...] = tuple(
    (f"{code} ({symbol})" if symbol != code else code, code) for code, symbol in CURRENCY_SYMBOLS.items()
)
TEXT_FIELDS: tuple[tuple[str, str, str], ...] = (  # answer key, label, placeholder
    ("brand", "Marque :", "ex. Vélo Léman"),
    ("product", "Produit :", "ex. vélo cargo électrique monté à Lausanne"),
    ("campaign", "Nom de la campagne :", "ex. Printemps cargo"),
    ("creator_budget", "Budget créateurs :", "ex. 8 000"),
    ("audience", "Public cible :", "ex. familles de 30-45 ans à Lausanne qui se déplacent à vélo"),
    ("product_price", "Prix de vente :", "ex. 4 900"),
    ("gross_margin_rate", "Marge brute (en %) :", "ex. 35"),
)
NOT_USABLE = fix("Cette description n'est pas encore utilisable : complétez ce qui est à revoir. Les "
                 "chapitres continuent d'utiliser la campagne {active}.")
SWITCHED = fix("Les ateliers des chapitres utilisent maintenant la campagne {active}. Ouvrez un chapitre (ou "
               "ré-exécutez-le s'il est déjà ouvert) : il part de vos réponses pour cette campagne, vides au "
               "début. Vos réponses sur Sève restent enregistrées : « Revenir à Sève » les reprend.")
SWITCHED_BACK = fix("Les ateliers des chapitres utilisent de nouveau la campagne du cours, {active}, avec vos "
                    "réponses sur Sève. Ré-exécutez les chapitres déjà ouverts. {kept}")
UPDATED = fix("La description de votre campagne {active} est à jour. Ré-exécutez les chapitres déjà ouverts "
              "pour qu'ils en tiennent compte : vos réponses pour cette campagne sont gardées.")
KEPT_OWN = fix("Vos réponses sur « {name} » restent enregistrées : « Vérifier et utiliser cette campagne » "
               "les reprend.")


def field_class(key: str) -> str:
    """The class of the form's text field for ``key`` (« campaign » is the name, not the whole form)."""
    return f"{PREFIX}-{'campaign-name' if key == 'campaign' else key.replace('_', '-')}"


def campaign_title(campaign: Campaign) -> str:
    """« « Rituel Avoine » de Sève »."""
    return f"«\u00a0{campaign.name}\u00a0» de {campaign.brand.name}"


def chapter_states(store: ProgressStore) -> list[tuple[int, str, str]]:
    """(number, title, French state of the workshop) for each chapter, from the active campaign's saves."""
    store = campaign_store(store)
    saved = {(step.chapter, step.step): step for step in store.steps()}
    rows = []
    for chapter in CHAPTERS:
        if not chapter.available:
            state = "En préparation"
        else:
            done = [saved.get((chapter.key, step)) for step in chapter.steps]
            if all(step is not None and step.passed for step in done):
                state = "Réussi"
            elif any(step is not None for step in done):
                state = "En cours"
            else:
                state = "À faire"
        rows.append((chapter.number, chapter.title, state))
    return rows


# --------------------------------------------------------------------------- « Mon parcours »

PARCOURS_CLASS = "iw-parcours"
CONTINUE_CLASS = "iw-continue"
PARCOURS_FALLBACK = fix("Mon parcours : le tableau de vos ateliers et de vos quiz s'affiche ici quand la page est "
                        "ouverte dans le cours en direct.")
CERTIFICATE_FALLBACK = fix("Attestation de suivi : le formulaire s'affiche ici quand la page est ouverte dans le "
                           "cours en direct.")
CAMPAIGN_FALLBACK = fix("Votre propre campagne : le formulaire s'affiche ici quand la page est ouverte dans le cours "
                        "en direct.")
CERTIFICATE_LABEL = "Obtenir mon attestation"
ALL_DONE = fix("Bravo : tous les chapitres disponibles sont terminés. Vous pouvez obtenir votre attestation de "
               "suivi ci-dessous.")
STATE_WORDS = {"complete": "Terminé", "started": "En cours", "todo": "À faire", "preparation": "En préparation"}
# Contrast checked for WCAG AA (4.5:1) on white; the state is said in words, colour only repeats it.
PARCOURS_RULES = (
    ".iw-parcours{border-collapse:collapse;margin:.4rem 0;max-width:60rem}"
    ".iw-parcours caption{text-align:left;font-weight:700;padding:.2rem 0}"
    ".iw-parcours th,.iw-parcours td{border:1px solid #cbd5e1;padding:.3rem .5rem;text-align:left;vertical-align:top}"
    ".iw-parcours thead th{background:#f1f5f9}"
    ".iw-parcours tr[data-state=complete] td:last-child{color:#166534;font-weight:700}"
    ".iw-parcours tr[data-state=preparation]{color:#4b5563}"
    ".iw-continue{font-weight:700}"
    ".iw-parcours-time{color:#374151;font-size:.92em;max-width:52rem}"
)


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _on(saved_at: str, prefix: str = " le ") -> str:
    day = format_saved_on(saved_at)
    return f"{prefix}{day}" if day else ""


def _step_text(step: StepProgress, several: bool) -> str:
    if step.state is StepState.PASSED:
        text = f"réussi{_on(step.saved_at)}"
    elif step.state is StepState.TRIED:
        text = f"à revoir (essayé{_on(step.saved_at)})"
    else:
        text = "pas commencé"
    if several:
        return f"{step.label[0].upper()}{step.label[1:]} : {text}"
    return text[0].upper() + text[1:]


def _quiz_text(progress: ChapterProgress) -> str:
    quiz = progress.quiz
    if quiz is None:
        return "Pas commencé"
    if quiz.passed:
        return f"Réussi : {quiz.correct}/{quiz.total} ({quiz.percent} %){_on(quiz.saved_at, ', le ')}"
    if quiz.answered < quiz.total:
        answered = "aucune question répondue" if not quiz.answered else _plural(
            quiz.answered, "question répondue", "questions répondues")
        return f"En cours : {answered} sur {quiz.total}{_on(quiz.saved_at, ' (dernière réponse le ')}" + (
            ")" if format_saved_on(quiz.saved_at) else "")
    return f"Non réussi : {quiz.correct}/{quiz.total} ({quiz.percent} %){_on(quiz.saved_at, ', le ')} ; à refaire"


def _parcours_row(progress: ChapterProgress) -> str:
    chapter = progress.chapter
    if progress.available:
        name = f'<a href="{escape(chapter.slug)}.ipynb">{escape(chapter.title)}</a>'
        several = len(progress.steps) > 1
        workshop = "<br>".join(escape(fix(_step_text(step, several))) for step in progress.steps)
        quiz = escape(fix(_quiz_text(progress)))
    else:
        name = escape(chapter.title)
        workshop = quiz = "—"
    state = progress.state
    return (f'<tr class="iw-parcours-{escape(chapter.key)}" data-state="{state}">'
            f'<td>{chapter.number}</td><th scope="row">{name}</th><td>{workshop}</td><td>{quiz}</td>'
            f"<td>{escape(STATE_WORDS[state])}</td></tr>")


def parcours_html(course: CourseProgress, notices: list[str] | tuple[str, ...] = ()) -> str:
    """« Mon parcours »: the table of every chapter, what is left, « Continuer : … », the active time.

    Names no file path: the book and ``make notebooks`` store this with a throw-away progress folder.
    """
    rows = "".join(_parcours_row(progress) for progress in course.chapters)
    parts = [f"<style>{PARCOURS_RULES}</style>", *(notice_html(message) for message in notices)]
    parts.append(
        f'<table class="{PARCOURS_CLASS}"><caption>Mon parcours sur la campagne '
        f"{escape(campaign_title(course.campaign))}</caption>"
        '<thead><tr><th scope="col">N°</th><th scope="col">Chapitre</th><th scope="col">Atelier</th>'
        '<th scope="col">Quiz</th><th scope="col">État</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )
    done = sum(progress.complete for progress in course.available)
    total = len(course.available)
    preparing = len(course.chapters) - total
    summary = f"Chapitres terminés : {done} sur {total} disponibles"
    summary += f" ({_plural(preparing, 'autre chapitre', 'autres chapitres')} en préparation)." if preparing else "."
    parts.append(f'<p class="iw-parcours-summary">{escape(fix(summary))}</p>')
    next_step = course.next
    if next_step is not None:
        left = course.left()
        parts.append('<p class="iw-parcours-left-title"><strong>Ce qui reste :</strong></p>'
                     '<ul class="iw-parcours-left">' + "".join(f"<li>{escape(line)}</li>" for line in left) + "</ul>")
        parts.append(f'<p>Continuer : <a class="{CONTINUE_CLASS}" href="{escape(next_step.target)}">'
                     f"{escape(next_step.label)}</a></p>")
    elif total:
        parts.append(f'<p class="iw-parcours-done"><strong>{escape(ALL_DONE)}</strong></p>')
    if course.active_seconds >= 60:
        time = f"Temps actif estimé : au moins {format_duration(course.active_seconds)}."
    elif course.active_seconds > 0 or done or any(p.state != "todo" for p in course.available):
        time = "Temps actif estimé : moins d'une minute pour l'instant."
    else:
        time = "Temps actif estimé : rien d'enregistré pour l'instant."
    parts.append(f'<p class="iw-parcours-time"><strong>{escape(fix(time))}</strong> '
                 f"{escape(TIME_ESTIMATE_EXPLAINED)}</p>")
    return fix("".join(parts))


def progress_html(store: ProgressStore) -> str:
    """« Mon parcours » of the active campaign, with the notices met while reading the file."""
    course = course_progress(store)
    return parcours_html(course, store.notices)


class _LiveWidget:
    """Where the widget cannot be shown (no widget manager, a notebook not trusted, a viewer), the page
    shows ``plain_text`` and ``static_html``: a French line, never the widget's Python repr, which for an
    HTML widget is its value (the issue saw a ``HTML(value="<table…`` naming a temporary folder)."""

    plain_text: str = ""

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        bundle = super()._repr_mimebundle_(**kwargs)  # type: ignore[misc]
        if isinstance(bundle, dict):
            bundle["text/plain"] = self.plain_text
            bundle["text/html"] = text_html(self.plain_text, "iw-live-only")
        return bundle


class ParcoursView(_LiveWidget, widgets.HTML):  # type: ignore[misc]  # ipywidgets has no type hints
    plain_text = PARCOURS_FALLBACK


class CertificateBox(_LiveWidget, widgets.VBox):  # type: ignore[misc]
    plain_text = CERTIFICATE_FALLBACK


class CampaignFormBox(_LiveWidget, widgets.VBox):  # type: ignore[misc]
    plain_text = CAMPAIGN_FALLBACK


def progress_overview(store: ProgressStore | None = None) -> widgets.HTML:
    store = store if store is not None else ProgressStore()
    overview = ParcoursView(progress_html(store))
    overview.add_class("iw-home-progress")
    return overview


# --------------------------------------------------------------------------- the certificate


def certificate_html(certificate: Certificate, progress_file: str) -> str:
    """The issued certificate: its code, the download link (a data: URI, offline) and where it is kept."""
    parts = [
        '<div class="iw-certificate-issued" role="status" aria-live="polite">',
        "<p><strong>Votre attestation de suivi est prête.</strong> Code de vérification : "
        f'<strong class="iw-certificate-code">{escape(certificate.code)}</strong></p>',
        f'<p><a class="iw-certificate-download" download="{escape(certificate.file_name)}" '
        f'href="{data_uri(certificate.pdf, "application/pdf")}">Télécharger l’attestation (PDF, '
        f"{file_size(len(certificate.pdf))})</a></p>",
    ]
    if certificate.notice:
        parts.append(notice_html(certificate.notice))
    elif certificate.path is not None:
        parts.append(f"<p>Elle est aussi enregistrée dans « {escape(certificate.path)} ».</p>")
    parts.append(
        "<p>Pour la faire vérifier, transmettez le PDF et votre fichier de progression "
        f"« {escape(progress_file)} » : dans le dossier du cours, la commande "
        f"<code>{escape(VERIFY_COMMAND)} progression.json {escape(certificate.code)}</code> confirme que "
        "l’attestation correspond à ce fichier.</p></div>"
    )
    return fix("".join(parts))


def refusal_html(refused: CertificateRefused) -> str:
    items = "".join(f"<li>{escape(line)}</li>" for line in refused.left)
    listed = f'<ul class="iw-certificate-left">{items}</ul>' if items else ""
    return (f'{FEEDBACK_STYLE}<div class="iw-notice" role="alert"><p>{escape(refused.message)}</p>'
            f"{listed}</div>")


class HomePage:
    """The home page's live parts: :meth:`campaign_form`, then :meth:`progress` (two cells)."""

    def __init__(self, store: ProgressStore | None = None) -> None:
        self.store = store if store is not None else ProgressStore()
        self.fields: dict[str, widgets.Text] = {
            key: text_field(field_class(key), label, placeholder) for key, label, placeholder in TEXT_FIELDS
        }
        self.launch = widgets.DatePicker(description="Lancement :", style=FIELD_STYLE, layout=wide_layout())
        self.launch.add_class(f"{PREFIX}-launch")
        self.currency = widgets.Dropdown(description="Devise :", options=list(CURRENCY_CHOICES), value="EUR",
                                         style=FIELD_STYLE, layout=wide_layout())
        self.currency.add_class(f"{PREFIX}-currency")
        # One checkbox per market: a multiple choice list needs Ctrl-click, which few learners know.
        self.markets: dict[str, widgets.Checkbox] = {}
        for code, name in MARKET_NAMES.items():
            box = widgets.Checkbox(description=name, value=False, indent=False, layout=widgets.Layout(width="auto"))
            box.add_class(f"{PREFIX}-market-{code.lower()}")
            self.markets[code] = box
        self.active = widgets.HTML()
        self.active.add_class(f"{PREFIX}-active")
        self.choice_status = widgets.HTML()
        self.choice_status.add_class(f"{PREFIX}-choice")
        self.back = widgets.Button(description=BACK_LABEL, layout=widgets.Layout(width="auto"),
                                   tooltip="Les chapitres reprennent la campagne du cours et vos réponses sur Sève")
        self.back.add_class(f"{PREFIX}-back")
        self.step = CheckedStep(chapter=HOME_CHAPTER, step=FORM_STEP, css_prefix=PREFIX, collect=self.collect,
                                restore=self.restore, check=check_campaign_answer, store=self.store,
                                button_label=USE_LABEL)
        self.step.button.layout.width = "auto"  # the default width cuts the label
        self.step.button.tooltip = "Vérifier la description et, si elle est complète, l'utiliser dans les chapitres"
        # After CheckedStep's own handler: the verdict is shown first, then the campaign is used.
        self.step.button.on_click(lambda _button: self.use_checked_campaign())
        self.back.on_click(lambda _button: self.use_default_campaign())
        self.step.watch(*self.fields.values(), self.launch, self.currency, *self.markets.values())
        self.overview = ParcoursView()
        self.overview.add_class("iw-home-progress")
        self.certificate_intro = widgets.HTML()
        self.certificate_intro.add_class("iw-certificate-intro")
        self.certificate_name = text_field("iw-certificate-name", "Votre nom :", "ex. Camille Martin")
        self.certificate_button = widgets.Button(description=CERTIFICATE_LABEL, style=BUTTON_STYLE,
                                                 layout=widgets.Layout(width="auto"),
                                                 tooltip="Créer le PDF de votre attestation de suivi")
        self.certificate_button.add_class("iw-certificate-button")
        self.certificate_button.on_click(lambda _button: self.issue_certificate())
        self.certificate_status = widgets.HTML()
        self.certificate_status.add_class("iw-certificate-status")
        self.campaign = active_campaign(self.store)
        self._show_active()
        self.refresh_progress()

    # ------------------------------------------------------------------ answer

    def collect(self) -> dict[str, Any]:
        answer: dict[str, Any] = {key: field.value for key, field in self.fields.items()}
        launch = self.launch.value
        answer["launch"] = launch.isoformat() if isinstance(launch, date) else ""
        answer["currency"] = self.currency.value
        answer["markets"] = [code for code, box in self.markets.items() if box.value]
        return answer

    def restore(self, answer: Any) -> None:
        if not isinstance(answer, dict):
            return
        for key, field in self.fields.items():
            value = answer.get(key)
            field.value = "" if value is None or isinstance(value, bool) else str(value)
        try:
            self.launch.value = date.fromisoformat(str(answer.get("launch") or "")[:10])
        except ValueError:
            self.launch.value = None
        if answer.get("currency") in CURRENCY_SYMBOLS:
            self.currency.value = answer["currency"]
        chosen = answer.get("markets")
        chosen = chosen if isinstance(chosen, list) else []
        for code, box in self.markets.items():
            box.value = code in chosen

    # ------------------------------------------------------------------ choosing the campaign

    def use_checked_campaign(self) -> None:
        """After « Vérifier et utiliser cette campagne »: use the campaign if its description passed."""
        try:
            answer = self.collect()
            feedback: Feedback = self.step.verdict(answer)  # the verdict just shown, not checked again
        except Exception:  # CheckedStep has already told the learner
            LOGGER.exception("could not read the home page's campaign")
            return
        campaign = campaign_from_answer(answer) if feedback.passed else None
        if campaign is None:
            self.choice_status.value = text_html(NOT_USABLE.format(active=campaign_title(self.campaign)))
            return
        same = not self.campaign.is_default and campaign_id(self.campaign) == campaign_id(campaign)
        if self._choose(answer):
            message = UPDATED if same else SWITCHED
            self.choice_status.value = text_html(message.format(active=campaign_title(self.campaign)))

    def use_default_campaign(self) -> None:
        """« Revenir à Sève »: the chapters use the course's campaign and its answers again."""
        previous = self.campaign
        if self._choose(None):
            kept = KEPT_OWN.format(name=previous.name) if not previous.is_default else ""
            self.choice_status.value = text_html(
                SWITCHED_BACK.format(active=campaign_title(self.campaign), kept=kept).strip())

    def _choose(self, answer: dict[str, Any] | None) -> bool:
        try:
            self.campaign = choose_campaign(self.store, answer)
        except OSError as error:  # the store's own notice when it refused to write over an unreadable file
            notice = getattr(error, "notice", None) or SAVE_PROBLEM.format(reason=os_error_in_french(error))
            self.choice_status.value = notice_html(str(notice))
            return False
        except Exception:
            LOGGER.exception("could not save the active campaign")
            self.choice_status.value = notice_html(SAVE_PROBLEM.format(reason="erreur inattendue"))
            return False
        self._show_active()
        self.refresh_progress()
        return True

    # ------------------------------------------------------------------ display

    def _show_active(self) -> None:
        campaign = self.campaign
        if campaign.is_default:
            text = (f"<p><strong>Campagne utilisée dans les ateliers :</strong> {escape(campaign_title(campaign))}, "
                    "la campagne fil rouge du cours.</p>")
        else:
            text = (f"<p><strong>Campagne utilisée dans les ateliers :</strong> votre campagne "
                    f"{escape(campaign_title(campaign))} ({escape(campaign.product)}) : budget créateurs "
                    f"{escape(campaign.money(campaign.creator_budget))}, marchés : "
                    f"{escape(market_names(campaign))}, lancement le {escape(format_date(campaign.launch))}.</p>")
        self.active.value = fix(text)

    def refresh_progress(self) -> None:
        try:
            course = course_progress(self.store)
            self.overview.value = parcours_html(course, self.store.notices)
        except Exception:  # the table is a summary: it must not break the page
            LOGGER.exception("could not show the progress table")
            self.overview.value = notice_html("Le tableau de progression n'a pas pu être affiché.")
            self.certificate_intro.value = ""
            return
        self.certificate_intro.value = self._certificate_intro(course)

    def _certificate_intro(self, course: CourseProgress) -> str:
        if refusal_for(course) is None:
            text = ("Tous les chapitres disponibles sont terminés : saisissez votre nom tel qu'il doit figurer sur "
                    f"l'attestation, puis cliquez sur « {CERTIFICATE_LABEL} ».")
        else:
            text = ("L'attestation de suivi est délivrée quand les ateliers et le quiz de chaque chapitre "
                    f"disponible sont réussis. « {CERTIFICATE_LABEL} » dit ce qu'il vous reste à faire.")
        issued = [record for record in self.store.records(CERTIFICATE_SECTION)
                  if isinstance(record.get("facts"), dict) and isinstance(record.get("code"), str)]
        if issued:
            last = issued[-1]
            facts = last["facts"]
            day = format_saved_on(str(last.get("issued_at", "")))
            text += (f" Vous avez déjà obtenu une attestation{f' le {day}' if day else ''}, au nom de "
                     f"« {facts.get('name', '')} » (code {last['code']}). Le bouton en refait une, avec un nouveau "
                     "code si le nom ou vos résultats ont changé depuis ; les précédentes restent vérifiables tant "
                     "que votre travail sur ces chapitres ne change pas.")
        return text_html(fix(text), "iw-certificate-intro-text")

    def issue_certificate(self) -> Certificate | None:
        """« Obtenir mon attestation »: issue it (PDF offered for download), or say in French what is left."""
        self.certificate_button.disabled = True
        try:
            certificate = issue_certificate(self.store, self.certificate_name.value)
        except CertificateRefused as refused:
            self.certificate_status.value = refusal_html(refused)
            return None
        except Exception:
            LOGGER.exception("could not issue the certificate")
            self.certificate_status.value = notice_html(
                "L'attestation n'a pas pu être créée à cause d'un problème inattendu. Réessayez ; si le problème "
                "persiste, signalez-le à votre formateur ou formatrice.")
            return None
        finally:
            self.certificate_button.disabled = False
        self.certificate_status.value = certificate_html(certificate, str(self.store.path))
        self.refresh_progress()
        return certificate

    def campaign_form(self) -> widgets.VBox:
        """The form, its two buttons and the verdict (the home page's first live cell)."""
        # Aligned with the fields' descriptions (12rem, text on the right).
        label = widgets.HTML('<div style="text-align:right;line-height:28px;padding-right:8px">Marchés\u00a0:</div>',
                             layout=widgets.Layout(width="12rem", min_width="12rem"))
        markets = widgets.HBox([label, *self.markets.values()], layout=widgets.Layout(flex_flow="row wrap"))
        markets.add_class(f"{PREFIX}-markets")
        f = self.fields
        children = [self.active, f["brand"], f["product"], f["campaign"], self.launch, f["creator_budget"],
                    self.currency, markets, f["audience"], f["product_price"], f["gross_margin_rate"],
                    *self.step.widgets()[:2], widgets.HBox([self.step.button, self.back]),
                    *self.step.widgets()[3:], self.choice_status]
        box = CampaignFormBox(children)  # what workshop_box makes, with a clean fallback
        box.add_class("iw-workshop")
        box.add_class(f"{PREFIX}-campaign")
        return box

    def widget(self) -> widgets.VBox:
        """The form, as every workshop names what it displays."""
        return self.campaign_form()

    def progress(self) -> widgets.HTML:
        """« Mon parcours » of the active campaign (the home page's second live cell)."""
        return self.overview

    def certificate(self) -> widgets.VBox:
        """The certificate of completion: the name, « Obtenir mon attestation », its result (third live cell)."""
        box = CertificateBox([self.certificate_intro, self.certificate_name, self.certificate_button,
                              self.certificate_status])
        box.add_class("iw-workshop")
        box.add_class("iw-certificate")
        return box

