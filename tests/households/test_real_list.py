"""A commune's real list imports on the first upload: good rows stored, the others listed to finish."""

import io

import openpyxl
import pytest
from django.urls import reverse

from households.models import BatchStatus, Classification, Household, ImportBatch
from tests.households.real_lists import KEPT, NOT_IMPORTED, households, real_list, spread

pytestmark = pytest.mark.django_db


def _upload(client, own_unit, upload, content, name="danh-sach-ho-ngheo-2024.xlsx"):
    response = client.post(reverse("households:import-start"),
                           {"commune": own_unit.pk, "year": 2024, "file": upload(content, name)})
    assert response.status_code == 302
    return ImportBatch.objects.latest("id")


def _commit(client, batch):
    response = client.post(reverse("households:import-commit", args=[batch.pk]), follow=True)
    assert response.status_code == 200
    batch.refresh_from_db()
    return response.content.decode()


def test_a_300_row_list_with_three_dozen_problem_rows_stores_every_good_row_on_the_first_upload(
        client_as, commune_staff, own_unit, upload):
    data = households(300, problems=spread(300, KEPT + NOT_IMPORTED, 8))
    assert len(data.with_problem(*KEPT, *NOT_IMPORTED)) == 38
    client = client_as(commune_staff)
    batch = _upload(client, own_unit, upload, real_list(data))
    refused = data.with_problem(*NOT_IMPORTED)
    assert batch.status == BatchStatus.PREVIEW and batch.sheet == "DS hộ nghèo"
    assert batch.totals["rejected"] == len(refused)
    assert batch.imported_count == 300 - len(refused)
    page = client.get(batch.get_absolute_url()).content.decode()
    assert f"Xác nhận ghi vào sổ hộ ({300 - len(refused)} hộ)" in page and 'data-testid="class-counts"' in page
    page = _commit(client, batch)
    assert batch.status == BatchStatus.DONE
    assert Household.objects.filter(commune=own_unit).count() == 300 - len(refused)
    assert Classification.objects.filter(household__commune=own_unit, year=2024).count() == 300 - len(refused)
    assert f"Còn {len(refused)} dòng chưa nhập" in page
    stored = {h.head_name for h in Household.objects.all()}
    assert all(h.name in stored for h in data.households if h.problem not in NOT_IMPORTED)
    reasons = {row: reason for row, _section, reason, _cells in batch.pending["rows"]}
    assert len(reasons) == len(refused)
    assert any("Thiếu họ và tên" in r for r in reasons.values())
    assert any("không phải chữ cái" in r for r in reasons.values())
    assert any("Trùng mã hộ «NP-00001»" in r for r in reasons.values())


def test_the_class_counts_by_village_are_shown_before_and_after_commit(client_as, commune_staff, own_unit,
                                                                        upload):
    data = households(40)
    client = client_as(commune_staff)
    batch = _upload(client, own_unit, upload, real_list(data))
    expected = {}
    for village, rows in data.villages.items():
        expected[village] = [sum(h.tick == t for h in rows) for t in (0, 1, 2)]
    for village, (poor, near, escaped) in expected.items():
        assert batch.class_counts[village] == {k: v for k, v in
                                               {"poor": poor, "near_poor": near, "newly_escaped": escaped}.items() if v}
    before = client.get(batch.get_absolute_url()).content.decode()
    _commit(client, batch)
    after = client.get(batch.get_absolute_url()).content.decode()
    table = before.split('data-testid="class-counts"')[1].split("</table>")[0]
    assert table == after.split('data-testid="class-counts"')[1].split("</table>")[0]
    assert "Thôn Nà Pồng" in table and "<td>Cộng</td>" in table
    assert f'<td class="text-end">{sum(h.tick == 0 for h in data.households)}</td>' in table.split("Cộng")[1]


def test_a_list_with_a_third_of_its_rows_refused_imports_the_other_two_thirds(client_as, commune_staff,
                                                                               own_unit, upload):
    data = households(90, problems=spread(90, NOT_IMPORTED, 3, start=1))
    client = client_as(commune_staff)
    batch = _upload(client, own_unit, upload, real_list(data))
    assert batch.totals["rejected"] == 30
    _commit(client, batch)
    assert Household.objects.filter(commune=own_unit).count() == 60
    assert len(batch.pending["rows"]) == 30


def test_the_rows_not_imported_download_with_their_reason_and_merge_when_uploaded_again(
        client_as, commune_staff, own_unit, upload):
    data = households(60, problems=spread(60, NOT_IMPORTED + ("code_date_text",), 5))
    client = client_as(commune_staff)
    batch = _upload(client, own_unit, upload, real_list(data))
    _commit(client, batch)
    first = Household.objects.count()
    response = client.get(reverse("households:import-pending", args=[batch.pk]))
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    grid = [list(r) for r in sheet.iter_rows(values_only=True)]
    header = next(i for i, r in enumerate(grid) if r[2] == "Họ và tên chủ hộ")
    assert grid[header][:12] == ["STT", "Mã hộ", "Họ và tên chủ hộ", "Năm sinh", None, "Dân tộc",
                                 "Số CCCD/Số định danh", "Số nhân khẩu", "Phân loại hộ", None, None, "Ghi chú"]
    assert grid[header][12] == "Lý do" and grid[header + 1][3:5] == ["Nam", "Nữ"]
    rows = [r for r in grid[header + 2:] if r[12]]
    assert len(rows) == batch.totals["rejected"] and all(r[12].startswith("Dòng ") for r in rows)
    assert any(r[0] and str(r[0]).startswith("Thôn") for r in grid[header + 2:]), "village rows kept"
    # The officer fixes the cells the reasons name and uploads the file again.
    for number, row in enumerate(grid[header + 2:], start=header + 3):
        if not row[12]:
            continue
        if not row[2]:
            sheet.cell(number, 3, "Hà Thị Bổ Sung")
        sheet.cell(number, 3, str(sheet.cell(number, 3).value).replace(" 3", " Ba"))
        if row[1] == "NP-00001":
            sheet.cell(number, 2, f"NP-9{number:04d}")
    buffer = io.BytesIO()
    sheet.parent.save(buffer)
    again = _upload(client, own_unit, upload, buffer.getvalue(), name="dong-chua-nhap-da-sua.xlsx")
    assert again.totals["rejected"] == 0 and again.totals["new"] == batch.totals["rejected"]
    _commit(client, again)
    assert Household.objects.count() == first + batch.totals["rejected"]
    # The whole original file once more, one household changed: one update, nothing duplicated.
    data.households[0].members = 9
    third = _upload(client, own_unit, upload, real_list(data))
    assert third.totals["update"] == 1 and third.totals["new"] == 0
    changed = next(r for r in third.rows if r["code"] == "NP-00001")
    assert changed["outcome"] == "update" and "nhân khẩu" in changed["message"]
    _commit(client, third)
    assert Household.objects.count() == first + batch.totals["rejected"]
    assert Household.objects.get(code="NP-00001").members == 9


def test_a_5000_row_list_with_200_problems_pages_by_50_and_filters_by_outcome(client_as, commune_staff,
                                                                               own_unit, upload):
    data = households(5000, problems=spread(5000, KEPT + NOT_IMPORTED, 25))
    assert len(data.with_problem(*KEPT, *NOT_IMPORTED)) == 200
    client = client_as(commune_staff)
    batch = _upload(client, own_unit, upload, real_list(data))
    problems = sum(batch.totals[k] for k in ("warning", "emptied", "rejected"))
    page = client.get(batch.get_absolute_url()).content.decode()
    assert f"Cần xem lại: {problems}" in page and "Trang 1/" in page
    assert page.count('<tr id="row-') == 50
    filtered = client.get(batch.get_absolute_url() + "?outcome=problems&page=2").content.decode()
    assert filtered.count('<tr id="row-') == 50 and f"Trang 2/{-(-problems // 50)}" in filtered
    outcomes = {line.split('data-outcome="')[1].split('"')[0] for line in filtered.split("\n")
                if 'data-outcome="' in line}
    assert outcomes <= {"warning", "emptied", "rejected"}
    refused = client.get(batch.get_absolute_url() + "?outcome=rejected").content.decode()
    assert refused.count('data-outcome="rejected"') == min(batch.totals["rejected"], 50)
