from django.contrib.auth import views as auth_views
from django.urls import path

from fugong.accounts import views

app_name = "accounts"

urlpatterns = [
    path("devices/", views.device_list, name="device_list"),
    path("devices/new/", views.device_create, name="device_create"),
    path("devices/<int:pk>/revoke/", views.device_revoke, name="device_revoke"),
]

# login/logout and the password change keep Django's global names, so LOGIN_URL, templates and
# PasswordChangeView's own redirect find them. Our own template names: the admin's password
# page renders "registration/password_change_form.html", which must stay the admin's.
auth_urlpatterns = [
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password/",
        auth_views.PasswordChangeView.as_view(template_name="accounts/password_change_form.html"),
        name="password_change",
    ),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(
            template_name="accounts/password_change_done.html"
        ),
        name="password_change_done",
    ),
]
