"""Home-page cards of the budgets app, per role."""

from areas.models import Role

_OVERVIEW = ("bi-bar-chart-line", "Kinh phí", "Vốn được giao, dự toán và giải ngân theo tiểu dự án.",
             "budgets:overview")
_ESTIMATES = ("bi-calculator", "Dự toán kinh phí", "Lập dự toán chi tiết theo nhóm nội dung chi, "
              "kiểm tra định mức và vốn được giao.", "budgets:estimate-list")

ROLE_TASKS = {
    Role.PLANNER: [_ESTIMATES, _OVERVIEW],
    Role.COMMUNE_STAFF: [_ESTIMATES],
    Role.FINANCE: [
        _OVERVIEW,
        _ESTIMATES,
        ("bi-cash-stack", "Quyết định giao vốn", "Ghi quyết định giao vốn và số được giao cho từng "
         "đơn vị, tiểu dự án, nguồn vốn.", "budgets:decision-list"),
    ],
    Role.LEADER: [_OVERVIEW, _ESTIMATES],
    Role.ADMIN: [
        ("bi-diagram-3", "Danh mục chương trình", "Chương trình, dự án, tiểu dự án và nguồn vốn.",
         "admin:budgets_program_changelist"),
        ("bi-rulers", "Định mức chi", "Định mức theo tỉnh và thời kỳ.", "admin:budgets_norm_changelist"),
    ],
}
