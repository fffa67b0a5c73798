"""What a province (tỉnh, thành phố) issuer's plans say after 1 July 2025: the Sở Nông nghiệp
và Môi trường leads poverty work, the Sở Dân tộc và Tôn giáo takes the ethnic-minority and
mountain areas, the Sở Tài chính the funds, the Mặt trận and its organisations are asked to
help, and the communes, wards and special zones carry the work out (domain.md §2.2, §5.2).

{unit_kind} is the province's own word (tỉnh, thành phố)."""

LEAD_OFFICE = "Sở Nông nghiệp và Môi trường"

_COMMON = """2. Sở Dân tộc và Tôn giáo
- {ethnic_task}
3. Sở Tài chính
- Tham mưu bố trí kinh phí; hướng dẫn quản lý, sử dụng và thanh quyết toán kinh phí theo quy định.
{extra}{n}. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam {unit_kind}
- Cùng các tổ chức chính trị - xã hội phối hợp tuyên truyền, vận động hội viên, người dân tham gia; giám sát việc thực hiện chính sách giảm nghèo.
{m}. Ủy ban nhân dân các xã, phường, đặc khu
- {commune_task}
"""
_ETHNIC = ("Phối hợp triển khai tại vùng đồng bào dân tộc thiểu số và miền núi; vận động người có "
           "uy tín tham gia.")


def _organisation(lead_task: str, commune_task: str, *, extra: str = "",
                  ethnic_task: str = _ETHNIC) -> str:
    n = 5 if extra else 4
    common = (_COMMON.replace("{ethnic_task}", ethnic_task).replace("{extra}", extra)
              .replace("{n}", str(n)).replace("{m}", str(n + 1))
              .replace("{commune_task}", commune_task))
    return f"1. Sở Nông nghiệp và Môi trường\n- {lead_task}\n" + common


_CULTURE = ("4. Sở Văn hóa, Thể thao và Du lịch\n- Hướng dẫn các cơ quan báo chí, hệ thống thông "
            "tin cơ sở tuyên truyền về giảm nghèo.\n")

PARTICIPANTS = """a) Cấp tỉnh:
- Lãnh đạo Ủy ban nhân dân {unit_kind}; lãnh đạo Sở Nông nghiệp và Môi trường, Sở Dân tộc và Tôn giáo, Sở Tài chính.
- Đại diện Ủy ban Mặt trận Tổ quốc Việt Nam {unit_kind} và các tổ chức chính trị - xã hội.
b) Cấp xã:
- Lãnh đạo Ủy ban nhân dân các xã, phường, đặc khu nơi tổ chức hội nghị; công chức Phòng Văn hóa - Xã hội.
- Đại diện hộ nghèo, hộ cận nghèo, hộ mới thoát nghèo, ưu tiên phụ nữ, người dân tộc thiểu số.
"""

LEADER_PARTICIPANTS = """- Chủ tịch Ủy ban nhân dân {unit_kind}; lãnh đạo Sở Nông nghiệp và Môi trường, Sở Dân tộc và Tôn giáo.
- Lãnh đạo Ủy ban nhân dân xã, phường, đặc khu nơi đối thoại; đại diện hộ nghèo, hộ cận nghèo, hộ mới thoát nghèo.
"""

REVIEW_PARTICIPANTS = """a) Cấp tỉnh:
- Lãnh đạo Ủy ban nhân dân {unit_kind}; lãnh đạo các sở: Nông nghiệp và Môi trường, Dân tộc và Tôn giáo, Tài chính; đại diện Ủy ban Mặt trận Tổ quốc Việt Nam {unit_kind}.
b) Cấp xã:
- Lãnh đạo Ủy ban nhân dân, công chức Phòng Văn hóa - Xã hội các xã, phường, đặc khu.
c) Đại diện hộ gia đình thoát nghèo tiêu biểu.
"""

ORGANISATION = {
    "dialogue_conferences": _organisation(
        "Chủ trì, tham mưu tổ chức các hội nghị đối thoại; hướng dẫn, tổng hợp kết quả đối thoại "
        "của các xã, phường, đặc khu; báo cáo Ủy ban nhân dân {unit_kind}.",
        "Mời đại biểu, thông báo nội dung hội nghị; trả lời ý kiến thuộc thẩm quyền; báo cáo kết "
        "quả về Sở Nông nghiệp và Môi trường."),
    "da6_communication": _organisation(
        "Chủ trì triển khai Kế hoạch; biên soạn tài liệu truyền thông; tổng hợp, báo cáo kết quả.",
        "Tổ chức truyền thông trên hệ thống thông tin cơ sở; báo cáo kết quả về Sở Nông nghiệp và "
        "Môi trường.", extra=_CULTURE),
    "commune_dialogue": _organisation(
        "Chuẩn bị nội dung, tổng hợp ý kiến, kiến nghị sau buổi đối thoại; theo dõi việc giải quyết.",
        "Mời người dân tham dự; chuẩn bị địa điểm; giải quyết kiến nghị thuộc thẩm quyền."),
    "review_conference": _organisation(
        "Xây dựng báo cáo tổng kết; chuẩn bị hội nghị; đề xuất khen thưởng.",
        "Gửi báo cáo kết quả thực hiện năm về Sở Nông nghiệp và Môi trường trước ngày 10 tháng 12 "
        "hằng năm."),
    "yearly_implementation": _organisation(
        "Chủ trì tổ chức thực hiện; hướng dẫn, kiểm tra các xã, phường, đặc khu; tổng hợp, báo cáo "
        "kết quả.",
        "Triển khai các nội dung tại địa phương; báo cáo kết quả về Sở Nông nghiệp và Môi trường."),
    "household_review": _organisation(
        "Hướng dẫn nghiệp vụ rà soát; kiểm tra, giám sát; tổng hợp kết quả rà soát toàn {unit_kind}, "
        "báo cáo Ủy ban nhân dân {unit_kind}.",
        "Thành lập Ban Chỉ đạo rà soát cấp xã; tổ chức rà soát theo đúng quy trình; báo cáo kết quả "
        "về Sở Nông nghiệp và Môi trường."),
}

RECIPIENTS = ["Bộ Nông nghiệp và Môi trường (b/c)", "TT {party}, TT HĐND {unit_kind} (b/c)",
              "CT, các PCT UBND {unit_kind}", "UBMTTQ Việt Nam {unit_kind} (p/h)",
              "Các sở: Nông nghiệp và Môi trường, Dân tộc và Tôn giáo, Tài chính",
              "UBND các xã, phường, đặc khu", "Lưu: VT, NNMT"]

WORDS = {
    "lead_office": LEAD_OFFICE,
    "commune_ubnd": "Ủy ban nhân dân cấp xã",
    "participants": PARTICIPANTS,
    "leader_participants": LEADER_PARTICIPANTS,
    "review_participants": REVIEW_PARTICIPANTS,
    "review_lead": "Ủy ban nhân dân các xã, phường, đặc khu tổ chức rà soát theo các bước sau:\n",
}
