"""API tokens: created, listed and revoked by their owner; checked on every API request.

django-rest-knox stores a token as its hash and refuses expired ones. On top of it: each token has a name, a token
issued before the owner's password last changed is refused and revoked (whichever way the password changed), and
every refused token counts toward the lockout of the address, like a wrong password.
"""

from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from knox.auth import TokenAuthentication
from rest_framework import exceptions

from .lockout import count_failure
from .models import ApiToken, SecurityEventKind, password_fingerprint
from .security_log import record

REFUSED = _("This API token is unknown, expired or revoked. Sign in again to get a new one.")


def create_token(user, name: str, *, request: HttpRequest | None = None) -> tuple[ApiToken, str]:
    """A new token for ``user``; the key is returned once, here, and never stored."""
    token, key = ApiToken.objects.create(user=user, name=name.strip(), password_fingerprint=password_fingerprint(user))
    record(SecurityEventKind.TOKEN_CREATED, request=request, user=user, detail=token.name)
    return token, key


def revoke_token(token: ApiToken, *, request: HttpRequest | None = None, actor=None) -> None:
    record(SecurityEventKind.TOKEN_REVOKED, request=request, user=token.user, actor=actor, detail=token.name)
    token.delete()


@transaction.atomic
def revoke_all_tokens(user, reason: str, *, request: HttpRequest | None = None, actor=None) -> int:
    tokens = list(ApiToken.objects.filter(user=user))
    for token in tokens:
        record(
            SecurityEventKind.TOKEN_REVOKED, request=request, user=user, actor=actor, detail=f"{token.name}: {reason}"
        )
    ApiToken.objects.filter(pk__in=[token.pk for token in tokens]).delete()
    return len(tokens)


class ApiTokenAuthentication(TokenAuthentication):
    """``Authorization: Token <key>``, as knox checks it, plus the password rule and lockout counting."""

    def authenticate(self, request):
        try:
            return super().authenticate(request)
        except exceptions.AuthenticationFailed as refusal:
            count_failure(request._request, getattr(refusal, "username", None), SecurityEventKind.TOKEN_REFUSED)
            raise exceptions.AuthenticationFailed(REFUSED) from refusal

    def validate_user(self, auth_token: ApiToken):
        user = auth_token.user
        if not user.is_active or not auth_token.issued_under_current_password():
            reason = "account deactivated" if not user.is_active else "password changed"
            revoke_all_tokens(user, reason)
            refusal = exceptions.AuthenticationFailed(REFUSED)
            refusal.username = user.get_username()
            raise refusal
        return super().validate_user(auth_token)
