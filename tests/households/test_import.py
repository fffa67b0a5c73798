"""Importing commune lists: the realistic file, bad rows, idempotency, whole-file refusals."""

import io
import unicodedata
import zipfile

import openpyxl
import pytest
from django.urls import reverse

from audit.models import Action, AuditEntry
from households.models import BatchStatus, Classification, Household, ImportBatch
from tests.households.workbooks import Text, realistic_list, save, simple_list

pytestmark = pytest.mark.django_db


def _upload(client, own_unit, upload, content, name="danh-sach.xlsx", year=2024):
    return client.post(reverse("households:import-start"),
                       {"commune": own_unit.pk, "year": year, "file": upload(content, name)})


def _batch():
    return ImportBatch.objects.latest("id")


def test_the_realistic_commune_file_gives_exactly_the_expected_households(client_as, commune_staff, own_unit,
                                                                         upload):
    client = client_as(commune_staff)
    response = _upload(client, own_unit, upload, realistic_list())
    batch = _batch()
    assert response.status_code == 302 and response["Location"] == batch.get_absolute_url()
    assert batch.status == BatchStatus.PREVIEW and batch.totals["new"] == 5 and batch.totals["rejected"] == 0
    assert Household.objects.count() == 0, "preview writes nothing"
    page = client.get(batch.get_absolute_url()).content.decode()
    assert "Dòng tiêu đề thôn «Thôn Cả»" in page and "Dòng tổng cộng" in page and "Phần ký tên cuối bảng" in page
    client.post(reverse("households:import-commit", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.status == BatchStatus.DONE and batch.content == b""
    got = {h.code: h for h in Household.objects.select_related("ethnic_group")}
    assert sorted(got) == ["HH-001", "HH-002", "HH-003", "HH-004", "HH-005"]
    hoa = got["HH-002"]
    assert hoa.head_name == unicodedata.normalize("NFC", "Hà Thị Hoà") and hoa.gender == "F"
    assert hoa.id_number == "025182004321" and hoa.village == "Thôn Đồng Xuân" and hoa.ethnic_group.name == "Mường"
    assert got["HH-005"].ethnic_group.name == "Mông" and got["HH-005"].village == "Thôn Cả"
    classes = dict(Classification.objects.filter(year=2024).values_list("household__code", "household_class"))
    assert classes == {"HH-001": "poor", "HH-002": "near_poor", "HH-003": "newly_escaped", "HH-004": "poor",
                       "HH-005": "near_poor"}
    assert sorted(AuditEntry.objects.filter(action=Action.IMPORT).values_list("object_repr", flat=True)) == [
        "Tải lên tệp danh-sach.xlsx", "Xác nhận nhập tệp danh-sach.xlsx", "Đã nhập tệp danh-sach.xlsx"]


def test_reimporting_the_same_file_changes_nothing(client_as, commune_staff, own_unit, upload):
    client = client_as(commune_staff)
    for _ in range(2):
        _upload(client, own_unit, upload, realistic_list())
        client.post(reverse("households:import-commit", args=[_batch().pk]))
    batch = _batch()
    assert batch.totals["unchanged"] == 5 and batch.totals["new"] == 0 and batch.totals["update"] == 0
    assert Household.objects.count() == 5 and Classification.objects.count() == 5


def test_a_changed_row_is_an_update_not_a_new_household(client_as, commune_staff, own_unit, upload):
    client = client_as(commune_staff)
    _upload(client, own_unit, upload, realistic_list())
    client.post(reverse("households:import-commit", args=[_batch().pk]))
    rows = {"Thôn Đồng Xuân": [("HH-001", "Nguyễn Văn An", True, 1975, "Kinh", "025075001234", 5, 1)]}
    _upload(client, own_unit, upload, realistic_list(rows))
    batch = _batch()
    data_row = next(r for r in batch.rows if r["code"] == "HH-001")
    assert data_row["outcome"] == "update" and "nhân khẩu" in data_row["message"]
    client.post(reverse("households:import-commit", args=[batch.pk]))
    assert Household.objects.get(code="HH-001").members == 5
    assert Classification.objects.get(household__code="HH-001").household_class == "near_poor"


BAD_ROWS = [
    ["B-01", "Trần Văn Bình", "Nam", 2031, "Kinh", "", "Thôn 1", 3, "Hộ nghèo"],
    ["B-02", "Lê Thị " + "A" * 5000, "Nữ", 1980, "Kinh", "", "Thôn 1", 3, "Hộ nghèo"],
    ["B-03", "Phạm Văn 😀", "Nam", 1980, "Kinh", "", "Thôn 1", 3, "Hộ nghèo"],
    ["B-04", "Đỗ Văn Cường", "Nam", "năm tám mươi", "Kinh", "", "Thôn 1", 3, "Hộ nghèo"],
    ["B-05", "Vũ Thị Dung", "Nữ", 1980, "Kinh", "", "Thôn 1", "ba", "Hộ nghèo"],
    ["B-06", "Hoàng Văn Em", "Nam", 1980, "Kinh", "12345", "Thôn 1", 3, "Hộ nghèo"],
    ["B-07", "=HYPERLINK(\"http://x\")", "Nam", 1980, "Kinh", "", "Thôn 1", 3, "Hộ nghèo"],
    ["B-08", "Ngô\u200b Văn\u00a0Gia", "Nam", 29221, "Kinh", "", "Thôn 1", 3, "Hộ nghèo"],
    ["B-08", "Ngô Văn Hải", "Nam", 1981, "Kinh", "", "Thôn 1", 3, "Hộ nghèo"],
    ["B-10", "Mai Văn Ích", "Nam", 1980, "Kinh", "", "Thôn 1", 3, "Hộ giàu"],
    ["B-11", "Lò Văn Khánh", "Nam", 1980, "Kinh", "", Text("=Thôn 1"), 3, "Hộ nghèo"],
]
# A bad optional value is left empty and the household imported ("emptied"); a row without a usable
# name, or repeating another row, is not imported ("rejected").
EXPECTED = {2: ("emptied", "tương lai"), 3: ("rejected", "tối đa 150"), 4: ("rejected", "không phải chữ cái"),
            5: ("emptied", "không phải năm"), 6: ("emptied", "Số nhân khẩu"), 7: ("emptied", "5 chữ số"),
            8: ("rejected", "chứa công thức"), 12: ("fixed", "không tính như công thức"), 9: ("fixed", "zero-width"), 10: ("rejected", "Trùng mã hộ"),
            11: ("emptied", "Phân loại")}


def test_a_file_of_bad_rows_gives_each_row_its_reason_and_imports_only_the_good_ones(client_as, commune_staff,
                                                                                     own_unit, upload):
    client = client_as(commune_staff)
    _upload(client, own_unit, upload, simple_list(BAD_ROWS))
    batch = _batch()
    outcomes = {r["row"]: r for r in batch.rows}
    for row, (outcome, words) in EXPECTED.items():
        assert outcomes[row]["outcome"] == outcome, (row, outcomes[row])
        assert words in outcomes[row]["message"], (row, outcomes[row]["message"])
    assert "năm 1980" in outcomes[9]["message"], "Excel date serial 29221 = 01/01/1980"
    response = client.post(reverse("households:import-commit", args=[batch.pk]), follow=True)
    assert "Còn 4 dòng chưa nhập" in response.content.decode()
    assert Household.objects.count() == 7
    assert Household.objects.get(code="B-01").birth_year is None  # the year in the future is left empty
    batch.refresh_from_db()
    assert batch.status == BatchStatus.DONE and [r[0] for r in batch.pending["rows"]] == [3, 4, 8, 10]


def test_duplicates_against_the_registry_are_shown_never_merged(client_as, commune_staff, own_unit, upload):
    client = client_as(commune_staff)
    _upload(client, own_unit, upload, simple_list([["A-1", "Lý Văn Nam", "Nam", 1975, "Tày", "025075001234",
                                                    "Thôn 2", 4, "Hộ nghèo"]]))
    client.post(reverse("households:import-commit", args=[_batch().pk]))
    _upload(client, own_unit, upload, simple_list([["A-2", "Lý Văn Nam", "Nam", 1975, "Tày", "025075001234",
                                                    "Thôn 2", 4, "Hộ nghèo"]]))
    row = _batch().rows[0]
    assert row["outcome"] == "rejected" and "không tự gộp" in row["message"]


def test_the_row_report_downloads_as_a_spreadsheet(client_as, commune_staff, own_unit, upload):
    client = client_as(commune_staff)
    _upload(client, own_unit, upload, simple_list(BAD_ROWS))
    response = client.get(reverse("households:import-report", args=[_batch().pk]))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    cells = [c for row in sheet.iter_rows(values_only=True) for c in row if c]
    assert "Chưa nhập" in cells and any(isinstance(c, str) and c.startswith("=Thôn 1") for c in cells)
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def _zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (30 * 1024 * 1024))
    return buffer.getvalue()


def _header_only() -> bytes:
    return simple_list([])


def _empty() -> bytes:
    return save(openpyxl.Workbook())


@pytest.mark.parametrize("name,content,words", [
    ("ds.pdf", b"%PDF-1.4", "không phải tệp Excel"),
    ("ds.xlsx", b"Ho ten,Nam sinh\nA,1980", "không phải tệp Excel thật"),
    ("ds.xlsx", b"", "Tệp tải lên rỗng (0 byte)"),
    ("ds.xlsx", b"PK\x03\x04" + b"\0" * (11 * 1024 * 1024), "vượt giới hạn"),
    ("ds.xlsx", None, "bất thường"),
    ("ds.xlsx", "empty", "mọi trang tính đều trống"),
    ("ds.xlsx", "header-only", "chỉ có dòng tiêu đề"),
])
def test_whole_file_problems_get_a_clear_message_and_write_nothing(client_as, commune_staff, own_unit, upload,
                                                                  name, content, words):
    content = {None: None, "empty": None, "header-only": None}.get(content, content) if isinstance(content, str) \
        else content
    if content is None:
        content = {"ds.xlsx": None}.get(name)
    client = client_as(commune_staff)
    raw = _zip_bomb() if words == "bất thường" else _empty() if words.startswith("mọi") else \
        _header_only() if words.startswith("chỉ có") else content
    response = _upload(client, own_unit, upload, raw, name)
    if response.status_code == 302:
        batch = _batch()
        assert batch.status == BatchStatus.FAILED and words in batch.message
        assert words in client.get(batch.get_absolute_url()).content.decode()
    else:
        assert response.status_code == 200 and words in response.content.decode()
    assert Household.objects.count() == 0
