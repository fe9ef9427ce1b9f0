from django.urls import path

from fugong.epidemic.views import checkpoint

app_name = "epidemic"

urlpatterns = [
    # checkpoint (screening, policy, risk areas)
    path("checkpoint/", checkpoint.checkpoint_choose, name="checkpoint"),
    path("checkpoint/<int:pk>/", checkpoint.checkpoint_screen, name="checkpoint_screen"),
    path("checkpoint/<int:pk>/recent/", checkpoint.checkpoint_recent, name="checkpoint_recent"),
]
