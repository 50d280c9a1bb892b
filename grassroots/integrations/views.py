"""City 12345: the signed inbound endpoint and the reconciliation page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from grassroots.api.errors import error_response
from grassroots.core.parsing import ids_of
from grassroots.core.refusals import refusals

from . import selectors
from .services import city12345, outbox, signing


@csrf_exempt  # machine-to-machine: authenticated by the HMAC signature, not a session
@require_POST
def city12345_items(request):
    body = request.body
    reason = signing.check(body, request.headers.get("X-Timestamp", ""),
                           request.headers.get("X-Signature", ""))
    if reason:
        return error_response(401, reason)
    if not city12345.signature_remember(request.headers["X-Signature"]):
        return error_response(401, _("重复的请求（签名已使用过），请重新签名后发送。"))
    try:
        item, created = city12345.city_item_receive(body=body,
                                                    remote_addr=request.META.get("REMOTE_ADDR", ""))
    except city12345.ItemRejected as exc:
        response = error_response(400, exc.message, exc.field_errors)
        response["X-Rejected-Id"] = str(exc.rejected.pk)
        return response
    demand = item.demand
    return JsonResponse({"id": item.external_id, "created": created,
                         "deliveries": item.deliveries,
                         "county_number": demand.number if demand else None,
                         "county_status": demand.status if demand else None},
                        json_dumps_params={"ensure_ascii": False})


@login_required
def reconciliation(request):
    show = request.GET.get("show", "items")
    context = {"show": show, "summary": selectors.summary(request.user)}
    if show in ("failed", "pending"):
        messages_of = selectors.failed_messages if show == "failed" else selectors.pending_messages
        context["page"] = Paginator(messages_of(request.user), 50).get_page(
            request.GET.get("page"))
    elif show == "rejected":
        page = Paginator(selectors.rejected_items(request.user), 50).get_page(
            request.GET.get("page"))
        context["page"] = page
    else:
        page = Paginator(selectors.city_items(request.user), 50).get_page(request.GET.get("page"))
        context["page"] = page
        context["rows"] = selectors.reconciliation_rows(request.user, page.object_list)
    return render(request, "integrations/city12345.html", context)


@login_required
@require_POST
def outbox_retry(request):
    """Out of scope is the 403 page; any other refusal is flashed on the failed list."""
    with refusals(request) as refused:
        n = outbox.outbox_requeue(actor=request.user,
                                  ids=ids_of(request.POST.getlist("ids")))
    if not refused:
        messages.success(request, _("已重新排队 %(n)s 条回传消息。") % {"n": n})
    return redirect("/integrations/city12345/?show=failed")
