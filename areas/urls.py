from django.urls import path

from areas.views import units

app_name = "areas"
urlpatterns = [
    path("don-vi/", units.unit_list, name="unit-list"),
    path("don-vi/<int:pk>/", units.unit_detail, name="unit-detail"),
    path("co-quan-ban-hanh/", units.body_list, name="body-list"),
    path("co-quan-ban-hanh/<int:pk>/", units.body_detail, name="body-detail"),
]
