"""Home-page cards: the areas ones per role, and every feature app's gathered by tasks_for()."""

import importlib

from areas.models import Role

# What each role can do today; later features add their entries here.
ROLE_TASKS = {
    Role.PLANNER: [
        ("bi-building", "Cơ quan ban hành", "Xem tiêu đề, ký hiệu và địa danh của cơ quan ban hành văn bản thuộc đơn vị.", "areas:body-list"),
        ("bi-geo-alt", "Đơn vị hành chính", "Tra cứu xã, huyện, tỉnh thuộc phạm vi (cả trước và sau 01/07/2025).", "areas:unit-list"),
    ],
    Role.COMMUNE_STAFF: [
        ("bi-geo-alt", "Đơn vị hành chính", "Tra cứu xã và các đơn vị trước sáp nhập thuộc phạm vi của bạn.", "areas:unit-list"),
    ],
    Role.FINANCE: [
        ("bi-building", "Cơ quan ban hành", "Xem các cơ quan ban hành văn bản thuộc đơn vị.", "areas:body-list"),
        ("bi-geo-alt", "Đơn vị hành chính", "Tra cứu đơn vị hành chính thuộc phạm vi.", "areas:unit-list"),
    ],
    Role.LEADER: [
        ("bi-building", "Cơ quan ban hành", "Xem khối chữ ký và tiêu đề văn bản của cơ quan.", "areas:body-list"),
        ("bi-geo-alt", "Đơn vị hành chính", "Tra cứu đơn vị hành chính thuộc phạm vi.", "areas:unit-list"),
    ],
    Role.ADMIN: [
        ("bi-file-earmark-text", "Văn bản mẫu", "Xem bố cục văn bản theo Nghị định 30/2020/NĐ-CP dưới dạng PDF và DOCX.", "documents:sample"),
        ("bi-people", "Người dùng và phân công", "Tạo tài khoản, giao vai trò và đơn vị làm việc.", "admin:auth_user_changelist"),
        ("bi-building-gear", "Cơ quan ban hành", "Thêm, sửa tiêu đề, chữ viết tắt, địa danh và thời gian hiệu lực.", "admin:areas_issuingbody_changelist"),
        ("bi-geo-alt", "Đơn vị hành chính", "Tra cứu toàn bộ đơn vị hành chính của hai thời kỳ.", "areas:unit-list"),
    ],
}


FEATURE_APPS = ("plans", "dialogues", "households", "budgets", "rollup")


def tasks_for(role) -> list[tuple[str, str, str, str]]:
    """The role's cards: each feature app's ``menu.ROLE_TASKS`` first, then the areas ones."""
    cards = []
    for app in FEATURE_APPS:
        try:
            menu = importlib.import_module(f"{app}.menu")
        except ModuleNotFoundError as error:
            if error.name != f"{app}.menu":
                raise
            continue
        cards += menu.ROLE_TASKS.get(role, [])
    return cards + ROLE_TASKS[role]
