from django.conf import settings
from rest_framework import serializers

from contacts.choices import Mandate
from core.models import ApiToken
from recommendations.choices import FollowUpStatus


class MeSerializer(serializers.Serializer):
    username = serializers.CharField()
    name = serializers.CharField(source="get_full_name")
    role = serializers.ChoiceField(
        choices=["iom_staff", "national_coordinator", "network_member"], allow_null=True, help_text="Strongest role."
    )
    country = serializers.CharField(allow_null=True, help_text="ISO code of the country of the linked person.")
    person = serializers.IntegerField(allow_null=True, help_text="The linked directory entry.")


class TokenLoginSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=4096, trim_whitespace=False, style={"input_type": "password"})
    otp = serializers.CharField(
        max_length=16,
        required=False,
        allow_blank=True,
        help_text="The code of your authenticator app, or a backup code: needed when two-factor authentication is on "
        "for your account (always for IOM staff).",
    )
    name = serializers.CharField(
        max_length=100, required=False, default="API client", help_text="What will use the token."
    )


class ApiTokenSerializer(serializers.ModelSerializer):
    class Meta:
        model = ApiToken
        fields = ("id", "name", "created", "expiry")
        read_only_fields = ("id", "created", "expiry")


class NewApiTokenSerializer(ApiTokenSerializer):
    token = serializers.CharField(
        read_only=True,
        help_text=f"Send it as 'Authorization: Token <token>'. Shown only in this answer; it expires after "
        f"{settings.API_TOKEN_DAYS} days, or when you change your password.",
    )

    class Meta(ApiTokenSerializer.Meta):
        fields = (*ApiTokenSerializer.Meta.fields, "token")


def counts_by(choices) -> serializers.DictField:
    return serializers.DictField(
        child=serializers.IntegerField(), help_text=f"Keys: {', '.join(choices.values)}; absent means none."
    )


class CountryFocalPointSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    mandate = serializers.CharField()
    person = serializers.IntegerField(source="person_id", allow_null=True)
    person_name = serializers.CharField(source="person", allow_null=True)
    organization = serializers.IntegerField(source="organization_id", allow_null=True)
    organization_name = serializers.CharField(source="organization", allow_null=True)
    valid_from = serializers.DateField(allow_null=True)
    valid_until = serializers.DateField(allow_null=True)


class CountrySummarySerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    contact_count = serializers.IntegerField()
    events_attended = serializers.IntegerField()
    events_hosted = serializers.IntegerField()
    focal_point_counts = counts_by(Mandate)
    follow_ups_by_status = counts_by(FollowUpStatus)


class CountryDetailSerializer(CountrySummarySerializer):
    focal_points = CountryFocalPointSerializer(
        many=True, allow_null=True, help_text="Current designations; null for anonymous visitors."
    )
