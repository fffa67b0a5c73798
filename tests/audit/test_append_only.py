"""An audit entry, once written, stays as written: the actor's id and name outlive the user."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from audit.models import Action, AuditEntry
from audit.services import record

pytestmark = pytest.mark.django_db
POSTGRESQL = connection.vendor == "postgresql"


def _raw_rows():
    """Every column of every entry, as the database holds it."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {AuditEntry._meta.db_table} ORDER BY id")
        return cursor.fetchall()


def test_an_entry_keeps_the_actors_id_username_and_full_name(officer, own_unit):
    officer.last_name, officer.first_name = "Nguyễn Thị", "Hằng"
    entry = record(officer, Action.EXPORT, own_unit)
    assert (entry.user_id, entry.username, entry.user_full_name) == (
        officer.pk, officer.username, "Nguyễn Thị Hằng")
    assert entry.actor == f"Nguyễn Thị Hằng ({officer.username})"


def test_deleting_a_user_leaves_their_entries_byte_for_byte_unchanged(client, administrator, officer,
                                                                      own_unit):
    pk, username = officer.pk, officer.username
    record(officer, Action.CREATE, own_unit, changes={"name": [None, "Hạ Hòa"]})
    record(officer, Action.VIEW_SENSITIVE, own_unit)
    before = _raw_rows()
    officer.delete()
    assert _raw_rows() == before
    entry = AuditEntry.objects.filter(action=Action.VIEW_SENSITIVE).get()
    assert (entry.user_id, entry.username) == (pk, username) and entry.user_full_name

    client.force_login(administrator)
    listing = client.get(reverse("admin:audit_auditentry_changelist"))
    assert listing.status_code == 200 and entry.user_full_name in listing.content.decode()
    detail = client.get(reverse("admin:audit_auditentry_change", args=[entry.pk]))
    assert detail.status_code == 200 and str(pk) in detail.content.decode()


def test_a_forged_forwarded_address_is_not_kept_as_the_clients(officer, own_unit, rf, settings):
    settings.PROXY_COUNT = 1
    request = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="unknown, 10.0.0.1\x00")
    assert record(officer, Action.EXPORT, own_unit, request=request).ip_address is None


@pytest.mark.skipif(not POSTGRESQL, reason="the trigger exists in PostgreSQL, the production database")
def test_postgresql_itself_refuses_to_change_or_delete_an_entry(officer, own_unit):
    entry = record(officer, Action.EXPORT, own_unit)
    table = AuditEntry._meta.db_table
    for statement in (f"UPDATE {table} SET username = 'khac' WHERE id = %s",
                      f"DELETE FROM {table} WHERE id = %s"):
        with pytest.raises(DatabaseError, match="chỉ được ghi thêm"), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(statement, [entry.pk])
    assert AuditEntry.objects.get(pk=entry.pk).username == officer.username
