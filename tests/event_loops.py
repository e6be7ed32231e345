"""Run a test's scenario on an event loop of its own, as a kernel runs a click (tests of deferred saves)."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Coroutine
from typing import Any


def in_a_thread(body: Callable[[], None]) -> None:
    """Run ``body`` in a thread of its own; its failures are raised here.

    A thread, because in ``make test`` the browser tests' Playwright already holds a (non-turning)
    loop in the main thread, where ``asyncio.run`` refuses to start another and which
    ``asyncio.get_event_loop`` would return.
    """
    failures: list[BaseException] = []

    def run() -> None:
        try:
            body()
        except BaseException as failure:  # re-raised in the test's own thread below
            failures.append(failure)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=60)
    assert not thread.is_alive(), "the scenario did not finish"
    if failures:
        raise failures[0]


def on_a_loop_of_its_own(scenario: Callable[[], Coroutine[Any, Any, None]]) -> None:
    """Run ``scenario`` with ``asyncio.run`` in a thread of its own (:func:`in_a_thread`)."""
    in_a_thread(lambda: asyncio.run(scenario()))
