"""Who may reach what, changed in the Django admin, is in the audit log with before and after.

The admin's own LogEntry says only "changed role"; the audit log holds the values. The forms are
posted as a browser would: every control of the page with its current value, then changed.
"""

import lxml.html
import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from areas.models import Assignment, Role
from audit.models import Action, AuditEntry

pytestmark = pytest.mark.django_db
PLANNER, LEADER, FINANCE = Role.PLANNER.label, Role.LEADER.label, Role.FINANCE.label


def _page_form(client, url, form_id="user_form") -> dict:
    """The form's values as the page shows them (checked boxes, selected options, texts)."""
    response = client.get(url)
    assert response.status_code == 200
    data = {}
    page = lxml.html.fromstring(response.content.decode())
    for name, value in page.get_element_by_id(form_id).form_values():
        data.setdefault(name, []).append(value)
    return data


def _change_url(user):
    return reverse("admin:auth_user_change", args=[user.pk])


def _post(client, user, **changes):
    data = _page_form(client, _change_url(user))
    data.update({name: value for name, value in changes.items() if value is not None})
    for name in [name for name, value in changes.items() if value is None]:
        data.pop(name, None)
    response = client.post(_change_url(user), data)
    assert response.status_code == 302, response.content.decode()[:3000]


def _entries(object_type):
    return list(AuditEntry.objects.filter(object_type=object_type).order_by("id"))


def test_an_assignment_changed_added_and_removed_in_the_admin_is_in_the_log(
        client, administrator, officer, own_unit, other_unit):
    client.force_login(administrator)
    assignment = officer.assignments.get()
    _post(client, officer, **{"assignments-0-role": Role.LEADER, "assignments-1-unit": other_unit.pk,
                              "assignments-1-role": Role.FINANCE})
    changed, added = _entries("areas.Assignment")
    assert (changed.action, changed.object_id, changed.username) == (
        Action.CHANGE, str(assignment.pk), administrator.username)
    assert changed.changes == {"role": [PLANNER, LEADER]}
    new = Assignment.objects.get(user=officer, role=Role.FINANCE)
    assert (added.action, added.object_id) == (Action.CREATE, str(new.pk))
    assert added.changes == {"role": [None, FINANCE], "unit": [None, other_unit.full_name]}

    _post(client, officer, **{"assignments-0-DELETE": "on"})
    removed = _entries("areas.Assignment")[-1]
    assert not Assignment.objects.filter(pk=assignment.pk).exists()
    assert (removed.action, removed.object_id) == (Action.DELETE, str(assignment.pk))
    assert removed.changes == {"role": [LEADER, None], "unit": [own_unit.full_name, None]}
    assert officer.username in removed.object_repr and removed.ip_address


def test_access_flags_and_groups_changed_in_the_admin_are_in_the_log(client, administrator, officer):
    client.force_login(administrator)
    group = Group.objects.create(name="Kiểm tra nội bộ")
    _post(client, officer, first_name="Văn Bình")
    assert not _entries("auth.User"), "a name change does not touch access"
    _post(client, officer, is_active=None, is_staff="on", groups=[str(group.pk)])
    entry = _entries("auth.User")[-1]
    assert (entry.action, entry.object_id) == (Action.CHANGE, str(officer.pk))
    assert entry.changes == {"is_active": [True, False], "is_staff": [False, True],
                             "groups": ["", "Kiểm tra nội bộ"]}


def test_a_user_deleted_in_the_admin_is_logged_with_their_roles(client, administrator, officer,
                                                                 own_unit):
    client.force_login(administrator)
    pk = officer.pk
    response = client.post(reverse("admin:auth_user_delete", args=[pk]), {"post": "yes"})
    assert response.status_code == 302
    entry = _entries("auth.User")[-1]
    assert (entry.action, entry.object_id) == (Action.DELETE, str(pk))
    assert entry.changes["is_active"] == [True, None]
    assert PLANNER in entry.changes["assignments"][0]
    assert own_unit.name in entry.changes["assignments"][0]


def test_a_user_created_in_the_admin_with_a_role_is_in_the_log(client, administrator, own_unit):
    client.force_login(administrator)
    url = reverse("admin:auth_user_add")
    data = _page_form(client, url) | {
        "username": "canbo.moi", "password1": "Mat-khau-dai-2026!", "password2": "Mat-khau-dai-2026!",
        "usable_password": "true", "assignments-0-unit": own_unit.pk,
        "assignments-0-role": Role.COMMUNE_STAFF}
    assert client.post(url, data).status_code == 302
    (user_entry,), (assignment_entry,) = _entries("auth.User"), _entries("areas.Assignment")
    assert user_entry.action == Action.CREATE and user_entry.changes["is_active"] == [None, True]
    assert assignment_entry.action == Action.CREATE
    assert assignment_entry.changes["role"] == [None, Role.COMMUNE_STAFF.label]


def test_a_password_set_by_an_administrator_is_in_the_log(client, administrator, officer):
    client.force_login(administrator)
    url = reverse("admin:auth_user_password_change", args=[officer.pk])
    response = client.post(url, {"password1": "Mat-khau-moi-2026!", "password2": "Mat-khau-moi-2026!",
                                 "usable_password": "true"})
    assert response.status_code == 302 and response.url != url
    (entry,) = _entries("auth.User")
    assert entry.object_id == str(officer.pk) and entry.username == administrator.username
    assert entry.changes == {"password": [None, "đã đặt mật khẩu mới"]}
    assert "Mat-khau" not in str(entry.changes)
