"""The result report cites the plan by number and date, goes to the plan's recipients, lists its
sessions by date then in Vietnamese order."""

import datetime

import pytest

from dialogues import documents
from dialogues.report_document import plan_citation, report_recipients
from tests.dialogues.factories import ScheduledSessionFactory, SessionFactory
from tests.dialogues.papers.conftest import at, docx_text, pdf_text
from tests.factories import AdminUnitFactory


def test_the_report_cites_the_plan_by_number_and_date(issued_plan):
    doc = documents.result_report(issued_plan)
    assert doc.blocks[0].display_text.startswith(
        f"Thực hiện Kế hoạch số 01/KH-UBND ngày 05/03/2026 của {issued_plan.issuer_name} về ")
    text = pdf_text(documents.report_download(issued_plan, "pdf").content)
    assert "Kế hoạch số 01/KH-UBND ngày 05/03/2026" in " ".join(text.split())


def test_a_plan_not_yet_issued_is_cited_with_blanks(plan):
    assert plan_citation(plan).startswith("Kế hoạch số……/KH-UBND ngày……tháng……năm 2026 của ")
    plan.number = 4  # a number without a day is not issued either
    assert "04/KH-UBND" not in plan_citation(plan)


def test_the_report_of_a_draft_plan_prints_blanks_for_the_plan_and_itself(plan, own_unit):
    ScheduledSessionFactory(commune=own_unit, plan=plan)
    content = documents.report_download(plan, "pdf").content
    first = " ".join(pdf_text(content).split())
    assert "Thực hiện Kế hoạch số……/KH-UBND ngày……tháng……năm 2026" in first
    assert "Lưu: VT" in first and "UBND cấp trên" not in first


def test_the_report_goes_to_the_plans_recipients(issued_plan):
    doc = documents.result_report(issued_plan)
    assert doc.recipient_lines == ["- Sở Nông nghiệp và Môi trường tỉnh Phú Thọ (b/c);", "- Mặt trận Tổ quốc xã;",
                                   "- Lưu: VT, VHXH."]
    text = docx_text(documents.report_download(issued_plan, "docx").content)
    assert "UBND cấp trên" not in text and "Sở Nông nghiệp và Môi trường tỉnh Phú Thọ (b/c);" in text


@pytest.mark.parametrize("recipients, expected", [
    ("", ["Lưu: VT"]),
    ("Như trên;\nNhư Điều 3.", ["Lưu: VT"]),
    ("  Lưu: VT, LĐTBXH.\nUBND tỉnh (b/c);\n\n", ["UBND tỉnh (b/c)", "Lưu: VT, LĐTBXH"]),
    ("Thường trực Đảng ủy xã;\nnhư trên;\nLưu VT", ["Thường trực Đảng ủy xã", "Lưu VT"]),
])
def test_recipients_without_lines_pointing_back_and_the_archive_last(plan, recipients, expected):
    plan.recipients = recipients
    assert report_recipients(plan) == expected


def test_appendix_rows_by_date_then_vietnamese_order(issued_plan, own_unit):
    province = own_unit.parent
    names = ["Đan Thượng", "Dị Nậu", "Ấm Hạ", "Âu Cơ", "An Phú"]
    communes = {n: AdminUnitFactory(short_name=n, parent=province) for n in names}
    day, later = datetime.date(2026, 5, 12), datetime.date(2026, 6, 2)
    ScheduledSessionFactory(commune=communes["Đan Thượng"], plan=issued_plan, starts_at=at(day, 7))
    ScheduledSessionFactory(commune=communes["Dị Nậu"], plan=issued_plan, starts_at=at(day, 14))
    ScheduledSessionFactory(commune=communes["Ấm Hạ"], plan=issued_plan, starts_at=at(later))
    ScheduledSessionFactory(commune=communes["Âu Cơ"], plan=issued_plan, starts_at=at(day, 8))
    SessionFactory(commune=communes["An Phú"], plan=issued_plan, quarter=3)  # no day yet: last
    table = documents.result_report(issued_plan).appendices[0].table
    assert [row[1] for row in table.rows[:-1]] == ["Xã Âu Cơ", "Xã Dị Nậu", "Xã Đan Thượng", "Xã Ấm Hạ",
                                                   "Xã An Phú"]
    assert [row[2] for row in table.rows[:-1]] == ["12/05/2026"] * 3 + ["02/06/2026", "Quý III/2026"]
    assert [row[0] for row in table.rows] == ["1", "2", "3", "4", "5", ""]


def test_sessions_of_one_commune_name_keep_a_stable_order(issued_plan, own_unit):
    twin = AdminUnitFactory(short_name="Hạ Hòa", parent=own_unit.parent)  # another unit of the same name
    first = ScheduledSessionFactory(commune=own_unit, plan=issued_plan)
    second = ScheduledSessionFactory(commune=twin, plan=issued_plan)
    rows = documents.result_report(issued_plan).appendices[0].table.rows
    assert [r[1] for r in rows[:-1]] == ["Xã Hạ Hòa", "Xã Hạ Hòa"]
    assert first.pk < second.pk


def test_the_appendix_refers_to_the_report_itself_with_blanks(issued_plan):
    appendix = documents.result_report(issued_plan).appendices[0]
    assert appendix.reference.startswith("(Kèm theo Báo cáo số\u00a0") and "/BC-UBND ngày\u00a0" in appendix.reference


def test_the_report_is_signed_as_the_plan_is(issued_plan):
    signature = documents.result_report(issued_plan).signature
    assert signature.signer == "Ngô Anh Vũ" and signature.authority_lines[0].startswith("TM. ")


@pytest.mark.parametrize("fmt", ["pdf", "docx", "xlsx", "exe"])
def test_the_report_and_minutes_come_in_their_two_formats_and_no_other_name(client_as, commune_staff, linked_session,
                                                                          fmt):
    """«bao-cao.xlsx» served a Word file under a spreadsheet's name; an unknown format is not found."""
    from django.urls import reverse

    client = client_as(commune_staff)
    report = client.get(reverse("dialogues:plan-report-file", args=[linked_session.plan_id, fmt]))
    minutes = client.get(reverse("dialogues:minutes-file", args=[linked_session.pk, fmt]))
    if fmt in ("pdf", "docx"):
        assert report.status_code == minutes.status_code == 200
        assert report["Content-Disposition"].endswith(f'.{fmt}"') and minutes["Content-Disposition"].endswith(f'.{fmt}"')
    else:
        assert report.status_code == minutes.status_code == 404


def test_a_plan_without_sessions_offers_no_report_to_sign(client_as, commune_staff, issued_plan):
    """The report of a plan with no dialogue said «0/0 hội nghị» over an empty appendix."""
    from django.urls import reverse

    client = client_as(commune_staff)
    page = client.get(reverse("dialogues:plan-report", args=[issued_plan.pk])).content.decode()
    assert "Báo cáo (PDF)" not in page and "Kế hoạch chưa có hội nghị nào." in page
    for fmt in ("pdf", "docx"):
        response = client.get(reverse("dialogues:plan-report-file", args=[issued_plan.pk, fmt]), follow=True)
        assert response.redirect_chain[-1][0] == reverse("dialogues:plan-report", args=[issued_plan.pk])
        assert "chưa có báo cáo kết quả" in response.content.decode()
