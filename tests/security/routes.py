"""Every route of the project, discovered from the URL resolver and filled with real ids."""

import re
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

# Sample values for string converters: the first is a valid choice of the views that take it.
STRING_SAMPLES = {"fmt": "pdf", "kind": "danh-sach-ky", "to": "held"}
# Routes anyone may open: the login page itself.
PUBLIC = {"login"}
# The admin site has its own login and its own tests; only its index is walked here.
ADMIN_PREFIX = "admin/"
CONVERTER = re.compile(r"<(?:(?P<type>\w+):)?(?P<name>\w+)>")


@dataclass(frozen=True)
class Route:
    name: str
    pattern: str

    def url(self, object_id: int) -> str | None:
        """The path with every converter filled, or None when a converter cannot be filled."""
        def fill(match):
            kind, name = match.group("type") or "str", match.group("name")
            if kind == "int":
                return str(object_id)
            if kind in ("str", "slug"):
                return STRING_SAMPLES.get(name, "x")
            raise LookupError(kind)

        try:
            return "/" + CONVERTER.sub(fill, self.pattern)
        except LookupError:
            return None

    @property
    def has_ids(self) -> bool:
        return "<int:" in self.pattern

    def __str__(self):
        return self.name or self.pattern


def all_routes() -> list[Route]:
    """Every named route except the admin site's inner pages (its index is kept)."""
    found = []
    _walk(get_resolver(), "", "", found)
    return [r for r in found if not r.pattern.startswith(ADMIN_PREFIX) or r.name == "admin:index"]


def _walk(resolver, prefix, namespace, found):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            space = namespace + (f"{entry.namespace}:" if entry.namespace else "")
            _walk(entry, prefix + str(entry.pattern), space, found)
        elif isinstance(entry, URLPattern):
            pattern = prefix + str(entry.pattern)
            if pattern.startswith("^") or "(?P" in pattern:
                continue  # regex routes belong to the admin site
            found.append(Route(namespace + (entry.name or ""), pattern))


def unfillable(routes) -> list[Route]:
    return [r for r in routes if r.url(1) is None]
