#!/usr/bin/env bash
# Opens the course home in course mode (Voilà: the chapters as pages, no code), on 127.0.0.1 only,
# with a random token (never disabled). JupyterLab (student mode) is on the same server, one link
# away, so both modes share the package, the progress file and the checks. The learner works in
# their own workspace beside the progress file (influence_workbook.workspace), never in the clone.
# It prints one address, ours: JupyterLab's own start-up log (a second address with its token
# masked, the language servers it did not find…) is kept to warnings and errors (log_level=WARN).
# Nothing reaches other hosts at run time: no news feed, no update check, no extension catalogue.
set -euo pipefail
cd "$(dirname "$0")/.."
port="${1:-8888}"
token="$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(24))')"
# The same bind JupyterLab will do (SO_REUSEADDR): right after a Ctrl+C the old connections are
# still closing, and only a server that really listens on the port makes this fail.
if ! .venv/bin/python -m influence_workbook.startup port-free "$port"; then
  echo "Le port ${port} est déjà utilisé (un autre JupyterLab ouvert ?). Choisissez-en un autre : make start PORT=8890" >&2
  exit 1
fi
extra=()
# No browser to open (a server, a container): say so in French once, rather than JupyterLab's
# « No web browser found » warning.
if [ -z "${INFLUENCE_WORKBOOK_NO_BROWSER:-}" ] && .venv/bin/python -m influence_workbook.startup has-browser; then
  open_browser=True
  intro="Le cours s'ouvre dans votre navigateur. S'il ne s'ouvre pas, copiez cette adresse dans la barre d'adresse :"
else
  open_browser=False
  intro="Ouvrez cette adresse dans votre navigateur pour commencer le cours :"
fi
# The course's JupyterLab and Voilà defaults (config/README.md): no news prompt, no update check,
# the course-mode page template (config/jupyter-data/voila/templates/cours).
export JUPYTER_CONFIG_PATH="$PWD/config/jupyter${JUPYTER_CONFIG_PATH:+:$JUPYTER_CONFIG_PATH}"
export JUPYTER_PATH="$PWD/config/jupyter-data${JUPYTER_PATH:+:$JUPYTER_PATH}"
# The learner's copies: course-mode pages, chapters and exercises (never the solutions). Its last
# line is the folder; the lines before are notices the learner must read (kept edits, damaged copies).
if ! built="$(.venv/bin/python -m influence_workbook.workspace)"; then
  exit 1
fi
workspace="${built##*$'\n'}"
[ "$built" = "$workspace" ] || printf '%s\n' "${built%$'\n'*}"
home="voila/render/cours/00_accueil.ipynb"
# Jupyter refuses to run as root without this flag; the server still listens on 127.0.0.1 only.
[ "$(id -u)" -eq 0 ] && extra+=(--allow-root)
echo
echo "$intro"
echo "  http://127.0.0.1:${port}/${home}?token=${token}"
echo "Votre espace de travail (vos copies des chapitres et des exercices) : ${workspace}"
echo "(Ctrl+C deux fois pour arrêter le serveur ; votre travail est enregistré à chaque vérification.)"
echo
# Voilà reads a deprecated token setting at start-up: its DeprecationWarning is for developers.
export PYTHONWARNINGS="ignore::DeprecationWarning:traitlets.traitlets${PYTHONWARNINGS:+,$PYTHONWARNINGS}"
exec .venv/bin/jupyter lab \
  --ServerApp.ip=127.0.0.1 --ServerApp.port="$port" --ServerApp.port_retries=0 \
  --IdentityProvider.token="$token" \
  --ServerApp.root_dir="$workspace" --LabApp.default_url="/${home}" \
  --KernelManager.transport=ipc \
  --LabApp.news_url=None --LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate \
  --LabApp.extension_manager=readonly \
  --ServerApp.kernel_websocket_connection_class=influence_workbook.server.NoDelayKernelConnection \
  --ServerApp.open_browser="$open_browser" \
  --ServerApp.log_level=WARN --LabApp.log_level=WARN \
  "${extra[@]}"
