"""Follow-up in the API. Status is read-only everywhere except through a progress update."""

from django_countries.serializers import CountryFieldMixin
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from contacts.api.serializers import PersonSummarySerializer, code_field
from contacts.naming import names_for
from events.models import Pillar

from ..choices import FollowUpStatus
from ..models import FollowUp, ProgressUpdate, Recommendation, Reminder


class RecommendationSerializer(serializers.ModelSerializer):
    pillar = code_field(Pillar)(read_only=True, allow_null=True)
    follow_up_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Recommendation
        fields = ("id", "event", "code", "text", "category", "pillar", "priority", "follow_up_count")
        read_only_fields = fields


class FollowUpSerializer(CountryFieldMixin, serializers.ModelSerializer):
    event = serializers.IntegerField(source="recommendation.event_id", read_only=True)
    coordinator = serializers.SerializerMethodField()
    is_overdue = serializers.SerializerMethodField()

    class Meta:
        model = FollowUp
        fields = (
            "id",
            "recommendation",
            "event",
            "country",
            "coordinator",
            "status",
            "due_date",
            "last_progress_on",
            "is_overdue",
            "notes",
        )
        read_only_fields = fields

    @extend_schema_field(PersonSummarySerializer(allow_null=True))
    def get_coordinator(self, follow_up: FollowUp) -> dict | None:
        """The coordinator, when the caller may see them in the directory (``coordinator_visible``, annotated)."""
        if follow_up.coordinator is None or not follow_up.coordinator_visible:
            return None
        return PersonSummarySerializer(follow_up.coordinator, context=self.context).data

    def get_is_overdue(self, follow_up: FollowUp) -> bool:
        return follow_up.is_overdue()


class ProgressUpdateSerializer(serializers.ModelSerializer):
    """A progress report on a follow-up. Posting one is the only way its status changes."""

    author = serializers.SerializerMethodField(
        help_text="Who reported it: their name when you may see them, otherwise their role (IOM staff, national "
        "coordinator of a country). Never a login name."
    )
    status = serializers.ChoiceField(source="status_after", choices=FollowUpStatus.choices, write_only=True)

    class Meta:
        model = ProgressUpdate
        fields = (
            "id",
            "follow_up",
            "author",
            "created_at",
            "status_before",
            "status_after",
            "status",
            "note",
            "evidence_url",
            "evidence_file",
            "shared_with_network",
        )
        read_only_fields = ("id", "follow_up", "author", "created_at", "status_before", "status_after")

    def to_representation(self, update: ProgressUpdate) -> dict:
        """The note and evidence only for those who may read them (``ProgressUpdateQuerySet.details_visible_to``):
        the view gives the ids as ``readable_updates``; others get the status change with these fields empty."""
        data = super().to_representation(update)
        readable = self.context.get("readable_updates")
        if readable is not None and update.pk not in readable:
            data.update(note="", evidence_url="", evidence_file=None)
        return data

    def get_author(self, update: ProgressUpdate) -> str | None:
        """Names come from the view's ``author_names`` (one look-up for the whole list), else are looked up here."""
        if update.author_id is None:
            return None
        names = self.context.get("author_names")
        if names is None:
            names = names_for([update.author_id], self.context["request"].user)
        return names.get(update.author_id)


class ReminderSerializer(serializers.ModelSerializer):
    recipient = serializers.StringRelatedField(read_only=True)

    class Meta:
        model = Reminder
        fields = (
            "id",
            "follow_up",
            "recipient",
            "kind",
            "period_key",
            "status",
            "attempts",
            "last_error",
            "created_at",
            "sent_at",
        )
        read_only_fields = fields
