"""Django admin for the work calendar. Every save goes through the services, so each change is
an event and the process cache is refreshed."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from grassroots.core.errors import ApplicationError
from grassroots.core.scope import get_scope

from . import services
from .models import CalendarDay, CalendarYear, WorkSchedule


class AdminOnlyMixin:
    """Staff who are not platform administrators may look but not change the calendar."""

    def _is_admin(self, request):
        return get_scope(request.user).is_admin

    def has_add_permission(self, request, *args):
        return self._is_admin(request) and super().has_add_permission(request, *args)

    def has_change_permission(self, request, obj=None):
        return self._is_admin(request) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        # Deleting would bypass the event trail; set the day back to "normal" instead.
        return False


class CalendarDayForm(forms.ModelForm):
    class Meta:
        model = CalendarDay
        fields = ["date", "kind", "is_working", "name"]

    def clean(self):
        data = super().clean()
        try:
            services.calendar_day_validate(kind=data.get("kind", ""),
                                           is_working=bool(data.get("is_working")),
                                           name=(data.get("name") or "").strip())
        except ApplicationError as exc:
            if exc.field in self.fields:
                self.add_error(exc.field, exc.message)
            else:
                raise ValidationError(exc.message)
        return data


@admin.register(CalendarDay)
class CalendarDayAdmin(AdminOnlyMixin, admin.ModelAdmin):
    form = CalendarDayForm
    list_display = ["date", "kind", "is_working", "name", "source", "updated_at"]
    list_filter = ["kind", "is_working", "source", ("date", admin.DateFieldListFilter)]
    search_fields = ["name", "date"]
    date_hierarchy = "date"
    ordering = ["-date"]

    def get_readonly_fields(self, request, obj=None):
        return ["date", "source", "updated_at"] if obj else ["source", "updated_at"]

    def save_model(self, request, obj, form, change):
        # The form already ran calendar_day_validate, so the service will not refuse here.
        saved = services.calendar_day_set(actor=request.user, date=obj.date,
                                          is_working=obj.is_working, name=obj.name, kind=obj.kind)
        obj.pk = saved.pk


@admin.register(CalendarYear)
class CalendarYearAdmin(AdminOnlyMixin, admin.ModelAdmin):
    list_display = ["year", "complete", "source", "seeded_at", "updated_at"]
    list_filter = ["complete", "source"]
    search_fields = ["year"]
    fields = ["year", "complete", "source", "seeded_at"]
    readonly_fields = ["source", "seeded_at"]
    actions = ["mark_complete", "mark_estimated"]

    def get_readonly_fields(self, request, obj=None):
        return ["year", "source", "seeded_at"] if obj else ["source", "seeded_at"]

    def save_model(self, request, obj, form, change):
        saved = services.calendar_year_mark_complete(actor=request.user, year=obj.year,
                                                     complete=obj.complete)
        obj.pk = saved.pk

    @admin.action(description=_("标记为数据完整"))
    def mark_complete(self, request, queryset):
        for row in queryset:
            services.calendar_year_mark_complete(actor=request.user, year=row.year, complete=True)
        self.message_user(request, _("已更新。"), messages.SUCCESS)

    @admin.action(description=_("改为估算"))
    def mark_estimated(self, request, queryset):
        for row in queryset:
            services.calendar_year_mark_complete(actor=request.user, year=row.year, complete=False)
        self.message_user(request, _("已更新。"), messages.SUCCESS)


@admin.register(WorkSchedule)
class WorkScheduleAdmin(AdminOnlyMixin, admin.ModelAdmin):
    list_display = ["periods", "updated_at"]
    search_fields = ["periods"]

    def has_add_permission(self, request, *args):
        return super().has_add_permission(request, *args) and not WorkSchedule.objects.exists()

    def save_model(self, request, obj, form, change):
        saved = services.work_schedule_set(actor=request.user, periods=obj.periods)
        obj.pk = saved.pk
