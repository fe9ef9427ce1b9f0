"""Large directory exports run in the background (DESIGN §4; ~150,000 people took 19–20 s).

An export of more than ``ROSTER_EXPORT_BACKGROUND_ROWS`` people is written by a Huey task to
VAR_DIR (``roster_files``), with its progress in the file's metadata for the status page; only
the user who asked may see or download it, and it expires after ``ROSTER_EXPORT_KEEP_HOURS``.
No export may exceed ``ROSTER_EXPORT_MAX_ROWS``. An unmasked export is logged once, when asked.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.http import QueryDict
from django.utils.translation import gettext

from fugong.people import roster_files
from fugong.people.roster_export import (
    RosterExport,
    export_people,
    filter_querystring,
    log_unmasked_export,
    roster_export,
    write_roster,
)

logger = logging.getLogger(__name__)

QUEUED, RUNNING, READY, FAILED = "queued", "running", "ready", "failed"


class ExportRefused(Exception):
    """The export is not made; the message says why, to the user."""


@dataclass(frozen=True)
class ExportJob:
    token: str
    count: int


def roster_export_request(
    *, actor: Any, filters: Any = None, unmasked: bool = False, ip_address: str | None = None
) -> RosterExport | ExportJob:
    """The export now (a file), or queued (a job to follow), or refused (ExportRefused)."""
    people = export_people(actor=actor, filters=filters, unmasked=unmasked, ip_address=ip_address)
    count = people.count()
    if count > settings.ROSTER_EXPORT_MAX_ROWS:
        raise ExportRefused(
            gettext(
                "%(count)d people match: an export has at most %(max)d. Narrow the filter "
                "(an enterprise, a team, a status) and export again."
            )
            % {"count": count, "max": settings.ROSTER_EXPORT_MAX_ROWS}
        )
    if count <= settings.ROSTER_EXPORT_BACKGROUND_ROWS:
        return roster_export(
            actor=actor, filters=filters, unmasked=unmasked, ip_address=ip_address, people=people
        )
    token = roster_files.create(
        roster_files.EXPORTS,
        user=actor,
        filters=filter_querystring(filters),
        unmasked=unmasked,
        total=count,
        done=0,
        state=QUEUED,
    )
    if unmasked:
        log_unmasked_export(actor=actor, filters=filters, count=count, ip_address=ip_address)
    from fugong.people.tasks import roster_export_background  # the tasks module imports this one

    roster_export_background(token, actor.pk)
    return ExportJob(token=token, count=count)


def roster_export_job_run(*, token: str, user_id: int) -> None:
    """Write the export of a queued job (the task's body), reporting progress as it goes.

    The people are chosen again now, through the user's scope as it is now: a user who lost
    the role meanwhile gets nothing.
    """
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    meta = roster_files.read_meta(roster_files.EXPORTS, token, user=user) if user else None
    if user is None or meta is None:
        return  # expired or removed before the worker got to it
    part = roster_files.folder(roster_files.EXPORTS) / f"{token}.xlsx.part"

    def progress(done: int) -> None:
        roster_files.write_meta(roster_files.EXPORTS, token, {**meta, "done": done})

    meta["state"] = RUNNING
    roster_files.write_meta(roster_files.EXPORTS, token, meta)
    try:
        # The request that queued the job counted and logged a number search already.
        people = export_people(
            actor=user,
            filters=QueryDict(meta["filters"]),
            unmasked=meta["unmasked"],
            search_counted=True,
        )
        count = write_roster(people, str(part), unmasked=meta["unmasked"], progress=progress)
        os.replace(part, roster_files.data_path(roster_files.EXPORTS, token))
    except Exception:
        logger.exception("roster export %s failed", token)
        part.unlink(missing_ok=True)
        roster_files.write_meta(roster_files.EXPORTS, token, {**meta, "state": FAILED})
        return
    roster_files.write_meta(
        roster_files.EXPORTS, token, {**meta, "state": READY, "done": count, "total": count}
    )


def export_job_status(*, token: str, user: Any) -> dict[str, Any] | None:
    """The job's state and progress for its owner; None for anyone else or once expired."""
    meta = roster_files.read_meta(roster_files.EXPORTS, token, user=user)
    if meta is None:
        return None
    total = max(int(meta.get("total", 0)), 1)
    return {**meta, "token": token, "percent": min(100, int(meta.get("done", 0)) * 100 // total)}


def export_job_file(*, token: str, user: Any) -> Path | None:
    """The finished file, for its owner only."""
    meta = roster_files.read_meta(roster_files.EXPORTS, token, user=user)
    path = roster_files.data_path(roster_files.EXPORTS, token)
    if meta is None or meta.get("state") != READY or not path.exists():
        return None
    return path
