"""Chapter 10 workshop: the brief of the active campaign, assembled from chapters 1 to 9, checked, exported.

The brief is pre-filled from what the learner saved in the earlier chapters, for the active campaign
(:func:`~influence_workbook.widgets.campaign.campaign_store`): the objective (chapter 1), the shortlist
(2), the concept canvas (3), the creator written to (4), the caption (5), the brief's constraints (6),
the renewal decision (7), the KPI of the results (8) and the offers (9). Each part of the brief is one
text field, every one editable; under a part, a line says where its text comes from, or names the
chapter not done yet with a link to it. « Vérifier » runs
:func:`~influence_workbook.checks.brief.check_brief` point by point and saves the brief; « Exporter »
checks and saves it too, then writes it as Word, Markdown and PDF beside the progress file
(``briefs/``) and offers the three files for download from the page (``data:`` links, nothing fetched).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import ipywidgets as widgets

from influence_workbook import clock
from influence_workbook.brief_export import FOLDER, ExportedBrief, export_brief
from influence_workbook.campaign import Campaign
from influence_workbook.chapters import CHAPTERS, Chapter, chapter_href
from influence_workbook.checks.brief import PART_KEYS, PARTS, check_brief
from influence_workbook.feedback import Feedback, escape
from influence_workbook.progress import ProgressStore
from influence_workbook.text import format_number
from influence_workbook.typography import fix
from influence_workbook.widgets.campaign import active_campaign, campaign_facts_html, campaign_store
from influence_workbook.widgets.common import BUTTON_STYLE, CheckedStep, data_uri, file_size, text_area, workshop_box
from influence_workbook.widgets.render import notice_html, text_html

LOGGER = logging.getLogger("influence_workbook.widgets")

CHAPTER = "ch10"
STEP = "brief"
PREFIX = "iw-ch10"
#: Short labels beside the fields (a field's label is cut past some twenty characters).
FIELD_LABELS: dict[str, str] = {
    "contacts": "Contacts :",
    "brand": "Marque et ton :",
    "product": "Produit, preuves :",
    "objective": "Objectif, KPI :",
    "reporting": "Suivi, statistiques :",
    "audience": "Public visé :",
    "concept": "Concept, liberté :",
    "messages": "Messages clés :",
    "cta": "Tags, lien, action :",
    "deliverables": "Livrables :",
    "timeline": "Calendrier :",
    "disclosure": "Mention :",
    "forbidden": "Interdits, musique :",
    "rights": "Droits, exclusivité :",
    "pay": "Rémunération :",
    "approvals": "Validations, crise :",
}
ROWS: dict[str, int] = {"brand": 3, "product": 3, "concept": 4, "messages": 3, "deliverables": 3, "timeline": 3,
                        "forbidden": 4, "rights": 4, "pay": 3, "approvals": 3}
#: Groups of parts, each under a short heading.
GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Qui et quoi", ("contacts", "brand", "product")),
    ("Pour quoi faire", ("objective", "reporting", "audience")),
    ("Le contenu", ("concept", "messages", "cta", "deliverables", "timeline")),
    ("Le cadre", ("disclosure", "forbidden", "rights", "pay", "approvals")),
)
CHAPTER_BY_KEY: dict[str, Chapter] = {chapter.key: chapter for chapter in CHAPTERS}
EXPORTING = "Export en cours : le document Word, le fichier Markdown et le PDF sont préparés…"
EXPORT_PROBLEM = ("L'export n'a pas abouti à cause d'un problème inattendu. Votre brief est enregistré : "
                  "réessayez ; si le problème persiste, copiez le texte des rubriques.")
USAGE_LABELS = {"organique": "publication sur le compte du créateur seulement",
                "marque": "republication par la marque sur ses propres comptes",
                "publicite": "utilisation dans des publicités de la marque"}


# --------------------------------------------------------------------------- reading chapters 1 to 9


def _answer(store: ProgressStore, chapter: str, step: str) -> dict[str, Any] | None:
    """A saved answer of the active campaign, as a dict, or None (never raises: an old file stays readable)."""
    try:
        answer = store.answer(chapter, step)
    except Exception:  # a damaged entry must not stop the brief from opening
        LOGGER.exception("could not read %s/%s", chapter, step)
        return None
    return answer if isinstance(answer, dict) else None


def _text(value: object, limit: int = 2_000) -> str:
    """A saved value as one clean text (lists joined by lines), or ""."""
    if isinstance(value, list):
        return "\n".join(filter(None, (_text(item, limit) for item in value)))[:limit]
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, int | float):
        return format_number(float(value)) if value == value else ""
    return str(value).strip()[:limit] if isinstance(value, str) else ""


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text.endswith((".", "!", "?", "»", ")")) else f"{text}."


@dataclass
class Draft:
    """The brief as the earlier chapters fill it: a text per part, and where each text comes from."""

    texts: dict[str, list[str]] = field(default_factory=lambda: {key: [] for key in PART_KEYS})
    #: Per part: the chapters (or the campaign, "campaign") its text comes from, in order.
    sources: dict[str, list[str]] = field(default_factory=lambda: {key: [] for key in PART_KEYS})
    #: Per part: the chapters that would fill it and are not done yet.
    missing: dict[str, list[str]] = field(default_factory=lambda: {key: [] for key in PART_KEYS})

    def add(self, key: str, text: str, source: str) -> None:
        if text.strip():
            self.texts[key].append(text.strip())
            if source not in self.sources[key]:
                self.sources[key].append(source)

    def lack(self, keys: tuple[str, ...], chapter: str) -> None:
        for key in keys:
            if chapter not in self.missing[key]:
                self.missing[key].append(chapter)

    def text(self, key: str) -> str:
        return "\n".join(self.texts[key])


def _from_objective(draft: Draft, answer: dict[str, Any] | None, campaign: Campaign) -> None:
    if answer is None:
        draft.lack(("objective",), "ch01")
        draft.add("audience", campaign.audience, "campaign")
        return
    draft.add("objective", _sentence(_text(answer.get("text"))), "ch01")
    audience = _text(answer.get("audience")) if answer.get("mode") != "Phrase libre" else ""
    draft.add("audience", audience or campaign.audience, "ch01" if audience else "campaign")


def _from_shortlist(draft: Draft, answer: dict[str, Any] | None) -> None:
    if answer is None:
        draft.lack(("contacts",), "ch02")
        return
    creators = answer.get("creators")
    names = []
    for creator in creators if isinstance(creators, list) else []:
        if isinstance(creator, Mapping):
            name, handle = _text(creator.get("display_name"), 80), _text(creator.get("handle"), 60)
            platform = _text(creator.get("platform"), 20)
            shown = name + (f" (@{handle.lstrip('@')}" + (f", {platform}" if platform else "") + ")" if handle else "")
            if shown:
                names.append(shown)
    if names:
        draft.add("contacts", "Créatrices et créateurs : " + ", ".join(names[:8]) + ".", "ch02")


def _from_concept(draft: Draft, answer: dict[str, Any] | None) -> None:
    if answer is None:
        draft.lack(("concept", "cta", "reporting"), "ch03")
        return
    lines = []
    for key, label in (("angle", "Angle"), ("hook", "Accroche"), ("details", "Déroulé"),
                       ("creator_role", "Rôle du créateur")):
        value = _text(answer.get(key), 600)
        if value:
            lines.append(f"{label} : {_sentence(value)}")
    platform, fmt = _text(answer.get("platform"), 40), _text(answer.get("format"), 60)
    if fmt:
        lines.insert(1 if lines else 0, f"Format : {fmt}" + (f" sur {platform}." if platform else "."))
    draft.add("concept", "\n".join(lines), "ch03")
    draft.add("cta", _sentence(_text(answer.get("cta"), 600)), "ch03")
    measurement = _text(answer.get("measurement"), 600)
    draft.add("reporting", _sentence(f"Mesure : {measurement}") if measurement else "", "ch03")
    if fmt:
        draft.add("deliverables", f"1 {fmt}" + (f" sur {platform}" if platform else ""), "ch03")


def _from_outreach(draft: Draft, answer: dict[str, Any] | None) -> None:
    if answer is None:
        draft.lack(("contacts",), "ch04")
        return
    name, handle = _text(answer.get("creator_name"), 80), _text(answer.get("handle"), 60)
    if name or handle:
        shown = name + (f" (@{handle.lstrip('@')})" if handle else "")
        draft.add("contacts", f"Premier contact pris avec {shown.strip()}.", "ch04")


_MENTION = re.compile(r"^\s*(?:publicit\w*|collaboration commerciale|partenariat r\w+|sponsoris\w*|werbung|anzeige"
                      r"|en collaboration avec)[^\n|•·\-—.]{0,60}", re.IGNORECASE)
_TAGS = re.compile(r"(?<![\w@])[@#][\w.]*[A-Za-zÀ-ÿ][\w.]*")


def _from_caption(draft: Draft, answer: dict[str, Any] | None) -> None:
    if answer is None:
        draft.lack(("disclosure", "cta"), "ch05")
        return
    caption = _text(answer.get("caption"), 2_200)
    mention = _MENTION.match(caption)
    if mention:
        draft.add("disclosure", f"« {mention.group(0).strip()} » en tête de légende, et à l'image dès les premières "
                                "secondes.", "ch05")
    if answer.get("retouched") is True:
        draft.add("disclosure", "« Images retouchées » sur l'image pendant toute la vidéo (filtres ou retouches).",
                  "ch05")
    if answer.get("ai_generated") is True:
        draft.add("disclosure", "« Images virtuelles » sur l'image (visage ou silhouette créés par IA).", "ch05")
    tags = list(dict.fromkeys(m.group(0).rstrip(".") for m in _TAGS.finditer(caption)))
    if tags:
        draft.add("cta", "Tags : " + " ".join(tags[:8]), "ch05")


_DISCLOSURE_LINE = re.compile(r"mention|publicit|collaboration commerciale|partenariat|#ad\b|werbung", re.IGNORECASE)


def _from_constraints(draft: Draft, answer: dict[str, Any] | None) -> None:
    if answer is None:
        draft.lack(("messages", "forbidden", "timeline", "approvals"), "ch06")
        return
    must = [line.strip(" -•\t") for line in _text(answer.get("must_have")).splitlines() if line.strip(" -•\t")]
    draft.add("messages", "\n".join(line for line in must if not _DISCLOSURE_LINE.search(line)), "ch06")
    draft.add("disclosure", "\n".join(_sentence(line) for line in must if _DISCLOSURE_LINE.search(line)), "ch06")
    draft.add("forbidden", _text(answer.get("forbidden_claims")), "ch06")
    freedom = _text(answer.get("creative_freedom"), 800)
    if freedom:
        draft.add("concept", f"Ce que le créateur décide : {_sentence(freedom)}", "ch06")
    script = _text(answer.get("script"), 60)
    if script:
        draft.add("concept", f"Script : {script.lower()}.", "ch06")
    parts = []
    draft_due, window = _text(answer.get("draft_due"), 120), _text(answer.get("publication_window"), 120)
    if draft_due:
        parts.append(f"Premier jet le {draft_due}" if not draft_due.lower().startswith("le ") else
                     f"Premier jet {draft_due}")
    rounds = answer.get("approval_rounds")
    if isinstance(rounds, int) and not isinstance(rounds, bool):
        parts.append(f"{rounds} tour{'s' if rounds > 1 else ''} de retours")
        draft.add("approvals", f"Validation en {rounds} tour{'s' if rounds > 1 else ''}, sur le premier jet.", "ch06")
    if window:
        parts.append(f"publication {window}" if window.lower().startswith(("du ", "le ", "entre ")) else
                     f"publication : {window}")
    draft.add("timeline", " ; ".join(parts), "ch06")


def _from_renewal(draft: Draft, answer: dict[str, Any] | None) -> None:
    if answer is None:
        draft.lack(("contacts",), "ch07")
        return
    name, decision = _text(answer.get("creator_name"), 80), _text(answer.get("decision"), 20)
    if name and decision:
        draft.add("contacts", f"Partenariat suivi : {decision} avec {name} (décision du chapitre 7).", "ch07")


def _from_results(draft: Draft, answer: dict[str, Any] | None) -> None:
    if answer is None:
        draft.lack(("reporting",), "ch08")
        return
    kpi = _text(answer.get("kpi"), 120)
    if kpi:
        draft.add("reporting", f"KPI à remonter : {kpi.lower()} (comme au bilan du chapitre 8).", "ch08")


def _offer_lines(offer: Mapping[str, Any]) -> tuple[str, str, str, str]:
    """(who, deliverables, rights, pay) lines for one saved offer of chapter 9."""
    who = _text(offer.get("creator_name"), 80) or _text(offer.get("creator_id"), 20) or "Créateur"
    currency = "CHF" if offer.get("currency") == "CHF" else "€"
    deliverables = _text(offer.get("deliverables"), 300)
    usage = USAGE_LABELS.get(_text(offer.get("usage"), 20), _text(offer.get("usage"), 60))
    duration, territory = _text(offer.get("rights_duration"), 60), _text(offer.get("territory"), 80)
    exclusivity = _text(offer.get("exclusivity"), 120)
    rights = f"{who} : droits d'utilisation ({usage})" if usage else f"{who} : droits d'utilisation"
    rights += (f" pendant {duration}" if duration else "") + (f", {territory}" if territory else "")
    rights += f" ; exclusivité : {exclusivity}" if exclusivity and exclusivity.lower() != "aucune" else \
        " ; pas d'exclusivité"
    rights += " ; sponsorisation prévue" + (f" pendant {duration}" if duration else "") \
        if offer.get("usage") == "publicite" else " ; pas de sponsorisation"
    fee, gift = _text(offer.get("fee"), 20), _text(offer.get("gift_value"), 20)
    pay = f"{who} : cachet de {fee} {currency} HT" if fee else f"{who} : cachet à fixer"
    pay += f" et produits offerts d'une valeur de {gift} {currency} HT" if gift and gift not in {"0", "0,0"} else ""
    pay += ", fixés par le contrat écrit signé" if offer.get("contract") is True else ", selon le contrat"
    return who, (f"{who} : {deliverables}" if deliverables else ""), _sentence(rights), _sentence(pay)


def _from_offers(draft: Draft, answer: dict[str, Any] | None) -> None:
    if answer is None:
        draft.lack(("deliverables", "rights", "pay", "timeline"), "ch09")
        return
    offers = answer.get("offers")
    lines: dict[str, list[str]] = {"deliverables": [], "rights": [], "pay": []}
    for offer in offers[:12] if isinstance(offers, list) else []:
        if isinstance(offer, Mapping):
            _who, deliverables, rights, pay = _offer_lines(offer)
            for key, line in (("deliverables", deliverables), ("rights", rights), ("pay", pay)):
                if line:
                    lines[key].append(line)
    if lines["deliverables"]:
        draft.texts["deliverables"] = []  # the offers say what each creator delivers: they replace the concept's
        draft.sources["deliverables"] = []
    for key, found in lines.items():
        draft.add(key, "\n".join(found), "ch09")
    days = _text(answer.get("payment_days"), 20)
    if days:
        draft.add("timeline", f"paiement à {days.removesuffix(' jours')} jours après la facture", "ch09")


def assemble_brief(store: ProgressStore | None = None, campaign: Campaign | None = None) -> Draft:
    """The brief as chapters 1 to 9 fill it for the active campaign (``campaign``: that campaign)."""
    campaign = campaign if campaign is not None else active_campaign(store)
    mine = campaign_store(store, campaign)
    draft = Draft()
    draft.add("brand", _sentence(f"{campaign.brand.name} : {campaign.brand.pitch}") if campaign.brand.pitch else "",
              "campaign")
    if campaign.brand.values:
        draft.add("brand", "Valeurs : " + ", ".join(campaign.brand.values) + ".", "campaign")
    product = campaign.product + (f". Prix : {campaign.money(campaign.product_price)}" if campaign.product_price
                                  else "")
    draft.add("product", _sentence(f"{campaign.name} : {product}") if campaign.product else "", "campaign")
    _from_objective(draft, _answer(mine, "ch01", "objective"), campaign)
    _from_shortlist(draft, _answer(mine, "ch02", "shortlist"))
    _from_concept(draft, _answer(mine, "ch03", "concept"))
    _from_outreach(draft, _answer(mine, "ch04", "outreach"))
    _from_caption(draft, _answer(mine, "ch05", "caption"))
    _from_constraints(draft, _answer(mine, "ch06", "constraints"))
    _from_renewal(draft, _answer(mine, "ch07", "renewal"))
    _from_results(draft, _answer(mine, "ch08", "results"))
    _from_offers(draft, _answer(mine, "ch09", "offers"))
    timeline = draft.texts["timeline"]
    if len(timeline) > 1:  # the constraints' dates and the offers' payment: one sentence
        draft.texts["timeline"] = [" ; ".join(timeline)]
    for key in PART_KEYS:
        draft.texts[key] = [fix(text) for text in draft.texts[key]]
    return draft


def chapter_link(key: str) -> str:
    """« le chapitre 1, « Un objectif flou » » with a relative link to its notebook (escaped)."""
    chapter = CHAPTER_BY_KEY[key]
    return (f'le chapitre {chapter.number}, <a href="{escape(chapter_href(chapter.slug))}" '
            'style="text-decoration:underline">'
            f"« {escape(chapter.title)} »</a>")


def note_html(key: str, draft: Draft) -> str:
    """Under a part: where its text comes from, and the chapters that would fill it and are not done yet."""
    sentences = []
    sources = [s for s in draft.sources[key] if s != "campaign"]
    if sources:
        numbers = [str(CHAPTER_BY_KEY[s].number) for s in sources]
        sentences.append(f"Repris du chapitre {numbers[0]}." if len(numbers) == 1 else
                         f"Repris des chapitres {', '.join(numbers[:-1])} et {numbers[-1]}.")
    if "campaign" in draft.sources[key]:
        sentences.append("Repris de la description de la campagne.")
    missing = draft.missing[key]
    if missing:
        links = ", ".join(chapter_link(chapter) for chapter in missing)
        sentences.append(f"Pas encore fait : {links}. Écrivez cette rubrique ici, ou faites d'abord "
                         f"{'ce chapitre' if len(missing) == 1 else 'ces chapitres'}.")
    if not sentences:
        sentences.append("Aucun chapitre ne prépare cette rubrique : écrivez-la ici.")
    hint = next(part.hint for part in PARTS if part.key == key)
    return (f'<p class="{PREFIX}-note {PREFIX}-note-{key}">{fix(" ".join(sentences))} '
            f"<em>À dire : {escape(fix(hint))}.</em></p>")


# --------------------------------------------------------------------------- the workshop


def check_brief_answer(answer: Mapping[str, Any], campaign: Campaign | None = None) -> Feedback:
    """The chapter-10 verdict on a saved answer (the parts' texts), judged against ``campaign``."""
    parts = {key: answer.get(key, "") for key in PART_KEYS} if isinstance(answer, Mapping) else answer
    return check_brief(parts, campaign=campaign, today=clock.today())


def downloads_html(exported: ExportedBrief) -> str:
    """The three files as download links (data: URIs: the page fetches nothing), and where they are kept."""
    names = {"docx": "Word (.docx)", "md": "Markdown (.md)", "pdf": "PDF (.pdf)"}
    items = []
    for file in exported.files:
        items.append(f'<li><a class="{PREFIX}-download {PREFIX}-download-{file.kind}" download="{escape(file.name)}" '
                     f'style="text-decoration:underline" href="{data_uri(file.data, file.mime)}">'
                     f"Télécharger le brief en {names[file.kind]}, "
                     f"{file_size(len(file.data))}</a></li>")
    count = {1: "un fichier", 2: "deux fichiers", 3: "trois fichiers"}.get(len(items), f"{len(items)} fichiers")
    same = " au même contenu" if len(items) > 1 else ""
    parts = [f'<div class="{PREFIX}-exported" role="status" aria-live="polite">',
             f"<p><strong>Votre brief est prêt</strong> : {count}{same}.</p>",
             f"<ul>{''.join(items)}</ul>"]
    parts += [notice_html(sentence) for sentence in exported.unavailable]
    if exported.notice:
        parts.append(notice_html(exported.notice))
    else:
        parts.append(f"<p>Ils sont aussi enregistrés dans « {escape(exported.folder)} ».</p>")
    parts.append("</div>")
    return "".join(parts)


class BriefWorkshop:
    """The widgets of the chapter-10 workshop; :meth:`widget` is what the notebook displays."""

    def __init__(self, store: ProgressStore | None = None) -> None:
        self.campaign = active_campaign(store)
        self.store = campaign_store(store, self.campaign)
        self.draft = assemble_brief(self.store, self.campaign)
        self.fields: dict[str, widgets.Textarea] = {}
        self.notes: dict[str, widgets.HTML] = {}
        for part in PARTS:
            area = text_area(f"{PREFIX}-{part.key}", FIELD_LABELS[part.key], part.hint[:1].upper() + part.hint[1:],
                             rows=ROWS.get(part.key, 2))
            area.value = self.draft.text(part.key)
            self.fields[part.key] = area
            note = widgets.HTML(note_html(part.key, self.draft))
            note.add_class(f"{PREFIX}-note-box")
            self.notes[part.key] = note
        self.step = CheckedStep(chapter=CHAPTER, step=STEP, css_prefix=PREFIX, collect=self.collect,
                                restore=self.restore, check=self.check, store=self.store)
        self.step.watch(*self.fields.values())
        self.refill = widgets.Button(description="Compléter les rubriques vides avec les chapitres 1 à 9",
                                     tooltip="Remplir les rubriques vides avec vos réponses des chapitres précédents",
                                     layout=widgets.Layout(width="auto"))
        self.refill.add_class(f"{PREFIX}-refill")
        self.refill.on_click(lambda _button: self.fill_empty_parts())
        self.export_button = widgets.Button(
            description="Exporter", style=BUTTON_STYLE,
            tooltip="Vérifier, enregistrer et télécharger le brief (Word, Markdown, PDF)")
        self.export_button.add_class(f"{PREFIX}-export")
        self.export_button.on_click(lambda _button: self.export())
        self.downloads = widgets.HTML()
        self.downloads.add_class(f"{PREFIX}-downloads")

    def collect(self) -> dict[str, str]:
        return {key: area.value for key, area in self.fields.items()}

    def restore(self, answer: Any) -> None:
        if not isinstance(answer, Mapping):
            return
        for key, area in self.fields.items():
            value = answer.get(key)
            if isinstance(value, str):
                area.value = value

    def check(self, answer: dict[str, str]) -> Feedback:
        return check_brief_answer(answer, self.campaign)

    def fill_empty_parts(self) -> None:
        """Put the earlier chapters' text into the parts left empty (the learner's own text stays)."""
        self.draft = assemble_brief(self.store, self.campaign)
        for key, area in self.fields.items():
            self.notes[key].value = note_html(key, self.draft)
            if not area.value.strip():
                area.value = self.draft.text(key)

    def export(self, folder_of: Callable[[ProgressStore], Any] | None = None) -> ExportedBrief | None:
        """« Exporter »: check and save the brief (as « Vérifier »), then write and offer the three files."""
        self.downloads.value = text_html(EXPORTING)
        self.step.run_check()
        try:
            folder = (folder_of or (lambda store: store.path.parent / FOLDER))(self.store)
            exported = export_brief(self.collect(), self.campaign, folder, today=clock.today())
        except Exception:  # whatever fails, the learner reads why in French and keeps the brief
            LOGGER.exception("could not export the brief")
            self.downloads.value = notice_html(EXPORT_PROBLEM)
            return None
        self.downloads.value = downloads_html(exported)
        return exported

    def widget(self) -> widgets.VBox:
        intro = widgets.HTML(
            f"<p>{campaign_facts_html(self.campaign, pitch=False, launch=True)} Chaque rubrique reprend vos réponses "
            "des chapitres précédents : relisez-la, complétez-la, puis cliquez sur « Vérifier ». « Exporter » "
            "vérifie aussi le brief, puis le prépare en Word, en Markdown et en PDF.</p>")
        intro.add_class(f"{PREFIX}-campaign")
        children: list[widgets.Widget] = [intro, self.refill]
        for title, keys in GROUPS:
            children.append(widgets.HTML(f"<p><strong>{escape(title)}</strong></p>"))
            for key in keys:
                children += [self.fields[key], self.notes[key]]
        children += [*self.step.widgets(), self.export_button, self.downloads]
        return workshop_box(children, f"{PREFIX}-brief")


def brief_workshop(store: ProgressStore | None = None) -> widgets.VBox:
    """Display this in the chapter-10 notebook: ``brief_workshop()``."""
    return BriefWorkshop(store).widget()


def saved_brief(store: ProgressStore | None = None) -> dict[str, Any] | None:
    """The brief saved in chapter 10 for the active campaign: ``{part key: text}`` plus ``passed``, or None."""
    saved = campaign_store(store).get(CHAPTER, STEP)
    if saved is None or not isinstance(saved.answer, dict):
        return None
    answer = {key: str(saved.answer.get(key) or "") for key in PART_KEYS}
    return {**answer, "passed": saved.passed}
