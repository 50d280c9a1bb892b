"""The installable app's files (manifest, service worker, reference data), the theme-day
record page and the outbox page. The idempotent create endpoints the outbox submits to are in
the API (``api.py``, /api/v1/offline/…); their old addresses here redirect there."""

from __future__ import annotations

import hashlib

from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.http import HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from grassroots.core.policy import require
from grassroots.partyday.models import DayStatus
from grassroots.partyday.selectors import get_day_for_user

from . import reference

STATIC_FILES = ("offline/sw.js", "offline/outbox.js", "offline/offline.css")


def _json(data, status=200):
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


@csrf_exempt  # nothing happens here: the method and body go on to the API endpoint
def moved_visit_submit(request):
    """The first endpoint's old address: 308 (method and body kept) to /api/v1/offline/visits,
    for a client that still posts here (the outbox itself sends to the new address)."""
    return HttpResponsePermanentRedirect(reverse("api-v1:offline_visit_submit"), status=308)


@csrf_exempt
def moved_themeday_submit(request, pk):
    return HttpResponsePermanentRedirect(
        reverse("api-v1:offline_themeday_submit", kwargs={"day_id": pk}), status=308)


@login_required
def themeday_record(request, pk):
    """The theme-day record form for the phone (works offline: the outbox keeps it)."""
    require(request.user, "partyday.view")
    day = get_day_for_user(request.user, pk)
    members = (day.meeting.attendance.filter(role__in=("member", "probationary"))
               .select_related("person").order_by("person__name"))
    from grassroots.partyday.models import SuggestionKind

    return render(request, "offline/themeday_record.html", {
        "day": day, "members": members, "kinds": SuggestionKind.choices,
        "held": day.status not in (DayStatus.PLANNED, DayStatus.INVITED),
        "rows": range(1, 3)})


@login_required
def outbox_page(request):
    """What waits on this phone (filled in by outbox.js from IndexedDB)."""
    require(request.user, "core.staff")
    return render(request, "offline/outbox.html", {})


@login_required
@never_cache
def reference_data(request):
    """The reference data the offline forms need, refreshed by the service worker online."""
    require(request.user, "core.staff")
    return _json(reference.for_user(request.user))


def manifest(request):
    name = _("基层治理")
    return _json({
        "name": name, "short_name": name, "lang": request.LANGUAGE_CODE,
        "start_url": reference.start_url(request.user), "scope": "/", "id": "/",
        "display": "standalone", "background_color": "#ffffff", "theme_color": "#b71c1c",
        "icons": [{"src": f"/static/offline/icon-{n}.png", "sizes": f"{n}x{n}",
                   "type": "image/png", "purpose": "any"} for n in (192, 512)]
        + [{"src": "/static/offline/icon-maskable-512.png", "sizes": "512x512",
            "type": "image/png", "purpose": "maskable"}],
    })


def _version() -> str:
    digest = hashlib.sha256()
    for name in STATIC_FILES + ("core/forms.js", "core/nav.js", "css/site.css"):
        path = finders.find(name)
        if path:
            with open(path, "rb") as fh:
                digest.update(fh.read())
    return digest.hexdigest()[:12]


def service_worker(request):
    """The service worker, served here (not from /static/) so that it may control every page:
    ``Service-Worker-Allowed: /``; its cache version follows the scripts' contents."""
    path = finders.find("offline/sw.js")
    with open(path, encoding="utf-8") as fh:
        text = fh.read().replace("__VERSION__", _version())
    response = HttpResponse(text, content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    response["Cache-Control"] = "no-cache"
    return response
