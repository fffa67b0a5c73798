"""Cleaning one cell: Unicode form, invisible characters, ticks, numbers typed as text, dates."""

import datetime
import functools
import math
import re
import unicodedata

from vntext import search_key

INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
SPACES = re.compile(r"[\s\u00a0\u2007\u202f]+")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
TICKS = {"x", "1", "v", "co", "\u2713", "\u2714", "\u2611", "\u221a", "true", "dung"}
SUSPECT = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad\x00-\x1f\x7f]|[^\S ]|  |^ | $")
FORMULA_START = ("=", "+", "-", "@")
EXCEL_EPOCH = datetime.date(1899, 12, 30)


def clean_text(value) -> tuple[str, list[str]]:
    """The cell as NFC text without invisible characters; notes say what had to be fixed."""
    if value is None or value == "":
        return "", []
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime | datetime.date):
        return value.strftime("%d/%m/%Y"), []
    raw = str(value)
    if _tidy(raw) and unicodedata.is_normalized("NFC", raw):
        return raw, []
    notes = []
    text = raw.translate(INVISIBLE)
    if text != raw:
        notes.append("bỏ ký tự ẩn (zero-width)")
    if "\u00a0" in text:
        notes.append("thay dấu cách không ngắt (NBSP)")
    if CONTROL.search(text):
        text = CONTROL.sub("", text)
        notes.append("bỏ ký tự điều khiển")
    nfc = unicodedata.normalize("NFC", text)
    if nfc != text:
        notes.append("chuẩn hóa Unicode dựng sẵn (NFC)")
    return SPACES.sub(" ", nfc).strip(), notes


def _tidy(raw: str) -> bool:
    """Nothing for ``clean_text`` to fix but maybe the Unicode form; the first test is a quick one
    that implies the second (every character SUSPECT looks for is unprintable)."""
    return (raw.isprintable() and "  " not in raw and raw[:1] != " " and raw[-1:] != " ") or not SUSPECT.search(raw)


VIETNAMESE_MARKS = re.compile("[\u0300-\u036f]")
NOT_WORD = re.compile(r"[^0-9a-z]+")


def fast_key(text: str) -> str:
    """Exactly ``vntext.search_key``, quicker for text whose marks are all Vietnamese ones."""
    decomposed = unicodedata.normalize("NFD", SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip().lower())
    stripped = VIETNAMESE_MARKS.sub("", decomposed).replace("đ", "d")
    return stripped if stripped.isascii() else search_key(text)


@functools.lru_cache(maxsize=4096)
def _folded_text(text: str) -> str:
    return " ".join(NOT_WORD.split(fast_key(clean_text(text)[0]))).strip()


def folded(value) -> str:
    """The cell as lower-case ASCII words separated by single spaces (labels, ticks, class words)."""
    if value is None or value == "":
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int | float) and not isinstance(value, bool):
        return " ".join(NOT_WORD.split(str(value))).strip()
    if isinstance(value, str) and len(value) <= 60:
        return _folded_text(value)
    return " ".join(NOT_WORD.split(fast_key(clean_text(value)[0]))).strip()


def is_tick(value) -> bool:
    """x, X, 1, ✓, √, "có", TRUE count as ticked; empty, 0 and "không" do not."""
    if value is True:
        return True
    if value in (None, "", False, 0):
        return False
    if isinstance(value, str) and len(value) <= 20:
        return _text_is_tick(value)
    text = clean_text(value)[0].lower()
    return search_key(text) in TICKS or text in TICKS


@functools.lru_cache(maxsize=256)
def _text_is_tick(value: str) -> bool:
    text = clean_text(value)[0].lower()
    return search_key(text) in TICKS or text in TICKS


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_START) and len(text) > 1


def parse_int(value) -> int | None:
    """A whole number from a number cell or text like "1.200.000" / "1 200 000"; None when not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):  # a NaN or an infinity calamine read from a <v>
            return None
        nearest = round(value)  # an int
        return nearest if abs(value - nearest) < 1e-6 else None
    text = clean_text(value)[0].replace(" ", "")
    if re.fullmatch(r"\d{1,3}([.,]\d{3})+", text):
        text = re.sub(r"[.,]", "", text)
    return int(text) if text.isdigit() else None


def serial_to_date(number: float) -> datetime.date | None:
    """An Excel date serial (days since 30/12/1899) as a date, for serials of 1900–2100."""
    if 1 <= number <= 73415:
        return EXCEL_EPOCH + datetime.timedelta(days=int(number))
    return None


def parse_date(value) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return serial_to_date(float(value))
    match = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", clean_text(value)[0])
    if not match:
        return None
    try:
        return datetime.date(int(match[3]), int(match[2]), int(match[1]))
    except ValueError:
        return None


GROUPED = re.compile(r"\d{1,3}(?:[.,]\d{3})+")
DECIMAL = re.compile(r"(\d+)(?:[.,](\d+))?")
MILLION = 1_000_000
CURRENCY = re.compile(r"(?:đồng|đ|vnđ|vnd)$", re.IGNORECASE)  # "1.200.000đ", "850.000 đồng"


def parse_amount(value, factor: int = 1) -> int | None:
    """An amount written in units of ``factor`` đồng as whole đồng: 1.5 (triệu) → 1,500,000;
    "1.200" (nghìn, dots group thousands) → 1,200,000; "1,5" (triệu, a Vietnamese decimal comma)
    → 1,500,000. None when the cell is not a number."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return round(value * factor) if math.isfinite(value) else None
    text = CURRENCY.sub("", clean_text(value)[0].replace(" ", ""))
    if factor < MILLION and GROUPED.fullmatch(text):
        return int(re.sub(r"[.,]", "", text)) * factor
    match = DECIMAL.fullmatch(text)
    if not match:
        return None
    whole, part = match[1], match[2] or ""
    return round(int(whole + part) * factor / 10 ** len(part))


# Between the numbers of a deprivation list: "1, 3, 7", "1;3;7", "1-3-7", "1/3/7", "1 + 3 + 7".
INDICATOR_SEPARATORS = re.compile(r"[\s,;.\-/+&]+")



YEAR_WITH_WORDS = re.compile(r"((?:19|20)\d\d)\s*(?:\(.*\)|[-–,;:].*)")
ADULT = 16


def birth_year_number(value, *, list_year: int) -> tuple[int | None, str]:
    """The year a birth-year cell gives, and a note when it had to be read: 1975, "1975", 1975.0 as they
    are; "75" as 1975 (a head of household is at least 16 in the list's year, so "05" is 2005 only in
    a 2021 list or later); "1975 (nữ)" as 1975. (None, "") when the cell holds no year this way
    (a full date is read by ``parse_date``)."""
    if value.__class__ is float and 100 <= value < 10_000 and value.is_integer():
        return int(value), ""  # the usual cell: a year typed as a number
    number = parse_int(value)
    if number is not None and 0 <= number < 100:
        year = 2000 + number if 2000 + number <= list_year - ADULT else 1900 + number
        return year, f"Năm sinh ghi 2 chữ số «{number:02d}»: hiểu là năm {year}"
    if number is not None:
        return number, ""
    text = clean_text(value)[0]
    if match := YEAR_WITH_WORDS.fullmatch(text):
        return int(match[1]), f"Năm sinh ghi «{text[:30]}»: lấy năm {match[1]}"
    return None, ""


# What a cell shows when its formula failed; as text (pasted values, a CSV) it is no value at all.
EXCEL_ERRORS = frozenset({"#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!",
                          "#CALC!", "#GETTING_DATA", "#N/A!"})
LOOK_CLOSER = (*FORMULA_START, "#")  # text starts that the quick path of a text cell leaves to the slow one


def excel_error(text: str) -> bool:
    return text[:1] == "#" and text.upper().replace(" ", "") in EXCEL_ERRORS
