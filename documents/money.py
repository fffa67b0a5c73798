"""Amounts of money in figures and in words, as Vietnamese official documents write them.

The wording follows the formal style of the domain fact sheet (§6): "mươi/mười",
"mốt", "tư" after "mươi", "lăm", "linh" (or "lẻ"), and "không trăm" for every non-leading
group whose hundreds digit is zero. Integers only: money is a whole number of đồng, and a
float would lose digits above 2**53.
"""

import unicodedata

DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
LINH_WORDS = ("linh", "lẻ")
# Scale words of the groups below one tỷ; tỷ itself recurses (nghìn tỷ, triệu tỷ, tỷ tỷ).
_GROUP_SCALES = ("", "nghìn", "triệu")
_TY = 10**9


def _require_int(value, what: str) -> None:
    # bool is an int subclass, but True đồng is always a bug upstream.
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{what} must be an int, not {type(value).__name__}")


def _units_after_tens(unit: int, *, tens: int, tu_after_muoi: bool) -> str:
    """Read the unit digit that follows a tens word ("mười" when tens == 1, else "mươi")."""
    if unit == 5:
        return "lăm"
    if tens >= 2 and unit == 1:
        return "mốt"
    if tens >= 2 and unit == 4 and tu_after_muoi:
        return "tư"
    return DIGITS[unit]


def _read_group(group: int, *, full: bool, linh: str, tu_after_muoi: bool) -> list[str]:
    """Words of a 1–999 group; ``full`` reads the "không trăm" and "linh" of inner groups."""
    hundreds, rest = divmod(group, 100)
    tens, unit = divmod(rest, 10)
    words = []
    if full or hundreds:
        words += [DIGITS[hundreds], "trăm"]
    if tens == 0:
        if unit:
            words += [linh, DIGITS[unit]] if words else [DIGITS[unit]]
        return words
    words += ["mười"] if tens == 1 else [DIGITS[tens], "mươi"]
    if unit:
        words.append(_units_after_tens(unit, tens=tens, tu_after_muoi=tu_after_muoi))
    return words


def _read_below_ty(n: int, *, leading: bool, linh: str, tu_after_muoi: bool) -> list[str]:
    """Words of 0 <= n < 10**9; a non-leading part reads every non-zero group in full."""
    groups = [(n // 10**6) % 1000, (n // 1000) % 1000, n % 1000]
    words: list[str] = []
    for index, group in enumerate(groups):
        if not group:
            continue
        full = bool(words) or not leading
        words += _read_group(group, full=full, linh=linh, tu_after_muoi=tu_after_muoi)
        scale = _GROUP_SCALES[len(groups) - 1 - index]
        if scale:
            words.append(scale)
    return words


def _read(n: int, *, leading: bool, linh: str, tu_after_muoi: bool) -> list[str]:
    if n < _TY:
        return _read_below_ty(n, leading=leading, linh=linh, tu_after_muoi=tu_after_muoi)
    high, low = divmod(n, _TY)
    words = _read(high, leading=leading, linh=linh, tu_after_muoi=tu_after_muoi)
    words.append("tỷ")
    return words + _read_below_ty(low, leading=False, linh=linh, tu_after_muoi=tu_after_muoi)


def _check_linh(linh: str) -> str:
    linh = unicodedata.normalize("NFC", linh)
    if linh not in LINH_WORDS:
        raise ValueError(f"linh must be one of {LINH_WORDS}, not {linh!r}")
    return linh


def vi_number_words(n: int, *, linh: str = "linh", tu_after_muoi: bool = True) -> str:
    """The formal reading of the non-negative integer ``n`` in lower case, exact at any size."""
    _require_int(n, "n")
    if n < 0:
        raise ValueError(f"n must not be negative, got {n}")
    linh = _check_linh(linh)
    if n == 0:
        return DIGITS[0]
    return " ".join(_read(n, leading=True, linh=linh, tu_after_muoi=tu_after_muoi))


def vi_money_words(
    amount: int, *, chan: bool = True, linh: str = "linh", tu_after_muoi: bool = True
) -> str:
    """An amount of đồng in words, first letter capitalised: "Một trăm triệu đồng chẵn"."""
    _require_int(amount, "amount")
    words = vi_number_words(amount, linh=linh, tu_after_muoi=tu_after_muoi)
    text = f"{words} đồng chẵn" if chan else f"{words} đồng"
    return text[0].upper() + text[1:]


def format_vnd(amount: int) -> str:
    """An integer amount of đồng in figures with "." between thousands, e.g. "132.000.000"."""
    _require_int(amount, "amount")
    return f"{amount:,}".replace(",", ".")
