from django import forms
from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from grassroots.core.errors import ApplicationError

from .models import ApiToken, CityItem, OutboxMessage, OutboxStatus, RejectedItem, TokenScope
from .services import outbox, tokens


class ApiTokenCreateForm(forms.ModelForm):
    scope_choices = forms.MultipleChoiceField(
        label=_("权限"), choices=TokenScope.choices, initial=[TokenScope.READ],
        widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = ApiToken
        fields = ["name", "user", "organization", "expires_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A token belongs to a user OR an organisation (whose service user the service creates);
        # the model's user column is filled by api_token_create, so the form must not require it.
        self.fields["user"].required = False
        self.fields["user"].help_text = _("与“所属单位”二选一：选单位时令牌代表该单位的接口账号。")


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "prefix", "user", "organization", "scopes_shown", "expires_at",
                    "revoked_at", "last_used_at"]
    list_filter = ["revoked_at"]
    search_fields = ["name", "prefix", "user__username", "organization__name"]
    readonly_fields = ["prefix", "user", "organization", "scopes_shown", "created_at", "created_by",
                       "expires_at", "revoked_at", "last_used_at"]
    actions = ["revoke"]
    # A county has thousands of users: the token's user (and unit) are searched as you type.
    autocomplete_fields = ["user", "organization"]

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = ApiTokenCreateForm
        return super().get_form(request, obj, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.readonly_fields

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["name", "user", "organization", "scope_choices", "expires_at"]
        return ["name", *self.readonly_fields]

    def save_model(self, request, obj, form, change):
        if change:
            ApiToken.objects.filter(pk=obj.pk).update(name=obj.name)
            return
        try:
            token, plaintext = tokens.api_token_create(
                actor=request.user, name=form.cleaned_data["name"],
                user=form.cleaned_data.get("user"),
                organization=form.cleaned_data.get("organization"),
                scopes=form.cleaned_data["scope_choices"],
                expires_at=form.cleaned_data.get("expires_at"))
        except ApplicationError as exc:
            messages.error(request, exc.message)
            obj.pk = None
            return
        obj.pk = token.pk
        # Shown once: only the hash is kept.
        messages.warning(request, _("令牌已创建，请立即复制保存（只显示这一次）：%(t)s")
                         % {"t": plaintext})

    def response_add(self, request, obj, post_url_continue=None):
        if obj.pk is None:
            from django.http import HttpResponseRedirect

            return HttpResponseRedirect(request.path)
        return super().response_add(request, obj, post_url_continue)

    @admin.display(description=_("权限"))
    def scopes_shown(self, obj):
        return obj.scope_label

    def has_delete_permission(self, request, obj=None):
        return False  # revoke instead: the history of who used which token stays

    @admin.action(description=_("吊销所选令牌"))
    def revoke(self, request, queryset):
        for token in queryset:
            tokens.api_token_revoke(actor=request.user, token=token)
        messages.success(request, _("已吊销。"))


@admin.register(CityItem)
class CityItemAdmin(admin.ModelAdmin):
    list_display = ["external_id", "received_at", "deliveries", "demand"]
    search_fields = ["external_id"]
    readonly_fields = ["external_id", "payload", "demand", "received_at", "last_received_at",
                       "deliveries"]

    def has_add_permission(self, request):
        return False


@admin.register(RejectedItem)
class RejectedItemAdmin(admin.ModelAdmin):
    list_display = ["received_at", "external_id", "remote_addr", "resolved_at"]
    list_filter = ["resolved_at"]
    search_fields = ["external_id", "body"]
    readonly_fields = ["body", "errors", "external_id", "remote_addr", "received_at",
                       "resolved_at", "resolved_by"]
    fields = [*readonly_fields, "resolution"]

    def has_add_permission(self, request):
        return False

    def save_model(self, request, obj, form, change):
        obj.resolved_at = obj.resolved_at or timezone.now()
        obj.resolved_by = obj.resolved_by or request.user
        obj.save(update_fields=["resolution", "resolved_at", "resolved_by"])


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    list_display = ["created_at", "external_id", "kind_shown", "status", "attempts",
                    "next_attempt_shown", "sent_at"]
    list_filter = ["status", "kind"]
    search_fields = ["external_id"]
    readonly_fields = ["demand", "external_id", "kind", "payload", "idempotency_key", "status",
                       "attempts", "next_attempt_at", "last_error", "created_at", "sent_at"]
    actions = ["requeue"]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("报告类型"), ordering="kind")
    def kind_shown(self, obj):
        return obj.kind_label

    @admin.display(description=_("下次尝试"), ordering="next_attempt_at")
    def next_attempt_shown(self, obj):
        """Only for a report still waiting; a sent one has no next attempt."""
        return obj.next_attempt_at if obj.status == "pending" else "—"

    @admin.action(description=_("重新发送所选失败消息"))
    def requeue(self, request, queryset):
        n = outbox.outbox_requeue(actor=request.user,
                                  ids=queryset.filter(status=OutboxStatus.FAILED)
                                  .values_list("pk", flat=True))
        messages.success(request, _("已重新排队 %(n)s 条。") % {"n": n})
