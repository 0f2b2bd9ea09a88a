"""The client's address, trusted only as far as the configured reverse proxies (``NUM_PROXIES``).

The same rule as Django REST Framework's throttles, so the lockout, the security log, the sessions list and the API
rate limits all count the same address: with no proxy, the connection's address; behind N trusted proxies, the Nth
address from the right of X-Forwarded-For (each proxy appends the address it received the request from). Whatever a
client writes at the left of that header is never read.
"""

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR")
    proxies = settings.NUM_PROXIES
    if not proxies or not forwarded:
        return remote
    addresses = [address.strip() for address in forwarded.split(",")]
    return addresses[-min(proxies, len(addresses))] or remote
