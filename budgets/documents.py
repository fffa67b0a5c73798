"""The estimate as an appendix (phụ biểu) of a plan's PDF and DOCX."""

from budgets.checks import signed_vnd, stated_total_conflicts
from budgets.models import Estimate
from budgets.tables import EstimateTable, estimate_table, number_text
from documents.money import format_vnd
from documents.official import PARAGRAPH, Appendix, Block, Table
from vntext import search_key

COLUMNS = ["STT", "Nội dung chi", "Đơn vị tính", "Số lượng", "Số ngày/buổi", "Định mức/Đơn giá",
           "Thành tiền", "Căn cứ/Ghi chú"]
WEIGHTS = [0.8, 6.0, 1.6, 1.4, 1.4, 2.0, 2.4, 3.6]


def appendix_title(estimate: Estimate) -> str:
    title = estimate.title.strip()
    if search_key(title).startswith("du toan"):
        return title.upper()
    return f"DỰ TOÁN KINH PHÍ {title.upper()}"


def appendix_rows(table: EstimateTable) -> tuple[list[list[str]], set[int]]:
    """Rows in đồng: a bold group row with its subtotal, numbered lines, a bold grand total."""
    rows, bold = [], set()
    for group in table.groups:
        bold.add(len(rows))
        rows.append([group.numeral, group.group.title, "", "", "", "", format_vnd(group.subtotal), ""])
        for number, line in enumerate(group.lines, start=1):
            rows.append([str(number), line.content, line.unit_of_measure, number_text(line.quantity),
                         number_text(line.days), format_vnd(line.unit_price),
                         format_vnd(line.amount), line.note])
    bold.add(len(rows))
    rows.append(["", "TỔNG CỘNG", "", "", "", "", format_vnd(table.total), ""])
    return rows, bold


def stated_blocks(estimate: Estimate) -> list[Block]:
    """One paragraph per stated total that differs from its parts: both figures and the difference."""
    blocks = []
    for conflict in stated_total_conflicts(estimate):
        stated = conflict.stated
        text = (f"Ghi chú: {conflict.label}: tổng ghi trong {stated.source or 'văn bản'} "
                f"{format_vnd(stated.amount)} đồng; tổng các khoản {format_vnd(conflict.parts)} đồng; "
                f"chênh lệch {signed_vnd(conflict.difference)} đồng")
        blocks.append(Block(PARAGRAPH, text + (f" (giữ chênh lệch: {stated.kept_reason})." if conflict.kept
                                               else " (chưa xử lý).")))
    return blocks


def estimate_appendix(estimate: Estimate, *, reference: str, label: str = "Phụ biểu") -> Appendix:
    """A landscape appendix in đồng with the same numbers as the page and the spreadsheet."""
    table = estimate_table(estimate)
    rows, bold = appendix_rows(table)
    return Appendix(
        label=label,
        title=appendix_title(estimate),
        reference=reference,
        table=Table(columns=COLUMNS, rows=rows, numeric={3, 4, 5, 6}, bold_rows=bold,
                    weights=WEIGHTS),
        after_table=[Block(PARAGRAPH, f"Bằng chữ: {table.words}./.")] + stated_blocks(estimate),
        unit_caption="Đơn vị tính: đồng",
        landscape=True,
    )
