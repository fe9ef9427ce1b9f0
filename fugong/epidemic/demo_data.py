"""The epidemic app's demo layers (fugong.demo.registry): each area's STEPS, concatenated."""

from fugong.epidemic.demo_tracing import STEPS as TRACING_STEPS

STEPS = [*TRACING_STEPS]
