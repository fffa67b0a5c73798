"""PostgreSQL: compress an import's row-by-row report with lz4 instead of pglz.

The report of a 100,000-row file is about 18 MB of JSON, written once when the file is read and
again when it is committed: lz4 stores it about a third faster. Other databases, PostgreSQL before 14
and servers built without lz4: nothing to do.
"""

from django.db import DatabaseError, migrations, transaction


def _set(schema_editor, method: str) -> None:
    connection = schema_editor.connection
    if connection.vendor != "postgresql" or connection.pg_version < 140000:
        return
    try:
        with transaction.atomic(using=connection.alias):
            schema_editor.execute(f"ALTER TABLE households_importbatch ALTER COLUMN rows SET COMPRESSION {method}")
    except DatabaseError:
        pass  # a server built without lz4 keeps pglz: slower, same data


def lz4(apps, schema_editor):
    _set(schema_editor, "lz4")


def pglz(apps, schema_editor):
    _set(schema_editor, "pglz")


class Migration(migrations.Migration):
    dependencies = [("households", "0006_vietnamese_name_order_index")]

    operations = [migrations.RunPython(lz4, pglz)]
