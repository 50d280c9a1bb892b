from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Event, Notification
from .timeline import action_display, event_actor_name


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["at", "content_type", "object_id", "action_shown", "from_state", "to_state",
                    "actor_shown"]
    list_filter = ["content_type", "action"]
    list_select_related = ["content_type", "actor__person"]
    search_fields = ["note", "action"]
    date_hierarchy = "at"

    @admin.display(description=_("动作"), ordering="action")
    def action_shown(self, obj):
        return action_display(obj.action)

    @admin.display(description=_("操作人"), ordering="actor")
    def actor_shown(self, obj):
        return event_actor_name(obj) or _("系统")

    # The event log is append-only, also in the admin.
    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "recipient", "kind", "title_shown", "read_at"]
    list_filter = ["kind"]
    search_fields = ["title", "recipient__username"]  # stored text only: not the messages

    @admin.display(description=_("标题"))
    def title_shown(self, obj):
        return obj.title_text
