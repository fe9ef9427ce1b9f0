"""Background tasks of the health area (Huey; `manage.py run_huey` runs them)."""

from __future__ import annotations

import logging

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, lock_task

from fugong.epidemic.services.health_recompute import health_status_recompute, is_daily_run

logger = logging.getLogger(__name__)


# Minute 5 of every hour, local time (HUEY utc=False, TIME_ZONE Asia/Shanghai): the 00:05 run
# comes just after midnight, when the stale check-in rule moves on a day, and refreshes
# everyone; the other runs refresh only the statuses whose conditions have expired.
@db_periodic_task(crontab(minute="5"), name="epidemic.health_status_recompute")
@lock_task("epidemic.health_status_recompute")  # a slow 00:05 run is never overtaken
def health_status_recompute_task() -> int:
    now = timezone.now()
    count = health_status_recompute(everyone=is_daily_run(now), at=now)
    logger.info("health statuses refreshed: %d", count)
    return count
