from django.contrib import admin

from .models import DemoStepRun


@admin.register(DemoStepRun)
class DemoStepRunAdmin(admin.ModelAdmin):
    list_display = ["name", "scale", "seed", "seconds", "finished_at"]
    readonly_fields = ["name", "scale", "seed", "created", "seconds", "finished_at"]

    def has_add_permission(self, request):
        return False
