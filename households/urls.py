from django.urls import path

from households import edit_views, import_views, mapping_views, views, village_views

app_name = "households"
urlpatterns = [
    path("", views.household_list, name="household-list"),
    path("xuat-excel/", views.household_export, name="household-export"),
    path("xuat-csv/", views.household_export_csv, name="household-export-csv"),
    path("thon/", village_views.village_list, name="village-list"),
    path("thon/them/", village_views.village_add, name="village-add"),
    path("thon/them-tat-ca/", village_views.village_add_all, name="village-add-all"),
    path("thon/<int:pk>/doi-ten/", village_views.village_rename, name="village-rename"),
    path("thon/gop/", village_views.village_merge, name="village-merge"),
    path("thon/cach-viet/", village_views.village_map, name="village-map"),
    path("thon/quy-tac-ma-ho/", village_views.code_rule, name="code-rule"),
    path("them-moi/", edit_views.household_create, name="household-create"),
    path("<int:pk>/", views.household_detail, name="household-detail"),
    path("<int:pk>/sua/", edit_views.household_edit, name="household-edit"),
    path("<int:pk>/phan-loai/", edit_views.household_classify, name="household-classify"),
    path("<int:pk>/xem-so-dinh-danh/", views.household_reveal_id, name="household-reveal-id"),
    path("nhap-excel/", import_views.import_start, name="import-start"),
    path("nhap-excel/cach-ghep-cot/", mapping_views.mapping_list, name="mapping-list"),
    path("nhap-excel/cach-ghep-cot/<int:pk>/xoa/", mapping_views.mapping_delete, name="mapping-delete"),
    path("nhap-excel/<int:pk>/", import_views.import_detail, name="import-detail"),
    path("nhap-excel/<int:pk>/tien-do/", import_views.import_progress, name="import-progress"),
    path("nhap-excel/<int:pk>/ghep-cot/", mapping_views.import_mapping, name="import-mapping"),
    path("nhap-excel/<int:pk>/ghi/", import_views.import_commit, name="import-commit"),
    path("nhap-excel/<int:pk>/huy/", import_views.import_cancel, name="import-cancel"),
    path("nhap-excel/<int:pk>/thu-lai/", import_views.import_retry, name="import-retry"),
    path("nhap-excel/<int:pk>/bao-cao.xlsx", import_views.import_report, name="import-report"),
    path("nhap-excel/<int:pk>/dong/<int:row>/", import_views.import_row, name="import-row"),
    path("nhap-excel/<int:pk>/dong-chua-nhap.xlsx", import_views.import_pending, name="import-pending"),
    path("nhap-excel/<int:pk>/nhap-tiep/", import_views.import_continue, name="import-continue"),
]
