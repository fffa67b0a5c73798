import pytest

from documents.symbols import (
    DOCUMENT_TYPES,
    NUMBER_BLANK,
    TYPE_NAMES,
    classify_number,
    document_symbol,
    is_legal_number,
    is_party_number,
    is_state_number,
    normalize_abbr,
    symbol_code,
)

MALFORMED_SEED_CITATION = "06/TT-2022/TT-BTTTT"  # seed 001; the real number is 06/2022/TT-BTTTT


def test_numbers_below_ten_take_a_leading_zero():
    assert document_symbol(5, "KH", "UBND") == "Số: 05/KH-UBND"
    assert document_symbol(10, "KH", "UBND") == "Số: 10/KH-UBND"
    assert document_symbol(1096, "QĐ", "UBND") == "Số: 1096/QĐ-UBND"


def test_a_draft_keeps_a_fixed_width_blank_for_the_number():
    assert document_symbol(None, "KH", "UBND") == f"Số:{NUMBER_BLANK}/KH-UBND"
    assert NUMBER_BLANK and set(NUMBER_BLANK) == {"\u00a0"}


def test_a_cong_van_has_no_type_abbreviation():
    assert document_symbol(12, "", "UBND-VX") == "Số: 12/UBND-VX"
    assert document_symbol(5, None, "BNV-VP") == "Số: 05/BNV-VP"


def test_a_cong_van_needs_a_drafting_unit_after_the_issuer():
    with pytest.raises(ValueError):
        document_symbol(12, "", "UBND")


def test_spaces_around_hyphens_are_removed():
    assert normalize_abbr("KH - UBND") == "KH-UBND"
    assert document_symbol(None, "KH", " UBND - VX ").endswith("/KH-UBND-VX")
    assert symbol_code("BC", "UBND -LĐTBXH") == "BC-UBND-LĐTBXH"


def test_mixed_case_abbreviations_of_the_decree_are_kept():
    assert document_symbol(3, "QyĐ", "UBND") == "Số: 03/QyĐ-UBND"
    assert document_symbol(7, "TTr", "UBND") == "Số: 07/TTr-UBND"
    assert document_symbol(90, "QĐ", "TTg") == "Số: 90/QĐ-TTg"


@pytest.mark.parametrize(
    ("type_abbr", "issuer_abbr"),
    [
        ("kh", "UBND"),  # lower case
        ("KH", "ubnd"),
        ("KH", "Ubnd"),
        ("QĐ", "TTG"),  # the Prime Minister is TTg
        ("QYĐ", "UBND"),  # Quy định is QyĐ
        ("XYZ", "UBND"),  # not a type of Phụ lục III
        ("KH", ""),
        ("KH", "UBND VX"),  # a space that is not around a hyphen
        ("KH", "UBND/VX"),
        ("KH", "UBND--VX"),
    ],
)
def test_malformed_parts_are_refused(type_abbr, issuer_abbr):
    with pytest.raises(ValueError):
        document_symbol(1, type_abbr, issuer_abbr)


@pytest.mark.parametrize("number", [0, -3])
def test_numbers_start_at_one(number):
    with pytest.raises(ValueError):
        document_symbol(number, "KH", "UBND")


@pytest.mark.parametrize("number", ["05", 5.0, True])
def test_numbers_must_be_int(number):
    with pytest.raises(TypeError):
        document_symbol(number, "KH", "UBND")


def test_document_types_follow_phu_luc_iii():
    assert ("Kế hoạch", "KH") in DOCUMENT_TYPES
    assert TYPE_NAMES["QyĐ"] == "Quy định"
    assert TYPE_NAMES["TTr"] == "Tờ trình"
    assert TYPE_NAMES[""] == "Công văn"
    assert len(TYPE_NAMES) == len(DOCUMENT_TYPES)


@pytest.mark.parametrize("abbr", sorted(TYPE_NAMES.keys() - {""}))
def test_every_type_abbreviation_makes_a_valid_state_number(abbr):
    line = document_symbol(12, abbr, "UBND")
    assert is_state_number(line.removeprefix("Số: "))


@pytest.mark.parametrize(
    "text",
    [
        "1096/QĐ-UBND",
        "277/KH-UBND",
        "90/QĐ-TTg",
        "05/KH-UBND",
        "12/UBND-VX",
        "12/QyĐ-UBND",
        "45/SLĐTBXH-BTXH&GN",
        "1315/VBHN-BLĐTBXH",
        "  277/KH-UBND ",
    ],
)
def test_administrative_numbers_are_state_numbers(text):
    assert is_state_number(text)
    assert classify_number(text) == "state"


@pytest.mark.parametrize(
    "text",
    [
        "07/2021/NĐ-CP",
        "55/2023/TT-BTC",
        "24/2021/QĐ-TTg",
        "91/2025/QH15",
        "06/2022/TT-BTTTT",
        "01/2021/TTLT-BTC-BLĐTBXH",
    ],
)
def test_normative_numbers_with_a_year_are_legal_numbers(text):
    assert is_legal_number(text)
    assert classify_number(text) == "legal"


@pytest.mark.parametrize("text", ["05-CT/TW", "1408-QĐ/TU", "12-NQ/HU"])
def test_party_numbers_are_told_apart(text):
    assert is_party_number(text)
    assert not is_state_number(text)
    assert classify_number(text) == "party"


@pytest.mark.parametrize(
    "text",
    [
        MALFORMED_SEED_CITATION,
        "5/KH-UBND",  # below 10 without the leading zero
        "005/KH-UBND",
        "277/KH - UBND",  # spaces around the hyphen
        "277/kh-ubnd",
        "90/QĐ-TTG",
        "277/UBND",  # a công văn needs the drafting unit
        "277/KH-UBND/2023",
        "07/21/NĐ-CP",
        "07/2021/",
        "05-CT-TW",
        "05-ct/TW",
        "/KH-UBND",
        "",
        None,
    ],
)
def test_malformed_numbers_are_rejected_by_every_validator(text):
    assert not is_state_number(text)
    assert not is_legal_number(text)
    assert not is_party_number(text)
    assert classify_number(text) is None
