"""Rate limits per user and per anonymous address, counted in the default cache (Redis when ``REDIS_URL`` is set)."""

from django.core.cache import cache
from django.utils.crypto import salted_hmac
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, SimpleRateThrottle, UserRateThrottle

from core.models import SecurityEventKind
from core.security_log import record


class RateFromCurrentSettings:
    """DRF reads the rates once at import; read them per request so that a changed setting takes effect. A refused
    request is written to the security log, once per client and window, so a flood cannot flood the log too."""

    scope: str

    def get_rate(self) -> str | None:
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def allow_request(self, request, view) -> bool:
        if super().allow_request(request, view):
            return True
        if cache.add(f"throttle-logged:{self.key}", 1, self.duration):
            user = getattr(request, "user", None)
            record(
                SecurityEventKind.THROTTLED,
                request=getattr(request, "_request", request),
                user=user if user is not None and user.is_authenticated else None,
                detail=f"{self.scope} ({self.rate})",
            )
        return False


class AnonThrottle(RateFromCurrentSettings, AnonRateThrottle):
    pass


class UserThrottle(RateFromCurrentSettings, UserRateThrottle):
    pass


class LoginThrottle(RateFromCurrentSettings, SimpleRateThrottle):
    """Password guesses against the token endpoint, counted per client address."""

    scope = "login"

    def get_cache_key(self, request, view) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class PasswordResetAddressThrottle(RateFromCurrentSettings, SimpleRateThrottle):
    """Password reset requests per client address (the reset page uses it too, outside the API)."""

    scope = "password_reset_address"

    def get_cache_key(self, request, view) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class PasswordResetEmailThrottle(RateFromCurrentSettings, SimpleRateThrottle):
    """Password reset requests per e-mail address, whoever asks: one inbox cannot be flooded."""

    scope = "password_reset_email"

    def __init__(self, email: str):
        super().__init__()
        self.email = email.strip().lower()

    def get_cache_key(self, request, view) -> str:
        return self.cache_format % {"scope": self.scope, "ident": salted_hmac(self.scope, self.email).hexdigest()}


class ReconfirmationAddressThrottle(PasswordResetAddressThrottle):
    """Requests for a new re-confirmation link, per client address."""

    scope = "reconfirmation_address"


class ReconfirmationEmailThrottle(PasswordResetEmailThrottle):
    """Requests for a new re-confirmation link, per e-mail address."""

    scope = "reconfirmation_email"
