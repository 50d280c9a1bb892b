from django.contrib.auth.decorators import login_required
from django.http import HttpResponsePermanentRedirect
from django.shortcuts import render
from django.templatetags.static import static

from .dashboard import landing_cards


@login_required
def home(request):
    return render(request, "core/home.html", {"cards": landing_cards(request.user)})


@login_required
def notification_list(request):
    items = request.user.notifications.all()[:100]
    return render(request, "core/notifications.html", {"items": items})


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page links (resolved per request: the
    hashed name exists only after collectstatic)."""
    return HttpResponsePermanentRedirect(static("favicon.svg"))
