"""Vietnamese text as people type it: NFC for storage, a folded key for searching."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def nfc(text: str | None) -> str:
    """The NFC form of ``text`` with runs of white space folded to one space and trimmed."""
    if not text:
        return ""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", str(text))).strip()


def nfc_lines(text: str | None) -> str:
    """Like :func:`nfc`, but keeps one line per non-empty input line."""
    if not text:
        return ""
    lines = (nfc(line) for line in str(text).splitlines())
    return "\n".join(line for line in lines if line)


def search_key(text: str | None) -> str:
    """Lower-case ASCII form for accent-insensitive matching.

    Folding removes every tone and vowel mark, so the two tone placements that
    sources mix ("Hoà"/"Hòa", "Thuỷ"/"Thủy") and NFD/NFC input meet in one key.
    """
    decomposed = unicodedata.normalize("NFD", nfc(text).lower())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.replace("đ", "d")


def search_words(text: str | None) -> list[str]:
    """The folded words of a search box entry."""
    return [w for w in re.split(r"[^0-9a-z]+", search_key(text)) if w]
