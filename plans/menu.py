"""Home-page cards for plans, per role."""

from areas.models import Role

_LIST = ("bi-journal-text", "Kế hoạch", "Danh sách kế hoạch của đơn vị: dự thảo, chờ duyệt, đã ban hành.", "plans:plan-list")

ROLE_TASKS = {
    Role.PLANNER: [
        ("bi-file-earmark-plus", "Lập kế hoạch mới", "Chọn loại kế hoạch; hệ thống tạo sẵn bản dự thảo đúng thể thức Nghị định 30.", "plans:plan-create"),
        _LIST,
        ("bi-bookmark-check", "Văn bản căn cứ", "Thư viện văn bản dùng làm căn cứ, kiểm tra số hiệu.", "plans:library-list"),
    ],
    Role.LEADER: [
        ("bi-check2-square", "Kế hoạch chờ phê duyệt", "Xem, trả lại kèm ý kiến, phê duyệt và ban hành kế hoạch.", "plans:plan-list"),
    ],
    Role.FINANCE: [_LIST],
    Role.COMMUNE_STAFF: [_LIST],
    Role.ADMIN: [_LIST],
}
