"""A simulated class: exports of learners with varied progress, some tampered with (issue 25).

For the class report's tests and benchmark, and for a teacher who wants to see the report before the
class hands anything in (``python -m influence_workbook.class_sample <dossier> [nombre]``). Every
learner's progress document is built directly (no file locks, no checks run), the way the course saves
it: workshop steps with their verdicts and first attempts, quizzes as the quiz widget saves them,
working periods, and a certificate for those who finished. Then each is exported exactly as the home
page exports it (:func:`influence_workbook.class_export.export_document`).

The same seed gives the same class. :attr:`SimulatedClass.expected` says what the report must find
for each file: the signed ones, the unsigned ones, those modified after their export or signed with
another key, an earlier export of the same learner, an exact duplicate, and files that are no export.
"""

from __future__ import annotations

import json
import random
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from influence_workbook import quiz as quiz_module
from influence_workbook.certificate import SECTION as CERTIFICATE_SECTION
from influence_workbook.certificate import certificate_code, certified_facts
from influence_workbook.chapters import CHAPTERS, Chapter
from influence_workbook.class_export import encode, export_document, file_name
from influence_workbook.course_progress import course_progress
from influence_workbook.progress import FIRST_ATTEMPTS, FORMAT, VERSION, ProgressStore

DEFAULT_KEY = "cle-de-demonstration-2026"
OTHER_KEY = "une-autre-cle-de-classe"
START = datetime(2026, 9, 14, 8, 0, tzinfo=UTC)

#: (chapter, step) -> (check name, criteria (id, label)): a sample of each workshop's real criteria.
CRITERIA: dict[tuple[str, str], tuple[str, tuple[tuple[str, str], ...]]] = {
    ("ch01", "objective"): ("ch01-objective", (
        ("goal", "Étape du tunnel"), ("kpi", "Indicateur (KPI)"), ("kpi_fit", "KPI adapté à l'étape"),
        ("target", "Cible chiffrée"), ("deadline", "Échéance"), ("audience", "Audience"),
        ("specific", "Formulation précise"), ("realistic", "Réaliste"))),
    ("ch02", "shortlist"): ("ch02-shortlist", (
        ("count", "Nombre de créateurs"), ("known_ids", "Identifiants reconnus"), ("budget", "Budget"),
        ("not_followers_only", "Pas seulement le nombre d'abonnés"), ("reach", "Portée attendue"),
        ("creator:C0007", "@maeva_teintfrais_ch (intermédiaire, Instagram)"))),
    ("ch03", "concept"): ("ch03-concept", (
        ("angle", "Angle créatif"), ("format", "Format adapté à la plateforme"),
        ("hook", "Accroche des premières secondes"), ("creator_role", "Rôle et liberté du créateur"),
        ("cta", "Appel à l'action au service de l'objectif"), ("measurement", "Mesure cohérente avec l'objectif"))),
    ("ch04", "outreach"): ("ch04-outreach", (
        ("name", "Adressé par son nom"), ("content", "Un de ses contenus cité"),
        ("fit", "Pourquoi cette personne et cette marque"), ("ask", "Une demande claire"),
        ("pay", "Rémunération annoncée"), ("tone", "Ton respectueux"), ("length", "Longueur"),
        ("not_mass", "Pas d'envoi de masse"))),
    ("ch05", "classification"): ("ch05-disclosure",
                                 tuple((f"post:P0{1000 + n}", f"Publication {n}") for n in range(1, 9))),
    ("ch05", "caption"): ("ch05-disclosure", (
        ("fr:wording", "France — Mention claire"), ("fr:placement", "France et Suisse — Placement en tête"),
        ("brand", "Annonceur nommé"), ("ch:wording", "Suisse — Mention claire"),
        ("fr:language", "France et Suisse — Langue du public"))),
    ("ch06", "constraints"): ("ch06-constraints", (
        ("must_have", "Messages obligatoires"), ("forbidden_claims", "Allégations interdites"),
        ("disclosure", "Mention du partenariat"), ("deadlines", "Calendrier"), ("script", "Pas de script mot à mot"),
        ("approval_rounds", "Tours de validation"), ("creative_freedom", "Liberté créative"))),
    ("ch07", "renewal"): ("ch07-renewal", (
        ("decision", "Décision"), ("figures", "Chiffres cités"), ("kpi", "Indicateur de l'objectif"),
        ("trend", "Sur plusieurs collaborations"), ("reliability", "Fiabilité"), ("contract", "Contrat écrit"))),
    ("ch08", "results"): ("ch08-results", (
        ("kpi", "KPI de l'objectif"), ("cpa", "Coût par commande"), ("roas", "ROAS"), ("roi", "ROI sur la marge"),
        ("lift", "Test régional"), ("emv", "Valeur médiatique"), ("attribution", "Limites de l'attribution"),
        ("verdict", "Verdict pour le client"))),
}
FIRST_NAMES = ("Camille", "Léa", "Hugo", "Inès", "Lucas", "Chloé", "Yanis", "Manon", "Noah", "Zoé", "Adam", "Jade",
               "Louis", "Sarah", "Nathan", "Lina", "Théo", "Emma", "Sami", "Clara", "Mathis", "Aïcha", "Élodie",
               "Gaël", "Maëlle", "Jonas", "Anaïs", "Bastien", "Océane", "Rayan")
LAST_NAMES = ("Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
              "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier",
              "Morel", "Girard", "André", "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Martinez", "Müller",
              "N'Diaye", "Da Silva", "Favre", "Rochat", "Keller")


class DocumentStore(ProgressStore):
    """A progress document held in memory, read like a file (nothing is written)."""

    def __init__(self, document: dict[str, Any]) -> None:
        super().__init__(Path("/nonexistent/progression.json"))
        self.document = document

    def load(self) -> dict[str, Any]:
        return self.document

    def save(self, *_args: Any, **_kwargs: Any) -> Any:
        raise TypeError("a simulated progress document is read-only")


@dataclass
class SimulatedClass:
    folder: Path
    key: str
    #: File name -> the state the report must give it (a key of class_report.STATE_WORDS).
    expected: dict[str, str] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)  # file name -> learner's name, for exports


def _iso(moment: datetime) -> str:
    return moment.replace(microsecond=0).isoformat()


def _feedback(check: str, criteria: tuple[tuple[str, str], ...], failed: set[str]) -> dict[str, Any]:
    items = [{"criterion": criterion, "label": label, "ok": criterion not in failed,
              "message": "Bien vu." if criterion not in failed else "À revoir : relisez la section indiquée.",
              "read_more": None} for criterion, label in criteria]
    summary = "Réussi." if not failed else f"À revoir : {len(failed)} critère(s)."
    return {"check": check, "items": items, "summary": summary, "tips": []}


def _available() -> list[Chapter]:
    return [chapter for chapter in CHAPTERS if chapter.available]


def simulated_document(rng: random.Random, difficulty: dict[tuple[str, str, str], float],
                       quizzes: dict[str, list[dict[str, Any]]]) -> tuple[dict[str, Any], datetime]:
    """One learner's progress document, and the moment of their last save."""
    chapters = _available()
    skill = rng.uniform(0.4, 1.6)
    reached = min(len(chapters), max(0, round(rng.triangular(0, len(chapters) + 2, len(chapters)))))
    moment = START + timedelta(days=rng.randint(0, 20), hours=rng.randint(0, 10))
    steps: dict[str, Any] = {}
    first: dict[str, Any] = {}
    periods: list[list[str]] = []
    for position, chapter in enumerate(chapters[:reached]):
        moment += timedelta(days=rng.randint(1, 6), minutes=rng.randint(0, 300))
        start = moment
        finishes = position < reached - 1 or rng.random() < 0.6
        for step in chapter.steps:
            check, criteria = CRITERIA.get((chapter.key, step), (f"{chapter.key}-{step}", (("c1", "Critère 1"),
                                                                                           ("c2", "Critère 2"))))
            failed = {c for c, _label in criteria if rng.random() < difficulty[(chapter.key, step, c)] * skill}
            moment += timedelta(minutes=rng.randint(4, 15))
            key = f"{chapter.key}/{step}"
            feedback = _feedback(check, criteria, failed)
            first[key] = {"saved_at": _iso(moment), "check": check, "passed": not failed,
                          "ok": [c for c, _label in criteria if c not in failed], "failed": sorted(failed)}
            if failed and finishes:
                moment += timedelta(minutes=rng.randint(3, 12))
                feedback = _feedback(check, criteria, set())
            steps[key] = {"answer": {"texte": f"Réponse de l'atelier {chapter.number}"}, "feedback": feedback,
                          "saved_at": _iso(moment)}
        questions = quizzes[chapter.key]
        attempt = quiz_module.QuizAttempt.first(questions)
        answered = len(questions) if finishes else rng.randint(0, len(questions))
        for index, question in enumerate(questions[:answered]):
            right = quiz_module.correct_answers(question)
            wrong_choice = next((i for i in range(len(question["answers"])) if i not in right), None)
            miss = wrong_choice is not None and rng.random() < 0.12 * skill + 0.02 * index
            attempt = attempt.pick(questions, index, (wrong_choice,) if miss and wrong_choice is not None else right)
        if answered:
            moment += timedelta(minutes=rng.randint(3, 10))
            steps[f"{chapter.key}/{quiz_module.QUIZ_STEP}"] = {
                "answer": quiz_module.attempt_answer(questions, attempt),
                "feedback": quiz_module.attempt_feedback(questions, attempt).to_dict(),
                "saved_at": _iso(moment)}
        periods.append([_iso(start), _iso(moment)])
    document = {"format": FORMAT, "version": VERSION, "steps": steps, FIRST_ATTEMPTS: first, "activity": periods,
                "updated_at": _iso(moment)}
    return document, moment


def _names(rng: random.Random, count: int) -> list[str]:
    pairs = [f"{first} {last}" for first in FIRST_NAMES for last in LAST_NAMES]
    rng.shuffle(pairs)
    if count > len(pairs):
        pairs += [f"{name} {number}" for number in range(2, count // len(pairs) + 2) for name in pairs]
    return pairs[:count]


def write_simulated_class(folder: Path, count: int = 200, *, key: str = DEFAULT_KEY, seed: int = 25) -> SimulatedClass:
    """Write ``count`` learners' exports into ``folder`` (plus a few files that are not exports)."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    quizzes = {chapter.key: quiz_module.load_quiz(chapter.slug) for chapter in _available()}
    difficulty = {(chapter.key, step, criterion): rng.choice((0.03, 0.08, 0.15, 0.3, 0.5))
                  for chapter in _available() for step in chapter.steps
                  for criterion, _label in CRITERIA.get((chapter.key, step), ("", (("c1", ""), ("c2", ""))))[1]}
    result = SimulatedClass(folder, key)
    for number, name in enumerate(_names(rng, count)):
        document, last = simulated_document(rng, difficulty, quizzes)
        store = DocumentStore(document)
        exported = last + timedelta(hours=rng.randint(1, 48))
        course = course_progress(store)
        if course.complete:
            facts = certified_facts(name, exported.date(), course)
            document[CERTIFICATE_SECTION] = [{"code": certificate_code(facts), "facts": facts,
                                              "issued_at": _iso(exported), "campaign_answer": None,
                                              "file": "attestations/attestation.pdf"}]
        signing = None if number % 20 == 7 else (OTHER_KEY if number == 11 else key)
        if number == 3:  # an earlier export of the same learner, handed in too
            early = export_document(store, name, class_key=key, now=exported - timedelta(days=3))
            early_name = "ancien-" + file_name(name, early["exported_at"])
            (folder / early_name).write_bytes(encode(early))
            result.expected[early_name] = "superseded"
        export = export_document(store, name, class_key=signing, now=exported)
        state = "signed" if signing == key else ("unsigned" if signing is None else "other-key")
        if number % 25 == 13:  # a score improved by hand after the export
            for chapter in export["chapters"]:
                if chapter["quiz"] is not None and chapter["quiz"]["correct"] < chapter["quiz"]["total"]:
                    chapter["quiz"]["correct"] = chapter["quiz"]["total"]
                    chapter["quiz"]["passed"] = True
                    break
            else:
                export["name"] = name + " "
            state = "bad-signature" if signing == key else state
        target = file_name(name, export["exported_at"])
        if (folder / target).exists():
            target = f"{number:03d}-{target}"
        (folder / target).write_bytes(encode(export))
        result.expected[target] = state
        result.names[target] = name
        if number == 5:  # the same file handed in twice
            (folder / f"renvoi-{target}").write_bytes(encode(export))
            result.expected[f"renvoi-{target}"] = "duplicate"
        if number == 9:  # a truncated download
            (folder / f"tronque-{target}").write_bytes(encode(export)[:-200])
            result.expected[f"tronque-{target}"] = "unreadable"
        if number == 10:  # the progress file itself instead of an export
            (folder / "progression.json").write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
            result.expected["progression.json"] = "unreadable"
    (folder / "vide.json").write_bytes(b"")
    (folder / "attestation.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    (folder / "notes.txt").write_text("=HYPERLINK(\"http://exemple.invalid\")\n", encoding="utf-8")
    result.expected.update({"vide.json": "unreadable", "attestation.pdf": "unreadable", "notes.txt": "unreadable"})
    return result


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args:
        print("Utilisation : python -m influence_workbook.class_sample <dossier> [nombre d'apprenants]",
              file=sys.stderr)
        return 2
    count = int(args[1]) if len(args) > 1 else 30
    simulated = write_simulated_class(Path(args[0]), count)
    print(f"{len(simulated.expected)} fichiers écrits dans {args[0]} (clé de classe : {simulated.key})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
