"""The Jinja2 environment of the two hottest fragments: the household list's rows and the plan list's.

Fifty rows of a dozen values each cost the Django template language some 11 ms on the machine
of docs/performance.md (about 600 variable lookups through its resolver); the same markup in
Jinja2, compiled to Python, costs under 3 ms. Every other template stays a Django template; a
Jinja2 fragment is rendered by its view and put into the Django page as safe text (autoescaped).
"""

from django.template import engines
from django.utils.safestring import SafeString, mark_safe
from jinja2 import Environment


def environment(**options) -> Environment:
    """Jinja2 as Django's backend configures it (autoescape on), with no extra globals: a row
    template reads only what its view passes."""
    return Environment(**options)


def jinja2_fragment(name: str, **context) -> SafeString:
    """The Jinja2 template ``name`` rendered with ``context``, as safe text for a Django template
    (every value in it was escaped by Jinja2's autoescape)."""
    return mark_safe(engines["jinja2"].get_template(name).render(context))  # noqa: S308 - autoescaped
