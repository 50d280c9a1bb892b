"""/api/v1/party/points: the points sub-area's endpoints."""

from ninja import Router

router = Router()
