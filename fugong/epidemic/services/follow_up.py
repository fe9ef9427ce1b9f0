"""Follow-ups, manual opening and release of observations (DESIGN §3.3 "Observation").

The opening itself (planned end, extension, work prohibition) is ``services.observation``;
this module adds what the health officer does by hand: record the twice-daily follow-up,
open an observation with the policy's days for the reason, and release under the rule of
``selectors.observation.release_verdict``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fugong.core.permissions import require
from fugong.core.scope import get_scoped_or_404
from fugong.epidemic.models import (
    FollowUp,
    Observation,
    ObservationKind,
    ObservationReason,
    ObservationState,
    Policy,
)
from fugong.epidemic.selectors.observation import release_verdict
from fugong.epidemic.selectors.policy import policy_in_force
from fugong.epidemic.services.case import CASE_ISOLATION_DAYS, as_aware
from fugong.epidemic.services.observation import observation_open
from fugong.people.models import Person


def days_for_reason(policy: Policy, reason: str) -> int:
    """The policy's observation length for ``reason`` (a case: CASE_ISOLATION_DAYS)."""
    by_reason = {
        ObservationReason.CLOSE_CONTACT: policy.days_close_contact,
        ObservationReason.SECONDARY_CONTACT: policy.days_secondary_contact,
        ObservationReason.FEVER: policy.days_fever,
        ObservationReason.HIGH_RISK_TRAVEL: policy.days_high_risk_travel,
        ObservationReason.MEDIUM_RISK_TRAVEL: policy.days_medium_risk_travel,
    }
    return by_reason.get(ObservationReason(reason), CASE_ISOLATION_DAYS)


def observation_open_manual(
    *,
    actor: Any,
    person: Person,
    kind: str,
    reason: str,
    last_exposure_at: dt.datetime,
    days: int | None = None,
    place: str = "",
) -> Observation:
    """Open (or extend) an observation by hand: the policy's days for the reason unless the
    officer names others; the planned end is computed by ``observation_open``."""
    require(actor, Observation, "change")
    person = get_scoped_or_404(Person.objects.all(), actor, pk=person.pk)
    now = timezone.now()
    last_exposure_at = as_aware(last_exposure_at) or now
    if last_exposure_at > now + dt.timedelta(minutes=5):
        raise ValidationError({"last_exposure_at": _("This time is in the future.")})
    if days is None:
        days = days_for_reason(policy_in_force(now), reason)
    observation = observation_open(
        person=person,
        kind=ObservationKind(kind),
        reason=ObservationReason(reason),
        started_at=now,
        last_exposure_at=last_exposure_at,
        days=days,
        actor=actor,
    )
    if place and not observation.place:
        observation.place = place
        observation.save(update_fields=["place", "updated_at"])
    return observation


def _check_reading(
    *, seen: bool, temperature: Decimal | None, day: dt.date, observation: Observation
) -> None:
    policy = policy_in_force()
    errors: dict[str, Any] = {}
    if seen and temperature is None:
        errors["temperature"] = _("Enter the temperature of a person seen.")
    if not seen and temperature is not None:
        errors["temperature"] = _("A missed follow-up has no temperature.")
    if temperature is not None and not (
        policy.temperature_min <= temperature <= policy.temperature_max
    ):
        errors["temperature"] = _(
            "%(value)s °C is outside %(low)s–%(high)s °C: a measurement error, measure again."
        ) % {"value": temperature, "low": policy.temperature_min, "high": policy.temperature_max}
    if day > timezone.localdate():
        errors["day"] = _("This date is in the future.")
    elif day < timezone.localdate(observation.started_at):
        errors["day"] = _("This day is before the observation started.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def follow_up_record(
    *,
    actor: Any,
    observation: Observation,
    day: dt.date,
    slot: str,
    seen: bool = True,
    temperature: Decimal | None = None,
    symptoms: list[str] | None = None,
    note: str = "",
) -> FollowUp:
    """One follow-up (morning or afternoon) of an active observation; once per slot."""
    observation = get_scoped_or_404(Observation.objects.all(), actor, "change", pk=observation.pk)
    if observation.state != ObservationState.ACTIVE:
        raise ValidationError(_("This observation is already released."))
    _check_reading(seen=seen, temperature=temperature, day=day, observation=observation)
    try:
        with transaction.atomic():
            return FollowUp.objects.create(
                observation=observation,
                day=day,
                slot=slot,
                seen=seen,
                temperature=temperature,
                symptoms=list(symptoms or []) if seen else [],
                note=note or "",
                recorded_by=actor,
            )
    except IntegrityError:
        raise ValidationError(
            {"slot": _("This follow-up is already recorded for that day.")}
        ) from None


@transaction.atomic
def observation_release(
    *, actor: Any, observation: Observation, note: str = "", at: dt.datetime | None = None
) -> Observation:
    """Release under the rule (``release_verdict``), refusing with every reason otherwise.

    The work prohibition ends with the release, and the health status is refreshed.
    """
    from fugong.epidemic.services.status import health_status_refresh

    at = at or timezone.now()
    observation = get_scoped_or_404(
        Observation.objects.select_for_update(), actor, "change", pk=observation.pk
    )
    verdict = release_verdict(observation, at)
    if not verdict.allowed:
        raise ValidationError(list(verdict.reasons))
    observation.state = ObservationState.RELEASED
    observation.released_at = at
    observation.released_by = actor
    observation.release_note = note or ""
    if observation.prohibition_until is not None and observation.prohibition_until > at:
        observation.prohibition_until = at
    observation.save()
    health_status_refresh(person_ids=[observation.person_id], at=at)
    return observation
