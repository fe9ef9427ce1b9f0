from django.urls import path

from fugong.epidemic.views import alert as alert_views
from fugong.epidemic.views import case as case_views
from fugong.epidemic.views import command as command_views
from fugong.epidemic.views import observation as observation_views

app_name = "epidemic"

urlpatterns = [
    # --- observation: cases, observations, prohibitions, alerts, command ----------------------
    path("cases/", case_views.case_list, name="case_list"),
    path("cases/new/", case_views.case_create, name="case_create"),
    path("cases/<int:pk>/", case_views.case_detail, name="case_detail"),
    path("cases/<int:pk>/edit/", case_views.case_edit, name="case_edit"),
    path("cases/<int:pk>/tests/", case_views.case_test_add, name="case_test_add"),
    path("cases/<int:pk>/isolate/", case_views.case_isolate, name="case_isolate"),
    path("observations/", observation_views.observation_list, name="observation_list"),
    path("observations/new/", observation_views.observation_open, name="observation_open"),
    path("observations/<int:pk>/", observation_views.observation_detail, name="observation_detail"),
    path(
        "observations/<int:pk>/follow-ups/",
        observation_views.follow_up_add,
        name="follow_up_add",
    ),
    path(
        "observations/<int:pk>/release/",
        observation_views.observation_release_view,
        name="observation_release",
    ),
    path("prohibitions/", observation_views.prohibition_list, name="prohibition_list"),
    path("alerts/", alert_views.alert_list, name="alert_list"),
    path("alerts/badge/", alert_views.alert_badge, name="alert_badge"),
    path(
        "alerts/<int:pk>/acknowledge/",
        alert_views.alert_acknowledge_view,
        name="alert_acknowledge",
    ),
    path("command/", command_views.command, name="command"),
]
