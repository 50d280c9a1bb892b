from django.contrib import admin

from .models import Membership, Organization


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["person"]


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "parent", "is_handling_unit", "is_active",
                    "signoff_replies", "signoff_extensions"]
    list_filter = ["kind", "is_handling_unit", "is_active"]
    search_fields = ["code", "name", "short_name"]
    raw_id_fields = ["parent", "division"]
    filter_horizontal = ["divisions"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["person", "organization", "role", "title", "is_active"]
    list_filter = ["role", "is_active"]
    search_fields = ["person__name", "organization__name"]
    raw_id_fields = ["person", "organization"]
