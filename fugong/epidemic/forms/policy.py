"""The form of a new policy version: every setting of the Policy, checked by the service."""

from __future__ import annotations

from typing import Any

from django import forms

from fugong.core.forms import ScopedModelForm
from fugong.epidemic.models import Policy
from fugong.epidemic.services.policy import POLICY_FIELDS


class PolicyForm(ScopedModelForm):
    alert_webhook_url = forms.URLField(
        label=Policy._meta.get_field("alert_webhook_url").verbose_name,
        max_length=500,
        required=False,
        assume_scheme="https",
    )

    class Meta:
        model = Policy
        fields = POLICY_FIELDS
        widgets = {"effective_from": forms.DateInput(attrs={"type": "date"})}

    def _post_clean(self) -> None:
        # The model's checks (Policy.clean) run in the service, on the whole new version; the
        # unique effective date too, because a future version may be replaced.
        pass

    def service_kwargs(self) -> dict[str, Any]:
        return dict(self.cleaned_data)
