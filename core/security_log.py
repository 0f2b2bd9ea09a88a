"""Writing the security log (``SecurityEvent``): one function for the code that knows what happened, and receivers
for the sign-in signals that Django, django-axes and django-otp send. Nothing secret is ever written."""

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from .client import client_address
from .models import SecurityEvent, SecurityEventKind


def record(
    kind: SecurityEventKind,
    *,
    request: HttpRequest | None = None,
    user=None,
    username: str = "",
    actor=None,
    detail: str = "",
) -> SecurityEvent:
    """Add one line to the security log. ``user`` is the account concerned; ``actor`` who acted, if someone else."""
    if user is not None and not username:
        username = user.get_username()
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    return SecurityEvent.objects.create(
        kind=kind,
        user=user if getattr(user, "pk", None) else None,
        username=(username or "")[:150],
        actor=actor,
        ip_address=client_address(request) or None if request is not None else None,
        detail=detail[:255],
    )


@receiver(user_login_failed, dispatch_uid="security_log.login_failed")
def log_failed_login(sender, credentials: dict, request=None, **kwargs) -> None:
    # ``credentials`` comes cleansed by Django (the password is masked); only the user name is kept.
    kind = credentials.get("registry_failure", SecurityEventKind.LOGIN_FAILED)
    record(kind, request=getattr(request, "_request", request), username=credentials.get("username") or "")


@receiver(user_locked_out, dispatch_uid="security_log.locked_out")
def log_lockout(sender, request, username, ip_address, **kwargs) -> None:
    record(SecurityEventKind.LOCKED_OUT, request=request, username=username or "")
