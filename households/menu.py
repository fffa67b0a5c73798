"""Home-page cards of the household registry, per role."""

from areas.models import Role

_LIST = ("bi-people", "Hộ gia đình", "Tìm hộ theo tên không dấu, mã hộ hoặc số cuối số định danh; lọc theo thôn, phân loại.",
         "households:household-list")
_IMPORT = ("bi-file-earmark-arrow-up", "Nhập danh sách hộ", "Tải tệp Excel danh sách hộ nghèo, cận nghèo của xã; xem trước từng dòng rồi mới ghi.",
           "households:import-start")

_REGISTER = ("bi-person-plus", "Thêm hộ gia đình", "Đăng ký một hộ tại chỗ: kiểm tra số định danh, ghi phân loại năm.",
             "households:household-create")

ROLE_TASKS = {
    Role.PLANNER: [_LIST, _IMPORT],
    Role.COMMUNE_STAFF: [_IMPORT, _LIST, _REGISTER],
    Role.FINANCE: [("bi-people", "Hộ gia đình", "Danh sách hộ thụ hưởng để lập danh sách chi trả (không hiển thị dữ liệu nhạy cảm).",
                    "households:household-list")],
    Role.LEADER: [_LIST],
    Role.ADMIN: [("bi-people", "Hộ gia đình", "Xem sổ hộ của mọi xã/phường (số định danh được che).", "households:household-list")],
}
