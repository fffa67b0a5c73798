"""Personal ID numbers (số định danh cá nhân / CCCD, legacy CMND): structure checks and masking.

Structure (Luật Căn cước 2023, domain.md §7.3): 12 digits; digits 1–3 are the code of the
province where the birth was registered, one of the 63 pre-2025 provinces; digit 4 gives the
century of birth and the gender (0/1 = 1900s male/female, 2/3 = 2000s, ...); digits 5–6 are the
last two digits of the birth year. A legacy 9-digit CMND is accepted and flagged.
"""

import re
from dataclasses import dataclass, field

# GSO codes of the 63 provinces before the 1 July 2025 reform (areas/data/units.csv.gz).
PROVINCE_CODES = frozenset(
    "01 02 04 06 08 10 11 12 14 15 17 19 20 22 24 25 26 27 30 31 33 34 35 36 37 38 40 42 44 45 "
    "46 48 49 51 52 54 56 58 60 62 64 66 67 68 70 72 74 75 77 79 80 82 83 84 86 87 89 91 92 93 "
    "94 95 96".split()
)
MALE, FEMALE = "M", "F"
# Eight or more digits, possibly spaced: an ID number (or a CMND that lost its zero) wherever a
# message or a misplaced cell quotes it. Amounts are written with dots and stay as they are.
ID_LIKE = re.compile(r"\d(?: ?\d){7,}")


@dataclass
class IdCheck:
    """The outcome of reading one ID number: the value to store (or "") and what was noticed."""

    value: str = ""
    legacy: bool = False
    restored_zero: bool = False
    offer: str = ""  # a value the officer may confirm (an 11-digit number with its leading zero back)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def digits_of(raw) -> str:
    """The ID as typed, without spaces, dots or dashes; an Excel number loses its ".0"."""
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    text = str(raw).strip()
    if text.isascii() and text.isdigit():
        return text  # the usual case: nothing to drop
    return "".join(c for c in text if c not in " .-\u00a0")


def has_province_prefix(value: str) -> bool:
    return value[:1] == "0" and value[1:3] in PROVINCE_CODES


def structure_problems(value: str, *, gender: str = "", birth_year: int | None = None) -> list[str]:
    """Why a 12-digit ID does not fit its structure (empty when it fits)."""
    problems = []
    if not has_province_prefix(value):
        problems.append(f"3 chữ số đầu «{value[:3]}» không phải mã tỉnh (trước 01/07/2025)")
        return problems
    digit = int(value[3])
    century = 1900 + 100 * (digit // 2)
    id_gender = FEMALE if digit % 2 else MALE
    if gender and gender != id_gender:
        label = "nữ" if id_gender == FEMALE else "nam"
        problems.append(f"chữ số thứ 4 ({digit}) ứng với giới tính {label}, không khớp với giới tính đã ghi")
    if birth_year and birth_year != century + int(value[4:6]):
        problems.append(
            f"chữ số 4–6 ứng với năm sinh {century + int(value[4:6])}, không khớp năm sinh {birth_year}"
        )
    return problems


def check_id(raw, *, gender: str = "", birth_year: int | None = None) -> IdCheck:
    """Read an ID cell: keep it as text, restore a lost leading zero only when the structure proves it."""
    text = digits_of(raw)
    result = IdCheck()
    if not text:
        return result
    if not text.isdigit():
        result.errors.append(f"Số định danh «{text[:20]}» có ký tự không phải chữ số")
        return result
    if len(text) == 12:
        if not has_province_prefix(text):
            result.errors.append(
                f"Số định danh không hợp lệ: 3 chữ số đầu «{text[:3]}» không phải mã tỉnh "
                "(63 tỉnh trước 01/07/2025)"
            )
            return result
        problems = structure_problems(text, gender=gender, birth_year=birth_year)
        result.value = text
        result.warnings += ["Số định danh: " + p for p in problems]
        return result
    if len(text) == 11:
        return _eleven_digits(text, gender, birth_year, result)
    if len(text) == 9:
        result.value, result.legacy = text, True
        result.warnings.append("Số CMND cũ 9 chữ số; nên cập nhật số định danh 12 chữ số")
        return result
    if len(text) == 8:
        result.warnings.append(
            f"Số «{text}» có 8 chữ số: có thể là CMND mất số 0 đầu nhưng không chứng minh được; "
            "chưa lưu số này, hãy kiểm tra lại"
        )
        return result
    result.errors.append(f"Số định danh «{text[:20]}» có {len(text)} chữ số (cần 12, hoặc 9 với CMND cũ)")
    return result


def _eleven_digits(text, gender, birth_year, result: IdCheck) -> IdCheck:
    """An 11-digit number (a number cell drops the leading zero every 12-digit ID has) is never taken
    as it is: with its zero back it is kept, and said so, only when the province code, gender and
    birth year prove it; otherwise it is not stored and the 12-digit value is offered."""
    candidate = "0" + text
    fits = not structure_problems(candidate, gender=gender, birth_year=birth_year)
    if fits and (gender or birth_year):
        result.value, result.restored_zero = candidate, True
        result.warnings.append(f"Số định danh có 11 chữ số (ô dạng số làm mất số 0 đầu): đã thêm số 0 thành "
                               f"{candidate} vì khớp mã tỉnh, giới tính và năm sinh; hãy kiểm tra")
    else:
        result.offer = candidate if has_province_prefix(candidate) else ""
        offered = f"; có thể là {candidate} (thêm số 0 đầu), hãy xác nhận hoặc sửa" if result.offer else ""
        result.warnings.append(
            f"Số định danh «{text}» có 11 chữ số; không đủ căn cứ để thêm số 0 đầu nên chưa lưu{offered}"
            + ("" if result.offer else ", hãy nhập ô này dạng văn bản")
        )
    return result


def mask(value: str) -> str:
    """``025123456734`` → ``0251******34``; a 9-digit CMND keeps 3 + 2 digits."""
    if not value:
        return ""
    keep_head = 4 if len(value) >= 12 else 3
    hidden = max(len(value) - keep_head - 2, 0)
    return value[:keep_head] + "*" * hidden + value[keep_head + hidden:]


def mask_in_text(text: str) -> str:
    """``text`` with every ID-like run of digits masked (report cells shown to those who may not see IDs)."""
    if not text or not isinstance(text, str):
        return text
    return ID_LIKE.sub(lambda found: mask(found.group().replace(" ", "")), text)
