"""The row-by-row report: stored column by column, read back as one dict per row (older reports too)."""

import pytest

from households.imports.bulk import Pieces, store_json
from households.imports.plan import REPORT_COLUMNS, Plan, _add
from households.models import ImportBatch
from households.models.batch import report_items

pytestmark = pytest.mark.django_db


def _batch(own_unit, commune_staff) -> ImportBatch:
    return ImportBatch.objects.create(commune=own_unit, year=2025, filename="a.xlsx", created_by=commune_staff)


def test_a_report_stored_column_by_column_reads_as_one_dict_per_row(own_unit, commune_staff):
    plan = Plan(sheet="DS", columns={})
    _add(plan, 9, "skipped", "", {}, ["Dòng trống"])
    _add(plan, 10, "fixed", "new", {"code": "A\\1", "head_name": 'Lò "Văn" A', "village": "Thôn\t1"},
         ["Dân tộc «Hmong» ghi theo danh mục là «Mông»", "=SUM(A1)"])
    _add(plan, 11, "update", "update", {"code": "B2"}, ["Cập nhật: họ tên"], household=42)
    expected = [
        {"row": 9, "outcome": "skipped", "action": "", "code": "", "name": "", "village": "",
         "message": "Dòng trống", "household": None},
        {"row": 10, "outcome": "fixed", "action": "new", "code": "A\\1", "name": 'Lò "Văn" A', "village": "Thôn\t1",
         "message": "Dân tộc «Hmong» ghi theo danh mục là «Mông»; =SUM(A1)", "household": None},
        {"row": 11, "outcome": "update", "action": "update", "code": "B2", "name": "", "village": "",
         "message": "Cập nhật: họ tên", "household": 42},
    ]
    blank = {"birth_year": None, "gender": "", "ethnicity": "", "id": "", "klass": "", "members": None, "past": None}
    expected = [{**item, **blank} for item in expected]
    stored = plan.stored_report()
    assert stored["columns"] == list(REPORT_COLUMNS) and report_items(stored) == expected
    batch = _batch(own_unit, commune_staff)
    store_json(ImportBatch, batch.pk, "rows", stored)
    batch.refresh_from_db()
    assert batch.rows == expected
    assert ImportBatch.objects.values_list("rows", flat=True).get(pk=batch.pk) == expected


def test_an_empty_report_and_a_report_stored_as_dicts_still_read(own_unit, commune_staff):
    batch = _batch(own_unit, commune_staff)
    store_json(ImportBatch, batch.pk, "rows", Plan(sheet="DS", columns={}).stored_report())
    batch.refresh_from_db()
    assert batch.rows == []
    older = [{"row": 1, "outcome": "new", "action": "new", "code": "", "name": "An", "village": "",
              "message": "", "household": None}]
    ImportBatch.objects.filter(pk=batch.pk).update(rows=older)
    batch.refresh_from_db()
    assert batch.rows == older


def test_pieces_read_in_any_size_give_the_text_unchanged():
    pieces = ["", "ab", "c" * 1000, "", "dé\tf\n"]
    whole = "".join(pieces)
    for size in (1, 3, 64, 5000):
        stream = Pieces(pieces)
        assert "".join(iter(lambda stream=stream, size=size: stream.read(size), "")) == whole
    assert Pieces(pieces).read() == whole
