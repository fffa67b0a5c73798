"""An estimate file's reading is queued when its upload commits, once per upload, never for a refused one."""

import io

import pytest
from django.urls import reverse

from budgets.models import EstimateImport, ImportStatus
from budgets.workbook import estimate_workbook
from config.queue import UNQUEUED

READ = "budgets.tasks.read_estimate_import"


def _upload(client, estimate, data: bytes, name="du-toan.xlsx"):
    upload = io.BytesIO(data)
    upload.name = name
    return client.post(reverse("budgets:estimate-import", args=[estimate.pk]), {"file": upload})


@pytest.fixture
def workbook(estimate):
    return estimate_workbook(estimate, reference="(Kèm theo Kế hoạch số 01/KH-UBND)", agency_lines=["UBND"])


def test_each_upload_queues_its_reading_once_after_its_transaction_ends(client_as, officer, estimate, workbook,
                                                                       queued_tasks):
    client = client_as(officer)
    _upload(client, estimate, workbook)
    _upload(client, estimate, workbook, name="du-toan (2).xlsx")
    staged = list(EstimateImport.objects.order_by("pk"))
    assert queued_tasks == [(READ, [staged[0].pk], True), (READ, [staged[1].pk], True)]
    assert [s.status for s in staged] == [ImportStatus.PREVIEW, ImportStatus.PREVIEW]


@pytest.mark.parametrize("name, data", [
    ("du-toan.xls", b"\xd0\xcf\x11\xe0 an old Excel file"),
    ("du-toan.xlsx", b"not a workbook at all"),
    ("du-toan.xlsx", b"PK\x03\x04 a broken zip"),
])
def test_a_refused_file_queues_nothing_and_keeps_nothing(client_as, officer, estimate, queued_tasks, name, data):
    response = _upload(client_as(officer), estimate, data, name=name)
    assert response.status_code == 200, "the form comes back with its message, no import page"
    assert (queued_tasks, EstimateImport.objects.count()) == ([], 0)


def test_someone_who_may_not_edit_the_estimate_queues_nothing(client_as, finance, workbook, queued_tasks, other_unit):
    from tests.budgets.factories import EstimateFactory

    elsewhere = EstimateFactory(unit=other_unit)
    assert _upload(client_as(finance), elsewhere, workbook).status_code in (403, 404)
    assert (queued_tasks, EstimateImport.objects.count()) == ([], 0)


def test_an_upload_the_queue_refuses_says_so_on_its_page(client_as, officer, estimate, workbook, queue_refusing):
    client = client_as(officer)
    with queue_refusing():
        response = _upload(client, estimate, workbook)
    staged = EstimateImport.objects.get()
    assert response.status_code == 302
    assert (staged.status, staged.problems, bytes(staged.content)) == (ImportStatus.FAILED, [UNQUEUED], b"")
    assert UNQUEUED in client.get(response.url).content.decode()
    _upload(client, estimate, workbook)  # Redis answers again: the file is uploaded once more
    assert EstimateImport.objects.latest("pk").status == ImportStatus.PREVIEW


@pytest.mark.parametrize("name, said", [
    ("du-toan.xls", "Tệp «du-toan.xls» là dạng Excel 97–2003 (.xls): chỉ nhận tệp Excel .xlsx."),
    ("du-toan.ods", "Tệp «du-toan.ods» là bảng tính LibreOffice (.ods): chỉ nhận tệp Excel .xlsx."),
    ("du-toan.pdf", "Tệp «du-toan.pdf» không phải tệp .xlsx: chỉ nhận tệp Excel .xlsx."),
])
def test_a_file_saved_in_another_format_is_refused_saying_how_to_save_it(client_as, officer, estimate, queued_tasks,
                                                                         name, said):
    """An office that re-saved the workbook as .xls or .ods is told which format it has and how to
    make an .xlsx of it, not only «Chỉ nhận tệp .xlsx.»."""
    page = _upload(client_as(officer), estimate, b"PK\x03\x04 whatever", name=name).content.decode()
    assert said in page and "«Lưu thành» (Save As) kiểu «Sổ làm việc Excel (.xlsx)»" in page
    assert (queued_tasks, EstimateImport.objects.count()) == ([], 0)
