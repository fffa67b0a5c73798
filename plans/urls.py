from django.urls import path

from plans.views import editor, fixes, issuing, library, plans

app_name = "plans"
urlpatterns = [
    path("", plans.plan_list, name="plan-list"),
    path("tao-moi/", plans.plan_create, name="plan-create"),
    path("<int:pk>/", plans.plan_detail, name="plan-detail"),
    path("<int:pk>/kiem-tra/", plans.plan_checks, name="plan-checks"),
    path("<int:pk>/kiem-tra/sua/", fixes.plan_fix, name="plan-fix"),
    path("<int:pk>/xem-truoc/", plans.plan_preview, name="plan-preview"),
    path("<int:pk>/pdf/", plans.plan_pdf_view, name="plan-pdf"),
    path("<int:pk>/docx/", plans.plan_docx_view, name="plan-docx"),
    path("<int:pk>/trinh/", plans.plan_submit, name="plan-submit"),
    path("<int:pk>/tra-lai/", plans.plan_return, name="plan-return"),
    path("<int:pk>/phe-duyet/", plans.plan_approve, name="plan-approve"),
    path("<int:pk>/ban-hanh/", issuing.plan_issue, name="plan-issue"),
    path("<int:pk>/ban-hanh/xem-truoc.pdf", issuing.plan_issue_preview,
         name="plan-issue-preview"),
    path("<int:pk>/thu-hoi/", issuing.plan_withdraw, name="plan-withdraw"),
    path("so-dang-ky/", issuing.register, name="register"),
    path("<int:pk>/sao-chep/", plans.plan_copy, name="plan-copy"),
    path("<int:pk>/lich-su/", plans.plan_history, name="plan-history"),
    path("<int:pk>/lich-su/so-sanh/", plans.plan_compare, name="plan-compare"),
    path("<int:pk>/soan-thao/", editor.plan_edit, name="plan-edit"),
    path("<int:pk>/soan-thao/thong-tin/", editor.header_save, name="header-save"),
    path("<int:pk>/soan-thao/can-cu/", editor.bases_save, name="bases-save"),
    path("<int:pk>/soan-thao/dan/", editor.paste, name="paste"),
    path("<int:pk>/soan-thao/doan/them/", editor.block_add, name="block-add"),
    path("<int:pk>/soan-thao/doan/<int:block_pk>/", editor.block_save, name="block-save"),
    path("<int:pk>/soan-thao/doan/<int:block_pk>/di-chuyen/", editor.block_move,
         name="block-move"),
    path("<int:pk>/soan-thao/doan/<int:block_pk>/cap/", editor.block_shift, name="block-shift"),
    path("<int:pk>/soan-thao/doan/<int:block_pk>/xoa/", editor.block_delete, name="block-delete"),
    path("van-ban-can-cu/", library.library_list, name="library-list"),
    path("van-ban-can-cu/them/", library.library_create, name="library-create"),
]
