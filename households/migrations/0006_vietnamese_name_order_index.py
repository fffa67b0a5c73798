"""PostgreSQL only: the household list of a commune in Vietnamese alphabetical order, from an index.

The list filters by commune and sorts by ``head_name COLLATE "vi-x-icu"`` (đ after d, tones in
dictionary order); this index gives that order directly, so a page needs no sort of the commune.
SQLite has no ICU collation; it sorts by the folded name instead (see households.filters).
"""

from django.db import migrations

CREATE = ('CREATE INDEX IF NOT EXISTS household_commune_vi_name '
          'ON households_household (commune_id, (head_name COLLATE "vi-x-icu"), id)')
DROP = "DROP INDEX IF EXISTS household_commune_vi_name"


def _run(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("households", "0005_column_mappings")]
    operations = [migrations.RunPython(_run(CREATE), _run(DROP))]
