"""The level styles of documents.levels as the CSS every official document carries."""

from django import template
from django.utils.safestring import mark_safe

from documents.levels import level_css as _level_css

register = template.Library()


@register.simple_tag
def level_css() -> str:
    # Built from the LEVELS table in code, never from user input.
    return mark_safe(_level_css())  # noqa: S308
