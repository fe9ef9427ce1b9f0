from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EpidemicConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "fugong.epidemic"
    verbose_name = _("Epidemic prevention")

    def ready(self) -> None:
        # The tasks register the webhook delivery in services.alert.ON_RAISED: the web process
        # raises alerts too, and only the Huey consumer discovers the tasks modules by itself.
        from fugong.epidemic import tasks  # noqa: F401

        # Connects the signals that clear the cached policy version on every save.
        from fugong.epidemic.selectors import policy  # noqa: F401
