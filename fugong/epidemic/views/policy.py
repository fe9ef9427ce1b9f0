"""The prevention policy: the version in force for everyone, its history and new versions for
city command (DESIGN §3.3 "Policy")."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.forms.models import model_to_dict
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fugong.core.forms import form_page
from fugong.core.permissions import may, permission_required
from fugong.epidemic.forms.policy import PolicyForm
from fugong.epidemic.models import Policy, RiskArea
from fugong.epidemic.selectors.policy import policy_in_force
from fugong.epidemic.selectors.riskarea import risk_areas_valid_on
from fugong.epidemic.services.policy import POLICY_FIELDS, policy_publish


def _settings(policy: Policy) -> list[tuple[str, object]]:
    """(label, value) of every setting, for the read-only view."""
    rows = []
    for name in POLICY_FIELDS:
        if name == "effective_from":
            continue
        field: Any = Policy._meta.get_field(name)
        value = getattr(policy, name)
        if field.choices:
            value = getattr(policy, f"get_{name}_display")()
        elif isinstance(value, bool):
            value = _("Yes") if value else _("No")
        rows.append((str(field.verbose_name), value if value not in ("", None) else "—"))
    return rows


@permission_required(Policy, "view")
def policy_page(request: HttpRequest) -> HttpResponse:
    """The version in force (with the risk areas valid today) and, for city command, the
    history of versions including those not in force yet."""
    policy = policy_in_force()
    today = timezone.localdate()
    editor = may(request.user, Policy, "change")
    history = Policy.objects.restrict(request.user).order_by("-effective_from") if editor else []
    return render(
        request,
        "epidemic/policy/page.html",
        {
            "policy": policy,
            "saved": policy.pk is not None,
            "settings": _settings(policy),
            "history": history,
            "today": today,
            "editor": editor,
            "risk_areas": risk_areas_valid_on(actor=request.user, day=today)
            if may(request.user, RiskArea, "view")
            else [],
        },
    )


@permission_required(Policy, "change")
def policy_create(request: HttpRequest) -> HttpResponse:
    """A new version: starts from the version in force, effective tomorrow by default."""
    current = policy_in_force()
    initial = model_to_dict(current, fields=POLICY_FIELDS)
    initial["effective_from"] = timezone.localdate() + dt.timedelta(days=1)
    form = PolicyForm(request.POST or None, initial=initial, actor=request.user)

    def done(policy: Policy) -> HttpResponse:
        messages.success(
            request, _("Saved the policy in force from %(day)s.") % {"day": policy.effective_from}
        )
        return redirect("epidemic:policy")

    return form_page(
        request,
        form,
        save=lambda **values: policy_publish(actor=request.user, **values),
        done=done,
        template="epidemic/form.html",
        context={
            "title": _("New policy version"),
            "form_testid": "policy-form",
            "cancel_url": reverse("epidemic:policy"),
        },
    )
