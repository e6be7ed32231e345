"""A JupyterHub configuration for a class taking the course (a starting point to adapt).

Documented in the instructor guide (book/guide-enseignant.md, « Une classe sur JupyterHub »). Values marked
ADAPT depend on your server. `scripts/jupyterhub/try-hub.sh` runs this file for a trial on one machine, with
the settings it sets through environment variables (IW_HUB_*): a throw-away folder, a test password, and
every learner's server started as the same system user with their own home folder.
"""

import os
from pathlib import Path

c = get_config()  # type: ignore[name-defined]  # noqa: F821  # provided by JupyterHub when it reads this file

COURSE = Path(os.environ.get("IW_HUB_COURSE", "/srv/influence-workbook"))  # ADAPT: the clone of the course
STATE = Path(os.environ.get("IW_HUB_STATE", "/srv/jupyterhub"))  # ADAPT: the hub's own files

c.JupyterHub.bind_url = os.environ.get("IW_HUB_URL", "http://127.0.0.1:8000")  # ADAPT (behind HTTPS)
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.ConfigurableHTTPProxy.pid_file = str(STATE / "jupyterhub-proxy.pid")
if os.environ.get("IW_HUB_PROXY"):
    c.ConfigurableHTTPProxy.command = [os.environ["IW_HUB_PROXY"]]

# Each learner's server: the course's wrapper, which builds their workspace in their home and applies the
# course's JupyterLab settings, then starts jupyterhub-singleuser. It opens the course home in course mode.
c.Spawner.cmd = [str(COURSE / "scripts" / "hub-singleuser.sh")]
c.Spawner.default_url = "/voila/render/cours/00_accueil.ipynb"
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
# The class key signs the learners' progress exports (« Exporter ma progression »): set it here, and
# the page no longer asks for it. ADAPT: your own key (python -m influence_workbook.class_report cle).
c.Spawner.environment = {"INFLUENCE_WORKBOOK_CLASS_KEY": os.environ.get("IW_HUB_CLASS_KEY", "")}
# Measured per learner (guide): a kernel with a chapter open takes 55 to 145 MiB, the server and Voilà
# about 150 MiB more. Spawners that enforce limits (DockerSpawner, SystemdSpawner, KubeSpawner) read these.
c.Spawner.mem_limit = "1G"
c.Spawner.cpu_limit = 1.0
# Idle servers can be stopped by the jupyterhub-idle-culler service (see its documentation).

if os.environ.get("IW_HUB_TRIAL"):
    # Trial on one machine: test accounts with one shared password, every server run as the hub's system
    # user, each learner with a home folder of their own (their progress and workspace go there).
    c.JupyterHub.authenticator_class = "shared-password"  # JupyterHub 5.3 and later
    c.SharedPasswordAuthenticator.user_password = os.environ["IW_HUB_TRIAL"]
    c.Authenticator.allow_all = True
    c.JupyterHub.spawner_class = "simple"
    c.SimpleLocalProcessSpawner.home_dir_template = str(STATE / "homes" / "{username}")
else:
    # ADAPT: the learners' accounts. With system accounts (PAM, the default), each learner's server runs as
    # that user, in their own home. For a campus login, use an OAuthenticator or LTI authenticator.
    c.Authenticator.allowed_users = set()  # or c.Authenticator.allow_all = True with a closed login
