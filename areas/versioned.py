"""Rarely changed data that every page reads, cached through Django's cache framework.

Each kind of data belongs to a namespace ("units", "ethnic-groups", …) whose version number is
kept in the cache too. A write bumps the version, so the next read on any server builds a new
key, misses and reads the database: with Redis as the cache (``CACHE_URL``) every worker sees a
change on its very next request. Nothing is held in a process's own memory.

The version is bumped at once (so the writing request, and a test's transaction, see the change)
and again when the transaction commits: a reader that ran between the write and its commit may
have cached the old data under the first new version.
"""

import hashlib
import time
from collections.abc import Callable, Iterable

from django.core.cache import cache
from django.db import transaction

_MISSING = object()
TIMEOUT = 300  # seconds: a safety net only; versions make changes visible at once


def _version_key(namespace: str) -> str:
    return f"version:{namespace}"


def versions(namespaces: Iterable[str]) -> list[int]:
    """The current version of each namespace, created if the cache has none (new or evicted)."""
    names = list(namespaces)
    found = cache.get_many([_version_key(name) for name in names])
    result = []
    for name in names:
        value = found.get(_version_key(name))
        if value is None:
            # A clock value, not 1: after an eviction the old keys must not be found again.
            cache.add(_version_key(name), time.time_ns(), timeout=None)
            value = cache.get(_version_key(name), 0)
        result.append(value)
    return result


def _bump_now(namespace: str) -> None:
    try:
        cache.incr(_version_key(namespace))
    except ValueError:  # no version yet (or evicted): any new one differs from the old keys
        cache.set(_version_key(namespace), time.time_ns(), timeout=None)


def bump(*namespaces: str) -> None:
    """Make every cached value of ``namespaces`` stale for every server."""
    for namespace in namespaces:
        _bump_now(namespace)
        transaction.on_commit(lambda namespace=namespace: _bump_now(namespace))


def cached(namespaces: str | tuple[str, ...], key: str, compute: Callable[[], object], *,
           timeout: int = TIMEOUT):
    """``compute()``'s value, cached under ``key`` until a namespace it depends on is bumped."""
    names = (namespaces,) if isinstance(namespaces, str) else namespaces
    stamp = ".".join(str(v) for v in versions(names))
    full_key = f"{'+'.join(names)}:{stamp}:{short(key)}"
    value = cache.get(full_key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(full_key, value, timeout)
    return value


def short(key: str) -> str:
    """``key`` as a cache key part: short and without spaces, whatever its content."""
    if len(key) <= 60 and key.isascii() and " " not in key:
        return key
    return hashlib.sha256(key.encode()).hexdigest()[:40]
