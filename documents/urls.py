from django.urls import path

from documents import views

app_name = "documents"
urlpatterns = [
    path("mau/", views.sample, name="sample"),
    path("mau/xem-truoc/", views.sample_preview, name="sample-preview"),
    path("mau/pdf/", views.sample_pdf, name="sample-pdf"),
    path("mau/docx/", views.sample_docx, name="sample-docx"),
]
