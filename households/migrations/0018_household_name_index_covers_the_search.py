"""PostgreSQL only: the name order index also holds the folded name and the commune.

A common name's page walks this index in Vietnamese order and tests each entry's folded name
(and the scope's communes) without reading the row: over 1,000,000 households «nguyen van an»'s
first 51 matches were 354,000 entries in, 2,800 index pages, where the trigram index's 31,000
matches lie on 18,500 heap blocks (households.listing.walks_name_index). It replaces 0017's
index, whose keys it has: the administrator's list and its keyset pages read it the same way.
"""

from django.db import migrations

CREATE = ('CREATE INDEX IF NOT EXISTS household_vi_name_search ON households_household '
          '((head_name COLLATE "vi-x-icu"), id) INCLUDE (search_name, commune_id)')
DROP = "DROP INDEX IF EXISTS household_vi_name_search"
OLD = 'CREATE INDEX IF NOT EXISTS household_vi_name ON households_household ((head_name COLLATE "vi-x-icu"), id)'
DROP_OLD = "DROP INDEX IF EXISTS household_vi_name"


def _run(*statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("households", "0017_household_name_order_index")]
    operations = [migrations.RunPython(_run(CREATE, DROP_OLD), _run(OLD, DROP))]
