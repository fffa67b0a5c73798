"""Home-page cards for dialogues, per role."""

from areas.models import Role

_LIST = ("bi-chat-square-text", "Hội nghị đối thoại", "Lịch đối thoại chính sách của các xã: đăng ký người dân, "
         "in danh sách, điểm danh, biên bản.", "dialogues:session-list")
_PETITIONS = ("bi-chat-left-dots", "Ý kiến, kiến nghị", "Sổ theo dõi ý kiến của người dân, hạn trả lời và các "
              "ý kiến quá hạn.", "dialogues:petition-list")

ROLE_TASKS = {
    Role.PLANNER: [_LIST, _PETITIONS],
    Role.COMMUNE_STAFF: [("bi-person-check", "Đăng ký, điểm danh đối thoại", "Chọn người dân theo thứ tự ưu tiên, "
                          "in danh sách ký, điểm danh tại hội nghị bằng điện thoại.", "dialogues:session-list"),
                         _PETITIONS],
    Role.FINANCE: [("bi-cash-coin", "Danh sách chi trả đối thoại", "In danh sách ký nhận tiền hỗ trợ người dân "
                    "tham dự hội nghị đối thoại.", "dialogues:session-list")],
    Role.LEADER: [_LIST, _PETITIONS],
    Role.ADMIN: [_LIST],
}
