from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResumptionConfig(AppConfig):
    name = "fugong.resumption"
    verbose_name = _("Resumption")
