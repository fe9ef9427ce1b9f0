"""Background tasks of the people app (Huey; `manage.py run_huey` runs them)."""

from __future__ import annotations

import dataclasses
import logging

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, lock_task

from fugong.people.data_checks import data_check_run

logger = logging.getLogger(__name__)


# 02:30 local time (HUEY utc=False, TIME_ZONE Asia/Shanghai): after the day's roster edits and
# before the morning's 日报 work, so the findings page is fresh when offices open.
@db_periodic_task(crontab(hour="2", minute="30"), name="people.roster_data_check")
@lock_task("people.roster_data_check")  # a slow run is never overtaken by the next one
def roster_data_check() -> dict[str, int]:
    """The nightly roster data check: probable duplicates and stale records."""
    summary = data_check_run()
    logger.info(
        "roster data check: %d findings (%d new, %d kept, %d resolved)",
        summary.found,
        summary.created,
        summary.kept,
        summary.resolved,
    )
    return dataclasses.asdict(summary)
