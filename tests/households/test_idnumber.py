"""ID numbers: structure checks, legacy CMND, lost leading zeros, masking."""

from households.idnumber import check_id, mask


def test_a_valid_id_is_kept_as_text():
    checked = check_id("025075001234", gender="M", birth_year=1975)
    assert checked.value == "025075001234" and not checked.errors and not checked.warnings


def test_a_numeric_cell_that_lost_its_zero_is_restored_when_the_structure_proves_it():
    checked = check_id(25182004321.0, gender="F", birth_year=1982)
    assert checked.value == "025182004321" and checked.restored_zero


def test_a_lost_zero_is_not_guessed_without_gender_or_birth_year():
    checked = check_id(25182004321.0)
    assert checked.value == "" and "chưa lưu" in checked.warnings[0]


def test_an_unknown_province_prefix_is_an_error():
    assert "mã tỉnh" in check_id("003075001234").errors[0]
    assert check_id("099075001234").errors


def test_gender_and_birth_year_must_agree_with_the_fourth_to_sixth_digits():
    checked = check_id("025075001234", gender="F", birth_year=1976)
    assert len(checked.warnings) == 2
    assert check_id("025275001234", gender="M", birth_year=2075).warnings == []


def test_a_legacy_nine_digit_number_is_accepted_and_flagged():
    checked = check_id("131234567")
    assert checked.value == "131234567" and checked.legacy and checked.warnings


def test_letters_and_wrong_lengths_are_errors():
    assert check_id("02507500123A").errors
    assert check_id("0250750012").errors


def test_masking_keeps_the_first_four_and_last_two_digits():
    assert mask("025112345634") == "0251******34"
    assert mask("131234567") == "131****67"
    assert mask("") == ""
