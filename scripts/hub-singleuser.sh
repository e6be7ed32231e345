#!/usr/bin/env bash
# One learner's server on a JupyterHub: the hub runs this script as the learner (Spawner.cmd, see
# scripts/jupyterhub/jupyterhub_config.py and the instructor guide, « Une classe sur JupyterHub »).
# It does what `make start` does on a laptop, in the learner's own home:
#   - the course's JupyterLab and Voilà settings (config/jupyter, config/jupyter-data): French interface,
#     no news from jupyter.org, no update check, the course-mode page template;
#   - the learner's workspace, ~/.influence-workbook/espace (cours/, chapitres/, exercices/; no solutions),
#     built from this clone of the course and refreshed at each start without losing the learner's edits;
#     their progress file sits beside it, ~/.influence-workbook/progression.json (INFLUENCE_WORKBOOK_HOME
#     moves both);
#   - then JupyterHub's single-user server, which opens the course home in course mode (Voilà), with
#     JupyterLab (student mode) one link away. Extra arguments from the hub are passed on.
# The course must be installed from a clone in the single-user environment (pip install -r
# requirements.txt -c constraints.txt, which installs the package in editable mode from the clone), with
# jupyterhub in the same environment (it provides jupyterhub-singleuser).
set -euo pipefail
course="$(cd "$(dirname "$0")/.." && pwd)"
if ! singleuser="$(command -v jupyterhub-singleuser)"; then
  echo "jupyterhub-singleuser introuvable : installez jupyterhub dans l'environnement Python du cours." >&2
  exit 1
fi
python="$(dirname "$singleuser")/python"
export INFLUENCE_WORKBOOK_ROOT="${INFLUENCE_WORKBOOK_ROOT:-$course}"
export JUPYTER_CONFIG_PATH="$course/config/jupyter${JUPYTER_CONFIG_PATH:+:$JUPYTER_CONFIG_PATH}"
export JUPYTER_PATH="$course/config/jupyter-data${JUPYTER_PATH:+:$JUPYTER_PATH}"
# Voilà reads a deprecated token setting at start-up: its DeprecationWarning is for developers.
export PYTHONWARNINGS="ignore::DeprecationWarning:traitlets.traitlets${PYTHONWARNINGS:+,$PYTHONWARNINGS}"
# The learner's copies. The last line printed is the folder; the lines before are notices (kept edits).
if ! built="$("$python" -m influence_workbook.workspace)"; then
  exit 1
fi
workspace="${built##*$'\n'}"
[ "$built" = "$workspace" ] || printf '%s\n' "${built%$'\n'*}" >&2
extra=()
# Jupyter refuses to run as root without this flag (a trial hub whose spawner runs as root).
[ "$(id -u)" -eq 0 ] && extra+=(--allow-root)
exec "$singleuser" \
  --ServerApp.root_dir="$workspace" \
  --KernelManager.transport=ipc \
  --LabApp.news_url=None --LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate \
  --LabApp.extension_manager=readonly \
  --ServerApp.kernel_websocket_connection_class=influence_workbook.server.NoDelayKernelConnection \
  "${extra[@]}" "$@"
