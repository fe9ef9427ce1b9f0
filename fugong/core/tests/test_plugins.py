"""Apps plug their demo data and bench workloads in by module name, not by editing a central
file."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from fugong.core import plugins
from fugong.demo import registry
from fugong.demo.registry import DemoStep, demo_steps


def test_the_base_world_is_built_from_the_demo_apps_steps_in_order():
    names = [step.name for step in demo_steps()]
    assert names[:5] == [
        "regions",
        "enterprises",
        "places, teams and shifts",
        "people",
        "logins",
    ]


def test_another_apps_step_is_placed_by_its_order(monkeypatch):
    base = SimpleNamespace(STEPS=[DemoStep(10, "regions", print), DemoStep(50, "logins", print)])
    reports = SimpleNamespace(STEPS=[DemoStep(30, "daily reports", print)])
    monkeypatch.setattr(registry, "app_modules", lambda name: [reports, base])
    assert [step.name for step in demo_steps()] == ["regions", "daily reports", "logins"]


def test_two_steps_with_one_order_are_refused(monkeypatch):
    one = SimpleNamespace(STEPS=[DemoStep(10, "a", print)])
    other = SimpleNamespace(STEPS=[DemoStep(10, "b", print)])
    monkeypatch.setattr(registry, "app_modules", lambda name: [one, other])
    with pytest.raises(ValueError, match="share an order"):
        demo_steps()


def test_bench_workloads_come_from_the_apps_modules():
    workloads = plugins.bench_workloads()
    assert workloads["P6"] == "bench.p6_directory"


def test_app_modules_finds_only_apps_that_have_the_module():
    modules = {module.__name__ for module in plugins.app_modules("demo_data")}
    assert "fugong.demo.demo_data" in modules
    assert all(name.endswith(".demo_data") for name in modules)
