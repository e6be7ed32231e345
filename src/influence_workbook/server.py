"""How the course's JupyterLab server talks to the page: kernel messages sent without delay.

Jupyter Server relays kernel messages to the browser over a WebSocket on which Nagle's algorithm
is left on. A click on « Vérifier » answers with several small messages in a row (kernel busy,
the feedback, the saved status, kernel idle); with Nagle on, the second one waits for the
browser's delayed acknowledgement, up to 40 ms on Linux. Measured here on 40 round trips through
the server: most took 7–16 ms, a quarter took 45 ms. Setting TCP_NODELAY on the socket, as Tornado's
documentation advises for such traffic, removes the stall.

``make start`` and the browser tests start JupyterLab with
``--ServerApp.kernel_websocket_connection_class=influence_workbook.server.NoDelayKernelConnection``
(Jupyter Server's supported way to choose this class).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection
from jupyter_server.utils import url_path_join
from tornado import web

#: The command-line option that selects the connection class below.
LAB_OPTION = "--ServerApp.kernel_websocket_connection_class=influence_workbook.server.NoDelayKernelConnection"


class NoDelayKernelConnection(ZMQChannelsWebsocketConnection):
    """Jupyter Server's kernel WebSocket connection, with Nagle's algorithm off on its socket."""

    def connect(self) -> asyncio.Future[None] | None:  # type: ignore[override]  # as its parent
        self.websocket_handler.set_nodelay(True)
        result: asyncio.Future[None] | None = super().connect()
        return result


class TornadoPingWarningFilter(logging.Filter):
    """Drops Tornado's warning that « the websocket_ping_timeout (90000) cannot be longer than the
    websocket_ping_interval (30000) », a false alarm printed in the learner's terminal at the first page.

    Jupyter Server gives its WebSocket handlers ``ping_interval`` and ``ping_timeout`` in milliseconds: a ping
    every 30 s, the connection closed after 90 s without an answer. Tornado 6.5 reads the same properties as
    seconds (it would ping every 30 000 s, that is never) and finds the timeout longer than the interval.
    The course once silenced it with ``ws_ping_timeout = 30000`` instead: Jupyter Server then closed every kernel
    WebSocket at its first ping, 30 s after it opened (no answer could have come yet). JupyterLab and Voilà
    reconnected, ipywidgets reloaded every widget from the kernel, and a text typed in the meantime, not yet
    echoed by the kernel, went back to its previous value on the screen (chapter 9's thirty fields, in CI).
    """

    PREFIX = "The websocket_ping_timeout ("

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(self.PREFIX)


def quiet_tornado_ping_warning() -> None:
    """Add :class:`TornadoPingWarningFilter` to Tornado's logger, once."""
    logger = logging.getLogger("tornado.general")
    if not any(isinstance(existing, TornadoPingWarningFilter) for existing in logger.filters):
        logger.addFilter(TornadoPingWarningFilter())


WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def forget_widget_views(model: dict[str, Any], **_: Any) -> None:
    """Jupyter Server's pre-save hook: a notebook is saved without its live widgets' views.

    A widget lives in its kernel. Saved into the file, its view comes back after a reload or a server
    restart as a dead ``VBox(children=…)`` text or « Error displaying widget: model not found », and the
    workshop looks broken until the cells run again. Saved without it, the cell simply has no output
    yet and the page says how to run it. Everything else (the learner's code, text, other outputs)
    is saved as it is. Set as ``ContentsManager.pre_save_hook`` in ``config/jupyter``.
    """
    if model.get("type") != "notebook" or not isinstance(model.get("content"), dict):
        return
    notebook = model["content"]
    metadata = notebook.get("metadata")
    if isinstance(metadata, dict):
        metadata.pop("widgets", None)
    for cell in notebook.get("cells", []):
        if not isinstance(cell, dict) or not isinstance(cell.get("outputs"), list):
            continue
        cell["outputs"] = [
            output for output in cell["outputs"]
            if not (isinstance(output, dict) and WIDGET_VIEW in (output.get("data") or {}))
        ]


class XsrfCookieHandler(JupyterHandler):
    """``GET /influence-workbook/xsrf``: sets Jupyter's ``_xsrf`` cookie, answers 204.

    A course-mode page asks Voilà to shut its kernel down when it closes (a beacon that carries the
    ``_xsrf`` cookie's value), but Voilà's page never sets that cookie: the beacon was refused (403)
    and the kernel kept running until the idle culler (``config/jupyter``). The course's page template
    calls this once, when the cookie is missing.
    """

    @web.authenticated
    def get(self) -> None:
        self.xsrf_token  # noqa: B018 - reading the token is what makes Tornado set the cookie
        self.set_status(204)
        self.finish()


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    return [{"module": "influence_workbook.server"}]


def _load_jupyter_server_extension(serverapp: Any) -> None:
    quiet_tornado_ping_warning()
    web_app = serverapp.web_app
    route = url_path_join(web_app.settings["base_url"], "influence-workbook/xsrf")
    web_app.add_handlers(".*$", [(route, XsrfCookieHandler)])
