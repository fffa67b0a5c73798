"""The household list's filters and sort order, shared by the page and its export."""

import datetime
from dataclasses import dataclass

from django.db import connection
from django.db.models import Exists, OuterRef
from django.db.models.functions import Collate

from areas.memo import ProcessCache
from areas.models import AdminUnit, UnitLevel
from households.models import EthnicGroup, HouseholdClass
from households.permissions import can_see_any_sensitive

ATTENDED = {"1": "Đã dự đối thoại trong năm", "0": "Chưa dự đối thoại trong năm"}
SORTS = {"name": "Họ tên", "code": "Mã hộ", "village": "Thôn", "birth_year": "Năm sinh"}


@dataclass
class Filters:
    q: str = ""
    commune: int | None = None
    village: str = ""
    year: int = 0
    household_class: str = ""
    ethnic_group: int | None = None
    woman: bool = False
    disagrees: bool = False
    attended: str = ""
    sort: str = "name"


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def read_filters(params, user) -> Filters:
    """The filters from a query string; anything malformed is ignored, never an error page."""
    year = _int(params.get("year")) or datetime.date.today().year
    klass = params.get("class", "")
    sensitive = can_see_any_sensitive(user)
    return Filters(
        q=params.get("q", "").strip()[:100],
        commune=_int(params.get("commune")),
        village=params.get("village", "").strip()[:120],
        year=year if 2000 <= year <= 2100 else datetime.date.today().year,
        household_class=klass if klass in HouseholdClass.values else "",
        ethnic_group=_int(params.get("ethnic_group")) if sensitive else None,
        woman=params.get("woman") == "1",
        disagrees=params.get("disagrees") == "1" and sensitive,
        attended=params.get("attended") if params.get("attended") in ATTENDED else "",
        sort=params.get("sort") if params.get("sort") in SORTS else "name",
    )


def name_order():
    """Vietnamese alphabetical order where the database has it (PostgreSQL's ICU collation)."""
    if connection.vendor == "postgresql":
        return [Collate("head_name", "vi-x-icu"), "id"]
    return ["search_name", "head_name", "id"]


def apply_filters(queryset, filters: Filters):
    qs = queryset.search(filters.q)
    if filters.commune:
        qs = qs.filter(commune_id=filters.commune)
    if filters.village.isdigit():  # a village of the commune's list
        qs = qs.filter(village_unit_id=int(filters.village))
    elif filters.village:  # a link saved before villages were data: the text as written
        qs = qs.filter(village__iexact=filters.village)
    if filters.household_class:
        qs = qs.in_class(filters.year, filters.household_class)
    if filters.ethnic_group:
        qs = qs.filter(ethnic_group_id=filters.ethnic_group)
    if filters.woman:
        qs = qs.filter(gender="F")
    if filters.disagrees:
        qs = qs.filter(classifications__year=filters.year, classifications__disagrees=True)
    if filters.attended:
        qs = qs.attended_dialogue_in(filters.year, attended=filters.attended == "1")
    order = name_order()
    if filters.sort == "code":
        order = ["code", *order]
    elif filters.sort == "village":
        order = ["village_unit__number", "village", *order]
    elif filters.sort == "birth_year":
        order = ["birth_year", *order]
    return qs.order_by(*order)


# Which communes of a scope hold households changes when a commune imports its first list: the
# filter's commune options may lag such an import by up to a minute, and save a query per page.
_commune_options = ProcessCache(ttl=60.0)


def commune_options(user) -> list[tuple[int, str]]:
    """(id, name) of the communes in the user's view that hold households, by name."""
    from areas.scope import visible_unit_ids
    from households.models import Household

    visible = visible_unit_ids(user)

    def read():
        # An EXISTS probe per commune uses the commune index; a DISTINCT over the households
        # would read every household in view.
        communes = AdminUnit.objects.filter(level=UnitLevel.COMMUNE).filter(
            Exists(Household.objects.filter(commune=OuterRef("pk"))))
        if visible is not None:
            communes = communes.filter(pk__in=visible)
        return list(communes.order_by("name").values_list("pk", "name"))

    return _commune_options.get(visible, read)


def choices(villages, user) -> dict:
    """Options for the filter form: the communes and ``villages`` that have households in view."""
    return {
        "communes": commune_options(user),
        "villages": villages,
        "classes": HouseholdClass.choices,
        "ethnic_groups": EthnicGroup.choices() if can_see_any_sensitive(user) else [],
        "sorts": SORTS,
        "attended_choices": ATTENDED,
    }
