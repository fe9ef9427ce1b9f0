"""The epidemic app's layers of the demo world: each area's STEPS (orders: checkpoint
100–109, health 110–119, observation 120–129, tracing 130–138), then every person's health
code computed as the worker's 00:05 run computes it (139), so the command page counts the
whole city from the first login."""

from fugong.demo.registry import DemoStep
from fugong.demo.world import World
from fugong.epidemic.demo_checkpoint import STEPS as CHECKPOINT_STEPS
from fugong.epidemic.demo_health import STEPS as HEALTH_STEPS
from fugong.epidemic.demo_observation import STEPS as OBSERVATION_STEPS
from fugong.epidemic.demo_tracing import STEPS as TRACING_STEPS
from fugong.epidemic.services.health_recompute import health_status_recompute


def build_every_status(world: World) -> None:
    health_status_recompute(everyone=True)


STEPS = [
    *CHECKPOINT_STEPS,
    *HEALTH_STEPS,
    *OBSERVATION_STEPS,
    *TRACING_STEPS,
    DemoStep(139, "every person's health code (the 00:05 run)", build_every_status),
]
