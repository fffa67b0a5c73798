"""What a commune (xã, phường, đặc khu) issuer's plans say after 1 July 2025: who takes part,
who does what (the commune's Phòng Văn hóa - Xã hội leads poverty work, the Phòng Kinh tế the
funds, the Mặt trận and its organisations are asked to help) and who receives the plan.

{unit_kind} is the commune's own word (xã, phường, đặc khu)."""

LEAD_OFFICE = "Phòng Văn hóa - Xã hội"

_FRONT = """{n}. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam {unit_kind}
- Cùng các tổ chức chính trị - xã hội phối hợp tuyên truyền, vận động hội viên, người dân tham gia; giám sát việc thực hiện chính sách giảm nghèo.
"""
_FINANCE = """{n}. Phòng Kinh tế
- Tham mưu bố trí kinh phí; hướng dẫn quản lý, sử dụng và thanh quyết toán kinh phí theo quy định.
"""
_VILLAGES = """{n}. Trưởng thôn, tổ dân phố
- {task}
"""


def _lead(n: int, task: str) -> str:
    return f"{n}. Phòng Văn hóa - Xã hội\n- {task}\n"


def _organisation(lead_task: str, village_task: str, *, office: str = "") -> str:
    parts = [_lead(1, lead_task), _FINANCE.replace("{n}", "2")]
    if office:
        parts.append(f"3. Văn phòng Hội đồng nhân dân và Ủy ban nhân dân\n- {office}\n")
    n = len(parts) + 1
    parts.append(_FRONT.replace("{n}", str(n)))
    parts.append(_VILLAGES.replace("{n}", str(n + 1)).replace("{task}", village_task))
    return "".join(parts)


PARTICIPANTS = """a) Cấp tỉnh:
- Đại diện lãnh đạo Sở Nông nghiệp và Môi trường (khi được mời).
b) Cấp {unit_kind}:
- Lãnh đạo Ủy ban nhân dân {unit_kind} phụ trách công tác giảm nghèo; lãnh đạo, công chức Phòng Văn hóa - Xã hội.
- Đại diện Ủy ban Mặt trận Tổ quốc Việt Nam {unit_kind} và các tổ chức chính trị - xã hội.
- Đại diện hộ nghèo, hộ cận nghèo, hộ mới thoát nghèo, ưu tiên phụ nữ, người dân tộc thiểu số.
"""

LEADER_PARTICIPANTS = """- Chủ tịch Ủy ban nhân dân {unit_kind}; lãnh đạo Phòng Văn hóa - Xã hội, Phòng Kinh tế.
- Đại diện Ủy ban Mặt trận Tổ quốc Việt Nam {unit_kind} và các tổ chức chính trị - xã hội; đại diện hộ nghèo, hộ cận nghèo, hộ mới thoát nghèo.
"""

REVIEW_PARTICIPANTS = """a) Cấp tỉnh:
- Đại diện lãnh đạo Sở Nông nghiệp và Môi trường (khi được mời).
b) Cấp {unit_kind}:
- Lãnh đạo Ủy ban nhân dân, công chức Phòng Văn hóa - Xã hội; đại diện Ủy ban Mặt trận Tổ quốc Việt Nam {unit_kind} và các tổ chức chính trị - xã hội; trưởng thôn, tổ dân phố.
c) Đại diện hộ gia đình thoát nghèo tiêu biểu.
"""

ORGANISATION = {
    "dialogue_conferences": _organisation(
        "Chủ trì, tham mưu tổ chức các hội nghị đối thoại; chuẩn bị tài liệu; tổng hợp ý kiến, "
        "kiến nghị và báo cáo kết quả.",
        "Thông báo, mời người dân tham dự; phản ánh ý kiến, kiến nghị của người dân.",
        office="Bố trí hội trường, phương tiện; đăng tải thông tin về hội nghị."),
    "da6_communication": _organisation(
        "Chủ trì triển khai Kế hoạch; xây dựng nội dung tuyên truyền trên đài truyền thanh; tổng "
        "hợp, báo cáo kết quả.",
        "Phối hợp phổ biến tờ rơi, sổ tay đến người dân; phản ánh nhu cầu thông tin của người dân."),
    "commune_dialogue": _organisation(
        "Chuẩn bị nội dung, tổng hợp ý kiến, kiến nghị sau buổi đối thoại.",
        "Thông báo, mời người dân tham dự đối thoại.",
        office="Bố trí thời gian, địa điểm; ghi biên bản buổi đối thoại."),
    "review_conference": _organisation(
        "Xây dựng báo cáo tổng kết; chuẩn bị hội nghị; đề xuất khen thưởng.",
        "Gửi báo cáo kết quả thực hiện năm trước ngày 10 tháng 12 hằng năm."),
    "yearly_implementation": _organisation(
        "Chủ trì tổ chức thực hiện; tổng hợp, báo cáo kết quả.",
        "Phối hợp tổ chức các hoạt động tại thôn, tổ dân phố."),
    "household_review": _organisation(
        "Thường trực Ban Chỉ đạo rà soát; hướng dẫn nghiệp vụ cho rà soát viên; tổng hợp, báo cáo "
        "kết quả rà soát.",
        "Phối hợp lập danh sách hộ cần rà soát; tổ chức họp dân; niêm yết kết quả tại thôn, tổ "
        "dân phố."),
}

RECIPIENTS = ["Sở Nông nghiệp và Môi trường (b/c)", "TT Đảng ủy, TT HĐND {unit_kind} (b/c)",
              "CT, các PCT UBND {unit_kind}", "UBMTTQ Việt Nam {unit_kind} (p/h)",
              "Phòng Văn hóa - Xã hội, Phòng Kinh tế", "Các thôn, tổ dân phố", "Lưu: VT, VHXH"]

WORDS = {
    "lead_office": LEAD_OFFICE,
    "commune_ubnd": "Ủy ban nhân dân {unit_kind}",
    "participants": PARTICIPANTS,
    "leader_participants": LEADER_PARTICIPANTS,
    "review_participants": REVIEW_PARTICIPANTS,
    "review_lead": "",
}
