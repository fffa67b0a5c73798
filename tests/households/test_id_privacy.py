"""ID numbers on a need-to-know basis: masked in import previews and reports for roles that may not
reveal them, never confirmed outside the user's scope (held for an administrator), look-ups limited
per user and hour, and every look at an import's rows in the audit log."""

import datetime
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from areas.models import Role
from audit.models import Action, AuditEntry
from households.id_lookups import LOOKUP, REFUSED
from households.models import (
    BatchStatus,
    Household,
    IdNumberReview,
    ImportBatch,
    ReviewStatus,
    id_number_hash,
)
from tests.factories import AssignmentFactory
from tests.households.factories import HouseholdFactory
from tests.households.test_edit import _form
from tests.households.workbooks import Text, simple_list

pytestmark = pytest.mark.django_db

NEEDS_REVIEW = "cần được quản trị viên kiểm tra"
OVER_LIMIT = "dùng hết"


def _row(code, name, id_number, village="Thôn 2"):
    return [code, name, "Nam", 1975, "Tày", Text(id_number) if isinstance(id_number, str) else id_number,
            village, 4, "Hộ nghèo"]


def _upload(client, unit, upload, rows):
    client.post(reverse("households:import-start"), {"commune": unit.pk, "year": 2024, "file": upload(simple_list(rows))})
    return ImportBatch.objects.latest("id")


def _report_cells(response) -> list[str]:
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    return [str(c) for row in sheet.iter_rows(values_only=True) for c in row if c is not None]


# A commune's file as it comes: one ID typed twice, one that lost its leading zero to Excel, and a
# name column holding an ID number (the columns were shifted by hand).
MESSY_ROWS = [
    _row("HH-01", "Nguyễn Văn An", "025075001234"),
    _row("HH-02", "Trần Văn Bình", " 025 075 001 234 "),
    _row("HH-03", "Lê Văn Cường", 25075005678),
    _row("HH-04", "025075009876", "025075004444"),
]


@pytest.mark.parametrize("role,full", [("officer", True), ("commune_staff", True), ("finance", False),
                                       ("leader", False)])
def test_the_import_preview_and_report_show_full_ids_only_to_roles_that_may_reveal_them(
        request, role, full, client_as, commune_staff, own_unit, upload):
    batch = _upload(client_as(commune_staff), own_unit, upload, MESSY_ROWS)
    viewer = request.getfixturevalue(role)
    client = client_as(viewer)
    page = client.get(reverse("households:import-detail", args=[batch.pk])).content.decode()
    report = " ".join(_report_cells(client.get(reverse("households:import-report", args=[batch.pk]))))
    assert "Trùng số định danh" in page and "Trùng số định danh" in report
    for text in (page, report):
        for number in ("025075001234", "25075005678", "025075009876"):
            assert (number in text) is full, (role, number)
        assert ("0250******34" in text) is not full and ("Nguyễn Văn An" in text)
    entries = AuditEntry.objects.filter(user_id=viewer.pk, object_type="households.ImportBatch",
                                        object_id=str(batch.pk))
    shown = "full" if full else "masked"
    assert entries.get(action=Action.VIEW_SENSITIVE).changes == {"id_numbers": shown, "page": 1, "outcome": ""}
    assert entries.get(action=Action.EXPORT).changes == {"id_numbers": shown}


def test_every_look_at_an_import_preview_is_logged(client_as, commune_staff, finance, own_unit, upload):
    batch = _upload(client_as(commune_staff), own_unit, upload, MESSY_ROWS)
    client = client_as(finance)
    url = reverse("households:import-detail", args=[batch.pk])
    client.get(url)
    client.get(url + "?outcome=rejected")
    client.get(url + "?page=1")
    views = AuditEntry.objects.filter(user_id=finance.pk, action=Action.VIEW_SENSITIVE)
    assert [e.changes["outcome"] for e in views.order_by("id")] == ["", "rejected", ""]
    upload_entry = AuditEntry.objects.get(user_id=commune_staff.pk, action=Action.IMPORT)
    assert upload_entry.object_id == str(batch.pk) and upload_entry.object_repr == "Tải lên tệp danh-sach.xlsx"
    assert upload_entry.changes["year"] == 2024 and upload_entry.ip_address


def test_cancelling_an_import_is_logged(client_as, commune_staff, own_unit, upload):
    client = client_as(commune_staff)
    batch = _upload(client, own_unit, upload, MESSY_ROWS)
    client.post(reverse("households:import-cancel", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.status == BatchStatus.CANCELLED
    entry = AuditEntry.objects.get(action=Action.WORKFLOW, object_id=str(batch.pk))
    assert entry.changes == {"status": [BatchStatus.PREVIEW, BatchStatus.CANCELLED]} and entry.user_id == commune_staff.pk


def test_a_refused_cancel_writes_no_entry(client_as, commune_staff, officer, own_unit, upload):
    batch = _upload(client_as(commune_staff), own_unit, upload, MESSY_ROWS)
    client_as(officer).post(reverse("households:import-cancel", args=[batch.pk]))
    assert not AuditEntry.objects.filter(action=Action.WORKFLOW).exists()


# The household form ----------------------------------------------------------------------------

def test_a_number_held_outside_the_scope_is_never_confirmed_and_goes_to_an_administrator(
        client_as, commune_staff, own_unit, other_unit):
    holder = HouseholdFactory(commune=other_unit, head_name="Y Hơ Niê", code="SL-9", id_number="025185004567")
    response = client_as(commune_staff).post(reverse("households:household-create"), _form(own_unit))
    page = response.content.decode()
    assert response.status_code == 200 and NEEDS_REVIEW in page
    assert "Sa Loong" not in page and "Y Hơ Niê" not in page and "SL-9" not in page and "hộ khác" not in page
    assert Household.objects.count() == 1
    review = IdNumberReview.objects.get()
    assert (review.created_by, review.commune, review.household) == (commune_staff, own_unit, holder)
    assert review.masked_number == "0251******67" and review.number_hash == id_number_hash("025185004567")
    assert "025185004567" not in review.number_hash and review.status == ReviewStatus.OPEN
    lookup = AuditEntry.objects.get(object_type=LOOKUP)
    assert lookup.user_id == commune_staff.pk and lookup.changes["id_number"] == "0251******67"
    assert "025185004567" not in str(lookup.changes)
    client_as(commune_staff).post(reverse("households:household-create"), _form(own_unit))
    assert IdNumberReview.objects.count() == 1, "saved again: the same open case"


def test_a_number_held_in_the_users_own_communes_is_named(client_as, officer, own_unit, other_unit):
    AssignmentFactory(user=officer, role=Role.PLANNER, unit=other_unit)
    HouseholdFactory(commune=other_unit, head_name="Y Hơ Niê", code="SL-9", id_number="025185004567")
    page = client_as(officer).post(reverse("households:household-create"), _form(own_unit)).content.decode()
    assert "đã được ghi cho hộ «Y Hơ Niê (SL-9)» ở Xã Sa Loong" in page
    assert not IdNumberReview.objects.exists()


def test_an_unchanged_number_is_not_looked_up_again_on_edit(client_as, commune_staff, own_household):
    data = _form(own_household.commune, code="X-1", id_number=own_household.id_number, gender="M",
                 birth_year=1975, head_name=own_household.head_name)
    response = client_as(commune_staff).post(reverse("households:household-edit", args=[own_household.pk]), data)
    assert response.status_code == 302
    assert not AuditEntry.objects.filter(object_type=LOOKUP).exists()


def test_administrators_see_and_close_reviews_in_the_admin(client_as, commune_staff, administrator, finance,
                                                           own_unit, other_unit):
    HouseholdFactory(commune=other_unit, id_number="025185004567")
    client_as(commune_staff).post(reverse("households:household-create"), _form(own_unit))
    review = IdNumberReview.objects.get()
    client = client_as(administrator)
    listing = client.get("/admin/households/idnumberreview/").content.decode()
    assert "Số định danh cần kiểm tra" in listing and "0251******67" in listing
    found = client.get("/admin/households/idnumberreview/?q=0251 8500 4567").content.decode()
    assert f"/admin/households/idnumberreview/{review.pk}/change/" in found
    none = client.get("/admin/households/idnumberreview/?q=025185004568").content.decode()
    assert f"/admin/households/idnumberreview/{review.pk}/change/" not in none
    response = client.post(f"/admin/households/idnumberreview/{review.pk}/change/",
                           {"status": ReviewStatus.CLOSED, "note": "Hộ chuyển từ Sa Loong, đã xác minh."})
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.status == ReviewStatus.CLOSED and review.closed_by == administrator and review.closed_at
    assert client_as(finance).get("/admin/households/idnumberreview/").status_code == 302


# Imports ---------------------------------------------------------------------------------------

def test_an_import_row_whose_number_is_held_outside_the_scope_is_held_for_an_administrator(
        client_as, commune_staff, own_unit, other_unit, upload):
    holder = HouseholdFactory(commune=other_unit, head_name="Y Hơ Niê", id_number="025075004444")
    batch = _upload(client_as(commune_staff), own_unit, upload,
                    [_row("HH-01", "Nguyễn Văn An", "025075001234"), _row("HH-02", "Lò Văn Sáu", "025075004444")])
    rows = {r["row"]: r for r in batch.rows}
    assert rows[3]["outcome"] == "rejected" and NEEDS_REVIEW in rows[3]["message"]
    assert "xã/phường khác" not in rows[3]["message"] and "Sa Loong" not in rows[3]["message"]
    assert rows[2]["outcome"] == "new"
    review = IdNumberReview.objects.get()
    assert (review.batch, review.row, review.household, review.commune) == (batch, 3, holder, own_unit)
    assert review.source == "Dòng 3 của tệp «danh-sach.xlsx»"
    assert AuditEntry.objects.filter(object_type=LOOKUP, user_id=commune_staff.pk).count() == 1


def test_an_import_row_whose_number_is_held_in_the_uploaders_scope_is_named(client_as, officer, own_unit,
                                                                              other_unit, upload):
    AssignmentFactory(user=officer, role=Role.PLANNER, unit=other_unit)
    HouseholdFactory(commune=other_unit, head_name="Y Hơ Niê", code="SL-9", id_number="025075004444")
    batch = _upload(client_as(officer), own_unit, upload, [_row("HH-02", "Lò Văn Sáu", "025075004444")])
    assert "hộ «Y Hơ Niê (SL-9)» ở Xã Sa Loong" in batch.rows[0]["message"]
    assert not IdNumberReview.objects.exists()


# The hourly limit ------------------------------------------------------------------------------

def test_look_ups_through_the_form_stop_at_the_hourly_limit(client_as, commune_staff, own_unit, settings,
                                                            monkeypatch):
    settings.HOUSEHOLD_ID_LOOKUPS_PER_HOUR = 2
    client = client_as(commune_staff)
    url = reverse("households:household-create")
    for n in (1, 2):
        assert client.post(url, _form(own_unit, code=f"M-0{n}", id_number=f"02518500456{n}")).status_code == 302
    page = client.post(url, _form(own_unit, code="M-03", id_number="025185004563")).content.decode()
    assert OVER_LIMIT in page and "trong một giờ" in page
    assert not Household.objects.filter(code="M-03").exists()
    refused = AuditEntry.objects.get(object_type=REFUSED)
    assert refused.user_id == commune_staff.pk and refused.changes["id_number"] == "0251******63"
    assert client.post(url, _form(own_unit, code="M-04", id_number="")).status_code == 302, "no look-up, no limit"
    later = timezone.now() + datetime.timedelta(minutes=61)
    monkeypatch.setattr("households.id_lookups.timezone.now", lambda: later)
    assert client.post(url, _form(own_unit, code="M-03", id_number="025185004563")).status_code == 302


def test_the_limit_is_counted_per_user(client_as, commune_staff, officer, own_unit, settings):
    settings.HOUSEHOLD_ID_LOOKUPS_PER_HOUR = 1
    client_as(commune_staff).post(reverse("households:household-create"), _form(own_unit))
    response = client_as(officer).post(reverse("households:household-create"),
                                       _form(own_unit, code="M-02", id_number="025185004561"))
    assert response.status_code == 302


def test_an_import_over_the_limit_holds_every_number_it_would_have_to_look_up(
        client_as, commune_staff, own_unit, other_unit, own_household, upload, settings):
    settings.HOUSEHOLD_ID_LOOKUPS_PER_HOUR = 1
    for n in (1, 2):
        HouseholdFactory(commune=other_unit, id_number=f"02507500300{n}")
    rows = [_row("HH-01", "Nguyễn Văn An", "025075001234"),  # the commune's own household: no look-up
            _row("HH-05", "Lò Văn Một", "025075003001"), _row("HH-06", "Lò Văn Hai", "025075003002"),
            _row("HH-07", "Lò Văn Ba", "025075003003")]  # free, but after the limit: held all the same
    batch = _upload(client_as(commune_staff), own_unit, upload, rows)
    messages = {r["row"]: r["message"] for r in batch.rows}
    assert NEEDS_REVIEW in messages[3]
    assert OVER_LIMIT in messages[4] and OVER_LIMIT in messages[5] and messages[4] == messages[5]
    assert OVER_LIMIT not in messages[2] and NEEDS_REVIEW not in messages[2]
    assert IdNumberReview.objects.count() == 1
    refused = AuditEntry.objects.get(object_type=REFUSED)
    assert refused.changes["rows"] == 2 and refused.object_id == str(batch.pk)


# Double submits --------------------------------------------------------------------------------

def test_a_form_sent_twice_registers_one_household(client_as, commune_staff, own_unit):
    client = client_as(commune_staff)
    page = client.get(reverse("households:household-create")).content.decode()
    token = page.split('name="submission" value="')[1].split('"')[0]
    data = _form(own_unit, code="", id_number="", submission=token)
    first = client.post(reverse("households:household-create"), data)
    second = client.post(reverse("households:household-create"), data, follow=True)
    household = Household.objects.get()
    assert first["Location"] == household.get_absolute_url()
    assert second.redirect_chain[-1][0] == household.get_absolute_url()
    assert "gửi hai lần" in second.content.decode()
    assert AuditEntry.objects.filter(action=Action.CREATE, object_type="households.Household").count() == 1
    fresh = client.get(reverse("households:household-create")).content.decode()
    assert token not in fresh, "every form gets its own token"
