"""Plug-in points: each app contributes to a shared registry by having a module of a known name,
so adding a module never means editing a central file.

- ``<app>/demo_data.py``: ``STEPS``, the app's layers of the demo world (fugong.demo.registry);
- ``<app>/bench_workloads.py``: ``WORKLOADS``, workload id → module (bench/__init__.py). These
  modules hold plain constants only: the bench's parent process reads them without Django.
"""

from __future__ import annotations

import importlib
import importlib.util
from pathlib import Path
from types import ModuleType

PACKAGE_DIR = Path(__file__).resolve().parent.parent


def app_modules(submodule: str) -> list[ModuleType]:
    """``fugong.<app>.<submodule>`` of every installed fugong app that has one, in app order."""
    from django.apps import apps

    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("fugong."):
            continue
        name = f"{config.name}.{submodule}"
        if importlib.util.find_spec(name) is not None:
            found.append(importlib.import_module(name))
    return found


def bench_workloads() -> dict[str, str]:
    """Workload id → module of every app's ``bench_workloads.py`` (read without Django)."""
    workloads: dict[str, str] = {}
    for path in sorted(PACKAGE_DIR.glob("*/bench_workloads.py")):
        module = importlib.import_module(f"fugong.{path.parent.name}.bench_workloads")
        for workload_id, target in module.WORKLOADS.items():
            if workload_id in workloads:
                raise ValueError(f"bench workload {workload_id} is registered twice")
            workloads[workload_id] = target
    return dict(sorted(workloads.items(), key=lambda item: int(item[0][1:])))
