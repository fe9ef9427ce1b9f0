from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EpidemicConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "fugong.epidemic"
    verbose_name = _("Epidemic prevention")
