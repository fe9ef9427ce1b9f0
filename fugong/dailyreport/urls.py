from django.urls import path

from fugong.dailyreport import metrics_views, upload_views, views

app_name = "dailyreport"

urlpatterns = [
    path("", views.report_list, name="report_list"),
    path("new/", views.report_file, name="report_file"),
    path("<int:pk>/", views.report_detail, name="report_detail"),
    path("<int:pk>/confirm/", views.report_confirm_view, name="report_confirm"),
    path("upload/", upload_views.upload, name="upload"),
    path("upload/confirm/", upload_views.upload_confirm, name="upload_confirm"),
    path("upload/template.xlsx", upload_views.upload_template, name="upload_template"),
    path("missing/", views.missing_list, name="missing_list"),
    path("metrics/", metrics_views.metrics_overview, name="metrics_overview"),
    path("metrics/trends/", metrics_views.metrics_trends, name="metrics_trends"),
    path("metrics/distribution/", metrics_views.metrics_distribution, name="metrics_distribution"),
    path("metrics/rankings/", metrics_views.metrics_rankings, name="metrics_rankings"),
    path("metrics/export.xlsx", metrics_views.metrics_export, name="metrics_export"),
]
