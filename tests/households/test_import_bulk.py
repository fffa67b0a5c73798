"""The bulk writer behind the import: COPY text escaping, shared values, returned keys."""

import datetime

import pytest
from django.utils import timezone

from households.imports import bulk
from households.imports.bulk import insert_rows
from households.models import Household

pytestmark = pytest.mark.django_db


def _same(unit, **extra) -> dict:
    now = timezone.now()
    return {"commune_id": unit.pk, "recorded_on": datetime.date.today(), "created_at": now, "updated_at": now, **extra}


def test_insert_rows_keeps_special_characters_and_returns_keys_in_order(own_unit):
    names = ["code", "head_name", "birth_year", "meritorious"]
    rows = [("A\\1", "Tab\there", 1980, True), ("B\n2", "Back\\slash\r", None, False)]
    ids = insert_rows(Household, names, rows, same=_same(own_unit, village="Thôn 1"),
                      count=len(rows))
    saved = {h.pk: h for h in Household.objects.filter(commune=own_unit)}
    assert [(saved[pk].code, saved[pk].head_name, saved[pk].birth_year, saved[pk].meritorious) for pk in ids] == rows
    assert all(h.village == "Thôn 1" and h.phone == "" for h in saved.values())


def test_a_column_mixing_clean_and_awkward_values_is_written_value_by_value(own_unit):
    """Columns are converted a piece at a time: one value to escape, a None among texts or a None
    among numbers sends that piece of the column down the slow path, its other values unchanged;
    the pieces join up across the LINES boundary."""
    names = ["code", "head_name", "birth_year", "members", "id_number", "ethnic_group_id"]
    rows = [(f"HH-{n:04}", f"Lò Văn {n}", 1950 + n % 50, None if n % 7 == 0 else 1 + n % 9, f"{n:012}", None)
            for n in range(1, bulk.LINES * 2 + 30)]
    rows[3] = ("HH-0004", "Tab\there", 1980, 3, "", None)
    rows[bulk.LINES + 5] = ("HH\\back", "Dòng\nmới\r", None, 2, "0", None)
    ids = insert_rows(Household, names, rows, same=_same(own_unit), count=len(rows))
    saved = Household.objects.in_bulk(ids)
    assert [tuple(getattr(saved[pk], name) for name in names) for pk in ids] == rows


def test_insert_rows_without_count_returns_no_keys(own_unit):
    assert insert_rows(Household, ["head_name"], [("Lò Văn A",)], same=_same(own_unit)) == []
    assert Household.objects.filter(commune=own_unit, head_name="Lò Văn A").exists()


def test_ids_registered_in_another_commune_are_found_whatever_their_number(own_unit, other_unit, monkeypatch):
    from households.imports import plan
    from tests.households.factories import HouseholdFactory

    monkeypatch.setattr(plan, "SQLITE_SLICE", 2)  # several slices on SQLite, one statement on PostgreSQL
    elsewhere = {h.id_number: h.pk for h in (HouseholdFactory(commune=other_unit, id_number=f"02507500{n:04d}")
                                             for n in range(5))}
    here = HouseholdFactory(commune=own_unit, id_number="025075009999").id_number
    ids = {*elsewhere, here, "025075008888"}
    assert plan._registered_elsewhere(ids, own_unit) == elsewhere


def test_a_large_json_report_is_stored_as_written(own_unit, commune_staff):
    """Streamed through COPY on PostgreSQL, in pieces whose edges fall anywhere in the text."""
    from households.imports.bulk import Pieces, _json_pieces, store_json
    from households.models import ImportBatch

    report = [{"row": n, "name": f'Nguyễn "Văn" \\ An\t{n}\n', "message": "=SUM(A1)", "household": None}
              for n in range(3000)]
    expected = [dict(item) for item in report]
    text = Pieces(_json_pieces(report))
    pieces = iter(lambda: text.read(777), "")
    assert "".join(pieces).endswith("]\n")
    batch = ImportBatch.objects.create(commune=own_unit, year=2025, filename="a.xlsx", created_by=commune_staff)
    store_json(ImportBatch, batch.pk, "rows", report)
    batch.refresh_from_db()
    assert batch.rows == expected


def test_rows_may_query_the_database_while_they_are_made(own_unit):
    """Making a row may read the database (a poverty standard, say): never while a COPY runs."""
    def rows():
        for n in range(3):
            yield (f"Hộ {Household.objects.filter(commune=own_unit).count()} {n}",)

    insert_rows(Household, ["head_name"], rows(), same=_same(own_unit))
    assert sorted(Household.objects.filter(commune=own_unit).values_list("head_name", flat=True)) == [
        "Hộ 0 0", "Hộ 0 1", "Hộ 0 2"]
