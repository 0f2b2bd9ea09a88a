from rest_framework import serializers
from rest_framework.authtoken.models import Token

from contacts.choices import Mandate
from recommendations.choices import FollowUpStatus


class MeSerializer(serializers.Serializer):
    username = serializers.CharField()
    name = serializers.CharField(source="get_full_name")
    role = serializers.ChoiceField(
        choices=["iom_staff", "national_coordinator", "network_member"], allow_null=True, help_text="Strongest role."
    )
    country = serializers.CharField(allow_null=True, help_text="ISO code of the country of the linked person.")
    person = serializers.IntegerField(allow_null=True, help_text="The linked directory entry.")


class TokenSerializer(serializers.ModelSerializer):
    class Meta:
        model = Token
        fields = ("key", "created")
        read_only_fields = fields


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
