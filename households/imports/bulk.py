"""Inserting many new rows at once: PostgreSQL COPY where available, ``bulk_create`` elsewhere.

COPY skips model instances, Django's per-value preparation and INSERT parsing, which dominate a
100,000-row import. Rows arrive as tuples and are streamed in chunks, so the COPY text of the
whole file is never held at once. Primary keys, when the caller needs them, are taken from the
table's sequence first, so rows that refer to the new ones (classifications) can be written in
the same transaction.
"""

import datetime
import io
import itertools
import json
from collections.abc import Iterable, Sequence

from django.db import connection

CHUNK = 20_000
BULK_BATCH = 1000
ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def insert_rows(model, names: Sequence[str], rows: Iterable[Sequence], *, same: dict | None = None,
                count: int | None = None) -> list[int]:
    """Insert rows, each the values of ``names`` (attnames) in order; ``same`` holds values shared by
    every row and other fields take their default. With ``count`` (the number of rows) their new
    primary keys are returned in order; without, none are (which spares PostgreSQL a query)."""
    same = same or {}
    if connection.vendor != "postgresql":
        objects = [model(**same, **dict(zip(names, row, strict=True))) for row in rows]
        model.objects.bulk_create(objects, batch_size=BULK_BATCH)
        return [obj.pk for obj in objects] if count is not None else []
    ids = _take_ids(model, count) if count else []
    by_name = {f.attname: f for f in model._meta.concrete_fields if not f.primary_key}
    fixed = {**{name: f.get_default() for name, f in by_name.items() if name not in names}, **same}
    converters = [_converter(by_name[name]) for name in names]
    suffix = "".join("\t" + _converter(by_name[name])(value) for name, value in fixed.items())
    columns = [by_name[name].column for name in (*names, *fixed)]
    if count is not None:
        columns.insert(0, model._meta.pk.column)
    sql = (f"COPY {connection.ops.quote_name(model._meta.db_table)} "
           f"({', '.join(map(connection.ops.quote_name, columns))}) FROM STDIN")
    keys = iter(ids)
    with connection.cursor() as cursor:
        for chunk in _chunks(rows):
            text = io.StringIO()
            for row in chunk:
                line = "\t".join([convert(value) for convert, value in zip(converters, row, strict=True)])
                text.write(f"{next(keys)}\t{line}{suffix}\n" if count is not None else f"{line}{suffix}\n")
            text.seek(0)
            cursor.copy_expert(sql, text)
    return ids


def _chunks(rows: Iterable[Sequence]) -> Iterable[list]:
    rows = iter(rows)
    while chunk := list(itertools.islice(rows, CHUNK)):
        yield chunk


def _take_ids(model, count: int) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                       [model._meta.db_table, model._meta.pk.column, count])
        return [pk for (pk,) in cursor.fetchall()]


def _converter(field):
    """A function writing one value of ``field`` in COPY's text format."""
    kind = field.get_internal_type()
    if kind == "JSONField":
        return lambda v: "\\N" if v is None else "[]" if v == [] else _text(json.dumps(v, cls=field.encoder))
    if kind in ("CharField", "TextField"):
        return _text
    if kind == "BooleanField":
        return lambda v: "\\N" if v is None else "t" if v else "f"
    return _plain


def _text(value: str | None) -> str:
    if value is None:
        return "\\N"
    if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
        return value.translate(ESCAPES)
    return value


def _plain(value) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


class _JsonArrayText:
    """The JSON text of a list of dicts in COPY's text format, made piece by piece as COPY reads it."""

    def __init__(self, items: list[dict]):
        self._pieces = self._generate(items)
        self._pending = ""

    @staticmethod
    def _generate(items):
        yield "["
        for index, item in enumerate(items):
            text = json.dumps(item, ensure_ascii=False)
            # JSON escapes control characters itself, so only its backslashes need COPY's escaping.
            yield ("," if index else "") + text.replace("\\", "\\\\")
        yield "]\n"

    def read(self, size: int = -1) -> str:
        parts, length = [self._pending], len(self._pending)
        while size < 0 or length < size:
            piece = next(self._pieces, None)
            if piece is None:
                break
            parts.append(piece)
            length += len(piece)
        text = "".join(parts)
        if size < 0:
            self._pending = ""
            return text
        self._pending = text[size:]
        return text[:size]


def store_json(model, pk: int, column: str, items: list[dict]) -> None:
    """Set a JSON column of one row to ``items`` (PostgreSQL: streamed through COPY, so the whole text
    is never held in memory; elsewhere: one UPDATE). Call inside a transaction."""
    table, name = connection.ops.quote_name(model._meta.db_table), connection.ops.quote_name(column)
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            cursor.execute(f"UPDATE {table} SET {name} = %s WHERE id = %s", [json.dumps(items), pk])
            return
        cursor.execute("CREATE TEMPORARY TABLE json_upload (value jsonb)")
        try:
            cursor.copy_expert("COPY json_upload (value) FROM STDIN", _JsonArrayText(items))
            cursor.execute(f"UPDATE {table} SET {name} = (SELECT value FROM json_upload) WHERE id = %s", [pk])
        finally:
            cursor.execute("DROP TABLE json_upload")
