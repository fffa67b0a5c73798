"""How a person is named wherever one is picked or listed: name, birth year, village and household
code, so two people with one name (even in one village) never look the same."""

from households.models import Household


def person_label(person, codes: dict[int, str] | None = None) -> str:
    """«Nguyễn Văn An · 1975 · Thôn Nà Pồng · mã 25123-03-017» for a household, an attendee or a
    suggestion row; ``codes`` gives the household codes of rows that only carry ``household_id``."""
    name = next((v for a in ("head_name", "full_name", "name") if (v := getattr(person, a, None))), "")
    details = person_details(person, codes)
    return f"{name} · {details}" if details else str(name)


def person_details(person, codes: dict[int, str] | None = None) -> str:
    """What tells the person apart from another of the same name: birth year, village, household code."""
    year = getattr(person, "birth_year", None)
    code = getattr(person, "code", None) or (codes or {}).get(getattr(person, "household_id", None))
    parts = [str(year)] if year else []
    if village := _village(person):
        parts.append(village)
    if code:
        parts.append(f"mã {code}")
    return " · ".join(parts)


def _village(person) -> str:
    if isinstance(person, Household) and person.village_unit_id and "village_unit" in person._state.fields_cache:
        return person.village_unit.name
    return getattr(person, "village", "") or ""


def household_codes(people) -> dict[int, str]:
    """The code of each household the ``people`` (attendees, suggestions) belong to, in one query."""
    ids = {getattr(p, "household_id", None) for p in people} - {None}
    return dict(Household.objects.filter(pk__in=ids).values_list("pk", "code")) if ids else {}
