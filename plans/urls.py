from django.urls import path

from plans import editor, issuing_views, library, views
from plans.textchecks import views as textcheck_views

app_name = "plans"
urlpatterns = [
    path("", views.plan_list, name="plan-list"),
    path("tao-moi/", views.plan_create, name="plan-create"),
    path("<int:pk>/", views.plan_detail, name="plan-detail"),
    path("<int:pk>/kiem-tra/", views.plan_checks, name="plan-checks"),
    path("<int:pk>/kiem-tra/sua/", textcheck_views.plan_fix, name="plan-fix"),
    path("<int:pk>/xem-truoc/", views.plan_preview, name="plan-preview"),
    path("<int:pk>/pdf/", views.plan_pdf_view, name="plan-pdf"),
    path("<int:pk>/docx/", views.plan_docx_view, name="plan-docx"),
    path("<int:pk>/trinh/", views.plan_submit, name="plan-submit"),
    path("<int:pk>/tra-lai/", views.plan_return, name="plan-return"),
    path("<int:pk>/phe-duyet/", views.plan_approve, name="plan-approve"),
    path("<int:pk>/ban-hanh/", issuing_views.plan_issue, name="plan-issue"),
    path("<int:pk>/ban-hanh/xem-truoc.pdf", issuing_views.plan_issue_preview,
         name="plan-issue-preview"),
    path("<int:pk>/thu-hoi/", issuing_views.plan_withdraw, name="plan-withdraw"),
    path("so-dang-ky/", issuing_views.register, name="register"),
    path("<int:pk>/sao-chep/", views.plan_copy, name="plan-copy"),
    path("<int:pk>/lich-su/", views.plan_history, name="plan-history"),
    path("<int:pk>/lich-su/so-sanh/", views.plan_compare, name="plan-compare"),
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
