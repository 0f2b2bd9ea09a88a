"""The directory in the API. A person's contact details reach only those ``PersonQuerySet.visible_to`` admits."""

import functools

from django_countries.serializers import CountryFieldMixin
from drf_spectacular.utils import extend_schema_field
from phonenumber_field.serializerfields import PhoneNumberField
from rest_framework import serializers

from core.api.base import ModelValidatedSerializer, StaffOnlyFieldsMixin

from ..models import Channel, Expertise, FocalPoint, Language, Organization, Person, Role


def codes(model) -> serializers.ManyRelatedField:
    """A list of codes of a fixed list (roles, expertise, languages, channels), an enum in the schema."""
    return code_field(model)(many=True, queryset=model.objects.all(), required=False)


@functools.cache
def code_field(model) -> type[serializers.SlugRelatedField]:
    """A code of ``model`` (``model.code_choices()``: the schema's enum). A class of its own, since DRF copies a
    field by creating it anew, which would drop what is said of one instance."""

    @extend_schema_field(serializers.ChoiceField(choices=model.code_choices()))
    class CodeField(serializers.SlugRelatedField):
        def __init__(self, **kwargs) -> None:
            super().__init__(slug_field="code", **kwargs)

    CodeField.__name__ = CodeField.__qualname__ = f"{model.__name__}CodeField"
    return CodeField


class OrganizationSerializer(CountryFieldMixin, ModelValidatedSerializer):
    class Meta:
        model = Organization
        fields = ("id", "name", "acronym", "kind", "country", "parent", "website", "active")


class PersonSummarySerializer(CountryFieldMixin, serializers.ModelSerializer):
    """A person named inside another record (a participant, a coordinator): who they are, not how to reach them."""

    name = serializers.CharField(source="__str__", read_only=True)
    organization_name = serializers.CharField(source="organization.name", read_only=True, allow_null=True)

    class Meta:
        model = Person
        fields = ("id", "name", "job_title", "country", "organization_name")
        read_only_fields = fields


class PersonSerializer(StaffOnlyFieldsMixin, CountryFieldMixin, ModelValidatedSerializer):
    organization_name = serializers.CharField(source="organization.name", read_only=True, allow_null=True)
    roles = codes(Role)
    expertise = codes(Expertise)
    languages = codes(Language)
    phone = PhoneNumberField(required=False, allow_blank=True)

    class Meta:
        model = Person
        fields = (
            "id",
            "honorific",
            "given_name",
            "family_name",
            "other_spellings",
            "job_title",
            "organization",
            "organization_name",
            "country",
            "roles",
            "expertise",
            "languages",
            "email",
            "phone",
            "secure_channel_note",
            "preferred_language",
            "active",
            "visibility",
            "legal_basis",
            "consent_recorded_on",
            "consent_note",
            "last_verified_on",
        )
        staff_only_fields = ("visibility", "legal_basis", "consent_recorded_on", "consent_note", "last_verified_on")


CONTACT_CHANNELS = ("email", "phone", "secure_channel_note")


class PersonListSerializer(PersonSerializer):
    """A person in a list or a search: everything but the contact channels, which only the person's own record
    (``PersonSerializer``, ``GET /people/{id}/``) carries, one logged read at a time."""

    class Meta(PersonSerializer.Meta):
        fields = tuple(name for name in PersonSerializer.Meta.fields if name not in CONTACT_CHANNELS)


class FocalPointSerializer(CountryFieldMixin, ModelValidatedSerializer):
    person_name = serializers.CharField(source="person", read_only=True, allow_null=True)
    organization_name = serializers.CharField(source="organization", read_only=True, allow_null=True)
    request_languages = codes(Language)
    channels = codes(Channel)
    is_current = serializers.SerializerMethodField()

    class Meta:
        model = FocalPoint
        fields = (
            "id",
            "country",
            "mandate",
            "person",
            "person_name",
            "organization",
            "organization_name",
            "legal_basis",
            "request_languages",
            "channels",
            "notes",
            "valid_from",
            "valid_until",
            "is_current",
        )

    def get_is_current(self, focal_point: FocalPoint) -> bool:
        return focal_point.is_current()
