"""Security events that Django and its add-ons emit only as signals: logins, failures, lockouts,
admin-site changes and role (membership) changes, which are also made in the admin site.

Business writes call ``services.audit_record`` directly; these receivers only translate events
that have no service of ours to call from.
"""

from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_delete, post_save

from grassroots.people.backends import masked_login_name

from .models import AuditCategory, AuditOutcome
from .services import audit_record

# Admin-site changes to these models are permission changes; any other is a configuration change.
PERMISSION_MODELS = {"people.user", "auth.group", "auth.permission", "orgs.membership",
                     "otp_totp.totpdevice", "integrations.apitoken"}
ADMIN_ACTIONS = {ADDITION: "admin_add", CHANGE: "admin_change", DELETION: "admin_delete"}


def on_login(sender, request, user, **kwargs):
    audit_record(category=AuditCategory.AUTH, action="login", actor=user, request=request)


def on_logout(sender, request, user, **kwargs):
    if user is not None:
        audit_record(category=AuditCategory.AUTH, action="logout", actor=user, request=request)


def on_login_failed(sender, credentials, request=None, **kwargs):
    # Credentials arrive with the password already cleansed by Django; a citizen's login name
    # is their phone, kept masked.
    username = masked_login_name((credentials or {}).get("username", ""))
    audit_record(category=AuditCategory.AUTH, action="login_failed", request=request,
                 outcome=AuditOutcome.FAILURE, actor_name=username)


def on_locked_out(sender, request, username, ip_address, **kwargs):
    audit_record(category=AuditCategory.AUTH, action="lockout", request=request,
                 outcome=AuditOutcome.DENIED, actor_name=masked_login_name(username),
                 extra={"ip": ip_address})


def on_admin_log(sender, instance: LogEntry, created, **kwargs):
    if not created:
        return
    label = instance.content_type.app_label + "." + instance.content_type.model \
        if instance.content_type_id else ""
    category = AuditCategory.PERMISSION if label in PERMISSION_MODELS else AuditCategory.CONFIG
    audit_record(category=category, action=ADMIN_ACTIONS.get(instance.action_flag, "admin"),
                 actor=instance.user, target_type=label, target_id=instance.object_id or "",
                 target_repr=instance.object_repr or "",
                 extra={"change": instance.get_change_message()[:1000]})


def on_membership_saved(sender, instance, created, **kwargs):
    if kwargs.get("raw"):
        return
    audit_record(category=AuditCategory.PERMISSION,
                 action="role_grant" if created else "role_change", target=instance,
                 extra={"person_id": instance.person_id, "organization_id": instance.organization_id,
                        "role": instance.role, "is_active": instance.is_active})


def on_membership_deleted(sender, instance, **kwargs):
    audit_record(category=AuditCategory.PERMISSION, action="role_revoke", target=instance,
                 extra={"person_id": instance.person_id, "organization_id": instance.organization_id,
                        "role": instance.role})


def connect():
    from axes.signals import user_locked_out

    from grassroots.orgs.models import Membership

    user_logged_in.connect(on_login, dispatch_uid="audit_login")
    user_logged_out.connect(on_logout, dispatch_uid="audit_logout")
    user_login_failed.connect(on_login_failed, dispatch_uid="audit_login_failed")
    user_locked_out.connect(on_locked_out, dispatch_uid="audit_locked_out")
    post_save.connect(on_admin_log, sender=LogEntry, dispatch_uid="audit_admin_log")
    post_save.connect(on_membership_saved, sender=Membership, dispatch_uid="audit_membership")
    post_delete.connect(on_membership_deleted, sender=Membership,
                        dispatch_uid="audit_membership_del")
