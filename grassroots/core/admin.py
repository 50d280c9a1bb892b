from django.contrib import admin

from .models import Event, Notification


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["at", "content_type", "object_id", "action", "from_state", "to_state", "actor"]
    list_filter = ["action", "content_type"]
    search_fields = ["note", "action"]
    date_hierarchy = "at"

    # The event log is append-only, also in the admin.
    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "recipient", "kind", "title", "read_at"]
    list_filter = ["kind"]
    search_fields = ["title", "recipient__username"]
