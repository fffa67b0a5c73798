from datetime import date, datetime

import pytest

from documents.dates import (
    DAY_BLANK,
    MONTH_BLANK,
    NBSP,
    date_line,
    draft_date_text,
    short_date,
    vn_date_text,
)


def test_days_below_ten_take_a_leading_zero():
    assert vn_date_text(date(2023, 5, 9)) == "ngày 09 tháng 5 năm 2023"
    assert vn_date_text(date(2023, 5, 10)) == "ngày 10 tháng 5 năm 2023"


@pytest.mark.parametrize(("month", "text"), [(1, "01"), (2, "02")])
def test_january_and_february_take_a_leading_zero(month, text):
    assert vn_date_text(date(2024, month, 5)) == f"ngày 05 tháng {text} năm 2024"


@pytest.mark.parametrize("month", range(3, 13))
def test_months_from_march_have_no_leading_zero(month):
    assert vn_date_text(date(2023, month, 12)) == f"ngày 12 tháng {month} năm 2023"


def test_the_decree_examples_read_as_written():
    assert vn_date_text(date(2023, 5, 12)) == "ngày 12 tháng 5 năm 2023"
    assert vn_date_text(date(2025, 12, 29)) == "ngày 29 tháng 12 năm 2025"


def test_date_line_puts_the_place_before_the_date():
    assert date_line("Hạ Hoà", date(2024, 1, 5)) == "Hạ Hoà, ngày 05 tháng 01 năm 2024"


def test_date_line_keeps_the_spelling_of_the_place_in_nfc():
    decomposed = "Ha\u0323 Hoa\u0300"
    assert date_line(decomposed, date(2023, 5, 12)) == "Hạ Hoà, ngày 12 tháng 5 năm 2023"


def test_date_line_accepts_a_datetime():
    assert date_line("Hạ Hoà", datetime(2024, 2, 3, 15, 0)) == "Hạ Hoà, ngày 03 tháng 02 năm 2024"


def test_a_draft_date_line_leaves_blanks_for_day_and_month():
    blank = NBSP * 6
    assert date_line("Hạ Hoà", None, year=2024) == f"Hạ Hoà, ngày{blank}tháng{blank}năm 2024"


def test_draft_blanks_are_non_breaking_spaces_of_fixed_width():
    for blank in (DAY_BLANK, MONTH_BLANK):
        assert blank and set(blank) == {"\u00a0"}
    assert len(draft_date_text(2023)) == len("ngàythángnăm 2023") + len(DAY_BLANK + MONTH_BLANK)


def test_a_registered_date_line_takes_its_year_from_the_day():
    assert date_line("Hạ Hoà", date(2023, 12, 28), year=2024).endswith("năm 2023")


def test_a_draft_date_line_without_a_year_is_refused():
    with pytest.raises(ValueError):
        date_line("Hạ Hoà", None)


def test_a_date_line_without_a_place_is_refused():
    with pytest.raises(ValueError):
        date_line("  ", date(2024, 1, 5))


def test_short_dates_pad_day_and_month():
    assert short_date(date(2023, 5, 12)) == "12/05/2023"
    assert short_date(date(2021, 6, 3)) == "03/06/2021"
    assert short_date(date(2025, 12, 29)) == "29/12/2025"
