"""Sessions: each knows its user, address and browser (django-qsessions), so users can list and end theirs; each
ends after an absolute lifetime and after a spell of inactivity, shorter for staff."""

import time
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from qsessions.middleware import SessionMiddleware as QSessionMiddleware
from qsessions.models import Session

from . import roles
from .client import client_address

STARTED = "registry_session_started"
LAST_SEEN = "registry_session_last_seen"
LAST_SEEN_PRECISION = 60  # seconds: the session is saved at most once a minute for its activity


class SessionMiddleware(QSessionMiddleware):
    """qsessions' middleware, with the client address taken as everywhere else (``core.client``)."""

    def process_request(self, request: HttpRequest) -> None:
        request.session = self.SessionStore(
            ip=client_address(request) or None,
            user_agent=request.headers.get("User-Agent", ""),
            session_key=request.COOKIES.get(settings.SESSION_COOKIE_NAME),
        )


def idle_limit_seconds(user) -> int:
    minutes = settings.SESSION_IDLE_MINUTES_STAFF if roles.is_iom_staff(user) else settings.SESSION_IDLE_MINUTES
    return minutes * 60


class SessionLifetimeMiddleware:
    """Sign out a session past its absolute lifetime (from sign-in) or idle for longer than the idle limit."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        if request.user.is_authenticated:
            self.check_lifetime(request)
        return self.get_response(request)

    def check_lifetime(self, request: HttpRequest) -> None:
        session, now = request.session, time.time()
        started, last_seen = session.setdefault(STARTED, now), session.get(LAST_SEEN, now)
        if now - started > settings.SESSION_LIFETIME_HOURS * 3600:
            self.end(request, _("Your session has ended after %(hours)s hours. Please sign in again."))
        elif now - last_seen > idle_limit_seconds(request.user):
            self.end(request, _("Your session ended after a time without activity. Please sign in again."))
        elif now - last_seen >= LAST_SEEN_PRECISION or LAST_SEEN not in session:
            session[LAST_SEEN] = now

    @staticmethod
    def end(request: HttpRequest, message: str) -> None:
        logout(request)
        messages.info(request, message % {"hours": settings.SESSION_LIFETIME_HOURS})


def active_sessions(user):
    """The user's sessions that may still be used (not expired, not idle too long), newest activity first."""
    now = timezone.now()
    idle_since = now - timedelta(seconds=idle_limit_seconds(user))
    return Session.objects.filter(user=user, expire_date__gt=now, updated_at__gte=idle_since).order_by("-updated_at")


def reference(session: Session) -> str:
    """How a page names a session: never its key, which would let anyone who reads the page use the session."""
    return salted_hmac("core.sessions.reference", session.session_key).hexdigest()[:20]


def find_active_session(user, ref: str) -> Session | None:
    return next((session for session in active_sessions(user) if reference(session) == ref), None)


def end_sessions(user, *, keep: str | None = None) -> int:
    """End the user's sessions, except the one with key ``keep`` (the one making the request)."""
    sessions = Session.objects.filter(user=user).exclude(session_key=keep or "")
    count = sessions.count()
    sessions.delete()  # qsessions' delete also clears a cached copy
    return count
