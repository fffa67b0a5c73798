"""The household list's rows: the registry's hot path (every search keystroke reads a page).

The page and its count are read as plain rows through statements compiled once per shape
(``households.statements``). ``HouseholdList`` builds the very queryset the ORM would run,
which is also what answers when a shape cannot be compiled.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from django.db.models import CharField, OuterRef, Subquery, Value

from documents.text import search_words
from households.filters import Filters, apply_filters
from households.idnumber import FEMALE, mask
from households.models import Classification, EthnicGroup, Household, Village
from households.statements import Statements

COLUMNS = ("pk", "code", "head_name", "gender", "birth_year", "id_number", "village", "ethnic_group_id",
           "year_class", "village_unit_id")
_statements = Statements()


@dataclass(slots=True)
class ListRow:
    """What a row of the list shows of a household."""

    pk: int
    code: str
    head_name: str
    gender: str
    birth_year: int | None
    id_number: str
    village: str
    ethnic_group_id: int | None
    year_class: str | None
    village_unit_id: int | None = None

    @property
    def is_woman_head(self) -> bool:
        return self.gender == FEMALE

    @property
    def masked_id(self) -> str:
        return mask(self.id_number)


def ethnic_names(rows: list[ListRow]) -> dict[int, str]:
    """Names of the ethnic groups of ``rows``, from the groups kept in the process (no join per page)."""
    names = dict(EthnicGroup.choices())
    missing = {row.ethnic_group_id for row in rows} - names.keys() - {None}
    if missing:  # a group added in the last minute, not yet in the kept list
        names.update(EthnicGroup.objects.filter(pk__in=missing).values_list("pk", "name"))
    return names


def list_queryset(households, filters: Filters):
    """The columns the list shows, with the class in the filter's year read in the same query."""
    if filters.household_class:  # every row has that class: no need to look it up again
        year_class = Value(filters.household_class, output_field=CharField())
    else:
        # One classification a household a year (a unique constraint): no order needed, and the
        # model's default order would join the households table again for every row.
        year_class = Subquery(Classification.objects.filter(household=OuterRef("pk"), year=filters.year)
                              .order_by().values("household_class")[:1])
    return apply_filters(households, filters).annotate(year_class=year_class).values_list(*COLUMNS)


class HouseholdList:
    """The filtered list of the households a scope holds, sliceable and countable for a Paginator."""

    def __init__(self, scope: frozenset[int] | None, filters: Filters):
        self.scope, self.filters = scope, filters
        self.shape, self.values = _shape(scope, filters)

    def _build(self, values=None):
        """The list's queryset: the user's own (``values`` None) or with ``values`` (markers) put in."""
        if values is None:
            return list_queryset(_scoped(self.scope).search(self.filters.q), replace(self.filters, q=""))
        scope, words, filters = _unpack(self.shape, values, self.filters)
        return list_queryset(_scoped(scope).with_words(words), filters)

    def count(self) -> int:
        if self.shape is None:
            return self._build().count()
        return _statements.count(self.shape, self.values, self._build)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, window: slice) -> list[ListRow]:
        start, stop = window.start or 0, window.stop
        if stop is not None and stop <= start:
            return []
        if self.shape is None:
            rows = self._build()[start:stop]
        else:
            rows = _statements.rows((self.shape, start, stop), self.values,
                                    lambda values: self._build(values)[start:stop])
        return [ListRow(*row) for row in rows]


def village_options(scope: frozenset[int] | None) -> list[tuple]:
    """The filter's options: (id, name) of the villages of the communes in ``scope``, in each commune's
    order, the commune named when there are several; then (text, text) of the first 300 village texts
    of households not yet linked to a village (a list imported before its villages were confirmed)."""
    if scope is not None and not scope:
        return []
    villages = Village.objects.all() if scope is None else Village.objects.filter(commune_id__in=scope)
    rows = list(villages.order_by("commune__name", "number").values_list("pk", "name", "commune__name")[:1000])
    several = len({commune for _, _, commune in rows}) > 1
    listed = [(pk, f"{name} – {commune}" if several else name) for pk, name, commune in rows]
    unlinked = (_scoped(scope).filter(village_unit__isnull=True).exclude(village="")
                .values_list("village", flat=True).distinct().order_by("village")[:300])
    return listed + [(text, text) for text in unlinked]


def village_names(rows: list[ListRow]) -> dict[int, str]:
    """The list's name of each village the page's rows link to (one small query a page)."""
    ids = {row.village_unit_id for row in rows} - {None}
    return dict(Village.objects.filter(pk__in=ids).values_list("pk", "name")) if ids else {}


def _scoped(scope):
    return Household.objects.all() if scope is None else Household.objects.filter(commune_id__in=scope)


def _shape(scope, filters: Filters):
    """(shape, values) of a list: what decides its SQL, and the user's values in the order of ``_unpack``.

    No shape when the filters hold a value that markers cannot stand for (a village matched
    without regard to case, a search by code or ID digits): such a list runs through the ORM.
    """
    if filters.village or any(c.isdigit() for c in filters.q):
        return None, ()
    words = search_words(filters.q)
    units = sorted(scope) if scope is not None else None
    shape = (None if units is None else len(units), len(words), filters.commune is not None,
             bool(filters.household_class), filters.ethnic_group is not None, filters.woman, filters.disagrees,
             filters.attended, filters.sort)
    optional = (filters.commune, filters.household_class or None, filters.ethnic_group)
    return shape, [*(units or ()), *words, filters.year, *(v for v in optional if v is not None)]


def _unpack(shape, values, filters: Filters):
    """(scope, words, filters) with ``values`` put back where ``_shape`` took them from."""
    units, words, commune, klass, ethnic = shape[:5]
    rest = list(values)
    scope, rest = (None, rest) if units is None else (rest[:units], rest[units:])
    typed, year, rest = rest[:words], rest[words], rest[words + 1:]
    chosen = {}
    for name, present in (("commune", commune), ("household_class", klass), ("ethnic_group", ethnic)):
        if present:
            chosen[name], rest = rest[0], rest[1:]
    return scope, typed, replace(filters, q="", year=year, **chosen)
