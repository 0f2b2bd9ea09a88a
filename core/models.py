"""What the registry keeps about sign-in: the security log and the API tokens.

Neither holds a secret: the log records what happened, never a password, code or token; a token is kept as its
hash (django-rest-knox), with the first characters knox needs to find it.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from knox.models import AbstractAuthToken, AuthTokenManager
from knox.settings import CONSTANTS


class SecurityEventKind(models.TextChoices):
    LOGIN_FAILED = "login_failed", _("failed login")
    SECOND_FACTOR_FAILED = "second_factor_failed", _("refused two-factor code")
    TOKEN_REFUSED = "token_refused", _("refused API token")
    LOCKED_OUT = "locked_out", _("locked out")
    UNLOCKED = "unlocked", _("unlocked by staff")
    TOKEN_CREATED = "token_created", _("API token created")
    TOKEN_REVOKED = "token_revoked", _("API token revoked")
    TWO_FACTOR_ENROLLED = "two_factor_enrolled", _("two-factor authentication set up")
    TWO_FACTOR_DISABLED = "two_factor_disabled", _("two-factor authentication turned off")
    TWO_FACTOR_RESET = "two_factor_reset", _("two-factor authentication reset")
    BACKUP_CODES_CREATED = "backup_codes_created", _("backup codes created")
    PASSWORD_RESET_REQUESTED = "password_reset_requested", _("password reset requested")
    PASSWORD_CHANGED = "password_changed", _("password changed")
    SESSION_ENDED = "session_ended", _("session ended by the user")
    GROUPS_CHANGED = "groups_changed", _("groups changed")
    COUNTRY_CHANGED = "country_changed", _("country of a linked person changed")
    LOGIN_LINK_CHANGED = "login_link_changed", _("login linked to a person changed")
    ACCOUNT_DEACTIVATED = "account_deactivated", _("account deactivated")
    THROTTLED = "throttled", _("request throttled")
    CONTACT_READS_ALERT = "contact_reads_alert", _("many contact details read")
    PERSON_ERASED = "person_erased", _("person erased on request")
    RETENTION_APPLIED = "retention_applied", _("old rows deleted (retention)")


class SecurityEvent(models.Model):
    """One thing that happened at a way in or to an account. Append-only: staff read it, nobody edits it."""

    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    kind = models.CharField(_("what"), max_length=32, choices=SecurityEventKind.choices, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="security_events",
    )
    username = models.CharField(_("user name given"), max_length=150, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("done by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Who did it, when not the account's owner (staff, a superuser)."),
    )
    ip_address = models.GenericIPAddressField(_("client address"), null=True, blank=True)
    detail = models.CharField(_("detail"), max_length=255, blank=True)

    class Meta:
        ordering = ("-at", "-pk")
        verbose_name = _("security event")
        verbose_name_plural = _("security log")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_kind_display()} {self.username}"


class ApiTokenQuerySet(models.QuerySet):
    def usable(self):
        """Tokens not yet expired (knox also refuses and deletes expired ones when they are presented)."""
        return self.filter(models.Q(expiry__isnull=True) | models.Q(expiry__gt=timezone.now()))


class ApiToken(AbstractAuthToken):
    """An API token: its hash, a name its owner chose, its expiry, and a fingerprint of the password it was issued
    under, so that a changed password ends it whichever way the password was changed."""

    id = models.BigAutoField(primary_key=True)
    digest = models.CharField(max_length=CONSTANTS.DIGEST_LENGTH, unique=True)
    name = models.CharField(_("name"), max_length=100, help_text=_("What uses it, e.g. “case-management tool”."))
    password_fingerprint = models.CharField(max_length=64, editable=False)

    objects = AuthTokenManager.from_queryset(ApiTokenQuerySet)()  # knox's create() returns (token, key)

    class Meta:
        ordering = ("-created", "-pk")
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.user})"

    def issued_under_current_password(self) -> bool:
        return self.password_fingerprint == password_fingerprint(self.user)


def password_fingerprint(user) -> str:
    """Changes whenever the user's password hash changes; reveals nothing about the password."""
    return salted_hmac("core.ApiToken.password", user.password or "").hexdigest()


class OutboundEmailStatus(models.TextChoices):
    PENDING = "pending", _("pending")
    SENDING = "sending", _("sending")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed")


class OutboundEmail(models.Model):
    """An e-mail the registry must send (staff alerts), written in the transaction that decides it and sent by a
    Celery task that claims it first (``core.outbox``): the broker may repeat or lose the task, the row decides."""

    key = models.CharField(_("key"), max_length=200, unique=True, help_text=_("The same message twice is one row."))
    kind = models.CharField(_("kind"), max_length=32, db_index=True)
    recipients = models.JSONField(_("recipients"), default=list)
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("body"))
    status = models.CharField(
        _("status"), max_length=8, choices=OutboundEmailStatus.choices, default=OutboundEmailStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-pk")
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")

    def __str__(self) -> str:
        return self.subject
