"""The static files a document may load, found the way the running site serves them.

In production (``ManifestStaticFilesStorage`` and its WhiteNoise subclass, after
``collectstatic``) templates name files by their hashed names (``decree30.06ae00ad7239.css``)
and the stylesheet's ``url(…)`` too; WhiteNoise serves them from STATIC_ROOT. The finders
only know the source tree's unhashed names, so with a manifest storage a name is looked up in
its manifest and read from STATIC_ROOT; without one (development, tests) the finders find it.
"""

from __future__ import annotations

import posixpath
from functools import lru_cache
from pathlib import Path

from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import ManifestFilesMixin
from django.core.files.storage import Storage, storages


def static_file(name: str) -> Path | None:
    """The file of the static name ``name`` (hashed or not), or None if the site serves no such file.

    Only a plain relative name can match: absolute names, ``..``, backslashes, empty or doubled
    segments and NUL bytes never do. Lookups are cached per storage (static files change only
    with a deployment, which restarts the workers).
    """
    if not _is_plain(name):
        return None
    return _lookup(storages["staticfiles"], name)


def _is_plain(name: str) -> bool:
    return (bool(name) and "\\" not in name and "\x00" not in name
            and posixpath.normpath(name) == name and not name.startswith(("/", "../"))
            and name != "..")


@lru_cache(maxsize=512)
def _lookup(storage: Storage, name: str) -> Path | None:
    if isinstance(storage, ManifestFilesMixin):
        if name not in _manifest_names(storage):
            return None
        path = Path(storage.path(name))
    else:
        found = finders.find(name)
        path = Path(found) if found else None
    return path if path is not None and path.is_file() else None


@lru_cache(maxsize=4)
def _manifest_names(storage: ManifestFilesMixin) -> frozenset[str]:
    """Original and hashed names of every file the manifest lists (read once per storage)."""
    return frozenset(storage.hashed_files) | frozenset(storage.hashed_files.values())
