"""Daily reports in Django admin, for superusers who repair data by hand."""

from __future__ import annotations

from django.contrib import admin

from fugong.core.admin import ScopedModelAdmin
from fugong.dailyreport.models import DailyReport, ReportReminder


@admin.register(DailyReport)
class DailyReportAdmin(ScopedModelAdmin):
    list_display = ["enterprise", "day", "operating", "staff_on_duty", "late", "superseded_at"]
    list_filter = ["operating", "late", "flagged"]
    search_fields = ["enterprise__name"]
    raw_id_fields = ["enterprise", "submitted_by", "confirmed_by"]
    list_select_related = ["enterprise"]
    date_hierarchy = "day"


@admin.register(ReportReminder)
class ReportReminderAdmin(ScopedModelAdmin):
    list_display = ["enterprise", "day", "recipient", "sent_at"]
    raw_id_fields = ["enterprise", "recipient"]
    list_select_related = ["enterprise", "recipient"]
