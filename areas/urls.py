from django.urls import path

from areas import views

app_name = "areas"
urlpatterns = [
    path("don-vi/", views.unit_list, name="unit-list"),
    path("don-vi/<int:pk>/", views.unit_detail, name="unit-detail"),
    path("co-quan-ban-hanh/", views.body_list, name="body-list"),
    path("co-quan-ban-hanh/<int:pk>/", views.body_detail, name="body-detail"),
]
