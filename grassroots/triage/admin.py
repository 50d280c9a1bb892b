from django.contrib import admin

from .models import (
    DuplicateCandidate,
    ReplyQuality,
    SuggestionFeedback,
    TriageModel,
    TriageSettings,
)


@admin.register(TriageModel)
class TriageModelAdmin(admin.ModelAdmin):
    list_display = ("kind", "version", "status", "is_active", "n_train", "trained_at",
                    "trained_by")
    list_filter = ("kind", "status", "is_active")
    exclude = ("blob",)
    # Activation goes through the service (one active per kind, events): use /triage/models/.
    readonly_fields = [f.name for f in TriageModel._meta.fields if f.name != "blob"]

    def has_add_permission(self, request):
        return False


@admin.register(TriageSettings)
class TriageSettingsAdmin(admin.ModelAdmin):
    list_display = ("auto_dispatch_enabled", "auto_dispatch_threshold", "duplicate_threshold",
                    "recurrence_threshold", "updated_at")
    readonly_fields = ("updated_at", "updated_by")

    def has_add_permission(self, request):
        return not TriageSettings.objects.exists()

    def save_model(self, request, obj, form, change):
        from grassroots.core import clock

        obj.pk = 1
        obj.updated_at, obj.updated_by = clock.now(), request.user
        super().save_model(request, obj, form, change)


@admin.register(SuggestionFeedback)
class SuggestionFeedbackAdmin(admin.ModelAdmin):
    list_display = ("demand", "model_version", "chosen_unit", "accepted", "rank", "auto",
                    "created_at")
    list_filter = ("accepted", "auto", "model_version")
    raw_id_fields = ("demand", "assignment")


@admin.register(DuplicateCandidate)
class DuplicateCandidateAdmin(admin.ModelAdmin):
    list_display = ("demand", "candidate", "score", "created_at")
    raw_id_fields = ("demand", "candidate")


@admin.register(ReplyQuality)
class ReplyQualityAdmin(admin.ModelAdmin):
    list_display = ("assignment", "unit", "overall", "flagged", "created_at")
    list_filter = ("flagged",)
    raw_id_fields = ("assignment", "demand")
