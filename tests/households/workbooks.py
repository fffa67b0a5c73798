"""Commune household lists as communes really send them, built with openpyxl for the tests."""

import io
import unicodedata
import zipfile

import openpyxl

HEADER_TOP = ["STT", "Mã hộ", "Họ và tên chủ hộ", "Năm sinh", None, "Dân tộc", "Số CCCD/Số định danh",
              "Số nhân khẩu", "Phân loại hộ", None, None, "Ghi chú"]
HEADER_SUB = [None, None, None, "Nam", "Nữ", None, None, None, "Hộ nghèo", "Hộ cận nghèo",
              "Hộ mới thoát nghèo", None]


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


# (code, name, male?, birth year, ethnicity, ID cell, members, class tick column 0/1/2)
REALISTIC_ROWS = {
    "Thôn Đồng Xuân": [
        ("HH-001", "Nguyễn Văn An", True, 1975, "Kinh", "025075001234", 4, 0),
        ("HH-002", nfd("Hà Thị Hoà"), False, 1982, "Mường", 25182004321, 3, 1),
        ("HH-003", "Đặng Văn Lục", True, 1968, "Dao", "025068009999", 5, 2),
    ],
    "Thôn Cả": [
        ("HH-004", "Bàn Thị Thuỷ", False, 1990, "Dao", "025190001111", 2, 0),
        ("HH-005", nfd("Lò Văn Đức"), True, 1959, "H'Mông", "025059002222", 6, 1),
    ],
}


def realistic_list(rows=None, *, year: int = 2024) -> bytes:
    """Title rows, merged two-row header, column numbers, village sections, ticks, totals, footer."""
    rows = REALISTIC_ROWS if rows is None else rows
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "DS ho ngheo"
    ws["A1"] = "UBND XÃ HẠ HÒA"
    ws["G1"] = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    ws["A3"] = f"DANH SÁCH HỘ NGHÈO, HỘ CẬN NGHÈO, HỘ MỚI THOÁT NGHÈO NĂM {year}"
    ws.merge_cells("A3:L3")
    ws["A4"] = "(Kèm theo Quyết định số 125/QĐ-UBND ngày 20/12/2024)"
    ws.merge_cells("A4:L4")
    for col, value in enumerate(HEADER_TOP, start=1):
        ws.cell(6, col, value)
    for col, value in enumerate(HEADER_SUB, start=1):
        ws.cell(7, col, value)
    for letter in "ABCFGHL":
        ws.merge_cells(f"{letter}6:{letter}7")
    ws.merge_cells("D6:E6")
    ws.merge_cells("I6:K6")
    for col in range(1, 13):
        ws.cell(8, col, f"({col})")
    line, number = 9, 0
    for section, (village, households) in enumerate(rows.items(), start=1):
        ws.cell(line, 1, ["I", "II", "III", "IV"][section - 1])
        ws.cell(line, 2, village)
        ws.merge_cells(start_row=line, start_column=2, end_row=line, end_column=12)
        line += 1
        for code, name, male, year_born, ethnicity, id_cell, members, tick in households:
            number += 1
            values = [number, code, name, year_born if male else None, None if male else year_born,
                      ethnicity, id_cell, members, None, None, None, None]
            values[8 + tick] = "x"
            for col, value in enumerate(values, start=1):
                ws.cell(line, col, value)
            line += 1
    ws.cell(line, 2, "Tổng cộng")
    ws.cell(line, 8, f"=SUM(H10:H{line - 1})")
    line += 2
    ws.cell(line, 8, "Hạ Hòa, ngày 20 tháng 12 năm 2024")
    ws.cell(line + 1, 2, "NGƯỜI LẬP BIỂU")
    ws.cell(line + 1, 8, "TM. ỦY BAN NHÂN DÂN")
    ws.cell(line + 2, 8, "CHỦ TỊCH")
    return save(wb)


class Text(str):
    """A cell written as text even when it starts with "=" (formula-looking text)."""


def simple_list(rows: list[list], *, header=None) -> bytes:
    """One header row and the given rows, for focused tests."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(header or ["Mã hộ", "Họ và tên chủ hộ", "Giới tính", "Năm sinh", "Dân tộc", "Số định danh",
                         "Thôn", "Số nhân khẩu", "Phân loại"])
    for row in rows:
        ws.append(row)
        for cell, value in zip(ws[ws.max_row], row, strict=False):
            if isinstance(value, Text):
                cell.data_type = "s"
    return save(wb)


def save(wb) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def with_cells(data: bytes, cells: dict[str, object]) -> bytes:
    """The workbook with these cells of its first sheet set, as a slip of the hand in Excel sets
    them ("XFD1048576": " ", say: a space typed far away)."""
    wb = openpyxl.load_workbook(io.BytesIO(data))
    for ref, value in cells.items():
        wb.worksheets[0][ref] = value
    return save(wb)


def edit_sheet_xml(data: bytes, edit, *, part: str = "xl/worksheets/sheet1.xml") -> bytes:
    """The workbook with the XML of its first sheet (or another ``part``) passed through ``edit``
    (bytes to bytes), every other part copied as it is: for files no spreadsheet program would
    write, as hostile files are."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            target.writestr(info.filename, edit(content) if info.filename == part else content)
    return out.getvalue()
