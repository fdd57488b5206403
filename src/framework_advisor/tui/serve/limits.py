"""How many wrong codes the room takes: a few a minute per client address, and a cap over all."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable

from framework_advisor.domain.text import Message, message

PER_CLIENT = 5
OVERALL = 30
WINDOW = 60.0


class WrongCodes:
    """Counts wrong codes in a sliding window. While a client (or the room) is over its limit,
    every attempt is refused, the right code too: that is what stops guessing."""

    def __init__(
        self,
        per_client: int = PER_CLIENT,
        overall: int = OVERALL,
        window: float = WINDOW,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.per_client, self.overall, self.window, self.clock = per_client, overall, window, clock
        self._by_client: dict[str, deque[float]] = {}
        self._all: deque[float] = deque()

    def _prune(self, now: float) -> None:
        horizon = now - self.window
        while self._all and self._all[0] <= horizon:
            self._all.popleft()
        for client in list(self._by_client):
            times = self._by_client[client]
            while times and times[0] <= horizon:
                times.popleft()
            if not times:
                del self._by_client[client]

    def refusal(self, client: str) -> Message | None:
        """Why this client may not try now (a message of the catalogue's), or None."""
        self._prune(self.clock())
        if len(self._by_client.get(client, ())) >= self.per_client:
            return message("app.room.too_many_device", most=self.per_client)
        if len(self._all) >= self.overall:
            return message("app.room.too_many_room")
        return None

    def record(self, client: str) -> None:
        now = self.clock()
        self._all.append(now)
        self._by_client.setdefault(client, deque()).append(now)
