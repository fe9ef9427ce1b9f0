"""The epidemic API under /api/epidemic, assembled from the routers of each area."""

from ninja import Router

from fugong.epidemic.api.screening import router as screening_router

router = Router(tags=["epidemic"])
router.add_router("/screenings", screening_router)
