"""Mapping columns by hand: when the header is not recognised, or to correct it; remembered per commune."""

import openpyxl
import pytest
from django.urls import reverse

from audit.models import Action, AuditEntry
from households.models import BatchStatus, ColumnMapping, Household, ImportBatch
from tests.factories import AssignmentFactory
from tests.households.workbooks import realistic_list, save

pytestmark = pytest.mark.django_db

# Abbreviated labels no automatic rule knows: "Tên" alone, "NS", "Số CC", "Địa bàn", "Diện".
ODD_HEADER = ["TT", "Số hồ sơ", "Tên", "NS", "Số CC", "Địa bàn", "Diện"]
ODD_ROWS = [
    [1, "K-01", "Nguyễn Văn Khải", 1970, "025070001111", "Thôn Gò", "Hộ nghèo"],
    [2, "K-02", "Trần Thị Lan", 1985, "025185002222", "Thôn Gò", "Hộ cận nghèo"],
]
MAPPING = {"col_1": "code", "col_2": "name", "col_3": "birth_year", "col_4": "id_number", "col_5": "village",
           "col_6": "class"}


def odd_list(rows=ODD_ROWS, *, title_rows: int = 2) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    for number in range(title_rows):
        ws.append([f"Danh sách hộ, trang {number + 1}" if number == 0 else None])
    ws.append(ODD_HEADER)
    for row in rows:
        ws.append(row)
    return save(wb)


def _upload(client, unit, upload, content, year=2024):
    client.post(reverse("households:import-start"), {"commune": unit.pk, "year": year,
                                                     "file": upload(content, "ds-rieng.xlsx")})
    return ImportBatch.objects.latest("id")


def _map(client, batch, first, last=None, **columns):
    data = {"sheet": 0, "first": first, "last": last or first, **(columns or MAPPING)}
    return client.post(reverse("households:import-mapping", args=[batch.pk]), data, follow=True)


def test_an_unrecognised_header_asks_for_a_mapping_and_keeps_the_file(client_as, commune_staff, own_unit, upload):
    client = client_as(commune_staff)
    batch = _upload(client, own_unit, upload, odd_list())
    assert batch.status == BatchStatus.MAPPING and "Không tự tìm thấy dòng tiêu đề" in batch.message
    assert batch.content, "the file is kept until the officer maps or cancels"
    page = client.get(batch.get_absolute_url()).content.decode()
    assert "Ghép cột" in page and reverse("households:import-mapping", args=[batch.pk]) in page
    screen = client.get(reverse("households:import-mapping", args=[batch.pk]), {"first": 3}).content.decode()
    assert "Số CC" in screen and "Nguyễn Văn Khải" in screen and "Họ và tên chủ hộ" in screen


def test_a_mapping_reads_the_file_and_is_remembered_for_the_next_file_of_the_same_layout(
        client_as, commune_staff, own_unit, upload):
    client = client_as(commune_staff)
    batch = _upload(client, own_unit, upload, odd_list())
    response = _map(client, batch, 3)
    assert "Đã lưu cách ghép cột" in response.content.decode()
    batch.refresh_from_db()
    assert batch.status == BatchStatus.PREVIEW and batch.totals["new"] == 2 and batch.totals["rejected"] == 0
    assert batch.header_first == 3 and batch.mapping is not None
    mapping = ColumnMapping.objects.get(commune=own_unit)
    assert mapping.columns["name"] == 2 and mapping.labels[4] == "Số CC"
    assert AuditEntry.objects.filter(action=Action.CREATE, object_type="households.ColumnMapping").exists()
    client.post(reverse("households:import-commit", args=[batch.pk]))
    khai = Household.objects.get(code="K-01")
    assert khai.id_number == "025070001111" and khai.village == "Thôn Gò" and khai.birth_year == 1970
    # The next file: same header five rows further down, other households; read without asking.
    later = _upload(client, own_unit, upload, odd_list([[1, "K-03", "Lê Văn Minh", 1990, "", "Thôn Bãi",
                                                         "Hộ nghèo"]], title_rows=7))
    assert later.status == BatchStatus.PREVIEW and later.mapping_id == mapping.pk and later.header_first == 8
    assert later.totals["new"] == 1
    assert "dùng cách ghép cột đã lưu" in client.get(later.get_absolute_url()).content.decode()


def test_a_mapping_belongs_to_its_commune(client_as, commune_staff, own_unit, other_unit, upload):
    client = client_as(commune_staff)
    _map(client, _upload(client, own_unit, upload, odd_list()), 3)
    elsewhere = AssignmentFactory(role="commune_staff", unit=other_unit).user
    batch = _upload(client_as(elsewhere), other_unit, upload, odd_list())
    assert batch.status == BatchStatus.MAPPING


@pytest.mark.parametrize("columns,words", [
    ({"col_1": "code", "col_3": "birth_year"}, "Chưa chọn cột «Họ và tên chủ hộ»"),
    ({"col_2": "name"}, "ít nhất một cột nữa"),
    ({"col_2": "name", "col_3": "birth_year", "col_5": "birth_year"}, "cả cột D và cột F"),
])
def test_a_bad_mapping_says_what_is_wrong_and_saves_nothing(client_as, commune_staff, own_unit, upload,
                                                            columns, words):
    client = client_as(commune_staff)
    batch = _upload(client, own_unit, upload, odd_list())
    response = _map(client, batch, 3, **columns)
    assert response.status_code == 200 and words in response.content.decode()
    batch.refresh_from_db()
    assert batch.status == BatchStatus.MAPPING and not ColumnMapping.objects.exists()


def test_an_empty_row_cannot_be_the_header(client_as, commune_staff, own_unit, upload):
    client = client_as(commune_staff)
    batch = _upload(client, own_unit, upload, odd_list())
    response = _map(client, batch, 2)
    assert "không có chữ nào" in response.content.decode() and not ColumnMapping.objects.exists()


def test_a_recognised_header_can_be_corrected_and_the_correction_is_reused(client_as, commune_staff, own_unit,
                                                                           upload):
    client = client_as(commune_staff)
    batch = _upload(client, own_unit, upload, realistic_list())
    assert batch.status == BatchStatus.PREVIEW and batch.mapping is None
    screen = client.get(reverse("households:import-mapping", args=[batch.pk])).content.decode()
    assert 'value="6" selected' in screen and 'value="7" selected' in screen, "the detected two-row header"
    # The officer decides not to take the ethnicity column (F) from this layout.
    columns = {"col_1": "code", "col_2": "name", "col_3": "birth_male", "col_4": "birth_female",
               "col_6": "id_number", "col_7": "members", "col_8": "class_poor", "col_9": "class_near_poor",
               "col_10": "class_escaped"}
    _map(client, batch, 6, 7, **columns)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.PREVIEW and batch.totals["new"] == 5 and "ethnicity" not in batch.columns
    again = _upload(client, own_unit, upload, realistic_list())
    assert again.mapping_id == batch.mapping_id and "ethnicity" not in again.columns


def test_only_the_uploader_maps_columns(client_as, commune_staff, officer, own_unit, other_unit, upload):
    batch = _upload(client_as(commune_staff), own_unit, upload, odd_list())
    url = reverse("households:import-mapping", args=[batch.pk])
    assert client_as(officer).get(url).status_code == 403
    assert client_as(officer).post(url, {"first": 3, **MAPPING}).status_code == 403
    stranger = AssignmentFactory(role="commune_staff", unit=other_unit).user
    assert client_as(stranger).get(url).status_code == 404
    batch.refresh_from_db()
    assert batch.status == BatchStatus.MAPPING and not ColumnMapping.objects.exists()


def _saved(unit, user, fingerprint="abc") -> ColumnMapping:
    return ColumnMapping.objects.create(commune=unit, fingerprint=fingerprint, height=1, created_by=user,
                                        fields={"name": 2, "code": 1}, labels=["TT", "Số hồ sơ", "Tên"])


def test_the_saved_mappings_page_lists_the_communes_mappings_column_by_column(client_as, commune_staff, own_unit,
                                                                           other_unit):
    _saved(own_unit, commune_staff)
    _saved(other_unit, commune_staff, fingerprint="other")
    page = client_as(commune_staff).get(reverse("households:mapping-list")).content.decode()
    assert own_unit.name in page and other_unit.name not in page
    assert page.index("Số hồ sơ") < page.index("Tên</td>")  # columns left to right, with the file's header
    assert "Mã hộ" in page and "Họ và tên chủ hộ" in page


def test_the_page_says_when_nothing_is_saved(client_as, commune_staff):
    page = client_as(commune_staff).get(reverse("households:mapping-list")).content.decode()
    assert "Chưa có cách ghép cột nào" in page


def test_forgetting_a_mapping_is_audited_and_the_next_file_asks_again(client_as, commune_staff, own_unit, upload):
    client = client_as(commune_staff)
    batch = _upload(client, own_unit, upload, odd_list())
    client.post(reverse("households:import-mapping", args=[batch.pk]), {"sheet": 0, "first": 3, "last": 3, **MAPPING})
    mapping = ColumnMapping.objects.get(commune=own_unit)
    response = client.post(reverse("households:mapping-delete", args=[mapping.pk]), follow=True)
    assert "Đã xóa cách ghép cột" in response.content.decode()
    assert not ColumnMapping.objects.filter(pk=mapping.pk).exists()
    entry = AuditEntry.objects.get(action=Action.DELETE, object_type="households.ColumnMapping")
    assert entry.user == commune_staff and entry.changes["fields"]["name"] == 2
    again = _upload(client, own_unit, upload, odd_list())
    assert again.status == BatchStatus.MAPPING


def test_another_communes_mapping_cannot_be_deleted(client_as, commune_staff, other_unit):
    mapping = _saved(other_unit, AssignmentFactory(unit=other_unit, role="commune_staff").user)
    response = client_as(commune_staff).post(reverse("households:mapping-delete", args=[mapping.pk]))
    assert response.status_code == 404 and ColumnMapping.objects.filter(pk=mapping.pk).exists()
    assert client_as(commune_staff).get(reverse("households:mapping-delete", args=[mapping.pk])).status_code == 405
