"""PostgreSQL only: a trigram GIN index on the folded name, and Vietnamese order for names.

Accent-insensitive search runs ``search_name LIKE '%…%'`` on the stored folded column; pg_trgm
lets that use an index. SQLite has neither, and needs neither for correctness.
"""

from django.db import migrations

CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS household_search_name_trgm "
    "ON households_household USING gin (search_name gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS household_id_number_trgm "
    "ON households_household USING gin (id_number gin_trgm_ops)",
]
DROP = [
    "DROP INDEX IF EXISTS household_search_name_trgm",
    "DROP INDEX IF EXISTS household_id_number_trgm",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for sql in statements:
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("households", "0003_poverty_standards")]
    operations = [migrations.RunPython(_run(CREATE), _run(DROP))]
