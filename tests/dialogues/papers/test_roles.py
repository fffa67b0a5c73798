"""The chair and secretary read back from how they are typed; who heads the commune's body."""

import pytest

from areas.models import IssuingBody
from dialogues.roles import RoleHolder, honorific_for


@pytest.mark.parametrize("typed, line, name", [
    ("Ông A Blúp, Chủ tịch UBND xã", "Ông A Blúp – Chủ tịch UBND xã", "A Blúp"),
    ("Bà Lê Thị Cúc - công chức Văn hóa - Xã hội", "Bà Lê Thị Cúc – Công chức Văn hóa - Xã hội", "Lê Thị Cúc"),
    ("đ/c Nguyễn Văn An – Phó Chủ tịch UBND xã", "Đồng chí Nguyễn Văn An – Phó Chủ tịch UBND xã", "Nguyễn Văn An"),
    ("  ông  Trần Văn Tư.  ", "Ông Trần Văn Tư", "Trần Văn Tư"),
    ("Nguyễn Thị Hoa", "Bà Nguyễn Thị Hoa", "Nguyễn Thị Hoa"),
    ("Y Bluêk Niê", "Ông Y Bluêk Niê", "Y Bluêk Niê"),  # Ê Đê: «Y» before a man's given name
    ("H'Hen Niê, Chủ tịch Hội LHPN xã", "Bà H'Hen Niê – Chủ tịch Hội LHPN xã", "H'Hen Niê"),  # «H'», a woman's
    ("Ksor Nay", "Ông/Bà Ksor Nay", "Ksor Nay"),
    ("Trương Văn Tư, Trưởng thôn", "Ông Trương Văn Tư – Trưởng thôn", "Trương Văn Tư"),  # a surname, not a title
    ("Phó Chủ tịch UBND xã", "Phó Chủ tịch UBND xã", ""),  # a position, no one named
    ("trưởng Công an xã.", "Trưởng Công an xã", ""),
    ("Ông Chủ tịch UBND xã", "Chủ tịch UBND xã", ""),
    ("Công chức Văn hóa - Xã hội", "Công chức Văn hóa - Xã hội", ""),
    ("Bàng Văn Khuê, cán bộ", "Ông Bàng Văn Khuê – Cán bộ", "Bàng Văn Khuê"),
    ("Bà", "Bà", ""),
    ("", "", ""),
    # typed in a hurry, all lower case or all capitals: the name and the abbreviations as written on paper
    ("ông a blúp - chủ tịch ubnd xã", "Ông A Blúp – Chủ tịch UBND xã", "A Blúp"),
    ("bà h'hen niê, chủ tịch hội lhpn xã", "Bà H'Hen Niê – Chủ tịch hội LHPN xã", "H'Hen Niê"),
    ("hoàng thị nguyệt gié-triêng", "Bà Hoàng Thị Nguyệt Gié-Triêng", "Hoàng Thị Nguyệt Gié-Triêng"),
    ("ÔNG NGUYỄN VĂN AN, PHÓ CHỦ TỊCH UBND XÃ", "Ông Nguyễn Văn An – PHÓ CHỦ TỊCH UBND XÃ", "Nguyễn Văn An"),
    ("phó chủ tịch ubnd xã", "Phó chủ tịch UBND xã", ""),
    ("Ông Đinh Văn ĐỨc", "Ông Đinh Văn ĐỨc", "Đinh Văn ĐỨc"),  # mixed case: the writer's spelling, kept
])
def test_parse(typed, line, name):
    holder = RoleHolder.parse(typed)
    assert (holder.line, holder.name, bool(holder)) == (line, name, bool(name))


def test_recorded_gender_wins_over_the_middle_name():
    assert honorific_for("Nguyễn Văn Thị", "F") == "Bà"
    assert RoleHolder.parse("Hà Thị Lan", gender="M").honorific == "Ông"


BODY = IssuingBody(display_name="UBND xã Sa Loong", head_title="CHỦ TỊCH", deputy_title="PHÓ CHỦ TỊCH")


@pytest.mark.parametrize("position, rank", [
    ("Chủ tịch UBND xã", "head"), ("Phó Chủ tịch Ủy ban nhân dân xã Sa Loong", "deputy"),
    ("chủ tịch", "head"), ("Phó Chủ tịch Thường trực UBND xã", "deputy"),
    ("Phó Chủ tịch UBND huyện Ngọc Hồi", ""), ("Chủ tịch HĐND xã", ""), ("Chủ tịch Hội Nông dân xã", ""),
    ("Chủ tịch UBND xã Đăk Kan", ""), ("Bí thư Đảng ủy xã", ""), ("", ""),
])
def test_who_heads_or_deputises_for_the_commune_body(position, rank):
    assert RoleHolder("Ông", "Nguyễn Văn A", position).rank_in(BODY, "Xã Sa Loong") == rank
