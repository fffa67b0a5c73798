from documents.numbering import number_blocks, point_letter, roman
from documents.official import BULLET, CLAUSE, POINT, SECTION, SUBBULLET, SUBCLAUSE, Block


def test_roman_numerals():
    assert [roman(n) for n in (1, 4, 9, 14, 40, 1999)] == ["I", "IV", "IX", "XIV", "XL", "MCMXCIX"]


def test_point_letters_follow_the_vietnamese_alphabet():
    letters = [point_letter(n) for n in range(1, 8)]
    assert letters == ["a", "b", "c", "d", "đ", "e", "g"]
    assert "f" not in [point_letter(n) for n in range(1, 24)]


def test_markers_are_computed_from_position_and_restart_per_level():
    kinds = [SECTION, CLAUSE, SUBCLAUSE, SUBCLAUSE, POINT, POINT, BULLET, SUBBULLET,
             CLAUSE, SUBCLAUSE, SECTION, CLAUSE, POINT]
    blocks = number_blocks([Block(kind, "x") for kind in kinds])
    assert [b.marker for b in blocks] == ["I.", "1.", "1.1.", "1.2.", "a)", "b)", "-", "+",
                                          "2.", "2.1.", "II.", "1.", "a)"]
