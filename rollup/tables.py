"""The roll-up's tables, built once from the figures and read by all three outputs: the page
shows them, the report puts each in an appendix, the workbook gives each a sheet. A cell is an
int (a count or an amount in đồng) or text; each output only formats it."""

from dataclasses import dataclass
from functools import cached_property

from dialogues.models import PetitionStatus
from documents.money import format_vnd
from rollup.figures import Rollup


@dataclass
class RollupTable:
    label: str  # "Phụ lục I"
    title: str
    columns: list[str]
    rows: list[list]
    weights: list[float]
    unit_caption: str = ""

    @cached_property
    def numeric(self) -> set[int]:
        """Columns of counts or amounts (right-aligned); the STT column is not one."""
        return {i for i in range(1, len(self.columns)) if any(isinstance(r[i], int) for r in self.rows)}

    @cached_property
    def bold_rows(self) -> set[int]:
        return {i for i, row in enumerate(self.rows) if row[1] == "Tổng cộng" or row[0] in ("A", "B", "C")}

    def text_rows(self) -> list[list[str]]:
        return [[cell_text(cell) for cell in row] for row in self.rows]

    @cached_property
    def shown_rows(self) -> list[tuple[bool, list[tuple[str, bool]]]]:
        """(bold, [(text, right-aligned)]) per row, for the page."""
        numeric, bold = self.numeric, self.bold_rows
        return [(i in bold, [(text, col in numeric) for col, text in enumerate(row)])
                for i, row in enumerate(self.text_rows())]

    @cached_property
    def shown_columns(self) -> list[tuple[str, bool]]:
        return [(name, col in self.numeric) for col, name in enumerate(self.columns)]


def cell_text(cell) -> str:
    return format_vnd(cell) if isinstance(cell, int) else str(cell)


def sessions_table(r: Rollup) -> RollupTable:
    rows = [[i, c.name, c.planned, c.held, c.target, c.present, c.women, c.minority, c.first_time, c.petitions,
             c.on_time_rate] for i, c in enumerate(r.communes, start=1)]
    rows.append(["", "Tổng cộng", r.planned, r.held, r.target, r.present, r.women, r.minority, r.first_time,
                 r.petitions, r.on_time_rate])
    return RollupTable("Phụ lục I", "HỘI NGHỊ ĐỐI THOẠI VÀ NGƯỜI DÂN THAM DỰ THEO XÃ",
                       ["STT", "Xã", "Kế hoạch", "Đã tổ chức", "Dự kiến (người)", "Có mặt", "Nữ", "DTTS",
                        "Lần đầu", "Ý kiến", "Trả lời đúng hạn"], rows,
                       [1, 5, 1.6, 1.6, 1.8, 1.6, 1.4, 1.4, 1.6, 1.4, 2])


def people_table(r: Rollup) -> RollupTable:
    rows = [["A", "Theo giới tính", "", ""], [1, "Nữ", r.women, r.share(r.women)],
            [2, "Nam", r.men, r.share(r.men)]]
    if r.gender_unknown:
        rows.append([3, "Chưa ghi giới tính", r.gender_unknown, r.share(r.gender_unknown)])
    rows.append(["B", "Theo dân tộc", "", ""])
    rows += [[i, name, n, r.share(n)] for i, (name, n) in enumerate(r.by_ethnicity, start=1)]
    rows.append(["C", "Theo loại hộ", "", ""])
    rows += [[i, name, n, r.share(n)] for i, (name, n) in enumerate(r.by_class, start=1)]
    rows.append(["", "Tổng cộng", r.present, "100%" if r.present else "0%"])
    return RollupTable("Phụ lục II", "NGƯỜI DÂN THAM DỰ THEO GIỚI TÍNH, DÂN TỘC VÀ LOẠI HỘ",
                       ["STT", "Nhóm", "Số người", "Tỷ lệ"], rows, [1, 6, 2, 2])


def petitions_table(r: Rollup) -> RollupTable:
    statuses = [label for _, label in PetitionStatus.choices]
    rows = [[i, label, *counts, sum(counts)] for i, (label, counts) in enumerate(r.field_status, start=1)]
    totals = [sum(counts[k] for _, counts in r.field_status) for k in range(len(statuses))]
    rows.append(["", "Tổng cộng", *totals, r.petitions])
    return RollupTable("Phụ lục III", "Ý KIẾN, KIẾN NGHỊ THEO LĨNH VỰC VÀ TÌNH TRẠNG",
                       ["STT", "Lĩnh vực", *statuses, "Cộng"], rows, [1, 4] + [2.2] * len(statuses) + [1.6])


def budget_table(r: Rollup) -> RollupTable:
    rows = [[i, b.component, b.source, b.allocated, b.estimated, b.disbursed]
            for i, b in enumerate(r.budget, start=1)]
    t = r.budget_total
    rows.append(["", "Tổng cộng", "", t.allocated, t.estimated, t.disbursed])
    return RollupTable("Phụ lục IV", "KINH PHÍ THEO DỰ ÁN VÀ NGUỒN VỐN",
                       ["STT", "Dự án", "Nguồn vốn", "Được giao", "Dự toán", "Đã giải ngân"], rows,
                       [1, 6, 4, 3, 3, 3], unit_caption="Đơn vị tính: đồng")


def all_tables(r: Rollup) -> list[RollupTable]:
    return [sessions_table(r), people_table(r), petitions_table(r), budget_table(r)]
