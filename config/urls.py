from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from areas.forms import LoginForm
from areas.passwords import PasswordChangeView
from areas.views.home import home

admin.site.site_header = "Quản trị hệ thống giảm nghèo bền vững"
admin.site.site_title = "Quản trị"
admin.site.index_title = "Danh mục và người dùng"

urlpatterns = [
    path("", home, name="home"),
    path("dang-nhap/", auth_views.LoginView.as_view(
        authentication_form=LoginForm, redirect_authenticated_user=True), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("doi-mat-khau/", PasswordChangeView.as_view(), name="password_change"),
    path("doi-mat-khau/xong/", auth_views.PasswordChangeDoneView.as_view(),
         name="password_change_done"),
    path("", include("areas.urls")),
    path("ke-hoach/", include("plans.urls")),
    path("kinh-phi/", include("budgets.urls")),
    path("ho-gia-dinh/", include("households.urls")),
    path("doi-thoai/", include("dialogues.urls")),
    path("van-ban/", include("documents.urls")),
    path("tong-hop/", include("rollup.urls")),
    path("admin/", admin.site.urls),
]
