from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DailyReportConfig(AppConfig):
    name = "fugong.dailyreport"
    label = "dailyreport"
    verbose_name = _("Daily reports")
