"""Commune lists in the layout communes really keep, of any length, with problem rows planted in them.

The layout: a title block, a two-row merged header with Nam/Nữ birth-year columns and tick columns
for the class, a row of column numbers, village section rows («Thôn Nà Pồng»), a totals row «Cộng»,
a signature footer, and extra sheets before and after the list.
"""

import datetime
from dataclasses import dataclass, field

import openpyxl

from tests.households.workbooks import save

HEADER_TOP = ["STT", "Mã hộ", "Họ và tên chủ hộ", "Năm sinh", None, "Dân tộc", "Số CCCD/Số định danh",
              "Số nhân khẩu", "Phân loại hộ", None, None, "Ghi chú"]
HEADER_SUB = [None, None, None, "Nam", "Nữ", None, None, None, "Hộ nghèo", "Hộ cận nghèo",
              "Hộ mới thoát nghèo", None]
VILLAGES = ["Thôn Nà Pồng", "Thôn Khuổi Hẩu", "Bản Pác Ngòi", "Thôn Bó Lù"]
FAMILY = ["Nguyễn", "Hoàng", "Nông", "Lò", "Triệu", "Ma", "Hà", "Lục", "Bế", "Đinh"]
MIDDLE = ["Văn", "Thị", "Đức", "Thị Minh", "Văn Hải"]
GIVEN = ["An", "Bình", "Chiến", "Dung", "Giang", "Hòa", "Khánh", "Lan", "Mai", "Nam", "Phúc", "Quế",
         "Sơn", "Thắm", "Uyên", "Vinh", "Xuân", "Yến"]
ETHNIC = ["Tày", "Nùng", "Dao", "Kinh", "H'Mông"]
# Problems that leave the household imported (with a note, a warning or one field left empty) ...
KEPT = ("id_chua_co", "id_dash", "id_chua_cap", "id_kc", "code_date_cell", "code_date_text", "ethnic_na",
        "ethnic_two", "young_head", "year_words", "members_words", "both_birth_columns")
# ... and those a household cannot be imported with.
NOT_IMPORTED = ("no_name", "digits_in_name", "repeated_code")


@dataclass
class Household:
    number: int
    code: object
    name: str
    male: bool
    born: object
    ethnicity: str
    id_cell: object
    members: object
    tick: int  # 0 poor, 1 near-poor, 2 newly escaped
    note: str = ""
    problem: str = ""
    other_year: object = None  # a birth year written in the other gender's column too


@dataclass
class RealList:
    """The households by village, and which of them carry which problem."""

    villages: dict[str, list[Household]] = field(default_factory=dict)

    @property
    def households(self) -> list[Household]:
        return [h for rows in self.villages.values() for h in rows]

    def with_problem(self, *kinds) -> list[Household]:
        return [h for h in self.households if h.problem in kinds]


def id_number(number: int, male: bool, born: int) -> str:
    return f"025{0 if male else 1}{born % 100:02d}{number:06d}"


def households(count: int, *, problems: dict[int, str] | None = None, year: int = 2024) -> RealList:
    """``count`` households spread over four villages; ``problems`` plants a problem at a position."""
    problems = problems or {}
    result = RealList({village: [] for village in VILLAGES})
    for index in range(count):
        male = index % 3 != 1
        born = 1950 + index % 45
        name = (f"{FAMILY[index % len(FAMILY)]} {'Văn' if male else 'Thị'} "
                f"{MIDDLE[index // 10 % len(MIDDLE)].split()[-1]} {GIVEN[index % len(GIVEN)]}"
                f" {GIVEN[index // len(GIVEN) % len(GIVEN)]}")
        house = Household(index + 1, f"NP-{index + 1:05d}", name, male, born, ETHNIC[index % len(ETHNIC)],
                          id_number(index + 1, male, born), 2 + index % 5, index % 3)
        if index in problems:
            plant(house, problems[index], year=year)
        result.villages[VILLAGES[index * len(VILLAGES) // max(count, 1)]].append(house)
    return result


def plant(house: Household, problem: str, *, year: int) -> None:
    """Give a household's cells one problem as offices' files have them."""
    house.problem = problem
    match problem:
        case "id_chua_co":
            house.id_cell = "Chưa có"
        case "id_dash":
            house.id_cell = "-"
        case "id_chua_cap":
            house.id_cell = "chưa cấp"
        case "id_kc":
            house.id_cell = "KC"
        case "code_date_cell":
            house.code = datetime.datetime(2024, 12, 3)
        case "code_date_text":
            house.code = "03/12/2024"
        case "ethnic_na":
            house.ethnicity = "#N/A"
        case "ethnic_two":
            house.ethnicity = "Kinh, Tày"
        case "young_head":
            house.born = year - 10
            house.id_cell = f"025{2 if house.male else 3}{house.born % 100:02d}{house.number:06d}"
        case "year_words":
            house.born = "năm tám mươi"
        case "members_words":
            house.members = "ba người"
        case "both_birth_columns":
            house.other_year = house.born
        case "no_name":
            house.name = ""
        case "digits_in_name":
            house.name = house.name.rsplit(" ", 1)[0] + " 3"
        case "repeated_code":
            house.code = "NP-00001"
        case _:
            raise ValueError(problem)


def spread(count: int, kinds: tuple[str, ...], every: int, *, start: int = 2) -> dict[int, str]:
    """Problems at every ``every``-th position from ``start``, the kinds in turn."""
    return {position: kinds[n % len(kinds)] for n, position in enumerate(range(start, count, every))}


def real_list(data: RealList, *, year: int = 2024, commune: str = "XÃ NÀ PHẶC") -> bytes:
    """The workbook: a guidance sheet first, then the list, then a summary sheet."""
    wb = openpyxl.Workbook()
    guide = wb.active
    guide.title = "Hướng dẫn"
    guide["A1"] = "Hướng dẫn ghi phiếu: đánh dấu x vào cột phân loại; ghi năm sinh ở cột Nam hoặc Nữ."
    ws = wb.create_sheet("DS hộ nghèo")
    ws["A1"] = f"UBND {commune}"
    ws["G1"] = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    ws["G2"] = "Độc lập - Tự do - Hạnh phúc"
    ws["A3"] = f"DANH SÁCH HỘ NGHÈO, HỘ CẬN NGHÈO, HỘ MỚI THOÁT NGHÈO NĂM {year}"
    ws.merge_cells("A3:L3")
    ws["A4"] = f"(Kèm theo Quyết định số 125/QĐ-UBND ngày 20/12/{year} của UBND xã)"
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
    line = 9
    for village, rows in data.villages.items():
        if not rows:
            continue
        ws.cell(line, 1, village)
        ws.merge_cells(start_row=line, start_column=1, end_row=line, end_column=12)
        line += 1
        for house in rows:
            _write_household(ws, line, house)
            line += 1
    ws.cell(line, 1, "Cộng")
    ws.cell(line, 3, f"{len(data.households)} hộ")
    ws.cell(line, 8, f"=SUM(H10:H{line - 1})")
    line += 2
    ws.cell(line, 8, f"Nà Phặc, ngày 20 tháng 12 năm {year}")
    ws.cell(line + 1, 2, "NGƯỜI LẬP BIỂU")
    ws.cell(line + 1, 8, "TM. ỦY BAN NHÂN DÂN")
    ws.cell(line + 2, 8, "CHỦ TỊCH")
    summary = wb.create_sheet("Tổng hợp")
    summary.append(["Thôn", "Số hộ"])
    for village, rows in data.villages.items():
        summary.append([village, len(rows)])
    return save(wb)


def _write_household(ws, line: int, house: Household) -> None:
    born_male = house.born if house.male else house.other_year
    born_female = house.other_year if house.male else house.born
    values = [house.number, house.code, house.name or None, born_male, born_female, house.ethnicity,
              house.id_cell, house.members, None, None, None, house.note or None]
    values[8 + house.tick] = "x"
    for col, value in enumerate(values, start=1):
        cell = ws.cell(line, col, value)
        if col == 7 and isinstance(value, str):
            cell.data_type = "s"
