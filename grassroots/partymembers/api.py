"""/api/v1/party/: S2's routers, one per sub-area."""

from ninja import Router

from .development.api import router as development_router
from .disposal.api import router as disposal_router
from .points.api import router as points_router
from .records.api import router as records_router

router = Router(tags=["party"])
router.add_router("", records_router)
router.add_router("/development", development_router)
router.add_router("/points", points_router)
router.add_router("/disposal", disposal_router)
