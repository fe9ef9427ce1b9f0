from django.urls import path

from fugong.resumption import views, views_more

app_name = "resumption"

urlpatterns = [
    path("", views.application_list, name="application_list"),
    path("new/", views.application_create, name="application_create"),
    path("<int:pk>/", views.application_detail, name="application_detail"),
    path("<int:pk>/edit/", views.application_edit, name="application_edit"),
    path("<int:pk>/attach/", views.application_attach, name="application_attach"),
    path("<int:pk>/submit/", views.application_submit, name="application_submit"),
    path("<int:pk>/decide/", views.application_decide, name="application_decide"),
    path("<int:pk>/plan/", views.plan_download, name="plan_download"),
    path("files/<int:pk>/", views.attachment_download, name="attachment_download"),
    path("queue/", views.review_queue, name="review_queue"),
    path("statistics/", views_more.statistics, name="statistics"),
    path("due/<int:pk>/", views_more.due_edit, name="due_edit"),
    path("acceptance/<int:pk>/", views_more.acceptance_page, name="acceptance"),
    path("acceptance/record/<int:pk>/sign/", views_more.acceptance_sign, name="acceptance_sign"),
    path(
        "acceptance/record/<int:pk>/self-sign/",
        views_more.acceptance_self_sign,
        name="acceptance_self_sign",
    ),
    path("calendar/", views_more.calendar, name="calendar"),
]
