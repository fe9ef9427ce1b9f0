"""Background tasks of oversight (Huey; `manage.py run_huey` runs them)."""

from __future__ import annotations

import dataclasses
import logging

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, lock_task

from fugong.oversight.tickets import tickets_escalate_overdue

logger = logging.getLogger(__name__)


# Every 10 minutes: a ticket of the 24-hour class reaches its leader and the city command
# within 10 minutes of falling due. The service escalates each level once, so a rerun is safe.
@db_periodic_task(crontab(minute="*/10"), name="oversight.tickets_escalate")
@lock_task("oversight.tickets_escalate")  # a slow run is never overtaken by the next one
def tickets_escalate() -> dict[str, int]:
    """Escalate overdue problem tickets to their paired leaders and the city command."""
    summary = tickets_escalate_overdue()
    logger.info(
        "tickets escalated: %d overdue, %d to leaders, %d to the city",
        summary.overdue,
        summary.to_leaders,
        summary.to_city,
    )
    return dataclasses.asdict(summary)
