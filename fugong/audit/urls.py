from django.urls import path

from fugong.audit import views

app_name = "audit"

urlpatterns = [
    path("pii/", views.pii_access_list, name="pii_access_list"),
    path("changes/", views.change_list, name="change_list"),
]
