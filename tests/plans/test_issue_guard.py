"""The issuing guard and the leader's confirmation page: an empty live block, a placeholder, a
blank signer or a blocking check stops the issue; warnings are acknowledged one by one and
kept with the issue; the app's own notes are never printed."""

import datetime
import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pypdf import PdfReader

from audit.models import AuditEntry
from plans import services
from plans.documents import EMPTY_BUDGET, EMPTY_SCHEDULE, plan_document, plan_pdf
from plans.issuing import all_problems, issue_review
from plans.models import LiveBlock, Plan, PlanBlock, RegisterCounter, Status
from plans.seeding import SEED_DIR, SEEDS, create_seed_plan
from tests.factories import IssuingBodyFactory
from tests.plans.conftest import issue

DAY = datetime.date(2026, 12, 20)


def _pdf_text(content: bytes) -> str:
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return " ".join(text.replace("\u00a0", " ").split())


def _approve(plan, officer, leader):
    services.submit_plan(plan, by=officer)
    return services.approve_plan(plan, by=leader)


@pytest.mark.parametrize("live,reason", [
    (LiveBlock.BUDGET, "chưa gắn dự toán"),
    (LiveBlock.SCHEDULE, "chưa có buổi nào"),
])
def test_a_plan_with_an_empty_live_block_cannot_be_issued(approved, leader, today, live, reason):
    today(DAY)
    plan = approved()
    block = plan.blocks.filter(kind="paragraph").first()
    PlanBlock.objects.filter(pk=block.pk).update(live=live, text="")  # linked data gone since
    with pytest.raises(ValidationError, match=reason):
        issue(plan, by=leader, issue_date=DAY)
    assert Plan.objects.get(pk=plan.pk).number is None and not RegisterCounter.objects.exists()


@pytest.mark.parametrize("field,value,shown", [
    ("intro", "UBND huyện xây dựng Kế hoạch số …/KH-UBND ngày … tháng 3, cụ thể như sau:", "…"),
    ("intro", "Giao [tên đơn vị chủ trì] tổ chức thực hiện.", "[tên đơn vị chủ trì]"),
    ("closing", "Đề nghị các đơn vị báo cáo trước ngày .......... tháng 12./.", ".........."),
    ("recipients", "UBND xã xxx\nLưu: VT, LĐTBXH", "xxx"),
    ("signer_name", "Nguyễn Văn A", "Nguyễn Văn A"),
    ("signer_title", "(ghi chức danh)", "(ghi chức danh)"),
    ("title", "Tổ chức đối thoại chính sách năm 20xx", "20xx"),
    ("intro", EMPTY_SCHEDULE, "(Chưa có buổi đối thoại"),  # the app's note pasted back in
])
def test_a_placeholder_anywhere_the_document_prints_blocks_submission_and_issue(
        approved, plan, officer, leader, today, field, value, shown):
    today(DAY)
    services.update_header(plan, by=officer, **{field: value})
    with pytest.raises(ValidationError, match=re.escape(shown)):
        services.submit_plan(plan, by=officer)
    ready = approved()
    Plan.objects.filter(pk=ready.pk).update(**{field: value})  # e.g. typed in the admin
    with pytest.raises(ValidationError, match=re.escape(shown)):
        issue(Plan.objects.get(pk=ready.pk), by=leader, issue_date=DAY)


def test_ellipses_that_end_a_list_are_not_placeholders(plan, officer):
    block = plan.blocks.filter(kind="bullet").first()
    block.text = "Chính sách hỗ trợ về nhà ở, nước sinh hoạt,... v.v... và hỗ trợ sản xuất…"
    block.save()
    services.update_header(plan, by=officer, signer_name="Ông Nguyễn Văn An")
    assert not [p for p in all_problems(plan) if "chỗ trống" in p.message or "tên mẫu" in p.message]


def test_a_blank_signer_cannot_be_issued(approved, leader, today):
    today(DAY)
    plan = approved()
    Plan.objects.filter(pk=plan.pk).update(signer_name="   ")
    with pytest.raises(ValidationError, match="Chưa ghi họ tên người ký"):
        issue(Plan.objects.get(pk=plan.pk), by=leader, issue_date=DAY)


def test_every_warning_must_be_acknowledged_and_the_ticks_are_kept_with_the_issue(
        approved, leader, today, media):
    today(DAY)
    plan = approved()
    block = plan.blocks.filter(kind="bullet").first()
    PlanBlock.objects.filter(pk=block.pk).update(text="Đại diện các hộ hộ nghèo theo Quyết định "
                                                      "số 1234/QĐ-UBND của UBND tỉnh.")
    _, warnings = issue_review(plan)
    assert warnings, "a cited number missing from the library is a warning"
    with pytest.raises(ValidationError, match="đánh dấu đã xem"):
        services.issue_plan(plan, by=leader, issue_date=DAY,
                            acknowledged=[w.key for w in warnings[1:]])
    issued = services.issue_plan(plan, by=leader, issue_date=DAY,
                                 acknowledged=[w.key for w in warnings])
    assert [a["message"] for a in issued.issue_acknowledgements] == [w.message for w in warnings]
    revision = issued.revisions.get(action="Ban hành số 01/KH-UBND")
    assert warnings[0].message in revision.comment
    entry = AuditEntry.objects.filter(action="issue").latest("pk")
    assert entry.changes["acknowledged"][0]["message"] == warnings[0].message


def test_the_confirmation_page_shows_number_date_preview_and_warnings_without_taking_a_number(
        client, approved, leader, today):
    today(DAY)
    plan = approved()
    client.force_login(leader)
    page = client.get(reverse("plans:plan-issue", args=[plan.pk]),
                      {"issue_date": "2026-12-21"}).content.decode()
    assert "01/KH-UBND" in page and "ngày 21 tháng 12 năm 2026" in page
    preview = reverse("plans:plan-issue-preview", args=[plan.pk]) + "?issue_date=2026-12-21"
    assert f'src="{preview}"' in page
    for warning in issue_review(plan)[1]:
        assert f'value="{warning.key}"' in page
    pdf = client.get(preview)
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    text = _pdf_text(pdf.content)
    assert "Số: 01/KH-UBND" in text and "ngày 21 tháng 12 năm 2026" in text
    # It carries a number, so every page says it is not the issued paper.
    pages = PdfReader(io.BytesIO(pdf.content)).pages
    assert all("BẢN XEM TRƯỚC" in page.extract_text() and "CHƯA BAN HÀNH" in page.extract_text()
               for page in pages)
    # Computed, not taken: the register and the plan are as they were.
    assert not RegisterCounter.objects.exists()
    assert Plan.objects.get(pk=plan.pk).status == Status.APPROVED


def test_the_confirmation_page_issues_with_the_ticks_and_refuses_a_number_taken_meanwhile(
        client, approved, leader, today, body):
    today(DAY)
    plan, other = approved(), approved()
    client.force_login(leader)
    url = reverse("plans:plan-issue", args=[plan.pk])
    ticks = [w.key for w in issue_review(plan)[1]]
    issue(other, by=leader, issue_date=DAY)  # another tab issued first: 01 is gone
    refused = client.post(url, {"issue_date": "2026-12-20", "expected_number": "1",
                                "acknowledged": ticks})
    assert refused.status_code == 422
    page = refused.content.decode()
    assert "Số 01 vừa được cấp cho văn bản khác" in page and 'name="expected_number" value="2"' in page
    done = client.post(url, {"issue_date": "2026-12-20", "expected_number": "2",
                             "acknowledged": ticks}, follow=True)
    assert "Đã ban hành kế hoạch" in done.content.decode()
    assert Plan.objects.get(pk=plan.pk).number == 2


def test_a_blocked_plan_shows_why_and_the_leader_can_return_it(client, approved, leader, today,
                                                               officer):
    today(DAY)
    plan = approved()
    Plan.objects.filter(pk=plan.pk).update(closing="Trên đây là Kế hoạch …/.")
    client.force_login(leader)
    page = client.get(reverse("plans:plan-issue", args=[plan.pk])).content.decode()
    assert "Chưa ban hành được" in page and "Đoạn kết còn chỗ trống" in page
    assert re.search(r'type="submit" disabled>Cấp số và ban hành', page)
    client.post(reverse("plans:plan-return", args=[plan.pk]), {"comment": "Điền đoạn kết."})
    assert Plan.objects.get(pk=plan.pk).status == Status.RETURNED


def test_the_apps_notes_show_in_the_draft_preview_only_never_in_a_pdf(client, plan, officer):
    client.force_login(officer)
    preview = client.get(reverse("plans:plan-preview", args=[plan.pk])).content.decode()
    for note in (EMPTY_BUDGET, EMPTY_SCHEDULE):
        assert re.search(r'<p class="paragraph[^"]*\bapp-note\b[^"]*">(?:(?!</p>).)*'
                         + re.escape(note), preview, re.S), note
    assert "plans/preview.css" in preview  # styled as a note (static/plans/preview.css)
    draft = _pdf_text(plan_pdf(plan))
    assert "Chưa gắn dự toán" not in draft and "Chưa có buổi đối thoại" not in draft
    assert not [b for b in plan_document(plan).blocks if getattr(b, "note", False)]


@pytest.mark.parametrize("filename,kind,name", SEEDS)
def test_the_demo_seed_plans_issue_once_their_authors_fill_what_the_guard_asks(
        filename, kind, name, officer, leader, own_unit, today, media):
    today(DAY)
    plan = create_seed_plan(SEED_DIR / filename, kind=kind,
                            body=IssuingBodyFactory(unit=own_unit), by=officer)
    # What the guard asks of seed 001 (a malformed citation) and 002 (a dotted blank).
    fixes = {"06/TT-2022/TT-BTTTT": "06/2022/TT-BTTTT", "hộ nghèo.....": "hộ nghèo."}
    for old, new in fixes.items():
        plan.intro, plan.basis_text = (text.replace(old, new)
                                       for text in (plan.intro, plan.basis_text))
        for block in plan.blocks.filter(text__contains=old):
            block.text = block.text.replace(old, new)
            block.save()
    plan.save()
    assert not [p.message for p in all_problems(plan, at_issue=True) if p.blocking]
    issued = issue(_approve(plan, officer, leader), by=leader, issue_date=DAY)
    assert (issued.status, issued.number) == (Status.ISSUED, 1)
    text = _pdf_text(plan_pdf(issued))
    assert "Số: 01/KH-UBND" in text and "Chưa gắn" not in text and "....." not in text
    assert "XEM TRƯỚC" not in text


NB = "\u00a0"


def test_the_appendix_is_a_phu_luc_citing_the_plan_with_blanks_until_issued(
        approved, leader, own_unit, today):
    from tests.budgets.factories import EstimateGroupFactory, EstimateLineFactory

    today(DAY)
    plan = approved()
    group = EstimateGroupFactory(estimate__unit=own_unit, estimate__year=2026)
    EstimateLineFactory(group=group, quantity=50, unit_price=100_000)
    Plan.objects.filter(pk=plan.pk).update(estimate=group.estimate)
    plan = Plan.objects.get(pk=plan.pk)
    [appendix] = plan_document(plan).appendices
    assert appendix.label == "Phụ lục"
    blank = NB * 6
    assert appendix.reference == (f"(Kèm theo Kế hoạch số{blank}/KH-UBND ngày{blank}tháng{blank}"
                                  f"năm 2026 của {plan.issuer_name})")
    raw = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(plan_pdf(plan))).pages)
    assert "Phụ lục" in raw and "Phụ biểu" not in raw
    assert re.search(r"Kèm theo Kế hoạch số[\s\u00a0]{4,}/KH-UBND", raw)
    issued = issue(plan, by=leader, issue_date=DAY)
    text = _pdf_text(plan_pdf(issued))
    assert (f"(Kèm theo Kế hoạch số 01/KH-UBND ngày 20 tháng 12 năm 2026 của "
            f"{plan.issuer_name})") in text


def test_two_appendices_are_numbered_in_roman_numerals():
    from documents.official import Appendix
    from plans.documents import number_appendices

    appendices = [Appendix("Phụ biểu", "A", ""), Appendix("Phụ biểu", "B", "")]
    number_appendices(appendices)
    assert [a.label for a in appendices] == ["Phụ lục I", "Phụ lục II"]


def test_a_draft_cites_the_plan_number_with_its_blank(plan):
    assert plan.symbol == f"{NB * 6}/KH-UBND"
    assert f"Kế hoạch số {plan.symbol}".replace(NB, "_") == "Kế hoạch số ______/KH-UBND"


def test_a_message_reported_as_warning_and_as_blocking_is_kept_once_as_blocking(plan, monkeypatch):
    from plans import issuing
    from plans.checks import Problem

    same = "Chưa ghi họ tên người ký."
    monkeypatch.setattr(issuing, "plan_problems", lambda _plan: [Problem(False, same, "signature")])
    plan.signer_name = " "
    monkeypatch.setattr(issuing, "SIGNER_MISSING", same)
    found = [p for p in issuing.all_problems(plan) if p.message == same]
    assert len(found) == 1 and found[0].blocking
