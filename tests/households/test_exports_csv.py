"""Exports neutralise formula-looking text (OWASP CSV injection) and keep numbers numbers; the
household list also comes as csv (UTF-8 with BOM, same filters, same masking, audited)."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from audit.models import Action, AuditEntry
from households.sheets import csv_cell, write_table
from tests.households.factories import ClassificationFactory, HouseholdFactory

pytestmark = pytest.mark.django_db
HOSTILE = ["=HYPERLINK(\"http://x\",\"bấm\")", "+84 912 345 678", "-2+3", "@SUM(A1)", "\tTab", "\rCR",
           "- ghi chú gạch đầu dòng", "=1+2"]


@pytest.mark.parametrize("text", HOSTILE)
def test_a_formula_looking_text_gets_an_apostrophe_in_csv(text):
    assert csv_cell(text) == "'" + text


@pytest.mark.parametrize("value, expected", [(-5, -5), (0, 0), (2.5, 2.5), (1975, 1975), (None, ""),
                                             (True, "x"), ("Nguyễn Văn An", "Nguyễn Văn An"),
                                             ("a=b", "a=b"), ("\x07=bell", "'=bell")])
def test_numbers_stay_numbers_and_plain_text_is_untouched(value, expected):
    assert csv_cell(value) == expected


def test_xlsx_writes_every_hostile_text_as_a_string_and_numbers_as_numbers():
    content = write_table(sheet_name="T", title_lines=HOSTILE[:1], header_rows=[["a", "b"]],
                          rows=[[text, -5] for text in HOSTILE])
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    texts = [row[0] for row in sheet.iter_rows(min_row=4)]
    # xlsx stores a carriage return as the escape _x000D_, which openpyxl does not undo
    assert [c.value.replace("_x000D_", "\r") for c in texts] == HOSTILE
    assert all(c.data_type == "s" for c in texts)
    assert all(row[1].value == -5 and row[1].data_type == "n" for row in sheet.iter_rows(min_row=4))


def _csv(response):
    body = response.content
    assert body.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def test_the_household_list_as_csv_masks_ids_for_finance_and_is_logged(client_as, finance, officer,
                                                                        own_household):
    ClassificationFactory(household=own_household, year=2024, deprivations=[2, 5], income_per_person=900_000)
    response = client_as(finance).get(reverse("households:household-export-csv"), {"year": 2024})
    assert response["Content-Type"].startswith("text/csv") and ".csv" in response["Content-Disposition"]
    rows = _csv(response)
    flat = [c for row in rows for c in row]
    assert "0250******34" in flat and "025075001234" not in flat and "Dân tộc" not in flat
    assert rows[0][0] == "DANH SÁCH HỘ GIA ĐÌNH NĂM 2024" and "Xuất bởi" in rows[1][0]
    officer_rows = _csv(client_as(officer).get(reverse("households:household-export-csv"), {"year": 2024}))
    header, data = officer_rows[2], officer_rows[3]
    assert "Chỉ số thiếu hụt 2" in header and data[header.index("Chỉ số thiếu hụt 2")] == "x"
    assert data[header.index("Thu nhập BQ (đồng/người/tháng)")] == "900000"
    assert "025075001234" in data and "Nguyễn Văn An" in data
    entries = AuditEntry.objects.filter(action=Action.EXPORT)
    assert entries.count() == 2 and all(e.changes["format"] == "csv" for e in entries)


def test_the_csv_follows_the_filters_and_neutralises_hostile_names(client_as, officer, own_unit):
    for n, name in enumerate(HOSTILE):
        HouseholdFactory(commune=own_unit, head_name=name, village="=cmd|' /C calc'!A0", birth_year=1960 + n,
                         id_number="", code=f"-{n}")
    HouseholdFactory(commune=own_unit, head_name="Lò Văn Pọm", id_number="", village="Thôn 2")
    rows = _csv(client_as(officer).get(reverse("households:household-export-csv")))
    header, data = rows[2], rows[3:]
    names = [row[header.index("Họ và tên chủ hộ")] for row in data]
    assert "Lò Văn Pọm" in names
    assert all(not cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in data for cell in row)
    assert {row[header.index("Năm sinh")] for row in data} >= {"1960", "1967"}
    filtered = _csv(client_as(officer).get(reverse("households:household-export-csv"), {"q": "lo van pom"}))
    assert len(filtered) == 4


def test_an_empty_csv_export_returns_to_the_list_with_a_message(client_as, officer, own_unit):
    response = client_as(officer).get(reverse("households:household-export-csv"), {"q": "không có ai"})
    assert response.status_code == 200 and "Không có hộ nào khớp bộ lọc" in response.content.decode()


def test_the_budget_workbook_keeps_a_formula_looking_title_and_agency_as_text(own_unit):
    from budgets.workbook import estimate_workbook
    from tests.budgets.factories import EstimateFactory, EstimateGroupFactory, EstimateLineFactory

    estimate = EstimateFactory(unit=own_unit, title="=HYPERLINK(\"http://x\",\"Dự toán\")")
    EstimateLineFactory(group=EstimateGroupFactory(estimate=estimate, title="@SUM(1)", order=1))
    content = estimate_workbook(estimate, reference="-1+2", agency_lines=["=cmd|' /C calc'!A0"])
    book = openpyxl.load_workbook(io.BytesIO(content))
    hostile = [c for sheet in book for row in sheet.iter_rows() for c in row
               if isinstance(c.value, str) and c.value.startswith(("=cmd", "-1+2", "=HYPERLINK", "DỰ TOÁN"))]
    assert hostile and all(c.data_type == "s" for c in hostile)
