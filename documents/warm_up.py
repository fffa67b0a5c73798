"""A made-up document laid out once when a worker starts (config/wsgi.py, ``manage.py worker``).

It goes through the whole document layer, as an officer's first PDF does: the templates
(compiled once by the cached loader), the header rules and appendix widths measured in the
shipped font, the stylesheet read for table padding, WeasyPrint's code paths and fonts. Every
part a real document has is in it (header and closing tables, justified body in regular, bold
and italic, a landscape appendix with a data table that takes fixed widths, its amount in
words), so that first PDF is not the one to pay for loading them.
"""

import datetime

from documents.money import format_vnd, vi_money_words
from documents.official import (
    BASIS,
    BULLET,
    CLAUSE,
    PARAGRAPH,
    SECTION,
    Appendix,
    Block,
    OfficialDocument,
    Signature,
    Table,
)

_TEXT = ("Nội dung khởi động, có **chữ đậm** và *chữ nghiêng*, với các chữ tiếng Việt có dấu: "
         "ắ ằ ẳ ẵ ặ ấ ầ ẩ ẫ ậ ế ề ể ễ ệ ố ồ ổ ỗ ộ ớ ờ ở ỡ ợ ứ ừ ử ữ ự đ Đ - Phòng Văn hóa - Xã hội.")


def warm_up_document() -> OfficialDocument:
    rows = [[str(n), "Hỗ trợ tiền ăn cho đại biểu không hưởng lương", "người", "50", "1",
             format_vnd(100_000), format_vnd(5_000_000)] for n in range(1, 31)]
    rows.append(["", "TỔNG CỘNG", "", "", "", "", format_vnd(150_000_000)])
    table = Table(columns=["STT", "Nội dung chi", "Đơn vị tính", "Số lượng", "Số buổi", "Đơn giá",
                           "Thành tiền"], rows=rows, numeric={3, 4, 5, 6}, bold_rows={len(rows) - 1})
    appendix = Appendix(label="Phụ lục", title="Dự toán kinh phí khởi động",
                        reference="(Kèm theo Kế hoạch số 01/KH-UBND ngày 01 tháng 01 năm 2026)", table=table,
                        after_table=[Block(PARAGRAPH, f"Bằng chữ: {vi_money_words(150_000_000)}./.")],
                        unit_caption="Đơn vị tính: đồng", landscape=True)
    blocks = [Block(BASIS, "Căn cứ văn bản khởi động;"), Block(SECTION, "I. MỤC ĐÍCH, YÊU CẦU"),
              Block(CLAUSE, "1. Mục đích"), *[Block(BULLET, _TEXT) for _ in range(30)],
              Block(PARAGRAPH, _TEXT)]
    return OfficialDocument(
        parent_lines=["ỦY BAN NHÂN DÂN TỈNH KHỞI ĐỘNG"], issuer_lines=["ỦY BAN NHÂN DÂN", "XÃ KHỞI ĐỘNG"],
        type_name="Kế hoạch", type_abbr="KH", issuer_abbr="UBND", place_name="Khởi Động", year=2026,
        title="Khởi động", blocks=blocks, recipients=["UBND tỉnh", "Lưu: VT, VHXH"],
        signature=Signature(["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], signer="Người Ký"),
        number=1, issue_date=datetime.date(2026, 1, 1), appendices=[appendix])
