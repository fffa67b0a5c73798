"""A sample plan that shows the whole Decree 30 layout, for administrators to check the output.

The text follows seed 000 (UBND huyện Hạ Hoà, 2023), with the seed's errors corrected.
"""

import datetime

from documents.money import format_vnd, vi_money_words
from documents.numbering import number_blocks, roman
from documents.official import (
    BASIS,
    BULLET,
    CLAUSE,
    PARAGRAPH,
    POINT,
    SECTION,
    Appendix,
    Block,
    OfficialDocument,
    Signature,
    Table,
)

SAMPLE_TITLE = (
    "Tổ chức Hội nghị đối thoại chính sách về thực hiện Chương trình mục tiêu quốc gia "
    "giảm nghèo bền vững năm {year}"
)
# (content, unit, quantity, sessions, unit price) for one dialogue conference.
SAMPLE_LINES = [
    ("Hỗ trợ tiền ăn cho đại biểu không hưởng lương", "người", 50, 1, 100_000),
    ("Nước uống cho đại biểu", "người", 60, 1, 40_000),
    ("Tài liệu, văn phòng phẩm", "bộ", 60, 1, 20_000),
    ("Thuê hội trường, âm thanh, khánh tiết", "buổi", 1, 1, 3_000_000),
]
SAMPLE_COMMUNES = ["Đan Thượng", "Yên Kỳ", "Xuân Áng"]


def _outline(place: str, year: int, total: int) -> list[Block]:
    b = Block
    return [
        b(BASIS, f"Căn cứ Quyết định số 1096/QĐ-UBND ngày 12/05/{year} của UBND huyện {place} "
                 "về việc phân bổ chi tiết vốn ngân sách trung ương thực hiện Chương trình "
                 f"mục tiêu quốc gia năm {year};"),
        b(PARAGRAPH, "Ủy ban nhân dân huyện xây dựng Kế hoạch tổ chức Hội nghị đối thoại chính "
                     "sách về Chương trình mục tiêu quốc gia giảm nghèo bền vững trên địa bàn "
                     f"huyện {place}, năm {year} (Tiểu dự án 2 thuộc Dự án 6: Truyền thông và "
                     "giảm nghèo về thông tin), cụ thể như sau:"),
        b(SECTION, "MỤC ĐÍCH, YÊU CẦU"),
        b(CLAUSE, "Mục đích", titled=True),
        b(BULLET, "Tăng cường công tác tuyên truyền, tạo chuyển biến về nhận thức, trách nhiệm "
                  "của người dân, đặc biệt là người dân thuộc hộ nghèo, hộ cận nghèo và hộ mới "
                  "thoát nghèo về mục đích, ý nghĩa, nội dung của Chương trình."),
        b(BULLET, "Giải quyết kịp thời các đề xuất, kiến nghị, các vấn đề thắc mắc, tồn tại ở "
                  "cơ sở; đưa chính sách hỗ trợ giảm nghèo vào cuộc sống."),
        b(CLAUSE, "Yêu cầu", titled=True),
        b(PARAGRAPH, "Hội nghị được tổ chức dân chủ, an toàn, thiết thực và hiệu quả; bảo đảm "
                     "mỗi người dân được bình đẳng, công khai tham gia phát biểu, đóng góp ý kiến."),
        b(SECTION, "NỘI DUNG, HÌNH THỨC"),
        b(CLAUSE, "Thời gian, địa điểm", titled=True),
        b(POINT, f"Thời gian: Quý II, Quý III năm {year} (thời gian cụ thể sẽ thông báo sau)."),
        b(POINT, "Địa điểm: Tại trụ sở UBND các xã: " + "; ".join(SAMPLE_COMMUNES) + "."),
        b(CLAUSE, "Thành phần", titled=True),
        b(POINT, "Cấp huyện:"),
        b(BULLET, "Lãnh đạo UBND huyện;"),
        b(BULLET, "Lãnh đạo, công chức phòng Lao động - Thương binh và Xã hội."),
        b(POINT, "Cấp xã:"),
        b(BULLET, "Đại diện các hộ nghèo, hộ cận nghèo, hộ mới thoát nghèo, ưu tiên phụ nữ "
                  "nghèo, người dân tộc thiểu số."),
        b(CLAUSE, "Kinh phí thực hiện", titled=True),
        b(PARAGRAPH, f"Tổng số tiền: {format_vnd(total)} đồng (Bằng chữ: "
                     f"{vi_money_words(total)}). Chi tiết theo Phụ lục kèm theo."),
        b(SECTION, "TỔ CHỨC THỰC HIỆN"),
        b(CLAUSE, "Phòng Lao động - Thương binh và Xã hội", titled=True),
        b(BULLET, "Chuẩn bị các điều kiện, cơ sở vật chất, tài liệu để tổ chức đối thoại."),
        b(BULLET, "Tổng hợp, báo cáo kết quả tổ chức đối thoại về UBND huyện theo quy định."),
        b(CLAUSE, "Ủy ban nhân dân các xã", titled=True),
        b(PARAGRAPH, "Mời đại biểu đại diện hộ nghèo, hộ cận nghèo, hộ mới thoát nghèo tham dự "
                     "hội nghị; trả lời ý kiến của đại biểu về những vấn đề thuộc thẩm quyền."),
        b(PARAGRAPH, "Trên đây là Kế hoạch tổ chức Hội nghị đối thoại chính sách năm "
                     f"{year}. Trong quá trình thực hiện nếu có khó khăn, vướng mắc đề nghị "
                     "phản ánh về UBND huyện (qua phòng Lao động - TBXH) để kịp thời giải quyết./."),
    ]


def _estimate(symbol: str, date_text: str, issuer: str) -> tuple[Appendix, int]:
    rows, bold, total = [], set(), 0
    for index, commune in enumerate(SAMPLE_COMMUNES, start=1):
        subtotal = sum(q * s * p for _, _, q, s, p in SAMPLE_LINES)
        bold.add(len(rows))
        rows.append([roman(index), f"Hội nghị đối thoại tại xã {commune}", "", "", "", "",
                     format_vnd(subtotal)])
        for number, (content, unit, qty, sessions, price) in enumerate(SAMPLE_LINES, start=1):
            rows.append([str(number), content, unit, str(qty), str(sessions), format_vnd(price),
                         format_vnd(qty * sessions * price)])
        total += subtotal
    bold.add(len(rows))
    rows.append(["", "TỔNG CỘNG", "", "", "", "", format_vnd(total)])
    table = Table(
        columns=["STT", "Nội dung chi", "Đơn vị tính", "Số lượng", "Số buổi", "Đơn giá",
                 "Thành tiền"],
        rows=rows, numeric={3, 4, 5, 6}, bold_rows=bold,
    )
    words = Block(PARAGRAPH, f"Bằng chữ: {vi_money_words(total)}./.")
    appendix = Appendix(
        label="Phụ lục",
        title="Dự toán kinh phí tổ chức hội nghị đối thoại chính sách",
        # A body still being created may have no name yet: no dangling «của )».
        reference=f"(Kèm theo Kế hoạch số {symbol} {date_text}{f' của {issuer}' if issuer.strip() else ''})",
        table=table, after_table=[words], unit_caption="Đơn vị tính: đồng", landscape=True,
    )
    return appendix, total


def sample_document(body, *, number: int | None, issue_date: datetime.date | None,
                    year: int) -> OfficialDocument:
    """The sample plan for ``body`` (an areas.IssuingBody); a draft when number or date is empty."""
    doc = OfficialDocument(
        parent_lines=body.parent_lines, issuer_lines=body.name_lines,
        type_name="Kế hoạch", type_abbr="KH", issuer_abbr=body.abbreviation,
        place_name=body.place_name, year=year, title=SAMPLE_TITLE.format(year=year),
        blocks=[], recipients=[
            "Sở Lao động - Thương binh và Xã hội", "CT, các PCT UBND", "UBND các xã",
            "Các phòng, ban liên quan", "Lưu: VT, LĐTBXH",
        ],
        signature=Signature.for_body(body, deputy=True, signer="Ngô Anh Vũ"),
        number=number, issue_date=issue_date,
    )
    date_text = doc.date_line.split(", ", 1)[1]
    appendix, total = _estimate(doc.symbol, date_text, body.display_name)
    doc.blocks = number_blocks(_outline(body.place_name, year, total))
    doc.appendices = [appendix]
    return doc
