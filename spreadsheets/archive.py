"""What an upload is, judged from its bytes before any spreadsheet library opens it.

An .xlsx is a zip archive: a small file can inflate to gigabytes (a zip bomb). The archive's
directory gives every member's sizes without inflating anything, so it is measured first. An
encrypted .xlsx and an .xls are OLE compound files, whatever their name says. A member is then
read straight from the upload's bytes (:func:`member_opener`) for the guards that scan its XML.
"""

import functools
import io
import struct
import zipfile
import zlib
from collections.abc import Callable
from typing import IO

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_RATIO = 100
MAX_ENTRIES = 2000
KIND_NAMES = {("xlsx",): ".xlsx", ("xlsx", "xls"): ".xlsx hoặc .xls"}


# The upload field's own refusals, before the bytes are looked at (Django's «Tập tin được gửi là rỗng.»
# and «Không có tập tin nào được gửi.» say it in other words than the imports' messages).
UPLOAD_ERRORS = {
    "required": "Hãy chọn tệp Excel để tải lên.",
    "missing": "Không nhận được tệp; hãy chọn lại tệp Excel rồi tải lên.",
    "empty": "Tệp tải lên rỗng (0 byte): hãy mở tệp bằng Excel, kiểm tra có dữ liệu, lưu lại rồi tải lên.",
    "invalid": "Không nhận được tệp; hãy chọn lại tệp Excel rồi tải lên.",
}


class SpreadsheetProblem(ValueError):
    """The file, or one of its sheets, is refused; the message says why, in Vietnamese."""


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".replace(".", ",") + " MB"


def check_size(name: str, size: int, limit: int) -> None:
    """Refuse a file larger than ``limit`` bytes, before it is read."""
    if size > limit:
        raise SpreadsheetProblem(f"Tệp «{name}» nặng {_mb(size)}, vượt giới hạn {_mb(limit)}. Hãy tách thành "
                                 "nhiều tệp (ví dụ theo thôn) hoặc xóa các trang tính không cần thiết.")


def check_file(name: str, data: bytes, *, kinds: tuple[str, ...] = ("xlsx", "xls"),
               max_bytes: int | None = None) -> str:
    """Refuse anything that is not a real workbook of one of ``kinds`` (by its name and its bytes)
    or that would inflate abnormally; return its kind ("xlsx" or "xls")."""
    lower = name.lower()
    if max_bytes is not None:
        check_size(name, len(data), max_bytes)
    if not data:
        raise SpreadsheetProblem(f"Tệp «{name}» rỗng (0 byte).")
    if lower.endswith((".csv", ".txt")):
        raise SpreadsheetProblem(f"Tệp «{name}» là tệp văn bản (CSV), không phải tệp Excel; hãy mở bằng Excel "
                                 "rồi lưu lại dạng .xlsx.")
    kind = lower.rpartition(".")[2]
    if kind not in kinds:
        raise SpreadsheetProblem(f"Tệp «{name}» không phải tệp Excel ({KIND_NAMES.get(kinds, '.xlsx')}).")
    check_content(name, data, kind)
    return kind


def check_content(name: str, data: bytes, kind: str = "xlsx") -> None:
    """Refuse bytes that are not what a workbook of ``kind`` holds: an .xls renamed .xlsx, an
    encrypted workbook, any other file renamed, a zip bomb (see :func:`check_archive`)."""
    if kind == "xls":
        if not data.startswith(OLE_MAGIC):
            raise SpreadsheetProblem(f"Tệp «{name}» không phải tệp Excel 97–2003 thật (có thể là tệp khác bị "
                                     "đổi đuôi).")
        return
    if not data:
        raise SpreadsheetProblem(f"Tệp «{name}» rỗng (0 byte).")
    if data.startswith(OLE_MAGIC):
        raise SpreadsheetProblem(f"Tệp «{name}» có đặt mật khẩu hoặc là tệp .xls đổi tên; hãy mở bằng Excel, "
                                 "bỏ mật khẩu và lưu lại dạng .xlsx.")
    if not data.startswith(ZIP_MAGIC):
        raise SpreadsheetProblem(f"Tệp «{name}» không phải tệp Excel thật (có thể là tệp khác bị đổi đuôi).")
    check_archive(name, data)


def check_archive(name: str, data: bytes) -> None:
    """Measure the archive from its directory, inflating nothing: refuse a zip bomb, too many
    members, or an archive that holds no workbook."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except zipfile.BadZipFile:
        raise SpreadsheetProblem(f"Tệp «{name}» bị hỏng, không mở được như tệp .xlsx.") from None
    total = sum(info.file_size for info in infos)
    packed = sum(info.compress_size for info in infos) or 1
    if len(infos) > MAX_ENTRIES or total > MAX_UNCOMPRESSED or total / packed > MAX_RATIO:
        raise SpreadsheetProblem(f"Tệp «{name}» giải nén ra {_mb(total)} (nén {total / packed:.0f} lần): bất "
                                 "thường với một bảng tính, có thể là tệp độc hại; không đọc tệp này.")
    if "xl/workbook.xml" not in {info.filename for info in infos}:
        raise SpreadsheetProblem(f"Tệp «{name}» là tệp nén nhưng không phải bảng tính Excel.")


class Member:
    """A member of the archive inflated straight from the upload's bytes, block by block, as
    ``zipfile`` does without its per-read bookkeeping and checksum (the reader checks the
    checksum when it inflates the same member). Every byte the member inflates to is handed
    out, whatever size the archive declares, up to that size: a member that inflates to more
    is refused."""

    def __init__(self, data: memoryview, info: zipfile.ZipInfo):
        start = info.header_offset
        if data[start:start + 4] != b"PK\x03\x04":
            raise zipfile.BadZipFile(f"no local header for {info.filename}")
        name_length, extra_length = struct.unpack_from("<HH", data, start + 26)
        begin = start + 30 + name_length + extra_length
        self.raw = data[begin:begin + info.compress_size]
        self.left = info.file_size
        self.inflater = zlib.decompressobj(-zlib.MAX_WBITS) if info.compress_type == zipfile.ZIP_DEFLATED else None

    def read(self, size: int) -> bytes:
        if self.inflater is None:
            block, self.raw = bytes(self.raw[:size]), self.raw[size:]
        else:
            block = self.inflater.decompress(self.raw, size)
            self.raw = self.inflater.unconsumed_tail
        self.left -= len(block)
        if self.left < 0:
            raise SpreadsheetProblem("Tệp bị hỏng: một phần của tệp giải nén ra nhiều hơn kích thước ghi trong "
                                     "tệp; hãy mở bằng Excel, lưu lại rồi tải lên.")
        return block

    def __enter__(self) -> "Member":
        return self

    def __exit__(self, *exc) -> None:
        self.raw = b""


def member_opener(data: memoryview, archive: zipfile.ZipFile, path: str) -> Callable[[], IO[bytes]]:
    """What opens the member at ``path``: :class:`Member` for a plain stored or deflated member,
    ``zipfile`` for any other (encrypted, another compression)."""
    info = archive.NameToInfo[path]
    if info.flag_bits & 1 or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        return functools.partial(archive.open, path)
    return functools.partial(Member, data, info)
