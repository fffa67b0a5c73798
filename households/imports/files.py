"""File-level checks before any cell is read: size, real type, zip bomb, password, readability."""

import io
import zipfile

import python_calamine

from documents.xlsx_guard import UnsafeSpreadsheet, check_grid, check_xlsx_sheets
from households.models.batch import MAX_UPLOAD_BYTES

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_RATIO = 100
MAX_ENTRIES = 2000


class FileProblem(Exception):
    """The whole file is refused; the message says why, in Vietnamese."""


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".replace(".", ",") + " MB"


def check_size(name: str, size: int) -> None:
    if size > MAX_UPLOAD_BYTES:
        raise FileProblem(f"Tệp «{name}» nặng {_mb(size)}, vượt giới hạn {_mb(MAX_UPLOAD_BYTES)}. "
                          "Hãy tách danh sách theo thôn hoặc xóa các trang tính không cần thiết.")


def check_file(name: str, data: bytes) -> str:
    """Refuse anything that is not a readable, reasonably sized Excel file; return its kind."""
    lower = name.lower()
    check_size(name, len(data))
    if not data:
        raise FileProblem(f"Tệp «{name}» rỗng (0 byte).")
    if not lower.endswith((".xlsx", ".xls")):
        raise FileProblem(f"Tệp «{name}» không phải tệp Excel (.xlsx hoặc .xls).")
    if lower.endswith(".xlsx"):
        if data.startswith(OLE_MAGIC):
            raise FileProblem(f"Tệp «{name}» có đặt mật khẩu hoặc là tệp .xls đổi tên; "
                              "hãy mở bằng Excel, bỏ mật khẩu và lưu lại dạng .xlsx.")
        if not data.startswith(ZIP_MAGIC):
            raise FileProblem(f"Tệp «{name}» không phải tệp Excel thật (có thể là tệp khác bị đổi đuôi).")
        _check_zip(name, data)
        return "xlsx"
    if not data.startswith(OLE_MAGIC):
        raise FileProblem(f"Tệp «{name}» không phải tệp Excel 97–2003 thật (có thể là tệp khác bị đổi đuôi).")
    return "xls"


def _check_zip(name: str, data: bytes) -> None:
    """Measure the archive from its directory before inflating anything (zip bombs)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except zipfile.BadZipFile:
        raise FileProblem(f"Tệp «{name}» bị hỏng, không mở được như tệp .xlsx.") from None
    total = sum(info.file_size for info in infos)
    packed = sum(info.compress_size for info in infos) or 1
    if len(infos) > MAX_ENTRIES or total > MAX_UNCOMPRESSED or total / packed > MAX_RATIO:
        raise FileProblem(f"Tệp «{name}» giải nén ra {_mb(total)} (nén {total / packed:.0f} lần): "
                          "bất thường với một danh sách hộ, có thể là tệp độc hại; không đọc tệp này.")
    if "xl/workbook.xml" not in {info.filename for info in infos}:
        raise FileProblem(f"Tệp «{name}» là tệp nén nhưng không phải bảng tính Excel.")


def open_workbook(name: str, data: bytes) -> python_calamine.CalamineWorkbook:
    """Open with calamine (values only; formulas are never evaluated)."""
    try:
        return python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except python_calamine.PasswordError:
        raise FileProblem(f"Tệp «{name}» có đặt mật khẩu; hãy bỏ mật khẩu rồi tải lên lại.") from None
    except Exception as error:  # calamine raises several types for damaged files
        raise FileProblem(f"Không đọc được tệp «{name}»: tệp bị hỏng hoặc không đúng định dạng "
                          f"({type(error).__name__}).") from None


def check_extent(data: bytes, *, only: int | None = None) -> None:
    """Refuse an .xlsx with too many shared strings, or whose sheets (sheet ``only``, 0-based) hold
    values beyond the limits (rows, columns, cells), measured in its XML before calamine opens it
    and fills a grid up to a sheet's last cell."""
    if data.startswith(ZIP_MAGIC):
        try:
            check_xlsx_sheets(data, only=only)
        except UnsafeSpreadsheet as problem:
            raise FileProblem(str(problem)) from None


def check_sheet_grid(sheet_name: str, sheet: python_calamine.CalamineSheet) -> None:
    """Refuse a sheet whose grid, as calamine built it, is beyond the limits, before it becomes Python
    lists (the only measure for an .xls, whose grid is at most 65,536 × 256 cells)."""
    if sheet.end is not None:
        try:
            check_grid(sheet_name, sheet.end[0] + 1, sheet.end[1] + 1)
        except UnsafeSpreadsheet as problem:
            raise FileProblem(str(problem)) from None


def formula_cells(data: bytes, sheet_index: int) -> set[tuple[int, int]]:
    """(row, column), 0-based, of cells holding a formula in an .xlsx sheet (read from its XML)."""
    from households.imports.formulas import formula_cells as find

    return find(data, sheet_index)
