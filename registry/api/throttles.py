"""Rate limits per user and per anonymous address, counted in the default cache (Redis when ``REDIS_URL`` is set)."""

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class RateFromCurrentSettings:
    """DRF reads the rates once at import; read them per request so that a changed setting takes effect."""

    scope: str

    def get_rate(self) -> str | None:
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class AnonThrottle(RateFromCurrentSettings, AnonRateThrottle):
    pass


class UserThrottle(RateFromCurrentSettings, UserRateThrottle):
    pass
