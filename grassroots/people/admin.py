from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import Person, ServiceTeam, ServiceTeamMember, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "is_active", "is_staff", "is_demo", "last_login"]
    list_filter = ["is_active", "is_staff", "is_demo"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    # Phone and ID number are shown masked; the clear value is revealed only by the audited action.
    list_display = ["name", "kind", "phone_masked", "id_number_masked", "position", "user"]
    list_filter = ["kind"]
    search_fields = ["name"]
    exclude = ["phone", "id_number"]
    readonly_fields = ["phone_masked", "id_number_masked"]
    raw_id_fields = ["user"]


class ServiceTeamMemberInline(admin.TabularInline):
    model = ServiceTeamMember
    extra = 0
    raw_id_fields = ["person", "organization"]


@admin.register(ServiceTeam)
class ServiceTeamAdmin(admin.ModelAdmin):
    list_display = ["name", "grid"]
    search_fields = ["name", "grid__name"]
    raw_id_fields = ["grid"]
    inlines = [ServiceTeamMemberInline]


@admin.register(ServiceTeamMember)
class ServiceTeamMemberAdmin(admin.ModelAdmin):
    list_display = ["team", "person", "seat", "organization", "started_at", "ended_at"]
    list_filter = ["seat"]
    search_fields = ["person__name", "team__name"]
    raw_id_fields = ["team", "person", "organization"]
