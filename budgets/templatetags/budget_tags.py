"""Template filters for estimate amounts: ``{% load budget_tags %}``."""

from django import template

from budgets.tables import in_display_unit, number_text

register = template.Library()


@register.filter
def in_unit(amount, unit) -> str:
    """The amount in the estimate's display unit (đồng, nghìn đồng, triệu đồng)."""
    return "" if amount is None else in_display_unit(amount, int(unit))


@register.filter
def qty(value) -> str:
    """A quantity with "," for decimals; empty for None."""
    return number_text(value)
