"""The row-by-row import report, and the rows not imported, as spreadsheets the officer can fix the file from."""

import datetime

from households.idnumber import mask_in_text
from households.imports.workbook import read_sheets
from households.sheets import safe_text, write_table
from web.downloads import XLSX, Download

REASON = "Lý do"

OUTCOME_LABELS = {
    "new": "Tạo mới", "update": "Cập nhật", "unchanged": "Không thay đổi", "fixed": "Nhập, có ghi chú sửa",
    "warning": "Nhập, có cảnh báo", "emptied": "Nhập, để trống ô sai", "rejected": "Chưa nhập",
    "skipped": "Bỏ qua",
}
ACTION_LABELS = {"new": "tạo mới", "update": "cập nhật", "unchanged": "không thay đổi"}


def report_rows(batch, *, full_ids: bool = False):
    """One line per row of the file: its number, outcome, what will be/was done, and why; without
    ``full_ids``, every ID number the name, village or note quotes is masked."""
    shown = str if full_ids else mask_in_text
    for item in batch.rows:
        yield [item["row"], OUTCOME_LABELS.get(item["outcome"], item["outcome"]),
               ACTION_LABELS.get(item["action"], ""), item["code"], shown(item["name"]), shown(item["village"]),
               shown(item["message"])]


def report_xlsx(batch, *, full_ids: bool = False) -> Download:
    """The report of a batch as .xlsx, formula-safe (names and notes are written as text), ID numbers
    masked unless ``full_ids``."""
    totals = ", ".join(f"{OUTCOME_LABELS[k].lower()}: {v}" for k, v in batch.totals.items()
                       if v and k in OUTCOME_LABELS)
    content = write_table(
        sheet_name="Báo cáo nhập",
        title_lines=[f"BÁO CÁO NHẬP TỆP «{batch.filename}»",
                     f"{batch.commune.name}, năm rà soát {batch.year}; trạng thái: {batch.get_status_display()}",
                     f"Tổng hợp: {totals}"],
        header_rows=[["Dòng trong tệp", "Kết quả", "Thao tác", "Mã hộ", "Họ và tên chủ hộ", "Thôn", "Ghi chú"]],
        rows=report_rows(batch, full_ids=full_ids), widths={1: 18, 2: 14, 4: 28, 5: 20, 6: 80},
    )
    return Download(f"bao-cao-nhap-{batch.pk}.xlsx", XLSX, content)


def pending_extract(filename: str, data: bytes, plan) -> dict:
    """The rows of ``plan`` that are not imported, with their cells as in the file, the header rows
    above them (and their merges) and the village title row each one sat under; {} when none.

    Stored with the batch (the file itself is dropped once written), so the officer can download
    just those rows, correct them and upload them again.
    """
    if not plan.pending:
        return {}
    kept = dict(zip((r for r, _section, _reason in plan.pending), plan.grid, strict=True))
    if any(cells is None for cells in kept.values()):
        # A row refused while matching (a repeated code, say) had its cells let go: read them again.
        grid = next(read_sheets(filename, data, only=plan.sheet_index))[2]
        kept = {row: grid[row - 1] for row in kept}
    first, last = plan.header_rows[0] - 1, plan.header_rows[1] - 1
    header = [[_plain(v) for v in plan.header_cells[r]] for r in range(len(plan.header_cells))]
    header_merges = [[r0 - first, c0, r1 - first, c1] for (r0, c0), (r1, c1) in plan.merges
                     if first <= r0 and r1 <= last and (r1 > r0 or c1 > c0)]
    sections, rows = {}, []
    for row, section, reason in plan.pending:
        if section is not None and str(section) not in sections:
            sections[str(section)] = [_plain(v) for v in plan.section_cells.get(section, ())]
        rows.append([row, section, reason, [_plain(v) for v in kept[row]]])
    return {"header": header, "merges": header_merges, "sections": sections, "rows": rows}


def _plain(value):
    """A cell as JSON can hold it: a date as «dd/mm/yyyy» text, a whole float as an int."""
    if isinstance(value, datetime.date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, datetime.timedelta):
        return str(value)
    return value


def pending_xlsx(batch) -> Download:
    """The rows not imported, in the original columns with a «Lý do» column added: a file the
    officer corrects and uploads again (the import recognises its header and merges it)."""
    extract = batch.pending
    width = max(len(r) for r in extract["header"])
    header = [[safe_text(v) if v not in (None, "") else "" for v in row] + [""] * (width - len(row))
              for row in extract["header"]]
    header[0].append(REASON)
    merges = [(r0, c0, r1, c1, header[r0][c0]) for r0, c0, r1, c1 in extract["merges"]]
    if len(header) > 1:
        merges.append((0, width, len(header) - 1, width, REASON))

    def rows():
        shown_section = None
        for row, section, reason, cells in extract["rows"]:
            if section is not None and section != shown_section:
                shown_section = section
                yield extract["sections"][str(section)]
            yield [*cells, *[""] * (width - len(cells)), f"Dòng {row} của tệp gốc: {reason}"]

    content = write_table(sheet_name="Dòng chưa nhập", title_lines=[
        f"CÁC DÒNG CHƯA NHẬP CỦA TỆP «{batch.filename}» ({batch.commune.name}, năm {batch.year})",
        "Sửa các ô theo cột «Lý do» rồi tải tệp này lên lại; các hộ đã nhập không bị nhập trùng."],
        header_rows=header, rows=rows(), merges=merges, widths={width: 60})
    return Download(f"dong-chua-nhap-{batch.pk}.xlsx", XLSX, content)
