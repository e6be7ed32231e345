"""Round trip between a page and a kernel through JupyterLab's server, with and without TCP_NODELAY.

A click on « Vérifier » travels page → server → kernel and back as several small WebSocket
messages. Jupyter Server leaves Nagle's algorithm on for that socket; with the delayed
acknowledgement of Linux, some replies then wait ~40 ms. ``influence_workbook.server`` turns it
off (``make start`` and the browser tests use it). This benchmark starts JupyterLab twice, without
and with the option, and times ROUNDS tiny executions (``1``) sent over the kernel WebSocket from
Python: from the request to the kernel's « idle » status.

Run with ``python -m benchmarks roundtrip``.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "browser"))

import browser_harness as h

ROUNDS = 60
PAUSE_S = 0.1  # between round trips, as between a learner's actions
STALL_MS = 30.0  # a round trip this slow waited for an acknowledgement


def _execute_request(msg_id: str) -> str:
    return json.dumps({
        "header": {"msg_id": msg_id, "msg_type": "execute_request", "username": "", "session": "bench",
                   "version": "5.3", "date": ""},
        "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
        "content": {"code": "1", "silent": False, "store_history": False, "user_expressions": {},
                    "allow_stdin": False},
    })


async def _round_trips(url: str) -> list[float]:
    from tornado.websocket import websocket_connect

    connection = await websocket_connect(url)
    await asyncio.sleep(2)  # the kernel is started and idle
    times: list[float] = []
    for _ in range(ROUNDS):
        msg_id = uuid.uuid4().hex
        started = time.perf_counter()
        await connection.write_message(_execute_request(msg_id))
        while True:
            reply = await connection.read_message()
            if reply is None:
                raise RuntimeError("the kernel WebSocket closed")
            if isinstance(reply, bytes):
                continue
            message = json.loads(reply)
            if (message.get("parent_header", {}).get("msg_id") == msg_id and message["msg_type"] == "status"
                    and message["content"]["execution_state"] == "idle"):
                break
        times.append(1000 * (time.perf_counter() - started))
        await asyncio.sleep(PAUSE_S)
    connection.close()
    return times


def measure(no_delay: bool) -> list[float]:
    with h.JupyterLabServer(options=(h.NO_DELAY_OPTION,) if no_delay else ()) as lab:
        kernel = lab.api("POST", "/api/kernels")
        url = f"ws://127.0.0.1:{lab.port}/api/kernels/{kernel['id']}/channels?token={lab.token}"
        return asyncio.run(_round_trips(url))


def main() -> None:
    print(f"{ROUNDS} round trips page → server → kernel → page (execute « 1 », until idle), in ms")
    stalled = f"> {STALL_MS:.0f} ms"
    print(f"| {'server option':<30} | {'median':>6} | {'90th pct':>8} | {'max':>5} | {stalled:>8} |")
    print(f"|{'-' * 32}|{'-' * 7}:|{'-' * 9}:|{'-' * 6}:|{'-' * 9}:|")
    for no_delay in (False, True):
        times = sorted(measure(no_delay))
        label = "TCP_NODELAY (make start)" if no_delay else "Jupyter Server's default"
        stalls = sum(1 for t in times if t > STALL_MS)
        print(f"| {label:<30} | {statistics.median(times):>6.1f} | {times[int(0.9 * len(times))]:>8.1f} | "
              f"{times[-1]:>5.1f} | {stalls:>3} / {len(times):<2} |")


if __name__ == "__main__":
    main()
