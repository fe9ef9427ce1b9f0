from django.urls import path

from fugong.oversight.views import pairings, tickets, visits

app_name = "oversight"

urlpatterns = [
    path("my/", pairings.my_page, name="my"),
    path("pairings/", pairings.pairing_list, name="pairing_list"),
    path("pairings/new/", pairings.pairing_create, name="pairing_create"),
    path("pairings/<int:pk>/end/", pairings.pairing_end, name="pairing_end"),
    path("projects/", pairings.project_list, name="project_list"),
    path("projects/new/", pairings.project_create, name="project_create"),
    path("projects/<int:pk>/", pairings.project_detail, name="project_detail"),
    path("projects/pair/", pairings.project_pairing_create, name="project_pairing_create"),
    path(
        "projects/pairings/<int:pk>/end/", pairings.project_pairing_end, name="project_pairing_end"
    ),
    path("visits/", visits.visit_list, name="visit_list"),
    path("visits/new/", visits.visit_create, name="visit_create"),
    path("visits/<int:pk>/", visits.visit_detail, name="visit_detail"),
    path("tickets/", tickets.ticket_list, name="ticket_list"),
    path("tickets/new/", tickets.ticket_create, name="ticket_create"),
    path("tickets/<int:pk>/", tickets.ticket_detail, name="ticket_detail"),
    path("tickets/<int:pk>/move/", tickets.ticket_transition, name="ticket_transition"),
    path("tickets/rates/", tickets.rates, name="rates"),
    path("measures/", visits.measure_list, name="measure_list"),
    path("measures/new/", visits.measure_create, name="measure_create"),
    path("measures/<int:pk>/edit/", visits.measure_edit, name="measure_edit"),
]
