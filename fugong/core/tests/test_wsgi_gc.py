"""The WSGI entry point hides its startup objects from the garbage collector (P1 pauses)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]


def test_the_wsgi_application_freezes_what_it_loaded_at_startup():
    script = (
        "import gc\n"
        "import fugong.wsgi\n"
        "assert gc.get_freeze_count() > 50_000, gc.get_freeze_count()\n"
        "print(len(gc.get_objects()))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO), "DJANGO_SETTINGS_MODULE": "fugong.settings"}
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, cwd=REPO, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-2000:]
    # What a full collection still scans is small beside what was frozen.
    assert int(done.stdout.split()[-1]) < 50_000
