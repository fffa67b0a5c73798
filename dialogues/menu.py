"""Home-page cards for dialogues, per role."""

from areas.models import Role

_LIST = ("bi-chat-square-text", "Hội nghị đối thoại", "Lịch đối thoại chính sách của các xã: đăng ký người dân, "
         "in danh sách, điểm danh, biên bản.", "dialogues:session-list")
_PETITIONS = ("bi-chat-left-dots", "Ý kiến, kiến nghị", "Sổ theo dõi ý kiến của người dân, hạn trả lời và các "
              "ý kiến quá hạn.", "dialogues:petition-list")

_PRIORITIES = ("bi-sliders", "Điểm ưu tiên mời dự đối thoại", "Đặt điểm cho từng tiêu chí ưu tiên (chủ hộ nữ, "
               "dân tộc thiểu số, hộ nghèo, chưa từng dự…) dùng để gợi ý người dân.", "dialogues:priorities-index")

ROLE_TASKS = {
    Role.PLANNER: [_LIST, _PETITIONS, _PRIORITIES],
    Role.COMMUNE_STAFF: [("bi-person-check", "Đăng ký, điểm danh đối thoại", "Chọn người dân theo thứ tự ưu tiên, "
                          "in danh sách ký, điểm danh tại hội nghị bằng điện thoại.", "dialogues:session-list"),
                         _PETITIONS],
    Role.FINANCE: [("bi-cash-coin", "Danh sách chi trả đối thoại", "In danh sách ký nhận tiền hỗ trợ người dân "
                    "tham dự hội nghị đối thoại.", "dialogues:session-list")],
    Role.LEADER: [_LIST, _PETITIONS],
    Role.ADMIN: [_LIST],
}
