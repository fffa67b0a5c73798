"""``{{ person|person_label }}``, ``{{ person|person_details:codes }}`` and ``{% household_codes people as codes %}`` for templates."""

from django import template

from households import people

register = template.Library()


@register.filter
def person_label(person, codes=None) -> str:
    return people.person_label(person, codes)


@register.filter
def person_details(person, codes=None) -> str:
    return people.person_details(person, codes)


@register.simple_tag
def household_codes(persons) -> dict[int, str]:
    return people.household_codes(persons)
