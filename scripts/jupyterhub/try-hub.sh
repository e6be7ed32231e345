#!/usr/bin/env bash
# A trial JupyterHub serving the course, on this machine only (127.0.0.1), in a throw-away folder: to see
# the hub setup of the instructor guide work before a class. Not part of the course's install.
#   scripts/jupyterhub/try-hub.sh [folder]        (default: /tmp/iw-hub; Ctrl+C stops the hub)
# First run: a virtual environment in <folder>/venv with the course (pip install -r requirements.txt -c
# constraints.txt) and jupyterhub, and configurable-http-proxy from npm in <folder>/node_modules (Node.js
# needed). Test accounts: any name, password « essai-du-cours » (IW_HUB_PASSWORD); port 8765 (IW_HUB_PORT).
# Each learner's home is <folder>/homes/<name>. Then, from another terminal:
#   .venv/bin/python scripts/jupyterhub/try_hub_browser.py      (drives Chromium through the hub)
set -euo pipefail
course="$(cd "$(dirname "$0")/../.." && pwd)"
state="$(mkdir -p "${1:-/tmp/iw-hub}" && cd "${1:-/tmp/iw-hub}" && pwd)"
python="${IW_HUB_PYTHON:-python3}"
venv="$state/venv"
if [ ! -x "$venv/bin/jupyterhub" ]; then
  echo "Installation de l'essai dans $venv (quelques minutes)…"
  "$python" -m venv "$venv"
  "$venv/bin/pip" install --quiet --upgrade pip
  (cd "$course" && "$venv/bin/pip" install --quiet -r requirements.txt -c constraints.txt jupyterhub)
fi
if [ ! -x "$state/node_modules/.bin/configurable-http-proxy" ]; then
  (cd "$state" && npm install --no-audit --no-fund --silent configurable-http-proxy)
fi
mkdir -p "$state/homes"
export IW_HUB_COURSE="$course" IW_HUB_STATE="$state"
export IW_HUB_URL="http://127.0.0.1:${IW_HUB_PORT:-8765}"
export IW_HUB_PROXY="$state/node_modules/.bin/configurable-http-proxy"
export IW_HUB_TRIAL="${IW_HUB_PASSWORD:-essai-du-cours}"
export IW_HUB_CLASS_KEY="${IW_HUB_CLASS_KEY:-cle-de-la-classe-essai}"
export PATH="$venv/bin:$PATH"
cd "$state"
echo "JupyterHub d'essai : $IW_HUB_URL (mot de passe : $IW_HUB_TRIAL)"
exec "$venv/bin/jupyterhub" -f "$course/scripts/jupyterhub/jupyterhub_config.py"
