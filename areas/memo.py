"""A small per-process cache with expiry, for reference data that every page reads and that
changes a few times a year (the unit tree, the ethnic groups).

Each cache is cleared at once by the signals of the process that changes its data; other worker
processes catch up within ``ttl`` seconds.
"""

import threading
import time
from collections.abc import Callable, Hashable


class ProcessCache:
    instances: list["ProcessCache"] = []

    def __init__(self, ttl: float, size: int = 2048):
        ProcessCache.instances.append(self)
        self.ttl, self.size = ttl, size
        self._items: dict[Hashable, tuple[float, object]] = {}
        self._lock = threading.Lock()
        self.clock: Callable[[], float] = time.monotonic

    def get(self, key: Hashable, compute: Callable[[], object]):
        now = self.clock()
        hit = self._items.get(key)
        if hit is not None and now - hit[0] < self.ttl:
            return hit[1]
        value = compute()
        with self._lock:
            if len(self._items) >= self.size:
                self._items.clear()
            self._items[key] = (now, value)
        return value

    def clear(self, **_signal_kwargs) -> None:
        with self._lock:
            self._items.clear()


def clear_all() -> None:
    """Empty every cache of the process (tests, after a bulk load)."""
    for cache in ProcessCache.instances:
        cache.clear()
