from django.contrib.auth.decorators import login_required
from django.http import HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from .dashboard import landing_groups
from .models import Notification
from .notifications import notification_mark_read


@login_required
def home(request):
    return render(request, "core/home.html", {"groups": landing_groups(request.user)})


@login_required
def notification_list(request):
    items = request.user.notifications.all()[:100]
    return render(request, "core/notifications.html", {"items": items})


@login_required
@require_http_methods(["GET", "POST"])
def notification_open(request, pk):
    """Follow a notification's link (someone else's id is a 404). Only the POST the inbox's
    item sends counts it read: a GET (a prefetch, a crawler, a copied link) changes nothing."""
    n = get_object_or_404(Notification, pk=pk, recipient=request.user)
    if request.method == "POST":
        notification_mark_read(actor=request.user, notification_id=n.pk)
    target = n.url if n.url and url_has_allowed_host_and_scheme(
        n.url, allowed_hosts={request.get_host()}, require_https=request.is_secure()) else ""
    return redirect(target or "notifications")


@login_required
@require_POST
def notification_read_all(request):
    notification_mark_read(actor=request.user)
    return redirect("notifications")


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page links (resolved per request: the
    hashed name exists only after collectstatic)."""
    return HttpResponsePermanentRedirect(static("favicon.svg"))
