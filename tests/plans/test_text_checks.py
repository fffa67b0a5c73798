"""Text checks over the plan's own words, on seed-style text: each fires on the real error and
stays quiet on clean text. These run on paragraphs, without the database."""

import itertools

import pytest

from plans.models import BlockKind
from plans.textchecks.amounts import amounts_in, total_problems
from plans.textchecks.citations import citation_consistency_problems
from plans.textchecks.money_words import money_word_problems
from plans.textchecks.numberwords import read_words
from plans.textchecks.pasted import pasted_text_problems
from plans.textchecks.recipients import keep_line_problems, known_units
from plans.textchecks.source import Paragraph
from plans.textchecks.wording import doubled_word_problems, misspelling_problems

_KINDS = {"-": BlockKind.BULLET, "+": BlockKind.SUBBULLET, "a)": BlockKind.POINT,
          "1.": BlockKind.CLAUSE, "I.": BlockKind.SECTION}
_DEPTH = {BlockKind.SECTION: 0, BlockKind.CLAUSE: 1, BlockKind.SUBCLAUSE: 2, BlockKind.POINT: 3,
          BlockKind.BULLET: 4, BlockKind.SUBBULLET: 5, BlockKind.PARAGRAPH: 6}


def lines(*texts: str) -> list[Paragraph]:
    """Blocks as the editor stores them: «+ x» is a sub-bullet holding «x», and so on."""
    found = []
    for number, text in enumerate(texts, start=1):
        marker, _, rest = text.partition(" ")
        kind = _KINDS.get(marker, BlockKind.PARAGRAPH)
        body = rest if marker in _KINDS else text
        found.append(Paragraph(f"block-{number}", f"block-{number}", body, kind, _DEPTH[kind]))
    return found


def messages(problems) -> list[str]:
    return [p.message for p in problems]


# Amounts in figures, in any unit ------------------------------------------------------------

@pytest.mark.parametrize(("text", "value"), [
    ("250 triệu đồng", 250_000_000), ("250.000.000 đồng", 250_000_000),
    ("250.000.000đ", 250_000_000), ("1,5 tỷ đồng", 1_500_000_000), ("95 tr.đ", 95_000_000),
    ("95 trđ", 95_000_000), ("250.000 nghìn đồng", 250_000_000), ("12,5 triệu đồng", 12_500_000),
    ("2 tỉ đồng", 2_000_000_000), ("180 triệu;", 180_000_000), ("300 ngàn đồng", 300_000),
    ("1.234.567 VNĐ", 1_234_567),
])
def test_amounts_in_any_unit_become_dong(text, value):
    assert [a.value for a in amounts_in(f"Kinh phí: {text}")] == [value]


@pytest.mark.parametrize("text", ["18 buổi đối thoại tại 18 xã", "Quyết định số 1096/QĐ-UBND",
                                  "ngày 12/05/2023", "3 triệu người dân", "năm 2023", "Dự án 6"])
def test_numbers_that_are_not_money_are_not_amounts(text):
    assert amounts_in(text) == ()


# Totals against their parts ---------------------------------------------------------------

def test_the_real_case_inline_fires_with_the_difference():
    found = total_problems(lines("Tổng kinh phí: 250 triệu đồng để tổ chức các hoạt động. Trong "
                                 "đó: + Dự án 6: 95 triệu đồng; + Dự án 7: 180 triệu đồng."))
    assert messages(found) == [
        "Tổng kinh phí 250.000.000 đồng, các phần cộng lại 275.000.000 đồng (95.000.000 + "
        "180.000.000), chênh lệch 25.000.000 đồng (thừa so với tổng)."]
    assert found[0].where == "block-1" and not found[0].blocking


def test_the_real_case_as_list_blocks_fires():
    found = total_problems(lines("Tổng kinh phí: 250 triệu đồng.", "Trong đó:",
                                 "+ Dự án 6: 95 triệu đồng;", "+ Dự án 7: 180 triệu đồng.",
                                 "III. TỔ CHỨC THỰC HIỆN"))
    assert "chênh lệch 25.000.000 đồng" in messages(found)[0]
    assert found[0].where == "block-1"


def test_a_total_stated_paragraphs_before_its_breakdown_is_found():
    found = total_problems(lines("Tổng kinh phí thực hiện: 250 triệu đồng.",
                                 "Nguồn: ngân sách trung ương năm 2023.",
                                 "Trong đó: Dự án 6: 95 triệu đồng; Dự án 7: 180 triệu đồng."))
    assert messages(found) == [
        "Tổng kinh phí 250.000.000 đồng, các phần cộng lại 275.000.000 đồng "
        "(95.000.000 + 180.000.000), chênh lệch 25.000.000 đồng (thừa so với tổng)."]
    assert found[0].where == "block-1"


def test_parts_in_another_unit_than_the_total_are_converted():
    found = total_problems(lines("Tổng kinh phí: 1,5 tỷ đồng, trong đó:",
                                 "- Dự án 6: 950.000.000 đồng;", "- Dự án 7: 500 triệu đồng;",
                                 "- Chi khác: 40.000 nghìn đồng."))
    assert messages(found) == [
        "Tổng kinh phí 1.500.000.000 đồng, các phần cộng lại 1.490.000.000 đồng (950.000.000 + "
        "500.000.000 + 40.000.000), chênh lệch 10.000.000 đồng (thiếu so với tổng)."]


@pytest.mark.parametrize(("marker", "separator"), [
    ("+", " "), ("+", "; "), ("-", "; "), ("(+)", " "), ("(+)", ", "), ("a)", " "), ("a)", "; ")])
def test_inline_markers_split_the_parts(marker, separator):
    second = "b)" if marker == "a)" else marker
    text = (f"Tổng số tiền 250.000.000 đồng. Trong đó: {marker} Dự án 6: 95 tr.đ{separator}"
            f"{second} Dự án 7: 180 tr.đ")
    assert "275.000.000" in " ".join(messages(total_problems(lines(text))))


def test_a_part_that_shows_its_sum_is_read_at_the_result_not_the_rate():
    inline = lines("Tổng kinh phí: 250 triệu đồng. Trong đó: + Tiền ăn: 50 người x 100.000 đồng/người = 5 triệu "
                   "đồng; + Thuê hội trường: 245 triệu đồng.")
    assert total_problems(inline) == []
    listed = lines("Tổng kinh phí: 10.000.000 đồng, gồm:", "- Tiền ăn: 50 người x 100.000 đồng = 5.000.000 đồng;",
                   "- Tài liệu: 50 bộ x 20.000 đồng = 1.000.000 đồng.")
    assert messages(total_problems(listed)) == [
        "Tổng kinh phí 10.000.000 đồng, các phần cộng lại 6.000.000 đồng (5.000.000 + 1.000.000), chênh lệch "
        "4.000.000 đồng (thiếu so với tổng)."]


def test_nested_parts_are_checked_level_by_level():
    found = total_problems(lines(
        "Tổng kinh phí: 250 triệu đồng, trong đó:",
        "- Dự án 6: 150 triệu đồng;", "+ Tiểu dự án 1: 100 triệu đồng;", "+ Tiểu dự án 2: 60 triệu đồng;",
        "- Dự án 7: 100 triệu đồng."))
    assert messages(found) == [
        "Khoản 150.000.000 đồng, các phần cộng lại 160.000.000 đồng (100.000.000 + 60.000.000), "
        "chênh lệch 10.000.000 đồng (thừa so với tổng)."]
    assert found[0].where == "block-2"


def test_totals_that_add_up_are_quiet():
    assert total_problems(lines(
        "Tổng kinh phí: 275 triệu đồng. Trong đó: + Dự án 6: 95 triệu đồng; + Dự án 7: 180 triệu đồng.",
        "Tổng kinh phí 1,5 tỷ đồng, trong đó:", "- Dự án 6: 1 tỷ đồng;", "- Dự án 7: 500.000.000 đồng.",
        "Trong đó, chú trọng các nội dung sau:", "+ Chiến lược giảm nghèo chuyển từ diện rộng.")) == []


def test_a_part_without_an_amount_reports_only_an_excess():
    short = lines("Tổng kinh phí 250 triệu đồng, trong đó:", "- Dự án 6: 95 triệu đồng;",
                  "- Dự án 7: theo dự toán được duyệt.")
    assert total_problems(short) == []
    over = lines("Tổng kinh phí 250 triệu đồng, trong đó:", "- Dự án 6: 295 triệu đồng;",
                 "- Dự án 7: theo dự toán được duyệt.")
    assert "1 phần không ghi số tiền" in messages(total_problems(over))[0]


# Amounts in words ---------------------------------------------------------------------------

@pytest.mark.parametrize(("words", "value"), [
    ("Một trăm ba mươi hai triệu đồng chẵn", 132_000_000), ("một tỷ không trăm linh năm triệu", 1_005_000_000),
    ("hai mươi tư nghìn", 24_000), ("hai mươi bốn nghìn", 24_000), ("một nghìn tỷ", 10**12),
    ("mười lăm triệu đồng", 15_000_000), ("hai mươi mốt", 21),
])
def test_formal_words_read_back_without_notes(words, value):
    assert any(r.value == value and not r.notes for r in read_words(words))


def test_seed_000_words_match_their_figure():
    text = "Tổng số tiền: 132 triệu đồng; Số tiền bằng chữ: Một trăm ba mươi hai triệu đồng chẵn)."
    assert money_word_problems(lines(text)) == []


def test_words_that_differ_from_the_figure_block():
    text = "Tổng: 132.000.000 đồng (Bằng chữ: Một trăm ba mươi ba triệu đồng chẵn)."
    found = money_word_problems(lines(text))
    assert found[0].blocking and found[0].fix is None
    assert "(đọc là 133.000.000 đồng) không khớp với 132.000.000 đồng" in found[0].message


@pytest.mark.parametrize(("figure", "words", "note"), [
    ("133 triệu đồng", "Một trăm ba ba triệu đồng", "«ba ba» (viết «ba mươi ba»)"),
    ("105.000 đồng", "Một trăm lẻ năm nghìn đồng", "«lẻ» (văn bản viết «linh»)"),
    ("25 triệu đồng", "Hai mươi năm triệu đồng", "«mươi năm» (viết «mươi lăm»)"),
    ("23 triệu đồng", "Hai mười ba triệu đồng", "«mười» thay cho «mươi»"),
    ("5.000 đồng", "Năm ngàn đồng", "«ngàn» (văn bản viết «nghìn»)"),
    ("1.050.000 đồng", "Một triệu năm mươi nghìn đồng", "thiếu «không trăm»"),
])
def test_colloquial_words_of_the_right_value_are_a_soft_note_with_a_fix(figure, words, note):
    found = money_word_problems(lines(f"Kinh phí: {figure} (Bằng chữ: {words})."))
    assert len(found) == 1 and not found[0].blocking
    assert note in found[0].message
    assert found[0].fix.old == words and found[0].fix.new[0].isupper()


def test_words_in_brackets_after_the_figure_are_checked_too():
    found = money_word_problems(lines("Tổng kinh phí 132.000.000 đồng (Một trăm hai mươi triệu đồng)."))
    assert found and found[0].blocking


def test_brackets_that_are_not_numbers_are_ignored():
    assert money_word_problems(lines("Kinh phí 132 triệu đồng (nguồn ngân sách huyện).")) == []


# Doubled words, misspellings ----------------------------------------------------------------

def test_a_doubled_word_is_reported_with_a_fix_keeping_one():
    found = doubled_word_problems(lines("Đại diện các hộ hộ nghèo, hộ cận nghèo."))
    assert messages(found) == ["Lặp từ «hộ hộ» trong «…Đại diện các hộ hộ nghèo, hộ cận nghèo…»."]
    fix = found[0].fix
    assert (fix.start, fix.end, fix.old, fix.new) == (13, 18, "hộ hộ", "hộ")


@pytest.mark.parametrize(("text", "run", "label"), [
    ("Công tác thông tin tin tin tin truyền thông.", "tin tin tin tin", "Bỏ 3 chữ «tin» thừa"),
    ("Các hộ hộ hộ nghèo và hộ hộ cận nghèo.", "hộ hộ hộ", "Bỏ 2 chữ «hộ» thừa"),
])
def test_a_word_typed_many_times_is_one_note_whose_fix_keeps_one(text, run, label):
    found = doubled_word_problems(lines(text))
    assert [f.fix.old for f in found][:1] == [run] and found[0].fix.label == label
    assert found[0].fix.new == run.split()[0]
    spans = [(f.fix.start, f.fix.end) for f in found]
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in itertools.pairwise(spans))  # no overlap


def test_reduplications_and_numbers_in_words_are_not_doubled_words():
    text = ("Ngày ngày người người thi đua, nhà nhà tham gia, dần dần thoát nghèo; kế hoạch năm "
            "năm; thường thường bậc trung; Một trăm ba ba triệu đồng.")
    assert doubled_word_problems(lines(text)) == []


@pytest.mark.parametrize(("text", "wrong", "right"), [
    ("Trên đây là Kế hoạch thực hiện tiêu dự án 2 dự án 6", "tiêu dự án", "tiểu dự án"),
    ("Đối thoại với hộ viên Hội Nông dân", "hộ viên", "hội viên"),
    ("Công tác giãm nghèo bền vững", "giãm nghèo", "giảm nghèo"),
    ("Sữa chữa nhà ở cho hộ nghèo", "Sữa chữa", "Sửa chữa"),
    ("xây xựng kế hoặch", "xây xựng", "xây dựng"),
    ("Các chính xách hổ trợ", "chính xách", "chính sách"),
])
def test_misspellings_from_the_data_file_are_found_with_their_fix(text, wrong, right):
    found = misspelling_problems(lines(text))
    assert any(p.fix.old == wrong and p.fix.new == right for p in found)


def test_right_spellings_are_quiet():
    text = ("Thực hiện Tiểu dự án 2 Dự án 6; hội viên Hội Nông dân; giảm nghèo bền vững; sửa chữa, "
            "xây dựng; chính sách hỗ trợ; kế hoạch; tiêu dùng; dự án trọng điểm.")
    assert misspelling_problems(lines(text)) == []


# Text pasted from a PDF ---------------------------------------------------------------------

def test_a_page_number_inside_a_sentence_is_found_and_removed_by_the_fix():
    found = pasted_text_problems(lines(
        "Tiếp cận thông tin và truyền thông.",
        "+ Các dịch vụ xã hội cơ bản: Y tế, giáo dục, nhà ở, tiếp cận thông 3 tin; hướng đến mọi người."), [])
    assert messages(found) == ["Số trang lọt vào câu: «thông 3 tin» (có lẽ là «thông tin»)."]
    fix = found[0].fix
    text = found[0].fix and lines("", "+ Các dịch vụ xã hội cơ bản: Y tế, giáo dục, nhà ở, tiếp "
                                      "cận thông 3 tin; hướng đến mọi người.")[1].text
    assert text[:fix.start] + fix.new + text[fix.end:] == (
        "Các dịch vụ xã hội cơ bản: Y tế, giáo dục, nhà ở, tiếp cận thông tin; hướng đến mọi người.")


def test_numbers_that_count_something_are_not_page_numbers():
    text = ("Tổ chức 18 buổi đối thoại tại 18 xã, thị trấn; mời 50 người dân; 01 buổi/cuộc; "
            "tại xã Yên Kỳ; tổ chức 3 lớp tập huấn; tổ chức lớp tập huấn; tiểu dự án 2 thuộc dự "
            "án 6; dự án thuộc Chương trình; quý 3 năm nay; quý năm nay.")
    assert pasted_text_problems(lines(text), []) == []


def test_lone_page_numbers_and_running_headers_and_footers_are_lines_to_delete():
    found = pasted_text_problems(lines(
        "Nội dung thứ nhất của kế hoạch.", "3", "- 4 -", "Trang 5/12", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "UBND HUYỆN HẠ HÒA", "Kế hoạch số 12/KH-UBND - trang 6", "Nội dung thứ hai.",
        "Kế hoạch số 12/KH-UBND - trang 7"), ["UBND HUYỆN HẠ HÒA"])
    deleted = [p.fix.target for p in found if p.fix.op == "delete"]
    assert deleted == ["block-2", "block-3", "block-4", "block-5", "block-6", "block-7", "block-9"]


def test_a_page_number_between_em_dashes_is_a_line_to_delete():
    found = pasted_text_problems(lines("Nội dung thứ nhất.", "— 4 —", "—4—", "Nội dung thứ hai."), [])
    assert [p.fix.target for p in found if p.fix.op == "delete"] == ["block-2", "block-3"]


def test_a_sentence_split_across_paragraphs_is_found_with_a_join_fix():
    found = pasted_text_problems(lines(
        "- Chuyển đổi phương thức canh tác, sản xuất theo hướng khoa học,",
        "phát triển chuỗi giá trị, tăng cường gắn kết quân dân.",
        "Kinh phí theo Quyết định số 1096/QĐ-UBND ngày 12/05/2023. Thuộc",
        "Dự án 6 - Tiểu dự án 2: Truyền thông về giảm nghèo đa chiều."), [])
    joins = [(p.fix.target, p.fix.other) for p in found if p.fix.op == "join"]
    assert joins == [("block-1", "block-2"), ("block-3", "block-4")]


def test_finished_paragraphs_headings_and_lists_are_not_split_sentences():
    found = pasted_text_problems(lines(
        "I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích", "Tăng cường công tác tuyên truyền.",
        "- Phạm vi thực hiện: Trên địa bàn toàn huyện", "- Thời gian thực hiện: Quý III",
        "Nội dung hoạt động:", "Phối hợp với Ủy ban nhân dân các xã."), [])
    assert found == []


# «Lưu: VT, …» -------------------------------------------------------------------------------

def test_seed_000_keep_line_gets_a_comma_and_the_right_unit():
    found = keep_line_problems("Sở Lao động - TBXH\nUBND các xã, thị trấn\nLưu: VT; LĐTĐTBXH",
                               known_units([]))
    assert len(found) == 1 and found[0].where == "recipients"
    assert "sau «VT» phải là dấu phẩy" in found[0].message
    assert "«LĐTĐTBXH» có lẽ là «LĐTBXH»" in found[0].message
    assert found[0].fix.new == "Lưu: VT, LĐTBXH"


def test_units_of_the_issuing_bodies_are_known():
    bodies = [("ỦY BAN NHÂN DÂN HUYỆN HẠ HÒA\nPHÒNG DÂN TỘC VÀ TÔN GIÁO MỚI", "PDTTGM")]
    assert keep_line_problems("Lưu: VT, DTTGM.", known_units(bodies)) == []
    assert keep_line_problems("Lưu: VT, DTTGN.", known_units(bodies))


@pytest.mark.parametrize("line", ["Lưu: VT, LĐTBXH.", "Lưu: VT, TC-KH, 05b.", "Lưu: VT.",
                                  "- Lưu: VT, VP.", "Lưu: VT, LĐ-TB&XH (02b)."])
def test_right_keep_lines_are_quiet(line):
    assert keep_line_problems(line, known_units([])) == []


# The same body or document cited two ways ---------------------------------------------------

def test_a_body_with_two_founding_decisions_and_a_decision_with_two_names():
    found = citation_consistency_problems(lines(
        "Ban Chỉ đạo các chương trình mục tiêu quốc gia huyện được thành lập theo Quyết định số "
        "125/QĐ-UBND ngày 10/02/2022.",
        "Ban Chỉ đạo các chương trình mục tiêu quốc gia huyện (thành lập tại Quyết định số "
        "215/QĐ-UBND) chỉ đạo.",
        "Tổ giúp việc Ban Chỉ đạo được thành lập theo Quyết định số 215/QĐ-UBND."))
    assert any("hai quyết định khác nhau: số 125/QĐ-UBND và số 215/QĐ-UBND" in m for m in messages(found))
    assert any("Quyết định số 215/QĐ-UBND được dẫn là thành lập hai tên khác nhau" in m
               for m in messages(found))


def test_one_number_cited_with_two_dates():
    found = citation_consistency_problems(lines(
        "Kế hoạch số 518/KH-UBND ngày 29/12/2021 của UBND huyện.",
        "Theo Kế hoạch số 518/KH-UBND ngày 29/12/2022 của UBND huyện."))
    assert messages(found) == ["Văn bản số 518/KH-UBND được dẫn với các ngày khác nhau: "
                               "29/12/2021 và 29/12/2022."]


def test_the_same_citation_written_twice_is_quiet():
    assert citation_consistency_problems(lines(
        "Quyết định số 1096/QĐ-UBND ngày 12/05/2023 của UBND huyện.",
        "theo Quyết định số 1096/QĐ-UBND ngày 12/5/2023 của UBND huyện.")) == []


# Hostile input -------------------------------------------------------------------------------

def test_long_runs_that_almost_match_finish_in_one_pass():
    # Each of these took seconds to minutes with a backtracking pattern; now they just return.
    hostile = lines("số 1" + "a" * 19_000 + " x", "Bằng chữ " * 2_000,
                    "5 đồng (" + "một " * 4_000, "1" * 19_000 + " đồng",
                    "Ban " + "x " * 9_000 + "thành lập theo Quyết định số 1" + "a" * 5_000)
    assert citation_consistency_problems(hostile) == []
    assert money_word_problems(hostile) == []
    assert total_problems(hostile) == []
    pasted_text_problems(hostile, [])
    doubled_word_problems(hostile)
    misspelling_problems(hostile)
