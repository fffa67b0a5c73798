"""An import or its undo never lowers a line under what was already paid on it, as the line's own
edit never may: the preview says so and the confirmation is refused with nothing written. A line
whose group is renamed in the file stays the same line, its payments with it."""

import io

from django.urls import reverse
from openpyxl import load_workbook

from budgets.models import EstimateImport, ImportStatus
from budgets.services import record_disbursement
from budgets.workbook import estimate_workbook
from tests.budgets.test_imports import _bytes, _confirm, _lines, _upload


def _with_pano_price(estimate, price):
    book = load_workbook(io.BytesIO(estimate_workbook(estimate, reference="(Kèm theo …)", agency_lines=["UBND"])))
    row = next(r for r in book["DA6-TDA2"].iter_rows(min_row=10) if r[1].value == "Pano")
    row[5].value = price  # 10 cái × 2 ngày × price
    return _bytes(book)


def test_a_paid_line_lowered_under_its_payments_is_refused_in_the_preview_and_on_confirmation(
        client_as, finance, estimate):
    pano = estimate.lines.get(content="Pano")  # 10 × 2 × 500.000 = 10.000.000
    record_disbursement(pano, by=finance, date="2023-06-01", voucher_number="PC 1", amount=8_000_000)
    client, before = client_as(finance), _lines(estimate)
    page = _upload(client, estimate, _with_pano_price(estimate, 300_000))
    said = ("Dòng «Pano» đã giải ngân 8.000.000 đồng, lớn hơn thành tiền mới 6.000.000 đồng; hãy giữ số cũ của "
            "dòng này trong tệp.")
    assert said in page.content.decode()
    assert said in _confirm(client, estimate, page).content.decode()
    assert _lines(estimate) == before
    assert EstimateImport.objects.get(estimate=estimate).status == ImportStatus.PREVIEW  # nothing half-written
    page = _upload(client, estimate, _with_pano_price(estimate, 450_000))  # 9.000.000: still above the payments
    assert "đã giải ngân" not in page.content.decode()
    _confirm(client, estimate, page)
    assert estimate.lines.get(content="Pano").amount == 9_000_000


def test_an_undo_that_would_lower_a_line_paid_since_the_import_is_refused(client_as, finance, estimate):
    client = client_as(finance)
    page = _upload(client, estimate, _with_pano_price(estimate, 700_000))  # 14.000.000
    _confirm(client, estimate, page)
    record_disbursement(estimate.lines.get(content="Pano"), by=finance, date="2023-06-01", voucher_number="PC 2",
                        amount=12_000_000)
    after = _lines(estimate)
    staged = EstimateImport.objects.get(estimate=estimate, status=ImportStatus.IMPORTED)
    undo = client.post(reverse("budgets:estimate-import-undo", args=[estimate.pk, staged.pk]), follow=True)
    assert "Dòng «Pano» đã giải ngân 12.000.000 đồng, lớn hơn thành tiền mới 10.000.000 đồng" in undo.content.decode()
    assert _lines(estimate) == after
    staged.refresh_from_db()
    assert staged.status == ImportStatus.IMPORTED  # still undoable once the payment is sorted out


def test_a_group_renamed_in_the_file_keeps_its_lines_their_payments_and_norms(client_as, finance, estimate):
    """Renaming a group's heading made each of its lines «removed» and «added»: refused when one was
    paid, and the others came back without their norm. They are the same lines, moved."""
    from budgets.models import Disbursement, EstimateLine
    from tests.budgets.factories import NormFactory

    water = estimate.lines.get(content="Nước uống")
    record_disbursement(water, by=finance, date="2023-06-01", voucher_number="PC 3", amount=1_000_000)
    meal = estimate.lines.get(content="Hỗ trợ tiền ăn đại biểu không hưởng lương")
    EstimateLine.objects.filter(pk=meal.pk).update(norm=NormFactory())
    book = load_workbook(io.BytesIO(estimate_workbook(estimate, reference="(Kèm theo …)", agency_lines=["UBND"])))
    heading = next(r for r in book["DA6-TDA2"].iter_rows(min_row=10) if r[0].value == "I")
    heading[1].value = "Hội nghị đối thoại chính sách tại xã Đan Thượng"
    client = client_as(finance)
    page = _upload(client, estimate, _bytes(book))
    diff = page.context["diff"]
    assert (len(diff.added), len(diff.removed), len(diff.changed)) == (0, 0, 2)
    assert diff.changed[0].fields == ["Nhóm (trước: «Hội nghị đối thoại tại xã Đan Thượng»)"]
    _confirm(client, estimate, page)
    water.refresh_from_db()
    assert water.group.title == "Hội nghị đối thoại chính sách tại xã Đan Thượng"
    assert Disbursement.objects.get(voucher_number="PC 3").line_id == water.pk
    assert EstimateLine.objects.get(pk=meal.pk).norm_id is not None
    assert list(estimate.groups.values_list("title", flat=True)) == [
        "Hội nghị đối thoại chính sách tại xã Đan Thượng", "Tuyên truyền"]
    staged = EstimateImport.objects.get(estimate=estimate, status=ImportStatus.IMPORTED)
    client.post(reverse("budgets:estimate-import-undo", args=[estimate.pk, staged.pk]))
    assert list(estimate.groups.values_list("title", flat=True)) == ["Hội nghị đối thoại tại xã Đan Thượng",
                                                                     "Tuyên truyền"]
    assert estimate.lines.get(pk=water.pk).group.title == "Hội nghị đối thoại tại xã Đan Thượng"
