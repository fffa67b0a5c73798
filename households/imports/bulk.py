"""Inserting many new rows at once: PostgreSQL COPY where available, ``bulk_create`` elsewhere.

COPY skips model instances, Django's per-value preparation and INSERT parsing, which dominate a
100,000-row import. Primary keys are taken from the table's sequence first, so rows that refer
to the new ones (classifications) can be written in the same transaction.
"""

import datetime
import io
import json

from django.db import connection

CHUNK = 20_000
BULK_BATCH = 1000
ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def insert_rows(model, rows: list[dict]) -> list[int]:
    """Insert rows given as {attname: value} (missing fields take their default); their new primary keys."""
    if not rows:
        return []
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    defaults = {f.attname: f.get_default() for f in fields if f.attname not in rows[0]}
    if connection.vendor != "postgresql":
        objects = [model(**defaults, **row) for row in rows]
        model.objects.bulk_create(objects, batch_size=BULK_BATCH)
        return [obj.pk for obj in objects]
    ids = _take_ids(model, len(rows))
    names = list(rows[0]) + [name for name in defaults if name not in rows[0]]
    by_name = {f.attname: f for f in fields}
    converters = [_converter(by_name[name]) for name in names]
    fixed = "".join("\t" + _converter(by_name[name])(value) for name, value in defaults.items()
                    if name not in rows[0])
    columns = ", ".join([connection.ops.quote_name(model._meta.pk.column),
                         *(connection.ops.quote_name(by_name[n].column) for n in names)])
    sql = f"COPY {connection.ops.quote_name(model._meta.db_table)} ({columns}) FROM STDIN"
    own = names[:len(rows[0])]
    with connection.cursor() as cursor:
        for start in range(0, len(rows), CHUNK):
            lines = [
                f"{pk}\t" + "\t".join([convert(row[name]) for name, convert in zip(own, converters, strict=False)])
                + fixed
                for pk, row in zip(ids[start:start + CHUNK], rows[start:start + CHUNK], strict=True)]
            cursor.copy_expert(sql, io.StringIO("\n".join(lines) + "\n"))
    return ids


def _take_ids(model, count: int) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                       [model._meta.db_table, model._meta.pk.column, count])
        return [pk for (pk,) in cursor.fetchall()]


def _converter(field):
    """A function writing one value of ``field`` in COPY's text format."""
    kind = field.get_internal_type()
    if kind == "JSONField":
        return lambda v: "\\N" if v is None else json.dumps(v, cls=field.encoder).translate(ESCAPES)
    if kind in ("CharField", "TextField"):
        return lambda v: "\\N" if v is None else v.translate(ESCAPES)
    if kind == "BooleanField":
        return lambda v: "\\N" if v is None else "t" if v else "f"
    return _plain


def _plain(value) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)
