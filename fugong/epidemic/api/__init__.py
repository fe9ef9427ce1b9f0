"""The epidemic API, assembled from the areas' routers (registered under /epidemic)."""

from ninja import Router

from fugong.epidemic.api.presence import router as presence_router

router = Router()
router.add_router("/presence", presence_router)
