"""A fair, bounded queue for the SQL box's worker processes.

One server's sessions share a few workers. Before, they shared one worker behind one lock:
three endless queries made another user's ``SELECT 42`` wait 5.7 s, and the wait grew with
every user who joined (attack 8 of issue 13). Now each session may have one query waiting or
running at a time, queries get a worker in the order they arrived, and a query that cannot
get one within ``wait_s`` is refused in one line: the wait is bounded however many people
use the box at once.
"""

import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from tco.data.sql.sandbox import QueryRefusedError


class FairQueue:
    """Hands out one of ``slots`` workers by order of arrival, one request per session."""

    def __init__(self, slots: int, wait_s: float) -> None:
        self.wait_s = wait_s
        self._busy = [False] * slots
        self._arrivals: deque[object] = deque()
        self._sessions: set[str] = set()
        self._changed = threading.Condition()

    @contextmanager
    def slot(self, session: str, prefer: Callable[[int], bool] = lambda _: False) -> Iterator[int]:
        """The index of a free worker for the block (``prefer``'s choice when one is free),
        or QueryRefusedError when the session already waits or runs, or no worker frees in
        time."""
        index = self._take(session, prefer)
        try:
            yield index
        finally:
            with self._changed:
                self._busy[index] = False
                self._sessions.discard(session)
                self._changed.notify_all()

    def _take(self, session: str, prefer: Callable[[int], bool]) -> int:
        ticket = object()
        with self._changed:
            if session and session in self._sessions:
                raise QueryRefusedError("your previous query is still running; wait for its answer")
            self._sessions.add(session)
            self._arrivals.append(ticket)
            deadline = time.monotonic() + self.wait_s
            while True:
                free = [i for i, busy in enumerate(self._busy) if not busy]
                if free and self._arrivals[0] is ticket:
                    index = next((i for i in free if prefer(i)), free[0])
                    self._arrivals.popleft()
                    self._busy[index] = True
                    self._changed.notify_all()
                    return index
                left = deadline - time.monotonic()
                if left <= 0:
                    ahead = self._arrivals.index(ticket)
                    self._arrivals.remove(ticket)
                    self._sessions.discard(session)
                    self._changed.notify_all()
                    raise QueryRefusedError(
                        f"the SQL box is busy with other people's queries ({ahead} waiting "
                        f"ahead of yours); try again in a few seconds"
                    )
                self._changed.wait(left)
