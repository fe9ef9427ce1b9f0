"""Pages of the epidemic app (app_name "epidemic"); each area adds its patterns in one block."""

from __future__ import annotations

from django.urls import path

from fugong.epidemic import pickers
from fugong.epidemic.views import alert as alert_views
from fugong.epidemic.views import case as case_views
from fugong.epidemic.views import checkpoint, health, policy, riskarea
from fugong.epidemic.views import command as command_views
from fugong.epidemic.views import observation as observation_views
from fugong.epidemic.views import presence as presence_views
from fugong.epidemic.views import screening as screening_views
from fugong.epidemic.views import tracing as tracing_views

app_name = "epidemic"

urlpatterns = [
    # health: daily check-in, personal code, status, override, appeals
    path("checkin/", health.checkin, name="health_checkin"),
    path("checkin/for/", health.checkin_for, name="health_checkin_for"),
    path("checkin/for/people/", pickers.checkin_people_pick, name="health_checkin_people"),
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
    # checkpoint (screening, policy, risk areas)
    path("checkpoint/", checkpoint.checkpoint_choose, name="checkpoint"),
    path("checkpoint/<int:pk>/", checkpoint.checkpoint_screen, name="checkpoint_screen"),
    path("checkpoint/<int:pk>/recent/", checkpoint.checkpoint_recent, name="checkpoint_recent"),
    path("screenings/", screening_views.screening_list, name="screening_list"),
    path("screenings/export.xlsx", screening_views.screening_export, name="screening_export"),
    path("policy/", policy.policy_page, name="policy"),
    path("policy/new/", policy.policy_create, name="policy_create"),
    path("risk-areas/", riskarea.riskarea_list, name="riskarea_list"),
    path("risk-areas/new/", riskarea.riskarea_create, name="riskarea_create"),
    path("risk-areas/<int:pk>/end/", riskarea.riskarea_end_view, name="riskarea_end"),
    path("risk-areas/import/", riskarea.riskarea_import, name="riskarea_import"),
    path(
        "risk-areas/import/confirm/",
        riskarea.riskarea_import_confirm,
        name="riskarea_import_confirm",
    ),
    path("risk-areas/template.xlsx", riskarea.riskarea_template, name="riskarea_template"),
    # --- tracing: presence sources, contact tracing, clusters ---
    path("cases/<int:pk>/trace/", tracing_views.case_trace, name="case_trace"),
    path("clusters/", tracing_views.cluster_list, name="cluster_list"),
    path("clusters/<int:pk>/", tracing_views.cluster_detail, name="cluster_detail"),
    path("rosters/", presence_views.roster_list, name="roster_list"),
    path("rosters/new/", presence_views.roster_create, name="roster_create"),
    path("rosters/import/", presence_views.roster_import, name="roster_import"),
    path(
        "rosters/import/template.xlsx",
        presence_views.roster_import_template,
        name="roster_import_template",
    ),
    path("dormitory-nights/", presence_views.night_list, name="night_list"),
    path("dormitory-nights/new/", presence_views.night_create, name="night_create"),
    path("dormitory-nights/import/", presence_views.night_import, name="night_import"),
    path("gatherings/", presence_views.gathering_list, name="gathering_list"),
    path("gatherings/new/", presence_views.gathering_create, name="gathering_create"),
    # --- end tracing ---
]
