"""Vietnamese alphabetical order in Python, as PostgreSQL's ``vi-x-icu`` collation sorts.

The database sorts a household list itself (households.filters.name_order); this key is for
rows built in Python (a report's appendix, a list merged from several queries) and for SQLite,
which has no ICU collation. Letters first: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư
v x y (đ after d, ư after u, never folded together); then tones in dictionary order (none,
huyền, hỏi, ngã, sắc, nặng); then case.
"""

import unicodedata

from vntext import nfc

# Marks that make another letter (ă, â/ê/ô, ơ/ư): its rank after the plain letter.
_LETTER_MARKS = {"\u0306": 1, "\u0302": 2, "\u031b": 3}
# Tone marks in the order a Vietnamese dictionary lists a, à, ả, ã, á, ạ.
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def _letters(text: str):
    """(base letter, letter rank, tone, upper) for every character of ``text``."""
    base, rank, tone, upper = None, 0, 0, False
    for char in unicodedata.normalize("NFD", text):
        if base is not None and char in _LETTER_MARKS:
            rank = _LETTER_MARKS[char]
        elif base is not None and char in _TONES:
            tone = _TONES[char]
        elif base is not None and unicodedata.combining(char):
            continue  # a mark Vietnamese does not use: ignored, as a folded key would
        else:
            if base is not None:
                yield base, rank, tone, upper
            upper = char.isupper()
            base, rank, tone = char.lower(), 0, 0
            if base == "đ":
                base, rank = "d", 1
    if base is not None:
        yield base, rank, tone, upper


def vi_sort_key(text: str | None) -> tuple[tuple, tuple, tuple]:
    """The sort key of ``text`` in Vietnamese order: letters, then tones, then case."""
    letters = list(_letters(nfc(text)))
    return (tuple((ord(base), rank) for base, rank, _, _ in letters),
            tuple(tone for _, _, tone, _ in letters),
            tuple(upper for _, _, _, upper in letters))
