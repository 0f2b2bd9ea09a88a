"""Admin pages of sign-in security: the security log, API tokens, lockouts, and the users' page with what changes there
is logged (groups, deactivation, a two-factor reset).

Who may do what: IOM staff read the security log and unlock locked-out sign-ins; only superusers see API tokens
(never their keys, which are not stored), change users and reset a lost two-factor device.
"""

from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from .accounts import password_changed
from .admin import ReadOnlyMixin
from .models import ApiToken, OutboundEmail, SecurityEvent, SecurityEventKind
from .security_log import record
from .sessions import end_sessions
from .tokens import revoke_all_tokens, revoke_token
from .two_factor import reset_second_factor

User = get_user_model()

# Devices are reset through the logged action on the users' page, never edited one by one.
for device_model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(device_model):
        admin.site.unregister(device_model)


@admin.register(SecurityEvent)
class SecurityEventAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("at", "kind", "username", "actor", "ip_address", "detail")
    list_filter = ("kind",)
    list_select_related = ("actor",)
    search_fields = ("username", "ip_address", "detail")
    date_hierarchy = "at"


@admin.register(OutboundEmail)
class OutboundEmailAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """Staff alerts the registry sent or is sending; written by the system, read by staff."""

    list_display = ("created_at", "kind", "subject", "status", "attempts", "sent_at")
    list_filter = ("kind", "status")
    search_fields = ("subject",)
    date_hierarchy = "created_at"


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Superusers see every token's owner, name and expiry, and may revoke one; the revocation is logged."""

    list_display = ("name", "user", "created", "expiry")
    list_select_related = ("user",)
    search_fields = ("name", "user__username")
    fields = ("name", "user", "created", "expiry")
    readonly_fields = fields
    actions = ("revoke",)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.is_superuser

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.is_superuser

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.is_superuser

    def get_actions(self, request: HttpRequest):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # revoking is logged; a plain delete would not be
        return actions

    @admin.action(description=_("Revoke the selected tokens"), permissions=["delete"])
    def revoke(self, request: HttpRequest, queryset) -> None:
        tokens = list(queryset.select_related("user"))
        for token in tokens:
            revoke_token(token, request=request, actor=request.user)
        self.message_user(request, _("%(count)s token(s) revoked.") % {"count": len(tokens)})

    def delete_model(self, request: HttpRequest, obj: ApiToken) -> None:
        revoke_token(obj, request=request, actor=request.user)


admin.site.unregister(AccessAttempt)


@admin.register(AccessAttempt)
class UnlockingAccessAttemptAdmin(AccessAttemptAdmin):
    """Deleting the attempts of a user name or address unlocks it before the cool-off ends; each unlock is logged."""

    def delete_model(self, request: HttpRequest, obj: AccessAttempt) -> None:
        self.log_unlock(request, obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset) -> None:
        for attempt in queryset:
            self.log_unlock(request, attempt)
        super().delete_queryset(request, queryset)

    @staticmethod
    def log_unlock(request: HttpRequest, attempt: AccessAttempt) -> None:
        detail = f"address {attempt.ip_address}, {attempt.failures_since_start} failure(s)"
        record(
            SecurityEventKind.UNLOCKED,
            request=request,
            username=attempt.username or "",
            actor=request.user,
            detail=detail,
        )


admin.site.unregister(User)


@admin.register(User)
class RegistryUserAdmin(UserAdmin):
    """Django's users page (superusers only, by the group permissions), with the changes that matter logged."""

    list_display = (*UserAdmin.list_display, "is_active", "two_factor")
    actions = ("reset_two_factor",)

    @admin.display(boolean=True, description=_("two-factor"))
    def two_factor(self, user) -> bool:
        return user_has_device(user)

    def save_model(self, request: HttpRequest, obj, form, change: bool) -> None:
        deactivated = change and "is_active" in form.changed_data and not obj.is_active
        super().save_model(request, obj, form, change)
        if deactivated:
            revoke_all_tokens(obj, "account deactivated", request=request, actor=request.user)
            end_sessions(obj)
            record(SecurityEventKind.ACCOUNT_DEACTIVATED, request=request, user=obj, actor=request.user)

    def save_related(self, request: HttpRequest, form, formsets, change: bool) -> None:
        before = set(form.instance.groups.values_list("name", flat=True)) if change else set()
        super().save_related(request, form, formsets, change)
        after = set(form.instance.groups.values_list("name", flat=True))
        if before != after:
            detail = f"{', '.join(sorted(before)) or '-'} -> {', '.join(sorted(after)) or '-'}"
            record(
                SecurityEventKind.GROUPS_CHANGED, request=request, user=form.instance, actor=request.user, detail=detail
            )

    def user_change_password(self, request: HttpRequest, id, form_url=""):
        """A password set by a superuser ends the user's sessions and API tokens, as any password change does."""
        user = self.get_object(request, id)
        old_hash = user.password if user is not None else None
        response = super().user_change_password(request, id, form_url)
        if user is not None and request.method == "POST":
            user.refresh_from_db()
            if user.password != old_hash:
                keep = request.session.session_key if user == request.user else None
                password_changed(user, request=request, how=f"set by {request.user.get_username()}", keep_session=keep)
        return response

    @admin.action(description=_("Reset two-factor authentication (lost device)"))
    def reset_two_factor(self, request: HttpRequest, queryset) -> None:
        if not request.user.is_superuser:
            self.message_user(request, _("Only a superuser may reset two-factor authentication."), messages.ERROR)
            return
        for user in queryset:
            reset_second_factor(user, actor=request.user, request=request)
        self.message_user(
            request, _("Two-factor authentication reset for %(count)s user(s).") % {"count": queryset.count()}
        )
