"""Sheet downloads through the views, and the workbook reopened: same columns as the PDF, numbers
as numbers, SUM formulas, print setup; the payment page that names a missing rate."""

import io

import openpyxl
import pytest
from django.urls import reverse

from dialogues.files import sheets_xlsx
from dialogues.models import SessionOfficial
from dialogues.payment import payment_sheet
from tests.budgets.factories import EstimateLineFactory
from tests.dialogues.factories import AttendeeFactory, ScheduledSessionFactory


@pytest.fixture
def rated(session):
    session.budget_line = EstimateLineFactory(unit_price=100_000)
    session.travel_line = EstimateLineFactory(content="Hỗ trợ tiền đi lại", unit_price=50_000)
    session.save()
    return session


def _url(session, kind, fmt, query=""):
    return reverse("dialogues:session-sheet", args=[session.pk, kind, fmt]) + query


def _book(content: bytes):
    return openpyxl.load_workbook(io.BytesIO(content))


def test_payment_without_a_rate_shows_what_is_missing_and_where_to_set_it(client_as, officer, session):
    response = client_as(officer).get(_url(session, "chi-tra", "pdf"))
    page = response.content.decode()
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert "Thiếu <strong>mức hỗ trợ tiền ăn</strong>" in page
    assert reverse("dialogues:session-edit", args=[session.pk]) in page and "de-trong=1" in page


@pytest.mark.parametrize("fmt, mime", [("pdf", "application/pdf"), ("xlsx", "application/vnd.openxmlformats")])
def test_blank_amounts_download_is_a_deliberate_choice(client_as, officer, session, fmt, mime):
    response = client_as(officer).get(_url(session, "chi-tra", fmt, "?de-trong=1"))
    assert response.status_code == 200 and response["Content-Type"].startswith(mime)


def test_plan_payment_lists_each_session_without_a_rate(client_as, officer, own_unit, rated):
    from plans.models import PlanKind
    from plans.services import create_plan
    from tests.factories import IssuingBodyFactory

    plan = create_plan(kind=PlanKind.DIALOGUE_CONFERENCES, issuing_body=IssuingBodyFactory(unit=own_unit),
                       year=2026, by=officer)
    rated.plan = plan
    rated.save()
    bare = ScheduledSessionFactory(commune=own_unit, plan=plan)
    page = client_as(officer).get(reverse("dialogues:plan-sheet", args=[plan.pk, "chi-tra", "pdf"])).content.decode()
    edit = "dialogues:session-edit"
    assert reverse(edit, args=[bare.pk]) in page and reverse(edit, args=[rated.pk]) not in page


@pytest.mark.parametrize("kind", ["danh-sach-ky", "dai-bieu", "chi-tra"])
@pytest.mark.parametrize("query", ["", "?so-le=1"])
def test_every_sheet_downloads_as_pdf_and_xlsx(client_as, officer, rated, kind, query):
    AttendeeFactory.create_batch(3, session=rated)
    SessionOfficial.objects.create(session=rated, level="commune", position="Chủ tịch UBND xã", name="Ngô Anh Vũ")
    for fmt in ("pdf", "xlsx"):
        response = client_as(officer).get(_url(rated, kind, fmt, query))
        assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")


def test_payment_pdf_follows_a_rate_change(client_as, officer, rated):
    AttendeeFactory(session=rated, present=True)
    first = client_as(officer).get(_url(rated, "chi-tra", "pdf")).content
    line = rated.budget_line
    line.unit_price = 120_000
    line.save()
    assert client_as(officer).get(_url(rated, "chi-tra", "pdf")).content != first


def test_workbook_has_the_pdfs_columns_numbers_formulas_and_print_setup(officer, rated):
    AttendeeFactory(session=rated, present=True, full_name="=HYPERLINK(\"http://x\")")
    AttendeeFactory(session=rated, present=True, full_name="Hoàng Thị Gié")
    sheet_value = payment_sheet(rated)
    sheet = _book(sheets_xlsx([rated], "payment", user=officer)).active
    rows = list(sheet.iter_rows(values_only=True))
    head = next(i for i, r in enumerate(rows) if r[0] == "STT")
    assert list(rows[head]) == [c.label for c in sheet_value.columns]
    body = rows[head + 1:head + 3]
    assert {r[1] for r in body} == {"=HYPERLINK(\"http://x\")", "Hoàng Thị Gié"}
    assert [r[4:7] for r in body] == [(100_000, 50_000, 150_000)] * 2
    total = sheet.cell(row=head + 4, column=7)
    assert total.value.startswith("=SUM(") and total.number_format == "[$-42A]#,##0"
    assert any("Ba trăm nghìn đồng chẵn" in str(r[0]) for r in rows if r[0])
    widths = [sheet.column_dimensions[chr(65 + i)].width for i in range(len(sheet_value.columns))]
    ratios = [w / c.width_mm for w, c in zip(widths, sheet_value.columns, strict=True)]
    assert max(ratios) - min(ratios) < 0.08  # the PDF's proportions
    assert sheet.page_setup.orientation == ("landscape" if sheet_value.landscape else "portrait")
    assert sheet.print_title_rows == f"${head + 1}:${head + 1}" and "Trang &P/&N" in sheet.oddFooter.center.text


def test_workbook_of_a_plan_has_one_named_worksheet_per_session(officer, own_unit, rated):
    other = ScheduledSessionFactory(commune=own_unit)
    AttendeeFactory(session=other)
    book = _book(sheets_xlsx([rated, other], "sign_in", user=officer))
    assert len(book.sheetnames) == 2 and len(set(book.sheetnames)) == 2
