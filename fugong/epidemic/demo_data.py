"""The epidemic app's demo layers (fugong.demo.registry), one module per area."""

from fugong.epidemic.demo_health import STEPS as HEALTH_STEPS

STEPS = [*HEALTH_STEPS]
