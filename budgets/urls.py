from django.urls import path

from budgets.views import allocations, estimates, files, imports, lines, overview

app_name = "budgets"
urlpatterns = [
    path("", overview.budget_overview, name="overview"),
    path("bao-cao-giai-ngan.xlsx", files.execution_xlsx, name="execution-xlsx"),
    path("du-toan/", overview.estimate_list, name="estimate-list"),
    path("du-toan/them/", estimates.estimate_create, name="estimate-create"),
    path("du-toan/<int:pk>/", estimates.estimate_detail, name="estimate-detail"),
    path("du-toan/<int:pk>/sua/", estimates.estimate_edit, name="estimate-edit"),
    path("du-toan/<int:pk>/don-vi-tinh/", estimates.display_unit, name="estimate-display-unit"),
    path("du-toan/<int:pk>/xlsx/", files.estimate_xlsx, name="estimate-xlsx"),
    path("du-toan/<int:pk>/nhap/", imports.estimate_import, name="estimate-import"),
    path("du-toan/<int:pk>/nhap/xac-nhan/", imports.estimate_import_confirm, name="estimate-import-confirm"),
    path("du-toan/<int:pk>/nhap/<int:import_pk>/", imports.estimate_import_detail, name="estimate-import-detail"),
    path("du-toan/<int:pk>/nhap/<int:import_pk>/tien-do/", imports.estimate_import_progress,
         name="estimate-import-progress"),
    path("du-toan/<int:pk>/nhap/<int:import_pk>/hoan-tac/", imports.estimate_import_undo,
         name="estimate-import-undo"),
    path("du-toan/<int:pk>/tong-ghi/", estimates.stated_total_edit, name="stated-total-edit"),
    path("tong-ghi/<int:pk>/giu-chenh-lech/", estimates.stated_total_keep, name="stated-total-keep"),
    path("tong-ghi/<int:pk>/xoa/", estimates.stated_total_delete, name="stated-total-delete"),
    path("du-toan/<int:pk>/nhom/them/", estimates.group_add, name="group-add"),
    path("nhom/<int:pk>/sua/", estimates.group_edit, name="group-edit"),
    path("nhom/<int:pk>/xoa/", estimates.group_delete, name="group-delete"),
    path("nhom/<int:group_pk>/dong/them/", lines.line_add, name="line-add"),
    path("dong/<int:pk>/sua/", lines.line_edit, name="line-edit"),
    path("dong/<int:pk>/xoa/", lines.line_delete, name="line-delete"),
    path("dong/<int:pk>/giai-ngan/", lines.line_disbursements, name="line-disbursements"),
    path("giao-von/", allocations.decision_list, name="decision-list"),
    path("giao-von/them/", allocations.decision_create, name="decision-create"),
    path("giao-von/<int:pk>/", allocations.decision_detail, name="decision-detail"),
    path("giao-von/<int:pk>/sua/", allocations.decision_edit, name="decision-edit"),
    path("giao-von/khoan/<int:pk>/xoa/", allocations.allocation_delete, name="allocation-delete"),
    path("dinh-muc/", overview.norm_list, name="norm-list"),
]
