"""Column mappings made by an officer: the fields a column may hold, header fingerprints, samples.

When a list's header cannot be recognised (or was recognised wrongly) the officer says which
row(s) are the header and which column holds which field, once. The mapping is remembered for
the commune under a fingerprint of the header rows' texts, and used for every later file whose
header rows read the same, wherever they sit in the sheet.
"""

import hashlib
from dataclasses import dataclass

from households.imports.cells import clean_text, folded
from households.imports.columns import Header, field_for, filled_row

MAX_HEIGHT = 3
SAMPLE_ROWS = 40
MAX_COLUMNS = 60
DEPRIVATIONS = 12

FIELD_LABELS = {
    "stt": "Số thứ tự (không nhập)",
    "code": "Mã hộ",
    "name": "Họ và tên chủ hộ",
    "gender": "Giới tính (Nam/Nữ)",
    "gender_male": "Giới tính: cột Nam (đánh dấu)",
    "gender_female": "Giới tính: cột Nữ (đánh dấu)",
    "woman_head": "Chủ hộ là nữ (đánh dấu)",
    "birth_year": "Năm sinh (hoặc ngày sinh)",
    "birth_male": "Năm sinh của chủ hộ nam",
    "birth_female": "Năm sinh của chủ hộ nữ",
    "ethnicity": "Dân tộc",
    "minority": "Dân tộc thiểu số (đánh dấu, không nhập)",
    "id_number": "Số định danh / CCCD / CMND",
    "village": "Thôn/xóm/bản/tổ dân phố",
    "members": "Số nhân khẩu",
    "phone": "Số điện thoại",
    "class": "Phân loại hộ (ghi chữ)",
    "class_poor": "Hộ nghèo (đánh dấu)",
    "class_near_poor": "Hộ cận nghèo (đánh dấu)",
    "class_escaped": "Hộ mới thoát nghèo (đánh dấu)",
    "class_middle": "Hộ có mức sống trung bình (đánh dấu)",
    "escaped_on": "Ngày công nhận thoát nghèo",
    "income": "Thu nhập bình quân/người/tháng (đơn vị theo tiêu đề cột: đồng, nghìn đồng, triệu đồng)",
    "deprivations": "Các chỉ số thiếu hụt (ghi số thứ tự, ví dụ 1, 3, 7)",
    "deprivation_count": "Số chỉ số thiếu hụt (một con số, không phải số thứ tự)",
    **{f"dep_{n}": f"Chỉ số thiếu hụt số {n} (đánh dấu)" for n in range(1, DEPRIVATIONS + 1)},
    "meritorious": "Có người có công (đánh dấu)",
    "social_protection": "Có đối tượng bảo trợ xã hội (đánh dấu)",
    "no_labour": "Không có khả năng lao động (đánh dấu)",
    "note": "Ghi chú (không nhập)",
}


class MappingProblem(ValueError):
    """A mapping the officer submitted cannot be used; the message says why, in Vietnamese."""


def header_texts(rows: list[list], merges, first: int, last: int) -> list[list[str]]:
    """The folded texts of the header rows (0-based, inclusive), without trailing empty cells."""
    texts = []
    for index in range(first, last + 1):
        labels = [folded(v) for v in filled_row(rows, merges, index)]
        while labels and not labels[-1]:
            labels.pop()
        texts.append(labels)
    return texts


def fingerprint(rows: list[list], merges, first: int, last: int) -> str:
    """A stable key for header rows: the same texts in the same columns give the same key."""
    texts = header_texts(rows, merges, first, last)
    joined = "\n".join("|".join(labels) for labels in texts)
    return hashlib.sha256(joined.encode()).hexdigest()


def column_labels(rows: list[list], merges, first: int, last: int) -> list[str]:
    """One readable label per column: the header rows' texts joined with " / "."""
    raw = [[clean_text(v)[0] for v in filled_row(rows, merges, index)] for index in range(first, last + 1)]
    width = max((len(r) for r in raw), default=0)
    labels = []
    for col in range(width):
        parts = []
        for row in raw:
            text = row[col] if col < len(row) else ""
            if text and text not in parts:
                parts.append(text)
        labels.append(" / ".join(parts))
    return labels


@dataclass
class Saved:
    """A remembered mapping, as the reader needs it."""

    id: int
    height: int
    fields: dict[str, int]


def find_saved(rows: list[list], merges, saved: dict[str, Saved]) -> tuple[Header, int] | None:
    """The first header in the sheet whose fingerprint has a remembered mapping, and that mapping's id."""
    if not saved:
        return None
    heights = sorted({m.height for m in saved.values()})
    for index in range(min(SAMPLE_ROWS, len(rows))):
        for height in heights:
            last = index + height - 1
            if last >= len(rows):
                continue
            mapping = saved.get(fingerprint(rows, merges, index, last))
            if mapping is not None:
                labels = dict(enumerate(column_labels(rows, merges, index, last)))
                header = Header(first_row=index, last_row=last, fields=dict(mapping.fields), labels=labels)
                return header.read_units(rows), mapping.id
    return None


def check_fields(fields: dict[str, int], width: int) -> None:
    """Refuse a mapping without the name column or with a field taken by two columns."""
    from households.imports.workbook import column_letter

    if "name" not in fields:
        raise MappingProblem("Chưa chọn cột «Họ và tên chủ hộ»: đây là cột bắt buộc.")
    if len(fields) < 2:
        raise MappingProblem("Cần ghép ít nhất một cột nữa ngoài «Họ và tên chủ hộ» "
                             "(ví dụ mã hộ, năm sinh, số định danh hoặc thôn).")
    for name, col in fields.items():
        if name not in FIELD_LABELS:
            raise MappingProblem(f"Trường «{name}» không có trong danh mục.")
        if not 0 <= col < width:
            raise MappingProblem(f"Cột {column_letter(col)} không có dữ liệu trong trang tính đã chọn.")


def guess_fields(rows: list[list], merges, first: int, last: int) -> dict[int, str]:
    """A starting point for the screen: column → field from the labels, as automatic detection reads them."""
    parents = [folded(v) for v in filled_row(rows, merges, first)]
    children = [folded(v) for v in filled_row(rows, merges, last)] if last > first else []
    guessed, taken = {}, set()
    for col, parent in enumerate(parents):
        child = children[col] if col < len(children) else ""
        name = field_for(parent, child) if (parent or child) else None
        if name and name not in taken:
            guessed[col] = name
            taken.add(name)
    return guessed


def display(value) -> str:
    """A cell as the officer sees it on the mapping screen (short, plain text)."""
    text = clean_text(value)[0]
    return text if len(text) <= 40 else text[:39] + "…"
