"""Inserting many new rows at once: PostgreSQL COPY where available, ``bulk_create`` elsewhere.

COPY skips model instances, Django's per-value preparation and INSERT parsing, which dominate a
100,000-row import. Rows arrive as tuples, are made a chunk at a time (making them may query the
database, which a COPY in progress forbids) and converted to COPY text piece by piece as
PostgreSQL reads it, so the server writes the rows already sent while the next ones are
converted, and the text of the whole file is never held at once. Primary keys, when the caller
needs them, are taken from the table's sequence first, so rows that refer to the new ones
(classifications) can be written in the same transaction.
"""

import datetime
import itertools
import json
from collections.abc import Iterable, Iterator, Sequence

from django.db import connection

CHUNK = 20_000  # rows made at a time, before their COPY
LINES = 500  # rows converted to COPY text at a time, as COPY reads
READ_SIZE = 1 << 16
BULK_BATCH = 1000
ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
SPECIAL = ("\\", "\t", "\n", "\r")  # what COPY's text format escapes in a value


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
    converters = [_column_converter(by_name[name]) for name in names]
    suffix = "".join("\t" + _converter(by_name[name])(value) for name, value in fixed.items())
    columns = [by_name[name].column for name in (*names, *fixed)]
    if count is not None:
        columns.insert(0, model._meta.pk.column)
    sql = (f"COPY {connection.ops.quote_name(model._meta.db_table)} "
           f"({', '.join(map(connection.ops.quote_name, columns))}) FROM STDIN")
    keys = iter(ids) if count is not None else None
    rows = iter(rows)
    with connection.cursor() as cursor:
        # The rows of a chunk are made before its COPY starts: making them may query the database
        # (a poverty standard, say), which the connection refuses while a COPY is in progress.
        while chunk := list(itertools.islice(rows, CHUNK)):
            cursor.copy_expert(sql, Pieces(_copy_lines(chunk, converters, suffix, keys)), READ_SIZE)
    return ids


def _copy_lines(rows: list[Sequence], converters: list, suffix: str, keys: Iterator[int] | None) -> Iterator[str]:
    """The COPY text of ``rows``, LINES lines at a time, each piece made when COPY reads that far.

    A piece is converted column by column (``_column_converter``): a column of plain text or whole
    numbers, the usual case, is converted by one call rather than one per value.
    """
    rows = iter(rows)
    while chunk := list(itertools.islice(rows, LINES)):
        columns = [convert(list(values)) for convert, values in zip(converters, zip(*chunk, strict=True),
                                                                     strict=True)]
        if keys is not None:
            columns.insert(0, [str(key) for key in itertools.islice(keys, len(chunk))])
        yield f"{suffix}\n".join(map("\t".join, zip(*columns, strict=True))) + f"{suffix}\n"


def _take_ids(model, count: int) -> list[int]:
    """``count`` new primary keys from the table's sequence (named once: looked up per row, the
    name costs more than the keys)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [model._meta.db_table, model._meta.pk.column])
        (sequence,) = cursor.fetchone()
        cursor.execute("SELECT nextval(%s::regclass) FROM generate_series(1, %s)", [sequence, count])
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


def _column_converter(field):
    """A function writing a list of values of ``field`` in COPY's text format: the list itself when
    it holds only text with nothing to escape, ``str`` of each when it holds only whole numbers,
    else each value through ``_converter``."""
    one = _converter(field)
    if one is _text:
        def texts(values: list) -> list:
            if None not in values:
                joined = "\x00".join(values)
                if not any(char in joined for char in SPECIAL):
                    return values
            return [_text(value) for value in values]

        return texts
    if one is _plain:
        def plain(values: list) -> list:
            if None not in values and all(type(value) is int for value in values):
                return list(map(str, values))
            return [_plain(value) for value in values]

        return plain
    return lambda values: [one(value) for value in values]


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


class Pieces:
    """A read-only text file over pieces of text, each made only when COPY reads that far."""

    def __init__(self, pieces: Iterable[str]):
        self._pieces = iter(pieces)
        self._pending, self._at = "", 0

    def read(self, size: int = -1) -> str:
        if size is None or size < 0:
            text = self._pending[self._at:] + "".join(self._pieces)
            self._pending, self._at = "", 0
            return text
        parts, length = [], 0
        while length < size:
            if self._at >= len(self._pending):
                piece = next(self._pieces, None)
                if piece is None:
                    break
                self._pending, self._at = piece, 0
            part = self._pending[self._at:self._at + size - length]
            self._at += len(part)
            parts.append(part)
            length += len(part)
        return "".join(parts)


def _json_pieces(value: list | dict) -> Iterator[str]:
    """The JSON text of ``value`` in COPY's text format: a list item by item, a dict (of columns) key
    by key. JSON escapes control characters itself, so only its backslashes need COPY's escaping."""
    keyed = isinstance(value, dict)
    items = ((json.dumps(key) + ":", item) for key, item in value.items()) if keyed else (("", v) for v in value)
    yield "{" if keyed else "["
    for index, (key, item) in enumerate(items):
        yield ("," if index else "") + key + json.dumps(item, ensure_ascii=False).replace("\\", "\\\\")
    yield "}\n" if keyed else "]\n"


def store_json(model, pk: int, column: str, value: list | dict) -> None:
    """Set a JSON column of one row to ``value`` (PostgreSQL: streamed through COPY, so the whole text
    is never held in memory; elsewhere: one UPDATE). Call inside a transaction."""
    table, name = connection.ops.quote_name(model._meta.db_table), connection.ops.quote_name(column)
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            cursor.execute(f"UPDATE {table} SET {name} = %s WHERE id = %s", [json.dumps(value), pk])
            return
        # The upload is compressed as the column is (lz4 where migration 0007 could set it), so the
        # value is compressed once and moved as it is, instead of compressed twice (pglz first).
        cursor.execute("CREATE TEMPORARY TABLE json_upload (value jsonb"
                       f"{_compression(cursor, model._meta.db_table, column)})")
        try:
            cursor.copy_expert("COPY json_upload (value) FROM STDIN", Pieces(_json_pieces(value)), READ_SIZE)
            cursor.execute(f"UPDATE {table} SET {name} = (SELECT value FROM json_upload) WHERE id = %s", [pk])
        finally:
            cursor.execute("DROP TABLE json_upload")


def _compression(cursor, table: str, column: str) -> str:
    """" COMPRESSION lz4" when the column is set to lz4 (PostgreSQL 14 or later), else ""."""
    if connection.pg_version < 140000:
        return ""
    cursor.execute("SELECT attcompression FROM pg_attribute WHERE attrelid = %s::regclass AND attname = %s",
                   [table, column])
    found = cursor.fetchone()
    return " COMPRESSION lz4" if found and found[0] == "l" else ""
