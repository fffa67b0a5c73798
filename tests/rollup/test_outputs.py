"""The page, the report (PDF and DOCX) and the workbook show the same figures: each reads the
tables built once from the roll-up."""

import io

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from rollup.figures import roll_up
from rollup.scope import reach
from rollup.tables import all_tables
from tests.rollup.conftest import TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def tables(province_world):
    province = province_world["province"]
    return all_tables(roll_up([province], reach([province.pk]), 2026, TODAY))


def get(client_as, world, name, **params):
    return client_as(world["leader"]).get(reverse(name), {"nam": 2026, **params})


def in_order(text: str, cells: list[str]) -> bool:
    at = 0
    for cell in cells:
        at = text.find(cell, at)
        if at < 0:
            return False
        at += len(cell)
    return True


def test_the_page_shows_every_table_cell(client_as, province_world, tables, today):
    page = " ".join(get(client_as, province_world, "rollup:page").content.decode().split())
    for table in tables:
        for row in table.text_rows():
            assert in_order(page, [f">{cell}<" for cell in row]), row


def test_the_pdf_report_carries_every_row_of_its_appendices(client_as, province_world, tables, today):
    response = get(client_as, province_world, "rollup:rollup-pdf")
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "BÁO CÁO" in text and "Tổng hợp kết quả đối thoại chính sách" in text and "TỈNH LÀO CAI" in text
    for table in tables:
        assert table.title in text
        for row in table.text_rows():
            assert in_order(text, [cell for cell in row if cell]), row
    assert "Số hội nghị đã tổ chức: 4/6 hội nghị" in text and "(50,0%)" in text


def test_the_docx_report_has_the_same_tables_cell_for_cell(client_as, province_world, tables, today):
    document = Document(io.BytesIO(get(client_as, province_world, "rollup:rollup-docx").content))
    # A dash joining two names is held to the word before it by a no-break space when printed.
    found = [[[cell.text.replace("\u00a0", " ") for cell in row.cells] for row in t.rows] for t in document.tables]
    for table in tables:
        assert [table.columns, *table.text_rows()] in found, table.title


def test_the_workbook_has_the_same_numbers_as_numbers(client_as, province_world, tables, today):
    book = load_workbook(io.BytesIO(get(client_as, province_world, "rollup:rollup-xlsx").content))
    for table in tables:
        sheet = book[table.label]
        values = [list(row) for row in sheet.iter_rows(min_row=5, max_row=4 + len(table.rows), values_only=True)]
        assert [[c if c is not None else "" for c in row[:len(table.columns)]] for row in values] == table.rows


def test_a_downloaded_report_is_in_the_audit_log(client_as, province_world, today):
    from audit.models import AuditEntry

    get(client_as, province_world, "rollup:rollup-xlsx")
    entry = AuditEntry.objects.get(object_type="rollup")
    assert entry.changes["format"] == "xlsx" and entry.changes["year"] == 2026
