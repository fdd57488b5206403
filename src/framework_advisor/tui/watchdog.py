"""A served app ends when its server goes: its stdin closes, or it is handed to another parent.

textual-serve's web driver stops reading at the end of its input but leaves the app running,
and a server killed outright (SIGKILL) cannot ask its apps to quit: without this, they would
live on."""

from __future__ import annotations

import os
import select
import sys
import threading
from collections.abc import Callable

GRACE = 10.0  # seconds for the app to save and quit before the process is ended


def watch_server(quit_app: Callable[[], None], check_every: float = 1.0) -> threading.Thread:
    parent = os.getppid()
    stdin = sys.__stdin__.fileno() if sys.__stdin__ else 0
    poller = select.poll()
    poller.register(stdin, 0)  # no events asked for: poll still reports a hang-up

    def gone() -> bool:
        hung_up = any(event & (select.POLLHUP | select.POLLERR | select.POLLNVAL)
                      for _, event in poller.poll(check_every * 1000))  # fmt: skip
        return hung_up or os.getppid() != parent

    def run() -> None:
        while not gone():
            pass
        quit_app()
        deadline = threading.Timer(GRACE, os._exit, args=(0,))
        deadline.daemon = True
        deadline.start()

    thread = threading.Thread(target=run, name="server-watchdog", daemon=True)
    thread.start()
    return thread
