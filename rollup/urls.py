from django.urls import path

from rollup import views

app_name = "rollup"
urlpatterns = [
    path("", views.rollup_page, name="page"),
    path("bao-cao.pdf", views.rollup_download, {"fmt": "pdf"}, name="rollup-pdf"),
    path("bao-cao.docx", views.rollup_download, {"fmt": "docx"}, name="rollup-docx"),
    path("so-lieu.xlsx", views.rollup_download, {"fmt": "xlsx"}, name="rollup-xlsx"),
]
