"""The epidemic app's layers of the demo world: each area's STEPS (orders: checkpoint
100–109, health 110–119, observation 120–129, tracing 130–139)."""

from fugong.epidemic.demo_checkpoint import STEPS as CHECKPOINT_STEPS
from fugong.epidemic.demo_health import STEPS as HEALTH_STEPS
from fugong.epidemic.demo_observation import STEPS as OBSERVATION_STEPS
from fugong.epidemic.demo_tracing import STEPS as TRACING_STEPS

STEPS = [*CHECKPOINT_STEPS, *HEALTH_STEPS, *OBSERVATION_STEPS, *TRACING_STEPS]
