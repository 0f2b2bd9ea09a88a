"""Rate limits per user and per anonymous address, counted in the default cache (Redis when ``REDIS_URL`` is set)."""

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, SimpleRateThrottle, UserRateThrottle


class RateFromCurrentSettings:
    """DRF reads the rates once at import; read them per request so that a changed setting takes effect."""

    scope: str

    def get_rate(self) -> str | None:
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class AnonThrottle(RateFromCurrentSettings, AnonRateThrottle):
    pass


class UserThrottle(RateFromCurrentSettings, UserRateThrottle):
    pass


class LoginThrottle(RateFromCurrentSettings, SimpleRateThrottle):
    """Password guesses against the token endpoint, counted per client address."""

    scope = "login"

    def get_cache_key(self, request, view) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
