"""The confirmation of an estimate import counts once, for the estimate and the user it was made for."""

import datetime
import io

import pytest
from django.core import signing
from django.urls import reverse

from audit.models import Action, AuditEntry
from budgets.models import EstimateImport, EstimateLine, ImportStatus
from budgets.workbook import estimate_workbook
from tests.budgets.factories import EstimateFactory
from tests.factories import AdminUnitFactory, AssignmentFactory


def _preview(client, estimate, source):
    upload = io.BytesIO(estimate_workbook(source, reference="(Kèm theo Kế hoạch số 12/KH-UBND)",
                                          agency_lines=["UBND HUYỆN HẠ HÒA"]))
    upload.name = "Dự toán  hội nghị (bản cuối).xlsx"
    page = client.post(reverse("budgets:estimate-import", args=[estimate.pk]), {"file": upload}, follow=True)
    assert "Thêm <strong>3</strong> dòng" in page.content.decode()
    return page.context["token"]


def _confirm(client, estimate, token):
    return client.post(reverse("budgets:estimate-import-confirm", args=[estimate.pk]), {"token": token}, follow=True)


def _imports_logged(estimate):
    return AuditEntry.objects.filter(action=Action.IMPORT, object_id=str(estimate.pk)).count()


@pytest.fixture
def target(estimate):
    return EstimateFactory(unit=estimate.unit, title="Dự toán năm 2024")


def test_a_confirmation_sent_twice_imports_once(client_as, finance, estimate, target):
    client = client_as(finance)
    token = _preview(client, target, estimate)
    assert "Đã nhập: thêm 3 dòng, sửa 0 dòng, bỏ 0 dòng." in _confirm(client, target, token).content.decode()
    again = _confirm(client, target, token).content.decode()
    assert "Tệp này đã được nhập vào dự toán lúc" in again and "không nhập lại" in again
    assert target.lines.count() == 3 and target.total == 17_400_000
    assert _imports_logged(target) == 1
    staged = EstimateImport.objects.get(estimate=target)
    assert staged.status == ImportStatus.IMPORTED and staged.groups == [] and staged.line_count == 3
    assert staged.replaced == [] and staged.content == b""


def test_a_confirmation_is_no_use_on_another_estimate_or_to_another_user(client_as, finance, estimate, target):
    token = _preview(client_as(finance), target, estimate)
    elsewhere = AdminUnitFactory(short_name="Yên Kỳ")
    colleague = AssignmentFactory(role=finance.assignments.first().role, unit=estimate.unit).user
    stranger = AssignmentFactory(role=finance.assignments.first().role, unit=elsewhere).user
    other_estimate = EstimateFactory(unit=elsewhere)
    lines_before = EstimateLine.objects.count()
    for user, where in ((stranger, other_estimate), (colleague, target), (finance, estimate)):
        page = _confirm(client_as(user), where, token).content.decode()
        assert "Phiên xem trước không hợp lệ hoặc không thuộc dự toán này" in page
    assert EstimateLine.objects.count() == lines_before and _imports_logged(target) == 0
    assert EstimateImport.objects.get().status == ImportStatus.PREVIEW


def test_a_forged_token_naming_someone_elses_preview_writes_nothing(client_as, finance, estimate, target):
    _preview(client_as(finance), target, estimate)
    staged = EstimateImport.objects.get()
    mine = EstimateFactory(unit=estimate.unit)
    forged = signing.dumps(staged.pk, salt=f"budgets.import:{mine.pk}:{finance.pk}")  # a leaked secret at worst
    page = _confirm(client_as(finance), mine, forged).content.decode()
    assert "Phiên xem trước không thuộc dự toán này" in page and not mine.lines.exists()


def test_a_preview_older_than_an_hour_is_refused(client_as, finance, estimate, target):
    client = client_as(finance)
    token = _preview(client, target, estimate)
    EstimateImport.objects.update(created_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    assert "đã hết hạn (quá 1 giờ)" in _confirm(client, target, token).content.decode()
    assert not target.lines.exists()


def test_an_old_style_token_or_garbage_is_refused_without_an_error_page(client_as, finance, estimate, target):
    client = client_as(finance)
    old = signing.dumps([{"title": "I", "sub": None, "lines": []}], salt="budgets.import", compress=True)
    for token in (old, "", "x" * 5000, "\x00"):
        response = _confirm(client, target, token)
        assert response.status_code == 200 and "hãy tải tệp lên lại" in response.content.decode()
    assert not target.lines.exists()


def test_a_long_preview_lists_the_first_changes_of_each_kind_and_counts_the_rest(client_as, finance, target):
    lines = [{"content": f"Nội dung chi {n}", "unit_of_measure": "người", "quantity": "2", "days": None,
              "unit_price": 1000, "note": "", "funding_source": None, "amount": 2000} for n in range(350)]
    staged = EstimateImport.objects.create(
        estimate=target, created_by=finance, status=ImportStatus.PREVIEW, line_count=len(lines),
        groups=[{"title": "Hội nghị", "sub": None, "sheet": "DA6-TDA2", "lines": lines}],
        sheets=[{"name": "DA6-TDA2", "sub": None, "how": "", "lines": len(lines)}])
    page = client_as(finance).get(reverse("budgets:estimate-import-detail", args=[target.pk, staged.pk]))
    text = page.content.decode()
    assert "Thêm <strong>350</strong> dòng" in text and "Nhập 350 dòng" in text
    assert text.count('<tr class="table-success">') == 300
    assert "Nội dung chi 299<" in text and "Nội dung chi 300<" not in text
    assert "còn 50 thay đổi nữa không hiện ra" in text


def test_an_empty_upload_is_refused_in_the_imports_own_words(client_as, finance, target):
    client = client_as(finance)
    empty = io.BytesIO(b"")
    empty.name = "dự toán.xlsx"
    page = client.post(reverse("budgets:estimate-import", args=[target.pk]), {"file": empty})
    assert page.status_code == 200 and "Tệp tải lên rỗng (0 byte)" in page.content.decode()
    assert not EstimateImport.objects.exists()
