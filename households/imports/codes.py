"""Household codes that Excel stored as numbers: giving back the leading zeros a number cell drops.

A code column formatted as "Number" turns «00123» into 123. The zeros come back only when the
commune's other codes (in the file as text, and in the registry) made of digits all have one
width; with several widths, or none to compare with, the row is warned instead of guessed.
"""

from collections import Counter
from collections.abc import Iterable

from households.imports.rows import ParsedRow


def digit_widths(codes: Iterable[str]) -> Counter:
    """How many codes made only of digits there are of each length."""
    return Counter(len(code) for code in codes if code and code.isascii() and code.isdigit())


def restore_widths(items: list, registry_codes: Iterable[str]) -> None:
    """Pad each code read from a number cell to the one width of the commune's other digit codes,
    with a note; warn when that width is not clear. ``items`` are the file's rows (ParsedRow or
    skipped rows), changed in place."""
    numbered, typed = [], []
    for item in items:
        if isinstance(item, ParsedRow) and "code" in item.values:
            was_number = item.values.pop("code_was_number", False)
            (numbered if was_number else typed).append(item)
    if not numbered:
        return
    widths = digit_widths([*(item.values["code"] for item in typed), *registry_codes])
    width = next(iter(widths)) if len(widths) == 1 else None
    for item in numbered:
        code = item.values["code"]
        if width is not None and len(code) < width:
            item.values["code"] = code.zfill(width)
            item.notes.append(f"Mã hộ «{code}» ở ô dạng số (Excel bỏ số 0 đầu): đã trả lại thành "
                              f"«{item.values['code']}» theo độ dài {width} chữ số của các mã hộ khác trong xã")
        elif width is None and widths and len(code) < max(widths):
            shown = ", ".join(str(w) for w in sorted(widths))
            item.warnings.append(f"Mã hộ «{code}» ở ô dạng số, có thể đã mất số 0 đầu; các mã hộ khác dài {shown} "
                                 "chữ số nên không tự thêm số 0: hãy kiểm tra và định dạng cột mã hộ là văn bản")
