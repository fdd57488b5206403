"""How many wrong codes the room takes: a few a minute per client address, and a cap over all."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable

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

    def refusal(self, client: str) -> str | None:
        """Why this client may not try now, or None."""
        self._prune(self.clock())
        if len(self._by_client.get(client, ())) >= self.per_client:
            return (
                f"Too many wrong codes from your device ({self.per_client} in a minute). "
                "Wait a minute, then check the code with your facilitator."
            )
        if len(self._all) >= self.overall:
            return (
                "Too many wrong codes in this room in the last minute. "
                "Wait a minute, then try again."
            )
        return None

    def record(self, client: str) -> None:
        now = self.clock()
        self._all.append(now)
        self._by_client.setdefault(client, deque()).append(now)
