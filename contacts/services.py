"""Writes about people that have consequences beyond the directory."""

from django.http import HttpRequest

from core.models import SecurityEventKind
from core.security_log import record

from .models import Person


def log_login_changes(
    person: Person, *, old_country: str, old_user_id: int | None, actor, request: HttpRequest | None = None
) -> None:
    """Write to the security log a change of the login linked to ``person``, or of a linked person's country (it
    decides which follow-ups the login edits). ``actor`` is who made the change."""
    if person.user_id != old_user_id:
        detail = f"person #{person.pk}: login #{old_user_id or '-'} -> #{person.user_id or '-'}"
        record(SecurityEventKind.LOGIN_LINK_CHANGED, request=request, user=person.user, actor=actor, detail=detail)
    if person.user_id is not None and person.country.code != old_country:
        detail = f"person #{person.pk}: {old_country or '-'} -> {person.country.code or '-'}"
        record(SecurityEventKind.COUNTRY_CHANGED, request=request, user=person.user, actor=actor, detail=detail)
