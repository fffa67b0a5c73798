"""Home-page card of the roll-up, for leaders."""

from areas.models import Role

ROLE_TASKS = {
    Role.LEADER: [("bi-bar-chart-line", "Tổng hợp đối thoại theo đơn vị", "Hội nghị, người dân tham dự, ý kiến "
                   "và kinh phí của các xã trong năm: xem biểu đồ, in báo cáo, tải bảng số liệu.", "rollup:page")],
}
