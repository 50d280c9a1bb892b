"""The /api/v1/docs page with Swagger UI served from this site (no CDN: production networks
have no internet, and the CSP allows scripts from 'self' only).

The Swagger UI files ship inside the django-ninja wheel (``ninja/static/ninja``); they are served
from there by ``docs_asset`` so "ninja" need not be an installed app.
"""

import json
import mimetypes
from pathlib import Path

import ninja
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import cache_control
from ninja.openapi.docs import DocsBase

ASSET_DIR = Path(ninja.__file__).parent / "static" / "ninja"
ASSETS = {"swagger-ui.css", "swagger-ui-bundle.js", "swagger-ui-init.js", "favicon.png"}


class LocalSwagger(DocsBase):
    settings = {"layout": "BaseLayout", "deepLinking": True}

    def render_page(self, request, api, **kwargs):
        settings = dict(self.settings, url=self.get_openapi_url(api, kwargs))
        return render(request, "api/swagger.html", {
            "api": api,
            "swagger_settings": json.dumps(settings),
            "asset": {name.split(".")[0].replace("-", "_"): reverse("api-docs-asset", args=[name])
                      for name in ASSETS},
        })


@cache_control(max_age=86400, public=True)
def docs_asset(request, name: str):
    if name not in ASSETS:
        raise Http404
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return FileResponse(open(ASSET_DIR / name, "rb"), content_type=content_type)
