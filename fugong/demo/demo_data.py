"""The base demo world's layers (fugong.demo.registry): organisation, people and logins."""

from __future__ import annotations

from fugong.demo.organisation import build_enterprises, build_places_teams_shifts, build_regions
from fugong.demo.population import build_people, build_users
from fugong.demo.registry import DemoStep

STEPS = [
    DemoStep(10, "regions", build_regions),
    DemoStep(20, "enterprises", build_enterprises),
    DemoStep(30, "places, teams and shifts", build_places_teams_shifts),
    DemoStep(40, "people", lambda world: build_people(world, total=world.total_people)),
    DemoStep(50, "logins", build_users),
]
