"""Queries compiled once per shape: the household list and its search, typed letter by letter.

Django compiles a queryset anew on every call and passes each row through its iterator
machinery: for the search of a rare name that was a third of the time of the trigram probe
itself. A ``Statement`` is compiled by the ORM itself, once per shape (which filters are set,
how many words, how many units in scope, which slice), from the same queryset built with
marker values in place of the user's; a later call only puts its values into the parameters
and reads plain rows.

Markers are found again among the compiled parameters, either as themselves (an exact value)
or as ``%marker%`` (a ``contains`` lookup, whose value the ORM escapes: filled in the same way
here). Two sets of markers must come out in the same places. A shape whose markers do not
come out that way, each at least once, is not cached: it runs through the ORM every time, so a
Django change can cost speed but never correctness.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet
from django.db import connections

from areas.memo import ProcessCache

# Marker integers stay within every integer column's range (Django turns a lookup beyond it into
# "no row"); the two sets of markers tell a marker from a constant that happens to equal one.
INT_MARKS = (32_767, 16_383)
MAX_VALUES = 16_000
_FAILED = object()


@dataclass(frozen=True)
class Statement:
    """SQL and, per parameter, where its value comes from: a constant, a value or a LIKE pattern."""

    sql: str
    slots: tuple[tuple[str, object], ...]

    def params(self, values: Sequence, like: Callable[[str], str]) -> list:
        filled = []
        for kind, source in self.slots:
            if kind == "const":
                filled.append(source)
            elif kind == "value":
                filled.append(values[source])
            else:  # "like": the escaped value between % signs, as the ORM writes it
                filled.append(f"%{like(values[source])}%")
        return filled


def marker(index: int, value, variant: int = 0):
    """The stand-in for ``value`` (the ``index``-th value) in one of two sets: same type, unlike data."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise TypeError(f"only integers and text can be marked, not {value!r}")
    return INT_MARKS[variant] - index if isinstance(value, int) else f"\x1f{variant}:{index}\x1f"


def slots_of(params: Sequence, values: Sequence, variant: int = 0) -> tuple | None:
    """Where each compiled parameter comes from, given the markers of ``variant``; None if unsure."""
    marks = {marker(i, v, variant): i for i, v in enumerate(values)}
    likes = {f"%{m}%": i for m, i in marks.items() if isinstance(m, str)}
    found, slots = set(), []
    for param in params:
        plain = not isinstance(param, bool) and isinstance(param, int | str)
        if plain and param in marks:
            slots.append(("value", marks[param]))
            found.add(marks[param])
        elif isinstance(param, str) and param in likes:
            slots.append(("like", likes[param]))
            found.add(likes[param])
        elif isinstance(param, str) and "\x1f" in param:
            return None  # a marker transformed in a way we cannot redo (starts-with, upper-cased…)
        else:
            slots.append(("const", param))
    if found != set(range(len(values))):  # a value may be used twice (a filter and a column)
        return None
    return tuple(slots)


def compile_statement(compiled: Sequence[tuple[str, Sequence]], values: Sequence) -> Statement | None:
    """The statement of a query compiled with each set of markers (``compiled[variant]``), when
    both agree: same SQL, every parameter from the same place."""
    (sql, params), (other_sql, other_params) = compiled
    slots = slots_of(params, values, 0)
    if slots is None or sql != other_sql or slots != slots_of(other_params, values, 1):
        return None
    return Statement(sql, slots)


class Statements:
    """Compiled statements by shape, for one query builder."""

    def __init__(self, ttl: float = 3600.0):
        self._cache = ProcessCache(ttl=ttl)

    def rows(self, shape: Hashable, values: Sequence, build: Callable[[Sequence], object],
             *, using: str = "default") -> list[tuple]:
        """Rows of ``build(values)`` (a values_list queryset), compiled once per ``shape``.

        ``build`` must give queries of the same SQL for every ``values`` of one ``shape``, and
        select only columns that the database returns as Python wants them (no converters run).
        """
        return self._run(shape, values, build, using, counted=False)

    def count(self, shape: Hashable, values: Sequence, build: Callable[[Sequence], object],
              *, using: str = "default") -> int:
        """The number of rows of ``build(values)``, compiled once per ``shape`` as ``rows`` is."""
        return self._run(("count", shape), values, build, using, counted=True)[0][0]

    def _run(self, shape, values, build, using: str, *, counted: bool) -> list[tuple]:
        connection = connections[using]
        statement = self._cache.get((connection.vendor, shape),
                                    lambda: self._compile(values, build, using, counted))
        if statement is _FAILED:
            return [(build(values).count(),)] if counted else list(build(values))
        with connection.cursor() as cursor:
            cursor.execute(statement.sql, statement.params(values, connection.ops.prep_for_like_query))
            return cursor.fetchall()

    @staticmethod
    def _compile(values: Sequence, build, using: str, counted: bool):
        if len(values) > MAX_VALUES:
            return _FAILED
        compiled = []
        for variant in (0, 1):
            queryset = build([marker(i, v, variant) for i, v in enumerate(values)])
            if counted:
                queryset = queryset.order_by().values_list("pk")
            try:
                sql, params = queryset.query.get_compiler(using).as_sql()
            except EmptyResultSet:  # e.g. a scope of no unit: the ORM answers it without a query
                return _FAILED
            compiled.append((f"SELECT COUNT(*) FROM ({sql}) AS counted" if counted else sql, params))
        return compile_statement(compiled, values) or _FAILED

    def clear(self) -> None:
        self._cache.clear()
