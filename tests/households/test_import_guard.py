"""Workbooks that would make the reader fill a huge grid: refused by name, or read only as far as
their real data; and reports that stay small whatever the file holds below the list."""

import re

import pytest
from django.urls import reverse

from households.imports.plan import SKIPPED_LISTED
from households.imports.sheet import fill_down_merges
from households.models import BatchStatus, Household, ImportBatch
from households.sample_file import generated_list
from spreadsheets import reading
from tests.households.workbooks import edit_sheet_xml, realistic_list, simple_list, with_cells

pytestmark = pytest.mark.django_db

SHEET = "DS ho ngheo"  # the sheet of realistic_list()


@pytest.fixture
def import_file(client_as, commune_staff, own_unit, upload):
    """Upload a file as the commune's officer (read at once: tasks run immediately in tests)."""
    client = client_as(commune_staff)

    def send(content: bytes, name: str = "danh-sach.xlsx") -> ImportBatch:
        client.post(reverse("households:import-start"), {"commune": own_unit.pk, "year": 2024,
                                                         "file": upload(content, name)})
        return ImportBatch.objects.latest("id")

    send.client = client
    return send


@pytest.fixture
def grids(monkeypatch):
    """The (sheet, height, width) of every grid calamine builds while the test runs."""
    built = []
    real = reading.check_grid

    def spy(name, height, width):
        built.append((name, height, width))
        real(name, height, width)

    monkeypatch.setattr(reading, "check_grid", spy)
    return built


def test_a_stray_space_at_xfd1048576_is_refused_by_name_before_any_grid_is_built(import_file, grids):
    data = with_cells(realistic_list(), {"XFD1048576": " "})
    assert len(data) < 10_000, "a few kilobytes: the archive guard alone lets it through"
    batch = import_file(data)
    assert batch.status == BatchStatus.FAILED, batch.message
    assert f"Trang tính «{SHEET}» có ô XFD1048576 nằm ngoài vùng dữ liệu A1:L" in batch.message
    assert "vượt giới hạn 200.000 dòng" in batch.message and "Ctrl+End" in batch.message
    assert grids == [] and batch.rows == [] and Household.objects.count() == 0
    assert "có ô XFD1048576 nằm ngoài vùng dữ liệu" in batch_page(import_file.client, batch)


def test_a_stray_value_at_t1048576_is_refused_instead_of_a_million_skipped_rows(import_file, grids):
    batch = import_file(with_cells(realistic_list(), {"T1048576": "x"}))
    assert batch.status == BatchStatus.FAILED
    assert f"Trang tính «{SHEET}» có ô T1048576 nằm ngoài vùng dữ liệu" in batch.message
    assert grids == [] and batch.rows == []


def test_a_sheet_wider_than_the_limit_is_refused_naming_the_column(import_file, grids):
    batch = import_file(with_cells(realistic_list(), {"HA9": "ghi chú lạc"}))
    assert batch.status == BatchStatus.FAILED
    assert "có ô HA9 nằm ngoài vùng dữ liệu" in batch.message and "cột thứ 209, vượt giới hạn 200 cột" in batch.message
    assert grids == []


def test_the_limits_come_from_the_settings(import_file, settings):
    settings.SPREADSHEET_MAX_ROWS = 8
    batch = import_file(realistic_list())
    assert batch.status == BatchStatus.FAILED
    assert re.search(r"có ô [A-L]9 nằm ngoài vùng dữ liệu A1:L8 \(dòng 9, vượt giới hạn 8 dòng\)", batch.message)


def test_a_stray_cell_within_the_limits_keeps_the_report_short(import_file, grids):
    rows = [[f"HH-{n}", "Nguyễn Văn An", "Nam", 1970 + n, "Kinh", "", "Thôn 1", 3, "Hộ nghèo"] for n in range(3)]
    batch = import_file(with_cells(simple_list(rows), {"T3000": "x"}))
    assert batch.status == BatchStatus.PREVIEW and batch.totals["new"] == 3 and batch.totals["rejected"] == 1
    assert grids == [("Sheet", 3000, 20)]
    skipped = [r for r in batch.rows if r["outcome"] == "skipped"]
    assert batch.totals["skipped"] == 2995 and len(skipped) == SKIPPED_LISTED + 1
    assert skipped[-1]["message"] == ("Và 2.795 dòng trống khác được bỏ qua, từ dòng 205 đến dòng 2.999; báo cáo "
                                      f"chỉ liệt kê riêng {SKIPPED_LISTED} dòng bỏ qua đầu tiên.")
    page = batch_page(import_file.client, batch, outcome="skipped", page=5)
    assert "Và 2.795 dòng trống khác được bỏ qua" in page


def batch_page(client, batch, **query) -> str:
    return client.get(batch.get_absolute_url(), query).content.decode()


def test_skipped_rows_of_every_kind_beyond_the_first_ones_are_summed_up_by_kind(import_file):
    rows = [[f"HH-{n:03}", "Nguyễn Văn An", "Nam", 1970 + n % 30, "Kinh", "", "Thôn 1", 3, "Hộ nghèo"]
            for n in range(1, 4)]
    rows += [[None, f"Thôn {n}"] for n in range(SKIPPED_LISTED + 50)] + [[None, "Tổng cộng", None, 3]]
    rows += [[None, "Người lập biểu"]] + [[None, f"ghi chú {n}"] for n in range(30)]
    batch = import_file(simple_list(rows))
    assert batch.status == BatchStatus.PREVIEW and batch.totals["new"] == 3
    assert batch.totals["skipped"] == SKIPPED_LISTED + 50 + 1 + 1 + 30
    summaries = [r["message"] for r in batch.rows if r["message"].startswith("Và ")]
    assert summaries == [
        f"Và 50 dòng khác (dòng tiêu đề thôn) được bỏ qua, từ dòng 205 đến dòng 254; báo cáo chỉ liệt kê "
        f"riêng {SKIPPED_LISTED} dòng bỏ qua đầu tiên.",
        f"Và 1 dòng khác (dòng tổng cộng) được bỏ qua, từ dòng 255 đến dòng 255; báo cáo chỉ liệt kê "
        f"riêng {SKIPPED_LISTED} dòng bỏ qua đầu tiên.",
        f"Và 31 dòng khác (phần ký tên cuối bảng) được bỏ qua, từ dòng 256 đến dòng 286; báo cáo chỉ "
        f"liệt kê riêng {SKIPPED_LISTED} dòng bỏ qua đầu tiên.",
    ]
    assert len(batch.rows) == 3 + SKIPPED_LISTED + 3


def test_a_dimension_that_lies_is_not_believed(import_file, grids):
    def lie(xml: bytes) -> bytes:
        return re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', xml)

    batch = import_file(edit_sheet_xml(realistic_list(), lie))
    assert batch.status == BatchStatus.PREVIEW and batch.totals["new"] == 5
    assert grids[0][1] < 30 and grids[0][2] == 12


def test_a_million_empty_row_elements_import_only_the_real_rows(import_file, grids):
    def pad(xml: bytes) -> bytes:
        empty = b"".join(b'<row r="%d"/>' % n for n in range(30, 1_048_577))
        return xml.replace(b"</sheetData>", empty + b"</sheetData>")

    data = edit_sheet_xml(realistic_list(), pad)
    batch = import_file(data)
    assert batch.status == BatchStatus.PREVIEW, batch.message
    assert batch.totals["new"] == 5 and grids[0][1] < 30 and len(batch.rows) < 30


def test_a_cell_far_away_without_its_address_is_placed_as_readers_place_it(import_file, grids):
    def far(xml: bytes) -> bytes:
        return xml.replace(b"</sheetData>", b'<row r="1048576"><c t="inlineStr"><is><t>x</t></is></c></row>'
                           b"</sheetData>")

    batch = import_file(edit_sheet_xml(realistic_list(), far))
    assert batch.status == BatchStatus.FAILED and "có ô A1048576 nằm ngoài vùng dữ liệu" in batch.message
    assert grids == []


def test_a_shared_strings_bomb_is_refused_before_the_file_is_opened(import_file, settings, monkeypatch):
    def bomb(xml: bytes) -> bytes:
        return xml.replace(b"</sst>", b"".join(b"<si><t>%d</t></si>" % n for n in range(150_000)) + b"</sst>")

    settings.SPREADSHEET_MAX_CELLS = 100_000  # the same guard, on a file small enough for a test
    opened = []
    monkeypatch.setattr(reading, "open_workbook", lambda *args: opened.append(args))
    # generated_list() is written by xlsxwriter, which uses shared strings (openpyxl writes none)
    batch = import_file(edit_sheet_xml(generated_list(20), bomb, part="xl/sharedStrings.xml"))
    assert batch.status == BatchStatus.FAILED and opened == []
    assert batch.message.startswith("Tệp có hơn 100.000 chuỗi chữ dùng chung")


def test_choosing_a_hostile_sheet_on_the_mapping_screen_answers_with_the_message(import_file, grids):
    batch = import_file(simple_list([["Không có tiêu đề"]], header=["Cột 1", "Cột 2"]))
    assert batch.status == BatchStatus.MAPPING
    ImportBatch.objects.filter(pk=batch.pk).update(content=with_cells(bytes(batch.content), {"XFD1048576": 1}))
    response = import_file.client.get(reverse("households:import-mapping", args=[batch.pk]), {"sheet": 0},
                                      follow=True)
    assert response.status_code == 200
    assert "có ô XFD1048576 nằm ngoài vùng dữ liệu" in response.content.decode()


def test_a_merge_reaching_the_last_cell_of_the_sheet_visits_only_the_sheet_s_rows():
    rows = [["x"] * 12 for _ in range(20)]
    assert len(fill_down_merges(rows, [((11, 1), (1_048_575, 16_383))], 10)) == 8  # B13:B20
    assert len(fill_down_merges(rows, [((11, 1), (1_048_575, 1))], 10)) == 8


def test_a_file_with_such_a_merge_imports_as_usual(import_file):
    def merge(xml: bytes) -> bytes:
        return xml.replace(b"</mergeCells>", b'<mergeCell ref="B12:XFD1048576"/></mergeCells>')

    batch = import_file(edit_sheet_xml(realistic_list(), merge))
    assert batch.status == BatchStatus.PREVIEW, batch.message
    assert len(batch.rows) < 40


def test_the_progress_bar_and_the_upload_page_never_read_a_batchs_row_report(client_as, commune_staff, own_unit,
                                                                            upload):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_as(commune_staff)
    client.post(reverse("households:import-start"),
                {"commune": own_unit.pk, "year": 2024, "file": upload(simple_list([]), "ds.xlsx")})
    batch = ImportBatch.objects.latest("id")
    for url in (reverse("households:import-progress", args=[batch.pk]), reverse("households:import-start")):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        batch_reads = [q["sql"] for q in queries if 'FROM "households_importbatch"' in q["sql"]]
        assert batch_reads and not any('"households_importbatch"."rows"' in sql for sql in batch_reads), url
