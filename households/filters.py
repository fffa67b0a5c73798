"""The household list's filters and sort order, shared by the page and its export."""

import datetime
import re
from dataclasses import dataclass

from django.db import connection
from django.db.models import Exists, F, IntegerField, OuterRef, Value
from django.db.models.functions import Coalesce, Collate, Concat

from areas import versioned
from areas.models import AdminUnit, UnitLevel
from households.models import EthnicGroup, HouseholdClass
from households.permissions import can_see_any_sensitive
from vntext import search_words
from web.templatetags.ui import RenderedOptions

ATTENDED = {"1": "Đã dự đối thoại trong năm", "0": "Chưa dự đối thoại trong năm"}
SORTS = {"name": "Họ tên", "code": "Mã hộ", "village": "Thôn", "birth_year": "Năm sinh"}
MAX_ID = 2**31 - 1  # the largest id of an integer column on every database
# NUL and other control characters: PostgreSQL refuses NUL in text, and no name or code holds them.
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
LAST = 32_767  # sorts a missing birth year or village number after every real one, on both databases


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


def _id(value) -> int | None:
    """A database id from a query string value; anything else (0, -3, "abc", "1e3", 10**20) is None."""
    text = str(value or "").strip()
    if not re.fullmatch(r"[0-9]{1,10}", text):
        return None
    number = int(text)
    return number if 1 <= number <= MAX_ID else None


def _text(params, name: str, limit: int) -> str:
    return CONTROL.sub("", str(params.get(name, "")))[: limit * 2].strip()[:limit]


def read_filters(params, user) -> Filters:
    """The filters from a query string; anything malformed or out of range is ignored, never an error page."""
    year = _id(params.get("year")) or 0
    klass = params.get("class", "")
    sensitive = can_see_any_sensitive(user)
    return Filters(
        q=_text(params, "q", 100),
        commune=_id(params.get("commune")),
        village=_text(params, "village", 120),
        year=year if 2000 <= year <= 2100 else datetime.date.today().year,
        household_class=klass if klass in HouseholdClass.values else "",
        ethnic_group=_id(params.get("ethnic_group")) if sensitive else None,
        woman=params.get("woman") == "1",
        disagrees=params.get("disagrees") == "1" and sensitive,
        attended=params.get("attended") if params.get("attended") in ATTENDED else "",
        sort=params.get("sort") if params.get("sort") in SORTS else "name",
    )


def order_keys(sort: str, *, searching: bool = False) -> list:
    """The list's order, as expressions: the chosen column first, then the name, then the id.

    Names in Vietnamese alphabetical order where the database has it (PostgreSQL's ICU collation;
    SQLite sorts by the folded name). Missing birth years and village numbers go last on both
    databases, and no key is NULL, so a page can start after the last row of another (keyset).

    A name search orders by ``head_name || ''``, the same order through an expression no index
    holds: the matches of a common name cluster in name order (the surname comes first), so
    walking the name index to the first 50 of «nguyen van an» read 354,000 rows (0.8 s over a
    million households) where sorting the trigram index's 31,000 matches takes a tenth of that.
    """
    if connection.vendor == "postgresql":
        name = Concat(F("head_name"), Value("")) if searching else F("head_name")
        name = [Collate(name, "vi-x-icu"), F("id")]
    else:
        name = [F("search_name"), F("head_name"), F("id")]
    first = {
        "code": [F("code")],
        "village": [Coalesce(F("village_unit__number"), Value(LAST), output_field=IntegerField()), F("village")],
        "birth_year": [Coalesce(F("birth_year"), Value(LAST), output_field=IntegerField())],
    }
    return [*first.get(sort, []), *name]


def apply_filters(queryset, filters: Filters):
    """The households of ``queryset`` that pass ``filters``, in the chosen order."""
    qs = queryset.search(filters.q)
    if filters.commune:
        qs = qs.filter(commune_id=filters.commune)
    if village := _id(filters.village):  # a village of the commune's list
        qs = qs.filter(village_unit_id=village)
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
    return qs.order_by(*order_keys(filters.sort, searching=name_search(filters.q)))


def name_search(text: str) -> bool:
    """Whether ``text`` searches names (words without digits), not codes or ID endings."""
    return bool(search_words(text)) and not any(c.isdigit() for c in text)


# Which communes hold households changes when a commune registers its first household; which
# communes a scope holds changes with the unit tree: both bump their cache namespace.
HOUSEHOLD_COMMUNES = "household-communes"


def commune_options(user) -> list[tuple[int, str]]:
    """(id, name) of the communes in the user's view that hold households, by name."""
    from areas.reach import UNITS
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

    key = "communes:all" if visible is None else f"communes:{visible.key}"
    return versioned.cached((UNITS, HOUSEHOLD_COMMUNES), key, read)


def commune_select(user) -> RenderedOptions:
    """``commune_options`` as ``<option>`` markup, written once per version of its cache: writing
    an administrator's 3,000 communes took a third of the list page's time past its queries."""
    from areas.reach import UNITS
    from areas.scope import visible_unit_ids

    visible = visible_unit_ids(user)
    key = "commune-select:all" if visible is None else f"commune-select:{visible.key}"
    return versioned.cached((UNITS, HOUSEHOLD_COMMUNES), key, lambda: RenderedOptions.of(commune_options(user)))


def choices(villages, user) -> dict:
    """Options for the filter form: the communes and ``villages`` that have households in view."""
    return {
        "communes": commune_select(user),
        "villages": villages,
        "classes": HouseholdClass.choices,
        "ethnic_groups": EthnicGroup.choices() if can_see_any_sensitive(user) else [],
        "sorts": SORTS,
        "attended_choices": ATTENDED,
    }
