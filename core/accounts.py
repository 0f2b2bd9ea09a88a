"""What follows a change of password, whichever page it was made on."""

from django.http import HttpRequest

from .models import SecurityEventKind
from .security_log import record
from .sessions import end_sessions
from .tokens import revoke_all_tokens


def password_changed(user, *, request: HttpRequest, how: str, keep_session: str | None = None) -> None:
    """End the user's other sessions and revoke all their API tokens, and log the change.

    Django would already refuse the other sessions at their next request (their password hash no longer matches) and
    the tokens carry a fingerprint of the old password; ending both here also takes them off the user's lists.
    """
    end_sessions(user, keep=keep_session)
    revoke_all_tokens(user, "password changed", request=request)
    record(SecurityEventKind.PASSWORD_CHANGED, request=request, user=user, detail=how)
