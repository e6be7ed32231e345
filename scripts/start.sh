#!/usr/bin/env bash
# Opens the course home in JupyterLab, on 127.0.0.1 only, with a random token (never disabled).
# Nothing reaches other hosts at run time: no news feed, no update check, no extension catalogue.
set -euo pipefail
cd "$(dirname "$0")/.."
port="${1:-8888}"
token="$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(24))')"
home="notebooks/00_accueil.ipynb"
if ! .venv/bin/python -c "import socket,sys; s=socket.socket(); s.bind(('127.0.0.1', int(sys.argv[1])))" "$port" 2>/dev/null; then
  echo "Le port ${port} est déjà utilisé (un autre JupyterLab ouvert ?). Choisissez-en un autre : make start PORT=8890" >&2
  exit 1
fi
extra=()
# The course's JupyterLab defaults (config/README.md): no news prompt, no update check.
export JUPYTER_CONFIG_PATH="$PWD/config/jupyter${JUPYTER_CONFIG_PATH:+:$JUPYTER_CONFIG_PATH}"
# Jupyter refuses to run as root without this flag; the server still listens on 127.0.0.1 only.
[ "$(id -u)" -eq 0 ] && extra+=(--allow-root)
echo
echo "Le cours s'ouvre dans JupyterLab. Si le navigateur ne s'ouvre pas, copiez cette adresse :"
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
  "${extra[@]}"
