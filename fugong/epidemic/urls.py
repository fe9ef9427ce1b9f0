"""Pages of the epidemic app (app_name "epidemic"); each area adds its patterns in one block."""

from __future__ import annotations

from django.urls import path

from fugong.epidemic.views import presence as presence_views
from fugong.epidemic.views import tracing as tracing_views

app_name = "epidemic"

urlpatterns = [
    # --- tracing: presence sources, contact tracing, clusters ---
    path("cases/<int:pk>/trace/", tracing_views.case_trace, name="case_trace"),
    path("clusters/", tracing_views.cluster_list, name="cluster_list"),
    path("clusters/<int:pk>/", tracing_views.cluster_detail, name="cluster_detail"),
    path("rosters/", presence_views.roster_list, name="roster_list"),
    path("rosters/new/", presence_views.roster_create, name="roster_create"),
    path("dormitory-nights/", presence_views.night_list, name="night_list"),
    path("dormitory-nights/new/", presence_views.night_create, name="night_create"),
    path("dormitory-nights/import/", presence_views.night_import, name="night_import"),
    path("gatherings/", presence_views.gathering_list, name="gathering_list"),
    path("gatherings/new/", presence_views.gathering_create, name="gathering_create"),
    # --- end tracing ---
]
