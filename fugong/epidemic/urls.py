from django.urls import path

from fugong.epidemic.views import health

app_name = "epidemic"

urlpatterns = [
    # health: daily check-in, personal code, status, override, appeals
    path("checkin/", health.checkin, name="health_checkin"),
    path("checkin/for/", health.checkin_for, name="health_checkin_for"),
    path("checkins/", health.checkin_list, name="health_checkin_list"),
    path("checkins/missing/", health.checkin_missing, name="health_checkin_missing"),
    path("travel/", health.travel_list, name="health_travel_list"),
    path("code/", health.code, name="health_code"),
    path("status/", health.status_list, name="health_status_list"),
    path("status/<int:pk>/", health.status_detail, name="health_status_detail"),
    path("status/<int:pk>/override/", health.override, name="health_override"),
    path("appeals/", health.appeal_list, name="health_appeal_list"),
    path("appeals/new/", health.appeal_new, name="health_appeal_new"),
    path("appeals/<int:pk>/decide/", health.appeal_decision, name="health_appeal_decide"),
]
