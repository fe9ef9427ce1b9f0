"""The checkpoint page (检测点): phone-sized, for the operator at the gate.

The page records through the screening API (``/api/epidemic/screenings``, session and CSRF)
from a queue kept in the browser's localStorage, so readings taken during a network drop are
sent with their client UUIDs when it returns. The page and its recent list show the gate only
what it may know: the colour, the entry decision, masked names.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from fugong.core.permissions import permission_required
from fugong.core.scope import get_scoped_or_404
from fugong.core.views import render_page
from fugong.epidemic.models import DenyReason, Screening, ScreeningResult, Symptom
from fugong.epidemic.selectors.policy import policy_in_force
from fugong.epidemic.selectors.screening import checkpoints_of, recent_screenings

# Symptoms a gate can see; a fever is what the thermometer says, not a tick box.
VISIBLE_SYMPTOMS = [(value, label) for value, label in Symptom.choices if value != Symptom.FEVER]


def _texts() -> dict[str, str]:
    """The words the page's script shows, translated here (the script has no catalogue)."""
    words = {
        "pass": _("Pass"),
        "remeasure": _("Re-measure"),
        "deny": _("Entry denied"),
        "wait": _("Re-measure in"),
        "remeasure_now": _("Re-measure now"),
        "late": _("The re-measure window has passed: this reading counts as a new first one."),
        "queued": _("Saved on this phone: the decision comes when the network returns."),
        "queue": _("Waiting to send"),
        "offline": _("No network: readings are kept on this phone."),
        "refused": _("Refused"),
        "login": _("Your session has ended: log in again; the readings stay queued."),
        "no_camera": _("The camera is not available: type the ID number instead."),
        "scanned": _("Code scanned"),
        "identify": _("Scan the code, type the ID number, or record a visitor."),
        "green": _("Green"),
        "yellow": _("Yellow"),
        "red": _("Red"),
    }
    words.update({f"reason_{value}": label for value, label in DenyReason.choices})
    return {key: str(value) for key, value in words.items()}


@permission_required(Screening, "record")
def checkpoint_choose(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "epidemic/checkpoint/choose.html",
        {"checkpoints": checkpoints_of(request.user)},
    )


@permission_required(Screening, "record")
def checkpoint_screen(request: HttpRequest, pk: int) -> HttpResponse:
    place = get_scoped_or_404(checkpoints_of(request.user), request.user, pk=pk)
    policy = policy_in_force()
    return render(
        request,
        "epidemic/checkpoint/screen.html",
        {
            "place": place,
            "policy": policy,
            "symptoms": VISIBLE_SYMPTOMS,
            "recent": recent_screenings(actor=request.user, place=place),
            "config": {
                "place": place.pk,
                "api": reverse("api:record_screenings"),
                "entry": reverse("api:entry_for_code"),
                "recent": reverse("epidemic:checkpoint_recent", args=[place.pk]),
                "threshold": str(policy.fever_threshold),
                "temperature_min": float(policy.temperature_min),
                "temperature_max": float(policy.temperature_max),
                "texts": {
                    **_texts(),
                    "range": str(
                        _(
                            "Measurement error: the temperature must lie between %(low)s and "
                            "%(high)s °C. Nothing was stored; measure again."
                        )
                        % {"low": policy.temperature_min, "high": policy.temperature_max}
                    ),
                },
            },
        },
    )


@permission_required(Screening, "record")
def checkpoint_recent(request: HttpRequest, pk: int) -> HttpResponse:
    """The recent readings of one checkpoint (the page's htmx partial)."""
    place = get_scoped_or_404(checkpoints_of(request.user), request.user, pk=pk)
    partial = "epidemic/checkpoint/partials/recent.html"
    return render_page(
        request,
        partial,
        partial,
        {
            "place": place,
            "recent": recent_screenings(actor=request.user, place=place),
            "results": ScreeningResult,
        },
    )
