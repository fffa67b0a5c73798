"""A generated commune household list in the layout of the annual review, for load tests.

Invented people (names from common Vietnamese surnames, middle and given names; ID numbers that
fit their structure), a title block, a merged two-row header, a row of column numbers, a section
row per village, classification ticks, a total row and a signature footer. Seeded, so the same
size gives the same file.
"""

import io
import random

import xlsxwriter

SEED = 20241220
PER_VILLAGE = 120
PROVINCES = ["001", "025", "026", "031", "038", "040", "062", "064", "066", "079", "089", "094"]
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ",
            "Ngô", "Dương", "Lý", "Hà", "Lò", "Giàng", "Sùng", "Vàng", "Bàn", "Triệu", "Đinh", "Quách"]
MIDDLE_M = ["Văn", "Đức", "Hữu", "Minh", "Quang", "Xuân", "Công", "A", "Seo"]
MIDDLE_F = ["Thị", "Ngọc", "Thu", "Thanh", "Kim", "Hồng", "Mỹ", "Thị Thanh"]
GIVEN_M = ["An", "Bình", "Cường", "Dũng", "Đức", "Hải", "Hùng", "Khánh", "Long", "Minh", "Nam", "Phúc", "Quân",
           "Sơn", "Thắng", "Tuấn", "Việt", "Vinh", "Chiến", "Pử", "Páo", "Dình", "Tráng"]
GIVEN_F = ["Anh", "Chi", "Dung", "Hà", "Hoà", "Hòa", "Hương", "Lan", "Linh", "Mai", "Nga", "Nhung", "Oanh",
           "Phương", "Thảo", "Thuỷ", "Trang", "Vân", "Xuân", "Yến", "Mỷ", "Dợ"]
# Surname weights roughly as in the population (Nguyễn about 38 %), so a common name is common.
WEIGHTED_SURNAMES = (["Nguyễn"] * 38 + ["Trần"] * 11 + ["Lê"] * 9 + ["Phạm"] * 7 + ["Hoàng"] * 5 + ["Vũ"] * 4
                     + ["Đặng"] * 2 + ["Bùi"] * 2 + ["Đỗ"] * 2 + ["Hồ"] * 2 + ["Ngô"] * 2 + ["Dương"] * 2
                     + ["Lý", "Hà", "Lò", "Giàng", "Sùng", "Vàng", "Bàn", "Triệu", "Đinh", "Quách"])
ETHNICITIES = ["Kinh"] * 6 + ["Tày", "Thái", "Mường", "Nùng", "H'Mông", "Mông", "Dao", "Hmong", "Ê Đê", "Khơ Mú"]
HEADER_TOP = ["STT", "Mã hộ", "Họ và tên chủ hộ", "Năm sinh", None, "Dân tộc", "Số CCCD/Số định danh",
              "Số nhân khẩu", "Phân loại hộ", None, None, "Ghi chú"]
HEADER_SUB = [None, None, None, "Nam", "Nữ", None, None, None, "Hộ nghèo", "Hộ cận nghèo", "Hộ mới thoát nghèo",
              None]


def person(rng: random.Random, number: int) -> tuple:
    """(name, male, birth year, ID number) of an invented household head; the ID fits its structure."""
    male = rng.random() < 0.62
    name = " ".join([rng.choice(SURNAMES), rng.choice(MIDDLE_M if male else MIDDLE_F),
                     rng.choice(GIVEN_M if male else GIVEN_F)])
    year = rng.randint(1935, 2004)
    digit = (0 if year < 2000 else 2) + (0 if male else 1)
    id_number = f"{rng.choice(PROVINCES)}{digit}{year % 100:02d}{number % 1_000_000:06d}"
    return name, male, year, id_number


def generated_list(rows: int, *, seed: int = SEED) -> bytes:
    """A commune list in the annual review's layout: titles, merged two-row header, villages, ticks, footer."""
    rng = random.Random(seed)
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"constant_memory": True, "in_memory": True})
    sheet = book.add_worksheet("DS ho ngheo")
    bold = book.add_format({"bold": True, "align": "center", "valign": "vcenter", "border": 1, "text_wrap": True})
    sheet.write_string(0, 0, "UBND XÃ THỬ TẢI")
    sheet.write_string(0, 6, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    sheet.merge_range(2, 0, 2, 11, "DANH SÁCH HỘ NGHÈO, HỘ CẬN NGHÈO, HỘ MỚI THOÁT NGHÈO NĂM 2024", bold)
    for col, value in enumerate(HEADER_TOP):
        if col in (0, 1, 2, 5, 6, 7, 11):
            sheet.merge_range(5, col, 6, col, value, bold)
    sheet.merge_range(5, 3, 5, 4, "Năm sinh", bold)
    sheet.merge_range(5, 8, 5, 10, "Phân loại hộ", bold)
    for col, value in enumerate(HEADER_SUB):
        if value:
            sheet.write_string(6, col, value, bold)
    for col in range(12):
        sheet.write_string(7, col, f"({col + 1})")
    line = 8
    for number in range(rows):
        if number % PER_VILLAGE == 0:
            sheet.write_string(line, 0, str(number // PER_VILLAGE + 1))
            sheet.write_string(line, 1, f"Thôn {number // PER_VILLAGE + 1}")
            line += 1
        _data_row(sheet, line, number, rng)
        line += 1
    sheet.write_string(line, 1, "Tổng cộng")
    sheet.write_number(line, 7, rows)
    sheet.write_string(line + 2, 7, "Thử Tải, ngày 20 tháng 12 năm 2024")
    sheet.write_string(line + 3, 1, "NGƯỜI LẬP BIỂU")
    sheet.write_string(line + 3, 7, "TM. ỦY BAN NHÂN DÂN")
    book.close()
    return buffer.getvalue()


def _data_row(sheet, line: int, number: int, rng: random.Random) -> None:
    name, male, year, id_number = person(rng, number)
    sheet.write_number(line, 0, number + 1)
    sheet.write_string(line, 1, f"TT-{number + 1:06d}")
    sheet.write_string(line, 2, name)
    sheet.write_number(line, 3 if male else 4, year)
    sheet.write_string(line, 5, rng.choice(ETHNICITIES))
    if rng.random() < 0.05 and id_number[1] != "0":  # typed as a number: the leading zero is lost
        sheet.write_number(line, 6, int(id_number))
    else:
        sheet.write_string(line, 6, id_number)
    sheet.write_number(line, 7, rng.randint(1, 9))
    sheet.write_string(line, 8 + rng.choices([0, 1, 2], weights=[5, 4, 1])[0], "x")
