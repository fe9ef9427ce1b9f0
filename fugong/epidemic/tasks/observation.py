"""Background tasks of observation and alerts (Huey; `manage.py run_huey` runs them).

Thin: each calls one service. Periodic ones are locked so a slow run is never overtaken.
Times are Asia/Shanghai (HUEY utc=False).
"""

from __future__ import annotations

import logging

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task, lock_task
from huey.exceptions import RetryTask

from fugong.epidemic.models import Alert, WebhookState
from fugong.epidemic.services import alert as alert_service
from fugong.epidemic.services import alert_delivery
from fugong.epidemic.services.alert_watch import alerts_non_reporting, alerts_observation_due

logger = logging.getLogger(__name__)


@db_task(name="epidemic.alert_webhook_deliver")
def alert_webhook_deliver(alert_id: int) -> bool:
    """Send one alert to the webhook; on failure try again after 30 s, then 60 s (3 tries in
    all, WEBHOOK_TRIES), each attempt recorded on the alert, the last one as "failed"."""
    try:
        return alert_delivery.alert_webhook_attempt(alert_id=alert_id)
    except alert_delivery.WebhookFailed as exc:
        attempts = Alert.objects.get(pk=alert_id).webhook_attempts
        if attempts >= alert_delivery.WEBHOOK_TRIES:
            logger.error("alert %s: webhook failed %d times, giving up", alert_id, attempts)
            return False
        delay = alert_delivery.WEBHOOK_BACKOFF_SECONDS * 2 ** (attempts - 1)
        raise RetryTask(str(exc), delay=delay or None) from exc


def _enqueue_delivery(alert_id: int) -> None:
    alert = Alert.objects.filter(pk=alert_id).only("webhook_state").first()
    if alert is not None and alert.webhook_state == WebhookState.PENDING:
        alert_webhook_deliver(alert_id)


if _enqueue_delivery not in alert_service.ON_RAISED:
    alert_service.ON_RAISED.append(_enqueue_delivery)


# Every hour at :05: an observation whose planned end is today is due (once per observation);
# the first run after midnight catches the new day's.
@db_periodic_task(crontab(minute="5"), name="epidemic.alerts_observation_due")
@lock_task("epidemic.alerts_observation_due")
def observation_due_alerts() -> int:
    raised = alerts_observation_due()
    logger.info("observation due alerts: %d raised", raised)
    return raised


# Every hour at :35; the service raises nothing before NON_REPORTING_AFTER (local time), so the
# hour is configured there, not in the schedule.
@db_periodic_task(crontab(minute="35"), name="epidemic.alerts_non_reporting")
@lock_task("epidemic.alerts_non_reporting")
def non_reporting_alerts() -> int:
    raised = alerts_non_reporting()
    logger.info("non-reporting alerts: %d raised", raised)
    return raised
