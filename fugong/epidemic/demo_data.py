"""The epidemic app's layers of the demo world, one module per area (orders 100–139)."""

from fugong.epidemic.demo_checkpoint import STEPS as CHECKPOINT_STEPS

STEPS = [*CHECKPOINT_STEPS]
