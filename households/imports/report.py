"""The row-by-row import report as a spreadsheet the officer can fix the file from."""

from documents.downloads import XLSX, Download
from households.idnumber import mask_in_text
from households.sheets import write_table

OUTCOME_LABELS = {
    "new": "Tạo mới", "update": "Cập nhật", "unchanged": "Không thay đổi", "fixed": "Đã sửa (có ghi chú)",
    "warning": "Cảnh báo", "rejected": "Từ chối", "skipped": "Bỏ qua",
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
    totals = ", ".join(f"{OUTCOME_LABELS[k].lower()}: {v}" for k, v in batch.totals.items() if v)
    content = write_table(
        sheet_name="Báo cáo nhập",
        title_lines=[f"BÁO CÁO NHẬP TỆP «{batch.filename}»",
                     f"{batch.commune.name}, năm rà soát {batch.year}; trạng thái: {batch.get_status_display()}",
                     f"Tổng hợp: {totals}"],
        header_rows=[["Dòng trong tệp", "Kết quả", "Thao tác", "Mã hộ", "Họ và tên chủ hộ", "Thôn", "Ghi chú"]],
        rows=report_rows(batch, full_ids=full_ids), widths={1: 18, 2: 14, 4: 28, 5: 20, 6: 80},
    )
    return Download(f"bao-cao-nhap-{batch.pk}.xlsx", XLSX, content)
