"""Events in the API. Who attended is personal data: it is served apart, at ``/events/{id}/participants/``."""

from django_countries.serializers import CountryFieldMixin
from rest_framework import serializers

from contacts.api.serializers import PersonSummarySerializer, code_field
from core.api.base import ModelValidatedSerializer

from ..models import (
    BilateralTreaty,
    Document,
    Event,
    EventCountry,
    EventOrganization,
    Instrument,
    Participation,
    Pillar,
    Programme,
    Theme,
    TreatyStatus,
)


class EventOrganizationSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="organization.name", read_only=True)
    acronym = serializers.CharField(source="organization.acronym", read_only=True)

    class Meta:
        model = EventOrganization
        fields = ("organization", "name", "acronym", "role")
        read_only_fields = fields


class EventCountrySerializer(CountryFieldMixin, serializers.ModelSerializer):
    class Meta:
        model = EventCountry
        fields = ("country", "delegation_size")
        read_only_fields = fields


class EventSerializer(CountryFieldMixin, serializers.ModelSerializer):
    organizations = EventOrganizationSerializer(many=True, read_only=True)
    countries = EventCountrySerializer(many=True, read_only=True)
    programmes = serializers.StringRelatedField(many=True, read_only=True)
    themes = serializers.StringRelatedField(many=True, read_only=True)
    pillars = code_field(Pillar)(many=True, read_only=True)
    instruments = serializers.StringRelatedField(many=True, read_only=True)
    sdg_goals = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    gcm_objectives = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    recorded_participant_count = serializers.IntegerField(read_only=True)
    participating_country_count = serializers.IntegerField(read_only=True)
    source_links = serializers.SerializerMethodField()
    previous_event = serializers.IntegerField(
        source="visible_previous_event_id",
        read_only=True,
        allow_null=True,
        help_text="The previous edition of the series, when the caller may see it.",
    )

    class Meta:
        model = Event
        fields = (
            "id",
            "title",
            "kind",
            "status",
            "start_date",
            "end_date",
            "date_note",
            "city",
            "host_country",
            "summary",
            "previous_event",
            "organizations",
            "countries",
            "programmes",
            "themes",
            "pillars",
            "instruments",
            "sdg_goals",
            "gcm_objectives",
            "reported_participant_count",
            "recorded_participant_count",
            "reported_country_count",
            "participating_country_count",
            "source_links",
            "source_note",
        )
        read_only_fields = fields

    def get_source_links(self, event: Event) -> list[str]:
        return [line.strip() for line in event.source_links.splitlines() if line.strip()]


class ParticipationSerializer(CountryFieldMixin, ModelValidatedSerializer):
    person_detail = PersonSummarySerializer(source="person", read_only=True)

    class Meta:
        model = Participation
        fields = ("id", "event", "person", "person_detail", "role", "delegation_country", "attended")


class DocumentSerializer(ModelValidatedSerializer):
    class Meta:
        model = Document
        fields = ("id", "event", "kind", "title", "file", "url", "visibility")


class ThemeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Theme
        fields = ("id", "name")
        read_only_fields = fields


class ProgrammeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Programme
        fields = ("id", "name", "acronym")
        read_only_fields = fields


class InstrumentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Instrument
        fields = ("id", "code", "name", "short_name", "adopted_on")
        read_only_fields = fields


class TreatyStatusSerializer(CountryFieldMixin, serializers.ModelSerializer):
    instrument_code = serializers.CharField(source="instrument.code", read_only=True)
    instrument_name = serializers.CharField(source="instrument.name", read_only=True)
    instrument_short_name = serializers.CharField(source="instrument.short_name", read_only=True)
    is_party = serializers.BooleanField(
        read_only=True, help_text="Ratified, acceded, accepted or succeeded: a signature alone is not."
    )
    source_link = serializers.CharField(read_only=True, help_text="A web address (http or https), or empty.")

    class Meta:
        model = TreatyStatus
        fields = (
            "id",
            "country",
            "instrument",
            "instrument_code",
            "instrument_name",
            "instrument_short_name",
            "action",
            "is_party",
            "date",
            "reservations",
            "source_note",
            "source_link",
            "demo",
        )
        read_only_fields = fields


class BilateralTreatySerializer(CountryFieldMixin, serializers.ModelSerializer):
    source_link = serializers.CharField(read_only=True, help_text="A web address (http or https), or empty.")

    class Meta:
        model = BilateralTreaty
        fields = (
            "id",
            "country_a",
            "country_b",
            "kind",
            "title",
            "signed_on",
            "in_force_on",
            "notes",
            "source_link",
            "demo",
        )
        read_only_fields = fields
