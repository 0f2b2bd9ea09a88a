"""Fixed lists of recommendation follow-up. Codes are stored; labels are translated."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    RATIFICATION = "ratification", _("Ratification of instruments")
    AGREEMENTS = "agreements", _("Bilateral or multilateral agreements")
    COMMUNICATION_CHANNELS = "channels", _("Communication channels")
    CAPACITY_BUILDING = "capacity_building", _("Capacity building")
    LEGISLATION = "legislation", _("Legislation")
    DATA_MANAGEMENT = "data_management", _("Data management")
    VICTIM_PROTECTION = "victim_protection", _("Victim protection")
    OTHER = "other", _("Other")


class Priority(models.TextChoices):
    HIGH = "high", _("High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")


class FollowUpStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    PARTIALLY_IMPLEMENTED = "partial", _("Partially implemented")
    IMPLEMENTED = "implemented", _("Implemented")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")
    BLOCKED = "blocked", _("Blocked")


CLOSED_STATUSES = (FollowUpStatus.IMPLEMENTED, FollowUpStatus.NOT_APPLICABLE)


class ReminderKind(models.TextChoices):
    DUE_SOON = "due_soon", _("Due soon")
    OVERDUE = "overdue", _("Overdue")
    NO_UPDATE = "no_update", _("No update for a long time")


class ReminderStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Cancelled")  # the follow-up closed, or an overdue reminder took its place


UNSENT_STATUSES = (ReminderStatus.PENDING, ReminderStatus.FAILED)
