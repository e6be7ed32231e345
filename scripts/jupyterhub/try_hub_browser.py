"""Drive Chromium through the trial JupyterHub (scripts/jupyterhub/try-hub.sh) as two learners.

Run with the course's test environment (it has Playwright), while the trial hub runs:

    .venv/bin/python scripts/jupyterhub/try_hub_browser.py [http://127.0.0.1:8765] [/tmp/iw-hub]

For two learners it logs in, waits for the hub to start their server, and checks that the course home
opens in course mode (Voilà) with its live parts; then, for the first learner: a link that opens a chapter
(``/hub/user-redirect/voila/render/cours/01_objectif_flou.ipynb``) shows chapter 1, its workshop checks an
answer and saves it in that learner's own progress file (``<homes>/<name>/.influence-workbook``), the
progress export is signed with the class key the hub sets, and student mode (JupyterLab, in French) opens a
chapter; the second learner's progress stays empty. Last, it prints each learner's memory (every process
of their server: the single-user server and its kernels, read in /proc) and CPU time. Exit 0 when all
checks pass; each failure is printed in French.
"""

from __future__ import annotations

import json
import os
import sys
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import Page, expect, sync_playwright

URL = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8765"
STATE = Path(sys.argv[2] if len(sys.argv) > 2 else "/tmp/iw-hub")
PASSWORD = os.environ.get("IW_HUB_PASSWORD", "essai-du-cours")
CLASS_KEY = os.environ.get("IW_HUB_CLASS_KEY", "cle-de-la-classe-essai")
LEARNERS = ("camille", "lou")
TIMEOUT_MS = 180_000
CHROMIUM = "/usr/bin/chromium"
FAILURES: list[str] = []


def check(condition: bool, what: str) -> None:
    print(("ok    " if condition else "ÉCHEC ") + what, flush=True)
    if not condition:
        FAILURES.append(what)


def wait_for_hub() -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{URL}/hub/api", timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(1)
    raise SystemExit(f"Le hub ne répond pas à {URL}/hub/api : lancez scripts/jupyterhub/try-hub.sh")


def log_in(page: Page, name: str) -> None:
    page.goto(f"{URL}/hub/login")
    page.fill("#username_input", name)
    page.fill("#password_input", PASSWORD)
    page.click("#login_submit")
    page.wait_for_url(f"**/user/{name}/voila/render/cours/00_accueil.ipynb**", timeout=TIMEOUT_MS)


def progress_of(name: str) -> dict[str, object]:
    path = STATE / "homes" / name / ".influence-workbook" / "progression.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def saved_steps(name: str) -> dict[str, object]:
    steps = progress_of(name).get("steps")
    return steps if isinstance(steps, dict) else {}


def learner_processes(name: str) -> list[int]:
    """The processes whose environment says they serve ``name`` (the single-user server and its kernels)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            environ = (entry / "environ").read_bytes().split(b"\0")
        except OSError:
            continue
        if f"JUPYTERHUB_USER={name}".encode() in environ:
            pids.append(int(entry.name))
    return pids


def memory_and_cpu(pids: list[int]) -> tuple[float, float]:
    rss_kib, ticks = 0, 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text(encoding="ascii").splitlines():
                if line.startswith("VmRSS:"):
                    rss_kib += int(line.split()[1])
            fields = Path(f"/proc/{pid}/stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])
        except OSError:
            continue
    return rss_kib / 1024, ticks / os.sysconf("SC_CLK_TCK")


def home_page(page: Page, name: str) -> None:
    log_in(page, name)
    expect(page.locator("h1").first).to_contain_text("Les 10 erreurs", timeout=TIMEOUT_MS)
    expect(page.locator(".iw-export-button")).to_be_visible(timeout=TIMEOUT_MS)
    check(True, f"{name} : connexion, serveur démarré par le hub, accueil du cours en mode cours")
    check("fournie par le serveur" in page.locator(".iw-export-key-help").inner_text(),
          f"{name} : la clé de classe vient du hub (champ masqué)")


def first_learner(page: Page, name: str) -> None:
    page.goto(f"{URL}/hub/user-redirect/voila/render/cours/01_objectif_flou.ipynb")
    expect(page.locator("h1").first).to_contain_text("objectif", timeout=TIMEOUT_MS)
    check(f"/user/{name}/voila/render/cours/01_objectif_flou.ipynb" in page.url,
          f"{name} : le lien /hub/user-redirect/… ouvre le chapitre 1 sur son serveur")
    root = page.locator(".iw-ch01-objective")
    expect(root).to_be_visible(timeout=TIMEOUT_MS)
    for widget, label in (("iw-ch01-goal", "Conversion"), ("iw-ch01-kpi", "Ventes")):
        select = root.locator(f".{widget} select")
        select.focus()
        select.select_option(label=label)
    for widget, text in (("iw-ch01-target", "1 500 ventes"), ("iw-ch01-deadline", "d'ici fin juin 2027"),
                         ("iw-ch01-audience", "femmes de 18-34 ans en France et en Suisse romande")):
        root.locator(f".{widget} input").fill(text)
    root.get_by_role("button", name="Vérifier").click()
    expect(root.locator(".iw-ch01-feedback li[data-criterion]").first).to_be_visible(timeout=TIMEOUT_MS)
    deadline = time.monotonic() + 30
    while "ch01/objective" not in saved_steps(name) and time.monotonic() < deadline:
        time.sleep(0.5)
    check("ch01/objective" in saved_steps(name),
          f"{name} : la réponse est enregistrée dans sa progression, dans son dossier")

    page.goto(f"{URL}/hub/user-redirect/voila/render/cours/00_accueil.ipynb")
    panel = page.locator(".iw-export")
    expect(panel.locator(".iw-export-button")).to_be_visible(timeout=TIMEOUT_MS)
    panel.locator(".iw-export-name input").fill("Camille Martin")
    panel.locator(".iw-export-button").click()
    expect(panel.locator(".iw-export-done")).to_be_visible(timeout=TIMEOUT_MS)
    exports = sorted((STATE / "homes" / name / ".influence-workbook" / "exports").glob("*.json"))
    signed = False
    if exports:
        sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))
        from influence_workbook.class_export import signature_state

        signed = signature_state(json.loads(exports[-1].read_text(encoding="utf-8")), CLASS_KEY) == "signed"
    check(signed, f"{name} : l'export de progression est écrit dans son dossier, signé avec la clé de la classe")

    page.goto(f"{URL}/hub/user-redirect/lab/tree/chapitres/01_objectif_flou.ipynb")
    expect(page.locator(".jp-Notebook").first).to_be_visible(timeout=TIMEOUT_MS)
    language = page.evaluate("document.documentElement.lang")
    check(language.startswith("fr"),
          f"{name} : le mode étudiant (JupyterLab) ouvre le chapitre, en français ({language})")


def main() -> int:
    wait_for_hub()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=["--no-sandbox", "--disable-dev-shm-usage"])
        pages = {}
        for name in LEARNERS:
            context = browser.new_context(locale="fr-FR")
            page = context.new_page()
            page.set_default_timeout(TIMEOUT_MS)
            home_page(page, name)
            pages[name] = page
        first_learner(pages[LEARNERS[0]], LEARNERS[0])
        check("ch01/objective" not in saved_steps(LEARNERS[1]),
              f"{LEARNERS[1]} : sa progression reste la sienne (rien de {LEARNERS[0]})")
        time.sleep(2)
        for name in LEARNERS:
            pids = learner_processes(name)
            rss, cpu = memory_and_cpu(pids)
            print(f"mesure {name} : {len(pids)} processus (serveur et noyaux), mémoire résidente {rss:.0f} Mio, "
                  f"CPU consommé {cpu:.1f} s", flush=True)
        browser.close()
    if FAILURES:
        print(f"{len(FAILURES)} vérification(s) en échec.")
        return 1
    print("Toutes les vérifications sont passées.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
