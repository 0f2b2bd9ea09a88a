"""Two-factor authentication: TOTP from an authenticator app, with one-time backup codes.

django-two-factor-auth (on django-otp) provides the login wizard, the set-up pages and the backup codes; this module
decides who must use it, counts refused codes toward the lockout, and writes the security log.

- Required for IOM staff, users with admin access and superusers; for everyone with ``TWO_FACTOR_REQUIRED_FOR_ALL``.
  Offered to everyone else on their account page.
- Someone who must use it and has no device is sent to set it up at their next request after signing in, and can
  reach nothing else until they have.
- A lost device is reset by a superuser (``reset_second_factor``, an action on the users' admin page); the user then
  sets up a new one at their next sign-in.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, JsonResponse
from django.shortcuts import redirect
from django.urls import resolve, reverse
from django.utils.translation import gettext as _
from django_otp import devices_for_user, user_has_device
from two_factor import views as two_factor_views

from . import roles
from .lockout import count_failure, is_locked, lockout_response
from .models import SecurityEventKind
from .security_log import record

# Pages a user who still owes the second factor may open: signing in and out, setting it up, the language.
OPEN_WITHOUT_SECOND_FACTOR = {"login", "logout", "two_factor:setup", "two_factor:qr", "set_language"}


def second_factor_required(user) -> bool:
    if not user.is_authenticated:
        return False
    return settings.TWO_FACTOR_REQUIRED_FOR_ALL or user.is_superuser or user.is_staff or roles.is_iom_staff(user)


class SecondFactorRequiredMiddleware:
    """Users who must use a second factor reach nothing but its set-up until this session has passed it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        user = request.user
        if not second_factor_required(user) or user.is_verified() or self.is_open(request):
            return self.get_response(request)
        if request.path.startswith("/api/"):
            message = _("Two-factor authentication is required for your account: set it up on the website first.")
            return JsonResponse({"detail": message}, status=403)
        if user_has_device(user):
            # Signed in before a device was set up elsewhere: sign in again, with the code this time.
            logout(request)
            return redirect(f"{reverse('login')}?next={request.path}")
        messages.info(request, _("Your account needs two-factor authentication. Set it up to continue."))
        return redirect("two_factor:setup")

    @staticmethod
    def is_open(request: HttpRequest) -> bool:
        if request.path.startswith(settings.STATIC_URL if settings.STATIC_URL.startswith("/") else "/static/"):
            return True
        try:
            match = resolve(request.path_info)
        except Exception:  # noqa: BLE001 - an unknown address answers 404 further on
            return False
        return match.view_name in OPEN_WITHOUT_SECOND_FACTOR


class LoginView(two_factor_views.LoginView):
    """The sign-in wizard (password, then code). A refused code counts toward the lockout like a wrong password, and
    no code is checked at all while the account is locked."""

    template_name = "two_factor/core/login.html"
    CODE_STEPS = (two_factor_views.LoginView.TOKEN_STEP, two_factor_views.LoginView.BACKUP_STEP)

    def post(self, *args, **kwargs):
        user = self.get_user()
        if self.steps.current in self.CODE_STEPS and user and is_locked(self.request, user.get_username()):
            self.storage.reset()
            return lockout_response(self.request)
        return super().post(*args, **kwargs)

    def render(self, form=None, **kwargs):
        if form is not None and form.is_bound and form.errors and self.steps.current in self.CODE_STEPS:
            user = self.get_user()
            count_failure(self.request, user.get_username(), SecurityEventKind.SECOND_FACTOR_FAILED)
            if getattr(self.request, "axes_locked_out", False):
                self.storage.reset()
                return lockout_response(self.request)
        return super().render(form, **kwargs)


class ProfileView(two_factor_views.ProfileView):
    def get_context_data(self, **kwargs) -> dict:
        return {
            **super().get_context_data(**kwargs),
            "second_factor_required": second_factor_required(self.request.user),
        }


class SetupView(two_factor_views.SetupView):
    def done(self, form_list, **kwargs):
        response = super().done(form_list, **kwargs)
        record(SecurityEventKind.TWO_FACTOR_ENROLLED, request=self.request, user=self.request.user)
        return response


class BackupTokensView(two_factor_views.BackupTokensView):
    def form_valid(self, form):
        response = super().form_valid(form)
        record(SecurityEventKind.BACKUP_CODES_CREATED, request=self.request, user=self.request.user)
        return response


class DisableView(two_factor_views.DisableView):
    """Only those for whom it is optional may turn it off."""

    def dispatch(self, request, *args, **kwargs):
        if second_factor_required(request.user):
            raise PermissionDenied(_("Two-factor authentication is required for your account."))
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        response = super().form_valid(form)
        record(SecurityEventKind.TWO_FACTOR_DISABLED, request=self.request, user=self.request.user)
        return response


@transaction.atomic
def reset_second_factor(user, *, actor, request: HttpRequest | None = None) -> int:
    """Remove every device of ``user`` (a lost phone): they set up a new one at their next sign-in. Superusers only."""
    if not actor.is_superuser:
        raise PermissionDenied(_("Only a superuser may reset two-factor authentication."))
    devices = list(devices_for_user(user, confirmed=None))
    for device in devices:
        device.delete()
    record(
        SecurityEventKind.TWO_FACTOR_RESET, request=request, user=user, actor=actor, detail=f"{len(devices)} device(s)"
    )
    return len(devices)
