"""/api/v1/party/disposal: the disposal sub-area's endpoints."""

from ninja import Router

router = Router()
