"""The service centre: zones and rooms, the coming bookings, usage per room per month,
activities; booking and cancelling."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grassroots.core import clock
from grassroots.core.policy import can, require
from grassroots.core.refusals import refusals
from grassroots.core.selectors import get_for_user

from .. import services
from ..forms import BookingForm
from ..models import CenterActivity, FunctionRoom, Park, RoomBooking, ServiceCenter
from ..selectors import room_usage, week_calendar
from ..services.common import add_natural_months, today


def _rooms(user):
    return FunctionRoom.objects.restrict(user).select_related("zone__centre")


@login_required
def centre_page(request):
    require(request.user, "twonew.view")
    user = request.user
    now = today()
    centres = ServiceCenter.objects.filter(
        park__in=Park.objects.restrict(user)).prefetch_related("zones__rooms")
    bookings = (RoomBooking.objects.restrict(user).active().filter(ends_at__gte=clock.now())
                .select_related("room", "host")[:50])
    usage = room_usage(user, start=add_natural_months(now.replace(day=1), -5), end=now)
    return render(request, "twonew/centre.html", {
        "centres": centres, "bookings": bookings, "usage": usage,
        "activities": CenterActivity.objects.restrict(user).select_related("room", "host")[:30],
        "may_book": can(user, "twonew.centre"),
        "form": BookingForm(rooms=_rooms(user))})


@login_required
@require_POST
def room_book(request):
    require(request.user, "twonew.view")
    form = BookingForm(request.POST, rooms=_rooms(request.user))
    if not form.is_valid():
        messages.error(request, _("请选择功能室，填写开始、结束时间和用途。"))
        return redirect("twonew:centre")
    with refusals(request) as refused:
        services.room_book(actor=request.user, **form.cleaned_data)
    if not refused:
        messages.success(request, _("预约成功。"))
    return redirect("twonew:centre")


@login_required
@require_POST
def booking_cancel(request, pk):
    require(request.user, "twonew.view")
    booking = get_for_user(RoomBooking.objects.select_related("room__zone__centre"),
                           request.user, pk)
    with refusals(request) as refused:
        services.booking_cancel(actor=request.user, booking=booking)
    if not refused:
        messages.success(request, _("预约已取消。"))
    return redirect("twonew:centre")


@login_required
def centre_calendar(request):
    """The week's bookings, room by room (``?week=`` any day of the week; default this week)."""
    require(request.user, "twonew.view")
    from datetime import timedelta

    from grassroots.core.parsing import BadValue, parse_date

    try:
        day = parse_date(request.GET.get("week", "")) or today()
    except BadValue as bad:
        messages.error(request, bad.message)
        day = today()
    monday = day - timedelta(days=day.weekday())
    return render(request, "twonew/centre_calendar.html", {
        **week_calendar(request.user, monday=monday), "monday": monday,
        "previous": monday - timedelta(days=7), "next": monday + timedelta(days=7)})
