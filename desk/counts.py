"""Several counts in one round trip to the database: a desk asks for four or five numbers, and
on a busy server each query waits its turn for the database's process as much as it works."""

from django.core.exceptions import EmptyResultSet
from django.db import connections


def count_each(*querysets) -> list[int]:
    """``[qs.count() for qs in querysets]`` in one query: ``SELECT (SELECT COUNT(*) FROM (…)), …``.

    Each count is the number of rows its queryset yields, as ``count()`` says; a queryset that
    can match nothing (``filter(pk__in=[])``) counts 0 without being sent."""
    parts, params = [], []
    for qs in querysets:
        try:
            grouped = qs.query.group_by is not None  # counted as its groups: its select list stays
            sql, qs_params = (qs.order_by() if grouped else qs.order_by().values("pk")).query.sql_with_params()
        except EmptyResultSet:
            parts.append("0")
            continue
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) counted_{len(parts)})")
        params.extend(qs_params)
    if not parts:
        return []
    with connections[querysets[0].db].cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        return [int(n) for n in cursor.fetchone()]
