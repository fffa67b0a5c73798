"""Heading markers computed from the outline, never typed (Decree 30: phần, mục, khoản, điểm).

Mục are numbered I., II., …; khoản 1., 2., … within each mục; điểm a), b), … within each
khoản, in the Vietnamese alphabet (no f, j, w, z; đ after d); bullets are "-" then "+".
"""

from documents.official import BULLET, CLAUSE, POINT, SECTION, SUBBULLET, SUBCLAUSE, Block

POINT_LETTERS = "a b c d đ e g h i k l m n o p q r s t u v x y".split()
_ROMAN = [
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
]


def roman(n: int) -> str:
    """Upper-case Roman numeral of a positive integer (1 → "I", 14 → "XIV")."""
    if n < 1:
        raise ValueError("Roman numerals start at 1")
    out = []
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def point_letter(n: int) -> str:
    """The n-th (1-based) point letter; past "y" it doubles ("aa", "bb", …)."""
    base = POINT_LETTERS[(n - 1) % len(POINT_LETTERS)]
    return base * ((n - 1) // len(POINT_LETTERS) + 1)


def number_blocks(blocks: list[Block]) -> list[Block]:
    """Give every section, clause and point its marker from its position; bullets get - or +."""
    section = clause = subclause = point = 0
    for block in blocks:
        if block.kind == SECTION:
            section, clause, subclause, point = section + 1, 0, 0, 0
            block.marker = f"{roman(section)}."
        elif block.kind == CLAUSE:
            clause, subclause, point = clause + 1, 0, 0
            block.marker = f"{clause}."
        elif block.kind == SUBCLAUSE:
            subclause, point = subclause + 1, 0
            block.marker = f"{max(clause, 1)}.{subclause}."
        elif block.kind == POINT:
            point += 1
            block.marker = f"{point_letter(point)})"
        elif block.kind == BULLET:
            block.marker = "-"
        elif block.kind == SUBBULLET:
            block.marker = "+"
    return blocks
