from django.urls import path

from fugong.oversight import views

app_name = "oversight"

urlpatterns = [
    path("my/", views.my_page, name="my"),
    path("pairings/", views.pairing_list, name="pairing_list"),
    path("pairings/new/", views.pairing_create, name="pairing_create"),
    path("pairings/<int:pk>/end/", views.pairing_end, name="pairing_end"),
    path("projects/", views.project_list, name="project_list"),
    path("projects/new/", views.project_create, name="project_create"),
    path("projects/<int:pk>/", views.project_detail, name="project_detail"),
    path("projects/pair/", views.project_pairing_create, name="project_pairing_create"),
    path("projects/pairings/<int:pk>/end/", views.project_pairing_end, name="project_pairing_end"),
    path("visits/", views.visit_list, name="visit_list"),
    path("visits/new/", views.visit_create, name="visit_create"),
    path("visits/<int:pk>/", views.visit_detail, name="visit_detail"),
    path("tickets/", views.ticket_list, name="ticket_list"),
    path("tickets/new/", views.ticket_create, name="ticket_create"),
    path("tickets/<int:pk>/", views.ticket_detail, name="ticket_detail"),
    path("tickets/<int:pk>/move/", views.ticket_transition, name="ticket_transition"),
    path("tickets/rates/", views.rates, name="rates"),
    path("measures/", views.measure_list, name="measure_list"),
    path("measures/new/", views.measure_create, name="measure_create"),
    path("measures/<int:pk>/edit/", views.measure_edit, name="measure_edit"),
]
