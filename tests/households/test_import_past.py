"""A «Ghi chú» saying the household already attended a dialogue: read from messy notes, offered on the
preview (never applied silently), recorded on commit once per household and year, removable."""

import datetime
import unicodedata

import pytest
from django.urls import reverse

from audit.models import Action, AuditEntry
from households.models import Household, ImportBatch, PastParticipation
from households.participation import past_participation
from tests.households.factories import HouseholdFactory
from tests.households.workbooks import simple_list

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 12, 6)
HEADER = ["Mã hộ", "Họ và tên chủ hộ", "Năm sinh", "Thôn", "Ghi chú"]
ROWS = [["H-1", "Lò Văn Pọm", 1975, "Bản Nà Pồng", "đã tham gia đối thoại năm 2024"],
        ["H-2", "Lò Thị Ín", 1980, "Bản Nà Pồng", "Hộ neo đơn"],
        ["H-3", "Quàng Văn Ón", 1968, "Bản Nà Pồng", "dự HN đối thoại 2022"],
        ["H-4", "Cà Thị Un", 1990, "Bản Nà Pồng", "đã tham gia đối thoại năm 2031"],
        ["H-5", "Tòng Văn Ăm", 1972, "Bản Nà Pồng", "đã dự đối thoại 2023 và 2024"]]


@pytest.mark.parametrize("note,years,offered", [
    ("da tham gia doi thoai nam 2024", (2024,), True),  # no diacritics
    (unicodedata.normalize("NFD", "Đã tham dự hội nghị đối thoại chính sách năm 2023"), (2023,), True),
    ("đã dự đối thoại 2023 và 2024", (2023, 2024), True),
    ("Đã dự ĐT năm 23", (2023,), True),  # a two-digit year
    ("đã tham gia đối thoại", (), True),  # no year: still attended before
    ("Đã dự đối thoại với 15 người", (), True),  # «15 người» is not a year
    ("đã tham gia đối thoại năm 2031", (), False),  # a year not come yet: never recorded
    ("đã tham gia đối thoại 2024, 2031", (2024,), True),
    ("Đã dự họp thôn năm 2023", None, None),  # a meeting, not a dialogue
    ("Đã tham gia tập huấn sinh kế 2024", None, None),
    ("đã dự họp thôn, chưa đối thoại", None, None),
    ("Không dự đối thoại 2023", None, None),
    ("chủ hộ sinh 1951, đã dự đối thoại", (), True),  # a birth year is not a dialogue's
])
def test_messy_notes_are_read_as_past_participation_or_not(note, years, offered):
    found = past_participation(note, today=TODAY)
    assert (found.years if found else None) == years
    assert (found.offered if found else None) == offered


def _upload(client, own_unit, upload, rows=ROWS) -> ImportBatch:
    response = client.post(reverse("households:import-start"),
                           {"commune": own_unit.pk, "year": 2025, "file": upload(simple_list(rows, header=HEADER))})
    assert response.status_code == 302
    return ImportBatch.objects.latest("id")


def _accept(client, batch, row=None, accept=True):
    data = {"accept": "1" if accept else "0", **({"row": row} if row is not None else {})}
    return client.post(reverse("households:import-past", args=[batch.pk]), data)


def test_the_preview_offers_the_note_plainly_and_applies_nothing_by_itself(client_as, commune_staff, own_unit,
                                                                           upload):
    client = client_as(commune_staff)
    batch = _upload(client, own_unit, upload)
    assert batch.past_accepted == []
    offered = {r["row"]: r["past"] for r in batch.rows if r.get("past") is not None}
    assert offered == {2: [2024], 4: [2022], 6: [2023, 2024]}  # not the future year's row 5
    page = client.get(batch.get_absolute_url()).content.decode()
    assert "Ghi chú cho biết hộ đã tham gia đối thoại năm 2024." in page
    assert page.count("Ghi chú cho biết hộ đã tham gia đối thoại năm 2024") == 1  # not said twice
    assert page.count('data-testid="past-accept"') == 3 and "Đã chọn ghi nhận 0 dòng" in page
    assert "năm chưa tới" in page  # the future year is told, not offered
    only = client.get(batch.get_absolute_url() + "?outcome=past").content.decode()
    assert "Quàng Văn Ón" in only and "Lò Thị Ín" not in only


def test_rows_are_accepted_and_declined_one_by_one_or_all_at_once(client_as, commune_staff, own_unit, upload):
    client = client_as(commune_staff)
    batch = _upload(client, own_unit, upload)
    response = _accept(client, batch, row=2)
    assert response.status_code == 302 and response["Location"].endswith("#row-2")
    batch.refresh_from_db()
    assert batch.past_accepted == [2]
    _accept(client, batch, row=2)  # twice: the same
    batch.refresh_from_db()
    assert batch.past_accepted == [2]
    assert "Sẽ ghi nhận khi xác nhận ghi" in client.get(batch.get_absolute_url()).content.decode()
    _accept(client, batch)
    batch.refresh_from_db()
    assert batch.past_accepted == [2, 4, 6]
    _accept(client, batch, row=4, accept=False)
    batch.refresh_from_db()
    assert batch.past_accepted == [2, 6]
    _accept(client, batch, accept=False)
    batch.refresh_from_db()
    assert batch.past_accepted == []


def test_a_row_without_such_a_note_or_a_bad_row_number_is_refused_without_a_500(client_as, commune_staff,
                                                                                 own_unit, upload, officer):
    client = client_as(commune_staff)
    batch = _upload(client, own_unit, upload)
    response = _accept(client, batch, row=3)
    assert response.status_code == 302
    assert "Không có dòng nào có ghi chú" in client.get(response["Location"]).content.decode()
    assert _accept(client, batch, row=5).status_code == 302  # the future year: not offered either
    assert _accept(client, batch, row="abc").status_code == 400
    batch.refresh_from_db()
    assert batch.past_accepted == []
    assert _accept(client_as(officer), batch, row=2).status_code == 403  # not the uploader


def test_an_accepted_note_is_recorded_on_commit_and_a_second_upload_records_nothing_twice(
        client_as, commune_staff, own_unit, upload):
    client = client_as(commune_staff)
    existing = HouseholdFactory(commune=own_unit, code="H-3", head_name="Quàng Văn Ón", birth_year=1968)
    PastParticipation.objects.create(household=existing, year=2022)
    batch = _upload(client, own_unit, upload)
    _accept(client, batch)
    _accept(client, batch, row=6, accept=False)
    client.post(reverse("households:import-commit", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.status == "done"
    recorded = {(p.household.code, p.year, p.source, p.batch_id) for p in PastParticipation.objects.all()}
    assert recorded == {("H-1", 2024, "import_note", batch.pk), ("H-3", 2022, "import_note", None)}
    entry = AuditEntry.objects.filter(action=Action.IMPORT, object_repr__startswith="Đã nhập").latest("pk")
    assert entry.changes["past_participations"] == 1
    page = client.get(batch.get_absolute_url()).content.decode()
    assert "Đã ghi nhận 1 lượt tham gia đối thoại" in page

    again = _upload(client, own_unit, upload)
    assert {r["row"]: r["action"] for r in again.rows if r.get("past") is not None} == {
        2: "unchanged", 4: "unchanged", 6: "unchanged"}
    _accept(client, again)
    client.post(reverse("households:import-commit", args=[again.pk]))
    again.refresh_from_db()
    assert again.status == "done"
    assert sorted(PastParticipation.objects.values_list("household__code", "year")) == [
        ("H-1", 2024), ("H-3", 2022), ("H-5", 2023), ("H-5", 2024)]


def test_a_yearless_note_is_recorded_once_without_a_year(client_as, commune_staff, own_unit, upload):
    client = client_as(commune_staff)
    rows = [["H-1", "Lò Văn Pọm", 1975, "Bản Nà Pồng", "Đã tham gia đối thoại"]]
    for _ in range(2):
        batch = _upload(client, own_unit, upload, rows)
        _accept(client, batch)
        client.post(reverse("households:import-commit", args=[batch.pk]))
    assert list(PastParticipation.objects.values_list("year", flat=True)) == [None]


def test_the_correction_form_offers_the_note_and_keeps_the_choice(client_as, commune_staff, own_unit, upload):
    client = client_as(commune_staff)
    batch = _upload(client, own_unit, upload)
    url = reverse("households:import-row", args=[batch.pk, 2])
    form = client.get(url + "?edit=1").content.decode()
    assert 'name="past"' in form and "Ghi chú cho biết hộ đã tham gia đối thoại năm 2024" in form
    plain = client.get(reverse("households:import-row", args=[batch.pk, 3]) + "?edit=1").content.decode()
    assert 'name="past"' not in plain
    response = client.post(url, {"name": "Lò Văn Pòm", "code": "H-1", "birth_year": "1975", "village": "Bản Nà Pồng",
                                 "past": "on"})
    assert response.status_code == 204
    batch.refresh_from_db()
    assert batch.past_accepted == [2]
    row = next(r for r in batch.rows if r["row"] == 2)
    assert row["name"] == "Lò Văn Pòm" and row["past"] == [2024]  # the note still offered once corrected
    client.post(url, {"name": "Lò Văn Pòm", "code": "H-1", "birth_year": "1975", "village": "Bản Nà Pồng"})
    batch.refresh_from_db()
    assert batch.past_accepted == []


def test_the_household_page_lists_it_and_the_officer_removes_a_wrong_one(client_as, commune_staff, own_unit,
                                                                         other_unit):
    household = HouseholdFactory(commune=own_unit)
    wrong = PastParticipation.objects.create(household=household, year=2023, note="đã dự đối thoại 2023")
    client = client_as(commune_staff)
    page = client.get(household.get_absolute_url()).content.decode()
    assert "Đối thoại năm 2023" in page and "Theo ghi chú danh sách nhập" in page
    elsewhere = HouseholdFactory(commune=other_unit)
    stranger = PastParticipation.objects.create(household=elsewhere, year=2023)
    url = reverse("households:household-past-remove", args=[elsewhere.pk, stranger.pk])
    assert client.post(url).status_code == 404
    url = reverse("households:household-past-remove", args=[household.pk, wrong.pk])
    assert client.post(url).status_code == 302
    assert not PastParticipation.objects.filter(pk=wrong.pk).exists()
    assert AuditEntry.objects.filter(action=Action.DELETE, object_repr__contains="năm 2023").exists()
    assert client.post(url).status_code == 404  # twice: gone already


def test_a_dialogue_recorded_from_a_note_counts_in_the_attended_filter(own_unit):
    household = HouseholdFactory(commune=own_unit)
    PastParticipation.objects.create(household=household, year=2024)
    assert list(Household.objects.attended_dialogue_in(2024)) == [household]
    assert household not in Household.objects.attended_dialogue_in(2024, attended=False)


def test_the_administrator_looks_past_participation_up_in_the_admin(client_as, administrator, own_unit):
    household = HouseholdFactory(commune=own_unit, code="H-7", head_name="Hà Thị Lan")
    PastParticipation.objects.create(household=household, year=2023, note="Đã dự đối thoại năm 2023")
    client = client_as(administrator)
    page = client.get(reverse("admin:households_pastparticipation_changelist"), {"q": "Hà Thị Lan"})
    assert page.status_code == 200
    text = page.content.decode()
    assert "Hà Thị Lan" in text and "Đã dự đối thoại năm 2023" in text and own_unit.name in text
    record = PastParticipation.objects.get()
    assert client.get(reverse("admin:households_pastparticipation_change", args=[record.pk])).status_code == 200
    assert client.post(reverse("admin:households_pastparticipation_delete", args=[record.pk]),
                       {"post": "yes"}).status_code == 403  # removed, audited, on the household's page only
    assert PastParticipation.objects.exists()
