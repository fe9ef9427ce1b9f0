"""The epidemic API: one router per area, assembled here and mounted at /api/epidemic."""

from ninja import Router

from fugong.epidemic.api.health import router as health_router

router = Router()
router.add_router("", health_router)
