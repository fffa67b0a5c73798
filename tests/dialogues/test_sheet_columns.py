"""The column model: widths from the content and the page, the same for the PDF and the workbook."""

import pytest
from reportlab.lib.units import mm

from dialogues.columns import (
    LANDSCAPE_MM,
    PADDING_MM,
    PORTRAIT_MM,
    SIGN_MM,
    STAGGER_SIGN_MM,
    Column,
    Measure,
    balanced_lines,
    lay_out,
    wrap,
)
from dialogues.sheets import NAME, NUMBER, split_position

SIGN_IN = [NUMBER, NAME, Column("ethnic", "Dân tộc", "whole", "center"), Column("village", "Thôn", least_mm=24),
           Column("sign", "Ký tên", "sign")]


def _rows(names, ethnic="Kinh", village="Thôn Đồng Xuân"):
    return [[str(i), name, ethnic, village, ""] for i, name in enumerate(names, start=1)]


def test_widths_fill_the_page_exactly():
    measure = Measure()
    columns, landscape = lay_out(SIGN_IN, _rows(["Lò Thị Dự"]), measure)
    assert not landscape and sum(c.width_mm for c in columns) == pytest.approx(PORTRAIT_MM, abs=0.1)


@pytest.mark.parametrize("ethnic", ["Gié-Triêng", "Chơ-ro", "Xơ Đăng", "Pà Thẻn"])
def test_ethnic_groups_and_names_never_overflow(ethnic):
    measure = Measure()
    names = ["Nguyễn Thị Phương Thảo", "Y Bích", "Hoàng Thị Ngọc Bích Trâm"]
    columns, _ = lay_out(SIGN_IN, _rows(names, ethnic=ethnic), measure)
    by_key = {c.key: c for c in columns}
    assert by_key["ethnic"].width_mm * mm >= measure(ethnic) + PADDING_MM * mm * 0.99
    assert all(len(wrap(n, by_key["name"].width_mm * mm - 4, measure)) == 1 for n in names)


def test_the_signature_column_gets_its_room_and_more_when_staggered():
    measure = Measure()
    long_names = ["Hoàng Thị Ngọc Bích Trâm Anh Thư"] * 3
    columns, _ = lay_out(SIGN_IN, _rows(long_names, village="Thôn Giang Lố 1 mở rộng phía đông"), measure)
    assert columns[-1].width_mm >= SIGN_MM
    stagger = [*SIGN_IN[:-1], Column("sign", "Ký tên", "sign", stagger=True)]
    columns, _ = lay_out(stagger, _rows(long_names), measure)
    assert columns[-1].width_mm >= STAGGER_SIGN_MM


def test_a_name_of_sixty_characters_wraps_at_words_inside_the_page():
    measure = Measure()
    name = "Nguyễn Hoàng Thị Phương Thảo Ngọc Bích Trâm Anh Thư Khánh Linh"[:60]
    columns, landscape = lay_out(SIGN_IN, _rows([name, "Lò Văn A"]), measure)
    page = LANDSCAPE_MM if landscape else PORTRAIT_MM
    assert sum(c.width_mm for c in columns) <= page + 0.1
    lines = wrap(name, columns[1].width_mm * mm - 4, measure)
    assert " ".join(lines) == name and all(measure(line) <= columns[1].width_mm * mm - 4 for line in lines)


def test_too_many_wide_columns_turn_the_page_landscape():
    measure = Measure()
    wide = [NUMBER, NAME, *[Column(f"m{i}", f"Khoản {i} (đồng)", "money", "right", least_mm=30) for i in range(4)],
            Column("sign", "Ký nhận", "sign")]
    rows = [["1", "Nguyễn Thị Phương Thảo", 100_000, 50_000, 150_000, 1_500_000, ""]]
    columns, landscape = lay_out(wide, rows, measure)
    assert landscape and sum(c.width_mm for c in columns) == pytest.approx(LANDSCAPE_MM, abs=0.1)


def test_an_empty_sheet_still_has_room_to_write_by_hand():
    columns, _ = lay_out(SIGN_IN, [["1", "", "", "", ""]], Measure())
    assert columns[1].width_mm >= 42 and columns[-1].width_mm >= SIGN_MM


@pytest.mark.parametrize("title", [
    "DANH SÁCH KÝ NHẬN TIỀN HỖ TRỢ NGƯỜI DÂN THAM DỰ HỘI NGHỊ ĐỐI THOẠI CHÍNH SÁCH TẠI XÃ HẠ HÒA",
    "DANH SÁCH NGƯỜI DÂN THAM DỰ HỘI NGHỊ ĐỐI THOẠI CHÍNH SÁCH TẠI XÃ ĐĂK RƠ WA",
    "Chương trình mục tiêu quốc gia giảm nghèo bền vững giai đoạn 2021 - 2025 – Dự án 6, Tiểu dự án 2",
])
def test_titles_never_leave_one_word_alone_or_split_a_year_range(title):
    register = Measure()  # registers the fonts
    assert register
    lines = balanced_lines(title, "LiberationSerif-Bold", 14, 165 * mm)
    assert len(lines) >= 2 and all(len(line.split()) > 1 for line in lines)
    assert not any(line.endswith("2021") for line in lines)


@pytest.mark.parametrize("position, expected", [
    ("Phó Chủ tịch UBND huyện Hạ Hòa", ("Phó Chủ tịch", "UBND huyện Hạ Hòa")),
    ("Chủ tịch Hội Nông dân xã", ("Chủ tịch", "Hội Nông dân xã")),
    ("Giám đốc, Ngân hàng Chính sách xã hội huyện", ("Giám đốc", "Ngân hàng Chính sách xã hội huyện")),
    ("  Trưởng   thôn  ", ("Trưởng thôn", "")),
    ("UBND xã", ("UBND xã", "")),
    # the body's name goes on after a comma: the comma is inside the body, not between title and body
    ("Phó Chủ tịch UBND huyện Ngọc Hồi, tỉnh Kon Tum (cũ)", ("Phó Chủ tịch", "UBND huyện Ngọc Hồi, tỉnh Kon Tum (cũ)")),
    ("Trưởng phòng Văn hóa - Xã hội, UBND xã", ("Trưởng phòng Văn hóa - Xã hội", "UBND xã")),
    ("Trưởng Ban Dân vận, Đảng ủy xã", ("Trưởng Ban Dân vận", "Đảng ủy xã")),
])
def test_positions_split_into_title_and_body(position, expected):
    assert split_position(position) == expected


def test_a_long_note_gives_way_to_a_cramped_signature_but_wrapped_text_does_not():
    measure = Measure()
    columns = [NUMBER, NAME, Column("sign", "Ký tên", "sign"), Column("note", "Ghi chú")]
    roomy, _ = lay_out(columns, [["1", "Lò Thị Dự", "", "Đến trực tiếp, không có trong danh sách mời"]], measure)
    assert roomy[2].width_mm >= SIGN_MM * 1.5 - 0.01
    crowded = [NUMBER, NAME, Column("body", "Đơn vị"), Column("sign", "Ký tên", "sign")]
    body = "Sở Nông nghiệp và Môi trường tỉnh Phú Thọ, Chi cục Phát triển nông thôn và Thủy lợi"
    laid, _ = lay_out(crowded, [["1", "Trần Văn Bình", body, ""]], measure)
    assert laid[3].width_mm == pytest.approx(SIGN_MM, abs=0.01)


def test_a_word_longer_than_its_column_is_cut_inside_it_and_squeezes_nothing_else():
    """«Thôn-Đắk-Wơk-Đắk-Kan-…» or a name typed without spaces overprinted the year and the amounts
    beside it, and shrank the signature column below its room."""
    measure = Measure()
    village = "Thôn-Đắk-Wơk-Đắk-Kan-Đắk-Pxi-Đắk-Long-Đắk-Rơ-Wa-Ngọc-Hồi-Kon-Tum-Sa-Thầy-Đắk-Hà"
    name = "NguyễnThịPhươngThảoNgọcBíchTrâmAnhThưKhánhLinhHoàngYếnNhiChâu"
    columns, landscape = lay_out(SIGN_IN, _rows([name, "Lò Văn A"], village=village), measure)
    page = LANDSCAPE_MM if landscape else PORTRAIT_MM
    assert sum(c.width_mm for c in columns) <= page + 0.1 and columns[-1].width_mm >= SIGN_MM
    for text, column in ((village, columns[3]), (name, columns[1])):
        lines = wrap(text, column.width_mm * mm - 4, measure)
        assert "".join(lines) == text and all(measure(line) <= column.width_mm * mm - 4 for line in lines)
    assert wrap(village, 30 * mm, measure)[0].endswith("-")  # cut after a hyphen where there is one
