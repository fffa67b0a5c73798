"""Lay out a directory as ``<root>/static/…`` so bare WeasyPrint can load our static files.

Templates write absolute URLs ("/static/documents/decree30.css"); against a ``file://`` base
URL those resolve to the filesystem root, so the mirrored copies and the HTML use relative
URLs instead. Only the prefix changes; the markup, CSS rules and font files are the same.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.contrib.staticfiles import finders


def static_prefix() -> str:
    return "/" + settings.STATIC_URL.strip("/") + "/"


def mirror_static(html_parts: list[str], root: Path) -> list[str]:
    """Copy every static file the HTML needs (CSS and what it loads) under ``root``.

    Returns the HTML with static URLs relative to ``root``, to render with base URL
    ``root.as_uri() + "/"``.
    """
    pending = [name for html in html_parts for name in _references(html)]
    copied: set[str] = set()
    while pending:
        name = pending.pop()
        if name not in copied:
            copied.add(name)
            pending += _copy(name, root)
    return [_relative_urls(html, "static/") for html in html_parts]


def _references(text: str) -> list[str]:
    """Static file names (relative to STATIC_URL) in attribute values and ``url(…)``."""
    pattern = r"""(?<=["'(])""" + re.escape(static_prefix()) + r"""([^"'()\s?#]+)"""
    return re.findall(pattern, text)


def _copy(name: str, root: Path) -> list[str]:
    """Copy one static file; for a stylesheet, rewrite its URLs and return what it references."""
    found = finders.find(name)
    if found is None:
        raise FileNotFoundError(f"static file {name!r} not found by the staticfiles finders")
    target = root / "static" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    if not name.endswith(".css"):
        shutil.copyfile(found, target)
        return []
    css = Path(found).read_text(encoding="utf-8")
    up = "../" * (len(PurePosixPath(name).parts) - 1)
    target.write_text(_relative_urls(css, up), encoding="utf-8")
    return _references(css)


def _relative_urls(text: str, replacement: str) -> str:
    return re.sub(r"""(?<=["'(])""" + re.escape(static_prefix()), replacement, text)
