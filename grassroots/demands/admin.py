"""Admin: the catalogues are edited here; demands and assignments are read-only
(every change of a case goes through the services, which record events)."""

from django.contrib import admin

from .models import (
    Assignment,
    Attachment,
    Category,
    DeadlinePolicy,
    Demand,
    DispatchRule,
    FollowUp,
)


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "level", "parent", "is_active")
    list_filter = ("level", "is_active")
    search_fields = ("code", "name")
    list_select_related = ("parent",)
    autocomplete_fields = ("parent",)


@admin.register(DeadlinePolicy)
class DeadlinePolicyAdmin(admin.ModelAdmin):
    list_display = ("category", "grade", "acknowledge_hours", "reply_days")
    list_filter = ("grade",)
    list_select_related = ("category",)
    autocomplete_fields = ("category",)


@admin.register(DispatchRule)
class DispatchRuleAdmin(admin.ModelAdmin):
    list_display = ("category", "town", "unit")
    list_select_related = ("category", "town", "unit")
    autocomplete_fields = ("category",)
    filter_horizontal = ("assisting_units",)
    search_fields = ("category__name", "unit__name")


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AssignmentInline(admin.TabularInline):
    model = Assignment
    extra = 0
    fields = ("unit", "role", "status", "round", "due_at", "acknowledged_at", "replied_at")
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Demand)
class DemandAdmin(ReadOnlyAdmin):
    list_display = ("number", "title", "channel", "type", "status", "town", "received_at")
    list_filter = ("status", "channel", "type", "grade")
    search_fields = ("number", "title")
    list_select_related = ("town",)
    date_hierarchy = "received_at"
    exclude = ("related",)
    inlines = [AssignmentInline]


@admin.register(Assignment)
class AssignmentAdmin(ReadOnlyAdmin):
    list_display = ("demand", "unit", "role", "status", "due_at")
    list_filter = ("status", "role")
    list_select_related = ("demand", "unit")
    search_fields = ("demand__number",)


@admin.register(FollowUp)
class FollowUpAdmin(ReadOnlyAdmin):
    list_display = ("demand", "round", "satisfaction", "by_staff", "recorded_at")
    list_filter = ("satisfaction", "by_staff")
    list_select_related = ("demand",)


@admin.register(Attachment)
class AttachmentAdmin(ReadOnlyAdmin):
    list_display = ("original_name", "demand", "content_type", "size", "uploaded_at")
    list_select_related = ("demand",)
    exclude = ("file",)  # files are served only through the scope-checked page
