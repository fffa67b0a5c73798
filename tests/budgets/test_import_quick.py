"""The estimate import's quick path for the common line gives exactly what the full reader gives,
and leaves every other line (and its messages) to the full reader."""

import pytest

from budgets.imports import ImportResult, SheetReader, read_workbook
from budgets.models import FundingSource
from spreadsheets import read_sheets
from tests.budgets.test_imports import _bytes, _sheet
from vntext import search_key

SOURCE = "Ngân sách trung ương – vốn sự nghiệp (kinh phí thường xuyên)"
NFD = "Nội dung chi".replace("ộ", "o\u0323\u0302")
# (content, unit, quantity, days, price, note, source): the common line and its messy variants
ROWS = [
    ("Thuê hội trường", "ngày", 2.0, 1.0, 1500000.0, "TT 40/2017", SOURCE),
    ("Thuê hội trường", "ngày", 2.0, "", 1500000.0, "", ""),
    ("  Thuê  hội trường ", " ngày", 2.0, 1.0, 1500000.0, " ghi  chú ", "NSTW_SN"),
    (NFD, "người", 50.0, 1.0, 100000.0, NFD, "nstw su nghiep"),
    ("Nước uống\t", "người\n", 50.0, 2.0, 20000.0, "", ""),
    ("Tiền ăn", "người", 2.5, 1.0, 100000.0, "", ""),
    ("Tiền ăn", "người", 2.0, 1.5, 100000.0, "", ""),
    ("Tiền ăn", "người", -2.0, 1.0, 100000.0, "", ""),
    ("Tiền ăn", "người", 2.0, -1.0, 100000.0, "", ""),
    ("Tiền ăn", "người", 2.0, 1.0, -5.0, "", ""),
    ("Tiền ăn", "người", 2.0, 1.0, 100000.5, "", ""),
    ("Tiền ăn", "người", float("nan"), 1.0, 100000.0, "", ""),
    ("Tiền ăn", "người", float("inf"), 1.0, 100000.0, "", ""),
    ("Tiền ăn", "người", 0.0, 0.0, 0.0, "", ""),
    ("Tiền ăn", "người", -0.0, 1.0, 1.0, "", ""),
    ("Tiền ăn", "người", "2", "1", "100.000", "", ""),
    ("Tiền ăn", "người", True, 1.0, 100000.0, "", ""),
    ("Tiền ăn", "người", 2, 1, 100000, "", ""),
    ("Tiền ăn", "người", 2.0, 1.0, 100000.0, 5.0, ""),
    ("Tiền ăn", "người", 2.0, 1.0, 100000.0, "", "Nguồn lạ"),
    ("Tiền ăn", "người", 2.0, 1.0, 100000.0, "", 7.0),
    ("", "người", 2.0, 1.0, 100000.0, "", ""),
    ("   ", "người", 2.0, 1.0, 100000.0, "", ""),
    ("Tiền ăn", "", 2.0, 1.0, 100000.0, "", ""),
    (12.0, "người", 2.0, 1.0, 100000.0, "", ""),
    ("Tiền ăn", "người", "", 1.0, 100000.0, "", ""),
    ("Tiền ăn", "người", 2.0, 1.0, "", "", ""),
    ("\u00a0Tiền\u00a0ăn", "người", 2.0, 1.0, 100000.0, "", ""),
    ("x" * 600, "y" * 60, 1.0, 1.0, 1.0, "z" * 600, ""),
    ("x" * 500, "y" * 40, 1.0, 1.0, 1.0, "z" * 500, "NSTW_SN"),  # as long as the line keeps
    ("Tiền ăn", "người", 1e20, 1.0, 1.0, "", ""),
    ("Tiền ăn", "người", 1e10, 1.0, 1.0, "", ""),  # each figure just past what the line keeps
    ("Tiền ăn", "người", 1.0, 1e8, 1.0, "", ""),
    ("Tiền ăn", "người", 1.0, 1.0, 1e15, "", ""),
    ("Tiền ăn", "người", 9999999999.0, 1.0, 100000.0, "", ""),  # each in bounds, the amount not
    ("Tiền ăn", "người", 9999999999.0, 99999999.0, 99999.0, "", ""),
    ("Tiền ăn", "người", 9999999999.0, 1.0, 99999.0, "", "NSTW_SN"),  # the largest amount kept
]


def _reader():
    sources = {key: code for code, *names in FundingSource.objects.values_list("code", "short_name", "name")
               for text in (code, *names) if text for key in (text, search_key(text).strip())}
    reader = SheetReader("DA6-TDA2", [], [], sources, ImportResult())
    reader.columns = {"stt": 0, "content": 1, "unit_of_measure": 2, "quantity": 3, "days": 4, "unit_price": 5,
                      "note": 7, "funding_source": 8}
    return reader


@pytest.mark.django_db
@pytest.mark.parametrize("values", ROWS)
def test_the_quick_path_agrees_with_the_full_reader(values):
    content, unit, quantity, days, price, note, source = values
    row = [1.0, content, unit, quantity, days, price, "", note, source]
    full_reader, quick_reader = _reader(), _reader()
    full = full_reader._line(list(row), 12)
    quick = quick_reader._quick_reader()(list(row))
    if quick is not None:  # the quick path vouches for a line only when the full reader takes it as is
        assert quick == full
        assert not full_reader.result.problems
    assert not quick_reader.result.problems  # it never writes a message itself


@pytest.mark.django_db
def test_a_sheet_of_mixed_lines_reads_the_same_as_line_by_line():
    data = _bytes(_sheet([[n + 1, *values[:5], "", *values[5:]] for n, values in enumerate(ROWS)]))
    result = read_workbook(data)
    (sheet,) = read_sheets("x.xlsx", data)  # the cells as calamine gives them, each through the full reader
    reader = _reader()
    expected = [line for number, row in enumerate(sheet.rows[1:], start=2)
                if (line := reader._line(row, number)) is not None]
    assert len(expected) > 5
    assert [line for group in result.groups for line in group.lines] == expected
    assert [str(p) for p in result.problems] == [str(p) for p in reader.result.problems]


def _quick(reader, row):
    return reader._quick_reader()(list(row))


def _run(reader, rows):
    return reader._batch_reader()([list(row) for row in rows])


@pytest.mark.django_db
@pytest.mark.parametrize("values", ROWS)
def test_the_run_reader_agrees_with_the_quick_path_row_by_row(values):
    content, unit, quantity, days, price, note, source = values
    row = [1.0, content, unit, quantity, days, price, "", note, source]
    reader = _reader()
    quick, run = _quick(reader, row), _run(reader, [row])
    # it reads a line only as the quick path does, and leaves to it the lines that need folding
    assert run is None or run == [quick]
    assert quick is not None or run is None
    assert not reader.result.problems


def _lines():
    return [[n, *values[:5], "", *values[5:]] for n, values in enumerate(ROWS, start=1)]


@pytest.mark.django_db
def test_a_run_is_read_at_once_only_when_every_line_is_common():
    reader = _reader()
    common = [row for row in _lines() if _run(reader, [row]) is not None]
    assert len(common) >= 6
    run = common * 3  # repeated texts, days given and not, sources named three ways
    assert _run(reader, run) == [_quick(reader, row) for row in run]
    blank_days = [row[:4] + [""] + row[5:] for row in common]
    assert _run(reader, blank_days + common) == [_quick(reader, row) for row in blank_days + common]
    for row in _lines():
        if row not in common:  # one line that is not common sends the whole run line by line
            assert _run(reader, [*common, row, *common]) is None, row


@pytest.mark.django_db
def test_a_run_reader_without_the_optional_columns():
    reader = _reader()
    reader.columns = {"stt": 0, "content": 1, "unit_of_measure": 2, "quantity": 3, "unit_price": 5}
    rows = [[1.0, "Tiền ăn", "người", 50.0, "", 100000.0], [2.0, "Nước uống", "người", 1200.0, "", 15000.0]]
    assert _run(reader, rows) == [_quick(reader, row) for row in rows]
    assert _run(reader, [[1.0, "Tiền ăn", "người", 50.0]]) is None  # a row too short


@pytest.mark.django_db
def test_groups_of_common_and_messy_lines_read_as_line_by_line():
    """Runs under groups: the all-common ones read at once, the others line by line, problems in row order."""
    reader = _reader()
    common = [row[1:] for row in _lines() if _run(reader, [row]) is not None]
    others = [row[1:] for row in _lines() if _run(reader, [row]) is None]
    body, number, runs = [], 0, {"I": common * 4, "II": [*common, *others, *common], "III": common}
    for title, run in runs.items():
        body.append([title, f"Hội nghị {title}", None, None, None, None, None, None, None])
        for values in run:
            number += 1
            body.append([number, *values])
        body.append(["", f"Cộng {title}", None, None, None, None, None, None, None])
    data = _bytes(_sheet(body))
    result = read_workbook(data)
    (sheet,) = read_sheets("x.xlsx", data)
    reader, expected, group = _reader(), {}, None
    for number, row in enumerate(sheet.rows[1:], start=2):
        if row[0] in runs:
            group = expected.setdefault(row[0], [])
        elif type(row[0]) in (int, float) and (line := reader._line(row, number)) is not None:
            group.append(line)
    assert [group.title for group in result.groups] == [f"Hội nghị {title}" for title in runs]
    assert [group.lines for group in result.groups] == list(expected.values())
    assert [str(p) for p in result.problems] == [str(p) for p in reader.result.problems]
    assert len(reader.result.problems) > 5
