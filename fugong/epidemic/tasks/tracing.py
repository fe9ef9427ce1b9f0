"""Tracing's background work: the cluster scan."""

from __future__ import annotations

import logging

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, lock_task

from fugong.epidemic.services.clusters import clusters_detect

logger = logging.getLogger(__name__)


# Every 30 minutes (minutes 7 and 37, away from the hour's other jobs): a fever confirmed at
# the gate or a case entered by the officer becomes part of a signal within half an hour.
@db_periodic_task(crontab(minute="7,37"), name="epidemic.cluster_scan")
@lock_task("epidemic.cluster_scan")  # a slow scan is never overtaken by the next one
def cluster_scan() -> int:
    """Link recent cases and confirmed fevers and raise a signal for each new group."""
    raised = clusters_detect()
    logger.info("cluster scan: %d new signals", len(raised))
    return len(raised)
