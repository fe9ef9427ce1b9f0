"""The periodic alerts of observation: due for release, and not reporting (DESIGN §3.3).

Each alert is raised once per observation and local day (``alert_raise`` keys on the ref),
so an hourly run raises each at most once a day.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from fugong.epidemic.models import AlertKind, FollowUp, Observation, ObservationState
from fugong.epidemic.selectors.policy import end_of_local_day, policy_in_force
from fugong.epidemic.services.alert import alert_raise

# Local time after which an observed person without a follow-up seen today is "not
# reporting" (the morning follow-up is due by then). Settings may name another time.
DEFAULT_NON_REPORTING_AFTER = dt.time(10, 0)


def non_reporting_after() -> dt.time:
    value = getattr(settings, "EPIDEMIC_NON_REPORTING_AFTER", DEFAULT_NON_REPORTING_AFTER)
    return value if isinstance(value, dt.time) else dt.time.fromisoformat(str(value))


def alerts_observation_due(at: dt.datetime | None = None) -> int:
    """An alert for each active observation whose planned end falls today."""
    at = at or timezone.now()
    end = end_of_local_day(at)
    webhook = bool(policy_in_force(at).alert_webhook_url)
    due = Observation.objects.filter(
        state=ObservationState.ACTIVE,
        planned_end__gt=end - dt.timedelta(days=1),
        planned_end__lte=end,
    ).select_related("person__enterprise")
    raised = 0
    day = timezone.localdate(at)
    for observation in due:
        ref = f"due:{observation.pk}:{day:%Y%m%d}"
        alert = alert_raise(
            kind=AlertKind.OBSERVATION_DUE,
            enterprise=observation.person.enterprise,
            person=observation.person,
            message=_("%(name)s: observation ends today; check the release rule.")
            % {"name": observation.person.name},
            ref=ref,
            at=at,
            webhook=webhook,
        )
        raised += alert.ref == ref and alert.raised_at == at
    return raised


def alerts_non_reporting(at: dt.datetime | None = None) -> int:
    """After NON_REPORTING_AFTER, an alert for each active observation (started before that
    time today or earlier) without a follow-up seen today."""
    at = at or timezone.now()
    local = timezone.localtime(at)
    deadline = local.replace(
        hour=non_reporting_after().hour,
        minute=non_reporting_after().minute,
        second=0,
        microsecond=0,
    )
    if local < deadline:
        return 0
    day = local.date()
    seen_today = FollowUp.objects.filter(observation=OuterRef("pk"), day=day, seen=True)
    silent = (
        Observation.objects.filter(state=ObservationState.ACTIVE, started_at__lte=deadline)
        .filter(~Exists(seen_today))
        .select_related("person__enterprise")
    )
    webhook = bool(policy_in_force(at).alert_webhook_url)
    raised = 0
    for observation in silent:
        alert = alert_raise(
            kind=AlertKind.NON_REPORTING,
            enterprise=observation.person.enterprise,
            person=observation.person,
            message=_("%(name)s: no follow-up seen today.") % {"name": observation.person.name},
            ref=f"silent:{observation.pk}:{day:%Y%m%d}",
            at=at,
            webhook=webhook,
        )
        raised += alert.raised_at == at
    return raised
