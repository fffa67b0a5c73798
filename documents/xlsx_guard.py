"""Safety checks on an uploaded .xlsx before any spreadsheet library opens it.

An .xlsx is a zip archive: a small file can inflate to gigabytes (a zip bomb). The archive's
directory gives every member's sizes without inflating anything, so measure it first.
"""

import io
import zipfile

ZIP_MAGIC = b"PK\x03\x04"
MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_RATIO = 100
MAX_ENTRIES = 2000


class UnsafeSpreadsheet(ValueError):
    """The file is refused before reading; the message says why, in Vietnamese."""


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".replace(".", ",") + " MB"


def check_xlsx(name: str, data: bytes) -> None:
    """Refuse a file that is not a real .xlsx archive or that would inflate abnormally."""
    if not data.startswith(ZIP_MAGIC):
        raise UnsafeSpreadsheet(f"Tệp «{name}» không phải tệp Excel .xlsx thật "
                                "(có thể là tệp khác bị đổi đuôi, hoặc có đặt mật khẩu).")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except zipfile.BadZipFile:
        raise UnsafeSpreadsheet(f"Tệp «{name}» bị hỏng, không mở được như tệp .xlsx.") from None
    total = sum(info.file_size for info in infos)
    packed = sum(info.compress_size for info in infos) or 1
    if len(infos) > MAX_ENTRIES or total > MAX_UNCOMPRESSED or total / packed > MAX_RATIO:
        raise UnsafeSpreadsheet(f"Tệp «{name}» giải nén ra {_mb(total)} (nén {total / packed:.0f} "
                                "lần): bất thường với một bảng tính, có thể là tệp độc hại; "
                                "không đọc tệp này.")
    if "xl/workbook.xml" not in {info.filename for info in infos}:
        raise UnsafeSpreadsheet(f"Tệp «{name}» là tệp nén nhưng không phải bảng tính Excel.")
