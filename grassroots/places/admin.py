from django.contrib import admin

from .models import Division, Grid


@admin.register(Division)
class DivisionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "parent", "town"]
    list_filter = ["level"]
    search_fields = ["code", "name"]
    raw_id_fields = ["parent", "town"]


@admin.register(Grid)
class GridAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "division", "households", "population"]
    list_filter = ["division__town"]
    search_fields = ["code", "name", "division__name"]
    raw_id_fields = ["division"]
