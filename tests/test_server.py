"""The JupyterLab server option that sends kernel messages to the page without Nagle's delay."""

from __future__ import annotations

from pathlib import Path

import pytest
from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection

from influence_workbook.server import LAB_OPTION, NoDelayKernelConnection

REPO = Path(__file__).resolve().parents[1]


def test_the_connection_turns_nagle_off_before_connecting(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[object] = []
    monkeypatch.setattr(ZMQChannelsWebsocketConnection, "connect", lambda self: calls.append("connect"))

    class Handler:
        def set_nodelay(self, value: bool) -> None:
            calls.append(("nodelay", value))

    connection = NoDelayKernelConnection.__new__(NoDelayKernelConnection)
    connection._trait_values["websocket_handler"] = Handler()  # the real one needs a live request
    connection.connect()
    assert calls == [("nodelay", True), "connect"]


def test_make_start_and_the_browser_tests_use_the_option() -> None:
    class_path = LAB_OPTION.split("=", 1)[1]
    module, name = class_path.rsplit(".", 1)
    assert (module, name) == (NoDelayKernelConnection.__module__, NoDelayKernelConnection.__name__)
    assert LAB_OPTION in (REPO / "scripts" / "start.sh").read_text().replace(" \\\n  ", " ")
    harness = (REPO / "tests" / "browser" / "browser_harness.py").read_text()
    assert "options: Sequence[str] = (NO_DELAY_OPTION,)" in harness
