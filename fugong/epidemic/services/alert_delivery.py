"""Acknowledging alerts and delivering them to the policy's webhook (DESIGN §3.3 "Alerts").

The webhook is a WeCom (企业微信) or DingTalk (钉钉) group robot: both take the same text body
``{"msgtype": "text", "text": {"content": …}}``, so the host only names the service in the
logs. The text is the alert's message, which names no ID number or phone (it goes to a chat
group); ``webhook_text`` masks any that slipped in all the same.
"""

from __future__ import annotations

import json
import logging
import re
import urllib.error
import urllib.request
from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fugong.core.masking import mask_id_number, mask_phone
from fugong.core.scope import get_scoped_or_404
from fugong.epidemic.models import Alert, WebhookState
from fugong.epidemic.selectors.policy import policy_in_force

logger = logging.getLogger(__name__)

WEBHOOK_TIMEOUT_SECONDS = 10
# Tries in all (the first and two retries), waiting 2**n × BACKOFF_SECONDS between them.
WEBHOOK_TRIES = 3
WEBHOOK_BACKOFF_SECONDS = 30

_ID_NUMBER = re.compile(r"\d{17}[\dXx]")
_PHONE = re.compile(r"(?<!\d)1\d{10}(?!\d)")


class WebhookFailed(Exception):
    """One delivery attempt failed (the task retries)."""


def webhook_service(url: str) -> str:
    host = urlsplit(url).hostname or ""
    if host.endswith("dingtalk.com"):
        return "dingtalk"
    if host.endswith("weixin.qq.com"):
        return "wecom"
    return "generic"


def webhook_text(alert: Alert) -> str:
    """The chat message: kind, enterprise, message; ID numbers and phones masked."""
    text = f"【{alert.get_kind_display()}】{alert.enterprise.name}：{alert.message}"
    text = _ID_NUMBER.sub(lambda m: mask_id_number(m.group(0)), text)
    return _PHONE.sub(lambda m: mask_phone(m.group(0)), text)


def webhook_body(alert: Alert) -> dict[str, Any]:
    return {"msgtype": "text", "text": {"content": webhook_text(alert)}}


def _post(url: str, body: dict[str, Any]) -> None:
    data = json.dumps(body, ensure_ascii=False).encode()
    request = urllib.request.Request(
        url, data=data, headers={"Content-Type": "application/json; charset=utf-8"}
    )
    try:
        with urllib.request.urlopen(request, timeout=WEBHOOK_TIMEOUT_SECONDS) as response:  # noqa: S310
            answer = response.read(4096)
    except (urllib.error.URLError, OSError) as exc:
        raise WebhookFailed(str(exc)) from exc
    # Both robots answer 200 with {"errcode": 0} on success and a non-zero errcode otherwise.
    try:
        errcode = json.loads(answer or b"{}").get("errcode", 0)
    except (ValueError, AttributeError):
        errcode = 0
    if errcode:
        raise WebhookFailed(f"errcode {errcode}")


def alert_webhook_attempt(*, alert_id: int) -> bool:
    """One attempt to send an alert: records the attempt, the state and the error.

    Answers True when sent (or nothing to send), raises WebhookFailed otherwise. The POST is
    outside any transaction: it can take the whole timeout.
    """
    alert = Alert.objects.select_related("enterprise").get(pk=alert_id)
    if alert.webhook_state in (WebhookState.SENT, WebhookState.NONE):
        return True
    url = policy_in_force(alert.raised_at).alert_webhook_url
    if not url:
        Alert.objects.filter(pk=alert.pk).update(webhook_state=WebhookState.NONE)
        return True
    attempts = alert.webhook_attempts + 1
    try:
        _post(url, webhook_body(alert))
    except WebhookFailed as exc:
        state = WebhookState.FAILED if attempts >= WEBHOOK_TRIES else WebhookState.PENDING
        Alert.objects.filter(pk=alert.pk).update(
            webhook_attempts=attempts, webhook_state=state, webhook_error=str(exc)[:200]
        )
        logger.warning("alert %s webhook (%s) attempt %d failed: %s",
                       alert.pk, webhook_service(url), attempts, exc)  # fmt: skip
        raise
    Alert.objects.filter(pk=alert.pk).update(
        webhook_attempts=attempts, webhook_state=WebhookState.SENT, webhook_error=""
    )
    return True


@transaction.atomic
def alert_acknowledge(*, actor: Any, alert: Alert) -> Alert:
    alert = get_scoped_or_404(Alert.objects.select_for_update(), actor, "change", pk=alert.pk)
    if alert.acknowledged_at is not None:
        raise ValidationError(_("This alert is already acknowledged."))
    alert.acknowledged_at = timezone.now()
    alert.acknowledged_by = actor
    alert.save(update_fields=["acknowledged_at", "acknowledged_by", "updated_at"])
    return alert
