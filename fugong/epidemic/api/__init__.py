"""The epidemic API under /api/epidemic, assembled from the areas' routers."""

from ninja import Router

from fugong.epidemic.api.command import router as command_router
from fugong.epidemic.api.health import router as health_router
from fugong.epidemic.api.observation import router as observation_router
from fugong.epidemic.api.presence import router as presence_router
from fugong.epidemic.api.screening import router as screening_router
from fugong.epidemic.api.tracing import router as tracing_router

router = Router()
router.add_router("/screenings", screening_router)
router.add_router("/presence", presence_router)
router.add_router("", health_router)
router.add_router("", observation_router)
router.add_router("", command_router)
router.add_router("", tracing_router)
