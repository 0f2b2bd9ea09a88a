"""Recommendations adopted at events, their follow-up per country, progress history and reminders.

Visibility is decided once per model by the ``visible_to(user)`` QuerySet methods; who may edit a follow-up by
``FollowUpQuerySet.editable_by(user)``.
"""

from datetime import date
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Exists, OuterRef, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from contacts.models import Person
from core import roles
from core.files import AllowedUpload, ProtectedStorage, RandomName, original_name
from events.models import Event, Pillar

from .choices import CLOSED_STATUSES, Category, FollowUpStatus, Priority, ReminderKind, ReminderStatus


class RecommendationQuerySet(models.QuerySet):
    def visible_to(self, user: roles.UserLike) -> "RecommendationQuerySet":
        """Recommendations are public text: they follow the visibility of their event."""
        return self.filter(event__in=Event.objects.visible_to(user))


class Recommendation(models.Model):
    """A recommendation adopted at an event."""

    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.PROTECT, related_name="recommendations")
    code = models.CharField(_("reference"), max_length=32, help_text=_("e.g. R1; unique within the event."))
    text = models.TextField(_("text"))
    category = models.CharField(_("category"), max_length=32, choices=Category.choices)
    pillar = models.ForeignKey(
        Pillar, verbose_name=_("pillar"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    priority = models.CharField(_("priority"), max_length=8, choices=Priority.choices, default=Priority.MEDIUM)
    history = HistoricalRecords()

    objects = RecommendationQuerySet.as_manager()

    class Meta:
        ordering = ["event", "code"]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "code"],
                name="recommendation_unique_code_per_event",
                violation_error_message=_("This event already has a recommendation with this reference."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.text[:80]}"


class FollowUpQuerySet(models.QuerySet):
    def visible_to(self, user: roles.UserLike) -> "FollowUpQuerySet":
        """Network members and staff see follow-ups of visible events; anonymous visitors only get aggregates."""
        if roles.is_iom_staff(user):
            return self
        if roles.is_network_member(user):
            return self.filter(recommendation__event__in=Event.objects.visible_to(user))
        return self.none()

    def editable_by(self, user: roles.UserLike) -> "FollowUpQuerySet":
        """Staff edit every follow-up; a national coordinator those of the country of their linked person."""
        if roles.is_iom_staff(user):
            return self
        country = roles.coordinated_country(user)
        return self.visible_to(user).filter(country=country) if country else self.none()

    def with_coordinator_visibility(self, user: roles.UserLike) -> "FollowUpQuerySet":
        """Annotate ``coordinator_visible``: may ``user`` see the coordinator in the directory?"""
        visible = Person.objects.visible_to(user).filter(pk=OuterRef("coordinator_id"))
        return self.annotate(coordinator_visible=Exists(visible))

    def open(self) -> "FollowUpQuerySet":
        return self.exclude(status__in=CLOSED_STATUSES)

    def overdue(self, on: date | None = None) -> "FollowUpQuerySet":
        return self.open().filter(due_date__lt=on or date.today())


IS_CLOSED = Case(When(status__in=CLOSED_STATUSES, then=Value(1)), default=Value(0), output_field=models.IntegerField())


class FollowUp(models.Model):
    """One recommendation as one country must implement it.

    ``status`` changes only through a ``ProgressUpdate`` (see ``recommendations.services``), so its history is
    complete.
    """

    recommendation = models.ForeignKey(
        Recommendation, verbose_name=_("recommendation"), on_delete=models.CASCADE, related_name="follow_ups"
    )
    country = CountryField(_("country"))
    coordinator = models.ForeignKey(
        Person,
        verbose_name=_("responsible coordinator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="follow_ups",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=FollowUpStatus.choices, default=FollowUpStatus.NOT_STARTED
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    assigned_on = models.DateField(_("assigned on"), default=date.today, editable=False)
    last_progress_on = models.DateField(_("last progress"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    history = HistoricalRecords()

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "country"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        constraints = [
            models.UniqueConstraint(
                fields=["recommendation", "country"],
                name="follow_up_unique_country_per_recommendation",
                violation_error_message=_("This recommendation already has a follow-up for this country."),
            ),
        ]
        indexes = [
            models.Index(fields=["country", "status"]),
            models.Index(fields=["due_date"]),
            models.Index(IS_CLOSED, "due_date", "country", "id", name="follow_up_dashboard_order"),
        ]

    # Open first, by due date, so the overdue lead; then the closed. The index above serves this order.
    DASHBOARD_ORDER = (IS_CLOSED, "due_date", "country", "pk")

    def __str__(self) -> str:
        return f"{self.recommendation.code}, {self.country.name}"

    def is_overdue(self, on: date | None = None) -> bool:
        return bool(self.due_date and self.status not in CLOSED_STATUSES and self.due_date < (on or date.today()))


# On the model field, so that the page's form, the admin and the API check evidence the same way.
EVIDENCE_VALIDATORS = [AllowedUpload()]


def validate_evidence_size(upload) -> None:
    """Named by migration 0004; uploads are checked by ``core.files.AllowedUpload`` now."""
    AllowedUpload()(upload)


class ProgressUpdateQuerySet(models.QuerySet):
    def visible_to(self, user: roles.UserLike) -> "ProgressUpdateQuerySet":
        """The status history: every update of the follow-ups the user may see."""
        return self.filter(follow_up__in=FollowUp.objects.visible_to(user))

    def details_visible_to(self, user: roles.UserLike) -> "ProgressUpdateQuerySet":
        """Updates whose note and evidence the user may read: staff all; a country's coordinators their country's;
        other members those shared with the network, and their own."""
        visible = self.visible_to(user)
        if roles.is_iom_staff(user):
            return visible
        if not user.is_authenticated:
            return visible.none()
        shared = Q(shared_with_network=True) | Q(author=user)
        country = roles.coordinated_country(user)
        return visible.filter(shared | Q(follow_up__country=country) if country else shared)


class ProgressUpdate(models.Model):
    """Append-only entry on a follow-up: who reported what, when, and the status before and after."""

    follow_up = models.ForeignKey(
        FollowUp, verbose_name=_("follow-up"), on_delete=models.CASCADE, related_name="progress_updates"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,  # empty for updates recorded by the system (imports, demo data) or by a deleted user
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    status_before = models.CharField(_("status before"), max_length=16, choices=FollowUpStatus.choices)
    status_after = models.CharField(_("status after"), max_length=16, choices=FollowUpStatus.choices)
    note = models.TextField(_("note"), blank=True)
    evidence_url = models.URLField(_("evidence link"), blank=True, max_length=500)
    evidence_file = models.FileField(
        _("evidence file"),
        upload_to=RandomName("evidence"),
        storage=ProtectedStorage(),
        blank=True,
        validators=EVIDENCE_VALIDATORS,
    )
    evidence_name = models.CharField(_("evidence file name"), max_length=255, blank=True, editable=False)
    shared_with_network = models.BooleanField(
        _("shared with the network"),
        default=False,
        help_text=_(
            "Network members of other countries see the note and the evidence too; otherwise only this country's "
            "coordinators and IOM staff do, and others see the status change alone."
        ),
    )

    objects = ProgressUpdateQuerySet.as_manager()

    class Meta:
        ordering = ["follow_up", "created_at"]
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")

    def __str__(self) -> str:
        return f"{self.follow_up}: {self.get_status_before_display()} → {self.get_status_after_display()}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValidationError(_("Progress updates cannot be changed once recorded."))
        self.evidence_name = original_name(self.evidence_file) or self.evidence_name
        super().save(*args, **kwargs)

    @property
    def evidence_download_name(self) -> str:
        return self.evidence_name or PurePath(self.evidence_file.name).name


class ReminderQuerySet(models.QuerySet):
    def visible_to(self, user: roles.UserLike) -> "ReminderQuerySet":
        return self if roles.is_iom_staff(user) else self.none()


class Reminder(models.Model):
    """One reminder that is due or was sent: the outbox row of the reminder sweep (DESIGN.md, "Reminders")."""

    follow_up = models.ForeignKey(
        FollowUp, verbose_name=_("follow-up"), on_delete=models.CASCADE, related_name="reminders"
    )
    recipient = models.ForeignKey(
        Person, verbose_name=_("recipient"), on_delete=models.PROTECT, related_name="reminders"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=ReminderKind.choices)
    period_key = models.CharField(_("period"), max_length=32, help_text=_("Which due date or week it is for."))
    status = models.CharField(
        _("status"), max_length=16, choices=ReminderStatus.choices, default=ReminderStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    not_before = models.DateTimeField(
        _("not before"), default=timezone.now, help_text=_("A pending reminder waits until then after a failed send.")
    )
    daily_retries = models.PositiveSmallIntegerField(
        _("daily retries"), default=0, help_text=_("How often a later sweep has tried this failed reminder again.")
    )
    retried_on = models.DateField(_("last retried on"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    objects = ReminderQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["follow_up", "kind", "period_key"],
                name="reminder_unique_per_period",
                violation_error_message=_("This reminder already exists for this period."),
            ),
        ]
        indexes = [models.Index(fields=["status", "recipient"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.period_key}: {self.follow_up}"
