"""The layers of the demo world, contributed by each app's ``demo_data.py`` (``STEPS``).

A step builds on the World made by the steps before it; ``order`` places it (the base world:
regions 10, enterprises 20, places/teams/shifts 30, people 40, logins 50; a domain app's data
comes after, e.g. 100 for daily reports). fugong.core.plugins finds the modules.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from fugong.core.plugins import app_modules

if TYPE_CHECKING:
    from fugong.demo.world import World


@dataclass(frozen=True)
class DemoStep:
    order: int
    name: str
    build: Callable[[World], None]


def demo_steps() -> list[DemoStep]:
    """Every app's steps, in order; two steps may not share an order (their sequence would be
    an accident of app order)."""
    steps = [step for module in app_modules("demo_data") for step in module.STEPS]
    orders = [step.order for step in steps]
    duplicated = sorted({order for order in orders if orders.count(order) > 1})
    if duplicated:
        raise ValueError(f"demo steps share an order: {duplicated}")
    return sorted(steps, key=lambda step: step.order)
