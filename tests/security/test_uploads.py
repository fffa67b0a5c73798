"""Uploads: bounded in size, real spreadsheets only, zip bombs refused before anything inflates.

The upload endpoints are found from the URL list: every route whose GET page has a file input.
"""

import io
import zipfile
from unittest import mock

import openpyxl
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from areas.models import Role
from tests.security.routes import all_routes

ROLE_FOR = {"households": Role.COMMUNE_STAFF, "budgets": Role.FINANCE}
UPLOADS = {"households:import-start", "budgets:estimate-import"}


def zip_bomb(rows: int = 1_500_000) -> bytes:
    """A well-formed workbook whose one sheet inflates ~1000 times (tens of MB of cells)."""
    book = openpyxl.Workbook()
    buffer = io.BytesIO()
    book.save(buffer)
    sheet = ("<?xml version='1.0' encoding='UTF-8'?><worksheet "
             "xmlns='http://schemas.openxmlformats.org/spreadsheetml/2006/main'><sheetData>"
             + "<row><c><v>1</v></c></row>" * rows + "</sheetData></worksheet>")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = sheet.encode() if info.filename == "xl/worksheets/sheet1.xml" else source.read(info)
            target.writestr(info.filename, data)
    return out.getvalue()


@pytest.fixture
def upload_client(client, worlds):
    def make(name):
        client.force_login(worlds["own"].users[ROLE_FOR[name.split(":")[0]]])
        return client

    return make


def _post(client, route_name, worlds, name, content):
    route = next(r for r in all_routes() if r.name == route_name)
    data = {"file": SimpleUploadedFile(name, content), "commune": worlds["own"].unit.pk,
            "year": 2025}
    return client.post(route.url(worlds["own"].base), data)


def test_every_page_with_a_file_input_is_one_this_suite_checks(client, worlds):
    found = set()
    for route in all_routes():
        if route.has_ids and route.name.split(":")[0] not in ROLE_FOR:
            continue
        for role in ROLE_FOR.values():
            client.force_login(worlds["own"].users[role])
            response = client.get(route.url(worlds["own"].base))
            if response.status_code == 200 and b'type="file"' in response.content:
                found.add(route.name)
    assert found == UPLOADS


def test_request_bodies_are_bounded():
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 10 * 1024 * 1024
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE <= 10 * 1024 * 1024


def _refusal(response) -> str:
    """The Vietnamese reason shown for a refused file (on the page or the batch it led to)."""
    from households.models import ImportBatch

    if response.status_code == 302:
        return ImportBatch.objects.latest("id").message
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("route_name", sorted(UPLOADS))
@pytest.mark.parametrize("name,content,words", [
    ("ds.pdf", b"%PDF-1.4 not a spreadsheet", ".xlsx"),
    ("ds.xlsx", b"PK\x03\x04" + b"\0" * (11 * 1024 * 1024), "10"),
])
def test_wrong_type_and_oversized_files_are_refused_in_vietnamese(upload_client, worlds, route_name,
                                                                  name, content, words):
    response = _post(upload_client(route_name), route_name, worlds, name, content)
    message = _refusal(response)
    assert words in message
    assert "Tệp" in message or "tệp" in message


def test_a_zip_bomb_is_refused_by_the_household_import(upload_client, worlds):
    response = _post(upload_client("households:import-start"), "households:import-start", worlds,
                     "ds.xlsx", zip_bomb())
    assert "bất thường" in _refusal(response)


def _never_inflate(*args, **kwargs):
    raise AssertionError("the archive was opened by the spreadsheet reader")


def test_a_zip_bomb_is_refused_by_the_estimate_import(upload_client, worlds):
    from budgets.models import EstimateLine

    before = EstimateLine.objects.count()
    # The reader must never see the bomb: inflating it is the attack.
    with mock.patch("python_calamine.CalamineWorkbook.from_filelike", _never_inflate):
        response = _post(upload_client("budgets:estimate-import"), "budgets:estimate-import",
                         worlds, "du-toan.xlsx", zip_bomb())
    page = response.content.decode()
    assert response.status_code == 200 and EstimateLine.objects.count() == before
    assert "giải nén" in page or "bất thường" in page
