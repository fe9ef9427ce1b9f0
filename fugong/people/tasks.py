"""Background tasks of the people app (Huey; `manage.py run_huey` runs them)."""

from __future__ import annotations

import dataclasses
import logging

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task, lock_task

from fugong.people import roster_files
from fugong.people.data_checks import data_check_run
from fugong.people.roster_export_jobs import roster_export_job_run

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


@db_task(name="people.roster_export")
def roster_export_background(token: str, user_id: int) -> None:
    """A large directory export, written to VAR_DIR for the user who asked (roster_export_jobs)."""
    roster_export_job_run(token=token, user_id=user_id)


# Every hour, so that a file outlives its time to live (24 h for exports, 1 h for an upload
# waiting for its confirmation) by an hour at most; the pages refuse an expired file anyway.
@db_periodic_task(crontab(minute="17"), name="people.roster_files_expire")
@lock_task("people.roster_files_expire")
def roster_files_expire() -> dict[str, int]:
    """Delete expired roster uploads and exports."""
    removed = {
        kind: roster_files.expire(kind) for kind in (roster_files.UPLOADS, roster_files.EXPORTS)
    }
    logger.info("roster files expired: %s", removed)
    return removed
