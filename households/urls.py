from django.urls import path

from households.views import edit, imports, mapping, registry, villages

app_name = "households"
urlpatterns = [
    path("", registry.household_list, name="household-list"),
    path("xuat-excel/", registry.household_export, name="household-export"),
    path("xuat-csv/", registry.household_export_csv, name="household-export-csv"),
    path("thon/", villages.village_list, name="village-list"),
    path("thon/them/", villages.village_add, name="village-add"),
    path("thon/them-tat-ca/", villages.village_add_all, name="village-add-all"),
    path("thon/<int:pk>/doi-ten/", villages.village_rename, name="village-rename"),
    path("thon/gop/", villages.village_merge, name="village-merge"),
    path("thon/cach-viet/", villages.village_map, name="village-map"),
    path("thon/quy-tac-ma-ho/", villages.code_rule, name="code-rule"),
    path("them-moi/", edit.household_create, name="household-create"),
    path("<int:pk>/", registry.household_detail, name="household-detail"),
    path("<int:pk>/sua/", edit.household_edit, name="household-edit"),
    path("<int:pk>/phan-loai/", edit.household_classify, name="household-classify"),
    path("<int:pk>/xem-so-dinh-danh/", registry.household_reveal_id, name="household-reveal-id"),
    path("<int:pk>/da-du-doi-thoai/<int:past_pk>/xoa/", registry.household_past_remove,
         name="household-past-remove"),
    path("nhap-excel/", imports.import_start, name="import-start"),
    path("nhap-excel/cach-ghep-cot/", mapping.mapping_list, name="mapping-list"),
    path("nhap-excel/cach-ghep-cot/<int:pk>/xoa/", mapping.mapping_delete, name="mapping-delete"),
    path("nhap-excel/<int:pk>/", imports.import_detail, name="import-detail"),
    path("nhap-excel/<int:pk>/tien-do/", imports.import_progress, name="import-progress"),
    path("nhap-excel/<int:pk>/ghep-cot/", mapping.import_mapping, name="import-mapping"),
    path("nhap-excel/<int:pk>/ghi/", imports.import_commit, name="import-commit"),
    path("nhap-excel/<int:pk>/huy/", imports.import_cancel, name="import-cancel"),
    path("nhap-excel/<int:pk>/thu-lai/", imports.import_retry, name="import-retry"),
    path("nhap-excel/<int:pk>/bao-cao.xlsx", imports.import_report, name="import-report"),
    path("nhap-excel/<int:pk>/dong/<int:row>/", imports.import_row, name="import-row"),
    path("nhap-excel/<int:pk>/dong-chua-nhap.xlsx", imports.import_pending, name="import-pending"),
    path("nhap-excel/<int:pk>/nhap-tiep/", imports.import_continue, name="import-continue"),
    path("nhap-excel/<int:pk>/da-du-doi-thoai/", imports.import_past, name="import-past"),
]
