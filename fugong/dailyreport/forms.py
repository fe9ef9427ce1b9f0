"""The forms of the daily report pages: filing a report, and the metrics question."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from fugong.core.forms import ScopedForm
from fugong.dailyreport.deadlines import day_due
from fugong.dailyreport.models import MAX_STAFF_ON_DUTY
from fugong.org.models import Enterprise, EnterpriseKind, Industry, Region

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
YES_NO = [("yes", _("Yes, operating")), ("no", _("No, not operating"))]
FROM_RECORD = _("Leave empty to use the figure of the enterprise record.")


class DailyReportForm(ScopedForm):
    """A 日报: the day is yesterday by default (data as of yesterday 24:00)."""

    enterprise = forms.ModelChoiceField(
        queryset=Enterprise.objects.only("id", "name").order_by("name"), label=_("Enterprise")
    )
    day = forms.DateField(label=_("Day reported"), widget=DATE)
    operating = forms.ChoiceField(label=_("Operating"), choices=YES_NO, widget=forms.RadioSelect)
    staff_on_duty = forms.IntegerField(
        label=_("Staff on duty"), min_value=0, max_value=MAX_STAFF_ON_DUTY
    )
    normal_headcount = forms.IntegerField(
        label=_("Normal staff headcount"),
        min_value=0,
        max_value=MAX_STAFF_ON_DUTY,
        required=False,
        help_text=FROM_RECORD,
    )
    output = forms.DecimalField(
        label=_("Output"), min_value=Decimal(0), max_digits=14, decimal_places=2, initial=0
    )
    normal_output = forms.DecimalField(
        label=_("Normal daily output"),
        min_value=Decimal(0),
        max_digits=14,
        decimal_places=2,
        required=False,
        help_text=FROM_RECORD,
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )

    def setup(self, actor: Any) -> None:
        self.fields["day"].initial = day_due()
        # A mine manager files for one enterprise: it is chosen and its normal figures shown.
        only = list(Enterprise.objects.restrict(actor)[:2])
        if len(only) == 1:
            self.fields["enterprise"].initial = only[0].pk
            self.fields["normal_headcount"].initial = only[0].normal_headcount
            self.fields["normal_output"].initial = only[0].normal_daily_output

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["operating"] = data["operating"] == "yes"
        return data


class MetricsForm(ScopedForm):
    """The metrics question: day range, regions, group, industry. The region and group choices
    are the actor's (ScopedForm); the selectors keep the enterprises inside the scope anyway."""

    # The region search offers the actor's regions, as the field does (ScopedForm).
    picker_params = {"region": {"within": "scope"}}

    start = forms.DateField(label=_("From"), widget=DATE)
    end = forms.DateField(label=_("To"), widget=DATE)
    region = forms.ModelMultipleChoiceField(
        queryset=Region.objects.order_by("code"), required=False, label=_("Regions")
    )
    group = forms.ModelChoiceField(
        queryset=Enterprise.objects.filter(kind=EnterpriseKind.GROUP), required=False,
        label=_("Group"),
    )  # fmt: skip
    industry = forms.ChoiceField(
        choices=[("", _("All")), *Industry.choices], required=False, label=_("Industry")
    )

    def __init__(self, data: Any = None, *, actor: Any) -> None:
        end = day_due()
        initial = {"start": end - dt.timedelta(days=6), "end": end}
        bound = data.copy() if data is not None else QueryDict(mutable=True)  # several regions
        for name, value in initial.items():
            if not bound.get(name):
                bound[name] = value.isoformat()
        super().__init__(bound, actor=actor)
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "form-select form-select-sm")
        self.fields["region"].widget.attrs["size"] = 4
        for name in ("start", "end"):
            self.fields[name].widget.attrs["class"] = "form-control form-control-sm"
