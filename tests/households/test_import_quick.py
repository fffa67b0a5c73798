"""The household import's quick path for the common row: whatever it reads, it reads exactly as
the full reader does (same values, same notes and messages), and it leaves every unusual row to it."""

import datetime
import random
import unicodedata

import pytest

from households.imports import plan as plans
from households.imports.rows import RowReader
from households.models import EthnicGroup
from tests.households.real_lists import KEPT, NOT_IMPORTED, households, real_list, spread

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2024, 12, 20)
# The generated list's header, and one with every other field the quick path reads or wants empty.
LIST_FIELDS = {"stt": 0, "code": 1, "name": 2, "birth_male": 3, "birth_female": 4, "ethnicity": 5, "id_number": 6,
               "members": 7, "class_poor": 8, "class_near_poor": 9, "class_escaped": 10, "note": 11}
WIDE_FIELDS = {"stt": 0, "code": 1, "name": 2, "birth_year": 3, "gender": 4, "ethnicity": 5, "id_number": 6,
               "members": 7, "class_poor": 8, "class_near_poor": 9, "class_escaped": 10, "class_middle": 11,
               "village": 12, "phone": 13, "income": 14, "escaped_on": 15, "meritorious": 16, "no_labour": 17,
               "class": 18, "note": 19, "minority": 20}
ID_1975_MALE = "025075001234"
VARIANTS = {
    "code": ["TT-000001", "", None, "NP-7", " NP-7", "03/12/2024", "3.12.24", datetime.datetime(2024, 12, 3), 123.0,
             "x" * 41, "=A1", "#N/A", "NP\t7", "C\u200b1"],
    "name": ["Lò Văn Pọm", "Nguyễn Thị Hoà", "H'Mông A Sùng", unicodedata.normalize("NFD", "Lò Văn Pọm"), "",
             "  Lò Văn Pọm", "Lò  Văn Pọm", "Lò Văn 3", "=Lò", "#REF!", "Lò\u00a0Văn", "a" * 151, 12.0, None,
             "Lò Văn Pọm\n", "Đinh-Văn O'Neil"],
    "year": [1975.0, 1975.0, 2004.0, 2010.0, 1899.0, 2030.0, 1975.5, 75.0, "1975", 1975, datetime.datetime(1975, 3, 1),
             "", None, float("nan"), 30000.0, True],
    "gender": ["", "", "Nam", "Nữ", "x"],
    "ethnicity": ["Kinh", "Tày", "Thái", "H'Mông", "Hmong", "kinh", "Kinh, Tày", "#N/A", "", None, " Kinh",
                  unicodedata.normalize("NFD", "Tày"), "Người sao Hoả", 5.0],
    "id_number": [ID_1975_MALE, ID_1975_MALE, "025175001234", "025080001234", "099075001234", "25075001234",
                  25075001234.0, "025 075 001234", "Chưa có", "-", "0", 0.0, "", None, "02507500123A",
                  "０２５０７５００１２３４", "025075001234 "],
    "members": [4.0, 4.0, 1.0, 50.0, 0.0, 51.0, 4.5, "4", "ba người", "", None, True, 4],
    "ticks": [(0,), (1,), (2,), (), (0, 1), (0, 0)],
    "tick": ["x", "x", "X", "1", 1.0, True, "có", "v", "không", 0.0, "??"],
    "village": ["", "", "Thôn Nà Pồng", " Thôn Nà Pồng", "v" * 121, None],
    "section": ["Thôn 1", "", "s" * 121],
    "rare": ["", "", "", None, "x", "0912345678", 1.0],
    "note": ["", "", "", None, "đã tham gia đối thoại năm 2024", "=SUM(A1)"],
}


def _reader(fields, *, quick: bool):
    reader = RowReader(fields, ethnic_groups=EthnicGroup.lookup(), year=2024, today=TODAY)
    if not quick:
        reader.quick = None
    return reader


def _cells(rng: random.Random, fields: dict[str, int]) -> tuple[list, str]:
    def pick(name):  # the first (clean) variant more often than not, so that whole rows are clean
        return rng.choice(VARIANTS[name]) if rng.random() < 0.3 else VARIANTS[name][0]

    cells = [""] * (max(fields.values()) + 1)
    cells[0] = float(rng.randint(1, 999))
    cells[fields["code"]], cells[fields["name"]] = pick("code"), pick("name")
    year = pick("year")
    if "birth_year" in fields:
        cells[fields["birth_year"]] = year
        cells[fields["gender"]] = pick("gender") if rng.random() < 0.3 else ""
    else:
        both = rng.random() < 0.05
        male = rng.random() < 0.6
        cells[fields["birth_male" if male else "birth_female"]] = year
        if both:
            cells[fields["birth_female" if male else "birth_male"]] = pick("year")
    cells[fields["ethnicity"]], cells[fields["id_number"]] = pick("ethnicity"), pick("id_number")
    cells[fields["members"]] = pick("members")
    tick_fields = [name for name in ("class_poor", "class_near_poor", "class_escaped") if name in fields]
    for index in pick("ticks"):
        cells[fields[tick_fields[index]]] = pick("tick") if rng.random() < 0.2 else "x"
    for name in ("village", "meritorious", "no_labour"):
        if name in fields:
            cells[fields[name]] = pick("village") if name == "village" else rng.choice(["", "x", "", "1"])
    for name in ("phone", "income", "escaped_on", "class"):
        if name in fields:
            cells[fields[name]] = pick("rare")
    cells[fields["note"]] = pick("note")
    return cells, pick("section")


@pytest.mark.parametrize("fields", [LIST_FIELDS, WIDE_FIELDS], ids=["list", "wide"])
def test_the_quick_path_reads_what_the_full_reader_reads_or_leaves_the_row_to_it(fields):
    quick, full = _reader(fields, quick=True), _reader(fields, quick=False)
    assert quick.quick is not None
    rng, taken = random.Random(20241220), 0
    for number in range(1, 4001):
        cells, section = _cells(rng, fields)
        expected = full.read(number, list(cells), section)
        found = quick.quick(number, list(cells), section)
        if found is not None:
            taken += 1
            assert found == expected, (cells, section)
            assert not (found.errors or found.dropped)
            assert all(note.startswith("Dân tộc «") for note in found.notes)  # the catalogue's spelling, only
        assert quick.read(number, list(cells), section) == expected, (cells, section)
    assert 200 < taken < 3800  # both paths were exercised


def test_a_clean_row_takes_the_quick_path_and_a_short_or_unusual_header_does_not():
    reader = _reader(LIST_FIELDS, quick=True)
    cells = [1.0, "TT-000001", "Lò Văn Pọm", 1975.0, "", "Thái", ID_1975_MALE, 4.0, "", "", "x", ""]
    parsed = reader.quick(9, cells, "Thôn 1")
    assert parsed == _reader(LIST_FIELDS, quick=False).read(9, cells, "Thôn 1")
    assert parsed.values["household_class"] == "newly_escaped" and len(parsed.warnings) == 1
    assert reader.quick(9, cells[:8], "Thôn 1") is None  # a row shorter than the header: the full reader
    assert _reader({**LIST_FIELDS, "dep_1": 12}, quick=True).quick is None
    assert _reader({**LIST_FIELDS, "deprivations": 12}, quick=True).quick is None


def test_a_list_with_problem_rows_plans_the_same_with_and_without_the_quick_path(own_unit, monkeypatch):
    data = real_list(households(240, problems=spread(240, KEPT + NOT_IMPORTED, 7)))

    def plan():
        built = plans.build_plan("ds.xlsx", data, commune=own_unit, year=2024)
        return built.report, built.pending, built.totals, built.classes

    quick = plan()
    monkeypatch.setattr("households.imports.quick.quick_reader", lambda reader: None)
    assert plan() == quick
