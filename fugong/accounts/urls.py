from django.contrib.auth import views as auth_views
from django.urls import path

from fugong.accounts import views

app_name = "accounts"

urlpatterns = [
    path("devices/", views.device_list, name="device_list"),
    path("devices/new/", views.device_create, name="device_create"),
    path("devices/<int:pk>/revoke/", views.device_revoke, name="device_revoke"),
]

# login/logout keep Django's global names so LOGIN_URL and templates can use them.
auth_urlpatterns = [
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
]
