#!/usr/bin/env bash
# Opens the course home in JupyterLab, on 127.0.0.1 only, with a random token (never disabled).
# It prints one address, ours: JupyterLab's own start-up log (a second address with its token
# masked, the language servers it did not find…) is kept to warnings and errors (log_level=WARN).
# Nothing reaches other hosts at run time: no news feed, no update check, no extension catalogue.
set -euo pipefail
cd "$(dirname "$0")/.."
port="${1:-8888}"
token="$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(24))')"
home="notebooks/00_accueil.ipynb"
# The same bind JupyterLab will do (SO_REUSEADDR): right after a Ctrl+C the old connections are
# still closing, and only a server that really listens on the port makes this fail.
if ! .venv/bin/python -m influence_workbook.startup port-free "$port"; then
  echo "Le port ${port} est déjà utilisé (un autre JupyterLab ouvert ?). Choisissez-en un autre : make start PORT=8890" >&2
  exit 1
fi
extra=()
# No browser to open (a server, a container): say so in French once, rather than JupyterLab's
# « No web browser found » warning.
if .venv/bin/python -m influence_workbook.startup has-browser; then
  open_browser=True
  intro="Le cours s'ouvre dans votre navigateur. S'il ne s'ouvre pas, copiez cette adresse dans la barre d'adresse :"
else
  open_browser=False
  intro="Ouvrez cette adresse dans votre navigateur pour commencer le cours :"
fi
# The course's JupyterLab defaults (config/README.md): no news prompt, no update check.
export JUPYTER_CONFIG_PATH="$PWD/config/jupyter${JUPYTER_CONFIG_PATH:+:$JUPYTER_CONFIG_PATH}"
# Jupyter refuses to run as root without this flag; the server still listens on 127.0.0.1 only.
[ "$(id -u)" -eq 0 ] && extra+=(--allow-root)
echo
echo "$intro"
echo "  http://127.0.0.1:${port}/lab/tree/${home}?token=${token}"
echo "(Ctrl+C deux fois pour arrêter le serveur ; votre travail est enregistré à chaque vérification.)"
echo
exec .venv/bin/jupyter lab "$home" \
  --ServerApp.ip=127.0.0.1 --ServerApp.port="$port" --ServerApp.port_retries=0 \
  --IdentityProvider.token="$token" \
  --ServerApp.root_dir="$PWD" \
  --LabApp.news_url=None --LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate \
  --LabApp.extension_manager=readonly \
  --ServerApp.kernel_websocket_connection_class=influence_workbook.server.NoDelayKernelConnection \
  --ServerApp.open_browser="$open_browser" \
  --ServerApp.log_level=WARN --LabApp.log_level=WARN \
  "${extra[@]}"
