"""The JupyterLab server option that sends kernel messages to the page without Nagle's delay, and how
`make start` starts: the port check, one address printed, a quiet start-up log."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest
from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection

from influence_workbook.server import LAB_OPTION, NoDelayKernelConnection
from influence_workbook.startup import port_is_free

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


# ----------------------------------------------------------------------------- make start (issue 20, item 7)


def _closed_by_the_server_side(port_holder: socket.socket) -> int:
    """A server on a free port that accepted one connection and closed it first, then stopped:
    what a Ctrl+C leaves behind (its side of the connection waits in TIME_WAIT)."""
    port_holder.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    port_holder.bind(("127.0.0.1", 0))
    port_holder.listen(1)
    port = int(port_holder.getsockname()[1])
    client = socket.create_connection(("127.0.0.1", port))
    accepted, _ = port_holder.accept()
    accepted.close()  # the server closes first: its end of the connection goes to TIME_WAIT
    client.recv(1)
    client.close()
    port_holder.close()
    time.sleep(0.05)
    return port


def test_a_port_freed_by_a_server_that_just_stopped_is_free() -> None:
    port = _closed_by_the_server_side(socket.socket())
    # The situation of the report: the old check (a bind without SO_REUSEADDR) refused the port.
    with socket.socket() as plain, pytest.raises(OSError):
        plain.bind(("127.0.0.1", port))
    assert port_is_free(port)


def test_a_port_where_a_server_listens_is_not_free() -> None:
    with socket.socket() as listening:
        listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listening.bind(("127.0.0.1", 0))
        listening.listen(1)
        assert not port_is_free(int(listening.getsockname()[1]))


def test_start_asks_the_course_module_about_the_port_and_the_browser() -> None:
    script = (REPO / "scripts" / "start.sh").read_text()
    assert "-m influence_workbook.startup port-free" in script
    assert "-m influence_workbook.startup has-browser" in script
    assert "s.bind(" not in script


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _no_browser_environment(tmp_path: Path) -> dict[str, str]:
    """A PATH with only what start.sh needs, no display: no browser to find, as on a server."""
    tools = tmp_path / "bin"
    tools.mkdir()
    for tool in ("bash", "dirname", "id", "env"):
        found = shutil.which(tool)
        assert found, tool
        (tools / tool).symlink_to(found)
    env = {key: value for key, value in os.environ.items()
           if key not in {"DISPLAY", "WAYLAND_DISPLAY", "BROWSER"}}
    env["PATH"] = str(tools)
    # The learner's workspace and progress go to a temporary home, not the tester's.
    env["HOME"] = str(tmp_path / "home")
    for key in [key for key in env if key.startswith("INFLUENCE_WORKBOOK_") and key != "INFLUENCE_WORKBOOK_TODAY"]:
        del env[key]
    return env


def _start(port: int, env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(["bash", "scripts/start.sh", str(port)], cwd=REPO, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)


def _wait_until_served(port: int, process: subprocess.Popen[str], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()[0]
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("JupyterLab did not start")


def _stop(process: subprocess.Popen[str]) -> str:
    process.send_signal(signal.SIGTERM)  # what a double Ctrl+C does: stop at once
    try:
        output, _ = process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        output, _ = process.communicate()
    return output


@pytest.mark.slow
def test_make_start_prints_one_address_and_restarts_right_after_a_stop(tmp_path: Path) -> None:
    env = _no_browser_environment(tmp_path)
    port = _free_port()
    first = _start(port, env)
    try:
        _wait_until_served(port, first)
        # A page open in the browser: a connection the server will close when it stops.
        with socket.create_connection(("127.0.0.1", port)) as page:
            page.sendall(b"GET /lab HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            time.sleep(2)  # the server logs its late start-up lines (language servers) meanwhile
            output = _stop(first)
    finally:
        if first.poll() is None:
            first.kill()
    urls = re.findall(r"https?://\S+", output)
    assert len(urls) == 1, output
    assert urls[0].startswith(f"http://127.0.0.1:{port}/voila/render/cours/00_accueil.ipynb?token=")
    assert "token=..." not in output
    assert "No web browser found" not in output and "Skipped non-installed" not in output, output
    assert "Ouvrez cette adresse dans votre navigateur" in output
    # Restarted at once, as a learner does after Ctrl+C: the port is accepted and the server starts.
    again = _start(port, env)
    try:
        _wait_until_served(port, again)
    finally:
        second = _stop(again)
    assert "déjà utilisé" not in second, second


def test_saved_notebooks_forget_their_widget_views_and_keep_everything_else() -> None:
    from influence_workbook.server import WIDGET_VIEW, forget_widget_views

    widget = {"output_type": "display_data", "metadata": {},
              "data": {WIDGET_VIEW: {"model_id": "abc"}, "text/plain": "VBox(children=(HTML(value='<p>…'),))"}}
    printed = {"output_type": "stream", "name": "stdout", "text": "Réussi (6/6 critères).\n"}
    model = {"type": "notebook", "content": {
        "metadata": {"widgets": {"state": {}}, "kernelspec": {"name": "python3"}},
        "cells": [{"cell_type": "code", "source": "concept_workshop()", "outputs": [widget, printed]},
                  {"cell_type": "markdown", "source": "Texte"}]}}
    forget_widget_views(model, path="chapitres/03.ipynb", contents_manager=None)
    content = model["content"]
    assert content["cells"][0]["outputs"] == [printed]
    assert content["cells"][0]["source"] == "concept_workshop()"
    assert content["metadata"] == {"kernelspec": {"name": "python3"}}
    text_file = {"type": "file", "content": "{}"}
    forget_widget_views(text_file)
    assert text_file == {"type": "file", "content": "{}"}


def _course_server_config() -> dict[str, Any]:
    """config/jupyter/jupyter_server_config.json, the configuration make start and the browser tests use."""
    from influence_workbook.paths import course_root

    return dict(json.loads((course_root() / "config" / "jupyter" / "jupyter_server_config.json").read_text()))


def test_the_course_server_config_names_the_hook() -> None:
    from influence_workbook.server import forget_widget_views

    module, _, name = _course_server_config()["ContentsManager"]["pre_save_hook"].rpartition(".")
    assert getattr(__import__(module, fromlist=[name]), name) is forget_widget_views


# ----------------------------------------------------------------------------- kernel WebSockets stay open


def _closed_at_ping(settings: dict[str, object], pong_after_each_ping: bool, pings: int,
                    monkeypatch: pytest.MonkeyPatch) -> int | None:
    """Run Jupyter Server's own ping loop (WebSocketMixin.send_ping) on a clock of our own; the number of the
    ping at which it closes the connection, None if it never does."""
    import logging
    from types import SimpleNamespace

    from jupyter_server.base import websocket

    clock = SimpleNamespace(now=1000.0)
    loop = SimpleNamespace(time=lambda: clock.now)
    monkeypatch.setattr(websocket.ioloop.IOLoop, "current", staticmethod(lambda: loop))

    class Handler(websocket.WebSocketMixin):
        log = logging.getLogger("test_server")
        ws_connection = SimpleNamespace(client_terminated=False)
        ping_callback = object()
        closed = False

        def __init__(self) -> None:
            self.settings = settings
            self.last_ping = self.last_pong = clock.now  # what open() sets

        def close(self) -> None:
            self.closed = True

        def ping(self, _data: bytes) -> None:
            if pong_after_each_ping:
                clock.now += 0.005  # the browser answers within milliseconds
                self.on_pong(b"")

    handler = Handler()
    for number in range(1, pings + 1):
        clock.now += handler.ping_interval / 1000 + 0.002  # the periodic callback runs a little late
        handler.send_ping()
        if handler.closed:
            return number
    return None


def _course_tornado_settings() -> dict[str, object]:
    return dict(_course_server_config()["ServerApp"]["tornado_settings"])


def test_the_course_server_keeps_a_kernel_websocket_open_while_the_page_answers(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # Closed at the first ping, JupyterLab and Voilà reconnect every 30 s and ipywidgets reloads every widget
    # from the kernel, putting a text just typed back to its previous value (server.TornadoPingWarningFilter).
    assert _closed_at_ping(_course_tornado_settings(), True, 10, monkeypatch) is None
    # The same loop closes a connection whose page stopped answering: 90 s, the third ping.
    assert _closed_at_ping(_course_tornado_settings(), False, 10, monkeypatch) == 3
    # ... and closes at the first ping with the timeout the course once set to silence Tornado.
    assert _closed_at_ping({**_course_tornado_settings(), "ws_ping_timeout": 30000}, True, 10, monkeypatch) == 1


def test_only_tornados_ping_warning_is_dropped() -> None:
    import logging

    from influence_workbook.server import quiet_tornado_ping_warning

    logger = logging.getLogger("tornado.general")
    seen: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            seen.append(record.getMessage())

    collect = Collect()
    logger.addHandler(collect)
    try:
        quiet_tornado_ping_warning()
        quiet_tornado_ping_warning()  # the extension may load twice: one filter
        logger.warning("The websocket_ping_timeout (90000) cannot be longer than the websocket_ping_interval "
                       "(30000).\nSetting websocket_ping_timeout=30000")
        logger.warning("Malformed HTTP message from 127.0.0.1")
    finally:
        logger.removeHandler(collect)
    assert seen == ["Malformed HTTP message from 127.0.0.1"]
    assert sum(type(f).__name__ == "TornadoPingWarningFilter" for f in logger.filters) == 1
