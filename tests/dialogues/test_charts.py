"""The report's bar charts: a long label wraps over two lines instead of being cut, and every
label, bar and value stays inside the chart's box."""

from pathlib import Path
from xml.etree import ElementTree

import pytest
from PIL import ImageFont

from dialogues.charts import FONT_PX, LABEL_WIDTH, bar_chart, label_lines

SVG = "{http://www.w3.org/2000/svg}"
FIELDS = [("Chính sách tín dụng ưu đãi cho hộ nghèo, hộ cận nghèo", 12), ("Y tế", 3),
          ("Hộ mới thoát nghèo (trong 36 tháng)", 7),
          ("Giáo dục nghề nghiệp, việc làm cho lao động nông thôn và người dân tộc thiểu số", 5),
          ("ĐÀO TẠO NGHỀ CHO LAO ĐỘNG NÔNG THÔN", 4), ("Nhàchưacódấucáchnàocảtrongtêngọi", 1)]
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def _chart(items) -> ElementTree.Element:
    return ElementTree.fromstring(str(bar_chart("Ý kiến theo lĩnh vực", items)))


def _labels(svg) -> list[list[str]]:
    return [[span.text for span in text.iter(f"{SVG}tspan")] for text in svg.iter(f"{SVG}text")
            if text.find(f"{SVG}tspan") is not None]


def test_a_long_label_wraps_over_two_lines_between_words_instead_of_being_cut():
    labels = _labels(_chart(FIELDS))
    assert labels[0] == ["Chính sách tín dụng", "ưu đãi cho hộ nghèo,…"]
    assert labels[1] == ["Y tế"]
    assert labels[2] == ["Hộ mới thoát nghèo", "(trong 36 tháng)"]  # once cut at 24 characters
    # Longer than two lines: the second ends with «…», the whole label is the tooltip.
    assert labels[3][1].endswith("…") and len(labels[3]) == 2
    svg = _chart(FIELDS)
    assert FIELDS[3][0] in [t.text for t in svg.iter(f"{SVG}title")]


def test_every_label_bar_and_value_stays_inside_the_box():
    svg = _chart(FIELDS)
    _, _, width, height = (float(v) for v in svg.get("viewBox").split())
    for span in svg.iter(f"{SVG}tspan"):
        assert 10 <= float(span.get("y")) <= height - 2
    rows = list(svg.iter(f"{SVG}rect"))
    assert len(rows) == len(FIELDS)
    for rect in rows:
        assert float(rect.get("y")) >= 18 and float(rect.get("y")) + float(rect.get("height")) <= height
        assert float(rect.get("x")) + float(rect.get("width")) <= width - 40  # room for the value
    bottoms = [float(r.get("y")) for r in rows]
    assert bottoms == sorted(bottoms) and min(b - a for a, b in zip(bottoms, bottoms[1:], strict=False)) >= 24


@pytest.mark.skipif(not DEJAVU.exists(), reason="DejaVu Sans is not installed")
def test_each_line_fits_the_label_column_in_the_widest_usual_sans_font():
    font = ImageFont.truetype(str(DEJAVU), FONT_PX)
    for label, _ in FIELDS:
        for line in label_lines(label):
            assert font.getlength(line) <= LABEL_WIDTH - 6, line


def test_short_labels_print_as_before():
    assert _labels(_chart([("Nữ", 30), ("Nam", 25)])) == [["Nữ"], ["Nam"]]
    assert "chưa có số liệu" in str(bar_chart("Theo dân tộc", []))
