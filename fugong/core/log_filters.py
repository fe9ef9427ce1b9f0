"""Logging filters: expected client errors are one line, server errors keep their traceback.

Django logs every PermissionDenied and Http404 on ``django.request`` with the exception
attached, so each expected 403 (a role opening a page outside its work) wrote a whole
traceback: one probe produced 27,528 lines, burying the 500s that matter.
"""

from __future__ import annotations

import logging


class ShortClientErrors(logging.Filter):
    """Drop the traceback of a ``django.request`` record whose answer is below 500."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if isinstance(status, int) and status < 500 and record.exc_info:
            record.exc_info = None
            record.exc_text = None
        return True
