"""The date line (địa danh và thời gian) and short dates of official documents (ND 30/2020)."""

from datetime import date

from vntext import nfc

NBSP = "\u00a0"
# A draft leaves the day and month for the văn thư to fill in by hand when the document is
# registered. Non-breaking spaces keep the gap's width in HTML, PDF and DOCX, where runs of
# ordinary spaces collapse; six of them are about as wide as " 12 " in Times New Roman.
DAY_BLANK = NBSP * 6
MONTH_BLANK = NBSP * 6


def _month(month: int) -> str:
    # ND 30 pads only January and February ("tháng 01", "tháng 02"), never months 3–12.
    return f"{month:02d}" if month <= 2 else str(month)


def vn_date_text(day: date) -> str:
    """The date written in full as ND 30 requires, e.g. "ngày 05 tháng 01 năm 2024"."""
    return f"ngày {day.day:02d} tháng {_month(day.month)} năm {day.year}"


def draft_date_text(year: int) -> str:
    """The date of an unregistered draft, with fixed-width blanks for the day and the month."""
    return f"ngày{DAY_BLANK}tháng{MONTH_BLANK}năm {year}"


def date_line(place: str, day: date | None, *, year: int | None = None) -> str:
    """The "Địa danh, ngày … tháng … năm …" line; a draft (no day) keeps blanks and needs ``year``.

    ``year`` is read only for a draft: a registered document's year is its day's year.
    """
    place = nfc(place)
    if not place:
        raise ValueError("date_line needs a place name")
    if day is None:
        if year is None:
            raise ValueError("a draft date line (day=None) needs the year")
        return f"{place}, {draft_date_text(year)}"
    return f"{place}, {vn_date_text(day)}"


def short_date(day: date) -> str:
    """The date as dd/mm/yyyy with day and month padded, e.g. "12/05/2023"."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}"
