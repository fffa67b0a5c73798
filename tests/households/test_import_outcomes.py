"""Field-level outcomes: a bad optional value is left empty and the household imported; rows are
corrected in the browser; the rows not imported stay with the batch to be finished later."""

import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from areas.models import Role
from audit.models import Action, AuditEntry
from households.import_forms import RowCorrectionForm
from households.models import BatchStatus, Household, ImportBatch, ImportSettings
from tests.factories import AssignmentFactory
from tests.households.workbooks import Text, realistic_list, save, simple_list

pytestmark = pytest.mark.django_db


def _upload(client, own_unit, upload, content, name="danh-sach.xlsx"):
    response = client.post(reverse("households:import-start"),
                           {"commune": own_unit.pk, "year": 2024, "file": upload(content, name)})
    assert response.status_code == 302
    return ImportBatch.objects.latest("id")


def _row(code="C-1", name="Lò Văn Pọm", gender="Nam", year=1975, ethnicity="Thái", id_cell="",
         village="Bản Nà Pồng", members=4, klass="Hộ nghèo"):
    return [code, name, gender, year, ethnicity, id_cell, village, members, klass]


def _rows_of(batch):
    return {r["row"]: r for r in batch.rows if r["outcome"] != "skipped"}


@pytest.mark.parametrize("cell", ["Chưa có", "Không có", "-", "chưa cấp", "KC", " chưa  có "])
def test_an_id_cell_saying_there_is_none_imports_the_household_without_id(client_as, commune_staff, own_unit,
                                                                          upload, cell):
    batch = _upload(client_as(commune_staff), own_unit, upload, simple_list([_row(id_cell=cell)]))
    row = _rows_of(batch)[2]
    assert row["outcome"] == "fixed" and "chưa có số định danh" in row["message"], row
    assert row["id"] == ""


@pytest.mark.parametrize("code", [datetime.datetime(2024, 12, 3), "03/12/2024"])
def test_a_code_excel_turned_into_a_date_is_rejected_as_a_value_the_household_kept(client_as, commune_staff,
                                                                                   own_unit, upload, code):
    client = client_as(commune_staff)
    batch = _upload(client, own_unit, upload, simple_list([_row(code=code)]))
    row = _rows_of(batch)[2]
    assert row["outcome"] == "emptied" and "03/12/2024" in row["message"] and "ngày tháng" in row["message"]
    assert row["code"] == ""
    client.post(reverse("households:import-commit", args=[batch.pk]))
    # Never the date: the household gets a code by the commune's rule, as every one without a code.
    assert Household.objects.get().code == f"{own_unit.code}-00-001"


def test_a_code_turned_into_a_date_is_not_imported_where_the_commune_requires_codes(client_as, commune_staff,
                                                                                     own_unit, upload):
    ImportSettings.objects.create(commune=own_unit, codes_required=True)
    batch = _upload(client_as(commune_staff), own_unit, upload,
                    simple_list([_row(code=datetime.datetime(2024, 12, 3)), _row(code="C-2", name="Lò Thị Ún")]))
    rows = _rows_of(batch)
    assert rows[2]["outcome"] == "rejected" and "bắt buộc có mã hộ" in rows[2]["message"]
    assert rows[3]["outcome"] == "new"


@pytest.mark.parametrize(("cell", "outcome", "words"), [
    ("#N/A", "fixed", "lỗi của Excel"), ("#REF!", "fixed", "lỗi của Excel"),
    ("Kinh, Tày", "emptied", "nhiều dân tộc"), ("Tày/Nùng", "emptied", "nhiều dân tộc")])
def test_an_unreadable_ethnicity_is_left_empty_with_a_note(client_as, commune_staff, own_unit, upload, cell,
                                                           outcome, words):
    client = client_as(commune_staff)
    batch = _upload(client, own_unit, upload, simple_list([_row(ethnicity=Text(cell))]))
    row = _rows_of(batch)[2]
    assert row["outcome"] == outcome and words in row["message"] and row["ethnicity"] == ""
    client.post(reverse("households:import-commit", args=[batch.pk]))
    assert Household.objects.get().ethnic_group is None


def test_a_head_born_less_than_16_years_before_the_list_is_flagged(client_as, commune_staff, own_unit, upload):
    batch = _upload(client_as(commune_staff), own_unit, upload, simple_list([_row(year=2012)]))
    row = _rows_of(batch)[2]
    assert row["outcome"] == "warning" and "chưa đủ 16 tuổi" in row["message"]


def test_a_merged_cell_over_two_fields_is_reported_not_silently_emptied(client_as, commune_staff, own_unit,
                                                                        upload):
    wb = openpyxl.load_workbook(io.BytesIO(simple_list([_row(), _row(code="C-2", name="Lò Thị Ún")])))
    wb.active.merge_cells("E3:F3")  # ethnicity and ID number of the second household
    batch = _upload(client_as(commune_staff), own_unit, upload, save(wb))
    row = _rows_of(batch)[3]
    assert "Ô gộp E3:F3" in row["message"] and "dân tộc, số định danh" in row["message"]
    assert row["outcome"] == "warning"


def test_every_outcome_of_a_mixed_file_is_counted_and_the_good_rows_commit(client_as, commune_staff, own_unit,
                                                                           upload):
    client = client_as(commune_staff)
    rows = [_row(), _row(code="C-2", name="Lò Thị 2"), _row(code="C-3", name="Lò Văn Ba", members="bốn"),
            _row(code="C-4", name="Lò Văn Bốn", id_cell="Chưa có"), _row(code="C-1", name="Lò Văn Năm")]
    batch = _upload(client, own_unit, upload, simple_list(rows))
    assert {r["row"]: r["outcome"] for r in _rows_of(batch).values()} == {
        2: "new", 3: "rejected", 4: "emptied", 5: "fixed", 6: "rejected"}
    page = client.get(batch.get_absolute_url()).content.decode()
    assert "Cần xem lại: 3" in page and "Chưa nhập: 2" in page and "Xác nhận ghi vào sổ hộ (3 hộ)" in page
    response = client.post(reverse("households:import-commit", args=[batch.pk]), follow=True)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.DONE and Household.objects.count() == 3
    assert "Còn 2 dòng chưa nhập" in response.content.decode()
    entry = AuditEntry.objects.filter(action=Action.IMPORT, object_repr__startswith="Đã nhập").latest("id")
    assert entry.changes["not_imported"] == 2 and entry.changes["created"] == 3


def test_a_file_with_no_importable_row_cannot_be_committed(client_as, commune_staff, own_unit, upload):
    client = client_as(commune_staff)
    batch = _upload(client, own_unit, upload, simple_list([_row(name="Lò 3")]))
    response = client.post(reverse("households:import-commit", args=[batch.pk]), follow=True)
    assert "Không có dòng nào nhập được" in response.content.decode()
    batch.refresh_from_db()
    assert batch.status == BatchStatus.PREVIEW and Household.objects.count() == 0


def test_a_row_is_corrected_in_the_browser_rechecked_and_included(client_as, commune_staff, own_unit, upload):
    client = client_as(commune_staff)
    batch = _upload(client, own_unit, upload, simple_list([_row(), _row(code="C-2", name="Lò Thị 2",
                                                                        id_cell="025175001234")]))
    url = reverse("households:import-row", args=[batch.pk, 3])
    form = client.get(url + "?edit=1", HTTP_HX_REQUEST="true").content.decode()
    assert 'data-testid="row-form"' in form and 'value="Lò Thị 2"' in form
    assert 'value="025175001234"' in form, "the commune's own officer may see its ID numbers"
    bad = client.post(url, {"name": "", "gender": "Nữ"}, HTTP_HX_REQUEST="true")
    assert bad.status_code == 200 and "This field is required" not in bad.content.decode()
    response = client.post(url, {"name": "Lò Thị Hai", "code": "C-2", "gender": "Nữ", "birth_year": "1975",
                                 "ethnicity": "Thái", "id_number": "025175001234", "village": "Bản Nà Pồng",
                                 "klass": "Hộ cận nghèo", "members": "3"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 204 and response["HX-Refresh"] == "true"
    batch.refresh_from_db()
    assert batch.status == BatchStatus.PREVIEW and batch.corrections["3"]["id_number"] == "025175001234"
    row = _rows_of(batch)[3]
    assert row["outcome"] == "fixed" and "sửa trên trình duyệt" in row["message"] and row["klass"] == "near_poor"
    entry = AuditEntry.objects.filter(action=Action.CHANGE, object_repr__startswith="Sửa dòng 3").get()
    assert entry.changes["after"]["name"] == "Lò Thị Hai" and "id_number" not in entry.changes["after"]
    client.post(reverse("households:import-commit", args=[batch.pk]))
    assert Household.objects.get(code="C-2").head_name == "Lò Thị Hai"
    assert Household.objects.get(code="C-2").id_number == "025175001234"


def test_a_correction_that_is_still_wrong_keeps_the_row_not_imported_with_its_reason(client_as, commune_staff,
                                                                                     own_unit, upload):
    client = client_as(commune_staff)
    batch = _upload(client, own_unit, upload, simple_list([_row(), _row(code="C-2", name="Lò Thị 2")]))
    client.post(reverse("households:import-row", args=[batch.pk, 3]),
                {"name": "Lò Thị 22", "code": "C-1", "birth_year": "năm ngoái"})
    batch.refresh_from_db()
    row = _rows_of(batch)[3]
    assert row["outcome"] == "rejected" and "không phải chữ cái" in row["message"]


def test_only_the_uploader_corrects_rows(client_as, commune_staff, own_unit, upload):
    batch = _upload(client_as(commune_staff), own_unit, upload, simple_list([_row(name="Lò 3")]))
    other = AssignmentFactory(unit=own_unit, role=Role.COMMUNE_STAFF).user
    client = client_as(other)
    assert "row-form" not in client.get(reverse("households:import-row", args=[batch.pk, 2]) + "?edit=1").content.decode()
    client.post(reverse("households:import-row", args=[batch.pk, 2]), {"name": "Lò Văn Ba"})
    batch.refresh_from_db()
    assert batch.corrections == {}


def test_the_rows_left_over_are_finished_in_a_follow_up_batch_without_duplicates(client_as, commune_staff,
                                                                                  own_unit, upload):
    client = client_as(commune_staff)
    batch = _upload(client, own_unit, upload, realistic_list({"Thôn Cả": [
        ("HH-1", "Bàn Thị Thuỷ", False, 1990, "Dao", "025190001111", 2, 0),
        ("HH-2", "Lò Văn 9", True, 1959, "Mông", "025059002222", 6, 1)]}))
    client.post(reverse("households:import-commit", args=[batch.pk]))
    batch.refresh_from_db()
    assert Household.objects.count() == 1 and len(batch.pending["rows"]) == 1
    response = client.post(reverse("households:import-continue", args=[batch.pk]))
    follow = ImportBatch.objects.latest("id")
    assert response["Location"] == follow.get_absolute_url() and follow.continues == batch
    assert follow.status == BatchStatus.PREVIEW and follow.totals["rejected"] == 1
    row = next(iter(_rows_of(follow).values()))
    assert row["code"] == "HH-2" and "không phải chữ cái" in row["message"]
    client.post(reverse("households:import-row", args=[follow.pk, row["row"]]),
                {"name": "Lò Văn Chín", "code": "HH-2", "gender": "Nam", "birth_year": "1959",
                 "ethnicity": "Mông", "id_number": "025059002222", "village": "Thôn Cả", "klass": "Hộ cận nghèo",
                 "members": "6"})
    client.post(reverse("households:import-commit", args=[follow.pk]))
    assert sorted(Household.objects.values_list("code", flat=True)) == ["HH-1", "HH-2"]
    page = client.get(batch.get_absolute_url()).content.decode()
    assert follow.filename in page


def test_the_not_imported_rows_file_keeps_text_as_text(client_as, commune_staff, own_unit, upload):
    client = client_as(commune_staff)
    batch = _upload(client, own_unit, upload, simple_list([_row(), _row(code=Text("=1+1"), name=Text("=HYPERLINK(1)"))]))
    response = client.get(reverse("households:import-pending", args=[batch.pk]))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    assert any(cell.value == "=HYPERLINK(1)" for row in sheet.iter_rows() for cell in row)
    assert AuditEntry.objects.filter(action=Action.EXPORT, object_repr__contains="dòng chưa nhập").exists()


def test_a_masked_id_left_as_shown_in_the_form_keeps_the_number_read_from_the_file():
    form = RowCorrectionForm({"name": "Lò Thị Hai", "id_number": "0251******34"})
    assert form.is_valid()
    assert form.values(stored_id="025175001234")["id_number"] == "025175001234"
    form = RowCorrectionForm({"name": "Lò Thị Hai", "id_number": "0251******99"})
    assert form.is_valid() and form.values(stored_id="025175001234")["id_number"] == "0251******99"


def test_an_administrator_sets_whether_a_commune_requires_codes_in_the_admin(client_as, administrator, own_unit):
    client = client_as(administrator)
    response = client.post(reverse("admin:households_importsettings_add"),
                           {"commune": own_unit.pk, "codes_required": "on"})
    assert response.status_code == 302 and ImportSettings.codes_required_in(own_unit)
