"""PostgreSQL only: a trigram GIN index on the folded search text of plans.

The plan list searches ``search_text LIKE '% word%'``; pg_trgm lets that use an index.
"""

from django.db import migrations

CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS plan_search_text_trgm "
    "ON plans_plan USING gin (search_text gin_trgm_ops)",
]
DROP = ["DROP INDEX IF EXISTS plan_search_text_trgm"]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_plans_outline_register")]
    operations = [migrations.RunPython(_run(CREATE), _run(DROP))]
