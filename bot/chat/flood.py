"""Per-user flood control: at most N questions in any sliding minute."""
from __future__ import annotations

import time
from collections import defaultdict, deque
from collections.abc import Callable


class FloodGate:
    """A sliding-window counter per user; the clock is injectable for tests."""

    def __init__(self, limit: int, period_s: float = 60.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit = limit
        self.period_s = period_s
        self.clock = clock
        self._seen: dict[int, deque[float]] = defaultdict(deque)

    def allow(self, user_id: int) -> bool:
        """Count one question from this user; False when over the limit (not counted)."""
        now = self.clock()
        window = self._seen[user_id]
        while window and now - window[0] >= self.period_s:
            window.popleft()
        if len(window) >= self.limit:
            return False
        window.append(now)
        return True
