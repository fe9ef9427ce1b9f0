from django.urls import path

from fugong.epidemic.views import checkpoint, policy, riskarea

app_name = "epidemic"

urlpatterns = [
    # checkpoint (screening, policy, risk areas)
    path("checkpoint/", checkpoint.checkpoint_choose, name="checkpoint"),
    path("checkpoint/<int:pk>/", checkpoint.checkpoint_screen, name="checkpoint_screen"),
    path("checkpoint/<int:pk>/recent/", checkpoint.checkpoint_recent, name="checkpoint_recent"),
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
]
