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

from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection

#: The command-line option that selects the connection class below.
LAB_OPTION = "--ServerApp.kernel_websocket_connection_class=influence_workbook.server.NoDelayKernelConnection"


class NoDelayKernelConnection(ZMQChannelsWebsocketConnection):
    """Jupyter Server's kernel WebSocket connection, with Nagle's algorithm off on its socket."""

    def connect(self) -> asyncio.Future[None] | None:  # type: ignore[override]  # as its parent
        self.websocket_handler.set_nodelay(True)
        result: asyncio.Future[None] | None = super().connect()
        return result
