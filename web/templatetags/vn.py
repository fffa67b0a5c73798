"""Template filters for Vietnamese amounts and dates: ``{% load vn %}``."""

from django import template

from areas.names import person
from documents import dates, money

register = template.Library()


def _missing(value) -> bool:
    # An empty field renders as nothing; any other wrong type still raises, because a
    # silently blank or wrong amount on an official document is worse than an error page.
    return value is None or value == ""


@register.filter
def vnd(value) -> str:
    """The amount in figures, "132.000.000"; empty for None."""
    return "" if _missing(value) else money.format_vnd(value)


@register.filter
def money_words(value, chan=True) -> str:
    """The amount in words, "Một trăm triệu đồng chẵn"; ``money_words:False`` drops "chẵn"."""
    return "" if _missing(value) else money.vi_money_words(value, chan=bool(chan))


@register.filter(expects_localtime=True)
def vn_date(value) -> str:
    """The date in full, "ngày 05 tháng 01 năm 2024"; empty for None."""
    return "" if _missing(value) else dates.vn_date_text(value)


@register.filter(expects_localtime=True)
def short_date(value) -> str:
    """The date as "12/05/2023"; empty for None."""
    return "" if _missing(value) else dates.short_date(value)


# A user's name in Vietnamese order: ``{{ user|person }}``.
register.filter("person", person)
