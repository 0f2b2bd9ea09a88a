"""Lockout after failed sign-ins, on top of django-axes.

Axes records every failure (a wrong password on any login, a refused two-factor code, a refused API token) with its
user name and client address. It compares one number with one limit; the handler below gives it three counts, each
with its own limit, within the cool-off period:

- the user name from this address: ``AXES_FAILURE_LIMIT`` (5);
- the user name from any address: ``LOGIN_FAILURE_LIMIT_PER_USERNAME`` (20), so rotating addresses does not help;
- the address for any user name: ``LOGIN_FAILURE_LIMIT_PER_ADDRESS`` (50), so trying many accounts does not help.

After the cool-off (``AXES_COOLOFF_TIME``) the failures no longer count and the account opens by itself; staff can
unlock earlier by deleting the access attempts in the admin (*Axes > Access attempts*).
"""

from axes.handlers.database import AxesDatabaseHandler
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_username
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from .models import SecurityEventKind


class LockoutHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials: dict | None = None) -> int:
        """The failures of this user name from this address; or, once the user name or the address alone has reached
        its higher limit, at least ``AXES_FAILURE_LIMIT`` (axes compares this number with that limit)."""
        pair, per_username, per_address = (
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        has_username = bool(get_client_username(request, credentials))
        if (has_username and per_username >= settings.LOGIN_FAILURE_LIMIT_PER_USERNAME) or (
            per_address >= settings.LOGIN_FAILURE_LIMIT_PER_ADDRESS
        ):
            return max(pair, settings.AXES_FAILURE_LIMIT)
        return pair if has_username else 0


def lockout_message() -> str:
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return _(
        "Too many failed sign-in attempts. Signing in is paused for this account or address for %(minutes)s "
        "minutes; try again later, or ask IOM staff to unlock it."
    ) % {"minutes": minutes}


def lockout_response(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """The page a locked-out sign-in gets (JSON for the API). It says the same whether the password was right."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": lockout_message()}, status=429)
    return render(request, "registration/locked_out.html", {"message": lockout_message()}, status=429)


def is_locked(request: HttpRequest, username: str) -> bool:
    return AxesProxyHandler.is_locked(request, {"username": username})


def count_failure(request: HttpRequest, username: str | None, kind: SecurityEventKind) -> None:
    """A failed sign-in that Django's ``authenticate`` did not see (a refused two-factor code or API token): counted
    by axes toward the lockout, and written to the security log, like a wrong password."""
    credentials = {"username": username, "registry_failure": kind}
    user_login_failed.send(sender=__name__, credentials=credentials, request=request)
