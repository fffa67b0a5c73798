import pytest

from documents.money import format_vnd, vi_money_words, vi_number_words

# Domain fact sheet §6.2, formal column ("linh", "tư" after mươi).
REFERENCE = [
    (14, "mười bốn"),
    (15, "mười lăm"),
    (21, "hai mươi mốt"),
    (24, "hai mươi tư"),
    (25, "hai mươi lăm"),
    (101, "một trăm linh một"),
    (105, "một trăm linh năm"),
    (110, "một trăm mười"),
    (115, "một trăm mười lăm"),
    (121, "một trăm hai mươi mốt"),
    (1_005, "một nghìn không trăm linh năm"),
    (1_010, "một nghìn không trăm mười"),
    (1_015, "một nghìn không trăm mười lăm"),
    (12_005, "mười hai nghìn không trăm linh năm"),
    (305_000, "ba trăm linh năm nghìn"),
    (1_000_005, "một triệu không trăm linh năm"),
    (1_001_000, "một triệu không trăm linh một nghìn"),
    (1_010_000, "một triệu không trăm mười nghìn"),
    (1_050_000, "một triệu không trăm năm mươi nghìn"),
    (15_000_000, "mười lăm triệu"),
    (20_000_015, "hai mươi triệu không trăm mười lăm"),
    (100_000_001, "một trăm triệu không trăm linh một"),
    (132_000_000, "một trăm ba mươi hai triệu"),
    (133_000_000, "một trăm ba mươi ba triệu"),
    (597_000_000, "năm trăm chín mươi bảy triệu"),
    (
        1_234_567_890,
        "một tỷ hai trăm ba mươi tư triệu năm trăm sáu mươi bảy nghìn tám trăm chín mươi",
    ),
    (2_000_000_000, "hai tỷ"),
    (2_005_000_000, "hai tỷ không trăm linh năm triệu"),
    (10**12, "một nghìn tỷ"),
    (1_000_005_000_000, "một nghìn tỷ không trăm linh năm triệu"),
    (10**15, "một triệu tỷ"),
]


@pytest.mark.parametrize(("n", "words"), REFERENCE)
def test_every_reference_value_reads_in_the_formal_style(n, words):
    assert vi_number_words(n) == words


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (0, "không"),
        (1, "một"),
        (5, "năm"),
        (10, "mười"),
        (11, "mười một"),
        (20, "hai mươi"),
        (104, "một trăm linh bốn"),
        (1_000, "một nghìn"),
        (1_000_000, "một triệu"),
        (10**9, "một tỷ"),
        (10**18, "một tỷ tỷ"),
        (1_000_000_000_001, "một nghìn tỷ không trăm linh một"),
    ],
)
def test_round_numbers_and_small_numbers_read_as_spoken(n, words):
    assert vi_number_words(n) == words


def test_a_number_above_two_to_the_53_is_read_exactly():
    # Through a float this would read as …992.
    assert vi_number_words(2**53 + 1) == (
        "chín triệu không trăm linh bảy nghìn một trăm chín mươi chín tỷ "
        "hai trăm năm mươi tư triệu bảy trăm bốn mươi nghìn chín trăm chín mươi ba"
    )


def test_four_after_muoi_can_read_bon():
    assert vi_number_words(24, tu_after_muoi=False) == "hai mươi bốn"
    assert vi_number_words(1_234_567_890, tu_after_muoi=False).startswith(
        "một tỷ hai trăm ba mươi bốn triệu"
    )


def test_four_reads_bon_except_after_muoi():
    assert vi_number_words(4) == "bốn"
    assert vi_number_words(14) == "mười bốn"
    assert vi_number_words(44) == "bốn mươi tư"


def test_le_replaces_linh_when_asked():
    assert vi_number_words(101, linh="lẻ") == "một trăm lẻ một"
    assert vi_number_words(1_005, linh="lẻ") == "một nghìn không trăm lẻ năm"


def test_an_unknown_word_for_linh_is_refused():
    with pytest.raises(ValueError):
        vi_number_words(101, linh="linh lẻ")


def test_negative_numbers_are_refused():
    with pytest.raises(ValueError):
        vi_number_words(-1)


@pytest.mark.parametrize("value", [1.0, "12", True, None])
def test_numbers_that_are_not_int_are_refused(value):
    with pytest.raises(TypeError):
        vi_number_words(value)


def test_money_words_capitalise_the_first_letter_and_end_with_dong_chan():
    assert vi_money_words(132_000_000) == "Một trăm ba mươi hai triệu đồng chẵn"


def test_money_words_can_leave_out_chan():
    assert vi_money_words(132_000_000, chan=False) == "Một trăm ba mươi hai triệu đồng"


def test_money_words_pass_the_style_options_on():
    assert vi_money_words(1_024, linh="lẻ", chan=False) == "Một nghìn không trăm hai mươi tư đồng"
    assert vi_money_words(24, tu_after_muoi=False) == "Hai mươi bốn đồng chẵn"


@pytest.mark.parametrize("amount", [132_000_000.0, "132000000", True, False, None])
def test_money_words_refuse_amounts_that_are_not_int(amount):
    with pytest.raises(TypeError):
        vi_money_words(amount)


def test_money_words_refuse_negative_amounts():
    with pytest.raises(ValueError):
        vi_money_words(-5)


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (0, "0"),
        (999, "999"),
        (1_000, "1.000"),
        (132_000_000, "132.000.000"),
        (-1_234_567, "-1.234.567"),
        (10**15, "1.000.000.000.000.000"),
    ],
)
def test_figures_use_a_dot_between_thousands(amount, text):
    assert format_vnd(amount) == text


@pytest.mark.parametrize("amount", [1.5, "1000", True])
def test_figures_refuse_amounts_that_are_not_int(amount):
    with pytest.raises(TypeError):
        format_vnd(amount)
