from django.urls import path

from fugong.people import finding_views, pickers, roster_export_views, roster_views, views

app_name = "people"

urlpatterns = [
    path("", views.person_list, name="person_list"),
    path("new/", views.person_create, name="person_create"),
    path("me/", views.person_me, name="me"),
    path("<int:pk>/", views.person_detail, name="person_detail"),
    path("<int:pk>/edit/", views.person_edit, name="person_edit"),
    path("<int:pk>/reveal/", views.person_reveal, name="person_reveal"),
    path("export.xlsx", roster_export_views.person_export, name="person_export"),
    path("exports/<str:token>/", roster_export_views.export_status, name="export_status"),
    path(
        "exports/<str:token>/download/",
        roster_export_views.export_download,
        name="export_download",
    ),
    path("import/", roster_views.roster_import, name="roster_import"),
    path("import/confirm/", roster_views.roster_confirm, name="roster_confirm"),
    path("findings/", finding_views.finding_list, name="finding_list"),
    path("pick/", pickers.pick_people, name="pick_people"),
    path("import/template.xlsx", roster_views.roster_template, name="roster_template"),
]
