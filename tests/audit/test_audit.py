import pytest

from audit.models import Action, AppendOnlyError, AuditEntry
from audit.services import diff, record


def test_record_keeps_who_what_and_changed_fields(officer, own_unit, rf):
    request = rf.get("/", REMOTE_ADDR="10.1.2.3")
    entry = record(officer, Action.CHANGE, own_unit, changes=diff({"a": 1}, {"a": 2}),
                   request=request)
    assert entry.username == officer.username
    assert entry.object_type == "areas.AdminUnit" and entry.object_id == str(own_unit.pk)
    assert entry.changes == {"a": [1, 2]} and entry.ip_address == "10.1.2.3"


def test_entries_cannot_be_changed_or_deleted(officer, own_unit):
    entry = record(officer, Action.EXPORT, own_unit)
    entry.username = "someone else"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.update(username="x")


def test_administrators_read_the_log_but_cannot_add_or_change(client, administrator, officer,
                                                              own_unit):
    entry = record(officer, Action.VIEW_SENSITIVE, own_unit)
    client.force_login(administrator)
    assert client.get("/admin/audit/auditentry/").status_code == 200
    assert client.get("/admin/audit/auditentry/add/").status_code == 403
    response = client.post(f"/admin/audit/auditentry/{entry.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    client.force_login(officer)
    assert client.get("/admin/audit/auditentry/").status_code == 302


def test_behind_a_proxy_the_client_address_comes_from_x_forwarded_for(officer, own_unit, rf,
                                                                     settings):
    settings.PROXY_COUNT = 1
    request = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert record(officer, Action.EXPORT, own_unit, request=request).ip_address == "203.0.113.7"
