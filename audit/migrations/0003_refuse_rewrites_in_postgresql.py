"""PostgreSQL itself refuses to change or delete an audit entry, whoever connects.

The app never updates or deletes entries (the model and its queryset refuse); this trigger holds
the same rule for raw SQL, a shell or a bug. TRUNCATE stays possible (the test suite's flush and
pg_restore --clean use it or drop the table). SQLite has no such trigger: the SQLite file is
for development only, and its flush deletes rows one by one. A later migration that must
rewrite rows disables the trigger for its own statement.
"""

from django.db import migrations

TRIGGER = "audit_auditentry_append_only"


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = schema_editor.quote_name(apps.get_model("audit", "AuditEntry")._meta.db_table)
    schema_editor.execute(f"""
        CREATE OR REPLACE FUNCTION {TRIGGER}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'Nhật ký chỉ được ghi thêm: không được sửa hay xóa (% mục %).',
                TG_OP, OLD.id;
        END
        $$
    """, params=None)  # no placeholders: the % are PL/pgSQL's
    schema_editor.execute(f"""
        CREATE TRIGGER {TRIGGER} BEFORE UPDATE OR DELETE ON {table}
        FOR EACH ROW EXECUTE FUNCTION {TRIGGER}()
    """)


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = schema_editor.quote_name(apps.get_model("audit", "AuditEntry")._meta.db_table)
    schema_editor.execute(f"DROP TRIGGER IF EXISTS {TRIGGER} ON {table}")
    schema_editor.execute(f"DROP FUNCTION IF EXISTS {TRIGGER}()")


class Migration(migrations.Migration):

    dependencies = [
        ("audit", "0002_keep_actor_after_user_deletion"),
    ]

    operations = [
        migrations.RunPython(create_trigger, drop_trigger),
    ]
